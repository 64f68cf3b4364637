/* records/ (YAML) — governance evidence: YAML lists of typed records
 * (spec/evidence-bundle.md).  Every type and field is declared here; an
 * unknown type or field, or a value of the wrong form, is an error with
 * file:line — never ignored. */
#include <string.h>
#include "../core/limits.h"
#include "../core/reader.h"
#include "../core/strutil.h"
#include "../engine/loader.h"

enum ftype { T_TEXT, T_DATE, T_TS, T_BOOL, T_NUM, T_LIST };

struct field {
	const char *name;
	enum ftype type;
	bool required;
};

struct rtype {
	const char *name;
	struct field f[12];
};

#define F(n, t) {n, t, false}
#define R(n, t) {n, t, true}

static const struct rtype types[] = {
	{"risk_assessment", {R("date", T_DATE), F("approved_by", T_TEXT), F("acceptable_risk_level", T_TEXT), F("scope", T_TEXT), F("report", T_TEXT)}},
	{"policy_review", {R("date", T_DATE), F("approved_by", T_TEXT), F("policy", T_TEXT), F("report", T_TEXT)}},
	{"assessment_plan", {R("date", T_DATE), F("approved_by", T_TEXT), F("report", T_TEXT)}},
	{"assessment", {R("system_id", T_TEXT), R("date", T_DATE), F("assessor", T_TEXT), F("items", T_LIST), F("full", T_BOOL), F("report", T_TEXT), F("findings", T_NUM)}},
	{"assessor", {R("name", T_TEXT), F("organization", T_TEXT), F("independent", T_BOOL), F("certifications", T_LIST), F("finance_experience", T_BOOL), F("nda_signed", T_BOOL)}},
	{"social_engineering_drill", {R("date", T_DATE), F("recipients", T_NUM), F("opened", T_NUM), F("clicked", T_NUM), F("reported", T_NUM), F("retrained", T_NUM), F("scope", T_TEXT)}},
	{"training", {R("date", T_DATE), R("hours", T_NUM), F("attendees", T_LIST), F("audience", T_TEXT), F("course", T_TEXT)}},
	{"pentest", {R("date", T_DATE), F("scope", T_LIST), F("findings_open", T_NUM), F("vendor", T_TEXT), F("report", T_TEXT)}},
	{"health_check", {R("date", T_DATE), F("scope", T_LIST), F("vendor", T_TEXT), F("report", T_TEXT)}},
	{"source_code_scan", {R("system_id", T_TEXT), R("date", T_DATE), F("release", T_TEXT), F("tool", T_TEXT), F("findings_open", T_NUM)}},
	{"app_certification", {R("app", T_TEXT), R("date", T_DATE), F("lab", T_TEXT), F("passed", T_BOOL)}},
	{"bcp_drill", {R("date", T_DATE), F("systems", T_LIST), F("rto_met", T_BOOL), F("scenario", T_TEXT)}},
	{"firewall_review", {R("device", T_TEXT), R("date", T_DATE), F("reviewer", T_TEXT), F("approved_by", T_TEXT)}},
	{"account_review", {R("system_id", T_TEXT), R("date", T_DATE), F("reviewer", T_TEXT)}},
	{"monitoring_policy", {R("scope", T_LIST), F("cpu", T_NUM), F("memory", T_NUM), F("disk", T_NUM), F("alert_to", T_TEXT)}},
	{"log_retention", {R("source", T_TEXT), R("retained_days", T_NUM), F("system_id", T_TEXT)}},
	{"vuln_exception", {R("host", T_TEXT), R("plugin_or_cve", T_TEXT), F("reason", T_TEXT), F("compensating_control", T_TEXT), F("requested_by", T_TEXT), F("approved_by", T_TEXT), F("expires", T_DATE)}},
	{"incident", {R("id", T_TEXT), R("detected_at", T_TS), F("initial_report_at", T_TS), F("formal_report_at", T_TS), F("closed_at", T_TS), F("level", T_TEXT), F("systems", T_LIST), F("major", T_BOOL), F("summary", T_TEXT)}},
	{"outsourcing_contract", {R("vendor", T_TEXT), F("security_clause", T_BOOL), F("audit_right", T_BOOL), F("service", T_TEXT), F("signed", T_DATE), F("expires", T_DATE)}},
	{"iot_inventory", {R("date", T_DATE), F("devices", T_NUM), F("default_passwords_changed", T_BOOL)}},
	{"disposal", {R("date", T_DATE), F("asset", T_TEXT), F("method", T_TEXT), F("record", T_TEXT)}},
};

static bool claims(const char *rel)
{
	return fc_path_under(rel, "records/") && (fc_path_ext(rel, ".yaml") || fc_path_ext(rel, ".yml"));
}

static const struct rtype *find_type(const char *name)
{
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (!strcmp(types[i].name, name))
			return &types[i];
	return NULL;
}

