/*
 * Firewall rule checks (issue 3).  The deficiencies examiners find by
 * reading device configurations: seed 001 網路安全管理 (防火牆設定規則過鬆
 * (特定伺服器對網段進行任意服務); 沒有建內部防火牆; 未定期檢視防火牆之安全
 * 規則; 防火牆進出紀錄…至少保存三年), seed 000 網路架構(一)/防火牆管理
 * (OA區與server未有存取管控機制; 最小授權原則，落實檢視), seed 002 網路安全
 * 管理 1–8, seed 004 一、(一)1 and (六)2 (檢視防火牆是否開啟具有安全性風險
 * 的通訊埠或非必要通訊埠).
 *
 * Facts come from src/parse/fw.h (normalized rules, zones, shadow analysis);
 * every finding cites the rule's file and line.  Only rules that decide
 * traffic are judged: enabled permits of applied lists (an ASA ACL with an
 * access-group, iptables INPUT/FORWARD/OUTPUT, FortiGate policies, CSV rows),
 * not disabled or unresolved rules, and not reply-only (ESTABLISHED/RELATED)
 * rules.
 */
#include <stdio.h>
#include <string.h>
#include "../core/buf.h"
#include "../core/strutil.h"
#include "../engine/check.h"
#include "../parse/fw.h"
#include "../parse/fw_analyze.h"

#define ZK(k) (1u << (k))
#define EV_MAX 20

static const struct fc_fw_facts *facts(struct fc_ctx *c)
{
	return fc_ctx_bundle(c)->fw;
}

static const struct fc_fw_list *list_of(const struct fc_fw_device *d, const struct fc_fw_rule *r)
{
	return r->list < d->lists.n ? &d->lists.v[r->list] : NULL;
}

/* loopback-only rules (-i lo) are the host talking to itself */
static bool loopback(const struct fc_fw_rule *r)
{
	return r->in.n == 1 && !r->in.neg && (!strcmp(r->in.v[0], "lo") || !strcmp(r->in.v[0], "lo0"));
}

/* An enabled permit that decides traffic in an applied list. */
static bool judged_permit(const struct fc_fw_device *d, const struct fc_fw_rule *r)
{
	const struct fc_fw_list *l = list_of(d, r);
	return l && l->filtering && r->action == FC_FW_PERMIT && fc_fw_rule_decides(r) &&
	       !fc_fw_rule_established_only(r) && !loopback(r);
}

static bool any_any(const struct fc_fw_rule *r)
{
	return r->src.any && r->dst.any && r->svc.any;
}

static const char *rule_obj(struct fc_ctx *c, const struct fc_fw_device *d, const struct fc_fw_rule *r, char *buf,
			    size_t n)
{
	const struct fc_fw_list *l = list_of(d, r);
	if (r->id)
		snprintf(buf, n, "%s %s #%s", d->name, l ? l->name : "?", r->id);
	else
		snprintf(buf, n, "%s %s #%ld", d->name, l ? l->name : "?", r->pos);
	(void)c;
	return buf;
}

/* The rule as a short text for details and as the finding's identity key. */
static const char *rtext(const struct fc_fw_rule *r, char *buf, size_t n)
{
	struct fc_arena a;
	fc_arena_init(&a);
	const char *t = fc_fw_rule_text(&a, r);
	snprintf(buf, n, "%s", t ? t : "?");
	fc_arena_release(&a);
	return buf;
}

static struct fc_finding *emit_rule(struct fc_ctx *c, const struct fc_fw_device *d, const struct fc_fw_rule *r,
				    const char *detail)
{
	char obj[256], txt[512];
	rule_obj(c, d, r, obj, sizeof obj);
	rtext(r, txt, sizeof txt);
	struct fc_finding *f = fc_emit_key(c, "rule", obj, txt, &r->ref, "%s", detail);
	if (f && !r->id) {
		/* positional rules: the id must not move when a rule is inserted
		 * above (the identity is the device, the list and the rule text) */
		const struct fc_fw_list *l = list_of(d, r);
		char ident[256];
		snprintf(ident, sizeof ident, "%s %s", d->name, l ? l->name : "?");
		fc_finding_identity(f, ident);
	}
	return f;
}

