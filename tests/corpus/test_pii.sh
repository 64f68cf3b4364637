#!/bin/sh
# fincheck pii over the real third-party files in ../shared/corpora (never
# copied into the project).  peers-performance.md §3.7 names two Luhn-valid
# false positives that must not be reported as cards: the 16-digit zero
# string of a kernel BIOS-e820 line in loghub Linux_2k.log, and the
# "…ffff4445414401030307:" run inside a Nessus OS fingerprint.
. tests/cli/lib.sh
if ! have_corpora; then
	skip corpus_pii "../shared/corpora is absent"
	exit 0
fi
C=$CORPORA
jeq() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
got = str(eval(sys.argv[2], {"d": d, "len": len, "sorted": sorted, "sum": sum}))
if got != sys.argv[3]:
    print("expected:", sys.argv[3]); print("got:     ", got); sys.exit(1)' "$@"
}
# card counts (valid, invalid) of the files whose path ends with $1
cards() {
	echo "[(f[\"counts\"].get(\"card\", {}).get(\"valid\", 0), f[\"counts\"].get(\"card\", {}).get(\"invalid\", 0)) for f in d[\"files\"] if f[\"path\"].endswith(\"$1\")]"
}

$FINCHECK pii --all --format json "$C" >"$TMP/c.json" 2>"$TMP/c.err"
t corpus_pii_exit0 test $? = 0
# the lines are there (so the test means something)
t corpus_pii_bios_line grep -q 'BIOS-e820: 0000000000000000 - ' "$C/loghub/Linux/Linux_2k.log"
t corpus_pii_fingerprint_line grep -q 'ffff4445414401030307:' "$C/defectdojo/nessus/issue_6992.nessus"
# …and no card is reported from them
t corpus_pii_linux_no_card jeq "$TMP/c.json" "$(cards loghub/Linux/Linux_2k.log)" "[(0, 0)]"
t corpus_pii_linux_structured_no_card jeq "$TMP/c.json" "$(cards Linux_2k.log_structured.csv)" "[(0, 0)]"
for f in issue_6992.nessus nessus_with_cvssv3.nessus nessus_with_cwe-.nessus; do
	t "corpus_pii_nessus_no_card_$f" jeq "$TMP/c.json" "$(cards "$f")" "[(0, 0)]"
done
# the only card in the corpora is the fingerprint number quoted on its own,
# between backticks, in SOURCES.md (a bounded Luhn-valid Visa-range number)
t corpus_pii_only_card jeq "$TMP/c.json" '[(f["path"].split("/")[-1], f["counts"]["card"]["valid"], f["samples"][0]["value"]) for f in d["files"] if "card" in f["counts"]]' \
	"[('SOURCES.md', 1, '4445********0307')]"
# no Taiwanese identifiers, mobiles or bank accounts anywhere in these
# English-language corpora: every candidate is rejected
t corpus_pii_no_tw_ids jeq "$TMP/c.json" '[(k, d["totals"][k]["valid"]) for k in ("national_id", "resident_id", "mobile", "bank_account", "business_id")]' \
	"[('national_id', 0), ('resident_id', 0), ('mobile', 0), ('bank_account', 0), ('business_id', 0)]"
# the auth logs are not secrets ("Failed password for …"), nor are wazuh's
# test-case keys ("log 1 pass = …"), secedit values or CIS rule hashes
for f in loghub/OpenSSH/SSH_2k.log loghub/OpenSSH/OpenSSH_2k.log wazuh/sshd-v4.14.7/sshd.ini windows-secedit/utahorange-delphinium_secpol.inf wazuh/sca/cis_rhel9_linux.yml wazuh/sca/cis_win2022.yml; do
	t "corpus_pii_no_secret_$(basename $f)" jeq "$TMP/c.json" "[f[\"counts\"].get(\"secret\", {}).get(\"valid\", 0) for f in d[\"files\"] if f[\"path\"].endswith(\"$f\")]" "[0]"
done
# a real disclosure stays reported: the OpenVAS finding text quoting a
# default password ("login as user postgres with password \"postgres\"")
t corpus_pii_openvas_password jeq "$TMP/c.json" '[(s["line"], s["value"]) for f in d["files"] if f["path"].endswith("openvas/many_vuln.xml") for s in f["samples"] if s["type"] == "secret"][:1]' \
	"[(526, 'p****(8)')]"
# every file was read: nothing binary, no read error, all bytes counted
t corpus_pii_all_read jeq "$TMP/c.json" '(d["files_not_scanned"], d["files_with_errors"], d["bytes"] == sum(f["bytes"] for f in d["files"]))' "(0, 0, True)"
