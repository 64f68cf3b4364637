/* The inventory tables: network/zones.csv, inventory/systems.csv,
 * inventory/hosts.csv, inventory/devices.csv, inventory/endpoints.csv
 * (spec/evidence-bundle.md).  Columns by header name with aliases. */
#include <string.h>
#include "../core/strutil.h"
#include "../engine/loader.h"
#include "table.h"

#define COLS(...) ((const char *const[]){__VA_ARGS__, NULL})

static bool is(const char *rel, const char *dir, const char *stem)
{
	size_t n = strlen(dir);
	if (strncmp(rel, dir, n))
		return false;
	rel += n;
	size_t s = strlen(stem);
	return !strncmp(rel, stem, s) && (!strcmp(rel + s, ".csv") || !strcmp(rel + s, ".csv.gz"));
}

/* ---- zones ---- */

static enum fc_zone_kind zone_kind(const char *s)
{
	static const struct { const char *s; enum fc_zone_kind k; } t[] = {
		{"internet", FC_ZK_INTERNET}, {"external", FC_ZK_INTERNET}, {"untrust", FC_ZK_INTERNET},
		{"dmz", FC_ZK_DMZ}, {"production", FC_ZK_PRODUCTION}, {"prod", FC_ZK_PRODUCTION},
		{"server", FC_ZK_PRODUCTION}, {"test", FC_ZK_TEST}, {"uat", FC_ZK_TEST},
		{"development", FC_ZK_TEST}, {"dev", FC_ZK_TEST}, {"office", FC_ZK_OFFICE},
		{"oa", FC_ZK_OFFICE}, {"user", FC_ZK_OFFICE}, {"management", FC_ZK_MANAGEMENT},
		{"mgmt", FC_ZK_MANAGEMENT}, {"partner", FC_ZK_PARTNER}, {"extranet", FC_ZK_PARTNER},
	};
	for (size_t i = 0; s && i < sizeof t / sizeof *t; i++)
		if (fc_strieq(s, t[i].s))
			return t[i].k;
	return FC_ZK_UNKNOWN;
}

static bool zones_claims(const char *rel) { return is(rel, "network/", "zones"); }

static enum fc_status zones_load(struct fc_bundle *b, const char *path, const char *rel)
{
	struct fc_table t;
	enum fc_status st = fc_table_open(&t, b, path, rel, FC_EV_ZONES);
	if (st)
		return st;
	int cz = fc_table_need(&t, COLS("zone", "segment", "name"));
	int cc = fc_table_need(&t, COLS("cidr", "network", "subnet"));
	int ck = fc_table_need(&t, COLS("kind", "type"));
	int cb = fc_table_col(&t, COLS("business", "business_line"));
	for (size_t i = 0; i < t.csv.nrows && cz >= 0 && cc >= 0; i++) {
		const struct fc_csv_row *r = &t.csv.rows[i];
		struct fc_zone z = {0};
		z.name = fc_table_str(&t, r, cz);
		const char *cidr = fc_csv_get(r, cc);
		if (!z.name) {
			fc_table_error(&t, r, cz, "empty zone name");
			continue;
		}
		if (!fc_iprange_parse(cidr, strlen(cidr), &z.range)) {
			fc_table_error(&t, r, cc, "expected a CIDR such as 10.10.0.0/16, got '%.60s'", cidr);
			continue;
		}
		const char *k = fc_table_str(&t, r, ck);
		z.kind = zone_kind(k);
		if (k && z.kind == FC_ZK_UNKNOWN)
			fc_table_error(&t, r, ck, "unknown zone kind '%s' (internet, dmz, production, test, office, management, partner)", k);
		z.business = fc_table_str(&t, r, cb);
		z.ref = fc_table_ref(&t, r);
		struct fc_zone *slot = fc_vec_push(&b->zones);
		if (!slot) {
			fc_table_done(&t);
			return FC_ENOMEM;
		}
		*slot = z;
	}
	fc_table_done(&t);
	return FC_OK;
}

const struct fc_loader fc_loader_zones = {"zones", FC_EV_ZONES, 10, zones_claims, zones_load, NULL, NULL};

/* ---- systems ---- */

static bool systems_claims(const char *rel) { return is(rel, "inventory/", "systems"); }

