#include "mem.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static unsigned long alloc_count;
static unsigned long fail_at;

/* atomic: loaders run worker threads, and the torture test counts them all */
static int fail_now(void)
{
	unsigned long n = __atomic_add_fetch(&alloc_count, 1, __ATOMIC_RELAXED);
	return fail_at && n >= fail_at;
}

void fc_mem_fail_at(unsigned long n)
{
	fail_at = n;
	__atomic_store_n(&alloc_count, 0, __ATOMIC_RELAXED);
}

unsigned long fc_mem_count(void)
{
	return __atomic_load_n(&alloc_count, __ATOMIC_RELAXED);
}

void *fc_malloc(size_t n)
{
	if (fail_now())
		return NULL;
	return malloc(n ? n : 1);
}

void *fc_calloc(size_t n, size_t size)
{
	if (fail_now())
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *fc_realloc(void *p, size_t n)
{
	if (fail_now())
		return NULL;
	return realloc(p, n ? n : 1);
}

void *fc_reallocarray(void *p, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		return NULL;
	return fc_realloc(p, nmemb * size);
}

char *fc_strndup(const char *s, size_t n)
{
	char *d = fc_malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *fc_strdup(const char *s)
{
	return fc_strndup(s, strlen(s));
}

void fc_free(void *p)
{
	free(p);
}
