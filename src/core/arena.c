#include "arena.h"
#include "mem.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define BLOCK_MIN (64 * 1024)

struct fc_arena_block {
	struct fc_arena_block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

void fc_arena_init(struct fc_arena *a)
{
	a->head = NULL;
	a->used_total = 0;
}

void fc_arena_release(struct fc_arena *a)
{
	struct fc_arena_block *b = a->head;
	while (b) {
		struct fc_arena_block *n = b->next;
		fc_free(b);
		b = n;
	}
	a->head = NULL;
	a->used_total = 0;
}

void *fc_arena_alloc(struct fc_arena *a, size_t n)
{
	struct fc_arena_block *b = a->head;
	size_t need = (n + 15) & ~(size_t)15;
	if (need < n)
		return NULL;
	if (!b || b->size - b->used < need) {
		size_t size = need > BLOCK_MIN ? need : BLOCK_MIN;
		b = fc_malloc(sizeof(*b) + size);
		if (!b)
			return NULL;
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += need;
	a->used_total += need;
	memset(p, 0, n);
	return p;
}

char *fc_arena_strndup(struct fc_arena *a, const char *s, size_t n)
{
	char *d = fc_arena_alloc(a, n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *fc_arena_strdup(struct fc_arena *a, const char *s)
{
	return s ? fc_arena_strndup(a, s, strlen(s)) : NULL;
}

char *fc_arena_printf(struct fc_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *d = fc_arena_alloc(a, (size_t)n + 1);
	if (!d)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return d;
}
