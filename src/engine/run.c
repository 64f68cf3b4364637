/* The check runner and the context checks report through (check.h). */
#include "run.h"
#include <assert.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/strutil.h"

#define MAX_EVIDENCE_PER_FINDING 50

struct fc_ctx {
	struct fc_run *run;
	struct fc_result *res;
	const struct fc_check_meta *meta;
	enum fc_rstatus forced;		/* MANUAL/NA/ERROR set by the check, or PASS */
	const char *reason;
	const char *note;
};

const char *fc_rstatus_name(enum fc_rstatus s)
{
	static const char *n[] = {"pass", "fail", "manual", "not_applicable", "error"};
	return s < FC_R__COUNT ? n[s] : "?";
}

const char *fc_severity_name(enum fc_severity s)
{
	static const char *n[] = {"critical", "high", "medium", "low", "info"};
	return s < FC_SEV__COUNT ? n[s] : "?";
}

int fc_severity_parse(const char *s)
{
	for (int i = 0; i < FC_SEV__COUNT; i++)
		if (s && fc_strieq(s, fc_severity_name((enum fc_severity)i)))
			return i;
	if (s && (fc_strieq(s, "informational") || fc_strieq(s, "none")))
		return FC_SEV_INFO;
	return -1;
}

void fc_fingerprint(const void *data, size_t n, char out[33])
{
	unsigned char md[32];
	unsigned int len = 0;
	if (!EVP_Digest(data, n, md, &len, EVP_sha256(), NULL))
		memset(md, 0, sizeof md);
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[32] = '\0';
}

const struct fc_bundle *fc_ctx_bundle(const struct fc_ctx *c) { return c->run->bundle; }
int32_t fc_ctx_asof(const struct fc_ctx *c) { return c->run->as_of; }
const char *fc_ctx_check_id(const struct fc_ctx *c) { return c->meta->id; }
bool fc_ctx_zh(const struct fc_ctx *c) { return c->run->zh; }

