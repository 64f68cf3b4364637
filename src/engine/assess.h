/*
 * The whole pipeline in one place for the commands (assess, plan, vulns…)
 * and the web server: load the catalog, open the bundle, settle the
 * parameters (defaults → org.yaml → --param), run the checks.
 */
#ifndef FC_ASSESS_H
#define FC_ASSESS_H
#include "bundle.h"
#include "catalog.h"
#include "run.h"

struct fc_assess_opts {
	const char *bundle;
	int32_t as_of;			/* FC_NO_DATE = org.yaml's, else today */
	const char *catalog_dir;	/* NULL = embedded */
	const char *const *params;	/* "name=value" overrides */
	size_t nparams;
	const char *only_area;
	bool zh;
	int threads;
	void (*progress)(const char *phase, uint64_t done, uint64_t total, void *ud);
	void *progress_ud;
};

struct fc_assess {
	struct fc_catalog *cat;
	struct fc_bundle *bundle;
	struct fc_params params;
	bool params_ok;
	struct fc_run *run;
	double ms_catalog, ms_parse, ms_checks;
};

/* Loads catalog, bundle and parameters.  FC_EUSAGE: bad --param or no such
 * bundle; FC_EPARSE: the catalog itself is invalid; bundle errors are only
 * reported to d. */
enum fc_status fc_assess_open(const struct fc_assess_opts *o, struct fc_diag *d, struct fc_assess **out);
enum fc_status fc_assess_run(struct fc_assess *a, const struct fc_assess_opts *o);
void fc_assess_free(struct fc_assess *a);

#endif
