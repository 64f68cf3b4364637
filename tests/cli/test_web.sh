#!/bin/sh
# The dashboard over HTTP with curl: login, lockout, sessions, CSRF, roles,
# security headers, and escaping of hostile evidence on every page
# (tests/fixtures/web-hostile: <script> and "onmouseover= in hostnames,
# system names, the firm's name, an incident title).
. tests/cli/lib.sh
. tests/cli/webtest.sh
if ! command -v curl >/dev/null 2>&1; then
	skip web "curl is not installed"
	exit 0
fi
D=$TMP/web
mkdir -p "$D"
export FINCHECK_NOW=2026-11-01T10:00:00+08:00
DB=$D/h.db
# shellcheck disable=SC2086
$FINCHECK assess tests/fixtures/web-hostile $CATARG --db "$DB" --by tester --format json >"$D/h.json" 2>"$D/assess.err"
t web_setup_assess jget "$D/h.json" 'len([f for f in d["findings"] if f["object"] == "<script>alert(1)</script>"]) == 1'
for u in admin1:admin admin2:admin asr1:assessor view1:viewer aud1:auditor sup1:supervisor victim:viewer; do
	printf '%s\n' "$PW" | $FINCHECK user add "${u%%:*}" --role "${u#*:}" --db "$DB" --by tester 2>>"$D/users.err"
done
t web_users_added sh -c "$FINCHECK user list --db '$DB' --format json | grep -c '\"role\"' | grep -qx 7"
t_exit web_user_weak_password 1 sh -c "printf 'short\n' | $FINCHECK user add weak --role viewer --db '$DB'"
t_exit web_user_bad_role 1 sh -c "printf '%s\n' '$PW' | $FINCHECK user add x --role root --db '$DB'"
# shellcheck disable=SC2086
$FINCHECK incident open --db "$DB" $CATARG --title '<script>alert(5)</script>事件 "onmouseover="x' \
	--detected 2026-11-01T09:00 --major --system XSS1 >"$D/inc.out" 2>&1
# shellcheck disable=SC2086
$FINCHECK supervise import --db "$DB" $CATARG "$D/h.json" 2>"$D/sv.err"

if ! web_start "$DB" "$D/serve.log" --bundle tests/fixtures/web-hostile; then
	exit 0
fi

# --- authentication -------------------------------------------------
t web_anon_redirects_to_login sh -c "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' '$WEB/findings' | grep -q '^303 .*/login?next=/findings'"
c=$(curl -s -o /dev/null -w '%{http_code}' -d 'csrf=x&action=remediate' "$WEB/findings/0123456789abcdef")
t web_anon_post_401 [ "$c" = 401 ]
r=$(web_login "$D/a.jar" admin1)
t web_login_admin sh -c "echo '$r' | grep -q '^303 .*/$'"
t web_session_cookie_flags sh -c "curl -s -D - -o /dev/null -c /dev/null -b '$D/a.jar' '$WEB/login' >/dev/null; grep -q fc_session '$D/a.jar' && grep -q '#HttpOnly_127.0.0.1' '$D/a.jar'"
# the login form without its double-submit cookie is refused
c=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode 'user=admin1' --data-urlencode "password=$PW" "$WEB/login")
t web_login_without_csrf_403 [ "$c" = 403 ]
r=$(web_login "$D/bad.jar" admin1 'Wrong!pass123')
t web_login_wrong_password sh -c "echo '$r' | grep -q 'err=bad'"
# three failures lock the account for 15 minutes, even for the right password
web_login "$D/v.jar" victim 'Wrong!pass1' >/dev/null
web_login "$D/v.jar" victim 'Wrong!pass2' >/dev/null
r3=$(web_login "$D/v.jar" victim 'Wrong!pass3')
r4=$(web_login "$D/v.jar" victim)
t web_lockout_third_failure sh -c "echo '$r3' | grep -q 'err=locked'"
t web_lockout_refuses_right_password sh -c "echo '$r4' | grep -q 'err=locked' && ! grep -q fc_session '$D/v.jar'"
t web_lockout_listed sh -c "$FINCHECK user list --db '$DB' | grep victim | grep -q locked"
t web_unlock sh -c "$FINCHECK user unlock victim --db '$DB' 2>/dev/null && ! $FINCHECK user list --db '$DB' | grep victim | grep -q locked"
r5=$(web_login "$D/v.jar" victim)
t web_login_after_unlock sh -c "echo '$r5' | grep -q '^303 .*/$'"

