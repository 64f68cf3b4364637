# Shell test helpers (git's t/ style): source this, then call `t NAME CMD...`.
# Each prints PASS/FAIL lines that tests/run.sh counts.
# FINCHECK points at the binary under test (the ASan build in the second pass).
: "${FINCHECK:=./fincheck}"
: "${TMP:=$(mktemp -d)}"
CORPORA=../shared/corpora

t() {
	name=$1
	shift
	if out=$("$@" 2>&1); then
		echo "PASS $name"
	else
		echo "FAIL $name"
		printf '%s\n' "$out" | sed 's/^/    | /' | tail -8
	fi
}

# t_exit NAME CODE CMD... : the command must exit with CODE
t_exit() {
	name=$1 want=$2
	shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" = "$want" ]; then
		echo "PASS $name"
	else
		echo "FAIL $name (exit $got, expected $want)"
		sed 's/^/    | /' "$TMP/err" | head -20
	fi
}

skip() {
	echo "SKIP $1: $2"
}

have_corpora() {
	[ -f "$CORPORA/SOURCES.md" ]
}

# JSON helper: jq-like queries through python3 (Debian's python3).
jget() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
env = {"d": d, "len": len, "sorted": sorted, "set": set, "sum": sum, "any": any, "all": all, "min": min, "max": max}
r = eval("(" + sys.argv[2] + ")", env)
if not r:
    print("jget: false:", sys.argv[2].strip()[:300])
    sys.exit(1)' "$@"
}
