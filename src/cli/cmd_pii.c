/*
 * fincheck pii — personal data and secrets in files (issue 7), usable on its
 * own over file shares: per file and type, counts (valid, masked, invalid)
 * and sample locations with masked values; never a full identifier.
 *
 *   fincheck pii PATH... [--format text|json|csv] [--jobs N] [--all] [--no-secrets]
 *
 * Directories are walked (sorted, symlinks not followed); files are scanned
 * on N threads (default: the CPUs online) in batches, and output is written
 * batch by batch so that memory stays flat over any number of files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../core/json.h"
#include "../core/mem.h"
#include "../core/reader.h"
#include "../core/vec.h"
#include "../parse/pii.h"
#include "cli.h"

#define BATCH 256

static const char usage_text[] =
	"usage: fincheck pii PATH... [options]\n"
	"\n"
	"Finds personal data and secrets in files and directories (recursed): Taiwan\n"
	"national IDs and resident certificates (checksum), payment cards (issuer range,\n"
	"Luhn, expiry nearby), mobiles, e-mail, bank accounts next to 帳號/account,\n"
	"統一編號 (checksum, reported apart), passwords, connection strings and private\n"
	"keys.  Masked forms are counted as masked.  Reads gzip, UTF-16 and UTF-8\n"
	"(BOM); names the CSV column / SQL table.column / JSON key of each sample.\n"
	"Output never holds a full identifier, card number or secret.\n"
	"\n"
	"  --format text|json|csv   output on stdout (default: text)\n"
	"  --jobs N                 files scanned in parallel (default: CPUs online)\n"
	"  --all                    list every file, also those with nothing found\n"
	"  --no-secrets             skip password/key detection\n"
	"\n"
	"Exit status: 0 scanned, 1 usage error, 2 a file could not be read.\n";

enum { F_TEXT, F_JSON, F_CSV };

struct job {
	FC_VEC(char *) paths;
	int format;
	bool all;
	struct fc_pii_opts o;
	int threads;
	struct fc_pii_result totals;
	size_t files, listed, binary, failed;
	struct fc_json j;
	struct fc_buf out;
	struct fc_diag *d;
};

static int collect(const char *path, const char *rel, void *ud)
{
	(void)rel;
	struct job *jb = ud;
	char **p = fc_vec_push(&jb->paths);
	if (!p || !(*p = fc_strdup(path)))
		return 1;
	return 0;
}

static void flush(struct job *jb)
{
	if (jb->out.len)
		fwrite(jb->out.p, 1, jb->out.len, stdout);
	fc_buf_reset(&jb->out);
}

static bool any_hit(const struct fc_pii_result *r)
{
	for (int t = 0; t < FC_PII__COUNT; t++)
		if (r->counts[t].valid || r->counts[t].masked || r->counts[t].invalid)
			return true;
	return false;
}

static void csv_cell(struct fc_buf *o, const char *s, bool last)
{
	s = s ? s : "";
	bool q = strpbrk(s, ",\"\r\n") != NULL || (*s && strchr("=+-@\t\r", s[0]) != NULL);
	if (q)
		fc_buf_addc(o, '"');
	if (*s && strchr("=+-@\t\r", s[0]))
		fc_buf_addc(o, '\''); /* formula injection */
	for (; *s; s++) {
		if (*s == '"')
			fc_buf_addc(o, '"');
		fc_buf_addc(o, *s);
	}
	if (q)
		fc_buf_addc(o, '"');
	fc_buf_addc(o, last ? '\n' : ',');
}

static const char *enc_name(const struct fc_pii_result *r)
{
	static const char *const n[] = {"utf-8", "utf-8-bom", "utf-16le", "utf-16be"};
	return (unsigned)r->enc < 4 ? n[r->enc] : "utf-8";
}

static void json_counts(struct fc_json *j, const struct fc_pii_result *r, bool all_types)
{
	fc_json_key(j, "counts");
	fc_json_obj(j);
	for (int t = 0; t < FC_PII__COUNT; t++) {
		const struct fc_pii_count *c = &r->counts[t];
		if (!all_types && !c->valid && !c->masked && !c->invalid)
			continue;
		fc_json_key(j, fc_pii_type_name((enum fc_pii_type)t));
		fc_json_obj(j);
		fc_json_kint(j, "valid", (int64_t)c->valid);
		fc_json_kint(j, "masked", (int64_t)c->masked);
		fc_json_kint(j, "invalid", (int64_t)c->invalid);
		fc_json_obj_end(j);
	}
	fc_json_obj_end(j);
}

