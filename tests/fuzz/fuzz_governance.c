/* libFuzzer harness: governance records and fleet inventories end to end
 * (issue 8) — records/ YAML through the records loader, the gov.* and
 * program.* checks, the assessment program with its draw, and the report
 * model, HTML and OSCAL writers.  The input is "<records yaml>" optionally
 * followed by "\n--8<--\n<devices.csv>"; it is written into a scratch bundle
 * with a fixed org.yaml and systems.csv. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../src/engine/assess.h"
#include "../../src/engine/plan.h"
#include "../../src/report/report_doc.h"
#include "scratch.h"

static void setup(void)
{
	if (scratch[0])
		return;
	static const char *const dirs[] = {"records", "inventory", NULL};
	scratch_init(dirs);
	static const char org[] = "name: 模糊測試證券\nindustry: securities\npaid_in_capital_twd: 12000000000\n"
				  "internet_order: true\nas_of: 2026-11-01\n";
	static const char sys[] = "system_id,name,category,core,internet_facing,last_assessed,last_full_assessment,last_major_incident\n"
				  "ATM,ATM,1,yes,no,2026-05-01,2026-05-01,\nCRM,CRM,2,no,no,2024-01-01,,2026-06-01\n";
	scratch_put("org.yaml", org, sizeof org - 1);
	scratch_put("inventory/systems.csv", sys, sizeof sys - 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	const char *sep = "\n--8<--\n";
	const uint8_t *cut = size >= 8 ? memmem(data, size, sep, 8) : NULL;
	size_t n1 = cut ? (size_t)(cut - data) : size;
	scratch_put("records/r.yaml", data, n1);
	if (cut)
		scratch_put("inventory/devices.csv", cut + 8, size - n1 - 8);
	else
		scratch_unlink("inventory/devices.csv");
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_assess *a = scratch_assess(&d);
	if (a) {
		struct fc_buf b;
		fc_buf_init(&b, 0);
		struct fc_plan_params pp;
		fc_plan_params_load(&pp, &a->params);
		struct fc_plan_opts po = {.seed = 3, .has_seed = true, .zh = true};
		struct fc_plan *p = NULL;
		if (fc_plan_build(a->bundle, &pp, &po, &p) == FC_OK) {
			fc_plan_json(&b, p, a->bundle);
			fc_plan_csv(&b, p);
			fc_plan_text(&b, p, a->bundle);
			fc_plan_free(p);
		}
		struct fc_out_opts oo = {.zh = true};
		struct fc_rdoc *doc = NULL;
		if (fc_rdoc_build(a->run, &d, &oo, &doc) == FC_OK) {
			fc_report_html(&b, doc);
			fc_rdoc_free(doc);
		}
		fc_report_oscal(&b, a->run, &oo);
		fc_buf_release(&b);
	}
	fc_assess_free(a);
	fc_diag_release(&d);
	return 0;
}
