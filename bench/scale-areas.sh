#!/bin/sh
# bench/scale-areas.sh BUNDLE [FINCHECK]: time `assess` on each area of a
# bundle alone (the area's directory plus org.yaml, the zones and the
# inventory its checks need), to see which part costs the time and memory
# of a bank-scale run (docs/scale.md).  Files are hard-linked, not copied.
set -eu
B=${1:?usage: bench/scale-areas.sh BUNDLE [FINCHECK]}
BIN=${2:-./fincheck}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
printf '%-10s %8s %10s %10s\n' area wall_s parse_ms peak_MiB
for part in scans logs data accounts firewall hosts certs records inventory; do
	[ -d "$B/$part" ] || continue
	d=$T/$part
	mkdir -p "$d/network" "$d/inventory"
	cp "$B/org.yaml" "$d/"
	[ -f "$B/network/zones.csv" ] && cp "$B/network/zones.csv" "$d/network/"
	cp -rl "$B/$part" "$d/" 2>/dev/null || cp -r "$B/$part" "$d/"
	[ "$part" = accounts ] && [ -d "$B/hr" ] && cp -rl "$B/hr" "$d/"
	if [ "$part" != inventory ]; then
		for f in systems.csv hosts.csv; do
			[ -f "$B/inventory/$f" ] && cp "$B/inventory/$f" "$d/inventory/"
		done
	fi
	/usr/bin/time -f '%e %M' -o "$T/time" "$BIN" assess "$d" --timings --quiet --format json >/dev/null 2>"$T/err" || true
	parse=$(sed -n 's/^timings:.* parse \([0-9]*\) ms.*/\1/p' "$T/err")
	read -r wall kb <"$T/time"
	printf '%-10s %8s %10s %10s\n' "$part" "$wall" "${parse:-?}" "$((kb / 1024))"
	rm -rf "$d"
done
