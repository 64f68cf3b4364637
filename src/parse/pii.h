/*
 * Personal data and secrets in files (issue 7; seed 002 存取控制 6 and 10,
 * seed 000 電子商務系統安全管理 and 個人資料保護).
 *
 * The scanner (pii_scan.c) reads a file once, in 1 MiB chunks (gzip and
 * UTF-8 BOM transparently; UTF-16 is decoded whole by src/core/reader), and
 * finds candidates with a vectorised pass over 64-byte blocks: starts of
 * digit runs of 4 or more, '@', "+886", mask characters and the letters of
 * secret keywords.  Only candidates are validated (Taiwan ID and resident
 * certificate checksums, issuer ranges and Luhn, 統一編號 checksum), so the
 * cost is one pass over the bytes plus work proportional to the candidates.
 * Boundaries are "the next byte is not an ASCII letter or digit", so
 * 身分證字號A123456789 is found.
 *
 * Nothing here stores a full identifier, card number or secret: results
 * hold counts, line numbers, column names and masked samples only.
 * Ownership: a result is a plain struct (no heap memory); the facts on the
 * bundle live in its arena.
 */
#ifndef FC_PII_H
#define FC_PII_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../core/diag.h"
#include "../core/reader.h"
#include "../core/status.h"

enum fc_pii_type {
	FC_PII_NATIONAL_ID,	/* 國民身分證 [A-Z][12]\d{8} */
	FC_PII_RESIDENT_ID,	/* 居留證/統一證號: new [A-Z][89]\d{8}, old [A-Z][A-D]\d{8} */
	FC_PII_CARD,		/* payment card: issuer range + Luhn */
	FC_PII_MOBILE,		/* 09xxxxxxxx, +886 9… */
	FC_PII_EMAIL,
	FC_PII_BANK_ACCOUNT,	/* 10–16 digits next to 帳號/account… */
	FC_PII_BUSINESS_ID,	/* 統一編號 (not personal data; reported apart) */
	FC_PII_SECRET,		/* passwords, connection strings, private keys, tokens */
	FC_PII__COUNT
};
/* "national_id", "resident_id", "card", "mobile", "email", "bank_account",
 * "business_id", "secret" (spec/output.md) */
const char *fc_pii_type_name(enum fc_pii_type t);
int fc_pii_type_parse(const char *s); /* -1 if unknown */
/* Personal data proper: every type except business_id and secret. */
static inline bool fc_pii_personal(enum fc_pii_type t)
{
	return t <= FC_PII_BANK_ACCOUNT;
}

struct fc_pii_count {
	uint64_t valid;		/* well-formed and checksum-valid, unmasked */
	uint64_t masked;	/* masked forms (A12****789, 4111-****-****-1111) */
	uint64_t invalid;	/* right shape, wrong checksum (IDs, 統一編號, cards in an issuer range) */
};

#define FC_PII_SAMPLES 5	/* samples kept per type per file */
#define FC_PII_COLUMNS 24	/* distinct (type, column) pairs kept per file */
#define FC_PII_NAME 48		/* column names and sample values are cut here */

struct fc_pii_sample {
	uint8_t type;		/* enum fc_pii_type */
	bool masked;		/* a masked form (kept so that masking can be shown) */
	bool expiry;		/* a card with an expiry date next to it */
	long line;
	char column[FC_PII_NAME]; /* CSV header, SQL table.column, JSON/XML key, secret key */
	char value[FC_PII_NAME];  /* masked: A12****789, 4111********1111, p****(9) */
	const char *kind;	/* secret kind (static string, secrets.h), else NULL */
};

struct fc_pii_column {
	uint8_t type;
	char name[FC_PII_NAME];
	uint64_t count;		/* valid hits in this column */
	long first_line;
};

struct fc_pii_result {
	struct fc_pii_count counts[FC_PII__COUNT];
	long first_line[FC_PII__COUNT];	/* first valid hit of each type (0 none) */
	uint64_t records;	/* lines holding valid, unmasked personal data */
	uint64_t card_expiry;	/* valid cards with an expiry date nearby */
	long first_expiry_line;
	uint64_t bytes;		/* bytes scanned (after decompression/decoding) */
	long lines;
	struct fc_pii_sample samples[FC_PII__COUNT * FC_PII_SAMPLES];
	size_t nsamples;
	struct fc_pii_column columns[FC_PII_COLUMNS];
	size_t ncolumns;
	enum fc_encoding enc;
	bool gzipped;
	bool binary;		/* not scanned: binary content (reported as a warning) */
	bool csv, sql;		/* format awareness used */
	bool truncated_line;	/* a line longer than a chunk was scanned in pieces */
	enum fc_status status;	/* of the scan: FC_OK, FC_EIO (read error), FC_ENOMEM … */
};

