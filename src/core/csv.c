#include "csv.h"
#include "buf.h"
#include "limits.h"
#include "mem.h"
#include "strutil.h"
#include <string.h>

struct fieldvec {
	char **v;
	size_t n, cap;
};

static int push_field(struct fieldvec *fv, char *s)
{
	if (fv->n == fv->cap) {
		size_t cap = fv->cap ? fv->cap * 2 : 16;
		char **v = fc_reallocarray(fv->v, cap, sizeof(*v));
		if (!v)
			return -1;
		fv->v = v;
		fv->cap = cap;
	}
	fv->v[fv->n++] = s;
	return 0;
}

/* Parse one record starting at *pp.  Returns 1 record, 0 end, -1 error
 * (reported), -2 hard failure. */
static int record(const char **pp, const char *end, long *line, const char *name,
		  struct fc_arena *a, struct fieldvec *fv, struct fc_diag *d, struct fc_buf *tmp)
{
	const char *p = *pp;
	fv->n = 0;
	if (p >= end)
		return 0;
	const char *line_start = p;
	int bad = 0;
	for (;;) {
		fc_buf_reset(tmp);
		fc_buf_add(tmp, "", 0);
		if (p < end && *p == '"') {
			long qline = *line;
			long qcol = (long)(p - line_start) + 1;
			p++;
			for (;;) {
				if (p >= end) {
					fc_diag_error(d, name, qline, qcol, "unterminated quoted field (expected a closing '\"')");
					bad = 1;
					break;
				}
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						fc_buf_addc(tmp, '"');
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (*p == '\n') {
					(*line)++;
					line_start = p + 1;
				}
				fc_buf_addc(tmp, *p++);
			}
			if (!bad && p < end && *p != ',' && *p != '\n' && *p != '\r') {
				fc_diag_error(d, name, *line, (long)(p - line_start) + 1,
					      "expected ',' or end of line after a closing quote");
				bad = 1;
				while (p < end && *p != ',' && *p != '\n')
					p++;
			}
		} else {
			const char *s = p;
			while (p < end && *p != ',' && *p != '\n')
				p++;
			size_t n = (size_t)(p - s);
			if (n && s[n - 1] == '\r' && (p >= end || *p == '\n'))
				n--;
			fc_buf_add(tmp, s, n);
		}
		if (fc_buf_err(tmp))
			return -2;
		char *f = fc_arena_strndup(a, tmp->p, tmp->len);
		if (!f || push_field(fv, f))
			return -2;
		if (fv->n > FC_MAX_CSV_FIELDS) {
			fc_diag_error(d, name, *line, 0, "more than %d fields in one record", FC_MAX_CSV_FIELDS);
			return -2;
		}
		if (p < end && *p == '\r')
			p++;
		if (p >= end) {
			*pp = p;
			return bad ? -1 : 1;
		}
		if (*p == '\n') {
			p++;
			*pp = p;
			return bad ? -1 : 1;
		}
		if (*p == ',') {
			p++;
			continue;
		}
		/* a stray byte after \r */
		fc_buf_reset(tmp);
	}
}

