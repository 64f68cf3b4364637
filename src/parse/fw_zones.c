/*
 * Mapping rule addresses and interfaces onto the bundle's zones
 * (network/zones.csv), so that checks can speak of "office → production"
 * (seed 000 網路架構(一): OA區與server未有存取管控機制) instead of CIDRs.
 *
 * A range inside a zone row maps to the most specific row holding it; a
 * range wider than rows maps to every row it touches, and the part outside
 * every row is "internet" when it holds public addresses, else "unknown".
 */
#include <stdlib.h>
#include <string.h>
#include "fw.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/strutil.h"

#define ZONE_NAMES_MAX 8

/* RFC 1918, loopback, link-local, CGNAT, multicast, reserved, the RFC 5737
 * documentation networks (sample configs use them for inside hosts); ULA,
 * link-local, documentation and multicast IPv6: addresses that are not "the
 * internet" unless network/zones.csv says so. */
static const char *const special_cidrs[] = {
	"0.0.0.0/8",	  "10.0.0.0/8",	    "100.64.0.0/10", "127.0.0.0/8",  "169.254.0.0/16",
	"172.16.0.0/12",  "192.0.0.0/24",   "192.0.2.0/24",  "192.168.0.0/16", "198.18.0.0/15",
	"198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3",   "::/127",	      "2001:db8::/32",
	"fc00::/7",	  "fe80::/10",	    "ff00::/8",
};

struct zmap {
	const struct fc_zone *z;
	size_t nz;
	struct fc_iprange *u; /* union of zone ranges, merged */
	size_t nu;
	struct fc_iprange sp[sizeof special_cidrs / sizeof *special_cidrs];
	size_t nsp;
	unsigned all_kinds;
};

static int rcmp(const void *a, const void *b)
{
	const struct fc_iprange *x = a, *y = b;
	int c = fc_ip_cmp(&x->lo, &y->lo);
	return c ? c : fc_ip_cmp(&x->hi, &y->hi);
}

static struct fc_ip inc(struct fc_ip a)
{
	if (++a.lo == 0)
		a.hi++;
	return a;
}

static bool is_max(const struct fc_ip *a)
{
	return a->hi == ~0ULL && a->lo == ~0ULL;
}

static size_t merge(struct fc_iprange *v, size_t n)
{
	if (n < 2)
		return n;
	fc_qsort(v, n, sizeof(*v), rcmp);
	size_t k = 0;
	for (size_t i = 1; i < n; i++) {
		bool adj = is_max(&v[k].hi);
		if (!adj) {
			struct fc_ip nx = inc(v[k].hi);
			adj = fc_ip_cmp(&v[i].lo, &nx) <= 0;
		}
		if (adj) {
			if (fc_ip_cmp(&v[i].hi, &v[k].hi) > 0)
				v[k].hi = v[i].hi;
		} else {
			v[++k] = v[i];
		}
	}
	return k + 1;
}

/* Does [lo,hi] hold an address outside every special range? */
static bool has_public(const struct zmap *m, struct fc_ip lo, struct fc_ip hi)
{
	for (size_t i = 0; i < m->nsp; i++) {
		const struct fc_iprange *s = &m->sp[i];
		if (fc_ip_cmp(&s->hi, &lo) < 0)
			continue;
		if (fc_ip_cmp(&s->lo, &hi) > 0)
			break;
		if (fc_ip_cmp(&s->lo, &lo) > 0)
			return true; /* a gap before this special range */
		if (fc_ip_cmp(&s->hi, &hi) >= 0)
			return false;
		lo = inc(s->hi);
	}
	return true;
}

/* The part of r outside every zone: bit 1 = public space, bit 2 = private. */
static unsigned outside(const struct zmap *m, const struct fc_iprange *r)
{
	unsigned res = 0;
	struct fc_ip cur = r->lo;
	bool done = false;
	for (size_t i = 0; i < m->nu && !done; i++) {
		const struct fc_iprange *u = &m->u[i];
		if (fc_ip_cmp(&u->hi, &cur) < 0)
			continue;
		if (fc_ip_cmp(&u->lo, &r->hi) > 0)
			break;
		if (fc_ip_cmp(&u->lo, &cur) > 0) {
			struct fc_ip gh = u->lo;
			if (gh.lo-- == 0)
				gh.hi--;
			res |= has_public(m, cur, gh) ? 1u : 2u;
		}
		if (fc_ip_cmp(&u->hi, &r->hi) >= 0 || is_max(&u->hi))
			done = true;
		else
			cur = inc(u->hi);
	}
	if (!done)
		res |= has_public(m, cur, r->hi) ? 1u : 2u;
	return res;
}

struct names {
	const char *v[ZONE_NAMES_MAX];
	size_t n;
	bool more;
};

static void names_add(struct names *nm, const char *s)
{
	for (size_t i = 0; i < nm->n; i++)
		if (!strcmp(nm->v[i], s))
			return;
	if (nm->n < ZONE_NAMES_MAX)
		nm->v[nm->n++] = s;
	else
		nm->more = true;
}

