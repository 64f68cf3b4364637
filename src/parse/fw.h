/*
 * The normalized firewall rule model (issue 3).  Four parsers (iptables-save,
 * Cisco ASA running-config, FortiGate configuration, the spec's CSV rule
 * table) turn device configurations into the same facts: devices, ordered
 * rule lists, and rules whose match is a set over
 *
 *     in-interface × out-interface × connection state ×
 *     source addresses × destination addresses × (protocol × sport × dport)
 *
 * so that shadowing, redundancy and breadth are decided with set semantics
 * over address and port ranges (src/parse/fw_analyze.h), never by comparing
 * strings.  A parser never judges: checks (src/check/fw.c) do.
 *
 * Ownership: the facts live in an arena the caller owns (the bundle's, or
 * the CLI's); the growable arrays (devices, rules, lists, interfaces) are
 * heap vectors freed by fc_fw_facts_release().  A rule pointer is valid
 * until the next rule is added to the same device.
 */
#ifndef FC_PARSE_FW_H
#define FC_PARSE_FW_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/ip.h"
#include "../core/limits.h"
#include "../core/status.h"
#include "../core/vec.h"
#include "../engine/facts.h"

/* Limits: FC_FW_MAX_RULES, _GROUP_DEPTH, _CHAIN_DEPTH, _SET_ITEMS are in
 * src/core/limits.h with their reasons. */
#define FC_FW_MAX_NAMES 64			/* names kept for display per rule side */

enum fc_fw_format { FC_FW_IPTABLES, FC_FW_ASA, FC_FW_FORTIGATE, FC_FW_CSV };
const char *fc_fw_format_name(enum fc_fw_format f);

/* What a matching rule does.  PERMIT and DENY are terminal; LOG (iptables
 * LOG/NFLOG targets), JUMP (into a user chain, shown; its rules are inlined
 * after it), RETURN and OTHER (NAT, MARK, NFQUEUE, …) are not decisions the
 * analysis can use. */
enum fc_fw_action { FC_FW_PERMIT, FC_FW_DENY, FC_FW_LOG, FC_FW_JUMP, FC_FW_RETURN, FC_FW_OTHER };
const char *fc_fw_action_name(enum fc_fw_action a);

/* One service term: a box over protocol × source port × destination port.
 * Protocol 0..255 (proto_lo 0, proto_hi 255 = any protocol); ports 0..65535.
 * ICMP/ICMPv6 types are kept in the destination-port interval (0..255) so
 * that "icmp echo-request" is a sub-box of "icmp". */
struct fc_fw_svc {
	uint16_t proto_lo, proto_hi;
	uint16_t sp_lo, sp_hi, dp_lo, dp_hi;
};

/* A union of address ranges.  any: the whole space the rule speaks of (all
 * of IPv4 and IPv6, or one family for iptables/any4/any6) — the ranges hold
 * it too, `any` only tells displays and checks that it was written as any. */
struct fc_fw_addrset {
	struct fc_iprange *r;
	size_t n;
	bool any;
	bool truncated;	/* more than FC_FW_MAX_SET_ITEMS ranges: the set is incomplete */
};

struct fc_fw_svcset {
	struct fc_fw_svc *v;
	size_t n;
	bool any;	/* every protocol and port */
	bool truncated;	/* more than FC_FW_MAX_SET_ITEMS terms: the set is incomplete */
};

/* Interfaces or zones a rule is bound to (iptables -i/-o, FortiGate
 * srcintf/dstintf, CSV src_zone/dst_zone).  n == 0 && !neg means any.
 * A name ending in '+' is an iptables wildcard. */
struct fc_fw_ifset {
	const char **v;
	size_t n;
	bool neg;
};

/* Connection states (iptables state/conntrack); 0 = any state. */
enum {
	FC_FW_ST_NEW = 1,
	FC_FW_ST_ESTABLISHED = 2,
	FC_FW_ST_RELATED = 4,
	FC_FW_ST_INVALID = 8,
	FC_FW_ST_UNTRACKED = 16,
	FC_FW_ST_ALL = 31
};

enum fc_fw_shadow { FC_FW_SH_NONE, FC_FW_SH_SHADOWED, FC_FW_SH_REDUNDANT };

