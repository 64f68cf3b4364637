/* The supervisor's multi-firm views: import, risk status, risk trend and
 * the yearly deficiency publication (supervise.h). */
#include "supervise.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include "../core/date.h"
#include "../core/json.h"
#include "../core/mem.h"
#include "../core/reader.h"
#include "../core/strutil.h"
#include "auth.h"
#include "webdb.h"

/* Distinct deficiency types in one results file: fincheck's catalog has a
 * few hundred checks; ten thousand leaves room for other tools' ids. */
#define SV_MAX_TYPES 10000
/* Findings in one results file (a firm with every account dormant). */
#define SV_MAX_FINDINGS 10000000
/* Firms in one period. */
#define SV_MAX_FIRMS 100000
#define SV_MAX_NAME 255
#define SV_MAX_TITLE 2000

static const struct fc_db_migration sv_m[] = {
	{1,
	 "CREATE TABLE sv_results(id {{ID}}, firm TEXT NOT NULL, period TEXT NOT NULL, as_of TEXT NOT NULL, "
	 "etrading_share TEXT, industry TEXT, digest TEXT NOT NULL, source TEXT, imported_at TEXT NOT NULL, "
	 "imported_by TEXT NOT NULL, UNIQUE(firm, period));"
	 "CREATE TABLE sv_findings(result_id BIGINT NOT NULL REFERENCES sv_results(id) ON DELETE CASCADE, "
	 "check_id TEXT NOT NULL, area TEXT NOT NULL, severity TEXT NOT NULL, n BIGINT NOT NULL, "
	 "title_zh TEXT, title_en TEXT, controls TEXT, PRIMARY KEY(result_id, check_id, severity));"
	 "CREATE INDEX sv_results_period ON sv_results(period);"
	 "CREATE INDEX sv_findings_check ON sv_findings(check_id)",
	 NULL},
};
const struct fc_db_module fc_webdb_module_supervise = {"supervise", sv_m, sizeof sv_m / sizeof *sv_m, NULL};

void fc_sv_params_init(struct fc_sv_params *o, const struct fc_params *p)
{
	static const double defpts[FC_SEV__COUNT] = {5, 3, 2, 1, 0};
	memcpy(o->points, defpts, sizeof defpts);
	o->per_finding = false;
	o->share_thr = 0.5;
	o->points_thr = 20;
	o->points_severe = 40;
	o->hidden_growth = 0.10;
	if (!p)
		return;
	const struct fc_param_val *v;
	if ((v = fc_params_get(p, "deduction_points")))
		for (size_t i = 0; i < v->n; i++) {
			int s = fc_severity_parse(v->list[i]);
			if (s >= 0)
				o->points[s] = v->map_vals[i];
		}
	if ((v = fc_params_get(p, "deduction_per_finding")))
		o->per_finding = v->num != 0;
	if ((v = fc_params_get(p, "risk_share_threshold")))
		o->share_thr = v->num;
	if ((v = fc_params_get(p, "risk_points_threshold")))
		o->points_thr = v->num;
	if ((v = fc_params_get(p, "risk_points_severe")))
		o->points_severe = v->num;
	if ((v = fc_params_get(p, "trend_hidden_growth")))
		o->hidden_growth = v->num;
}

static const char *const zone_names[FC_ZONE__COUNT] = {"attention", "guidance", "watch", "low"};
static const char *const zone_zh[FC_ZONE__COUNT] = {"需關懷", "加強輔導", "持續觀察", "低風險"};
static const char *const zone_en[FC_ZONE__COUNT] = {"needs attention", "guidance", "watch", "low risk"};

const char *fc_sv_zone_name(enum fc_sv_zone z)
{
	return (unsigned)z < FC_ZONE__COUNT ? zone_names[z] : "?";
}

const char *fc_sv_zone_label(enum fc_sv_zone z, bool zh)
{
	return (unsigned)z < FC_ZONE__COUNT ? (zh ? zone_zh[z] : zone_en[z]) : "?";
}

/* Comparisons with a small tolerance so that 0.5 >= 0.5 holds after the
 * trip through text. */
#define GE(a, b) ((a) >= (b) - 1e-9)

enum fc_sv_zone fc_sv_place(const struct fc_sv_params *p, double share, bool share_known, double points)
{
	bool hi_pts = GE(points, p->points_thr);
	if (GE(points, p->points_severe))
		return FC_ZONE_ATTENTION;
	if (!share_known)
		return hi_pts ? FC_ZONE_GUIDANCE : FC_ZONE_LOW;
	bool hi_share = GE(share, p->share_thr);
	if (hi_share && hi_pts)
		return FC_ZONE_ATTENTION;
	if (hi_pts)
		return FC_ZONE_GUIDANCE;
	if (hi_share)
		return FC_ZONE_WATCH;
	return FC_ZONE_LOW;
}

/* ---------------------------------------------------------------- import */

struct agg {
	const char *check, *area, *title_zh, *title_en;
	char *controls;
	size_t n[FC_SEV__COUNT];
};

static bool id_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 128)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-' || c == ':' || c == '/'))
			return false;
	}
	return true;
}

