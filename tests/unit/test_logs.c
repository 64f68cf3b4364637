/* Authentication-log analytics (issue 6): the sshd classifier, the login
 * reader, the analyser and the alert rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "core/date.h"
#include "core/mem.h"
#include "core/reader.h"
#include "core/ytree.h"
#include "parse/logs.h"
#include "t.h"

static char dir[64];
static int32_t asof; /* 2026-11-01 */

static const char *wfile(const char *name, const char *text)
{
	static char path[8][256];
	static int k;
	char *p = path[k++ % 8];
	snprintf(p, 256, "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	fputs(text, f);
	fclose(f);
	return p;
}

struct run {
	struct fc_diag d;
	struct fc_log_facts *f;
	struct fc_arena a;
	struct fc_log_alert *al;
	size_t n;
};

static void analyze(struct run *r, const struct fc_log_input *in, size_t n, int threads, size_t cap,
		    const struct fc_log_thresholds *t)
{
	memset(r, 0, sizeof(*r));
	fc_diag_init(&r->d);
	fc_arena_init(&r->a);
	struct fc_log_opts o = {.as_of = asof, .threads = threads, .max_day_keys = cap};
	CHECK(fc_log_analyze(in, n, &o, &r->d, &r->f) == FC_OK);
	struct fc_log_thresholds def;
	fc_log_thresholds_default(&def);
	if (r->f)
		CHECK(fc_log_alerts(r->f, t ? t : &def, &r->a, &r->al, &r->n) == FC_OK);
}

static void done(struct run *r)
{
	fc_log_facts_free(r->f);
	fc_arena_release(&r->a);
	fc_diag_release(&r->d);
}

static const struct fc_log_alert *find(const struct run *r, enum fc_log_alert_kind k, const char *ip,
				       const char *acct)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct fc_log_alert *a = &r->al[i];
		if (a->kind != k)
			continue;
		if (ip && (!a->ip || strcmp(a->ip, ip)))
			continue;
		if (acct && (!a->account || strcmp(a->account, acct)))
			continue;
		return a;
	}
	return NULL;
}

static size_t count_kind(const struct run *r, enum fc_log_alert_kind k)
{
	size_t c = 0;
	for (size_t i = 0; i < r->n; i++)
		c += r->al[i].kind == k;
	return c;
}

/* ---- the classifier ---- */

TEST(ssh_rfc3164_failed)
{
	struct fc_ssh_line l;
	const char *s = "Oct 14 09:12:01 web01 sshd[2101]: Failed password for invalid user oracle from 203.0.113.9 port 52144 ssh2";
	CHECK(fc_ssh_classify(s, strlen(s), asof, &l));
	CHECK_INT(l.msg, FC_SSH_FAILED);
	CHECK(l.invalid_user);
	CHECK_INT(l.pid, 2101);
	CHECK(l.user_len == 6 && !memcmp(l.user, "oracle", 6));
	CHECK(l.ip_len == 11 && !memcmp(l.ip, "203.0.113.9", 11));
	CHECK(l.host_len == 5 && !memcmp(l.host, "web01", 5));
	CHECK(l.method_len == 8 && !memcmp(l.method, "password", 8));
	char ts[26];
	fc_ts_fmt(l.ts, ts);
	CHECK_STR(ts, "2026-10-14T09:12:01+08:00");
}

TEST(ssh_year_rollover)
{
	/* "Dec 31" read with an as-of in January belongs to the year before */
	struct fc_ssh_line l;
	const char *s = "Dec 31 23:59:58 h sshd[1]: Accepted publickey for deploy from 10.0.0.5 port 1 ssh2: ED25519 SHA256:x";
	int32_t jan2;
	CHECK(fc_date_parse("2027-01-02", &jan2));
	CHECK(fc_ssh_classify(s, strlen(s), jan2, &l));
	char ts[26];
	fc_ts_fmt(l.ts, ts);
	CHECK_STR(ts, "2026-12-31T23:59:58+08:00");
	CHECK_INT(l.msg, FC_SSH_ACCEPTED);
	CHECK(l.user_len == 6 && !memcmp(l.user, "deploy", 6));
}

TEST(ssh_iso_and_5424)
{
	struct fc_ssh_line l;
	const char *a = "2026-10-14T09:00:00.123456+08:00 ap01 sshd[77]: Invalid user test from 198.51.100.7 port 4444";
	CHECK(fc_ssh_classify(a, strlen(a), asof, &l));
	CHECK_INT(l.msg, FC_SSH_INVALID_USER);
	CHECK(l.ip_len == 12 && !memcmp(l.ip, "198.51.100.7", 12));
	CHECK(l.user_len == 4 && !memcmp(l.user, "test", 4));
	const char *b = "<38>1 2026-10-14T01:00:00Z ap02 sshd 4242 - - Failed password for root from 192.0.2.1 port 22 ssh2";
	CHECK(fc_ssh_classify(b, strlen(b), asof, &l));
	CHECK_INT(l.msg, FC_SSH_FAILED);
	CHECK_INT(l.pid, 4242);
	char ts[26];
	fc_ts_fmt(l.ts, ts);
	CHECK_STR(ts, "2026-10-14T09:00:00+08:00");
	const char *c = "<38>1 2026-10-14T01:00:00Z ap02 sshd 4242 - [meta x=\"a]b\"] Accepted password for ops from 192.0.2.1 port 22 ssh2";
	CHECK(fc_ssh_classify(c, strlen(c), asof, &l));
	CHECK_INT(l.msg, FC_SSH_ACCEPTED);
	const char *d = "2020-03-23 06:47:42.801612-0700  localhost sshd[3186]: Failed password for user from 172.18.1.100 port 43042 ssh2";
	CHECK(fc_ssh_classify(d, strlen(d), asof, &l));
	CHECK_INT(l.msg, FC_SSH_FAILED);
	fc_ts_fmt(l.ts, ts);
	CHECK_STR(ts, "2020-03-23T21:47:42+08:00");
}

/* The lexer keeps the last minute of each time-stamp form and reads only
 * the seconds of the next line of that minute: every line of a sequence
 * built to hit and miss the caches (leap and bad seconds, fractions and
 * zones that change within a minute, a new day, the other form between)
 * must read exactly as a fresh, cache-less classification reads it. */
