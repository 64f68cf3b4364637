/*
 * Host configuration facts: what the files collected from one host
 * (hosts/<hostname>/…, spec/evidence-bundle.md) say about its SSH daemon,
 * password and lockout policy, logging and installed software.  One parser
 * file per format (hc_<format>.c); hostcfg.c claims the files, runs the
 * parsers and hangs the result off the bundle as b->hostcfg.
 *
 * Parsers never judge: "PermitRootLogin yes" is recorded with its file and
 * line; whether that is a deficiency is for src/check/host*.c.
 *
 * Ownership: every string and array lives in the arena passed to the parser
 * (the bundle's arena when loaded through fc_loader_hostcfg).  Integer
 * settings use FC_HC_UNSET (INT64_MIN) for "not stated in the file".
 */
#ifndef FC_HOSTCFG_H
#define FC_HOSTCFG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/status.h"
#include "../core/strutil.h"
#include "../engine/facts.h"

#define FC_HC_UNSET INT64_MIN

/* ---- small shared helpers (hc_util.c) ---------------------------------- */

/* Line cursor over a text: lines exclude the newline and a trailing CR. */
struct fc_hc_lines {
	const char *p, *end;
	long lineno;
};
void fc_hc_lines_init(struct fc_hc_lines *c, const char *text, size_t n);
bool fc_hc_lines_next(struct fc_hc_lines *c, struct fc_span *line);
/* A reference into a file: excerpt is the trimmed line cut to 160 bytes on a
 * UTF-8 boundary, copied into the arena (NULL on allocation failure). */
struct fc_ref fc_hc_ref(struct fc_arena *a, const char *file, long line, struct fc_span text);
/* Split off the next whitespace-separated word of *s (advances *s). */
bool fc_hc_word(struct fc_span *s, struct fc_span *word);
/* A whole span as an integer, false on junk. */
bool fc_hc_int(struct fc_span s, int64_t *out);
/* Strip a '#' comment (not inside quotes) and trim. */
struct fc_span fc_hc_strip_comment(struct fc_span s);
/* Case-insensitive search of needle in s[0..n) (ASCII); NULL if absent. */
const char *fc_hc_memcasestr(const char *s, size_t n, const char *needle);
/* Case-insensitive compare of n bytes (ASCII), 0 when equal. */
int fc_hc_ncasecmp(const char *a, const char *b, size_t n);
/* Common refusal of binary input: reports "binary file" and returns true. */
bool fc_hc_refuse_binary(const char *text, size_t n, const char *name, struct fc_diag *d);

/* An integer setting and where it was stated. */
struct fc_hc_int {
	int64_t v;		/* FC_HC_UNSET when absent */
	struct fc_ref ref;
};
/* A text setting and where it was stated (v NULL when absent). */
struct fc_hc_str {
	const char *v;
	struct fc_ref ref;
};

/* ---- sshd_config (hc_sshd.c) ------------------------------------------- */

enum fc_sshd_kw {
	FC_SSHD_PERMIT_ROOT_LOGIN,
	FC_SSHD_PASSWORD_AUTH,
	FC_SSHD_PERMIT_EMPTY_PASSWORDS,
	FC_SSHD_KBD_INTERACTIVE,	/* also ChallengeResponseAuthentication */
	FC_SSHD_PUBKEY_AUTH,
	FC_SSHD_USE_PAM,
	FC_SSHD_CIPHERS,
	FC_SSHD_MACS,
	FC_SSHD_KEX,
	FC_SSHD_MAX_AUTH_TRIES,
	FC_SSHD_LOGIN_GRACE_TIME,
	FC_SSHD_X11_FORWARDING,
	FC_SSHD_PERMIT_USER_ENV,
	FC_SSHD_HOSTBASED_AUTH,
	FC_SSHD_IGNORE_RHOSTS,
	FC_SSHD_PROTOCOL,
	FC_SSHD_LOG_LEVEL,
	FC_SSHD_CLIENT_ALIVE_INTERVAL,
	FC_SSHD_ALLOW_USERS,
	FC_SSHD_ALLOW_GROUPS,
	FC_SSHD_DENY_USERS,
	FC_SSHD_DENY_GROUPS,
	FC_SSHD_BANNER,
	FC_SSHD_AUTH_METHODS,
	FC_SSHD__COUNT
};
const char *fc_sshd_kw_name(enum fc_sshd_kw k);	/* canonical spelling */

/* One section: the global one (match == NULL) or a Match block.  Each
 * keyword keeps its first value, as sshd does. */
