# fincheck assess: the engine end to end on the demo and on a bundle the
# project has not tuned to (issue 2).
. tests/cli/lib.sh
U=tests/fixtures/foundation-unseen

$FINCHECK assess examples/demo --format json >"$TMP/demo.json" 2>"$TMP/demo.err"
t demo_json_is_valid_with_required_fields jget "$TMP/demo.json" '
  all(f["controls"] and f["severity"] in ("critical","high","medium","low","info") and f["object"]
      and f["evidence"] and all(e["file"] and "line" in e for e in f["evidence"]) and len(f["id"]) == 32
      for f in d["findings"]) and d["summary"]["checks"] == len(d["results"]) and len(d["findings"]) > 5'
t demo_summary_counts_match jget "$TMP/demo.json" '
  sum(d["summary"]["findings"].values()) == len(d["findings"])
  and d["summary"]["fail"] == len([r for r in d["results"] if r["status"] == "fail"])'
t demo_parameters_are_printed jget "$TMP/demo.json" 'd["parameters"]["assessment_cycle_days"]["1"] == 365'

$FINCHECK assess examples/demo --format json >"$TMP/demo2.json" 2>/dev/null
t finding_ids_are_stable_across_runs python3 -c '
import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
assert [f["id"] for f in a["findings"]] == [f["id"] for f in b["findings"]]' "$TMP/demo.json" "$TMP/demo2.json"

# the same bundle copied elsewhere, with rows reordered: same ids (ids do not depend on line numbers)
cp -r $U "$TMP/moved"
(head -1 $U/inventory/hosts.csv; tail -n +2 $U/inventory/hosts.csv | sort -r) >"$TMP/moved/inventory/hosts.csv"
$FINCHECK assess $U --format json >"$TMP/u.json" 2>"$TMP/u.err"
$FINCHECK assess "$TMP/moved" --format json >"$TMP/m.json" 2>/dev/null
t ids_survive_reordering_and_moving python3 -c '
import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
assert sorted(f["id"] for f in a["findings"]) == sorted(f["id"] for f in b["findings"])' "$TMP/u.json" "$TMP/m.json"

t unseen_exact_findings python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
got=sorted((f["check"], f["object"]) for f in d["findings"] if f["check"].split(".")[0] in ("net","program"))
want=sorted([("net.db_in_dmz","ext-sql"),("net.test_in_production","stress-test-1"),
 ("net.production_in_office","print-srv"),("net.host_outside_zone","orphan-ip"),
 ("net.internet_host_not_in_dmz","mkt-gw"),("program.security_org_tier","北辰綜合證券股份有限公司"),
 ("program.assessment_overdue","SETTLE"),("program.assessment_overdue","PAYROLL"),
 ("program.reassess_after_incident","RISK")])
assert got == want, (got, want)' "$TMP/u.json"
t unseen_evidence_points_to_lines python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
ev={(f["check"],f["object"]):f["evidence"][0] for f in d["findings"]}
assert ev[("net.db_in_dmz","ext-sql")]["file"]=="inventory/hosts.csv" and ev[("net.db_in_dmz","ext-sql")]["line"]==4
assert ev[("net.host_outside_zone","orphan-ip")]["line"]==14
assert ev[("program.assessment_overdue","PAYROLL")]=={"file":"inventory/systems.csv","line":5,"excerpt":"PAYROLL,薪資系統,3,否,否,人資處,2019-03-01,2019-03-01,,"}
assert ev[("program.reassess_after_incident","RISK")]["file"]=="records/program.yaml"
assert ev[("program.security_org_tier","北辰綜合證券股份有限公司")]["line"]==7' "$TMP/u.json"
t unseen_clean_objects_draw_nothing python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
objs={f["object"] for f in d["findings"] if f["check"].split(".")[0] in ("net","program")}
for clean in ["ext-web-a","ext-web-b","trade-app-1","trade-app-2","trade-ora","settle-app","risk-engine","dev-build","TRADE","PORTAL","ARCHIVE"]:
    assert clean not in objs, clean' "$TMP/u.json"
t unseen_due_dates_follow_severity jget "$TMP/u.json" '
  [f["due"] for f in d["findings"] if f["check"]=="net.db_in_dmz"] == ["2026-11-14"]'

# malformed evidence: exit 2, file:line:column on stderr, rest still evaluated, affected checks error
cp -r $U "$TMP/bad"
printf 'Host,Address,Segment,Env\nx1,10.1.2.99,Core-Servers,prod\n"unterminated,10.1.2.98,Core-Servers,prod\n' >"$TMP/bad/inventory/hosts.csv"
t_exit malformed_csv_exits_2 2 $FINCHECK assess "$TMP/bad" --format json
t malformed_csv_names_file_line_column grep -q 'inventory/hosts.csv:3:1: error: unterminated quoted field' "$TMP/err"
t malformed_csv_rest_evaluated jget "$TMP/out" '
  {r["check"]: r["status"] for r in d["results"]}["net.db_in_dmz"] == "error"
  and {r["check"]: r["status"] for r in d["results"]}["program.assessment_overdue"] == "fail"
  and any(e["file"] == "inventory/hosts.csv" and e["line"] == 3 for e in d["errors"])'

# a Big5 export (common in Taiwan) is refused with the position, not read as mojibake
cp -r $U "$TMP/big5"
printf 'Host,Address,Segment,Env\nweb\264\372,10.1.2.9,Core-Servers,prod\n' >"$TMP/big5/inventory/hosts.csv"
t_exit big5_csv_exits_2 2 $FINCHECK assess "$TMP/big5"
t big5_csv_names_line_column grep -q 'inventory/hosts.csv:2:4: error: not valid UTF-8' "$TMP/err"

