/*
 * Hosts, accounts, passwords, certificates and endpoints (issue 4).  This
 * file holds the check table, shared helpers and the checks over the
 * inventory (inventory/hosts.csv, inventory/endpoints.csv); the collected
 * configuration, account and certificate checks are in host_cfg.c,
 * host_acct.c and host_cert.c.  Metadata: catalog/checks/host.yaml.
 */
#include <stdio.h>
#include <string.h>
#include "../core/strutil.h"
#include "../parse/eos.h"
#include "../parse/hostcfg.h"
#include "host_int.h"

#define HOSTS FC_EVBIT(FC_EV_HOSTS)
#define CFG FC_EVBIT(FC_EV_HOSTCFG)
#define ACCTS FC_EVBIT(FC_EV_ACCOUNTS)

const struct fc_check_impl fc_checks_host[] = {
	{"host.eos_os", HOSTS, fc_hostchk_eos},
	{"host.no_antivirus", HOSTS, fc_hostchk_no_av},
	{"host.av_signatures_stale", HOSTS, fc_hostchk_av_stale},
	{"host.patch_age", HOSTS, fc_hostchk_patch_age},
	{"host.no_monitoring", HOSTS, fc_hostchk_monitoring},
	{"host.ssh_root_login", CFG, fc_hostchk_ssh_root},
	{"host.ssh_password_auth", CFG, fc_hostchk_ssh_password},
	{"host.empty_passwords", CFG, fc_hostchk_empty_passwords},
	{"host.ssh_weak_crypto", CFG, fc_hostchk_ssh_crypto},
	{"host.password_policy", CFG, fc_hostchk_pw_policy},
	{"host.lockout_policy", CFG, fc_hostchk_lockout},
	{"host.windows_baseline", CFG, fc_hostchk_win_baseline},
	{"host.insecure_services", CFG, fc_hostchk_insecure_pkgs},
	{"host.log_retention", CFG, fc_hostchk_log_retention},
	{"host.plaintext_secrets", CFG, fc_hostchk_secrets},
	{"account.dormant", ACCTS, fc_acctchk_dormant},
	{"account.leaver_enabled", ACCTS | FC_EVBIT(FC_EV_HR), fc_acctchk_leaver},
	{"account.orphan", ACCTS | FC_EVBIT(FC_EV_HR), fc_acctchk_orphan},
	{"account.shared", ACCTS, fc_acctchk_shared},
	{"account.privileged_no_owner", ACCTS, fc_acctchk_priv_owner},
	{"account.default_enabled", ACCTS, fc_acctchk_default},
	{"account.password_age", ACCTS, fc_acctchk_pw_age},
	{"account.no_mfa", ACCTS, fc_acctchk_mfa},
	{"account.vendor_temp_expiry", ACCTS, fc_acctchk_expiry},
	{"account.review_overdue", ACCTS, fc_acctchk_review},
	{"account.empty_password", ACCTS, fc_acctchk_empty_pw},
	{"account.uid0_duplicate", ACCTS, fc_acctchk_uid0},
	{"cert.expiry", FC_EVBIT(FC_EV_CERTS), fc_certchk_expiry},
	{"cert.weak_key", FC_EVBIT(FC_EV_CERTS), fc_certchk_weak_key},
	{"cert.weak_signature", FC_EVBIT(FC_EV_CERTS), fc_certchk_weak_sig},
	{"cert.validation_level", FC_EVBIT(FC_EV_CERTS), fc_certchk_validation},
	{"endpoint.trust_score", FC_EVBIT(FC_EV_ENDPOINTS), fc_hostchk_trust_score},
	{"endpoint.laptop_controls", FC_EVBIT(FC_EV_ENDPOINTS), fc_hostchk_laptop},
	{NULL, 0, NULL},
};

/* ---- helpers ----------------------------------------------------------- */

const struct fc_zone *fc_hostchk_zone(const struct fc_bundle *b, const struct fc_host *h)
{
	const struct fc_zone *z = h->zone ? fc_zone_by_name(b, h->zone) : NULL;
	if (z)
		return z;
	for (size_t i = 0; i < h->nips; i++)
		if ((z = fc_zone_of_ip(b, &h->ips[i])))
			return z;
	return NULL;
}

