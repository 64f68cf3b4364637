/* libFuzzer harness: the accounts loader (src/parse/accounts.c) on one
 * input used as an account CSV and as a passwd copy (with itself as the
 * shadow, group and lastlog files), and the HR roster loader (hr.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/arena.h"
#include "core/diag.h"
#include "core/mem.h"
#include "engine/loader.h"

static char dir[64];
static const char *const files[] = {"x.csv", "h.passwd", "h.shadow", "h.group", "h.lastlog", "e.csv"};

static void cleanup(void)
{
	char p[128];
	for (size_t i = 0; i < 6; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, files[i]);
		unlink(p);
	}
	rmdir(dir);
}

static void put(const char *name, const uint8_t *data, size_t size)
{
	char p[128];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	if (!f)
		return;
	fwrite(data, 1, size, f);
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/fc_fuzz_acct_%ld", (long)getpid());
		mkdir(dir, 0700);
		atexit(cleanup);
	}
	for (size_t i = 0; i < 6; i++)
		put(files[i], data, size);
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_bundle *b = fc_calloc(1, sizeof(*b));
	if (!b)
		return 0;
	fc_arena_init(&b->arena);
	b->diag = &d;
	b->as_of = 20758;
	char p[128];
	snprintf(p, sizeof p, "%s/x.csv", dir);
	fc_loader_accounts.load(b, p, "accounts/x.csv");
	snprintf(p, sizeof p, "%s/h.passwd", dir);
	fc_loader_accounts.load(b, p, "accounts/h.passwd");
	snprintf(p, sizeof p, "%s/e.csv", dir);
	fc_loader_hr.load(b, p, "hr/employees.csv");
	if (fc_loader_accounts.finish)
		fc_loader_accounts.finish(b);
	fc_vec_release(&b->accounts);
	fc_vec_release(&b->employees);
	fc_vec_release(&b->files);
	fc_arena_release(&b->arena);
	fc_free(b);
	fc_diag_release(&d);
	return 0;
}
