/*
 * Vulnerability management facts (issue 5): what the scanner parsers
 * (vuln_nessus.c, vuln_openvas.c, vuln_trivy.c, vuln_nmap.c) produce and the
 * checks in src/check/vuln.c and `fincheck vulns` read.
 *
 * The model is normalized and deduplicated while the files stream by:
 *   - a *scan* is one scanner file (its date comes from the file);
 *   - a *target* is one scanned machine, matched to the inventory
 *     (b->hosts) by IP, FQDN or NetBIOS name, case-insensitively; machines
 *     the inventory does not list are kept under their scanned name;
 *   - a *cover* records that a scan looked at a target on a day (coverage
 *     and scan-interval checks read these);
 *   - a *vulnerability* is identified by target + CVE, or target +
 *     scanner-specific id (Nessus plugin, OpenVAS OID, Trivy ID) when it has
 *     no CVE, so that its identity survives re-scans and scanner changes.
 *     first_seen / last_seen are the earliest / latest scan days holding it.
 * Informational items (Nessus severity 0, OpenVAS "Log", Nmap open ports)
 * are counted per scan but not kept as vulnerabilities: a 1 GB .nessus is
 * mostly informational output and memory stays bounded by the number of
 * real findings.
 *
 * Ownership: everything lives in the bundle's arena, except the vectors of
 * struct fc_vuln_facts, which are released by the scans loader's release().
 */
#ifndef FC_PARSE_VULN_H
#define FC_PARSE_VULN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../core/buf.h"
#include "../core/limits.h"
#include "../engine/check.h"
#include "../engine/facts.h"

enum fc_scanner { FC_SCANNER_NESSUS, FC_SCANNER_OPENVAS, FC_SCANNER_TRIVY, FC_SCANNER_NMAP, FC_SCANNER__COUNT };
const char *fc_scanner_name(enum fc_scanner s);

enum fc_vstatus {
	FC_VS_OPEN,		/* seen in the latest scan of its target that could see it */
	FC_VS_RESOLVED,		/* absent from a later scan of the target: resolved, pending verification */
	FC_VS_EXCEPTED,		/* a valid records/vuln_exception covers it */
};
const char *fc_vstatus_name(enum fc_vstatus s);

/* Kinds of item (Trivy reports misconfigurations and secrets too). */
enum fc_vkind { FC_VK_VULN, FC_VK_MISCONFIG, FC_VK_SECRET };

struct fc_scan {
	const char *file;		/* bundle-relative */
	enum fc_scanner scanner;
	const char *name;		/* policy / task / artifact, may be NULL */
	int32_t day;			/* scan date (Taipei), FC_NO_DATE if the file has none */
	bool finds_vulns;		/* a vulnerability scan (Nmap only with vulners) */
	bool failed;			/* the file was malformed (partial data kept) */
	size_t nhosts;			/* targets covered */
	size_t count[FC_SEV__COUNT];	/* items by severity, informational included */
};

struct fc_vcover {
	uint32_t scan;			/* index into scans */
	int32_t day;			/* the host's scan day (HOST_START etc.) or the scan's */
	long line;			/* where the host starts in the scan file */
};

struct fc_vtarget {
	const char *name;		/* inventory hostname, else the scanned name / IP */
	const char *ip;			/* first address seen, may be NULL */
	const char *fqdn, *netbios, *os;	/* as reported, may be NULL */
	const struct fc_host *host;	/* inventory match, NULL if none */
	bool eos;			/* a scan reported unsupported / end-of-life software */
	struct fc_ref eos_ref;
	FC_VEC(struct fc_vcover) cover;
};

struct fc_vuln {
	uint32_t target;		/* index into targets */
	enum fc_vkind kind;
	enum fc_scanner scanner;	/* of the first observation */
	unsigned scanners;		/* bit (1u << fc_scanner) for every scanner that saw it */
	const char *id;			/* plugin id / OID / CVE / Trivy id of the first observation */
	const char *name;
	const char *solution;		/* may be NULL */
	const char *pkg;		/* Trivy: "pkg installed -> fixed", else NULL */
	enum fc_severity sev;		/* the highest any scanner gave it */
	double cvss;			/* the highest score seen, < 0 unknown */
	const char **cves;
	size_t ncves;
	const char *port;		/* "tcp/443", ports joined with ", " when several */
	bool eos;			/* an end-of-support finding */
	int32_t first_seen, last_seen;	/* FC_NO_DATE when undated scans only */
	uint32_t nobs;			/* observations merged */
	uint32_t last_scan;		/* scan of the latest observation */
	enum fc_vstatus status;		/* set by the loader's finish() */
	int32_t resolved_on;		/* the later scan that no longer shows it */
	const struct fc_record *exception;	/* matching vuln_exception, valid or not */
	struct fc_ref first, last;	/* evidence: first and latest observation */
};

struct fc_vuln_facts {
	FC_VEC(struct fc_scan) scans;
	FC_VEC(struct fc_vtarget) targets;
	FC_VEC(struct fc_vuln) vulns;
	size_t undated_scans;
	struct fc_vindex *ix;		/* lookups used while loading (vuln_model.c) */
};

/* ---- used by the parsers (vuln_model.c) ---- */

/* One item as a parser saw it.  Strings may be transient: the model copies
 * (and interns) what it keeps. */