/* Names as written, for displays ("Inside", "obj WEB01", "10.0.0.0/8"). */
struct fc_fw_names {
	const char **v;
	size_t n;
};

struct fc_fw_rule {
	size_t list;			/* index into the device's lists */
	long seq;			/* 1-based position in the device's rule table */
	long pos;			/* 1-based position in its list */
	const char *id;			/* native id (FortiGate policy id, CSV rule_id) or NULL */
	enum fc_fw_action action;
	const char *target;		/* as written: ACCEPT, permit, accept, SSHBRUTE, … */
	struct fc_fw_addrset src, dst;
	struct fc_fw_svcset svc;
	struct fc_fw_names src_names, dst_names, svc_names;
	struct fc_fw_ifset in, out;
	unsigned states;		/* FC_FW_ST_* bits; 0 = any */
	bool enabled;
	int log;			/* 1 logged, 0 not, FC_UNKNOWN */
	/* The real match is narrower than the modeled one (rate limits,
	 * recent lists, TCP flags, time ranges, rules after a RETURN): such a
	 * rule may be found shadowed but never covers another rule. */
	bool partial;
	const char *partial_why;
	bool own_partial;		/* partial by the rule's own conditions, not a jump's */
	/* References something undefined (object, group, FQDN, geography,
	 * identity): its match is unknown and it is not analyzed. */
	bool unresolved;
	const char *unresolved_why;
	const char *comment;
	struct fc_ref ref;		/* file, line, excerpt of the rule's own line */
	long via_line;			/* iptables: the -j line that inlined this rule (0: none) */
	/* Zones (fc_fw_map_zones): names joined with ',' ("any", "unknown"
	 * for private space outside every zone, "internet" for public space
	 * outside every zone) and a bit set of 1u << enum fc_zone_kind. */
	const char *src_zone, *dst_zone;
	unsigned src_kinds, dst_kinds;
	const char *dst_whole_zone;	/* a zone segment (CIDR row) the destination covers entirely */
	struct fc_ref dst_whole_zone_ref;
	/* Analysis (fc_fw_analyze) */
	enum fc_fw_shadow shadow;
	long *by;			/* seq of the earlier rules that cover it */
	size_t nby;
	bool incomplete;		/* analysis gave up on this rule (fragment cap) */
};

/* An ordered rule list evaluated first-match: an iptables built-in chain (user
 * chains are inlined into it), an ASA access-list, a FortiGate policy table
 * (per VDOM), a CSV device's table. */
struct fc_fw_list {
	const char *name;
	enum fc_fw_action policy;	/* what happens when no rule matches */
	bool policy_explicit;		/* iptables ":INPUT ACCEPT"; else implicit deny */
	struct fc_ref ref;		/* where the list (or its policy) is declared */
	const char *applied;		/* "in interface OUTSIDE", "global", … NULL = not applied */
	bool filtering;			/* a traffic filter (not NAT/VPN/split-tunnel lists) */
	bool inbound;			/* guards the device or what is behind it (not iptables OUTPUT) */
	bool local;			/* traffic to the device itself (iptables INPUT): "any" destination is the host */
	const char *zone_hint;		/* zone the traffic comes from (ASA in-interface), or NULL */
	unsigned zone_hint_kinds;
};

struct fc_fw_iface {
	const char *name;		/* ASA: nameif; FortiGate: interface / zone name */
	const char *hw;			/* ASA: GigabitEthernet0/1 */
	int security_level;		/* ASA, -1 unknown */
	const char *role;		/* FortiGate role (lan, wan, dmz) or NULL */
	struct fc_iprange net;
	bool has_net;
	bool shutdown;
	bool mgmt_only;			/* ASA management-only: passes no through traffic */
	const char *zone;		/* zone of its subnet (fc_fw_map_zones) */
	unsigned zone_kinds;
	struct fc_ref ref;
};

