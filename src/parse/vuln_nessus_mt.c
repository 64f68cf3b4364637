/*
 * Nessus on several threads (issue 5: a 1 GB .nessus at >= 100 MB/s in
 * < 100 MB).  After the byte filter (vuln_elide.c) the cost of a serial
 * parse is expat and the handlers, one ReportHost after another; hosts are
 * independent, so blocks of whole hosts are parsed on workers.
 *
 *   reader thread   reads 1 MiB chunks and follows the document's skeleton
 *                   tag by tag (quotes honoured; comments, CDATA and
 *                   processing instructions skipped whole) up to the first
 *                   <ReportHost> that sits directly in <Report>; from there
 *                   a *block* runs from the end of the previous one to the
 *                   chunk's last </ReportHost> (searched from the end:
 *                   nothing in between is looked at, see lex_blind), and
 *                   everything else is queued as *serial pieces* (the
 *                   prologue, <Policy>, the end, anything unusual), all in
 *                   file order;
 *   worker threads  parse each block as a document of its own,
 *                   <fc-block>…</fc-block>, with the same handlers as the
 *                   serial parser (fc_nessus_block), recording strings,
 *                   errors and hosts in the block's own arena instead of
 *                   the shared model (struct fc_vdefer);
 *   calling thread  runs the serial parser on the serial pieces and, where
 *                   a block stood, merges the block's records into the
 *                   model — in file order, so the model, the evidence
 *                   lines and the diagnostics are those of a serial parse.
 *                   When the next block is not parsed yet it parses one
 *                   itself rather than wait (on a busy machine a worker
 *                   may be off the CPU for a while).
 *
 * What stays exact:
 *   - The prologue (XML declaration, any DOCTYPE) is parsed once, by the
 *     serial parser, which refuses entity declarations.  A file with a
 *     DOCTYPE or any other "<!" declaration, a declared encoding other
 *     than UTF-8, or a UTF-16/32 byte order is parsed serially from there
 *     on (workers parse UTF-8 without a DTD).
 *   - Line numbers: a block's records carry lines counted from the block's
 *     first line; the merge adds the number of line ends before the block
 *     ("\r\n", "\r", "\n", as expat counts them), and the serial parser's
 *     expat lines are shifted by the line ends of the blocks it skipped;
 *     for each it reads a line end and as many blanks as the block's last
 *     line has columns (after the byte filter, as expat counts them), so
 *     its columns after the block are a serial parse's too.  A
 *     host right after a bare '\r' is left to the serial parser, so a
 *     "\r" + "\n" pair is never split.
 *   - Context: blocks start where the first host's parent is <Report> and
 *     no open element is one the handlers keep state for (a host, an item,
 *     a captured text), so the serial parser would start each of its hosts
 *     in the same state as a worker does; a block that parses clean on its
 *     own ends in that state again (whatever sits in it: a comment, text,
 *     another element), so the next one starts in it too.  The wrapper
 *     stands at the depth of <Report>, so the nesting cap and the handlers'
 *     parent checks see what a serial parse sees.
 *   - Errors: a block that stops (malformed XML, a fatal check such as a
 *     ReportHost inside a ReportHost, the nesting cap, no memory on the
 *     worker, or a cut that was not a host's end) is not merged: its bytes,
 *     and everything after them, go to the serial parser, which stops
 *     exactly where a serial parse stops, with the same message and
 *     position (or reads on exactly as a serial parse does).  Other errors
 *     are recorded and reported in order.  (So a </ReportHost> inside a
 *     comment, or a second <Report>, makes the rest of the file serial:
 *     correct, only slower; Nessus writes neither.)
 *   - Memory: chunks in flight are capped (PIPE_BUDGET), the ring holds at
 *     most 4 x workers + 16 pieces, and a host of MAX_BLOCK / 2 or more
 *     is read with care (lex_host) and handed to the serial parser in
 *     pieces as it is read.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include "../core/arena.h"
#include "../core/mem.h"
#include "../core/vec.h"
#include "vuln_xml.h"

/* ---- what a worker records ---- */

enum { EV_ERROR, EV_NAME, EV_HOST };

struct dev {
	int kind;
	long line, col;		/* EV_ERROR, relative to the block */
	const char *s;		/* EV_ERROR message, EV_NAME text */
	size_t n;
	struct fc_vhost h;	/* EV_HOST */
	struct fc_vobs *items;
	size_t nitems;
};

struct fc_vdefer {
	struct fc_arena a;
	FC_VEC(struct dev) ev;
	enum fc_status st;	/* FC_ENOMEM while recording */
};

const char *fc_vdefer_str(struct fc_vdefer *d, const char *s, size_t n)
{
	char *c = fc_arena_strndup(&d->a, s, n);
	if (!c)
		d->st = FC_ENOMEM;
	return c;
}

static struct dev *dev_push(struct fc_vdefer *d, int kind)
{
	struct dev *e = fc_vec_push(&d->ev);
	if (!e) {
		d->st = FC_ENOMEM;
		return NULL;
	}
	e->kind = kind;
	return e;
}

void fc_vdefer_error(struct fc_vdefer *d, long line, long col, const char *msg)
{
	struct dev *e = dev_push(d, EV_ERROR);
	if (!e)
		return;
	e->line = line;
	e->col = col;
	e->s = fc_vdefer_str(d, msg, strlen(msg));
	e->n = e->s ? strlen(e->s) : 0;
}

