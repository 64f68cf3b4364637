/*
 * faillock.conf(5) (pam_faillock, linux-pam 1.4+): "name = value" and bare
 * flags (even_deny_root, audit, silent).  Module arguments in the PAM stack
 * override these (hostcfg.c resolves that).
 */
#include <string.h>
#include "hostcfg.h"

enum fc_status fc_faillock_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				 struct fc_faillock_conf *o, struct fc_diag *d)
{
	memset(o, 0, sizeof(*o));
	o->deny.v = o->unlock_time.v = o->fail_interval.v = o->root_unlock_time.v = FC_HC_UNSET;
	if (fc_hc_refuse_binary(text, n, name, d))
		return FC_EPARSE;
	static const struct {
		const char *key;
		size_t off;
	} ints[] = {
		{"deny", offsetof(struct fc_faillock_conf, deny)},
		{"unlock_time", offsetof(struct fc_faillock_conf, unlock_time)},
		{"fail_interval", offsetof(struct fc_faillock_conf, fail_interval)},
		{"root_unlock_time", offsetof(struct fc_faillock_conf, root_unlock_time)},
	};
	enum fc_status st = FC_OK;
	struct fc_hc_lines L;
	struct fc_span line;
	fc_hc_lines_init(&L, text, n);
	while (fc_hc_lines_next(&L, &line)) {
		struct fc_span s = fc_hc_strip_comment(line);
		if (!s.n)
			continue;
		const char *eq = memchr(s.p, '=', s.n);
		struct fc_span key = fc_span_trim(fc_span_of(s.p, eq ? (size_t)(eq - s.p) : s.n));
		struct fc_span val = eq ? fc_span_trim(fc_span_of(eq + 1, s.n - (size_t)(eq + 1 - s.p)))
				      : fc_span_of(s.p + s.n, 0);
		if (fc_span_ieq(key, "even_deny_root")) {
			o->even_deny_root = true;
			o->even_deny_root_ref = fc_hc_ref(a, name, L.lineno, line);
			continue;
		}
		if (fc_span_ieq(key, "audit")) {
			o->audit = true;
			continue;
		}
		if (fc_span_ieq(key, "silent")) {
			o->silent = true;
			continue;
		}
		for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
			if (!fc_span_ieq(key, ints[i].key))
				continue;
			int64_t v;
			/* unlock_time = never (linux-pam 1.5) means 0: until an admin unlocks */
			if (fc_span_ieq(val, "never"))
				v = 0;
			else if (!fc_hc_int(val, &v) || v < 0) {
				fc_diag_error(d, name, L.lineno, 1, "%s expects a non-negative number", ints[i].key);
				st = FC_EPARSE;
				break;
			}
			struct fc_hc_int *slot = (struct fc_hc_int *)((char *)o + ints[i].off);
			slot->v = v;
			slot->ref = fc_hc_ref(a, name, L.lineno, line);
			if (!slot->ref.excerpt)
				return FC_ENOMEM;
			break;
		}
	}
	return st;
}