static const char *jstr(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static const char *area_of(const char *check, const json_t *areas, const struct fc_catalog *cat, struct fc_arena *a)
{
	const char *s = areas ? jstr(areas, check) : NULL;
	if (s && *s && id_ok(s))
		return s;
	const struct fc_check_meta *m = cat ? fc_catalog_check(cat, check) : NULL;
	if (m)
		return m->area;
	const char *dot = strchr(check, '.');
	return dot ? fc_arena_strndup(a, check, (size_t)(dot - check)) : check;
}

static enum fc_status bind_run(struct fc_db *db, const char *sql, const char *const *p, int n, int64_t *id)
{
	struct fc_stmt *s = NULL;
	enum fc_status st = fc_db_prepare(db, sql, &s);
	if (st)
		return st;
	for (int i = 0; i < n; i++)
		fc_stmt_bind_text(s, i + 1, p[i]);
	if (id) {
		int rc = fc_stmt_step(s);
		if (rc == FC_DB_ROW)
			*id = fc_stmt_int(s, 0);
		else
			st = FC_EIO;
	} else
		st = fc_stmt_run(s);
	fc_stmt_free(s);
	return st;
}

enum fc_status fc_sv_import_mem(struct fc_db *db, const char *data, size_t n, const char *name, const char *period,
				const char *by, const struct fc_catalog *cat, struct fc_sv_import_info *info,
				struct fc_diag *d)
{
	memset(info, 0, sizeof *info);
	json_error_t je;
	json_t *root = json_loadb(data, n, JSON_REJECT_DUPLICATES, &je);
	enum fc_status st = FC_OK;
	struct fc_arena a;
	fc_arena_init(&a);
	json_t *areas = NULL;
	struct agg *ag = NULL;
	size_t nag = 0;
	char *det = NULL;
	if (!root) {
		fc_diag_error(d, name, je.line > 0 ? je.line : 0, je.column > 0 ? je.column : 0,
			      "not valid JSON: %s (expected the output of 'fincheck assess --format json')", je.text);
		st = FC_EPARSE;
		goto out;
	}
	if (!json_is_object(root)) {
		fc_diag_error(d, name, 1, 1, "expected a JSON object (the output of 'fincheck assess --format json')");
		st = FC_EPARSE;
		goto out;
	}
	const json_t *org = json_object_get(root, "org");
	const char *firm = json_is_object(org) ? jstr(org, "name") : NULL;
	if (!firm || !*firm || strlen(firm) > SV_MAX_NAME) {
		fc_diag_error(d, name, 0, 0, "org.name: expected the firm's name (1-255 bytes)");
		st = FC_EPARSE;
		goto out;
	}
	const json_t *sh = json_object_get(org, "etrading_share");
	double share = -1;
	if (sh && !json_is_null(sh)) {
		if (!json_is_number(sh) || json_number_value(sh) < 0 || json_number_value(sh) > 1 ||
		    isnan(json_number_value(sh))) {
			fc_diag_error(d, name, 0, 0, "org.etrading_share: expected a number from 0 to 1");
			st = FC_EPARSE;
			goto out;
		}
		share = json_number_value(sh);
	}
	const char *industry = jstr(org, "industry");
	const char *asof_s = jstr(root, "as_of");
	int32_t asof;
	if (!asof_s || !fc_date_parse(asof_s, &asof)) {
		fc_diag_error(d, name, 0, 0, "as_of: expected a date YYYY-MM-DD");
		st = FC_EPARSE;
		goto out;
	}
	char asof_txt[11];
	fc_date_fmt(asof, asof_txt);
	char per[32];
	if (period) {
		if (!*period || strlen(period) >= sizeof per || !id_ok(period)) {
			fc_diag_error(d, NULL, 0, 0, "--period: expected a short label such as 2026 or 2026H1");
			st = FC_EUSAGE;
			goto out;
		}
		snprintf(per, sizeof per, "%s", period);
	} else {
		int y, m, dd;
		fc_civil_from_days(asof, &y, &m, &dd);
		snprintf(per, sizeof per, "%04d", y);
	}
	/* check -> area from the results list, when present */
	const json_t *results = json_object_get(root, "results");
	if (results && !json_is_array(results)) {
		fc_diag_error(d, name, 0, 0, "results: expected an array");
		st = FC_EPARSE;
		goto out;
	}
	areas = json_object();
	if (!areas) {
		st = FC_ENOMEM;
		goto out;
	}
	for (size_t i = 0; results && i < json_array_size(results); i++) {
		const json_t *r = json_array_get(results, i);
		const char *c = json_is_object(r) ? jstr(r, "check") : NULL;
		const char *ar = json_is_object(r) ? jstr(r, "area") : NULL;
		if (c && ar && id_ok(c) && id_ok(ar))
			json_object_set_new(areas, c, json_string(ar));
	}
	const json_t *fs = json_object_get(root, "findings");
	if (!json_is_array(fs)) {
		fc_diag_error(d, name, 0, 0, "findings: expected an array");
		st = FC_EPARSE;
		goto out;
	}
	size_t nf = json_array_size(fs);
	if (nf > SV_MAX_FINDINGS) {
		fc_diag_error(d, name, 0, 0, "findings: more than %d entries", SV_MAX_FINDINGS);
		st = FC_ELIMIT;
		goto out;
	}
	size_t cap = 0, last = 0;
	for (size_t i = 0; i < nf; i++) {
		const json_t *f = json_array_get(fs, i);
		const char *c = json_is_object(f) ? jstr(f, "check") : NULL;
		const char *sv = json_is_object(f) ? jstr(f, "severity") : NULL;
		if (!c || !id_ok(c)) {
			fc_diag_error(d, name, 0, 0, "findings[%zu].check: expected a check id such as net.db_in_dmz", i);
			st = FC_EPARSE;
			goto out;
		}
		int sev = sv ? fc_severity_parse(sv) : -1;
		if (sev < 0) {
			fc_diag_error(d, name, 0, 0,
				      "findings[%zu].severity: expected critical, high, medium, low or info", i);
			st = FC_EPARSE;
			goto out;
		}
		size_t k = last;
		if (!(k < nag && !strcmp(ag[k].check, c)))
			for (k = 0; k < nag && strcmp(ag[k].check, c); k++)
				;
		if (k == nag) {
			if (nag == SV_MAX_TYPES) {
				fc_diag_error(d, name, 0, 0, "findings: more than %d distinct checks", SV_MAX_TYPES);
				st = FC_ELIMIT;
				goto out;
			}
			if (nag == cap) {
				size_t nc = cap ? cap * 2 : 64;
				struct agg *x = fc_reallocarray(ag, nc, sizeof *ag);
				if (!x) {
					st = FC_ENOMEM;
					goto out;
				}
				ag = x;
				cap = nc;
			}
			struct agg *g = &ag[nag++];
			memset(g, 0, sizeof *g);
			g->check = c;
			g->area = area_of(c, areas, cat, &a);
			const char *tz = jstr(f, "title_zh"), *te = jstr(f, "title");
			g->title_zh = tz && strlen(tz) <= SV_MAX_TITLE ? tz : NULL;
			g->title_en = te && strlen(te) <= SV_MAX_TITLE ? te : NULL;
			const struct fc_check_meta *m = cat ? fc_catalog_check(cat, c) : NULL;
			if (!g->title_zh && m)
				g->title_zh = m->title_zh;
			if (!g->title_en && m)
				g->title_en = m->title_en;
			const json_t *ctl = json_object_get(f, "controls");
			struct fc_buf cb;
			fc_buf_init(&cb, 4096);
			for (size_t q = 0; json_is_array(ctl) && q < json_array_size(ctl); q++) {
				const char *x = json_string_value(json_array_get(ctl, q));
				if (x && id_ok(x)) {
					if (cb.len)
						fc_buf_addc(&cb, ';');
					fc_buf_adds(&cb, x);
				}
			}
			g->controls = fc_arena_strdup(&a, fc_buf_str(&cb));
			fc_buf_release(&cb);
			if (!g->area || !g->controls) {
				st = FC_ENOMEM;
				goto out;
			}
		}
		last = k;
		ag[k].n[sev]++;
	}
	/* the database: replace (firm, period), insert, audit, commit */
	char digest[65];
	fc_sha256_hex(data, n, digest);
	char sharetxt[32] = "";
	if (share >= 0)
		snprintf(sharetxt, sizeof sharetxt, "%.6g", share);
	char now[26];
	fc_ts_fmt(fc_web_now(), now);
	if ((st = fc_db_begin_write(db)))
		goto out;
	int64_t old = 0;
	const char *pk[] = {firm, per};
	if ((st = fc_db_query_int(db, "SELECT id FROM sv_results WHERE firm = ? AND period = ?", pk, 2, 0, &old)))
		goto rollback;
	if (old) {
		char ot[24];
		snprintf(ot, sizeof ot, "%lld", (long long)old);
		const char *po[] = {ot};
		if ((st = bind_run(db, "DELETE FROM sv_findings WHERE result_id = ?", po, 1, NULL)) ||
		    (st = bind_run(db, "DELETE FROM sv_results WHERE id = ?", po, 1, NULL)))
			goto rollback;
		info->replaced = true;
	}
	int64_t rid = 0;
	{
		struct fc_stmt *s = NULL;
		if ((st = fc_db_prepare(db,
					"INSERT INTO sv_results(firm, period, as_of, etrading_share, industry, digest, source, "
					"imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
					&s)))
			goto rollback;
		fc_stmt_bind_text(s, 1, firm);
		fc_stmt_bind_text(s, 2, per);
		fc_stmt_bind_text(s, 3, asof_txt);
		fc_stmt_bind_text(s, 4, share >= 0 ? sharetxt : NULL);
		fc_stmt_bind_text(s, 5, industry);
		fc_stmt_bind_text(s, 6, digest);
		fc_stmt_bind_text(s, 7, name);
		fc_stmt_bind_text(s, 8, now);
		fc_stmt_bind_text(s, 9, by && *by ? by : "fincheck");
		int rc = fc_stmt_step(s);
		if (rc == FC_DB_ROW)
			rid = fc_stmt_int(s, 0);
		fc_stmt_free(s);
		if (rc != FC_DB_ROW) {
			st = FC_EIO;
			goto rollback;
		}
	}
	{
		struct fc_stmt *s = NULL;
		if ((st = fc_db_prepare(db,
					"INSERT INTO sv_findings(result_id, check_id, area, severity, n, title_zh, title_en, "
					"controls) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
					&s)))
			goto rollback;
		for (size_t k = 0; k < nag && !st; k++)
			for (int sv = 0; sv < FC_SEV__COUNT && !st; sv++) {
				if (!ag[k].n[sv])
					continue;
				fc_stmt_reset(s);
				fc_stmt_bind_int(s, 1, rid);
				fc_stmt_bind_text(s, 2, ag[k].check);
				fc_stmt_bind_text(s, 3, ag[k].area);
				fc_stmt_bind_text(s, 4, fc_severity_name((enum fc_severity)sv));
				fc_stmt_bind_int(s, 5, (int64_t)ag[k].n[sv]);
				fc_stmt_bind_text(s, 6, ag[k].title_zh);
				fc_stmt_bind_text(s, 7, ag[k].title_en);
				fc_stmt_bind_text(s, 8, ag[k].controls);
				st = fc_stmt_run(s);
			}
		fc_stmt_free(s);
		if (st)
			goto rollback;
	}
	{
		struct fc_buf b;
		fc_buf_init(&b, 8192);
		struct fc_json j;
		fc_json_init(&j, &b, false);
		fc_json_obj(&j);
		fc_json_kstr(&j, "firm", firm);
		fc_json_kstr(&j, "period", per);
		fc_json_kstr(&j, "as_of", asof_txt);
		fc_json_kstr(&j, "digest", digest);
		fc_json_kint(&j, "findings", (int64_t)nf);
		fc_json_kbool(&j, "replaced", info->replaced);
		fc_json_obj_end(&j);
		det = fc_buf_err(&b) ? NULL : fc_buf_detach(&b);
		fc_buf_release(&b);
		if (!det) {
			st = FC_ENOMEM;
			goto rollback;
		}
		char obj[300];
		snprintf(obj, sizeof obj, "%s/%s", firm, per);
		if ((st = fc_web_audit(db, by, "supervise.import", obj, det)))
			goto rollback;
	}
	if ((st = fc_db_commit(db)))
		goto out;
	snprintf(info->firm, sizeof info->firm, "%s", firm);
	snprintf(info->period, sizeof info->period, "%s", per);
	memcpy(info->as_of, asof_txt, sizeof info->as_of);
	info->findings = nf;
	goto out;
rollback:
	fc_db_rollback(db);
	fc_diag_error(d, name, 0, 0, "could not store the import: %s", fc_db_errmsg(db));
out:
	fc_free(det);
	fc_free(ag);
	json_decref(areas);
	json_decref(root);
	fc_arena_release(&a);
	return st;
}

enum fc_status fc_sv_import_file(struct fc_db *db, const char *path, const char *period, const char *by,
				 const struct fc_catalog *cat, struct fc_sv_import_info *info, struct fc_diag *d)
{
	struct fc_text t = {0};
	memset(info, 0, sizeof *info);
	enum fc_status st = fc_text_read(path, path, &t, d);
	if (st)
		return st;
	if ((st = fc_text_check_utf8(&t, path, d))) {
		fc_text_release(&t);
		return st;
	}
	st = fc_sv_import_mem(db, t.p, t.n, path, period, by, cat, info, d);
	fc_text_release(&t);
	return st;
}

/* ------------------------------------------------------- period loading */

struct pchk {
	const char *check, *area, *title_zh, *title_en;
	int worst;		/* most severe (lowest enum) */
	size_t n;
};

struct pfirm {
	int64_t id;
	const char *firm, *as_of, *industry;
	double share;
	bool share_known;
	struct pchk *c;
	size_t nc, capc;
	size_t sev[FC_SEV__COUNT];
};

struct period {
	struct pfirm *f;
	size_t n;
};

static int cmp_pfirm_id(const void *a, const void *b)
{
	const struct pfirm *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void period_release(struct period *p)
{
	for (size_t i = 0; i < p->n; i++)
		fc_free(p->f[i].c);
	fc_free(p->f);
	p->f = NULL;
	p->n = 0;
}

static const char *adup(struct fc_arena *a, const char *s)
{
	return s ? fc_arena_strdup(a, s) : NULL;
}

static enum fc_status load_period(struct fc_db *db, const char *period, struct fc_arena *a, struct period *out)
{
	memset(out, 0, sizeof *out);
	struct fc_stmt *s = NULL;
	enum fc_status st = fc_db_prepare(
		db, "SELECT id, firm, as_of, etrading_share, industry FROM sv_results WHERE period = ? ORDER BY id", &s);
	if (st)
		return st;
	fc_stmt_bind_text(s, 1, period);
	size_t cap = 0;
	int rc;
	while ((rc = fc_stmt_step(s)) == FC_DB_ROW) {
		if (out->n == SV_MAX_FIRMS) {
			st = FC_ELIMIT;
			break;
		}
		if (out->n == cap) {
			size_t nc = cap ? cap * 2 : 32;
			struct pfirm *x = fc_reallocarray(out->f, nc, sizeof *x);
			if (!x) {
				st = FC_ENOMEM;
				break;
			}
			out->f = x;
			cap = nc;
		}
		struct pfirm *f = &out->f[out->n++];
		memset(f, 0, sizeof *f);
		f->id = fc_stmt_int(s, 0);
		f->firm = adup(a, fc_stmt_text(s, 1));
		f->as_of = adup(a, fc_stmt_text(s, 2));
		const char *sh = fc_stmt_text(s, 3);
		f->share_known = sh && fc_parse_double(sh, &f->share);
		f->industry = adup(a, fc_stmt_text(s, 4));
		if (!f->firm || !f->as_of) {
			st = FC_ENOMEM;
			break;
		}
	}
	fc_stmt_free(s);
	if (!st && rc == FC_DB_ERR)
		st = FC_EIO;
	if (st)
		goto fail;
	fc_qsort(out->f, out->n, sizeof *out->f, cmp_pfirm_id);
	if ((st = fc_db_prepare(db,
				"SELECT f.result_id, f.check_id, f.area, f.severity, f.n, f.title_zh, f.title_en "
				"FROM sv_findings f JOIN sv_results r ON r.id = f.result_id WHERE r.period = ? "
				"ORDER BY f.result_id, f.check_id",
				&s)))
		goto fail;
	fc_stmt_bind_text(s, 1, period);
	while ((rc = fc_stmt_step(s)) == FC_DB_ROW) {
		struct pfirm key = {.id = fc_stmt_int(s, 0)};
		struct pfirm *f = bsearch(&key, out->f, out->n, sizeof *out->f, cmp_pfirm_id);
		int sev = fc_severity_parse(fc_stmt_text(s, 3));
		const char *chk = fc_stmt_text(s, 1);
		if (!f || sev < 0 || !chk)
			continue;
		int64_t n = fc_stmt_int(s, 4);
		f->sev[sev] += n > 0 ? (size_t)n : 0;
		if (!(f->nc && !strcmp(f->c[f->nc - 1].check, chk))) {
			if (f->nc == f->capc) {
				size_t nc = f->capc ? f->capc * 2 : 16;
				struct pchk *x = fc_reallocarray(f->c, nc, sizeof *x);
				if (!x) {
					st = FC_ENOMEM;
					break;
				}
				f->c = x;
				f->capc = nc;
			}
			struct pchk *c = &f->c[f->nc++];
			c->check = adup(a, chk);
			c->area = adup(a, fc_stmt_text(s, 2));
			c->title_zh = adup(a, fc_stmt_text(s, 5));
			c->title_en = adup(a, fc_stmt_text(s, 6));
			c->worst = sev;
			c->n = 0;
			if (!c->check || !c->area) {
				st = FC_ENOMEM;
				break;
			}
		}
		struct pchk *c = &f->c[f->nc - 1];
		if (sev < c->worst)
			c->worst = sev;
		c->n += n > 0 ? (size_t)n : 0;
	}
	fc_stmt_free(s);
	if (!st && rc == FC_DB_ERR)
		st = FC_EIO;
	if (st)
		goto fail;
	return FC_OK;
fail:
	period_release(out);
	return st;
}

static double firm_points(const struct fc_sv_params *p, const struct pfirm *f, size_t *types)
{
	double pts = 0;
	size_t t = 0;
	for (size_t i = 0; i < f->nc; i++) {
		if (f->c[i].worst != FC_SEV_INFO)
			t++;
		if (!p->per_finding)
			pts += p->points[f->c[i].worst];
	}
	if (p->per_finding)
		for (int s = 0; s < FC_SEV__COUNT; s++)
			pts += p->points[s] * (double)f->sev[s];
	if (types)
		*types = t;
	return pts;
}

static enum fc_status pick_periods(struct fc_db *db, const char *period, struct fc_arena *a, const char **cur,
				   const char **prev)
{
	char *x = NULL;
	enum fc_status st;
	*cur = *prev = NULL;
	if (period) {
		const char *p[] = {period};
		if ((st = fc_db_query_text(db, "SELECT period FROM sv_results WHERE period = ? LIMIT 1", p, 1, &x)))
			return st;
	} else if ((st = fc_db_query_text(db, "SELECT max(period) FROM sv_results", NULL, 0, &x)))
		return st;
	if (!x)
		return FC_ENOTFOUND;
	*cur = fc_arena_strdup(a, x);
	fc_free(x);
	x = NULL;
	const char *p[] = {*cur};
	if ((st = fc_db_query_text(db, "SELECT max(period) FROM sv_results WHERE period < ?", p, 1, &x)))
		return st;
	if (x)
		*prev = fc_arena_strdup(a, x);
	fc_free(x);
	return *cur ? FC_OK : FC_ENOMEM;
}

static int cmp_firm(const void *a, const void *b)
{
	const struct fc_sv_firm *x = a, *y = b;
	if (x->points != y->points)
		return x->points > y->points ? -1 : 1;
	if (x->share_known != y->share_known)
		return x->share_known ? -1 : 1;
	if (x->share != y->share)
		return x->share > y->share ? -1 : 1;
	return strcmp(x->firm, y->firm);
}

enum fc_status fc_sv_status(struct fc_db *db, const struct fc_sv_params *p, const char *period,
			    struct fc_sv_status *out)
{
	memset(out, 0, sizeof *out);
	fc_arena_init(&out->arena);
	out->params = *p;
	struct period cur = {0}, prev = {0};
	enum fc_status st = pick_periods(db, period, &out->arena, &out->period, &out->prev_period);
	if (st)
		goto out;
	if ((st = load_period(db, out->period, &out->arena, &cur)))
		goto out;
	if (out->prev_period && (st = load_period(db, out->prev_period, &out->arena, &prev)))
		goto out;
	out->firms = fc_arena_alloc(&out->arena, (cur.n ? cur.n : 1) * sizeof *out->firms);
	if (!out->firms) {
		st = FC_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < cur.n; i++) {
		const struct pfirm *f = &cur.f[i];
		struct fc_sv_firm *o = &out->firms[out->n++];
		o->firm = f->firm;
		o->as_of = f->as_of;
		o->industry = f->industry;
		o->share = f->share;
		o->share_known = f->share_known;
		o->points = firm_points(p, f, &o->types);
		memcpy(o->sev, f->sev, sizeof o->sev);
		for (size_t k = 0; k < prev.n; k++)
			if (!strcmp(prev.f[k].firm, f->firm)) {
				o->has_prev = true;
				o->prev_points = firm_points(p, &prev.f[k], NULL);
				break;
			}
		o->zone = fc_sv_place(p, o->share, o->share_known, o->points);
		out->zone_count[o->zone]++;
	}
	fc_qsort(out->firms, out->n, sizeof *out->firms, cmp_firm);
out:
	period_release(&cur);
	period_release(&prev);
	if (st)
		fc_sv_status_release(out);
	return st;
}

void fc_sv_status_release(struct fc_sv_status *s)
{
	fc_arena_release(&s->arena);
	memset(s, 0, sizeof *s);
}

/* ----------------------------------------------------------------- trend */

struct tcount {
	const char *key, *area, *tz, *te;
	size_t cur, prev;
};

static struct tcount *tfind(struct tcount **v, size_t *n, size_t *cap, const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].key, key))
			return &(*v)[i];
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct tcount *x = fc_reallocarray(*v, nc, sizeof *x);
		if (!x)
			return NULL;
		*v = x;
		*cap = nc;
	}
	struct tcount *t = &(*v)[(*n)++];
	memset(t, 0, sizeof *t);
	t->key = key;
	return t;
}

