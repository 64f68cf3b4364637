/* Allocation-failure torture (curl's habit, issue 11): every allocation made
 * while loading a small bundle and running the checks fails in turn; each
 * time the result is a clean FC_ENOMEM (or success when the failure hit a
 * path that degrades gracefully) — never a crash; leaks are caught by the
 * ASan build of this test. */
#include <stdlib.h>
#include "../../src/core/mem.h"
#include "../../src/engine/assess.h"
#include "t.h"

static const char *bundle = "tests/fixtures/foundation-unseen";

static int one(unsigned long fail_at, enum fc_status *st_out)
{
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_catalog *cat;
	if (fc_catalog_load(NULL, &cat, &d)) {
		fc_diag_release(&d);
		return -1;
	}
	struct fc_params p;
	if (fc_params_init(&p, cat)) {
		fc_catalog_free(cat);
		fc_diag_release(&d);
		return -1;
	}
	fc_mem_fail_at(fail_at);
	struct fc_bundle_opts bo = {.as_of = FC_NO_DATE, .threads = 1};
	struct fc_bundle *b = NULL;
	struct fc_run *r = NULL;
	enum fc_status st = fc_bundle_open(bundle, &bo, &d, &b);
	if (!st) {
		struct fc_run_opts ro = {.zh = true};
		st = fc_run_checks(b, cat, &p, &ro, &r);
	}
	unsigned long used = fc_mem_count();
	fc_mem_fail_at(0);
	*st_out = st;
	fc_run_free(r);
	fc_bundle_free(b);
	fc_params_release(&p);
	fc_catalog_free(cat);
	fc_diag_release(&d);
	return (int)(used > 0x7fffffff ? 0x7fffffff : used);
}

TEST(every_allocation_fails_in_turn)
{
	enum fc_status st;
	/* first count the allocations of a clean run */
	int total = one(0, &st);
	CHECK_INT(st, FC_OK);
	CHECK(total > 10);
	int ok = 0, enomem = 0, other = 0;
	int step = total > 4000 ? total / 4000 : 1; /* bounded time on big bundles */
	for (int n = 1; n <= total; n += step) {
		one((unsigned long)n, &st);
		if (st == FC_OK)
			ok++;
		else if (st == FC_ENOMEM)
			enomem++;
		else
			other++;
	}
	printf("    %d allocations; every %d-th failed: %d clean ENOMEM, %d degraded to success, %d other\n",
	       total, step, enomem, ok, other);
	CHECK(enomem > 0);
	CHECK_INT(other, 0);
}

int main(void)
{
	RUN(every_allocation_fails_in_turn);
	return t_done();
}
