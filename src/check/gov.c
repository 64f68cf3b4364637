/* Governance evidence (issue 8): records/ (YAML) judged against seeds 000–
 * 002 (policy approval level, yearly risk assessment, training hours, drills,
 * pen tests and 資安健診 by tier, source-code scans, APP certification,
 * outsourcing contracts, IoT, disposal, incident reporting) and seed 004
 * (the assessment plan, the social-engineering drill, assessor
 * qualification and independence, fleet sampling).
 *
 * A check whose record type is absent reports manual ("no … record in
 * records/"), never pass: the absence of a record proves nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../core/limits.h"
#include "../core/mem.h"
#include "../core/strutil.h"
#include "../engine/check.h"
#include "../engine/plan.h"

/* items read from one record's list field: the loader rejects longer lists */
#define MAX_LIST FC_MAX_RECORD_LIST

static void d10(int32_t d, char out[11])
{
	fc_date_fmt(d, out);
	if (!out[0])
		snprintf(out, 11, "-");
}

/* A reference to one field of a record: its line, its value as excerpt. */
static struct fc_ref fref(const struct fc_record *r, const char *field)
{
	struct fc_ref x = r->ref;
	const char *v = fc_record_str(r, field);
	x.line = fc_record_line(r, field);
	if (v && *v)
		x.excerpt = v;
	return x;
}

/* approved_by names one of the list parameter's values (case-insensitive,
 * as a part: "董事會" matches "第5屆第3次董事會") */
static bool approver_ok(struct fc_ctx *c, const char *param, const char *who)
{
	if (!who || !*who)
		return false;
	const char *const *items;
	size_t n = fc_param_list(c, param, &items);
	for (size_t i = 0; i < n; i++)
		if (fc_strcasestr(who, items[i]))
			return true;
	return false;
}

static bool is_securities(const struct fc_org *o)
{
	return o->industry == FC_IND_SECURITIES || o->industry == FC_IND_FUTURES;
}

/* Securities and futures firms: only the tiers in a list parameter (seed
 * 002 前三級 / 一二級 證券商).  1 = applies, 0 = not (n/a reported),
 * -1 = tier unknown (manual reported).  Other industries: 1. */
static int tier_gate(struct fc_ctx *c, const char *param, const char *what_zh, const char *what_en)
{
	const struct fc_org *o = &fc_ctx_bundle(c)->org;
	bool zh = fc_ctx_zh(c);
	if (!is_securities(o))
		return 1;
	if (!o->tier) {
		fc_manual(c, zh ? "org.yaml 未提供 paid_in_capital_twd，無法判定級別是否須辦理%s" :
				  "org.yaml lacks paid_in_capital_twd: cannot tell whether %s applies to this tier",
			  zh ? what_zh : what_en);
		return -1;
	}
	char t[4];
	snprintf(t, sizeof t, "%d", o->tier);
	if (fc_param_list_has(c, param, t))
		return 1;
	fc_not_applicable(c, zh ? "%s：%s之證券商無須辦理%s" : "%s: %s firms are not required to run %s",
			  o->tier_label ? o->tier_label : "?", zh ? "本級" : "this tier", zh ? what_zh : what_en);
	return 0;
}

static void no_record(struct fc_ctx *c, const char *type, const char *what_zh)
{
	fc_manual(c, fc_ctx_zh(c) ? "records/ 無 %s 紀錄（%s），請提供或人工檢視" : "no %s record in records/: provide one or review by hand",
		  type, what_zh);
}

/* The newest record of a type; manual when there is none. */
static const struct fc_record *latest_or_manual(struct fc_ctx *c, const char *type, const char *what_zh)
{
	const struct fc_record *r = fc_record_latest(fc_ctx_bundle(c), type, "date");
	if (!r)
		no_record(c, type, what_zh);
	return r;
}

/* A dated yearly (or other interval) duty: the latest record must be no
 * older than `days`.  Emits and returns true when late. */
static bool late(struct fc_ctx *c, const struct fc_record *r, int days, const char *object, const char *what_zh,
		 const char *what_en)
{
	int32_t asof = fc_ctx_asof(c), d = fc_record_date(r, "date");
	if (d == FC_NO_DATE || asof - d <= days)
		return false;
	char dd[11], due[11];
	d10(d, dd);
	d10(d + days, due);
	struct fc_ref ev = fref(r, "date");
	bool zh = fc_ctx_zh(c);
	struct fc_finding *f = fc_emit_key(c, "org", object, "late", &ev,
		zh ? "最近一次%s為 %s，應於 %s 前再辦理（間隔上限 %d 天），已逾 %d 天" :
		     "the latest %s was on %s; the next was due by %s (at most %d days apart), %d days late",
		zh ? what_zh : what_en, dd, due, days, (int)(asof - d - days));
	(void)f;
	return true;
}

static const char *org_name(struct fc_ctx *c)
{
	const char *n = fc_ctx_bundle(c)->org.name;
	return n && *n ? n : "org";
}

/* ---- risk assessment, policy, assessment plan ---- */

/* CC-11000.2/.3: yearly risk assessment with acceptable risk levels,
 * approved by management (seed 001 風險評鑑管理未確定…可接受之資訊安全風險等級) */
static void risk_assessment(struct fc_ctx *c)
{
	const struct fc_record *r = latest_or_manual(c, "risk_assessment", "資通安全風險評鑑");
	if (!r)
		return;
	bool zh = fc_ctx_zh(c);
	late(c, r, (int)fc_param(c, "risk_assessment_days"), org_name(c), "資通安全風險評鑑", "risk assessment");
	const char *lvl = fc_record_str(r, "acceptable_risk_level");
	if (!lvl || !*lvl) {
		struct fc_ref ev = r->ref;
		fc_emit_key(c, "org", org_name(c), "risk_level", &ev,
			    zh ? "風險評鑑未訂定各作業可接受之資安風險等級（acceptable_risk_level）" :
				 "the risk assessment sets no acceptable risk level (acceptable_risk_level)");
	}
	const char *who = fc_record_str(r, "approved_by");
	if (!approver_ok(c, "management_approvers", who)) {
		struct fc_ref ev = who ? fref(r, "approved_by") : r->ref;
		fc_emit_key(c, "org", org_name(c), "approval", &ev,
			    zh ? "風險評鑑核定者「%s」非董事會或經其授權之經理部門" :
				 "the risk assessment was approved by '%s', not the board or management it authorised",
			    who && *who ? who : (zh ? "未記錄" : "not recorded"));
	}
}

