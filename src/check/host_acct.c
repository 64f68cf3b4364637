/*
 * Account checks over accounts/ exports joined with hr/employees.csv and
 * records/ (account_review).  Seed 001 CC-18000 (久未使用之使用者權限、唯一
 * 代碼、優質密碼3個月、預設或簡易之帳號密碼), seed 002 存取控制 1–4, 9
 * (最高權限帳號、久未使用、人員異動即時更新、不可共用), CC-15000.2 (離職停用),
 * FL098836 SYS-4/14/15, seed 000 INS-HOST-3/5 (特權帳號、帳號及權限清查).
 */
#include <stdio.h>
#include <string.h>
#include "../core/strutil.h"
#include "host_int.h"

static bool enabled(const struct fc_account *a)
{
	return a->enabled != 0; /* unknown counts as enabled: nothing says it is off */
}

static const char *acct_obj(const struct fc_account *a)
{
	/* the finding object: "SYSTEM\account" so the same name on two
	 * systems are two objects */
	return a->account;
}

static void tag(struct fc_finding *f, const struct fc_bundle *b, const struct fc_account *a)
{
	if (!f)
		return;
	if (fc_system_by_id(b, a->source))
		fc_finding_system(f, a->source);
	else {
		const struct fc_host *h = fc_host_by_name(b, a->source);
		if (h && h->system_id)
			fc_finding_system(f, h->system_id);
	}
}

#define EMIT(c, a, ...) fc_emit_key((c), "account", acct_obj(a), (a)->source, &(a)->ref, __VA_ARGS__)

/* CC-18000.3 / SYS-4-3: 久未使用之帳號 — enabled but unused for longer than
 * dormant_account_days.  New accounts not yet used are not dormant until
 * they are older than the same period. */
void fc_acctchk_dormant(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	long days = (long)fc_param(c, "dormant_account_days");
	size_t judged = 0, unknown = 0;
	char d[11];
	for (size_t i = 0; i < b->accounts.n; i++) {
		const struct fc_account *a = &b->accounts.v[i];
		if (!enabled(a) || a->system_account)
			continue;
		if (a->uid == 0 && fc_streq(a->account, "root"))
			continue; /* root is inherent; its logins are judged by host.ssh_root_login */
		if (a->last_login != FC_NO_DATE) {
			judged++;
			long age = fc_hostchk_age(a->last_login, asof);
			if (age > days)
				tag(EMIT(c, a, FC_TXT(c, "%s 帳號 %s 最後登入 %s，已 %ld 天未使用（上限 %ld 天）仍啟用",
						      "%s account %s last logged in on %s, unused for %ld days (limit %ld) and still enabled"),
					 a->source, a->account, fc_hostchk_date(a->last_login, d), age, days),
				    b, a);
			continue;
		}
		if (!a->never_logged_in) {
			unknown++;
			continue;
		}
		judged++;
		if (a->created != FC_NO_DATE) {
			long age = fc_hostchk_age(a->created, asof);
			if (age > days)
				tag(EMIT(c, a, FC_TXT(c, "%s 帳號 %s 自 %s 建立後從未登入（%ld 天）仍啟用",
						      "%s account %s was created on %s and never used (%ld days), still enabled"),
					 a->source, a->account, fc_hostchk_date(a->created, d), age),
				    b, a);
			continue;
		}
		struct fc_finding *f = EMIT(c, a, FC_TXT(c, "%s 帳號 %s 從未登入且無建立日期，仍啟用",
							"%s account %s has never logged in, has no creation date, and is enabled"),
					    a->source, a->account);
		fc_finding_severity(f, FC_SEV_LOW);
		tag(f, b, a);
	}
	if (!judged && unknown)
		fc_manual(c, FC_TXT(c, "帳號清單未含最後登入時間", "the account exports carry no last-login time"));
	else
		fc_note(c, FC_TXT(c, "%zu 個帳號已檢查，%zu 個無最後登入資料", "%zu accounts checked, %zu without last-login data"),
			judged, unknown);
}

/* CC-15000.2 / CC-18000.7: 人員離職時停用帳號 — leavers' accounts still
 * enabled after leaver_grace_days */
