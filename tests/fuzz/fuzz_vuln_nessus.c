/* libFuzzer harness: the nessus scan parser and the vulnerability model,
 * differential: every input is parsed serially and on three threads with
 * tiny reader chunks (many blocks, hosts split across chunks); the models
 * and diagnostics must be identical, else abort().
 * Build: see tests/fuzz/run.sh (clang -fsanitize=fuzzer,address,undefined,
 *   linked with build/fuzz/libfincheck.a). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/mem.h"
#include "engine/loader.h"
#include "parse/vuln.h"

static char *run(const char *buf, size_t n, int threads, size_t chunk)
{
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_bundle b;
	memset(&b, 0, sizeof(b));
	fc_arena_init(&b.arena);
	b.diag = &d;
	b.as_of = fc_days_from_civil(2026, 11, 1);
	b.threads = threads;
	/* one inventory host, so matching runs too */
	struct fc_host *h = fc_vec_push(&b.hosts);
	if (h) {
		h->hostname = "web01";
		h->ips = fc_arena_alloc(&b.arena, sizeof(struct fc_ip));
		if (h->ips && fc_ip_parse("10.0.0.5", 8, h->ips))
			h->nips = 1;
	}
	fc_vuln_nessus_chunk(chunk);
	enum fc_status st = fc_vuln_load_mem(&b, "scans/fuzz", buf, n);
	fc_vuln_nessus_chunk(0);
	fc_vuln_finish(&b);
	struct fc_buf o;
	fc_buf_init(&o, 0);
	fc_buf_addf(&o, "status %d\n", st);
	fc_vuln_dump(b.vuln, &o);
	for (size_t i = 0; i < d.n; i++)
		fc_buf_addf(&o, "%ld:%ld: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
	fc_vuln_release(&b);
	fc_vec_release(&b.hosts);
	fc_arena_release(&b.arena);
	fc_diag_release(&d);
	return fc_buf_detach(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char prefix[] = "<?xml version=\"1.0\"?><NessusClientData_v2>";
	/* force the format: the input follows a fixed root so the parser
	 * (not the sniffer) sees most of the mutations */
	char *buf = fc_malloc(sizeof prefix + size);
	if (!buf)
		return 0;
	memcpy(buf, prefix, sizeof prefix - 1);
	memcpy(buf + sizeof prefix - 1, data, size);
	size_t n = sizeof prefix - 1 + size;
	/* the reader's chunk: 64 bytes to 4 KiB, from the input */
	uint32_t hsh = 2166136261u;
	for (size_t i = 0; i < size && i < 64; i++)
		hsh = (hsh ^ data[i]) * 16777619u;
	size_t chunk = 64 + (hsh ^ (uint32_t)size) % 4032;
	char *ser = run(buf, n, 1, 0);
	char *par = run(buf, n, 3, chunk);
	if (ser && par && strcmp(ser, par)) {
		fprintf(stderr, "serial:\n%s\nparallel (chunk %zu):\n%s\n", ser, chunk, par);
		abort();
	}
	fc_free(ser);
	fc_free(par);
	fc_free(buf);
	return 0;
}
