/* The incident reporting tracker (incident.h). */
#include "incident.h"
#include <stdio.h>
#include <string.h>
#include "../core/date.h"
#include "../core/json.h"
#include "../core/mem.h"
#include "webdb.h"

static const struct fc_db_migration inc_m[] = {
	{1,
	 "CREATE TABLE incidents(id {{ID}}, ref TEXT NOT NULL UNIQUE, title TEXT NOT NULL, level BIGINT, "
	 "major BIGINT NOT NULL DEFAULT 0, detected_at BIGINT NOT NULL, initial_report_at BIGINT, "
	 "formal_report_at BIGINT, closed_at BIGINT, created_by TEXT NOT NULL, created_at BIGINT NOT NULL);"
	 "CREATE TABLE incident_systems(incident_id BIGINT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE, "
	 "system_id TEXT NOT NULL, PRIMARY KEY(incident_id, system_id));"
	 "CREATE INDEX incident_systems_sys ON incident_systems(system_id)",
	 NULL},
};
const struct fc_db_module fc_webdb_module_incident = {"incident", inc_m, sizeof inc_m / sizeof *inc_m, NULL};

void fc_incident_policy_init(struct fc_incident_policy *o, const struct fc_params *p)
{
	o->initial_min = 30;
	o->formal_hours = 24;
	o->close_days = 3;
	const struct fc_param_val *v;
	if (p && (v = fc_params_get(p, "incident_initial_report_min")))
		o->initial_min = (int)v->num;
	if (p && (v = fc_params_get(p, "incident_formal_report_hours")))
		o->formal_hours = (int)v->num;
	if (p && (v = fc_params_get(p, "incident_close_days")))
		o->close_days = (int)v->num;
}

static const char *const stage_names[] = {"initial_report", "formal_report", "close"};
static const char *const stage_zh[] = {"初步通報", "正式通報", "解除通報"};
static const char *const stage_en[] = {"initial report", "formal report", "closure"};
static const char *const state_names[] = {"pending", "overdue", "on_time", "late"};
static const char *const state_zh[] = {"進行中", "逾期", "如期完成", "逾期完成"};
static const char *const state_en[] = {"pending", "overdue", "on time", "late"};

const char *fc_inc_stage_name(enum fc_inc_stage s)
{
	return (unsigned)s < FC_INC__STAGES ? stage_names[s] : "?";
}
const char *fc_inc_stage_label(enum fc_inc_stage s, bool zh)
{
	return (unsigned)s < FC_INC__STAGES ? (zh ? stage_zh[s] : stage_en[s]) : "?";
}
const char *fc_inc_state_name(enum fc_inc_state s)
{
	return (unsigned)s <= FC_INC_LATE ? state_names[s] : "?";
}
const char *fc_inc_state_label(enum fc_inc_state s, bool zh)
{
	return (unsigned)s <= FC_INC_LATE ? (zh ? state_zh[s] : state_en[s]) : "?";
}

void fc_incident_deadlines(const struct fc_incident *i, const struct fc_incident_policy *p, int64_t now,
			   struct fc_inc_deadline out[FC_INC__STAGES])
{
	/* every deadline counts from detection (seed 002 資安通報) */
	const int64_t due[FC_INC__STAGES] = {i->detected_at + (int64_t)p->initial_min * 60,
					     i->detected_at + (int64_t)p->formal_hours * 3600,
					     i->detected_at + (int64_t)p->close_days * 86400};
	const int64_t done[FC_INC__STAGES] = {i->initial_at, i->formal_at, i->closed_at};
	for (int s = 0; s < FC_INC__STAGES; s++) {
		out[s].due = due[s];
		out[s].done = done[s];
		out[s].remaining = due[s] - now;
		if (done[s])
			out[s].state = done[s] <= due[s] ? FC_INC_ON_TIME : FC_INC_LATE;
		else
			out[s].state = now > due[s] ? FC_INC_OVERDUE : FC_INC_PENDING;
	}
}

bool fc_incident_overdue(const struct fc_incident *i, const struct fc_incident_policy *p, int64_t now)
{
	struct fc_inc_deadline dl[FC_INC__STAGES];
	fc_incident_deadlines(i, p, now, dl);
	for (int s = 0; s < FC_INC__STAGES; s++)
		if (dl[s].state == FC_INC_OVERDUE)
			return true;
	return false;
}

