#!/bin/sh
# Issue 4: hosts, accounts, passwords, certificates and endpoints, judged on
# the unseen fixture bundle (tests/fixtures/hosts-unseen, a fictional life
# insurer whose files were written as real exports) and on the demo.
. tests/cli/lib.sh
U=tests/fixtures/hosts-unseen
J=$TMP/unseen.json

t_exit unseen_assess_exit_0 0 $FINCHECK assess $U --format json --lang en
cp "$TMP/out" "$J"

# has CHECK OBJECT FILE LINE: a finding of CHECK about OBJECT citing FILE:LINE
has() {
	jget "$J" "any(f['check']=='$1' and f['object']=='$2' and any(e['file']=='$3' and e['line']==$4 for e in f['evidence']) for f in d['findings'])"
}
# clean OBJECT [PREFIX]: no finding about OBJECT (from checks starting with PREFIX)
clean() {
	jget "$J" "not [f['check'] for f in d['findings'] if f['object']=='$1' and f['check'].startswith('${2:-}')]"
}
status() {
	jget "$J" "[r['status'] for r in d['results'] if r['check']=='$1'] == ['$2']"
}

# hosts: inventory and collected configuration
t unseen_eos_centos6_from_os_release has host.eos_os lnx-agent-web01 hosts/lnx-agent-web01/os-release 2
t unseen_eos_aix71 has host.eos_os aix-pol-batch inventory/hosts.csv 5
t unseen_eos_2008r2_with_plan_clean clean win-pol-ap01 host.eos_os
t unseen_sles15_not_eos clean sles-adm01 host.eos_os
t unseen_no_av has host.no_antivirus aix-pol-batch inventory/hosts.csv 5
t unseen_av_stale has host.av_signatures_stale sles-adm01 inventory/hosts.csv 6
t unseen_patch_age has host.patch_age lnx-agent-web01 inventory/hosts.csv 2
t unseen_no_monitoring has host.no_monitoring aix-pol-batch inventory/hosts.csv 5
t unseen_policy_lacks_disk has host.no_monitoring monitoring_policy records/reviews.yaml 7
t unseen_root_login_equals_syntax has host.ssh_root_login lnx-agent-web01 hosts/lnx-agent-web01/sshd_config 4
t unseen_password_auth_dmz has host.ssh_password_auth lnx-agent-web01 hosts/lnx-agent-web01/sshd_config 6
t unseen_weak_ciphers has host.ssh_weak_crypto lnx-agent-web01 hosts/lnx-agent-web01/sshd_config 11
t unseen_weak_kex has host.ssh_weak_crypto lnx-agent-web01 hosts/lnx-agent-web01/sshd_config 12
t unseen_cracklib_minlen has host.password_policy lnx-agent-web01 hosts/lnx-agent-web01/pam.d/system-auth 12
t unseen_login_defs_max_age has host.password_policy lnx-agent-web01 hosts/lnx-agent-web01/login.defs 2
t unseen_tally2_deny10 has host.lockout_policy lnx-agent-web01 hosts/lnx-agent-web01/pam.d/system-auth 5
t unseen_rsh_server has host.insecure_services lnx-agent-web01 hosts/lnx-agent-web01/packages.txt 3
t unseen_secure_log_kept_35_days has host.log_retention lnx-agent-web01 hosts/lnx-agent-web01/logrotate.d/syslog 1
t unseen_jdbc_secret has host.plaintext_secrets lnx-agent-web01 hosts/lnx-agent-web01/webapps/agent/WEB-INF/classes/jdbc.properties 3
t unseen_secret_is_critical_in_dmz jget "$J" "[f['severity'] for f in d['findings'] if f['check']=='host.plaintext_secrets'] == ['critical']"
t unseen_secret_never_printed sh -c "! grep -q 'Agent2026pw' '$J'"
t unseen_env_and_hash_lines_not_secrets jget "$J" "len([f for f in d['findings'] if f['check']=='host.plaintext_secrets'])==1"
t unseen_windows_policy_clean clean win-pol-ap01 host.
t unseen_hardened_db_clean clean lnx-pol-db01 host.
t unseen_windows_baseline_pass status host.windows_baseline pass
# accounts
t unseen_leaver_enabled has account.leaver_enabled chou.kl accounts/CORPAD.csv 5
t unseen_leaver_roc_date jget "$J" "[f['detail'] for f in d['findings'] if f['check']=='account.leaver_enabled' and '2026-09-15' in f['detail']]"
t unseen_priv_no_owner has account.privileged_no_owner admin.ops accounts/CORPAD.csv 6
t unseen_dormant_filetime has account.dormant hsu.zh accounts/CORPAD.csv 7
t unseen_guest_enabled has account.default_enabled Guest accounts/CORPAD.csv 9
t unseen_temp_expired has account.vendor_temp_expiry temp_uat accounts/AGENT-PORTAL.csv 5
t unseen_vendor_no_expiry has account.vendor_temp_expiry vendor_dev accounts/AGENT-PORTAL.csv 4
t unseen_portal_admin_no_mfa has account.no_mfa portal_admin accounts/AGENT-PORTAL.csv 2
t unseen_generic_account has account.shared branch_public accounts/AGENT-PORTAL.csv 6
t unseen_review_missing has account.review_overdue AGENT-PORTAL accounts/AGENT-PORTAL.csv 0
t unseen_empty_shadow_password has account.empty_password tester accounts/lnx-agent-web01.passwd 7
t unseen_recent_user_clean clean agent01
t unseen_disabled_leaver_clean clean wu.ch
t unseen_new_never_used_clean clean kao.zq
t unseen_owned_admin_clean clean hung.gh
t unseen_disabled_krbtgt_clean clean krbtgt
t unseen_uid500_user_on_centos6_clean clean webadm
t unseen_orphan_pass status account.orphan pass
# certificates and endpoints
t unseen_self_signed has cert.validation_level agent.beichen-life.com.tw certs/agent-portal.crt 1
t unseen_cert_expired has cert.expiry agent.beichen-life.com.tw certs/agent-portal.crt 1
t unseen_ov_ec_cert_clean clean portal.beichen-life.com.tw
t unseen_laptop has endpoint.laptop_controls LT-0002 inventory/endpoints.csv 3
t unseen_trust_score has endpoint.trust_score DT-0101 inventory/endpoints.csv 4
t unseen_good_laptop_clean clean LT-0001

