/*
 * A bump arena: facts loaded from a bundle live as long as the bundle, so
 * parsers allocate from the bundle's arena and everything is released at
 * once (no per-field frees, no leaks on error paths).
 */
#ifndef FC_ARENA_H
#define FC_ARENA_H
#include <stddef.h>

struct fc_arena_block;

struct fc_arena {
	struct fc_arena_block *head;
	size_t used_total;
};

void fc_arena_init(struct fc_arena *a);
void fc_arena_release(struct fc_arena *a);
/* Zeroed, 16-byte aligned; NULL on allocation failure. */
void *fc_arena_alloc(struct fc_arena *a, size_t n);
char *fc_arena_strndup(struct fc_arena *a, const char *s, size_t n);
char *fc_arena_strdup(struct fc_arena *a, const char *s);
/* printf into the arena */
char *fc_arena_printf(struct fc_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
