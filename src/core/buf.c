#include "buf.h"
#include "limits.h"
#include "mem.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void fc_buf_init(struct fc_buf *b, size_t max)
{
	b->p = NULL;
	b->len = b->cap = 0;
	b->max = max ? max : FC_MAX_BUF_BYTES;
	b->err = FC_OK;
}

void fc_buf_release(struct fc_buf *b)
{
	fc_free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->err = FC_OK;
}

void fc_buf_reset(struct fc_buf *b)
{
	b->len = 0;
	b->err = FC_OK;
	if (b->p)
		b->p[0] = '\0';
}

static int grow(struct fc_buf *b, size_t extra)
{
	size_t max = b->max ? b->max : FC_MAX_BUF_BYTES;
	if (b->err)
		return 0;
	if (extra > max || b->len > max - extra - 1) {
		b->err = FC_ELIMIT;
		return 0;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 1;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > max / 2 ? max : cap * 2;
	char *p = fc_realloc(b->p, cap);
	if (!p) {
		b->err = FC_ENOMEM;
		return 0;
	}
	b->p = p;
	b->cap = cap;
	return 1;
}

void fc_buf_add(struct fc_buf *b, const void *p, size_t n)
{
	if (!grow(b, n))
		return;
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void fc_buf_adds(struct fc_buf *b, const char *s)
{
	fc_buf_add(b, s, strlen(s));
}

void fc_buf_addc(struct fc_buf *b, char c)
{
	fc_buf_add(b, &c, 1);
}

void fc_buf_addf(struct fc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		if (!b->err)
			b->err = FC_EUSAGE;
		return;
	}
	if (!grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *fc_buf_str(const struct fc_buf *b)
{
	return b->p ? b->p : "";
}

char *fc_buf_detach(struct fc_buf *b)
{
	char *p = b->p;
	if (!p)
		p = fc_strdup("");
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

enum fc_status fc_buf_err(const struct fc_buf *b)
{
	return b->err;
}
