#!/bin/sh
# Nessus parse speed and memory (issue 5): generates a ~1 GB .nessus with
# ~20,000 hosts (HostProperties, ~25 ReportItems per host, most of them
# informational with long plugin outputs, as real exports are), then times
#   fincheck vulns FILE --summary      (parse + normalize + dedupe, on one
#                                       thread per CPU: vuln_nessus_mt.c)
#   the same with --threads 1          (the serial parser, for reference)
#   python3 xml.etree.ElementTree.iterparse counting ReportItems by severity
# on the same file in the same run, with /usr/bin/time -v for peak RSS.
# Targets (wall clock, default threads): >= 100 MB/s, < 100 MB RSS,
# >= 5x python.
#
# usage: bench/nessus.sh [HOSTS] [FINCHECK]   (default 20000 ./fincheck)
set -eu
cd "$(dirname "$0")/.."
HOSTS=${1:-20000}
FINCHECK=${2:-./fincheck}
DIR=${BENCH_DIR:-build/bench}
mkdir -p "$DIR"
F=$DIR/bench-$HOSTS.nessus

if [ ! -f "$F" ]; then
	echo "generating $F ($HOSTS hosts)..." >&2
	python3 - "$F" "$HOSTS" <<'PY'
import random, sys
out, nhosts = sys.argv[1], int(sys.argv[2])
rnd = random.Random(5)
lorem = ("The remote host is missing one or more security updates. An attacker could exploit "
         "this to execute arbitrary code, disclose information or cause a denial of service. ")
def item(pid, sev, name, port, cves, output):
    s = ['<ReportItem port="%d" svc_name="%s" protocol="tcp" severity="%d" pluginID="%d" pluginName="%s" pluginFamily="General">\n'
         % (port, 'www' if port in (80, 443) else 'general', sev, pid, name)]
    if sev:
        s.append('<cvss3_base_score>%.1f</cvss3_base_score>\n' % (2.0 + 2 * sev))
    for c in cves:
        s.append('<cve>%s</cve>\n' % c)
    s.append('<description>%s</description>\n<fname>p%d.nasl</fname>\n<plugin_modification_date>2026/05/02</plugin_modification_date>\n'
             '<plugin_name>%s</plugin_name>\n<plugin_publication_date>2024/01/10</plugin_publication_date>\n<plugin_type>remote</plugin_type>\n'
             '<risk_factor>%s</risk_factor>\n<script_version>1.%d</script_version>\n<see_also>https://www.tenable.com/plugins/nessus/%d</see_also>\n'
             '<solution>Apply the vendor patch or upgrade to a fixed version.</solution>\n<synopsis>%s</synopsis>\n'
             % (lorem * 5, pid, name, ['None', 'Low', 'Medium', 'High', 'Critical'][sev], pid % 50, pid, name))
    s.append('<plugin_output>%s</plugin_output>\n</ReportItem>\n' % output)
    return ''.join(s)
# a pool of plugins: 60 informational, 40 with findings
info = [(10000 + i, 0, 'Service Detection %d' % i, [80, 443, 22, 445, 3389][i % 5], []) for i in range(60)]
vul = [(150000 + i, 1 + i % 4, 'Vendor Security Update %d' % i, [80, 443, 22, 445][i % 4],
        ['CVE-202%d-%05d' % (i % 5, 1000 + i * 7 + k) for k in range(1 + i % 3)]) for i in range(40)]
