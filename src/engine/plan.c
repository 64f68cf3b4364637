/* The assessment program: cycles, due dates and fleet sampling (seed 004
 * 二、二 plan review; 三、一 categories and cycles; 三、二 sampling and the
 * partial-then-full rule; 三、三 reassessment after a major incident). */
#include "plan.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../core/mem.h"
#include "../core/strutil.h"

#define MAX_REASONS 8

void fc_plan_params_default(struct fc_plan_params *pp)
{
	memset(pp, 0, sizeof *pp);
	pp->cycle_days[1] = 365;
	pp->cycle_days[2] = 1095;
	pp->cycle_days[3] = 1825;
	pp->reassess_days = 92;
	pp->plan_review_days = 1095;
	pp->sample_fraction = 0.10;
	pp->sample_units = 100;
}

void fc_plan_params_load(struct fc_plan_params *pp, const struct fc_params *p)
{
	fc_plan_params_default(pp);
	if (!p)
		return;
	const struct fc_param_val *v = fc_params_get(p, "assessment_cycle_days");
	for (size_t i = 0; v && i < v->n; i++) {
		int64_t k;
		if (fc_parse_i64(v->list[i], &k) && k >= 1 && k <= 3)
			pp->cycle_days[k] = (int)v->map_vals[i];
	}
	if ((v = fc_params_get(p, "reassess_after_major_incident_days")))
		pp->reassess_days = (int)v->num;
	if ((v = fc_params_get(p, "assessment_plan_review_days")))
		pp->plan_review_days = (int)v->num;
	if ((v = fc_params_get(p, "sample_min_fraction")))
		pp->sample_fraction = v->num;
	if ((v = fc_params_get(p, "sample_min_units")))
		pp->sample_units = (int)v->num;
}

const char *fc_sample_rule_name(enum fc_sample_rule r)
{
	static const char *n[] = {"all", "10%", "100 units", "strata"};
	return r <= FC_RULE_STRATA ? n[r] : "?";
}

/* seed 004 三、二: "至少應占該系統全部設備之10%或100台以上" — either
 * satisfies, so the smaller requirement is the one that binds. */
size_t fc_sample_required(size_t n, double fraction, size_t min_units, enum fc_sample_rule *rule)
{
	enum fc_sample_rule rr = FC_RULE_FRACTION;
	size_t need = 0;
	if (n) {
		double f = ceil((double)n * fraction - 1e-9);
		size_t byfrac = f < 1 ? 1 : f >= (double)n ? n : (size_t)f;
		if (min_units && min_units < byfrac) {
			need = min_units;
			rr = FC_RULE_UNITS;
		} else {
			need = byfrac;
			rr = need == n ? FC_RULE_ALL : FC_RULE_FRACTION;
		}
	}
	if (rule)
		*rule = rr;
	return need;
}

