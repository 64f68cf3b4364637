/* Unit tests for the personal-data scanner (src/parse/pii_scan.c): the test
 * vectors and false-positive lines of ../shared/reference/peers-performance.md
 * §3, formats (CSV, SQL, JSON, gzip, UTF-16), masking, chunk boundaries and
 * the SIMD/portable equivalence. */
#include <stdlib.h>
#include <zlib.h>
#include "t.h"
#include "core/diag.h"
#include "core/mem.h"
#include "engine/bundle.h"
#include "parse/pii.h"

static struct fc_pii_result R;
static struct fc_diag D;

static void scan_opts(const char *name, const void *p, size_t n, const struct fc_pii_opts *o)
{
	fc_pii_result_init(&R);
	fc_diag_release(&D);
	fc_diag_init(&D);
	fc_pii_scan_mem(p, n, name, o, &R, &D);
}
static void scan(const char *name, const char *s)
{
	scan_opts(name, s, strlen(s), NULL);
}
static unsigned long long V(int t)
{
	return R.counts[t].valid;
}
static unsigned long long M(int t)
{
	return R.counts[t].masked;
}
static unsigned long long I(int t)
{
	return R.counts[t].invalid;
}
/* the n-th sample of a type (NULL if none) */
static const struct fc_pii_sample *sample(int type, int nth)
{
	for (size_t i = 0; i < R.nsamples; i++)
		if (R.samples[i].type == type && nth-- == 0)
			return &R.samples[i];
	return NULL;
}

TEST(pii_id_vectors)
{
	/* peers-performance.md §3.5 */
	CHECK_INT(fc_tw_id_check("A123456789"), 1);
	CHECK_INT(fc_tw_id_check("A123456788"), 0);
	CHECK_INT(fc_tw_id_check("A800000014"), 2);
	CHECK_INT(fc_tw_id_check("A800000015"), 0);
	CHECK_INT(fc_tw_id_check("AC01234567"), 3);
	CHECK_INT(fc_tw_id_check("AA00000009"), 3);
	CHECK_INT(fc_tw_id_check("A900000007"), 2);
	for (char c = '0'; c <= '9'; c++) {
		char s[11] = "A90000000?";
		s[9] = c;
		CHECK_INT(fc_tw_id_check(s) > 0, c == '7');
	}
	/* third-party "valid" vectors that fail the standard checksum (§3.5) */
	CHECK_INT(fc_tw_id_check("B287654321"), 0);
	CHECK_INT(fc_tw_id_check("Z123456789"), 0);
	/* shapes: lower-case first letter accepted, old certificates need A–D */
	CHECK_INT(fc_tw_id_check("a123456789"), 1);
	CHECK_INT(fc_tw_id_check("AE01234567"), -1);
	CHECK_INT(fc_tw_id_check("aC01234567"), -1);
	CHECK_INT(fc_tw_id_check("A323456789"), -1);
	CHECK_INT(fc_tw_id_check("1123456789"), -1);
}

TEST(pii_card_ubn_vectors)
{
	CHECK(fc_luhn_ok("4111111111111111", 16));
	CHECK(!fc_luhn_ok("4111111111111112", 16));
	CHECK(fc_card_iin_ok("4111111111111111", 16));
	CHECK(fc_card_iin_ok("5500000000000004", 16));
	CHECK(fc_card_iin_ok("2221000000000009", 16));
	CHECK(fc_card_iin_ok("378282246310005", 15));
	CHECK(!fc_card_iin_ok("378282246310005", 16));
	CHECK(fc_card_iin_ok("3530111333300000", 16));
	CHECK(fc_card_iin_ok("6200000000000005", 16));
	CHECK(!fc_card_iin_ok("0000000000000000", 16));
	CHECK(!fc_card_iin_ok("1234567890123456", 16));
	CHECK(fc_tw_ubn_ok("22099131"));
	CHECK(fc_tw_ubn_ok("04595257"));
	CHECK(!fc_tw_ubn_ok("22099132"));
	CHECK(fc_tw_ubn_ok("10458575"));
	CHECK(fc_tw_ubn_ok("10458574")); /* 7th digit 7: the 10 counts as 0 */
	CHECK(fc_tw_ubn_ok("00000074"));
	CHECK(!fc_tw_ubn_ok("00000073"));
}

