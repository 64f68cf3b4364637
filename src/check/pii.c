/*
 * Personal data and secrets (issue 7).  The facts are per-file counts from
 * the data/ scanner (src/parse/pii.h); these checks judge where the data
 * was found:
 *   - seed 002 存取控制 6 (妥善管理測試環境中的正式資料，適當遮蔽個資) and
 *     CC-18000.1: unmasked personal data taken from test/UAT/dev zones or hosts;
 *   - seed 000 電子商務系統安全管理 重要資料保護機制 (INS-EC-4): card numbers
 *     with expiry and bank account numbers stored unencrypted, database
 *     passwords in plaintext in the DMZ;
 *   - seed 000 個資應用安全設計 (INS-EC-5): public sites showing personal data
 *     without masking;
 *   - seed 000 個人資料保護 (INS-PII-1) and seed 002 存取控制 10 (盤點個資):
 *     personal data found where the inventory knows of no zone or host.
 * Severity grows with the number of records exposed (pii_severity_records).
 * Evidence excerpts are masked samples, never the source line.
 */
#include <stdio.h>
#include <string.h>
#include "../core/strutil.h"
#include "../engine/check.h"
#include "../parse/pii.h"

#define ZH(c, zh, en) (fc_ctx_zh(c) ? (zh) : (en))

struct where {
	bool known;		/* names a zone or a host */
	bool test;		/* test / UAT / development */
	bool dmz;		/* DMZ or Internet zone, or a host in one */
	bool public_web;	/* an internet-facing web host, or a web root under the DMZ */
	char what[160];		/* "test zone TEST", "host uat-ap01 (uat)" */
};

static bool web_root(const char *rel)
{
	static const char *const roots[] = {"/www/", "/wwwroot/", "/htdocs/", "/public_html/", "/html/",
					    "/webapps/", "/public/", "/static/", "/web/", NULL};
	for (size_t i = 0; roots[i]; i++)
		if (fc_strcasestr(rel, roots[i]))
			return true;
	return false;
}

static const char *kind_zh(enum fc_zone_kind k)
{
	static const char *const n[] = {"未分類", "網際網路", "DMZ", "正式", "測試", "辦公", "管理", "合作廠商"};
	return (unsigned)k < sizeof n / sizeof n[0] ? n[k] : "未分類";
}

static void classify(const struct fc_bundle *b, const struct fc_pii_file *f, struct where *w, bool zh)
{
	memset(w, 0, sizeof(*w));
	const char *name = f->where;
	if (!name || !*name)
		return;
	const struct fc_zone *z = fc_zone_by_name(b, name);
	const struct fc_host *h = z ? NULL : fc_host_by_name(b, name);
	if (z) {
		w->known = true;
		w->test = z->kind == FC_ZK_TEST;
		w->dmz = z->kind == FC_ZK_DMZ || z->kind == FC_ZK_INTERNET;
		w->public_web = w->dmz && web_root(f->rel);
		if (zh)
			snprintf(w->what, sizeof w->what, "%s網段 %s", kind_zh(z->kind), z->name);
		else
			snprintf(w->what, sizeof w->what, "%s zone %s", fc_zone_kind_name(z->kind), z->name);
		return;
	}
	if (!h)
		return;
	w->known = true;
	w->test = h->env == FC_ENV_TEST || h->env == FC_ENV_UAT || h->env == FC_ENV_DEVELOPMENT;
	const struct fc_zone *hz = h->zone ? fc_zone_by_name(b, h->zone) : NULL;
	if (!hz && h->nips)
		hz = fc_zone_of_ip(b, &h->ips[0]);
	if (hz && hz->kind == FC_ZK_TEST)
		w->test = true;
	w->dmz = hz && (hz->kind == FC_ZK_DMZ || hz->kind == FC_ZK_INTERNET);
	bool web = h->role && (!strcmp(h->role, "web") || !strcmp(h->role, "proxy"));
	w->public_web = (h->internet_facing == 1 && (web || web_root(f->rel))) || (w->dmz && web_root(f->rel));
	if (zh)
		snprintf(w->what, sizeof w->what, "主機 %s（%s%s%s）", h->hostname, h->env_str ? h->env_str : "?",
			 hz ? "，網段 " : "", hz ? hz->name : "");
	else
		snprintf(w->what, sizeof w->what, "host %s (%s%s%s)", h->hostname, h->env_str ? h->env_str : "?",
			 hz ? ", zone " : "", hz ? hz->name : "");
}

static uint64_t personal_valid(const struct fc_pii_result *r)
{
	uint64_t n = 0;
	for (int t = 0; t < FC_PII__COUNT; t++)
		if (fc_pii_personal((enum fc_pii_type)t))
			n += r->counts[t].valid;
	return n;
}

