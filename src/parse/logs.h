/*
 * Authentication-log analytics (issue 6): sshd syslog and application
 * (e-trading) login events, aggregated per day, per source IP and per
 * account in one streaming pass with bounded memory.
 *
 * Seed 002 網路安全管理 14–16 and 撞庫事件後的資安強化措施 ask for a daily
 * review of login failures and attempts on non-customer accounts, alerts on
 * abnormal and unknown source IPs, a lock after three wrong passwords and a
 * notice to the customer.  The parsers (log_sshd.c, log_login.c) turn lines
 * into normalized events; the analyser (log_analyze.c) aggregates them into
 * the facts below; fc_log_alerts() applies the thresholds (parameters) and
 * yields the alerts that `fincheck logscan` prints and src/check/log.c turns
 * into findings.  A parser never judges: the facts carry counts, the
 * thresholds only enter in fc_log_alerts().
 *
 * Ownership: everything reachable from struct fc_log_facts lives in the
 * facts' own arena and is released with fc_log_facts_free().  Alerts live
 * in the arena the caller passes to fc_log_alerts().
 */
#ifndef FC_LOGS_H
#define FC_LOGS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/ip.h"
#include "../core/limits.h"
#include "../core/status.h"
#include "../engine/facts.h"

/* ---- limits: FC_LOG_MAX_ACCOUNTS, _ACCT_EVENTS, _LOGIN_PAIRS,
 * _PRIV_LOGINS, _KEPT are in src/core/limits.h with their reasons (see also
 * FC_MAX_DAY_KEYS); below are the analysis' tunables ---- */
/* A day table's floor: below these an IP can raise no alert whatever the
 * parameters (credential_stuffing's catalog minimum is this floor), so a
 * closed day keeps only the IPs at or above it plus the top lists.  Three
 * attempts: a botnet address that tries once or twice a day is counted in
 * the day's totals, not kept. */
#define FC_LOG_FLOOR 3
/* Top IPs / accounts per day in the daily report. */
#define FC_LOG_TOP 5
/* Evidence lines kept per aggregate. */
#define FC_LOG_SAMPLES 3
/* Days covered by the per-account login-day bitmaps that the new-source-IP
 * baseline uses (ending at the as-of date). */
#define FC_LOG_BASELINE_SPAN 128
/* Diagnostics per file for unreadable records before a summary line. */
#define FC_LOG_MAX_FILE_DIAGS 20

/* ---- normalized events (parsers -> analyser) ---- */

enum fc_log_kind {
	FC_LK_FAILURE,	/* a failed authentication attempt */
	FC_LK_SUCCESS,	/* a successful login */
	FC_LK_PROBE,	/* a non-existent account named, no password tried */
	FC_LK_LOCKED,	/* the account is (or was just) locked */
	FC_LK_INFO	/* other recognized activity: counts for coverage only */
};

enum {
	FC_LF_NONEXISTENT = 1,	/* the account does not exist (sshd "invalid user") */
	FC_LF_HAS_IP = 2,
	FC_LF_ROOT = 4,		/* uid 0 / root */
	FC_LF_COUNTED = 8,	/* its line was already counted as an event */
};

struct fc_log_event {
	int64_t ts;		/* seconds since the epoch, UTC */
	long line;		/* 1-based line in the file */
	unsigned count;		/* >1 for "message repeated N times" */
	enum fc_log_kind kind;
	unsigned flags;
	struct fc_ip ip;
	const char *account;	/* may be NULL; not NUL-terminated */
	size_t account_len;
	const char *source;	/* host (sshd) or channel (login); may be NULL */
	size_t source_len;
	const char *text;	/* the whole line */
	size_t text_len;
	uint64_t off;		/* the line's offset in the (uncompressed) file */
	const char *addr;	/* the source as written, when not an address */
	size_t addr_len;	/* (sshd with UseDNS logs host names) */
};

/* ---- sshd line classifier (log_sshd.c) ---- */

