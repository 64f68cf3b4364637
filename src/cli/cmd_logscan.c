/*
 * fincheck logscan — the daily authentication-monitoring report (issue 6;
 * seed 002 網路安全管理 14–16 每日監控): per day the totals, the top source
 * IPs and accounts, and the alerts with counts, first/last time and sample
 * lines as file:line.
 *
 *   fincheck logscan FILE... [--format text|json|csv] [--as-of D]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../core/date.h"
#include "../core/json.h"
#include "../core/mem.h"
#include "../core/strutil.h"
#include "../engine/catalog.h"
#include "../parse/logs.h"
#include "cli.h"

static const char usage_text[] =
	"usage: fincheck logscan FILE... [options]\n"
	"\n"
	"Reads sshd syslog files (auth.log, secure; .gz too) and application login\n"
	"events (*.csv, *.jsonl: time, account, source_ip, result, reason, channel)\n"
	"in one pass and prints the daily monitoring report: per day the events,\n"
	"failures and successes, the top source IPs and accounts, and the alerts\n"
	"(credential stuffing, password spraying, brute force, non-existent\n"
	"accounts, lockout not enforced, success after failures, new source IP,\n"
	"privileged logins, log gaps) with their evidence lines.\n"
	"\n"
	"  --format text|json|csv   output on stdout (default: text); csv lists the alerts\n"
	"  --as-of YYYY-MM-DD       the year of syslog timestamps and the end of the\n"
	"                           new-source-IP baseline (default: today)\n"
	"  --kind ssh|login         read every FILE as this kind (default: by extension,\n"
	"                           .csv/.jsonl are login events, the rest sshd syslog)\n"
	"  --param NAME=VALUE       override a threshold, e.g. credential_stuffing.distinct_accounts=20,\n"
	"                           lockout_threshold=5, log_new_ip_baseline_days=60\n"
	"  --privileged NAME        also report logins of this account (repeatable)\n"
	"  --retention              alert when the files reach back less than\n"
	"                           audit_log_retention_days / trading_record_retention_days\n"
	"  --threads N              CPUs to use (default: all); 1 runs on one thread\n"
	"  --stats                  print throughput (MB/s, lines/s) on stderr\n"
	"\n"
	"Exit status: 0 reported (alerts may exist), 1 usage error, 2 a file could not\n"
	"be read or was malformed (the report covers what could be read).\n";

struct opts {
	int format; /* 0 text, 1 json, 2 csv */
	int32_t as_of;
	int kind;   /* -1 by extension, 0 ssh, 1 login */
	int threads;
	bool retention, stats;
	const char **params;
	size_t nparams;
	const char **priv;
	size_t npriv;
	const char **files;
	size_t nfiles;
};

static int32_t today(void)
{
	return fc_ts_day((int64_t)time(NULL));
}

static double pval(const struct fc_params *p, const char *name, const char *key, double def)
{
	const struct fc_param_val *v = p ? fc_params_get(p, name) : NULL;
	if (!v)
		return def;
	if (!key)
		return v->num;
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->list[i], key))
			return v->map_vals[i];
	return def;
}

/* Thresholds from the catalog's parameters and --param (the same values
 * the log checks of `assess` use). */
