#define _DEFAULT_SOURCE
#include "reader.h"
#include "buf.h"
#include "limits.h"
#include "mem.h"
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

void fc_text_release(struct fc_text *t)
{
	fc_free(t->p);
	t->p = NULL;
	t->n = 0;
}

enum fc_status fc_text_check_utf8(const struct fc_text *t, const char *name, struct fc_diag *d)
{
	const unsigned char *p = (const unsigned char *)t->p;
	size_t n = t->n, i = 0;
	long line = 1, col = 1;
	while (i < n) {
		unsigned char c = p[i];
		size_t len = 0;
		uint32_t cp = 0, min = 0;
		if (c < 0x80) {
			if (c == '\n') {
				line++;
				col = 0;
			} else if (c == 0) {
				fc_diag_error(d, name, line, col, "NUL byte in text (binary data or UTF-16 without a BOM?)");
				return FC_EPARSE;
			}
			i++;
			col++;
			continue;
		}
		if ((c & 0xE0) == 0xC0)
			len = 2, cp = c & 0x1F, min = 0x80;
		else if ((c & 0xF0) == 0xE0)
			len = 3, cp = c & 0x0F, min = 0x800;
		else if ((c & 0xF8) == 0xF0)
			len = 4, cp = c & 0x07, min = 0x10000;
		bool ok = len && i + len <= n;
		for (size_t k = 1; ok && k < len; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				ok = false;
			else
				cp = cp << 6 | (p[i + k] & 0x3F);
		}
		if (!ok || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
			fc_diag_error(d, name, line, col,
				      "not valid UTF-8 (byte 0x%02X); save the file as UTF-8 — Big5 and other legacy encodings are not read",
				      c);
			return FC_EPARSE;
		}
		i += len;
		col++;
	}
	return FC_OK;
}

int fc_text_is_binary(const char *p, size_t n)
{
	size_t lim = n < 8192 ? n : 8192;
	return memchr(p, '\0', lim) != NULL;
}

static void put_utf8(struct fc_buf *b, uint32_t cp)
{
	char o[4];
	if (cp < 0x80) {
		o[0] = (char)cp;
		fc_buf_add(b, o, 1);
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		fc_buf_add(b, o, 2);
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		fc_buf_add(b, o, 3);
	} else {
		o[0] = (char)(0xF0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (char)(0x80 | (cp & 0x3F));
		fc_buf_add(b, o, 4);
	}
}

char *fc_utf16_to_utf8(const unsigned char *p, size_t n, int le, size_t *outn)
{
	struct fc_buf b;
	fc_buf_init(&b, 0);
	fc_buf_add(&b, "", 0);
	for (size_t i = 0; i + 1 < n; i += 2) {
		uint32_t u = le ? (uint32_t)(p[i] | p[i + 1] << 8) : (uint32_t)(p[i] << 8 | p[i + 1]);
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
			uint32_t v = le ? (uint32_t)(p[i + 2] | p[i + 3] << 8)
					: (uint32_t)(p[i + 2] << 8 | p[i + 3]);
			if (v >= 0xDC00 && v <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
				i += 2;
			} else
				u = 0xFFFD;
		} else if (u >= 0xD800 && u <= 0xDFFF)
			u = 0xFFFD;
		if (u == 0)
			u = 0xFFFD; /* keep output NUL-free */
		put_utf8(&b, u);
	}
	if (fc_buf_err(&b)) {
		fc_buf_release(&b);
		return NULL;
	}
	*outn = b.len;
	return fc_buf_detach(&b);
}

static int looks_utf16le(const unsigned char *p, size_t n)
{
	/* ASCII text in UTF-16LE: every odd byte is 0 in the first chars */
	if (n < 8)
		return 0;
	size_t lim = n < 512 ? n : 512, zeros = 0, pairs = 0;
	for (size_t i = 0; i + 1 < lim; i += 2, pairs++)
		if (p[i + 1] == 0 && p[i] != 0)
			zeros++;
	return pairs && zeros * 10 >= pairs * 9;
}

