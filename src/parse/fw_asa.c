/*
 * Cisco ASA running-config (`show running-config`) into the rule model
 * (issue 3).
 *
 * Read: hostname; `name` aliases; interfaces (nameif, security-level, ip
 * address, shutdown); `object network|service`; `object-group
 * network|service|protocol|icmp-type` with nesting (group-object);
 * `access-list NAME [line N] extended` entries with any/any4/any6, host,
 * address+mask, IPv6 prefixes, object, object-group, interface, named and
 * numbered protocols and ports, eq/lt/gt/neq/range, ICMP types, log,
 * time-range, inactive and remarks; `access-group` per interface and global;
 * `vpn-filter value`; `logging enable/trap` (connection logging).
 *
 * Two passes: the first collects every definition, the second resolves the
 * access lists, so definitions may appear in any order.  An entry that
 * names something undefined keeps its line in the table but is marked
 * unresolved (warning) and is not analyzed.  Identity and security-group
 * conditions (user, object-group-security, security-group) narrow a rule
 * without the model seeing them: such rules are partial.
 */
#include <string.h>
#include "fw.h"
#include "../core/limits.h"
#include "../core/mem.h"
#include "../core/reader.h"
#include "../core/strutil.h"

#define MAX_TOK FC_FW_MAX_ASA_WORDS

enum okind { O_NET_OBJ, O_NET_GRP, O_SVC_OBJ, O_SVC_GRP, O_PORT_GRP, O_PROTO_GRP, O_ICMP_GRP, O_OTHER_GRP };

struct member {
	long line;
	const char **t;
	int nt;
};

struct obj {
	const char *name;
	enum okind kind;
	long line;
	int port_proto; /* O_PORT_GRP: 6, 17, or -3 for tcp-udp */
	FC_VEC(struct member) m;
	int state; /* 0 new, 1 resolving, 2 done */
	bool unresolved;
	const char *why;
	struct fc_fw_addrset addrs; /* network */
	struct fc_fw_svcset svcs;   /* service / port / protocol / icmp (proto in proto, types in dp) */
};

struct namealias {
	const char *name;
	struct fc_ip ip;
};

struct acl_line {
	long line;
	const char *acl;
	const char **t;
	int nt;
	const char *remark;
	const char *excerpt;
};

struct hmap {
	uint32_t *slot; /* index + 1, 0 = empty */
	size_t cap;
};

struct asa {
	struct fc_fw_facts *fw;
	struct fc_fw_device *dev;
	struct fc_diag *d;
	struct fc_arena *a;
	const char *file;
	FC_VEC(struct obj) objs;
	struct hmap omap;
	FC_VEC(struct namealias) names;
	FC_VEC(struct acl_line) aces;
	bool bad;
	enum fc_status hard;
	bool log_enable;
	int trap_level;
	long trap_line;
	const char *trap_excerpt;
};

/* ---- small hash map: object name -> index ---- */

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static struct obj *obj_find(struct asa *z, const char *name)
{
	if (!z->omap.cap)
		return NULL;
	size_t i = hash(name) & (z->omap.cap - 1);
	while (z->omap.slot[i]) {
		struct obj *o = &z->objs.v[z->omap.slot[i] - 1];
		if (!strcmp(o->name, name))
			return o;
		i = (i + 1) & (z->omap.cap - 1);
	}
	return NULL;
}

static bool omap_insert(struct asa *z, size_t idx)
{
	if ((z->objs.n + 1) * 2 > z->omap.cap) {
		size_t nc = z->omap.cap ? z->omap.cap * 2 : 256;
		uint32_t *ns = fc_calloc(nc, sizeof(*ns));
		if (!ns)
			return false;
		for (size_t k = 0; k < z->omap.cap; k++)
			if (z->omap.slot[k]) {
				size_t i = hash(z->objs.v[z->omap.slot[k] - 1].name) & (nc - 1);
				while (ns[i])
					i = (i + 1) & (nc - 1);
				ns[i] = z->omap.slot[k];
			}
		fc_free(z->omap.slot);
		z->omap.slot = ns;
		z->omap.cap = nc;
	}
	size_t i = hash(z->objs.v[idx].name) & (z->omap.cap - 1);
	while (z->omap.slot[i])
		i = (i + 1) & (z->omap.cap - 1);
	z->omap.slot[i] = (uint32_t)idx + 1;
	return true;
}

static void err(struct asa *z, long line, const char *fmt, const char *a1)
{
	fc_diag_error(z->d, z->file, line, 0, fmt, a1);
	z->bad = true;
	z->dev->errors++;
}

/* ---- tokens ---- */

static int split(struct asa *z, struct fc_span l, const char **t, int max)
{
	int k = 0;
	const char *p = l.p, *end = l.p + l.n;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end)
			break;
		const char *s = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		if (k == max)
			return -2;
		t[k] = fc_arena_strndup(z->a, s, (size_t)(p - s));
		if (!t[k])
			return -3;
		k++;
	}
	return k;
}

static const char **tokdup(struct asa *z, const char **t, int nt)
{
	const char **v = fc_arena_alloc(z->a, (size_t)(nt ? nt : 1) * sizeof(*v));
	if (v)
		memcpy(v, t, (size_t)nt * sizeof(*v));
	return v;
}

/* ---- addresses ---- */

static bool ip_or_name(struct asa *z, const char *s, struct fc_ip *ip)
{
	if (fc_ip_parse(s, strlen(s), ip))
		return true;
	for (size_t i = 0; i < z->names.n; i++)
		if (!strcmp(z->names.v[i].name, s)) {
			*ip = z->names.v[i].ip;
			return true;
		}
	return false;
}

/* ASA masks are contiguous; the address is masked (1.2.3.4 255.255.255.0 is
 * 1.2.3.0/24). */
static bool addr_mask(struct asa *z, const char *a, const char *m, struct fc_iprange *r)
{
	struct fc_ip ip, mask;
	if (!ip_or_name(z, a, &ip) || !fc_ip_parse(m, strlen(m), &mask) || !fc_ip_is_v4(&ip))
		return false;
	int bits = fc_netmask_bits(&mask);
	if (bits < 0)
		return false;
	fc_iprange_prefix(&ip, bits, true, r);
	return true;
}