TEST(lexer_minute_caches_equal_fresh)
{
	static const char *const ts[] = {
		"Oct 14 09:12:01", "Oct 14 09:12:59", "Oct 14 09:12:60", "Oct 14 09:12:61", "Oct 14 09:12:5x",
		"Oct 14 09:13:00", "Oct 14 09:13:07", "Oct 15 09:13:07", "Dec 31 23:59:59", "Oct  4 09:13:07",
		"2026-10-14T09:12:01+08:00", "2026-10-14T09:12:02.5+08:00", "2026-10-14T09:12:03,25+08:00",
		"2026-10-14T09:12:04+0800", "2026-10-14T09:12:05Z", "2026-10-14T09:12:06", "2026-10-14T09:12:60Z",
		"2026-10-14T09:12:61Z", "2026-10-14T09:12:07.123456-07:00", "2026-10-14 09:12:08.1-07:00",
		"2026-10-14t09:12:09Z", "2026-10-14T09:12:10+15:00", "2026-10-14T09:12:11UTC", "2026-10-14T09:12:12CST",
		"2026-10-14T09:12:1Z", "2026-10-14T09:13:00Z", "Oct 14 09:13:08", "2026-10-14T09:13:01Z",
		"2026-02-29T09:13:01Z", "2026-10-14T9:13:02Z",
	};
	struct fc_ssh_lexer *x = fc_ssh_lexer_new(asof);
	CHECK(x != NULL);
	if (!x)
		return;
	size_t n = sizeof ts / sizeof *ts;
	for (int round = 0; round < 3; round++) /* each stamp after several others */
		for (size_t k = 0; k < n; k++) {
			size_t i = (k * (size_t)(round * 7 + 1)) % n;
			char line[200];
			int len = snprintf(line, sizeof line, "%s web01 sshd[7]: Failed password for root from 192.0.2.9 port 22 ssh2",
					   ts[i]);
			struct fc_ssh_line a, b;
			int r = fc_ssh_lex(x, line, (size_t)len, &a);
			bool fresh = fc_ssh_classify(line, (size_t)len, asof, &b);
			CHECK_INT(r == 1, fresh);
			if (r == 1 && fresh && a.ts != b.ts) {
				fprintf(stderr, "  %s: cached %lld, fresh %lld\n", ts[i], (long long)a.ts, (long long)b.ts);
				CHECK(a.ts == b.ts);
			}
		}
	fc_ssh_lexer_free(x);
}

TEST(ssh_not_sshd_and_repeat)
{
	struct fc_ssh_line l;
	const char *a = "Oct 14 09:00:00 web01 CRON[1]: pam_unix(cron:session): session opened for user root";
	CHECK(!fc_ssh_classify(a, strlen(a), asof, &l));
	const char *b = "Dec 10 08:39:59 LabSZ sshd[24408]: message repeated 5 times: [ Failed password for root from 106.5.5.195 port 50719 ssh2]";
	CHECK(fc_ssh_classify(b, strlen(b), asof, &l));
	CHECK_INT(l.msg, FC_SSH_FAILED);
	CHECK_INT(l.repeat, 5);
	CHECK(l.ip_len == 11 && !memcmp(l.ip, "106.5.5.195", 11));
	const char *c = "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ";
	CHECK(fc_ssh_classify(c, strlen(c), asof, &l));
	CHECK_INT(l.msg, FC_SSH_PAM_FAILURE);
	CHECK(l.ip_len == 11 && !memcmp(l.ip, "218.188.2.4", 11));
	/* a truncated line never reads past its end */
	const char *e = "Oct 14 09:00:00 web01 sshd[1]: Failed password for";
	CHECK(fc_ssh_classify(e, strlen(e), asof, &l));
	CHECK_INT(l.msg, FC_SSH_OTHER);
	CHECK(!fc_ssh_classify("Oct 14", 6, asof, &l));
}

/* The 71 labelled lines of Wazuh's sshd test file: each section names the
 * rule that must (pass) or must not (fail) fire; the table says how our
 * classifier reads that rule's lines. */
struct wz {
	int rule;
	enum fc_ssh_msg msg; /* pass lines */
	int invalid;	     /* -1 don't care */
	const char *user;    /* NULL don't care */
};
static const struct wz wazuh[] = {
	{5739, FC_SSH_OTHER, -1, NULL},	      /* AuthorizedKeysCommand error */
	{5740, FC_SSH_OTHER, -1, NULL},	      /* read error: connection reset */
	{5741, FC_SSH_OTHER, -1, NULL},	      /* debug1 channel failures */
	{5742, FC_SSH_OTHER, -1, NULL},
	{5743, FC_SSH_OTHER, -1, NULL},
	{5744, FC_SSH_OTHER, -1, NULL},
	{5745, FC_SSH_OTHER, -1, NULL},
	{5746, FC_SSH_OTHER, -1, NULL},
	{5747, FC_SSH_SCAN, -1, NULL},	      /* bad client public DH value */
	{5748, FC_SSH_SCAN, -1, NULL},	      /* corrupted MAC */
	{5749, FC_SSH_SCAN, -1, NULL},	      /* bad packet length */
	{5753, FC_SSH_SCAN, -1, NULL},	      /* unable to negotiate */
	{5752, FC_SSH_SCAN, -1, NULL},
	{5754, FC_SSH_OTHER, -1, NULL},	      /* pam_systemd session */
	{5755, FC_SSH_OTHER, -1, NULL},	      /* bad authorized_keys modes */
	{5756, FC_SSH_OTHER, -1, NULL},	      /* subsystem request failed */
	{5716, FC_SSH_FAILED, 0, "root"},     /* Solaris "[ID … auth.notice] Failed none" */
	{5757, FC_SSH_BREAKIN, -1, NULL},     /* POSSIBLE BREAK-IN ATTEMPT */
	{5758, FC_SSH_MAX_AUTH, -1, NULL},    /* maximum authentication attempts */
	{5722, FC_SSH_CLOSED, -1, NULL},      /* Connection closed [preauth] */
	{5761, FC_SSH_CLOSED, 0, "user"},     /* Disconnected from user */
	{5706, FC_SSH_NO_IDENT, -1, NULL},    /* Did not receive identification */
	{5762, FC_SSH_CLOSED, 0, "user"},     /* Connection reset by authenticating user */
	{5718, FC_SSH_DENIED, 0, "root"},     /* not allowed because AllowUsers */
	{5719, FC_SSH_DENIED, 0, "root"},
	{5702, FC_SSH_BREAKIN, -1, NULL},     /* reverse mapping … POSSIBLE BREAK */
	{5701, FC_SSH_SCAN, -1, NULL},	      /* bad protocol version */
	{5763, FC_SSH_FAILED, 0, "user"},     /* brute force: 8 Failed password */
	{5712, FC_SSH_INVALID_USER, 1, "user"}, /* brute force with invalid users */
};

/* Rules whose lines we read in more than one way: 5710 (non-existent
 * user) fires on the attempt and on lines restating it; 5760 on sshd's
 * Failed line and on PAM's restatement.  Pass lines must be recognized as
 * what the rule says (an invalid user / a failure), fail lines must not be
 * counted as an attempt. */
static bool counted(enum fc_ssh_msg m)
{
	return m == FC_SSH_FAILED || m == FC_SSH_INVALID_USER || m == FC_SSH_ACCEPTED;
}

