/* Effective parameter values: catalog defaults, then org.yaml parameters:,
 * then --param (spec/parameters.md: every threshold is a named parameter). */
#include <stdio.h>
#include <string.h>
#include "../core/mem.h"
#include "../core/strutil.h"
#include "catalog.h"

enum fc_status fc_params_init(struct fc_params *p, const struct fc_catalog *c)
{
	memset(p, 0, sizeof(*p));
	fc_arena_init(&p->arena);
	p->v = fc_arena_alloc(&p->arena, sizeof(*p->v) * (c->nparams ? c->nparams : 1));
	if (!p->v)
		return FC_ENOMEM;
	for (size_t i = 0; i < c->nparams; i++) {
		const struct fc_param_def *d = &c->params[i];
		struct fc_param_val *v = &p->v[p->n++];
		v->def = d;
		v->num = d->num;
		v->n = d->n;
		v->origin = "default";
		if (d->n) {
			v->list = fc_arena_alloc(&p->arena, sizeof(char *) * (d->n + 1));
			if (!v->list)
				return FC_ENOMEM;
			memcpy(v->list, d->list, sizeof(char *) * d->n);
			if (d->type == FC_PT_MAP) {
				v->map_vals = fc_arena_alloc(&p->arena, sizeof(double) * d->n);
				if (!v->map_vals)
					return FC_ENOMEM;
				memcpy(v->map_vals, d->map_vals, sizeof(double) * d->n);
			}
		}
	}
	return FC_OK;
}

void fc_params_release(struct fc_params *p)
{
	fc_arena_release(&p->arena);
	memset(p, 0, sizeof(*p));
}

const struct fc_param_val *fc_params_get(const struct fc_params *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].def->name, name))
			return &p->v[i];
	return NULL;
}

static struct fc_param_val *find(struct fc_params *p, const char *name, size_t n)
{
	for (size_t i = 0; i < p->n; i++)
		if (strlen(p->v[i].def->name) == n && !strncmp(p->v[i].def->name, name, n))
			return &p->v[i];
	return NULL;
}

/* Check a number against the definition: returns an error text or NULL. */
static const char *check_num(const struct fc_param_def *d, const char *s, double *out)
{
	if (d->type == FC_PT_BOOL) {
		int b = fc_parse_bool(s);
		if (b < 0)
			return "expected true or false";
		*out = b;
		return NULL;
	}
	if (!fc_parse_double(s, out))
		return "expected a number";
	if ((d->type == FC_PT_INT || d->type == FC_PT_MAP) && *out != (double)(long long)*out &&
	    d->type == FC_PT_INT)
		return "expected a whole number";
	if (d->has_min && *out < d->min)
		return "below the allowed minimum";
	if (d->has_max && *out > d->max)
		return "above the allowed maximum";
	return NULL;
}

static enum fc_status set_map_key(struct fc_params *p, struct fc_param_val *v, const char *key, double val)
{
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->list[i], key)) {
			v->map_vals[i] = val;
			return FC_OK;
		}
	/* a new key (e.g. a map by category): grow */
	const char **nl = fc_arena_alloc(&p->arena, sizeof(char *) * (v->n + 2));
	double *nv = fc_arena_alloc(&p->arena, sizeof(double) * (v->n + 1));
	const char *k = fc_arena_strdup(&p->arena, key);
	if (!nl || !nv || !k)
		return FC_ENOMEM;
	if (v->n) {
		memcpy(nl, v->list, sizeof(char *) * v->n);
		memcpy(nv, v->map_vals, sizeof(double) * v->n);
	}
	nl[v->n] = k;
	nv[v->n] = val;
	v->list = nl;
	v->map_vals = nv;
	v->n++;
	return FC_OK;
}

