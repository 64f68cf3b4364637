/* report.html: the formal report as one self-contained page (inline CSS,
 * inline SVG charts, no script; a Content-Security-Policy forbids any).
 * Every string is escaped with fc_xml_escape: nothing from a bundle can
 * inject markup. */
#include <stdio.h>
#include <string.h>
#include "report_doc.h"

static void esc(struct fc_buf *b, const char *s)
{
	fc_xml_escape(b, s ? s : "");
}

static const char css[] =
	"@page{size:A4;margin:18mm 16mm}"
	"body{font-family:'Noto Sans CJK TC','Noto Sans TC','Microsoft JhengHei',sans-serif;color:#1c2430;"
	"max-width:1100px;margin:0 auto;padding:24px;line-height:1.55;font-size:14px}"
	"h1{font-size:28px;margin:0 0 6px}h2{font-size:20px;border-bottom:2px solid #1c3d5a;padding-bottom:4px;margin-top:36px}"
	"h3{font-size:16px;margin:20px 0 6px;color:#1c3d5a}"
	".cover{border:1px solid #cfd8dc;border-top:8px solid #1c3d5a;padding:24px 28px;margin-bottom:24px}"
	".org{font-size:20px;margin:0 0 12px}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}"
	"dt{color:#546e7a}dd{margin:0;word-break:break-all}"
	".facts{display:flex;flex-wrap:wrap;gap:10px;margin-top:18px}.fact{border:1px solid #cfd8dc;border-radius:4px;"
	"padding:8px 14px;min-width:90px}.fact b{display:block;font-size:24px}.fact span{color:#546e7a;font-size:12px}"
	"nav ol{columns:2;padding-left:20px}nav a{color:#1c3d5a;text-decoration:none}"
	"table{border-collapse:collapse;width:100%;margin:8px 0 14px;font-size:12.5px;table-layout:fixed}"
	"th{background:#eceff1;text-align:left;font-weight:600}th,td{border:1px solid #cfd8dc;padding:4px 6px;"
	"vertical-align:top;overflow-wrap:anywhere}"
	"td.sev{color:#fff;font-weight:600}.note{color:#546e7a;font-size:12.5px}"
	"svg{max-width:100%;height:auto;display:block;margin:8px 0 16px}"
	"footer{margin-top:40px;color:#90a4ae;font-size:12px;border-top:1px solid #cfd8dc;padding-top:8px}"
	"@media print{nav{page-break-after:always}section{page-break-before:always}}";

static void chart_svg(struct fc_buf *b, const struct fc_rchart *c)
{
	const int W = 760, left = 150, right = 60, barh = 22, gap = 10, top = 34;
	int legend_y = top + (int)c->ncats * (barh + gap) + 6;
	int H = legend_y + 30;
	double max = 0;
	for (size_t i = 0; i < c->ncats; i++) {
		double t = 0;
		for (size_t s = 0; s < c->nseries; s++)
			t += c->vals[i * c->nseries + s];
		if (t > max)
			max = t;
	}
	fc_buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">", W, H, W, H);
	fc_buf_adds(b, "<title>");
	esc(b, c->title);
	fc_buf_adds(b, "</title><text x=\"0\" y=\"18\" font-size=\"15\" font-weight=\"600\">");
	esc(b, c->title);
	fc_buf_adds(b, "</text>");
	double span = W - left - right;
	for (size_t i = 0; i < c->ncats; i++) {
		int y = top + (int)i * (barh + gap);
		fc_buf_addf(b, "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"end\">", left - 8, y + barh - 6);
		esc(b, c->cats[i]);
		fc_buf_adds(b, "</text>");
		double t = 0;
		for (size_t s = 0; s < c->nseries; s++)
			t += c->vals[i * c->nseries + s];
		double x = left, scale = c->percent ? (t > 0 ? span / t : 0) : (max > 0 ? span / max : 0);
		for (size_t s = 0; s < c->nseries; s++) {
			double v = c->vals[i * c->nseries + s], w = v * scale;
			if (v <= 0)
				continue;
			fc_buf_addf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#%06x\"><title>", x, y, w, barh,
				    c->colors[s] & 0xffffff);
			esc(b, c->series[s]);
			fc_buf_addf(b, ": %.0f</title></rect>", v);
			if (w > 22)
				fc_buf_addf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#fff\" text-anchor=\"middle\">%.0f</text>",
					    x + w / 2, y + barh - 7, v);
			x += w;
		}
		if (c->percent && t > 0)
			fc_buf_addf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%.0f%%</text>", x + 6, y + barh - 6,
				    100.0 * c->vals[i * c->nseries] / t);
		else
			fc_buf_addf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%.0f</text>", x + 6, y + barh - 6, t);
	}
	int lx = left;
	for (size_t s = 0; s < c->nseries; s++) {
		fc_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#%06x\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">",
			    lx, legend_y, c->colors[s] & 0xffffff, lx + 16, legend_y + 11);
		esc(b, c->series[s]);
		fc_buf_adds(b, "</text>");
		lx += 90;
	}
	fc_buf_adds(b, "</svg>\n");
}