static void out_json(struct job *jb, const char *path, const struct fc_pii_result *r, bool err)
{
	struct fc_json *j = &jb->j;
	fc_json_obj(j);
	fc_json_kstr(j, "path", path);
	fc_json_kint(j, "bytes", (int64_t)r->bytes);
	fc_json_kint(j, "lines", r->lines);
	fc_json_kstr(j, "format", r->csv ? "csv" : r->sql ? "sql" : "text");
	fc_json_kstr(j, "encoding", enc_name(r));
	fc_json_kbool(j, "gzip", r->gzipped);
	if (r->binary)
		fc_json_kbool(j, "binary", true);
	if (err)
		fc_json_kbool(j, "error", true);
	fc_json_kint(j, "records", (int64_t)r->records);
	fc_json_kint(j, "card_expiry", (int64_t)r->card_expiry);
	json_counts(j, r, false);
	fc_json_key(j, "samples");
	fc_json_arr(j);
	for (size_t i = 0; i < r->nsamples; i++) {
		const struct fc_pii_sample *s = &r->samples[i];
		fc_json_obj(j);
		fc_json_kint(j, "line", s->line);
		fc_json_kstr(j, "column", s->column[0] ? s->column : NULL);
		fc_json_kstr(j, "type", fc_pii_type_name((enum fc_pii_type)s->type));
		fc_json_kstr(j, "value", s->value);
		if (s->masked)
			fc_json_kbool(j, "masked", true);
		if (s->expiry)
			fc_json_kbool(j, "expiry", true);
		if (s->kind)
			fc_json_kstr(j, "kind", s->kind);
		fc_json_obj_end(j);
	}
	fc_json_arr_end(j);
	fc_json_key(j, "columns");
	fc_json_arr(j);
	for (size_t i = 0; i < r->ncolumns; i++) {
		const struct fc_pii_column *c = &r->columns[i];
		fc_json_obj(j);
		fc_json_kstr(j, "type", fc_pii_type_name((enum fc_pii_type)c->type));
		fc_json_kstr(j, "name", c->name);
		fc_json_kint(j, "count", (int64_t)c->count);
		fc_json_kint(j, "first_line", c->first_line);
		fc_json_obj_end(j);
	}
	fc_json_arr_end(j);
	fc_json_obj_end(j);
}

static void out_text(struct job *jb, const char *path, const struct fc_pii_result *r, bool err)
{
	struct fc_buf *o = &jb->out;
	fc_buf_addf(o, "%s  (%ld lines%s%s%s%s)\n", path, r->lines, r->csv ? ", CSV" : r->sql ? ", SQL" : "",
		    r->gzipped ? ", gzip" : "", r->enc == FC_ENC_UTF16LE || r->enc == FC_ENC_UTF16BE ? ", UTF-16" : "",
		    err ? ", READ ERROR" : "");
	if (r->binary) {
		fc_buf_adds(o, "  not scanned: binary content\n");
		return;
	}
	for (int t = 0; t < FC_PII__COUNT; t++) {
		const struct fc_pii_count *c = &r->counts[t];
		if (!c->valid && !c->masked && !c->invalid)
			continue;
		fc_buf_addf(o, "  %-13s valid %-7llu masked %-7llu invalid %-7llu", fc_pii_type_name((enum fc_pii_type)t),
			    (unsigned long long)c->valid, (unsigned long long)c->masked, (unsigned long long)c->invalid);
		if (r->first_line[t])
			fc_buf_addf(o, " first line %ld", r->first_line[t]);
		if (t == FC_PII_CARD && r->card_expiry)
			fc_buf_addf(o, "  with expiry %llu", (unsigned long long)r->card_expiry);
		bool first = true;
		for (size_t i = 0; i < r->ncolumns; i++)
			if (r->columns[i].type == t) {
				fc_buf_addf(o, "%s%s", first ? "  columns " : ", ", r->columns[i].name);
				first = false;
			}
		fc_buf_addc(o, '\n');
	}
	for (size_t i = 0; i < r->nsamples; i++) {
		const struct fc_pii_sample *s = &r->samples[i];
		fc_buf_addf(o, "    line %-7ld %-13s %s%s%s%s%s%s%s%s\n", s->line, fc_pii_type_name((enum fc_pii_type)s->type),
			    s->column, s->column[0] ? "=" : "", s->value, s->masked ? "  (masked)" : "",
			    s->expiry ? "  (with expiry)" : "", s->kind ? "  (" : "", s->kind ? s->kind : "",
			    s->kind ? ")" : "");
	}
}

