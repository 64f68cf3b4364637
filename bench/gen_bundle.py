#!/usr/bin/env python3
"""Generate a bank-sized evidence bundle (issue 11) at a scale factor.

scale 1.0: 50,000 hosts, 200 firewalls x 500 rules, 300,000 accounts,
~1 GB Nessus export (~20,000 hosts), ~2 GB of sshd and login logs,
~1 GB of data files.  Deterministic (seeded).  Usage:
    gen_bundle.py OUTDIR [--scale 0.01]
"""
import os, random, sys

out = sys.argv[1]
scale = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
R = random.Random(11)
MB = 1024 * 1024

def mk(p):
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return open(p, "w", encoding="utf-8", newline="\n")

def ip_of(i, base=10):
    return f"{base}.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"

N_HOSTS = max(50, int(50000 * scale))
N_FW = max(2, int(200 * scale))
RULES = 500
N_ACCT = max(100, int(300000 * scale))
NESSUS_BYTES = int(1024 * MB * scale)
LOG_BYTES = int(2048 * MB * scale)
DATA_BYTES = int(1024 * MB * scale)

with mk(f"{out}/org.yaml") as f:
    f.write("name: 大型範例商業銀行股份有限公司\nindustry: bank\npaid_in_capital_twd: 80000000000\n"
            "as_of: 2026-11-01\nsecurity_org:\n  ciso: true\n  dedicated_unit: true\n  head: 1\n  staff: 12\n")
with mk(f"{out}/network/zones.csv") as f:
    f.write("zone,cidr,kind\nINTERNET,0.0.0.0/0,internet\nDMZ,172.16.0.0/16,dmz\nPROD,10.0.0.0/9,production\n"
            "TEST,10.128.0.0/10,test\nOA,192.168.0.0/16,office\nMGMT,10.192.0.0/16,management\n")
systems = [f"SYS{i:03d}" for i in range(200)]
with mk(f"{out}/inventory/systems.csv") as f:
    f.write("system_id,name,category,core,internet_facing,owner,last_assessed,last_full_assessment\n")
    for i, s in enumerate(systems):
        f.write(f"{s},系統{i},{1 + i % 3},{'yes' if i % 5 == 0 else 'no'},{'yes' if i % 7 == 0 else 'no'},"
                f"部門{i % 20},202{4 + i % 3}-0{1 + i % 9}-15,202{4 + i % 3}-0{1 + i % 9}-15\n")
roles = ["app", "app", "web", "db", "file", "app", "proxy", "other"]
oses = [("RHEL", "9"), ("RHEL", "7"), ("Windows Server", "2019"), ("Windows Server", "2012 R2"), ("Ubuntu", "22.04")]
with mk(f"{out}/inventory/hosts.csv") as f:
    f.write("hostname,ip,zone,environment,role,system_id,os,os_version,internet_facing,av,av_signature_date,last_patch_date,monitored\n")
    for i in range(N_HOSTS):
        o = oses[i % len(oses)]
        dmz = i % 50 == 0
        ip = f"172.16.{(i >> 8) & 255}.{i & 255}" if dmz else ip_of(i)
        f.write(f"srv{i:06d},{ip},{'DMZ' if dmz else 'PROD'},production,{roles[i % len(roles)]},{systems[i % 200]},"
                f"{o[0]},{o[1]},{'yes' if dmz else 'no'},{'no' if i % 97 == 0 else 'yes'},2026-10-{1 + i % 28:02d},"
                f"2026-0{1 + i % 9}-10,{'no' if i % 31 == 0 else 'yes'}\n")
# firewalls: iptables-save, 500 rules each
for d in range(N_FW):
    with mk(f"{out}/firewall/fw{d:03d}.rules") as f:
        f.write("*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n")
        for r in range(RULES):
            src = ip_of(R.randrange(N_HOSTS)) + "/32" if r % 3 else f"192.168.{r % 256}.0/24"
            dst = ip_of(R.randrange(N_HOSTS)) + ("/32" if r % 4 else "/24")
            port = R.choice([22, 80, 443, 1433, 1521, 3389, 8080, 445, 23])
            act = "ACCEPT" if r % 10 else "DROP"
            if r == 250:
                f.write("-A FORWARD -j ACCEPT\n")
            else:
                f.write(f"-A FORWARD -s {src} -d {dst} -p tcp -m tcp --dport {port} -j {act}\n")
        f.write("COMMIT\n")
