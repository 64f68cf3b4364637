/* libFuzzer harness: certificates, PEM chains or DER (src/parse/certs.c) */
#include <stdint.h>
#include <string.h>
#include "core/arena.h"
#include "core/diag.h"
#include "parse/certs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fc_arena a;
	struct fc_diag d;
	struct fc_cert_facts f;
	memset(&f, 0, sizeof f);
	fc_arena_init(&a);
	fc_diag_init(&d);
	fc_certs_parse(data, size, "certs/fuzz.pem", &a, &f, &d);
	fc_vec_release(&f.certs);
	fc_diag_release(&d);
	fc_arena_release(&a);
	return 0;
}
