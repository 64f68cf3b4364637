/* libFuzzer harness: the nessus scan parser and the vulnerability model.
 * Build: see tests/fuzz/run.sh (clang -fsanitize=fuzzer,address,undefined,
 *   linked with build/fuzz/libfincheck.a). */
#include <stdint.h>
#include <string.h>
#include "core/mem.h"
#include "engine/loader.h"
#include "parse/vuln.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char prefix[] = "<?xml version=\"1.0\"?><NessusClientData_v2>";
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_bundle b;
	memset(&b, 0, sizeof(b));
	fc_arena_init(&b.arena);
	b.diag = &d;
	b.as_of = fc_days_from_civil(2026, 11, 1);
	/* one inventory host, so matching runs too */
	struct fc_host *h = fc_vec_push(&b.hosts);
	if (h) {
		h->hostname = "web01";
		h->ips = fc_arena_alloc(&b.arena, sizeof(struct fc_ip));
		if (h->ips && fc_ip_parse("10.0.0.5", 8, h->ips))
			h->nips = 1;
	}
	/* force the format: the input follows a fixed root so the parser
	 * (not the sniffer) sees most of the mutations */
	char *buf = fc_malloc(sizeof prefix + size);
	if (buf) {
		memcpy(buf, prefix, sizeof prefix - 1);
		memcpy(buf + sizeof prefix - 1, data, size);
		fc_vuln_load_mem(&b, "scans/fuzz", buf, sizeof prefix - 1 + size);
		fc_vuln_finish(&b);
		fc_free(buf);
	}
	fc_vuln_release(&b);
	fc_vec_release(&b.hosts);
	fc_arena_release(&b.arena);
	fc_diag_release(&d);
	return 0;
}
