/* Writers for `fincheck plan`: JSON (spec/output.md), text, CSV.  They
 * format a built plan (src/engine/plan.h); they never recompute it. */
#include <string.h>
#include "../core/json.h"
#include "../engine/plan.h"

static const char *sys_name(const struct fc_plan_system *s)
{
	return s->sys->name ? s->sys->name : "";
}

void fc_plan_json(struct fc_buf *b, const struct fc_plan *p, const struct fc_bundle *bd)
{
	struct fc_json j;
	fc_json_init(&j, b, true);
	fc_json_obj(&j);
	fc_json_key(&j, "tool");
	fc_json_obj(&j);
	fc_json_kstr(&j, "name", "fincheck");
	fc_json_kstr(&j, "version", FC_VERSION);
	fc_json_obj_end(&j);
	fc_json_kstr(&j, "org", bd && bd->org.name ? bd->org.name : NULL);
	fc_json_kdate(&j, "as_of", p->as_of);
	fc_json_kint(&j, "seed", (int64_t)p->seed);
	fc_json_kstr(&j, "prng", "splitmix64");
	fc_json_key(&j, "parameters");
	fc_json_obj(&j);
	fc_json_key(&j, "assessment_cycle_days");
	fc_json_obj(&j);
	fc_json_kint(&j, "1", p->pp.cycle_days[1]);
	fc_json_kint(&j, "2", p->pp.cycle_days[2]);
	fc_json_kint(&j, "3", p->pp.cycle_days[3]);
	fc_json_obj_end(&j);
	fc_json_kint(&j, "reassess_after_major_incident_days", p->pp.reassess_days);
	fc_json_kint(&j, "assessment_plan_review_days", p->pp.plan_review_days);
	fc_json_knum(&j, "sample_min_fraction", p->pp.sample_fraction);
	fc_json_kint(&j, "sample_min_units", p->pp.sample_units);
	fc_json_obj_end(&j);

	fc_json_key(&j, "plan");
	fc_json_obj(&j);
	fc_json_kbool(&j, "present", p->plan.present);
	fc_json_kdate(&j, "date", p->plan.present ? p->plan.date : FC_NO_DATE);
	fc_json_kstr(&j, "approved_by", p->plan.approved_by);
	fc_json_kdate(&j, "next_review", p->plan.present ? p->plan.next_review : FC_NO_DATE);
	fc_json_kbool(&j, "overdue", p->plan.present && p->plan.overdue);
	if (p->plan.present) {
		fc_json_kstr(&j, "file", p->plan.ref.file);
		fc_json_kint(&j, "line", p->plan.ref.line);
	}
	fc_json_obj_end(&j);

	fc_json_key(&j, "systems");
	fc_json_arr(&j);
	for (size_t i = 0; i < p->nsystems; i++) {
		const struct fc_plan_system *s = &p->systems[i];
		fc_json_obj(&j);
		fc_json_kstr(&j, "system_id", s->sys->id);
		fc_json_kstr(&j, "name", s->sys->name);
		if (s->category)
			fc_json_kint(&j, "category", s->category);
		else
			fc_json_kstr(&j, "category", NULL);
		fc_json_kint(&j, "cycle_days", s->cycle_days);
		fc_json_kdate(&j, "last_assessed", s->last_assessed);
		fc_json_kdate(&j, "last_full_assessment", s->last_full);
		fc_json_kdate(&j, "next_due", s->next_due);
		fc_json_kbool(&j, "overdue", s->overdue);
		fc_json_kbool(&j, "next_full_required", s->full_required);
		fc_json_kbool(&j, "partial_twice", s->partial_twice);
		fc_json_kdate(&j, "major_incident", s->incident);
		fc_json_kdate(&j, "reassess_due", s->reassess_due);
		fc_json_kbool(&j, "reassess_pending", s->reassess_pending);
		fc_json_key(&j, "reasons");
		fc_json_arr(&j);
		for (size_t k = 0; k < s->nreasons; k++)
			fc_json_str(&j, s->reasons[k]);
		fc_json_arr_end(&j);
		fc_json_key(&j, "evidence");
		fc_json_arr(&j);
		fc_json_obj(&j);
		fc_json_kstr(&j, "file", s->ev.file);
		fc_json_kint(&j, "line", s->ev.line);
		fc_json_obj_end(&j);
		fc_json_arr_end(&j);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);

	fc_json_key(&j, "fleets");
	fc_json_arr(&j);
	for (size_t i = 0; i < p->nfleets; i++) {
		const struct fc_plan_fleet *f = &p->fleets[i];
		fc_json_obj(&j);
		fc_json_kstr(&j, "system_id", f->system_id);
		fc_json_kstr(&j, "types", f->types);
		fc_json_kint(&j, "population", (int64_t)f->population);
		fc_json_kint(&j, "required", (int64_t)f->required);
		fc_json_kstr(&j, "rule", fc_sample_rule_name(f->rule));
		fc_json_kint(&j, "rule_required", (int64_t)f->rule_required);
		fc_json_kstr(&j, "explain", f->explain);
		fc_json_kint(&j, "cycle_days", f->cycle_days);
		fc_json_kbool(&j, "cycle_assumed", f->cycle_assumed);
		fc_json_kdate(&j, "window_start", f->window_start);
		fc_json_kint(&j, "assessed", (int64_t)f->assessed);
		fc_json_kbool(&j, "sufficient", f->sufficient);
		fc_json_kint(&j, "seed", (int64_t)p->seed);
		fc_json_key(&j, "strata");
		fc_json_arr(&j);
		for (size_t k = 0; k < f->nstrata; k++) {
			const struct fc_plan_stratum *s = &f->strata[k];
			fc_json_obj(&j);
			fc_json_kstr(&j, "kind", s->kind);
			fc_json_kstr(&j, "key", s->key);
			fc_json_kint(&j, "population", (int64_t)s->population);
			fc_json_kint(&j, "required", (int64_t)s->required);
			fc_json_kint(&j, "assessed", (int64_t)s->assessed);
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);
		fc_json_key(&j, "draw");
		fc_json_arr(&j);
		for (size_t k = 0; k < f->ndraw; k++)
			fc_json_str(&j, f->draw[k]->device_id);
		fc_json_arr_end(&j);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	fc_json_obj_end(&j);
	fc_buf_addc(b, '\n');
}

static void d10(int32_t d, char out[11])
{
	fc_date_fmt(d, out);
	if (!out[0])
		memcpy(out, "-", 2);
}

void fc_plan_text(struct fc_buf *b, const struct fc_plan *p, const struct fc_bundle *bd)
{
	bool zh = p->zh;
	char a[11], c[11], e[11];
	d10(p->as_of, a);
	fc_buf_addf(b, zh ? "資訊安全評估計畫 — %s（評估基準日 %s）\n\n" : "Assessment program — %s (as of %s)\n\n",
		    bd && bd->org.name ? bd->org.name : "?", a);
	if (p->plan.present) {
		d10(p->plan.date, a);
		d10(p->plan.next_review, c);
		fc_buf_addf(b, zh ? "評估計畫：%s 核定（%s），應於 %s 前重新審視%s\n\n" :
				    "Assessment plan: approved %s (%s); review due by %s%s\n\n",
			    a, p->plan.approved_by ? p->plan.approved_by : "?", c,
			    p->plan.overdue ? (zh ? "　【已逾期】" : "  [OVERDUE]") : "");
	} else {
		fc_buf_adds(b, zh ? "評估計畫：records/ 無 assessment_plan 紀錄\n\n" :
				    "Assessment plan: no assessment_plan record in records/\n\n");
	}
	fc_buf_adds(b, zh ? "系統                類別  週期(天)  上次評估    上次完整評估  下次應評估  狀態\n" :
			    "system              cat  cycle(d)  last        last full     next due    status\n");
	for (size_t i = 0; i < p->nsystems; i++) {
		const struct fc_plan_system *s = &p->systems[i];
		d10(s->last_assessed, a);
		d10(s->last_full, c);
		d10(s->next_due, e);
		char cat[4] = "-";
		if (s->category)
			cat[0] = (char)('0' + s->category);
		fc_buf_addf(b, "%-18.18s  %-4s  %-8d  %-10s  %-12s  %-10s  %s\n", s->sys->id, cat, s->cycle_days, a, c, e,
			    s->overdue ? (zh ? "逾期" : "OVERDUE") : s->reassess_pending ? (zh ? "事件後待評估" : "reassess") : "ok");
		if (*sys_name(s))
			fc_buf_addf(b, "    %s\n", sys_name(s));
		for (size_t k = 0; k < s->nreasons; k++)
			fc_buf_addf(b, "    - %s\n", s->reasons[k]);
	}
	if (!p->nsystems)
		fc_buf_adds(b, zh ? "（無 inventory/systems.csv）\n" : "(no inventory/systems.csv)\n");
	fc_buf_addf(b, zh ? "\n設備抽測（seed %llu，splitmix64）\n" : "\nFleet sampling (seed %llu, splitmix64)\n",
		    (unsigned long long)p->seed);
	for (size_t i = 0; i < p->nfleets; i++) {
		const struct fc_plan_fleet *f = &p->fleets[i];
		fc_buf_addf(b, zh ? "%s（%s）：%zu 台，應抽測 %zu 台（%s），週期內已評估 %zu 台 — %s\n" :
				    "%s (%s): %zu devices, sample %zu (%s), %zu assessed in the cycle — %s\n",
			    *f->system_id ? f->system_id : "-", f->types, f->population, f->required,
			    fc_sample_rule_name(f->rule), f->assessed,
			    f->sufficient ? (zh ? "足夠" : "sufficient") : (zh ? "不足" : "INSUFFICIENT"));
		fc_buf_addf(b, "    %s\n", f->explain);
		for (size_t k = 0; k < f->nstrata; k++) {
			const struct fc_plan_stratum *s = &f->strata[k];
			fc_buf_addf(b, zh ? "    分層 %-11s %-56.56s %6zu 台，已評估 %zu%s\n" :
					    "    stratum %-11s %-56.56s %6zu devices, %zu assessed%s\n",
				    s->kind, s->key, s->population, s->assessed, s->assessed ? "" : (zh ? "　← 未涵蓋" : "  <- not covered"));
		}
		if (f->ndraw) {
			fc_buf_adds(b, zh ? "    本次抽出：" : "    drawn: ");
			for (size_t k = 0; k < f->ndraw; k++)
				fc_buf_addf(b, "%s%s", k ? ", " : "", f->draw[k]->device_id);
			fc_buf_addc(b, '\n');
		}
	}
	if (!p->nfleets)
		fc_buf_adds(b, zh ? "（無 inventory/devices.csv）\n" : "(no inventory/devices.csv)\n");
}

/* A CSV cell: RFC 4180 quoting; a cell that a spreadsheet would take for a
 * formula (= + - @, tab, CR) is prefixed with ' (OWASP CSV injection). */
static void cell(struct fc_buf *b, const char *s, bool last)
{
	if (!s)
		s = "";
	bool formula = *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
	bool q = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (q)
		fc_buf_addc(b, '"');
	if (formula)
		fc_buf_addc(b, '\'');
	for (const char *c = s; *c; c++) {
		if (*c == '"')
			fc_buf_addc(b, '"');
		fc_buf_addc(b, *c);
	}
	if (q)
		fc_buf_addc(b, '"');
	fc_buf_addc(b, last ? '\n' : ',');
}

static void cellnum(struct fc_buf *b, long long v, bool show)
{
	if (show)
		fc_buf_addf(b, "%lld", v);
	fc_buf_addc(b, ',');
}

void fc_plan_csv(struct fc_buf *b, const struct fc_plan *p)
{
	fc_buf_adds(b, "kind,system_id,name,category,cycle_days,last_assessed,last_full_assessment,next_due,overdue,"
		       "population,required,rule,assessed,sufficient,device_id,reasons\n");
	char a[11], c[11], e[11];
	for (size_t i = 0; i < p->nsystems; i++) {
		const struct fc_plan_system *s = &p->systems[i];
		fc_date_fmt(s->last_assessed, a);
		fc_date_fmt(s->last_full, c);
		fc_date_fmt(s->next_due, e);
		cell(b, "system", false);
		cell(b, s->sys->id, false);
		cell(b, s->sys->name, false);
		cellnum(b, s->category, s->category > 0);
		cellnum(b, s->cycle_days, true);
		cell(b, a, false);
		cell(b, c, false);
		cell(b, e, false);
		cell(b, s->overdue ? "yes" : "no", false);
		fc_buf_adds(b, ",,,,,,");
		struct fc_buf r;
		fc_buf_init(&r, 1 << 16);
		for (size_t k = 0; k < s->nreasons; k++)
			fc_buf_addf(&r, "%s%s", k ? "; " : "", s->reasons[k]);
		cell(b, fc_buf_str(&r), true);
		fc_buf_release(&r);
	}
	for (size_t i = 0; i < p->nfleets; i++) {
		const struct fc_plan_fleet *f = &p->fleets[i];
		cell(b, "fleet", false);
		cell(b, f->system_id, false);
		cell(b, f->types, false);
		fc_buf_addc(b, ',');
		cellnum(b, f->cycle_days, true);
		fc_buf_adds(b, ",,,,");
		cellnum(b, (long long)f->population, true);
		cellnum(b, (long long)f->required, true);
		cell(b, fc_sample_rule_name(f->rule), false);
		cellnum(b, (long long)f->assessed, true);
		cell(b, f->sufficient ? "yes" : "no", false);
		fc_buf_addc(b, ',');
		cell(b, f->explain, true);
		for (size_t k = 0; k < f->ndraw; k++) {
			cell(b, "draw", false);
			cell(b, f->system_id, false);
			fc_buf_adds(b, ",,,,,,,,,,,,");
			cell(b, f->draw[k]->device_id, false);
			cell(b, "", true);
		}
	}
}
