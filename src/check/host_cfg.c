/*
 * Checks over the configuration collected from each host (hosts/<h>/…):
 * SSH daemon, password and lockout policy, Windows security options,
 * insecure services, local log retention and plaintext secrets.
 * Seed 002 存取控制 4 (文數字、符號、6碼以上、90天) and 撞庫強化 (3次);
 * seed 004 SA-3.3 and SA-6.1/6.3; FL098836 §14–15 (SYS-14, SYS-15).
 */
#include <stdio.h>
#include <string.h>
#include "../core/strutil.h"
#include "../parse/hostcfg.h"
#include "host_int.h"

static const struct fc_hostcfg_facts *hcf(const struct fc_bundle *b)
{
	static const struct fc_hostcfg_facts none;
	return b->hostcfg ? b->hostcfg : &none;
}

/* The object name of a collected host and its inventory row (may be NULL). */
static const struct fc_host *inv(const struct fc_bundle *b, const struct fc_hostcfg *h)
{
	return fc_host_by_name(b, h->hostname);
}

static void link_host(struct fc_ctx *c, struct fc_finding *f, const struct fc_host *ih)
{
	if (f && ih) {
		fc_finding_system(f, ih->system_id);
	}
}

/* ---- sshd -------------------------------------------------------------- */

/* Every section to judge: the global one and each Match block. */
struct sect {
	const struct fc_sshd_block *blk;
	const char *label;
};

static size_t sections(const struct fc_sshd_cfg *s, struct sect *out, size_t max)
{
	size_t n = 0;
	out[n].blk = &s->global;
	out[n++].label = NULL;
	for (size_t i = 0; i < s->nblocks && n < max; i++) {
		out[n].blk = &s->blocks[i];
		out[n++].label = s->blocks[i].match;
	}
	return n;
}

/* FL098836 §14 / seed 000 特權帳號: root should not log in over SSH */
void fc_hostchk_ssh_root(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_hostcfg_facts *F = hcf(b);
	size_t judged = 0;
	for (size_t i = 0; i < F->hosts.n; i++) {
		const struct fc_hostcfg *h = &F->hosts.v[i];
		if (!h->sshd)
			continue;
		judged++;
		struct sect s[64];
		size_t ns = sections(h->sshd, s, 64);
		for (size_t k = 0; k < ns; k++) {
			const struct fc_hc_str *v = &s[k].blk->kw[FC_SSHD_PERMIT_ROOT_LOGIN];
			if (k > 0 && !v->v)
				continue; /* a Match block that does not change it */
			if (!v->v) {
				/* unset: OpenSSH ≥ 7.0 lets root in with a key
				 * (prohibit-password), the same as saying so */
				struct fc_ref top = {h->sshd_file, 0, NULL};
				struct fc_finding *f = fc_emit_key(c, "host", h->hostname, "global", &top,
					FC_TXT(c, "%s sshd 未設定 PermitRootLogin，預設允許 root 以金鑰登入（prohibit-password）",
					       "%s sshd does not set PermitRootLogin: root may log in with a key by default (prohibit-password)"),
					h->hostname);
				fc_finding_severity(f, FC_SEV_LOW);
				link_host(c, f, inv(b, h));
				continue;
			}
			bool yes = fc_strieq(v->v, "yes");
			bool keys = fc_strieq(v->v, "prohibit-password") || fc_strieq(v->v, "without-password");
			if (!yes && !keys)
				continue;
			const char *scope = s[k].label ? s[k].label : "";
			struct fc_finding *f = fc_emit_key(c, "host", h->hostname, s[k].label ? s[k].label : "global", &v->ref,
				FC_TXT(c, "%s sshd 允許 root 登入（PermitRootLogin %s%s%s）",
				       "%s sshd lets root log in (PermitRootLogin %s%s%s)"),
				h->hostname, v->v, *scope ? FC_TXT(c, "，Match ", ", Match ") : "", scope);
			if (keys)
				fc_finding_severity(f, FC_SEV_LOW);
			link_host(c, f, inv(b, h));
		}
	}
	if (!judged)
		fc_manual(c, FC_TXT(c, "未蒐集任何主機之 sshd_config", "no sshd_config collected from any host"));
}

