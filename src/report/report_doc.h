/*
 * The formal report (電腦系統資訊安全評估報告, seed 004 評估報告 一) as a
 * document model: a cover, a management summary with charts, and the ten
 * sections the method requires, each a list of paragraphs, tables and
 * charts.  Built once from a run (results, findings, catalog, parameters)
 * and the bundle's facts; rendered by report_html.c and report_pdf.c, so
 * the two agree by construction and neither recomputes anything.
 *
 * Ownership: the document owns an arena holding every string and array;
 * strings from evidence are copied verbatim and escaped by the renderers.
 */
#ifndef FC_REPORT_DOC_H
#define FC_REPORT_DOC_H
#include <stdbool.h>
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/diag.h"
#include "output.h"

/* Finding rows kept in the PDF/HTML tables; the XLSX has them all. */
#define FC_REPORT_MAX_ROWS 2000
/* One table cell's text: longer evidence is cut (the XLSX keeps 32,767). */
#define FC_REPORT_MAX_CELL 600

enum fc_rblock_kind { FC_RB_PARA, FC_RB_NOTE, FC_RB_H3, FC_RB_TABLE, FC_RB_CHART };

struct fc_rtable {
	size_t ncols, nrows;
	const char **head;	/* ncols */
	const double *width;	/* relative widths, ncols */
	const char **cells;	/* nrows × ncols, row-major; never NULL entries */
	const int *row_sev;	/* per row a severity (colours the row's first cell), -1 none; may be NULL */
	int sev_col;		/* column holding the severity label, -1 none */
};

struct fc_rchart {
	const char *title;
	size_t ncats, nseries;
	const char **cats, **series;
	const double *vals;	/* ncats × nseries */
	const unsigned *colors;	/* nseries, 0xRRGGBB */
	bool percent;		/* each bar stacked to 100% */
};

struct fc_rblock {
	enum fc_rblock_kind kind;
	const char *text;	/* PARA, NOTE, H3 */
	const struct fc_rtable *t;
	const struct fc_rchart *c;
};

struct fc_rsection {
	const char *anchor;	/* "s0" … for links */
	const char *title;
	struct fc_rblock *blocks;
	size_t n, cap;
};

struct fc_rfact {
	const char *label, *value;
	int sev;		/* colour: severity index, -1 neutral */
};

struct fc_rdoc {
	struct fc_arena arena;
	bool zh;
	const char *title, *org, *as_of, *tool, *digest, *industry;
	struct fc_rfact facts[10];
	size_t nfacts;
	struct fc_rsection *sec;
	size_t nsec, capsec;
	enum fc_status err;	/* first allocation failure while building */
};

/* run_diag: the evidence errors of the run (listed in 評估紀錄), may be NULL. */
enum fc_status fc_rdoc_build(const struct fc_run *r, const struct fc_diag *run_diag, const struct fc_out_opts *o,
			     struct fc_rdoc **out);
void fc_rdoc_free(struct fc_rdoc *d);

/* Severity colours shared by the renderers (0xRRGGBB). */
unsigned fc_report_sev_color(int sev);

/* The writers behind `assess --out DIR` (each in its own file); each writes
 * DIR/<name> and reports failures to d with the path. */
void fc_report_html(struct fc_buf *b, const struct fc_rdoc *doc);
enum fc_status fc_report_html_write(const char *path, const struct fc_rdoc *doc, struct fc_diag *d);
enum fc_status fc_report_pdf_write(const char *path, const struct fc_rdoc *doc, struct fc_diag *d);
enum fc_status fc_report_xlsx_write(const char *path, const struct fc_run *r, const struct fc_out_opts *o,
				    struct fc_diag *d);
void fc_report_oscal(struct fc_buf *b, const struct fc_run *r, const struct fc_out_opts *o);
/* Write a buffer to a file (errors with the path to d). */
enum fc_status fc_report_write_buf(const char *path, const struct fc_buf *b, struct fc_diag *d);
/* RFC 4122 version-5 UUID (SHA-1, fincheck's namespace) of a name, into out[37]. */
void fc_uuid5(const char *name, char out[37]);

#endif
