/*
 * The normalized vulnerability model (issue 5): scans, scanned targets
 * matched to the inventory, and deduplicated vulnerabilities with first /
 * last seen and status.  Parsers commit one host at a time; dedupe happens
 * as the files stream by, so memory grows with distinct findings, never
 * with file size.
 *
 * Identity (seed 000 弱點掃描: 後續追蹤管控): target + CVE, or target +
 * scanner:id for items without a CVE, so a finding keeps its identity
 * across re-scans and when the institution changes scanners.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../core/mem.h"
#include "../core/strutil.h"
#include "../engine/loader.h"
#include "vuln.h"
#include "vuln_xml.h"

/* ---- a small open-addressing map: (a, key) -> value ---- */

struct vmap_ent {
	uint64_t h;
	const char *k;		/* stable (arena) */
	uint32_t n, a, val;
	bool used;
};

struct vmap {
	struct vmap_ent *v;
	size_t cap, n;
};

static uint64_t hash_key(uint32_t a, const char *k, size_t n)
{
	uint64_t h = 1469598103934665603ULL ^ ((uint64_t)a * 0x9E3779B97F4A7C15ULL);
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 1099511628211ULL;
	}
	/* a full finalizer (murmur3's fmix64): the table masks the low bits,
	 * which FNV-1a alone leaves clustered for keys like CVE-2024-NNNNN of
	 * consecutive targets (linear probing ran long chains at bank scale) */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h ? h : 1;
}

static struct vmap_ent *vmap_slot(const struct vmap *m, uint64_t h, uint32_t a, const char *k, size_t n)
{
	if (!m->cap)
		return NULL;
	size_t mask = m->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct vmap_ent *e = &m->v[i];
		if (!e->used)
			return e;
		if (e->h == h && e->a == a && e->n == n && !memcmp(e->k, k, n))
			return e;
	}
}

static const struct vmap_ent *vmap_get(const struct vmap *m, uint32_t a, const char *k, size_t n)
{
	struct vmap_ent *e = vmap_slot(m, hash_key(a, k, n), a, k, n);
	return e && e->used ? e : NULL;
}

static enum fc_status vmap_grow(struct vmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 1024;
	struct vmap_ent *nv = fc_calloc(ncap, sizeof(*nv));
	if (!nv)
		return FC_ENOMEM;
	struct vmap old = *m;
	m->v = nv;
	m->cap = ncap;
	for (size_t i = 0; i < old.cap; i++)
		if (old.v[i].used)
			*vmap_slot(m, old.v[i].h, old.v[i].a, old.v[i].k, old.v[i].n) = old.v[i];
	fc_free(old.v);
	return FC_OK;
}

/* Insert unless present; *out gets the entry either way. */
static enum fc_status vmap_put(struct vmap *m, uint32_t a, const char *k, size_t n, uint32_t val,
			       const struct vmap_ent **out)
{
	if ((m->n + 1) * 4 > m->cap * 3 && vmap_grow(m))
		return FC_ENOMEM;
	uint64_t h = hash_key(a, k, n);
	struct vmap_ent *e = vmap_slot(m, h, a, k, n);
	if (!e->used) {
		e->used = true;
		e->h = h;
		e->k = k;
		e->n = (uint32_t)n;
		e->a = a;
		e->val = val;
		m->n++;
	}
	if (out)
		*out = e;
	return FC_OK;
}

struct fc_vindex {
	struct vmap strings;	/* interned strings */
	struct vmap targets;	/* lowercased name / IP -> target */
	struct vmap keys;	/* (target, "CVE-…" or "nessus:1234") -> vuln */
	struct vmap inv;	/* lowercased inventory name / IP -> host index */
	bool inv_built;
	size_t inv_n;
	const struct fc_host *inv_base;
	uint32_t *host_target;	/* inventory host index -> target + 1 (0 none) */
	char *lower;		/* scratch for lowercased keys */
	size_t lower_cap;
};

const char *fc_scanner_name(enum fc_scanner s)
{
	static const char *n[] = {"nessus", "openvas", "trivy", "nmap"};
	return (unsigned)s < FC_SCANNER__COUNT ? n[s] : "?";
}

const char *fc_vstatus_name(enum fc_vstatus s)
{
	static const char *n[] = {"open", "resolved_pending_verification", "excepted"};
	return (unsigned)s < sizeof n / sizeof *n ? n[s] : "?";
}

enum fc_severity fc_vuln_sev_cvss(double s)
{
	if (s >= 9.0)
		return FC_SEV_CRITICAL;
	if (s >= 7.0)
		return FC_SEV_HIGH;
	if (s >= 4.0)
		return FC_SEV_MEDIUM;
	if (s > 0.0)
		return FC_SEV_LOW;
	return FC_SEV_INFO;
}

