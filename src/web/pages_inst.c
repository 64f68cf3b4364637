/* The institution's pages: overview, findings (list, detail, lifecycle
 * actions), systems and the assessment calendar, incidents, reports.
 * They read the store (store.h, and its runs/run_results/findings tables
 * for the aggregates store.h has no call for) and never recompute a
 * check: a page shows what runs recorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../core/date.h"
#include "../core/json.h"
#include "../core/mem.h"
#include "../core/strutil.h"
#include "../engine/plan.h"
#include "../engine/run.h"
#include "svg.h"
#include "web_int.h"
#include "webdb.h"

static int sev_index(const char *s)
{
	int k = fc_severity_parse(s);
	return k < 0 ? FC_SEV_INFO : k;
}

static int32_t today(void)
{
	return fc_ts_day(fc_web_now());
}

/* ------------------------------------------------------------ overview */

struct run_row {
	int64_t id;
	char as_of[11];
	char org[256];
	int64_t checks, pass, fail, manual, na, error, findings;
	char industry[32]; /* "" when the run did not record it */
	int internet_order; /* FC_UNKNOWN when not recorded */
};

static bool latest_run(struct fc_db *db, struct run_row *o)
{
	memset(o, 0, sizeof *o);
	struct fc_stmt *s = NULL;
	if (fc_db_prepare(db,
			  "SELECT id, as_of, org, checks, pass, fail, manual, na, error, findings, industry, "
			  "internet_order FROM runs ORDER BY id DESC LIMIT 1",
			  &s))
		return false;
	bool ok = fc_stmt_step(s) == FC_DB_ROW;
	if (ok) {
		o->id = fc_stmt_int(s, 0);
		snprintf(o->as_of, sizeof o->as_of, "%s", fc_stmt_text(s, 1) ? fc_stmt_text(s, 1) : "");
		snprintf(o->org, sizeof o->org, "%s", fc_stmt_text(s, 2) ? fc_stmt_text(s, 2) : "");
		o->checks = fc_stmt_int(s, 3);
		o->pass = fc_stmt_int(s, 4);
		o->fail = fc_stmt_int(s, 5);
		o->manual = fc_stmt_int(s, 6);
		o->na = fc_stmt_int(s, 7);
		o->error = fc_stmt_int(s, 8);
		o->findings = fc_stmt_int(s, 9);
		snprintf(o->industry, sizeof o->industry, "%s", fc_stmt_text(s, 10) ? fc_stmt_text(s, 10) : "");
		o->internet_order = fc_stmt_isnull(s, 11) ? FC_UNKNOWN : (int)fc_stmt_int(s, 11);
	}
	fc_stmt_free(s);
	return ok;
}

/* Worst status of the checks covering a control: fail > error > manual >
 * pass; not_applicable counts only when nothing else does. */
enum cstate { CS_NONE, CS_NA, CS_PASS, CS_MANUAL, CS_ERROR, CS_FAIL };

static enum cstate cstate_of(const char *st)
{
	if (!st)
		return CS_NONE;
	if (!strcmp(st, "fail"))
		return CS_FAIL;
	if (!strcmp(st, "error"))
		return CS_ERROR;
	if (!strcmp(st, "manual"))
		return CS_MANUAL;
	if (!strcmp(st, "pass"))
		return CS_PASS;
	if (!strcmp(st, "not_applicable"))
		return CS_NA;
	return CS_NONE;
}

static void compliance_charts(struct fc_req *r, const struct run_row *run)
{
	int64_t run_id = run->id;
	/* the institution the run was for: controls of other industries (and
	 * internet-order controls of a firm without) are left out, and so is a
	 * framework none of whose controls applies */
	struct fc_org org = {.industry_str = run->industry[0] ? run->industry : NULL,
			     .internet_order = run->internet_order};
	const struct fc_catalog *cat = r->w->cat;
	struct fc_buf *b = &r->body;
	unsigned char *cs = fc_calloc(cat->ncontrols ? cat->ncontrols : 1, 1);
	size_t nareas = 0;
	const char *areas[32];
	double av[32 * 3] = {0};
	struct fc_stmt *s = NULL;
	if (!cs || fc_db_prepare(r->db, "SELECT check_id, status FROM run_results WHERE run_id = ?", &s)) {
		fc_free(cs);
		return;
	}
	fc_stmt_bind_int(s, 1, run_id);
	while (fc_stmt_step(s) == FC_DB_ROW) {
		const struct fc_check_meta *m = fc_catalog_check(cat, fc_stmt_text(s, 0));
		if (!m)
			continue;
		enum cstate st = cstate_of(fc_stmt_text(s, 1));
		size_t mi = (size_t)(m - cat->checks);
		for (size_t i = 0; i < r->w->ctl_n[mi]; i++) {
			size_t ix = r->w->ctl_ix[mi][i];
			if (st > cs[ix])
				cs[ix] = (unsigned char)st;
		}
		size_t a;
		for (a = 0; a < nareas && strcmp(areas[a], m->area); a++)
			;
		if (a == nareas && nareas < 32)
			areas[nareas++] = m->area;
		if (a < nareas) {
			if (st == CS_PASS)
				av[a * 3]++;
			else if (st == CS_FAIL)
				av[a * 3 + 1]++;
			else if (st == CS_MANUAL || st == CS_ERROR)
				av[a * 3 + 2]++;
		}
	}
	fc_stmt_free(s);
	const char *labels[64];
	double fv[64 * 3] = {0};
	size_t nf = 0, unevaluated = 0;
	for (size_t f = 0; f < cat->nfw && nf < 64; f++) {
		const struct fc_framework *fw = &cat->fw[f];
		labels[nf] = r->zh ? fw->title_zh : fw->title_en;
		size_t applicable = 0;
		for (size_t i = fw->first; i < fw->first + fw->count && i < cat->ncontrols; i++) {
			if (!fc_control_applies(&cat->controls[i], &org))
				continue;
			applicable++;
			if (cs[i] == CS_PASS)
				fv[nf * 3]++;
			else if (cs[i] == CS_FAIL)
				fv[nf * 3 + 1]++;
			else if (cs[i] == CS_MANUAL || cs[i] == CS_ERROR)
				fv[nf * 3 + 2]++;
			else if (cs[i] == CS_NONE)
				unevaluated++;
		}
		if (applicable)
			nf++;
	}
	const char *segs[] = {T(r, "符合", "compliant"), T(r, "不符合", "deficient"), T(r, "待人工判斷", "to judge")};
	const char *cols[] = {"#37b24d", "#d64545", "#adb5bd"};
	fc_buf_addf(b, "<section class=\"card wide\"><h2>%s</h2>", T(r, "各框架控制項符合情形", "Compliance by framework"));
	fc_svg_stacked(b, T(r, "各框架控制項符合情形", "Compliance by framework"), labels, fv, nf, segs, cols, 3);
	fc_buf_addf(b, "<p class=\"note\">%s %zu %s</p></section>",
		    T(r, "以最近一次評估之自動檢查結果計算；另有", "From the latest run's automated checks;"), unevaluated,
		    T(r, "項控制項無自動檢查，需人工判斷。", "controls have no automated check and need a person's judgement."));
	fc_buf_addf(b, "<section class=\"card wide\"><h2>%s</h2>", T(r, "各領域檢查結果", "Checks by area"));
	fc_svg_stacked(b, T(r, "各領域檢查結果", "Checks by area"), areas, av, nareas, segs, cols, 3);
	fc_buf_adds(b, "</section>");
	fc_free(cs);
}

static void severity_chart(struct fc_req *r)
{
	double v[FC_SEV__COUNT] = {0};
	struct fc_stmt *s = NULL;
	if (!fc_db_prepare(r->db,
			   "SELECT severity, count(*) FROM findings WHERE status IN ('open', 'in_remediation') "
			   "GROUP BY severity",
			   &s)) {
		while (fc_stmt_step(s) == FC_DB_ROW)
			v[sev_index(fc_stmt_text(s, 0))] += (double)fc_stmt_int(s, 1);
		fc_stmt_free(s);
	}
	const char *labels[FC_SEV__COUNT];
	for (int i = 0; i < FC_SEV__COUNT; i++)
		labels[i] = fc_web_sev_label(fc_severity_name((enum fc_severity)i), r->zh);
	fc_buf_addf(&r->body, "<section class=\"card\"><h2>%s</h2>", T(r, "未改善缺失（依風險等級）", "Open findings by severity"));
	fc_svg_hbars(&r->body, T(r, "未改善缺失（依風險等級）", "Open findings by severity"), labels, v, fc_svg_sev_colors,
		     FC_SEV__COUNT);
	fc_buf_adds(&r->body, "</section>");
}

