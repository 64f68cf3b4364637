/*
 * One SQL access layer over SQLite (embedded default) and PostgreSQL
 * (libpq).  The findings store (store.c) and the dashboard (src/web/) both
 * use it; nothing else in fincheck talks to a database library directly.
 *
 * Opening
 *   fc_db_open(url, d, &db)   url: a file path ("fincheck.db") or
 *                             "postgresql://…" / "postgres://…" (libpq URI).
 *   SQLite is opened with WAL, foreign_keys=ON, busy_timeout (30 s),
 *   synchronous=NORMAL… so that two processes writing at once queue up
 *   instead of failing or corrupting the file.
 *
 * SQL dialect (write once, runs on both)
 *   - parameters are '?' only (rewritten to $1…$n for PostgreSQL); data is
 *     never pasted into SQL text: bind it.
 *   - in migrations, "{{ID}}" expands to an auto-increment integer primary
 *     key (SQLite INTEGER PRIMARY KEY AUTOINCREMENT, PostgreSQL BIGSERIAL
 *     PRIMARY KEY); use BIGINT for integers, TEXT for strings and dates
 *     (ISO 8601), no BOOLEAN (INTEGER 0/1).
 *   - INSERT … RETURNING id, ON CONFLICT … DO UPDATE work on both.
 *
 * Statements
 *   fc_db_prepare → fc_stmt_bind_* (1-based) → fc_stmt_step (FC_DB_ROW /
 *   FC_DB_DONE / FC_DB_ERR) → fc_stmt_text/int (0-based columns) →
 *   fc_stmt_reset (to run again with new bindings) → fc_stmt_free.
 *   Column text is valid until the next step/reset/free.  PostgreSQL results
 *   are buffered in memory: page big listings with LIMIT.
 *   Prepared statements are cached per connection by SQL text.
 *
 * Transactions
 *   fc_db_begin_write(db) takes the database's single write lock (SQLite
 *   BEGIN IMMEDIATE; PostgreSQL BEGIN + a transaction-level advisory lock),
 *   so that read-modify-write sequences such as appending to the audit chain
 *   are serialized across processes on both backends.  fc_db_commit /
 *   fc_db_rollback end it.  Nested begin is an error (FC_EUSAGE).
 *
 * Migrations (versioned, per module)
 *   A module (the store, the dashboard…) lists its migrations in order:
 *     static const struct fc_db_migration m[] = {
 *       {1, "CREATE TABLE users(id {{ID}}, name TEXT NOT NULL UNIQUE)", NULL},
 *       {2, "ALTER TABLE users ADD COLUMN role TEXT", NULL},
 *     };
 *     static const struct fc_db_module web = {"web", m, 2, NULL};
 *   and either registers it once before opening (fc_db_register_module;
 *   every later fc_db_open applies it) or calls fc_db_migrate(db, &web, d).
 *   Each migration runs in its own write transaction together with its row
 *   in schema_migrations(module, version, applied_at); a version already
 *   applied is skipped; a database newer than the code is refused.
 *   sql_pg, when set, replaces sql on PostgreSQL.
 *
 * Errors go to the diag sink given at open, named after the database
 * (passwords removed from URLs); every function returns enum fc_status.
 */
#ifndef FC_DB_H
#define FC_DB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../core/diag.h"
#include "../core/status.h"

struct fc_db;
struct fc_stmt;

enum fc_db_kind { FC_DB_SQLITE, FC_DB_PG };

enum fc_status fc_db_open(const char *url, struct fc_diag *d, struct fc_db **out);
void fc_db_close(struct fc_db *db);
enum fc_db_kind fc_db_kind(const struct fc_db *db);
/* The name used in diagnostics: the path, or the URL without password. */
const char *fc_db_name(const struct fc_db *db);
/* The diag sink errors go to (may be replaced, e.g. per web request). */
void fc_db_set_diag(struct fc_db *db, struct fc_diag *d);
/* True if the last failed statement broke a UNIQUE/PRIMARY KEY/FOREIGN KEY
 * or CHECK constraint (e.g. "user already exists"). */
bool fc_db_constraint_failed(const struct fc_db *db);
/* The last error message ("" when none). */
const char *fc_db_errmsg(const struct fc_db *db);