static struct obj *resolve(struct asa *z, struct obj *o, int depth);

/* One network-object / object network member line into b. */
static bool net_member(struct asa *z, struct obj *o, const struct member *mb, struct fc_fw_aset_b *b, int depth)
{
	const char **t = mb->t;
	int nt = mb->nt;
	int i = 0;
	if (nt && !strcmp(t[0], "network-object"))
		i = 1;
	if (i >= nt)
		return false;
	const char *k = t[i];
	struct fc_iprange r;
	if (!strcmp(k, "host") && i + 1 < nt) {
		struct fc_ip ip;
		if (!ip_or_name(z, t[i + 1], &ip))
			return false;
		r.lo = r.hi = ip;
		fc_fw_aset_add(b, &r);
		return true;
	}
	if (!strcmp(k, "subnet") && i + 1 < nt) {
		if (i + 2 < nt && addr_mask(z, t[i + 1], t[i + 2], &r)) {
			fc_fw_aset_add(b, &r);
			return true;
		}
		if (fc_iprange_parse(t[i + 1], strlen(t[i + 1]), &r)) { /* IPv6 prefix */
			fc_fw_aset_add(b, &r);
			return true;
		}
		return false;
	}
	if (!strcmp(k, "range") && i + 2 < nt) {
		struct fc_ip x, y;
		if (!ip_or_name(z, t[i + 1], &x) || !ip_or_name(z, t[i + 2], &y) || fc_ip_cmp(&x, &y) > 0)
			return false;
		r.lo = x;
		r.hi = y;
		fc_fw_aset_add(b, &r);
		return true;
	}
	if (!strcmp(k, "fqdn")) {
		o->unresolved = true;
		o->why = "FQDN object (resolved by the device at run time)";
		return true;
	}
	if ((!strcmp(k, "object") || !strcmp(k, "group-object")) && (i + 1 < nt || !strcmp(k, "group-object"))) {
		const char *nm = !strcmp(k, "group-object") ? (i + 1 < nt ? t[i + 1] : NULL) : t[i + 1];
		if (!nm)
			return false;
		struct obj *c = obj_find(z, nm);
		if (!c || (c->kind != O_NET_OBJ && c->kind != O_NET_GRP)) {
			fc_diag_warn(z->d, z->file, mb->line, 0, "network object '%s' is not defined", nm);
			o->unresolved = true;
			o->why = "references an undefined object";
			return true;
		}
		c = resolve(z, c, depth + 1);
		if (!c)
			return true;
		if (c->unresolved) {
			o->unresolved = true;
			o->why = c->why;
		}
		for (size_t q = 0; q < c->addrs.n; q++)
			fc_fw_aset_add(b, &c->addrs.r[q]);
		return true;
	}
	if (!strcmp(k, "description") || !strcmp(k, "nat"))
		return true;
	/* network-object A M | network-object v6/len */
	if (i + 1 < nt && addr_mask(z, t[i], t[i + 1], &r)) {
		fc_fw_aset_add(b, &r);
		return true;
	}
	if (fc_iprange_parse(k, strlen(k), &r) && memchr(k, '/', strlen(k))) {
		fc_fw_aset_add(b, &r);
		return true;
	}
	return false;
}

/* ---- services ---- */

/* eq/lt/gt/neq/range at t[*i]: port ranges into lo/hi (neq gives two). */
static int port_op(const char **t, int nt, int *i, int proto, uint16_t lo[2], uint16_t hi[2])
{
	if (*i >= nt)
		return 0;
	const char *op = t[*i];
	int pr = proto == -3 ? 6 : proto;
	if (!strcmp(op, "range")) {
		if (*i + 2 >= nt)
			return -1;
		int a = fc_fw_port_parse(t[*i + 1], strlen(t[*i + 1]), pr);
		int b = fc_fw_port_parse(t[*i + 2], strlen(t[*i + 2]), pr);
		if (a < 0 || b < 0 || a > b)
			return -1;
		lo[0] = (uint16_t)a;
		hi[0] = (uint16_t)b;
		*i += 3;
		return 1;
	}
	if (strcmp(op, "eq") && strcmp(op, "lt") && strcmp(op, "gt") && strcmp(op, "neq"))
		return 0;
	if (*i + 1 >= nt)
		return -1;
	int p = fc_fw_port_parse(t[*i + 1], strlen(t[*i + 1]), pr);
	if (p < 0)
		return -1;
	*i += 2;
	switch (op[0]) {
	case 'e':
		lo[0] = hi[0] = (uint16_t)p;
		return 1;
	case 'l':
		if (p == 0)
			return -1;
		lo[0] = 0;
		hi[0] = (uint16_t)(p - 1);
		return 1;
	case 'g':
		if (p == 65535)
			return -1;
		lo[0] = (uint16_t)(p + 1);
		hi[0] = 65535;
		return 1;
	default: { /* neq */
		int k = 0;
		if (p > 0) {
			lo[k] = 0;
			hi[k++] = (uint16_t)(p - 1);
		}
		if (p < 65535) {
			lo[k] = (uint16_t)(p + 1);
			hi[k++] = 65535;
		}
		return k;
	}
	}
}

static void add_proto_ports(struct fc_fw_sset_b *b, int proto, const uint16_t *slo, const uint16_t *shi, int ns,
			    const uint16_t *dlo, const uint16_t *dhi, int nd)
{
	int protos[2] = {proto, -1};
	if (proto == -3) {
		protos[0] = 6;
		protos[1] = 17;
	}
	for (int k = 0; k < 2 && protos[k] != -1; k++)
		for (int x = 0; x < ns; x++)
			for (int y = 0; y < nd; y++) {
				struct fc_fw_svc s = protos[k] == -2 ? fc_fw_svc_any() : fc_fw_svc_proto(protos[k]);
				s.sp_lo = slo[x];
				s.sp_hi = shi[x];
				s.dp_lo = dlo[y];
				s.dp_hi = dhi[y];
				fc_fw_sset_add(b, &s);
			}
}

