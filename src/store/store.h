/* The findings store (issue 9).  fc_store_record_run() records a run and
 * updates finding lifecycles; see docs/store.md. */
#ifndef FC_STORE_H
#define FC_STORE_H
#include "../core/diag.h"
#include "../core/status.h"
#include "../engine/run.h"

/* Record a run (bundle digest, as-of, tool version, effective parameters) and
 * update findings: new → open, seen again → stays, not seen on a covered
 * object → fixed, fixed and seen → reopened.  `by` names who ran it. */
enum fc_status fc_store_record_run(const char *db, const struct fc_run *r, const char *digest, const char *by,
				   struct fc_diag *d);

#endif