/* CC-12000.3: the policy reviewed every year */
static void policy_review(struct fc_ctx *c)
{
	const struct fc_record *r = latest_or_manual(c, "policy_review", "資安政策檢視");
	if (r)
		late(c, r, (int)fc_param(c, "policy_review_days"), org_name(c), "資安政策檢視", "policy review");
}

/* seed 000 資安治理: 資安政策核定層級欠妥 — the board approves the policy */
static void policy_approval(struct fc_ctx *c)
{
	const struct fc_record *r = latest_or_manual(c, "policy_review", "資安政策檢視");
	if (!r)
		return;
	const char *who = fc_record_str(r, "approved_by");
	if (approver_ok(c, "policy_approvers", who))
		return;
	bool zh = fc_ctx_zh(c);
	char dd[11];
	d10(fc_record_date(r, "date"), dd);
	struct fc_ref ev = who ? fref(r, "approved_by") : r->ref;
	fc_emit(c, "org", org_name(c), &ev,
		zh ? "%s 之資安政策由「%s」核定，核定層級應為董（理）事會" :
		     "the security policy of %s was approved by '%s'; it needs the board's approval",
		dd, who && *who ? who : (zh ? "未記錄" : "not recorded"));
}

/* seed 004 二、二: the plan approved by the board (or management it
 * authorised) and re-reviewed at least every three years */
static void plan_review(struct fc_ctx *c)
{
	const struct fc_record *r = latest_or_manual(c, "assessment_plan", "評估計畫");
	if (!r)
		return;
	bool zh = fc_ctx_zh(c);
	late(c, r, (int)fc_param(c, "assessment_plan_review_days"), org_name(c), "評估計畫審視", "assessment-plan review");
	const char *who = fc_record_str(r, "approved_by");
	if (!approver_ok(c, "management_approvers", who)) {
		struct fc_ref ev = who ? fref(r, "approved_by") : r->ref;
		fc_emit_key(c, "org", org_name(c), "approval", &ev,
			    zh ? "評估計畫核定者「%s」非董（理）事會或經其授權之經理部門" :
				 "the assessment plan was approved by '%s', not the board or management it authorised",
			    who && *who ? who : (zh ? "未記錄" : "not recorded"));
	}
}

/* ---- people: drills and training ---- */

/* seed 004 社交演練; seed 002 一二級證券商 3 (針對未通過之人員進行資安教育訓練) */
static void social_engineering(struct fc_ctx *c)
{
	if (tier_gate(c, "social_engineering_tiers", "社交工程演練", "social-engineering drills") != 1)
		return;
	const struct fc_record *r = latest_or_manual(c, "social_engineering_drill", "社交工程演練");
	if (!r)
		return;
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	int days = (int)fc_param(c, "social_engineering_drill_days");
	int32_t asof = fc_ctx_asof(c);
	late(c, r, days, org_name(c), "社交工程演練", "social-engineering drill");
	/* every drill of the last interval: results recorded, clickers retrained */
	size_t k = 0;
	const struct fc_record *x;
	while ((x = fc_record_next(b, "social_engineering_drill", &k))) {
		int32_t d = fc_record_date(x, "date");
		if (d == FC_NO_DATE || asof - d > days || d > asof)
			continue;
		char dd[11];
		d10(d, dd);
		double rec, clk, ret;
		bool has_rec = fc_record_num(x, "recipients", &rec), has_clk = fc_record_num(x, "clicked", &clk);
		if (!has_rec || !has_clk) {
			fc_emit_key(c, "drill", dd, "results", &x->ref,
				    zh ? "%s 社交工程演練未記錄演練結果（收件人數、點擊人數）" :
					 "the social-engineering drill of %s records no results (recipients, clicked)", dd);
			continue;
		}
		if (clk > rec) {
			struct fc_ref ev = fref(x, "clicked");
			fc_emit_key(c, "drill", dd, "results", &ev,
				    zh ? "%s 社交工程演練結果不一致：點擊 %.0f 人多於收件 %.0f 人" :
					 "the drill of %s is inconsistent: %.0f clicked out of %.0f recipients", dd, clk, rec);
			continue;
		}
		if (clk > 0) {
			bool has_ret = fc_record_num(x, "retrained", &ret);
			if (!has_ret || ret < clk) {
				struct fc_ref ev = has_ret ? fref(x, "retrained") : fref(x, "clicked");
				fc_emit_key(c, "drill", dd, "retrain", &ev,
					    zh ? "%s 社交工程演練點擊 %.0f 人，僅 %.0f 人完成補強教育訓練" :
						 "the drill of %s: %.0f people clicked, only %.0f were retrained",
					    dd, clk, has_ret ? ret : 0.0);
			}
		}
	}
}

struct person {
	const char *key;	/* employee id, or the attendee text without a roster */
	const char *name;
	const struct fc_employee *emp;
	const struct fc_record *rec;	/* first training naming them (no roster) */
	double hours;
	bool security;
};

static int cmp_person(const void *a, const void *b)
{
	return strcmp(((const struct person *)a)->key, ((const struct person *)b)->key);
}

struct name_ix {
	const char *name;
	size_t i;
};

static int cmp_name_ix(const void *a, const void *b)
{
	return strcmp(((const struct name_ix *)a)->name, ((const struct name_ix *)b)->name);
}

static bool is_all(const char *s)
{
	return fc_strieq(s, "all") || fc_strieq(s, "all_staff") || !strcmp(s, "全體") || !strcmp(s, "全體員工");
}

static bool in_window(int32_t d, int32_t asof, int days)
{
	return d != FC_NO_DATE && d <= asof && asof - d < days;
}

/* CC-13000.3: security staff 15 h a year, other system users 3 h a year
 * (seed 002 人員安全: 取得訓練時數證明) */
