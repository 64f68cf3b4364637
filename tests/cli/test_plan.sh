# fincheck plan: the assessment program on an unseen bank bundle and on the
# demo (issue 8).  Cycles, the incident reassessment, the partial-then-full
# rule, fleet sampling (10% or 100 units, strata) and a reproducible draw.
. tests/cli/lib.sh
# graphics-stack caches are not leaks of ours (see the file)
export LSAN_OPTIONS="suppressions=$PWD/tests/cli/lsan-graphics.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
U=tests/fixtures/governance-unseen

$FINCHECK plan $U --format json >"$TMP/p.json" 2>"$TMP/p.err"
t plan_json_exit_0 test -s "$TMP/p.json"
t plan_overdue_systems_exactly jget "$TMP/p.json" '
  sorted(s["system_id"] for s in d["systems"] if s["overdue"]) == ["ACCT","MBANK","OPCENTER","SWIFT"]'
t plan_clean_systems_not_overdue jget "$TMP/p.json" '
  all(not s["overdue"] and not s["reassess_pending"] for s in d["systems"]
      if s["system_id"] in ("EBANK","ATM","BRANCH","CALLCTR","HRM","IOT"))'
t plan_cycles_by_category jget "$TMP/p.json" '
  {s["system_id"]: (s["category"], s["cycle_days"], s["next_due"]) for s in d["systems"]}["ACCT"] == (3, 1825, "2026-02-28")
  and {s["system_id"]: s["next_due"] for s in d["systems"]}["OPCENTER"] == "2026-06-29"
  and {s["system_id"]: s["next_due"] for s in d["systems"]}["EBANK"] == "2027-03-15"'
t plan_incident_reassessment jget "$TMP/p.json" '
  [(s["major_incident"], s["reassess_due"], s["next_due"], s["reassess_pending"], s["evidence"][0]["file"])
   for s in d["systems"] if s["system_id"] == "SWIFT"] == [("2026-06-08", "2026-09-08", "2026-09-08", True, "records/incidents.yaml")]'
t plan_partial_then_full jget "$TMP/p.json" '
  [(s["next_full_required"], s["partial_twice"], s["last_full_assessment"]) for s in d["systems"] if s["system_id"] == "CALLCTR"]
  == [(True, False, None)]'
t plan_plan_review_due jget "$TMP/p.json" '
  d["plan"] == {"present": True, "date": "2024-05-20", "approved_by": "第18屆第7次董事會", "next_review": "2027-05-20",
                "overdue": False, "file": "records/assessment-program.yaml", "line": 2}'
t plan_fleet_units_rule_and_insufficient jget "$TMP/p.json" '
  [(f["population"], f["required"], f["rule"], f["assessed"], f["sufficient"]) for f in d["fleets"] if f["system_id"] == "ATM"]
  == [(1156, 100, "100 units", 82, False)]'
t plan_fleet_strata_short jget "$TMP/p.json" '
  sorted(s["key"] for f in d["fleets"] if f["system_id"] == "ATM" for s in f["strata"] if s["assessed"] == 0)
  == ["app_version 4.1.0", "atm | Windows 7 Embedded POSReady | 2024-12", "atm_server | Windows Server 2016 | 2026-05"]'
t plan_clean_fleets_sufficient jget "$TMP/p.json" '
  {f["system_id"]: (f["required"], f["rule"], f["assessed"], f["sufficient"]) for f in d["fleets"] if f["system_id"] != "ATM"}
  == {"BRANCH": (38, "10%", 40, True), "IOT": (4, "10%", 5, True)}'
