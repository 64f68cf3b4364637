/*
 * The findings store: runs, finding lifecycles, deadlines, risk acceptance,
 * re-verification (覆查) and retention (seed 004 評估報告 二–四; SA-P.8,
 * SA-P.9).  Every change is one transaction that also appends to the audit
 * chain (audit.c); see store.h and docs/store.md.
 */
#include "store.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../core/buf.h"
#include "../core/date.h"
#include "../core/json.h"
#include "../core/mem.h"
#include "../core/strutil.h"
#include "../engine/bundle.h"
#include "store_int.h"

#ifndef FC_VERSION
#define FC_VERSION "0.0.0"
#endif

static const struct fc_db_migration store_migrations[] = {
	{1,
	 "CREATE TABLE audit_log(seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
	 " object TEXT NOT NULL, details TEXT, state TEXT, prev TEXT NOT NULL, hash TEXT NOT NULL);"
	 "CREATE INDEX audit_log_object ON audit_log(object, seq);"
	 "CREATE INDEX audit_log_action ON audit_log(action, seq);"
	 "CREATE TABLE audit_head(id BIGINT PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash TEXT NOT NULL);"
	 "CREATE TABLE runs(id {{ID}}, recorded_at TEXT NOT NULL, as_of TEXT NOT NULL, bundle TEXT, org TEXT,"
	 " digest TEXT NOT NULL, tool_version TEXT NOT NULL, by_user TEXT NOT NULL, params TEXT NOT NULL,"
	 " checks BIGINT NOT NULL, pass BIGINT NOT NULL, fail BIGINT NOT NULL, manual BIGINT NOT NULL,"
	 " na BIGINT NOT NULL, error BIGINT NOT NULL, findings BIGINT NOT NULL, audit_seq BIGINT NOT NULL DEFAULT 0);"
	 "CREATE TABLE run_results(run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, ord BIGINT NOT NULL,"
	 " check_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, PRIMARY KEY(run_id, ord));"
	 "CREATE TABLE findings(id TEXT PRIMARY KEY, check_id TEXT NOT NULL, title_zh TEXT, title_en TEXT,"
	 " controls TEXT, severity TEXT NOT NULL, sev_rank BIGINT NOT NULL, object_type TEXT NOT NULL,"
	 " object TEXT NOT NULL, ident TEXT, system_id TEXT, detail TEXT, status TEXT NOT NULL, first_run BIGINT,"
	 " last_run BIGINT, first_seen TEXT, last_seen TEXT, due_start TEXT, due TEXT,"
	 " due_fixed BIGINT NOT NULL DEFAULT 0, due_param TEXT, owner TEXT, plan TEXT, note TEXT,"
	 " reopened BIGINT NOT NULL DEFAULT 0, fixed_run BIGINT, fixed_at TEXT, verified_by TEXT, verified_at TEXT,"
	 " closed_by TEXT, closed_at TEXT, updated_at TEXT NOT NULL, audit_seq BIGINT NOT NULL DEFAULT 0,"
	 " CHECK (status IN ('open', 'in_remediation', 'fixed', 'verified', 'closed', 'accepted')));"
	 "CREATE INDEX findings_status ON findings(status);"
	 "CREATE INDEX findings_check ON findings(check_id);"
	 "CREATE TABLE sightings(run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, ord BIGINT NOT NULL,"
	 " finding_id TEXT NOT NULL, severity TEXT NOT NULL, detail TEXT, due TEXT,"
	 " ev_more BIGINT NOT NULL DEFAULT 0, PRIMARY KEY(run_id, ord));"
	 "CREATE INDEX sightings_finding ON sightings(finding_id, run_id);"
	 "CREATE TABLE evidence(run_id BIGINT NOT NULL, ord BIGINT NOT NULL, n BIGINT NOT NULL, file TEXT, line BIGINT,"
	 " excerpt TEXT, PRIMARY KEY(run_id, ord, n),"
	 " FOREIGN KEY(run_id, ord) REFERENCES sightings(run_id, ord) ON DELETE CASCADE);"
	 "CREATE TABLE acceptances(id {{ID}}, finding_id TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,"
	 " revision BIGINT NOT NULL, status TEXT NOT NULL, requester TEXT NOT NULL, requested_at TEXT NOT NULL,"
	 " justification TEXT NOT NULL, compensating_control TEXT NOT NULL, expires TEXT NOT NULL, approver TEXT,"
	 " decided_at TEXT, decision_note TEXT, prior_status TEXT, audit_seq BIGINT NOT NULL DEFAULT 0,"
	 " CHECK (approver IS NULL OR approver <> requester),"
	 " CHECK (status IN ('requested', 'approved', 'rejected', 'revoked', 'expired', 'superseded', 'ended')));"
	 "CREATE INDEX acceptances_finding ON acceptances(finding_id, status);"
	 "CREATE TABLE store_params(name TEXT PRIMARY KEY, value TEXT NOT NULL, run_id BIGINT,"
	 " audit_seq BIGINT NOT NULL DEFAULT 0);",
	 NULL},
	/* 2: the institution's industry and internet-order flag with each run,
	 * so that the dashboard shows only the frameworks and controls that
	 * apply to it (a broker is not judged on the insurers' standard).
	 * Not part of a run's hashed state (RUN_STATE_COLS): runs recorded
	 * before this migration keep verifying. */
	{2, "ALTER TABLE runs ADD COLUMN industry TEXT; ALTER TABLE runs ADD COLUMN internet_order BIGINT;", NULL},
};

const struct fc_db_module fc_store_module = {"store", store_migrations,
					     sizeof store_migrations / sizeof *store_migrations, NULL};

/* Statuses in which a finding is still being worked on (its deadline runs
 * and a covering run without it marks it fixed). */
#define ACTIVE_STATUSES "('open', 'in_remediation', 'accepted')"

/* ---- opening, clock ---- */

enum fc_status fc_store_open(const char *url, struct fc_diag *d, struct fc_store **out)
{
	*out = NULL;
	struct fc_store *s = fc_calloc(1, sizeof(*s));
	if (!s)
		return FC_ENOMEM;
	s->d = d;
	enum fc_status st = fc_db_open(url, d, &s->db);
	if (!st)
		st = fc_db_migrate(s->db, &fc_store_module, d);
	if (st) {
		fc_store_close(s);
		return st;
	}
	*out = s;
	return FC_OK;
}

void fc_store_close(struct fc_store *s)
{
	if (!s)
		return;
	fc_db_close(s->db);
	fc_free(s);
}

struct fc_db *fc_store_db(struct fc_store *s) { return s->db; }
void fc_store_set_now(struct fc_store *s, int64_t now) { s->now = now; }
int64_t fc_store_now(const struct fc_store *s) { return s->now ? s->now : (int64_t)time(NULL); }
int32_t fc_store_today(const struct fc_store *s) { return fc_ts_day(fc_store_now(s)); }
void fc_store_stamp(const struct fc_store *s, char out[26]) { fc_ts_fmt(fc_store_now(s), out); }

static void datestr(int32_t day, char out[11])
{
	fc_date_fmt(day, out);
}

static int32_t parse_day(const char *s)
{
	int32_t d;
	return s && *s && fc_date_parse(s, &d) ? d : FC_NO_DATE;
}

static void err(struct fc_store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void err(struct fc_store *s, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (s->d)
		fc_diag_error(s->d, fc_db_name(s->db), 0, 0, "%s", msg);
}

/* ---- a write transaction with its audit writer ---- */

struct tx {
	struct fc_store *s;
	struct fc_audit a;
	int64_t now;
	int32_t today;
	char todays[11], stamp[26];
	struct fc_stmt *f_state, *f_seq, *acc_state, *acc_seq;
	/* remediation day maps currently in force (store_params) */
	struct {
		char name[32];
		int days[FC_SEV__COUNT];
	} maps[4];
	size_t nmaps;
};

static enum fc_status load_maps(struct tx *t);

static enum fc_status tx_begin(struct fc_store *s, struct tx *t)
{
	memset(t, 0, sizeof(*t));
	t->s = s;
	t->now = fc_store_now(s);
	t->today = fc_ts_day(t->now);
	datestr(t->today, t->todays);
	fc_ts_fmt(t->now, t->stamp);
	enum fc_status st = fc_db_begin_write(s->db);
	if (st)
		return st;
	if ((st = fc_audit_begin(&t->a, s->db)) || (st = fc_audit_load(&t->a)) ||
	    (st = fc_db_prepare(s->db, "SELECT " FINDING_STATE_COLS " FROM findings WHERE id = ?", &t->f_state)) ||
	    (st = fc_db_prepare(s->db, "UPDATE findings SET audit_seq = ? WHERE id = ?", &t->f_seq)) ||
	    (st = fc_db_prepare(s->db, "SELECT " ACCEPT_STATE_COLS " FROM acceptances WHERE id = ?", &t->acc_state)) ||
	    (st = fc_db_prepare(s->db, "UPDATE acceptances SET audit_seq = ? WHERE id = ?", &t->acc_seq)) ||
	    (st = load_maps(t))) {
		fc_audit_end(&t->a);
		fc_stmt_free(t->f_state);
		fc_stmt_free(t->f_seq);
		fc_stmt_free(t->acc_state);
		fc_stmt_free(t->acc_seq);
		fc_db_rollback(s->db);
	}
	return st;
}

static enum fc_status tx_end(struct tx *t, enum fc_status st)
{
	if (!st)
		st = fc_audit_flush(&t->a);
	fc_audit_end(&t->a);
	fc_stmt_free(t->f_state);
	fc_stmt_free(t->f_seq);
	fc_stmt_free(t->acc_state);
	fc_stmt_free(t->acc_seq);
	if (st) {
		fc_db_rollback(t->s->db);
		return st;
	}
	return fc_db_commit(t->s->db);
}

/* Hash the row's state, append the entry, point the row at it. */
static enum fc_status log_row(struct tx *t, struct fc_stmt *state, struct fc_stmt *setseq, const char *prefix,
			      const char *key, const char *actor, const char *action, const char *details)
{
	fc_stmt_reset(state);
	fc_stmt_bind_text(state, 1, key);
	int rc = fc_stmt_step(state);
	if (rc != FC_DB_ROW)
		return FC_EIO;
	char h[65], obj[160];
	fc_audit_row_hash(state, fc_stmt_ncols(state), h);
	fc_stmt_reset(state);
	snprintf(obj, sizeof obj, "%s%s", prefix, key);
	int64_t seq;
	enum fc_status st = fc_audit_add(&t->a, t->now, actor, action, obj, details, h, &seq);
	if (st || !setseq)
		return st;
	fc_stmt_reset(setseq);
	fc_stmt_bind_int(setseq, 1, seq);
	fc_stmt_bind_text(setseq, 2, key);
	return fc_stmt_run(setseq);
}

static enum fc_status log_finding(struct tx *t, const char *id, const char *actor, const char *action,
				  const char *details)
{
	return log_row(t, t->f_state, t->f_seq, "finding:", id, actor, action, details);
}

static enum fc_status log_acceptance(struct tx *t, int64_t acc, const char *actor, const char *action,
				     const char *details)
{
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)acc);
	return log_row(t, t->acc_state, t->acc_seq, "acceptance:", key, actor, action, details);
}

/* A small JSON object for audit details: {"k": "v", …} */
struct det {
	struct fc_buf b;
	struct fc_json j;
};

static void det_init(struct det *d)
{
	fc_buf_init(&d->b, 1 << 20);
	fc_json_init(&d->j, &d->b, false);
	fc_json_obj(&d->j);
}

static const char *det_str(struct det *d)
{
	fc_json_obj_end(&d->j);
	return fc_buf_err(&d->b) ? "{}" : fc_buf_str(&d->b);
}

/* ---- deadlines ---- */

/* Defaults when no run has recorded the parameter yet (catalog/params/
 * core.yaml remediation_days; spec/parameters.md vuln_fix_days). */
