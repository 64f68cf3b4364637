/* Registration of the dashboard's schema modules and the audit link
 * (webdb.h). */
#include "webdb.h"
#include <time.h>
#include "../core/mem.h"

enum fc_status fc_web_audit(struct fc_db *db, const char *actor, const char *action, const char *object,
			    const char *details_json)
{
	return fc_store_audit_append_at(db, fc_web_now(), actor && *actor ? actor : "fincheck", action,
					object && *object ? object : "-", details_json, NULL, NULL);
}

static int64_t pinned_now;

int64_t fc_web_now(void)
{
	if (pinned_now)
		return pinned_now;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

void fc_web_set_now(int64_t t)
{
	pinned_now = t;
}

enum fc_status fc_webdb_open(const char *url, struct fc_diag *d, struct fc_store **out)
{
	enum fc_status st;
	if ((st = fc_db_register_module(&fc_webdb_module_web)) ||
	    (st = fc_db_register_module(&fc_webdb_module_incident)) ||
	    (st = fc_db_register_module(&fc_webdb_module_supervise)))
		return st;
	enum fc_status st2 = fc_store_open(url, d, out);
	if (!st2 && pinned_now)
		fc_store_set_now(*out, pinned_now);
	return st2;
}
