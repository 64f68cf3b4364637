/*
 * Vulnerability management (issue 5).  Seed 000 弱點掃描/滲透測試 (掃描範圍未
 * 全面涵蓋所有伺服器; 僅對高風險以上弱點進行修補; 對暫不修補弱點之補償措施
 * 不足; 檢測範圍未涵蓋對外開放之伺服器), seed 001 (弱點掃描未依系統重要性規範
 * 掃描頻率; 中、低風險弱點無評估紀錄; 弱點修補不確實), seed 002 系統開發及維護
 * 4–5 (每半年弱點掃描; 修補完成後再次掃描), seed 004 一、(三)1 and (四)1–2,
 * 評估報告 二 (依風險等級之處理時限).
 *
 * The facts come normalized and deduplicated from src/parse/vuln.h; these
 * checks only judge them against the parameters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../core/mem.h"
#include "../core/strutil.h"
#include "../engine/check.h"
#include "../parse/vuln.h"

#define ZH(c, zh, en) (fc_ctx_zh(c) ? (zh) : (en))

/* Hosts that are scanned: everything but staff endpoints (which have
 * their own device-health checks). */
static bool is_server(const struct fc_host *h)
{
	return !h->role || strcmp(h->role, "endpoint");
}

static bool important(const struct fc_bundle *b, const struct fc_host *h)
{
	const struct fc_system *s = fc_system_by_id(b, h->system_id);
	return s && (s->category == 1 || s->core == 1);
}

static bool covered_by_vuln_scan(const struct fc_vuln_facts *vf, const struct fc_vtarget *t)
{
	for (size_t j = 0; t && j < t->cover.n; j++)
		if (vf->scans.v[t->cover.v[j].scan].finds_vulns)
			return true;
	return false;
}

static struct fc_ref cover_ref(const struct fc_vuln_facts *vf, const struct fc_vcover *cv)
{
	struct fc_ref r = {vf->scans.v[cv->scan].file, cv->line, NULL};
	return r;
}

/* The identity of a vulnerability finding: host + CVE (the smallest, so
 * it does not depend on which scanner saw it first) or scanner:id. */
static void vuln_key(const struct fc_vuln_facts *vf, const struct fc_vuln *v, char *out, size_t n)
{
	const char *cve = NULL;
	for (size_t i = 0; i < v->ncves; i++)
		if (!cve || strcmp(v->cves[i], cve) < 0)
			cve = v->cves[i];
	if (cve)
		snprintf(out, n, "%s/%s", vf->targets.v[v->target].name, cve);
	else
		snprintf(out, n, "%s/%s:%s", vf->targets.v[v->target].name, fc_scanner_name(v->scanner), v->id);
}

static void describe(const struct fc_vuln *v, char *out, size_t n)
{
	if (v->ncves)
		snprintf(out, n, "'%s' (%s %s%s%s)", v->name, v->id, v->cves[0], v->ncves > 1 ? " +" : "",
			 v->ncves > 1 ? "more" : "");
	else
		snprintf(out, n, "'%s' (%s)", v->name, v->id);
}

static struct fc_finding *emit_vuln(struct fc_ctx *c, const struct fc_vuln_facts *vf, const struct fc_vuln *v,
				    const char *detail)
{
	char key[512];
	vuln_key(vf, v, key, sizeof key);
	const struct fc_vtarget *t = &vf->targets.v[v->target];
	struct fc_finding *f = fc_emit_key(c, "vulnerability", key, key, &v->first, "%s", detail);
	if (!f)
		return NULL;
	if (v->last.line != v->first.line || !fc_streq(v->last.file, v->first.file))
		fc_finding_evidence(c, f, &v->last);
	if (t->host)
		fc_finding_system(f, t->host->system_id);
	return f;
}

/* ---- coverage ---- */