static void trend_chart(struct fc_req *r)
{
	enum { NR = 20 };
	int64_t ids[NR];
	char lab[NR][16];
	double vals[FC_SEV__COUNT * NR] = {0};
	size_t n = 0;
	struct fc_stmt *s = NULL;
	if (fc_db_prepare(r->db, "SELECT id, as_of FROM runs ORDER BY id DESC LIMIT 20", &s))
		return;
	while (n < NR && fc_stmt_step(s) == FC_DB_ROW) {
		ids[n] = fc_stmt_int(s, 0);
		snprintf(lab[n], sizeof lab[n], "%s", fc_stmt_text(s, 1) ? fc_stmt_text(s, 1) : "");
		n++;
	}
	fc_stmt_free(s);
	/* oldest first */
	for (size_t i = 0; i < n / 2; i++) {
		int64_t t = ids[i];
		ids[i] = ids[n - 1 - i];
		ids[n - 1 - i] = t;
		char tl[16];
		memcpy(tl, lab[i], sizeof tl);
		memcpy(lab[i], lab[n - 1 - i], sizeof tl);
		memcpy(lab[n - 1 - i], tl, sizeof tl);
	}
	if (n && !fc_db_prepare(r->db,
				"SELECT run_id, severity, count(*) FROM sightings WHERE run_id >= ? GROUP BY run_id, severity",
				&s)) {
		fc_stmt_bind_int(s, 1, ids[0]);
		while (fc_stmt_step(s) == FC_DB_ROW) {
			int64_t rid = fc_stmt_int(s, 0);
			for (size_t i = 0; i < n; i++)
				if (ids[i] == rid)
					vals[(size_t)sev_index(fc_stmt_text(s, 1)) * n + i] += (double)fc_stmt_int(s, 2);
		}
		fc_stmt_free(s);
	}
	const char *xl[NR];
	for (size_t i = 0; i < n; i++)
		xl[i] = lab[i];
	const char *series[4];
	for (int i = 0; i < 4; i++)
		series[i] = fc_web_sev_label(fc_severity_name((enum fc_severity)i), r->zh);
	fc_buf_addf(&r->body, "<section class=\"card wide\"><h2>%s</h2>", T(r, "歷次評估缺失趨勢", "Findings over runs"));
	if (n)
		fc_svg_lines(&r->body, T(r, "歷次評估缺失趨勢", "Findings over runs"), xl, n, series, fc_svg_sev_colors, vals, 4);
	else
		fc_buf_addf(&r->body, "<p class=\"note\">%s</p>", T(r, "尚無評估紀錄。", "No runs recorded yet."));
	fc_buf_adds(&r->body, "</section>");
}

struct overdue_ctx {
	struct fc_req *r;
	size_t n;
};

static void overdue_row(const struct fc_store_finding *x, void *ud)
{
	struct overdue_ctx *o = ud;
	struct fc_buf *b = &o->r->body;
	o->n++;
	fc_buf_adds(b, "<tr><td>");
	fc_h_sev(b, x->severity, o->r->zh);
	fc_buf_adds(b, "</td><td><a href=\"/findings/");
	fc_h_url(b, x->id);
	fc_buf_adds(b, "\">");
	fc_h(b, o->r->zh ? x->title_zh : x->title_en);
	fc_buf_adds(b, "</a></td><td>");
	fc_h(b, x->object);
	fc_buf_adds(b, "</td><td class=\"late\">");
	fc_h_date(b, x->due);
	fc_buf_addf(b, "</td><td>%d %s</td></tr>", (int)(today() - x->due), T(o->r, "天", "days"));
}

struct inc_over_ctx {
	struct fc_req *r;
	size_t n;
};

static bool inc_overdue_row(const struct fc_incident *i, void *ud)
{
	struct inc_over_ctx *x = ud;
	struct fc_inc_deadline dl[FC_INC__STAGES];
	fc_incident_deadlines(i, &x->r->w->inc, fc_web_now(), dl);
	for (int s = 0; s < FC_INC__STAGES; s++) {
		if (dl[s].state != FC_INC_OVERDUE)
			continue;
		struct fc_buf *b = &x->r->body;
		char ts[26], dur[32];
		fc_ts_fmt(dl[s].due, ts);
		fc_duration_fmt(dl[s].remaining, dur, x->r->zh);
		fc_buf_adds(b, "<tr><td><span class=\"sev sev-high\">");
		fc_h(b, T(x->r, "通報", "report"));
		fc_buf_adds(b, "</span></td><td><a href=\"/incidents#");
		fc_h_url(b, i->ref);
		fc_buf_adds(b, "\">");
		fc_h(b, i->ref);
		fc_buf_adds(b, " ");
		fc_h(b, fc_inc_stage_label((enum fc_inc_stage)s, x->r->zh));
		fc_buf_adds(b, "</a></td><td>");
		fc_h(b, i->title);
		fc_buf_adds(b, "</td><td class=\"late nowrap\">");
		fc_h_ts(b, dl[s].due);
		fc_buf_addf(b, "</td><td class=\"nowrap\">%s</td></tr>", dur);
		x->n++;
	}
	return true;
}

static void overview_main(struct fc_req *r)
{
	struct fc_buf *b = &r->body;
	struct run_row run;
	bool have = latest_run(r->db, &run);
	fc_buf_adds(b, "<h1>");
	fc_h(b, have && run.org[0] ? run.org : T(r, "資訊安全檢查總覽", "Information-security overview"));
	fc_buf_adds(b, "</h1>");
	int64_t open = 0, overdue = 0, critical = 0, accepted = 0;
	char td[11];
	fc_date_fmt(today(), td);
	const char *p1[] = {td};
	fc_db_query_int(r->db, "SELECT count(*) FROM findings WHERE status IN ('open', 'in_remediation')", NULL, 0, 0, &open);
	fc_db_query_int(r->db,
			"SELECT count(*) FROM findings WHERE status IN ('open', 'in_remediation') AND due IS NOT NULL "
			"AND due <> '' AND due < ?",
			p1, 1, 0, &overdue);
	fc_db_query_int(r->db,
			"SELECT count(*) FROM findings WHERE status IN ('open', 'in_remediation') AND severity IN "
			"('critical', 'high')",
			NULL, 0, 0, &critical);
	fc_db_query_int(r->db, "SELECT count(*) FROM findings WHERE status = 'accepted'", NULL, 0, 0, &accepted);
	int64_t inc_open = 0;
	fc_db_query_int(r->db, "SELECT count(*) FROM incidents WHERE closed_at IS NULL", NULL, 0, 0, &inc_open);
	fc_buf_adds(b, "<div class=\"kpis\">");
	fc_buf_addf(b, "<div class=\"kpi\" id=\"kpi-open\"><b>%lld</b><span>%s</span></div>", (long long)open,
		    T(r, "未改善缺失", "open findings"));
	fc_buf_addf(b, "<div class=\"kpi%s\" id=\"kpi-overdue\"><b>%lld</b><span>%s</span></div>", overdue ? " bad" : "",
		    (long long)overdue, T(r, "逾期未改善", "overdue"));
	fc_buf_addf(b, "<div class=\"kpi\"><b>%lld</b><span>%s</span></div>", (long long)critical,
		    T(r, "嚴重及高風險", "critical and high"));
	fc_buf_addf(b, "<div class=\"kpi\"><b>%lld</b><span>%s</span></div>", (long long)accepted,
		    T(r, "風險接受中", "risk accepted"));
	fc_buf_addf(b, "<div class=\"kpi\"><b>%lld</b><span>%s</span></div>", (long long)inc_open,
		    T(r, "處理中資安事件", "open incidents"));
	if (have) {
		fc_buf_addf(b, "<div class=\"kpi\"><b>%lld%%</b><span>%s ", (long long)(run.pass + run.fail ? 100 * run.pass / (run.pass + run.fail) : 0),
			    T(r, "檢查通過率", "checks passed"));
		fc_h(b, run.as_of);
		fc_buf_adds(b, "</span></div>");
	}
	fc_buf_adds(b, "</div><div class=\"grid\">");
	severity_chart(r);
	/* overdue deadlines: findings and incident reports */
	fc_buf_addf(b, "<section class=\"card\"><h2>%s</h2><table class=\"list\" id=\"overdue\"><thead><tr><th>%s</th><th>%s</th>"
		       "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    T(r, "逾期事項", "Overdue deadlines"), T(r, "等級", "Severity"), T(r, "項目", "Item"),
		    T(r, "對象", "Object"), T(r, "期限", "Due"), T(r, "逾期", "Late"));
	struct inc_over_ctx ic = {r, 0};
	fc_incident_each(r->db, true, inc_overdue_row, &ic);
	struct fc_store_filter f = {.status = "active", .overdue = true, .limit = 10};
	struct overdue_ctx oc = {r, 0};
	size_t total = 0;
	fc_store_findings(r->c->store, &f, overdue_row, &oc, &total);
	if (!oc.n && !ic.n)
		fc_buf_addf(b, "<tr><td colspan=\"5\" class=\"note\">%s</td></tr>", T(r, "無逾期事項。", "Nothing overdue."));
	fc_buf_adds(b, "</tbody></table>");
	if (overdue > (int64_t)oc.n)
		fc_buf_addf(b, "<p><a href=\"/findings?overdue=1\">%s (%lld)</a></p>", T(r, "全部逾期缺失", "All overdue findings"),
			    (long long)overdue);
	fc_buf_adds(b, "</section>");
	if (have)
		compliance_charts(r, &run);
	trend_chart(r);
	fc_buf_adds(b, "</div>");
}

