#!/bin/sh
# Replays every fuzz corpus file (seeds and every crash ever found) through
# its harness built with gcc + ASan/UBSan (no libFuzzer needed): a
# regression test that runs in `make check`.
set -u
cd "$(dirname "$0")/../.."
B=build/asan
PKGS="yaml-0.1 expat zlib openssl jansson sqlite3 libpq libmicrohttpd xlsxwriter pangocairo libargon2"
mkdir -p $B/replay
cat > $B/replay/main.c <<'EOC'
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) { perror(argv[i]); return 2; }
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		fseek(f, 0, SEEK_SET);
		uint8_t *buf = malloc(n ? (size_t)n : 1);
		if (fread(buf, 1, (size_t)n, f) != (size_t)n) { fclose(f); free(buf); return 2; }
		fclose(f);
		LLVMFuzzerTestOneInput(buf, (size_t)n);
		free(buf);
	}
	return 0;
}
EOC
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c | sed 's/^fuzz_//')
	files=$(find tests/fuzz/corpus/$name tests/fuzz/crashes/$name -type f 2>/dev/null | sort)
	if [ -z "$files" ]; then
		echo "SKIP fuzz_replay_$name: no corpus files"
		continue
	fi
	if ! gcc -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -D_GNU_SOURCE -Isrc \
		$(pkg-config --cflags $PKGS) -o $B/replay/$name "$src" $B/replay/main.c $B/libfincheck.a \
		$(pkg-config --libs $PKGS) -lm -lpthread 2>$B/replay/$name.log; then
		echo "FAIL fuzz_replay_$name: harness does not build"
		tail -5 $B/replay/$name.log
		continue
	fi
	n=$(echo "$files" | wc -l)
	# shellcheck disable=SC2086
	if $B/replay/$name $files >$B/replay/$name.out 2>&1; then
		echo "PASS fuzz_replay_$name ($n inputs)"
	else
		echo "FAIL fuzz_replay_$name"
		tail -20 $B/replay/$name.out
	fi
done
