/*
 * Evidence loaders: one per area, each claiming files by their
 * bundle-relative path.  Adding a format is adding a loader (or a branch in
 * an area's loader) and a row in bundle.c's table.
 *
 * load() parses one file into facts in the bundle (its arena, or the area's
 * own struct hung off the bundle).  It reports malformed input to b->diag
 * with file:line and calls fc_bundle_bad(); it keeps what it could parse.
 * It returns FC_ENOMEM only for hard failures.  finish() runs once after all
 * files (joins, dedupe); release() frees the area's own memory.
 */
#ifndef FC_LOADER_H
#define FC_LOADER_H
#include <stdbool.h>
#include "../core/status.h"
#include "facts.h"

struct fc_loader {
	const char *name;
	enum fc_evkind kind;
	int order;			/* lower loads first (org 0, inventory 10, rest 50) */
	bool (*claims)(const char *rel);
	enum fc_status (*load)(struct fc_bundle *b, const char *path, const char *rel);
	enum fc_status (*finish)(struct fc_bundle *b);
	void (*release)(struct fc_bundle *b);
};

/* Foundation loaders (src/parse/inventory.c, org.c, records.c). */
extern const struct fc_loader fc_loader_org, fc_loader_systems, fc_loader_hosts,
	fc_loader_devices, fc_loader_endpoints, fc_loader_zones, fc_loader_records;
/* Area loaders. */
extern const struct fc_loader fc_loader_firewall;	/* firewall/ (issue 3) */
extern const struct fc_loader fc_loader_accounts;	/* accounts/ (issue 4) */
extern const struct fc_loader fc_loader_hr;		/* hr/employees.csv (issue 4) */
extern const struct fc_loader fc_loader_hostcfg;	/* hosts/<h>/ (issue 4) */
extern const struct fc_loader fc_loader_certs;		/* certs/ (issue 4) */
extern const struct fc_loader fc_loader_scans;		/* scans/ (issue 5) */
extern const struct fc_loader fc_loader_logs;		/* logs/ (issue 6) */
extern const struct fc_loader fc_loader_data;		/* data/ (issue 7) */

/* Path helpers for claims(): "dir/" prefix and extension tests. */
bool fc_path_under(const char *rel, const char *dir);
bool fc_path_ext(const char *rel, const char *ext); /* ".csv", case-insensitive, ignores a trailing .gz */
/* The file stem: "accounts/ETRADE.csv" -> "ETRADE" (arena copy). */
const char *fc_path_stem(struct fc_bundle *b, const char *rel);

#endif