/* Count the firms of a period having each type (by check or by area). */
static enum fc_status tcount_period(const struct period *p, bool by_area, bool is_prev, struct tcount **v, size_t *n,
				    size_t *cap)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct pfirm *f = &p->f[i];
		const char **seen = NULL; /* areas seen for this firm: count each once */
		size_t nseen = 0;
		if (by_area && f->nc) {
			seen = fc_calloc(f->nc, sizeof *seen);
			if (!seen)
				return FC_ENOMEM;
		}
		for (size_t k = 0; k < f->nc; k++) {
			const struct pchk *c = &f->c[k];
			if (c->worst == FC_SEV_INFO)
				continue;
			const char *key = by_area ? c->area : c->check;
			if (by_area) {
				size_t q;
				for (q = 0; q < nseen && strcmp(seen[q], key); q++)
					;
				if (q < nseen)
					continue;
				seen[nseen++] = key;
			}
			struct tcount *t = tfind(v, n, cap, key);
			if (!t) {
				fc_free(seen);
				return FC_ENOMEM;
			}
			if (!t->area) {
				t->area = c->area;
				t->tz = by_area ? NULL : c->title_zh;
				t->te = by_area ? NULL : c->title_en;
			}
			if (is_prev)
				t->prev++;
			else
				t->cur++;
		}
		fc_free(seen);
	}
	return FC_OK;
}