void fc_vdefer_name(struct fc_vdefer *d, const char *s, size_t n)
{
	struct dev *e = dev_push(d, EV_NAME);
	if (!e)
		return;
	e->s = fc_vdefer_str(d, s, n);
	e->n = n;
}

static const char *dup0(struct fc_vdefer *d, const char *s)
{
	return s ? fc_vdefer_str(d, s, strlen(s)) : NULL;
}

/* The items' strings are the worker's already (fc_vintern -> the arena);
 * the host's names, the CVE lists and the excerpts are copied. */
enum fc_status fc_vdefer_host(struct fc_vdefer *d, const struct fc_vhost *h, const struct fc_vobs *items, size_t n)
{
	struct dev *e = dev_push(d, EV_HOST);
	if (!e)
		return FC_ENOMEM;
	e->h = *h;
	e->h.name = dup0(d, h->name);
	e->h.ip = dup0(d, h->ip);
	e->h.fqdn = dup0(d, h->fqdn);
	e->h.netbios = dup0(d, h->netbios);
	e->h.os = dup0(d, h->os);
	e->h.alt_name = dup0(d, h->alt_name);
	if (n) {
		e->items = fc_arena_alloc(&d->a, n * sizeof(*items));
		if (!e->items)
			return d->st = FC_ENOMEM;
		memcpy(e->items, items, n * sizeof(*items));
		e->nitems = n;
	}
	for (size_t i = 0; i < n && !d->st; i++) {
		struct fc_vobs *o = &e->items[i];
		if (o->ncves) {
			const char **c = fc_arena_alloc(&d->a, o->ncves * sizeof(*c));
			if (!c)
				return d->st = FC_ENOMEM;
			memcpy(c, items[i].cves, o->ncves * sizeof(*c));
			o->cves = c;
		}
		if (o->excerpt && o->excerpt_len)
			o->excerpt = fc_vdefer_str(d, items[i].excerpt, o->excerpt_len);
	}
	return d->st;
}

static void defer_free(struct fc_vdefer *d)
{
	if (!d)
		return;
	fc_vec_release(&d->ev);
	fc_arena_release(&d->a);
	fc_free(d);
}

/* ---- the pipeline ---- */

enum {
	DEF_CHUNK = 1 << 20,		/* reader chunk: a block is about this size */
	MAX_BLOCK = 8 << 20,		/* a longer host goes to the serial parser */
	PIPE_BUDGET = 16 << 20,		/* chunk bytes alive at once */
	MAX_WORKERS = 8,
	MAX_SLOTS = 4 * MAX_WORKERS + 16,
	MAX_FREE = 8,
};

static size_t chunk_size = DEF_CHUNK;
static atomic_size_t n_blocks, n_merged;

void fc_vuln_nessus_counters(size_t *blocks, size_t *merged)
{
	*blocks = atomic_load(&n_blocks);
	*merged = atomic_load(&n_merged);
}

void fc_vuln_nessus_chunk(size_t bytes)
{
	chunk_size = !bytes ? DEF_CHUNK : bytes < 64 ? 64 : bytes > MAX_BLOCK ? MAX_BLOCK : bytes;
}

struct chunk {
	atomic_int refs;
	size_t cap;
	char d[];
};

enum { P_SERIAL, P_BLOCK, P_END, P_READ_ERROR, P_NOMEM };

struct piece {
	int kind;
	struct chunk *ck;
	const char *s;
	size_t n;
	int depth;			/* P_BLOCK: nesting depth of its hosts */
	/* a block's result, written by its worker */
	int state;			/* 0 queued, 1 parsing, 2 done */
	struct fc_vdefer *res;
	bool clean;
	long nl;			/* line ends in the block */
	size_t tail;			/* expat's columns after its last line end */
};

struct fc_npipe {
	pthread_mutex_t mu;
	pthread_cond_t cv_put, cv_work, cv_done;
	struct piece ring[MAX_SLOTS];
	size_t nslot, head, wnext, tail;	/* monotonic; slot = index % nslot */
	size_t live;			/* bytes of chunks alive (or kept) */
	struct chunk *freel[MAX_FREE];	/* kept for reuse */
	size_t nfree;
	bool abort, reader_done;
	atomic_bool serial_only;	/* a block fell back: no more merging */
	pthread_t reader, workers[MAX_WORKERS];
	bool reader_on;
	int nworkers;
	struct fc_vsrc *src;
	struct fc_vparse wtmpl;		/* workers' copy of the parse (never the shared one) */
	/* the calling thread */
	struct fc_vparse *p;
	struct fc_vxml *x;
	struct piece cur;		/* serial bytes being handed out */
	size_t curpos;
	bool have, end;
	long endval;
	bool fill_nl;			/* owed to the serial parser for a parsed */
	size_t fill_sp;			/* block: a line end and spaces (columns) */
	bool pending;			/* `pend` is merged once the filler is parsed */
	struct piece pend;
	long lines;			/* line ends before the current position */
	bool cr;			/* the last byte handed out was '\r' */
	enum fc_status st;
};

/* Chunks of the usual size are kept for reuse (their pages stay mapped:
 * no page faults for each new chunk); they count as alive. */
