/* libFuzzer harness: secedit /export (src/parse/hc_secedit.c), UTF-16LE or UTF-8 */
#include "hc_fuzz.h"
HC_FUZZ({ struct fc_secedit s; if (fc_secedit_parse(text, n, "secedit.inf", a, &s, d) != FC_ENOMEM) { int64_t v; fc_secedit_reg_int(&s, "Lsa\\NoLMHash", &v, NULL); (void)fc_secedit_get(&s, "System Access", "LockoutBadCount"); struct fc_hostcfg h; memset(&h, 0, sizeof h); h.secedit = &s; struct fc_pwpolicy p; fc_hostcfg_policy(&h, &p); } })