static const char *zone_or(const char *z)
{
	return z ? z : "?";
}

/* CC-17010.3, NET-10 (least privilege, allow-list): src any, dst any, every service */
static void run_any_any(struct fc_ctx *c)
{
	const struct fc_fw_facts *fw = facts(c);
	bool zh = fc_ctx_zh(c);
	size_t judged = 0;
	for (size_t i = 0; fw && i < fw->devices.n; i++) {
		const struct fc_fw_device *d = fw->devices.v[i];
		for (size_t k = 0; k < d->rules.n; k++) {
			const struct fc_fw_rule *r = &d->rules.v[k];
			if (!judged_permit(d, r))
				continue;
			judged++;
			if (!any_any(r))
				continue;
			char txt[512], det[1024];
			rtext(r, txt, sizeof txt);
			snprintf(det, sizeof det,
				 zh ? "%s 第 %ld 行允許任意來源至任意目的之所有服務（%s）"
				    : "%s line %ld permits every service from any source to any destination (%s)",
				 d->name, r->ref.line, txt);
			struct fc_finding *f = emit_rule(c, d, r, det);
			if (f && (r->src_kinds & ZK(FC_ZK_INTERNET)) && !r->in.n)
				fc_finding_severity(f, FC_SEV_CRITICAL);
		}
	}
	fc_note(c, "%zu permit rules checked", judged);
}

static bool office_to_server(const struct fc_fw_rule *r)
{
	return !r->src.any && (r->src_kinds & ZK(FC_ZK_OFFICE)) && (r->dst_kinds & ZK(FC_ZK_PRODUCTION));
}

/* seed 001: 防火牆設定規則過鬆(特定伺服器對網段進行任意服務) */
static void run_any_service_to_segment(struct fc_ctx *c)
{
	const struct fc_fw_facts *fw = facts(c);
	bool zh = fc_ctx_zh(c);
	for (size_t i = 0; fw && i < fw->devices.n; i++) {
		const struct fc_fw_device *d = fw->devices.v[i];
		for (size_t k = 0; k < d->rules.n; k++) {
			const struct fc_fw_rule *r = &d->rules.v[k];
			if (!judged_permit(d, r) || !r->svc.any || any_any(r))
				continue;
			if (!r->dst.any && !r->dst_whole_zone)
				continue;
			if (r->dst.any && list_of(d, r)->local)
				continue; /* iptables INPUT: the destination is the host itself */
			if (r->svc.any && office_to_server(r))
				continue; /* fw.office_to_server_any reports it */
			char txt[512], det[1024];
			rtext(r, txt, sizeof txt);
			const char *seg = r->dst.any ? (zh ? "任意目的（所有網段）" : "any destination (every segment)")
						     : r->dst_whole_zone;
			snprintf(det, sizeof det,
				 zh ? "%s 第 %ld 行允許 %s 以任意服務連線至整個網段 %s（%s）"
				    : "%s line %ld permits %s every service to the whole segment %s (%s)",
				 d->name, r->ref.line, zone_or(r->src_zone), seg, txt);
			struct fc_finding *f = emit_rule(c, d, r, det);
			if (f && !r->dst.any)
				fc_finding_evidence(c, f, &r->dst_whole_zone_ref);
		}
	}
}

/* seed 000 網路架構(一): OA區與server未有存取管控機制 */
static void run_office_to_server_any(struct fc_ctx *c)
{
	const struct fc_fw_facts *fw = facts(c);
	bool zh = fc_ctx_zh(c);
	for (size_t i = 0; fw && i < fw->devices.n; i++) {
		const struct fc_fw_device *d = fw->devices.v[i];
		for (size_t k = 0; k < d->rules.n; k++) {
			const struct fc_fw_rule *r = &d->rules.v[k];
			if (!judged_permit(d, r) || !r->svc.any || !office_to_server(r))
				continue;
			char txt[512], det[1024];
			rtext(r, txt, sizeof txt);
			snprintf(det, sizeof det,
				 zh ? "%s 第 %ld 行允許辦公區 %s 以任意服務連線至伺服器區 %s（%s）"
				    : "%s line %ld permits every service from office zone %s to server zone %s (%s)",
				 d->name, r->ref.line, zone_or(r->src_zone), zone_or(r->dst_zone), txt);
			emit_rule(c, d, r, det);
		}
	}
}

