/*
 * Normalized facts: what parsers produce and checks read.  A parser never
 * judges and a check never parses; this header is the contract between them.
 *
 * Ownership: every string and array here lives in the bundle's arena
 * (fc_bundle.arena) and is released with the bundle.  Tri-state booleans
 * use FC_UNKNOWN (-1) for "empty / not stated".
 */
#ifndef FC_FACTS_H
#define FC_FACTS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/date.h"
#include "../core/diag.h"
#include "../core/ip.h"
#include "../core/vec.h"
#include "../core/ytree.h"

#define FC_UNKNOWN (-1)

/* Where a fact came from: bundle-relative file, 1-based line, a short
 * excerpt of the source text. */
struct fc_ref {
	const char *file;
	long line;
	const char *excerpt;
};

/* Kinds of evidence, for "evidence missing" (manual) and "file malformed"
 * (error) statuses of the checks that need them. */
enum fc_evkind {
	FC_EV_ORG,
	FC_EV_SYSTEMS,
	FC_EV_HOSTS,
	FC_EV_DEVICES,
	FC_EV_ENDPOINTS,
	FC_EV_ZONES,
	FC_EV_FIREWALL,
	FC_EV_ACCOUNTS,
	FC_EV_HR,
	FC_EV_HOSTCFG,
	FC_EV_SCANS,
	FC_EV_LOGS_SSH,
	FC_EV_LOGS_LOGIN,
	FC_EV_DATA,
	FC_EV_CERTS,
	FC_EV_RECORDS,
	FC_EV__COUNT
};
const char *fc_evkind_name(enum fc_evkind k);	/* "inventory/hosts.csv", … */
#define FC_EVBIT(k) (1u << (k))

enum fc_industry { FC_IND_UNKNOWN, FC_IND_SECURITIES, FC_IND_FUTURES, FC_IND_BANK, FC_IND_INSURANCE, FC_IND_LISTED };

struct fc_org {
	const char *name;
	enum fc_industry industry;
	const char *industry_str;
	double paid_in_capital_twd;	/* < 0 unknown */
	int internet_order;		/* tri-state */
	double etrading_share;		/* < 0 unknown */
	int32_t as_of;			/* FC_NO_DATE if absent */
	int ciso, dedicated_unit;	/* tri-state */
	int head, staff;		/* -1 unknown */
	/* derived (seed 001 capital bands): 1 = ≥200億, 2 = 100–200億,
	 * 3 = 40–100億, 4 = <40億; 0 unknown / not securities */
	int tier;
	const char *tier_label;
	struct fc_ref ref;		/* org.yaml line 1 */
	struct fc_ref ref_security_org;	/* the security_org: line */
	const struct fc_ynode *parameters; /* the parameters: mapping, or NULL */
};

enum fc_zone_kind { FC_ZK_UNKNOWN, FC_ZK_INTERNET, FC_ZK_DMZ, FC_ZK_PRODUCTION, FC_ZK_TEST,
		    FC_ZK_OFFICE, FC_ZK_MANAGEMENT, FC_ZK_PARTNER };
const char *fc_zone_kind_name(enum fc_zone_kind k);

struct fc_zone {
	const char *name;
	struct fc_iprange range;
	enum fc_zone_kind kind;
	const char *business;
	struct fc_ref ref;
};

struct fc_system {
	const char *id, *name, *owner;
	int category;			/* 1..3, 0 unknown */
	int core, internet_facing;	/* tri-state */
	int32_t last_assessed, last_full_assessment, last_major_incident; /* FC_NO_DATE */
	const char *assessed_items;	/* raw ;-list */
	struct fc_ref ref;
};

enum fc_env { FC_ENV_UNKNOWN, FC_ENV_PRODUCTION, FC_ENV_TEST, FC_ENV_UAT, FC_ENV_DEVELOPMENT, FC_ENV_DR };
const char *fc_env_name(enum fc_env e);

struct fc_host {
	const char *hostname;
	struct fc_ip *ips;
	size_t nips;
	const char *ip_text;
	const char *zone;		/* as declared */
	enum fc_env env;
	const char *env_str;
	const char *role;		/* lowercased */
	const char *system_id;
	const char *os, *os_version;
	int internet_facing, eos, eos_plan, av, monitored; /* tri-state */
	int32_t av_signature_date, last_patch_date;
	struct fc_ref ref;
};

struct fc_device {
	const char *device_id, *system_id, *type, *os, *patch_level, *app_version;
	int32_t last_assessed;
	struct fc_ref ref;
};

struct fc_endpoint {
	const char *device_id, *owner, *type;
	int os_updated, av_updated, apps_updated, config_compliant;
	int disk_encrypted, usb_controlled, wireless_controlled;
	struct fc_ref ref;
};

struct fc_employee {
	const char *employee_id, *name, *status, *department;
	int32_t termination_date;
	struct fc_ref ref;
};

enum fc_acct_type { FC_ACCT_USER, FC_ACCT_SERVICE, FC_ACCT_VENDOR, FC_ACCT_TEMP, FC_ACCT_UNKNOWN };

