/* Unit tests of the dashboard's library parts: passwords, users, login
 * lockout, sessions and CSRF (auth.c); listen addresses (server.c); the
 * supervisor's zones, import validation and CSV cells (supervise.c);
 * incident deadlines (incident.c); SVG escaping (svg.c).  Databases are
 * temporary SQLite files. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../src/core/date.h"
#include "../../src/core/mem.h"
#include "../../src/web/auth.h"
#include "../../src/web/incident.h"
#include "../../src/web/server.h"
#include "../../src/web/supervise.h"
#include "../../src/web/svg.h"
#include "../../src/web/webdb.h"
#include "t.h"

static char dbpath[64];

static struct fc_store *open_tmp(struct fc_diag *d)
{
	snprintf(dbpath, sizeof dbpath, "/tmp/fc-test-web-%ld.db", (long)getpid());
	unlink(dbpath);
	char x[80];
	snprintf(x, sizeof x, "%s-wal", dbpath);
	unlink(x);
	snprintf(x, sizeof x, "%s-shm", dbpath);
	unlink(x);
	struct fc_store *s = NULL;
	fc_diag_init(d);
	if (fc_webdb_open(dbpath, d, &s))
		return NULL;
	return s;
}

static void close_tmp(struct fc_store *s, struct fc_diag *d)
{
	fc_store_close(s);
	fc_diag_release(d);
	unlink(dbpath);
	char x[80];
	snprintf(x, sizeof x, "%s-wal", dbpath);
	unlink(x);
	snprintf(x, sizeof x, "%s-shm", dbpath);
	unlink(x);
}

TEST(password_rules)
{
	CHECK(fc_password_weak("short1!") != NULL);
	CHECK(fc_password_weak("longenoughbutnodigits!") != NULL);
	CHECK(fc_password_weak("longenough12345") != NULL);
	CHECK(fc_password_weak("S3cure!pass99") == NULL);
	/* ten characters, not ten bytes: 八個中文字 + 1! */
	CHECK(fc_password_weak("資安密碼很長很長1!") == NULL);
	CHECK(fc_password_weak("資安1!") != NULL);
	CHECK(fc_user_name_ok("alice.chen@example"));
	CHECK(!fc_user_name_ok(""));
	CHECK(!fc_user_name_ok("a b"));
	CHECK(!fc_user_name_ok("<script>"));
	CHECK_INT(fc_role_parse("auditor"), FC_ROLE_AUDITOR);
	CHECK_INT(fc_role_parse("root"), -1);
}

TEST(argon2id_roundtrip)
{
	char h1[160], h2[160];
	CHECK_INT(fc_password_hash("S3cure!pass99", h1, sizeof h1), FC_OK);
	CHECK_INT(fc_password_hash("S3cure!pass99", h2, sizeof h2), FC_OK);
	CHECK(!strncmp(h1, "$argon2id$v=19$m=19456,t=2,p=1$", 31));
	CHECK(strcmp(h1, h2) != 0); /* random salt */
	CHECK(fc_password_verify(h1, "S3cure!pass99"));
	CHECK(!fc_password_verify(h1, "S3cure!pass98"));
	CHECK(!fc_password_verify("$2y$10$notargon", "x"));
	CHECK(!fc_password_verify(NULL, "x"));
}