struct fc_sshd_block {
	const char *match;		/* Match criteria text, NULL for global */
	struct fc_ref ref;		/* the Match line */
	struct fc_hc_str kw[FC_SSHD__COUNT];
};

struct fc_sshd_cfg {
	struct fc_sshd_block global;
	struct fc_sshd_block *blocks;	/* Match blocks in order */
	size_t nblocks, capblocks;
	unsigned includes;		/* Include files processed */
	unsigned unresolved_includes;	/* Include patterns that matched no collected file */
};

/* Resolves an Include pattern (as written, e.g. /etc/ssh/sshd_config.d/
 * *.conf) to collected files: calls back fc_sshd_parse_more() for each and
 * returns how many matched. */
struct fc_sshd_parser;
typedef size_t (*fc_sshd_include_fn)(struct fc_sshd_parser *p, const char *pattern, void *ud);

struct fc_sshd_parser {
	struct fc_sshd_cfg *cfg;
	struct fc_arena *a;
	struct fc_diag *d;
	fc_sshd_include_fn include;
	void *ud;
	int depth;
	struct fc_sshd_block *cur;
	enum fc_status st;
};

void fc_sshd_parser_init(struct fc_sshd_parser *p, struct fc_sshd_cfg *cfg, struct fc_arena *a,
			 struct fc_diag *d, fc_sshd_include_fn include, void *ud);
/* Parse one file's text (the top file, or an included one from the
 * resolver).  Malformed lines are reported; FC_EPARSE if any. */
enum fc_status fc_sshd_parse_more(struct fc_sshd_parser *p, const char *text, size_t n,
				  const char *name);
/* Convenience: a whole config without Include resolution. */
enum fc_status fc_sshd_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
			     struct fc_sshd_cfg *cfg, struct fc_diag *d);
/* The effective value of a keyword: a Match block's own value, else the
 * global one (either may be NULL-valued when unset). */
const struct fc_hc_str *fc_sshd_get(const struct fc_sshd_cfg *cfg, const struct fc_sshd_block *blk,
				    enum fc_sshd_kw k);

/* ---- login.defs (hc_logindefs.c) --------------------------------------- */

struct fc_logindefs {
	struct fc_hc_int pass_max_days, pass_min_days, pass_min_len, pass_warn_age;
	struct fc_hc_int uid_min, login_retries;
	struct fc_hc_str encrypt_method, umask;
};
enum fc_status fc_logindefs_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				  struct fc_logindefs *out, struct fc_diag *d);

/* ---- PAM stacks (hc_pam.c) --------------------------------------------- */

/* Options of the modules that decide password quality, history and lockout,
 * merged over the collected PAM files (common-password, system-auth, …):
 * the first occurrence of each module's option wins, as in a stack read top
 * down. */
struct fc_pam_facts {
	bool pwquality;			/* pam_pwquality or pam_cracklib in a password stack */
	struct fc_ref pwquality_ref;
	const char *pwquality_module;	/* "pam_pwquality" / "pam_cracklib" */
	struct fc_hc_int minlen, dcredit, ucredit, lcredit, ocredit, minclass, retry;
	struct fc_hc_int remember;	/* pam_pwhistory or pam_unix remember= */
	bool faillock;			/* pam_faillock or pam_tally2/pam_tally in an auth stack */
	struct fc_ref faillock_ref;
	const char *faillock_module;
	struct fc_hc_int deny, unlock_time, fail_interval;
	bool even_deny_root;
	struct fc_hc_int unix_minlen;	/* pam_unix minlen= */
	bool nullok;			/* pam_unix nullok: empty passwords accepted */
	struct fc_ref nullok_ref;
	struct fc_hc_str hash;		/* pam_unix md5/sha256/sha512/yescrypt/… */
	unsigned lines;			/* module lines seen */
	struct fc_ref password_ref;	/* first "password" module line (cited when a module is absent) */
	struct fc_ref auth_ref;		/* first "auth" module line */
};
void fc_pam_init(struct fc_pam_facts *f);
/* Parse one PAM file into f (merging with what earlier files gave). */
enum fc_status fc_pam_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
			    struct fc_pam_facts *f, struct fc_diag *d);

/* ---- pwquality.conf (hc_pwquality.c) ----------------------------------- */

