#include "bundle.h"
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../core/mem.h"
#include "../core/strutil.h"
#include "loader.h"
#include "../core/reader.h"

/* Registry of loaders: order decides who loads first (org before
 * inventories before everything that maps onto them). */
static const struct fc_loader *const loaders[] = {
	&fc_loader_org, &fc_loader_zones, &fc_loader_systems, &fc_loader_hosts, &fc_loader_devices,
	&fc_loader_endpoints, &fc_loader_records, &fc_loader_hr, &fc_loader_accounts,
	&fc_loader_firewall, &fc_loader_hostcfg, &fc_loader_certs, &fc_loader_scans,
	&fc_loader_logs, &fc_loader_data, NULL,
};

const char *fc_evkind_name(enum fc_evkind k)
{
	static const char *n[] = {
		"org.yaml", "inventory/systems.csv", "inventory/hosts.csv", "inventory/devices.csv",
		"inventory/endpoints.csv", "network/zones.csv", "firewall/", "accounts/", "hr/employees.csv",
		"hosts/", "scans/", "logs/ssh/", "logs/login/", "data/", "certs/", "records/",
	};
	return k < FC_EV__COUNT ? n[k] : "?";
}

const char *fc_zone_kind_name(enum fc_zone_kind k)
{
	static const char *n[] = {"unknown", "internet", "dmz", "production", "test", "office", "management", "partner"};
	return (unsigned)k < sizeof n / sizeof *n ? n[k] : "unknown";
}

const char *fc_env_name(enum fc_env e)
{
	static const char *n[] = {"unknown", "production", "test", "uat", "development", "dr"};
	return (unsigned)e < sizeof n / sizeof *n ? n[e] : "unknown";
}

bool fc_path_under(const char *rel, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(rel, dir, n) == 0;
}

bool fc_path_ext(const char *rel, const char *ext)
{
	size_t n = strlen(rel), e = strlen(ext);
	if (n > 3 && fc_strieq(rel + n - 3, ".gz"))
		n -= 3;
	return n >= e && fc_span_ieq(fc_span_of(rel + n - e, e), ext);
}

const char *fc_path_stem(struct fc_bundle *b, const char *rel)
{
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	size_t n = strlen(base);
	if (n > 3 && fc_strieq(base + n - 3, ".gz"))
		n -= 3;
	const char *dot = NULL;
	for (size_t i = 0; i < n; i++)
		if (base[i] == '.')
			dot = base + i;
	if (dot && dot != base)
		n = (size_t)(dot - base);
	return fc_arena_strndup(&b->arena, base, n);
}

void fc_bundle_saw(struct fc_bundle *b, enum fc_evkind k, const char *rel)
{
	(void)rel;
	if (k < FC_EV__COUNT)
		b->present[k]++;
}

void fc_bundle_bad(struct fc_bundle *b, enum fc_evkind k, const char *rel)
{
	(void)rel;
	if (k < FC_EV__COUNT)
		b->errors[k]++;
}

const char *fc_excerpt(struct fc_bundle *b, const char *line, size_t n)
{
	struct fc_span s = fc_span_trim(fc_span_of(line, n));
	if (s.n > 160) {
		s.n = 160;
		while (s.n && ((unsigned char)s.p[s.n] & 0xC0) == 0x80)
			s.n--;
	}
	return fc_arena_strndup(&b->arena, s.p, s.n);
}

/* ---- lookups ---- */

const struct fc_zone *fc_zone_of_ip(const struct fc_bundle *b, const struct fc_ip *ip)
{
	const struct fc_zone *best = NULL;
	double best_size = 0;
	for (size_t i = 0; i < b->zones.n; i++) {
		const struct fc_zone *z = &b->zones.v[i];
		if (!fc_iprange_contains(&z->range, ip))
			continue;
		double s = fc_iprange_size(&z->range);
		if (!best || s < best_size) { /* most specific CIDR wins */
			best = z;
			best_size = s;
		}
	}
	return best;
}

const struct fc_zone *fc_zone_by_name(const struct fc_bundle *b, const char *name)
{
	for (size_t i = 0; i < b->zones.n; i++)
		if (fc_strieq(b->zones.v[i].name, name))
			return &b->zones.v[i];
	return NULL;
}