enum fc_status fc_params_apply_yaml(struct fc_params *p, const struct fc_ynode *map, const char *file,
				    struct fc_diag *d)
{
	enum fc_status st = FC_OK;
	if (!map)
		return FC_OK;
	if (map->kind != FC_Y_MAP) {
		fc_diag_error(d, file, map->line, map->col, "parameters: expected a mapping of name: value");
		return FC_EPARSE;
	}
	for (size_t i = 0; i < map->n; i++) {
		const char *name = map->keys[i];
		const struct fc_ynode *val = map->vals[i];
		struct fc_param_val *v = find(p, name, strlen(name));
		if (!v) {
			fc_diag_error(d, file, map->key_lines[i], 0, "unknown parameter '%s'", name);
			st = FC_EPARSE;
			continue;
		}
		const struct fc_param_def *def = v->def;
		if (def->type == FC_PT_MAP) {
			if (val->kind != FC_Y_MAP) {
				fc_diag_error(d, file, val->line, val->col, "parameter '%s' takes a mapping (e.g. {high: 30})", name);
				st = FC_EPARSE;
				continue;
			}
			for (size_t j = 0; j < val->n; j++) {
				double x;
				const char *err = val->vals[j]->kind == FC_Y_SCALAR ? check_num(def, val->vals[j]->str, &x)
										     : "expected a number";
				if (err) {
					fc_diag_error(d, file, val->key_lines[j], 0, "parameter %s.%s: %s", name, val->keys[j], err);
					st = FC_EPARSE;
					continue;
				}
				if (set_map_key(p, v, val->keys[j], x))
					return FC_ENOMEM;
			}
		} else if (def->type == FC_PT_LIST) {
			if (val->kind != FC_Y_SEQ) {
				fc_diag_error(d, file, val->line, val->col, "parameter '%s' takes a list", name);
				st = FC_EPARSE;
				continue;
			}
			const char **items = fc_arena_alloc(&p->arena, sizeof(char *) * (val->n + 1));
			if (!items)
				return FC_ENOMEM;
			size_t n = 0;
			for (size_t j = 0; j < val->n; j++)
				if (val->vals[j]->kind == FC_Y_SCALAR)
					items[n++] = fc_arena_strdup(&p->arena, val->vals[j]->str);
			v->list = items;
			v->n = n;
		} else {
			double x;
			const char *err = val->kind == FC_Y_SCALAR ? check_num(def, val->str, &x) : "expected a number";
			if (err) {
				fc_diag_error(d, file, val->line, val->col, "parameter '%s': %s", name, err);
				st = FC_EPARSE;
				continue;
			}
			v->num = x;
		}
		v->origin = "org.yaml";
	}
	return st;
}

enum fc_status fc_params_apply_arg(struct fc_params *p, const char *arg, struct fc_diag *d)
{
	const char *eq = strchr(arg, '=');
	if (!eq) {
		fc_diag_error(d, "--param", 0, 0, "'%s': expected name=value", arg);
		return FC_EUSAGE;
	}
	const char *dot = memchr(arg, '.', (size_t)(eq - arg));
	size_t nlen = (size_t)((dot ? dot : eq) - arg);
	struct fc_param_val *v = find(p, arg, nlen);
	if (!v) {
		fc_diag_error(d, "--param", 0, 0, "unknown parameter '%.*s'", (int)nlen, arg);
		return FC_EUSAGE;
	}
	const struct fc_param_def *def = v->def;
	if (def->type == FC_PT_MAP) {
		if (!dot) {
			fc_diag_error(d, "--param", 0, 0, "'%s' is a map: use %s.KEY=VALUE", def->name, def->name);
			return FC_EUSAGE;
		}
		char key[128];
		snprintf(key, sizeof key, "%.*s", (int)(eq - dot - 1), dot + 1);
		double x;
		const char *err = check_num(def, eq + 1, &x);
		if (err) {
			fc_diag_error(d, "--param", 0, 0, "%s: %s", arg, err);
			return FC_EUSAGE;
		}
		if (set_map_key(p, v, key, x))
			return FC_ENOMEM;
	} else if (def->type == FC_PT_LIST) {
		/* comma-separated list replaces the default */
		const char *s = eq + 1;
		size_t cnt = 1;
		for (const char *q = s; *q; q++)
			cnt += *q == ',';
		const char **items = fc_arena_alloc(&p->arena, sizeof(char *) * (cnt + 1));
		if (!items)
			return FC_ENOMEM;
		size_t n = 0;
		while (*s) {
			const char *e = strchr(s, ',');
			size_t len = e ? (size_t)(e - s) : strlen(s);
			struct fc_span t = fc_span_trim(fc_span_of(s, len));
			if (t.n)
				items[n++] = fc_arena_strndup(&p->arena, t.p, t.n);
			if (!e)
				break;
			s = e + 1;
		}
		v->list = items;
		v->n = n;
	} else {
		if (dot) {
			fc_diag_error(d, "--param", 0, 0, "'%s' is not a map", def->name);
			return FC_EUSAGE;
		}
		double x;
		const char *err = check_num(def, eq + 1, &x);
		if (err) {
			fc_diag_error(d, "--param", 0, 0, "%s: %s", arg, err);
			return FC_EUSAGE;
		}
		v->num = x;
	}
	v->origin = "--param";
	return FC_OK;
}