static bool auth_methods_need_key(const char *am)
{
	/* "publickey,password" or "publickey,keyboard-interactive" mean two
	 * factors; "password" alone or "any" does not */
	if (!am)
		return false;
	const char *p = am;
	bool all_have_key = true, any = false;
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		if (n) {
			any = true;
			char tmp[256];
			size_t m = n < sizeof tmp - 1 ? n : sizeof tmp - 1;
			memcpy(tmp, p, m);
			tmp[m] = '\0';
			if (!strstr(tmp, "publickey"))
				all_have_key = false;
		}
		if (!sp)
			break;
		p = sp + 1;
	}
	return any && all_have_key;
}

/* seed 002 網路安全管理 5 / CC-17010.8: remote login uses MFA — a password
 * alone on an Internet-facing sshd is what credential stuffing targets */
void fc_hostchk_ssh_password(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_hostcfg_facts *F = hcf(b);
	size_t exposed = 0, any = 0;
	for (size_t i = 0; i < F->hosts.n; i++) {
		const struct fc_hostcfg *h = &F->hosts.v[i];
		const struct fc_host *ih = inv(b, h);
		any += h->sshd != NULL;
		if (!h->sshd || !fc_hostchk_exposed(b, ih))
			continue;
		exposed++;
		struct sect s[64];
		size_t ns = sections(h->sshd, s, 64);
		for (size_t k = 0; k < ns; k++) {
			const struct fc_sshd_block *blk = s[k].blk;
			const struct fc_hc_str *pa = fc_sshd_get(h->sshd, blk, FC_SSHD_PASSWORD_AUTH);
			const struct fc_hc_str *kb = fc_sshd_get(h->sshd, blk, FC_SSHD_KBD_INTERACTIVE);
			const struct fc_hc_str *pam = fc_sshd_get(h->sshd, blk, FC_SSHD_USE_PAM);
			const struct fc_hc_str *am = fc_sshd_get(h->sshd, blk, FC_SSHD_AUTH_METHODS);
			if (k > 0 && !blk->kw[FC_SSHD_PASSWORD_AUTH].v && !blk->kw[FC_SSHD_KBD_INTERACTIVE].v &&
			    !blk->kw[FC_SSHD_AUTH_METHODS].v)
				continue;
			if (auth_methods_need_key(am->v))
				continue;
			/* default PasswordAuthentication is yes */
			bool pw = !pa->v || fc_strieq(pa->v, "yes");
			bool kbd = kb->v && fc_strieq(kb->v, "yes") && pam->v && fc_strieq(pam->v, "yes");
			if (!pw && !kbd)
				continue;
			const struct fc_ref *ev = pa->v ? &pa->ref : kb->v ? &kb->ref : NULL;
			struct fc_ref top = {h->sshd_file, 0, NULL};
			struct fc_finding *f = fc_emit_key(c, "host", h->hostname, s[k].label ? s[k].label : "global",
				ev ? ev : &top,
				FC_TXT(c, "對外主機 %s 之 sshd 允許僅以密碼登入（%s%s%s）",
				       "Internet-facing host %s accepts SSH logins with a password alone (%s%s%s)"),
				h->hostname,
				pa->v ? (pw ? "PasswordAuthentication yes" : "KbdInteractiveAuthentication yes")
				      : FC_TXT(c, "PasswordAuthentication 未設定，預設 yes", "PasswordAuthentication unset, default yes"),
				s[k].label ? ", Match " : "", s[k].label ? s[k].label : "");
			if (ih)
				fc_finding_evidence(c, f, &ih->ref);
			link_host(c, f, ih);
		}
	}
	if (!any)
		fc_manual(c, FC_TXT(c, "未蒐集任何主機之 sshd_config", "no sshd_config collected from any host"));
	else if (!exposed)
		fc_note(c, FC_TXT(c, "沒有對外或 DMZ 主機之 sshd_config（依資產清冊判斷）",
				  "no sshd_config from an Internet-facing or DMZ host (as the inventory says)"));
}

