/*
 * FortiGate configuration (`show full-configuration`, a backup .conf) into
 * the rule model (issue 3).
 *
 * The file is a tree of `config PATH` … `end` blocks holding `edit NAME` …
 * `next` entries with `set KEY VALUE…` lines; it is read as such (VDOMs
 * included: `config vdom` / `edit root`).  Interpreted: system global
 * (hostname), system interface (ip, role), system zone, firewall
 * address/address6 (ipmask, iprange, fqdn, geography, …), addrgrp/addrgrp6
 * (with exclude-member), service custom (tcp/udp/sctp-portrange dst[:src],
 * ICMP type, IP protocol number), service group, and firewall
 * policy/policy6 in file order (the order FortiOS evaluates): srcintf,
 * dstintf, srcaddr(6), dstaddr(6), service, action, status, logtraffic,
 * schedule, the *-negate options and comments.
 *
 * FortiOS defaults apply when a key is absent: action deny, status enable,
 * logtraffic utm (logs only sessions that a security profile acts on).
 * Predefined services (ALL, HTTP, HTTPS, SSH, …) that the file does not
 * define come from FortiOS's default table below.  An unclosed block is a
 * truncated file: error with the line of the block.
 */
#include <stdio.h>
#include <string.h>
#include "fw.h"
#include "../core/limits.h"
#include "../core/mem.h"
#include "../core/reader.h"
#include "../core/strutil.h"

#define MAX_TOK FC_FW_MAX_FGT_WORDS
#define MAX_DEPTH FC_FW_MAX_FGT_DEPTH

struct kv {
	const char *key;
	const char **v;
	int n;
	long line;
};

struct entry {
	const char *name; /* edit NAME */
	long line;
	FC_VEC(struct kv) kv;
	const char *section; /* the config path it belongs to */
	const char *vdom;
};

enum fkind { K_ADDR, K_ADDRGRP, K_SVC, K_SVCGRP };

struct fobj {
	const char *name, *vdom;
	enum fkind kind;
	struct entry *e; /* NULL for a predefined one */
	int state;
	bool unresolved, partial;
	const char *why;
	struct fc_fw_addrset addrs;
	struct fc_fw_svcset svcs;
};

struct frame {
	bool edit;
	const char *path;
	long line;
	struct entry *e; /* edit frame: its entry (NULL when not kept) */
};

struct fg {
	struct fc_fw_facts *fw;
	struct fc_fw_device *dev;
	struct fc_diag *d;
	struct fc_arena *a;
	const char *file;
	FC_VEC(struct entry *) entries;
	FC_VEC(struct fobj) objs;
	uint32_t *hslot; /* open addressing: index + 1 */
	size_t hcap;
	bool bad;
	enum fc_status hard;
	bool multi_vdom;
};

static void err(struct fg *g, long line, const char *fmt, const char *a1)
{
	fc_diag_error(g->d, g->file, line, 0, fmt, a1);
	g->bad = true;
	g->dev->errors++;
}

/* set/edit/config arguments: words and "quoted strings" with \" \\ escapes */
static int split(struct fg *g, struct fc_span l, const char **t, int max)
{
	const char *p = l.p, *end = l.p + l.n;
	int k = 0;
	char *tmp = fc_malloc(l.n + 1);
	if (!tmp)
		return -3;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end)
			break;
		size_t o = 0;
		if (*p == '"' || *p == '\'') {
			char q = *p++;
			while (p < end && *p != q) {
				if (*p == '\\' && p + 1 < end)
					p++;
				tmp[o++] = *p++;
			}
			if (p >= end) {
				fc_free(tmp);
				return -1;
			}
			p++;
		} else {
			while (p < end && *p != ' ' && *p != '\t')
				tmp[o++] = *p++;
		}
		if (k == max) {
			fc_free(tmp);
			return -2;
		}
		t[k] = fc_arena_strndup(g->a, tmp, o);
		if (!t[k]) {
			fc_free(tmp);
			return -3;
		}
		k++;
	}
	fc_free(tmp);
	return k;
}

static const struct kv *get(const struct entry *e, const char *key)
{
	for (size_t i = e->kv.n; i-- > 0;)
		if (!strcmp(e->kv.v[i].key, key))
			return e->kv.v[i].n >= 0 ? &e->kv.v[i] : NULL;
	return NULL;
}

static const char *get1(const struct entry *e, const char *key)
{
	const struct kv *k = get(e, key);
	return k && k->n > 0 ? k->v[0] : NULL;
}

static bool is_section(const char *path, const char *want)
{
	return path && !strcmp(path, want);
}

/* ---- objects ---- */

static int kclass(enum fkind k)
{
	return k == K_ADDR || k == K_ADDRGRP ? 0 : 1;
}