/* Parse a list parameter of services ("telnet=tcp/23") into boxes with labels. */
struct svcitem {
	const char *label;
	struct fc_fw_svc s[4];
	size_t n;
};

static size_t svc_items(struct fc_ctx *c, const char *param, struct svcitem *out, size_t max)
{
	const char *const *items;
	size_t n = fc_param_list(c, param, &items);
	size_t k = 0;
	for (size_t i = 0; i < n && k < max; i++) {
		struct fc_fw_sset_b b = {0};
		if (fc_fw_svc_parse(items[i], strlen(items[i]), &b) && b.v.n) {
			out[k].label = items[i];
			out[k].n = b.v.n < 4 ? b.v.n : 4;
			memcpy(out[k].s, b.v.v, out[k].n * sizeof(*out[k].s));
			k++;
		} else {
			fc_check_error(c, "parameter %s: cannot read '%s' (expected e.g. telnet=tcp/23)", param, items[i]);
		}
		fc_fw_sset_release(&b);
	}
	return k;
}

static bool item_hit(const struct fc_fw_rule *r, const struct svcitem *it)
{
	for (size_t j = 0; j < it->n; j++)
		if (fc_fw_svcset_intersects(&r->svc, &it->s[j]))
			return true;
	return false;
}

static unsigned untrusted_kinds(struct fc_ctx *c)
{
	static const struct {
		const char *n;
		enum fc_zone_kind k;
	} t[] = {{"internet", FC_ZK_INTERNET}, {"partner", FC_ZK_PARTNER}, {"office", FC_ZK_OFFICE},
		 {"dmz", FC_ZK_DMZ}, {"test", FC_ZK_TEST}, {"management", FC_ZK_MANAGEMENT},
		 {"production", FC_ZK_PRODUCTION}, {"unknown", FC_ZK_UNKNOWN}};
	unsigned m = 0;
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (fc_param_list_has(c, "firewall_untrusted_zone_kinds", t[i].n))
			m |= ZK(t[i].k);
	return m;
}

#define MAX_ITEMS 128

/* seed 004 一、(六)2: 防火牆開啟具有安全性風險的通訊埠或非必要通訊埠 */
static void run_risky(struct fc_ctx *c)
{
	const struct fc_fw_facts *fw = facts(c);
	bool zh = fc_ctx_zh(c);
	struct svcitem risky[MAX_ITEMS], db[MAX_ITEMS];
	size_t nr = svc_items(c, "firewall_risky_services", risky, MAX_ITEMS);
	size_t nd = svc_items(c, "firewall_database_services", db, MAX_ITEMS);
	unsigned untrusted = untrusted_kinds(c);
	for (size_t i = 0; fw && i < fw->devices.n; i++) {
		const struct fc_fw_device *d = fw->devices.v[i];
		for (size_t k = 0; k < d->rules.n; k++) {
			const struct fc_fw_rule *r = &d->rules.v[k];
			if (!judged_permit(d, r) || !(r->src_kinds & untrusted))
				continue;
			/* every service to a host: the breadth checks cover wider ones */
			if (r->svc.any && (any_any(r) || (r->dst.any && !list_of(d, r)->local) || r->dst_whole_zone ||
					   office_to_server(r)))
				continue;
			bool from_internet = r->src_kinds & ZK(FC_ZK_INTERNET);
			struct fc_buf hits;
			fc_buf_init(&hits, 4096);
			size_t nh = 0;
			for (size_t j = 0; j < nr; j++) {
				if (!item_hit(r, &risky[j]))
					continue;
				/* database ports from the internet: fw.db_from_internet */
				bool isdb = false;
				for (size_t q = 0; q < nd && from_internet && !isdb; q++)
					for (size_t x = 0; x < risky[j].n && !isdb; x++)
						for (size_t y = 0; y < db[q].n && !isdb; y++)
							isdb = fc_fw_svc_covers(&db[q].s[y], &risky[j].s[x]);
				if (isdb)
					continue;
				fc_buf_adds(&hits, nh++ ? ", " : "");
				fc_buf_adds(&hits, risky[j].label);
			}
			if (nh) {
				char det[1400];
				snprintf(det, sizeof det,
					 zh ? "%s 第 %ld 行允許自 %s 連線至 %s 之高風險服務：%s"
					    : "%s line %ld lets %s reach risky services on %s: %s",
					 d->name, r->ref.line, zone_or(r->src_zone), zone_or(r->dst_zone), fc_buf_str(&hits));
				struct fc_finding *f = emit_rule(c, d, r, det);
				if (f && !from_internet)
					fc_finding_severity(f, FC_SEV_MEDIUM);
			}
			fc_buf_release(&hits);
		}
	}
	fc_note(c, "%zu risky services, untrusted zone kinds checked", nr);
}

