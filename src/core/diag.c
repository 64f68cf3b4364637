#include "diag.h"
#include "limits.h"
#include "mem.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void fc_diag_init(struct fc_diag *d)
{
	memset(d, 0, sizeof(*d));
}

void fc_diag_release(struct fc_diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		fc_free(d->v[i].file);
		fc_free(d->v[i].msg);
	}
	fc_free(d->v);
	memset(d, 0, sizeof(*d));
}

void fc_diag_add(struct fc_diag *d, enum fc_diag_level lv, const char *file,
		 long line, long col, const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (lv == FC_DIAG_ERROR)
		d->errors++;
	struct fc_diag_msg m = {lv, NULL, line, col, NULL};
	if (d->n >= FC_MAX_DIAGS) {
		d->dropped++;
		goto callback;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct fc_diag_msg *v = fc_reallocarray(d->v, cap, sizeof(*v));
		if (!v) {
			d->dropped++;
			goto callback;
		}
		d->v = v;
		d->cap = cap;
	}
	m.file = file ? fc_strdup(file) : NULL;
	m.msg = fc_strdup(tmp);
	if ((file && !m.file) || !m.msg) {
		fc_free(m.file);
		fc_free(m.msg);
		d->dropped++;
		m.file = NULL;
		m.msg = NULL;
		goto callback;
	}
	d->v[d->n++] = m;
	if (d->cb)
		d->cb(&m, d->ud);
	return;
callback:
	if (d->cb) {
		struct fc_diag_msg t = {lv, (char *)file, line, col, tmp};
		d->cb(&t, d->ud);
	}
}

size_t fc_diag_errors_for(const struct fc_diag *d, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].level == FC_DIAG_ERROR && d->v[i].file &&
		    strncmp(d->v[i].file, prefix, len) == 0)
			n++;
	return n;
}

void fc_diag_format(const struct fc_diag_msg *m, char *out, size_t outlen)
{
	static const char *lvname[] = {"error", "warning", "note"};
	const char *f = m->file ? m->file : "fincheck";
	if (m->line && m->col)
		snprintf(out, outlen, "%s:%ld:%ld: %s: %s", f, m->line, m->col, lvname[m->level], m->msg);
	else if (m->line)
		snprintf(out, outlen, "%s:%ld: %s: %s", f, m->line, lvname[m->level], m->msg);
	else
		snprintf(out, outlen, "%s: %s: %s", f, lvname[m->level], m->msg);
}
