/*
 * sshd_config(5): "Keyword value" or "Keyword=value", case-insensitive
 * keywords, the first value of a keyword wins, Match blocks until the next
 * Match (or the end of an included file), Include with glob patterns
 * (OpenSSH 8.2+, nesting capped at 16 as sshd does).
 *
 * Only keywords that matter to access control are kept (seed 002 存取控制,
 * FL098836 §14–15: root login, password authentication, empty passwords,
 * crypto); others are accepted and ignored, as a newer sshd's would be.
 */
#include <string.h>
#include "../core/limits.h"
#include "hostcfg.h"

#define SSHD_MAX_INCLUDE_DEPTH FC_MAX_SSHD_INCLUDE_DEPTH
#define SSHD_MAX_BLOCKS FC_MAX_SSHD_BLOCKS

static const struct {
	const char *name;
	enum fc_sshd_kw kw;
	char kind; /* b = yes/no, r = PermitRootLogin, i = integer, t = text */
} kws[] = {
	{"PermitRootLogin", FC_SSHD_PERMIT_ROOT_LOGIN, 'r'},
	{"PasswordAuthentication", FC_SSHD_PASSWORD_AUTH, 'b'},
	{"PermitEmptyPasswords", FC_SSHD_PERMIT_EMPTY_PASSWORDS, 'b'},
	{"KbdInteractiveAuthentication", FC_SSHD_KBD_INTERACTIVE, 'b'},
	{"ChallengeResponseAuthentication", FC_SSHD_KBD_INTERACTIVE, 'b'},
	{"PubkeyAuthentication", FC_SSHD_PUBKEY_AUTH, 'b'},
	{"UsePAM", FC_SSHD_USE_PAM, 'b'},
	{"Ciphers", FC_SSHD_CIPHERS, 't'},
	{"MACs", FC_SSHD_MACS, 't'},
	{"KexAlgorithms", FC_SSHD_KEX, 't'},
	{"MaxAuthTries", FC_SSHD_MAX_AUTH_TRIES, 'i'},
	{"LoginGraceTime", FC_SSHD_LOGIN_GRACE_TIME, 't'},
	{"X11Forwarding", FC_SSHD_X11_FORWARDING, 'b'},
	{"PermitUserEnvironment", FC_SSHD_PERMIT_USER_ENV, 't'},
	{"HostbasedAuthentication", FC_SSHD_HOSTBASED_AUTH, 'b'},
	{"IgnoreRhosts", FC_SSHD_IGNORE_RHOSTS, 'b'},
	{"Protocol", FC_SSHD_PROTOCOL, 't'},
	{"LogLevel", FC_SSHD_LOG_LEVEL, 't'},
	{"ClientAliveInterval", FC_SSHD_CLIENT_ALIVE_INTERVAL, 't'},
	{"AllowUsers", FC_SSHD_ALLOW_USERS, 't'},
	{"AllowGroups", FC_SSHD_ALLOW_GROUPS, 't'},
	{"DenyUsers", FC_SSHD_DENY_USERS, 't'},
	{"DenyGroups", FC_SSHD_DENY_GROUPS, 't'},
	{"Banner", FC_SSHD_BANNER, 't'},
	{"AuthenticationMethods", FC_SSHD_AUTH_METHODS, 't'},
};

const char *fc_sshd_kw_name(enum fc_sshd_kw k)
{
	for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++)
		if (kws[i].kw == k)
			return kws[i].name;
	return "?";
}

void fc_sshd_parser_init(struct fc_sshd_parser *p, struct fc_sshd_cfg *cfg, struct fc_arena *a,
			 struct fc_diag *d, fc_sshd_include_fn include, void *ud)
{
	memset(p, 0, sizeof(*p));
	p->cfg = cfg;
	p->a = a;
	p->d = d;
	p->include = include;
	p->ud = ud;
	p->cur = &cfg->global;
}

static struct fc_sshd_block *new_block(struct fc_sshd_parser *p)
{
	struct fc_sshd_cfg *c = p->cfg;
	if (c->nblocks >= SSHD_MAX_BLOCKS)
		return NULL;
	if (c->nblocks == c->capblocks) {
		size_t nc = c->capblocks ? c->capblocks * 2 : 8;
		struct fc_sshd_block *nb = fc_arena_alloc(p->a, nc * sizeof(*nb));
		if (!nb)
			return NULL;
		if (c->nblocks)
			memcpy(nb, c->blocks, c->nblocks * sizeof(*nb));
		/* cur may point into the old array: re-point it */
		if (p->cur && p->cur != &c->global)
			p->cur = nb + (p->cur - c->blocks);
		c->blocks = nb;
		c->capblocks = nc;
	}
	struct fc_sshd_block *b = &c->blocks[c->nblocks++];
	memset(b, 0, sizeof(*b));
	return b;
}

static bool valid_value(char kind, struct fc_span v)
{
	switch (kind) {
	case 'b':
		return fc_span_ieq(v, "yes") || fc_span_ieq(v, "no");
	case 'r':
		return fc_span_ieq(v, "yes") || fc_span_ieq(v, "no") ||
		       fc_span_ieq(v, "prohibit-password") || fc_span_ieq(v, "without-password") ||
		       fc_span_ieq(v, "forced-commands-only");
	case 'i': {
		int64_t x;
		return fc_hc_int(v, &x) && x >= 0;
	}
	default:
		return v.n > 0;
	}
}