/* "national_id 120, mobile 118" */
static void type_list(const struct fc_pii_result *r, bool personal_only, char *out, size_t n)
{
	size_t k = 0;
	out[0] = 0;
	for (int t = 0; t < FC_PII__COUNT; t++) {
		if (!r->counts[t].valid || (personal_only && !fc_pii_personal((enum fc_pii_type)t)))
			continue;
		int w = snprintf(out + k, n - k, "%s%s %llu", k ? ", " : "", fc_pii_type_name((enum fc_pii_type)t),
				 (unsigned long long)r->counts[t].valid);
		if (w < 0 || (size_t)w >= n - k)
			break;
		k += (size_t)w;
	}
}

/* "身分證字號, 手機" — the columns holding personal data */
static void column_list(const struct fc_pii_result *r, bool personal_only, char *out, size_t n)
{
	size_t k = 0;
	out[0] = 0;
	for (size_t i = 0; i < r->ncolumns; i++) {
		if (personal_only && !fc_pii_personal((enum fc_pii_type)r->columns[i].type))
			continue;
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			dup = dup || !strcmp(r->columns[j].name, r->columns[i].name);
		if (dup)
			continue;
		int w = snprintf(out + k, n - k, "%s%s", k ? ", " : "", r->columns[i].name);
		if (w < 0 || (size_t)w >= n - k)
			break;
		k += (size_t)w;
	}
}

/* Evidence: the file and the line of the first hit of the most telling
 * kind; the excerpt is the masked sample (built by the loader), never the
 * line itself.  type -1 = any personal data. */
static struct fc_ref first_ref(const struct fc_pii_file *f, int type, bool want_expiry)
{
	const struct fc_pii_result *r = f->res;
	struct fc_ref ref = {f->rel, 0, NULL};
	if (want_expiry) {
		ref.line = f->ex_expiry ? f->ex_expiry_line : r->first_expiry_line;
		ref.excerpt = f->ex_expiry ? f->ex_expiry : "card with expiry (masked)";
	} else if (type < 0) {
		ref.line = f->ex_personal_line;
		ref.excerpt = f->ex_personal ? f->ex_personal : "personal data (masked)";
		if (!ref.line)
			for (int t = 0; t < FC_PII__COUNT; t++)
				if (fc_pii_personal((enum fc_pii_type)t) && r->first_line[t] &&
				    (!ref.line || r->first_line[t] < ref.line))
					ref.line = r->first_line[t];
	} else {
		ref.line = f->ex[type] ? f->ex_line[type] : r->first_line[type];
		ref.excerpt = f->ex[type] ? f->ex[type] : fc_pii_type_name((enum fc_pii_type)type);
	}
	return ref;
}

/* pii_severity_records: the highest severity whose record threshold is met. */
static void scale(struct fc_ctx *c, struct fc_finding *f, uint64_t records)
{
	static const struct {
		const char *key;
		enum fc_severity sev;
	} lv[] = {{"critical", FC_SEV_CRITICAL}, {"high", FC_SEV_HIGH}, {"medium", FC_SEV_MEDIUM}, {"low", FC_SEV_LOW}};
	if (!f)
		return;
	for (size_t i = 0; i < sizeof lv / sizeof lv[0]; i++) {
		double th = fc_param_key(c, "pii_severity_records", lv[i].key, -1);
		if (th >= 0 && (double)records >= th) {
			fc_finding_severity(f, lv[i].sev);
			return;
		}
	}
}

static const struct fc_pii_facts *facts(struct fc_ctx *c)
{
	return fc_ctx_bundle(c)->pii;
}

static void note_scanned(struct fc_ctx *c, const struct fc_pii_facts *pf, size_t checked, const char *what)
{
	fc_note(c, "%zu data files scanned (%llu bytes), %zu %s%s", pf->nfiles,
		(unsigned long long)pf->totals.bytes, checked, what,
		pf->binary ? "; some files were binary and not scanned" : "");
}

