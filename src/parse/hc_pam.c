/*
 * PAM configuration (pam.d(5)): "[-]type control module [args…]", control
 * either a keyword or a bracketed "[value=action …]", '\' continues a line.
 * Kept: pam_pwquality / pam_cracklib quality options and pam_pwhistory /
 * pam_unix remember= (password stacks), pam_faillock / pam_tally2 / pam_tally
 * deny and unlock_time (auth stacks), pam_unix nullok in auth stacks (empty
 * passwords accepted at login).  Seed 002 存取控制 4 and 撞庫強化;
 * FL098836 §15 (lockout after 3 failures for 15 minutes).
 */
#include <string.h>
#include "hostcfg.h"

void fc_pam_init(struct fc_pam_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->minlen.v = f->dcredit.v = f->ucredit.v = f->lcredit.v = f->ocredit.v = FC_HC_UNSET;
	f->minclass.v = f->retry.v = f->remember.v = FC_HC_UNSET;
	f->deny.v = f->unlock_time.v = f->fail_interval.v = f->unix_minlen.v = FC_HC_UNSET;
}

/* "pam_faillock.so" or "/lib64/security/pam_faillock.so" -> "pam_faillock" */
static struct fc_span module_name(struct fc_span m)
{
	for (size_t i = m.n; i > 0; i--)
		if (m.p[i - 1] == '/') {
			m.p += i;
			m.n -= i;
			break;
		}
	if (m.n > 3 && !memcmp(m.p + m.n - 3, ".so", 3))
		m.n -= 3;
	return m;
}

/* Set an int option from "key=value" if unset (first occurrence wins). */
static enum fc_status opt_int(struct fc_hc_int *slot, struct fc_span val, struct fc_arena *a,
			      const char *name, long lineno, struct fc_span line, struct fc_diag *d,
			      const char *key, enum fc_status *st)
{
	int64_t v;
	if (!fc_hc_int(val, &v)) {
		if (fc_span_ieq(val, "never")) {
			v = 0;
		} else {
			fc_diag_error(d, name, lineno, (long)(val.p - line.p) + 1,
				      "%s= expects a number, got '%.*s'", key, (int)(val.n > 40 ? 40 : val.n), val.p);
			*st = FC_EPARSE;
			return FC_OK;
		}
	}
	if (slot->v != FC_HC_UNSET)
		return FC_OK;
	slot->v = v;
	slot->ref = fc_hc_ref(a, name, lineno, line);
	return slot->ref.excerpt ? FC_OK : FC_ENOMEM;
}

