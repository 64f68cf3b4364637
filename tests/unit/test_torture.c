/* Allocation-failure torture (curl's habit, issue 11): every allocation made
 * while loading a small bundle with one file of every evidence format
 * (tests/fixtures/torture/: org, zones, the inventories, HR, account CSVs
 * and an AD dump, passwd/shadow/group/lastlog, iptables, ASA, FortiGate and
 * CSV rule sets, a Linux and a Windows host's configuration, PEM and DER
 * certificates, Nessus, OpenVAS, Nmap and Trivy scans, sshd logs plain and
 * gzip, login CSV and JSON lines, data files, governance records), running
 * every check and writing the JSON output fails in turn: allocation n and
 * every one after it return NULL.  Each time the result must be a clean
 * FC_ENOMEM — or success, where the failure hit a path that degrades
 * gracefully (a diagnostic dropped, a cache not built) — never a crash,
 * never another status; leaks are caught by the ASan build of this test.
 * One thread, so that the allocations come in the same order every run;
 * a second test does it on two threads (the log analyser's reader, worker
 * and applier, the Nessus workers), where the order varies: every failure
 * must still end clean, and nothing may hang. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../../src/core/buf.h"
#include "../../src/core/mem.h"
#include "../../src/engine/assess.h"
#include "../../src/report/output.h"
#include "t.h"

static const char *bundle = "tests/fixtures/torture";

struct fixed {
	struct fc_catalog *cat;
};

/* One run; fail_at 0 = no failure.  Returns the allocations made. */
static unsigned long one(struct fixed *fx, unsigned long fail_at, enum fc_status *st_out, size_t *findings,
			 int threads)
{
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_params p;
	enum fc_status st = fc_params_init(&p, fx->cat);
	if (st) {
		*st_out = st;
		fc_diag_release(&d);
		return 0;
	}
	fc_mem_fail_at(fail_at);
	struct fc_bundle_opts bo = {.as_of = FC_NO_DATE, .threads = threads};
	struct fc_bundle *b = NULL;
	struct fc_run *r = NULL;
	struct fc_buf out;
	fc_buf_init(&out, 0);
	st = fc_bundle_open(bundle, &bo, &d, &b);
	if (!st && b->has_org && b->org.parameters) {
		enum fc_status pst = fc_params_apply_yaml(&p, b->org.parameters, "org.yaml", &d);
		if (pst == FC_ENOMEM)
			st = pst;
	}
	if (!st) {
		struct fc_run_opts ro = {.zh = true};
		st = fc_run_checks(b, fx->cat, &p, &ro, &r);
	}
	if (!st) {
		struct fc_out_opts oo = {0};
		fc_out_json(&out, r, &d, &oo);
		if (fc_buf_err(&out))
			st = fc_buf_err(&out) == FC_ENOMEM ? FC_ENOMEM : fc_buf_err(&out);
	}
	unsigned long used = fc_mem_count();
	fc_mem_fail_at(0);
	*st_out = st;
	if (findings)
		*findings = r ? r->nfindings : 0;
	fc_buf_release(&out);
	fc_run_free(r);
	fc_bundle_free(b);
	fc_params_release(&p);
	fc_diag_release(&d);
	return used;
}

/* Load the catalog and make a clean run: its allocation count, 0 if it
 * failed (reported). */
static unsigned long clean_run(struct fixed *fx, size_t *findings, int threads)
{
	struct fc_diag d;
	fc_diag_init(&d);
	CHECK_INT(fc_catalog_load(NULL, &fx->cat, &d), FC_OK);
	fc_diag_release(&d);
	if (!fx->cat)
		return 0;
	enum fc_status st;
	unsigned long total = one(fx, 0, &st, findings, threads);
	CHECK_INT(st, FC_OK);
	if (st) {
		fc_catalog_free(fx->cat);
		return 0;
	}
	return total;
}

/* How the runs with allocation n failing ended: a clean ENOMEM, success
 * (the failure was absorbed), or anything else (printed, five at most). */
struct tally {
	unsigned long ok, enomem, other, runs;
};

static void tally(struct tally *t, unsigned long n, enum fc_status st)
{
	t->runs++;
	if (st == FC_OK)
		t->ok++;
	else if (st == FC_ENOMEM)
		t->enomem++;
	else if (++t->other <= 5)
		printf("    allocation %lu failing: status %d (%s)\n", n, (int)st, fc_status_str(st));
}

TEST(every_allocation_fails_in_turn)
{
	struct fixed fx = {0};
	enum fc_status st;
	size_t clean_findings = 0;
	/* first count the allocations of a clean run */
	unsigned long total = clean_run(&fx, &clean_findings, 1);
	if (!total)
		return;
	CHECK(total > 1000);
	CHECK(clean_findings > 50); /* the fixture's deficiencies were found */
	/* Every allocation when the run is small enough (the ASan build must
	 * stay near a minute); otherwise every k-th, plus the first 2,000 and
	 * the last 500 one by one. */
	unsigned long budget = 6000, step = total > budget ? total / budget : 1;
	struct tally t = {0};
	time_t t0 = time(NULL);
	for (unsigned long n = 1; n <= total; n += (n < 2000 || n + 500 > total) ? 1 : step) {
		size_t nf = 0;
		one(&fx, n, &st, &nf, 1);
		tally(&t, n, st);
	}
	printf("    %lu allocations in a clean run; %lu runs (every %lu-th beyond the first 2,000): "
	       "%lu clean ENOMEM, %lu degraded to success, %lu other; %ld s\n",
	       total, t.runs, step, t.enomem, t.ok, t.other, (long)(time(NULL) - t0));
	CHECK(t.enomem > t.runs / 2);
	CHECK_INT(t.other, 0);
	/* and after all that, a clean run is still what it was */
	size_t again = 0;
	CHECK_INT(one(&fx, 0, &st, &again, 1), total);
	CHECK_INT(st, FC_OK);
	CHECK_INT(again, clean_findings);
	fc_catalog_free(fx.cat);
}

TEST(allocations_fail_on_two_threads)
{
	struct fixed fx = {0};
	enum fc_status st;
	size_t clean_findings = 0;
	unsigned long total = clean_run(&fx, &clean_findings, 2);
	if (!total)
		return;
	/* allocation n is a different one from run to run: about 600 runs
	 * spread over the whole count */
	unsigned long step = total > 600 ? total / 600 : 1;
	struct tally t = {0};
	for (unsigned long n = 1; n <= total; n += step) {
		one(&fx, n, &st, NULL, 2);
		tally(&t, n, st);
	}
	printf("    two threads: %lu allocations in a clean run; %lu runs: %lu clean ENOMEM, %lu degraded to success, "
	       "%lu other\n",
	       total, t.runs, t.enomem, t.ok, t.other);
	CHECK(t.enomem > t.runs / 2);
	CHECK_INT(t.other, 0);
	size_t again = 0;
	one(&fx, 0, &st, &again, 2);
	CHECK_INT(st, FC_OK);
	CHECK_INT(again, clean_findings);
	fc_catalog_free(fx.cat);
}

int main(void)
{
	RUN(every_allocation_fails_in_turn);
	RUN(allocations_fail_on_two_threads);
	return t_done();
}
