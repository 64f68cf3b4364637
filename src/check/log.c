/*
 * Authentication-log checks (issue 6): the alerts of fc_log_alerts() as
 * findings.  Seed 002 網路安全管理 14–16 and 撞庫事件後的資安強化措施; SYS-4-8
 * (每日監控分析登入嘗試), SYS-15-3 (錯誤3次鎖定), SYS-7-3 (最高權限使用),
 * SYS-7-1 (日誌保存三年).  The thresholds are parameters
 * (catalog/params/log.yaml, lockout_threshold and audit_log_retention_days
 * from catalog/params/host.yaml).
 */
#include <stdio.h>
#include <string.h>
#include "../core/date.h"
#include "../engine/check.h"
#include "../parse/logs.h"

/* More findings than this per check become a note: the full list is the
 * daily report (`fincheck logscan`). */
#define MAX_FINDINGS_PER_CHECK 500

static bool have_logs(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	if (b->present[FC_EV_LOGS_SSH] || b->present[FC_EV_LOGS_LOGIN]) {
		if (b->logs && b->logs->analysed)
			return true;
		fc_check_error(c, fc_ctx_zh(c) ? "日誌未能分析" : "the logs could not be analysed");
		return false;
	}
	fc_manual(c, fc_ctx_zh(c) ? "缺少證據: logs/ssh/、logs/login/（每日登入紀錄）"
				  : "evidence missing: logs/ssh/, logs/login/ (daily authentication logs)");
	return false;
}

/* Malformed log files: the result is incomplete, never a pass. */
static void report_errors(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	unsigned bad = b->errors[FC_EV_LOGS_SSH] + b->errors[FC_EV_LOGS_LOGIN];
	if (bad)
		fc_check_error(c, fc_ctx_zh(c) ? "%u 個日誌檔案格式錯誤，結果不完整" : "%u malformed log file(s): result incomplete",
			       bad);
}

static void thresholds(struct fc_ctx *c, struct fc_log_thresholds *t, unsigned want)
{
	fc_log_thresholds_default(t);
	if (want & 1) {
		t->stuffing_accounts = (int)fc_param_key(c, "credential_stuffing", "distinct_accounts", t->stuffing_accounts);
		t->nonexistent_attempts =
			(int)fc_param_key(c, "credential_stuffing", "nonexistent_attempts", t->nonexistent_attempts);
		t->spraying_accounts = (int)fc_param_key(c, "credential_stuffing", "spraying_accounts", t->spraying_accounts);
		t->brute_force_failures =
			(int)fc_param_key(c, "credential_stuffing", "brute_force_failures", t->brute_force_failures);
	}
	if (want & 2)
		t->lockout_threshold = (int)fc_param(c, "lockout_threshold");
	if (want & 4)
		t->new_ip_baseline_days = (int)fc_param(c, "log_new_ip_baseline_days");
	if (want & 8) {
		t->gap_days = (int)fc_param(c, "log_gap_days");
		t->clock_skew_seconds = (int)fc_param(c, "log_clock_skew_seconds");
	}
}

static void day_str(int32_t d, char out[11])
{
	fc_date_fmt(d, out);
}