static int cmp_type(const void *a, const void *b)
{
	const struct fc_sv_type *x = a, *y = b;
	if (fabs(x->share - y->share) > 1e-12)
		return x->share > y->share ? -1 : 1;
	if (fabs(x->change - y->change) > 1e-12)
		return x->change > y->change ? -1 : 1;
	return strcmp(x->key, y->key);
}

static enum fc_status build_types(const struct fc_sv_params *p, struct fc_sv_trend *t, const struct period *cur,
				  const struct period *prev, bool by_area, struct fc_sv_type **out, size_t *nout)
{
	struct tcount *v = NULL;
	size_t n = 0, cap = 0;
	enum fc_status st = tcount_period(cur, by_area, false, &v, &n, &cap);
	if (!st)
		st = tcount_period(prev, by_area, true, &v, &n, &cap);
	if (st) {
		fc_free(v);
		return st;
	}
	*out = fc_arena_alloc(&t->arena, (n ? n : 1) * sizeof **out);
	if (!*out) {
		fc_free(v);
		return FC_ENOMEM;
	}
	*nout = n;
	for (size_t i = 0; i < n; i++) {
		struct fc_sv_type *o = &(*out)[i];
		o->key = v[i].key;
		o->area = v[i].area;
		o->title_zh = v[i].tz;
		o->title_en = v[i].te;
		o->firms = v[i].cur;
		o->prev_firms = v[i].prev;
		o->share = t->nfirms ? (double)v[i].cur / (double)t->nfirms : 0;
		o->prev_share = t->prev_nfirms ? (double)v[i].prev / (double)t->prev_nfirms : 0;
		o->change = t->prev_period ? o->share - o->prev_share : 0;
		o->hidden = t->prev_period && o->firms > 0 && GE(o->change, p->hidden_growth);
		if (o->hidden && !by_area)
			t->nhidden++;
	}
	fc_free(v);
	fc_qsort(*out, *nout, sizeof **out, cmp_type);
	return FC_OK;
}