static void ck_unref(struct fc_npipe *pp, struct chunk *c)
{
	if (!c || atomic_fetch_sub(&c->refs, 1) != 1)
		return;
	pthread_mutex_lock(&pp->mu);
	bool keep = c->cap == chunk_size && pp->nfree < MAX_FREE;
	if (keep)
		pp->freel[pp->nfree++] = c;
	else
		pp->live -= c->cap;
	pthread_cond_broadcast(&pp->cv_put);
	pthread_mutex_unlock(&pp->mu);
	if (!keep)
		fc_free(c);
}

/* A new chunk once the budget allows (the reader's own chunk excepted);
 * NULL on abort or no memory. */
static struct chunk *ck_new(struct fc_npipe *pp, size_t cap, size_t mine)
{
	pthread_mutex_lock(&pp->mu);
	if (cap == chunk_size && pp->nfree) {
		struct chunk *c = pp->freel[--pp->nfree];
		pthread_mutex_unlock(&pp->mu);
		atomic_init(&c->refs, 1);
		return c;
	}
	for (;;) {
		/* chunks kept for reuse give way to a larger one */
		while (pp->nfree && pp->live + cap > PIPE_BUDGET) {
			struct chunk *f = pp->freel[--pp->nfree];
			pp->live -= f->cap;
			fc_free(f);
		}
		if (pp->abort || pp->live <= mine || pp->live + cap <= PIPE_BUDGET)
			break;
		pthread_cond_wait(&pp->cv_put, &pp->mu);
	}
	bool abort = pp->abort;
	if (!abort)
		pp->live += cap;
	pthread_mutex_unlock(&pp->mu);
	if (abort)
		return NULL;
	struct chunk *c = fc_malloc(sizeof(*c) + cap);
	if (!c) {
		pthread_mutex_lock(&pp->mu);
		pp->live -= cap;
		pthread_mutex_unlock(&pp->mu);
		return NULL;
	}
	atomic_init(&c->refs, 1);
	c->cap = cap;
	return c;
}

/* Line ends as expat counts them ("\r\n", "\r", "\n"); *cr: the byte
 * before s was '\r'. */
static long count_eols(const char *s, size_t n, bool *cr)
{
	long k = 0;
	size_t i = 0;
	if (!n)
		return 0;
	if (*cr && s[0] == '\n')
		i = 1;
	if (!memchr(s + i, '\r', n - i)) {
		for (const char *q = s + i; (q = memchr(q, '\n', (size_t)(s + n - q))); q++)
			k++;
		*cr = false;
		return k;
	}
	for (; i < n; i++) {
		if (s[i] == '\n')
			k++;
		else if (s[i] == '\r') {
			k++;
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		}
	}
	*cr = s[n - 1] == '\r';
	return k;
}


/* ---- reader ---- */

enum { M_SKEL, M_HOST, M_BIGHOST, M_SERIAL, M_BLIND };

struct rd {
	struct fc_npipe *pp;
	struct chunk *ck;
	size_t len;			/* bytes in ck */
	bool eof, err, nomem;
	size_t emit;			/* first byte not queued yet */
	size_t pos;			/* the lexer's position */
	int mode;
	int depth;			/* of the skeleton */
	unsigned char open[FC_MAX_NESTING + 2];	/* the element open at depth i+1: O_… */
	int nstate;			/* open elements the parser keeps state for */
	bool inblk;			/* whole hosts [blk, blk_end) wait to be queued */
	size_t blk, blk_end;
	int blk_depth;			/* open elements around them */
	size_t host;			/* M_HOST: where the host being read starts */
	bool htag;			/* its start tag has been read */
	bool careful;			/* M_HOST, not M_BLIND, for the next host */
	bool cr_before;			/* the byte before ck->d[0] is '\r' */
	bool at_start;			/* ck->d[0] is the file's first byte */
};

/* Queue a piece in file order; false on abort. */
static bool put(struct fc_npipe *pp, int kind, struct chunk *ck, size_t off, size_t n, int depth)
{
	if (ck)
		atomic_fetch_add(&ck->refs, 1);
	pthread_mutex_lock(&pp->mu);
	while (!pp->abort && pp->tail - pp->head >= pp->nslot)
		pthread_cond_wait(&pp->cv_put, &pp->mu);
	if (pp->abort) {
		pthread_mutex_unlock(&pp->mu);
		ck_unref(pp, ck);
		return false;
	}
	struct piece *pc = &pp->ring[pp->tail % pp->nslot];
	memset(pc, 0, sizeof(*pc));
	pc->kind = kind;
	pc->ck = ck;
	pc->s = ck ? ck->d + off : NULL;
	pc->n = n;
	pc->depth = depth;
	pp->tail++;
	if (kind == P_BLOCK)
		pthread_cond_signal(&pp->cv_work);
	pthread_cond_broadcast(&pp->cv_done);
	pthread_mutex_unlock(&pp->mu);
	return true;
}

static bool close_block(struct rd *r);

/* Queue the bytes up to `to` as serial, after a pending block (which
 * always comes first in the file). */
static bool serial_upto(struct rd *r, size_t to)
{
	if (r->inblk && !close_block(r))
		return false;
	if (to <= r->emit)
		return true;
	bool ok = put(r->pp, P_SERIAL, r->ck, r->emit, to - r->emit, 0);
	r->emit = to;
	return ok;
}

