#!/usr/bin/env python3
"""Generate a bank-sized evidence bundle (issue 11) at a scale factor.

Scale 1.0 is a large Taiwanese commercial bank ("大型範例商業銀行"):
  50,000 hosts, 200 systems, 3,000 ATMs / kiosks, 30,000 staff PCs;
  200 firewalls x 500 rules (iptables-save, Cisco ASA, FortiGate, CSV);
  300,000 accounts (an AD Get-ADUser | Export-Csv dump, system exports,
  Linux passwd/shadow copies); 500 hosts' collected configurations;
  a ~1 GB Nessus export (~20,000 hosts) plus OpenVAS, Nmap and Trivy;
  ~2 GB of authentication logs (weekly-rotated central sshd syslog, one
  rotated gzip, an e-banking login CSV and a mobile-app JSON-lines log);
  ~1 GB of data (test-zone customer CSV, masked production reports, an SQL
  dump, application logs, one gzip); certificates and governance records.

Every file is written the way the exporting system writes it (time-ordered
logs, PowerShell dates and quoting, rotated names) so that the run measures
what a real bank's bundle costs.  Defect rates are a few percent, like a
real estate, so findings number in the thousands, not the millions.
Deterministic (seeded).  Usage:  gen_bundle.py OUTDIR [--scale 0.01]
"""
import gzip, os, random, shutil, sys

out = sys.argv[1]
scale = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
R = random.Random(11)
MB = 1024 * 1024
HERE = os.path.dirname(os.path.abspath(__file__))
DEMO = os.path.join(HERE, "..", "examples", "demo")