TEST(pii_ids_in_text)
{
	scan("a.txt", "客戶身分證字號A123456789已建檔\n"
		      "bad A123456788 new A800000014 old AC01234567 AA00000009\n"
		      "glued XA123456789 and A123456789B and 1A123456789 are no IDs\n"
		      "lower a123456789, in <td>F131104093</td>\n");
	CHECK_INT(V(FC_PII_NATIONAL_ID), 3);
	CHECK_INT(I(FC_PII_NATIONAL_ID), 1);
	CHECK_INT(V(FC_PII_RESIDENT_ID), 3);
	CHECK_INT(R.first_line[FC_PII_NATIONAL_ID], 1);
	CHECK_INT(R.records, 3);
	const struct fc_pii_sample *s = sample(FC_PII_NATIONAL_ID, 0);
	CHECK(s && s->line == 1);
	CHECK_STR(s ? s->value : NULL, "A12****789");
	CHECK_STR(sample(FC_PII_NATIONAL_ID, 1)->value, "A12****789");
	CHECK_INT(sample(FC_PII_NATIONAL_ID, 1)->line, 4);
	CHECK_STR(sample(FC_PII_RESIDENT_ID, 1)->value, "AC0****567");
}

TEST(pii_false_positive_lines)
{
	/* the shapes of the two lines of peers-performance.md §3.7: a 16-digit
	 * zero string in a kernel BIOS-e820 line and a Luhn-valid run glued to
	 * hex in an OS fingerprint */
	scan("linux.log", "Jun 14 15:16:01 combo kernel: BIOS-e820: 0000000000000000 - 000000000009f000 (usable)\n"
			  "Jun 14 15:16:01 combo kernel: BIOS-e820: 0000000000100000 - 0000000007eae000 (usable)\n");
	CHECK_INT(V(FC_PII_CARD) + I(FC_PII_CARD), 0);
	scan("scan.nessus", "<tag name=\"os\">P1=ffff4445414401030307:P2=4445414401030307ffff</tag>\n"
			    "fp: ffff4445414401030307:\n");
	CHECK_INT(V(FC_PII_CARD), 0);
	/* decimals, versions, IPs, timestamps, hashes */
	scan("misc.txt", "pi=3.4111111111111111 v1.4111111111111111.2 at 2026-11-01T09:30:00+08:00\n"
			 "sha d41d8cd98f00b204e9800998ecf8427e ip 10.20.30.40 order 20261101 qty 4111111111\n"
			 "all same 4444444444444444 zero 0000000000000000\n");
	for (int t = 0; t < FC_PII__COUNT; t++)
		CHECK_INT(V(t), 0);
	/* a Luhn-valid number outside the issuer ranges is not a card */
	scan("x.txt", "id 1234567812345670 ref 9999999999999995\n");
	CHECK_INT(V(FC_PII_CARD), 0);
}