static enum fc_status systems_load(struct fc_bundle *b, const char *path, const char *rel)
{
	struct fc_table t;
	enum fc_status st = fc_table_open(&t, b, path, rel, FC_EV_SYSTEMS);
	if (st)
		return st;
	int cid = fc_table_need(&t, COLS("system_id", "id"));
	int cname = fc_table_col(&t, COLS("name", "system_name"));
	int ccat = fc_table_col(&t, COLS("category", "class"));
	int ccore = fc_table_col(&t, COLS("core"));
	int cif = fc_table_col(&t, COLS("internet_facing"));
	int cown = fc_table_col(&t, COLS("owner"));
	int cla = fc_table_col(&t, COLS("last_assessed"));
	int clf = fc_table_col(&t, COLS("last_full_assessment"));
	int cai = fc_table_col(&t, COLS("assessed_items"));
	int cmi = fc_table_col(&t, COLS("last_major_incident"));
	for (size_t i = 0; i < t.csv.nrows && cid >= 0; i++) {
		const struct fc_csv_row *r = &t.csv.rows[i];
		struct fc_system s = {0};
		s.id = fc_table_str(&t, r, cid);
		if (!s.id) {
			fc_table_error(&t, r, cid, "empty system_id");
			continue;
		}
		if (fc_system_by_id(b, s.id)) {
			fc_table_error(&t, r, cid, "duplicate system_id '%s'", s.id);
			continue;
		}
		s.name = fc_table_str(&t, r, cname);
		s.category = (int)fc_table_int(&t, r, ccat, 0);
		if (s.category < 0 || s.category > 3) {
			fc_table_error(&t, r, ccat, "category must be 1, 2 or 3");
			s.category = 0;
		}
		s.core = fc_table_bool(&t, r, ccore);
		s.internet_facing = fc_table_bool(&t, r, cif);
		s.owner = fc_table_str(&t, r, cown);
		s.last_assessed = fc_table_date(&t, r, cla);
		s.last_full_assessment = fc_table_date(&t, r, clf);
		s.assessed_items = fc_table_str(&t, r, cai);
		s.last_major_incident = fc_table_date(&t, r, cmi);
		s.ref = fc_table_ref(&t, r);
		struct fc_system *slot = fc_vec_push(&b->systems);
		if (!slot) {
			fc_table_done(&t);
			return FC_ENOMEM;
		}
		*slot = s;
	}
	fc_table_done(&t);
	return FC_OK;
}

const struct fc_loader fc_loader_systems = {"systems", FC_EV_SYSTEMS, 10, systems_claims, systems_load, NULL, NULL};

/* ---- hosts ---- */

static enum fc_env env_of(const char *s)
{
	static const struct { const char *s; enum fc_env e; } t[] = {
		{"production", FC_ENV_PRODUCTION}, {"prod", FC_ENV_PRODUCTION}, {"prd", FC_ENV_PRODUCTION},
		{"正式", FC_ENV_PRODUCTION}, {"test", FC_ENV_TEST}, {"tst", FC_ENV_TEST}, {"測試", FC_ENV_TEST},
		{"uat", FC_ENV_UAT}, {"staging", FC_ENV_UAT}, {"development", FC_ENV_DEVELOPMENT},
		{"dev", FC_ENV_DEVELOPMENT}, {"開發", FC_ENV_DEVELOPMENT}, {"dr", FC_ENV_DR}, {"備援", FC_ENV_DR},
	};
	for (size_t i = 0; s && i < sizeof t / sizeof *t; i++)
		if (fc_strieq(s, t[i].s))
			return t[i].e;
	return FC_ENV_UNKNOWN;
}

struct ipacc {
	struct fc_bundle *b;
	struct fc_table *t;
	const struct fc_csv_row *r;
	int col;
	struct fc_ip ips[16];
	size_t n;
};

static void add_ip(struct fc_span s, void *ud)
{
	struct ipacc *a = ud;
	struct fc_ip ip;
	if (!fc_ip_parse(s.p, s.n, &ip)) {
		fc_table_error(a->t, a->r, a->col, "not an IP address: '%.*s'", (int)(s.n > 60 ? 60 : s.n), s.p);
		return;
	}
	if (a->n < 16)
		a->ips[a->n++] = ip;
}

static bool hosts_claims(const char *rel) { return is(rel, "inventory/", "hosts"); }