static void table_html(struct fc_buf *b, const struct fc_rtable *t)
{
	double tw = 0;
	for (size_t c = 0; c < t->ncols; c++)
		tw += t->width[c];
	fc_buf_adds(b, "<table><colgroup>");
	for (size_t c = 0; c < t->ncols; c++)
		fc_buf_addf(b, "<col style=\"width:%.1f%%\">", tw > 0 ? 100.0 * t->width[c] / tw : 0);
	fc_buf_adds(b, "</colgroup><thead><tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		fc_buf_adds(b, "<th>");
		esc(b, t->head[c]);
		fc_buf_adds(b, "</th>");
	}
	fc_buf_adds(b, "</tr></thead><tbody>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		int sev = t->row_sev ? t->row_sev[r] : -1;
		fc_buf_adds(b, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			if ((int)c == t->sev_col && sev >= 0)
				fc_buf_addf(b, "<td class=\"sev\" style=\"background:#%06x\">", fc_report_sev_color(sev));
			else if (c == 0 && sev >= 0 && t->sev_col < 0)
				fc_buf_addf(b, "<td style=\"border-left:4px solid #%06x\">", fc_report_sev_color(sev));
			else
				fc_buf_adds(b, "<td>");
			esc(b, t->cells[r * t->ncols + c]);
			fc_buf_adds(b, "</td>");
		}
		fc_buf_adds(b, "</tr>\n");
	}
	fc_buf_adds(b, "</tbody></table>\n");
}

void fc_report_html(struct fc_buf *b, const struct fc_rdoc *doc)
{
	bool zh = doc->zh;
	fc_buf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n", zh ? "zh-Hant-TW" : "en");
	fc_buf_adds(b, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	esc(b, doc->title);
	fc_buf_adds(b, " — ");
	esc(b, doc->org);
	fc_buf_addf(b, "</title>\n<style>%s</style></head><body>\n", css);
	fc_buf_adds(b, "<header class=\"cover\"><h1>");
	esc(b, doc->title);
	fc_buf_adds(b, "</h1><p class=\"org\">");
	esc(b, doc->org);
	fc_buf_adds(b, "</p><dl>");
	const char *lab[] = {zh ? "評估基準日" : "As of", zh ? "業別" : "Industry", zh ? "評估工具" : "Tool", zh ? "證據包摘要" : "Bundle digest"};
	const char *val[] = {doc->as_of, doc->industry, doc->tool, doc->digest};
	for (int i = 0; i < 4; i++) {
		fc_buf_adds(b, "<dt>");
		esc(b, lab[i]);
		fc_buf_adds(b, "</dt><dd>");
		esc(b, val[i]);
		fc_buf_adds(b, "</dd>");
	}
	fc_buf_adds(b, "</dl><div class=\"facts\">");
	for (size_t i = 0; i < doc->nfacts; i++) {
		const struct fc_rfact *f = &doc->facts[i];
		if (f->sev >= 0)
			fc_buf_addf(b, "<div class=\"fact\" style=\"border-top:4px solid #%06x\"><b>", fc_report_sev_color(f->sev));
		else
			fc_buf_adds(b, "<div class=\"fact\"><b>");
		esc(b, f->value);
		fc_buf_adds(b, "</b><span>");
		esc(b, f->label);
		fc_buf_adds(b, "</span></div>");
	}
	fc_buf_adds(b, "</div></header>\n<nav class=\"toc\"><h2>");
	esc(b, zh ? "目錄" : "Contents");
	fc_buf_adds(b, "</h2><ol>");
	for (size_t i = 0; i < doc->nsec; i++) {
		fc_buf_addf(b, "<li><a href=\"#%s\">", doc->sec[i].anchor);
		esc(b, doc->sec[i].title);
		fc_buf_adds(b, "</a></li>");
	}
	fc_buf_adds(b, "</ol></nav>\n");
	for (size_t i = 0; i < doc->nsec; i++) {
		const struct fc_rsection *s = &doc->sec[i];
		fc_buf_addf(b, "<section id=\"%s\"><h2>", s->anchor);
		esc(b, s->title);
		fc_buf_adds(b, "</h2>\n");
		for (size_t k = 0; k < s->n; k++) {
			const struct fc_rblock *bl = &s->blocks[k];
			switch (bl->kind) {
			case FC_RB_PARA:
				fc_buf_adds(b, "<p>");
				esc(b, bl->text);
				fc_buf_adds(b, "</p>\n");
				break;
			case FC_RB_NOTE:
				fc_buf_adds(b, "<p class=\"note\">");
				esc(b, bl->text);
				fc_buf_adds(b, "</p>\n");
				break;
			case FC_RB_H3:
				fc_buf_adds(b, "<h3>");
				esc(b, bl->text);
				fc_buf_adds(b, "</h3>\n");
				break;
			case FC_RB_TABLE:
				table_html(b, bl->t);
				break;
			case FC_RB_CHART:
				chart_svg(b, bl->c);
				break;
			}
		}
		fc_buf_adds(b, "</section>\n");
	}
	fc_buf_adds(b, "<footer>");
	esc(b, doc->tool);
	fc_buf_adds(b, " — ");
	esc(b, zh ? "本報告依證據包自動產生；人工檢視項目須由評估人員補正。評估報告應併同缺失改善文件至少保存五年。"
		  : "Generated from the evidence bundle; manual items need the assessor. Keep the report with the remediation records for at least five years.");
	fc_buf_adds(b, "</footer>\n</body></html>\n");
}

enum fc_status fc_report_html_write(const char *path, const struct fc_rdoc *doc, struct fc_diag *d)
{
	struct fc_buf b;
	fc_buf_init(&b, 0);
	fc_report_html(&b, doc);
	enum fc_status st = fc_report_write_buf(path, &b, d);
	fc_buf_release(&b);
	return st;
}