static uint32_t fhash(const char *vdom, int cls, const char *name)
{
	uint32_t h = 2166136261u ^ (uint32_t)cls;
	for (const char *s = vdom ? vdom : ""; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	h = (h ^ 1u) * 16777619u;
	for (const char *s = name; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static bool same_vdom(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Objects are per VDOM; names are unique per class (addresses vs services). */
static struct fobj *fobj_find(struct fg *g, const char *vdom, enum fkind k1, enum fkind k2, const char *name)
{
	(void)k2;
	if (!g->hcap)
		return NULL;
	int cls = kclass(k1);
	size_t i = fhash(vdom, cls, name) & (g->hcap - 1);
	while (g->hslot[i]) {
		struct fobj *o = &g->objs.v[g->hslot[i] - 1];
		if (kclass(o->kind) == cls && same_vdom(o->vdom, vdom) && !strcmp(o->name, name))
			return o;
		i = (i + 1) & (g->hcap - 1);
	}
	return NULL;
}

static bool fobj_index(struct fg *g)
{
	size_t cap = 256;
	while (cap < g->objs.n * 2 + 2)
		cap *= 2;
	g->hslot = fc_calloc(cap, sizeof(*g->hslot));
	if (!g->hslot)
		return false;
	g->hcap = cap;
	for (size_t k = 0; k < g->objs.n; k++) {
		const struct fobj *o = &g->objs.v[k];
		size_t i = fhash(o->vdom, kclass(o->kind), o->name) & (cap - 1);
		while (g->hslot[i])
			i = (i + 1) & (cap - 1);
		g->hslot[i] = (uint32_t)k + 1;
	}
	return true;
}

/* FortiOS's predefined services (firewall service custom defaults). */
static const struct {
	const char *name, *spec;
} predefined[] = {
	{"ALL", "any"},
	{"ALL_TCP", "tcp/1-65535"},
	{"ALL_UDP", "udp/1-65535"},
	{"ALL_ICMP", "icmp"},
	{"ALL_ICMP6", "icmp6"},
	{"GRE", "gre"},
	{"AH", "ah"},
	{"ESP", "esp"},
	{"HTTP", "tcp/80"},
	{"HTTPS", "tcp/443"},
	{"SSH", "tcp/22"},
	{"TELNET", "tcp/23"},
	{"FTP", "tcp/21"},
	{"SMTP", "tcp/25"},
	{"SMTPS", "tcp/465"},
	{"DNS", "tcp/53 udp/53"},
	{"NTP", "tcp/123 udp/123"},
	{"SNMP", "tcp/161-162 udp/161-162"},
	{"RDP", "tcp/3389"},
	{"SAMBA", "tcp/139"},
	{"SMB", "tcp/445"},
	{"MS-SQL", "tcp/1433-1434"},
	{"MYSQL", "tcp/3306"},
	{"ORACLE", "tcp/1521"},
	{"PING", "icmp/8"},
	{"TRACEROUTE", "udp/33434-33535"},
	{"IMAP", "tcp/143"},
	{"IMAPS", "tcp/993"},
	{"POP3", "tcp/110"},
	{"POP3S", "tcp/995"},
	{"LDAP", "tcp/389"},
	{"LDAP_UDP", "udp/389"},
	{"KERBEROS", "tcp/88 udp/88"},
	{"SYSLOG", "udp/514"},
	{"TFTP", "udp/69"},
	{"VNC", "tcp/5900"},
	{"NFS", "tcp/111 tcp/2049 udp/111 udp/2049"},
	{"DHCP", "udp/67-68"},
	{"BGP", "tcp/179"},
	{"RADIUS", "udp/1812-1813"},
	{"X-WINDOWS", "tcp/6000-6063"},
	{"SQUID", "tcp/3128"},
};

static bool predefined_svc(const char *name, struct fc_fw_sset_b *b)
{
	for (size_t i = 0; i < sizeof predefined / sizeof *predefined; i++)
		if (!strcmp(predefined[i].name, name)) {
			const char *s = predefined[i].spec;
			while (*s) {
				const char *sp = strchr(s, ' ');
				size_t n = sp ? (size_t)(sp - s) : strlen(s);
				fc_fw_svc_parse(s, n, b);
				s += n;
				while (*s == ' ')
					s++;
			}
			return true;
		}
	return false;
}

/* "80", "8000-8080", "443:1024-65535" (dst:src) */
static bool portrange(const char *s, int proto, struct fc_fw_sset_b *b)
{
	const char *colon = strchr(s, ':');
	size_t dn = colon ? (size_t)(colon - s) : strlen(s);
	struct fc_fw_svc v = fc_fw_svc_proto(proto);
	int lo, hi;
	const char *dash = memchr(s, '-', dn);
	if (dash) {
		lo = fc_fw_port_parse(s, (size_t)(dash - s), proto);
		hi = fc_fw_port_parse(dash + 1, dn - (size_t)(dash + 1 - s), proto);
	} else {
		lo = hi = fc_fw_port_parse(s, dn, proto);
	}
	if (lo < 0 || hi < 0 || lo > hi)
		return false;
	v.dp_lo = (uint16_t)lo;
	v.dp_hi = (uint16_t)hi;
	if (colon) {
		const char *q = colon + 1;
		const char *d2 = strchr(q, '-');
		if (d2) {
			lo = fc_fw_port_parse(q, (size_t)(d2 - q), proto);
			hi = fc_fw_port_parse(d2 + 1, strlen(d2 + 1), proto);
		} else {
			lo = hi = fc_fw_port_parse(q, strlen(q), proto);
		}
		if (lo < 0 || hi < 0 || lo > hi)
			return false;
		v.sp_lo = (uint16_t)lo;
		v.sp_hi = (uint16_t)hi;
	}
	fc_fw_sset_add(b, &v);
	return true;
}

static struct fobj *resolve(struct fg *g, struct fobj *o, int depth);

static void resolve_addr(struct fg *g, struct fobj *o, bool v6)
{
	struct entry *e = o->e;
	struct fc_fw_aset_b b = {0};
	const char *type = get1(e, "type");
	struct fc_iprange r;
	if (v6) {
		const char *ip6 = get1(e, "ip6");
		if (type && strcmp(type, "ipprefix") && strcmp(type, "iprange")) {
			o->unresolved = true;
			o->why = fc_arena_printf(g->a, "address6 type %s", type);
		} else if (type && !strcmp(type, "iprange")) {
			const char *s = get1(e, "start-ip"), *t = get1(e, "end-ip");
			struct fc_ip x, y;
			if (s && t && fc_ip_parse(s, strlen(s), &x) && fc_ip_parse(t, strlen(t), &y) &&
			    fc_ip_cmp(&x, &y) <= 0) {
				r.lo = x;
				r.hi = y;
				fc_fw_aset_add(&b, &r);
			} else {
				err(g, e->line, "address6 '%s': start-ip/end-ip missing or invalid", o->name);
			}
		} else if (!ip6) {
			fc_fw_aset_any(&b, 6);
		} else if (fc_iprange_parse(ip6, strlen(ip6), &r)) {
			fc_fw_aset_add(&b, &r);
		} else {
			err(g, e->line, "address6 '%s': ip6 is not an IPv6 prefix", o->name);
		}
	} else if (strstr(e->section, "vip")) {
		/* a virtual IP: policies match the mapped (internal) address */
		const struct kv *mip = get(e, "mappedip");
		for (int i = 0; mip && i < mip->n; i++) {
			if (fc_iprange_parse(mip->v[i], strlen(mip->v[i]), &r))
				fc_fw_aset_add(&b, &r);
			else
				err(g, mip->line, "virtual IP '%s': mappedip is not an address or range", o->name);
		}
		if (!mip) {
			o->unresolved = true;
			o->why = "virtual IP without mappedip";
		}
	} else if (!type || !strcmp(type, "ipmask") || !strcmp(type, "interface-subnet")) {
		const struct kv *sn = get(e, "subnet");
		if (!sn) {
			fc_fw_aset_any(&b, 4); /* FortiOS default subnet 0.0.0.0 0.0.0.0 */
		} else {
			bool ok = false;
			if (sn->n >= 2) {
				char tmp[100];
				int k = snprintf(tmp, sizeof tmp, "%s %s", sn->v[0], sn->v[1]);
				ok = k > 0 && (size_t)k < sizeof tmp && fc_iprange_parse(tmp, (size_t)k, &r);
			} else if (sn->n == 1) {
				ok = fc_iprange_parse(sn->v[0], strlen(sn->v[0]), &r);
			}
			if (ok)
				fc_fw_aset_add(&b, &r);
			else
				err(g, sn->line, "address '%s': subnet is not ADDR MASK or ADDR/LEN", o->name);
		}
	} else if (!strcmp(type, "iprange")) {
		const char *s = get1(e, "start-ip"), *t = get1(e, "end-ip");
		struct fc_ip x, y;
		if (s && t && fc_ip_parse(s, strlen(s), &x) && fc_ip_parse(t, strlen(t), &y) && fc_ip_cmp(&x, &y) <= 0) {
			r.lo = x;
			r.hi = y;
			fc_fw_aset_add(&b, &r);
		} else {
			err(g, e->line, "address '%s': start-ip/end-ip missing or invalid", o->name);
		}
	} else {
		/* fqdn, geography, wildcard, wildcard-fqdn, dynamic, mac: not
		 * known from the file */
		o->unresolved = true;
		o->why = fc_arena_printf(g->a, "address type %s", type);
	}
	if (!fc_fw_aset_finish(&b, g->a, &o->addrs))
		g->hard = FC_ENOMEM;
	fc_fw_aset_release(&b);
}

static void resolve_svc(struct fg *g, struct fobj *o)
{
	struct entry *e = o->e;
	struct fc_fw_sset_b b = {0};
	const char *proto = get1(e, "protocol");
	if (!proto)
		proto = "TCP/UDP/SCTP";
	if (!strcmp(proto, "TCP/UDP/SCTP") || !strcmp(proto, "TCP/UDP/UDP-Lite/SCTP")) {
		static const struct {
			const char *key;
			int proto;
		} pr[] = {{"tcp-portrange", 6}, {"udp-portrange", 17}, {"sctp-portrange", 132}, {"udplite-portrange", 136}};
		for (size_t k = 0; k < 4; k++) {
			const struct kv *v = get(e, pr[k].key);
			for (int i = 0; v && i < v->n; i++)
				if (!portrange(v->v[i], pr[k].proto, &b))
					err(g, v->line, "port range '%s' (expected LOW[-HIGH][:SRCLOW[-SRCHIGH]])", v->v[i]);
		}
		if (get(e, "iprange") || get(e, "fqdn")) {
			o->partial = true; /* destination restricted by the service */
			o->why = "service restricted to an address";
		}
	} else if (!strcmp(proto, "ICMP") || !strcmp(proto, "ICMP6")) {
		struct fc_fw_svc s = fc_fw_svc_proto(proto[4] ? 58 : 1);
		const char *ty = get1(e, "icmptype");
		int64_t v;
		if (ty && fc_parse_i64(ty, &v) && v >= 0 && v <= 255)
			s.dp_lo = s.dp_hi = (uint16_t)v;
		if (get1(e, "icmpcode")) {
			o->partial = true;
			o->why = "ICMP code";
		}
		fc_fw_sset_add(&b, &s);
	} else if (!strcmp(proto, "IP")) {
		const char *pn = get1(e, "protocol-number");
		int64_t v = 0;
		if (pn && (!fc_parse_i64(pn, &v) || v < 0 || v > 255))
			err(g, e->line, "service '%s': protocol-number out of range", o->name);
		struct fc_fw_svc s = v ? fc_fw_svc_proto((int)v) : fc_fw_svc_any();
		fc_fw_sset_add(&b, &s);
	} else {
		/* HTTP/CONNECT/ALL for explicit proxy: not a firewall service */
		o->unresolved = true;
		o->why = fc_arena_printf(g->a, "proxy service protocol %s", proto);
	}
	if (!fc_fw_sset_finish(&b, g->a, &o->svcs))
		g->hard = FC_ENOMEM;
	fc_fw_sset_release(&b);
}

static void member_addr(struct fg *g, struct fobj *o, const char *nm, struct fc_fw_aset_b *b, int depth, long line)
{
	struct fobj *c = fobj_find(g, o->vdom, K_ADDR, K_ADDRGRP, nm);
	if (!c) {
		if (!strcmp(nm, "all")) {
			fc_fw_aset_any(b, 0);
			return;
		}
		fc_diag_warn(g->d, g->file, line, 0, "address '%s' is not defined", nm);
		o->unresolved = true;
		o->why = "references an undefined address";
		return;
	}
	c = resolve(g, c, depth + 1);
	if (!c)
		return;
	if (c->unresolved) {
		o->unresolved = true;
		o->why = c->why;
	}
	for (size_t i = 0; i < c->addrs.n; i++)
		fc_fw_aset_add(b, &c->addrs.r[i]);
	if (c->addrs.any)
		b->any = true;
}

static struct fobj *resolve(struct fg *g, struct fobj *o, int depth)
{
	if (o->state == 2)
		return o;
	if (o->state == 1 || depth > FC_FW_MAX_GROUP_DEPTH) {
		fc_diag_error(g->d, g->file, o->e ? o->e->line : 0, 0,
			      "group '%s' contains itself or nests deeper than %d levels", o->name, FC_FW_MAX_GROUP_DEPTH);
		g->bad = true;
		g->dev->errors++;
		o->unresolved = true;
		o->why = "group loop";
		o->state = 2;
		return NULL;
	}
	o->state = 1;
	if (!o->e) {
		struct fc_fw_sset_b b = {0};
		predefined_svc(o->name, &b);
		if (!fc_fw_sset_finish(&b, g->a, &o->svcs))
			g->hard = FC_ENOMEM;
		fc_fw_sset_release(&b);
	} else if (o->kind == K_ADDR) {
		resolve_addr(g, o, strstr(o->e->section, "address6") != NULL && !strstr(o->e->section, "vip"));
	} else if (o->kind == K_SVC) {
		resolve_svc(g, o);
	} else if (o->kind == K_ADDRGRP) {
		struct fc_fw_aset_b b = {0}, ex = {0};
		const struct kv *m = get(o->e, "member");
		for (int i = 0; m && i < m->n; i++)
			member_addr(g, o, m->v[i], &b, depth, m->line);
		const char *exon = get1(o->e, "exclude");
		const struct kv *xm = get(o->e, "exclude-member");
		if (exon && !strcmp(exon, "enable") && xm && xm->n) {
			/* members minus excluded: b ∩ complement(ex) */
			for (int i = 0; i < xm->n; i++)
				member_addr(g, o, xm->v[i], &ex, depth, xm->line);
			fc_fw_aset_negate(&ex, 0);
			struct fc_fw_addrset A, E;
			if (fc_fw_aset_finish(&b, g->a, &A) && fc_fw_aset_finish(&ex, g->a, &E)) {
				struct fc_fw_aset_b r = {0};
				for (size_t i = 0; i < A.n; i++)
					for (size_t j = 0; j < E.n; j++) {
						struct fc_iprange x;
						x.lo = fc_ip_cmp(&A.r[i].lo, &E.r[j].lo) > 0 ? A.r[i].lo : E.r[j].lo;
						x.hi = fc_ip_cmp(&A.r[i].hi, &E.r[j].hi) < 0 ? A.r[i].hi : E.r[j].hi;
						if (fc_ip_cmp(&x.lo, &x.hi) <= 0)
							fc_fw_aset_add(&r, &x);
					}
				fc_fw_aset_release(&b);
				b = r;
				b.any = false;
			}
		}
		if (!fc_fw_aset_finish(&b, g->a, &o->addrs))
			g->hard = FC_ENOMEM;
		fc_fw_aset_release(&b);
		fc_fw_aset_release(&ex);
	} else {
		struct fc_fw_sset_b b = {0};
		const struct kv *m = get(o->e, "member");
		for (int i = 0; m && i < m->n; i++) {
			struct fobj *c = fobj_find(g, o->vdom, K_SVC, K_SVCGRP, m->v[i]);
			if (!c && predefined_svc(m->v[i], &b))
				continue;
			if (!c) {
				fc_diag_warn(g->d, g->file, m->line, 0, "service '%s' is not defined", m->v[i]);
				o->unresolved = true;
				o->why = "references an undefined service";
				continue;
			}
			c = resolve(g, c, depth + 1);
			if (!c)
				continue;
			if (c->unresolved) {
				o->unresolved = true;
				o->why = c->why;
			}
			if (c->partial)
				o->partial = true;
			for (size_t k = 0; k < c->svcs.n; k++)
				fc_fw_sset_add(&b, &c->svcs.v[k]);
		}
		if (!fc_fw_sset_finish(&b, g->a, &o->svcs))
			g->hard = FC_ENOMEM;
		fc_fw_sset_release(&b);
	}
	o->state = 2;
	return o;
}

/* ---- policies ---- */

static bool enabled(const struct entry *e, const char *key)
{
	const char *v = get1(e, key);
	return v && !strcmp(v, "enable");
}

static void ifset_of(struct fg *g, const struct kv *k, struct fc_fw_ifset *f)
{
	memset(f, 0, sizeof(*f));
	if (!k)
		return;
	for (int i = 0; i < k->n; i++)
		if (!strcmp(k->v[i], "any"))
			return;
	f->v = fc_arena_alloc(g->a, (size_t)k->n * sizeof(*f->v));
	if (!f->v) {
		g->hard = FC_ENOMEM;
		return;
	}
	for (int i = 0; i < k->n; i++)
		f->v[i] = k->v[i];
	f->n = (size_t)k->n;
}

static void policy(struct fg *g, struct entry *e, size_t list, long pos)
{
	struct fc_fw_rule *r = fc_fw_rule_add(g->dev);
	if (!r) {
		g->hard = g->dev->rules.n >= FC_FW_MAX_RULES ? FC_ELIMIT : FC_ENOMEM;
		return;
	}
	r->list = list;
	r->pos = pos;
	r->id = e->name;
	const char *act = get1(e, "action");
	r->target = act ? act : "deny";
	r->action = act && !strcmp(act, "accept") ? FC_FW_PERMIT
		    : act && !strcmp(act, "ipsec") ? FC_FW_PERMIT
						   : FC_FW_DENY;
	const char *status = get1(e, "status");
	r->enabled = !(status && !strcmp(status, "disable"));
	const char *lt = get1(e, "logtraffic");
	if (!lt)
		lt = "utm";
	if (!strcmp(lt, "all"))
		r->log = 1;
	else if (!strcmp(lt, "disable"))
		r->log = 0;
	else /* utm: only sessions a security profile acts on */
		r->log = enabled(e, "utm-status") || get1(e, "av-profile") || get1(e, "ips-sensor") ||
				 get1(e, "webfilter-profile") || get1(e, "application-list") ||
				 get1(e, "profile-group")
			 ? 1
			 : 0;
	const char *cm = get1(e, "comments");
	const char *nm = get1(e, "name");
	r->comment = cm ? cm : nm;
	r->ref.file = g->dev->file;
	r->ref.line = e->line;
	ifset_of(g, get(e, "srcintf"), &r->in);
	ifset_of(g, get(e, "dstintf"), &r->out);

	struct fc_fw_aset_b ab[2];
	memset(ab, 0, sizeof ab);
	const char *keys[2][2] = {{"srcaddr", "srcaddr6"}, {"dstaddr", "dstaddr6"}};
	const char *names[2][FC_FW_MAX_NAMES];
	size_t nn[2] = {0, 0};
	for (int side = 0; side < 2; side++) {
		bool seen = false;
		for (int k = 0; k < 2; k++) {
			const struct kv *v = get(e, keys[side][k]);
			for (int i = 0; v && i < v->n; i++) {
				seen = true;
				if (nn[side] < FC_FW_MAX_NAMES)
					names[side][nn[side]++] = v->v[i];
				struct fobj *o = fobj_find(g, e->vdom, K_ADDR, K_ADDRGRP, v->v[i]);
				if (!o && !strcmp(v->v[i], "all")) {
					fc_fw_aset_any(&ab[side], k ? 6 : 4);
					continue;
				}
				if (!o) {
					fc_diag_warn(g->d, g->file, v->line, 0,
						     "address '%s' is not defined: policy not analyzed", v->v[i]);
					r->unresolved = true;
					r->unresolved_why = "references an undefined address";
					continue;
				}
				o = resolve(g, o, 0);
				if (!o || o->unresolved || o->addrs.truncated) {
					r->unresolved = true;
					r->unresolved_why = !o ? "group loop" : o->unresolved ? o->why : "group too large";
					continue;
				}
				for (size_t q = 0; q < o->addrs.n; q++)
					fc_fw_aset_add(&ab[side], &o->addrs.r[q]);
				if (o->addrs.any)
					ab[side].any = true;
			}
		}
		if (!seen) {
			if (get1(e, side ? "internet-service" : "internet-service-src") &&
			    enabled(e, side ? "internet-service" : "internet-service-src")) {
				r->unresolved = true;
				r->unresolved_why = "Internet Service Database object";
			} else {
				fc_diag_error(g->d, g->file, e->line, 0, "policy %s has no %s (FortiOS requires one)",
					      e->name, keys[side][0]);
				g->bad = true;
				g->dev->errors++;
			}
		}
		if (enabled(e, side ? "dstaddr-negate" : "srcaddr-negate")) {
			fc_fw_aset_negate(&ab[side], 0);
			if (nn[side] < FC_FW_MAX_NAMES)
				names[side][nn[side]++] = "(negated)";
		}
	}
	struct fc_fw_sset_b sb = {0};
	const char *snames[FC_FW_MAX_NAMES];
	size_t sn = 0;
	const struct kv *sv = get(e, "service");
	for (int i = 0; sv && i < sv->n; i++) {
		if (sn < FC_FW_MAX_NAMES)
			snames[sn++] = sv->v[i];
		struct fobj *o = fobj_find(g, e->vdom, K_SVC, K_SVCGRP, sv->v[i]);
		if (!o) {
			struct fc_fw_sset_b pb = {0};
			if (predefined_svc(sv->v[i], &pb)) {
				for (size_t q = 0; q < pb.v.n; q++)
					fc_fw_sset_add(&sb, &pb.v.v[q]);
				fc_fw_sset_release(&pb);
				continue;
			}
			fc_fw_sset_release(&pb);
			fc_diag_warn(g->d, g->file, sv->line, 0, "service '%s' is not defined: policy not analyzed", sv->v[i]);
			r->unresolved = true;
			r->unresolved_why = "references an undefined service";
			continue;
		}
		o = resolve(g, o, 0);
		if (!o || o->unresolved) {
			r->unresolved = true;
			r->unresolved_why = o ? o->why : "group loop";
			continue;
		}
		if (o->partial && !r->partial) {
			r->partial = r->own_partial = true;
			r->partial_why = o->why;
		}
		for (size_t q = 0; q < o->svcs.n; q++)
			fc_fw_sset_add(&sb, &o->svcs.v[q]);
	}
	if (!sv && !r->unresolved) {
		if (get1(e, "internet-service") && enabled(e, "internet-service")) {
			r->unresolved = true;
			r->unresolved_why = "Internet Service Database object";
		} else {
			err(g, e->line, "policy %s has no service (FortiOS requires one)", e->name);
		}
	}
	if (enabled(e, "service-negate")) {
		/* complement of the services: not a box set we keep; analyze as partial any */
		fc_fw_sset_release(&sb);
		memset(&sb, 0, sizeof sb);
		struct fc_fw_svc a = fc_fw_svc_any();
		fc_fw_sset_add(&sb, &a);
		r->partial = r->own_partial = true;
		r->partial_why = "service-negate";
	}
	const char *sched = get1(e, "schedule");
	if (sched && strcmp(sched, "always") && !r->partial) {
		r->partial = r->own_partial = true;
		r->partial_why = fc_arena_printf(g->a, "schedule %s", sched);
	}
	if ((get(e, "groups") || get(e, "users") || get(e, "fsso-groups")) && !r->partial) {
		r->partial = r->own_partial = true;
		r->partial_why = "user or group condition";
	}
	if (!fc_fw_aset_finish(&ab[0], g->a, &r->src) || !fc_fw_aset_finish(&ab[1], g->a, &r->dst) ||
	    !fc_fw_sset_finish(&sb, g->a, &r->svc) || !fc_fw_names_set(g->a, &r->src_names, names[0], nn[0]) ||
	    !fc_fw_names_set(g->a, &r->dst_names, names[1], nn[1]) ||
	    !fc_fw_names_set(g->a, &r->svc_names, snames, sn))
		g->hard = FC_ENOMEM;
	fc_fw_aset_release(&ab[0]);
	fc_fw_aset_release(&ab[1]);
	fc_fw_sset_release(&sb);
	r->ref.excerpt = fc_arena_printf(g->a, "edit %s: %s%s%s srcintf %s dstintf %s srcaddr %s dstaddr %s service %s action %s%s",
					 e->name, nm ? "name \"" : "", nm ? nm : "", nm ? "\"" : "",
					 r->in.n ? r->in.v[0] : "any", r->out.n ? r->out.v[0] : "any",
					 nn[0] ? names[0][0] : "-", nn[1] ? names[1][0] : "-", sn ? snames[0] : "-",
					 r->target, r->enabled ? "" : " status disable");
	if (r->ref.excerpt)
		r->ref.excerpt = fc_fw_excerpt(g->a, r->ref.excerpt, strlen(r->ref.excerpt));
	fc_fw_rule_check_limits(r, g->d);
}

enum fc_status fc_fw_parse_fortigate(struct fc_fw_facts *fw, const char *text, size_t n,
				     const char *file, const char *device, struct fc_diag *d)
{
	struct fg g;
	memset(&g, 0, sizeof g);
	g.fw = fw;
	g.d = d;
	g.a = fw->arena;
	g.file = file;
	g.dev = fc_fw_device_add(fw, device, FC_FW_FORTIGATE, file);
	if (!g.dev)
		return FC_ENOMEM;
	if (fc_text_is_binary(text, n)) {
		err(&g, 1, "%s", "binary data, not a FortiGate configuration");
		return FC_EPARSE;
	}
	const char **t = fc_malloc(MAX_TOK * sizeof(*t));
	if (!t)
		return FC_ENOMEM;
	struct frame st[MAX_DEPTH];
	int depth = 0;
	const char *vdom = NULL;
	const char *p = text, *end = text + n;
	long line = 0;
	bool any_config = false;
	while (p < end && !g.hard) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		line++;
		struct fc_span l = fc_span_trim(fc_span_of(p, (size_t)(e - p)));
		p = e + 1;
		if (!l.n || l.p[0] == '#')
			continue;
		bool ctl = false;
		for (size_t k = 0; k < l.n && !ctl; k++)
			ctl = (unsigned char)l.p[k] < 0x20 && l.p[k] != '\t';
		if (ctl) {
			err(&g, line, "%s", "control characters in a configuration line (garbled file?)");
			continue;
		}
		int nt = split(&g, l, t, MAX_TOK);
		if (nt == -1) {
			err(&g, line, "%s", "unterminated quoted string (truncated line?)");
			continue;
		}
		if (nt == -2) {
			err(&g, line, "%s", "too many values in one line");
			continue;
		}
		if (nt < 0) {
			g.hard = FC_ENOMEM;
			break;
		}
		if (!nt)
			continue;
		const char *c0 = t[0];
		struct frame *top = depth ? &st[depth - 1] : NULL;
		if (!strcmp(c0, "config")) {
			if (nt < 2) {
				err(&g, line, "%s", "config needs a path");
				continue;
			}
			if (depth == MAX_DEPTH) {
				err(&g, line, "%s", "config blocks nest too deep");
				continue;
			}
			struct fc_span rest = fc_span_trim(fc_span_of(strstr(l.p, "config") + 6,
								      l.n - (size_t)(strstr(l.p, "config") + 6 - l.p)));
			st[depth].edit = false;
			st[depth].path = fc_arena_strndup(g.a, rest.p, rest.n);
			st[depth].line = line;
			st[depth].e = NULL;
			depth++;
			any_config = true;
			continue;
		}
		if (!strcmp(c0, "edit")) {
			if (!top || top->edit) {
				err(&g, line, "%s", "edit outside a config block");
				continue;
			}
			if (nt < 2) {
				err(&g, line, "%s", "edit needs a name");
				continue;
			}
			if (depth == MAX_DEPTH) {
				err(&g, line, "%s", "config blocks nest too deep");
				continue;
			}
			struct entry *en = NULL;
			bool top_level = depth == 1 || (depth == 3 && is_section(st[0].path, "vdom")) ||
					 (depth == 2 && is_section(st[0].path, "global"));
			if (is_section(top->path, "vdom") && depth == 1) {
				vdom = t[1];
			} else if (top_level) {
				en = fc_arena_alloc(g.a, sizeof(*en));
				struct entry **slot = fc_vec_push(&g.entries);
				if (!en || !slot) {
					g.hard = FC_ENOMEM;
					break;
				}
				*slot = en;
				en->name = t[1];
				en->line = line;
				en->section = top->path;
				en->vdom = is_section(st[0].path, "vdom") ? vdom : NULL;
			}
			st[depth].edit = true;
			st[depth].path = t[1];
			st[depth].line = line;
			st[depth].e = en;
			depth++;
			continue;
		}
		if (!strcmp(c0, "next")) {
			if (!top || !top->edit) {
				err(&g, line, "%s", "next without an open edit");
				continue;
			}
			depth--;
			continue;
		}
		if (!strcmp(c0, "end")) {
			if (top && top->edit) /* tolerate a missing next */
				depth--;
			if (!depth) {
				err(&g, line, "%s", "end without an open config block");
				continue;
			}
			if (is_section(st[depth - 1].path, "vdom"))
				vdom = NULL;
			depth--;
			continue;
		}
		if (!strcmp(c0, "set") || !strcmp(c0, "unset") || !strcmp(c0, "append") || !strcmp(c0, "select") ||
		    !strcmp(c0, "unselect")) {
			if (!top) {
				err(&g, line, "'%s' outside a config block", c0);
				continue;
			}
			if (nt < 2) {
				err(&g, line, "'%s' needs a key", c0);
				continue;
			}
			struct entry *en = top->edit ? top->e : NULL;
			if (!top->edit && depth == 1 && is_section(top->path, "system global") && !strcmp(t[1], "hostname") &&
			    nt >= 3)
				g.dev->hostname = t[2];
			if (!top->edit && depth == 2 && is_section(st[0].path, "global") &&
			    is_section(top->path, "system global") && !strcmp(t[1], "hostname") && nt >= 3)
				g.dev->hostname = t[2];
			if (!en)
				continue;
			if (!strcmp(c0, "append")) {
				for (size_t i = en->kv.n; i-- > 0;)
					if (!strcmp(en->kv.v[i].key, t[1]) && en->kv.v[i].n >= 0) {
						int nn = en->kv.v[i].n + nt - 2;
						const char **v = fc_arena_alloc(g.a, (size_t)(nn ? nn : 1) * sizeof(*v));
						if (!v) {
							g.hard = FC_ENOMEM;
							break;
						}
						memcpy(v, en->kv.v[i].v, (size_t)en->kv.v[i].n * sizeof(*v));
						memcpy(v + en->kv.v[i].n, t + 2, (size_t)(nt - 2) * sizeof(*v));
						en->kv.v[i].v = v;
						en->kv.v[i].n = nn;
						goto done;
					}
			}
			struct kv *kv = fc_vec_push(&en->kv);
			if (!kv) {
				g.hard = FC_ENOMEM;
				break;
			}
			kv->key = t[1];
			kv->line = line;
			if (!strcmp(c0, "unset")) {
				kv->n = -1;
			} else {
				kv->n = nt - 2;
				kv->v = fc_arena_alloc(g.a, (size_t)(nt > 2 ? nt - 2 : 1) * sizeof(*kv->v));
				if (!kv->v) {
					g.hard = FC_ENOMEM;
					break;
				}
				memcpy(kv->v, t + 2, (size_t)(nt - 2) * sizeof(*kv->v));
			}
		done:
			continue;
		}
		err(&g, line, "unexpected '%s' (expected config, edit, set, unset, next or end)", c0);
	}
	if (depth && !g.hard) {
		for (int i = depth; i-- > 0;)
			if (!st[i].edit) {
				fc_diag_error(d, file, st[i].line, 0,
					      "'config %s' is not closed by 'end': the file is truncated", st[i].path);
				g.dev->errors++;
				g.bad = true;
				break;
			}
	}
	if (!any_config && !g.hard) {
		err(&g, 1, "%s", "no config block: not a FortiGate configuration");
	}
	/* objects, interfaces */
	bool vdoms_seen = false;
	for (size_t i = 0; i < g.entries.n && !g.hard; i++) {
		struct entry *en = g.entries.v[i];
		if (en->vdom)
			vdoms_seen = true;
		const char *s = en->section;
		enum fkind k;
		if (is_section(s, "firewall address") || is_section(s, "firewall address6") || is_section(s, "firewall vip") ||
		    is_section(s, "firewall vip6"))
			k = K_ADDR;
		else if (is_section(s, "firewall addrgrp") || is_section(s, "firewall addrgrp6") ||
			 is_section(s, "firewall vipgrp") || is_section(s, "firewall vipgrp6"))
			k = K_ADDRGRP;
		else if (is_section(s, "firewall service custom"))
			k = K_SVC;
		else if (is_section(s, "firewall service group"))
			k = K_SVCGRP;
		else if (is_section(s, "system interface") || is_section(s, "system zone")) {
			struct fc_fw_iface *f = fc_vec_push(&g.dev->ifaces);
			if (!f) {
				g.hard = FC_ENOMEM;
				break;
			}
			f->name = en->name;
			f->security_level = -1;
			f->role = get1(en, "role");
			f->ref.file = g.dev->file;
			f->ref.line = en->line;
			f->ref.excerpt = fc_arena_printf(g.a, "edit \"%s\"", en->name);
			const struct kv *ip = get(en, "ip");
			if (ip && ip->n >= 2) {
				char tmp[100];
				int kk = snprintf(tmp, sizeof tmp, "%s %s", ip->v[0], ip->v[1]);
				if (kk > 0 && (size_t)kk < sizeof tmp && fc_iprange_parse(tmp, (size_t)kk, &f->net))
					f->has_net = !(f->net.lo.lo == 0xffff00000000ULL && f->net.hi.lo == 0xffffffffffffULL);
			} else if (ip && ip->n == 1 && fc_iprange_parse(ip->v[0], strlen(ip->v[0]), &f->net)) {
				f->has_net = true;
			}
			const char *stt = get1(en, "status");
			f->shutdown = stt && !strcmp(stt, "down");
			continue;
		} else
			continue;
		struct fobj *o = fc_vec_push(&g.objs);
		if (!o) {
			g.hard = FC_ENOMEM;
			break;
		}
		o->name = en->name;
		o->vdom = en->vdom;
		o->kind = k;
		o->e = en;
	}
	if (!g.hard && !fobj_index(&g))
		g.hard = FC_ENOMEM;
	/* policies in file order, one list per VDOM */
	FC_VEC(long) npos = {0};
	for (size_t i = 0; i < g.entries.n && !g.hard; i++) {
		struct entry *en = g.entries.v[i];
		if (!is_section(en->section, "firewall policy") && !is_section(en->section, "firewall policy6"))
			continue;
		const char *lname = vdoms_seen && en->vdom ? fc_arena_printf(g.a, "%s/policy", en->vdom) : "policy";
		size_t li = fc_fw_list_get(g.dev, fw, lname);
		if (li == (size_t)-1) {
			g.hard = FC_ENOMEM;
			break;
		}
		struct fc_fw_list *L = &g.dev->lists.v[li];
		if (!L->ref.line) {
			L->ref.file = g.dev->file;
			L->ref.line = en->line;
			L->ref.excerpt = "config firewall policy (implicit deny at the end)";
			L->applied = "all interfaces";
		}
		while (npos.n <= li)
			if (!fc_vec_push(&npos)) {
				g.hard = FC_ENOMEM;
				break;
			}
		if (g.hard)
			break;
		policy(&g, en, li, ++npos.v[li]);
	}
	fc_vec_release(&npos);
	for (size_t i = 0; i < g.entries.n; i++)
		fc_vec_release(&g.entries.v[i]->kv);
	fc_vec_release(&g.entries);
	fc_vec_release(&g.objs);
	fc_free(g.hslot);
	fc_free(t);
	if (g.hard)
		return g.hard;
	return g.bad ? FC_EPARSE : FC_OK;
}
