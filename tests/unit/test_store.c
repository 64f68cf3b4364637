/*
 * The findings store (src/store/): the SQL layer, finding lifecycles,
 * deadlines, risk acceptance, 覆查, tamper evidence, retention, concurrent
 * writers.  Runs on SQLite always and on PostgreSQL when FINCHECK_PG_URL
 * names a server (tests/pg.sh starts a throwaway one:
 * `sh tests/pg.sh build/tests/test_store`); each test gets a fresh database.
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "core/date.h"
#include "core/mem.h"
#include "engine/run.h"
#include "store/db.h"
#include "store/store.h"
#include "t.h"

static const char *backend = "sqlite";
static char tmpdir[256];
static int dbn;
static char url[512];

/* A fresh database for each test. */
static const char *fresh(void)
{
	dbn++;
	if (!strcmp(backend, "sqlite")) {
		snprintf(url, sizeof url, "%s/t%d.db", tmpdir, dbn);
		return url;
	}
	const char *base = getenv("FINCHECK_PG_URL");
	char admin[512];
	snprintf(admin, sizeof admin, "%spostgres", base);
	struct fc_db *db = NULL;
	struct fc_diag d;
	fc_diag_init(&d);
	if (fc_db_open(admin, &d, &db) == FC_OK) {
		char q[128];
		snprintf(q, sizeof q, "DROP DATABASE IF EXISTS t%d_%d", (int)getpid(), dbn);
		fc_db_exec(db, q);
		snprintf(q, sizeof q, "CREATE DATABASE t%d_%d", (int)getpid(), dbn);
		fc_db_exec(db, q);
		fc_db_close(db);
	}
	fc_diag_release(&d);
	snprintf(url, sizeof url, "%st%d_%d", base, (int)getpid(), dbn);
	return url;
}

static int64_t ts(const char *day)
{
	int32_t d = 0;
	fc_date_parse(day, &d);
	return fc_day_ts(d) + 10 * 3600; /* 10:00 Taipei */
}

static int32_t day(const char *s)
{
	int32_t d = FC_NO_DATE;
	fc_date_parse(s, &d);
	return d;
}

/* ---- fake runs: what the engine hands the store ---- */

static const char *ctl_a[] = {"CC-17010", "SA-1.1"};
static const char *ctl_b[] = {"CC-18000.3"};
static const char *params_b[] = {"dormant_account_days"};
static struct fc_check_meta checks[] = {
	{.id = "net.db_in_dmz", .area = "network", .severity = FC_SEV_HIGH, .title_zh = "資料庫建置於DMZ區",
	 .title_en = "Database server placed in the DMZ", .controls = ctl_a, .ncontrols = 2},
	{.id = "acct.dormant", .area = "account", .severity = FC_SEV_MEDIUM, .title_zh = "久未使用之帳號",
	 .title_en = "Dormant accounts", .controls = ctl_b, .ncontrols = 1, .params = params_b, .nparams = 1},
};

struct fake {
	struct fc_run run;
	struct fc_result res[2];
	struct fc_finding f[64];
	struct fc_finding *fp[64];
	struct fc_evidence ev[64];
	struct fc_param_def def;
	struct fc_param_val val;
	struct fc_params params;
	const char *keys[4];
	double days[4];
};

/* checks' results: 'p' pass, 'f' fail, 'm' manual; objects: "c:obj" with c
 * 0 or 1 (the check) */
static void fake(struct fake *k, const char *asof, const char *status, const char *const *objs, int high_days)
{
	memset(k, 0, sizeof(*k));
	k->run.as_of = day(asof);
	k->def.name = "remediation_days";
	k->def.type = FC_PT_MAP;
	k->keys[0] = "critical", k->keys[1] = "high", k->keys[2] = "medium", k->keys[3] = "low";
	k->days[0] = 7, k->days[1] = high_days, k->days[2] = 90, k->days[3] = 180;
	k->val.def = &k->def;
	k->val.list = k->keys;
	k->val.map_vals = k->days;
	k->val.n = 4;
	k->val.origin = "default";
	k->params.v = &k->val;
	k->params.n = 1;
	k->run.params = &k->params;
	for (int i = 0; i < 2; i++) {
		k->res[i].meta = &checks[i];
		k->res[i].status = status[i] == 'p' ? FC_R_PASS : status[i] == 'f' ? FC_R_FAIL : FC_R_MANUAL;
		k->run.count[k->res[i].status]++;
	}
	k->run.results = k->res;
	k->run.nresults = 2;
	size_t n = 0;
	for (; objs && objs[n]; n++) {
		struct fc_finding *f = &k->f[n];
		int c = objs[n][0] - '0';
		f->check = &checks[c];
		f->severity = checks[c].severity;
		f->object_type = c ? "account" : "host";
		f->object = objs[n] + 2;
		f->detail = "seen";
		f->due_start = k->run.as_of;
		f->due = k->run.as_of + (c ? 90 : high_days);
		f->system_id = c ? "AD" : "ETRADE";
		char buf[200];
		snprintf(buf, sizeof buf, "%s\n%s\n%s\n", f->check->id, f->object_type, f->object);
		fc_fingerprint(buf, strlen(buf), f->id);
		k->ev[n].file = c ? "accounts/ad.csv" : "inventory/hosts.csv";
		k->ev[n].line = (long)n + 2;
		k->ev[n].excerpt = f->object;
		f->ev = &k->ev[n];
		f->nev = 1;
		k->fp[n] = f;
	}
	k->run.findings = k->fp;
	k->run.nfindings = n;
}

