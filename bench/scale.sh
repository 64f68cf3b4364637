#!/bin/sh
# Bank-scale assessment (issue 11): generate bundles at 1/100, 1/10 and full
# scale (bench/gen_bundle.py) and time `fincheck assess --timings` on each:
# wall and CPU seconds, peak memory, the per-phase timings, the findings,
# and how cost grows with the bundle (seconds and MB per GB of evidence).
# Each run is the whole job an institution runs: the run recorded in a new
# SQLite findings store (--db) and the report and exports written (--out:
# PDF, HTML, XLSX, JSON, JUnit, OSCAL), so the store and report phases are
# timed too.
#
#   bench/scale.sh [OUTDIR]        needs ~5 GB of disk for the full scale
#   SCALES="0.01 0.1" bench/scale.sh    only some scales
#   FINCHECK=build/x/fincheck bench/scale.sh   another binary
#
# Bundles are generated once (deleting OUTDIR/bank-S regenerates one).  Keep
# OUTDIR outside the build directory's object tree (make reads every *.d
# under it); the default is build/bench-scale.
set -eu
cd "$(dirname "$0")/.."
dir=${1:-build/bench-scale}
scales=${SCALES:-0.01 0.1 1}
bin=${FINCHECK:-./fincheck}
mkdir -p "$dir"
[ -x "$bin" ] || make -s all
echo "fincheck scale benchmark: $(nproc) CPUs, $(awk '/MemTotal/{printf "%.0f GB RAM", $2/1048576}' /proc/meminfo), binary $bin"
printf '%-6s %9s %8s %8s %8s %9s %9s %10s  %s\n' scale bundle_GB wall_s cpu_s peak_MB findings errors s_per_GB timings
for s in $scales; do
	b="$dir/bank-$s"
	if [ ! -f "$b/org.yaml" ]; then
		rm -rf "$b"
		python3 bench/gen_bundle.py "$b" --scale "$s" >/dev/null
	fi
	size=$(du -sb "$b" | awk '{printf "%.3f", $1/1073741824}')
	rc=0
	rm -rf "$dir/store-$s.db"* "$dir/report-$s"
	/usr/bin/time -v "$bin" assess "$b" --timings --quiet --format json --db "$dir/store-$s.db" \
		--out "$dir/report-$s" >"$dir/out-$s.json" 2>"$dir/err-$s.txt" || rc=$?
	secs=$(grep 'Elapsed (wall clock)' "$dir/err-$s.txt" | awk '{print $NF}' |
		awk -F: '{ if (NF==3) printf "%.1f", $1*3600+$2*60+$3; else printf "%.1f", $1*60+$2 }')
	cpu=$(awk -F': ' '/User time|System time/{t+=$2} END{printf "%.1f", t}' "$dir/err-$s.txt")
	peak=$(grep 'Maximum resident' "$dir/err-$s.txt" | awk '{printf "%.0f", $NF/1024}')
	tim=$(grep '^timings:' "$dir/err-$s.txt" | sed 's/^timings: //')
	counts=$(python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
print(len(d.get("findings", [])), len(d.get("errors", [])))' "$dir/out-$s.json" 2>/dev/null || echo "? ?")
	perg=$(awk -v t="$secs" -v g="$size" 'BEGIN{ if (g > 0) printf "%.1f", t/g; else print "?" }')
	printf '%-6s %9s %8s %8s %8s %9s %9s %10s  %s%s\n' "$s" "$size" "$secs" "$cpu" "$peak" \
		$counts "$perg" "$tim" "$([ $rc -eq 0 ] || echo " (exit $rc)")"
done
