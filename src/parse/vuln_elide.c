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
 * - Elements: an exact start tag (no attributes) of a listed element, its
 *   text and its end tag.  If the '<' after the text opens anything but
 *   the matching end tag, the start tag is put back there and the rest
 *   passes through — dropping plain text before it changes nothing.  So
 *   the long texts (<description>, <plugin_output>) and the many short
 *   elements no parser reads (<fname>, <plugin_publication_date>, <xref>,
 *   …) cost a memchr, not a pass through expat's tokenizer.
 * - Item bodies: after a complete <ReportItem> start tag whose severity
 *   attribute is exactly "0" (attributes are scanned with their quoting),
 *   up to the next </ReportItem> outside comments and CDATA.  Such a start
 *   tag itself becomes <ReportItem severity="0"> (its line ends kept) when
 *   its pluginName is plain text that does not name end-of-support
 *   software (fc_nessus_eos_name, the parser's own test): the parser only
 *   counts these items.
 * - Comments, CDATA sections and processing instructions are copied
 *   verbatim (or skipped whole inside an item body), so a tag name inside
 *   them is never taken for markup.
 * - Line ends in dropped bytes are kept (as '\n', one per "\r\n", "\r"
 *   or "\n", as expat counts them): expat's line numbers stay those of the
 *   file.
 * Not checked any more: the dropped bytes' own well-formedness, which no
 * parser reads.
 */
#include <string.h>
#include "../core/mem.h"
#include "vuln_xml.h"

enum { S_NORMAL, S_DROP, S_SPECIAL, S_ITEM, S_ITEM_SPECIAL };
enum { CARRY = 64, CHUNK = 256 * 1024, MAX_START_TAG = 4096, MAX_TAGS = 96, MAX_NAME = 36 };

struct fc_velide {
	struct fc_vsrc *inner;
	/* the dropped elements, sorted by name */
	char name[MAX_TAGS][MAX_NAME + 1];
	unsigned char namelen[MAX_TAGS];
	size_t ntags;
	unsigned char first[256];	/* a listed name starts with this byte */
	int drop;			/* S_DROP: the element being dropped */
	char *buf;			/* staging: undecided tail + fresh input */
	size_t len;
	int state;
	const char *term;		/* S_SPECIAL / S_ITEM_SPECIAL terminator */
	bool eof, err;
	bool cr;			/* the last dropped byte was '\r' */
	bool nocr;			/* no '\r' in the buffer being filtered */
};

static long velide_read(void *ud, char *out, size_t n);

static int name_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	return c ? c : an < bn ? -1 : an > bn;
}

static void set_tags(struct fc_velide *e, const char *const *tags)
{
	for (size_t k = 0; tags[k] && e->ntags < MAX_TAGS; k++) {
		size_t tn = strlen(tags[k]), at = e->ntags;
		if (!tn || tn > MAX_NAME)
			continue;
		/* insertion sort: the lists are short */
		while (at && name_cmp(tags[k], tn, e->name[at - 1], e->namelen[at - 1]) < 0) {
			memcpy(e->name[at], e->name[at - 1], sizeof e->name[0]);
			e->namelen[at] = e->namelen[at - 1];
			at--;
		}
		memcpy(e->name[at], tags[k], tn);
		e->name[at][tn] = 0;
		e->namelen[at] = (unsigned char)tn;
		e->first[(unsigned char)tags[k][0]] = 1;
		e->ntags++;
	}
}

