/* Network segmentation from the inventory (issue 2): where hosts sit
 * against the zones they should be in.  Seed 000 網路架構(二), seed 001
 * 網段位置未妥適, seed 002 網路安全管理 1–3, seed 004 一、(一)1 資訊架構檢視. */
#include <string.h>
#include "../core/strutil.h"
#include "../engine/check.h"

/* The zone a host sits in: its declared zone if zones.csv knows it, else the
 * zone its first address falls in. */
static const struct fc_zone *host_zone(const struct fc_bundle *b, const struct fc_host *h)
{
	const struct fc_zone *z = h->zone ? fc_zone_by_name(b, h->zone) : NULL;
	if (z)
		return z;
	for (size_t i = 0; i < h->nips; i++)
		if ((z = fc_zone_of_ip(b, &h->ips[i])))
			return z;
	return NULL;
}

static bool is_db(const char *role)
{
	return role && (!strcmp(role, "db") || !strcmp(role, "database") || fc_strcasestr(role, "db") == role ||
			strstr(role, "database") || strstr(role, "sql"));
}

static const char *zone_label(const struct fc_zone *z)
{
	return z ? z->name : "?";
}

/* seed 000: 資料庫建置於DMZ區 */
static void db_in_dmz(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	size_t n = 0;
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		const struct fc_zone *z = host_zone(b, h);
		if (!is_db(h->role))
			continue;
		n++;
		if (z && z->kind == FC_ZK_DMZ) {
			struct fc_finding *f = fc_emit(c, "host", h->hostname, &h->ref,
				fc_ctx_zh(c) ? "資料庫主機 %s 位於DMZ區 %s" : "database host %s sits in DMZ zone %s",
				h->hostname, zone_label(z));
			fc_finding_evidence(c, f, &z->ref);
			fc_finding_system(f, h->system_id);
		}
	}
	fc_note(c, "%zu database hosts checked", n);
}

/* seed 000/001: 正式機與測試機同一網段; 正式網段有測試主機 */
static void test_in_production(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		if (h->env != FC_ENV_TEST && h->env != FC_ENV_UAT && h->env != FC_ENV_DEVELOPMENT)
			continue;
		const struct fc_zone *z = host_zone(b, h);
		if (z && (z->kind == FC_ZK_PRODUCTION || z->kind == FC_ZK_DMZ)) {
			struct fc_finding *f = fc_emit(c, "host", h->hostname, &h->ref,
				fc_ctx_zh(c) ? "%s 環境主機 %s 位於正式區 %s" : "%s host %s sits in production zone %s",
				fc_env_name(h->env), h->hostname, zone_label(z));
			fc_finding_evidence(c, f, &z->ref);
			fc_finding_system(f, h->system_id);
		}
	}
}

/* seed 000: 正式營運主機與辦公區同一網段 */
static void prod_in_office(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		if (h->env != FC_ENV_PRODUCTION && h->env != FC_ENV_DR)
			continue;
		if (h->role && !strcmp(h->role, "endpoint"))
			continue;
		const struct fc_zone *z = host_zone(b, h);
		if (z && z->kind == FC_ZK_OFFICE) {
			struct fc_finding *f = fc_emit(c, "host", h->hostname, &h->ref,
				fc_ctx_zh(c) ? "正式主機 %s 位於辦公區 %s" : "production host %s sits in office zone %s",
				h->hostname, zone_label(z));
			fc_finding_evidence(c, f, &z->ref);
			fc_finding_system(f, h->system_id);
		}
	}
}

/* The inventory must agree with the network: an address outside its declared
 * zone means either the diagram or the host is wrong (NET-4, SA-1.1). */
static void outside_zone(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		if (!h->zone)
			continue;
		bool known = false, inside = false;
		for (size_t z = 0; z < b->zones.n; z++) {
			const struct fc_zone *zn = &b->zones.v[z];
			if (!fc_strieq(zn->name, h->zone))
				continue;
			known = true;
			for (size_t k = 0; k < h->nips; k++)
				if (fc_iprange_contains(&zn->range, &h->ips[k]))
					inside = true;
		}
		if (!known) {
			fc_emit(c, "host", h->hostname, &h->ref,
				fc_ctx_zh(c) ? "主機 %s 宣告之網段 %s 不在 network/zones.csv" :
					       "host %s declares zone %s, which network/zones.csv does not define",
				h->hostname, h->zone);
			continue;
		}
		if (h->nips && !inside) {
			const struct fc_zone *actual = fc_zone_of_ip(b, &h->ips[0]);
			struct fc_finding *f = fc_emit(c, "host", h->hostname, &h->ref,
				fc_ctx_zh(c) ? "主機 %s 位址 %s 不在宣告網段 %s 內（實際位於 %s）" :
					       "host %s address %s is outside its declared zone %s (it falls in %s)",
				h->hostname, h->ip_text ? h->ip_text : "?", h->zone, actual ? actual->name : "no zone");
			if (actual)
				fc_finding_evidence(c, f, &actual->ref);
		}
	}
}

/* seed 002 網路安全管理 1–3: 核心系統應建置於防火牆內; internet-facing
 * services belong in a DMZ, not directly in the server zones. */
static void internet_not_dmz(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		const struct fc_system *s = fc_system_by_id(b, h->system_id);
		int facing = h->internet_facing;
		if (facing != 1)
			continue;
		const struct fc_zone *z = host_zone(b, h);
		if (!z || z->kind == FC_ZK_DMZ)
			continue;
		bool core = s && (s->core == 1 || s->category == 1);
		struct fc_finding *f = fc_emit(c, "host", h->hostname, &h->ref,
			fc_ctx_zh(c) ? "對外服務主機 %s%s 位於 %s 區 %s，未置於DMZ" :
				       "internet-facing host %s%s sits in %s zone %s, not in a DMZ",
			h->hostname, core ? (fc_ctx_zh(c) ? "（核心系統）" : " (core system)") : "",
			fc_zone_kind_name(z->kind), z->name);
		fc_finding_evidence(c, f, &z->ref);
		fc_finding_system(f, h->system_id);
		if (!core)
			fc_finding_severity(f, FC_SEV_MEDIUM);
	}
}

const struct fc_check_impl fc_checks_net[] = {
	{"net.db_in_dmz", FC_EVBIT(FC_EV_HOSTS) | FC_EVBIT(FC_EV_ZONES), db_in_dmz},
	{"net.test_in_production", FC_EVBIT(FC_EV_HOSTS) | FC_EVBIT(FC_EV_ZONES), test_in_production},
	{"net.production_in_office", FC_EVBIT(FC_EV_HOSTS) | FC_EVBIT(FC_EV_ZONES), prod_in_office},
	{"net.host_outside_zone", FC_EVBIT(FC_EV_HOSTS) | FC_EVBIT(FC_EV_ZONES), outside_zone},
	{"net.internet_host_not_in_dmz", FC_EVBIT(FC_EV_HOSTS) | FC_EVBIT(FC_EV_ZONES), internet_not_dmz},
	{NULL, 0, NULL},
};