static const char *fid(struct fake *k, size_t i) { return k->f[i].id; }

static struct fc_store *open_store(const char *u, struct fc_diag *d)
{
	struct fc_store *s = NULL;
	fc_diag_init(d);
	if (fc_store_open(u, d, &s)) {
		for (size_t i = 0; i < d->n; i++)
			printf("    | %s\n", d->v[i].msg);
		return NULL;
	}
	return s;
}

struct got {
	char status[20], due[11], due_start[11], acc[20];
	int64_t reopened;
	bool overdue;
	int n;
};

static void got_cb(const struct fc_store_finding *x, void *ud)
{
	struct got *g = ud;
	snprintf(g->status, sizeof g->status, "%s", x->status);
	fc_date_fmt(x->due, g->due);
	fc_date_fmt(x->due_start, g->due_start);
	snprintf(g->acc, sizeof g->acc, "%s", x->acc_status ? x->acc_status : "");
	g->reopened = x->reopened;
	g->overdue = x->overdue;
	g->n++;
}

static struct got get(struct fc_store *s, const char *id)
{
	struct got g = {0};
	fc_store_finding_get(s, id, got_cb, &g);
	return g;
}

static bool chain_ok(struct fc_store *s, struct fc_store_verify *v)
{
	return fc_store_verify(s, v) == FC_OK && v->ok;
}

/* ---- the SQL layer ---- */

static const struct fc_db_migration mig_v2[] = {
	{1, "CREATE TABLE widgets(id {{ID}}, name TEXT NOT NULL UNIQUE, n BIGINT)", NULL},
	{2, "ALTER TABLE widgets ADD COLUMN note TEXT", NULL},
};
static const struct fc_db_module mod_v1 = {"widgets", mig_v2, 1, NULL};
static const struct fc_db_module mod_v2 = {"widgets", mig_v2, 2, NULL};

TEST(db_layer)
{
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_db *db = NULL;
	const char *u = fresh();
	CHECK_INT(fc_db_open(u, &d, &db), FC_OK);
	if (!db)
		return;
	CHECK_INT(fc_db_kind(db), strcmp(backend, "sqlite") ? FC_DB_PG : FC_DB_SQLITE);
	CHECK_INT(fc_db_migrate(db, &mod_v1, &d), FC_OK);
	int64_t v = -1;
	CHECK_INT(fc_db_schema_version(db, "widgets", &v), FC_OK);
	CHECK_INT(v, 1);
	CHECK_INT(fc_db_migrate(db, &mod_v2, &d), FC_OK);
	CHECK_INT(fc_db_migrate(db, &mod_v2, &d), FC_OK); /* idempotent */
	fc_db_schema_version(db, "widgets", &v);
	CHECK_INT(v, 2);
	/* a database newer than the code is refused */
	size_t e0 = d.errors;
	CHECK_INT(fc_db_migrate(db, &mod_v1, &d), FC_EUSAGE);
	CHECK(d.errors > e0);
	/* bind, step, NULLs, RETURNING, quotes in data never reach SQL text */
	struct fc_stmt *s = NULL;
	CHECK_INT(fc_db_prepare(db, "INSERT INTO widgets(name, n, note) VALUES (?, ?, ?) RETURNING id", &s), FC_OK);
	fc_stmt_bind_text(s, 1, "O'Brien \"?\" ; DROP TABLE widgets; --");
	fc_stmt_bind_int(s, 2, 1234567890123LL);
	fc_stmt_bind_null(s, 3);
	CHECK_INT(fc_stmt_step(s), FC_DB_ROW);
	CHECK_INT(fc_stmt_int(s, 0), 1);
	fc_stmt_free(s);
	CHECK_INT(fc_db_prepare(db, "SELECT name, n, note, '?' FROM widgets WHERE n = ?", &s), FC_OK);
	fc_stmt_bind_int(s, 1, 1234567890123LL);
	CHECK_INT(fc_stmt_step(s), FC_DB_ROW);
	CHECK_STR(fc_stmt_text(s, 0), "O'Brien \"?\" ; DROP TABLE widgets; --");
	CHECK_INT(fc_stmt_int(s, 1), 1234567890123LL);
	CHECK(fc_stmt_isnull(s, 2));
	CHECK(fc_stmt_text(s, 2) == NULL);
	CHECK_STR(fc_stmt_text(s, 3), "?");
	CHECK_INT(fc_stmt_step(s), FC_DB_DONE);
	/* reset and run again */
	fc_stmt_reset(s);
	fc_stmt_bind_int(s, 1, 5);
	CHECK_INT(fc_stmt_step(s), FC_DB_DONE);
	fc_stmt_free(s);
	/* constraint failures are flagged, not reported as errors */
	e0 = d.errors;
	CHECK_INT(fc_db_prepare(db, "INSERT INTO widgets(name) VALUES (?)", &s), FC_OK);
	fc_stmt_bind_text(s, 1, "O'Brien \"?\" ; DROP TABLE widgets; --");
	CHECK_INT(fc_stmt_step(s), FC_DB_ERR);
	CHECK(fc_db_constraint_failed(db));
	CHECK_INT(d.errors, e0);
	fc_stmt_free(s);
	/* a rolled-back transaction leaves nothing */
	CHECK_INT(fc_db_begin_write(db), FC_OK);
	CHECK_INT(fc_db_begin_write(db), FC_EUSAGE); /* no nesting */
	CHECK_INT(fc_db_exec(db, "INSERT INTO widgets(name) VALUES ('temp')"), FC_OK);
	fc_db_rollback(db);
	int64_t n = 0;
	CHECK_INT(fc_db_query_int(db, "SELECT count(*) FROM widgets", NULL, 0, -1, &n), FC_OK);
	CHECK_INT(n, 1);
	const char *p[] = {"temp"};
	char *txt = (char *)1;
	CHECK_INT(fc_db_query_text(db, "SELECT name FROM widgets WHERE name = ?", p, 1, &txt), FC_OK);
	CHECK(txt == NULL);
	/* a bad statement is an error with the database's name */
	e0 = d.errors;
	CHECK(fc_db_prepare(db, "SELEC nonsense", &s) != FC_OK);
	CHECK(d.errors > e0);
	fc_db_close(db);
	fc_diag_release(&d);
}

