/*
 * Excerpts of cited log lines, read back from the files by offset (issue 6).
 * The analyser keeps (file, line, offset) for its samples instead of the
 * text: a flood of a million source IPs would otherwise hold a gigabyte of
 * sample lines.  Only the lines an alert cites are read, once each, in
 * offset order per file (a gzip file is decompressed forward once).
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "../core/mem.h"
#include "logs.h"

#define EXCERPT_MAX 160
#define READ_MAX 4096

struct xent {
	uint64_t key; /* file << 32 | line; 0 = empty */
	const char *text;
};

struct xcache {
	struct xent *v;
	size_t cap, n;
};

static const char *cache_get(const struct xcache *c, uint64_t key, bool *found)
{
	*found = false;
	if (!c || !c->cap)
		return NULL;
	size_t j = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 20) & (c->cap - 1);
	for (; c->v[j].key; j = (j + 1) & (c->cap - 1))
		if (c->v[j].key == key) {
			*found = true;
			return c->v[j].text;
		}
	return NULL;
}

static bool cache_put(struct xcache *c, uint64_t key, const char *text)
{
	if ((c->n + 1) * 2 > c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 256;
		struct xent *nv = fc_calloc(nc, sizeof(*nv));
		if (!nv)
			return false;
		for (size_t i = 0; i < c->cap; i++) {
			if (!c->v[i].key)
				continue;
			size_t j = (size_t)(c->v[i].key * 0x9E3779B97F4A7C15ULL >> 20) & (nc - 1);
			while (nv[j].key)
				j = (j + 1) & (nc - 1);
			nv[j] = c->v[i];
		}
		fc_free(c->v);
		c->v = nv;
		c->cap = nc;
	}
	size_t j = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 20) & (c->cap - 1);
	while (c->v[j].key && c->v[j].key != key)
		j = (j + 1) & (c->cap - 1);
	if (!c->v[j].key)
		c->n++;
	c->v[j].key = key;
	c->v[j].text = text;
	return true;
}

void fc_log_excerpts_release(struct fc_log_facts *f)
{
	struct xcache *c = f->excerpts;
	if (!c)
		return;
	fc_free(c->v);
	fc_free(c);
	f->excerpts = NULL;
}

static int cmp_ref(const void *a, const void *b)
{
	const struct fc_log_ref *x = *(const struct fc_log_ref *const *)a, *y = *(const struct fc_log_ref *const *)b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The line at the current position: up to the newline, CR and spaces
 * trimmed, cut at EXCERPT_MAX bytes on a UTF-8 boundary. */
static char *cut(const char *p, size_t n)
{
	const char *nl = memchr(p, '\n', n);
	if (nl)
		n = (size_t)(nl - p);
	while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	if (n > EXCERPT_MAX) {
		n = EXCERPT_MAX;
		while (n && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;
	}
	return fc_strndup(p, n);
}

enum fc_status fc_log_read_excerpts(struct fc_log_facts *f, struct fc_log_ref **refs, size_t n)
{
	struct xcache *c = f->excerpts;
	if (!c) {
		c = fc_calloc(1, sizeof(*c));
		if (!c)
			return FC_ENOMEM;
		f->excerpts = c;
	}
	struct fc_log_ref **todo = fc_calloc(n + 1, sizeof(*todo));
	if (!todo)
		return FC_ENOMEM;
	size_t nt = 0;
	for (size_t i = 0; i < n; i++) {
		struct fc_log_ref *r = refs[i];
		if (r->excerpt || !r->line || r->file >= f->nfiles || !f->files[r->file].path)
			continue;
		bool found;
		const char *t = cache_get(c, ((uint64_t)r->file << 32) | r->line, &found);
		if (found)
			r->excerpt = t;
		else
			todo[nt++] = r;
	}
	if (nt > 1)
		fc_qsort(todo, nt, sizeof(*todo), cmp_ref);
	enum fc_status st = FC_OK;
	char buf[READ_MAX];
	for (size_t i = 0; i < nt && !st;) {
		uint32_t file = todo[i]->file;
		size_t j = i;
		while (j < nt && todo[j]->file == file)
			j++;
		/* zlib reads plain files too; seeks forward only, in order */
		gzFile g = gzopen(f->files[file].path, "rb");
		long bom = 0;
		if (g) {
			unsigned char h[3];
			if (gzread(g, h, 3) == 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
				bom = 3; /* the line reader's offsets start after a BOM */
		}
		/* a window of the file: lines close together are cut from it
		 * (seeking back would make zlib decompress from the start) */
		uint64_t wstart = 0;
		size_t wlen = 0;
		for (size_t k = i; k < j && !st; k++) {
			struct fc_log_ref *r = todo[k];
			uint64_t key = ((uint64_t)r->file << 32) | r->line;
			bool found;
			const char *t = cache_get(c, key, &found);
			if (!found && g) {
				uint64_t at = r->off + (uint64_t)bom;
				size_t got = 0;
				const char *p = NULL;
				if (wlen && at >= wstart && at < wstart + wlen &&
				    (wstart + wlen - at > EXCERPT_MAX || memchr(buf + (at - wstart), '\n', wstart + wlen - at))) {
					p = buf + (at - wstart);
					got = (size_t)(wstart + wlen - at);
				} else if (gzseek(g, (z_off_t)at, SEEK_SET) >= 0) {
					int rd = gzread(g, buf, sizeof buf);
					wstart = at;
					wlen = rd > 0 ? (size_t)rd : 0;
					p = buf;
					got = wlen;
				}
				if (got > 0) {
					char *x = cut(p, got);
					if (!x) {
						st = FC_ENOMEM;
						break;
					}
					t = fc_arena_strdup(&f->arena, x);
					fc_free(x);
					if (!t) {
						st = FC_ENOMEM;
						break;
					}
				}
				if (!cache_put(c, key, t))
					st = FC_ENOMEM;
			}
			r->excerpt = t;
		}
		if (g)
			gzclose(g);
		i = j;
	}
	fc_free(todo);
	return st;
}
