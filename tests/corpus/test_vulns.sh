#!/bin/sh
# Every scanner file of ../shared/corpora/defectdojo parses, and per file the
# counts by severity that `fincheck vulns --format json` reports match an
# independent count made here with python3 (xml.etree / json) over the same
# file, using the documented mapping (docs/vulns.md):
#   Nessus   ReportItem@severity 0..4 = info, low, medium, high, critical
#   OpenVAS  <results><result><severity> in CVSS bands (>= 9 critical,
#            >= 7 high, >= 4 medium, > 0 low, else info); <threat> if no score
#   Nmap     hosts up: each open port = info; each vulners CVE by its CVSS
#   Trivy    Severity of every Vulnerability, failed Misconfiguration and
#            Secret (UNKNOWN = info), plus one info item for an EOSL OS
. tests/cli/lib.sh
C=$CORPORA/defectdojo
if ! have_corpora || [ ! -d "$C" ]; then
	skip corpus_vulns "../shared/corpora is absent"
	exit 0
fi

count() { # FILE -> "critical high medium low info" computed independently
	python3 - "$1" <<'PY'
import json, sys, xml.etree.ElementTree as ET
f = sys.argv[1]
c = dict(critical=0, high=0, medium=0, low=0, info=0)
def band(s):
    return 'critical' if s >= 9 else 'high' if s >= 7 else 'medium' if s >= 4 else 'low' if s > 0 else 'info'
head = open(f, 'rb').read(8192)
if f.endswith('.json'):
    d = json.load(open(f))
    def results(rs):
        for r in rs or []:
            for v in r.get('Vulnerabilities') or []:
                yield v.get('Severity')
            for m in r.get('Misconfigurations') or []:
                if m.get('Status', 'FAIL') == 'FAIL':
                    yield m.get('Severity')
            for s in r.get('Secrets') or []:
                yield s.get('Severity')
    sev = []
    if isinstance(d, list):
        sev = list(results(d))
    elif 'Results' in d:
        sev = list(results(d['Results']))
        if ((d.get('Metadata') or {}).get('OS') or {}).get('EOSL'):
            sev.append('UNKNOWN')
    else:
        for k in ('Vulnerabilities', 'Misconfigurations', 'Resources'):
            for res in d.get(k) or []:
                sev += list(results(res.get('Results')))
    for s in sev:
        s = (s or 'UNKNOWN').lower()
        c[s if s in c else 'info'] += 1
elif b'<NessusClientData_v2' in head:
    for it in ET.parse(f).getroot().iter('ReportItem'):
        c[['info', 'low', 'medium', 'high', 'critical'][int(it.get('severity'))]] += 1
elif b'<nmaprun' in head:
    for h in ET.parse(f).getroot().iter('host'):
        st = h.find('status')
        if st is not None and st.get('state') != 'up':
            continue
        for p in h.iter('port'):
            s = p.find('state')
            if s is not None and s.get('state') == 'open':
                c['info'] += 1
            for sc in p.iter('script'):
                if sc.get('id') != 'vulners':
                    continue
                for t in sc.iter('table'):
                    e = {x.get('key'): x.text for x in t.findall('elem')}
                    if e.get('id', '').startswith('CVE-') and e.get('type', 'cve') == 'cve':
                        c[band(float(e.get('cvss', '0')))] += 1
else:
    for res in ET.parse(f).getroot().iter('results'):
        for r in res.findall('result'):
            s = r.findtext('severity')
            if s not in (None, ''):
                c[band(float(s))] += 1
            else:
                t = (r.findtext('threat') or '').lower()
                c[t if t in c else 'info'] += 1
print(c['critical'], c['high'], c['medium'], c['low'], c['info'])
PY
}

n=0
for f in "$C"/nessus/*.nessus "$C"/nessus/*.xml "$C"/openvas/*.xml "$C"/nmap/*.xml "$C"/trivy/*.json; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=$(basename "$f")
	$FINCHECK vulns "$f" --as-of 2026-11-01 --format json --summary >"$TMP/c.json" 2>"$TMP/c.err"
	rc=$?
	want=$(count "$f")
	got=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["scans"][0]["counts"]; print(c["critical"], c["high"], c["medium"], c["low"], c["info"])' "$TMP/c.json" 2>&1)
	if [ "$rc" = 0 ] && [ "$want" = "$got" ] && ! grep -q error "$TMP/c.err"; then
		echo "PASS corpus_vulns_$name ($got)"
	else
		echo "FAIL corpus_vulns_$name (exit $rc; fincheck $got; independent $want)"
		sed 's/^/    | /' "$TMP/c.err" | head -5
	fi
done
t corpus_vulns_files_seen test "$n" -ge 17
# the CSV exports are a different format (documented as not read)
$FINCHECK vulns "$C"/nessus/nessus_many_vuln.csv --as-of 2026-11-01 >/dev/null 2>"$TMP/csv.err"
t corpus_vulns_csv_refused grep -q "not a recognized scan" "$TMP/csv.err"
