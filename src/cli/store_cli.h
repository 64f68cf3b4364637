/*
 * Shared by the store's subcommands (findings, history, verify, backup,
 * purge): opening the store named by --db, the test clock, output helpers.
 * Header-only: src/cli/ links cmd_*.c files as objects and cli.c into the
 * library, so small static helpers live here.
 */
#ifndef FC_STORE_CLI_H
#define FC_STORE_CLI_H
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../core/buf.h"
#include "../core/date.h"
#include "../store/store.h"
#include "cli.h"

/* The store every command uses unless --db names another (spec/output.md). */
#define FC_STORE_DEFAULT "fincheck.db"

static inline bool fc_cli_is_pg(const char *db)
{
	return !strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11);
}

/* Open an existing store (never creates one: a typo in --db must not yield
 * an empty store that lists no findings).  FINCHECK_NOW (an ISO timestamp
 * or date) sets the clock for tests and demos when allow_clock is true. */
static inline int fc_cli_store_open(const char *cmd, const char *db, bool allow_clock, struct fc_diag *d,
				    struct fc_store **out)
{
	*out = NULL;
	if (!db || !*db)
		db = FC_STORE_DEFAULT;
	if (!fc_cli_is_pg(db) && access(db, F_OK) != 0) {
		fprintf(stderr, "fincheck %s: no store at %s (record a run first: fincheck assess BUNDLE --db %s)\n", cmd,
			db, db);
		return FC_EXIT_INPUT;
	}
	if (fc_store_open(db, d, out)) {
		fprintf(stderr, "fincheck %s: cannot open the store %s\n", cmd, db);
		return FC_EXIT_INPUT;
	}
	const char *now = allow_clock ? getenv("FINCHECK_NOW") : NULL;
	if (now && *now) {
		int64_t secs;
		bool never;
		if (!fc_ts_parse(now, &secs, &never) || never) {
			fprintf(stderr, "fincheck %s: FINCHECK_NOW takes a date or timestamp ('%s')\n", cmd, now);
			fc_store_close(*out);
			*out = NULL;
			return FC_EXIT_USAGE;
		}
		fc_store_set_now(*out, secs);
	}
	return FC_EXIT_OK;
}

/* A CSV field (RFC 4180), neutralizing spreadsheet formulas: a field that
 * starts with = + - @ TAB or CR gets a leading apostrophe (OWASP CSV
 * injection). */
static inline void fc_cli_csv_field(struct fc_buf *b, const char *s, bool last)
{
	if (!s)
		s = "";
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	bool formula = strchr("=+-@\t\r", s[0]) && s[0];
	if (quote || formula)
		fc_buf_addc(b, '"');
	if (formula)
		fc_buf_addc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fc_buf_addc(b, '"');
		fc_buf_addc(b, *p);
	}
	if (quote || formula)
		fc_buf_addc(b, '"');
	fc_buf_adds(b, last ? "\r\n" : ",");
}

static inline const char *fc_cli_date(int32_t d, char buf[11])
{
	fc_date_fmt(d, buf);
	return buf[0] ? buf : NULL;
}

#endif