/* seed 000: 掃描範圍未全面涵蓋所有伺服器 */
static void host_not_scanned(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_vuln_facts *vf = b->vuln;
	size_t n = 0, scanned = 0;
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		if (!is_server(h))
			continue;
		n++;
		const struct fc_vtarget *t = fc_vtarget_of_host(vf, h);
		if (covered_by_vuln_scan(vf, t)) {
			scanned++;
			continue;
		}
		struct fc_finding *f = fc_emit(c, "host", h->hostname, &h->ref,
			ZH(c, "主機 %s（%s）未出現在任何弱點掃描報告中（scans/ 共 %zu 份）",
			   "host %s (%s) appears in none of the %zu vulnerability scans in scans/"),
			h->hostname, h->ip_text ? h->ip_text : "-", vf ? vf->scans.n : (size_t)0);
		if (f)
			fc_finding_system(f, h->system_id);
	}
	fc_note(c, "%zu of %zu servers covered by a vulnerability scan", scanned, n);
}

static int cmp_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return x < y ? -1 : x > y;
}

/* seed 002: 每半年辦理一次弱點掃描; seed 001: 依系統重要性規範掃描頻率 */
static void scan_interval(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_vuln_facts *vf = b->vuln;
	int32_t asof = fc_ctx_asof(c);
	int normal = (int)fc_param(c, "vuln_scan_interval_days");
	int core = (int)fc_param(c, "vuln_scan_interval_core_days");
	int hist = (int)fc_param(c, "vuln_scan_history_days");
	size_t judged = 0, undated = 0;
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		const struct fc_vtarget *t = fc_vtarget_of_host(vf, h);
		if (!is_server(h) || !covered_by_vuln_scan(vf, t))
			continue; /* never scanned: vuln.host_not_scanned */
		bool imp = important(b, h);
		int limit = imp ? core : normal;
		int32_t *days = fc_calloc(t->cover.n, sizeof(int32_t));
		if (!days) {
			fc_check_error(c, "out of memory");
			return;
		}
		size_t nd = 0;
		const struct fc_vcover *last = NULL;
		for (size_t j = 0; j < t->cover.n; j++) {
			const struct fc_vcover *x = &t->cover.v[j];
			if (!vf->scans.v[x->scan].finds_vulns || x->day == FC_NO_DATE)
				continue;
			days[nd++] = x->day;
			if (!last || x->day > last->day)
				last = x;
		}
		if (!nd) {
			undated++;
			fc_free(days);
			continue;
		}
		judged++;
		fc_qsort(days, nd, sizeof(*days), cmp_day);
		char d1[11], d2[11];
		struct fc_ref ev = cover_ref(vf, last);
		const char *why = imp ? ZH(c, "（第一類／核心系統）", " (category 1 / core system)") : "";
		if (asof - last->day > limit) {
			fc_date_fmt(last->day, d1);
			struct fc_finding *f = fc_emit_key(c, "host", h->hostname, "stale", &ev,
				ZH(c, "主機 %s 最近一次弱點掃描為 %s，距評估基準日 %d 天，超過 %d 天之掃描週期%s",
				   "host %s was last scanned on %s, %d days before the as-of date; the interval is %d days%s"),
				h->hostname, d1, (int)(asof - last->day), limit, why);
			if (f) {
				fc_finding_evidence(c, f, &h->ref);
				fc_finding_system(f, h->system_id);
			}
		} else {
			/* gaps between consecutive scans within the history window */
			for (size_t j = 1; j < nd; j++) {
				if (days[j] < asof - hist || days[j] - days[j - 1] <= limit)
					continue;
				fc_date_fmt(days[j - 1], d1);
				fc_date_fmt(days[j], d2);
				char msg[400];
				if (fc_ctx_zh(c))
					snprintf(msg, sizeof msg, "主機 %s 於 %s 與 %s 兩次弱點掃描間隔 %d 天，超過 %d 天之掃描週期%s",
						 h->hostname, d1, d2, (int)(days[j] - days[j - 1]), limit, why);
				else
					snprintf(msg, sizeof msg, "host %s went %d days between scans on %s and %s; the interval is %d days%s",
						 h->hostname, (int)(days[j] - days[j - 1]), d1, d2, limit, why);
				for (size_t k = 0; k < t->cover.n; k++)
					if (t->cover.v[k].day == days[j] && vf->scans.v[t->cover.v[k].scan].finds_vulns)
						ev = cover_ref(vf, &t->cover.v[k]);
				struct fc_finding *f = fc_emit_key(c, "host", h->hostname, "gap", &ev, "%s", msg);
				if (f) {
					fc_finding_evidence(c, f, &h->ref);
					fc_finding_system(f, h->system_id);
				}
				break;
			}
		}
		fc_free(days);
	}
	if (undated)
		fc_note(c, "%zu hosts judged; %zu scanned only by undated scans (no date in the file)", judged, undated);
	else
		fc_note(c, "%zu hosts judged", judged);
}

