/* Dashboard users, argon2id passwords, sessions and CSRF tokens (auth.h). */
#include "auth.h"
#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>
#include "../core/buf.h"
#include "../core/date.h"
#include "../core/json.h"
#include "../core/mem.h"
#include "webdb.h"

/* argon2id cost: OWASP Password Storage Cheat Sheet's first option
 * (19 MiB, 2 iterations, 1 lane) — about 30 ms per login on this class of
 * machine, far too slow for guessing, fast enough for people. */
#define PW_T_COST 2
#define PW_M_COST (19 * 1024)
#define PW_LANES 1
#define PW_SALT 16
#define PW_HASHLEN 32
#define PW_MIN_LEN 10

static const struct fc_db_migration web_m[] = {
	{1,
	 "CREATE TABLE web_users(id {{ID}}, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, "
	 "pwhash TEXT NOT NULL, failed BIGINT NOT NULL DEFAULT 0, locked_until BIGINT NOT NULL DEFAULT 0, "
	 "created_at TEXT NOT NULL, changed_at TEXT NOT NULL);"
	 "CREATE TABLE web_sessions(token_hash TEXT PRIMARY KEY, "
	 "user_id BIGINT NOT NULL REFERENCES web_users(id) ON DELETE CASCADE, csrf TEXT NOT NULL, "
	 "client TEXT, created BIGINT NOT NULL, expires BIGINT NOT NULL);"
	 "CREATE INDEX web_sessions_user ON web_sessions(user_id)",
	 NULL},
};
const struct fc_db_module fc_webdb_module_web = {"web", web_m, sizeof web_m / sizeof *web_m, NULL};

static const char *const role_names[FC_ROLE__COUNT] = {"viewer", "assessor", "auditor", "admin", "supervisor"};

const char *fc_role_name(enum fc_role r)
{
	return (unsigned)r < FC_ROLE__COUNT ? role_names[r] : "?";
}

int fc_role_parse(const char *s)
{
	for (int i = 0; s && i < FC_ROLE__COUNT; i++)
		if (!strcmp(s, role_names[i]))
			return i;
	return -1;
}

bool fc_user_name_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n > FC_USER_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
		      c == '_' || c == '-' || c == '@'))
			return false;
	}
	return true;
}

const char *fc_password_weak(const char *pw)
{
	size_t n = pw ? strlen(pw) : 0;
	if (n > FC_PASSWORD_MAX)
		return "password is longer than 1024 bytes";
	size_t chars = 0;
	bool letter = false, digit = false, symbol = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)pw[i];
		if ((c & 0xC0) != 0x80)
			chars++;	/* count UTF-8 characters, not bytes */
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80)
			letter = true;
		else if (c >= '0' && c <= '9')
			digit = true;
		else if (c > ' ' && c < 0x7f)
			symbol = true;
	}
	if (chars < PW_MIN_LEN)
		return "password must have at least 10 characters";
	if (!letter || !digit || !symbol)
		return "password must mix letters, digits and symbols (seed 002 存取控制 4)";
	return NULL;
}

enum fc_status fc_random_hex(char *out, size_t nbytes)
{
	unsigned char r[64];
	if (nbytes > sizeof r)
		return FC_EUSAGE;
	if (RAND_bytes(r, (int)nbytes) != 1)
		return FC_EIO;
	static const char hx[] = "0123456789abcdef";
	for (size_t i = 0; i < nbytes; i++) {
		out[2 * i] = hx[r[i] >> 4];
		out[2 * i + 1] = hx[r[i] & 15];
	}
	out[2 * nbytes] = '\0';
	OPENSSL_cleanse(r, sizeof r);
	return FC_OK;
}

void fc_sha256_hex(const char *s, size_t n, char out[65])
{
	unsigned char h[SHA256_DIGEST_LENGTH];
	SHA256((const unsigned char *)s, n, h);
	static const char hx[] = "0123456789abcdef";
	for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) {
		out[2 * i] = hx[h[i] >> 4];
		out[2 * i + 1] = hx[h[i] & 15];
	}
	out[64] = '\0';
}

bool fc_ct_streq(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	size_t na = strlen(a), nb = strlen(b);
	if (na != nb || na == 0)
		return false;
	return CRYPTO_memcmp(a, b, na) == 0;
}

