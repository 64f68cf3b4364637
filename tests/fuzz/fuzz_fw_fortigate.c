/* libFuzzer harness for the fortigate firewall parser (src/parse/fw_fortigate.c). */
#include "fw_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fw_fuzz_one(data, size, "fw.fgt", FC_FW_FORTIGATE);
}