TEST(db_not_a_database)
{
	if (strcmp(backend, "sqlite"))
		return;
	char path[300];
	snprintf(path, sizeof path, "%s/junk.db", tmpdir);
	FILE *f = fopen(path, "wb");
	for (int i = 0; i < 200; i++)
		fputs("this is not a database file at all\n", f);
	fclose(f);
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_db *db = NULL;
	CHECK(fc_db_open(path, &d, &db) != FC_OK);
	CHECK(db == NULL);
	CHECK(d.errors >= 1);
	CHECK(d.n && strstr(d.v[0].file, "junk.db"));
	fc_diag_release(&d);
	/* passwords never reach diagnostics */
	fc_diag_init(&d);
	CHECK(fc_db_open("postgresql://u:s3cret@127.0.0.1:1/x?connect_timeout=1", &d, &db) != FC_OK);
	CHECK(d.n && !strstr(d.v[0].file, "s3cret") && strstr(d.v[0].file, "u@127.0.0.1"));
	fc_diag_release(&d);
}

/* ---- lifecycle ---- */

TEST(lifecycle_open_fixed_reopen)
{
	struct fc_diag d;
	struct fc_store *s = open_store(fresh(), &d);
	if (!s)
		return;
	struct fake k;
	struct fc_store_run_summary sum;
	const char *o1[] = {"0:db01", "0:db02", "1:olduser", NULL};
	fc_store_set_now(s, ts("2026-11-02"));
	fake(&k, "2026-11-01", "ff", o1, 30);
	char a[33], b[33], c[33];
	snprintf(a, 33, "%s", fid(&k, 0));
	snprintf(b, 33, "%s", fid(&k, 1));
	snprintf(c, 33, "%s", fid(&k, 2));
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", &sum), FC_OK);
	CHECK_INT(sum.run_id, 1);
	CHECK_INT(sum.opened, 3);
	struct got g = get(s, b);
	CHECK_STR(g.status, "open");
	CHECK_STR(g.due_start, "2026-11-01");
	CHECK_STR(g.due, "2026-12-01"); /* high: 30 days */
	CHECK_STR(get(s, c).due, "2027-01-30"); /* medium: 90 days */
	/* the same bundle again: same ids, nothing new */
	fc_store_set_now(s, ts("2026-11-20"));
	fake(&k, "2026-11-15", "ff", o1, 30);
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", &sum), FC_OK);
	CHECK_INT(sum.opened, 0);
	CHECK_INT(sum.still_open, 3);
	CHECK_STR(get(s, b).due, "2026-12-01"); /* the clock does not restart */
	size_t n = 0;
	fc_store_findings(s, NULL, NULL, NULL, &n);
	CHECK_INT(n, 3);
	/* db02 gone from a bundle whose check ran: fixed */
	const char *o2[] = {"0:db01", "1:olduser", NULL};
	fake(&k, "2026-12-01", "ff", o2, 30);
	fc_store_set_now(s, ts("2026-12-02"));
	CHECK_INT(fc_store_record(s, &k.run, "d2", "bob", &sum), FC_OK);
	CHECK_INT(sum.fixed, 1);
	CHECK_STR(get(s, b).status, "fixed");
	CHECK_STR(get(s, a).status, "open");
	/* the check could not run (evidence missing → manual): nothing is fixed */
	const char *o3[] = {"0:db01", NULL};
	fake(&k, "2026-12-05", "fm", o3, 30);
	CHECK_INT(fc_store_record(s, &k.run, "d3", "bob", &sum), FC_OK);
	CHECK_INT(sum.fixed, 0);
	CHECK_STR(get(s, c).status, "open");
	/* db02 back: reopened, deadline restarts at this as-of */
	fake(&k, "2026-12-10", "ff", o1, 30);
	fc_store_set_now(s, ts("2026-12-11"));
	CHECK_INT(fc_store_record(s, &k.run, "d1", "carol", &sum), FC_OK);
	CHECK_INT(sum.reopened, 1);
	g = get(s, b);
	CHECK_STR(g.status, "open");
	CHECK_INT(g.reopened, 1);
	CHECK_STR(g.due_start, "2026-12-10");
	CHECK_STR(g.due, "2027-01-09");
	/* overdue: db01 was due 2026-12-01 */
	struct fc_store_filter f = {.overdue = true};
	fc_store_findings(s, &f, NULL, NULL, &n);
	CHECK_INT(n, 1);
	CHECK(get(s, a).overdue);
	struct fc_store_verify v;
	CHECK(chain_ok(s, &v));
	CHECK(v.entries >= 10);
	CHECK(v.rows >= 7);
	fc_store_close(s);
	fc_diag_release(&d);
}

