# fincheck logscan on real third-party logs (../shared/corpora/loghub):
# LF and CRLF copies give identical results, and the IPs flagged on
# SSH_2k.log match a count done independently here (python3 regexes over
# the raw lines, not fincheck's parser).  The 71 labelled Wazuh lines are
# the table test wazuh_sshd_ini_table in tests/unit/test_logs.c.
. tests/cli/lib.sh
if ! have_corpora; then
	skip logscan_corpora "../shared/corpora is absent"
	exit 0
fi
L=$CORPORA/loghub
# the sample is from December; an as-of in January puts it in the year before
$FINCHECK logscan $L/OpenSSH/SSH_2k.log --as-of 2026-01-15 --format json >"$TMP/lf.json" 2>"$TMP/lf.err"
t ssh2k_exit_0 test $? -eq 0
$FINCHECK logscan $L/OpenSSH/OpenSSH_2k.log --as-of 2026-01-15 --format json >"$TMP/crlf.json" 2>/dev/null

t lf_and_crlf_identical python3 -c '
import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
for x in (a,b):
    x.pop("files"); x["summary"].pop("seconds"); x["summary"].pop("bytes")
    for al in x["alerts"]:
        for e in al["evidence"]: e["file"] = e["file"].split("/")[-1].replace("OpenSSH_2k", "SSH_2k")
assert a == b, "LF and CRLF differ"
assert len(a["alerts"]) > 5' "$TMP/lf.json" "$TMP/crlf.json"

t ssh2k_year_rolls_back jget "$TMP/lf.json" '[x["day"] for x in d["days"]] == ["2025-12-10"]'
# grep's count: "Failed" lines, the two "message repeated 5 times" lines standing for 5 each
t ssh2k_failures_match_grep sh -c '
f=$(grep -c "sshd\[[0-9]*\]: Failed " '"$L"'/OpenSSH/SSH_2k.log)
r=$(grep -c "message repeated [0-9]* times: \[ Failed" '"$L"'/OpenSSH/SSH_2k.log)
n=$(grep -o "message repeated [0-9]* times: \[ Failed" '"$L"'/OpenSSH/SSH_2k.log | awk "{s += \$3} END {print s}")
want=$((f + n))
got=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[\"days\"][0][\"failures\"])" '"$TMP/lf.json"')
[ "$got" = "$want" ] && [ "$r" = 2 ] || { echo "failures $got, grep $want"; exit 1; }'

# the independent count: the rules of docs/logscan.md written again over regexes
cat >"$TMP/count.py" <<'EOF'
import re, sys, json
line_re = re.compile(r'^\w{3} +\d+ \d\d:\d\d:\d\d (\S+) sshd\[(\d+)\]: (.*)$')
failed_re = re.compile(r'^Failed (\S+) for (invalid user )?(.*) from (\S+) port \d+')
invalid_re = re.compile(r'^Invalid user (.*) from (\S+)')
repeat_re = re.compile(r'^message repeated (\d+) times: \[ ?(.*)\]$')
close_re = re.compile(r'^(Connection closed by|Received disconnect from|Disconnected from|Connection reset by|'
                      r'Disconnecting |error: Received disconnect from)')
ip = {}
def rec(a):
    return ip.setdefault(a, {"fail": 0, "nx": 0, "accounts": set(), "existing": set(), "per": {}})
pending = {}
def probe(pid):
    a, u = pending.pop(pid)
    r = rec(a); r["nx"] += 1; r["accounts"].add(u)
for raw in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = line_re.match(raw.rstrip("\r\n"))
    if not m:
        continue
    pid, msg = m.group(2), m.group(3)
    n = 1
    rm = repeat_re.match(msg)
    if rm:
        n, msg = int(rm.group(1)), rm.group(2)
    fm = failed_re.match(msg)
    if fm:
        a, u, inv = fm.group(4), fm.group(3), bool(fm.group(2))
        r = rec(a); r["fail"] += n; r["accounts"].add(u)
        if inv:
            r["nx"] += n
        else:
            r["existing"].add(u); r["per"][u] = r["per"].get(u, 0) + n
        pending.pop(pid, None)
        continue
    im = invalid_re.match(msg)
    if im:
        if pid in pending:
            probe(pid)
        pending[pid] = (im.group(2), im.group(1))
        continue
    if close_re.match(msg) and pid in pending:
        probe(pid)
for pid in list(pending):
    probe(pid)
out = []
for a, r in ip.items():
    A, E = len(r["accounts"]), len(r["existing"])
    mx = max(r["per"].values()) if r["per"] else 0
    spray = E >= 5 and mx < 3 and 5 * E >= 4 * A and (A < 10 or r["fail"] >= 2 * A)
    if spray: out.append(("password_spraying", a))
    elif A >= 10: out.append(("credential_stuffing", a))
    if r["nx"] >= 5: out.append(("nonexistent_accounts", a))
    if mx >= 10: out.append(("brute_force", a))
print(json.dumps(sorted(out)))
EOF
t ssh2k_flagged_ips_match_independent_count python3 -c '
import json,subprocess,sys
want=json.loads(subprocess.check_output(["python3", sys.argv[2], sys.argv[3]]))
d=json.load(open(sys.argv[1]))
got=sorted([a["kind"], a["ip"]] for a in d["alerts"]
           if a["kind"] in ("credential_stuffing","password_spraying","nonexistent_accounts","brute_force"))
assert got == want, (got, want)
assert len(want) >= 10' "$TMP/lf.json" "$TMP/count.py" $L/OpenSSH/SSH_2k.log

t ssh2k_root_lockout jget "$TMP/lf.json" '
  [(a["account"], a["count"]) for a in d["alerts"] if a["kind"] == "lockout_not_enforced" and a["account"] == "root@LabSZ"]
  == [("root@LabSZ", 378)]'
t ssh2k_one_success jget "$TMP/lf.json" 'd["days"][0]["successes"] == 1'

# Linux_2k: an old /var/log/messages with only sshd(pam_unix) lines; each
# "authentication failure" is then the attempt
$FINCHECK logscan $L/Linux/Linux_2k.log --as-of 2006-01-15 --format json >"$TMP/linux.json" 2>/dev/null
t linux2k_pam_failures_counted sh -c '
want=$(grep -c "sshd(pam_unix)\[[0-9]*\]: authentication failure" '"$L"'/Linux/Linux_2k.log)
got=$(python3 -c "import json,sys; print(sum(x[\"failures\"] for x in json.load(open(sys.argv[1]))[\"days\"]))" '"$TMP/linux.json"')
[ "$got" = "$want" ] || { echo "failures $got, grep $want"; exit 1; }'
t linux2k_spans_days jget "$TMP/linux.json" 'len(d["days"]) > 10 and d["days"][0]["day"].startswith("2005-06")'