/* CC-18000.1, seed 002 存取控制 6: personal data in test environments must be masked. */
static void run_test_unmasked(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_pii_facts *pf = facts(c);
	if (!pf)
		return;
	if (!b->zones.n && !b->hosts.n) {
		fc_manual(c, "%s", ZH(c, "缺少 network/zones.csv 及 inventory/hosts.csv，無法判斷資料是否取自測試環境",
				      "network/zones.csv and inventory/hosts.csv are absent: cannot tell which data came from test environments"));
		return;
	}
	size_t ntest = 0;
	for (size_t i = 0; i < pf->nfiles; i++) {
		const struct fc_pii_file *f = &pf->files[i];
		struct where w;
		classify(b, f, &w, fc_ctx_zh(c));
		if (!w.test)
			continue;
		ntest++;
		if (!f->res || !personal_valid(f->res))
			continue;
		char types[256], cols[256];
		type_list(f->res, true, types, sizeof types);
		column_list(f->res, true, cols, sizeof cols);
		struct fc_ref ref = first_ref(f, -1, false);
		struct fc_finding *fd = fc_emit_key(
			c, "file", f->rel, f->rel, &ref,
			ZH(c, "%s 之資料含 %llu 筆未遮蔽個資（%s%s%s）", "data from %s holds %llu records of unmasked personal data (%s%s%s)"),
			w.what, (unsigned long long)f->res->records, types, cols[0] ? ZH(c, "；欄位 ", "; columns ") : "", cols);
		scale(c, fd, f->res->records);
	}
	note_scanned(c, pf, ntest, "files from test environments");
}

/* INS-EC-4: card numbers with their expiry in plaintext, anywhere. */
static void run_card_expiry(struct fc_ctx *c)
{
	const struct fc_pii_facts *pf = facts(c);
	if (!pf)
		return;
	for (size_t i = 0; i < pf->nfiles; i++) {
		const struct fc_pii_file *f = &pf->files[i];
		if (!f->res || !f->res->card_expiry)
			continue;
		struct fc_ref ref = first_ref(f, FC_PII_CARD, true);
		fc_emit_key(c, "file", f->rel, f->rel, &ref,
			    ZH(c, "%llu 筆信用卡號連同有效期限以明碼存放", "%llu card numbers stored in plaintext together with their expiry date"),
			    (unsigned long long)f->res->card_expiry);
	}
	note_scanned(c, pf, pf->nfiles, "files checked");
}

/* INS-EC-4, A.8.11: full card numbers (without an expiry next to them). */
static void run_card_plain(struct fc_ctx *c)
{
	const struct fc_pii_facts *pf = facts(c);
	if (!pf)
		return;
	for (size_t i = 0; i < pf->nfiles; i++) {
		const struct fc_pii_file *f = &pf->files[i];
		if (!f->res)
			continue;
		uint64_t n = f->res->counts[FC_PII_CARD].valid - f->res->card_expiry;
		if (!n)
			continue;
		struct fc_ref ref = first_ref(f, FC_PII_CARD, false);
		struct fc_finding *fd = fc_emit_key(c, "file", f->rel, f->rel, &ref,
						    ZH(c, "%llu 筆完整信用卡號以明碼存放（未遮蔽或加密）",
						       "%llu full card numbers stored in plaintext (neither masked nor encrypted)"),
						    (unsigned long long)n);
		scale(c, fd, n);
	}
	note_scanned(c, pf, pf->nfiles, "files checked");
}

/* INS-EC-4: bank account numbers stored unencrypted. */
static void run_bank_plain(struct fc_ctx *c)
{
	const struct fc_pii_facts *pf = facts(c);
	if (!pf)
		return;
	for (size_t i = 0; i < pf->nfiles; i++) {
		const struct fc_pii_file *f = &pf->files[i];
		if (!f->res || !f->res->counts[FC_PII_BANK_ACCOUNT].valid)
			continue;
		struct fc_ref ref = first_ref(f, FC_PII_BANK_ACCOUNT, false);
		uint64_t n = f->res->counts[FC_PII_BANK_ACCOUNT].valid;
		struct fc_finding *fd = fc_emit_key(c, "file", f->rel, f->rel, &ref,
						    ZH(c, "%llu 筆銀行帳號以明碼存放", "%llu bank account numbers stored in plaintext"),
						    (unsigned long long)n);
		scale(c, fd, n);
	}
	note_scanned(c, pf, pf->nfiles, "files checked");
}

/* INS-EC-5: personal data in the DMZ or in public web content. */
static void run_public(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_pii_facts *pf = facts(c);
	if (!pf)
		return;
	if (!b->zones.n && !b->hosts.n) {
		fc_manual(c, "%s", ZH(c, "缺少 network/zones.csv 及 inventory/hosts.csv，無法判斷資料是否位於DMZ或對外網站",
				      "network/zones.csv and inventory/hosts.csv are absent: cannot tell which data sits in the DMZ or on public sites"));
		return;
	}
	size_t nexp = 0;
	for (size_t i = 0; i < pf->nfiles; i++) {
		const struct fc_pii_file *f = &pf->files[i];
		struct where w;
		classify(b, f, &w, fc_ctx_zh(c));
		if (!w.dmz && !w.public_web)
			continue;
		nexp++;
		if (!f->res || !personal_valid(f->res))
			continue;
		char types[256];
		type_list(f->res, true, types, sizeof types);
		struct fc_ref ref = first_ref(f, -1, false);
		struct fc_finding *fd = fc_emit_key(
			c, "file", f->rel, f->rel, &ref,
			ZH(c, "%s%s 之資料含 %llu 筆未遮蔽個資（%s）", "%s%s holds %llu records of unmasked personal data (%s)"),
			w.public_web ? ZH(c, "對外網站內容，", "public web content on ") : "", w.what,
			(unsigned long long)f->res->records, types);
		scale(c, fd, f->res->records);
	}
	note_scanned(c, pf, nexp, "files from the DMZ or public sites");
}