static const int default_days[FC_SEV__COUNT] = {7, 30, 90, 180, -1};

static void parse_map(const char *v, int days[FC_SEV__COUNT])
{
	for (int i = 0; i < FC_SEV__COUNT; i++)
		days[i] = -1;
	/* "critical=7,high=30,…" as written by map_text() */
	const char *p = v;
	while (p && *p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *eq = memchr(p, '=', n);
		if (eq) {
			char k[32] = "", num[32] = "";
			size_t kl = (size_t)(eq - p), nl = n - kl - 1;
			if (kl < sizeof k && nl < sizeof num) {
				memcpy(k, p, kl);
				memcpy(num, eq + 1, nl);
				int sev = fc_severity_parse(k);
				int64_t x;
				if (sev >= 0 && fc_parse_i64(num, &x) && x >= 0 && x < 100000)
					days[sev] = (int)x;
			}
		}
		p = e ? e + 1 : NULL;
	}
}

static enum fc_status load_maps(struct tx *t)
{
	struct fc_stmt *q = NULL;
	enum fc_status st = fc_db_prepare(t->s->db, "SELECT name, value FROM store_params ORDER BY name", &q);
	if (st)
		return st;
	int rc;
	t->nmaps = 0;
	while ((rc = fc_stmt_step(q)) == FC_DB_ROW && t->nmaps < sizeof t->maps / sizeof *t->maps) {
		snprintf(t->maps[t->nmaps].name, sizeof t->maps[0].name, "%s", fc_stmt_text(q, 0));
		parse_map(fc_stmt_text(q, 1), t->maps[t->nmaps].days);
		t->nmaps++;
	}
	fc_stmt_free(q);
	return rc == FC_DB_ERR ? FC_EIO : FC_OK;
}

static int days_for(const struct tx *t, const char *param, int sev)
{
	if (sev < 0 || sev >= FC_SEV__COUNT)
		return -1;
	for (size_t i = 0; i < t->nmaps; i++)
		if (param && !strcmp(t->maps[i].name, param))
			return t->maps[i].days[sev];
	return default_days[sev];
}

/* due = start + days(severity); "" when no limit applies */
static void due_of(const struct tx *t, const char *param, int sev, int32_t start, char out[11])
{
	int days = days_for(t, param, sev);
	if (start == FC_NO_DATE || days < 0)
		out[0] = '\0';
	else
		datestr(start + days, out);
}

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

/* ---- acceptance expiry ---- */

static enum fc_status expire_tx(struct tx *t, const char *by, size_t *count)
{
	struct fc_db *db = t->s->db;
	struct fc_stmt *q = NULL, *ua = NULL, *uf = NULL;
	enum fc_status st;
	size_t n = 0, cap = 0;
	struct exp {
		int64_t acc;
		char fid[33];
		char expires[11];
		char sev[16], param[24];
	} *v = NULL;
	if ((st = fc_db_prepare(db,
				"SELECT a.id, a.finding_id, a.expires, a.prior_status, f.severity, f.due_param "
				"FROM acceptances a JOIN findings f ON f.id = a.finding_id "
				"WHERE a.status = 'approved' AND a.expires < ? ORDER BY a.id",
				&q)))
		return st;
	fc_stmt_bind_text(q, 1, t->todays);
	int rc;
	while ((rc = fc_stmt_step(q)) == FC_DB_ROW) {
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			struct exp *nv = fc_reallocarray(v, nc, sizeof(*v));
			if (!nv) {
				st = FC_ENOMEM;
				goto out;
			}
			v = nv;
			cap = nc;
		}
		v[n].acc = fc_stmt_int(q, 0);
		snprintf(v[n].fid, sizeof v[n].fid, "%s", fc_stmt_text(q, 1));
		snprintf(v[n].expires, sizeof v[n].expires, "%s", fc_stmt_text(q, 2));
		snprintf(v[n].sev, sizeof v[n].sev, "%s", fc_stmt_text(q, 4));
		snprintf(v[n].param, sizeof v[n].param, "%s", fc_stmt_text(q, 5) ? fc_stmt_text(q, 5) : "");
		n++;
	}
	if (rc == FC_DB_ERR) {
		st = FC_EIO;
		goto out;
	}
	if ((st = fc_db_prepare(db, "UPDATE acceptances SET status = 'expired' WHERE id = ?", &ua)) ||
	    (st = fc_db_prepare(db,
				"UPDATE findings SET status = 'open', reopened = reopened + 1, due_start = ?, "
				"due = CASE WHEN due_fixed = 1 THEN due ELSE ? END, updated_at = ? "
				"WHERE id = ? AND status = 'accepted'",
				&uf)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		fc_stmt_reset(ua);
		fc_stmt_bind_int(ua, 1, v[i].acc);
		if ((st = fc_stmt_run(ua)))
			goto out;
		struct det d;
		det_init(&d);
		fc_json_kstr(&d.j, "finding", v[i].fid);
		fc_json_kstr(&d.j, "expired", v[i].expires);
		st = log_acceptance(t, v[i].acc, by, "acceptance.expired", det_str(&d));
		fc_buf_release(&d.b);
		if (st)
			goto out;
		/* the deadline restarts at expiry (DefectDojo's restart_sla_expired) */
		char due[11];
		due_of(t, v[i].param, fc_severity_parse(v[i].sev), parse_day(v[i].expires), due);
		fc_stmt_reset(uf);
		fc_stmt_bind_text(uf, 1, v[i].expires);
		fc_stmt_bind_text(uf, 2, nz(due));
		fc_stmt_bind_text(uf, 3, t->stamp);
		fc_stmt_bind_text(uf, 4, v[i].fid);
		if ((st = fc_stmt_run(uf)))
			goto out;
		if (fc_stmt_changes(uf)) {
			det_init(&d);
			fc_json_kstr(&d.j, "from", "accepted");
			fc_json_kstr(&d.j, "to", "open");
			fc_json_kstr(&d.j, "reason", "risk acceptance expired");
			fc_json_kint(&d.j, "acceptance", v[i].acc);
			fc_json_kstr(&d.j, "due", nz(due));
			st = log_finding(t, v[i].fid, by, "finding.reopen", det_str(&d));
			fc_buf_release(&d.b);
			if (st)
				goto out;
		}
	}
	if (count)
		*count += n;
out:
	fc_stmt_free(q);
	fc_stmt_free(ua);
	fc_stmt_free(uf);
	fc_free(v);
	return st;
}

enum fc_status fc_store_expire(struct fc_store *s, const char *by, size_t *n)
{
	struct tx t;
	if (n)
		*n = 0;
	/* nothing due: no write transaction (listing stays a read) */
	char today[11];
	datestr(fc_store_today(s), today);
	const char *p[] = {today};
	int64_t due = 0;
	enum fc_status st =
		fc_db_query_int(s->db, "SELECT count(*) FROM acceptances WHERE status = 'approved' AND expires < ?", p, 1, 0, &due);
	if (st || !due)
		return st;
	st = tx_begin(s, &t);
	if (st)
		return st;
	st = expire_tx(&t, by && *by ? by : "fincheck", n);
	return tx_end(&t, st);
}

/* ---- recording a run ---- */

static void params_json(struct fc_json *j, const struct fc_params *p)
{
	fc_json_obj(j);
	for (size_t i = 0; p && i < p->n; i++) {
		const struct fc_param_val *v = &p->v[i];
		fc_json_key(j, v->def->name);
		switch (v->def->type) {
		case FC_PT_INT:
		case FC_PT_NUMBER:
			fc_json_num(j, v->num);
			break;
		case FC_PT_BOOL:
			fc_json_bool(j, v->num != 0);
			break;
		case FC_PT_LIST:
			fc_json_arr(j);
			for (size_t k = 0; k < v->n; k++)
				fc_json_str(j, v->list[k]);
			fc_json_arr_end(j);
			break;
		case FC_PT_MAP:
			fc_json_obj(j);
			for (size_t k = 0; k < v->n; k++)
				fc_json_knum(j, v->list[k], v->map_vals[k]);
			fc_json_obj_end(j);
			break;
		}
	}
	fc_json_obj_end(j);
}

/* "critical=7,high=30,medium=90,low=180" in severity order */
static void map_text(const struct fc_param_val *v, struct fc_buf *b)
{
	for (int sev = 0; sev < FC_SEV__COUNT; sev++)
		for (size_t k = 0; k < v->n; k++)
			if (!strcmp(v->list[k], fc_severity_name((enum fc_severity)sev)))
				fc_buf_addf(b, "%s%s=%lld", b->len ? "," : "", v->list[k], (long long)v->map_vals[k]);
}

