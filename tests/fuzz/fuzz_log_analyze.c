/* libFuzzer: the whole analyser and the alert rules over one file
 * (src/parse/log_analyze.c, log_alerts.c).  The first byte picks the file
 * kind; a small per-day cap exercises the overflow path. */
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
	struct fc_log_opts o = {.as_of = fc_days_from_civil(2026, 11, 1), .threads = 1, .max_day_keys = 64};
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_log_facts *f = NULL;
	if (fc_log_analyze(&in, 1, &o, &d, &f) == FC_OK) {
		struct fc_log_thresholds t;
		fc_log_thresholds_default(&t);
		t.stuffing_accounts = 2;
		t.nonexistent_attempts = 2;
		t.brute_force_failures = 2;
		t.lockout_threshold = 1;
		t.retention_days_ssh = 30;
		struct fc_arena a;
		fc_arena_init(&a);
		struct fc_log_alert *al;
		size_t n;
		fc_log_alerts(f, &t, &a, &al, &n);
		fc_arena_release(&a);
		fc_log_facts_free(f);
	}
	fc_diag_release(&d);
	close(fd);
	return 0;
}