void fc_prng_seed(struct fc_prng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t fc_prng_next(struct fc_prng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

uint64_t fc_prng_below(struct fc_prng *r, uint64_t n)
{
	if (n <= 1)
		return 0;
	unsigned __int128 m = (unsigned __int128)fc_prng_next(r) * n;
	uint64_t lo = (uint64_t)m;
	if (lo < n) {
		uint64_t t = (0 - n) % n;
		while (lo < t) {
			m = (unsigned __int128)fc_prng_next(r) * n;
			lo = (uint64_t)m;
		}
	}
	return (uint64_t)(m >> 64);
}

/* ---- record indexes ---- */

int fc_rec_key_cmp(const void *a, const void *b)
{
	const struct fc_rec_key *x = a, *y = b;
	int c = fc_strcasecmp(x->key, y->key);
	if (c)
		return c;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

enum fc_status fc_rec_ix_build(struct fc_rec_ix *x, const struct fc_bundle *b, const char *type,
			       const char *keyfield, const char *datefield)
{
	x->v = NULL;
	x->n = 0;
	size_t n = 0, k = 0;
	const struct fc_record *r;
	while ((r = fc_record_next(b, type, &k)))
		n++;
	if (!n)
		return FC_OK;
	x->v = fc_malloc(sizeof *x->v * n);
	if (!x->v)
		return FC_ENOMEM;
	k = 0;
	while (x->n < n && (r = fc_record_next(b, type, &k))) {
		const char *key = fc_record_str(r, keyfield);
		x->v[x->n] = (struct fc_rec_key){key ? key : "", datefield ? fc_record_date(r, datefield) : FC_NO_DATE, x->n, r};
		x->n++;
	}
	fc_qsort(x->v, x->n, sizeof *x->v, fc_rec_key_cmp);
	return FC_OK;
}

size_t fc_rec_ix_find(const struct fc_rec_ix *x, const char *key, size_t *end)
{
	size_t lo = 0, hi = x->n;
	if (!key)
		key = "";
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (fc_strcasecmp(x->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t e = lo;
	while (e < x->n && !fc_strcasecmp(x->v[e].key, key))
		e++;
	*end = e;
	return lo;
}

void fc_rec_ix_release(struct fc_rec_ix *x)
{
	fc_free(x->v);
	x->v = NULL;
	x->n = 0;
}

/* ---- systems ---- */

static void reason(struct fc_plan *p, struct fc_plan_system *s, const char *text)
{
	if (text && s->nreasons < MAX_REASONS)
		s->reasons[s->nreasons++] = text;
}

static void fmt(int32_t d, char out[11])
{
	fc_date_fmt(d, out);
	if (!out[0])
		snprintf(out, 11, "-");
}

static enum fc_status plan_system(struct fc_plan *p, const struct fc_bundle *b, const struct fc_system *sy,
				  struct fc_plan_system *s)
{
	bool zh = p->zh;
	struct fc_arena *A = &p->arena;
	s->sys = sy;
	s->ev = sy->ref;
	s->reasons = fc_arena_alloc(A, sizeof(char *) * MAX_REASONS);
	if (!s->reasons)
		return FC_ENOMEM;
	s->category = sy->category;
	s->cycle_days = sy->category >= 1 && sy->category <= 3 ? p->pp.cycle_days[sy->category] : -1;
	s->last_assessed = sy->last_assessed;
	s->last_full = sy->last_full_assessment;
	s->incident = sy->last_major_incident;
	s->reassess_due = FC_NO_DATE;

	/* records/ assessment entries of this system, by date */
	size_t end, first = fc_rec_ix_find(&p->ix_assess, sy->id, &end);
	const struct fc_rec_key *ar = p->ix_assess.v ? p->ix_assess.v + first : NULL;
	size_t m = end - first;
	char d1[11], d2[11];
	if (m) {
		const struct fc_rec_key *last = &ar[m - 1];
		if (last->date != FC_NO_DATE && (s->last_assessed == FC_NO_DATE || last->date > s->last_assessed)) {
			fmt(last->date, d1);
			reason(p, s, fc_arena_printf(A, zh ? "records/ 評估紀錄 %s 較系統清冊新" : "records/ assessment of %s is newer than systems.csv", d1));
			s->last_assessed = last->date;
			s->ev = last->r->ref;
		}
		for (size_t i = 0; i < m; i++)
			if (ar[i].date != FC_NO_DATE && fc_record_bool(ar[i].r, "full") == 1 &&
			    (s->last_full == FC_NO_DATE || ar[i].date > s->last_full))
				s->last_full = ar[i].date;
		/* two selective rounds in a row break 三、二 */
		if (m >= 2 && ar[m - 1].date != FC_NO_DATE && ar[m - 2].date != FC_NO_DATE &&
		    fc_record_bool(ar[m - 1].r, "full") == 0 && fc_record_bool(ar[m - 2].r, "full") == 0 && s->category >= 2)
			s->partial_twice = true;
	}
	s->never = s->last_assessed == FC_NO_DATE;
	bool last_partial = !s->never && (s->last_full == FC_NO_DATE || s->last_full < s->last_assessed);

	if (s->cycle_days < 0) {
		reason(p, s, zh ? "未分類（第一、二、三類），評估週期未定；暫以每年計" :
				  "no category (1, 2 or 3): cycle undefined, yearly assumed");
		s->cycle_days = p->pp.cycle_days[1];
	}
	if (s->never) {
		s->next_due = p->as_of;
		reason(p, s, zh ? "無評估紀錄，應即辦理完整評估" : "never assessed: a full assessment is due now");
	} else {
		s->next_due = s->last_assessed + s->cycle_days;
	}
	if (s->category == 1) {
		s->full_required = true;
		if (last_partial) {
			fmt(s->last_assessed, d1);
			reason(p, s, fc_arena_printf(A, zh ? "第一類系統 %s 之評估僅涵蓋部分項目；第一類每次應完整評估" :
							       "category 1 assessed on %s for selected items only; category 1 needs the full set every time", d1));
		}
	} else if (s->category >= 2 && last_partial) {
		/* 三、二: selected items once, the next round in full */
		s->full_required = true;
		fmt(s->last_assessed, d1);
		reason(p, s, fc_arena_printf(A, zh ? "上次評估（%s）僅選擇部分項目，下次應完整評估" :
						       "last assessment (%s) covered selected items: the next must be full", d1));
		if (s->partial_twice)
			reason(p, s, zh ? "已連續兩次僅選擇部分項目，違反次回完整評估之規定" :
					 "two selective rounds in a row: the second one should have been full");
	}

	/* 三、三: a major incident → reassess within three months */
	first = fc_rec_ix_find(&p->ix_incident, sy->id, &end);
	if (end > first) {
		const struct fc_rec_key *last = &p->ix_incident.v[end - 1];
		/* the incident record is the better evidence, also when systems.csv
		 * carries the same date */
		if (s->incident == FC_NO_DATE || last->date >= s->incident) {
			s->incident = last->date;
			if (s->never || s->last_assessed < s->incident)
				s->ev = last->r->ref;
		}
	}
	if (s->incident != FC_NO_DATE) {
		s->reassess_due = s->incident + p->pp.reassess_days;
		fmt(s->incident, d1);
		fmt(s->reassess_due, d2);
		if (s->never || s->last_assessed < s->incident) {
			s->reassess_pending = true;
			s->full_required = true;
			if (s->reassess_due < s->next_due)
				s->next_due = s->reassess_due;
			reason(p, s, fc_arena_printf(A, zh ? "%s 發生重大資安事件，應於 %s 前重新完成評估" :
							       "major incident on %s: reassessment due by %s", d1, d2));
		} else if (s->last_assessed > s->reassess_due) {
			char d3[11];
			fmt(s->last_assessed, d3);
			reason(p, s, fc_arena_printf(A, zh ? "%s 重大資安事件後遲至 %s 才重新評估（期限 %s）" :
							       "major incident on %s: reassessed only on %s (due by %s)", d1, d3, d2));
		}
	}
	s->overdue = p->as_of > s->next_due;
	if (s->overdue && !s->never) {
		fmt(s->next_due, d1);
		reason(p, s, fc_arena_printf(A, zh ? "已逾應評估日 %s 共 %d 天" : "past the due date %s by %d days", d1,
					     (int)(p->as_of - s->next_due)));
	}
	return FC_OK;
}

/* ---- fleets ---- */

static int cmp_dev(const void *a, const void *b)
{
	const struct fc_device *x = *(const struct fc_device *const *)a, *y = *(const struct fc_device *const *)b;
	int c = strcmp(x->device_id ? x->device_id : "", y->device_id ? y->device_id : "");
	return c ? c : (x->ref.line > y->ref.line) - (x->ref.line < y->ref.line);
}

static const char *dev_group(const struct fc_device *d)
{
	return d->system_id && *d->system_id ? d->system_id : "";
}

static int cmp_group(const void *a, const void *b)
{
	const struct fc_device *x = *(const struct fc_device *const *)a, *y = *(const struct fc_device *const *)b;
	int c = fc_strcasecmp(dev_group(x), dev_group(y));
	return c ? c : cmp_dev(a, b);
}

static bool type_is(const char *t, const char *const *names)
{
	for (size_t i = 0; names[i]; i++)
		if (t && fc_strieq(t, names[i]))
			return true;
	return false;
}

/* ATMs and kiosk-like terminals: ≥1 per (os, patch_level) */
static const char *const terminal_types[] = {"atm", "kiosk", "teller", "terminal", "branch_terminal", "ktm", NULL};
/* ATM servers: ≥1 per (os, patch_level) and ≥1 per app_version */
static const char *const server_types[] = {"atm_server", "atm-server", "atmserver", NULL};

struct smember {
	const char *key;	/* stratum key */
	const char *kind;
	size_t dev;		/* index in fleet->devices */
};

static int cmp_smember(const void *a, const void *b)
{
	const struct smember *x = a, *y = b;
	int c = strcmp(x->kind, y->kind);
	if (c)
		return c;
	c = strcmp(x->key, y->key);
	return c ? c : (x->dev > y->dev) - (x->dev < y->dev);
}

static const char *nz(const char *s)
{
	return s && *s ? s : "?";
}

static enum fc_status plan_fleet(struct fc_plan *p, const struct fc_bundle *b, struct fc_plan_fleet *f,
				 const struct fc_device **devs, size_t n, const struct fc_plan_opts *o)
{
	struct fc_arena *A = &p->arena;
	bool zh = p->zh;
	f->devices = devs;
	f->population = n;
	f->system_id = dev_group(devs[0]);
	f->sys = *f->system_id ? fc_system_by_id(b, f->system_id) : NULL;
	int cat = f->sys ? f->sys->category : 0;
	if (cat >= 1 && cat <= 3)
		f->cycle_days = p->pp.cycle_days[cat];
	else {
		f->cycle_days = p->pp.cycle_days[1];
		f->cycle_assumed = true;
	}
	f->window_start = p->as_of - f->cycle_days;
	fc_qsort(devs, n, sizeof *devs, cmp_dev);

	/* device types, for the output */
	struct fc_buf tb;
	fc_buf_init(&tb, 4096);
	for (size_t i = 0; i < n; i++) {
		const char *t = devs[i]->type ? devs[i]->type : "";
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = fc_strieq(devs[j]->type ? devs[j]->type : "", t);
		if (!seen && tb.len < 200)
			fc_buf_addf(&tb, "%s%s", tb.len ? ", " : "", *t ? t : "?");
	}
	f->types = fc_arena_strdup(A, fc_buf_str(&tb));
	fc_buf_release(&tb);
	if (!f->types)
		return FC_ENOMEM;

	/* strata memberships: one (os, patch) key for terminals and servers,
	 * one app_version key more for servers */
	struct smember *sm = fc_malloc(sizeof *sm * (2 * n + 1));
	if (!sm)
		return FC_ENOMEM;
	size_t nsm = 0;
	bool mixed = false;
	for (size_t i = 1; i < n && !mixed; i++)
		mixed = !fc_strieq(devs[i]->type ? devs[i]->type : "", devs[0]->type ? devs[0]->type : "");
	enum fc_status st = FC_OK;
	for (size_t i = 0; i < n; i++) {
		const struct fc_device *d = devs[i];
		bool term = type_is(d->type, terminal_types), srv = type_is(d->type, server_types);
		if (!term && !srv)
			continue;
		const char *k1 = mixed ? fc_arena_printf(A, "%s | %s | %s", nz(d->type), nz(d->os), nz(d->patch_level))
				       : fc_arena_printf(A, "%s | %s", nz(d->os), nz(d->patch_level));
		if (!k1) {
			st = FC_ENOMEM;
			goto out;
		}
		sm[nsm++] = (struct smember){k1, "os_patch", i};
		if (srv) {
			const char *k2 = fc_arena_printf(A, "app_version %s", nz(d->app_version));
			if (!k2) {
				st = FC_ENOMEM;
				goto out;
			}
			sm[nsm++] = (struct smember){k2, "app_version", i};
		}
	}
	if (nsm > 1)
		fc_qsort(sm, nsm, sizeof *sm, cmp_smember);
	/* group into strata; remember each member's stratum */
	size_t *mstr = fc_malloc(sizeof *mstr * (nsm + 1));
	if (!mstr) {
		st = FC_ENOMEM;
		goto out;
	}
	size_t ns = 0;
	for (size_t i = 0; i < nsm; i++) {
		if (!i || strcmp(sm[i].kind, sm[i - 1].kind) || strcmp(sm[i].key, sm[i - 1].key))
			ns++;
		mstr[i] = ns - 1;
	}
	f->strata = ns ? fc_arena_alloc(A, sizeof *f->strata * ns) : NULL;
	if (ns && !f->strata) {
		fc_free(mstr);
		st = FC_ENOMEM;
		goto out;
	}
	f->nstrata = ns;
	size_t n_os = 0, n_app = 0;
	for (size_t i = 0; i < nsm; i++) {
		struct fc_plan_stratum *s = &f->strata[mstr[i]];
		if (!s->population) {
			s->kind = sm[i].kind;
			s->key = sm[i].key;
			s->required = 1;
			s->example = devs[sm[i].dev];
			if (!strcmp(s->kind, "os_patch"))
				n_os++;
			else
				n_app++;
		}
		s->population++;
		int32_t la = devs[sm[i].dev]->last_assessed;
		if (la != FC_NO_DATE && la > f->window_start && la <= p->as_of)
			s->assessed++;
	}

	/* the required sample */
	enum fc_sample_rule rule;
	f->rule_required = fc_sample_required(n, p->pp.sample_fraction, (size_t)p->pp.sample_units, &rule);
	f->required = f->rule_required;
	f->rule = rule;
	/* a lower bound on devices that cover every stratum: each device is in
	 * at most one os_patch and one app_version stratum */
	size_t strata_need = n_os > n_app ? n_os : n_app;
	if (strata_need > f->required) {
		f->required = strata_need;
		f->rule = FC_RULE_STRATA;
	}
	for (size_t i = 0; i < n; i++) {
		int32_t la = devs[i]->last_assessed;
		if (la != FC_NO_DATE && la > f->window_start && la <= p->as_of)
			f->assessed++;
	}
	for (size_t i = 0; i < ns; i++)
		if (!f->strata[i].assessed)
			f->strata_short++;
	f->sufficient = f->assessed >= f->rule_required && !f->strata_short;

	int pct = (int)lround(p->pp.sample_fraction * 100);
	if (zh)
		f->explain = fc_arena_printf(A,
			f->rule == FC_RULE_UNITS ? "共 %zu 台，%d%% 為 %zu 台，多於 %d 台，以 %d 台即符合規定（擇一滿足）" :
			f->rule == FC_RULE_ALL ? "共 %zu 台，%d%% 取整為 %zu 台，即全數（少於 %d 台門檻時 %d%% 已足）" :
			f->rule == FC_RULE_STRATA ? "共 %zu 台，%d%% 為 %zu 台（不超過 %d 台），惟分層每層至少1台，需更多" :
			"共 %zu 台，%d%% 為 %zu 台，少於 %d 台門檻，以 %d%% 即符合規定（擇一滿足）",
			n, pct, fc_sample_required(n, p->pp.sample_fraction, 0, NULL), p->pp.sample_units,
			f->rule == FC_RULE_UNITS ? p->pp.sample_units : pct);
	else
		f->explain = fc_arena_printf(A,
			f->rule == FC_RULE_UNITS ? "%zu devices: %d%% would be %zu, more than %d, so %d devices satisfy the method (either rule)" :
			f->rule == FC_RULE_ALL ? "%zu devices: %d%% rounds up to %zu, the whole fleet (below %d devices %d%% suffices)" :
			f->rule == FC_RULE_STRATA ? "%zu devices: %d%% is %zu (at most %d), but one per stratum needs more" :
			"%zu devices: %d%% is %zu, fewer than %d, so %d%% satisfies the method (either rule)",
			n, pct, fc_sample_required(n, p->pp.sample_fraction, 0, NULL), p->pp.sample_units,
			f->rule == FC_RULE_UNITS ? p->pp.sample_units : pct);
	if (!f->explain) {
		fc_free(mstr);
		st = FC_ENOMEM;
		goto out;
	}

	/* the draw: one random device for each stratum not yet covered, then
	 * a uniform fill (partial Fisher–Yates) up to the requirement */
	if (!o->no_draw && n) {
		struct fc_prng rng;
		/* one stream per fleet: the seed mixed with the system id, so a
		 * fleet's draw does not change when another fleet is added */
		uint64_t h = 1469598103934665603ull;
		for (const char *c = f->system_id; *c; c++)
			h = (h ^ (unsigned char)*c) * 1099511628211ull;
		fc_prng_seed(&rng, p->seed ^ h);
		bool *picked = fc_calloc(n, sizeof *picked);
		bool *covered = fc_calloc(ns + 1, sizeof *covered);
		size_t *pool = fc_malloc(sizeof *pool * n);
		/* each device is in at most two strata (os_patch, app_version) */
		size_t *dm = fc_malloc(sizeof *dm * 2 * n);
		f->draw = fc_arena_alloc(A, sizeof *f->draw * n);
		if (!picked || !covered || !pool || !dm || !f->draw) {
			fc_free(picked);
			fc_free(covered);
			fc_free(pool);
			fc_free(dm);
			fc_free(mstr);
			st = FC_ENOMEM;
			goto out;
		}
		for (size_t q = 0; q < 2 * n; q++)
			dm[q] = SIZE_MAX;
		for (size_t q = 0; q < nsm; q++)
			dm[2 * sm[q].dev + (dm[2 * sm[q].dev] != SIZE_MAX)] = mstr[q];
		size_t i = 0;
		while (i < nsm) {
			size_t j = i;
			while (j < nsm && mstr[j] == mstr[i])
				j++;
			if (!covered[mstr[i]]) {
				size_t pickm = i + (size_t)fc_prng_below(&rng, j - i);
				size_t dv = sm[pickm].dev;
				if (!picked[dv]) {
					picked[dv] = true;
					f->ndraw++;
				}
				/* the device covers each of its strata */
				for (int q = 0; q < 2; q++)
					if (dm[2 * dv + q] != SIZE_MAX)
						covered[dm[2 * dv + q]] = true;
			}
			i = j;
		}
		fc_free(dm);
		size_t np = 0;
		for (size_t q = 0; q < n; q++)
			if (!picked[q])
				pool[np++] = q;
		while (f->ndraw < f->required && np) {
			size_t r = (size_t)fc_prng_below(&rng, np);
			picked[pool[r]] = true;
			pool[r] = pool[--np];
			f->ndraw++;
		}
		size_t w = 0;
		for (size_t q = 0; q < n; q++)
			if (picked[q])
				f->draw[w++] = devs[q];
		f->ndraw = w;
		fc_free(picked);
		fc_free(covered);
		fc_free(pool);
	}
	fc_free(mstr);
out:
	fc_free(sm);
	return st;
}

/* ---- the plan ---- */

/* Major incidents by the systems they name (one entry per system). */
static enum fc_status incident_ix(struct fc_rec_ix *x, const struct fc_bundle *b)
{
	x->v = NULL;
	x->n = 0;
	size_t n = 0, k = 0, cap = 0;
	const struct fc_record *r;
	const char *sys[64];
	while ((r = fc_record_next(b, "incident", &k)))
		if (fc_record_bool(r, "major") == 1)
			cap += fc_record_list(r, "systems", sys, 64);
	if (!cap)
		return FC_OK;
	x->v = fc_malloc(sizeof *x->v * cap);
	if (!x->v)
		return FC_ENOMEM;
	k = 0;
	while ((r = fc_record_next(b, "incident", &k))) {
		int64_t ts;
		if (fc_record_bool(r, "major") != 1 || !fc_record_ts(r, "detected_at", &ts))
			continue;
		size_t ns = fc_record_list(r, "systems", sys, 64);
		for (size_t j = 0; j < ns && n < cap; j++, n++)
			x->v[n] = (struct fc_rec_key){sys[j], fc_ts_day(ts), n, r};
	}
	x->n = n;
	fc_qsort(x->v, x->n, sizeof *x->v, fc_rec_key_cmp);
	return FC_OK;
}

static uint64_t asof_seed(int32_t d)
{
	int y, m, dd;
	fc_civil_from_days(d, &y, &m, &dd);
	return (uint64_t)(y * 10000 + m * 100 + dd);
}

enum fc_status fc_plan_build(const struct fc_bundle *b, const struct fc_plan_params *pp,
			     const struct fc_plan_opts *o, struct fc_plan **out)
{
	*out = NULL;
	struct fc_plan_opts dflt = {0};
	if (!o)
		o = &dflt;
	struct fc_plan *p = fc_calloc(1, sizeof *p);
	if (!p)
		return FC_ENOMEM;
	fc_arena_init(&p->arena);
	enum fc_status st = FC_OK;
	const struct fc_device **all = NULL;
	p->as_of = b->as_of;
	p->zh = o->zh;
	if (pp)
		p->pp = *pp;
	else
		fc_plan_params_default(&p->pp);
	p->seed = o->has_seed ? o->seed : asof_seed(b->as_of);

	/* the plan itself: approved and reviewed every three years (二、二) */
	const struct fc_record *pr = fc_record_latest(b, "assessment_plan", "date");
	if (pr) {
		p->plan.present = true;
		p->plan.date = fc_record_date(pr, "date");
		p->plan.approved_by = fc_record_str(pr, "approved_by");
		p->plan.next_review = p->plan.date + p->pp.plan_review_days;
		p->plan.overdue = p->as_of > p->plan.next_review;
		p->plan.ref = pr->ref;
	}

	if (b->systems.n) {
		if ((st = fc_rec_ix_build(&p->ix_assess, b, "assessment", "system_id", "date")) ||
		    (st = incident_ix(&p->ix_incident, b)))
			goto fail;
		p->systems = fc_arena_alloc(&p->arena, sizeof *p->systems * b->systems.n);
		if (!p->systems) {
			st = FC_ENOMEM;
			goto fail;
		}
		for (size_t i = 0; i < b->systems.n; i++)
			if ((st = plan_system(p, b, &b->systems.v[i], &p->systems[p->nsystems++])))
				goto fail;
	}

	size_t n = b->devices.n;
	if (n) {
		all = fc_arena_alloc(&p->arena, sizeof *all * n);
		if (!all) {
			st = FC_ENOMEM;
			goto fail;
		}
		for (size_t i = 0; i < n; i++)
			all[i] = &b->devices.v[i];
		fc_qsort(all, n, sizeof *all, cmp_group);
		size_t ng = 0;
		for (size_t i = 0; i < n; i++)
			if (!i || fc_strcasecmp(dev_group(all[i]), dev_group(all[i - 1])))
				ng++;
		p->fleets = fc_arena_alloc(&p->arena, sizeof *p->fleets * ng);
		if (!p->fleets) {
			st = FC_ENOMEM;
			goto fail;
		}
		for (size_t i = 0; i < n;) {
			size_t j = i + 1;
			while (j < n && !fc_strcasecmp(dev_group(all[j]), dev_group(all[i])))
				j++;
			if ((st = plan_fleet(p, b, &p->fleets[p->nfleets++], all + i, j - i, o)))
				goto fail;
			i = j;
		}
	}
	*out = p;
	return FC_OK;
fail:
	fc_plan_free(p);
	return st;
}

void fc_plan_free(struct fc_plan *p)
{
	if (!p)
		return;
	fc_rec_ix_release(&p->ix_assess);
	fc_rec_ix_release(&p->ix_incident);
	fc_arena_release(&p->arena);
	fc_free(p);
}
