/*
 * iptables-save / ip6tables-save (and iptables-restore input) into the rule
 * model (issue 3).
 *
 * Tables and chains are read as iptables-restore reads them: `*table`,
 * `:CHAIN POLICY [pkts:bytes]`, `-A`/`-I` rules, `COMMIT`.  Only the filter
 * table decides what passes; its built-in chains INPUT, FORWARD and OUTPUT
 * become rule lists, and a jump into a user chain is inlined at the jump
 * (the child's matches intersected with the jump's), so that analysis sees
 * the order the kernel evaluates.  After a RETURN (or a -g goto) the rest of
 * that chain sees only what did not match it: those rules are kept but
 * marked partial.  RETURN in a built-in chain applies the chain policy.
 *
 * Matches modeled exactly: -s/-d (with !, lists, masks), -p (with !),
 * -i/-o (with !, '+' wildcards), --dport/--sport (tcp, udp, sctp, dccp),
 * multiport --dports/--sports, --icmp-type/--icmpv6-type, state/conntrack
 * states, iprange --src-range/--dst-range.  Any other match (limit, recent,
 * addrtype, tcp flags, owner, mac, …) makes the rule partial: its real match
 * is narrower than modeled, so it may be found shadowed but never covers.
 * An ipset (-m set) or a host name makes the addresses unknown (unresolved).
 */
#include <string.h>
#include "fw.h"
#include "../core/buf.h"
#include "../core/limits.h"
#include "../core/mem.h"
#include "../core/reader.h"
#include "../core/strutil.h"

#define MAX_TOKENS FC_FW_MAX_IPT_TOKENS
#define PS_MAX 256

struct tok {
	const char *s; /* NUL-terminated (arena) */
	bool quoted;
};

struct pset {
	uint16_t lo[PS_MAX], hi[PS_MAX];
	int n;
};

struct match {
	struct fc_fw_addrset src, dst;
	struct fc_fw_svcset svc;
	struct fc_fw_ifset in, out;
	unsigned states; /* 0 = any */
	bool partial, unresolved, empty;
	const char *partial_why, *unresolved_why;
};

struct raw {
	long line;
	const char *excerpt;
	struct match m;
	const char *target;
	bool is_goto;
	bool loop; /* the jump closes a loop of chains: not followed */
	const char *comment;
	struct fc_fw_names src_names, dst_names, svc_names;
};

struct chain {
	const char *name;
	long line;
	const char *policy; /* "ACCEPT", "DROP", "-" */
	bool builtin, declared;
	int color; /* loop search: 0 new, 1 on the path, 2 done */
	FC_VEC(struct raw) rules;
};

struct ctx {
	struct fc_fw_facts *fw;
	struct fc_fw_device *dev;
	struct fc_diag *d;
	const char *file;
	int family;
	struct fc_arena *a;
	/* the current table */
	const char *table;
	long table_line;
	FC_VEC(struct chain) chains;
	size_t raw_total, emitted;
	enum fc_status hard; /* ENOMEM / ELIMIT */
	bool bad;
};

static const char *const builtin_chains[] = {"INPUT", "FORWARD", "OUTPUT", "PREROUTING", "POSTROUTING", NULL};

static const char *const known_targets[] = {
	"ACCEPT", "DROP", "REJECT", "LOG", "NFLOG", "ULOG", "RETURN", "QUEUE", "NFQUEUE", "MARK",
	"CONNMARK", "CT", "NOTRACK", "TCPMSS", "DNAT", "SNAT", "MASQUERADE", "REDIRECT", "TPROXY",
	"CLASSIFY", "DSCP", "TOS", "TTL", "HL", "SET", "AUDIT", "CHECKSUM", "TEE", "TRACE",
	"IDLETIMER", "LED", "SECMARK", "CONNSECMARK", "SYNPROXY", "NETMAP", "CLUSTERIP", "HMARK",
	"RATEEST", "TCPOPTSTRIP", "ECN", "MIRROR", "DROP_LOG", NULL};

static bool in_list(const char *s, const char *const *l)
{
	for (size_t i = 0; l[i]; i++)
		if (!strcmp(s, l[i]))
			return true;
	return false;
}

static void err(struct ctx *c, long line, const char *fmt, const char *a1)
{
	fc_diag_error(c->d, c->file, line, 0, fmt, a1);
	c->bad = true;
	c->dev->errors++;
}

/* ---- tokens ---- */

/* Shell-like split as iptables-restore does: whitespace, "…" with \" and \\
 * escapes, '…'.  Returns the count, -1 on an unterminated quote. */
static int tokenize(struct ctx *c, const char *p, size_t n, struct tok *t, int max)
{
	const char *end = p + n;
	int k = 0;
	struct fc_buf b;
	fc_buf_init(&b, n + 16);
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p >= end)
			break;
		if (k == max) {
			fc_buf_release(&b);
			return -2;
		}
		fc_buf_reset(&b);
		fc_buf_add(&b, "", 0);
		bool quoted = false;
		while (p < end && *p != ' ' && *p != '\t' && *p != '\r') {
			if (*p == '"' || *p == '\'') {
				char q = *p++;
				quoted = true;
				while (p < end && *p != q) {
					if (*p == '\\' && q == '"' && p + 1 < end && (p[1] == '"' || p[1] == '\\'))
						p++;
					fc_buf_addc(&b, *p++);
				}
				if (p >= end) {
					fc_buf_release(&b);
					return -1;
				}
				p++;
			} else {
				fc_buf_addc(&b, *p++);
			}
		}
		if (fc_buf_err(&b)) {
			fc_buf_release(&b);
			return -3;
		}
		t[k].s = fc_arena_strdup(c->a, fc_buf_str(&b));
		t[k].quoted = quoted;
		if (!t[k].s) {
			fc_buf_release(&b);
			return -3;
		}
		k++;
	}
	fc_buf_release(&b);
	return k;
}

/* ---- port sets ---- */

static void ps_full(struct pset *s)
{
	s->n = 1;
	s->lo[0] = 0;
	s->hi[0] = 65535;
}

static bool ps_is_full(const struct pset *s)
{
	return s->n == 1 && s->lo[0] == 0 && s->hi[0] == 65535;
}

static void ps_sort(struct pset *s)
{
	for (int i = 1; i < s->n; i++)
		for (int j = i; j > 0 && s->lo[j - 1] > s->lo[j]; j--) {
			uint16_t a = s->lo[j], b = s->hi[j];
			s->lo[j] = s->lo[j - 1];
			s->hi[j] = s->hi[j - 1];
			s->lo[j - 1] = a;
			s->hi[j - 1] = b;
		}
	int k = 0;
	for (int i = 1; i < s->n; i++) {
		if ((uint32_t)s->lo[i] <= (uint32_t)s->hi[k] + 1) {
			if (s->hi[i] > s->hi[k])
				s->hi[k] = s->hi[i];
		} else {
			k++;
			s->lo[k] = s->lo[i];
			s->hi[k] = s->hi[i];
		}
	}
	if (s->n)
		s->n = k + 1;
}