/* "tcp [source OP P] [destination OP P]", "tcp eq 80" (old form: destination),
 * "icmp [type [code]]", "esp", "50", "tcp-udp destination eq domain" */
static bool service_spec(const char **t, int nt, int i, struct fc_fw_sset_b *b, bool *partial)
{
	if (i >= nt)
		return false;
	int proto;
	if (!strcmp(t[i], "tcp-udp"))
		proto = -3;
	else
		proto = fc_fw_proto_parse(t[i], strlen(t[i]));
	if (proto == -1)
		return false;
	i++;
	if (proto == 1 || proto == 58) {
		struct fc_fw_svc s = fc_fw_svc_proto(proto);
		if (i < nt) {
			int code;
			int ty = fc_fw_icmp_type_parse(t[i], strlen(t[i]), &code);
			if (ty < 0)
				return false;
			s.dp_lo = s.dp_hi = (uint16_t)ty;
			if (code >= 0 || i + 1 < nt)
				*partial = true; /* an ICMP code */
		}
		fc_fw_sset_add(b, &s);
		return true;
	}
	uint16_t slo[2] = {0}, shi[2] = {65535}, dlo[2] = {0}, dhi[2] = {65535};
	int ns = 1, nd = 1;
	while (i < nt) {
		if (!strcmp(t[i], "source") || !strcmp(t[i], "destination")) {
			bool src = t[i][0] == 's';
			i++;
			int k = port_op(t, nt, &i, proto, src ? slo : dlo, src ? shi : dhi);
			if (k <= 0)
				return false;
			if (src)
				ns = k;
			else
				nd = k;
			continue;
		}
		int k = port_op(t, nt, &i, proto, dlo, dhi);
		if (k <= 0)
			return false;
		nd = k;
	}
	add_proto_ports(b, proto, slo, shi, ns, dlo, dhi, nd);
	return true;
}

static bool svc_member(struct asa *z, struct obj *o, const struct member *mb, struct fc_fw_sset_b *b, int depth)
{
	const char **t = mb->t;
	int nt = mb->nt;
	if (!nt)
		return false;
	const char *k = t[0];
	bool partial = false;
	if (!strcmp(k, "description"))
		return true;
	if (!strcmp(k, "group-object") || (!strcmp(k, "service-object") && nt >= 3 && !strcmp(t[1], "object"))) {
		const char *nm = !strcmp(k, "group-object") ? (nt > 1 ? t[1] : NULL) : t[2];
		if (!nm)
			return false;
		struct obj *c = obj_find(z, nm);
		if (!c || c->kind == O_NET_OBJ || c->kind == O_NET_GRP || c->kind == O_OTHER_GRP) {
			fc_diag_warn(z->d, z->file, mb->line, 0, "service object '%s' is not defined", nm);
			o->unresolved = true;
			o->why = "references an undefined object";
			return true;
		}
		c = resolve(z, c, depth + 1);
		if (!c)
			return true;
		if (c->unresolved) {
			o->unresolved = true;
			o->why = c->why;
		}
		for (size_t q = 0; q < c->svcs.n; q++)
			fc_fw_sset_add(b, &c->svcs.v[q]);
		return true;
	}
	if (!strcmp(k, "service-object") || !strcmp(k, "service"))
		return service_spec(t, nt, 1, b, &partial);
	if (!strcmp(k, "port-object")) {
		int i = 1;
		uint16_t lo[2], hi[2];
		int n = port_op(t, nt, &i, o->port_proto, lo, hi);
		if (n <= 0 || i != nt)
			return false;
		uint16_t sl = 0, sh = 65535;
		add_proto_ports(b, o->port_proto, &sl, &sh, 1, lo, hi, n);
		return true;
	}
	if (!strcmp(k, "protocol-object") && nt == 2) {
		int p = fc_fw_proto_parse(t[1], strlen(t[1]));
		if (p == -1)
			return false;
		struct fc_fw_svc s = p == -2 ? fc_fw_svc_any() : fc_fw_svc_proto(p);
		fc_fw_sset_add(b, &s);
		return true;
	}
	if (!strcmp(k, "icmp-object") && nt == 2) {
		int code;
		int ty = fc_fw_icmp_type_parse(t[1], strlen(t[1]), &code);
		if (ty < 0)
			return false;
		struct fc_fw_svc s = fc_fw_svc_proto(1);
		s.dp_lo = s.dp_hi = (uint16_t)ty;
		fc_fw_sset_add(b, &s);
		return true;
	}
	return false;
}

/* Resolve an object (memoized); NULL if a cycle or depth cap (reported). */
static struct obj *resolve(struct asa *z, struct obj *o, int depth)
{
	if (o->state == 2)
		return o;
	if (o->state == 1 || depth > FC_FW_MAX_GROUP_DEPTH) {
		fc_diag_error(z->d, z->file, o->line, 0,
			      "object-group '%s' contains itself or nests deeper than %d levels", o->name,
			      FC_FW_MAX_GROUP_DEPTH);
		z->bad = true;
		z->dev->errors++;
		o->unresolved = true;
		o->why = "object-group loop";
		return NULL;
	}
	o->state = 1;
	struct fc_fw_aset_b ab = {0};
	struct fc_fw_sset_b sb = {0};
	for (size_t i = 0; i < o->m.n; i++) {
		const struct member *mb = &o->m.v[i];
		bool ok = (o->kind == O_NET_OBJ || o->kind == O_NET_GRP) ? net_member(z, o, mb, &ab, depth)
									  : svc_member(z, o, mb, &sb, depth);
		if (!ok) {
			fc_diag_error(z->d, z->file, mb->line, 0, "cannot read member of '%s': expected %s",
				      o->name,
				      o->kind == O_NET_OBJ || o->kind == O_NET_GRP
					      ? "host ADDR, subnet ADDR MASK, range A B, ADDR MASK, object NAME or group-object NAME"
					      : "a service (tcp destination eq 443), port-object, protocol-object, icmp-object or group-object");
			z->bad = true;
			z->dev->errors++;
		}
	}
	if (!fc_fw_aset_finish(&ab, z->a, &o->addrs) || !fc_fw_sset_finish(&sb, z->a, &o->svcs))
		z->hard = FC_ENOMEM;
	fc_fw_aset_release(&ab);
	fc_fw_sset_release(&sb);
	o->state = 2;
	return o;
}