/* The day map a check's deadlines come from (run.c fc_fix_days). */
static const char *due_param_of(const struct fc_check_meta *m)
{
	for (size_t i = 0; m && i < m->nparams; i++)
		if (!strcmp(m->params[i], "vuln_fix_days"))
			return "vuln_fix_days";
	return "remediation_days";
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* What the store already holds about the findings this run saw. */
struct known {
	char id[33], status[20], sev[16], due_start[11], due[11];
	bool due_fixed;
};

static int cmp_known(const void *a, const void *b)
{
	return strcmp(((const struct known *)a)->id, ((const struct known *)b)->id);
}

struct rec {
	struct tx *t;
	const struct fc_run *r;
	const char *by;
	int64_t run;
	char asof[11];
	struct fc_store_run_summary *sum;
	struct fc_stmt *reopen, *sev;
	struct fc_batch *fb;	/* new findings */
	struct known *known;
	size_t nknown;
};

static enum fc_status rec_finding(struct rec *c, const struct fc_finding *f)
{
	struct tx *t = c->t;
	enum fc_status st = FC_OK;
	const char *sevname = fc_severity_name(f->severity);
	const char *param = due_param_of(f->check);
	char due[11] = "", start[11] = "";
	datestr(f->due, due);
	/* the finding itself */
	struct known key, *k0 = NULL;
	snprintf(key.id, sizeof key.id, "%s", f->id);
	if (c->nknown)
		k0 = bsearch(&key, c->known, c->nknown, sizeof(*c->known), cmp_known);
	if (!k0) {
		if (f->due_start != FC_NO_DATE)
			datestr(f->due_start, start);
		if (!f->due_fixed)
			due_of(t, param, (int)f->severity, f->due_start, due);
		struct fc_buf ctl;
		fc_buf_init(&ctl, 0);
		for (size_t i = 0; f->check && i < f->check->ncontrols; i++)
			fc_buf_addf(&ctl, "%s%s", i ? " " : "", f->check->controls[i]);
		/* batched: the row, and its state computed from the very values
		 * inserted (FINDING_STATE_COLS order; verify re-reads them) */
		struct fc_batch *fb = c->fb;
		struct fc_cell *x = fc_batch_row(fb);
		if (!x) {
			fc_buf_release(&ctl);
			return fb->err ? fb->err : FC_EIO;
		}
		int64_t next = t->a.seq + 1; /* the entry logged below */
		int k = 0;
		fc_cell_text(fb, &x[k++], f->id);
		fc_cell_text(fb, &x[k++], f->check->id);
		fc_cell_text(fb, &x[k++], f->check->title_zh);
		fc_cell_text(fb, &x[k++], f->check->title_en);
		fc_cell_text(fb, &x[k++], fc_buf_str(&ctl));
		fc_cell_text(fb, &x[k++], sevname);
		fc_cell_int(fb, &x[k++], (int64_t)f->severity);
		fc_cell_text(fb, &x[k++], f->object_type);
		fc_cell_text(fb, &x[k++], f->object);
		fc_cell_text(fb, &x[k++], f->key);
		fc_cell_text(fb, &x[k++], f->system_id);
		fc_cell_text(fb, &x[k++], f->detail);
		fc_cell_text(fb, &x[k++], "open");
		fc_cell_int(fb, &x[k++], c->run);
		fc_cell_int(fb, &x[k++], c->run);
		fc_cell_text(fb, &x[k++], c->asof);
		fc_cell_text(fb, &x[k++], c->asof);
		fc_cell_text(fb, &x[k++], nz(start));
		fc_cell_text(fb, &x[k++], nz(due));
		fc_cell_int(fb, &x[k++], f->due_fixed ? 1 : 0);
		fc_cell_text(fb, &x[k++], param);
		fc_cell_text(fb, &x[k++], t->stamp);
		fc_cell_int(fb, &x[k++], next);
		fc_buf_release(&ctl);
		if (fb->err)
			return fb->err;
		/* hash the batch's own copies: exactly what will be stored, even
		 * if a check's string changes afterwards */
		char runs[24];
		snprintf(runs, sizeof runs, "%lld", (long long)c->run);
		const char *v[23] = {x[0].s,  x[1].s,  x[5].s, x[7].s, x[8].s, x[9].s,
				     x[10].s, "open",  runs,   x[17].s, x[18].s, f->due_fixed ? "1" : "0",
				     x[20].s, NULL,    NULL,   NULL,   "0",    NULL,
				     NULL,    NULL,    NULL,   NULL,   NULL};
		char *cl[23] = {0};
		for (int i = 0; i < 23; i++)
			if (v[i] && (cl[i] = fc_db_utf8_clean(v[i])))
				v[i] = cl[i];
		char state[65];
		fc_audit_values_hash(v, 23, state);
		for (int i = 0; i < 23; i++)
			fc_free(cl[i]);
		struct det d;
		det_init(&d);
		fc_json_kint(&d.j, "run", c->run);
		fc_json_kstr(&d.j, "check", f->check->id);
		fc_json_kstr(&d.j, "object", f->object);
		fc_json_kstr(&d.j, "severity", sevname);
		fc_json_kstr(&d.j, "due", nz(due));
		if (f->nev) {
			fc_json_kstr(&d.j, "file", f->ev[0].file);
			fc_json_kint(&d.j, "line", f->ev[0].line);
		}
		char obj[48];
		snprintf(obj, sizeof obj, "finding:%s", f->id);
		int64_t got = 0;
		st = fc_audit_add(&t->a, t->now, c->by, "finding.open", obj, det_str(&d), state, &got);
		fc_buf_release(&d.b);
		if (!st && got != next)
			st = FC_EIO; /* a broken invariant: the row would point elsewhere */
		c->sum->opened++;
		return st;
	}
	/* seen before (last_run, last_seen and detail are set for all at once) */
	const char *status = k0->status, *oldsev = k0->sev, *oldstart = k0->due_start, *olddue = k0->due;
	bool fixed_due = k0->due_fixed;
	bool gone = !strcmp(status, "fixed") || !strcmp(status, "verified") || !strcmp(status, "closed");
	if (gone) {
		/* seen again: open, and the remediation clock restarts now */
		if (f->due_fixed)
			datestr(f->due, due);
		else
			due_of(t, param, (int)f->severity, parse_day(c->asof), due);
		fc_stmt_reset(c->reopen);
		fc_stmt_bind_text(c->reopen, 1, sevname);
		fc_stmt_bind_int(c->reopen, 2, (int64_t)f->severity);
		fc_stmt_bind_text(c->reopen, 3, c->asof);
		fc_stmt_bind_text(c->reopen, 4, nz(due));
		fc_stmt_bind_int(c->reopen, 5, f->due_fixed ? 1 : 0);
		fc_stmt_bind_text(c->reopen, 6, t->stamp);
		fc_stmt_bind_text(c->reopen, 7, f->id);
		if ((st = fc_stmt_run(c->reopen)))
			return st;
		struct det d;
		det_init(&d);
		fc_json_kint(&d.j, "run", c->run);
		fc_json_kstr(&d.j, "from", status);
		fc_json_kstr(&d.j, "to", "open");
		fc_json_kstr(&d.j, "reason", "seen again");
		fc_json_kstr(&d.j, "due", nz(due));
		if (f->nev) {
			fc_json_kstr(&d.j, "file", f->ev[0].file);
			fc_json_kint(&d.j, "line", f->ev[0].line);
		}
		st = log_finding(t, f->id, c->by, "finding.reopen", det_str(&d));
		fc_buf_release(&d.b);
		c->sum->reopened++;
		return st;
	}
	c->sum->still_open++;
	/* severity (or a fixed deadline) changed: the deadline follows */
	if (f->due_fixed)
		datestr(f->due, due);
	else
		due_of(t, param, (int)f->severity, parse_day(oldstart), due);
	if (strcmp(oldsev, sevname) || (f->due_fixed != fixed_due) || strcmp(olddue, due)) {
		fc_stmt_reset(c->sev);
		fc_stmt_bind_text(c->sev, 1, sevname);
		fc_stmt_bind_int(c->sev, 2, (int64_t)f->severity);
		fc_stmt_bind_text(c->sev, 3, nz(due));
		fc_stmt_bind_int(c->sev, 4, f->due_fixed ? 1 : 0);
		fc_stmt_bind_text(c->sev, 5, f->id);
		if ((st = fc_stmt_run(c->sev)))
			return st;
		struct det d;
		det_init(&d);
		fc_json_kint(&d.j, "run", c->run);
		fc_json_kstr(&d.j, "severity_from", oldsev);
		fc_json_kstr(&d.j, "severity", sevname);
		fc_json_kstr(&d.j, "due_from", nz(olddue));
		fc_json_kstr(&d.j, "due", nz(due));
		st = log_finding(t, f->id, c->by, "finding.severity", det_str(&d));
		fc_buf_release(&d.b);
	}
	return st;
}

/* Findings still being worked on that this run did not see: fixed when the
 * run covered their check (it ran and passed or failed on present
 * evidence), untouched otherwise (manual/error/not run). */
static enum fc_status rec_unseen(struct rec *c)
{
	struct tx *t = c->t;
	struct fc_db *db = t->s->db;
	const struct fc_run *r = c->r;
	enum fc_status st = FC_OK;
	const char **covered = fc_calloc(r->nresults + 1, sizeof(char *));
	size_t ncov = 0;
	if (!covered)
		return FC_ENOMEM;
	for (size_t i = 0; i < r->nresults; i++)
		if (r->results[i].status == FC_R_PASS || r->results[i].status == FC_R_FAIL)
			covered[ncov++] = r->results[i].meta->id;
	fc_qsort(covered, ncov, sizeof(*covered), cmp_str);
	struct fc_stmt *q = NULL, *u = NULL, *ua = NULL;
	char (*ids)[33] = NULL;
	char (*stat)[20] = NULL;
	size_t n = 0, cap = 0;
	if ((st = fc_db_prepare(db,
				"SELECT id, check_id, status FROM findings WHERE status IN " ACTIVE_STATUSES
				" AND (last_run IS NULL OR last_run <> ?) ORDER BY id",
				&q)))
		goto out;
	fc_stmt_bind_int(q, 1, c->run);
	int rc;
	while ((rc = fc_stmt_step(q)) == FC_DB_ROW) {
		const char *ck = fc_stmt_text(q, 1);
		if (!ck || !bsearch(&ck, covered, ncov, sizeof(*covered), cmp_str))
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			void *a = fc_reallocarray(ids, nc, sizeof(*ids)), *b2;
			if (!a) {
				st = FC_ENOMEM;
				goto out;
			}
			ids = a;
			b2 = fc_reallocarray(stat, nc, sizeof(*stat));
			if (!b2) {
				st = FC_ENOMEM;
				goto out;
			}
			stat = b2;
			cap = nc;
		}
		snprintf(ids[n], sizeof ids[n], "%s", fc_stmt_text(q, 0));
		snprintf(stat[n], sizeof stat[n], "%s", fc_stmt_text(q, 2));
		n++;
	}
	if (rc == FC_DB_ERR) {
		st = FC_EIO;
		goto out;
	}
	if ((st = fc_db_prepare(db,
				"UPDATE findings SET status = 'fixed', fixed_run = ?, fixed_at = ?, updated_at = ? "
				"WHERE id = ?",
				&u)) ||
	    (st = fc_db_prepare(db,
				"UPDATE acceptances SET status = 'ended' WHERE finding_id = ? "
				"AND status IN ('requested', 'approved') RETURNING id",
				&ua)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		fc_stmt_reset(u);
		fc_stmt_bind_int(u, 1, c->run);
		fc_stmt_bind_text(u, 2, c->asof);
		fc_stmt_bind_text(u, 3, t->stamp);
		fc_stmt_bind_text(u, 4, ids[i]);
		if ((st = fc_stmt_run(u)))
			goto out;
		/* a pending or granted acceptance has nothing left to accept */
		fc_stmt_reset(ua);
		fc_stmt_bind_text(ua, 1, ids[i]);
		int64_t accs[8];
		int na = 0;
		while ((rc = fc_stmt_step(ua)) == FC_DB_ROW)
			if (na < 8)
				accs[na++] = fc_stmt_int(ua, 0);
		if (rc == FC_DB_ERR) {
			st = FC_EIO;
			goto out;
		}
		fc_stmt_reset(ua);
		for (int k = 0; k < na; k++) {
			struct det d;
			det_init(&d);
			fc_json_kstr(&d.j, "finding", ids[i]);
			fc_json_kstr(&d.j, "reason", "finding fixed");
			st = log_acceptance(t, accs[k], c->by, "acceptance.ended", det_str(&d));
			fc_buf_release(&d.b);
			if (st)
				goto out;
		}
		struct det d;
		det_init(&d);
		fc_json_kint(&d.j, "run", c->run);
		fc_json_kstr(&d.j, "from", stat[i]);
		fc_json_kstr(&d.j, "to", "fixed");
		fc_json_kstr(&d.j, "reason", "not seen by a run that covered its check");
		st = log_finding(t, ids[i], c->by, "finding.fixed", det_str(&d));
		fc_buf_release(&d.b);
		if (st)
			goto out;
		c->sum->fixed++;
	}
out:
	fc_stmt_free(q);
	fc_stmt_free(u);
	fc_stmt_free(ua);
	fc_free(ids);
	fc_free(stat);
	fc_free(covered);
	return st;
}

/* Deadline maps: record the run's values; when one changed, recompute the
 * deadline of every active finding that follows it (from its stored start). */
static enum fc_status rec_params(struct rec *c)
{
	struct tx *t = c->t;
	struct fc_db *db = t->s->db;
	static const char *const names[] = {"remediation_days", "vuln_fix_days"};
	enum fc_status st = FC_OK;
	for (size_t i = 0; i < sizeof names / sizeof *names && !st; i++) {
		const struct fc_param_val *v = c->r->params ? fc_params_get(c->r->params, names[i]) : NULL;
		if (!v || v->def->type != FC_PT_MAP)
			continue;
		struct fc_buf val;
		fc_buf_init(&val, 0);
		map_text(v, &val);
		char *old = NULL;
		const char *p[] = {names[i]};
		if ((st = fc_db_query_text(db, "SELECT value FROM store_params WHERE name = ?", p, 1, &old))) {
			fc_buf_release(&val);
			break;
		}
		if (old && !strcmp(old, fc_buf_str(&val))) {
			fc_free(old);
			fc_buf_release(&val);
			continue;
		}
		struct fc_stmt *u = NULL;
		if (!(st = fc_db_prepare(db,
					 "INSERT INTO store_params(name, value, run_id) VALUES (?, ?, ?) "
					 "ON CONFLICT(name) DO UPDATE SET value = excluded.value, run_id = excluded.run_id",
					 &u))) {
			fc_stmt_bind_text(u, 1, names[i]);
			fc_stmt_bind_text(u, 2, fc_buf_str(&val));
			fc_stmt_bind_int(u, 3, c->run);
			st = fc_stmt_run(u);
			fc_stmt_free(u);
		}
		if (!st) {
			struct fc_stmt *ps = NULL, *pq = NULL;
			if (!(st = fc_db_prepare(db, "SELECT " PARAM_STATE_COLS " FROM store_params WHERE name = ?", &ps)) &&
			    !(st = fc_db_prepare(db, "UPDATE store_params SET audit_seq = ? WHERE name = ?", &pq))) {
				struct det d;
				det_init(&d);
				fc_json_kint(&d.j, "run", c->run);
				fc_json_kstr(&d.j, "from", old);
				fc_json_kstr(&d.j, "to", fc_buf_str(&val));
				st = log_row(t, ps, pq, "param:", names[i], c->by, old ? "param.change" : "param.set",
					     det_str(&d));
				fc_buf_release(&d.b);
			}
			fc_stmt_free(ps);
			fc_stmt_free(pq);
		}
		bool changed = old != NULL;
		fc_free(old);
		fc_buf_release(&val);
		if (st || (st = load_maps(t)) || !changed)
			continue;
		/* recompute */
		struct fc_stmt *q = NULL, *uu = NULL;
		struct item {
			char id[33], due[11];
		} *items = NULL;
		size_t n = 0, cap = 0;
		if (!(st = fc_db_prepare(db,
					 "SELECT id, severity, due_start, due FROM findings WHERE status IN " ACTIVE_STATUSES
					 " AND due_fixed = 0 AND due_param = ? ORDER BY id",
					 &q))) {
			fc_stmt_bind_text(q, 1, names[i]);
			int rc;
			while ((rc = fc_stmt_step(q)) == FC_DB_ROW) {
				char due[11];
				due_of(t, names[i], fc_severity_parse(fc_stmt_text(q, 1)), parse_day(fc_stmt_text(q, 2)),
				       due);
				const char *od = fc_stmt_text(q, 3);
				if (!strcmp(od ? od : "", due))
					continue;
				if (n == cap) {
					size_t nc = cap ? cap * 2 : 64;
					struct item *ni = fc_reallocarray(items, nc, sizeof(*items));
					if (!ni) {
						st = FC_ENOMEM;
						break;
					}
					items = ni;
					cap = nc;
				}
				snprintf(items[n].id, sizeof items[n].id, "%s", fc_stmt_text(q, 0));
				memcpy(items[n].due, due, sizeof due);
				n++;
			}
			if (rc == FC_DB_ERR)
				st = FC_EIO;
		}
		if (!st)
			st = fc_db_prepare(db, "UPDATE findings SET due = ?, updated_at = ? WHERE id = ?", &uu);
		for (size_t k = 0; !st && k < n; k++) {
			fc_stmt_reset(uu);
			fc_stmt_bind_text(uu, 1, nz(items[k].due));
			fc_stmt_bind_text(uu, 2, t->stamp);
			fc_stmt_bind_text(uu, 3, items[k].id);
			if ((st = fc_stmt_run(uu)))
				break;
			struct det d;
			det_init(&d);
			fc_json_kint(&d.j, "run", c->run);
			fc_json_kstr(&d.j, "param", names[i]);
			fc_json_kstr(&d.j, "due", nz(items[k].due));
			st = log_finding(t, items[k].id, c->by, "finding.deadline", det_str(&d));
			fc_buf_release(&d.b);
			c->sum->recomputed++;
		}
		fc_stmt_free(q);
		fc_stmt_free(uu);
		fc_free(items);
	}
	return st;
}

/* What this run saw, kept with the run: one sighting per finding and its
 * evidence (file:line:excerpt), sent in batches. */
static enum fc_status rec_sightings(struct rec *c)
{
	struct fc_db *db = c->t->s->db;
	struct fc_batch *bs = fc_malloc(sizeof(*bs)), *be = fc_malloc(sizeof(*be));
	enum fc_status st = FC_OK;
	if (!bs || !be) {
		fc_free(bs);
		fc_free(be);
		return FC_ENOMEM;
	}
	fc_batch_init(bs, db, "INSERT INTO sightings(run_id, ord, finding_id, severity, detail, due, ev_more) VALUES ", 7);
	fc_batch_init(be, db, "INSERT INTO evidence(run_id, ord, n, file, line, excerpt) VALUES ", 6);
	for (size_t i = 0; i < c->r->nfindings && !st; i++) {
		const struct fc_finding *f = c->r->findings[i];
		char due[11];
		datestr(f->due, due);
		struct fc_cell *x = fc_batch_row(bs);
		if (!x) {
			st = bs->err ? bs->err : FC_EIO;
			break;
		}
		fc_cell_int(bs, &x[0], c->run);
		fc_cell_int(bs, &x[1], (int64_t)i);
		fc_cell_text(bs, &x[2], f->id);
		fc_cell_text(bs, &x[3], fc_severity_name(f->severity));
		fc_cell_text(bs, &x[4], f->detail);
		fc_cell_text(bs, &x[5], nz(due));
		fc_cell_int(bs, &x[6], (int64_t)f->ev_more);
		for (size_t e = 0; e < f->nev; e++) {
			/* sightings first: evidence rows reference them */
			if (be->n == FC_BATCH_ROWS - 1 && (st = fc_batch_flush(bs)))
				break;
			struct fc_cell *y = fc_batch_row(be);
			if (!y) {
				st = be->err ? be->err : FC_EIO;
				break;
			}
			fc_cell_int(be, &y[0], c->run);
			fc_cell_int(be, &y[1], (int64_t)i);
			fc_cell_int(be, &y[2], (int64_t)e);
			fc_cell_text(be, &y[3], f->ev[e].file);
			fc_cell_int(be, &y[4], f->ev[e].line);
			fc_cell_text(be, &y[5], f->ev[e].excerpt);
		}
	}
	if (!st)
		st = fc_batch_flush(bs);
	if (!st)
		st = fc_batch_flush(be);
	fc_batch_release(bs);
	fc_batch_release(be);
	fc_free(bs);
	fc_free(be);
	return st;
}

/* The stored state of every finding this run saw (one query). */
static enum fc_status rec_known(struct rec *c)
{
	struct fc_stmt *q = NULL;
	enum fc_status st = fc_db_prepare(c->t->s->db,
					  "SELECT f.id, f.status, f.severity, f.due_start, f.due_fixed, f.due FROM findings f "
					  "JOIN sightings g ON g.finding_id = f.id WHERE g.run_id = ?",
					  &q);
	if (st)
		return st;
	fc_stmt_bind_int(q, 1, c->run);
	size_t cap = 0;
	int rc;
	while ((rc = fc_stmt_step(q)) == FC_DB_ROW) {
		if (c->nknown == cap) {
			size_t nc = cap ? cap * 2 : 256;
			struct known *v = fc_reallocarray(c->known, nc, sizeof(*v));
			if (!v) {
				st = FC_ENOMEM;
				break;
			}
			c->known = v;
			cap = nc;
		}
		struct known *k = &c->known[c->nknown++];
		const char *due_start = fc_stmt_text(q, 3), *due = fc_stmt_text(q, 5);
		snprintf(k->id, sizeof k->id, "%s", fc_stmt_text(q, 0));
		snprintf(k->status, sizeof k->status, "%s", fc_stmt_text(q, 1));
		snprintf(k->sev, sizeof k->sev, "%s", fc_stmt_text(q, 2));
		snprintf(k->due_start, sizeof k->due_start, "%s", due_start ? due_start : "");
		k->due_fixed = fc_stmt_int(q, 4) != 0;
		snprintf(k->due, sizeof k->due, "%s", due ? due : "");
	}
	if (rc == FC_DB_ERR && !st)
		st = FC_EIO;
	fc_stmt_free(q);
	if (!st && c->nknown > 1)
		fc_qsort(c->known, c->nknown, sizeof(*c->known), cmp_known);
	return st;
}

/* Everything this run saw: last seen now, with this run's wording and the
 * catalog's current titles (none of these is part of a row's audited state). */
static enum fc_status rec_seen(struct rec *c)
{
	struct fc_db *db = c->t->s->db;
	struct fc_stmt *u = NULL;
	enum fc_status st = fc_db_prepare(db,
					  "UPDATE findings SET last_run = ?, last_seen = ?, detail = (SELECT g.detail FROM "
					  "sightings g WHERE g.run_id = ? AND g.finding_id = findings.id) "
					  "WHERE id IN (SELECT finding_id FROM sightings WHERE run_id = ?)",
					  &u);
	if (st)
		return st;
	fc_stmt_bind_int(u, 1, c->run);
	fc_stmt_bind_text(u, 2, c->asof);
	fc_stmt_bind_int(u, 3, c->run);
	fc_stmt_bind_int(u, 4, c->run);
	st = fc_stmt_run(u);
	fc_stmt_free(u);
	if (st || (st = fc_db_prepare(db,
				      "UPDATE findings SET title_zh = ?, title_en = ? WHERE check_id = ? AND last_run = ? "
				      "AND (title_zh IS NULL OR title_zh <> ? OR title_en IS NULL OR title_en <> ?)",
				      &u)))
		return st;
	for (size_t i = 0; i < c->r->nresults && !st; i++) {
		const struct fc_result *res = &c->r->results[i];
		if (!res->nfindings)
			continue;
		fc_stmt_reset(u);
		fc_stmt_bind_text(u, 1, res->meta->title_zh);
		fc_stmt_bind_text(u, 2, res->meta->title_en);
		fc_stmt_bind_text(u, 3, res->meta->id);
		fc_stmt_bind_int(u, 4, c->run);
		fc_stmt_bind_text(u, 5, res->meta->title_zh);
		fc_stmt_bind_text(u, 6, res->meta->title_en);
		st = fc_stmt_run(u);
	}
	fc_stmt_free(u);
	return st;
}

enum fc_status fc_store_record(struct fc_store *s, const struct fc_run *r, const char *digest, const char *by,
			       struct fc_store_run_summary *sum)
{
	struct fc_store_run_summary dummy;
	if (!sum)
		sum = &dummy;
	memset(sum, 0, sizeof(*sum));
	if (!by || !*by)
		by = "fincheck";
	struct tx t;
	enum fc_status st = tx_begin(s, &t);
	if (st)
		return st;
	struct fc_db *db = s->db;
	struct rec c = {.t = &t, .r = r, .by = by, .sum = sum};
	datestr(r->as_of, c.asof);
	if (!c.asof[0])
		memcpy(c.asof, t.todays, sizeof c.asof);
	struct fc_buf pj;
	fc_buf_init(&pj, 0);
	struct fc_json j;
	fc_json_init(&j, &pj, false);
	params_json(&j, r->params);
	struct fc_stmt *ins = NULL, *res = NULL, *seq = NULL;
	if ((st = expire_tx(&t, by, &sum->expired)))
		goto out;
	if (fc_buf_err(&pj)) {
		st = fc_buf_err(&pj);
		goto out;
	}
	/* the run */
	if ((st = fc_db_prepare(db,
				"INSERT INTO runs(recorded_at, as_of, bundle, org, digest, tool_version, by_user, params,"
				" checks, pass, fail, manual, na, error, findings, industry, internet_order) "
				"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
				&ins)))
		goto out;
	int k = 1;
	fc_stmt_bind_text(ins, k++, t.stamp);
	fc_stmt_bind_text(ins, k++, c.asof);
	fc_stmt_bind_text(ins, k++, r->bundle ? r->bundle->root : NULL);
	fc_stmt_bind_text(ins, k++, r->bundle && r->bundle->has_org ? r->bundle->org.name : NULL);
	fc_stmt_bind_text(ins, k++, digest && *digest ? digest : "-");
	fc_stmt_bind_text(ins, k++, FC_VERSION);
	fc_stmt_bind_text(ins, k++, by);
	fc_stmt_bind_text(ins, k++, fc_buf_str(&pj));
	fc_stmt_bind_int(ins, k++, (int64_t)r->nresults);
	fc_stmt_bind_int(ins, k++, (int64_t)r->count[FC_R_PASS]);
	fc_stmt_bind_int(ins, k++, (int64_t)r->count[FC_R_FAIL]);
	fc_stmt_bind_int(ins, k++, (int64_t)r->count[FC_R_MANUAL]);
	fc_stmt_bind_int(ins, k++, (int64_t)r->count[FC_R_NA]);
	fc_stmt_bind_int(ins, k++, (int64_t)r->count[FC_R_ERROR]);
	fc_stmt_bind_int(ins, k++, (int64_t)r->nfindings);
	const struct fc_org *org = r->bundle && r->bundle->has_org ? &r->bundle->org : NULL;
	fc_stmt_bind_text(ins, k++, org ? org->industry_str : NULL);
	if (org && org->internet_order >= 0)
		fc_stmt_bind_int(ins, k++, org->internet_order);
	else
		fc_stmt_bind_null(ins, k++);
	if (fc_stmt_step(ins) != FC_DB_ROW) {
		st = FC_EIO;
		goto out;
	}
	c.run = sum->run_id = fc_stmt_int(ins, 0);
	fc_stmt_reset(ins);
	if ((st = fc_db_prepare(db, "INSERT INTO run_results(run_id, ord, check_id, status, reason) VALUES (?, ?, ?, ?, ?)",
				&res)))
		goto out;
	for (size_t i = 0; i < r->nresults; i++) {
		fc_stmt_reset(res);
		fc_stmt_bind_int(res, 1, c.run);
		fc_stmt_bind_int(res, 2, (int64_t)i);
		fc_stmt_bind_text(res, 3, r->results[i].meta->id);
		fc_stmt_bind_text(res, 4, fc_rstatus_name(r->results[i].status));
		fc_stmt_bind_text(res, 5, r->results[i].reason);
		if ((st = fc_stmt_run(res)))
			goto out;
	}
	if (!(c.fb = fc_malloc(sizeof(*c.fb)))) {
		st = FC_ENOMEM;
		goto out;
	}
	fc_batch_init(c.fb, db,
		      "INSERT INTO findings(id, check_id, title_zh, title_en, controls, severity, sev_rank,"
		      " object_type, object, ident, system_id, detail, status, first_run, last_run, first_seen,"
		      " last_seen, due_start, due, due_fixed, due_param, updated_at, audit_seq) VALUES ",
		      23);
	if ((st = fc_db_prepare(db,
				"UPDATE findings SET status = 'open', reopened = reopened + 1, severity = ?, sev_rank = ?,"
				" due_start = ?, due = ?, due_fixed = ?, fixed_run = NULL, fixed_at = NULL,"
				" verified_by = NULL, verified_at = NULL, closed_by = NULL, closed_at = NULL,"
				" updated_at = ? WHERE id = ?",
				&c.reopen)) ||
	    (st = fc_db_prepare(db, "UPDATE findings SET severity = ?, sev_rank = ?, due = ?, due_fixed = ? WHERE id = ?",
				&c.sev)))
		goto out;
	/* the parameters first: a changed map applies to this run's findings */
	if ((st = rec_params(&c)))
		goto out;
	if ((st = rec_sightings(&c)) || (st = rec_known(&c)))
		goto out;
	for (size_t i = 0; i < r->nfindings; i++)
		if ((st = rec_finding(&c, r->findings[i])))
			goto out;
	if ((st = fc_batch_flush(c.fb)) || (st = fc_audit_flush(&t.a)))
		goto out;
	if ((st = rec_seen(&c)))
		goto out;
	if ((st = rec_unseen(&c)))
		goto out;
	/* seal the run: its row, results, sightings and evidence */
	char state[65];
	bool found;
	if ((st = fc_run_state(db, c.run, state, &found)))
		goto out;
	struct det d;
	det_init(&d);
	fc_json_kstr(&d.j, "as_of", c.asof);
	fc_json_kstr(&d.j, "digest", digest);
	fc_json_kstr(&d.j, "version", FC_VERSION);
	fc_json_kstr(&d.j, "bundle", r->bundle ? r->bundle->root : NULL);
	fc_json_kint(&d.j, "findings", (int64_t)r->nfindings);
	fc_json_kint(&d.j, "opened", (int64_t)sum->opened);
	fc_json_kint(&d.j, "reopened", (int64_t)sum->reopened);
	fc_json_kint(&d.j, "fixed", (int64_t)sum->fixed);
	int64_t aseq = 0;
	char obj[40];
	snprintf(obj, sizeof obj, "run:%lld", (long long)c.run);
	st = fc_audit_add(&t.a, t.now, by, "run.record", obj, det_str(&d), state, &aseq);
	fc_buf_release(&d.b);
	if (st)
		goto out;
	if ((st = fc_db_prepare(db, "UPDATE runs SET audit_seq = ? WHERE id = ?", &seq)))
		goto out;
	fc_stmt_bind_int(seq, 1, aseq);
	fc_stmt_bind_int(seq, 2, c.run);
	st = fc_stmt_run(seq);
out:
	fc_stmt_free(ins);
	fc_stmt_free(res);
	fc_stmt_free(seq);
	if (c.fb) {
		fc_batch_release(c.fb);
		fc_free(c.fb);
	}
	fc_stmt_free(c.reopen);
	fc_stmt_free(c.sev);
	fc_free(c.known);
	fc_buf_release(&pj);
	if (st && st != FC_EIO)
		err(s, "recording the run failed: %s", fc_status_str(st));
	return tx_end(&t, st);
}

enum fc_status fc_store_record_run(const char *db, const struct fc_run *r, const char *digest, const char *by,
				   struct fc_diag *d)
{
	struct fc_store *s = NULL;
	enum fc_status st = fc_store_open(db, d, &s);
	if (st)
		return st;
	st = fc_store_record(s, r, digest, by, NULL);
	fc_store_close(s);
	return st;
}

/* ---- reading ---- */

#define FINDING_SELECT                                                                                             \
	"SELECT f.id, f.check_id, f.title_zh, f.title_en, f.severity, f.object_type, f.object, f.system_id, f.status," \
	" f.detail, f.owner, f.plan, f.note, f.controls, f.first_seen, f.last_seen, f.due_start, f.due, f.first_run,"  \
	" f.last_run, f.reopened, f.verified_by, f.verified_at, f.closed_by, f.closed_at, a.status, a.requester,"      \
	" a.approver, a.compensating_control, a.justification, a.expires "                                             \
	"FROM findings f LEFT JOIN acceptances a ON a.finding_id = f.id AND a.status IN ('requested', 'approved') "

static void row_finding(struct fc_stmt *q, int32_t today, struct fc_store_finding *x)
{
	memset(x, 0, sizeof(*x));
	int k = 0;
	x->id = fc_stmt_text(q, k++);
	x->check_id = fc_stmt_text(q, k++);
	x->title_zh = fc_stmt_text(q, k++);
	x->title_en = fc_stmt_text(q, k++);
	x->severity = fc_stmt_text(q, k++);
	x->object_type = fc_stmt_text(q, k++);
	x->object = fc_stmt_text(q, k++);
	x->system_id = fc_stmt_text(q, k++);
	x->status = fc_stmt_text(q, k++);
	x->detail = fc_stmt_text(q, k++);
	x->owner = fc_stmt_text(q, k++);
	x->plan = fc_stmt_text(q, k++);
	x->note = fc_stmt_text(q, k++);
	x->controls = fc_stmt_text(q, k++);
	x->first_seen = parse_day(fc_stmt_text(q, k++));
	x->last_seen = parse_day(fc_stmt_text(q, k++));
	x->due_start = parse_day(fc_stmt_text(q, k++));
	x->due = parse_day(fc_stmt_text(q, k++));
	x->first_run = fc_stmt_int(q, k++);
	x->last_run = fc_stmt_int(q, k++);
	x->reopened = fc_stmt_int(q, k++);
	x->verified_by = fc_stmt_text(q, k++);
	x->verified_at = parse_day(fc_stmt_text(q, k++));
	x->closed_by = fc_stmt_text(q, k++);
	x->closed_at = parse_day(fc_stmt_text(q, k++));
	x->acc_status = fc_stmt_text(q, k++);
	x->acc_requester = fc_stmt_text(q, k++);
	x->acc_approver = fc_stmt_text(q, k++);
	x->acc_control = fc_stmt_text(q, k++);
	x->acc_justification = fc_stmt_text(q, k++);
	x->acc_expires = parse_day(fc_stmt_text(q, k++));
	x->overdue = x->due != FC_NO_DATE && x->due < today && x->status &&
		     (!strcmp(x->status, "open") || !strcmp(x->status, "in_remediation"));
}

/* Split a comma list into at most max items (spans into buf). */
static size_t split_list(const char *s, char items[][40], size_t max)
{
	size_t n = 0;
	const char *p = s;
	while (p && *p && n < max) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		if (len && len < 40) {
			memcpy(items[n], p, len);
			items[n][len] = '\0';
			n++;
		}
		p = e ? e + 1 : NULL;
	}
	return n;
}

