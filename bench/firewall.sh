#!/bin/sh
# Firewall rule analysis speed (issue 3): fincheck firewall (parse +
# zone mapping + shadow/redundancy analysis + JSON) side by side with the
# Debian peer iptables-restore --test (parse and validate only, no analysis)
# on generated iptables-save rule sets of 1k, 10k and 100k rules, plus an
# adversarial "dense" set where every rule overlaps ~1,000 earlier ones.
# One core: fincheck's analysis is single-threaded.
#
# usage: bench/firewall.sh            (needs ./fincheck; `make` builds it)
#        FINCHECK=build/x/fincheck bench/firewall.sh
set -eu
cd "$(dirname "$0")/.."
FINCHECK=${FINCHECK:-./fincheck}
W=${BENCH_DIR:-build/bench/firewall}
mkdir -p "$W"
[ -x "$FINCHECK" ] || { echo "bench/firewall: $FINCHECK not built (run make)"; exit 1; }
PEER=$(command -v iptables-restore || command -v iptables-legacy-restore || true)
[ -n "$PEER" ] || echo "(peer iptables-restore not installed: apt-get install iptables)"

# best of 3 CPU seconds (user + system) of a command, output discarded: on a
# shared machine the CPU time is the one-core cost; wall time is printed too
TIMEFMT="%U %S %e"
best() {
	b="" bw=""
	for i in 1 2 3; do
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f "$TIMEFMT" -o "$W/time" "$@" >/dev/null 2>&1 || true
			t=$(awk '{print $1 + $2}' "$W/time")
			tw=$(awk '{print $3}' "$W/time")
		else
			s=$(date +%s.%N)
			"$@" >/dev/null 2>&1 || true
			e=$(date +%s.%N)
			t=$(echo "$e - $s" | bc -l)
			tw=$t
		fi
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t bw=$tw; fi
	done
	printf '%.3f %.3f' "$b" "$bw"
}

printf '%-8s %7s %11s %9s %11s %9s %11s %7s\n' set rules fincheck_cpu wall rules/s peer_cpu peer_rules/s ratio
for spec in 1000 10000 100000 dense:20000 dense:100000; do
	case $spec in
	dense:*) n=${spec#dense:}; mode=dense ;;
	*) n=$spec; mode=mixed ;;
	esac
	f="$W/$mode-$n.rules"
	[ -f "$f" ] || python3 bench/fw_gen.py "$n" "$f" $mode
	set -- $(best "$FINCHECK" firewall "$f" --format json)
	ft=$1 fw=$2
	[ "$(echo "$ft < 0.01" | bc -l)" = 1 ] && ft=0.01
	if [ -n "$PEER" ]; then
		set -- $(best "$PEER" --test "$f")
		pt=$1
		[ "$(echo "$pt < 0.01" | bc -l)" = 1 ] && pt=0.01 # time(1) resolution
		ratio=$(echo "$ft / $pt" | bc -l)
		prate=$(echo "$n / $pt" | bc -l)
	else
		pt=0 ratio=0 prate=0
	fi
	printf '%-8s %7d %11s %9s %11.0f %9s %11.0f %6.2fx\n' "$mode" "$n" "$ft" "$fw" "$(echo "$n / $ft" | bc -l)" "$pt" "$prate" "$ratio"
done
# what the analysis found on the 100k set (a sanity check of the work done)
"$FINCHECK" firewall "$W/mixed-100000.rules" --format json >"$W/mixed-100000.json" 2>/dev/null || true
python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print("100k set: %(rules)d rules, %(shadowed)d shadowed, %(redundant)d redundant, %(unlogged)d unlogged" % c)' "$W/mixed-100000.json"
