/* Unit tests for src/parse/secrets.c: plaintext secrets in one line
 * (seed 000 電子商務系統安全管理: DB passwords in plaintext in the DMZ). */
#include "t.h"
#include "parse/secrets.h"

static struct fc_secret_hit H[8];
static size_t NH;
static char VAL[256], KEY[128];

/* Scan s; remember the first hit's key and value. */
static size_t scan(const char *s)
{
	NH = fc_secret_scan_line(s, strlen(s), H, 8);
	VAL[0] = KEY[0] = 0;
	if (NH) {
		snprintf(VAL, sizeof VAL, "%.*s", (int)H[0].val_len, s + H[0].val_off);
		snprintf(KEY, sizeof KEY, "%.*s", (int)H[0].key_len, s + H[0].key_off);
	}
	return NH;
}

TEST(secrets_assignments)
{
	CHECK_INT(scan("db.password=Tr0ub4dor&3"), 1);
	CHECK_STR(H[0].kind, "password");
	CHECK_STR(KEY, "db.password");
	CHECK_STR(VAL, "Tr0ub4dor");
	CHECK_INT(scan("  password: \"s3cr3t pass\"  # prod"), 1);
	CHECK_STR(VAL, "s3cr3t pass");
	CHECK_INT(scan("{\"apiKey\": \"ab12cd34ef\", \"user\": \"x\"}"), 1);
	CHECK_STR(KEY, "apiKey");
	CHECK_STR(VAL, "ab12cd34ef");
	CHECK_INT(scan("export DB_PASS=hunter22"), 1);
	CHECK_STR(KEY, "DB_PASS");
	CHECK_STR(VAL, "hunter22");
	CHECK_INT(scan("<password>P@ssw0rd!</password>"), 1);
	CHECK_STR(KEY, "password");
	CHECK_STR(VAL, "P@ssw0rd!");
	CHECK_INT(scan("<add key=\"DbPassword\" value=\"Winter2026\" />"), 1);
	CHECK_STR(KEY, "DbPassword");
	CHECK_STR(VAL, "Winter2026");
	CHECK_INT(scan("client_secret = 'q8Zr-2kLm'"), 1);
	CHECK_STR(VAL, "q8Zr-2kLm");
	CHECK_INT(scan("mysqldump --user=root --password=Root1234 bank"), 1);
	CHECK_STR(KEY, "password");
	CHECK_STR(VAL, "Root1234");
	CHECK_INT(scan("requirepass foobared99"), 1);
	CHECK_STR(VAL, "foobared99");
	CHECK_INT(scan(" username admin password 0 Cisco123"), 1);
	CHECK_STR(VAL, "Cisco123");
	/* 密碼 labels in Chinese, full-width colon */
	CHECK_INT(scan("資料庫密碼：Abc12345"), 1);
	CHECK_STR(VAL, "Abc12345");
	CHECK_INT(scan("CREATE USER app IDENTIFIED BY 'Orcl#2026';"), 1);
	CHECK_STR(VAL, "Orcl#2026");
	CHECK_INT(scan("CREATE ROLE web LOGIN PASSWORD 'pgSecret9';"), 1);
	CHECK_STR(VAL, "pgSecret9");
}