/* The overview is the page everybody opens: its main part is kept per
 * language until the audit chain's head moves (every write appends to it:
 * runs, lifecycle changes, incidents, imports, logins) or the minute
 * changes (overdue states and countdowns). */
void fc_page_overview(struct fc_req *r)
{
	struct fc_buf *b = &r->body;
	struct fc_web *w = r->w;
	int64_t seq = -1;
	int64_t minute = fc_web_now() / 60;
	if (fc_db_query_int(r->db, "SELECT seq FROM audit_head WHERE id = 1", NULL, 0, 0, &seq))
		seq = -1;
	fc_h_open(r, T(r, "總覽", "Overview"), "overview");
	int li = r->zh ? 0 : 1;
	bool hit = false;
	if (seq >= 0) {
		pthread_mutex_lock(&w->cache_lock);
		if (w->ov[li].html && w->ov[li].seq == seq && w->ov[li].minute == minute) {
			fc_buf_add(b, w->ov[li].html, w->ov[li].len);
			hit = true;
		}
		pthread_mutex_unlock(&w->cache_lock);
	}
	if (!hit) {
		size_t start = b->len;
		overview_main(r);
		if (seq >= 0 && !fc_buf_err(b)) {
			char *copy = fc_malloc(b->len - start + 1);
			if (copy) {
				memcpy(copy, b->p + start, b->len - start);
				pthread_mutex_lock(&w->cache_lock);
				fc_free(w->ov[li].html);
				w->ov[li].html = copy;
				w->ov[li].len = b->len - start;
				w->ov[li].seq = seq;
				w->ov[li].minute = minute;
				pthread_mutex_unlock(&w->cache_lock);
			}
		}
	}
	fc_h_close(r);
}

/* ------------------------------------------------------------- findings */

struct list_ctx {
	struct fc_req *r;
	size_t n;
};

static void list_row(const struct fc_store_finding *x, void *ud)
{
	struct list_ctx *l = ud;
	struct fc_req *r = l->r;
	struct fc_buf *b = &r->body;
	l->n++;
	fc_buf_adds(b, "<tr><td>");
	fc_h_sev(b, x->severity, r->zh);
	fc_buf_adds(b, "</td><td><a href=\"/findings/");
	fc_h_url(b, x->id);
	fc_buf_adds(b, "\">");
	fc_h(b, r->zh ? x->title_zh : x->title_en);
	fc_buf_adds(b, "</a><div class=\"sub\">");
	fc_h(b, x->check_id);
	fc_buf_adds(b, "</div></td><td>");
	fc_h(b, x->object);
	fc_buf_adds(b, "</td><td>");
	fc_h(b, x->system_id ? x->system_id : "");
	fc_buf_addf(b, "</td><td><span class=\"st st-%s\">", x->status ? x->status : "");
	fc_h(b, fc_web_status_label(x->status, r->zh));
	fc_buf_addf(b, "</span></td><td class=\"nowrap%s\">", x->overdue ? " late" : "");
	fc_h_date(b, x->due);
	fc_buf_adds(b, "</td><td class=\"ctl\">");
	fc_h(b, x->controls);
	fc_buf_adds(b, "</td></tr>");
}

static void option(struct fc_buf *b, const char *val, const char *label, const char *cur)
{
	fc_buf_adds(b, "<option value=\"");
	fc_h(b, val);
	fc_buf_addf(b, "\"%s>", cur && !strcmp(cur, val) ? " selected" : "");
	fc_h(b, label);
	fc_buf_adds(b, "</option>");
}

void fc_page_findings(struct fc_req *r)
{
	struct fc_buf *b = &r->body;
	const char *status = fc_web_arg(r, "status"), *sev = fc_web_arg(r, "severity"), *control = fc_web_arg(r, "control");
	const char *system = fc_web_arg(r, "system"), *check = fc_web_arg(r, "check");
	bool overdue = fc_web_arg(r, "overdue") != NULL;
	if (!status)
		status = "active";
	if (!strcmp(status, "all"))
		status = NULL;
	fc_h_open(r, T(r, "缺失追蹤", "Findings"), "findings");
	fc_buf_addf(b, "<h1>%s</h1>", T(r, "缺失追蹤", "Findings"));
	fc_buf_addf(b, "<form method=\"get\" action=\"/findings\" class=\"filters\" id=\"filters\"><label>%s<select name=\"status\" "
		       "id=\"f-status\">",
		    T(r, "狀態", "Status"));
	const char *cur = status ? status : "all";
	option(b, "active", T(r, "處理中（未改善、改善中、風險接受）", "Active"), cur);
	option(b, "all", T(r, "全部", "All"), cur);
	static const char *const sts[] = {"open", "in_remediation", "fixed", "verified", "closed", "accepted"};
	for (int i = 0; i < 6; i++)
		option(b, sts[i], fc_web_status_label(sts[i], r->zh), cur);
	fc_buf_addf(b, "</select></label><label>%s<select name=\"severity\" id=\"f-severity\">", T(r, "風險等級", "Severity"));
	option(b, "", T(r, "全部", "All"), sev ? sev : "");
	for (int i = 0; i < FC_SEV__COUNT; i++)
		option(b, fc_severity_name((enum fc_severity)i), fc_web_sev_label(fc_severity_name((enum fc_severity)i), r->zh), sev);
	fc_buf_addf(b, "</select></label><label>%s<input name=\"control\" id=\"f-control\" placeholder=\"CC-18000\" value=\"",
		    T(r, "控制項", "Control"));
	fc_h(b, control);
	fc_buf_addf(b, "\" maxlength=\"40\"></label><label>%s<input name=\"system\" id=\"f-system\" placeholder=\"ETRADE\" value=\"",
		    T(r, "系統", "System"));
	fc_h(b, system);
	fc_buf_addf(b, "\" maxlength=\"64\"></label><label>%s<input name=\"check\" id=\"f-check\" placeholder=\"account.dormant\" value=\"",
		    T(r, "檢查項目", "Check"));
	fc_h(b, check);
	fc_buf_addf(b, "\" maxlength=\"128\"></label><label class=\"cb\"><input type=\"checkbox\" name=\"overdue\" value=\"1\" "
		       "id=\"f-overdue\"%s>%s</label><button type=\"submit\" id=\"f-apply\">%s</button></form>",
		    overdue ? " checked" : "", T(r, "僅逾期", "Overdue only"), T(r, "篩選", "Filter"));
	struct fc_store_filter f = {.status = status,
				    .severity = sev,
				    .control = control,
				    .system = system,
				    .check = check,
				    .overdue = overdue,
				    .limit = WEB_MAX_LIST};
	fc_buf_addf(b, "<table class=\"list\" id=\"findings\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		       "<th>%s</th><th>%s</th></tr></thead><tbody>",
		    T(r, "等級", "Severity"), T(r, "缺失", "Finding"), T(r, "對象", "Object"), T(r, "系統", "System"),
		    T(r, "狀態", "Status"), T(r, "改善期限", "Due"), T(r, "控制項", "Controls"));
	struct list_ctx l = {r, 0};
	size_t total = 0;
	enum fc_status st = fc_store_findings(r->c->store, &f, list_row, &l, &total);
	fc_buf_adds(b, "</tbody></table>");
	if (st)
		fc_buf_addf(b, "<p class=\"flash err\">%s</p>", T(r, "篩選條件有誤。", "Invalid filter."));
	fc_buf_addf(b, "<p class=\"note\" id=\"count\" data-count=\"%zu\">%s %zu%s</p>", total, T(r, "符合條件：", "Matching:"),
		    total, total > l.n ? T(r, "（僅列前 500 筆）", " (first 500 shown)") : "");
	fc_h_close(r);
}

