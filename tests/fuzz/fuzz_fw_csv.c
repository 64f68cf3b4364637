/* libFuzzer harness for the csv firewall parser (src/parse/fw_csv.c). */
#include "fw_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fw_fuzz_one(data, size, "rules.csv", FC_FW_CSV);
}
