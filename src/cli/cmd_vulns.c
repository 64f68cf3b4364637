/*
 * fincheck vulns — the normalized, deduplicated vulnerability list for the
 * remediation team (issue 5): host, severity, first seen, status and due
 * date, as text, JSON (spec/output.md) or CSV.
 *
 *   fincheck vulns BUNDLE [--format text|json|csv] [--as-of D] [--param N=V]
 *   fincheck vulns FILE.nessus [FILE…]    scan files without a bundle
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "../core/json.h"
#include "../core/mem.h"
#include "../core/strutil.h"
#include "../engine/bundle.h"
#include "../engine/catalog.h"
#include "../engine/loader.h"
#include "../parse/vuln.h"
#include "cli.h"

static const char usage_text[] =
	"usage: fincheck vulns BUNDLE|SCANFILE... [options]\n"
	"\n"
	"Lists the vulnerabilities of the scans in BUNDLE/scans/ (or of the scan files\n"
	"given), deduplicated across scans and scanners and matched to the inventory,\n"
	"with first/last seen, status (open, resolved_pending_verification, excepted)\n"
	"and the due date from the vuln_fix_days parameter.\n"
	"\n"
	"  --format text|json|csv   output on stdout (default: text)\n"
	"  --as-of YYYY-MM-DD       evaluation date (default: org.yaml's as_of, else today)\n"
	"  --status open|resolved|excepted|all   only vulnerabilities in this status (default: all)\n"
	"  --min-severity SEV       only this severity or worse (default: low)\n"
	"  --param NAME=VALUE       override a parameter (vuln_fix_days.high=14)\n"
	"  --summary                per-scan counts only (text) / omit the list (json)\n"
	"  --threads N              threads for parsing large Nessus files (default: one per CPU)\n"
	"\n"
	"Exit status: 0 listed, 1 usage error, 2 a file could not be read or was malformed.\n";

struct opts {
	int format;		/* 0 text, 1 json, 2 csv */
	int status;		/* -1 all */
	int min_sev;
	bool summary;
	int threads;		/* 0: one per CPU */
	const char **params;
	size_t nparams;
};

struct row {
	const struct fc_vuln *v;
	int32_t due;
};

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->v->sev != y->v->sev)
		return (int)x->v->sev - (int)y->v->sev;
	if (x->due != y->due)
		return x->due == FC_NO_DATE ? 1 : y->due == FC_NO_DATE ? -1 : (x->due < y->due ? -1 : 1);
	int c = x->v->target != y->v->target ? (x->v->target < y->v->target ? -1 : 1) : 0;
	return c ? c : strcmp(x->v->id, y->v->id);
}

static int fix_days(const struct fc_params *p, enum fc_severity s)
{
	const struct fc_param_val *v = p ? fc_params_get(p, "vuln_fix_days") : NULL;
	for (size_t i = 0; v && i < v->n; i++)
		if (!strcmp(v->list[i], fc_severity_name(s)))
			return (int)v->map_vals[i];
	return -1;
}

/* CSV cell, RFC 4180, with formula injection neutralized (a leading
 * = + - @ tab or CR gets a quote mark). */
static void csv_cell(struct fc_buf *o, const char *s, bool last)
{
	s = s ? s : "";
	bool q = strpbrk(s, ",\"\r\n") != NULL || (s[0] && strchr("=+-@\t\r", s[0]) != NULL);
	if (q)
		fc_buf_addc(o, '"');
	if (*s && strchr("=+-@\t\r", s[0]))
		fc_buf_addc(o, '\'');
	for (; *s; s++) {
		if (*s == '"')
			fc_buf_addc(o, '"');
		fc_buf_addc(o, *s);
	}
	if (q)
		fc_buf_addc(o, '"');
	fc_buf_addc(o, last ? '\n' : ',');
}

static void cves_join(const struct fc_vuln *v, struct fc_buf *o, const char *sep)
{
	for (size_t i = 0; i < v->ncves; i++) {
		if (i)
			fc_buf_adds(o, sep);
		fc_buf_adds(o, v->cves[i]);
	}
}

static void scanners_list(struct fc_json *j, unsigned mask)
{
	fc_json_arr(j);
	for (int s = 0; s < FC_SCANNER__COUNT; s++)
		if (mask & (1u << s))
			fc_json_str(j, fc_scanner_name((enum fc_scanner)s));
	fc_json_arr_end(j);
}

static const char *kind_name(enum fc_vkind k)
{
	return k == FC_VK_MISCONFIG ? "misconfiguration" : k == FC_VK_SECRET ? "secret" : "vulnerability";
}