struct fc_vuln_facts *fc_vuln_facts_get(struct fc_bundle *b)
{
	if (b->vuln)
		return b->vuln;
	struct fc_vuln_facts *vf = fc_arena_alloc(&b->arena, sizeof(*vf));
	if (!vf)
		return NULL;
	vf->ix = fc_calloc(1, sizeof(*vf->ix));
	if (!vf->ix)
		return NULL;
	b->vuln = vf;
	return vf;
}

void fc_vuln_release(struct fc_bundle *b)
{
	struct fc_vuln_facts *vf = b->vuln;
	if (!vf)
		return;
	for (size_t i = 0; i < vf->targets.n; i++)
		fc_vec_release(&vf->targets.v[i].cover);
	fc_vec_release(&vf->scans);
	fc_vec_release(&vf->targets);
	fc_vec_release(&vf->vulns);
	if (vf->ix) {
		fc_free(vf->ix->strings.v);
		fc_free(vf->ix->targets.v);
		fc_free(vf->ix->keys.v);
		fc_free(vf->ix->inv.v);
		fc_free(vf->ix->host_target);
		fc_free(vf->ix->lower);
		fc_free(vf->ix);
		vf->ix = NULL;
	}
	b->vuln = NULL;
}

void fc_vparse_error(struct fc_vparse *p, long line, long col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (p->defer) {
		fc_vdefer_error(p->defer, line, col, msg);
		return;
	}
	p->nerrors++;
	if (!p->bad) {
		p->bad = true;
		fc_bundle_bad(p->b, FC_EV_SCANS, p->rel);
		fc_vparse_scan(p)->failed = true;
	}
	/* a hostile file could produce millions: the first few say enough */
	if (p->nerrors <= 20)
		fc_diag_error(p->b->diag, p->rel, line, col, "%s", msg);
}

const char *fc_vintern(struct fc_vparse *p, const char *s, size_t n)
{
	if (!s)
		return NULL;
	if (p->defer)
		return fc_vdefer_str(p->defer, s, n);
	struct fc_vindex *ix = p->vf->ix;
	const struct vmap_ent *e = vmap_get(&ix->strings, 0, s, n);
	if (e)
		return e->k;
	char *c = fc_arena_strndup(&p->b->arena, s, n);
	if (!c || vmap_put(&ix->strings, 0, c, n, 0, NULL))
		return NULL;
	return c;
}

enum fc_status fc_vparse_begin(struct fc_vparse *p, struct fc_bundle *b, const char *rel, enum fc_scanner s)
{
	memset(p, 0, sizeof(*p));
	p->b = b;
	p->vf = fc_vuln_facts_get(b);
	if (!p->vf)
		return FC_ENOMEM;
	p->rel = fc_arena_strdup(&b->arena, rel);
	p->stem = fc_path_stem(b, rel);
	struct fc_scan *sc = fc_vec_push(&p->vf->scans);
	if (!p->rel || !p->stem || !sc)
		return FC_ENOMEM;
	sc->file = p->rel;
	sc->scanner = s;
	sc->day = FC_NO_DATE;
	sc->finds_vulns = s != FC_SCANNER_NMAP;
	p->scan = (uint32_t)(p->vf->scans.n - 1);
	return FC_OK;
}

/* ---- keys ---- */

static const char *lower_key(struct fc_vindex *ix, const char *s, size_t *n)
{
	size_t len = strlen(s);
	if (len + 1 > ix->lower_cap) {
		size_t c = len + 64;
		char *nb = fc_realloc(ix->lower, c);
		if (!nb)
			return NULL;
		ix->lower = nb;
		ix->lower_cap = c;
	}
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		ix->lower[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
	}
	ix->lower[len] = 0;
	*n = len;
	return ix->lower;
}

/* Inventory index: every hostname (and its short form) and IP. */
static enum fc_status build_inventory(struct fc_bundle *b, struct fc_vindex *ix)
{
	ix->inv_built = true;
	ix->inv_n = b->hosts.n;
	ix->inv_base = b->hosts.v;
	if (!b->hosts.n)
		return FC_OK;
	ix->host_target = fc_calloc(b->hosts.n, sizeof(uint32_t));
	if (!ix->host_target)
		return FC_ENOMEM;
	for (size_t i = 0; i < b->hosts.n; i++) {
		const struct fc_host *h = &b->hosts.v[i];
		size_t n;
		if (h->hostname && *h->hostname) {
			const char *k = lower_key(ix, h->hostname, &n);
			char *c = k ? fc_arena_strndup(&b->arena, k, n) : NULL;
			if (!c || vmap_put(&ix->inv, 0, c, n, (uint32_t)i, NULL))
				return FC_ENOMEM;
		}
		for (size_t j = 0; j < h->nips; j++) {
			char ip[48];
			fc_ip_fmt(&h->ips[j], ip);
			char *c = fc_arena_strdup(&b->arena, ip);
			if (!c || vmap_put(&ix->inv, 0, c, strlen(c), (uint32_t)i, NULL))
				return FC_ENOMEM;
		}
	}
	return FC_OK;
}

