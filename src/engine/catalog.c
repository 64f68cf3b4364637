#include "catalog.h"
#include <stdio.h>
#include "loader.h"
#include <stdlib.h>
#include <string.h>
#include "../core/mem.h"
#include "../core/reader.h"
#include "../core/strutil.h"
#include "../core/vec.h"

const struct fc_check_impl *const fc_check_tables[] = {
	fc_checks_net, fc_checks_prog, fc_checks_fw, fc_checks_host, fc_checks_vuln,
	fc_checks_log, fc_checks_pii, fc_checks_gov, NULL,
};

const struct fc_embedded *fc_embedded_find(const char *path)
{
	for (const struct fc_embedded *e = fc_embedded_files; e->path; e++)
		if (strcmp(e->path, path) == 0)
			return e;
	return NULL;
}

struct loadctx {
	struct fc_catalog *c;
	struct fc_diag *d;
	FC_VEC(struct fc_framework) fw;
	FC_VEC(struct fc_control) controls;
	FC_VEC(struct fc_check_meta) checks;
	FC_VEC(struct fc_param_def) params;
	int bad;
};

static const char *req_str(struct loadctx *L, const struct fc_ynode *m, const char *key, const char *file)
{
	const char *s = fc_ymap_str(m, key);
	if (!s || !*s) {
		fc_diag_error(L->d, file, m->line, m->col, "missing '%s' (a non-empty text)", key);
		L->bad = 1;
		return NULL;
	}
	return s;
}

static const char **str_list(struct loadctx *L, const struct fc_ynode *n, size_t *count, const char *file)
{
	*count = 0;
	if (!n)
		return NULL;
	if (n->kind != FC_Y_SEQ) {
		fc_diag_error(L->d, file, n->line, n->col, "expected a list");
		L->bad = 1;
		return NULL;
	}
	const char **v = fc_arena_alloc(&L->c->arena, sizeof(char *) * (n->n + 1));
	if (!v)
		return NULL;
	for (size_t i = 0; i < n->n; i++) {
		if (n->vals[i]->kind != FC_Y_SCALAR) {
			fc_diag_error(L->d, file, n->vals[i]->line, n->vals[i]->col, "expected a text item");
			L->bad = 1;
			continue;
		}
		v[(*count)++] = n->vals[i]->str;
	}
	v[*count] = NULL;
	return v;
}

static void load_controls(struct loadctx *L, const struct fc_ynode *root, const char *file)
{
	if (!root || root->kind != FC_Y_MAP) {
		fc_diag_error(L->d, file, root ? root->line : 1, 0, "expected a mapping with framework and controls");
		L->bad = 1;
		return;
	}
	struct fc_framework *f = fc_vec_push(&L->fw);
	if (!f)
		return;
	f->id = req_str(L, root, "framework", file);
	f->title_zh = req_str(L, root, "title_zh", file);
	f->title_en = req_str(L, root, "title_en", file);
	f->source = fc_ymap_str(root, "source");
	f->version = fc_ymap_str(root, "version");
	const struct fc_ynode *list = fc_ymap_get(root, "controls");
	if (!list || list->kind != FC_Y_SEQ) {
		fc_diag_error(L->d, file, root->line, 0, "missing 'controls' list");
		L->bad = 1;
		return;
	}
	f->first = L->controls.n;
	for (size_t i = 0; i < list->n; i++) {
		const struct fc_ynode *m = list->vals[i];
		if (m->kind != FC_Y_MAP) {
			fc_diag_error(L->d, file, m->line, m->col, "expected a control mapping");
			L->bad = 1;
			continue;
		}
		struct fc_control *ct = fc_vec_push(&L->controls);
		if (!ct)
			return;
		ct->framework = f->id;
		ct->id = req_str(L, m, "id", file);
		ct->title_zh = req_str(L, m, "title_zh", file);
		ct->title_en = req_str(L, m, "title_en", file);
		ct->coverage_note = fc_ymap_str(m, "manual");
		ct->internet_order = FC_UNKNOWN;
		ct->file = file;
		ct->line = m->line;
		const struct fc_ynode *ap = fc_ymap_get(m, "applies");
		if (ap) {
			size_t n;
			ct->industries = str_list(L, fc_ymap_get(ap, "industry"), &n, file);
			const char *io = fc_ymap_str(ap, "internet_order");
			if (io)
				ct->internet_order = fc_parse_bool(io);
		}
	}
	f->count = L->controls.n - f->first;
}