TEST(secrets_connection_strings)
{
	CHECK_INT(scan("url=jdbc:oracle:thin:scott/tiger@10.20.1.5:1521:ORCL"), 1);
	CHECK_STR(H[0].kind, "connection_string");
	CHECK_STR(KEY, "scott");
	CHECK_STR(VAL, "tiger");
	CHECK_INT(scan("Server=10.1.2.3;Database=Core;User Id=sa;Password=Sa@2026;"), 1);
	CHECK_STR(H[0].kind, "connection_string");
	CHECK_STR(VAL, "Sa@2026");
	CHECK_INT(scan("DSN=core;UID=app;PWD={a;b}c"), 1);
	CHECK_STR(VAL, "a;b");
	CHECK_INT(scan("DATABASE_URL=postgres://app:pa55word@db.example.tw:5432/core"), 1);
	CHECK_STR(H[0].kind, "connection_string");
	CHECK_STR(KEY, "app");
	CHECK_STR(VAL, "pa55word");
	CHECK_INT(scan("mongodb+srv://svc:Zx9%40q@cluster0/x"), 1);
	CHECK_STR(VAL, "Zx9%40q");
	CHECK_INT(scan("jdbc:mysql://db/core?user=app&password=My5ql!&ssl=true"), 1);
	CHECK_STR(H[0].kind, "connection_string");
	CHECK_STR(VAL, "My5ql!");
	CHECK_INT(scan("sqlplus -s system/Manager1@ORCL @report.sql"), 1);
	CHECK_STR(VAL, "Manager1");
	/* URL without a password, or a placeholder */
	CHECK_INT(scan("https://user@example.com/x"), 0);
	CHECK_INT(scan("postgres://app:${DB_PASS}@db/core"), 0);
}

TEST(secrets_keys_and_tokens)
{
	CHECK_INT(scan("-----BEGIN RSA PRIVATE KEY-----"), 1);
	CHECK_STR(H[0].kind, "private_key");
	CHECK_STR(KEY, "RSA PRIVATE KEY");
	CHECK_INT(scan("-----BEGIN OPENSSH PRIVATE KEY-----"), 1);
	CHECK_INT(scan("-----BEGIN ENCRYPTED PRIVATE KEY-----"), 0);
	CHECK_INT(scan("-----BEGIN CERTIFICATE-----"), 0);
	CHECK_INT(scan("aws_access_key_id AKIAIOSFODNN7EXAMPLE"), 1);
	CHECK_STR(H[0].kind, "aws_key");
	CHECK_STR(VAL, "AKIAIOSFODNN7EXAMPLE");
	CHECK_INT(scan("XAKIAIOSFODNN7EXAMPLE"), 0);
	CHECK_INT(scan("token ghp_0123456789abcdefghijABCDEFGHIJ012345 end"), 1);
	CHECK_STR(H[0].kind, "github_token");
	/* a bare "token" needs a credential-sized value: payment tokens and
	 * short references in logs are not secrets */
	CHECK_INT(scan("charge ok token=tok_1234567 result=APPROVED"), 0);
	CHECK_INT(scan("auth_token: \"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0\""), 1);
	CHECK_INT(scan("<token>0123456789abcdef0123</token>"), 1);
}