bool fc_hostchk_exposed(const struct fc_bundle *b, const struct fc_host *h)
{
	if (!h)
		return false;
	if (h->internet_facing == 1)
		return true;
	const struct fc_zone *z = fc_hostchk_zone(b, h);
	return z && (z->kind == FC_ZK_DMZ || z->kind == FC_ZK_INTERNET);
}

long fc_hostchk_age(int32_t then, int32_t now)
{
	if (then == FC_NO_DATE || now == FC_NO_DATE)
		return 1L << 30;
	return (long)now - (long)then;
}

const char *fc_hostchk_date(int32_t d, char buf[11])
{
	fc_date_fmt(d, buf);
	return buf;
}

/* Appliances run a vendor's closed OS: no antivirus agent to install. */
static bool appliance(const struct fc_host *h)
{
	static const char *const roles[] = {"firewall", "iot", "router", "switch", "network", "appliance",
					    "loadbalancer", "load_balancer", NULL};
	for (size_t i = 0; h->role && roles[i]; i++)
		if (!strcmp(h->role, roles[i]))
			return true;
	return false;
}

/* ---- end of support ---------------------------------------------------- */

/* seed 002 網路安全管理 7: 評估已停止支援服務(EOS)設備的汰換、升級計畫 */
void fc_hostchk_eos(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	size_t eos = 0, planned = 0, unknown = 0;
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		const struct fc_hostcfg *hc = fc_hostcfg_find(b, h->hostname);
		const struct fc_eos_entry *e = NULL;
		const struct fc_ref *ev = &h->ref;
		/* the host's own os-release beats the inventory's free text */
		if (hc && hc->osrel && hc->osrel->id)
			e = fc_eos_lookup(hc->osrel->id, hc->osrel->version_id);
		if (e && hc->osrel->ref.file)
			ev = &hc->osrel->ref;
		if (!e && h->os) {
			e = fc_eos_lookup(h->os, h->os_version);
			ev = &h->ref;
		}
		bool is_eos;
		if (h->eos == 1)
			is_eos = true;
		else if (h->eos == 0)
			is_eos = false; /* the inventory's own judgment wins */
		else if (e)
			is_eos = e->eos <= asof;
		else {
			if (h->os)
				unknown++;
			continue;
		}
		char d[11];
		const char *label = e ? e->label : (h->os ? h->os : "?");
		if (!is_eos) {
			/* reaching end of support within half a year without a plan */
			if (e && e->eos > asof && e->eos - asof <= 183 && h->eos_plan != 1) {
				struct fc_finding *f = fc_emit_key(c, "host", h->hostname, "upcoming", ev,
					FC_TXT(c, "%s 作業系統 %s 將於 %s 停止支援（剩 %ld 天），尚無汰換或升級計畫",
					       "%s runs %s, which reaches end of support on %s (%ld days), with no replacement plan"),
					h->hostname, label, fc_hostchk_date(e->eos, d), (long)(e->eos - asof));
				fc_finding_severity(f, FC_SEV_LOW);
				if (ev != &h->ref)
					fc_finding_evidence(c, f, &h->ref);
				fc_finding_system(f, h->system_id);
			}
			continue;
		}
		eos++;
		if (h->eos_plan == 1) {
			planned++;
			continue;
		}
		struct fc_finding *f;
		if (e)
			f = fc_emit(c, "host", h->hostname, ev,
				    FC_TXT(c, "%s 作業系統 %s 已於 %s 停止支援，%s",
					   "%s runs %s, out of vendor support since %s; %s"),
				    h->hostname, e->label, fc_hostchk_date(e->eos, d),
				    h->eos_plan == 0 ? FC_TXT(c, "且無汰換或升級計畫", "there is no replacement plan")
						     : FC_TXT(c, "未記錄汰換或升級計畫", "no replacement plan is recorded"));
		else
			f = fc_emit(c, "host", h->hostname, ev,
				    FC_TXT(c, "%s 於資產清冊標示為停止支援（%s），%s", "%s is marked end-of-support in the inventory (%s); %s"),
				    h->hostname, label,
				    h->eos_plan == 0 ? FC_TXT(c, "且無汰換或升級計畫", "there is no replacement plan")
						     : FC_TXT(c, "未記錄汰換或升級計畫", "no replacement plan is recorded"));
		if (ev != &h->ref)
			fc_finding_evidence(c, f, &h->ref);
		fc_finding_system(f, h->system_id);
		if (e)
			fc_finding_due_from(f, asof);
	}
	fc_note(c, FC_TXT(c, "%zu 台主機已停止支援（%zu 台有汰換計畫）；%zu 台作業系統不在內建停止支援表中",
			  "%zu hosts out of support (%zu with a replacement plan); %zu hosts' OS not in the built-in table"),
		eos, planned, unknown);
}

