/*
 * The findings store (issue 9): every `assess --db` run, the lifecycle of
 * each finding across runs, deadlines, risk acceptances, re-verification
 * (覆查), and a tamper-evident audit chain kept for the retention period
 * (seed 004 評估報告 二–四).  SQLite or PostgreSQL through db.h; the schema
 * and the rules are in docs/store.md.
 *
 * Lifecycle of a finding (status):
 *   open ──update──► in_remediation ──(a later run that covered the check
 *   no longer sees it)──► fixed ──verify (an auditor's 覆查)──► verified
 *   ──update --status closed──► closed.  Seen again in any later run while
 *   fixed/verified/closed → open again (reopened, deadline restarts).
 *   Risk acceptance: request (requester, justification, compensating
 *   control, expiry) → approve by a different person → accepted; expiry,
 *   revocation or any edit ends it (an edit is a new request that needs a
 *   new approval).
 *
 * Every change appends one entry to audit_log: seq, at, actor, action,
 * object, details (JSON), state (SHA-256 of the changed row's content) and
 * hash = SHA-256(previous hash + canonical content).  fc_store_verify walks
 * the chain and compares every live row with the state its last entry
 * recorded, so a row edited or deleted behind fincheck's back is named.
 *
 * Ownership: strings passed to callbacks live until the callback returns.
 * Dates are day numbers (core/date.h), FC_NO_DATE for none.
 */
#ifndef FC_STORE_H
#define FC_STORE_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/diag.h"
#include "../core/status.h"
#include "../engine/run.h"
#include "db.h"

struct fc_store;

/* The store's schema module (for fc_db_migrate by other modules' tests). */
extern const struct fc_db_module fc_store_module;

/* Open (creating or migrating) the store at url: a SQLite path or a
 * postgresql:// URL.  Errors go to d. */
enum fc_status fc_store_open(const char *url, struct fc_diag *d, struct fc_store **out);
void fc_store_close(struct fc_store *s);
struct fc_db *fc_store_db(struct fc_store *s);
/* The clock (seconds since the epoch) used for timestamps, today's date,
 * expiry and retention; 0 = the system clock.  The CLI sets it from
 * FINCHECK_NOW for tests and demos. */
void fc_store_set_now(struct fc_store *s, int64_t now);
int64_t fc_store_now(const struct fc_store *s);
int32_t fc_store_today(const struct fc_store *s);	/* Taipei date of now */

struct fc_store_run_summary {
	int64_t run_id;
	size_t opened;		/* first seen */
	size_t reopened;	/* seen again after fixed/verified/closed */
	size_t still_open;	/* seen again, still open */
	size_t fixed;		/* not seen by a run that covered them */
	size_t expired;		/* risk acceptances that ran out */
	size_t recomputed;	/* deadlines recomputed after a parameter change */
};

/* Record a run (bundle digest, as-of, tool version, effective parameters)
 * and update findings, all in one transaction: a run killed halfway leaves
 * the store as it was.  `by` names who ran it. */
enum fc_status fc_store_record(struct fc_store *s, const struct fc_run *r, const char *digest, const char *by,
			       struct fc_store_run_summary *sum);
/* Open url, record, close (what `assess --db PATH --by USER` calls). */
enum fc_status fc_store_record_run(const char *db, const struct fc_run *r, const char *digest, const char *by,
				   struct fc_diag *d);

/* ---- the audit chain (also for the dashboard's users/incidents) ---- */

/* Append one entry.  Joins the caller's write transaction or runs in its
 * own.  actor/action/object must be non-empty; details is JSON or NULL;
 * state is a hex digest of the changed row (fc_audit_row_hash) or NULL.
 * The entry's seq goes to *seq (may be NULL).  The timestamp is the system
 * clock (fc_store_audit_append_at takes it explicitly, seconds). */
enum fc_status fc_store_audit_append(struct fc_db *db, const char *actor, const char *action, const char *object,
				     const char *details_json, const char *state, int64_t *seq);
enum fc_status fc_store_audit_append_at(struct fc_db *db, int64_t at, const char *actor, const char *action,
					const char *object, const char *details_json, const char *state,
					int64_t *seq);
/* SHA-256 (hex, out[65]) over the current row of a statement's columns
 * 0..ncols-1 in order (NULL and "" differ): the "state" of a row. */
void fc_audit_row_hash(const struct fc_stmt *st, int ncols, char out[65]);

struct fc_store_verify {
	bool ok;
	int64_t entries;		/* entries checked */
	int64_t first_seq, last_seq;
	int64_t rows;			/* live rows compared with their entry */
	char head[65];			/* hash of the last entry: record it outside */
	int64_t broken_seq;		/* first broken entry (0: a row, see problem) */
	char problem[512];		/* what is wrong, naming the entry or row */
};
/* Check the chain and every live row; FC_OK with v->ok false when broken. */
enum fc_status fc_store_verify(struct fc_store *s, struct fc_store_verify *v);