TEST(pii_cards)
{
	scan("pay.log", "2026-10-01 10:00:01 pay ok card=4111111111111111 exp=12/27 amt=100\n"
			"2026-10-01 10:00:02 pay ok card=5500-0000-0000-0004 amt=200\n"
			"2026-10-01 10:00:03 amex 3782 822463 10005 jcb 3530 1113 3330 0000\n"
			"2026-10-01 10:00:04 bad luhn 4111111111111112\n"
			"2026-10-01 10:00:05 masked 4111-****-****-1111 and 411111******1111\n"
			"track2 ;5500000000000004=27121010000000000000?\n");
	CHECK_INT(V(FC_PII_CARD), 5);
	CHECK_INT(I(FC_PII_CARD), 1);
	CHECK_INT(M(FC_PII_CARD), 2);
	/* the date at the line start is no expiry; 12/27 and track-2 =2712 are */
	CHECK_INT(R.card_expiry, 2);
	CHECK_INT(R.first_expiry_line, 1);
	const struct fc_pii_sample *s = sample(FC_PII_CARD, 0);
	CHECK(s && s->expiry);
	CHECK_STR(s ? s->value : NULL, "4111********1111");
	CHECK_STR(s ? s->column : NULL, "card");
	CHECK(!sample(FC_PII_CARD, 1)->expiry);
	/* YYYY-MM expiry and MM/YYYY */
	scan("c.txt", "card 4111111111111111 valid thru 2027-12\n"
		      "card 4111111111111111 exp 01/2028\n"
		      "card 4111111111111111 paid 2026-11-01\n");
	CHECK_INT(V(FC_PII_CARD), 3);
	CHECK_INT(R.card_expiry, 2);
}

TEST(pii_mobiles_emails)
{
	scan("m.txt", "tel 0912345678, 0912-345-678, 0912 345 678, 0912.345.678, +886 912 345 678, +886-912-345678, +886912345678\n"
		      "not 09123456789 nor 0812345678 nor +886 2 2345 6789 nor 1-0912345678x\n"
		      "masked 0912***678 0912-XXX-678\n"
		      "mail wang.xm@example.com.tw, a+b@mail.bank.tw; masked w***@example.com\n"
		      "not mail: root@localhost user@10.0.0.1 logo@2x.png git@host\n");
	CHECK_INT(V(FC_PII_MOBILE), 7);
	CHECK_INT(M(FC_PII_MOBILE), 2);
	CHECK_INT(V(FC_PII_EMAIL), 2);
	CHECK_INT(M(FC_PII_EMAIL), 1);
	CHECK_STR(sample(FC_PII_MOBILE, 0)->value, "0912***678");
	CHECK_STR(sample(FC_PII_EMAIL, 0)->value, "w***@example.com.tw");
}

TEST(pii_bank_ubn_context)
{
	scan("b.txt", "匯款帳號：0123456789012\n"
		      "account no 1234-5678-90123\n"
		      "order 0123456789012 (no context word)\n"
		      "統一編號 22099131, 統編:04595257, bad 統一編號 22099132\n"
		      "20261101 is a date, 22099131 has no context\n"
		      "帳號 012****89012\n");
	CHECK_INT(V(FC_PII_BANK_ACCOUNT), 2);
	CHECK_INT(M(FC_PII_BANK_ACCOUNT), 1);
	CHECK_INT(V(FC_PII_BUSINESS_ID), 2);
	CHECK_INT(I(FC_PII_BUSINESS_ID), 1);
	CHECK_STR(sample(FC_PII_BANK_ACCOUNT, 0)->column, "匯款帳號");
	/* 統一編號 is not personal data: no record counted for line 4 */
	CHECK_INT(R.records, 2);
}

TEST(pii_masked_only_file)
{
	scan("masked.csv", "name,id,mobile,card,email\n"
			   "王*明,A12****789,0912***678,4111-****-****-1111,w***@example.com\n"
			   "陳*玲,B2*****780,0987-***-321,************1111,c***@example.com.tw\n");
	CHECK_INT(V(FC_PII_NATIONAL_ID) + V(FC_PII_MOBILE) + V(FC_PII_CARD) + V(FC_PII_EMAIL), 0);
	CHECK_INT(M(FC_PII_NATIONAL_ID), 2);
	CHECK_INT(M(FC_PII_MOBILE), 2);
	CHECK_INT(M(FC_PII_CARD), 2);
	CHECK_INT(M(FC_PII_EMAIL), 2);
	CHECK_INT(R.records, 0);
}

