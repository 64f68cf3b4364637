/* Host-configuration parsers (src/parse/hc_*.c) and the effective password
 * policy (fc_hostcfg_policy). */
#include <string.h>
#include "core/arena.h"
#include "core/diag.h"
#include "core/reader.h"
#include "parse/eos.h"
#include "parse/hostcfg.h"
#include "t.h"

static struct fc_arena A;
static struct fc_diag D;

static void reset(void)
{
	fc_arena_release(&A);
	fc_arena_init(&A);
	fc_diag_release(&D);
	fc_diag_init(&D);
}
#define S(x) x, strlen(x)

TEST(sshd_first_value_wins_and_match_blocks)
{
	reset();
	struct fc_sshd_cfg c = {0};
	const char *t = "# comment\nPermitRootLogin no\npermitrootlogin yes\nPasswordAuthentication=no\n"
			"Ciphers aes256-ctr,aes128-cbc # trailing comment\n"
			"Match User backup Address 10.0.0.0/8\n  PasswordAuthentication yes\n  PermitRootLogin yes\n"
			"Match all\n  X11Forwarding no\n";
	CHECK_INT(fc_sshd_parse(S(t), "sshd_config", &A, &c, &D), FC_OK);
	CHECK_STR(c.global.kw[FC_SSHD_PERMIT_ROOT_LOGIN].v, "no");
	CHECK_INT(c.global.kw[FC_SSHD_PERMIT_ROOT_LOGIN].ref.line, 2);
	CHECK_STR(c.global.kw[FC_SSHD_PASSWORD_AUTH].v, "no");
	CHECK_STR(c.global.kw[FC_SSHD_CIPHERS].v, "aes256-ctr,aes128-cbc");
	CHECK_INT(c.nblocks, 2);
	CHECK_STR(c.blocks[0].match, "User backup Address 10.0.0.0/8");
	CHECK_STR(c.blocks[0].kw[FC_SSHD_PASSWORD_AUTH].v, "yes");
	CHECK_INT(c.blocks[0].kw[FC_SSHD_PERMIT_ROOT_LOGIN].ref.line, 8);
	/* effective value in a Match block falls back to the global one */
	CHECK_STR(fc_sshd_get(&c, &c.blocks[1], FC_SSHD_PASSWORD_AUTH)->v, "no");
	CHECK_INT(D.errors, 0);
}

TEST(sshd_bad_value_reported_with_line)
{
	reset();
	struct fc_sshd_cfg c = {0};
	CHECK_INT(fc_sshd_parse(S("PermitRootLogin maybe\nMatch\n"), "x", &A, &c, &D), FC_EPARSE);
	CHECK_INT(D.errors, 2);
	CHECK_INT(D.v[0].line, 1);
	CHECK_INT(D.v[1].line, 2);
	CHECK(c.global.kw[FC_SSHD_PERMIT_ROOT_LOGIN].v == NULL);
}

static size_t inc_cb(struct fc_sshd_parser *p, const char *pattern, void *ud)
{
	int *calls = ud;
	(*calls)++;
	if (strcmp(pattern, "/etc/ssh/sshd_config.d/*.conf"))
		return 0;
	/* an included file: its Match block must not leak into the includer */
	fc_sshd_parse_more(p, S("PasswordAuthentication yes\nMatch User x\n PermitRootLogin yes\n"), "d/50.conf");
	return 1;
}

TEST(sshd_include_in_order_and_match_scope)
{
	reset();
	struct fc_sshd_cfg c = {0};
	struct fc_sshd_parser p;
	int calls = 0;
	fc_sshd_parser_init(&p, &c, &A, &D, inc_cb, &calls);
	const char *t = "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\nPermitRootLogin no\n"
			"Include missing/*.conf\n";
	CHECK_INT(fc_sshd_parse_more(&p, S(t), "sshd_config"), FC_OK);
	CHECK_INT(calls, 2);
	CHECK_STR(c.global.kw[FC_SSHD_PASSWORD_AUTH].v, "yes"); /* the drop-in came first */
	CHECK_STR(c.global.kw[FC_SSHD_PASSWORD_AUTH].ref.file, "d/50.conf");
	CHECK_STR(c.global.kw[FC_SSHD_PERMIT_ROOT_LOGIN].v, "no"); /* not swallowed by the Match */
	CHECK_INT(c.includes, 1);
	CHECK_INT(c.unresolved_includes, 1);
}

