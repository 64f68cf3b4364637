/* The SQL access layer over SQLite and PostgreSQL (db.h). */
#include "db.h"
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/strutil.h"

/* A writer waits this long for another process's write transaction before
 * giving up with "database is locked"; a whole assess run of a large bundle
 * records in a few seconds, so 60 s leaves a wide margin. */
#define DB_BUSY_TIMEOUT_MS 60000
/* PostgreSQL: server-side prepared statements kept per connection. */
#define DB_PG_STMT_CACHE 256
/* Bound parameters per statement (multi-row INSERTs bind ~700; SQLite's
 * own limit is 32766, PostgreSQL's 65535). */
#define DB_MAX_PARAMS 4096
/* Registered modules. */
#define DB_MAX_MODULES 16
/* The advisory lock key that serializes writers on PostgreSQL ("fcst"). */
#define DB_PG_WRITE_LOCK 0x66637374

struct pg_cached {
	char *sql;
	char name[24];
};

struct fc_db {
	enum fc_db_kind kind;
	char *name;
	struct fc_diag *d;
	sqlite3 *lite;
	PGconn *pg;
	struct pg_cached *cache;
	size_t ncache;
	unsigned long stmt_seq;
	bool in_tx;
	bool constraint;
	char err[512];
};

struct fc_stmt {
	struct fc_db *db;
	sqlite3_stmt *s;
	/* PostgreSQL */
	const char *pgname;
	int nparams;
	char **vals;
	PGresult *res;
	int row, nrows;
	bool executed;
	int64_t changes;
};

static const struct fc_db_module *modules[DB_MAX_MODULES + 1];
static size_t nmodules;

static void set_err(struct fc_db *db, bool constraint, const char *what, const char *msg)
{
	db->constraint = constraint;
	snprintf(db->err, sizeof db->err, "%s%s%s", what ? what : "", what ? ": " : "", msg ? msg : "");
	/* strip libpq's trailing newline */
	size_t n = strlen(db->err);
	while (n && (db->err[n - 1] == '\n' || db->err[n - 1] == ' '))
		db->err[--n] = '\0';
	/* constraint failures are expected outcomes the caller decides about */
	if (!constraint && db->d)
		fc_diag_error(db->d, db->name, 0, 0, "%s", db->err);
}

static void lite_err(struct fc_db *db, int rc, const char *what)
{
	set_err(db, (rc & 0xff) == SQLITE_CONSTRAINT, what, sqlite3_errmsg(db->lite));
}

static void pg_err(struct fc_db *db, const PGresult *r, const char *what)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = r ? PQresultErrorMessage(r) : NULL;
	if (!msg || !*msg)
		msg = PQerrorMessage(db->pg);
	/* SQLSTATE class 23: integrity constraint violation */
	set_err(db, state && state[0] == '2' && state[1] == '3', what, msg);
}

static bool is_pg_url(const char *url)
{
	return !strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11);
}

/* "postgresql://user:secret@host/db" → "postgresql://user@host/db" */
static char *redact(const char *url)
{
	if (!is_pg_url(url))
		return fc_strdup(url);
	const char *p = strstr(url, "://") + 3;
	const char *at = strchr(p, '@');
	const char *slash = strchr(p, '/');
	if (!at || (slash && slash < at))
		return fc_strdup(url);
	const char *colon = memchr(p, ':', (size_t)(at - p));
	if (!colon)
		return fc_strdup(url);
	struct fc_buf b;
	fc_buf_init(&b, 0);
	fc_buf_add(&b, url, (size_t)(colon - url));
	fc_buf_adds(&b, at);
	return fc_buf_detach(&b);
}

static void pg_notice(void *arg, const char *message)
{
	/* the library never prints: server notices are dropped */
	(void)arg;
	(void)message;
}

