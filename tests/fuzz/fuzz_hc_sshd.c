/* libFuzzer harness: sshd_config (src/parse/hc_sshd.c) */
#include "hc_fuzz.h"
HC_FUZZ({ struct fc_sshd_cfg c = {0}; fc_sshd_parse(text, n, "sshd_config", a, &c, d); for (size_t i = 0; i < c.nblocks; i++) (void)fc_sshd_get(&c, &c.blocks[i], FC_SSHD_PASSWORD_AUTH); })
