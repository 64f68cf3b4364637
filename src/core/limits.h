/*
 * Every hard limit in one place, each with its reason (SQLite's sqliteLimit.h).
 * Evidence files are untrusted: a limit turns a hostile file into a clear
 * error instead of unbounded memory or recursion.
 */
#ifndef FC_LIMITS_H
#define FC_LIMITS_H

/* Whole-file reads (configs, CSV tables, YAML): 512 MiB is far above any real
 * inventory or account export (300,000 AD accounts are ~150 MB) yet stops a
 * runaway file from exhausting memory.  Scans, logs and data are streamed and
 * have no size limit. */
#define FC_MAX_FILE_BYTES ((size_t)512 * 1024 * 1024)

/* One line of text (logs, configs, one CSV record): real auth.log lines are
 * under 1 KiB and SQL dumps' INSERT lines run to a few MiB; 64 MiB keeps even
 * those while bounding a file with no newline at all. */
#define FC_MAX_LINE_BYTES ((size_t)64 * 1024 * 1024)

/* CSV columns per record: AD exports with -Properties * have ~150 columns. */
#define FC_MAX_CSV_FIELDS 4096

/* YAML and XML nesting: bundle YAML is 3 levels deep and scanner XML about 10;
 * 64 stops billion-laughs-style and deep-nesting attacks. */
#define FC_MAX_NESTING 64

/* Distinct keys in a per-day log table before overflow is reported instead of
 * growing (issue 6: attackers flooding with unique IPs). */
#define FC_MAX_DAY_KEYS (1u << 20)

/* A growable buffer's default cap (curl's dynbuf): 1 GiB. */
#define FC_MAX_BUF_BYTES ((size_t)1 << 30)

/* Expanded size of a gzip member read whole: decompression bombs stop here. */
#define FC_MAX_GUNZIP_BYTES FC_MAX_FILE_BYTES

/* Items of one list field of a governance record (the YAML files of records/: training
 * attendees, drill systems, pentest scope).  An all-staff course of the
 * largest financial holding company lists ~60,000 employee ids; a million
 * bounds the arrays the checks size from it.  A longer list is an error
 * naming its line, never a silent cut. */
#define FC_MAX_RECORD_LIST 1000000

/* Files walked in a bundle. */
#define FC_MAX_BUNDLE_FILES 1000000

/* Directory depth walked in a bundle. */
#define FC_MAX_DIR_DEPTH 32

/* Diagnostics kept per run: after this many only a count is kept. */
#define FC_MAX_DIAGS 10000

/* ---- per format (each parser names its own; all live here) ---- */

/* Firewall configurations (src/parse/fw_*.c): a hostile config must not
 * exhaust memory or recurse without bound; real rule bases are far below. */
#define FC_FW_MAX_RULES (4u * 1000 * 1000)	/* rules per device, after iptables chain inlining */
#define FC_FW_MAX_GROUP_DEPTH 16		/* ASA object-group / FortiGate addrgrp nesting (ASA allows 10) */
#define FC_FW_MAX_CHAIN_DEPTH 32		/* iptables user-chain jumps (the kernel allows no loops) */
#define FC_FW_MAX_SET_ITEMS 100000		/* ranges or services in one expanded rule side */
/* Words of one ASA line (an access-list line has ~20) and values of one
 * FortiGate "set" (a member list of a few hundred objects). */
#define FC_FW_MAX_ASA_WORDS 512
#define FC_FW_MAX_FGT_WORDS 4096
/* FortiGate "config"/"edit" nesting: real configs nest 4 deep (vdom,
 * config, edit, config). */
#define FC_FW_MAX_FGT_DEPTH 32
/* Tokens of one iptables-save rule (a multiport rule with comments ~60). */
#define FC_FW_MAX_IPT_TOKENS 4096

/* Authentication logs (src/parse/log_*.c; see also FC_MAX_DAY_KEYS). */
/* Distinct account names remembered over the whole run.  Attackers invent
 * usernames; beyond this the events are counted but not attributed. */
#define FC_LOG_MAX_ACCOUNTS (1u << 21)
/* Events kept per account and day for the lockout sequence analysis (the
 * earliest by time): far above any lockout threshold (at most 100); a
 * hammered account is flagged long before. */
#define FC_LOG_MAX_ACCT_EVENTS 4096
/* (account, source IP) pairs with a successful login, for the new-source-IP
 * baseline: two per customer for two million customers. */
#define FC_LOG_MAX_LOGIN_PAIRS (1u << 22)
/* Privileged logins kept (root, administrators): more is a report by itself. */
#define FC_LOG_MAX_PRIV_LOGINS 100000
/* Per-day entries kept after a day is closed (the notable ones), overall:
 * about 300 bytes each, so at most ~300 MB however long the logs. */
#define FC_LOG_MAX_KEPT (1u << 20)
/* One login CSV record: a lost quote would otherwise swallow the file. */
#define FC_LOG_MAX_RECORD (1u << 20)
/* Columns of a login CSV / JSON line read (the format names six; the rest
 * are unknown columns, ignored as the spec says). */
#define FC_LOG_MAX_FIELDS 256

/* Vulnerability scans (src/parse/vuln_*.c). */
/* Trivy JSON above this size is refused: jansson builds a tree of ~10x the
 * text, and real reports (even cluster scans) are a few MiB. */
#define FC_VULN_MAX_JSON ((size_t)64 * 1024 * 1024)
/* Text kept from one XML element (a CVE list, a solution): longer text is
 * cut; plugin outputs and descriptions are not kept at all. */
#define FC_VULN_MAX_TEXT ((size_t)16 * 1024)
/* CVEs kept per item (Microsoft rollups list ~150). */
#define FC_VULN_MAX_CVES 512
/* Items buffered for one host before commit (Nessus ReportHost). */
#define FC_VULN_MAX_ITEMS_PER_HOST 200000

/* Host configurations (src/parse/hc_*.c) and account files. */
#define FC_MAX_PASSWD_LINES 1000000	/* /etc/passwd of the largest LDAP-fed host: ~100,000 */
#define FC_MAX_PACKAGES 1000000		/* dpkg -l / rpm -qa lines: a full server has ~3,000 */
#define FC_MAX_RSYSLOG_ITEMS 100000	/* forwarding rules / file actions in rsyslog.conf */
#define FC_MAX_LOGROTATE_BLOCKS 100000	/* logrotate stanzas over all files of a host */
#define FC_MAX_LOGROTATE_PATHS 4096	/* paths naming one logrotate stanza */
#define FC_MAX_SECEDIT_ENTRIES 200000	/* secedit.inf keys: a domain controller exports ~2,000 */
#define FC_MAX_SSHD_INCLUDE_DEPTH 16	/* sshd_config Include nesting (OpenSSH allows 16) */
#define FC_MAX_SSHD_BLOCKS 4096		/* Match blocks of one sshd_config */

/* Certificates (src/parse/certs.c). */
#define FC_MAX_CERT_FILE_BYTES ((size_t)16 * 1024 * 1024)	/* a PEM bundle of every public CA is ~250 KiB */
#define FC_MAX_CERTS_PER_FILE 1000	/* certificates in one PEM chain / bundle */
#define FC_MAX_CERT_SANS 10000		/* subjectAltNames read from one certificate (CDN certs list ~100) */

/* Personal-data scan (src/parse/pii_scan.c): columns of one CSV header or
 * SQL table named (more are scanned as text, not by column name) and SQL
 * tables whose schemas are remembered. */
#define FC_PII_MAX_COLS 512
#define FC_PII_MAX_TABLES 64

#endif
