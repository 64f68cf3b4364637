#!/bin/sh
# fincheck supervise over an unseen set of firms' results
# (tests/fixtures/supervise-unseen: six firms, periods 2025 and 2026).
# Every expected value below was computed by hand from the fixture files
# with the default parameters: deduction points critical 5, high 3,
# medium 2, low 1, info 0, counted once per deficiency type at its worst
# severity; zones at e-trading share 0.5 and 20 points, 40 points severe;
# hidden risk = share grew by >= 10 points of percentage.
#
#   2026  points (types)                         share  zone       2025 pts
#   南港綜合  6 crit×5 + 4 high×3 + 1 med×2 = 44 (11)  0.12   attention  13
#   北辰      2 crit×5 + 4 high×3 + 1 med×2 = 24 (7)   0.78   attention  11
#   合興      5 high×3 + 2 med×2 + 1 low = 20 (8)     0.50   attention   8
#   東海      4 high×3 + 4 med×2 = 20 (8)             0.35   guidance   10
#   青峰      1 high + 1 med + 1 low = 6 (3)           0.66   watch       3
#   信義      1 low (+ info) = 1 (1)                   0.20   low         —
. tests/cli/lib.sh
CATARG=${FC_TEST_CATALOG:+--catalog $FC_TEST_CATALOG}
X=tests/fixtures/supervise-unseen
D=$TMP/sv
mkdir -p "$D"
DB=$D/sv.db
export FINCHECK_NOW=2026-12-01T09:00:00+08:00
# shellcheck disable=SC2086
t sv_import_2025 $FINCHECK supervise import --db "$DB" $CATARG --by examiner "$X"/2025/*.json
# shellcheck disable=SC2086
t sv_import_2026 $FINCHECK supervise import --db "$DB" $CATARG --by examiner "$X"/2026/*.json
# shellcheck disable=SC2086
$FINCHECK supervise status --db "$DB" $CATARG --format json >"$D/status.json"
t sv_status_period jget "$D/status.json" 'd["period"] == "2026" and d["previous_period"] == "2025"'
t sv_status_order jget "$D/status.json" '[f["firm"][:2] for f in d["firms"]] == ["南港", "北辰", "合興", "東海", "青峰", "信義"]'
t sv_status_points jget "$D/status.json" '[f["points"] for f in d["firms"]] == [44, 24, 20, 20, 6, 1]'
t sv_status_types jget "$D/status.json" '[f["deficiency_types"] for f in d["firms"]] == [11, 7, 8, 8, 3, 1]'
t sv_status_zones jget "$D/status.json" '[f["zone"] for f in d["firms"]] == ["attention", "attention", "attention", "guidance", "watch", "low"]'
t sv_status_zone_counts jget "$D/status.json" 'd["zones"] == {"attention": 3, "guidance": 1, "watch": 1, "low": 1}'
t sv_status_attention jget "$D/status.json" 'd["attention"] == ["南港綜合證券股份有限公司", "北辰證券股份有限公司", "合興證券股份有限公司"]'
t sv_status_change jget "$D/status.json" '[f.get("change") for f in d["firms"]] == [31, 13, 12, 10, 3, None]'
t sv_status_share jget "$D/status.json" 'd["firms"][2]["etrading_share"] == 0.5 and d["firms"][5]["etrading_share"] == 0.2'
t sv_status_severity_counts jget "$D/status.json" 'd["firms"][1]["findings"] == {"critical": 2, "high": 6, "medium": 5, "low": 0, "info": 3}'
# the previous period on its own
# shellcheck disable=SC2086
$FINCHECK supervise status --db "$DB" $CATARG --period 2025 --format json >"$D/status25.json"
t sv_status_2025 jget "$D/status25.json" 'd["previous_period"] is None and [f["points"] for f in d["firms"]] == [13, 11, 10, 8, 3] and d["attention"] == []'
# a parameter moves firms: high worth 4 puts 合興 (5 high) at 25 above 東海 (4 high) at 24
# shellcheck disable=SC2086
$FINCHECK supervise status --db "$DB" $CATARG --param deduction_points.high=4 --format json >"$D/status_p.json"
t sv_status_param jget "$D/status_p.json" '[(f["firm"][:2], f["points"]) for f in d["firms"]][:4] == [("南港", 48), ("北辰", 28), ("合興", 25), ("東海", 24)]'
# per finding instead of per type: 北辰 = 2×5 + 6×3 + 5×2 = 38
# shellcheck disable=SC2086
$FINCHECK supervise status --db "$DB" $CATARG --param deduction_per_finding=true --format json >"$D/status_f.json"
t sv_status_per_finding jget "$D/status_f.json" '[f["points"] for f in d["firms"] if f["firm"].startswith("北辰")] == [38]'

# 風險趨勢分析: share of the 6 firms (5 in 2025) with each deficiency type
# shellcheck disable=SC2086
$FINCHECK supervise trend --db "$DB" $CATARG --format json >"$D/trend.json"
t sv_trend_firms jget "$D/trend.json" 'd["firms"] == 6 and d["previous_firms"] == 5'
t sv_trend_order jget "$D/trend.json" '[x["check"] for x in d["types"]][:9] == ["account.dormant", "gov.incident_reporting", "vuln.overdue", "host.eos_os", "fw.any_any_permit", "fw.shadowed_rule", "account.no_mfa", "fw.db_from_internet", "gov.pentest"]'
t sv_trend_dormant jget "$D/trend.json" '[(x["firms"], round(x["share"], 4), x["previous_firms"], round(x["change"], 4)) for x in d["types"] if x["check"] == "account.dormant"] == [(5, 0.8333, 5, -0.1667)]'
t sv_trend_incident jget "$D/trend.json" '[(x["firms"], round(x["share"], 4), x["previous_firms"], x["hidden_risk"]) for x in d["types"] if x["check"] == "gov.incident_reporting"] == [(4, 0.6667, 0, True)]'
t sv_trend_vuln_not_hidden jget "$D/trend.json" '[(round(x["change"], 4), x["hidden_risk"]) for x in d["types"] if x["check"] == "vuln.overdue"] == [(0.0667, False)]'
t sv_trend_no_info jget "$D/trend.json" 'not [x for x in d["types"] if x["check"] == "log.new_source_ip"]'
t sv_trend_hidden_count jget "$D/trend.json" 'len(d["hidden_risks"]) == 14 and "gov.training_hours" not in d["hidden_risks"]'
t sv_trend_areas jget "$D/trend.json" '[(a["area"], a["firms"], round(a["change"], 4)) for a in d["areas"]] == [("firewall", 6, 0.4), ("governance", 5, 0.4333), ("account", 5, -0.1667), ("vuln", 4, 0.0667), ("host", 4, -0.1333), ("pii", 2, 0.3333)]'
# a stricter growth threshold keeps only the fast-growing types
# shellcheck disable=SC2086
$FINCHECK supervise trend --db "$DB" $CATARG --param trend_hidden_growth=0.2 --format json >"$D/trend2.json"
t sv_trend_param jget "$D/trend2.json" 'sorted(d["hidden_risks"]) == ["account.no_mfa", "fw.any_any_permit", "fw.shadowed_rule", "gov.incident_reporting"]'
# shellcheck disable=SC2086
$FINCHECK supervise trend --db "$DB" $CATARG --format csv >"$D/trend.csv"
t sv_trend_csv grep -q '^2026,2025,check,gov.incident_reporting,governance,資安事件通報逾時,4,0.6667,0,0.0000,0.6667,yes' "$D/trend.csv"
# shellcheck disable=SC2086
t sv_text_lists_attention sh -c "$FINCHECK supervise status --db '$DB' $CATARG | grep -q '需關懷之證券商：南港綜合證券股份有限公司、北辰證券股份有限公司、合興證券股份有限公司'"

# re-importing a firm's period replaces it (no double counting)
# shellcheck disable=SC2086
$FINCHECK supervise import --db "$DB" $CATARG "$X/2026/beichen.json" 2>"$D/re.err"
t sv_reimport_replaces grep -q 'replaced the earlier import' "$D/re.err"
# shellcheck disable=SC2086
$FINCHECK supervise status --db "$DB" $CATARG --format json >"$D/status2.json"
t sv_reimport_same jget "$D/status2.json" 'len(d["firms"]) == 6 and [f["points"] for f in d["firms"]] == [44, 24, 20, 20, 6, 1]'

# the yearly publication (seed 001): 38 deficiency rows in 2026 (11+7+8+8+3+1)
# shellcheck disable=SC2086
t sv_publish $FINCHECK supervise publish --db "$DB" $CATARG --year 2026 --out "$D"
t sv_publish_csv_rows sh -c "[ \$(tail -n +2 '$D/deficiencies-2026.csv' | wc -l) = 38 ]"
t sv_publish_csv_header sh -c "head -1 '$D/deficiencies-2026.csv' | grep -q '年度,證券商,查核基準日,缺失類型代碼,缺失項目,對應控制項,嚴重程度,件數'"
t sv_publish_csv_row grep -q '^115,北辰證券股份有限公司,2026-09-30,fw.db_from_internet,資料庫服務可自網際網路連線,.*,嚴重,1' "$D/deficiencies-2026.csv"
t sv_publish_xlsx python3 -c "
import zipfile, sys
z = zipfile.ZipFile('$D/deficiencies-2026.xlsx')
s = z.read('xl/sharedStrings.xml').decode()
w = z.read('xl/worksheets/sheet1.xml').decode()
sys.exit(0 if '北辰證券股份有限公司' in s and '<f>' not in w and w.count('<row ') == 39 else 1)"
# shellcheck disable=SC2086
$FINCHECK supervise publish --db "$DB" $CATARG --year 2026 --firm 青峰證券股份有限公司 --out "$D/one" 2>/dev/null
t sv_publish_one_firm sh -c "[ \$(tail -n +2 '$D/one/deficiencies-2026.csv' | wc -l) = 3 ]"

# malformed results are refused with the file and where
printf '{"org": {"name": "X"}, "as_of": "2026-10-01", "findings": [{"check": "a.b", "severity": "severe"}]}' >"$D/bad.json"
# shellcheck disable=SC2086
t_exit sv_bad_severity 2 $FINCHECK supervise import --db "$DB" $CATARG "$D/bad.json"
t sv_bad_severity_message grep -q 'bad.json: error: findings\[0\].severity: expected critical, high, medium, low or info' "$TMP/err"
head -c 300 "$X/2026/xinyi.json" >"$D/trunc.json"
# shellcheck disable=SC2086
t_exit sv_truncated 2 $FINCHECK supervise import --db "$DB" $CATARG "$D/trunc.json"
t sv_truncated_line grep -q 'trunc.json:[0-9]*:[0-9]*: error: not valid JSON' "$TMP/err"
printf '{"org": {"name": "Y", "etrading_share": 1.7}, "as_of": "2026-10-01", "findings": []}' >"$D/share.json"
# shellcheck disable=SC2086
t_exit sv_bad_share 2 $FINCHECK supervise import --db "$DB" $CATARG "$D/share.json"
# shellcheck disable=SC2086
t_exit sv_no_verb 1 $FINCHECK supervise --db "$DB" $CATARG
# shellcheck disable=SC2086
t_exit sv_unknown_period 1 $FINCHECK supervise status --db "$DB" $CATARG --period 1999
# nothing half-imported: still six firms
# shellcheck disable=SC2086
$FINCHECK supervise status --db "$DB" $CATARG --format json >"$D/status3.json"
t sv_bad_files_left_nothing jget "$D/status3.json" 'len(d["firms"]) == 6'
t sv_imports_audited python3 -c "
import sqlite3, sys
c = sqlite3.connect('$DB')
n = c.execute(\"select count(*) from audit_log where action = 'supervise.import' and actor = 'examiner'\").fetchone()[0]
sys.exit(0 if n == 11 else 1)"