TEST(logindefs_values_and_errors)
{
	reset();
	struct fc_logindefs l;
	CHECK_INT(fc_logindefs_parse(S("PASS_MAX_DAYS\t99999\nPASS_MIN_LEN 5 # x\nUID_MIN 500\nPASS_WARN_AGE x\n"), "login.defs", &A, &l, &D),
		  FC_EPARSE);
	CHECK_INT(l.pass_max_days.v, 99999);
	CHECK_INT(l.pass_min_len.v, 5);
	CHECK_INT(l.uid_min.v, 500);
	CHECK(l.pass_warn_age.v == FC_HC_UNSET);
	CHECK_INT(D.v[0].line, 4);
}

TEST(pam_modules_merge)
{
	reset();
	struct fc_pam_facts f;
	fc_pam_init(&f);
	CHECK_INT(fc_pam_parse(S("password requisite /lib64/security/pam_pwquality.so retry=3 minlen=12 dcredit=-1 ocredit=-1\n"
				 "password [success=1 default=ignore] pam_unix.so obscure yescrypt remember=5\n"
				 "-auth required pam_faillock.so preauth deny=3 unlock_time=900 \\\n  even_deny_root\n"
				 "auth [success=1 default=ignore] pam_unix.so nullok\n@include common-account\n"),
			       "common-password", &A, &f, &D),
		  FC_OK);
	CHECK(f.pwquality);
	CHECK_STR(f.pwquality_module, "pam_pwquality");
	CHECK_INT(f.minlen.v, 12);
	CHECK_INT(f.dcredit.v, -1);
	CHECK_INT(f.remember.v, 5);
	CHECK_STR(f.hash.v, "yescrypt");
	CHECK(f.faillock);
	CHECK_INT(f.deny.v, 3);
	CHECK_INT(f.unlock_time.v, 900);
	CHECK(f.even_deny_root);
	CHECK(f.nullok);
	CHECK_INT(f.nullok_ref.line, 5);
	CHECK_INT(fc_pam_parse(S("bogus required pam_x.so\npassword [unterminated pam_unix.so\n"), "p", &A, &f, &D), FC_EPARSE);
	CHECK_INT(D.errors, 2);
}

TEST(pwquality_and_faillock_conf)
{
	reset();
	struct fc_pwquality q;
	fc_pwquality_init(&q);
	CHECK_INT(fc_pwquality_parse(S("# minlen = 8\nminlen = 14\nminclass=4\nenforce_for_root\n"), "pwquality.conf", &A, &q, &D), FC_OK);
	CHECK_INT(q.minlen.v, 14);
	CHECK_INT(q.minclass.v, 4);
	CHECK(q.enforce_for_root);
	CHECK(q.dcredit.v == FC_HC_UNSET);
	struct fc_faillock_conf fl;
	CHECK_INT(fc_faillock_parse(S("deny = 4\nunlock_time = never\neven_deny_root\naudit\n"), "faillock.conf", &A, &fl, &D), FC_OK);
	CHECK_INT(fl.deny.v, 4);
	CHECK_INT(fl.unlock_time.v, 0);
	CHECK(fl.even_deny_root && fl.audit);
}

TEST(secedit_utf16_bom_through_reader)
{
	reset();
	/* secedit /export writes UTF-16LE with a BOM and CRLF */
	const char *src = "[Unicode]\r\nUnicode=yes\r\n[System Access]\r\nMinimumPasswordLength = 8\r\nLockoutBadCount = 0\r\n"
			  "NewAdministratorName = \"Admin\"\r\n[Registry Values]\r\n"
			  "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,0\r\n";
	unsigned char buf[1024];
	size_t n = 0;
	buf[n++] = 0xFF;
	buf[n++] = 0xFE;
	for (const char *p = src; *p; p++) {
		buf[n++] = (unsigned char)*p;
		buf[n++] = 0;
	}
	struct fc_text t;
	CHECK_INT(fc_text_from_mem(buf, n, "secedit.inf", &t, &D), FC_OK);
	CHECK_INT(t.enc, FC_ENC_UTF16LE);
	struct fc_secedit s;
	CHECK_INT(fc_secedit_parse(t.p, t.n, "secedit.inf", &A, &s, &D), FC_OK);
	CHECK_INT(s.min_pw_len.v, 8);
	CHECK_INT(s.min_pw_len.ref.line, 4);
	CHECK_INT(s.lockout_count.v, 0);
	CHECK_STR(s.new_admin_name.v, "Admin");
	int64_t v = -1;
	CHECK(fc_secedit_reg_int(&s, "Control\\Lsa\\NoLMHash", &v, NULL));
	CHECK_INT(v, 0);
	CHECK(!fc_secedit_reg_int(&s, "Lsa\\Missing", &v, NULL));
	fc_text_release(&t);
}

