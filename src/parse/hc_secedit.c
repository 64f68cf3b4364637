/*
 * Windows security templates: `secedit /export /cfg` output and GPO
 * GptTmpl.inf — INI sections ([System Access], [Event Audit],
 * [Privilege Rights], [Registry Values], …) of "Key = Value" lines.  Real
 * exports are UTF-16LE with a BOM; fc_text_read has already converted them
 * to UTF-8, so this parser sees UTF-8 either way.
 *
 * [System Access] carries the password and lockout policy that SA-6.1
 * (seed 004 安全設定檢視 1: 「密碼設定原則」與「帳號鎖定原則」) asks to review.
 */
#include <string.h>
#include "../core/limits.h"
#include "hostcfg.h"

#define SECEDIT_MAX_ENTRIES FC_MAX_SECEDIT_ENTRIES

static enum fc_status push(struct fc_secedit *s, struct fc_arena *a, const char *section,
			   struct fc_span key, struct fc_span val, struct fc_ref ref)
{
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		struct fc_secedit_kv *nv = fc_arena_alloc(a, nc * sizeof(*nv));
		if (!nv)
			return FC_ENOMEM;
		if (s->n)
			memcpy(nv, s->v, s->n * sizeof(*nv));
		s->v = nv;
		s->cap = nc;
	}
	struct fc_secedit_kv *kv = &s->v[s->n];
	kv->section = section;
	kv->key = fc_arena_strndup(a, key.p, key.n);
	kv->value = fc_arena_strndup(a, val.p, val.n);
	kv->ref = ref;
	if (!kv->key || !kv->value || !ref.excerpt)
		return FC_ENOMEM;
	s->n++;
	return FC_OK;
}

static const struct {
	const char *section, *key;
	size_t off;
} typed[] = {
	{"System Access", "MinimumPasswordLength", offsetof(struct fc_secedit, min_pw_len)},
	{"System Access", "PasswordComplexity", offsetof(struct fc_secedit, complexity)},
	{"System Access", "MaximumPasswordAge", offsetof(struct fc_secedit, max_pw_age)},
	{"System Access", "MinimumPasswordAge", offsetof(struct fc_secedit, min_pw_age)},
	{"System Access", "PasswordHistorySize", offsetof(struct fc_secedit, history)},
	{"System Access", "LockoutBadCount", offsetof(struct fc_secedit, lockout_count)},
	{"System Access", "LockoutDuration", offsetof(struct fc_secedit, lockout_duration)},
	{"System Access", "ResetLockoutCount", offsetof(struct fc_secedit, reset_lockout)},
	{"System Access", "ClearTextPassword", offsetof(struct fc_secedit, cleartext)},
	{"System Access", "EnableGuestAccount", offsetof(struct fc_secedit, guest_enabled)},
	{"System Access", "EnableAdminAccount", offsetof(struct fc_secedit, admin_enabled)},
	{"System Access", "LSAAnonymousNameLookup", offsetof(struct fc_secedit, anon_name_lookup)},
	{"Event Audit", "AuditLogonEvents", offsetof(struct fc_secedit, audit_logon)},
	{"Event Audit", "AuditAccountLogon", offsetof(struct fc_secedit, audit_account_logon)},
	{"Event Audit", "AuditAccountManage", offsetof(struct fc_secedit, audit_account_manage)},
	{"Event Audit", "AuditPolicyChange", offsetof(struct fc_secedit, audit_policy_change)},
	{"Event Audit", "AuditPrivilegeUse", offsetof(struct fc_secedit, audit_privilege_use)},
	{"Event Audit", "AuditSystemEvents", offsetof(struct fc_secedit, audit_system)},
};

