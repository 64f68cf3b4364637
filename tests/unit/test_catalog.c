/* The catalog and parameters are validated at load: every mistake in the
 * data names its file and line (issue 2). */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../src/engine/catalog.h"
#include "../../src/core/mem.h"
#include "t.h"

static char dir[256];

static void put(const char *rel, const char *text)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, rel);
	FILE *f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
}

static bool has_error(const struct fc_diag *d, const char *file, long line, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].file && strstr(d->v[i].file, file) && (line < 0 || d->v[i].line == line) &&
		    strstr(d->v[i].msg, needle))
			return true;
	return false;
}

TEST(embedded_catalog_is_valid)
{
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_catalog *c;
	CHECK_INT(fc_catalog_load(NULL, &c, &d), FC_OK);
	for (size_t i = 0; i < d.n; i++)
		printf("    | %s:%ld: %s\n", d.v[i].file, d.v[i].line, d.v[i].msg);
	if (c) {
		CHECK(c->ncontrols > 250);
		CHECK(fc_catalog_control(c, "CC-17010") != NULL);
		CHECK(fc_catalog_control(c, "SA-P.9") != NULL);
		CHECK(fc_catalog_control(c, "A.8.34") != NULL);
		CHECK(fc_catalog_control(c, "INS-NET-2") != NULL);
		CHECK(fc_catalog_check(c, "net.db_in_dmz") != NULL);
		/* every check's texts exist in both languages (the loader enforces it) */
		for (size_t i = 0; i < c->nchecks; i++) {
			CHECK(c->checks[i].impl != NULL);
			CHECK(c->checks[i].title_zh && c->checks[i].title_en);
		}
		fc_catalog_free(c);
	}
	fc_diag_release(&d);
}

TEST(broken_catalog_errors_name_file_and_line)
{
	snprintf(dir, sizeof dir, "/tmp/fc_cat_%d", (int)getpid());
	mkdir(dir, 0755);
	char p[512];
	snprintf(p, sizeof p, "%s/controls", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/checks", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/params", dir);
	mkdir(p, 0755);
	put("controls/x.yaml", "framework: X\ntitle_zh: 甲\ntitle_en: X\ncontrols:\n"
			       "  - id: X-1\n    title_zh: 一\n    title_en: one\n"
			       "  - id: X-1\n    title_zh: 一\n    title_en: one again\n");
	put("checks/x.yaml", "- id: net.db_in_dmz\n  area: network\n  severity: high\n  controls: [X-1, X-404]\n"
			     "  params: [nope]\n  title_zh: 甲\n  title_en: A\n  risk_zh: r\n  risk_en: r\n"
			     "  remediation_zh: m\n"
			     "- id: net.db_in_dmz\n  area: network\n  severity: urgent\n  controls: [X-1]\n  title_zh: 甲\n"
			     "  title_en: A\n  risk_zh: r\n  risk_en: r\n  remediation_zh: m\n  remediation_en: m\n");
	put("params/x.yaml", "- name: p1\n  type: int\n  default: 1.5\n  source: s\n  description_zh: d\n  description_en: d\n"
			     "- name: p2\n  type: colour\n  default: 1\n  source: s\n  description_zh: d\n  description_en: d\n");
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_catalog *c = NULL;
	CHECK_INT(fc_catalog_load(dir, &c, &d), FC_EPARSE);
	CHECK(c == NULL);
	CHECK(has_error(&d, "controls/x.yaml", 8, "duplicate control id 'X-1'"));
	CHECK(has_error(&d, "checks/x.yaml", 1, "unknown control 'X-404'"));
	CHECK(has_error(&d, "checks/x.yaml", 1, "unknown parameter 'nope'"));
	CHECK(has_error(&d, "checks/x.yaml", 1, "missing 'remediation_en'"));
	CHECK(has_error(&d, "checks/x.yaml", -1, "duplicate check id 'net.db_in_dmz'"));
	CHECK(has_error(&d, "checks/x.yaml", 11, "unknown severity 'urgent'"));
	CHECK(has_error(&d, "params/x.yaml", 3, "must be a whole number"));
	CHECK(has_error(&d, "params/x.yaml", 7, "unknown parameter type 'colour'"));
	/* implemented checks without metadata are named */
	CHECK(has_error(&d, "catalog/checks", -1, "is implemented but has no metadata"));
	fc_diag_release(&d);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
}

TEST(parameters_override_and_bounds)
{
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_catalog *c;
	CHECK_INT(fc_catalog_load(NULL, &c, &d), FC_OK);
	if (!c)
		return;
	struct fc_params p;
	CHECK_INT(fc_params_init(&p, c), FC_OK);
	CHECK_INT(fc_params_apply_arg(&p, "reassess_after_major_incident_days=60", &d), FC_OK);
	CHECK(fc_params_get(&p, "reassess_after_major_incident_days")->num == 60);
	CHECK_INT(fc_params_apply_arg(&p, "remediation_days.high=14", &d), FC_OK);
	const struct fc_param_val *v = fc_params_get(&p, "remediation_days");
	int found = 0;
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->list[i], "high") && v->map_vals[i] == 14)
			found = 1;
	CHECK(found);
	CHECK_INT(fc_params_apply_arg(&p, "no_such_param=1", &d), FC_EUSAGE);
	CHECK_INT(fc_params_apply_arg(&p, "reassess_after_major_incident_days=-5", &d), FC_EUSAGE);
	CHECK_INT(fc_params_apply_arg(&p, "reassess_after_major_incident_days=abc", &d), FC_EUSAGE);
	CHECK_INT(fc_params_apply_arg(&p, "remediation_days=5", &d), FC_EUSAGE);
	fc_params_release(&p);
	fc_catalog_free(c);
	fc_diag_release(&d);
}

int main(void)
{
	RUN(embedded_catalog_is_valid);
	RUN(broken_catalog_errors_name_file_and_line);
	RUN(parameters_override_and_bounds);
	return t_done();
}