/* CC-18000.5 / SYS-15: empty passwords must never open a session */
void fc_hostchk_empty_passwords(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_hostcfg_facts *F = hcf(b);
	size_t judged = 0;
	for (size_t i = 0; i < F->hosts.n; i++) {
		const struct fc_hostcfg *h = &F->hosts.v[i];
		judged += h->sshd || h->pam || h->secedit;
		if (h->sshd) {
			struct sect s[64];
			size_t ns = sections(h->sshd, s, 64);
			for (size_t k = 0; k < ns; k++) {
				const struct fc_hc_str *v = &s[k].blk->kw[FC_SSHD_PERMIT_EMPTY_PASSWORDS];
				if (v->v && fc_strieq(v->v, "yes")) {
					struct fc_finding *f = fc_emit_key(c, "host", h->hostname, "sshd", &v->ref,
						FC_TXT(c, "%s sshd 允許空白密碼登入（PermitEmptyPasswords yes）",
						       "%s sshd accepts empty passwords (PermitEmptyPasswords yes)"),
						h->hostname);
					link_host(c, f, inv(b, h));
				}
			}
		}
		if (h->pam && h->pam->nullok) {
			struct fc_finding *f = fc_emit_key(c, "host", h->hostname, "pam", &h->pam->nullok_ref,
				FC_TXT(c, "%s PAM pam_unix 設定 nullok：空白密碼之帳號可登入",
				       "%s PAM pam_unix has nullok: accounts with an empty password can log in"),
				h->hostname);
			fc_finding_severity(f, FC_SEV_MEDIUM);
			link_host(c, f, inv(b, h));
		}
		if (h->secedit) {
			int64_t v;
			const struct fc_secedit_kv *kv;
			if (fc_secedit_reg_int(h->secedit, "Control\\Lsa\\LimitBlankPasswordUse", &v, &kv) && v == 0) {
				struct fc_finding *f = fc_emit_key(c, "host", h->hostname, "lsa", &kv->ref,
					FC_TXT(c, "%s 允許空白密碼帳號自網路登入（LimitBlankPasswordUse=0）",
					       "%s lets accounts with blank passwords log on over the network (LimitBlankPasswordUse=0)"),
					h->hostname);
				link_host(c, f, inv(b, h));
			}
		}
	}
	if (!judged)
		fc_manual(c, FC_TXT(c, "未蒐集任何主機之 sshd_config、PAM 或 secedit 設定",
				    "no sshd_config, PAM or secedit configuration collected from any host"));
}

/* Weak algorithms per OpenSSH's own deprecations and CIS benchmarks. */
static const char *const weak_ciphers[] = {"3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc",
					   "blowfish-cbc", "cast128-cbc", "arcfour", "arcfour128",
					   "arcfour256", "rijndael-cbc@lysator.liu.se", NULL};
static const char *const weak_macs[] = {"hmac-md5", "hmac-md5-96", "hmac-md5-etm@openssh.com",
					"hmac-md5-96-etm@openssh.com", "hmac-sha1-96", "hmac-sha1-96-etm@openssh.com",
					"hmac-ripemd160", "hmac-ripemd160@openssh.com", "umac-64@openssh.com",
					"umac-64-etm@openssh.com", "hmac-sha1", "hmac-sha1-etm@openssh.com", NULL};
static const char *const weak_kex[] = {"diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1",
				       "diffie-hellman-group-exchange-sha1", NULL};