static bool check_value(struct fc_bundle *b, const char *file, const struct field *f, const struct fc_ynode *v)
{
	const char *what = NULL;
	int32_t d;
	int64_t ts;
	double x;
	if (f->type == T_LIST) {
		if (v->kind == FC_Y_SEQ) {
			if (v->n > FC_MAX_RECORD_LIST) {
				fc_diag_error(b->diag, file, v->line, v->col, "%s: %zu items, more than the limit of %d",
					      f->name, v->n, FC_MAX_RECORD_LIST);
				return false;
			}
			for (size_t i = 0; i < v->n; i++)
				if (v->vals[i]->kind != FC_Y_SCALAR) {
					fc_diag_error(b->diag, file, v->vals[i]->line, v->vals[i]->col,
						      "%s: list items must be plain values", f->name);
					return false;
				}
			return true;
		}
		if (v->kind == FC_Y_SCALAR)
			return true; /* a single value or "all" */
		what = "a list";
	} else if (v->kind != FC_Y_SCALAR) {
		what = "a plain value";
	} else if (!*v->str) {
		return true;
	} else if (f->type == T_DATE && !fc_date_parse(v->str, &d)) {
		what = "a date (YYYY-MM-DD)";
	} else if (f->type == T_TS && !fc_ts_parse(v->str, &ts, NULL)) {
		what = "a timestamp (2026-11-01T09:30:00+08:00)";
	} else if (f->type == T_BOOL && fc_parse_bool(v->str) < -1) {
		what = "yes or no";
	} else if (f->type == T_NUM && (!fc_parse_double(v->str, &x) || x < 0)) {
		what = "a number ≥ 0";
	}
	if (what) {
		fc_diag_error(b->diag, file, v->line, v->col, "%s: expected %s", f->name, what);
		return false;
	}
	return true;
}

static enum fc_status load(struct fc_bundle *b, const char *path, const char *rel)
{
	fc_bundle_saw(b, FC_EV_RECORDS, rel);
	const char *file = fc_arena_strdup(&b->arena, rel);
	if (!file)
		return FC_ENOMEM;
	struct fc_text t;
	enum fc_status st = fc_text_read(path, file, &t, b->diag);
	if (st) {
		fc_bundle_bad(b, FC_EV_RECORDS, rel);
		return st;
	}
	struct fc_ynode *root;
	if ((st = fc_text_check_utf8(&t, file, b->diag))) {
		fc_text_release(&t);
		fc_bundle_bad(b, FC_EV_RECORDS, rel);
		return st;
	}
	st = fc_yaml_parse(t.p, t.n, file, &b->arena, &root, b->diag);
	fc_text_release(&t);
	if (st) {
		fc_bundle_bad(b, FC_EV_RECORDS, rel);
		return st;
	}
	if (!root) /* empty file */
		return FC_OK;
	if (root->kind != FC_Y_SEQ) {
		fc_diag_error(b->diag, file, root->line, root->col, "expected a YAML list of records (- type: …)");
		fc_bundle_bad(b, FC_EV_RECORDS, rel);
		return FC_EPARSE;
	}
	int bad = 0;
	for (size_t i = 0; i < root->n; i++) {
		const struct fc_ynode *m = root->vals[i];
		if (m->kind != FC_Y_MAP) {
			fc_diag_error(b->diag, file, m->line, m->col, "expected a record mapping with a 'type'");
			bad = 1;
			continue;
		}
		const char *tn = fc_ymap_str(m, "type");
		const struct rtype *rt = tn ? find_type(tn) : NULL;
		if (!rt) {
			fc_diag_error(b->diag, file, m->line, m->col, tn ? "unknown record type '%s'" : "record without a type%s",
				      tn ? tn : "");
			bad = 1;
			continue;
		}
		int rbad = 0;
		for (size_t k = 0; k < m->n; k++) {
			if (!strcmp(m->keys[k], "type"))
				continue;
			const struct field *f = NULL;
			for (size_t j = 0; j < sizeof rt->f / sizeof *rt->f && rt->f[j].name; j++)
				if (!strcmp(rt->f[j].name, m->keys[k]))
					f = &rt->f[j];
			if (!f) {
				fc_diag_error(b->diag, file, m->key_lines[k], 0, "%s: unknown field '%s'", rt->name, m->keys[k]);
				rbad = 1;
				continue;
			}
			if (!check_value(b, file, f, m->vals[k]))
				rbad = 1;
		}
		for (size_t j = 0; j < sizeof rt->f / sizeof *rt->f && rt->f[j].name; j++)
			if (rt->f[j].required && !fc_ymap_get(m, rt->f[j].name)) {
				fc_diag_error(b->diag, file, m->line, m->col, "%s: missing required field '%s'", rt->name,
					      rt->f[j].name);
				rbad = 1;
			}
		if (rbad) {
			bad = 1;
			continue; /* a malformed record is reported, not half-used */
		}
		struct fc_record *r = fc_vec_push(&b->records);
		if (!r)
			return FC_ENOMEM;
		r->type = rt->name;
		r->node = m;
		r->ref.file = file;
		r->ref.line = m->line;
		r->ref.excerpt = fc_arena_printf(&b->arena, "type: %s", rt->name);
	}
	if (bad)
		fc_bundle_bad(b, FC_EV_RECORDS, rel);
	return bad ? FC_EPARSE : FC_OK;
}

const struct fc_loader fc_loader_records = {"records", FC_EV_RECORDS, 20, claims, load, NULL, NULL};