void fc_acctchk_leaver(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	long grace = (long)fc_param(c, "leaver_grace_days");
	char d[11];
	for (size_t i = 0; i < b->accounts.n; i++) {
		const struct fc_account *a = &b->accounts.v[i];
		if (!enabled(a) || !a->employee_id)
			continue;
		const struct fc_employee *e = fc_employee_by_id(b, a->employee_id);
		if (!e || !fc_streq(e->status, "terminated"))
			continue;
		if (e->termination_date != FC_NO_DATE && fc_hostchk_age(e->termination_date, asof) <= grace)
			continue;
		struct fc_finding *f;
		if (e->termination_date != FC_NO_DATE)
			f = EMIT(c, a, FC_TXT(c, "%s 帳號 %s 之所有人 %s（%s）已於 %s 離職，帳號仍啟用",
					      "%s account %s belongs to %s (%s), who left on %s; the account is still enabled"),
				 a->source, a->account, e->employee_id, e->name ? e->name : "?",
				 fc_hostchk_date(e->termination_date, d));
		else
			f = EMIT(c, a, FC_TXT(c, "%s 帳號 %s 之所有人 %s（%s）已離職，帳號仍啟用",
					      "%s account %s belongs to %s (%s), who has left; the account is still enabled"),
				 a->source, a->account, e->employee_id, e->name ? e->name : "?");
		fc_finding_evidence(c, f, &e->ref);
		if (e->termination_date != FC_NO_DATE && a->last_login != FC_NO_DATE && a->last_login > e->termination_date) {
			/* used after its owner left: someone else has it */
			fc_finding_severity(f, FC_SEV_CRITICAL);
		}
		if (e->termination_date != FC_NO_DATE)
			fc_finding_due_from(f, e->termination_date);
		tag(f, b, a);
	}
}

/* SYS-4-4 / INS-HOST-5: accounts naming an owner HR does not know */
void fc_acctchk_orphan(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	for (size_t i = 0; i < b->accounts.n; i++) {
		const struct fc_account *a = &b->accounts.v[i];
		if (!enabled(a) || !a->employee_id)
			continue;
		if (fc_employee_by_id(b, a->employee_id))
			continue;
		tag(EMIT(c, a, FC_TXT(c, "%s 帳號 %s 之員工編號 %s 不在人事名冊中",
				      "%s account %s names employee %s, who is not in the HR roster"),
			 a->source, a->account, a->employee_id),
		    b, a);
	}
}

/* Generic names that no single person owns (CC-18000.4 每一使用者限用唯一
 * 代碼; SYS-14-1).  Exact names, then prefixes. */
static bool generic_name(const char *n)
{
	/* "guest" and "administrator" are built-ins: account.default_enabled */
	static const char *const exact[] = {"shared", "share", "common", "public", "test", "tester",
					    "testuser", "test1", "test01", "user", "user1", "user01", "users",
					    "temp", "tmp", "staff", "teller", "operator", "op", "helpdesk",
					    "support", "training", "trainee", "demo", "everyone", "office",
					    "frontdesk", "counter", NULL};
	static const char *const suffix[] = {"_shared", "-shared", "_public", "_common", "_generic", NULL};
	static const char *const prefix[] = {"shared", "share_", "common", "generic", "public", "team_",
					     "dept_", "group_", NULL};
	for (size_t i = 0; exact[i]; i++)
		if (fc_strieq(n, exact[i]))
			return true;
	for (size_t i = 0; prefix[i]; i++)
		if (fc_istarts(n, prefix[i]))
			return true;
	size_t nl = strlen(n);
	for (size_t i = 0; suffix[i]; i++) {
		size_t sl = strlen(suffix[i]);
		if (nl > sl && !fc_strcasecmp(n + nl - sl, suffix[i]))
			return true;
	}
	return false;
}

void fc_acctchk_shared(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	for (size_t i = 0; i < b->accounts.n; i++) {
		const struct fc_account *a = &b->accounts.v[i];
		if (!enabled(a) || a->system_account)
			continue;
		bool declared = a->shared == 1;
		bool named = a->type != FC_ACCT_SERVICE && generic_name(a->account);
		bool described = (a->description && (strstr(a->description, "共用") || fc_strcasestr(a->description, "shared"))) ||
				 (a->display_name && strstr(a->display_name, "共用"));
		if (!declared && !named && !described)
			continue;
		tag(EMIT(c, a, FC_TXT(c, "%s 帳號 %s 為共用帳號（%s）", "%s account %s is shared (%s)"), a->source, a->account,
			 declared ? FC_TXT(c, "清單標示 shared", "marked shared")
			 : described ? FC_TXT(c, "說明註記共用", "description says shared")
				     : FC_TXT(c, "通用名稱", "generic name")),
		    b, a);
	}
}

