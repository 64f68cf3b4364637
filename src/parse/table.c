#include "table.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "../core/reader.h"
#include "../core/strutil.h"

enum fc_status fc_table_open(struct fc_table *t, struct fc_bundle *b, const char *path, const char *rel,
			     enum fc_evkind kind)
{
	memset(t, 0, sizeof(*t));
	fc_arena_init(&t->tmp);
	t->b = b;
	t->rel = fc_arena_strdup(&b->arena, rel);
	t->kind = kind;
	if (!t->rel)
		return FC_ENOMEM;
	fc_bundle_saw(b, kind, rel);
	struct fc_text txt;
	enum fc_status st = fc_text_read(path, t->rel, &txt, b->diag);
	if (st) {
		fc_bundle_bad(b, kind, rel);
		return st == FC_ENOMEM ? st : FC_EPARSE;
	}
	if (fc_text_is_binary(txt.p, txt.n)) {
		fc_diag_error(b->diag, t->rel, 1, 0, "binary data where a CSV table was expected");
		fc_text_release(&txt);
		fc_bundle_bad(b, kind, rel);
		return FC_EPARSE;
	}
	if (fc_text_check_utf8(&txt, t->rel, b->diag)) {
		fc_text_release(&txt);
		fc_bundle_bad(b, kind, rel);
		return FC_EPARSE;
	}
	st = fc_csv_parse(txt.p, txt.n, t->rel, &t->tmp, &t->csv, b->diag);
	fc_text_release(&txt);
	if (st == FC_ENOMEM) {
		fc_arena_release(&t->tmp);
		return st;
	}
	if (st) {
		fc_bundle_bad(b, kind, rel);
		t->bad = 1;
	}
	return FC_OK;
}

int fc_table_col(struct fc_table *t, const char *const *names)
{
	return fc_csv_col(&t->csv, names);
}

int fc_table_need(struct fc_table *t, const char *const *names)
{
	int c = fc_csv_col(&t->csv, names);
	if (c < 0 && t->csv.ncol) {
		char alias[256] = "";
		size_t off = 0;
		for (size_t i = 1; names[i] && off < sizeof alias; i++)
			off += (size_t)snprintf(alias + off, sizeof alias - off, "%s%s", i > 1 ? ", " : " (or ", names[i]);
		if (names[1] && off < sizeof alias)
			snprintf(alias + off, sizeof alias - off, ")");
		fc_diag_error(t->b->diag, t->rel, 1, 0, "missing column '%s'%s in the header", names[0], alias);
		t->bad = 1;
	}
	return c;
}

void fc_table_error(struct fc_table *t, const struct fc_csv_row *r, int col, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (col >= 0 && (size_t)col < t->csv.ncol)
		fc_diag_error(t->b->diag, t->rel, r->line, col + 1, "column '%s': %s", t->csv.hdr[col], msg);
	else
		fc_diag_error(t->b->diag, t->rel, r->line, 0, "%s", msg);
	t->bad = 1;
}

const char *fc_table_str(struct fc_table *t, const struct fc_csv_row *r, int col)
{
	const char *s = fc_csv_get(r, col);
	struct fc_span sp = fc_span_trim(fc_span_of(s, strlen(s)));
	if (!sp.n)
		return NULL;
	return fc_arena_strndup(&t->b->arena, sp.p, sp.n);
}

const char *fc_table_lower(struct fc_table *t, const struct fc_csv_row *r, int col)
{
	char *s = (char *)fc_table_str(t, r, col); /* our own copy */
	if (s)
		fc_ascii_lower(s);
	return s;
}

int fc_table_bool(struct fc_table *t, const struct fc_csv_row *r, int col)
{
	if (col < 0)
		return FC_UNKNOWN;
	const char *s = fc_csv_get(r, col);
	int v = fc_parse_bool(s);
	if (v == -2) {
		fc_table_error(t, r, col, "expected yes/no (true/false, y/n, 1/0, 是/否), got '%.40s'", s);
		return FC_UNKNOWN;
	}
	return v;
}

int32_t fc_table_date(struct fc_table *t, const struct fc_csv_row *r, int col)
{
	if (col < 0 || fc_csv_empty(r, col))
		return FC_NO_DATE;
	const char *s = fc_csv_get(r, col);
	int32_t d;
	bool never = false;
	int64_t ts;
	if (fc_date_parse(s, &d))
		return d;
	if (!fc_ts_parse(s, &ts, &never) && never)
		return FC_NO_DATE;
	fc_table_error(t, r, col, "expected a date (YYYY-MM-DD, ISO 8601 or M/D/YYYY), got '%.40s'", s);
	return FC_NO_DATE;
}

long fc_table_int(struct fc_table *t, const struct fc_csv_row *r, int col, long def)
{
	if (col < 0 || fc_csv_empty(r, col))
		return def;
	int64_t v;
	if (!fc_parse_i64(fc_csv_get(r, col), &v)) {
		fc_table_error(t, r, col, "expected a whole number, got '%.40s'", fc_csv_get(r, col));
		return def;
	}
	return (long)v;
}

struct fc_ref fc_table_ref(struct fc_table *t, const struct fc_csv_row *r)
{
	if (r != t->ref_row) {
		t->ref_row = r;
		t->ref_raw = fc_arena_strdup(&t->b->arena, r->raw);
		if (!t->ref_raw) { /* out of memory: the reference keeps file and line */
			t->ref_row = NULL;
			struct fc_ref bare = {t->rel, r->line, ""};
			return bare;
		}
	}
	struct fc_ref ref = {t->rel, r->line, t->ref_raw};
	return ref;
}

void fc_table_done(struct fc_table *t)
{
	if (t->bad)
		fc_bundle_bad(t->b, t->kind, t->rel);
	t->bad = 0;
	fc_arena_release(&t->tmp);
	memset(&t->csv, 0, sizeof(t->csv));
	t->ref_row = NULL;
}