static void like_escape(const char *s, struct fc_buf *b)
{
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			fc_buf_addc(b, '\\');
		fc_buf_addc(b, *s);
	}
}

enum fc_status fc_store_findings(struct fc_store *s, const struct fc_store_filter *f,
				 void (*cb)(const struct fc_store_finding *x, void *ud), void *ud, size_t *count)
{
	static const char *const statuses[] = {"open", "in_remediation", "fixed", "verified", "closed", "accepted"};
	struct fc_store_filter none = {0};
	if (!f)
		f = &none;
	if (count)
		*count = 0;
	char st_items[16][40], sev_items[8][40];
	size_t nst = 0, nsev = 0;
	if (f->status) {
		char raw[16][40];
		size_t n = split_list(f->status, raw, 16);
		for (size_t i = 0; i < n; i++) {
			if (!strcmp(raw[i], "active")) {
				static const char *const act[] = {"open", "in_remediation", "accepted"};
				for (size_t k = 0; k < 3 && nst < 16; k++)
					snprintf(st_items[nst++], 40, "%s", act[k]);
				continue;
			}
			bool ok = false;
			for (size_t k = 0; k < sizeof statuses / sizeof *statuses; k++)
				ok |= !strcmp(raw[i], statuses[k]);
			if (!ok) {
				err(s, "unknown status '%s' (open, in_remediation, fixed, verified, closed, accepted, active)",
				    raw[i]);
				return FC_EUSAGE;
			}
			if (nst < 16)
				memcpy(st_items[nst++], raw[i], 40);
		}
	}
	if (f->severity) {
		nsev = split_list(f->severity, sev_items, 8);
		for (size_t i = 0; i < nsev; i++) {
			int sv = fc_severity_parse(sev_items[i]);
			if (sv < 0) {
				err(s, "unknown severity '%s' (critical, high, medium, low, info)", sev_items[i]);
				return FC_EUSAGE;
			}
			snprintf(sev_items[i], 40, "%s", fc_severity_name((enum fc_severity)sv));
		}
	}
	/* the SQL text is built from fixed fragments only; values are bound */
	struct fc_buf sql, like;
	fc_buf_init(&sql, 0);
	fc_buf_init(&like, 0);
	fc_buf_adds(&sql, FINDING_SELECT "WHERE 1 = 1");
	if (nst) {
		fc_buf_adds(&sql, " AND f.status IN (");
		for (size_t i = 0; i < nst; i++)
			fc_buf_adds(&sql, i ? ", ?" : "?");
		fc_buf_adds(&sql, ")");
	}
	if (nsev) {
		fc_buf_adds(&sql, " AND f.severity IN (");
		for (size_t i = 0; i < nsev; i++)
			fc_buf_adds(&sql, i ? ", ?" : "?");
		fc_buf_adds(&sql, ")");
	}
	if (f->control) {
		/* controls is space-separated: match the id or its sub-items */
		fc_buf_adds(&sql, " AND (' ' || f.controls || ' ' LIKE ? ESCAPE '\\'"
				  " OR ' ' || f.controls || ' ' LIKE ? ESCAPE '\\')");
		fc_buf_adds(&like, "% ");
		like_escape(f->control, &like);
		fc_buf_adds(&like, " %");
		fc_buf_addc(&like, '\0');
		fc_buf_adds(&like, "% ");
		like_escape(f->control, &like);
		fc_buf_adds(&like, ".%");
	}
	if (f->system)
		fc_buf_adds(&sql, " AND f.system_id = ?");
	if (f->check)
		fc_buf_adds(&sql, " AND f.check_id = ?");
	if (f->overdue)
		fc_buf_adds(&sql, " AND f.due < ? AND f.status IN ('open', 'in_remediation')");
	fc_buf_adds(&sql, " ORDER BY f.sev_rank, f.due, f.check_id, f.object, f.id");
	if (f->limit)
		fc_buf_adds(&sql, " LIMIT ?");
	enum fc_status st = fc_buf_err(&sql) ? FC_ENOMEM : FC_OK;
	struct fc_stmt *q = NULL;
	int32_t today = fc_store_today(s);
	char todays[11];
	datestr(today, todays);
	if (!st)
		st = fc_db_prepare(s->db, fc_buf_str(&sql), &q);
	if (!st) {
		int k = 1;
		for (size_t i = 0; i < nst; i++)
			fc_stmt_bind_text(q, k++, st_items[i]);
		for (size_t i = 0; i < nsev; i++)
			fc_stmt_bind_text(q, k++, sev_items[i]);
		if (f->control) {
			/* two patterns, NUL-separated in one buffer */
			const char *p1 = fc_buf_str(&like);
			fc_stmt_bind_text(q, k++, p1);
			fc_stmt_bind_text(q, k++, p1 + strlen(p1) + 1);
		}
		if (f->system)
			fc_stmt_bind_text(q, k++, f->system);
		if (f->check)
			fc_stmt_bind_text(q, k++, f->check);
		if (f->overdue)
			fc_stmt_bind_text(q, k++, todays);
		if (f->limit)
			fc_stmt_bind_int(q, k++, (int64_t)f->limit);
		int rc;
		while ((rc = fc_stmt_step(q)) == FC_DB_ROW) {
			struct fc_store_finding x;
			row_finding(q, today, &x);
			if (count)
				(*count)++;
			if (cb)
				cb(&x, ud);
		}
		if (rc == FC_DB_ERR)
			st = FC_EIO;
	}
	fc_stmt_free(q);
	fc_buf_release(&sql);
	fc_buf_release(&like);
	return st;
}