TEST(pii_csv_columns)
{
	scan("c.csv", "\xEF\xBB\xBF" "id,\"姓名\",身分證字號,備註,手機\r\n"
		      "1,王小明,A123456789,\"多行\r\n備註 B123456780, 逗號\",0912345678\r\n"
		      "2,\"陳, 美玲\",\"A223456781\",,0987654321\r\n");
	CHECK(R.csv);
	CHECK_INT(R.enc, FC_ENC_UTF8_BOM);
	CHECK_INT(V(FC_PII_NATIONAL_ID), 3);
	CHECK_STR(sample(FC_PII_NATIONAL_ID, 0)->column, "身分證字號");
	CHECK_STR(sample(FC_PII_NATIONAL_ID, 1)->column, "備註");
	CHECK_INT(sample(FC_PII_NATIONAL_ID, 1)->line, 3);
	CHECK_STR(sample(FC_PII_MOBILE, 0)->column, "手機");
	CHECK_INT(sample(FC_PII_MOBILE, 0)->line, 3);
	CHECK_STR(sample(FC_PII_NATIONAL_ID, 2)->column, "身分證字號");
	CHECK_STR(sample(FC_PII_MOBILE, 1)->column, "手機");
	/* the column inventory */
	CHECK_INT(R.ncolumns, 3);
	CHECK_INT(R.columns[0].count, 2);
	/* semicolon-separated and TSV */
	scan("s.csv", "a;b;idno\n1;x;A123456789\n");
	CHECK_STR(sample(FC_PII_NATIONAL_ID, 0)->column, "idno");
	scan("t.tsv", "a\tidno\n1\tA123456789\n");
	CHECK_STR(sample(FC_PII_NATIONAL_ID, 0)->column, "idno");
}

TEST(pii_sql_dump)
{
	scan("dump.sql", "CREATE TABLE `customers` (\n"
			 "  `id` int NOT NULL,\n"
			 "  `name` varchar(20),\n"
			 "  `idno` char(10),\n"
			 "  `mobile` varchar(12),\n"
			 "  PRIMARY KEY (`id`)\n"
			 ");\n"
			 "INSERT INTO `customers` VALUES (1,'O\\'Neil, J','A123456789','0912345678'),(2,'王','A800000014','0987654321');\n"
			 "INSERT INTO cards (id, pan, exp) VALUES\n"
			 "(1, '4111111111111111', '12/27'),\n"
			 "(2, '5500000000000004', '01/28');\n"
			 "COPY public.people (id, mobile, email) FROM stdin;\n"
			 "1\t0912345678\ta.b@example.com\n"
			 "\\.\n"
			 "CREATE TABLE t2 (a int, email text);\n"
			 "INSERT INTO t2 VALUES (1, 'x.y@example.com');\n");
	CHECK(R.sql);
	CHECK_STR(sample(FC_PII_NATIONAL_ID, 0)->column, "customers.idno");
	CHECK_STR(sample(FC_PII_RESIDENT_ID, 0)->column, "customers.idno");
	CHECK_STR(sample(FC_PII_MOBILE, 0)->column, "customers.mobile");
	CHECK_STR(sample(FC_PII_CARD, 0)->column, "cards.pan");
	CHECK_INT(sample(FC_PII_CARD, 1)->line, 11);
	CHECK_INT(R.card_expiry, 2);
	CHECK_STR(sample(FC_PII_MOBILE, 2)->column, "people.mobile");
	CHECK_STR(sample(FC_PII_EMAIL, 0)->column, "people.email");
	CHECK_STR(sample(FC_PII_EMAIL, 1)->column, "t2.email");
	/* records are tuples in multi-row INSERTs: 2 + 2 + 1 (COPY) + 1 */
	CHECK_INT(R.records, 6);
}