enum fc_ssh_msg {
	FC_SSH_NOT_SSHD,	/* not an sshd line (or no timestamp) */
	FC_SSH_OTHER,		/* sshd, not about authentication */
	FC_SSH_FAILED,		/* Failed <method> for [invalid user] U from IP */
	FC_SSH_ACCEPTED,	/* Accepted <method> for U from IP */
	FC_SSH_INVALID_USER,	/* Invalid user U from IP */
	FC_SSH_PAM_FAILURE,	/* pam_unix authentication failure (rhost=, user=) */
	FC_SSH_PAM_UNKNOWN,	/* pam_unix check pass; user unknown */
	FC_SSH_MAX_AUTH,	/* maximum authentication attempts exceeded / Too many */
	FC_SSH_CLOSED,		/* Connection closed / Disconnected / Received disconnect / reset */
	FC_SSH_BREAKIN,		/* POSSIBLE BREAK-IN ATTEMPT */
	FC_SSH_NO_IDENT,	/* Did not receive identification string */
	FC_SSH_DENIED,		/* User U from IP not allowed because ... */
	FC_SSH_LOCKED,		/* pam_faillock / pam_tally: account locked */
	FC_SSH_DUPLICATE,	/* restates an attempt logged on another line */
	FC_SSH_SCAN,		/* protocol garbage / negotiation failure from IP */
};
const char *fc_ssh_msg_name(enum fc_ssh_msg m);

struct fc_ssh_line {
	enum fc_ssh_msg msg;
	int64_t ts;
	long pid;		/* -1 if none */
	bool invalid_user;	/* the user does not exist */
	bool pam_tag;		/* old "sshd(pam_unix)[pid]" tag */
	unsigned repeat;	/* "message repeated N times": N, else 1 */
	const char *host, *user, *ip, *method;
	size_t host_len, user_len, ip_len, method_len;
};

/* Classify one line (no trailing newline).  asof_days settles the year of
 * RFC 3164 timestamps.  Never reads past n; false if not a usable line. */
bool fc_ssh_classify(const char *line, size_t n, int32_t asof_days, struct fc_ssh_line *out);

/* A stream of one file's sshd lines: joins lines of one connection (sshd
 * pid) so that each attempt is counted once, and falls back to pam_unix
 * lines for files where sshd's own "Failed" lines are absent. */
struct fc_ssh_stream;
typedef void (*fc_log_emit_fn)(void *ud, const struct fc_log_event *ev);
struct fc_ssh_stream *fc_ssh_stream_new(int32_t asof_days, fc_log_emit_fn emit, void *ud);
/* Returns true if the line was an sshd line (recognized or not).  off is
 * the line's offset in the file (for excerpts read when cited). */
bool fc_ssh_stream_line(struct fc_ssh_stream *s, const char *line, size_t n, long lineno, uint64_t off);
/* The same in two steps, which may run on two threads (log_analyze.c
 * reads and classifies a file on one, joins connections on another): a
 * lexer classifies a line (1: classified into *l; 0: not an sshd line;
 * -1: an sshd line whose timestamp cannot be read), then the stream is fed
 * the result.  l's strings point into line, which must live until fed.
 * One lexer reads one file's lines in order: after a Failed line it
 * leaves the user and ip of pam_unix failure lines unread (the stream only
 * reads them in files without Failed lines). */
struct fc_ssh_lexer;
struct fc_ssh_lexer *fc_ssh_lexer_new(int32_t asof_days);
void fc_ssh_lexer_free(struct fc_ssh_lexer *x);
int fc_ssh_lex(struct fc_ssh_lexer *x, const char *line, size_t n, struct fc_ssh_line *l);
bool fc_ssh_stream_feed(struct fc_ssh_stream *s, int r, const struct fc_ssh_line *l, const char *line, size_t n,
			long lineno, uint64_t off);
/* Emit what is pending (end of file). */
void fc_ssh_stream_finish(struct fc_ssh_stream *s);
/* Oldest day still pending inside the stream, FC_NO_DATE if none. */
int32_t fc_ssh_stream_pending_day(const struct fc_ssh_stream *s);
void fc_ssh_stream_free(struct fc_ssh_stream *s);
/* Counters for the file report. */
struct fc_ssh_stream_stats {
	uint64_t sshd_lines, recognized, timestamp_errors;
};
void fc_ssh_stream_stats(const struct fc_ssh_stream *s, struct fc_ssh_stream_stats *out);

/* ---- application login events (log_login.c) ---- */

