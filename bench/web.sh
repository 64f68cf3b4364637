#!/bin/sh
# Dashboard throughput: wrk against the overview page (the page everybody
# opens) and, for reference, the findings list and the supervisor's risk
# plane, with a logged-in session, on 127.0.0.1.
#   sh bench/web.sh [SECONDS] [CONNECTIONS]
# Target (issue 10): >= 2,000 requests/s, p99 < 50 ms, no errors on the
# overview on a 2-core machine.  Needs wrk (apt-get install wrk) and curl.
set -u
cd "$(dirname "$0")/.." || exit 1
DUR=${1:-10}
CONN=${2:-32}
F=${FINCHECK:-./fincheck}
[ -x "$F" ] || F=build/fincheck
if ! command -v wrk >/dev/null 2>&1; then
	echo "SKIP bench_web: wrk is not installed (apt-get install wrk)"
	exit 0
fi
W=build/bench-web
rm -rf "$W"
mkdir -p "$W"
DB=$W/bench.db
PW='S3cure!pass99'
"$F" assess examples/demo --db "$DB" --by bench --format json >/dev/null 2>"$W/assess.err"
printf '%s\n' "$PW" | "$F" user add bench --role admin --db "$DB" 2>/dev/null
"$F" supervise import --db "$DB" tests/fixtures/supervise-unseen/2025/*.json \
	tests/fixtures/supervise-unseen/2026/*.json 2>/dev/null
"$F" incident open --db "$DB" --title 'bench' --detected "$(date +%s)" >/dev/null 2>&1
"$F" serve --db "$DB" --listen 127.0.0.1:0 --bundle examples/demo --exit-after $((DUR * 4 + 60)) 2>"$W/serve.log" &
PID=$!
i=0
while [ $i -lt 100 ] && ! grep -q 'listening on' "$W/serve.log"; do
	sleep 0.1
	i=$((i + 1))
done
URL=$(sed -n 's|.*listening on \(http://[^/]*\)/.*|\1|p' "$W/serve.log")
curl -s -c "$W/jar" -b "$W/jar" "$URL/login" -o "$W/login.html"
CS=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$W/login.html" | head -1)
curl -s -c "$W/jar" -b "$W/jar" -o /dev/null --data-urlencode "csrf=$CS" --data-urlencode "user=bench" \
	--data-urlencode "password=$PW" "$URL/login"
SID=$(awk '$6 == "fc_session" {print $7}' "$W/jar")
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
# one request at a time: the overview rendered (its cache is empty after the
# login wrote to the audit chain), then served from the cache
t1=$(curl -s -o /dev/null -w '%{time_total}' -b "$W/jar" "$URL/")
t2=$(curl -s -o /dev/null -w '%{time_total}' -b "$W/jar" "$URL/")
t3=$(curl -s -o /dev/null -w '%{time_total}' -b "$W/jar" "$URL/findings")
echo "single requests: overview rendered ${t1}s, overview cached ${t2}s, findings ${t3}s"
echo "page sizes: overview $(curl -s -b "$W/jar" "$URL/" | wc -c) B, findings $(curl -s -b "$W/jar" "$URL/findings" | wc -c) B"
run() { # name path
	wrk -t2 -c"$CONN" -d"${DUR}s" --latency -H "Cookie: fc_session=$SID" "$URL$2" >"$W/$1.txt" 2>&1
	rps=$(awk '/^Requests\/sec/ {print $2}' "$W/$1.txt")
	p99=$(awk '$1 == "99%" {print $2}' "$W/$1.txt")
	p50=$(awk '$1 == "50%" {print $2}' "$W/$1.txt")
	errs=$(awk '/Non-2xx|Socket errors/ {print}' "$W/$1.txt" | tr '\n' ' ')
	printf '%-10s %10s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "${errs:-no errors}"
}
run overview /
run findings /findings
run supervise /supervise
kill "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
# the target, on the overview
rps=$(awk '/^Requests\/sec/ {print int($2)}' "$W/overview.txt")
p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms$/, "", v); else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; print v}' "$W/overview.txt")
bad=$(grep -cE 'Non-2xx|Socket errors' "$W/overview.txt")
if [ "$rps" -ge 2000 ] && awk "BEGIN {exit !($p99 < 50)}" && [ "$bad" = 0 ]; then
	echo "PASS bench_web_overview: $rps req/s >= 2000, p99 ${p99} ms < 50, no errors"
else
	echo "FAIL bench_web_overview: $rps req/s, p99 ${p99} ms, errors: $bad (target >= 2000 req/s, p99 < 50 ms)"
fi