static bool host_db_in(const struct fc_bundle *b, const struct fc_fw_rule *r, const char **name)
{
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		if (!h->role || (strcmp(h->role, "db") && strcmp(h->role, "database")))
			continue;
		for (size_t k = 0; k < h->nips; k++) {
			struct fc_iprange one = {h->ips[k], h->ips[k]};
			if (fc_fw_addrset_intersects(&r->dst, &one)) {
				*name = h->hostname;
				return true;
			}
		}
	}
	return false;
}

/* seed 000: 資料庫建置於DMZ區; database ports must never face the internet */
static void run_db_from_internet(struct fc_ctx *c)
{
	const struct fc_fw_facts *fw = facts(c);
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	struct svcitem db[MAX_ITEMS];
	size_t nd = svc_items(c, "firewall_database_services", db, MAX_ITEMS);
	for (size_t i = 0; fw && i < fw->devices.n; i++) {
		const struct fc_fw_device *d = fw->devices.v[i];
		for (size_t k = 0; k < d->rules.n; k++) {
			const struct fc_fw_rule *r = &d->rules.v[k];
			if (!judged_permit(d, r) || !(r->src_kinds & ZK(FC_ZK_INTERNET)))
				continue;
			struct fc_buf hits;
			fc_buf_init(&hits, 4096);
			size_t nh = 0;
			const char *dbhost = NULL;
			if (r->svc.any) {
				if (host_db_in(b, r, &dbhost)) {
					fc_buf_adds(&hits, zh ? "所有服務（含資料庫主機 " : "every service (database host ");
					fc_buf_adds(&hits, dbhost);
					fc_buf_adds(&hits, zh ? "）" : ")");
					nh++;
				}
			} else {
				for (size_t j = 0; j < nd; j++)
					if (item_hit(r, &db[j])) {
						fc_buf_adds(&hits, nh++ ? ", " : "");
						fc_buf_adds(&hits, db[j].label);
					}
			}
			if (nh) {
				char det[1400];
				snprintf(det, sizeof det,
					 zh ? "%s 第 %ld 行允許網際網路（%s）連線至 %s 之資料庫服務：%s"
					    : "%s line %ld lets the internet (%s) reach database services on %s: %s",
					 d->name, r->ref.line, zone_or(r->src_zone), zone_or(r->dst_zone), fc_buf_str(&hits));
				emit_rule(c, d, r, det);
			}
			fc_buf_release(&hits);
		}
	}
}