/* The listed element named s[0..n), -1 if none. */
static int tag_index(const struct fc_velide *e, const char *s, size_t n)
{
	size_t lo = 0, hi = e->ntags;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = name_cmp(s, n, e->name[mid], e->namelen[mid]);
		if (!c)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

enum fc_status fc_velide_open(struct fc_velide **out, struct fc_vsrc *inner, const char *const *tags,
			      struct fc_vsrc *src)
{
	struct fc_velide *e = fc_calloc(1, sizeof(*e));
	if (!e || !(e->buf = fc_malloc(CHUNK + MAX_START_TAG + CARRY))) {
		fc_free(e);
		return FC_ENOMEM;
	}
	e->inner = inner;
	set_tags(e, tags);
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

/* The line ends of dropped bytes s[0..n) as '\n's: expat counts "\r\n",
 * "\r" and "\n" as one line each, and so does this (across calls: e->cr).
 * A dropped run always follows a '>' and precedes a '<' in the output, so
 * the '\n's written here never pair with a kept '\r'. */
static size_t eols(struct fc_velide *e, char *out, const char *s, size_t n)
{
	size_t o = 0;
	if (!n)
		return 0;
	if (!e->cr && (e->nocr || !memchr(s, '\r', n))) {
		for (const char *nl = s; (nl = memchr(nl, '\n', (size_t)(s + n - nl))); nl++)
			out[o++] = '\n';
		return o;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r')
			out[o++] = '\n';
		else if (s[i] == '\n' && !e->cr)
			out[o++] = '\n';
		e->cr = s[i] == '\r';
	}
	return o;
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
struct itag {
	bool info;			/* severity="0" */
	bool plain;			/* one severity, one plain pluginName (no '&',
					 * no tab or line end to normalize), nothing else
					 * doubled that matters */
	const char *name;		/* pluginName value */
	size_t namelen;
	int nsev, nname;
};

static long item_start(const char *b, size_t i, size_t len, bool eof, struct itag *it)
{
	static const char tag[] = "<ReportItem";
	size_t tn = sizeof tag - 1, j = i + tn;
	memset(it, 0, sizeof(*it));
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
		if (b[j] == '>') {
			it->plain = it->plain && it->nsev == 1 && it->nname == 1;
			return (long)(j + 1 - i);
		}
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
		/* a value never holds a raw '<' (malformed: left to expat); the
		 * tag is capped, so the work stays linear on hostile input */
		size_t lim = i + MAX_START_TAG < len ? i + MAX_START_TAG : len;
		const char *qe = j < lim ? memchr(b + j, q, lim - j) : NULL;
		const char *lt = j < lim ? memchr(b + j, '<', (size_t)((qe ? qe : b + lim) - (b + j))) : NULL;
		if (lt)
			return 0;
		if (!qe)
			return lim < len || eof ? 0 : -1;
		j = (size_t)(qe - b);
		if (ne - ns == 8 && !memcmp(b + ns, "severity", 8)) {
			it->info = j - vs == 1 && b[vs] == '0';
			it->nsev++;
		} else if (ne - ns == 10 && !memcmp(b + ns, "pluginName", 10)) {
			it->name = b + vs;
			it->namelen = j - vs;
			it->nname++;
			it->plain = !memchr(b + vs, '&', j - vs) && !memchr(b + vs, '\n', j - vs) &&
				    !memchr(b + vs, '\r', j - vs) && !memchr(b + vs, '\t', j - vs);
		}
		j++;
	}
}

/* Filter buf[0..len) into out; returns bytes written and leaves in buf
 * the tail that needs more input to decide. */
static size_t filter(struct fc_velide *e, char *out)
{
	const char *b = e->buf;
	size_t len = e->len, i = 0, o = 0;
	/* one look for '\r' here instead of one per dropped run */
	e->nocr = !memchr(b, '\r', len);
	while (i < len) {
		if (e->state == S_SPECIAL || e->state == S_ITEM_SPECIAL) {
			size_t tn = strlen(e->term);
			const char *t = memmem(b + i, len - i, e->term, tn);
			size_t upto = t ? (size_t)(t - b) + tn : e->eof ? len : (len - i >= tn ? len - (tn - 1) : i);
			if (e->state == S_SPECIAL) {
				memcpy(out + o, b + i, upto - i);
				o += upto - i;
				e->cr = false;
			} else {
				o += eols(e, out + o, b + i, upto - i);
			}
			i = upto;
			if (!t)
				break;
			e->state = e->state == S_SPECIAL ? S_NORMAL : S_ITEM;
			continue;
		}
		const char *lt = memchr(b + i, '<', len - i);
		size_t stop = lt ? (size_t)(lt - b) : len;
		if (e->state == S_DROP || e->state == S_ITEM) {
			o += eols(e, out + o, b + i, stop - i);
			i = stop;
			if (!lt)
				break;
			e->cr = false; /* a '<' comes next, kept or dropped */
			if (e->state == S_DROP) {
				/* "</name>" ends the element; anything else: give its
				 * start tag back and go on */
				const char *nm = e->name[e->drop];
				size_t nn = e->namelen[e->drop];
				if (len - i < nn + 3 && !e->eof)
					break; /* decide with more bytes */
				if (len - i >= nn + 3 && b[i + 1] == '/' && !memcmp(b + i + 2, nm, nn) && b[i + 2 + nn] == '>') {
					i += nn + 3;
				} else {
					out[o++] = '<';
					memcpy(out + o, nm, nn);
					o += nn;
					out[o++] = '>';
				}
				e->state = S_NORMAL;
				continue;
			}
			/* S_ITEM: the end tag ends the skip; specials are skipped whole */
			if (i + 1 >= len && !e->eof)
				break;
			char c1 = i + 1 < len ? b[i + 1] : 0;
			if (c1 == '/') {
				int r = starts(b, i, len, "</ReportItem>", 13);
				if (r > 0) {
					e->state = S_NORMAL;
					continue;
				}
				if (r < 0 && !e->eof)
					break;
			} else if (c1 == '!' || c1 == '?') {
				int more = 0;
				size_t on;
				const char *term = special_at(b, i, len, &on, &more);
				if (term) {
					e->state = S_ITEM_SPECIAL;
					e->term = term;
					i += on;
					continue;
				}
				if (more && !e->eof)
					break; /* decide with more bytes */
			}
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
			struct itag it;
			long n = item_start(b, i, len, e->eof, &it);
			if (n < 0)
				more = 1;
			else if (n > 0) {
				adv = (size_t)n;
				if (it.info)
					e->state = S_ITEM;
				if (it.info && it.plain && !fc_nessus_eos_name(it.name, it.namelen)) {
					/* an informational item is counted, nothing more:
					 * its attributes need not go through expat */
					static const char compact[] = "<ReportItem severity=\"0\">";
					memcpy(out + o, compact, sizeof compact - 1);
					o += sizeof compact - 1;
					o += eols(e, out + o, b + i, adv);
					e->cr = false;
					i += adv;
					continue;
				}
			}
		} else if (e->first[(unsigned char)c1]) {
			/* an exact "<name>" of a listed element: dropped */
			size_t j = i + 1, lim = i + 2 + MAX_NAME;
			while (j < len && j < lim && b[j] != '>' && b[j] != '<' && !is_space(b[j]) && b[j] != '/')
				j++;
			if (j == len && j < lim)
				more = 1;
			else if (j < len && b[j] == '>') {
				int k = tag_index(e, b + i + 1, j - i - 1);
				if (k >= 0) {
					e->state = S_DROP;
					e->drop = k;
					i = j + 1;
					continue;
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
	if (e->eof && i == len && e->state == S_DROP) {
		/* the input ends inside a dropped element: its start tag goes
		 * back so that expat reports the truncation */
		out[o++] = '<';
		memcpy(out + o, e->name[e->drop], e->namelen[e->drop]);
		o += e->namelen[e->drop];
		out[o++] = '>';
		e->state = S_NORMAL;
	}
	if (i < len)
		memmove(e->buf, e->buf + i, len - i);
	e->len = len - i;
	return o;
}

size_t fc_velide_mem(const char *const *tags, const char *in, size_t n, char *out)
{
	struct fc_velide e;
	memset(&e, 0, sizeof(e));
	set_tags(&e, tags);
	e.buf = (char *)in; /* read only: the whole input is decided at once */
	e.len = n;
	e.eof = true;
	return filter(&e, out);
}

static long velide_read(void *ud, char *out, size_t n)
{
	struct fc_velide *e = ud;
	if (e->err || n < 2 * CARRY)
		return -1;
	for (;;) {
		/* the output exceeds the input held by one start tag at most */
		size_t cap = CHUNK + MAX_START_TAG + CARRY;
		/* CARRY bytes spare: a start tag given back (S_DROP) */
		size_t lim = n - CARRY;
		size_t space = e->len < lim ? lim - e->len : 0;
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
			if (e->state == S_NORMAL || e->state == S_SPECIAL) {
				out[0] = c;
				return 1;
			}
			if (eols(e, out, &c, 1))
				return 1;
		}
	}
}
