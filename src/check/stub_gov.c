/* Placeholder until the area lands. */
#include "../engine/check.h"

const struct fc_check_impl fc_checks_gov[] = {{NULL, 0, NULL}};
