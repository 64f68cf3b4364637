/*
 * accounts/ — account exports, one file per system or host (the file stem
 * names it; spec/evidence-bundle.md):
 *
 *   *.csv     canonical headers or what PowerShell `Get-ADUser -Properties *
 *             | Export-Csv` writes (SamAccountName, Enabled, AdminCount,
 *             MemberOf, LastLogonDate / lastLogon FILETIME, PasswordLastSet /
 *             pwdLastSet, whenCreated, AccountExpirationDate / accountExpires,
 *             PasswordNeverExpires, userAccountControl), including the
 *             "#TYPE …" line Export-Csv writes first; dates in ISO, US
 *             ("11/1/2026 9:30:00 AM") and FILETIME forms.
 *   *.passwd  a copy of /etc/passwd, joined with the matching *.shadow
 *             (ageing, empty or locked password — the hash itself is never
 *             kept), *.group (sudo/wheel/admin membership) and *.lastlog
 *             (`lastlog` output: last login per account).
 *
 * Facts go to b->accounts (struct fc_account, facts.h).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "../core/limits.h"
#include "../core/reader.h"
#include "../core/strutil.h"
#include "../engine/loader.h"
#include "hostcfg.h"
#include "table.h"

#define COLS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define MAX_PASSWD_LINES FC_MAX_PASSWD_LINES

static bool claims(const char *rel)
{
	if (!fc_path_under(rel, "accounts/"))
		return false;
	return fc_path_ext(rel, ".csv") || fc_path_ext(rel, ".passwd") || fc_path_ext(rel, ".shadow") ||
	       fc_path_ext(rel, ".group") || fc_path_ext(rel, ".lastlog");
}

/* ---- dates ------------------------------------------------------------- */

/* A date cell: 1 = a date, 0 = empty or "never" (FILETIME 0 / max), -1 junk. */
static int cell_date(const char *s, int32_t *day)
{
	struct fc_span t = fc_span_trim(fc_span_of(s, strlen(s)));
	*day = FC_NO_DATE;
	if (!t.n || fc_span_ieq(t, "never"))
		return 0;
	char tmp[80];
	if (t.n >= sizeof tmp)
		return -1;
	memcpy(tmp, t.p, t.n);
	tmp[t.n] = '\0';
	int64_t secs;
	bool never = false;
	if (fc_ts_parse(tmp, &secs, &never)) {
		if (never)
			return 0;
		*day = fc_ts_day(secs);
		return 1;
	}
	if (never)
		return 0;
	if (fc_date_parse(tmp, day))
		return 1;
	return -1;
}

static int32_t table_when(struct fc_table *t, const struct fc_csv_row *r, int col, bool *never)
{
	if (never)
		*never = false;
	if (col < 0)
		return FC_NO_DATE;
	int32_t d;
	int k = cell_date(fc_csv_get(r, col), &d);
	if (k < 0) {
		fc_table_error(t, r, col,
			       "expected a date (YYYY-MM-DD, ISO 8601, M/D/YYYY h:mm:ss AM, or a FILETIME number), got '%.40s'",
			       fc_csv_get(r, col));
		return FC_NO_DATE;
	}
	if (k == 0 && never)
		*never = true;
	return d;
}

/* ---- CSV exports ------------------------------------------------------- */

static enum fc_acct_type parse_type(const char *s, bool *bad)
{
	static const struct {
		const char *s;
		enum fc_acct_type t;
	} tt[] = {
		{"user", FC_ACCT_USER}, {"person", FC_ACCT_USER}, {"employee", FC_ACCT_USER},
		{"human", FC_ACCT_USER}, {"service", FC_ACCT_SERVICE}, {"svc", FC_ACCT_SERVICE},
		{"system", FC_ACCT_SERVICE}, {"application", FC_ACCT_SERVICE}, {"app", FC_ACCT_SERVICE},
		{"vendor", FC_ACCT_VENDOR}, {"contractor", FC_ACCT_VENDOR}, {"third_party", FC_ACCT_VENDOR},
		{"outsourcing", FC_ACCT_VENDOR}, {"委外", FC_ACCT_VENDOR}, {"廠商", FC_ACCT_VENDOR},
		{"temp", FC_ACCT_TEMP}, {"temporary", FC_ACCT_TEMP}, {"臨時", FC_ACCT_TEMP},
		{"使用者", FC_ACCT_USER}, {"服務", FC_ACCT_SERVICE},
	};
	*bad = false;
	if (!s)
		return FC_ACCT_UNKNOWN;
	for (size_t i = 0; i < sizeof tt / sizeof tt[0]; i++)
		if (fc_strieq(s, tt[i].s))
			return tt[i].t;
	*bad = true;
	return FC_ACCT_UNKNOWN;
}