static void ps_negate(struct pset *s)
{
	ps_sort(s);
	struct pset o = {{0}, {0}, 0};
	uint32_t cur = 0;
	for (int i = 0; i < s->n; i++) {
		if (s->lo[i] > cur) {
			o.lo[o.n] = (uint16_t)cur;
			o.hi[o.n++] = (uint16_t)(s->lo[i] - 1);
		}
		cur = (uint32_t)s->hi[i] + 1;
	}
	if (cur <= 65535) {
		o.lo[o.n] = (uint16_t)cur;
		o.hi[o.n++] = 65535;
	}
	*s = o;
}

static void ps_intersect(struct pset *a, const struct pset *b)
{
	struct pset o = {{0}, {0}, 0};
	for (int i = 0; i < a->n; i++)
		for (int j = 0; j < b->n && o.n < PS_MAX; j++) {
			uint16_t lo = a->lo[i] > b->lo[j] ? a->lo[i] : b->lo[j];
			uint16_t hi = a->hi[i] < b->hi[j] ? a->hi[i] : b->hi[j];
			if (lo <= hi) {
				o.lo[o.n] = lo;
				o.hi[o.n++] = hi;
			}
		}
	*a = o;
}

/* "22", "1024:65535", "http", "80,443,8000:8080" (multiport: up to 15 items) */
static bool ps_parse(const char *s, int proto, struct pset *out)
{
	out->n = 0;
	const char *p = s;
	for (;;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		const char *colon = memchr(p, ':', len);
		int lo, hi;
		if (colon) {
			size_t l1 = (size_t)(colon - p), l2 = len - l1 - 1;
			lo = l1 ? fc_fw_port_parse(p, l1, proto) : 0;
			hi = l2 ? fc_fw_port_parse(colon + 1, l2, proto) : 65535;
		} else {
			lo = hi = fc_fw_port_parse(p, len, proto);
		}
		if (lo < 0 || hi < 0 || out->n >= PS_MAX)
			return false;
		if (lo > hi) { /* iptables swaps an inverted range */
			int t = lo;
			lo = hi;
			hi = t;
		}
		out->lo[out->n] = (uint16_t)lo;
		out->hi[out->n++] = (uint16_t)hi;
		if (!c)
			break;
		p = c + 1;
	}
	return out->n > 0;
}

/* ---- one rule ---- */

struct rb {
	struct fc_fw_aset_b src, dst;
	bool src_set, dst_set;
	FC_VEC(const char *) src_names;
	FC_VEC(const char *) dst_names;
	int proto; /* -2 any */
	bool proto_neg;
	struct pset sp, dp;
	bool ports_seen;
	const char *ports_module;
	struct fc_fw_ifset in, out;
	unsigned states;
};

static void set_partial(struct match *m, const char *why)
{
	if (!m->partial) {
		m->partial = true;
		m->partial_why = why;
	}
}

static void set_unresolved(struct match *m, const char *why)
{
	if (!m->unresolved) {
		m->unresolved = true;
		m->unresolved_why = why;
	}
}

static bool parse_addrs(struct ctx *c, long line, const char *v, bool neg, struct fc_fw_aset_b *b,
			struct match *m, const char *opt)
{
	/* comma-separated list (iptables expands it into one rule per
	 * address; as a set that is the union) */
	struct fc_fw_aset_b tmp = {0};
	const char *p = v;
	bool ok = true;
	for (;;) {
		const char *cm = strchr(p, ',');
		size_t len = cm ? (size_t)(cm - p) : strlen(p);
		struct fc_iprange r;
		if (fc_iprange_parse(p, len, &r)) {
			fc_fw_aset_add(&tmp, &r);
		} else {
			/* a host name (iptables-restore resolves it at load time) or a
			 * non-contiguous mask: the set is not known here */
			bool name = false;
			for (size_t i = 0; i < len; i++)
				if ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z'))
					name = true;
			if (name || memchr(p, '/', len)) {
				fc_diag_warn(c->d, c->file, line, 0,
					     "%s '%.*s' is a host name or a non-contiguous mask: rule not analyzed",
					     opt, (int)(len > 80 ? 80 : len), p);
				set_unresolved(m, "address not known from the file");
				fc_iprange_any(&r, c->family == 4);
				fc_fw_aset_add(&tmp, &r);
			} else {
				ok = false;
			}
		}
		if (!cm)
			break;
		p = cm + 1;
	}
	if (!ok) {
		fc_fw_aset_release(&tmp);
		return false;
	}
	if (neg)
		fc_fw_aset_negate(&tmp, c->family);
	for (size_t i = 0; i < tmp.v.n; i++)
		fc_fw_aset_add(b, &tmp.v.v[i]);
	if (tmp.oom)
		b->oom = true;
	fc_fw_aset_release(&tmp);
	return true;
}

static unsigned parse_states(const char *s, bool *ok)
{
	unsigned st = 0;
	*ok = true;
	const char *p = s;
	for (;;) {
		const char *cm = strchr(p, ',');
		size_t len = cm ? (size_t)(cm - p) : strlen(p);
		struct fc_span sp = fc_span_of(p, len);
		if (fc_span_ieq(sp, "NEW"))
			st |= FC_FW_ST_NEW;
		else if (fc_span_ieq(sp, "ESTABLISHED"))
			st |= FC_FW_ST_ESTABLISHED;
		else if (fc_span_ieq(sp, "RELATED"))
			st |= FC_FW_ST_RELATED;
		else if (fc_span_ieq(sp, "INVALID"))
			st |= FC_FW_ST_INVALID;
		else if (fc_span_ieq(sp, "UNTRACKED"))
			st |= FC_FW_ST_UNTRACKED;
		else if (fc_span_ieq(sp, "SNAT") || fc_span_ieq(sp, "DNAT"))
			*ok = false; /* NAT status, not a state: not modeled */
		else
			*ok = false;
		if (!cm)
			break;
		p = cm + 1;
	}
	return st;
}