static void training_hours(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	int32_t asof = fc_ctx_asof(c);
	const int window = 365;
	size_t k = 0, ntr = 0, ninwin = 0;
	const struct fc_record *r;
	while ((r = fc_record_next(b, "training", &k))) {
		ntr++;
		ninwin += in_window(fc_record_date(r, "date"), asof, window);
	}
	if (!ntr) {
		no_record(c, "training", "資安教育訓練");
		return;
	}
	double need_sec = fc_param_key(c, "training_hours", "security_staff", 15);
	double need_oth = fc_param_key(c, "training_hours", "other", 3);
	const char *const *secdep;
	size_t nsecdep = fc_param_list(c, "security_departments", &secdep);

	struct person *pp = NULL;
	struct name_ix *nix = NULL;
	const char **att = fc_malloc(sizeof(char *) * MAX_LIST);
	size_t np = 0, nnix = 0, unknown = 0, nolist = 0;
	double all_every = 0, all_sec = 0;
	bool roster = b->employees.n > 0;
	if (!att)
		goto oom;
	if (roster) {
		pp = fc_calloc(b->employees.n, sizeof *pp);
		nix = fc_calloc(b->employees.n, sizeof *nix);
		if (!pp || !nix)
			goto oom;
		for (size_t i = 0; i < b->employees.n; i++) {
			const struct fc_employee *e = &b->employees.v[i];
			/* leavers and people on leave are not expected to train */
			if (e->status && strcmp(e->status, "active"))
				continue;
			if (!e->employee_id)
				continue;
			struct person *p = &pp[np++];
			p->key = e->employee_id;
			p->name = e->name;
			p->emp = e;
			for (size_t j = 0; j < nsecdep && e->department; j++)
				if (fc_strcasestr(e->department, secdep[j]))
					p->security = true;
		}
		fc_qsort(pp, np, sizeof *pp, cmp_person);
		for (size_t i = 0; i < np; i++)
			if (pp[i].name && *pp[i].name)
				nix[nnix++] = (struct name_ix){pp[i].name, i};
		fc_qsort(nix, nnix, sizeof *nix, cmp_name_ix);
	} else {
		/* no roster: the people are the attendees named in the window */
		size_t cap = 0;
		k = 0;
		while ((r = fc_record_next(b, "training", &k)))
			if (in_window(fc_record_date(r, "date"), asof, window))
				cap += fc_record_list(r, "attendees", att, MAX_LIST);
		pp = fc_calloc(cap + 1, sizeof *pp);
		if (!pp)
			goto oom;
		k = 0;
		while ((r = fc_record_next(b, "training", &k))) {
			if (!in_window(fc_record_date(r, "date"), asof, window))
				continue;
			size_t na = fc_record_list(r, "attendees", att, MAX_LIST);
			for (size_t j = 0; j < na && np < cap; j++)
				if (!is_all(att[j])) {
					pp[np].key = att[j];
					pp[np].rec = r;
					np++;
				}
		}
		fc_qsort(pp, np, sizeof *pp, cmp_person);
		size_t w = 0;
		for (size_t i = 0; i < np; i++)
			if (!w || strcmp(pp[w - 1].key, pp[i].key))
				pp[w++] = pp[i];
		np = w;
	}

	k = 0;
	while ((r = fc_record_next(b, "training", &k))) {
		if (!in_window(fc_record_date(r, "date"), asof, window))
			continue;
		double h;
		if (!fc_record_num(r, "hours", &h))
			continue;
		const char *aud = fc_record_str(r, "audience");
		bool sec_course = aud && (fc_strcasestr(aud, "security") || strstr(aud, "資安"));
		size_t na = fc_record_list(r, "attendees", att, MAX_LIST);
		if (!na) {
			nolist++;
			continue; /* hours nobody can be credited with */
		}
		for (size_t j = 0; j < na; j++) {
			if (is_all(att[j])) {
				/* everyone of the audience (security staff only for a
				 * security_staff course), added once at the end */
				if (sec_course)
					all_sec += h;
				else
					all_every += h;
				continue;
			}
			struct person key = {.key = att[j]};
			struct person *p = bsearch(&key, pp, np, sizeof *pp, cmp_person);
			if (!p && roster) {
				const struct fc_employee *e = fc_employee_by_id(b, att[j]);
				if (e && e->employee_id) {
					key.key = e->employee_id;
					p = bsearch(&key, pp, np, sizeof *pp, cmp_person);
				}
				if (!p) {
					struct name_ix nk = {att[j], 0};
					struct name_ix *hit = bsearch(&nk, nix, nnix, sizeof *nix, cmp_name_ix);
					if (hit)
						p = &pp[hit->i];
				}
			}
			if (!p) {
				unknown++;
				continue;
			}
			p->hours += h;
			/* attending security-staff courses marks security staff
			 * (the roster has departments, not roles) */
			if (sec_course)
				p->security = true;
		}
	}

	if (!ninwin && !roster) {
		const struct fc_record *l = fc_record_latest(b, "training", "date");
		char dd[11];
		d10(l ? fc_record_date(l, "date") : FC_NO_DATE, dd);
		fc_emit_key(c, "org", org_name(c), "none", l ? &l->ref : NULL,
			    zh ? "最近一年無資安教育訓練紀錄（最近一次 %s）" : "no security training in the last year (latest %s)", dd);
	}
	size_t shortn = 0;
	for (size_t i = 0; i < np; i++) {
		struct person *p = &pp[i];
		p->hours += all_every + (p->security ? all_sec : 0);
		double need = p->security ? need_sec : need_oth;
		if (p->hours + 1e-9 >= need)
			continue;
		shortn++;
		const struct fc_ref *ev = p->emp ? &p->emp->ref : p->rec ? &p->rec->ref : NULL;
		struct fc_finding *f = fc_emit(c, "employee", p->key, ev,
			zh ? "%s%s%s（%s）最近一年資安教育訓練 %.1f 小時，未達 %.0f 小時" :
			     "%s%s%s (%s) had %.1f hours of security training in the last year; %.0f required",
			p->key, p->name ? " " : "", p->name ? p->name : "",
			p->security ? (zh ? "資安人員" : "security staff") : (zh ? "一般使用者" : "system user"), p->hours, need);
		(void)f;
	}
	fc_note(c, zh ? "%zu 人檢視，%zu 人未達時數；%zu 筆訓練未列出席者，%zu 名出席者不在名冊" :
			"%zu people checked, %zu short; %zu training records list no attendees, %zu attendees not on the roster",
		np, shortn, nolist, unknown);
	goto out;
oom:
	fc_check_error(c, "out of memory");
out:
	fc_free(att);
	fc_free(pp);
	fc_free(nix);
}

/* ---- continuity, testing, development ---- */

