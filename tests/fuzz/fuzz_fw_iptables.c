/* libFuzzer harness for the iptables firewall parser (src/parse/fw_iptables.c). */
#include "fw_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fw_fuzz_one(data, size, "fw.rules", FC_FW_IPTABLES);
}