struct fc_pwquality {
	struct fc_hc_int minlen, dcredit, ucredit, lcredit, ocredit, minclass, maxrepeat, dictcheck,
		retry, difok;
	bool enforce_for_root;
};
void fc_pwquality_init(struct fc_pwquality *o);
/* Merges into o: drop-ins (pwquality.conf.d) add to the main file. */
enum fc_status fc_pwquality_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				  struct fc_pwquality *out, struct fc_diag *d);

/* ---- faillock.conf (hc_faillock.c) ------------------------------------- */

struct fc_faillock_conf {
	struct fc_hc_int deny, unlock_time, fail_interval, root_unlock_time;
	bool even_deny_root, audit, silent;
	struct fc_ref even_deny_root_ref;
};
enum fc_status fc_faillock_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				 struct fc_faillock_conf *out, struct fc_diag *d);

/* ---- secedit /export (hc_secedit.c) ------------------------------------ */

struct fc_secedit_kv {
	const char *section, *key, *value;
	struct fc_ref ref;
};
struct fc_secedit {
	struct fc_secedit_kv *v;
	size_t n, cap;
	/* [System Access] */
	struct fc_hc_int min_pw_len, complexity, max_pw_age, min_pw_age, history, lockout_count,
		lockout_duration, reset_lockout, cleartext, guest_enabled, admin_enabled,
		anon_name_lookup;
	struct fc_hc_str new_admin_name, new_guest_name;
	/* [Event Audit]: 0 none, 1 success, 2 failure, 3 both */
	struct fc_hc_int audit_logon, audit_account_logon, audit_account_manage, audit_policy_change,
		audit_privilege_use, audit_system;
};
/* text is UTF-8 (fc_text_read converts UTF-16LE with BOM). */
enum fc_status fc_secedit_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				struct fc_secedit *out, struct fc_diag *d);
/* A value by section and key (case-insensitive), NULL if absent. */
const struct fc_secedit_kv *fc_secedit_get(const struct fc_secedit *s, const char *section,
					   const char *key);
/* [Registry Values] "MACHINE\…\Name=4,1": the value after the type, as an
 * integer; false when absent or not an integer. */
bool fc_secedit_reg_int(const struct fc_secedit *s, const char *key_suffix, int64_t *out,
			const struct fc_secedit_kv **kv);

/* ---- logrotate (hc_logrotate.c) ---------------------------------------- */

enum fc_rot_period { FC_ROT_UNSET, FC_ROT_HOURLY, FC_ROT_DAILY, FC_ROT_WEEKLY, FC_ROT_MONTHLY,
		     FC_ROT_YEARLY };

struct fc_rot_settings {
	enum fc_rot_period period;
	int64_t rotate;		/* FC_HC_UNSET */
	int64_t maxage;		/* days, FC_HC_UNSET */
	struct fc_ref ref;	/* the block's first line or the global directive */
};
struct fc_rot_block {
	const char **paths;	/* log path patterns of the block */
	size_t npaths;
	struct fc_rot_settings s;	/* block's own directives */
};
struct fc_logrotate {
	struct fc_rot_settings global;	/* directives outside blocks (logrotate.conf) */
	struct fc_rot_block *blocks;
	size_t n, cap;
};
void fc_logrotate_init(struct fc_logrotate *o);
/* Parse one file; global directives only count from logrotate.conf
 * (is_main); blocks from any file are added. */
enum fc_status fc_logrotate_parse(const char *text, size_t n, const char *name, bool is_main,
				  struct fc_arena *a, struct fc_logrotate *out, struct fc_diag *d);
/* Days a log path is kept on the host (rotate × period, or maxage), -1 when
 * no block names it; *ref the block that decided. */
int64_t fc_logrotate_days(const struct fc_logrotate *lr, const char *path, struct fc_ref *ref);

/* ---- rsyslog (hc_rsyslog.c) -------------------------------------------- */

struct fc_rsyslog_fwd {
	const char *selector, *target;	/* "auth,authpriv.*", "loghost:514" */
	bool tcp;
	struct fc_ref ref;
};
struct fc_rsyslog_file {
	const char *selector, *path;
	struct fc_ref ref;
};
struct fc_rsyslog {
	struct fc_rsyslog_fwd *fwd;
	size_t nfwd, capfwd;
	struct fc_rsyslog_file *files;
	size_t nfiles, capfiles;
};
enum fc_status fc_rsyslog_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				struct fc_rsyslog *out, struct fc_diag *d);
/* Does a selector cover a facility (e.g. "auth", "authpriv")? */
bool fc_rsyslog_selector_has(const char *selector, const char *facility);

