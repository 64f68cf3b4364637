/*
 * Plaintext secrets in one line of text (secrets.h).  Seed 000 電子商務系統安全
 * 管理: 連線資料庫使用之密碼存放於DMZ區且明碼存放 (INS-EC-4); used by the
 * host-config checks (issue 4) and the data scanner (issue 7).
 *
 * One pass over the line finds separators ('=', ':', '：', '>' of an opening
 * tag, a quote after whitespace) and looks at the key just before each one;
 * then URL user-info, Oracle user/pass@tns, SQL IDENTIFIED BY, PEM private
 * keys and fixed token shapes.  Keys are split into words (snake, kebab,
 * camelCase) so that "MinimumPasswordLength" is a setting, not a secret.
 * Values that are empty, references (${X}, %X%, {{ x }}, code), masks (****)
 * or hashes are not secrets.  O(n) per line plus O(hits).
 */
#include "secrets.h"
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define KEY_MAX 64	/* a config key longer than this is not a key */
#define WORDS_MAX 12

static int lc(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}
static bool is_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static bool is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}
static bool is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}
static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}
static bool is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
static bool key_char(int c)
{
	return is_alnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80;
}

/* Case-insensitive search of an ASCII literal in a span. */
static const char *memifind(const char *h, size_t n, const char *lit)
{
	size_t m = strlen(lit);
	if (m == 0 || m > n)
		return m == 0 ? h : NULL;
	int f0 = lc((unsigned char)lit[0]);
	for (size_t i = 0; i + m <= n; i++) {
		if (lc((unsigned char)h[i]) != f0)
			continue;
		size_t j = 1;
		while (j < m && lc((unsigned char)h[i + j]) == lc((unsigned char)lit[j]))
			j++;
		if (j == m)
			return h + i;
	}
	return NULL;
}
static bool span_ieq(const char *p, size_t n, const char *lit)
{
	size_t m = strlen(lit);
	if (m != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lc((unsigned char)p[i]) != lc((unsigned char)lit[i]))
			return false;
	return true;
}
static bool span_istarts(const char *p, size_t n, const char *lit)
{
	size_t m = strlen(lit);
	if (m > n)
		return false;
	for (size_t i = 0; i < m; i++)
		if (lc((unsigned char)p[i]) != lc((unsigned char)lit[i]))
			return false;
	return true;
}

/* ---- keys ---------------------------------------------------------------- */

struct word {
	char s[KEY_MAX + 1];
	size_t n;
};

/* Split a key into lowercase words at _ - . and camelCase boundaries
 * ("DBPassword" -> db, password). */
static size_t split_words(const char *k, size_t n, struct word *w, size_t max)
{
	size_t nw = 0;
	size_t i = 0;
	while (i < n && nw < max) {
		while (i < n && (k[i] == '_' || k[i] == '-' || k[i] == '.'))
			i++;
		if (i >= n)
			break;
		struct word *cur = &w[nw++];
		cur->n = 0;
		for (; i < n; i++) {
			int c = (unsigned char)k[i];
			if (c == '_' || c == '-' || c == '.')
				break;
			if (cur->n > 0 && is_upper(c)) {
				int prev = (unsigned char)k[i - 1];
				int next = i + 1 < n ? (unsigned char)k[i + 1] : 0;
				/* fooBar | FOOBar -> FOO Bar */
				if (is_lower(prev) || is_digit(prev) || (is_upper(prev) && is_lower(next)))
					break;
			}
			if (cur->n < KEY_MAX)
				cur->s[cur->n++] = (char)lc(c);
		}
		cur->s[cur->n] = 0;
	}
	return nw;
}

/* Words that make a password-named key a setting, not a secret:
 * MinimumPasswordLength, PASS_MAX_DAYS, password_hash, csrf_token … */
static const char *const setting_words[] = {
	"min", "max", "minimum", "maximum", "length", "len", "age", "days", "day", "history",
	"complexity", "policy", "lockout", "attempts", "attempt", "retries", "retry", "reset",
	"change", "changed", "prompt", "label", "hint", "field", "input", "placeholder", "format",
	"type", "mode", "method", "file", "path", "dir", "url", "uri", "endpoint", "name", "ref",
	"csrf", "xsrf", "size", "count", "limit", "timeout", "ttl", "interval", "lifetime", "hash",
	"hashed", "digest", "md5", "sha1", "sha256", "sha512", "salt", "crypt", "encrypted",
	"cleartext", "plaintext", "required", "require", "enabled", "enable", "allow", "allowed",
	"authentication", "warn", "warning", "inactive", "quality", "strength", "rule", "rules",
	"check", "validation", "validator", "regex", "pattern", "manager", "helper", "provider",
	"command", "cmd", "script", "version", "scheme", "algorithm", "algo", "iterations",
	"rounds", "generator", "secretary", "tokenizer", "tokens", "last", "set", "expires",
	"expire", "expiry", "expiration", "expired", "never", "store", "storage", "encoding",
	"usage", "used", "protected", "protection", "bypass", "compass", "passenger", "level",
	"score", "minlen", "maxlen", "ucredit", "lcredit", "dcredit", "ocredit", "difok", "remember",
	"sync", "flag", "flags", "option", "options", "status", "state", "error", "errors", "fail",
	"failed", "failure", "invalid", "wrong", "mismatch", "not", "no", NULL};

