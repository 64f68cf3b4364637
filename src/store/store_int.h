/* Internals shared by the store's files (not an API). */
#ifndef FC_STORE_INT_H
#define FC_STORE_INT_H
#include <openssl/evp.h>
#include "store.h"

struct fc_store {
	struct fc_db *db;
	struct fc_diag *d;
	int64_t now;		/* 0 = system clock */
};

/* The columns whose content makes a row's "state" in the audit chain, in
 * order.  Columns left out change on every run (last_run, last_seen,
 * detail, titles) or are the pointer to the entry (audit_seq). */
#define FINDING_STATE_COLS                                                                                  \
	"id, check_id, severity, object_type, object, ident, system_id, status, first_run, due_start, due, " \
	"due_fixed, due_param, owner, plan, note, reopened, fixed_run, fixed_at, verified_by, verified_at, "   \
	"closed_by, closed_at"
#define ACCEPT_STATE_COLS                                                                                 \
	"id, finding_id, revision, status, requester, requested_at, justification, compensating_control, " \
	"expires, approver, decided_at, decision_note, prior_status"
#define RUN_STATE_COLS                                                                                        \
	"id, recorded_at, as_of, bundle, org, digest, tool_version, by_user, params, checks, pass, fail, manual, " \
	"na, error, findings"
#define PARAM_STATE_COLS "name, value, run_id"

/* Multi-row INSERTs: one statement (one PostgreSQL round trip) per
 * FC_BATCH_ROWS rows.  Values are kept until the batch is sent; the SQL
 * text is made of fixed fragments and placeholders only. */
#define FC_BATCH_ROWS 100
#define FC_BATCH_MAXCOLS 24

struct fc_cell {
	int64_t i;
	char *s;
	bool is_int;
};

struct fc_batch {
	struct fc_db *db;
	const char *head;	/* "INSERT INTO t(a, b) VALUES " */
	int ncols, n;
	struct fc_cell cells[FC_BATCH_ROWS * FC_BATCH_MAXCOLS];
	struct fc_stmt *full;
	enum fc_status err;
};

void fc_batch_init(struct fc_batch *b, struct fc_db *db, const char *head, int ncols);
/* The next row's ncols cells, to fill with fc_cell_*; NULL after an error
 * (b->err).  A full batch is sent first. */
struct fc_cell *fc_batch_row(struct fc_batch *b);
void fc_cell_int(struct fc_batch *b, struct fc_cell *c, int64_t v);
void fc_cell_text(struct fc_batch *b, struct fc_cell *c, const char *s); /* copied; NULL = SQL NULL */
enum fc_status fc_batch_flush(struct fc_batch *b);
void fc_batch_release(struct fc_batch *b);	/* drops unsent rows */

/* An audit writer: prepared statements and the cached head, used inside
 * one write transaction. */
struct fc_audit {
	struct fc_db *db;
	struct fc_stmt *head_get, *head_set;
	struct fc_batch *rows;	/* entries not yet sent: see fc_audit_flush */
	bool have_head, dirty;
	int64_t seq;
	char hash[65];
};
enum fc_status fc_audit_begin(struct fc_audit *a, struct fc_db *db);
enum fc_status fc_audit_add(struct fc_audit *a, int64_t at, const char *actor, const char *action, const char *object,
			    const char *details, const char *state, int64_t *seq);
/* Read the head now (the next entry's seq is a.seq + 1 afterwards);
 * FC_EPARSE when the head row is gone but entries exist. */
enum fc_status fc_audit_load(struct fc_audit *a);
/* Send the pending entries and write the head row: before committing and
 * before reading audit_log in the same transaction. */
enum fc_status fc_audit_flush(struct fc_audit *a);
void fc_audit_end(struct fc_audit *a);

/* netstring of s into a digest ("~," for NULL) */
void fc_audit_ns(EVP_MD_CTX *c, const char *s);
void fc_audit_hex(const unsigned char md[32], char out[65]);
/* The same digest as fc_audit_row_hash over values (NULL = SQL NULL). */
void fc_audit_values_hash(const char *const *v, int n, char out[65]);
/* Feed columns 0..n-1 of the current row into c. */
void fc_audit_row_update(EVP_MD_CTX *c, const struct fc_stmt *st, int n);

/* State of one row by key (a SELECT of the *_STATE_COLS with one '?'). */
enum fc_status fc_state_of(struct fc_db *db, const char *sql, const char *key, char out[65], bool *found);
/* State of a run: its row, results, sightings and evidence. */
enum fc_status fc_run_state(struct fc_db *db, int64_t run_id, char out[65], bool *found);

/* "YYYY-MM-DDTHH:MM:SS+08:00" of the store clock */
void fc_store_stamp(const struct fc_store *s, char out[26]);

#endif
