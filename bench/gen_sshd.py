#!/usr/bin/env python3
"""Generate a synthetic sshd auth.log for bench/logscan.sh (issue 6).

    gen_sshd.py OUT LINES [DISTINCT_IPS]

About LINES lines (≈100 bytes each) over 30 days of an internet-facing
host: a botnet of DISTINCT_IPS addresses (default 1,000,000) probing
invented usernames and root, a few heavy brute-forcers, scanners that never
send a banner, and the admins' own logins; each attempt written the way
OpenSSH 8/9 and pam_unix log it (Invalid user, input_userauth_request, pam
check pass, pam authentication failure, Failed password, Connection
closed).  Deterministic (seeded).
"""
import random, sys

out, lines = sys.argv[1], int(float(sys.argv[2]))
ips_wanted = int(float(sys.argv[3])) if len(sys.argv) > 3 else 1000000
rnd = random.Random(6)
# a pool slightly larger than wanted: uniform draws over ~4 M attempts reach ~all of it
pool = ips_wanted
def ip_of(k):
    k = (k * 2654435761) % (1 << 32)
    a = 11 + (k >> 24) % 200
    return f"{a}.{(k >> 16) & 255}.{(k >> 8) & 255}.{k & 255}"
heavy = [ip_of(pool + i) for i in range(40)]
users = ("admin test oracle postgres ubuntu git user ftpuser deploy support guest pi www mysql hadoop "
         "nagios jenkins tomcat ec2-user centos dev operator backup minecraft teamspeak zabbix").split()
months = ["Sep"] * 30 + ["Oct"] * 31
day0 = 2  # Sep 2 .. Oct 1
per_day = lines // 30 + 1
buf = []
written = 0
pid = 10000
f = open(out, "w", buffering=1 << 22)
for d in range(30):
    mon = "Sep" if d + day0 <= 30 else "Oct"
    dd = d + day0 if d + day0 <= 30 else d + day0 - 30
    n = 0
    sec = 0
    step = 86400 / (per_day / 5.0)
    t = 0.0
    while n < per_day:
        t += step
        s = int(t)
        if s >= 86400:
            s = 86399
        ts = f"{mon} {dd:2d} {s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"
        pid += 1
        r = rnd.random()
        if r < 0.02:
            ip = rnd.choice(heavy)
        else:
            ip = ip_of(rnd.randrange(pool))
        port = rnd.randrange(1024, 65535)
        h = "bastion1 sshd[%d]: " % pid
        if r < 0.55:
            u = rnd.choice(users)
            buf.append(f"{ts} {h}Invalid user {u} from {ip} port {port}\n")
            buf.append(f"{ts} {h}input_userauth_request: invalid user {u} [preauth]\n")
            buf.append(f"{ts} {h}pam_unix(sshd:auth): check pass; user unknown\n")
            buf.append(f"{ts} {h}pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={ip}\n")
            buf.append(f"{ts} {h}Failed password for invalid user {u} from {ip} port {port} ssh2\n")
            buf.append(f"{ts} {h}Connection closed by invalid user {u} {ip} port {port} [preauth]\n")
            n += 6
        elif r < 0.88:
            buf.append(f"{ts} {h}pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={ip}  user=root\n")
            buf.append(f"{ts} {h}Failed password for root from {ip} port {port} ssh2\n")
            if rnd.random() < 0.3:
                buf.append(f"{ts} {h}message repeated 2 times: [ Failed password for root from {ip} port {port} ssh2]\n")
                n += 1
            buf.append(f"{ts} {h}Received disconnect from {ip} port {port}:11: Bye Bye [preauth]\n")
            buf.append(f"{ts} {h}Disconnected from authenticating user root {ip} port {port} [preauth]\n")
            n += 4
        elif r < 0.95:
            buf.append(f"{ts} {h}Did not receive identification string from {ip} port {port}\n")
            n += 1
        elif r < 0.985:
            buf.append(f"{ts} {h}reverse mapping checking getaddrinfo for host-{ip.replace('.', '-')}.example.net [{ip}] failed - POSSIBLE BREAK-IN ATTEMPT!\n")
            buf.append(f"{ts} {h}Connection closed by {ip} port {port} [preauth]\n")
            n += 2
        else:
            who = rnd.choice(("ops.chen", "ops.lin", "deploy"))
            src = "10.99.0.%d" % rnd.randrange(10, 14)
            buf.append(f"{ts} {h}Accepted publickey for {who} from {src} port {port} ssh2: ED25519 SHA256:benchKey{who}\n")
            buf.append(f"{ts} {h}pam_unix(sshd:session): session opened for user {who}(uid=1001) by (uid=0)\n")
            buf.append(f"{ts} {h}pam_unix(sshd:session): session closed for user {who}\n")
            n += 3
        if len(buf) > 20000:
            f.write("".join(buf))
            buf.clear()
    written += n
f.write("".join(buf))
f.close()
