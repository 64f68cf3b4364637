/* Account exports (src/parse/accounts.c), the HR roster (hr.c) and
 * certificates (certs.c), loaded through a bundle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "core/diag.h"
#include "core/mem.h"
#include "engine/bundle.h"
#include "parse/certs.h"
#include "parse/hostcfg.h"
#include "t.h"

static const struct fc_account *acct(const struct fc_bundle *b, const char *src, const char *name)
{
	for (size_t i = 0; i < b->accounts.n; i++)
		if (!strcmp(b->accounts.v[i].source, src) && !strcmp(b->accounts.v[i].account, name))
			return &b->accounts.v[i];
	return NULL;
}

static struct fc_bundle *open_bundle(const char *root, struct fc_diag *d)
{
	struct fc_bundle *b = NULL;
	struct fc_bundle_opts o = {.as_of = FC_NO_DATE};
	fc_diag_init(d);
	if (fc_bundle_open(root, &o, d, &b))
		return NULL;
	return b;
}

TEST(ad_export_iso_filetime_and_roc_hr)
{
	struct fc_diag d;
	struct fc_bundle *b = open_bundle("tests/fixtures/hosts-unseen", &d);
	CHECK(b != NULL);
	if (!b)
		return;
	CHECK_INT(d.errors, 0);
	const struct fc_account *a = acct(b, "CORPAD", "chou.kl");
	CHECK(a != NULL);
	if (a) {
		CHECK_INT(a->enabled, 1);
		CHECK_STR(a->employee_id, "B2003");
		CHECK_INT(a->last_login, fc_days_from_civil(2026, 10, 2));
		CHECK_INT(a->password_last_set, fc_days_from_civil(2026, 8, 20));
		CHECK_INT(a->privileged, 0);
		CHECK_INT(a->ref.line, 5);
	}
	a = acct(b, "CORPAD", "kao.zq");
	CHECK(a && a->never_logged_in && a->last_login == FC_NO_DATE && a->created == fc_days_from_civil(2026, 10, 8));
	a = acct(b, "CORPAD", "admin.ops");
	CHECK(a && a->privileged == 1 && a->employee_id == NULL && a->priv_groups && !strcmp(a->priv_groups, "Domain Admins"));
	a = acct(b, "CORPAD", "Guest");
	CHECK(a && a->password_never_expires == 1 && a->enabled == 1);
	/* Chinese headers and 是/否 booleans */
	a = acct(b, "AGENT-PORTAL", "temp_uat");
	CHECK(a && a->type == FC_ACCT_TEMP && a->mfa == 1 && a->expires == fc_days_from_civil(2026, 9, 30));
	a = acct(b, "AGENT-PORTAL", "portal_admin");
	CHECK(a && a->privileged == 1 && a->mfa == 0);
	/* passwd + shadow: hashes never kept, shape only; CentOS 6 uid 500 users */
	a = acct(b, "lnx-agent-web01", "tester");
	CHECK(a && a->empty_password == 1 && a->uid == 501 && !a->system_account);
	a = acct(b, "lnx-agent-web01", "webadm");
	CHECK(a && a->empty_password == 0 && a->shadow_max_days == 90 && a->password_never_expires == 0);
	a = acct(b, "lnx-agent-web01", "tomcat");
	CHECK(a && a->system_account && a->enabled == 0 && a->locked == 1);
	/* HR: 離職 with an ROC date */
	const struct fc_employee *e = fc_employee_by_id(b, "B2003");
	CHECK(e && !strcmp(e->status, "terminated") && e->termination_date == fc_days_from_civil(2026, 9, 15));
	/* certificates */
	CHECK(b->certs && b->certs->certs.n == 3);
	fc_bundle_free(b);
	fc_diag_release(&d);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* The same accounts with US ("10/2/2026 8:15:00 AM") and ISO dates must
 * give identical facts. */
TEST(us_and_iso_dates_agree)
{
	char dir[] = "/tmp/fc_acctXXXXXX";
	if (!mkdtemp(dir)) {
		CHECK(0);
		return;
	}
	char p[256];
	const char *forms[2][3] = {
		{"2026-10-02 08:15:00", "2026-08-20T17:30:00+08:00", "2019-11-11"},
		{"10/2/2026 8:15:00 AM", "8/20/2026 5:30:00 PM", "11/11/2019 12:00:00 AM"},
	};
	struct fc_account got[2];
	for (int k = 0; k < 2; k++) {
		snprintf(p, sizeof p, "%s/org.yaml", dir);
		write_file(p, "name: t\nindustry: bank\nas_of: 2026-11-01\n");
		snprintf(p, sizeof p, "%s/accounts", dir);
		mkdir(p, 0700);
		snprintf(p, sizeof p, "%s/accounts/AD.csv", dir);
		char csv[512];
		snprintf(csv, sizeof csv,
			 "#TYPE Microsoft.ActiveDirectory.Management.ADUser\r\n"
			 "\"SamAccountName\",\"Enabled\",\"LastLogonDate\",\"PasswordLastSet\",\"whenCreated\",\"pwdLastSet\"\r\n"
			 "\"u1\",\"True\",\"%s\",\"%s\",\"%s\",\"134000000000000000\"\r\n",
			 forms[k][0], forms[k][1], forms[k][2]);
		write_file(p, csv);
		struct fc_diag d;
		struct fc_bundle *b = open_bundle(dir, &d);
		CHECK(b && b->accounts.n == 1);
		CHECK_INT(d.errors, 0);
		if (b && b->accounts.n == 1) {
			got[k] = b->accounts.v[0];
			CHECK_INT(got[k].ref.line, 3); /* the #TYPE line still counts */
		}
		fc_bundle_free(b);
		fc_diag_release(&d);
	}
	CHECK_INT(got[0].last_login, got[1].last_login);
	CHECK_INT(got[0].password_last_set, got[1].password_last_set);
	CHECK_INT(got[0].created, got[1].created);
	CHECK_INT(got[0].last_login, fc_days_from_civil(2026, 10, 2));
	CHECK_INT(got[1].password_last_set, fc_days_from_civil(2026, 8, 20));
	snprintf(p, sizeof p, "rm -rf '%s'", dir);
	CHECK(system(p) == 0);
}