struct hist {
	char lines[32][160];
	int n;
};

static void hist_cb(const struct fc_store_event *e, void *ud)
{
	struct hist *h = ud;
	if (h->n < 32)
		snprintf(h->lines[h->n++], 160, "%s %s %.10s", e->action, e->actor, e->at);
}

TEST(reverify_close_history)
{
	struct fc_diag d;
	struct fc_store *s = open_store(fresh(), &d);
	if (!s)
		return;
	struct fake k;
	const char *o1[] = {"0:db01", NULL};
	fc_store_set_now(s, ts("2026-11-02"));
	fake(&k, "2026-11-01", "fp", o1, 30);
	char a[33];
	snprintf(a, 33, "%s", fid(&k, 0));
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", NULL), FC_OK);
	/* every change needs a person */
	struct fc_store_change ch = {.status = "in_remediation", .owner = "網路組 王小明", .plan = "move to the DB zone"};
	CHECK_INT(fc_store_update(s, a, NULL, &ch), FC_EUSAGE);
	CHECK_INT(fc_store_update(s, a, "wang", &ch), FC_OK);
	CHECK_STR(get(s, a).status, "in_remediation");
	/* a person cannot declare it fixed, verified or closed */
	struct fc_store_change bad = {.status = "fixed"};
	CHECK_INT(fc_store_update(s, a, "wang", &bad), FC_EUSAGE);
	bad.status = "closed";
	CHECK_INT(fc_store_update(s, a, "wang", &bad), FC_EUSAGE);
	CHECK_INT(fc_store_reverify(s, a, "auditor", true, NULL), FC_EUSAGE); /* not fixed yet */
	/* a covering run no longer sees it */
	const char *none[] = {NULL};
	fc_store_set_now(s, ts("2026-11-20"));
	fake(&k, "2026-11-19", "pp", none, 30);
	CHECK_INT(fc_store_record(s, &k.run, "d2", "alice", NULL), FC_OK);
	CHECK_STR(get(s, a).status, "fixed");
	/* 覆查 fails: open again, the original deadline still runs */
	CHECK_INT(fc_store_reverify(s, a, "稽核室 李稽核", false, "port 1433 still open from the DMZ"), FC_OK);
	struct got g = get(s, a);
	CHECK_STR(g.status, "open");
	CHECK_STR(g.due, "2026-12-01");
	fake(&k, "2026-11-25", "pp", none, 30);
	fc_store_set_now(s, ts("2026-11-26"));
	CHECK_INT(fc_store_record(s, &k.run, "d3", "alice", NULL), FC_OK);
	CHECK_INT(fc_store_reverify(s, a, "稽核室 李稽核", true, "confirmed on site"), FC_OK);
	CHECK_STR(get(s, a).status, "verified");
	bad.status = "closed";
	CHECK_INT(fc_store_update(s, a, "資安長", &bad), FC_OK);
	CHECK_STR(get(s, a).status, "closed");
	struct hist h = {0};
	CHECK_INT(fc_store_history(s, a, hist_cb, &h), FC_OK);
	CHECK_INT(h.n, 7);
	CHECK_STR(h.lines[0], "finding.open alice 2026-11-02");
	CHECK_STR(h.lines[1], "finding.status wang 2026-11-02");
	CHECK_STR(h.lines[2], "finding.fixed alice 2026-11-20");
	CHECK_STR(h.lines[3], "finding.verify_failed 稽核室 李稽核 2026-11-20");
	CHECK_STR(h.lines[4], "finding.fixed alice 2026-11-26");
	CHECK_STR(h.lines[5], "finding.verify 稽核室 李稽核 2026-11-26");
	CHECK_STR(h.lines[6], "finding.close 資安長 2026-11-26");
	/* resolving prefixes */
	char full[33];
	char pre[9];
	snprintf(pre, sizeof pre, "%.8s", a);
	CHECK_INT(fc_store_resolve(s, pre, full), FC_OK);
	CHECK_STR(full, a);
	CHECK_INT(fc_store_resolve(s, "zz'--", full), FC_EUSAGE);
	CHECK_INT(fc_store_resolve(s, "000000", full), FC_ENOTFOUND);
	/* closed, then seen again: reopened */
	fake(&k, "2026-12-01", "fp", o1, 30);
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", NULL), FC_OK);
	g = get(s, a);
	CHECK_STR(g.status, "open");
	CHECK_INT(g.reopened, 2);
	struct fc_store_verify v;
	CHECK(chain_ok(s, &v));
	fc_store_close(s);
	fc_diag_release(&d);
}

