#include "strutil.h"
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static int lc(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

struct fc_span fc_span_trim(struct fc_span s)
{
	while (s.n && (s.p[0] == ' ' || s.p[0] == '\t' || s.p[0] == '\r' || s.p[0] == '\n')) {
		s.p++;
		s.n--;
	}
	while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t' || s.p[s.n - 1] == '\r' ||
		       s.p[s.n - 1] == '\n'))
		s.n--;
	return s;
}

bool fc_span_eq(struct fc_span s, const char *lit)
{
	size_t n = strlen(lit);
	return s.n == n && memcmp(s.p, lit, n) == 0;
}

bool fc_span_ieq(struct fc_span s, const char *lit)
{
	size_t n = strlen(lit);
	if (s.n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lc((unsigned char)s.p[i]) != lc((unsigned char)lit[i]))
			return false;
	return true;
}

bool fc_span_istarts(struct fc_span s, const char *lit)
{
	size_t n = strlen(lit);
	if (s.n < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lc((unsigned char)s.p[i]) != lc((unsigned char)lit[i]))
			return false;
	return true;
}

int fc_strcasecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = lc((unsigned char)*a), y = lc((unsigned char)*b);
		if (x != y || !x)
			return x - y;
	}
}

bool fc_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

bool fc_strieq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return fc_strcasecmp(a, b) == 0;
}

bool fc_istarts(const char *s, const char *prefix)
{
	return fc_span_istarts(fc_span_of(s, strlen(s)), prefix);
}

const char *fc_strcasestr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!n)
		return hay;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] && lc((unsigned char)hay[i]) == lc((unsigned char)needle[i]))
			i++;
		if (i == n)
			return hay;
	}
	return NULL;
}

int fc_parse_bool(const char *s)
{
	if (!s)
		return -1;
	struct fc_span t = fc_span_trim(fc_span_of(s, strlen(s)));
	if (!t.n)
		return -1;
	static const char *yes[] = {"yes", "true", "y", "1", "是", "on", "enabled", NULL};
	static const char *no[] = {"no", "false", "n", "0", "否", "off", "disabled", NULL};
	for (int i = 0; yes[i]; i++)
		if (fc_span_ieq(t, yes[i]))
			return 1;
	for (int i = 0; no[i]; i++)
		if (fc_span_ieq(t, no[i]))
			return 0;
	if (fc_span_ieq(t, "unknown"))
		return -1;
	return -2;
}

bool fc_span_i64(struct fc_span s, int64_t *out)
{
	s = fc_span_trim(s);
	if (!s.n || s.n > 24)
		return false;
	char tmp[32];
	memcpy(tmp, s.p, s.n);
	tmp[s.n] = '\0';
	char *end;
	errno = 0;
	long long v = strtoll(tmp, &end, 10);
	if (errno || *end || end == tmp)
		return false;
	*out = v;
	return true;
}

bool fc_parse_i64(const char *s, int64_t *out)
{
	return s && fc_span_i64(fc_span_of(s, strlen(s)), out);
}

bool fc_parse_double(const char *s, double *out)
{
	if (!s)
		return false;
	struct fc_span t = fc_span_trim(fc_span_of(s, strlen(s)));
	if (!t.n || t.n > 60)
		return false;
	char tmp[64];
	memcpy(tmp, t.p, t.n);
	tmp[t.n] = '\0';
	char *end;
	errno = 0;
	double v = strtod(tmp, &end);
	if (errno || *end || end == tmp)
		return false;
	*out = v;
	return true;
}

void fc_ascii_lower(char *s)
{
	for (; *s; s++)
		*s = (char)lc((unsigned char)*s);
}

void fc_split(const char *s, char sep, void (*fn)(struct fc_span, void *), void *ud)
{
	if (!s)
		return;
	const char *p = s;
	for (;;) {
		const char *e = strchr(p, sep);
		size_t n = e ? (size_t)(e - p) : strlen(p);
		struct fc_span t = fc_span_trim(fc_span_of(p, n));
		if (t.n)
			fn(t, ud);
		if (!e)
			break;
		p = e + 1;
	}
}

size_t fc_utf8_len(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return 1;
	size_t len;
	uint32_t min;
	if ((p[0] & 0xE0) == 0xC0)
		len = 2, min = 0x80;
	else if ((p[0] & 0xF0) == 0xE0)
		len = 3, min = 0x800;
	else if ((p[0] & 0xF8) == 0xF0)
		len = 4, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	uint32_t cp = p[0] & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}
