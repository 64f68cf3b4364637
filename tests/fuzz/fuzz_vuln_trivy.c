/* libFuzzer harness: the trivy scan parser and the vulnerability model. */
#include "vuln_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return vuln_fuzz_one(data, size, "");
}
