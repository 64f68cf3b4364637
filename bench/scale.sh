#!/bin/sh
# Bank-scale assessment (issue 11): generate bundles at 1/100, 1/10 and full
# scale and time `fincheck assess --timings` on each, with peak memory.
# Usage: bench/scale.sh [OUTDIR]   (needs ~5 GB of disk for the full scale)
set -eu
cd "$(dirname "$0")/.."
dir=${1:-build/bench-scale}
mkdir -p "$dir"
[ -x ./fincheck ] || make -s all
printf '%-8s %10s %10s %12s  %s\n' scale seconds peak_MB bundle_GB timings
for s in 0.01 0.1 1; do
	b="$dir/bank-$s"
	[ -f "$b/org.yaml" ] || python3 bench/gen_bundle.py "$b" --scale "$s" >/dev/null
	size=$(du -sb "$b" | awk '{printf "%.2f", $1/1073741824}')
	/usr/bin/time -v ./fincheck assess "$b" --timings --quiet --format json >"$dir/out-$s.json" 2>"$dir/err-$s.txt" || true
	secs=$(grep 'Elapsed (wall clock)' "$dir/err-$s.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
	peak=$(grep 'Maximum resident' "$dir/err-$s.txt" | awk '{printf "%.0f", $NF/1024}')
	tim=$(grep '^timings:' "$dir/err-$s.txt" | sed 's/^timings: //')
	printf '%-8s %10s %10s %12s  %s\n' "$s" "$secs" "$peak" "$size" "$tim"
done