enum fc_status fc_password_hash(const char *pw, char *out, size_t outlen)
{
	unsigned char salt[PW_SALT];
	if (RAND_bytes(salt, sizeof salt) != 1)
		return FC_EIO;
	int rc = argon2id_hash_encoded(PW_T_COST, PW_M_COST, PW_LANES, pw, strlen(pw), salt, sizeof salt, PW_HASHLEN,
				       out, outlen);
	return rc == ARGON2_OK ? FC_OK : (rc == ARGON2_MEMORY_ALLOCATION_ERROR ? FC_ENOMEM : FC_EUSAGE);
}

bool fc_password_verify(const char *phc, const char *pw)
{
	if (!phc || !pw || strncmp(phc, "$argon2id$", 10))
		return false;
	return argon2id_verify(phc, pw, strlen(pw)) == ARGON2_OK;
}

static void now_iso(int64_t now, char out[26])
{
	fc_ts_fmt(now, out);
}

/* {"role":"admin"} style details for the audit chain. */
static char *details1(const char *k, const char *v, const char *k2, const char *v2)
{
	struct fc_buf b;
	fc_buf_init(&b, 4096);
	struct fc_json j;
	fc_json_init(&j, &b, false);
	fc_json_obj(&j);
	if (k)
		fc_json_kstr(&j, k, v);
	if (k2)
		fc_json_kstr(&j, k2, v2);
	fc_json_obj_end(&j);
	if (fc_buf_err(&b)) {
		fc_buf_release(&b);
		return NULL;
	}
	return fc_buf_detach(&b);
}

/* Run one statement with text parameters inside the current transaction. */
static enum fc_status run_sql(struct fc_db *db, const char *sql, const char *const *p, int n, int64_t *changes)
{
	struct fc_stmt *s = NULL;
	enum fc_status st = fc_db_prepare(db, sql, &s);
	if (st)
		return st;
	for (int i = 0; i < n; i++)
		fc_stmt_bind_text(s, i + 1, p[i]);
	st = fc_stmt_run(s);
	if (changes)
		*changes = fc_stmt_changes(s);
	fc_stmt_free(s);
	return st;
}

/* begin; fn; audit; commit — or rollback on any error */
static enum fc_status finish_tx(struct fc_db *db, enum fc_status st)
{
	if (st) {
		fc_db_rollback(db);
		return st;
	}
	return fc_db_commit(db);
}

enum fc_status fc_user_add(struct fc_db *db, const char *name, const char *role, const char *pw, const char *actor,
			   struct fc_diag *d)
{
	if (!fc_user_name_ok(name)) {
		fc_diag_error(d, NULL, 0, 0, "user name must be 1-64 characters of letters, digits, '.', '_', '-', '@'");
		return FC_EUSAGE;
	}
	if (fc_role_parse(role) < 0) {
		fc_diag_error(d, NULL, 0, 0, "unknown role '%s' (viewer, assessor, auditor, admin, supervisor)", role);
		return FC_EUSAGE;
	}
	const char *weak = fc_password_weak(pw);
	if (weak) {
		fc_diag_error(d, NULL, 0, 0, "%s", weak);
		return FC_EUSAGE;
	}
	char phc[160];
	enum fc_status st = fc_password_hash(pw, phc, sizeof phc);
	if (st)
		return st;
	char now[26];
	now_iso(fc_web_now(), now);
	char *det = details1("role", role, NULL, NULL);
	if (!det)
		return FC_ENOMEM;
	if ((st = fc_db_begin_write(db))) {
		fc_free(det);
		return st;
	}
	const char *p[] = {name, role, phc, now, now};
	st = run_sql(db,
		     "INSERT INTO web_users(name, role, pwhash, failed, locked_until, created_at, changed_at) "
		     "VALUES (?, ?, ?, 0, 0, ?, ?)",
		     p, 5, NULL);
	if (st && fc_db_constraint_failed(db)) {
		fc_diag_error(d, NULL, 0, 0, "user '%s' already exists", name);
		st = FC_EUSAGE;
	}
	if (!st)
		st = fc_web_audit(db, actor, "user.add", name, det);
	fc_free(det);
	return finish_tx(db, st);
}