static char *vfmt(struct fc_arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	char *s = fc_arena_alloc(a, (size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static size_t ix_hash(const char *id)
{
	size_t h = 0;
	for (int i = 0; i < 16; i++)
		h = h * 31 + (unsigned char)id[i];
	return h;
}

static int ix_grow(struct fc_run *r)
{
	size_t cap = r->ixcap ? r->ixcap * 2 : 1024;
	struct fc_finding **ix = fc_calloc(cap, sizeof(*ix));
	if (!ix)
		return -1;
	for (size_t i = 0; i < r->ixcap; i++)
		if (r->ix[i]) {
			size_t h = ix_hash(r->ix[i]->id) & (cap - 1);
			while (ix[h])
				h = (h + 1) & (cap - 1);
			ix[h] = r->ix[i];
		}
	fc_free(r->ix);
	r->ix = ix;
	r->ixcap = cap;
	return 0;
}

static struct fc_finding *ix_find(struct fc_run *r, const char *id)
{
	if (!r->ixcap)
		return NULL;
	size_t h = ix_hash(id) & (r->ixcap - 1);
	while (r->ix[h]) {
		if (!strcmp(r->ix[h]->id, id))
			return r->ix[h];
		h = (h + 1) & (r->ixcap - 1);
	}
	return NULL;
}

static int ix_add(struct fc_run *r, struct fc_finding *f)
{
	if ((r->nfindings + 1) * 2 > r->ixcap && ix_grow(r))
		return -1;
	size_t h = ix_hash(f->id) & (r->ixcap - 1);
	while (r->ix[h])
		h = (h + 1) & (r->ixcap - 1);
	r->ix[h] = f;
	return 0;
}

static void compute_id(struct fc_finding *f)
{
	struct fc_buf b;
	fc_buf_init(&b, 0);
	fc_buf_adds(&b, f->check->id);
	fc_buf_addc(&b, '\n');
	fc_buf_adds(&b, f->object_type);
	fc_buf_addc(&b, '\n');
	fc_buf_adds(&b, f->ident ? f->ident : f->object);
	fc_buf_addc(&b, '\n');
	if (f->key)
		fc_buf_adds(&b, f->key);
	fc_fingerprint(fc_buf_str(&b), b.len, f->id);
	fc_buf_release(&b);
}

void fc_finding_evidence(struct fc_ctx *c, struct fc_finding *f, const struct fc_ref *ev)
{
	if (!f || !ev || !ev->file)
		return;
	for (size_t i = 0; i < f->nev; i++)
		if (f->ev[i].line == ev->line && !strcmp(f->ev[i].file, ev->file))
			return;
	if (f->nev >= MAX_EVIDENCE_PER_FINDING) {
		f->ev_more++;
		return;
	}
	if (f->nev == f->cap_ev) {
		size_t cap = f->cap_ev ? f->cap_ev * 2 : 2;
		struct fc_evidence *n = fc_arena_alloc(&c->run->arena, sizeof(*n) * cap);
		if (!n) {
			c->run->hard_error = FC_ENOMEM;
			return;
		}
		if (f->nev)
			memcpy(n, f->ev, sizeof(*n) * f->nev);
		f->ev = n;
		f->cap_ev = cap;
	}
	/* copies: a check may pass text from its stack */
	f->ev[f->nev].file = fc_arena_strdup(&c->run->arena, ev->file);
	f->ev[f->nev].line = ev->line;
	f->ev[f->nev].excerpt = ev->excerpt ? fc_arena_strdup(&c->run->arena, ev->excerpt) : NULL;
	if (!f->ev[f->nev].file || (ev->excerpt && !f->ev[f->nev].excerpt)) {
		c->run->hard_error = FC_ENOMEM;
		return;
	}
	f->nev++;
}

static struct fc_finding *emit(struct fc_ctx *c, const char *object_type, const char *object,
			       const char *key, const struct fc_ref *ev, const char *fmt, va_list ap)
{
	struct fc_run *r = c->run;
	struct fc_finding *f = fc_arena_alloc(&r->arena, sizeof(*f));
	if (!f) {
		r->hard_error = FC_ENOMEM;
		return NULL;
	}
	f->check = c->meta;
	f->run = r;
	f->severity = c->meta->severity;
	f->object_type = fc_arena_strdup(&r->arena, object_type ? object_type : "object");
	f->object = fc_arena_strdup(&r->arena, object ? object : "");
	f->key = key ? fc_arena_strdup(&r->arena, key) : NULL;
	f->detail = vfmt(&r->arena, fmt, ap);
	f->due_start = r->as_of;
	f->due = FC_NO_DATE;
	if (!f->object_type || !f->object || !f->detail) {
		r->hard_error = FC_ENOMEM;
		return NULL;
	}
	compute_id(f);
	/* the same deficiency seen twice: one finding with both pieces of evidence */
	struct fc_finding *old = ix_find(r, f->id);
	if (old) {
		fc_finding_evidence(c, old, ev);
		return old;
	}
	if (r->nfindings == r->capf) {
		size_t cap = r->capf ? r->capf * 2 : 64;
		struct fc_finding **v = fc_reallocarray(r->findings, cap, sizeof(*v));
		if (!v) {
			r->hard_error = FC_ENOMEM;
			return NULL;
		}
		r->findings = v;
		r->capf = cap;
	}
	if (ix_add(r, f)) {
		r->hard_error = FC_ENOMEM;
		return NULL;
	}
	r->findings[r->nfindings++] = f;
	c->res->nfindings++;
	fc_finding_evidence(c, f, ev);
	return f;
}

struct fc_finding *fc_emit(struct fc_ctx *c, const char *object_type, const char *object,
			   const struct fc_ref *ev, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct fc_finding *f = emit(c, object_type, object, NULL, ev, fmt, ap);
	va_end(ap);
	return f;
}

struct fc_finding *fc_emit_key(struct fc_ctx *c, const char *object_type, const char *object,
			       const char *key, const struct fc_ref *ev, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct fc_finding *f = emit(c, object_type, object, key, ev, fmt, ap);
	va_end(ap);
	return f;
}

/* Re-key a finding: recompute its id (and keep the index consistent). */
void fc_finding_key(struct fc_finding *f, const char *key)
{
	if (!f || !key)
		return;
	/* copied: checks pass keys built on their stack */
	f->key = fc_arena_strdup(&f->run->arena, key);
	if (!f->key) {
		f->run->hard_error = FC_ENOMEM;
		return;
	}
	compute_id(f);
	f->rekeyed = true; /* duplicates are merged when the run is finalized */
}

void fc_finding_identity(struct fc_finding *f, const char *ident)
{
	if (!f || !ident)
		return;
	f->ident = fc_arena_strdup(&f->run->arena, ident);
	if (!f->ident) {
		f->run->hard_error = FC_ENOMEM;
		return;
	}
	compute_id(f);
	f->rekeyed = true;
}

void fc_finding_severity(struct fc_finding *f, enum fc_severity s)
{
	if (f)
		f->severity = s;
}

void fc_finding_due_from(struct fc_finding *f, int32_t day)
{
	if (f && day != FC_NO_DATE)
		f->due_start = day;
}

void fc_finding_due(struct fc_finding *f, int32_t day)
{
	if (f) {
		f->due = day;
		f->due_fixed = true;
	}
}

void fc_finding_system(struct fc_finding *f, const char *system_id)
{
	if (f)
		f->system_id = system_id;
}

static void set_status(struct fc_ctx *c, enum fc_rstatus s, const char *fmt, va_list ap)
{
	/* error outranks manual outranks n/a */
	if (c->forced == FC_R_ERROR || (c->forced == FC_R_MANUAL && s == FC_R_NA))
		return;
	c->forced = s;
	c->reason = vfmt(&c->run->arena, fmt, ap);
}

void fc_manual(struct fc_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_status(c, FC_R_MANUAL, fmt, ap);
	va_end(ap);
}

void fc_not_applicable(struct fc_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_status(c, FC_R_NA, fmt, ap);
	va_end(ap);
}

void fc_check_error(struct fc_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_status(c, FC_R_ERROR, fmt, ap);
	va_end(ap);
}

void fc_note(struct fc_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	c->note = vfmt(&c->run->arena, fmt, ap);
	va_end(ap);
}

static bool declared(struct fc_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->meta->nparams; i++)
		if (!strcmp(c->meta->params[i], name))
			return true;
	return false;
}

static const struct fc_param_val *param(struct fc_ctx *c, const char *name)
{
	if (!declared(c, name)) {
		/* a bug: the metadata must list every parameter the code reads */
		fprintf(stderr, "BUG: check %s reads undeclared parameter %s\n", c->meta->id, name);
		assert(!"undeclared parameter");
		return NULL;
	}
	return fc_params_get(c->run->params, name);
}

double fc_param(struct fc_ctx *c, const char *name)
{
	const struct fc_param_val *v = param(c, name);
	return v ? v->num : 0;
}

double fc_param_key(struct fc_ctx *c, const char *name, const char *key, double def)
{
	const struct fc_param_val *v = param(c, name);
	if (!v || v->def->type != FC_PT_MAP)
		return def;
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->list[i], key))
			return v->map_vals[i];
	return def;
}

