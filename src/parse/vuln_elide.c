/*
 * A byte filter in front of expat that drops what the Nessus parser never
 * reads: the text of long elements (<description>, <plugin_output>, …) and
 * the body of informational items (<ReportItem … severity="0">…</ReportItem>:
 * counted from their start tag, never read further).  In real .nessus
 * exports these are most of the bytes; skipping them with memchr instead
 * of tokenizing them is what lets a 1 GB file parse at several hundred
 * MB/s.  Expat still parses every byte that is kept, so what the parser
 * reads is still checked for well-formedness.
 *
 * - Text: from an exact start tag (no attributes) to the next '<'.  If
 *   that '<' opens anything but the matching end tag, the rest passes
 *   through unchanged — dropping plain text before it changes nothing.
 * - Item bodies: after a complete <ReportItem> start tag whose severity
 *   attribute is exactly "0" (attributes are scanned with their quoting),
 *   up to the next </ReportItem> outside comments and CDATA.
 * - Comments, CDATA sections and processing instructions are copied
 *   verbatim (or skipped whole inside an item body), so a tag name inside
 *   them is never taken for markup.
 * - Newlines in dropped bytes are kept: expat's line numbers stay those of
 *   the file.
 * Not checked any more: the dropped bytes' own well-formedness, which no
 * parser reads.
 */
#include <string.h>
#include "../core/mem.h"
#include "vuln_xml.h"

enum { S_NORMAL, S_TEXT, S_SPECIAL, S_ITEM, S_ITEM_SPECIAL };
enum { CARRY = 64, CHUNK = 256 * 1024, MAX_START_TAG = 4096 };

struct fc_velide {
	struct fc_vsrc *inner;
	char open[8][40];		/* "<name>" of each text element */
	size_t openlen[8], ntags;
	char *buf;			/* staging: undecided tail + fresh input */
	size_t len;
	int state;
	const char *term;		/* S_SPECIAL / S_ITEM_SPECIAL terminator */
	bool eof, err;
};

static long velide_read(void *ud, char *out, size_t n);

enum fc_status fc_velide_open(struct fc_velide **out, struct fc_vsrc *inner, const char *const *tags,
			      struct fc_vsrc *src)
{
	struct fc_velide *e = fc_calloc(1, sizeof(*e));
	if (!e || !(e->buf = fc_malloc(CHUNK + MAX_START_TAG + CARRY))) {
		fc_free(e);
		return FC_ENOMEM;
	}
	e->inner = inner;
	for (size_t k = 0; tags[k] && e->ntags < 8; k++) {
		size_t tn = strlen(tags[k]);
		if (tn + 3 > sizeof e->open[0])
			continue;
		e->open[e->ntags][0] = '<';
		memcpy(e->open[e->ntags] + 1, tags[k], tn);
		e->open[e->ntags][tn + 1] = '>';
		e->openlen[e->ntags++] = tn + 2;
	}
	src->read = velide_read;
	src->ud = e;
	*out = e;
	return FC_OK;
}

void fc_velide_close(struct fc_velide *e)
{
	if (!e)
		return;
	fc_free(e->buf);
	fc_free(e);
}

/* 1 if b[i..len) starts with s, 0 if not, -1 if it cannot tell yet. */
static int starts(const char *b, size_t i, size_t len, const char *s, size_t sn)
{
	size_t have = len - i < sn ? len - i : sn;
	if (memcmp(b + i, s, have))
		return 0;
	return have == sn ? 1 : -1;
}

static const struct {
	const char *open, *term;
} specials[] = {{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}};

/* A comment / CDATA / PI opening at i: its terminator, NULL if none;
 * *more when the bytes so far cannot tell. */