static bool close_block(struct rd *r)
{
	if (!r->inblk)
		return true;
	r->inblk = false;
	if (r->blk < r->emit || r->blk_end < r->blk || r->blk_end > r->len)
		return false; /* cannot happen: an internal error stops the reader */
	r->emit = r->blk_end;
	return put(r->pp, P_BLOCK, r->ck, r->blk, r->blk_end - r->blk, r->blk_depth);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool all_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_space(s[i]))
			return false;
	return true;
}

/* The end of the construct at b[j] closed by term: index past it, 0 if
 * not in the buffer yet. */
static size_t past(const char *b, size_t from, size_t len, const char *term)
{
	size_t tn = strlen(term);
	const char *t = from <= len ? memmem(b + from, len - from, term, tn) : NULL;
	return t ? (size_t)(t - b) + tn : 0;
}

/* A start tag at b[j]: index past its '>' (quotes honoured), 0 if not in
 * the buffer yet, SIZE_MAX if it holds a raw '<' (malformed). */
static size_t tag_end(const char *b, size_t j, size_t len)
{
	for (size_t i = j + 1; i < len; i++) {
		char c = b[i];
		if (c == '>')
			return i + 1;
		if (c == '<')
			return SIZE_MAX;
		if (c == '"' || c == '\'') {
			const char *q = memchr(b + i + 1, c, len - i - 1);
			if (!q)
				return 0;
			i = (size_t)(q - b);
		}
	}
	return 0;
}

static bool name_is(const char *b, size_t j, size_t len, const char *name)
{
	size_t n = strlen(name);
	return j + 1 + n < len && !memcmp(b + j + 1, name, n) &&
	       (is_space(b[j + 1 + n]) || b[j + 1 + n] == '>' || b[j + 1 + n] == '/');
}

enum { O_OTHER, O_REPORT, O_STATE };

/* An element the parser's handlers keep state for (a host, an item, a
 * text they capture): no block is cut inside one, whatever its parent. */
static int open_kind(const char *b, size_t j, size_t len)
{
	static const char *const state[] = {"ReportHost", "ReportItem", "HostProperties", "tag", "cve",
					    "cvss3_base_score", "cvss_base_score", "risk_factor", "solution",
					    "plugin_name", "policyName", "unsupported_by_vendor"};
	if (name_is(b, j, len, "Report"))
		return O_REPORT;
	for (size_t k = 0; k < sizeof state / sizeof *state; k++)
		if (name_is(b, j, len, state[k]))
			return O_STATE;
	return O_OTHER;
}

static bool name_start(char c)
{
	return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}


/* An XML declaration naming an encoding other than UTF-8: the workers
 * parse UTF-8 only. */
static bool foreign_encoding(const char *s, size_t n)
{
	if (n < 6 || memcmp(s, "<?xml", 5) || !is_space(s[5]))
		return false;
	const char *e = memmem(s, n, "encoding", 8);
	if (!e)
		return false;
	const char *q = e + 8, *end = s + n;
	while (q < end && (is_space(*q) || *q == '='))
		q++;
	if (q >= end || (*q != '"' && *q != '\''))
		return true;
	const char *v = q + 1, *ve = memchr(v, *q, (size_t)(end - v));
	if (!ve)
		return true;
	return !((ve - v == 5 && !strncasecmp(v, "utf-8", 5)));
}

enum { L_MORE, L_MODE };

/* The skeleton: everything outside the hosts found in <Report>. */
static int lex_skel(struct rd *r)
{
	const char *b = r->ck->d;
	size_t len = r->len;
	for (;;) {
		size_t i = r->pos;
		const char *lt = i < len ? memchr(b + i, '<', len - i) : NULL;
		size_t j = lt ? (size_t)(lt - b) : len;
		/* text: blanks between the hosts of a block stay in it */
		if (r->inblk && j > i && !all_space(b + i, j - i) && !close_block(r))
			return -1;
		r->pos = j;
		if (!lt)
			return L_MORE;
		size_t avail = len - j;
		if (avail < 16 && !r->eof)
			return L_MORE; /* enough to tell every construct below apart */
		char c = avail > 1 ? b[j + 1] : 0;
		size_t e = 0;
		int delta = 0;
		if (c == '!') {
			if (avail >= 4 && !memcmp(b + j, "<!--", 4))
				e = past(b, j + 4, len, "-->");
			else if (avail >= 9 && !memcmp(b + j, "<![CDATA[", 9))
				e = past(b, j + 9, len, "]]>");
			else {
				r->mode = M_SERIAL; /* DOCTYPE: the serial parser from here */
				return L_MODE;
			}
		} else if (c == '?') {
			e = past(b, j + 2, len, "?>");
			if (e && foreign_encoding(b + j, e - j)) {
				r->mode = M_SERIAL;
				return L_MODE;
			}
		} else if (c == '/') {
			const char *gt = memchr(b + j, '>', len - j);
			e = gt ? (size_t)(gt - b) + 1 : 0;
			if (e && r->depth < 1) {
				r->mode = M_SERIAL; /* malformed: the serial parser says so */
				return L_MODE;
			}
			delta = -1;
		} else if (name_is(b, j, len, "ReportHost") && r->depth >= 1 && r->depth < FC_MAX_NESTING &&
			   r->open[r->depth - 1] == O_REPORT && !r->nstate && !(j ? b[j - 1] == '\r' : r->cr_before)) {
			if (!r->careful) {
				/* blocks from here on are cut blindly (lex_blind) */
				if (!close_block(r) || !serial_upto(r, j))
					return -1;
				r->mode = M_BLIND;
				r->blk = j;
				r->blk_depth = r->depth;
				return L_MODE;
			}
			r->mode = M_HOST;
			r->host = j;
			r->htag = false;
			return L_MODE;
		} else {
			e = tag_end(b, j, len);
			if (e == SIZE_MAX || !name_start(c)) {
				r->mode = M_SERIAL; /* malformed: the serial parser says so */
				return L_MODE;
			}
			if (e && b[e - 2] != '/') {
				if (r->depth >= FC_MAX_NESTING) {
					r->mode = M_SERIAL;
					return L_MODE;
				}
				delta = 1;
			}
		}
		if (!e) {
			if (!r->eof)
				return L_MORE;
			r->pos = len; /* unterminated at the end: serial, as it is */
			return L_MORE;
		}
		if (!close_block(r))
			return -1;
		if (delta > 0) {
			int k = open_kind(b, j, len);
			r->open[r->depth++] = (unsigned char)k;
			r->nstate += k == O_STATE;
		} else if (delta < 0)
			r->nstate -= r->open[--r->depth] == O_STATE;
		r->pos = e;
	}
}

