/*
 * os-release(5): KEY=value lines, values optionally in double or single
 * quotes with shell-style backslash escapes.  Gives the distribution and
 * version for the end-of-support table (eos.c), preferred over the
 * inventory's free-text os column.
 */
#include <string.h>
#include "hostcfg.h"

static const char *unquote(struct fc_arena *a, struct fc_span v)
{
	if (v.n >= 2 && (v.p[0] == '"' || v.p[0] == '\'') && v.p[v.n - 1] == v.p[0]) {
		char q = v.p[0];
		char *out = fc_arena_alloc(a, v.n);
		if (!out)
			return NULL;
		size_t o = 0;
		for (size_t i = 1; i + 1 < v.n; i++) {
			if (q == '"' && v.p[i] == '\\' && i + 2 < v.n)
				i++;
			out[o++] = v.p[i];
		}
		out[o] = '\0';
		return out;
	}
	return fc_arena_strndup(a, v.p, v.n);
}

enum fc_status fc_osrelease_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				  struct fc_osrelease *o, struct fc_diag *d)
{
	memset(o, 0, sizeof(*o));
	if (fc_hc_refuse_binary(text, n, name, d))
		return FC_EPARSE;
	enum fc_status st = FC_OK;
	struct fc_hc_lines L;
	struct fc_span line;
	fc_hc_lines_init(&L, text, n);
	while (fc_hc_lines_next(&L, &line)) {
		struct fc_span s = fc_span_trim(line);
		if (!s.n || s.p[0] == '#')
			continue;
		const char *eq = memchr(s.p, '=', s.n);
		if (!eq) {
			fc_diag_error(d, name, L.lineno, 1, "expected KEY=value");
			st = FC_EPARSE;
			continue;
		}
		struct fc_span key = fc_span_of(s.p, (size_t)(eq - s.p));
		struct fc_span val = fc_span_of(eq + 1, s.n - key.n - 1);
		const char **slot = NULL;
		if (fc_span_eq(key, "ID"))
			slot = &o->id;
		else if (fc_span_eq(key, "ID_LIKE"))
			slot = &o->id_like;
		else if (fc_span_eq(key, "NAME"))
			slot = &o->name;
		else if (fc_span_eq(key, "VERSION_ID"))
			slot = &o->version_id;
		else if (fc_span_eq(key, "PRETTY_NAME"))
			slot = &o->pretty_name;
		else if (fc_span_eq(key, "VERSION_CODENAME"))
			slot = &o->codename;
		if (!slot)
			continue;
		*slot = unquote(a, val);
		if (!*slot)
			return FC_ENOMEM;
		if (slot == &o->id || (!o->ref.file && slot == &o->version_id)) {
			o->ref = fc_hc_ref(a, name, L.lineno, line);
			if (!o->ref.excerpt)
				return FC_ENOMEM;
		}
	}
	if (!o->id && !o->name && st == FC_OK) {
		fc_diag_error(d, name, 1, 0, "no ID= or NAME= line: not an os-release file");
		st = FC_EPARSE;
	}
	return st;
}