static int parse_sev(const char *s)
{
	return fc_severity_parse(s);
}

static void load_checks(struct loadctx *L, const struct fc_ynode *root, const char *file)
{
	if (!root || root->kind != FC_Y_SEQ) {
		fc_diag_error(L->d, file, root ? root->line : 1, 0, "expected a list of checks");
		L->bad = 1;
		return;
	}
	for (size_t i = 0; i < root->n; i++) {
		const struct fc_ynode *m = root->vals[i];
		if (m->kind != FC_Y_MAP) {
			fc_diag_error(L->d, file, m->line, m->col, "expected a check mapping");
			L->bad = 1;
			continue;
		}
		struct fc_check_meta *k = fc_vec_push(&L->checks);
		if (!k)
			return;
		k->file = file;
		k->line = m->line;
		k->id = req_str(L, m, "id", file);
		k->area = req_str(L, m, "area", file);
		k->title_zh = req_str(L, m, "title_zh", file);
		k->title_en = req_str(L, m, "title_en", file);
		k->risk_zh = req_str(L, m, "risk_zh", file);
		k->risk_en = req_str(L, m, "risk_en", file);
		k->rem_zh = req_str(L, m, "remediation_zh", file);
		k->rem_en = req_str(L, m, "remediation_en", file);
		k->evidence = fc_ymap_str(m, "evidence");
		const char *sev = req_str(L, m, "severity", file);
		int s = sev ? parse_sev(sev) : -1;
		if (sev && s < 0) {
			fc_diag_error(L->d, file, m->line, 0, "unknown severity '%s' (critical, high, medium, low, info)", sev);
			L->bad = 1;
		}
		k->severity = s < 0 ? FC_SEV_MEDIUM : (enum fc_severity)s;
		const char *cov = fc_ymap_str(m, "coverage");
		k->coverage = FC_COV_AUTOMATED;
		if (cov && !strcmp(cov, "evidence"))
			k->coverage = FC_COV_EVIDENCE;
		else if (cov && !strcmp(cov, "manual"))
			k->coverage = FC_COV_MANUAL;
		else if (cov && strcmp(cov, "automated")) {
			fc_diag_error(L->d, file, m->line, 0, "unknown coverage '%s' (automated, evidence, manual)", cov);
			L->bad = 1;
		}
		k->controls = str_list(L, fc_ymap_get(m, "controls"), &k->ncontrols, file);
		if (!k->ncontrols) {
			fc_diag_error(L->d, file, m->line, 0, "check '%s' names no control", k->id ? k->id : "?");
			L->bad = 1;
		}
		k->params = str_list(L, fc_ymap_get(m, "params"), &k->nparams, file);
	}
}

static bool ynum(const struct fc_ynode *n, double *out)
{
	return n && n->kind == FC_Y_SCALAR && !n->quoted && fc_parse_double(n->str, out);
}