/* An IP in canonical text (so "010.1.2.3"-style or v6 spellings agree). */
static bool canon_ip(const char *s, char out[48])
{
	struct fc_ip ip;
	if (!s || !fc_ip_parse(s, strlen(s), &ip))
		return false;
	fc_ip_fmt(&ip, out);
	return true;
}

static const struct fc_host *inv_lookup(struct fc_bundle *b, struct fc_vindex *ix, const char *name, bool is_ip)
{
	if (!name || !*name)
		return NULL;
	char ipbuf[48];
	size_t n;
	const char *k;
	if (is_ip) {
		if (!canon_ip(name, ipbuf))
			return NULL;
		k = ipbuf;
		n = strlen(ipbuf);
	} else if (!(k = lower_key(ix, name, &n)))
		return NULL;
	const struct vmap_ent *e = vmap_get(&ix->inv, 0, k, n);
	if (e)
		return &b->hosts.v[e->val];
	if (!is_ip) {
		/* a FQDN against a short inventory name (web01.example.com.tw -> web01) */
		const char *dot = memchr(k, '.', n);
		if (dot && dot != k && !canon_ip(name, ipbuf)) {
			e = vmap_get(&ix->inv, 0, k, (size_t)(dot - k));
			if (e)
				return &b->hosts.v[e->val];
		}
	}
	return NULL;
}

static enum fc_status target_key(struct fc_vparse *p, const char *s, bool is_ip, uint32_t t, uint32_t *found)
{
	struct fc_vindex *ix = p->vf->ix;
	char ipbuf[48];
	const char *k;
	size_t n;
	if (!s || !*s)
		return FC_OK;
	if (is_ip && canon_ip(s, ipbuf)) {
		k = ipbuf;
		n = strlen(ipbuf);
	} else if (!(k = lower_key(ix, s, &n)))
		return FC_ENOMEM;
	const struct vmap_ent *e = vmap_get(&ix->targets, 0, k, n);
	if (found) {
		*found = e ? e->val : UINT32_MAX;
		return FC_OK;
	}
	if (e)
		return FC_OK;
	const char *c = fc_vintern(p, k, n);
	if (!c)
		return FC_ENOMEM;
	return vmap_put(&ix->targets, 0, c, n, t, NULL);
}

static const char *dup_opt(struct fc_vparse *p, const char *s)
{
	return s && *s ? fc_vintern(p, s, strlen(s)) : NULL;
}

/* Find or create the target for a scanned host. */
static enum fc_status find_target(struct fc_vparse *p, const struct fc_vhost *h, uint32_t *out)
{
	struct fc_bundle *b = p->b;
	struct fc_vindex *ix = p->vf->ix;
	enum fc_status st;
	if (!ix->inv_built && (st = build_inventory(b, ix)))
		return st;
	const struct fc_host *inv = inv_lookup(b, ix, h->ip, true);
	if (!inv)
		inv = inv_lookup(b, ix, h->fqdn, false);
	if (!inv)
		inv = inv_lookup(b, ix, h->netbios, false);
	if (!inv)
		inv = inv_lookup(b, ix, h->name, false);
	if (!inv)
		inv = inv_lookup(b, ix, h->name, true);
	if (!inv)
		inv = inv_lookup(b, ix, h->alt_name, false);
	uint32_t t = UINT32_MAX;
	if (inv && ix->host_target && ix->host_target[inv - b->hosts.v])
		t = ix->host_target[inv - b->hosts.v] - 1;
	if (t == UINT32_MAX && !inv) {
		/* not in the inventory: the same machine seen before under any name */
		const char *names[] = {h->ip, h->fqdn, h->netbios, h->name};
		for (size_t i = 0; i < 4 && t == UINT32_MAX; i++)
			if ((st = target_key(p, names[i], i == 0, 0, &t)))
				return st;
		if (t != UINT32_MAX && p->vf->targets.v[t].host)
			t = UINT32_MAX; /* that name belongs to an inventory host; keep apart */
	}
	if (t == UINT32_MAX) {
		struct fc_vtarget *nt = fc_vec_push(&p->vf->targets);
		if (!nt)
			return FC_ENOMEM;
		t = (uint32_t)(p->vf->targets.n - 1);
		nt->host = inv;
		if (inv)
			nt->name = inv->hostname;
		else {
			/* the most telling name: FQDN, a scanned name that is not
			 * an address, NetBIOS, then the address */
			struct fc_ip tmp;
			bool name_is_ip = h->name && fc_ip_parse(h->name, strlen(h->name), &tmp);
			nt->name = dup_opt(p, h->fqdn ? h->fqdn
					   : h->name && !name_is_ip ? h->name
					   : h->netbios ? h->netbios
					   : h->name ? h->name : h->ip);
		}
		if (!nt->name)
			nt->name = "(unnamed)";
		if (inv && ix->host_target)
			ix->host_target[inv - b->hosts.v] = t + 1;
	}
	struct fc_vtarget *tg = &p->vf->targets.v[t];
	if (!tg->ip && h->ip && *h->ip)
		tg->ip = dup_opt(p, h->ip);
	if (!tg->fqdn && h->fqdn && *h->fqdn)
		tg->fqdn = dup_opt(p, h->fqdn);
	if (!tg->netbios && h->netbios && *h->netbios)
		tg->netbios = dup_opt(p, h->netbios);
	if (h->os && *h->os)
		tg->os = dup_opt(p, h->os);
	if (!tg->host) {
		const char *names[] = {h->ip, h->fqdn, h->netbios, h->name};
		for (size_t i = 0; i < 4; i++)
			if ((st = target_key(p, names[i], i == 0, t, NULL)))
				return st;
	}
	*out = t;
	return FC_OK;
}

