/* Unit tests of src/core: CSV, dates, IP ranges, JSON escaping, YAML tree,
 * buffers, the reader (gzip, BOM, UTF-16). */
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>
#include "../../src/core/buf.h"
#include "../../src/core/csv.h"
#include "../../src/core/date.h"
#include "../../src/core/ip.h"
#include "../../src/core/json.h"
#include "../../src/core/mem.h"
#include "../../src/core/reader.h"
#include "../../src/core/strutil.h"
#include "../../src/core/ytree.h"
#include "t.h"

static struct fc_arena A;
static struct fc_diag D;

static const char *date_str(int32_t d)
{
	static char out[11];
	fc_date_fmt(d, out);
	return out;
}

TEST(csv_rfc4180)
{
	const char *s = "name,ip,note\r\n\"db, one\",10.0.0.1,\"say \"\"hi\"\"\"\r\nweb,10.0.0.2,\"two\nlines\"\nlast,10.0.0.3,";
	struct fc_csv t;
	CHECK_INT(fc_csv_parse(s, strlen(s), "t.csv", &A, &t, &D), FC_OK);
	CHECK_INT(t.ncol, 3);
	CHECK_INT(t.nrows, 3);
	CHECK_STR(t.rows[0].f[0], "db, one");
	CHECK_STR(t.rows[0].f[2], "say \"hi\"");
	CHECK_STR(t.rows[1].f[2], "two\nlines");
	CHECK_INT(t.rows[1].line, 3);
	CHECK_INT(t.rows[2].line, 5); /* the quoted newline moved the line count */
	CHECK_STR(t.rows[2].f[2], "");
	const char *const names[] = {"address", "IP", NULL};
	CHECK_INT(fc_csv_col(&t, names), 1);
}

TEST(csv_errors_have_line_and_column)
{
	const char *s = "a,b\n1,2\n\"open,3\n";
	struct fc_csv t;
	size_t before = D.errors;
	CHECK_INT(fc_csv_parse(s, strlen(s), "bad.csv", &A, &t, &D), FC_EPARSE);
	CHECK(D.errors > before);
	int seen = 0;
	for (size_t i = before; i < D.n; i++)
		if (strstr(D.v[i].msg, "unterminated quoted field") && !strcmp(D.v[i].file, "bad.csv") &&
		    D.v[i].line == 3 && D.v[i].col == 1)
			seen = 1;
	CHECK(seen);
	CHECK_INT(t.nrows >= 1, 1); /* what parsed is kept */
	const char *s2 = "a,b\n1,2,3\n";
	CHECK_INT(fc_csv_parse(s2, strlen(s2), "extra.csv", &A, &t, &D), FC_EPARSE);
	CHECK_INT(D.v[D.n - 1].line, 2);
	const char *s3 = "a,b,c\n1,2\n";
	CHECK_INT(fc_csv_parse(s3, strlen(s3), "short.csv", &A, &t, &D), FC_EPARSE);
	CHECK(strstr(D.v[D.n - 1].msg, "truncated record") != NULL);
	CHECK_INT(t.nrows, 1); /* kept, with the missing field empty */
}

TEST(dates_every_form)
{
	int32_t d;
	CHECK(fc_date_parse("2026-11-01", &d));
	CHECK_STR(date_str(d), "2026-11-01");
	CHECK(fc_date_parse("2026/11/01", &d));
	CHECK_STR(date_str(d), "2026-11-01");
	CHECK(fc_date_parse("20261101", &d));
	CHECK_STR(date_str(d), "2026-11-01");
	CHECK(fc_date_parse("115/11/01", &d)); /* ROC year 115 = 2026 */
	CHECK_STR(date_str(d), "2026-11-01");
	CHECK(fc_date_parse("11/1/2026 9:30:00 AM", &d)); /* PowerShell Export-Csv */
	CHECK_STR(date_str(d), "2026-11-01");
	CHECK(fc_date_parse("11/1/2026", &d));
	CHECK_STR(date_str(d), "2026-11-01");
	/* a UTC timestamp late in the day is the next day in Taipei */
	CHECK(fc_date_parse("2026-10-31T20:00:00Z", &d));
	CHECK_STR(date_str(d), "2026-11-01");
	CHECK(fc_date_parse("2026-11-01T09:30:00+08:00", &d));
	CHECK_STR(date_str(d), "2026-11-01");
	CHECK(!fc_date_parse("2026-02-30", &d));
	CHECK(!fc_date_parse("yesterday", &d));
	CHECK(!fc_date_parse("13/45/2026", &d));
	int64_t t;
	bool never;
	CHECK(fc_ts_parse("2026-11-01 09:30", &t, &never));
	char out[26];
	fc_ts_fmt(t, out);
	CHECK_STR(out, "2026-11-01T09:30:00+08:00");
	CHECK(fc_ts_parse("11/1/2026 1:05:09 PM", &t, &never));
	fc_ts_fmt(t, out);
	CHECK_STR(out, "2026-11-01T13:05:09+08:00");
	/* FILETIME (AD pwdLastSet): 133000000000000000 = 2022-06-18T04:26:40Z */
	CHECK(fc_ts_parse("133000000000000000", &t, &never));
	fc_ts_fmt(t, out);
	CHECK_STR(out, "2022-06-18T12:26:40+08:00");
	CHECK(!fc_ts_parse("9223372036854775807", &t, &never));
	CHECK(never);
	CHECK(fc_ts_parse("Thu Sep 15 10:01:48 2022", &t, &never));
	fc_ts_fmt(t, out);
	CHECK_STR(out, "2022-09-15T10:01:48+08:00");
}

