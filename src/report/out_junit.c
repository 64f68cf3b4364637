/* JUnit XML: one testsuite per area, one testcase per check, so CI
 * pipelines show each check as a test (fail = failure, error = error,
 * manual / not applicable = skipped with the reason). */
#include <string.h>
#include "output.h"

void fc_out_junit(struct fc_buf *b, const struct fc_run *r, const struct fc_diag *d, const struct fc_out_opts *o)
{
	(void)d;
	bool zh = !o || o->zh;
	fc_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fc_buf_addf(b, "<testsuites name=\"fincheck\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n",
		    r->nresults, r->count[FC_R_FAIL], r->count[FC_R_ERROR], r->count[FC_R_MANUAL] + r->count[FC_R_NA]);
	/* areas in first-seen order */
	const char *areas[64];
	size_t na = 0;
	for (size_t i = 0; i < r->nresults; i++) {
		const char *a = r->results[i].meta->area;
		size_t k;
		for (k = 0; k < na && strcmp(areas[k], a); k++)
			;
		if (k == na && na < 64)
			areas[na++] = a;
	}
	for (size_t a = 0; a < na; a++) {
		size_t t = 0, f = 0, e = 0, s = 0;
		for (size_t i = 0; i < r->nresults; i++) {
			const struct fc_result *res = &r->results[i];
			if (strcmp(res->meta->area, areas[a]))
				continue;
			t++;
			f += res->status == FC_R_FAIL;
			e += res->status == FC_R_ERROR;
			s += res->status == FC_R_MANUAL || res->status == FC_R_NA;
		}
		fc_buf_addf(b, "  <testsuite name=\"");
		fc_xml_escape(b, areas[a]);
		fc_buf_addf(b, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n", t, f, e, s);
		for (size_t i = 0; i < r->nresults; i++) {
			const struct fc_result *res = &r->results[i];
			if (strcmp(res->meta->area, areas[a]))
				continue;
			fc_buf_adds(b, "    <testcase classname=\"fincheck.");
			fc_xml_escape(b, areas[a]);
			fc_buf_adds(b, "\" name=\"");
			fc_xml_escape(b, res->meta->id);
			fc_buf_adds(b, " ");
			fc_xml_escape(b, fc_check_title(res->meta, zh));
			fc_buf_addf(b, "\" time=\"%.3f\"", res->ms / 1000.0);
			if (res->status == FC_R_PASS) {
				fc_buf_adds(b, "/>\n");
				continue;
			}
			fc_buf_adds(b, ">\n");
			if (res->status == FC_R_FAIL) {
				fc_buf_addf(b, "      <failure type=\"%s\" message=\"%zu findings\">", fc_severity_name(res->meta->severity),
					    res->nfindings);
				for (size_t k = 0; k < r->nfindings; k++) {
					const struct fc_finding *fd = r->findings[k];
					if (fd->check != res->meta)
						continue;
					fc_buf_addf(b, "[%s] ", fc_severity_name(fd->severity));
					fc_xml_escape(b, fd->detail);
					if (fd->nev) {
						fc_buf_adds(b, " (");
						fc_xml_escape(b, fd->ev[0].file);
						fc_buf_addf(b, ":%ld)", fd->ev[0].line);
					}
					fc_buf_adds(b, "\n");
				}
				fc_buf_adds(b, "</failure>\n");
			} else if (res->status == FC_R_ERROR) {
				fc_buf_adds(b, "      <error message=\"");
				fc_xml_escape(b, res->reason);
				fc_buf_adds(b, "\"/>\n");
			} else {
				fc_buf_adds(b, "      <skipped message=\"");
				fc_xml_escape(b, res->reason);
				fc_buf_adds(b, "\"/>\n");
			}
			fc_buf_adds(b, "    </testcase>\n");
		}
		fc_buf_adds(b, "  </testsuite>\n");
	}
	fc_buf_adds(b, "</testsuites>\n");
}