/* seed 001: 沒有建內部防火牆; seed 000: 未建立縱深防禦機制 */
static void run_no_internal_firewall(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_fw_facts *fw = facts(c);
	bool zh = fc_ctx_zh(c);
	const struct fc_zone *office = NULL, *prod = NULL;
	for (size_t i = 0; i < b->zones.n; i++) {
		if (!office && b->zones.v[i].kind == FC_ZK_OFFICE)
			office = &b->zones.v[i];
		if (!prod && b->zones.v[i].kind == FC_ZK_PRODUCTION)
			prod = &b->zones.v[i];
	}
	if (!office || !prod) {
		fc_not_applicable(c, zh ? "network/zones.csv 未同時定義辦公區與正式區"
					: "network/zones.csv does not define both an office and a production zone");
		return;
	}
	const unsigned O = ZK(FC_ZK_OFFICE), P = ZK(FC_ZK_PRODUCTION);
	for (size_t i = 0; fw && i < fw->devices.n; i++) {
		const struct fc_fw_device *d = fw->devices.v[i];
		unsigned ifk = 0;
		for (size_t k = 0; k < d->ifaces.n; k++)
			if (!d->ifaces.v[k].shutdown)
				ifk |= d->ifaces.v[k].zone_kinds;
		if ((ifk & O) && (ifk & P)) {
			fc_note(c, zh ? "%s 之介面介於辦公區與正式區之間" : "%s has interfaces in both office and production zones",
				d->name);
			return;
		}
		for (size_t k = 0; k < d->rules.n; k++) {
			const struct fc_fw_rule *r = &d->rules.v[k];
			const struct fc_fw_list *l = list_of(d, r);
			if (!l || !l->filtering || !fc_fw_rule_decides(r) || r->src.any || r->dst.any)
				continue;
			if (((r->src_kinds & O) && (r->dst_kinds & P)) || ((r->src_kinds & P) && (r->dst_kinds & O))) {
				fc_note(c, zh ? "%s 第 %ld 行管控辦公區與正式區間之連線"
					      : "%s line %ld controls traffic between office and production",
					d->name, r->ref.line);
				return;
			}
		}
	}
	struct fc_finding *f = fc_emit(c, "network", office->name, &office->ref,
				       zh ? "無任何防火牆規則管控辦公區 %s 與正式區 %s 之間的連線"
					  : "no firewall rule controls traffic between office zone %s and production zone %s",
				       office->name, prod->name);
	if (f)
		fc_finding_evidence(c, f, &prod->ref);
}

/* NET-10 allow-list: what happens to traffic no rule names */
static void run_default_allow(struct fc_ctx *c)
{
	const struct fc_fw_facts *fw = facts(c);
	bool zh = fc_ctx_zh(c);
	for (size_t i = 0; fw && i < fw->devices.n; i++) {
		const struct fc_fw_device *d = fw->devices.v[i];
		for (size_t li = 0; li < d->lists.n; li++) {
			const struct fc_fw_list *l = &d->lists.v[li];
			if (!l->filtering || !l->inbound)
				continue;
			/* a host's own firewall (an inventory host, not a router) with
			 * an empty FORWARD chain forwards nothing worth judging */
			if (d->host_zone && l->name && !strcmp(l->name, "FORWARD")) {
				bool any_rule = false;
				for (size_t k = 0; k < d->rules.n && !any_rule; k++)
					any_rule = d->rules.v[k].list == li;
				if (!any_rule)
					continue;
			}
			/* the first unconditional rule ends the list */
			const struct fc_fw_rule *catchall = NULL;
			for (size_t k = 0; k < d->rules.n && !catchall; k++) {
				const struct fc_fw_rule *r = &d->rules.v[k];
				if (r->list == li && fc_fw_rule_decides(r) && !r->partial && fc_fw_rule_any_any(r))
					catchall = r;
			}
			enum fc_fw_action eff = catchall ? catchall->action : l->policy;
			if (eff != FC_FW_PERMIT)
				continue;
			char obj[256], det[1024];
			snprintf(obj, sizeof obj, "%s %s", d->name, l->name);
			if (catchall) {
				snprintf(det, sizeof det,
					 zh ? "%s 之 %s 以第 %ld 行之全部允許規則結束，其後無任何規則生效（預設允許）"
					    : "%s %s ends with the permit-everything rule at line %ld: nothing after it matters (default allow)",
					 d->name, l->name, catchall->ref.line);
				fc_emit(c, "rule", obj, &catchall->ref, "%s", det);
			} else {
				snprintf(det, sizeof det,
					 zh ? "%s 之 %s 預設政策為允許（%s），未列出之連線一律通過"
					    : "%s %s has a default policy of accept (%s): traffic no rule names is let through",
					 d->name, l->name, l->ref.excerpt ? l->ref.excerpt : "");
				fc_emit(c, "rule", obj, &l->ref, "%s", det);
			}
		}
		/* ASA: an interface with no inbound access list passes traffic to
		 * every lower security level */
		if (d->format == FC_FW_ASA) {
			bool global = false;
			for (size_t li = 0; li < d->lists.n; li++)
				global |= d->lists.v[li].applied && !strcmp(d->lists.v[li].applied, "global");
			int minlvl = 101;
			for (size_t k = 0; k < d->ifaces.n; k++)
				if (d->ifaces.v[k].name && !d->ifaces.v[k].shutdown && d->ifaces.v[k].security_level >= 0 &&
				    d->ifaces.v[k].security_level < minlvl)
					minlvl = d->ifaces.v[k].security_level;
			for (size_t k = 0; k < d->ifaces.n && !global; k++) {
				const struct fc_fw_iface *f = &d->ifaces.v[k];
				if (!f->name || f->shutdown || f->mgmt_only || f->security_level <= minlvl)
					continue;
				bool has_in = false;
				char want[160];
				snprintf(want, sizeof want, "in interface %s", f->name);
				for (size_t li = 0; li < d->lists.n; li++)
					has_in |= d->lists.v[li].applied && !strcmp(d->lists.v[li].applied, want);
				if (has_in)
					continue;
				char obj[256];
				snprintf(obj, sizeof obj, "%s interface %s", d->name, f->name);
				fc_emit(c, "interface", obj, &f->ref,
					zh ? "%s 之介面 %s（security-level %d）未套用輸入存取清單：通往較低等級介面之連線預設全部允許"
					   : "%s interface %s (security-level %d) has no inbound access-list: all traffic to lower-level interfaces is allowed by default",
					d->name, f->name, f->security_level);
			}
		}
	}
}

