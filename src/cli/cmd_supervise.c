/* fincheck supervise import|status|trend|publish — the supervisor's
 * multi-firm views (src/web/supervise.h, docs/supervise.md). */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <string.h>
#include "../core/mem.h"
#include "../web/supervise.h"
#include "webcli.h"

static const char usage_text[] =
	"usage: fincheck supervise import [--period P] RESULTS.json...\n"
	"       fincheck supervise status [--period P] [--format text|json|csv]\n"
	"       fincheck supervise trend  [--period P] [--format text|json|csv]\n"
	"       fincheck supervise publish --year YYYY [--firm NAME] [--out DIR]\n"
	"\n"
	"The supervisor's views over many firms' results (the JSON of\n"
	"'fincheck assess --format json'), seed 002 監理科技運用:\n"
	"  import   store results; a firm has one result per period (default: the\n"
	"           as-of year); importing again replaces it\n"
	"  status   資安風險現況: firms by e-trading share and deduction points, the\n"
	"           zones of that plane and the firms that need attention\n"
	"  trend    風險趨勢分析: per deficiency type, the share of firms with it, its\n"
	"           change from the previous period, and the hidden risks that grow\n"
	"  publish  the yearly deficiency publication per firm (seed 001) as\n"
	"           DIR/deficiencies-YEAR.csv and .xlsx\n"
	"\n"
	"  --db PATH            the store (default ./fincheck.db; postgresql://… accepted)\n"
	"  --by USER            who imports (audit chain; default $USER)\n"
	"  --catalog DIR        use a catalog directory instead of the built-in one\n"
	"  --lang zh-TW|en      language of the text output\n"
	"  --param NAME=VALUE   deduction_points.high=4, risk_share_threshold=0.4, …\n"
	"\n"
	"Exit status: 0 done, 1 usage error, 2 a results file was unreadable or\n"
	"malformed (the others are still imported).\n";