TEST(tokens)
{
	char a[65], b[65];
	CHECK_INT(fc_random_hex(a, 32), FC_OK);
	CHECK_INT(fc_random_hex(b, 32), FC_OK);
	CHECK_INT(strlen(a), 64);
	CHECK(strcmp(a, b) != 0);
	CHECK(fc_ct_streq(a, a));
	CHECK(!fc_ct_streq(a, b));
	CHECK(!fc_ct_streq(a, NULL));
	CHECK(!fc_ct_streq("", ""));
	char h[65];
	fc_sha256_hex("abc", 3, h);
	CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(login_lockout_sessions)
{
	struct fc_diag d;
	struct fc_store *s = open_tmp(&d);
	CHECK(s != NULL);
	if (!s)
		return;
	struct fc_db *db = fc_store_db(s);
	fc_web_set_now(1793500000);
	CHECK_INT(fc_user_add(db, "alice", "admin", "S3cure!pass99", "root", &d), FC_OK);
	CHECK_INT(fc_user_add(db, "alice", "viewer", "S3cure!pass99", "root", &d), FC_EUSAGE);
	CHECK_INT(fc_user_add(db, "bob", "god", "S3cure!pass99", "root", &d), FC_EUSAGE);
	struct fc_login_policy pol = FC_LOGIN_POLICY_DEFAULT;
	enum fc_login_result res;
	struct fc_session sess;
	int64_t t = 1793500000;
	CHECK_INT(fc_login(db, "alice", "wrong!Pass1", "127.0.0.1", &pol, t, &res, &sess), FC_OK);
	CHECK_INT(res, FC_LOGIN_BAD);
	CHECK_INT(fc_login(db, "nobody", "wrong!Pass1", "127.0.0.1", &pol, t, &res, &sess), FC_OK);
	CHECK_INT(res, FC_LOGIN_BAD);
	CHECK_INT(fc_login(db, "alice", "wrong!Pass2", NULL, &pol, t, &res, &sess), FC_OK);
	CHECK_INT(res, FC_LOGIN_BAD);
	CHECK_INT(fc_login(db, "alice", "wrong!Pass3", NULL, &pol, t, &res, &sess), FC_OK);
	CHECK_INT(res, FC_LOGIN_LOCKED); /* the third failure locks */
	CHECK_INT(fc_login(db, "alice", "S3cure!pass99", NULL, &pol, t + 60, &res, &sess), FC_OK);
	CHECK_INT(res, FC_LOGIN_LOCKED); /* right password, still locked */
	CHECK_INT(fc_login(db, "alice", "S3cure!pass99", NULL, &pol, t + 14 * 60 + 59, &res, &sess), FC_OK);
	CHECK_INT(res, FC_LOGIN_LOCKED);
	CHECK_INT(fc_login(db, "alice", "S3cure!pass99", NULL, &pol, t + 15 * 60 + 1, &res, &sess), FC_OK);
	CHECK_INT(res, FC_LOGIN_OK); /* 15 minutes later */
	CHECK_INT(strlen(sess.token), 64);
	CHECK_INT(strlen(sess.csrf), 64);
	CHECK_INT(sess.role, FC_ROLE_ADMIN);
	struct fc_session got;
	CHECK_INT(fc_session_get(db, sess.token, t + 3600, &got), FC_OK);
	CHECK_STR(got.user, "alice");
	CHECK(fc_csrf_ok(&got, sess.csrf));
	CHECK(!fc_csrf_ok(&got, "0000"));
	CHECK(!fc_csrf_ok(&got, NULL));
	/* expires after 8 hours; unknown and malformed tokens */
	CHECK_INT(fc_session_get(db, sess.token, t + 15 * 60 + 1 + 8 * 3600, &got), FC_ENOTFOUND);
	CHECK_INT(fc_session_get(db, "' OR 1=1 --", t, &got), FC_ENOTFOUND);
	char other[65];
	fc_random_hex(other, 32);
	CHECK_INT(fc_session_get(db, other, t, &got), FC_ENOTFOUND);
	/* the token itself is not stored */
	int64_t n = -1;
	const char *p[] = {sess.token};
	fc_db_query_int(db, "SELECT count(*) FROM web_sessions WHERE token_hash = ?", p, 1, 0, &n);
	CHECK_INT(n, 0);
	/* logout ends it; a new password ends all */
	CHECK_INT(fc_session_end(db, sess.token, "alice"), FC_OK);
	CHECK_INT(fc_session_get(db, sess.token, t + 3600, &got), FC_ENOTFOUND);
	CHECK_INT(fc_login(db, "alice", "S3cure!pass99", NULL, &pol, t + 3600, &res, &sess), FC_OK);
	CHECK_INT(fc_user_passwd(db, "alice", "N3w!password00", "alice", &d), FC_OK);
	CHECK_INT(fc_session_get(db, sess.token, t + 3600, &got), FC_ENOTFOUND);
	CHECK_INT(fc_user_del(db, "nobody", "root", &d), FC_ENOTFOUND);
	/* every change is in the audit chain */
	fc_db_query_int(db, "SELECT count(*) FROM audit_log WHERE action IN ('user.add', 'login.failed', 'login.locked', "
			"'login.refused_locked', 'login', 'logout', 'user.passwd')", NULL, 0, 0, &n);
	CHECK_INT(n, 1 + 2 + 1 + 2 + 2 + 1 + 1);
	fc_web_set_now(0);
	close_tmp(s, &d);
}

TEST(listen_parse)
{
	char host[64];
	uint16_t port;
	bool loop;
	CHECK(fc_web_parse_listen("127.0.0.1:8080", host, &port, &loop));
	CHECK_STR(host, "127.0.0.1");
	CHECK_INT(port, 8080);
	CHECK(loop);
	CHECK(fc_web_parse_listen(":0", host, &port, &loop) && loop && port == 0);
	CHECK(fc_web_parse_listen("localhost:9000", host, &port, &loop) && loop);
	CHECK(fc_web_parse_listen("[::1]:8443", host, &port, &loop) && loop);
	CHECK_STR(host, "::1");
	CHECK(fc_web_parse_listen("0.0.0.0:80", host, &port, &loop) && !loop);
	CHECK(!fc_web_parse_listen("example.com:80", host, &port, &loop));
	CHECK(!fc_web_parse_listen("127.0.0.1:99999", host, &port, &loop));
	CHECK(!fc_web_parse_listen("127.0.0.1", host, &port, &loop));
}

TEST(zones)
{
	struct fc_sv_params p;
	fc_sv_params_init(&p, NULL);
	CHECK(p.points[FC_SEV_CRITICAL] == 5 && p.points[FC_SEV_HIGH] == 3 && p.points[FC_SEV_MEDIUM] == 2 &&
	      p.points[FC_SEV_LOW] == 1 && p.points[FC_SEV_INFO] == 0);
	CHECK_INT(fc_sv_place(&p, 0.5, true, 20), FC_ZONE_ATTENTION); /* both thresholds inclusive */
	CHECK_INT(fc_sv_place(&p, 0.49, true, 20), FC_ZONE_GUIDANCE);
	CHECK_INT(fc_sv_place(&p, 0.9, true, 19.5), FC_ZONE_WATCH);
	CHECK_INT(fc_sv_place(&p, 0.1, true, 3), FC_ZONE_LOW);
	CHECK_INT(fc_sv_place(&p, 0.05, true, 40), FC_ZONE_ATTENTION); /* severe regardless of share */
	CHECK_INT(fc_sv_place(&p, 0, false, 25), FC_ZONE_GUIDANCE);
	CHECK_INT(fc_sv_place(&p, 0, false, 5), FC_ZONE_LOW);
	CHECK_STR(fc_sv_zone_label(FC_ZONE_ATTENTION, true), "需關懷");
}

TEST(csv_cells)
{
	struct fc_buf b;
	fc_buf_init(&b, 0);
	fc_csv_cell(&b, "=HYPERLINK(\"http://x\")");
	fc_buf_addc(&b, '|');
	fc_csv_cell(&b, "a,b");
	fc_buf_addc(&b, '|');
	fc_csv_cell(&b, "@SUM(1)");
	fc_buf_addc(&b, '|');
	fc_csv_cell(&b, "plain");
	fc_buf_addc(&b, '|');
	fc_csv_cell(&b, NULL);
	CHECK_STR(fc_buf_str(&b), "\"'=HYPERLINK(\"\"http://x\"\")\"|\"a,b\"|\"'@SUM(1)\"|plain|");
	fc_buf_release(&b);
}

static const char good_json[] =
	"{\"org\": {\"name\": \"測試證券\", \"etrading_share\": 0.6}, \"as_of\": \"2026-10-01\","
	" \"results\": [{\"check\": \"x.one\", \"area\": \"network\"}],"
	" \"findings\": [{\"check\": \"x.one\", \"severity\": \"high\", \"title_zh\": \"一\"},"
	" {\"check\": \"x.one\", \"severity\": \"critical\"}, {\"check\": \"y.two\", \"severity\": \"info\"},"
	" {\"check\": \"z.three\", \"severity\": \"medium\"}]}";

TEST(supervise_import)
{
	struct fc_diag d;
	struct fc_store *s = open_tmp(&d);
	CHECK(s != NULL);
	if (!s)
		return;
	struct fc_db *db = fc_store_db(s);
	struct fc_sv_import_info info;
	CHECK_INT(fc_sv_import_mem(db, good_json, strlen(good_json), "a.json", NULL, "examiner", NULL, &info, &d), FC_OK);
	CHECK_STR(info.firm, "測試證券");
	CHECK_STR(info.period, "2026");
	CHECK_INT(info.findings, 4);
	CHECK(!info.replaced);
	CHECK_INT(fc_sv_import_mem(db, good_json, strlen(good_json), "a.json", NULL, "examiner", NULL, &info, &d), FC_OK);
	CHECK(info.replaced);
	struct fc_sv_params p;
	fc_sv_params_init(&p, NULL);
	struct fc_sv_status st;
	CHECK_INT(fc_sv_status(db, &p, NULL, &st), FC_OK);
	CHECK_INT(st.n, 1);
	/* x.one at its worst (critical 5) + z.three medium 2; info counts 0 */
	CHECK(st.n == 1 && st.firms[0].points == 7);
	CHECK(st.n == 1 && st.firms[0].types == 2);
	CHECK(st.n == 1 && st.firms[0].zone == FC_ZONE_WATCH);
	fc_sv_status_release(&st);
	struct fc_sv_trend tr;
	CHECK_INT(fc_sv_trend(db, &p, "2026", &tr), FC_OK);
	CHECK_INT(tr.ntypes, 2); /* the info-only type is no deficiency */
	CHECK(tr.ntypes == 2 && !strcmp(tr.types[0].area, "network"));
	CHECK(tr.prev_period == NULL);
	fc_sv_trend_release(&tr);
	CHECK_INT(fc_sv_status(db, &p, "1999", &st), FC_ENOTFOUND);
	/* malformed inputs: each refused, nothing stored */
	static const char *const bad[] = {
		"",
		"[]",
		"{\"org\": {\"name\": \"\"}, \"as_of\": \"2026-10-01\", \"findings\": []}",
		"{\"org\": {\"name\": \"A\"}, \"as_of\": \"yesterday\", \"findings\": []}",
		"{\"org\": {\"name\": \"A\", \"etrading_share\": \"0.5\"}, \"as_of\": \"2026-10-01\", \"findings\": []}",
		"{\"org\": {\"name\": \"A\"}, \"as_of\": \"2026-10-01\", \"findings\": {}}",
		"{\"org\": {\"name\": \"A\"}, \"as_of\": \"2026-10-01\", \"findings\": [{\"check\": \"<x>\", \"severity\": \"low\"}]}",
		"{\"org\": {\"name\": \"A\"}, \"as_of\": \"2026-10-01\", \"findings\": [7]}",
		"{\"org\": {\"name\": \"A\", \"name\": \"B\"}, \"as_of\": \"2026-10-01\", \"findings\": []}",
		"{\"org\": {\"name\": \"A\"}, \"as_of\": \"2026-10-01\", \"findings\": [{\"check\": \"a.b\", \"severity\": \"low\"",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		size_t before = d.errors;
		CHECK(fc_sv_import_mem(db, bad[i], strlen(bad[i]), "bad.json", NULL, "x", NULL, &info, &d) != FC_OK);
		CHECK(d.errors > before);
	}
	int64_t n = 0;
	fc_db_query_int(db, "SELECT count(*) FROM sv_results", NULL, 0, 0, &n);
	CHECK_INT(n, 1);
	fc_db_query_int(db, "SELECT count(*) FROM audit_log WHERE action = 'supervise.import'", NULL, 0, 0, &n);
	CHECK_INT(n, 2);
	/* the syntax error names its line and column */
	bool named = false;
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].file && !strcmp(d.v[i].file, "bad.json") && d.v[i].line == 1 && d.v[i].col > 0)
			named = true;
	CHECK(named);
	close_tmp(s, &d);
}