static void load_params(struct loadctx *L, const struct fc_ynode *root, const char *file)
{
	if (!root || root->kind != FC_Y_SEQ) {
		fc_diag_error(L->d, file, root ? root->line : 1, 0, "expected a list of parameters");
		L->bad = 1;
		return;
	}
	for (size_t i = 0; i < root->n; i++) {
		const struct fc_ynode *m = root->vals[i];
		if (m->kind != FC_Y_MAP) {
			fc_diag_error(L->d, file, m->line, m->col, "expected a parameter mapping");
			L->bad = 1;
			continue;
		}
		struct fc_param_def *p = fc_vec_push(&L->params);
		if (!p)
			return;
		p->file = file;
		p->line = m->line;
		p->name = req_str(L, m, "name", file);
		p->source = req_str(L, m, "source", file);
		p->desc_zh = req_str(L, m, "description_zh", file);
		p->desc_en = req_str(L, m, "description_en", file);
		p->unit = fc_ymap_str(m, "unit");
		const char *type = req_str(L, m, "type", file);
		static const char *types[] = {"int", "number", "bool", "list", "map", NULL};
		int t = -1;
		for (int j = 0; type && types[j]; j++)
			if (!strcmp(type, types[j]))
				t = j;
		if (type && t < 0) {
			fc_diag_error(L->d, file, m->line, 0, "unknown parameter type '%s'", type);
			L->bad = 1;
			continue;
		}
		p->type = (enum fc_param_type)(t < 0 ? 0 : t);
		p->has_min = ynum(fc_ymap_get(m, "min"), &p->min);
		p->has_max = ynum(fc_ymap_get(m, "max"), &p->max);
		const struct fc_ynode *def = fc_ymap_get(m, "default");
		if (!def) {
			fc_diag_error(L->d, file, m->line, 0, "parameter '%s' has no default", p->name ? p->name : "?");
			L->bad = 1;
			continue;
		}
		switch (p->type) {
		case FC_PT_INT:
		case FC_PT_NUMBER:
			if (!ynum(def, &p->num) || (p->type == FC_PT_INT && p->num != (double)(long long)p->num)) {
				fc_diag_error(L->d, file, def->line, def->col, "default of '%s' must be a%s number",
					      p->name ? p->name : "?", p->type == FC_PT_INT ? " whole" : "");
				L->bad = 1;
			}
			break;
		case FC_PT_BOOL: {
			int bv = def->kind == FC_Y_SCALAR ? fc_parse_bool(def->str) : -2;
			if (bv < 0) {
				fc_diag_error(L->d, file, def->line, def->col, "default must be true or false");
				L->bad = 1;
			}
			p->num = bv > 0;
			break;
		}
		case FC_PT_LIST:
			p->list = str_list(L, def, &p->n, file);
			break;
		case FC_PT_MAP:
			if (def->kind != FC_Y_MAP) {
				fc_diag_error(L->d, file, def->line, def->col, "default of a map parameter must be a mapping");
				L->bad = 1;
				break;
			}
			p->n = def->n;
			p->list = fc_arena_alloc(&L->c->arena, sizeof(char *) * (def->n + 1));
			p->map_vals = fc_arena_alloc(&L->c->arena, sizeof(double) * (def->n + 1));
			if (!p->list || !p->map_vals)
				return;
			for (size_t j = 0; j < def->n; j++) {
				p->list[j] = def->keys[j];
				if (!ynum(def->vals[j], &p->map_vals[j])) {
					fc_diag_error(L->d, file, def->key_lines[j], 0, "map value must be a number");
					L->bad = 1;
				}
			}
			break;
		}
	}
}

static enum fc_status load_one(struct loadctx *L, const char *path, const char *text, size_t n)
{
	const char *file = fc_arena_strdup(&L->c->arena, path);
	struct fc_ynode *root = NULL;
	if (!file)
		return FC_ENOMEM;
	enum fc_status st = fc_yaml_parse(text, n, file, &L->c->arena, &root, L->d);
	if (st == FC_ENOMEM)
		return st;
	if (st) {
		L->bad = 1;
		return FC_OK;
	}
	if (strstr(path, "controls/"))
		load_controls(L, root, file);
	else if (strstr(path, "checks/"))
		load_checks(L, root, file);
	else if (strstr(path, "params/"))
		load_params(L, root, file);
	return FC_OK;
}

struct dirload {
	struct loadctx *L;
	enum fc_status st;
};