struct detail_ctx {
	struct fc_req *r;
	bool found;
	char status[24], acc_status[16], acc_requester[65];
	char check[129];
};

static void dl_row(struct fc_buf *b, const char *k, const char *v)
{
	fc_buf_adds(b, "<dt>");
	fc_h(b, k);
	fc_buf_adds(b, "</dt><dd>");
	fc_h(b, v && *v ? v : "—");
	fc_buf_adds(b, "</dd>");
}

static void detail_cb(const struct fc_store_finding *x, void *ud)
{
	struct detail_ctx *c = ud;
	struct fc_req *r = c->r;
	struct fc_buf *b = &r->body;
	c->found = true;
	snprintf(c->status, sizeof c->status, "%s", x->status ? x->status : "");
	snprintf(c->check, sizeof c->check, "%s", x->check_id ? x->check_id : "");
	snprintf(c->acc_status, sizeof c->acc_status, "%s", x->acc_status ? x->acc_status : "");
	snprintf(c->acc_requester, sizeof c->acc_requester, "%s", x->acc_requester ? x->acc_requester : "");
	fc_buf_adds(b, "<h1>");
	fc_h_sev(b, x->severity, r->zh);
	fc_buf_adds(b, " ");
	fc_h(b, r->zh ? x->title_zh : x->title_en);
	fc_buf_addf(b, "</h1><p class=\"sub\"><span class=\"st st-%s\" id=\"status\">", x->status ? x->status : "");
	fc_h(b, fc_web_status_label(x->status, r->zh));
	fc_buf_adds(b, "</span> · ");
	fc_h(b, x->check_id);
	fc_buf_adds(b, " · ");
	fc_h(b, x->id);
	fc_buf_adds(b, "</p><div class=\"grid\"><section class=\"card\"><dl>");
	dl_row(b, T(r, "對象", "Object"), x->object);
	dl_row(b, T(r, "對象類型", "Object type"), x->object_type);
	dl_row(b, T(r, "系統", "System"), x->system_id);
	dl_row(b, T(r, "說明", "Detail"), x->detail);
	dl_row(b, T(r, "控制項", "Controls"), x->controls);
	char d1[11], d2[11], d3[11];
	fc_date_fmt(x->first_seen, d1);
	fc_date_fmt(x->last_seen, d2);
	fc_date_fmt(x->due, d3);
	dl_row(b, T(r, "首次發現", "First seen"), d1);
	dl_row(b, T(r, "最近發現", "Last seen"), d2);
	fc_buf_adds(b, "<dt>");
	fc_h(b, T(r, "改善期限", "Due"));
	fc_buf_addf(b, "</dt><dd%s>", x->overdue ? " class=\"late\"" : "");
	fc_h(b, d3[0] ? d3 : "—");
	if (x->overdue)
		fc_buf_addf(b, " (%s)", T(r, "逾期", "overdue"));
	fc_buf_adds(b, "</dd>");
	dl_row(b, T(r, "負責人", "Owner"), x->owner);
	dl_row(b, T(r, "改善計畫", "Plan"), x->plan);
	dl_row(b, T(r, "備註", "Note"), x->note);
	if (x->verified_by)
		dl_row(b, T(r, "覆查人員", "Verified by"), x->verified_by);
	fc_buf_adds(b, "</dl></section>");
	const struct fc_check_meta *m = fc_catalog_check(r->w->cat, x->check_id);
	if (m) {
		fc_buf_addf(b, "<section class=\"card\"><h2>%s</h2><p>", T(r, "風險說明", "Risk"));
		fc_h(b, r->zh ? m->risk_zh : m->risk_en);
		fc_buf_addf(b, "</p><h2>%s</h2><p>", T(r, "具體改善建議", "Remediation"));
		fc_h(b, r->zh ? m->rem_zh : m->rem_en);
		fc_buf_adds(b, "</p></section>");
	}
	if (x->acc_status) {
		fc_buf_addf(b, "<section class=\"card\" id=\"acceptance\"><h2>%s</h2><dl>", T(r, "風險接受", "Risk acceptance"));
		dl_row(b, T(r, "狀態", "Status"),
		       !strcmp(x->acc_status, "approved") ? T(r, "已核准", "approved") : T(r, "待核准", "awaiting approval"));
		dl_row(b, T(r, "申請人", "Requested by"), x->acc_requester);
		dl_row(b, T(r, "核准人", "Approved by"), x->acc_approver);
		dl_row(b, T(r, "理由", "Justification"), x->acc_justification);
		dl_row(b, T(r, "補償性控制措施", "Compensating control"), x->acc_control);
		char de[11];
		fc_date_fmt(x->acc_expires, de);
		dl_row(b, T(r, "到期日", "Expires"), de);
		fc_buf_adds(b, "</dl></section>");
	}
	fc_buf_adds(b, "</div>");
}

static void sighting_cb(const struct fc_store_sighting *x, void *ud)
{
	struct fc_req *r = ud;
	struct fc_buf *b = &r->body;
	fc_buf_adds(b, "<tr><td>");
	fc_h(b, x->as_of);
	fc_buf_adds(b, "</td><td>");
	fc_h(b, x->by);
	fc_buf_adds(b, "</td><td>");
	fc_h_sev(b, x->severity, r->zh);
	fc_buf_adds(b, "</td><td class=\"ev\">");
	if (x->file) {
		fc_h(b, x->file);
		if (x->line > 0)
			fc_buf_addf(b, ":%lld", (long long)x->line);
	}
	fc_buf_adds(b, "</td><td>");
	fc_h(b, x->detail);
	fc_buf_adds(b, "</td></tr>");
}

static void history_cb(const struct fc_store_event *e, void *ud)
{
	struct fc_req *r = ud;
	struct fc_buf *b = &r->body;
	fc_buf_addf(b, "<tr><td>%lld</td><td>", (long long)e->seq);
	fc_h(b, e->at);
	fc_buf_adds(b, "</td><td>");
	fc_h(b, e->actor);
	fc_buf_adds(b, "</td><td>");
	fc_h(b, e->action);
	fc_buf_adds(b, "</td><td class=\"details\">");
	fc_h(b, e->details);
	fc_buf_adds(b, "</td></tr>");
}

static void action_form(struct fc_req *r, const char *id, const char *action, const char *label, const char *extra,
			const char *btn_id)
{
	struct fc_buf *b = &r->body;
	fc_buf_adds(b, "<form method=\"post\" action=\"/findings/");
	fc_h_url(b, id);
	fc_buf_adds(b, "\" class=\"action\">");
	fc_h_csrf(r);
	fc_buf_addf(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">%s<button type=\"submit\" id=\"%s\">", action,
		    extra ? extra : "", btn_id);
	fc_h(b, label);
	fc_buf_adds(b, "</button></form>");
}

