/*
 * The tamper-evident audit chain (seed 004 評估報告 四: the report and the
 * remediation records are kept five years; an examiner must be able to
 * trust them).  Each entry's hash covers the previous entry's hash and its
 * own canonical content, so editing or deleting any entry breaks every later
 * link; each live row carries the seq of the entry that recorded its state.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../core/buf.h"
#include "../core/date.h"
#include "../core/mem.h"
#include "../core/strutil.h"
#include "store_int.h"

static const char zero_hash[65] = "0000000000000000000000000000000000000000000000000000000000000000";

void fc_audit_hex(const unsigned char md[32], char out[65])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

/* Netstrings ("5:hello,") make the concatenation unambiguous: no choice of
 * field contents can make two different entries hash alike. */
void fc_audit_ns(EVP_MD_CTX *c, const char *s)
{
	if (!s) {
		EVP_DigestUpdate(c, "~,", 2);
		return;
	}
	size_t n = strlen(s);
	char len[32];
	int k = snprintf(len, sizeof len, "%zu:", n);
	EVP_DigestUpdate(c, len, (size_t)k);
	EVP_DigestUpdate(c, s, n);
	EVP_DigestUpdate(c, ",", 1);
}

void fc_audit_row_update(EVP_MD_CTX *c, const struct fc_stmt *st, int n)
{
	for (int i = 0; i < n; i++)
		fc_audit_ns(c, fc_stmt_text(st, i));
	EVP_DigestUpdate(c, ";", 1);
}

void fc_audit_values_hash(const char *const *v, int n, char out[65])
{
	unsigned char md[32];
	unsigned int len = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c || !EVP_DigestInit_ex(c, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(c);
		memcpy(out, zero_hash, 65);
		return;
	}
	for (int i = 0; i < n; i++)
		fc_audit_ns(c, v[i]);
	EVP_DigestUpdate(c, ";", 1);
	EVP_DigestFinal_ex(c, md, &len);
	EVP_MD_CTX_free(c);
	fc_audit_hex(md, out);
}

void fc_audit_row_hash(const struct fc_stmt *st, int ncols, char out[65])
{
	unsigned char md[32];
	unsigned int len = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c || !EVP_DigestInit_ex(c, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(c);
		memcpy(out, zero_hash, 65);
		return;
	}
	fc_audit_row_update(c, st, ncols);
	EVP_DigestFinal_ex(c, md, &len);
	EVP_MD_CTX_free(c);
	fc_audit_hex(md, out);
}

static void entry_hash(const char *prev, const char *seq, const char *at, const char *actor, const char *action,
		       const char *object, const char *details, const char *state, char out[65])
{
	unsigned char md[32];
	unsigned int len = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c || !EVP_DigestInit_ex(c, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(c);
		memcpy(out, zero_hash, 65);
		return;
	}
	fc_audit_ns(c, prev);
	fc_audit_ns(c, seq);
	fc_audit_ns(c, at);
	fc_audit_ns(c, actor);
	fc_audit_ns(c, action);
	fc_audit_ns(c, object);
	fc_audit_ns(c, details);
	fc_audit_ns(c, state);
	EVP_DigestFinal_ex(c, md, &len);
	EVP_MD_CTX_free(c);
	fc_audit_hex(md, out);
}

enum fc_status fc_audit_begin(struct fc_audit *a, struct fc_db *db)
{
	memset(a, 0, sizeof(*a));
	a->db = db;
	enum fc_status st;
	a->rows = fc_malloc(sizeof(*a->rows));
	if (!a->rows)
		return FC_ENOMEM;
	fc_batch_init(a->rows, db, "INSERT INTO audit_log(seq, at, actor, action, object, details, state, prev, hash) VALUES ",
		      9);
	if ((st = fc_db_prepare(db, "SELECT seq, hash FROM audit_head WHERE id = 1", &a->head_get)) ||
	    (st = fc_db_prepare(db,
				"INSERT INTO audit_head(id, seq, hash) VALUES (1, ?, ?) "
				"ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
				&a->head_set)))
		fc_audit_end(a);
	return st;
}

