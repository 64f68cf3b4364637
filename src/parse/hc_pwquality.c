/*
 * pwquality.conf(5) (libpwquality): "name = value" and bare flags such as
 * enforce_for_root.  Options given to pam_pwquality in the PAM stack
 * override these (hostcfg.c resolves that).
 */
#include <string.h>
#include "hostcfg.h"

void fc_pwquality_init(struct fc_pwquality *o)
{
	memset(o, 0, sizeof(*o));
	o->minlen.v = o->dcredit.v = o->ucredit.v = o->lcredit.v = o->ocredit.v = FC_HC_UNSET;
	o->minclass.v = o->maxrepeat.v = o->dictcheck.v = o->retry.v = o->difok.v = FC_HC_UNSET;
}

/* Merges into o (call fc_pwquality_init first): pwquality.conf.d drop-ins
 * add to the main file. */
enum fc_status fc_pwquality_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				  struct fc_pwquality *o, struct fc_diag *d)
{
	static const struct {
		const char *key;
		size_t off;
	} ints[] = {
		{"minlen", offsetof(struct fc_pwquality, minlen)},
		{"dcredit", offsetof(struct fc_pwquality, dcredit)},
		{"ucredit", offsetof(struct fc_pwquality, ucredit)},
		{"lcredit", offsetof(struct fc_pwquality, lcredit)},
		{"ocredit", offsetof(struct fc_pwquality, ocredit)},
		{"minclass", offsetof(struct fc_pwquality, minclass)},
		{"maxrepeat", offsetof(struct fc_pwquality, maxrepeat)},
		{"dictcheck", offsetof(struct fc_pwquality, dictcheck)},
		{"retry", offsetof(struct fc_pwquality, retry)},
		{"difok", offsetof(struct fc_pwquality, difok)},
	};
	if (fc_hc_refuse_binary(text, n, name, d))
		return FC_EPARSE;
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
		if (fc_span_ieq(key, "enforce_for_root")) {
			o->enforce_for_root = true;
			continue;
		}
		for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
			if (!fc_span_ieq(key, ints[i].key))
				continue;
			int64_t v;
			if (!fc_hc_int(val, &v)) {
				fc_diag_error(d, name, L.lineno, 1, "%s expects a number", ints[i].key);
				st = FC_EPARSE;
				break;
			}
			struct fc_hc_int *slot = (struct fc_hc_int *)((char *)o + ints[i].off);
			slot->v = v; /* later lines override earlier ones */
			slot->ref = fc_hc_ref(a, name, L.lineno, line);
			if (!slot->ref.excerpt)
				return FC_ENOMEM;
			break;
		}
	}
	return st;
}