static enum fc_status hosts_load(struct fc_bundle *b, const char *path, const char *rel)
{
	struct fc_table t;
	enum fc_status st = fc_table_open(&t, b, path, rel, FC_EV_HOSTS);
	if (st)
		return st;
	int ch = fc_table_need(&t, COLS("hostname", "host", "name"));
	int cip = fc_table_col(&t, COLS("ip", "address", "ip_address"));
	int cz = fc_table_col(&t, COLS("zone", "segment"));
	int cenv = fc_table_col(&t, COLS("environment", "env"));
	int crole = fc_table_col(&t, COLS("role"));
	int csys = fc_table_col(&t, COLS("system_id", "system"));
	int cos = fc_table_col(&t, COLS("os", "operating_system"));
	int cosv = fc_table_col(&t, COLS("os_version"));
	int cif = fc_table_col(&t, COLS("internet_facing"));
	int ceos = fc_table_col(&t, COLS("eos"));
	int ceosp = fc_table_col(&t, COLS("eos_plan"));
	int cav = fc_table_col(&t, COLS("av", "antivirus"));
	int cavd = fc_table_col(&t, COLS("av_signature_date"));
	int cpatch = fc_table_col(&t, COLS("last_patch_date"));
	int cmon = fc_table_col(&t, COLS("monitored"));
	for (size_t i = 0; i < t.csv.nrows && ch >= 0; i++) {
		const struct fc_csv_row *r = &t.csv.rows[i];
		struct fc_host h = {0};
		h.hostname = fc_table_str(&t, r, ch);
		if (!h.hostname) {
			fc_table_error(&t, r, ch, "empty hostname");
			continue;
		}
		const struct fc_host *dup = fc_host_by_name(b, h.hostname);
		if (dup && fc_strieq(dup->hostname, h.hostname)) {
			fc_table_error(&t, r, ch, "duplicate hostname '%s' (also at %s:%ld)", h.hostname, dup->ref.file,
				       dup->ref.line);
			continue;
		}
		struct ipacc a = {.b = b, .t = &t, .r = r, .col = cip};
		h.ip_text = fc_table_str(&t, r, cip);
		if (h.ip_text)
			fc_split(h.ip_text, ';', add_ip, &a);
		if (a.n) {
			h.ips = fc_arena_alloc(&b->arena, sizeof(*h.ips) * a.n);
			if (!h.ips) {
				fc_table_done(&t);
				return FC_ENOMEM;
			}
			memcpy(h.ips, a.ips, sizeof(*h.ips) * a.n);
			h.nips = a.n;
		}
		h.zone = fc_table_str(&t, r, cz);
		h.env_str = fc_table_str(&t, r, cenv);
		h.env = env_of(h.env_str);
		if (h.env_str && h.env == FC_ENV_UNKNOWN)
			fc_table_error(&t, r, cenv, "unknown environment '%s' (production, test, uat, development, dr)", h.env_str);
		h.role = fc_table_lower(&t, r, crole);
		h.system_id = fc_table_str(&t, r, csys);
		h.os = fc_table_str(&t, r, cos);
		h.os_version = fc_table_str(&t, r, cosv);
		h.internet_facing = fc_table_bool(&t, r, cif);
		h.eos = fc_table_bool(&t, r, ceos);
		h.eos_plan = fc_table_bool(&t, r, ceosp);
		h.av = fc_table_bool(&t, r, cav);
		h.av_signature_date = fc_table_date(&t, r, cavd);
		h.last_patch_date = fc_table_date(&t, r, cpatch);
		h.monitored = fc_table_bool(&t, r, cmon);
		h.ref = fc_table_ref(&t, r);
		struct fc_host *slot = fc_vec_push(&b->hosts);
		if (!slot) {
			fc_table_done(&t);
			return FC_ENOMEM;
		}
		*slot = h;
	}
	fc_table_done(&t);
	return FC_OK;
}

const struct fc_loader fc_loader_hosts = {"hosts", FC_EV_HOSTS, 10, hosts_claims, hosts_load, NULL, NULL};

/* ---- devices ---- */

static bool devices_claims(const char *rel) { return is(rel, "inventory/", "devices"); }

