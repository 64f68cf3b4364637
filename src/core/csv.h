/*
 * RFC 4180 CSV tables: quoted fields with commas, quotes and newlines, CRLF,
 * a BOM (stripped by the reader).  Columns are found by header name,
 * case-insensitively, through a list of aliases.  Every row remembers the
 * line it started on and its raw text, for evidence excerpts.
 */
#ifndef FC_CSV_H
#define FC_CSV_H
#include <stddef.h>
#include "arena.h"
#include "diag.h"
#include "status.h"

struct fc_csv_row {
	char **f;	/* ncol fields (missing trailing fields are "") */
	size_t nf;	/* fields actually present in the record */
	long line;	/* 1-based line where the record starts */
	const char *raw; /* the record's text (first physical line) */
};

struct fc_csv {
	const char *name;
	char **hdr;
	size_t ncol;
	struct fc_csv_row *rows;
	size_t nrows;
};

/* Parse text into t; strings live in the arena.  Malformed records are
 * reported to d with line:column; what parsed is kept.  Returns FC_EPARSE if
 * anything was malformed, FC_ENOMEM/FC_ELIMIT on hard failure. */
enum fc_status fc_csv_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
			    struct fc_csv *t, struct fc_diag *d);
/* Index of the first header matching any of the NULL-terminated names. */
int fc_csv_col(const struct fc_csv *t, const char *const *names);
/* Field text, "" for col < 0; never NULL. */
const char *fc_csv_get(const struct fc_csv_row *r, int col);
/* A field is empty after trimming. */
int fc_csv_empty(const struct fc_csv_row *r, int col);

#endif
