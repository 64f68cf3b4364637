#!/bin/sh
# fincheck incident: deadlines from detection (30 min / 24 h / 3 days,
# seed 002 資安通報), overdue alerts, the audit chain, and a major incident
# feeding the assessment program's reassessment rule (seed 004 三、三)
# through `incident export` into a bundle's records/.
. tests/cli/lib.sh
CATARG=${FC_TEST_CATALOG:+--catalog $FC_TEST_CATALOG}
D=$TMP/inc
mkdir -p "$D"
DB=$D/i.db
inc() {
	# shellcheck disable=SC2086
	$FINCHECK incident --db "$DB" $CATARG --by 資安官 "$@"
}
export FINCHECK_NOW=2026-10-20T09:20:00+08:00
t inc_open_major sh -c "inc() { $FINCHECK incident --db '$DB' $CATARG --by 資安官 \"\$@\"; }; inc open --ref INC-2026-011 --title '網路下單主機遭 DDoS 攻擊' --detected 2026-10-20T09:00 --level 2 --major --system ETRADE >'$D/ref1'"
t inc_open_prints_ref grep -qx INC-2026-011 "$D/ref1"
inc open --title '官網遭置換首頁' --detected 2026-10-20T08:00:00+08:00 >"$D/ref2" 2>/dev/null
t inc_generated_ref grep -qx 'INC-20261020-001' "$D/ref2"
t_exit inc_major_needs_system 1 inc open --title 'x' --detected 2026-10-20T08:00 --major
t_exit inc_future_detection 1 inc open --title 'x' --detected 2026-10-21T08:00
t_exit inc_duplicate_ref 1 inc open --ref INC-2026-011 --title 'x' --detected 2026-10-20T08:00
t inc_initial_on_time inc report INC-2026-011 --initial --at 2026-10-20T09:25
t_exit inc_initial_twice 1 inc report INC-2026-011 --initial --at 2026-10-20T09:26
t_exit inc_before_detection 1 inc report INC-20261020-001 --formal --at 2026-10-20T07:00
t_exit inc_unknown 1 inc report INC-404 --initial
# at 09:20 the official-site incident (08:00) is 50 minutes past detection:
# its initial report (due 08:30) is overdue
inc status --format json >"$D/s1.json"
t inc_status_two_open jget "$D/s1.json" 'len(d["incidents"]) == 2 and d["overdue"] == 1'
t inc_status_states jget "$D/s1.json" '[(i["ref"], i["deadlines"]["initial_report"]["state"]) for i in d["incidents"]] == [("INC-2026-011", "on_time"), ("INC-20261020-001", "overdue")]'
t inc_status_due_times jget "$D/s1.json" '[i["deadlines"] for i in d["incidents"] if i["ref"] == "INC-2026-011"][0]["formal_report"]["due"] == "2026-10-21T09:00:00+08:00" and [i["deadlines"] for i in d["incidents"] if i["ref"] == "INC-2026-011"][0]["close"]["due"] == "2026-10-23T09:00:00+08:00"'
t inc_status_remaining jget "$D/s1.json" '[i["deadlines"]["formal_report"]["remaining_seconds"] for i in d["incidents"] if i["ref"] == "INC-2026-011"] == [85200]'
t_exit inc_fail_on_overdue 3 inc status --fail-on-overdue
t inc_status_text sh -c "$FINCHECK incident --db '$DB' $CATARG status | grep -q '初步通報 逾期'"
# a stricter parameter makes the DDoS initial report (25 min) late
inc status --format json --param incident_initial_report_min=20 >"$D/s2.json"
t inc_param_changes_deadline jget "$D/s2.json" '[i["deadlines"]["initial_report"]["state"] for i in d["incidents"] if i["ref"] == "INC-2026-011"] == ["late"]'
# formal report late (after 24 h), closure on time
export FINCHECK_NOW=2026-10-22T12:00:00+08:00
t inc_formal_late inc report INC-2026-011 --formal --at 2026-10-21T10:00
t inc_close inc close INC-2026-011 --at 2026-10-22T11:00
# a clean incident: every stage on time
inc open --ref INC-2026-012 --title '郵件系統誤判垃圾信' --detected 2026-10-21T08:00 >/dev/null 2>&1
inc report INC-2026-012 --initial --at 2026-10-21T08:20 2>/dev/null
inc report INC-2026-012 --formal --at 2026-10-21T15:00 2>/dev/null
inc close INC-2026-012 --at 2026-10-22T09:00 2>/dev/null
inc status --all --format json >"$D/s3.json"
t inc_closed_states jget "$D/s3.json" '[[i["deadlines"][k]["state"] for k in ("initial_report", "formal_report", "close")] for i in d["incidents"] if i["ref"] == "INC-2026-011"] == [["on_time", "late", "on_time"]]'
t inc_clean_on_time jget "$D/s3.json" '[[i["deadlines"][k]["state"] for k in ("initial_report", "formal_report", "close")] for i in d["incidents"] if i["ref"] == "INC-2026-012"] == [["on_time", "on_time", "on_time"]]'
inc status --format json >"$D/s4.json"
t inc_open_only jget "$D/s4.json" '[i["ref"] for i in d["incidents"]] == ["INC-20261020-001"]'
# the reassessment rule: the system's last major incident
inc systems --format json >"$D/sys.json"
t inc_systems jget "$D/sys.json" 'd["systems"] == [{"system_id": "ETRADE", "last_major_incident": "2026-10-20", "reassess_by": "2027-01-20"}]'
# export into a copy of the demo bundle: plan and assess see the incident
cp -r examples/demo "$D/bundle"
t inc_export inc export --out "$D/bundle/records/incidents.yaml"
t inc_export_fields grep -q 'formal_report_at: 2026-10-21T10:00:00+08:00' "$D/bundle/records/incidents.yaml"
# shellcheck disable=SC2086
$FINCHECK plan "$D/bundle" $CATARG --as-of 2026-11-01 --format json >"$D/plan.json" 2>/dev/null
t inc_plan_reassess jget "$D/plan.json" '[(s["major_incident"], s["reassess_due"], s["reassess_pending"]) for s in d["systems"] if s["system_id"] == "ETRADE"] == [("2026-10-20", "2027-01-20", True)]'
# shellcheck disable=SC2086
$FINCHECK assess "$D/bundle" $CATARG --as-of 2026-11-01 --format json >"$D/assess.json" 2>/dev/null
# the finding cites the exported file at the formal report's line
ln=$(grep -n 'formal_report_at: 2026-10-21T10:00:00+08:00' "$D/bundle/records/incidents.yaml" | cut -d: -f1)
t inc_assess_reporting_finding jget "$D/assess.json" '[(f["evidence"][0]["file"], "正式通報於偵知後 25" in f["detail"], f["evidence"][0]["line"]) for f in d["findings"] if f["check"] == "gov.incident_reporting" and f["object"] == "INC-2026-011"] == [("records/incidents.yaml", True, '"$ln"')]'
t inc_clean_no_finding jget "$D/assess.json" 'not [f for f in d["findings"] if f["object"] == "INC-2026-012"]'
t inc_audited python3 -c "
import sqlite3, sys
c = sqlite3.connect('$DB')
rows = c.execute(\"select action from audit_log where object = 'INC-2026-011' and actor = '資安官' order by seq\").fetchall()
sys.exit(0 if [r[0] for r in rows] == ['incident.open', 'incident.initial_report', 'incident.formal_report', 'incident.close'] else 1)"
