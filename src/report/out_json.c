#include <string.h>
#include "../core/json.h"
#include "output.h"

static void controls(struct fc_json *j, const struct fc_result *res)
{
	fc_json_key(j, "controls");
	fc_json_arr(j);
	for (size_t i = 0; res && i < res->ncontrols; i++)
		fc_json_str(j, res->controls[i]);
	fc_json_arr_end(j);
}

static void params(struct fc_json *j, const struct fc_params *p)
{
	fc_json_key(j, "parameters");
	fc_json_obj(j);
	for (size_t i = 0; i < p->n; i++) {
		const struct fc_param_val *v = &p->v[i];
		fc_json_key(j, v->def->name);
		switch (v->def->type) {
		case FC_PT_INT:
		case FC_PT_NUMBER:
			fc_json_num(j, v->num);
			break;
		case FC_PT_BOOL:
			fc_json_bool(j, v->num != 0);
			break;
		case FC_PT_LIST:
			fc_json_arr(j);
			for (size_t k = 0; k < v->n; k++)
				fc_json_str(j, v->list[k]);
			fc_json_arr_end(j);
			break;
		case FC_PT_MAP:
			fc_json_obj(j);
			for (size_t k = 0; k < v->n; k++)
				fc_json_knum(j, v->list[k], v->map_vals[k]);
			fc_json_obj_end(j);
			break;
		}
	}
	fc_json_obj_end(j);
	fc_json_key(j, "parameter_origins");
	fc_json_obj(j);
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].origin, "default"))
			fc_json_kstr(j, p->v[i].def->name, p->v[i].origin);
	fc_json_obj_end(j);
}

void fc_out_json(struct fc_buf *b, const struct fc_run *r, const struct fc_diag *d, const struct fc_out_opts *o)
{
	struct fc_json j;
	const struct fc_bundle *bd = r->bundle;
	fc_json_init(&j, b, true);
	fc_json_obj(&j);
	fc_json_key(&j, "tool");
	fc_json_obj(&j);
	fc_json_kstr(&j, "name", "fincheck");
	fc_json_kstr(&j, "version", FC_VERSION);
	fc_json_obj_end(&j);
	fc_json_key(&j, "org");
	fc_json_obj(&j);
	fc_json_kstr(&j, "name", bd->org.name);
	fc_json_kstr(&j, "industry", bd->org.industry_str);
	fc_json_kstr(&j, "tier", bd->org.tier_label);
	if (bd->org.tier)
		fc_json_kint(&j, "tier_level", bd->org.tier);
	if (bd->org.etrading_share >= 0)
		fc_json_knum(&j, "etrading_share", bd->org.etrading_share);
	if (bd->org.paid_in_capital_twd >= 0)
		fc_json_knum(&j, "paid_in_capital_twd", bd->org.paid_in_capital_twd);
	fc_json_obj_end(&j);
	fc_json_kdate(&j, "as_of", r->as_of);
	if (o && o->digest)
		fc_json_kstr(&j, "bundle_digest", o->digest);
	fc_json_key(&j, "summary");
	fc_json_obj(&j);
	fc_json_kint(&j, "checks", (int64_t)r->nresults);
	for (int s = 0; s < FC_R__COUNT; s++)
		fc_json_kint(&j, fc_rstatus_name((enum fc_rstatus)s), (int64_t)r->count[s]);
	fc_json_key(&j, "findings");
	fc_json_obj(&j);
	for (int s = 0; s < FC_SEV__COUNT; s++)
		fc_json_kint(&j, fc_severity_name((enum fc_severity)s), (int64_t)r->sev[s]);
	fc_json_obj_end(&j);
	fc_json_obj_end(&j);
	fc_json_key(&j, "results");
	fc_json_arr(&j);
	for (size_t i = 0; i < r->nresults; i++) {
		const struct fc_result *res = &r->results[i];
		fc_json_obj(&j);
		fc_json_kstr(&j, "check", res->meta->id);
		fc_json_kstr(&j, "status", fc_rstatus_name(res->status));
		fc_json_kstr(&j, "title", res->meta->title_en);
		fc_json_kstr(&j, "title_zh", res->meta->title_zh);
		fc_json_kstr(&j, "area", res->meta->area);
		fc_json_kstr(&j, "severity", fc_severity_name(res->meta->severity));
		controls(&j, res);
		fc_json_kint(&j, "findings", (int64_t)res->nfindings);
		if (res->reason)
			fc_json_kstr(&j, "reason", res->reason);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	fc_json_key(&j, "findings");
	fc_json_arr(&j);
	bool zh = !o || o->zh;
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct fc_finding *f = r->findings[i];
		fc_json_obj(&j);
		fc_json_kstr(&j, "id", f->id);
		fc_json_kstr(&j, "check", f->check->id);
		fc_json_kstr(&j, "title", f->check->title_en);
		fc_json_kstr(&j, "title_zh", f->check->title_zh);
		fc_json_kstr(&j, "severity", fc_severity_name(f->severity));
		controls(&j, fc_run_result(r, f->check));
		fc_json_kstr(&j, "object", f->object);
		fc_json_kstr(&j, "object_type", f->object_type);
		if (f->system_id)
			fc_json_kstr(&j, "system", f->system_id);
		fc_json_kstr(&j, "detail", f->detail);
		fc_json_key(&j, "evidence");
		fc_json_arr(&j);
		for (size_t e = 0; e < f->nev; e++) {
			fc_json_obj(&j);
			fc_json_kstr(&j, "file", f->ev[e].file);
			if (f->ev[e].line > 0)
				fc_json_kint(&j, "line", f->ev[e].line);
			else
				fc_json_kint(&j, "line", 0);
			if (f->ev[e].excerpt)
				fc_json_kstr(&j, "excerpt", f->ev[e].excerpt);
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);
		if (f->ev_more)
			fc_json_kint(&j, "evidence_more", (int64_t)f->ev_more);
		fc_json_kstr(&j, "risk", zh ? f->check->risk_zh : f->check->risk_en);
		fc_json_kstr(&j, "remediation", zh ? f->check->rem_zh : f->check->rem_en);
		fc_json_kdate(&j, "due", f->due);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	fc_json_key(&j, "unrecognized");
	fc_json_arr(&j);
	for (size_t i = 0; i < bd->unrecognized.n; i++)
		fc_json_str(&j, bd->unrecognized.v[i]);
	fc_json_arr_end(&j);
	fc_json_key(&j, "errors");
	fc_json_arr(&j);
	for (size_t i = 0; d && i < d->n; i++) {
		if (d->v[i].level != FC_DIAG_ERROR)
			continue;
		fc_json_obj(&j);
		fc_json_kstr(&j, "file", d->v[i].file);
		fc_json_kint(&j, "line", d->v[i].line);
		if (d->v[i].col)
			fc_json_kint(&j, "column", d->v[i].col);
		fc_json_kstr(&j, "message", d->v[i].msg);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	if (d && d->dropped)
		fc_json_kint(&j, "errors_not_listed", (int64_t)d->dropped);
	params(&j, r->params);
	fc_json_obj_end(&j);
	fc_buf_addc(b, '\n');
}
