#!/bin/sh
# bench/logscan.sh [LINES] [DISTINCT_IPS] — issue 6: fincheck logscan against
# the I/O floor (grep -c) and fail2ban-regex with its sshd filter.
#
# Generates (once) a synthetic sshd auth.log of ~LINES lines (default
# 19,000,000, ~2.1 GB, 1,000,000 distinct source IPs over 30 days) under
# $BENCH_DIR (default /tmp/fc-bench), then times in the same run:
#   1. fincheck logscan on one core (--threads 1);
#   2. grep -c 'Failed password' on the same file (page cache warm);
#   3. fail2ban-regex with /etc/fail2ban/filter.d/sshd.conf on the first
#      200,000 lines (apt-get install fail2ban);
#   4. fincheck on the same lines split into two files by sshd pid (two
#      hosts' logs of the same period) with two threads;
#   5. fincheck on the one file with the default threads: the worker
#      classifies while a second thread applies (pipelined).
# Prints MB/s and lines/s by wall clock and by CPU time (user+sys: the
# machine may be shared, and then wall clock measures the neighbours),
# peak RSS, and the ratios.  Targets (issue 6): >= 400 MB/s on one core,
# >= 30% of grep's throughput, >= 200x fail2ban-regex, peak RSS < 256 MB.
set -eu
cd "$(dirname "$0")/.."
FC=${FINCHECK:-./fincheck}
D=${BENCH_DIR:-/tmp/fc-bench}
LINES=${1:-19000000}
IPS=${2:-1000000}
ASOF=2026-10-15
mkdir -p "$D"
[ -x "$FC" ] || { echo "bench: build fincheck first (make)"; exit 1; }
if [ ! -s "$D/auth.log" ]; then
	echo "generating $D/auth.log ($LINES lines, $IPS addresses)..."
	python3 bench/gen_sshd.py "$D/auth.log" "$LINES" "$IPS"
fi
T="/usr/bin/time"
[ -x "$T" ] || { echo "bench: needs GNU time (/usr/bin/time)"; exit 1; }
cat "$D/auth.log" >/dev/null # warm the page cache for every contender

echo "1. fincheck logscan, one thread"
$T -o "$D/t.fc1" -f '%e %U %S %M' "$FC" logscan "$D/auth.log" --as-of $ASOF --threads 1 --format json >"$D/fc1.json"
echo "2. grep -c 'Failed password'"
$T -o "$D/t.grep" -f '%e %U %S %M' grep -c 'Failed password' "$D/auth.log" >"$D/grep.out" || true
if command -v fail2ban-regex >/dev/null 2>&1; then
	echo "3. fail2ban-regex (sshd filter), 200,000 lines"
	head -n 200000 "$D/auth.log" >"$D/slice.log"
	$T -o "$D/t.f2b" -f '%e %U %S %M' fail2ban-regex "$D/slice.log" /etc/fail2ban/filter.d/sshd.conf >"$D/f2b.out" 2>&1 || true
else
	echo "3. fail2ban-regex: not installed (apt-get install fail2ban) - skipped"
	rm -f "$D/t.f2b"
fi
if [ ! -s "$D/pid1.log" ]; then
	echo "   splitting by sshd pid into two files..."
	awk -v a="$D/pid0.log" -v b="$D/pid1.log" '{ p = $5; gsub(/[^0-9]/, "", p); if (p % 2) print > b; else print > a }' "$D/auth.log"
fi
cat "$D/pid0.log" "$D/pid1.log" >/dev/null
echo "4. fincheck logscan, two files, two threads"
$T -o "$D/t.fc2" -f '%e %U %S %M' "$FC" logscan "$D/pid0.log" "$D/pid1.log" --as-of $ASOF --threads 2 --format json >"$D/fc2.json"
echo "5. fincheck logscan, one file, default threads (pipelined)"
$T -o "$D/t.fcp" -f '%e %U %S %M' "$FC" logscan "$D/auth.log" --as-of $ASOF --format json >"$D/fcp.json"