/* The head row is written once per transaction, not per entry. */
enum fc_status fc_audit_flush(struct fc_audit *a)
{
	enum fc_status st = fc_batch_flush(a->rows);
	if (st || !a->dirty)
		return st;
	fc_stmt_reset(a->head_set);
	fc_stmt_bind_int(a->head_set, 1, a->seq);
	fc_stmt_bind_text(a->head_set, 2, a->hash);
	st = fc_stmt_run(a->head_set);
	if (!st)
		a->dirty = false;
	return st;
}

void fc_audit_end(struct fc_audit *a)
{
	fc_stmt_free(a->head_get);
	fc_stmt_free(a->head_set);
	a->head_get = a->head_set = NULL;
	if (a->rows) {
		fc_batch_release(a->rows);
		fc_free(a->rows);
		a->rows = NULL;
	}
	a->have_head = false;
}

enum fc_status fc_audit_load(struct fc_audit *a)
{
	fc_stmt_reset(a->head_get);
	int rc = fc_stmt_step(a->head_get);
	if (rc == FC_DB_ERR)
		return FC_EIO;
	if (rc == FC_DB_ROW) {
		a->seq = fc_stmt_int(a->head_get, 0);
		const char *h = fc_stmt_text(a->head_get, 1);
		snprintf(a->hash, sizeof a->hash, "%s", h ? h : "");
	} else {
		/* no head: the log must be empty too, else the head row was
		 * deleted and appending would fork the chain */
		int64_t n = 0;
		enum fc_status st = fc_db_query_int(a->db, "SELECT count(*) FROM audit_log", NULL, 0, 0, &n);
		if (st)
			return st;
		if (n)
			return FC_EPARSE;
		a->seq = 0;
		memcpy(a->hash, zero_hash, 65);
	}
	fc_stmt_reset(a->head_get);
	a->have_head = true;
	return FC_OK;
}

static void stamp(int64_t at, char out[26])
{
	fc_ts_fmt(at, out);
}

static enum fc_status add_clean(struct fc_audit *a, int64_t at, const char *actor, const char *action,
				const char *object, const char *details, const char *state, int64_t *seq);

enum fc_status fc_audit_add(struct fc_audit *a, int64_t at, const char *actor, const char *action, const char *object,
			    const char *details, const char *state, int64_t *seq)
{
	if (!actor || !*actor || !action || !*action || !object || !*object)
		return FC_EUSAGE;
	enum fc_status st;
	if (!a->have_head && (st = fc_audit_load(a)))
		return st;
	/* hash what the database will hold: text is stored as clean UTF-8 */
	char *cl[5] = {fc_db_utf8_clean(actor), fc_db_utf8_clean(action), fc_db_utf8_clean(object),
		       details ? fc_db_utf8_clean(details) : NULL, state ? fc_db_utf8_clean(state) : NULL};
	if (cl[0])
		actor = cl[0];
	if (cl[1])
		action = cl[1];
	if (cl[2])
		object = cl[2];
	if (cl[3])
		details = cl[3];
	if (cl[4])
		state = cl[4];
	st = add_clean(a, at, actor, action, object, details, state, seq);
	for (int i = 0; i < 5; i++)
		fc_free(cl[i]);
	return st;
}

