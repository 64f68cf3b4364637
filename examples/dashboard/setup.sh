#!/bin/sh
# Builds a demo store for the dashboard: the demo firm's assessment
# (examples/demo), users of every role, incidents in the tracker, and the
# supervisor's view over seven other (fictional) securities firms and the
# demo firm for 2025 and 2026.  Then:
#   ./fincheck serve --db out/dashboard.db --bundle examples/demo
# and log in as officer / auditor / manager / examiner with the password
# printed below.  Usage: sh examples/dashboard/setup.sh [DB]
set -eu
cd "$(dirname "$0")/../.."
F=${FINCHECK:-./fincheck}
DB=${1:-out/dashboard.db}
PW='Demo!pass2026'
mkdir -p "$(dirname "$DB")" out
rm -f "$DB" "$DB-wal" "$DB-shm"
"$F" assess examples/demo --db "$DB" --by officer --format json >out/demo-results.json || [ $? -eq 2 ]
for u in officer:assessor auditor:auditor manager:admin viewer:viewer examiner:supervisor; do
	printf '%s\n' "$PW" | "$F" user add "${u%%:*}" --role "${u#*:}" --db "$DB" --by setup
done
now=$(date +%s)
"$F" incident open --db "$DB" --by officer --ref INC-2026-015 \
	--title '網路下單系統遭 DDoS 攻擊，部分客戶無法登入' --detected "$((now - 1500))" --level 2 --major --system ETRADE
"$F" incident report --db "$DB" --by officer INC-2026-015 --initial --at "$((now - 600))"
"$F" incident open --db "$DB" --by officer --ref INC-2026-014 --title '官網首頁遭置換' \
	--detected "$((now - 100000))" --level 1 --system WEBSITE
"$F" incident report --db "$DB" --by officer INC-2026-014 --initial --at "$((now - 99000))"
"$F" supervise import --db "$DB" --by examiner examples/dashboard/firms/2025/*.json \
	examples/dashboard/firms/2026/*.json out/demo-results.json
echo "store: $DB; users officer, auditor, manager, viewer, examiner; password: $PW"
echo "run:   $F serve --db $DB --bundle examples/demo"
