/*
 * libFuzzer harness: the findings store reading a tampered database
 * (src/store/).  A store file can come from anywhere (a backup handed to an
 * examiner, a file edited with the sqlite3 shell), so every cell is hostile:
 * the input is a list of edits applied to a valid store — (edit, row,
 * value) records, each value bound as a parameter into one of a fixed set
 * of UPDATE/DELETE statements — and then verify, list, show, history,
 * expiry, the parameter reader and a new run must cope without crashing.
 *
 * Input: repeated [op byte][row byte][len byte][len bytes of value].
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../src/core/date.h"
#include "../../src/engine/run.h"
#include "../../src/store/store.h"

static const char *const edits[] = {
	"UPDATE audit_log SET details = ? WHERE seq = ?",
	"UPDATE audit_log SET state = ? WHERE seq = ?",
	"UPDATE audit_log SET prev = ? WHERE seq = ?",
	"UPDATE audit_log SET hash = ? WHERE seq = ?",
	"UPDATE audit_log SET seq = ? WHERE seq = ?",
	"UPDATE audit_log SET action = ? WHERE seq = ?",
	"UPDATE audit_log SET object = ? WHERE seq = ?",
	"UPDATE audit_log SET at = ? WHERE seq = ?",
	"UPDATE audit_head SET seq = ? WHERE id = ?",
	"UPDATE audit_head SET hash = ? WHERE id = ?",
	"UPDATE findings SET due = ? WHERE rowid = ?",
	"UPDATE findings SET due_start = ? WHERE rowid = ?",
	"UPDATE findings SET status = ? WHERE rowid = ?",
	"UPDATE findings SET severity = ? WHERE rowid = ?",
	"UPDATE findings SET due_param = ? WHERE rowid = ?",
	"UPDATE findings SET controls = ? WHERE rowid = ?",
	"UPDATE findings SET audit_seq = ? WHERE rowid = ?",
	"UPDATE findings SET id = ? WHERE rowid = ?",
	"UPDATE findings SET last_run = ? WHERE rowid = ?",
	"UPDATE store_params SET value = ? WHERE rowid = ?",
	"UPDATE acceptances SET expires = ? WHERE id = ?",
	"UPDATE acceptances SET status = ? WHERE id = ?",
	"UPDATE acceptances SET requester = ? WHERE id = ?",
	"UPDATE runs SET params = ? WHERE id = ?",
	"UPDATE runs SET as_of = ? WHERE id = ?",
	"UPDATE evidence SET line = ? WHERE rowid = ?",
	"UPDATE sightings SET finding_id = ? WHERE rowid = ?",
	"DELETE FROM audit_log WHERE seq = ? OR seq = ?",
	"DELETE FROM findings WHERE rowid = ? OR rowid = ?",
	"DELETE FROM audit_head WHERE id = ? OR id = ?",
};

static const char *ctl[] = {"CC-17010", "SA-1.1"};
static const char *pm[] = {"vuln_fix_days"};
static struct fc_check_meta checks[] = {
	{.id = "net.db_in_dmz", .area = "network", .severity = FC_SEV_HIGH, .title_zh = "資料庫建置於DMZ區",
	 .title_en = "Database in the DMZ", .controls = ctl, .ncontrols = 2},
	{.id = "vuln.overdue", .area = "vuln", .severity = FC_SEV_CRITICAL, .title_zh = "弱點逾期",
	 .title_en = "Overdue", .controls = ctl, .ncontrols = 1, .params = pm, .nparams = 1},
};

struct fake {
	struct fc_run run;
	struct fc_result res[2];
	struct fc_finding f[4];
	struct fc_finding *fp[4];
	struct fc_evidence ev[4];
	struct fc_param_def def;
	struct fc_param_val val;
	struct fc_params params;
	const char *keys[4];
	double days[4];
};

static void fake(struct fake *k, int32_t asof, int n, int high)
{
	memset(k, 0, sizeof(*k));
	k->run.as_of = asof;
	k->def.name = "remediation_days";
	k->def.type = FC_PT_MAP;
	k->keys[0] = "critical", k->keys[1] = "high", k->keys[2] = "medium", k->keys[3] = "low";
	k->days[0] = 7, k->days[1] = high, k->days[2] = 90, k->days[3] = 180;
	k->val.def = &k->def, k->val.list = k->keys, k->val.map_vals = k->days, k->val.n = 4;
	k->val.origin = "default";
	k->params.v = &k->val, k->params.n = 1;
	k->run.params = &k->params;
	for (int i = 0; i < 2; i++) {
		k->res[i].meta = &checks[i];
		k->res[i].status = FC_R_FAIL;
	}
	k->run.results = k->res;
	k->run.nresults = 2;
	static const char *objs[] = {"db01", "db02", "db03", "db04"};
	for (int i = 0; i < n; i++) {
		struct fc_finding *f = &k->f[i];
		f->check = &checks[i & 1];
		f->severity = f->check->severity;
		f->object_type = "host";
		f->object = objs[i];
		f->detail = "seen";
		f->due_start = asof;
		f->due = asof + 30;
		char buf[64];
		snprintf(buf, sizeof buf, "%s\n%s", f->check->id, f->object);
		fc_fingerprint(buf, strlen(buf), f->id);
		k->ev[i].file = "inventory/hosts.csv";
		k->ev[i].line = i + 2;
		f->ev = &k->ev[i];
		f->nev = 1;
		k->fp[i] = f;
	}
	k->run.findings = k->fp;
	k->run.nfindings = (size_t)n;
}

static char tmpl[64], work[64];
static unsigned char *tmpl_bytes;
static size_t tmpl_len;

static void cb_find(const struct fc_store_finding *x, void *ud)
{
	char *first = ud;
	if (!first[0] && x->id && strlen(x->id) < 33)
		memcpy(first, x->id, strlen(x->id) + 1);
}
static void cb_ev(const struct fc_store_event *e, void *ud) { (void)e, (void)ud; }
static void cb_si(const struct fc_store_sighting *x, void *ud) { (void)x, (void)ud; }

static int make_template(void)
{
	snprintf(tmpl, sizeof tmpl, "/dev/shm/fc-fuzz-store-%d.db", (int)getpid());
	if (access("/dev/shm", W_OK) != 0)
		snprintf(tmpl, sizeof tmpl, "/tmp/fc-fuzz-store-%d.db", (int)getpid());
	snprintf(work, sizeof work, "%s.w", tmpl);
	remove(tmpl);
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_store *s = NULL;
	if (fc_store_open(tmpl, &d, &s))
		return -1;
	int32_t day;
	fc_date_parse("2026-11-01", &day);
	fc_store_set_now(s, fc_day_ts(day) + 3600);
	struct fake k;
	fake(&k, day, 4, 30);
	fc_store_record(s, &k.run, "digest", "alice", NULL);
	fc_store_accept_request(s, k.f[0].id, "alice", "why", "control", day + 20, 0);
	fc_store_accept_decide(s, k.f[0].id, "bob", true, NULL);
	fake(&k, day + 3, 3, 14);
	fc_store_record(s, &k.run, "digest", "carol", NULL);
	fc_store_close(s);
	fc_diag_release(&d);
	/* one self-contained file: leave WAL */
	FILE *f = fopen(tmpl, "rb");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	tmpl_bytes = malloc((size_t)n);
	tmpl_len = tmpl_bytes && fread(tmpl_bytes, 1, (size_t)n, f) == (size_t)n ? (size_t)n : 0;
	fclose(f);
	return tmpl_len ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!tmpl_bytes && make_template())
		return 0;
	char wal[80], shm[80];
	snprintf(wal, sizeof wal, "%s-wal", work);
	snprintf(shm, sizeof shm, "%s-shm", work);
	remove(wal);
	remove(shm);
	FILE *f = fopen(work, "wb");
	if (!f)
		return 0;
	fwrite(tmpl_bytes, 1, tmpl_len, f);
	fclose(f);
	/* the template was closed cleanly: its WAL was checkpointed into it */
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_store *s = NULL;
	if (fc_store_open(work, &d, &s)) {
		fc_diag_release(&d);
		return 0;
	}
	struct fc_db *db = fc_store_db(s);
	size_t i = 0;
	while (i + 3 <= size) {
		unsigned op = data[i] % (sizeof edits / sizeof *edits), row = data[i + 1] % 24, len = data[i + 2];
		i += 3;
		if (len > size - i)
			len = (unsigned)(size - i);
		char *val = malloc(len + 1);
		memcpy(val, data + i, len);
		val[len] = '\0';
		i += len;
		struct fc_stmt *st = NULL;
		if (!fc_db_prepare(db, edits[op], &st)) {
			fc_stmt_bind_text(st, 1, val);
			fc_stmt_bind_int(st, 2, (int64_t)row);
			fc_stmt_run(st);
			fc_stmt_free(st);
		}
		free(val);
	}
	struct fc_store_verify v;
	fc_store_verify(s, &v);
	char first[33] = "";
	size_t n = 0;
	struct fc_store_filter flt = {.status = "active", .control = "CC-17010", .overdue = true};
	fc_store_findings(s, NULL, cb_find, first, &n);
	fc_store_findings(s, &flt, cb_find, first, &n);
	if (first[0]) {
		char id[33];
		fc_store_history(s, first, cb_ev, NULL);
		fc_store_sightings(s, first, cb_si, NULL);
		if (!fc_store_resolve(s, first, id))
			fc_store_finding_get(s, id, cb_find, first);
		struct fc_store_change ch = {.status = "in_remediation", .note = "fuzz"};
		fc_store_update(s, first, "fuzz", &ch);
		fc_store_reverify(s, first, "auditor", true, NULL);
	}
	(void)fc_store_param(s, "risk_acceptance_max_days", 180);
	int32_t day;
	fc_date_parse("2027-06-01", &day);
	fc_store_set_now(s, fc_day_ts(day));
	fc_store_expire(s, "fuzz", NULL);
	struct fake k;
	fake(&k, day, 2, 10);
	fc_store_record(s, &k.run, "digest", "dave", NULL);
	struct fc_store_purge_summary ps;
	fc_store_purge(s, day - 4000, 1825, "admin", false, &ps);
	fc_store_verify(s, &v);
	fc_store_close(s);
	fc_diag_release(&d);
	return 0;
}
