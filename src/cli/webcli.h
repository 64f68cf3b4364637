/* Helpers shared by the dashboard's subcommands (serve, user, supervise,
 * incident): opening the store with the dashboard's tables, the clock for
 * tests (FINCHECK_NOW), the catalog and parameters. */
#ifndef FC_WEBCLI_H
#define FC_WEBCLI_H
#include <stdlib.h>
#include <string.h>
#include "../core/date.h"
#include "../core/strutil.h"
#include "../engine/catalog.h"
#include "../web/webdb.h"
#include "cli.h"

/* The default store (spec/output.md: ./fincheck.db). */
#define FC_WEBCLI_DEFAULT_DB "fincheck.db"

/* A time from the command line or FINCHECK_NOW: epoch seconds, ISO 8601
 * (no zone = Asia/Taipei) or a date.  false if unreadable. */
static inline bool fc_webcli_time(const char *s, int64_t *out)
{
	int64_t v;
	bool never = false;
	if (!s || !*s)
		return false;
	if (fc_parse_i64(s, &v) && v > 0 && v < 100000000000LL && strlen(s) != 8) {
		*out = v;
		return true;
	}
	return fc_ts_parse(s, out, &never) && !never && *out > 0;
}

/* Pin the clock from FINCHECK_NOW (tests, demos). */
static inline bool fc_webcli_clock(const char *cmd)
{
	const char *now = getenv("FINCHECK_NOW");
	int64_t t;
	if (!now || !*now)
		return true;
	if (!fc_webcli_time(now, &t)) {
		fc_cli_usage_error(cmd, "FINCHECK_NOW: expected a time such as 2026-11-01T09:00:00+08:00");
		return false;
	}
	fc_web_set_now(t);
	return true;
}

static inline int fc_webcli_open(const char *cmd, const char *url, struct fc_diag *d, struct fc_store **out)
{
	if (!fc_webcli_clock(cmd))
		return FC_EXIT_USAGE;
	enum fc_status st = fc_webdb_open(url ? url : FC_WEBCLI_DEFAULT_DB, d, out);
	if (st) {
		fprintf(stderr, "fincheck %s: cannot open the store %s: %s\n", cmd, url ? url : FC_WEBCLI_DEFAULT_DB,
			fc_status_str(st));
		return FC_EXIT_INPUT;
	}
	return FC_EXIT_OK;
}

/* The catalog (embedded, or --catalog DIR) and parameters with "name=value" overrides. */
static inline int fc_webcli_params(const char *cmd, const char *catalog_dir, const char *const *args, size_t nargs,
				   struct fc_diag *d,
				   struct fc_catalog **cat, struct fc_params *p)
{
	*cat = NULL;
	memset(p, 0, sizeof *p);
	if (fc_catalog_load(catalog_dir, cat, d)) {
		fprintf(stderr, "fincheck %s: the control catalog is invalid\n", cmd);
		return FC_EXIT_INPUT;
	}
	if (fc_params_init(p, *cat)) {
		fc_catalog_free(*cat);
		*cat = NULL;
		return FC_EXIT_INPUT;
	}
	for (size_t i = 0; i < nargs; i++)
		if (fc_params_apply_arg(p, args[i], d)) {
			fc_params_release(p);
			fc_catalog_free(*cat);
			*cat = NULL;
			return FC_EXIT_USAGE;
		}
	return FC_EXIT_OK;
}

#endif
