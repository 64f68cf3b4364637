#!/bin/sh
# End-to-end: the dashboard in headless Chromium (tests/e2e/dashboard.mjs):
# log in, view the overview, filter findings, request a risk acceptance as
# an assessor and accept it as the approver, the calendar, incident
# countdowns, the English toggle, the supervisor's views.
# Needs Debian's chromium and node with playwright-core (npm install in
# tests/e2e/); SKIPs saying which is missing.
# FC_SHOTS=docs refreshes the screenshots docs/web-*.png.
. tests/cli/lib.sh
. tests/cli/webtest.sh
CHROMIUM=${FC_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
	skip web_e2e "chromium is not installed (apt-get install chromium)"
	exit 0
fi
if ! command -v node >/dev/null 2>&1; then
	skip web_e2e "node is not installed"
	exit 0
fi
if ! command -v curl >/dev/null 2>&1; then
	skip web_e2e "curl is not installed"
	exit 0
fi
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
	if ! command -v npm >/dev/null 2>&1 ||
		! (cd tests/e2e && timeout 300 npm install --no-audit --no-fund >/dev/null 2>&1); then
		skip web_e2e "playwright-core is not installed and npm install failed (cd tests/e2e && npm install)"
		exit 0
	fi
fi
D=$TMP/e2e
mkdir -p "$D"
DB=$D/demo.db
# the demo firm's run, its users, two incidents, and six firms for the supervisor
# two runs, so that the overview's trend has a line
# shellcheck disable=SC2086
$FINCHECK assess examples/demo $CATARG --as-of 2026-08-01 --db "$DB" --by alice --format json >/dev/null 2>"$D/assess0.err"
# shellcheck disable=SC2086
$FINCHECK assess examples/demo $CATARG --db "$DB" --by alice --format json >/dev/null 2>"$D/assess.err"
n=$(python3 -c "import sqlite3; print(sqlite3.connect('$DB').execute('select count(*) from runs').fetchone()[0])" 2>/dev/null)
t web_e2e_setup_runs_recorded [ "$n" = 2 ]
[ "$n" = 2 ] || grep -m3 -E 'ERROR|error' "$D/assess0.err" "$D/assess.err" | sed 's/^/    | /'
for u in alice:admin bob:assessor carol:admin sup:supervisor; do
	printf '%s\n' "$PW" | $FINCHECK user add "${u%%:*}" --role "${u#*:}" --db "$DB" --by setup 2>>"$D/users.err"
done
now=$(date +%s)
# shellcheck disable=SC2086
$FINCHECK incident open --db "$DB" $CATARG --by bob --ref INC-DEMO-1 --title '網路下單系統遭 DDoS 攻擊，部分客戶無法登入' \
	--detected "$((now - 1200))" --level 2 --major --system ETRADE >/dev/null 2>&1
# shellcheck disable=SC2086
$FINCHECK incident open --db "$DB" $CATARG --by bob --ref INC-DEMO-2 --title '官網首頁遭置換' \
	--detected "$((now - 90000))" --level 1 --system WEBSITE >/dev/null 2>&1
# shellcheck disable=SC2086
$FINCHECK incident report --db "$DB" $CATARG --by bob INC-DEMO-2 --initial --at "$((now - 88800))" >/dev/null 2>&1
# shellcheck disable=SC2086
$FINCHECK supervise import --db "$DB" $CATARG --by sup tests/fixtures/supervise-unseen/2025/*.json \
	tests/fixtures/supervise-unseen/2026/*.json 2>/dev/null
if ! web_start "$DB" "$D/serve.log" --bundle examples/demo; then
	exit 0
fi
shots=${FC_SHOTS:-}
[ -n "$shots" ] && shots=$(cd "$shots" && pwd)
(cd tests/e2e && FC_URL=$WEB FC_PASSWORD=$PW FC_SHOTS=$shots FC_CHROMIUM=$CHROMIUM timeout 240 node dashboard.mjs) >"$D/e2e.out" 2>&1
rc=$?
web_stop
grep -E '^(PASS|FAIL) ' "$D/e2e.out"
if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$D/e2e.out"; then
	echo "FAIL web_e2e_runner (exit $rc)"
	sed 's/^/    | /' "$D/e2e.out" | tail -20
fi