static const char *special_at(const char *b, size_t i, size_t len, size_t *openlen, int *more)
{
	for (size_t k = 0; k < 3; k++) {
		size_t on = strlen(specials[k].open);
		int r = starts(b, i, len, specials[k].open, on);
		if (r < 0)
			*more = 1;
		else if (r > 0) {
			*openlen = on;
			return specials[k].term;
		}
	}
	return NULL;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A <ReportItem …> start tag at i: its length, 0 if not one (or
 * self-closing), -1 if more bytes are needed; *info when severity="0". */
static long item_start(const char *b, size_t i, size_t len, bool eof, bool *info)
{
	static const char tag[] = "<ReportItem";
	size_t tn = sizeof tag - 1, j = i + tn;
	*info = false;
	int r = starts(b, i, len, tag, tn);
	if (r <= 0)
		return r < 0 && !eof ? -1 : 0;
	if (j >= len)
		return eof ? 0 : -1;
	if (!is_space(b[j]) && b[j] != '>')
		return 0;
	/* attributes, honouring quotes (a '>' may sit inside a value) */
	for (;;) {
		while (j < len && is_space(b[j]))
			j++;
		if (j >= len || j - i > MAX_START_TAG)
			return j - i > MAX_START_TAG || eof ? 0 : -1;
		if (b[j] == '>')
			return (long)(j + 1 - i);
		if (b[j] == '/')
			return 0; /* <ReportItem …/>: no body */
		size_t ns = j;
		while (j < len && b[j] != '=' && !is_space(b[j]) && b[j] != '>' && b[j] != '/' && b[j] != '<')
			j++;
		if (j < len && b[j] == '<')
			return 0; /* malformed: leave it to expat */
		size_t ne = j;
		while (j < len && is_space(b[j]))
			j++;
		if (j >= len)
			return eof ? 0 : -1;
		if (b[j] != '=')
			return 0; /* malformed: leave it to expat */
		j++;
		while (j < len && is_space(b[j]))
			j++;
		if (j >= len)
			return eof ? 0 : -1;
		char q = b[j];
		if (q != '"' && q != '\'')
			return 0;
		size_t vs = ++j;
		/* a value never holds a raw '<': stopping there keeps the work
		 * linear on hostile input */
		size_t lim = i + MAX_START_TAG < len ? i + MAX_START_TAG : len;
		const char *lt = j < lim ? memchr(b + j, '<', lim - j) : NULL;
		const char *qe = j < lim ? memchr(b + j, q, (size_t)((lt ? lt : b + lim) - (b + j))) : NULL;
		if (!qe)
			return lt || lim < len || eof ? 0 : -1;
		j = (size_t)(qe - b);
		if (ne - ns == 8 && !memcmp(b + ns, "severity", 8))
			*info = j - vs == 1 && b[vs] == '0';
		j++;
	}
}

/* Filter buf[0..len) into out; returns bytes written and leaves in buf
 * the tail that needs more input to decide. */
static size_t filter(struct fc_velide *e, char *out)
{
	const char *b = e->buf;
	size_t len = e->len, i = 0, o = 0;
	while (i < len) {
		if (e->state == S_SPECIAL || e->state == S_ITEM_SPECIAL) {
			size_t tn = strlen(e->term);
			const char *t = memmem(b + i, len - i, e->term, tn);
			size_t upto = t ? (size_t)(t - b) + tn : e->eof ? len : (len - i >= tn ? len - (tn - 1) : i);
			if (e->state == S_SPECIAL) {
				memcpy(out + o, b + i, upto - i);
				o += upto - i;
			} else {
				for (const char *nl = b + i; (nl = memchr(nl, '\n', (size_t)(b + upto - nl))); nl++)
					out[o++] = '\n';
			}
			i = upto;
			if (!t)
				break;
			e->state = e->state == S_SPECIAL ? S_NORMAL : S_ITEM;
			continue;
		}
		const char *lt = memchr(b + i, '<', len - i);
		size_t stop = lt ? (size_t)(lt - b) : len;
		if (e->state == S_TEXT || e->state == S_ITEM) {
			for (const char *nl = b + i; (nl = memchr(nl, '\n', (size_t)(b + stop - nl))); nl++)
				out[o++] = '\n';
			i = stop;
			if (!lt)
				break;
			if (e->state == S_TEXT) {
				e->state = S_NORMAL; /* the end tag, or anything else */
				continue;
			}
			/* S_ITEM: the end tag ends the skip; specials are skipped whole */
			int more = 0;
			size_t on;
			int r = starts(b, i, len, "</ReportItem>", 13);
			if (r > 0) {
				e->state = S_NORMAL;
				continue;
			}
			const char *term = special_at(b, i, len, &on, &more);
			if (term) {
				e->state = S_ITEM_SPECIAL;
				e->term = term;
				i += on;
				continue;
			}
			if ((r < 0 || more) && !e->eof)
				break; /* decide with more bytes */
			i++;
			continue;
		}
		/* S_NORMAL */
		memcpy(out + o, b + i, stop - i);
		o += stop - i;
		i = stop;
		if (!lt)
			break;
		if (i + 1 >= len) {
			if (!e->eof)
				break;
			out[o++] = b[i++];
			continue;
		}
		char c1 = b[i + 1];
		int more = 0;
		size_t adv = 0;
		if (c1 == '!' || c1 == '?') {
			const char *term = special_at(b, i, len, &adv, &more);
			if (term) {
				e->state = S_SPECIAL;
				e->term = term;
			}
		} else if (c1 == 'R') {
			bool info;
			long n = item_start(b, i, len, e->eof, &info);
			if (n < 0)
				more = 1;
			else if (n > 0) {
				adv = (size_t)n;
				if (info)
					e->state = S_ITEM;
			}
		} else if (c1 != '/') {
			for (size_t k = 0; k < e->ntags && !adv; k++) {
				if (e->open[k][1] != c1)
					continue;
				int r = starts(b, i, len, e->open[k], e->openlen[k]);
				if (r < 0)
					more = 1;
				else if (r > 0) {
					adv = e->openlen[k];
					e->state = S_TEXT;
				}
			}
		}
		if (!adv && more && !e->eof)
			break; /* decide with more bytes */
		if (!adv)
			adv = 1;
		memcpy(out + o, b + i, adv);
		o += adv;
		i += adv;
	}
	memmove(e->buf, e->buf + i, len - i);
	e->len = len - i;
	return o;
}

static long velide_read(void *ud, char *out, size_t n)
{
	struct fc_velide *e = ud;
	if (e->err || n < 2 * CARRY)
		return -1;
	for (;;) {
		/* the output never exceeds the input held: keep len <= n */
		size_t cap = CHUNK + MAX_START_TAG + CARRY;
		size_t space = e->len < n ? n - e->len : 0;
		if (space > cap - e->len)
			space = cap - e->len;
		if (!e->eof && space) {
			long r = e->inner->read(e->inner->ud, e->buf + e->len, space);
			if (r < 0) {
				e->err = true;
				return -1;
			}
			if (r == 0)
				e->eof = true;
			e->len += (size_t)r;
		}
		if (!e->len)
			return 0; /* end of input */
		size_t before = e->len;
		size_t o = filter(e, out);
		if (o)
			return (long)o;
		if (e->len < before)
			continue; /* dropped bytes only: go on */
		if (e->eof || !space) {
			/* an undecided tail that cannot grow: move on by one byte,
			 * passed through, or dropped inside a skipped region */
			char c = e->buf[0];
			memmove(e->buf, e->buf + 1, --e->len);
			if (e->state == S_NORMAL || e->state == S_SPECIAL || c == '\n') {
				out[0] = e->state == S_NORMAL || e->state == S_SPECIAL ? c : '\n';
				return 1;
			}
		}
	}
}