/* ---- remediation deadlines ---- */

static const char *status_note(struct fc_ctx *c, const struct fc_vuln *v, int32_t asof)
{
	if (!v->exception)
		return "";
	unsigned pr = fc_vexception_problems(v->exception, asof);
	if (pr & 8)
		return ZH(c, "；其例外已逾期", "; its exception has expired");
	if (pr & 2)
		return ZH(c, "；其例外未經核准", "; its exception has no approver");
	return "";
}

/* One open vulnerability past its deadline (seed 004 評估報告 二). */
static void emit_overdue(struct fc_ctx *c, const struct fc_vuln_facts *vf, const struct fc_vuln *v, int days,
			 int32_t asof, bool unassessed)
{
	char what[600], d1[11], d2[11], d3[11], msg[1200];
	describe(v, what, sizeof what);
	fc_date_fmt(v->first_seen, d1);
	fc_date_fmt(v->last_seen, d2);
	fc_date_fmt(v->first_seen + days, d3);
	const char *host = vf->targets.v[v->target].name;
	const char *port = v->port ? v->port : "-";
	if (fc_ctx_zh(c))
		snprintf(msg, sizeof msg, "%s 弱點 %s 於主機 %s（%s）首次發現於 %s，最近於 %s 仍被掃描到；%d 天修補期限 %s 已逾 %d 天%s%s",
			 fc_severity_name(v->sev), what, host, port, d1, d2, days, d3, (int)(asof - v->first_seen - days),
			 unassessed ? "，且無評估紀錄" : "", status_note(c, v, asof));
	else
		snprintf(msg, sizeof msg, "%s %s on %s (%s) first seen %s, still seen %s; the %d-day deadline %s passed %d days ago%s%s",
			 fc_severity_name(v->sev), what, host, port, d1, d2, days, d3, (int)(asof - v->first_seen - days),
			 unassessed ? " with no assessment on record" : "", status_note(c, v, asof));
	struct fc_finding *f = emit_vuln(c, vf, v, msg);
	if (!f)
		return;
	fc_finding_severity(f, v->sev);
	fc_finding_due_from(f, v->first_seen);
	if (v->exception)
		fc_finding_evidence(c, f, &v->exception->ref);
}

static bool medium_low(const struct fc_vuln *v)
{
	return v->sev == FC_SEV_MEDIUM || v->sev == FC_SEV_LOW;
}

/* seed 000: 僅對高風險以上弱點進行修補，後續追蹤管控欠妥; seed 001: 弱點修補不確實 */
static void overdue(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_vuln_facts *vf = b->vuln;
	int32_t asof = fc_ctx_asof(c);
	bool ml_separate = fc_param(c, "medium_low_needs_assessment") != 0;
	size_t open = 0, undated = 0;
	for (size_t i = 0; vf && i < vf->vulns.n; i++) {
		const struct fc_vuln *v = &vf->vulns.v[i];
		if (v->status != FC_VS_OPEN || v->sev >= FC_SEV_INFO)
			continue;
		open++;
		if (ml_separate && medium_low(v))
			continue; /* vuln.medium_low_unassessed */
		if (v->first_seen == FC_NO_DATE) {
			undated++;
			continue;
		}
		if (v->exception && (fc_vexception_problems(v->exception, asof) & 8))
			continue; /* vuln.exception_expired */
		int days = fc_fix_days(c, v->sev);
		if (days < 0 || asof <= v->first_seen + days)
			continue;
		emit_overdue(c, vf, v, days, asof, false);
	}
	if (undated)
		fc_note(c, "%zu open vulnerabilities; %zu from undated scans could not be judged", open, undated);
	else
		fc_note(c, "%zu open vulnerabilities", open);
}