# AD dates in US form (Export-Csv's "10/2/2026 8:15:00 AM") give the very
# same findings as the ISO form
rm -rf "$TMP/us" && cp -r $U "$TMP/us"
python3 - "$TMP/us/accounts/CORPAD.csv" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, newline='').read()
def us(m):
    y, mo, d, H, M, S = map(int, m.groups())
    return '%d/%d/%d %d:%02d:%02d %s' % (mo, d, y, (H % 12) or 12, M, S, 'AM' if H < 12 else 'PM')
open(p, 'w', newline='').write(re.sub(r'(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)', us, s))
PY
t us_dates_written grep -q '"10/2/2026 8:15:00 AM"' "$TMP/us/accounts/CORPAD.csv"
$FINCHECK assess "$TMP/us" --format json --lang en >"$TMP/us.json" 2>/dev/null
t us_and_iso_dates_same_findings python3 -c "
import json, sys
a = json.load(open('$J')); b = json.load(open('$TMP/us.json'))
ids = lambda d: sorted(f['id'] for f in d['findings'])
sys.exit(0 if ids(a) == ids(b) and len(ids(a)) > 40 else 1)"

# the demo: one of each kind
D=$TMP/demo.json
t_exit demo_assess_exit_0 0 $FINCHECK assess examples/demo --format json --lang en
cp "$TMP/out" "$D"
J=$D
if python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$D" 2>/dev/null; then
	t demo_match_block_root has host.ssh_root_login web01 hosts/web01/sshd_config 19
	t demo_include_dropin_password has host.ssh_password_auth web01 hosts/web01/sshd_config.d/50-cloud-init.conf 1
	t demo_secedit_utf16 has host.lockout_policy dc01 hosts/dc01/secedit.inf 9
	t demo_leaver_used_after_leaving jget "$D" "[f['severity'] for f in d['findings'] if f['check']=='account.leaver_enabled' and f['object']=='lin.zw'] == ['critical']"
	t demo_default_password has account.default_enabled dbadmin accounts/ETRADE.csv 6
	t demo_uid0 has account.uid0_duplicate toor accounts/web01.passwd 11
	t demo_dv_cert has cert.validation_level www.example-sec.com.tw certs/www.pem 1
	t demo_sha1_cert has cert.weak_signature api-legacy.example-sec.com.tw certs/api-legacy.crt 1
	t demo_ev_cert_clean clean etrade.example-sec.com.tw
	t demo_hardened_ap01_clean clean ap01 host.
	t demo_new_hire_clean clean wu.xy
	t demo_disabled_leaver_clean clean huang.yj
else
	echo "FAIL demo_json: fincheck assess examples/demo wrote no JSON"
fi

# hostile input: a binary sshd_config and a truncated AD export are errors
# naming file and line; exit 2; the checks reading them say "error", not pass
rm -rf "$TMP/bad" && cp -r $U "$TMP/bad"
printf 'PermitRootLogin no\n\000\001\002binary' >"$TMP/bad/hosts/lnx-pol-db01/sshd_config"
printf '"SamAccountName","Enabled","LastLogonDate"\r\n"x","True","13/45/2026 9:00:00 AM"\r\n"y","True' >"$TMP/bad/accounts/CORPAD.csv"
t_exit bad_bundle_exit_2 2 $FINCHECK assess "$TMP/bad" --format json --lang en
cp "$TMP/out" "$TMP/bad.json"
t bad_sshd_error_named jget "$TMP/bad.json" "any(e['file']=='hosts/lnx-pol-db01/sshd_config' and e['line']==1 for e in d['errors'])"
t bad_ad_date_error_line jget "$TMP/bad.json" "any(e['file']=='accounts/CORPAD.csv' and e['line']==2 for e in d['errors'])"
t bad_cfg_checks_error jget "$TMP/bad.json" "[r['status'] for r in d['results'] if r['check']=='host.ssh_root_login'] == ['error']"
t bad_account_checks_error jget "$TMP/bad.json" "[r['status'] for r in d['results'] if r['check']=='account.dormant'] == ['error']"
t bad_rest_still_judged jget "$TMP/bad.json" "any(f['check']=='cert.expiry' for f in d['findings'])"
