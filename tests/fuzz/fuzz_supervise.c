/*
 * libFuzzer harness: `fincheck supervise import` of a results file
 * (src/web/supervise.c).  Results come from other firms and other tools'
 * versions, so the JSON is hostile: wrong types, huge numbers, deep
 * nesting, duplicate keys, invalid UTF-8.  Each input is imported into one
 * in-memory store, then status, trend and the publication are computed:
 * nothing may crash, leak or store a half import.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/core/buf.h"
#include "../../src/web/supervise.h"
#include "../../src/web/webdb.h"

static struct fc_store *store;
static struct fc_diag diag;
static unsigned long runs;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a fresh database now and then, so that it does not grow forever */
	if (store && ++runs % 500 == 0) {
		fc_store_close(store);
		store = NULL;
	}
	if (!store) {
		fc_diag_release(&diag);
		fc_diag_init(&diag);
		fc_web_set_now(1793500000);
		if (fc_webdb_open(":memory:", &diag, &store))
			abort();
	}
	struct fc_db *db = fc_store_db(store);
	struct fc_sv_import_info info;
	fc_sv_import_mem(db, (const char *)data, size, "fuzz.json", NULL, "fuzzer", NULL, &info, &diag);
	struct fc_sv_params p;
	fc_sv_params_init(&p, NULL);
	struct fc_sv_status st;
	if (!fc_sv_status(db, &p, NULL, &st)) {
		struct fc_buf b;
		fc_buf_init(&b, 0);
		fc_sv_status_json(&b, &st);
		fc_sv_status_text(&b, &st, true);
		fc_sv_status_csv(&b, &st);
		fc_buf_release(&b);
		fc_sv_status_release(&st);
	}
	struct fc_sv_trend tr;
	if (!fc_sv_trend(db, &p, NULL, &tr)) {
		struct fc_buf b;
		fc_buf_init(&b, 0);
		fc_sv_trend_json(&b, &tr);
		fc_sv_trend_csv(&b, &tr);
		fc_buf_release(&b);
		fc_sv_trend_release(&tr);
	}
	struct fc_buf b;
	fc_buf_init(&b, 0);
	fc_sv_publication_csv(db, 2026, NULL, &b);
	fc_buf_release(&b);
	/* keep the diagnostics from piling up across inputs */
	if (diag.n > 1000) {
		fc_diag_release(&diag);
		fc_diag_init(&diag);
	}
	return 0;
}
