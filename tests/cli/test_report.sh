# assess --out DIR: the formal report (report.pdf, report.html), findings.xlsx
# and the OSCAL assessment results (issue 8).  Seed 004 評估報告 一 names ten
# contents; evidence strings must never turn into markup or formulas.
. tests/cli/lib.sh
# graphics-stack caches are not leaks of ours (see the file)
export LSAN_OPTIONS="suppressions=$PWD/tests/cli/lsan-graphics.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
H=tests/fixtures/report-hostile
O="$TMP/demo-out"

$FINCHECK assess examples/demo --out "$O" --format json >"$TMP/demo.json" 2>"$TMP/demo.err"
t report_files_written sh -c "test -s '$O/report.pdf' && test -s '$O/report.html' && test -s '$O/findings.xlsx' \
  && test -s '$O/oscal-assessment-results.json' && test -s '$O/results.json' && test -s '$O/results.junit.xml'"

pdftotext -layout "$O/report.pdf" "$TMP/r.txt" 2>/dev/null
t report_pdf_has_ten_required_headings python3 -c '
import sys
t = open(sys.argv[1], encoding="utf-8").read()
need = ["評估人員資格", "評估範圍", "評估作業項目與標的", "評估紀錄", "缺失項目", "缺失嚴重程度",
        "缺失類別", "風險說明", "具體改善建議", "社交演練結果", "管理摘要"]
miss = [h for h in need if h not in t]
assert not miss, miss' "$TMP/r.txt"
t report_pdf_embeds_cjk_font sh -c "pdffonts '$O/report.pdf' | grep -E 'NotoSansCJK|CJK' | grep -q ' yes yes '"
t report_pdf_is_a4_with_pages sh -c "pdfinfo '$O/report.pdf' | grep -q 'A4' && test \$(pdfinfo '$O/report.pdf' | sed -n 's/^Pages: *//p') -ge 10"
t report_pdf_page_numbers python3 -c '
import re, subprocess, sys
n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", sys.argv[1]], capture_output=True, text=True).stdout).group(1))
t = open(sys.argv[2], encoding="utf-8").read()
for p in (1, 2, n):
    assert "第 %d 頁，共 %d 頁" % (p, n) in t, p' "$O/report.pdf" "$TMP/r.txt"
t report_pdf_toc_points_at_sections python3 -c '
import re, subprocess, sys
pdf = sys.argv[1]
p1 = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-"], capture_output=True, text=True).stdout
m = re.search(r"五、缺失項目[ .]*?(\d+)\s*$", p1, re.M)
assert "目錄" in p1 and m, p1[-800:]
page = int(m.group(1))
pt = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), pdf, "-"], capture_output=True, text=True).stdout
assert "五、缺失項目" in pt, page' "$O/report.pdf"
t report_pdf_findings_and_deadlines python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); t = open(sys.argv[2], encoding="utf-8").read()
f = [f for f in d["findings"] if f["check"] == "gov.outsourcing_contract"][0]
assert f["object"] in t and f["due"] in t and "控管措施" in t
assert "點擊 23 人" in t or "23" in t' "$TMP/demo.json" "$TMP/r.txt"
t report_pdf_drill_results grep -q "2026-04-15" "$TMP/r.txt"
t report_pdf_assessors_listed sh -c "grep -q '林佳蓉' '$TMP/r.txt' && grep -q '資訊部系統組' '$TMP/r.txt'"

t report_html_headings python3 -c '
import sys
t = open(sys.argv[1], encoding="utf-8").read()
for h in ["評估人員資格", "評估範圍", "評估作業項目與標的", "評估紀錄", "缺失項目", "缺失嚴重程度", "缺失類別", "風險說明", "具體改善建議", "社交演練結果"]:
    assert "<h2>" in t and h in t, h
assert "<svg" in t and "Content-Security-Policy" in t and "<script" not in t' "$O/report.html"

# the XLSX: one row per finding, zh-TW headers, autofilter, frozen header row
unzip -p "$O/findings.xlsx" xl/worksheets/sheet1.xml >"$TMP/sheet1.xml" 2>/dev/null
t xlsx_rows_match_findings python3 -c '
import json, re, sys
d = json.load(open(sys.argv[1])); x = open(sys.argv[2], encoding="utf-8").read()
rows = re.findall(r"<row r=\"(\d+)\"", x)
assert len(rows) == len(d["findings"]) + 1, (len(rows), len(d["findings"]))
for f in d["findings"][:20]:
    assert ">%s<" % f["id"] in x, f["id"]
assert "<autoFilter ref=\"A1:P%d\"" % (len(d["findings"]) + 1) in x
assert re.search(r"<pane [^>]*ySplit=\"1\"[^>]*state=\"frozen\"", x)
for h in ["編號", "風險等級", "對象", "證據檔案", "具體改善建議", "改善期限"]:
    assert ">%s<" % h in x, h
assert "<f>" not in x' "$TMP/demo.json" "$TMP/sheet1.xml"

