# Hostile variants of every evidence file of the demo bundle (issue 11):
# truncated, binary, empty, NUL, deeply nested, over-wide, wrong-encoding
# (UTF-16, Big5, Latin-1) and corrupt-gzip copies of each file, in a bundle
# of their own (tests/hostile/make_variants.py says which apply and what is
# expected).  fincheck must never crash (no signal, no sanitizer report) or
# hang (30 s each), and where the variant is malformed by its format's rules
# it must exit 2 naming the file with a line number; where it may be
# well-formed it must still name a file it could not read.
# HOSTILE_ONLY=VARIANT limits the run to one variant; HOSTILE_BIG=1 adds
# 70 MiB one-line variants (> FC_MAX_LINE_BYTES) of a CSV table, an sshd
# log, a login CSV and an iptables file (tests/cli/test_hostile_big.sh).
. tests/cli/lib.sh
set --
[ "${HOSTILE_BIG:-0}" = 1 ] && set -- "$@" --big
[ -n "${HOSTILE_ONLY:-}" ] && set -- "$@" --only "$HOSTILE_ONLY"
python3 tests/hostile/make_variants.py examples/demo "$TMP/v" "$@" >"$TMP/list"

# one variant: prints nothing when it behaves, else the FAIL line
cat >"$TMP/one.sh" <<'EOF'
#!/bin/sh
FINCHECK=$1 TMP=$2 n=$3 variant=$4 rel=$5 expect=$6
out=$TMP/o.$n err=$TMP/e.$n
timeout 30 $FINCHECK assess "$TMP/v/$n" --format json >"$out" 2>"$err"
rc=$?
pat=$(printf '%s' "$rel" | sed 's/[.[\*^$]/\\&/g')
why=""
if [ $rc -ge 124 ]; then
	why="exit $rc (crash or hang)"
elif grep -qE 'AddressSanitizer|runtime error|LeakSanitizer' "$err"; then
	why="sanitizer report"
elif [ $rc -ne 0 ] && [ $rc -ne 2 ]; then
	why="exit $rc"
elif [ "$expect" = 2 ] && [ $rc -ne 2 ]; then
	why="exit $rc, expected 2"
elif [ "$expect" = 2 ] && ! grep -qE "^$pat:[0-9]+(:[0-9]+)?: error:" "$err"; then
	why="no error naming $rel with a line"
elif [ "$expect" = warn ] && ! grep -qE "^$pat(:[0-9]+)*: (warning|error):" "$err"; then
	why="no diagnostic naming $rel (silent skip)"
elif [ $rc -eq 2 ] && ! grep -qE ': error:' "$err"; then
	why="exit 2 without an error message"
fi
if [ -n "$why" ]; then
	echo "FAIL hostile_${variant}_$(echo "$rel" | tr '/.' '__'): $why"
	head -4 "$err" | sed 's/^/    | /'
fi
rm -rf "$out" "$err" "$TMP/v/$n"
EOF
total=$(wc -l <"$TMP/list")
jobs=$(nproc 2>/dev/null || echo 2)
xargs -P "$jobs" -L 1 sh "$TMP/one.sh" "$FINCHECK" "$TMP" <"$TMP/list" >"$TMP/fails"
cat "$TMP/fails"
bad=$(grep -c '^FAIL' "$TMP/fails")
if [ "$total" -gt 0 ] && [ "$bad" -eq 0 ]; then
	echo "PASS hostile_variants ($total bundles, $(cut -d' ' -f2 "$TMP/list" | sort -u | tr '\n' ' '))"
elif [ "$total" -eq 0 ]; then
	echo "FAIL hostile_variants: no variants generated"
fi
rm -rf "$TMP"
