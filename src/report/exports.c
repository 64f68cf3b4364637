#include "exports.h"
#include "report_doc.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static enum fc_status write_file(const char *dir, const char *name, const struct fc_buf *b, struct fc_diag *d)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (fc_buf_err(b)) {
		fc_diag_error(d, path, 0, 0, "%s", fc_status_str(fc_buf_err(b)));
		return fc_buf_err(b);
	}
	FILE *f = fopen(path, "wb");
	if (!f) {
		fc_diag_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
		return FC_EIO;
	}
	bool ok = fwrite(b->p ? b->p : "", 1, b->len, f) == b->len;
	ok = fclose(f) == 0 && ok;
	if (!ok) {
		fc_diag_error(d, path, 0, 0, "write error: %s", strerror(errno));
		return FC_EIO;
	}
	return FC_OK;
}

static enum fc_status mkdirs(const char *dir, struct fc_diag *d)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s", dir);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(tmp, 0755);
			*p = '/';
		}
	if (mkdir(tmp, 0755) != 0 && errno != EEXIST) {
		fc_diag_error(d, dir, 0, 0, "cannot create directory: %s", strerror(errno));
		return FC_EIO;
	}
	return FC_OK;
}

enum fc_status fc_exports_write(const char *dir, const struct fc_run *r, const struct fc_diag *run_diag,
				const struct fc_out_opts *o, struct fc_diag *d)
{
	enum fc_status st = mkdirs(dir, d);
	if (st)
		return st;
	struct fc_buf b;
	fc_buf_init(&b, 0);
	fc_out_json(&b, r, run_diag, o);
	st = write_file(dir, "results.json", &b, d);
	fc_buf_reset(&b);
	if (!st) {
		fc_out_junit(&b, r, run_diag, o);
		st = write_file(dir, "results.junit.xml", &b, d);
	}
	/* the formal report and the exchange formats (issue 8) */
	if (!st) {
		fc_buf_reset(&b);
		fc_report_oscal(&b, r, o);
		st = write_file(dir, "oscal-assessment-results.json", &b, d);
	}
	fc_buf_release(&b);
	char path[4096];
	if (!st) {
		snprintf(path, sizeof path, "%s/findings.xlsx", dir);
		st = fc_report_xlsx_write(path, r, o, d);
	}
	struct fc_rdoc *doc = NULL;
	if (!st)
		st = fc_rdoc_build(r, run_diag, o, &doc);
	if (!st) {
		snprintf(path, sizeof path, "%s/report.html", dir);
		st = fc_report_html_write(path, doc, d);
	}
	if (!st) {
		snprintf(path, sizeof path, "%s/report.pdf", dir);
		st = fc_report_pdf_write(path, doc, d);
	}
	fc_rdoc_free(doc);
	return st;
}