TEST(secedit_rejects_non_inf)
{
	reset();
	struct fc_secedit s;
	CHECK_INT(fc_secedit_parse(S("hello\nworld\nthis is not an inf\n"), "x.inf", &A, &s, &D), FC_EPARSE);
	CHECK(D.errors >= 1);
	CHECK_INT(D.v[0].line, 1);
}

TEST(logrotate_retention)
{
	reset();
	struct fc_logrotate lr;
	fc_logrotate_init(&lr);
	CHECK_INT(fc_logrotate_parse(S("weekly\nrotate 4\ninclude /etc/logrotate.d\n/var/log/wtmp {\n monthly\n rotate 1\n}\n"),
				     "logrotate.conf", true, &A, &lr, &D), FC_OK);
	CHECK_INT(fc_logrotate_parse(S("/var/log/secure\n/var/log/messages\n{\n  daily\n  rotate 400\n  postrotate\n  kill -HUP 1 }\n  endscript\n}\n"
				       "\"/var/log/auth.log\" {\n maxage 30\n}\n"),
				     "logrotate.d/syslog", false, &A, &lr, &D), FC_OK);
	struct fc_ref r;
	CHECK_INT(fc_logrotate_days(&lr, "/var/log/secure", &r), 401);
	CHECK_INT(r.line, 1);
	CHECK_INT(fc_logrotate_days(&lr, "/var/log/auth.log", NULL), 30); /* weekly×5 capped by maxage */
	CHECK_INT(fc_logrotate_days(&lr, "/var/log/wtmp", NULL), 62);
	CHECK_INT(fc_logrotate_days(&lr, "/var/log/none", NULL), -1);
	/* rotate -1 never removes old logs (logrotate(8)), a count past any
	 * real one is as good (and must not overflow: a fuzz finding), maxage
	 * still caps both, rotate 0 keeps one period */
	CHECK_INT(fc_logrotate_parse(S("/var/log/keep {\n daily\n rotate -1\n}\n/var/log/huge {\n daily\n rotate 99999999999999999\n}\n"
				       "/var/log/capped {\n weekly\n rotate -1\n maxage 90\n}\n/var/log/zero {\n daily\n rotate 0\n}\n"),
				     "logrotate.d/keep", false, &A, &lr, &D), FC_OK);
	CHECK(fc_logrotate_days(&lr, "/var/log/keep", NULL) > 365 * 1000);
	CHECK(fc_logrotate_days(&lr, "/var/log/huge", NULL) > 365 * 1000);
	CHECK_INT(fc_logrotate_days(&lr, "/var/log/capped", NULL), 90);
	CHECK_INT(fc_logrotate_days(&lr, "/var/log/zero", NULL), 1);
	CHECK_INT(fc_logrotate_parse(S("/var/log/x {\n rotate many\n"), "bad", false, &A, &lr, &D), FC_EPARSE);
}