enum fc_status fc_user_passwd(struct fc_db *db, const char *name, const char *pw, const char *actor,
			      struct fc_diag *d)
{
	const char *weak = fc_password_weak(pw);
	if (weak) {
		fc_diag_error(d, NULL, 0, 0, "%s", weak);
		return FC_EUSAGE;
	}
	char phc[160];
	enum fc_status st = fc_password_hash(pw, phc, sizeof phc);
	if (st)
		return st;
	char now[26];
	now_iso(fc_web_now(), now);
	if ((st = fc_db_begin_write(db)))
		return st;
	int64_t ch = 0;
	const char *p[] = {phc, now, name};
	st = run_sql(db, "UPDATE web_users SET pwhash = ?, failed = 0, locked_until = 0, changed_at = ? WHERE name = ?",
		     p, 3, &ch);
	if (!st && ch == 0) {
		fc_diag_error(d, NULL, 0, 0, "no user '%s'", name);
		st = FC_ENOTFOUND;
	}
	/* a new password ends the user's open sessions */
	const char *p2[] = {name};
	if (!st)
		st = run_sql(db, "DELETE FROM web_sessions WHERE user_id IN (SELECT id FROM web_users WHERE name = ?)",
			     p2, 1, NULL);
	if (!st)
		st = fc_web_audit(db, actor, "user.passwd", name, NULL);
	return finish_tx(db, st);
}

enum fc_status fc_user_del(struct fc_db *db, const char *name, const char *actor, struct fc_diag *d)
{
	enum fc_status st = fc_db_begin_write(db);
	if (st)
		return st;
	const char *p[] = {name};
	int64_t ch = 0;
	st = run_sql(db, "DELETE FROM web_sessions WHERE user_id IN (SELECT id FROM web_users WHERE name = ?)", p, 1,
		     NULL);
	if (!st)
		st = run_sql(db, "DELETE FROM web_users WHERE name = ?", p, 1, &ch);
	if (!st && ch == 0) {
		fc_diag_error(d, NULL, 0, 0, "no user '%s'", name);
		st = FC_ENOTFOUND;
	}
	if (!st)
		st = fc_web_audit(db, actor, "user.del", name, NULL);
	return finish_tx(db, st);
}

enum fc_status fc_user_unlock(struct fc_db *db, const char *name, const char *actor, struct fc_diag *d)
{
	enum fc_status st = fc_db_begin_write(db);
	if (st)
		return st;
	const char *p[] = {name};
	int64_t ch = 0;
	st = run_sql(db, "UPDATE web_users SET failed = 0, locked_until = 0 WHERE name = ?", p, 1, &ch);
	if (!st && ch == 0) {
		fc_diag_error(d, NULL, 0, 0, "no user '%s'", name);
		st = FC_ENOTFOUND;
	}
	if (!st)
		st = fc_web_audit(db, actor, "user.unlock", name, NULL);
	return finish_tx(db, st);
}

enum fc_status fc_user_list(struct fc_db *db, void (*fn)(const struct fc_user_row *u, void *ud), void *ud)
{
	struct fc_stmt *s = NULL;
	enum fc_status st =
		fc_db_prepare(db, "SELECT name, role, failed, locked_until, created_at FROM web_users ORDER BY name", &s);
	if (st)
		return st;
	int rc;
	while ((rc = fc_stmt_step(s)) == FC_DB_ROW) {
		struct fc_user_row u = {0};
		snprintf(u.name, sizeof u.name, "%s", fc_stmt_text(s, 0) ? fc_stmt_text(s, 0) : "");
		int r = fc_role_parse(fc_stmt_text(s, 1));
		u.role = r < 0 ? FC_ROLE_VIEWER : (enum fc_role)r;
		u.failed = (int)fc_stmt_int(s, 2);
		u.locked_until = fc_stmt_int(s, 3);
		snprintf(u.created, sizeof u.created, "%s", fc_stmt_text(s, 4) ? fc_stmt_text(s, 4) : "");
		fn(&u, ud);
	}
	fc_stmt_free(s);
	return rc == FC_DB_ERR ? FC_EIO : FC_OK;
}

/* A fixed hash verified for unknown users, so that a login attempt takes the
 * same time whether or not the name exists (no user enumeration). */
static const char *dummy_hash(void)
{
	static char h[160];
	if (!h[0]) {
		static const unsigned char salt[PW_SALT] = "fincheck-dummy!";
		if (argon2id_hash_encoded(PW_T_COST, PW_M_COST, PW_LANES, "x", 1, salt, sizeof salt, PW_HASHLEN, h,
					  sizeof h) != ARGON2_OK)
			h[0] = '\0';
	}
	return h;
}

