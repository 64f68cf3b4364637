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

#endif