struct fc_account {
	const char *source;		/* file stem: system_id or hostname */
	const char *account;
	int enabled, privileged, shared, mfa, default_password; /* tri-state */
	const char *employee_id;
	int32_t last_login, password_last_set, created, expires;
	bool never_logged_in;		/* last_login explicitly empty/never */
	enum fc_acct_type type;
	const char *type_str;
	/* from passwd/shadow */
	int uid;			/* -1 unknown */
	int empty_password;		/* tri-state */
	int locked;			/* tri-state: shadow '!' or '*' */
	int shadow_max_days;		/* -1 unknown */
	const char *shell;
	struct fc_ref ref;
	/* added for issue 4 (src/parse/accounts.c) */
	int password_never_expires;	/* tri-state: AD PasswordNeverExpires, shadow max 99999/empty */
	const char *display_name;	/* DisplayName / passwd GECOS, or NULL */
	const char *description;	/* AD Description, or NULL */
	const char *priv_groups;	/* privileged groups it is in ("Domain Admins;sudo"), or NULL */
	bool system_account;		/* passwd uid below UID_MIN (not a person's login) */
};

/* A governance record from records/…yaml files: a type and its fields. */
struct fc_record {
	const char *type;
	const struct fc_ynode *node;	/* the mapping */
	struct fc_ref ref;
};
/* Field helpers (NULL / FC_NO_DATE / -1 when absent). */
const char *fc_record_str(const struct fc_record *r, const char *field);
int32_t fc_record_date(const struct fc_record *r, const char *field);
bool fc_record_ts(const struct fc_record *r, const char *field, int64_t *ts);
int fc_record_bool(const struct fc_record *r, const char *field);
bool fc_record_num(const struct fc_record *r, const char *field, double *out);
/* list field: a YAML sequence, or a single scalar as one item */
size_t fc_record_list(const struct fc_record *r, const char *field, const char **out, size_t max);
long fc_record_line(const struct fc_record *r, const char *field);

/* Area facts are defined by their areas (src/parse/<area>*.h) and hang off
 * the bundle through these opaque pointers. */
struct fc_fw_facts;
struct fc_hostcfg_facts;
struct fc_vuln_facts;
struct fc_log_facts;
struct fc_pii_facts;
struct fc_cert_facts;

struct fc_bundle {
	char *root;			/* filesystem path */
	struct fc_arena arena;
	struct fc_diag *diag;		/* not owned */
	int32_t as_of;			/* effective evaluation date */
	bool has_org;
	struct fc_org org;
	FC_VEC(struct fc_zone) zones;
	FC_VEC(struct fc_system) systems;
	FC_VEC(struct fc_host) hosts;
	FC_VEC(struct fc_device) devices;
	FC_VEC(struct fc_endpoint) endpoints;
	FC_VEC(struct fc_employee) employees;
	FC_VEC(struct fc_account) accounts;
	FC_VEC(struct fc_record) records;
	FC_VEC(const char *) unrecognized;
	FC_VEC(const char *) files;	/* every file read (for the digest) */
	unsigned present[FC_EV__COUNT];	/* files of each kind read */
	unsigned errors[FC_EV__COUNT];	/* files of each kind with errors */
	struct fc_fw_facts *fw;
	struct fc_hostcfg_facts *hostcfg;
	struct fc_vuln_facts *vuln;
	struct fc_log_facts *logs;
	struct fc_pii_facts *pii;
	struct fc_cert_facts *certs;
	/* progress callback (phase, done, total) — may be NULL */
	void (*progress)(const char *phase, uint64_t done, uint64_t total, void *ud);
	void *progress_ud;
	int threads;			/* worker threads for streaming areas */
	struct fc_bundle_ix *ix;	/* lookup indexes, built lazily (bundle.c) */
};

/* Lookups (linear or indexed; NULL if none). */
const struct fc_zone *fc_zone_of_ip(const struct fc_bundle *b, const struct fc_ip *ip);
const struct fc_zone *fc_zone_by_name(const struct fc_bundle *b, const char *name);
const struct fc_system *fc_system_by_id(const struct fc_bundle *b, const char *id);
const struct fc_host *fc_host_by_name(const struct fc_bundle *b, const char *name);
const struct fc_host *fc_host_by_ip(const struct fc_bundle *b, const struct fc_ip *ip);
const struct fc_employee *fc_employee_by_id(const struct fc_bundle *b, const char *id);
/* Records of a type, in file order: iterate with i from 0 */
const struct fc_record *fc_record_next(const struct fc_bundle *b, const char *type, size_t *i);
/* The newest record of a type by a date field (NULL if none) */
const struct fc_record *fc_record_latest(const struct fc_bundle *b, const char *type, const char *datefield);

/* Mark evidence of a kind as read / as malformed (parsers call these). */
void fc_bundle_saw(struct fc_bundle *b, enum fc_evkind k, const char *rel);
void fc_bundle_bad(struct fc_bundle *b, enum fc_evkind k, const char *rel);
/* An excerpt for evidence: the line trimmed to at most 160 bytes, copied
 * into the arena (cut on a UTF-8 boundary). */
const char *fc_excerpt(struct fc_bundle *b, const char *line, size_t n);

#endif