static int load_thresholds(const struct opts *o, struct fc_log_thresholds *t, int *audit, int *trading)
{
	fc_log_thresholds_default(t);
	*audit = 1095;
	*trading = 1825;
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_catalog *cat = NULL;
	struct fc_params p;
	bool have_params = false;
	int rc = 0;
	struct fc_diag quiet;
	fc_diag_init(&quiet);
	if (fc_catalog_load(NULL, &cat, &quiet) == FC_OK && fc_params_init(&p, cat) == FC_OK) {
		have_params = true;
	} else if (o->nparams) {
		fprintf(stderr, "fincheck logscan: the built-in catalog could not be loaded; --param is not available\n");
		rc = FC_EXIT_USAGE;
		goto out;
	}
	fc_diag_release(&quiet);
	for (size_t i = 0; have_params && i < o->nparams; i++)
		if (fc_params_apply_arg(&p, o->params[i], &d)) {
			rc = FC_EXIT_USAGE;
			goto out;
		}
	if (have_params) {
		t->stuffing_accounts = (int)pval(&p, "credential_stuffing", "distinct_accounts", t->stuffing_accounts);
		t->nonexistent_attempts = (int)pval(&p, "credential_stuffing", "nonexistent_attempts", t->nonexistent_attempts);
		t->spraying_accounts = (int)pval(&p, "credential_stuffing", "spraying_accounts", t->spraying_accounts);
		t->brute_force_failures = (int)pval(&p, "credential_stuffing", "brute_force_failures", t->brute_force_failures);
		t->lockout_threshold = (int)pval(&p, "lockout_threshold", NULL, t->lockout_threshold);
		t->new_ip_baseline_days = (int)pval(&p, "log_new_ip_baseline_days", NULL, t->new_ip_baseline_days);
		t->gap_days = (int)pval(&p, "log_gap_days", NULL, t->gap_days);
		t->clock_skew_seconds = (int)pval(&p, "log_clock_skew_seconds", NULL, t->clock_skew_seconds);
		*audit = (int)pval(&p, "audit_log_retention_days", NULL, *audit);
		*trading = (int)pval(&p, "trading_record_retention_days", NULL, *trading);
	}
	if (o->retention) {
		t->retention_days_ssh = *audit;
		t->retention_days_login = *trading;
	}
out:
	fc_diag_release(&quiet);
	if (have_params)
		fc_params_release(&p);
	fc_catalog_free(cat);
	fc_diag_release(&d);
	return rc;
}

static void fmt_ts(int64_t ts, char out[26])
{
	if (!ts) {
		out[0] = '\0';
		return;
	}
	fc_ts_fmt(ts, out);
}

/* ---- JSON ---- */

static void json_ev(struct fc_json *j, const struct fc_log_alert *a)
{
	fc_json_key(j, "evidence");
	fc_json_arr(j);
	for (size_t i = 0; i < a->nev; i++) {
		fc_json_obj(j);
		fc_json_kstr(j, "file", a->ev[i].file);
		fc_json_kint(j, "line", a->ev[i].line);
		if (a->ev[i].excerpt)
			fc_json_kstr(j, "excerpt", a->ev[i].excerpt);
		fc_json_obj_end(j);
	}
	fc_json_arr_end(j);
}

