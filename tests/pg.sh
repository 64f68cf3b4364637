#!/bin/sh
# Run a command against a throwaway PostgreSQL server:
#   sh tests/pg.sh CMD [ARGS...]
# Starts Debian's server binaries (/usr/lib/postgresql/N/bin: initdb,
# pg_ctl) in a temporary directory, listening on a free loopback port with
# its unix socket in that directory, runs CMD with
#   FINCHECK_PG_URL=postgresql://fincheck@127.0.0.1:PORT/   (append a db name)
#   FINCHECK_PG_DB=${FINCHECK_PG_URL}postgres               (an existing db)
# and stops and removes the server afterwards, whatever CMD did.  As root
# the server runs as 'nobody' (initdb refuses root).  Without the binaries
# it prints one SKIP line, saying why, and exits 0 without running CMD.
set -u
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
	echo "SKIP postgresql: no server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
	exit 0
fi
dir=$(mktemp -d /tmp/fc-pg-XXXXXX) || exit 1
as=""
if [ "$(id -u)" -eq 0 ]; then
	chown nobody "$dir"
	as="runuser -u nobody --"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() {
	$as "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
# fsync off: a throwaway server for tests; the store's own durability is
# tested on SQLite and by killing clients, not by crashing this server
if ! $as "$PGBIN/initdb" -D "$dir/data" -U fincheck -A trust -E UTF8 --locale=C.UTF-8 -N >"$dir/initdb.log" 2>&1; then
	echo "FAIL postgresql: initdb failed"
	sed 's/^/    | /' "$dir/initdb.log" | tail -10
	exit 1
fi
if ! $as "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
	-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=40" \
	start >/dev/null 2>&1; then
	echo "FAIL postgresql: the server did not start"
	sed 's/^/    | /' "$dir/server.log" | tail -10
	exit 1
fi
FINCHECK_PG_URL="postgresql://fincheck@127.0.0.1:$port/"
FINCHECK_PG_DB="${FINCHECK_PG_URL}postgres"
export FINCHECK_PG_URL FINCHECK_PG_DB
"$@"
