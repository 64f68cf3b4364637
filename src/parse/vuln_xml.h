/*
 * Shared plumbing of the scanner parsers: a hardened streaming expat
 * wrapper (constant memory, nesting cap, no entity declarations so no
 * entity expansion and no external entities or DTD loading) and a batch
 * that buffers one host's items until the host is complete.
 */
#ifndef FC_PARSE_VULN_XML_H
#define FC_PARSE_VULN_XML_H
#include <expat.h>
#include "../core/buf.h"
#include "../core/limits.h"
#include "vuln.h"

/* ---- batch of one host's items ---- */

struct fc_vbatch {
	FC_VEC(struct fc_vobs) items;
	FC_VEC(const char *) cves;	/* interned */
	struct fc_buf ex;		/* excerpts */
	bool full;			/* FC_VULN_MAX_ITEMS_PER_HOST reached */
};

void fc_vbatch_init(struct fc_vbatch *bt);
void fc_vbatch_release(struct fc_vbatch *bt);
/* A new zeroed item (cvss -1, severity info); NULL when full or no memory
 * (check bt->full / return FC_ENOMEM). */
struct fc_vobs *fc_vbatch_new(struct fc_vbatch *bt, struct fc_vparse *p, long line);
/* Add CVE ids found in text ("CVE-2021-44228, CVE-…"; other tokens are
 * ignored) to the last item. */
enum fc_status fc_vbatch_cves(struct fc_vbatch *bt, struct fc_vparse *p, const char *text, size_t n);
/* The last item's excerpt (cut to 200 bytes). */
void fc_vbatch_excerpt(struct fc_vbatch *bt, const char *text, size_t n);
/* Commit the host and its items, then empty the batch. */
enum fc_status fc_vbatch_commit(struct fc_vbatch *bt, struct fc_vparse *p, const struct fc_vhost *h);

/* ---- skipping unread text (vuln_elide.c) ---- */

struct fc_velide;
/* src reads inner with the text of the named elements dropped (newlines
 * kept); close with fc_velide_close. */
enum fc_status fc_velide_open(struct fc_velide **out, struct fc_vsrc *inner, const char *const *tags,
			      struct fc_vsrc *src);
void fc_velide_close(struct fc_velide *e);

/* ---- streaming XML ---- */

struct fc_vxml {
	XML_Parser xp;
	struct fc_vparse *p;
	int depth;
	int tags[FC_MAX_NESTING + 2];	/* parser-defined tag ids along the path */
	bool stop;			/* a handler asked to stop (error reported) */
	enum fc_status st;		/* hard failure (FC_ENOMEM) from a handler */
	bool capture;			/* collect character data into text */
	struct fc_buf text;
	bool saw_root;
	void *ud;
	/* parser hooks: tag id of an element name (0 = uninteresting) */
	int (*tag_of)(const char *name);
	void (*start)(struct fc_vxml *x, int tag, const char **attrs);
	void (*end)(struct fc_vxml *x, int tag);
};

/* Parse the whole stream.  Malformed XML is reported with line:column. */
enum fc_status fc_vxml_run(struct fc_vxml *x, struct fc_vparse *p, struct fc_vsrc *src);
/* Tag id of the parent of the element being started/ended (0 if none). */
static inline int fc_vxml_parent(const struct fc_vxml *x)
{
	return x->depth >= 2 ? x->tags[x->depth - 2] : 0;
}
long fc_vxml_line(const struct fc_vxml *x);
/* Begin collecting text of the current element (cleared). */
void fc_vxml_capture(struct fc_vxml *x);
/* The collected text, trimmed; capture stops. */
const char *fc_vxml_text(struct fc_vxml *x, size_t *n);
/* The raw bytes of the current start tag (for evidence excerpts). */
const char *fc_vxml_raw(const struct fc_vxml *x, size_t *n);
/* Attribute value or NULL. */
const char *fc_vxml_attr(const char **attrs, const char *name);
/* Stop on a hard failure (FC_ENOMEM) from a handler; no-op for FC_OK. */
void fc_vxml_hard(struct fc_vxml *x, enum fc_status st);
/* Report an error at the current position and stop parsing. */
void fc_vxml_fail(struct fc_vxml *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