/* ---- os-release (hc_osrelease.c) --------------------------------------- */

struct fc_osrelease {
	const char *id, *id_like, *name, *version_id, *pretty_name, *codename;
	struct fc_ref ref;
};
enum fc_status fc_osrelease_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				  struct fc_osrelease *out, struct fc_diag *d);

/* ---- installed packages (hc_packages.c) -------------------------------- */

struct fc_package {
	const char *name, *version;
	int32_t installed;	/* rpm -qa --last date, FC_NO_DATE otherwise */
	struct fc_ref ref;
};
enum fc_pkg_format { FC_PKG_UNKNOWN, FC_PKG_DPKG, FC_PKG_RPM };
struct fc_packages {
	enum fc_pkg_format format;
	struct fc_package *v;
	size_t n, cap;
	int32_t newest;		/* newest install date seen, FC_NO_DATE */
};
enum fc_status fc_packages_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				 struct fc_packages *out, struct fc_diag *d);
const struct fc_package *fc_packages_find(const struct fc_packages *p, const char *name);

/* ---- one host ---------------------------------------------------------- */

struct fc_hc_secret {
	const char *file;
	long line;
	const char *kind;	/* fc_secret_hit kind */
	const char *key;	/* the label, or "" */
	const char *redacted;	/* never the secret itself */
	const char *ident;	/* "file#kind#key" — stable identity for findings */
	const char *excerpt;	/* "key = p****(9)": the line's redacted form */
};

struct fc_hostcfg {
	const char *hostname;
	const char *dir;		/* "hosts/web01" */
	struct fc_sshd_cfg *sshd;
	const char *sshd_file;
	struct fc_logindefs *logindefs;
	struct fc_pam_facts *pam;
	struct fc_pwquality *pwquality;
	struct fc_faillock_conf *faillock;
	struct fc_secedit *secedit;
	struct fc_logrotate *logrotate;
	struct fc_rsyslog *rsyslog;
	struct fc_osrelease *osrel;
	struct fc_packages *packages;
	int32_t last_update;		/* newest update date from hotfixes/dpkg.log/rpm --last */
	struct fc_ref last_update_ref;
	FC_VEC(struct fc_hc_secret) secrets;
	FC_VEC(const char *) files;	/* bundle-relative paths read */
	unsigned errors;		/* malformed files */
};

struct fc_hostcfg_facts {
	FC_VEC(struct fc_hostcfg) hosts;
	size_t *by_name;		/* hosts sorted by name (case-insensitive), built by finish() */
};

const struct fc_hostcfg *fc_hostcfg_find(const struct fc_bundle *b, const char *hostname);

/* ---- effective password policy (normalized, not judged) ---------------- */

enum { FC_CLS_UPPER = 1, FC_CLS_LOWER = 2, FC_CLS_DIGIT = 4, FC_CLS_OTHER = 8 };

struct fc_pwpolicy {
	const char *platform;		/* "linux" or "windows" */
	int64_t min_length;		/* -1 unknown */
	struct fc_ref min_length_ref;
	unsigned classes;		/* FC_CLS_* bits each required */
	int64_t min_classes;		/* at least N of the 4 classes (minclass / Windows complexity) */
	struct fc_ref complexity_ref;
	int64_t max_age_days;		/* 0 = never expires, -1 unknown */
	struct fc_ref max_age_ref;
	int64_t lockout_threshold;	/* 0 = no lockout, -1 unknown */
	struct fc_ref lockout_ref;
	int64_t lockout_minutes;	/* -1 until an administrator unlocks, -2 unknown */
	struct fc_ref lockout_minutes_ref;
	int64_t history;		/* passwords remembered, 0 none, -1 unknown */
	struct fc_ref history_ref;
	bool empty_allowed;		/* pam_unix nullok */
	struct fc_ref empty_ref;
};
/* Resolve a host's policy from secedit (Windows) or PAM + pwquality.conf +
 * faillock.conf + login.defs (Linux), with each module's documented
 * defaults.  false when the host has no policy evidence at all. */
bool fc_hostcfg_policy(const struct fc_hostcfg *h, struct fc_pwpolicy *out);

/* A CSV table as PowerShell's Export-Csv writes it: like fc_table_open
 * (table.h), but a leading "#TYPE …" line is skipped with line numbers kept
 * (accounts.c). */
struct fc_table;
enum fc_status fc_ps_table_open(struct fc_table *t, struct fc_bundle *b, const char *path, const char *rel,
				enum fc_evkind kind);

#endif