/* Privileged AD groups in a MemberOf cell (DNs joined with ';' or '|'). */
static const char *priv_groups_of(struct fc_bundle *b, const char *memberof)
{
	static const char *const groups[] = {"Domain Admins", "Enterprise Admins", "Schema Admins",
					     "Administrators", "Account Operators", "Backup Operators",
					     "Server Operators", "Print Operators", "DnsAdmins",
					     "Group Policy Creator Owners", NULL};
	char out[512] = "";
	size_t o = 0;
	for (size_t i = 0; groups[i]; i++) {
		/* "CN=Domain Admins," (a DN) or the plain group name as an item */
		char dn[64];
		snprintf(dn, sizeof dn, "CN=%s,", groups[i]);
		bool hit = fc_strcasestr(memberof, dn) != NULL;
		if (!hit) {
			const char *p = memberof;
			size_t gl = strlen(groups[i]);
			while ((p = fc_strcasestr(p, groups[i]))) {
				bool start = p == memberof || p[-1] == ';' || p[-1] == '|' || p[-1] == ',' || p[-1] == ' ';
				bool end = !p[gl] || p[gl] == ';' || p[gl] == '|' || p[gl] == ',';
				if (start && end) {
					hit = true;
					break;
				}
				p += gl;
			}
		}
		if (hit && o + strlen(groups[i]) + 2 < sizeof out)
			o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", o ? ";" : "", groups[i]);
	}
	return o ? fc_arena_strdup(&b->arena, out) : NULL;
}

/* Read like fc_table_open, but blank Export-Csv's "#TYPE …" first line
 * (keeping its newline so line numbers stay true). */
enum fc_status fc_ps_table_open(struct fc_table *t, struct fc_bundle *b, const char *path, const char *rel,
				enum fc_evkind kind)
{
	memset(t, 0, sizeof(*t));
	fc_arena_init(&t->tmp);
	t->b = b;
	t->kind = kind;
	t->rel = fc_arena_strdup(&b->arena, rel);
	if (!t->rel)
		return FC_ENOMEM;
	fc_bundle_saw(b, kind, rel);
	struct fc_text txt;
	enum fc_status st = fc_text_read(path, t->rel, &txt, b->diag);
	if (st) {
		fc_bundle_bad(b, kind, rel);
		return st == FC_ENOMEM ? st : FC_EPARSE;
	}
	if (fc_text_is_binary(txt.p, txt.n)) {
		fc_diag_error(b->diag, t->rel, 1, 0, "binary data where a CSV table was expected");
		fc_text_release(&txt);
		fc_bundle_bad(b, kind, rel);
		return FC_EPARSE;
	}
	/* as fc_table_open: a Big5 or ANSI export would give garbage names */
	if (fc_text_check_utf8(&txt, t->rel, b->diag)) {
		fc_text_release(&txt);
		fc_bundle_bad(b, kind, rel);
		return FC_EPARSE;
	}
	if (txt.n >= 5 && !memcmp(txt.p, "#TYPE", 5))
		for (size_t i = 0; i < txt.n && txt.p[i] != '\n'; i++)
			txt.p[i] = '\r';
	st = fc_csv_parse(txt.p, txt.n, t->rel, &t->tmp, &t->csv, b->diag);
	fc_text_release(&txt);
	if (st == FC_ENOMEM) {
		fc_arena_release(&t->tmp);
		return st;
	}
	if (st) {
		fc_bundle_bad(b, kind, rel);
		t->bad = 1;
	}
	return FC_OK;
}