TEST(syslog_year_rollover)
{
	int32_t asof = fc_days_from_civil(2026, 1, 5);
	int64_t t;
	CHECK_INT(fc_syslog_ts("Dec 31 23:59:58 host sshd", 25, asof, &t), 15);
	char out[26];
	fc_ts_fmt(t, out);
	CHECK_STR(out, "2025-12-31T23:59:58+08:00");
	CHECK_INT(fc_syslog_ts("Jan  5 08:00:00 host", 20, asof, &t), 15);
	fc_ts_fmt(t, out);
	CHECK_STR(out, "2026-01-05T08:00:00+08:00");
	CHECK_INT(fc_syslog_ts("Foo  5 08:00:00 host", 20, asof, &t), 0);
	CHECK_INT(fc_syslog_ts("Feb 29 08:00:00 host", 20, fc_days_from_civil(2025, 3, 1), &t), 15);
	fc_ts_fmt(t, out);
	CHECK_STR(out, "2024-02-29T08:00:00+08:00"); /* no Feb 29 in 2025 */
}

TEST(ip_ranges)
{
	struct fc_iprange r, h;
	CHECK(fc_iprange_parse("10.10.0.0/16", 12, &r));
	CHECK(fc_iprange_parse("10.10.3.4", 9, &h));
	CHECK(fc_iprange_covers(&r, &h));
	CHECK(fc_iprange_parse("10.0.0.0 255.0.0.0", 18, &r));
	char out[100];
	fc_iprange_fmt(&r, out);
	CHECK_STR(out, "10.0.0.0/8");
	CHECK(fc_iprange_parse("2001:db8::/32", 13, &r));
	CHECK(fc_iprange_parse("2001:db8:1::5", 13, &h));
	CHECK(fc_iprange_covers(&r, &h));
	CHECK(!fc_iprange_parse("10.0.0.0/33", 11, &r));
	CHECK(!fc_iprange_parse("10.0.0.0 255.0.255.0", 20, &r));
	CHECK(fc_iprange_parse("0.0.0.0/0", 9, &r));
	CHECK(fc_iprange_size(&r) == 4294967296.0);
	struct fc_ip a;
	CHECK(fc_ip_parse("192.168.1.1", 11, &a));
	CHECK(fc_ip_is_v4(&a));
}

TEST(json_escapes_everything)
{
	struct fc_buf b;
	fc_buf_init(&b, 0);
	struct fc_json j;
	fc_json_init(&j, &b, false);
	fc_json_obj(&j);
	fc_json_kstr(&j, "k\"", "a\"b\\c\n\x01中\xff");
	fc_json_kint(&j, "n", -5);
	fc_json_key(&j, "arr");
	fc_json_arr(&j);
	fc_json_arr_end(&j);
	fc_json_obj_end(&j);
	CHECK_STR(fc_buf_str(&b), "{\"k\\\"\":\"a\\\"b\\\\c\\n\\u0001中\\ufffd\",\"n\":-5,\"arr\":[]}");
	fc_buf_release(&b);
}

TEST(buf_cap_remembers_error)
{
	struct fc_buf b;
	fc_buf_init(&b, 8);
	fc_buf_adds(&b, "12345");
	fc_buf_adds(&b, "6789");
	CHECK_INT(fc_buf_err(&b), FC_ELIMIT);
	fc_buf_adds(&b, "x");
	CHECK_STR(fc_buf_str(&b), "12345");
	fc_buf_release(&b);
}