static enum fc_status add_clean(struct fc_audit *a, int64_t at, const char *actor, const char *action,
				const char *object, const char *details, const char *state, int64_t *seq)
{
	if (a->seq < 0 || a->seq == INT64_MAX)
		return FC_EPARSE; /* a head no append could follow: tampered */
	int64_t next = a->seq + 1;
	char seqs[24], ts[26], h[65];
	snprintf(seqs, sizeof seqs, "%lld", (long long)next);
	stamp(at, ts);
	entry_hash(a->hash, seqs, ts, actor, action, object, details, state, h);
	/* entries are sent in batches (fc_audit_flush) */
	struct fc_cell *c = fc_batch_row(a->rows);
	if (!c)
		return a->rows->err ? a->rows->err : FC_EIO;
	fc_cell_int(a->rows, &c[0], next);
	fc_cell_text(a->rows, &c[1], ts);
	fc_cell_text(a->rows, &c[2], actor);
	fc_cell_text(a->rows, &c[3], action);
	fc_cell_text(a->rows, &c[4], object);
	fc_cell_text(a->rows, &c[5], details);
	fc_cell_text(a->rows, &c[6], state);
	fc_cell_text(a->rows, &c[7], a->hash);
	fc_cell_text(a->rows, &c[8], h);
	if (a->rows->err)
		return a->rows->err;
	a->seq = next;
	a->dirty = true;
	memcpy(a->hash, h, 65);
	if (seq)
		*seq = next;
	return FC_OK;
}

enum fc_status fc_store_audit_append_at(struct fc_db *db, int64_t at, const char *actor, const char *action,
					const char *object, const char *details_json, const char *state,
					int64_t *seq)
{
	bool own = !fc_db_in_tx(db);
	enum fc_status st;
	if (own && (st = fc_db_begin_write(db)))
		return st;
	struct fc_audit a;
	if (!(st = fc_audit_begin(&a, db))) {
		st = fc_audit_add(&a, at, actor, action, object, details_json, state, seq);
		if (!st)
			st = fc_audit_flush(&a);
		fc_audit_end(&a);
	}
	if (own) {
		if (st)
			fc_db_rollback(db);
		else
			st = fc_db_commit(db);
	}
	return st;
}

enum fc_status fc_store_audit_append(struct fc_db *db, const char *actor, const char *action, const char *object,
				     const char *details_json, const char *state, int64_t *seq)
{
	return fc_store_audit_append_at(db, (int64_t)time(NULL), actor, action, object, details_json, state, seq);
}

enum fc_status fc_state_of(struct fc_db *db, const char *sql, const char *key, char out[65], bool *found)
{
	struct fc_stmt *s = NULL;
	*found = false;
	enum fc_status st = fc_db_prepare(db, sql, &s);
	if (st)
		return st;
	fc_stmt_bind_text(s, 1, key);
	int rc = fc_stmt_step(s);
	if (rc == FC_DB_ROW) {
		fc_audit_row_hash(s, fc_stmt_ncols(s), out);
		*found = true;
	} else if (rc == FC_DB_ERR)
		st = FC_EIO;
	fc_stmt_free(s);
	return st;
}

enum fc_status fc_run_state(struct fc_db *db, int64_t run_id, char out[65], bool *found)
{
	static const char *const q[] = {
		"SELECT " RUN_STATE_COLS " FROM runs WHERE id = ?",
		"SELECT ord, check_id, status, reason FROM run_results WHERE run_id = ? ORDER BY ord",
		"SELECT ord, finding_id, severity, detail, due, ev_more FROM sightings WHERE run_id = ? ORDER BY ord",
		"SELECT ord, n, file, line, excerpt FROM evidence WHERE run_id = ? ORDER BY ord, n",
	};
	*found = false;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c || !EVP_DigestInit_ex(c, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(c);
		return FC_ENOMEM;
	}
	enum fc_status st = FC_OK;
	for (size_t i = 0; i < sizeof q / sizeof *q && !st; i++) {
		struct fc_stmt *s = NULL;
		if ((st = fc_db_prepare(db, q[i], &s)))
			break;
		fc_stmt_bind_int(s, 1, run_id);
		int rc;
		while ((rc = fc_stmt_step(s)) == FC_DB_ROW) {
			if (i == 0)
				*found = true;
			fc_audit_row_update(c, s, fc_stmt_ncols(s));
		}
		if (rc == FC_DB_ERR)
			st = FC_EIO;
		fc_stmt_free(s);
		EVP_DigestUpdate(c, "|", 1);
		if (i == 0 && !*found)
			break;
	}
	unsigned char md[32];
	unsigned int len = 0;
	EVP_DigestFinal_ex(c, md, &len);
	EVP_MD_CTX_free(c);
	fc_audit_hex(md, out);
	return st;
}

