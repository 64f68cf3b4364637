/*
 * The incident reporting tracker (seed 002 資安通報: 30分鐘 初步通報, 24小時
 * 正式通報, 3天內 解除通報).  An incident has its detection time and the
 * times of the initial report, the formal report and the closure; each
 * deadline counts from detection (incident_initial_report_min,
 * incident_formal_report_hours, incident_close_days).  Overdue stages are
 * alerts on the dashboard and in `fincheck incident status`.
 *
 * A major incident names the systems it hit.  The assessment program must
 * reassess such a system within reassess_after_major_incident_days (seed 004
 * 三、三); fc_incident_last_major() gives the date for one system and
 * fc_incident_export_records() writes the incidents as the bundle's
 * records/…yaml `incident` records, so that `fincheck plan` and `assess`
 * see them (docs/web.md, "Incidents and the reassessment rule").
 *
 * Every change is appended to the audit chain.  Times are seconds since the
 * epoch; a time given without zone is Asia/Taipei.
 */
#ifndef FC_INCIDENT_H
#define FC_INCIDENT_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/status.h"
#include "../engine/catalog.h"
#include "../store/db.h"

#define FC_INC_REF_MAX 64
#define FC_INC_TITLE_MAX 500
#define FC_INC_MAX_SYSTEMS 32

struct fc_incident_policy {
	int initial_min;	/* 30 */
	int formal_hours;	/* 24 */
	int close_days;		/* 3 */
};
/* Defaults, then the parameters of p (NULL = defaults). */
void fc_incident_policy_init(struct fc_incident_policy *o, const struct fc_params *p);

struct fc_incident {
	int64_t id;
	char ref[FC_INC_REF_MAX + 1];
	char title[FC_INC_TITLE_MAX + 1];
	int level;			/* 1..4, 0 = not given */
	bool major;
	int64_t detected_at;
	int64_t initial_at, formal_at, closed_at; /* 0 = not yet */
	char systems[FC_INC_MAX_SYSTEMS][65];
	int nsystems;
	char created_by[65];
};

enum fc_inc_stage { FC_INC_INITIAL, FC_INC_FORMAL, FC_INC_CLOSE, FC_INC__STAGES };
enum fc_inc_state { FC_INC_PENDING, FC_INC_OVERDUE, FC_INC_ON_TIME, FC_INC_LATE };
const char *fc_inc_stage_name(enum fc_inc_stage s);	/* initial_report, formal_report, close */
const char *fc_inc_stage_label(enum fc_inc_stage s, bool zh);
const char *fc_inc_state_name(enum fc_inc_state s);	/* pending, overdue, on_time, late */
const char *fc_inc_state_label(enum fc_inc_state s, bool zh);

struct fc_inc_deadline {
	int64_t due;
	int64_t done;		/* 0 = not yet */
	enum fc_inc_state state;
	int64_t remaining;	/* due - now (negative when overdue) */
};
void fc_incident_deadlines(const struct fc_incident *i, const struct fc_incident_policy *p, int64_t now,
			   struct fc_inc_deadline out[FC_INC__STAGES]);
/* Any stage overdue at now. */
bool fc_incident_overdue(const struct fc_incident *i, const struct fc_incident_policy *p, int64_t now);

/* Open an incident.  ref NULL/"" = generated (INC-YYYYMMDD-NNN, the Taipei
 * detection date).  The chosen ref is copied to ref_out[FC_INC_REF_MAX+1]. */
enum fc_status fc_incident_open(struct fc_db *db, const char *ref, const char *title, int level, bool major,
				int64_t detected_at, const char *const *systems, int nsystems, const char *by,
				char *ref_out, struct fc_diag *d);
/* Record the initial or formal report, or the closure, at time `at`. */
enum fc_status fc_incident_mark(struct fc_db *db, const char *ref, enum fc_inc_stage stage, int64_t at,
				const char *by, struct fc_diag *d);
enum fc_status fc_incident_get(struct fc_db *db, const char *ref, struct fc_incident *out);
/* All incidents, newest detection first; open_only skips closed ones.
 * fn returns false to stop. */
enum fc_status fc_incident_each(struct fc_db *db, bool open_only,
				bool (*fn)(const struct fc_incident *i, void *ud), void *ud);

/* The Taipei date of the latest major incident on a system (FC_NO_DATE if
 * none). */
enum fc_status fc_incident_last_major(struct fc_db *db, const char *system_id, int32_t *day);
/* Every system with a major incident and its latest date, by system id. */
enum fc_status fc_incident_major_systems(struct fc_db *db, void (*fn)(const char *system_id, int32_t day, void *ud),
					 void *ud);
/* The incidents as a records YAML list (type: incident), for a bundle's
 * records/ directory. */
enum fc_status fc_incident_export_records(struct fc_db *db, struct fc_buf *b);

/* "2h05m", "3d04h", "12m" — a duration for countdowns (absolute value). */
void fc_duration_fmt(int64_t secs, char out[32], bool zh);

#endif