TEST(wazuh_sshd_ini_table)
{
	SKIP_NO_CORPORA();
	FILE *f = fopen("../shared/corpora/wazuh/sshd-v4.14.7/sshd.ini", "r");
	CHECK(f != NULL);
	if (!f)
		return;
	char line[2048];
	struct {
		char text[1024];
		bool pass;
		long lineno;
	} pend[16];
	int npend = 0, total = 0, passes = 0, fails = 0, checked = 0;
	long ln = 0;
	int32_t y2020;
	fc_date_parse("2020-12-31", &y2020);
	while (fgets(line, sizeof line, f)) {
		ln++;
		size_t n = strcspn(line, "\r\n");
		line[n] = '\0';
		if (!strncmp(line, "log ", 4)) {
			char *eq = strstr(line, " = ");
			CHECK(eq != NULL && npend < 16);
			if (!eq || npend >= 16)
				continue;
			snprintf(pend[npend].text, sizeof pend[npend].text, "%s", eq + 3);
			pend[npend].pass = strstr(line, " pass ") != NULL && strstr(line, " pass ") < eq;
			pend[npend].lineno = ln;
			npend++;
			total++;
		} else if (!strncmp(line, "rule = ", 7)) {
			int rule = (int)strtol(line + 7, NULL, 10);
			for (int i = 0; i < npend; i++) {
				struct fc_ssh_line l;
				const char *t = pend[i].text;
				bool ok = fc_ssh_classify(t, strlen(t), y2020, &l);
				if (!ok) {
					printf("FAIL wazuh_sshd_ini_table: sshd.ini:%ld not read as sshd: %s\n", pend[i].lineno, t);
					t_cur_failed = 1;
					continue;
				}
				pend[i].pass ? passes++ : fails++;
				if (rule == 5710 || rule == 5760) {
					bool good;
					if (rule == 5710)
						good = pend[i].pass ? l.invalid_user && l.user_len > 0
								    : l.invalid_user && !counted(l.msg);
					else
						good = l.msg == FC_SSH_FAILED || l.msg == FC_SSH_DUPLICATE;
					if (!good) {
						printf("FAIL wazuh_sshd_ini_table: sshd.ini:%ld rule %d read as %s (invalid=%d)\n",
						       pend[i].lineno, rule, fc_ssh_msg_name(l.msg), l.invalid_user);
						t_cur_failed = 1;
					}
					checked++;
					continue;
				}
				const struct wz *w = NULL;
				for (size_t k = 0; k < sizeof wazuh / sizeof *wazuh; k++)
					if (wazuh[k].rule == rule)
						w = &wazuh[k];
				if (!w) {
					printf("FAIL wazuh_sshd_ini_table: rule %d has no row in the table\n", rule);
					t_cur_failed = 1;
					continue;
				}
				bool good = l.msg == w->msg && (w->invalid < 0 || l.invalid_user == (w->invalid == 1)) &&
					    (!w->user || (l.user_len == strlen(w->user) && !memcmp(l.user, w->user, l.user_len)));
				if (!pend[i].pass)
					good = l.msg != w->msg;
				if (!good) {
					printf("FAIL wazuh_sshd_ini_table: sshd.ini:%ld rule %d expected %s, read as %s\n",
					       pend[i].lineno, rule, fc_ssh_msg_name(w->msg), fc_ssh_msg_name(l.msg));
					t_cur_failed = 1;
				}
				checked++;
			}
			npend = 0;
		}
	}
	fclose(f);
	CHECK_INT(total, 71);
	CHECK_INT(checked, 71);
	CHECK_INT(fails, 2);
	CHECK_INT(passes, 69);
}

/* The two Wazuh brute-force sections fed as logs: 8 invalid users from one
 * IP (5712) and 8 failures of one user (5763) */
TEST(wazuh_bruteforce_sections_alert)
{
	const char *p = wfile("wz.log",
			      "May 29 11:31:00 vagrant sshd[30016]: Invalid user user from 212.64.151.233\n"
			      "May 29 11:31:00 vagrant sshd[30016]: Invalid user user from 212.64.151.233\n"
			      "May 29 11:31:00 vagrant sshd[30016]: Invalid user user from 212.64.151.233\n"
			      "May 29 11:31:00 vagrant sshd[30016]: Invalid user user from 212.64.151.233\n"
			      "May 29 11:31:00 vagrant sshd[30016]: Invalid user user from 212.64.151.233\n"
			      "May 29 11:31:00 vagrant sshd[30016]: Invalid user user from 212.64.151.233\n"
			      "May 29 11:31:00 vagrant sshd[30016]: Invalid user user from 212.64.151.233\n"
			      "May 29 11:31:00 vagrant sshd[30016]: Invalid user user from 212.64.151.233\n"
			      "2026-03-24 08:38:42.344447-0700  localhost sshd[2519]: Failed password for user from 172.18.1.100 port 43042 ssh2\n"
			      "2026-03-24 08:38:42.344447-0700  localhost sshd[2519]: Failed password for user from 172.18.1.100 port 43042 ssh2\n"
			      "2026-03-24 08:38:42.344447-0700  localhost sshd[2519]: Failed password for user from 172.18.1.100 port 43042 ssh2\n"
			      "2026-03-24 08:38:42.344447-0700  localhost sshd[2519]: Failed password for user from 172.18.1.100 port 43042 ssh2\n"
			      "2026-03-24 08:38:42.344447-0700  localhost sshd[2519]: Failed password for user from 172.18.1.100 port 43042 ssh2\n"
			      "2026-03-24 08:38:42.344447-0700  localhost sshd[2519]: Failed password for user from 172.18.1.100 port 43042 ssh2\n"
			      "2026-03-24 08:38:42.344447-0700  localhost sshd[2519]: Failed password for user from 172.18.1.100 port 43042 ssh2\n"
			      "2026-03-24 08:38:42.344447-0700  localhost sshd[2519]: Failed password for user from 172.18.1.100 port 43042 ssh2\n");
	struct fc_log_input in = {p, "wz.log", FC_LOGF_SSH};
	struct fc_log_thresholds t;
	fc_log_thresholds_default(&t);
	t.brute_force_failures = 8; /* Wazuh's frequency */
	struct run r;
	analyze(&r, &in, 1, 1, 0, &t);
	const struct fc_log_alert *a = find(&r, FC_LA_NONEXISTENT, "212.64.151.233", NULL);
	CHECK(a && a->count == 8);
	a = find(&r, FC_LA_BRUTE_FORCE, "172.18.1.100", "user@localhost");
	CHECK(a && a->count == 8);
	CHECK(find(&r, FC_LA_LOCKOUT, NULL, "user@localhost") != NULL);
	done(&r);
}

/* ---- the stream: one attempt counted once ---- */

TEST(stream_joins_connection_lines)
{
	/* loghub's shape: Invalid user, input_userauth_request, pam check
	 * pass, pam failure, Failed password, Connection closed = 1 attempt */
	const char *p = wfile("join.log",
			      "Oct 14 06:55:46 web01 sshd[24200]: Invalid user webmaster from 173.234.31.186\n"
			      "Oct 14 06:55:46 web01 sshd[24200]: input_userauth_request: invalid user webmaster [preauth]\n"
			      "Oct 14 06:55:46 web01 sshd[24200]: pam_unix(sshd:auth): check pass; user unknown\n"
			      "Oct 14 06:55:46 web01 sshd[24200]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=173.234.31.186 \n"
			      "Oct 14 06:55:48 web01 sshd[24200]: Failed password for invalid user webmaster from 173.234.31.186 port 38926 ssh2\n"
			      "Oct 14 06:55:48 web01 sshd[24200]: Connection closed by 173.234.31.186 [preauth]\n"
			      /* a probe: Invalid user and nothing else in the connection */
			      "Oct 14 07:00:01 web01 sshd[24300]: Invalid user guest from 173.234.31.186 port 1\n"
			      "Oct 14 07:00:02 web01 sshd[24300]: Connection closed by invalid user guest 173.234.31.186 port 1 [preauth]\n");
	struct fc_log_input in = {p, "join.log", FC_LOGF_SSH};
	struct run r;
	analyze(&r, &in, 1, 1, 0, NULL);
	CHECK_INT(r.f->ndays, 1);
	const struct fc_log_day *d = &r.f->days[0];
	CHECK_INT(d->failures, 1);
	CHECK_INT(d->nonexistent, 2);
	CHECK_INT(d->events, 8);
	CHECK(d->nips >= 1);
	CHECK_STR(d->ips[0].ip, "173.234.31.186");
	CHECK_INT(d->ips[0].accounts, 2);
	CHECK_INT(d->ips[0].failures, 1);
	CHECK_INT(d->ips[0].nonexistent, 2);
	CHECK_INT(d->ips[0].samples[0].line, 5);
	/* excerpts are read back by offset when cited */
	CHECK(d->ips[0].samples[0].excerpt == NULL);
	struct fc_log_ref *refs[2] = {&d->ips[0].samples[0], &d->ips[0].samples[1]};
	CHECK(fc_log_read_excerpts(r.f, refs, 2) == FC_OK);
	CHECK_STR(d->ips[0].samples[0].excerpt,
		  "Oct 14 06:55:48 web01 sshd[24200]: Failed password for invalid user webmaster from 173.234.31.186 port 38926 ssh2");
	CHECK_STR(d->ips[0].samples[1].excerpt, "Oct 14 07:00:01 web01 sshd[24300]: Invalid user guest from 173.234.31.186 port 1");
	CHECK_INT(d->ips[0].samples[1].line, 7);
	done(&r);
}

