/* fincheck findings list|show|update|accept|verify — the findings store
 * (issue 9; seed 004 評估報告 二–三: follow-up, deadlines, 覆查). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../core/json.h"
#include "../core/mem.h"
#include "../core/strutil.h"
#include "store_cli.h"

static const char usage_text[] =
	"usage: fincheck findings list   [--db PATH] [filters] [--format text|json|csv] [--lang zh-TW|en]\n"
	"       fincheck findings show    ID [--db PATH] [--format text|json]\n"
	"       fincheck findings update  ID --by USER [--status open|in_remediation|closed]\n"
	"                                 [--owner NAME] [--plan TEXT] [--note TEXT]\n"
	"       fincheck findings accept  ID --by USER --justification TEXT --control TEXT --expires DATE\n"
	"       fincheck findings accept  ID --by USER --approve|--reject|--revoke [--note TEXT]\n"
	"       fincheck findings verify  ID --by AUDITOR [--fail] [--note TEXT]\n"
	"\n"
	"The findings recorded by 'fincheck assess BUNDLE --db PATH' and their follow-up.\n"
	"A finding is open → in_remediation → fixed (a later run no longer sees it) →\n"
	"verified (an auditor's re-verification, 覆查) → closed; it reopens when seen again.\n"
	"Risk acceptance needs a second person's approval, a compensating control and an\n"
	"expiry (at most risk_acceptance_max_days ahead); it reopens the finding when it\n"
	"expires, and any edit needs a new approval.  Every change needs --by.\n"
	"\n"
	"Filters for list:\n"
	"  --status S[,S]      open in_remediation fixed verified closed accepted, or active\n"
	"  --severity S[,S]    critical high medium low info\n"
	"  --control ID        a control id (CC-18000 also matches CC-18000.3)\n"
	"  --system ID         a system id from inventory/systems.csv\n"
	"  --check ID          a check id\n"
	"  --overdue           past its deadline and still open or in remediation\n"
	"  --limit N\n"
	"\n"
	"ID is the finding's id or a unique prefix of at least 6 hex digits.\n"
	"--db defaults to ./fincheck.db; a postgresql:// URL uses PostgreSQL.\n"
	"Exit status: 0 done, 1 usage error or a change the rules refuse, 2 no such\n"
	"store or finding, or a database error.\n";

struct opts {
	const char *db, *by, *fmt, *lang, *status, *severity, *control, *system, *check, *owner, *plan, *note;
	const char *justification, *ctl, *expires, *limit, *id;
	bool overdue, approve, reject, revoke, fail;
};

/* A table of options: name, where its value goes (NULL = flag). */
static int parse(const char *sub, int argc, char **argv, struct opts *o)
{
	struct {
		const char *name;
		const char **val;
		bool *flag;
	} tab[] = {
		{"--db", &o->db, NULL},
		{"--by", &o->by, NULL},
		{"--format", &o->fmt, NULL},
		{"--lang", &o->lang, NULL},
		{"--status", &o->status, NULL},
		{"--severity", &o->severity, NULL},
		{"--control", &o->control, NULL},
		{"--system", &o->system, NULL},
		{"--check", &o->check, NULL},
		{"--owner", &o->owner, NULL},
		{"--plan", &o->plan, NULL},
		{"--note", &o->note, NULL},
		{"--justification", &o->justification, NULL},
		{"--compensating-control", &o->ctl, NULL},
		{"--expires", &o->expires, NULL},
		{"--limit", &o->limit, NULL},
		{"--overdue", NULL, &o->overdue},
		{"--approve", NULL, &o->approve},
		{"--reject", NULL, &o->reject},
		{"--revoke", NULL, &o->revoke},
		{"--fail", NULL, &o->fail},
	};
	for (int i = 2; i < argc; i++) {
		bool hit = false;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return -1;
		}
		/* --control names the compensating control for accept, a control
		 * id for list */
		if (!strcmp(sub, "accept") && (!strcmp(argv[i], "--control") || !strncmp(argv[i], "--control=", 10))) {
			const char *v = fc_cli_optarg(argc, argv, &i, "--control");
			if (!v)
				return fc_cli_usage_error("findings", "--control needs a value");
			o->ctl = v;
			continue;
		}
		for (size_t k = 0; k < sizeof tab / sizeof *tab && !hit; k++) {
			if (tab[k].flag) {
				if (!strcmp(argv[i], tab[k].name))
					*tab[k].flag = hit = true;
				continue;
			}
			size_t n = strlen(tab[k].name);
			if (strncmp(argv[i], tab[k].name, n) || (argv[i][n] && argv[i][n] != '='))
				continue;
			const char *v = fc_cli_optarg(argc, argv, &i, tab[k].name);
			if (!v)
				return fc_cli_usage_error("findings", "%s needs a value", tab[k].name);
			*tab[k].val = v;
			hit = true;
		}
		if (hit)
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			return fc_cli_usage_error("findings", "unknown option '%s' for %s", argv[i], sub);
		if (o->id)
			return fc_cli_usage_error("findings", "one finding at a time ('%s')", argv[i]);
		o->id = argv[i];
	}
	return 0;
}

