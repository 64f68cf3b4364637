/* fincheck catalog — the honest map of what fincheck can judge: every
 * control per framework, the checks that cover it and how. */
#include <string.h>
#include "../core/json.h"
#include "../engine/catalog.h"
#include "cli.h"

static const char *cov_name(enum fc_coverage c)
{
	static const char *n[] = {"automated", "evidence", "manual"};
	return n[c];
}

/* The strongest coverage of a control: automated > evidence > manual > none */
static int coverage_of(const struct fc_catalog *c, const char *id, const struct fc_check_meta **list, size_t *n, size_t max)
{
	int best = 3;
	*n = 0;
	for (size_t i = 0; i < c->nchecks; i++)
		for (size_t k = 0; k < c->checks[i].ncontrols; k++)
			if (!strcmp(c->checks[i].controls[k], id)) {
				if (*n < max)
					list[(*n)++] = &c->checks[i];
				if ((int)c->checks[i].coverage < best)
					best = (int)c->checks[i].coverage;
			}
	return best;
}

int cmd_catalog(int argc, char **argv)
{
	const char *fmt = "text", *dir = NULL, *fwsel = NULL, *lang = "zh-TW";
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			puts("usage: fincheck catalog [--format text|json] [--framework CC|SA|INS|SYS|NET|A] [--lang zh-TW|en]\n"
			     "                        [--catalog DIR]\n\n"
			     "List the controls of each framework with the checks that cover them and the\n"
			     "coverage kind: automated (decided from machine evidence), evidence (a record's\n"
			     "presence and date), manual (a person must judge), not covered.\n"
			     "--catalog DIR validates a catalog directory (exit 2 with file:line on errors).");
			return 0;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--format")))
			fmt = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--catalog")))
			dir = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--framework")))
			fwsel = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--lang")))
			lang = v;
		else
			return fc_cli_usage_error("catalog", "unknown argument '%s'", argv[i]);
	}
	static const char *const fmts[] = {"text", "json", NULL};
	int f = fc_cli_format("catalog", fmt, fmts);
	if (f < 0)
		return FC_EXIT_USAGE;
	int zhv = fc_cli_lang("catalog", lang);
	if (zhv < 0)
		return FC_EXIT_USAGE;
	bool zh = zhv;
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_catalog *c;
	enum fc_status st = fc_catalog_load(dir, &c, &d);
	fc_diag_release(&d);
	if (st) {
		fprintf(stderr, "fincheck catalog: the catalog is invalid (%s)\n", fc_status_str(st));
		return FC_EXIT_INPUT;
	}
	struct fc_buf b;
	fc_buf_init(&b, 0);
	struct fc_json j;
	if (f == 1) {
		fc_json_init(&j, &b, true);
		fc_json_obj(&j);
		fc_json_key(&j, "frameworks");
		fc_json_arr(&j);
	}
	size_t totals[4] = {0};
	for (size_t fi = 0; fi < c->nfw; fi++) {
		const struct fc_framework *fw = &c->fw[fi];
		if (fwsel && strcmp(fwsel, fw->id))
			continue;
		size_t cnt[4] = {0};
		if (f == 1) {
			fc_json_obj(&j);
			fc_json_kstr(&j, "id", fw->id);
			fc_json_kstr(&j, "title_zh", fw->title_zh);
			fc_json_kstr(&j, "title_en", fw->title_en);
			fc_json_kstr(&j, "source", fw->source);
			fc_json_kstr(&j, "version", fw->version);
			fc_json_key(&j, "controls");
			fc_json_arr(&j);
		} else
			fc_buf_addf(&b, "\n== %s — %s (%s, %s)\n", fw->id, zh ? fw->title_zh : fw->title_en,
				    fw->source ? fw->source : "", fw->version ? fw->version : "");
		for (size_t k = fw->first; k < fw->first + fw->count; k++) {
			const struct fc_control *ct = &c->controls[k];
			const struct fc_check_meta *list[64];
			size_t n;
			int cov = coverage_of(c, ct->id, list, &n, 64);
			cnt[cov]++;
			totals[cov]++;
			const char *covs = cov < 3 ? cov_name((enum fc_coverage)cov) : "not_covered";
			if (f == 1) {
				fc_json_obj(&j);
				fc_json_kstr(&j, "id", ct->id);
				fc_json_kstr(&j, "title_zh", ct->title_zh);
				fc_json_kstr(&j, "title_en", ct->title_en);
				fc_json_kstr(&j, "coverage", covs);
				fc_json_key(&j, "checks");
				fc_json_arr(&j);
				for (size_t i = 0; i < n; i++) {
					fc_json_obj(&j);
					fc_json_kstr(&j, "id", list[i]->id);
					fc_json_kstr(&j, "coverage", cov_name(list[i]->coverage));
					fc_json_obj_end(&j);
				}
				fc_json_arr_end(&j);
				fc_json_obj_end(&j);
			} else {
				fc_buf_addf(&b, "  %-12s %-12s %s\n", ct->id, covs, zh ? ct->title_zh : ct->title_en);
				for (size_t i = 0; i < n; i++)
					fc_buf_addf(&b, "  %-12s   ↳ %s (%s)\n", "", list[i]->id, cov_name(list[i]->coverage));
			}
		}
		if (f == 1) {
			fc_json_arr_end(&j);
			fc_json_key(&j, "coverage");
			fc_json_obj(&j);
			fc_json_kint(&j, "automated", (int64_t)cnt[0]);
			fc_json_kint(&j, "evidence", (int64_t)cnt[1]);
			fc_json_kint(&j, "manual", (int64_t)cnt[2]);
			fc_json_kint(&j, "not_covered", (int64_t)cnt[3]);
			fc_json_obj_end(&j);
			fc_json_obj_end(&j);
		} else
			fc_buf_addf(&b, zh ? "  小計：自動 %zu、紀錄 %zu、人工 %zu、未涵蓋 %zu\n"
					   : "  coverage: %zu automated, %zu evidence, %zu manual, %zu not covered\n",
				    cnt[0], cnt[1], cnt[2], cnt[3]);
	}
	if (f == 1) {
		fc_json_arr_end(&j);
		fc_json_key(&j, "checks");
		fc_json_arr(&j);
		for (size_t i = 0; i < c->nchecks; i++) {
			const struct fc_check_meta *m = &c->checks[i];
			fc_json_obj(&j);
			fc_json_kstr(&j, "id", m->id);
			fc_json_kstr(&j, "area", m->area);
			fc_json_kstr(&j, "severity", fc_severity_name(m->severity));
			fc_json_kstr(&j, "coverage", cov_name(m->coverage));
			fc_json_kstr(&j, "title_zh", m->title_zh);
			fc_json_kstr(&j, "title_en", m->title_en);
			fc_json_key(&j, "controls");
			fc_json_arr(&j);
			for (size_t k = 0; k < m->ncontrols; k++)
				fc_json_str(&j, m->controls[k]);
			fc_json_arr_end(&j);
			fc_json_key(&j, "params");
			fc_json_arr(&j);
			for (size_t k = 0; k < m->nparams; k++)
				fc_json_str(&j, m->params[k]);
			fc_json_arr_end(&j);
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);
		fc_json_key(&j, "parameters");
		fc_json_arr(&j);
		for (size_t i = 0; i < c->nparams; i++) {
			fc_json_obj(&j);
			fc_json_kstr(&j, "name", c->params[i].name);
			fc_json_kstr(&j, "source", c->params[i].source);
			fc_json_kstr(&j, "unit", c->params[i].unit);
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);
		fc_json_obj_end(&j);
		fc_buf_addc(&b, '\n');
	} else
		fc_buf_addf(&b, zh ? "\n合計：控制項 %zu、檢查 %zu、參數 %zu；自動 %zu、紀錄 %zu、人工 %zu、未涵蓋 %zu\n"
				   : "\nTotal: %zu controls, %zu checks, %zu parameters; %zu automated, %zu evidence, %zu manual, %zu not covered\n",
			    c->ncontrols, c->nchecks, c->nparams, totals[0], totals[1], totals[2], totals[3]);
	bool ok = fc_cli_write(&b, NULL);
	fc_buf_release(&b);
	fc_catalog_free(c);
	return ok ? 0 : FC_EXIT_INPUT;
}