TEST(stream_pam_only_file)
{
	/* /var/log/messages of old systems: only sshd(pam_unix) lines */
	const char *p = wfile("pam.log",
			      "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 \n"
			      "Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; user unknown\n"
			      "Jun 14 15:16:02 combo sshd(pam_unix)[19937]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 \n"
			      "Jun 15 02:04:59 combo sshd(pam_unix)[20882]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=220-135-151-1.hinet-ip.hinet.net  user=root\n");
	struct fc_log_input in = {p, "pam.log", FC_LOGF_SSH};
	struct run r;
	analyze(&r, &in, 1, 1, 0, NULL);
	uint64_t fails = 0, nx = 0;
	for (size_t i = 0; i < r.f->ndays; i++) {
		fails += r.f->days[i].failures;
		nx += r.f->days[i].nonexistent;
	}
	CHECK_INT(fails, 3);
	CHECK_INT(nx, 1);
	done(&r);
}

/* ---- login events ---- */

TEST(login_csv_aliases_and_errors)
{
	const char *p = wfile("login.csv",
			      "\xEF\xBB\xBFLogin_Time,User_ID,Client_IP,Status,Failure_Reason,Channel,Note\r\n"
			      "2026-10-14 09:00:01,C001,203.0.113.5,failure,bad_password,web,\"a, b\"\r\n"
			      "2026-10-14T09:00:05+08:00,C001,203.0.113.5,success,,web,\"multi\r\nline\"\r\n"
			      "not-a-time,C002,203.0.113.5,failure,bad_password,web,\r\n"
			      "2026-10-14 09:01:00,C003,203.0.113.5,maybe,,web,\r\n"
			      "2026-10-14 09:02:00,ghost,203.0.113.5,failure,no_such_account,app,\r\n");
	struct fc_log_input in = {p, "logs/login/et.csv", FC_LOGF_LOGIN_CSV};
	struct run r;
	analyze(&r, &in, 1, 1, 0, NULL);
	CHECK_INT(r.f->files[0].bad_records, 2);
	CHECK(r.f->files[0].error);
	CHECK_INT(r.d.errors, 2);
	bool l5 = false, l6 = false;
	for (size_t i = 0; i < r.d.n; i++) {
		l5 |= r.d.v[i].line == 5 && strstr(r.d.v[i].msg, "not a timestamp") != NULL;
		l6 |= r.d.v[i].line == 6 && strstr(r.d.v[i].msg, "neither success nor failure") != NULL;
	}
	CHECK(l5);
	CHECK(l6);
	CHECK_INT(r.f->ndays, 1);
	CHECK_INT(r.f->days[0].failures, 2);
	CHECK_INT(r.f->days[0].successes, 1);
	CHECK_INT(r.f->days[0].nonexistent, 1);
	done(&r);
}

TEST(login_csv_missing_columns)
{
	const char *p = wfile("bad.csv", "when,who\n2026-10-14,x\n");
	struct fc_log_input in = {p, "logs/login/bad.csv", FC_LOGF_LOGIN_CSV};
	struct run r;
	analyze(&r, &in, 1, 1, 0, NULL);
	CHECK(r.f->files[0].error);
	CHECK(r.d.n >= 1 && r.d.v[0].line == 1 && strstr(r.d.v[0].msg, "missing: time, account, result"));
	done(&r);
}

TEST(login_jsonl)
{
	const char *p = wfile("l.jsonl",
			      "{\"timestamp\":\"2026-10-14T10:00:00+08:00\",\"username\":\"C9\",\"ip\":\"2001:db8::7\",\"result\":\"failure\",\"reason\":\"locked\"}\n"
			      "{\"timestamp\":1792029600,\"username\":\"C9\",\"ip\":\"2001:db8::7\",\"result\":true}\n"
			      "[1,2]\n"
			      "{\"timestamp\":\"2026-10-14T10:00:00\",\"username\":\"C9\"\n");
	struct fc_log_input in = {p, "l.jsonl", FC_LOGF_LOGIN_JSONL};
	struct run r;
	analyze(&r, &in, 1, 1, 0, NULL);
	CHECK_INT(r.f->files[0].bad_records, 2);
	uint64_t locked = 0, ok = 0;
	for (size_t i = 0; i < r.f->ndays; i++) {
		locked += r.f->days[i].locked;
		ok += r.f->days[i].successes;
	}
	CHECK_INT(locked, 1);
	CHECK_INT(ok, 1);
	done(&r);
}

/* ---- the alert rules ---- */

static const char *login_scenario(void)
{
	static char buf[16384];
	size_t n = 0;
	n += (size_t)snprintf(buf + n, sizeof buf - n, "time,account,source_ip,result,reason,channel\n");
	/* stuffing: 12 accounts from one IP, one try each, 4 do not exist */
	for (int i = 0; i < 12; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "2026-10-14T02:%02d:00+08:00,A%03d,198.51.100.23,failure,%s,web\n",
				      i, i, i < 4 ? "no_such_account" : "bad_password");
	/* a prober of non-existent accounts */
	for (int i = 0; i < 6; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "2026-10-14T03:%02d:00+08:00,ghost%d,192.0.2.66,failure,no_such_account,app\n", i, i);
	/* lockout not enforced, then success: compromise */
	for (int i = 0; i < 5; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "2026-10-14T04:%02d:00+08:00,V001,203.0.113.77,failure,bad_password,web\n", i);
	n += (size_t)snprintf(buf + n, sizeof buf - n, "2026-10-14T04:10:00+08:00,V001,203.0.113.77,success,,web\n");
	/* enforced: three failures, then locked rejections */
	for (int i = 0; i < 3; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "2026-10-14T05:%02d:00+08:00,V002,203.0.113.78,failure,bad_password,web\n", i);
	for (int i = 0; i < 4; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "2026-10-14T05:%02d:00+08:00,V002,203.0.113.78,failure,locked,web\n", 10 + i);
	/* NAT: five customers succeed from one address; one typo twice */
	for (int i = 0; i < 5; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "2026-10-14T09:%02d:00+08:00,N%03d,203.0.113.200,success,,app\n", i, i);
	n += (size_t)snprintf(buf + n, sizeof buf - n,
			      "2026-10-14T09:20:00+08:00,N009,203.0.113.200,failure,bad_password,app\n"
			      "2026-10-14T09:20:30+08:00,N009,203.0.113.200,failure,bad_password,app\n"
			      "2026-10-14T09:21:00+08:00,N009,203.0.113.200,success,,app\n");
	/* new source IP: B001 uses its home IP on 10-12 and 10-13, then a new one */
	n += (size_t)snprintf(buf + n, sizeof buf - n,
			      "2026-10-12T08:00:00+08:00,B001,198.18.0.10,success,,web\n"
			      "2026-10-13T08:00:00+08:00,B001,198.18.0.10,success,,web\n"
			      "2026-10-14T23:00:00+08:00,B001,198.18.0.99,success,,web\n");
	/* privileged */
	n += (size_t)snprintf(buf + n, sizeof buf - n, "2026-10-14T10:00:00+08:00,administrator,10.99.0.10,success,,admin\n");
	return buf;
}

