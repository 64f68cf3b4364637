#!/bin/sh
# The findings store at scale (issue 9): a generated bundle with H hosts in
# the wrong zones (two network findings per host), recorded with
# `assess --db` (first run: every finding opened; second run: every finding
# seen again; third run: half of the hosts removed, half fixed), then
# `fincheck verify`, `findings list --format json` and `history`.
#
# Peer: the sqlite3 shell (Debian's sqlite3) importing the same findings as
# a plain CSV table in one transaction — the cost of storing the rows at all,
# without lifecycle, evidence or the audit chain.  The ratio shows what the
# lifecycle and the tamper evidence cost on top of that.
# With PG=1 the same runs go to a throwaway PostgreSQL (tests/pg.sh).
# Usage: sh bench/store.sh [FINCHECK] [H hosts]
set -u
cd "$(dirname "$0")/.." || exit 1
FC=${1:-./fincheck}
H=${2:-20000}
W=${BENCH_DIR:-build/bench-store}
rm -rf "$W" && mkdir -p "$W/b/inventory" "$W/b/network" || exit 1
now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{ printf "%.2f", $2 - $1 }'; }
printf 'name: 規模測試銀行\nindustry: bank\nas_of: 2026-11-01\n' >"$W/b/org.yaml"
cp tests/fixtures/store-unseen/network/zones.csv "$W/b/network/"
gen() { # N file
	python3 - "$1" "$2" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
with open(out, "w") as f:
    f.write("hostname,ip,zone,environment,role,system_id,internet_facing\n")
    for i in range(n):
        f.write("h%06d,10.80.1.%d,Core-DB,uat,database,CORE,no\n" % (i, i % 250 + 1))
PY
}
gen "$H" "$W/b/inventory/hosts.csv"
DB=${STORE_DB:-$W/store.db}
case $DB in postgres*) ;; *) rm -f "$DB"* ;; esac
t0=$(now)
"$FC" assess "$W/b" ${BENCH_CATALOG:+--catalog $BENCH_CATALOG} --format json >"$W/plain.json" 2>/dev/null
t1=$(now)
"$FC" assess "$W/b" ${BENCH_CATALOG:+--catalog $BENCH_CATALOG} --db "$DB" --by bench --format json --timings >/dev/null 2>"$W/t1"
t2=$(now)
"$FC" assess "$W/b" ${BENCH_CATALOG:+--catalog $BENCH_CATALOG} --db "$DB" --by bench --format json --timings >/dev/null 2>"$W/t2"
t3=$(now)
gen $((H / 2)) "$W/b/inventory/hosts.csv"
"$FC" assess "$W/b" ${BENCH_CATALOG:+--catalog $BENCH_CATALOG} --db "$DB" --by bench --format json --timings >/dev/null 2>"$W/t3"
t4=$(now)
"$FC" verify --db "$DB" >"$W/verify.txt"
t5=$(now)
"$FC" findings list --db "$DB" --format json >"$W/list.json"
t6b=$(now)
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["findings"][0]["id"])' "$W/list.json")
t6=$(now)
"$FC" history "$id" --db "$DB" >/dev/null
t7=$(now)
nf=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$W/plain.json")
store() { sed -n 's/.*store \([0-9]*\) ms.*/\1/p' "$1"; }
# the peer: the same findings (id, check, object, severity, due, file, line)
python3 - "$W/plain.json" "$W/peer.csv" <<'PY'
import json, sys, csv
d = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "check", "object", "severity", "due", "file", "line"])
    for x in d["findings"]:
        e = x["evidence"][0] if x["evidence"] else {"file": "", "line": 0}
        w.writerow([x["id"], x["check"], x["object"], x["severity"], x.get("due") or "", e["file"], e["line"]])
PY
rm -f "$W/peer.db"
p0=$(now)
sqlite3 "$W/peer.db" "PRAGMA journal_mode=WAL;" "PRAGMA synchronous=FULL;" ".mode csv" ".import $W/peer.csv f" \
	"CREATE UNIQUE INDEX f_id ON f(id);" >/dev/null
p1=$(now)
ps=$(secs "$p0" "$p1")
s1=$(store "$W/t1")
echo "hosts $H, findings $nf ($DB)"
echo "assess without store           $(secs "$t0" "$t1") s"
echo "first run (all opened)         $(secs "$t1" "$t2") s  store $s1 ms"
echo "second run (all seen again)    $(secs "$t2" "$t3") s  store $(store "$W/t2") ms"
echo "third run (half fixed)         $(secs "$t3" "$t4") s  store $(store "$W/t3") ms"
echo "verify                         $(secs "$t4" "$t5") s  $(cut -c1-60 "$W/verify.txt")"
echo "findings list --format json    $(secs "$t5" "$t6b") s"
echo "history                        $(secs "$t6" "$t7") s"
echo "peer: sqlite3 .import          $ps s"
echo "$s1 $ps" | awk '{ if ($2 > 0) printf "ratio first-run store / sqlite3 import: %.1fx\n", $1 / 1000 / $2 }'