/* ---- output ---- */

struct out {
	struct fc_buf b;
	struct fc_json j;
	int fmt; /* 0 text, 1 json, 2 csv */
	bool zh;
	size_t n;
};

static void json_finding(struct fc_json *j, const struct fc_store_finding *x)
{
	char d1[11], d2[11], d3[11], d4[11], d5[11], d6[11], d7[11];
	fc_json_obj(j);
	fc_json_kstr(j, "id", x->id);
	fc_json_kstr(j, "check", x->check_id);
	fc_json_kstr(j, "title", x->title_en);
	fc_json_kstr(j, "title_zh", x->title_zh);
	fc_json_kstr(j, "severity", x->severity);
	fc_json_kstr(j, "status", x->status);
	fc_json_key(j, "controls");
	fc_json_arr(j);
	for (const char *p = x->controls ? x->controls : ""; *p;) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n)
			fc_json_strn(j, p, n);
		p += n + (e != NULL);
	}
	fc_json_arr_end(j);
	fc_json_kstr(j, "object_type", x->object_type);
	fc_json_kstr(j, "object", x->object);
	fc_json_kstr(j, "system", x->system_id);
	fc_json_kstr(j, "detail", x->detail);
	fc_json_kstr(j, "first_seen", fc_cli_date(x->first_seen, d1));
	fc_json_kstr(j, "last_seen", fc_cli_date(x->last_seen, d2));
	fc_json_kint(j, "first_run", x->first_run);
	fc_json_kint(j, "last_run", x->last_run);
	fc_json_kstr(j, "due_start", fc_cli_date(x->due_start, d3));
	fc_json_kstr(j, "due", fc_cli_date(x->due, d4));
	fc_json_kbool(j, "overdue", x->overdue);
	fc_json_kint(j, "reopened", x->reopened);
	fc_json_kstr(j, "owner", x->owner);
	fc_json_kstr(j, "plan", x->plan);
	fc_json_kstr(j, "note", x->note);
	fc_json_kstr(j, "verified_by", x->verified_by);
	fc_json_kstr(j, "verified_at", fc_cli_date(x->verified_at, d5));
	fc_json_kstr(j, "closed_by", x->closed_by);
	fc_json_kstr(j, "closed_at", fc_cli_date(x->closed_at, d6));
	fc_json_key(j, "acceptance");
	if (x->acc_status) {
		fc_json_obj(j);
		fc_json_kstr(j, "status", x->acc_status);
		fc_json_kstr(j, "requester", x->acc_requester);
		fc_json_kstr(j, "approver", x->acc_approver);
		fc_json_kstr(j, "justification", x->acc_justification);
		fc_json_kstr(j, "compensating_control", x->acc_control);
		fc_json_kstr(j, "expires", fc_cli_date(x->acc_expires, d7));
		fc_json_obj_end(j);
	} else
		fc_json_null(j);
	fc_json_obj_end(j);
}

static const char *const csv_cols[] = {"id",	     "severity", "status", "check",   "controls", "system",
				       "object_type", "object",   "due",    "overdue", "first_seen", "last_seen",
				       "owner",	     "title",	 "detail", NULL};