/* seed 001/002: 防火牆進出紀錄; A.8.15 — a permit that is not logged leaves no trail */
static void run_permit_without_log(struct fc_ctx *c)
{
	const struct fc_fw_facts *fw = facts(c);
	bool zh = fc_ctx_zh(c);
	for (size_t i = 0; fw && i < fw->devices.n; i++) {
		const struct fc_fw_device *d = fw->devices.v[i];
		size_t n = 0, total = 0;
		struct fc_finding *f = NULL;
		const struct fc_fw_rule *first = NULL;
		for (size_t k = 0; k < d->rules.n; k++) {
			const struct fc_fw_rule *r = &d->rules.v[k];
			if (!judged_permit(d, r))
				continue;
			total++;
			if (r->log != 0)
				continue;
			if (!n++)
				first = r;
		}
		if (!n)
			continue;
		char obj[256];
		snprintf(obj, sizeof obj, "%s", d->name);
		f = fc_emit(c, "device", obj, &first->ref,
			    zh ? "%s 有 %zu 條（共 %zu 條）允許規則未記錄連線（第一條在第 %ld 行）"
			       : "%s: %zu of %zu permit rules do not log the connections they allow (first at line %ld)",
			    d->name, n, total, first->ref.line);
		size_t ev = 1;
		for (size_t k = 0; f && k < d->rules.n && ev < EV_MAX; k++) {
			const struct fc_fw_rule *r = &d->rules.v[k];
			if (r != first && judged_permit(d, r) && r->log == 0) {
				fc_finding_evidence(c, f, &r->ref);
				ev++;
			}
		}
	}
}

static void by_text(const struct fc_fw_device *d, const struct fc_fw_rule *r, char *out, size_t n)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < r->nby && o + 32 < n; i++) {
		long seq = r->by[i];
		long line = seq >= 1 && (size_t)seq <= d->rules.n ? d->rules.v[seq - 1].ref.line : 0;
		int k = snprintf(out + o, n - o, "%s%ld", i ? ", " : "", line);
		if (k > 0)
			o += (size_t)k;
	}
}