TEST(malformed_dates_and_passwd_reported)
{
	char dir[] = "/tmp/fc_acctXXXXXX";
	if (!mkdtemp(dir)) {
		CHECK(0);
		return;
	}
	char p[256];
	snprintf(p, sizeof p, "%s/org.yaml", dir);
	write_file(p, "name: t\nindustry: bank\nas_of: 2026-11-01\n");
	snprintf(p, sizeof p, "%s/accounts", dir);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/accounts/APP.csv", dir);
	write_file(p, "account,enabled,last_login,type\nok,yes,2026-10-01,user\nbad,maybe,yesterday,robot\n");
	snprintf(p, sizeof p, "%s/accounts/h1.passwd", dir);
	write_file(p, "root:x:0:0:root:/root:/bin/bash\nbroken line\n");
	snprintf(p, sizeof p, "%s/accounts/h2.shadow", dir);
	write_file(p, "root:HASH:20000:0:99999:7:::\n");
	struct fc_diag d;
	struct fc_bundle *b = open_bundle(dir, &d);
	CHECK(b != NULL);
	/* enabled 'maybe', last_login 'yesterday', type 'robot', the broken
	 * passwd line and the shadow without passwd */
	CHECK_INT(d.errors, 5);
	int seen_line3 = 0, seen_passwd2 = 0;
	for (size_t i = 0; i < d.n; i++) {
		if (d.v[i].line == 3 && d.v[i].file && strstr(d.v[i].file, "APP.csv"))
			seen_line3++;
		if (d.v[i].line == 2 && d.v[i].file && strstr(d.v[i].file, "h1.passwd"))
			seen_passwd2++;
	}
	CHECK_INT(seen_line3, 3);
	CHECK_INT(seen_passwd2, 1);
	CHECK(b && b->errors[FC_EV_ACCOUNTS] > 0);
	CHECK(b && b->accounts.n == 3); /* ok, bad (kept with what parsed), root */
	fc_bundle_free(b);
	fc_diag_release(&d);
	snprintf(p, sizeof p, "rm -rf '%s'", dir);
	CHECK(system(p) == 0);
}

TEST(demo_certs_chain_and_levels)
{
	struct fc_diag d;
	struct fc_bundle *b = open_bundle("examples/demo", &d);
	CHECK(b && b->certs);
	if (!b || !b->certs)
		return;
	size_t ev = 0, dv = 0, der = 0;
	for (size_t i = 0; i < b->certs->certs.n; i++) {
		const struct fc_cert *c = &b->certs->certs.v[i];
		if (c->leaf && c->level == FC_CERT_EV)
			ev++;
		if (c->leaf && c->level == FC_CERT_DV && !c->level_inferred)
			dv++;
		if (!strcmp(c->file, "certs/etrade-leaf.cer"))
			der++;
		if (!strcmp(c->file, "certs/api-legacy.crt") && c->leaf) {
			CHECK_STR(c->key_type, "RSA");
			CHECK_INT(c->key_bits, 1024);
			CHECK_STR(c->sig_hash, "sha1");
			CHECK_INT(c->issuer_index, 1);
			CHECK_STR(c->subject_o, "範例證券股份有限公司");
		}
		if (!strcmp(c->file, "certs/etrade.pem") && c->index == 0) {
			CHECK_INT(c->ndns, 2);
			CHECK_STR(c->dns[0], "etrade.example-sec.com.tw");
			CHECK_INT(c->not_after, (int64_t)fc_days_from_civil(2027, 3, 1) * 86400);
		}
	}
	CHECK_INT(ev, 2); /* PEM chain leaf and the DER copy */
	CHECK_INT(dv, 1);
	CHECK_INT(der, 1);
	fc_bundle_free(b);
	fc_diag_release(&d);
}

TEST(cert_garbage_reported)
{
	struct fc_arena a;
	struct fc_diag d;
	struct fc_cert_facts f;
	memset(&f, 0, sizeof f);
	fc_arena_init(&a);
	fc_diag_init(&d);
	const char *pem = "junk\n-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n"
			  "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
	CHECK_INT(fc_certs_parse((const unsigned char *)pem, strlen(pem), "certs/x.pem", &a, &f, &d), FC_EPARSE);
	CHECK_INT(f.certs.n, 0);
	CHECK(d.errors >= 1);
	CHECK_INT(d.v[0].line, 2);
	CHECK_INT(fc_certs_parse((const unsigned char *)"\x30\x03\x02\x01", 4, "certs/y.cer", &a, &f, &d), FC_EPARSE);
	fc_vec_release(&f.certs);
	fc_arena_release(&a);
	fc_diag_release(&d);
}

int main(void)
{
	RUN(ad_export_iso_filetime_and_roc_hr);
	RUN(us_and_iso_dates_agree);
	RUN(malformed_dates_and_passwd_reported);
	RUN(demo_certs_chain_and_levels);
	RUN(cert_garbage_reported);
	return t_done();
}