static size_t weak_items(const char *list, const char *const *weak, char *out, size_t cap)
{
	/* "-" removes from the default: nothing weak added.  "+" and "^"
	 * add to it: the named ones are what to judge. */
	if (!list || list[0] == '-')
		return 0;
	if (list[0] == '+' || list[0] == '^')
		list++;
	size_t found = 0, o = 0;
	out[0] = '\0';
	const char *p = list;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		for (size_t i = 0; weak[i]; i++)
			if (strlen(weak[i]) == n && !fc_hc_ncasecmp(p, weak[i], n)) {
				found++;
				if (o + n + 3 < cap)
					o += (size_t)snprintf(out + o, cap - o, "%s%.*s", o ? ", " : "", (int)n, p);
			}
		if (!comma)
			break;
		p = comma + 1;
	}
	return found;
}

/* SYS-15-2 / A.8.24: no broken ciphers, MACs or key exchanges */
void fc_hostchk_ssh_crypto(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_hostcfg_facts *F = hcf(b);
	static const struct {
		enum fc_sshd_kw kw;
		const char *const *weak;
		const char *key;
	} kinds[] = {{FC_SSHD_CIPHERS, weak_ciphers, "Ciphers"}, {FC_SSHD_MACS, weak_macs, "MACs"},
		     {FC_SSHD_KEX, weak_kex, "KexAlgorithms"}};
	size_t judged = 0;
	for (size_t i = 0; i < F->hosts.n; i++) {
		const struct fc_hostcfg *h = &F->hosts.v[i];
		if (!h->sshd)
			continue;
		judged++;
		struct sect s[64];
		size_t ns = sections(h->sshd, s, 64);
		for (size_t k = 0; k < ns; k++)
			for (size_t j = 0; j < 3; j++) {
				const struct fc_hc_str *v = &s[k].blk->kw[kinds[j].kw];
				char names[512];
				if (!v->v || !weak_items(v->v, kinds[j].weak, names, sizeof names))
					continue;
				struct fc_finding *f = fc_emit_key(c, "host", h->hostname, kinds[j].key, &v->ref,
					FC_TXT(c, "%s sshd %s 含弱演算法：%s", "%s sshd %s allows weak algorithms: %s"),
					h->hostname, kinds[j].key, names);
				link_host(c, f, inv(b, h));
			}
	}
	if (!judged)
		fc_manual(c, FC_TXT(c, "未蒐集任何主機之 sshd_config", "no sshd_config collected from any host"));
	else
		fc_note(c, FC_TXT(c, "%zu 台主機之 sshd_config（未列出之演算法依 OpenSSH 預設，預設不含弱演算法）",
				  "%zu hosts' sshd_config (unlisted algorithms follow OpenSSH defaults, which exclude the weak ones)"),
			judged);
}

/* ---- password and lockout policy -------------------------------------- */

static const char *policy_object(const struct fc_bundle *b, const struct fc_hostcfg *h)
{
	(void)b;
	return h->hostname;
}

static int64_t min_length_param(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	double def = fc_param_key(c, "password_min_length", "default", 8);
	const char *ind = b->org.industry_str;
	return (int64_t)(ind ? fc_param_key(c, "password_min_length", ind, def) : def);
}

/* Classes the parameter asks for: letters, digits, symbols (and upper /
 * lower when named separately). */
static void wanted_classes(struct fc_ctx *c, unsigned *bits, size_t *count)
{
	const char *const *items;
	size_t n = fc_param_list(c, "password_complexity", &items);
	*bits = 0;
	*count = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned bit = 0;
		if (fc_strieq(items[i], "letters"))
			bit = FC_CLS_UPPER | FC_CLS_LOWER;
		else if (fc_strieq(items[i], "upper"))
			bit = FC_CLS_UPPER;
		else if (fc_strieq(items[i], "lower"))
			bit = FC_CLS_LOWER;
		else if (fc_strieq(items[i], "digits"))
			bit = FC_CLS_DIGIT;
		else if (fc_strieq(items[i], "symbols"))
			bit = FC_CLS_OTHER;
		if (bit) {
			*bits |= bit;
			(*count)++;
		}
	}
}