/* Emit one finding per alert of the kinds asked for. */
static size_t emit_alerts(struct fc_ctx *c, const struct fc_log_alert *al, size_t n, enum fc_log_alert_kind k1,
			  enum fc_log_alert_kind k2, size_t dropped)
{
	bool zh = fc_ctx_zh(c);
	size_t emitted = 0, over = dropped; /* dropped: beyond the cap, never built */
	for (size_t i = 0; i < n; i++) {
		const struct fc_log_alert *a = &al[i];
		if (a->kind != k1 && a->kind != k2)
			continue;
		if (emitted >= MAX_FINDINGS_PER_CHECK) {
			over++;
			continue;
		}
		char day[11];
		day_str(a->day, day);
		const char *otype = "ip", *obj = a->ip;
		char key[160];
		snprintf(key, sizeof key, "%s", day);
		char buf[600];
		buf[0] = '\0';
		switch (a->kind) {
		case FC_LA_STUFFING:
			snprintf(buf, sizeof buf,
				 zh ? "%s：來源IP %s 嘗試登入 %llu 個不同帳號（失敗 %llu 次，其中非既有帳號 %llu 次，成功 %llu 次）"
				    : "%s: source IP %s tried %llu distinct accounts (%llu failures, %llu on non-existent accounts, %llu successes)",
				 day, a->ip, (unsigned long long)a->count, (unsigned long long)a->failures,
				 (unsigned long long)a->nonexistent, (unsigned long long)a->successes);
			break;
		case FC_LA_SPRAYING:
			snprintf(buf, sizeof buf,
				 zh ? "%s：來源IP %s 對 %llu 個既有帳號各嘗試少量密碼（低於鎖定門檻），共失敗 %llu 次"
				    : "%s: source IP %s tried %llu existing accounts a few times each (below the lockout threshold), %llu failures",
				 day, a->ip, (unsigned long long)a->count, (unsigned long long)a->failures);
			break;
		case FC_LA_BRUTE_FORCE:
			snprintf(buf, sizeof buf,
				 zh ? "%s：來源IP %s 對帳號 %s 登入失敗 %llu 次（當日共失敗 %llu 次）"
				    : "%s: source IP %s failed on account %s %llu times (%llu failures that day)",
				 day, a->ip, a->account ? a->account : "?", (unsigned long long)a->count,
				 (unsigned long long)a->failures);
			break;
		case FC_LA_NONEXISTENT:
			snprintf(buf, sizeof buf,
				 zh ? "%s：來源IP %s 以 %llu 個不存在之帳號嘗試登入 %llu 次（非客戶帳號嘗試）"
				    : "%s: source IP %s made %llu attempts on %llu accounts that do not exist",
				 day, a->ip, zh ? (unsigned long long)a->accounts : (unsigned long long)a->count,
				 zh ? (unsigned long long)a->count : (unsigned long long)a->accounts);
			break;
		case FC_LA_LOCKOUT:
			otype = "account";
			obj = a->account;
			snprintf(buf, sizeof buf,
				 zh ? "%s：帳號 %s 連續登入失敗 %llu 次未被鎖定（當日失敗 %llu 次）"
				    : "%s: account %s failed %llu times in a row without being locked (%llu failures that day)",
				 day, a->account, (unsigned long long)a->count, (unsigned long long)a->failures);
			break;
		case FC_LA_SUCCESS_AFTER:
			otype = "account";
			obj = a->account;
			snprintf(buf, sizeof buf,
				 zh ? "%s：帳號 %s 連續失敗 %llu 次後登入成功%s%s（疑似帳號遭盜用）"
				    : "%s: account %s logged in after %llu consecutive failures%s%s (possible compromise)",
				 day, a->account, (unsigned long long)a->count, a->ip ? (zh ? "，來源IP " : " from ") : "",
				 a->ip ? a->ip : "");
			break;
		case FC_LA_NEW_IP:
			otype = "account";
			obj = a->account;
			snprintf(key, sizeof key, "%s", a->ip ? a->ip : "");
			snprintf(buf, sizeof buf,
				 zh ? "%s：帳號 %s 自基準期間內未曾使用之IP %s 登入，應通知客戶"
				    : "%s: account %s logged in from %s, an IP not used in the baseline window: notify the customer",
				 day, a->account, a->ip ? a->ip : "?");
			break;
		case FC_LA_PRIVILEGED: {
			/* one finding per account over the period: its logins, days
			 * and the first of each day as evidence */
			otype = "account";
			obj = a->account;
			key[0] = '\0';
			bool seen = false;
			unsigned long long logins = 0, days = 0;
			int32_t lastd = a->day;
			for (size_t k = 0; k < n; k++) {
				if (al[k].kind != FC_LA_PRIVILEGED || !al[k].account || strcmp(al[k].account, a->account))
					continue;
				if (k < i) {
					seen = true;
					break;
				}
				logins += al[k].count;
				if (k == i || al[k].day != lastd) /* alerts are in day order */
					days++;
				lastd = al[k].day;
			}
			if (seen) { /* already reported: add this day's evidence */
				struct fc_finding *f0 = fc_emit(c, otype, obj, a->nev ? &a->ev[0] : NULL, "%s", "");
				for (size_t e = 1; f0 && e < a->nev; e++)
					fc_finding_evidence(c, f0, &a->ev[e]);
				continue;
			}
			char last[11];
			day_str(lastd, last);
			if (zh)
				snprintf(buf, sizeof buf,
					 "特權帳號 %s 直接登入 %llu 次（%s 至 %s 間之 %llu 日），首次來源IP %s；無法歸責至個人，應每日檢視其使用",
					 a->account, logins, day, last, days, a->ip ? a->ip : "?");
			else
				snprintf(buf, sizeof buf,
					 "privileged account %s logged in directly %llu times on %llu day(s) from %s to %s, first from %s; no one person answers for it, review its use daily",
					 a->account, logins, days, day, last, a->ip ? a->ip : "?");
			break;
		}
		case FC_LA_GAP: {
			otype = "log";
			obj = a->source;
			char to[11];
			day_str(a->to_day, to);
			snprintf(key, sizeof key, "gap:%s", day);
			snprintf(buf, sizeof buf,
				 zh ? "%s 之日誌自 %s 至 %s 共 %llu 日無任何事件（前後日期皆有紀錄），日誌可能中斷"
				    : "%s logs have no events from %s to %s (%llu days) between days with events: logging may have stopped",
				 a->source, day, to, (unsigned long long)a->count);
			break;
		}
		case FC_LA_CLOCK:
			otype = "log";
			obj = a->source;
			snprintf(key, sizeof key, "clock");
			snprintf(buf, sizeof buf,
				 zh ? "%s 之日誌時間倒退（%llu 次超過一分鐘），時間同步可能失效"
				    : "%s log timestamps go backwards (%llu times by more than a minute): time synchronization may be broken",
				 a->source, (unsigned long long)a->count);
			break;
		default:
			continue;
		}
		if (!obj)
			obj = "?";
		struct fc_finding *f = fc_emit_key(c, otype, obj, key[0] ? key : NULL, a->nev ? &a->ev[0] : NULL, "%s", buf);
		if (!f)
			return emitted;
		for (size_t e = 1; e < a->nev; e++)
			fc_finding_evidence(c, f, &a->ev[e]);
		if (a->kind == FC_LA_PRIVILEGED && a->account && strncmp(a->account, "root", 4))
			fc_finding_severity(f, FC_SEV_MEDIUM); /* an administrator, not root itself */
		if (a->day != FC_NO_DATE && a->kind != FC_LA_GAP)
			fc_finding_due_from(f, fc_ctx_asof(c));
		emitted++;
	}
	if (over)
		fc_note(c, zh ? "另有 %zu 筆警示未列為缺失（請以 fincheck logscan 檢視完整清單）"
			      : "%zu more alerts not listed as findings (fincheck logscan lists them all)",
			over);
	return emitted;
}