static int cmp_ci(const void *a, const void *b)
{
	return fc_strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

/* CC-20000.1; seed 002 持續營運管理 5 (備援程序演練、故障復原程序演練):
 * a drill every year, RTO met, every core system drilled */
static void bcp_drill(struct fc_ctx *c)
{
	const struct fc_record *r = latest_or_manual(c, "bcp_drill", "營運持續演練");
	if (!r)
		return;
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	int days = (int)fc_param(c, "bcp_drill_days");
	int32_t asof = fc_ctx_asof(c);
	late(c, r, days, org_name(c), "營運持續（備援、復原）演練", "business-continuity drill");
	const char **buf = fc_malloc(sizeof(char *) * MAX_LIST);
	if (!buf) {
		fc_check_error(c, "out of memory");
		return;
	}
	size_t k = 0;
	const struct fc_record *x;
	while ((x = fc_record_next(b, "bcp_drill", &k))) {
		int32_t d = fc_record_date(x, "date");
		if (!in_window(d, asof, days) || fc_record_bool(x, "rto_met") != 0)
			continue;
		char dd[11];
		d10(d, dd);
		struct fc_ref ev = fref(x, "rto_met");
		fc_emit_key(c, "drill", dd, "rto", &ev,
			    zh ? "%s 營運持續演練未達復原時間目標（RTO），應檢討改善並再演練" :
				 "the continuity drill of %s missed its recovery time objective (RTO)", dd);
	}
	/* core (or category 1) systems not drilled in the interval: the ids the
	 * drills of the window name, sorted once */
	size_t nid = 0, capid = 0;
	bool all = false;
	k = 0;
	while ((x = fc_record_next(b, "bcp_drill", &k)))
		if (in_window(fc_record_date(x, "date"), asof, days))
			capid += fc_record_list(x, "systems", buf, MAX_LIST);
	const char **ids = fc_malloc(sizeof(char *) * (capid + 1));
	if (!ids) {
		fc_free(buf);
		fc_check_error(c, "out of memory");
		return;
	}
	k = 0;
	while ((x = fc_record_next(b, "bcp_drill", &k))) {
		if (!in_window(fc_record_date(x, "date"), asof, days))
			continue;
		size_t n = fc_record_list(x, "systems", buf, MAX_LIST);
		for (size_t j = 0; j < n && nid < capid; j++) {
			all |= is_all(buf[j]);
			ids[nid++] = buf[j];
		}
	}
	fc_qsort(ids, nid, sizeof *ids, cmp_ci);
	for (size_t i = 0; i < b->systems.n && !all; i++) {
		const struct fc_system *s = &b->systems.v[i];
		if (s->core != 1 && s->category != 1)
			continue;
		bool drilled = s->id && bsearch(&s->id, ids, nid, sizeof *ids, cmp_ci);
		if (!drilled) {
			struct fc_finding *f = fc_emit_key(c, "system", s->id, "not_drilled", &s->ref,
				zh ? "核心系統 %s 最近 %d 天內未納入營運持續演練" :
				     "core system %s was not part of any continuity drill in the last %d days", s->id, days);
			fc_finding_system(f, s->id);
		}
	}
	fc_free(ids);
	fc_free(buf);
}

/* seed 002 前三級證券商 3 (滲透測試); seed 004 一、(四) 1 for systems on
 * the internet; SYS-19-7 */
static void pentest(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	if (is_securities(&b->org)) {
		if (tier_gate(c, "pentest_tiers", "滲透測試", "penetration tests") != 1)
			return;
	} else {
		bool exposed = false;
		for (size_t i = 0; i < b->systems.n && !exposed; i++)
			exposed = b->systems.v[i].internet_facing == 1;
		for (size_t i = 0; i < b->hosts.n && !exposed; i++)
			exposed = b->hosts.v[i].internet_facing == 1;
		if (!exposed) {
			fc_not_applicable(c, zh ? "清冊中無連線至網際網路之系統或主機" : "no internet-facing system or host in the inventory");
			return;
		}
	}
	const struct fc_record *r = latest_or_manual(c, "pentest", "滲透測試");
	if (r)
		late(c, r, (int)fc_param(c, "pentest_interval_days"), org_name(c), "滲透測試", "penetration test");
}

/* seed 002 前三級證券商 4: 資安健診 (tier 1 yearly, tiers 2–3 every two
 * years) covering 網路架構、網路惡意活動、伺服器主機、防火牆設定檢視 */
static void health_check(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	if (!is_securities(&b->org)) {
		fc_not_applicable(c, zh ? "資安健診之分級要求適用於證券期貨業" : "the 資安健診 tiers apply to securities and futures firms");
		return;
	}
	if (tier_gate(c, "pentest_tiers", "資安健診", "security health checks") != 1)
		return;
	const struct fc_record *r = latest_or_manual(c, "health_check", "資安健診");
	if (!r)
		return;
	char t[4];
	snprintf(t, sizeof t, "%d", b->org.tier);
	int days = (int)fc_param_key(c, "health_check_interval_days", t, 730);
	late(c, r, days, org_name(c), "資安健診", "security health check");
	/* the four parts of the health check */
	static const struct {
		const char *zh, *en, *kw[6];
	} part[] = {
		{"網路架構", "network architecture", {"網路架構", "architecture", "network", NULL}},
		{"網路惡意活動", "malicious network activity", {"惡意", "malicious", "compromise", "threat", NULL}},
		{"伺服器主機", "servers", {"伺服器", "主機", "server", "host", "endpoint", NULL}},
		{"防火牆設定檢視", "firewall configuration", {"防火牆", "firewall", NULL}},
	};
	const char *sc[64];
	size_t ns = fc_record_list(r, "scope", sc, 64);
	char missing[256] = "";
	size_t off = 0;
	for (size_t i = 0; i < sizeof part / sizeof *part; i++) {
		bool hit = false;
		for (size_t j = 0; j < ns && !hit; j++)
			for (size_t q = 0; part[i].kw[q] && !hit; q++)
				hit = fc_strcasestr(sc[j], part[i].kw[q]) != NULL;
		if (!hit && off < sizeof missing)
			off += (size_t)snprintf(missing + off, sizeof missing - off, "%s%s", off ? (zh ? "、" : ", ") : "",
						zh ? part[i].zh : part[i].en);
	}
	if (off) {
		char dd[11];
		d10(fc_record_date(r, "date"), dd);
		struct fc_ref ev = ns ? fref(r, "scope") : r->ref;
		struct fc_finding *f = fc_emit_key(c, "org", org_name(c), "scope", &ev,
			zh ? "%s 資安健診範圍未涵蓋：%s" : "the health check of %s did not cover: %s", dd, missing);
		fc_finding_severity(f, ns ? FC_SEV_MEDIUM : FC_SEV_LOW);
	}
}

/* The systems whose code must be scanned: core systems (securities); where
 * no system says core, category 1 systems on the internet (seed 004 一、
 * (四) 2). */
static bool scan_target(bool any_core, const struct fc_system *s)
{
	return any_core ? s->core == 1 : s->category == 1 && s->internet_facing == 1;
}

/* CC-19000.6, SYS-19-4; seed 002 系統開發及維護 10 (核心系統上架及更新時，
 * 應執行源碼掃描); seed 000 (源碼檢測結果之弱點修補作業欠妥) */
static void source_code_scan(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	int days = (int)fc_param(c, "source_code_scan_days");
	int32_t asof = fc_ctx_asof(c);
	size_t targets = 0, k = 0;
	bool any_core = false;
	for (size_t i = 0; i < b->systems.n && !any_core; i++)
		any_core = b->systems.v[i].core != FC_UNKNOWN;
	for (size_t i = 0; i < b->systems.n; i++)
		targets += scan_target(any_core, &b->systems.v[i]);
	if (!targets) {
		fc_not_applicable(c, zh ? "系統清冊中無核心系統" : "no core system in inventory/systems.csv");
		return;
	}
	if (!fc_record_next(b, "source_code_scan", &k)) {
		no_record(c, "source_code_scan", "源碼掃描");
		return;
	}
	struct fc_rec_ix ix;
	if (fc_rec_ix_build(&ix, b, "source_code_scan", "system_id", "date")) {
		fc_check_error(c, "out of memory");
		return;
	}
	for (size_t i = 0; i < b->systems.n; i++) {
		const struct fc_system *s = &b->systems.v[i];
		if (!scan_target(any_core, s))
			continue;
		size_t end, first = fc_rec_ix_find(&ix, s->id, &end);
		const struct fc_record *best = end > first ? ix.v[end - 1].r : NULL;
		int32_t bd = best ? ix.v[end - 1].date : FC_NO_DATE;
		struct fc_finding *f = NULL;
		char dd[11];
		d10(bd, dd);
		if (!best) {
			f = fc_emit_key(c, "system", s->id, "missing", &s->ref,
					zh ? "核心系統 %s 無源碼掃描紀錄" : "core system %s has no source-code scan on record", s->id);
		} else if (asof - bd > days) {
			struct fc_ref ev = fref(best, "date");
			f = fc_emit_key(c, "system", s->id, "late", &ev,
					zh ? "核心系統 %s 最近一次源碼掃描為 %s（版本 %s），已逾 %d 天未再掃描" :
					     "core system %s was last scanned on %s (release %s), more than %d days ago",
					s->id, dd, fc_record_str(best, "release") ? fc_record_str(best, "release") : "?", days);
		} else {
			double open;
			if (fc_record_num(best, "findings_open", &open) && open > 0) {
				struct fc_ref ev = fref(best, "findings_open");
				f = fc_emit_key(c, "system", s->id, "open", &ev,
						zh ? "核心系統 %s 於 %s 之源碼掃描尚有 %.0f 項弱點未修補" :
						     "the source-code scan of core system %s on %s still has %.0f open findings",
						s->id, dd, open);
				fc_finding_severity(f, FC_SEV_MEDIUM);
			}
		}
		if (f)
			fc_finding_system(f, s->id);
	}
	fc_rec_ix_release(&ix);
}

/* CC-19000.5; seed 002 系統開發及維護 6 (每年將APP交付合格檢測實驗室，並通過
 * 資安驗證) — firms that take orders over the internet */
static void app_certification(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	if (b->org.internet_order != 1) {
		fc_not_applicable(c, zh ? "org.yaml 未註明辦理網際網路下單（internet_order）" : "org.yaml does not state internet_order: yes");
		return;
	}
	size_t k = 0;
	if (!fc_record_next(b, "app_certification", &k)) {
		no_record(c, "app_certification", "APP資安檢測");
		return;
	}
	int days = (int)fc_param(c, "app_certification_days");
	int32_t asof = fc_ctx_asof(c);
	/* per app: its newest certification (the last of its group) */
	struct fc_rec_ix ix;
	if (fc_rec_ix_build(&ix, b, "app_certification", "app", "date")) {
		fc_check_error(c, "out of memory");
		return;
	}
	for (size_t i = 0; i < ix.n; i++) {
		if (i + 1 < ix.n && !fc_strcasecmp(ix.v[i].key, ix.v[i + 1].key))
			continue;
		const struct fc_record *r = ix.v[i].r;
		const char *app = fc_record_str(r, "app");
		int32_t d = ix.v[i].date;
		char dd[11];
		d10(d, dd);
		if (asof - d > days) {
			struct fc_ref ev = fref(r, "date");
			fc_emit_key(c, "app", app, "late", &ev,
				    zh ? "APP「%s」最近一次資安檢測驗證為 %s，已逾 %d 天（應每年）" :
					 "app '%s' was last certified on %s, more than %d days ago (yearly required)", app, dd, days);
		} else if (fc_record_bool(r, "passed") == 0) {
			struct fc_ref ev = fref(r, "passed");
			fc_emit_key(c, "app", app, "failed", &ev,
				    zh ? "APP「%s」於 %s 之資安檢測未通過驗證" : "app '%s' failed its certification on %s", app, dd);
		}
	}
	fc_rec_ix_release(&ix);
}

/* ---- suppliers, assets, incidents ---- */

/* CC-19000.1; seed 002 系統開發及維護 1 (委外合約應包含「資訊安全協定」及
 * 「委外稽核權」) */
static void outsourcing(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	int32_t asof = fc_ctx_asof(c);
	size_t k = 0, n = 0;
	const struct fc_record *r;
	while ((r = fc_record_next(b, "outsourcing_contract", &k))) {
		n++;
		int32_t exp = fc_record_date(r, "expires");
		if (exp != FC_NO_DATE && exp < asof)
			continue; /* a contract that has ended binds nobody */
		int sec = fc_record_bool(r, "security_clause"), aud = fc_record_bool(r, "audit_right");
		if (sec == 1 && aud == 1)
			continue;
		const char *v = fc_record_str(r, "vendor");
		char what[160];
		snprintf(what, sizeof what, "%s%s%s", sec != 1 ? (zh ? "資訊安全協定" : "a security clause") : "",
			 sec != 1 && aud != 1 ? (zh ? "及" : " and ") : "", aud != 1 ? (zh ? "委外稽核權" : "an audit right") : "");
		struct fc_ref ev = aud != 1 ? (fc_record_str(r, "audit_right") ? fref(r, "audit_right") : r->ref)
					    : (fc_record_str(r, "security_clause") ? fref(r, "security_clause") : r->ref);
		const char *svc = fc_record_str(r, "service");
		fc_emit_key(c, "vendor", v, svc, &ev,
			    zh ? "委外廠商「%s」%s%s%s之合約未載明%s" : "the contract with '%s'%s%s%s lacks %s", v,
			    svc ? (zh ? "（" : " (") : "", svc ? svc : "", svc ? (zh ? "）" : ")") : "", what);
	}
	if (!n)
		no_record(c, "outsourcing_contract", "委外合約");
}

/* IoT devices listed in the inventories (hosts role iot, devices type iot) */
static size_t iot_listed(const struct fc_bundle *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->hosts.n; i++)
		n += fc_strieq(b->hosts.v[i].role, "iot");
	for (size_t i = 0; i < b->devices.n; i++)
		n += fc_strieq(b->devices.v[i].type, "iot");
	return n;
}

