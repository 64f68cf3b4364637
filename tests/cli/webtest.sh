# Helpers for the dashboard's CLI tests (test_web.sh, test_web_e2e.sh):
# start `fincheck serve` on a free loopback port, bounded in time, log in
# with curl, stop it by its pid.  Source after lib.sh.

# FC_TEST_CATALOG (optional): a catalog directory for every command that
# takes --catalog, while the embedded one is being edited by others.
CATARG=${FC_TEST_CATALOG:+--catalog $FC_TEST_CATALOG}
PW='S3cure!pass99'

# web_start DB LOG [ARGS...]: sets WEB_PID and WEB (http://127.0.0.1:PORT)
web_start() {
	db=$1 log=$2
	shift 2
	# shellcheck disable=SC2086
	$FINCHECK serve --db "$db" --listen 127.0.0.1:0 --exit-after 300 $CATARG "$@" 2>"$log" &
	WEB_PID=$!
	i=0
	while [ $i -lt 100 ]; do
		port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log" 2>/dev/null)
		[ -n "$port" ] && break
		kill -0 "$WEB_PID" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	if [ -z "${port:-}" ]; then
		echo "FAIL serve did not start"
		sed 's/^/    | /' "$log" | tail -20
		return 1
	fi
	WEB=http://127.0.0.1:$port
	return 0
}

web_stop() {
	[ -n "${WEB_PID:-}" ] && kill "$WEB_PID" 2>/dev/null && wait "$WEB_PID" 2>/dev/null
	WEB_PID=
}

# web_login JAR USER [PASSWORD]: prints the HTTP status of the login POST
web_login() {
	jar=$1 user=$2 pw=${3:-$PW}
	rm -f "$jar"
	curl -s -c "$jar" -b "$jar" "$WEB/login" -o "$jar.html"
	cs=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$jar.html" | head -1)
	curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
		--data-urlencode "csrf=$cs" --data-urlencode "user=$user" --data-urlencode "password=$pw" "$WEB/login"
}

# web_csrf JAR PATH: the CSRF token of a page's forms
web_csrf() {
	curl -s -b "$1" "$WEB$2" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1
}

# code JAR METHOD PATH [curl args]: prints the HTTP status
code() {
	jar=$1 m=$2 p=$3
	shift 3
	if [ "$m" = POST ]; then
		curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$@" "$WEB$p"
	else
		curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$WEB$p"
	fi
}
