/* fincheck history FINDING — every step of one finding: who and when
 * (seed 004 評估報告 三: the audit unit follows up and re-verifies). */
#include <stdio.h>
#include <jansson.h>
#include <string.h>
#include "../core/json.h"
#include "store_cli.h"

static const char usage_text[] =
	"usage: fincheck history FINDING [--db PATH] [--format text|json]\n"
	"\n"
	"Every recorded step of one finding, oldest first: the run that opened it,\n"
	"status changes with who made them, deadlines, risk acceptance requests and\n"
	"decisions, re-verification (覆查), reopening, and the runs that saw it.\n"
	"FINDING is the id or a unique prefix of at least 6 hex digits.\n";

/* The store's details are JSON objects: re-emit them through the writer. */
static void emit(struct fc_json *j, const json_t *v, int depth)
{
	if (!v || depth > 8) {
		fc_json_null(j);
		return;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *k;
		json_t *x;
		fc_json_obj(j);
		json_object_foreach((json_t *)v, k, x)
		{
			fc_json_key(j, k);
			emit(j, x, depth + 1);
		}
		fc_json_obj_end(j);
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *x;
		fc_json_arr(j);
		json_array_foreach(v, i, x) emit(j, x, depth + 1);
		fc_json_arr_end(j);
		break;
	}
	case JSON_STRING:
		fc_json_strn(j, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		fc_json_int(j, (int64_t)json_integer_value(v));
		break;
	case JSON_REAL:
		fc_json_num(j, json_real_value(v));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		fc_json_bool(j, json_is_true(v));
		break;
	default:
		fc_json_null(j);
	}
}

struct hist {
	struct fc_buf b;
	struct fc_json j;
	bool json;
	size_t n;
};

static void ev_cb(const struct fc_store_event *e, void *ud)
{
	struct hist *h = ud;
	h->n++;
	if (h->json) {
		fc_json_obj(&h->j);
		fc_json_kint(&h->j, "seq", e->seq);
		fc_json_kstr(&h->j, "at", e->at);
		fc_json_kstr(&h->j, "by", e->actor);
		fc_json_kstr(&h->j, "action", e->action);
		fc_json_kstr(&h->j, "object", e->object);
		/* details are JSON written by the store: embed, not quote */
		fc_json_key(&h->j, "details");
		json_error_t err;
		json_t *v = e->details ? json_loads(e->details, 0, &err) : NULL;
		emit(&h->j, v, 0);
		json_decref(v);
		fc_json_obj_end(&h->j);
		return;
	}
	fc_buf_addf(&h->b, "%-6lld %s  %-24s %-22s %s\n", (long long)e->seq, e->at, e->action, e->actor,
		    e->details ? e->details : "");
}

static void sight_cb(const struct fc_store_sighting *x, void *ud)
{
	struct hist *h = ud;
	if (h->json) {
		fc_json_obj(&h->j);
		fc_json_kint(&h->j, "run", x->run_id);
		fc_json_kstr(&h->j, "as_of", x->as_of);
		fc_json_kstr(&h->j, "recorded_at", x->recorded_at);
		fc_json_kstr(&h->j, "by", x->by);
		fc_json_kstr(&h->j, "severity", x->severity);
		fc_json_kstr(&h->j, "file", x->file);
		if (x->file)
			fc_json_kint(&h->j, "line", x->line);
		fc_json_obj_end(&h->j);
		return;
	}
	fc_buf_addf(&h->b, "  run %-4lld as of %s  recorded %s by %s  %s  %s:%lld\n", (long long)x->run_id, x->as_of,
		    x->recorded_at, x->by, x->severity, x->file ? x->file : "-", (long long)x->line);
}

int cmd_history(int argc, char **argv)
{
	const char *db = NULL, *fmt = "text", *idarg = NULL;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return FC_EXIT_OK;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--db")))
			db = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--format")))
			fmt = v;
		else if (argv[i][0] == '-' && argv[i][1])
			return fc_cli_usage_error("history", "unknown or incomplete option '%s'", argv[i]);
		else if (!idarg)
			idarg = argv[i];
		else
			return fc_cli_usage_error("history", "one FINDING at a time ('%s')", argv[i]);
	}
	if (!idarg)
		return fc_cli_usage_error("history", "missing FINDING");
	static const char *const fmts[] = {"text", "json", NULL};
	int f = fc_cli_format("history", fmt, fmts);
	if (f < 0)
		return FC_EXIT_USAGE;
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_store *s = NULL;
	int rc = fc_cli_store_open("history", db, true, &d, &s);
	if (rc) {
		fc_diag_release(&d);
		return rc;
	}
	struct hist h = {.json = f == 1};
	fc_buf_init(&h.b, 0);
	fc_json_init(&h.j, &h.b, true);
	char id[33];
	enum fc_status st = fc_store_resolve(s, idarg, id);
	if (st) {
		rc = st == FC_ENOTFOUND ? FC_EXIT_INPUT : FC_EXIT_USAGE;
		goto out;
	}
	if (h.json) {
		fc_json_obj(&h.j);
		fc_json_kstr(&h.j, "finding", id);
		fc_json_key(&h.j, "events");
		fc_json_arr(&h.j);
	} else
		fc_buf_addf(&h.b, "finding %s\n", id);
	if (fc_store_history(s, id, ev_cb, &h)) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	if (h.json) {
		fc_json_arr_end(&h.j);
		fc_json_key(&h.j, "sightings");
		fc_json_arr(&h.j);
	} else
		fc_buf_adds(&h.b, "seen in runs:\n");
	if (fc_store_sightings(s, id, sight_cb, &h)) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	if (h.json) {
		fc_json_arr_end(&h.j);
		fc_json_obj_end(&h.j);
		fc_buf_addc(&h.b, '\n');
	}
	if (fc_buf_err(&h.b) || !fc_cli_write(&h.b, NULL))
		rc = FC_EXIT_INPUT;
out:
	fc_buf_release(&h.b);
	fc_store_close(s);
	fc_diag_release(&d);
	return rc;
}