static enum fc_status load_csv(struct fc_bundle *b, const char *path, const char *rel)
{
	struct fc_table t;
	enum fc_status st = fc_ps_table_open(&t, b, path, rel, FC_EV_ACCOUNTS);
	if (st)
		return st == FC_ENOMEM ? st : FC_OK;
	const char *stem = fc_path_stem(b, rel);
	if (!stem) {
		fc_table_done(&t);
		return FC_ENOMEM;
	}
	int c_acct = fc_table_need(&t, COLS("account", "SamAccountName", "username", "user", "user_name",
					    "login", "userid", "user_id", "account_name", "帳號"));
	int c_en = fc_table_col(&t, COLS("enabled", "active", "啟用"));
	int c_uac = fc_table_col(&t, COLS("userAccountControl"));
	int c_priv = fc_table_col(&t, COLS("privileged", "is_admin", "admin", "特權"));
	int c_admc = fc_table_col(&t, COLS("AdminCount"));
	int c_memb = fc_table_col(&t, COLS("MemberOf", "groups"));
	int c_emp = fc_table_col(&t, COLS("employee_id", "EmployeeID", "employeeNumber", "emp_id", "owner_id",
					  "員工編號"));
	int c_ll[4] = {fc_table_col(&t, COLS("last_login", "last_logon")),
		       fc_table_col(&t, COLS("LastLogonDate")), fc_table_col(&t, COLS("lastLogon")),
		       fc_table_col(&t, COLS("lastLogonTimestamp"))};
	int c_pls = fc_table_col(&t, COLS("password_last_set", "PasswordLastSet"));
	int c_pls2 = fc_table_col(&t, COLS("pwdLastSet"));
	int c_cr = fc_table_col(&t, COLS("created", "whenCreated", "create_date", "建立日期"));
	int c_sh = fc_table_col(&t, COLS("shared", "共用"));
	int c_mfa = fc_table_col(&t, COLS("mfa", "two_factor", "2fa", "多因子"));
	int c_dp = fc_table_col(&t, COLS("default_password", "預設密碼"));
	int c_type = fc_table_col(&t, COLS("type", "account_type", "類型"));
	int c_exp = fc_table_col(&t, COLS("expires", "AccountExpirationDate", "expiry", "expiration_date"));
	int c_exp2 = fc_table_col(&t, COLS("accountExpires"));
	int c_pne = fc_table_col(&t, COLS("PasswordNeverExpires", "password_never_expires"));
	int c_dn = fc_table_col(&t, COLS("display_name", "DisplayName", "full_name", "姓名"));
	int c_desc = fc_table_col(&t, COLS("description", "Description", "說明"));
	if (c_acct < 0) {
		fc_table_done(&t);
		return FC_OK;
	}
	for (size_t i = 0; i < t.csv.nrows; i++) {
		const struct fc_csv_row *r = &t.csv.rows[i];
		struct fc_account a;
		memset(&a, 0, sizeof a);
		a.source = stem;
		a.account = fc_table_str(&t, r, c_acct);
		if (!a.account) {
			fc_table_error(&t, r, c_acct, "empty account name");
			continue;
		}
		a.uid = -1;
		a.shadow_max_days = -1;
		a.empty_password = a.locked = FC_UNKNOWN;
		a.enabled = fc_table_bool(&t, r, c_en);
		if (a.enabled == FC_UNKNOWN && c_uac >= 0 && !fc_csv_empty(r, c_uac)) {
			int64_t uac;
			if (fc_parse_i64(fc_csv_get(r, c_uac), &uac))
				a.enabled = (uac & 2) ? 0 : 1; /* ACCOUNTDISABLE */
			else
				fc_table_error(&t, r, c_uac, "expected a number");
		}
		a.privileged = fc_table_bool(&t, r, c_priv);
		if (c_admc >= 0) {
			/* AdminCount: 1 for members of protected groups; empty = 0 */
			int64_t ac = 0;
			if (!fc_csv_empty(r, c_admc) && !fc_parse_i64(fc_csv_get(r, c_admc), &ac))
				fc_table_error(&t, r, c_admc, "expected a number");
			if (a.privileged == FC_UNKNOWN || ac >= 1)
				a.privileged = ac >= 1 ? 1 : (a.privileged == 1 ? 1 : 0);
		}
		if (c_memb >= 0 && !fc_csv_empty(r, c_memb)) {
			a.priv_groups = priv_groups_of(b, fc_csv_get(r, c_memb));
			if (a.priv_groups)
				a.privileged = 1;
			else if (a.privileged == FC_UNKNOWN)
				a.privileged = 0;
		}
		a.employee_id = fc_table_str(&t, r, c_emp);
		/* last login: the newest of the columns present; all empty = never */
		bool any_ll_col = false, any_date = false;
		a.last_login = FC_NO_DATE;
		for (int k = 0; k < 4; k++) {
			if (c_ll[k] < 0)
				continue;
			any_ll_col = true;
			int32_t d = table_when(&t, r, c_ll[k], NULL);
			if (d != FC_NO_DATE) {
				any_date = true;
				if (a.last_login == FC_NO_DATE || d > a.last_login)
					a.last_login = d;
			}
		}
		a.never_logged_in = any_ll_col && !any_date;
		a.password_last_set = table_when(&t, r, c_pls, NULL);
		if (a.password_last_set == FC_NO_DATE)
			a.password_last_set = table_when(&t, r, c_pls2, NULL);
		a.created = table_when(&t, r, c_cr, NULL);
		a.shared = fc_table_bool(&t, r, c_sh);
		a.mfa = fc_table_bool(&t, r, c_mfa);
		if (c_dp >= 0 && fc_strieq(fc_csv_get(r, c_dp), "unknown"))
			a.default_password = FC_UNKNOWN;
		else
			a.default_password = fc_table_bool(&t, r, c_dp);
		a.type_str = fc_table_str(&t, r, c_type);
		bool badtype;
		a.type = parse_type(a.type_str, &badtype);
		if (badtype)
			fc_table_error(&t, r, c_type, "unknown account type '%.40s' (user, service, vendor, temp)",
				       a.type_str);
		a.expires = table_when(&t, r, c_exp, NULL);
		if (a.expires == FC_NO_DATE)
			a.expires = table_when(&t, r, c_exp2, NULL);
		a.password_never_expires = fc_table_bool(&t, r, c_pne);
		a.display_name = fc_table_str(&t, r, c_dn);
		a.description = fc_table_str(&t, r, c_desc);
		a.ref = fc_table_ref(&t, r);
		struct fc_account *slot = fc_vec_push(&b->accounts);
		if (!slot) {
			fc_table_done(&t);
			return FC_ENOMEM;
		}
		*slot = a;
	}
	fc_table_done(&t);
	return FC_OK;
}