enum fc_status fc_secedit_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				struct fc_secedit *o, struct fc_diag *d)
{
	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++)
		((struct fc_hc_int *)((char *)o + typed[i].off))->v = FC_HC_UNSET;
	if (fc_hc_refuse_binary(text, n, name, d))
		return FC_EPARSE;
	enum fc_status st = FC_OK;
	const char *section = NULL;
	bool any_section = false;
	struct fc_hc_lines L;
	struct fc_span line;
	fc_hc_lines_init(&L, text, n);
	while (fc_hc_lines_next(&L, &line)) {
		struct fc_span s = fc_span_trim(line);
		if (!s.n || s.p[0] == ';')
			continue;
		if (s.p[0] == '[') {
			if (s.p[s.n - 1] != ']' || s.n < 3) {
				fc_diag_error(d, name, L.lineno, 1, "malformed section header (expected [Name])");
				st = FC_EPARSE;
				section = NULL;
				continue;
			}
			section = fc_arena_strndup(a, s.p + 1, s.n - 2);
			if (!section)
				return FC_ENOMEM;
			any_section = true;
			continue;
		}
		if (!section) {
			fc_diag_error(d, name, L.lineno, 1,
				      "text before the first [section]: not a secedit export or security template");
			st = FC_EPARSE;
			if (!any_section && L.lineno >= 3)
				return FC_EPARSE; /* clearly not an INF: stop early */
			continue;
		}
		if (o->n >= SECEDIT_MAX_ENTRIES) {
			fc_diag_error(d, name, L.lineno, 1, "more than %d entries", SECEDIT_MAX_ENTRIES);
			return FC_ELIMIT;
		}
		const char *eq = memchr(s.p, '=', s.n);
		struct fc_span key = fc_span_trim(fc_span_of(s.p, eq ? (size_t)(eq - s.p) : s.n));
		struct fc_span val = eq ? fc_span_trim(fc_span_of(eq + 1, s.n - (size_t)(eq + 1 - s.p)))
				      : fc_span_of(s.p + s.n, 0);
		struct fc_ref ref = fc_hc_ref(a, name, L.lineno, line);
		enum fc_status e = push(o, a, section, key, val, ref);
		if (e)
			return e;
		for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
			if (fc_strcasecmp(section, typed[i].section) || !fc_span_ieq(key, typed[i].key))
				continue;
			struct fc_hc_int *slot = (struct fc_hc_int *)((char *)o + typed[i].off);
			int64_t v;
			if (!fc_hc_int(val, &v)) {
				fc_diag_error(d, name, L.lineno, (long)(val.p - line.p) + 1,
					      "%s expects a number, got '%.*s'", typed[i].key,
					      (int)(val.n > 40 ? 40 : val.n), val.p);
				st = FC_EPARSE;
				break;
			}
			slot->v = v;
			slot->ref = ref;
			break;
		}
		if (!fc_strcasecmp(section, "System Access") && val.n) {
			struct fc_hc_str *ts = NULL;
			if (fc_span_ieq(key, "NewAdministratorName"))
				ts = &o->new_admin_name;
			else if (fc_span_ieq(key, "NewGuestName"))
				ts = &o->new_guest_name;
			if (ts) {
				if (val.n >= 2 && val.p[0] == '"' && val.p[val.n - 1] == '"') {
					val.p++;
					val.n -= 2;
				}
				ts->v = fc_arena_strndup(a, val.p, val.n);
				ts->ref = ref;
			}
		}
	}
	if (!any_section && st == FC_OK) {
		fc_diag_error(d, name, 1, 0, "no [section] found: not a secedit export or security template");
		st = FC_EPARSE;
	}
	return st;
}

const struct fc_secedit_kv *fc_secedit_get(const struct fc_secedit *s, const char *section,
					   const char *key)
{
	for (size_t i = 0; i < s->n; i++)
		if (!fc_strcasecmp(s->v[i].section, section) && !fc_strcasecmp(s->v[i].key, key))
			return &s->v[i];
	return NULL;
}

bool fc_secedit_reg_int(const struct fc_secedit *s, const char *key_suffix, int64_t *out,
			const struct fc_secedit_kv **kvp)
{
	size_t sl = strlen(key_suffix);
	for (size_t i = 0; i < s->n; i++) {
		const struct fc_secedit_kv *kv = &s->v[i];
		if (fc_strcasecmp(kv->section, "Registry Values"))
			continue;
		size_t kl = strlen(kv->key);
		if (kl < sl || fc_strcasecmp(kv->key + kl - sl, key_suffix))
			continue;
		if (kl > sl && kv->key[kl - sl - 1] != '\\')
			continue;
		/* "4,1" (REG_DWORD) or '1,"0"' (REG_SZ) */
		const char *c = strchr(kv->value, ',');
		if (!c)
			return false;
		char tmp[32];
		size_t vn = strlen(c + 1);
		const char *vp = c + 1;
		if (vn >= 2 && vp[0] == '"' && vp[vn - 1] == '"') {
			vp++;
			vn -= 2;
		}
		if (vn == 0 || vn >= sizeof tmp)
			return false;
		memcpy(tmp, vp, vn);
		tmp[vn] = '\0';
		if (!fc_parse_i64(tmp, out))
			return false;
		if (kvp)
			*kvp = kv;
		return true;
	}
	return false;
}