TEST(rsyslog_forwarding)
{
	reset();
	struct fc_rsyslog r = {0};
	CHECK_INT(fc_rsyslog_parse(S("auth,authpriv.*  /var/log/auth.log\n*.*;auth,authpriv.none -/var/log/syslog\n"
				     "authpriv.* @@loghost.example:514\nkern.* @10.0.0.9\n"
				     "*.* action(type=\"omfwd\" target=\"10.99.0.20\"\n   port=\"6514\" protocol=\"tcp\")\n"),
				   "rsyslog.conf", &A, &r, &D), FC_OK);
	CHECK_INT(r.nfiles, 2);
	CHECK_INT(r.nfwd, 3);
	CHECK_STR(r.fwd[0].target, "loghost.example:514");
	CHECK(r.fwd[0].tcp);
	CHECK(!r.fwd[1].tcp);
	CHECK_STR(r.fwd[2].target, "10.99.0.20");
	CHECK_INT(r.fwd[2].ref.line, 5);
	CHECK(fc_rsyslog_selector_has("auth,authpriv.*", "authpriv"));
	CHECK(!fc_rsyslog_selector_has("*.*;auth,authpriv.none", "authpriv"));
	CHECK(fc_rsyslog_selector_has("*.*;auth,authpriv.none", "kern"));
	CHECK(!fc_rsyslog_selector_has("kern.*", "auth"));
	CHECK(fc_rsyslog_selector_has("*.*", "auth"));
}

TEST(osrelease_and_packages)
{
	reset();
	struct fc_osrelease o;
	CHECK_INT(fc_osrelease_parse(S("NAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nID=ubuntu\n"), "os-release", &A, &o, &D), FC_OK);
	CHECK_STR(o.id, "ubuntu");
	CHECK_STR(o.version_id, "22.04");
	struct fc_packages p;
	CHECK_INT(fc_packages_parse(S("Desired=Unknown/Install\n||/ Name Version Arch Desc\n+++-===\n"
				      "ii  telnetd:amd64  0.17-44  amd64  telnet server\nrc  tftpd-hpa  5.2  amd64  gone\n"),
				    "packages.txt", &A, &p, &D), FC_OK);
	CHECK_INT(p.format, FC_PKG_DPKG);
	CHECK_INT(p.n, 1);
	CHECK_STR(p.v[0].name, "telnetd");
	CHECK(fc_packages_find(&p, "tftpd-hpa") == NULL);
	CHECK_INT(fc_packages_parse(S("kernel-5.14.0-427.el9.x86_64   Tue 20 Oct 2026 02:14:07 AM CST\nbash-5.1.8-9.el9.x86_64\n"),
				    "packages.txt", &A, &p, &D), FC_OK);
	CHECK_INT(p.format, FC_PKG_RPM);
	CHECK_STR(p.v[0].name, "kernel");
	CHECK_STR(p.v[0].version, "5.14.0-427.el9.x86_64");
	CHECK_INT(p.newest, fc_days_from_civil(2026, 10, 20));
}

TEST(policy_linux_module_defaults_and_overrides)
{
	reset();
	struct fc_hostcfg h;
	memset(&h, 0, sizeof h);
	h.hostname = "x";
	struct fc_pam_facts pam;
	fc_pam_init(&pam);
	h.pam = &pam;
	fc_pam_parse(S("password requisite pam_pwquality.so\nauth required pam_faillock.so preauth\n"), "system-auth", &A, &pam, &D);
	struct fc_pwquality q;
	fc_pwquality_init(&q);
	fc_pwquality_parse(S("minlen = 12\nminclass = 3\n"), "pwquality.conf", &A, &q, &D);
	h.pwquality = &q;
	struct fc_faillock_conf fl;
	fc_faillock_parse(S("deny = 5\nunlock_time = 0\n"), "faillock.conf", &A, &fl, &D);
	h.faillock = &fl;
	struct fc_pwpolicy p;
	CHECK(fc_hostcfg_policy(&h, &p));
	CHECK_STR(p.platform, "linux");
	CHECK_INT(p.min_length, 12);
	CHECK_INT(p.min_classes, 3);
	CHECK_INT(p.lockout_threshold, 5);
	CHECK_INT(p.lockout_minutes, -1); /* 0 = until an administrator unlocks */
	CHECK_INT(p.history, 0);
	CHECK_INT(p.max_age_days, -1); /* no login.defs */
	/* module arguments override the conf file */
	fc_pam_init(&pam);
	fc_pam_parse(S("password requisite pam_pwquality.so minlen=6\nauth required pam_faillock.so deny=3 unlock_time=600\n"), "s", &A, &pam, &D);
	CHECK(fc_hostcfg_policy(&h, &p));
	CHECK_INT(p.min_length, 6);
	CHECK_INT(p.lockout_threshold, 3);
	CHECK_INT(p.lockout_minutes, 10);
}

