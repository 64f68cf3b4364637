/* `assess --out DIR`: everything written for people and machines. */
#ifndef FC_EXPORTS_H
#define FC_EXPORTS_H
#include "output.h"

/* Writes DIR/results.json and DIR/results.junit.xml, and the formal report
 * and exports (report.html, report.pdf, findings.xlsx,
 * oscal-assessment-results.json) as they are implemented.  Creates DIR. */
enum fc_status fc_exports_write(const char *dir, const struct fc_run *r, const struct fc_diag *run_diag,
				const struct fc_out_opts *o, struct fc_diag *d);

#endif
