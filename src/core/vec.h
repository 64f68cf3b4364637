/*
 * A typed growable array: FC_VEC(struct host) hosts; fc_vec_push(&hosts)
 * returns a zeroed slot or NULL on allocation failure.  Release with
 * fc_vec_release.  Memory comes from fc_realloc (so torture covers it).
 */
#ifndef FC_VEC_H
#define FC_VEC_H
#include <stddef.h>
#include <string.h>
#include "mem.h"

#define FC_VEC(type) struct { type *v; size_t n, cap; }

void *fc_vec_grow_(void **v, size_t *cap, size_t n, size_t elem);

#define fc_vec_push(vec)                                                          \
	((vec)->n < (vec)->cap || fc_vec_grow_((void **)&(vec)->v, &(vec)->cap, (vec)->n, \
					       sizeof(*(vec)->v))                      \
		 ? memset(&(vec)->v[(vec)->n++], 0, sizeof(*(vec)->v))                     \
		 : NULL)
#define fc_vec_release(vec) (fc_free((vec)->v), (vec)->v = NULL, (vec)->n = (vec)->cap = 0)

#endif