static const char *names_join(struct fc_arena *a, const struct names *nm)
{
	if (!nm->n)
		return NULL;
	struct fc_buf b;
	fc_buf_init(&b, 4096);
	for (size_t i = 0; i < nm->n; i++) {
		if (i)
			fc_buf_addc(&b, ',');
		fc_buf_adds(&b, nm->v[i]);
	}
	if (nm->more)
		fc_buf_adds(&b, ",…");
	const char *s = fc_buf_err(&b) ? NULL : fc_arena_strdup(a, fc_buf_str(&b));
	fc_buf_release(&b);
	return s;
}

/* Is r inside the union of v[0..n) (sorted, merged)? */
static bool covered_by(const struct fc_iprange *v, size_t n, const struct fc_iprange *r)
{
	struct fc_ip cur = r->lo;
	for (size_t i = 0; i < n; i++) {
		if (fc_ip_cmp(&v[i].hi, &cur) < 0)
			continue;
		if (fc_ip_cmp(&v[i].lo, &cur) > 0)
			return false;
		if (fc_ip_cmp(&v[i].hi, &r->hi) >= 0 || is_max(&v[i].hi))
			return true;
		cur = inc(v[i].hi);
	}
	return false;
}

#define PART_MAX 64

/* Zones of one address range: the rows it overlaps without being inside
 * them, plus the most specific row that holds it when those do not cover
 * it all (so 10.0.0.0/8 is PROD, ADMIN, … and whatever row holds the rest).
 * whole: the first non-internet row the range covers entirely. */
static void map_range(const struct zmap *m, const struct fc_iprange *r, struct names *nm,
		      unsigned *kinds, const struct fc_zone **whole)
{
	const struct fc_zone *best = NULL;
	double best_size = 0;
	struct fc_iprange part[PART_MAX];
	size_t np = 0;
	bool part_over = false;
	for (size_t i = 0; i < m->nz; i++) {
		const struct fc_zone *z = &m->z[i];
		if (fc_ip_cmp(&z->range.lo, &r->hi) > 0 || fc_ip_cmp(&r->lo, &z->range.hi) > 0)
			continue;
		if (fc_iprange_covers(&z->range, r)) {
			double sz = fc_iprange_size(&z->range);
			if (!best || sz < best_size) {
				best = z;
				best_size = sz;
			}
			continue;
		}
		names_add(nm, z->name);
		*kinds |= 1u << z->kind;
		if (whole && !*whole && z->kind != FC_ZK_INTERNET && fc_iprange_covers(r, &z->range))
			*whole = z;
		if (np < PART_MAX)
			part[np++] = z->range;
		else
			part_over = true;
	}
	np = merge(part, np);
	if (np && !part_over && covered_by(part, np, r))
		return;
	if (best) {
		names_add(nm, best->name);
		*kinds |= 1u << best->kind;
		if (whole && !*whole && best->kind != FC_ZK_INTERNET && fc_iprange_covers(r, &best->range))
			*whole = best;
		return;
	}
	unsigned o = outside(m, r);
	if (o & 1) {
		names_add(nm, "internet");
		*kinds |= 1u << FC_ZK_INTERNET;
	}
	if (o & 2) {
		names_add(nm, "unknown");
		*kinds |= 1u << FC_ZK_UNKNOWN;
	}
}

static void map_set(const struct zmap *m, struct fc_arena *a, const struct fc_fw_addrset *s,
		    const char **zone, unsigned *kinds, const struct fc_zone **whole)
{
	struct names nm = {{0}, 0, false};
	*kinds = 0;
	if (s->any) {
		*zone = "any";
		*kinds = m->all_kinds | 1u << FC_ZK_INTERNET;
		return;
	}
	for (size_t i = 0; i < s->n; i++)
		map_range(m, &s->r[i], &nm, kinds, whole);
	*zone = names_join(a, &nm);
	if (!*zone)
		*zone = "none";
}

static const struct fc_zone *zone_named(const struct zmap *m, const char *name)
{
	for (size_t i = 0; i < m->nz; i++)
		if (fc_strieq(m->z[i].name, name))
			return &m->z[i];
	return NULL;
}

/* Interface names that say "the internet" when no address does. */
static bool outside_name(const char *n)
{
	static const char *const w[] = {"outside", "internet", "wan", "untrust", "external", "isp", NULL};
	for (int i = 0; w[i]; i++)
		if (fc_istarts(n, w[i]))
			return true;
	return false;
}