static void run_kinds(struct fc_ctx *c, unsigned want, enum fc_log_alert_kind k1, enum fc_log_alert_kind k2)
{
	if (!have_logs(c))
		return;
	const struct fc_bundle *b = fc_ctx_bundle(c);
	struct fc_log_thresholds t;
	thresholds(c, &t, want);
	t.kinds = 1u << k1 | 1u << k2;
	struct fc_arena a;
	fc_arena_init(&a);
	struct fc_log_alert *al = NULL;
	size_t n = 0;
	size_t dropped = 0;
	if (fc_log_alerts_capped(b->logs, &t, &a, MAX_FINDINGS_PER_CHECK, &al, &n, &dropped)) {
		fc_check_error(c, "out of memory computing log alerts");
		fc_arena_release(&a);
		return;
	}
	size_t emitted = emit_alerts(c, al, n, k1, k2, dropped);
	if (!emitted) {
		uint64_t overflow = 0;
		for (size_t i = 0; i < b->logs->ndays; i++)
			overflow += b->logs->days[i].overflow_events;
		fc_note(c, fc_ctx_zh(c) ? "已分析 %zu 日、%llu 筆事件%s" : "%zu days, %llu events analysed%s",
			b->logs->ndays, (unsigned long long)b->logs->events,
			overflow ? (fc_ctx_zh(c) ? "（部分事件超出每日上限未歸戶）" : " (some events beyond the per-day cap not attributed)")
				 : "");
	}
	report_errors(c);
	/* findings keep pointers into the alerts' arena only through fc_ref
	 * strings, which the run copies; the facts own the rest */
	fc_arena_release(&a);
}

/* CC-17010 / SYS-4-8: one source IP trying many accounts (撞庫) */
static void run_stuffing(struct fc_ctx *c)
{
	run_kinds(c, 1 | 2, FC_LA_STUFFING, FC_LA_STUFFING);
}

static void run_spraying(struct fc_ctx *c)
{
	run_kinds(c, 1 | 2, FC_LA_SPRAYING, FC_LA_SPRAYING);
}

static void run_brute(struct fc_ctx *c)
{
	run_kinds(c, 1, FC_LA_BRUTE_FORCE, FC_LA_BRUTE_FORCE);
}