struct fc_pii_opts {
	bool no_secrets;	/* skip secret detection */
	bool no_simd;		/* force the portable block scanner (tests) */
	size_t chunk;		/* read size; 0 = 1 MiB (tests use small ones) */
};

void fc_pii_result_init(struct fc_pii_result *r);

/* Scan one file.  `name` is what diagnostics and samples call it.  CSV
 * (.csv/.tsv) and SQL (.sql) are recognised by name (a trailing .gz is
 * ignored).  Read errors and binary content are reported to d (binary as a
 * warning, with r->binary set); returns FC_EIO/FC_ENOMEM on hard failure. */
enum fc_status fc_pii_scan_file(const char *path, const char *name, const struct fc_pii_opts *o,
				struct fc_pii_result *r, struct fc_diag *d);
/* The same over a file's bytes in memory (gzip, BOM and UTF-16 handled). */
enum fc_status fc_pii_scan_mem(const void *data, size_t n, const char *name,
			       const struct fc_pii_opts *o, struct fc_pii_result *r, struct fc_diag *d);
/* Add b's counts, records, bytes and lines to a (samples are not merged). */
void fc_pii_result_merge(struct fc_pii_result *a, const struct fc_pii_result *b);

/* Scan n files on up to `threads` threads (files are the unit of work).
 * diags[i] receives file i's diagnostics (each initialised here; the caller
 * releases them), results[i] its result.  Returns FC_ENOMEM if the workers
 * could not start; per-file failures are in diags[i]. */
enum fc_status fc_pii_scan_files(const char *const *paths, const char *const *names, size_t n,
				 int threads, const struct fc_pii_opts *o,
				 struct fc_pii_result *results, struct fc_diag *diags);

/* ---- facts on the bundle (b->pii), filled by the data/ loader (data.c) ----
 * data/<zone-or-host>/… : `where` is the first path element, naming a zone
 * of network/zones.csv or a host of inventory/hosts.csv. */
struct fc_pii_file {
	const char *rel;		/* bundle-relative path */
	const char *where;		/* first element under data/ ("" for data/x.csv) */
	const struct fc_pii_result *res; /* NULL when the file held nothing */
	uint64_t bytes;
	bool binary;			/* not scanned (binary content) */
	bool error;			/* read error (partly scanned) */
	/* evidence excerpts built from masked samples (arena strings; the
	 * source line itself would show the full value): per type, the first
	 * card with an expiry, and the first personal-data sample */
	const char *ex[FC_PII__COUNT];
	long ex_line[FC_PII__COUNT];
	const char *ex_expiry, *ex_personal;
	long ex_expiry_line, ex_personal_line;
};

struct fc_pii_facts {
	struct fc_pii_file *files;
	size_t nfiles, cap;
	struct fc_pii_result totals;	/* counts summed over files */
	size_t binary, errors;		/* files not scanned / with read errors */
};

/* Validators (exported for tests and other areas). */
/* 10 characters: 1 national ID, 2 new resident certificate, 3 old resident
 * certificate (second letter A–D), 0 right shape but wrong checksum, -1 not
 * the shape.  The first letter may be lower case (Presidio upper-cases too);
 * an old certificate's two letters must be upper case. */
int fc_tw_id_check(const char *s);
/* Luhn over n ASCII digits. */
bool fc_luhn_ok(const char *d, size_t n);
/* An issuer (IIN) range that issues cards of this length: Visa, Mastercard,
 * American Express, JCB, Diners, Discover, UnionPay, Maestro. */
bool fc_card_iin_ok(const char *d, size_t n);
/* 統一編號: 8 digits, weights 1 2 1 2 1 2 4 1, digit sums, sum % 5 == 0
 * (the 2023 rule; % 10 numbers pass it too), 7th digit 7 special case. */
bool fc_tw_ubn_ok(const char *d);

#endif