TEST(incident_deadlines)
{
	struct fc_incident_policy p;
	fc_incident_policy_init(&p, NULL);
	CHECK(p.initial_min == 30 && p.formal_hours == 24 && p.close_days == 3);
	struct fc_incident i = {.detected_at = 1000000};
	struct fc_inc_deadline dl[FC_INC__STAGES];
	fc_incident_deadlines(&i, &p, 1000000 + 29 * 60, dl);
	CHECK_INT(dl[FC_INC_INITIAL].state, FC_INC_PENDING);
	CHECK_INT(dl[FC_INC_INITIAL].remaining, 60);
	fc_incident_deadlines(&i, &p, 1000000 + 31 * 60, dl);
	CHECK_INT(dl[FC_INC_INITIAL].state, FC_INC_OVERDUE);
	CHECK(fc_incident_overdue(&i, &p, 1000000 + 31 * 60));
	i.initial_at = 1000000 + 30 * 60; /* exactly on the deadline is on time */
	i.formal_at = 1000000 + 24 * 3600 + 1;
	fc_incident_deadlines(&i, &p, 1000000 + 25 * 3600, dl);
	CHECK_INT(dl[FC_INC_INITIAL].state, FC_INC_ON_TIME);
	CHECK_INT(dl[FC_INC_FORMAL].state, FC_INC_LATE);
	CHECK_INT(dl[FC_INC_CLOSE].state, FC_INC_PENDING);
	CHECK_INT(dl[FC_INC_CLOSE].due, 1000000 + 3 * 86400);
	char s[32];
	fc_duration_fmt(-(2 * 86400 + 3 * 3600 + 60), s, true);
	CHECK_STR(s, "2天03時");
	fc_duration_fmt(3 * 3600 + 5 * 60, s, false);
	CHECK_STR(s, "3h05m");
}

