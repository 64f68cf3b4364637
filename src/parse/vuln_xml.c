/* Streaming expat wrapper and per-host batches for the scanner parsers. */
#include "vuln_xml.h"
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "../core/mem.h"
#include "../core/strutil.h"

/* ---- batch ---- */

void fc_vbatch_init(struct fc_vbatch *bt)
{
	memset(bt, 0, sizeof(*bt));
	fc_buf_init(&bt->ex, 0);
}

void fc_vbatch_release(struct fc_vbatch *bt)
{
	fc_vec_release(&bt->items);
	fc_vec_release(&bt->cves);
	fc_buf_release(&bt->ex);
}

struct fc_vobs *fc_vbatch_new(struct fc_vbatch *bt, struct fc_vparse *p, long line)
{
	if (bt->items.n >= FC_VULN_MAX_ITEMS_PER_HOST) {
		if (!bt->full)
			fc_vparse_error(p, line, 0, "more than %d items for one host: the rest of this host is not read",
					FC_VULN_MAX_ITEMS_PER_HOST);
		bt->full = true;
		return NULL;
	}
	struct fc_vobs *o = fc_vec_push(&bt->items);
	if (!o)
		return NULL;
	o->sev = FC_SEV_INFO;
	o->cvss = -1;
	o->line = line;
	o->cve_at_ = bt->cves.n;
	o->ex_at_ = bt->ex.len;
	return o;
}

enum fc_status fc_vbatch_cves(struct fc_vbatch *bt, struct fc_vparse *p, const char *s, size_t n)
{
	struct fc_vobs *o = bt->items.n ? &bt->items.v[bt->items.n - 1] : NULL;
	if (!o)
		return FC_OK;
	size_t i = 0;
	while (i < n) {
		/* a token: CVE-YYYY-NNNN… */
		if (i + 13 <= n && (s[i] == 'C' || s[i] == 'c') && (s[i + 1] == 'V' || s[i + 1] == 'v') &&
		    (s[i + 2] == 'E' || s[i + 2] == 'e') && s[i + 3] == '-' && (i == 0 || !((s[i - 1] >= 'A' && s[i - 1] <= 'Z') || (s[i - 1] >= 'a' && s[i - 1] <= 'z')))) {
			size_t j = i + 4, y = 0, d = 0;
			while (j < n && s[j] >= '0' && s[j] <= '9' && y < 4)
				j++, y++;
			if (y == 4 && j < n && s[j] == '-') {
				j++;
				while (j < n && s[j] >= '0' && s[j] <= '9' && d < 12)
					j++, d++;
				if (d >= 4) {
					if (o->ncves >= FC_VULN_MAX_CVES)
						return FC_OK;
					/* the same CVE twice in one item counts once */
					bool dup = false;
					for (size_t k = o->cve_at_; k < bt->cves.n; k++)
						if (strlen(bt->cves.v[k]) == j - i && !strncasecmp(bt->cves.v[k], s + i, j - i))
							dup = true;
					if (!dup) {
						char up[32];
						for (size_t k = 0; k < j - i; k++)
							up[k] = (s[i + k] >= 'a' && s[i + k] <= 'z') ? (char)(s[i + k] - 32) : s[i + k];
						const char *c = fc_vintern(p, up, j - i);
						const char **slot = c ? fc_vec_push(&bt->cves) : NULL;
						if (!slot)
							return FC_ENOMEM;
						*slot = c;
						o->ncves++;
					}
					i = j;
					continue;
				}
			}
		}
		i++;
	}
	return FC_OK;
}

void fc_vbatch_excerpt(struct fc_vbatch *bt, const char *text, size_t n)
{
	struct fc_vobs *o = bt->items.n ? &bt->items.v[bt->items.n - 1] : NULL;
	if (!o || !text)
		return;
	if (n > 200)
		n = 200;
	/* the excerpt is one line: stop at the first newline */
	const char *nl = memchr(text, '\n', n);
	if (nl)
		n = (size_t)(nl - text);
	o->ex_at_ = bt->ex.len;
	fc_buf_add(&bt->ex, text, n);
	o->excerpt_len = n;
}

enum fc_status fc_vbatch_commit(struct fc_vbatch *bt, struct fc_vparse *p, const struct fc_vhost *h)
{
	if (fc_buf_err(&bt->ex) == FC_ENOMEM)
		return FC_ENOMEM;
	for (size_t i = 0; i < bt->items.n; i++) {
		struct fc_vobs *o = &bt->items.v[i];
		o->cves = o->ncves ? &bt->cves.v[o->cve_at_] : NULL;
		o->excerpt = o->excerpt_len ? bt->ex.p + o->ex_at_ : NULL;
	}
	enum fc_status st = p->defer ? fc_vdefer_host(p->defer, h, bt->items.v, bt->items.n)
				     : fc_vuln_commit(p, h, bt->items.v, bt->items.n);
	bt->items.n = 0;
	bt->cves.n = 0;
	bt->full = false;
	fc_buf_reset(&bt->ex);
	return st;
}

/* ---- XML ---- */

long fc_vxml_line(const struct fc_vxml *x)
{
	return (long)XML_GetCurrentLineNumber(x->xp) + x->line_base;
}

void fc_vxml_fail(struct fc_vxml *x, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!x->stop)
		fc_vparse_error(x->p, fc_vxml_line(x), (long)XML_GetCurrentColumnNumber(x->xp) + 1, "%s", msg);
	x->stop = true;
	XML_StopParser(x->xp, XML_FALSE);
}

void fc_vxml_hard(struct fc_vxml *x, enum fc_status st)
{
	if (!st || x->stop)
		return;
	x->st = st;
	x->stop = true;
	XML_StopParser(x->xp, XML_FALSE);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len);