/* ICMPv6 names (ip6tables -p icmpv6 -h) differ from ICMP's. */
static int icmp6_type(const char *v, int *code)
{
	static const struct {
		const char *n;
		int t, c;
	} tab[] = {{"destination-unreachable", 1, -1}, {"no-route", 1, 0},
		   {"communication-prohibited", 1, 1}, {"address-unreachable", 1, 3},
		   {"port-unreachable", 1, 4},	       {"packet-too-big", 2, -1},
		   {"time-exceeded", 3, -1},	       {"ttl-exceeded", 3, -1},
		   {"parameter-problem", 4, -1},       {"echo-request", 128, -1},
		   {"ping", 128, -1},		       {"echo-reply", 129, -1},
		   {"pong", 129, -1},		       {"router-solicitation", 133, -1},
		   {"router-advertisement", 134, -1},  {"neighbour-solicitation", 135, -1},
		   {"neighbor-solicitation", 135, -1}, {"neighbour-advertisement", 136, -1},
		   {"neighbor-advertisement", 136, -1}, {"redirect", 137, -1}};
	*code = -1;
	for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
		if (!strcmp(v, tab[i].n)) {
			*code = tab[i].c;
			return tab[i].t;
		}
	return fc_fw_icmp_type_parse(v, strlen(v), code) >= 0 && v[0] >= '0' && v[0] <= '9'
		       ? fc_fw_icmp_type_parse(v, strlen(v), code)
		       : -1;
}

static bool is_opt(const struct tok *t)
{
	return !t->quoted && t->s[0] == '-' && t->s[1] != '\0' && !(t->s[1] >= '0' && t->s[1] <= '9');
}

/* Parse the tokens after "-A CHAIN" into r.  Returns false on a malformed
 * rule (reported). */