/* ---- access-list entries ---- */

struct ace {
	struct fc_fw_aset_b src, dst;
	struct fc_fw_sset_b svc;
	const char *names[3][8];
	int nnames[3];
	bool partial, unresolved;
	const char *partial_why, *unresolved_why;
};

static void note(struct ace *e, int side, const char *s)
{
	if (e->nnames[side] < 8)
		e->names[side][e->nnames[side]++] = s;
}

static void ace_unresolved(struct ace *e, const char *why)
{
	if (!e->unresolved) {
		e->unresolved = true;
		e->unresolved_why = why;
	}
}

static void ace_partial(struct ace *e, const char *why)
{
	if (!e->partial) {
		e->partial = true;
		e->partial_why = why;
	}
}

/* identity / TrustSec conditions before an address */
static void skip_identity(struct asa *z, const char **t, int nt, int *i, struct ace *e)
{
	(void)z;
	for (;;) {
		if (*i >= nt)
			return;
		const char *k = t[*i];
		if ((!strcmp(k, "object-group-security") || !strcmp(k, "object-group-user") || !strcmp(k, "user") ||
		     !strcmp(k, "user-group")) &&
		    *i + 1 < nt) {
			*i += 2;
			ace_partial(e, "identity or security-group condition");
		} else if (!strcmp(k, "security-group") && *i + 2 < nt) {
			*i += 3;
			ace_partial(e, "identity or security-group condition");
		} else {
			return;
		}
	}
}

/* An address argument at t[*i]; false if malformed. */
static bool ace_addr(struct asa *z, const char **t, int nt, int *i, struct fc_fw_aset_b *b, struct ace *e, int side,
		     long line)
{
	if (*i >= nt)
		return false;
	const char *k = t[*i];
	struct fc_iprange r;
	if (!strcmp(k, "any") || !strcmp(k, "any4") || !strcmp(k, "any6")) {
		fc_fw_aset_any(b, k[3] == '4' ? 4 : k[3] == '6' ? 6 : 0);
		note(e, side, k);
		*i += 1;
		return true;
	}
	if (!strcmp(k, "host")) {
		struct fc_ip ip;
		if (*i + 1 >= nt || !ip_or_name(z, t[*i + 1], &ip))
			return false;
		r.lo = r.hi = ip;
		fc_fw_aset_add(b, &r);
		note(e, side, t[*i + 1]);
		*i += 2;
		return true;
	}
	if (!strcmp(k, "object") || !strcmp(k, "object-group")) {
		if (*i + 1 >= nt)
			return false;
		const char *nm = t[*i + 1];
		struct obj *o = obj_find(z, nm);
		*i += 2;
		note(e, side, nm);
		if (!o || (o->kind != O_NET_OBJ && o->kind != O_NET_GRP)) {
			fc_diag_warn(z->d, z->file, line, 0, "network object or group '%s' is not defined: entry not analyzed", nm);
			ace_unresolved(e, "references an undefined object");
			return true;
		}
		o = resolve(z, o, 0);
		if (!o || o->unresolved || o->addrs.truncated) {
			ace_unresolved(e, !o ? "object-group loop" : o->unresolved ? o->why : "object too large");
			return true;
		}
		for (size_t q = 0; q < o->addrs.n; q++)
			fc_fw_aset_add(b, &o->addrs.r[q]);
		return true;
	}
	if (!strcmp(k, "interface")) {
		/* the interface's own address: not kept by the model */
		if (*i + 1 >= nt)
			return false;
		note(e, side, fc_arena_printf(z->a, "interface %s", t[*i + 1]));
		*i += 2;
		ace_unresolved(e, "interface address");
		fc_iprange_any(&r, true);
		fc_fw_aset_add(b, &r);
		return true;
	}
	if (*i + 1 < nt && addr_mask(z, k, t[*i + 1], &r)) {
		fc_fw_aset_add(b, &r);
		note(e, side, fc_arena_printf(z->a, "%s %s", k, t[*i + 1]));
		*i += 2;
		return true;
	}
	if (memchr(k, '/', strlen(k)) && fc_iprange_parse(k, strlen(k), &r)) {
		fc_fw_aset_add(b, &r);
		note(e, side, k);
		*i += 1;
		return true;
	}
	return false;
}

/* After an address: a port operator or a port object-group, for proto. */
static int ace_ports(struct asa *z, const char **t, int nt, int *i, int proto, uint16_t *lo, uint16_t *hi, int max,
		     bool *bad)
{
	*bad = false;
	if (*i >= nt)
		return 0;
	if (!strcmp(t[*i], "object-group") && *i + 1 < nt) {
		struct obj *o = obj_find(z, t[*i + 1]);
		if (!o || o->kind != O_PORT_GRP)
			return 0; /* the next address, not ports */
		o = resolve(z, o, 0);
		*i += 2;
		int k = 0;
		for (size_t q = 0; o && q < o->svcs.n && k < max; q++) {
			/* a port group names ports; the protocol comes from the entry */
			bool dup = false;
			for (int x = 0; x < k; x++)
				dup |= lo[x] == o->svcs.v[q].dp_lo && hi[x] == o->svcs.v[q].dp_hi;
			if (!dup) {
				lo[k] = o->svcs.v[q].dp_lo;
				hi[k++] = o->svcs.v[q].dp_hi;
			}
		}
		return k;
	}
	uint16_t l2[2], h2[2];
	int k = port_op(t, nt, i, proto, l2, h2);
	if (k < 0) {
		*bad = true;
		return 0;
	}
	for (int x = 0; x < k; x++) {
		lo[x] = l2[x];
		hi[x] = h2[x];
	}
	return k;
}

#define MAXP 64

