/* findings.xlsx (libxlsxwriter): one row per finding with zh-TW (or
 * English) headers, an autofilter and a frozen header row; a second sheet
 * with every check's result.
 *
 * Formula injection: every text cell is written with worksheet_write_string,
 * which stores a shared string and never a formula — a value such as
 * "=HYPERLINK(…)" or "=cmd|' /C calc'!A0" stays text (tests/cli/
 * test_report.sh proves it from the sheet XML).  Only numbers we compute
 * (line numbers, counts) are written as numbers.  Text is made valid UTF-8
 * and cut to Excel's 32,767-character cell limit. */
#include <string.h>
#include <xlsxwriter.h>
#include "../core/buf.h"
#include "report_doc.h"

#define XLSX_CELL_MAX 32767

/* Valid UTF-8 (bad bytes → U+FFFD), at most XLSX_CELL_MAX bytes, cut on a
 * character boundary. */
static const char *clean(struct fc_buf *b, const char *s)
{
	fc_buf_reset(b);
	if (!s)
		return "";
	const unsigned char *p = (const unsigned char *)s;
	while (*p && b->len < XLSX_CELL_MAX - 4) {
		size_t n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
		bool ok = n > 0;
		for (size_t i = 1; ok && i < n; i++)
			ok = (p[i] & 0xC0) == 0x80;
		if (ok && n == 2 && *p < 0xC2)
			ok = false;
		if (!ok) {
			fc_buf_adds(b, "\xEF\xBF\xBD");
			p++;
			continue;
		}
		fc_buf_add(b, p, n);
		p += n;
	}
	return fc_buf_str(b);
}

static lxw_error wstr(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, struct fc_buf *tmp, const char *s, lxw_format *f)
{
	/* worksheet_write_string: always a string cell, never a formula */
	return worksheet_write_string(ws, r, c, clean(tmp, s), f);
}

enum fc_status fc_report_xlsx_write(const char *path, const struct fc_run *r, const struct fc_out_opts *o,
				    struct fc_diag *d)
{
	bool zh = !o || o->zh;
	lxw_workbook_options wo = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(path, &wo);
	if (!wb) {
		fc_diag_error(d, path, 0, 0, "cannot create the workbook");
		return FC_EIO;
	}
	struct fc_buf tmp;
	fc_buf_init(&tmp, XLSX_CELL_MAX * 2);
	lxw_format *hf = workbook_add_format(wb);
	format_set_bold(hf);
	format_set_bg_color(hf, 0x1C3D5A);
	format_set_font_color(hf, 0xFFFFFF);
	format_set_text_wrap(hf);
	format_set_align(hf, LXW_ALIGN_VERTICAL_TOP);
	lxw_format *wf = workbook_add_format(wb);
	format_set_text_wrap(wf);
	format_set_align(wf, LXW_ALIGN_VERTICAL_TOP);
	lxw_format *sevf[FC_SEV__COUNT];
	for (int s = 0; s < FC_SEV__COUNT; s++) {
		sevf[s] = workbook_add_format(wb);
		format_set_bold(sevf[s]);
		format_set_font_color(sevf[s], 0xFFFFFF);
		format_set_bg_color(sevf[s], (lxw_color_t)fc_report_sev_color(s));
		format_set_align(sevf[s], LXW_ALIGN_VERTICAL_TOP);
	}
	const char *doc_title = zh ? "電腦系統資訊安全評估 缺失清單" : "Security assessment findings";
	lxw_doc_properties props = {.title = (char *)doc_title, .author = (char *)"fincheck",
				    .company = (char *)(r->bundle->org.name ? r->bundle->org.name : "")};
	workbook_set_properties(wb, &props);

