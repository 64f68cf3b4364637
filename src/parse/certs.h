/*
 * certs/ — certificates of public-facing services (spec/evidence-bundle.md):
 * PEM (one certificate or a chain per file) or DER, read with OpenSSL.
 * Normalized per certificate: names, validity, key type and size,
 * signature hash, CA/B Forum validation level by certificate-policy OIDs
 * (EV/OV/DV/IV; seed 002 網站實名制), position in its file's chain.
 * Hangs off the bundle as b->certs.  Parsers never judge.
 */
#ifndef FC_CERTS_H
#define FC_CERTS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/status.h"
#include "../engine/facts.h"

enum fc_cert_level { FC_CERT_UNKNOWN, FC_CERT_DV, FC_CERT_OV, FC_CERT_IV, FC_CERT_EV };
const char *fc_cert_level_name(enum fc_cert_level l); /* "DV", … */

struct fc_cert {
	const char *file;		/* bundle-relative */
	int index;			/* position in the file (0 = first) */
	struct fc_ref ref;		/* the BEGIN line (PEM) or line 1 (DER) */
	const char *subject, *subject_cn, *subject_o, *issuer, *issuer_cn;
	const char **dns;		/* subjectAltName DNS names */
	size_t ndns;
	int64_t not_before, not_after;	/* seconds since the epoch, UTC */
	const char *key_type;		/* "RSA", "EC", "DSA", "Ed25519", "Ed448", "unknown" */
	int key_bits;
	const char *curve;		/* EC curve short name or NULL */
	const char *sig_alg;		/* e.g. "sha256WithRSAEncryption" */
	const char *sig_hash;		/* "sha1", "sha256", "md5", … or NULL */
	bool is_ca, self_signed;
	bool leaf;			/* end-entity: not a CA */
	int issuer_index;		/* index in the same file of its issuer, -1 if absent */
	enum fc_cert_level level;
	bool level_inferred;		/* no CA/B policy OID: judged from the subject's O= */
	const char *policies;		/* policy OIDs, space separated, or NULL */
	const char *serial;		/* hex */
	const char *fingerprint;	/* SHA-256 hex of the DER */
};

struct fc_cert_facts {
	FC_VEC(struct fc_cert) certs;
	unsigned files;
};

/* Parse one file's bytes (PEM or DER) into f; strings in the arena.
 * Malformed input is reported with file:line; FC_EPARSE if nothing or not
 * everything could be read. */
enum fc_status fc_certs_parse(const unsigned char *data, size_t n, const char *name, struct fc_arena *a,
			      struct fc_cert_facts *f, struct fc_diag *d);

#endif
