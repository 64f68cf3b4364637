#!/bin/sh
# Build and run libFuzzer harnesses: tests/fuzz/run.sh NAME|all SECONDS
# Each harness tests/fuzz/fuzz_NAME.c is linked against the library built
# with clang and -fsanitize=fuzzer,address,undefined.  New crashes land in
# tests/fuzz/crashes/NAME/; the seeds in tests/fuzz/corpus/NAME/ grow.
set -eu
cd "$(dirname "$0")/../.."
which="${1:-all}"
secs="${2:-60}"
B=build/fuzz
make --no-print-directory CC=clang B=$B OPT=-O1 \
	SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" $B/libfincheck.a >/dev/null
PKGS="yaml-0.1 expat zlib openssl jansson sqlite3 libpq libmicrohttpd xlsxwriter pangocairo libargon2"
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c | sed 's/^fuzz_//')
	[ "$which" = all ] || [ "$which" = "$name" ] || continue
	mkdir -p tests/fuzz/corpus/$name tests/fuzz/crashes/$name $B/fuzz
	clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc $(pkg-config --cflags $PKGS) \
		-o $B/fuzz/$name "$src" $B/libfincheck.a $(pkg-config --libs $PKGS) -lm -lpthread
	echo "fuzz $name for ${secs}s"
	$B/fuzz/$name -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix=tests/fuzz/crashes/$name/ tests/fuzz/corpus/$name 2>&1 | tail -3
done