enum fc_status fc_store_resolve(struct fc_store *s, const char *idprefix, char out[33])
{
	out[0] = '\0';
	size_t n = idprefix ? strlen(idprefix) : 0;
	bool hex = n >= 6 && n <= 32;
	char low[33] = "";
	for (size_t i = 0; hex && i < n; i++) {
		char ch = idprefix[i] >= 'A' && idprefix[i] <= 'F' ? (char)(idprefix[i] - 'A' + 'a') : idprefix[i];
		hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
		low[i] = ch;
	}
	if (!hex) {
		err(s, "'%s' is not a finding id (6 to 32 hex digits)", idprefix ? idprefix : "");
		return FC_EUSAGE;
	}
	low[n] = '\0';
	idprefix = low;
	struct fc_stmt *q = NULL;
	enum fc_status st = fc_db_prepare(s->db, "SELECT id FROM findings WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", &q);
	if (st)
		return st;
	/* prefix range [p, p + "g") in byte order: no LIKE on user input */
	char hi[34];
	snprintf(hi, sizeof hi, "%sg", idprefix);
	fc_stmt_bind_text(q, 1, idprefix);
	fc_stmt_bind_text(q, 2, hi);
	int rc, got = 0;
	while ((rc = fc_stmt_step(q)) == FC_DB_ROW) {
		if (!got)
			snprintf(out, 33, "%s", fc_stmt_text(q, 0));
		got++;
	}
	fc_stmt_free(q);
	if (rc == FC_DB_ERR)
		return FC_EIO;
	if (!got) {
		err(s, "no finding %s in the store", idprefix);
		return FC_ENOTFOUND;
	}
	if (got > 1) {
		out[0] = '\0';
		err(s, "finding id prefix %s is ambiguous: give more digits", idprefix);
		return FC_EUSAGE;
	}
	return FC_OK;
}