/* ---- vulnerabilities ---- */

static enum fc_status add_key(struct fc_vparse *p, uint32_t t, const char *k, uint32_t v)
{
	return vmap_put(&p->vf->ix->keys, t, k, strlen(k), v, NULL);
}

static const char *plugin_key(struct fc_vparse *p, enum fc_scanner s, const char *id)
{
	/* "scanner:id", cut to 255 bytes (no printf: once per finding) */
	char buf[256];
	const char *sn = fc_scanner_name(s);
	size_t a = strlen(sn), b = id ? strlen(id) : 0;
	memcpy(buf, sn, a);
	buf[a++] = ':';
	if (b > sizeof buf - 1 - a)
		b = sizeof buf - 1 - a;
	memcpy(buf + a, id ? id : "", b);
	return fc_vintern(p, buf, a + b);
}

static bool has_cve(const struct fc_vuln *v, const char *c)
{
	for (size_t i = 0; i < v->ncves; i++)
		if (v->cves[i] == c || fc_strieq(v->cves[i], c))
			return true;
	return false;
}

static enum fc_status merge_cves(struct fc_vparse *p, struct fc_vuln *v, const struct fc_vobs *o)
{
	size_t add = 0;
	for (size_t i = 0; i < o->ncves; i++)
		if (!has_cve(v, o->cves[i]))
			add++;
	if (!add)
		return FC_OK;
	if (v->ncves + add > FC_VULN_MAX_CVES)
		return FC_OK;
	const char **nc = fc_arena_alloc(&p->b->arena, (v->ncves + add) * sizeof(*nc));
	if (!nc)
		return FC_ENOMEM;
	if (v->ncves)
		memcpy(nc, v->cves, v->ncves * sizeof(*nc));
	size_t k = v->ncves;
	for (size_t i = 0; i < o->ncves; i++)
		if (!has_cve(v, o->cves[i])) {
			bool dup = false;
			for (size_t j = v->ncves; j < k; j++)
				if (fc_strieq(nc[j], o->cves[i]))
					dup = true;
			if (!dup)
				nc[k++] = o->cves[i];
		}
	v->cves = nc;
	v->ncves = k;
	return FC_OK;
}

static enum fc_status merge_port(struct fc_vparse *p, struct fc_vuln *v, const char *port)
{
	if (!port || !*port)
		return FC_OK;
	if (!v->port) {
		v->port = port;
		return FC_OK;
	}
	/* already listed? */
	size_t pl = strlen(port);
	for (const char *s = v->port; (s = strstr(s, port)); s += pl)
		if ((s == v->port || s[-1] == ' ') && (s[pl] == 0 || s[pl] == ','))
			return FC_OK;
	if (strlen(v->port) > 200)
		return FC_OK; /* enough to direct the fix */
	char *np = fc_arena_printf(&p->b->arena, "%s, %s", v->port, port);
	if (!np)
		return FC_ENOMEM;
	v->port = np;
	return FC_OK;
}

static enum fc_status make_ref(struct fc_vparse *p, const struct fc_vobs *o, struct fc_ref *r)
{
	r->file = p->rel;
	r->line = o->line;
	r->excerpt = NULL;
	if (o->excerpt && o->excerpt_len) {
		/* fc_excerpt()'s cut, interned: an item's start tag is the same
		 * on every host (the host is its parent), so 120,000 findings
		 * share a few hundred excerpts instead of 20 MB of copies */
		struct fc_span sp = fc_span_trim(fc_span_of(o->excerpt, o->excerpt_len));
		if (sp.n > 160) {
			sp.n = 160;
			while (sp.n && ((unsigned char)sp.p[sp.n] & 0xC0) == 0x80)
				sp.n--;
		}
		r->excerpt = fc_vintern(p, sp.p, sp.n);
		if (!r->excerpt)
			return FC_ENOMEM;
	}
	return FC_OK;
}

