/* libFuzzer harness: the YAML tree (src/core/ytree.c) — aliases refused,
 * nesting capped. */
#include <stdint.h>
#include <stdlib.h>
#include "../../src/core/ytree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fc_arena a;
	struct fc_diag d;
	struct fc_ynode *root;
	fc_arena_init(&a);
	fc_diag_init(&d);
	if (fc_yaml_parse((const char *)data, size, "fuzz.yaml", &a, &root, &d) == FC_OK && root)
		(void)fc_ymap_str(root, "name");
	fc_arena_release(&a);
	fc_diag_release(&d);
	return 0;
}
