# Hostile variants of every evidence file of the demo bundle (issue 11):
# truncated, binary, deeply nested, wrong encoding.  fincheck must never
# crash (no sanitizer report, no signal), never hang (30 s each), and where
# the variant is malformed by its format's rules, exit 2 naming the file
# with a line number.
. tests/cli/lib.sh
python3 tests/hostile/make_variants.py examples/demo "$TMP/v" >"$TMP/list"
total=0
bad=0
while read -r n variant rel expect; do
	total=$((total + 1))
	timeout 30 $FINCHECK assess "$TMP/v/$n" --format json >"$TMP/o" 2>"$TMP/e"
	rc=$?
	why=""
	if [ $rc -ge 124 ]; then
		why="exit $rc (crash or hang)"
	elif grep -qE 'AddressSanitizer|runtime error|LeakSanitizer' "$TMP/e"; then
		why="sanitizer report"
	elif [ "$expect" = 2 ] && [ $rc -ne 2 ]; then
		why="exit $rc, expected 2"
	elif [ "$expect" = 2 ] && ! grep -qE "^$(printf '%s' "$rel" | sed 's/[.[\*^$]/\\&/g'):[0-9]+(:[0-9]+)?: error:" "$TMP/e"; then
		why="no error naming $rel"
	elif [ $rc -ne 0 ] && [ $rc -ne 2 ]; then
		why="exit $rc"
	fi
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		echo "FAIL hostile_${variant}_$(echo "$rel" | tr '/.' '__'): $why"
		head -5 "$TMP/e" | sed 's/^/    | /'
	fi
done <"$TMP/list"
if [ $total -gt 0 ] && [ $bad -eq 0 ]; then
	echo "PASS hostile_variants ($total bundles)"
elif [ $total -eq 0 ]; then
	echo "FAIL hostile_variants: no variants generated"
fi
rm -rf "$TMP"