TEST(incident_store)
{
	struct fc_diag d;
	struct fc_store *s = open_tmp(&d);
	CHECK(s != NULL);
	if (!s)
		return;
	struct fc_db *db = fc_store_db(s);
	int64_t t0;
	bool never;
	CHECK(fc_ts_parse("2026-10-20T09:00:00+08:00", &t0, &never));
	fc_web_set_now(t0 + 3600);
	const char *sys[] = {"ETRADE", "ETRADE", "API"};
	char ref[FC_INC_REF_MAX + 1];
	CHECK_INT(fc_incident_open(db, NULL, "DDoS", 2, true, t0, sys, 3, "officer", ref, &d), FC_OK);
	CHECK_STR(ref, "INC-20261020-001");
	CHECK_INT(fc_incident_open(db, NULL, "second", 0, false, t0 + 60, NULL, 0, "officer", ref, &d), FC_OK);
	CHECK_STR(ref, "INC-20261020-002");
	CHECK_INT(fc_incident_open(db, "bad ref!", "x", 0, false, t0, NULL, 0, "o", ref, &d), FC_EUSAGE);
	CHECK_INT(fc_incident_open(db, NULL, "line\nbreak", 0, false, t0, NULL, 0, "o", ref, &d), FC_EUSAGE);
	CHECK_INT(fc_incident_mark(db, "INC-20261020-001", FC_INC_INITIAL, t0 + 600, "officer", &d), FC_OK);
	CHECK_INT(fc_incident_mark(db, "INC-20261020-001", FC_INC_INITIAL, t0 + 700, "officer", &d), FC_EUSAGE);
	CHECK_INT(fc_incident_mark(db, "INC-20261020-001", FC_INC_FORMAL, t0 - 1, "officer", &d), FC_EUSAGE);
	CHECK_INT(fc_incident_mark(db, "INC-404", FC_INC_FORMAL, t0, "officer", &d), FC_ENOTFOUND);
	struct fc_incident inc;
	CHECK_INT(fc_incident_get(db, "INC-20261020-001", &inc), FC_OK);
	CHECK_INT(inc.nsystems, 2);
	CHECK(inc.major && inc.level == 2 && inc.initial_at == t0 + 600 && inc.formal_at == 0);
	int32_t day;
	CHECK_INT(fc_incident_last_major(db, "ETRADE", &day), FC_OK);
	char ds[11];
	fc_date_fmt(day, ds);
	CHECK_STR(ds, "2026-10-20");
	CHECK_INT(fc_incident_last_major(db, "CRM", &day), FC_OK);
	CHECK(day == FC_NO_DATE);
	struct fc_buf b;
	fc_buf_init(&b, 0);
	CHECK_INT(fc_incident_export_records(db, &b), FC_OK);
	CHECK(strstr(fc_buf_str(&b), "- type: incident\n  id: \"INC-20261020-001\"\n  detected_at: 2026-10-20T09:00:00+08:00\n"
				      "  initial_report_at: 2026-10-20T09:10:00+08:00\n  level: 2\n  systems: [\"API\", \"ETRADE\"]\n"
				      "  major: yes\n  summary: \"DDoS\"\n") != NULL);
	fc_buf_release(&b);
	fc_web_set_now(0);
	close_tmp(s, &d);
}