struct fc_fw_device {
	const char *name;		/* file stem (the spec's device name), or the CSV device column */
	const char *hostname;		/* from the config, if any */
	enum fc_fw_format format;
	const char *file;
	FC_VEC(struct fc_fw_rule) rules;
	FC_VEC(struct fc_fw_list) lists;
	FC_VEC(struct fc_fw_iface) ifaces;
	/* ASA: `logging enable` + `logging trap` at informational or finer
	 * records every permitted connection (%ASA-6-302013). */
	bool conn_log;
	struct fc_ref conn_log_ref;
	unsigned errors;		/* malformed input seen while parsing */
	const char *host_zone;		/* host firewalls: the zone of the host the device is (inventory) */
	unsigned host_zone_kinds;
	int32_t last_review;		/* CSV last_review (newest), FC_NO_DATE */
	struct fc_ref last_review_ref;
	int32_t oldest_review;		/* CSV last_review (oldest non-empty), FC_NO_DATE */
	size_t unreviewed;		/* CSV rules with an empty last_review */
	struct fc_ref unreviewed_ref;	/* first such rule */
};

struct fc_fw_facts {
	struct fc_arena *arena;		/* not owned */
	FC_VEC(struct fc_fw_device *) devices;
	bool zones_mapped, analyzed;
	size_t rules_total;
};

struct fc_fw_facts *fc_fw_facts_new(struct fc_arena *a);
void fc_fw_facts_release(struct fc_fw_facts *fw); /* frees the vectors, not the arena */

/* Format from a bundle path's extension (spec: .iptables .rules .v4 .v6,
 * .asa, .fortigate .fgt, .csv); -1 when the extension says nothing. */
int fc_fw_format_from_path(const char *path);
/* Format sniffed from content; -1 if it looks like none. */
int fc_fw_sniff(const char *text, size_t n);

/* Parse one configuration into devices (a CSV may hold several devices).
 * fmt < 0 sniffs.  `file` names the source in diagnostics and evidence,
 * `device` is the default device name (the file stem).  Malformed input is
 * reported to d with file:line; what parsed is kept.  Returns FC_EPARSE if
 * anything was malformed, FC_ENOMEM/FC_ELIMIT on hard failure. */
enum fc_status fc_fw_parse(struct fc_fw_facts *fw, const char *text, size_t n, const char *file,
			   const char *device, int fmt, struct fc_diag *d);

/* The four parsers (same contract). */
enum fc_status fc_fw_parse_iptables(struct fc_fw_facts *fw, const char *text, size_t n,
				    const char *file, const char *device, struct fc_diag *d);
enum fc_status fc_fw_parse_asa(struct fc_fw_facts *fw, const char *text, size_t n,
			       const char *file, const char *device, struct fc_diag *d);
enum fc_status fc_fw_parse_fortigate(struct fc_fw_facts *fw, const char *text, size_t n,
				     const char *file, const char *device, struct fc_diag *d);
enum fc_status fc_fw_parse_csv(struct fc_fw_facts *fw, const char *text, size_t n,
			       const char *file, const char *device, struct fc_diag *d);

/* Map rule addresses and interfaces onto zones (network/zones.csv rows). */
void fc_fw_map_zones(struct fc_fw_facts *fw, const struct fc_zone *zones, size_t nzones);

/* ---- helpers shared by the parsers and the analysis (fw_common.c) ---- */

struct fc_fw_device *fc_fw_device_add(struct fc_fw_facts *fw, const char *name,
				      enum fc_fw_format format, const char *file);
struct fc_fw_device *fc_fw_device_find(struct fc_fw_facts *fw, const char *name);
/* Index of the named list, created (implicit-deny, filtering, inbound) when absent;
 * (size_t)-1 on allocation failure. */
size_t fc_fw_list_get(struct fc_fw_device *dev, struct fc_fw_facts *fw, const char *name);
/* A zeroed rule appended to the device (enabled, log unknown); NULL on
 * allocation failure or FC_FW_MAX_RULES. */
struct fc_fw_rule *fc_fw_rule_add(struct fc_fw_device *dev);