/* ---- findings ---- */

struct fc_store_finding {
	const char *id, *check_id, *title_zh, *title_en, *severity, *object_type, *object, *system_id;
	const char *status, *detail, *owner, *plan, *note, *controls;	/* controls: space-separated */
	int32_t first_seen, last_seen, due_start, due;	/* dates or FC_NO_DATE */
	int64_t first_run, last_run, reopened;
	const char *verified_by, *closed_by;
	int32_t verified_at, closed_at;
	bool overdue;
	/* the current risk acceptance, if any (status requested/approved) */
	const char *acc_status, *acc_requester, *acc_approver, *acc_control, *acc_justification;
	int32_t acc_expires;
};

struct fc_store_filter {
	const char *status;	/* comma list or NULL; "active" = open,in_remediation,accepted */
	const char *severity;	/* comma list or NULL */
	const char *control;	/* exact id or its sub-items (CC-18000 matches CC-18000.3) */
	const char *system;	/* system id */
	const char *check;	/* check id */
	bool overdue;		/* due < today and not fixed/verified/closed/accepted */
	size_t limit;		/* 0 = all */
};

/* Findings matching f, most severe first, then due date, check, object. */
enum fc_status fc_store_findings(struct fc_store *s, const struct fc_store_filter *f,
				 void (*cb)(const struct fc_store_finding *x, void *ud), void *ud, size_t *count);
/* Resolve a full id or a unique prefix (≥ 6 hex digits) into out[33];
 * FC_ENOTFOUND / FC_EUSAGE (ambiguous) are reported to the diag sink. */
enum fc_status fc_store_resolve(struct fc_store *s, const char *idprefix, char out[33]);
enum fc_status fc_store_finding_get(struct fc_store *s, const char *id,
				    void (*cb)(const struct fc_store_finding *x, void *ud), void *ud);

struct fc_store_event {
	int64_t seq;
	const char *at, *actor, *action, *object, *details;
};
/* Every audit entry about a finding (its runs, changes, acceptances),
 * oldest first. */
enum fc_status fc_store_history(struct fc_store *s, const char *id,
				void (*cb)(const struct fc_store_event *e, void *ud), void *ud);

struct fc_store_sighting {
	int64_t run_id;
	const char *as_of, *recorded_at, *by, *severity, *detail, *due;
	const char *file;	/* first evidence */
	int64_t line;
};
enum fc_status fc_store_sightings(struct fc_store *s, const char *id,
				  void (*cb)(const struct fc_store_sighting *x, void *ud), void *ud);

/* Changes by a person (`--by` is required for each).  NULL fields are kept.
 * status may be open, in_remediation or closed (closed only from verified);
 * fixed comes from runs and verified from fc_store_reverify. */
struct fc_store_change {
	const char *status, *owner, *plan, *note;
};
enum fc_status fc_store_update(struct fc_store *s, const char *id, const char *by, const struct fc_store_change *c);
/* 覆查: an auditor confirms a fixed finding (pass → verified) or finds it is
 * not fixed (pass=false → open again). */
enum fc_status fc_store_reverify(struct fc_store *s, const char *id, const char *by, bool pass, const char *note);

/* Risk acceptance.  A request needs justification, compensating control
 * and an expiry after today and at most max_days ahead (0 = no cap); a new
 * request while one is approved supersedes it (edit ⇒ re-approval). */
enum fc_status fc_store_accept_request(struct fc_store *s, const char *id, const char *by, const char *justification,
				       const char *control, int32_t expires, int max_days);
/* approve (true) or reject (false) the pending request; the approver must
 * differ from the requester. */
enum fc_status fc_store_accept_decide(struct fc_store *s, const char *id, const char *by, bool approve,
				      const char *note);
enum fc_status fc_store_accept_revoke(struct fc_store *s, const char *id, const char *by, const char *note);
/* Approved acceptances whose expiry is before today reopen their findings
 * (called by every record and change; callable on its own). */
enum fc_status fc_store_expire(struct fc_store *s, const char *by, size_t *n);

/* The latest recorded value of a numeric parameter (from the last run's
 * effective parameters), or def. */
double fc_store_param(struct fc_store *s, const char *name, double def);

/* ---- retention ---- */

struct fc_store_purge_summary {
	int64_t runs, findings, entries;
	int32_t cutoff;		/* the latest date that may be purged */
};
/* Remove runs recorded before `before`, closed findings whose last
 * activity is before it, and the audit entries only they needed.  Refused
 * (FC_EUSAGE, reported) when `before` is inside the retention period:
 * before > today − retention_days (report_retention_days, 1825: seed 004
 * 評估報告 四).  dry_run counts without deleting. */
enum fc_status fc_store_purge(struct fc_store *s, int32_t before, int retention_days, const char *by, bool dry_run,
			      struct fc_store_purge_summary *sum);

/* Online backup (SQLite) into dest. */
enum fc_status fc_store_backup(struct fc_store *s, const char *dest);

#endif