TEST(alerts_login_scenario)
{
	const char *p = wfile("scen.csv", login_scenario());
	struct fc_log_input in = {p, "logs/login/scen.csv", FC_LOGF_LOGIN_CSV};
	struct run r;
	analyze(&r, &in, 1, 1, 0, NULL);
	const struct fc_log_alert *a = find(&r, FC_LA_STUFFING, "198.51.100.23", NULL);
	CHECK(a && a->count == 12 && a->failures == 12 && a->nonexistent == 4);
	CHECK(a && a->nev == 3 && a->ev[0].line == 2 && !strcmp(a->ev[0].file, "logs/login/scen.csv"));
	a = find(&r, FC_LA_NONEXISTENT, "192.0.2.66", NULL);
	CHECK(a && a->count == 6);
	CHECK(find(&r, FC_LA_STUFFING, "192.0.2.66", NULL) == NULL);
	a = find(&r, FC_LA_LOCKOUT, NULL, "V001");
	CHECK(a && a->count == 5 && a->nev == 2 && a->ev[0].line == 20 && a->ev[1].line == 24);
	a = find(&r, FC_LA_SUCCESS_AFTER, NULL, "V001");
	CHECK(a && a->count == 5 && a->ip && !strcmp(a->ip, "203.0.113.77") && a->ev[0].line == 25);
	CHECK(find(&r, FC_LA_LOCKOUT, NULL, "V002") == NULL);
	/* the NAT and the typo draw nothing */
	for (size_t i = 0; i < r.n; i++) {
		CHECK(!r.al[i].ip || strcmp(r.al[i].ip, "203.0.113.200"));
		CHECK(!r.al[i].account || strcmp(r.al[i].account, "N009"));
	}
	a = find(&r, FC_LA_NEW_IP, "198.18.0.99", "B001");
	CHECK(a != NULL);
	CHECK_INT(count_kind(&r, FC_LA_NEW_IP), 1);
	a = find(&r, FC_LA_PRIVILEGED, "10.99.0.10", "administrator");
	CHECK(a && a->count == 1);
	CHECK_INT(count_kind(&r, FC_LA_BRUTE_FORCE), 0);
	CHECK_INT(count_kind(&r, FC_LA_SPRAYING), 0);
	done(&r);
}

TEST(alerts_thresholds_move)
{
	const char *p = wfile("scen2.csv", login_scenario());
	struct fc_log_input in = {p, "scen2.csv", FC_LOGF_LOGIN_CSV};
	struct fc_log_thresholds t;
	fc_log_thresholds_default(&t);
	t.stuffing_accounts = 13;
	t.lockout_threshold = 5;
	struct run r;
	analyze(&r, &in, 1, 1, 0, &t);
	CHECK(find(&r, FC_LA_STUFFING, "198.51.100.23", NULL) == NULL);
	CHECK(find(&r, FC_LA_LOCKOUT, NULL, "V001") == NULL);
	CHECK(find(&r, FC_LA_SUCCESS_AFTER, NULL, "V001") == NULL);
	done(&r);
}

TEST(alerts_spraying)
{
	char buf[4096];
	size_t n = (size_t)snprintf(buf, sizeof buf, "time,account,source_ip,result\n");
	for (int i = 0; i < 6; i++)
		for (int k = 0; k < 2; k++)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "2026-10-14T01:%02d:%02d,E%d,192.0.2.200,failure\n", i, k, i);
	const char *p = wfile("spray.csv", buf);
	struct fc_log_input in = {p, "spray.csv", FC_LOGF_LOGIN_CSV};
	struct run r;
	analyze(&r, &in, 1, 1, 0, NULL);
	const struct fc_log_alert *a = find(&r, FC_LA_SPRAYING, "192.0.2.200", NULL);
	CHECK(a && a->count == 6);
	CHECK(find(&r, FC_LA_STUFFING, "192.0.2.200", NULL) == NULL);
	done(&r);
}

TEST(alerts_gap_clock_root)
{
	const char *p = wfile("gap.log",
			      "Oct 10 09:00:00 ap01 sshd[1]: Accepted password for root from 10.99.0.10 port 1 ssh2\n"
			      "Oct 11 09:00:00 ap01 sshd[2]: Connection closed by 10.99.0.10 port 2 [preauth]\n"
			      "Oct 14 09:00:00 ap01 sshd[3]: Connection closed by 10.99.0.10 port 3 [preauth]\n"
			      "Oct 14 08:40:00 ap01 sshd[4]: Connection closed by 10.99.0.10 port 4 [preauth]\n");
	struct fc_log_input in = {p, "logs/ssh/ap01.log", FC_LOGF_SSH};
	struct run r;
	analyze(&r, &in, 1, 1, 0, NULL);
	const struct fc_log_alert *a = find(&r, FC_LA_GAP, NULL, NULL);
	CHECK(a && a->count == 2 && !strcmp(a->source, "ap01"));
	char d[11];
	if (a) {
		fc_date_fmt(a->from_day, d);
		CHECK_STR(d, "2026-10-12");
	}
	a = find(&r, FC_LA_CLOCK, NULL, NULL);
	CHECK(a && a->count == 1 && a->ev[0].line == 4);
	a = find(&r, FC_LA_PRIVILEGED, "10.99.0.10", "root@ap01");
	CHECK(a && a->ev[0].line == 1 && a->ev[0].excerpt && strstr(a->ev[0].excerpt, "Accepted password for root"));
	done(&r);
}

/* sshd with UseDNS logs host names: they are sources like addresses */
/* An account's events beyond FC_LOG_MAX_ACCT_EVENTS: the earliest are kept
 * by time whatever order the records come in.  One account: 3,000
 * failures, a lock, 5,999 failures, a success, one a second; written in
 * time order (no sort at all), reversed and shuffled (sorted at the cap
 * and at the close), the day's account facts are the same, and the run
 * cited starts at the record of the earliest failure. */
