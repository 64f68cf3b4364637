/* libFuzzer harness: logrotate (src/parse/hc_logrotate.c) */
#include "hc_fuzz.h"
HC_FUZZ({ struct fc_logrotate lr; fc_logrotate_init(&lr); fc_logrotate_parse(text, n, "logrotate.conf", 1, a, &lr, d); fc_logrotate_days(&lr, "/var/log/auth.log", NULL); fc_logrotate_days(&lr, "/var/log/secure", NULL); })