/* seed 001: 中、低風險弱點無評估紀錄 */
static void medium_low_unassessed(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_vuln_facts *vf = b->vuln;
	int32_t asof = fc_ctx_asof(c);
	if (!fc_param(c, "medium_low_needs_assessment")) {
		fc_not_applicable(c, "medium_low_needs_assessment is off: medium and low vulnerabilities are judged by vuln.overdue");
		return;
	}
	size_t n = 0;
	for (size_t i = 0; vf && i < vf->vulns.n; i++) {
		const struct fc_vuln *v = &vf->vulns.v[i];
		if (v->status != FC_VS_OPEN || !medium_low(v) || v->first_seen == FC_NO_DATE)
			continue;
		n++;
		int days = fc_fix_days(c, v->sev);
		if (days < 0 || asof <= v->first_seen + days)
			continue;
		/* an exception record is the assessment; a defective one is judged
		 * by the exception checks */
		if (v->exception)
			continue;
		emit_overdue(c, vf, v, days, asof, true);
	}
	fc_note(c, "%zu open medium/low vulnerabilities", n);
}

/* ---- exceptions (seed 000: 對暫不修補弱點之補償措施及管控機制不足) ---- */

static void exception_incomplete(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	size_t i = 0, n = 0;
	const struct fc_record *r;
	while ((r = fc_record_next(b, "vuln_exception", &i))) {
		n++;
		unsigned pr = fc_vexception_problems(r, asof) & (1 | 2 | 4);
		if (!pr)
			continue;
		const char *host = fc_record_str(r, "host"), *id = fc_record_str(r, "plugin_or_cve");
		char obj[300], miss[200] = "";
		snprintf(obj, sizeof obj, "%s/%s", host ? host : "?", id ? id : "?");
		const char *names_en[] = {"compensating_control", "approved_by", "expires"};
		const char *names_zh[] = {"補償措施", "核准人", "有效期限"};
		for (int k = 0; k < 3; k++)
			if (pr & (1u << k)) {
				size_t l = strlen(miss);
				snprintf(miss + l, sizeof miss - l, "%s%s", l ? ", " : "",
					 fc_ctx_zh(c) ? names_zh[k] : names_en[k]);
			}
		fc_emit_key(c, "exception", obj, obj, &r->ref,
			    ZH(c, "弱點例外 %s 缺少：%s", "vulnerability exception %s lacks: %s"), obj, miss);
	}
	fc_note(c, "%zu exceptions on record", n);
}

static void exception_expired(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_vuln_facts *vf = b->vuln;
	int32_t asof = fc_ctx_asof(c);
	for (size_t i = 0; vf && i < vf->vulns.n; i++) {
		const struct fc_vuln *v = &vf->vulns.v[i];
		if (v->status != FC_VS_OPEN || !v->exception || !(fc_vexception_problems(v->exception, asof) & 8))
			continue;
		char what[600], d1[11], d2[11];
		describe(v, what, sizeof what);
		fc_date_fmt(fc_record_date(v->exception, "expires"), d1);
		fc_date_fmt(v->last_seen, d2);
		char msg[900], key[512];
		if (fc_ctx_zh(c))
			snprintf(msg, sizeof msg, "主機 %s 之弱點 %s 例外已於 %s 到期，弱點於 %s 仍被掃描到",
				 vf->targets.v[v->target].name, what, d1, d2);
		else
			snprintf(msg, sizeof msg, "the exception for %s on %s expired %s; the vulnerability was still seen %s",
				 what, vf->targets.v[v->target].name, d1, d2);
		vuln_key(vf, v, key, sizeof key);
		/* the lapsed exception is the primary evidence */
		struct fc_finding *f = fc_emit_key(c, "vulnerability", key, key, &v->exception->ref, "%s", msg);
		if (!f)
			continue;
		fc_finding_evidence(c, f, &v->last);
		fc_finding_severity(f, v->sev);
		int32_t ex = fc_record_date(v->exception, "expires");
		if (ex != FC_NO_DATE)
			fc_finding_due(f, ex);
		const struct fc_vtarget *t = &vf->targets.v[v->target];
		if (t->host)
			fc_finding_system(f, t->host->system_id);
	}
}