TEST(account_event_cap_any_order)
{
	enum { N = 9001 };
	static int order[N], line_of[N];
	static char buf[N * 80 + 100];
	for (int pass = 0; pass < 3; pass++) {
		for (int i = 0; i < N; i++)
			order[i] = pass == 1 ? N - 1 - i : i;
		if (pass == 2) {
			unsigned x = 12345;
			for (int i = N - 1; i > 0; i--) {
				x = x * 1103515245u + 12345u;
				int j = (int)((x >> 8) % (unsigned)(i + 1)), t = order[i];
				order[i] = order[j];
				order[j] = t;
			}
		}
		size_t n = (size_t)snprintf(buf, sizeof buf, "time,account,source_ip,result,reason,channel\n");
		for (int k = 0; k < N; k++) {
			int i = order[k];
			line_of[i] = k + 2;
			const char *res = i == N - 1 ? "success," : i == 3000 ? "failure,locked" : "failure,bad_password";
			n += (size_t)snprintf(buf + n, sizeof buf - n, "2026-10-14T%02d:%02d:%02d+08:00,Z001,198.51.100.9,%s,web\n",
					      i / 3600, i / 60 % 60, i % 60, res);
		}
		const char *p = wfile("cap.csv", buf);
		struct fc_log_input in = {p, "logs/login/cap.csv", FC_LOGF_LOGIN_CSV};
		struct run r;
		analyze(&r, &in, 1, 1, 0, NULL);
		const struct fc_log_acctday *z = NULL;
		for (size_t d = 0; r.f && d < r.f->ndays; d++)
			for (size_t k = 0; k < r.f->days[d].naccts; k++)
				if (!strcmp(r.f->days[d].accts[k].account, "Z001"))
					z = &r.f->days[d].accts[k];
		CHECK(z != NULL);
		if (z) {
			CHECK_INT(z->failures, 8999);
			CHECK_INT(z->locked, 1);
			CHECK_INT(z->successes, 1);
			CHECK(z->truncated);
			CHECK_INT(z->max_run, 3000);		/* the run before the lock */
			CHECK_INT(z->run_before_success, 0);	/* the success is past the cap */
			CHECK_INT(z->run_first.line, line_of[0]);
			CHECK_INT(z->run_last.line, line_of[2999]);
		}
		const struct fc_log_alert *a = find(&r, FC_LA_LOCKOUT, NULL, "Z001");
		CHECK(a && a->count == 3000);
		CHECK(find(&r, FC_LA_SUCCESS_AFTER, NULL, "Z001") == NULL);
		done(&r);
	}
}

TEST(host_name_sources)
{
	char buf[8192];
	size_t n = 0;
	for (int i = 0; i < 12; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n,
				      "Oct 14 10:00:%02d web01 sshd[%d]: Failed password for root from scan-7.example.net port 22 ssh2\n", i, 100 + i);
	const char *p = wfile("dns.log", buf);
	struct fc_log_input in = {p, "dns.log", FC_LOGF_SSH};
	struct run r;
	analyze(&r, &in, 1, 1, 0, NULL);
	const struct fc_log_alert *a = find(&r, FC_LA_BRUTE_FORCE, "scan-7.example.net", "root@web01");
	CHECK(a && a->count == 12 && a->ev[0].line == 1);
	done(&r);
}

/* Attackers flooding unique IPs: the day table stops at its cap and the
 * overflow is reported, not grown */
TEST(overflow_is_capped_and_reported)
{
	char *buf = fc_malloc(1 << 20);
	size_t n = 0;
	for (int i = 0; i < 3000; i++)
		n += (size_t)snprintf(buf + n, (1 << 20) - n,
				      "Oct 14 10:%02d:%02d web01 sshd[%d]: Failed password for root from 10.%d.%d.%d port 1 ssh2\n",
				      (i / 60) % 60, i % 60, 1000 + i, i / 65536, (i / 256) % 256, i % 256);
	const char *p = wfile("flood.log", buf);
	fc_free(buf);
	struct fc_log_input in = {p, "flood.log", FC_LOGF_SSH};
	struct run r;
	analyze(&r, &in, 1, 1, 1000, NULL);
	CHECK_INT(r.f->ndays, 1);
	CHECK_INT(r.f->days[0].failures, 3000);
	CHECK_INT(r.f->days[0].distinct_ips, 1000);
	CHECK_INT(r.f->days[0].overflow_events, 2000);
	const struct fc_log_alert *a = find(&r, FC_LA_OVERFLOW, NULL, NULL);
	CHECK(a && a->count == 2000);
	/* root's failures are still all counted on the account */
	CHECK(find(&r, FC_LA_LOCKOUT, NULL, "root@web01") != NULL);
	done(&r);
}

/* Tables grow past their first size without losing or splitting keys */
TEST(tables_grow_exactly)
{
	size_t cap = 1 << 22, n = 0;
	char *buf = fc_malloc(cap);
	for (int i = 0; i < 6000; i++)
		for (int k = 0; k < 3; k++)
			n += (size_t)snprintf(buf + n, cap - n,
					      "Oct 14 %02d:%02d:%02d web01 sshd[%d]: Failed password for invalid user u%d from 10.%d.%d.%d port 1 ssh2\n",
					      (i / 3600) % 24, (i / 60) % 60, i % 60, 3 * i + k, i % 5000, i / 65536, (i / 256) % 256, i % 256);
	const char *p = wfile("grow.log", buf);
	fc_free(buf);
	struct fc_log_input in = {p, "grow.log", FC_LOGF_SSH};
	struct run r;
	analyze(&r, &in, 1, 1, 0, NULL);
	CHECK_INT(r.f->ndays, 1);
	CHECK_INT(r.f->days[0].distinct_ips, 6000);
	CHECK_INT(r.f->days[0].distinct_accounts, 5000);
	CHECK_INT(r.f->days[0].nips, 6000); /* every one tried three times: all kept */
	bool all2 = true;
	for (size_t i = 0; i < r.f->days[0].nips; i++)
		all2 &= r.f->days[0].ips[i].nonexistent == 3 && r.f->days[0].ips[i].accounts == 1;
	CHECK(all2);
	done(&r);
}

/* two runs drew the same alerts, with the same evidence lines */
static void same_alerts(const struct run *r1, const struct run *r2)
{
	CHECK_INT(r1->n, r2->n);
	for (size_t i = 0; i < r1->n && i < r2->n; i++) {
		CHECK_INT(r1->al[i].kind, r2->al[i].kind);
		CHECK_INT(r1->al[i].count, r2->al[i].count);
		CHECK_STR(r1->al[i].detail, r2->al[i].detail);
		CHECK_INT(r1->al[i].nev, r2->al[i].nev);
		for (size_t k = 0; k < r1->al[i].nev && k < r2->al[i].nev; k++)
			CHECK_INT(r1->al[i].ev[k].line, r2->al[i].ev[k].line);
	}
}

/* Two files, one thread or two: the same facts, the same alerts */
TEST(parallel_equals_serial)
{
	char *b1 = fc_malloc(1 << 20), *b2 = fc_malloc(1 << 20);
	size_t n1 = 0, n2 = 0;
	for (int i = 0; i < 4000; i++) {
		n1 += (size_t)snprintf(b1 + n1, (1 << 20) - n1,
				       "Oct %d 10:%02d:%02d hostA sshd[%d]: Failed password for invalid user u%d from 192.0.2.%d port 1 ssh2\n",
				       10 + i / 1000, (i / 60) % 60, i % 60, i, i % 37, i % 11);
		n2 += (size_t)snprintf(b2 + n2, (1 << 20) - n2,
				       "Oct %d 10:%02d:%02d hostB sshd[%d]: Failed password for root from 192.0.2.%d port 1 ssh2\n",
				       10 + i / 1000, (i / 60) % 60, i % 60, i, i % 13);
	}
	struct fc_log_input in[2] = {{wfile("pa.log", b1), "pa.log", FC_LOGF_SSH}, {wfile("pb.log", b2), "pb.log", FC_LOGF_SSH}};
	fc_free(b1);
	fc_free(b2);
	struct run r1, r2;
	analyze(&r1, in, 2, 1, 0, NULL);
	analyze(&r2, in, 2, 2, 0, NULL);
	CHECK_INT(r2.f->threads_used, 2);
	same_alerts(&r1, &r2);
	CHECK(r1.n >= 20);
	done(&r1);
	done(&r2);
}