/* ---- verification ---- */

/* object → the last entry that recorded its state */
struct objent {
	char *object;
	int64_t seq;
	char state[65];
	bool deleted, seen;
};

struct objmap {
	struct objent *v;
	size_t n, cap;
};

static size_t str_hash(const char *s)
{
	size_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct objent *om_find(struct objmap *m, const char *obj, bool add)
{
	if (add && (m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		struct objent *v = fc_calloc(cap, sizeof(*v));
		if (!v)
			return NULL;
		for (size_t i = 0; i < m->cap; i++)
			if (m->v[i].object) {
				size_t h = str_hash(m->v[i].object) & (cap - 1);
				while (v[h].object)
					h = (h + 1) & (cap - 1);
				v[h] = m->v[i];
			}
		fc_free(m->v);
		m->v = v;
		m->cap = cap;
	}
	if (!m->cap)
		return NULL;
	size_t h = str_hash(obj) & (m->cap - 1);
	while (m->v[h].object) {
		if (!strcmp(m->v[h].object, obj))
			return &m->v[h];
		h = (h + 1) & (m->cap - 1);
	}
	if (!add)
		return NULL;
	m->v[h].object = fc_strdup(obj);
	if (!m->v[h].object)
		return NULL;
	m->n++;
	return &m->v[h];
}

static void om_free(struct objmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		fc_free(m->v[i].object);
	fc_free(m->v);
}

static bool tracked(const char *obj)
{
	return !strncmp(obj, "finding:", 8) || !strncmp(obj, "run:", 4) || !strncmp(obj, "acceptance:", 11) ||
	       !strncmp(obj, "param:", 6);
}

static void broken(struct fc_store_verify *v, int64_t seq, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void broken(struct fc_store_verify *v, int64_t seq, const char *fmt, ...)
{
	if (!v->ok)
		return; /* keep the first */
	v->ok = false;
	v->broken_seq = seq;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v->problem, sizeof v->problem, fmt, ap);
	va_end(ap);
}

/* Walk the chain in pages (PostgreSQL buffers whole results). */
#define VERIFY_PAGE 5000

static enum fc_status verify_chain(struct fc_db *db, struct fc_store_verify *v, struct objmap *om)
{
	enum fc_status st;
	/* the newest purge names the entry the remaining chain hangs from */
	char *anchor = NULL;
	if ((st = fc_db_query_text(db, "SELECT state FROM audit_log WHERE action = 'store.purge' ORDER BY seq DESC LIMIT 1",
				   NULL, 0, &anchor)))
		return st;
	int64_t anchor_seq = 0;
	char anchor_hash[65];
	memcpy(anchor_hash, zero_hash, 65);
	if (anchor) {
		/* "anchor:<seq>:<hash>" */
		const char *p = anchor + (strncmp(anchor, "anchor:", 7) ? 0 : 7);
		const char *colon = strchr(p, ':');
		char num[24] = "";
		if (colon && (size_t)(colon - p) < sizeof num) {
			memcpy(num, p, (size_t)(colon - p));
			num[colon - p] = '\0';
		}
		int64_t as = 0;
		if (colon && fc_parse_i64(num, &as) && as >= 0 && as < INT64_MAX && strlen(colon + 1) == 64) {
			anchor_seq = as;
			memcpy(anchor_hash, colon + 1, 65);
		}
		fc_free(anchor);
	}
	struct fc_stmt *s = NULL;
	if ((st = fc_db_prepare(db,
				"SELECT seq, at, actor, action, object, details, state, prev, hash FROM audit_log "
				"WHERE seq > ? ORDER BY seq LIMIT 5000",
				&s)))
		return st;
	int64_t last = 0, after = INT64_MIN;
	bool first = true;
	char prev_hash[65];
	memcpy(prev_hash, zero_hash, 65);
	for (;;) {
		fc_stmt_reset(s);
		fc_stmt_bind_int(s, 1, after);
		int rc, got = 0;
		while ((rc = fc_stmt_step(s)) == FC_DB_ROW) {
			got++;
			int64_t seq = fc_stmt_int(s, 0);
			after = seq;
			const char *seqt = fc_stmt_text(s, 0), *at = fc_stmt_text(s, 1), *actor = fc_stmt_text(s, 2),
				   *action = fc_stmt_text(s, 3), *object = fc_stmt_text(s, 4),
				   *details = fc_stmt_text(s, 5), *state = fc_stmt_text(s, 6), *prev = fc_stmt_text(s, 7),
				   *hash = fc_stmt_text(s, 8);
			bool first_row = first;
			if (first_row) {
				first = false;
				v->first_seq = seq;
				if (seq != 1 && !(anchor_seq && seq == anchor_seq + 1))
					broken(v, seq, "entries before %lld are missing (deleted) and no purge recorded their removal",
					       (long long)seq);
				else if (seq != 1)
					memcpy(prev_hash, anchor_hash, 65);
			} else if (last == INT64_MAX || seq != last + 1) {
				int64_t miss = last == INT64_MAX ? last : last + 1;
				broken(v, miss, "entry %lld is missing (deleted)", (long long)miss);
			}
			char h[65];
			entry_hash(prev ? prev : "", seqt ? seqt : "", at, actor, action, object, details, state, h);
			if (!hash || strcmp(h, hash))
				broken(v, seq, "entry %lld was altered: its content no longer matches its hash (%s %s by %s at %s)",
				       (long long)seq, action ? action : "?", object ? object : "?", actor ? actor : "?",
				       at ? at : "?");
			else if (!prev || strcmp(prev, prev_hash))
				broken(v, first_row ? seq : last,
				       "entry %lld was altered: its hash was rewritten, so entry %lld's link to it no longer matches",
				       (long long)(first_row ? seq : last), (long long)seq);
			snprintf(prev_hash, sizeof prev_hash, "%s", hash ? hash : "");
			last = seq;
			v->entries++;
			if (object && tracked(object)) {
				struct objent *e = om_find(om, object, true);
				if (!e) {
					fc_stmt_free(s);
					return FC_ENOMEM;
				}
				e->seq = seq;
				e->deleted = state == NULL;
				snprintf(e->state, sizeof e->state, "%s", state ? state : "");
			}
		}
		if (rc == FC_DB_ERR) {
			fc_stmt_free(s);
			return FC_EIO;
		}
		if (got < VERIFY_PAGE)
			break;
	}
	fc_stmt_free(s);
	v->last_seq = first ? 0 : last;
	snprintf(v->head, sizeof v->head, "%s", first ? zero_hash : prev_hash);
	/* the head row guards the tail: deleting the newest entries leaves a
	 * chain that is whole but shorter than the head says */
	struct fc_stmt *h = NULL;
	if ((st = fc_db_prepare(db, "SELECT seq, hash FROM audit_head WHERE id = 1", &h)))
		return st;
	int rc = fc_stmt_step(h);
	if (rc == FC_DB_ROW) {
		int64_t hs = fc_stmt_int(h, 0);
		const char *hh = fc_stmt_text(h, 1);
		if (hs != v->last_seq && v->last_seq < INT64_MAX)
			broken(v, v->last_seq + 1,
			       "entries %lld..%lld are missing (deleted): the chain head records entry %lld",
			       (long long)(v->last_seq + 1), (long long)hs, (long long)hs);
		else if (!hh || strcmp(hh, v->head))
			broken(v, hs, "entry %lld was altered: the chain head records a different hash", (long long)hs);
	} else if (rc == FC_DB_DONE && !first)
		broken(v, last, "the chain head is missing (deleted) while %lld entries exist", (long long)v->entries);
	fc_stmt_free(h);
	return rc == FC_DB_ERR ? FC_EIO : FC_OK;
}

struct rowsrc {
	const char *prefix, *what, *sql;
	int ncols;	/* state columns; the key is column 0, audit_seq the last */
	bool run;
};

static enum fc_status verify_rows(struct fc_db *db, struct fc_store_verify *v, struct objmap *om)
{
	static const struct rowsrc src[] = {
		{"run:", "run", "SELECT id, audit_seq FROM runs ORDER BY id", 1, true},
		{"finding:", "finding", "SELECT " FINDING_STATE_COLS ", audit_seq FROM findings ORDER BY id", 23, false},
		{"acceptance:", "risk acceptance", "SELECT " ACCEPT_STATE_COLS ", audit_seq FROM acceptances ORDER BY id",
		 13, false},
		{"param:", "parameter", "SELECT " PARAM_STATE_COLS ", audit_seq FROM store_params ORDER BY name", 3, false},
	};
	enum fc_status st = FC_OK;
	for (size_t k = 0; k < sizeof src / sizeof *src && !st; k++) {
		struct fc_stmt *s = NULL;
		if ((st = fc_db_prepare(db, src[k].sql, &s)))
			break;
		int rc;
		while ((rc = fc_stmt_step(s)) == FC_DB_ROW) {
			const char *key = fc_stmt_text(s, 0);
			int64_t aseq = fc_stmt_int(s, src[k].ncols);
			char obj[160], state[65];
			snprintf(obj, sizeof obj, "%s%s", src[k].prefix, key ? key : "");
			if (src[k].run) {
				bool found;
				if ((st = fc_run_state(db, fc_stmt_int(s, 0), state, &found)))
					break;
			} else
				fc_audit_row_hash(s, src[k].ncols, state);
			v->rows++;
			struct objent *e = om_find(om, obj, false);
			if (!e) {
				broken(v, aseq, "%s %s has no audit entry (inserted behind fincheck's back; it points at entry %lld)",
				       src[k].what, key ? key : "?", (long long)aseq);
				continue;
			}
			e->seen = true;
			if (e->deleted)
				broken(v, e->seq, "%s %s exists although audit entry %lld records its removal", src[k].what,
				       key ? key : "?", (long long)e->seq);
			else if (e->seq != aseq)
				broken(v, e->seq, "%s %s: the row points at audit entry %lld but its last change is entry %lld",
				       src[k].what, key ? key : "?", (long long)aseq, (long long)e->seq);
			else if (strcmp(e->state, state))
				broken(v, e->seq,
				       "%s %s was edited behind fincheck's back: the row no longer matches audit entry %lld",
				       src[k].what, key ? key : "?", (long long)e->seq);
		}
		if (rc == FC_DB_ERR && !st)
			st = FC_EIO;
		fc_stmt_free(s);
	}
	if (st)
		return st;
	/* rows the chain says exist but the tables do not have */
	int64_t worst = INT64_MAX;
	const char *wobj = NULL;
	for (size_t i = 0; i < om->cap; i++) {
		struct objent *e = &om->v[i];
		if (e->object && !e->seen && !e->deleted && e->seq < worst) {
			worst = e->seq;
			wobj = e->object;
		}
	}
	if (wobj)
		broken(v, worst, "%s was deleted behind fincheck's back (its last change is audit entry %lld)", wobj,
		       (long long)worst);
	return FC_OK;
}

enum fc_status fc_store_verify(struct fc_store *s, struct fc_store_verify *v)
{
	memset(v, 0, sizeof(*v));
	v->ok = true;
	struct objmap om = {0};
	/* one snapshot: a run being recorded meanwhile is either all in or out */
	enum fc_status st = fc_db_begin_read(s->db);
	if (st)
		return st;
	if (!(st = verify_chain(s->db, v, &om)))
		st = verify_rows(s->db, v, &om);
	fc_db_rollback(s->db);
	om_free(&om);
	if (!st && !v->ok && !v->problem[0])
		snprintf(v->problem, sizeof v->problem, "broken");
	return st;
}
