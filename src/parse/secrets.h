/*
 * Plaintext-secret detection in one line of text, shared by the host-config
 * checks (seed 000: 連線資料庫使用之密碼存放於DMZ區且明碼存放) and the data
 * scanner.  Implemented in secrets.c.
 *
 * Detected kinds: "password" (key = value / key: value / <key>value</key> /
 * key="value" where key names a password, secret, token, credential, api key
 * …), "connection_string" (JDBC/ODBC/ADO/URI forms carrying a password, e.g.
 * jdbc:oracle:thin:user/pass@host, Password=…; in a connection string,
 * scheme://user:pass@host), "private_key" (-----BEGIN … PRIVATE KEY-----,
 * not ENCRYPTED), "aws_key" and similar high-confidence token shapes.
 * Not secrets: empty values, ${ENV}/$ENV/%ENV%/{{ var }}/<placeholder>/
 * changeme-style placeholders like "****", and hashes ($1$/$5$/$6$/$2b$/
 * $argon2…, {SSHA}, {SHA}, 32+ hex chars labelled as hash/digest).
 */
#ifndef FC_SECRETS_H
#define FC_SECRETS_H
#include <stddef.h>

struct fc_secret_hit {
	const char *kind;	/* static string, see above */
	size_t key_off, key_len; /* the key/label in the line (0,0 if none) */
	size_t val_off, val_len; /* the secret value in the line */
};

/* Scan one line (no newline); fills up to max hits, returns the count. */
size_t fc_secret_scan_line(const char *line, size_t n, struct fc_secret_hit *hits, size_t max);

/* A redacted form that never reveals the secret: first char, "****", and the
 * length, e.g. "p****(9)"; out is always NUL-terminated. */
void fc_secret_redact(const char *val, size_t n, char *out, size_t outsz);

#endif