/* Does the policy force the wanted classes?  Each wanted class is either
 * required on its own (a negative pwquality credit) or the policy demands at
 * least as many classes as are wanted (minclass, Windows complexity = 3 of
 * 4), which is the usual reading of "文數字、符號". */
static bool complexity_ok(const struct fc_pwpolicy *p, unsigned want, size_t nwant)
{
	if (!nwant)
		return true;
	if (p->min_classes >= 0 && (size_t)p->min_classes >= nwant)
		return true;
	unsigned have = p->classes;
	size_t got = 0;
	if ((want & (FC_CLS_UPPER | FC_CLS_LOWER)) == (FC_CLS_UPPER | FC_CLS_LOWER)) {
		if (have & (FC_CLS_UPPER | FC_CLS_LOWER))
			got++;
		want &= ~(unsigned)(FC_CLS_UPPER | FC_CLS_LOWER);
		nwant--;
		if (!(have & (FC_CLS_UPPER | FC_CLS_LOWER)))
			return false;
	}
	for (unsigned bit = 1; bit <= FC_CLS_OTHER; bit <<= 1)
		if ((want & bit) && !(have & bit))
			return false;
	(void)got;
	return true;
}

void fc_hostchk_pw_policy(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_hostcfg_facts *F = hcf(b);
	int64_t minlen = min_length_param(c);
	int64_t maxage = (int64_t)fc_param(c, "password_max_age_days");
	int64_t hist = (int64_t)fc_param(c, "password_history");
	unsigned want;
	size_t nwant;
	wanted_classes(c, &want, &nwant);
	size_t judged = 0;
	for (size_t i = 0; i < F->hosts.n; i++) {
		const struct fc_hostcfg *h = &F->hosts.v[i];
		struct fc_pwpolicy p;
		if (!fc_hostcfg_policy(h, &p))
			continue;
		judged++;
		const char *obj = policy_object(b, h);
		const struct fc_host *ih = inv(b, h);
		struct fc_ref none = {h->secedit ? NULL : NULL, 0, NULL};
		struct fc_finding *f;
		if (p.min_length >= 0 && p.min_length < minlen) {
			f = fc_emit_key(c, "host", obj, "min_length", p.min_length_ref.file ? &p.min_length_ref : NULL,
				FC_TXT(c, "%s 密碼最小長度 %lld，低於 %lld", "%s minimum password length %lld is below %lld"),
				obj, (long long)p.min_length, (long long)minlen);
			link_host(c, f, ih);
		}
		if ((p.min_classes >= 0 || p.classes) && !complexity_ok(&p, want, nwant)) {
			f = fc_emit_key(c, "host", obj, "complexity", p.complexity_ref.file ? &p.complexity_ref : NULL,
				FC_TXT(c, "%s 密碼未強制複雜度（需含英文字母、數字及符號）",
				       "%s does not enforce password complexity (letters, digits and symbols)"),
				obj);
			link_host(c, f, ih);
		}
		if (p.max_age_days == 0 || p.max_age_days > maxage) {
			if (p.max_age_days == 0)
				f = fc_emit_key(c, "host", obj, "max_age", p.max_age_ref.file ? &p.max_age_ref : NULL,
					FC_TXT(c, "%s 密碼永不到期（上限 %lld 天）", "%s passwords never expire (limit %lld days)"),
					obj, (long long)maxage);
			else
				f = fc_emit_key(c, "host", obj, "max_age", p.max_age_ref.file ? &p.max_age_ref : NULL,
					FC_TXT(c, "%s 密碼最長使用期限 %lld 天，超過 %lld 天", "%s maximum password age %lld days exceeds %lld"),
					obj, (long long)p.max_age_days, (long long)maxage);
			link_host(c, f, ih);
		}
		if (p.history >= 0 && p.history < hist) {
			f = fc_emit_key(c, "host", obj, "history", p.history_ref.file ? &p.history_ref : NULL,
				FC_TXT(c, "%s 密碼歷程僅記憶 %lld 組，少於 %lld 組", "%s remembers %lld previous passwords, fewer than %lld"),
				obj, (long long)p.history, (long long)hist);
			fc_finding_severity(f, FC_SEV_LOW);
			link_host(c, f, ih);
		}
		(void)none;
	}
	if (!judged)
		fc_manual(c, FC_TXT(c, "未蒐集任何主機之密碼原則（secedit.inf、PAM、login.defs）",
				    "no password policy collected from any host (secedit.inf, PAM, login.defs)"));
}

