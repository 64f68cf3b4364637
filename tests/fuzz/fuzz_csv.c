/* libFuzzer harness: the CSV reader (src/core/csv.c). */
#include <stdint.h>
#include <stdlib.h>
#include "../../src/core/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fc_arena a;
	struct fc_diag d;
	struct fc_csv t;
	fc_arena_init(&a);
	fc_diag_init(&d);
	fc_csv_parse((const char *)data, size, "fuzz.csv", &a, &t, &d);
	static const char *const names[] = {"hostname", "ip", NULL};
	int c = fc_csv_col(&t, names);
	for (size_t i = 0; i < t.nrows; i++)
		(void)fc_csv_get(&t.rows[i], c);
	fc_arena_release(&a);
	fc_diag_release(&d);
	return 0;
}