/* ---- rescans (seed 002: 修補完成後再次掃描) ---- */

/* Where a target sits, for "the same network was rescanned": its zone
 * from network/zones.csv, else its /24 (IPv4) or /64 (IPv6). */
static bool net_key(const struct fc_bundle *b, const struct fc_vtarget *t, char out[64])
{
	struct fc_ip ip;
	if (t->host && t->host->nips)
		ip = t->host->ips[0];
	else if (!t->ip || !fc_ip_parse(t->ip, strlen(t->ip), &ip))
		return false;
	const struct fc_zone *z = fc_zone_of_ip(b, &ip);
	if (z) {
		snprintf(out, 64, "zone:%.58s", z->name);
		return true;
	}
	struct fc_iprange r;
	bool v4 = fc_ip_is_v4(&ip);
	fc_iprange_prefix(&ip, v4 ? 24 : 64, v4, &r);
	char buf[100];
	fc_iprange_fmt(&r, buf);
	snprintf(out, 64, "net:%.59s", buf);
	return true;
}

struct scannet {
	uint32_t scan;
	char key[64];
	long line;
	const char *neighbor;
};

static int cmp_scannet(const void *a, const void *b)
{
	const struct scannet *x = a, *y = b;
	if (x->scan != y->scan)
		return x->scan < y->scan ? -1 : 1;
	return strcmp(x->key, y->key);
}

static bool covers(const struct fc_vtarget *t, uint32_t scan)
{
	for (size_t j = 0; j < t->cover.n; j++)
		if (t->cover.v[j].scan == scan)
			return true;
	return false;
}