/* Names as one line: scanners wrap long titles over several lines. */
static const char *intern_name(struct fc_vparse *p, const char *s)
{
	char buf[512];
	size_t n = 0;
	bool sp = false;
	for (; *s && n < sizeof buf - 1; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			sp = n > 0;
			continue;
		}
		if (sp && n < sizeof buf - 2)
			buf[n++] = ' ';
		sp = false;
		buf[n++] = *s;
	}
	return fc_vintern(p, buf, n);
}

static bool later(int32_t a, int32_t b)
{
	return a != FC_NO_DATE && (b == FC_NO_DATE || a > b);
}

static enum fc_status add_obs(struct fc_vparse *p, uint32_t t, int32_t day, const struct fc_vobs *o)
{
	struct fc_scan *sc = fc_vparse_scan(p);
	struct fc_vuln_facts *vf = p->vf;
	enum fc_status st;
	if (o->eos) {
		struct fc_vtarget *tg = &vf->targets.v[t];
		if (!tg->eos) {
			tg->eos = true;
			if ((st = make_ref(p, o, &tg->eos_ref)))
				return st;
		}
	}
	if (o->sev >= FC_SEV_INFO && !o->eos)
		return FC_OK; /* counted, not kept */
	/* CVE ids are keys and are kept: intern them, upper-cased */
	const char *cv[FC_VULN_MAX_CVES];
	size_t ncv = 0;
	for (size_t i = 0; i < o->ncves && ncv < FC_VULN_MAX_CVES; i++) {
		char up[64];
		size_t n = strlen(o->cves[i]);
		if (!n || n >= sizeof up)
			continue;
		for (size_t j = 0; j < n; j++)
			up[j] = (o->cves[i][j] >= 'a' && o->cves[i][j] <= 'z') ? (char)(o->cves[i][j] - 32) : o->cves[i][j];
		if (!(cv[ncv++] = fc_vintern(p, up, n)))
			return FC_ENOMEM;
	}
	struct fc_vobs ob = *o;
	ob.cves = cv;
	ob.ncves = ncv;
	o = &ob;
	const char *id = fc_vintern(p, o->id ? o->id : "", o->id ? strlen(o->id) : 0);
	const char *pk = plugin_key(p, sc->scanner, id);
	if (!id || !pk)
		return FC_ENOMEM;
	/* known by its plugin, else by any CVE */
	uint32_t vi = UINT32_MAX;
	const struct vmap_ent *e = vmap_get(&vf->ix->keys, t, pk, strlen(pk));
	if (e)
		vi = e->val;
	for (size_t i = 0; vi == UINT32_MAX && i < o->ncves; i++)
		if ((e = vmap_get(&vf->ix->keys, t, o->cves[i], strlen(o->cves[i]))))
			vi = e->val;
	struct fc_vuln *v;
	if (vi == UINT32_MAX) {
		v = fc_vec_push(&vf->vulns);
		if (!v)
			return FC_ENOMEM;
		vi = (uint32_t)(vf->vulns.n - 1);
		v->target = t;
		v->kind = o->kind;
		v->scanner = sc->scanner;
		v->id = id;
		v->name = o->name && *o->name ? intern_name(p, o->name) : id;
		v->solution = dup_opt(p, o->solution);
		v->pkg = dup_opt(p, o->pkg);
		v->sev = o->sev >= FC_SEV_INFO ? FC_SEV_INFO : o->sev;
		v->cvss = o->cvss;
		v->eos = o->eos;
		v->first_seen = v->last_seen = day;
		v->last_scan = p->scan;
		v->resolved_on = FC_NO_DATE;
		v->nobs = 1;
		v->scanners = 1u << sc->scanner;
		if ((st = merge_cves(p, v, o)) || (st = merge_port(p, v, dup_opt(p, o->port))))
			return st;
		if ((st = make_ref(p, o, &v->first)))
			return st;
		v->last = v->first;
	} else {
		v = &vf->vulns.v[vi];
		v->nobs++;
		v->scanners |= 1u << sc->scanner;
		if (o->sev < v->sev)
			v->sev = o->sev; /* scanners disagree: the higher rating stands */
		if (o->cvss > v->cvss)
			v->cvss = o->cvss;
		if (o->eos)
			v->eos = true;
		if (!v->solution && o->solution && *o->solution)
			v->solution = dup_opt(p, o->solution);
		if ((st = merge_cves(p, v, o)) || (st = merge_port(p, v, dup_opt(p, o->port))))
			return st;
		if (later(v->first_seen, day) || (v->first_seen == FC_NO_DATE && day != FC_NO_DATE)) {
			/* an earlier sighting: it names the vulnerability */
			v->first_seen = day;
			v->scanner = sc->scanner;
			v->id = id;
			if (o->name && *o->name)
				v->name = intern_name(p, o->name);
			if ((st = make_ref(p, o, &v->first)))
				return st;
		}
		if (later(day, v->last_seen) || v->last_scan != p->scan) {
			if (!later(v->last_seen, day)) {
				v->last_seen = day == FC_NO_DATE ? v->last_seen : day;
				v->last_scan = p->scan;
				if ((st = make_ref(p, o, &v->last)))
					return st;
			}
		}
	}
	/* register every identity of the item for later scans */
	if ((st = add_key(p, t, pk, vi)))
		return st;
	for (size_t i = 0; i < o->ncves; i++)
		if ((st = add_key(p, t, o->cves[i], vi)))
			return st;
	return FC_OK;
}

