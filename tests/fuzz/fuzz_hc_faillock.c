/* libFuzzer harness: faillock.conf (src/parse/hc_faillock.c) */
#include "hc_fuzz.h"
HC_FUZZ({ struct fc_faillock_conf f; fc_faillock_parse(text, n, "faillock.conf", a, &f, d); })
