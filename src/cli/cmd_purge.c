/* fincheck purge --db X --before DATE — remove records past the retention
 * period, never inside it (report_retention_days, 1825: seed 004 評估報告
 * 四 評估報告及改善紀錄至少保存五年). */
#include <stdio.h>
#include <string.h>
#include "store_cli.h"

static const char usage_text[] =
	"usage: fincheck purge [--db PATH] --before DATE --by USER [--dry-run]\n"
	"\n"
	"Remove runs recorded and evaluated before DATE, closed findings with no\n"
	"activity since, and the audit entries only they needed.  Refused when DATE is\n"
	"inside the retention period: today minus report_retention_days (1825 days,\n"
	"seed 004 評估報告 四; a longer value recorded with the last run applies).\n"
	"Findings still being worked on are never removed.  The purge itself is\n"
	"recorded in the audit chain, which stays verifiable.  The clock is the\n"
	"system's (FINCHECK_NOW is ignored here).\n"
	"\n"
	"Exit status: 0 purged (or counted with --dry-run), 1 usage error or refused,\n"
	"2 failure.\n";

/* seed 004 評估報告 四: never shorter than five years */
#define RETENTION_FLOOR_DAYS 1825

int cmd_purge(int argc, char **argv)
{
	const char *db = NULL, *before = NULL, *by = NULL;
	bool dry = false;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return FC_EXIT_OK;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--db")))
			db = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--before")))
			before = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--by")))
			by = v;
		else if (!strcmp(argv[i], "--dry-run"))
			dry = true;
		else
			return fc_cli_usage_error("purge", "unknown or incomplete argument '%s'", argv[i]);
	}
	int32_t day;
	if (!before || !fc_date_parse(before, &day))
		return fc_cli_usage_error("purge", "--before takes a date YYYY-MM-DD");
	if (!by || !*by)
		return fc_cli_usage_error("purge", "purge needs --by USER: every change names who made it");
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_store *s = NULL;
	int rc = fc_cli_store_open("purge", db, false, &d, &s);
	if (rc)
		goto out;
	int days = (int)fc_store_param(s, "report_retention_days", RETENTION_FLOOR_DAYS);
	if (days < RETENTION_FLOOR_DAYS)
		days = RETENTION_FLOOR_DAYS;
	struct fc_store_purge_summary sum;
	enum fc_status st = fc_store_purge(s, day, days, by, dry, &sum);
	if (st) {
		rc = st == FC_EUSAGE ? FC_EXIT_USAGE : FC_EXIT_INPUT;
		goto out;
	}
	printf("%s %lld runs, %lld closed findings, %lld audit entries recorded before %s (retention %d days)\n",
	       dry ? "would remove" : "removed", (long long)sum.runs, (long long)sum.findings, (long long)sum.entries,
	       before, days);
out:
	fc_store_close(s);
	fc_diag_release(&d);
	return rc;
}
