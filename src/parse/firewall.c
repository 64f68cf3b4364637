/*
 * The firewall/ loader (issue 3): one file per device, the file stem names
 * the device; the format comes from the extension (spec/evidence-bundle.md)
 * or, without one, from the content.  After every file is read, addresses
 * are mapped onto network/zones.csv (loaded earlier: inventory loaders have
 * a lower order) and the rule bases are analyzed for shadowing.
 */
#include <string.h>
#include "fw.h"
#include "fw_analyze.h"
#include "../core/reader.h"
#include "../engine/loader.h"

static bool claims(const char *rel)
{
	if (!fc_path_under(rel, "firewall/"))
		return false;
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	/* notes next to the configs are not rule sets */
	return base[0] != '.' && strncmp(base, "README", 6) != 0;
}

static enum fc_status load(struct fc_bundle *b, const char *path, const char *rel)
{
	fc_bundle_saw(b, FC_EV_FIREWALL, rel);
	if (!b->fw) {
		b->fw = fc_fw_facts_new(&b->arena);
		if (!b->fw)
			return FC_ENOMEM;
	}
	struct fc_text t;
	enum fc_status st = fc_text_read(path, rel, &t, b->diag);
	if (st) {
		fc_bundle_bad(b, FC_EV_FIREWALL, rel);
		return st == FC_ENOMEM ? FC_ENOMEM : FC_EPARSE;
	}
	const char *device = fc_path_stem(b, rel);
	const char *file = fc_arena_strdup(&b->arena, rel);
	if (!device || !file) {
		fc_text_release(&t);
		return FC_ENOMEM;
	}
	st = fc_fw_parse(b->fw, t.p, t.n, file, device, fc_fw_format_from_path(rel), b->diag);
	fc_text_release(&t);
	if (st == FC_ENOMEM)
		return st;
	if (st) {
		fc_bundle_bad(b, FC_EV_FIREWALL, rel);
		return FC_EPARSE;
	}
	return FC_OK;
}

static enum fc_status finish(struct fc_bundle *b)
{
	if (!b->fw)
		return FC_OK;
	fc_fw_map_zones(b->fw, b->zones.v, b->zones.n);
	/* a host firewall (iptables named after an inventory host): its INPUT
	 * chain guards that host, so "any" destination there is the host */
	for (size_t i = 0; i < b->fw->devices.n; i++) {
		struct fc_fw_device *d = b->fw->devices.v[i];
		const struct fc_host *h = fc_host_by_name(b, d->name);
		if (!h)
			continue;
		const struct fc_zone *z = h->zone ? fc_zone_by_name(b, h->zone) : NULL;
		for (size_t k = 0; !z && k < h->nips; k++)
			z = fc_zone_of_ip(b, &h->ips[k]);
		if (!z)
			continue;
		d->host_zone = z->name;
		d->host_zone_kinds = 1u << z->kind;
		for (size_t k = 0; k < d->rules.n; k++) {
			struct fc_fw_rule *r = &d->rules.v[k];
			if (r->list < d->lists.n && d->lists.v[r->list].local && r->dst.any) {
				r->dst_zone = fc_arena_printf(&b->arena, "%s (%s)", z->name, h->hostname);
				r->dst_kinds = 1u << z->kind;
			}
		}
	}
	enum fc_status st = fc_fw_analyze(b->fw, NULL, b->diag, NULL);
	return st == FC_ENOMEM ? FC_ENOMEM : FC_OK;
}

static void release(struct fc_bundle *b)
{
	fc_fw_facts_release(b->fw);
	b->fw = NULL;
}

const struct fc_loader fc_loader_firewall = {"firewall", FC_EV_FIREWALL, 50, claims, load, finish, release};