static bool parse_rule(struct ctx *c, long line, struct tok *t, int nt, struct raw *r)
{
	struct rb b;
	memset(&b, 0, sizeof b);
	b.proto = -2;
	ps_full(&b.sp);
	ps_full(&b.dp);
	struct match *m = &r->m;
	const char *module = NULL;
	bool ok = true;
	bool neg = false;
	const char *tcp_udp_proto_module = NULL;
	FC_VEC(const char *) svc_names = {0};
	bool icmp_set = false;
	struct pset icmp = {{0}, {0}, 0};

#define NEED(k)                                                                          \
	do {                                                                             \
		if (i + (k) >= nt) {                                                     \
			err(c, line, "option %s needs an argument (truncated rule?)", t[i].s); \
			ok = false;                                                      \
			goto out;                                                        \
		}                                                                        \
	} while (0)
/* the argument, accepting the old "--opt ! value" negation */
#define ARG(dst)                                                                         \
	do {                                                                             \
		NEED(1);                                                                 \
		if (!t[i + 1].quoted && !strcmp(t[i + 1].s, "!")) {                      \
			neg = !neg;                                                      \
			i++;                                                             \
			NEED(1);                                                         \
		}                                                                        \
		dst = t[++i].s;                                                          \
	} while (0)

	for (int i = 0; i < nt; i++) {
		const char *o = t[i].s;
		if (!t[i].quoted && !strcmp(o, "!")) {
			neg = !neg;
			continue;
		}
		if (t[i].quoted || o[0] != '-') {
			err(c, line, "unexpected '%s' (expected an option)", o);
			ok = false;
			goto out;
		}
		const char *v;
		if (!strcmp(o, "-s") || !strcmp(o, "--source") || !strcmp(o, "--src") || !strcmp(o, "-d") ||
		    !strcmp(o, "--destination") || !strcmp(o, "--dst")) {
			bool isdst = o[1] == 'd' || !strcmp(o, "--destination") || !strcmp(o, "--dst");
			ARG(v);
			struct fc_fw_aset_b *ab = isdst ? &b.dst : &b.src;
			bool *set = isdst ? &b.dst_set : &b.src_set;
			if (*set) { /* two -s: the intersection; rare, keep it simple */
				set_partial(m, "repeated address option");
			} else if (!parse_addrs(c, line, v, neg, ab, m, isdst ? "-d" : "-s")) {
				err(c, line, "cannot read address '%s'", v);
				ok = false;
				goto out;
			}
			*set = true;
			const char *nm = neg ? fc_arena_printf(c->a, "!%s", v) : v;
			const char **slot = isdst ? fc_vec_push(&b.dst_names) : fc_vec_push(&b.src_names);
			if (slot)
				*slot = nm;
		} else if (!strcmp(o, "-p") || !strcmp(o, "--protocol")) {
			ARG(v);
			int p = fc_fw_proto_parse(v, strlen(v));
			if (p == -1) {
				err(c, line, "unknown protocol '%s'", v);
				ok = false;
				goto out;
			}
			b.proto = p;
			b.proto_neg = neg;
		} else if (!strcmp(o, "-i") || !strcmp(o, "--in-interface") || !strcmp(o, "-o") ||
			   !strcmp(o, "--out-interface")) {
			ARG(v);
			struct fc_fw_ifset *f = (o[1] == 'i' || !strcmp(o, "--in-interface")) ? &b.in : &b.out;
			f->v = fc_arena_alloc(c->a, sizeof(*f->v));
			if (!f->v) {
				c->hard = FC_ENOMEM;
				ok = false;
				goto out;
			}
			f->v[0] = v;
			f->n = 1;
			f->neg = neg;
		} else if (!strcmp(o, "-j") || !strcmp(o, "--jump") || !strcmp(o, "-g") || !strcmp(o, "--goto")) {
			ARG(v);
			r->target = v;
			r->is_goto = o[1] == 'g' || !strcmp(o, "--goto");
		} else if (!strcmp(o, "-m") || !strcmp(o, "--match")) {
			ARG(v);
			module = v;
			static const char *const exact[] = {"tcp", "udp", "sctp", "dccp", "multiport", "icmp",
							    "icmp6", "icmpv6", "state", "conntrack", "comment",
							    "iprange", NULL};
			if (!strcmp(v, "set"))
				set_unresolved(m, "-m set (ipset membership)");
			else if (!in_list(v, exact))
				set_partial(m, fc_arena_printf(c->a, "-m %s", v));
			if (!strcmp(v, "tcp") || !strcmp(v, "udp") || !strcmp(v, "sctp") || !strcmp(v, "dccp"))
				tcp_udp_proto_module = v;
		} else if (!strcmp(o, "--dport") || !strcmp(o, "--destination-port") || !strcmp(o, "--sport") ||
			   !strcmp(o, "--source-port") || !strcmp(o, "--dports") ||
			   !strcmp(o, "--destination-ports") || !strcmp(o, "--sports") ||
			   !strcmp(o, "--source-ports")) {
			bool src = strstr(o, "sport") || strstr(o, "source");
			ARG(v);
			int pr = b.proto == 17 || (module && !strcmp(module, "udp")) ? 17 : 6;
			struct pset ps;
			if (!ps_parse(v, pr, &ps)) {
				err(c, line, "cannot read port '%s'", v);
				ok = false;
				goto out;
			}
			if (neg)
				ps_negate(&ps);
			ps_intersect(src ? &b.sp : &b.dp, &ps);
			b.ports_seen = true;
			b.ports_module = module;
			const char **slot = fc_vec_push(&svc_names);
			if (slot)
				*slot = fc_arena_printf(c->a, "%s%s %s", neg ? "! " : "", o, v);
		} else if (!strcmp(o, "--ports")) {
			ARG(v);
			set_partial(m, "multiport --ports (source or destination)");
		} else if (!strcmp(o, "--icmp-type") || !strcmp(o, "--icmpv6-type")) {
			bool v6 = !strcmp(o, "--icmpv6-type");
			ARG(v);
			int code;
			if (!strcmp(v, "any")) {
				ps_full(&icmp);
			} else {
				int ty = v6 ? icmp6_type(v, &code) : fc_fw_icmp_type_parse(v, strlen(v), &code);
				if (ty < 0) {
					/* ICMPv6 names differ; keep the rule, unmodeled */
					set_partial(m, "ICMP type not modeled");
					ps_full(&icmp);
				} else {
					icmp.n = 1;
					icmp.lo[0] = icmp.hi[0] = (uint16_t)ty;
					if (code >= 0)
						set_partial(m, "ICMP code");
				}
			}
			if (neg)
				ps_negate(&icmp);
			icmp_set = true;
			const char **slot = fc_vec_push(&svc_names);
			if (slot)
				*slot = fc_arena_printf(c->a, "%sicmp-type %s", neg ? "! " : "", v);
		} else if (!strcmp(o, "--state") || !strcmp(o, "--ctstate")) {
			ARG(v);
			bool sok;
			unsigned st = parse_states(v, &sok);
			if (!sok)
				set_partial(m, "conntrack status");
			if (neg)
				st = FC_FW_ST_ALL & ~st;
			b.states = b.states ? (b.states & st) : st;
			if (!b.states)
				m->empty = true;
		} else if (!strcmp(o, "--comment")) {
			ARG(v);
			r->comment = v;
		} else if (!strcmp(o, "--src-range") || !strcmp(o, "--dst-range")) {
			bool isdst = o[2] == 'd';
			ARG(v);
			struct fc_iprange rg;
			if (!fc_iprange_parse(v, strlen(v), &rg)) {
				err(c, line, "cannot read address range '%s'", v);
				ok = false;
				goto out;
			}
			struct fc_fw_aset_b *ab = isdst ? &b.dst : &b.src;
			if ((isdst ? b.dst_set : b.src_set))
				set_partial(m, "address and iprange together");
			struct fc_fw_aset_b tmp = {0};
			fc_fw_aset_add(&tmp, &rg);
			if (neg)
				fc_fw_aset_negate(&tmp, c->family);
			for (size_t k = 0; k < tmp.v.n; k++)
				fc_fw_aset_add(ab, &tmp.v.v[k]);
			fc_fw_aset_release(&tmp);
			if (isdst)
				b.dst_set = true;
			else
				b.src_set = true;
			const char **slot = isdst ? fc_vec_push(&b.dst_names) : fc_vec_push(&b.src_names);
			if (slot)
				*slot = neg ? fc_arena_printf(c->a, "!%s", v) : v;
		} else if (!strcmp(o, "--tcp-flags")) {
			NEED(2);
			i += 2;
			set_partial(m, "--tcp-flags");
		} else if (!strcmp(o, "--syn")) {
			set_partial(m, "--syn");
		} else if (!strcmp(o, "--match-set")) {
			NEED(2);
			i += 2;
			set_unresolved(m, "-m set (ipset membership)");
		} else if (!strcmp(o, "-c") || !strcmp(o, "--set-counters")) {
			NEED(2);
			i += 2;
		} else if (!strcmp(o, "-f") || !strcmp(o, "--fragment")) {
			set_partial(m, "fragments");
		} else if (!strcmp(o, "-4") || !strcmp(o, "-6") || !strcmp(o, "--ipv4") || !strcmp(o, "--ipv6")) {
			/* family selectors in shared restore files */
		} else {
			/* a match or target option we do not model: skip its
			 * arguments (tokens up to the next option) */
			bool target_opt = r->target != NULL;
			while (i + 1 < nt && !is_opt(&t[i + 1]) &&
			       !(!t[i + 1].quoted && !strcmp(t[i + 1].s, "!") && i + 2 < nt && is_opt(&t[i + 2])))
				i++;
			if (!target_opt)
				set_partial(m, module ? fc_arena_printf(c->a, "-m %s", module) : o);
		}
		neg = false;
	}
out:
	if (ok) {
		/* services: protocol × sport × dport (or ICMP type) */
		struct fc_fw_sset_b sb = {0};
		int proto = b.proto;
		if (proto == -2 && tcp_udp_proto_module && b.ports_seen)
			proto = fc_fw_proto_parse(tcp_udp_proto_module, strlen(tcp_udp_proto_module));
		if (tcp_udp_proto_module && proto > 0 && !b.proto_neg &&
		    fc_fw_proto_parse(tcp_udp_proto_module, strlen(tcp_udp_proto_module)) != proto)
			fc_diag_warn(c->d, c->file, line, 0,
				     "-m %s with -p %s: the kernel refuses this match for another protocol",
				     tcp_udp_proto_module, fc_fw_proto_name(proto) ? fc_fw_proto_name(proto) : "?");
		struct { uint16_t lo, hi; } pr[2];
		int npr = 0;
		if (proto == -2) {
			if (b.proto_neg) {
				m->empty = true; /* ! -p all matches nothing */
			} else {
				pr[0].lo = 0;
				pr[0].hi = 255;
				npr = 1;
			}
		} else if (b.proto_neg) {
			if (proto > 0) {
				pr[npr].lo = 0;
				pr[npr++].hi = (uint16_t)(proto - 1);
			}
			if (proto < 255) {
				pr[npr].lo = (uint16_t)(proto + 1);
				pr[npr++].hi = 255;
			}
		} else {
			pr[0].lo = pr[0].hi = (uint16_t)proto;
			npr = 1;
		}
		bool icmp_proto = !b.proto_neg && (proto == 1 || proto == 58);
		struct pset *dp = icmp_set && icmp_proto ? &icmp : &b.dp;
		if (icmp_set && !icmp_proto)
			set_partial(m, "ICMP type without -p icmp");
		if (b.ports_seen && (proto == -2 || b.proto_neg))
			set_partial(m, "ports without a single protocol");
		bool ports_apply = !(proto == -2 || b.proto_neg);
		for (int k = 0; k < npr; k++) {
			if (!ports_apply || (ps_is_full(&b.sp) && ps_is_full(dp))) {
				struct fc_fw_svc s = fc_fw_svc_any();
				s.proto_lo = pr[k].lo;
				s.proto_hi = pr[k].hi;
				fc_fw_sset_add(&sb, &s);
				continue;
			}
			for (int x = 0; x < b.sp.n; x++)
				for (int y = 0; y < dp->n; y++) {
					struct fc_fw_svc s = {pr[k].lo, pr[k].hi, b.sp.lo[x], b.sp.hi[x], dp->lo[y], dp->hi[y]};
					fc_fw_sset_add(&sb, &s);
				}
		}
		if ((ports_apply && (!b.sp.n || !dp->n)) || (!npr))
			m->empty = true;
		if (!b.src_set)
			fc_fw_aset_any(&b.src, c->family);
		if (!b.dst_set)
			fc_fw_aset_any(&b.dst, c->family);
		if (!fc_fw_aset_finish(&b.src, c->a, &m->src) || !fc_fw_aset_finish(&b.dst, c->a, &m->dst) ||
		    !fc_fw_sset_finish(&sb, c->a, &m->svc) ||
		    !fc_fw_names_set(c->a, &r->src_names, b.src_names.v, b.src_names.n) ||
		    !fc_fw_names_set(c->a, &r->dst_names, b.dst_names.v, b.dst_names.n) ||
		    !fc_fw_names_set(c->a, &r->svc_names, svc_names.v, svc_names.n)) {
			c->hard = FC_ENOMEM;
			ok = false;
		}
		if (!m->src.n || !m->dst.n)
			m->empty = true;
		m->in = b.in;
		m->out = b.out;
		m->states = b.states == FC_FW_ST_ALL ? 0 : b.states;
		fc_fw_sset_release(&sb);
	}
	fc_fw_aset_release(&b.src);
	fc_fw_aset_release(&b.dst);
	fc_vec_release(&b.src_names);
	fc_vec_release(&b.dst_names);
	fc_vec_release(&svc_names);
	return ok;
#undef NEED
#undef ARG
}

