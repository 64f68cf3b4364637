/* jflat: one JSON object read without building a tree (see jflat.h). */
#include "jflat.h"
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "limits.h"
#include "mem.h"
#include "strutil.h"

struct scan {
	const char *s, *p, *e;
	struct fc_jflat *j;
	size_t blen;
	const char *err;
	const char *errp;
};

static bool fail(struct scan *c, const char *at, const char *msg)
{
	if (!c->err) {
		c->err = msg;
		c->errp = at;
	}
	return false;
}

static void ws(struct scan *c)
{
	while (c->p < c->e && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static bool put(struct scan *c, const char *s, size_t n)
{
	if (c->blen + n + 1 > c->j->cap) {
		size_t nc = c->j->cap ? c->j->cap : 256;
		while (nc < c->blen + n + 1)
			nc *= 2;
		char *nb = fc_realloc(c->j->buf, nc);
		if (!nb)
			return fail(c, c->p, "out of memory");
		c->j->buf = nb;
		c->j->cap = nc;
	}
	memcpy(c->j->buf + c->blen, s, n);
	c->blen += n;
	return true;
}

static bool put_cp(struct scan *c, uint32_t cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return put(c, b, n);
}

static int hex4(const char *p, const char *e)
{
	if (e - p < 4)
		return -1;
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char h = p[i];
		v <<= 4;
		if (h >= '0' && h <= '9')
			v |= h - '0';
		else if (h >= 'a' && h <= 'f')
			v |= h - 'a' + 10;
		else if (h >= 'A' && h <= 'F')
			v |= h - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* A string at c->p ('"'); unescaped into the scratch buffer from off. */
static bool string(struct scan *c, size_t *off, size_t *len)
{
	const char *start = c->p++;
	*off = c->blen;
	for (;;) {
		const char *run = c->p;
		while (c->p < c->e && *c->p != '"' && *c->p != '\\' && (unsigned char)*c->p >= 0x20 &&
		       (unsigned char)*c->p < 0x80)
			c->p++;
		if (c->p > run && !put(c, run, (size_t)(c->p - run)))
			return false;
		if (c->p >= c->e)
			return fail(c, start, "premature end of input in a string");
		unsigned char ch = (unsigned char)*c->p;
		if (ch == '"') {
			c->p++;
			*len = c->blen - *off;
			return true;
		}
		if (ch < 0x20)
			return fail(c, c->p, "control character in a string");
		if (ch >= 0x80) {
			size_t n = fc_utf8_len((const unsigned char *)c->p, (size_t)(c->e - c->p));
			if (!n)
				return fail(c, c->p, "invalid UTF-8 in a string");
			if (!put(c, c->p, n))
				return false;
			c->p += n;
			continue;
		}
		/* an escape */
		if (c->e - c->p < 2)
			return fail(c, c->p, "premature end of input in a string");
		char x = c->p[1];
		const char *esc = c->p;
		c->p += 2;
		char lit;
		switch (x) {
		case '"': lit = '"'; break;
		case '\\': lit = '\\'; break;
		case '/': lit = '/'; break;
		case 'b': lit = '\b'; break;
		case 'f': lit = '\f'; break;
		case 'n': lit = '\n'; break;
		case 'r': lit = '\r'; break;
		case 't': lit = '\t'; break;
		case 'u': {
			int v = hex4(c->p, c->e);
			if (v < 0)
				return fail(c, esc, "invalid \\u escape");
			c->p += 4;
			uint32_t cp = (uint32_t)v;
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return fail(c, esc, "invalid Unicode: a lone low surrogate");
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				int lo = c->e - c->p >= 6 && c->p[0] == '\\' && c->p[1] == 'u' ? hex4(c->p + 2, c->e) : -1;
				if (lo < 0xDC00 || lo > 0xDFFF)
					return fail(c, esc, "invalid Unicode: a high surrogate without its low half");
				c->p += 6;
				cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
			}
			if (cp == 0)
				return fail(c, esc, "\\u0000 is not allowed");
			if (!put_cp(c, cp))
				return false;
			continue;
		}
		default:
			return fail(c, esc, "invalid escape");
		}
		if (!put(c, &lit, 1))
			return false;
	}
}

/* A number at c->p, by the JSON grammar; *real when it has a fraction or
 * an exponent. */
static bool number(struct scan *c, bool *real)
{
	const char *p = c->p, *e = c->e;
	*real = false;
	if (p < e && *p == '-')
		p++;
	if (p >= e || *p < '0' || *p > '9')
		return fail(c, c->p, "invalid token");
	if (*p == '0')
		p++;
	else
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	if (p < e && *p == '.') {
		*real = true;
		p++;
		if (p >= e || *p < '0' || *p > '9')
			return fail(c, c->p, "invalid number");
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		*real = true;
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		if (p >= e || *p < '0' || *p > '9')
			return fail(c, c->p, "invalid number");
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	/* the value must be representable, as a C long long or a finite double */
	char tmp[64];
	size_t n = (size_t)(p - c->p);
	if (!*real) {
		if (n >= sizeof tmp)
			return fail(c, c->p, "too big integer");
		memcpy(tmp, c->p, n);
		tmp[n] = '\0';
		errno = 0;
		(void)strtoll(tmp, NULL, 10);
		if (errno == ERANGE)
			return fail(c, c->p, "too big integer");
	} else {
		char *big = n < sizeof tmp ? tmp : fc_malloc(n + 1);
		if (!big)
			return fail(c, c->p, "out of memory");
		memcpy(big, c->p, n);
		big[n] = '\0';
		double d = strtod(big, NULL);
		if (big != tmp)
			fc_free(big);
		if (isinf(d))
			return fail(c, c->p, "real number overflow");
	}
	c->p = p;
	return true;
}

static bool literal(struct scan *c, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(c->e - c->p) < n || memcmp(c->p, word, n))
		return fail(c, c->p, "invalid token");
	c->p += n;
	return true;
}

static bool value(struct scan *c, int depth, enum fc_jkind *kind, size_t *off, size_t *len);

/* After a member or an element: 1 at a ',' (another follows), 0 at the
 * closing bracket (both consumed), -1 otherwise (reported). */
static int next_item(struct scan *c, char close, const char *expected)
{
	ws(c);
	if (c->p < c->e && *c->p == ',') {
		c->p++;
		return 1;
	}
	if (c->p < c->e && *c->p == close) {
		c->p++;
		return 0;
	}
	fail(c, c->p, c->p >= c->e ? "premature end of input" : expected);
	return -1;
}

static bool members(struct scan *c, int depth, fc_jflat_fn fn, void *ud)
{
	c->p++; /* '{' */
	ws(c);
	if (c->p < c->e && *c->p == '}') {
		c->p++;
		return true;
	}
	for (;;) {
		ws(c);
		if (c->p >= c->e || *c->p != '"')
			return fail(c, c->p, c->p >= c->e ? "premature end of input" : "string or '}' expected");
		size_t mark = c->blen, koff, klen;
		if (!string(c, &koff, &klen))
			return false;
		ws(c);
		if (c->p >= c->e || *c->p != ':')
			return fail(c, c->p, "':' expected");
		c->p++;
		ws(c);
		enum fc_jkind k;
		size_t voff = 0, vlen = 0;
		if (!value(c, depth + 1, &k, &voff, &vlen))
			return false;
		if (fn) {
			struct fc_jmember m = {c->j->buf + koff, klen, k, NULL, 0};
			if (k == FC_J_STRING)
				m.val = c->j->buf + voff, m.vlen = vlen;
			else if (k == FC_J_INT || k == FC_J_REAL)
				m.val = c->s + voff, m.vlen = vlen;
			fn(ud, &m);
		}
		c->blen = mark; /* the member's strings are spent */
		int r = next_item(c, '}', "',' or '}' expected");
		if (r <= 0)
			return r == 0;
	}
}

static bool elements(struct scan *c, int depth)
{
	c->p++; /* '[' */
	ws(c);
	if (c->p < c->e && *c->p == ']') {
		c->p++;
		return true;
	}
	for (;;) {
		ws(c);
		enum fc_jkind k;
		size_t off, len, mark = c->blen;
		if (!value(c, depth + 1, &k, &off, &len))
			return false;
		c->blen = mark;
		int r = next_item(c, ']', "',' or ']' expected");
		if (r <= 0)
			return r == 0;
	}
}

/* A value at c->p.  Strings: off and len in the scratch buffer; numbers:
 * off and len in the input. */
static bool value(struct scan *c, int depth, enum fc_jkind *kind, size_t *off, size_t *len)
{
	if (depth > FC_MAX_NESTING)
		return fail(c, c->p, "nesting too deep");
	if (c->p >= c->e)
		return fail(c, c->p, "premature end of input");
	switch (*c->p) {
	case '"':
		*kind = FC_J_STRING;
		return string(c, off, len);
	case '{':
		*kind = FC_J_OBJECT;
		return members(c, depth, NULL, NULL);
	case '[':
		*kind = FC_J_ARRAY;
		return elements(c, depth);
	case 't':
		*kind = FC_J_TRUE;
		return literal(c, "true");
	case 'f':
		*kind = FC_J_FALSE;
		return literal(c, "false");
	case 'n':
		*kind = FC_J_NULL;
		return literal(c, "null");
	default: {
		bool real;
		const char *start = c->p;
		if (!number(c, &real))
			return false;
		*kind = real ? FC_J_REAL : FC_J_INT;
		*off = (size_t)(start - c->s);
		*len = (size_t)(c->p - start);
		return true;
	}
	}
}

int fc_jflat_object(struct fc_jflat *j, const char *p, size_t n, fc_jflat_fn fn, void *ud, const char **err,
		    size_t *col)
{
	struct scan c = {.s = p, .p = p, .e = p + n, .j = j};
	/* the scratch buffer always exists: an empty key or string is an
	 * offset into it, never into a NULL pointer */
	if (!j->buf && !put(&c, "", 0)) {
		*err = c.err;
		*col = 1;
		return -1;
	}
	ws(&c);
	bool obj = c.p < c.e && *c.p == '{';
	bool ok;
	if (obj) {
		ok = members(&c, 1, fn, ud);
	} else if (c.p < c.e && *c.p == '[') {
		ok = elements(&c, 1);
	} else {
		ok = fail(&c, c.p, c.p >= c.e ? "premature end of input" : "'[' or '{' expected");
	}
	if (ok) {
		ws(&c);
		if (c.p < c.e)
			ok = fail(&c, c.p, "end of input expected");
	}
	if (!ok) {
		*err = c.err;
		*col = (size_t)(c.errp - p) + 1;
		return -1;
	}
	return obj ? 1 : 0;
}

void fc_jflat_release(struct fc_jflat *j)
{
	fc_free(j->buf);
	j->buf = NULL;
	j->cap = 0;
}
