/*
 * Reading evidence files: whole-file reads for tables and configs, and a
 * streaming line reader for logs.  Both read gzip transparently (zlib's
 * gzread passes plain files through), strip a UTF-8 BOM and convert
 * UTF-16 (LE or BE, with BOM; or LE detected by NUL pattern) to UTF-8.
 */
#ifndef FC_READER_H
#define FC_READER_H
#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "status.h"

enum fc_encoding { FC_ENC_UTF8, FC_ENC_UTF8_BOM, FC_ENC_UTF16LE, FC_ENC_UTF16BE };

struct fc_text {
	char *p;	/* NUL-terminated UTF-8; owned, fc_free */
	size_t n;
	enum fc_encoding enc;
	int gzipped;
};

/* Read a whole file (cap FC_MAX_FILE_BYTES after decompression).
 * `name` is what diagnostics call the file (bundle-relative). */
enum fc_status fc_text_read(const char *path, const char *name, struct fc_text *out,
			    struct fc_diag *d);
/* The same over bytes already in memory (fuzzers, tests). */
enum fc_status fc_text_from_mem(const void *data, size_t n, const char *name,
				struct fc_text *out, struct fc_diag *d);
void fc_text_release(struct fc_text *t);
/* Strict UTF-8 check of decoded text (tables, YAML, configs): the first bad
 * byte is reported with line and column and a hint (a Big5 or Latin-1 export
 * is the usual cause).  FC_EPARSE on failure. */
enum fc_status fc_text_check_utf8(const struct fc_text *t, const char *name, struct fc_diag *d);
/* True if the bytes look binary (NUL in first 8 KiB of UTF-8 text). */
int fc_text_is_binary(const char *p, size_t n);

/* Streaming lines.  Lines exclude the newline and a trailing CR.  A final line
 * without a newline is returned too.  A line over FC_MAX_LINE_BYTES is an
 * error (FC_ELIMIT) naming the line. */
struct fc_lines;
enum fc_status fc_lines_open(const char *path, const char *name, struct fc_lines **out,
			     struct fc_diag *d);
/* 1 = got a line, 0 = end, -1 = error (reported to diag). */
int fc_lines_next(struct fc_lines *l, const char **line, size_t *len);
long fc_lines_lineno(const struct fc_lines *l);
uint64_t fc_lines_bytes(const struct fc_lines *l); /* uncompressed bytes consumed */
/* Bytes of the file itself read so far (compressed ones for .gz): progress
 * against the file's size. */
uint64_t fc_lines_raw_offset(const struct fc_lines *l);
void fc_lines_close(struct fc_lines *l);

/* Convert UTF-16 to UTF-8 (little_endian selects order).  Invalid surrogates
 * become U+FFFD.  Output owned by caller. */
char *fc_utf16_to_utf8(const unsigned char *p, size_t n, int little_endian, size_t *outn);

/* Walk a directory tree in sorted order; fn gets the full path and the path
 * relative to root.  Symlinks are not followed (a bundle is untrusted). */
typedef int (*fc_walk_fn)(const char *path, const char *rel, void *ud);
enum fc_status fc_walk(const char *root, fc_walk_fn fn, void *ud, struct fc_diag *d);

#endif