TEST(yaml_tree_and_refusals)
{
	const char *y = "name: 範例\nlist: [a, b]\nmap:\n  x: 1\n";
	struct fc_ynode *root;
	CHECK_INT(fc_yaml_parse(y, strlen(y), "t.yaml", &A, &root, &D), FC_OK);
	CHECK_STR(fc_ymap_str(root, "name"), "範例");
	CHECK_INT(fc_ymap_get(root, "list")->n, 2);
	CHECK_INT(fc_ymap_get(root, "map")->line, 4);
	const char *alias = "a: &x [1]\nb: *x\n";
	CHECK_INT(fc_yaml_parse(alias, strlen(alias), "alias.yaml", &A, &root, &D), FC_EPARSE);
	const char *dup = "a: 1\na: 2\n";
	CHECK_INT(fc_yaml_parse(dup, strlen(dup), "dup.yaml", &A, &root, &D), FC_EPARSE);
	CHECK_INT(D.v[D.n - 1].line, 2);
	const char *bad = "a: [1, 2\nb: 3\n";
	CHECK_INT(fc_yaml_parse(bad, strlen(bad), "bad.yaml", &A, &root, &D), FC_EPARSE);
	CHECK(D.v[D.n - 1].line > 0);
	/* nesting bomb */
	char deep[400];
	size_t n = 0;
	for (int i = 0; i < 100; i++)
		deep[n++] = '[';
	for (int i = 0; i < 100; i++)
		deep[n++] = ']';
	deep[n] = 0;
	CHECK_INT(fc_yaml_parse(deep, n, "deep.yaml", &A, &root, &D), FC_EPARSE);
}

TEST(reader_gzip_bom_utf16)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char p1[512], p2[512];
	snprintf(p1, sizeof p1, "%s/fc_test_%d.csv.gz", dir, (int)getpid());
	gzFile g = gzopen(p1, "wb");
	gzputs(g, "\xEF\xBB\xBFh1,h2\n1,2\n");
	gzclose(g);
	struct fc_text t;
	CHECK_INT(fc_text_read(p1, "x.csv.gz", &t, &D), FC_OK);
	CHECK_STR(t.p, "h1,h2\n1,2\n");
	CHECK(t.gzipped);
	fc_text_release(&t);
	snprintf(p2, sizeof p2, "%s/fc_test_%d.inf", dir, (int)getpid());
	FILE *f = fopen(p2, "wb");
	const unsigned char u16[] = {0xFF, 0xFE, '[', 0, 'S', 0, ']', 0, '\n', 0, 0x2D, 0x4E}; /* "[S]\n中" */
	fwrite(u16, 1, sizeof u16, f);
	fclose(f);
	CHECK_INT(fc_text_read(p2, "x.inf", &t, &D), FC_OK);
	CHECK_STR(t.p, "[S]\n中");
	CHECK_INT(t.enc, FC_ENC_UTF16LE);
	fc_text_release(&t);
	/* streaming lines: CRLF and a last line without newline */
	f = fopen(p2, "wb");
	fputs("one\r\ntwo\nthree", f);
	fclose(f);
	struct fc_lines *l;
	CHECK_INT(fc_lines_open(p2, "x.log", &l, &D), FC_OK);
	const char *line;
	size_t len;
	CHECK_INT(fc_lines_next(l, &line, &len), 1);
	CHECK_STR(line, "one");
	CHECK_INT(fc_lines_next(l, &line, &len), 1);
	CHECK_STR(line, "two");
	CHECK_INT(fc_lines_next(l, &line, &len), 1);
	CHECK_STR(line, "three");
	CHECK_INT(fc_lines_lineno(l), 3);
	CHECK_INT(fc_lines_next(l, &line, &len), 0);
	fc_lines_close(l);
	/* truncated gzip is an error, not a silent short read */
	g = gzopen(p1, "wb");
	for (int i = 0; i < 2000; i++)
		gzprintf(g, "line %d with some text to compress\n", i);
	gzclose(g);
	f = fopen(p1, "r+b");
	fseek(f, 0, SEEK_END);
	long sz = ftell(f);
	fclose(f);
	CHECK(truncate(p1, sz / 2) == 0);
	size_t e = D.errors;
	CHECK(fc_text_read(p1, "trunc.gz", &t, &D) != FC_OK);
	CHECK(D.errors > e);
	unlink(p1);
	unlink(p2);
}

TEST(bool_forms)
{
	CHECK_INT(fc_parse_bool("是"), 1);
	CHECK_INT(fc_parse_bool(" No "), 0);
	CHECK_INT(fc_parse_bool(""), -1);
	CHECK_INT(fc_parse_bool("maybe"), -2);
}

int main(void)
{
	fc_arena_init(&A);
	fc_diag_init(&D);
	RUN(csv_rfc4180);
	RUN(csv_errors_have_line_and_column);
	RUN(dates_every_form);
	RUN(syslog_year_rollover);
	RUN(ip_ranges);
	RUN(json_escapes_everything);
	RUN(buf_cap_remembers_error);
	RUN(yaml_tree_and_refusals);
	RUN(reader_gzip_bom_utf16);
	RUN(bool_forms);
	fc_arena_release(&A);
	fc_diag_release(&D);
	return t_done();
}