/* ---- passwd / shadow / group / lastlog --------------------------------- */

/* Split a colon line into at most max fields (spans); returns the count. */
static size_t colon_fields(struct fc_span s, struct fc_span *f, size_t max)
{
	size_t n = 0;
	const char *p = s.p, *end = s.p + s.n;
	while (n < max) {
		const char *c = memchr(p, ':', (size_t)(end - p));
		f[n++] = fc_span_of(p, c ? (size_t)(c - p) : (size_t)(end - p));
		if (!c)
			break;
		p = c + 1;
	}
	return n;
}

/* Sibling file with another extension: accounts/web01.passwd -> .shadow */
static char *sibling(const char *path, const char *ext)
{
	const char *dot = strrchr(path, '.');
	size_t base = dot ? (size_t)(dot - path) : strlen(path);
	char *s = fc_malloc(base + strlen(ext) + 1);
	if (!s)
		return NULL;
	memcpy(s, path, base);
	memcpy(s + base, ext, strlen(ext) + 1);
	return s;
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static struct fc_account *find_acct(struct fc_bundle *b, size_t from, const char *name, size_t n)
{
	for (size_t i = from; i < b->accounts.n; i++)
		if (strlen(b->accounts.v[i].account) == n && !memcmp(b->accounts.v[i].account, name, n))
			return &b->accounts.v[i];
	return NULL;
}

static bool login_shell(const char *sh)
{
	static const char *const nologin[] = {"nologin", "false", "sync", "shutdown", "halt", NULL};
	if (!sh || !*sh)
		return true; /* empty shell means /bin/sh */
	const char *base = strrchr(sh, '/');
	base = base ? base + 1 : sh;
	for (size_t i = 0; nologin[i]; i++)
		if (!strcmp(base, nologin[i]))
			return false;
	return true;
}

static enum fc_status read_lines(struct fc_bundle *b, const char *path, const char *rel,
				 struct fc_text *txt)
{
	enum fc_status st = fc_text_read(path, rel, txt, b->diag);
	if (st)
		return st;
	if (fc_text_is_binary(txt->p, txt->n)) {
		fc_diag_error(b->diag, rel, 1, 0, "binary data where a text file was expected");
		fc_text_release(txt);
		return FC_EPARSE;
	}
	return FC_OK;
}

/* shadow: name:hash:lastchg:min:max:warn:inactive:expire:reserved.  Only
 * the shape of the hash field is looked at, never kept. */
static enum fc_status join_shadow(struct fc_bundle *b, size_t first, const char *path, const char *rel,
				  bool *bad)
{
	struct fc_text txt;
	enum fc_status st = read_lines(b, path, rel, &txt);
	if (st) {
		*bad = true;
		return st == FC_ENOMEM ? st : FC_OK;
	}
	struct fc_span all = fc_span_of(txt.p, txt.n), line;
	long lineno = 0;
	const char *p = all.p, *end = all.p + all.n;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		line = fc_span_of(p, nl ? (size_t)(nl - p) : (size_t)(end - p));
		p = nl ? nl + 1 : end;
		lineno++;
		if (line.n && line.p[line.n - 1] == '\r')
			line.n--;
		struct fc_span t = fc_span_trim(line);
		if (!t.n || t.p[0] == '#')
			continue;
		struct fc_span f[9];
		size_t nf = colon_fields(t, f, 9);
		if (nf < 8) {
			fc_diag_error(b->diag, rel, lineno, 0, "expected 9 colon-separated shadow fields, got %zu", nf);
			*bad = true;
			continue;
		}
		struct fc_account *a = find_acct(b, first, f[0].p, f[0].n);
		if (!a) {
			fc_diag_warn(b->diag, rel, lineno, 0, "shadow entry '%.*s' has no passwd line",
				     (int)(f[0].n > 40 ? 40 : f[0].n), f[0].p);
			continue;
		}
		struct fc_span h = f[1];
		a->empty_password = h.n == 0;
		a->locked = h.n > 0 && (h.p[0] == '!' || h.p[0] == '*');
		int64_t v;
		if (f[2].n) {
			if (fc_span_i64(f[2], &v) && v >= 0 && v < 200000)
				a->password_last_set = v == 0 ? FC_NO_DATE : (int32_t)v; /* 0: must change */
			else {
				fc_diag_error(b->diag, rel, lineno, 0, "last-change field is not a day number");
				*bad = true;
			}
		}
		if (f[4].n) {
			if (fc_span_i64(f[4], &v) && v >= -1 && v < 10000000) {
				a->shadow_max_days = (int)v;
				a->password_never_expires = v < 0 || v >= 99999;
			} else {
				fc_diag_error(b->diag, rel, lineno, 0, "max-days field is not a number");
				*bad = true;
			}
		} else {
			a->password_never_expires = 1;
		}
		if (f[7].n) {
			if (fc_span_i64(f[7], &v) && v >= 0 && v < 200000) {
				a->expires = (int32_t)v;
				if (a->expires <= b->as_of && b->as_of != FC_NO_DATE)
					a->enabled = 0;
			} else {
				fc_diag_error(b->diag, rel, lineno, 0, "expire field is not a day number");
				*bad = true;
			}
		}
		/* a locked password still lets keys in: enabled stays as the
		 * shell decided; the lock is recorded separately */
	}
	fc_text_release(&txt);
	return FC_OK;
}