void fc_duration_fmt(int64_t secs, char out[32], bool zh)
{
	if (secs < 0)
		secs = -secs;
	int64_t d = secs / 86400, h = secs % 86400 / 3600, m = secs % 3600 / 60;
	if (d)
		snprintf(out, 32, zh ? "%lld天%02lld時" : "%lldd%02lldh", (long long)d, (long long)h);
	else if (h)
		snprintf(out, 32, zh ? "%lld時%02lld分" : "%lldh%02lldm", (long long)h, (long long)m);
	else
		snprintf(out, 32, zh ? "%lld分" : "%lldm", (long long)m);
}

static bool ref_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > FC_INC_REF_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return false;
	}
	return true;
}

static bool text_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return false;
	return true;
}

static char *details(const char *k1, const char *v1, const char *k2, int64_t v2, const char *k3, const char *v3)
{
	struct fc_buf b;
	fc_buf_init(&b, 8192);
	struct fc_json j;
	fc_json_init(&j, &b, false);
	fc_json_obj(&j);
	if (k1)
		fc_json_kstr(&j, k1, v1);
	if (k2) {
		char ts[26];
		fc_ts_fmt(v2, ts);
		fc_json_kstr(&j, k2, ts);
	}
	if (k3)
		fc_json_kstr(&j, k3, v3);
	fc_json_obj_end(&j);
	if (fc_buf_err(&b)) {
		fc_buf_release(&b);
		return NULL;
	}
	return fc_buf_detach(&b);
}

enum fc_status fc_incident_open(struct fc_db *db, const char *ref, const char *title, int level, bool major,
				int64_t detected_at, const char *const *systems, int nsystems, const char *by,
				char *ref_out, struct fc_diag *d)
{
	char gen[FC_INC_REF_MAX + 1];
	if (ref && *ref && !ref_ok(ref)) {
		fc_diag_error(d, NULL, 0, 0, "incident id: 1-64 letters, digits, '.', '_' or '-'");
		return FC_EUSAGE;
	}
	if (!text_ok(title, FC_INC_TITLE_MAX)) {
		fc_diag_error(d, NULL, 0, 0, "incident title: 1-500 bytes on one line");
		return FC_EUSAGE;
	}
	if (level < 0 || level > 4) {
		fc_diag_error(d, NULL, 0, 0, "incident level: 1 to 4 (資安事件等級)");
		return FC_EUSAGE;
	}
	if (nsystems > FC_INC_MAX_SYSTEMS) {
		fc_diag_error(d, NULL, 0, 0, "at most %d systems per incident", FC_INC_MAX_SYSTEMS);
		return FC_EUSAGE;
	}
	for (int i = 0; i < nsystems; i++)
		if (!ref_ok(systems[i])) {
			fc_diag_error(d, NULL, 0, 0, "system id '%s': letters, digits, '.', '_' or '-'", systems[i]);
			return FC_EUSAGE;
		}
	if (major && nsystems == 0) {
		fc_diag_error(d, NULL, 0, 0,
			      "a major incident names the systems it hit (--system): they must be reassessed "
			      "(seed 004 三、三)");
		return FC_EUSAGE;
	}
	int64_t now = fc_web_now();
	if (detected_at <= 0 || detected_at > now + 300) {
		fc_diag_error(d, NULL, 0, 0, "detection time is missing or in the future");
		return FC_EUSAGE;
	}
	enum fc_status st = fc_db_begin_write(db);
	if (st)
		return st;
	if (!ref || !*ref) {
		/* INC-YYYYMMDD-NNN: the next number of the detection day */
		int y, m, dd;
		fc_civil_from_days(fc_ts_day(detected_at), &y, &m, &dd);
		char prefix[32];
		snprintf(prefix, sizeof prefix, "INC-%04d%02d%02d-%%", y, m, dd);
		const char *p[] = {prefix};
		int64_t cnt = 0;
		if ((st = fc_db_query_int(db, "SELECT count(*) FROM incidents WHERE ref LIKE ?", p, 1, 0, &cnt)))
			goto fail;
		snprintf(gen, sizeof gen, "INC-%04d%02d%02d-%03lld", y, m, dd, (long long)cnt + 1);
		ref = gen;
	}
	struct fc_stmt *s = NULL;
	if ((st = fc_db_prepare(db,
				"INSERT INTO incidents(ref, title, level, major, detected_at, created_by, created_at) "
				"VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
				&s)))
		goto fail;
	fc_stmt_bind_text(s, 1, ref);
	fc_stmt_bind_text(s, 2, title);
	if (level)
		fc_stmt_bind_int(s, 3, level);
	else
		fc_stmt_bind_null(s, 3);
	fc_stmt_bind_int(s, 4, major);
	fc_stmt_bind_int(s, 5, detected_at);
	fc_stmt_bind_text(s, 6, by);
	fc_stmt_bind_int(s, 7, now);
	int rc = fc_stmt_step(s);
	int64_t id = rc == FC_DB_ROW ? fc_stmt_int(s, 0) : 0;
	fc_stmt_free(s);
	if (rc != FC_DB_ROW) {
		if (fc_db_constraint_failed(db))
			fc_diag_error(d, NULL, 0, 0, "incident '%s' already exists", ref);
		st = fc_db_constraint_failed(db) ? FC_EUSAGE : FC_EIO;
		goto fail;
	}
	if ((st = fc_db_prepare(db, "INSERT INTO incident_systems(incident_id, system_id) VALUES (?, ?)", &s)))
		goto fail;
	for (int i = 0; i < nsystems && !st; i++) {
		fc_stmt_reset(s);
		fc_stmt_bind_int(s, 1, id);
		fc_stmt_bind_text(s, 2, systems[i]);
		st = fc_stmt_run(s);
		if (st && fc_db_constraint_failed(db))
			st = FC_OK; /* the same system named twice */
	}
	fc_stmt_free(s);
	if (st)
		goto fail;
	char *det = details("title", title, "detected_at", detected_at, "major", major ? "yes" : "no");
	if (!det) {
		st = FC_ENOMEM;
		goto fail;
	}
	st = fc_web_audit(db, by, "incident.open", ref, det);
	fc_free(det);
	if (st)
		goto fail;
	if ((st = fc_db_commit(db)))
		return st;
	if (ref_out)
		snprintf(ref_out, FC_INC_REF_MAX + 1, "%s", ref);
	return FC_OK;
fail:
	fc_db_rollback(db);
	return st;
}

