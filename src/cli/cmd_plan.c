/* fincheck plan BUNDLE — the assessment program (seed 004 二–三): cycles,
 * due dates, reassessment after incidents, fleet sampling with a
 * reproducible draw.  Logic in src/engine/plan.c. */
#include <string.h>
#include "../core/mem.h"
#include "../core/strutil.h"
#include "../engine/assess.h"
#include "../engine/plan.h"
#include "cli.h"

static const char usage_text[] =
	"usage: fincheck plan BUNDLE [options]\n"
	"\n"
	"The assessment program: per system its category, cycle, last and last full\n"
	"assessment, next due date and why; fleet sampling over inventory/devices.csv\n"
	"(required sample, strata, a reproducible draw, evaluation of past samples).\n"
	"\n"
	"  --format text|json|csv  output (default: text)\n"
	"  --seed N               seed of the draw (default: the as-of date as YYYYMMDD)\n"
	"  --as-of YYYY-MM-DD     evaluation date (default: org.yaml's as_of, else today)\n"
	"  --lang zh-TW|en        language of texts (default: zh-TW)\n"
	"  --param NAME=VALUE     override a parameter (e.g. sample_min_units=50); repeatable\n"
	"  --catalog DIR          use a catalog directory instead of the built-in one\n"
	"\n"
	"Exit status: 0 done, 1 usage error, 2 unreadable or malformed evidence.\n";

int cmd_plan(int argc, char **argv)
{
	const char *bundle = NULL, *fmt = "text", *lang = "zh-TW", *asof = NULL, *seed_s = NULL, *catalog = NULL;
	const char **params = fc_calloc((size_t)argc + 1, sizeof(char *));
	size_t nparams = 0;
	int rc = FC_EXIT_USAGE;
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_assess *a = NULL;
	struct fc_plan *plan = NULL;
	struct fc_buf b;
	fc_buf_init(&b, 0);
	if (!params) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			rc = FC_EXIT_OK;
			goto out;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--format")))
			fmt = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--seed")))
			seed_s = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--as-of")))
			asof = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--lang")))
			lang = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--param")))
			params[nparams++] = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--catalog")))
			catalog = v;
		else if (argv[i][0] == '-' && argv[i][1]) {
			rc = fc_cli_usage_error("plan", "unknown or incomplete option '%s'", argv[i]);
			goto out;
		} else if (!bundle)
			bundle = argv[i];
		else {
			rc = fc_cli_usage_error("plan", "only one BUNDLE at a time ('%s')", argv[i]);
			goto out;
		}
	}
	if (!bundle) {
		rc = fc_cli_usage_error("plan", "missing BUNDLE");
		goto out;
	}
	static const char *const fmts[] = {"text", "json", "csv", NULL};
	int f = fc_cli_format("plan", fmt, fmts);
	if (f < 0)
		goto out;
	int zhv = fc_cli_lang("plan", lang);
	if (zhv < 0)
		goto out;
	bool zh = zhv;
	int32_t asof_d = FC_NO_DATE;
	if (asof && !fc_date_parse(asof, &asof_d)) {
		rc = fc_cli_usage_error("plan", "--as-of takes a date YYYY-MM-DD");
		goto out;
	}
	struct fc_plan_opts po = {.zh = zh};
	if (seed_s) {
		int64_t s;
		if (!fc_parse_i64(seed_s, &s) || s < 0) {
			rc = fc_cli_usage_error("plan", "--seed takes a whole number ≥ 0");
			goto out;
		}
		po.seed = (uint64_t)s;
		po.has_seed = true;
	}
	struct fc_assess_opts o = {.bundle = bundle, .as_of = asof_d, .catalog_dir = catalog, .params = params,
				   .nparams = nparams, .zh = zh};
	enum fc_status st = fc_assess_open(&o, &d, &a);
	if (st == FC_EUSAGE)
		goto out;
	if (st) {
		fprintf(stderr, "fincheck plan: %s\n", st == FC_EPARSE ? "the control catalog is invalid" : fc_status_str(st));
		rc = FC_EXIT_INPUT;
		goto out;
	}
	struct fc_plan_params pp;
	fc_plan_params_load(&pp, &a->params);
	if ((st = fc_plan_build(a->bundle, &pp, &po, &plan))) {
		fprintf(stderr, "fincheck plan: %s\n", fc_status_str(st));
		rc = FC_EXIT_INPUT;
		goto out;
	}
	if (f == 1)
		fc_plan_json(&b, plan, a->bundle);
	else if (f == 2)
		fc_plan_csv(&b, plan);
	else
		fc_plan_text(&b, plan, a->bundle);
	if (!fc_cli_write(&b, NULL))
		rc = FC_EXIT_INPUT;
	else
		rc = d.errors ? FC_EXIT_INPUT : FC_EXIT_OK;
out:
	fc_buf_release(&b);
	fc_plan_free(plan);
	fc_assess_free(a);
	fc_diag_release(&d);
	fc_free(params);
	return rc;
}