static void ev_json(struct fc_json *j, const struct fc_ref *r)
{
	fc_json_obj(j);
	fc_json_kstr(j, "file", r->file);
	fc_json_kint(j, "line", r->line);
	if (r->excerpt)
		fc_json_kstr(j, "excerpt", r->excerpt);
	fc_json_obj_end(j);
}

static void out_json(struct fc_buf *o, const struct fc_bundle *b, const struct fc_vuln_facts *vf, struct row *rows,
		     size_t n, const struct opts *op)
{
	struct fc_json j;
	fc_json_init(&j, o, true);
	fc_json_obj(&j);
	fc_json_kdate(&j, "as_of", b->as_of);
	fc_json_key(&j, "scans");
	fc_json_arr(&j);
	for (size_t i = 0; vf && i < vf->scans.n; i++) {
		const struct fc_scan *s = &vf->scans.v[i];
		fc_json_obj(&j);
		fc_json_kstr(&j, "file", s->file);
		fc_json_kstr(&j, "scanner", fc_scanner_name(s->scanner));
		fc_json_kstr(&j, "name", s->name);
		fc_json_kdate(&j, "date", s->day);
		fc_json_kint(&j, "hosts", (int64_t)s->nhosts);
		fc_json_kbool(&j, "vulnerability_scan", s->finds_vulns);
		fc_json_kbool(&j, "malformed", s->failed);
		fc_json_key(&j, "counts");
		fc_json_obj(&j);
		for (int k = 0; k < FC_SEV__COUNT; k++)
			fc_json_kint(&j, fc_severity_name((enum fc_severity)k), (int64_t)s->count[k]);
		fc_json_obj_end(&j);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	fc_json_key(&j, "hosts");
	fc_json_arr(&j);
	for (size_t i = 0; vf && i < vf->targets.n; i++) {
		const struct fc_vtarget *t = &vf->targets.v[i];
		fc_json_obj(&j);
		fc_json_kstr(&j, "host", t->name);
		fc_json_kstr(&j, "ip", t->ip);
		fc_json_kbool(&j, "in_inventory", t->host != NULL);
		fc_json_kdate(&j, "last_scanned", fc_vtarget_last_scan(vf, t));
		fc_json_kint(&j, "scans", (int64_t)t->cover.n);
		fc_json_kbool(&j, "end_of_support", t->eos);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	if (!op->summary) {
		fc_json_key(&j, "vulnerabilities");
		fc_json_arr(&j);
		for (size_t i = 0; i < n; i++) {
			const struct fc_vuln *v = rows[i].v;
			const struct fc_vtarget *t = &vf->targets.v[v->target];
			fc_json_obj(&j);
			fc_json_kstr(&j, "host", t->name);
			fc_json_kstr(&j, "ip", t->ip);
			fc_json_kstr(&j, "system_id", t->host ? t->host->system_id : NULL);
			fc_json_kstr(&j, "scanner", fc_scanner_name(v->scanner));
			fc_json_key(&j, "scanners");
			scanners_list(&j, v->scanners);
			fc_json_kstr(&j, "kind", kind_name(v->kind));
			fc_json_kstr(&j, "id", v->id);
			fc_json_kstr(&j, "name", v->name);
			fc_json_kstr(&j, "severity", fc_severity_name(v->sev));
			if (v->cvss >= 0)
				fc_json_knum(&j, "cvss", v->cvss);
			fc_json_key(&j, "cves");
			fc_json_arr(&j);
			for (size_t k = 0; k < v->ncves; k++)
				fc_json_str(&j, v->cves[k]);
			fc_json_arr_end(&j);
			fc_json_kstr(&j, "port", v->port);
			if (v->pkg)
				fc_json_kstr(&j, "package", v->pkg);
			fc_json_kbool(&j, "end_of_support", v->eos);
			fc_json_kdate(&j, "first_seen", v->first_seen);
			fc_json_kdate(&j, "last_seen", v->last_seen);
			fc_json_kint(&j, "observations", v->nobs);
			fc_json_kstr(&j, "status", fc_vstatus_name(v->status));
			fc_json_kdate(&j, "resolved_on", v->resolved_on);
			fc_json_kdate(&j, "due", rows[i].due);
			fc_json_kbool(&j, "overdue", v->status == FC_VS_OPEN && rows[i].due != FC_NO_DATE && b->as_of > rows[i].due);
			fc_json_kstr(&j, "solution", v->solution);
			fc_json_key(&j, "exception");
			if (v->exception) {
				fc_json_obj(&j);
				fc_json_kstr(&j, "file", v->exception->ref.file);
				fc_json_kint(&j, "line", v->exception->ref.line);
				fc_json_kdate(&j, "expires", fc_record_date(v->exception, "expires"));
				fc_json_kstr(&j, "approved_by", fc_record_str(v->exception, "approved_by"));
				fc_json_kstr(&j, "compensating_control", fc_record_str(v->exception, "compensating_control"));
				fc_json_obj_end(&j);
			} else
				fc_json_null(&j);
			fc_json_key(&j, "evidence");
			fc_json_arr(&j);
			ev_json(&j, &v->first);
			if (v->last.line != v->first.line || !fc_streq(v->last.file, v->first.file))
				ev_json(&j, &v->last);
			fc_json_arr_end(&j);
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);
	}
	/* totals by status and severity */
	fc_json_key(&j, "summary");
	fc_json_obj(&j);
	static const char *st[] = {"open", "resolved_pending_verification", "excepted"};
	for (int s = 0; s < 3; s++) {
		fc_json_key(&j, st[s]);
		fc_json_obj(&j);
		for (int k = 0; k < FC_SEV__COUNT; k++) {
			size_t c = 0;
			for (size_t i = 0; i < n; i++)
				if ((int)rows[i].v->status == s && (int)rows[i].v->sev == k)
					c++;
			fc_json_kint(&j, fc_severity_name((enum fc_severity)k), (int64_t)c);
		}
		fc_json_obj_end(&j);
	}
	fc_json_obj_end(&j);
	fc_json_obj_end(&j);
	fc_buf_addc(o, '\n');
}

static void out_csv(struct fc_buf *o, const struct fc_vuln_facts *vf, struct row *rows, size_t n)
{
	fc_buf_adds(o, "host,ip,system_id,scanner,kind,id,name,severity,cvss,cves,port,package,first_seen,last_seen,status,due,file,line\n");
	struct fc_buf tmp = FC_BUF_INIT;
	fc_buf_init(&tmp, 0);
	for (size_t i = 0; i < n; i++) {
		const struct fc_vuln *v = rows[i].v;
		const struct fc_vtarget *t = &vf->targets.v[v->target];
		char d1[11], d2[11], d3[11], num[32], line[32];
		fc_date_fmt(v->first_seen, d1);
		fc_date_fmt(v->last_seen, d2);
		fc_date_fmt(rows[i].due, d3);
		if (v->cvss >= 0)
			snprintf(num, sizeof num, "%.1f", v->cvss);
		else
			num[0] = 0;
		snprintf(line, sizeof line, "%ld", v->first.line);
		fc_buf_reset(&tmp);
		cves_join(v, &tmp, ";");
		csv_cell(o, t->name, false);
		csv_cell(o, t->ip, false);
		csv_cell(o, t->host ? t->host->system_id : NULL, false);
		csv_cell(o, fc_scanner_name(v->scanner), false);
		csv_cell(o, kind_name(v->kind), false);
		csv_cell(o, v->id, false);
		csv_cell(o, v->name, false);
		csv_cell(o, fc_severity_name(v->sev), false);
		csv_cell(o, num, false);
		csv_cell(o, fc_buf_str(&tmp), false);
		csv_cell(o, v->port, false);
		csv_cell(o, v->pkg, false);
		csv_cell(o, d1, false);
		csv_cell(o, d2, false);
		csv_cell(o, fc_vstatus_name(v->status), false);
		csv_cell(o, d3, false);
		csv_cell(o, v->first.file, false);
		csv_cell(o, line, true);
	}
	fc_buf_release(&tmp);
}

static void out_text(struct fc_buf *o, const struct fc_bundle *b, const struct fc_vuln_facts *vf, struct row *rows,
		     size_t n, const struct opts *op)
{
	char d[11];
	fc_date_fmt(b->as_of, d);
	fc_buf_addf(o, "Scans (as of %s):\n", d);
	for (size_t i = 0; vf && i < vf->scans.n; i++) {
		const struct fc_scan *s = &vf->scans.v[i];
		fc_date_fmt(s->day, d);
		fc_buf_addf(o, "  %-40s %-7s %-10s hosts %-5zu critical %zu high %zu medium %zu low %zu info %zu%s\n", s->file,
			    fc_scanner_name(s->scanner), s->day == FC_NO_DATE ? "(undated)" : d, s->nhosts,
			    s->count[0], s->count[1], s->count[2], s->count[3], s->count[4], s->failed ? "  MALFORMED" : "");
	}
	if (op->summary)
		return;
	fc_buf_addf(o, "\n%zu vulnerabilities:\n", n);
	for (size_t i = 0; i < n; i++) {
		const struct fc_vuln *v = rows[i].v;
		char f1[11], f2[11], f3[11];
		fc_date_fmt(v->first_seen, f1);
		fc_date_fmt(v->last_seen, f2);
		fc_date_fmt(rows[i].due, f3);
		bool late = v->status == FC_VS_OPEN && rows[i].due != FC_NO_DATE && b->as_of > rows[i].due;
		fc_buf_addf(o, "  %-8s %-20s %-16s %s\n", fc_severity_name(v->sev), vf->targets.v[v->target].name,
			    v->ncves ? v->cves[0] : v->id, v->name);
		fc_buf_addf(o, "           %s %s, first seen %s, last seen %s, %s, due %s%s  [%s:%ld]\n",
			    fc_scanner_name(v->scanner), v->port ? v->port : "-", v->first_seen == FC_NO_DATE ? "?" : f1,
			    v->last_seen == FC_NO_DATE ? "?" : f2, fc_vstatus_name(v->status),
			    rows[i].due == FC_NO_DATE ? "-" : f3, late ? " OVERDUE" : "", v->first.file, v->first.line);
	}
}

static int parse_status(const char *s)
{
	if (!strcmp(s, "all"))
		return -1;
	if (!strcmp(s, "open"))
		return FC_VS_OPEN;
	if (!strcmp(s, "resolved") || !strcmp(s, "resolved_pending_verification"))
		return FC_VS_RESOLVED;
	if (!strcmp(s, "excepted"))
		return FC_VS_EXCEPTED;
	return -2;
}

/* Scan files without a bundle: a bare bundle holding only scans. */
static struct fc_bundle *files_bundle(char **files, size_t n, int32_t asof, int threads, struct fc_diag *d)
{
	struct fc_bundle *b = fc_calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	fc_arena_init(&b->arena);
	b->diag = d;
	b->as_of = asof;
	b->threads = threads;
	for (size_t i = 0; i < n; i++)
		if (fc_loader_scans.load(b, files[i], files[i]) == FC_ENOMEM)
			break;
	fc_loader_scans.finish(b);
	return b;
}

int cmd_vulns(int argc, char **argv)
{
	struct opts op = {.status = -1, .min_sev = FC_SEV_LOW};
	const char *asof = NULL;
	char **inputs = fc_calloc((size_t)argc + 1, sizeof(char *));
	op.params = fc_calloc((size_t)argc + 1, sizeof(char *));
	size_t ninputs = 0;
	int rc = FC_EXIT_OK;
	struct fc_diag d;
	struct fc_catalog *cat = NULL;
	struct fc_params params = {0};
	bool params_ok = false;
	struct fc_bundle *b = NULL;
	bool bare = false;
	struct row *rows = NULL;
	struct fc_buf out = FC_BUF_INIT;
	fc_cli_diag_init(&d);
	fc_buf_init(&out, 0);
	if (!inputs || !op.params) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	static const char *const formats[] = {"text", "json", "csv", NULL};
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			goto out;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--format"))) {
			if ((op.format = fc_cli_format("vulns", v, formats)) < 0) {
				rc = FC_EXIT_USAGE;
				goto out;
			}
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--as-of")))
			asof = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--status"))) {
			if ((op.status = parse_status(v)) == -2) {
				rc = fc_cli_usage_error("vulns", "--status takes open, resolved, excepted or all");
				goto out;
			}
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--min-severity"))) {
			if ((op.min_sev = fc_severity_parse(v)) < 0) {
				rc = fc_cli_usage_error("vulns", "--min-severity takes critical, high, medium, low or info");
				goto out;
			}
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--param")))
			op.params[op.nparams++] = v;
		else if (!strcmp(argv[i], "--summary"))
			op.summary = true;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--threads"))) {
			int64_t t;
			if (!fc_parse_i64(v, &t) || t < 1 || t > 256) {
				rc = fc_cli_usage_error("vulns", "--threads takes 1..256");
				goto out;
			}
			op.threads = (int)t;
		}
		else if (argv[i][0] == '-' && argv[i][1]) {
			rc = fc_cli_usage_error("vulns", "unknown option '%s'", argv[i]);
			goto out;
		} else
			inputs[ninputs++] = argv[i];
	}
	if (!ninputs) {
		rc = fc_cli_usage_error("vulns", "expected a bundle directory or scan files");
		goto out;
	}
	int32_t asof_d = FC_NO_DATE;
	if (asof && !fc_date_parse(asof, &asof_d)) {
		rc = fc_cli_usage_error("vulns", "--as-of takes a date YYYY-MM-DD");
		goto out;
	}
	if (fc_catalog_load(NULL, &cat, &d) || fc_params_init(&params, cat)) {
		fprintf(stderr, "fincheck vulns: the control catalog is invalid\n");
		rc = FC_EXIT_USAGE;
		goto out;
	}
	params_ok = true;
	struct stat sb;
	size_t errors0 = d.errors;
	if (ninputs == 1 && stat(inputs[0], &sb) == 0 && S_ISDIR(sb.st_mode)) {
		struct fc_bundle_opts bo = {.as_of = asof_d, .threads = op.threads};
		if (fc_bundle_open(inputs[0], &bo, &d, &b)) {
			rc = FC_EXIT_INPUT;
			goto out;
		}
		if (b->has_org && b->org.parameters && fc_params_apply_yaml(&params, b->org.parameters, "org.yaml", &d)) {
			rc = FC_EXIT_USAGE;
			goto out;
		}
	} else {
		if (asof_d == FC_NO_DATE) {
			int64_t now = (int64_t)time(NULL);
			asof_d = fc_ts_day(now);
		}
		for (size_t i = 0; i < ninputs; i++)
			if (stat(inputs[i], &sb) != 0 || !S_ISREG(sb.st_mode)) {
				rc = fc_cli_usage_error("vulns", "'%s' is neither a bundle directory nor a scan file", inputs[i]);
				goto out;
			}
		bare = true;
		if (!(b = files_bundle(inputs, ninputs, asof_d, op.threads, &d))) {
			rc = FC_EXIT_INPUT;
			goto out;
		}
	}
	for (size_t i = 0; i < op.nparams; i++)
		if (fc_params_apply_arg(&params, op.params[i], &d)) {
			rc = FC_EXIT_USAGE;
			goto out;
		}
	const struct fc_vuln_facts *vf = b->vuln;
	size_t n = 0;
	rows = fc_calloc(vf && vf->vulns.n ? vf->vulns.n : 1, sizeof(*rows));
	if (!rows) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	int days_of[FC_SEV__COUNT]; /* looked up once, not per vulnerability */
	for (int s = 0; s < FC_SEV__COUNT; s++)
		days_of[s] = fix_days(&params, (enum fc_severity)s);
	for (size_t i = 0; vf && i < vf->vulns.n; i++) {
		const struct fc_vuln *v = &vf->vulns.v[i];
		if ((op.status >= 0 && (int)v->status != op.status) || (int)v->sev > op.min_sev)
			continue;
		if (v->sev >= FC_SEV_INFO && !(op.min_sev >= FC_SEV_INFO))
			continue;
		int days = (unsigned)v->sev < FC_SEV__COUNT ? days_of[v->sev] : -1;
		rows[n].v = v;
		rows[n].due = days >= 0 && v->first_seen != FC_NO_DATE ? v->first_seen + days : FC_NO_DATE;
		n++;
	}
	fc_qsort(rows, n, sizeof(*rows), cmp_row);
	if (op.format == 1)
		out_json(&out, b, vf, rows, n, &op);
	else if (op.format == 2)
		out_csv(&out, vf, rows, n);
	else
		out_text(&out, b, vf, rows, n, &op);
	if (fc_buf_err(&out)) {
		fprintf(stderr, "fincheck vulns: %s\n", fc_status_str(fc_buf_err(&out)));
		rc = FC_EXIT_INPUT;
		goto out;
	}
	if (!fc_cli_write(&out, NULL))
		rc = FC_EXIT_INPUT;
	else if (bare ? d.errors > errors0 : fc_diag_errors_for(&d, "scans/") > 0)
		rc = FC_EXIT_INPUT; /* listed what could be read; a scan was malformed */
out:
	if (b) {
		if (bare) {
			fc_loader_scans.release(b);
			fc_arena_release(&b->arena);
			fc_free(b);
		} else
			fc_bundle_free(b);
	}
	if (params_ok)
		fc_params_release(&params);
	fc_catalog_free(cat);
	fc_free(rows);
	fc_free(inputs);
	fc_free(op.params);
	fc_buf_release(&out);
	fc_diag_release(&d);
	return rc;
}
