/*
 * Shared body of the scan parsers' libFuzzer harnesses: the input follows a
 * fixed root element so the parser (not the format sniffer) sees most of
 * the mutations; one inventory host so matching runs too.
 */
#ifndef FC_VULN_FUZZ_H
#define FC_VULN_FUZZ_H
#include <stdint.h>
#include <string.h>
#include "core/mem.h"
#include "engine/bundle.h"
#include "engine/loader.h"
#include "parse/vuln.h"

static int vuln_fuzz_one(const uint8_t *data, size_t size, const char *prefix)
{
	size_t np = strlen(prefix);
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_bundle b;
	memset(&b, 0, sizeof(b));
	fc_arena_init(&b.arena);
	b.diag = &d;
	b.as_of = fc_days_from_civil(2026, 11, 1);
	struct fc_host *h = fc_vec_push(&b.hosts);
	if (h) {
		h->hostname = "web01";
		h->ips = fc_arena_alloc(&b.arena, sizeof(struct fc_ip));
		if (h->ips && fc_ip_parse("10.0.0.5", 8, h->ips))
			h->nips = 1;
	}
	char *buf = fc_malloc(np + size + 1);
	if (buf) {
		memcpy(buf, prefix, np);
		memcpy(buf + np, data, size);
		fc_vuln_load_mem(&b, "scans/fuzz", buf, np + size);
		fc_vuln_finish(&b);
		fc_free(buf);
	}
	fc_vuln_release(&b);
	fc_vec_release(&b.hosts);
	fc_bundle_drop_indexes(&b);
	fc_arena_release(&b.arena);
	fc_diag_release(&d);
	return 0;
}

#endif