static void out_csv(struct job *jb, const char *path, const struct fc_pii_result *r)
{
	struct fc_buf *o = &jb->out;
	for (int t = 0; t < FC_PII__COUNT; t++) {
		const struct fc_pii_count *c = &r->counts[t];
		if (!c->valid && !c->masked && !c->invalid)
			continue;
		char num[4][24], cols[256];
		snprintf(num[0], sizeof num[0], "%llu", (unsigned long long)c->valid);
		snprintf(num[1], sizeof num[1], "%llu", (unsigned long long)c->masked);
		snprintf(num[2], sizeof num[2], "%llu", (unsigned long long)c->invalid);
		snprintf(num[3], sizeof num[3], "%ld", r->first_line[t]);
		size_t k = 0;
		cols[0] = 0;
		for (size_t i = 0; i < r->ncolumns && k < sizeof cols; i++)
			if (r->columns[i].type == t) {
				int w = snprintf(cols + k, sizeof cols - k, "%s%s", k ? ";" : "", r->columns[i].name);
				if (w < 0 || (size_t)w >= sizeof cols - k)
					break;
				k += (size_t)w;
			}
		const char *sample = "";
		for (size_t i = 0; i < r->nsamples; i++)
			if (r->samples[i].type == t && !r->samples[i].masked) {
				sample = r->samples[i].value;
				break;
			}
		csv_cell(o, path, false);
		csv_cell(o, fc_pii_type_name((enum fc_pii_type)t), false);
		csv_cell(o, num[0], false);
		csv_cell(o, num[1], false);
		csv_cell(o, num[2], false);
		csv_cell(o, num[3], false);
		csv_cell(o, cols, false);
		csv_cell(o, sample, true);
	}
	if (r->binary) {
		csv_cell(o, path, false);
		csv_cell(o, "binary", false);
		fc_buf_adds(o, "0,0,0,0,,not scanned\n");
	}
}

static void run_batch(struct job *jb, char **paths, size_t n)
{
	struct fc_pii_result *res = fc_calloc(n, sizeof(*res));
	struct fc_diag *dg = fc_calloc(n, sizeof(*dg));
	if (!res || !dg) {
		fc_diag_error(jb->d, NULL, 0, 0, "out of memory");
		jb->failed += n;
		goto out;
	}
	fc_pii_scan_files((const char *const *)paths, (const char *const *)paths, n, jb->threads, &jb->o, res, dg);
	for (size_t i = 0; i < n; i++) {
		bool err = dg[i].errors > 0 || res[i].status != FC_OK;
		for (size_t k = 0; k < dg[i].n; k++) {
			const struct fc_diag_msg *m = &dg[i].v[k];
			fc_diag_add(jb->d, m->level, m->file, m->line, m->col, "%s", m->msg);
		}
		fc_diag_release(&dg[i]);
		jb->files++;
		jb->failed += err;
		jb->binary += res[i].binary;
		fc_pii_result_merge(&jb->totals, &res[i]);
		if (!jb->all && !any_hit(&res[i]) && !res[i].binary && !err)
			continue;
		jb->listed++;
		if (jb->format == F_JSON)
			out_json(jb, paths[i], &res[i], err);
		else if (jb->format == F_CSV)
			out_csv(jb, paths[i], &res[i]);
		else
			out_text(jb, paths[i], &res[i], err);
	}
	flush(jb);
out:
	fc_free(res);
	fc_free(dg);
}