t plan_default_seed_is_asof jget "$TMP/p.json" 'd["seed"] == 20260930 and d["prng"] == "splitmix64"'
t plan_draw_covers_every_stratum python3 -c '
import json, csv, sys
d = json.load(open(sys.argv[1]))
dev = {r["Device_ID"]: r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig"))}
f = [f for f in d["fleets"] if f["system_id"] == "ATM"][0]
draw = f["draw"]
assert len(draw) == 100 and len(set(draw)) == 100, len(draw)
keys = {(dev[x]["Type"], dev[x]["OS"], dev[x]["Patch_Level"]) for x in draw}
apps = {dev[x]["App_Version"] for x in draw if dev[x]["Type"] == "atm_server"}
assert ("atm", "Windows 7 Embedded POSReady", "2024-12") in keys, keys
assert ("atm_server", "Windows Server 2016", "2026-05") in keys and apps == {"4.1.0", "4.2.1"}, (keys, apps)
' "$TMP/p.json" $U/inventory/devices.csv

$FINCHECK plan $U --format json --seed 5 >"$TMP/s5a.json" 2>/dev/null
$FINCHECK plan $U --format json --seed 5 >"$TMP/s5b.json" 2>/dev/null
$FINCHECK plan $U --format json --seed 6 >"$TMP/s6.json" 2>/dev/null
t plan_draw_reproducible_from_seed python3 -c '
import json, sys
a, b, c = (json.load(open(x)) for x in sys.argv[1:4])
assert a["seed"] == 5 and all(f["seed"] == 5 for f in a["fleets"])
assert [f["draw"] for f in a["fleets"]] == [f["draw"] for f in b["fleets"]]
assert [f["draw"] for f in a["fleets"]] != [f["draw"] for f in c["fleets"]]' "$TMP/s5a.json" "$TMP/s5b.json" "$TMP/s6.json"

# rows reordered in the export: the same draw (devices are sorted by id first)
mkdir -p "$TMP/moved" && cp -r $U/* "$TMP/moved/"
(head -1 $U/inventory/devices.csv; tail -n +2 $U/inventory/devices.csv | sort -r) >"$TMP/moved/inventory/devices.csv"
$FINCHECK plan "$TMP/moved" --format json --seed 5 >"$TMP/mv.json" 2>/dev/null
t plan_draw_independent_of_row_order python3 -c '
import json, sys
a, b = (json.load(open(x)) for x in sys.argv[1:3])
assert [f["draw"] for f in a["fleets"]] == [f["draw"] for f in b["fleets"]]' "$TMP/s5a.json" "$TMP/mv.json"

$FINCHECK plan $U --format json --param sample_min_units=50 >"$TMP/p50.json" 2>/dev/null
t plan_param_override jget "$TMP/p50.json" '
  [(f["required"], f["rule"], len(f["draw"])) for f in d["fleets"] if f["system_id"] == "ATM"] == [(50, "100 units", 50)]
  and d["parameters"]["sample_min_units"] == 50'

$FINCHECK plan $U --format csv --seed 5 >"$TMP/p.csv" 2>/dev/null
t plan_csv_rows python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
sysrows = {r["system_id"]: r for r in rows if r["kind"] == "system"}
assert sysrows["MBANK"]["overdue"] == "yes" and sysrows["EBANK"]["overdue"] == "no", sysrows["MBANK"]
assert len([r for r in rows if r["kind"] == "draw" and r["system_id"] == "ATM"]) == 100
fl = [r for r in rows if r["kind"] == "fleet" and r["system_id"] == "ATM"][0]
assert (fl["population"], fl["required"], fl["rule"], fl["assessed"], fl["sufficient"]) == ("1156", "100", "100 units", "82", "no"), fl' "$TMP/p.csv"

$FINCHECK plan $U >"$TMP/p.txt" 2>/dev/null
t plan_text_names_insufficient_fleet grep -q "ATM（atm, atm_server）：1156 台，應抽測 100 台（100 units），週期內已評估 82 台 — 不足" "$TMP/p.txt"
$FINCHECK plan $U --lang en >"$TMP/pe.txt" 2>/dev/null
t plan_text_english grep -q "ATM (atm, atm_server): 1156 devices, sample 100 (100 units), 82 assessed in the cycle — INSUFFICIENT" "$TMP/pe.txt"

$FINCHECK plan examples/demo --format json >"$TMP/demo.json" 2>/dev/null
t plan_demo_kiosk_and_crm jget "$TMP/demo.json" '
  [(f["required"], f["assessed"], f["sufficient"]) for f in d["fleets"] if f["system_id"] == "KIOSK"] == [(3, 1, False)]
  and [s["partial_twice"] for s in d["systems"] if s["system_id"] == "CRM"] == [True]
  and [s["reassess_pending"] for s in d["systems"] if s["system_id"] == "BACKOFFICE"] == [True]'

t_exit plan_usage_missing_bundle 1 $FINCHECK plan
t_exit plan_usage_bad_seed 1 $FINCHECK plan $U --seed abc
t_exit plan_usage_bad_format 1 $FINCHECK plan $U --format xml
t_exit plan_no_such_bundle 1 $FINCHECK plan "$TMP/does-not-exist"
t_exit plan_help 0 $FINCHECK plan --help