/* seed 000 INS-HOST-3 特權帳號未回收納管; seed 002 存取控制 1 最高權限帳號
 * 管理: every privileged account has an individual owner */
void fc_acctchk_priv_owner(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	size_t priv = 0;
	for (size_t i = 0; i < b->accounts.n; i++) {
		const struct fc_account *a = &b->accounts.v[i];
		if (a->privileged != 1 || !enabled(a))
			continue;
		if (a->uid >= 0)
			continue; /* passwd copies name no owner at all: judged by uid0_duplicate */
		priv++;
		if (a->employee_id)
			continue;
		tag(EMIT(c, a, FC_TXT(c, "%s 特權帳號 %s%s%s%s 未對應個人（無員工編號）",
				      "%s privileged account %s%s%s%s has no individual owner (no employee id)"),
			 a->source, a->account, a->priv_groups ? "（" : "", a->priv_groups ? a->priv_groups : "",
			 a->priv_groups ? "）" : ""),
		    b, a);
	}
	size_t csv = 0;
	for (size_t i = 0; i < b->accounts.n; i++)
		csv += b->accounts.v[i].uid < 0 && b->accounts.v[i].privileged != FC_UNKNOWN;
	if (!csv)
		fc_manual(c, FC_TXT(c, "帳號清單未記錄特權（privileged、AdminCount 或 MemberOf）",
				    "the account exports do not record privilege (privileged, AdminCount or MemberOf)"));
	else
		fc_note(c, FC_TXT(c, "%zu 個啟用中之特權帳號", "%zu enabled privileged accounts"), priv);
}

/* CC-18000.6 不得使用預設或簡易之帳號密碼; SYS-15-1 */
void fc_acctchk_default(struct fc_ctx *c)
{
	static const char *const builtin[] = {"administrator", "guest", "admin", "sa", "scott", "dbsnmp", "sys",
					      "system", "root", "demo", "cisco", "manager", "defaultaccount", NULL};
	const struct fc_bundle *b = fc_ctx_bundle(c);
	size_t judged = 0;
	for (size_t i = 0; i < b->accounts.n; i++) {
		const struct fc_account *a = &b->accounts.v[i];
		if (!enabled(a))
			continue;
		judged += a->uid < 0 || a->default_password != FC_UNKNOWN;
		if (a->default_password == 1) {
			struct fc_finding *f = EMIT(c, a, FC_TXT(c, "%s 帳號 %s 仍使用預設密碼", "%s account %s still has its default password"),
						    a->source, a->account);
			fc_finding_severity(f, FC_SEV_CRITICAL);
			tag(f, b, a);
			continue;
		}
		if (a->uid >= 0)
			continue; /* root on a Linux host is inherent: see host.ssh_root_login */
		for (size_t k = 0; builtin[k]; k++)
			if (fc_strieq(a->account, builtin[k])) {
				tag(EMIT(c, a, FC_TXT(c, "%s 內建／預設帳號 %s 仍啟用且未更名", "%s built-in/default account %s is enabled and not renamed"),
					 a->source, a->account),
				    b, a);
				break;
			}
	}
	if (!judged)
		fc_manual(c, FC_TXT(c, "僅有 passwd 複本，無法判斷預設帳號密碼", "only passwd copies: default accounts and passwords cannot be judged"));
}