TEST(secrets_not_secrets)
{
	/* settings whose key names a password */
	CHECK_INT(scan("MinimumPasswordLength = 8"), 0);
	CHECK_INT(scan("PasswordComplexity = 1"), 0);
	CHECK_INT(scan("ClearTextPassword = 0"), 0);
	CHECK_INT(scan("PASS_MAX_DAYS=90"), 0);
	CHECK_INT(scan("password_hash: $6$rounds=5000$abc$def"), 0);
	CHECK_INT(scan("csrf_token=4f9a8b7c6d"), 0);
	CHECK_INT(scan("PasswordAuthentication: no"), 0);
	/* placeholders, references, masks */
	CHECK_INT(scan("password="), 0);
	CHECK_INT(scan("password=${DB_PASSWORD}"), 0);
	CHECK_INT(scan("password=$DB_PASSWORD"), 0);
	CHECK_INT(scan("password=%DB_PASS%"), 0);
	CHECK_INT(scan("password: \"{{ vault_db_password }}\""), 0);
	CHECK_INT(scan("password: <your password>"), 0);
	CHECK_INT(scan("password=********"), 0);
	CHECK_INT(scan("password: !vault |"), 0);
	CHECK_INT(scan("password=ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)"), 0);
	CHECK_INT(scan("db_password = os.environ['DB_PASSWORD']"), 0);
	CHECK_INT(scan("conn = connect(user=user, password=password)"), 0);
	CHECK_INT(scan("password = settings.DB_PASSWORD"), 0);
	CHECK_INT(scan("ssl_key_password_file=/etc/ssl/pw.txt"), 0);
	/* hashes */
	CHECK_INT(scan("password: $2b$12$KIXQJ6s0nZ5jK1p2w3e4r5t6y7u8i9o0pAsDfGhJkLzXcVbNm"), 0);
	CHECK_INT(scan("userPassword: {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g="), 0);
	CHECK_INT(scan("password=*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29"), 0);
	CHECK_INT(scan("enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0"), 0);
	/* prose and logs */
	CHECK_INT(scan("Failed password for root from 10.0.0.1 port 22 ssh2"), 0);
	CHECK_INT(scan("if (password == \"\") return;"), 0);
	/* seen in real files (shared/corpora): a test-case key, prose with
	 * <password> placeholders, a PAM profile, a GRUB hash */
	CHECK_INT(scan("log 1 pass = Feb  9 11:44:56 someserver sshd[1234]: error"), 0);
	CHECK_INT(scan("db_pass = Feb"), 1);
	CHECK_INT(scan("pass = hunter2"), 1);
	CHECK_INT(scan("Enter password: <password> Reenter password: <password> PBKDF2 hash of your password is"), 0);
	CHECK_INT(scan("Password-Type: Primary Password: requisite pam_pwquality.so retry=3"), 0);
	CHECK_INT(scan("GRUB2_PASSWORD=grub.pbkdf2.sha512.10000.ABCDEF"), 0);
	CHECK_INT(scan("FilterAdministratorToken=4,0"), 0);
	CHECK_INT(scan("log 1 pass = 2013-10-30T14:51:21.901728+01:00 srv sshd[12664]: Postponed"), 0);
	CHECK_INT(scan("'Password-Type: Primary' 'Password:' ' requisite pam_pwquality.so'"), 0);
	CHECK_INT(scan("Password: [success=end default=ignore] pam_unix.so"), 0);
	CHECK_INT(scan("r:^\\s*GRUB2_PASSWORD=grub\\.pbkdf2\\.sha512"), 0);
	CHECK_INT(scan("impact: Applications that are identified by Microsoft as PUA will be blocked"), 0);
	CHECK_INT(scan("ALTER USER scott IDENTIFIED BY tiger2026;"), 1);
	CHECK_INT(scan("in the Password section under Password: subsection: Note"), 0);
	/* {noop} is Spring's plaintext marker */
	CHECK_INT(scan("spring.security.user.password={noop}admin123"), 1);
}

TEST(secrets_redact)
{
	char out[32];
	fc_secret_redact("p@ssw0rd!", 9, out, sizeof out);
	CHECK_STR(out, "p****(9)");
	fc_secret_redact("abc", 3, out, sizeof out);
	CHECK_STR(out, "****(3)");
	fc_secret_redact("密碼很長的", 15, out, sizeof out);
	CHECK_STR(out, "密****(15)");
	fc_secret_redact(NULL, 0, out, sizeof out);
	CHECK_STR(out, "****(0)");
	char tiny[4];
	fc_secret_redact("secret", 6, tiny, sizeof tiny);
	CHECK_INT(strlen(tiny), 3);
	CHECK(strstr(tiny, "ecret") == NULL);
}

TEST(secrets_many_hits_capped)
{
	const char *s = "a_password=one1 b_password=two2 c_password=three3";
	struct fc_secret_hit h[2];
	CHECK_INT(fc_secret_scan_line(s, strlen(s), h, 2), 2);
	CHECK_INT(fc_secret_scan_line(s, strlen(s), h, 0), 0);
	/* not NUL-terminated input: only n bytes are read */
	char buf[8] = {'p', 'w', 'd', '=', 'a', 'b', 'c', 'd'};
	struct fc_secret_hit h1[1];
	CHECK_INT(fc_secret_scan_line(buf, 8, h1, 1), 1);
	CHECK_INT(h1[0].val_len, 4);
}

int main(void)
{
	RUN(secrets_assignments);
	RUN(secrets_connection_strings);
	RUN(secrets_keys_and_tokens);
	RUN(secrets_not_secrets);
	RUN(secrets_redact);
	RUN(secrets_many_hits_capped);
	return t_done();
}
