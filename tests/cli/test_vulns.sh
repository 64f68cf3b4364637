#!/bin/sh
# fincheck vulns and the vulnerability-management checks (issue 5), on the
# demo bundle and on an unseen institution (tests/fixtures/vulns-unseen:
# a life insurer, CMDB column aliases, a gzipped Nessus scan, a host matched
# only by its NetBIOS name, an OpenVAS report, a port-only Nmap scan).
. tests/cli/lib.sh

# jeq FILE EXPR EXPECTED: str() of a Python expression over the JSON d
# equals EXPECTED (prints what it got otherwise)
jeq() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
got = str(eval(sys.argv[2], {"d": d, "len": len, "sorted": sorted}))
if got != sys.argv[3]:
    print("expected:", sys.argv[3]); print("got:     ", got); sys.exit(1)' "$@"
}
D=examples/demo
U=tests/fixtures/vulns-unseen

# ---- fincheck vulns on the demo ----
$FINCHECK vulns $D --format json >"$TMP/v.json" 2>"$TMP/v.err"
t vulns_demo_exit0 test $? = 0
t vulns_demo_count jeq "$TMP/v.json" 'len(d["vulnerabilities"])' 21
t vulns_demo_scans jeq "$TMP/v.json" '[(s["file"], s["scanner"], s["date"], s["hosts"]) for s in d["scans"]][2]' "('scans/nessus/2026-07-19-etrade.nessus', 'nessus', '2026-07-19', 11)"
# Log4Shell: seen by OpenVAS first, then Nessus: one vulnerability, dated from the first sighting
t vulns_demo_log4shell jeq "$TMP/v.json" '[(v["host"], v["ip"], v["severity"], v["first_seen"], v["last_seen"], v["status"], v["due"], sorted(v["scanners"]), v["evidence"][0]["file"], v["evidence"][0]["line"]) for v in d["vulnerabilities"] if "CVE-2021-44228" in v["cves"]]' "[('web01', '172.16.10.11', 'critical', '2026-09-20', '2026-10-18', 'open', '2026-09-27', ['nessus', 'openvas'], 'scans/openvas/2026-09-20-dmz.xml', 21)]"
t vulns_demo_resolved jeq "$TMP/v.json" '[(v["host"], v["id"], v["resolved_on"]) for v in d["vulnerabilities"] if v["status"] == "resolved_pending_verification"]' "[('ap02', '90317', '2026-07-19'), ('web01', '10114', '2026-07-19')]"
t vulns_demo_excepted jeq "$TMP/v.json" 'sorted((v["host"], v["exception"]["line"]) for v in d["vulnerabilities"] if v["status"] == "excepted")' "[('ap01', 3), ('bo-db01', 11), ('quote01', 27)]"
t vulns_demo_trivy_line jeq "$TMP/v.json" '[(v["host"], v["package"], v["evidence"][0]["line"]) for v in d["vulnerabilities"] if v["id"] == "CVE-2024-45337"]' "[('web01', 'golang.org/x/crypto v0.26.0 -> 0.31.0', 47)]"
t vulns_demo_summary jeq "$TMP/v.json" 'd["summary"]["open"]' "{'critical': 4, 'high': 6, 'medium': 5, 'low': 1, 'info': 0}"

$FINCHECK vulns $D --status open --min-severity high --format csv >"$TMP/v.csv" 2>/dev/null
t vulns_csv_header test "$(head -1 "$TMP/v.csv")" = "host,ip,system_id,scanner,kind,id,name,severity,cvss,cves,port,package,first_seen,last_seen,status,due,file,line"
t vulns_csv_rows test "$(($(wc -l <"$TMP/v.csv") - 1))" = 10
t vulns_csv_row test "$(grep '^api01,' "$TMP/v.csv")" = "api01,172.16.10.21,ETRADE,nessus,vulnerability,182873,OpenSSH < 9.3p2 Vulnerability,high,9.8,CVE-2023-38408,tcp/22,,2026-04-19,2026-10-18,open,2026-05-19,scans/nessus/2026-04-19-internal.nessus,123"
# the institution's own deadline overrides the default
$FINCHECK vulns $D --param vuln_fix_days.high=14 --format json >"$TMP/p.json" 2>/dev/null
t vulns_param_override jeq "$TMP/p.json" '[v["due"] for v in d["vulnerabilities"] if v["host"] == "api01"]' "['2026-05-03']"
$FINCHECK vulns $D >"$TMP/v.txt" 2>/dev/null
t vulns_text grep -q 'critical www01 *nessus:33850\|critical www01 ' "$TMP/v.txt"
t vulns_text_overdue grep -q 'due 2026-09-27 OVERDUE' "$TMP/v.txt"

