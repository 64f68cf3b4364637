/* Placeholder loader for certs/ until its area lands: claims nothing, so
 * the files are listed as unrecognized evidence (never silently skipped). */
#include "../engine/loader.h"

static bool claims(const char *rel)
{
	(void)rel;
	return false;
}

const struct fc_loader fc_loader_certs = {"certs", FC_EV_CERTS, 50, claims, NULL, NULL, NULL};