static enum fc_status lite_open(struct fc_db *db, const char *path)
{
	int rc = sqlite3_open_v2(path, &db->lite, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		set_err(db, false, "cannot open", db->lite ? sqlite3_errmsg(db->lite) : sqlite3_errstr(rc));
		return FC_EIO;
	}
	sqlite3_extended_result_codes(db->lite, 1);
	sqlite3_busy_timeout(db->lite, DB_BUSY_TIMEOUT_MS);
	/* WAL: readers never block the writer and a killed writer leaves the
	 * last committed state; synchronous=FULL makes each commit durable
	 * (remediation records are kept five years, seed 004 評估報告 四). */
	static const char *const pragmas[] = {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON",
					      "PRAGMA synchronous=FULL", "PRAGMA trusted_schema=OFF",
					      /* 64 MiB of page cache: a large run's transaction
					       * stays in memory instead of spilling */
					      "PRAGMA cache_size=-65536", NULL};
	for (int i = 0; pragmas[i]; i++) {
		char *msg = NULL;
		/* Turning a new file to WAL needs an exclusive lock, and SQLite
		 * answers SQLITE_BUSY there without calling the busy handler when
		 * a second process opens the same new store at the same moment:
		 * wait for it ourselves, as long as the busy timeout. */
		for (int waited = 0;; waited += 10) {
			rc = sqlite3_exec(db->lite, pragmas[i], NULL, NULL, &msg);
			if ((rc & 0xff) != SQLITE_BUSY || waited >= DB_BUSY_TIMEOUT_MS)
				break;
			sqlite3_free(msg);
			msg = NULL;
			sqlite3_sleep(10);
		}
		if (rc != SQLITE_OK) {
			set_err(db, false, pragmas[i], msg ? msg : sqlite3_errstr(rc));
			sqlite3_free(msg);
			return (rc & 0xff) == SQLITE_NOTADB ? FC_EPARSE : FC_EIO;
		}
	}
	/* a file that is not a database is found on first read */
	sqlite3_stmt *s = NULL;
	rc = sqlite3_prepare_v2(db->lite, "SELECT count(*) FROM sqlite_master", -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW) {
		lite_err(db, rc, "cannot read");
		return FC_EPARSE;
	}
	return FC_OK;
}

static enum fc_status pg_open(struct fc_db *db, const char *url)
{
	db->pg = PQconnectdb(url);
	if (!db->pg) {
		set_err(db, false, "cannot connect", "out of memory");
		return FC_ENOMEM;
	}
	if (PQstatus(db->pg) != CONNECTION_OK) {
		set_err(db, false, "cannot connect", PQerrorMessage(db->pg));
		return FC_EIO;
	}
	PQsetNoticeProcessor(db->pg, pg_notice, NULL);
	if (PQsetClientEncoding(db->pg, "UTF8") != 0) {
		set_err(db, false, "cannot set client encoding", PQerrorMessage(db->pg));
		return FC_EIO;
	}
	return fc_db_exec(db, "SET client_min_messages = warning");
}

enum fc_status fc_db_open(const char *url, struct fc_diag *d, struct fc_db **out)
{
	*out = NULL;
	if (!url || !*url)
		return FC_EUSAGE;
	struct fc_db *db = fc_calloc(1, sizeof(*db));
	if (!db)
		return FC_ENOMEM;
	db->d = d;
	db->name = redact(url);
	if (!db->name) {
		fc_free(db);
		return FC_ENOMEM;
	}
	enum fc_status st;
	if (is_pg_url(url)) {
		db->kind = FC_DB_PG;
		st = pg_open(db, url);
	} else {
		db->kind = FC_DB_SQLITE;
		st = lite_open(db, url);
	}
	for (size_t i = 0; !st && i < nmodules; i++)
		st = fc_db_migrate(db, modules[i], d);
	if (st) {
		fc_db_close(db);
		return st;
	}
	*out = db;
	return FC_OK;
}

void fc_db_close(struct fc_db *db)
{
	if (!db)
		return;
	if (db->in_tx)
		fc_db_rollback(db);
	if (db->lite)
		sqlite3_close_v2(db->lite);
	if (db->pg)
		PQfinish(db->pg);
	for (size_t i = 0; i < db->ncache; i++)
		fc_free(db->cache[i].sql);
	fc_free(db->cache);
	fc_free(db->name);
	fc_free(db);
}

enum fc_db_kind fc_db_kind(const struct fc_db *db) { return db->kind; }
const char *fc_db_name(const struct fc_db *db) { return db->name; }
void fc_db_set_diag(struct fc_db *db, struct fc_diag *d) { db->d = d; }
bool fc_db_constraint_failed(const struct fc_db *db) { return db->constraint; }
const char *fc_db_errmsg(const struct fc_db *db) { return db->err; }
bool fc_db_in_tx(const struct fc_db *db) { return db->in_tx; }

