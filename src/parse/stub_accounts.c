/* Placeholder loader for accounts/ until its area lands: claims nothing, so
 * the files are listed as unrecognized evidence (never silently skipped). */
#include "../engine/loader.h"

static bool claims(const char *rel)
{
	(void)rel;
	return false;
}

const struct fc_loader fc_loader_accounts = {"accounts", FC_EV_ACCOUNTS, 50, claims, NULL, NULL, NULL};