/* ---- antivirus --------------------------------------------------------- */

/* seed 002 網路安全管理 9; seed 001 CC-17010 (個人端…及網路伺服器端電腦未安裝防毒軟體) */
void fc_hostchk_no_av(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	size_t judged = 0, unknown = 0;
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		if (appliance(h))
			continue;
		if (h->av == FC_UNKNOWN) {
			unknown++;
			continue;
		}
		judged++;
		if (h->av == 0) {
			struct fc_finding *f = fc_emit(c, "host", h->hostname, &h->ref,
				FC_TXT(c, "%s（%s）未安裝防毒軟體", "%s (%s) has no antivirus"),
				h->hostname, h->role ? h->role : "?");
			fc_finding_system(f, h->system_id);
		}
	}
	if (!judged && unknown)
		fc_manual(c, FC_TXT(c, "資產清冊未記錄防毒狀態（av 欄位）", "the inventory does not record antivirus status (av column)"));
	else
		fc_note(c, FC_TXT(c, "%zu 台主機已檢查，%zu 台未記錄", "%zu hosts checked, %zu not recorded"), judged, unknown);
}

void fc_hostchk_av_stale(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	long max = (long)fc_param(c, "av_signature_max_age_days");
	size_t judged = 0, undated = 0;
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		if (h->av != 1)
			continue;
		if (h->av_signature_date == FC_NO_DATE) {
			undated++;
			continue;
		}
		judged++;
		long age = fc_hostchk_age(h->av_signature_date, asof);
		if (age > max) {
			char d[11];
			struct fc_finding *f = fc_emit(c, "host", h->hostname, &h->ref,
				FC_TXT(c, "%s 病毒碼日期 %s，已 %ld 天未更新（上限 %ld 天）",
				       "%s antivirus signatures dated %s, %ld days old (limit %ld)"),
				h->hostname, fc_hostchk_date(h->av_signature_date, d), age, max);
			fc_finding_system(f, h->system_id);
		}
	}
	if (!judged && undated)
		fc_manual(c, FC_TXT(c, "資產清冊未記錄病毒碼日期（av_signature_date）", "the inventory does not record signature dates (av_signature_date)"));
	else
		fc_note(c, FC_TXT(c, "%zu 台主機已檢查，%zu 台未記錄病毒碼日期", "%zu hosts checked, %zu without a signature date"),
			judged, undated);
}

/* ---- patching ---------------------------------------------------------- */

/* seed 000 作業系統(含資料庫更新) 未有定期評估及更新機制; seed 001 CC-17010
 * 未定期或適時修補…安全漏洞 */
void fc_hostchk_patch_age(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	long max = (long)fc_param(c, "patch_max_age_days");
	size_t dated = 0;
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_hostcfg *hc = fc_hostcfg_find(b, b->hosts.v[i].hostname);
		if (b->hosts.v[i].last_patch_date != FC_NO_DATE || (hc && hc->last_update != FC_NO_DATE))
			dated++;
	}
	if (!dated) {
		fc_manual(c, FC_TXT(c, "未提供修補日期（hosts.csv 之 last_patch_date 或主機更新紀錄）",
				    "no patch dates (hosts.csv last_patch_date or a host's update history)"));
		return;
	}
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		const struct fc_hostcfg *hc = fc_hostcfg_find(b, h->hostname);
		int32_t when = h->last_patch_date;
		const struct fc_ref *ev = &h->ref;
		/* the host's own update history is firmer than the inventory */
		if (hc && hc->last_update != FC_NO_DATE && (when == FC_NO_DATE || hc->last_update > when)) {
			when = hc->last_update;
			ev = &hc->last_update_ref;
		}
		char d[11];
		if (when == FC_NO_DATE) {
			if (appliance(h) && h->os == NULL)
				continue;
			struct fc_finding *f = fc_emit(c, "host", h->hostname, &h->ref,
				FC_TXT(c, "%s 無作業系統修補紀錄", "%s has no record of OS patching"), h->hostname);
			fc_finding_system(f, h->system_id);
			continue;
		}
		long age = fc_hostchk_age(when, asof);
		if (age <= max)
			continue;
		struct fc_finding *f = fc_emit(c, "host", h->hostname, ev,
			FC_TXT(c, "%s 最近一次修補為 %s，已 %ld 天（上限 %ld 天）",
			       "%s last patched on %s, %ld days ago (limit %ld)"),
			h->hostname, fc_hostchk_date(when, d), age, max);
		if (ev != &h->ref)
			fc_finding_evidence(c, f, &h->ref);
		if (age > 2 * max)
			fc_finding_severity(f, FC_SEV_HIGH);
		fc_finding_system(f, h->system_id);
	}
}