enum fc_status fc_pam_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
			    struct fc_pam_facts *f, struct fc_diag *d)
{
	if (fc_hc_refuse_binary(text, n, name, d))
		return FC_EPARSE;
	enum fc_status st = FC_OK;
	struct fc_hc_lines L;
	struct fc_span line;
	fc_hc_lines_init(&L, text, n);
	while (fc_hc_lines_next(&L, &line)) {
		long lineno = L.lineno;
		/* '\' continuation: only the first physical line is cited; the
		 * continued text is parsed as if on one line */
		struct fc_span s = fc_hc_strip_comment(line);
		char joined[4096];
		if (s.n && s.p[s.n - 1] == '\\') {
			size_t jn = 0;
			struct fc_span cur = s;
			for (;;) {
				bool cont = cur.n && cur.p[cur.n - 1] == '\\';
				size_t take = cont ? cur.n - 1 : cur.n;
				if (jn + take + 1 >= sizeof joined) {
					fc_diag_error(d, name, lineno, 1, "continued PAM line longer than %zu bytes",
						      sizeof joined);
					st = FC_EPARSE;
					jn = 0;
					break;
				}
				memcpy(joined + jn, cur.p, take);
				jn += take;
				joined[jn++] = ' ';
				struct fc_span nx;
				if (!cont || !fc_hc_lines_next(&L, &nx))
					break;
				cur = fc_hc_strip_comment(nx);
			}
			s = fc_span_of(joined, jn);
		}
		struct fc_span type, control, module;
		if (!fc_hc_word(&s, &type))
			continue;
		if (type.p[0] == '@') {
			/* "@include common-auth": the included file is collected and
			 * parsed on its own */
			continue;
		}
		if (type.n && type.p[0] == '-') {
			type.p++;
			type.n--;
		}
		bool is_auth = fc_span_ieq(type, "auth"), is_pw = fc_span_ieq(type, "password");
		if (!is_auth && !is_pw && !fc_span_ieq(type, "account") && !fc_span_ieq(type, "session")) {
			fc_diag_error(d, name, lineno, 1, "unknown PAM type '%.*s' (auth, account, password, session)",
				      (int)(type.n > 30 ? 30 : type.n), type.p);
			st = FC_EPARSE;
			continue;
		}
		/* control: a word or a bracketed list that may contain spaces */
		while (s.n && (*s.p == ' ' || *s.p == '\t')) {
			s.p++;
			s.n--;
		}
		if (s.n && *s.p == '[') {
			const char *e = memchr(s.p, ']', s.n);
			if (!e) {
				fc_diag_error(d, name, lineno, (long)(s.p - line.p) + 1, "unterminated '[' in PAM control");
				st = FC_EPARSE;
				continue;
			}
			control = fc_span_of(s.p, (size_t)(e - s.p) + 1);
			s.n -= (size_t)(e + 1 - s.p);
			s.p = e + 1;
		} else if (!fc_hc_word(&s, &control)) {
			fc_diag_error(d, name, lineno, 1, "PAM line without control and module");
			st = FC_EPARSE;
			continue;
		}
		if (fc_span_ieq(control, "include") || fc_span_ieq(control, "substack")) {
			continue; /* the named file is collected and parsed on its own */
		}
		if (!fc_hc_word(&s, &module)) {
			fc_diag_error(d, name, lineno, 1, "PAM line without a module");
			st = FC_EPARSE;
			continue;
		}
		f->lines++;
		if (is_pw && !f->password_ref.file)
			f->password_ref = fc_hc_ref(a, name, lineno, line);
		if (is_auth && !f->auth_ref.file)
			f->auth_ref = fc_hc_ref(a, name, lineno, line);
		struct fc_span mod = module_name(module);
		bool q = fc_span_eq(mod, "pam_pwquality") || fc_span_eq(mod, "pam_cracklib");
		bool fl = fc_span_eq(mod, "pam_faillock") || fc_span_eq(mod, "pam_tally2") ||
			  fc_span_eq(mod, "pam_tally");
		bool hist = fc_span_eq(mod, "pam_pwhistory");
		bool unx = fc_span_eq(mod, "pam_unix") || fc_span_eq(mod, "pam_unix2");
		if (q && is_pw && !f->pwquality) {
			f->pwquality = true;
			f->pwquality_module = fc_arena_strndup(a, mod.p, mod.n);
			f->pwquality_ref = fc_hc_ref(a, name, lineno, line);
		}
		if (fl && (is_auth || fc_span_ieq(type, "account")) && !f->faillock) {
			f->faillock = true;
			f->faillock_module = fc_arena_strndup(a, mod.p, mod.n);
			f->faillock_ref = fc_hc_ref(a, name, lineno, line);
		}
		struct fc_span arg;
		while (fc_hc_word(&s, &arg)) {
			const char *eq = memchr(arg.p, '=', arg.n);
			struct fc_span key = eq ? fc_span_of(arg.p, (size_t)(eq - arg.p)) : arg;
			struct fc_span val = eq ? fc_span_of(eq + 1, arg.n - (size_t)(eq + 1 - arg.p))
					      : fc_span_of(arg.p + arg.n, 0);
			enum fc_status e = FC_OK;
#define OPT(cond, k, slot)                                                                          \
	else if ((cond) && eq && fc_span_eq(key, k)) e = opt_int(&f->slot, val, a, name, lineno, line, d, k, &st)
			if (0) {
			}
			OPT(q && is_pw, "minlen", minlen);
			OPT(q && is_pw, "dcredit", dcredit);
			OPT(q && is_pw, "ucredit", ucredit);
			OPT(q && is_pw, "lcredit", lcredit);
			OPT(q && is_pw, "ocredit", ocredit);
			OPT(q && is_pw, "minclass", minclass);
			OPT(q && is_pw, "retry", retry);
			OPT((hist || unx) && is_pw, "remember", remember);
			OPT(unx && is_pw, "minlen", unix_minlen);
			OPT(fl, "deny", deny);
			OPT(fl, "unlock_time", unlock_time);
			OPT(fl, "fail_interval", fail_interval);
			else if (fl && fc_span_eq(arg, "even_deny_root"))
				f->even_deny_root = true;
			else if (unx && is_auth && (fc_span_eq(arg, "nullok") || fc_span_eq(arg, "nullok_secure"))) {
				if (!f->nullok) {
					f->nullok = true;
					f->nullok_ref = fc_hc_ref(a, name, lineno, line);
				}
			} else if (unx && is_pw && !f->hash.v &&
				   (fc_span_eq(arg, "md5") || fc_span_eq(arg, "bigcrypt") || fc_span_eq(arg, "sha256") ||
				    fc_span_eq(arg, "sha512") || fc_span_eq(arg, "blowfish") ||
				    fc_span_eq(arg, "yescrypt") || fc_span_eq(arg, "gost_yescrypt"))) {
				f->hash.v = fc_arena_strndup(a, arg.p, arg.n);
				f->hash.ref = fc_hc_ref(a, name, lineno, line);
			}
#undef OPT
			if (e)
				return e;
		}
	}
	return st;
}
