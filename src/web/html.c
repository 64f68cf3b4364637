/* HTML helpers for the dashboard's pages: escaping, the page frame with
 * navigation and the language toggle, badges (web_int.h). */
#include <microhttpd.h>
#include <string.h>
#include "../core/date.h"
#include "../report/output.h"
#include "web_int.h"

void fc_h(struct fc_buf *b, const char *s)
{
	/* every string that did not come from this file goes through here */
	fc_xml_escape(b, s ? s : "");
}

void fc_h_url(struct fc_buf *b, const char *s)
{
	static const char hx[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '_' || *p == '.' || *p == '~' || *p == '/')
			fc_buf_addc(b, (char)*p);
		else {
			fc_buf_addc(b, '%');
			fc_buf_addc(b, hx[*p >> 4]);
			fc_buf_addc(b, hx[*p & 15]);
		}
	}
}

void fc_h_date(struct fc_buf *b, int32_t day)
{
	char d[11];
	fc_date_fmt(day, d);
	fc_buf_adds(b, d[0] ? d : "—");
}

void fc_h_ts(struct fc_buf *b, int64_t secs)
{
	char t[26];
	fc_ts_fmt(secs, t);
	t[10] = ' ';
	t[16] = '\0';
	fc_buf_adds(b, t);
}

static const char *const sev_names[] = {"critical", "high", "medium", "low", "info"};
static const char *const sev_zh[] = {"嚴重", "高", "中", "低", "資訊"};
static const char *const sev_en[] = {"Critical", "High", "Medium", "Low", "Info"};

const char *fc_web_sev_label(const char *sev, bool zh)
{
	for (int i = 0; i < 5; i++)
		if (sev && !strcmp(sev, sev_names[i]))
			return zh ? sev_zh[i] : sev_en[i];
	return sev ? sev : "";
}

void fc_h_sev(struct fc_buf *b, const char *sev, bool zh)
{
	const char *cls = "info";
	for (int i = 0; i < 5; i++)
		if (sev && !strcmp(sev, sev_names[i]))
			cls = sev_names[i];
	fc_buf_addf(b, "<span class=\"sev sev-%s\">", cls);
	fc_h(b, fc_web_sev_label(sev, zh));
	fc_buf_adds(b, "</span>");
}

static const char *const st_names[] = {"open", "in_remediation", "fixed", "verified", "closed", "accepted"};
static const char *const st_zh[] = {"未改善", "改善中", "已修正", "已覆查", "已結案", "風險接受"};
static const char *const st_en[] = {"Open", "In remediation", "Fixed", "Verified", "Closed", "Risk accepted"};

const char *fc_web_status_label(const char *st, bool zh)
{
	for (int i = 0; i < 6; i++)
		if (st && !strcmp(st, st_names[i]))
			return zh ? st_zh[i] : st_en[i];
	return st ? st : "";
}

void fc_h_csrf(struct fc_req *r)
{
	fc_buf_adds(&r->body, "<input type=\"hidden\" name=\"csrf\" value=\"");
	fc_h(&r->body, r->s.csrf);
	fc_buf_adds(&r->body, "\">");
}

void fc_h_flash(struct fc_req *r)
{
	const char *ok = fc_web_arg(r, "ok"), *err = fc_web_arg(r, "err");
	if (ok) {
		fc_buf_adds(&r->body, "<p class=\"flash ok\" role=\"status\">");
		fc_h(&r->body, T(r, "已儲存。", "Saved."));
		fc_buf_adds(&r->body, "</p>");
	}
	if (err) {
		fc_buf_adds(&r->body, "<p class=\"flash err\" role=\"alert\">");
		fc_h(&r->body, err);
		fc_buf_adds(&r->body, "</p>");
	}
}

struct nav_item {
	const char *key, *href, *zh, *en;
	int role;
};

static const struct nav_item nav[] = {
	{"overview", "/", "總覽", "Overview", FC_ROLE_VIEWER},
	{"findings", "/findings", "缺失追蹤", "Findings", FC_ROLE_VIEWER},
	{"systems", "/systems", "系統與評估行事曆", "Systems & calendar", FC_ROLE_VIEWER},
	{"incidents", "/incidents", "資安事件通報", "Incidents", FC_ROLE_VIEWER},
	{"reports", "/reports", "報表下載", "Reports", FC_ROLE_VIEWER},
	{"sv_status", "/supervise", "資安風險現況", "Risk status", FC_ROLE_SUPERVISOR},
	{"sv_trend", "/supervise/trend", "風險趨勢分析", "Risk trend", FC_ROLE_SUPERVISOR},
};

static const char *const role_zh[] = {"檢視者", "評估人員", "稽核人員", "管理者", "監理人員"};

void fc_h_open(struct fc_req *r, const char *title, const char *cur)
{
	struct fc_buf *b = &r->body;
	fc_buf_addf(b, "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
		    r->zh ? "zh-Hant-TW" : "en");
	fc_h(b, title);
	fc_buf_adds(b, " — fincheck</title><link rel=\"stylesheet\" href=\"/assets/app.css\">"
		       "<link rel=\"icon\" href=\"/assets/favicon.svg\"><script src=\"/assets/app.js\" defer></script>"
		       "</head><body><header class=\"top\"><a class=\"brand\" href=\"/\"><img src=\"/assets/favicon.svg\" "
		       "alt=\"\" width=\"22\" height=\"22\"> fincheck</a><nav>");
	for (size_t i = 0; i < sizeof nav / sizeof *nav; i++) {
		if (!fc_web_can(r, nav[i].role))
			continue;
		fc_buf_addf(b, "<a href=\"%s\"%s>%s</a>", nav[i].href, cur && !strcmp(cur, nav[i].key) ? " class=\"cur\"" : "",
			    r->zh ? nav[i].zh : nav[i].en);
	}
	fc_buf_adds(b, "</nav><div class=\"who\"><span class=\"user\">");
	fc_h(b, r->s.user);
	fc_buf_addf(b, "</span> <span class=\"role\">%s</span> <a class=\"lang\" id=\"lang\" href=\"",
		    r->zh ? role_zh[r->s.role % FC_ROLE__COUNT] : fc_role_name(r->s.role));
	fc_h_url(b, r->url);
	fc_buf_addf(b, "?lang=%s\">%s</a><form method=\"post\" action=\"/logout\" class=\"inline\">", r->zh ? "en" : "zh-TW",
		    r->zh ? "English" : "中文");
	fc_h_csrf(r);
	fc_buf_addf(b, "<button type=\"submit\" class=\"link\" id=\"logout\">%s</button></form></div></header><main>",
		    T(r, "登出", "Log out"));
}

void fc_h_close(struct fc_req *r)
{
	fc_buf_addf(&r->body, "</main><footer>fincheck %s · %s</footer></body></html>", FC_VERSION,
		    T(r, "資料來源：證據包評估結果與缺失追蹤資料庫", "Data: assessed evidence bundles and the findings store"));
}