int cmd_supervise(int argc, char **argv)
{
	const char *db = NULL, *by = getenv("USER"), *period = NULL, *fmt = "text", *verb = NULL, *lang = "zh-TW";
	const char *year_s = NULL, *firm = NULL, *outdir = ".";
	const char **files = fc_calloc((size_t)argc + 1, sizeof(char *));
	const char **params = fc_calloc((size_t)argc + 1, sizeof(char *));
	size_t nfiles = 0, nparams = 0;
	const char *catalog = NULL;
	int rc = FC_EXIT_USAGE;
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_store *s = NULL;
	struct fc_catalog *cat = NULL;
	struct fc_params p = {0};
	bool have_params = false;
	struct fc_buf b;
	fc_buf_init(&b, 0);
	if (!files || !params) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			rc = 0;
			goto out;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--db")))
			db = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--by")))
			by = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--period")))
			period = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--format")))
			fmt = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--lang")))
			lang = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--catalog")))
			catalog = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--param")))
			params[nparams++] = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--year")))
			year_s = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--firm")))
			firm = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--out")))
			outdir = v;
		else if (argv[i][0] == '-' && argv[i][1]) {
			rc = fc_cli_usage_error("supervise", "unknown or incomplete option '%s'", argv[i]);
			goto out;
		} else if (!verb)
			verb = argv[i];
		else
			files[nfiles++] = argv[i];
	}
	static const char *const verbs[] = {"import", "status", "trend", "publish", NULL};
	int vb = -1;
	for (int k = 0; verb && verbs[k]; k++)
		if (!strcmp(verb, verbs[k]))
			vb = k;
	if (vb < 0) {
		rc = verb ? fc_cli_usage_error("supervise", "unknown verb '%s' (import, status, trend, publish)", verb)
			  : fc_cli_usage_error("supervise", "missing a verb (import, status, trend, publish)");
		goto out;
	}
	if (vb == 0 && !nfiles) {
		rc = fc_cli_usage_error("supervise", "import needs at least one RESULTS.json");
		goto out;
	}
	if (vb != 0 && nfiles) {
		rc = fc_cli_usage_error("supervise", "unexpected argument '%s'", files[0]);
		goto out;
	}
	static const char *const fmts[] = {"text", "json", "csv", NULL};
	int f = fc_cli_format("supervise", fmt, fmts);
	if (f < 0)
		goto out;
	bool zh = strcmp(lang, "en") != 0;
	int64_t year = 0;
	if (vb == 3 && (!year_s || !fc_parse_i64(year_s, &year) || year < 1990 || year > 9999)) {
		rc = fc_cli_usage_error("supervise", "publish needs --year YYYY (the inspection year)");
		goto out;
	}
	if ((rc = fc_webcli_params("supervise", catalog, params, nparams, &d, &cat, &p)))
		goto out;
	have_params = true;
	if ((rc = fc_webcli_open("supervise", db, &d, &s)))
		goto out;
	struct fc_db *h = fc_store_db(s);
	struct fc_sv_params sp;
	fc_sv_params_init(&sp, &p);
	enum fc_status st = FC_OK;
	if (vb == 0) {
		size_t bad = 0;
		for (size_t i = 0; i < nfiles; i++) {
			struct fc_sv_import_info info;
			enum fc_status e = fc_sv_import_file(h, files[i], period, by && *by ? by : "fincheck", cat, &info, &d);
			if (e) {
				bad++;
				if (e == FC_EUSAGE && period) {
					rc = FC_EXIT_USAGE;
					goto out;
				}
				continue;
			}
			fprintf(stderr, "%s: %s %s (as of %s): %zu findings%s\n", files[i], info.firm, info.period,
				info.as_of, info.findings, info.replaced ? " — replaced the earlier import" : "");
		}
		rc = bad ? FC_EXIT_INPUT : FC_EXIT_OK;
		goto out;
	}
	if (vb == 1 || vb == 2) {
		if (vb == 1) {
			struct fc_sv_status ss;
			st = fc_sv_status(h, &sp, period, &ss);
			if (!st) {
				if (f == 0)
					fc_sv_status_text(&b, &ss, zh);
				else if (f == 1)
					fc_sv_status_json(&b, &ss);
				else
					fc_sv_status_csv(&b, &ss);
				fc_sv_status_release(&ss);
			}
		} else {
			struct fc_sv_trend t;
			st = fc_sv_trend(h, &sp, period, &t);
			if (!st) {
				if (f == 0)
					fc_sv_trend_text(&b, &t, zh);
				else if (f == 1)
					fc_sv_trend_json(&b, &t);
				else
					fc_sv_trend_csv(&b, &t);
				fc_sv_trend_release(&t);
			}
		}
		if (st == FC_ENOTFOUND) {
			fprintf(stderr, "fincheck supervise: %s\n",
				period ? "no results for that period" : "no results imported yet (fincheck supervise import)");
			rc = FC_EXIT_USAGE;
			goto out;
		}
		if (st || fc_buf_err(&b)) {
			fprintf(stderr, "fincheck supervise: %s\n", fc_status_str(st ? st : fc_buf_err(&b)));
			rc = FC_EXIT_INPUT;
			goto out;
		}
		rc = fc_cli_write(&b, NULL) ? FC_EXIT_OK : FC_EXIT_INPUT;
		goto out;
	}
	/* publish: into DIR, created if missing */
	if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "fincheck supervise: cannot create %s: %s\n", outdir, strerror(errno));
		rc = FC_EXIT_INPUT;
		goto out;
	}
	{
		struct fc_buf path;
		fc_buf_init(&path, 4096);
		fc_buf_addf(&path, "%s/deficiencies-%lld.csv", outdir, (long long)year);
		st = fc_sv_publication_csv(h, (int)year, firm, &b);
		if (!st && !fc_cli_write(&b, fc_buf_str(&path)))
			st = FC_EIO;
		if (!st) {
			fprintf(stderr, "wrote %s\n", fc_buf_str(&path));
			fc_buf_reset(&path);
			fc_buf_addf(&path, "%s/deficiencies-%lld.xlsx", outdir, (long long)year);
			st = fc_sv_publication_xlsx(h, (int)year, firm, fc_buf_str(&path), &d);
			if (!st)
				fprintf(stderr, "wrote %s\n", fc_buf_str(&path));
		}
		fc_buf_release(&path);
		rc = st ? FC_EXIT_INPUT : FC_EXIT_OK;
	}
out:
	fc_buf_release(&b);
	fc_store_close(s);
	if (have_params)
		fc_params_release(&p);
	fc_catalog_free(cat);
	fc_free(files);
	fc_free(params);
	fc_diag_release(&d);
	return rc;
}