static void vanished_unscanned(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_vuln_facts *vf = b->vuln;
	if (!fc_param(c, "rescan_after_fix")) {
		fc_not_applicable(c, "rescan_after_fix is off");
		return;
	}
	if (!vf)
		return;
	/* which networks each scan looked at */
	size_t total = 0;
	for (size_t i = 0; i < vf->targets.n; i++)
		total += vf->targets.v[i].cover.n;
	struct scannet *sn = fc_calloc(total ? total : 1, sizeof(*sn));
	char (*tkey)[64] = fc_calloc(vf->targets.n ? vf->targets.n : 1, 64);
	if (!sn || !tkey) {
		fc_free(sn);
		fc_free(tkey);
		fc_check_error(c, "out of memory");
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < vf->targets.n; i++) {
		const struct fc_vtarget *t = &vf->targets.v[i];
		if (!net_key(b, t, tkey[i]))
			continue;
		for (size_t j = 0; j < t->cover.n; j++) {
			sn[n].scan = t->cover.v[j].scan;
			memcpy(sn[n].key, tkey[i], 64);
			sn[n].line = t->cover.v[j].line;
			sn[n].neighbor = t->name;
			n++;
		}
	}
	fc_qsort(sn, n, sizeof(*sn), cmp_scannet);
	for (size_t i = 0; i < vf->vulns.n; i++) {
		const struct fc_vuln *v = &vf->vulns.v[i];
		const struct fc_vtarget *t = &vf->targets.v[v->target];
		if (v->status != FC_VS_OPEN || v->last_seen == FC_NO_DATE || !tkey[v->target][0])
			continue;
		/* the earliest later scan by the same scanner of the same network
		 * that left this host out */
		const struct fc_scan *best = NULL;
		const struct scannet *hit = NULL;
		for (size_t s = 0; s < vf->scans.n; s++) {
			const struct fc_scan *sc = &vf->scans.v[s];
			if (!sc->finds_vulns || sc->failed || sc->day == FC_NO_DATE || sc->day <= v->last_seen ||
			    !(v->scanners & (1u << sc->scanner)) || covers(t, (uint32_t)s))
				continue;
			struct scannet key = {(uint32_t)s, "", 0, NULL};
			memcpy(key.key, tkey[v->target], 64);
			const struct scannet *h = bsearch(&key, sn, n, sizeof(*sn), cmp_scannet);
			if (!h)
				continue;
			/* bsearch may land on any equal entry: take the first */
			while (h > sn && !cmp_scannet(h - 1, &key))
				h--;
			if (!best || sc->day < best->day) {
				best = sc;
				hit = h;
			}
		}
		if (!best)
			continue;
		char what[600], d1[11], d2[11], msg[1200];
		describe(v, what, sizeof what);
		fc_date_fmt(v->last_seen, d1);
		fc_date_fmt(best->day, d2);
		if (fc_ctx_zh(c))
			snprintf(msg, sizeof msg, "%s 弱點 %s 於主機 %s 最後一次於 %s 被掃描到；%s 之掃描（%s）涵蓋同網段主機（如 %s）卻未掃描此主機，弱點未經再次掃描確認修補",
				 fc_severity_name(v->sev), what, t->name, d1, d2, best->file, hit->neighbor);
		else
			snprintf(msg, sizeof msg, "%s %s on %s was last seen %s; the %s scan (%s) covered its network (e.g. %s) but not this host, so the fix was never verified",
				 fc_severity_name(v->sev), what, t->name, d1, d2, best->file, hit->neighbor);
		struct fc_finding *f = emit_vuln(c, vf, v, msg);
		if (f) {
			struct fc_ref r = {best->file, hit->line, NULL};
			fc_finding_evidence(c, f, &r);
		}
	}
	fc_free(sn);
	fc_free(tkey);
}

/* ---- penetration tests (seed 000 滲透測試: 檢測範圍未全面涵蓋對外開放any連線之伺服器) ---- */

static bool internet_facing(const struct fc_bundle *b, const struct fc_host *h)
{
	if (h->internet_facing == 1)
		return true;
	if (h->internet_facing == 0)
		return false;
	const struct fc_zone *z = h->zone ? fc_zone_by_name(b, h->zone) : NULL;
	for (size_t i = 0; !z && i < h->nips; i++)
		z = fc_zone_of_ip(b, &h->ips[i]);
	return z && z->kind == FC_ZK_DMZ;
}

static bool in_scope(const struct fc_host *h, const char *const *scope, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = scope[i];
		size_t sl = strlen(s), hl = strlen(h->hostname);
		if (fc_strieq(s, "all") || fc_strieq(s, h->hostname) || (h->system_id && fc_strieq(s, h->system_id)))
			return true;
		if (sl > hl && s[hl] == '.' && !strncasecmp(s, h->hostname, hl))
			return true; /* FQDN in scope, short name in the inventory */
		struct fc_ip ip;
		struct fc_iprange r;
		if (fc_iprange_parse(s, sl, &r))
			for (size_t j = 0; j < h->nips; j++)
				if (fc_iprange_contains(&r, &h->ips[j]))
					return true;
		(void)ip;
	}
	return false;
}