/* Expand {{ID}} for the backend. */
static char *expand_sql(const struct fc_db *db, const char *sql)
{
	static const char tag[] = "{{ID}}";
	const char *id = db->kind == FC_DB_PG ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
	struct fc_buf b;
	fc_buf_init(&b, 0);
	const char *p = sql, *q;
	while ((q = strstr(p, tag))) {
		fc_buf_add(&b, p, (size_t)(q - p));
		fc_buf_adds(&b, id);
		p = q + sizeof tag - 1;
	}
	fc_buf_adds(&b, p);
	if (fc_buf_err(&b)) {
		fc_buf_release(&b);
		return NULL;
	}
	return fc_buf_detach(&b);
}

enum fc_status fc_db_exec(struct fc_db *db, const char *sql)
{
	db->constraint = false;
	char *x = expand_sql(db, sql);
	if (!x)
		return FC_ENOMEM;
	enum fc_status st = FC_OK;
	if (db->kind == FC_DB_SQLITE) {
		char *msg = NULL;
		int rc = sqlite3_exec(db->lite, x, NULL, NULL, &msg);
		if (rc != SQLITE_OK) {
			set_err(db, (rc & 0xff) == SQLITE_CONSTRAINT, NULL, msg ? msg : sqlite3_errstr(rc));
			st = FC_EIO;
		}
		sqlite3_free(msg);
	} else {
		PGresult *r = PQexec(db->pg, x);
		ExecStatusType s = PQresultStatus(r);
		if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
			pg_err(db, r, NULL);
			st = FC_EIO;
		}
		PQclear(r);
	}
	fc_free(x);
	return st;
}

/* '?' → $n outside quotes and comments; counts the parameters. */
static char *pg_placeholders(const char *sql, int *n)
{
	struct fc_buf b;
	fc_buf_init(&b, 0);
	*n = 0;
	for (const char *p = sql; *p; p++) {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			const char *e = strchr(p + 1, q);
			if (!e)
				e = p + strlen(p) - 1;
			fc_buf_add(&b, p, (size_t)(e - p + 1));
			p = e;
		} else if (p[0] == '-' && p[1] == '-') {
			const char *e = strchr(p, '\n');
			if (!e)
				break;
			fc_buf_add(&b, p, (size_t)(e - p + 1));
			p = e;
		} else if (*p == '?') {
			fc_buf_addf(&b, "$%d", ++*n);
		} else
			fc_buf_addc(&b, *p);
	}
	if (fc_buf_err(&b)) {
		fc_buf_release(&b);
		return NULL;
	}
	return fc_buf_detach(&b);
}

static const char *pg_cached_name(struct fc_db *db, const char *sql)
{
	for (size_t i = 0; i < db->ncache; i++)
		if (!strcmp(db->cache[i].sql, sql))
			return db->cache[i].name;
	return NULL;
}

enum fc_status fc_db_prepare(struct fc_db *db, const char *sql, struct fc_stmt **out)
{
	*out = NULL;
	db->constraint = false;
	struct fc_stmt *st = fc_calloc(1, sizeof(*st));
	if (!st)
		return FC_ENOMEM;
	st->db = db;
	if (db->kind == FC_DB_SQLITE) {
		int rc = sqlite3_prepare_v3(db->lite, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->s, NULL);
		if (rc != SQLITE_OK) {
			lite_err(db, rc, "prepare");
			fc_free(st);
			return FC_EIO;
		}
		st->nparams = sqlite3_bind_parameter_count(st->s);
		if (st->nparams > DB_MAX_PARAMS) {
			sqlite3_finalize(st->s);
			fc_free(st);
			return FC_ELIMIT;
		}
		*out = st;
		return FC_OK;
	}
	int n = 0;
	char *x = pg_placeholders(sql, &n);
	if (!x) {
		fc_free(st);
		return FC_ENOMEM;
	}
	if (n > DB_MAX_PARAMS) {
		fc_free(x);
		fc_free(st);
		return FC_ELIMIT;
	}
	st->nparams = n;
	if (n && !(st->vals = fc_calloc((size_t)n, sizeof(char *)))) {
		fc_free(x);
		fc_free(st);
		return FC_ENOMEM;
	}
	const char *name = pg_cached_name(db, x);
	if (!name) {
		if (db->ncache == DB_PG_STMT_CACHE) {
			/* drop the oldest: DEALLOCATE it on the server */
			char q[64];
			snprintf(q, sizeof q, "DEALLOCATE %s", db->cache[0].name);
			PQclear(PQexec(db->pg, q));
			fc_free(db->cache[0].sql);
			memmove(db->cache, db->cache + 1, sizeof(*db->cache) * (db->ncache - 1));
			db->ncache--;
		}
		if (!db->cache) {
			db->cache = fc_calloc(DB_PG_STMT_CACHE, sizeof(*db->cache));
			if (!db->cache) {
				fc_free(x);
				fc_free(st->vals);
				fc_free(st);
				return FC_ENOMEM;
			}
		}
		struct pg_cached *c = &db->cache[db->ncache];
		snprintf(c->name, sizeof c->name, "fc%lu", ++db->stmt_seq);
		PGresult *r = PQprepare(db->pg, c->name, x, 0, NULL);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			pg_err(db, r, "prepare");
			PQclear(r);
			fc_free(x);
			fc_free(st->vals);
			fc_free(st);
			return FC_EIO;
		}
		PQclear(r);
		c->sql = x;
		x = NULL;
		db->ncache++;
		name = c->name;
	}
	fc_free(x);
	st->pgname = name;
	*out = st;
	return FC_OK;
}

