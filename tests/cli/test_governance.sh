# Governance evidence (issue 8): `assess` on an unseen bank bundle finds its
# deficiencies with the right file and line, and its clean objects draw
# nothing; the demo's passing and failing cases; record types absent →
# manual, never pass.
. tests/cli/lib.sh
# graphics-stack caches are not leaks of ours (see the file)
export LSAN_OPTIONS="suppressions=$PWD/tests/cli/lsan-graphics.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
U=tests/fixtures/governance-unseen

$FINCHECK assess $U --format json >"$TMP/u.json" 2>"$TMP/u.err"
t unseen_exit_0_no_errors jget "$TMP/u.json" 'd["errors"] == [] and d["summary"]["error"] == 0'
t unseen_governance_findings_exactly python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
got = sorted((f["check"], f["object"], f["evidence"][0]["file"], f["evidence"][0]["line"])
             for f in d["findings"] if f["check"].startswith("gov.") or f["check"] in
             ("program.plan_review", "program.assessor_qualification", "program.fleet_sample_insufficient"))
want = sorted([
 ("gov.risk_assessment", "東豐商業銀行股份有限公司", "records/governance.yaml", 3),            # late risk assessment
 ("gov.social_engineering_drill", "東豐商業銀行股份有限公司", "records/governance.yaml", 13),   # late drill
 ("gov.training_hours", "T0102", "hr/employees.csv", 3),                                     # security staff 12 h < 15
 ("gov.training_hours", "T0302", "hr/employees.csv", 9),                                     # user 2 h < 3
 ("gov.outsourcing_contract", "聯宇ATM維護股份有限公司", "records/governance.yaml", 93),       # no audit right
 ("gov.incident_reporting", "TF-2026-0608-01", "records/incidents.yaml", 5),                 # initial report 90 min
 ("program.assessor_qualification", "SWIFT", "records/assessment-program.yaml", 47),         # cat 1, CISSP only
 ("gov.iot_default_passwords", "東豐商業銀行股份有限公司", "records/governance.yaml", 100),
 ("program.fleet_sample_insufficient", "ATM", "inventory/systems.csv", 4),
])
assert got == want, "\n".join(map(str, got))' "$TMP/u.json"
t unseen_details_are_specific python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
det = {(f["check"], f["object"]): f["detail"] for f in d["findings"]}
assert "2025-07-01" in det[("gov.risk_assessment", "東豐商業銀行股份有限公司")] and "91" in det[("gov.risk_assessment", "東豐商業銀行股份有限公司")]
assert "12.0 小時" in det[("gov.training_hours", "T0102")] and "15" in det[("gov.training_hours", "T0102")]
assert "90 分鐘" in det[("gov.incident_reporting", "TF-2026-0608-01")]
q = det[("program.assessor_qualification", "SWIFT")]
assert "(一)" in q and "(三)" in q and "(四)" in q and "(二)" not in q
assert "委外稽核權" in det[("gov.outsourcing_contract", "聯宇ATM維護股份有限公司")]' "$TMP/u.json"
t unseen_clean_objects_draw_nothing python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
objs = {f["object"] for f in d["findings"]}
for clean in ["EBANK", "BRANCH", "CALLCTR", "HRM", "IOT", "T0101", "T0103", "T0201", "T0402", "T0501",
              "台灣資安評鑑股份有限公司", "TF-2026-0815-02", "板橋分行 ATM-00977（汰換）"]:
    assert clean not in objs, clean
st = {r["check"]: r["status"] for r in d["results"]}
for c in ["gov.policy_review", "gov.policy_approval", "program.plan_review", "gov.bcp_drill", "gov.pentest",
          "gov.source_code_scan", "gov.disposal", "gov.iot_inventory"]:
    assert st[c] == "pass", (c, st[c])
assert st["gov.health_check"] == "not_applicable" and st["gov.app_certification"] == "not_applicable"' "$TMP/u.json"
t unseen_finding_due_dates jget "$TMP/u.json" '
  {f["check"]: f["due"] for f in d["findings"] if f["object"] == "TF-2026-0608-01"} == {"gov.incident_reporting": "2026-10-30"}'