static bool host_done(struct rd *r, size_t e)
{
	r->careful = false;
	if (r->mode == M_HOST) {
		if (!r->inblk) {
			if (!serial_upto(r, r->host))
				return false;
			r->inblk = true;
			r->blk = r->host;
			r->blk_depth = r->depth;
		}
		r->blk_end = e;
	}
	r->mode = M_SKEL;
	r->pos = e;
	return true;
}

/* A host: find its </ReportHost> (comments, CDATA, PIs skipped whole). */
static int lex_host(struct rd *r)
{
	const char *b = r->ck->d;
	size_t len = r->len;
	if (!r->htag) {
		size_t e = tag_end(b, r->host, len);
		if (e == SIZE_MAX) {
			r->mode = M_SERIAL;
			return L_MODE;
		}
		if (!e) {
			if (r->eof)
				r->pos = len;
			return L_MORE;
		}
		r->htag = true;
		if (b[e - 2] == '/')
			return host_done(r, e) ? L_MODE : -1;
		r->pos = e;
	}
	for (;;) {
		size_t i = r->pos;
		const char *lt = i < len ? memchr(b + i, '<', len - i) : NULL;
		if (!lt) {
			r->pos = len;
			return L_MORE;
		}
		size_t j = (size_t)(lt - b), avail = len - j, e = 0;
		if (avail < 16 && !r->eof) {
			r->pos = j;
			return L_MORE;
		}
		char c = avail > 1 ? b[j + 1] : 0;
		if (c == '/' && avail >= 12 && !memcmp(b + j + 2, "ReportHost", 10)) {
			size_t k = j + 12;
			while (k < len && is_space(b[k]))
				k++;
			if (k == len && !r->eof) {
				r->pos = j;
				return L_MORE;
			}
			if (k < len && b[k] == '>')
				return host_done(r, k + 1) ? L_MODE : -1;
			r->pos = j + 1;
			continue;
		}
		if (c == '!' && avail >= 4 && !memcmp(b + j, "<!--", 4))
			e = past(b, j + 4, len, "-->");
		else if (c == '!' && avail >= 9 && !memcmp(b + j, "<![CDATA[", 9))
			e = past(b, j + 9, len, "]]>");
		else if (c == '?')
			e = past(b, j + 2, len, "?>");
		else {
			r->pos = j + 1;
			continue;
		}
		if (!e) {
			r->pos = r->eof ? len : j;
			return L_MORE;
		}
		r->pos = e;
	}
}

/* Past the '>' of the last "</ReportHost>" (blanks allowed before the '>')
 * in b[from, len), 0 if none: found from the end, so only the tail of a
 * chunk after its last host is looked at. */
static size_t last_host_end(const char *b, size_t from, size_t len)
{
	size_t hi = len;
	while (hi > from) {
		const char *gt = memrchr(b + from, '>', hi - from);
		if (!gt)
			return 0;
		size_t g = (size_t)(gt - b), k = g;
		while (k > from && is_space(b[k - 1]))
			k--;
		if (k - from >= 12 && !memcmp(b + k - 12, "</ReportHost", 12))
			return g + 1;
		hi = g;
	}
	return 0;
}

/* Hosts after the first one found in <Report>: a block runs from the end
 * of the previous one (a true element boundary) to the chunk's last
 * "</ReportHost>".  Nothing inside is looked at here: should that end tag
 * sit in a comment, CDATA, a processing instruction or an unclosed item
 * body, or the block hold anything but whole elements, the worker's parse
 * of it alone cannot be clean (its wrapper's end tag would be swallowed
 * or mismatched), and an unclean block goes, with everything after it, to
 * the serial parser.  A clean block is thus cut where a serial parse has
 * closed its last host, in the state it had at the block's start. */
