#!/bin/sh
# Every real configuration in ../shared/corpora/firewall parses with no error;
# rule counts and a few normalized rules (issue 3).
. tests/cli/lib.sh

# jeq FILE EXPR WANT: the Python repr of EXPR over the JSON d must be WANT
jeq() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
env = {"d": d, "len": len, "sorted": sorted, "set": set, "sum": sum, "any": any, "all": all}
r = repr(eval(sys.argv[2], env))
if r != sys.argv[3]:
    print("got:  " + r[:700])
    print("want: " + sys.argv[3][:700])
    sys.exit(1)' "$@"
}
if ! have_corpora; then
	skip corpus_firewall "../shared/corpora is absent"
	exit 0
fi
C=$CORPORA/firewall
t_exit corpus_fw_all_parse 0 $FINCHECK firewall $C/iptables $C/cisco-asa --format json
J="$TMP/corpus.json"
cp "$TMP/out" "$J"
t corpus_fw_no_errors test "$(grep -c ': error:' $TMP/err)" = 0
t corpus_fw_counts jeq $J '[(x["name"], x["format"], len(x["rules"])) for x in d["devices"]]' \
	"[('AG7GN-nexus-iptables_rules', 'iptables', 57), ('debian-raspi3-image-spec_rules', 'iptables', 6), ('juhanurmi-exitnode_rules', 'iptables', 11), ('larsks-bridged-containers_rules', 'iptables', 8), ('batfish_aclAsa', 'asa', 1), ('batfish_asa-interface', 'asa', 0), ('ciscoconfparse_sample_01', 'asa', 26)]"
# iptables: multiport, negated interface, policy
t corpus_fw_multiport jeq $J '[(r["service"], r["in_interface"]) for r in d["devices"][0]["rules"] if r["line"] == 12]' \
	"[(['udp/53', 'udp/67'], ['wlan0'])]"
t corpus_fw_negated_iface jeq $J '[(r["action"], r["src"], r["in_interface"]) for r in d["devices"][0]["rules"] if r["line"] == 11]' \
	"[('deny', ['127.0.0.0/8'], ['!lo'])]"
t corpus_fw_default_drop jeq $J '[(l["name"], l["default"], l["default_explicit"]) for l in d["devices"][0]["lists"]]' \
	"[('INPUT', 'deny', True), ('FORWARD', 'deny', True), ('OUTPUT', 'permit', True)]"
t corpus_fw_comment jeq $J '[(r["line"], r["src"], r["comment"]) for r in d["devices"][1]["rules"] if r["line"] == 9]' \
	"[(9, ['192.168.0.0/16'], 'RFC1918 reserved')]"
t corpus_fw_state jeq $J '[r["state"] for r in d["devices"][3]["rules"] if r["line"] == 5]' "[['ESTABLISHED', 'RELATED']]"
# ASA: object-groups, names, masks, applied lists
t corpus_fw_asa_mask jeq $J '[(r["src"], r["dst"]) for r in d["devices"][4]["rules"]]' "[(['1.2.3.0/24'], ['4.3.0.0/16'])]"
t corpus_fw_asa_group jeq $J '[(r["service"], r["src_names"], r["analysis"]) for r in d["devices"][6]["rules"] if r["line"] == 263]' \
	"[(['tcp/5228'], ['INSIDE_addrs'], ['redundant_with:3'])]"
t corpus_fw_asa_applied jeq $J 'sorted((l["name"], l["applied"]) for l in d["devices"][6]["lists"] if l["filtering"])' \
	"[('INSIDE_in', 'in interface INSIDE'), ('OUTSIDE_in', 'in interface OUTSIDE')]"
t corpus_fw_asa_unresolved jeq $J '[r["line"] for r in d["devices"][6]["rules"] if any(a.startswith("unresolved") for a in r["analysis"])]' "[271, 272, 285]"
t corpus_fw_asa_iface jeq $J '[(f["name"], f["security_level"], f["network"]) for f in d["devices"][5]["interfaces"]]' "[('ifname', 95, '3.0.0.0/24')]"