$FINCHECK assess $U --format json --lang en >"$TMP/ue.json" 2>/dev/null
t unseen_english_detail jget "$TMP/ue.json" '
  [f["detail"] for f in d["findings"] if f["check"] == "gov.training_hours" and f["object"] == "T0302"]
  == ["T0302 簡志豪 (system user) had 2.0 hours of security training in the last year; 3 required"]'

# parameters from org.yaml / --param move the thresholds
$FINCHECK assess $U --format json --param training_hours.security_staff=12 --param risk_assessment_days=500 >"$TMP/up.json" 2>/dev/null
t unseen_params_change_judgement jget "$TMP/up.json" '
  not [f for f in d["findings"] if f["object"] == "T0102" or f["check"] == "gov.risk_assessment"]'

$FINCHECK assess examples/demo --format json >"$TMP/demo.json" 2>/dev/null
t demo_governance_failing_cases python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
got = {(f["check"], f["object"]) for f in d["findings"]}
for w in [("gov.social_engineering_drill", "2026-04-15"), ("gov.training_hours", "E1003"), ("gov.training_hours", "E2013"),
          ("gov.bcp_drill", "2026-08-20"), ("gov.health_check", "範例證券股份有限公司"), ("gov.source_code_scan", "BACKOFFICE"),
          ("gov.outsourcing_contract", "遠端維運科技股份有限公司"), ("gov.iot_default_passwords", "範例證券股份有限公司"),
          ("gov.disposal", "NB-SALES-009"), ("gov.incident_reporting", "INC-2026-007"), ("gov.risk_assessment", "範例證券股份有限公司"),
          ("program.assessor_qualification", "BACKOFFICE"), ("program.fleet_sample_insufficient", "KIOSK")]:
    assert w in got, w
for clean in [("gov.training_hours", "E1002"), ("gov.source_code_scan", "ETRADE"), ("gov.outsourcing_contract", "安信資安顧問"),
              ("gov.outsourcing_contract", "雲信郵件服務"), ("gov.incident_reporting", "INC-2026-011"),
              ("program.assessor_qualification", "ETRADE"), ("program.assessor_qualification", "CRM")]:
    assert clean not in got, clean' "$TMP/demo.json"
t demo_assessor_independence_and_qualification jget "$TMP/demo.json" '
  sorted(f["evidence"][0]["line"] for f in d["findings"] if f["check"] == "program.assessor_qualification") == [29, 35]'

# a bundle without governance records: every record-based check is manual, none passes
$FINCHECK assess tests/fixtures/foundation-unseen --format json >"$TMP/f.json" 2>/dev/null
t absent_record_types_are_manual python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
st = {r["check"]: (r["status"], r.get("reason", "")) for r in d["results"]}
for c in ["gov.risk_assessment", "gov.training_hours", "gov.social_engineering_drill", "gov.outsourcing_contract",
          "gov.disposal", "gov.iot_default_passwords", "program.plan_review", "program.assessor_qualification"]:
    assert st[c][0] == "manual", (c, st[c])
assert "training" in st["gov.training_hours"][1]
assert st["program.fleet_sample_insufficient"][0] == "manual"' "$TMP/f.json"

# malformed governance records: file:line, exit 2, the checks report error
mkdir -p "$TMP/bad" && cp -r $U/* "$TMP/bad/"
printf -- "- type: training\n  date: 2026-13-45\n  hours: 3\n- type: phishing_drill\n  date: 2026-01-01\n" >"$TMP/bad/records/broken.yaml"
t_exit malformed_records_exit_2 2 $FINCHECK assess "$TMP/bad" --format json
t malformed_records_name_file_line sh -c "$FINCHECK assess '$TMP/bad' 2>&1 >/dev/null | grep -q 'records/broken.yaml:2' && $FINCHECK assess '$TMP/bad' 2>&1 >/dev/null | grep -q \"records/broken.yaml:4.*unknown record type 'phishing_drill'\""
$FINCHECK assess "$TMP/bad" --format json >"$TMP/bad.json" 2>/dev/null
t malformed_records_checks_error jget "$TMP/bad.json" '
  {r["check"]: r["status"] for r in d["results"]}["gov.training_hours"] == "error"'
