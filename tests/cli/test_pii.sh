#!/bin/sh
# fincheck pii and the personal-data checks (issue 7), on the demo bundle and
# on an unseen institution (tests/fixtures/pii-unseen: a non-life insurer;
# a semicolon CSV with CRLF and BOM from a UAT host, a gzip-rotated payment
# log, a masked public page, a masked UTF-16LE roster, and a file of
# checksum-invalid numbers in the QA zone).
. tests/cli/lib.sh

jeq() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
got = str(eval(sys.argv[2], {"d": d, "len": len, "sorted": sorted, "sum": sum}))
if got != sys.argv[3]:
    print("expected:", sys.argv[3]); print("got:     ", got); sys.exit(1)' "$@"
}
D=examples/demo
U=tests/fixtures/pii-unseen

# ---- fincheck pii on the demo data ----
$FINCHECK pii --format json $D/data >"$TMP/p.json" 2>"$TMP/p.err"
t pii_demo_exit0 test $? = 0
t pii_demo_totals jeq "$TMP/p.json" '[(k, v["valid"], v["masked"]) for k, v in d["totals"].items()]' \
	"[('national_id', 60, 33), ('resident_id', 0, 0), ('card', 18, 0), ('mobile', 48, 33), ('email', 41, 0), ('bank_account', 17, 25), ('business_id', 5, 0), ('secret', 1, 0)]"
t pii_demo_test_zone jeq "$TMP/p.json" '[(f["records"], f["counts"]["national_id"]["valid"], f["samples"][0]["line"], f["samples"][0]["column"], f["samples"][0]["value"]) for f in d["files"] if "TEST/" in f["path"]]' \
	"[(40, 40, 2, '身分證字號', 'Z11****349')]"
t pii_demo_sql_columns jeq "$TMP/p.json" 'sorted(set((c["type"], c["name"]) for f in d["files"] if f["path"].endswith(".sql") for c in f["columns"]))' \
	"[('bank_account', 'sip_card.acct_no'), ('card', 'sip_card.card_no'), ('national_id', 'sip_card.holder_id')]"
t pii_demo_card_log jeq "$TMP/p.json" '[(f["card_expiry"], f["samples"][0]["line"], f["samples"][0]["column"], f["samples"][0].get("expiry")) for f in d["files"] if "ipg-client" in f["path"]]' \
	"[(6, 3, 'pan', True)]"
t pii_demo_masked_only jeq "$TMP/p.json" '[(f["records"], sum(c["valid"] for c in f["counts"].values())) for f in d["files"] if "masked" in f["path"]]' \
	"[(0, 0), (0, 0)]"
t pii_demo_secret_redacted jeq "$TMP/p.json" '[(s["line"], s["column"], s["value"], s["kind"]) for f in d["files"] for s in f["samples"] if s["type"] == "secret"]' \
	"[(5, 'spring.datasource.password', 'E****(11)', 'password')]"
# never a full identifier, card number or secret in any output format
id=$(sed -n 2p $D/data/TEST/uat_refresh/customers_20261015.csv | cut -d, -f3)
pan=$(grep -o 'pan=[0-9]*' $D/data/api01/logs/ipg-client-2026-10-30.log | head -1 | cut -d= -f2)
$FINCHECK pii $D/data >"$TMP/p.txt" 2>/dev/null
$FINCHECK pii --format csv $D/data >"$TMP/p.csv" 2>/dev/null
t pii_no_full_id test -n "$id" -a -n "$pan"
t pii_no_full_values sh -c "! grep -q -e '$id' -e '$pan' -e 'Etr@de2026' '$TMP/p.json' '$TMP/p.txt' '$TMP/p.csv'"
t pii_csv_header test "$(head -1 "$TMP/p.csv")" = "path,type,valid,masked,invalid,first_line,columns,sample"
t pii_csv_row test "$(grep 'customers_20261015.csv,national_id' "$TMP/p.csv")" = "examples/demo/data/TEST/uat_refresh/customers_20261015.csv,national_id,40,0,0,2,身分證字號,Z11****349"
t pii_text_totals grep -q '^8 files (13864 bytes) scanned' "$TMP/p.txt"
# one file, both cores, a single file argument
$FINCHECK pii --jobs 1 --format json $D/data/test-db01/etrade_sip_dump.sql >"$TMP/one.json" 2>/dev/null
t pii_single_file jeq "$TMP/one.json" '(d["totals"]["card"]["valid"], d["totals"]["national_id"]["valid"], d["files"][0]["format"])' "(12, 12, 'sql')"

# ---- fincheck pii on the unseen institution ----
$FINCHECK pii --all --format json $U/data >"$TMP/u.json" 2>"$TMP/u.err"
t pii_unseen_exit0 test $? = 0
t pii_unseen_policyholders jeq "$TMP/u.json" '[(f["encoding"], f["records"], f["counts"]["national_id"]["valid"], f["counts"]["resident_id"]["valid"], f["counts"]["mobile"]["valid"], f["counts"]["email"]["valid"], sorted(set(c["name"] for c in f["columns"]))) for f in d["files"] if "policyholders" in f["path"]]' \
	"[('utf-8-bom', 26, 38, 14, 26, 26, ['E-mail', '聯絡手機', '被保險人ID', '要保人ID'])]"