enum fc_status fc_login(struct fc_db *db, const char *name, const char *pw, const char *client,
			const struct fc_login_policy *pol, int64_t now, enum fc_login_result *res,
			struct fc_session *out)
{
	static const struct fc_login_policy def = FC_LOGIN_POLICY_DEFAULT;
	if (!pol)
		pol = &def;
	*res = FC_LOGIN_BAD;
	memset(out, 0, sizeof *out);
	if (!name || !pw || strlen(pw) > FC_PASSWORD_MAX || !fc_user_name_ok(name)) {
		(void)fc_password_verify(dummy_hash(), "y");
		return FC_OK;
	}
	/* argon2 runs outside the write lock: ~30 ms that other writers
	 * need not wait for.  The counter update below re-reads the row. */
	struct fc_stmt *s = NULL;
	enum fc_status st =
		fc_db_prepare(db, "SELECT id, role, pwhash, locked_until FROM web_users WHERE name = ?", &s);
	if (st)
		return st;
	fc_stmt_bind_text(s, 1, name);
	int rc = fc_stmt_step(s);
	if (rc == FC_DB_ERR) {
		fc_stmt_free(s);
		return FC_EIO;
	}
	if (rc != FC_DB_ROW) {
		fc_stmt_free(s);
		(void)fc_password_verify(dummy_hash(), pw);
		return FC_OK;
	}
	int64_t uid = fc_stmt_int(s, 0);
	int role = fc_role_parse(fc_stmt_text(s, 1));
	char phc[200];
	snprintf(phc, sizeof phc, "%s", fc_stmt_text(s, 2) ? fc_stmt_text(s, 2) : "");
	int64_t locked_until = fc_stmt_int(s, 3);
	fc_stmt_free(s);
	bool good = fc_password_verify(phc, pw);
	if (locked_until > now) {
		/* locked: refused even with the right password, and not
		 * extended (an attacker cannot keep a user locked out
		 * forever by retrying... beyond the 15 minutes each time) */
		*res = FC_LOGIN_LOCKED;
		if ((st = fc_db_begin_write(db)))
			return st;
		st = fc_web_audit(db, name, "login.refused_locked", name, NULL);
		return finish_tx(db, st);
	}
	if ((st = fc_db_begin_write(db)))
		return st;
	char uidtxt[24];
	snprintf(uidtxt, sizeof uidtxt, "%lld", (long long)uid);
	if (!good || role < 0) {
		int64_t failed = 0;
		const char *p[] = {uidtxt};
		st = fc_db_query_int(db, "SELECT failed FROM web_users WHERE id = ?", p, 1, 0, &failed);
		failed++;
		struct fc_stmt *u = NULL;
		bool lock = failed >= pol->threshold;
		if (!st)
			st = fc_db_prepare(db, "UPDATE web_users SET failed = ?, locked_until = ? WHERE id = ?", &u);
		if (!st) {
			fc_stmt_bind_int(u, 1, lock ? 0 : failed);
			fc_stmt_bind_int(u, 2, lock ? now + (int64_t)pol->lock_minutes * 60 : 0);
			fc_stmt_bind_int(u, 3, uid);
			st = fc_stmt_run(u);
			fc_stmt_free(u);
		}
		char nb[24];
		snprintf(nb, sizeof nb, "%lld", (long long)failed);
		char *det = details1("failed", nb, "client", client ? client : "");
		if (!det && !st)
			st = FC_ENOMEM;
		if (!st)
			st = fc_web_audit(db, name, lock ? "login.locked" : "login.failed", name, det);
		fc_free(det);
		*res = lock ? FC_LOGIN_LOCKED : FC_LOGIN_BAD;
		return finish_tx(db, st);
	}
	char token[FC_TOKEN_HEX + 1], csrf[FC_TOKEN_HEX + 1], th[65];
	if ((st = fc_random_hex(token, 32)) || (st = fc_random_hex(csrf, 32))) {
		fc_db_rollback(db);
		return st;
	}
	fc_sha256_hex(token, strlen(token), th);
	int64_t expires = now + (int64_t)pol->session_hours * 3600;
	struct fc_stmt *u = NULL;
	if (!(st = fc_db_prepare(db, "UPDATE web_users SET failed = 0 WHERE id = ?", &u))) {
		fc_stmt_bind_int(u, 1, uid);
		st = fc_stmt_run(u);
		fc_stmt_free(u);
	}
	/* expired sessions go as new ones come: the table stays small */
	if (!st && !(st = fc_db_prepare(db, "DELETE FROM web_sessions WHERE expires <= ?", &u))) {
		fc_stmt_bind_int(u, 1, now);
		st = fc_stmt_run(u);
		fc_stmt_free(u);
	}
	if (!st && !(st = fc_db_prepare(db,
					"INSERT INTO web_sessions(token_hash, user_id, csrf, client, created, expires) "
					"VALUES (?, ?, ?, ?, ?, ?)",
					&u))) {
		fc_stmt_bind_text(u, 1, th);
		fc_stmt_bind_int(u, 2, uid);
		fc_stmt_bind_text(u, 3, csrf);
		fc_stmt_bind_text(u, 4, client);
		fc_stmt_bind_int(u, 5, now);
		fc_stmt_bind_int(u, 6, expires);
		st = fc_stmt_run(u);
		fc_stmt_free(u);
	}
	/* the audit names the session by a prefix of its hash, never the token */
	char sid[17];
	snprintf(sid, sizeof sid, "%.16s", th);
	char *det = details1("session", sid, "client", client ? client : "");
	if (!det && !st)
		st = FC_ENOMEM;
	if (!st)
		st = fc_web_audit(db, name, "login", name, det);
	fc_free(det);
	if ((st = finish_tx(db, st)))
		return st;
	memcpy(out->token, token, sizeof token);
	memcpy(out->csrf, csrf, sizeof csrf);
	snprintf(out->user, sizeof out->user, "%s", name);
	out->role = (enum fc_role)role;
	out->expires = expires;
	*res = FC_LOGIN_OK;
	OPENSSL_cleanse(token, sizeof token);
	return FC_OK;
}