	/* sheet 1: findings */
	lxw_worksheet *ws = workbook_add_worksheet(wb, zh ? "缺失項目" : "Findings");
	static const struct {
		const char *zh, *en;
		double w;
	} cols[] = {
		{"編號", "ID", 34},	    {"檢查項目", "Check", 28}, {"缺失", "Finding", 36},
		{"風險等級", "Severity", 9}, {"類別", "Area", 11},   {"對象類型", "Object type", 10},
		{"對象", "Object", 22},     {"系統", "System", 12},    {"說明", "Detail", 60},
		{"證據檔案", "Evidence file", 30}, {"行號", "Line", 7}, {"證據摘錄", "Excerpt", 40},
		{"控制項", "Controls", 30}, {"風險說明", "Risk", 50}, {"具體改善建議", "Remediation", 50},
		{"改善期限", "Due", 11},
	};
	const lxw_col_t ncol = sizeof cols / sizeof *cols;
	for (lxw_col_t c = 0; c < ncol; c++) {
		worksheet_set_column(ws, c, c, cols[c].w, c == 8 || c >= 13 ? wf : NULL);
		wstr(ws, 0, c, &tmp, zh ? cols[c].zh : cols[c].en, hf);
	}
	struct fc_buf cb;
	fc_buf_init(&cb, 1 << 16);
	lxw_error err = LXW_NO_ERROR;
	for (size_t i = 0; i < r->nfindings && !err; i++) {
		const struct fc_finding *f = r->findings[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		char due[11];
		fc_date_fmt(f->due, due);
		fc_buf_reset(&cb);
		const struct fc_result *fres = fc_run_result(r, f->check);
		for (size_t k = 0; fres && k < fres->ncontrols; k++)
			fc_buf_addf(&cb, "%s%s", k ? ", " : "", fres->controls[k]);
		const struct fc_evidence *e = f->nev ? &f->ev[0] : NULL;
		wstr(ws, row, 0, &tmp, f->id, NULL);
		wstr(ws, row, 1, &tmp, f->check->id, NULL);
		wstr(ws, row, 2, &tmp, fc_check_title(f->check, zh), NULL);
		wstr(ws, row, 3, &tmp, fc_severity_label(f->severity, zh), sevf[f->severity]);
		wstr(ws, row, 4, &tmp, f->check->area, NULL);
		wstr(ws, row, 5, &tmp, f->object_type, NULL);
		wstr(ws, row, 6, &tmp, f->object, NULL);
		wstr(ws, row, 7, &tmp, f->system_id ? f->system_id : "", NULL);
		wstr(ws, row, 8, &tmp, f->detail, wf);
		wstr(ws, row, 9, &tmp, e ? e->file : "", NULL);
		if (e && e->line > 0)
			worksheet_write_number(ws, row, 10, (double)e->line, NULL);
		wstr(ws, row, 11, &tmp, e && e->excerpt ? e->excerpt : "", NULL);
		wstr(ws, row, 12, &tmp, fc_buf_str(&cb), NULL);
		wstr(ws, row, 13, &tmp, zh ? f->check->risk_zh : f->check->risk_en, wf);
		wstr(ws, row, 14, &tmp, zh ? f->check->rem_zh : f->check->rem_en, wf);
		err = wstr(ws, row, 15, &tmp, due, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)(r->nfindings ? r->nfindings : 1), ncol - 1);

	/* sheet 2: every check's result */
	lxw_worksheet *ws2 = workbook_add_worksheet(wb, zh ? "檢查結果" : "Results");
	static const struct {
		const char *zh, *en;
		double w;
	} c2[] = {
		{"檢查項目", "Check", 30}, {"名稱", "Title", 40}, {"類別", "Area", 11}, {"風險等級", "Severity", 9},
		{"結果", "Status", 10},     {"缺失數", "Findings", 8}, {"控制項", "Controls", 34}, {"說明", "Reason", 60},
	};
	for (lxw_col_t c = 0; c < 8; c++) {
		worksheet_set_column(ws2, c, c, c2[c].w, NULL);
		wstr(ws2, 0, c, &tmp, zh ? c2[c].zh : c2[c].en, hf);
	}
	for (size_t i = 0; i < r->nresults && !err; i++) {
		const struct fc_result *res = &r->results[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		fc_buf_reset(&cb);
		for (size_t k = 0; k < res->ncontrols; k++)
			fc_buf_addf(&cb, "%s%s", k ? ", " : "", res->controls[k]);
		wstr(ws2, row, 0, &tmp, res->meta->id, NULL);
		wstr(ws2, row, 1, &tmp, fc_check_title(res->meta, zh), NULL);
		wstr(ws2, row, 2, &tmp, res->meta->area, NULL);
		wstr(ws2, row, 3, &tmp, fc_severity_label(res->meta->severity, zh), NULL);
		wstr(ws2, row, 4, &tmp, fc_status_label(res->status, zh), NULL);
		worksheet_write_number(ws2, row, 5, (double)res->nfindings, NULL);
		wstr(ws2, row, 6, &tmp, fc_buf_str(&cb), NULL);
		err = wstr(ws2, row, 7, &tmp, res->reason ? res->reason : "", NULL);
	}
	worksheet_freeze_panes(ws2, 1, 0);
	worksheet_autofilter(ws2, 0, 0, (lxw_row_t)(r->nresults ? r->nresults : 1), 7);
	fc_buf_release(&cb);
	fc_buf_release(&tmp);
	lxw_error cerr = workbook_close(wb);
	if (err || cerr) {
		fc_diag_error(d, path, 0, 0, "xlsx: %s", lxw_strerror(err ? err : cerr));
		return FC_EIO;
	}
	return FC_OK;
}