/* Zones behind a set of interfaces/zone names (FortiGate srcintf, CSV src_zone). */
static bool map_ifset(const struct zmap *m, struct fc_arena *a, const struct fc_fw_device *dev,
		      const struct fc_fw_ifset *f, const char **zone, unsigned *kinds)
{
	if (!f->n || f->neg)
		return false;
	struct names nm = {{0}, 0, false};
	unsigned k = 0;
	for (size_t i = 0; i < f->n; i++) {
		const struct fc_zone *z = zone_named(m, f->v[i]);
		if (z) {
			names_add(&nm, z->name);
			for (size_t j = 0; j < m->nz; j++)
				if (fc_strieq(m->z[j].name, z->name))
					k |= 1u << m->z[j].kind;
			continue;
		}
		const struct fc_fw_iface *hit = NULL;
		for (size_t j = 0; j < dev->ifaces.n; j++)
			if (dev->ifaces.v[j].name && fc_strieq(dev->ifaces.v[j].name, f->v[i]))
				hit = &dev->ifaces.v[j];
		if (hit && hit->zone) {
			names_add(&nm, hit->zone);
			k |= hit->zone_kinds;
		} else if ((hit && hit->role && fc_strieq(hit->role, "wan")) || outside_name(f->v[i])) {
			names_add(&nm, "internet");
			k |= 1u << FC_ZK_INTERNET;
		} else {
			return false; /* one unknown interface: the addresses decide */
		}
	}
	*zone = names_join(a, &nm);
	*kinds = k;
	return *zone != NULL;
}

void fc_fw_map_zones(struct fc_fw_facts *fw, const struct fc_zone *zones, size_t nzones)
{
	struct zmap m;
	memset(&m, 0, sizeof m);
	m.z = zones;
	m.nz = nzones;
	for (size_t i = 0; i < sizeof special_cidrs / sizeof *special_cidrs; i++)
		if (fc_iprange_parse(special_cidrs[i], strlen(special_cidrs[i]), &m.sp[m.nsp]))
			m.nsp++;
	fc_qsort(m.sp, m.nsp, sizeof(*m.sp), rcmp);
	m.nsp = merge(m.sp, m.nsp);
	if (nzones) {
		m.u = fc_malloc(nzones * sizeof(*m.u));
		if (m.u) {
			for (size_t i = 0; i < nzones; i++) {
				m.u[i] = zones[i].range;
				m.all_kinds |= 1u << zones[i].kind;
			}
			m.nu = merge(m.u, nzones);
		}
	}
	for (size_t di = 0; di < fw->devices.n; di++) {
		struct fc_fw_device *dev = fw->devices.v[di];
		for (size_t i = 0; i < dev->ifaces.n; i++) {
			struct fc_fw_iface *f = &dev->ifaces.v[i];
			const struct fc_zone *z = f->name ? zone_named(&m, f->name) : NULL;
			if (f->has_net) {
				struct fc_fw_addrset s = {&f->net, 1, false, false};
				map_set(&m, fw->arena, &s, &f->zone, &f->zone_kinds, NULL);
			} else if (z) {
				f->zone = z->name;
				f->zone_kinds = 1u << z->kind;
			} else if ((f->role && fc_strieq(f->role, "wan")) || (f->name && outside_name(f->name)) ||
				   (f->name && f->security_level == 0 && !f->has_net)) {
				f->zone = "internet";
				f->zone_kinds = 1u << FC_ZK_INTERNET;
			}
		}
		for (size_t li = 0; li < dev->lists.n; li++) {
			struct fc_fw_list *l = &dev->lists.v[li];
			if (!l->applied || strncmp(l->applied, "in interface ", 13))
				continue;
			const char *ifn = l->applied + 13;
			for (size_t i = 0; i < dev->ifaces.n; i++)
				if (dev->ifaces.v[i].name && fc_strieq(dev->ifaces.v[i].name, ifn) && dev->ifaces.v[i].zone) {
					l->zone_hint = dev->ifaces.v[i].zone;
					l->zone_hint_kinds = dev->ifaces.v[i].zone_kinds;
				}
		}
		for (size_t i = 0; i < dev->rules.n; i++) {
			struct fc_fw_rule *r = &dev->rules.v[i];
			const struct fc_zone *whole = NULL;
			map_set(&m, fw->arena, &r->src, &r->src_zone, &r->src_kinds, NULL);
			map_set(&m, fw->arena, &r->dst, &r->dst_zone, &r->dst_kinds, &whole);
			if (whole) {
				r->dst_whole_zone = whole->name;
				r->dst_whole_zone_ref = whole->ref;
			}
			/* "any" behind an interface is what lies behind that interface */
			const char *zn;
			unsigned k;
			if (r->src.any) {
				if (map_ifset(&m, fw->arena, dev, &r->in, &zn, &k)) {
					r->src_zone = zn;
					r->src_kinds = k;
				} else if (r->list < dev->lists.n && dev->lists.v[r->list].zone_hint) {
					r->src_zone = dev->lists.v[r->list].zone_hint;
					r->src_kinds = dev->lists.v[r->list].zone_hint_kinds;
				}
			}
			if (r->dst.any && map_ifset(&m, fw->arena, dev, &r->out, &zn, &k)) {
				r->dst_zone = zn;
				r->dst_kinds = k;
			}
		}
	}
	fc_free(m.u);
	fw->zones_mapped = true;
}
