#!/bin/sh
# fincheck Linux collector — gathers one host's configuration into the
# evidence-bundle layout (spec/evidence-bundle.md):
#
#   OUT/hosts/<hostname>/   sshd_config (+ sshd_config.d/), login.defs, pam.d/,
#                           pwquality.conf, faillock.conf, logrotate.conf (+ .d/),
#                           rsyslog.conf (+ .d/), os-release, packages.txt,
#                           dpkg.log, files/… (application configs named with -a)
#   OUT/accounts/<hostname>.passwd, .group, .shadow, .lastlog
#
# Read-only: it copies and lists, never changes the host.  Password hashes
# never leave the host: each shadow hash is replaced by the marker HASH,
# keeping only its shape (empty, locked "!"/"*", or set), which is all the
# checks need.
#
# Usage: collect-linux.sh [-o OUTDIR] [-n HOSTNAME] [-a PATH]...
#   -o OUTDIR    bundle root to write into (default ./bundle)
#   -n HOSTNAME  name to file the host under (default: hostname -s)
#   -a PATH      also copy this application config file or directory (text
#                files only) into hosts/<h>/files/, to be scanned for
#                plaintext secrets; repeatable
# Run as root to include /etc/shadow; without it the shadow copy is skipped.
set -u
OUT=./bundle
HOST=$(hostname -s 2>/dev/null || uname -n)
APPS=""
while getopts "o:n:a:h" opt; do
	case $opt in
	o) OUT=$OPTARG ;;
	n) HOST=$OPTARG ;;
	a) APPS="$APPS
$OPTARG" ;;
	*) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 1 ;;
	esac
done
case $HOST in
*/* | .* | "") echo "collect-linux: bad host name '$HOST'" >&2; exit 1 ;;
esac
H="$OUT/hosts/$HOST"
A="$OUT/accounts"
umask 077
mkdir -p "$H" "$A" || exit 1
note() { echo "collect-linux: $*" >&2; }

# copy SRC DEST: a readable regular file (symlinks followed: this is the
# host's own view), skipped quietly when absent
copy() {
	[ -f "$1" ] && [ -r "$1" ] || return 0
	mkdir -p "$(dirname "$2")" && cat "$1" >"$2"
}
copydir() { # SRCDIR DESTDIR [GLOB]
	[ -d "$1" ] || return 0
	for f in "$1"/${3:-*}; do
		[ -f "$f" ] && copy "$f" "$2/$(basename "$f")"
	done
}

copy /etc/ssh/sshd_config "$H/sshd_config"
copydir /etc/ssh/sshd_config.d "$H/sshd_config.d" '*.conf'
copy /etc/login.defs "$H/login.defs"
for p in common-password common-auth common-account common-session system-auth password-auth sshd login su; do
	copy "/etc/pam.d/$p" "$H/pam.d/$p"
done
copy /etc/security/pwquality.conf "$H/pwquality.conf"
copydir /etc/security/pwquality.conf.d "$H/pwquality.conf.d" '*.conf'
copy /etc/security/faillock.conf "$H/faillock.conf"
copy /etc/logrotate.conf "$H/logrotate.conf"
copydir /etc/logrotate.d "$H/logrotate.d"
copy /etc/rsyslog.conf "$H/rsyslog.conf"
copydir /etc/rsyslog.d "$H/rsyslog.d" '*.conf'
if [ -f /etc/os-release ]; then
	copy /etc/os-release "$H/os-release"
elif [ -f /usr/lib/os-release ]; then
	copy /usr/lib/os-release "$H/os-release"
fi

# installed packages, and when updates last went in
if command -v dpkg-query >/dev/null 2>&1 && [ -d /var/lib/dpkg ]; then
	COLUMNS=200 dpkg -l >"$H/packages.txt" 2>/dev/null
	if [ -r /var/log/dpkg.log ]; then
		grep -E ' (install|upgrade) ' /var/log/dpkg.log | tail -n 5000 >"$H/dpkg.log"
	fi
elif command -v rpm >/dev/null 2>&1; then
	rpm -qa --last >"$H/packages.txt" 2>/dev/null
fi

# accounts: passwd and group as they are; shadow with hashes masked
copy /etc/passwd "$A/$HOST.passwd"
copy /etc/group "$A/$HOST.group"
if [ -r /etc/shadow ]; then
	# keep the shape of field 2: "" (empty), a leading ! or * (locked),
	# "!!"/"*" (no password); any hash text becomes HASH
	awk -F: 'BEGIN { OFS = ":" }
	{
		h = $2; lead = ""
		while (h != "" && (substr(h, 1, 1) == "!" || substr(h, 1, 1) == "*")) {
			lead = lead substr(h, 1, 1); h = substr(h, 2)
		}
		$2 = lead (h == "" ? "" : "HASH")
		print
	}' /etc/shadow >"$A/$HOST.shadow"
else
	note "/etc/shadow is not readable (run as root): password ageing and empty passwords are not collected"
fi
if command -v lastlog >/dev/null 2>&1; then
	lastlog 2>/dev/null >"$A/$HOST.lastlog" || rm -f "$A/$HOST.lastlog"
	[ -s "$A/$HOST.lastlog" ] || rm -f "$A/$HOST.lastlog"
fi

# application configuration named by the operator (-a), text files only
printf '%s\n' "$APPS" | while IFS= read -r p; do
	[ -n "$p" ] || continue
	if [ -d "$p" ]; then
		find "$p" -type f -size -2048k 2>/dev/null
	elif [ -f "$p" ]; then
		printf '%s\n' "$p"
	else
		note "$p: not found"
	fi
done | while IFS= read -r f; do
	case $(LC_ALL=C od -An -c -N 4096 "$f" 2>/dev/null | grep -c '\\0') in
	0) copy "$f" "$H/files$f" ;;
	*) note "$f: binary, not copied" ;;
	esac
done

n=$(find "$H" -type f | wc -l)
note "wrote $n files to $H and the account copies to $A"
