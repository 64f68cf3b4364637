/*
 * A small YAML document tree on top of libyaml: mappings, sequences and
 * scalars, each with its line and column, built in an arena.  Aliases are
 * refused (no billion-laughs), nesting is capped at FC_MAX_NESTING.
 */
#ifndef FC_YAML_H
#define FC_YAML_H
#include <stddef.h>
#include "arena.h"
#include "diag.h"
#include "status.h"

enum fc_ynode_kind { FC_Y_SCALAR, FC_Y_MAP, FC_Y_SEQ };

struct fc_ynode {
	enum fc_ynode_kind kind;
	long line, col;
	const char *str;	/* scalar text (also for empty values: "") */
	int quoted;		/* scalar was quoted: never a number/bool */
	/* MAP: keys[i] -> vals[i]; SEQ: vals[i] */
	const char **keys;
	long *key_lines;
	struct fc_ynode **vals;
	size_t n;
};

/* Parse; on error reports file:line:col and returns FC_EPARSE. */
enum fc_status fc_yaml_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
			     struct fc_ynode **root, struct fc_diag *d);
/* Mapping lookup (exact key); NULL if absent or not a map. */
const struct fc_ynode *fc_ymap_get(const struct fc_ynode *map, const char *key);
/* Scalar text of a mapping value, NULL if absent or not a scalar. */
const char *fc_ymap_str(const struct fc_ynode *map, const char *key);

#endif
