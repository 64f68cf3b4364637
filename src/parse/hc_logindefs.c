/*
 * /etc/login.defs (shadow-utils): "NAME value" lines, '#' comments.  The
 * password ageing values apply to accounts created afterwards (useradd);
 * the ageing of existing accounts is in /etc/shadow (accounts.c).
 */
#include <string.h>
#include "hostcfg.h"

static void unset(struct fc_logindefs *o)
{
	memset(o, 0, sizeof(*o));
	o->pass_max_days.v = o->pass_min_days.v = o->pass_min_len.v = o->pass_warn_age.v = FC_HC_UNSET;
	o->uid_min.v = o->login_retries.v = FC_HC_UNSET;
}

enum fc_status fc_logindefs_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				  struct fc_logindefs *o, struct fc_diag *d)
{
	unset(o);
	if (fc_hc_refuse_binary(text, n, name, d))
		return FC_EPARSE;
	static const struct {
		const char *key;
		size_t off;
	} ints[] = {
		{"PASS_MAX_DAYS", offsetof(struct fc_logindefs, pass_max_days)},
		{"PASS_MIN_DAYS", offsetof(struct fc_logindefs, pass_min_days)},
		{"PASS_MIN_LEN", offsetof(struct fc_logindefs, pass_min_len)},
		{"PASS_WARN_AGE", offsetof(struct fc_logindefs, pass_warn_age)},
		{"UID_MIN", offsetof(struct fc_logindefs, uid_min)},
		{"LOGIN_RETRIES", offsetof(struct fc_logindefs, login_retries)},
	};
	enum fc_status st = FC_OK;
	struct fc_hc_lines L;
	struct fc_span line;
	fc_hc_lines_init(&L, text, n);
	while (fc_hc_lines_next(&L, &line)) {
		struct fc_span s = fc_hc_strip_comment(line), key, val;
		if (!s.n)
			continue;
		if (!fc_hc_word(&s, &key))
			continue;
		val = fc_span_trim(s);
		bool done = false;
		for (size_t i = 0; i < sizeof ints / sizeof ints[0] && !done; i++) {
			if (!fc_span_eq(key, ints[i].key))
				continue;
			done = true;
			struct fc_hc_int *slot = (struct fc_hc_int *)((char *)o + ints[i].off);
			int64_t v;
			if (!fc_hc_int(val, &v)) {
				fc_diag_error(d, name, L.lineno, (long)(val.p - line.p) + 1,
					      "%s expects a number, got '%.*s'", ints[i].key,
					      (int)(val.n > 40 ? 40 : val.n), val.p);
				st = FC_EPARSE;
				continue;
			}
			/* the last assignment wins in login.defs (getdef reads all) */
			slot->v = v;
			slot->ref = fc_hc_ref(a, name, L.lineno, line);
			if (!slot->ref.excerpt)
				return FC_ENOMEM;
		}
		if (done)
			continue;
		struct fc_hc_str *ts = NULL;
		if (fc_span_eq(key, "ENCRYPT_METHOD"))
			ts = &o->encrypt_method;
		else if (fc_span_eq(key, "UMASK"))
			ts = &o->umask;
		if (ts && val.n) {
			ts->v = fc_arena_strndup(a, val.p, val.n);
			ts->ref = fc_hc_ref(a, name, L.lineno, line);
			if (!ts->v || !ts->ref.excerpt)
				return FC_ENOMEM;
		}
	}
	return st;
}