static void parse_ace(struct asa *z, const struct acl_line *al, size_t list, long pos)
{
	const char **t = al->t;
	int nt = al->nt;
	int i = 0;
	/* access-list NAME [line N] extended ACTION ... */
	i = 2;
	if (i + 1 < nt && !strcmp(t[i], "line"))
		i += 2;
	if (i >= nt || strcmp(t[i], "extended")) {
		err(z, al->line, "%s", "expected 'extended' after the access-list name");
		return;
	}
	i++;
	if (i >= nt || (strcmp(t[i], "permit") && strcmp(t[i], "deny"))) {
		err(z, al->line, "%s", "expected permit or deny");
		return;
	}
	bool permit = t[i][0] == 'p';
	const char *action = t[i];
	i++;
	struct ace e;
	memset(&e, 0, sizeof e);
	/* protocol: a name/number, object-group (protocol or service), object (service) */
	int protos[MAXP], np = 0;
	bool svc_given = false;
	if (i >= nt) {
		err(z, al->line, "%s", "missing protocol (truncated entry?)");
		return;
	}
	if (!strcmp(t[i], "object-group") || !strcmp(t[i], "object")) {
		if (i + 1 >= nt) {
			err(z, al->line, "%s", "missing object name after the protocol keyword");
			return;
		}
		const char *nm = t[i + 1];
		struct obj *o = obj_find(z, nm);
		note(&e, 2, nm);
		i += 2;
		if (!o || o->kind == O_NET_OBJ || o->kind == O_NET_GRP || o->kind == O_OTHER_GRP ||
		    o->kind == O_PORT_GRP) {
			fc_diag_warn(z->d, z->file, al->line, 0, "service or protocol object '%s' is not defined: entry not analyzed", nm);
			ace_unresolved(&e, "references an undefined object");
			struct fc_fw_svc a = fc_fw_svc_any();
			fc_fw_sset_add(&e.svc, &a);
			svc_given = true;
		} else {
			o = resolve(z, o, 0);
			if (!o || o->unresolved)
				ace_unresolved(&e, o ? o->why : "object-group loop");
			if (o && o->kind == O_PROTO_GRP) {
				for (size_t q = 0; q < o->svcs.n && np < MAXP; q++) {
					if (o->svcs.v[q].proto_lo == 0 && o->svcs.v[q].proto_hi == 255)
						protos[np++] = -2;
					else
						protos[np++] = o->svcs.v[q].proto_lo;
				}
			} else if (o) {
				for (size_t q = 0; q < o->svcs.n; q++)
					fc_fw_sset_add(&e.svc, &o->svcs.v[q]);
				svc_given = true;
			}
		}
	} else {
		int p = fc_fw_proto_parse(t[i], strlen(t[i]));
		if (p == -1) {
			err(z, al->line, "unknown protocol '%s'", t[i]);
			return;
		}
		protos[np++] = p;
		note(&e, 2, t[i]);
		i++;
	}
	skip_identity(z, t, nt, &i, &e);
	if (!ace_addr(z, t, nt, &i, &e.src, &e, 0, al->line)) {
		err(z, al->line, "cannot read the source at '%s' (expected any, host ADDR, ADDR MASK, object NAME or object-group NAME)",
		    i < nt ? t[i] : "end of line");
		goto out;
	}
	bool ported = false;
	for (int q = 0; q < np; q++)
		ported |= protos[q] == 6 || protos[q] == 17 || protos[q] == 132;
	uint16_t slo[MAXP] = {0}, shi[MAXP] = {65535}, dlo[MAXP] = {0}, dhi[MAXP] = {65535};
	int ns = 1, nd = 1;
	bool bad;
	if (ported && !svc_given) {
		int k = ace_ports(z, t, nt, &i, protos[0], slo, shi, MAXP, &bad);
		if (bad) {
			err(z, al->line, "%s", "cannot read the source port (expected eq|lt|gt|neq PORT or range A B)");
			goto out;
		}
		if (k)
			ns = k;
	}
	skip_identity(z, t, nt, &i, &e);
	if (!ace_addr(z, t, nt, &i, &e.dst, &e, 1, al->line)) {
		err(z, al->line, "cannot read the destination at '%s' (expected any, host ADDR, ADDR MASK, object NAME or object-group NAME)",
		    i < nt ? t[i] : "end of line");
		goto out;
	}
	bool icmp_type = false;
	if (ported && !svc_given) {
		int k = ace_ports(z, t, nt, &i, protos[0], dlo, dhi, MAXP, &bad);
		if (bad) {
			err(z, al->line, "%s", "cannot read the destination port (expected eq|lt|gt|neq PORT or range A B)");
			goto out;
		}
		if (k)
			nd = k;
	} else if (!svc_given && np == 1 && (protos[0] == 1 || protos[0] == 58) && i < nt) {
		/* ICMP type [code] or an icmp-type group */
		if (!strcmp(t[i], "object-group") && i + 1 < nt) {
			struct obj *o = obj_find(z, t[i + 1]);
			if (o && o->kind == O_ICMP_GRP && (o = resolve(z, o, 0))) {
				nd = 0;
				for (size_t q = 0; q < o->svcs.n && nd < MAXP; q++) {
					dlo[nd] = o->svcs.v[q].dp_lo;
					dhi[nd++] = o->svcs.v[q].dp_hi;
				}
				i += 2;
				icmp_type = true;
			}
		} else {
			int code;
			int ty = fc_fw_icmp_type_parse(t[i], strlen(t[i]), &code);
			if (ty >= 0) {
				dlo[0] = dhi[0] = (uint16_t)ty;
				i++;
				icmp_type = true;
				if (code >= 0)
					ace_partial(&e, "ICMP code");
				if (i < nt && t[i][0] >= '0' && t[i][0] <= '9') {
					i++;
					ace_partial(&e, "ICMP code");
				}
			}
		}
	}
	(void)icmp_type;
	/* options */
	int log = 0;
	bool inactive = false;
	while (i < nt) {
		const char *k = t[i];
		if (!strcmp(k, "log")) {
			i++;
			if (i < nt && !strcmp(t[i], "disable")) {
				log = 0;
				i++;
				continue;
			}
			log = 1;
			if (i < nt && !strcmp(t[i], "default"))
				i++;
			else if (i < nt && t[i][0] >= '0' && t[i][0] <= '9')
				i++;
			else if (i < nt && (!strcmp(t[i], "emergencies") || !strcmp(t[i], "alerts") ||
					    !strcmp(t[i], "critical") || !strcmp(t[i], "errors") ||
					    !strcmp(t[i], "warnings") || !strcmp(t[i], "notifications") ||
					    !strcmp(t[i], "informational") || !strcmp(t[i], "debugging")))
				i++;
			if (i + 1 < nt && !strcmp(t[i], "interval"))
				i += 2;
		} else if (!strcmp(k, "inactive")) {
			inactive = true;
			i++;
		} else if (!strcmp(k, "time-range") && i + 1 < nt) {
			ace_partial(&e, fc_arena_printf(z->a, "time-range %s", t[i + 1]));
			i += 2;
		} else {
			err(z, al->line, "unexpected '%s' after the destination (expected log, time-range or inactive)", k);
			goto out;
		}
	}
	/* the rule */
	if (!svc_given) {
		for (int q = 0; q < np; q++) {
			bool pp = protos[q] == 6 || protos[q] == 17 || protos[q] == 132;
			uint16_t fl = 0, fh = 65535;
			if (pp)
				add_proto_ports(&e.svc, protos[q], slo, shi, ns, dlo, dhi, nd);
			else if ((protos[q] == 1 || protos[q] == 58) && nd && (dlo[0] || dhi[0] != 65535))
				add_proto_ports(&e.svc, protos[q], &fl, &fh, 1, dlo, dhi, nd);
			else
				add_proto_ports(&e.svc, protos[q], &fl, &fh, 1, &fl, &fh, 1);
		}
	}
	struct fc_fw_rule *r = fc_fw_rule_add(z->dev);
	if (!r) {
		z->hard = FC_ENOMEM;
		goto out;
	}
	r->list = list;
	r->pos = pos;
	r->action = permit ? FC_FW_PERMIT : FC_FW_DENY;
	r->target = action;
	r->enabled = !inactive;
	r->log = log;
	r->partial = r->own_partial = e.partial;
	r->partial_why = e.partial_why;
	r->unresolved = e.unresolved;
	r->unresolved_why = e.unresolved_why;
	r->comment = al->remark;
	r->ref.file = z->dev->file;
	r->ref.line = al->line;
	r->ref.excerpt = al->excerpt;
	if (!fc_fw_aset_finish(&e.src, z->a, &r->src) || !fc_fw_aset_finish(&e.dst, z->a, &r->dst) ||
	    !fc_fw_sset_finish(&e.svc, z->a, &r->svc) ||
	    !fc_fw_names_set(z->a, &r->src_names, e.names[0], (size_t)e.nnames[0]) ||
	    !fc_fw_names_set(z->a, &r->dst_names, e.names[1], (size_t)e.nnames[1]) ||
	    !fc_fw_names_set(z->a, &r->svc_names, e.names[2], (size_t)e.nnames[2]))
		z->hard = FC_ENOMEM;
	fc_fw_rule_check_limits(r, z->d);
out:
	fc_fw_aset_release(&e.src);
	fc_fw_aset_release(&e.dst);
	fc_fw_sset_release(&e.svc);
}

