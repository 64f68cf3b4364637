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
/* src reads inner with the named elements (up to 96 names of up to 36
 * bytes) and informational items' bodies dropped, line ends kept; close
 * with fc_velide_close. */
enum fc_status fc_velide_open(struct fc_velide **out, struct fc_vsrc *inner, const char *const *tags,
			      struct fc_vsrc *src);
void fc_velide_close(struct fc_velide *e);
/* The same over a whole document in memory: out (n + 64 bytes) gets the
 * filtered bytes; returns how many. */
size_t fc_velide_mem(const char *const *tags, const char *in, size_t n, char *out);

/* ---- streaming XML ---- */

struct fc_vxml {
	XML_Parser xp;
	struct fc_vparse *p;
	int depth;
	int tags[FC_MAX_NESTING + 2];	/* parser-defined tag ids along the path */
	bool stop;			/* a handler asked to stop (error reported) */
	bool failed;			/* malformed XML or a read error was reported */
	enum fc_status st;		/* hard failure (FC_ENOMEM) from a handler */
	long line_base;			/* added to expat's line numbers: lines of
					 * the file not fed to this parser */
	size_t chunk;			/* bytes asked of the source per read (0: 256 KiB) */
	long end_line, end_col;		/* expat's position at the end of a clean parse */
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

/* ---- Nessus on several threads (vuln_nessus_mt.c) ---- */

/* What a worker records instead of touching the shared model. */
const char *fc_vdefer_str(struct fc_vdefer *d, const char *s, size_t n);
void fc_vdefer_error(struct fc_vdefer *d, long line, long col, const char *msg);
void fc_vdefer_name(struct fc_vdefer *d, const char *s, size_t n);
enum fc_status fc_vdefer_host(struct fc_vdefer *d, const struct fc_vhost *h, const struct fc_vobs *items, size_t n);

/* Parse one block of whole <ReportHost> elements (found directly inside
 * <Report> at nesting depth `depth`) on a worker: wp->defer records the
 * results; *lines gets the line ends in the block and *tail the columns
 * expat counts after its last one (after the byte filter).  *clean is
 * false when the block stopped on malformed XML or a fatal check: the caller then feeds the block to the serial parser, which
 * reports exactly what a serial parse reports. */
enum fc_status fc_nessus_block(struct fc_vparse *wp, const char *blk, size_t n, int depth, long *lines,
			       size_t *tail, bool *clean);
/* A Nessus plugin name telling of end-of-support software (SA-6.4):
 * "… Unsupported Version Detection", "… End of Life", "SEoL (…)". */
bool fc_nessus_eos_name(const char *s, size_t n);
/* A host's scan day joins the scan's (the earliest host). */
void fc_nessus_scan_day(struct fc_vparse *p, int32_t day);

struct fc_npipe;
/* Start the reader and `workers` parser threads on src; *main_src then
 * yields, in file order, the bytes the calling thread's parser x must see
 * (the document skeleton, and hosts not parsed in parallel), and merges
 * the parsed blocks into p in file order as it goes.  *out stays NULL
 * (FC_OK) when no thread could be started: parse serially. */
enum fc_status fc_npipe_open(struct fc_npipe **out, struct fc_vparse *p, struct fc_vxml *x, struct fc_vsrc *src,
			     int workers, struct fc_vsrc *main_src);
/* Stop and join the threads; the first hard failure (FC_ENOMEM) of the
 * merge, else FC_OK. */
enum fc_status fc_npipe_close(struct fc_npipe *pp);

#endif