const struct fc_system *fc_system_by_id(const struct fc_bundle *b, const char *id)
{
	if (!id)
		return NULL;
	for (size_t i = 0; i < b->systems.n; i++)
		if (fc_strieq(b->systems.v[i].id, id))
			return &b->systems.v[i];
	return NULL;
}

/* Hash indexes for the lookups that run per evidence row (50,000 hosts ×
 * 20,000 scanned hosts would be 10^9 string compares linearly).  They grow
 * incrementally as facts are appended, so loaders may use them too. */
struct ix {
	uint32_t *slot;		/* element index + 1; 0 = empty */
	size_t cap, count;	/* count = entries inserted */
	size_t built;		/* elements of the vector indexed so far */
};

struct fc_bundle_ix {
	struct ix host_name, host_ip, employee;
};

static uint64_t hash_ci(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		h = (h ^ c) * 1099511628211ULL;
	}
	return h;
}

static uint64_t hash_ip(const struct fc_ip *ip)
{
	uint64_t h = ip->hi * 0x9E3779B97F4A7C15ULL ^ ip->lo;
	h ^= h >> 31;
	return h * 0xBF58476D1CE4E5B9ULL;
}

static struct fc_bundle_ix *bix(const struct fc_bundle *cb)
{
	struct fc_bundle *b = (struct fc_bundle *)cb; /* the index is a cache */
	if (!b->ix)
		b->ix = fc_calloc(1, sizeof(*b->ix));
	return b->ix;
}

static void ix_insert(struct ix *x, uint64_t h, uint32_t val)
{
	size_t i = h & (x->cap - 1);
	while (x->slot[i])
		i = (i + 1) & (x->cap - 1);
	x->slot[i] = val;
	x->count++;
}

/* Make room for `extra` more entries; on growth the index is emptied
 * (built = 0) and the caller re-inserts everything. */
static bool ix_room(struct ix *x, size_t extra)
{
	if ((x->count + extra) * 2 <= x->cap && x->cap)
		return true;
	size_t cap = 1024;
	while (cap < (x->count + extra) * 2 + 2)
		cap *= 2;
	uint32_t *n = fc_calloc(cap, sizeof(*n));
	if (!n)
		return false;
	fc_free(x->slot);
	x->slot = n;
	x->cap = cap;
	x->count = 0;
	x->built = 0;
	return true;
}

static bool sync_host_names(const struct fc_bundle *b, struct ix *x)
{
	if (x->built == b->hosts.n && x->cap)
		return true;
	if (!ix_room(x, b->hosts.n - x->built))
		return false;
	for (; x->built < b->hosts.n; x->built++)
		ix_insert(x, hash_ci(b->hosts.v[x->built].hostname), (uint32_t)x->built + 1);
	return true;
}

static bool sync_host_ips(const struct fc_bundle *b, struct ix *x)
{
	if (x->built == b->hosts.n && x->cap)
		return true;
	size_t extra = 0;
	for (size_t i = x->built; i < b->hosts.n; i++)
		extra += b->hosts.v[i].nips;
	size_t before = x->built;
	if (!ix_room(x, extra))
		return false;
	if (x->built != before) { /* emptied: count every address again */
		extra = 0;
		for (size_t i = 0; i < b->hosts.n; i++)
			extra += b->hosts.v[i].nips;
		if (!ix_room(x, extra))
			return false;
	}
	for (; x->built < b->hosts.n; x->built++) {
		const struct fc_host *h = &b->hosts.v[x->built];
		for (size_t k = 0; k < h->nips; k++)
			ix_insert(x, hash_ip(&h->ips[k]), (uint32_t)x->built + 1);
	}
	return true;
}

static bool sync_employees(const struct fc_bundle *b, struct ix *x)
{
	if (x->built == b->employees.n && x->cap)
		return true;
	if (!ix_room(x, b->employees.n - x->built))
		return false;
	for (; x->built < b->employees.n; x->built++) {
		const char *id = b->employees.v[x->built].employee_id;
		ix_insert(x, hash_ci(id ? id : ""), (uint32_t)x->built + 1);
	}
	return true;
}