static void shadow_common(struct fc_ctx *c, enum fc_fw_shadow want)
{
	const struct fc_fw_facts *fw = facts(c);
	bool zh = fc_ctx_zh(c);
	size_t analyzed = 0;
	for (size_t i = 0; fw && i < fw->devices.n; i++) {
		const struct fc_fw_device *d = fw->devices.v[i];
		for (size_t k = 0; k < d->rules.n; k++) {
			const struct fc_fw_rule *r = &d->rules.v[k];
			const struct fc_fw_list *l = list_of(d, r);
			if (!l || !l->filtering || !fc_fw_rule_decides(r))
				continue;
			analyzed++;
			if (r->shadow != want)
				continue;
			char lines[512], det[1400], txt[512];
			by_text(d, r, lines, sizeof lines);
			rtext(r, txt, sizeof txt);
			if (want == FC_FW_SH_SHADOWED)
				snprintf(det, sizeof det,
					 zh ? "%s 第 %ld 行（%s）永不生效：其全部流量已由第 %s 行決定，且其中有相反動作之規則"
					    : "%s line %ld (%s) never takes effect: the rules at lines %s decide all of its traffic, some with the opposite action",
					 d->name, r->ref.line, txt, lines);
			else
				snprintf(det, sizeof det,
					 zh ? "%s 第 %ld 行（%s）為多餘規則：第 %s 行已以相同動作涵蓋其全部流量"
					    : "%s line %ld (%s) is redundant: the rules at lines %s already %s all of its traffic",
					 d->name, r->ref.line, txt, lines, r->action == FC_FW_PERMIT ? "permit" : "deny");
			struct fc_finding *f = emit_rule(c, d, r, det);
			for (size_t b = 0; f && b < r->nby && b < EV_MAX; b++) {
				long seq = r->by[b];
				if (seq >= 1 && (size_t)seq <= d->rules.n)
					fc_finding_evidence(c, f, &d->rules.v[seq - 1].ref);
			}
		}
	}
	fc_note(c, "%zu rules analyzed", analyzed);
}

static void run_shadowed(struct fc_ctx *c)
{
	shadow_common(c, FC_FW_SH_SHADOWED);
}

static void run_redundant(struct fc_ctx *c)
{
	shadow_common(c, FC_FW_SH_REDUNDANT);
}

static bool device_matches(const struct fc_fw_device *d, const char *name)
{
	return name && (fc_strieq(name, d->name) || (d->hostname && fc_strieq(name, d->hostname)) ||
			!strcmp(name, "*") || fc_strieq(name, "all"));
}

/* FL098837 §10 (NET-10): review all rules at least yearly; seed 001
 * 未定期檢視防火牆之安全規則 */
static void run_review(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_fw_facts *fw = facts(c);
	bool zh = fc_ctx_zh(c);
	int32_t asof = fc_ctx_asof(c);
	int days = (int)fc_param(c, "firewall_review_days");
	size_t i0 = 0;
	bool any_record = fc_record_next(b, "firewall_review", &i0) != NULL;
	bool any_csv = false;
	for (size_t i = 0; fw && i < fw->devices.n; i++)
		any_csv |= fw->devices.v[i]->last_review != FC_NO_DATE;
	if (!any_record && !any_csv) {
		fc_manual(c, zh ? "無 firewall_review 紀錄（records/*.yaml），無法確認規則檢視日期"
				: "no firewall_review record (records/*.yaml): the rule review date cannot be confirmed");
		return;
	}
	for (size_t i = 0; fw && i < fw->devices.n; i++) {
		const struct fc_fw_device *d = fw->devices.v[i];
		int32_t last = FC_NO_DATE;
		struct fc_ref ref = {0};
		size_t it = 0;
		const struct fc_record *rec;
		while ((rec = fc_record_next(b, "firewall_review", &it))) {
			int32_t day = fc_record_date(rec, "date");
			if (!device_matches(d, fc_record_str(rec, "device")) || day == FC_NO_DATE)
				continue;
			if (last == FC_NO_DATE || day > last) {
				last = day;
				ref = rec->ref;
			}
		}
		if (d->last_review != FC_NO_DATE && (last == FC_NO_DATE || d->last_review > last)) {
			last = d->last_review;
			ref = d->last_review_ref;
		}
		if (last == FC_NO_DATE) {
			const struct fc_ref dref = {d->file, 1, NULL};
			fc_emit(c, "device", d->name, &dref,
				zh ? "防火牆 %s 無任何規則檢視紀錄" : "firewall %s has no rule review on record", d->name);
			continue;
		}
		if (asof != FC_NO_DATE && asof - last > days) {
			char ds[11];
			fc_date_fmt(last, ds);
			struct fc_finding *f = fc_emit(c, "device", d->name, &ref,
						       zh ? "防火牆 %s 最近一次規則檢視為 %s，已逾 %d 天"
							  : "firewall %s rules were last reviewed on %s, more than %d days ago",
						       d->name, ds, days);
			if (f && d->file) {
				const struct fc_ref dref = {d->file, 1, NULL};
				fc_finding_evidence(c, f, &dref);
			}
		} else if (d->unreviewed && d->format == FC_FW_CSV) {
			fc_emit(c, "device", d->name, &d->unreviewed_ref,
				zh ? "防火牆 %s 有 %zu 條規則之 last_review 欄位空白（從未檢視）"
				   : "firewall %s has %zu rules with an empty last_review (never reviewed)",
				d->name, d->unreviewed);
		}
	}
}