static void list_cb(const struct fc_store_finding *x, void *ud)
{
	struct out *o = ud;
	char due[11] = "", fs[11], ls[11];
	fc_cli_date(x->due, due);
	o->n++;
	if (o->fmt == 1) {
		json_finding(&o->j, x);
		return;
	}
	const char *title = o->zh ? x->title_zh : x->title_en;
	if (o->fmt == 2) {
		const char *v[] = {x->id,	x->severity, x->status,	    x->check_id,
				   x->controls, x->system_id, x->object_type, x->object,
				   due,		x->overdue ? "yes" : "no", fc_cli_date(x->first_seen, fs),
				   fc_cli_date(x->last_seen, ls), x->owner, title, x->detail};
		for (size_t i = 0; i < sizeof v / sizeof *v; i++)
			fc_cli_csv_field(&o->b, v[i], i + 1 == sizeof v / sizeof *v);
		return;
	}
	fc_buf_addf(&o->b, "%.12s  %-8s  %-14s  %-10s%s  %-28s  %s  %s\n", x->id, x->severity, x->status,
		    due[0] ? due : "-", x->overdue ? (o->zh ? " 逾期" : " OVERDUE") : "", x->check_id, x->object,
		    title ? title : "");
}

static int do_list(struct fc_store *s, struct opts *o, struct out *w)
{
	struct fc_store_filter f = {.status = o->status, .severity = o->severity, .control = o->control,
				    .system = o->system, .check = o->check, .overdue = o->overdue};
	if (o->limit) {
		int64_t n;
		if (!fc_parse_i64(o->limit, &n) || n < 1)
			return fc_cli_usage_error("findings", "--limit takes a positive number");
		f.limit = (size_t)n;
	}
	if (w->fmt == 1) {
		fc_json_obj(&w->j);
		fc_json_key(&w->j, "findings");
		fc_json_arr(&w->j);
	} else if (w->fmt == 2) {
		for (int i = 0; csv_cols[i]; i++)
			fc_cli_csv_field(&w->b, csv_cols[i], !csv_cols[i + 1]);
	}
	size_t n = 0;
	enum fc_status st = fc_store_findings(s, &f, list_cb, w, &n);
	if (st)
		return st == FC_EUSAGE ? FC_EXIT_USAGE : FC_EXIT_INPUT;
	if (w->fmt == 1) {
		fc_json_arr_end(&w->j);
		fc_json_kint(&w->j, "count", (int64_t)n);
		fc_json_obj_end(&w->j);
	} else if (w->fmt == 0)
		fc_buf_addf(&w->b, w->zh ? "共 %zu 項缺失\n" : "%zu findings\n", n);
	return FC_EXIT_OK;
}

struct show {
	struct out *w;
	bool found;
};

static void show_cb(const struct fc_store_finding *x, void *ud)
{
	struct show *sh = ud;
	struct out *w = sh->w;
	sh->found = true;
	if (w->fmt == 1) {
		fc_json_key(&w->j, "finding");
		json_finding(&w->j, x);
		return;
	}
	char a[11], b[11], c[11], e[11];
	struct fc_buf *o = &w->b;
	fc_buf_addf(o, "%s %s\n", x->id, (w->zh ? x->title_zh : x->title_en) ? (w->zh ? x->title_zh : x->title_en) : "");
	fc_buf_addf(o, "  check      %s (%s)\n", x->check_id, x->controls ? x->controls : "");
	fc_buf_addf(o, "  object     %s %s%s%s\n", x->object_type, x->object, x->system_id ? "  system " : "",
		    x->system_id ? x->system_id : "");
	fc_buf_addf(o, "  severity   %s\n  status     %s%s\n", x->severity, x->status,
		    x->reopened ? (w->zh ? "（曾重新開啟）" : " (reopened before)") : "");
	fc_buf_addf(o, "  due        %s (from %s)%s\n", fc_cli_date(x->due, a) ? a : "-",
		    fc_cli_date(x->due_start, b) ? b : "-", x->overdue ? "  OVERDUE" : "");
	fc_buf_addf(o, "  seen       %s … %s (runs %lld … %lld)\n", fc_cli_date(x->first_seen, c) ? c : "-",
		    fc_cli_date(x->last_seen, e) ? e : "-", (long long)x->first_run, (long long)x->last_run);
	if (x->detail)
		fc_buf_addf(o, "  detail     %s\n", x->detail);
	if (x->owner)
		fc_buf_addf(o, "  owner      %s\n", x->owner);
	if (x->plan)
		fc_buf_addf(o, "  plan       %s\n", x->plan);
	if (x->note)
		fc_buf_addf(o, "  note       %s\n", x->note);
	if (x->verified_by)
		fc_buf_addf(o, "  verified   %s on %s\n", x->verified_by, fc_cli_date(x->verified_at, a) ? a : "-");
	if (x->closed_by)
		fc_buf_addf(o, "  closed     %s on %s\n", x->closed_by, fc_cli_date(x->closed_at, a) ? a : "-");
	if (x->acc_status)
		fc_buf_addf(o, "  acceptance %s, requested by %s%s%s, until %s\n               control: %s\n               why: %s\n",
			    x->acc_status, x->acc_requester, x->acc_approver ? ", approved by " : "",
			    x->acc_approver ? x->acc_approver : "", fc_cli_date(x->acc_expires, a) ? a : "-",
			    x->acc_control ? x->acc_control : "", x->acc_justification ? x->acc_justification : "");
}