/* CC-18000.5: 定期3個月以內更新相關使用者之密碼 */
void fc_acctchk_pw_age(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	long max = (long)fc_param(c, "password_max_age_days");
	char d[11];
	size_t judged = 0;
	for (size_t i = 0; i < b->accounts.n; i++) {
		const struct fc_account *a = &b->accounts.v[i];
		if (!enabled(a) || a->system_account || a->locked == 1 || a->empty_password == 1)
			continue;
		if (a->password_never_expires == 1 && a->uid < 0) {
			judged++;
			tag(fc_emit_key(c, "account", acct_obj(a), a->source, &a->ref,
					FC_TXT(c, "%s 帳號 %s 設定密碼永不到期", "%s account %s is set so its password never expires"),
					a->source, a->account),
			    b, a);
			continue;
		}
		if (a->uid >= 0 && a->shadow_max_days >= 0) {
			judged++;
			if (a->shadow_max_days >= 99999)
				tag(fc_emit_key(c, "account", acct_obj(a), a->source, &a->ref,
						FC_TXT(c, "%s 帳號 %s 密碼永不到期（shadow 最長期限 %d）",
						       "%s account %s has a password that never expires (shadow max %d)"),
						a->source, a->account, a->shadow_max_days),
				    b, a);
			else if (a->shadow_max_days > max)
				tag(fc_emit_key(c, "account", acct_obj(a), a->source, &a->ref,
						FC_TXT(c, "%s 帳號 %s 密碼最長期限 %d 天（上限 %ld 天）",
						       "%s account %s has a maximum password age of %d days (limit %ld)"),
						a->source, a->account, a->shadow_max_days, max),
				    b, a);
			continue;
		}
		if (a->password_last_set == FC_NO_DATE)
			continue;
		judged++;
		long age = fc_hostchk_age(a->password_last_set, asof);
		if (age > max)
			tag(fc_emit_key(c, "account", acct_obj(a), a->source, &a->ref,
					FC_TXT(c, "%s 帳號 %s 密碼於 %s 設定，已 %ld 天未變更（上限 %ld 天）",
					       "%s account %s last set its password on %s, %ld days ago (limit %ld)"),
					a->source, a->account, fc_hostchk_date(a->password_last_set, d), age, max),
			    b, a);
	}
	if (!judged)
		fc_manual(c, FC_TXT(c, "帳號清單未含密碼設定日期", "the account exports carry no password dates"));
}

static bool remote_source(const struct fc_bundle *b, const char *src)
{
	const struct fc_system *s = fc_system_by_id(b, src);
	if (s && s->internet_facing == 1)
		return true;
	const struct fc_host *h = fc_host_by_name(b, src);
	if (h && fc_hostchk_exposed(b, h))
		return true;
	static const char *const words[] = {"vpn", "remote", "rdp", "citrix", "ssl-vpn", "sslvpn", NULL};
	for (size_t i = 0; words[i]; i++)
		if (fc_strcasestr(src, words[i]))
			return true;
	return false;
}

/* CC-18000.9 / CC-17010.8 / SYS-14-2: MFA for privileged and remote access */
void fc_acctchk_mfa(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	size_t judged = 0;
	for (size_t i = 0; i < b->accounts.n; i++) {
		const struct fc_account *a = &b->accounts.v[i];
		if (!enabled(a) || a->mfa == FC_UNKNOWN)
			continue;
		bool priv = a->privileged == 1, remote = remote_source(b, a->source);
		if (!priv && !remote)
			continue;
		judged++;
		if (a->mfa == 1)
			continue;
		struct fc_finding *f = EMIT(c, a, FC_TXT(c, "%s %s帳號 %s 未啟用多因子驗證", "%s %saccount %s has no MFA"), a->source,
					    priv && remote ? FC_TXT(c, "遠端特權", "remote privileged ")
					    : priv	   ? FC_TXT(c, "特權", "privileged ")
							   : FC_TXT(c, "遠端存取", "remote-access "),
					    a->account);
		if (priv && remote)
			fc_finding_severity(f, FC_SEV_CRITICAL);
		tag(f, b, a);
	}
	if (!judged)
		fc_manual(c, FC_TXT(c, "帳號清單未記錄特權或遠端帳號之 MFA 狀態（mfa 欄位）",
				    "the account exports do not record MFA for privileged or remote accounts (mfa column)"));
}

/* SYS-4-2 臨時及緊急帳號使用後刪除; CC-18000 (委外人員存取於契約終止時
 * 撤銷): vendor and temporary accounts need an expiry, and must not outlive it */
void fc_acctchk_expiry(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	char d[11];
	size_t typed = 0;
	for (size_t i = 0; i < b->accounts.n; i++)
		typed += b->accounts.v[i].type_str != NULL;
	if (!typed) {
		fc_manual(c, FC_TXT(c, "帳號清單未記錄帳號類型（type: vendor、temp）", "the account exports do not record account types (type: vendor, temp)"));
		return;
	}
	for (size_t i = 0; i < b->accounts.n; i++) {
		const struct fc_account *a = &b->accounts.v[i];
		if (!enabled(a) || (a->type != FC_ACCT_VENDOR && a->type != FC_ACCT_TEMP))
			continue;
		const char *kind = a->type == FC_ACCT_VENDOR ? FC_TXT(c, "委外廠商", "vendor") : FC_TXT(c, "臨時", "temporary");
		if (a->expires == FC_NO_DATE) {
			struct fc_finding *f = EMIT(c, a, FC_TXT(c, "%s %s帳號 %s 未設定到期日", "%s %s account %s has no expiry date"),
						    a->source, kind, a->account);
			fc_finding_severity(f, FC_SEV_MEDIUM);
			tag(f, b, a);
		} else if (a->expires < asof) {
			struct fc_finding *f = EMIT(c, a, FC_TXT(c, "%s %s帳號 %s 已於 %s 到期，仍啟用",
								 "%s %s account %s expired on %s and is still enabled"),
						    a->source, kind, a->account, fc_hostchk_date(a->expires, d));
			fc_finding_due_from(f, a->expires);
			tag(f, b, a);
		}
	}
}