/* seed 001: 防火牆進出紀錄及其備份未依規定至少保存三年 (CC-17010.4) */
static void run_log_retention(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	double want = fc_param(c, "firewall_log_retention_days");
	size_t it = 0;
	const struct fc_record *rec, *found = NULL;
	while ((rec = fc_record_next(b, "log_retention", &it))) {
		const char *src = fc_record_str(rec, "source");
		if (src && (fc_strieq(src, "firewall") || fc_strieq(src, "all") || fc_strieq(src, "防火牆")))
			found = rec; /* the last one in file order */
	}
	if (!found) {
		fc_manual(c, zh ? "無 source: firewall 之 log_retention 紀錄" : "no log_retention record with source: firewall");
		return;
	}
	double days;
	if (!fc_record_num(found, "retained_days", &days)) {
		fc_check_error(c, zh ? "%s:%ld: log_retention 缺少 retained_days" : "%s:%ld: log_retention has no retained_days",
			       found->ref.file, found->ref.line);
		return;
	}
	if (days < want) {
		struct fc_ref ref = found->ref;
		long l = fc_record_line(found, "retained_days");
		if (l > 0)
			ref.line = l;
		fc_emit(c, "log", "firewall", &ref,
			zh ? "防火牆進出紀錄僅保存 %.0f 天，少於 %.0f 天（三年）"
			   : "firewall traffic logs are kept %.0f days, less than %.0f days (three years)",
			days, want);
	} else {
		fc_note(c, zh ? "防火牆紀錄保存 %.0f 天" : "firewall logs kept %.0f days", days);
	}
}

#define FW FC_EVBIT(FC_EV_FIREWALL)
#define ZN FC_EVBIT(FC_EV_ZONES)
#define RC FC_EVBIT(FC_EV_RECORDS)

const struct fc_check_impl fc_checks_fw[] = {
	{"fw.any_any_permit", FW, run_any_any},
	{"fw.any_service_to_segment", FW | ZN, run_any_service_to_segment},
	{"fw.office_to_server_any", FW | ZN, run_office_to_server_any},
	{"fw.risky_service_exposed", FW | ZN, run_risky},
	{"fw.db_from_internet", FW | ZN, run_db_from_internet},
	{"fw.no_internal_firewall", FW | ZN, run_no_internal_firewall},
	{"fw.default_allow", FW, run_default_allow},
	{"fw.permit_without_log", FW, run_permit_without_log},
	{"fw.shadowed_rule", FW, run_shadowed},
	{"fw.redundant_rule", FW, run_redundant},
	{"fw.review_overdue", FW | RC, run_review},
	{"fw.log_retention", RC, run_log_retention},
	{NULL, 0, NULL},
};
