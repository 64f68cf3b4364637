/*
 * Shared by the subcommands (src/cli/cmd_<name>.c): option parsing helpers,
 * output formats, diagnostics to stderr.  The CLI owns stdout, stderr and
 * exit codes; the library never touches them.
 *
 * Exit codes (spec/output.md): 0 evaluated, 1 usage, 2 unreadable or
 * malformed input (output still lists what was evaluated), 3 --fail-on hit.
 */
#ifndef FC_CLI_H
#define FC_CLI_H
#include <stdbool.h>
#include <stdio.h>
#include "../core/buf.h"
#include "../core/diag.h"

enum { FC_EXIT_OK = 0, FC_EXIT_USAGE = 1, FC_EXIT_INPUT = 2, FC_EXIT_FAILON = 3 };

struct fc_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

/* Every subcommand: argv[0] is the subcommand name. */
int cmd_assess(int argc, char **argv);
int cmd_catalog(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_vulns(int argc, char **argv);
int cmd_logscan(int argc, char **argv);
int cmd_pii(int argc, char **argv);
int cmd_firewall(int argc, char **argv);
int cmd_findings(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_purge(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_supervise(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_incident(int argc, char **argv);

/* Print diagnostics as "file:line:col: error: msg" to stderr. */
void fc_cli_diag_cb(const struct fc_diag_msg *m, void *ud);
void fc_cli_diag_init(struct fc_diag *d); /* init + live echo to stderr */
/* Heap settings for a whole bundle read on worker threads (assess): one
 * malloc arena, a fixed mmap threshold.  Not used by vulns and logscan,
 * whose benchmarks were measured with glibc's defaults. */
void fc_cli_tune_malloc(void);
/* Write a buffer to stdout (or a file); false on I/O error (reported). */
/* Long reports: once the buffer passes 1 MiB, write it to stdout and empty
 * it, so memory does not grow with the report (errors are kept in b). */
void fc_cli_drain(struct fc_buf *b);
bool fc_cli_write(const struct fc_buf *b, const char *path);
/* "--opt=value" or "--opt value": returns the value or NULL, advancing *i. */
const char *fc_cli_optarg(int argc, char **argv, int *i, const char *opt);
/* Print "fincheck NAME: msg" + hint to stderr; returns FC_EXIT_USAGE. */
int fc_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Output format names: returns index into names[] or -1 (reported). */
int fc_cli_format(const char *cmd, const char *val, const char *const *names);
/* --lang: 1 for zh-TW (also zh, zh_TW), 0 for en, -1 after printing a
 * usage error. */
int fc_cli_lang(const char *cmd, const char *val);
/* True if stdout is a terminal. */
bool fc_cli_tty(void);

#endif

/* Progress on stderr ("parse 42% ETA 0:31"): enabled when stderr is a
 * terminal, or forced by --progress; --quiet disables it. */
struct fc_cli_progress {
	bool on;
	double start_ms;
	const char *phase;
	double phase_start;
	int last_pct;
};
void fc_cli_progress_cb(const char *phase, unsigned long long done, unsigned long long total, void *ud);
void fc_cli_progress_done(struct fc_cli_progress *p);
double fc_cli_now_ms(void);
