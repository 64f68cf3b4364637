/* Hard limits (src/core/limits.h, issue 11): hitting one is a clear error
 * naming the file and line — not a crash, not a silent cut.  Each test goes
 * just over the limit, and where cheap also checks that the limit itself is
 * still accepted. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../src/core/arena.h"
#include "../../src/core/csv.h"
#include "../../src/core/diag.h"
#include "../../src/core/limits.h"
#include "../../src/core/mem.h"
#include "../../src/core/reader.h"
#include "../../src/core/ytree.h"
#include "../../src/parse/hostcfg.h"
#include "t.h"

/* the first error's text, or "" */
static const char *first_error(const struct fc_diag *d, long *line)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].level == FC_DIAG_ERROR) {
			if (line)
				*line = d->v[i].line;
			return d->v[i].msg;
		}
	return "";
}

/* FC_MAX_LINE_BYTES: a streamed log line over 64 MiB */
TEST(line_longer_than_the_limit)
{
	char path[] = "/tmp/fc-limits-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	FILE *f = fdopen(fd, "w");
	fputs("first line\n", f);
	static char chunk[1 << 16];
	memset(chunk, 'x', sizeof chunk);
	for (size_t n = 0; n <= FC_MAX_LINE_BYTES; n += sizeof chunk)
		fwrite(chunk, 1, sizeof chunk, f);
	fputs("\nafter\n", f);
	fclose(f);
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_lines *l = NULL;
	CHECK_INT(fc_lines_open(path, "logs/ssh/huge.log", &l, &d), FC_OK);
	const char *s;
	size_t n;
	CHECK_INT(fc_lines_next(l, &s, &n), 1);
	CHECK_STR(s, "first line");
	CHECK_INT(fc_lines_next(l, &s, &n), -1);
	long line = 0;
	CHECK(strstr(first_error(&d, &line), "line longer than 64 MiB") != NULL);
	CHECK_INT(line, 2);
	CHECK_STR(d.v[0].file, "logs/ssh/huge.log");
	fc_lines_close(l);
	fc_diag_release(&d);
	unlink(path);
}

static char *nested_yaml(int depth)
{
	char *s = fc_malloc((size_t)depth * 2 + 2);
	memset(s, '[', (size_t)depth);
	memset(s + depth, ']', (size_t)depth);
	s[depth * 2] = '\n';
	s[depth * 2 + 1] = '\0';
	return s;
}

/* FC_MAX_NESTING: YAML flow sequences 64 deep are read, 65 are refused */
TEST(yaml_nesting_depth)
{
	struct fc_arena a;
	fc_arena_init(&a);
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_ynode *root;
	char *ok = nested_yaml(FC_MAX_NESTING);
	CHECK_INT(fc_yaml_parse(ok, strlen(ok), "records/ok.yaml", &a, &root, &d), FC_OK);
	CHECK_INT(d.errors, 0);
	char *bad = nested_yaml(FC_MAX_NESTING + 1);
	CHECK(fc_yaml_parse(bad, strlen(bad), "records/deep.yaml", &a, &root, &d) != FC_OK);
	long line = 0;
	CHECK(strstr(first_error(&d, &line), "nested deeper than the limit") != NULL);
	CHECK_INT(line, 1);
	char *bomb = nested_yaml(100000); /* the hostile variant's depth */
	CHECK(fc_yaml_parse(bomb, strlen(bomb), "records/bomb.yaml", &a, &root, &d) != FC_OK);
	fc_free(ok);
	fc_free(bad);
	fc_free(bomb);
	fc_diag_release(&d);
	fc_arena_release(&a);
}

static char *wide_csv(int fields)
{
	/* "h0,h1,…\nv0,v1,…\n" */
	size_t cap = (size_t)fields * 16 + 16, n = 0;
	char *s = fc_malloc(cap);
	for (int row = 0; row < 2; row++)
		for (int i = 0; i < fields; i++)
			n += (size_t)snprintf(s + n, cap - n, "%s%d%s", row ? "v" : "h", i, i + 1 < fields ? "," : "\n");
	return s;
}

/* FC_MAX_CSV_FIELDS: 4096 columns are read, 4097 are refused */
TEST(csv_field_count)
{
	struct fc_arena a;
	fc_arena_init(&a);
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_csv t;
	char *ok = wide_csv(FC_MAX_CSV_FIELDS);
	CHECK_INT(fc_csv_parse(ok, strlen(ok), "inventory/hosts.csv", &a, &t, &d), FC_OK);
	CHECK_INT(t.ncol, FC_MAX_CSV_FIELDS);
	CHECK_INT(t.nrows, 1);
	CHECK_STR(t.rows[0].f[FC_MAX_CSV_FIELDS - 1], "v4095");
	char *bad = wide_csv(FC_MAX_CSV_FIELDS + 1);
	CHECK(fc_csv_parse(bad, strlen(bad), "inventory/wide.csv", &a, &t, &d) != FC_OK);
	long line = 0;
	CHECK(strstr(first_error(&d, &line), "more than 4096 fields in one record") != NULL);
	CHECK_INT(line, 1);
	fc_free(ok);
	fc_free(bad);
	fc_diag_release(&d);
	fc_arena_release(&a);
}

/* FC_MAX_LINE_BYTES for a CSV field (whole-file tables) */
TEST(csv_field_longer_than_the_line_limit)
{
	struct fc_arena a;
	fc_arena_init(&a);
	struct fc_diag d;
	fc_diag_init(&d);
	size_t n = FC_MAX_LINE_BYTES + 16;
	char *s = fc_malloc(n + 32);
	memcpy(s, "hostname,ip\nh1,", 15);
	memset(s + 15, '1', n);
	memcpy(s + 15 + n, "\n", 2);
	struct fc_csv t;
	CHECK(fc_csv_parse(s, strlen(s), "inventory/hosts.csv", &a, &t, &d) != FC_OK);
	long line = 0;
	CHECK(strstr(first_error(&d, &line), "field longer than the line limit") != NULL);
	CHECK_INT(line, 2);
	fc_free(s);
	fc_diag_release(&d);
	fc_arena_release(&a);
}

/* FC_MAX_PACKAGES: a packages.txt of more lines than any server has */
TEST(package_list_limit)
{
	struct fc_arena a;
	fc_arena_init(&a);
	struct fc_diag d;
	fc_diag_init(&d);
	size_t cap = (size_t)(FC_MAX_PACKAGES + 2) * 32, n = 0;
	char *s = fc_malloc(cap);
	for (long i = 0; i <= FC_MAX_PACKAGES; i++)
		n += (size_t)snprintf(s + n, cap - n, "ii  p%ld  1.%ld  amd64  x\n", i, i);
	struct fc_packages p;
	CHECK_INT(fc_packages_parse(s, n, "hosts/h1/packages.txt", &a, &p, &d), FC_ELIMIT);
	long line = 0;
	CHECK(strstr(first_error(&d, &line), "more than 1000000 packages") != NULL);
	CHECK_INT(line, FC_MAX_PACKAGES + 1);
	CHECK_INT(p.n, FC_MAX_PACKAGES);
	fc_free(s);
	fc_diag_release(&d);
	fc_arena_release(&a);
}

int main(void)
{
	RUN(line_longer_than_the_limit);
	RUN(yaml_nesting_depth);
	RUN(csv_field_count);
	RUN(csv_field_longer_than_the_line_limit);
	RUN(package_list_limit);
	return t_done();
}
