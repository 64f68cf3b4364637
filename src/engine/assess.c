#include "assess.h"
#include <time.h>
#include "../core/mem.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

enum fc_status fc_assess_open(const struct fc_assess_opts *o, struct fc_diag *d, struct fc_assess **out)
{
	*out = NULL;
	struct fc_assess *a = fc_calloc(1, sizeof(*a));
	if (!a)
		return FC_ENOMEM;
	double t0 = now_ms();
	enum fc_status st = fc_catalog_load(o->catalog_dir, &a->cat, d);
	if (st)
		goto fail;
	if ((st = fc_params_init(&a->params, a->cat)))
		goto fail;
	a->params_ok = true;
	/* command-line overrides are validated before the (possibly long) parse */
	for (size_t i = 0; i < o->nparams; i++)
		if ((st = fc_params_apply_arg(&a->params, o->params[i], d)))
			goto fail;
	double t1 = now_ms();
	a->ms_catalog = t1 - t0;
	struct fc_bundle_opts bo = {.as_of = o->as_of, .threads = o->threads, .progress = o->progress,
				    .progress_ud = o->progress_ud};
	if ((st = fc_bundle_open(o->bundle, &bo, d, &a->bundle)))
		goto fail;
	a->ms_parse = now_ms() - t1;
	if (a->bundle->has_org && a->bundle->org.parameters) {
		/* org.yaml first, then --param again so the command line wins */
		enum fc_status pst = fc_params_apply_yaml(&a->params, a->bundle->org.parameters, "org.yaml", d);
		if (pst == FC_ENOMEM) {
			st = pst;
			goto fail;
		}
		if (pst)
			fc_bundle_bad(a->bundle, FC_EV_ORG, "org.yaml");
		for (size_t i = 0; i < o->nparams; i++)
			fc_params_apply_arg(&a->params, o->params[i], d);
	}
	*out = a;
	return FC_OK;
fail:
	fc_assess_free(a);
	return st;
}

enum fc_status fc_assess_run(struct fc_assess *a, const struct fc_assess_opts *o)
{
	struct fc_run_opts ro = {.only_area = o->only_area, .zh = o->zh};
	double t0 = now_ms();
	if (o->progress)
		o->progress("checks", 0, 1, o->progress_ud);
	enum fc_status st = fc_run_checks(a->bundle, a->cat, &a->params, &ro, &a->run);
	if (o->progress)
		o->progress("checks", 1, 1, o->progress_ud);
	a->ms_checks = now_ms() - t0;
	return st;
}

void fc_assess_free(struct fc_assess *a)
{
	if (!a)
		return;
	fc_run_free(a->run);
	fc_bundle_free(a->bundle);
	if (a->params_ok)
		fc_params_release(&a->params);
	fc_catalog_free(a->cat);
	fc_free(a);
}
