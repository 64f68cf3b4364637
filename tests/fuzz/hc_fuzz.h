/* Shared body of the host-config parser harnesses: the input goes through
 * fc_text_from_mem (BOM, UTF-16, binary refusal) and then the parser, into
 * a fresh arena and diagnostics sink each time. */
#ifndef FC_HC_FUZZ_H
#define FC_HC_FUZZ_H
#include <stdint.h>
#include <string.h>
#include "core/arena.h"
#include "core/diag.h"
#include "core/reader.h"
#include "parse/hostcfg.h"

#define HC_FUZZ(body)                                                                   \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                    \
	{                                                                               \
		struct fc_arena A;                                                      \
		struct fc_diag D;                                                       \
		struct fc_text T;                                                       \
		fc_arena_init(&A);                                                      \
		fc_diag_init(&D);                                                       \
		if (fc_text_from_mem(data, size, "fuzz", &T, &D) == FC_OK) {            \
			const char *text = T.p;                                         \
			size_t n = T.n;                                                 \
			struct fc_arena *a = &A;                                        \
			struct fc_diag *d = &D;                                         \
			body;                                                           \
			(void)text; (void)n; (void)a; (void)d;                          \
			fc_text_release(&T);                                            \
		}                                                                       \
		fc_diag_release(&D);                                                    \
		fc_arena_release(&A);                                                   \
		return 0;                                                               \
	}
#endif
