/* fincheck assess BUNDLE — evaluate an evidence bundle (spec/output.md). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../core/mem.h"
#include "../core/strutil.h"
#include "../engine/assess.h"
#include "../report/exports.h"
#include "../report/output.h"
#include "../store/store.h"
#include "cli.h"

static const char usage_text[] =
	"usage: fincheck assess BUNDLE [options]\n"
	"\n"
	"Evaluate an evidence bundle against the regulators' controls.\n"
	"\n"
	"  --as-of YYYY-MM-DD     evaluation date (default: org.yaml's as_of, else today)\n"
	"  --format text|json|junit  output on stdout (default: text)\n"
	"  --lang zh-TW|en        language of texts (default: zh-TW)\n"
	"  --out DIR              write the report and exports into DIR\n"
	"  --db PATH              record the run in the findings store\n"
	"  --by USER              who ran it (recorded with --db; default $USER)\n"
	"  --fail-on SEVERITY     exit 3 when a finding is SEVERITY or worse\n"
	"  --param NAME=VALUE     override a parameter (NAME.KEY=VALUE for maps); repeatable\n"
	"  --area AREA            run only the checks of one area (network, firewall, …)\n"
	"  --timings              per-phase timings on stderr\n"
	"  --progress / --quiet   force progress on stderr on or off\n"
	"  --catalog DIR          use a catalog directory instead of the built-in one\n"
	"\n"
	"Exit status: 0 evaluated, 1 usage error, 2 unreadable or malformed evidence\n"
	"(the output still lists what was evaluated), 3 --fail-on threshold reached.\n";

int cmd_assess(int argc, char **argv)
{
	fc_cli_tune_malloc();
	const char *bundle = NULL, *fmt = "text", *lang = "zh-TW", *out = NULL, *db = NULL, *failon = NULL;
	const char *asof = NULL, *area = NULL, *catalog = NULL, *by = getenv("USER");
	bool timings = false;
	int progress = -1;
	const char **params = fc_calloc((size_t)argc + 1, sizeof(char *));
	size_t nparams = 0;
	int rc = FC_EXIT_USAGE;
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_assess *a = NULL;
	if (!params)
		return FC_EXIT_INPUT;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			rc = 0;
			goto out;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--as-of")))
			asof = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--format")))
			fmt = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--lang")))
			lang = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--out")))
			out = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--db")))
			db = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--by")))
			by = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--fail-on")))
			failon = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--param")))
			params[nparams++] = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--area")))
			area = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--catalog")))
			catalog = v;
		else if (!strcmp(argv[i], "--timings"))
			timings = true;
		else if (!strcmp(argv[i], "--progress"))
			progress = 1;
		else if (!strcmp(argv[i], "--quiet"))
			progress = 0;
		else if (argv[i][0] == '-' && argv[i][1]) {
			rc = fc_cli_usage_error("assess", "unknown or incomplete option '%s'", argv[i]);
			goto out;
		} else if (!bundle)
			bundle = argv[i];
		else {
			rc = fc_cli_usage_error("assess", "only one BUNDLE is evaluated at a time ('%s')", argv[i]);
			goto out;
		}
	}
	if (!bundle) {
		rc = fc_cli_usage_error("assess", "missing BUNDLE");
		goto out;
	}
	static const char *const fmts[] = {"text", "json", "junit", NULL};
	int f = fc_cli_format("assess", fmt, fmts);
	if (f < 0)
		goto out;
	int zhv = fc_cli_lang("assess", lang);
	if (zhv < 0)
		goto out;
	bool zh = zhv;
	int failsev = -1;
	if (failon && (failsev = fc_severity_parse(failon)) < 0) {
		rc = fc_cli_usage_error("assess", "--fail-on takes critical, high, medium, low or info");
		goto out;
	}
	int32_t asof_d = FC_NO_DATE;
	if (asof && !fc_date_parse(asof, &asof_d)) {
		rc = fc_cli_usage_error("assess", "--as-of takes a date YYYY-MM-DD");
		goto out;
	}
	struct fc_cli_progress prog = {.on = progress == 1 || (progress < 0 && isatty(STDERR_FILENO))};
	struct fc_assess_opts o = {.bundle = bundle, .as_of = asof_d, .catalog_dir = catalog, .params = params,
				   .nparams = nparams, .only_area = area, .zh = zh,
				   .progress = (void (*)(const char *, uint64_t, uint64_t, void *))fc_cli_progress_cb,
				   .progress_ud = &prog};
	double t0 = fc_cli_now_ms();
	enum fc_status st = fc_assess_open(&o, &d, &a);
	if (st == FC_EUSAGE) {
		rc = FC_EXIT_USAGE;
		goto out;
	}
	if (st) {
		fprintf(stderr, "fincheck assess: %s\n", st == FC_EPARSE ? "the control catalog is invalid" : fc_status_str(st));
		rc = FC_EXIT_INPUT;
		goto out;
	}
	size_t input_errors = d.errors;
	if ((st = fc_assess_run(a, &o))) {
		fprintf(stderr, "fincheck assess: %s\n", fc_status_str(st));
		rc = FC_EXIT_INPUT;
		goto out;
	}
	fc_cli_progress_done(&prog);
	char digest[65] = "";
	double t_store = 0, t_report = 0, t1 = fc_cli_now_ms();
	if (out || db)
		fc_bundle_digest(a->bundle, digest);
	struct fc_out_opts oo = {.zh = zh, .color = f == 0 && fc_cli_tty() && !getenv("NO_COLOR"),
				 .digest = digest[0] ? digest : NULL};
	if (db) {
		if (fc_store_record_run(db, a->run, digest, by ? by : "fincheck", &d)) {
			rc = FC_EXIT_INPUT;
			goto out;
		}
		t_store = fc_cli_now_ms() - t1;
	}
	double t2 = fc_cli_now_ms();
	struct fc_buf b;
	fc_buf_init(&b, 0);
	if (f == 1)
		fc_out_json(&b, a->run, &d, &oo);
	else if (f == 2)
		fc_out_junit(&b, a->run, &d, &oo);
	else
		fc_out_text(&b, a->run, &d, &oo);
	if (out) {
		struct fc_out_opts fo = oo;
		fo.color = false;
		if (fc_exports_write(out, a->run, &d, &fo, &d)) {
			fc_buf_release(&b);
			rc = FC_EXIT_INPUT;
			goto out;
		}
	}
	t_report = fc_cli_now_ms() - t2;
	bool ok = fc_cli_write(&b, NULL);
	fc_buf_release(&b);
	if (timings)
		fprintf(stderr, "timings: catalog %.0f ms, parse %.0f ms, checks %.0f ms, store %.0f ms, report %.0f ms, total %.0f ms\n",
			a->ms_catalog, a->ms_parse, a->ms_checks, t_store, t_report, fc_cli_now_ms() - t0);
	if (!ok)
		rc = FC_EXIT_INPUT;
	else if (input_errors)
		rc = FC_EXIT_INPUT;
	else if (failsev >= 0 && fc_run_count_at_least(a->run, (enum fc_severity)failsev))
		rc = FC_EXIT_FAILON;
	else
		rc = FC_EXIT_OK;
out:
	fc_assess_free(a);
	fc_diag_release(&d);
	fc_free(params);
	return rc;
}