/* ---- monitoring -------------------------------------------------------- */

static bool policy_covers(const struct fc_record *r, const char *host)
{
	const char *items[256];
	size_t n = fc_record_list(r, "scope", items, 256);
	for (size_t i = 0; i < n; i++)
		if (fc_strieq(items[i], "all") || fc_strieq(items[i], host))
			return true;
	return false;
}

/* seed 000 主機效能監控: 未訂定 cpu、disk、memory 等監控指標，未建立告警
 * 及後續追蹤處理機制 */
void fc_hostchk_monitoring(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool have_records = b->present[FC_EV_RECORDS] > 0;
	/* the thresholds themselves: every monitoring_policy names cpu, memory,
	 * disk and an alert recipient */
	size_t it = 0, npol = 0;
	const struct fc_record *r;
	while ((r = fc_record_next(b, "monitoring_policy", &it))) {
		npol++;
		static const char *const need[] = {"cpu", "memory", "disk", "alert_to"};
		char missing[64] = "";
		size_t o = 0;
		for (size_t k = 0; k < 4; k++)
			if (!fc_record_str(r, need[k]) || !*fc_record_str(r, need[k]))
				o += (size_t)snprintf(missing + o, sizeof missing - o, "%s%s", o ? ", " : "", need[k]);
		if (o)
			fc_emit_key(c, "record", "monitoring_policy", missing, &r->ref,
				    FC_TXT(c, "監控政策缺少 %s", "monitoring policy lacks %s"), missing);
	}
	if (have_records && !npol)
		fc_emit(c, "org", "monitoring_policy", NULL,
			FC_TXT(c, "未訂定主機 CPU、記憶體、磁碟監控指標及告警對象（records 無 monitoring_policy）",
			       "no CPU, memory and disk thresholds with alerting (no monitoring_policy record)"));
	size_t judged = 0;
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		if (h->role && !strcmp(h->role, "endpoint"))
			continue;
		if (h->env != FC_ENV_PRODUCTION && h->env != FC_ENV_DR && h->env != FC_ENV_UNKNOWN)
			continue;
		bool covered = false;
		it = 0;
		while ((r = fc_record_next(b, "monitoring_policy", &it)))
			if (policy_covers(r, h->hostname))
				covered = true;
		if (h->monitored == 0) {
			judged++;
			struct fc_finding *f = fc_emit(c, "host", h->hostname, &h->ref,
				FC_TXT(c, "正式主機 %s 未納入 CPU／記憶體／磁碟監控", "production host %s has no CPU/memory/disk monitoring"),
				h->hostname);
			fc_finding_system(f, h->system_id);
		} else if (h->monitored == 1 || covered) {
			judged++;
			if (npol && !covered) {
				struct fc_finding *f = fc_emit_key(c, "host", h->hostname, "scope", &h->ref,
					FC_TXT(c, "%s 標示已監控，但不在任何監控政策範圍內", "%s is marked monitored but no monitoring policy covers it"),
					h->hostname);
				fc_finding_severity(f, FC_SEV_LOW);
			}
		}
	}
	if (!judged && !have_records)
		fc_manual(c, FC_TXT(c, "資產清冊未記錄監控狀態且無監控政策紀錄", "no monitoring status in the inventory and no monitoring policy record"));
}

/* ---- endpoints --------------------------------------------------------- */

