/*
 * hosts/<hostname>/… — configuration files collected from one host
 * (spec/evidence-bundle.md; contrib/collect-linux.sh and
 * contrib/collect-windows.ps1 write this layout).  Each file is recognized
 * by its name and handed to its parser (hc_<format>.c); any other text file
 * is scanned for plaintext secrets (seed 000: 連線資料庫使用之密碼存放於DMZ
 * 區且明碼存放), keeping only the key and a redacted value.
 */
#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../core/mem.h"
#include "../core/reader.h"
#include "../engine/loader.h"
#include "hostcfg.h"
#include "secrets.h"
#include "table.h"

#define MAX_SECRET_HITS_PER_FILE 200

static bool claims(const char *rel)
{
	if (!fc_path_under(rel, "hosts/"))
		return false;
	/* hosts/<hostname>/<file…>: a file directly under hosts/ names no host */
	const char *h = rel + 6;
	const char *slash = strchr(h, '/');
	return slash && slash > h && slash[1];
}

static struct fc_hostcfg_facts *facts(struct fc_bundle *b)
{
	if (!b->hostcfg)
		b->hostcfg = fc_arena_alloc(&b->arena, sizeof(*b->hostcfg));
	return b->hostcfg;
}

/* The host entry for rel ("hosts/web01/…"); files arrive sorted, so the
 * last host is the likely one. */
static struct fc_hostcfg *host_for(struct fc_bundle *b, const char *rel, const char **inner)
{
	struct fc_hostcfg_facts *f = facts(b);
	if (!f)
		return NULL;
	const char *h = rel + 6;
	const char *slash = strchr(h, '/');
	size_t hn = (size_t)(slash - h);
	*inner = slash + 1;
	for (size_t k = f->hosts.n; k > 0; k--) {
		struct fc_hostcfg *x = &f->hosts.v[k - 1];
		if (strlen(x->hostname) == hn && !memcmp(x->hostname, h, hn))
			return x;
		if (k + 4 < f->hosts.n)
			break; /* sorted input: older hosts are done */
	}
	struct fc_hostcfg *x = fc_vec_push(&f->hosts);
	if (!x)
		return NULL;
	x->hostname = fc_arena_strndup(&b->arena, h, hn);
	x->dir = fc_arena_strndup(&b->arena, rel, (size_t)(slash - rel));
	x->last_update = FC_NO_DATE;
	if (!x->hostname || !x->dir)
		return NULL;
	return x;
}

const struct fc_hostcfg *fc_hostcfg_find(const struct fc_bundle *b, const char *hostname)
{
	const struct fc_hostcfg_facts *f = b->hostcfg;
	if (!f || !hostname)
		return NULL;
	if (f->by_name) {
		/* binary search over the index finish() built */
		size_t lo = 0, hi = f->hosts.n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = fc_strcasecmp(f->hosts.v[f->by_name[mid]].hostname, hostname);
			if (!c)
				return &f->hosts.v[f->by_name[mid]];
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return NULL;
	}
	for (size_t i = 0; i < f->hosts.n; i++)
		if (fc_strieq(f->hosts.v[i].hostname, hostname))
			return &f->hosts.v[i];
	return NULL;
}

static const struct fc_hostcfg *sort_base;

static int by_name(const void *x, const void *y)
{
	return fc_strcasecmp(sort_base[*(const size_t *)x].hostname, sort_base[*(const size_t *)y].hostname);
}

/* Index the hosts by name so that lookups from the inventory and the
 * account joins stay O(log n) on bundles of thousands of hosts.  Until it
 * exists (another loader's finish may run first) lookups scan linearly. */
static enum fc_status finish(struct fc_bundle *b)
{
	struct fc_hostcfg_facts *f = b->hostcfg;
	if (!f || !f->hosts.n)
		return FC_OK;
	size_t *ix = fc_arena_alloc(&b->arena, f->hosts.n * sizeof(size_t));
	if (!ix)
		return FC_ENOMEM;
	for (size_t i = 0; i < f->hosts.n; i++)
		ix[i] = i;
	sort_base = f->hosts.v; /* loaders run on one thread */
	fc_qsort(ix, f->hosts.n, sizeof(size_t), by_name);
	f->by_name = ix;
	return FC_OK;
}