void fc_page_finding(struct fc_req *r, const char *id)
{
	struct fc_buf *b = &r->body;
	char full[33];
	if (fc_store_resolve(r->c->store, id, full)) {
		fc_web_error(r, 404, "找不到此缺失", "no such finding");
		return;
	}
	fc_h_open(r, T(r, "缺失明細", "Finding"), "findings");
	fc_h_flash(r);
	struct detail_ctx c = {.r = r};
	fc_store_finding_get(r->c->store, full, detail_cb, &c);
	if (!c.found) {
		fc_buf_reset(b);
		fc_web_error(r, 404, "找不到此缺失", "no such finding");
		return;
	}
	/* lifecycle actions the user's role may take */
	fc_buf_addf(b, "<section class=\"card wide\" id=\"actions\"><h2>%s</h2>", T(r, "處理", "Actions"));
	bool any = false;
	bool active = !strcmp(c.status, "open") || !strcmp(c.status, "in_remediation") || !strcmp(c.status, "accepted");
	if (fc_web_can(r, FC_ROLE_ASSESSOR) && active) {
		any = true;
		char extra[1400];
		snprintf(extra, sizeof extra,
			 "<label>%s<input name=\"owner\" maxlength=\"200\"></label><label>%s<input name=\"plan\" maxlength=\"2000\">"
			 "</label><label>%s<input name=\"note\" maxlength=\"2000\"></label>",
			 T(r, "負責人", "Owner"), T(r, "改善計畫", "Plan"), T(r, "備註", "Note"));
		if (strcmp(c.status, "in_remediation"))
			action_form(r, full, "remediate", T(r, "標記為改善中", "Mark in remediation"), extra, "act-remediate");
		else
			action_form(r, full, "update", T(r, "更新", "Update"), extra, "act-update");
		if (strcmp(c.acc_status, "requested")) {
			char ex2[1600];
			snprintf(ex2, sizeof ex2,
				 "<label>%s<input name=\"justification\" id=\"acc-justification\" required maxlength=\"2000\"></label>"
				 "<label>%s<input name=\"control\" id=\"acc-control\" required maxlength=\"2000\"></label>"
				 "<label>%s<input name=\"expires\" id=\"acc-expires\" type=\"date\" required></label>",
				 T(r, "接受理由", "Justification"), T(r, "補償性控制措施", "Compensating control"),
				 T(r, "到期日", "Expires"));
			action_form(r, full, "accept_request", T(r, "申請風險接受", "Request risk acceptance"), ex2, "act-accept-request");
		}
	}
	if (fc_web_can(r, FC_ROLE_ADMIN) && !strcmp(c.acc_status, "requested")) {
		any = true;
		bool self = !strcmp(c.acc_requester, r->s.user);
		if (self)
			fc_buf_addf(b, "<p class=\"note\">%s</p>",
				    T(r, "申請人不得自行核准，需由另一位管理者核准。", "The requester cannot approve: another admin must."));
		char ex[600];
		snprintf(ex, sizeof ex, "<label>%s<input name=\"note\" maxlength=\"2000\"></label>", T(r, "意見", "Note"));
		action_form(r, full, "accept_approve", T(r, "核准風險接受", "Approve risk acceptance"), ex, "act-accept-approve");
		action_form(r, full, "accept_reject", T(r, "退回", "Reject"), ex, "act-accept-reject");
	}
	if (fc_web_can(r, FC_ROLE_ADMIN) && !strcmp(c.acc_status, "approved")) {
		any = true;
		action_form(r, full, "accept_revoke", T(r, "撤銷風險接受", "Revoke risk acceptance"), NULL, "act-accept-revoke");
	}
	if (fc_web_can(r, FC_ROLE_AUDITOR) && !strcmp(c.status, "fixed")) {
		any = true;
		char ex[600];
		snprintf(ex, sizeof ex, "<label>%s<input name=\"note\" maxlength=\"2000\"></label>", T(r, "覆查紀錄", "Note"));
		action_form(r, full, "reverify_pass", T(r, "覆查確認已改善", "Re-verified: fixed"), ex, "act-verify-pass");
		action_form(r, full, "reverify_fail", T(r, "覆查未改善", "Re-verified: not fixed"), ex, "act-verify-fail");
	}
	if (fc_web_can(r, FC_ROLE_AUDITOR) && !strcmp(c.status, "verified")) {
		any = true;
		action_form(r, full, "close", T(r, "結案", "Close"), NULL, "act-close");
	}
	if (!any)
		fc_buf_addf(b, "<p class=\"note\">%s</p>", T(r, "您的角色在此狀態無可執行之處理。", "No action for your role in this state."));
	fc_buf_adds(b, "</section>");
	fc_buf_addf(b, "<section class=\"card wide\"><h2>%s</h2><table class=\"list\" id=\"evidence\"><thead><tr><th>%s</th><th>%s</th>"
		       "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    T(r, "歷次發現與證據", "Sightings and evidence"), T(r, "評估基準日", "As of"), T(r, "執行者", "By"),
		    T(r, "等級", "Severity"), T(r, "證據", "Evidence"), T(r, "說明", "Detail"));
	fc_store_sightings(r->c->store, full, sighting_cb, r);
	fc_buf_addf(b, "</tbody></table></section><section class=\"card wide\"><h2>%s</h2><table class=\"list\" id=\"history\">"
		       "<thead><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    T(r, "處理歷程（稽核軌跡）", "History (audit chain)"), T(r, "時間", "When"), T(r, "人員", "Who"),
		    T(r, "動作", "Action"), T(r, "內容", "Details"));
	fc_store_history(r->c->store, full, history_cb, r);
	fc_buf_adds(b, "</tbody></table></section>");
	fc_h_close(r);
}

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

void fc_page_finding_post(struct fc_req *r, const char *id)
{
	char full[33];
	if (fc_store_resolve(r->c->store, id, full)) {
		fc_web_error(r, 404, "找不到此缺失", "no such finding");
		return;
	}
	const char *a = fc_web_field(r, "action");
	const char *note = nz(fc_web_field(r, "note"));
	struct fc_store *s = r->c->store;
	enum fc_status st = FC_EUSAGE;
	int need;
	if (!a)
		a = "";
	if (!strcmp(a, "remediate") || !strcmp(a, "update") || !strcmp(a, "accept_request"))
		need = FC_ROLE_ASSESSOR;
	else if (!strncmp(a, "accept_", 7))
		need = FC_ROLE_ADMIN;
	else if (!strncmp(a, "reverify_", 9) || !strcmp(a, "close"))
		need = FC_ROLE_AUDITOR;
	else {
		fc_web_error(r, 400, "未知的處理動作", "unknown action");
		return;
	}
	if (!fc_web_can(r, need)) {
		fc_web_error(r, 403, "您的角色不得執行此動作", "your role may not do this");
		return;
	}
	if (!strcmp(a, "remediate") || !strcmp(a, "update")) {
		struct fc_store_change c = {.status = !strcmp(a, "remediate") ? "in_remediation" : NULL,
					    .owner = nz(fc_web_field(r, "owner")),
					    .plan = nz(fc_web_field(r, "plan")),
					    .note = note};
		st = fc_store_update(s, full, r->s.user, &c);
	} else if (!strcmp(a, "accept_request")) {
		int32_t exp = FC_NO_DATE;
		const char *e = fc_web_field(r, "expires");
		if (!e || !fc_date_parse(e, &exp))
			fc_diag_error(&r->c->d, NULL, 0, 0, "%s", T(r, "到期日格式有誤", "expiry: expected a date"));
		/* at most a year: acceptance is reviewed at least yearly with
		 * the risk assessment (seed 001/002 每年風險評鑑) */
		st = exp == FC_NO_DATE ? FC_EUSAGE
				       : fc_store_accept_request(s, full, r->s.user, fc_web_field(r, "justification"),
								 fc_web_field(r, "control"), exp, 365);
	} else if (!strcmp(a, "accept_approve") || !strcmp(a, "accept_reject"))
		st = fc_store_accept_decide(s, full, r->s.user, !strcmp(a, "accept_approve"), note);
	else if (!strcmp(a, "accept_revoke"))
		st = fc_store_accept_revoke(s, full, r->s.user, note);
	else if (!strcmp(a, "reverify_pass") || !strcmp(a, "reverify_fail"))
		st = fc_store_reverify(s, full, r->s.user, !strcmp(a, "reverify_pass"), note);
	else if (!strcmp(a, "close")) {
		struct fc_store_change c = {.status = "closed", .note = note};
		st = fc_store_update(s, full, r->s.user, &c);
	}
	struct fc_buf to;
	fc_buf_init(&to, 2048);
	fc_buf_adds(&to, "/findings/");
	fc_h_url(&to, full);
	if (st) {
		const char *msg = fc_web_diag_last(r);
		fc_buf_adds(&to, "?err=");
		fc_h_url(&to, *msg ? msg : T(r, "無法完成此動作", "the action could not be completed"));
	} else
		fc_buf_adds(&to, "?ok=1");
	fc_web_redirect(r, fc_buf_str(&to));
	fc_buf_release(&to);
}

/* --------------------------------------------------- systems, calendar */

struct cal_event {
	int32_t day;
	char text[200];
	const char *cls;
};

struct cal {
	struct cal_event *v;
	size_t n, cap;
};