/* ---- chains ---- */

static struct chain *chain_find(struct ctx *c, const char *name)
{
	for (size_t i = 0; i < c->chains.n; i++)
		if (!strcmp(c->chains.v[i].name, name))
			return &c->chains.v[i];
	return NULL;
}

static struct chain *chain_add(struct ctx *c, const char *name, long line)
{
	struct chain *ch = chain_find(c, name);
	if (ch)
		return ch;
	ch = fc_vec_push(&c->chains);
	if (!ch) {
		c->hard = FC_ENOMEM;
		return NULL;
	}
	ch->name = fc_arena_strdup(c->a, name);
	ch->line = line;
	ch->builtin = in_list(name, builtin_chains);
	return ch;
}

static void chains_release(struct ctx *c)
{
	for (size_t i = 0; i < c->chains.n; i++)
		fc_vec_release(&c->chains.v[i].rules);
	fc_vec_release(&c->chains);
}

/* ---- inlining: match intersection ---- */

static bool aset_meet(struct fc_arena *a, const struct fc_fw_addrset *x, const struct fc_fw_addrset *y,
		      struct fc_fw_addrset *out)
{
	if (x->any && !y->any) {
		*out = *y;
		return true;
	}
	if (y->any) {
		*out = *x;
		return true;
	}
	/* both sorted and merged: sweep */
	size_t cap = x->n + y->n, k = 0;
	struct fc_iprange *v = cap ? fc_arena_alloc(a, cap * sizeof(*v)) : NULL;
	if (cap && !v)
		return false;
	size_t i = 0, j = 0;
	while (i < x->n && j < y->n) {
		struct fc_iprange r;
		r.lo = fc_ip_cmp(&x->r[i].lo, &y->r[j].lo) > 0 ? x->r[i].lo : y->r[j].lo;
		r.hi = fc_ip_cmp(&x->r[i].hi, &y->r[j].hi) < 0 ? x->r[i].hi : y->r[j].hi;
		if (fc_ip_cmp(&r.lo, &r.hi) <= 0 && k < cap)
			v[k++] = r;
		if (fc_ip_cmp(&x->r[i].hi, &y->r[j].hi) < 0)
			i++;
		else
			j++;
	}
	out->r = v;
	out->n = k;
	out->any = false;
	return true;
}

static bool sset_meet(struct fc_arena *a, const struct fc_fw_svcset *x, const struct fc_fw_svcset *y,
		      struct fc_fw_svcset *out)
{
	if (x->any) {
		*out = *y;
		return true;
	}
	if (y->any) {
		*out = *x;
		return true;
	}
	struct fc_fw_sset_b b = {0};
	for (size_t i = 0; i < x->n; i++)
		for (size_t j = 0; j < y->n; j++) {
			const struct fc_fw_svc *p = &x->v[i], *q = &y->v[j];
			struct fc_fw_svc s;
			s.proto_lo = p->proto_lo > q->proto_lo ? p->proto_lo : q->proto_lo;
			s.proto_hi = p->proto_hi < q->proto_hi ? p->proto_hi : q->proto_hi;
			s.sp_lo = p->sp_lo > q->sp_lo ? p->sp_lo : q->sp_lo;
			s.sp_hi = p->sp_hi < q->sp_hi ? p->sp_hi : q->sp_hi;
			s.dp_lo = p->dp_lo > q->dp_lo ? p->dp_lo : q->dp_lo;
			s.dp_hi = p->dp_hi < q->dp_hi ? p->dp_hi : q->dp_hi;
			fc_fw_sset_add(&b, &s); /* empty boxes are dropped */
		}
	bool ok = fc_fw_sset_finish(&b, a, out);
	fc_fw_sset_release(&b);
	return ok;
}