/* CC-21100.1; seed 002 新興科技應用 5 (每年更新物聯網設備管理清冊) */
static void iot_inventory(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	const struct fc_record *r = fc_record_latest(b, "iot_inventory", "date");
	if (!r) {
		size_t n = iot_listed(b);
		fc_manual(c, zh ? "records/ 無 iot_inventory 紀錄（物聯網設備管理清冊）；清冊中列有 %zu 台物聯網設備" :
				  "no iot_inventory record in records/; the inventories list %zu IoT devices", n);
		return;
	}
	late(c, r, (int)fc_param(c, "iot_inventory_days"), org_name(c), "物聯網設備管理清冊更新", "IoT inventory update");
	double dev;
	size_t listed = iot_listed(b);
	if (fc_record_num(r, "devices", &dev) && dev + 0.5 < (double)listed) {
		struct fc_ref ev = fref(r, "devices");
		fc_emit_key(c, "org", org_name(c), "incomplete", &ev,
			    zh ? "物聯網設備管理清冊僅列 %.0f 台，資產清冊中有 %zu 台物聯網設備" :
				 "the IoT inventory counts %.0f devices but the asset inventories list %zu", dev, listed);
	}
}

/* CC-21100.1; seed 001 新興科技應用 (未更新物聯網設備之預設密碼) */
static void iot_default_passwords(struct fc_ctx *c)
{
	const struct fc_record *r = fc_record_latest(fc_ctx_bundle(c), "iot_inventory", "date");
	if (!r) {
		no_record(c, "iot_inventory", "物聯網設備管理清冊");
		return;
	}
	int v = fc_record_bool(r, "default_passwords_changed");
	if (v == 1)
		return;
	bool zh = fc_ctx_zh(c);
	char dd[11];
	double dev = -1;
	d10(fc_record_date(r, "date"), dd);
	fc_record_num(r, "devices", &dev);
	struct fc_ref ev = v == 0 ? fref(r, "default_passwords_changed") : r->ref;
	fc_emit(c, "org", org_name(c), &ev,
		v == 0 ? (zh ? "物聯網設備管理清冊（%s，%.0f 台）記載預設密碼未全部變更" :
			       "the IoT inventory of %s (%.0f devices) records default passwords still in use")
		       : (zh ? "物聯網設備管理清冊（%s，%.0f 台）未記載預設密碼是否已變更" :
			       "the IoT inventory of %s (%.0f devices) does not say whether default passwords were changed"),
		dd, dev < 0 ? 0 : dev);
}