static enum fc_status decode(unsigned char *raw, size_t n, const char *name, struct fc_text *out,
			     struct fc_diag *d)
{
	out->enc = FC_ENC_UTF8;
	if (n >= 2 && ((raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF) ||
		       looks_utf16le(raw, n))) {
		int has_bom = (raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF);
		int le = !(raw[0] == 0xFE && raw[1] == 0xFF);
		size_t outn;
		char *u = fc_utf16_to_utf8(raw + (has_bom ? 2 : 0), n - (has_bom ? 2 : 0), le, &outn);
		fc_free(raw);
		if (!u) {
			fc_diag_error(d, name, 0, 0, "out of memory converting UTF-16");
			return FC_ENOMEM;
		}
		out->p = u;
		out->n = outn;
		out->enc = le ? FC_ENC_UTF16LE : FC_ENC_UTF16BE;
		return FC_OK;
	}
	if (n >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF) {
		memmove(raw, raw + 3, n - 3);
		n -= 3;
		out->enc = FC_ENC_UTF8_BOM;
	}
	raw[n] = '\0';
	out->p = (char *)raw;
	out->n = n;
	return FC_OK;
}

static int is_gzip_mem(const unsigned char *p, size_t n)
{
	return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

enum fc_status fc_text_from_mem(const void *data, size_t n, const char *name, struct fc_text *out,
				struct fc_diag *d)
{
	memset(out, 0, sizeof(*out));
	if (n > FC_MAX_FILE_BYTES) {
		fc_diag_error(d, name, 0, 0, "file is larger than the %zu MiB limit", FC_MAX_FILE_BYTES >> 20);
		return FC_ELIMIT;
	}
	if (is_gzip_mem(data, n)) {
		struct fc_buf b;
		fc_buf_init(&b, FC_MAX_GUNZIP_BYTES + 1);
		z_stream zs;
		memset(&zs, 0, sizeof(zs));
		if (inflateInit2(&zs, 15 + 32) != Z_OK)
			return FC_ENOMEM;
		zs.next_in = (Bytef *)data;
		zs.avail_in = (uInt)n;
		unsigned char chunk[65536];
		int rc;
		do {
			zs.next_out = chunk;
			zs.avail_out = sizeof(chunk);
			rc = inflate(&zs, Z_NO_FLUSH);
			if (rc != Z_OK && rc != Z_STREAM_END)
				break;
			fc_buf_add(&b, chunk, sizeof(chunk) - zs.avail_out);
		} while (rc != Z_STREAM_END && zs.avail_in && !fc_buf_err(&b));
		inflateEnd(&zs);
		if (rc != Z_STREAM_END || fc_buf_err(&b)) {
			fc_diag_error(d, name, 0, 0, "%s", fc_buf_err(&b) == FC_ELIMIT ? "decompressed size exceeds the limit" : "truncated or corrupt gzip data");
			fc_buf_release(&b);
			return FC_EPARSE;
		}
		fc_buf_add(&b, "", 0);
		size_t len = b.len;
		unsigned char *raw = (unsigned char *)fc_buf_detach(&b);
		out->gzipped = 1;
		return decode(raw, len, name, out, d);
	}
	unsigned char *raw = fc_malloc(n + 1);
	if (!raw)
		return FC_ENOMEM;
	memcpy(raw, data, n);
	return decode(raw, n, name, out, d);
}

enum fc_status fc_text_read(const char *path, const char *name, struct fc_text *out, struct fc_diag *d)
{
	memset(out, 0, sizeof(*out));
	gzFile g = gzopen(path, "rb");
	if (!g) {
		fc_diag_error(d, name, 0, 0, "cannot open: %s", strerror(errno ? errno : ENOENT));
		return FC_EIO;
	}
	gzbuffer(g, 1 << 17);
	size_t cap = 1 << 16, n = 0;
	unsigned char *raw = fc_malloc(cap + 1);
	if (!raw) {
		gzclose(g);
		fc_diag_error(d, name, 0, 0, "out of memory");
		return FC_ENOMEM;
	}
	for (;;) {
		if (cap - n < 65536) {
			if (cap >= FC_MAX_FILE_BYTES) {
				fc_free(raw);
				gzclose(g);
				fc_diag_error(d, name, 0, 0, "file is larger than the %zu MiB limit", FC_MAX_FILE_BYTES >> 20);
				return FC_ELIMIT;
			}
			size_t nc = cap * 2;
			unsigned char *r = fc_realloc(raw, nc + 1);
			if (!r) {
				fc_free(raw);
				gzclose(g);
				fc_diag_error(d, name, 0, 0, "out of memory");
				return FC_ENOMEM;
			}
			raw = r;
			cap = nc;
		}
		int got = gzread(g, raw + n, (unsigned)(cap - n < (1u << 30) ? cap - n : (1u << 30)));
		if (got < 0) {
			int e;
			const char *msg = gzerror(g, &e);
			fc_diag_error(d, name, 0, 0, "read error: %s", msg);
			fc_free(raw);
			gzclose(g);
			return FC_EIO;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	out->gzipped = !gzdirect(g);
	int zerr = 0;
	gzerror(g, &zerr);
	gzclose(g);
	if (out->gzipped && zerr != Z_OK) {
		fc_free(raw);
		fc_diag_error(d, name, 0, 0, "truncated or corrupt gzip data");
		return FC_EPARSE;
	}
	int gz = out->gzipped;
	enum fc_status st = decode(raw, n, name, out, d);
	out->gzipped = gz;
	return st;
}

/* ---- streaming lines ---- */

struct fc_lines {
	gzFile g;
	char *name;
	struct fc_diag *d;
	char *buf;
	size_t cap, start, end;
	long lineno;
	uint64_t consumed;
	int eof, first, utf16;
};

enum fc_status fc_lines_open(const char *path, const char *name, struct fc_lines **out, struct fc_diag *d)
{
	*out = NULL;
	struct fc_lines *l = fc_calloc(1, sizeof(*l));
	if (!l)
		return FC_ENOMEM;
	l->g = gzopen(path, "rb");
	if (!l->g) {
		fc_diag_error(d, name, 0, 0, "cannot open: %s", strerror(errno ? errno : ENOENT));
		fc_free(l);
		return FC_EIO;
	}
	gzbuffer(l->g, 1 << 18);
	l->name = fc_strdup(name);
	l->cap = 1 << 20;
	l->buf = fc_malloc(l->cap + 1);
	if (!l->name || !l->buf) {
		fc_lines_close(l);
		return FC_ENOMEM;
	}
	l->d = d;
	l->first = 1;
	*out = l;
	return FC_OK;
}

static int fill(struct fc_lines *l)
{
	if (l->start > 0) {
		memmove(l->buf, l->buf + l->start, l->end - l->start);
		l->end -= l->start;
		l->start = 0;
	}
	if (l->end == l->cap) {
		if (l->cap >= FC_MAX_LINE_BYTES)
			return -2;
		size_t nc = l->cap * 2;
		char *b = fc_realloc(l->buf, nc + 1);
		if (!b)
			return -1;
		l->buf = b;
		l->cap = nc;
	}
	int got = gzread(l->g, l->buf + l->end, (unsigned)(l->cap - l->end));
	if (got < 0)
		return -1;
	if (got == 0) {
		int e = 0;
		gzerror(l->g, &e);
		if (e != Z_OK) /* Z_BUF_ERROR here: the gzip stream ended early */
			return -3;
		l->eof = 1;
		return 0;
	}
	if (l->first) {
		l->first = 0;
		unsigned char *u = (unsigned char *)l->buf;
		if (got >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
			l->start = 3;
		else if (got >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
			l->utf16 = 1;
	}
	l->end += (size_t)got;
	return 1;
}

int fc_lines_next(struct fc_lines *l, const char **line, size_t *len)
{
	if (l->utf16) {
		fc_diag_error(l->d, l->name, 0, 0, "UTF-16 text is not supported for streamed logs; convert to UTF-8");
		return -1;
	}
	for (;;) {
		char *nl = l->end > l->start ? memchr(l->buf + l->start, '\n', l->end - l->start) : NULL;
		if (nl || (l->eof && l->end > l->start)) {
			char *s = l->buf + l->start;
			size_t n = nl ? (size_t)(nl - s) : l->end - l->start;
			l->start += n + (nl ? 1 : 0);
			l->consumed += n + (nl ? 1 : 0);
			if (n && s[n - 1] == '\r')
				n--;
			s[n] = '\0';
			l->lineno++;
			*line = s;
			*len = n;
			if (l->utf16) {
				fc_diag_error(l->d, l->name, 0, 0, "UTF-16 text is not supported for streamed logs; convert to UTF-8");
				return -1;
			}
			return 1;
		}
		if (l->eof)
			return 0;
		int r = fill(l);
		if (r == -2) {
			fc_diag_error(l->d, l->name, l->lineno + 1, 0, "line longer than %zu MiB", FC_MAX_LINE_BYTES >> 20);
			return -1;
		}
		if (r == -3) {
			fc_diag_error(l->d, l->name, l->lineno + 1, 0, "truncated or corrupt gzip data");
			return -1;
		}
		if (r < 0) {
			fc_diag_error(l->d, l->name, l->lineno + 1, 0, "read error");
			return -1;
		}
	}
}

long fc_lines_lineno(const struct fc_lines *l)
{
	return l->lineno;
}

uint64_t fc_lines_bytes(const struct fc_lines *l)
{
	return l->consumed;
}

uint64_t fc_lines_raw_offset(const struct fc_lines *l)
{
	z_off_t o = l && l->g ? gzoffset(l->g) : 0;
	return o > 0 ? (uint64_t)o : 0;
}

void fc_lines_close(struct fc_lines *l)
{
	if (!l)
		return;
	if (l->g)
		gzclose(l->g);
	fc_free(l->buf);
	fc_free(l->name);
	fc_free(l);
}

/* ---- directory walk ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum fc_status walk(const char *root, const char *rel, int depth, fc_walk_fn fn, void *ud,
			   struct fc_diag *d, size_t *count)
{
	struct fc_buf path = FC_BUF_INIT;
	fc_buf_init(&path, 0);
	fc_buf_adds(&path, root);
	if (*rel) {
		fc_buf_addc(&path, '/');
		fc_buf_adds(&path, rel);
	}
	if (fc_buf_err(&path))
		return FC_ENOMEM;
	if (depth > FC_MAX_DIR_DEPTH) {
		fc_diag_error(d, rel, 0, 0, "directory nesting deeper than %d", FC_MAX_DIR_DEPTH);
		fc_buf_release(&path);
		return FC_ELIMIT;
	}
	DIR *dir = opendir(fc_buf_str(&path));
	if (!dir) {
		fc_diag_error(d, *rel ? rel : root, 0, 0, "cannot open directory: %s", strerror(errno));
		fc_buf_release(&path);
		return FC_EIO;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	enum fc_status st = FC_OK;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **nn = fc_reallocarray(names, cap, sizeof(*names));
			if (!nn) {
				st = FC_ENOMEM;
				break;
			}
			names = nn;
		}
		names[n] = fc_strdup(e->d_name);
		if (!names[n]) {
			st = FC_ENOMEM;
			break;
		}
		n++;
	}
	closedir(dir);
	if (!st)
		fc_qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n && !st; i++) {
		struct fc_buf child = FC_BUF_INIT, full = FC_BUF_INIT;
		fc_buf_init(&child, 0);
		fc_buf_init(&full, 0);
		if (*rel) {
			fc_buf_adds(&child, rel);
			fc_buf_addc(&child, '/');
		}
		fc_buf_adds(&child, names[i]);
		fc_buf_adds(&full, fc_buf_str(&path));
		fc_buf_addc(&full, '/');
		fc_buf_adds(&full, names[i]);
		struct stat sb;
		if (fc_buf_err(&child) || fc_buf_err(&full))
			st = FC_ENOMEM;
		else if (lstat(fc_buf_str(&full), &sb) != 0)
			fc_diag_error(d, fc_buf_str(&child), 0, 0, "cannot stat: %s", strerror(errno));
		else if (S_ISLNK(sb.st_mode))
			fc_diag_warn(d, fc_buf_str(&child), 0, 0, "symbolic link not followed");
		else if (S_ISDIR(sb.st_mode))
			st = walk(root, fc_buf_str(&child), depth + 1, fn, ud, d, count);
		else if (S_ISREG(sb.st_mode)) {
			if (++*count > FC_MAX_BUNDLE_FILES) {
				fc_diag_error(d, fc_buf_str(&child), 0, 0, "more than %d files in the bundle", FC_MAX_BUNDLE_FILES);
				st = FC_ELIMIT;
			} else if (fn(fc_buf_str(&full), fc_buf_str(&child), ud))
				st = FC_ENOMEM;
		}
		fc_buf_release(&child);
		fc_buf_release(&full);
	}
	for (size_t i = 0; i < n; i++)
		fc_free(names[i]);
	fc_free(names);
	fc_buf_release(&path);
	return st;
}

enum fc_status fc_walk(const char *root, fc_walk_fn fn, void *ud, struct fc_diag *d)
{
	size_t count = 0;
	return walk(root, "", 0, fn, ud, d, &count);
}
