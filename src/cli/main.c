/* fincheck — the command table.  Each subcommand lives in cmd_<name>.c; one
 * that is not linked into this build is simply absent from the table. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

#pragma weak cmd_assess
#pragma weak cmd_catalog
#pragma weak cmd_plan
#pragma weak cmd_vulns
#pragma weak cmd_logscan
#pragma weak cmd_pii
#pragma weak cmd_firewall
#pragma weak cmd_findings
#pragma weak cmd_history
#pragma weak cmd_verify
#pragma weak cmd_backup
#pragma weak cmd_purge
#pragma weak cmd_serve
#pragma weak cmd_supervise
#pragma weak cmd_user
#pragma weak cmd_incident

static const struct fc_cmd commands[] = {
	{"assess", cmd_assess, "evaluate an evidence bundle; write results, findings and the report"},
	{"catalog", cmd_catalog, "list the controls per framework and the checks that cover them"},
	{"plan", cmd_plan, "the assessment program: cycles, due dates, fleet sampling"},
	{"vulns", cmd_vulns, "normalized vulnerabilities with status and due dates"},
	{"logscan", cmd_logscan, "daily authentication-log monitoring report"},
	{"pii", cmd_pii, "find personal data and secrets in files"},
	{"firewall", cmd_firewall, "normalized firewall rule table with analysis"},
	{"findings", cmd_findings, "list and manage findings in the store"},
	{"history", cmd_history, "the history of one finding"},
	{"verify", cmd_verify, "check the store's tamper-evident audit chain"},
	{"backup", cmd_backup, "online backup of the store"},
	{"purge", cmd_purge, "remove records older than the retention period"},
	{"serve", cmd_serve, "web dashboard"},
	{"supervise", cmd_supervise, "supervisor's multi-firm views"},
	{"user", cmd_user, "manage dashboard users"},
	{"incident", cmd_incident, "incident reporting tracker"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: fincheck COMMAND [ARGS]   (fincheck COMMAND --help for each)\n\n"
		   "Information-security inspection toolkit for Taiwan's financial institutions.\n\n"
		   "Commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (commands[i].fn)
			fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nExit status: 0 evaluated, 1 usage error, 2 unreadable or malformed input,\n"
		   "3 --fail-on threshold reached.  Documentation: docs/cli.md\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return FC_EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
		printf("fincheck %s\n", FC_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (commands[i].fn && !strcmp(commands[i].name, cmd))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "fincheck: '%s' is not a command. See 'fincheck --help'.\n", cmd);
	return FC_EXIT_USAGE;
}
