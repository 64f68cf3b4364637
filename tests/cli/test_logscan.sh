# fincheck logscan and the logs/ part of assess (issue 6): the daily report
# on the demo and on an institution's logs the project was not tuned to.
. tests/cli/lib.sh
U=tests/fixtures/logs-unseen
D=examples/demo

# ---- logscan on the unseen bank's files ----
$FINCHECK logscan $U/logs/ssh/ebank-ap3.log $U/logs/ssh/secure.1.gz $U/logs/login/ibank_login_20260914.jsonl \
	--as-of 2026-09-15 --format json >"$TMP/u.json" 2>"$TMP/u.err"
t unseen_logscan_exit_0 test $? -eq 0
t unseen_days_totals jget "$TMP/u.json" '
  [(x["day"], x["failures"], x["successes"], x["nonexistent"], x["locked"]) for x in d["days"]]
  == [("2026-09-13", 0, 8, 0, 0), ("2026-09-14", 34, 9, 10, 2)]'
t unseen_alert_set jget "$TMP/u.json" '
  sorted((a["kind"], a["account"] if a["kind"] == "privileged_login" else a["ip"] or a["account"]) for a in d["alerts"]) == sorted([
   ("credential_stuffing", "203.0.113.150"), ("nonexistent_accounts", "192.0.2.213"),
   ("lockout_not_enforced", "D0004417"), ("privileged_login", "root@ebank-ap3")])'
t unseen_stuffing_counts_and_lines jget "$TMP/u.json" '
  [(a["count"], a["failures"], a["nonexistent"], [(e["file"].split("/")[-1], e["line"]) for e in a["evidence"]])
   for a in d["alerts"] if a["kind"] == "credential_stuffing"]
  == [(15, 15, 3, [("ibank_login_20260914.jsonl", 6), ("ibank_login_20260914.jsonl", 7), ("ibank_login_20260914.jsonl", 8)])]'
t unseen_prober_in_gzip_lines jget "$TMP/u.json" '
  [(a["count"], a["evidence"][0]["file"].split("/")[-1], a["evidence"][0]["line"], a["first"], a["last"])
   for a in d["alerts"] if a["kind"] == "nonexistent_accounts"]
  == [(7, "secure.1.gz", 7, "2026-09-14T03:20:12+08:00", "2026-09-14T03:26:18+08:00")]'
t unseen_lockout_run_lines jget "$TMP/u.json" '
  [(a["count"], [e["line"] for e in a["evidence"]]) for a in d["alerts"] if a["kind"] == "lockout_not_enforced"]
  == [(7, [30, 36])]'
t unseen_root_login_line jget "$TMP/u.json" '
  [(a["ip"], a["evidence"][0]["line"], "Accepted password for root" in a["evidence"][0]["excerpt"])
   for a in d["alerts"] if a["kind"] == "privileged_login"] == [("172.31.5.20", 5, True)]'
t unseen_nat_and_typo_draw_nothing jget "$TMP/u.json" '
  not any((a["ip"] in ("198.51.100.7", "198.51.100.90", "198.51.100.33"))
          or (a["account"] or "").startswith(("D0001001", "D0001002", "D0001003", "D0001004", "D0002288", "D0003300"))
          for a in d["alerts"])'
t unseen_file_report jget "$TMP/u.json" '
  [(f["kind"], f["lines"], f["error"]) for f in d["files"]]
  == [("ssh", 11, False), ("ssh", 45, False), ("login_jsonl", 40, False)]'

# thresholds are parameters: a stricter lockout and a looser stuffing rule
$FINCHECK logscan $U/logs/login/ibank_login_20260914.jsonl --as-of 2026-09-15 --format json \
	--param credential_stuffing.distinct_accounts=16 --param lockout_threshold=8 >"$TMP/p.json" 2>/dev/null
t unseen_params_move_alerts jget "$TMP/p.json" '
  not [a for a in d["alerts"] if a["kind"] in ("credential_stuffing", "lockout_not_enforced")]
  and d["parameters"]["lockout_threshold"] == 8 and d["parameters"]["credential_stuffing"]["distinct_accounts"] == 16'
