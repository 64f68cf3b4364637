#!/bin/sh
# Build and run libFuzzer harnesses:
#   tests/fuzz/run.sh NAME|all [SECONDS] [JOBS]
# Each harness tests/fuzz/fuzz_NAME.c is linked against the library built
# with clang and -fsanitize=fuzzer-no-link,address,undefined.  New crashes
# land in tests/fuzz/crashes/NAME/ (copy the ones you fix into
# tests/fuzz/corpus/NAME/: tests/fuzz/replay.sh replays both in make check);
# the campaign's corpus grows in $B/corpus/NAME/ (seeded from
# tests/fuzz/corpus/NAME/, which holds only named seeds and fixed crashes
# and is never written by a campaign).  JOBS (default 1) harnesses run
# side by side (one per core).  Every run's full libFuzzer log is kept in
# $B/logs/NAME.log and its final statistics are appended to
# $B/logs/summary.tsv (name, seconds, runs, cov, ft, corpus, crashes) — the
# figures docs/fuzzing.md records.  FUZZ_B overrides the build directory.
set -eu
cd "$(dirname "$0")/../.."
which="${1:-all}"
secs="${2:-60}"
jobs="${3:-1}"
B=${FUZZ_B:-build/fuzz}
make --no-print-directory CC=clang B=$B OPT=-O1 \
	SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" $B/libfincheck.a >/dev/null
PKGS="yaml-0.1 expat zlib openssl jansson sqlite3 libpq libmicrohttpd xlsxwriter pangocairo libargon2"
mkdir -p $B/fuzz $B/logs
names=""
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c | sed 's/^fuzz_//')
	[ "$which" = all ] || [ "$which" = "$name" ] || continue
	mkdir -p tests/fuzz/corpus/$name tests/fuzz/crashes/$name $B/corpus/$name
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -D_GNU_SOURCE -Isrc \
		$(pkg-config --cflags $PKGS) -o $B/fuzz/$name "$src" $B/libfincheck.a $(pkg-config --libs $PKGS) -lm -lpthread
	names="$names $name"
done
[ -n "$names" ] || { echo "no harness named $which" >&2; exit 1; }

one() {
	name=$1
	log=$B/logs/$name.log
	before=$(find tests/fuzz/crashes/$name -type f | wc -l)
	start=$(date +%s)
	$B/fuzz/$name -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix=tests/fuzz/crashes/$name/ \
		$B/corpus/$name tests/fuzz/corpus/$name >"$log" 2>&1 || true
	end=$(date +%s)
	after=$(find tests/fuzz/crashes/$name -type f | wc -l)
	done_line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1)
	runs=$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{print $2}' | tail -1)
	cov=$(echo "$done_line" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$done_line" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$done_line" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$((end - start))" "${runs:-?}" "${cov:-?}" "${ft:-?}" \
		"${corp:-?}" "$((after - before))" >>$B/logs/summary.tsv
	echo "fuzz $name: $((end - start)) s, ${runs:-?} runs, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, new crashes $((after - before))"
	if [ "$after" -gt "$before" ]; then
		grep -E 'ERROR: |SUMMARY: ' "$log" | head -4 | sed 's/^/    | /'
	fi
}

running=0
for name in $names; do
	one "$name" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait
