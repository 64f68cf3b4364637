/*
 * Shared by the host-area check files (host.c, host_cfg.c, host_acct.c,
 * host_cert.c): helpers and the run functions listed in fc_checks_host[].
 */
#ifndef FC_HOST_INT_H
#define FC_HOST_INT_H
#include <stdbool.h>
#include "../engine/check.h"

/* zh-TW or English detail text */
#define FC_TXT(c, zh, en) (fc_ctx_zh(c) ? (zh) : (en))

/* The zone a host sits in: declared zone if known, else by address. */
const struct fc_zone *fc_hostchk_zone(const struct fc_bundle *b, const struct fc_host *h);
/* Internet-facing or in a DMZ/internet zone (seed 000: DMZ區). */
bool fc_hostchk_exposed(const struct fc_bundle *b, const struct fc_host *h);
/* Days between two day numbers (b - a), or a large number if a is unknown. */
long fc_hostchk_age(int32_t then, int32_t now);
/* "2026-11-01" into a buffer owned by the caller. */
const char *fc_hostchk_date(int32_t d, char buf[11]);

/* inventory hosts and endpoints (host.c) */
void fc_hostchk_eos(struct fc_ctx *c);
void fc_hostchk_no_av(struct fc_ctx *c);
void fc_hostchk_av_stale(struct fc_ctx *c);
void fc_hostchk_patch_age(struct fc_ctx *c);
void fc_hostchk_monitoring(struct fc_ctx *c);
void fc_hostchk_trust_score(struct fc_ctx *c);
void fc_hostchk_laptop(struct fc_ctx *c);

/* collected configuration (host_cfg.c) */
void fc_hostchk_ssh_root(struct fc_ctx *c);
void fc_hostchk_ssh_password(struct fc_ctx *c);
void fc_hostchk_empty_passwords(struct fc_ctx *c);
void fc_hostchk_ssh_crypto(struct fc_ctx *c);
void fc_hostchk_pw_policy(struct fc_ctx *c);
void fc_hostchk_lockout(struct fc_ctx *c);
void fc_hostchk_win_baseline(struct fc_ctx *c);
void fc_hostchk_insecure_pkgs(struct fc_ctx *c);
void fc_hostchk_log_retention(struct fc_ctx *c);
void fc_hostchk_secrets(struct fc_ctx *c);

/* accounts (host_acct.c) */
void fc_acctchk_dormant(struct fc_ctx *c);
void fc_acctchk_leaver(struct fc_ctx *c);
void fc_acctchk_orphan(struct fc_ctx *c);
void fc_acctchk_shared(struct fc_ctx *c);
void fc_acctchk_priv_owner(struct fc_ctx *c);
void fc_acctchk_default(struct fc_ctx *c);
void fc_acctchk_pw_age(struct fc_ctx *c);
void fc_acctchk_mfa(struct fc_ctx *c);
void fc_acctchk_expiry(struct fc_ctx *c);
void fc_acctchk_review(struct fc_ctx *c);
void fc_acctchk_empty_pw(struct fc_ctx *c);
void fc_acctchk_uid0(struct fc_ctx *c);

/* certificates (host_cert.c) */
void fc_certchk_expiry(struct fc_ctx *c);
void fc_certchk_weak_key(struct fc_ctx *c);
void fc_certchk_weak_sig(struct fc_ctx *c);
void fc_certchk_validation(struct fc_ctx *c);

#endif
