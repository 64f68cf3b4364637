/* The assessment program and the security organisation (issue 2):
 * seed 004 三、一 (categories and cycles), 三、三 (reassessment within three
 * months of a major incident), seed 001 (staffing by paid-in capital). */
#include <stdio.h>
#include <string.h>
#include "../core/strutil.h"
#include "../engine/check.h"

static void fmt_date(int32_t d, char out[11])
{
	fc_date_fmt(d, out);
	if (!out[0])
		snprintf(out, 11, "-");
}

/* seed 001 分級標準 → 資安單位暨人力編制 */
static void security_org(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_org *o = &b->org;
	bool zh = fc_ctx_zh(c);
	if (o->industry != FC_IND_SECURITIES && o->industry != FC_IND_FUTURES) {
		fc_not_applicable(c, zh ? "依資本額之資安人力編制表適用於證券期貨業（%s 請依其業別規定人工檢視）"
					: "the capital-tier staffing table applies to securities and futures firms (check %s against its own rules)",
				  o->industry_str ? o->industry_str : "?");
		return;
	}
	if (!o->tier) {
		fc_manual(c, zh ? "org.yaml 未提供 paid_in_capital_twd，無法判定級別" : "org.yaml lacks paid_in_capital_twd: tier unknown");
		return;
	}
	if (o->head < 0 || o->staff < 0) {
		fc_manual(c, zh ? "org.yaml security_org 未提供 head/staff 人數" : "org.yaml security_org lacks head/staff counts");
		return;
	}
	/* minimums per tier: {dedicated unit, head, staff} */
	static const int need[5][3] = {{0, 0, 0}, {1, 1, 2}, {0, 1, 2}, {0, 1, 1}, {0, 0, 1}};
	const int *n = need[o->tier];
	char gaps[300] = "";
	size_t off = 0;
	if (n[0] && o->dedicated_unit != 1)
		off += (size_t)snprintf(gaps + off, sizeof gaps - off, zh ? "未設資安專責單位；" : "no dedicated security unit; ");
	if (o->head < n[1] && off < sizeof gaps)
		off += (size_t)snprintf(gaps + off, sizeof gaps - off, zh ? "資安主管 %d 名（應 %d）；" : "%d security head(s), %d required; ",
					o->head, n[1]);
	if (o->staff < n[2] && off < sizeof gaps)
		off += (size_t)snprintf(gaps + off, sizeof gaps - off, zh ? "資安人員 %d 名（應至少 %d）；" : "%d security staff, at least %d required; ",
					o->staff, n[2]);
	if (off) {
		struct fc_finding *f = fc_emit(c, "org", o->name ? o->name : "org", &o->ref_security_org,
			zh ? "%s（%s）：%s" : "%s (%s): %s", o->name ? o->name : "org", o->tier_label, gaps);
		(void)f;
	} else
		fc_note(c, "%s: unit=%d head=%d staff=%d", o->tier_label, o->dedicated_unit, o->head, o->staff);
}

static int cycle_days(struct fc_ctx *c, int category)
{
	char key[4];
	snprintf(key, sizeof key, "%d", category);
	return (int)fc_param_key(c, "assessment_cycle_days", key, -1);
}

/* seed 004 三、一: category 1 yearly, 2 every three years, 3 every five */
static void assessment_overdue(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	bool zh = fc_ctx_zh(c);
	size_t checked = 0;
	for (size_t i = 0; i < b->systems.n; i++) {
		const struct fc_system *s = &b->systems.v[i];
		if (!s->category) {
			struct fc_finding *f = fc_emit(c, "system", s->id, &s->ref,
				zh ? "系統 %s 未分類（第一、二、三類），無法決定評估週期" :
				     "system %s has no category (1, 2 or 3), so its assessment cycle is undefined", s->id);
			fc_finding_system(f, s->id);
			fc_finding_severity(f, FC_SEV_MEDIUM);
			continue;
		}
		checked++;
		int cyc = cycle_days(c, s->category);
		if (cyc < 0)
			continue;
		if (s->last_assessed == FC_NO_DATE) {
			struct fc_finding *f = fc_emit(c, "system", s->id, &s->ref,
				zh ? "第%d類系統 %s 無資訊安全評估紀錄" : "category %d system %s has never been assessed",
				s->category, s->id);
			fc_finding_system(f, s->id);
			fc_finding_due(f, asof);
			continue;
		}
		int32_t due = s->last_assessed + cyc;
		if (asof > due) {
			char la[11], dd[11];
			fmt_date(s->last_assessed, la);
			fmt_date(due, dd);
			struct fc_finding *f = fc_emit(c, "system", s->id, &s->ref,
				zh ? "第%d類系統 %s 上次評估 %s，應於 %s 前完成，已逾期 %d 天" :
				     "category %d system %s was last assessed on %s; due by %s, %d days overdue",
				s->category, s->id, la, dd, (int)(asof - due));
			fc_finding_system(f, s->id);
			fc_finding_due(f, asof);
			if (asof - due > cyc)
				fc_finding_severity(f, FC_SEV_HIGH);
		}
	}
	fc_note(c, "%zu categorized systems checked", checked);
}

/* seed 004 三、二: category 1 is assessed in full every time; categories 2
 * and 3 may select items once, but the next assessment must be full. */