# a plugin name that is a spreadsheet formula is neutralized in CSV
printf '<?xml version="1.0"?>\n<NessusClientData_v2><Report name="r"><ReportHost name="10.0.0.1"><HostProperties><tag name="HOST_START_TIMESTAMP">1792332000</tag></HostProperties>\n<ReportItem port="80" protocol="tcp" severity="3" pluginID="9" pluginName="=HYPERLINK(&quot;http://x&quot;)"/>\n</ReportHost></Report></NessusClientData_v2>\n' >"$TMP/formula.nessus"
$FINCHECK vulns "$TMP/formula.nessus" --as-of 2026-11-01 --format csv >"$TMP/formula.csv" 2>/dev/null
t vulns_csv_formula_neutralized grep -qF ",\"'=HYPERLINK(\"\"http://x\"\")\",high," "$TMP/formula.csv"

# ---- scan files without a bundle, gzip transparent ----
$FINCHECK vulns $U/scans/2025H2/nsl-quarterly-2025-12-28.nessus.gz --as-of 2026-06-30 --format json >"$TMP/f.json" 2>/dev/null
t vulns_files_counts jeq "$TMP/f.json" 'd["scans"][0]["counts"]' "{'critical': 1, 'high': 1, 'medium': 2, 'low': 2, 'info': 6}"
t vulns_files_hosts jeq "$TMP/f.json" 'sorted(h["host"] for h in d["hosts"])' "['NSL-POL-AP1', 'NSL-POL-DB1', 'nsl-addc-01', 'nsl-api-01.nsl.com.tw', 'nsl-mobi-01.nsl.com.tw', 'nsl-web-01.nsl.com.tw']"

# ---- usage and malformed input ----
t_exit vulns_usage_noargs 1 $FINCHECK vulns
t_exit vulns_usage_format 1 $FINCHECK vulns $D --format xml
t_exit vulns_usage_status 1 $FINCHECK vulns $D --status maybe
printf '<?xml version="1.0"?>\n<NessusClientData_v2>\n<Report name="x">\n<ReportHost name="10.0.0.1">\n<ReportItem severity="4" pluginID="1"' >"$TMP/trunc.nessus"
t_exit vulns_truncated_exit2 2 $FINCHECK vulns "$TMP/trunc.nessus" --as-of 2026-06-30
t vulns_truncated_message grep -q "trunc.nessus:5:[0-9]*: error: malformed XML" "$TMP/err"
printf '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<nmaprun><host><address addr="&e;"/></host></nmaprun>\n' >"$TMP/xxe.xml"
t_exit vulns_xxe_exit2 2 $FINCHECK vulns "$TMP/xxe.xml" --as-of 2026-06-30
t vulns_xxe_refused grep -q "xxe.xml:2:[0-9]*: error: XML entity declaration 'e' refused" "$TMP/err"
t vulns_xxe_not_expanded sh -c "! grep -q root: '$TMP/out'"