TEST(svg_escapes)
{
	struct fc_buf b;
	fc_buf_init(&b, 0);
	const char *labels[] = {"<script>alert(1)</script>", "a\" onload=\"x"};
	double v[] = {3, 0};
	fc_svg_hbars(&b, "t<", labels, v, NULL, 2);
	struct fc_svg_point pt = {"<img src=x>", 0.7, 12, 0};
	const char *zl[4] = {"a", "b", "c", "d"};
	fc_svg_plane(&b, "plane", &pt, 1, 0.5, 20, 40, zl, "x", "y");
	const char *s = fc_buf_str(&b);
	CHECK(strstr(s, "<script") == NULL);
	CHECK(strstr(s, "<img") == NULL);
	CHECK(strstr(s, "\" onload=\"") == NULL);
	CHECK(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
	CHECK(strstr(s, "aria-label=\"t&lt;\"") != NULL);
	CHECK(strstr(s, "&lt;img src=x&gt;") != NULL);
	fc_buf_release(&b);
}

int main(void)
{
	RUN(password_rules);
	RUN(argon2id_roundtrip);
	RUN(tokens);
	RUN(login_lockout_sessions);
	RUN(listen_parse);
	RUN(zones);
	RUN(csv_cells);
	RUN(supervise_import);
	RUN(incident_deadlines);
	RUN(incident_store);
	RUN(svg_escapes);
	return t_done();
}