/* group: name:pw:gid:members — membership of the groups that grant root */
static enum fc_status join_group(struct fc_bundle *b, size_t first, const char *path, const char *rel,
				 bool *bad)
{
	static const char *const privg[] = {"sudo", "wheel", "admin", "root", NULL};
	struct fc_text txt;
	enum fc_status st = read_lines(b, path, rel, &txt);
	if (st) {
		*bad = true;
		return st == FC_ENOMEM ? st : FC_OK;
	}
	const char *p = txt.p, *end = txt.p + txt.n;
	long lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct fc_span line = fc_span_of(p, nl ? (size_t)(nl - p) : (size_t)(end - p));
		p = nl ? nl + 1 : end;
		lineno++;
		struct fc_span t = fc_span_trim(line);
		if (!t.n || t.p[0] == '#' || t.p[0] == '+' || t.p[0] == '-')
			continue;
		struct fc_span f[4];
		size_t nf = colon_fields(t, f, 4);
		if (nf < 4) {
			fc_diag_error(b->diag, rel, lineno, 0, "expected 4 colon-separated group fields, got %zu", nf);
			*bad = true;
			continue;
		}
		bool priv = false;
		for (size_t i = 0; privg[i]; i++)
			if (fc_span_eq(f[0], privg[i]))
				priv = true;
		if (!priv)
			continue;
		char gname[64];
		snprintf(gname, sizeof gname, "%.*s", (int)(f[0].n > 60 ? 60 : f[0].n), f[0].p);
		struct fc_span m = f[3];
		while (m.n) {
			const char *c = memchr(m.p, ',', m.n);
			struct fc_span u = fc_span_trim(fc_span_of(m.p, c ? (size_t)(c - m.p) : m.n));
			struct fc_account *a = u.n ? find_acct(b, first, u.p, u.n) : NULL;
			if (a) {
				a->privileged = 1;
				a->priv_groups = a->priv_groups ? fc_arena_printf(&b->arena, "%s;%s", a->priv_groups, gname)
								: fc_arena_strdup(&b->arena, gname);
				if (!a->priv_groups) {
					fc_text_release(&txt);
					return FC_ENOMEM;
				}
			}
			if (!c)
				break;
			m.n -= (size_t)(c + 1 - m.p);
			m.p = c + 1;
		}
	}
	fc_text_release(&txt);
	return FC_OK;
}