static void pentest_scope(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	int interval = (int)fc_param(c, "pentest_interval_days");
	size_t nif = 0;
	for (size_t i = 0; i < b->hosts.n; i++)
		if (internet_facing(b, &b->hosts.v[i]))
			nif++;
	if (!nif) {
		fc_not_applicable(c, "no internet-facing hosts in inventory/hosts.csv");
		return;
	}
	const struct fc_record *pt = fc_record_latest(b, "pentest", "date");
	int32_t pd = pt ? fc_record_date(pt, "date") : FC_NO_DATE;
	const char *scope[512];
	size_t ns = pt ? fc_record_list(pt, "scope", scope, 512) : 0;
	struct fc_ref sref = {0};
	if (pt) {
		sref = pt->ref;
		long l = fc_record_line(pt, "scope");
		if (l > 0)
			sref.line = l;
	}
	char d1[11];
	fc_date_fmt(pd, d1);
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		if (!internet_facing(b, h))
			continue;
		struct fc_finding *f = NULL;
		if (!pt)
			f = fc_emit_key(c, "host", h->hostname, "none", &h->ref,
					ZH(c, "對外服務主機 %s：records/ 中無任何滲透測試紀錄", "internet-facing host %s: no penetration test on record in records/"),
					h->hostname);
		else if (asof - pd > interval)
			f = fc_emit_key(c, "host", h->hostname, "stale", &sref,
					ZH(c, "對外服務主機 %s：最近一次滲透測試為 %s，已逾 %d 天之測試週期", "internet-facing host %s: the latest penetration test (%s) is older than the %d-day interval"),
					h->hostname, d1, interval);
		else if (!in_scope(h, scope, ns))
			f = fc_emit_key(c, "host", h->hostname, "scope", &sref,
					ZH(c, "對外服務主機 %s 未列於 %s 滲透測試之範圍", "internet-facing host %s is not in the scope of the %s penetration test"),
					h->hostname, d1);
		if (f) {
			if (pt)
				fc_finding_evidence(c, f, &h->ref);
			fc_finding_system(f, h->system_id);
		}
	}
	fc_note(c, "%zu internet-facing hosts", nif);
}

/* ---- end of support seen by the scanners (SA-6.4) ---- */

static void eos_software(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_vuln_facts *vf = b->vuln;
	size_t planned = 0;
	for (size_t i = 0; vf && i < vf->targets.n; i++) {
		const struct fc_vtarget *t = &vf->targets.v[i];
		if (!t->eos)
			continue;
		if (t->host && t->host->eos_plan == 1) {
			planned++; /* a replacement plan is on record: issue 4 judges the plan */
			continue;
		}
		char names[600] = "";
		size_t k = 0;
		for (size_t j = 0; j < vf->vulns.n && k < 3; j++) {
			const struct fc_vuln *v = &vf->vulns.v[j];
			if (v->target != i || !v->eos)
				continue;
			size_t l = strlen(names);
			snprintf(names + l, sizeof names - l, "%s'%s'", k ? ", " : "", v->name);
			k++;
		}
		struct fc_finding *f = fc_emit(c, "host", t->name, &t->eos_ref,
			ZH(c, "掃描報告指出主機 %s 使用已停止支援之軟體：%s%s", "scans report end-of-support software on %s: %s%s"),
			t->name, names, t->host && t->host->eos == 0 ? ZH(c, "（資產清冊記載為仍受支援）", " (the inventory says supported)") : "");
		if (f && t->host) {
			fc_finding_evidence(c, f, &t->host->ref);
			fc_finding_system(f, t->host->system_id);
		}
	}
	if (planned)
		fc_note(c, "%zu end-of-support hosts have a replacement plan", planned);
}

#define SCANS FC_EVBIT(FC_EV_SCANS)
#define HOSTS FC_EVBIT(FC_EV_HOSTS)
#define RECORDS FC_EVBIT(FC_EV_RECORDS)

const struct fc_check_impl fc_checks_vuln[] = {
	{"vuln.host_not_scanned", HOSTS | SCANS, host_not_scanned},
	{"vuln.scan_interval", HOSTS | SCANS, scan_interval},
	{"vuln.overdue", SCANS, overdue},
	{"vuln.medium_low_unassessed", SCANS, medium_low_unassessed},
	{"vuln.exception_incomplete", RECORDS, exception_incomplete},
	{"vuln.exception_expired", RECORDS | SCANS, exception_expired},
	{"vuln.vanished_unscanned", SCANS, vanished_unscanned},
	{"vuln.pentest_scope", HOSTS | RECORDS, pentest_scope},
	{"vuln.eos_software", SCANS, eos_software},
	{NULL, 0, NULL},
};