const struct fc_host *fc_host_by_name(const struct fc_bundle *b, const char *name)
{
	if (!name)
		return NULL;
	struct fc_bundle_ix *ix = bix(b);
	if (ix && b->hosts.n && sync_host_names(b, &ix->host_name)) {
		struct ix *x = &ix->host_name;
		for (size_t i = hash_ci(name) & (x->cap - 1); x->slot[i]; i = (i + 1) & (x->cap - 1))
			if (fc_strieq(b->hosts.v[x->slot[i] - 1].hostname, name))
				return &b->hosts.v[x->slot[i] - 1];
	} else {
		for (size_t i = 0; i < b->hosts.n; i++)
			if (fc_strieq(b->hosts.v[i].hostname, name))
				return &b->hosts.v[i];
	}
	/* a FQDN matching a short inventory name */
	const char *dot = strchr(name, '.');
	if (dot && dot != name) {
		char shortname[256];
		size_t n = (size_t)(dot - name);
		if (n < sizeof shortname) {
			memcpy(shortname, name, n);
			shortname[n] = '\0';
			return fc_host_by_name(b, shortname);
		}
	}
	return NULL;
}

const struct fc_host *fc_host_by_ip(const struct fc_bundle *b, const struct fc_ip *ip)
{
	struct fc_bundle_ix *ix = bix(b);
	if (ix && b->hosts.n && sync_host_ips(b, &ix->host_ip)) {
		struct ix *x = &ix->host_ip;
		for (size_t i = hash_ip(ip) & (x->cap - 1); x->slot[i]; i = (i + 1) & (x->cap - 1)) {
			const struct fc_host *h = &b->hosts.v[x->slot[i] - 1];
			for (size_t k = 0; k < h->nips; k++)
				if (!fc_ip_cmp(&h->ips[k], ip))
					return h;
		}
		return NULL;
	}
	for (size_t i = 0; i < b->hosts.n; i++)
		for (size_t j = 0; j < b->hosts.v[i].nips; j++)
			if (!fc_ip_cmp(&b->hosts.v[i].ips[j], ip))
				return &b->hosts.v[i];
	return NULL;
}

const struct fc_employee *fc_employee_by_id(const struct fc_bundle *b, const char *id)
{
	if (!id || !*id)
		return NULL;
	struct fc_bundle_ix *ix = bix(b);
	if (ix && b->employees.n && sync_employees(b, &ix->employee)) {
		struct ix *x = &ix->employee;
		for (size_t i = hash_ci(id) & (x->cap - 1); x->slot[i]; i = (i + 1) & (x->cap - 1)) {
			const char *e = b->employees.v[x->slot[i] - 1].employee_id;
			if (e && fc_strieq(e, id))
				return &b->employees.v[x->slot[i] - 1];
		}
		return NULL;
	}
	for (size_t i = 0; i < b->employees.n; i++)
		if (fc_strieq(b->employees.v[i].employee_id, id))
			return &b->employees.v[i];
	return NULL;
}

const struct fc_record *fc_record_next(const struct fc_bundle *b, const char *type, size_t *i)
{
	for (; *i < b->records.n; (*i)++)
		if (!strcmp(b->records.v[*i].type, type))
			return &b->records.v[(*i)++];
	return NULL;
}

const struct fc_record *fc_record_latest(const struct fc_bundle *b, const char *type, const char *field)
{
	const struct fc_record *best = NULL;
	int32_t bd = FC_NO_DATE;
	size_t i = 0;
	const struct fc_record *r;
	while ((r = fc_record_next(b, type, &i))) {
		int32_t d = fc_record_date(r, field);
		if (d != FC_NO_DATE && (bd == FC_NO_DATE || d > bd)) {
			best = r;
			bd = d;
		}
	}
	return best;
}

/* ---- records ---- */

const char *fc_record_str(const struct fc_record *r, const char *field)
{
	return fc_ymap_str(r->node, field);
}

int32_t fc_record_date(const struct fc_record *r, const char *field)
{
	int32_t d;
	const char *s = fc_record_str(r, field);
	return s && fc_date_parse(s, &d) ? d : FC_NO_DATE;
}

bool fc_record_ts(const struct fc_record *r, const char *field, int64_t *ts)
{
	const char *s = fc_record_str(r, field);
	return s && fc_ts_parse(s, ts, NULL);
}