/* SYS-4-8: attempts on non-customer (non-existent) accounts */
static void run_nonexistent(struct fc_ctx *c)
{
	run_kinds(c, 1, FC_LA_NONEXISTENT, FC_LA_NONEXISTENT);
}

/* SYS-15-3 / SA-6.1: lock after three wrong passwords */
static void run_lockout(struct fc_ctx *c)
{
	run_kinds(c, 2, FC_LA_LOCKOUT, FC_LA_LOCKOUT);
}

static void run_success_after(struct fc_ctx *c)
{
	run_kinds(c, 2, FC_LA_SUCCESS_AFTER, FC_LA_SUCCESS_AFTER);
}

/* 撞庫強化: logins from unknown IPs -> notify the customer */
static void run_new_ip(struct fc_ctx *c)
{
	run_kinds(c, 4, FC_LA_NEW_IP, FC_LA_NEW_IP);
}

/* SYS-7-3: daily review of most-privileged use */
static void run_privileged(struct fc_ctx *c)
{
	run_kinds(c, 0, FC_LA_PRIVILEGED, FC_LA_PRIVILEGED);
}

/* A.8.15: logs without gaps and with a sane clock */
static void run_coverage(struct fc_ctx *c)
{
	run_kinds(c, 8, FC_LA_GAP, FC_LA_CLOCK);
}

/* SYS-7-1 / seed 001, 002: audit logs three years, trading records five.
 * The log_retention records state what is kept; logs in the bundle that
 * are old enough are evidence too; otherwise a person must ask. */
static void run_retention(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	int audit = (int)fc_param(c, "audit_log_retention_days");
	int trading = (int)fc_param(c, "trading_record_retention_days");
	static const struct {
		const char *name, *src1, *src2;
		bool trading;
	} fam[] = {{"ssh/system", "ssh", "system", false}, {"etrading", "etrading", NULL, true}};
	char missing[120] = "";
	for (int k = 0; k < 2; k++) {
		int need = fam[k].trading ? trading : audit;
		bool recorded = false;
		size_t i = 0;
		const struct fc_record *r;
		while ((r = fc_record_next(b, "log_retention", &i))) {
			const char *src = fc_record_str(r, "source");
			if (!src || (strcmp(src, fam[k].src1) && (!fam[k].src2 || strcmp(src, fam[k].src2))))
				continue;
			recorded = true;
			struct fc_ref ev = r->ref;
			long fl = fc_record_line(r, "retained_days");
			if (fl > 0)
				ev.line = fl;
			double kept;
			if (!fc_record_num(r, "retained_days", &kept))
				fc_emit_key(c, "log", src, "retention", &ev,
					    zh ? "log_retention（%s）未載明保存天數 retained_days" : "log_retention for %s states no retained_days",
					    src);
			else if (kept < need)
				fc_emit_key(c, "log", src, "retention", &ev,
					    zh ? "%s 日誌僅保存 %.0f 日，低於規定之 %d 日" : "%s logs are kept %.0f days, less than the required %d",
					    src, kept, need);
		}
		if (recorded)
			continue;
		if (fam[k].trading && b->org.internet_order == 0)
			continue; /* no e-trading: no trading login records */
		const struct fc_log_facts *f = b->logs;
		int64_t oldest = f ? (fam[k].trading ? f->oldest_login : f->oldest_ssh) : 0;
		if (oldest && fc_ctx_asof(c) - fc_ts_day(oldest) >= need)
			continue; /* the bundle's own logs reach back far enough */
		size_t len = strlen(missing);
		snprintf(missing + len, sizeof missing - len, "%s%s", len ? ", " : "", fam[k].name);
	}
	if (missing[0])
		fc_manual(c, zh ? "無 log_retention 紀錄可證明保存期限（%s）：ssh/system 需 %d 日、etrading 需 %d 日"
				: "no log_retention record shows how long logs are kept (%s): ssh/system need %d days, etrading %d",
			  missing, audit, trading);
}

const struct fc_check_impl fc_checks_log[] = {
	{"log.credential_stuffing", 0, run_stuffing},
	{"log.password_spraying", 0, run_spraying},
	{"log.brute_force", 0, run_brute},
	{"log.nonexistent_accounts", 0, run_nonexistent},
	{"log.lockout_not_enforced", 0, run_lockout},
	{"log.success_after_failures", 0, run_success_after},
	{"log.new_source_ip", 0, run_new_ip},
	{"log.privileged_login", 0, run_privileged},
	{"log.coverage", 0, run_coverage},
	{"log.retention", 0, run_retention},
	{NULL, 0, NULL},
};
