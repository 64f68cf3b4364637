/* Small helpers shared by the host-config parsers (hc_*.c). */
#include <string.h>
#include "../core/reader.h"
#include "hostcfg.h"

void fc_hc_lines_init(struct fc_hc_lines *c, const char *text, size_t n)
{
	c->p = text;
	c->end = text + n;
	c->lineno = 0;
}

bool fc_hc_lines_next(struct fc_hc_lines *c, struct fc_span *line)
{
	if (c->p >= c->end)
		return false;
	const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	const char *e = nl ? nl : c->end;
	line->p = c->p;
	line->n = (size_t)(e - c->p);
	if (line->n && line->p[line->n - 1] == '\r')
		line->n--;
	c->p = nl ? nl + 1 : c->end;
	c->lineno++;
	return true;
}

struct fc_ref fc_hc_ref(struct fc_arena *a, const char *file, long line, struct fc_span text)
{
	struct fc_ref r = {file, line, NULL};
	text = fc_span_trim(text);
	size_t n = text.n;
	if (n > 160) {
		n = 160;
		/* cut on a UTF-8 boundary: back off continuation bytes */
		while (n > 0 && ((unsigned char)text.p[n] & 0xC0) == 0x80)
			n--;
	}
	r.excerpt = fc_arena_strndup(a, text.p, n);
	return r;
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

bool fc_hc_word(struct fc_span *s, struct fc_span *word)
{
	while (s->n && is_ws(*s->p)) {
		s->p++;
		s->n--;
	}
	if (!s->n)
		return false;
	word->p = s->p;
	while (s->n && !is_ws(*s->p)) {
		s->p++;
		s->n--;
	}
	word->n = (size_t)(s->p - word->p);
	return true;
}

bool fc_hc_int(struct fc_span s, int64_t *out)
{
	s = fc_span_trim(s);
	if (s.n && (s.p[0] == '"' || s.p[0] == '\'') && s.n >= 2 && s.p[s.n - 1] == s.p[0]) {
		s.p++;
		s.n -= 2;
	}
	return fc_span_i64(s, out);
}

struct fc_span fc_hc_strip_comment(struct fc_span s)
{
	char q = 0;
	for (size_t i = 0; i < s.n; i++) {
		char c = s.p[i];
		if (q) {
			if (c == q)
				q = 0;
		} else if (c == '"' || c == '\'') {
			q = c;
		} else if (c == '#') {
			s.n = i;
			break;
		}
	}
	return fc_span_trim(s);
}

bool fc_hc_refuse_binary(const char *text, size_t n, const char *name, struct fc_diag *d)
{
	if (!fc_text_is_binary(text, n))
		return false;
	fc_diag_error(d, name, 1, 0, "binary content where a text configuration file was expected");
	return true;
}

static int lc(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

int fc_hc_ncasecmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int x = lc((unsigned char)a[i]), y = lc((unsigned char)b[i]);
		if (x != y || !x)
			return x - y;
	}
	return 0;
}

const char *fc_hc_memcasestr(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	if (!m)
		return s;
	for (size_t i = 0; i + m <= n; i++)
		if (!fc_hc_ncasecmp(s + i, needle, m))
			return s + i;
	return NULL;
}
