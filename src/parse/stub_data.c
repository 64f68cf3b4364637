/* Placeholder loader for data/ until its area lands: claims nothing, so
 * the files are listed as unrecognized evidence (never silently skipped). */
#include "../engine/loader.h"

static bool claims(const char *rel)
{
	(void)rel;
	return false;
}

const struct fc_loader fc_loader_data = {"data", FC_EV_DATA, 50, claims, NULL, NULL, NULL};