# hostile evidence: markup and formulas stay text
HO="$TMP/hostile-out"
$FINCHECK assess $H --out "$HO" >/dev/null 2>"$TMP/h.err"
unzip -p "$HO/findings.xlsx" xl/worksheets/sheet1.xml >"$TMP/hs.xml" 2>/dev/null
t xlsx_formula_strings_stay_text python3 -c '
import re, sys
x = open(sys.argv[1], encoding="utf-8").read()
assert "<f>" not in x and "<f " not in x
cells = dict(re.findall(r"<c r=\"([A-Z]+\d+)\"[^>]*t=\"inlineStr\"><is><t[^>]*>([^<]*)</t>", x))
vals = set(cells.values())
for v in ["=HYPERLINK(&quot;http://evil.example/x&quot;,&quot;點我&quot;)", "=cmd|&apos; /C calc&apos;!A0"]:
    v2 = v.replace("&quot;", "\"").replace("&apos;", "\x27")
    assert v in vals or v2 in vals, (v, [c for c in vals if "=" in c][:5])' "$TMP/hs.xml"
t html_escapes_hostile_strings python3 -c '
import sys
t = open(sys.argv[1], encoding="utf-8").read()
assert "<script" not in t.lower() and "<img" not in t.lower() and "<b>bold" not in t
assert "&lt;script&gt;alert(" in t and "&lt;img src=x onerror=alert(1)&gt;" in t' "$HO/report.html"
t pdf_shows_hostile_text_literally sh -c "pdftotext '$HO/report.pdf' - | grep -q \"<script>alert('x')</script>\""

# OSCAL 1.1 assessment results
t oscal_structure python3 -c '
import json, re, sys
d = json.load(open(sys.argv[1])); r = json.load(open(sys.argv[2]))
ar = d["assessment-results"]
u = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
assert u.match(ar["uuid"]) and ar["metadata"]["oscal-version"].startswith("1.1")
assert ar["import-ap"]["href"] and ar["metadata"]["last-modified"] == "2026-11-01T00:00:00+08:00"
res = ar["results"][0]
assert len(res["findings"]) == len(r["findings"]) == len(res["observations"]) == len(res["risks"])
obs = {o["uuid"] for o in res["observations"]}; risks = {k["uuid"]: k for k in res["risks"]}
ids = {p["value"] for f in res["findings"] for p in f["props"] if p["name"] == "fincheck-id"}
assert ids == {f["id"] for f in r["findings"]}
for f in res["findings"]:
    assert u.match(f["uuid"]) and f["target"]["status"]["state"] == "not-satisfied"
    assert f["related-observations"][0]["observation-uuid"] in obs
    assert f["related-risks"][0]["risk-uuid"] in risks
due = {f["id"]: f["due"] for f in r["findings"]}
for f in res["findings"]:
    k = risks[f["related-risks"][0]["risk-uuid"]]
    fid = [p["value"] for p in f["props"] if p["name"] == "fincheck-id"][0]
    assert k["status"] == "open" and k.get("deadline") == (due[fid] + "T23:59:59+08:00" if due[fid] else None), (k, due[fid])
ctl = {c["control-id"] for c in res["reviewed-controls"]["control-selections"][0]["include-controls"]}
assert {"SA-P.6", "CC-19000.1", "CC-21100.1"} <= ctl' "$O/oscal-assessment-results.json" "$TMP/demo.json"
U=tests/fixtures/governance-unseen
$FINCHECK assess $U --out "$TMP/u1" >/dev/null 2>&1
$FINCHECK assess $U --out "$TMP/u2" >/dev/null 2>&1
t oscal_reproducible_across_runs cmp "$TMP/u1/oscal-assessment-results.json" "$TMP/u2/oscal-assessment-results.json"
t oscal_finding_uuid_is_v5_of_id python3 -c '
import hashlib, json, sys, uuid
d = json.load(open(sys.argv[1]))
ns = uuid.UUID("5b0e8f3a-1c2d-4e6f-8a9b-0c1d2e3f4a5b")
for f in d["assessment-results"]["results"][0]["findings"]:
    fid = [p["value"] for p in f["props"] if p["name"] == "fincheck-id"][0]
    assert f["uuid"] == str(uuid.uuid5(ns, "finding:" + fid)), fid' "$TMP/u1/oscal-assessment-results.json"

# English
$FINCHECK assess examples/demo --lang en --out "$TMP/en" >/dev/null 2>&1
t report_english_headings sh -c "pdftotext '$TMP/en/report.pdf' - | grep -q 'Assessor qualifications' && pdftotext '$TMP/en/report.pdf' - | grep -q 'Social-engineering drill results' && grep -q 'Specific remediation' '$TMP/en/report.html'"
t xlsx_english_headers sh -c "unzip -p '$TMP/en/findings.xlsx' xl/worksheets/sheet1.xml | grep -q '>Severity<'"

t_exit report_unwritable_dir_is_error 2 $FINCHECK assess examples/demo --out /proc/fincheck-cannot-write