static void assessment_scope(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	bool zh = fc_ctx_zh(c);
	for (size_t i = 0; i < b->systems.n; i++) {
		const struct fc_system *s = &b->systems.v[i];
		if (s->last_assessed == FC_NO_DATE)
			continue;
		bool last_partial = s->last_full_assessment == FC_NO_DATE || s->last_full_assessment < s->last_assessed;
		if (!last_partial)
			continue;
		if (s->category == 1) {
			char la[11];
			fmt_date(s->last_assessed, la);
			struct fc_finding *f = fc_emit(c, "system", s->id, &s->ref,
				zh ? "第一類系統 %s 於 %s 之評估僅涵蓋部分項目（%s），第一類應每次完整評估" :
				     "category 1 system %s was assessed on %s for selected items only (%s); category 1 needs the full set every time",
				s->id, la, s->assessed_items ? s->assessed_items : "?");
			fc_finding_system(f, s->id);
			continue;
		}
		/* categories 2/3: two partial assessments in a row, from records */
		size_t k = 0;
		const struct fc_record *r;
		int32_t prev_partial = FC_NO_DATE, last_date = FC_NO_DATE;
		int partial_run = 0;
		const struct fc_record *last_rec = NULL;
		/* records are in file order; walk them by date */
		for (;;) {
			const struct fc_record *best = NULL;
			int32_t bd = FC_NO_DATE;
			k = 0;
			while ((r = fc_record_next(b, "assessment", &k))) {
				const char *sid = fc_record_str(r, "system_id");
				int32_t d = fc_record_date(r, "date");
				if (!sid || !fc_strieq(sid, s->id) || d == FC_NO_DATE)
					continue;
				if ((last_date == FC_NO_DATE || d > last_date) && (bd == FC_NO_DATE || d < bd)) {
					best = r;
					bd = d;
				}
			}
			if (!best)
				break;
			last_date = bd;
			int full = fc_record_bool(best, "full");
			if (full == 1) {
				partial_run = 0;
			} else {
				if (partial_run)
					prev_partial = bd;
				partial_run++;
				last_rec = best;
			}
		}
		if (partial_run >= 2 && last_rec) {
			char d1[11];
			fmt_date(prev_partial, d1);
			struct fc_finding *f = fc_emit(c, "system", s->id, &last_rec->ref,
				zh ? "第%d類系統 %s 連續兩次僅選擇部分評估項目（最近一次 %s），依規定次回應完整評估" :
				     "category %d system %s was assessed on selected items twice in a row (latest %s); the second time must be full",
				s->category, s->id, d1);
			fc_finding_evidence(c, f, &s->ref);
			fc_finding_system(f, s->id);
		}
	}
}

/* seed 004 三、三: a major incident → reassess within three months */
static void reassess_after_incident(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	bool zh = fc_ctx_zh(c);
	int lim = (int)fc_param(c, "reassess_after_major_incident_days");
	for (size_t i = 0; i < b->systems.n; i++) {
		const struct fc_system *s = &b->systems.v[i];
		int32_t inc = s->last_major_incident;
		const struct fc_ref *ev = &s->ref;
		/* a major incident record naming the system counts as well */
		size_t k = 0;
		const struct fc_record *r;
		while ((r = fc_record_next(b, "incident", &k))) {
			if (fc_record_bool(r, "major") != 1)
				continue;
			const char *sys[64];
			size_t n = fc_record_list(r, "systems", sys, 64);
			int64_t ts;
			if (!fc_record_ts(r, "detected_at", &ts))
				continue;
			for (size_t j = 0; j < n; j++)
				if (fc_strieq(sys[j], s->id) && (inc == FC_NO_DATE || fc_ts_day(ts) >= inc)) {
					inc = fc_ts_day(ts);
					ev = &r->ref;
				}
		}
		if (inc == FC_NO_DATE)
			continue;
		int32_t due = inc + lim;
		char di[11], dd[11];
		fmt_date(inc, di);
		fmt_date(due, dd);
		bool reassessed = s->last_assessed != FC_NO_DATE && s->last_assessed >= inc;
		if (reassessed && s->last_assessed <= due)
			continue;
		if (!reassessed && asof <= due)
			continue; /* still within the three months */
		struct fc_finding *f;
		if (reassessed) {
			char la[11];
			fmt_date(s->last_assessed, la);
			f = fc_emit(c, "system", s->id, ev,
				    zh ? "系統 %s 於 %s 發生重大資安事件，遲至 %s 才重新評估（期限 %s）" :
					 "system %s had a major incident on %s and was reassessed only on %s (due by %s)",
				    s->id, di, la, dd);
			fc_finding_severity(f, FC_SEV_MEDIUM);
		} else {
			f = fc_emit(c, "system", s->id, ev,
				    zh ? "系統 %s 於 %s 發生重大資安事件，應於 %s 前重新完成評估，尚未辦理" :
					 "system %s had a major incident on %s; reassessment was due by %s and has not been done",
				    s->id, di, dd);
		}
		fc_finding_key(f, di);
		if (ev != &s->ref)
			fc_finding_evidence(c, f, &s->ref);
		fc_finding_system(f, s->id);
		fc_finding_due(f, reassessed ? s->last_assessed : asof);
	}
}

const struct fc_check_impl fc_checks_prog[] = {
	{"program.security_org_tier", FC_EVBIT(FC_EV_ORG), security_org},
	{"program.assessment_overdue", FC_EVBIT(FC_EV_SYSTEMS), assessment_overdue},
	{"program.assessment_scope", FC_EVBIT(FC_EV_SYSTEMS), assessment_scope},
	{"program.reassess_after_incident", FC_EVBIT(FC_EV_SYSTEMS), reassess_after_incident},
	{NULL, 0, NULL},
};