static const char *const stage_cols[] = {"initial_report_at", "formal_report_at", "closed_at"};

enum fc_status fc_incident_mark(struct fc_db *db, const char *ref, enum fc_inc_stage stage, int64_t at,
				const char *by, struct fc_diag *d)
{
	if ((unsigned)stage >= FC_INC__STAGES || !ref || !ref_ok(ref))
		return FC_EUSAGE;
	if (at <= 0 || at > fc_web_now() + 300) {
		fc_diag_error(d, NULL, 0, 0, "the time is missing or in the future");
		return FC_EUSAGE;
	}
	enum fc_status st = fc_db_begin_write(db);
	if (st)
		return st;
	struct fc_incident inc;
	if ((st = fc_incident_get(db, ref, &inc))) {
		if (st == FC_ENOTFOUND)
			fc_diag_error(d, NULL, 0, 0, "no incident '%s'", ref);
		goto fail;
	}
	int64_t prev = stage == FC_INC_INITIAL ? inc.initial_at : stage == FC_INC_FORMAL ? inc.formal_at : inc.closed_at;
	if (prev) {
		char ts[26];
		fc_ts_fmt(prev, ts);
		fc_diag_error(d, NULL, 0, 0, "%s of %s was already recorded at %s", stage_en[stage], ref, ts);
		st = FC_EUSAGE;
		goto fail;
	}
	if (at < inc.detected_at) {
		fc_diag_error(d, NULL, 0, 0, "%s of %s cannot precede its detection", stage_en[stage], ref);
		st = FC_EUSAGE;
		goto fail;
	}
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE incidents SET %s = ? WHERE id = ?", stage_cols[stage]);
	struct fc_stmt *s = NULL;
	if ((st = fc_db_prepare(db, sql, &s)))
		goto fail;
	fc_stmt_bind_int(s, 1, at);
	fc_stmt_bind_int(s, 2, inc.id);
	st = fc_stmt_run(s);
	fc_stmt_free(s);
	if (st)
		goto fail;
	char *det = details(NULL, NULL, "at", at, NULL, NULL);
	if (!det) {
		st = FC_ENOMEM;
		goto fail;
	}
	char action[48];
	snprintf(action, sizeof action, "incident.%s", stage_names[stage]);
	st = fc_web_audit(db, by, action, ref, det);
	fc_free(det);
	if (st)
		goto fail;
	return fc_db_commit(db);
fail:
	fc_db_rollback(db);
	return st;
}