/* The text handler is set only while text is collected: expat then makes
 * no call for the blanks and line ends between elements. */
void fc_vxml_capture(struct fc_vxml *x)
{
	if (!x->capture)
		XML_SetCharacterDataHandler(x->xp, on_text);
	x->capture = true;
	fc_buf_reset(&x->text);
}

const char *fc_vxml_text(struct fc_vxml *x, size_t *n)
{
	if (x->capture)
		XML_SetCharacterDataHandler(x->xp, NULL);
	x->capture = false;
	struct fc_span s = fc_span_trim(fc_span_of(fc_buf_str(&x->text), x->text.len));
	/* NUL-terminate the trimmed span in place */
	if (x->text.p && s.n < x->text.len)
		((char *)s.p)[s.n] = 0;
	*n = s.n;
	return s.p;
}

const char *fc_vxml_raw(const struct fc_vxml *x, size_t *n)
{
	int off = 0, size = 0;
	const char *buf = XML_GetInputContext(x->xp, &off, &size);
	int cnt = XML_GetCurrentByteCount(x->xp);
	*n = 0;
	if (!buf || off < 0 || size <= off || cnt <= 0)
		return NULL;
	if (cnt > size - off)
		cnt = size - off;
	*n = (size_t)cnt;
	return buf + off;
}

const char *fc_vxml_attr(const char **attrs, const char *name)
{
	for (size_t i = 0; attrs && attrs[i]; i += 2)
		if (!strcmp(attrs[i], name))
			return attrs[i + 1];
	return NULL;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	struct fc_vxml *x = ud;
	if (x->stop)
		return;
	x->saw_root = true;
	if (x->depth >= FC_MAX_NESTING) {
		fc_vxml_fail(x, "elements nested deeper than %d levels", FC_MAX_NESTING);
		return;
	}
	int tag = x->tag_of(name);
	x->tags[x->depth++] = tag;
	if (tag && x->start)
		x->start(x, tag, attrs);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct fc_vxml *x = ud;
	(void)name;
	if (x->stop || x->depth <= 0)
		return;
	int tag = x->tags[x->depth - 1];
	if (tag && x->end)
		x->end(x, tag);
	x->depth--;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct fc_vxml *x = ud;
	if (!x->capture || x->stop || len <= 0)
		return;
	size_t room = FC_VULN_MAX_TEXT > x->text.len ? FC_VULN_MAX_TEXT - x->text.len : 0;
	fc_buf_add(&x->text, s, (size_t)len < room ? (size_t)len : room);
}

/* Entity declarations are how entity-expansion ("billion laughs") and
 * external-entity (XXE) attacks start; no scanner export needs them. */
static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
				   int value_length, const XML_Char *base, const XML_Char *system_id,
				   const XML_Char *public_id, const XML_Char *notation)
{
	struct fc_vxml *x = ud;
	(void)is_param, (void)value, (void)value_length, (void)base, (void)system_id, (void)public_id,
		(void)notation;
	fc_vxml_fail(x, "XML entity declaration '%s' refused: entities are never expanded", name);
}

enum fc_status fc_vxml_run(struct fc_vxml *x, struct fc_vparse *p, struct fc_vsrc *src)
{
	enum { CHUNK = 256 * 1024 };
	enum fc_status st = FC_OK;
	x->p = p;
	fc_buf_init(&x->text, FC_VULN_MAX_TEXT + 16);
	x->xp = XML_ParserCreate(NULL);
	if (!x->xp) {
		st = FC_ENOMEM;
		goto out;
	}
	XML_SetUserData(x->xp, x);
	XML_SetElementHandler(x->xp, on_start, on_end);
	XML_SetEntityDeclHandler(x->xp, on_entity_decl);
	/* never read an external DTD or parameter entity */
	XML_SetParamEntityParsing(x->xp, XML_PARAM_ENTITY_PARSING_NEVER);
	size_t chunk = x->chunk ? x->chunk : CHUNK;
	if (chunk > INT_MAX / 2) {
		st = FC_ELIMIT;
		goto out;
	}
	for (;;) {
		void *buf = XML_GetBuffer(x->xp, (int)chunk);
		if (!buf) {
			st = FC_ENOMEM;
			goto out;
		}
		long n = src->read(src->ud, buf, chunk);
		if (n < 0) {
			if (x->st) {
				st = x->st; /* the source failed hard (vuln_nessus_mt.c) */
				goto out;
			}
			x->failed = true;
			fc_vparse_error(p, fc_vxml_line(x), 0, "read error (truncated or corrupt compressed file?)");
			goto out;
		}
		if (XML_ParseBuffer(x->xp, (int)n, n == 0) != XML_STATUS_OK) {
			x->failed = true;
			if (x->st)
				st = x->st;
			else if (!x->stop) {
				enum XML_Error e = XML_GetErrorCode(x->xp);
				fc_vparse_error(p, fc_vxml_line(x),
						(long)XML_GetCurrentColumnNumber(x->xp) + 1, "malformed XML: %s%s",
						XML_ErrorString(e),
						e == XML_ERROR_NO_ELEMENTS && !x->saw_root ? " (empty or not XML)" :
						e == XML_ERROR_NO_ELEMENTS ? " (file truncated?)" : "");
			}
			goto out;
		}
		if (x->st) {
			st = x->st;
			goto out;
		}
		if (n == 0) {
			x->end_line = (long)XML_GetCurrentLineNumber(x->xp);
			x->end_col = (long)XML_GetCurrentColumnNumber(x->xp);
			break;
		}
	}
out:
	if (x->xp)
		XML_ParserFree(x->xp);
	x->xp = NULL;
	fc_buf_release(&x->text);
	return st;
}
