#!/bin/sh
# Scale of the issue-4 loaders and checks: a generated bundle with N AD
# accounts (Export-Csv form, US dates, FILETIME lastLogon), N/10 HR rows and
# H collected Linux hosts (sshd_config + PAM + login.defs + an app config),
# timed with `fincheck assess --timings`.  Usage: sh bench/hosts-scale.sh
# [FINCHECK] [N accounts] [H hosts]
set -u
cd "$(dirname "$0")/.." || exit 1
FC=${1:-./fincheck}
N=${2:-300000}
H=${3:-2000}
W=${BENCH_DIR:-build/bench-scale}
rm -rf "$W" && mkdir -p "$W/accounts" "$W/hr" "$W/inventory" || exit 1
printf 'name: Scale\nindustry: bank\nas_of: 2026-11-01\n' >"$W/org.yaml"
python3 - "$W" "$N" "$H" <<'PY'
import os, sys, random
w, n, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(1)
with open(w + '/accounts/AD.csv', 'w', newline='') as f:
    f.write('#TYPE Microsoft.ActiveDirectory.Management.ADUser\r\n')
    f.write('"SamAccountName","Enabled","EmployeeID","LastLogonDate","lastLogon","PasswordLastSet","whenCreated","AdminCount","MemberOf","PasswordNeverExpires"\r\n')
    for i in range(n):
        m, d = random.randint(1, 10), random.randint(1, 28)
        ft = 133900000000000000 + random.randint(0, 10**15)
        f.write('"u%06d","%s","E%06d","%d/%d/2026 %d:%02d:00 %s","%d","%d/%d/2026 9:00:00 AM","1/%d/2020 9:00:00 AM","%s","%s","False"\r\n' % (
            i, 'True' if i % 7 else 'False', i // 2, m, d, random.randint(1, 12), random.randint(0, 59),
            random.choice(['AM', 'PM']), ft, m, d, d, '1' if i % 100 == 0 else '',
            'CN=Domain Admins,CN=Users,DC=x,DC=local' if i % 100 == 0 else ''))
with open(w + '/hr/employees.csv', 'w') as f:
    f.write('employee_id,name,status,termination_date,department\n')
    for i in range(n // 2):
        f.write('E%06d,N%d,%s,%s,IT\n' % (i, i, 'terminated' if i % 50 == 0 else 'active', '2026-06-01' if i % 50 == 0 else ''))
with open(w + '/inventory/hosts.csv', 'w') as f:
    f.write('hostname,ip,zone,environment,role,os,os_version,internet_facing,av,av_signature_date,last_patch_date,monitored\n')
    for i in range(h):
        f.write('h%05d,10.%d.%d.%d,,production,app,Ubuntu,%s,%s,yes,2026-10-30,2026-09-01,yes\n' % (
            i, i // 65536 % 256, i // 256 % 256, i % 256, random.choice(['18.04', '20.04', '22.04', '24.04']), 'yes' if i % 10 == 0 else 'no'))
for i in range(h):
    d = '%s/hosts/h%05d' % (w, i)
    os.makedirs(d + '/pam.d')
    open(d + '/sshd_config', 'w').write('PermitRootLogin %s\nPasswordAuthentication yes\nCiphers aes256-ctr,aes128-cbc\nMatch Address 10.0.0.0/8\n PermitRootLogin yes\n' % random.choice(['no', 'yes']))
    open(d + '/pam.d/common-password', 'w').write('password requisite pam_pwquality.so retry=3 minlen=%d\npassword [success=1 default=ignore] pam_unix.so obscure yescrypt\n' % random.choice([6, 8, 12]))
    open(d + '/pam.d/common-auth', 'w').write('auth required pam_faillock.so preauth deny=%d unlock_time=900\nauth [success=1 default=ignore] pam_unix.so\n' % random.choice([3, 5]))
    open(d + '/login.defs', 'w').write('PASS_MAX_DAYS %d\nUID_MIN 1000\n' % random.choice([90, 99999]))
    open(d + '/app.properties', 'w').write('db.url=jdbc:postgresql://db/app\ndb.password=%s\n' % random.choice(['${DB_PASSWORD}', 'S3cret-%d' % i]))
PY
du -sh "$W" | awk '{ print "bundle size: " $1 }'
for i in 1 2 3; do
	/usr/bin/time -f "run $i: %e s wall, %M KiB max RSS" "$FC" assess "$W" --format json --lang en --timings >"$W/out.json" 2>"$W/err.$i" || true
	grep -E "^run|catalog|parse|checks" "$W/err.$i" | tail -4
done
python3 -c "import json; d=json.load(open('$W/out.json')); print('findings:', len(d['findings']))"
