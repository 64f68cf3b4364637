#!/bin/sh
# The findings store on the demo bundle (docs/store.md): two runs a month
# apart, the DMZ database moved in between, follow-up by people, 覆查,
# a risk acceptance, history and the audit chain.  Works on a copy under
# ${WORK:-/tmp/fincheck-store-demo}; the demo itself is not changed.
# Usage: sh examples/store-walkthrough.sh [FINCHECK] [--db postgresql://…]
set -eu
cd "$(dirname "$0")/.."
FC=${1:-./fincheck}
W=${WORK:-/tmp/fincheck-store-demo}
DB=${2:-$W/fincheck.db}
rm -rf "$W" && mkdir -p "$W" && cp -r examples/demo "$W/bundle"
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step "$FC" assess "$W/bundle" --db "$DB" --by 資安室陳專員 --quiet >/dev/null || true
step "$FC" findings list --db "$DB" --severity critical
id=$("$FC" findings list --db "$DB" --check net.db_in_dmz --format csv | sed -n 2p | cut -d, -f1)
step "$FC" findings update "$id" --db "$DB" --status in_remediation --owner 資訊部 \
	--plan "dmzdb01 遷至內部資料庫區，DMZ 僅開放 AP 連線" --by 資訊部王經理
# a month later the database has moved out of the DMZ
sed -i 's/^dmzdb01,172.16.10.31,DMZ,production,db,/dmzdb01,10.10.3.31,PROD-CORE,production,db,/' \
	"$W/bundle/inventory/hosts.csv"
step "$FC" assess "$W/bundle" --db "$DB" --by 資安室陳專員 --as-of 2026-12-01 --quiet >/dev/null || true
step "$FC" findings show "$id" --db "$DB"
step "$FC" findings verify "$id" --db "$DB" --by 稽核室林稽核 --note "現場覆查：防火牆規則已移除 DMZ→DB 直連"
step "$FC" findings update "$id" --db "$DB" --status closed --by 資安長
acc=$("$FC" findings list --db "$DB" --check cert.validation_level --status open --format csv | sed -n 2p | cut -d, -f1)
if [ -n "$acc" ]; then
	step "$FC" findings accept "$acc" --db "$DB" --by 資訊部王經理 --justification "EV 憑證採購中" \
		--control "WAF 強制 HSTS 並監控憑證透明度紀錄" --expires "$(date -d '+90 days' +%F)"
	step "$FC" findings accept "$acc" --db "$DB" --by 資安長 --approve
fi
step "$FC" history "$id" --db "$DB"
step "$FC" verify --db "$DB"