TEST(pii_json_html_keys)
{
	scan("a.json", "{\"name\":\"王小明\",\"national_id\": \"A123456789\",\"contact\":{\"mobile\":\"0912345678\"}}\n"
		       "<tr><td class=\"id\">F131104093</td><td>電話：0912345678</td></tr>\n");
	CHECK_STR(sample(FC_PII_NATIONAL_ID, 0)->column, "national_id");
	CHECK_STR(sample(FC_PII_MOBILE, 0)->column, "mobile");
	CHECK_STR(sample(FC_PII_NATIONAL_ID, 1)->column, "td");
	CHECK_STR(sample(FC_PII_MOBILE, 1)->column, "電話");
}

TEST(pii_secrets)
{
	scan("app.properties", "spring.datasource.url=jdbc:oracle:thin:app/Orcl2026@10.10.2.21:1521:TRADE\n"
			       "db.password=Tr0ub4dor&3\n"
			       "db.password=${DB_PASSWORD}\n"
			       "Failed password for root from 10.0.0.1\n"
			       "-----BEGIN RSA PRIVATE KEY-----\n"
			       "MIIEowIBAAKCAQEA\n"
			       "-----END RSA PRIVATE KEY-----\n");
	CHECK_INT(V(FC_PII_SECRET), 3);
	CHECK_INT(R.first_line[FC_PII_SECRET], 1);
	const struct fc_pii_sample *s = sample(FC_PII_SECRET, 0);
	CHECK_STR(s->kind, "connection_string");
	CHECK_STR(s->value, "O****(8)");
	CHECK_STR(sample(FC_PII_SECRET, 1)->column, "db.password");
	CHECK_STR(sample(FC_PII_SECRET, 2)->kind, "private_key");
	struct fc_pii_opts o = {.no_secrets = true};
	const char *t = "db.password=Tr0ub4dor&3\n";
	scan_opts("x", t, strlen(t), &o);
	CHECK_INT(V(FC_PII_SECRET), 0);
}

/* No sample ever holds a full identifier, card number or secret. */
TEST(pii_no_full_values_kept)
{
	const char *src = "A123456789 4111111111111111 0912345678 db.password=Tr0ub4dor&3 帳號 0123456789012\n";
	scan("x.txt", src);
	CHECK(R.nsamples >= 5);
	for (size_t i = 0; i < R.nsamples; i++) {
		CHECK(!strstr(R.samples[i].value, "A123456789"));
		CHECK(!strstr(R.samples[i].value, "4111111111111111"));
		CHECK(!strstr(R.samples[i].value, "0912345678"));
		CHECK(!strstr(R.samples[i].value, "Tr0ub4dor"));
		CHECK(!strstr(R.samples[i].value, "0123456789012"));
	}
}

static size_t gz(const char *s, unsigned char *out, size_t cap)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (Bytef *)s;
	z.avail_in = (uInt)strlen(s);
	z.next_out = out;
	z.avail_out = (uInt)cap;
	deflate(&z, Z_FINISH);
	size_t n = cap - z.avail_out;
	deflateEnd(&z);
	return n;
}

TEST(pii_encodings)
{
	unsigned char g[512];
	size_t n = gz("id,idno\n1,A123456789\n", g, sizeof g);
	scan_opts("x.csv.gz", g, n, NULL);
	CHECK(R.gzipped);
	CHECK(R.csv);
	CHECK_INT(V(FC_PII_NATIONAL_ID), 1);
	CHECK_STR(sample(FC_PII_NATIONAL_ID, 0)->column, "idno");
	/* truncated gzip: an error, no crash */
	scan_opts("x.gz", g, n / 2, NULL);
	CHECK(D.errors > 0);
	/* UTF-16LE with BOM */
	const char *a = "身分證 A123456789\r\n";
	unsigned char u[256];
	size_t k = 0;
	u[k++] = 0xFF;
	u[k++] = 0xFE;
	u[k++] = 0xAB; /* 身 U+8EAB */
	u[k++] = 0x8E;
	for (const char *p = a + 3; *p; p++) {
		if ((unsigned char)*p >= 0x80)
			continue; /* keep the test ASCII after the first char */
		u[k++] = (unsigned char)*p;
		u[k++] = 0;
	}
	scan_opts("w.txt", u, k, NULL);
	CHECK_INT(R.enc, FC_ENC_UTF16LE);
	CHECK_INT(V(FC_PII_NATIONAL_ID), 1);
	/* binary content is reported, not scanned */
	unsigned char bin[64] = {0x89, 'P', 'N', 'G', 0, 0, 0, 'A', '1', '2'};
	scan_opts("x.png", bin, sizeof bin, NULL);
	CHECK(R.binary);
	CHECK_INT(D.n, 1);
}

