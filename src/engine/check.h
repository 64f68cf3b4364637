/*
 * The check interface.  A check is code (a function over facts) plus
 * metadata kept as data in catalog/checks/ (YAML): titles, severity, control
 * ids, parameters, risk and remediation texts.  The engine joins the two by
 * id at load time; a check without metadata, metadata without a check, or a
 * parameter read that the metadata does not declare is a bug caught by tests.
 *
 * A check reports through its context:
 *   - fc_emit() for each deficiency found        -> status fail
 *   - fc_manual() when a person must judge / a record type is missing
 *   - fc_not_applicable() when the control does not apply to this org
 *   - nothing                                    -> status pass
 * Checks never print, never exit and never read files.
 */
#ifndef FC_CHECK_H
#define FC_CHECK_H
#include <stdbool.h>
#include "facts.h"

enum fc_severity { FC_SEV_CRITICAL, FC_SEV_HIGH, FC_SEV_MEDIUM, FC_SEV_LOW, FC_SEV_INFO, FC_SEV__COUNT };
const char *fc_severity_name(enum fc_severity s);
int fc_severity_parse(const char *s); /* -1 if unknown */

struct fc_ctx;
struct fc_finding;

struct fc_check_impl {
	const char *id;		/* e.g. "net.db_in_dmz" */
	unsigned needs;		/* FC_EVBIT()s of evidence that must be present */
	void (*run)(struct fc_ctx *c);
};

const struct fc_bundle *fc_ctx_bundle(const struct fc_ctx *c);
int32_t fc_ctx_asof(const struct fc_ctx *c);
const char *fc_ctx_check_id(const struct fc_ctx *c);
/* zh-TW ("zh") or English ("en") for detail texts */
bool fc_ctx_zh(const struct fc_ctx *c);

/* Record a deficiency about an object ("host", "account", "rule", "system",
 * "file", "org", "vulnerability", "ip", …).  ev may be NULL only when no file
 * holds the evidence (then the finding cites the check's evidence kind).
 * detail is a short, specific sentence: what was seen.  Returns the finding
 * so that more evidence, a severity change or an identity key can be added;
 * NULL on allocation failure (the run reports it). */
struct fc_finding *fc_emit(struct fc_ctx *c, const char *object_type, const char *object,
			   const struct fc_ref *ev, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The same with an identity key (preferred over fc_finding_key). */
struct fc_finding *fc_emit_key(struct fc_ctx *c, const char *object_type, const char *object,
			       const char *key, const struct fc_ref *ev, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* The identity of the finding beyond its object (default: none).  Use what
 * names the deficiency independently of line numbers: a rule's normalized
 * text, a CVE, a file path.  The id is a hash of check + object + key. */
void fc_finding_key(struct fc_finding *f, const char *key);
/* What identifies the object for the id when the displayed object holds
 * something unstable (e.g. "fw-core outside_in #12": the rule's position
 * changes when a rule is inserted above it; the identity is the list). */
void fc_finding_identity(struct fc_finding *f, const char *ident);
void fc_finding_evidence(struct fc_ctx *c, struct fc_finding *f, const struct fc_ref *ev);
void fc_finding_severity(struct fc_finding *f, enum fc_severity s);
/* The remediation clock starts here instead of the as-of date. */
void fc_finding_due_from(struct fc_finding *f, int32_t day);
/* Fixed due date (e.g. a regulatory deadline already passed). */
void fc_finding_due(struct fc_finding *f, int32_t day);
void fc_finding_system(struct fc_finding *f, const char *system_id);

void fc_manual(struct fc_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fc_not_applicable(struct fc_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fc_check_error(struct fc_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A note kept with a pass (e.g. "48 hosts checked"). */
void fc_note(struct fc_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parameters (declared in the check's metadata; reading an undeclared one
 * aborts in debug builds and returns 0 otherwise). */
double fc_param(struct fc_ctx *c, const char *name);
/* A map parameter's entry, e.g. ("vuln_fix_days", "high");
 * returns def when the key is absent. */
double fc_param_key(struct fc_ctx *c, const char *name, const char *key, double def);
/* A list parameter (strings). */
size_t fc_param_list(struct fc_ctx *c, const char *name, const char *const **items);
bool fc_param_list_has(struct fc_ctx *c, const char *name, const char *value);
/* Days to fix for a severity (the vuln_fix_days map), -1 for none. */
int fc_fix_days(struct fc_ctx *c, enum fc_severity s);

/* Tables of checks, one per area (src/check/<area>.c), NULL-id terminated. */
extern const struct fc_check_impl fc_checks_net[];	/* segmentation (issue 2) */
extern const struct fc_check_impl fc_checks_prog[];	/* program & staffing (issue 2/8) */
extern const struct fc_check_impl fc_checks_fw[];	/* firewall rules (issue 3) */
extern const struct fc_check_impl fc_checks_host[];	/* hosts/accounts/certs/endpoints (issue 4) */
extern const struct fc_check_impl fc_checks_vuln[];	/* vulnerability mgmt (issue 5) */
extern const struct fc_check_impl fc_checks_log[];	/* auth logs (issue 6) */
extern const struct fc_check_impl fc_checks_pii[];	/* personal data & secrets (issue 7) */
extern const struct fc_check_impl fc_checks_gov[];	/* governance records (issue 8) */

#endif