/* CC-16000.4; seed 001 實體與環境安全 (未依程序進行資訊設備報廢) */
static void disposal(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	size_t k = 0, n = 0;
	const struct fc_record *r;
	while ((r = fc_record_next(b, "disposal", &k))) {
		n++;
		const char *m = fc_record_str(r, "method"), *rec = fc_record_str(r, "record"), *a = fc_record_str(r, "asset");
		if (m && *m && rec && *rec)
			continue;
		char dd[11];
		d10(fc_record_date(r, "date"), dd);
		const char *obj = a && *a ? a : dd;
		fc_emit_key(c, "asset", obj, dd, &r->ref,
			    zh ? "%s 報廢之設備「%s」未記載%s%s%s" : "the disposal of '%2$s' on %1$s records no %3$s%4$s%5$s", dd,
			    a && *a ? a : "?", !(m && *m) ? (zh ? "銷毀方式" : "method") : "",
			    !(m && *m) && !(rec && *rec) ? (zh ? "及" : " and no ") : "",
			    !(rec && *rec) ? (zh ? "報廢紀錄（簽核或清除證明）" : "disposal record (sign-off or wipe certificate)") : "");
	}
	if (!n)
		no_record(c, "disposal", "資訊設備報廢");
}

/* seed 002 資安通報: 30 分鐘初步通報、24 小時正式通報、3 天內解除通報 */
static void incident_reporting(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	int64_t lim_init = (int64_t)fc_param(c, "incident_initial_report_min") * 60;
	int64_t lim_formal = (int64_t)fc_param(c, "incident_formal_report_hours") * 3600;
	int64_t lim_close = (int64_t)fc_param(c, "incident_close_days") * 86400;
	int64_t now = fc_day_ts(fc_ctx_asof(c) + 1); /* end of the as-of day */
	size_t k = 0, n = 0;
	const struct fc_record *r;
	while ((r = fc_record_next(b, "incident", &k))) {
		n++;
		int64_t det, t;
		if (!fc_record_ts(r, "detected_at", &det))
			continue;
		if (det > now)
			continue; /* after the as-of date */
		const char *id = fc_record_str(r, "id");
		char msg[512];
		size_t off = 0;
		struct fc_ref ev = r->ref;
		bool bad = false;
#define ADD(...) (off < sizeof msg ? off += (size_t)snprintf(msg + off, sizeof msg - off, __VA_ARGS__) : 0)
		if (fc_record_ts(r, "initial_report_at", &t)) {
			if (t - det > lim_init) {
				ADD(zh ? "初步通報於偵知後 %lld 分鐘（應 %lld 分鐘內）；" : "initial report %lld min after detection (%lld allowed); ",
				    (long long)((t - det) / 60), (long long)(lim_init / 60));
				ev = fref(r, "initial_report_at");
				bad = true;
			}
		} else if (now - det > lim_init) {
			ADD(zh ? "無初步通報紀錄；" : "no initial report on record; ");
			bad = true;
		}
		if (fc_record_ts(r, "formal_report_at", &t)) {
			if (t - det > lim_formal) {
				ADD(zh ? "正式通報於偵知後 %.1f 小時（應 %lld 小時內）；" : "formal report %.1f h after detection (%lld allowed); ",
				    (double)(t - det) / 3600, (long long)(lim_formal / 3600));
				if (!bad)
					ev = fref(r, "formal_report_at");
				bad = true;
			}
		} else if (now - det > lim_formal) {
			ADD(zh ? "無正式通報紀錄；" : "no formal report on record; ");
			bad = true;
		}
		if (fc_record_ts(r, "closed_at", &t)) {
			if (t - det > lim_close) {
				ADD(zh ? "解除通報於偵知後 %.1f 天（應 %lld 天內）；" : "closed %.1f days after detection (%lld allowed); ",
				    (double)(t - det) / 86400, (long long)(lim_close / 86400));
				if (!bad)
					ev = fref(r, "closed_at");
				bad = true;
			}
		} else if (now - det > lim_close) {
			ADD(zh ? "偵知已逾 %lld 天仍未解除通報；" : "still open more than %lld days after detection; ",
			    (long long)(lim_close / 86400));
			bad = true;
		}
#undef ADD
		if (!bad)
			continue;
		char ts[26];
		fc_ts_fmt(det, ts);
		struct fc_finding *f = fc_emit(c, "incident", id, &ev, zh ? "事件 %s（偵知 %s）：%s" : "incident %s (detected %s): %s",
					       id, ts, msg);
		if (ev.line != r->ref.line)
			fc_finding_evidence(c, f, &r->ref);
		const char *sys[8];
		if (fc_record_list(r, "systems", sys, 8) == 1)
			fc_finding_system(f, sys[0]);
	}
	if (!n)
		fc_manual(c, zh ? "records/ 無 incident 紀錄；請確認評估期間確無資安事件" :
				  "no incident record in records/: confirm that no incident occurred in the period");
}

