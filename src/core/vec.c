#include "vec.h"
#include <stdint.h>

void *fc_vec_grow_(void **v, size_t *cap, size_t n, size_t elem)
{
	size_t nc = *cap ? *cap * 2 : 8;
	if (nc < n + 1)
		nc = n + 1;
	void *p = fc_reallocarray(*v, nc, elem);
	if (!p)
		return NULL;
	*v = p;
	*cap = nc;
	return p;
}