# ---- assess: the unseen bundle ----
$FINCHECK assess $U --format json --lang en >"$TMP/u.json" 2>"$TMP/u.err"
t assess_unseen_exit0 test $? = 0
t unseen_not_scanned jeq "$TMP/u.json" "sorted((f['object'], f['evidence'][0]['file'], f['evidence'][0]['line']) for f in d['findings'] if f['check'] == 'vuln.host_not_scanned')" "[('NSL-BAK-01', 'inventory/hosts.csv', 7), ('NSL-FS-01', 'inventory/hosts.csv', 9)]"
t unseen_interval jeq "$TMP/u.json" "sorted((f['object'], f['evidence'][0]['file'], f['evidence'][0]['line']) for f in d['findings'] if f['check'] == 'vuln.scan_interval')" "[('NSL-ADDC-01', 'scans/2025H2/nsl-quarterly-2025-12-28.nessus.gz', 185), ('NSL-API-01', 'scans/2025H2/nsl-quarterly-2025-12-28.nessus.gz', 90), ('NSL-MOBI-01', 'scans/2026H1/nessus-dmz-2026-06-20.nessus', 41), ('NSL-POL-AP1', 'scans/2026H1/openvas-core-2026-06-10.xml', 2), ('NSL-POL-DB1', 'scans/2026H1/openvas-core-2026-06-10.xml', 6)]"
t unseen_overdue jeq "$TMP/u.json" "sorted((f['object'], f['evidence'][0]['file'], f['evidence'][0]['line']) for f in d['findings'] if f['check'] == 'vuln.overdue')" "[('NSL-POL-DB1/CVE-2023-21528', 'scans/2025H2/nsl-quarterly-2025-12-28.nessus.gz', 168)]"
t unseen_overdue_due jeq "$TMP/u.json" '[(f["severity"], f["due"]) for f in d["findings"] if f["check"] == "vuln.overdue"]' "[('high', '2026-01-27')]"
t unseen_medium_low jeq "$TMP/u.json" "sorted((f['object'], f['evidence'][0]['file'], f['evidence'][0]['line']) for f in d['findings'] if f['check'] == 'vuln.medium_low_unassessed')" "[('NSL-API-01/nessus:104743', 'scans/2025H2/nsl-quarterly-2025-12-28.nessus.gz', 111)]"
t unseen_exception_incomplete jeq "$TMP/u.json" "sorted((f['object'], f['evidence'][0]['file'], f['evidence'][0]['line']) for f in d['findings'] if f['check'] == 'vuln.exception_incomplete')" "[('NSL-WEB-01/142960', 'records/exceptions.yaml', 18)]"
t unseen_exception_expired jeq "$TMP/u.json" "sorted((f['object'], f['evidence'][0]['file'], f['evidence'][0]['line']) for f in d['findings'] if f['check'] == 'vuln.exception_expired')" "[('NSL-MOBI-01/CVE-2022-22965', 'records/exceptions.yaml', 10)]"
t unseen_exception_expired_sev jeq "$TMP/u.json" '[f["severity"] for f in d["findings"] if f["check"] == "vuln.exception_expired"]' "['critical']"
t unseen_vanished jeq "$TMP/u.json" "sorted((f['object'], f['evidence'][0]['file'], f['evidence'][0]['line']) for f in d['findings'] if f['check'] == 'vuln.vanished_unscanned')" "[('NSL-API-01/nessus:104743', 'scans/2025H2/nsl-quarterly-2025-12-28.nessus.gz', 111)]"
t unseen_pentest jeq "$TMP/u.json" "sorted((f['object'], f['evidence'][0]['file'], f['evidence'][0]['line']) for f in d['findings'] if f['check'] == 'vuln.pentest_scope')" "[('NSL-API-01', 'records/exceptions.yaml', 26)]"
# clean objects draw nothing: the Tomcat high seen 2026-06-10 is within its
# 30 days, the excepted DC finding, the resolved web finding, the hosts in
# the pen-test scope, and no end-of-support software
t unseen_high_within_deadline jeq "$TMP/u.json" 'len([f for f in d["findings"] if "NSL-POL-AP1/" in f["object"] or "NSL-ADDC-01/" in f["object"] or "CVE-1999-0524" in f["object"]])' 0
t unseen_pentest_in_scope jeq "$TMP/u.json" 'len([f for f in d["findings"] if f["check"] == "vuln.pentest_scope" and f["object"] in ("NSL-WEB-01", "NSL-MOBI-01")])' 0
t unseen_eos_pass jeq "$TMP/u.json" '[r["status"] for r in d["results"] if r["check"] == "vuln.eos_software"]' "['pass']"
t unseen_controls jeq "$TMP/u.json" '[f["controls"] for f in d["findings"] if f["check"] == "vuln.host_not_scanned"][0]' "['SA-3.1', 'INS-NET-4', 'A.8.8']"

# ---- assess: the demo ----
$FINCHECK assess $D --format json --lang en >"$TMP/d.json" 2>/dev/null
t demo_not_scanned jeq "$TMP/d.json" "sorted(f['object'] for f in d['findings'] if f['check'] == 'vuln.host_not_scanned')" "['dev-ap01', 'file01', 'hr01', 'kiosk-srv01', 'nas01']"
t demo_overdue jeq "$TMP/d.json" "sorted(f['object'] for f in d['findings'] if f['check'] == 'vuln.overdue')" "['api01/CVE-2023-38408', 'tradedb02/CVE-2024-21058', 'web01/CVE-2021-44228', 'www01/nessus:33850']"
t demo_interval jeq "$TMP/d.json" "sorted(f['object'] for f in d['findings'] if f['check'] == 'vuln.scan_interval')" "['bo-app01', 'bo-db01', 'crm01', 'crmdb01', 'dc01', 'tradedb01', 'tradedb02']"
t demo_eos jeq "$TMP/d.json" "sorted(f['object'] for f in d['findings'] if f['check'] == 'vuln.eos_software')" "['www01']"
t demo_pentest jeq "$TMP/d.json" "sorted(f['object'] for f in d['findings'] if f['check'] == 'vuln.pentest_scope')" "['mail01', 'quote01', 'www01']"
t demo_vanished jeq "$TMP/d.json" "sorted(f['object'] for f in d['findings'] if f['check'] == 'vuln.vanished_unscanned')" "['crm01/nessus:51192', 'tradedb02/CVE-2024-21058']"
# a critical first seen 2026-10-25 is due on the as-of date itself: not overdue yet
t demo_boundary jeq "$TMP/d.json" 'len([f for f in d["findings"] if "CVE-2024-45337" in f["object"] or "CVE-2023-38408" in f["object"] and f["object"].startswith("web02")])' 0
# stricter internal deadline: 60-day pen-test interval turns the May test stale
$FINCHECK assess $D --format json --lang en --param pentest_interval_days=60 >"$TMP/d2.json" 2>/dev/null
t demo_param_pentest jeq "$TMP/d2.json" 'len([f for f in d["findings"] if f["check"] == "vuln.pentest_scope"])' 6
