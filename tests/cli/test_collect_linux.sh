#!/bin/sh
# contrib/collect-linux.sh on this machine: it runs read-only, writes the
# hosts/<h>/ and accounts/ layout with shadow hashes masked, and fincheck
# assesses what it wrote without a parse error.
. tests/cli/lib.sh
B=$TMP/collected
t collect_runs sh contrib/collect-linux.sh -o "$B" -n thishost -a /etc/hostname
printf 'name: 本機\nindustry: securities\nas_of: 2026-11-01\n' >"$B/org.yaml"
t collect_layout test -f "$B/hosts/thishost/login.defs" -a -f "$B/accounts/thishost.passwd" -a -f "$B/hosts/thishost/packages.txt"
t collect_app_file_copied test -f "$B/hosts/thishost/files/etc/hostname"
if [ -f "$B/accounts/thishost.shadow" ]; then
	# every hash field is empty, locks (!, *) or the HASH marker: no crypt text
	t collect_shadow_masked sh -c "! awk -F: '{ h = \$2; gsub(/^[!*]+/, \"\", h); if (h != \"\" && h != \"HASH\") bad = 1 } END { exit !bad }' '$B/accounts/thishost.shadow'"
else
	skip collect_shadow_masked "not root: /etc/shadow not collected"
fi
t_exit collected_assess_exit_0 0 $FINCHECK assess "$B" --format json --lang en
cp "$TMP/out" "$TMP/c.json"
t collected_no_errors jget "$TMP/c.json" "d['errors'] == []"
t collected_nothing_unrecognized jget "$TMP/c.json" "d['unrecognized'] == []"
t collected_policy_judged jget "$TMP/c.json" "[r['status'] for r in d['results'] if r['check']=='host.password_policy'][0] in ('pass', 'fail')"
t collected_accounts_judged jget "$TMP/c.json" "[r['status'] for r in d['results'] if r['check']=='account.uid0_duplicate'][0] in ('pass', 'fail')"