/* Deterministic text with planted values, for the chunk and SIMD tests. */
static char *gen(size_t lines, size_t *len)
{
	static const char *const plant[] = {"A123456789", "4111111111111111", "0912-345-678", "a.b@example.com",
					    "A123456788", "4111111111111112", "A12****789", "帳號 0123456789012",
					    "db_password=s3cretX", "統一編號 22099131", "+886 912 345 678", "AC01234567"};
	char *b = malloc(lines * 160 + 1);
	size_t k = 0;
	unsigned x = 12345;
	for (size_t i = 0; i < lines; i++) {
		x = x * 1103515245u + 12345u;
		int w = snprintf(b + k, 160, "2026-11-01 09:%02u:%02u host sshd[%u]: event %u ref %s pad%u\n",
				 (x >> 8) % 60, (x >> 16) % 60, x % 65536, x % 997,
				 (x >> 4) % 3 ? "none" : plant[(x >> 12) % 12], x % 100);
		k += (size_t)w;
	}
	b[k] = 0;
	*len = k;
	return b;
}

TEST(pii_chunks_and_simd_agree)
{
	size_t n;
	char *text = gen(3000, &n);
	scan_opts("g.log", text, n, NULL);
	struct fc_pii_result a = R;
	CHECK(a.counts[FC_PII_NATIONAL_ID].valid > 50);
	struct fc_pii_opts small = {.chunk = 300};
	scan_opts("g.log", text, n, &small);
	struct fc_pii_opts scalar = {.no_simd = true, .chunk = 4096};
	struct fc_pii_result b = R;
	scan_opts("g.log", text, n, &scalar);
	for (int t = 0; t < FC_PII__COUNT; t++) {
		CHECK_INT(b.counts[t].valid, a.counts[t].valid);
		CHECK_INT(b.counts[t].masked, a.counts[t].masked);
		CHECK_INT(b.counts[t].invalid, a.counts[t].invalid);
		CHECK_INT(R.counts[t].valid, a.counts[t].valid);
		CHECK_INT(R.counts[t].invalid, a.counts[t].invalid);
		CHECK_INT(b.first_line[t], a.first_line[t]);
	}
	CHECK_INT(b.lines, 3000);
	CHECK_INT(b.records, a.records);
	free(text);
}

TEST(pii_hostile_inputs)
{
	size_t n = 3u << 20;
	char *b = malloc(n);
	/* 3 MiB of digits without a newline */
	memset(b, '7', n);
	scan_opts("d.txt", b, n, NULL);
	CHECK_INT(R.bytes, n);
	CHECK_INT(R.lines, 1);
	CHECK_INT(V(FC_PII_CARD), 0);
	/* 3 MiB of '*' and of 'x', and a long line with IDs split by commas */
	memset(b, '*', n);
	scan_opts("s.txt", b, n, NULL);
	CHECK_INT(R.bytes, n);
	memset(b, 'x', n);
	scan_opts("x.txt", b, n, NULL);
	CHECK_INT(R.bytes, n);
	for (size_t i = 0; i + 11 <= n; i += 11)
		memcpy(b + i, "A123456789,", 11);
	struct fc_pii_opts o = {.chunk = 65536};
	scan_opts("ids.sql", b, n - n % 11, &o);
	CHECK_INT(V(FC_PII_NATIONAL_ID), n / 11);
	CHECK(R.truncated_line);
	free(b);
	/* empty input */
	scan("e.txt", "");
	CHECK_INT(R.bytes, 0);
	CHECK_INT(R.lines, 0);
}

