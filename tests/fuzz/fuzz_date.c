/* libFuzzer harness: every date and timestamp form (src/core/date.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[128];
	size_t n = size < sizeof s - 1 ? size : sizeof s - 1;
	memcpy(s, data, n);
	s[n] = '\0';
	int32_t d;
	int64_t t;
	bool never;
	char out[26];
	if (fc_date_parse(s, &d))
		fc_date_fmt(d, out);
	if (fc_ts_parse(s, &t, &never))
		fc_ts_fmt(t, out);
	fc_syslog_ts(s, (int)n, 20000, &t);
	return 0;
}