enum fc_status fc_store_finding_get(struct fc_store *s, const char *id,
				    void (*cb)(const struct fc_store_finding *x, void *ud), void *ud)
{
	struct fc_stmt *q = NULL;
	enum fc_status st = fc_db_prepare(s->db, FINDING_SELECT "WHERE f.id = ?", &q);
	if (st)
		return st;
	fc_stmt_bind_text(q, 1, id);
	int rc = fc_stmt_step(q);
	if (rc == FC_DB_ROW) {
		struct fc_store_finding x;
		row_finding(q, fc_store_today(s), &x);
		cb(&x, ud);
	} else if (rc == FC_DB_DONE) {
		err(s, "no finding %s in the store", id);
		st = FC_ENOTFOUND;
	} else
		st = FC_EIO;
	fc_stmt_free(q);
	return st;
}

enum fc_status fc_store_history(struct fc_store *s, const char *id,
				void (*cb)(const struct fc_store_event *e, void *ud), void *ud)
{
	char obj[48];
	snprintf(obj, sizeof obj, "finding:%s", id);
	struct fc_stmt *q = NULL;
	enum fc_status st = fc_db_prepare(
		s->db,
		/* two indexed lookups (an OR would scan the whole log) */
		"SELECT seq, at, actor, action, object, details FROM audit_log WHERE object = ? "
		"UNION ALL SELECT seq, at, actor, action, object, details FROM audit_log WHERE object IN "
		"(SELECT 'acceptance:' || CAST(id AS TEXT) FROM acceptances WHERE finding_id = ?) ORDER BY 1",
		&q);
	if (st)
		return st;
	fc_stmt_bind_text(q, 1, obj);
	fc_stmt_bind_text(q, 2, id);
	int rc;
	while ((rc = fc_stmt_step(q)) == FC_DB_ROW) {
		struct fc_store_event e = {fc_stmt_int(q, 0), fc_stmt_text(q, 1), fc_stmt_text(q, 2), fc_stmt_text(q, 3),
					   fc_stmt_text(q, 4), fc_stmt_text(q, 5)};
		cb(&e, ud);
	}
	if (rc == FC_DB_ERR)
		st = FC_EIO;
	fc_stmt_free(q);
	return st;
}

enum fc_status fc_store_sightings(struct fc_store *s, const char *id,
				  void (*cb)(const struct fc_store_sighting *x, void *ud), void *ud)
{
	struct fc_stmt *q = NULL;
	enum fc_status st = fc_db_prepare(
		s->db,
		"SELECT r.id, r.as_of, r.recorded_at, r.by_user, g.severity, g.detail, g.due, e.file, e.line "
		"FROM sightings g JOIN runs r ON r.id = g.run_id "
		"LEFT JOIN evidence e ON e.run_id = g.run_id AND e.ord = g.ord AND e.n = 0 "
		"WHERE g.finding_id = ? ORDER BY r.id",
		&q);
	if (st)
		return st;
	fc_stmt_bind_text(q, 1, id);
	int rc;
	while ((rc = fc_stmt_step(q)) == FC_DB_ROW) {
		struct fc_store_sighting x = {fc_stmt_int(q, 0),  fc_stmt_text(q, 1), fc_stmt_text(q, 2),
					      fc_stmt_text(q, 3), fc_stmt_text(q, 4), fc_stmt_text(q, 5),
					      fc_stmt_text(q, 6), fc_stmt_text(q, 7), fc_stmt_int(q, 8)};
		cb(&x, ud);
	}
	if (rc == FC_DB_ERR)
		st = FC_EIO;
	fc_stmt_free(q);
	return st;
}

/* ---- changes by people ---- */

struct cur {
	char status[20], severity[16], due_start[11], due_param[24];
};

static enum fc_status load_cur(struct tx *t, const char *id, struct cur *c)
{
	struct fc_stmt *q = NULL;
	enum fc_status st = fc_db_prepare(t->s->db, "SELECT status, severity, due_start, due_param FROM findings WHERE id = ?", &q);
	if (st)
		return st;
	fc_stmt_bind_text(q, 1, id);
	int rc = fc_stmt_step(q);
	if (rc == FC_DB_ROW) {
		snprintf(c->status, sizeof c->status, "%s", fc_stmt_text(q, 0));
		snprintf(c->severity, sizeof c->severity, "%s", fc_stmt_text(q, 1));
		snprintf(c->due_start, sizeof c->due_start, "%s", fc_stmt_text(q, 2) ? fc_stmt_text(q, 2) : "");
		snprintf(c->due_param, sizeof c->due_param, "%s", fc_stmt_text(q, 3) ? fc_stmt_text(q, 3) : "");
	} else if (rc == FC_DB_DONE) {
		err(t->s, "no finding %s in the store", id);
		st = FC_ENOTFOUND;
	} else
		st = FC_EIO;
	fc_stmt_free(q);
	return st;
}

static bool need_by(struct fc_store *s, const char *by)
{
	if (by && *by)
		return true;
	err(s, "every change needs --by USER (who made it)");
	return false;
}

enum fc_status fc_store_update(struct fc_store *s, const char *id, const char *by, const struct fc_store_change *ch)
{
	if (!need_by(s, by))
		return FC_EUSAGE;
	if (!ch->status && !ch->owner && !ch->plan && !ch->note) {
		err(s, "nothing to change: give --status, --owner, --plan or --note");
		return FC_EUSAGE;
	}
	struct tx t;
	enum fc_status st = tx_begin(s, &t);
	if (st)
		return st;
	struct cur c;
	if ((st = expire_tx(&t, "fincheck", NULL)) || (st = load_cur(&t, id, &c)))
		return tx_end(&t, st);
	const char *to = ch->status;
	if (to) {
		bool ok = false;
		const char *why = NULL;
		if (!strcmp(to, "in_remediation") || !strcmp(to, "open")) {
			ok = !strcmp(c.status, "open") || !strcmp(c.status, "in_remediation");
			why = "only an open or in-remediation finding can be set open or in_remediation (fixed findings "
			      "reopen when a run sees them again; accepted ones through the acceptance)";
		} else if (!strcmp(to, "closed")) {
			ok = !strcmp(c.status, "verified");
			why = "a finding is closed only after its re-verification (覆查): run 'fincheck findings verify' first";
		} else if (!strcmp(to, "fixed"))
			why = "'fixed' is set by a run that no longer sees the deficiency";
		else if (!strcmp(to, "verified"))
			why = "'verified' is recorded with 'fincheck findings verify' (覆查)";
		else if (!strcmp(to, "accepted"))
			why = "risk acceptance goes through 'fincheck findings accept' (request and approval)";
		else
			why = "unknown status (open, in_remediation, closed)";
		if (!ok) {
			err(s, "finding %s is %s: %s", id, c.status, why);
			return tx_end(&t, FC_EUSAGE);
		}
	}
	struct fc_stmt *u = NULL;
	if ((st = fc_db_prepare(s->db,
				"UPDATE findings SET status = COALESCE(?, status), owner = COALESCE(?, owner),"
				" plan = COALESCE(?, plan), note = COALESCE(?, note),"
				" closed_by = CASE WHEN ? = 'closed' THEN ? ELSE closed_by END,"
				" closed_at = CASE WHEN ? = 'closed' THEN ? ELSE closed_at END, updated_at = ? WHERE id = ?",
				&u)))
		return tx_end(&t, st);
	int k = 1;
	fc_stmt_bind_text(u, k++, to);
	fc_stmt_bind_text(u, k++, ch->owner);
	fc_stmt_bind_text(u, k++, ch->plan);
	fc_stmt_bind_text(u, k++, ch->note);
	fc_stmt_bind_text(u, k++, to ? to : "");
	fc_stmt_bind_text(u, k++, by);
	fc_stmt_bind_text(u, k++, to ? to : "");
	fc_stmt_bind_text(u, k++, t.todays);
	fc_stmt_bind_text(u, k++, t.stamp);
	fc_stmt_bind_text(u, k++, id);
	st = fc_stmt_run(u);
	fc_stmt_free(u);
	if (!st) {
		struct det d;
		det_init(&d);
		if (to) {
			fc_json_kstr(&d.j, "from", c.status);
			fc_json_kstr(&d.j, "to", to);
		}
		if (ch->owner)
			fc_json_kstr(&d.j, "owner", ch->owner);
		if (ch->plan)
			fc_json_kstr(&d.j, "plan", ch->plan);
		if (ch->note)
			fc_json_kstr(&d.j, "note", ch->note);
		st = log_finding(&t, id, by, to && strcmp(to, c.status) ? (!strcmp(to, "closed") ? "finding.close"
											  : "finding.status")
									: "finding.update",
				 det_str(&d));
		fc_buf_release(&d.b);
	}
	return tx_end(&t, st);
}

