/* libFuzzer harness: the flat JSON object scanner (src/core/jflat.c),
 * differential against jansson.  Every input is read by both; they must
 * agree on whether it is one valid JSON object, and on its members:
 * the same keys in the same order (jansson keeps a key at its first place
 * and its last value), the same string bytes, integers, reals, literals
 * and container kinds.  Two differences are allowed: nesting beyond
 * FC_MAX_NESTING, which jflat refuses and jansson accepts up to 2048, and
 * NUL bytes, which are never valid JSON (RFC 8259) but which jansson skips
 * between tokens: with a NUL, jflat must refuse and jansson is not asked. */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/core/jflat.h"
#include "../../src/core/mem.h"

struct mem {
	char *key;
	size_t klen;
	enum fc_jkind kind;
	char *val;
	size_t vlen;
};

struct list {
	struct mem *v;
	size_t n, cap;
};

static void add(void *ud, const struct fc_jmember *m)
{
	struct list *l = ud;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].klen == m->klen && !memcmp(l->v[i].key, m->key, m->klen)) {
			/* the same key again: the last value, at the first place */
			free(l->v[i].val);
			l->v[i].kind = m->kind;
			l->v[i].val = malloc(m->vlen + 1);
			memcpy(l->v[i].val, m->val ? m->val : "", m->vlen);
			l->v[i].vlen = m->vlen;
			return;
		}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
	}
	struct mem *e = &l->v[l->n++];
	e->key = malloc(m->klen + 1);
	memcpy(e->key, m->key, m->klen);
	e->klen = m->klen;
	e->kind = m->kind;
	e->val = malloc(m->vlen + 1);
	memcpy(e->val, m->val ? m->val : "", m->vlen);
	e->vlen = m->vlen;
}

static void check(const struct mem *e, const char *key, json_t *v)
{
	if (e->klen != strlen(key) || memcmp(e->key, key, e->klen))
		abort();
	char t[4096];
	size_t n = e->vlen < sizeof t ? e->vlen : sizeof t - 1;
	memcpy(t, e->val, n);
	t[n] = '\0';
	switch (e->kind) {
	case FC_J_STRING:
		if (!json_is_string(v) || json_string_length(v) != e->vlen ||
		    memcmp(json_string_value(v), e->val, e->vlen))
			abort();
		break;
	case FC_J_INT:
		if (!json_is_integer(v) || json_integer_value(v) != strtoll(t, NULL, 10))
			abort();
		break;
	case FC_J_REAL:
		if (!json_is_real(v))
			abort();
		if (e->vlen < sizeof t) {
			double d = strtod(t, NULL);
			if (memcmp(&d, &(double){json_real_value(v)}, sizeof d) && !(d == 0 && json_real_value(v) == 0))
				abort();
		}
		break;
	case FC_J_TRUE:
	case FC_J_FALSE:
	case FC_J_NULL:
	case FC_J_OBJECT:
	case FC_J_ARRAY: {
		/* no value to compare: the kind is jansson's type */
		static const json_type same[] = {[FC_J_TRUE] = JSON_TRUE, [FC_J_FALSE] = JSON_FALSE,
						 [FC_J_NULL] = JSON_NULL, [FC_J_OBJECT] = JSON_OBJECT,
						 [FC_J_ARRAY] = JSON_ARRAY};
		if (json_typeof(v) != same[e->kind])
			abort();
		break;
	}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fc_jflat jf = {0};
	struct list l = {0};
	const char *err = NULL;
	size_t col = 0;
	int k = fc_jflat_object(&jf, (const char *)data, size, add, &l, &err, &col);
	json_error_t je;
	json_t *o = NULL;
	if (memchr(data, 0, size)) {
		if (k >= 0)
			abort();
	} else {
		o = json_loadb((const char *)data, size, 0, &je);
	}
	if (k < 0) {
		if (o && strcmp(err, "nesting too deep") != 0)
			abort(); /* jansson read what jflat refused */
		if (col < 1 || col > size + 1)
			abort();
	} else if (!memchr(data, 0, size)) {
		if (!o)
			abort(); /* jflat read what jansson refused */
		if ((k == 1) != json_is_object(o))
			abort();
		if (k == 1) {
			if (json_object_size(o) != l.n)
				abort();
			size_t i = 0;
			const char *key;
			json_t *v;
			json_object_foreach(o, key, v)
			{
				if (i >= l.n)
					abort();
				check(&l.v[i++], key, v);
			}
		}
	}
	json_decref(o);
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].key);
		free(l.v[i].val);
	}
	free(l.v);
	fc_jflat_release(&jf);
	return 0;
}