python3 - "$D" <<'EOF'
import json, os, sys
d = sys.argv[1]
def t(name):
    p = os.path.join(d, "t." + name)
    if not os.path.exists(p):
        return None
    w, u, s, m = open(p).read().split()[-4:]
    return {"wall": float(w), "cpu": float(u) + float(s), "rss": int(m) / 1024.0}
size = os.path.getsize(os.path.join(d, "auth.log"))
fc1 = json.load(open(os.path.join(d, "fc1.json")))
fc2 = json.load(open(os.path.join(d, "fc2.json")))
lines = fc1["summary"]["lines"]
r1, rg, rf, r2, rp = t("fc1"), t("grep"), t("f2b"), t("fc2"), t("fcp")
mb = size / 1e6
print()
print("file: %.0f MB, %d lines, %d days, %d distinct (day, IP) pairs, load average %.1f"
      % (mb, lines, len(fc1["days"]), sum(x["distinct_ips"] for x in fc1["days"]), os.getloadavg()[0]))
print("%-34s %10s %10s %12s %12s %9s" % ("", "wall s", "CPU s", "MB/s wall", "MB/s CPU", "RSS MB"))
def row(name, r, nbytes, nlines=None):
    if not r:
        return
    print("%-34s %10.2f %10.2f %12.1f %12.1f %9.1f" % (name, r["wall"], r["cpu"], nbytes / 1e6 / max(r["wall"], 1e-9),
          nbytes / 1e6 / max(r["cpu"], 1e-9), r["rss"]))
row("fincheck logscan (1 thread)", r1, size)
row("grep -c 'Failed password'", rg, size)
row("fincheck logscan (2 files, 2 thr)", r2, size)
row("fincheck logscan (1 file, pipelined)", rp, size)
print()
fl_w, fl_c = lines / r1["wall"], lines / r1["cpu"]
print("fincheck: %.0f lines/s wall, %.0f lines/s CPU; %d alerts" % (fl_w, fl_c, fc1["summary"]["alerts"]))
if rg:
    print("vs grep: %.0f%% of grep's throughput by wall clock, %.0f%% by CPU time (target >= 30%%)"
          % (100 * rg["wall"] / r1["wall"], 100 * rg["cpu"] / max(r1["cpu"], 1e-9)))
if rf:
    n = 200000
    fw, fcpu = n / rf["wall"], n / rf["cpu"]
    print("fail2ban-regex: %.0f lines/s wall, %.0f lines/s CPU (200,000 lines)" % (fw, fcpu))
    print("vs fail2ban-regex: %.0fx by wall clock, %.0fx by CPU time (target >= 200x)" % (fl_w / fw, fl_c / fcpu))
if r2:
    same = [(a["kind"], a["day"], a["ip"], a["account"], a["count"]) for a in fc1["alerts"]] == \
           [(a["kind"], a["day"], a["ip"], a["account"], a["count"]) for a in fc2["alerts"]]
    print("two files on two threads: %.0f MB/s wall, %.2fx the one-thread wall time; same alerts: %s"
          % (size / 1e6 / r2["wall"], r1["wall"] / r2["wall"], same))
if rp:
    fcp = json.load(open(os.path.join(d, "fcp.json")))
    samep = fcp["alerts"] == fc1["alerts"]
    print("one file, pipelined: %.0f MB/s wall (%.0f%% of grep's wall throughput), %.2fx the one-thread wall time; "
          "%.0fx fail2ban-regex by wall clock; same alerts: %s"
          % (size / 1e6 / rp["wall"], 100 * rg["wall"] / rp["wall"] if rg else 0, r1["wall"] / rp["wall"],
             (lines / rp["wall"]) / (200000 / rf["wall"]) if rf else 0, samep))
print("peak RSS: %.0f MB one thread, %.0f MB two threads (target < 256 MB)" % (r1["rss"], r2["rss"] if r2 else 0))
EOF
