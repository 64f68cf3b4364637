#!/bin/sh
# An unseen bundle (tests/fixtures/firewall-unseen: a fictional insurer with
# other names, addresses and layout than the demo): its firewall deficiencies
# are found at the right file and line, and its clean rules — disabled ones
# included — draw no finding.
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
B=tests/fixtures/firewall-unseen

t_exit unseen_assess 0 $FINCHECK assess $B --format json
J="$TMP/unseen.json"
cp "$TMP/out" "$J"
# every firewall finding: check, file:line
t unseen_fw_findings jeq $J 'sorted((f["check"], f["evidence"][0]["file"], f["evidence"][0]["line"]) for f in d["findings"] if f["check"].startswith("fw."))' \
	"[('fw.any_any_permit', 'firewall/gw-internet', 73), ('fw.any_service_to_segment', 'firewall/asa-dc.asa', 52), ('fw.db_from_internet', 'firewall/gw-internet', 51), ('fw.default_allow', 'firewall/asa-dc.asa', 21), ('fw.no_internal_firewall', 'network/zones.csv', 6), ('fw.permit_without_log', 'firewall/gw-internet', 96), ('fw.permit_without_log', 'firewall/linux-gw.iptables', 17), ('fw.permit_without_log', 'firewall/rules.csv', 3), ('fw.redundant_rule', 'firewall/asa-dc.asa', 54), ('fw.review_overdue', 'records/fw.yaml', 4), ('fw.risky_service_exposed', 'firewall/linux-gw.iptables', 18), ('fw.risky_service_exposed', 'firewall/linux-gw.iptables', 25), ('fw.risky_service_exposed', 'firewall/rules.csv', 3), ('fw.shadowed_rule', 'firewall/asa-dc.asa', 56), ('fw.shadowed_rule', 'firewall/gw-internet', 85)]"
t unseen_severities jeq $J 'sorted((f["check"], f["severity"]) for f in d["findings"] if f["check"] in ("fw.db_from_internet", "fw.risky_service_exposed"))' \
	"[('fw.db_from_internet', 'critical'), ('fw.risky_service_exposed', 'high'), ('fw.risky_service_exposed', 'medium'), ('fw.risky_service_exposed', 'medium')]"
t unseen_controls jeq $J '[f["controls"] for f in d["findings"] if f["check"] == "fw.no_internal_firewall"][0]' \
	"['SA-1.1', 'INS-NET-1', 'INS-NET-2', 'A.8.22']"
t unseen_passes jeq $J 'sorted(r["check"] for r in d["results"] if r["check"].startswith("fw.") and r["status"] == "pass")' \
	"['fw.log_retention', 'fw.office_to_server_any']"
# clean rules draw nothing: the disabled telnet policy (line 34), the inactive
# any-any (asa line 57), fw-backup's rows (disabled any-any included), the
# logged vendor API pair, the clean HTTPS policy 101
t unseen_clean jeq $J '[f["evidence"][0] for f in d["findings"] if f["check"].startswith("fw.") for e in f["evidence"][:1] if (e["file"], e["line"]) in (("firewall/gw-internet", 40), ("firewall/gw-internet", 62), ("firewall/asa-dc.asa", 57), ("firewall/asa-dc.asa", 50), ("firewall/linux-gw.iptables", 24), ("firewall/rules.csv", 5), ("firewall/rules.csv", 6), ("firewall/rules.csv", 7), ("firewall/rules.csv", 8))]' "[]"
# …and those lines are rules indeed (the check above is not vacuous)
t_exit unseen_table 0 $FINCHECK firewall $B/firewall --zones $B/network/zones.csv --format json
cp "$TMP/out" "$TMP/table.json"
t unseen_clean_rules_exist jeq "$TMP/table.json" 'sorted((x["name"], r["line"], r["enabled"]) for x in d["devices"] for r in x["rules"] if (x["file"].split("/")[-1], r["line"]) in (("gw-internet", 40), ("gw-internet", 62), ("asa-dc.asa", 57), ("asa-dc.asa", 50), ("linux-gw.iptables", 24), ("rules.csv", 5), ("rules.csv", 7)))' \
	"[('asa-dc', 50, True), ('asa-dc', 57, False), ('fw-backup', 5, True), ('fw-backup', 7, False), ('gw-internet', 40, True), ('gw-internet', 62, False), ('linux-gw', 24, True)]"
t unseen_no_fw_errors jeq $J '[e for e in d["errors"] if e["file"].startswith("firewall/")]' "[]"
t unseen_nothing_unrecognized jeq $J 'd["unrecognized"]' "[]"

# a truncated config next to the good ones: exit 2 with file:line, the rest
# still evaluated (its findings still there) and the firewall checks say error
cp -r $B "$TMP/broken"
head -n 60 $B/firewall/asa-dc.asa > "$TMP/broken/firewall/asa-dc.asa"
t_exit unseen_truncated_exit 2 $FINCHECK assess "$TMP/broken" --format json
cp "$TMP/out" "$TMP/broken.json"
t unseen_truncated_error grep -q "firewall/asa-dc.asa:60: error: the configuration starts with ': Saved' but has no ': end' line" "$TMP/err"
t unseen_truncated_others jeq $TMP/broken.json 'sorted(set(f["evidence"][0]["file"] for f in d["findings"] if f["check"] in ("fw.db_from_internet", "fw.risky_service_exposed")))' \
	"['firewall/gw-internet', 'firewall/linux-gw.iptables', 'firewall/rules.csv']"
t unseen_truncated_status jeq $TMP/broken.json '[r["status"] for r in d["results"] if r["check"] == "fw.db_from_internet"]' "['error']"
