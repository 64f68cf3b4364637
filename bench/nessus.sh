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
# The three commands run in turn RUNS times (default 3) and each one's best
# wall time counts: on a shared machine other work only ever adds time.
# Every sample is printed, with the load average.
#
# usage: [RUNS=3] bench/nessus.sh [HOSTS] [FINCHECK]   (default 20000 ./fincheck)
set -eu
cd "$(dirname "$0")/.."
HOSTS=${1:-20000}
FINCHECK=${2:-./fincheck}
DIR=${BENCH_DIR:-build/bench}
RUNS=${RUNS:-3}
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

cat >"$DIR/iterparse.py" <<'PY'
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

# one sample: "wall cpu rss_kb" from /usr/bin/time -v output
sample() {
	awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); w=0; for(i=1;i<=n;i++) w=w*60+a[i]}
		/User time|System time/ {c+=$2} /Maximum resident/ {r=$2} END {print w, c, r}' "$1"
}

: >"$DIR/samples"
i=1
while [ "$i" -le "$RUNS" ]; do
	/usr/bin/time -v "$FINCHECK" vulns "$F" --as-of 2026-11-01 --summary --format json >"$DIR/fc.json" 2>"$DIR/fc.time"
	echo "fc $(sample "$DIR/fc.time") $(cut -d' ' -f1 /proc/loadavg)" >>"$DIR/samples"
	/usr/bin/time -v "$FINCHECK" vulns "$F" --as-of 2026-11-01 --summary --format json --threads 1 >"$DIR/fc1.json" 2>"$DIR/fc1.time"
	echo "fc1 $(sample "$DIR/fc1.time") $(cut -d' ' -f1 /proc/loadavg)" >>"$DIR/samples"
	/usr/bin/time -v python3 "$DIR/iterparse.py" "$F" >"$DIR/py.out" 2>"$DIR/py.time"
	echo "py $(sample "$DIR/py.time") $(cut -d' ' -f1 /proc/loadavg)" >>"$DIR/samples"
	i=$((i + 1))
done
cmp -s "$DIR/fc.json" "$DIR/fc1.json" && FC1_SAME=same || FC1_SAME=DIFFERENT

python3 - "$BYTES" "$DIR/samples" "$DIR/fc.json" "$DIR/py.out" "$FC1_SAME" "$(nproc)" <<'PY'
import json, sys
b, same, ncpu = int(sys.argv[1]), sys.argv[5], sys.argv[6]
runs = {'fc': [], 'fc1': [], 'py': []}
for line in open(sys.argv[2]):
    k, w, c, r, load = line.split()
    runs[k].append((float(w), float(c), int(r), load))
print('machine : %s CPUs; samples (wall s / CPU s / load average at the end):' % ncpu)
for k, name in (('fc', 'fincheck'), ('fc1', 'serial'), ('py', 'python3')):
    print('  %-8s %s' % (name, '  '.join('%.2f/%.2f/%s' % (w, c, l) for w, c, r, l in runs[k])))
best = {k: min(v) for k, v in runs.items()}
rss = {k: max(x[2] for x in v) for k, v in runs.items()}
(fs, fcpu, _, _), (f1s, f1cpu, _, _), (ps, pcpu, _, _) = best['fc'], best['fc1'], best['py']
c = json.load(open(sys.argv[3]))['scans'][0]['counts']
fc = [c['info'], c['low'], c['medium'], c['high'], c['critical']]
py = eval(open(sys.argv[4]).read())
print('fincheck: %6.2f s wall %7.1f MB/s | %6.2f s CPU %7.1f MB/s | peak RSS %6.1f MB  (best of %d)' % (fs, b / 1e6 / fs, fcpu, b / 1e6 / fcpu, rss['fc'] / 1024, len(runs['fc'])))
print('serial  : %6.2f s wall %7.1f MB/s | %6.2f s CPU %7.1f MB/s | peak RSS %6.1f MB  (--threads 1, output %s)' % (f1s, b / 1e6 / f1s, f1cpu, b / 1e6 / f1cpu, rss['fc1'] / 1024, same))
print('python3 : %6.2f s wall %7.1f MB/s | %6.2f s CPU %7.1f MB/s | peak RSS %6.1f MB  (xml.etree iterparse)' % (ps, b / 1e6 / ps, pcpu, b / 1e6 / pcpu, rss['py'] / 1024))
print('ratio   : fincheck is %.1fx faster (wall), %.1fx (CPU); serial %.1fx (wall), %.1fx (CPU)' % (ps / fs, pcpu / fcpu, ps / f1s, pcpu / f1cpu))
print('counts  : %s (%s)' % (fc, 'agree' if fc == py else 'DIFFER from python %s' % py))
ok = b / 1e6 / fs >= 100 and rss['fc'] / 1024 < 100 and ps / fs >= 5 and fc == py and same == 'same'
print('targets : >= 100 MB/s, < 100 MB RSS, >= 5x python: %s' % ('met' if ok else 'NOT met'))
PY