enum fc_status fc_csv_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
			    struct fc_csv *t, struct fc_diag *d)
{
	memset(t, 0, sizeof(*t));
	t->name = name;
	const char *p = text, *end = text + n;
	long line = 1;
	struct fieldvec fv = {0};
	struct fc_buf tmp;
	fc_buf_init(&tmp, FC_MAX_LINE_BYTES);
	enum fc_status st = FC_OK;
	size_t rcap = 0;
	/* skip leading blank lines */
	while (p < end && (*p == '\n' || *p == '\r')) {
		if (*p == '\n')
			line++;
		p++;
	}
	long hline = line;
	int r = record(&p, end, &line, name, a, &fv, d, &tmp);
	if (r == -2) {
		st = FC_ENOMEM;
		goto out;
	}
	if (r <= 0) {
		if (r == 0)
			fc_diag_error(d, name, 1, 0, "empty file: expected a header row");
		st = FC_EPARSE;
		goto out;
	}
	line++;
	(void)hline;
	t->ncol = fv.n;
	t->hdr = fc_arena_alloc(a, sizeof(char *) * fv.n);
	if (!t->hdr) {
		st = FC_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < fv.n; i++) {
		struct fc_span s = fc_span_trim(fc_span_of(fv.v[i], strlen(fv.v[i])));
		t->hdr[i] = fc_arena_strndup(a, s.p, s.n);
		if (!t->hdr[i]) {
			st = FC_ENOMEM;
			goto out;
		}
	}
	while (p < end) {
		const char *rec_start = p;
		long rec_line = line;
		/* blank line: skip */
		if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')) {
			p += *p == '\r' ? 2 : 1;
			line++;
			continue;
		}
		r = record(&p, end, &line, name, a, &fv, d, &tmp);
		if (r == -2) {
			st = tmp.err == FC_ELIMIT ? FC_ELIMIT : FC_ENOMEM;
			if (st == FC_ELIMIT)
				fc_diag_error(d, name, rec_line, 0, "field longer than the line limit");
			goto out;
		}
		line++;
		if (r < 0)
			st = FC_EPARSE;
		if (r == 0)
			break;
		if (fv.n < t->ncol && !(fv.n == 1 && !fv.v[0][0])) {
			/* RFC 4180: every record has the header's field count; a short
			 * record is usually a truncated file or a lost quote */
			fc_diag_error(d, name, rec_line, 0, "%zu fields but the header has %zu (truncated record?)",
				      fv.n, t->ncol);
			st = FC_EPARSE;
		}
		if (fv.n > t->ncol) {
			int extra_nonempty = 0;
			for (size_t i = t->ncol; i < fv.n; i++)
				if (fv.v[i][0])
					extra_nonempty = 1;
			if (extra_nonempty) {
				fc_diag_error(d, name, rec_line, 0,
					      "%zu fields but the header has %zu (an unquoted comma?)", fv.n, t->ncol);
				st = FC_EPARSE;
			}
		}
		if (t->nrows == rcap) {
			size_t nc = rcap ? rcap * 2 : 64;
			struct fc_csv_row *rows = fc_reallocarray(t->rows, nc, sizeof(*rows));
			if (!rows) {
				st = FC_ENOMEM;
				goto out;
			}
			t->rows = rows;
			rcap = nc;
		}
		struct fc_csv_row *row = &t->rows[t->nrows];
		row->f = fc_arena_alloc(a, sizeof(char *) * (t->ncol ? t->ncol : 1));
		const char *nl = memchr(rec_start, '\n', (size_t)(end - rec_start));
		size_t rawn = nl ? (size_t)(nl - rec_start) : (size_t)(end - rec_start);
		if (rawn && rec_start[rawn - 1] == '\r')
			rawn--;
		row->raw = fc_arena_strndup(a, rec_start, rawn > 400 ? 400 : rawn);
		if (!row->f || !row->raw) {
			st = FC_ENOMEM;
			goto out;
		}
		for (size_t i = 0; i < t->ncol; i++)
			row->f[i] = i < fv.n ? fv.v[i] : "";
		row->nf = fv.n;
		row->line = rec_line;
		t->nrows++;
	}
out:
	/* rows were allocated with fc_realloc: move them into the arena so the
	 * table is released with the arena */
	if (t->rows) {
		struct fc_csv_row *ar = fc_arena_alloc(a, sizeof(*ar) * (t->nrows ? t->nrows : 1));
		if (ar)
			memcpy(ar, t->rows, sizeof(*ar) * t->nrows);
		else {
			t->nrows = 0;
			if (!st)
				st = FC_ENOMEM;
		}
		fc_free(t->rows);
		t->rows = ar;
	}
	fc_free(fv.v);
	fc_buf_release(&tmp);
	return st;
}

int fc_csv_col(const struct fc_csv *t, const char *const *names)
{
	for (size_t k = 0; names[k]; k++)
		for (size_t i = 0; i < t->ncol; i++)
			if (fc_strieq(t->hdr[i], names[k]))
				return (int)i;
	return -1;
}

const char *fc_csv_get(const struct fc_csv_row *r, int col)
{
	if (col < 0 || !r->f[col])
		return "";
	return r->f[col];
}

int fc_csv_empty(const struct fc_csv_row *r, int col)
{
	const char *s = fc_csv_get(r, col);
	struct fc_span t = fc_span_trim(fc_span_of(s, strlen(s)));
	return t.n == 0;
}