static void pg_clear_result(struct fc_stmt *st)
{
	PQclear(st->res);
	st->res = NULL;
	st->executed = false;
	st->row = -1;
	st->nrows = 0;
}

/* Length of the valid UTF-8 sequence at p (1..4), 0 if invalid. */
static size_t utf8_len(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		return (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F))
			return 0; /* overlong, surrogates */
		return 3;
	}
	if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
			return 0;
		if ((p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
			return 0;
		return 4;
	}
	return 0;
}

char *fc_db_utf8_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;
	while (*p && (n = utf8_len(p)))
		p += n;
	if (!*p)
		return NULL; /* valid as it is */
	struct fc_buf b;
	fc_buf_init(&b, 0);
	fc_buf_add(&b, s, (size_t)((const char *)p - s));
	while (*p) {
		if ((n = utf8_len(p))) {
			fc_buf_add(&b, p, n);
			p += n;
		} else {
			fc_buf_adds(&b, "\xEF\xBF\xBD"); /* U+FFFD */
			p++;
		}
	}
	if (fc_buf_err(&b)) {
		fc_buf_release(&b);
		return NULL;
	}
	return fc_buf_detach(&b);
}

void fc_stmt_bind_text(struct fc_stmt *st, int i, const char *s)
{
	if (i < 1 || i > st->nparams)
		return;
	/* PostgreSQL rejects invalid UTF-8 (a Big5 host name in a CSV would
	 * fail the whole run); both backends store the same cleaned text so
	 * that row hashes agree */
	char *clean = s ? fc_db_utf8_clean(s) : NULL;
	if (clean)
		s = clean;
	if (st->db->kind == FC_DB_SQLITE) {
		if (s)
			sqlite3_bind_text(st->s, i, s, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st->s, i);
		fc_free(clean);
		return;
	}
	fc_free(st->vals[i - 1]);
	st->vals[i - 1] = clean ? clean : s ? fc_strdup(s) : NULL;
}

void fc_stmt_bind_int(struct fc_stmt *st, int i, int64_t v)
{
	if (i < 1 || i > st->nparams)
		return;
	if (st->db->kind == FC_DB_SQLITE) {
		sqlite3_bind_int64(st->s, i, v);
		return;
	}
	char tmp[24];
	snprintf(tmp, sizeof tmp, "%lld", (long long)v);
	fc_stmt_bind_text(st, i, tmp);
}

void fc_stmt_bind_null(struct fc_stmt *st, int i)
{
	fc_stmt_bind_text(st, i, NULL);
}