enum fc_status fc_sv_trend(struct fc_db *db, const struct fc_sv_params *p, const char *period,
			   struct fc_sv_trend *out)
{
	memset(out, 0, sizeof *out);
	fc_arena_init(&out->arena);
	out->params = *p;
	struct period cur = {0}, prev = {0};
	enum fc_status st = pick_periods(db, period, &out->arena, &out->period, &out->prev_period);
	if (st)
		goto out;
	if ((st = load_period(db, out->period, &out->arena, &cur)))
		goto out;
	if (out->prev_period && (st = load_period(db, out->prev_period, &out->arena, &prev)))
		goto out;
	out->nfirms = cur.n;
	out->prev_nfirms = prev.n;
	if ((st = build_types(p, out, &cur, &prev, false, &out->types, &out->ntypes)) ||
	    (st = build_types(p, out, &cur, &prev, true, &out->areas, &out->nareas)))
		goto out;
	/* the periods, oldest first */
	struct fc_stmt *s = NULL;
	if ((st = fc_db_prepare(db, "SELECT period, count(*) FROM sv_results GROUP BY period ORDER BY period", &s)))
		goto out;
	size_t cap = 0;
	int rc;
	while ((rc = fc_stmt_step(s)) == FC_DB_ROW) {
		if (out->nperiods == cap) {
			size_t nc = cap ? cap * 2 : 16;
			const char **x = fc_arena_alloc(&out->arena, nc * sizeof *x);
			size_t *y = fc_arena_alloc(&out->arena, nc * sizeof *y);
			if (!x || !y) {
				st = FC_ENOMEM;
				break;
			}
			if (out->nperiods) {
				memcpy(x, out->periods, out->nperiods * sizeof *x);
				memcpy(y, out->period_firms, out->nperiods * sizeof *y);
			}
			out->periods = x;
			out->period_firms = y;
			cap = nc;
		}
		out->periods[out->nperiods] = adup(&out->arena, fc_stmt_text(s, 0));
		out->period_firms[out->nperiods] = (size_t)fc_stmt_int(s, 1);
		if (!out->periods[out->nperiods]) {
			st = FC_ENOMEM;
			break;
		}
		out->nperiods++;
	}
	fc_stmt_free(s);
	if (!st && rc == FC_DB_ERR)
		st = FC_EIO;
out:
	period_release(&cur);
	period_release(&prev);
	if (st)
		fc_sv_trend_release(out);
	return st;
}

void fc_sv_trend_release(struct fc_sv_trend *t)
{
	fc_arena_release(&t->arena);
	memset(t, 0, sizeof *t);
}

enum fc_status fc_sv_type_history(struct fc_db *db, const struct fc_sv_trend *t, const char *check_id, double *out)
{
	for (size_t i = 0; i < t->nperiods; i++)
		out[i] = 0;
	struct fc_stmt *s = NULL;
	enum fc_status st = fc_db_prepare(db,
					  "SELECT r.period, count(DISTINCT r.id) FROM sv_results r JOIN sv_findings f "
					  "ON f.result_id = r.id WHERE f.check_id = ? AND f.severity <> 'info' "
					  "GROUP BY r.period",
					  &s);
	if (st)
		return st;
	fc_stmt_bind_text(s, 1, check_id);
	int rc;
	while ((rc = fc_stmt_step(s)) == FC_DB_ROW) {
		const char *per = fc_stmt_text(s, 0);
		for (size_t i = 0; per && i < t->nperiods; i++)
			if (!strcmp(t->periods[i], per) && t->period_firms[i])
				out[i] = (double)fc_stmt_int(s, 1) / (double)t->period_firms[i];
	}
	fc_stmt_free(s);
	return rc == FC_DB_ERR ? FC_EIO : FC_OK;
}

