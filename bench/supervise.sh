#!/bin/sh
# The supervisor's views at market scale: N firms (default 120, about the
# number of securities firms in Taiwan) × 2 periods of generated results,
# each with up to 400 findings over 90 deficiency types.  Times the import,
# status, trend and the yearly publication.
#   sh bench/supervise.sh [FIRMS]
set -u
cd "$(dirname "$0")/.." || exit 1
N=${1:-120}
F=${FINCHECK:-./fincheck}
[ -x "$F" ] || F=build/fincheck
W=build/bench-supervise
rm -rf "$W"
mkdir -p "$W/in"
python3 - "$W/in" "$N" <<'EOF'
import json, random, sys
out, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(7)
sev = ["critical", "high", "medium", "low", "info"]
areas = ["network", "firewall", "host", "account", "vuln", "log", "pii", "governance", "program"]
types = [(f"{a}.t{k:02d}", a) for a in areas for k in range(10)]
for per, year in (("a", 2025), ("b", 2026)):
    for i in range(n):
        k = rnd.randint(3, 40)
        picked = rnd.sample(types, k)
        findings = []
        for cid, area in picked:
            for j in range(rnd.randint(1, 10)):
                findings.append({"id": f"{i}{cid}{j}", "check": cid, "title": cid, "title_zh": cid,
                                 "severity": rnd.choice(sev), "controls": ["CC-17010"], "object": f"o{j}",
                                 "object_type": "host", "evidence": [{"file": "inventory/hosts.csv", "line": j + 2}]})
        doc = {"org": {"name": f"證券商{i:03d}", "etrading_share": round(rnd.random(), 3)},
               "as_of": f"{year}-10-{rnd.randint(1, 28):02d}",
               "results": [{"check": c, "area": a, "status": "fail"} for c, a in picked],
               "findings": findings}
        json.dump(doc, open(f"{out}/{per}{i:03d}.json", "w"), ensure_ascii=False)
EOF
files=$(ls "$W"/in/*.json | wc -l)
bytes=$(cat "$W"/in/*.json | wc -c)
t() { # label cmd...: elapsed seconds
	label=$1
	shift
	s=$(date +%s.%N)
	"$@" >"$W/$label.out" 2>"$W/$label.err"
	e=$(date +%s.%N)
	printf '%-12s %6.2f s\n' "$label" "$(echo "$e - $s" | bc)"
}
echo "$files results files, $bytes bytes"
t import "$F" supervise import --db "$W/sv.db" "$W"/in/*.json
t status "$F" supervise status --db "$W/sv.db" --format json
t trend "$F" supervise trend --db "$W/sv.db" --format json
t publish "$F" supervise publish --db "$W/sv.db" --year 2026 --out "$W"
python3 -c "
import json
s = json.load(open('$W/status.out')); t = json.load(open('$W/trend.out'))
print('firms', len(s['firms']), 'zones', s['zones'], 'types', len(t['types']), 'hidden', len(t['hidden_risks']))"