t_exit unknown_param_is_usage_error 1 $FINCHECK logscan $U/logs/login/ibank_login_20260914.jsonl --param no_such=1
t_exit out_of_range_param_is_usage_error 1 $FINCHECK logscan $U/logs/login/ibank_login_20260914.jsonl --param credential_stuffing.distinct_accounts=1

# ---- text and csv ----
$FINCHECK logscan $U/logs/ssh/secure.1.gz $U/logs/login/ibank_login_20260914.jsonl --as-of 2026-09-15 >"$TMP/u.txt" 2>/dev/null
t text_has_daily_table grep -q '^2026-09-14 .* 34 ' "$TMP/u.txt"
t text_has_top_ip grep -q 'top IPs: 203.0.113.150 (15 failed, 15 accounts)' "$TMP/u.txt"
t text_cites_file_line grep -q 'secure.1.gz:7  Sep 14 03:20:12 core-db2 sshd' "$TMP/u.txt"
$FINCHECK logscan $U/logs/login/ibank_login_20260914.jsonl --as-of 2026-09-15 --format csv >"$TMP/u.csv" 2>/dev/null
t csv_header_and_rows python3 -c '
import csv,sys
r=list(csv.DictReader(open(sys.argv[1])))
assert [x["kind"] for x in r] == ["credential_stuffing", "lockout_not_enforced"], r
assert r[0]["ip"] == "203.0.113.150" and r[0]["count"] == "15" and r[0]["evidence"].endswith("jsonl:8")' "$TMP/u.csv"

# ---- errors ----
t_exit no_file_is_usage_error 1 $FINCHECK logscan
t_exit bad_format_is_usage_error 1 $FINCHECK logscan $U/logs/ssh/ebank-ap3.log --format xml
t_exit missing_file_exit_2 2 $FINCHECK logscan "$TMP/does-not-exist.log"
printf 'when,who\n2026-09-14,x\n' >"$TMP/bad.csv"
t_exit missing_columns_exit_2 2 $FINCHECK logscan "$TMP/bad.csv"
t missing_columns_names_file_line grep -q "bad.csv:1: error: login events need the columns time, account and result" "$TMP/err"
head -c 3000 /dev/urandom >"$TMP/junk.log"
t_exit binary_file_exit_2 2 $FINCHECK logscan "$TMP/junk.log"