static void cal_add(struct cal *c, int32_t day, const char *cls, const char *fmt, const char *a, const char *b2)
{
	if (day == FC_NO_DATE || c->n >= 5000)
		return;
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 64;
		struct cal_event *x = fc_reallocarray(c->v, nc, sizeof *x);
		if (!x)
			return;
		c->v = x;
		c->cap = nc;
	}
	struct cal_event *e = &c->v[c->n++];
	e->day = day;
	e->cls = cls;
	snprintf(e->text, sizeof e->text, fmt, a ? a : "", b2 ? b2 : "");
}

static int cmp_ev(const void *a, const void *b)
{
	const struct cal_event *x = a, *y = b;
	return x->day < y->day ? -1 : x->day > y->day;
}

struct inc_cal_ctx {
	struct cal *cal;
	const struct fc_incident_policy *pol;
	bool zh;
};

static bool inc_cal(const struct fc_incident *i, void *ud)
{
	struct inc_cal_ctx *x = ud;
	struct fc_inc_deadline dl[FC_INC__STAGES];
	fc_incident_deadlines(i, x->pol, fc_web_now(), dl);
	for (int s = 0; s < FC_INC__STAGES; s++)
		if (!dl[s].done)
			cal_add(x->cal, fc_ts_day(dl[s].due), "inc", "%s %s", i->ref,
				fc_inc_stage_label((enum fc_inc_stage)s, x->zh));
	return true;
}

void fc_page_systems(struct fc_req *r)
{
	struct fc_buf *b = &r->body;
	struct fc_web *w = r->w;
	struct cal cal = {0};
	fc_h_open(r, T(r, "系統與評估行事曆", "Systems and assessment calendar"), "systems");
	fc_buf_addf(b, "<h1>%s</h1>", T(r, "系統與評估行事曆", "Systems and assessment calendar"));
	if (!w->bundle) {
		fc_buf_addf(b, "<p class=\"note\">%s</p>",
			    T(r, "未載入證據包：以 fincheck serve --bundle DIR 啟動即可顯示系統清冊與評估週期。",
			      "No bundle loaded: start with fincheck serve --bundle DIR to show the systems and their assessment cycles."));
	} else {
		pthread_mutex_lock(&w->plan_lock);
		struct fc_bundle *bd = w->bundle;
		int32_t saved_asof = bd->as_of;
		bd->as_of = today();
		/* the tracker's major incidents join systems.csv's
		 * last_major_incident for the reassessment rule (seed 004 三、三) */
		int32_t *saved = fc_calloc(bd->systems.n ? bd->systems.n : 1, sizeof *saved);
		for (size_t i = 0; saved && i < bd->systems.n; i++) {
			saved[i] = bd->systems.v[i].last_major_incident;
			int32_t t = FC_NO_DATE;
			if (!fc_incident_last_major(r->db, bd->systems.v[i].id, &t) && t != FC_NO_DATE &&
			    (saved[i] == FC_NO_DATE || t > saved[i]))
				bd->systems.v[i].last_major_incident = t;
		}
		struct fc_plan_params pp;
		fc_plan_params_load(&pp, w->params);
		struct fc_plan_opts po = {.zh = r->zh, .no_draw = true};
		struct fc_plan *plan = NULL;
		if (saved && !fc_plan_build(bd, &pp, &po, &plan)) {
			fc_buf_addf(b, "<table class=\"list\" id=\"systems\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
				       "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				    T(r, "系統", "System"), T(r, "類別", "Category"), T(r, "負責人", "Owner"),
				    T(r, "上次評估", "Last assessed"), T(r, "週期", "Cycle"), T(r, "下次到期", "Next due"),
				    T(r, "重大事件", "Major incident"), T(r, "說明", "Notes"));
			for (size_t i = 0; i < plan->nsystems; i++) {
				const struct fc_plan_system *ps = &plan->systems[i];
				fc_buf_adds(b, "<tr><td><b>");
				fc_h(b, ps->sys->id);
				fc_buf_adds(b, "</b> ");
				fc_h(b, ps->sys->name);
				fc_buf_addf(b, "</td><td>%d</td><td>", ps->category);
				fc_h(b, ps->sys->owner);
				fc_buf_adds(b, "</td><td>");
				fc_h_date(b, ps->last_assessed);
				fc_buf_addf(b, "</td><td>%d %s</td><td%s>", ps->cycle_days, T(r, "天", "days"),
					    ps->overdue ? " class=\"late\"" : "");
				fc_h_date(b, ps->next_due);
				fc_buf_adds(b, "</td><td>");
				if (ps->incident != FC_NO_DATE) {
					fc_h_date(b, ps->incident);
					fc_buf_addf(b, "<div class=\"sub%s\">%s ", ps->reassess_pending ? " late" : "",
						    T(r, "重新評估期限", "reassess by"));
					fc_h_date(b, ps->reassess_due);
					fc_buf_adds(b, "</div>");
				}
				fc_buf_adds(b, "</td><td>");
				for (size_t k = 0; k < ps->nreasons; k++) {
					fc_buf_adds(b, "<div>");
					fc_h(b, ps->reasons[k]);
					fc_buf_adds(b, "</div>");
				}
				fc_buf_adds(b, "</td></tr>");
				cal_add(&cal, ps->next_due, "assess", r->zh ? "%s 資訊安全評估到期" : "%s assessment due",
					ps->sys->id, NULL);
				if (ps->incident != FC_NO_DATE && ps->reassess_pending)
					cal_add(&cal, ps->reassess_due, "assess",
						r->zh ? "%s 重大事件後重新評估期限" : "%s reassessment after incident", ps->sys->id,
						NULL);
			}
			fc_buf_adds(b, "</tbody></table>");
			if (plan->plan.present)
				cal_add(&cal, plan->plan.next_review, "assess", r->zh ? "評估計畫重新審視%s" : "assessment plan review%s",
					"", NULL);
			fc_plan_free(plan);
		}
		for (size_t i = 0; saved && i < bd->systems.n; i++)
			bd->systems.v[i].last_major_incident = saved[i];
		bd->as_of = saved_asof;
		fc_free(saved);
		pthread_mutex_unlock(&w->plan_lock);
	}
	/* finding deadlines: one entry per day and severity */
	struct fc_stmt *s = NULL;
	if (!fc_db_prepare(r->db,
			   "SELECT due, severity, count(*) FROM findings WHERE status IN ('open', 'in_remediation') "
			   "AND due IS NOT NULL AND due <> '' GROUP BY due, severity ORDER BY due",
			   &s)) {
		while (fc_stmt_step(s) == FC_DB_ROW) {
			int32_t d;
			if (!fc_stmt_text(s, 0) || !fc_date_parse(fc_stmt_text(s, 0), &d))
				continue;
			char n[24];
			snprintf(n, sizeof n, "%lld", (long long)fc_stmt_int(s, 2));
			cal_add(&cal, d, "due", r->zh ? "%s 項%s風險缺失改善期限" : "%s %s finding(s) due", n,
				fc_web_sev_label(fc_stmt_text(s, 1), r->zh));
		}
		fc_stmt_free(s);
	}
	struct inc_cal_ctx ic = {&cal, &w->inc, r->zh};
	fc_incident_each(r->db, true, inc_cal, &ic);
	if (cal.n)
		fc_qsort(cal.v, cal.n, sizeof *cal.v, cmp_ev);
	/* twelve months from this one; earlier items are overdue */
	int y, m, d;
	int32_t t = today();
	fc_civil_from_days(t, &y, &m, &d);
	fc_buf_addf(b, "<h2>%s</h2><div class=\"calendar\" id=\"calendar\">", T(r, "評估行事曆（未來十二個月）", "Calendar (next twelve months)"));
	size_t k = 0;
	int32_t first = fc_days_from_civil(y, m, 1);
	fc_buf_addf(b, "<div class=\"month past\"><h3>%s</h3><ul>", T(r, "已逾期", "Overdue"));
	for (; k < cal.n && cal.v[k].day < first; k++) {
		fc_buf_addf(b, "<li class=\"%s late\"><time>", cal.v[k].cls);
		fc_h_date(b, cal.v[k].day);
		fc_buf_adds(b, "</time> ");
		fc_h(b, cal.v[k].text);
		fc_buf_adds(b, "</li>");
	}
	fc_buf_adds(b, "</ul></div>");
	for (int i = 0; i < 12; i++) {
		int yy = y + (m - 1 + i) / 12, mm = (m - 1 + i) % 12 + 1;
		int32_t end = fc_days_from_civil(mm == 12 ? yy + 1 : yy, mm == 12 ? 1 : mm + 1, 1);
		fc_buf_addf(b, "<div class=\"month\"><h3>%04d-%02d</h3><ul>", yy, mm);
		for (; k < cal.n && cal.v[k].day < end; k++) {
			fc_buf_addf(b, "<li class=\"%s%s\"><time>", cal.v[k].cls, cal.v[k].day < t ? " late" : "");
			fc_h_date(b, cal.v[k].day);
			fc_buf_adds(b, "</time> ");
			fc_h(b, cal.v[k].text);
			fc_buf_adds(b, "</li>");
		}
		fc_buf_adds(b, "</ul></div>");
	}
	fc_buf_adds(b, "</div>");
	fc_free(cal.v);
	fc_h_close(r);
}