enum fc_login_format { FC_LOGIN_CSV, FC_LOGIN_JSONL };

/* A login-event reader fed line by line (CSV header first, or one JSON
 * object per line).  Malformed records are reported to d with file:line
 * (at most FC_LOG_MAX_FILE_DIAGS, then a count) and skipped. */
struct fc_login_reader;
struct fc_login_reader *fc_login_reader_new(enum fc_login_format fmt, const char *name,
					    struct fc_diag *d, fc_log_emit_fn emit, void *ud);
/* false on a fatal problem (missing required columns): stop reading.
 * off: the line's offset in the file. */
bool fc_login_reader_line(struct fc_login_reader *r, const char *line, size_t n, long lineno, uint64_t off);
/* Records that could not be read (reported). */
uint64_t fc_login_reader_bad(const struct fc_login_reader *r);
uint64_t fc_login_reader_records(const struct fc_login_reader *r);
/* true if the file ended inside a quoted field (reported) */
bool fc_login_reader_finish(struct fc_login_reader *r, long lineno);
void fc_login_reader_free(struct fc_login_reader *r);
/* result / reason words per the spec and their common synonyms */
int fc_login_result(const char *s, size_t n);	/* 1 success, 0 failure, -1 unknown */
enum fc_login_reason { FC_LR_NONE, FC_LR_BAD_PASSWORD, FC_LR_NO_SUCH_ACCOUNT, FC_LR_LOCKED,
		       FC_LR_MFA_FAILED, FC_LR_OTHER };
enum fc_login_reason fc_login_reason(const char *s, size_t n);

/* ---- the analyser (log_analyze.c) ---- */

enum fc_log_filekind { FC_LOGF_SSH, FC_LOGF_LOGIN_CSV, FC_LOGF_LOGIN_JSONL };

/* A line cited as evidence.  Excerpts are not kept while streaming (a
 * million sample lines would cost a gigabyte): fc_log_alerts() reads the
 * lines it cites back from the files by offset. */
struct fc_log_ref {
	uint32_t file;		/* index into facts->files */
	uint32_t line;		/* 0 = none */
	uint64_t off;		/* byte offset of the line (uncompressed, after a BOM) */
	const char *excerpt;	/* NULL until read */
};

struct fc_log_file {
	const char *name;	/* bundle-relative path or command-line path */
	const char *path;	/* filesystem path (excerpts are read from it) */
	enum fc_log_filekind kind;
	uint64_t lines, bytes, events, sshd_lines, bad_records;
	bool error;		/* unreadable / malformed (reported) */
};

struct fc_log_ipday {
	const char *ip;
	uint32_t events, failures, successes, nonexistent, locked;
	uint32_t accounts;		/* distinct accounts failed or probed */
	uint32_t existing_accounts;	/* of those, accounts that exist */
	uint32_t ok_accounts;		/* distinct accounts with a success */
	uint32_t max_per_account;	/* most failures on one existing account */
	const char *max_account;
	int64_t first, last;
	struct fc_log_ref samples[FC_LOG_SAMPLES];	/* its earliest events */
	unsigned nsamples;
	struct fc_log_ref nx_samples[FC_LOG_SAMPLES];	/* on non-existent accounts */
	unsigned nnx_samples;
	struct fc_log_ref max_ref;	/* first failure on max_account */
};

struct fc_log_acctday {
	const char *account;
	bool nonexistent, privileged;
	uint32_t events, failures, successes, locked, ips;
	uint32_t max_run;		/* most consecutive failures with no lock or success */
	struct fc_log_ref run_first, run_last;
	uint32_t run_before_success;	/* longest failure run that a success ended */
	struct fc_log_ref success_ref;	/* that success */
	const char *success_ip;
	int64_t success_ts;
	int64_t first, last;
	bool truncated;			/* more than FC_LOG_MAX_ACCT_EVENTS */
};