static int walk_cb(const char *path, const char *rel, void *ud)
{
	struct dirload *dl = ud;
	if (!(fc_path_ext(rel, ".yaml") || fc_path_ext(rel, ".yml")))
		return 0;
	struct fc_text t;
	if (fc_text_read(path, rel, &t, dl->L->d)) {
		dl->L->bad = 1;
		return 0;
	}
	char shown[512];
	snprintf(shown, sizeof shown, "catalog/%s", rel);
	enum fc_status st = load_one(dl->L, shown, t.p, t.n);
	fc_text_release(&t);
	if (st)
		dl->st = st;
	return st ? 1 : 0;
}

static int cmp_meta(const void *a, const void *b)
{
	const struct fc_check_meta *x = a, *y = b;
	return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

static bool valid_id_chars(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '.'))
			return false;
	return true;
}

static void validate(struct loadctx *L, struct fc_catalog *c)
{
	/* duplicate control ids */
	for (size_t i = 0; i < c->ncontrols; i++)
		for (size_t j = i + 1; j < c->ncontrols; j++)
			if (c->controls[i].id && c->controls[j].id && !strcmp(c->controls[i].id, c->controls[j].id)) {
				fc_diag_error(L->d, c->controls[j].file, c->controls[j].line, 0,
					      "duplicate control id '%s' (first at %s:%ld)", c->controls[j].id,
					      c->controls[i].file, c->controls[i].line);
				L->bad = 1;
			}
	for (size_t i = 0; i < c->nparams; i++)
		for (size_t j = i + 1; j < c->nparams; j++)
			if (c->params[i].name && c->params[j].name && !strcmp(c->params[i].name, c->params[j].name)) {
				fc_diag_error(L->d, c->params[j].file, c->params[j].line, 0,
					      "duplicate parameter '%s' (first at %s:%ld)", c->params[j].name,
					      c->params[i].file, c->params[i].line);
				L->bad = 1;
			}
	for (size_t i = 0; i < c->nchecks; i++) {
		struct fc_check_meta *k = &c->checks[i];
		if (!k->id)
			continue;
		if (!valid_id_chars(k->id) || !strchr(k->id, '.')) {
			fc_diag_error(L->d, k->file, k->line, 0, "check id '%s' must look like area.name (a-z, 0-9, _)", k->id);
			L->bad = 1;
		}
		if (i + 1 < c->nchecks && c->checks[i + 1].id && !strcmp(k->id, c->checks[i + 1].id)) {
			fc_diag_error(L->d, c->checks[i + 1].file, c->checks[i + 1].line, 0,
				      "duplicate check id '%s' (also at %s:%ld)", k->id, k->file, k->line);
			L->bad = 1;
		}
		for (size_t j = 0; j < k->ncontrols; j++)
			if (!fc_catalog_control(c, k->controls[j])) {
				fc_diag_error(L->d, k->file, k->line, 0, "check '%s' names unknown control '%s'",
					      k->id, k->controls[j]);
				L->bad = 1;
			}
		for (size_t j = 0; j < k->nparams; j++)
			if (!fc_catalog_param(c, k->params[j])) {
				fc_diag_error(L->d, k->file, k->line, 0, "check '%s' names unknown parameter '%s'",
					      k->id, k->params[j]);
				L->bad = 1;
			}
	}
	/* join implementations: every implemented check needs metadata and
	 * (when it is automated) every metadata entry needs code */
	for (size_t t = 0; fc_check_tables[t]; t++)
		for (const struct fc_check_impl *im = fc_check_tables[t]; im->id; im++) {
			struct fc_check_meta key = {.id = im->id};
			struct fc_check_meta *k = bsearch(&key, c->checks, c->nchecks, sizeof key, cmp_meta);
			if (!k) {
				fc_diag_error(L->d, "catalog/checks", 0, 0, "check '%s' is implemented but has no metadata", im->id);
				L->bad = 1;
			} else if (k->impl) {
				fc_diag_error(L->d, k->file, k->line, 0, "check '%s' is implemented twice", im->id);
				L->bad = 1;
			} else
				k->impl = im;
		}
	for (size_t i = 0; i < c->nchecks; i++)
		if (c->checks[i].id && !c->checks[i].impl) {
			fc_diag_error(L->d, c->checks[i].file, c->checks[i].line, 0,
				      "check '%s' has metadata but no implementation", c->checks[i].id);
			L->bad = 1;
		}
}