/* ------------------------------------------------------------ incidents */

struct inc_list_ctx {
	struct fc_req *r;
	size_t n;
};

static bool inc_row(const struct fc_incident *i, void *ud)
{
	struct inc_list_ctx *x = ud;
	struct fc_req *r = x->r;
	struct fc_buf *b = &r->body;
	struct fc_inc_deadline dl[FC_INC__STAGES];
	int64_t now = fc_web_now();
	fc_incident_deadlines(i, &r->w->inc, now, dl);
	x->n++;
	char ts[26];
	fc_buf_adds(b, "<section class=\"card wide incident\" id=\"");
	fc_h_url(b, i->ref);
	fc_buf_adds(b, "\"><h2>");
	fc_h(b, i->ref);
	fc_buf_adds(b, " ");
	fc_h(b, i->title);
	if (i->major)
		fc_buf_addf(b, " <span class=\"sev sev-critical\">%s</span>", T(r, "重大", "major"));
	fc_ts_fmt(i->detected_at, ts);
	fc_buf_addf(b, "</h2><p class=\"sub\">%s ", T(r, "發現時間", "Detected"));
	fc_h_ts(b, i->detected_at);
	if (i->level)
		fc_buf_addf(b, " · %s %d", T(r, "等級", "level"), i->level);
	if (i->nsystems) {
		fc_buf_addf(b, " · %s ", T(r, "影響系統", "systems"));
		for (int k = 0; k < i->nsystems; k++) {
			if (k)
				fc_buf_adds(b, ", ");
			fc_h(b, i->systems[k]);
		}
	}
	fc_buf_adds(b, "</p><ol class=\"stages\">");
	for (int s = 0; s < FC_INC__STAGES; s++) {
		char dur[32];
		fc_duration_fmt(dl[s].remaining, dur, r->zh);
		fc_ts_fmt(dl[s].due, ts);
		fc_buf_addf(b, "<li class=\"stage %s\"><b>%s</b> <span class=\"state\">%s</span><div>%s ",
			    fc_inc_state_name(dl[s].state), fc_inc_stage_label((enum fc_inc_stage)s, r->zh),
			    fc_inc_state_label(dl[s].state, r->zh), T(r, "期限", "due"));
		fc_h_ts(b, dl[s].due);
		fc_buf_adds(b, "</div>");
		if (dl[s].state == FC_INC_PENDING || dl[s].state == FC_INC_OVERDUE)
			fc_buf_addf(b, "<div class=\"countdown\" data-due=\"%lld\" data-zh=\"%d\">%s %s</div>",
				    (long long)dl[s].due, r->zh,
				    dl[s].state == FC_INC_OVERDUE ? T(r, "已逾", "overdue by") : T(r, "剩餘", "left:"), dur);
		else {
			fc_buf_addf(b, "<div>%s ", T(r, "完成", "done"));
			fc_h_ts(b, dl[s].done);
			fc_buf_adds(b, "</div>");
		}
		if (!dl[s].done && fc_web_can(r, FC_ROLE_ASSESSOR)) {
			static const char *const what[] = {"initial", "formal", "close"};
			fc_buf_adds(b, "<form method=\"post\" action=\"/incidents/");
			fc_h_url(b, i->ref);
			fc_buf_addf(b, "/%s\" class=\"inline\">", what[s]);
			fc_h_csrf(r);
			fc_buf_addf(b, "<input type=\"datetime-local\" name=\"at\" aria-label=\"%s\"><button type=\"submit\">%s</button></form>",
				    T(r, "時間（空白為現在）", "time (empty = now)"), T(r, "登錄", "Record"));
		}
		fc_buf_adds(b, "</li>");
	}
	fc_buf_adds(b, "</ol></section>");
	return x->n < 200;
}

void fc_page_incidents(struct fc_req *r)
{
	struct fc_buf *b = &r->body;
	fc_h_open(r, T(r, "資安事件通報", "Incident reporting"), "incidents");
	fc_buf_addf(b, "<h1>%s</h1><p class=\"note\">", T(r, "資安事件通報", "Incident reporting"));
	fc_buf_addf(b, T(r, "通報期限自發現時起算：初步通報 %d 分鐘、正式通報 %d 小時、解除通報 %d 天（證交所資安通報規定）。",
			 "Deadlines count from detection: initial report %d minutes, formal report %d hours, closure %d days."),
		    r->w->inc.initial_min, r->w->inc.formal_hours, r->w->inc.close_days);
	fc_buf_adds(b, "</p>");
	fc_h_flash(r);
	if (fc_web_can(r, FC_ROLE_ASSESSOR)) {
		fc_buf_addf(b, "<details class=\"card wide\"><summary>%s</summary><form method=\"post\" action=\"/incidents\" id=\"inc-open\">",
			    T(r, "登錄新事件", "Record a new incident"));
		fc_h_csrf(r);
		fc_buf_addf(b, "<label>%s<input name=\"title\" required maxlength=\"500\"></label>"
			       "<label>%s<input name=\"detected\" type=\"datetime-local\" required></label>"
			       "<label>%s<select name=\"level\"><option value=\"\">—</option><option>1</option><option>2</option>"
			       "<option>3</option><option>4</option></select></label>"
			       "<label>%s<input name=\"systems\" placeholder=\"ETRADE, BACKOFFICE\" maxlength=\"600\"></label>"
			       "<label class=\"cb\"><input type=\"checkbox\" name=\"major\" value=\"1\">%s</label>"
			       "<button type=\"submit\">%s</button></form></details>",
			    T(r, "事件摘要", "Summary"), T(r, "發現時間（台北時間）", "Detected (Taipei time)"), T(r, "等級", "Level"),
			    T(r, "影響系統（逗號分隔）", "Systems (comma-separated)"),
			    T(r, "重大資安事件（系統須於三個月內重新評估）", "Major incident (systems must be reassessed within three months)"),
			    T(r, "登錄", "Record"));
	}
	struct inc_list_ctx x = {r, 0};
	fc_buf_addf(b, "<h2>%s</h2>", T(r, "處理中", "Open"));
	fc_incident_each(r->db, true, inc_row, &x);
	if (!x.n)
		fc_buf_addf(b, "<p class=\"note\">%s</p>", T(r, "沒有處理中的事件。", "No open incidents."));
	fc_buf_addf(b, "<h2>%s</h2><table class=\"list\" id=\"closed\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		       "<th>%s</th></tr></thead><tbody>",
		    T(r, "已解除", "Closed"), T(r, "編號", "Ref"), T(r, "摘要", "Summary"), T(r, "初步通報", "Initial"),
		    T(r, "正式通報", "Formal"), T(r, "解除", "Closure"));
	/* closed ones as a table */
	struct fc_stmt *s = NULL;
	if (!fc_db_prepare(r->db,
			   "SELECT ref, title, detected_at, initial_report_at, formal_report_at, closed_at FROM incidents "
			   "WHERE closed_at IS NOT NULL ORDER BY detected_at DESC LIMIT 100",
			   &s)) {
		while (fc_stmt_step(s) == FC_DB_ROW) {
			struct fc_incident i = {.detected_at = fc_stmt_int(s, 2),
						.initial_at = fc_stmt_int(s, 3),
						.formal_at = fc_stmt_int(s, 4),
						.closed_at = fc_stmt_int(s, 5)};
			struct fc_inc_deadline dl[FC_INC__STAGES];
			fc_incident_deadlines(&i, &r->w->inc, fc_web_now(), dl);
			fc_buf_adds(b, "<tr><td>");
			fc_h(b, fc_stmt_text(s, 0));
			fc_buf_adds(b, "</td><td>");
			fc_h(b, fc_stmt_text(s, 1));
			fc_buf_adds(b, "</td>");
			for (int k = 0; k < FC_INC__STAGES; k++)
				fc_buf_addf(b, "<td class=\"%s\">%s</td>", dl[k].state == FC_INC_ON_TIME ? "" : "late",
					    fc_inc_state_label(dl[k].state, r->zh));
			fc_buf_adds(b, "</tr>");
		}
		fc_stmt_free(s);
	}
	fc_buf_adds(b, "</tbody></table>");
	fc_h_close(r);
}