struct fc_log_day {
	int32_t day;
	uint64_t events, failures, successes, nonexistent, locked;
	uint64_t distinct_ips, distinct_accounts;
	/* attacker floods: new keys refused at FC_MAX_DAY_KEYS (an upper
	 * bound of the distinct ones) and their events, counted in the
	 * totals but not attributed to an IP or account */
	uint64_t overflow_keys, overflow_events;
	uint64_t late_events;		/* arrived after the day was closed */
	struct fc_log_ipday *ips;	/* notable + top, by failures desc */
	size_t nips;
	struct fc_log_acctday *accts;	/* notable + top, by failures desc */
	size_t naccts;
};

struct fc_log_login {
	int32_t day;
	int64_t ts;
	const char *account, *ip, *source;
	struct fc_log_ref ref;
	bool privileged, root;
};

/* Successful logins of one account from one source IP over the baseline
 * span (FC_LOG_BASELINE_SPAN days ending at as-of), for the new-source-IP
 * alert.  Only accounts seen from two or more IPs are kept: an account with
 * one IP can have no "new" one. */
struct fc_log_pair {
	const char *account, *ip;
	uint64_t days[2];		/* bit i: a login on base_day + i */
	int64_t ts;			/* first login in the span */
	struct fc_log_ref ref;		/* its line */
};

struct fc_log_gap {
	int32_t from, to;		/* days with no events, inclusive */
};

struct fc_log_source {
	const char *name;		/* sshd host, or "login" */
	bool login;
	int32_t first_day, last_day;
	int64_t first, last;
	uint64_t events;
	struct fc_log_gap *gaps;
	size_t ngaps;
	/* clock going backwards within one file */
	uint64_t backwards;		/* jumps back by more than a minute */
	int64_t max_back;		/* seconds */
	struct fc_log_ref back_ref;
};

struct fc_log_facts {
	struct fc_arena arena;
	int32_t as_of;
	struct fc_log_file *files;
	size_t nfiles;
	struct fc_log_day *days;	/* ascending */
	size_t ndays;
	struct fc_log_source *sources;	/* sorted by name */
	size_t nsources;
	/* successful logins of privileged accounts (root, administrators) */
	struct fc_log_login *priv;
	size_t npriv;
	uint64_t priv_dropped;
	/* login pairs sorted by account, then first login */
	struct fc_log_pair *pairs;
	size_t npairs;
	int32_t base_day;		/* bit 0 of fc_log_pair.days */
	uint64_t pairs_dropped, accounts_dropped, kept_dropped;
	int64_t oldest, newest;		/* over all events, 0 if none */
	int64_t oldest_ssh, oldest_login;
	uint64_t events, lines, bytes;
	int threads_used;
	void *excerpts;			/* cache of lines read back (log_excerpt.c) */
	/* the inputs (the bundle loader collects them, then analyses them
	 * all at once in its finish step); owned, fc_free'd with the facts */
	struct fc_log_input *inputs;
	size_t ninputs, capinputs;
	bool analysed;
};

struct fc_log_opts {
	int32_t as_of;			/* required: years of syslog stamps, baseline */
	int threads;			/* 0 = one per CPU */
	size_t max_day_keys;		/* 0 = FC_MAX_DAY_KEYS (tests lower it) */
	/* extra privileged accounts whose logins are reported: "name" (any
	 * host or application) or "name@host" (sshd on that host); may be NULL */
	const char *const *privileged;
	size_t nprivileged;
	/* called now and then with the bytes of the files read so far and
	 * their total size (phase "logs"), from the reading threads one at a
	 * time; may be NULL */
	void (*progress)(const char *phase, uint64_t done, uint64_t total, void *ud);
	void *progress_ud;
};

struct fc_log_input {
	const char *path;		/* filesystem path */
	const char *name;		/* shown in evidence */
	enum fc_log_filekind kind;
};

/* Read and aggregate the files (in parallel when there are several).
 * Malformed files and records are reported to d; what could be read is
 * aggregated.  FC_ENOMEM on hard failure; otherwise *out is set. */
enum fc_status fc_log_analyze(const struct fc_log_input *in, size_t n, const struct fc_log_opts *o,
			      struct fc_diag *d, struct fc_log_facts **out);
void fc_log_facts_free(struct fc_log_facts *f);
/* The file kind a path is read as: login CSV/JSONL by extension (after a
 * .gz), else sshd syslog. */
enum fc_log_filekind fc_log_kind_of(const char *path, bool login_dir);

/* ---- alerts: thresholds applied to the facts ---- */