/* Interface sets of iptables rules hold one name each (-i X or ! -i X). */
static bool ifset_meet(struct fc_arena *a, const struct fc_fw_ifset *x, const struct fc_fw_ifset *y,
		       struct fc_fw_ifset *out, bool *empty)
{
	if (!x->n && !x->neg) {
		*out = *y;
		return true;
	}
	if (!y->n && !y->neg) {
		*out = *x;
		return true;
	}
	if (!x->neg && !y->neg) {
		/* the narrower name if they meet */
		for (size_t i = 0; i < x->n; i++)
			for (size_t j = 0; j < y->n; j++) {
				if (fc_fw_ifname_match(x->v[i], y->v[j])) {
					*out = *y;
					return true;
				}
				if (fc_fw_ifname_match(y->v[j], x->v[i])) {
					*out = *x;
					return true;
				}
			}
		*empty = true;
		return true;
	}
	if (x->neg && y->neg) {
		out->v = fc_arena_alloc(a, (x->n + y->n) * sizeof(*out->v));
		if (!out->v)
			return false;
		memcpy(out->v, x->v, x->n * sizeof(*out->v));
		memcpy(out->v + x->n, y->v, y->n * sizeof(*out->v));
		out->n = x->n + y->n;
		out->neg = true;
		return true;
	}
	const struct fc_fw_ifset *pos = x->neg ? y : x, *ng = x->neg ? x : y;
	for (size_t i = 0; i < pos->n; i++)
		for (size_t j = 0; j < ng->n; j++)
			if (fc_fw_ifname_match(ng->v[j], pos->v[i])) {
				*empty = true;
				return true;
			}
	*out = *pos;
	return true;
}

static bool meet(struct ctx *c, const struct match *x, const struct match *y, struct match *out)
{
	*out = *y;
	out->empty = x->empty || y->empty;
	out->partial = x->partial || y->partial;
	out->partial_why = y->partial ? y->partial_why : x->partial_why;
	out->unresolved = x->unresolved || y->unresolved;
	out->unresolved_why = y->unresolved ? y->unresolved_why : x->unresolved_why;
	unsigned xs = x->states ? x->states : FC_FW_ST_ALL, ys = y->states ? y->states : FC_FW_ST_ALL;
	unsigned st = xs & ys;
	if (!st)
		out->empty = true;
	out->states = st == FC_FW_ST_ALL ? 0 : st;
	if (!aset_meet(c->a, &x->src, &y->src, &out->src) || !aset_meet(c->a, &x->dst, &y->dst, &out->dst) ||
	    !sset_meet(c->a, &x->svc, &y->svc, &out->svc) ||
	    !ifset_meet(c->a, &x->in, &y->in, &out->in, &out->empty) ||
	    !ifset_meet(c->a, &x->out, &y->out, &out->out, &out->empty)) {
		c->hard = FC_ENOMEM;
		return false;
	}
	out->src.truncated = x->src.truncated || y->src.truncated;
	out->dst.truncated = x->dst.truncated || y->dst.truncated;
	out->svc.truncated = x->svc.truncated || y->svc.truncated;
	if (!out->src.n || !out->dst.n || !out->svc.n)
		out->empty = true;
	return true;
}

/* ---- emitting ---- */

static enum fc_fw_action target_action(const char *t)
{
	if (!t)
		return FC_FW_OTHER;
	if (!strcmp(t, "ACCEPT"))
		return FC_FW_PERMIT;
	if (!strcmp(t, "DROP") || !strcmp(t, "REJECT"))
		return FC_FW_DENY;
	if (!strcmp(t, "LOG") || !strcmp(t, "NFLOG") || !strcmp(t, "ULOG"))
		return FC_FW_LOG;
	if (!strcmp(t, "RETURN"))
		return FC_FW_RETURN;
	return FC_FW_OTHER;
}

static bool emit(struct ctx *c, size_t list, long *pos, const struct raw *raw, const struct match *m,
		 enum fc_fw_action act, long via)
{
	if (c->emitted > 8 * c->raw_total + 20000) {
		if (!c->hard) {
			fc_diag_error(c->d, c->file, raw->line, 0,
				      "inlining user chains yields more than %zu rules: chains are jumped to from too many places",
				      c->emitted);
			c->dev->errors++;
		}
		c->hard = FC_ELIMIT;
		return false;
	}
	struct fc_fw_rule *r = fc_fw_rule_add(c->dev);
	if (!r) {
		c->hard = c->dev->rules.n >= FC_FW_MAX_RULES ? FC_ELIMIT : FC_ENOMEM;
		if (c->hard == FC_ELIMIT) {
			fc_diag_error(c->d, c->file, raw->line, 0, "more than %u rules in one device",
				      FC_FW_MAX_RULES);
			c->dev->errors++;
		}
		return false;
	}
	c->emitted++;
	r->list = list;
	r->pos = ++*pos;
	r->action = act;
	r->target = raw->target ? raw->target : "(none)";
	r->src = m->src;
	r->dst = m->dst;
	r->svc = m->svc;
	r->in = m->in;
	r->out = m->out;
	r->states = m->states;
	r->partial = m->partial;
	r->partial_why = m->partial_why;
	r->own_partial = raw->m.partial;
	r->unresolved = m->unresolved;
	r->unresolved_why = m->unresolved_why;
	r->src_names = raw->src_names;
	r->dst_names = raw->dst_names;
	r->svc_names = raw->svc_names;
	r->comment = raw->comment;
	r->ref.file = c->dev->file;
	r->ref.line = raw->line;
	r->ref.excerpt = raw->excerpt;
	r->via_line = via;
	fc_fw_rule_check_limits(r, c->d);
	return true;
}

/* iptables-restore refuses a table whose chains jump in a loop (ELOOP):
 * report the jump that closes it and do not follow it. */
static void find_loops(struct ctx *c, struct chain *ch, int depth)
{
	ch->color = 1;
	for (size_t i = 0; i < ch->rules.n; i++) {
		struct raw *r = &ch->rules.v[i];
		struct chain *to = r->target ? chain_find(c, r->target) : NULL;
		if (!to || to->builtin)
			continue;
		if (to->color == 1 || depth >= FC_FW_MAX_CHAIN_DEPTH) {
			fc_diag_error(c->d, c->file, r->line, 0,
				      "jump to '%s' closes a loop of chains (or nests deeper than %d): iptables-restore refuses it",
				      r->target, FC_FW_MAX_CHAIN_DEPTH);
			c->dev->errors++;
			c->bad = true;
			r->loop = true;
		} else if (to->color == 0) {
			find_loops(c, to, depth + 1);
		}
	}
	ch->color = 2;
}