/* lastlog: "Username Port From Latest", Latest "Tue Oct 14 09:30:00 +0800
 * 2026" or "**Never logged in**" */
static enum fc_status join_lastlog(struct fc_bundle *b, size_t first, const char *path, const char *rel,
				   bool *bad)
{
	struct fc_text txt;
	enum fc_status st = read_lines(b, path, rel, &txt);
	if (st) {
		*bad = true;
		return st == FC_ENOMEM ? st : FC_OK;
	}
	const char *p = txt.p, *end = txt.p + txt.n;
	long lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct fc_span line = fc_span_of(p, nl ? (size_t)(nl - p) : (size_t)(end - p));
		p = nl ? nl + 1 : end;
		lineno++;
		struct fc_span t = fc_span_trim(line), w[12];
		size_t nw = 0;
		while (nw < 12 && fc_hc_word(&t, &w[nw]))
			nw++;
		if (!nw || (lineno == 1 && fc_span_ieq(w[0], "Username")))
			continue;
		struct fc_account *a = find_acct(b, first, w[0].p, w[0].n);
		if (!a)
			continue;
		if (fc_hc_memcasestr(line.p, line.n, "**Never logged in**")) {
			a->last_login = FC_NO_DATE;
			a->never_logged_in = true;
			continue;
		}
		/* find "Mon DD hh:mm:ss [zone] YYYY" from the end */
		bool ok = false;
		for (size_t i = 1; i + 2 < nw && !ok; i++) {
			char mon[4] = {0};
			if (w[i].n == 3)
				memcpy(mon, w[i].p, 3);
			int m = w[i].n == 3 ? fc_month_abbr(mon) : 0;
			int64_t day, year;
			if (!m || !fc_span_i64(w[i + 1], &day))
				continue;
			if (!fc_span_i64(w[nw - 1], &year) || !fc_valid_ymd((int)year, m, (int)day))
				continue;
			a->last_login = fc_days_from_civil((int)year, m, (int)day);
			a->never_logged_in = false;
			ok = true;
		}
		if (!ok) {
			fc_diag_error(b->diag, rel, lineno, 0, "expected a lastlog line (user port from date, or **Never logged in**)");
			*bad = true;
		}
	}
	fc_text_release(&txt);
	return FC_OK;
}

