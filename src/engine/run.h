/*
 * One evaluation of a bundle: results (one per check) and findings.
 * Everything a report, the store or the dashboard shows comes from here;
 * they never recompute.
 */
#ifndef FC_RUN_H
#define FC_RUN_H
#include "catalog.h"
#include "check.h"

enum fc_rstatus { FC_R_PASS, FC_R_FAIL, FC_R_MANUAL, FC_R_NA, FC_R_ERROR, FC_R__COUNT };
const char *fc_rstatus_name(enum fc_rstatus s);

struct fc_evidence {
	const char *file;
	long line;
	const char *excerpt;
};

struct fc_finding {
	char id[33];			/* hex fingerprint of check + object + key */
	const struct fc_check_meta *check;
	enum fc_severity severity;
	const char *object_type, *object, *key, *detail, *system_id;
	const char *ident;		/* replaces object in the id when set */
	struct fc_evidence *ev;
	size_t nev, cap_ev;
	size_t ev_more;			/* evidence beyond the kept cap */
	int32_t due_start, due;		/* FC_NO_DATE = none */
	bool due_fixed;
	bool rekeyed;
	struct fc_run *run;		/* owner (its arena holds the strings) */
};

struct fc_result {
	const struct fc_check_meta *meta;
	/* the check's controls that apply to this institution (industry and
	 * internet-order applicability of catalog/controls); all of them when
	 * none would remain */
	const char **controls;
	size_t ncontrols;
	enum fc_rstatus status;
	const char *reason;		/* why manual/na/error, or a pass note */
	size_t nfindings;
	double ms;
};

struct fc_run {
	struct fc_arena arena;
	const struct fc_catalog *cat;
	const struct fc_params *params;
	struct fc_bundle *bundle;
	int32_t as_of;
	bool zh;
	struct fc_result *results;
	size_t nresults;
	struct fc_finding **findings;	/* sorted by severity, check, object */
	size_t nfindings, capf;
	size_t count[FC_R__COUNT];
	size_t sev[FC_SEV__COUNT];
	enum fc_status hard_error;	/* allocation failure during the run */
	/* index for dedupe */
	struct fc_finding **ix;
	size_t ixcap;
};

struct fc_run_opts {
	const char *only_area;		/* run only checks of this area (NULL = all) */
	bool zh;			/* detail texts in zh-TW */
};

/* Run every check (catalog order) over the bundle. */
enum fc_status fc_run_checks(struct fc_bundle *b, const struct fc_catalog *cat, const struct fc_params *p,
			     const struct fc_run_opts *o, struct fc_run **out);
void fc_run_free(struct fc_run *r);
/* The result of a check (NULL if it did not run) and its applicable controls. */
const struct fc_result *fc_run_result(const struct fc_run *r, const struct fc_check_meta *m);
/* Whether a control applies to the bundle's institution. */
bool fc_control_applies(const struct fc_control *c, const struct fc_org *org);
/* Findings at or above a severity that are open (all are open in a run). */
size_t fc_run_count_at_least(const struct fc_run *r, enum fc_severity s);

/* sha256 hex of a buffer (first 32 hex chars into out[33]) */
void fc_fingerprint(const void *data, size_t n, char out[33]);

#endif