int fc_stmt_step(struct fc_stmt *st)
{
	struct fc_db *db = st->db;
	db->constraint = false;
	if (db->kind == FC_DB_SQLITE) {
		int rc = sqlite3_step(st->s);
		if (rc == SQLITE_ROW)
			return FC_DB_ROW;
		if (rc == SQLITE_DONE) {
			st->changes = sqlite3_changes64(db->lite);
			return FC_DB_DONE;
		}
		lite_err(db, rc, NULL);
		return FC_DB_ERR;
	}
	if (!st->executed) {
		st->res = PQexecPrepared(db->pg, st->pgname, st->nparams, (const char *const *)st->vals, NULL, NULL, 0);
		st->executed = true;
		st->row = -1;
		ExecStatusType s = PQresultStatus(st->res);
		if (s == PGRES_TUPLES_OK) {
			st->nrows = PQntuples(st->res);
			const char *ct = PQcmdTuples(st->res);
			int64_t ch = 0;
			st->changes = ct && *ct && fc_parse_i64(ct, &ch) ? ch : 0;
		} else if (s == PGRES_COMMAND_OK) {
			st->nrows = 0;
			const char *ct = PQcmdTuples(st->res);
			int64_t ch = 0;
			st->changes = ct && *ct && fc_parse_i64(ct, &ch) ? ch : 0;
		} else {
			pg_err(db, st->res, NULL);
			PQclear(st->res);
			st->res = NULL;
			return FC_DB_ERR;
		}
	}
	if (!st->res)
		return FC_DB_ERR;
	if (st->row + 1 < st->nrows) {
		st->row++;
		return FC_DB_ROW;
	}
	st->row = st->nrows;
	return FC_DB_DONE;
}

enum fc_status fc_stmt_run(struct fc_stmt *st)
{
	int rc;
	while ((rc = fc_stmt_step(st)) == FC_DB_ROW)
		;
	return rc == FC_DB_DONE ? FC_OK : FC_EIO;
}

int fc_stmt_ncols(const struct fc_stmt *st)
{
	if (st->db->kind == FC_DB_SQLITE)
		return sqlite3_column_count(st->s);
	return st->res ? PQnfields(st->res) : 0;
}

const char *fc_stmt_text(const struct fc_stmt *st, int col)
{
	if (st->db->kind == FC_DB_SQLITE)
		return (const char *)sqlite3_column_text(st->s, col);
	if (!st->res || st->row < 0 || st->row >= st->nrows || col < 0 || col >= PQnfields(st->res) ||
	    PQgetisnull(st->res, st->row, col))
		return NULL;
	return PQgetvalue(st->res, st->row, col);
}

int64_t fc_stmt_int(const struct fc_stmt *st, int col)
{
	if (st->db->kind == FC_DB_SQLITE)
		return sqlite3_column_int64(st->s, col);
	const char *t = fc_stmt_text(st, col);
	int64_t v = 0;
	if (!t || !fc_parse_i64(t, &v))
		return 0;
	return v;
}

bool fc_stmt_isnull(const struct fc_stmt *st, int col)
{
	if (st->db->kind == FC_DB_SQLITE)
		return sqlite3_column_type(st->s, col) == SQLITE_NULL;
	return fc_stmt_text(st, col) == NULL;
}

int64_t fc_stmt_changes(const struct fc_stmt *st) { return st->changes; }

void fc_stmt_reset(struct fc_stmt *st)
{
	if (st->db->kind == FC_DB_SQLITE)
		sqlite3_reset(st->s);
	else
		pg_clear_result(st);
}

void fc_stmt_free(struct fc_stmt *st)
{
	if (!st)
		return;
	if (st->s)
		sqlite3_finalize(st->s);
	PQclear(st->res);
	for (int i = 0; st->vals && i < st->nparams; i++)
		fc_free(st->vals[i]);
	fc_free(st->vals);
	fc_free(st);
}

enum fc_status fc_db_begin_write(struct fc_db *db)
{
	if (db->in_tx) {
		set_err(db, false, NULL, "a transaction is already open (nested begin)");
		return FC_EUSAGE;
	}
	enum fc_status st;
	if (db->kind == FC_DB_SQLITE)
		/* IMMEDIATE takes the write lock now (waiting up to the busy
		 * timeout) instead of failing later on a lock upgrade */
		st = fc_db_exec(db, "BEGIN IMMEDIATE");
	else {
		char q[96];
		snprintf(q, sizeof q, "BEGIN; SELECT pg_advisory_xact_lock(%d)", DB_PG_WRITE_LOCK);
		st = fc_db_exec(db, q);
		if (st)
			PQclear(PQexec(db->pg, "ROLLBACK"));
	}
	if (!st)
		db->in_tx = true;
	return st;
}