t pii_unseen_gzip_cards jeq "$TMP/u.json" '[(f["gzip"], f["counts"]["card"]["valid"], f["card_expiry"], f["samples"][0]["line"]) for f in d["files"] if "premium-pay" in f["path"]]' \
	"[(True, 5, 5, 4)]"
t pii_unseen_utf16_masked jeq "$TMP/u.json" '[(f["encoding"], f["counts"]["national_id"]["masked"], f["counts"]["national_id"]["valid"]) for f in d["files"] if "agents_masked" in f["path"]]' \
	"[('utf-16le', 12, 0)]"
t pii_unseen_invalid_rejected jeq "$TMP/u.json" '[(f["records"], [(k, v["valid"], v["invalid"]) for k, v in f["counts"].items()]) for f in d["files"] if "identities_invalid" in f["path"]]' \
	"[(0, [('national_id', 0, 13), ('resident_id', 0, 17), ('card', 0, 30), ('business_id', 0, 30)])]"

# ---- usage and input errors ----
t_exit pii_usage_no_path 1 $FINCHECK pii
t_exit pii_usage_bad_option 1 $FINCHECK pii --bogus $D/data
t_exit pii_usage_bad_format 1 $FINCHECK pii --format xml $D/data
t_exit pii_missing_path 2 $FINCHECK pii $D/data/no-such-file.csv
printf '\037\213\010\000\000\000\000\000\000\003' >"$TMP/trunc.csv.gz"
t_exit pii_truncated_gzip 2 $FINCHECK pii "$TMP/trunc.csv.gz"
t pii_truncated_gzip_named grep -q 'trunc.csv.gz' "$TMP/err"

# ---- fincheck assess: the checks on the unseen institution ----
$FINCHECK assess $U --format json >"$TMP/a.json" 2>"$TMP/a.err"
rc=$?
t pii_assess_ran test $rc = 0 -o $rc = 2
pf() { # findings of a check: (object, first evidence file:line)
	echo "sorted((f[\"object\"], f[\"severity\"], f[\"evidence\"][0][\"line\"]) for f in d[\"findings\"] if f[\"check\"] == \"$1\")"
}
t pii_assess_test_data jeq "$TMP/a.json" "$(pf pii.test_data_unmasked)" \
	"[('data/qa-policy01/D\$/exports/policyholders_1015.csv', 'high', 2)]"
t pii_assess_card_log jeq "$TMP/a.json" "$(pf pii.card_expiry_plaintext)" \
	"[('data/CORE-INS/var/log/premium-pay.log.2.gz', 'critical', 4)]"
t pii_assess_no_card_plain jeq "$TMP/a.json" "$(pf pii.card_plaintext)" "[]"
t pii_assess_public_masked_clean jeq "$TMP/a.json" "$(pf pii.public_exposure)" "[]"
t pii_assess_clean_files jeq "$TMP/a.json" 'sorted(set(f["object"] for f in d["findings"] if f["check"].startswith("pii.") and ("masked" in f["object"] or "invalid" in f["object"] or "status.html" in f["object"])))' "[]"
t pii_assess_no_full_values sh -c "! grep -q -e \"\$(sed -n 2p '$U/data/qa-policy01/D\$/exports/policyholders_1015.csv' | cut -d';' -f3)\" '$TMP/a.json'"
t pii_assess_results jeq "$TMP/a.json" 'sorted((r["check"], r["status"]) for r in d["results"] if r["check"].startswith("pii."))' \
	"[('pii.bank_account_plaintext', 'pass'), ('pii.card_expiry_plaintext', 'fail'), ('pii.card_plaintext', 'pass'), ('pii.inventory_unknown_location', 'pass'), ('pii.public_exposure', 'pass'), ('pii.secrets_plaintext', 'pass'), ('pii.test_data_unmasked', 'fail')]"

# ---- fincheck assess on the demo: every pii check fails on its planted case ----
$FINCHECK assess $D --format json >"$TMP/d.json" 2>"$TMP/d.err"
t pii_demo_assess_test jeq "$TMP/d.json" "$(pf pii.test_data_unmasked)" \
	"[('data/TEST/uat_refresh/customers_20261015.csv', 'high', 2), ('data/test-db01/etrade_sip_dump.sql', 'high', 13)]"
t pii_demo_assess_public jeq "$TMP/d.json" "$(pf pii.public_exposure)" \
	"[('data/api01/logs/ipg-client-2026-10-30.log', 'medium', 3), ('data/www01/var/www/html/event/2026-winners.html', 'medium', 6)]"
t pii_demo_assess_secret jeq "$TMP/d.json" "$(pf pii.secrets_plaintext)" \
	"[('data/dmzdb01/opt/etrade/conf/application.properties', 'critical', 5)]"
t pii_demo_assess_cards jeq "$TMP/d.json" "$(pf pii.card_expiry_plaintext)" \
	"[('data/api01/logs/ipg-client-2026-10-30.log', 'critical', 3), ('data/test-db01/etrade_sip_dump.sql', 'critical', 13)]"
t pii_demo_assess_bank jeq "$TMP/d.json" "$(pf pii.bank_account_plaintext)" \
	"[('data/PROD-ADMIN/finance/vendor_master.csv', 'medium', 2), ('data/test-db01/etrade_sip_dump.sql', 'high', 13)]"