/* --------------------------------------------------------------- writers */

void fc_csv_cell(struct fc_buf *b, const char *s)
{
	if (!s)
		s = "";
	/* a cell starting with = + - @ or a control is read as a formula by
	 * spreadsheets (CSV injection): prefix an apostrophe */
	bool defuse = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
	bool quote = defuse || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		fc_buf_adds(b, s);
		return;
	}
	fc_buf_addc(b, '"');
	if (defuse)
		fc_buf_addc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fc_buf_addc(b, '"');
		fc_buf_addc(b, *p);
	}
	fc_buf_addc(b, '"');
}

static void json_params(struct fc_json *j, const struct fc_sv_params *p)
{
	fc_json_key(j, "parameters");
	fc_json_obj(j);
	fc_json_key(j, "deduction_points");
	fc_json_obj(j);
	for (int s = 0; s < FC_SEV__COUNT; s++)
		fc_json_knum(j, fc_severity_name((enum fc_severity)s), p->points[s]);
	fc_json_obj_end(j);
	fc_json_kbool(j, "deduction_per_finding", p->per_finding);
	fc_json_knum(j, "risk_share_threshold", p->share_thr);
	fc_json_knum(j, "risk_points_threshold", p->points_thr);
	fc_json_knum(j, "risk_points_severe", p->points_severe);
	fc_json_knum(j, "trend_hidden_growth", p->hidden_growth);
	fc_json_obj_end(j);
}

void fc_sv_status_json(struct fc_buf *b, const struct fc_sv_status *s)
{
	struct fc_json j;
	fc_json_init(&j, b, true);
	fc_json_obj(&j);
	fc_json_kstr(&j, "period", s->period);
	fc_json_kstr(&j, "previous_period", s->prev_period);
	json_params(&j, &s->params);
	fc_json_key(&j, "zones");
	fc_json_obj(&j);
	for (int z = 0; z < FC_ZONE__COUNT; z++)
		fc_json_kint(&j, zone_names[z], (int64_t)s->zone_count[z]);
	fc_json_obj_end(&j);
	fc_json_key(&j, "firms");
	fc_json_arr(&j);
	for (size_t i = 0; i < s->n; i++) {
		const struct fc_sv_firm *f = &s->firms[i];
		fc_json_obj(&j);
		fc_json_kstr(&j, "firm", f->firm);
		fc_json_kstr(&j, "as_of", f->as_of);
		if (f->share_known)
			fc_json_knum(&j, "etrading_share", f->share);
		else {
			fc_json_key(&j, "etrading_share");
			fc_json_null(&j);
		}
		fc_json_knum(&j, "points", f->points);
		if (f->has_prev) {
			fc_json_knum(&j, "previous_points", f->prev_points);
			fc_json_knum(&j, "change", f->points - f->prev_points);
		}
		fc_json_kint(&j, "deficiency_types", (int64_t)f->types);
		fc_json_key(&j, "findings");
		fc_json_obj(&j);
		for (int k = 0; k < FC_SEV__COUNT; k++)
			fc_json_kint(&j, fc_severity_name((enum fc_severity)k), (int64_t)f->sev[k]);
		fc_json_obj_end(&j);
		fc_json_kstr(&j, "zone", zone_names[f->zone]);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	fc_json_key(&j, "attention");
	fc_json_arr(&j);
	for (size_t i = 0; i < s->n; i++)
		if (s->firms[i].zone == FC_ZONE_ATTENTION)
			fc_json_str(&j, s->firms[i].firm);
	fc_json_arr_end(&j);
	fc_json_obj_end(&j);
	fc_buf_addc(b, '\n');
}

void fc_sv_status_csv(struct fc_buf *b, const struct fc_sv_status *s)
{
	fc_buf_adds(b, "period,firm,as_of,etrading_share,points,previous_points,change,deficiency_types,critical,high,"
		       "medium,low,info,zone\n");
	for (size_t i = 0; i < s->n; i++) {
		const struct fc_sv_firm *f = &s->firms[i];
		fc_csv_cell(b, s->period);
		fc_buf_addc(b, ',');
		fc_csv_cell(b, f->firm);
		fc_buf_addf(b, ",%s,", f->as_of);
		if (f->share_known)
			fc_buf_addf(b, "%.4g", f->share);
		fc_buf_addf(b, ",%g,", f->points);
		if (f->has_prev)
			fc_buf_addf(b, "%g,%g", f->prev_points, f->points - f->prev_points);
		else
			fc_buf_adds(b, ",");
		fc_buf_addf(b, ",%zu", f->types);
		for (int k = 0; k < FC_SEV__COUNT; k++)
			fc_buf_addf(b, ",%zu", f->sev[k]);
		fc_buf_addf(b, ",%s\n", zone_names[f->zone]);
	}
}

/* Left-aligned in a terminal column: CJK characters take two cells. */
static void pad(struct fc_buf *b, const char *s, int width)
{
	int w = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		if ((*p & 0xC0) != 0x80)
			w += *p >= 0xE1 ? 2 : 1;
	fc_buf_adds(b, s ? s : "");
	for (; w < width; w++)
		fc_buf_addc(b, ' ');
}

void fc_sv_status_text(struct fc_buf *b, const struct fc_sv_status *s, bool zh)
{
	fc_buf_addf(b, zh ? "資安風險現況 — 期別 %s%s%s%s\n" : "Risk status — period %s%s%s%s\n", s->period,
		    s->prev_period ? (zh ? "（前期 " : " (previous ") : "", s->prev_period ? s->prev_period : "",
		    s->prev_period ? (zh ? "）" : ")") : "");
	fc_buf_addf(b,
		    zh ? "門檻：電子交易比重 ≥ %.0f%%、扣分 ≥ %g（≥ %g 不論比重）\n\n"
		       : "Thresholds: e-trading share >= %.0f%%, points >= %g (>= %g regardless of share)\n\n",
		    s->params.share_thr * 100, s->params.points_thr, s->params.points_severe);
	pad(b, zh ? "證券商" : "firm", 30);
	pad(b, zh ? " 電子交易" : " e-trade", 10);
	pad(b, zh ? "    扣分" : "  points", 9);
	pad(b, zh ? "    增減" : "  change", 10);
	fc_buf_addf(b, "%s\n", zh ? "區塊" : "zone");
	for (size_t i = 0; i < s->n; i++) {
		const struct fc_sv_firm *f = &s->firms[i];
		char sh[16] = "-", ch[24] = "-";
		if (f->share_known)
			snprintf(sh, sizeof sh, "%.0f%%", f->share * 100);
		if (f->has_prev)
			snprintf(ch, sizeof ch, "%+g", f->points - f->prev_points);
		pad(b, f->firm, 30);
		fc_buf_addf(b, " %8s %8g %8s  %s\n", sh, f->points, ch, fc_sv_zone_label(f->zone, zh));
	}
	fc_buf_adds(b, zh ? "\n需關懷之證券商：" : "\nFirms needing attention: ");
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->firms[i].zone == FC_ZONE_ATTENTION)
			fc_buf_addf(b, "%s%s", k++ ? (zh ? "、" : ", ") : "", s->firms[i].firm);
	fc_buf_adds(b, k ? "\n" : (zh ? "無\n" : "none\n"));
}