static enum fc_status load_passwd(struct fc_bundle *b, const char *path, const char *rel)
{
	const char *stem = fc_path_stem(b, rel);
	const char *rname = fc_arena_strdup(&b->arena, rel);
	if (!stem || !rname)
		return FC_ENOMEM;
	fc_bundle_saw(b, FC_EV_ACCOUNTS, rel);
	struct fc_text txt;
	enum fc_status st = read_lines(b, path, rname, &txt);
	if (st) {
		fc_bundle_bad(b, FC_EV_ACCOUNTS, rel);
		return st == FC_ENOMEM ? st : FC_OK;
	}
	size_t first = b->accounts.n;
	bool bad = false;
	const char *p = txt.p, *end = txt.p + txt.n;
	long lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct fc_span line = fc_span_of(p, nl ? (size_t)(nl - p) : (size_t)(end - p));
		p = nl ? nl + 1 : end;
		lineno++;
		if (lineno > MAX_PASSWD_LINES) {
			fc_diag_error(b->diag, rname, lineno, 0, "more than %d lines", MAX_PASSWD_LINES);
			bad = true;
			break;
		}
		if (line.n && line.p[line.n - 1] == '\r')
			line.n--;
		struct fc_span t = fc_span_trim(line);
		if (!t.n || t.p[0] == '#' || t.p[0] == '+' || t.p[0] == '-')
			continue; /* comments, NIS compat entries */
		struct fc_span f[7];
		size_t nf = colon_fields(t, f, 7);
		int64_t uid;
		if (nf != 7 || !f[0].n || !fc_span_i64(f[2], &uid) || uid < 0 || uid > 4294967295LL) {
			fc_diag_error(b->diag, rname, lineno, 0,
				      "expected name:password:uid:gid:gecos:home:shell");
			bad = true;
			continue;
		}
		struct fc_account *a = fc_vec_push(&b->accounts);
		if (!a) {
			fc_text_release(&txt);
			return FC_ENOMEM;
		}
		a->source = stem;
		a->account = fc_arena_strndup(&b->arena, f[0].p, f[0].n);
		a->uid = uid > 2147483647 ? 2147483647 : (int)uid;
		a->shell = fc_arena_strndup(&b->arena, f[6].p, f[6].n);
		a->display_name = f[4].n ? fc_arena_strndup(&b->arena, f[4].p, f[4].n) : NULL;
		a->enabled = login_shell(a->shell) ? 1 : 0;
		a->privileged = uid == 0;
		a->shared = a->mfa = a->default_password = FC_UNKNOWN;
		a->password_never_expires = FC_UNKNOWN;
		a->last_login = a->password_last_set = a->created = a->expires = FC_NO_DATE;
		/* system accounts: below UID_MIN (1000 on current distributions,
		 * 500 on RHEL/CentOS ≤ 6 — refined from login.defs in finish()),
		 * unless a login shell and a home under /home say a person uses it */
		bool person = a->enabled == 1 && f[5].n > 6 && !memcmp(f[5].p, "/home/", 6);
		a->system_account = uid != 0 && uid < 1000 && !person;
		a->type = a->system_account ? FC_ACCT_SERVICE : FC_ACCT_UNKNOWN;
		a->shadow_max_days = -1;
		/* passwd field: "x" = in shadow, "" = no password at all */
		a->empty_password = f[1].n == 0 ? 1 : FC_UNKNOWN;
		a->locked = FC_UNKNOWN;
		a->ref.file = rname;
		a->ref.line = lineno;
		a->ref.excerpt = fc_excerpt(b, line.p, line.n);
		if (!a->account || !a->shell || !a->ref.excerpt) {
			fc_text_release(&txt);
			return FC_ENOMEM;
		}
	}
	fc_text_release(&txt);
	static const char *const exts[] = {".shadow", ".group", ".lastlog"};
	for (size_t k = 0; k < 3; k++) {
		char *sp = sibling(path, exts[k]);
		if (!sp)
			return FC_ENOMEM;
		if (exists(sp)) {
			char *srel = sibling(rname, exts[k]);
			const char *sname = srel ? fc_arena_strdup(&b->arena, srel) : NULL;
			fc_free(srel);
			if (!sname) {
				fc_free(sp);
				return FC_ENOMEM;
			}
			bool sbad = false;
			enum fc_status e = k == 0 ? join_shadow(b, first, sp, sname, &sbad)
					   : k == 1 ? join_group(b, first, sp, sname, &sbad)
						    : join_lastlog(b, first, sp, sname, &sbad);
			if (sbad)
				fc_bundle_bad(b, FC_EV_ACCOUNTS, sname);
			if (e) {
				fc_free(sp);
				return e;
			}
		}
		fc_free(sp);
	}
	if (bad)
		fc_bundle_bad(b, FC_EV_ACCOUNTS, rel);
	return FC_OK;
}