static void row_to_incident(const struct fc_stmt *s, struct fc_incident *o)
{
	memset(o, 0, sizeof *o);
	o->id = fc_stmt_int(s, 0);
	snprintf(o->ref, sizeof o->ref, "%s", fc_stmt_text(s, 1) ? fc_stmt_text(s, 1) : "");
	snprintf(o->title, sizeof o->title, "%s", fc_stmt_text(s, 2) ? fc_stmt_text(s, 2) : "");
	o->level = (int)fc_stmt_int(s, 3);
	o->major = fc_stmt_int(s, 4) != 0;
	o->detected_at = fc_stmt_int(s, 5);
	o->initial_at = fc_stmt_int(s, 6);
	o->formal_at = fc_stmt_int(s, 7);
	o->closed_at = fc_stmt_int(s, 8);
	snprintf(o->created_by, sizeof o->created_by, "%s", fc_stmt_text(s, 9) ? fc_stmt_text(s, 9) : "");
}

#define INC_COLS \
	"id, ref, title, level, major, detected_at, initial_report_at, formal_report_at, closed_at, created_by"

static enum fc_status load_systems(struct fc_db *db, struct fc_incident *o)
{
	struct fc_stmt *s = NULL;
	enum fc_status st =
		fc_db_prepare(db, "SELECT system_id FROM incident_systems WHERE incident_id = ? ORDER BY system_id", &s);
	if (st)
		return st;
	fc_stmt_bind_int(s, 1, o->id);
	int rc;
	while ((rc = fc_stmt_step(s)) == FC_DB_ROW)
		if (o->nsystems < FC_INC_MAX_SYSTEMS && fc_stmt_text(s, 0))
			snprintf(o->systems[o->nsystems++], sizeof o->systems[0], "%s", fc_stmt_text(s, 0));
	fc_stmt_free(s);
	return rc == FC_DB_ERR ? FC_EIO : FC_OK;
}

enum fc_status fc_incident_get(struct fc_db *db, const char *ref, struct fc_incident *out)
{
	memset(out, 0, sizeof *out);
	struct fc_stmt *s = NULL;
	enum fc_status st = fc_db_prepare(db, "SELECT " INC_COLS " FROM incidents WHERE ref = ?", &s);
	if (st)
		return st;
	fc_stmt_bind_text(s, 1, ref);
	int rc = fc_stmt_step(s);
	if (rc == FC_DB_ROW)
		row_to_incident(s, out);
	fc_stmt_free(s);
	if (rc == FC_DB_ERR)
		return FC_EIO;
	if (rc != FC_DB_ROW)
		return FC_ENOTFOUND;
	return load_systems(db, out);
}

static enum fc_status each_sql(struct fc_db *db, const char *sql, bool (*fn)(const struct fc_incident *i, void *ud),
			       void *ud)
{
	struct fc_stmt *s = NULL;
	enum fc_status st = fc_db_prepare(db, sql, &s);
	if (st)
		return st;
	/* read all first: load_systems needs the connection (PostgreSQL
	 * buffers results, SQLite allows it; keep one pattern) */
	struct fc_incident *v = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = fc_stmt_step(s)) == FC_DB_ROW) {
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			struct fc_incident *x = fc_reallocarray(v, nc, sizeof *x);
			if (!x) {
				st = FC_ENOMEM;
				break;
			}
			v = x;
			cap = nc;
		}
		row_to_incident(s, &v[n++]);
	}
	fc_stmt_free(s);
	if (!st && rc == FC_DB_ERR)
		st = FC_EIO;
	for (size_t i = 0; !st && i < n; i++)
		st = load_systems(db, &v[i]);
	for (size_t i = 0; !st && i < n; i++)
		if (!fn(&v[i], ud))
			break;
	fc_free(v);
	return st;
}