static void sighting_cb(const struct fc_store_sighting *x, void *ud)
{
	struct out *w = ud;
	if (w->fmt == 1) {
		fc_json_obj(&w->j);
		fc_json_kint(&w->j, "run", x->run_id);
		fc_json_kstr(&w->j, "as_of", x->as_of);
		fc_json_kstr(&w->j, "recorded_at", x->recorded_at);
		fc_json_kstr(&w->j, "by", x->by);
		fc_json_kstr(&w->j, "severity", x->severity);
		fc_json_kstr(&w->j, "detail", x->detail);
		fc_json_kstr(&w->j, "file", x->file);
		if (x->file)
			fc_json_kint(&w->j, "line", x->line);
		fc_json_obj_end(&w->j);
		return;
	}
	fc_buf_addf(&w->b, "  run %-4lld  as of %s  by %s  %s:%lld\n", (long long)x->run_id, x->as_of, x->by,
		    x->file ? x->file : "-", (long long)x->line);
}

static int do_show(struct fc_store *s, const char *id, struct out *w)
{
	struct show sh = {w, false};
	if (w->fmt == 1)
		fc_json_obj(&w->j);
	if (fc_store_finding_get(s, id, show_cb, &sh))
		return FC_EXIT_INPUT;
	if (w->fmt == 1) {
		fc_json_key(&w->j, "sightings");
		fc_json_arr(&w->j);
	} else
		fc_buf_adds(&w->b, w->zh ? "  歷次評估所見:\n" : "  seen in runs:\n");
	if (fc_store_sightings(s, id, sighting_cb, w))
		return FC_EXIT_INPUT;
	if (w->fmt == 1) {
		fc_json_arr_end(&w->j);
		fc_json_obj_end(&w->j);
	}
	return FC_EXIT_OK;
}

static int status_exit(enum fc_status st)
{
	if (!st)
		return FC_EXIT_OK;
	return st == FC_EUSAGE ? FC_EXIT_USAGE : FC_EXIT_INPUT;
}

