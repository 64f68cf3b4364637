/* fincheck incident open|report|close|status|export|systems — the incident
 * reporting tracker (src/web/incident.h; seed 002 資安通報). */
#include <stdio.h>
#include <string.h>
#include "../core/json.h"
#include "../core/mem.h"
#include "../web/incident.h"
#include "webcli.h"

static const char usage_text[] =
	"usage: fincheck incident open --title TEXT --detected TIME [--ref ID] [--level 1-4]\n"
	"                              [--major --system SYS...] \n"
	"       fincheck incident report REF --initial|--formal [--at TIME]\n"
	"       fincheck incident close REF [--at TIME]\n"
	"       fincheck incident status [--all] [--format text|json] [--fail-on-overdue]\n"
	"       fincheck incident export [--out FILE]\n"
	"       fincheck incident systems [--format text|json|csv]\n"
	"\n"
	"Track incident reports against their deadlines, counted from detection\n"
	"(seed 002 資安通報): initial report within 30 minutes, formal report within\n"
	"24 hours, closure within 3 days (incident_initial_report_min,\n"
	"incident_formal_report_hours, incident_close_days; --param to change).\n"
	"A major incident names the systems it hit: they must be reassessed within\n"
	"reassess_after_major_incident_days (seed 004 三、三).  'systems' lists each\n"
	"system's last major incident; 'export' writes the incidents as a bundle's\n"
	"records/incidents.yaml so that 'fincheck plan' and 'assess' see them.\n"
	"\n"
	"  --db PATH    the store (default ./fincheck.db; postgresql://… accepted)\n"
	"  --by USER    who records it (audit chain; default $USER)\n"
	"  TIME         2026-11-01T09:30:00+08:00, or without zone (Asia/Taipei);\n"
	"               --at defaults to now\n"
	"  --catalog DIR        use a catalog directory instead of the built-in one\n"
	"  --lang zh-TW|en\n"
	"\n"
	"Exit status: 0 done, 1 usage error (unknown incident, stage already\n"
	"recorded, time before detection), 2 store error, 3 --fail-on-overdue and a\n"
	"deadline is overdue.\n";

struct status_ctx {
	struct fc_buf *b;
	struct fc_json *j;
	const struct fc_incident_policy *pol;
	int64_t now;
	bool zh;
	size_t overdue, n;
};

static bool status_one(const struct fc_incident *i, void *ud)
{
	struct status_ctx *x = ud;
	struct fc_inc_deadline dl[FC_INC__STAGES];
	fc_incident_deadlines(i, x->pol, x->now, dl);
	char ts[26];
	x->n++;
	bool late = fc_incident_overdue(i, x->pol, x->now);
	if (late)
		x->overdue++;
	if (x->j) {
		struct fc_json *j = x->j;
		fc_json_obj(j);
		fc_json_kstr(j, "ref", i->ref);
		fc_json_kstr(j, "title", i->title);
		if (i->level)
			fc_json_kint(j, "level", i->level);
		fc_json_kbool(j, "major", i->major);
		fc_json_key(j, "systems");
		fc_json_arr(j);
		for (int k = 0; k < i->nsystems; k++)
			fc_json_str(j, i->systems[k]);
		fc_json_arr_end(j);
		fc_ts_fmt(i->detected_at, ts);
		fc_json_kstr(j, "detected_at", ts);
		fc_json_key(j, "deadlines");
		fc_json_obj(j);
		for (int s = 0; s < FC_INC__STAGES; s++) {
			fc_json_key(j, fc_inc_stage_name((enum fc_inc_stage)s));
			fc_json_obj(j);
			fc_ts_fmt(dl[s].due, ts);
			fc_json_kstr(j, "due", ts);
			if (dl[s].done) {
				fc_ts_fmt(dl[s].done, ts);
				fc_json_kstr(j, "done", ts);
			} else {
				fc_json_key(j, "done");
				fc_json_null(j);
			}
			fc_json_kstr(j, "state", fc_inc_state_name(dl[s].state));
			fc_json_kint(j, "remaining_seconds", dl[s].remaining);
			fc_json_obj_end(j);
		}
		fc_json_obj_end(j);
		fc_json_kbool(j, "overdue", late);
		fc_json_obj_end(j);
		return true;
	}
	fc_ts_fmt(i->detected_at, ts);
	fc_buf_addf(x->b, "%s  %s%s\n  %s %s", i->ref, i->title, i->major ? (x->zh ? "  [重大]" : "  [major]") : "",
		    x->zh ? "發現" : "detected", ts);
	if (i->nsystems) {
		fc_buf_adds(x->b, x->zh ? "  系統 " : "  systems ");
		for (int k = 0; k < i->nsystems; k++)
			fc_buf_addf(x->b, "%s%s", k ? "," : "", i->systems[k]);
	}
	fc_buf_addc(x->b, '\n');
	for (int s = 0; s < FC_INC__STAGES; s++) {
		char dur[32];
		fc_duration_fmt(dl[s].remaining, dur, x->zh);
		fc_ts_fmt(dl[s].due, ts);
		fc_buf_addf(x->b, "  %-10s %-8s %s %s", fc_inc_stage_label((enum fc_inc_stage)s, x->zh),
			    fc_inc_state_label(dl[s].state, x->zh), x->zh ? "期限" : "due", ts);
		if (dl[s].state == FC_INC_PENDING)
			fc_buf_addf(x->b, x->zh ? "（剩餘 %s）" : " (%s left)", dur);
		else if (dl[s].state == FC_INC_OVERDUE)
			fc_buf_addf(x->b, x->zh ? "（已逾 %s）" : " (overdue by %s)", dur);
		else {
			fc_ts_fmt(dl[s].done, ts);
			fc_buf_addf(x->b, x->zh ? "  完成 %s" : "  done %s", ts);
		}
		fc_buf_addc(x->b, '\n');
	}
	return true;
}