static bool parse_local_time(const char *s, int64_t *out)
{
	bool never = false;
	return s && *s && fc_ts_parse(s, out, &never) && !never;
}

void fc_page_incident_post(struct fc_req *r, const char *ref, const char *what)
{
	if (!fc_web_can(r, FC_ROLE_ASSESSOR)) {
		fc_web_error(r, 403, "您的角色不得登錄事件", "your role may not record incidents");
		return;
	}
	enum fc_status st;
	char newref[FC_INC_REF_MAX + 1] = "";
	if (!ref) {
		int64_t det = 0, level = 0;
		const char *lv = fc_web_field(r, "level");
		if (lv && *lv && (!fc_parse_i64(lv, &level) || level < 1 || level > 4))
			level = -1;
		const char *sys[FC_INC_MAX_SYSTEMS + 1];
		int ns = 0;
		char buf[640];
		snprintf(buf, sizeof buf, "%s", fc_web_field(r, "systems") ? fc_web_field(r, "systems") : "");
		char *p = buf;
		while (*p && ns <= FC_INC_MAX_SYSTEMS) {
			while (*p == ' ' || *p == ',' || *p == ';')
				p++;
			if (!*p)
				break;
			sys[ns++] = p;
			while (*p && *p != ',' && *p != ';' && *p != ' ')
				p++;
			if (*p)
				*p++ = '\0';
		}
		if (!parse_local_time(fc_web_field(r, "detected"), &det))
			st = FC_EUSAGE;
		else
			st = fc_incident_open(r->db, NULL, fc_web_field(r, "title"), (int)level, fc_web_field(r, "major") != NULL, det,
					      sys, ns, r->s.user, newref, &r->c->d);
	} else {
		int stage = !strcmp(what, "initial") ? FC_INC_INITIAL
			    : !strcmp(what, "formal") ? FC_INC_FORMAL
			    : !strcmp(what, "close")	 ? FC_INC_CLOSE
							 : -1;
		if (stage < 0) {
			fc_web_error(r, 404, "未知的動作", "unknown action");
			return;
		}
		int64_t at = fc_web_now();
		const char *as = fc_web_field(r, "at");
		if (as && *as && !parse_local_time(as, &at))
			st = FC_EUSAGE;
		else
			st = fc_incident_mark(r->db, ref, (enum fc_inc_stage)stage, at, r->s.user, &r->c->d);
	}
	struct fc_buf to;
	fc_buf_init(&to, 2048);
	fc_buf_adds(&to, "/incidents");
	if (st) {
		const char *msg = fc_web_diag_last(r);
		fc_buf_adds(&to, "?err=");
		fc_h_url(&to, *msg ? msg : T(r, "輸入有誤（時間、等級或摘要）", "invalid input (time, level or summary)"));
	} else {
		fc_buf_adds(&to, "?ok=1#");
		fc_h_url(&to, ref ? ref : newref);
	}
	fc_web_redirect(r, fc_buf_str(&to));
	fc_buf_release(&to);
}

/* -------------------------------------------------------------- reports */

void fc_page_reports(struct fc_req *r)
{
	struct fc_buf *b = &r->body;
	fc_h_open(r, T(r, "報表下載", "Reports"), "reports");
	fc_buf_addf(b, "<h1>%s</h1><ul class=\"downloads\">", T(r, "報表下載", "Reports"));
	fc_buf_addf(b, "<li><a href=\"/reports/findings.csv\" id=\"dl-csv\">findings.csv</a> — %s</li>",
		    T(r, "全部缺失與處理狀態（試算表）", "every finding with its status (spreadsheet)"));
	fc_buf_addf(b, "<li><a href=\"/reports/findings.json\">findings.json</a> — %s</li>",
		    T(r, "同上，JSON 格式", "the same as JSON"));
	fc_buf_addf(b, "<li><a href=\"/reports/incidents.yaml\">incidents.yaml</a> — %s</li>",
		    T(r, "資安事件紀錄（可放入證據包 records/ 供評估計畫使用）",
		      "incident records (for a bundle's records/, read by the assessment program)"));
	fc_buf_addf(b, "</ul><p class=\"note\">%s</p>",
		    T(r, "正式評估報告（PDF/HTML）、findings.xlsx 與 OSCAL 由 fincheck assess --out DIR 產生。",
		      "The formal report (PDF/HTML), findings.xlsx and OSCAL come from fincheck assess --out DIR."));
	fc_h_close(r);
}

struct dl_ctx {
	struct fc_buf *b;
	struct fc_json *j;
	bool zh;
};

static void dl_row_cb(const struct fc_store_finding *x, void *ud)
{
	struct dl_ctx *c = ud;
	char d1[11], d2[11];
	fc_date_fmt(x->first_seen, d1);
	fc_date_fmt(x->due, d2);
	if (c->j) {
		fc_json_obj(c->j);
		fc_json_kstr(c->j, "id", x->id);
		fc_json_kstr(c->j, "check", x->check_id);
		fc_json_kstr(c->j, "title", c->zh ? x->title_zh : x->title_en);
		fc_json_kstr(c->j, "severity", x->severity);
		fc_json_kstr(c->j, "status", x->status);
		fc_json_kstr(c->j, "object", x->object);
		fc_json_kstr(c->j, "system", x->system_id);
		fc_json_kstr(c->j, "controls", x->controls);
		fc_json_kstr(c->j, "first_seen", d1);
		fc_json_kstr(c->j, "due", d2);
		fc_json_kbool(c->j, "overdue", x->overdue);
		fc_json_kstr(c->j, "owner", x->owner);
		fc_json_obj_end(c->j);
		return;
	}
	const char *cells[] = {x->id, x->check_id, c->zh ? x->title_zh : x->title_en, fc_web_sev_label(x->severity, c->zh),
			       fc_web_status_label(x->status, c->zh), x->object, x->system_id, x->controls, d1, d2,
			       x->overdue ? "yes" : "no", x->owner};
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
		if (i)
			fc_buf_addc(c->b, ',');
		fc_csv_cell(c->b, cells[i]);
	}
	fc_buf_adds(c->b, "\r\n");
}

void fc_page_download(struct fc_req *r, const char *name)
{
	struct fc_buf *b = &r->body;
	struct fc_store_filter f = {0};
	if (!strcmp(name, "findings.csv")) {
		r->ctype = "text/csv; charset=utf-8";
		r->disposition = "findings.csv";
		fc_buf_adds(b, "\xEF\xBB\xBF");
		fc_buf_adds(b, r->zh ? "編號,檢查項目,缺失,風險等級,狀態,對象,系統,控制項,首次發現,改善期限,逾期,負責人\r\n"
				     : "id,check,title,severity,status,object,system,controls,first_seen,due,overdue,owner\r\n");
		struct dl_ctx c = {b, NULL, r->zh};
		fc_store_findings(r->c->store, &f, dl_row_cb, &c, NULL);
	} else if (!strcmp(name, "findings.json")) {
		r->ctype = "application/json";
		r->disposition = "findings.json";
		struct fc_json j;
		fc_json_init(&j, b, true);
		fc_json_obj(&j);
		fc_json_key(&j, "findings");
		fc_json_arr(&j);
		struct dl_ctx c = {b, &j, r->zh};
		fc_store_findings(r->c->store, &f, dl_row_cb, &c, NULL);
		fc_json_arr_end(&j);
		fc_json_obj_end(&j);
		fc_buf_addc(b, '\n');
	} else if (!strcmp(name, "incidents.yaml")) {
		r->ctype = "application/yaml; charset=utf-8";
		r->disposition = "incidents.yaml";
		fc_incident_export_records(r->db, b);
	} else
		fc_web_error(r, 404, "找不到此報表", "no such report");
}
