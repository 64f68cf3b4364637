/* fincheck backup --db X --to Y — an online copy of the store (SQLite's
 * backup API): runs may keep recording meanwhile.  Seed 004 評估報告 四:
 * the records are kept five years, so they are backed up. */
#include <stdio.h>
#include <string.h>
#include "store_cli.h"

static const char usage_text[] =
	"usage: fincheck backup [--db PATH] --to FILE\n"
	"\n"
	"Copy the SQLite store into FILE while it stays in use (SQLite online backup),\n"
	"then verify the copy's audit chain.  FILE is written beside its final name and\n"
	"renamed when complete.  PostgreSQL stores are backed up with pg_dump.\n"
	"\n"
	"Exit status: 0 copied and verified, 1 usage error, 2 failure.\n";

int cmd_backup(int argc, char **argv)
{
	const char *db = NULL, *to = NULL;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return FC_EXIT_OK;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--db")))
			db = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--to")))
			to = v;
		else
			return fc_cli_usage_error("backup", "unknown or incomplete argument '%s'", argv[i]);
	}
	if (!to || !*to)
		return fc_cli_usage_error("backup", "missing --to FILE");
	if (fc_cli_is_pg(to))
		return fc_cli_usage_error("backup", "--to takes a file name");
	if (db && fc_cli_is_pg(db))
		return fc_cli_usage_error("backup", "a PostgreSQL store is backed up with pg_dump, not fincheck backup");
	if (!strcmp(to, db ? db : FC_STORE_DEFAULT))
		return fc_cli_usage_error("backup", "--to must differ from the store itself");
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_store *s = NULL, *copy = NULL;
	int rc = fc_cli_store_open("backup", db, false, &d, &s);
	if (rc)
		goto out;
	if (fc_store_backup(s, to)) {
		fprintf(stderr, "fincheck backup: %s\n", fc_db_errmsg(fc_store_db(s)));
		rc = FC_EXIT_INPUT;
		goto out;
	}
	/* a backup nobody checked is a hope, not a backup */
	struct fc_store_verify v;
	if (fc_store_open(to, &d, &copy) || fc_store_verify(copy, &v)) {
		fprintf(stderr, "fincheck backup: the copy %s cannot be read back\n", to);
		rc = FC_EXIT_INPUT;
		goto out;
	}
	if (!v.ok) {
		fprintf(stderr, "fincheck backup: the copy's audit chain is broken at entry %lld: %s\n",
			(long long)v.broken_seq, v.problem);
		rc = FC_EXIT_INPUT;
		goto out;
	}
	printf("backed up %s to %s: %lld audit entries, head %s\n", db ? db : FC_STORE_DEFAULT, to,
	       (long long)v.entries, v.head);
out:
	fc_store_close(copy);
	fc_store_close(s);
	fc_diag_release(&d);
	return rc;
}