/* SYS-15-3 / seed 002 撞庫強化: lock after 3 failures for at least 15 minutes */
void fc_hostchk_lockout(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_hostcfg_facts *F = hcf(b);
	int64_t thr = (int64_t)fc_param(c, "lockout_threshold");
	int64_t dur = (int64_t)fc_param(c, "lockout_duration_min");
	size_t judged = 0;
	for (size_t i = 0; i < F->hosts.n; i++) {
		const struct fc_hostcfg *h = &F->hosts.v[i];
		struct fc_pwpolicy p;
		if (!fc_hostcfg_policy(h, &p) || p.lockout_threshold < 0)
			continue;
		judged++;
		const struct fc_host *ih = inv(b, h);
		struct fc_finding *f = NULL;
		if (p.lockout_threshold == 0)
			f = fc_emit_key(c, "host", h->hostname, "threshold", p.lockout_ref.file ? &p.lockout_ref : NULL,
				FC_TXT(c, "%s 未設定登入失敗鎖定", "%s never locks an account after failed logins"), h->hostname);
		else if (p.lockout_threshold > thr)
			f = fc_emit_key(c, "host", h->hostname, "threshold", p.lockout_ref.file ? &p.lockout_ref : NULL,
				FC_TXT(c, "%s 登入失敗 %lld 次才鎖定，超過 %lld 次", "%s locks after %lld failures, more than %lld"),
				h->hostname, (long long)p.lockout_threshold, (long long)thr);
		link_host(c, f, ih);
		if (p.lockout_threshold > 0 && p.lockout_minutes >= 0 && p.lockout_minutes < dur) {
			f = fc_emit_key(c, "host", h->hostname, "duration",
				p.lockout_minutes_ref.file ? &p.lockout_minutes_ref : NULL,
				FC_TXT(c, "%s 鎖定時間 %lld 分鐘，少於 %lld 分鐘", "%s lockout lasts %lld minutes, less than %lld"),
				h->hostname, (long long)p.lockout_minutes, (long long)dur);
			fc_finding_severity(f, FC_SEV_MEDIUM);
			link_host(c, f, ih);
		}
	}
	if (!judged)
		fc_manual(c, FC_TXT(c, "未蒐集任何主機之帳號鎖定原則", "no account lockout policy collected from any host"));
}

/* ---- Windows security options ----------------------------------------- */