enum fc_log_alert_kind {
	FC_LA_STUFFING,
	FC_LA_SPRAYING,
	FC_LA_BRUTE_FORCE,
	FC_LA_NONEXISTENT,
	FC_LA_LOCKOUT,
	FC_LA_SUCCESS_AFTER,
	FC_LA_NEW_IP,
	FC_LA_PRIVILEGED,
	FC_LA_GAP,
	FC_LA_CLOCK,
	FC_LA_RETENTION,
	FC_LA_OVERFLOW,
	FC_LA__COUNT
};
/* "credential_stuffing", … as in spec/output.md; FC_LA_CLOCK is reported
 * as "log_gap" with subkind "clock_backwards" */
const char *fc_log_alert_name(enum fc_log_alert_kind k);
const char *fc_log_alert_subkind(enum fc_log_alert_kind k);

struct fc_log_thresholds {
	int stuffing_accounts;		/* credential_stuffing.distinct_accounts (10) */
	int nonexistent_attempts;	/* credential_stuffing.nonexistent_attempts (5) */
	int spraying_accounts;		/* credential_stuffing.spraying_accounts (5) */
	int brute_force_failures;	/* credential_stuffing.brute_force_failures (10) */
	int lockout_threshold;		/* 3 */
	int new_ip_baseline_days;	/* 30 */
	int gap_days;			/* 1 */
	int clock_skew_seconds;		/* 300 */
	/* retention alerts from coverage (logscan --retention): 0 = off */
	int retention_days_ssh, retention_days_login;
	/* privileged names beyond root, lower-case */
	const char *const *privileged;
	size_t nprivileged;
	/* the alerts wanted, bit (1u << kind); 0 = every kind.  A check asks
	 * for its own kinds only: at bank scale new_source_ip alone runs to
	 * millions of alerts, which the other checks need not compute. */
	unsigned kinds;
};
/* The defaults of catalog/params/log.yaml (a unit test keeps them equal). */
void fc_log_thresholds_default(struct fc_log_thresholds *t);

struct fc_log_alert {
	enum fc_log_alert_kind kind;
	int32_t day;			/* FC_NO_DATE for whole-period alerts */
	const char *ip, *account, *source;
	uint64_t count;			/* what crossed the threshold */
	uint64_t failures, accounts, nonexistent, successes;
	int64_t first, last;		/* 0 = unknown */
	int32_t from_day, to_day;	/* gaps */
	struct fc_ref ev[FC_LOG_SAMPLES + 1];
	size_t nev;
	const char *detail;		/* one English sentence */
};

/* Apply thresholds; alerts in day order, then by kind.  Alerts and their
 * details live in `a`; the evidence strings (file names, excerpts read
 * back from the files) live in the facts, which must outlive them.  Not
 * thread-safe on one facts object (it caches the excerpts it reads). */
enum fc_status fc_log_alerts(struct fc_log_facts *f, const struct fc_log_thresholds *t,
			     struct fc_arena *a, struct fc_log_alert **out, size_t *n);
/* The same keeping at most `cap` alerts of each per-day kind (stuffing,
 * spraying, brute force, non-existent accounts, lockout, success after
 * failures, new source IP; 0 = no cap), the first ones met in day order
 * (new source IPs: in account order); the others are only counted in
 * *dropped.  A check that lists 500 findings need not build millions of
 * alerts, their details and excerpts (issue 11: new_source_ip at bank
 * scale). */
enum fc_status fc_log_alerts_capped(struct fc_log_facts *f, const struct fc_log_thresholds *t,
				    struct fc_arena *a, size_t cap, struct fc_log_alert **out, size_t *n,
				    size_t *dropped);

/* Read the excerpts of refs (at most 160 bytes, UTF-8 safe) from the
 * files; refs whose line cannot be read keep a NULL excerpt. */
enum fc_status fc_log_read_excerpts(struct fc_log_facts *f, struct fc_log_ref **refs, size_t n);
/* (log_excerpt.c) the cache, released with the facts */
void fc_log_excerpts_release(struct fc_log_facts *f);

/* Is this account name privileged by default (root, administrator, admin)? */
bool fc_log_privileged_name(const char *s, size_t n);

#endif
