/* libFuzzer harness: rsyslog (src/parse/hc_rsyslog.c) */
#include "hc_fuzz.h"
HC_FUZZ({ struct fc_rsyslog r = {0}; fc_rsyslog_parse(text, n, "rsyslog.conf", a, &r, d); for (size_t i = 0; i < r.nfwd; i++) fc_rsyslog_selector_has(r.fwd[i].selector, "authpriv"); })
