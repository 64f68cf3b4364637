/* jflat: one JSON object read without building a tree.
 *
 * JSON Lines login logs hold a million small objects a day; building each
 * one as a jansson tree (a hash table, a string per key and value) cost
 * more than analysing it.  fc_jflat_object() validates the whole text as
 * JSON (RFC 8259: strict UTF-8, no NUL, escapes and surrogate pairs, the
 * number grammar, nesting up to FC_MAX_NESTING) and reports the members of
 * the top-level object in document order: strings unescaped, numbers as
 * their text, nested objects and arrays validated and skipped.  The text
 * must be exactly one object, with white space around it. */
#ifndef FC_JFLAT_H
#define FC_JFLAT_H

#include <stdbool.h>
#include <stddef.h>

enum fc_jkind { FC_J_STRING, FC_J_INT, FC_J_REAL, FC_J_TRUE, FC_J_FALSE, FC_J_NULL, FC_J_OBJECT, FC_J_ARRAY };

struct fc_jmember {
	const char *key; /* unescaped; may hold no NUL (refused) */
	size_t klen;
	enum fc_jkind kind;
	const char *val; /* unescaped string, or the number's text */
	size_t vlen;
};

/* Called for each member of the top-level object, in order (duplicates
 * included).  key and val live until the next call. */
typedef void (*fc_jflat_fn)(void *ud, const struct fc_jmember *m);

struct fc_jflat {
	char *buf; /* scratch for unescaped strings (fc_free) */
	size_t cap;
};

/* Returns 1 for an object, 0 for valid JSON that is not an object (an
 * array, a string…), -1 for invalid JSON with *err (a static message) and
 * *col (1-based byte column).  Members are reported only for objects, and
 * before the whole text is known to be valid: act on them only when 1 is
 * returned. */
int fc_jflat_object(struct fc_jflat *j, const char *p, size_t n, fc_jflat_fn fn, void *ud, const char **err,
		    size_t *col);
void fc_jflat_release(struct fc_jflat *j);

#endif
