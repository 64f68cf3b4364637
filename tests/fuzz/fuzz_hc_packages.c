/* libFuzzer harness: package lists (src/parse/hc_packages.c) */
#include "hc_fuzz.h"
HC_FUZZ({ struct fc_packages p; if (fc_packages_parse(text, n, "packages.txt", a, &p, d) != FC_ENOMEM) (void)fc_packages_find(&p, "telnetd"); })