TEST(policy_windows)
{
	reset();
	struct fc_hostcfg h;
	memset(&h, 0, sizeof h);
	struct fc_secedit s;
	fc_secedit_parse(S("[System Access]\nMinimumPasswordLength = 8\nPasswordComplexity = 1\nMaximumPasswordAge = -1\n"
			   "LockoutBadCount = 3\nLockoutDuration = -1\nPasswordHistorySize = 24\n"),
			 "secedit.inf", &A, &s, &D);
	h.secedit = &s;
	struct fc_pwpolicy p;
	CHECK(fc_hostcfg_policy(&h, &p));
	CHECK_STR(p.platform, "windows");
	CHECK_INT(p.min_length, 8);
	CHECK_INT(p.min_classes, 3);
	CHECK_INT(p.max_age_days, 0);
	CHECK_INT(p.lockout_minutes, -1);
	CHECK_INT(p.history, 24);
	CHECK_INT(p.max_age_ref.line, 4);
}

TEST(eos_table_lookups)
{
	const struct fc_eos_entry *e = fc_eos_lookup("Windows Server", "2012 R2");
	CHECK(e && !strcmp(e->version, "2012r2"));
	CHECK(e && e->eos == fc_days_from_civil(2023, 10, 10));
	e = fc_eos_lookup("Microsoft Windows Server 2008 R2 Enterprise", NULL);
	CHECK(e && !strcmp(e->version, "2008r2"));
	CHECK(fc_eos_lookup("Windows Server", "2016") && !strcmp(fc_eos_lookup("Windows Server", "2016")->version, "2016"));
	e = fc_eos_lookup("CentOS Linux release 7.9.2009 (Core)", NULL);
	CHECK(e && !strcmp(e->family, "centos") && !strcmp(e->version, "7"));
	e = fc_eos_lookup("centos", "6");
	CHECK(e && e->eos == fc_days_from_civil(2020, 11, 30));
	e = fc_eos_lookup("ubuntu", "20.04");
	CHECK(e && !strcmp(e->version, "20.04"));
	e = fc_eos_lookup("Debian GNU/Linux", "bookworm");
	CHECK(e && !strcmp(e->version, "12"));
	e = fc_eos_lookup("ol", "7.9");
	CHECK(e && !strcmp(e->family, "oracle"));
	e = fc_eos_lookup("SUSE Linux Enterprise Server", "12 SP5");
	CHECK(e && !strcmp(e->version, "12"));
	e = fc_eos_lookup("AIX", "7.1 TL5");
	CHECK(e && !strcmp(e->version, "7.1"));
	CHECK(fc_eos_lookup("AIX", "7.3") == NULL);	/* not in the table: unknown, not "supported" */
	CHECK(fc_eos_lookup("FortiOS", "7.2") == NULL);
	CHECK(fc_eos_lookup("RHEL", "9") && fc_eos_lookup("RHEL", "9")->eos == fc_days_from_civil(2032, 5, 31));
	size_t n;
	const struct fc_eos_entry *all = fc_eos_table(&n);
	CHECK(n > 50);
	for (size_t i = 0; i < n; i++)
		CHECK(all[i].eos > fc_days_from_civil(2009, 1, 1) && all[i].source && all[i].label);
}

int main(void)
{
	fc_arena_init(&A);
	fc_diag_init(&D);
	RUN(sshd_first_value_wins_and_match_blocks);
	RUN(sshd_bad_value_reported_with_line);
	RUN(sshd_include_in_order_and_match_scope);
	RUN(logindefs_values_and_errors);
	RUN(pam_modules_merge);
	RUN(pwquality_and_faillock_conf);
	RUN(secedit_utf16_bom_through_reader);
	RUN(secedit_rejects_non_inf);
	RUN(logrotate_retention);
	RUN(rsyslog_forwarding);
	RUN(osrelease_and_packages);
	RUN(policy_linux_module_defaults_and_overrides);
	RUN(policy_windows);
	RUN(eos_table_lookups);
	fc_arena_release(&A);
	fc_diag_release(&D);
	return t_done();
}