struct fc_vobs {
	enum fc_vkind kind;
	const char *id, *name, *solution, *pkg, *port;
	const char **cves;
	size_t ncves;
	enum fc_severity sev;
	double cvss;			/* < 0 unknown */
	bool eos;
	long line;
	const char *excerpt;		/* source text (any length; cut to 160 bytes) */
	size_t excerpt_len;
	size_t cve_at_, ex_at_;		/* struct fc_vbatch internals */
};

/* One host as a parser saw it in one scan. */
struct fc_vhost {
	const char *name, *ip, *fqdn, *netbios, *os;
	const char *alt_name;		/* tried against the inventory only when nothing
					 * else matches (Trivy: the file stem) */
	int32_t day;			/* FC_NO_DATE: the scan's */
	long line;
};

/* A parse in progress: one file. */
struct fc_vparse {
	struct fc_bundle *b;
	struct fc_vuln_facts *vf;
	uint32_t scan;			/* index of this file's scan */
	const char *rel;		/* bundle-relative name, arena copy */
	const char *stem;		/* file stem (a Trivy artifact's host fallback) */
	bool bad;			/* malformed input reported */
	unsigned nerrors;		/* errors reported for this file */
	struct fc_vdefer *defer;	/* on a worker thread (vuln_nessus_mt.c):
					 * interned strings, errors and commits
					 * are recorded for the merging thread */
};

/* The facts hung off the bundle (created on first use). */
struct fc_vuln_facts *fc_vuln_facts_get(struct fc_bundle *b);
/* Start a scan for a file; *p is ready to hand to a parser. */
enum fc_status fc_vparse_begin(struct fc_vparse *p, struct fc_bundle *b, const char *rel,
			       enum fc_scanner s);
static inline struct fc_scan *fc_vparse_scan(struct fc_vparse *p)
{
	return &p->vf->scans.v[p->scan];
}
/* Commit one host and its items (order-independent within a file). */
enum fc_status fc_vuln_commit(struct fc_vparse *p, const struct fc_vhost *h, const struct fc_vobs *items,
			      size_t n);
/* Report malformed input (error, file:line:col) and mark the scan bad. */
void fc_vparse_error(struct fc_vparse *p, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Intern a string in the model (dedupe repeated plugin names etc.). */
const char *fc_vintern(struct fc_vparse *p, const char *s, size_t n);
/* Finish: inventory match retries, statuses, exceptions (loader finish()). */
enum fc_status fc_vuln_finish(struct fc_bundle *b);
void fc_vuln_release(struct fc_bundle *b);

/* Severity from a CVSS base score (v3 bands: 9.0 critical, 7.0 high,
 * 4.0 medium, 0.1 low, 0 info). */
enum fc_severity fc_vuln_sev_cvss(double score);

/* ---- parsers: each reads a whole stream, committing as it goes ---- */

/* A source of bytes (a gz-transparent file, or memory for tests/fuzzers). */
struct fc_vsrc {
	/* returns bytes read, 0 at end, -1 on error */
	long (*read)(void *ud, char *buf, size_t n);
	void *ud;
};

/* Nessus is parsed on p->b->threads threads (0 = one per CPU, 1 = in this
 * thread only); see vuln_nessus_mt.c. */
enum fc_status fc_vuln_parse_nessus(struct fc_vparse *p, struct fc_vsrc *src);
/* Tests and benchmarks: the reader's chunk size for the parallel Nessus
 * parse (0 = the default, 1 MiB; small values make many tiny blocks). */
void fc_vuln_nessus_chunk(size_t bytes);
/* Tests: blocks parsed on workers and blocks merged (the rest were handed
 * to the serial parser), counted over the process's life. */
void fc_vuln_nessus_counters(size_t *blocks, size_t *merged);
/* Tests and fuzzers: the model (scans, targets, covers, vulnerabilities
 * with their evidence) as canonical text, to compare two parses. */
void fc_vuln_dump(const struct fc_vuln_facts *vf, struct fc_buf *out);
enum fc_status fc_vuln_parse_openvas(struct fc_vparse *p, struct fc_vsrc *src);
enum fc_status fc_vuln_parse_nmap(struct fc_vparse *p, struct fc_vsrc *src);
/* Trivy reads JSON from memory (files are small; capped at FC_VULN_MAX_JSON). */
enum fc_status fc_vuln_parse_trivy(struct fc_vparse *p, const char *text, size_t n);

/* FC_VULN_MAX_JSON, _TEXT, _CVES, _ITEMS_PER_HOST: src/core/limits.h. */

/* Sniff the format from the first bytes of a file; -1 if none. */
int fc_vuln_sniff(const char *head, size_t n);
/* Load one scan from memory (tests, fuzzers): sniffs and parses. */
enum fc_status fc_vuln_load_mem(struct fc_bundle *b, const char *rel, const char *data, size_t n);

/* ---- for the checks and the CLI ---- */

/* The target's latest cover day by any vulnerability scan, FC_NO_DATE if none. */
int32_t fc_vtarget_last_scan(const struct fc_vuln_facts *vf, const struct fc_vtarget *t);
/* The target of an inventory host, NULL if no scan ever covered it. */
const struct fc_vtarget *fc_vtarget_of_host(const struct fc_vuln_facts *vf, const struct fc_host *h);
/* An exception record's validity on a day: 0 valid, else what is wrong
 * (bit 1 no compensating control, 2 no approver, 4 no expiry, 8 expired). */
unsigned fc_vexception_problems(const struct fc_record *r, int32_t day);

#endif