enum fc_status fc_store_reverify(struct fc_store *s, const char *id, const char *by, bool pass, const char *note)
{
	if (!need_by(s, by))
		return FC_EUSAGE;
	struct tx t;
	enum fc_status st = tx_begin(s, &t);
	if (st)
		return st;
	struct cur c;
	if ((st = expire_tx(&t, "fincheck", NULL)) || (st = load_cur(&t, id, &c)))
		return tx_end(&t, st);
	if (strcmp(c.status, "fixed")) {
		err(s, "finding %s is %s: re-verification (覆查) confirms a finding a run marked fixed", id, c.status);
		return tx_end(&t, FC_EUSAGE);
	}
	struct fc_stmt *u = NULL;
	/* not fixed after all: open again, the original deadline still runs */
	const char *sql = pass ? "UPDATE findings SET status = 'verified', verified_by = ?, verified_at = ?,"
				 " note = COALESCE(?, note), updated_at = ? WHERE id = ?"
			       : "UPDATE findings SET status = 'open', reopened = reopened + 1, fixed_run = NULL,"
				 " fixed_at = NULL, verified_by = ?, verified_at = ?, note = COALESCE(?, note),"
				 " updated_at = ? WHERE id = ?";
	if ((st = fc_db_prepare(s->db, sql, &u)))
		return tx_end(&t, st);
	fc_stmt_bind_text(u, 1, by);
	fc_stmt_bind_text(u, 2, t.todays);
	fc_stmt_bind_text(u, 3, note);
	fc_stmt_bind_text(u, 4, t.stamp);
	fc_stmt_bind_text(u, 5, id);
	st = fc_stmt_run(u);
	fc_stmt_free(u);
	if (!st) {
		struct det d;
		det_init(&d);
		fc_json_kstr(&d.j, "from", "fixed");
		fc_json_kstr(&d.j, "to", pass ? "verified" : "open");
		fc_json_kstr(&d.j, "result", pass ? "pass" : "fail");
		if (note)
			fc_json_kstr(&d.j, "note", note);
		st = log_finding(&t, id, by, pass ? "finding.verify" : "finding.verify_failed", det_str(&d));
		fc_buf_release(&d.b);
	}
	return tx_end(&t, st);
}

/* The pending or approved acceptance of a finding (0 if none). */
static enum fc_status current_acc(struct tx *t, const char *id, int64_t *acc, char status[20], char requester[128],
				  int64_t *revision, char prior[20])
{
	*acc = 0;
	*revision = 0;
	status[0] = requester[0] = prior[0] = '\0';
	struct fc_stmt *q = NULL;
	enum fc_status st = fc_db_prepare(t->s->db,
					  "SELECT id, status, requester, revision, prior_status FROM acceptances "
					  "WHERE finding_id = ? AND status IN ('requested', 'approved') ORDER BY id DESC",
					  &q);
	if (st)
		return st;
	fc_stmt_bind_text(q, 1, id);
	int rc = fc_stmt_step(q);
	if (rc == FC_DB_ROW) {
		*acc = fc_stmt_int(q, 0);
		snprintf(status, 20, "%s", fc_stmt_text(q, 1));
		snprintf(requester, 128, "%s", fc_stmt_text(q, 2));
		*revision = fc_stmt_int(q, 3);
		snprintf(prior, 20, "%s", fc_stmt_text(q, 4) ? fc_stmt_text(q, 4) : "");
	} else if (rc == FC_DB_ERR)
		st = FC_EIO;
	fc_stmt_free(q);
	if (!st && !*acc) {
		int64_t rev = 0;
		const char *p[] = {id};
		st = fc_db_query_int(t->s->db, "SELECT max(revision) FROM acceptances WHERE finding_id = ?", p, 1, 0, &rev);
		*revision = rev;
	}
	return st;
}

static enum fc_status set_finding_status(struct tx *t, const char *id, const char *to)
{
	struct fc_stmt *u = NULL;
	enum fc_status st = fc_db_prepare(t->s->db, "UPDATE findings SET status = ?, updated_at = ? WHERE id = ?", &u);
	if (st)
		return st;
	fc_stmt_bind_text(u, 1, to);
	fc_stmt_bind_text(u, 2, t->stamp);
	fc_stmt_bind_text(u, 3, id);
	st = fc_stmt_run(u);
	fc_stmt_free(u);
	return st;
}

static enum fc_status set_acc_status(struct tx *t, int64_t acc, const char *to)
{
	struct fc_stmt *u = NULL;
	enum fc_status st = fc_db_prepare(t->s->db, "UPDATE acceptances SET status = ? WHERE id = ?", &u);
	if (st)
		return st;
	fc_stmt_bind_text(u, 1, to);
	fc_stmt_bind_int(u, 2, acc);
	st = fc_stmt_run(u);
	fc_stmt_free(u);
	return st;
}

enum fc_status fc_store_accept_request(struct fc_store *s, const char *id, const char *by, const char *justification,
				       const char *control, int32_t expires, int max_days)
{
	if (!need_by(s, by))
		return FC_EUSAGE;
	if (!justification || !*justification || !control || !*control || expires == FC_NO_DATE) {
		err(s, "a risk acceptance needs --justification, --control (the compensating control) and --expires DATE");
		return FC_EUSAGE;
	}
	struct tx t;
	enum fc_status st = tx_begin(s, &t);
	if (st)
		return st;
	struct cur c;
	if ((st = expire_tx(&t, "fincheck", NULL)) || (st = load_cur(&t, id, &c)))
		return tx_end(&t, st);
	if (expires <= t.today) {
		err(s, "the acceptance must expire after today (%s)", t.todays);
		return tx_end(&t, FC_EUSAGE);
	}
	if (max_days > 0 && expires > t.today + max_days) {
		char lim[11];
		datestr(t.today + max_days, lim);
		err(s, "the acceptance may last at most %d days (risk_acceptance_max_days): expire on %s or earlier",
		    max_days, lim);
		return tx_end(&t, FC_EUSAGE);
	}
	if (strcmp(c.status, "open") && strcmp(c.status, "in_remediation") && strcmp(c.status, "accepted")) {
		err(s, "finding %s is %s: only an open, in-remediation or accepted finding can have its risk accepted", id,
		    c.status);
		return tx_end(&t, FC_EUSAGE);
	}
	int64_t acc, rev;
	char ast[20], req[128], prior[20];
	if ((st = current_acc(&t, id, &acc, ast, req, &rev, prior)))
		return tx_end(&t, st);
	const char *back = c.status;
	if (acc) {
		/* an edit: the old one is superseded and the new needs approval */
		if ((st = set_acc_status(&t, acc, "superseded")))
			return tx_end(&t, st);
		struct det d;
		det_init(&d);
		fc_json_kstr(&d.j, "finding", id);
		fc_json_kstr(&d.j, "reason", "edited: a new request needs a new approval");
		st = log_acceptance(&t, acc, by, "acceptance.superseded", det_str(&d));
		fc_buf_release(&d.b);
		if (st)
			return tx_end(&t, st);
		if (!strcmp(c.status, "accepted")) {
			back = prior[0] ? prior : "open";
			if ((st = set_finding_status(&t, id, back)))
				return tx_end(&t, st);
			det_init(&d);
			fc_json_kstr(&d.j, "from", "accepted");
			fc_json_kstr(&d.j, "to", back);
			fc_json_kstr(&d.j, "reason", "risk acceptance edited: awaiting re-approval");
			st = log_finding(&t, id, by, "finding.status", det_str(&d));
			fc_buf_release(&d.b);
			if (st)
				return tx_end(&t, st);
		}
	}
	char exp[11];
	datestr(expires, exp);
	struct fc_stmt *u = NULL;
	if ((st = fc_db_prepare(s->db,
				"INSERT INTO acceptances(finding_id, revision, status, requester, requested_at, justification,"
				" compensating_control, expires, prior_status) VALUES (?, ?, 'requested', ?, ?, ?, ?, ?, ?) "
				"RETURNING id",
				&u)))
		return tx_end(&t, st);
	fc_stmt_bind_text(u, 1, id);
	fc_stmt_bind_int(u, 2, rev < INT32_MAX ? rev + 1 : rev);
	fc_stmt_bind_text(u, 3, by);
	fc_stmt_bind_text(u, 4, t.stamp);
	fc_stmt_bind_text(u, 5, justification);
	fc_stmt_bind_text(u, 6, control);
	fc_stmt_bind_text(u, 7, exp);
	fc_stmt_bind_text(u, 8, back);
	int64_t nid = 0;
	if (fc_stmt_step(u) == FC_DB_ROW)
		nid = fc_stmt_int(u, 0);
	else
		st = FC_EIO;
	fc_stmt_free(u);
	if (!st) {
		struct det d;
		det_init(&d);
		fc_json_kstr(&d.j, "finding", id);
		fc_json_kint(&d.j, "revision", rev < INT32_MAX ? rev + 1 : rev);
		fc_json_kstr(&d.j, "justification", justification);
		fc_json_kstr(&d.j, "compensating_control", control);
		fc_json_kstr(&d.j, "expires", exp);
		st = log_acceptance(&t, nid, by, "acceptance.request", det_str(&d));
		fc_buf_release(&d.b);
	}
	return tx_end(&t, st);
}

enum fc_status fc_store_accept_decide(struct fc_store *s, const char *id, const char *by, bool approve,
				      const char *note)
{
	if (!need_by(s, by))
		return FC_EUSAGE;
	struct tx t;
	enum fc_status st = tx_begin(s, &t);
	if (st)
		return st;
	struct cur c;
	if ((st = expire_tx(&t, "fincheck", NULL)) || (st = load_cur(&t, id, &c)))
		return tx_end(&t, st);
	int64_t acc, rev;
	char ast[20], req[128], prior[20];
	if ((st = current_acc(&t, id, &acc, ast, req, &rev, prior)))
		return tx_end(&t, st);
	if (!acc || strcmp(ast, "requested")) {
		err(s, "finding %s has no risk acceptance waiting for a decision", id);
		return tx_end(&t, FC_EUSAGE);
	}
	/* four eyes: whoever asked cannot approve (SimpleRisk, DefectDojo Pro) */
	if (!strcmp(req, by)) {
		err(s, "%s requested this acceptance and cannot also %s it: another person must decide", by,
		    approve ? "approve" : "reject");
		return tx_end(&t, FC_EUSAGE);
	}
	if (approve && strcmp(c.status, "open") && strcmp(c.status, "in_remediation")) {
		err(s, "finding %s is %s: there is nothing left to accept", id, c.status);
		return tx_end(&t, FC_EUSAGE);
	}
	struct fc_stmt *u = NULL;
	if ((st = fc_db_prepare(s->db,
				"UPDATE acceptances SET status = ?, approver = ?, decided_at = ?, decision_note = ?,"
				" prior_status = COALESCE(?, prior_status) WHERE id = ?",
				&u)))
		return tx_end(&t, st);
	fc_stmt_bind_text(u, 1, approve ? "approved" : "rejected");
	fc_stmt_bind_text(u, 2, by);
	fc_stmt_bind_text(u, 3, t.stamp);
	fc_stmt_bind_text(u, 4, note);
	fc_stmt_bind_text(u, 5, approve ? c.status : NULL);
	fc_stmt_bind_int(u, 6, acc);
	st = fc_stmt_run(u);
	fc_stmt_free(u);
	if (st)
		return tx_end(&t, st);
	struct det d;
	det_init(&d);
	fc_json_kstr(&d.j, "finding", id);
	if (note)
		fc_json_kstr(&d.j, "note", note);
	st = log_acceptance(&t, acc, by, approve ? "acceptance.approve" : "acceptance.reject", det_str(&d));
	fc_buf_release(&d.b);
	if (!st && approve) {
		if (!(st = set_finding_status(&t, id, "accepted"))) {
			det_init(&d);
			fc_json_kstr(&d.j, "from", c.status);
			fc_json_kstr(&d.j, "to", "accepted");
			fc_json_kint(&d.j, "acceptance", acc);
			st = log_finding(&t, id, by, "finding.accepted", det_str(&d));
			fc_buf_release(&d.b);
		}
	}
	return tx_end(&t, st);
}