/* seed 000 主機安裝及設定 (主機設定參數檢核表) / INS-HOST-4 */
void fc_hostchk_win_baseline(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_hostcfg_facts *F = hcf(b);
	size_t judged = 0;
	for (size_t i = 0; i < F->hosts.n; i++) {
		const struct fc_hostcfg *h = &F->hosts.v[i];
		const struct fc_secedit *s = h->secedit;
		if (!s)
			continue;
		judged++;
		const struct fc_host *ih = inv(b, h);
		struct fc_finding *f;
#define EMIT(key, ref, zh, en) \
	(f = fc_emit_key(c, "host", h->hostname, key, ref, FC_TXT(c, zh, en), h->hostname), link_host(c, f, ih))
		if (s->cleartext.v == 1)
			EMIT("ClearTextPassword", &s->cleartext.ref, "%s 以可還原加密方式儲存密碼（ClearTextPassword=1）",
			     "%s stores passwords with reversible encryption (ClearTextPassword=1)");
		if (s->guest_enabled.v == 1)
			EMIT("EnableGuestAccount", &s->guest_enabled.ref, "%s 啟用 Guest 帳號", "%s has the Guest account enabled");
		if (s->anon_name_lookup.v == 1)
			EMIT("LSAAnonymousNameLookup", &s->anon_name_lookup.ref, "%s 允許匿名 SID/名稱轉譯",
			     "%s allows anonymous SID/name translation");
		int64_t v;
		const struct fc_secedit_kv *kv;
		if (fc_secedit_reg_int(s, "Control\\Lsa\\NoLMHash", &v, &kv) && v == 0)
			EMIT("NoLMHash", &kv->ref, "%s 儲存 LAN Manager 雜湊（NoLMHash=0）", "%s stores LAN Manager hashes (NoLMHash=0)");
		if (fc_secedit_reg_int(s, "Control\\Lsa\\LmCompatibilityLevel", &v, &kv) && v < 3)
			EMIT("LmCompatibilityLevel", &kv->ref, "%s 仍接受 LM/NTLMv1 驗證（LmCompatibilityLevel<3）",
			     "%s still sends LM/NTLMv1 authentication (LmCompatibilityLevel below 3)");
		if (fc_secedit_reg_int(s, "Control\\Lsa\\RestrictAnonymousSAM", &v, &kv) && v == 0)
			EMIT("RestrictAnonymousSAM", &kv->ref, "%s 允許匿名列舉 SAM 帳號", "%s allows anonymous enumeration of SAM accounts");
		if (s->audit_logon.v != FC_HC_UNSET && !(s->audit_logon.v & 2))
			EMIT("AuditLogonEvents", &s->audit_logon.ref, "%s 未稽核登入失敗事件（AuditLogonEvents）",
			     "%s does not audit failed logons (AuditLogonEvents)");
		if (s->audit_account_manage.v != FC_HC_UNSET && s->audit_account_manage.v == 0)
			EMIT("AuditAccountManage", &s->audit_account_manage.ref, "%s 未稽核帳號管理事件",
			     "%s does not audit account management");
#undef EMIT
	}
	if (!judged)
		fc_not_applicable(c, FC_TXT(c, "未蒐集 Windows 主機之 secedit 匯出", "no secedit export from a Windows host"));
}

/* Cleartext remote-login and file services (SYS-15-2: 鑑別資訊不以明文傳輸) */
void fc_hostchk_insecure_pkgs(struct fc_ctx *c)
{
	static const char *const bad[] = {"telnetd", "telnet-server", "inetutils-telnetd", "telnetd-ssl",
					  "rsh-server", "rsh-redone-server", "rsh-server-krb5", "tftpd", "tftpd-hpa",
					  "tftp-server", "atftpd", "nis", "ypserv", "talkd", "inetutils-talkd", NULL};
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_hostcfg_facts *F = hcf(b);
	size_t judged = 0;
	for (size_t i = 0; i < F->hosts.n; i++) {
		const struct fc_hostcfg *h = &F->hosts.v[i];
		if (!h->packages)
			continue;
		judged++;
		for (size_t k = 0; bad[k]; k++) {
			const struct fc_package *p = fc_packages_find(h->packages, bad[k]);
			if (!p)
				continue;
			struct fc_finding *f = fc_emit_key(c, "host", h->hostname, p->name, &p->ref,
				FC_TXT(c, "%s 安裝明文協定服務套件 %s %s", "%s has the cleartext service package %s %s installed"),
				h->hostname, p->name, p->version);
			link_host(c, f, inv(b, h));
		}
	}
	if (!judged)
		fc_manual(c, FC_TXT(c, "未蒐集任何主機之套件清單（packages.txt）", "no package list (packages.txt) collected from any host"));
}