int fc_record_bool(const struct fc_record *r, const char *field)
{
	const char *s = fc_record_str(r, field);
	int v = s ? fc_parse_bool(s) : -1;
	return v < 0 ? FC_UNKNOWN : v;
}

bool fc_record_num(const struct fc_record *r, const char *field, double *out)
{
	const char *s = fc_record_str(r, field);
	return s && fc_parse_double(s, out);
}

size_t fc_record_list(const struct fc_record *r, const char *field, const char **out, size_t max)
{
	const struct fc_ynode *n = fc_ymap_get(r->node, field);
	size_t k = 0;
	if (!n)
		return 0;
	if (n->kind == FC_Y_SEQ) {
		for (size_t i = 0; i < n->n && k < max; i++)
			if (n->vals[i]->kind == FC_Y_SCALAR)
				out[k++] = n->vals[i]->str;
		return k;
	}
	if (n->kind == FC_Y_SCALAR && *n->str && max)
		out[k++] = n->str; /* a single value (e.g. scope: all) */
	return k;
}

long fc_record_line(const struct fc_record *r, const char *field)
{
	const struct fc_ynode *n = fc_ymap_get(r->node, field);
	return n ? n->line : r->ref.line;
}

/* ---- opening ---- */

struct pending {
	char *path, *rel;
	const struct fc_loader *ld;
};

struct walkctx {
	struct fc_bundle *b;
	FC_VEC(struct pending) files;
	enum fc_status st;
};

static int collect(const char *path, const char *rel, void *ud)
{
	struct walkctx *w = ud;
	const struct fc_loader *ld = NULL;
	for (size_t i = 0; loaders[i]; i++)
		if (loaders[i]->claims(rel)) {
			ld = loaders[i];
			break;
		}
	if (!ld) {
		/* README and dot-files are not evidence */
		const char *base = strrchr(rel, '/');
		base = base ? base + 1 : rel;
		if (base[0] == '.' || !strcmp(rel, "README.md") || !strcmp(rel, "README"))
			return 0;
		const char **u = fc_vec_push(&w->b->unrecognized);
		if (!u || !(*u = fc_arena_strdup(&w->b->arena, rel)))
			return 1;
		return 0;
	}
	struct pending *p = fc_vec_push(&w->files);
	if (!p)
		return 1;
	p->path = fc_strdup(path);
	p->rel = fc_strdup(rel);
	p->ld = ld;
	return (!p->path || !p->rel) ? 1 : 0;
}

static int cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;
	if (x->ld->order != y->ld->order)
		return x->ld->order - y->ld->order;
	return strcmp(x->rel, y->rel);
}

static int32_t today(void)
{
	time_t t = time(NULL);
	return fc_ts_day((int64_t)t);
}

