/* libFuzzer harness: login.defs (src/parse/hc_logindefs.c) */
#include "hc_fuzz.h"
HC_FUZZ({ struct fc_logindefs l; fc_logindefs_parse(text, n, "login.defs", a, &l, d); })
