/* Opening an evidence bundle: walk it, hand each file to the loader that
 * claims it (org.yaml first, inventories next, the rest after), list what
 * nobody claims as unrecognized evidence. */
#ifndef FC_BUNDLE_H
#define FC_BUNDLE_H
#include "facts.h"
#include "../core/status.h"

struct fc_bundle_opts {
	int32_t as_of;		/* FC_NO_DATE: org.yaml's as_of, else today */
	int threads;		/* 0 = number of CPUs */
	void (*progress)(const char *phase, uint64_t done, uint64_t total, void *ud);
	void *progress_ud;
};

/* Always returns a bundle in *out unless FC_ENOMEM/FC_EUSAGE (no such
 * directory); malformed files are reported to d and counted in b->errors. */
enum fc_status fc_bundle_open(const char *root, const struct fc_bundle_opts *o, struct fc_diag *d,
			      struct fc_bundle **out);
void fc_bundle_free(struct fc_bundle *b);
/* Frees the lookup indexes (rebuilt on the next lookup); for code that
 * builds a struct fc_bundle by hand (tests, fuzz harnesses). */
void fc_bundle_drop_indexes(struct fc_bundle *b);
/* SHA-256 over the bundle's files (paths and contents), hex into out[65]. */
enum fc_status fc_bundle_digest(const struct fc_bundle *b, char out[65]);

#endif