/* ---- the assessment program (seed 004) ---- */

static const char *cat_label(int cat, bool zh)
{
	static const char *const z[] = {"?", "一", "二", "三"}, *const e[] = {"?", "1", "2", "3"};
	return cat >= 1 && cat <= 3 ? (zh ? z[cat] : e[cat]) : "?";
}

struct quals {
	bool mgmt, tech, offense, finance;
	int independent;	/* 1 all yes, 0 some no, -1 unknown */
	size_t members;
	const struct fc_record *first, *dependent;
};

static bool cert_in(struct fc_ctx *c, const char *param, const char *cert)
{
	const char *const *items;
	size_t n = fc_param_list(c, param, &items);
	/* compare ignoring spaces, '-' and '/' and case: "ISO 27001 LA" = "ISO27001LA" */
	char a[64], bb[64];
	size_t na = 0;
	for (const char *p = cert; *p && na < sizeof a - 1; p++)
		if (*p != ' ' && *p != '-' && *p != '/')
			a[na++] = *p;
	a[na] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t nb = 0;
		for (const char *p = items[i]; *p && nb < sizeof bb - 1; p++)
			if (*p != ' ' && *p != '-' && *p != '/')
				bb[nb++] = *p;
		bb[nb] = '\0';
		if (fc_strieq(a, bb))
			return true;
	}
	return false;
}

/* The assessing unit: every assessor record whose name or organisation is
 * the assessment's assessor (a team counts as one unit, seed 004 評估單位). */
static void unit_add(struct fc_ctx *c, const struct fc_record *r, struct quals *q);

static void unit_quals(struct fc_ctx *c, const struct fc_rec_ix *by_name, const struct fc_rec_ix *by_org,
		       const char *who, struct quals *q)
{
	memset(q, 0, sizeof *q);
	q->independent = 1;
	size_t end, i = fc_rec_ix_find(by_name, who, &end);
	for (; i < end; i++)
		unit_add(c, by_name->v[i].r, q);
	i = fc_rec_ix_find(by_org, who, &end);
	for (; i < end; i++)
		if (!fc_strieq(fc_record_str(by_org->v[i].r, "name"), who)) /* counted above */
			unit_add(c, by_org->v[i].r, q);
}

static void unit_add(struct fc_ctx *c, const struct fc_record *r, struct quals *q)
{
	if (!q->first)
		q->first = r;
	q->members++;
	int ind = fc_record_bool(r, "independent");
	if (ind == 0) {
		q->independent = 0;
		if (!q->dependent)
			q->dependent = r;
	} else if (ind != 1 && q->independent == 1)
		q->independent = -1;
	if (fc_record_bool(r, "finance_experience") == 1)
		q->finance = true;
	const char *certs[64];
	size_t n = fc_record_list(r, "certifications", certs, 64);
	for (size_t i = 0; i < n; i++) {
		q->mgmt |= cert_in(c, "assessor_certs_management", certs[i]);
		q->tech |= cert_in(c, "assessor_certs_technical", certs[i]);
		q->offense |= cert_in(c, "assessor_certs_offensive", certs[i]);
	}
}

/* seed 004 評估單位 一、二: independence; category 1 needs all of (一)–(四),
 * categories 2–3 at least one */
static void assessor_qualification(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	size_t k = 0;
	const struct fc_record *r;
	if (!fc_record_next(b, "assessment", &k)) {
		no_record(c, "assessment", "資訊安全評估");
		return;
	}
	size_t checked = 0;
	struct fc_rec_ix ix = {0}, by_name = {0}, by_org = {0};
	if (fc_rec_ix_build(&ix, b, "assessment", "system_id", "date") ||
	    fc_rec_ix_build(&by_name, b, "assessor", "name", NULL) ||
	    fc_rec_ix_build(&by_org, b, "assessor", "organization", NULL)) {
		fc_check_error(c, "out of memory");
		fc_rec_ix_release(&ix);
		fc_rec_ix_release(&by_name);
		fc_rec_ix_release(&by_org);
		return;
	}
	for (size_t ai = 0; ai < ix.n; ai++) {
		/* only the newest assessment of each system is in force */
		if (ai + 1 < ix.n && !fc_strcasecmp(ix.v[ai].key, ix.v[ai + 1].key))
			continue;
		r = ix.v[ai].r;
		const char *sid = fc_record_str(r, "system_id");
		int32_t d = ix.v[ai].date;
		checked++;
		const struct fc_system *s = fc_system_by_id(b, sid);
		int cat = s ? s->category : 0;
		char dd[11];
		d10(d, dd);
		const char *who = fc_record_str(r, "assessor");
		struct fc_finding *f = NULL;
		if (!who || !*who) {
			f = fc_emit_key(c, "system", sid, "assessor", &r->ref,
					zh ? "系統 %s 於 %s 之評估未記載評估單位" : "the assessment of %s on %s names no assessor", sid, dd);
			fc_finding_system(f, sid);
			continue;
		}
		struct quals q;
		unit_quals(c, &by_name, &by_org, who, &q);
		struct fc_ref ev = fref(r, "assessor");
		if (!q.members) {
			f = fc_emit_key(c, "system", sid, "assessor", &ev,
					zh ? "系統 %s 於 %s 之評估單位「%s」無 assessor 資格紀錄（資格及獨立性無從確認）" :
					     "the assessor '%s' of %s (%s) has no assessor record: qualification and independence unproven",
					zh ? sid : who, zh ? dd : sid, zh ? who : dd);
			fc_finding_system(f, sid);
			continue;
		}
		char miss[200] = "";
		size_t off = 0;
#define MISS(cond, z, e) \
	if (!(cond) && off < sizeof miss) off += (size_t)snprintf(miss + off, sizeof miss - off, "%s%s", off ? (zh ? "、" : ", ") : "", zh ? z : e)
		MISS(q.mgmt, "(一)資安管理知識", "(1) security management");
		MISS(q.tech, "(二)資安技術能力", "(2) technical security");
		MISS(q.offense, "(三)模擬駭客攻擊能力", "(3) offensive testing");
		MISS(q.finance, "(四)金融領域經驗", "(4) financial-sector experience");
#undef MISS
		int have = q.mgmt + q.tech + q.offense + q.finance;
		bool unqualified = cat == 1 ? have < 4 : have < 1;
		if (unqualified) {
			f = fc_emit_key(c, "system", sid, "qualification", &ev,
					zh ? "第%s類系統 %s 於 %s 之評估單位「%s」資格不足，缺：%s" :
					     "the assessor '%4$s' of category %1$s system %2$s (%3$s) lacks: %5$s",
					cat_label(cat, zh), sid, dd, who, miss);
			if (cat != 1)
				fc_finding_severity(f, FC_SEV_MEDIUM);
			fc_finding_evidence(c, f, &q.first->ref);
			if (s)
				fc_finding_evidence(c, f, &s->ref);
			fc_finding_system(f, sid);
		}
		if (q.independent != 1) {
			const struct fc_record *ir = q.dependent ? q.dependent : q.first;
			struct fc_ref iev = fc_record_str(ir, "independent") ? fref(ir, "independent") : ir->ref;
			f = fc_emit_key(c, "system", sid, "independence", &iev,
					q.independent == 0 ? (zh ? "系統 %s 之評估單位「%s」未獨立於受評系統之開發維護" :
								  "the assessor of %s ('%s') is not independent of the system's development and maintenance")
							   : (zh ? "系統 %s 之評估單位「%s」未聲明其獨立性" :
								  "the assessor of %s ('%s') has not declared its independence"),
					sid, who);
			fc_finding_evidence(c, f, &ev);
			fc_finding_system(f, sid);
		}
	}
	fc_rec_ix_release(&ix);
	fc_rec_ix_release(&by_name);
	fc_rec_ix_release(&by_org);
	fc_note(c, fc_ctx_zh(c) ? "檢視現行評估 %zu 筆" : "%zu assessments in force checked", checked);
}

