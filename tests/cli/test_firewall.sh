#!/bin/sh
# fincheck firewall: the normalized rule table (issue 3).  Runs from the repo
# root with FINCHECK pointing at the binary under test.
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
D=examples/demo
Z=$D/network/zones.csv

# JSON of the demo's four devices, one per format
t_exit firewall_demo_json 0 $FINCHECK firewall $D/firewall --zones $Z --format json
cp "$TMP/out" "$TMP/demo.json"
t firewall_demo_devices jeq $TMP/demo.json '[(x["name"], x["format"], len(x["rules"])) for x in d["devices"]]' \
	"[('fw-core', 'asa', 16), ('fw-edge', 'fortigate', 10), ('fw-partner', 'csv', 8), ('web01', 'iptables', 10)]"
# spec/output.md keys of one rule: ASA OA_IN line 90 (office IT to PROD-ADMIN, any service)
t firewall_demo_rule_keys jeq $TMP/demo.json 'sorted(k for k in d["devices"][0]["rules"][5] if k in ("seq","line","action","src","dst","service","src_zone","dst_zone","enabled","log","analysis"))' \
	"['action', 'analysis', 'dst', 'dst_zone', 'enabled', 'line', 'log', 'seq', 'service', 'src', 'src_zone']"
t firewall_demo_rule_values jeq $TMP/demo.json '[(r["seq"], r["line"], r["src"], r["dst"], r["service"], r["src_zone"], r["dst_zone"], r["log"]) for r in d["devices"][0]["rules"] if r["line"] == 90]' \
	"[(6, 90, ['192.168.20.0/24'], ['10.20.0.0/16'], ['any'], 'OA', 'PROD-ADMIN', False)]"
t firewall_demo_rule_analysis jeq $TMP/demo.json '[r["analysis"] for r in d["devices"][0]["rules"] if r["line"] == 90][0]' \
	"['too_broad:any_service_to_segment:PROD-ADMIN', 'unlogged']"
# shadowed and redundant, by seq (set semantics, not text)
t firewall_demo_shadowed jeq $TMP/demo.json '[(x["name"], r["line"], a) for x in d["devices"] for r in x["rules"] for a in r["analysis"] if a.startswith(("shadowed_by", "redundant_with"))]' \
	"[('fw-core', 92, 'redundant_with:5'), ('fw-core', 94, 'shadowed_by:9'), ('fw-edge', 173, 'shadowed_by:1'), ('fw-partner', 8, 'redundant_with:1'), ('fw-partner', 9, 'shadowed_by:5'), ('web01', 13, 'redundant_with:3')]"
t firewall_demo_risky jeq $TMP/demo.json 'sorted((x["name"], r["line"], a) for x in d["devices"] for r in x["rules"] for a in r["analysis"] if a.startswith(("risky", "db_from")))' \
	"[('fw-core', 91, 'risky:rdp=tcp/3389'), ('fw-edge', 150, 'risky:rdp=tcp/3389'), ('fw-edge', 162, 'db_from_internet:oracle=tcp/1521-1522'), ('fw-partner', 5, 'risky:telnet=tcp/23'), ('web01', 11, 'risky:telnet=tcp/23')]"
t firewall_demo_disabled jeq $TMP/demo.json '[(x["name"], r["line"], r["analysis"]) for x in d["devices"] for r in x["rules"] if not r["enabled"]]' \
	"[('fw-edge', 207, ['disabled']), ('fw-partner', 7, ['disabled'])]"
t firewall_demo_counts jeq $TMP/demo.json 'd["counts"]["rules"], d["counts"]["shadowed"], d["counts"]["redundant"]' "(44, 3, 3)"
# iptables user chain inlined: the jump and the two SSH-JUMP rules after it
t firewall_demo_inlined jeq $TMP/demo.json '[(r["line"], r["action"], r["analysis"][-1]) for r in d["devices"][3]["rules"] if "via_line:10" in r["analysis"]]' \
	"[(14, 'log', 'via_line:10'), (15, 'permit', 'via_line:10'), (16, 'deny', 'via_line:10')]"

# text and CSV
t_exit firewall_demo_text 0 $FINCHECK firewall $D/firewall/fw-core.asa --zones $Z
t firewall_demo_text_row grep -q '   94 OA_IN      permit  192.168.10.0/24        10.20.1.11             tcp/8080                 OA>PROD-ADMIN        shadowed_by:9' "$TMP/out"
t firewall_demo_text_counts grep -q '16 rules: 12 permit, 4 deny, 0 other; 0 disabled, 1 shadowed, 1 redundant' "$TMP/out"
t_exit firewall_demo_csv 0 $FINCHECK firewall $D/firewall/fw-partner.csv --zones $Z --format csv
t firewall_demo_csv_header test "$(head -1 $TMP/out)" = "device,format,file,line,seq,list,id,action,src,dst,service,src_zone,dst_zone,enabled,log,analysis,comment"
t firewall_demo_csv_row grep -q '^fw-partner,csv,examples/demo/firewall/fw-partner.csv,4,3,rules,3,permit,203.0.113.5,10.10.0.0/16,any,PARTNER-TWSE,PROD-CORE,yes,yes,too_broad:any_service_to_segment:PROD-CORE,廠商維護(暫時開放)$' "$TMP/out"

# a truncated FortiGate and a garbled ASA: exit 2 with file:line, the good device still listed
mkdir -p "$TMP/fw"
head -c 1200 $D/firewall/fw-edge.fortigate > "$TMP/fw/cut.fortigate"
printf 'ASA Version 9.8\naccess-list X extended permit tcp any host 10.0.0.1 eq 443\naccess-list X extended permit tcp any hst 10.0.0.2 eq 22\n' > "$TMP/fw/bad.asa"
cp $D/firewall/web01.rules "$TMP/fw/"
t_exit firewall_broken_exit 2 $FINCHECK firewall "$TMP/fw" --format json
cp "$TMP/out" "$TMP/broken.json"
t firewall_broken_cut_line grep -q "cut.fortigate:[0-9]*: error: 'config firewall address' is not closed by 'end': the file is truncated" "$TMP/err"
t firewall_broken_asa_line grep -q 'bad.asa:3: error: cannot read the destination' "$TMP/err"
t firewall_broken_others jeq $TMP/broken.json '[(x["name"], x["malformed"], len(x["rules"])) for x in d["devices"]]' \
	"[('bad', True, 1), ('cut', True, 0), ('web01', False, 10)]"
t firewall_broken_errors jeq $TMP/broken.json 'sorted((e["file"].split("/")[-1], e["line"]) for e in d["errors"])' \
	"[('bad.asa', 3), ('cut.fortigate', 36)]"

# usage
t_exit firewall_usage_noargs 1 $FINCHECK firewall
t_exit firewall_usage_format 1 $FINCHECK firewall $D/firewall --format xml
t_exit firewall_missing_file 2 $FINCHECK firewall "$TMP/nonexistent.rules"
