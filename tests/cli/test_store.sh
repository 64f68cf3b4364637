#!/bin/sh
# The findings store end to end (issue 9): runs recorded by `assess --db`,
# finding lifecycles across edited copies of a bundle, follow-up commands,
# risk acceptance, 覆查, tamper evidence, backup, retention, two writers at
# once, a run killed with SIGKILL halfway.  The same suite runs on SQLite
# and, through tests/pg.sh, on a throwaway PostgreSQL server (with the unit
# tests of tests/unit/test_store.c); it prints one SKIP line, saying why,
# when the server binaries are absent.
#
# The bundle is tests/fixtures/store-unseen (a fictional bank, 北岸商業銀行):
# four deficiencies (nb-db01 database in the DMZ, hosts.csv:3; nb-uat02 UAT
# host in the core zone, :4; nb-file01 production host in the branch office
# zone, :7; nb-mon01 outside its declared zone, :8) and three clean hosts.
# FC_TEST_CATALOG=DIR runs assess with --catalog DIR.
. tests/cli/lib.sh
CAT=""
[ -n "${FC_TEST_CATALOG:-}" ] && CAT="--catalog $FC_TEST_CATALOG"
FIX=tests/fixtures/store-unseen

# val FILE EXPR: print a value from a JSON file
val() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }
# day OFFSET: today + OFFSET days (YYYY-MM-DD)
day() { python3 -c 'import datetime,sys; print(datetime.date.today() + datetime.timedelta(days=int(sys.argv[1])))' "$1"; }

# sql DB STATEMENT: reach into the store behind fincheck's back
sql() {
	case $1 in
	postgres*) "$PGBIN/psql" -q -X -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2" ;;
	*) sqlite3 "$1" "$2" ;;
	esac
}

newdb() {
	case $BACKEND in
	sqlite) rm -f "$TMP/$1.db"* && echo "$TMP/$1.db" ;;
	pg)
		sql "$FINCHECK_PG_DB" "DROP DATABASE IF EXISTS fc_$1" >/dev/null 2>&1
		sql "$FINCHECK_PG_DB" "CREATE DATABASE fc_$1" >/dev/null && echo "${FINCHECK_PG_URL}fc_$1"
		;;
	esac
}

# locked DB: true while some connection holds the store's write lock
locked() {
	case $1 in
	postgres*) [ "$(sql "$1" "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" -gt 0 ] ;;
	*) ! sqlite3 "$1" ".timeout 0" "BEGIN IMMEDIATE;" "ROLLBACK;" >/dev/null 2>&1 ;;
	esac
}

assess() { # BUNDLE DB BY [out.json]
	$FINCHECK assess "$1" $CAT --db "$2" --by "$3" --format json >"${4:-$TMP/run.json}" 2>"$TMP/assess.err"
}