/* One file, or files that follow each other in time (a rotated auth.log),
 * with a CPU to spare: the worker classifies while an applier thread
 * applies (pipelined).  Batches of 4096 events change hands many times
 * and days close on the way; the facts must be the serial run's. */
TEST(pipelined_equals_serial)
{
	size_t cap = 4 << 20;
	char *b1 = fc_malloc(cap), *b2 = fc_malloc(cap);
	size_t n1 = 0, n2 = 0;
	for (int i = 0; i < 30000; i++) {
		int day = 1 + i / 3000; /* Oct 1..10 in the first file, 11..20 in the second */
		n1 += (size_t)snprintf(b1 + n1, cap - n1,
				       "Oct %2d 10:%02d:%02d hostA sshd[%d]: Failed password for %s%d from 198.51.%d.%d port 1 ssh2\n",
				       day, (i / 60) % 60, i % 60, i, i % 7 ? "invalid user u" : "root", i % 53,
				       (i / 250) % 200, i % 250);
		n2 += (size_t)snprintf(b2 + n2, cap - n2,
				       "Oct %2d 11:%02d:%02d hostA sshd[%d]: Accepted password for c%d from 203.0.%d.%d port 2 ssh2\n",
				       day + 10, (i / 60) % 60, i % 60, i, i % 101, (i / 250) % 100, i % 250);
	}
	struct fc_log_input one[1] = {{wfile("pl1.log", b1), "pl1.log", FC_LOGF_SSH}};
	struct fc_log_input two[2] = {{wfile("pl2.log", b2), "pl2.log", FC_LOGF_SSH}, {one[0].path, "pl1.log", FC_LOGF_SSH}};
	fc_free(b1);
	fc_free(b2);
	for (int k = 0; k < 2; k++) {
		struct fc_log_input *in = k ? two : one;
		size_t n = k ? 2 : 1;
		struct run r1, r2;
		analyze(&r1, in, n, 1, 0, NULL);
		analyze(&r2, in, n, 2, 0, NULL);
		CHECK_INT(r1.f->threads_used, 1);
		/* a worker (or two, one waiting) and an applier each */
		CHECK(r2.f->threads_used >= 2);
		CHECK_INT(r1.f->ndays, r2.f->ndays);
		for (size_t d = 0; d < r1.f->ndays && d < r2.f->ndays; d++) {
			CHECK_INT(r1.f->days[d].events, r2.f->days[d].events);
			CHECK_INT(r1.f->days[d].failures, r2.f->days[d].failures);
			CHECK_INT(r1.f->days[d].distinct_ips, r2.f->days[d].distinct_ips);
			CHECK_INT(r1.f->days[d].distinct_accounts, r2.f->days[d].distinct_accounts);
		}
		CHECK_INT(r1.f->npairs, r2.f->npairs);
		same_alerts(&r1, &r2);
		CHECK(r1.n >= 10);
		CHECK_INT(r1.f->ndays, k ? 20 : 10);
		done(&r1);
		done(&r2);
	}
}

/* Read ahead with lines longer than a line batch's text (1 MiB): a line
 * that does not fit waits for the next batch, one longer than a batch gets
 * a batch of its own; the lines after them keep their numbers. */
TEST(read_ahead_long_lines)
{
	size_t cap = 6 << 20;
	char *b = fc_malloc(cap);
	size_t n = 0;
	for (int i = 0; i < 3000; i++) {
		n += (size_t)snprintf(b + n, cap - n,
				      "Oct 12 09:%02d:%02d hostA sshd[%d]: Failed password for invalid user u%d from 192.0.2.%d port 1 ssh2\n",
				      (i / 60) % 60, i % 60, i, i % 41, i % 97);
		if (i == 1000 || i == 2000) { /* 700 KiB, then 1.5 MiB of one line */
			size_t len = i == 1000 ? 700 << 10 : 1536 << 10;
			memset(b + n, 'x', len);
			n += len;
			b[n++] = '\n';
		}
	}
	b[n] = 0;
	struct fc_log_input in[1] = {{wfile("long.log", b), "long.log", FC_LOGF_SSH}};
	fc_free(b);
	struct run r1, r2;
	analyze(&r1, in, 1, 1, 0, NULL);
	analyze(&r2, in, 1, 2, 0, NULL);
	CHECK_INT(r2.f->threads_used, 2);
	CHECK_INT(r1.f->files[0].lines, 3002);
	CHECK_INT(r2.f->files[0].lines, 3002);
	CHECK_INT(r1.f->events, r2.f->events);
	CHECK_INT(r1.f->days[0].failures, 3000);
	CHECK_INT(r2.f->days[0].failures, 3000);
	same_alerts(&r1, &r2);
	CHECK(r1.n >= 1);
	done(&r1);
	done(&r2);
}

/* Hostile clocks.  A Unix time past 2100 in seconds, milliseconds or
 * microseconds is refused with its line.  A far ISO date (year 9999) is a
 * date: the gaps between the source's first and last day come from its day
 * bitmap (capped at 30 years), not from walking every day in between (a
 * 429-byte fuzz input spent 26 s under ASan in that walk). */
TEST(hostile_clock_gap_walk)
{
	const char *p = wfile("clock.csv", "time,account,source_ip,result\n"
					   "2026-10-14T09:00:00+08:00,C001,203.0.113.5,failure\n"
					   "179202961792029600,C002,203.0.113.6,failure\n"
					   "9999-12-31T23:59:59+08:00,C002,203.0.113.6,failure\n"
					   "2026-10-16T09:00:00+08:00,C003,203.0.113.7,success\n");
	struct fc_log_input in = {p, "logs/login/clock.csv", FC_LOGF_LOGIN_CSV};
	struct run r;
	analyze(&r, &in, 1, 1, 0, NULL);
	CHECK(r.f != NULL);
	if (r.f) {
		CHECK_INT(r.f->files[0].bad_records, 1);
		bool found = false;
		for (size_t i = 0; i < r.d.n; i++)
			found |= r.d.v[i].line == 3 && strstr(r.d.v[i].msg, "out of range") != NULL;
		CHECK(found);
		CHECK_INT(r.f->nsources, 1);
		CHECK_INT(r.f->sources[0].events, 3);
		/* the 15th had no event: one gap, and nothing past the bitmap */
		CHECK_INT(r.f->sources[0].ngaps, 1);
		if (r.f->sources[0].ngaps == 1)
			CHECK_INT(r.f->sources[0].gaps[0].to - r.f->sources[0].gaps[0].from, 0);
	}
	done(&r);
}