enum fc_status fc_vuln_commit(struct fc_vparse *p, const struct fc_vhost *h, const struct fc_vobs *items, size_t n)
{
	struct fc_scan *sc = fc_vparse_scan(p);
	enum fc_status st;
	uint32_t t;
	for (size_t i = 0; i < n; i++)
		sc->count[items[i].sev < FC_SEV__COUNT ? items[i].sev : FC_SEV_INFO]++;
	if (!h->name && !h->ip && !h->fqdn && !h->netbios) {
		if (n)
			fc_vparse_error(p, h->line, 0, "a scanned host without a name or address (%zu items ignored)", n);
		return FC_OK;
	}
	if ((st = find_target(p, h, &t)))
		return st;
	int32_t day = h->day != FC_NO_DATE ? h->day : sc->day;
	struct fc_vtarget *tg = &p->vf->targets.v[t];
	struct fc_vcover *c = tg->cover.n ? &tg->cover.v[tg->cover.n - 1] : NULL;
	if (!c || c->scan != p->scan) {
		if (!(c = fc_vec_push(&tg->cover)))
			return FC_ENOMEM;
		c->scan = p->scan;
		c->day = day;
		c->line = h->line;
		sc->nhosts++;
	}
	for (size_t i = 0; i < n; i++)
		if ((st = add_obs(p, t, day, &items[i])))
			return st;
	return FC_OK;
}

/* ---- finish: statuses and exceptions ---- */

static bool target_matches(const struct fc_vtarget *t, const char *name)
{
	if (!name || !*name)
		return false;
	if (!strcmp(name, "*") || fc_strieq(name, "all"))
		return true;
	char a[48], b2[48];
	if (t->ip && canon_ip(name, a) && canon_ip(t->ip, b2) && !strcmp(a, b2))
		return true;
	if (t->host) {
		for (size_t j = 0; j < t->host->nips; j++) {
			fc_ip_fmt(&t->host->ips[j], b2);
			if (canon_ip(name, a) && !strcmp(a, b2))
				return true;
		}
		if (t->host->system_id && fc_strieq(t->host->system_id, name))
			return true;
	}
	const char *names[] = {t->name, t->fqdn, t->netbios};
	for (size_t i = 0; i < 3; i++) {
		if (!names[i])
			continue;
		if (fc_strieq(names[i], name))
			return true;
		/* short name against FQDN either way */
		size_t n = strlen(name), m = strlen(names[i]);
		if (m > n && names[i][n] == '.' && !strncasecmp(names[i], name, n))
			return true;
		if (n > m && name[m] == '.' && !strncasecmp(names[i], name, m))
			return true;
	}
	return false;
}

static bool vuln_id_matches(const struct fc_vuln *v, const char *id)
{
	if (!id || !*id)
		return false;
	if (fc_strieq(v->id, id) || has_cve(v, id))
		return true;
	/* "nessus:156032" / "plugin 156032" forms */
	const char *colon = strrchr(id, ':');
	if (colon && fc_strieq(v->id, colon + 1))
		return true;
	return false;
}

unsigned fc_vexception_problems(const struct fc_record *r, int32_t day)
{
	unsigned p = 0;
	const char *cc = fc_record_str(r, "compensating_control");
	const char *ap = fc_record_str(r, "approved_by");
	if (!cc || !*fc_span_trim(fc_span_of(cc, strlen(cc))).p)
		p |= 1;
	if (!ap || !*fc_span_trim(fc_span_of(ap, strlen(ap))).p)
		p |= 2;
	int32_t ex = fc_record_date(r, "expires");
	if (ex == FC_NO_DATE)
		p |= 4;
	else if (day != FC_NO_DATE && ex < day)
		p |= 8;
	return p;
}