enum fc_status fc_db_begin_read(struct fc_db *db)
{
	if (db->in_tx) {
		set_err(db, false, NULL, "a transaction is already open (nested begin)");
		return FC_EUSAGE;
	}
	enum fc_status st = fc_db_exec(db, db->kind == FC_DB_SQLITE ? "BEGIN"
								: "BEGIN ISOLATION LEVEL REPEATABLE READ");
	if (!st)
		db->in_tx = true;
	return st;
}

enum fc_status fc_db_commit(struct fc_db *db)
{
	if (!db->in_tx)
		return FC_EUSAGE;
	enum fc_status st = fc_db_exec(db, "COMMIT");
	if (st) {
		fc_db_rollback(db);
		return st;
	}
	db->in_tx = false;
	return FC_OK;
}

void fc_db_rollback(struct fc_db *db)
{
	if (!db->in_tx)
		return;
	if (db->kind == FC_DB_SQLITE) {
		if (!sqlite3_get_autocommit(db->lite))
			sqlite3_exec(db->lite, "ROLLBACK", NULL, NULL, NULL);
	} else
		PQclear(PQexec(db->pg, "ROLLBACK"));
	db->in_tx = false;
}

static enum fc_status query1(struct fc_db *db, const char *sql, const char *const *params, int n,
			     struct fc_stmt **out, int *rc)
{
	enum fc_status st = fc_db_prepare(db, sql, out);
	if (st)
		return st;
	for (int i = 0; i < n; i++)
		fc_stmt_bind_text(*out, i + 1, params[i]);
	*rc = fc_stmt_step(*out);
	if (*rc == FC_DB_ERR) {
		fc_stmt_free(*out);
		*out = NULL;
		return FC_EIO;
	}
	return FC_OK;
}

enum fc_status fc_db_query_int(struct fc_db *db, const char *sql, const char *const *params, int n,
			       int64_t def, int64_t *out)
{
	struct fc_stmt *s = NULL;
	int rc;
	*out = def;
	enum fc_status st = query1(db, sql, params, n, &s, &rc);
	if (st)
		return st;
	if (rc == FC_DB_ROW && !fc_stmt_isnull(s, 0))
		*out = fc_stmt_int(s, 0);
	fc_stmt_free(s);
	return FC_OK;
}

enum fc_status fc_db_query_text(struct fc_db *db, const char *sql, const char *const *params, int n,
				char **out)
{
	struct fc_stmt *s = NULL;
	int rc;
	*out = NULL;
	enum fc_status st = query1(db, sql, params, n, &s, &rc);
	if (st)
		return st;
	if (rc == FC_DB_ROW && fc_stmt_text(s, 0)) {
		*out = fc_strdup(fc_stmt_text(s, 0));
		if (!*out)
			st = FC_ENOMEM;
	}
	fc_stmt_free(s);
	return st;
}

enum fc_status fc_db_schema_version(struct fc_db *db, const char *module, int64_t *out)
{
	*out = 0;
	int64_t exists = 0;
	enum fc_status st = fc_db_query_int(
		db,
		db->kind == FC_DB_SQLITE
			? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
			: "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
			  "AND table_name = 'schema_migrations'",
		NULL, 0, 0, &exists);
	if (st || !exists)
		return st;
	const char *p[] = {module};
	return fc_db_query_int(db, "SELECT max(version) FROM schema_migrations WHERE module = ?", p, 1, 0, out);
}