size_t fc_param_list(struct fc_ctx *c, const char *name, const char *const **items)
{
	const struct fc_param_val *v = param(c, name);
	if (!v) {
		*items = NULL;
		return 0;
	}
	*items = v->list;
	return v->n;
}

bool fc_param_list_has(struct fc_ctx *c, const char *name, const char *value)
{
	const char *const *items;
	size_t n = fc_param_list(c, name, &items);
	for (size_t i = 0; i < n; i++)
		if (fc_strieq(items[i], value))
			return true;
	return false;
}

int fc_fix_days(struct fc_ctx *c, enum fc_severity s)
{
	const char *name = declared(c, "vuln_fix_days") ? "vuln_fix_days" : "remediation_days";
	const struct fc_param_val *v = fc_params_get(c->run->params, name);
	if (!v)
		return -1;
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->list[i], fc_severity_name(s)))
			return (int)v->map_vals[i];
	return -1;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_id(const void *a, const void *b)
{
	const struct fc_finding *x = *(struct fc_finding *const *)a, *y = *(struct fc_finding *const *)b;
	return strcmp(x->id, y->id);
}

static int cmp_finding(const void *a, const void *b)
{
	const struct fc_finding *x = *(struct fc_finding *const *)a, *y = *(struct fc_finding *const *)b;
	if (x->severity != y->severity)
		return (int)x->severity - (int)y->severity;
	int c = strcmp(x->check->id, y->check->id);
	if (c)
		return c;
	c = strcmp(x->object, y->object);
	if (c)
		return c;
	return strcmp(x->id, y->id);
}

