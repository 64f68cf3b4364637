/* libFuzzer harness: the personal-data scanner (src/parse/pii_scan.c) and
 * the secrets line scanner it calls.  The first byte picks the format
 * (text, CSV, SQL), the chunk size (exercising long-line cuts and chunk
 * boundaries) and the portable or SIMD block scanner. */
#include <stdint.h>
#include <string.h>
#include "../../src/parse/pii.h"
#include "../../src/parse/secrets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char *const names[] = {"f.txt", "f.csv", "f.sql", "f.tsv", "f.json", "f.csv.gz", "f.log", "f.html"};
	static const size_t chunks[] = {0, 256, 300, 4096};
	uint8_t sel = data[0];
	struct fc_pii_opts o = {.no_simd = (sel & 0x10) != 0, .no_secrets = (sel & 0x20) != 0,
				.chunk = chunks[(sel >> 6) & 3]};
	struct fc_pii_result r;
	struct fc_diag d;
	fc_pii_result_init(&r);
	fc_diag_init(&d);
	fc_pii_scan_mem(data + 1, size - 1, names[sel & 7], &o, &r, &d);
	/* invariants: samples within caps and NUL-terminated */
	if (r.nsamples > sizeof r.samples / sizeof r.samples[0] || r.ncolumns > FC_PII_COLUMNS)
		__builtin_trap();
	for (size_t i = 0; i < r.nsamples; i++)
		if (strnlen(r.samples[i].value, FC_PII_NAME) == FC_PII_NAME ||
		    strnlen(r.samples[i].column, FC_PII_NAME) == FC_PII_NAME)
			__builtin_trap();
	fc_diag_release(&d);
	/* the line scanner directly, on the whole input as one line */
	struct fc_secret_hit h[4];
	size_t nh = fc_secret_scan_line((const char *)data + 1, size - 1, h, 4);
	for (size_t i = 0; i < nh; i++) {
		if (h[i].val_off + h[i].val_len > size - 1 || h[i].key_off + h[i].key_len > size - 1)
			__builtin_trap();
		char red[32];
		fc_secret_redact((const char *)data + 1 + h[i].val_off, h[i].val_len, red, sizeof red);
	}
	return 0;
}