/* Every allocation of a scan and of loading a bundle's data/ fails in turn:
 * a clean error or a degraded success, never a crash or a leak (ASan). */
TEST(pii_allocation_failures)
{
	const char *csv = "id,idno,mobile\n1,A123456789,0912345678\n";
	const char *sql = "CREATE TABLE t (a int, idno text);\nINSERT INTO t VALUES (1,'A123456789');\n";
	unsigned long n = 0;
	for (unsigned long k = 1; k < 64; k++) {
		fc_mem_fail_at(k);
		scan("t.csv", csv);
		scan("t.sql", sql);
		fc_mem_fail_at(0);
		n++;
	}
	CHECK(n == 63);
	/* the loader and its worker threads, on the unseen fixture */
	unsigned long total = 0;
	{
		struct fc_diag d;
		fc_diag_init(&d);
		struct fc_bundle_opts bo = {.as_of = FC_NO_DATE, .threads = 2};
		struct fc_bundle *b = NULL;
		fc_mem_fail_at(0);
		unsigned long before = fc_mem_count();
		CHECK_INT(fc_bundle_open("tests/fixtures/pii-unseen", &bo, &d, &b), FC_OK);
		total = fc_mem_count() - before;
		CHECK(b && b->pii && b->pii->nfiles == 5);
		fc_bundle_free(b);
		fc_diag_release(&d);
	}
	CHECK(total > 10);
	int clean = 0;
	for (unsigned long k = 1; k <= total + 5; k++) {
		struct fc_diag d;
		fc_diag_init(&d);
		struct fc_bundle_opts bo = {.as_of = FC_NO_DATE, .threads = 1};
		struct fc_bundle *b = NULL;
		fc_mem_fail_at(k);
		enum fc_status st = fc_bundle_open("tests/fixtures/pii-unseen", &bo, &d, &b);
		fc_mem_fail_at(0);
		clean += st == FC_OK || st == FC_ENOMEM;
		fc_bundle_free(b);
		fc_diag_release(&d);
	}
	CHECK_INT(clean, total + 5);
}

TEST(pii_type_names)
{
	CHECK_STR(fc_pii_type_name(FC_PII_BANK_ACCOUNT), "bank_account");
	CHECK_INT(fc_pii_type_parse("business_id"), FC_PII_BUSINESS_ID);
	CHECK_INT(fc_pii_type_parse("nope"), -1);
	CHECK(fc_pii_personal(FC_PII_EMAIL));
	CHECK(!fc_pii_personal(FC_PII_BUSINESS_ID));
	CHECK(!fc_pii_personal(FC_PII_SECRET));
}

int main(void)
{
	fc_diag_init(&D);
	RUN(pii_id_vectors);
	RUN(pii_card_ubn_vectors);
	RUN(pii_ids_in_text);
	RUN(pii_false_positive_lines);
	RUN(pii_cards);
	RUN(pii_mobiles_emails);
	RUN(pii_bank_ubn_context);
	RUN(pii_masked_only_file);
	RUN(pii_csv_columns);
	RUN(pii_sql_dump);
	RUN(pii_json_html_keys);
	RUN(pii_secrets);
	RUN(pii_no_full_values_kept);
	RUN(pii_encodings);
	RUN(pii_chunks_and_simd_agree);
	RUN(pii_hostile_inputs);
	RUN(pii_allocation_failures);
	RUN(pii_type_names);
	fc_diag_release(&D);
	return t_done();
}