enum fc_status fc_catalog_load(const char *dir, struct fc_catalog **out, struct fc_diag *d)
{
	*out = NULL;
	struct fc_catalog *c = fc_calloc(1, sizeof(*c));
	if (!c)
		return FC_ENOMEM;
	fc_arena_init(&c->arena);
	struct loadctx L = {.c = c, .d = d};
	enum fc_status st = FC_OK;
	if (dir) {
		struct dirload dl = {&L, FC_OK};
		st = fc_walk(dir, walk_cb, &dl, d);
		if (!st)
			st = dl.st;
		if (st && st != FC_ENOMEM) {
			L.bad = 1;
			st = FC_OK;
		}
	} else {
		for (const struct fc_embedded *e = fc_embedded_files; e->path && !st; e++)
			if (!strncmp(e->path, "catalog/", 8) && (fc_path_ext(e->path, ".yaml") || fc_path_ext(e->path, ".yml")))
				st = load_one(&L, e->path, (const char *)e->data, e->size);
	}
	if (st)
		goto fail;
	/* move vectors into the arena-owned catalog */
#define TAKE(dst, ndst, vec)                                                          \
	do {                                                                          \
		dst = fc_arena_alloc(&c->arena, sizeof(*vec.v) * (vec.n ? vec.n : 1)); \
		if (!dst) {                                                           \
			st = FC_ENOMEM;                                               \
			goto fail;                                                    \
		}                                                                     \
		if (vec.n)                                                            \
			memcpy(dst, vec.v, sizeof(*vec.v) * vec.n);                   \
		ndst = vec.n;                                                         \
	} while (0)
	TAKE(c->fw, c->nfw, L.fw);
	TAKE(c->controls, c->ncontrols, L.controls);
	TAKE(c->checks, c->nchecks, L.checks);
	TAKE(c->params, c->nparams, L.params);
#undef TAKE
	fc_qsort(c->checks, c->nchecks, sizeof(*c->checks), cmp_meta);
	validate(&L, c);
	fc_vec_release(&L.fw);
	fc_vec_release(&L.controls);
	fc_vec_release(&L.checks);
	fc_vec_release(&L.params);
	if (L.bad) {
		fc_catalog_free(c);
		return FC_EPARSE;
	}
	*out = c;
	return FC_OK;
fail:
	fc_vec_release(&L.fw);
	fc_vec_release(&L.controls);
	fc_vec_release(&L.checks);
	fc_vec_release(&L.params);
	fc_catalog_free(c);
	return st ? st : FC_EPARSE;
}

void fc_catalog_free(struct fc_catalog *c)
{
	if (!c)
		return;
	fc_arena_release(&c->arena);
	fc_free(c);
}

const struct fc_control *fc_catalog_control(const struct fc_catalog *c, const char *id)
{
	for (size_t i = 0; i < c->ncontrols; i++)
		if (c->controls[i].id && !strcmp(c->controls[i].id, id))
			return &c->controls[i];
	return NULL;
}

const struct fc_check_meta *fc_catalog_check(const struct fc_catalog *c, const char *id)
{
	struct fc_check_meta key = {.id = id};
	return bsearch(&key, c->checks, c->nchecks, sizeof key, cmp_meta);
}

const struct fc_param_def *fc_catalog_param(const struct fc_catalog *c, const char *name)
{
	for (size_t i = 0; i < c->nparams; i++)
		if (c->params[i].name && !strcmp(c->params[i].name, name))
			return &c->params[i];
	return NULL;
}