int cmd_findings(int argc, char **argv)
{
	static const char *const subs[] = {"list", "show", "update", "accept", "verify", NULL};
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage_text, argc < 2 ? stderr : stdout);
		return argc < 2 ? FC_EXIT_USAGE : FC_EXIT_OK;
	}
	const char *sub = argv[1];
	int which = -1;
	for (int i = 0; subs[i]; i++)
		if (!strcmp(sub, subs[i]))
			which = i;
	if (which < 0)
		return fc_cli_usage_error("findings", "unknown subcommand '%s' (list, show, update, accept, verify)", sub);
	struct opts o = {.fmt = "text", .lang = "zh-TW"};
	int rc = parse(sub, argc, argv, &o);
	if (rc)
		return rc < 0 ? FC_EXIT_OK : rc;
	static const char *const fmts_list[] = {"text", "json", "csv", NULL};
	static const char *const fmts_show[] = {"text", "json", NULL};
	int fmt = fc_cli_format("findings", o.fmt, which == 0 ? fmts_list : fmts_show);
	if (fmt < 0)
		return FC_EXIT_USAGE;
	int zhv = fc_cli_lang("findings", o.lang);
	if (zhv < 0)
		return FC_EXIT_USAGE;
	bool zh = zhv;
	if (which > 0 && !o.id)
		return fc_cli_usage_error("findings", "%s needs a finding ID", sub);
	if (which == 0 && o.id)
		return fc_cli_usage_error("findings", "list takes filters, not an ID ('%s'); see 'findings show'", o.id);
	if (which >= 2 && (!o.by || !*o.by))
		return fc_cli_usage_error("findings", "%s needs --by USER: every change names who made it", sub);
	int32_t expires = FC_NO_DATE;
	if (which == 3) {
		int modes = o.approve + o.reject + o.revoke;
		if (modes > 1)
			return fc_cli_usage_error("findings", "--approve, --reject and --revoke exclude each other");
		if (!modes && (!o.justification || !o.ctl || !o.expires))
			return fc_cli_usage_error("findings",
						  "a risk acceptance request needs --justification, --control (the "
						  "compensating control) and --expires DATE");
		if (o.expires && !fc_date_parse(o.expires, &expires))
			return fc_cli_usage_error("findings", "--expires takes a date YYYY-MM-DD");
	}
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_store *s = NULL;
	rc = fc_cli_store_open("findings", o.db, true, &d, &s);
	if (rc) {
		fc_diag_release(&d);
		return rc;
	}
	struct out w = {.fmt = fmt, .zh = zh};
	fc_buf_init(&w.b, 0);
	fc_json_init(&w.j, &w.b, true);
	char id[33] = "";
	enum fc_status st = FC_OK;
	/* expired acceptances reopen their findings before anything is shown */
	if ((st = fc_store_expire(s, "fincheck", NULL))) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	if (which > 0 && (st = fc_store_resolve(s, o.id, id))) {
		rc = st == FC_ENOTFOUND ? FC_EXIT_INPUT : FC_EXIT_USAGE;
		goto out;
	}
	switch (which) {
	case 0:
		rc = do_list(s, &o, &w);
		break;
	case 1:
		rc = do_show(s, id, &w);
		break;
	case 2: {
		struct fc_store_change ch = {o.status, o.owner, o.plan, o.note};
		rc = status_exit(fc_store_update(s, id, o.by, &ch));
		if (!rc)
			fc_buf_addf(&w.b, "%s updated by %s\n", id, o.by);
		break;
	}
	case 3:
		if (o.approve || o.reject)
			rc = status_exit(fc_store_accept_decide(s, id, o.by, o.approve, o.note));
		else if (o.revoke)
			rc = status_exit(fc_store_accept_revoke(s, id, o.by, o.note));
		else {
			int maxd = (int)fc_store_param(s, "risk_acceptance_max_days", 180);
			rc = status_exit(fc_store_accept_request(s, id, o.by, o.justification, o.ctl, expires, maxd));
		}
		if (!rc)
			fc_buf_addf(&w.b, "%s: risk acceptance %s by %s\n", id,
				    o.approve ? "approved" : o.reject ? "rejected" : o.revoke ? "revoked" : "requested",
				    o.by);
		break;
	case 4:
		rc = status_exit(fc_store_reverify(s, id, o.by, !o.fail, o.note));
		if (!rc)
			fc_buf_addf(&w.b, "%s: re-verification (覆查) %s by %s\n", id,
				    o.fail ? "failed, reopened" : "passed, verified", o.by);
		break;
	}
	if (!rc) {
		if (fmt == 1 && which <= 1)
			fc_buf_addc(&w.b, '\n');
		if (fc_buf_err(&w.b) || !fc_cli_write(&w.b, NULL))
			rc = FC_EXIT_INPUT;
	}
out:
	fc_buf_release(&w.b);
	fc_store_close(s);
	fc_diag_release(&d);
	return rc;
}
