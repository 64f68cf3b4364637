#!/bin/sh
# The dashboard's tables on PostgreSQL: the supervisor's views, the incident
# tracker, users and a login through the web server, against a throwaway
# server (tests/pg.sh; SKIP without Debian's postgresql binaries).
. tests/cli/lib.sh
if [ -z "${FINCHECK_PG_DB:-}" ]; then
	exec sh tests/pg.sh sh "$0"
fi
. tests/cli/webtest.sh
DB=$FINCHECK_PG_DB
D=$TMP/webpg
mkdir -p "$D"
X=tests/fixtures/supervise-unseen
export FINCHECK_NOW=2026-12-01T09:00:00+08:00
# shellcheck disable=SC2086
t pg_sv_import $FINCHECK supervise import --db "$DB" $CATARG "$X"/2025/*.json "$X"/2026/*.json
# shellcheck disable=SC2086
$FINCHECK supervise status --db "$DB" $CATARG --format json >"$D/status.json"
t pg_sv_status jget "$D/status.json" '[f["points"] for f in d["firms"]] == [44, 24, 20, 20, 6, 1] and [f["zone"] for f in d["firms"]] == ["attention", "attention", "attention", "guidance", "watch", "low"] and [f.get("change") for f in d["firms"]] == [31, 13, 12, 10, 3, None]'
# shellcheck disable=SC2086
$FINCHECK supervise trend --db "$DB" $CATARG --format json >"$D/trend.json"
t pg_sv_trend jget "$D/trend.json" 'len(d["hidden_risks"]) == 14 and [x["check"] for x in d["types"]][:4] == ["account.dormant", "gov.incident_reporting", "vuln.overdue", "host.eos_os"]'
# shellcheck disable=SC2086
t pg_sv_publish $FINCHECK supervise publish --db "$DB" $CATARG --year 2026 --firm 北辰證券股份有限公司 --out "$D"
t pg_sv_publish_rows sh -c "[ \$(tail -n +2 '$D/deficiencies-2026.csv' | wc -l) = 7 ]"
# shellcheck disable=SC2086
t pg_inc_open $FINCHECK incident open --db "$DB" $CATARG --ref INC-PG-1 --title 'DDoS' --detected 2026-12-01T08:00 --major --system ETRADE
# shellcheck disable=SC2086
$FINCHECK incident status --db "$DB" $CATARG --format json >"$D/inc.json"
t pg_inc_overdue jget "$D/inc.json" 'd["overdue"] == 1 and d["incidents"][0]["deadlines"]["initial_report"]["state"] == "overdue"'
# shellcheck disable=SC2086
$FINCHECK incident systems --db "$DB" $CATARG --format json >"$D/sys.json"
t pg_inc_systems jget "$D/sys.json" 'd["systems"] == [{"system_id": "ETRADE", "last_major_incident": "2026-12-01", "reassess_by": "2027-03-03"}]'
printf '%s\n' "$PW" | $FINCHECK user add sup1 --role supervisor --db "$DB" 2>/dev/null
t pg_user_added sh -c "$FINCHECK user list --db '$DB' | grep -q '^sup1 *supervisor'"
if web_start "$DB" "$D/serve.log"; then
	r=$(web_login "$D/s.jar" sup1)
	t pg_web_login sh -c "echo '$r' | grep -q '^303 .*/supervise$'"
	t pg_web_plane sh -c "curl -s -b '$D/s.jar' '$WEB/supervise' | grep -q '南港綜合證券股份有限公司</b> — 44'"
	web_stop
fi