static int lex_blind(struct rd *r)
{
	size_t e = last_host_end(r->ck->d, r->blk, r->len);
	if (e) {
		r->inblk = true;
		r->blk_end = e;
		if (!close_block(r))
			return -1;
		r->blk = e;
	}
	r->pos = r->len;
	if (r->eof || r->len - r->blk >= MAX_BLOCK / 2) {
		/* the end, or a host too long for a block: read the rest with
		 * care (lex_skel, lex_host) from the last boundary */
		r->mode = M_SKEL;
		r->pos = r->blk;
		r->careful = true;
		return L_MODE;
	}
	return L_MORE;
}

/* Lex what the chunk holds; 0 when it needs more bytes, -1 on abort. */
static int lex(struct rd *r)
{
	if (atomic_load(&r->pp->serial_only))
		r->mode = M_SERIAL; /* no use finding blocks any more */
	for (;;) {
		int k;
		switch (r->mode) {
		case M_SKEL:
			k = lex_skel(r);
			break;
		case M_HOST:
		case M_BIGHOST:
			k = lex_host(r);
			break;
		case M_BLIND:
			k = lex_blind(r);
			break;
		default:
			r->pos = r->len;
			k = L_MORE;
		}
		if (k < 0)
			return -1;
		if (k == L_MORE)
			return 0;
	}
}

/* Queue what is decided and move the undecided tail to a fresh chunk. */
static bool carry(struct rd *r)
{
	struct fc_npipe *pp = r->pp;
	size_t k = r->mode == M_HOST ? r->host : r->mode == M_BLIND ? r->blk : r->mode == M_SERIAL ? r->len : r->pos;
	if (!close_block(r) || !serial_upto(r, r->mode == M_BIGHOST ? r->pos : k))
		return false;
	if (r->len - k >= MAX_BLOCK / 2) {
		/* a host too long to hold: hand it to the serial parser as it
		 * is read; anything else that long: serial from here on */
		if (r->mode == M_HOST && r->htag) {
			r->mode = M_BIGHOST;
			if (!serial_upto(r, r->pos))
				return false;
			k = r->pos;
		}
		if (r->len - k >= MAX_BLOCK / 2) {
			r->mode = M_SERIAL;
			if (!serial_upto(r, r->len))
				return false;
			k = r->len;
		}
	}
	size_t keep = r->len - k;
	size_t cap = keep > chunk_size / 2 ? 2 * keep : chunk_size;
	struct chunk *nc = ck_new(pp, cap, r->ck->cap);
	if (!nc) {
		r->nomem = !pp->abort;
		return false;
	}
	memcpy(nc->d, r->ck->d + k, keep);
	if (k)
		r->cr_before = r->ck->d[k - 1] == '\r';
	r->at_start = r->at_start && !k;
	r->pos -= k;
	if (r->mode == M_HOST)
		r->host -= k;
	if (r->mode == M_BLIND)
		r->blk -= k;
	r->emit = 0;
	r->len = keep;
	ck_unref(pp, r->ck);
	r->ck = nc;
	return true;
}

static void fill(struct rd *r)
{
	while (r->len < r->ck->cap && !r->eof && !r->err) {
		long n = r->pp->src->read(r->pp->src->ud, r->ck->d + r->len, r->ck->cap - r->len);
		if (n < 0)
			r->err = true;
		else if (n == 0)
			r->eof = true;
		else
			r->len += (size_t)n;
	}
}

static void *reader_main(void *ud)
{
	struct fc_npipe *pp = ud;
	struct rd r;
	memset(&r, 0, sizeof(r));
	r.pp = pp;
	r.mode = M_SKEL;
	r.at_start = true;
	r.ck = ck_new(pp, chunk_size, 0);
	int end = P_NOMEM;
	if (!r.ck)
		goto out;
	for (;;) {
		fill(&r);
		if (r.at_start && r.len >= 2) {
			const unsigned char *u = (const unsigned char *)r.ck->d;
			/* UTF-16/32 (a byte order mark or NULs): the serial parser */
			if ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF) || !u[0] || !u[1])
				r.mode = M_SERIAL;
			else if (r.len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF && !r.pos)
				r.pos = 3; /* the UTF-8 mark: skeleton, serial */
			r.at_start = false;
		}
		if (lex(&r) < 0) {
			end = -1; /* aborted */
			goto out;
		}
		if (r.eof || r.err) {
			if (!close_block(&r) || !serial_upto(&r, r.len))
				goto out;
			end = r.err ? P_READ_ERROR : P_END;
			break;
		}
		if (!carry(&r)) {
			end = r.nomem ? P_NOMEM : -1;
			goto out;
		}
	}
out:
	if (end >= 0)
		put(pp, end, NULL, 0, 0, 0);
	if (r.ck)
		ck_unref(pp, r.ck);
	pthread_mutex_lock(&pp->mu);
	pp->reader_done = true;
	pthread_cond_broadcast(&pp->cv_work);
	pthread_cond_broadcast(&pp->cv_done);
	pthread_mutex_unlock(&pp->mu);
	return NULL;
}

/* ---- workers ---- */