/* seed 001 重要系統之稽核紀錄未依規留存三年 (CC-18000.8): the auth log must
 * live three years somewhere — on a central log server, or on the host */
void fc_hostchk_log_retention(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_hostcfg_facts *F = hcf(b);
	int64_t need = (int64_t)fc_param(c, "audit_log_retention_days");
	static const char *const auth_logs[] = {"/var/log/auth.log", "/var/log/secure", NULL};
	size_t judged = 0;
	for (size_t i = 0; i < F->hosts.n; i++) {
		const struct fc_hostcfg *h = &F->hosts.v[i];
		if (!h->logrotate)
			continue;
		bool forwarded = false;
		for (size_t k = 0; h->rsyslog && k < h->rsyslog->nfwd; k++)
			if (fc_rsyslog_selector_has(h->rsyslog->fwd[k].selector, "authpriv") ||
			    fc_rsyslog_selector_has(h->rsyslog->fwd[k].selector, "auth"))
				forwarded = true;
		if (forwarded) {
			judged++;
			continue;
		}
		for (size_t k = 0; auth_logs[k]; k++) {
			struct fc_ref ref = {0};
			int64_t days = fc_logrotate_days(h->logrotate, auth_logs[k], &ref);
			if (days < 0)
				continue; /* not rotated here (journald, or another file name) */
			judged++;
			if (days >= need)
				break;
			struct fc_finding *f = fc_emit_key(c, "host", h->hostname, auth_logs[k], &ref,
				FC_TXT(c, "%s 之 %s 僅保留約 %lld 天且未轉送至集中日誌伺服器（需 %lld 天）",
				       "%s keeps %s for about %lld days and does not forward it to a log server (%lld needed)"),
				h->hostname, auth_logs[k], (long long)days, (long long)need);
			link_host(c, f, inv(b, h));
			break;
		}
	}
	if (!judged)
		fc_manual(c, FC_TXT(c, "未蒐集到輪替登入日誌（auth.log／secure）之 logrotate 設定或日誌轉送設定",
				    "no logrotate rule for the auth log (auth.log/secure) and no log forwarding collected"));
}

/* seed 000 連線資料庫使用之密碼存放於DMZ區且明碼存放 (INS-EC-4); seed 004
 * SA-3.3 檢視外部連接密碼之儲存保護機制 */
void fc_hostchk_secrets(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_hostcfg_facts *F = hcf(b);
	size_t n = 0;
	for (size_t i = 0; i < F->hosts.n; i++) {
		const struct fc_hostcfg *h = &F->hosts.v[i];
		const struct fc_host *ih = inv(b, h);
		bool exposed = fc_hostchk_exposed(b, ih);
		for (size_t k = 0; k < h->secrets.n; k++) {
			const struct fc_hc_secret *s = &h->secrets.v[k];
			/* the excerpt is the redacted form: evidence never shows the secret */
			struct fc_ref ref = {s->file, s->line, s->excerpt};
			n++;
			struct fc_finding *f = fc_emit_key(c, "host", h->hostname, s->ident, &ref,
				FC_TXT(c, "%s%s 設定檔 %s 第 %ld 行以明碼存放%s：%s",
				       "%s%s config file %s line %ld holds a plaintext %s: %s"),
				exposed ? FC_TXT(c, "對外/DMZ 主機 ", "Internet-facing/DMZ host ") : "", h->hostname,
				s->file, s->line, s->kind, s->excerpt);
			if (!exposed)
				fc_finding_severity(f, FC_SEV_HIGH);
			link_host(c, f, ih);
		}
	}
	fc_note(c, FC_TXT(c, "發現 %zu 筆明碼機敏資訊", "%zu plaintext secrets found"), n);
}
