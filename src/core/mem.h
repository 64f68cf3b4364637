/*
 * Allocation wrappers.  Every allocation in fincheck goes through these so
 * that the torture test can make the Nth one fail (curl's torture mode).
 * Ownership: whoever gets a pointer from fc_malloc/fc_strdup frees it with
 * fc_free; NULL is returned on failure, never abort.
 */
#ifndef FC_MEM_H
#define FC_MEM_H
#include <stddef.h>
#include <stdlib.h>

void *fc_malloc(size_t n);
void *fc_calloc(size_t n, size_t size);
void *fc_realloc(void *p, size_t n);
/* realloc of nmemb*size with overflow check. */
void *fc_reallocarray(void *p, size_t nmemb, size_t size);
char *fc_strdup(const char *s);
char *fc_strndup(const char *s, size_t n);
void fc_free(void *p);

/* Torture: make allocation number n (1-based) and every later one fail;
 * 0 disables.  fc_mem_count() tells how many allocations happened. */
void fc_mem_fail_at(unsigned long n);
unsigned long fc_mem_count(void);

/* qsort for arrays that may be empty: C's qsort must never be given a null
 * pointer, whatever the count, and an empty vector's is null (found by the
 * Trivy campaign under UBSan).  Every sort in src/ goes through this. */
static inline void fc_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp); /* lint: allow */
}

#endif