static bool inline_chain(struct ctx *c, struct chain *ch, const struct match *ctxm, int depth, size_t list,
			 long *pos, long via, const struct fc_fw_list *L)
{
	bool after_return = false;
	long return_line = 0;
	for (size_t i = 0; i < ch->rules.n; i++) {
		const struct raw *raw = &ch->rules.v[i];
		struct match m;
		if (depth == 0)
			m = raw->m;
		else if (!meet(c, ctxm, &raw->m, &m))
			return false;
		if (m.empty)
			continue; /* can never match on this path */
		if (after_return)
			set_partial(&m, fc_arena_printf(c->a, "after RETURN at line %ld", return_line));
		enum fc_fw_action act = target_action(raw->target);
		struct chain *child = raw->target && !raw->loop ? chain_find(c, raw->target) : NULL;
		if (child && !child->builtin) {
			if (depth + 1 > FC_FW_MAX_CHAIN_DEPTH) {
				fc_diag_error(c->d, c->file, raw->line, 0,
					      "user chains nest deeper than %d (a loop through '%s'?)",
					      FC_FW_MAX_CHAIN_DEPTH, raw->target);
				c->dev->errors++;
				c->bad = true;
				continue;
			}
			if (!emit(c, list, pos, raw, &m, FC_FW_JUMP, via))
				return false;
			if (!inline_chain(c, child, &m, depth + 1, list, pos, raw->line, L))
				return false;
			if (raw->is_goto) {
				after_return = true;
				return_line = raw->line;
			}
			continue;
		}
		if (act == FC_FW_RETURN && depth == 0) {
			/* RETURN in a built-in chain: the policy decides */
			act = L->policy;
		} else if (act == FC_FW_RETURN) {
			after_return = true;
			return_line = raw->line;
		}
		if (!emit(c, list, pos, raw, &m, act, via))
			return false;
	}
	return true;
}

/* Logging is decided by the analysis (fw_analyze.c: an earlier LOG rule of
 * the list that matches all the rule matches); until then a decision is
 * "not logged", not "unknown". */
static void mark_logging(struct fc_fw_device *dev, size_t first)
{
	for (size_t i = first; i < dev->rules.n; i++) {
		struct fc_fw_rule *r = &dev->rules.v[i];
		if (r->action == FC_FW_PERMIT || r->action == FC_FW_DENY)
			r->log = 0;
	}
}

/* COMMIT: turn the filter table's built-in chains into lists. */
static void commit_table(struct ctx *c, long line)
{
	if (!c->table || strcmp(c->table, "filter")) {
		chains_release(c);
		return;
	}
	size_t first = c->dev->rules.n;
	static const char *const order[] = {"INPUT", "FORWARD", "OUTPUT", NULL};
	for (size_t i = 0; i < c->chains.n; i++)
		if (c->chains.v[i].builtin || !c->chains.v[i].color)
			find_loops(c, &c->chains.v[i], 0);
	for (int k = 0; order[k] && !c->hard; k++) {
		struct chain *ch = chain_find(c, order[k]);
		if (!ch)
			continue;
		size_t li = fc_fw_list_get(c->dev, c->fw, ch->name);
		if (li == (size_t)-1) {
			c->hard = FC_ENOMEM;
			break;
		}
		struct fc_fw_list *L = &c->dev->lists.v[li];
		L->inbound = strcmp(ch->name, "OUTPUT") != 0;
		L->local = strcmp(ch->name, "INPUT") == 0;
		L->applied = ch->name;
		if (ch->policy && strcmp(ch->policy, "-")) {
			L->policy_explicit = true;
			L->policy = !strcmp(ch->policy, "ACCEPT") ? FC_FW_PERMIT : FC_FW_DENY;
		} else {
			L->policy = FC_FW_PERMIT; /* the kernel's default policy is ACCEPT */
		}
		L->ref.file = c->dev->file;
		L->ref.line = ch->line ? ch->line : c->table_line;
		L->ref.excerpt = ch->line ? fc_arena_printf(c->a, ":%s %s", ch->name, ch->policy ? ch->policy : "ACCEPT")
					  : fc_arena_printf(c->a, "*filter (%s not declared: policy ACCEPT)", ch->name);
		long pos = 0;
		struct match all;
		memset(&all, 0, sizeof all);
		if (!inline_chain(c, ch, &all, 0, li, &pos, 0, L))
			break;
	}
	/* user chains nobody jumps to: shown, never evaluated */
	for (size_t i = 0; i < c->chains.n && !c->hard; i++) {
		struct chain *ch = &c->chains.v[i];
		if (ch->builtin || !ch->rules.n)
			continue;
		bool used = false;
		for (size_t j = 0; j < c->chains.n && !used; j++)
			for (size_t k = 0; k < c->chains.v[j].rules.n && !used; k++) {
				const char *t = c->chains.v[j].rules.v[k].target;
				used = t && !strcmp(t, ch->name);
			}
		if (used)
			continue;
		size_t li = fc_fw_list_get(c->dev, c->fw, ch->name);
		if (li == (size_t)-1) {
			c->hard = FC_ENOMEM;
			break;
		}
		struct fc_fw_list *L = &c->dev->lists.v[li];
		L->filtering = false;
		L->inbound = false;
		L->applied = NULL;
		L->ref.file = c->dev->file;
		L->ref.line = ch->line;
		L->ref.excerpt = fc_arena_printf(c->a, ":%s - (no rule jumps here)", ch->name);
		long pos = 0;
		for (size_t k = 0; k < ch->rules.n; k++) {
			const struct raw *raw = &ch->rules.v[k];
			if (!emit(c, li, &pos, raw, &raw->m, target_action(raw->target), 0))
				break;
		}
	}
	(void)line;
	mark_logging(c->dev, first);
	chains_release(c);
}

static int detect_family(const char *file, const char *text, size_t n)
{
	size_t fl = strlen(file);
	if (fl >= 3 && !fc_strcasecmp(file + fl - 3, ".v6"))
		return 6;
	size_t lim = n < 4096 ? n : 4096;
	char head[4097];
	memcpy(head, text, lim);
	head[lim] = '\0';
	if (strstr(head, "ip6tables") || strstr(head, "icmpv6") || strstr(head, "ipv6-icmp"))
		return 6;
	/* the first address option decides */
	const char *p = text, *end = text + n;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		for (const char *q = p; q + 4 < e; q++)
			if (q[0] == ' ' && q[1] == '-' && (q[2] == 's' || q[2] == 'd') && q[3] == ' ') {
				const char *a = q + 4;
				while (a < e && *a != ' ') {
					if (*a == ':')
						return 6;
					if (*a == '.')
						return 4;
					a++;
				}
			}
		p = e + 1;
	}
	return 4;
}