# missing evidence: manual, never pass
mkdir -p "$TMP/orgonly" && cp $U/org.yaml "$TMP/orgonly/" && echo "stray" >"$TMP/orgonly/notes.txt"
t_exit org_only_bundle_exits_0 0 $FINCHECK assess "$TMP/orgonly" --format json
t missing_evidence_is_manual jget "$TMP/out" '
  {r["check"]: r["status"] for r in d["results"]}["net.db_in_dmz"] == "manual"
  and "inventory/hosts.csv" in {r["check"]: r.get("reason","") for r in d["results"]}["net.db_in_dmz"]
  and d["summary"]["pass"] < d["summary"]["checks"]'
t unrecognized_files_are_listed jget "$TMP/out" 'd["unrecognized"] == ["notes.txt"]'

# bad YAML in org.yaml: file:line:col
mkdir -p "$TMP/badyaml" && printf 'name: x\nindustry: [securities\n' >"$TMP/badyaml/org.yaml"
t_exit bad_yaml_exits_2 2 $FINCHECK assess "$TMP/badyaml"
t bad_yaml_names_line grep -q 'org.yaml:3:1: error: YAML' "$TMP/err"

t_exit fail_on_high_exits_3 3 $FINCHECK assess $U --fail-on high --format json
t_exit fail_on_bad_value_exits_1 1 $FINCHECK assess $U --fail-on severe
t_exit unknown_param_exits_1 1 $FINCHECK assess $U --param nope=1
t_exit param_out_of_range_exits_1 1 $FINCHECK assess $U --param reassess_after_major_incident_days=-1
t_exit no_such_bundle_exits_1 1 $FINCHECK assess /nonexistent/bundle
t_exit unknown_option_exits_1 1 $FINCHECK assess $U --frobnicate
t_exit unknown_command_exits_1 1 $FINCHECK frobnicate
$FINCHECK assess $U --param reassess_after_major_incident_days=365 --format json >"$TMP/p.json" 2>/dev/null
t param_override_changes_result jget "$TMP/p.json" '
  not any(f["check"]=="program.reassess_after_incident" for f in d["findings"])
  and d["parameter_origins"]["reassess_after_major_incident_days"] == "--param"'

$FINCHECK assess $U --format junit >"$TMP/j.xml" 2>/dev/null
t junit_is_well_formed python3 -c '
import sys, xml.etree.ElementTree as ET
r=ET.parse(sys.argv[1]).getroot()
assert r.tag=="testsuites" and int(r.get("failures"))>=5
assert any(tc.find("failure") is not None for tc in r.iter("testcase"))' "$TMP/j.xml"

$FINCHECK assess $U --lang en >"$TMP/en.txt" 2>/dev/null
t text_english grep -q 'database host ext-sql sits in DMZ zone Web-DMZ' "$TMP/en.txt"
$FINCHECK assess $U >"$TMP/zh.txt" 2>/dev/null
t text_zh_default grep -q '資料庫主機 ext-sql 位於DMZ區 Web-DMZ' "$TMP/zh.txt"
t as_of_override sh -c "$FINCHECK assess $U --as-of 2026-06-01 --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"as_of\"]==\"2026-06-01\"; assert not any(f[\"check\"]==\"program.reassess_after_incident\" for f in d[\"findings\"])'"
# every command takes --lang zh-TW (zh, zh_TW) or en, and refuses the rest
for c in "assess $U" "catalog" "plan $U" "findings list --db $TMP/none.db"; do
	t_exit "lang_refused_${c%% *}" 1 $FINCHECK $c --lang fr
	t "lang_refused_message_${c%% *}" grep -q -- '--lang takes zh-TW or en' "$TMP/err"
done
t_exit lang_zh_alias 0 $FINCHECK catalog --lang zh_TW
t_exit help_exits_0 0 $FINCHECK assess --help
t version_prints sh -c "$FINCHECK --version | grep -q '^fincheck 0.1.0$'"
t catalog_lists_frameworks sh -c "$FINCHECK catalog --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); ids=[f[\"id\"] for f in d[\"frameworks\"]]; assert set(ids)>={\"CC\",\"SA\",\"INS\",\"SYS\",\"NET\",\"A\"}, ids; c={x[\"id\"]:x for f in d[\"frameworks\"] for x in f[\"controls\"]}; assert c[\"SA-1.1\"][\"coverage\"]==\"automated\"; assert any(x[\"coverage\"]==\"not_covered\" for x in c.values())'"
# controls that do not apply to the institution are left out (an insurer is not cited TWSE CC-*)
cp -r $U "$TMP/ins" && sed -i 's/industry: securities/industry: insurance/' "$TMP/ins/org.yaml"
$FINCHECK assess "$TMP/ins" --format json >"$TMP/ins.json" 2>/dev/null
t insurer_gets_no_securities_controls jget "$TMP/ins.json" '
  all(not c.startswith(("CC-", "NET-", "SYS-")) for f in d["findings"] for c in f["controls"])
  and any("INS-NET-2" in f["controls"] for f in d["findings"])'
t securities_firm_gets_no_insurance_controls jget "$TMP/u.json" '
  all(not c.startswith("INS-") for f in d["findings"] for c in f["controls"])'
rm -rf "$TMP"