TEST(risk_acceptance)
{
	struct fc_diag d;
	struct fc_store *s = open_store(fresh(), &d);
	if (!s)
		return;
	struct fake k;
	const char *o1[] = {"1:vendor01", NULL};
	fc_store_set_now(s, ts("2026-11-02"));
	fake(&k, "2026-11-01", "pf", o1, 30);
	char a[33];
	snprintf(a, 33, "%s", fid(&k, 0));
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", NULL), FC_OK);
	/* incomplete requests are refused */
	CHECK_INT(fc_store_accept_request(s, a, "alice", "legacy vendor", NULL, day("2027-03-01"), 365), FC_EUSAGE);
	CHECK_INT(fc_store_accept_request(s, a, "alice", "legacy vendor", "MFA on VPN", FC_NO_DATE, 365), FC_EUSAGE);
	CHECK_INT(fc_store_accept_request(s, a, "alice", "legacy vendor", "MFA on VPN", day("2026-10-01"), 365), FC_EUSAGE);
	CHECK_INT(fc_store_accept_request(s, a, "alice", "legacy vendor", "MFA on VPN", day("2028-03-01"), 365), FC_EUSAGE);
	CHECK_INT(fc_store_accept_request(s, a, "alice", "legacy vendor", "MFA on VPN", day("2027-01-31"), 365), FC_OK);
	CHECK_STR(get(s, a).status, "open"); /* not accepted until approved */
	CHECK_STR(get(s, a).acc, "requested");
	/* four eyes */
	CHECK_INT(fc_store_accept_decide(s, a, "alice", true, NULL), FC_EUSAGE);
	CHECK_INT(fc_store_accept_decide(s, a, "bob", true, "ok until migration"), FC_OK);
	struct got g = get(s, a);
	CHECK_STR(g.status, "accepted");
	CHECK_STR(g.acc, "approved");
	/* accepted findings are not overdue and stay accepted while seen */
	fc_store_set_now(s, ts("2026-12-15"));
	fake(&k, "2026-12-14", "pf", o1, 30);
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", NULL), FC_OK);
	CHECK_STR(get(s, a).status, "accepted");
	/* any edit needs re-approval */
	CHECK_INT(fc_store_accept_request(s, a, "alice", "legacy vendor", "MFA on VPN + IP allow-list", day("2027-02-28"), 365),
		  FC_OK);
	g = get(s, a);
	CHECK_STR(g.status, "open");
	CHECK_STR(g.acc, "requested");
	CHECK_INT(fc_store_accept_decide(s, a, "carol", true, NULL), FC_OK);
	CHECK_STR(get(s, a).status, "accepted");
	/* expiry reopens; the deadline restarts at the expiry date (medium 90) */
	fc_store_set_now(s, ts("2027-03-01"));
	size_t n = 0;
	CHECK_INT(fc_store_expire(s, NULL, &n), FC_OK);
	CHECK_INT(n, 1);
	g = get(s, a);
	CHECK_STR(g.status, "open");
	CHECK_STR(g.due_start, "2027-02-28");
	CHECK_STR(g.due, "2027-05-29");
	CHECK_STR(g.acc, "");
	CHECK_INT(g.reopened, 1);
	/* revoke */
	CHECK_INT(fc_store_accept_request(s, a, "alice", "again", "MFA", day("2027-04-01"), 0), FC_OK);
	CHECK_INT(fc_store_accept_decide(s, a, "bob", true, NULL), FC_OK);
	CHECK_INT(fc_store_accept_revoke(s, a, "ciso", "vendor contract ended"), FC_OK);
	CHECK_STR(get(s, a).status, "open");
	/* the database itself refuses requester = approver */
	int64_t x = 0;
	CHECK_INT(fc_db_query_int(fc_store_db(s), "SELECT count(*) FROM acceptances WHERE approver = requester", NULL, 0, -1, &x),
		  FC_OK);
	CHECK_INT(x, 0);
	struct hist h = {0};
	fc_store_history(s, a, hist_cb, &h);
	CHECK(h.n >= 12);
	struct fc_store_verify v;
	CHECK(chain_ok(s, &v));
	fc_store_close(s);
	fc_diag_release(&d);
}

TEST(deadline_recompute)
{
	struct fc_diag d;
	struct fc_store *s = open_store(fresh(), &d);
	if (!s)
		return;
	struct fake k;
	const char *o1[] = {"0:db01", "1:olduser", NULL};
	fc_store_set_now(s, ts("2026-11-02"));
	fake(&k, "2026-11-01", "ff", o1, 30);
	char a[33], c[33];
	snprintf(a, 33, "%s", fid(&k, 0));
	snprintf(c, 33, "%s", fid(&k, 1));
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", NULL), FC_OK);
	CHECK_STR(get(s, a).due, "2026-12-01");
	/* the institution shortens high to 14 days: recomputed from the start */
	struct fc_store_run_summary sum;
	fc_store_set_now(s, ts("2026-11-20"));
	fake(&k, "2026-11-19", "ff", o1, 14);
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", &sum), FC_OK);
	CHECK_INT(sum.recomputed, 1);
	struct got g = get(s, a);
	CHECK_STR(g.due_start, "2026-11-01");
	CHECK_STR(g.due, "2026-11-15");
	CHECK(g.overdue);
	CHECK_STR(get(s, c).due, "2027-01-30"); /* medium unchanged */
	struct hist h = {0};
	fc_store_history(s, a, hist_cb, &h);
	CHECK_INT(h.n, 2);
	CHECK_STR(h.lines[1], "finding.deadline alice 2026-11-20");
	struct fc_store_verify v;
	CHECK(chain_ok(s, &v));
	fc_store_close(s);
	fc_diag_release(&d);
}