static void parse_block(struct fc_npipe *pp, struct piece *pc)
{
	struct fc_vdefer *d = fc_calloc(1, sizeof(*d));
	bool clean = false;
	if (d && !atomic_load(&pp->serial_only)) {
		fc_arena_init(&d->a);
		struct fc_vparse wp = pp->wtmpl;
		wp.defer = d;
		enum fc_status st = fc_nessus_block(&wp, pc->s, pc->n, pc->depth, &pc->nl, &pc->tail, &clean);
		/* no memory on a worker: the serial parser tries the block */
		clean = clean && !st && !d->st;
	}
	pc->res = d;
	pc->clean = clean;
	atomic_fetch_add(&n_blocks, 1);
}

static void *worker_main(void *ud)
{
	struct fc_npipe *pp = ud;
	pthread_mutex_lock(&pp->mu);
	for (;;) {
		while (!pp->abort && pp->wnext < pp->tail &&
		       (pp->ring[pp->wnext % pp->nslot].kind != P_BLOCK || pp->ring[pp->wnext % pp->nslot].state))
			pp->wnext++;
		if (pp->abort || (pp->wnext == pp->tail && pp->reader_done))
			break;
		if (pp->wnext == pp->tail) {
			pthread_cond_wait(&pp->cv_work, &pp->mu);
			continue;
		}
		struct piece *pc = &pp->ring[pp->wnext++ % pp->nslot];
		pc->state = 1;
		pthread_mutex_unlock(&pp->mu);
		parse_block(pp, pc);
		pthread_mutex_lock(&pp->mu);
		pc->state = 2;
		pthread_cond_broadcast(&pp->cv_done);
	}
	pthread_mutex_unlock(&pp->mu);
	return NULL;
}

/* ---- the calling thread: serial bytes out, blocks merged ---- */

static enum fc_status merge(struct fc_npipe *pp, struct fc_vdefer *d, long first_line)
{
	struct fc_vparse *p = pp->p;
	long off = first_line - 1;
	for (size_t i = 0; i < d->ev.n; i++) {
		struct dev *e = &d->ev.v[i];
		switch (e->kind) {
		case EV_ERROR:
			fc_vparse_error(p, e->line > 0 ? e->line + off : e->line, e->col, "%s", e->s ? e->s : "?");
			break;
		case EV_NAME:
			if (!fc_vparse_scan(p)->name && e->s)
				fc_vparse_scan(p)->name = fc_vintern(p, e->s, e->n);
			break;
		case EV_HOST: {
			e->h.line += off;
			for (size_t k = 0; k < e->nitems; k++)
				e->items[k].line += off;
			fc_nessus_scan_day(p, e->h.day);
			enum fc_status st = fc_vuln_commit(p, &e->h, e->items, e->nitems);
			if (st)
				return st;
			break;
		}
		}
	}
	return FC_OK;
}

static long pipe_read(void *ud, char *buf, size_t n)
{
	struct fc_npipe *pp = ud;
	for (;;) {
		if (pp->fill_nl || pp->fill_sp) {
			/* in <Report>, blanks change nothing but expat's position */
			size_t m = 0;
			if (pp->fill_nl)
				buf[m++] = '\n';
			pp->fill_nl = false;
			size_t sp = pp->fill_sp < n - m ? pp->fill_sp : n - m;
			memset(buf + m, ' ', sp);
			pp->fill_sp -= sp;
			return (long)(m + sp);
		}
		if (pp->pending) {
			/* expat has parsed everything before the block (and the
			 * filler): had a token held back at the end of the bytes
			 * before it been bad, the parse would have stopped */
			pp->pending = false;
			struct piece *cp = &pp->pend;
			atomic_fetch_add(&n_merged, 1);
			enum fc_status st = merge(pp, cp->res, pp->lines + 1);
			defer_free(cp->res);
			ck_unref(pp, cp->ck);
			pp->lines += cp->nl;
			pp->x->line_base += cp->nl > 0 ? cp->nl - 1 : 0; /* the filler's line end counted already */
			if (st) {
				pp->st = pp->x->st = st;
				pp->x->stop = true;
				pp->end = true;
				pp->endval = -1;
			}
			continue;
		}
		if (pp->have && pp->curpos < pp->cur.n) {
			size_t m = pp->cur.n - pp->curpos;
			if (m > n)
				m = n;
			memcpy(buf, pp->cur.s + pp->curpos, m);
			pp->lines += count_eols(pp->cur.s + pp->curpos, m, &pp->cr);
			pp->curpos += m;
			return (long)m;
		}
		if (pp->have) {
			ck_unref(pp, pp->cur.ck);
			pp->have = false;
		}
		if (pp->end)
			return pp->endval;
		pthread_mutex_lock(&pp->mu);
		while (pp->head == pp->tail && !pp->reader_done)
			pthread_cond_wait(&pp->cv_done, &pp->mu);
		if (pp->head == pp->tail) {
			/* the reader stopped without a word: cannot happen but on abort */
			pthread_mutex_unlock(&pp->mu);
			pp->end = true;
			pp->endval = -1;
			pp->st = pp->x->st = FC_ENOMEM;
			pp->x->stop = true;
			continue;
		}
		struct piece *pc = &pp->ring[pp->head % pp->nslot];
		while (pc->kind == P_BLOCK && pc->state != 2) {
			/* rather than wait for a worker (which, on a busy
			 * machine, may be off the CPU): parse the block itself,
			 * or, while a worker has it, one queued after it */
			struct piece *q = NULL;
			for (size_t i = pp->head; i < pp->tail && !q; i++) {
				struct piece *c = &pp->ring[i % pp->nslot];
				if (c->kind == P_BLOCK && !c->state)
					q = c;
			}
			if (!q) {
				pthread_cond_wait(&pp->cv_done, &pp->mu);
				continue;
			}
			q->state = 1;
			pthread_mutex_unlock(&pp->mu);
			parse_block(pp, q);
			pthread_mutex_lock(&pp->mu);
			q->state = 2;
			pthread_cond_broadcast(&pp->cv_done);
		}
		struct piece cp = *pc;
		pp->head++;
		if (pp->wnext < pp->head)
			pp->wnext = pp->head;
		pthread_cond_broadcast(&pp->cv_put);
		pthread_mutex_unlock(&pp->mu);
		switch (cp.kind) {
		case P_END:
		case P_READ_ERROR:
		case P_NOMEM:
			pp->end = true;
			pp->endval = cp.kind == P_END ? 0 : -1;
			if (cp.kind == P_NOMEM) {
				pp->st = pp->x->st = FC_ENOMEM;
				pp->x->stop = true;
			}
			break;
		case P_SERIAL:
			pp->cur = cp;
			pp->curpos = 0;
			pp->have = true;
			break;
		case P_BLOCK:
			if (cp.clean && !atomic_load(&pp->serial_only)) {
				/* the serial parser gets, for the block, its last line
				 * end and as many blanks as its last line is long, so
				 * expat's line and column stay those of the file; the
				 * block is merged on the next read */
				pp->pend = cp;
				pp->pending = true;
				pp->cr = false;
				pp->fill_nl = cp.nl > 0;
				pp->fill_sp = cp.tail;
			} else {
				/* the serial parser reads it and stops where a serial
				 * parse stops — or, when the byte filter read it
				 * otherwise than the worker's (a malformed end tag in
				 * a dropped item body), goes on reading: from here on
				 * it reads everything */
				atomic_store(&pp->serial_only, true);
				defer_free(cp.res);
				pp->cur = cp;
				pp->curpos = 0;
				pp->have = true;
			}
			break;
		}
	}
}

