/*
 * A streaming JSON writer into an fc_buf.  Commas and indentation are
 * tracked by the writer; strings are escaped (control characters, quotes,
 * backslashes; invalid UTF-8 becomes U+FFFD so output is always valid JSON).
 */
#ifndef FC_JSON_H
#define FC_JSON_H
#include <stdbool.h>
#include <stdint.h>
#include "buf.h"

struct fc_json {
	struct fc_buf *b;
	int depth;
	bool first[64];
	bool after_key;
	bool pretty;
};

void fc_json_init(struct fc_json *j, struct fc_buf *b, bool pretty);
void fc_json_obj(struct fc_json *j);
void fc_json_obj_end(struct fc_json *j);
void fc_json_arr(struct fc_json *j);
void fc_json_arr_end(struct fc_json *j);
void fc_json_key(struct fc_json *j, const char *k);
void fc_json_str(struct fc_json *j, const char *s); /* NULL writes null */
void fc_json_strn(struct fc_json *j, const char *s, size_t n);
void fc_json_int(struct fc_json *j, int64_t v);
void fc_json_num(struct fc_json *j, double v);
void fc_json_bool(struct fc_json *j, bool v);
void fc_json_null(struct fc_json *j);
/* key + value shorthands */
void fc_json_kstr(struct fc_json *j, const char *k, const char *s);
void fc_json_kint(struct fc_json *j, const char *k, int64_t v);
void fc_json_kbool(struct fc_json *j, const char *k, bool v);
void fc_json_knum(struct fc_json *j, const char *k, double v);
/* a date (FC_NO_DATE writes null) */
void fc_json_kdate(struct fc_json *j, const char *k, int32_t days);

/* Escape s as a JSON string body (no quotes) into b. */
void fc_json_escape(struct fc_buf *b, const char *s, size_t n);

#endif