int cmd_pii(int argc, char **argv)
{
	struct job jb;
	memset(&jb, 0, sizeof jb);
	struct fc_diag d;
	fc_cli_diag_init(&d);
	jb.d = &d;
	fc_buf_init(&jb.out, 0);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	jb.threads = ncpu > 0 ? (int)ncpu : 1;
	int rc = FC_EXIT_OK;
	static const char *const formats[] = {"text", "json", "csv", NULL};
	const char **inputs = fc_calloc((size_t)argc + 1, sizeof(*inputs));
	size_t ninputs = 0;
	if (!inputs) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			goto out;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--format"))) {
			if ((jb.format = fc_cli_format("pii", v, formats)) < 0) {
				rc = FC_EXIT_USAGE;
				goto out;
			}
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--jobs"))) {
			char *end;
			long n = strtol(v, &end, 10);
			if (*end || n < 1 || n > 64) {
				rc = fc_cli_usage_error("pii", "--jobs takes a number from 1 to 64, not '%s'", v);
				goto out;
			}
			jb.threads = (int)n;
		} else if (!strcmp(argv[i], "--all")) {
			jb.all = true;
		} else if (!strcmp(argv[i], "--no-secrets")) {
			jb.o.no_secrets = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			rc = fc_cli_usage_error("pii", "unknown option '%s'", argv[i]);
			goto out;
		} else {
			inputs[ninputs++] = argv[i];
		}
	}
	if (!ninputs) {
		rc = fc_cli_usage_error("pii", "give one or more files or directories");
		goto out;
	}
	for (size_t i = 0; i < ninputs; i++) {
		struct stat sb;
		if (stat(inputs[i], &sb) != 0) {
			fc_diag_error(&d, inputs[i], 0, 0, "cannot read: no such file or directory");
			rc = FC_EXIT_INPUT;
			continue;
		}
		if (S_ISDIR(sb.st_mode)) {
			if (fc_walk(inputs[i], collect, &jb, &d) == FC_ENOMEM) {
				rc = FC_EXIT_INPUT;
				goto out;
			}
		} else {
			char **p = fc_vec_push(&jb.paths);
			if (!p || !(*p = fc_strdup(inputs[i]))) {
				rc = FC_EXIT_INPUT;
				goto out;
			}
		}
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fc_json_init(&jb.j, &jb.out, true);
	if (jb.format == F_JSON) {
		fc_json_obj(&jb.j);
		fc_json_key(&jb.j, "files");
		fc_json_arr(&jb.j);
	} else if (jb.format == F_CSV) {
		fc_buf_adds(&jb.out, "path,type,valid,masked,invalid,first_line,columns,sample\n");
	}
	for (size_t at = 0; at < jb.paths.n; at += BATCH) {
		size_t n = jb.paths.n - at < BATCH ? jb.paths.n - at : BATCH;
		run_batch(&jb, jb.paths.v + at, n);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (jb.format == F_JSON) {
		fc_json_arr_end(&jb.j);
		fc_json_key(&jb.j, "totals");
		fc_json_obj(&jb.j);
		for (int t = 0; t < FC_PII__COUNT; t++) {
			const struct fc_pii_count *c = &jb.totals.counts[t];
			fc_json_key(&jb.j, fc_pii_type_name((enum fc_pii_type)t));
			fc_json_obj(&jb.j);
			fc_json_kint(&jb.j, "valid", (int64_t)c->valid);
			fc_json_kint(&jb.j, "masked", (int64_t)c->masked);
			fc_json_kint(&jb.j, "invalid", (int64_t)c->invalid);
			fc_json_obj_end(&jb.j);
		}
		fc_json_obj_end(&jb.j);
		fc_json_kint(&jb.j, "files_scanned", (int64_t)jb.files);
		fc_json_kint(&jb.j, "files_not_scanned", (int64_t)jb.binary);
		fc_json_kint(&jb.j, "files_with_errors", (int64_t)jb.failed);
		fc_json_kint(&jb.j, "bytes", (int64_t)jb.totals.bytes);
		fc_json_kint(&jb.j, "records", (int64_t)jb.totals.records);
		fc_json_obj_end(&jb.j);
		fc_buf_addc(&jb.out, '\n');
	} else if (jb.format == F_TEXT) {
		fc_buf_adds(&jb.out, "totals:");
		bool any = false;
		for (int t = 0; t < FC_PII__COUNT; t++) {
			const struct fc_pii_count *c = &jb.totals.counts[t];
			if (!c->valid && !c->masked)
				continue;
			fc_buf_addf(&jb.out, "%s %s %llu valid / %llu masked", any ? ";" : "",
				    fc_pii_type_name((enum fc_pii_type)t), (unsigned long long)c->valid,
				    (unsigned long long)c->masked);
			any = true;
		}
		fc_buf_addf(&jb.out, "%s\n%zu files (%llu bytes) scanned in %.2f s on %d threads; %zu listed",
			    any ? "" : " nothing found", jb.files, (unsigned long long)jb.totals.bytes, secs,
			    jb.threads, jb.listed);
		if (jb.binary)
			fc_buf_addf(&jb.out, "; %zu not scanned (binary)", jb.binary);
		if (jb.failed)
			fc_buf_addf(&jb.out, "; %zu with read errors", jb.failed);
		fc_buf_addc(&jb.out, '\n');
	}
	if (fc_buf_err(&jb.out)) {
		fc_diag_error(&d, NULL, 0, 0, "output too large");
		rc = FC_EXIT_INPUT;
	}
	flush(&jb);
	if (jb.failed)
		rc = FC_EXIT_INPUT;
out:
	fflush(stdout);
	for (size_t i = 0; i < jb.paths.n; i++)
		fc_free(jb.paths.v[i]);
	fc_vec_release(&jb.paths);
	fc_buf_release(&jb.out);
	fc_free(inputs);
	fc_diag_release(&d);
	return rc;
}