/* ---- first pass ---- */

struct agroup {
	const char *acl, *iface, *dir;
	long line;
	const char *excerpt;
};

struct vfilter {
	const char *acl;
	long line;
};

static int level_num(const char *s)
{
	static const char *const lv[] = {"emergencies", "alerts", "critical", "errors", "warnings",
					 "notifications", "informational", "debugging"};
	for (int i = 0; i < 8; i++)
		if (!strcmp(s, lv[i]))
			return i;
	if (s[0] >= '0' && s[0] <= '7' && !s[1])
		return s[0] - '0';
	return -1;
}

enum fc_status fc_fw_parse_asa(struct fc_fw_facts *fw, const char *text, size_t n, const char *file,
			       const char *device, struct fc_diag *d)
{
	struct asa z;
	memset(&z, 0, sizeof z);
	z.fw = fw;
	z.d = d;
	z.a = fw->arena;
	z.file = file;
	z.trap_level = -1;
	z.dev = fc_fw_device_add(fw, device, FC_FW_ASA, file);
	if (!z.dev)
		return FC_ENOMEM;
	if (fc_text_is_binary(text, n)) {
		err(&z, 1, "%s", "binary data, not an ASA configuration");
		return FC_EPARSE;
	}
	const char **t = fc_malloc(MAX_TOK * sizeof(*t));
	if (!t)
		return FC_ENOMEM;
	FC_VEC(struct agroup) groups = {0};
	FC_VEC(struct vfilter) vpnf = {0};
	const char *p = text, *end = text + n;
	long line = 0, last_line = 0;
	struct obj *cur = NULL;	/* object being defined */
	struct fc_fw_iface *ifc = NULL; /* interface being defined */
	long ifc_idx = -1;
	const char *pending_remark = NULL;
	const char *remark_acl = NULL;
	bool saved_header = false, end_trailer = false, seen_any = false;
	while (p < end && !z.hard) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		line++;
		struct fc_span raw = fc_span_of(p, (size_t)(e - p));
		p = e + 1;
		if (raw.n && raw.p[raw.n - 1] == '\r')
			raw.n--;
		struct fc_span l = fc_span_trim(raw);
		if (!l.n)
			continue;
		last_line = line;
		for (size_t k = 0; k < l.n; k++)
			if ((unsigned char)l.p[k] < 0x20 && l.p[k] != '\t') {
				err(&z, line, "%s", "control characters in a configuration line (garbled file?)");
				goto next;
			}
		if (!seen_any) {
			seen_any = true;
			saved_header = fc_span_istarts(l, ": Saved");
		}
		if (fc_span_eq(l, ": end"))
			end_trailer = true;
		if (l.p[0] == '!' || l.p[0] == ':') {
			cur = NULL;
			ifc = NULL;
			continue;
		}
		bool indented = raw.p[0] == ' ' || raw.p[0] == '\t';
		int nt = split(&z, l, t, MAX_TOK);
		if (nt == -2) {
			err(&z, line, "%s", "too many words in one line");
			continue;
		}
		if (nt < 0) {
			z.hard = FC_ENOMEM;
			break;
		}
		if (indented) {
			if (cur) {
				struct member *mb = fc_vec_push(&cur->m);
				if (!mb) {
					z.hard = FC_ENOMEM;
					break;
				}
				mb->line = line;
				mb->t = tokdup(&z, t, nt);
				mb->nt = nt;
			} else if (ifc_idx >= 0) {
				ifc = &z.dev->ifaces.v[ifc_idx];
				if (nt == 2 && !strcmp(t[0], "nameif")) {
					ifc->name = t[1];
				} else if (nt == 2 && !strcmp(t[0], "security-level")) {
					int64_t v;
					if (fc_parse_i64(t[1], &v) && v >= 0 && v <= 100)
						ifc->security_level = (int)v;
					else
						err(&z, line, "security-level '%s' (expected 0..100)", t[1]);
				} else if (nt >= 3 && !strcmp(t[0], "ip") && !strcmp(t[1], "address") &&
					   (!strcmp(t[2], "dhcp") || !strcmp(t[2], "pppoe"))) {
					/* learned at run time */
				} else if (nt >= 4 && !strcmp(t[0], "ip") && !strcmp(t[1], "address")) {
					if (addr_mask(&z, t[2], t[3], &ifc->net))
						ifc->has_net = true;
					else
						err(&z, line, "interface address '%s' (expected ADDR MASK)", t[2]);
				} else if (nt >= 3 && !strcmp(t[0], "ipv6") && !strcmp(t[1], "address")) {
					if (fc_iprange_parse(t[2], strlen(t[2]), &ifc->net))
						ifc->has_net = true;
				} else if (nt == 1 && !strcmp(t[0], "shutdown")) {
					ifc->shutdown = true;
				} else if (nt == 1 && !strcmp(t[0], "management-only")) {
					ifc->mgmt_only = true;
				}
			}
			continue;
		}
		cur = NULL;
		ifc = NULL;
		ifc_idx = -1;
		const char *c0 = t[0];
		if (!strcmp(c0, "hostname") && nt >= 2) {
			z.dev->hostname = t[1];
		} else if (!strcmp(c0, "name") && nt >= 3) {
			struct namealias *na = fc_vec_push(&z.names);
			if (!na) {
				z.hard = FC_ENOMEM;
				break;
			}
			if (!fc_ip_parse(t[1], strlen(t[1]), &na->ip)) {
				z.names.n--;
				err(&z, line, "name '%s' (expected an address)", t[1]);
			} else {
				na->name = t[2];
			}
		} else if (!strcmp(c0, "interface") && nt >= 2) {
			struct fc_fw_iface *f = fc_vec_push(&z.dev->ifaces);
			if (!f) {
				z.hard = FC_ENOMEM;
				break;
			}
			f->hw = t[1];
			f->security_level = -1;
			f->ref.file = z.dev->file;
			f->ref.line = line;
			f->ref.excerpt = fc_fw_excerpt(z.a, l.p, l.n);
			ifc_idx = (long)z.dev->ifaces.n - 1;
		} else if ((!strcmp(c0, "object") || !strcmp(c0, "object-group")) && nt >= 3) {
			bool grp = c0[6] == '-';
			const char *ty = t[1], *nm = t[2];
			enum okind k;
			int pp = 0;
			if (!strcmp(ty, "network"))
				k = grp ? O_NET_GRP : O_NET_OBJ;
			else if (!strcmp(ty, "service")) {
				k = grp ? O_SVC_GRP : O_SVC_OBJ;
				if (grp && nt >= 4) {
					k = O_PORT_GRP;
					pp = !strcmp(t[3], "tcp-udp") ? -3 : fc_fw_proto_parse(t[3], strlen(t[3]));
					if (pp != 6 && pp != 17 && pp != -3) {
						err(&z, line, "service group type '%s' (expected tcp, udp or tcp-udp)", t[3]);
						pp = 6;
					}
				}
			} else if (!strcmp(ty, "protocol") && grp)
				k = O_PROTO_GRP;
			else if (!strcmp(ty, "icmp-type") && grp)
				k = O_ICMP_GRP;
			else
				k = O_OTHER_GRP; /* user, security, … */
			cur = obj_find(&z, nm);
			if (cur && cur->kind != k) {
				err(&z, line, "'%s' is defined again with another type", nm);
				cur = NULL;
				continue;
			}
			if (!cur) {
				struct obj *o = fc_vec_push(&z.objs);
				if (!o) {
					z.hard = FC_ENOMEM;
					break;
				}
				o->name = nm;
				o->kind = k;
				o->line = line;
				o->port_proto = pp;
				if (!omap_insert(&z, z.objs.n - 1)) {
					z.hard = FC_ENOMEM;
					break;
				}
				cur = o;
			}
		} else if (!strcmp(c0, "access-list") && nt >= 3) {
			if (!strcmp(t[2], "remark")) {
				const char *rs = strstr(l.p, "remark");
				struct fc_span rm = fc_span_trim(fc_span_of(rs + 6, l.n - (size_t)(rs + 6 - l.p)));
				pending_remark = fc_arena_strndup(z.a, rm.p, rm.n);
				remark_acl = t[1];
				continue;
			}
			int k = 2;
			if (k + 1 < nt && !strcmp(t[k], "line"))
				k += 2;
			if (k < nt && (!strcmp(t[k], "standard") || !strcmp(t[k], "webtype") ||
				       !strcmp(t[k], "ethertype")))
				continue; /* not traffic filters between zones */
			struct acl_line *al = fc_vec_push(&z.aces);
			if (!al) {
				z.hard = FC_ENOMEM;
				break;
			}
			al->line = line;
			al->acl = t[1];
			al->t = tokdup(&z, t, nt);
			al->nt = nt;
			al->excerpt = fc_fw_excerpt(z.a, l.p, l.n);
			if (pending_remark && remark_acl && !strcmp(remark_acl, t[1]))
				al->remark = pending_remark;
			pending_remark = NULL;
		} else if (!strcmp(c0, "access-group") && nt >= 3) {
			void *g = fc_vec_push(&groups);
			if (!g) {
				z.hard = FC_ENOMEM;
				break;
			}
			groups.v[groups.n - 1].acl = t[1];
			groups.v[groups.n - 1].line = line;
			groups.v[groups.n - 1].excerpt = fc_fw_excerpt(z.a, l.p, l.n);
			if (!strcmp(t[2], "global")) {
				groups.v[groups.n - 1].dir = "global";
				groups.v[groups.n - 1].iface = NULL;
			} else if (nt >= 5 && (!strcmp(t[2], "in") || !strcmp(t[2], "out")) && !strcmp(t[3], "interface")) {
				groups.v[groups.n - 1].dir = t[2];
				groups.v[groups.n - 1].iface = t[4];
			} else {
				groups.n--;
				err(&z, line, "%s", "access-group: expected ACL in|out interface NAME, or ACL global");
			}
		} else if (!strcmp(c0, "logging") && nt >= 2) {
			if (!strcmp(t[1], "enable")) {
				z.log_enable = true;
			} else if (!strcmp(t[1], "trap") && nt >= 3) {
				z.trap_level = level_num(t[2]);
				z.trap_line = line;
				z.trap_excerpt = fc_fw_excerpt(z.a, l.p, l.n);
			}
		}
	next:;
	}
	/* vpn-filter (under group-policy attributes, indented) filters VPN users */
	{
		const char *q = text;
		long ln = 0;
		while (q < end) {
			const char *e = memchr(q, '\n', (size_t)(end - q));
			if (!e)
				e = end;
			ln++;
			struct fc_span l = fc_span_trim(fc_span_of(q, (size_t)(e - q)));
			q = e + 1;
			if (fc_span_istarts(l, "vpn-filter value ")) {
				struct fc_span v = fc_span_trim(fc_span_of(l.p + 17, l.n - 17));
				void *slot = fc_vec_push(&vpnf);
				if (slot) {
					vpnf.v[vpnf.n - 1].acl = fc_arena_strndup(z.a, v.p, v.n);
					vpnf.v[vpnf.n - 1].line = ln;
				}
			}
		}
	}
	if (saved_header && !end_trailer && !z.hard) {
		fc_diag_error(d, file, last_line ? last_line : 1, 0, "%s",
			      "the configuration starts with ': Saved' but has no ': end' line: truncated?");
		z.dev->errors++;
		z.bad = true;
	}
	/* second pass: access lists in file order */
	FC_VEC(long) npos = {0};
	for (size_t i = 0; i < z.aces.n && !z.hard; i++) {
		const struct acl_line *al = &z.aces.v[i];
		size_t li = fc_fw_list_get(z.dev, fw, al->acl);
		if (li == (size_t)-1) {
			z.hard = FC_ENOMEM;
			break;
		}
		struct fc_fw_list *L = &z.dev->lists.v[li];
		if (!L->ref.line) {
			L->ref.file = z.dev->file;
			L->ref.line = al->line;
			L->ref.excerpt = al->excerpt;
			L->filtering = false; /* until an access-group applies it */
		}
		while (npos.n <= li)
			if (!fc_vec_push(&npos)) {
				z.hard = FC_ENOMEM;
				break;
			}
		if (z.hard)
			break;
		size_t before = z.dev->rules.n;
		parse_ace(&z, al, li, npos.v[li] + 1);
		if (z.dev->rules.n > before)
			npos.v[li]++;
	}
	fc_vec_release(&npos);
	for (size_t i = 0; i < groups.n; i++) {
		size_t li = (size_t)-1;
		for (size_t k = 0; k < z.dev->lists.n; k++)
			if (!strcmp(z.dev->lists.v[k].name, groups.v[i].acl))
				li = k;
		if (li == (size_t)-1) {
			fc_diag_warn(d, file, groups.v[i].line, 0, "access-group applies '%s', which has no entries",
				     groups.v[i].acl);
			continue;
		}
		struct fc_fw_list *L = &z.dev->lists.v[li];
		L->filtering = true;
		L->inbound = strcmp(groups.v[i].dir, "out") != 0;
		L->applied = groups.v[i].iface ? fc_arena_printf(z.a, "%s interface %s", groups.v[i].dir, groups.v[i].iface)
					       : "global";
	}
	for (size_t i = 0; i < vpnf.n; i++)
		for (size_t k = 0; k < z.dev->lists.n; k++)
			if (!strcmp(z.dev->lists.v[k].name, vpnf.v[i].acl) && !z.dev->lists.v[k].applied) {
				z.dev->lists.v[k].filtering = true;
				z.dev->lists.v[k].applied = "vpn-filter";
			}
	/* %ASA-6-302013/302014: with logging on at informational, every
	 * permitted connection is logged whether or not the entry says log */
	if (z.log_enable && z.trap_level >= 6) {
		z.dev->conn_log = true;
		z.dev->conn_log_ref.file = z.dev->file;
		z.dev->conn_log_ref.line = z.trap_line;
		z.dev->conn_log_ref.excerpt = z.trap_excerpt;
		for (size_t i = 0; i < z.dev->rules.n; i++)
			if (z.dev->rules.v[i].action == FC_FW_PERMIT)
				z.dev->rules.v[i].log = 1;
	}
	for (size_t i = 0; i < z.objs.n; i++)
		fc_vec_release(&z.objs.v[i].m);
	fc_vec_release(&z.objs);
	fc_free(z.omap.slot);
	fc_vec_release(&z.names);
	fc_vec_release(&z.aces);
	fc_vec_release(&groups);
	fc_vec_release(&vpnf);
	fc_free(t);
	if (z.hard)
		return z.hard;
	return z.bad ? FC_EPARSE : FC_OK;
}