static void now_iso(char out[26])
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	strftime(out, 26, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

enum fc_status fc_db_migrate(struct fc_db *db, const struct fc_db_module *mod, struct fc_diag *d)
{
	struct fc_diag *saved = db->d;
	if (d)
		db->d = d;
	bool own_tx = !db->in_tx;
	enum fc_status st = FC_OK;
	int max = mod->n ? mod->m[mod->n - 1].version : 0;
	int64_t cur = 0;
	/* up to date: no write lock (read-only commands stay read-only) */
	if (own_tx && !fc_db_schema_version(db, mod->name, &cur) && cur == max && max > 0)
		goto out;
	st = own_tx ? fc_db_begin_write(db) : FC_OK;
	if (st)
		goto out;
	st = fc_db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations(module TEXT NOT NULL, "
			    "version BIGINT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY(module, version))");
	if (st)
		goto out;
	if ((st = fc_db_schema_version(db, mod->name, &cur)))
		goto out;
	if (cur > max) {
		set_err(db, false, mod->name, "");
		if (db->d)
			fc_diag_error(db->d, db->name, 0, 0,
				      "schema of '%s' is version %lld, newer than this fincheck knows (%d): upgrade fincheck",
				      mod->name, (long long)cur, max);
		st = FC_EUSAGE;
		goto out;
	}
	for (size_t i = 0; i < mod->n; i++) {
		const struct fc_db_migration *m = &mod->m[i];
		if (m->version <= cur)
			continue;
		const char *sql = db->kind == FC_DB_PG && m->sql_pg ? m->sql_pg : m->sql;
		if ((st = fc_db_exec(db, sql))) {
			if (db->d)
				fc_diag_error(db->d, db->name, 0, 0, "migration %s %d failed", mod->name, m->version);
			goto out;
		}
		struct fc_stmt *s = NULL;
		if ((st = fc_db_prepare(db, "INSERT INTO schema_migrations(module, version, applied_at) VALUES (?, ?, ?)",
					&s)))
			goto out;
		char now[26];
		now_iso(now);
		fc_stmt_bind_text(s, 1, mod->name);
		fc_stmt_bind_int(s, 2, m->version);
		fc_stmt_bind_text(s, 3, now);
		st = fc_stmt_run(s);
		fc_stmt_free(s);
		if (st)
			goto out;
	}
	if (own_tx)
		st = fc_db_commit(db);
out:
	if (st && own_tx)
		fc_db_rollback(db);
	db->d = saved;
	return st;
}

enum fc_status fc_db_register_module(const struct fc_db_module *mod)
{
	for (size_t i = 0; i < nmodules; i++)
		if (!strcmp(modules[i]->name, mod->name))
			return FC_OK;
	if (nmodules == DB_MAX_MODULES)
		return FC_ELIMIT;
	modules[nmodules++] = mod;
	modules[nmodules] = NULL;
	return FC_OK;
}

const struct fc_db_module *const *fc_db_modules(size_t *n)
{
	*n = nmodules;
	return modules;
}

enum fc_status fc_db_backup(struct fc_db *db, const char *dest)
{
	if (db->kind != FC_DB_SQLITE) {
		set_err(db, false, NULL, "online backup is for SQLite stores; back up PostgreSQL with pg_dump");
		return FC_EUSAGE;
	}
	/* write beside the destination, then rename: a crash never leaves a
	 * half-written file under the backup's name */
	struct fc_buf tmp;
	fc_buf_init(&tmp, 0);
	fc_buf_addf(&tmp, "%s.tmp-%ld", dest, (long)getpid());
	if (fc_buf_err(&tmp)) {
		fc_buf_release(&tmp);
		return FC_ENOMEM;
	}
	enum fc_status st = FC_OK;
	sqlite3 *to = NULL;
	remove(fc_buf_str(&tmp));
	int rc = sqlite3_open_v2(fc_buf_str(&tmp), &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		set_err(db, false, dest, to ? sqlite3_errmsg(to) : sqlite3_errstr(rc));
		st = FC_EIO;
		goto out;
	}
	sqlite3_backup *bk = sqlite3_backup_init(to, "main", db->lite, "main");
	if (!bk) {
		set_err(db, false, dest, sqlite3_errmsg(to));
		st = FC_EIO;
		goto out;
	}
	/* copy in steps so writers are held up for short moments only; a
	 * write by another connection restarts the copy (SQLite's rule) */
	do {
		rc = sqlite3_backup_step(bk, 1024);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		set_err(db, false, dest, sqlite3_errstr(rc));
		st = FC_EIO;
		goto out;
	}
	/* the copy is a self-contained file: leave WAL mode so no -wal/-shm
	 * files are needed beside it */
	rc = sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		set_err(db, false, dest, sqlite3_errmsg(to));
		st = FC_EIO;
		goto out;
	}
	sqlite3_close_v2(to);
	to = NULL;
	if (rename(fc_buf_str(&tmp), dest) != 0) {
		set_err(db, false, dest, "cannot rename the finished backup into place");
		st = FC_EIO;
	}
out:
	if (to)
		sqlite3_close_v2(to);
	if (st)
		remove(fc_buf_str(&tmp));
	fc_buf_release(&tmp);
	return st;
}