/* seed 004 三、二: the last sample of each fleet against 10% / 100 units
 * and the strata (src/engine/plan.c does the arithmetic) */
static void fleet_sample(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	struct fc_plan_params pp;
	fc_plan_params_default(&pp);
	for (int k = 1; k <= 3; k++) {
		char key[12];
		snprintf(key, sizeof key, "%d", k);
		pp.cycle_days[k] = (int)fc_param_key(c, "assessment_cycle_days", key, pp.cycle_days[k]);
	}
	pp.sample_fraction = fc_param(c, "sample_min_fraction");
	pp.sample_units = (int)fc_param(c, "sample_min_units");
	struct fc_plan_opts po = {.zh = zh, .no_draw = true};
	struct fc_plan *p = NULL;
	if (fc_plan_build(b, &pp, &po, &p)) {
		fc_check_error(c, "out of memory");
		return;
	}
	for (size_t i = 0; i < p->nfleets; i++) {
		const struct fc_plan_fleet *f = &p->fleets[i];
		if (f->sufficient)
			continue;
		char strata[400] = "";
		size_t off = 0;
		for (size_t k = 0; k < f->nstrata && off < sizeof strata; k++)
			if (!f->strata[k].assessed)
				off += (size_t)snprintf(strata + off, sizeof strata - off, "%s%s", off ? "; " : "", f->strata[k].key);
		const char *obj = *f->system_id ? f->system_id : f->types;
		const struct fc_ref *ev = f->sys ? &f->sys->ref : &f->devices[0]->ref;
		struct fc_finding *fd = fc_emit(c, "system", obj, ev,
			zh ? "%s 設備 %zu 台，最近一個評估週期（%d 天）內僅評估 %zu 台，應至少 %zu 台（%s）%s%s" :
			     "%s: %zu devices; in the last cycle (%d days) only %zu were assessed, at least %zu required (%s)%s%s",
			obj, f->population, f->cycle_days, f->assessed, f->rule_required, f->explain,
			f->strata_short ? (zh ? "；未抽測之分層：" : "; strata never sampled: ") : "", strata);
		/* evidence: a device of each stratum left out (first few) */
		size_t shown = 0;
		for (size_t k = 0; k < f->nstrata && shown < 5; k++)
			if (!f->strata[k].assessed) {
				fc_finding_evidence(c, fd, &f->strata[k].example->ref);
				shown++;
			}
		if (!shown)
			fc_finding_evidence(c, fd, &f->devices[0]->ref);
		fc_finding_system(fd, *f->system_id ? f->system_id : NULL);
	}
	if (p->nfleets)
		fc_note(c, zh ? "檢視設備群 %zu 組" : "%zu fleets checked", p->nfleets);
	fc_plan_free(p);
}

const struct fc_check_impl fc_checks_gov[] = {
	{"gov.risk_assessment", FC_EVBIT(FC_EV_RECORDS), risk_assessment},
	{"gov.policy_review", FC_EVBIT(FC_EV_RECORDS), policy_review},
	{"gov.policy_approval", FC_EVBIT(FC_EV_RECORDS), policy_approval},
	{"program.plan_review", FC_EVBIT(FC_EV_RECORDS), plan_review},
	{"gov.social_engineering_drill", FC_EVBIT(FC_EV_RECORDS), social_engineering},
	{"gov.training_hours", FC_EVBIT(FC_EV_RECORDS), training_hours},
	{"gov.bcp_drill", FC_EVBIT(FC_EV_RECORDS), bcp_drill},
	{"gov.pentest", FC_EVBIT(FC_EV_RECORDS), pentest},
	{"gov.health_check", FC_EVBIT(FC_EV_RECORDS), health_check},
	{"gov.source_code_scan", FC_EVBIT(FC_EV_RECORDS) | FC_EVBIT(FC_EV_SYSTEMS), source_code_scan},
	{"gov.app_certification", FC_EVBIT(FC_EV_RECORDS), app_certification},
	{"gov.outsourcing_contract", FC_EVBIT(FC_EV_RECORDS), outsourcing},
	{"gov.iot_inventory", FC_EVBIT(FC_EV_RECORDS), iot_inventory},
	{"gov.iot_default_passwords", FC_EVBIT(FC_EV_RECORDS), iot_default_passwords},
	{"gov.disposal", FC_EVBIT(FC_EV_RECORDS), disposal},
	{"gov.incident_reporting", FC_EVBIT(FC_EV_RECORDS), incident_reporting},
	{"program.assessor_qualification", FC_EVBIT(FC_EV_RECORDS), assessor_qualification},
	{"program.fleet_sample_insufficient", FC_EVBIT(FC_EV_DEVICES), fleet_sample},
	{NULL, 0, NULL},
};