/* Run SQL without parameters (DDL, PRAGMA); may hold several statements. */
enum fc_status fc_db_exec(struct fc_db *db, const char *sql);

enum fc_status fc_db_prepare(struct fc_db *db, const char *sql, struct fc_stmt **out);
/* Bindings are 1-based and copied; NULL text binds SQL NULL.  Invalid UTF-8
 * is stored with U+FFFD in its place (on both backends). */
void fc_stmt_bind_text(struct fc_stmt *st, int i, const char *s);
void fc_stmt_bind_int(struct fc_stmt *st, int i, int64_t v);
void fc_stmt_bind_null(struct fc_stmt *st, int i);

/* NULL if s is valid UTF-8, else a fc_malloc'd copy with U+FFFD for each
 * invalid byte: what fc_stmt_bind_text stores. */
char *fc_db_utf8_clean(const char *s);

enum { FC_DB_ERR = -1, FC_DB_DONE = 0, FC_DB_ROW = 1 };
int fc_stmt_step(struct fc_stmt *st);
/* Run a statement that returns no rows (or ignore them): FC_OK or error. */
enum fc_status fc_stmt_run(struct fc_stmt *st);
int fc_stmt_ncols(const struct fc_stmt *st);
/* Columns are 0-based.  text: NULL for SQL NULL; int: 0 for NULL. */
const char *fc_stmt_text(const struct fc_stmt *st, int col);
int64_t fc_stmt_int(const struct fc_stmt *st, int col);
bool fc_stmt_isnull(const struct fc_stmt *st, int col);
/* Rows changed by the last INSERT/UPDATE/DELETE step. */
int64_t fc_stmt_changes(const struct fc_stmt *st);
void fc_stmt_reset(struct fc_stmt *st);	/* keeps bindings; clear with new binds */
void fc_stmt_free(struct fc_stmt *st);

enum fc_status fc_db_begin_write(struct fc_db *db);
enum fc_status fc_db_begin_read(struct fc_db *db);	/* a consistent snapshot */
enum fc_status fc_db_commit(struct fc_db *db);
void fc_db_rollback(struct fc_db *db);			/* no-op outside a transaction */
bool fc_db_in_tx(const struct fc_db *db);

/* One-shot helpers: the first column of the first row (NULL/def if none).
 * Parameters are text, bound in order (n of them). */
enum fc_status fc_db_query_int(struct fc_db *db, const char *sql, const char *const *params, int n,
			       int64_t def, int64_t *out);
/* *out is fc_malloc'd (NULL when no row or SQL NULL). */
enum fc_status fc_db_query_text(struct fc_db *db, const char *sql, const char *const *params, int n,
				char **out);

struct fc_db_migration {
	int version;		/* 1, 2, 3… in order */
	const char *sql;	/* both backends (with {{ID}}) */
	const char *sql_pg;	/* PostgreSQL only, replaces sql; or NULL */
};

struct fc_db_module {
	const char *name;
	const struct fc_db_migration *m;
	size_t n;
	/* Optional: SQL returning the smallest audit_log seq this module's rows
	 * still point at (NULL result = none).  `fincheck purge` never removes
	 * audit entries at or after it, so that verify can still check them. */
	const char *min_audit_ref_sql;
};

enum fc_status fc_db_migrate(struct fc_db *db, const struct fc_db_module *mod, struct fc_diag *d);
/* Register a module applied by every later fc_db_open (max 16; idempotent
 * by name).  Not thread-safe: call at start-up. */
enum fc_status fc_db_register_module(const struct fc_db_module *mod);
/* Registered modules, for purge (NULL-terminated view, count in *n). */
const struct fc_db_module *const *fc_db_modules(size_t *n);
/* Current schema version of a module (0 = none). */
enum fc_status fc_db_schema_version(struct fc_db *db, const char *module, int64_t *out);

/* SQLite only: online backup (sqlite3_backup_*) of the live database into
 * dest (a new file; an existing one is overwritten).  Readers and writers
 * may keep working meanwhile.  PostgreSQL: FC_EUSAGE (use pg_dump). */
enum fc_status fc_db_backup(struct fc_db *db, const char *dest);

#endif
