/* Placeholder loader for firewall/ until its area lands: claims nothing, so
 * the files are listed as unrecognized evidence (never silently skipped). */
#include "../engine/loader.h"

static bool claims(const char *rel)
{
	(void)rel;
	return false;
}

const struct fc_loader fc_loader_firewall = {"firewall", FC_EV_FIREWALL, 50, claims, NULL, NULL, NULL};