enum fc_status fc_incident_each(struct fc_db *db, bool open_only,
				bool (*fn)(const struct fc_incident *i, void *ud), void *ud)
{
	return each_sql(db,
			open_only ? "SELECT " INC_COLS " FROM incidents WHERE closed_at IS NULL "
				    "ORDER BY detected_at DESC, id DESC"
				  : "SELECT " INC_COLS " FROM incidents ORDER BY detected_at DESC, id DESC",
			fn, ud);
}

enum fc_status fc_incident_last_major(struct fc_db *db, const char *system_id, int32_t *day)
{
	*day = FC_NO_DATE;
	int64_t t = 0;
	const char *p[] = {system_id};
	enum fc_status st = fc_db_query_int(db,
					    "SELECT max(i.detected_at) FROM incidents i JOIN incident_systems s "
					    "ON s.incident_id = i.id WHERE i.major = 1 AND s.system_id = ?",
					    p, 1, 0, &t);
	if (!st && t > 0)
		*day = fc_ts_day(t);
	return st;
}

enum fc_status fc_incident_major_systems(struct fc_db *db, void (*fn)(const char *system_id, int32_t day, void *ud),
					 void *ud)
{
	struct fc_stmt *s = NULL;
	enum fc_status st = fc_db_prepare(db,
					  "SELECT s.system_id, max(i.detected_at) FROM incidents i JOIN incident_systems s "
					  "ON s.incident_id = i.id WHERE i.major = 1 GROUP BY s.system_id "
					  "ORDER BY s.system_id",
					  &s);
	if (st)
		return st;
	int rc;
	while ((rc = fc_stmt_step(s)) == FC_DB_ROW)
		if (fc_stmt_text(s, 0))
			fn(fc_stmt_text(s, 0), fc_ts_day(fc_stmt_int(s, 1)), ud);
	fc_stmt_free(s);
	return rc == FC_DB_ERR ? FC_EIO : FC_OK;
}

/* A YAML double-quoted scalar: always quoted, so a title such as "yes" or
 * "- x: y" stays text. */
static void yaml_str(struct fc_buf *b, const char *s)
{
	fc_buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			fc_buf_addc(b, '\\');
			fc_buf_addc(b, (char)*p);
		} else if (*p < 0x20 || *p == 0x7f)
			fc_buf_addf(b, "\\x%02x", *p);
		else
			fc_buf_addc(b, (char)*p);
	}
	fc_buf_addc(b, '"');
}

struct export_ctx {
	struct fc_buf *b;
};

static bool export_one(const struct fc_incident *i, void *ud)
{
	struct export_ctx *x = ud;
	struct fc_buf *b = x->b;
	char ts[26];
	fc_buf_adds(b, "- type: incident\n  id: ");
	yaml_str(b, i->ref);
	fc_ts_fmt(i->detected_at, ts);
	fc_buf_addf(b, "\n  detected_at: %s\n", ts);
	const int64_t t[3] = {i->initial_at, i->formal_at, i->closed_at};
	for (int s = 0; s < 3; s++)
		if (t[s]) {
			fc_ts_fmt(t[s], ts);
			fc_buf_addf(b, "  %s: %s\n", stage_cols[s], ts);
		}
	if (i->level)
		fc_buf_addf(b, "  level: %d\n", i->level);
	fc_buf_adds(b, "  systems: [");
	for (int k = 0; k < i->nsystems; k++) {
		if (k)
			fc_buf_adds(b, ", ");
		yaml_str(b, i->systems[k]);
	}
	fc_buf_addf(b, "]\n  major: %s\n  summary: ", i->major ? "yes" : "no");
	yaml_str(b, i->title);
	fc_buf_addc(b, '\n');
	return true;
}

enum fc_status fc_incident_export_records(struct fc_db *db, struct fc_buf *b)
{
	fc_buf_adds(b, "# Incidents from the fincheck incident tracker (records/…yaml, type incident).\n"
		       "# Generated by `fincheck incident export`; times are Asia/Taipei.\n");
	struct export_ctx x = {b};
	size_t before = b->len;
	/* in the order they happened, as a records file is kept */
	enum fc_status st = each_sql(db, "SELECT " INC_COLS " FROM incidents ORDER BY detected_at, id", export_one, &x);
	if (!st && b->len == before)
		fc_buf_adds(b, "[]\n");
	if (!st && fc_buf_err(b))
		st = fc_buf_err(b);
	return st;
}