struct sys_ctx {
	struct fc_buf *b;
	struct fc_json *j;
	int fmt;
	int reassess_days;
};

static void sys_one(const char *system_id, int32_t day, void *ud)
{
	struct sys_ctx *x = ud;
	char d1[11], d2[11];
	fc_date_fmt(day, d1);
	fc_date_fmt(day + x->reassess_days, d2);
	if (x->j) {
		fc_json_obj(x->j);
		fc_json_kstr(x->j, "system_id", system_id);
		fc_json_kstr(x->j, "last_major_incident", d1);
		fc_json_kstr(x->j, "reassess_by", d2);
		fc_json_obj_end(x->j);
	} else if (x->fmt == 2)
		fc_buf_addf(x->b, "%s,%s,%s\n", system_id, d1, d2);
	else
		fc_buf_addf(x->b, "%-16s %s  reassess by %s\n", system_id, d1, d2);
}

int cmd_incident(int argc, char **argv)
{
	const char *db = NULL, *by = getenv("USER"), *verb = NULL, *ref = NULL, *title = NULL, *detected = NULL;
	const char *at = NULL, *fmt = "text", *outfile = NULL, *lang = "zh-TW", *level_s = NULL;
	bool major = false, initial = false, formal = false, all = false, fail_overdue = false;
	const char **systems = fc_calloc((size_t)argc + 1, sizeof(char *));
	const char **params = fc_calloc((size_t)argc + 1, sizeof(char *));
	int nsystems = 0;
	size_t nparams = 0;
	const char *catalog = NULL;
	int rc = FC_EXIT_USAGE;
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_store *s = NULL;
	struct fc_catalog *cat = NULL;
	struct fc_params p = {0};
	bool have_params = false;
	struct fc_buf b;
	fc_buf_init(&b, 0);
	if (!systems || !params) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			rc = 0;
			goto out;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--db")))
			db = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--by")))
			by = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--title")))
			title = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--detected")))
			detected = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--ref")))
			ref = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--level")))
			level_s = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--system")))
			systems[nsystems++] = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--at")))
			at = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--format")))
			fmt = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--out")))
			outfile = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--lang")))
			lang = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--catalog")))
			catalog = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--param")))
			params[nparams++] = v;
		else if (!strcmp(argv[i], "--major"))
			major = true;
		else if (!strcmp(argv[i], "--initial"))
			initial = true;
		else if (!strcmp(argv[i], "--formal"))
			formal = true;
		else if (!strcmp(argv[i], "--all"))
			all = true;
		else if (!strcmp(argv[i], "--fail-on-overdue"))
			fail_overdue = true;
		else if (argv[i][0] == '-' && argv[i][1]) {
			rc = fc_cli_usage_error("incident", "unknown or incomplete option '%s'", argv[i]);
			goto out;
		} else if (!verb)
			verb = argv[i];
		else if (!ref)
			ref = argv[i];
		else {
			rc = fc_cli_usage_error("incident", "unexpected argument '%s'", argv[i]);
			goto out;
		}
	}
	static const char *const verbs[] = {"open", "report", "close", "status", "export", "systems", NULL};
	int vb = -1;
	for (int k = 0; verb && verbs[k]; k++)
		if (!strcmp(verb, verbs[k]))
			vb = k;
	if (vb < 0) {
		rc = fc_cli_usage_error("incident", "expected a verb: open, report, close, status, export or systems");
		goto out;
	}
	static const char *const fmts[] = {"text", "json", "csv", NULL};
	int f = fc_cli_format("incident", fmt, fmts);
	if (f < 0)
		goto out;
	bool zh = strcmp(lang, "en") != 0;
	int64_t t_detected = 0, t_at = 0, level = 0;
	if (vb == 0) {
		if (!title || !detected) {
			rc = fc_cli_usage_error("incident", "open needs --title and --detected");
			goto out;
		}
		if (!fc_webcli_time(detected, &t_detected)) {
			rc = fc_cli_usage_error("incident", "--detected: expected a time such as 2026-11-01T09:30:00+08:00");
			goto out;
		}
		if (level_s && (!fc_parse_i64(level_s, &level) || level < 1 || level > 4)) {
			rc = fc_cli_usage_error("incident", "--level takes 1 to 4");
			goto out;
		}
	}
	if ((vb == 1 || vb == 2) && !ref) {
		rc = fc_cli_usage_error("incident", "%s needs the incident REF", verb);
		goto out;
	}
	if (vb == 1 && initial == formal) {
		rc = fc_cli_usage_error("incident", "report takes one of --initial or --formal");
		goto out;
	}
	if (at && !fc_webcli_time(at, &t_at)) {
		rc = fc_cli_usage_error("incident", "--at: expected a time such as 2026-11-01T09:30:00+08:00");
		goto out;
	}
	if ((rc = fc_webcli_params("incident", catalog, params, nparams, &d, &cat, &p)))
		goto out;
	have_params = true;
	if ((rc = fc_webcli_open("incident", db, &d, &s)))
		goto out;
	if (!t_at)
		t_at = fc_web_now();
	if (!by || !*by)
		by = "fincheck";
	struct fc_db *h = fc_store_db(s);
	struct fc_incident_policy pol;
	fc_incident_policy_init(&pol, &p);
	enum fc_status st = FC_OK;
	switch (vb) {
	case 0: {
		char newref[FC_INC_REF_MAX + 1];
		st = fc_incident_open(h, ref, title, (int)level, major, t_detected, systems, nsystems, by, newref, &d);
		if (!st) {
			struct fc_incident inc = {.detected_at = t_detected};
			struct fc_inc_deadline dl[FC_INC__STAGES];
			fc_incident_deadlines(&inc, &pol, fc_web_now(), dl);
			char ts[26];
			fc_ts_fmt(dl[0].due, ts);
			printf("%s\n", newref);
			fprintf(stderr, "incident %s opened; initial report due %s\n", newref, ts);
		}
		break;
	}
	case 1:
	case 2:
		st = fc_incident_mark(h, ref, vb == 2 ? FC_INC_CLOSE : initial ? FC_INC_INITIAL : FC_INC_FORMAL, t_at, by,
				      &d);
		if (!st) {
			struct fc_incident inc;
			if (!fc_incident_get(h, ref, &inc)) {
				struct fc_inc_deadline dl[FC_INC__STAGES];
				fc_incident_deadlines(&inc, &pol, fc_web_now(), dl);
				int stg = vb == 2 ? FC_INC_CLOSE : initial ? FC_INC_INITIAL : FC_INC_FORMAL;
				fprintf(stderr, "%s: %s recorded (%s)\n", ref, fc_inc_stage_label((enum fc_inc_stage)stg, false),
					fc_inc_state_name(dl[stg].state));
			}
		}
		break;
	case 3: {
		struct fc_json j;
		struct status_ctx x = {&b, NULL, &pol, fc_web_now(), zh, 0, 0};
		if (f == 1) {
			fc_json_init(&j, &b, true);
			x.j = &j;
			fc_json_obj(&j);
			fc_json_key(&j, "incidents");
			fc_json_arr(&j);
		}
		st = fc_incident_each(h, !all, status_one, &x);
		if (f == 1) {
			fc_json_arr_end(&j);
			fc_json_kint(&j, "overdue", (int64_t)x.overdue);
			fc_json_obj_end(&j);
			fc_buf_addc(&b, '\n');
		} else if (!x.n)
			fc_buf_adds(&b, zh ? "沒有未結案的資安事件\n" : "no open incidents\n");
		if (!st && !fc_cli_write(&b, NULL))
			st = FC_EIO;
		if (!st && fail_overdue && x.overdue) {
			fprintf(stderr, "fincheck incident: %zu incident(s) with an overdue deadline\n", x.overdue);
			rc = FC_EXIT_FAILON;
			goto out;
		}
		break;
	}
	case 4:
		st = fc_incident_export_records(h, &b);
		if (!st && !fc_cli_write(&b, outfile))
			st = FC_EIO;
		break;
	default: {
		struct fc_json j;
		const struct fc_param_val *rv = fc_params_get(&p, "reassess_after_major_incident_days");
		struct sys_ctx x = {&b, NULL, f, rv ? (int)rv->num : 92};
		if (f == 1) {
			fc_json_init(&j, &b, true);
			x.j = &j;
			fc_json_obj(&j);
			fc_json_key(&j, "systems");
			fc_json_arr(&j);
		} else if (f == 2)
			fc_buf_adds(&b, "system_id,last_major_incident,reassess_by\n");
		st = fc_incident_major_systems(h, sys_one, &x);
		if (f == 1) {
			fc_json_arr_end(&j);
			fc_json_obj_end(&j);
			fc_buf_addc(&b, '\n');
		}
		if (!st && !fc_cli_write(&b, NULL))
			st = FC_EIO;
	}
	}
	rc = !st ? FC_EXIT_OK : (st == FC_EUSAGE || st == FC_ENOTFOUND) ? FC_EXIT_USAGE : FC_EXIT_INPUT;
out:
	fc_buf_release(&b);
	fc_store_close(s);
	if (have_params)
		fc_params_release(&p);
	fc_catalog_free(cat);
	fc_free(systems);
	fc_free(params);
	fc_diag_release(&d);
	return rc;
}