# --- headers --------------------------------------------------------
curl -s -D "$D/h.hdr" -o "$D/overview.html" -b "$D/a.jar" "$WEB/"
t web_csp_header grep -qi "^Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'" "$D/h.hdr"
t web_nosniff_header grep -qi '^X-Content-Type-Options: nosniff' "$D/h.hdr"
t web_frame_deny grep -qi '^X-Frame-Options: DENY' "$D/h.hdr"
t web_no_store grep -qi '^Cache-Control: no-store' "$D/h.hdr"
t web_overview_names_org grep -q '惡意&lt;img src=x onerror=alert(3)&gt;證券股份有限公司' "$D/overview.html"
# a securities firm's chart shows the securities frameworks, not the insurers'
t web_overview_frameworks_of_the_industry sh -c "grep -q '建立證券商資通安全檢查機制' '$D/overview.html' && ! grep -q '保險業資訊作業專案檢查主要缺失態樣' '$D/overview.html'"
t web_asset_css sh -c "curl -s -D - -o /dev/null '$WEB/assets/app.css' | grep -qi '^Content-Type: text/css'"
c=$(curl -s -o /dev/null -w '%{http_code}' "$WEB/assets/..%2Fcatalog%2Fcontrols%2Fcc.yaml")
t web_asset_traversal_404 [ "$c" = 404 ]

# --- writes need a session and the CSRF token -----------------------
ID=$(curl -s -b "$D/a.jar" "$WEB/findings?check=net.db_in_dmz" | grep -o 'href="/findings/[0-9a-f]*"' | head -1 | sed 's|.*/findings/||;s|"||')
t web_found_hostile_finding sh -c "[ -n '$ID' ]"
CS=$(web_csrf "$D/a.jar" "/findings/$ID")
c=$(code "$D/a.jar" POST "/findings/$ID" -d action=remediate)
t web_post_without_csrf_403 [ "$c" = 403 ]
c=$(code "$D/a.jar" POST "/findings/$ID" -d csrf=0000000000000000000000000000000000000000000000000000000000000000 -d action=remediate)
t web_post_wrong_csrf_403 [ "$c" = 403 ]
c=$(curl -s -o /dev/null -w '%{http_code}' -d "csrf=$CS" -d action=remediate "$WEB/findings/$ID")
t web_post_without_session_401 [ "$c" = 401 ]
c=$(code "$D/a.jar" POST "/findings/$ID" -H 'Origin: http://evil.example' -d "csrf=$CS" -d action=remediate)
t web_post_cross_origin_403 [ "$c" = 403 ]
c=$(code "$D/a.jar" POST "/findings/$ID" -H 'Content-Type: application/json' -d '{}')
t web_post_json_415 [ "$c" = 415 ]
head -c 70000 /dev/zero | tr '\0' a >"$D/big"
c=$(code "$D/a.jar" POST "/findings/$ID" --data-binary @"$D/big")
t web_post_too_big_413 [ "$c" = 413 ]
c=$(code "$D/a.jar" POST "/findings/$ID" -d "csrf=$CS" -d action=remediate -d owner=%E7%8E%8B)
t web_post_with_csrf_ok [ "$c" = 303 ]
t web_post_changed_status sh -c "curl -s -b '$D/a.jar' '$WEB/findings/$ID' | grep -q 'id=\"status\">改善中'"
# roles: a viewer cannot change anything, a supervisor sees only the supervisory pages
web_login "$D/view.jar" view1 >/dev/null
CV=$(web_csrf "$D/view.jar" "/findings/$ID")
c=$(code "$D/view.jar" POST "/findings/$ID" -d "csrf=$CV" -d action=update -d note=x)
t web_viewer_post_403 [ "$c" = 403 ]
web_login "$D/sup.jar" sup1 >/dev/null
t web_supervisor_home_redirect sh -c "curl -s -b '$D/sup.jar' -o /dev/null -w '%{redirect_url}' '$WEB/' | grep -q '/supervise$'"
c=$(code "$D/sup.jar" GET /findings)
t web_supervisor_no_findings_403 [ "$c" = 403 ]
c=$(code "$D/view.jar" GET /supervise)
t web_viewer_no_supervise_403 [ "$c" = 403 ]