enum fc_status fc_bundle_open(const char *root, const struct fc_bundle_opts *o, struct fc_diag *d,
			      struct fc_bundle **out)
{
	*out = NULL;
	struct stat sb;
	if (stat(root, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		fc_diag_error(d, root, 0, 0, "not a directory: an evidence bundle is a directory with org.yaml");
		return FC_EUSAGE;
	}
	struct fc_bundle *b = fc_calloc(1, sizeof(*b));
	if (!b)
		return FC_ENOMEM;
	fc_arena_init(&b->arena);
	b->diag = d;
	b->root = fc_strdup(root);
	b->as_of = FC_NO_DATE;
	b->threads = o && o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (b->threads < 1)
		b->threads = 1;
	if (o) {
		b->progress = o->progress;
		b->progress_ud = o->progress_ud;
	}
	if (!b->root) {
		fc_bundle_free(b);
		return FC_ENOMEM;
	}
	struct walkctx w = {.b = b};
	enum fc_status st = fc_walk(root, collect, &w, d);
	if (st == FC_ENOMEM)
		goto out;
	st = FC_OK;
	fc_qsort(w.files.v, w.files.n, sizeof(*w.files.v), cmp_pending);
	bool asof_set = false;
	for (size_t i = 0; i < w.files.n && !st; i++) {
		struct pending *p = &w.files.v[i];
		/* the as-of date is needed by log parsers (syslog years):
		 * settle it once org.yaml has been read */
		if (!asof_set && p->ld->order > 0) {
			asof_set = true;
			if (o && o->as_of != FC_NO_DATE)
				b->as_of = o->as_of;
			else if (b->has_org && b->org.as_of != FC_NO_DATE)
				b->as_of = b->org.as_of;
			else
				b->as_of = today();
		}
		const char **f = fc_vec_push(&b->files);
		if (!f || !(*f = fc_arena_strdup(&b->arena, p->rel))) {
			st = FC_ENOMEM;
			break;
		}
		if (b->progress)
			b->progress("parse", i, w.files.n, b->progress_ud);
		/* an empty export is named, never passed over in silence: it is
		 * usually a collection script that failed (issue 11) */
		struct stat fst;
		if (!stat(p->path, &fst) && S_ISREG(fst.st_mode) && fst.st_size == 0)
			fc_diag_warn(d, p->rel, 0, 0, "empty file: nothing to read (did its export fail?)");
		st = p->ld->load(b, p->path, p->rel);
		if (st && st != FC_ENOMEM)
			st = FC_OK; /* reported; keep going with the rest of the bundle */
	}
	if (!asof_set) {
		if (o && o->as_of != FC_NO_DATE)
			b->as_of = o->as_of;
		else if (b->has_org && b->org.as_of != FC_NO_DATE)
			b->as_of = b->org.as_of;
		else
			b->as_of = today();
	}
	if (!b->has_org && !st)
		fc_diag_error(d, "org.yaml", 0, 0, "missing: every bundle needs org.yaml (the institution profile)");
	/* the files are read; the analyses of finish() (logs, data) report
	 * their own phases */
	if (b->progress)
		b->progress("parse", w.files.n, w.files.n, b->progress_ud);
	for (size_t i = 0; loaders[i] && !st; i++)
		if (loaders[i]->finish)
			st = loaders[i]->finish(b);
out:
	for (size_t i = 0; i < w.files.n; i++) {
		fc_free(w.files.v[i].path);
		fc_free(w.files.v[i].rel);
	}
	fc_vec_release(&w.files);
	if (st == FC_ENOMEM) {
		fc_bundle_free(b);
		return st;
	}
	*out = b;
	return FC_OK;
}

void fc_bundle_free(struct fc_bundle *b)
{
	if (!b)
		return;
	for (size_t i = 0; loaders[i]; i++)
		if (loaders[i]->release)
			loaders[i]->release(b);
	fc_vec_release(&b->zones);
	fc_vec_release(&b->systems);
	fc_vec_release(&b->hosts);
	fc_vec_release(&b->devices);
	fc_vec_release(&b->endpoints);
	fc_vec_release(&b->employees);
	fc_vec_release(&b->accounts);
	fc_vec_release(&b->records);
	fc_vec_release(&b->unrecognized);
	fc_vec_release(&b->files);
	fc_bundle_drop_indexes(b);
	fc_arena_release(&b->arena);
	fc_free(b->root);
	fc_free(b);
}

void fc_bundle_drop_indexes(struct fc_bundle *b)
{
	if (!b->ix)
		return;
	fc_free(b->ix->host_name.slot);
	fc_free(b->ix->host_ip.slot);
	fc_free(b->ix->employee.slot);
	fc_free(b->ix);
	b->ix = NULL;
}

enum fc_status fc_bundle_digest(const struct fc_bundle *b, char out[65])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	if (!md)
		return FC_ENOMEM;
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	unsigned char *buf = fc_malloc(1 << 16);
	enum fc_status st = buf ? FC_OK : FC_ENOMEM;
	for (size_t i = 0; i < b->files.n && !st; i++) {
		EVP_DigestUpdate(md, b->files.v[i], strlen(b->files.v[i]) + 1);
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", b->root, b->files.v[i]);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		size_t n;
		while ((n = fread(buf, 1, 1 << 16, f)) > 0)
			EVP_DigestUpdate(md, buf, n);
		fclose(f);
	}
	unsigned char h[32];
	unsigned int hl = 0;
	EVP_DigestFinal_ex(md, h, &hl);
	EVP_MD_CTX_free(md);
	fc_free(buf);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
	return st;
}