/* INS-EC-4 (資料庫密碼明碼存放於DMZ), SA-6.5, A.5.17: plaintext secrets. */
static void run_secrets(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_pii_facts *pf = facts(c);
	if (!pf)
		return;
	for (size_t i = 0; i < pf->nfiles; i++) {
		const struct fc_pii_file *f = &pf->files[i];
		if (!f->res || !f->res->counts[FC_PII_SECRET].valid)
			continue;
		struct where w;
		classify(b, f, &w, fc_ctx_zh(c));
		const struct fc_pii_result *r = f->res;
		struct fc_ref ref = first_ref(f, FC_PII_SECRET, false);
		const char *kind = "secret";
		for (size_t k = 0; k < r->nsamples; k++)
			if (r->samples[k].type == FC_PII_SECRET && r->samples[k].kind) {
				kind = r->samples[k].kind;
				break;
			}
		struct fc_finding *fd = fc_emit_key(
			c, "file", f->rel, f->rel, &ref,
			ZH(c, "%llu 個明碼密碼、連線字串或私鑰（首見 %s）%s%s", "%llu plaintext passwords, connection strings or private keys (first: %s)%s%s"),
			(unsigned long long)r->counts[FC_PII_SECRET].valid, kind, w.dmz ? ZH(c, "，位於 ", " in ") : "",
			w.dmz ? w.what : "");
		/* seed 000: 連線資料庫使用之密碼存放於DMZ區且明碼存放 */
		if (fd && w.dmz)
			fc_finding_severity(fd, FC_SEV_CRITICAL);
	}
	note_scanned(c, pf, pf->nfiles, "files checked");
}

/* INS-PII-1, seed 002 存取控制 10 (盤點個資): personal data found where the
 * inventory knows no zone or host — the personal-data inventory cannot
 * cover a place the asset inventory does not list. */
static void run_inventory(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_pii_facts *pf = facts(c);
	if (!pf)
		return;
	size_t places = 0;
	for (size_t i = 0; i < pf->nfiles; i++) {
		const struct fc_pii_file *f = &pf->files[i];
		if (!f->res || !personal_valid(f->res))
			continue;
		places++;
		struct where w;
		classify(b, f, &w, fc_ctx_zh(c));
		if (w.known)
			continue;
		char types[256];
		type_list(f->res, true, types, sizeof types);
		struct fc_ref ref = first_ref(f, -1, false);
		if (!*f->where)
			fc_emit_key(c, "file", f->rel, f->rel, &ref,
				    ZH(c, "個資檔案（%s）未標明取自哪個網段或主機（應置於 data/<網段或主機>/）",
				       "personal data (%s) in a file that names no zone or host (expected under data/<zone-or-host>/)"),
				    types);
		else
			fc_emit_key(c, "file", f->rel, f->rel, &ref,
				    ZH(c, "個資（%s）位於「%s」，該處不在網段或主機清冊中", "personal data (%s) found at '%s', which is neither a zone nor a host in the inventory"),
				    types, f->where);
	}
	fc_note(c, "%zu files hold personal data", places);
}

const struct fc_check_impl fc_checks_pii[] = {
	{"pii.test_data_unmasked", FC_EVBIT(FC_EV_DATA), run_test_unmasked},
	{"pii.card_expiry_plaintext", FC_EVBIT(FC_EV_DATA), run_card_expiry},
	{"pii.card_plaintext", FC_EVBIT(FC_EV_DATA), run_card_plain},
	{"pii.bank_account_plaintext", FC_EVBIT(FC_EV_DATA), run_bank_plain},
	{"pii.public_exposure", FC_EVBIT(FC_EV_DATA), run_public},
	{"pii.secrets_plaintext", FC_EVBIT(FC_EV_DATA), run_secrets},
	{"pii.inventory_unknown_location", FC_EVBIT(FC_EV_DATA), run_inventory},
	{NULL, 0, NULL},
};