suite() {
	P=$BACKEND
	DB=$(newdb life) || { echo "FAIL $P: cannot create a database"; return; }
	B=$TMP/bundle-$P
	rm -rf "$B" && cp -r "$FIX" "$B"

	# --- run 1: every finding stored with its evidence -----------------
	t_exit "$P: first run recorded" 0 assess "$B" "$DB" alice "$TMP/r1.json"
	DBID=$(val "$TMP/r1.json" '[f["id"] for f in d["findings"] if f["check"] == "net.db_in_dmz"][0]')
	UATID=$(val "$TMP/r1.json" '[f["id"] for f in d["findings"] if f["check"] == "net.test_in_production"][0]')
	$FINCHECK findings list --db "$DB" --format json >"$TMP/l1.json"
	t "$P: the four deficiencies are open" jget "$TMP/l1.json" \
		'd["count"] == 4 and sorted(f["object"] for f in d["findings"]) == ["nb-db01", "nb-file01", "nb-mon01", "nb-uat02"] and all(f["status"] == "open" for f in d["findings"])'
	t "$P: ids are the run's ids" jget "$TMP/l1.json" \
		"sorted(f['id'] for f in d['findings']) == sorted($(val "$TMP/r1.json" '[f["id"] for f in d["findings"]]'))"
	t "$P: clean hosts draw no finding" jget "$TMP/l1.json" \
		'not {"nb-web01", "nb-core01", "nb-db02"} & {f["object"] for f in d["findings"]}'
	t "$P: deadline from severity (high 30 days from as-of)" jget "$TMP/l1.json" \
		'[f["due"] for f in d["findings"] if f["object"] == "nb-db01"] == ["2026-11-14"] and [f["due_start"] for f in d["findings"] if f["object"] == "nb-db01"] == ["2026-10-15"]'
	$FINCHECK findings show "$DBID" --db "$DB" --format json >"$TMP/show.json"
	t "$P: evidence file:line kept" jget "$TMP/show.json" \
		'd["sightings"][0]["file"] == "inventory/hosts.csv" and d["sightings"][0]["line"] == 3 and d["finding"]["controls"][0] == "CC-17010"'
	$FINCHECK findings show "$(val "$TMP/r1.json" '[f["id"] for f in d["findings"] if f["object"] == "nb-mon01"][0]')" \
		--db "$DB" --format json >"$TMP/show2.json"
	t "$P: evidence of nb-mon01 at hosts.csv:8" jget "$TMP/show2.json" \
		'd["sightings"][0]["line"] == 8 and d["finding"]["severity"] == "medium"'

	# --- run 2: same bundle, same ids -----------------------------------
	t_exit "$P: second run recorded" 0 assess "$B" "$DB" bob
	$FINCHECK findings list --db "$DB" --format json >"$TMP/l2.json"
	t "$P: repeated runs keep ids" sh -c "python3 -c 'import json; a=json.load(open(\"$TMP/l1.json\")); b=json.load(open(\"$TMP/l2.json\")); exit(sorted(f[\"id\"] for f in a[\"findings\"]) != sorted(f[\"id\"] for f in b[\"findings\"]))'"
	t "$P: two runs stored" test "$(sql "$DB" 'SELECT count(*) FROM runs')" = 2
	t "$P: run digest and version stored" test "$(sql "$DB" "SELECT count(*) FROM runs WHERE length(digest) = 64 AND tool_version <> '' AND params LIKE '%remediation_days%'")" = 2

	# --- run 3: the deficiency removed → fixed ---------------------------
	sed 's/^nb-db01,10.80.1.20,DMZ-Web,/nb-db01,10.80.21.20,Core-DB,/' "$FIX/inventory/hosts.csv" >"$B/inventory/hosts.csv"
	t_exit "$P: run without the deficiency" 0 assess "$B" "$DB" carol
	$FINCHECK findings list --db "$DB" --format json >"$TMP/l3.json"
	t "$P: removed deficiency is fixed" jget "$TMP/l3.json" \
		"[f['status'] for f in d['findings'] if f['id'] == '$DBID'] == ['fixed'] and sum(f['status'] == 'open' for f in d['findings']) == 3"

	# --- run 4: re-added → reopened --------------------------------------
	cp "$FIX/inventory/hosts.csv" "$B/inventory/hosts.csv"
	t_exit "$P: run with the deficiency back" 0 assess "$B" "$DB" dave
	$FINCHECK findings show "$DBID" --db "$DB" --format json >"$TMP/show.json"
	t "$P: re-added deficiency reopens" jget "$TMP/show.json" \
		'd["finding"]["status"] == "open" and d["finding"]["reopened"] == 1 and d["finding"]["due_start"] == "2026-10-15" and len(d["sightings"]) == 3'

	# --- follow-up by people ----------------------------------------------
	t_exit "$P: a change needs --by" 1 $FINCHECK findings update "$DBID" --db "$DB" --status in_remediation
	t_exit "$P: in remediation" 0 $FINCHECK findings update "$DBID" --db "$DB" --status in_remediation \
		--by 資訊部王小明 --owner 資訊部 --plan "遷移至 Core-DB 網段"
	t_exit "$P: a person cannot declare fixed" 1 $FINCHECK findings update "$DBID" --db "$DB" --status fixed --by x
	t_exit "$P: closed needs 覆查 first" 1 $FINCHECK findings update "$DBID" --db "$DB" --status closed --by x
	t_exit "$P: 覆查 needs a fixed finding" 1 $FINCHECK findings verify "$DBID" --db "$DB" --by 稽核室林稽核
	sed 's/^nb-db01,10.80.1.20,DMZ-Web,/nb-db01,10.80.21.20,Core-DB,/' "$FIX/inventory/hosts.csv" >"$B/inventory/hosts.csv"
	t_exit "$P: run after remediation" 0 assess "$B" "$DB" erin
	SHORT=$(echo "$DBID" | cut -c1-10)
	t_exit "$P: 覆查 by an auditor (id prefix)" 0 $FINCHECK findings verify "$SHORT" --db "$DB" --by 稽核室林稽核 --note 現場覆查確認
	t_exit "$P: closed after 覆查" 0 $FINCHECK findings update "$SHORT" --db "$DB" --status closed --by 資安長
	$FINCHECK history "$DBID" --db "$DB" --format json >"$TMP/h.json"
	t "$P: history names every step and who" jget "$TMP/h.json" \
		'[(e["action"], e["by"]) for e in d["events"]] == [("finding.open", "alice"), ("finding.fixed", "carol"), ("finding.reopen", "dave"), ("finding.status", "資訊部王小明"), ("finding.fixed", "erin"), ("finding.verify", "稽核室林稽核"), ("finding.close", "資安長")]'
	t "$P: history has when" jget "$TMP/h.json" \
		'all(len(e["at"]) == 25 and e["at"][10] == "T" for e in d["events"]) and [s["by"] for s in d["sightings"]] == ["alice", "bob", "dave"]'
	$FINCHECK history "$SHORT" --db "$DB" >"$TMP/h.txt"
	t "$P: text history" grep -q "finding.verify.*稽核室林稽核" "$TMP/h.txt"

	# --- risk acceptance -------------------------------------------------
	EXP=$(day 30)
	t_exit "$P: acceptance needs a compensating control" 1 $FINCHECK findings accept "$UATID" --db "$DB" --by alice \
		--justification "UAT 主機待年底搬遷" --expires "$EXP"
	t_exit "$P: acceptance requested" 0 $FINCHECK findings accept "$UATID" --db "$DB" --by alice \
		--justification "UAT 主機待年底搬遷" --control "防火牆限制僅測試人員來源" --expires "$EXP"
	t_exit "$P: requester cannot approve" 1 $FINCHECK findings accept "$UATID" --db "$DB" --by alice --approve
	t_exit "$P: another person approves" 0 $FINCHECK findings accept "$UATID" --db "$DB" --by bob --approve
	t_exit "$P: acceptance beyond risk_acceptance_max_days refused" 1 $FINCHECK findings accept "$UATID" --db "$DB" \
		--by alice --justification x --control y --expires "$(day 400)"
	$FINCHECK findings list --db "$DB" --status accepted --format json >"$TMP/acc.json"
	t "$P: accepted" jget "$TMP/acc.json" \
		"d['count'] == 1 and d['findings'][0]['acceptance']['approver'] == 'bob' and d['findings'][0]['acceptance']['expires'] == '$EXP'"
	FINCHECK_NOW=$(day 31) $FINCHECK findings show "$UATID" --db "$DB" --format json >"$TMP/exp.json"
	t "$P: expiry reopens the finding" jget "$TMP/exp.json" \
		"d['finding']['status'] == 'open' and d['finding']['acceptance'] is None and d['finding']['due_start'] == '$EXP'"
	$FINCHECK history "$UATID" --db "$DB" --format json >"$TMP/h2.json"
	t "$P: acceptance steps in history" jget "$TMP/h2.json" \
		'[e["action"] for e in d["events"]][1:] == ["acceptance.request", "acceptance.approve", "finding.accepted", "acceptance.expired", "finding.reopen"]'

	# --- filters and formats ---------------------------------------------
	FINCHECK_NOW=2027-06-01 $FINCHECK findings list --db "$DB" --overdue --format json >"$TMP/od.json"
	t "$P: overdue filter" jget "$TMP/od.json" \
		'sorted(f["object"] for f in d["findings"]) == ["nb-file01", "nb-mon01", "nb-uat02"] and all(f["overdue"] for f in d["findings"])'
	$FINCHECK findings list --db "$DB" --severity high --status open,in_remediation --format json >"$TMP/sev.json"
	t "$P: severity and status filters" jget "$TMP/sev.json" \
		'sorted(f["object"] for f in d["findings"]) == ["nb-file01", "nb-uat02"]'
	$FINCHECK findings list --db "$DB" --system CORE --format json >"$TMP/sys.json"
	t "$P: system filter" jget "$TMP/sys.json" '[f["object"] for f in d["findings"]] == ["nb-uat02"]'
	WANT=$(val "$TMP/r1.json" 'sum(any(c == "SA-1.1" or c.startswith("SA-1.1.") for c in f["controls"]) for f in d["findings"])')
	$FINCHECK findings list --db "$DB" --control SA-1.1 --format json >"$TMP/ctl.json"
	t "$P: control filter" jget "$TMP/ctl.json" "d['count'] == $WANT and $WANT > 0"
	$FINCHECK findings list --db "$DB" --format csv >"$TMP/l.csv"
	t "$P: csv has a header and four rows" sh -c "[ \$(wc -l <'$TMP/l.csv') -eq 5 ] && head -1 '$TMP/l.csv' | grep -q '^id,severity,status,check,controls'"
	t_exit "$P: unknown status refused" 1 $FINCHECK findings list --db "$DB" --status bogus
	t_exit "$P: no such finding" 2 $FINCHECK findings show 0000000000 --db "$DB"

	# --- parameter change recomputes deadlines ---------------------------
	t_exit "$P: run with shorter high deadline" 0 $FINCHECK assess "$B" $CAT --db "$DB" --by frank \
		--param remediation_days.high=10 --format json
	$FINCHECK findings show "$(val "$TMP/r1.json" '[f["id"] for f in d["findings"] if f["object"] == "nb-file01"][0]')" \
		--db "$DB" --format json >"$TMP/dl.json"
	t "$P: deadline recomputed from its start" jget "$TMP/dl.json" \
		'd["finding"]["due"] == "2026-10-25" and d["finding"]["due_start"] == "2026-10-15"'

	# --- the audit chain ----------------------------------------------------
	t_exit "$P: verify intact" 0 $FINCHECK verify --db "$DB"
	t "$P: verify says intact" grep -q "audit chain intact" "$TMP/out"
	$FINCHECK verify --db "$DB" --format json >"$TMP/v.json"
	t "$P: verify json" jget "$TMP/v.json" 'd["ok"] and d["entries"] > 20 and len(d["head"]) == 64'

	# --- retention ----------------------------------------------------------
	t_exit "$P: purge inside five years refused" 1 $FINCHECK purge --db "$DB" --before "$(day -100)" --by admin
	t "$P: refusal cites retention" grep -q "retention" "$TMP/err"
	t_exit "$P: purge needs --by" 1 $FINCHECK purge --db "$DB" --before 2019-01-01
	t_exit "$P: purge past retention" 0 $FINCHECK purge --db "$DB" --before 2019-01-01 --by admin
	t_exit "$P: verify after purge" 0 $FINCHECK verify --db "$DB"

	# --- tampering behind fincheck's back -----------------------------------
	sql "$DB" "UPDATE audit_log SET actor = 'mallory' WHERE seq = 5" >/dev/null
	t_exit "$P: edited entry breaks verify" 2 $FINCHECK verify --db "$DB"
	t "$P: verify names the entry" grep -q "BROKEN at entry 5:" "$TMP/out"
	sql "$DB" "UPDATE audit_log SET actor = (SELECT by_user FROM runs WHERE id = 1) WHERE seq = 5" >/dev/null
	t_exit "$P: restored entry verifies" 0 $FINCHECK verify --db "$DB"
	sql "$DB" "UPDATE findings SET status = 'closed' WHERE object = 'nb-file01'" >/dev/null
	t_exit "$P: edited finding breaks verify" 2 $FINCHECK verify --db "$DB"
	t "$P: verify names the finding" grep -q "finding .* was edited behind fincheck's back" "$TMP/out"

	# --- two writers at once ------------------------------------------------
	DB2=$(newdb conc)
	$FINCHECK assess "$FIX" $CAT --db "$DB2" --by w1 --format json >/dev/null 2>"$TMP/w1.err" &
	p1=$!
	$FINCHECK assess "$B" $CAT --db "$DB2" --by w2 --format json >/dev/null 2>"$TMP/w2.err" &
	p2=$!
	wait $p1
	r1=$?
	wait $p2
	r2=$?
	t "$P: two concurrent writers both succeed" sh -c 'test "$1" = 00 || { cat "$2" "$3"; false; }' _ "$r1$r2" "$TMP/w1.err" "$TMP/w2.err"
	t "$P: both runs stored" test "$(sql "$DB2" 'SELECT count(*) FROM runs')" = 2
	t_exit "$P: verify after concurrent writers" 0 $FINCHECK verify --db "$DB2"

	# --- SIGKILL halfway --------------------------------------------------------
	DB3=$(newdb kill)
	assess "$FIX" "$DB3" before
	BIG=$TMP/big-$P
	rm -rf "$BIG" && mkdir -p "$BIG/inventory" "$BIG/network"
	cp "$FIX/org.yaml" "$BIG/" && cp "$FIX/network/zones.csv" "$BIG/network/"
	python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("hostname,ip,zone,environment,role,system_id,internet_facing\n")
    for i in range(30000):
        f.write("kdb%05d,10.80.1.%d,Core-DB,uat,database,NETBANK,no\n" % (i, i % 250 + 1))
' "$BIG/inventory/hosts.csv"
	$FINCHECK assess "$BIG" $CAT --db "$DB3" --by victim --format json >/dev/null 2>&1 &
	victim=$!
	n=0
	while ! locked "$DB3" && [ $n -lt 600 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	# kill at once: a short transaction on a fast machine could otherwise
	# commit in between, and a finished run is not a killed one
	if locked "$DB3" && kill -0 $victim 2>/dev/null; then
		kill -9 $victim
		wait $victim 2>/dev/null
		echo "PASS $P: run killed while holding the write lock"
		t "$P: killed run left no trace" test "$(sql "$DB3" 'SELECT count(*) FROM runs')" = 1
		t "$P: previous state intact" test "$(sql "$DB3" "SELECT count(*) FROM findings WHERE status = 'open'")" = 4
		t_exit "$P: verify after SIGKILL" 0 $FINCHECK verify --db "$DB3"
		t_exit "$P: next run after SIGKILL" 0 assess "$FIX" "$DB3" after
		t "$P: next run stored" test "$(sql "$DB3" 'SELECT count(*) FROM runs')" = 2
	else
		wait $victim 2>/dev/null
		echo "FAIL $P: could not catch the run in its transaction (it finished or never locked)"
	fi

	# --- backup (SQLite) ----------------------------------------------------------
	if [ "$BACKEND" = sqlite ]; then
		t_exit "$P: backup" 0 $FINCHECK backup --db "$DB2" --to "$TMP/backup.db"
		t_exit "$P: backup verifies" 0 $FINCHECK verify --db "$TMP/backup.db"
		t "$P: backup holds the runs" test "$(sql "$TMP/backup.db" 'SELECT count(*) FROM runs')" = 2
		t_exit "$P: no store, no listing" 2 $FINCHECK findings list --db "$TMP/nonexistent.db"
	fi
}

if [ -z "${FINCHECK_PG_URL:-}" ]; then
	BACKEND=sqlite
	suite
	# the same suite against a real PostgreSQL server
	sh tests/pg.sh env FINCHECK="$FINCHECK" FC_TEST_CATALOG="${FC_TEST_CATALOG:-}" sh tests/cli/test_store.sh
else
	BACKEND=pg
	PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
	suite
	# and the unit tests of the store, built next to the binary under test
	case $FINCHECK in
	./fincheck | fincheck) unit=build/tests/test_store ;;
	*) unit=$(dirname "$FINCHECK")/tests/test_store ;;
	esac
	if [ -x "$unit" ]; then
		"$unit" | sed -n '/same suite on PostgreSQL/,$p' | grep -E '^(PASS|FAIL|SKIP) ' | sed 's/^\(PASS\|FAIL\|SKIP\) /\1 pg-unit: /'
	else
		echo "SKIP pg-unit: $unit not built"
	fi
fi
rm -rf "$TMP"
