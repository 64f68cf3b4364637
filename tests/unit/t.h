/*
 * A minimal unit-test harness: each TEST is a function; main() runs them and
 * prints "PASS name" / "FAIL name: file:line: expr" lines that tests/run.sh
 * counts.  A failed CHECK marks the test failed and goes on.
 *
 *   TEST(csv_quotes) { CHECK(x == 1); CHECK_STR(s, "a"); }
 *   int main(void) { RUN(csv_quotes); return t_done(); }
 *
 * T_ONLY="name1 name2" runs only the tests named (the TSan pass of make
 * check runs the threaded ones).
 */
#ifndef FC_T_H
#define FC_T_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_failed_total, t_passed_total, t_cur_failed;
static const char *t_cur;

/* Is the test selected by T_ONLY (a space-separated list of names)? */
__attribute__((unused)) static int t_selected(const char *name)
{
	const char *only = getenv("T_ONLY");
	if (!only || !*only)
		return 1;
	size_t n = strlen(name);
	for (const char *p = only; (p = strstr(p, name)); p += n)
		if ((p == only || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

#define TEST(name) static void test_##name(void)
#define RUN(name)                                                                  \
	do {                                                                       \
		if (!t_selected(#name))                                            \
			break;                                                     \
		t_cur = #name;                                                     \
		t_cur_failed = 0;                                                  \
		test_##name();                                                     \
		if (t_cur_failed)                                                  \
			t_failed_total++;                                          \
		else {                                                             \
			t_passed_total++;                                          \
			printf("PASS %s\n", #name);                                \
		}                                                                  \
	} while (0)
#define CHECK(e)                                                                   \
	do {                                                                       \
		if (!(e)) {                                                        \
			printf("FAIL %s: %s:%d: %s\n", t_cur, __FILE__, __LINE__, #e); \
			t_cur_failed = 1;                                          \
		}                                                                  \
	} while (0)
#define CHECK_STR(a, b)                                                            \
	do {                                                                       \
		const char *t_a = (a), *t_b = (b);                                 \
		if (!t_a || !t_b || strcmp(t_a, t_b)) {                            \
			printf("FAIL %s: %s:%d: \"%s\" != \"%s\"\n", t_cur, __FILE__,  \
			       __LINE__, t_a ? t_a : "(null)", t_b ? t_b : "(null)");  \
			t_cur_failed = 1;                                          \
		}                                                                  \
	} while (0)
#define CHECK_INT(a, b)                                                            \
	do {                                                                       \
		long long t_a = (long long)(a), t_b = (long long)(b);              \
		if (t_a != t_b) {                                                  \
			printf("FAIL %s: %s:%d: %s == %lld, expected %lld\n", t_cur,   \
			       __FILE__, __LINE__, #a, t_a, t_b);                  \
			t_cur_failed = 1;                                          \
		}                                                                  \
	} while (0)

__attribute__((unused)) static int t_done(void)
{
	printf("%d passed, %d failed\n", t_passed_total, t_failed_total);
	return t_failed_total ? 1 : 0;
}

/* Path to ../shared/corpora relative to the repo root, or NULL (skip). */
__attribute__((unused)) static const char *t_corpora(void)
{
	static const char *p = "../shared/corpora";
	FILE *f = fopen("../shared/corpora/SOURCES.md", "r");
	if (!f)
		return NULL;
	fclose(f);
	return p;
}
#define SKIP_NO_CORPORA()                                                          \
	do {                                                                       \
		if (!t_corpora()) {                                                \
			printf("SKIP %s: ../shared/corpora is absent\n", t_cur);       \
			return;                                                    \
		}                                                                  \
	} while (0)

#endif