/* Growable builders used while parsing (heap; release after copying). */
struct fc_fw_aset_b {
	FC_VEC(struct fc_iprange) v;
	bool any;
	bool oom;
	bool limit;	/* FC_FW_MAX_SET_ITEMS reached: later items dropped */
};
struct fc_fw_sset_b {
	FC_VEC(struct fc_fw_svc) v;
	bool any;
	bool oom;
	bool limit;
};
void fc_fw_aset_add(struct fc_fw_aset_b *b, const struct fc_iprange *r);
void fc_fw_aset_any(struct fc_fw_aset_b *b, int family); /* 4, 6, or 0 = both */
void fc_fw_aset_release(struct fc_fw_aset_b *b);
/* Sorted, overlapping and adjacent ranges merged, copied into the arena. */
bool fc_fw_aset_finish(struct fc_fw_aset_b *b, struct fc_arena *a, struct fc_fw_addrset *out);
/* Complement within the family (4, 6, or 0 = whole space). */
bool fc_fw_aset_negate(struct fc_fw_aset_b *b, int family);
void fc_fw_sset_add(struct fc_fw_sset_b *b, const struct fc_fw_svc *s);
void fc_fw_sset_release(struct fc_fw_sset_b *b);
bool fc_fw_sset_finish(struct fc_fw_sset_b *b, struct fc_arena *a, struct fc_fw_svcset *out);

/* The all-protocols service term, and one protocol with any ports. */
struct fc_fw_svc fc_fw_svc_any(void);
struct fc_fw_svc fc_fw_svc_proto(int proto);

/* Protocol number from a name (tcp, udp, icmp, ip → -2 meaning any, esp,
 * gre, …) or a number; -1 if unknown. */
int fc_fw_proto_parse(const char *s, size_t n);
const char *fc_fw_proto_name(int proto);
/* Port number from a number or a service name (ASA and /etc/services
 * names: www, https, domain, telnet, …) for the protocol (6, 17, or 0 =
 * either); -1 if unknown. */
int fc_fw_port_parse(const char *s, size_t n, int proto);
/* ICMP type from a number or name (echo, echo-request, unreachable, …);
 * *code gets a code when the name implies one (else -1).  -1 if unknown. */
int fc_fw_icmp_type_parse(const char *s, size_t n, int *code);

/* "tcp/443", "tcp/8000-8200", "udp/53", "icmp/8", "tcp", "any", with
 * ";sport=137" when the source port is restricted.  out[64]. */
void fc_fw_svc_fmt(const struct fc_fw_svc *s, char out[64]);
/* Parse "tcp/443", "tcp/1024-65535", "tcp/80,443", "udp/53", "icmp",
 * "icmp/8", "any", "ip", "6/80", a service name ("https", "domain" gives
 * tcp and udp) into b; an optional "label=" prefix is skipped.  false if
 * not understood (nothing added). */
bool fc_fw_svc_parse(const char *s, size_t n, struct fc_fw_sset_b *b);

/* Set operations (exact set semantics). */
bool fc_fw_svc_intersects(const struct fc_fw_svc *a, const struct fc_fw_svc *b);
bool fc_fw_svc_covers(const struct fc_fw_svc *outer, const struct fc_fw_svc *inner);
bool fc_fw_svcset_intersects(const struct fc_fw_svcset *a, const struct fc_fw_svc *b);
bool fc_fw_addrset_intersects(const struct fc_fw_addrset *a, const struct fc_iprange *r);
/* Whether the set covers r (r within the union). */
bool fc_fw_addrset_covers(const struct fc_fw_addrset *a, const struct fc_iprange *r);

/* Interface name sets ('+' suffix = iptables wildcard). */
bool fc_fw_ifname_match(const char *pattern, const char *name);
bool fc_fw_ifset_covers(const struct fc_fw_ifset *outer, const struct fc_fw_ifset *inner);
/* One rule's modeled match holds another's (each side, each dimension). */
bool fc_fw_rule_covers(const struct fc_fw_rule *outer, const struct fc_fw_rule *inner);

/* A rule whose sets hit FC_FW_MAX_SET_ITEMS is incomplete: mark it
 * unresolved and warn at its line (parsers call this once per rule). */
void fc_fw_rule_check_limits(struct fc_fw_rule *r, struct fc_diag *d);

/* Copy names for display into the arena (NULL-safe; keeps at most
 * FC_FW_MAX_NAMES and notes "…" when more). */
bool fc_fw_names_set(struct fc_arena *a, struct fc_fw_names *out, const char *const *v, size_t n);

/* An evidence excerpt: at most 160 bytes, cut on a UTF-8 boundary (arena). */
const char *fc_fw_excerpt(struct fc_arena *a, const char *s, size_t n);

/* A short text of the rule's match: "permit tcp/443 10.1.0.0/16 -> 10.2.0.5" (arena). */
const char *fc_fw_rule_text(struct fc_arena *a, const struct fc_fw_rule *r);

#endif