# accounts: 20 systems' exports + an AD export with PowerShell headers
with mk(f"{out}/hr/employees.csv") as f:
    f.write("employee_id,name,status,termination_date,department\n")
    for e in range(N_ACCT // 3):
        term = e % 50 == 0
        f.write(f"E{e:06d},員工{e},{'terminated' if term else 'active'},{'2026-06-30' if term else ''},部{e % 40}\n")
per = N_ACCT // 20
for s in range(20):
    with mk(f"{out}/accounts/{systems[s]}.csv") as f:
        f.write("account,enabled,privileged,employee_id,last_login,password_last_set,created,shared,mfa,type\n")
        for a in range(per):
            e = (s * per + a) % (N_ACCT // 3)
            f.write(f"u{s:02d}{a:06d},{'no' if a % 41 == 0 else 'yes'},{'yes' if a % 97 == 0 else 'no'},E{e:06d},"
                    f"2026-{1 + a % 10:02d}-{1 + a % 28:02d},2026-0{1 + a % 9}-01,2020-01-01,no,{'yes' if a % 2 else 'no'},user\n")

def write_sized(path, size, gen):
    with mk(path) as f:
        n = 0
        buf = []
        while n < size:
            chunk = gen()
            buf.append(chunk)
            n += len(chunk)
            if len(buf) >= 4096:
                f.write("".join(buf))
                buf = []
        f.write("".join(buf))

# Nessus: ~50 KB per host
def nessus():
    p = f"{out}/scans/bank-full.nessus"
    with mk(p) as f:
        f.write('<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Report name="bank" xmlns:cm="http://www.nessus.org/cm">\n')
        n = 0
        h = 0
        while n < NESSUS_BYTES:
            ip = ip_of(h % N_HOSTS)
            parts = [f'<ReportHost name="{ip}"><HostProperties>\n<tag name="HOST_END">Fri Oct 10 10:00:00 2026</tag>\n'
                     f'<tag name="host-ip">{ip}</tag>\n<tag name="HOST_START">Fri Oct 10 09:00:00 2026</tag>\n</HostProperties>\n']
            for it in range(60):
                sev = (it * 7 + h) % 5
                pid = 10000 + (it * 131 + h) % 90000
                parts.append(f'<ReportItem port="{443 if it % 2 else 22}" svc_name="www" protocol="tcp" severity="{sev}" '
                             f'pluginID="{pid}" pluginName="Synthetic plugin {pid}" pluginFamily="General">\n'
                             f'<risk_factor>{["None","Low","Medium","High","Critical"][sev]}</risk_factor>\n'
                             f'<cve>CVE-2024-{pid}</cve>\n<cvss3_base_score>{sev * 2}.5</cvss3_base_score>\n'
                             f'<solution>Upgrade the affected package.</solution>\n'
                             f'<plugin_output>{"x" * 500}</plugin_output>\n</ReportItem>\n')
            parts.append("</ReportHost>\n")
            s = "".join(parts)
            f.write(s)
            n += len(s)
            h += 1
        f.write("</Report>\n</NessusClientData_v2>\n")
nessus()

# sshd logs (80%) + e-trading login CSV (20%)
def sshd_gen():
    d = R.randrange(1, 29)
    t = f"Oct {d:2d} {R.randrange(24):02d}:{R.randrange(60):02d}:{R.randrange(60):02d}"
    ip = f"{R.randrange(1, 224)}.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(256)}"
    k = R.randrange(10)
    if k < 6:
        return f"{t} srv{R.randrange(N_HOSTS):06d} sshd[{R.randrange(99999)}]: Failed password for invalid user u{R.randrange(99999)} from {ip} port {R.randrange(65535)} ssh2\n"
    if k < 8:
        return f"{t} srv{R.randrange(N_HOSTS):06d} sshd[{R.randrange(99999)}]: Accepted publickey for ops{R.randrange(50)} from 10.192.0.{R.randrange(255)} port {R.randrange(65535)} ssh2\n"
    return f"{t} srv{R.randrange(N_HOSTS):06d} sshd[{R.randrange(99999)}]: Connection closed by {ip} port {R.randrange(65535)} [preauth]\n"
nfiles = 4
for i in range(nfiles):
    write_sized(f"{out}/logs/ssh/auth-{i}.log", LOG_BYTES * 8 // 10 // nfiles, sshd_gen)
def login_gen():
    ok = R.random() < 0.8
    return (f"2026-10-{R.randrange(1, 29):02d}T{R.randrange(24):02d}:{R.randrange(60):02d}:00+08:00,C{R.randrange(200000):07d},"
            f"{R.randrange(1, 224)}.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(256)},{'success' if ok else 'failure'},"
            f"{'' if ok else 'bad_password'},web\n")
with mk(f"{out}/logs/login/etrade.csv") as f:
    f.write("time,account,source_ip,result,reason,channel\n")
write_sized(f"{out}/logs/login/etrade-body.csv.tmp", LOG_BYTES * 2 // 10, login_gen)
with open(f"{out}/logs/login/etrade.csv", "a") as f, open(f"{out}/logs/login/etrade-body.csv.tmp") as g:
    for line in g:
        f.write(line)
os.remove(f"{out}/logs/login/etrade-body.csv.tmp")

# data: customer CSVs with valid national IDs (checksum) in a test zone
LET = "ABCDEFGHJKLMNPQRSTUVXYWZIO"
def tw_id():
    L = R.choice(LET)
    code = LET.index(L) + 10
    ds = [code // 10, code % 10, R.choice([1, 2])] + [R.randrange(10) for _ in range(7)]
    w = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    s = sum(a * b for a, b in zip(ds, w))
    return L + "".join(map(str, ds[2:])) + str((10 - s % 10) % 10)
def data_gen():
    return f"{R.randrange(10**6)},客戶{R.randrange(10**5)},{tw_id() if R.random() < 0.3 else 'A12****789'},09{R.randrange(10**8):08d},2026-10-01,備註文字 lorem ipsum dolor sit amet\n"
with mk(f"{out}/data/TEST/customers.csv") as f:
    f.write("cust_no,name,national_id,mobile,opened,note\n")
write_sized(f"{out}/data/TEST/customers-body.tmp", DATA_BYTES, data_gen)
with open(f"{out}/data/TEST/customers.csv", "a") as f, open(f"{out}/data/TEST/customers-body.tmp") as g:
    for line in g:
        f.write(line)
os.remove(f"{out}/data/TEST/customers-body.tmp")
print(f"generated {out}: {N_HOSTS} hosts, {N_FW}x{RULES} rules, {N_ACCT} accounts, scale {scale}")
