/*
 * Helpers for CSV evidence tables: read a file into a parsed table, find
 * columns by name and aliases, convert fields with errors that name the
 * file, line and column.  Used by every CSV loader.
 */
#ifndef FC_TABLE_H
#define FC_TABLE_H
#include "../core/csv.h"
#include "../engine/facts.h"

struct fc_table {
	struct fc_bundle *b;
	const char *rel;
	enum fc_evkind kind;
	struct fc_csv csv;
	int bad;		/* a field error was reported */
	/* The parsed cells live here, not in the bundle: loaders copy what they
	 * keep (fc_table_str, fc_table_ref), and fc_table_done() releases the
	 * rest — at bank scale the cells of 300,000 accounts were ~200 MB held
	 * to the end of the run (issue 11). */
	struct fc_arena tmp;
	const struct fc_csv_row *ref_row; /* fc_table_ref's last copy */
	const char *ref_raw;
};

/* Read and parse; returns FC_OK, or an error already reported (the file is
 * marked bad).  An unreadable or empty file leaves t->csv.nrows == 0.
 * After FC_OK the caller must call fc_table_done() on every path (the rows
 * and cells are freed there: keep no pointer into t->csv beyond it). */
enum fc_status fc_table_open(struct fc_table *t, struct fc_bundle *b, const char *path, const char *rel,
			     enum fc_evkind kind);
/* Column by names (NULL-terminated aliases), -1 if absent. */
int fc_table_col(struct fc_table *t, const char *const *names);
/* Like fc_table_col but an absent column is an error naming the aliases. */
int fc_table_need(struct fc_table *t, const char *const *names);
/* Field as an arena string (trimmed), NULL when empty. */
const char *fc_table_str(struct fc_table *t, const struct fc_csv_row *r, int col);
/* Trimmed copy in ASCII lower case (role, type columns), NULL when empty. */
const char *fc_table_lower(struct fc_table *t, const struct fc_csv_row *r, int col);
/* Tri-state boolean; reports unrecognized text. */
int fc_table_bool(struct fc_table *t, const struct fc_csv_row *r, int col);
/* Date (FC_NO_DATE when empty); reports malformed dates. */
int32_t fc_table_date(struct fc_table *t, const struct fc_csv_row *r, int col);
/* Integer (def when empty); reports junk. */
long fc_table_int(struct fc_table *t, const struct fc_csv_row *r, int col, long def);
/* The row as evidence; its excerpt is copied into the bundle. */
struct fc_ref fc_table_ref(struct fc_table *t, const struct fc_csv_row *r);
/* Report a field-level error at this row. */
void fc_table_error(struct fc_table *t, const struct fc_csv_row *r, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Finish: mark the file bad if any field error was reported, and free the
 * parsed table.  Safe to call twice. */
void fc_table_done(struct fc_table *t);

#endif