enum fc_status fc_run_checks(struct fc_bundle *b, const struct fc_catalog *cat, const struct fc_params *p,
			     const struct fc_run_opts *o, struct fc_run **out)
{
	*out = NULL;
	struct fc_run *r = fc_calloc(1, sizeof(*r));
	if (!r)
		return FC_ENOMEM;
	fc_arena_init(&r->arena);
	r->cat = cat;
	r->params = p;
	r->bundle = b;
	r->as_of = b->as_of;
	r->zh = o ? o->zh : true;
	r->results = fc_arena_alloc(&r->arena, sizeof(*r->results) * (cat->nchecks ? cat->nchecks : 1));
	if (!r->results) {
		fc_run_free(r);
		return FC_ENOMEM;
	}
	for (size_t i = 0; i < cat->nchecks; i++) {
		const struct fc_check_meta *m = &cat->checks[i];
		if (o && o->only_area && strcmp(m->area, o->only_area))
			continue;
		struct fc_result *res = &r->results[r->nresults++];
		res->meta = m;
		res->controls = fc_arena_alloc(&r->arena, sizeof(char *) * (m->ncontrols + 1));
		if (!res->controls) {
			fc_run_free(r);
			return FC_ENOMEM;
		}
		for (size_t k = 0; k < m->ncontrols; k++) {
			const struct fc_control *ct = fc_catalog_control(cat, m->controls[k]);
			if (!ct || fc_control_applies(ct, b->has_org ? &b->org : NULL))
				res->controls[res->ncontrols++] = m->controls[k];
		}
		if (!res->ncontrols) {
			memcpy(res->controls, m->controls, sizeof(char *) * m->ncontrols);
			res->ncontrols = m->ncontrols;
		}
		struct fc_ctx c = {.run = r, .res = res, .meta = m, .forced = FC_R_PASS};
		unsigned missing = 0, bad = 0;
		for (int k = 0; k < FC_EV__COUNT; k++) {
			if (!(m->impl->needs & FC_EVBIT(k)))
				continue;
			if (!b->present[k])
				missing |= FC_EVBIT(k);
			else if (b->errors[k])
				bad |= FC_EVBIT(k);
		}
		if (missing) {
			struct fc_buf mb;
			fc_buf_init(&mb, 0);
			fc_buf_adds(&mb, r->zh ? "缺少證據: " : "evidence missing: ");
			int first = 1;
			for (int k = 0; k < FC_EV__COUNT; k++)
				if (missing & FC_EVBIT(k)) {
					fc_buf_addf(&mb, "%s%s", first ? "" : ", ", fc_evkind_name((enum fc_evkind)k));
					first = 0;
				}
			res->status = FC_R_MANUAL;
			res->reason = fc_arena_strdup(&r->arena, fc_buf_str(&mb));
			fc_buf_release(&mb);
			r->count[res->status]++;
			continue;
		}
		double t0 = now_ms();
		size_t first_new = r->nfindings;
		m->impl->run(&c);
		res->ms = now_ms() - t0;
		/* a deficiency proven by absence (no record of a kind, no event on
		 * a day) still names where fincheck looked: the evidence kind, line 0 */
		for (size_t k = first_new; k < r->nfindings; k++)
			if (!r->findings[k]->nev) {
				int kind = 0;
				while (kind < FC_EV__COUNT && !(m->impl->needs & FC_EVBIT(kind)))
					kind++;
				struct fc_ref where = {kind < FC_EV__COUNT ? fc_evkind_name((enum fc_evkind)kind) : "org.yaml", 0,
						       r->zh ? "（未見相關證據）" : "(no such evidence found)"};
				fc_finding_evidence(&c, r->findings[k], &where);
			}
		if (r->hard_error)
			break;
		if (bad) {
			res->status = FC_R_ERROR;
			struct fc_buf mb;
			fc_buf_init(&mb, 0);
			fc_buf_adds(&mb, r->zh ? "證據檔案格式錯誤，結果不完整: " : "malformed evidence, result incomplete: ");
			int first = 1;
			for (int k = 0; k < FC_EV__COUNT; k++)
				if (bad & FC_EVBIT(k)) {
					fc_buf_addf(&mb, "%s%s", first ? "" : ", ", fc_evkind_name((enum fc_evkind)k));
					first = 0;
				}
			res->reason = fc_arena_strdup(&r->arena, fc_buf_str(&mb));
			fc_buf_release(&mb);
		} else if (c.forced == FC_R_ERROR) {
			res->status = FC_R_ERROR;
			res->reason = c.reason;
		} else if (res->nfindings) {
			res->status = FC_R_FAIL;
			res->reason = c.note;
		} else if (c.forced != FC_R_PASS) {
			res->status = c.forced;
			res->reason = c.reason;
		} else {
			res->status = FC_R_PASS;
			res->reason = c.note;
		}
		r->count[res->status]++;
	}
	if (r->hard_error) {
		enum fc_status st = r->hard_error;
		fc_run_free(r);
		return st;
	}
	/* findings re-keyed after fc_emit may now share an id: merge them */
	int rekeyed = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		rekeyed |= r->findings[i]->rekeyed;
	if (rekeyed && r->nfindings > 1) {
		fc_qsort(r->findings, r->nfindings, sizeof(*r->findings), cmp_id);
		size_t w = 0;
		for (size_t i = 0; i < r->nfindings; i++) {
			if (w && !strcmp(r->findings[w - 1]->id, r->findings[i]->id)) {
				struct fc_ctx c = {.run = r, .meta = r->findings[i]->check};
				for (size_t e = 0; e < r->findings[i]->nev; e++) {
					struct fc_ref ref = {r->findings[i]->ev[e].file, r->findings[i]->ev[e].line,
							     r->findings[i]->ev[e].excerpt};
					fc_finding_evidence(&c, r->findings[w - 1], &ref);
				}
				continue;
			}
			r->findings[w++] = r->findings[i];
		}
		r->nfindings = w;
		for (size_t i = 0; i < r->nresults; i++)
			r->results[i].nfindings = 0;
		for (size_t i = 0; i < r->nfindings; i++)
			for (size_t j = 0; j < r->nresults; j++)
				if (r->results[j].meta == r->findings[i]->check) {
					r->results[j].nfindings++;
					break;
				}
	}
	/* due dates: severity time limits (seed 004 評估報告 二) */
	for (size_t i = 0; i < r->nfindings; i++) {
		struct fc_finding *f = r->findings[i];
		r->sev[f->severity]++;
		if (f->due_fixed || f->due_start == FC_NO_DATE)
			continue;
		struct fc_ctx c = {.run = r, .meta = f->check};
		int days = fc_fix_days(&c, f->severity);
		if (days >= 0)
			f->due = f->due_start + days;
	}
	if (r->nfindings)
		fc_qsort(r->findings, r->nfindings, sizeof(*r->findings), cmp_finding);
	*out = r;
	return FC_OK;
}

bool fc_control_applies(const struct fc_control *c, const struct fc_org *org)
{
	if (!org)
		return true;
	if (c->industries && org->industry_str) {
		bool hit = false;
		for (size_t i = 0; c->industries[i]; i++)
			hit |= fc_strieq(c->industries[i], org->industry_str);
		if (!hit)
			return false;
	}
	/* internet-order-only controls: only when the firm says it has none */
	if (c->internet_order == 1 && org->internet_order == 0)
		return false;
	return true;
}

const struct fc_result *fc_run_result(const struct fc_run *r, const struct fc_check_meta *m)
{
	for (size_t i = 0; i < r->nresults; i++)
		if (r->results[i].meta == m)
			return &r->results[i];
	return NULL;
}

size_t fc_run_count_at_least(const struct fc_run *r, enum fc_severity s)
{
	size_t n = 0;
	for (int i = 0; i <= (int)s; i++)
		n += r->sev[i];
	return n;
}

void fc_run_free(struct fc_run *r)
{
	if (!r)
		return;
	fc_free(r->findings);
	fc_free(r->ix);
	fc_arena_release(&r->arena);
	fc_free(r);
}
