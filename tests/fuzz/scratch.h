/* A scratch evidence bundle for the harnesses that run whole bundles
 * (fuzz_bundle.c, fuzz_governance.c): a directory under /tmp made once
 * per process, files written into it for each input, and the whole tree
 * removed at exit. */
#ifndef FC_FUZZ_SCRATCH_H
#define FC_FUZZ_SCRATCH_H
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../src/engine/assess.h"

static char scratch[64];

static int scratch_rm(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void scratch_cleanup(void)
{
	nftw(scratch, scratch_rm, 8, FTW_DEPTH | FTW_PHYS);
}

/* Make the directory and its NULL-terminated subdirectories, once. */
static void scratch_init(const char *const *dirs)
{
	if (scratch[0])
		return;
	snprintf(scratch, sizeof scratch, "/tmp/fc-fuzz-XXXXXX");
	if (!mkdtemp(scratch))
		abort();
	atexit(scratch_cleanup);
	char p[128];
	for (size_t i = 0; dirs[i]; i++) {
		snprintf(p, sizeof p, "%s/%s", scratch, dirs[i]);
		mkdir(p, 0755);
	}
}

static void scratch_put(const char *rel, const void *p, size_t n)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", scratch, rel);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (n && fwrite(p, 1, n, f) != n)
		abort();
	fclose(f);
}

static void scratch_unlink(const char *rel)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", scratch, rel);
	unlink(path);
}

/* Assess the scratch bundle as `fincheck assess` would (Chinese, one
 * thread): the assessment (fc_assess_free), or NULL when it did not open
 * or run; d collects the diagnostics. */
static struct fc_assess *scratch_assess(struct fc_diag *d)
{
	struct fc_assess_opts o = {.bundle = scratch, .as_of = FC_NO_DATE, .zh = true, .threads = 1};
	struct fc_assess *a = NULL;
	if (fc_assess_open(&o, d, &a) == FC_OK && fc_assess_run(a, &o) == FC_OK)
		return a;
	fc_assess_free(a);
	return NULL;
}

#endif
