#!/bin/sh
# Issue 4 on real third-party files (../shared/corpora, never copied): the
# windows-secedit template and the AD user sheet parse, and what they say is
# judged.  Prints SKIP when the corpora are absent.
. tests/cli/lib.sh
if ! have_corpora; then
	skip corpus_hosts "../shared/corpora is absent"
	exit 0
fi
B=$TMP/bundle
mkdir -p "$B/hosts/ws01" "$B/accounts"
printf 'name: Corpus Test\nindustry: bank\nas_of: 2026-11-01\n' >"$B/org.yaml"
# the files are read from the corpora through symlink-free copies in $TMP
# (the bundle walker does not follow symlinks); nothing lands in the repo
cp "$CORPORA/windows-secedit/utahorange-delphinium_secpol.inf" "$B/hosts/ws01/secedit.inf"
cp "$CORPORA/ad-users/JONeillSr-AD-User-and-Group-Migrations_ADUsers.csv" "$B/accounts/AD.csv"
J=$TMP/c.json
t_exit corpus_assess_exit_0 0 $FINCHECK assess "$B" --format json --lang en
cp "$TMP/out" "$J"
t corpus_no_parse_errors jget "$J" "d['errors'] == [] and d['unrecognized'] == []"
# secpol.inf: MinimumPasswordLength 14, complexity 1, max age 90, history 10,
# LockoutBadCount 10 (> 3), LockoutDuration 30
t corpus_secedit_lockout_10 jget "$J" "any(f['check']=='host.lockout_policy' and f['object']=='ws01' and '10' in f['detail'] and f['evidence'][0]['line']==9 for f in d['findings'])"
t corpus_secedit_policy_ok jget "$J" "not [f for f in d['findings'] if f['check']=='host.password_policy']"
t corpus_secedit_baseline_ok jget "$J" "[r['status'] for r in d['results'] if r['check']=='host.windows_baseline'] == ['pass']"
# ADUsers.csv: SamAccountName/Enabled/PasswordNeverExpires columns, one
# enabled user with no owner id and a password that never… is FALSE
t corpus_ad_user_parsed jget "$J" "[r['status'] for r in d['results'] if r['check']=='account.shared'] == ['pass']"
t corpus_ad_no_dates_manual jget "$J" "[r['status'] for r in d['results'] if r['check']=='account.dormant'] == ['manual']"