TEST(filters)
{
	struct fc_diag d;
	struct fc_store *s = open_store(fresh(), &d);
	if (!s)
		return;
	struct fake k;
	const char *o1[] = {"0:db01", "0:db02", "1:olduser", "1:temp9", NULL};
	fc_store_set_now(s, ts("2026-11-02"));
	fake(&k, "2026-11-01", "ff", o1, 30);
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", NULL), FC_OK);
	size_t n = 0;
	struct fc_store_filter f = {.severity = "high"};
	fc_store_findings(s, &f, NULL, NULL, &n);
	CHECK_INT(n, 2);
	struct fc_store_filter f2 = {.control = "CC-18000"}; /* matches CC-18000.3 */
	fc_store_findings(s, &f2, NULL, NULL, &n);
	CHECK_INT(n, 2);
	struct fc_store_filter f3 = {.control = "CC-1800"}; /* not a prefix match */
	fc_store_findings(s, &f3, NULL, NULL, &n);
	CHECK_INT(n, 0);
	struct fc_store_filter f4 = {.system = "ETRADE", .status = "open,in_remediation"};
	fc_store_findings(s, &f4, NULL, NULL, &n);
	CHECK_INT(n, 2);
	struct fc_store_filter f5 = {.status = "closed"};
	fc_store_findings(s, &f5, NULL, NULL, &n);
	CHECK_INT(n, 0);
	struct fc_store_filter f6 = {.status = "bogus"};
	CHECK_INT(fc_store_findings(s, &f6, NULL, NULL, &n), FC_EUSAGE);
	struct fc_store_filter f7 = {.control = "%'; --"};
	CHECK_INT(fc_store_findings(s, &f7, NULL, NULL, &n), FC_OK);
	CHECK_INT(n, 0);
	struct fc_store_filter f8 = {.limit = 3};
	fc_store_findings(s, &f8, NULL, NULL, &n);
	CHECK_INT(n, 3);
	fc_store_close(s);
	fc_diag_release(&d);
}

TEST(invalid_utf8_objects)
{
	/* a Big5 host name and a stray byte in evidence: stored as U+FFFD on
	 * both backends, the row hashes still agree */
	struct fc_diag d;
	struct fc_store *s = open_store(fresh(), &d);
	if (!s)
		return;
	struct fake k;
	const char *o1[] = {"0:\xa5\x78\xa5\x5f-db", "1:ok", NULL};
	fc_store_set_now(s, ts("2026-11-02"));
	fake(&k, "2026-11-01", "ff", o1, 30);
	k.ev[0].excerpt = "db,\xff\xfe,DMZ";
	k.f[0].detail = "\xc3";
	char a[33];
	snprintf(a, 33, "%s", fid(&k, 0));
	CHECK_INT(fc_store_record(s, &k.run, "d1", "\xb1\x69\xa4\x54", NULL), FC_OK);
	CHECK_STR(get(s, a).status, "open");
	char *obj = NULL;
	const char *p[] = {a};
	fc_db_query_text(fc_store_db(s), "SELECT object FROM findings WHERE id = ?", p, 1, &obj);
	CHECK_STR(obj, "\xef\xbf\xbdx\xef\xbf\xbd_-db");
	fc_free(obj);
	struct fc_store_verify v;
	CHECK(chain_ok(s, &v));
	if (!v.ok)
		printf("    | %s\n", v.problem);
	/* seen again and fixed: the same id */
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", NULL), FC_OK);
	const char *o2[] = {"1:ok", NULL};
	fake(&k, "2026-11-05", "ff", o2, 30);
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", NULL), FC_OK);
	CHECK_STR(get(s, a).status, "fixed");
	CHECK(chain_ok(s, &v));
	fc_store_close(s);
	fc_diag_release(&d);
}

/* ---- tamper evidence ---- */

static struct fc_store *three_runs(struct fc_diag *d, char a[33])
{
	struct fc_store *s = open_store(fresh(), d);
	if (!s)
		return NULL;
	struct fake k;
	const char *o1[] = {"0:db01", "0:db02", NULL}, *o2[] = {"0:db01", NULL};
	fc_store_set_now(s, ts("2026-11-02"));
	fake(&k, "2026-11-01", "ff", o1, 30);
	snprintf(a, 33, "%s", fid(&k, 0));
	fc_store_record(s, &k.run, "d1", "alice", NULL);
	fake(&k, "2026-11-10", "ff", o2, 30);
	fc_store_record(s, &k.run, "d2", "alice", NULL);
	fake(&k, "2026-11-20", "ff", o1, 30);
	fc_store_record(s, &k.run, "d1", "alice", NULL);
	return s;
}

TEST(tamper_edit_entry)
{
	struct fc_diag d;
	char a[33];
	struct fc_store *s = three_runs(&d, a);
	if (!s)
		return;
	struct fc_store_verify v;
	CHECK(chain_ok(s, &v));
	CHECK_INT(v.last_seq, 8); /* param, 2 opens, run; fixed, run; reopen, run */
	CHECK_INT(fc_db_exec(fc_store_db(s), "UPDATE audit_log SET actor = 'mallory' WHERE seq = 4"), FC_OK);
	CHECK(!chain_ok(s, &v));
	CHECK_INT(v.broken_seq, 4);
	CHECK(strstr(v.problem, "entry 4 was altered") != NULL);
	fc_store_close(s);
	fc_diag_release(&d);
}

TEST(tamper_forged_hash)
{
	struct fc_diag d;
	char a[33];
	struct fc_store *s = three_runs(&d, a);
	if (!s)
		return;
	/* rewriting an entry's hash too: the next entry's link names it */
	fc_db_exec(fc_store_db(s), "UPDATE audit_log SET hash = 'ab' || substr(hash, 3) WHERE seq = 3");
	struct fc_store_verify v;
	CHECK(!chain_ok(s, &v));
	CHECK_INT(v.broken_seq, 3);
	fc_store_close(s);
	fc_diag_release(&d);
}

