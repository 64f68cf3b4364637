#!/bin/sh
# Runs every test: unit binaries (normal and ASan+UBSan builds, and the
# threaded ones under TSan), CLI scripts against both binaries, fuzz-corpus
# replay under ASan.  Prints each
# PASS/FAIL/SKIP line and a final "N passed, N failed, N skipped".
# Usage: tests/run.sh [--corpus]   (--corpus: only the tests that read ../shared/corpora)
set -u
cd "$(dirname "$0")/.." || exit 1
log=$(mktemp)
only_corpus=0
[ "${1:-}" = "--corpus" ] && only_corpus=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# tsan BIN: a ThreadSanitizer build's run; a kernel whose address-space
# randomization TSan cannot work with is a SKIP, said so, not a failure
tsan() {
	tout=$(env TSAN_OPTIONS=halt_on_error=1 "$@" 2>&1)
	trc=$?
	if printf '%s\n' "$tout" | grep -q 'ThreadSanitizer: unexpected memory mapping'; then
		echo "SKIP tsan: this kernel's address-space randomization is too wide for TSan (sysctl vm.mmap_rnd_bits)"
		return 0
	fi
	printf '%s\n' "$tout"
	return $trc
}

run() { # label cmd...
	label=$1
	shift
	start=$(date +%s)
	out=$("$@" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -E '^(PASS|FAIL|SKIP) ' | sed "s|^\(PASS\|FAIL\|SKIP\) |\1 [$label] |" | tee -a "$log"
	if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^FAIL '; then
		echo "FAIL [$label] exited $rc" | tee -a "$log"
		printf '%s\n' "$out" | tail -20 | sed 's/^/    | /'
	elif printf '%s\n' "$out" | grep -q '^FAIL '; then
		printf '%s\n' "$out" | grep -A8 '^FAIL ' | grep '^    |' | head -40
	fi
	end=$(date +%s)
	[ $((end - start)) -gt 20 ] && echo "  ($label took $((end - start)) s)"
	return 0
}

if [ $only_corpus -eq 0 ]; then
	for b in build/tests/test_*; do
		[ -x "$b" ] && run "unit $(basename "$b")" "$b"
	done
	for b in build/asan/tests/test_*; do
		[ -x "$b" ] && run "asan $(basename "$b")" "$b"
	done
	# the threaded code under TSan: the log analyser's reader, worker and
	# applier, and allocation failures on two threads
	[ -x build/tsan/tests/test_logs ] && run "tsan test_logs" tsan build/tsan/tests/test_logs
	[ -x build/tsan/tests/test_torture ] &&
		run "tsan test_torture" tsan env T_ONLY=allocations_fail_on_two_threads build/tsan/tests/test_torture
	for s in tests/cli/test_*.sh; do
		[ -f "$s" ] || continue
		run "cli $(basename "$s" .sh)" env FINCHECK=./fincheck sh "$s"
		run "cli-asan $(basename "$s" .sh)" env FINCHECK=./build/asan/fincheck sh "$s"
	done
	if [ -f tests/fuzz/replay.sh ]; then
		run "fuzz-replay" sh tests/fuzz/replay.sh
	fi
fi
if [ $only_corpus -eq 1 ]; then
	for s in tests/corpus/test_*.sh; do
		[ -f "$s" ] || continue
		run "corpus $(basename "$s" .sh)" env FINCHECK=./fincheck sh "$s"
	done
fi

p=$(grep -c '^PASS ' "$log")
f=$(grep -c '^FAIL ' "$log")
s=$(grep -c '^SKIP ' "$log")
rm -f "$log"
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]
