#include "json.h"
#include "strutil.h"
#include "date.h"
#include <math.h>
#include <string.h>

void fc_json_init(struct fc_json *j, struct fc_buf *b, bool pretty)
{
	memset(j, 0, sizeof(*j));
	j->b = b;
	j->pretty = pretty;
	j->first[0] = true;
}

static void indent(struct fc_json *j)
{
	if (!j->pretty)
		return;
	fc_buf_addc(j->b, '\n');
	for (int i = 0; i < j->depth; i++)
		fc_buf_add(j->b, "  ", 2);
}

static void pre_value(struct fc_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		if (!j->first[j->depth])
			fc_buf_addc(j->b, ',');
		j->first[j->depth] = false;
		indent(j);
	}
}

static void open(struct fc_json *j, char c)
{
	pre_value(j);
	fc_buf_addc(j->b, c);
	if (j->depth < 63)
		j->depth++;
	j->first[j->depth] = true;
}

static void close_(struct fc_json *j, char c)
{
	bool empty = j->first[j->depth];
	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	fc_buf_addc(j->b, c);
}

void fc_json_obj(struct fc_json *j) { open(j, '{'); }
void fc_json_obj_end(struct fc_json *j) { close_(j, '}'); }
void fc_json_arr(struct fc_json *j) { open(j, '['); }
void fc_json_arr_end(struct fc_json *j) { close_(j, ']'); }

void fc_json_escape(struct fc_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t run = i;
		while (run < n && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\')
			run++;
		if (run > i) {
			fc_buf_add(b, s + i, run - i);
			i = run;
			continue;
		}
		unsigned char c = p[i];
		if (c == '"' || c == '\\') {
			fc_buf_addc(b, '\\');
			fc_buf_addc(b, (char)c);
			i++;
		} else if (c < 0x20) {
			switch (c) {
			case '\n': fc_buf_add(b, "\\n", 2); break;
			case '\r': fc_buf_add(b, "\\r", 2); break;
			case '\t': fc_buf_add(b, "\\t", 2); break;
			default: fc_buf_addf(b, "\\u%04x", c);
			}
			i++;
		} else {
			size_t l = fc_utf8_len(p + i, n - i);
			if (l) {
				fc_buf_add(b, s + i, l);
				i += l;
			} else {
				fc_buf_add(b, "\\ufffd", 6);
				i++;
			}
		}
	}
}

void fc_json_key(struct fc_json *j, const char *k)
{
	pre_value(j);
	fc_buf_addc(j->b, '"');
	fc_json_escape(j->b, k, strlen(k));
	fc_buf_add(j->b, j->pretty ? "\": " : "\":", j->pretty ? 3 : 2);
	j->after_key = true;
}

void fc_json_strn(struct fc_json *j, const char *s, size_t n)
{
	pre_value(j);
	fc_buf_addc(j->b, '"');
	fc_json_escape(j->b, s, n);
	fc_buf_addc(j->b, '"');
}

void fc_json_str(struct fc_json *j, const char *s)
{
	if (!s)
		fc_json_null(j);
	else
		fc_json_strn(j, s, strlen(s));
}

void fc_json_int(struct fc_json *j, int64_t v)
{
	pre_value(j);
	fc_buf_addf(j->b, "%lld", (long long)v);
}

void fc_json_num(struct fc_json *j, double v)
{
	pre_value(j);
	if (!isfinite(v))
		fc_buf_adds(j->b, "null");
	else if (v == (double)(int64_t)v && fabs(v) < 1e15)
		fc_buf_addf(j->b, "%lld", (long long)v);
	else
		fc_buf_addf(j->b, "%.6g", v);
}

void fc_json_bool(struct fc_json *j, bool v)
{
	pre_value(j);
	fc_buf_adds(j->b, v ? "true" : "false");
}

void fc_json_null(struct fc_json *j)
{
	pre_value(j);
	fc_buf_adds(j->b, "null");
}

void fc_json_kstr(struct fc_json *j, const char *k, const char *s) { fc_json_key(j, k); fc_json_str(j, s); }
void fc_json_kint(struct fc_json *j, const char *k, int64_t v) { fc_json_key(j, k); fc_json_int(j, v); }
void fc_json_kbool(struct fc_json *j, const char *k, bool v) { fc_json_key(j, k); fc_json_bool(j, v); }
void fc_json_knum(struct fc_json *j, const char *k, double v) { fc_json_key(j, k); fc_json_num(j, v); }

void fc_json_kdate(struct fc_json *j, const char *k, int32_t days)
{
	fc_json_key(j, k);
	if (days == FC_NO_DATE) {
		fc_json_null(j);
		return;
	}
	char d[11];
	fc_date_fmt(days, d);
	fc_json_str(j, d);
}