# --- every page escapes hostile evidence ----------------------------
pages="/ /findings /findings?status=all /findings/$ID /systems /incidents /reports /findings?lang=en /systems?lang=zh-TW"
for p in $pages; do
	curl -s -b "$D/a.jar" "$WEB$p" >>"$D/all.html"
done
for p in /supervise /supervise/trend; do
	curl -s -b "$D/sup.jar" "$WEB$p" >>"$D/all.html"
done
# downloads carry the raw text, as data: never served as HTML
for p in /reports/findings.csv /reports/findings.json /reports/incidents.yaml; do
	curl -s -D - -o /dev/null -b "$D/a.jar" "$WEB$p" >>"$D/dl.hdr"
done
for p in /supervise/download/status.csv /supervise/download/trend.csv; do
	curl -s -D - -o /dev/null -b "$D/sup.jar" "$WEB$p" >>"$D/dl.hdr"
done
c=$(grep -ci '^Content-Type: text/html' "$D/dl.hdr")
t web_downloads_not_html [ "$c" = 0 ]
c=$(grep -ci '^Content-Disposition: attachment' "$D/dl.hdr")
t web_downloads_attachments [ "$c" = 5 ]
curl -s -b "$D/a.jar" "$WEB/reports/findings.csv" >"$D/f.csv"
t web_csv_formula_defused sh -c "! grep -q ',=' '$D/f.csv'"
c=$(wc -c <"$D/all.html")
t web_pages_fetched [ "$c" -gt 20000 ]
t web_no_raw_script_tag sh -c "! grep -q '<script>alert' '$D/all.html'"
t web_no_raw_img_tag sh -c "! grep -q '<img src=x' '$D/all.html'"
t web_no_raw_event_attribute sh -c "! grep -q '\" onmouseover=\"' '$D/all.html'"
t web_escaped_hostname_shown grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$D/all.html"
t web_escaped_attr_hostname_shown grep -q 'x&quot; onmouseover=&quot;alert(2)' "$D/all.html"
t web_escaped_incident_title grep -q '&lt;script&gt;alert(5)&lt;/script&gt;事件' "$D/all.html"
t web_escaped_system_name grep -q '&lt;script&gt;alert(1)&lt;/script&gt;下單系統' "$D/all.html"
t web_escaped_firm_on_plane grep -q '惡意&lt;img src=x onerror=alert(3)&gt;證券' "$D/all.html"
# the only <script> elements are the embedded file's
c=$(grep -o '<script[^>]*>' "$D/all.html" | grep -vc 'src="/assets/app.js"')
t web_only_own_scripts [ "$c" = 0 ]

# --- language toggle ------------------------------------------------
t web_english_toggle sh -c "curl -s -b '$D/a.jar' '$WEB/findings?lang=en' | grep -q '<h1>Findings</h1>'"
c1=$(code "$D/a.jar" POST /logout -d "csrf=$CS")
c2=$(code "$D/a.jar" GET /findings)
t web_logout [ "$c1 $c2" = "303 303" ]

# --- every write is in the audit chain ------------------------------
web_stop
t web_audit_has_writes python3 -c "
import sqlite3, sys
c = sqlite3.connect('$DB')
acts = [r[0] for r in c.execute('select action from audit_log')]
need = ['user.add', 'login', 'login.failed', 'login.locked', 'login.refused_locked', 'user.unlock', 'logout',
        'incident.open', 'supervise.import']
missing = [a for a in need if a not in acts]
sys.exit(1 if missing else 0)"
t web_audit_no_token_in_log python3 -c "
import sqlite3, sys
c = sqlite3.connect('$DB')
tok = open('$D/view.jar').read().split('fc_session')[1].split()[0]
sys.exit(1 if any(tok in (r[0] or '') for r in c.execute('select details from audit_log')) else 0)"