# ---- the demo (範例證券) ----
$FINCHECK logscan $D/logs/ssh/* $D/logs/login/* --as-of 2026-11-01 --format json >"$TMP/demo.json" 2>/dev/null
t demo_logscan_alerts jget "$TMP/demo.json" '
  sorted(set(a["kind"] for a in d["alerts"])) == ["brute_force", "credential_stuffing", "lockout_not_enforced", "log_gap",
   "new_source_ip", "nonexistent_accounts", "privileged_login", "success_after_failures"]'
t demo_faillock_enforced_on_ap01 jget "$TMP/demo.json" '
  not [a for a in d["alerts"] if (a["account"] or "").startswith("lin.zw")]'
t demo_app_lock_enforced jget "$TMP/demo.json" '
  not [a for a in d["alerts"] if a["kind"] == "lockout_not_enforced" and (a["account"] or "").startswith("C3")]'
t demo_gap_on_web01 jget "$TMP/demo.json" '
  [(a["source"], a["from"], a["to"]) for a in d["alerts"] if a["kind"] == "log_gap"] == [("web01", "2026-10-28", "2026-10-28")]'

# ---- assess: the logs/ part turns alerts into findings ----
$FINCHECK assess $U --format json >"$TMP/a.json" 2>"$TMP/a.err"
t unseen_assess_log_findings jget "$TMP/a.json" '
  sorted((f["check"], f["object"], f["evidence"][0]["file"], f["evidence"][0]["line"])
         for f in d["findings"] if f["check"].startswith("log.")) == sorted([
   ("log.credential_stuffing", "203.0.113.150", "logs/login/ibank_login_20260914.jsonl", 6),
   ("log.nonexistent_accounts", "192.0.2.213", "logs/ssh/secure.1.gz", 7),
   ("log.lockout_not_enforced", "D0004417", "logs/login/ibank_login_20260914.jsonl", 30),
   ("log.privileged_login", "root@ebank-ap3", "logs/ssh/ebank-ap3.log", 5)])'
t unseen_assess_clean_objects jget "$TMP/a.json" '
  not [f for f in d["findings"] if f["object"] in ("198.51.100.7", "198.51.100.90", "D0001001", "D0001002",
       "D0001003", "D0001004", "D0002288", "D0003300")]'
t unseen_assess_statuses jget "$TMP/a.json" '
  {r["check"]: r["status"] for r in d["results"] if r["check"].startswith("log.")} == {
   "log.credential_stuffing": "fail", "log.password_spraying": "pass", "log.brute_force": "pass",
   "log.nonexistent_accounts": "fail", "log.lockout_not_enforced": "fail", "log.success_after_failures": "pass",
   "log.new_source_ip": "pass", "log.privileged_login": "fail", "log.coverage": "pass", "log.retention": "manual"}'
# a bank: the assessment method's items (SA-) apply, TWSE's (CC-, SYS-) do not
t unseen_assess_controls jget "$TMP/a.json" '
  [f["controls"] for f in d["findings"] if f["check"] == "log.lockout_not_enforced"] == [["SA-6.1", "A.8.16"]]
  and [f["controls"] for f in d["findings"] if f["check"] == "log.privileged_login"] == [["SA-2.1", "A.8.16"]]'
t unseen_logs_not_unrecognized jget "$TMP/a.json" 'not [p for p in d["unrecognized"] if p.startswith("logs/")]'

$FINCHECK assess $D --format json >"$TMP/da.json" 2>/dev/null
t demo_assess_retention_record jget "$TMP/da.json" '
  [(f["object"], f["evidence"][0]["file"]) for f in d["findings"] if f["check"] == "log.retention"]
  == [("ssh", "records/logs.yaml")]'
# etops is shared (accounts/ETRADE.csv); etadmin is one person's: not a finding
t demo_assess_privileged_from_accounts jget "$TMP/da.json" '
  sorted(f["object"] for f in d["findings"] if f["check"] == "log.privileged_login") == ["etops", "root@web01"]'
t demo_assess_compromise jget "$TMP/da.json" '
  [(f["object"], f["severity"]) for f in d["findings"] if f["check"] == "log.success_after_failures"] == [("C10037364", "high")]'
t demo_assess_securities_controls jget "$TMP/da.json" '
  all("SYS-15-3" in f["controls"] for f in d["findings"] if f["check"] == "log.lockout_not_enforced")
  and all("SYS-7-3" in f["controls"] for f in d["findings"] if f["check"] == "log.privileged_login")
  and len([f for f in d["findings"] if f["check"] == "log.lockout_not_enforced"]) == 2'
t demo_assess_customer_notification_list jget "$TMP/da.json" '
  sorted((f["object"], f["evidence"][0]["line"]) for f in d["findings"] if f["check"] == "log.new_source_ip")
  == [("C10037364", 189), ("C10056060", 320)]'

# 4,000 brute-forcing addresses: a report of several MiB is written out as it
# is built (fc_cli_drain), and must come out whole in every format
python3 -c '
import sys
with open(sys.argv[1], "w") as out:
    n = 0
    for ip in range(4000):
        for k in range(40):
            out.write("Oct 14 %02d:%02d:%02d h1 sshd[%d]: Failed password for root from 10.%d.%d.%d port 22 ssh2\n"
                      % ((n // 3600) % 24, (n // 60) % 60, n % 60, 1000 + n, ip // 65536, (ip // 256) % 256, ip % 256))
            n += 1
' "$TMP/many.log"
$FINCHECK logscan "$TMP/many.log" --as-of 2026-10-15 --format json >"$TMP/many.json"
t long_report_json_whole jget "$TMP/many.json" \
	'len(d["alerts"]) == d["summary"]["alerts"] >= 4000 and len({a["ip"] for a in d["alerts"] if a["kind"] == "brute_force"}) == 4000'
t long_report_csv_whole sh -c "[ \$($FINCHECK logscan '$TMP/many.log' --as-of 2026-10-15 --format csv | wc -l) -eq \$(( \$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[\"summary\"][\"alerts\"])' '$TMP/many.json') + 1 )) ]"
t long_report_text_whole sh -c "[ \$($FINCHECK logscan '$TMP/many.log' --as-of 2026-10-15 | grep -c '^2026-10-14 brute_force ') -eq 4000 ]"