TEST(tamper_delete_entries)
{
	struct fc_diag d;
	char a[33];
	struct fc_store *s = three_runs(&d, a);
	if (!s)
		return;
	fc_db_exec(fc_store_db(s), "DELETE FROM audit_log WHERE seq = 5");
	struct fc_store_verify v;
	CHECK(!chain_ok(s, &v));
	CHECK_INT(v.broken_seq, 5);
	CHECK(strstr(v.problem, "entry 5 is missing") != NULL);
	fc_store_close(s);
	fc_diag_release(&d);
	s = three_runs(&d, a);
	if (!s)
		return;
	fc_db_exec(fc_store_db(s), "DELETE FROM audit_log WHERE seq = 8"); /* the newest */
	CHECK(!chain_ok(s, &v));
	CHECK_INT(v.broken_seq, 8);
	CHECK(strstr(v.problem, "head") != NULL);
	fc_store_close(s);
	fc_diag_release(&d);
	s = three_runs(&d, a);
	if (!s)
		return;
	fc_db_exec(fc_store_db(s), "DELETE FROM audit_log WHERE seq = 1");
	CHECK(!chain_ok(s, &v));
	CHECK_INT(v.broken_seq, 2);
	CHECK(strstr(v.problem, "before 2") != NULL);
	fc_store_close(s);
	fc_diag_release(&d);
}

TEST(tamper_edit_rows)
{
	struct fc_diag d;
	char a[33];
	struct fc_store *s = three_runs(&d, a);
	if (!s)
		return;
	/* closing a finding behind fincheck's back */
	struct fc_stmt *st = NULL;
	fc_db_prepare(fc_store_db(s), "UPDATE findings SET status = 'closed' WHERE id = ?", &st);
	fc_stmt_bind_text(st, 1, a);
	CHECK_INT(fc_stmt_run(st), FC_OK);
	fc_stmt_free(st);
	struct fc_store_verify v;
	CHECK(!chain_ok(s, &v));
	CHECK_INT(v.broken_seq, 2); /* the entry that opened it */
	CHECK(strstr(v.problem, a) != NULL);
	CHECK(strstr(v.problem, "edited behind") != NULL);
	fc_store_close(s);
	fc_diag_release(&d);
	/* evidence of a run rewritten */
	s = three_runs(&d, a);
	if (!s)
		return;
	fc_db_exec(fc_store_db(s), "UPDATE evidence SET line = 99 WHERE run_id = 2");
	CHECK(!chain_ok(s, &v));
	CHECK(strstr(v.problem, "run 2 was edited") != NULL);
	fc_store_close(s);
	fc_diag_release(&d);
	/* a finding deleted */
	s = three_runs(&d, a);
	if (!s)
		return;
	fc_db_prepare(fc_store_db(s), "DELETE FROM findings WHERE id = ?", &st);
	fc_stmt_bind_text(st, 1, a);
	CHECK_INT(fc_stmt_run(st), FC_OK);
	fc_stmt_free(st);
	CHECK(!chain_ok(s, &v));
	CHECK(strstr(v.problem, "was deleted behind") != NULL);
	CHECK(strstr(v.problem, a) != NULL);
	fc_store_close(s);
	fc_diag_release(&d);
}

/* ---- retention ---- */

TEST(purge_retention)
{
	struct fc_diag d;
	struct fc_store *s = open_store(fresh(), &d);
	if (!s)
		return;
	struct fake k;
	const char *o1[] = {"0:db01", "1:olduser", NULL}, *o2[] = {"1:olduser", NULL};
	fc_store_set_now(s, ts("2020-01-11"));
	fake(&k, "2020-01-10", "ff", o1, 30);
	char a[33], c[33];
	snprintf(a, 33, "%s", fid(&k, 0));
	snprintf(c, 33, "%s", fid(&k, 1));
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", NULL), FC_OK);
	fc_store_set_now(s, ts("2020-02-02"));
	fake(&k, "2020-02-01", "ff", o2, 30);
	CHECK_INT(fc_store_record(s, &k.run, "d2", "alice", NULL), FC_OK);
	CHECK_INT(fc_store_reverify(s, a, "auditor", true, NULL), FC_OK);
	struct fc_store_change cl = {.status = "closed"};
	CHECK_INT(fc_store_update(s, a, "ciso", &cl), FC_OK);
	fc_store_set_now(s, ts("2026-01-05"));
	fake(&k, "2026-01-04", "ff", o2, 30);
	CHECK_INT(fc_store_record(s, &k.run, "d2", "alice", NULL), FC_OK);
	/* inside the five years: refused */
	struct fc_store_purge_summary ps;
	size_t e0 = d.errors;
	CHECK_INT(fc_store_purge(s, day("2021-06-01"), 1825, "admin", false, &ps), FC_EUSAGE);
	CHECK(d.errors > e0);
	CHECK(d.n && strstr(d.v[d.n - 1].msg, "retention") != NULL);
	CHECK_INT(fc_store_purge(s, day("2021-01-01"), 1825, NULL, false, &ps), FC_EUSAGE);
	/* dry run counts, deletes nothing */
	CHECK_INT(fc_store_purge(s, day("2021-01-01"), 1825, "admin", true, &ps), FC_OK);
	CHECK_INT(ps.runs, 2);
	CHECK_INT(ps.findings, 1);
	int64_t n = 0;
	fc_db_query_int(fc_store_db(s), "SELECT count(*) FROM runs", NULL, 0, 0, &n);
	CHECK_INT(n, 3);
	CHECK_INT(fc_store_purge(s, day("2021-01-01"), 1825, "admin", false, &ps), FC_OK);
	CHECK_INT(ps.runs, 2);
	CHECK_INT(ps.findings, 1);
	fc_db_query_int(fc_store_db(s), "SELECT count(*) FROM runs", NULL, 0, 0, &n);
	CHECK_INT(n, 1);
	fc_db_query_int(fc_store_db(s), "SELECT count(*) FROM findings", NULL, 0, 0, &n);
	CHECK_INT(n, 1);
	/* the still-open finding keeps its history; the chain still verifies */
	CHECK_STR(get(s, c).status, "open");
	struct fc_store_verify v;
	CHECK(chain_ok(s, &v));
	if (!v.ok)
		printf("    | %s\n", v.problem);
	/* a later run and a second purge keep it verifiable */
	fc_store_set_now(s, ts("2026-02-01"));
	fake(&k, "2026-01-31", "ff", o1, 30);
	CHECK_INT(fc_store_record(s, &k.run, "d1", "alice", NULL), FC_OK);
	CHECK_INT(fc_store_purge(s, day("2021-01-30"), 1825, "admin", false, &ps), FC_OK);
	CHECK(chain_ok(s, &v));
	if (!v.ok)
		printf("    | %s\n", v.problem);
	/* deleting old entries by hand is still caught: the purge anchor */
	fc_db_exec(fc_store_db(s), "DELETE FROM audit_log WHERE seq = (SELECT min(seq) FROM audit_log)");
	CHECK(!chain_ok(s, &v));
	fc_store_close(s);
	fc_diag_release(&d);
}

