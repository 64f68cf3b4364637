#!/bin/sh
# Benchmark of issue 8: `fincheck plan` over a large fleet inventory and
# `fincheck assess --out` (report.pdf, report.html, findings.xlsx, OSCAL)
# with thousands of governance findings.  Inputs are generated under
# build/bench-report/.  Peer for the sampling step: coreutils `shuf -n`
# drawing the same number of rows (a plain random draw without strata,
# validation or output); there is no Debian peer for the formal report.
# Usage: bench/report.sh [DEVICES] [CONTRACTS]     (defaults 200000 5000)
set -eu
cd "$(dirname "$0")/.."
FINCHECK=${FINCHECK:-./fincheck}
N=${1:-200000}
C=${2:-5000}
D=build/bench-report
rm -rf $D && mkdir -p $D/b/inventory $D/b/records
python3 - "$D/b" "$N" "$C" <<'PY'
import random, sys
root, n, c = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(1)
with open(root + "/org.yaml", "w") as f:
    f.write("name: 效能測試銀行\nindustry: bank\nas_of: 2026-09-30\n")
fleets = 200
with open(root + "/inventory/systems.csv", "w") as f:
    f.write("system_id,name,category,internet_facing,last_assessed,last_full_assessment,last_major_incident\n")
    for s in range(fleets):
        f.write("SYS%03d,系統%03d,%d,N,2026-0%d-01,2026-01-01,%s\n" % (s, s, 1 + s % 3, 1 + s % 9, "2026-07-01" if s % 17 == 0 else ""))
with open(root + "/inventory/devices.csv", "w") as f:
    f.write("device_id,system_id,type,os,patch_level,app_version,last_assessed\n")
    for i in range(n):
        s = i % fleets
        t = "atm" if s % 2 else ("atm_server" if i % 50 == 0 else "kiosk")
        f.write("D%07d,SYS%03d,%s,OS%d,P%d,V%d,%s\n" % (i, s, t, i % 3, i % 4, i % 5, "2026-03-01" if i % 9 == 0 else ""))
with open(root + "/records/contracts.yaml", "w") as f:
    for i in range(c):
        f.write("- type: outsourcing_contract\n  vendor: 廠商%05d\n  security_clause: yes\n  audit_right: %s\n" % (i, "no" if i % 2 else "yes"))
PY
t() { /usr/bin/time -f "%e s wall, %U+%S s cpu, %M KB" "$@"; }
echo "devices: $N, contracts: $C ($((C / 2)) without an audit right)"
printf 'fincheck plan --format json        : '; t $FINCHECK plan $D/b --format json >$D/plan.json 2>$D/plan.err || true; tail -1 $D/plan.err
printf 'shuf -n (same draw size, no strata): '
REQ=$(python3 -c 'import json,sys; print(sum(f["required"] for f in json.load(open(sys.argv[1]))["fleets"]))' $D/plan.json)
t sh -c "tail -n +2 $D/b/inventory/devices.csv | shuf -n $REQ >/dev/null" 2>&1 | tail -1
printf 'fincheck assess --format json      : '; t $FINCHECK assess $D/b --format json >/dev/null 2>$D/a.err || true; tail -1 $D/a.err
printf 'fincheck assess --out (all reports): '; t $FINCHECK assess $D/b --out $D/out >/dev/null 2>$D/o.err || true; tail -1 $D/o.err
ls -l $D/out | awk 'NR>1 {printf "  %-32s %10d bytes\n", $9, $5}'
echo "  report.pdf pages: $(pdfinfo $D/out/report.pdf 2>/dev/null | sed -n 's/^Pages: *//p')"
