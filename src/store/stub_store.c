/* Placeholder until the store lands (issue 9): --db is refused clearly. */
#include "store.h"

enum fc_status fc_store_record_run(const char *db, const struct fc_run *r, const char *digest, const char *by,
				   struct fc_diag *d)
{
	(void)r;
	(void)digest;
	(void)by;
	fc_diag_error(d, db, 0, 0, "the findings store is not available in this build");
	return FC_EUSAGE;
}
