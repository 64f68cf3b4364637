/*
 * Rule-base analysis with set semantics (issue 3): which rules never take
 * effect because earlier rules already decide all of their traffic.
 *
 * A rule's match is a union of boxes over eight dimensions (in-interface,
 * out-interface, connection state, source address, destination address,
 * protocol, source port, destination port).  For each rule B of a list, in
 * order, the earlier rules that intersect B are visited in rule order and
 * subtracted from what is left of B; when nothing is left, B is
 *
 *   shadowed  (FC_FW_SH_SHADOWED)  if one of the rules that took part of
 *             its traffic has the other action — B's intent is overridden;
 *   redundant (FC_FW_SH_REDUNDANT) if all of them have B's action — B can
 *             be removed without changing what passes.
 *
 * rule->by lists the seq of the earlier rules that took part of B's traffic.
 *
 * Rules that are disabled, non-terminal (LOG, jumps) or unresolved are not
 * analyzed; partial rules (real match narrower than modeled) are analyzed
 * but never used to cover others, so no finding rests on a condition the
 * model does not see.
 *
 * Cost: coordinates are rank-compressed per list; earlier rules are found
 * through a bounding-volume hierarchy over their boxes, visited best-first
 * by rule number so the walk stops as soon as B is covered.  With n rules
 * and k earlier rules intersecting a rule, the cost is O(n log n + Σ k·f)
 * where f is the number of fragments left of B (bounded by max_fragments);
 * sparse real rule bases make k small, and a rule behind a broad earlier
 * rule stops after one step.  The worst case (every rule overlapping every
 * other without covering) is quadratic.  See docs/firewall.md.
 */
#ifndef FC_PARSE_FW_ANALYZE_H
#define FC_PARSE_FW_ANALYZE_H
#include <stddef.h>
#include "fw.h"

struct fc_fw_analyze_opts {
	size_t max_fragments;	/* per rule; 0 = 4096 (then the rule is marked incomplete) */
	size_t max_boxes;	/* per list; 0 = 16M boxes (~1 GiB): beyond, rules are marked incomplete */
};

struct fc_fw_analyze_stats {
	size_t lists, rules, analyzed, boxes, visits, subtractions, incomplete;
	size_t shadowed, redundant;
};

/* Analyze every device (idempotent).  Warnings (caps reached) go to d. */
enum fc_status fc_fw_analyze(struct fc_fw_facts *fw, const struct fc_fw_analyze_opts *o,
			     struct fc_diag *d, struct fc_fw_analyze_stats *stats);

/* Breadth of a rule, for checks and displays. */
bool fc_fw_rule_decides(const struct fc_fw_rule *r);	/* enabled permit/deny, resolved */
bool fc_fw_rule_any_any(const struct fc_fw_rule *r);	/* src any, dst any, every service, any interface */
/* Connection-tracking rules that only pass replies (ESTABLISHED/RELATED). */
bool fc_fw_rule_established_only(const struct fc_fw_rule *r);

#endif