enum fc_status fc_store_accept_revoke(struct fc_store *s, const char *id, const char *by, const char *note)
{
	if (!need_by(s, by))
		return FC_EUSAGE;
	struct tx t;
	enum fc_status st = tx_begin(s, &t);
	if (st)
		return st;
	struct cur c;
	if ((st = expire_tx(&t, "fincheck", NULL)) || (st = load_cur(&t, id, &c)))
		return tx_end(&t, st);
	int64_t acc, rev;
	char ast[20], req[128], prior[20];
	if ((st = current_acc(&t, id, &acc, ast, req, &rev, prior)))
		return tx_end(&t, st);
	if (!acc) {
		err(s, "finding %s has no risk acceptance to revoke", id);
		return tx_end(&t, FC_EUSAGE);
	}
	if ((st = set_acc_status(&t, acc, "revoked")))
		return tx_end(&t, st);
	struct det d;
	det_init(&d);
	fc_json_kstr(&d.j, "finding", id);
	if (note)
		fc_json_kstr(&d.j, "note", note);
	st = log_acceptance(&t, acc, by, "acceptance.revoke", det_str(&d));
	fc_buf_release(&d.b);
	if (!st && !strcmp(c.status, "accepted")) {
		const char *back = prior[0] ? prior : "open";
		if (!(st = set_finding_status(&t, id, back))) {
			det_init(&d);
			fc_json_kstr(&d.j, "from", "accepted");
			fc_json_kstr(&d.j, "to", back);
			fc_json_kstr(&d.j, "reason", "risk acceptance revoked");
			st = log_finding(&t, id, by, "finding.status", det_str(&d));
			fc_buf_release(&d.b);
		}
	}
	return tx_end(&t, st);
}

/* ---- parameters recorded with the runs ---- */

#include <jansson.h>

double fc_store_param(struct fc_store *s, const char *name, double def)
{
	char *pj = NULL;
	if (fc_db_query_text(s->db, "SELECT params FROM runs ORDER BY id DESC LIMIT 1", NULL, 0, &pj) || !pj)
		return def;
	json_error_t e;
	json_t *root = json_loads(pj, JSON_REJECT_DUPLICATES, &e);
	fc_free(pj);
	if (!root)
		return def;
	json_t *v = json_object_get(root, name);
	double r = v && json_is_number(v) ? json_number_value(v) : def;
	json_decref(root);
	return r;
}

/* ---- retention ---- */

enum fc_status fc_store_purge(struct fc_store *s, int32_t before, int retention_days, const char *by, bool dry_run,
			      struct fc_store_purge_summary *sum)
{
	memset(sum, 0, sizeof(*sum));
	if (!need_by(s, by))
		return FC_EUSAGE;
	struct tx t;
	enum fc_status st = tx_begin(s, &t);
	if (st)
		return st;
	struct fc_db *db = s->db;
	/* seed 004 評估報告 四: reports and remediation records are kept at
	 * least five years.  The clock may not run backwards past the newest
	 * audit entry, so a wrong system date cannot shorten retention. */
	char *newest = NULL;
	if ((st = fc_db_query_text(db, "SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1", NULL, 0, &newest)))
		return tx_end(&t, st);
	int32_t today = t.today, nd = parse_day(newest);
	fc_free(newest);
	if (nd != FC_NO_DATE && nd > today)
		today = nd;
	sum->cutoff = today - retention_days;
	char cut[11], bef[11];
	datestr(sum->cutoff, cut);
	datestr(before, bef);
	if (before > sum->cutoff) {
		err(s, "refused: %s is inside the retention period (%d days, report_retention_days; seed 004 評估報告 四): "
		       "records from %s on must be kept; purge --before %s at the latest",
		    bef, retention_days, cut, cut);
		return tx_end(&t, FC_EUSAGE);
	}
	/* what goes: runs recorded and evaluated before the date, and closed
	 * findings with no activity since */
	const char *p[] = {bef, bef};
	int64_t nruns = 0, nfind = 0;
	if ((st = fc_db_query_int(db, "SELECT count(*) FROM runs WHERE recorded_at < ? AND as_of < ?", p, 2, 0, &nruns)) ||
	    (st = fc_db_query_int(db,
				  "SELECT count(*) FROM findings WHERE status = 'closed' AND closed_at < ? AND last_seen < ?",
				  p, 2, 0, &nfind)))
		return tx_end(&t, st);
	sum->runs = nruns;
	sum->findings = nfind;
	if (dry_run) {
		/* entries that would go: an estimate, the prefix before the date */
		fc_db_query_int(db, "SELECT count(*) FROM audit_log WHERE at < ?", p, 1, 0, &sum->entries);
		tx_end(&t, FC_EUSAGE); /* rolls back: nothing was written */
		return FC_OK;
	}
	/* one entry per removed object, so verify knows the rows are gone on
	 * purpose */
	static const struct {
		const char *sel, *prefix, *action;
	} gone[] = {
		{"SELECT CAST(a.id AS TEXT) FROM acceptances a JOIN findings f ON f.id = a.finding_id "
		 "WHERE f.status = 'closed' AND f.closed_at < ? AND f.last_seen < ? ORDER BY a.id",
		 "acceptance:", "acceptance.purged"},
		{"SELECT id FROM findings WHERE status = 'closed' AND closed_at < ? AND last_seen < ? ORDER BY id", "finding:",
		 "finding.purged"},
		{"SELECT CAST(id AS TEXT) FROM runs WHERE recorded_at < ? AND as_of < ? ORDER BY id", "run:", "run.purged"},
	};
	for (size_t i = 0; i < sizeof gone / sizeof *gone && !st; i++) {
		struct fc_stmt *q = NULL;
		if ((st = fc_db_prepare(db, gone[i].sel, &q)))
			break;
		fc_stmt_bind_text(q, 1, bef);
		fc_stmt_bind_text(q, 2, bef);
		/* collect first: PostgreSQL buffers anyway, SQLite must not
		 * write the audit log while reading another table mid-step */
		struct fc_buf keys;
		fc_buf_init(&keys, 0);
		int rc;
		while ((rc = fc_stmt_step(q)) == FC_DB_ROW) {
			fc_buf_adds(&keys, fc_stmt_text(q, 0));
			fc_buf_addc(&keys, '\n');
		}
		if (rc == FC_DB_ERR)
			st = FC_EIO;
		fc_stmt_free(q);
		const char *k = fc_buf_str(&keys);
		while (!st && *k) {
			const char *e = strchr(k, '\n');
			char obj[80], key[48];
			snprintf(key, sizeof key, "%.*s", (int)(e - k), k);
			snprintf(obj, sizeof obj, "%s%s", gone[i].prefix, key);
			struct det d;
			det_init(&d);
			fc_json_kstr(&d.j, "before", bef);
			st = fc_audit_add(&t.a, t.now, by, gone[i].action, obj, det_str(&d), NULL, NULL);
			fc_buf_release(&d.b);
			k = e + 1;
		}
		if (!st && fc_buf_err(&keys))
			st = fc_buf_err(&keys);
		fc_buf_release(&keys);
	}
	if (!st) {
		struct fc_stmt *del = NULL;
		static const char *const dels[] = {
			"DELETE FROM findings WHERE status = 'closed' AND closed_at < ? AND last_seen < ?",
			"DELETE FROM runs WHERE recorded_at < ? AND as_of < ?",
		};
		for (size_t i = 0; i < 2 && !st; i++) {
			if ((st = fc_db_prepare(db, dels[i], &del)))
				break;
			fc_stmt_bind_text(del, 1, bef);
			fc_stmt_bind_text(del, 2, bef);
			st = fc_stmt_run(del);
			fc_stmt_free(del);
		}
	}
	/* audit entries: the prefix before the date that no live row needs */
	if (!st)
		st = fc_audit_flush(&t.a);
	int64_t keep = INT64_MAX, x;
	static const char *const refs[] = {
		"SELECT min(seq) FROM audit_log WHERE at >= ?",
		"SELECT min(audit_seq) FROM runs",
		"SELECT min(audit_seq) FROM findings",
		"SELECT min(audit_seq) FROM acceptances",
		"SELECT min(audit_seq) FROM store_params",
	};
	for (size_t i = 0; i < sizeof refs / sizeof *refs && !st; i++) {
		if ((st = fc_db_query_int(db, refs[i], p, i == 0 ? 1 : 0, INT64_MAX, &x)))
			break;
		if (x < keep)
			keep = x;
	}
	size_t nm;
	const struct fc_db_module *const *mods = fc_db_modules(&nm);
	for (size_t i = 0; i < nm && !st; i++)
		if (mods[i]->min_audit_ref_sql) {
			if ((st = fc_db_query_int(db, mods[i]->min_audit_ref_sql, NULL, 0, INT64_MAX, &x)))
				break;
			if (x < keep)
				keep = x;
		}
	if (!st && keep != INT64_MAX && keep > 1) {
		struct fc_stmt *del = NULL;
		if (!(st = fc_db_prepare(db, "DELETE FROM audit_log WHERE seq < ?", &del))) {
			fc_stmt_bind_int(del, 1, keep);
			st = fc_stmt_run(del);
			if (!st)
				sum->entries = fc_stmt_changes(del);
			fc_stmt_free(del);
		}
	}
	/* the remaining chain hangs from the entry before the first kept one */
	if (!st) {
		struct fc_stmt *q = NULL;
		if (!(st = fc_db_prepare(db, "SELECT seq, prev FROM audit_log ORDER BY seq LIMIT 1", &q))) {
			char anchor[120] = "anchor:0:0000000000000000000000000000000000000000000000000000000000000000";
			if (fc_stmt_step(q) == FC_DB_ROW && fc_stmt_int(q, 0) > 0)
				snprintf(anchor, sizeof anchor, "anchor:%lld:%s", (long long)(fc_stmt_int(q, 0) - 1),
					 fc_stmt_text(q, 1) ? fc_stmt_text(q, 1) : "");
			fc_stmt_free(q);
			struct det d;
			det_init(&d);
			fc_json_kstr(&d.j, "before", bef);
			fc_json_kint(&d.j, "retention_days", retention_days);
			fc_json_kint(&d.j, "runs", sum->runs);
			fc_json_kint(&d.j, "findings", sum->findings);
			fc_json_kint(&d.j, "entries", sum->entries);
			st = fc_audit_add(&t.a, t.now, by, "store.purge", "store", det_str(&d), anchor, NULL);
			fc_buf_release(&d.b);
		}
	}
	return tx_end(&t, st);
}

enum fc_status fc_store_backup(struct fc_store *s, const char *dest)
{
	return fc_db_backup(s->db, dest);
}