static void trend_rows_json(struct fc_json *j, const char *key, const struct fc_sv_type *v, size_t n, bool area)
{
	fc_json_key(j, key);
	fc_json_arr(j);
	for (size_t i = 0; i < n; i++) {
		fc_json_obj(j);
		fc_json_kstr(j, area ? "area" : "check", v[i].key);
		if (!area) {
			fc_json_kstr(j, "area", v[i].area);
			fc_json_kstr(j, "title_zh", v[i].title_zh);
			fc_json_kstr(j, "title", v[i].title_en);
		}
		fc_json_kint(j, "firms", (int64_t)v[i].firms);
		fc_json_knum(j, "share", v[i].share);
		fc_json_kint(j, "previous_firms", (int64_t)v[i].prev_firms);
		fc_json_knum(j, "previous_share", v[i].prev_share);
		fc_json_knum(j, "change", v[i].change);
		fc_json_kbool(j, "hidden_risk", v[i].hidden);
		fc_json_obj_end(j);
	}
	fc_json_arr_end(j);
}

void fc_sv_trend_json(struct fc_buf *b, const struct fc_sv_trend *t)
{
	struct fc_json j;
	fc_json_init(&j, b, true);
	fc_json_obj(&j);
	fc_json_kstr(&j, "period", t->period);
	fc_json_kstr(&j, "previous_period", t->prev_period);
	fc_json_kint(&j, "firms", (int64_t)t->nfirms);
	fc_json_kint(&j, "previous_firms", (int64_t)t->prev_nfirms);
	trend_rows_json(&j, "types", t->types, t->ntypes, false);
	trend_rows_json(&j, "areas", t->areas, t->nareas, true);
	fc_json_key(&j, "hidden_risks");
	fc_json_arr(&j);
	for (size_t i = 0; i < t->ntypes; i++)
		if (t->types[i].hidden)
			fc_json_str(&j, t->types[i].key);
	fc_json_arr_end(&j);
	fc_json_obj_end(&j);
	fc_buf_addc(b, '\n');
}

void fc_sv_trend_csv(struct fc_buf *b, const struct fc_sv_trend *t)
{
	fc_buf_adds(b, "period,previous_period,kind,type,area,title_zh,firms,share,previous_firms,previous_share,change,"
		       "hidden_risk\n");
	for (int pass = 0; pass < 2; pass++) {
		const struct fc_sv_type *v = pass ? t->areas : t->types;
		size_t n = pass ? t->nareas : t->ntypes;
		for (size_t i = 0; i < n; i++) {
			fc_csv_cell(b, t->period);
			fc_buf_addc(b, ',');
			fc_csv_cell(b, t->prev_period);
			fc_buf_adds(b, pass ? ",area," : ",check,");
			fc_csv_cell(b, v[i].key);
			fc_buf_addc(b, ',');
			fc_csv_cell(b, v[i].area);
			fc_buf_addc(b, ',');
			fc_csv_cell(b, v[i].title_zh);
			fc_buf_addf(b, ",%zu,%.4f,%zu,%.4f,%.4f,%s\n", v[i].firms, v[i].share, v[i].prev_firms,
				    v[i].prev_share, v[i].change, v[i].hidden ? "yes" : "no");
		}
	}
}

void fc_sv_trend_text(struct fc_buf *b, const struct fc_sv_trend *t, bool zh)
{
	fc_buf_addf(b, zh ? "風險趨勢分析 — 期別 %s（%zu 家）" : "Risk trend — period %s (%zu firms)", t->period,
		    t->nfirms);
	if (t->prev_period)
		fc_buf_addf(b, zh ? "，前期 %s（%zu 家）\n\n" : ", previous %s (%zu firms)\n\n", t->prev_period,
			    t->prev_nfirms);
	else
		fc_buf_adds(b, zh ? "，無前期資料\n\n" : ", no previous period\n\n");
	pad(b, zh ? "缺失類型" : "deficiency type", 34);
	pad(b, zh ? "   家數" : "  firms", 7);
	pad(b, zh ? "     占比" : "    share", 9);
	fc_buf_adds(b, zh ? "     增減\n" : "   change\n");
	for (size_t i = 0; i < t->ntypes; i++) {
		const struct fc_sv_type *v = &t->types[i];
		char ch[16] = "-";
		if (t->prev_period)
			snprintf(ch, sizeof ch, "%+.0f%%", v->change * 100);
		fc_buf_addf(b, "%-34s %6zu %7.0f%% %8s  %s%s\n", v->key, v->firms, v->share * 100, ch,
			    (zh ? v->title_zh : v->title_en) ? (zh ? v->title_zh : v->title_en) : "",
			    v->hidden ? (zh ? "  ▲ 隱藏風險" : "  ▲ hidden risk") : "");
	}
	fc_buf_adds(b, zh ? "\n依領域：\n" : "\nBy area:\n");
	for (size_t i = 0; i < t->nareas; i++) {
		const struct fc_sv_type *v = &t->areas[i];
		char ch[16] = "-";
		if (t->prev_period)
			snprintf(ch, sizeof ch, "%+.0f%%", v->change * 100);
		fc_buf_addf(b, "  %-32s %6zu %7.0f%% %8s\n", v->key, v->firms, v->share * 100, ch);
	}
	fc_buf_addf(b, zh ? "\n隱藏風險（占比增加 ≥ %.0f 個百分點）：%zu 項\n"
			  : "\nHidden risks (share grew by >= %.0f points): %zu\n",
		    t->params.hidden_growth * 100, t->nhidden);
}

/* ----------------------------------------------------------- publication */

struct pubrow {
	const char *firm, *as_of, *check, *title_zh, *controls;
	int worst;
	size_t n;
};

static int cmp_pub(const void *a, const void *b)
{
	const struct pubrow *x = a, *y = b;
	int c = strcmp(x->firm, y->firm);
	if (c)
		return c;
	if (x->worst != y->worst)
		return x->worst - y->worst;
	return strcmp(x->check, y->check);
}

