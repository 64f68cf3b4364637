/* libFuzzer harness: PAM files (src/parse/hc_pam.c) and the policy resolution */
#include "hc_fuzz.h"
HC_FUZZ({ struct fc_pam_facts f; fc_pam_init(&f); fc_pam_parse(text, n, "system-auth", a, &f, d); struct fc_hostcfg h; memset(&h, 0, sizeof h); h.pam = &f; struct fc_pwpolicy p; fc_hostcfg_policy(&h, &p); })