N_HOSTS = max(60, int(50000 * scale))
N_SYS = 200
N_FW = max(4, int(200 * scale))
RULES = 500
N_ACCT = max(200, int(300000 * scale))
N_EMP = max(100, N_ACCT // 5)
N_DEV = max(20, int(3000 * scale))
N_EP = max(50, int(30000 * scale))
N_HOSTCFG = max(4, int(500 * scale))
N_CERTS = max(4, int(100 * scale))
N_CUST = max(1000, int(600000 * scale))  # active e-banking customers
NESSUS_BYTES = int(1024 * MB * scale)
LOG_BYTES = int(2048 * MB * scale)
DATA_BYTES = int(1024 * MB * scale)


def mk(p, mode="w"):
    os.makedirs(os.path.dirname(p), exist_ok=True)
    if "b" in mode:
        return open(p, mode)
    return open(p, mode, encoding="utf-8", newline="\n")


class Sized:
    """Write generated lines until a byte budget is reached, buffered."""

    def __init__(self, f):
        self.f, self.n, self.buf = f, 0, []

    def put(self, s):
        self.buf.append(s)
        self.n += len(s)
        if len(self.buf) >= 8192:
            self.flush()

    def flush(self):
        self.f.write("".join(self.buf))
        self.buf = []


# ---- network: zones and host addresses ----
# PROD 10.0.0.0/10, TEST 10.128.0.0/12, MGMT 10.192.0.0/16, DMZ 172.16.0.0/16,
# OA 192.168.0.0/16 (staff PCs), partners 203.0.113.0/24
def prod_ip(i):
    return f"10.{(i >> 16) & 63}.{(i >> 8) & 255}.{i & 255}"


def test_ip(i):
    return f"10.{128 + ((i >> 16) & 15)}.{(i >> 8) & 255}.{i & 255}"


def dmz_ip(i):
    return f"172.16.{(i >> 8) & 255}.{i & 255}"


with mk(f"{out}/org.yaml") as f:
    f.write("# 大型範例商業銀行 — a fictional bank for the fincheck scale benchmark (issue 11)\n"
            "name: 大型範例商業銀行股份有限公司\nindustry: bank\npaid_in_capital_twd: 80000000000\n"
            "as_of: 2026-11-01\nsecurity_org:\n  ciso: true\n  dedicated_unit: true\n  head: 1\n  staff: 12\n"
            "parameters:\n  password_max_age_days: 90\n")
with mk(f"{out}/network/zones.csv") as f:
    f.write("zone,cidr,kind,business\nINTERNET,0.0.0.0/0,internet,\nDMZ,172.16.0.0/16,dmz,\n"
            "PROD,10.0.0.0/10,production,banking\nTEST,10.128.0.0/12,test,\nOA,192.168.0.0/16,office,\n"
            "MGMT,10.192.0.0/16,management,\nPARTNER-FISC,203.0.113.0/24,partner,\n")

# ---- inventory ----
systems = [f"SYS{i:03d}" for i in range(N_SYS)]
ALL_SA = ";".join(f"SA-{a}.{b}" for a, b in [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (3, 1), (3, 2),
                                            (3, 3), (4, 1), (4, 2), (4, 3), (4, 4), (5, 1), (5, 2), (5, 3),
                                            (5, 4), (6, 1), (6, 2), (6, 3), (6, 4), (6, 5), (7, 1), (7, 2)])
with mk(f"{out}/inventory/systems.csv") as f:
    f.write("system_id,name,category,core,internet_facing,owner,last_assessed,last_full_assessment,"
            "assessed_items,last_major_incident\n")
    for i, s in enumerate(systems):
        cat = 1 + i % 3
        # category 1 every year, 2 every two, 3 every three: ~5 % are overdue
        late = i % 20 == 7
        last = f"{2024 if late else 2026 - (cat - 1) // 2}-{1 + i % 9:02d}-15"
        f.write(f"{s},業務系統{i:03d},{cat},{'yes' if i % 5 == 0 else 'no'},{'yes' if i % 7 == 0 else 'no'},"
                f"資訊處第{1 + i % 20}科,{last},{last},{ALL_SA},\n")

roles = ["app", "app", "web", "db", "file", "app", "proxy", "other", "app", "db"]
oses = [("RHEL", "9"), ("RHEL", "8"), ("Windows Server", "2019"), ("Windows Server", "2022"), ("Ubuntu", "22.04"),
        ("RHEL", "9"), ("Windows Server", "2019"), ("Ubuntu", "24.04")]
hosts = []  # (name, ip, zone, env, role, os)
for i in range(N_HOSTS):
    o = oses[i % len(oses)]
    if i % 400 == 3:
        o = ("Windows Server", "2012 R2")  # end of support, some with a plan
    if i % 50 == 0:
        zone, env, ip = "DMZ", "production", dmz_ip(i // 50)
    elif i % 10 == 1:
        zone, env, ip = "TEST", "test", test_ip(i)
    else:
        zone, env, ip = "PROD", "production", prod_ip(i)
    role = "web" if zone == "DMZ" and i % 3 else roles[i % len(roles)]
    hosts.append((f"srv{i:06d}", ip, zone, env, role, o))
with mk(f"{out}/inventory/hosts.csv") as f:
    f.write("hostname,ip,zone,environment,role,system_id,os,os_version,internet_facing,eos,eos_plan,av,"
            "av_signature_date,last_patch_date,monitored\n")
    for i, (n, ip, zone, env, role, o) in enumerate(hosts):
        sig = f"2026-10-{25 + i % 7:02d}" if i % 211 else "2026-08-02"
        patch = f"2026-{8 + i % 3:02d}-{1 + i % 28:02d}" if i % 157 else "2025-12-01"
        f.write(f"{n},{ip},{zone},{env},{role},{systems[i % N_SYS]},{o[0]},{o[1]},{'yes' if zone == 'DMZ' else 'no'},"
                f",{'yes' if i % 800 == 3 else ''},{'no' if i % 997 == 5 else 'yes'},{sig},{patch},"
                f"{'no' if i % 313 == 9 else 'yes'}\n")
with mk(f"{out}/inventory/devices.csv") as f:
    f.write("device_id,system_id,type,os,patch_level,app_version,last_assessed\n")
    for d in range(N_DEV):
        typ = ["atm", "atm", "atm", "kiosk", "teller"][d % 5]
        f.write(f"{typ.upper()}{d:05d},{'ATM' if typ == 'atm' else systems[d % 3]},{typ},Windows 10 IoT,"
                f"2026-{7 + d % 3:02d},{['5.1.2', '5.2.0'][d % 2]},{'2026-03-01' if d % 40 == 0 else ''}\n")
with mk(f"{out}/inventory/endpoints.csv") as f:
    f.write("device_id,owner,type,os_updated,av_updated,apps_updated,config_compliant,disk_encrypted,"
            "usb_controlled,wireless_controlled\n")
    for e in range(N_EP):
        lap = e % 3 == 0
        y = lambda k: "no" if (e * 7 + k) % 61 == 0 else "yes"
        f.write(f"{'NB' if lap else 'PC'}-{e:06d},E{e % N_EMP:06d},{'laptop' if lap else 'desktop'},"
                f"{y(1)},{y(2)},{y(3)},{y(4)},{y(5)},{y(6)},{y(7)}\n")


# ---- firewalls: 70 % iptables-save, 15 % ASA, 10 % FortiGate, 5 % CSV ----
PORTS = [(443, "https"), (80, "www"), (1521, "sqlnet"), (1433, "1433"), (22, "ssh"), (8443, "8443"),
         (3389, "3389"), (445, "445"), (9443, "9443"), (7001, "7001")]


def rule_hosts():
    return hosts[R.randrange(len(hosts))][1], hosts[R.randrange(len(hosts))][1]


def fw_iptables(path, d):
    with mk(path) as f:
        f.write(f"# Generated by iptables-save v1.8.7 on Thu Oct 29 10:12:03 2026\n*filter\n"
                f":INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [1702211:2281730023]\n"
                f"-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
                f"-A INPUT -s 10.192.0.10/32 -p tcp -m tcp --dport 22 -j ACCEPT\n")
        for r in range(RULES - 4):
            src, dst = rule_hosts()
            port = PORTS[R.randrange(len(PORTS))][0]
            if d % 50 == 0 and r == 250:
                f.write("-A FORWARD -j ACCEPT\n")  # a forgotten any-any on 1 in 50 devices
            elif r % 25 == 0:
                f.write(f"-A FORWARD -s 192.168.{r % 256}.0/24 -d {dst}/32 -p tcp -m tcp --dport {port} "
                        f"-m comment --comment \"辦公區存取 {r}\" -j ACCEPT\n")
            else:
                f.write(f"-A FORWARD -s {src}/32 -d {dst}/32 -p tcp -m tcp --dport {port} -j ACCEPT\n")
        f.write("COMMIT\n# Completed on Thu Oct 29 10:12:03 2026\n")


def mask(bits):
    m = (0xffffffff << (32 - bits)) & 0xffffffff
    return ".".join(str((m >> s) & 255) for s in (24, 16, 8, 0))


def fw_asa(path, d):
    with mk(path) as f:
        f.write(f": Saved\n:\n: Serial Number: JAD21130{d:03d}\n: Hardware:   ASA5516\n:\nASA Version 9.12(4)37\n!\n"
                f"hostname ASA-{d:03d}\ndomain-name bank.example.com.tw\nnames\nname 10.192.0.10 jump01\n!\n")
        for k, (nif, sec, ip, bits, desc) in enumerate([("dmz", 50, "172.16.0.1", 16, "DMZ"),
                                                         ("prod", 100, "10.0.0.1", 10, "正式營運區"),
                                                         ("oa", 70, "192.168.0.1", 16, "辦公區"),
                                                         ("mgmt", 100, "10.192.0.1", 16, "管理區")]):
            f.write(f"interface GigabitEthernet1/{k + 1}\n description {desc}\n nameif {nif}\n"
                    f" security-level {sec}\n ip address {ip} {mask(bits)}\n!\n")
        objs = []
        for o in range(40):
            h = hosts[R.randrange(len(hosts))]
            f.write(f"object network {h[0]}\n host {h[1]}\n")
            objs.append(h[0])
        f.write("object-group network APP-SRV\n description 應用主機群\n")
        for o in objs[:10]:
            f.write(f" network-object object {o}\n")
        f.write("object-group service APP-PORTS tcp\n port-object eq 9443\n port-object eq 8443\n")
        acls = ["DMZ_IN", "PROD_IN", "OA_IN", "MGMT_IN"]
        for r in range(RULES):
            acl = acls[r * 4 // RULES]
            if r % 20 == 0:
                f.write(f"access-list {acl} remark 變更單 CR-2026-{d:03d}{r:03d}\n")
            _, pname = PORTS[R.randrange(len(PORTS))]
            if r % 125 == 124:
                f.write(f"access-list {acl} extended deny ip any any log\n")
            elif r % 9 == 0:
                f.write(f"access-list {acl} extended permit tcp object {R.choice(objs)} object-group APP-SRV "
                        f"object-group APP-PORTS log\n")
            else:
                src, dst = rule_hosts()
                f.write(f"access-list {acl} extended permit tcp host {src} host {dst} eq {pname} log\n")
        for acl, nif in zip(acls, ["dmz", "prod", "oa", "mgmt"]):
            f.write(f"access-group {acl} in interface {nif}\n")
        f.write("logging enable\nlogging host mgmt 10.192.0.20\n: end\n")


def fw_fortigate(path, d):
    with mk(path) as f:
        f.write(f"#config-version=FG600F-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=netadmin\n#buildno=1639\n"
                f"config system global\n    set hostname \"FG-{d:03d}\"\n    set timezone 56\nend\n"
                f"config system interface\n")
        for nm, ip, role in [("wan1", "198.51.100.2 255.255.255.248", "wan"), ("dmz", "172.16.0.1 255.255.0.0", "dmz"),
                             ("internal", "10.0.0.1 255.192.0.0", "lan")]:
            f.write(f"    edit \"{nm}\"\n        set vdom \"root\"\n        set ip {ip}\n        set type physical\n"
                    f"        set role {role}\n    next\n")
        f.write("end\nconfig firewall address\n    edit \"all\"\n    next\n")
        names = []
        for o in range(60):
            h = hosts[R.randrange(len(hosts))]
            f.write(f"    edit \"{h[0]}\"\n        set subnet {h[1]} 255.255.255.255\n    next\n")
            names.append(h[0])
        f.write("end\nconfig firewall service custom\n")
        for p, n in PORTS:
            f.write(f"    edit \"TCP-{p}\"\n        set tcp-portrange {p}\n    next\n")
        f.write("end\nconfig firewall policy\n")
        for r in range(RULES):
            src = "all" if r % 10 == 0 else R.choice(names)
            intf = ("wan1", "dmz") if r % 10 == 0 else ("internal", "internal")
            p = PORTS[R.randrange(len(PORTS))][0] if r % 10 else 443
            f.write(f"    edit {r + 1}\n        set name \"policy-{r + 1}\"\n        set srcintf \"{intf[0]}\"\n"
                    f"        set dstintf \"{intf[1]}\"\n        set action accept\n        set srcaddr \"{src}\"\n"
                    f"        set dstaddr \"{R.choice(names)}\"\n        set schedule \"always\"\n"
                    f"        set service \"TCP-{p}\"\n        set logtraffic all\n    next\n")
        f.write("end\n")


def fw_csv(path, d):
    with mk(path) as f:
        f.write("device,rule_id,action,src_zone,src,dst_zone,dst,service,enabled,log,comment,last_review\n")
        for r in range(RULES):
            src, dst = rule_hosts()
            p = PORTS[R.randrange(len(PORTS))][0]
            f.write(f"fw-fisc{d:03d},{r + 1},permit,PARTNER-FISC,203.0.113.{r % 16},PROD,{dst},tcp/{p},yes,"
                    f"{'no' if r % 100 == 7 else 'yes'},財金資訊 跨行交換 {r},2026-06-30\n")


fw_names = []
for d in range(N_FW):
    k = d % 20
    if k < 14:
        fw_iptables(f"{out}/firewall/fw{d:03d}.rules", d)
        fw_names.append(f"fw{d:03d}")
    elif k < 17:
        fw_asa(f"{out}/firewall/asa{d:03d}.asa", d)
        fw_names.append(f"asa{d:03d}")
    elif k < 19:
        fw_fortigate(f"{out}/firewall/fg{d:03d}.fortigate", d)
        fw_names.append(f"fg{d:03d}")
    else:
        fw_csv(f"{out}/firewall/fisc{d:03d}.csv", d)
        fw_names.append(f"fisc{d:03d}")

# ---- HR and accounts ----
with mk(f"{out}/hr/employees.csv") as f:
    f.write("employee_id,name,status,termination_date,department\n")
    for e in range(N_EMP):
        term = e % 200 == 0
        f.write(f"E{e:06d},員工{e:06d},{'terminated' if term else 'active'},{'2026-06-30' if term else ''},"
                f"第{e % 40}部\n")


def ps_date(y, m, d, hh, mm, ss):
    """PowerShell Export-Csv's en-US DateTime form: 10/30/2026 8:02:44 AM."""
    ap = "AM" if hh < 12 else "PM"
    h12 = hh % 12 or 12
    return f"{m}/{d}/{y} {h12}:{mm:02d}:{ss:02d} {ap}"


# the AD dump: a third of the accounts, PowerShell's quoting and headers
n_ad = N_ACCT // 3
with mk(f"{out}/accounts/ad-bank.csv") as f:
    f.write("#TYPE Microsoft.ActiveDirectory.Management.ADUser\n")
    f.write('"DistinguishedName","Enabled","GivenName","Name","ObjectClass","SamAccountName","Surname",'
            '"UserPrincipalName","AdminCount","Description","DisplayName","EmployeeID","LastLogonDate",'
            '"lastLogon","MemberOf","PasswordLastSet","PasswordNeverExpires","whenCreated","AccountExpirationDate"\n')
    for a in range(n_ad):
        e = a % N_EMP
        enabled = "False" if a % 53 == 0 else "True"
        admin = "1" if a % 500 == 0 else ""
        dormant = a % 67 == 0
        ll = ps_date(2026, 3 if dormant else 10, 1 + a % 28, a % 24, a % 60, a % 59)
        pw = ps_date(2026, 4 if a % 41 == 0 else 9, 1 + a % 28, 9, 15, 0)
        grp = "CN=Domain Admins,CN=Users,DC=bank,DC=local" if admin else "CN=Domain Users,CN=Users,DC=bank,DC=local"
        f.write(f'"CN=user{a:06d},OU=Staff,DC=bank,DC=local","{enabled}","名{a}","user{a:06d}","user",'
                f'"user{a:06d}","姓","user{a:06d}@bank.local","{admin}","","使用者 {a}","E{e:06d}","{ll}",'
                f'"134377921200000000","{grp}","{pw}","False","{ps_date(2019, 5, 3, 14, 20, 44)}",""\n')
per = (N_ACCT - n_ad) // 20
for s in range(20):
    with mk(f"{out}/accounts/{systems[s]}.csv") as f:
        f.write("account,enabled,privileged,employee_id,last_login,password_last_set,created,shared,mfa,"
                "default_password,type,expires\n")
        for a in range(per):
            e = (s * per + a) % N_EMP
            typ = "service" if a % 300 == 1 else ("vendor" if a % 500 == 2 else "user")
            dormant = a % 71 == 0
            f.write(f"u{s:02d}{a:06d},{'no' if a % 41 == 0 else 'yes'},{'yes' if a % 97 == 0 else 'no'},"
                    f"{'' if typ == 'service' else f'E{e:06d}'},"
                    f"2026-{4 if dormant else 10}-{1 + a % 28:02d}T{a % 24:02d}:{a % 60:02d}:00+08:00,"
                    f"2026-{5 if a % 37 == 0 else 9:02d}-{1 + a % 28:02d},2020-01-01,no,"
                    f"{'no' if a % 89 == 0 else 'yes'},no,{typ},{'2027-06-30' if typ == 'vendor' else ''}\n")
# Linux passwd/shadow copies of a few hosts (the demo's web01 as template)
for k in range(max(2, int(50 * scale))):
    h = hosts[(k * 97 + 2) % len(hosts)][0]
    for ext in ("passwd", "shadow", "group", "lastlog"):
        src = os.path.join(DEMO, "accounts", f"web01.{ext}")
        if os.path.exists(src):
            shutil.copyfile(src, f"{out}/accounts/{h}.{ext}")

# ---- collected host configurations: the demo's hosts as templates ----
tmpl = {"RHEL": "ap01", "Ubuntu": "web01", "Windows Server": "dc01"}
for k in range(N_HOSTCFG):
    h = hosts[(k * 101 + 1) % len(hosts)]
    t = os.path.join(DEMO, "hosts", tmpl[h[5][0]])
    if os.path.isdir(t):
        shutil.copytree(t, f"{out}/hosts/{h[0]}")

# ---- certificates of public services: the demo's, under many names ----
cert_src = sorted(os.listdir(os.path.join(DEMO, "certs")))
os.makedirs(f"{out}/certs", exist_ok=True)
for k in range(N_CERTS):
    c = cert_src[k % len(cert_src)]
    shutil.copyfile(os.path.join(DEMO, "certs", c), f"{out}/certs/svc{k:03d}-{c}")


# ---- scans ----
def nessus():
    """One big Nessus export: ~21 KB per host (so that 1 GB covers the
    50,000 hosts), severity mix like a real scan (most items informational,
    a few high/critical)."""
    with mk(f"{out}/scans/nessus/2026-10-18-bank-full.nessus") as f:
        w = Sized(f)
        w.put('<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Policy><policyName>Internal full</policyName></Policy>\n'
              '<Report name="bank-full" xmlns:cm="http://www.nessus.org/cm">\n')
        h = 0
        while w.n < NESSUS_BYTES:
            hn, ip = hosts[(h * 7 + h // len(hosts)) % len(hosts)][:2]
            w.put(f'<ReportHost name="{ip}"><HostProperties>\n<tag name="HOST_END">Sat Oct 18 23:10:00 2026</tag>\n'
                  f'<tag name="host-ip">{ip}</tag>\n<tag name="host-fqdn">{hn}.bank.local</tag>\n'
                  f'<tag name="HOST_START">Sat Oct 18 22:00:00 2026</tag>\n</HostProperties>\n')
            for it in range(24):
                r = (it * 7 + h * 13) % 100
                sev = 0 if r < 70 else 1 if r < 85 else 2 if r < 95 else 3 if r < 99 else 4
                pid = 10000 + (it * 131 + h) % 90000
                cve = f"<cve>CVE-2024-{pid}</cve>\n<cvss3_base_score>{[0, 3.1, 5.3, 7.5, 9.8][sev]}</cvss3_base_score>\n" if sev else ""
                w.put(f'<ReportItem port="{443 if it % 2 else 22}" svc_name="www" protocol="tcp" severity="{sev}" '
                      f'pluginID="{pid}" pluginName="Synthetic plugin {pid}" pluginFamily="General">\n'
                      f'<risk_factor>{["None", "Low", "Medium", "High", "Critical"][sev]}</risk_factor>\n{cve}'
                      f'<description>Synthetic finding {pid} for the scale benchmark.</description>\n'
                      f'<solution>Upgrade the affected package.</solution>\n'
                      f'<plugin_output>{"Installed version : 1.2." + str(it) + chr(10)}{"x" * 400}</plugin_output>\n'
                      f'</ReportItem>\n')
            w.put("</ReportHost>\n")
            h += 1
        w.put("</Report>\n</NessusClientData_v2>\n")
        w.flush()


nessus()


def openvas():
    with mk(f"{out}/scans/openvas/2026-10-20-dmz.xml") as f:
        w = Sized(f)
        w.put('<?xml version="1.0" encoding="UTF-8"?>\n<report id="5b1c0d2e-0000-4c55-9a61-000000000001" '
              'format_id="a994b278-1f62-11e1-96ac-406186ea4fc5" extension="xml" content_type="text/xml">\n'
              '<creation_time>2026-10-20T22:00:05+08:00</creation_time>\n'
              '<report id="5b1c0d2e-0000-4c55-9a61-000000000001">\n<scan_run_status>Done</scan_run_status>\n'
              '<timestamp>2026-10-20T22:00:05+08:00</timestamp>\n<scan_start>2026-10-20T22:00:12+08:00</scan_start>\n'
              '<results max="-1" start="1">\n')
        k = 0
        dmz = [h for h in hosts if h[2] == "DMZ"]
        while w.n < 32 * MB * scale:
            h = dmz[k % len(dmz)]
            sev = [0.0, 2.6, 5.0, 7.5, 9.8][k % 5]
            w.put(f'<result id="d3a1e0f4-6b2c-4e8d-9f17-{k:012d}">\n<name>Synthetic NVT {k % 500}</name>\n'
                  f'<creation_time>2026-10-20T22:41:37+08:00</creation_time>\n'
                  f'<host>{h[1]}<hostname>{h[0]}.bank.example.com.tw</hostname></host>\n<port>443/tcp</port>\n'
                  f'<nvt oid="1.3.6.1.4.1.25623.1.0.{100000 + k % 500}"><type>nvt</type><name>Synthetic NVT {k % 500}</name>'
                  f'<cvss_base>{sev}</cvss_base><refs><ref type="cve" id="CVE-2025-{10000 + k % 500}"/></refs>'
                  f'<solution type="VendorFix">Update the package.</solution></nvt>\n'
                  f'<threat>{["Log", "Low", "Medium", "High", "High"][k % 5]}</threat>\n<severity>{sev}</severity>\n'
                  f'<qod><value>80</value><type>remote_banner</type></qod>\n'
                  f'<description>Installed version: 1.{k % 9}</description>\n</result>\n')
            k += 1
        w.put("</results>\n</report>\n</report>\n")
        w.flush()


openvas()


def nmap():
    with mk(f"{out}/scans/nmap/2026-10-28-dmz.xml") as f:
        w = Sized(f)
        w.put('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n'
              '<nmaprun scanner="nmap" args="nmap -sV -p 22,80,443 -oX 2026-10-28-dmz.xml 172.16.0.0/16" '
              'start="1793194202" startstr="Wed Oct 28 21:30:02 2026" version="7.94SVN" xmloutputversion="1.05">\n'
              '<scaninfo type="syn" protocol="tcp" numservices="3" services="22,80,443"/>\n')
        k = 0
        while w.n < 16 * MB * scale:
            ip = dmz_ip(k)
            w.put(f'<host starttime="1793194210" endtime="1793194388"><status state="up" reason="echo-reply"/>\n'
                  f'<address addr="{ip}" addrtype="ipv4"/>\n<hostnames><hostname name="h{k}.bank.example.com.tw" type="PTR"/>'
                  f'</hostnames>\n<ports><port protocol="tcp" portid="443"><state state="open" reason="syn-ack"/>'
                  f'<service name="http" product="nginx" version="1.24.0" tunnel="ssl" method="probed" conf="10">'
                  f'<cpe>cpe:/a:igor_sysoev:nginx:1.24.0</cpe></service></port>\n'
                  f'<port protocol="tcp" portid="22"><state state="open" reason="syn-ack"/>'
                  f'<service name="ssh" product="OpenSSH" version="8.9p1" method="probed" conf="10"/></port>\n'
                  f'</ports>\n</host>\n')
            k += 1
        w.put('<runstats><finished time="1793195202" timestr="Wed Oct 28 21:46:42 2026" elapsed="1000" '
              'exit="success"/><hosts up="%d" down="0" total="%d"/></runstats>\n</nmaprun>\n' % (k, k))
        w.flush()


nmap()
trivy_src = os.path.join(DEMO, "scans", "trivy", "web01.json")
os.makedirs(f"{out}/scans/trivy", exist_ok=True)
for k in range(max(2, int(50 * scale))):
    shutil.copyfile(trivy_src, f"{out}/scans/trivy/image{k:03d}.json")

# ---- authentication logs: time-ordered, weekly rotated ----
MON = "Oct"
ATTACKERS = [f"{R.randrange(1, 224)}.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(1, 255)}" for _ in range(3000)]
ADMINS = [f"ops{k:02d}" for k in range(60)]


def sshd_week(path, week, budget, gz=False):
    """One week of the central syslog server's sshd lines, in time order.
    The step between lines adapts to the bytes written so far, so that the
    budget ends with the week (no day left empty)."""
    day0 = 1 + week * 7
    days = 7 if week < 3 else 31 - day0 + 1  # the newest file runs to Oct 31
    span = days * 86400
    opener = (lambda p: gzip.open(p, "wt", encoding="utf-8", compresslevel=1)) if gz else (lambda p: mk(p))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with opener(path) as f:
        w = Sized(f)
        t = 0.0
        step = span / max(1, budget // 150)
        pid = 1000
        burst_day = -1
        nlines = 0
        while t < span:
            s = int(t)
            d = day0 + s // 86400
            ts = f"{MON} {d:2d} {s // 3600 % 24:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
            hi = R.randrange(len(hosts))
            h = hosts[hi]
            pid = pid + 1 if pid < 65000 else 1000
            k = R.randrange(100)
            if k < 45 and h[2] == "DMZ" or k < 5:
                ip = ATTACKERS[int(R.paretovariate(1.2)) % len(ATTACKERS)]
                u = R.choice(["root", "admin", "oracle", "test", "ubuntu", "postgres", f"u{R.randrange(999)}"])
                if u in ("root", "oracle", "postgres"):
                    w.put(f"{ts} {h[0]} sshd[{pid}]: Failed password for {u} from {ip} port {R.randrange(1024, 65535)} ssh2\n")
                else:
                    w.put(f"{ts} {h[0]} sshd[{pid}]: Failed password for invalid user {u} from {ip} port "
                          f"{R.randrange(1024, 65535)} ssh2\n")
            elif k < 85:
                # each administrator runs one team's slice of the hosts;
                # the automation account logs in everywhere
                if k < 60:
                    a = hi % len(ADMINS)
                    user, src, key = ADMINS[a], f"10.192.0.{10 + a % 20}", f"bankKey{a:02d}"
                else:
                    a, user, src, key = 99, "ansible", "10.192.0.5", "ansibleKey"
                w.put(f"{ts} {h[0]} sshd[{pid}]: Accepted publickey for {user} from {src} port "
                      f"{R.randrange(1024, 65535)} ssh2: RSA SHA256:{key}\n")
                w.put(f"{ts} {h[0]} sshd[{pid}]: pam_unix(sshd:session): session opened for user {user}(uid={1000 + a}) by (uid=0)\n")
            elif k < 95:
                w.put(f"{ts} {h[0]} sshd[{pid}]: Connection closed by 10.192.0.{R.randrange(10, 30)} port "
                      f"{R.randrange(1024, 65535)} [preauth]\n")
            else:
                w.put(f"{ts} {h[0]} sshd[{pid}]: pam_unix(sshd:session): session closed for user {R.choice(ADMINS)}\n")
            # a brute-force burst against one DMZ host every day at 03:00
            if s % 86400 >= 3 * 3600 and burst_day != d:
                burst_day = d
                tgt = hosts[(50 * (d % 20)) % (len(hosts) // 50 * 50)][0]
                for j in range(40):
                    w.put(f"{ts} {tgt} sshd[{pid}]: Failed password for root from 45.155.205.{d} port {40000 + j} ssh2\n")
            # bytes per line so far → the step that spends the rest of the
            # budget over the rest of the span
            nlines += 1
            if w.n < budget:
                step = (span - t) / max(1.0, (budget - w.n) / (w.n / nlines))
            t += step
        w.flush()


ssh_budget = LOG_BYTES * 8 // 10
# auth.log.3.gz is the oldest week (gzip, as logrotate leaves it), auth.log the newest
names = ["auth.log.3.gz", "auth.log.2", "auth.log.1", "auth.log"]
for wk, n in enumerate(names):
    sshd_week(f"{out}/logs/ssh/{n}", wk, ssh_budget // 4, gz=n.endswith(".gz"))


def login_logs():
    """The e-banking login CSV and the mobile app's JSON lines, in time
    order; ~2 % failures, one credential-stuffing wave and a spraying run."""
    for path, budget, js in [(f"{out}/logs/login/ebank-202610.csv", LOG_BYTES * 15 // 100, False),
                             (f"{out}/logs/login/mobile-202610.jsonl", LOG_BYTES * 5 // 100, True)]:
        with mk(path) as f:
            w = Sized(f)
            if not js:
                w.put("time,account,source_ip,result,reason,channel\n")
            lines = max(1, budget // 90)
            step = 31 * 86400 / lines
            t = 0.0
            while w.n < budget:
                t += step
                s = int(t)
                d = 1 + s // 86400
                if d > 31:
                    break
                ts = f"2026-10-{d:02d}T{s // 3600 % 24:02d}:{s // 60 % 60:02d}:{s % 60:02d}+08:00"
                # 600,000 active customers; most log in from home, a quarter
                # from a mobile carrier's pool, a few from anywhere
                c = R.randrange(N_CUST)
                acct = f"C{c:07d}"
                r = R.random()
                if r < 0.70:
                    ip = f"{[61, 114, 220, 118, 36][c % 5]}.{(c >> 12) & 255}.{(c >> 4) & 255}.{1 + (c * 7) % 254}"
                elif r < 0.95:
                    m = R.randrange(20000)
                    ip = f"101.{8 + (m >> 16)}.{(m >> 8) & 255}.{m & 255}"
                else:
                    ip = f"{R.randrange(1, 224)}.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(1, 255)}"
                ok = R.random() < 0.98
                res, why = ("success", "") if ok else ("failure", R.choice(["bad_password", "bad_password", "mfa_failed"]))
                if 86400 * 12 + 7200 <= s < 86400 * 12 + 7200 + 600:  # Oct 13 02:00: stuffing from one /24
                    ip = f"185.220.101.{R.randrange(1, 255)}"
                    res, why = "failure", R.choice(["bad_password", "no_such_account"])
                if js:
                    w.put(f'{{"time": "{ts}", "account": "{acct}", "source_ip": "{ip}", "result": "{res}", '
                          f'{"" if ok else chr(34) + "reason" + chr(34) + ": " + chr(34) + why + chr(34) + ", "}"channel": "app"}}\n')
                else:
                    w.put(f"{ts},{acct},{ip},{res},{why},web\n")
            w.flush()


login_logs()

# ---- data to scan for personal data ----
LET = "ABCDEFGHJKLMNPQRSTUVXYWZIO"


def tw_id():
    L = R.choice(LET)
    code = LET.index(L) + 10
    ds = [code // 10, code % 10, R.choice([1, 2])] + [R.randrange(10) for _ in range(7)]
    wt = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    s = sum(a * b for a, b in zip(ds, wt))
    return L + "".join(map(str, ds[2:])) + str((10 - s % 10) % 10)


def data_file(path, budget, header, gen, gz=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    f = gzip.open(path, "wt", encoding="utf-8", compresslevel=1) if gz else mk(path)
    with f:
        w = Sized(f)
        w.put(header)
        while w.n < budget:
            w.put(gen())
        w.flush()


# a UAT refresh of production customers, unmasked (the classic finding)
data_file(f"{out}/data/TEST/uat_refresh/customers_20261015.csv", DATA_BYTES * 4 // 10,
          "cust_no,name,national_id,mobile,opened,note\n",
          lambda: f"{R.randrange(10**7)},客戶{R.randrange(10**5)},{tw_id()},09{R.randrange(10**8):08d},2026-10-01,"
                  f"備註文字 往來正常\n")
# production reports, masked (must draw no finding)
data_file(f"{out}/data/PROD/reports/daily_txn_masked.csv", DATA_BYTES * 3 // 10,
          "txn_id,cust_name,national_id,amount,branch\n",
          lambda: f"T{R.randrange(10**9):09d},王*明,A12****789,{R.randrange(100, 10**6)},分行{R.randrange(300):03d}\n")
# a test database dump


def sql_row():
    return ",".join(f"({R.randrange(10**7)},'客戶{R.randrange(10**5)}','{tw_id()}','09{R.randrange(10**8):08d}')"
                    for _ in range(20))


data_file(f"{out}/data/TEST/test-db01/cust_dump.sql", DATA_BYTES * 2 // 10,
          "-- MySQL dump 10.13\nCREATE TABLE `customer` (`id` int, `name` varchar(40), `national_id` char(10), "
          "`mobile` char(10));\n",
          lambda: f"INSERT INTO `customer` (`id`,`name`,`national_id`,`mobile`) VALUES {sql_row()};\n")
# application logs of a DMZ API host, gzip-rotated, with masked ids
data_file(f"{out}/data/{hosts[50][0]}/logs/api-2026-10-30.log.gz", DATA_BYTES // 10,
          "",
          lambda: f"2026-10-30 10:{R.randrange(60):02d}:{R.randrange(60):02d} INFO  [api] GET /v1/accounts/"
                  f"{R.randrange(10**6)} 200 {R.randrange(1, 900)}ms user=A12****789\n", gz=True)

# ---- governance records ----
core_sys = ", ".join(s for i, s in enumerate(systems) if i % 5 == 0)
with mk(f"{out}/records/governance.yaml") as f:
    f.write("# 大型範例商業銀行 — 115年度資安治理佐證紀錄\n"
            "- type: risk_assessment\n  date: 2026-03-01\n  approved_by: board\n  acceptable_risk_level: medium\n"
            "- type: policy_review\n  date: 2026-02-10\n  approved_by: board\n"
            "- type: assessment_plan\n  date: 2026-01-15\n  approved_by: board\n"
            "- type: health_check\n  date: 2026-05-10\n  scope: [網路架構檢視, 網路惡意活動檢視, 使用者端電腦惡意活動檢視, "
            "伺服器主機惡意活動檢視, 目錄伺服器設定及防火牆連線設定檢視]\n"
            "- type: social_engineering_drill\n  date: 2026-04-15\n  recipients: 12000\n  opened: 2100\n  clicked: 340\n"
            "  reported: 5100\n  retrained: 340\n"
            f"- type: bcp_drill\n  date: 2026-06-10\n  systems: [{core_sys}]\n  rto_met: yes\n"
            "- type: pentest\n  date: 2026-08-01\n  scope: [SYS000, SYS007]\n  findings_open: 2\n"
            "- type: source_code_scan\n  system_id: SYS000\n  date: 2026-06-30\n  release: 8.2.0\n"
            "- type: app_certification\n  app: 大型範例銀行行動網銀\n  date: 2026-03-05\n  lab: 台灣電子檢驗中心\n"
            "- type: outsourcing_contract\n  vendor: 遠端維運科技股份有限公司\n  security_clause: yes\n  audit_right: no\n"
            "- type: iot_inventory\n  date: 2026-01-20\n  devices: 40\n  default_passwords_changed: yes\n"
            "- type: disposal\n  date: 2026-05-02\n  asset: 舊儲存設備 12 台\n  method: 消磁\n  record: DSP-2026-004\n"
            "- type: incident\n  id: INC-2026-007\n  detected_at: 2026-07-02T09:10:00+08:00\n"
            "  initial_report_at: 2026-07-02T09:55:00+08:00\n  formal_report_at: 2026-07-05T10:00:00+08:00\n"
            "  closed_at: 2026-07-04T18:00:00+08:00\n  level: 2\n  systems: [SYS005]\n  major: no\n"
            "- type: assessor\n  name: 安信資安顧問評估小組\n  organization: 安信資安顧問\n  independent: yes\n"
            "  certifications: [CISM, ISO 27001 LA, CISSP]\n  finance_experience: yes\n"
            "- type: log_retention\n  source: ssh\n  retained_days: 1095\n"
            "- type: log_retention\n  source: etrading\n  retained_days: 1825\n"
            "- type: log_retention\n  source: firewall\n  retained_days: 365\n")
    # the all-staff course with its roster (1 in 150 missed it)
    f.write("- type: training\n  date: 2026-03-18\n  hours: 3\n  course: 115年度全員資安宣導\n  audience: all_staff\n"
            "  attendees:\n")
    for e in range(N_EMP):
        if e % 150 != 7:
            f.write(f"    - E{e:06d}\n")
    for i, s in enumerate(systems):
        if i % 3 == 0:  # category-1 systems: the annual assessment record
            f.write(f"- type: assessment\n  system_id: {s}\n  date: 2026-{1 + i % 9:02d}-15\n"
                    f"  assessor: 安信資安顧問評估小組\n  items: [{ALL_SA.replace(';', ', ')}]\n  full: yes\n")
with mk(f"{out}/records/reviews.yaml") as f:
    f.write("# 防火牆規則及帳號權限定期審查紀錄\n")
    for d, n in enumerate(fw_names):
        f.write(f"- type: firewall_review\n  device: {n}\n  date: {'2025-03-31' if d % 25 == 3 else '2026-09-30'}\n")
    for s in systems[:20]:
        f.write(f"- type: account_review\n  system_id: {s}\n  date: 2026-{'03' if s.endswith('7') else '09'}-30\n")
with mk(f"{out}/records/vuln.yaml") as f:
    f.write("# 弱點風險接受（例外）紀錄\n")
    for k in range(max(5, int(300 * scale))):
        h = hosts[(k * 7) % len(hosts)]
        f.write(f"- type: vuln_exception\n  host: {h[0]}\n  plugin_or_cve: CVE-2024-{10000 + k}\n"
                f"  reason: 廠商尚未提供修補\n  compensating_control: WAF 規則阻擋\n  approved_by: 資安長\n"
                f"  expires: {'2026-06-30' if k % 10 == 0 else '2027-03-31'}\n")

print(f"generated {out}: {N_HOSTS} hosts, {N_FW}x{RULES} rules, {N_ACCT} accounts, scale {scale}")
