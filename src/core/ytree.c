#include "ytree.h"
#include "limits.h"
#include "mem.h"
#include <stdio.h>
#include <string.h>
#include <yaml.h>

struct builder {
	yaml_parser_t p;
	struct fc_arena *a;
	const char *name;
	struct fc_diag *d;
	int depth;
};

struct kids {
	const char **keys;
	long *key_lines;
	struct fc_ynode **vals;
	size_t n, cap;
};

static int kids_push(struct kids *k, const char *key, long kline, struct fc_ynode *v)
{
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 8;
		const char **nk = fc_reallocarray(k->keys, cap, sizeof(*nk));
		if (!nk)
			return -1;
		k->keys = nk;
		long *nl = fc_reallocarray(k->key_lines, cap, sizeof(*nl));
		if (!nl)
			return -1;
		k->key_lines = nl;
		struct fc_ynode **nv = fc_reallocarray(k->vals, cap, sizeof(*nv));
		if (!nv)
			return -1;
		k->vals = nv;
		k->cap = cap;
	}
	k->keys[k->n] = key;
	k->key_lines[k->n] = kline;
	k->vals[k->n] = v;
	k->n++;
	return 0;
}

static void kids_free(struct kids *k)
{
	fc_free(k->keys);
	fc_free(k->key_lines);
	fc_free(k->vals);
}

static enum fc_status err_at(struct builder *b, long line, long col, const char *msg)
{
	fc_diag_error(b->d, b->name, line, col, "%s", msg);
	return FC_EPARSE;
}

static enum fc_status parse_node(struct builder *b, yaml_event_t *ev, struct fc_ynode **out);

static enum fc_status next(struct builder *b, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&b->p, ev)) {
		const char *prob = b->p.problem ? b->p.problem : "invalid YAML";
		char msg[300];
		snprintf(msg, sizeof msg, "YAML: %s%s%s", prob, b->p.context ? " " : "",
			 b->p.context ? b->p.context : "");
		return err_at(b, (long)b->p.problem_mark.line + 1, (long)b->p.problem_mark.column + 1, msg);
	}
	return FC_OK;
}

static enum fc_status collection(struct builder *b, struct fc_ynode *node, int is_map)
{
	struct kids k = {0};
	enum fc_status st = FC_OK;
	if (++b->depth > FC_MAX_NESTING) {
		st = err_at(b, node->line, node->col, "YAML nested deeper than the limit");
		goto out;
	}
	for (;;) {
		yaml_event_t ev;
		if ((st = next(b, &ev)))
			goto out;
		if (ev.type == (is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT)) {
			yaml_event_delete(&ev);
			break;
		}
		const char *key = NULL;
		long kline = 0;
		if (is_map) {
			if (ev.type != YAML_SCALAR_EVENT) {
				st = err_at(b, (long)ev.start_mark.line + 1, (long)ev.start_mark.column + 1,
					    "expected a plain key in a mapping");
				yaml_event_delete(&ev);
				goto out;
			}
			key = fc_arena_strndup(b->a, (const char *)ev.data.scalar.value, ev.data.scalar.length);
			kline = (long)ev.start_mark.line + 1;
			yaml_event_delete(&ev);
			if (!key) {
				st = FC_ENOMEM;
				goto out;
			}
			for (size_t i = 0; i < k.n; i++)
				if (strcmp(k.keys[i], key) == 0) {
					st = err_at(b, kline, 0, "duplicate key in a mapping");
					goto out;
				}
			if ((st = next(b, &ev)))
				goto out;
		}
		struct fc_ynode *child = NULL;
		st = parse_node(b, &ev, &child);
		yaml_event_delete(&ev);
		if (st)
			goto out;
		if (kids_push(&k, key, kline, child)) {
			st = FC_ENOMEM;
			goto out;
		}
	}
	node->n = k.n;
	if (k.n) {
		node->vals = fc_arena_alloc(b->a, sizeof(*node->vals) * k.n);
		if (!node->vals) {
			st = FC_ENOMEM;
			goto out;
		}
		memcpy(node->vals, k.vals, sizeof(*node->vals) * k.n);
		if (is_map) {
			node->keys = fc_arena_alloc(b->a, sizeof(*node->keys) * k.n);
			node->key_lines = fc_arena_alloc(b->a, sizeof(*node->key_lines) * k.n);
			if (!node->keys || !node->key_lines) {
				st = FC_ENOMEM;
				goto out;
			}
			memcpy(node->keys, k.keys, sizeof(*node->keys) * k.n);
			memcpy(node->key_lines, k.key_lines, sizeof(*node->key_lines) * k.n);
		}
	}
out:
	b->depth--;
	kids_free(&k);
	return st;
}

static enum fc_status parse_node(struct builder *b, yaml_event_t *ev, struct fc_ynode **out)
{
	struct fc_ynode *n = fc_arena_alloc(b->a, sizeof(*n));
	if (!n)
		return FC_ENOMEM;
	n->line = (long)ev->start_mark.line + 1;
	n->col = (long)ev->start_mark.column + 1;
	*out = n;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n->kind = FC_Y_SCALAR;
		n->str = fc_arena_strndup(b->a, (const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->quoted = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
			    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
		return n->str ? FC_OK : FC_ENOMEM;
	case YAML_MAPPING_START_EVENT:
		n->kind = FC_Y_MAP;
		return collection(b, n, 1);
	case YAML_SEQUENCE_START_EVENT:
		n->kind = FC_Y_SEQ;
		return collection(b, n, 0);
	case YAML_ALIAS_EVENT:
		return err_at(b, n->line, n->col, "YAML aliases are not accepted in evidence");
	default:
		return err_at(b, n->line, n->col, "unexpected YAML event");
	}
}

enum fc_status fc_yaml_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
			     struct fc_ynode **root, struct fc_diag *d)
{
	struct builder b = {.a = a, .name = name, .d = d};
	*root = NULL;
	if (!yaml_parser_initialize(&b.p))
		return FC_ENOMEM;
	yaml_parser_set_input_string(&b.p, (const unsigned char *)text, n);
	enum fc_status st;
	yaml_event_t ev;
	int docs = 0;
	for (;;) {
		if ((st = next(&b, &ev)))
			break;
		yaml_event_type_t t = ev.type;
		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (t == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
			yaml_event_delete(&ev);
			st = err_at(&b, (long)ev.start_mark.line + 1, 0, "only one YAML document is expected");
			break;
		}
		if (t == YAML_SCALAR_EVENT || t == YAML_MAPPING_START_EVENT ||
		    t == YAML_SEQUENCE_START_EVENT || t == YAML_ALIAS_EVENT) {
			st = parse_node(&b, &ev, root);
			yaml_event_delete(&ev);
			if (st)
				break;
			continue;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&b.p);
	if (st)
		*root = NULL;
	return st;
}

const struct fc_ynode *fc_ymap_get(const struct fc_ynode *map, const char *key)
{
	if (!map || map->kind != FC_Y_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->vals[i];
	return NULL;
}

const char *fc_ymap_str(const struct fc_ynode *map, const char *key)
{
	const struct fc_ynode *v = fc_ymap_get(map, key);
	return v && v->kind == FC_Y_SCALAR ? v->str : NULL;
}
