/*
 * The dashboard's own tables and its link to the findings store's audit
 * chain.  Three schema modules live beside the store's (src/store/db.h):
 *   "web"       users and sessions of the dashboard (auth.c)
 *   "incident"  the incident reporting tracker (incident.c)
 *   "supervise" firms' imported results for the supervisor (supervise.c)
 * fc_webdb_open() registers them (and the store's) and opens the database,
 * so every command that touches these tables sees the same schema.
 */
#ifndef FC_WEBDB_H
#define FC_WEBDB_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/diag.h"
#include "../core/status.h"
#include "../store/db.h"
#include "../store/store.h"

extern const struct fc_db_module fc_webdb_module_web, fc_webdb_module_incident, fc_webdb_module_supervise;

/* Register the three modules (idempotent) and open the store at url (its
 * own schema and ours migrated).  fc_store_db() gives the connection. */
enum fc_status fc_webdb_open(const char *url, struct fc_diag *d, struct fc_store **out);

/* Append one entry to the store's tamper-evident audit chain (issue 9).
 * Call inside the write transaction that makes the change, so that the
 * change and its audit entry commit together.  details_json may be NULL. */
enum fc_status fc_web_audit(struct fc_db *db, const char *actor, const char *action, const char *object,
			    const char *details_json);

/* Seconds since the epoch (UTC); tests and demos pin it with
 * fc_web_set_now() (the CLI takes FINCHECK_NOW, as the store's commands do). */
int64_t fc_web_now(void);
void fc_web_set_now(int64_t t); /* 0 = the real clock */

#endif