/* The vuln_exception records indexed by the ids they name: every vulnerability
 * used to walk every record (300 exceptions × 350,000 vulnerabilities and the
 * IP canonicalization of target_matches: 30 s at bank scale, issue 11). */
struct exkey {
	const char *key;	/* plugin_or_cve, or its part after the last ':' */
	const struct fc_record *r;
	bool full;		/* key is the whole plugin_or_cve (a CVE may match it) */
};

static int cmp_exkey(const void *a, const void *b)
{
	const struct exkey *x = a, *y = b;
	int c = strcasecmp(x->key, y->key);
	if (c)
		return c;
	return x->r < y->r ? -1 : x->r > y->r;
}

/* Consider the exceptions keyed k for v (cve: k is one of v's CVEs, which
 * only a whole plugin_or_cve can name). */
static void match_exceptions(const struct exkey *ex, size_t n, const char *k, bool cve, struct fc_vuln *v,
			     const struct fc_vtarget *t)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcasecmp(ex[mid].key, k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < n && !strcasecmp(ex[i].key, k); i++) {
		const struct fc_record *r = ex[i].r;
		if ((cve && !ex[i].full) || !vuln_id_matches(v, fc_record_str(r, "plugin_or_cve")) ||
		    !target_matches(t, fc_record_str(r, "host")))
			continue;
		int32_t d = fc_record_date(r, "expires");
		int32_t e = v->exception ? fc_record_date(v->exception, "expires") : FC_NO_DATE;
		/* the newest; on a tie the first in the files, as a linear scan found */
		if (!v->exception || later(d, e) || (d == e && r < v->exception))
			v->exception = r;
	}
}

enum fc_status fc_vuln_finish(struct fc_bundle *b)
{
	struct fc_vuln_facts *vf = b->vuln;
	if (!vf)
		return FC_OK;
	size_t nex = 0, k = 0;
	const struct fc_record *r;
	while ((r = fc_record_next(b, "vuln_exception", &k)))
		nex++;
	struct exkey *ex = fc_calloc(2 * nex + 1, sizeof(*ex));
	if (!ex)
		return FC_ENOMEM;
	nex = 0;
	k = 0;
	while ((r = fc_record_next(b, "vuln_exception", &k))) {
		const char *id = fc_record_str(r, "plugin_or_cve");
		if (!id || !*id)
			continue; /* names nothing: vuln_id_matches is false */
		ex[nex++] = (struct exkey){id, r, true};
		const char *colon = strrchr(id, ':');
		if (colon)
			ex[nex++] = (struct exkey){colon + 1, r, false};
	}
	fc_qsort(ex, nex, sizeof(*ex), cmp_exkey);
	for (size_t i = 0; i < vf->scans.n; i++)
		if (vf->scans.v[i].day == FC_NO_DATE)
			vf->undated_scans++;
	for (size_t i = 0; i < vf->vulns.n; i++) {
		struct fc_vuln *v = &vf->vulns.v[i];
		const struct fc_vtarget *t = &vf->targets.v[v->target];
		v->status = FC_VS_OPEN;
		/* a later scan of the target by a scanner that reported it before
		 * (and can see vulnerabilities) no longer shows it */
		for (size_t j = 0; j < t->cover.n; j++) {
			const struct fc_vcover *c = &t->cover.v[j];
			const struct fc_scan *s = &vf->scans.v[c->scan];
			if (!s->finds_vulns || s->failed || !(v->scanners & (1u << s->scanner)))
				continue;
			if (later(c->day, v->last_seen) && v->last_seen != FC_NO_DATE &&
			    (v->resolved_on == FC_NO_DATE || c->day < v->resolved_on))
				v->resolved_on = c->day;
		}
		if (v->resolved_on != FC_NO_DATE)
			v->status = FC_VS_RESOLVED;
		/* records/vuln_exception: the newest matching one */
		if (nex) {
			match_exceptions(ex, nex, v->id, false, v, t);
			for (size_t c = 0; c < v->ncves; c++)
				match_exceptions(ex, nex, v->cves[c], true, v, t);
		}
		/* a formal acceptance needs an approver and must not have expired */
		if (v->status == FC_VS_OPEN && v->exception && !(fc_vexception_problems(v->exception, b->as_of) & (2 | 8)))
			v->status = FC_VS_EXCEPTED;
	}
	fc_free(ex);
	/* the vector grew by doubling: give back its unused half */
	if (vf->vulns.n && vf->vulns.cap > vf->vulns.n) {
		struct fc_vuln *nv = fc_realloc(vf->vulns.v, vf->vulns.n * sizeof(*nv));
		if (nv) {
			vf->vulns.v = nv;
			vf->vulns.cap = vf->vulns.n;
		}
	}
	/* The lookups of loading (interned strings, targets by name, vulnerability
	 * keys, the inventory by name) are not needed once every scan is in:
	 * ~110 MB at bank scale that would stay through the checks and the log
	 * analysis (issue 11).  host_target stays for fc_vtarget_of_host(). */
	if (vf->ix) {
		struct fc_vindex *ix = vf->ix;
		fc_free(ix->strings.v);
		fc_free(ix->targets.v);
		fc_free(ix->keys.v);
		fc_free(ix->inv.v);
		fc_free(ix->lower);
		memset(&ix->strings, 0, sizeof(ix->strings));
		memset(&ix->targets, 0, sizeof(ix->targets));
		memset(&ix->keys, 0, sizeof(ix->keys));
		memset(&ix->inv, 0, sizeof(ix->inv));
		ix->lower = NULL;
		ix->lower_cap = 0;
	}
	return FC_OK;
}