static enum fc_status devices_load(struct fc_bundle *b, const char *path, const char *rel)
{
	struct fc_table t;
	enum fc_status st = fc_table_open(&t, b, path, rel, FC_EV_DEVICES);
	if (st)
		return st;
	int cid = fc_table_need(&t, COLS("device_id", "id"));
	int csys = fc_table_need(&t, COLS("system_id", "system"));
	int ctype = fc_table_col(&t, COLS("type"));
	int cos = fc_table_col(&t, COLS("os"));
	int cpl = fc_table_col(&t, COLS("patch_level"));
	int cav = fc_table_col(&t, COLS("app_version"));
	int cla = fc_table_col(&t, COLS("last_assessed"));
	for (size_t i = 0; i < t.csv.nrows && cid >= 0 && csys >= 0; i++) {
		const struct fc_csv_row *r = &t.csv.rows[i];
		struct fc_device d = {0};
		d.device_id = fc_table_str(&t, r, cid);
		d.system_id = fc_table_str(&t, r, csys);
		if (!d.device_id || !d.system_id) {
			fc_table_error(&t, r, d.device_id ? csys : cid, "empty key field");
			continue;
		}
		d.type = fc_table_lower(&t, r, ctype);
		d.os = fc_table_str(&t, r, cos);
		d.patch_level = fc_table_str(&t, r, cpl);
		d.app_version = fc_table_str(&t, r, cav);
		d.last_assessed = fc_table_date(&t, r, cla);
		d.ref = fc_table_ref(&t, r);
		struct fc_device *slot = fc_vec_push(&b->devices);
		if (!slot) {
			fc_table_done(&t);
			return FC_ENOMEM;
		}
		*slot = d;
	}
	fc_table_done(&t);
	return FC_OK;
}

const struct fc_loader fc_loader_devices = {"devices", FC_EV_DEVICES, 10, devices_claims, devices_load, NULL, NULL};

/* ---- endpoints ---- */

static bool endpoints_claims(const char *rel) { return is(rel, "inventory/", "endpoints"); }

static enum fc_status endpoints_load(struct fc_bundle *b, const char *path, const char *rel)
{
	struct fc_table t;
	enum fc_status st = fc_table_open(&t, b, path, rel, FC_EV_ENDPOINTS);
	if (st)
		return st;
	int cid = fc_table_need(&t, COLS("device_id", "id", "hostname"));
	int cown = fc_table_col(&t, COLS("owner", "user"));
	int ctype = fc_table_col(&t, COLS("type"));
	int c1 = fc_table_col(&t, COLS("os_updated"));
	int c2 = fc_table_col(&t, COLS("av_updated"));
	int c3 = fc_table_col(&t, COLS("apps_updated"));
	int c4 = fc_table_col(&t, COLS("config_compliant"));
	int c5 = fc_table_col(&t, COLS("disk_encrypted"));
	int c6 = fc_table_col(&t, COLS("usb_controlled"));
	int c7 = fc_table_col(&t, COLS("wireless_controlled"));
	for (size_t i = 0; i < t.csv.nrows && cid >= 0; i++) {
		const struct fc_csv_row *r = &t.csv.rows[i];
		struct fc_endpoint e = {0};
		e.device_id = fc_table_str(&t, r, cid);
		if (!e.device_id) {
			fc_table_error(&t, r, cid, "empty device_id");
			continue;
		}
		e.owner = fc_table_str(&t, r, cown);
		e.type = fc_table_lower(&t, r, ctype);
		e.os_updated = fc_table_bool(&t, r, c1);
		e.av_updated = fc_table_bool(&t, r, c2);
		e.apps_updated = fc_table_bool(&t, r, c3);
		e.config_compliant = fc_table_bool(&t, r, c4);
		e.disk_encrypted = fc_table_bool(&t, r, c5);
		e.usb_controlled = fc_table_bool(&t, r, c6);
		e.wireless_controlled = fc_table_bool(&t, r, c7);
		e.ref = fc_table_ref(&t, r);
		struct fc_endpoint *slot = fc_vec_push(&b->endpoints);
		if (!slot) {
			fc_table_done(&t);
			return FC_ENOMEM;
		}
		*slot = e;
	}
	fc_table_done(&t);
	return FC_OK;
}

const struct fc_loader fc_loader_endpoints = {"endpoints", FC_EV_ENDPOINTS, 10, endpoints_claims, endpoints_load, NULL, NULL};