static enum fc_status load(struct fc_bundle *b, const char *path, const char *rel)
{
	if (fc_path_ext(rel, ".csv"))
		return load_csv(b, path, rel);
	if (fc_path_ext(rel, ".passwd"))
		return load_passwd(b, path, rel);
	/* .shadow / .group / .lastlog are read with their .passwd */
	fc_bundle_saw(b, FC_EV_ACCOUNTS, rel);
	char *pw = sibling(path, ".passwd");
	if (!pw)
		return FC_ENOMEM;
	bool ok = exists(pw);
	fc_free(pw);
	if (!ok) {
		const char *r = fc_arena_strdup(&b->arena, rel);
		fc_diag_error(b->diag, r ? r : rel, 0, 0,
			      "no matching .passwd file: a .shadow, .group or .lastlog file is read with the passwd copy of the same host");
		fc_bundle_bad(b, FC_EV_ACCOUNTS, rel);
	}
	return FC_OK;
}

/* With every file read: a host's login.defs UID_MIN decides which of its
 * passwd accounts are system accounts. */
static enum fc_status finish(struct fc_bundle *b)
{
	for (size_t i = 0; i < b->accounts.n; i++) {
		struct fc_account *a = &b->accounts.v[i];
		if (a->uid <= 0)
			continue;
		const struct fc_hostcfg *h = fc_hostcfg_find(b, a->source);
		if (!h || !h->logindefs || h->logindefs->uid_min.v == FC_HC_UNSET)
			continue;
		bool sys = a->uid < h->logindefs->uid_min.v;
		if (sys != a->system_account) {
			a->system_account = sys;
			a->type = sys ? FC_ACCT_SERVICE : FC_ACCT_UNKNOWN;
		}
	}
	/* the vector grew by doubling: give back what it will not use (300,000
	 * accounts left ~38 MB allocated for nothing, issue 11) */
	if (b->accounts.n && b->accounts.cap > b->accounts.n) {
		struct fc_account *nv = fc_realloc(b->accounts.v, b->accounts.n * sizeof(*nv));
		if (nv) {
			b->accounts.v = nv;
			b->accounts.cap = b->accounts.n;
		}
	}
	return FC_OK;
}

const struct fc_loader fc_loader_accounts = {"accounts", FC_EV_ACCOUNTS, 50, claims, load, finish, NULL};