enum fc_status fc_npipe_open(struct fc_npipe **out, struct fc_vparse *p, struct fc_vxml *x, struct fc_vsrc *src,
			     int workers, struct fc_vsrc *main_src)
{
	*out = NULL;
	struct fc_npipe *pp = fc_calloc(1, sizeof(*pp));
	if (!pp)
		return FC_ENOMEM;
	pthread_mutex_init(&pp->mu, NULL);
	pthread_cond_init(&pp->cv_put, NULL);
	pthread_cond_init(&pp->cv_work, NULL);
	pthread_cond_init(&pp->cv_done, NULL);
	if (workers > MAX_WORKERS)
		workers = MAX_WORKERS;
	if (workers < 1)
		workers = 1;
	/* slack: a reader or worker off the CPU for a while (a busy
	 * machine) does not stall the others at once */
	pp->nslot = 4 * (size_t)workers + 16;
	pp->src = src;
	pp->p = p;
	pp->x = x;
	pp->wtmpl = *p;
	main_src->read = pipe_read;
	main_src->ud = pp;
	/* workers first: without a thread the source is untouched and the
	 * caller parses serially */
	for (int i = 0; i < workers; i++) {
		if (pthread_create(&pp->workers[i], NULL, worker_main, pp))
			break; /* fewer workers; one is enough to go on */
		pp->nworkers++;
	}
	if (pp->nworkers && !pthread_create(&pp->reader, NULL, reader_main, pp)) {
		pp->reader_on = true;
		*out = pp;
		return FC_OK;
	}
	fc_npipe_close(pp);
	return FC_OK;
}

enum fc_status fc_npipe_close(struct fc_npipe *pp)
{
	if (!pp)
		return FC_OK;
	pthread_mutex_lock(&pp->mu);
	pp->abort = true;
	pthread_cond_broadcast(&pp->cv_put);
	pthread_cond_broadcast(&pp->cv_work);
	pthread_cond_broadcast(&pp->cv_done);
	pthread_mutex_unlock(&pp->mu);
	if (pp->reader_on)
		pthread_join(pp->reader, NULL);
	for (int i = 0; i < pp->nworkers; i++)
		pthread_join(pp->workers[i], NULL);
	if (pp->have)
		ck_unref(pp, pp->cur.ck);
	if (pp->pending) {
		defer_free(pp->pend.res);
		ck_unref(pp, pp->pend.ck);
	}
	for (size_t i = pp->head; i < pp->tail; i++) {
		struct piece *pc = &pp->ring[i % pp->nslot];
		defer_free(pc->res);
		ck_unref(pp, pc->ck);
	}
	for (size_t i = 0; i < pp->nfree; i++)
		fc_free(pp->freel[i]);
	enum fc_status st = pp->st;
	pthread_cond_destroy(&pp->cv_put);
	pthread_cond_destroy(&pp->cv_work);
	pthread_cond_destroy(&pp->cv_done);
	pthread_mutex_destroy(&pp->mu);
	fc_free(pp);
	return st;
}