static void json_report(struct fc_buf *out, const struct opts *o, const struct fc_log_facts *f,
			const struct fc_log_alert *al, size_t nal, const struct fc_log_thresholds *t, double secs)
{
	struct fc_json j;
	fc_json_init(&j, out, true);
	char ts[26];
	fc_json_obj(&j);
	fc_json_key(&j, "tool");
	fc_json_obj(&j);
	fc_json_kstr(&j, "name", "fincheck");
	fc_json_kstr(&j, "version", FC_VERSION);
	fc_json_obj_end(&j);
	fc_json_kdate(&j, "as_of", o->as_of);
	fc_json_key(&j, "parameters");
	fc_json_obj(&j);
	fc_json_key(&j, "credential_stuffing");
	fc_json_obj(&j);
	fc_json_kint(&j, "distinct_accounts", t->stuffing_accounts);
	fc_json_kint(&j, "nonexistent_attempts", t->nonexistent_attempts);
	fc_json_kint(&j, "spraying_accounts", t->spraying_accounts);
	fc_json_kint(&j, "brute_force_failures", t->brute_force_failures);
	fc_json_obj_end(&j);
	fc_json_kint(&j, "lockout_threshold", t->lockout_threshold);
	fc_json_kint(&j, "log_new_ip_baseline_days", t->new_ip_baseline_days);
	fc_json_kint(&j, "log_gap_days", t->gap_days);
	fc_json_kint(&j, "log_clock_skew_seconds", t->clock_skew_seconds);
	fc_json_obj_end(&j);
	fc_json_key(&j, "files");
	fc_json_arr(&j);
	for (size_t i = 0; i < f->nfiles; i++) {
		const struct fc_log_file *lf = &f->files[i];
		fc_json_obj(&j);
		fc_json_kstr(&j, "path", lf->name);
		fc_json_kstr(&j, "kind", lf->kind == FC_LOGF_SSH ? "ssh" : lf->kind == FC_LOGF_LOGIN_CSV ? "login_csv" : "login_jsonl");
		fc_json_kint(&j, "lines", (int64_t)lf->lines);
		fc_json_kint(&j, "bytes", (int64_t)lf->bytes);
		if (lf->kind == FC_LOGF_SSH)
			fc_json_kint(&j, "sshd_lines", (int64_t)lf->sshd_lines);
		else
			fc_json_kint(&j, "bad_records", (int64_t)lf->bad_records);
		fc_json_kbool(&j, "error", lf->error);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	fc_json_key(&j, "days");
	fc_json_arr(&j);
	for (size_t i = 0; i < f->ndays; i++) {
		const struct fc_log_day *d = &f->days[i];
		fc_json_obj(&j);
		fc_json_kdate(&j, "day", d->day);
		fc_json_kint(&j, "events", (int64_t)d->events);
		fc_json_kint(&j, "failures", (int64_t)d->failures);
		fc_json_kint(&j, "successes", (int64_t)d->successes);
		fc_json_kint(&j, "nonexistent", (int64_t)d->nonexistent);
		fc_json_kint(&j, "locked", (int64_t)d->locked);
		fc_json_kint(&j, "distinct_ips", (int64_t)d->distinct_ips);
		fc_json_kint(&j, "distinct_accounts", (int64_t)d->distinct_accounts);
		if (d->overflow_events) {
			fc_json_kint(&j, "overflow_events", (int64_t)d->overflow_events);
			fc_json_kint(&j, "overflow_keys", (int64_t)d->overflow_keys);
		}
		if (d->late_events)
			fc_json_kint(&j, "late_events", (int64_t)d->late_events);
		fc_json_key(&j, "top_ips");
		fc_json_arr(&j);
		for (size_t k = 0; k < d->nips && k < FC_LOG_TOP; k++) {
			const struct fc_log_ipday *e = &d->ips[k];
			if (!e->failures && !e->nonexistent)
				break;
			fc_json_obj(&j);
			fc_json_kstr(&j, "ip", e->ip);
			fc_json_kint(&j, "failures", e->failures);
			fc_json_kint(&j, "accounts", e->accounts);
			fc_json_kint(&j, "nonexistent", e->nonexistent);
			fc_json_kint(&j, "successes", e->successes);
			fmt_ts(e->first, ts);
			fc_json_kstr(&j, "first", ts);
			fmt_ts(e->last, ts);
			fc_json_kstr(&j, "last", ts);
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);
		fc_json_key(&j, "top_accounts");
		fc_json_arr(&j);
		for (size_t k = 0; k < d->naccts && k < FC_LOG_TOP; k++) {
			const struct fc_log_acctday *e = &d->accts[k];
			if (!e->failures)
				break;
			fc_json_obj(&j);
			fc_json_kstr(&j, "account", e->account);
			fc_json_kint(&j, "failures", e->failures);
			fc_json_kint(&j, "successes", e->successes);
			fc_json_kint(&j, "locked", e->locked);
			fc_json_kint(&j, "ips", e->ips);
			fc_json_kbool(&j, "exists", !e->nonexistent);
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	fc_json_key(&j, "alerts");
	fc_json_arr(&j);
	for (size_t i = 0; i < nal; i++) {
		const struct fc_log_alert *a = &al[i];
		fc_cli_drain(out); /* a million alerts stream out, not pile up */
		fc_json_obj(&j);
		fc_json_kstr(&j, "kind", fc_log_alert_name(a->kind));
		if (fc_log_alert_subkind(a->kind))
			fc_json_kstr(&j, "subkind", fc_log_alert_subkind(a->kind));
		fc_json_kdate(&j, "day", a->day);
		fc_json_kstr(&j, "ip", a->ip);
		fc_json_kstr(&j, "account", a->account);
		if (a->source)
			fc_json_kstr(&j, "source", a->source);
		fc_json_kint(&j, "count", (int64_t)a->count);
		if (a->first) {
			fmt_ts(a->first, ts);
			fc_json_kstr(&j, "first", ts);
		} else {
			fc_json_key(&j, "first");
			fc_json_null(&j);
		}
		if (a->last) {
			fmt_ts(a->last, ts);
			fc_json_kstr(&j, "last", ts);
		} else {
			fc_json_key(&j, "last");
			fc_json_null(&j);
		}
		if (a->from_day != FC_NO_DATE) {
			fc_json_kdate(&j, "from", a->from_day);
			fc_json_kdate(&j, "to", a->to_day);
		}
		if (a->kind <= FC_LA_NONEXISTENT) {
			fc_json_kint(&j, "failures", (int64_t)a->failures);
			fc_json_kint(&j, "accounts", (int64_t)a->accounts);
			fc_json_kint(&j, "nonexistent", (int64_t)a->nonexistent);
			fc_json_kint(&j, "successes", (int64_t)a->successes);
		}
		fc_json_kstr(&j, "detail", a->detail);
		json_ev(&j, a);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	fc_json_key(&j, "sources");
	fc_json_arr(&j);
	for (size_t i = 0; i < f->nsources; i++) {
		const struct fc_log_source *s = &f->sources[i];
		fc_json_obj(&j);
		fc_json_kstr(&j, "name", s->name);
		fc_json_kstr(&j, "kind", s->login ? "login" : "ssh");
		fmt_ts(s->first, ts);
		fc_json_kstr(&j, "first", ts);
		fmt_ts(s->last, ts);
		fc_json_kstr(&j, "last", ts);
		fc_json_kint(&j, "events", (int64_t)s->events);
		fc_json_kint(&j, "gaps", (int64_t)s->ngaps);
		fc_json_kint(&j, "clock_backwards", (int64_t)s->backwards);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	fc_json_key(&j, "summary");
	fc_json_obj(&j);
	fc_json_kint(&j, "files", (int64_t)f->nfiles);
	fc_json_kint(&j, "lines", (int64_t)f->lines);
	fc_json_kint(&j, "bytes", (int64_t)f->bytes);
	fc_json_kint(&j, "events", (int64_t)f->events);
	fc_json_kint(&j, "alerts", (int64_t)nal);
	fc_json_kint(&j, "threads", f->threads_used);
	fc_json_knum(&j, "seconds", secs);
	uint64_t dropped = f->pairs_dropped + f->accounts_dropped + f->kept_dropped + f->priv_dropped;
	if (dropped)
		fc_json_kint(&j, "dropped", (int64_t)dropped);
	fc_json_obj_end(&j);
	fc_json_obj_end(&j);
	fc_buf_addc(out, '\n');
}

/* ---- CSV (the alerts) ---- */

static void csv_cell(struct fc_buf *o, const char *s, bool last)
{
	s = s ? s : "";
	bool q = strpbrk(s, ",\"\r\n") != NULL || (s[0] && strchr("=+-@\t\r", s[0]) != NULL);
	if (q) {
		fc_buf_addc(o, '"');
		if (s[0] && strchr("=+-@\t\r", s[0]))
			fc_buf_addc(o, '\''); /* formula injection: never a formula */
		for (; *s; s++) {
			if (*s == '"')
				fc_buf_addc(o, '"');
			fc_buf_addc(o, *s);
		}
		fc_buf_addc(o, '"');
	} else {
		fc_buf_adds(o, s);
	}
	fc_buf_addc(o, last ? '\n' : ',');
}

static void csv_report(struct fc_buf *out, const struct fc_log_alert *al, size_t nal)
{
	fc_buf_adds(out, "kind,subkind,day,ip,account,source,count,first,last,evidence,detail\n");
	for (size_t i = 0; i < nal; i++) {
		const struct fc_log_alert *a = &al[i];
		fc_cli_drain(out); /* a million alerts stream out, not pile up */
		char day[11], ts1[26], ts2[26], num[32];
		fc_date_fmt(a->day, day);
		fmt_ts(a->first, ts1);
		fmt_ts(a->last, ts2);
		snprintf(num, sizeof num, "%llu", (unsigned long long)a->count);
		struct fc_buf evb;
		fc_buf_init(&evb, 4096);
		for (size_t k = 0; k < a->nev; k++)
			fc_buf_addf(&evb, "%s%s:%ld", k ? " " : "", a->ev[k].file, a->ev[k].line);
		csv_cell(out, fc_log_alert_name(a->kind), false);
		csv_cell(out, fc_log_alert_subkind(a->kind), false);
		csv_cell(out, day, false);
		csv_cell(out, a->ip, false);
		csv_cell(out, a->account, false);
		csv_cell(out, a->source, false);
		csv_cell(out, num, false);
		csv_cell(out, ts1, false);
		csv_cell(out, ts2, false);
		csv_cell(out, fc_buf_str(&evb), false);
		csv_cell(out, a->detail, true);
		fc_buf_release(&evb);
	}
}

/* ---- text: the 每日監控 table ---- */

static void text_report(struct fc_buf *out, const struct opts *o, const struct fc_log_facts *f,
			const struct fc_log_alert *al, size_t nal)
{
	char d0[11];
	fc_date_fmt(o->as_of, d0);
	fc_buf_addf(out, "每日登入監控報表 daily authentication monitoring — as of %s\n", d0);
	fc_buf_addf(out, "%zu file(s), %llu lines, %llu events\n\n", f->nfiles, (unsigned long long)f->lines,
		    (unsigned long long)f->events);
	fc_buf_addf(out, "%-10s %10s %9s %9s %9s %7s %8s %8s\n", "day", "events", "failures", "success", "nonexist",
		    "locked", "IPs", "accounts");
	for (size_t i = 0; i < f->ndays; i++) {
		const struct fc_log_day *d = &f->days[i];
		char day[11];
		fc_date_fmt(d->day, day);
		fc_buf_addf(out, "%-10s %10llu %9llu %9llu %9llu %7llu %8llu %8llu\n", day, (unsigned long long)d->events,
			    (unsigned long long)d->failures, (unsigned long long)d->successes,
			    (unsigned long long)d->nonexistent, (unsigned long long)d->locked,
			    (unsigned long long)d->distinct_ips, (unsigned long long)d->distinct_accounts);
		if (d->nips && (d->ips[0].failures || d->ips[0].nonexistent)) {
			fc_buf_adds(out, "    top IPs:");
			for (size_t k = 0; k < d->nips && k < FC_LOG_TOP; k++) {
				const struct fc_log_ipday *e = &d->ips[k];
				if (!e->failures && !e->nonexistent)
					break;
				fc_buf_addf(out, "%s %s (%u failed, %u accounts)", k ? "," : "", e->ip, e->failures, e->accounts);
			}
			fc_buf_addc(out, '\n');
		}
		if (d->naccts && d->accts[0].failures) {
			fc_buf_adds(out, "    top accounts:");
			for (size_t k = 0; k < d->naccts && k < FC_LOG_TOP; k++) {
				const struct fc_log_acctday *e = &d->accts[k];
				if (!e->failures)
					break;
				fc_buf_addf(out, "%s %s (%u failed%s)", k ? "," : "", e->account, e->failures,
					    e->nonexistent ? ", no such account" : "");
			}
			fc_buf_addc(out, '\n');
		}
		if (d->overflow_events)
			fc_buf_addf(out, "    overflow: %llu events beyond the per-day key cap not attributed\n",
				    (unsigned long long)d->overflow_events);
	}
	size_t counts[FC_LA__COUNT] = {0};
	for (size_t i = 0; i < nal; i++)
		counts[al[i].kind]++;
	fc_buf_addf(out, "\nalerts: %zu\n", nal);
	for (int k = 0; k < FC_LA__COUNT; k++)
		if (counts[k])
			fc_buf_addf(out, "  %-24s %zu\n", k == FC_LA_CLOCK ? "log_gap (clock)" : fc_log_alert_name((enum fc_log_alert_kind)k),
				    counts[k]);
	for (size_t i = 0; i < nal; i++) {
		const struct fc_log_alert *a = &al[i];
		fc_cli_drain(out); /* a million alerts stream out, not pile up */
		char day[11], t1[26], t2[26];
		fc_date_fmt(a->day, day);
		fmt_ts(a->first, t1);
		fmt_ts(a->last, t2);
		fc_buf_addf(out, "\n%-10s %-22s %s\n", a->day == FC_NO_DATE ? "-" : day, fc_log_alert_name(a->kind), a->detail);
		if (a->first)
			fc_buf_addf(out, "           first %s  last %s\n", t1, t2[0] ? t2 : t1);
		for (size_t k = 0; k < a->nev; k++)
			fc_buf_addf(out, "           %s:%ld%s%s\n", a->ev[k].file, a->ev[k].line, a->ev[k].excerpt ? "  " : "",
				    a->ev[k].excerpt ? a->ev[k].excerpt : "");
	}
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const char *const formats[] = {"text", "json", "csv", NULL};
	o->format = 0;
	o->as_of = FC_NO_DATE;
	o->kind = -1;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage_text, stdout);
			return -1;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--format"))) {
			if ((o->format = fc_cli_format("logscan", v, formats)) < 0)
				return FC_EXIT_USAGE;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--as-of"))) {
			if (!fc_date_parse(v, &o->as_of))
				return fc_cli_usage_error("logscan", "--as-of '%s' is not a date (YYYY-MM-DD)", v);
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--kind"))) {
			if (!strcmp(v, "ssh"))
				o->kind = 0;
			else if (!strcmp(v, "login"))
				o->kind = 1;
			else
				return fc_cli_usage_error("logscan", "--kind is ssh or login, not '%s'", v);
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--threads"))) {
			int64_t n;
			if (!fc_parse_i64(v, &n) || n < 1 || n > 256)
				return fc_cli_usage_error("logscan", "--threads takes 1..256");
			o->threads = (int)n;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--param"))) {
			o->params[o->nparams++] = v;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--privileged"))) {
			o->priv[o->npriv++] = v;
		} else if (!strcmp(argv[i], "--retention")) {
			o->retention = true;
		} else if (!strcmp(argv[i], "--stats")) {
			o->stats = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return fc_cli_usage_error("logscan", "unknown option '%s'", argv[i]);
		} else {
			o->files[o->nfiles++] = argv[i];
		}
	}
	if (!o->nfiles)
		return fc_cli_usage_error("logscan", "no log file given");
	if (o->as_of == FC_NO_DATE)
		o->as_of = today();
	return 0;
}

int cmd_logscan(int argc, char **argv)
{
	int rc = FC_EXIT_OK;
	struct opts o;
	memset(&o, 0, sizeof(o));
	struct fc_log_input *in = NULL;
	struct fc_log_facts *f = NULL;
	struct fc_arena arena;
	fc_arena_init(&arena);
	struct fc_buf out;
	fc_buf_init(&out, 0);
	struct fc_diag d;
	fc_cli_diag_init(&d);
	o.params = fc_calloc((size_t)argc + 1, sizeof(char *));
	o.priv = fc_calloc((size_t)argc + 1, sizeof(char *));
	o.files = fc_calloc((size_t)argc + 1, sizeof(char *));
	if (!o.params || !o.priv || !o.files) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	int pr = parse_args(argc, argv, &o);
	if (pr) {
		rc = pr < 0 ? FC_EXIT_OK : pr;
		goto out;
	}
	struct fc_log_thresholds t;
	int audit, trading;
	if ((rc = load_thresholds(&o, &t, &audit, &trading)))
		goto out;
	in = fc_calloc(o.nfiles, sizeof(*in));
	if (!in) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	for (size_t i = 0; i < o.nfiles; i++) {
		in[i].path = o.files[i];
		in[i].name = o.files[i];
		in[i].kind = o.kind == 0 ? FC_LOGF_SSH : fc_log_kind_of(o.files[i], o.kind == 1);
		if (o.kind == 1 && in[i].kind == FC_LOGF_SSH)
			in[i].kind = FC_LOGF_LOGIN_CSV;
	}
	struct fc_log_opts lo = {
		.as_of = o.as_of,
		.threads = o.threads,
		.privileged = o.priv,
		.nprivileged = o.npriv,
	};
	double t0 = fc_cli_now_ms();
	if (fc_log_analyze(in, o.nfiles, &lo, &d, &f)) {
		fprintf(stderr, "fincheck logscan: out of memory\n");
		rc = FC_EXIT_INPUT;
		goto out;
	}
	double secs = (fc_cli_now_ms() - t0) / 1000.0;
	struct fc_log_alert *al = NULL;
	size_t nal = 0;
	if (fc_log_alerts(f, &t, &arena, &al, &nal)) {
		fprintf(stderr, "fincheck logscan: out of memory\n");
		rc = FC_EXIT_INPUT;
		goto out;
	}
	if (o.format == 1)
		json_report(&out, &o, f, al, nal, &t, secs);
	else if (o.format == 2)
		csv_report(&out, al, nal);
	else
		text_report(&out, &o, f, al, nal);
	if (fc_buf_err(&out) || !fc_cli_write(&out, NULL)) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	if (o.stats) {
		double mb = (double)f->bytes / 1e6;
		fprintf(stderr, "logscan: %llu lines, %.1f MB, %llu events in %.3f s: %.1f MB/s, %.0f lines/s, %d thread(s)\n",
			(unsigned long long)f->lines, mb, (unsigned long long)f->events, secs, secs > 0 ? mb / secs : 0,
			secs > 0 ? (double)f->lines / secs : 0, f->threads_used);
	}
	for (size_t i = 0; i < f->nfiles; i++)
		if (f->files[i].error)
			rc = FC_EXIT_INPUT;
	if (d.errors)
		rc = FC_EXIT_INPUT;
out:
	fc_log_facts_free(f);
	fc_free(in);
	fc_free(o.params);
	fc_free(o.priv);
	fc_free(o.files);
	fc_arena_release(&arena);
	fc_buf_release(&out);
	fc_diag_release(&d);
	return rc;
}