enum fc_status fc_sshd_parse_more(struct fc_sshd_parser *p, const char *text, size_t n,
				  const char *name)
{
	if (fc_hc_refuse_binary(text, n, name, p->d))
		return FC_EPARSE;
	if (p->depth > SSHD_MAX_INCLUDE_DEPTH) {
		fc_diag_error(p->d, name, 1, 0, "Include nested deeper than %d levels",
			      SSHD_MAX_INCLUDE_DEPTH);
		return FC_ELIMIT;
	}
	enum fc_status st = FC_OK;
	struct fc_hc_lines L;
	struct fc_span line;
	fc_hc_lines_init(&L, text, n);
	while (fc_hc_lines_next(&L, &line)) {
		struct fc_span s = fc_span_trim(line);
		if (!s.n || s.p[0] == '#')
			continue;
		/* keyword ends at whitespace or '=' */
		size_t k = 0;
		while (k < s.n && s.p[k] != ' ' && s.p[k] != '\t' && s.p[k] != '=')
			k++;
		struct fc_span kw = {s.p, k};
		struct fc_span rest = {s.p + k, s.n - k};
		rest = fc_span_trim(rest);
		if (rest.n && rest.p[0] == '=') {
			rest.p++;
			rest.n--;
			rest = fc_span_trim(rest);
		}
		/* trailing "# comment" at a word start (OpenSSH 8.x+) */
		for (size_t i = 0; i < rest.n; i++)
			if (rest.p[i] == '#' && (i == 0 || rest.p[i - 1] == ' ' || rest.p[i - 1] == '\t')) {
				rest.n = i;
				rest = fc_span_trim(rest);
				break;
			}
		if (rest.n >= 2 && rest.p[0] == '"' && rest.p[rest.n - 1] == '"') {
			rest.p++;
			rest.n -= 2;
		}
		if (fc_span_ieq(kw, "Match")) {
			if (!rest.n) {
				fc_diag_error(p->d, name, L.lineno, 1, "Match without criteria");
				st = FC_EPARSE;
				continue;
			}
			struct fc_sshd_block *b = new_block(p);
			if (!b) {
				fc_diag_error(p->d, name, L.lineno, 1, "too many Match blocks (over %d)",
					      SSHD_MAX_BLOCKS);
				return FC_ELIMIT;
			}
			b->match = fc_arena_strndup(p->a, rest.p, rest.n);
			b->ref = fc_hc_ref(p->a, name, L.lineno, line);
			if (!b->match || !b->ref.excerpt)
				return FC_ENOMEM;
			p->cur = b;
			continue;
		}
		if (fc_span_ieq(kw, "Include")) {
			if (!rest.n) {
				fc_diag_error(p->d, name, L.lineno, 1, "Include without a file name");
				st = FC_EPARSE;
				continue;
			}
			struct fc_span pat, r2 = rest;
			while (fc_hc_word(&r2, &pat)) {
				char *ps = fc_arena_strndup(p->a, pat.p, pat.n);
				if (!ps)
					return FC_ENOMEM;
				size_t got = 0;
				if (p->include) {
					/* the include may grow the blocks array: keep an index;
					 * a Match started in the included file ends with it */
					size_t ci = (p->cur && p->cur != &p->cfg->global)
							    ? (size_t)(p->cur - p->cfg->blocks) : (size_t)-1;
					p->depth++;
					got = p->include(p, ps, p->ud);
					p->depth--;
					p->cur = ci == (size_t)-1 ? &p->cfg->global : &p->cfg->blocks[ci];
					if (p->st == FC_ENOMEM || p->st == FC_ELIMIT)
						return p->st;
				}
				if (got)
					p->cfg->includes += (unsigned)got;
				else
					p->cfg->unresolved_includes++;
			}
			continue;
		}
		for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++) {
			if (!fc_span_ieq(kw, kws[i].name))
				continue;
			if (!valid_value(kws[i].kind, rest)) {
				fc_diag_error(p->d, name, L.lineno, (long)(rest.p - line.p) + 1,
					      "bad value for %s: '%.*s'", kws[i].name, (int)(rest.n > 60 ? 60 : rest.n),
					      rest.p);
				st = FC_EPARSE;
				break;
			}
			struct fc_hc_str *slot = &p->cur->kw[kws[i].kw];
			if (slot->v)
				break; /* first value wins */
			slot->v = fc_arena_strndup(p->a, rest.p, rest.n);
			slot->ref = fc_hc_ref(p->a, name, L.lineno, line);
			if (!slot->v || !slot->ref.excerpt)
				return FC_ENOMEM;
			break;
		}
	}
	if (st && !p->st)
		p->st = st;
	return st;
}

enum fc_status fc_sshd_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
			     struct fc_sshd_cfg *cfg, struct fc_diag *d)
{
	struct fc_sshd_parser p;
	fc_sshd_parser_init(&p, cfg, a, d, NULL, NULL);
	return fc_sshd_parse_more(&p, text, n, name);
}

const struct fc_hc_str *fc_sshd_get(const struct fc_sshd_cfg *cfg, const struct fc_sshd_block *blk,
				    enum fc_sshd_kw k)
{
	if (blk && blk != &cfg->global && blk->kw[k].v)
		return &blk->kw[k];
	return &cfg->global.kw[k];
}
