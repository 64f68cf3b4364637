/* libFuzzer: the whole analyser and the alert rules over one file
 * (src/parse/log_analyze.c, log_alerts.c).  The first byte picks the file
 * kind; a small per-day cap exercises the overflow path.  Differential:
 * every input is analysed on one thread and on two (an sshd file then
 * goes through the reader, worker and applier threads), and the two must
 * agree on the events, the days and every alert with its evidence lines. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "core/date.h"
#include "parse/logs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	int fd = memfd_create("fuzzlog", 0);
	if (fd < 0)
		return 0;
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
		close(fd);
		return 0;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	struct fc_log_input in = {path, "fuzz.log", (enum fc_log_filekind)(data[0] % 3)};
	struct fc_log_thresholds t;
	fc_log_thresholds_default(&t);
	t.stuffing_accounts = 2;
	t.nonexistent_attempts = 2;
	t.brute_force_failures = 2;
	t.lockout_threshold = 1;
	t.retention_days_ssh = 30;
	struct fc_log_facts *f[2] = {NULL, NULL};
	struct fc_arena a[2];
	struct fc_log_alert *al[2] = {NULL, NULL};
	size_t n[2] = {0, 0};
	enum fc_status st[2];
	for (int k = 0; k < 2; k++) {
		struct fc_log_opts o = {.as_of = fc_days_from_civil(2026, 11, 1), .threads = k + 1, .max_day_keys = 64};
		struct fc_diag d;
		fc_diag_init(&d);
		fc_arena_init(&a[k]);
		st[k] = fc_log_analyze(&in, 1, &o, &d, &f[k]);
		if (st[k] == FC_OK)
			st[k] = fc_log_alerts(f[k], &t, &a[k], &al[k], &n[k]);
		fc_diag_release(&d);
	}
	if (st[0] != st[1])
		abort();
	if (st[0] == FC_OK) {
		if (f[0]->events != f[1]->events || f[0]->ndays != f[1]->ndays || f[0]->lines != f[1]->lines ||
		    n[0] != n[1])
			abort();
		for (size_t i = 0; i < n[0]; i++) {
			const struct fc_log_alert *x = &al[0][i], *y = &al[1][i];
			if (x->kind != y->kind || x->count != y->count || x->nev != y->nev)
				abort();
			for (size_t e = 0; e < x->nev; e++)
				if (x->ev[e].line != y->ev[e].line)
					abort();
		}
	}
	for (int k = 0; k < 2; k++) {
		fc_arena_release(&a[k]);
		fc_log_facts_free(f[k]);
	}
	close(fd);
	return 0;
}