static const char *base_of(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static bool under(const char *inner, const char *dir)
{
	size_t n = strlen(dir);
	return !strncmp(inner, dir, n) && inner[n] == '/';
}

/* ---- sshd Include resolution ------------------------------------------ */

struct inc_ctx {
	struct fc_bundle *b;
	const char *hostdir_path;	/* filesystem path of hosts/<h> */
	const char *hostdir_rel;	/* "hosts/<h>" */
};

static size_t sshd_include(struct fc_sshd_parser *p, const char *pattern, void *ud)
{
	struct inc_ctx *c = ud;
	if (strstr(pattern, "..")) {
		fc_diag_warn(c->b->diag, c->hostdir_rel, 0, 0, "Include '%s' leaves the host directory: not followed",
			     pattern);
		return 0;
	}
	/* sshd resolves relative names against /etc/ssh; the collector keeps
	 * /etc/ssh's layout under hosts/<h>/ and other paths by base name */
	const char *relpat = pattern;
	if (!strncmp(pattern, "/etc/ssh/", 9))
		relpat = pattern + 9;
	else if (pattern[0] == '/')
		relpat = base_of(pattern);
	char *full = fc_arena_printf(&c->b->arena, "%s/%s", c->hostdir_path, relpat);
	if (!full) {
		p->st = FC_ENOMEM;
		return 0;
	}
	glob_t g;
	memset(&g, 0, sizeof g);
	size_t got = 0;
	if (glob(full, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			struct stat sb;
			if (lstat(g.gl_pathv[i], &sb) != 0 || !S_ISREG(sb.st_mode))
				continue; /* symlinks are not followed in an untrusted bundle */
			const char *tail = g.gl_pathv[i] + strlen(c->hostdir_path);
			const char *rel = fc_arena_printf(&c->b->arena, "%s%s", c->hostdir_rel, tail);
			if (!rel) {
				p->st = FC_ENOMEM;
				break;
			}
			struct fc_text t;
			enum fc_status st = fc_text_read(g.gl_pathv[i], rel, &t, c->b->diag);
			if (st) {
				fc_bundle_bad(c->b, FC_EV_HOSTCFG, rel);
				if (st == FC_ENOMEM) {
					p->st = FC_ENOMEM;
					break;
				}
				continue;
			}
			got++;
			st = fc_sshd_parse_more(p, t.p, t.n, rel);
			fc_text_release(&t);
			if (st == FC_EPARSE)
				fc_bundle_bad(c->b, FC_EV_HOSTCFG, rel);
			if (st == FC_ENOMEM || st == FC_ELIMIT) {
				p->st = st;
				break;
			}
		}
	}
	globfree(&g);
	return got;
}

/* ---- update history ---------------------------------------------------- */

static void note_update(struct fc_bundle *b, struct fc_hostcfg *h, int32_t day, const char *file, long line,
			const char *text, size_t n)
{
	if (day == FC_NO_DATE || (h->last_update != FC_NO_DATE && day <= h->last_update))
		return;
	h->last_update = day;
	h->last_update_ref.file = file;
	h->last_update_ref.line = line;
	h->last_update_ref.excerpt = fc_excerpt(b, text, n);
}

/* Get-HotFix | Export-Csv: InstalledOn is the date the update went in */
static enum fc_status load_hotfixes(struct fc_bundle *b, struct fc_hostcfg *h, const char *path, const char *rel)
{
	struct fc_table t;
	enum fc_status st = fc_ps_table_open(&t, b, path, rel, FC_EV_HOSTCFG);
	if (st)
		return st == FC_ENOMEM ? st : FC_OK;
	int c = fc_table_need(&t, (const char *const[]){"InstalledOn", "installed_on", "date", NULL});
	for (size_t i = 0; i < t.csv.nrows && c >= 0; i++) {
		const struct fc_csv_row *r = &t.csv.rows[i];
		int32_t d = fc_table_date(&t, r, c);
		note_update(b, h, d, t.rel, r->line, r->raw, strlen(r->raw));
	}
	fc_table_done(&t);
	return FC_OK;
}

/* dpkg.log "2026-10-01 09:30:12 upgrade pkg:amd64 old new" and apt
 * history.log "Start-Date: 2026-10-01  09:30:12" */
static void scan_update_log(struct fc_bundle *b, struct fc_hostcfg *h, const struct fc_text *t, const char *rel)
{
	struct fc_hc_lines L;
	struct fc_span line;
	fc_hc_lines_init(&L, t->p, t->n);
	while (fc_hc_lines_next(&L, &line)) {
		struct fc_span s = line, w1, w2, w3;
		if (fc_span_istarts(s, "Start-Date:") || fc_span_istarts(s, "End-Date:")) {
			const char *c = memchr(s.p, ':', s.n);
			s = fc_span_of(c + 1, s.n - (size_t)(c + 1 - s.p));
			if (!fc_hc_word(&s, &w1) || w1.n != 10)
				continue;
		} else {
			if (!fc_hc_word(&s, &w1) || !fc_hc_word(&s, &w2) || !fc_hc_word(&s, &w3) || w1.n != 10)
				continue;
			if (!fc_span_eq(w3, "upgrade") && !fc_span_eq(w3, "install"))
				continue;
		}
		char tmp[11];
		memcpy(tmp, w1.p, 10);
		tmp[10] = '\0';
		int32_t d;
		if (fc_date_parse(tmp, &d))
			note_update(b, h, d, rel, L.lineno, line.p, line.n);
	}
}

/* ---- secrets ----------------------------------------------------------- */

static enum fc_status scan_secrets(struct fc_bundle *b, struct fc_hostcfg *h, const struct fc_text *t,
				   const char *rel)
{
	struct fc_hc_lines L;
	struct fc_span line;
	size_t total = 0;
	fc_hc_lines_init(&L, t->p, t->n);
	while (fc_hc_lines_next(&L, &line)) {
		struct fc_secret_hit hits[8];
		size_t nh = fc_secret_scan_line(line.p, line.n, hits, 8);
		for (size_t i = 0; i < nh; i++) {
			if (total++ >= MAX_SECRET_HITS_PER_FILE) {
				fc_diag_warn(b->diag, rel, L.lineno, 0,
					     "more than %d secrets in this file: the rest are not listed",
					     MAX_SECRET_HITS_PER_FILE);
				return FC_OK;
			}
			if (hits[i].val_off > line.n || hits[i].val_len > line.n - hits[i].val_off ||
			    hits[i].key_off > line.n || hits[i].key_len > line.n - hits[i].key_off)
				continue;
			struct fc_hc_secret *s = fc_vec_push(&h->secrets);
			if (!s)
				return FC_ENOMEM;
			char red[64];
			fc_secret_redact(line.p + hits[i].val_off, hits[i].val_len, red, sizeof red);
			s->file = rel;
			s->line = L.lineno;
			s->kind = hits[i].kind;
			s->key = fc_arena_strndup(&b->arena, line.p + hits[i].key_off,
						  hits[i].key_len > 80 ? 80 : hits[i].key_len);
			s->redacted = fc_arena_strdup(&b->arena, red);
			s->ident = s->key ? fc_arena_printf(&b->arena, "%s#%s#%s", rel, s->kind, s->key) : NULL;
			s->excerpt = s->key ? fc_arena_printf(&b->arena, "%s%s%s", s->key, *s->key ? " = " : "", red) : NULL;
			if (!s->key || !s->redacted || !s->ident || !s->excerpt)
				return FC_ENOMEM;
		}
	}
	return FC_OK;
}

/* ---- dispatch ---------------------------------------------------------- */

enum kind {
	K_SSHD, K_SSHD_DROPIN, K_LOGINDEFS, K_PAM, K_PWQ, K_FAILLOCK, K_SECEDIT, K_LOGROTATE,
	K_LOGROTATE_D, K_RSYSLOG, K_OSREL, K_PACKAGES, K_HOTFIX, K_UPDLOG, K_OTHER
};

static enum kind kind_of(const char *inner)
{
	const char *base = base_of(inner);
	static const char *const pam[] = {"common-password", "common-auth", "common-account",
					  "common-session", "system-auth", "password-auth", NULL};
	/* files/… are the operator's application configs (collector -a):
	 * scanned for secrets only, whatever their names */
	if (!strncmp(inner, "files/", 6))
		return K_OTHER;
	if (!strcmp(inner, "sshd_config"))
		return K_SSHD;
	if (under(inner, "sshd_config.d"))
		return K_SSHD_DROPIN;
	if (!strcmp(base, "login.defs"))
		return K_LOGINDEFS;
	for (size_t i = 0; pam[i]; i++)
		if (!strcmp(base, pam[i]))
			return K_PAM;
	if (under(inner, "pam.d") || strstr(inner, "/pam.d/"))
		return K_PAM;
	if (!strcmp(base, "pwquality.conf") || under(inner, "pwquality.conf.d"))
		return K_PWQ;
	if (!strcmp(base, "faillock.conf"))
		return K_FAILLOCK;
	if (!strcmp(base, "secedit.inf") || !fc_strcasecmp(base, "GptTmpl.inf") || !strcmp(base, "secpol.cfg"))
		return K_SECEDIT;
	if (!strcmp(base, "logrotate.conf"))
		return K_LOGROTATE;
	if (under(inner, "logrotate.d"))
		return K_LOGROTATE_D;
	if (!strcmp(base, "rsyslog.conf") || under(inner, "rsyslog.d"))
		return K_RSYSLOG;
	if (!strcmp(base, "os-release"))
		return K_OSREL;
	if (!strcmp(base, "packages.txt"))
		return K_PACKAGES;
	if (!fc_strcasecmp(base, "hotfixes.csv") || !fc_strcasecmp(base, "updates.csv"))
		return K_HOTFIX;
	if (!strcmp(base, "dpkg.log") || !strcmp(base, "history.log"))
		return K_UPDLOG;
	return K_OTHER;
}

/* used in load()'s switch, where the file's text t is held */
#define NEW(ptr)                                                           \
	do {                                                               \
		if (!(ptr) && !((ptr) = fc_arena_alloc(&b->arena, sizeof(*(ptr))))) { \
			fc_text_release(&t);                               \
			return FC_ENOMEM;                                  \
		}                                                          \
	} while (0)

static enum fc_status load(struct fc_bundle *b, const char *path, const char *rel_in)
{
	const char *rel = fc_arena_strdup(&b->arena, rel_in);
	const char *inner;
	struct fc_hostcfg *h = rel ? host_for(b, rel, &inner) : NULL;
	if (!h)
		return FC_ENOMEM;
	const char **fp = fc_vec_push(&h->files);
	if (!fp)
		return FC_ENOMEM;
	*fp = rel;
	fc_bundle_saw(b, FC_EV_HOSTCFG, rel);
	enum kind k = kind_of(inner);
	if (k == K_SSHD_DROPIN)
		return FC_OK; /* read through sshd_config's Include */
	if (k == K_HOTFIX)
		return load_hotfixes(b, h, path, rel);
	struct fc_text t;
	enum fc_status st = fc_text_read(path, rel, &t, b->diag);
	if (st) {
		fc_bundle_bad(b, FC_EV_HOSTCFG, rel);
		h->errors++;
		return st == FC_ENOMEM ? st : FC_OK;
	}
	struct fc_arena *a = &b->arena;
	struct fc_diag *d = b->diag;
	/* a configuration file is text in UTF-8 (secedit's UTF-16 is converted
	 * on read); a Big5 or binary file is malformed, not silently misread */
	if (k != K_OTHER && k != K_UPDLOG && k != K_SECEDIT && fc_text_is_binary(t.p, t.n)) {
		fc_diag_error(d, rel, 1, 0, "binary data where a configuration file was expected");
		fc_text_release(&t);
		fc_bundle_bad(b, FC_EV_HOSTCFG, rel);
		h->errors++;
		return FC_OK;
	}
	if (k != K_OTHER && k != K_UPDLOG && fc_text_check_utf8(&t, rel, d)) {
		fc_text_release(&t);
		fc_bundle_bad(b, FC_EV_HOSTCFG, rel);
		h->errors++;
		return FC_OK;
	}
	switch (k) {
	case K_SSHD: {
		NEW(h->sshd);
		char *hostdir = fc_arena_strndup(a, path, strlen(path) - strlen("/sshd_config"));
		if (!hostdir) {
			st = FC_ENOMEM;
			break;
		}
		struct inc_ctx ic = {b, hostdir, h->dir};
		struct fc_sshd_parser p;
		fc_sshd_parser_init(&p, h->sshd, a, d, sshd_include, &ic);
		h->sshd_file = rel;
		st = fc_sshd_parse_more(&p, t.p, t.n, rel);
		if (p.st == FC_ENOMEM)
			st = FC_ENOMEM;
		break;
	}
	case K_LOGINDEFS:
		NEW(h->logindefs);
		st = fc_logindefs_parse(t.p, t.n, rel, a, h->logindefs, d);
		break;
	case K_PAM:
		if (!h->pam) {
			NEW(h->pam);
			fc_pam_init(h->pam);
		}
		st = fc_pam_parse(t.p, t.n, rel, a, h->pam, d);
		break;
	case K_PWQ:
		if (!h->pwquality) {
			NEW(h->pwquality);
			fc_pwquality_init(h->pwquality);
		}
		st = fc_pwquality_parse(t.p, t.n, rel, a, h->pwquality, d);
		break;
	case K_FAILLOCK:
		NEW(h->faillock);
		st = fc_faillock_parse(t.p, t.n, rel, a, h->faillock, d);
		break;
	case K_SECEDIT:
		NEW(h->secedit);
		st = fc_secedit_parse(t.p, t.n, rel, a, h->secedit, d);
		break;
	case K_LOGROTATE:
	case K_LOGROTATE_D:
		if (!h->logrotate) {
			NEW(h->logrotate);
			fc_logrotate_init(h->logrotate);
		}
		st = fc_logrotate_parse(t.p, t.n, rel, k == K_LOGROTATE, a, h->logrotate, d);
		break;
	case K_RSYSLOG:
		NEW(h->rsyslog);
		st = fc_rsyslog_parse(t.p, t.n, rel, a, h->rsyslog, d);
		break;
	case K_OSREL:
		NEW(h->osrel);
		st = fc_osrelease_parse(t.p, t.n, rel, a, h->osrel, d);
		break;
	case K_PACKAGES:
		NEW(h->packages);
		st = fc_packages_parse(t.p, t.n, rel, a, h->packages, d);
		if (h->packages->newest != FC_NO_DATE)
			for (size_t i = 0; i < h->packages->n; i++)
				if (h->packages->v[i].installed == h->packages->newest) {
					const struct fc_package *pk = &h->packages->v[i];
					note_update(b, h, pk->installed, rel, pk->ref.line, pk->ref.excerpt,
						    strlen(pk->ref.excerpt ? pk->ref.excerpt : ""));
					break;
				}
		break;
	case K_UPDLOG:
		if (fc_text_is_binary(t.p, t.n)) {
			fc_diag_error(d, rel, 1, 0, "binary content where a package log was expected");
			st = FC_EPARSE;
		} else {
			scan_update_log(b, h, &t, rel);
		}
		break;
	default:
		if (fc_text_is_binary(t.p, t.n)) {
			fc_diag_warn(d, rel, 0, 0, "binary file: not scanned for plaintext secrets");
		} else {
			st = scan_secrets(b, h, &t, rel);
		}
		break;
	}
	fc_text_release(&t);
	if (st == FC_ENOMEM)
		return st;
	if (st) {
		fc_bundle_bad(b, FC_EV_HOSTCFG, rel);
		h->errors++;
	}
	return FC_OK;
}

static void release(struct fc_bundle *b)
{
	if (!b->hostcfg)
		return;
	for (size_t i = 0; i < b->hostcfg->hosts.n; i++) {
		fc_vec_release(&b->hostcfg->hosts.v[i].secrets);
		fc_vec_release(&b->hostcfg->hosts.v[i].files);
	}
	fc_vec_release(&b->hostcfg->hosts);
}

const struct fc_loader fc_loader_hostcfg = {"hostcfg", FC_EV_HOSTCFG, 50, claims, load, finish, release};

/* ---- effective password policy ----------------------------------------- */

static void set_ref(struct fc_ref *dst, const struct fc_ref *src)
{
	if (src && src->file)
		*dst = *src;
}

bool fc_hostcfg_policy(const struct fc_hostcfg *h, struct fc_pwpolicy *o)
{
	memset(o, 0, sizeof(*o));
	o->min_length = o->min_classes = o->max_age_days = o->lockout_threshold = o->history = -1;
	o->lockout_minutes = -2;
	if (h->secedit) {
		/* Windows: [System Access] as exported (secedit writes only
		 * defined values; absent = the OS default, which we do not
		 * assume) */
		const struct fc_secedit *s = h->secedit;
		o->platform = "windows";
		if (s->min_pw_len.v != FC_HC_UNSET) {
			o->min_length = s->min_pw_len.v;
			set_ref(&o->min_length_ref, &s->min_pw_len.ref);
		}
		if (s->complexity.v != FC_HC_UNSET) {
			/* complexity: 3 of 4 character categories */
			o->min_classes = s->complexity.v ? 3 : 0;
			set_ref(&o->complexity_ref, &s->complexity.ref);
		}
		if (s->max_pw_age.v != FC_HC_UNSET) {
			o->max_age_days = s->max_pw_age.v <= 0 ? 0 : s->max_pw_age.v; /* -1/0 = never */
			set_ref(&o->max_age_ref, &s->max_pw_age.ref);
		}
		if (s->lockout_count.v != FC_HC_UNSET) {
			o->lockout_threshold = s->lockout_count.v;
			set_ref(&o->lockout_ref, &s->lockout_count.ref);
		}
		if (s->lockout_duration.v != FC_HC_UNSET) {
			o->lockout_minutes = s->lockout_duration.v < 0 ? -1 : s->lockout_duration.v;
			set_ref(&o->lockout_minutes_ref, &s->lockout_duration.ref);
		}
		if (s->history.v != FC_HC_UNSET) {
			o->history = s->history.v;
			set_ref(&o->history_ref, &s->history.ref);
		}
		return true;
	}
	const struct fc_pam_facts *p = h->pam;
	const struct fc_pwquality *q = h->pwquality;
	const struct fc_faillock_conf *fl = h->faillock;
	const struct fc_logindefs *ld = h->logindefs;
	if (!p && !ld)
		return false;
	o->platform = "linux";
	/* length and classes: module arguments override pwquality.conf, which
	 * overrides libpwquality's defaults (minlen 8, credits 0 = none
	 * required; pam_cracklib: minlen 9).  Without a quality module only
	 * pam_unix applies (minlen 6, no classes). */
	if (p && p->pwquality) {
		bool crack = p->pwquality_module && !strcmp(p->pwquality_module, "pam_cracklib");
		const struct fc_hc_int *mins[] = {&p->minlen, q ? &q->minlen : NULL};
		o->min_length = crack ? 9 : 8;
		set_ref(&o->min_length_ref, &p->pwquality_ref);
		for (size_t i = 0; i < 2; i++)
			if (mins[i] && mins[i]->v != FC_HC_UNSET) {
				o->min_length = mins[i]->v;
				set_ref(&o->min_length_ref, &mins[i]->ref);
				break;
			}
		struct {
			const struct fc_hc_int *arg, *conf;
			unsigned bit;
		} cr[] = {{&p->ucredit, q ? &q->ucredit : NULL, FC_CLS_UPPER},
			  {&p->lcredit, q ? &q->lcredit : NULL, FC_CLS_LOWER},
			  {&p->dcredit, q ? &q->dcredit : NULL, FC_CLS_DIGIT},
			  {&p->ocredit, q ? &q->ocredit : NULL, FC_CLS_OTHER}};
		o->min_classes = 0;
		set_ref(&o->complexity_ref, &p->pwquality_ref);
		for (size_t i = 0; i < 4; i++) {
			const struct fc_hc_int *v = cr[i].arg->v != FC_HC_UNSET ? cr[i].arg
						    : (cr[i].conf && cr[i].conf->v != FC_HC_UNSET ? cr[i].conf : NULL);
			if (v && v->v < 0) { /* negative credit = at least |n| of that class */
				o->classes |= cr[i].bit;
				set_ref(&o->complexity_ref, &v->ref);
			}
		}
		const struct fc_hc_int *mc = p->minclass.v != FC_HC_UNSET ? &p->minclass
					     : (q && q->minclass.v != FC_HC_UNSET ? &q->minclass : NULL);
		if (mc) {
			o->min_classes = mc->v;
			set_ref(&o->complexity_ref, &mc->ref);
		}
	} else if (p && p->unix_minlen.v != FC_HC_UNSET) {
		o->min_length = p->unix_minlen.v;
		set_ref(&o->min_length_ref, &p->unix_minlen.ref);
		o->min_classes = 0;
	} else if (ld && ld->pass_min_len.v != FC_HC_UNSET && !p) {
		/* PASS_MIN_LEN only matters without PAM */
		o->min_length = ld->pass_min_len.v;
		set_ref(&o->min_length_ref, &ld->pass_min_len.ref);
		o->min_classes = 0;
	} else if (p && p->lines) {
		o->min_length = 6; /* pam_unix's default */
		o->min_classes = 0;
		set_ref(&o->min_length_ref, &p->password_ref);
		set_ref(&o->complexity_ref, &p->password_ref);
	}
	/* maximum age: login.defs for new accounts (shadow per account is in
	 * accounts/<host>.shadow) */
	if (ld && ld->pass_max_days.v != FC_HC_UNSET) {
		o->max_age_days = (ld->pass_max_days.v < 0 || ld->pass_max_days.v >= 99999) ? 0 : ld->pass_max_days.v;
		set_ref(&o->max_age_ref, &ld->pass_max_days.ref);
	} else if (ld) {
		o->max_age_days = 0; /* shadow-utils default 99999 */
	}
	/* lockout: module arguments, then faillock.conf (pam_faillock only),
	 * then the module default (pam_faillock deny 3, unlock_time 600 s);
	 * no module = no lockout */
	if (p && p->faillock) {
		bool is_faillock = p->faillock_module && !strcmp(p->faillock_module, "pam_faillock");
		o->lockout_threshold = is_faillock ? 3 : 0; /* pam_tally2 without deny= never locks */
		set_ref(&o->lockout_ref, &p->faillock_ref);
		o->lockout_minutes = is_faillock ? 10 : -1;
		set_ref(&o->lockout_minutes_ref, &p->faillock_ref);
		const struct fc_hc_int *dn = p->deny.v != FC_HC_UNSET ? &p->deny
					     : (is_faillock && fl && fl->deny.v != FC_HC_UNSET ? &fl->deny : NULL);
		if (dn) {
			o->lockout_threshold = dn->v;
			set_ref(&o->lockout_ref, &dn->ref);
		}
		const struct fc_hc_int *ut = p->unlock_time.v != FC_HC_UNSET ? &p->unlock_time
					     : (is_faillock && fl && fl->unlock_time.v != FC_HC_UNSET ? &fl->unlock_time : NULL);
		if (ut) {
			/* 0: locked until an administrator unlocks */
			o->lockout_minutes = ut->v == 0 ? -1 : (ut->v + 59) / 60;
			set_ref(&o->lockout_minutes_ref, &ut->ref);
		}
	} else if (p && p->lines) {
		o->lockout_threshold = 0; /* no pam_faillock / pam_tally2 in the auth stack */
		set_ref(&o->lockout_ref, p->auth_ref.file ? &p->auth_ref : &p->password_ref);
	}
	if (p && p->remember.v != FC_HC_UNSET) {
		o->history = p->remember.v;
		set_ref(&o->history_ref, &p->remember.ref);
	} else if (p && p->lines) {
		o->history = 0; /* no remember= on pam_pwhistory / pam_unix */
		set_ref(&o->history_ref, p->password_ref.file ? &p->password_ref : &p->auth_ref);
	}
	if (p && p->nullok) {
		o->empty_allowed = true;
		set_ref(&o->empty_ref, &p->nullok_ref);
	}
	return true;
}