static bool word_in(const struct word *w, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(w->s, list[i]) == 0)
			return true;
	return false;
}

/* Does the key name a secret?  0 = no, 2 = yes, 1 = only as a "token"
 * (session ids, payment tokens and references share the word, so the value
 * must look like a credential: see TOKEN_MIN). */
#define TOKEN_MIN 16
/* strength 3 (a bare "pass"/"pw" key): the value must hold a digit or a
 * symbol and be at least 4 characters, as passwords must */
static bool weak_ok(const char *v, size_t n)
{
	if (n < 4)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		if ((c >= '0' && c <= '9') || (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
			return true;
	}
	return false;
}
static bool strength_ok(int strength, const char *v, size_t n)
{
	return strength == 2 || (strength == 1 && n >= TOKEN_MIN) || (strength == 3 && weak_ok(v, n));
}
static int key_strength(const char *k, size_t n);

static int key_strength(const char *k, size_t n)
{
	if (!k || n == 0 || n > KEY_MAX)
		return 0;
	/* 密碼 (traditional), 密码 (simplified), 口令 */
	if (memmem(k, n, "\xe5\xaf\x86\xe7\xa2\xbc", 6) || memmem(k, n, "\xe5\xaf\x86\xe7\xa0\x81", 6) ||
	    memmem(k, n, "\xe5\x8f\xa3\xe4\xbb\xa4", 6))
		return 2;
	struct word w[WORDS_MAX];
	size_t nw = split_words(k, n, w, WORDS_MAX);
	bool secret = false, token = false, weak = false;
	for (size_t i = 0; i < nw; i++) {
		const char *s = w[i].s;
		size_t m = w[i].n;
		if (word_in(&w[i], setting_words))
			return 0;
		if (strcmp(s, "token") == 0 || (m > 5 && strcmp(s + m - 5, "token") == 0))
			token = true;
		if (strcmp(s, "pass") == 0 || strcmp(s, "pw") == 0)
			weak = true;
		if (strstr(s, "password") || strstr(s, "passwd") || strstr(s, "passphrase") ||
		    strstr(s, "passwort") || strstr(s, "secret") || strstr(s, "credential") ||
		    strstr(s, "apikey") || strcmp(s, "pwd") == 0 || strcmp(s, "passw") == 0 ||
		    strcmp(s, "requirepass") == 0 || strcmp(s, "masterauth") == 0 ||
		    strcmp(s, "accountkey") == 0 || strcmp(s, "sharedaccesskey") == 0)
			secret = true;
		/* dbpass, dbpwd, authtoken, accesstoken (one word) */
		if (m > 4 && m <= 10 && (strcmp(s + m - 4, "pass") == 0 || strcmp(s + m - 3, "pwd") == 0))
			secret = true;
		/* api key, access key, private key, account key, master key, auth key */
		if (i + 1 < nw && strcmp(w[i + 1].s, "key") == 0 &&
		    (strcmp(s, "api") == 0 || strcmp(s, "access") == 0 || strcmp(s, "private") == 0 ||
		     strcmp(s, "account") == 0 || strcmp(s, "master") == 0 || strcmp(s, "auth") == 0 ||
		     strcmp(s, "encryption") == 0 || strcmp(s, "signing") == 0))
			secret = true;
	}
	/* "pass"/"pw" alone name test results and counters as often as
	 * passwords ("log 1 pass = …"): only with a key word before them
	 * (db_pass, mysql.pw) or a password-like value (see WEAK) */
	if (secret)
		return 2;
	if (weak)
		return nw > 1 ? 2 : 3;
	return token ? 1 : 0;
}

/* ---- values -------------------------------------------------------------- */

static bool is_hash(const char *v, size_t n)
{
	static const char *const pfx[] = {"$1$", "$2a$", "$2b$", "$2x$", "$2y$", "$5$", "$6$",
					  "$7$", "$y$", "$gy$", "$argon2", "$pbkdf2", "$sha1$",
					  "$md5", "$scrypt", "$apr1$", "scram-sha-256$",
					  "pbkdf2_sha256$", "pbkdf2_sha1$", "bcrypt$", "argon2$",
					  "sha1$", "grub.pbkdf2.", NULL};
	for (size_t i = 0; pfx[i]; i++)
		if (span_istarts(v, n, pfx[i]))
			return true;
	/* {SSHA}, {SHA}, {CRYPT}, {PBKDF2-SHA256} …, but {noop}/{plain} are plaintext */
	if (n > 2 && v[0] == '{') {
		const char *e = memchr(v, '}', n < 24 ? n : 24);
		for (const char *t = v + 1; e && t < e; t++)
			if (!(is_alnum((unsigned char)*t) || *t == '-' || *t == '_' || *t == '.'))
				e = NULL;
		if (e && !span_istarts(v, n, "{noop}") && !span_istarts(v, n, "{plain}") &&
		    !span_istarts(v, n, "{cleartext}") && !span_istarts(v, n, "{clear}") &&
		    e > v + 1)
			return true;
	}
	/* PostgreSQL md5 + 32 hex; MySQL * + 40 hex */
	if (n == 35 && span_istarts(v, n, "md5")) {
		size_t i = 3;
		while (i < n && is_hex((unsigned char)v[i]))
			i++;
		if (i == n)
			return true;
	}
	if (n == 41 && v[0] == '*') {
		size_t i = 1;
		while (i < n && is_hex((unsigned char)v[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* A value that is not a literal secret: placeholders, references, masks,
 * settings, code, paths and hashes. */
static bool not_a_secret(const char *v, size_t n, bool quoted, const char *key, size_t keyn)
{
	while (n && is_space((unsigned char)v[0]))
		v++, n--;
	while (n && is_space((unsigned char)v[n - 1]))
		n--;
	if (n == 0)
		return true;
	/* PAM control syntax and arrays (Password: [success=end default=ignore]),
	 * objects, and labels in prose (Password: subsection:) */
	if (!quoted && (v[0] == '[' || v[0] == '(' || v[n - 1] == ':' ||
			(v[0] == '{' && !span_istarts(v, n, "{noop}") && !span_istarts(v, n, "{plain}") &&
			 !span_istarts(v, n, "{clear"))))
		return true;
	if (memifind(v, n, "pbkdf2"))
		return true; /* a PBKDF2 hash or a rule matching one */
	/* masks and placeholders: ****, xxxx, ..., ??? */
	size_t i;
	for (i = 0; i < n; i++) {
		int c = (unsigned char)v[i];
		if (!(c == '*' || c == 'x' || c == 'X' || c == '#' || c == '.' || c == '?' || c == '-' ||
		      c == '_' || c == '<' || c == '>' || c == '|' || c == '~' || c == '{' || c == '[' ||
		      c == '(' || c == '=' || c == ':' || c == '\'' || c == '"' || c == ',' || c == ';' ||
		      c == '/' || c == '\\' || c == '!' || c == '&'))
			break;
	}
	if (i == n)
		return true;
	/* references: ${X} $(x) {{ x }} %X% <x> $X @X@ #{x} */
	if (span_istarts(v, n, "${") || span_istarts(v, n, "$(") || span_istarts(v, n, "{{") ||
	    span_istarts(v, n, "#{") || span_istarts(v, n, "{%"))
		return true;
	if (n >= 2 && v[0] == '%' && v[n - 1] == '%')
		return true;
	if (n >= 2 && v[0] == '@' && v[n - 1] == '@')
		return true;
	if (n >= 2 && v[0] == '<' && v[n - 1] == '>')
		return true;
	if (n >= 2 && v[0] == '[' && v[n - 1] == ']' && !quoted)
		return true;
	if (is_hash(v, n))
		return true;
	if (v[0] == '$' && n > 1 && (is_alnum((unsigned char)v[1]) || v[1] == '_')) {
		/* $ENV_VAR (a hash was caught above) */
		size_t j = 1;
		while (j < n && (is_alnum((unsigned char)v[j]) || v[j] == '_'))
			j++;
		if (j == n || v[j] == '.' || v[j] == '[' || v[j] == '-')
			return true;
	}
	/* YAML tags (!vault, !ENV), ansible vault, jasypt ENC(...), Spring {cipher} */
	if (v[0] == '!' || span_istarts(v, n, "$ANSIBLE_VAULT") || span_istarts(v, n, "ENC(") ||
	    span_istarts(v, n, "{cipher}") || span_istarts(v, n, "vault:") ||
	    span_istarts(v, n, "secret://") || span_istarts(v, n, "arn:aws:secretsmanager"))
		return true;
	static const char *const words[] = {
		"null", "nil", "none", "true", "false", "yes", "no", "on", "off", "undefined", "empty",
		"redacted", "hidden", "masked", "removed", "omitted", "required", "optional", "string",
		"str", "int", "integer", "text", "varchar", "char", "your_password", "yourpassword",
		"your-password", "your_secret", "password_here", "secret_here", "***redacted***",
		"sensitive", "not_set", "notset", "unset", "default", "n/a", "na", "tbd", "todo",
		"use_env", "env", "prompt", "ask", "see_vault", "void", "object", "any", "bool",
		/* PAM control words (Password: requisite pam_pwquality.so) */
		"requisite", "sufficient", "include", "substack", NULL};
	for (size_t k = 0; words[k]; k++)
		if (span_ieq(v, n, words[k]))
			return true;
	/* a short number is a setting (ClearTextPassword = 0, minlen=8) */
	size_t d = 0;
	while (d < n && is_digit((unsigned char)v[d]))
		d++;
	if (d == n && n < 4)
		return true;
	/* value equal to the key: password=password is a pass-through variable
	 * in code (a quoted "password" is a real, weak, password) */
	if (!quoted && key && n == keyn) {
		bool same = true;
		for (size_t k = 0; k < n; k++)
			if (lc((unsigned char)v[k]) != lc((unsigned char)key[k])) {
				same = false;
				break;
			}
		if (same)
			return true;
	}
	if (!quoted) {
		/* code: getenv("X"), os.environ['X'], self.password, config.db.pass */
		int c0 = (unsigned char)v[0];
		if (is_alnum(c0) || c0 == '_') {
			bool ident_chain = true, has_dot = false;
			for (size_t k = 0; k < n; k++) {
				int c = (unsigned char)v[k];
				if (c == '(' || c == '[')
					return true;
				if (c == '.')
					has_dot = true;
				else if (!(is_alnum(c) || c == '_'))
					ident_chain = false;
			}
			if (ident_chain && has_dot && !is_digit(c0) && v[n - 1] != '.') {
				/* a.b.c where a part names a secret or a config object */
				if (memifind(v, n, "pass") || memifind(v, n, "secret") || memifind(v, n, "token") ||
				    memifind(v, n, "pwd") || memifind(v, n, "env") || memifind(v, n, "config") ||
				    memifind(v, n, "settings") || memifind(v, n, "self.") ||
				    memifind(v, n, "this.") || memifind(v, n, "args.") || memifind(v, n, "params"))
					return true;
			}
		}
	}
	/* file references: /etc/app/secret.txt, ~/.pgpass, C:\keys\a.pem, ./x */
	if ((v[0] == '/' && memchr(v + 1, '/', n - 1)) || span_istarts(v, n, "~/") ||
	    span_istarts(v, n, "./") || span_istarts(v, n, "../") ||
	    (n > 3 && is_alnum((unsigned char)v[0]) && v[1] == ':' && v[2] == '\\') ||
	    span_istarts(v, n, "file:") || span_istarts(v, n, "classpath:"))
		return true;
	static const char *const exts[] = {".pem", ".key", ".p12", ".pfx", ".jks", ".keystore",
					   ".txt", ".crt", ".cer", ".der", NULL};
	for (size_t k = 0; exts[k]; k++) {
		size_t m = strlen(exts[k]);
		if (n > m && span_ieq(v + n - m, m, exts[k]))
			return true;
	}
	return false;
}

/* ---- hits ---------------------------------------------------------------- */

struct acc {
	struct fc_secret_hit *hits;
	size_t n, max;
};

static void add_hit(struct acc *a, const char *kind, size_t ko, size_t kl, size_t vo, size_t vl)
{
	if (a->n >= a->max || vl == 0)
		return;
	for (size_t i = 0; i < a->n; i++) {
		const struct fc_secret_hit *h = &a->hits[i];
		if (vo < h->val_off + h->val_len && h->val_off < vo + vl)
			return; /* overlaps a hit already reported */
	}
	struct fc_secret_hit *h = &a->hits[a->n++];
	h->kind = kind;
	h->key_off = ko;
	h->key_len = kl;
	h->val_off = vo;
	h->val_len = vl;
}

/* A line that is a connection string: ADO/ODBC/JDBC keywords. */
static bool conn_context(const char *s, size_t n)
{
	static const char *const kw[] = {"jdbc:", "server=", "data source=", "datasource=",
					 "initial catalog=", "driver=", "provider=", "uid=",
					 "user id=", "userid=", "database=", "host=", "dsn=",
					 "odbc:", "endpoint=", "accountname=", NULL};
	for (size_t i = 0; kw[i]; i++)
		if (memifind(s, n, kw[i]))
			return true;
	return false;
}

/* The key at ko begins a statement: line start, or after ; , & ? { ( a
 * quote or a dash option (--pass=…). */
static bool starts_statement(const char *s, size_t ko)
{
	size_t j = ko;
	while (j > 0 && (s[j - 1] == '"' || s[j - 1] == '\'' || s[j - 1] == '-'))
		j--;
	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t'))
		j--;
	return j == 0 || strchr(";,&?{(\"'", s[j - 1]) != NULL;
}

/* Value after a separator at s[i]: quoted, {braced} in connection strings,
 * or a bare token.  Returns false if there is none. */
static bool take_value(const char *s, size_t n, size_t i, bool conn, size_t *vo, size_t *vl,
		       bool *quoted)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= n)
		return false;
	char q = s[i];
	*quoted = false;
	if (q == '"' || q == '\'' || q == '`') {
		size_t j = i + 1;
		while (j < n && s[j] != q) {
			if (s[j] == '\\' && j + 1 < n)
				j++;
			j++;
		}
		*vo = i + 1;
		*vl = (j <= n ? j : n) - (i + 1);
		*quoted = true;
		return true;
	}
	if (q == '{' && conn) {
		const char *e = memchr(s + i + 1, '}', n - i - 1);
		size_t j = e ? (size_t)(e - s) : n;
		*vo = i + 1;
		*vl = j - (i + 1);
		*quoted = true;
		return true;
	}
	size_t j = i;
	int brace = 0; /* {noop}secret: Spring's prefix is part of the value */
	while (j < n) {
		int c = (unsigned char)s[j];
		if (c == '{')
			brace++;
		else if (c == '}' && brace > 0) {
			brace--;
			j++;
			continue;
		}
		if (is_space(c) || c == ';' || c == '&' || c == '<' || c == '"' || c == '\'' ||
		    c == ')' || c == ']' || c == '}' || c == '`')
			break;
		if (c == ',' && !conn && (j + 1 >= n || s[j + 1] == ' ' || s[j + 1] == '"'))
			break;
		if (c == ',' && conn)
			break;
		j++;
	}
	*vo = i;
	*vl = j - i;
	return j > i;
}

/* Key ending just before position e (exclusive), skipping spaces and one
 * closing quote.  Returns the key span or false. */
static bool key_before(const char *s, size_t e, size_t *ko, size_t *kl)
{
	size_t j = e;
	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t'))
		j--;
	char q = 0;
	if (j > 0 && (s[j - 1] == '"' || s[j - 1] == '\'')) {
		q = s[j - 1];
		j--;
	}
	size_t end = j;
	while (j > 0 && end - j < KEY_MAX + 1) {
		unsigned char c = (unsigned char)s[j - 1];
		if (!key_char(c))
			break;
		/* stop at full-width punctuation: ：，、　 */
		if (c >= 0x80 && j >= 3 &&
		    (((unsigned char)s[j - 3] == 0xEF && (unsigned char)s[j - 2] == 0xBC) ||
		     ((unsigned char)s[j - 3] == 0xE3 && (unsigned char)s[j - 2] == 0x80)))
			break;
		j--;
	}
	if (q && (j == 0 || s[j - 1] != q))
		return false;
	/* --password, -Password */
	while (j < end && s[j] == '-')
		j++;
	if (end - j == 0 || end - j > KEY_MAX)
		return false;
	*ko = j;
	*kl = end - j;
	return true;
}

static void try_assignment(struct acc *a, const char *s, size_t n, size_t sep, size_t after,
			   bool conn, bool need_quote)
{
	size_t ko, kl, vo, vl;
	bool quoted;
	if (!key_before(s, sep, &ko, &kl))
		return;
	int strength = key_strength(s + ko, kl);
	if (!strength)
		return;
	if (strength == 3 && !starts_statement(s, ko))
		return; /* "log 1 pass = …": a bare pass inside prose */
	{ /* a hash whose own punctuation would cut a bare token: {SSHA}x= */
		size_t r = after;
		while (r < n && (s[r] == ' ' || s[r] == '\t' || s[r] == '"' || s[r] == '\''))
			r++;
		if (r < n && is_hash(s + r, n - r))
			return;
	}
	if (!take_value(s, n, after, conn, &vo, &vl, &quoted))
		return;
	if (need_quote && !quoted)
		return;
	if (!quoted) { /* YAML/INI trailing comment */
		while (vl > 0 && (s[vo + vl - 1] == ',' || s[vo + vl - 1] == '.'))
			vl--;
	}
	if (not_a_secret(s + vo, vl, quoted, s + ko, kl) || !strength_ok(strength, s + vo, vl))
		return;
	add_hit(a, conn ? "connection_string" : "password", ko, kl, vo, vl);
}

/* <password>secret</password> */
static void try_xml_element(struct acc *a, const char *s, size_t n, size_t lt)
{
	size_t j = lt + 1;
	while (j < n && key_char((unsigned char)s[j]) && s[j] != '.' && j - lt <= KEY_MAX)
		j++;
	if (j >= n || s[j] != '>' || j == lt + 1)
		return;
	size_t ko = lt + 1, kl = j - ko;
	int strength = key_strength(s + ko, kl);
	if (!strength)
		return;
	size_t vo = j + 1;
	const char *e = memchr(s + vo, '<', n - vo);
	if (!e)
		return; /* multi-line element: the value is not on this line */
	/* <password>x</password>: the element must close here ("Enter
	 * password: <password>" in prose is a placeholder, not XML) */
	size_t ce = (size_t)(e - s);
	if (ce + 2 + kl >= n || s[ce + 1] != '/' || memcmp(s + ce + 2, s + ko, kl) != 0 || s[ce + 2 + kl] != '>')
		return;
	size_t vl = (size_t)(e - s) - vo;
	while (vl && is_space((unsigned char)s[vo]))
		vo++, vl--;
	while (vl && is_space((unsigned char)s[vo + vl - 1]))
		vl--;
	if (vl > 1 && s[vo] == '<')
		return;
	if (not_a_secret(s + vo, vl, true, s + ko, kl) || !strength_ok(strength, s + vo, vl))
		return;
	add_hit(a, "password", ko, kl, vo, vl);
}

/* .NET appSettings: <add key="DbPassword" value="secret"/> */
static void try_key_value_attr(struct acc *a, const char *s, size_t n)
{
	const char *p = s;
	size_t left = n;
	const char *m;
	while ((m = memifind(p, left, "value=")) != NULL) {
		size_t vpos = (size_t)(m - s) + 6;
		/* the name attribute before value= */
		const char *k = NULL;
		size_t back = (size_t)(m - s);
		const char *lim = s + (back > 200 ? back - 200 : 0);
		for (const char *q = m; q > lim; q--) {
			if ((q - s >= 4 && span_istarts(q - 4, 4, "key=")) ||
			    (q - s >= 5 && span_istarts(q - 5, 5, "name="))) {
				k = q;
				break;
			}
			if (*q == '<' || *q == '>')
				break;
		}
		if (k && (*k == '"' || *k == '\'')) {
			const char *ke = memchr(k + 1, *k, (size_t)(m - k - 1));
			if (ke) {
				size_t ko = (size_t)(k + 1 - s), kl = (size_t)(ke - k - 1);
				size_t vo, vl;
				bool quoted;
				int strength = key_strength(s + ko, kl);
				if (strength && take_value(s, n, vpos, false, &vo, &vl, &quoted) && quoted &&
				    !not_a_secret(s + vo, vl, true, s + ko, kl) && strength_ok(strength, s + vo, vl))
					add_hit(a, conn_context(s, n) ? "connection_string" : "password", ko, kl,
						vo, vl);
			}
		}
		left -= (size_t)(m - p) + 6;
		p = m + 6;
	}
}

/* scheme://user:pass@host */
static void try_url(struct acc *a, const char *s, size_t n, size_t colon)
{
	/* scheme before "://" */
	size_t j = colon;
	while (j > 0 && (is_alnum((unsigned char)s[j - 1]) || s[j - 1] == '+' || s[j - 1] == '-' ||
			 s[j - 1] == '.'))
		j--;
	if (j == colon)
		return;
	size_t au = colon + 3, ae = au;
	while (ae < n) {
		int c = (unsigned char)s[ae];
		if (c == '/' || c == '?' || c == '#' || is_space(c) || c == '"' || c == '\'' || c == '<' ||
		    c == '>')
			break;
		ae++;
	}
	const char *at = NULL;
	for (size_t k = ae; k > au; k--)
		if (s[k - 1] == '@') {
			at = s + k - 1;
			break;
		}
	if (!at)
		return;
	const char *c = memchr(s + au, ':', (size_t)(at - (s + au)));
	if (!c)
		return;
	size_t ko = au, kl = (size_t)(c - (s + au));
	size_t vo = (size_t)(c + 1 - s), vl = (size_t)(at - (c + 1));
	if (not_a_secret(s + vo, vl, true, NULL, 0))
		return;
	add_hit(a, "connection_string", ko, kl, vo, vl);
}

/* jdbc:oracle:thin:scott/tiger@host, sqlplus scott/tiger@orcl, CONNECT u/p@db */
static void try_oracle(struct acc *a, const char *s, size_t n)
{
	static const char *const lead[] = {"thin:", "sqlplus ", "connect ", "conn ", "exp ", "imp ",
					   "expdp ", "impdp ", "rman target ", NULL};
	for (size_t l = 0; lead[l]; l++) {
		const char *m = memifind(s, n, lead[l]);
		if (!m)
			continue;
		size_t i = (size_t)(m - s) + strlen(lead[l]);
		while (i < n && s[i] == ' ')
			i++;
		if (l > 0 && i < n && s[i] == '-') { /* sqlplus -s user/pass@db */
			while (i < n && s[i] != ' ')
				i++;
			while (i < n && s[i] == ' ')
				i++;
		}
		size_t u = i;
		while (i < n && (is_alnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '$' || s[i] == '#'))
			i++;
		if (i == u || i >= n || s[i] != '/')
			continue;
		size_t vo = i + 1, j = vo;
		while (j < n && s[j] != '@' && !is_space((unsigned char)s[j]) && s[j] != '"' && s[j] != ';')
			j++;
		if (j >= n || s[j] != '@' || j == vo)
			continue;
		if (not_a_secret(s + vo, j - vo, true, NULL, 0))
			continue;
		add_hit(a, "connection_string", u, i - u, vo, j - vo);
	}
}

/* CREATE USER x IDENTIFIED BY 'secret' / ALTER USER … IDENTIFIED BY secret */
static void try_identified_by(struct acc *a, const char *s, size_t n)
{
	const char *m = memifind(s, n, "identified by ");
	if (!m)
		return;
	/* SQL only: CREATE/ALTER USER|ROLE … IDENTIFIED BY, not prose
	 * ("identified by Microsoft as PUA") */
	size_t pre = (size_t)(m - s);
	if (!memifind(s, pre, "user ") && !memifind(s, pre, "role ") && !memifind(s, pre, "login ") &&
	    !memifind(s, pre, "grant "))
		return;
	size_t i = (size_t)(m - s) + 14;
	while (i < n && s[i] == ' ')
		i++;
	if (span_istarts(s + i, n - i, "password ") || span_istarts(s + i, n - i, "values "))
		return; /* IDENTIFIED BY PASSWORD '*hash' */
	size_t vo, vl;
	bool quoted;
	if (!take_value(s, n, i, false, &vo, &vl, &quoted))
		return;
	if (not_a_secret(s + vo, vl, true, NULL, 0))
		return;
	add_hit(a, "password", (size_t)(m - s), 13, vo, vl);
}

/* -----BEGIN RSA PRIVATE KEY----- (not ENCRYPTED) */
static void try_pem(struct acc *a, const char *s, size_t n)
{
	const char *m = memmem(s, n, "-----BEGIN ", 11);
	if (!m)
		return;
	size_t i = (size_t)(m - s) + 11;
	const char *e = memmem(s + i, n - i, "-----", 5);
	if (!e)
		return;
	size_t ll = (size_t)(e - (s + i));
	if (!memmem(s + i, ll, "PRIVATE KEY", 11) || memmem(s + i, ll, "ENCRYPTED", 9))
		return;
	add_hit(a, "private_key", i, ll, (size_t)(m - s), (size_t)(e + 5 - m));
}

static bool tok_boundary(const char *s, size_t n, size_t i)
{
	return i >= n || !(is_alnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-');
}

/* AKIA…/ASIA… AWS access keys, GitHub, Slack, Google and Stripe tokens. */
static void try_tokens(struct acc *a, const char *s, size_t n)
{
	for (size_t i = 0; i + 16 <= n; i++) {
		int c = (unsigned char)s[i];
		if (i > 0 && !tok_boundary(s, n, i - 1))
			continue;
		size_t j;
		if (c == 'A' && (memcmp(s + i, "AKIA", 4) == 0 || memcmp(s + i, "ASIA", 4) == 0)) {
			for (j = i + 4; j < n && (is_upper((unsigned char)s[j]) || is_digit((unsigned char)s[j])); j++)
				;
			if (j - i == 20 && tok_boundary(s, n, j))
				add_hit(a, "aws_key", 0, 0, i, 20);
			continue;
		}
		if (c == 'g' && n - i >= 40 && s[i + 1] == 'h' && s[i + 3] == '_' &&
		    strchr("pousr", s[i + 2])) {
			for (j = i + 4; j < n && is_alnum((unsigned char)s[j]); j++)
				;
			if (j - i >= 40 && tok_boundary(s, n, j))
				add_hit(a, "github_token", 0, 0, i, j - i);
			continue;
		}
		if (c == 'x' && n - i >= 20 && s[i + 1] == 'o' && s[i + 2] == 'x' && s[i + 4] == '-' &&
		    strchr("abprs", s[i + 3])) {
			for (j = i + 5; j < n && (is_alnum((unsigned char)s[j]) || s[j] == '-'); j++)
				;
			if (j - i >= 20)
				add_hit(a, "slack_token", 0, 0, i, j - i);
			continue;
		}
		if (c == 'A' && n - i >= 39 && memcmp(s + i, "AIza", 4) == 0) {
			for (j = i + 4; j < n && (is_alnum((unsigned char)s[j]) || s[j] == '_' || s[j] == '-'); j++)
				;
			if (j - i == 39)
				add_hit(a, "google_api_key", 0, 0, i, 39);
			continue;
		}
		if (c == 's' && (memcmp(s + i, "sk_live_", 8) == 0 || memcmp(s + i, "rk_live_", 8) == 0)) {
			for (j = i + 8; j < n && is_alnum((unsigned char)s[j]); j++)
				;
			if (j - i >= 24)
				add_hit(a, "stripe_key", 0, 0, i, j - i);
			continue;
		}
	}
}

size_t fc_secret_scan_line(const char *s, size_t n, struct fc_secret_hit *hits, size_t max)
{
	struct acc a = {hits, 0, max};
	if (!s || !hits || max == 0)
		return 0;
	try_pem(&a, s, n);
	bool conn = conn_context(s, n);
	for (size_t i = 0; i < n && a.n < max; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '=') {
			if ((i + 1 < n && s[i + 1] == '=') || (i > 0 && (s[i - 1] == '=' || s[i - 1] == '!' ||
								 s[i - 1] == '<' || s[i - 1] == '>')))
				continue; /* == != <= >= comparisons */
			size_t after = i + 1;
			if (after < n && s[after] == '>')
				after++; /* => */
			size_t sep = (i > 0 && s[i - 1] == ':') ? i - 1 : i; /* := */
			try_assignment(&a, s, n, sep, after, conn, false);
		} else if (c == ':') {
			if (i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/') {
				try_url(&a, s, n, i);
				continue;
			}
			if (i + 1 < n && (s[i + 1] == '=' || s[i + 1] == ':'))
				continue;
			if (i > 0 && s[i - 1] == ':')
				continue;
			try_assignment(&a, s, n, i, i + 1, conn, false);
		} else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBC &&
			   ((unsigned char)s[i + 2] == 0x9A || (unsigned char)s[i + 2] == 0x9D)) {
			/* full-width ： and ＝ */
			try_assignment(&a, s, n, i, i + 3, conn, false);
		} else if (c == '<' && i + 1 < n && s[i + 1] != '/') {
			try_xml_element(&a, s, n, i);
		} else if ((c == '"' || c == '\'') && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
			/* PostgreSQL: PASSWORD 'secret'; Cisco-free: key 'value' */
			size_t ko, kl;
			if (key_before(s, i, &ko, &kl) && kl <= 16 &&
			    (span_ieq(s + ko, kl, "password") || span_ieq(s + ko, kl, "passwd") ||
			     span_ieq(s + ko, kl, "pwd")))
				try_assignment(&a, s, n, i, i, conn, true);
		}
	}
	/* Cisco/Redis directives with a space: password 0 x, password 7 x, requirepass x */
	{
		static const char *const dir[] = {"requirepass ", "masterauth ", NULL};
		for (size_t d = 0; dir[d]; d++) {
			size_t i = 0;
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
			if (span_istarts(s + i, n - i, dir[d])) {
				size_t vo, vl;
				bool quoted;
				size_t kl = strlen(dir[d]) - 1;
				if (take_value(s, n, i + kl, false, &vo, &vl, &quoted) &&
				    !not_a_secret(s + vo, vl, quoted, NULL, 0))
					add_hit(&a, "password", i, kl, vo, vl);
			}
		}
		const char *m = s;
		size_t left = n;
		while (left > 0) {
			const char *p = memifind(m, left, "password ");
			const char *q = memifind(m, left, "secret ");
			const char *k = p && (!q || p < q) ? p : q;
			if (!k)
				break;
			size_t kl = (k == p) ? 8 : 6;
			size_t i = (size_t)(k - s) + kl + 1;
			bool word_start = k == s || !is_alnum((unsigned char)k[-1]);
			if (word_start && i + 2 < n && (s[i] == '0' || s[i] == '7') && s[i + 1] == ' ') {
				size_t vo, vl;
				bool quoted;
				if (take_value(s, n, i + 2, false, &vo, &vl, &quoted) &&
				    !not_a_secret(s + vo, vl, true, NULL, 0))
					add_hit(&a, "password", (size_t)(k - s), kl, vo, vl);
			}
			left = n - ((size_t)(k - s) + kl);
			m = k + kl;
		}
	}
	if (a.n < max)
		try_key_value_attr(&a, s, n);
	if (a.n < max)
		try_oracle(&a, s, n);
	if (a.n < max)
		try_identified_by(&a, s, n);
	if (a.n < max)
		try_tokens(&a, s, n);
	return a.n;
}

void fc_secret_redact(const char *val, size_t n, char *out, size_t outsz)
{
	if (!out || outsz == 0)
		return;
	if (!val)
		n = 0;
	/* first character (a whole UTF-8 sequence), unless the secret is so
	 * short that one character is a real part of it */
	size_t first = 0;
	if (n >= 4) {
		unsigned char c = (unsigned char)val[0];
		first = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
		if (first > n)
			first = 0;
		for (size_t i = 1; i < first; i++)
			if (((unsigned char)val[i] & 0xC0) != 0x80)
				first = 0;
		if (first == 1 && (c < 0x20 || c == 0x7f))
			first = 0;
	}
	snprintf(out, outsz, "%.*s****(%zu)", (int)first, first ? val : "", n);
}