int32_t fc_vtarget_last_scan(const struct fc_vuln_facts *vf, const struct fc_vtarget *t)
{
	int32_t d = FC_NO_DATE;
	for (size_t j = 0; j < t->cover.n; j++) {
		const struct fc_scan *s = &vf->scans.v[t->cover.v[j].scan];
		if (s->finds_vulns && later(t->cover.v[j].day, d))
			d = t->cover.v[j].day;
	}
	return d;
}

const struct fc_vtarget *fc_vtarget_of_host(const struct fc_vuln_facts *vf, const struct fc_host *h)
{
	if (!vf || !vf->ix || !vf->ix->host_target || !h)
		return NULL;
	if (h < vf->ix->inv_base || h >= vf->ix->inv_base + vf->ix->inv_n)
		return NULL;
	uint32_t t = vf->ix->host_target[h - vf->ix->inv_base];
	return t ? &vf->targets.v[t - 1] : NULL;
}

/* ---- canonical dump (tests, fuzzers) ---- */

static const char *nz(const char *s)
{
	return s ? s : "-";
}

static void dump_ref(struct fc_buf *o, const char *what, const struct fc_ref *r)
{
	fc_buf_addf(o, " %s=%s:%ld [%s]", what, nz(r->file), r->line, nz(r->excerpt));
}

void fc_vuln_dump(const struct fc_vuln_facts *vf, struct fc_buf *o)
{
	if (!vf)
		return;
	for (size_t i = 0; i < vf->scans.n; i++) {
		const struct fc_scan *s = &vf->scans.v[i];
		fc_buf_addf(o, "scan %zu %s %s name=%s day=%d failed=%d hosts=%zu counts=%zu/%zu/%zu/%zu/%zu\n", i,
			    nz(s->file), fc_scanner_name(s->scanner), nz(s->name), (int)s->day, s->failed, s->nhosts,
			    s->count[0], s->count[1], s->count[2], s->count[3], s->count[4]);
	}
	for (size_t i = 0; i < vf->targets.n; i++) {
		const struct fc_vtarget *t = &vf->targets.v[i];
		fc_buf_addf(o, "target %zu %s ip=%s fqdn=%s netbios=%s os=%s inv=%d eos=%d", i, nz(t->name), nz(t->ip),
			    nz(t->fqdn), nz(t->netbios), nz(t->os), t->host != NULL, t->eos);
		if (t->eos)
			dump_ref(o, "eos", &t->eos_ref);
		for (size_t k = 0; k < t->cover.n; k++)
			fc_buf_addf(o, " cover=%u/%d/%ld", t->cover.v[k].scan, (int)t->cover.v[k].day, t->cover.v[k].line);
		fc_buf_addc(o, '\n');
	}
	for (size_t i = 0; i < vf->vulns.n; i++) {
		const struct fc_vuln *v = &vf->vulns.v[i];
		fc_buf_addf(o, "vuln %zu t=%u kind=%d %s/%x id=%s name=%s sol=%s pkg=%s sev=%d cvss=%.1f port=%s eos=%d seen=%d..%d nobs=%u last_scan=%u status=%d cves=",
			    i, v->target, (int)v->kind, fc_scanner_name(v->scanner), v->scanners, nz(v->id), nz(v->name),
			    nz(v->solution), nz(v->pkg), (int)v->sev, v->cvss, nz(v->port), v->eos, (int)v->first_seen,
			    (int)v->last_seen, v->nobs, v->last_scan, (int)v->status);
		for (size_t k = 0; k < v->ncves; k++)
			fc_buf_addf(o, "%s%s", k ? "," : "", v->cves[k]);
		dump_ref(o, "first", &v->first);
		dump_ref(o, "last", &v->last);
		fc_buf_addc(o, '\n');
	}
}