/* ---- concurrency ---- */

TEST(concurrent_writers)
{
	const char *u = fresh();
	struct fc_diag d;
	struct fc_store *s = open_store(u, &d);
	if (!s)
		return;
	fc_store_close(s);
	fc_diag_release(&d);
	enum { PROCS = 3, RUNS = 8 };
	pid_t kids[PROCS];
	for (int p = 0; p < PROCS; p++) {
		kids[p] = fork();
		if (kids[p] == 0) {
			struct fc_diag dd;
			struct fc_store *cs = open_store(u, &dd);
			int bad = !cs;
			for (int i = 0; cs && i < RUNS; i++) {
				struct fake k;
				const char *o1[] = {"0:db01", "0:db02", "1:a", "1:b", NULL}, *o2[] = {"0:db01", "1:b", NULL};
				fake(&k, "2026-11-01", "ff", (i + p) % 2 ? o1 : o2, 30);
				char by[16];
				snprintf(by, sizeof by, "proc%d", p);
				if (fc_store_record(cs, &k.run, "d", by, NULL))
					bad = 1;
			}
			fc_store_close(cs);
			fc_diag_release(&dd);
			_exit(bad);
		}
	}
	int fails = 0;
	for (int p = 0; p < PROCS; p++) {
		int wst = 0;
		waitpid(kids[p], &wst, 0);
		fails += !WIFEXITED(wst) || WEXITSTATUS(wst);
	}
	CHECK_INT(fails, 0);
	s = open_store(u, &d);
	if (!s)
		return;
	int64_t n = 0;
	fc_db_query_int(fc_store_db(s), "SELECT count(*) FROM runs", NULL, 0, 0, &n);
	CHECK_INT(n, PROCS * RUNS);
	struct fc_store_verify v;
	CHECK(chain_ok(s, &v));
	if (!v.ok)
		printf("    | %s\n", v.problem);
	fc_store_close(s);
	fc_diag_release(&d);
}

TEST(backup)
{
	if (strcmp(backend, "sqlite"))
		return;
	struct fc_diag d;
	char a[33];
	struct fc_store *s = three_runs(&d, a);
	if (!s)
		return;
	char dest[300];
	snprintf(dest, sizeof dest, "%s/backup.db", tmpdir);
	CHECK_INT(fc_store_backup(s, dest), FC_OK);
	fc_store_close(s);
	fc_diag_release(&d);
	s = open_store(dest, &d);
	if (!s)
		return;
	struct fc_store_verify v;
	CHECK(chain_ok(s, &v));
	CHECK_INT(v.last_seq, 8); /* param, 2 opens, run; fixed, run; reopen, run */
	CHECK_STR(get(s, a).status, "open");
	fc_store_close(s);
	fc_diag_release(&d);
}

static void suite(void)
{
	RUN(db_layer);
	RUN(db_not_a_database);
	RUN(lifecycle_open_fixed_reopen);
	RUN(reverify_close_history);
	RUN(risk_acceptance);
	RUN(deadline_recompute);
	RUN(filters);
	RUN(invalid_utf8_objects);
	RUN(tamper_edit_entry);
	RUN(tamper_forged_hash);
	RUN(tamper_delete_entries);
	RUN(tamper_edit_rows);
	RUN(purge_retention);
	RUN(concurrent_writers);
	RUN(backup);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/fc-test-store-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		printf("FAIL mkdtemp\n");
		return 1;
	}
	suite();
	if (getenv("FINCHECK_PG_URL") && *getenv("FINCHECK_PG_URL")) {
		backend = "postgresql";
		printf("-- the same suite on PostgreSQL\n");
		suite();
	} else
		printf("SKIP store_postgresql: FINCHECK_PG_URL not set (run through tests/pg.sh; tests/cli/test_store.sh does)\n");
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("note: could not remove %s\n", tmpdir);
	return t_done();
}