static enum fc_status pub_rows(struct fc_db *db, int year, const char *firm, struct fc_arena *a, struct pubrow **out,
			       size_t *nout)
{
	*out = NULL;
	*nout = 0;
	char lo[11], hi[11];
	snprintf(lo, sizeof lo, "%04d-01-01", year);
	snprintf(hi, sizeof hi, "%04d-12-31", year);
	/* the latest result of each firm in the year */
	struct fc_stmt *s = NULL;
	enum fc_status st = fc_db_prepare(
		db,
		"SELECT r.firm, r.as_of, f.check_id, f.title_zh, f.controls, f.severity, f.n FROM sv_results r "
		"JOIN sv_findings f ON f.result_id = r.id WHERE r.as_of >= ? AND r.as_of <= ? "
		"AND (CAST(? AS TEXT) IS NULL OR r.firm = ?) AND f.severity <> 'info' AND r.as_of = (SELECT max(r2.as_of) "
		"FROM sv_results r2 WHERE r2.firm = r.firm AND r2.as_of >= ? AND r2.as_of <= ?) "
		"ORDER BY r.firm, f.check_id",
		&s);
	if (st)
		return st;
	fc_stmt_bind_text(s, 1, lo);
	fc_stmt_bind_text(s, 2, hi);
	fc_stmt_bind_text(s, 3, firm);
	fc_stmt_bind_text(s, 4, firm);
	fc_stmt_bind_text(s, 5, lo);
	fc_stmt_bind_text(s, 6, hi);
	size_t cap = 0;
	int rc;
	while ((rc = fc_stmt_step(s)) == FC_DB_ROW) {
		const char *fm = fc_stmt_text(s, 0), *ck = fc_stmt_text(s, 2);
		int sev = fc_severity_parse(fc_stmt_text(s, 5));
		if (!fm || !ck || sev < 0)
			continue;
		struct pubrow *r = NULL;
		if (*nout && !strcmp((*out)[*nout - 1].firm, fm) && !strcmp((*out)[*nout - 1].check, ck))
			r = &(*out)[*nout - 1];
		else {
			if (*nout == cap) {
				size_t nc = cap ? cap * 2 : 64;
				struct pubrow *x = fc_reallocarray(*out, nc, sizeof *x);
				if (!x) {
					st = FC_ENOMEM;
					break;
				}
				*out = x;
				cap = nc;
			}
			r = &(*out)[(*nout)++];
			r->firm = adup(a, fm);
			r->as_of = adup(a, fc_stmt_text(s, 1));
			r->check = adup(a, ck);
			r->title_zh = adup(a, fc_stmt_text(s, 3));
			r->controls = adup(a, fc_stmt_text(s, 4));
			r->worst = sev;
			r->n = 0;
			if (!r->firm || !r->check) {
				st = FC_ENOMEM;
				break;
			}
		}
		if (sev < r->worst)
			r->worst = sev;
		int64_t n = fc_stmt_int(s, 6);
		r->n += n > 0 ? (size_t)n : 0;
	}
	fc_stmt_free(s);
	if (!st && rc == FC_DB_ERR)
		st = FC_EIO;
	if (st) {
		fc_free(*out);
		*out = NULL;
		*nout = 0;
		return st;
	}
	if (*nout)
		fc_qsort(*out, *nout, sizeof **out, cmp_pub);
	return FC_OK;
}

static const char *const sev_zh[FC_SEV__COUNT] = {"嚴重", "高", "中", "低", "資訊"};
static const char *const pub_hdr[] = {"年度", "證券商", "查核基準日", "缺失類型代碼", "缺失項目", "對應控制項", "嚴重程度",
				      "件數"};

enum fc_status fc_sv_publication_csv(struct fc_db *db, int year, const char *firm, struct fc_buf *b)
{
	struct fc_arena a;
	fc_arena_init(&a);
	struct pubrow *r = NULL;
	size_t n = 0;
	enum fc_status st = pub_rows(db, year, firm, &a, &r, &n);
	if (st)
		goto out;
	fc_buf_adds(b, "\xEF\xBB\xBF"); /* BOM: Excel opens UTF-8 CSV correctly */
	for (size_t i = 0; i < sizeof pub_hdr / sizeof *pub_hdr; i++)
		fc_buf_addf(b, "%s%s", i ? "," : "", pub_hdr[i]);
	fc_buf_adds(b, "\r\n");
	for (size_t i = 0; i < n; i++) {
		/* 民國年 as the publication writes it */
		fc_buf_addf(b, "%d,", year - 1911);
		fc_csv_cell(b, r[i].firm);
		fc_buf_addc(b, ',');
		fc_csv_cell(b, r[i].as_of);
		fc_buf_addc(b, ',');
		fc_csv_cell(b, r[i].check);
		fc_buf_addc(b, ',');
		fc_csv_cell(b, r[i].title_zh);
		fc_buf_addc(b, ',');
		fc_csv_cell(b, r[i].controls);
		fc_buf_addf(b, ",%s,%zu\r\n", sev_zh[r[i].worst], r[i].n);
	}
	if (fc_buf_err(b))
		st = fc_buf_err(b);
out:
	fc_free(r);
	fc_arena_release(&a);
	return st;
}

enum fc_status fc_sv_publication_xlsx(struct fc_db *db, int year, const char *firm, const char *path,
				      struct fc_diag *d)
{
	struct fc_arena a;
	fc_arena_init(&a);
	struct pubrow *r = NULL;
	size_t n = 0;
	lxw_workbook *wb = NULL;
	enum fc_status st = pub_rows(db, year, firm, &a, &r, &n);
	if (st)
		goto out;
	wb = workbook_new(path);
	if (!wb) {
		fc_diag_error(d, path, 0, 0, "cannot create the workbook");
		st = FC_EIO;
		goto out;
	}
	char title[64];
	snprintf(title, sizeof title, "%d年度查核缺失", year - 1911);
	lxw_worksheet *ws = workbook_add_worksheet(wb, title);
	lxw_format *hdr = workbook_add_format(wb);
	format_set_bold(hdr);
	format_set_bg_color(hdr, 0xDDE5F0);
	if (!ws || !hdr) {
		st = FC_ENOMEM;
		goto out;
	}
	static const double widths[] = {8, 28, 12, 30, 40, 30, 10, 8};
	for (int c = 0; c < 8; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, pub_hdr[c], hdr);
	}
	for (size_t i = 0; i < n && i < 1000000; i++) {
		lxw_row_t row = (lxw_row_t)(i + 1);
		/* every cell from evidence is written as a string: never a
		 * formula, whatever it starts with */
		worksheet_write_number(ws, row, 0, year - 1911, NULL);
		worksheet_write_string(ws, row, 1, r[i].firm, NULL);
		worksheet_write_string(ws, row, 2, r[i].as_of ? r[i].as_of : "", NULL);
		worksheet_write_string(ws, row, 3, r[i].check, NULL);
		worksheet_write_string(ws, row, 4, r[i].title_zh ? r[i].title_zh : "", NULL);
		worksheet_write_string(ws, row, 5, r[i].controls ? r[i].controls : "", NULL);
		worksheet_write_string(ws, row, 6, sev_zh[r[i].worst], NULL);
		worksheet_write_number(ws, row, 7, (double)r[i].n, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)(n ? n : 1), 7);
out:
	if (wb) {
		lxw_error e = workbook_close(wb);
		if (e != LXW_NO_ERROR && !st) {
			fc_diag_error(d, path, 0, 0, "cannot write the workbook: %s", lxw_strerror(e));
			st = FC_EIO;
		}
	}
	fc_free(r);
	fc_arena_release(&a);
	return st;
}