enum fc_status fc_fw_parse_iptables(struct fc_fw_facts *fw, const char *text, size_t n,
				    const char *file, const char *device, struct fc_diag *d)
{
	struct ctx c;
	memset(&c, 0, sizeof c);
	c.fw = fw;
	c.d = d;
	c.file = file;
	c.a = fw->arena;
	c.dev = fc_fw_device_add(fw, device, FC_FW_IPTABLES, file);
	if (!c.dev)
		return FC_ENOMEM;
	c.family = detect_family(file, text, n);
	struct tok *t = fc_malloc(MAX_TOKENS * sizeof(*t));
	if (!t)
		return FC_ENOMEM;
	if (fc_text_is_binary(text, n)) {
		err(&c, 1, "%s", "binary data, not iptables-save output");
		fc_free(t);
		return FC_EPARSE;
	}
	const char *p = text, *end = text + n;
	long line = 0;
	bool any_table = false;
	while (p < end && !c.hard) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		line++;
		struct fc_span l = fc_span_trim(fc_span_of(p, (size_t)(e - p)));
		p = e + 1;
		if (!l.n || l.p[0] == '#')
			continue;
		if (l.p[0] == '*') {
			if (c.table) {
				fc_diag_error(d, file, c.table_line, 0,
					      "table *%s has no COMMIT before the next table (line %ld)", c.table, line);
				c.dev->errors++;
				c.bad = true;
				chains_release(&c);
			}
			c.table = fc_arena_strndup(c.a, l.p + 1, l.n - 1);
			c.table_line = line;
			any_table = true;
			continue;
		}
		if (fc_span_eq(l, "COMMIT")) {
			if (!c.table) {
				err(&c, line, "%s", "COMMIT outside a table");
				continue;
			}
			commit_table(&c, line);
			c.table = NULL;
			continue;
		}
		if (!c.table) {
			err(&c, line, "%s", "rule or chain before any *table line (not iptables-save output?)");
			continue;
		}
		const char *excerpt = fc_fw_excerpt(c.a, l.p, l.n);
		if (l.p[0] == ':') {
			/* :CHAIN POLICY [pkts:bytes] */
			int nt = tokenize(&c, l.p + 1, l.n - 1, t, MAX_TOKENS);
			if (nt < 2) {
				err(&c, line, "%s", "chain line needs a name and a policy (:NAME POLICY [0:0])");
				continue;
			}
			struct chain *ch = chain_add(&c, t[0].s, line);
			if (!ch)
				break;
			ch->policy = t[1].s;
			ch->declared = true;
			ch->line = line;
			if (strcmp(t[1].s, "-") && strcmp(t[1].s, "ACCEPT") && strcmp(t[1].s, "DROP"))
				err(&c, line, "policy '%s' (expected ACCEPT, DROP or -)", t[1].s);
			continue;
		}
		/* [pkts:bytes] prefix of iptables-save -c */
		if (l.p[0] == '[') {
			const char *rb = memchr(l.p, ']', l.n);
			if (!rb) {
				err(&c, line, "%s", "unterminated [packets:bytes] counter");
				continue;
			}
			l = fc_span_trim(fc_span_of(rb + 1, l.n - (size_t)(rb + 1 - l.p)));
		}
		int nt = tokenize(&c, l.p, l.n, t, MAX_TOKENS);
		if (nt == -1) {
			err(&c, line, "%s", "unterminated quote (truncated line?)");
			continue;
		}
		if (nt == -2) {
			err(&c, line, "more than %s tokens in one rule", "4096");
			continue;
		}
		if (nt < 0) {
			c.hard = FC_ENOMEM;
			break;
		}
		if (!nt)
			continue;
		const char *cmd = t[0].s;
		if (!strcmp(cmd, "-N") || !strcmp(cmd, "--new-chain")) {
			if (nt < 2)
				err(&c, line, "%s", "-N needs a chain name");
			else if (chain_add(&c, t[1].s, line))
				chain_find(&c, t[1].s)->declared = true;
			continue;
		}
		if (!strcmp(cmd, "-F") || !strcmp(cmd, "-X") || !strcmp(cmd, "-Z"))
			continue; /* flush/delete/zero before the rules: nothing to keep */
		if (!strcmp(cmd, "-P") || !strcmp(cmd, "--policy")) {
			if (nt < 3) {
				err(&c, line, "%s", "-P needs a chain and a policy");
				continue;
			}
			struct chain *ch = chain_add(&c, t[1].s, line);
			if (ch) {
				ch->policy = t[2].s;
				ch->declared = true;
			}
			continue;
		}
		bool ins = !strcmp(cmd, "-I") || !strcmp(cmd, "--insert");
		if (!ins && strcmp(cmd, "-A") && strcmp(cmd, "--append")) {
			err(&c, line, "unexpected '%s' (expected -A CHAIN …, :CHAIN POLICY, *table or COMMIT)", cmd);
			continue;
		}
		if (nt < 2) {
			err(&c, line, "%s needs a chain name", cmd);
			continue;
		}
		struct chain *ch = chain_find(&c, t[1].s);
		if (!ch) {
			if (!in_list(t[1].s, builtin_chains)) {
				err(&c, line, "chain '%s' was not declared (:NAME - [0:0]) in this table", t[1].s);
				continue;
			}
			ch = chain_add(&c, t[1].s, 0);
			if (!ch)
				break;
		}
		int first = 2;
		long at = -1;
		if (ins && nt > 2 && t[2].s[0] >= '0' && t[2].s[0] <= '9') {
			int64_t v;
			if (fc_parse_i64(t[2].s, &v) && v >= 1)
				at = (long)v - 1;
			first = 3;
		}
		struct raw r;
		memset(&r, 0, sizeof r);
		r.line = line;
		r.excerpt = excerpt;
		if (!parse_rule(&c, line, t + first, nt - first, &r))
			continue;
		if (r.target && !chain_find(&c, r.target) && !in_list(r.target, known_targets))
			fc_diag_warn(d, file, line, 0,
				     "target '%s' is neither a chain of this table nor a known target: treated as non-terminal",
				     r.target);
		struct raw *slot = fc_vec_push(&ch->rules);
		if (!slot) {
			c.hard = FC_ENOMEM;
			break;
		}
		if (ins) {
			size_t k = at < 0 || (size_t)at > ch->rules.n - 1 ? 0 : (size_t)at;
			memmove(&ch->rules.v[k + 1], &ch->rules.v[k], (ch->rules.n - 1 - k) * sizeof(r));
			ch->rules.v[k] = r;
		} else {
			*slot = r;
		}
		c.raw_total++;
	}
	if (c.table && !c.hard) {
		fc_diag_error(d, file, line ? line : 1, 0,
			      "table *%s (line %ld) has no COMMIT: the file is truncated (iptables-restore would load nothing)",
			      c.table, c.table_line);
		c.dev->errors++;
		c.bad = true;
		/* keep what was read so the rest can still be shown */
		commit_table(&c, line);
	}
	if (!any_table && !c.bad && !c.hard) {
		fc_diag_error(d, file, 1, 0, "%s", "no *table line: not iptables-save output");
		c.dev->errors++;
		c.bad = true;
	}
	chains_release(&c);
	fc_free(t);
	if (c.hard)
		return c.hard;
	return c.bad ? FC_EPARSE : FC_OK;
}
