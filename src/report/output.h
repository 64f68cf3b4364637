/* Writers for a run: JSON (spec/output.md), readable text (zh-TW or
 * English), JUnit XML.  They format; they never recompute. */
#ifndef FC_OUTPUT_H
#define FC_OUTPUT_H
#include <stdbool.h>
#include "../core/buf.h"
#include "../core/diag.h"
#include "../engine/run.h"

struct fc_out_opts {
	bool zh;		/* zh-TW (default) or English */
	bool color;		/* ANSI colours in text */
	const char *digest;	/* bundle digest, may be NULL */
};

void fc_out_json(struct fc_buf *b, const struct fc_run *r, const struct fc_diag *d, const struct fc_out_opts *o);
void fc_out_text(struct fc_buf *b, const struct fc_run *r, const struct fc_diag *d, const struct fc_out_opts *o);
void fc_out_junit(struct fc_buf *b, const struct fc_run *r, const struct fc_diag *d, const struct fc_out_opts *o);
/* XML/HTML text escaping (also strips characters XML 1.0 forbids). */
void fc_xml_escape(struct fc_buf *b, const char *s);
/* Localized strings of a check */
const char *fc_check_title(const struct fc_check_meta *m, bool zh);
const char *fc_severity_label(enum fc_severity s, bool zh);
const char *fc_status_label(enum fc_rstatus s, bool zh);

#endif