/* CC-18000.3: 定期（至少每半年）盤點並檢討帳號及權限 — per exported system */
void fc_acctchk_review(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	long max = (long)fc_param(c, "account_review_days");
	if (!b->present[FC_EV_RECORDS]) {
		fc_manual(c, FC_TXT(c, "缺少證據: records/（account_review 紀錄）", "evidence missing: records/ (account_review)"));
		return;
	}
	char d[11];
	for (size_t i = 0; i < b->accounts.n; i++) {
		const char *src = b->accounts.v[i].source;
		/* one judgment per exported file: a file's accounts are contiguous
		 * (the same stem in two files gives the same finding id, merged) */
		if (i > 0 && fc_streq(b->accounts.v[i - 1].source, src))
			continue;
		const struct fc_record *best = NULL, *r;
		int32_t bestd = FC_NO_DATE;
		size_t it = 0;
		while ((r = fc_record_next(b, "account_review", &it))) {
			const char *sid = fc_record_str(r, "system_id");
			if (!sid || (!fc_strieq(sid, src) && !fc_strieq(sid, "all")))
				continue;
			int32_t rd = fc_record_date(r, "date");
			if (rd != FC_NO_DATE && (bestd == FC_NO_DATE || rd > bestd)) {
				bestd = rd;
				best = r;
			}
		}
		const struct fc_ref *ev = &b->accounts.v[i].ref;
		struct fc_ref file = {ev->file, 0, NULL};
		if (!best) {
			struct fc_finding *f = fc_emit(c, "system", src, &file,
				FC_TXT(c, "%s 帳號權限無定期清查紀錄（account_review）", "%s has no account review on record (account_review)"), src);
			if (fc_system_by_id(b, src))
				fc_finding_system(f, src);
			continue;
		}
		long age = fc_hostchk_age(bestd, asof);
		if (age > max) {
			struct fc_finding *f = fc_emit(c, "system", src, &best->ref,
				FC_TXT(c, "%s 最近一次帳號清查為 %s，已 %ld 天（上限 %ld 天）",
				       "%s accounts were last reviewed on %s, %ld days ago (limit %ld)"),
				src, fc_hostchk_date(bestd, d), age, max);
			fc_finding_evidence(c, f, &file);
			if (fc_system_by_id(b, src))
				fc_finding_system(f, src);
		}
	}
}

/* shadow: an empty password field lets anyone log in with no password */
void fc_acctchk_empty_pw(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	size_t judged = 0;
	for (size_t i = 0; i < b->accounts.n; i++) {
		const struct fc_account *a = &b->accounts.v[i];
		if (a->empty_password == FC_UNKNOWN)
			continue;
		judged++;
		if (a->empty_password != 1 || a->enabled == 0)
			continue;
		tag(EMIT(c, a, FC_TXT(c, "%s 帳號 %s 密碼欄為空白（免密碼登入）", "%s account %s has an empty password field (logs in without a password)"),
			 a->source, a->account),
		    b, a);
	}
	if (!judged)
		fc_not_applicable(c, FC_TXT(c, "未提供 passwd/shadow 複本", "no passwd/shadow copies in the bundle"));
}

/* Only root may have uid 0: a second uid-0 account is an unmanaged root */
void fc_acctchk_uid0(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	size_t judged = 0;
	for (size_t i = 0; i < b->accounts.n; i++) {
		const struct fc_account *a = &b->accounts.v[i];
		if (a->uid < 0)
			continue;
		judged++;
		if (a->uid != 0 || fc_streq(a->account, "root"))
			continue;
		tag(EMIT(c, a, FC_TXT(c, "%s 帳號 %s 之 UID 為 0（與 root 同權）", "%s account %s has uid 0 (root's powers)"),
			 a->source, a->account),
		    b, a);
	}
	if (!judged)
		fc_not_applicable(c, FC_TXT(c, "未提供 passwd 複本", "no passwd copies in the bundle"));
}
