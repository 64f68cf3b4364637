/*
 * Dashboard users, passwords, sessions and CSRF tokens.
 *
 * Users have one role:
 *   viewer      reads the institution's pages
 *   assessor    also updates findings, requests risk acceptance, runs the
 *               incident tracker
 *   auditor     also records re-verification (覆查) of fixed findings
 *   admin       also approves risk acceptance and manages users
 *   supervisor  the regulator's examiner: the multi-firm views only
 *
 * Passwords are hashed with argon2id (libargon2; RFC 9106, OWASP's minimum
 * of 19 MiB, t=2, p=1) in the PHC string form; the plain text is never kept.
 * Three failed logins lock an account for 15 minutes (lockout_threshold /
 * lockout_duration_min: what fincheck requires of the institutions, seed 002
 * 撞庫強化 and FL098836 §15).
 *
 * Sessions: 32 random bytes (OpenSSL RAND_bytes) as 64 hex characters in an
 * HttpOnly, SameSite=Strict cookie; the database keeps only their SHA-256,
 * so a copy of the database does not hand out live sessions.  Each session
 * has its own CSRF token, required in every form.
 *
 * Every change (user added, password changed, login, lockout, logout) is
 * appended to the audit chain with the actor's name.
 */
#ifndef FC_AUTH_H
#define FC_AUTH_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/diag.h"
#include "../core/status.h"
#include "../store/db.h"

enum fc_role { FC_ROLE_VIEWER, FC_ROLE_ASSESSOR, FC_ROLE_AUDITOR, FC_ROLE_ADMIN, FC_ROLE_SUPERVISOR, FC_ROLE__COUNT };

const char *fc_role_name(enum fc_role r);
int fc_role_parse(const char *s); /* -1 if unknown */

#define FC_USER_NAME_MAX 64
#define FC_PASSWORD_MAX 1024
#define FC_TOKEN_HEX 64

/* Rules for dashboard passwords: at least 10 characters with letters,
 * digits and a symbol (seed 002 存取控制 4 asks 文數字、符號).  Returns NULL
 * if acceptable, else the reason (English). */
const char *fc_password_weak(const char *pw);
bool fc_user_name_ok(const char *name);

/* argon2id PHC string of pw into out (at least 128 bytes). */
enum fc_status fc_password_hash(const char *pw, char *out, size_t outlen);
bool fc_password_verify(const char *phc, const char *pw);

/* User administration (`fincheck user`).  actor is recorded in the audit
 * chain.  FC_EUSAGE with a message in d for a bad name/role/password or an
 * existing user; FC_ENOTFOUND for an unknown one. */
enum fc_status fc_user_add(struct fc_db *db, const char *name, const char *role, const char *pw, const char *actor,
			   struct fc_diag *d);
enum fc_status fc_user_passwd(struct fc_db *db, const char *name, const char *pw, const char *actor,
			      struct fc_diag *d);
enum fc_status fc_user_del(struct fc_db *db, const char *name, const char *actor, struct fc_diag *d);
/* Clears a lockout (an administrator's unlock). */
enum fc_status fc_user_unlock(struct fc_db *db, const char *name, const char *actor, struct fc_diag *d);

struct fc_user_row {
	char name[FC_USER_NAME_MAX + 1];
	enum fc_role role;
	int failed;
	int64_t locked_until;
	char created[26];
};
/* Calls fn for each user, by name. */
enum fc_status fc_user_list(struct fc_db *db, void (*fn)(const struct fc_user_row *u, void *ud), void *ud);

struct fc_login_policy {
	int threshold;		/* failed attempts that lock (3) */
	int lock_minutes;	/* lock duration (15) */
	int session_hours;	/* absolute session lifetime (8) */
};
#define FC_LOGIN_POLICY_DEFAULT {3, 15, 8}

struct fc_session {
	char token[FC_TOKEN_HEX + 1];	/* only filled by fc_login */
	char csrf[FC_TOKEN_HEX + 1];
	char user[FC_USER_NAME_MAX + 1];
	enum fc_role role;
	int64_t expires;
};

enum fc_login_result { FC_LOGIN_OK, FC_LOGIN_BAD, FC_LOGIN_LOCKED };

/* Check a password and open a session.  A wrong password counts toward the
 * lockout; a locked account is refused even with the right password.  An
 * unknown user costs the same time as a known one. */
enum fc_status fc_login(struct fc_db *db, const char *name, const char *pw, const char *client,
			const struct fc_login_policy *pol, int64_t now, enum fc_login_result *res,
			struct fc_session *out);
/* Look up a session by its cookie token: FC_ENOTFOUND if unknown/expired. */
enum fc_status fc_session_get(struct fc_db *db, const char *token, int64_t now, struct fc_session *out);
enum fc_status fc_session_end(struct fc_db *db, const char *token, const char *user);
/* Constant-time comparison of a submitted CSRF token with the session's. */
bool fc_csrf_ok(const struct fc_session *s, const char *submitted);

/* 2*n hex characters of n random bytes (RAND_bytes) into out[2n+1]. */
enum fc_status fc_random_hex(char *out, size_t nbytes);
/* SHA-256 hex of s into out[65]. */
void fc_sha256_hex(const char *s, size_t n, char out[65]);
/* Constant-time string equality. */
bool fc_ct_streq(const char *a, const char *b);

#endif