with open(out, 'w') as f:
    f.write('<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Policy><policyName>bench</policyName></Policy>\n<Report name="bench">\n')
    for h in range(nhosts):
        ip = '10.%d.%d.%d' % (h // 65536, (h // 256) % 256, h % 256)
        f.write('<ReportHost name="%s"><HostProperties>\n<tag name="host-ip">%s</tag>\n<tag name="host-fqdn">h%d.bench.example</tag>\n'
                '<tag name="HOST_START_TIMESTAMP">%d</tag>\n<tag name="operating-system">Linux Kernel 5.15</tag>\n</HostProperties>\n'
                % (ip, ip, h, 1792332000 + h))
        for p in rnd.sample(info, 18):
            f.write(item(*p, output=('Port %d/tcp was found to be open. ' % p[3]) * 20))
        for p in rnd.sample(vul, 6):
            f.write(item(*p, output='Installed version : 1.2.%d\nFixed version : 1.3.0\n' % h))
        f.write('</ReportHost>\n')
    f.write('</Report>\n</NessusClientData_v2>\n')
PY
fi

BYTES=$(stat -c %s "$F")
MB=$(python3 -c "print(round($BYTES / 1e6))")
echo "file: $F, $MB MB, $HOSTS hosts"

# warm the page cache so both readers see the same storage
cat "$F" >/dev/null

/usr/bin/time -v "$FINCHECK" vulns "$F" --as-of 2026-11-01 --summary --format json >"$DIR/fc.json" 2>"$DIR/fc.time"
FC_S=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$DIR/fc.time")
FC_RSS=$(awk -F': ' '/Maximum resident/ {print $2}' "$DIR/fc.time")
FC_CPU=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$DIR/fc.time")

/usr/bin/time -v "$FINCHECK" vulns "$F" --as-of 2026-11-01 --summary --format json --threads 1 >"$DIR/fc1.json" 2>"$DIR/fc1.time"
FC1_S=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$DIR/fc1.time")
FC1_RSS=$(awk -F': ' '/Maximum resident/ {print $2}' "$DIR/fc1.time")
FC1_CPU=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$DIR/fc1.time")
cmp -s "$DIR/fc.json" "$DIR/fc1.json" && FC1_SAME=same || FC1_SAME=DIFFERENT

/usr/bin/time -v python3 - "$F" >"$DIR/py.out" 2>"$DIR/py.time" <<'PY'
import sys, xml.etree.ElementTree as ET
c = [0] * 5
for ev, el in ET.iterparse(sys.argv[1], events=('end',)):
    if el.tag == 'ReportItem':
        c[int(el.get('severity'))] += 1
        el.clear()
    elif el.tag == 'ReportHost':
        el.clear()
print(c)
PY
PY_S=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$DIR/py.time")
PY_RSS=$(awk -F': ' '/Maximum resident/ {print $2}' "$DIR/py.time")
PY_CPU=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$DIR/py.time")

python3 - "$BYTES" "$FC_S" "$FC_RSS" "$PY_S" "$PY_RSS" "$DIR/fc.json" "$DIR/py.out" "$FC_CPU" "$PY_CPU" \
	"$FC1_S" "$FC1_RSS" "$FC1_CPU" "$FC1_SAME" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, sys
b, fs, fr, ps, pr = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
fc_cpu, py_cpu = float(sys.argv[8]), float(sys.argv[9])
f1s, f1r, f1cpu, f1same = float(sys.argv[10]), int(sys.argv[11]), float(sys.argv[12]), sys.argv[13]
print('machine : %s CPUs, load average %s' % (sys.argv[14], sys.argv[15]))
c = json.load(open(sys.argv[6]))['scans'][0]['counts']
fc = [c['info'], c['low'], c['medium'], c['high'], c['critical']]
py = eval(open(sys.argv[7]).read())
print('fincheck: %6.2f s wall %7.1f MB/s | %6.2f s CPU %7.1f MB/s | peak RSS %6.1f MB' % (fs, b / 1e6 / fs, fc_cpu, b / 1e6 / fc_cpu, fr / 1024))
print('serial  : %6.2f s wall %7.1f MB/s | %6.2f s CPU %7.1f MB/s | peak RSS %6.1f MB  (--threads 1, output %s)' % (f1s, b / 1e6 / f1s, f1cpu, b / 1e6 / f1cpu, f1r / 1024, f1same))
print('python3 : %6.2f s wall %7.1f MB/s | %6.2f s CPU %7.1f MB/s | peak RSS %6.1f MB  (xml.etree iterparse)' % (ps, b / 1e6 / ps, py_cpu, b / 1e6 / py_cpu, pr / 1024))
print('ratio   : fincheck is %.1fx faster (wall), %.1fx (CPU)' % (ps / fs, py_cpu / fc_cpu))
print('counts  : %s (%s)' % (fc, 'agree' if fc == py else 'DIFFER from python %s' % py))
ok = b / 1e6 / fs >= 100 and fr / 1024 < 100 and ps / fs >= 5 and fc == py and f1same == 'same'
print('targets : >= 100 MB/s, < 100 MB RSS, >= 5x python: %s' % ('met' if ok else 'NOT met'))
PY