static bool token_ok(const char *t)
{
	if (!t || strlen(t) != FC_TOKEN_HEX)
		return false;
	for (const char *p = t; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

enum fc_status fc_session_get(struct fc_db *db, const char *token, int64_t now, struct fc_session *out)
{
	memset(out, 0, sizeof *out);
	if (!token_ok(token))
		return FC_ENOTFOUND;
	char th[65];
	fc_sha256_hex(token, FC_TOKEN_HEX, th);
	struct fc_stmt *s = NULL;
	enum fc_status st = fc_db_prepare(db,
					  "SELECT u.name, u.role, s.csrf, s.expires FROM web_sessions s "
					  "JOIN web_users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires > ?",
					  &s);
	if (st)
		return st;
	fc_stmt_bind_text(s, 1, th);
	fc_stmt_bind_int(s, 2, now);
	int rc = fc_stmt_step(s);
	if (rc == FC_DB_ROW) {
		int r = fc_role_parse(fc_stmt_text(s, 1));
		snprintf(out->user, sizeof out->user, "%s", fc_stmt_text(s, 0) ? fc_stmt_text(s, 0) : "");
		snprintf(out->csrf, sizeof out->csrf, "%s", fc_stmt_text(s, 2) ? fc_stmt_text(s, 2) : "");
		out->expires = fc_stmt_int(s, 3);
		if (r < 0)
			rc = FC_DB_DONE;
		else
			out->role = (enum fc_role)r;
	}
	fc_stmt_free(s);
	if (rc == FC_DB_ERR)
		return FC_EIO;
	return rc == FC_DB_ROW ? FC_OK : FC_ENOTFOUND;
}

enum fc_status fc_session_end(struct fc_db *db, const char *token, const char *user)
{
	if (!token_ok(token))
		return FC_ENOTFOUND;
	char th[65];
	fc_sha256_hex(token, FC_TOKEN_HEX, th);
	enum fc_status st = fc_db_begin_write(db);
	if (st)
		return st;
	const char *p[] = {th};
	int64_t ch = 0;
	st = run_sql(db, "DELETE FROM web_sessions WHERE token_hash = ?", p, 1, &ch);
	if (!st && ch)
		st = fc_web_audit(db, user, "logout", user, NULL);
	return finish_tx(db, st);
}

bool fc_csrf_ok(const struct fc_session *s, const char *submitted)
{
	return s && s->csrf[0] && fc_ct_streq(s->csrf, submitted);
}
