/* libFuzzer harness: pwquality.conf (src/parse/hc_pwquality.c) */
#include "hc_fuzz.h"
HC_FUZZ({ struct fc_pwquality q; fc_pwquality_init(&q); fc_pwquality_parse(text, n, "pwquality.conf", a, &q, d); })
