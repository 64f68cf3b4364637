/* libFuzzer harness: os-release (src/parse/hc_osrelease.c) and the EOS table */
#include "hc_fuzz.h"
#include "parse/eos.h"
HC_FUZZ({ struct fc_osrelease o; if (fc_osrelease_parse(text, n, "os-release", a, &o, d) == FC_OK && o.id) (void)fc_eos_lookup(o.id, o.version_id); })