/* seed 002 零信任 設備鑑別: 作業系統更新 0.4、防毒更新 0.3、應用軟體更新
 * 0.2、組態合規 0.1 */
void fc_hostchk_trust_score(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	double w[4] = {fc_param_key(c, "device_trust_weights", "os", 0.4),
		       fc_param_key(c, "device_trust_weights", "av", 0.3),
		       fc_param_key(c, "device_trust_weights", "apps", 0.2),
		       fc_param_key(c, "device_trust_weights", "config", 0.1)};
	double min = fc_param(c, "device_trust_min");
	static const char *const zh[4] = {"作業系統未更新", "防毒未更新", "應用軟體未更新", "組態不合規"};
	static const char *const en[4] = {"OS not updated", "antivirus not updated", "applications not updated",
					  "configuration not compliant"};
	size_t low = 0;
	for (size_t i = 0; i < b->endpoints.n; i++) {
		const struct fc_endpoint *e = &b->endpoints.v[i];
		int f4[4] = {e->os_updated, e->av_updated, e->apps_updated, e->config_compliant};
		double score = 0;
		char why[256] = "";
		size_t o = 0;
		for (int k = 0; k < 4; k++) {
			if (f4[k] == 1)
				score += w[k];
			else if (o < sizeof why)
				o += (size_t)snprintf(why + o, sizeof why - o, "%s%s%s", o ? FC_TXT(c, "、", ", ") : "",
						      fc_ctx_zh(c) ? zh[k] : en[k],
						      f4[k] == FC_UNKNOWN ? FC_TXT(c, "（未記錄）", " (not recorded)") : "");
		}
		if (score + 1e-9 >= min)
			continue;
		low++;
		fc_emit(c, "endpoint", e->device_id, &e->ref,
			FC_TXT(c, "設備 %s（%s）信任分數 %.1f 低於 %.1f：%s", "device %s (%s) trust score %.1f is below %.1f: %s"),
			e->device_id, e->owner ? e->owner : "?", score, min, why);
	}
	fc_note(c, FC_TXT(c, "%zu 台端點設備，%zu 台低於門檻", "%zu endpoints, %zu below the threshold"), b->endpoints.n, low);
}

static bool is_laptop(const char *type)
{
	return type && (fc_strieq(type, "laptop") || fc_strieq(type, "notebook") || fc_strieq(type, "筆電") ||
			fc_strieq(type, "筆記型電腦"));
}

/* seed 000 筆記型電腦管控: 硬碟加密機制、usb、wifi及藍芽等 */
void fc_hostchk_laptop(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	size_t laptops = 0, unknown = 0;
	for (size_t i = 0; i < b->endpoints.n; i++) {
		const struct fc_endpoint *e = &b->endpoints.v[i];
		if (!is_laptop(e->type))
			continue;
		laptops++;
		int v[3] = {e->disk_encrypted, e->usb_controlled, e->wireless_controlled};
		static const char *const zh[3] = {"硬碟未加密", "USB未管控", "無線網路未管控"};
		static const char *const en[3] = {"disk not encrypted", "USB not controlled", "wireless not controlled"};
		char why[200] = "";
		size_t o = 0;
		for (int k = 0; k < 3; k++) {
			if (v[k] == FC_UNKNOWN)
				unknown++;
			if (v[k] == 0 && o < sizeof why)
				o += (size_t)snprintf(why + o, sizeof why - o, "%s%s", o ? FC_TXT(c, "、", ", ") : "",
						      fc_ctx_zh(c) ? zh[k] : en[k]);
		}
		if (!o)
			continue;
		struct fc_finding *f = fc_emit(c, "endpoint", e->device_id, &e->ref,
			FC_TXT(c, "筆記型電腦 %s（%s）：%s", "laptop %s (%s): %s"), e->device_id, e->owner ? e->owner : "?", why);
		if (e->disk_encrypted != 0)
			fc_finding_severity(f, FC_SEV_MEDIUM);
	}
	if (!laptops)
		fc_not_applicable(c, FC_TXT(c, "端點清冊中沒有筆記型電腦", "no laptops in the endpoint inventory"));
	else
		fc_note(c, FC_TXT(c, "%zu 台筆記型電腦，%zu 項管控未記錄", "%zu laptops, %zu controls not recorded"), laptops, unknown);
}