/* excerpts come back right from a CRLF file with a BOM and from gzip */
TEST(excerpts_bom_crlf_gzip)
{
	const char *p = wfile("bom.csv", "\xEF\xBB\xBFtime,account,source_ip,result\r\n"
					 "2026-10-14T01:00:00,U1,192.0.2.9,failure\r\n"
					 "2026-10-14T01:00:01,U1,192.0.2.9,failure\r\n"
					 "2026-10-14T01:00:02,U1,192.0.2.9,failure\r\n"
					 "2026-10-14T01:00:03,U1,192.0.2.9,failure\r\n");
	char gzp[256];
	snprintf(gzp, sizeof gzp, "%s/ex.log.gz", dir);
	gzFile g = gzopen(gzp, "wb");
	for (int i = 0; i < 3000; i++)
		gzprintf(g, "Oct 14 10:%02d:%02d h sshd[%d]: Failed password for root from 192.0.2.%d port %d ssh2\n", i / 60 % 60,
			 i % 60, i, 1 + i % 3, i);
	gzclose(g);
	struct fc_log_input in[2] = {{p, "bom.csv", FC_LOGF_LOGIN_CSV}, {gzp, "ex.log.gz", FC_LOGF_SSH}};
	struct run r;
	analyze(&r, in, 2, 1, 0, NULL);
	const struct fc_log_alert *a = find(&r, FC_LA_LOCKOUT, NULL, "U1");
	CHECK(a && a->nev == 2 && a->ev[0].line == 2 && a->ev[1].line == 5);
	CHECK(a && a->ev[0].excerpt && !strcmp(a->ev[0].excerpt, "2026-10-14T01:00:00,U1,192.0.2.9,failure"));
	CHECK(a && a->ev[1].excerpt && !strcmp(a->ev[1].excerpt, "2026-10-14T01:00:03,U1,192.0.2.9,failure"));
	a = find(&r, FC_LA_BRUTE_FORCE, "192.0.2.3", "root@h");
	CHECK(a && a->count == 1000 && a->ev[0].line == 3 && a->ev[0].excerpt &&
	      !strcmp(a->ev[0].excerpt, "Oct 14 10:00:02 h sshd[2]: Failed password for root from 192.0.2.3 port 2 ssh2"));
	done(&r);
}

/* ---- hostile files ---- */

TEST(hostile_files)
{
	char path[256];
	snprintf(path, sizeof path, "%s/bin.log", dir);
	FILE *f = fopen(path, "wb");
	fwrite("\x7f" "ELF\0\0\0\x01\x02\n\0\0", 1, 12, f);
	fclose(f);
	char gzp[256];
	snprintf(gzp, sizeof gzp, "%s/trunc.log.gz", dir);
	gzFile g = gzopen(gzp, "wb");
	for (int i = 0; i < 2000; i++)
		gzprintf(g, "Oct 14 10:00:00 h sshd[%d]: Failed password for root from 192.0.2.1 port 1 ssh2\n", i);
	gzclose(g);
	f = fopen(gzp, "rb");
	char raw[65536];
	size_t rn = fread(raw, 1, sizeof raw, f);
	fclose(f);
	f = fopen(gzp, "wb");
	fwrite(raw, 1, rn / 2, f);
	fclose(f);
	const char *noss = wfile("nosshd.log", "Oct 14 10:00:00 h CRON[1]: ok\nhello\n");
	struct fc_log_input in[3] = {{path, "bin.log", FC_LOGF_SSH}, {gzp, "trunc.log.gz", FC_LOGF_SSH},
				     {noss, "nosshd.log", FC_LOGF_SSH}};
	struct run r;
	analyze(&r, in, 3, 1, 0, NULL);
	CHECK(r.f->files[0].error);
	CHECK(r.f->files[1].error);
	CHECK(r.f->files[2].error);
	bool bin = false, gz = false, none = false;
	for (size_t i = 0; i < r.d.n; i++) {
		bin |= !strcmp(r.d.v[i].file, "bin.log") && strstr(r.d.v[i].msg, "binary") != NULL;
		gz |= !strcmp(r.d.v[i].file, "trunc.log.gz") && strstr(r.d.v[i].msg, "gzip") != NULL;
		none |= !strcmp(r.d.v[i].file, "nosshd.log") && strstr(r.d.v[i].msg, "no sshd lines") != NULL;
	}
	CHECK(bin);
	CHECK(gz);
	CHECK(none);
	/* what the truncated file held before the cut is still counted */
	CHECK(r.f->ndays == 1 && r.f->days[0].failures > 100);
	done(&r);
}

/* The code's defaults equal catalog/params/log.yaml's (and host.yaml's
 * lockout_threshold) */
static double yaml_default(const char *file, const char *name, const char *key)
{
	struct fc_text t;
	struct fc_diag d;
	fc_diag_init(&d);
	double v = -1;
	if (fc_text_read(file, file, &t, &d))
		goto out;
	struct fc_arena a;
	fc_arena_init(&a);
	struct fc_ynode *root = NULL;
	if (!fc_yaml_parse(t.p, t.n, file, &a, &root, &d) && root && root->kind == FC_Y_SEQ)
		for (size_t i = 0; i < root->n; i++) {
			const char *nm = fc_ymap_str(root->vals[i], "name");
			if (!nm || strcmp(nm, name))
				continue;
			const struct fc_ynode *def = fc_ymap_get(root->vals[i], "default");
			if (key)
				def = fc_ymap_get(def, key);
			if (def && def->kind == FC_Y_SCALAR)
				v = strtod(def->str, NULL);
		}
	fc_arena_release(&a);
	fc_text_release(&t);
out:
	fc_diag_release(&d);
	return v;
}

TEST(defaults_match_catalog)
{
	struct fc_log_thresholds t;
	fc_log_thresholds_default(&t);
	const char *lf = "catalog/params/log.yaml";
	CHECK_INT(yaml_default(lf, "credential_stuffing", "distinct_accounts"), t.stuffing_accounts);
	CHECK_INT(yaml_default(lf, "credential_stuffing", "nonexistent_attempts"), t.nonexistent_attempts);
	CHECK_INT(yaml_default(lf, "credential_stuffing", "spraying_accounts"), t.spraying_accounts);
	CHECK_INT(yaml_default(lf, "credential_stuffing", "brute_force_failures"), t.brute_force_failures);
	CHECK_INT(yaml_default(lf, "log_new_ip_baseline_days", NULL), t.new_ip_baseline_days);
	CHECK_INT(yaml_default(lf, "log_gap_days", NULL), t.gap_days);
	CHECK_INT(yaml_default(lf, "log_clock_skew_seconds", NULL), t.clock_skew_seconds);
	CHECK_INT(yaml_default("catalog/params/host.yaml", "lockout_threshold", NULL), t.lockout_threshold);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/fc_logs_XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	fc_date_parse("2026-11-01", &asof);
	RUN(ssh_rfc3164_failed);
	RUN(ssh_year_rollover);
	RUN(ssh_iso_and_5424);
	RUN(lexer_minute_caches_equal_fresh);
	RUN(ssh_not_sshd_and_repeat);
	RUN(wazuh_sshd_ini_table);
	RUN(wazuh_bruteforce_sections_alert);
	RUN(stream_joins_connection_lines);
	RUN(stream_pam_only_file);
	RUN(login_csv_aliases_and_errors);
	RUN(login_csv_missing_columns);
	RUN(login_jsonl);
	RUN(alerts_login_scenario);
	RUN(alerts_thresholds_move);
	RUN(alerts_spraying);
	RUN(alerts_gap_clock_root);
	RUN(account_event_cap_any_order);
	RUN(host_name_sources);
	RUN(overflow_is_capped_and_reported);
	RUN(tables_grow_exactly);
	RUN(parallel_equals_serial);
	RUN(pipelined_equals_serial);
	RUN(read_ahead_long_lines);
	RUN(hostile_clock_gap_walk);
	RUN(excerpts_bom_crlf_gzip);
	RUN(hostile_files);
	RUN(defaults_match_catalog);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd)) {
	}
	return t_done();
}
