/* libFuzzer harness for the asa firewall parser (src/parse/fw_asa.c). */
#include "fw_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fw_fuzz_one(data, size, "fw.asa", FC_FW_ASA);
}
