/* The supervisor's pages (seed 002 監理科技運用): 資安風險現況 (firms on the
 * plane of e-trading share and deduction points, the zones, the firms that
 * need attention) and 風險趨勢分析 (deficiency types by share of firms, the
 * change from the previous period, hidden risks that grow), with CSV/XLSX
 * downloads.  All numbers come from supervise.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../core/mem.h"
#include "../core/strutil.h"
#include "svg.h"
#include "web_int.h"

static void period_picker(struct fc_req *r, const char *action, const char *cur)
{
	struct fc_buf *b = &r->body;
	struct fc_stmt *s = NULL;
	if (fc_db_prepare(r->db, "SELECT DISTINCT period FROM sv_results ORDER BY period DESC LIMIT 50", &s))
		return;
	fc_buf_addf(b, "<form method=\"get\" action=\"%s\" class=\"filters\"><label>%s<select name=\"period\" id=\"period\">", action,
		    T(r, "期別", "Period"));
	while (fc_stmt_step(s) == FC_DB_ROW) {
		const char *p = fc_stmt_text(s, 0);
		fc_buf_adds(b, "<option value=\"");
		fc_h(b, p);
		fc_buf_addf(b, "\"%s>", cur && p && !strcmp(cur, p) ? " selected" : "");
		fc_h(b, p);
		fc_buf_adds(b, "</option>");
	}
	fc_stmt_free(s);
	fc_buf_addf(b, "</select></label><button type=\"submit\">%s</button></form>", T(r, "切換", "Show"));
}

static void no_data(struct fc_req *r)
{
	fc_buf_addf(&r->body, "<p class=\"note\">%s</p>",
		    T(r, "尚未匯入任何證券商之評估結果：fincheck supervise import RESULTS.json…",
		      "No firm's results imported yet: fincheck supervise import RESULTS.json…"));
}

void fc_page_sv_status(struct fc_req *r)
{
	struct fc_buf *b = &r->body;
	struct fc_sv_status s;
	const char *period = fc_web_arg(r, "period");
	fc_h_open(r, T(r, "資安風險現況", "Risk status"), "sv_status");
	fc_buf_addf(b, "<h1>%s</h1>", T(r, "資安風險現況", "Risk status"));
	enum fc_status st = fc_sv_status(r->db, &r->w->sv, period, &s);
	if (st) {
		if (st == FC_ENOTFOUND)
			no_data(r);
		else
			fc_buf_addf(b, "<p class=\"flash err\">%s</p>", T(r, "無法讀取資料。", "Cannot read the data."));
		fc_h_close(r);
		return;
	}
	period_picker(r, "/supervise", s.period);
	fc_buf_addf(b, "<p class=\"note\">%s ", T(r, "期別", "Period"));
	fc_h(b, s.period);
	if (s.prev_period) {
		fc_buf_addf(b, T(r, "，與前期 ", ", compared with "));
		fc_h(b, s.prev_period);
		fc_buf_adds(b, T(r, " 比較", ""));
	}
	fc_buf_addf(b, T(r, "。扣分：嚴重 %g、高 %g、中 %g、低 %g（每一缺失類型以最高等級計一次）；門檻：電子交易比重 %.0f%%、扣分 %g，扣分達 %g 者不論比重均列需關懷。",
			 ". Points: critical %g, high %g, medium %g, low %g (each deficiency type once, at its worst); thresholds: e-trading share %.0f%%, points %g; %g points need attention whatever the share."),
		    s.params.points[0], s.params.points[1], s.params.points[2], s.params.points[3], s.params.share_thr * 100,
		    s.params.points_thr, s.params.points_severe);
	fc_buf_adds(b, "</p><div class=\"grid\"><section class=\"card wide\">");
	struct fc_svg_point *pts = fc_calloc(s.n ? s.n : 1, sizeof *pts);
	const char *zl[4];
	for (int z = 0; z < 4; z++)
		zl[z] = fc_sv_zone_label((enum fc_sv_zone)z, r->zh);
	size_t np = 0;
	for (size_t i = 0; pts && i < s.n; i++)
		if (s.firms[i].share_known) {
			pts[np].label = s.firms[i].firm;
			pts[np].x = s.firms[i].share;
			pts[np].y = s.firms[i].points;
			pts[np].zone = (int)s.firms[i].zone;
			np++;
		}
	fc_svg_plane(b, T(r, "證券商風險平面：電子交易比重與查核缺失扣分", "Firms by e-trading share and deduction points"), pts,
		     np, s.params.share_thr, s.params.points_thr, s.params.points_severe, zl, T(r, "電子交易比重", "e-trading share"),
		     T(r, "查核缺失扣分", "deduction points"));
	fc_free(pts);
	fc_buf_adds(b, "</section><section class=\"card\"><h2>");
	fc_h(b, T(r, "需關懷之證券商", "Firms needing attention"));
	fc_buf_adds(b, "</h2><ol id=\"attention\">");
	size_t na = 0;
	for (size_t i = 0; i < s.n; i++) {
		if (s.firms[i].zone != FC_ZONE_ATTENTION)
			continue;
		na++;
		fc_buf_adds(b, "<li><b>");
		fc_h(b, s.firms[i].firm);
		fc_buf_addf(b, "</b> — %g %s", s.firms[i].points, T(r, "分", "points"));
		if (s.firms[i].share_known)
			fc_buf_addf(b, "，%s %.0f%%", T(r, "電子交易", "e-trading"), s.firms[i].share * 100);
		if (s.firms[i].has_prev)
			fc_buf_addf(b, "（%s %+g）", T(r, "較前期", "vs previous"), s.firms[i].points - s.firms[i].prev_points);
		fc_buf_adds(b, "</li>");
	}
	if (!na)
		fc_buf_addf(b, "<li class=\"note\">%s</li>", T(r, "無", "none"));
	fc_buf_addf(b, "</ol><h2>%s</h2><ul class=\"zones\">", T(r, "各區塊家數", "Firms per zone"));
	for (int z = 0; z < FC_ZONE__COUNT; z++)
		fc_buf_addf(b, "<li><span class=\"zone z%d\"></span>%s <b>%zu</b></li>", z, zl[z], s.zone_count[z]);
	fc_buf_adds(b, "</ul></section></div>");
	fc_buf_addf(b, "<table class=\"list\" id=\"firms\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		       "<th>%s</th><th>%s</th></tr></thead><tbody>",
		    T(r, "證券商", "Firm"), T(r, "查核基準日", "As of"), T(r, "電子交易比重", "E-trading share"),
		    T(r, "扣分", "Points"), T(r, "較前期", "Change"), T(r, "缺失類型數", "Deficiency types"), T(r, "區塊", "Zone"));
	for (size_t i = 0; i < s.n; i++) {
		const struct fc_sv_firm *f = &s.firms[i];
		fc_buf_addf(b, "<tr class=\"zone-%s\"><td>", fc_sv_zone_name(f->zone));
		fc_h(b, f->firm);
		fc_buf_adds(b, "</td><td>");
		fc_h(b, f->as_of);
		fc_buf_adds(b, "</td><td>");
		if (f->share_known)
			fc_buf_addf(b, "%.0f%%", f->share * 100);
		else
			fc_buf_adds(b, "—");
		fc_buf_addf(b, "</td><td class=\"num\">%g</td><td class=\"num\">", f->points);
		if (f->has_prev)
			fc_buf_addf(b, "%+g", f->points - f->prev_points);
		else
			fc_buf_adds(b, "—");
		fc_buf_addf(b, "</td><td class=\"num\">%zu</td><td><span class=\"zone z%d\"></span>%s</td></tr>", f->types, (int)f->zone,
			    zl[f->zone]);
	}
	fc_buf_adds(b, "</tbody></table><p class=\"downloads\">");
	fc_buf_adds(b, "<a href=\"/supervise/download/status.csv?period=");
	fc_h_url(b, s.period);
	fc_buf_addf(b, "\">status.csv</a> · <a href=\"/supervise/download/trend.csv?period=");
	fc_h_url(b, s.period);
	fc_buf_addf(b, "\">trend.csv</a> · %s ", T(r, "年度查核缺失公告", "yearly deficiency publication"));
	int y = 0;
	if (s.n && strlen(s.firms[0].as_of) >= 4)
		y = (s.firms[0].as_of[0] - '0') * 1000 + (s.firms[0].as_of[1] - '0') * 100 + (s.firms[0].as_of[2] - '0') * 10 +
		    (s.firms[0].as_of[3] - '0');
	if (y)
		fc_buf_addf(b, "<a href=\"/supervise/download/publication-%d.csv\">CSV</a> · "
			       "<a href=\"/supervise/download/publication-%d.xlsx\">XLSX</a>",
			    y, y);
	fc_buf_adds(b, "</p>");
	fc_sv_status_release(&s);
	fc_h_close(r);
}

void fc_page_sv_trend(struct fc_req *r)
{
	struct fc_buf *b = &r->body;
	struct fc_sv_trend t;
	const char *period = fc_web_arg(r, "period");
	fc_h_open(r, T(r, "風險趨勢分析", "Risk trend"), "sv_trend");
	fc_buf_addf(b, "<h1>%s</h1>", T(r, "風險趨勢分析", "Risk trend"));
	enum fc_status st = fc_sv_trend(r->db, &r->w->sv, period, &t);
	if (st) {
		if (st == FC_ENOTFOUND)
			no_data(r);
		else
			fc_buf_addf(b, "<p class=\"flash err\">%s</p>", T(r, "無法讀取資料。", "Cannot read the data."));
		fc_h_close(r);
		return;
	}
	period_picker(r, "/supervise/trend", t.period);
	fc_buf_addf(b, "<p class=\"note\">%s ", T(r, "期別", "Period"));
	fc_h(b, t.period);
	fc_buf_addf(b, T(r, "（%zu 家）", " (%zu firms)"), t.nfirms);
	if (t.prev_period) {
		fc_buf_adds(b, T(r, "，前期 ", ", previous "));
		fc_h(b, t.prev_period);
		fc_buf_addf(b, T(r, "（%zu 家）", " (%zu firms)"), t.prev_nfirms);
	}
	fc_buf_addf(b, T(r, "。隱藏風險：占比較前期增加達 %.0f 個百分點之缺失類型。",
			 ". Hidden risks: deficiency types whose share of firms grew by %.0f points or more."),
		    t.params.hidden_growth * 100);
	fc_buf_adds(b, "</p><div class=\"grid\"><section class=\"card\"><h2>");
	fc_h(b, T(r, "隱藏風險（增加中）", "Hidden risks (growing)"));
	fc_buf_adds(b, "</h2><ol id=\"hidden\">");
	size_t nh = 0;
	for (size_t i = 0; i < t.ntypes; i++) {
		if (!t.types[i].hidden)
			continue;
		nh++;
		fc_buf_adds(b, "<li><b>");
		fc_h(b, r->zh ? t.types[i].title_zh : t.types[i].title_en);
		fc_buf_addf(b, "</b> <span class=\"sub\">");
		fc_h(b, t.types[i].key);
		fc_buf_addf(b, "</span> %.0f%% <span class=\"up\">▲%.0f</span></li>", t.types[i].share * 100, t.types[i].change * 100);
	}
	if (!nh)
		fc_buf_addf(b, "<li class=\"note\">%s</li>", T(r, "無", "none"));
	fc_buf_adds(b, "</ol></section><section class=\"card\"><h2>");
	fc_h(b, T(r, "各領域缺失家數占比", "Share of firms by area"));
	fc_buf_adds(b, "</h2>");
	const char *al[64];
	double av[64];
	size_t na = t.nareas < 64 ? t.nareas : 64;
	for (size_t i = 0; i < na; i++) {
		al[i] = t.areas[i].key;
		av[i] = t.areas[i].share * 100;
	}
	fc_svg_hbars(b, T(r, "各領域缺失家數占比（%）", "Share of firms by area (%)"), al, av, NULL, na);
	fc_buf_adds(b, "</section></div>");
	fc_buf_addf(b, "<table class=\"list\" id=\"types\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		       "<th>%s</th></tr></thead><tbody>",
		    T(r, "缺失類型", "Deficiency type"), T(r, "家數", "Firms"), T(r, "占比", "Share"), T(r, "前期占比", "Previous"),
		    T(r, "增減", "Change"), T(r, "歷期趨勢", "Over periods"));
	double *hist = fc_calloc(t.nperiods ? t.nperiods : 1, sizeof *hist);
	for (size_t i = 0; i < t.ntypes; i++) {
		const struct fc_sv_type *v = &t.types[i];
		fc_buf_addf(b, "<tr%s data-check=\"", v->hidden ? " class=\"hidden-risk\"" : "");
		fc_h(b, v->key);
		fc_buf_adds(b, "\"><td>");
		fc_h(b, r->zh ? v->title_zh : v->title_en);
		fc_buf_adds(b, "<div class=\"sub\">");
		fc_h(b, v->key);
		fc_buf_addf(b, "</div></td><td class=\"num\">%zu</td><td class=\"num\">%.0f%%</td><td class=\"num\">", v->firms,
			    v->share * 100);
		if (t.prev_period)
			fc_buf_addf(b, "%.0f%%</td><td class=\"num %s\">%+.0f</td><td>", v->prev_share * 100,
				    v->change > 1e-9 ? "up" : v->change < -1e-9 ? "down" : "", v->change * 100);
		else
			fc_buf_adds(b, "—</td><td>—</td><td>");
		if (hist && !fc_sv_type_history(r->db, &t, v->key, hist))
			fc_svg_spark(b, hist, t.nperiods);
		fc_buf_adds(b, "</td></tr>");
	}
	fc_free(hist);
	fc_buf_adds(b, "</tbody></table>");
	fc_sv_trend_release(&t);
	fc_h_close(r);
}

void fc_page_sv_download(struct fc_req *r, const char *name)
{
	struct fc_buf *b = &r->body;
	const char *period = fc_web_arg(r, "period");
	int year = 0;
	char ext[8] = "";
	if (!strcmp(name, "status.csv") || !strcmp(name, "trend.csv")) {
		r->ctype = "text/csv; charset=utf-8";
		r->disposition = name;
		enum fc_status st;
		if (name[0] == 's') {
			struct fc_sv_status s;
			if (!(st = fc_sv_status(r->db, &r->w->sv, period, &s))) {
				fc_sv_status_csv(b, &s);
				fc_sv_status_release(&s);
			}
		} else {
			struct fc_sv_trend t;
			if (!(st = fc_sv_trend(r->db, &r->w->sv, period, &t))) {
				fc_sv_trend_csv(b, &t);
				fc_sv_trend_release(&t);
			}
		}
		if (st)
			fc_web_error(r, st == FC_ENOTFOUND ? 404 : 500, "沒有資料", "no data");
		return;
	}
	if (strncmp(name, "publication-", 12) || strlen(name) > 40) {
		fc_web_error(r, 404, "找不到此檔案", "no such file");
		return;
	}
	int64_t y64 = 0;
	char ys[8];
	const char *dot = strchr(name + 12, '.');
	if (!dot || dot - (name + 12) != 4) {
		fc_web_error(r, 404, "找不到此檔案", "no such file");
		return;
	}
	memcpy(ys, name + 12, 4);
	ys[4] = '\0';
	snprintf(ext, sizeof ext, "%s", dot);
	if (!fc_parse_i64(ys, &y64) || y64 < 1990 || y64 > 9999) {
		fc_web_error(r, 404, "找不到此檔案", "no such file");
		return;
	}
	year = (int)y64;
	if (!strcmp(ext, ".csv")) {
		r->ctype = "text/csv; charset=utf-8";
		r->disposition = name; /* validated above: publication-YYYY.csv */
		if (fc_sv_publication_csv(r->db, year, NULL, b))
			fc_web_error(r, 500, "無法產生", "cannot produce it");
		return;
	}
	if (strcmp(ext, ".xlsx")) {
		fc_web_error(r, 404, "找不到此檔案", "no such file");
		return;
	}
	/* libxlsxwriter writes files: a private temporary one, read back */
	char tmp[] = "/tmp/fincheck-pub-XXXXXX";
	int fd = mkstemp(tmp);
	if (fd < 0) {
		fc_web_error(r, 500, "無法產生", "cannot produce it");
		return;
	}
	close(fd);
	struct fc_diag d;
	fc_diag_init(&d);
	FILE *f = NULL;
	bool ok = !fc_sv_publication_xlsx(r->db, year, NULL, tmp, &d) && (f = fopen(tmp, "rb"));
	if (ok) {
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			fc_buf_add(b, chunk, n);
		ok = !ferror(f) && !fc_buf_err(b);
	}
	if (f)
		fclose(f);
	if (!ok)
		fc_web_error(r, 500, "無法產生", "cannot produce it");
	else {
		r->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		r->disposition = name; /* validated above: publication-YYYY.xlsx */
	}
	fc_diag_release(&d);
	unlink(tmp);
}
