/*
 * The authentication-log analyser (issue 6): one streaming pass over every
 * file, aggregated per day, per source IP, per account and per (IP,
 * account), with bounded memory.
 *
 * Threads: workers (one per CPU, at most one per file) read and classify
 * files in parallel into batches of normalized events; a batch is applied
 * to the shared day tables under one mutex.  Classifying is most of the
 * work, so two files use both cores.
 *
 * Memory: a day's tables are open while some file may still bring events
 * of that day: the watermark is the oldest of (the first day of every file
 * not yet opened, the day before each open file's current day, the oldest
 * event a stream still holds).  Days before it are closed: reduced to their
 * totals, the top lists and the entries that can raise an alert under any
 * parameter value allowed (FC_LOG_FLOOR), and their tables are freed.
 * Every per-day table is capped (FC_MAX_DAY_KEYS); keys beyond the cap are
 * counted as overflow instead of growing — an attacker spraying from a
 * million addresses costs a counter, not memory.  Events that arrive after
 * their day closed (a file out of time order) are counted as late.
 *
 * Complexity: O(lines) hashing work, O(k log k) per closed day for its k
 * kept entries and the sorting of each account's events.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../core/limits.h"
#include "../core/mem.h"
#include "../core/reader.h"
#include "../core/strutil.h"
#include "logs.h"

#define BATCH_EVENTS 4096
#define BATCH_TEXT (1u << 20)
#define EXCERPT_MAX 160
#define NO_IDX UINT32_MAX
/* emptied day tables kept for reuse */
#define SPARE_DAYS 1
/* Open days beyond which a worker ahead of the others waits: files that do
 * not overlap in time (auth.log.1 and auth.log) would otherwise keep every
 * day of the later one open until the earlier one is read. */
#define MAX_OPEN_DAYS 4
/* Workers started beyond the CPUs so that files starting on the same day
 * are read in step (see fc_log_analyze). */
#define MAX_LOCKSTEP_WORKERS 16

/* ---- hashing ---- */

static inline uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

/* Eight bytes a step: account and host names are hashed on every event
 * (FNV's byte loop was 10% of a worker's time). */
static uint64_t hash_str(const char *p, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 29;
	}
	uint64_t w = 0;
	memcpy(&w, p, n);
	return mix64(h ^ w ^ ((uint64_t)n << 56));
}

static inline uint64_t hash_ip(const struct fc_ip *ip)
{
	return mix64(ip->hi * 0x9E3779B97F4A7C15ULL ^ ip->lo);
}

/* An index hash: slots hold entry index + 1 and 32 bits of the hash. */
struct ixtab {
	uint64_t *s; /* (hash32 << 32) | (idx + 1); 0 = empty */
	size_t cap;  /* power of two */
	size_t n;
};

static void ix_release(struct ixtab *t)
{
	fc_free(t->s);
	memset(t, 0, sizeof(*t));
}

static bool ix_grow(struct ixtab *t)
{
	size_t nc = t->cap ? t->cap * 2 : 1024;
	uint64_t *ns = fc_calloc(nc, sizeof(*ns));
	if (!ns)
		return false;
	for (size_t i = 0; i < t->cap; i++) {
		uint64_t v = t->s[i];
		if (!v)
			continue;
		/* the slot keeps the hash's low 32 bits: the bits lookups mask */
		size_t j = (size_t)(v >> 32) & (nc - 1);
		while (ns[j])
			j = (j + 1) & (nc - 1);
		ns[j] = v;
	}
	fc_free(t->s);
	t->s = ns;
	t->cap = nc;
	return true;
}

/* ---- the state ---- */

struct sample {
	int64_t ts;
	uint32_t file, line;
	uint64_t off; /* the line's offset: its excerpt is read when cited */
};

struct opair {
	uint64_t key; /* ip entry << 32 | account; 0 = empty (entry+1 used) */
	uint32_t fails, oks;
	uint32_t probes;
	uint32_t ffile, fline; /* its earliest failure */
	int64_t fts;
	uint64_t foff;
};

/* The pair of an address kept in its own entry: most addresses try one
 * account a day, and the entry is in the cache already. */
#define INLINE_PAIRS 1

/* What most addresses never need (they are seen once or twice a day):
 * allocated from the day's arena at an address's second event. */
struct oipcold {
	const char *name; /* a host name given instead of an address */
	uint32_t max_file, max_line; /* first failure on max_acct */
	uint64_t max_off;
	struct sample smp[FC_LOG_SAMPLES - 1]; /* after smp0 */
	struct sample nx[FC_LOG_SAMPLES];      /* attempts on non-existent accounts */
};

struct oip {
	struct fc_ip ip;
	uint64_t h;
	uint32_t events, failures, successes, nonexistent, locked;
	uint32_t accounts, existing, ok_accounts, max_per, max_acct;
	int64_t first, last;
	uint8_t nsmp, nnx, nin;
	struct opair in[INLINE_PAIRS];
	struct sample smp0;
	struct oipcold *cold;
};

struct aev {
	uint32_t sec; /* seconds into the day */
	uint32_t file, line;
	uint32_t count;
	uint32_t ip; /* ip entry of a success, NO_IDX if none */
	uint8_t kind;
	uint64_t off; /* the line's offset */
};

struct oacct {
	uint32_t acct;
	uint32_t events, failures, successes, locked, ips;
	int64_t first, last;
	struct aev *ev;
	uint32_t nev, cap;
	bool nonexistent, ok_seen, truncated;
	bool unordered; /* ev[] has a pair out of time order (else it is sorted) */
	/* (no sample lines: the account alerts cite the run's first and last
	 * failure and the success from ev[]; they were written, never read:
	 * 80 bytes per account and day, issue 11) */
};
_Static_assert(sizeof(void *) != 8 || sizeof(struct oacct) == 64, "an account's day entry is one cache line");

struct openday {
	struct fc_arena arena; /* names of non-IP sources */
	struct ixtab ipix, acix;
	FC_VEC(struct oip) ips;
	FC_VEC(struct oacct) accts;
	struct opair *pairs; /* open addressing, inline */
	size_t pcap, pn;
};

struct dayslot {
	int32_t day;
	struct openday *open; /* NULL once closed */
	struct fc_log_day d;  /* totals (always) and the kept entries (closed) */
};

struct acctinfo {
	const char *name;
	uint32_t len;
	bool privileged;
	uint64_t bm[2];
	uint32_t npairs;
};

struct lpair {
	uint32_t acct;
	struct fc_ip ip;
	const char *name;
	uint64_t bm[2];
	int64_t ts;
	struct fc_log_ref ref;
};

struct srcinfo {
	const char *name;
	uint32_t len;
	int32_t marked; /* the day last set in bits */
	bool login;
	int64_t first, last;
	uint64_t events;
	int32_t base; /* day of bit 0 */
	uint64_t *bits;
	size_t nwords;
	uint64_t backwards;
	int64_t max_back;
	struct fc_log_ref back_ref;
};

struct clockkey {
	uint64_t key; /* file << 32 | source + 1 */
	int64_t prev;
};

struct fileinfo {
	const struct fc_log_input *in;
	int32_t first_day; /* FC_NO_DATE: unknown */
	uint32_t idx;	   /* index into facts->files */
	uint64_t size;	   /* on disk, for progress */
};

struct worker;

struct an {
	pthread_mutex_t mu;
	struct fc_diag *diag;
	pthread_mutex_t diag_mu;
	const struct fc_log_opts *o;
	size_t max_day_keys;
	struct fc_log_facts *f; /* its arena holds everything long-lived */
	/* days, sorted */
	struct dayslot *days;
	size_t ndays, capdays;
	size_t last_day;
	/* accounts */
	struct ixtab acctix;
	FC_VEC(struct acctinfo) accts;
	/* sources */
	struct ixtab srcix;
	FC_VEC(struct srcinfo) srcs;
	/* login pairs */
	struct ixtab pairix;
	FC_VEC(struct lpair) lpairs;
	uint32_t *acct_rank; /* build_pairs: an account's place in name order */
	int32_t base_day;
	/* privileged logins */
	FC_VEC(struct fc_log_login) priv;
	/* clock tracking per (file, source) */
	struct ixtab clockix;
	FC_VEC(struct clockkey) clocks;
	/* files: sorted by first day; workers take the next */
	struct fileinfo *files;
	size_t nfiles, next_file;
	struct worker *workers;
	int nworkers;
	size_t kept;
	struct openday *spare[SPARE_DAYS];
	int nspare;
	size_t nopen;		/* days with open tables */
	pthread_cond_t cv;	/* signalled when a day closes */
	/* A fatal error (no memory): set under the lock by whoever meets it,
	 * read without it by the readers and workers to stop early. */
	_Atomic enum fc_status hard;
	/* progress: bytes of the files done and of all (lock held) */
	uint64_t bytes_done, bytes_total;
	int last_pct;
};


struct bev {
	int64_t ts;
	uint32_t line, count;
	uint8_t kind, flags;
	struct fc_ip ip;
	uint32_t acct_off, acct_len, src_off, src_len, name_off, name_len;
	uint64_t off;
	uint64_t h, ah, sh; /* hashes of the address, the account and the source host,
			     * computed by the worker */
	int32_t day;
};

struct worker {
	struct an *an;
	int id;
	/* current file */
	bool active;
	bool waiting; /* in apply_batch's wait for room (lock held to read) */
	uint32_t file;
	bool login;
	int32_t cur_day, pending_day;
	struct fc_ssh_stream *ssh;
	struct fc_lines *lines;	/* the open file (progress), NULL while read ahead */
	uint64_t raw_seen;	/* read ahead: the file's bytes read for the lines fed so far */
	uint64_t raw_now;	/* its bytes read (lock held) */
	uint32_t last_si, last_clock; /* caches (lock held) */
	/* batch being filled (the worker's own) */
	struct bev *ev;
	size_t nev;
	char *text;
	size_t tlen;
	pthread_t th;
	enum fc_status st;
	uint64_t events;
	/* Pipelined (a CPU to spare): the worker classifies into one batch
	 * while its applier thread applies the other.  Batches are applied in
	 * the order they were filled, so the result is the serial one. */
	bool pipelined;
	pthread_t ath;
	pthread_mutex_t hm;
	pthread_cond_t hcv;
	bool posted, quit;	/* hm held */
	struct bev *aev;	/* the batch handed over, and the spare one */
	size_t anev;
	char *atext;
	uint64_t araw;
	int32_t apending;
};

/* ---- small helpers ---- */

/* key: "user@host" (sshd) or the account (login events); un: the user
 * part's length.  Extra names are "name" (any host) or "name@host". */
static bool is_privileged(const struct an *A, const char *key, size_t kn, size_t un)
{
	if (fc_log_privileged_name(key, un))
		return true;
	for (size_t i = 0; i < A->o->nprivileged; i++) {
		const char *p = A->o->privileged[i];
		if (!p)
			continue;
		size_t pn = strlen(p);
		size_t want = memchr(p, '@', pn) ? kn : un;
		if (pn == want && !strncasecmp(p, key, pn))
			return true;
	}
	return false;
}

bool fc_log_privileged_name(const char *s, size_t n)
{
	static const char *const names[] = {"root", "administrator", "admin", NULL};
	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == n && !strncasecmp(names[i], s, n))
			return true;
	return false;
}

/* ---- interning ---- */

static uint32_t acct_intern(struct an *A, const char *p, size_t n, uint64_t h, bool *dropped)
{
	struct ixtab *t = &A->acctix;
	if (t->cap) {
		size_t j = (size_t)h & (t->cap - 1);
		for (; t->s[j]; j = (j + 1) & (t->cap - 1)) {
			if ((uint32_t)(t->s[j] >> 32) != (uint32_t)h)
				continue;
			struct acctinfo *a = &A->accts.v[(uint32_t)t->s[j] - 1];
			if (a->len == n && !memcmp(a->name, p, n))
				return (uint32_t)t->s[j] - 1;
		}
	}
	if (A->accts.n >= FC_LOG_MAX_ACCOUNTS) {
		*dropped = true;
		return NO_IDX;
	}
	if ((t->n + 1) * 4 > t->cap * 3 && !ix_grow(t))
		goto nomem;
	struct acctinfo *a = fc_vec_push(&A->accts);
	if (!a)
		goto nomem;
	a->name = fc_arena_strndup(&A->f->arena, p, n);
	if (!a->name) {
		A->accts.n--;
		goto nomem;
	}
	a->len = (uint32_t)n;
	/* "user@host" for sshd: the user part decides */
	const char *at = memchr(p, '@', n);
	size_t un = at ? (size_t)(at - p) : n;
	a->privileged = is_privileged(A, p, n, un);
	uint32_t idx = (uint32_t)(A->accts.n - 1);
	size_t j = (size_t)h & (t->cap - 1);
	while (t->s[j])
		j = (j + 1) & (t->cap - 1);
	t->s[j] = ((uint64_t)(uint32_t)h << 32) | (idx + 1);
	t->n++;
	return idx;
nomem:
	A->hard = FC_ENOMEM;
	*dropped = true;
	return NO_IDX;
}

static uint64_t src_hash(const char *p, size_t n, bool login)
{
	return hash_str(p, n) ^ (login ? 0x5bd1e995u : 0);
}

static uint32_t src_intern(struct an *A, const char *p, size_t n, bool login, uint64_t h)
{
	struct ixtab *t = &A->srcix;
	if (t->cap) {
		size_t j = (size_t)h & (t->cap - 1);
		for (; t->s[j]; j = (j + 1) & (t->cap - 1)) {
			if ((uint32_t)(t->s[j] >> 32) != (uint32_t)h)
				continue;
			struct srcinfo *s = &A->srcs.v[(uint32_t)t->s[j] - 1];
			if (s->login == login && s->len == n && !memcmp(s->name, p, n))
				return (uint32_t)t->s[j] - 1;
		}
	}
	if (A->srcs.n >= FC_MAX_DAY_KEYS)
		return NO_IDX;
	if ((t->n + 1) * 4 > t->cap * 3 && !ix_grow(t))
		goto nomem;
	struct srcinfo *s = fc_vec_push(&A->srcs);
	if (!s)
		goto nomem;
	s->name = fc_arena_strndup(&A->f->arena, p, n);
	if (!s->name) {
		A->srcs.n--;
		goto nomem;
	}
	s->login = login;
	s->len = (uint32_t)n;
	s->marked = FC_NO_DATE;
	uint32_t idx = (uint32_t)(A->srcs.n - 1);
	size_t j = (size_t)h & (t->cap - 1);
	while (t->s[j])
		j = (j + 1) & (t->cap - 1);
	t->s[j] = ((uint64_t)(uint32_t)h << 32) | (idx + 1);
	t->n++;
	return idx;
nomem:
	A->hard = FC_ENOMEM;
	return NO_IDX;
}

/* day bitmap of a source; a source spanning more than 30 years is capped */
static void src_mark(struct an *A, struct srcinfo *s, int32_t day)
{
	if (!s->bits) {
		s->bits = fc_calloc(4, sizeof(uint64_t));
		if (!s->bits) {
			A->hard = FC_ENOMEM;
			return;
		}
		s->nwords = 4;
		s->base = day - 128;
	}
	if (day < s->base) {
		int32_t shift_words = (s->base - day + 63) / 64 + 4;
		if ((size_t)shift_words + s->nwords > 200)
			return;
		uint64_t *nb = fc_calloc(s->nwords + (size_t)shift_words, sizeof(uint64_t));
		if (!nb) {
			A->hard = FC_ENOMEM;
			return;
		}
		memcpy(nb + shift_words, s->bits, s->nwords * sizeof(uint64_t));
		fc_free(s->bits);
		s->bits = nb;
		s->nwords += (size_t)shift_words;
		s->base -= shift_words * 64;
	}
	size_t bit = (size_t)(day - s->base);
	if (bit / 64 >= s->nwords) {
		size_t nw = bit / 64 + 8;
		if (nw > 200)
			return;
		uint64_t *nb = fc_reallocarray(s->bits, nw, sizeof(uint64_t));
		if (!nb) {
			A->hard = FC_ENOMEM;
			return;
		}
		memset(nb + s->nwords, 0, (nw - s->nwords) * sizeof(uint64_t));
		s->bits = nb;
		s->nwords = nw;
	}
	s->bits[bit / 64] |= 1ULL << (bit % 64);
}

/* ---- days ---- */

static struct dayslot *day_get(struct an *A, int32_t day)
{
	if (A->ndays && A->days[A->last_day].day == day)
		return &A->days[A->last_day];
	size_t lo = 0, hi = A->ndays;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (A->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < A->ndays && A->days[lo].day == day) {
		A->last_day = lo;
		return &A->days[lo];
	}
	if (A->ndays >= 100000) /* 270 years of days: a hostile clock */
		return NULL;
	if (A->ndays == A->capdays) {
		size_t nc = A->capdays ? A->capdays * 2 : 64;
		struct dayslot *nd = fc_reallocarray(A->days, nc, sizeof(*nd));
		if (!nd) {
			A->hard = FC_ENOMEM;
			return NULL;
		}
		A->days = nd;
		A->capdays = nc;
	}
	struct openday *od = A->nspare ? A->spare[--A->nspare] : fc_calloc(1, sizeof(*od));
	if (!od) {
		A->hard = FC_ENOMEM;
		return NULL;
	}
	if (!od->ips.cap)
		fc_arena_init(&od->arena);
	memmove(&A->days[lo + 1], &A->days[lo], (A->ndays - lo) * sizeof(*A->days));
	A->ndays++;
	struct dayslot *ds = &A->days[lo];
	memset(ds, 0, sizeof(*ds));
	ds->day = day;
	ds->d.day = day;
	ds->open = od;
	A->nopen++;
	A->last_day = lo;
	return ds;
}

static struct oipcold *cold_of(struct an *A, struct openday *od, struct oip *e)
{
	if (!e->cold) {
		e->cold = fc_arena_alloc(&od->arena, sizeof(*e->cold));
		if (!e->cold)
			A->hard = FC_ENOMEM;
	}
	return e->cold;
}

static struct oip *ip_get(struct an *A, struct dayslot *ds, const struct fc_ip *ip, uint64_t h, const char *name,
			  size_t nlen, uint32_t *idx)
{
	struct openday *od = ds->open;
	struct fc_ip key = *ip;
	if (name) { /* a host name in place of an address: a pseudo-address in
		     * the discard prefix 100::/64 keyed by its hash */
		key.hi = 0x0100000000000000ULL;
		key.lo = hash_str(name, nlen);
		h = hash_ip(&key);
	}
	struct ixtab *t = &od->ipix;
	if (t->cap) {
		size_t j = (size_t)h & (t->cap - 1);
		for (; t->s[j]; j = (j + 1) & (t->cap - 1)) {
			if ((uint32_t)(t->s[j] >> 32) != (uint32_t)h)
				continue;
			struct oip *e = &od->ips.v[(uint32_t)t->s[j] - 1];
			if (e->ip.hi == key.hi && e->ip.lo == key.lo) {
				*idx = (uint32_t)t->s[j] - 1;
				return e;
			}
		}
	}
	if (od->ips.n >= A->max_day_keys)
		return NULL;
	if ((t->n + 1) * 4 > t->cap * 3 && !ix_grow(t))
		goto nomem;
	struct oip *e = fc_vec_push(&od->ips);
	if (!e)
		goto nomem;
	e->ip = key;
	e->h = h;
	e->max_acct = NO_IDX;
	if (name) {
		struct oipcold *c = cold_of(A, od, e);
		if (!c || !(c->name = fc_arena_strndup(&od->arena, name, nlen)))
			goto nomem;
	}
	*idx = (uint32_t)(od->ips.n - 1);
	size_t j = (size_t)h & (t->cap - 1);
	while (t->s[j])
		j = (j + 1) & (t->cap - 1);
	t->s[j] = ((uint64_t)(uint32_t)h << 32) | (*idx + 1);
	t->n++;
	return e;
nomem:
	A->hard = FC_ENOMEM;
	return NULL;
}

static struct oacct *acct_get(struct an *A, struct dayslot *ds, uint32_t acct)
{
	struct openday *od = ds->open;
	uint64_t h = mix64(acct + 0x9E3779B97F4A7C15ULL);
	struct ixtab *t = &od->acix;
	if (t->cap) {
		size_t j = (size_t)h & (t->cap - 1);
		for (; t->s[j]; j = (j + 1) & (t->cap - 1)) {
			struct oacct *e = &od->accts.v[(uint32_t)t->s[j] - 1];
			if (e->acct == acct)
				return e;
		}
	}
	if (od->accts.n >= A->max_day_keys)
		return NULL;
	if ((t->n + 1) * 4 > t->cap * 3 && !ix_grow(t))
		goto nomem;
	struct oacct *e = fc_vec_push(&od->accts);
	if (!e)
		goto nomem;
	e->acct = acct;
	uint32_t idx = (uint32_t)(od->accts.n - 1);
	size_t j = (size_t)h & (t->cap - 1);
	while (t->s[j])
		j = (j + 1) & (t->cap - 1);
	t->s[j] = ((uint64_t)(uint32_t)h << 32) | (idx + 1);
	t->n++;
	return e;
nomem:
	A->hard = FC_ENOMEM;
	return NULL;
}

static struct opair *pair_get(struct an *A, struct openday *od, struct oip *e, uint32_t ipidx, uint32_t acct,
			      bool *fresh)
{
	uint64_t key = ((uint64_t)(ipidx + 1) << 32) | acct;
	*fresh = false;
	for (unsigned i = 0; i < e->nin; i++)
		if (e->in[i].key == key)
			return &e->in[i];
	if (e->nin < INLINE_PAIRS) {
		struct opair *p = &e->in[e->nin++];
		memset(p, 0, sizeof(*p));
		p->key = key;
		*fresh = true;
		return p;
	}
	if ((od->pn + 1) * 4 > od->pcap * 3) {
		if (od->pn >= (size_t)A->max_day_keys * 4)
			goto lookup_only;
		size_t nc = od->pcap ? od->pcap * 2 : 1024;
		struct opair *np = fc_calloc(nc, sizeof(*np));
		if (!np) {
			A->hard = FC_ENOMEM;
			return NULL;
		}
		for (size_t i = 0; i < od->pcap; i++) {
			if (!od->pairs[i].key)
				continue;
			size_t j = (size_t)mix64(od->pairs[i].key) & (nc - 1);
			while (np[j].key)
				j = (j + 1) & (nc - 1);
			np[j] = od->pairs[i];
		}
		fc_free(od->pairs);
		od->pairs = np;
		od->pcap = nc;
	}
lookup_only:
	if (!od->pcap)
		return NULL;
	size_t j = (size_t)mix64(key) & (od->pcap - 1);
	for (; od->pairs[j].key; j = (j + 1) & (od->pcap - 1))
		if (od->pairs[j].key == key)
			return &od->pairs[j];
	if ((od->pn + 1) * 4 > od->pcap * 3)
		return NULL; /* full at the cap: overflow */
	od->pairs[j].key = key;
	od->pn++;
	*fresh = true;
	return &od->pairs[j];
}

/* keep the FC_LOG_SAMPLES earliest events (time, file, line): the same
 * samples whatever order parallel workers deliver them in */
static void sample_add(struct sample *smp, uint8_t *nsmp, int64_t ts, uint32_t file, uint32_t line,
		       uint64_t off)
{
	unsigned n = *nsmp;
	unsigned pos = n;
	while (pos > 0) {
		struct sample *p = &smp[pos - 1];
		if (p->ts < ts || (p->ts == ts && (p->file < file || (p->file == file && p->line <= line))))
			break;
		pos--;
	}
	if (pos >= FC_LOG_SAMPLES)
		return;
	if (n == FC_LOG_SAMPLES)
		n--;
	memmove(&smp[pos + 1], &smp[pos], (n - pos) * sizeof(*smp));
	smp[pos].ts = ts;
	smp[pos].file = file;
	smp[pos].line = line;
	smp[pos].off = off;
	*nsmp = (uint8_t)(n + 1);
}

/* The address's earliest samples: the first inline, the others cold. */
static void ip_sample(struct an *A, struct openday *od, struct oip *e, const struct bev *b, uint32_t file)
{
	if (e->nsmp == 0) {
		e->smp0.ts = b->ts;
		e->smp0.file = file;
		e->smp0.line = b->line;
		e->smp0.off = b->off;
		e->nsmp = 1;
		return;
	}
	struct oipcold *c = cold_of(A, od, e);
	if (!c)
		return;
	struct sample all[FC_LOG_SAMPLES];
	all[0] = e->smp0;
	for (unsigned i = 1; i < e->nsmp; i++)
		all[i] = c->smp[i - 1];
	sample_add(all, &e->nsmp, b->ts, file, b->line, b->off);
	e->smp0 = all[0];
	for (unsigned i = 1; i < e->nsmp; i++)
		c->smp[i - 1] = all[i];
}

static int cmp_aev(const void *a, const void *b);

static void acct_event(struct an *A, struct oacct *e, const struct bev *b, uint32_t file, int32_t day,
		       uint32_t ipidx)
{
	if (!e->ev && b->kind == FC_LK_SUCCESS)
		return; /* successes before any failure end no run */
	/* keep the earliest FC_LOG_MAX_ACCT_EVENTS by time whatever the order
	 * the files arrive in: at twice that, sort and drop the later half
	 * (a dropped event has that many earlier ones, it can never return) */
	if (e->nev == 2 * FC_LOG_MAX_ACCT_EVENTS) {
		if (e->unordered) /* a file in time order needs no sort */
			fc_qsort(e->ev, e->nev, sizeof(*e->ev), cmp_aev);
		e->unordered = false;
		e->nev = FC_LOG_MAX_ACCT_EVENTS;
		e->truncated = true;
	}
	if (e->nev == e->cap) {
		uint32_t nc = e->cap ? e->cap * 2 : 4;
		struct aev *nv = fc_reallocarray(e->ev, nc, sizeof(*nv));
		if (!nv) {
			A->hard = FC_ENOMEM;
			return;
		}
		e->ev = nv;
		e->cap = nc;
	}
	struct aev *v = &e->ev[e->nev++];
	int64_t off = b->ts - fc_day_ts(day);
	v->sec = off < 0 ? 0 : off > 86400 ? 86400 : (uint32_t)off;
	v->file = file;
	v->line = b->line;
	v->count = b->count;
	v->ip = ipidx;
	v->kind = b->kind;
	v->off = b->off;
	/* (file, line) is unique: the order is total, and an array in it
	 * is exactly what qsort would leave */
	if (e->nev > 1 && cmp_aev(v - 1, v) > 0)
		e->unordered = true;
}

/* ---- closing a day: keep what can alert, free the rest ---- */

/* A closed day's tables are emptied and kept for the next day: the same
 * memory serves day after day instead of being returned to the system and
 * faulted in again. */
static void openday_reset(struct openday *od)
{
	for (size_t i = 0; i < od->accts.n; i++)
		fc_free(od->accts.v[i].ev);
	od->ips.n = 0;
	od->accts.n = 0;
	if (od->ipix.cap)
		memset(od->ipix.s, 0, od->ipix.cap * sizeof(*od->ipix.s));
	od->ipix.n = 0;
	if (od->acix.cap)
		memset(od->acix.s, 0, od->acix.cap * sizeof(*od->acix.s));
	od->acix.n = 0;
	if (od->pcap)
		memset(od->pairs, 0, od->pcap * sizeof(*od->pairs));
	od->pn = 0;
	fc_arena_release(&od->arena);
	fc_arena_init(&od->arena);
}

static void openday_free(struct openday *od)
{
	for (size_t i = 0; i < od->accts.n; i++)
		fc_free(od->accts.v[i].ev);
	fc_vec_release(&od->ips);
	fc_vec_release(&od->accts);
	ix_release(&od->ipix);
	ix_release(&od->acix);
	fc_free(od->pairs);
	fc_arena_release(&od->arena);
	fc_free(od);
}

static int cmp_aev(const void *a, const void *b)
{
	const struct aev *x = a, *y = b;
	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int cmp_ipday(const void *a, const void *b)
{
	const struct fc_log_ipday *x = a, *y = b;
	if (x->failures + x->nonexistent != y->failures + y->nonexistent)
		return x->failures + x->nonexistent > y->failures + y->nonexistent ? -1 : 1;
	if (x->events != y->events)
		return x->events > y->events ? -1 : 1;
	return strcmp(x->ip, y->ip);
}

static int cmp_acctday(const void *a, const void *b)
{
	const struct fc_log_acctday *x = a, *y = b;
	if (x->failures != y->failures)
		return x->failures > y->failures ? -1 : 1;
	if (x->events != y->events)
		return x->events > y->events ? -1 : 1;
	return strcmp(x->account, y->account);
}

static const char *ip_text(struct an *A, const struct oip *e)
{
	if (e->cold && e->cold->name)
		return fc_arena_strdup(&A->f->arena, e->cold->name);
	char buf[48];
	fc_ip_fmt(&e->ip, buf);
	return fc_arena_strdup(&A->f->arena, buf);
}

static void copy_samples(struct fc_log_ref *dst, unsigned *nd, const struct sample *smp,
			 unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		dst[i].file = smp[i].file;
		dst[i].line = smp[i].line;
		dst[i].off = smp[i].off;
		dst[i].excerpt = NULL;
	}
	*nd = n;
}

/* Top-N selection: mark the n entries with the largest key. */
static void mark_top(const uint64_t *key, size_t n, bool *keep, size_t top)
{
	for (size_t t = 0; t < top && t < n; t++) {
		size_t best = SIZE_MAX;
		for (size_t i = 0; i < n; i++)
			if (!keep[i] && key[i] && (best == SIZE_MAX || key[i] > key[best]))
				best = i;
		if (best == SIZE_MAX)
			break;
		keep[best] = true;
	}
}

/* A closing day keeps the entries marked notable and the top FC_LOG_TOP by
 * key, unless the run-wide cap on kept entries is reached (then none of the
 * day's, counted as dropped).  Returns how many are kept. */
static size_t keep_top(struct an *A, const uint64_t *key, size_t n, bool *keep)
{
	mark_top(key, n, keep, FC_LOG_TOP);
	size_t nk = 0;
	for (size_t i = 0; i < n; i++)
		nk += keep[i];
	if (A->kept + nk > FC_LOG_MAX_KEPT) {
		A->f->kept_dropped += nk;
		memset(keep, 0, n * sizeof(bool));
		return 0;
	}
	A->kept += nk;
	return nk;
}

static void close_day(struct an *A, struct dayslot *ds)
{
	struct openday *od = ds->open;
	struct fc_log_day *d = &ds->d;
	if (!od)
		return;
	d->distinct_ips = od->ips.n;
	d->distinct_accounts = od->accts.n;
	size_t nip = od->ips.n, nac = od->accts.n;
	bool *keep_ip = fc_calloc(nip + 1, sizeof(bool));
	bool *keep_ac = fc_calloc(nac + 1, sizeof(bool));
	uint64_t *key = fc_calloc((nip > nac ? nip : nac) + 1, sizeof(uint64_t));
	if (!keep_ip || !keep_ac || !key) {
		A->hard = FC_ENOMEM;
		goto out;
	}
	/* IPs: notable under the lowest thresholds allowed, plus the top list */
	size_t nk = 0;
	for (size_t i = 0; i < nip; i++) {
		struct oip *e = &od->ips.v[i];
		key[i] = (uint64_t)e->failures + e->nonexistent;
		if (e->accounts >= FC_LOG_FLOOR || e->nonexistent >= FC_LOG_FLOOR || e->max_per >= FC_LOG_FLOOR)
			keep_ip[i] = true;
	}
	nk = keep_top(A, key, nip, keep_ip);
	d->ips = fc_arena_alloc(&A->f->arena, sizeof(*d->ips) * (nk ? nk : 1));
	if (!d->ips) {
		A->hard = FC_ENOMEM;
		goto out;
	}
	/* the kept entries, then their cold parts, fetched ahead: an address
	 * table is larger than the caches, and closing a day waited on each
	 * entry's cold part in turn */
	size_t *kept = (size_t *)key; /* key[] is free again, as long */
	size_t nkept = 0;
	for (size_t i = 0; i < nip; i++)
		if (keep_ip[i])
			kept[nkept++] = i;
	for (size_t j = 0; j < nkept; j++) {
		if (j + 16 < nkept)
			__builtin_prefetch(&od->ips.v[kept[j + 16]]);
		if (j + 8 < nkept && od->ips.v[kept[j + 8]].cold)
			__builtin_prefetch(od->ips.v[kept[j + 8]].cold);
		struct oip *e = &od->ips.v[kept[j]];
		struct fc_log_ipday *k = &d->ips[d->nips++];
		k->ip = ip_text(A, e);
		k->events = e->events;
		k->failures = e->failures;
		k->successes = e->successes;
		k->nonexistent = e->nonexistent;
		k->locked = e->locked;
		k->accounts = e->accounts;
		k->existing_accounts = e->existing;
		k->ok_accounts = e->ok_accounts;
		k->max_per_account = e->max_per;
		k->max_account = e->max_acct != NO_IDX ? A->accts.v[e->max_acct].name : NULL;
		k->first = e->first;
		k->last = e->last;
		struct sample smp[FC_LOG_SAMPLES];
		if (e->nsmp) {
			smp[0] = e->smp0;
			for (unsigned q = 1; q < e->nsmp && e->cold; q++)
				smp[q] = e->cold->smp[q - 1];
		}
		copy_samples(k->samples, &k->nsamples, smp, e->cold || e->nsmp <= 1 ? e->nsmp : 1);
		if (e->cold) {
			copy_samples(k->nx_samples, &k->nnx_samples, e->cold->nx, e->nnx);
			if (e->max_acct != NO_IDX) {
				k->max_ref.file = e->cold->max_file;
				k->max_ref.line = e->cold->max_line;
				k->max_ref.off = e->cold->max_off;
			}
		}
	}
	fc_qsort(d->ips, d->nips, sizeof(*d->ips), cmp_ipday);

	/* accounts: the lockout sequence, in time order */
	nk = 0;
	for (size_t i = 0; i < nac; i++) {
		struct oacct *e = &od->accts.v[i];
		key[i] = e->failures;
		uint32_t run = 0, maxrun = 0, before = 0;
		uint32_t run_start = 0;
		if (e->unordered)
			fc_qsort(e->ev, e->nev, sizeof(*e->ev), cmp_aev);
		if (e->nev > FC_LOG_MAX_ACCT_EVENTS) {
			e->nev = FC_LOG_MAX_ACCT_EVENTS;
			e->truncated = true;
		}
		for (uint32_t k = 0; k < e->nev; k++) {
			struct aev *v = &e->ev[k];
			if (v->kind == FC_LK_FAILURE) {
				if (!run)
					run_start = k;
				run += v->count;
				if (run > maxrun)
					maxrun = run;
			} else if (v->kind == FC_LK_LOCKED) {
				run = 0;
			} else if (v->kind == FC_LK_SUCCESS) {
				if (run > before)
					before = run;
				run = 0;
			}
			(void)run_start;
		}
		/* lockout_threshold may be 1: a run of 2 can alert */
		if (!e->nonexistent && (maxrun >= 2 || before >= 2))
			keep_ac[i] = true;
	}
	nk = keep_top(A, key, nac, keep_ac);
	d->accts = fc_arena_alloc(&A->f->arena, sizeof(*d->accts) * (nk ? nk : 1));
	if (!d->accts) {
		A->hard = FC_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < nac; i++) {
		if (!keep_ac[i])
			continue;
		struct oacct *e = &od->accts.v[i];
		struct fc_log_acctday *k = &d->accts[d->naccts++];
		const struct acctinfo *ai = &A->accts.v[e->acct];
		k->account = ai->name;
		k->nonexistent = e->nonexistent && !e->ok_seen;
		k->privileged = ai->privileged;
		k->events = e->events;
		k->failures = e->failures;
		k->successes = e->successes;
		k->locked = e->locked;
		k->ips = e->ips;
		k->first = e->first;
		k->last = e->last;
		k->truncated = e->truncated;
		/* the run analysis again, now recording where */
		uint32_t run = 0;
		uint32_t rs = 0;
		for (uint32_t j = 0; j < e->nev; j++) {
			struct aev *v = &e->ev[j];
			if (v->kind == FC_LK_FAILURE) {
				if (!run)
					rs = j;
				run += v->count;
				if (run > k->max_run) {
					k->max_run = run;
					k->run_first.file = e->ev[rs].file;
					k->run_first.line = e->ev[rs].line;
					k->run_first.off = e->ev[rs].off;
					k->run_last.file = v->file;
					k->run_last.line = v->line;
					k->run_last.off = v->off;
				}
			} else if (v->kind == FC_LK_LOCKED) {
				run = 0;
			} else if (v->kind == FC_LK_SUCCESS) {
				if (run > k->run_before_success) {
					k->run_before_success = run;
					k->success_ref.file = v->file;
					k->success_ref.line = v->line;
					k->success_ref.off = v->off;
					k->success_ts = fc_day_ts(ds->day) + v->sec;
					k->success_ip = v->ip != NO_IDX ? ip_text(A, &od->ips.v[v->ip]) : NULL;
				}
				run = 0;
			}
		}
	}
	fc_qsort(d->accts, d->naccts, sizeof(*d->accts), cmp_acctday);
out:
	ds->open = NULL;
	A->nopen--;
	pthread_cond_broadcast(&A->cv); /* a worker may be waiting for room */
	if (A->nspare < SPARE_DAYS) {
		openday_reset(od);
		A->spare[A->nspare++] = od;
	} else {
		openday_free(od);
	}
	fc_free(keep_ip);
	fc_free(keep_ac);
	fc_free(key);
}

/* ---- applying events ---- */

static void login_pair(struct an *A, uint32_t acct, const struct oip *e, const struct bev *b, uint32_t file,
		       int32_t day)
{
	if (day < A->base_day || day >= A->base_day + FC_LOG_BASELINE_SPAN)
		return;
	unsigned bit = (unsigned)(day - A->base_day);
	struct acctinfo *ai = &A->accts.v[acct];
	ai->bm[bit / 64] |= 1ULL << (bit % 64);
	uint64_t h = mix64(e->h ^ (acct * 0x9E3779B97F4A7C15ULL));
	struct ixtab *t = &A->pairix;
	struct lpair *p = NULL;
	if (t->cap) {
		size_t j = (size_t)h & (t->cap - 1);
		for (; t->s[j]; j = (j + 1) & (t->cap - 1)) {
			if ((uint32_t)(t->s[j] >> 32) != (uint32_t)h)
				continue;
			struct lpair *q = &A->lpairs.v[(uint32_t)t->s[j] - 1];
			if (q->acct == acct && q->ip.hi == e->ip.hi && q->ip.lo == e->ip.lo) {
				p = q;
				break;
			}
		}
	}
	if (!p) {
		if (A->lpairs.n >= FC_LOG_MAX_LOGIN_PAIRS) {
			A->f->pairs_dropped++;
			return;
		}
		if ((t->n + 1) * 4 > t->cap * 3 && !ix_grow(t)) {
			A->hard = FC_ENOMEM;
			return;
		}
		p = fc_vec_push(&A->lpairs);
		if (!p) {
			A->hard = FC_ENOMEM;
			return;
		}
		p->acct = acct;
		p->ip = e->ip;
		p->name = e->cold && e->cold->name ? fc_arena_strdup(&A->f->arena, e->cold->name) : NULL;
		p->ts = INT64_MAX;
		ai->npairs++;
		uint32_t idx = (uint32_t)(A->lpairs.n - 1);
		size_t j = (size_t)h & (t->cap - 1);
		while (t->s[j])
			j = (j + 1) & (t->cap - 1);
		t->s[j] = ((uint64_t)(uint32_t)h << 32) | (idx + 1);
		t->n++;
	}
	p->bm[bit / 64] |= 1ULL << (bit % 64);
	if (b->ts < p->ts || (b->ts == p->ts && (file < p->ref.file || (file == p->ref.file && b->line < p->ref.line)))) {
		p->ts = b->ts;
		p->ref.file = file;
		p->ref.line = b->line;
		p->ref.off = b->off;
	}
}

static void priv_login(struct an *A, uint32_t acct, const struct oip *e, const struct bev *b, uint32_t file,
		       int32_t day, const char *src, bool root)
{
	if (A->priv.n >= FC_LOG_MAX_PRIV_LOGINS) {
		A->f->priv_dropped++;
		return;
	}
	struct fc_log_login *l = fc_vec_push(&A->priv);
	if (!l) {
		A->hard = FC_ENOMEM;
		return;
	}
	l->day = day;
	l->ts = b->ts;
	l->account = A->accts.v[acct].name;
	l->ip = e ? ip_text(A, e) : NULL;
	l->source = src;
	l->ref.file = file;
	l->ref.line = b->line;
	l->ref.off = b->off;
	l->privileged = true;
	l->root = root;
}

static void clock_check(struct an *A, struct worker *w, uint32_t file, uint32_t src, const struct bev *b)
{
	uint64_t k = ((uint64_t)file << 32) | (src + 1);
	uint64_t h = mix64(k);
	struct ixtab *t = &A->clockix;
	struct clockkey *c = NULL;
	if (w->last_clock != NO_IDX && A->clocks.v[w->last_clock].key == k)
		c = &A->clocks.v[w->last_clock];
	else if (t->cap) {
		size_t j = (size_t)h & (t->cap - 1);
		for (; t->s[j]; j = (j + 1) & (t->cap - 1)) {
			struct clockkey *q = &A->clocks.v[(uint32_t)t->s[j] - 1];
			if (q->key == k) {
				c = q;
				w->last_clock = (uint32_t)t->s[j] - 1;
				break;
			}
		}
	}
	if (!c) {
		if (A->clocks.n >= FC_MAX_DAY_KEYS)
			return;
		if ((t->n + 1) * 4 > t->cap * 3 && !ix_grow(t)) {
			A->hard = FC_ENOMEM;
			return;
		}
		c = fc_vec_push(&A->clocks);
		if (!c) {
			A->hard = FC_ENOMEM;
			return;
		}
		c->key = k;
		c->prev = b->ts;
		uint32_t idx = (uint32_t)(A->clocks.n - 1);
		w->last_clock = idx;
		size_t j = (size_t)h & (t->cap - 1);
		while (t->s[j])
			j = (j + 1) & (t->cap - 1);
		t->s[j] = ((uint64_t)(uint32_t)h << 32) | (idx + 1);
		t->n++;
		return;
	}
	/* syslog daemons reorder lines by a second or two: a minute is a clock */
	if (b->ts + 60 < c->prev) {
		struct srcinfo *s = &A->srcs.v[src];
		s->backwards++;
		if (c->prev - b->ts > s->max_back) {
			s->max_back = c->prev - b->ts;
			s->back_ref.file = file;
			s->back_ref.line = b->line;
			s->back_ref.off = b->off;
		}
	}
	if (b->ts > c->prev || b->ts + 60 < c->prev)
		c->prev = b->ts;
}

static void apply_one(struct an *A, struct worker *w, const struct bev *b, const char *text, uint32_t file)
{
	int32_t day = b->day;
	struct dayslot *ds = day_get(A, day);
	if (!ds)
		return;
	struct fc_log_day *d = &ds->d;
	uint32_t c = b->count ? b->count : 1;
	/* source coverage */
	const char *sname = b->src_len ? text + b->src_off : (w->login ? "login" : "(unknown)");
	size_t slen = b->src_len ? b->src_len : strlen(sname);
	if (w->login) {
		sname = "login";
		slen = 5;
	}
	uint32_t si = w->last_si;
	if (si == NO_IDX || A->srcs.v[si].len != slen || A->srcs.v[si].login != w->login ||
	    memcmp(A->srcs.v[si].name, sname, slen)) {
		si = src_intern(A, sname, slen, w->login, b->src_len && !w->login ? b->sh : src_hash(sname, slen, w->login));
		w->last_si = si;
		w->last_clock = NO_IDX;
	}
	bool counted = b->flags & FC_LF_COUNTED; /* its line was an info event */
	if (si != NO_IDX && !counted) {
		struct srcinfo *s = &A->srcs.v[si];
		if (!s->events || b->ts < s->first)
			s->first = b->ts;
		if (!s->events || b->ts > s->last)
			s->last = b->ts;
		s->events += c;
		if (s->marked != day || !s->bits) {
			src_mark(A, s, day);
			s->marked = day;
		}
		clock_check(A, w, file, si, b);
	}
	if (!counted)
		d->events += c;
	if (b->kind == FC_LK_INFO)
		return;
	bool nonexist = b->flags & FC_LF_NONEXISTENT;
	switch (b->kind) {
	case FC_LK_FAILURE:
		d->failures += c;
		if (nonexist)
			d->nonexistent += c;
		break;
	case FC_LK_PROBE:
		d->nonexistent += c;
		break;
	case FC_LK_SUCCESS:
		d->successes += c;
		break;
	case FC_LK_LOCKED:
		d->locked += c;
		break;
	}
	if (!ds->open) {
		d->late_events += c;
		return;
	}
	/* the account: "user@host" for sshd (root on two hosts is two accounts) */
	uint32_t acct = NO_IDX;
	if (b->acct_len) {
		bool dropped = false;
		acct = acct_intern(A, text + b->acct_off, b->acct_len, b->ah, &dropped);
		if (dropped)
			A->f->accounts_dropped++;
	}
	struct oip *e = NULL;
	uint32_t ipidx = NO_IDX;
	if ((b->flags & FC_LF_HAS_IP) || b->name_len) {
		e = ip_get(A, ds, &b->ip, b->h, b->name_len ? text + b->name_off : NULL, b->name_len, &ipidx);
		if (!e) {
			d->overflow_events += c;
			d->overflow_keys++;
		}
	}
	struct oacct *ae = NULL;
	if (acct != NO_IDX) {
		ae = acct_get(A, ds, acct);
		if (!ae) {
			d->overflow_events += c;
			if (!e)
				d->overflow_keys++;
		}
	}
	struct opair *p = NULL;
	bool fresh = false;
	if (e && acct != NO_IDX) {
		p = pair_get(A, ds->open, e, ipidx, acct, &fresh);
		if (!p)
			d->overflow_events += c;
	}
	/* a full sample list takes only an earlier event: a later one (the
	 * usual case in a time-ordered file) skips the cold part of the entry */
	bool later = false;
	if (e) {
		later = e->events && b->ts > e->last;
		if (!e->events || b->ts < e->first)
			e->first = b->ts;
		if (!e->events || b->ts > e->last)
			e->last = b->ts;
		e->events += c;
		if (!later || e->nsmp < FC_LOG_SAMPLES)
			ip_sample(A, ds->open, e, b, file);
	}
	if (ae) {
		if (!ae->events || b->ts < ae->first)
			ae->first = b->ts;
		if (!ae->events || b->ts > ae->last)
			ae->last = b->ts;
		ae->events += c;
		if (nonexist)
			ae->nonexistent = true;
	}
	switch (b->kind) {
	case FC_LK_FAILURE:
	case FC_LK_PROBE: {
		bool fail = b->kind == FC_LK_FAILURE;
		if (e) {
			if (fail)
				e->failures += c;
			if (nonexist) {
				e->nonexistent += c;
				struct oipcold *cd;
				if ((!later || e->nnx < FC_LOG_SAMPLES) && (cd = cold_of(A, ds->open, e)))
					sample_add(cd->nx, &e->nnx, b->ts, file, b->line, b->off);
			}
		}
		if (p) {
			bool first_try = !p->fails && !p->probes;
			if (fail) {
				if (!p->fails || b->ts < p->fts ||
				    (b->ts == p->fts && (file < p->ffile || (file == p->ffile && b->line < p->fline)))) {
					p->fts = b->ts;
					p->ffile = file;
					p->fline = b->line;
					p->foff = b->off;
					if (e->max_acct == acct && cold_of(A, ds->open, e)) {
						e->cold->max_file = file;
						e->cold->max_line = b->line;
						e->cold->max_off = b->off;
					}
				}
				p->fails += c;
			} else {
				p->probes += c;
			}
			if (first_try) {
				e->accounts++;
				if (!nonexist)
					e->existing++;
				if (ae)
					ae->ips++;
			}
			/* brute force is guessing an account's password: only
			 * accounts that exist count (the others are probes) */
			if (!nonexist && (p->fails > e->max_per ||
			    (p->fails == e->max_per && e->max_acct != NO_IDX &&
			     strcmp(A->accts.v[acct].name, A->accts.v[e->max_acct].name) < 0))) {
				e->max_per = p->fails;
				e->max_acct = acct;
				if (cold_of(A, ds->open, e)) {
					e->cold->max_file = p->ffile;
					e->cold->max_line = p->fline;
					e->cold->max_off = p->foff;
				}
			}
		}
		if (ae) {
			if (fail) {
				ae->failures += c;
				if (!nonexist)
					acct_event(A, ae, b, file, day, ipidx);
			}
		}
		break;
	}
	case FC_LK_SUCCESS:
		if (e)
			e->successes += c;
		if (p) {
			if (!p->oks)
				e->ok_accounts++;
			p->oks += c;
		}
		if (ae) {
			ae->successes += c;
			ae->ok_seen = true;
			acct_event(A, ae, b, file, day, ipidx);
		}
		if (acct != NO_IDX) {
			if (e)
				login_pair(A, acct, e, b, file, day);
			if (A->accts.v[acct].privileged || (b->flags & FC_LF_ROOT))
				priv_login(A, acct, e, b, file, day, si != NO_IDX ? A->srcs.v[si].name : NULL,
					   (b->flags & FC_LF_ROOT) != 0);
		}
		break;
	case FC_LK_LOCKED:
		if (e)
			e->locked += c;
		if (ae) {
			ae->locked += c;
			acct_event(A, ae, b, file, day, ipidx);
		}
		break;
	}
}

/* Close every open day before the watermark (lock held). */
static void advance(struct an *A)
{
	int32_t wm = INT32_MAX;
	for (size_t i = A->next_file; i < A->nfiles; i++) {
		int32_t fd = A->files[i].first_day;
		if (fd == FC_NO_DATE)
			return; /* an unopened file of unknown dates */
		if (fd < wm)
			wm = fd;
	}
	for (int k = 0; k < A->nworkers; k++) {
		struct worker *w = &A->workers[k];
		if (!w->active)
			continue;
		if (w->cur_day == FC_NO_DATE)
			return;
		if (w->cur_day - 1 < wm)
			wm = w->cur_day - 1;
		if (w->pending_day != FC_NO_DATE && w->pending_day < wm)
			wm = w->pending_day;
	}
	for (size_t i = 0; i < A->ndays && A->days[i].day < wm; i++)
		if (A->days[i].open)
			close_day(A, &A->days[i]);
}

/* Is another reading worker behind this batch's days?  Then it will close
 * days, and this one can wait for room instead of opening more.  A worker
 * that is itself waiting does not count: two files that each span the whole
 * period (a month's e-banking CSV and a month's app JSON lines) would
 * otherwise leave both workers waiting for each other for ever. */
static bool others_behind(const struct an *A, const struct worker *w, int32_t day)
{
	for (int k = 0; k < A->nworkers; k++) {
		const struct worker *o = &A->workers[k];
		if (o != w && o->active && !o->waiting && o->cur_day != FC_NO_DATE && o->cur_day < day - 1)
			return true;
	}
	return false;
}

/* Report progress by bytes read (lock held): a bank's logs take half a
 * minute, which a file count would not show (issue 11). */
static void progress(struct an *A)
{
	if (!A->o->progress || !A->bytes_total)
		return;
	uint64_t done = A->bytes_done;
	for (int k = 0; k < A->nworkers; k++)
		done += A->workers[k].raw_now;
	if (done > A->bytes_total)
		done = A->bytes_total;
	int pct = (int)(done * 100 / A->bytes_total);
	if (pct == A->last_pct)
		return;
	A->last_pct = pct;
	A->o->progress("logs", done, A->bytes_total, A->o->progress_ud);
}

/* The run-wide tables (accounts, (account, address) login pairs, source
 * hosts) outgrow the caches at bank scale (a million customers, 50,000
 * hosts in one central syslog): fetch the slots an event 8 ahead will
 * probe, and the entries of one 4 ahead, as for the address table. */
static inline void prefetch_shared(const struct an *A, const struct bev *ev, size_t nev, size_t i)
{
	if (i + 8 < nev) {
		const struct bev *b = &ev[i + 8];
		if (b->ah && A->acctix.cap)
			__builtin_prefetch(&A->acctix.s[b->ah & (A->acctix.cap - 1)]);
		if (b->sh && A->srcix.cap)
			__builtin_prefetch(&A->srcix.s[b->sh & (A->srcix.cap - 1)]);
	}
	if (i + 4 < nev) {
		const struct bev *b = &ev[i + 4];
		if (b->ah && A->acctix.cap) {
			uint64_t v = A->acctix.s[b->ah & (A->acctix.cap - 1)];
			if (v && (uint32_t)(v >> 32) == (uint32_t)b->ah) {
				uint32_t acct = (uint32_t)v - 1;
				__builtin_prefetch(&A->accts.v[acct]);
				if (b->h && A->pairix.cap) {
					uint64_t ph = mix64(b->h ^ (acct * 0x9E3779B97F4A7C15ULL));
					__builtin_prefetch(&A->pairix.s[ph & (A->pairix.cap - 1)]);
				}
			}
		}
		if (b->sh && A->srcix.cap) {
			uint64_t v = A->srcix.s[b->sh & (A->srcix.cap - 1)];
			if (v && (uint32_t)(v >> 32) == (uint32_t)b->sh)
				__builtin_prefetch(&A->srcs.v[(uint32_t)v - 1]);
		}
	}
}

/* Apply one batch to the shared tables (the worker's, or in a pipeline its
 * applier's).  raw: the file's bytes read when the batch was sealed;
 * pending: the ssh stream's oldest held day then. */
static void apply_events(struct worker *w, const struct bev *ev, size_t nev, const char *text, uint64_t raw,
			 int32_t pending)
{
	struct an *A = w->an;
	pthread_mutex_lock(&A->mu);
	w->raw_now = raw;
	progress(A);
	if (nev) {
		int32_t lo = ev[0].day;
		for (size_t i = 1; i < nev; i++)
			if (ev[i].day < lo)
				lo = ev[i].day;
		while (A->nopen >= MAX_OPEN_DAYS && !A->hard && others_behind(A, w, lo)) {
			w->waiting = true;
			pthread_cond_wait(&A->cv, &A->mu);
			w->waiting = false;
		}
	}
	int32_t before = w->cur_day;
	uint32_t fidx = A->files[w->file].idx;
	for (size_t i = 0; i < nev && !A->hard; i++) {
		/* the address tables are far larger than the caches: fetch the
		 * slot of an event 8 ahead and the entry of one 4 ahead */
		if (A->ndays) {
			const struct dayslot *ds = &A->days[A->last_day];
			const struct openday *od = ds->open;
			if (od && od->ipix.cap) {
				size_t m = od->ipix.cap - 1;
				if (i + 8 < nev && ev[i + 8].h && ev[i + 8].day == ds->day)
					__builtin_prefetch(&od->ipix.s[ev[i + 8].h & m]);
				if (i + 4 < nev && ev[i + 4].h && ev[i + 4].day == ds->day) {
					uint64_t v = od->ipix.s[ev[i + 4].h & m];
					if (v && (uint32_t)(v >> 32) == (uint32_t)ev[i + 4].h) {
						const char *ep = (const char *)&od->ips.v[(uint32_t)v - 1];
						__builtin_prefetch(ep);
						__builtin_prefetch(ep + 64);
						__builtin_prefetch(ep + 128);
					}
				}
			}
		}
		prefetch_shared(A, ev, nev, i);
		apply_one(A, w, &ev[i], text, fidx);
		int32_t dd = ev[i].day;
		/* a stamp past the as-of date is a wrong clock, not progress:
		 * it must not close the days still being read */
		if ((w->cur_day == FC_NO_DATE || dd > w->cur_day) && dd <= A->o->as_of + 1)
			w->cur_day = dd;
	}
	w->events += nev;
	if (w->cur_day != before) {
		w->pending_day = pending;
		advance(A);
	}
	pthread_mutex_unlock(&A->mu);
}

static void *applier_main(void *arg)
{
	struct worker *w = arg;
	pthread_mutex_lock(&w->hm);
	for (;;) {
		while (!w->posted && !w->quit)
			pthread_cond_wait(&w->hcv, &w->hm);
		if (!w->posted)
			break;
		pthread_mutex_unlock(&w->hm);
		apply_events(w, w->aev, w->anev, w->atext, w->araw, w->apending);
		pthread_mutex_lock(&w->hm);
		w->posted = false;
		pthread_cond_broadcast(&w->hcv);
	}
	pthread_mutex_unlock(&w->hm);
	return NULL;
}

/* Wait until the applier has applied what was handed over. */
static void drain(struct worker *w)
{
	if (!w->pipelined)
		return;
	pthread_mutex_lock(&w->hm);
	while (w->posted)
		pthread_cond_wait(&w->hcv, &w->hm);
	pthread_mutex_unlock(&w->hm);
}

/* The batch is full or the file ended: apply it, or hand it over. */
static void apply_batch(struct worker *w)
{
	uint64_t raw = w->lines ? fc_lines_raw_offset(w->lines) : w->raw_seen;
	int32_t pending = w->ssh ? fc_ssh_stream_pending_day(w->ssh) : FC_NO_DATE;
	if (!w->pipelined) {
		apply_events(w, w->ev, w->nev, w->text, raw, pending);
	} else {
		pthread_mutex_lock(&w->hm);
		while (w->posted)
			pthread_cond_wait(&w->hcv, &w->hm);
		struct bev *ev = w->aev;
		char *text = w->atext;
		w->aev = w->ev;
		w->atext = w->text;
		w->anev = w->nev;
		w->araw = raw;
		w->apending = pending;
		w->ev = ev;
		w->text = text;
		w->posted = true;
		pthread_cond_broadcast(&w->hcv);
		pthread_mutex_unlock(&w->hm);
	}
	w->nev = 0;
	w->tlen = 0;
}

/* Names and addresses are short: copied inline, without a call. */
static inline void copy_short(char *d, const char *p, size_t n)
{
	if (n > 32) {
		memcpy(d, p, n);
		return;
	}
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t v;
		memcpy(&v, p + i, 8);
		memcpy(d + i, &v, 8);
	}
	for (; i < n; i++)
		d[i] = p[i];
}

static uint32_t text_put(struct worker *w, const char *p, size_t n)
{
	if (n > BATCH_TEXT / 4)
		n = BATCH_TEXT / 4;
	uint32_t off = (uint32_t)w->tlen;
	copy_short(w->text + w->tlen, p, n);
	w->tlen += n;
	return off;
}

/* emit callback of the parsers: copy the event into the batch */
static void on_event(void *ud, const struct fc_log_event *ev)
{
	struct worker *w = ud;
	size_t sl = ev->source_len > 128 ? 128 : ev->source_len;
	/* the lines of one second on one host that only count as activity
	 * (pam check pass, Connection closed, …) travel as one event */
	if (ev->kind == FC_LK_INFO && w->nev) {
		struct bev *p = &w->ev[w->nev - 1];
		if (p->kind == FC_LK_INFO && p->ts == ev->ts && p->flags == (uint8_t)ev->flags &&
		    p->src_len == (w->login ? 0 : sl) && (w->login || !memcmp(w->text + p->src_off, ev->source, sl)) &&
		    p->count < UINT32_MAX - ev->count) {
			p->count += ev->count ? ev->count : 1;
			return;
		}
	}
	/* account (256) + '@' + host (128) + source (128) + address name (128) */
	size_t need = 256 + 1 + 128 + 128 + 128 + 16;
	if (w->nev == BATCH_EVENTS || w->tlen + need > BATCH_TEXT)
		apply_batch(w);
	struct bev *b = &w->ev[w->nev++];
	b->ts = ev->ts;
	b->line = ev->line > UINT32_MAX ? UINT32_MAX : (uint32_t)ev->line;
	b->off = ev->off;
	b->count = ev->count ? ev->count : 1;
	b->kind = (uint8_t)ev->kind;
	b->flags = (uint8_t)ev->flags;
	b->ip = ev->ip;
	b->acct_len = b->src_len = 0;
	b->acct_off = b->src_off = 0;
	if (ev->kind != FC_LK_INFO && ev->account) {
		size_t an = ev->account_len > 256 ? 256 : ev->account_len;
		b->acct_off = text_put(w, ev->account, an);
		if (!w->login && sl) { /* user@host */
			w->text[w->tlen++] = '@';
			text_put(w, ev->source, sl);
		}
		b->acct_len = (uint32_t)(w->tlen - b->acct_off);
	}
	if (sl && !w->login) {
		b->src_off = text_put(w, ev->source, sl);
		b->src_len = (uint32_t)sl;
	}
	b->name_len = 0;
	if (ev->kind != FC_LK_INFO && !(ev->flags & FC_LF_HAS_IP) && ev->addr_len) {
		size_t nl = ev->addr_len > 128 ? 128 : ev->addr_len;
		b->name_off = text_put(w, ev->addr, nl);
		b->name_len = (uint32_t)nl;
	}
	/* hashing here runs in parallel; the shared tables are under the lock */
	b->day = fc_ts_day(b->ts);
	b->h = (b->flags & FC_LF_HAS_IP) ? hash_ip(&b->ip) : 0;
	b->ah = b->acct_len ? hash_str(w->text + b->acct_off, b->acct_len) : 0;
	b->sh = b->src_len ? src_hash(w->text + b->src_off, b->src_len, false) : 0;
}

/* ---- files ---- */

enum fc_log_filekind fc_log_kind_of(const char *path, bool login_dir)
{
	size_t n = strlen(path);
	if (n > 3 && !strcasecmp(path + n - 3, ".gz"))
		n -= 3;
	if (n >= 4 && !strncasecmp(path + n - 4, ".csv", 4))
		return FC_LOGF_LOGIN_CSV;
	if ((n >= 6 && !strncasecmp(path + n - 6, ".jsonl", 6)) || (n >= 7 && !strncasecmp(path + n - 7, ".ndjson", 7)) ||
	    (login_dir && n >= 5 && !strncasecmp(path + n - 5, ".json", 5)))
		return FC_LOGF_LOGIN_JSONL;
	return FC_LOGF_SSH;
}

struct peek {
	int64_t ts;
	bool got;
};

static void peek_event(void *ud, const struct fc_log_event *ev)
{
	struct peek *p = ud;
	if (!p->got) {
		p->ts = ev->ts;
		p->got = true;
	}
}

/* The first event's day, read from the head of the file (errors are
 * reported in the real pass). */
static int32_t peek_first_day(const struct fc_log_input *in, int32_t asof)
{
	struct fc_diag scratch;
	fc_diag_init(&scratch);
	struct fc_lines *l = NULL;
	struct peek pk = {0};
	if (fc_lines_open(in->path, in->name, &l, &scratch))
		goto out;
	const char *line;
	size_t n;
	int lines = 0;
	if (in->kind == FC_LOGF_SSH) {
		struct fc_ssh_line sl;
		while (lines++ < 2000 && fc_lines_next(l, &line, &n) > 0)
			if (fc_ssh_classify(line, n, asof, &sl)) {
				pk.ts = sl.ts;
				pk.got = true;
				break;
			}
	} else {
		struct fc_login_reader *r = fc_login_reader_new(
			in->kind == FC_LOGF_LOGIN_JSONL ? FC_LOGIN_JSONL : FC_LOGIN_CSV, in->name, &scratch, peek_event, &pk);
		while (r && !pk.got && lines++ < 2000 && fc_lines_next(l, &line, &n) > 0)
			if (!fc_login_reader_line(r, line, n, fc_lines_lineno(l), 0))
				break;
		fc_login_reader_free(r);
	}
out:
	fc_lines_close(l);
	fc_diag_release(&scratch);
	return pk.got ? fc_ts_day(pk.ts) : FC_NO_DATE;
}

/* A NUL in one of the first lines: a binary file, or UTF-16 without a
 * byte-order mark.  Reported at its line; the file is not read further. */
static bool binary_line(const char *line, size_t n, struct fc_diag *d, const char *name, long lineno)
{
	if (!memchr(line, '\0', n))
		return false;
	/* every other byte NUL: UTF-16 without a byte-order mark */
	size_t odd = 0, even = 0;
	for (size_t k = 0; k < n && k < 512; k++)
		if (!line[k]) {
			if (k & 1)
				odd++;
			else
				even++;
		}
	bool u16 = n >= 8 && (odd * 3 >= n / 2 || even * 3 >= n / 2) && (odd == 0 || even == 0);
	fc_diag_error(d, name, lineno, 0, "%s",
		      u16 ? "UTF-16 text without a byte-order mark: convert the log to UTF-8"
			  : "binary data (NUL bytes): not a text log");
	return true;
}

/* ---- reading ahead: an sshd file read and classified on its own thread ----
 *
 * With a CPU to spare (w->pipelined), a reader thread reads the lines of an
 * sshd file, copies them into a batch and classifies them there (the
 * stateless part: timestamp, host, tag, message, user, address), while the
 * worker feeds the classified lines, in order, to the file's connection
 * stream (the stateful part) and its applier applies the events.  Two line
 * batches change hands; each line is fed exactly as the serial loop feeds
 * it, so the result is the serial one. */

/* 16,384 lines (4 MiB) a batch: with 4,096 (1 MiB) the reader rewrote
 * text the worker's core still held, and handed over four times as often;
 * the larger batches took the bench log from 2.69 to 2.39 s (medians of
 * six runs), for 5 MB more. */
#define LB_RECS 16384
#define LB_TEXT ((size_t)1 << 22)

struct lrec {
	struct fc_ssh_line l; /* strings point into the batch's text */
	long lineno;
	uint64_t off;
	size_t pos, len;
	int r; /* fc_ssh_lex */
};

struct lbatch {
	struct lrec *rec;
	size_t nrec;
	char *text;
	size_t tlen, tcap;
	uint64_t raw; /* the file's bytes read when it was sealed */
	bool last;
};

struct ahead {
	struct fc_lines *l;
	struct fc_diag *d;
	const char *name;
	int32_t asof;
	pthread_mutex_t m;
	pthread_cond_t cv;
	struct lbatch b[2];
	bool full[2];
	bool stop;
	/* the reader's results, read after it is joined */
	uint64_t lines;
	bool error;
	enum fc_status st;
};

/* Wait for batch i to be free; false when told to stop. */
static bool ahead_wait_free(struct ahead *a, int i)
{
	pthread_mutex_lock(&a->m);
	while (a->full[i] && !a->stop)
		pthread_cond_wait(&a->cv, &a->m);
	bool go = !a->stop;
	pthread_mutex_unlock(&a->m);
	return go;
}

static void ahead_post(struct ahead *a, int i)
{
	pthread_mutex_lock(&a->m);
	a->full[i] = true;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->m);
}

static void *ahead_main(void *arg)
{
	struct ahead *a = arg;
	struct fc_ssh_lexer *x = fc_ssh_lexer_new(a->asof);
	if (!x)
		a->st = FC_ENOMEM;
	const char *line = NULL;
	size_t n = 0;
	bool carry = false; /* a line read that did not fit the last batch */
	bool eof = !x;
	uint64_t off = 0;
	for (int i = 0;; i ^= 1) {
		if (!ahead_wait_free(a, i))
			break;
		struct lbatch *b = &a->b[i];
		b->nrec = b->tlen = 0;
		while (!eof && b->nrec < LB_RECS) {
			if (!carry) {
				int r = fc_lines_next(a->l, &line, &n);
				if (r <= 0) {
					a->error |= r < 0;
					eof = true;
					break;
				}
				a->lines++;
				if (a->lines <= 4 && binary_line(line, n, a->d, a->name, fc_lines_lineno(a->l))) {
					a->error = true;
					eof = true;
					break;
				}
			}
			carry = false;
			if (b->tlen + n > b->tcap) {
				if (b->nrec) {
					carry = true; /* first in the next batch */
					break;
				}
				char *t = fc_realloc(b->text, n + 1);
				if (!t) {
					a->st = FC_ENOMEM;
					eof = true;
					break;
				}
				b->text = t;
				b->tcap = n;
			}
			struct lrec *rc = &b->rec[b->nrec++];
			rc->pos = b->tlen;
			rc->len = n;
			rc->lineno = fc_lines_lineno(a->l);
			rc->off = off;
			if (n)
				memcpy(b->text + b->tlen, line, n);
			b->tlen += n;
			rc->r = fc_ssh_lex(x, b->text + rc->pos, n, &rc->l);
			off = fc_lines_bytes(a->l);
		}
		b->raw = fc_lines_raw_offset(a->l);
		b->last = eof;
		ahead_post(a, i);
		if (eof)
			break;
	}
	fc_ssh_lexer_free(x);
	return NULL;
}

/* Read the worker's sshd file through a reader thread.  False (nothing
 * read) when the thread or its buffers cannot be had: the caller reads the
 * file itself. */
static bool read_ahead(struct worker *w, struct fc_lines *l, struct fc_diag *d, const char *name, uint64_t *lines,
		       bool *error)
{
	struct an *A = w->an;
	struct ahead a;
	memset(&a, 0, sizeof(a));
	a.l = l;
	a.d = d;
	a.name = name;
	a.asof = A->o->as_of;
	bool ok = true;
	for (int i = 0; i < 2; i++) {
		a.b[i].rec = fc_malloc(sizeof(*a.b[i].rec) * LB_RECS);
		a.b[i].text = fc_malloc(LB_TEXT + 1);
		a.b[i].tcap = LB_TEXT;
		ok &= a.b[i].rec && a.b[i].text;
	}
	pthread_t th;
	if (ok) {
		pthread_mutex_init(&a.m, NULL);
		pthread_cond_init(&a.cv, NULL);
		w->lines = NULL; /* the reader's now: progress comes from the batches */
		w->raw_seen = 0;
		if (pthread_create(&th, NULL, ahead_main, &a)) {
			ok = false;
			w->lines = l;
			pthread_mutex_destroy(&a.m);
			pthread_cond_destroy(&a.cv);
		}
	}
	if (!ok) {
		for (int i = 0; i < 2; i++) {
			fc_free(a.b[i].rec);
			fc_free(a.b[i].text);
		}
		return false;
	}
	for (int j = 0;; j ^= 1) {
		pthread_mutex_lock(&a.m);
		while (!a.full[j])
			pthread_cond_wait(&a.cv, &a.m);
		pthread_mutex_unlock(&a.m);
		struct lbatch *b = &a.b[j];
		for (size_t k = 0; k < b->nrec && !A->hard; k++) {
			const struct lrec *rc = &b->rec[k];
			fc_ssh_stream_feed(w->ssh, rc->r, &rc->l, b->text + rc->pos, rc->len, rc->lineno, rc->off);
		}
		w->raw_seen = b->raw;
		bool last = b->last;
		pthread_mutex_lock(&a.m);
		a.full[j] = false;
		if (A->hard)
			a.stop = true;
		pthread_cond_broadcast(&a.cv);
		pthread_mutex_unlock(&a.m);
		if (last || A->hard)
			break;
	}
	pthread_join(th, NULL);
	pthread_mutex_destroy(&a.m);
	pthread_cond_destroy(&a.cv);
	for (int i = 0; i < 2; i++) {
		fc_free(a.b[i].rec);
		fc_free(a.b[i].text);
	}
	w->lines = l;
	*lines = a.lines;
	*error |= a.error;
	if (a.st)
		w->st = a.st;
	return true;
}

static void read_file(struct worker *w, struct fileinfo *fi)
{
	struct an *A = w->an;
	const struct fc_log_input *in = fi->in;
	struct fc_log_file *lf = &A->f->files[fi->idx];
	struct fc_lines *l = NULL;
	struct fc_login_reader *lr = NULL;
	/* the line reader's diagnostics are collected apart, then merged */
	struct fc_diag local;
	fc_diag_init(&local);
	w->login = in->kind != FC_LOGF_SSH;
	w->ssh = NULL;
	enum fc_status st = fc_lines_open(in->path, in->name, &l, &local);
	if (st) {
		lf->error = true;
		if (st == FC_ENOMEM)
			w->st = FC_ENOMEM;
		goto out;
	}
	w->lines = l;
	if (w->login) {
		lr = fc_login_reader_new(in->kind == FC_LOGF_LOGIN_JSONL ? FC_LOGIN_JSONL : FC_LOGIN_CSV, in->name, &local,
					 on_event, w);
		if (!lr) {
			w->st = FC_ENOMEM;
			goto out;
		}
	} else {
		w->ssh = fc_ssh_stream_new(A->o->as_of, on_event, w);
		if (!w->ssh) {
			w->st = FC_ENOMEM;
			goto out;
		}
	}
	const char *line;
	size_t n;
	int r = 0;
	uint64_t lines = 0;
	uint64_t off = 0;
	bool ahead = w->ssh && w->pipelined && read_ahead(w, l, &local, in->name, &lines, &lf->error);
	while (!ahead && (r = fc_lines_next(l, &line, &n)) > 0) {
		lines++;
		if (lines <= 4 && binary_line(line, n, &local, in->name, fc_lines_lineno(l))) {
			lf->error = true;
			break;
		}
		if (lr) {
			if (!fc_login_reader_line(lr, line, n, fc_lines_lineno(l), off)) {
				lf->error = true;
				break;
			}
		} else {
			fc_ssh_stream_line(w->ssh, line, n, fc_lines_lineno(l), off);
		}
		off = fc_lines_bytes(l);
		if (A->hard)
			break;
	}
	if (r < 0)
		lf->error = true;
	if (w->ssh) {
		fc_ssh_stream_finish(w->ssh);
		struct fc_ssh_stream_stats ss;
		fc_ssh_stream_stats(w->ssh, &ss);
		lf->sshd_lines = ss.sshd_lines;
		if (!lf->error && lines && !ss.sshd_lines) {
			fc_diag_error(&local, in->name, 1, 0,
				      ss.timestamp_errors
					      ? "sshd lines found but none has a readable timestamp (expected syslog 'Mmm dd hh:mm:ss' or ISO 8601)"
					      : "no sshd lines: expected sshd syslog (auth.log, secure) under logs/ssh/");
			lf->error = true;
		} else if (ss.timestamp_errors) {
			char msg[160];
			snprintf(msg, sizeof msg, "%llu sshd lines have no readable timestamp and were not counted",
				 (unsigned long long)ss.timestamp_errors);
			fc_diag_warn(&local, in->name, 0, 0, "%s", msg);
		}
	}
	if (lr) {
		if (fc_login_reader_finish(lr, fc_lines_lineno(l)))
			lf->error = true;
		lf->bad_records = fc_login_reader_bad(lr);
		if (lf->bad_records)
			lf->error = true;
	}
	if (w->nev)
		apply_batch(w);
	lf->lines = lines;
	lf->bytes = fc_lines_bytes(l);
out:
	drain(w);
	fc_login_reader_free(lr);
	fc_ssh_stream_free(w->ssh);
	w->ssh = NULL;
	w->lines = NULL;
	fc_lines_close(l);
	if (local.n || local.dropped) {
		pthread_mutex_lock(&A->diag_mu);
		for (size_t i = 0; i < local.n; i++) {
			struct fc_diag_msg *m = &local.v[i];
			fc_diag_add(A->diag, m->level, m->file, m->line, m->col, "%s", m->msg);
		}
		pthread_mutex_unlock(&A->diag_mu);
	}
	fc_diag_release(&local);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct an *A = w->an;
	for (;;) {
		pthread_mutex_lock(&A->mu);
		if (A->next_file >= A->nfiles || A->hard || w->st) {
			w->active = false;
			advance(A);
			pthread_cond_broadcast(&A->cv);
			pthread_mutex_unlock(&A->mu);
			break;
		}
		size_t k = A->next_file++;
		w->file = (uint32_t)k;
		w->active = true;
		w->cur_day = A->files[k].first_day;
		w->pending_day = FC_NO_DATE;
		pthread_mutex_unlock(&A->mu);
		read_file(w, &A->files[k]);
		pthread_mutex_lock(&A->mu);
		A->bytes_done += A->files[k].size;
		w->raw_now = 0;
		progress(A);
		w->active = false;
		advance(A);
		pthread_cond_broadcast(&A->cv);
		pthread_mutex_unlock(&A->mu);
	}
	return NULL;
}

static int cmp_file(const void *a, const void *b)
{
	const struct fileinfo *x = a, *y = b;
	/* unknown dates first (they hold every day open until read) */
	if (x->first_day != y->first_day) {
		if (x->first_day == FC_NO_DATE)
			return -1;
		if (y->first_day == FC_NO_DATE)
			return 1;
		return x->first_day < y->first_day ? -1 : 1;
	}
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* ---- building the facts ---- */

static int cmp_source(const void *a, const void *b)
{
	const struct fc_log_source *x = a, *y = b;
	if (x->login != y->login)
		return x->login > y->login ? 1 : -1;
	return strcmp(x->name, y->name);
}

static void build_sources(struct an *A)
{
	struct fc_log_facts *f = A->f;
	f->sources = fc_arena_alloc(&f->arena, sizeof(*f->sources) * (A->srcs.n + 1));
	if (!f->sources) {
		A->hard = FC_ENOMEM;
		return;
	}
	for (size_t i = 0; i < A->srcs.n; i++) {
		struct srcinfo *s = &A->srcs.v[i];
		struct fc_log_source *o = &f->sources[f->nsources++];
		o->name = s->name;
		o->login = s->login;
		o->first = s->first;
		o->last = s->last;
		o->events = s->events;
		o->first_day = fc_ts_day(s->first);
		o->last_day = fc_ts_day(s->last);
		o->backwards = s->backwards;
		o->max_back = s->max_back;
		o->back_ref = s->back_ref;
		/* gaps: runs of empty days between the first and the last.  The
		 * days with events are the bitmap's set bits (it covers at most
		 * 30 years): walked bit by bit, never day by day, since a hostile
		 * clock puts the last day millions of years after the first. */
		size_t ng = 0, capg = 0;
		struct fc_log_gap *g = NULL;
		int64_t prev = o->first_day;
		for (size_t wi = 0; s->bits && wi < s->nwords; wi++) {
			for (uint64_t word = s->bits[wi]; word; word &= word - 1) {
				int64_t dd = (int64_t)s->base + (int64_t)wi * 64 + __builtin_ctzll(word);
				if (dd <= o->first_day || dd > o->last_day)
					continue;
				if (dd > prev + 1) {
					if (ng == capg) {
						capg = capg ? capg * 2 : 8;
						struct fc_log_gap *ngp = fc_arena_alloc(&f->arena, sizeof(*ngp) * capg);
						if (!ngp) {
							A->hard = FC_ENOMEM;
							return;
						}
						if (ng)
							memcpy(ngp, g, sizeof(*g) * ng);
						g = ngp;
					}
					g[ng].from = (int32_t)(prev + 1);
					g[ng].to = (int32_t)(dd - 1);
					ng++;
				}
				prev = dd;
			}
		}
		o->gaps = g;
		o->ngaps = ng;
	}
	/* sorted by kind and name for stable output (a central syslog names
	 * every host of the bank: 50,000 sources, so no insertion sort) */
	if (f->nsources > 1)
		fc_qsort(f->sources, f->nsources, sizeof(*f->sources), cmp_source);
}

static const struct an *sort_an; /* qsort context (lock held, one sort at a time) */

static int cmp_acct_name(const void *a, const void *b)
{
	return strcmp(sort_an->accts.v[*(const uint32_t *)a].name, sort_an->accts.v[*(const uint32_t *)b].name);
}

static int cmp_lpair(const void *a, const void *b)
{
	const struct lpair *x = a, *y = b;
	uint32_t rx = sort_an->acct_rank[x->acct], ry = sort_an->acct_rank[y->acct];
	if (rx != ry)
		return rx < ry ? -1 : 1;
	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	if (x->ip.hi != y->ip.hi)
		return x->ip.hi < y->ip.hi ? -1 : 1;
	return x->ip.lo < y->ip.lo ? -1 : x->ip.lo > y->ip.lo;
}

static int cmp_login(const void *a, const void *b)
{
	const struct fc_log_login *x = a, *y = b;
	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	if (x->ref.file != y->ref.file)
		return x->ref.file < y->ref.file ? -1 : 1;
	return x->ref.line < y->ref.line ? -1 : x->ref.line > y->ref.line;
}

static void build_pairs(struct an *A)
{
	struct fc_log_facts *f = A->f;
	/* Only accounts seen from two addresses or more are listed.  Those
	 * pairs are moved to the front and sorted by the account's rank in
	 * name order, then time: a million customers' names are compared once
	 * each, not at every step of sorting their pairs. */
	size_t n = 0;
	for (size_t i = 0; i < A->lpairs.n; i++)
		if (A->accts.v[A->lpairs.v[i].acct].npairs >= 2)
			A->lpairs.v[n++] = A->lpairs.v[i];
	A->lpairs.n = n;
	f->pairs = fc_arena_alloc(&f->arena, sizeof(*f->pairs) * (n + 1));
	A->acct_rank = fc_calloc(A->accts.n + 1, sizeof(*A->acct_rank));
	uint32_t *ord = fc_calloc(A->accts.n + 1, sizeof(*ord));
	if (!f->pairs || !A->acct_rank || !ord) {
		fc_free(ord);
		A->hard = FC_ENOMEM;
		return;
	}
	size_t na = 0;
	for (size_t i = 0; i < A->accts.n; i++)
		if (A->accts.v[i].npairs >= 2)
			ord[na++] = (uint32_t)i;
	static pthread_mutex_t sort_mu = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&sort_mu);
	sort_an = A;
	if (na > 1)
		fc_qsort(ord, na, sizeof(*ord), cmp_acct_name);
	for (size_t k = 0; k < na; k++)
		A->acct_rank[ord[k]] = (uint32_t)k;
	if (n > 1)
		fc_qsort(A->lpairs.v, n, sizeof(*A->lpairs.v), cmp_lpair);
	sort_an = NULL;
	pthread_mutex_unlock(&sort_mu);
	fc_free(ord);
	for (size_t i = 0; i < n; i++) {
		struct lpair *p = &A->lpairs.v[i];
		struct fc_log_pair *o = &f->pairs[f->npairs++];
		o->account = A->accts.v[p->acct].name;
		if (p->name) {
			o->ip = p->name;
		} else {
			char buf[48];
			fc_ip_fmt(&p->ip, buf);
			o->ip = fc_arena_strdup(&f->arena, buf);
		}
		o->days[0] = p->bm[0];
		o->days[1] = p->bm[1];
		o->ts = p->ts;
		o->ref = p->ref;
	}
	f->base_day = A->base_day;
}

/* Whether two files' days may overlap: their first days are known and
 * each starts before the next one's (a file's last day is not known before
 * it is read, so files that start on the same day, or one whose start is
 * unknown, count as overlapping; sorted by first day, cmp_file). */
static bool files_overlap(const struct an *A)
{
	for (size_t i = 0; i + 1 < A->nfiles; i++)
		if (A->files[i].first_day == FC_NO_DATE || A->files[i].first_day == A->files[i + 1].first_day)
			return true;
	/* later starts: a week's rotation read before the next is closed
	 * (MAX_OPEN_DAYS); the workers still run one at a time */
	return false;
}

static void stop_appliers(struct an *A)
{
	for (int i = 0; A->workers && i < A->nworkers; i++) {
		struct worker *w = &A->workers[i];
		if (!w->pipelined)
			continue;
		pthread_mutex_lock(&w->hm);
		w->quit = true;
		pthread_cond_broadcast(&w->hcv);
		pthread_mutex_unlock(&w->hm);
		pthread_join(w->ath, NULL);
		w->pipelined = false;
		pthread_mutex_destroy(&w->hm);
		pthread_cond_destroy(&w->hcv);
	}
}

enum fc_status fc_log_analyze(const struct fc_log_input *in, size_t n, const struct fc_log_opts *o,
			      struct fc_diag *d, struct fc_log_facts **out)
{
	*out = NULL;
	enum fc_status st = FC_OK;
	struct an A;
	memset(&A, 0, sizeof(A));
	struct fc_log_facts *f = fc_calloc(1, sizeof(*f));
	if (!f)
		return FC_ENOMEM;
	fc_arena_init(&f->arena);
	f->as_of = o->as_of;
	A.f = f;
	A.o = o;
	A.diag = d;
	A.max_day_keys = o->max_day_keys ? o->max_day_keys : FC_MAX_DAY_KEYS;
	A.base_day = o->as_of - (FC_LOG_BASELINE_SPAN - 1);
	pthread_mutex_init(&A.mu, NULL);
	pthread_mutex_init(&A.diag_mu, NULL);
	pthread_cond_init(&A.cv, NULL);
	f->files = fc_arena_alloc(&f->arena, sizeof(*f->files) * (n + 1));
	A.files = fc_calloc(n + 1, sizeof(*A.files));
	if (!f->files || !A.files) {
		st = FC_ENOMEM;
		goto out;
	}
	f->nfiles = n;
	for (size_t i = 0; i < n; i++) {
		f->files[i].name = fc_arena_strdup(&f->arena, in[i].name ? in[i].name : in[i].path);
		f->files[i].path = fc_arena_strdup(&f->arena, in[i].path);
		f->files[i].kind = in[i].kind;
		if (!f->files[i].name || !f->files[i].path) {
			st = FC_ENOMEM;
			goto out;
		}
		A.files[i].in = &in[i];
		A.files[i].idx = (uint32_t)i;
		A.files[i].first_day = peek_first_day(&in[i], o->as_of);
		struct stat sb;
		if (!stat(in[i].path, &sb) && sb.st_size > 0)
			A.files[i].size = (uint64_t)sb.st_size;
		A.bytes_total += A.files[i].size;
	}
	A.last_pct = -1;
	A.nfiles = n;
	fc_qsort(A.files, n, sizeof(*A.files), cmp_file);
	int threads = o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1)
		threads = 1;
	int budget = threads;
	if (threads > 1) {
		/* Every file that starts on the first day must be read side by
		 * side: one left unopened holds that day, and every later one,
		 * open until it is read (a month's e-banking CSV, a month's app
		 * JSON lines and the oldest week of a rotated auth.log: three
		 * files, and with two workers all 31 days' tables stayed open —
		 * 1.4 GB at bank scale, issue 11).  Extra workers mostly wait
		 * for the slowest (MAX_OPEN_DAYS) and cost their batch buffers. */
		int same = 0;
		for (size_t i = 0; i < n; i++)
			if (A.files[i].first_day == A.files[0].first_day)
				same++;
		if (same > MAX_LOCKSTEP_WORKERS)
			same = MAX_LOCKSTEP_WORKERS;
		if (same > threads)
			threads = same;
	}
	if ((size_t)threads > n)
		threads = n ? (int)n : 1;
	/* Files that follow each other in time (one host's rotations) are
	 * read one after another whatever the thread count: two workers (one
	 * reading, the next opening its file) are all that can run, and each
	 * further one would only hold its batches (~15 MB pipelined) idle. */
	if (threads > 2 && !files_overlap(&A))
		threads = 2;
	A.workers = fc_calloc((size_t)threads, sizeof(*A.workers));
	if (!A.workers) {
		st = FC_ENOMEM;
		goto out;
	}
	A.nworkers = threads;
	/* A CPU to spare for each worker: classify and apply on two.  Files
	 * that do not overlap in time (a rotated auth.log) are read one after
	 * another whatever the thread count (MAX_OPEN_DAYS), so their workers
	 * are pipelined too. */
	bool pipeline = budget >= 2 && (budget >= 2 * threads || !files_overlap(&A));
	int appliers = 0;
	for (int i = 0; i < threads; i++) {
		struct worker *w = &A.workers[i];
		w->an = &A;
		w->id = i;
		w->cur_day = FC_NO_DATE;
		w->pending_day = FC_NO_DATE;
		w->last_si = w->last_clock = NO_IDX;
		w->ev = fc_malloc(sizeof(*w->ev) * BATCH_EVENTS);
		w->text = fc_malloc(BATCH_TEXT + 1024);
		if (!w->ev || !w->text) {
			st = FC_ENOMEM;
			goto out;
		}
		if (pipeline) {
			w->aev = fc_malloc(sizeof(*w->aev) * BATCH_EVENTS);
			w->atext = fc_malloc(BATCH_TEXT + 1024);
			if (!w->aev || !w->atext) {
				st = FC_ENOMEM;
				goto out;
			}
			pthread_mutex_init(&w->hm, NULL);
			pthread_cond_init(&w->hcv, NULL);
			/* without its thread the worker applies its own batches */
			w->pipelined = !pthread_create(&w->ath, NULL, applier_main, w);
			appliers += w->pipelined;
		}
	}
	f->threads_used = threads + appliers;
	if (threads == 1) {
		worker_main(&A.workers[0]);
	} else {
		int started = 0;
		for (int i = 0; i < threads; i++) {
			if (pthread_create(&A.workers[i].th, NULL, worker_main, &A.workers[i]))
				break;
			started++;
		}
		if (!started)
			worker_main(&A.workers[0]);
		for (int i = 0; i < started; i++)
			pthread_join(A.workers[i].th, NULL);
	}
	stop_appliers(&A);
	for (int i = 0; i < threads; i++)
		if (A.workers[i].st)
			A.hard = A.workers[i].st;
	if (A.hard) {
		st = A.hard;
		goto out;
	}
	/* close what is left */
	for (size_t i = 0; i < A.ndays; i++)
		if (A.days[i].open)
			close_day(&A, &A.days[i]);
	if (A.hard) {
		st = A.hard;
		goto out;
	}
	f->days = fc_arena_alloc(&f->arena, sizeof(*f->days) * (A.ndays + 1));
	if (!f->days) {
		st = FC_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < A.ndays; i++) {
		f->days[i] = A.days[i].d;
		f->events += A.days[i].d.events;
	}
	f->ndays = A.ndays;
	build_sources(&A);
	build_pairs(&A);
	f->priv = fc_arena_alloc(&f->arena, sizeof(*f->priv) * (A.priv.n + 1));
	if (!f->priv) {
		st = FC_ENOMEM;
		goto out;
	}
	if (A.priv.n)
		memcpy(f->priv, A.priv.v, sizeof(*f->priv) * A.priv.n);
	f->npriv = A.priv.n;
	fc_qsort(f->priv, f->npriv, sizeof(*f->priv), cmp_login);
	for (size_t i = 0; i < f->nsources; i++) {
		struct fc_log_source *s = &f->sources[i];
		if (!s->events)
			continue;
		int64_t *slot = s->login ? &f->oldest_login : &f->oldest_ssh;
		if (!*slot || s->first < *slot)
			*slot = s->first;
		if (!f->oldest || s->first < f->oldest)
			f->oldest = s->first;
		if (!f->newest || s->last > f->newest)
			f->newest = s->last;
	}
	for (size_t i = 0; i < n; i++) {
		f->lines += f->files[i].lines;
		f->bytes += f->files[i].bytes;
	}
	if (A.hard)
		st = A.hard;
out:
	stop_appliers(&A);
	if (A.workers) {
		for (int i = 0; i < A.nworkers; i++) {
			fc_free(A.workers[i].ev);
			fc_free(A.workers[i].text);
			fc_free(A.workers[i].aev);
			fc_free(A.workers[i].atext);
		}
		fc_free(A.workers);
	}
	for (size_t i = 0; i < A.ndays; i++)
		if (A.days[i].open) {
			/* error path: free without keeping */
			openday_free(A.days[i].open);
		}
	fc_free(A.days);
	for (int i = 0; i < A.nspare; i++)
		openday_free(A.spare[i]);
	ix_release(&A.acctix);
	fc_vec_release(&A.accts);
	ix_release(&A.srcix);
	for (size_t i = 0; i < A.srcs.n; i++)
		fc_free(A.srcs.v[i].bits);
	fc_vec_release(&A.srcs);
	ix_release(&A.pairix);
	fc_vec_release(&A.lpairs);
	fc_free(A.acct_rank);
	fc_vec_release(&A.priv);
	ix_release(&A.clockix);
	fc_vec_release(&A.clocks);
	fc_free(A.files);
	pthread_mutex_destroy(&A.mu);
	pthread_mutex_destroy(&A.diag_mu);
	pthread_cond_destroy(&A.cv);
	if (st) {
		fc_log_facts_free(f);
		return st;
	}
	*out = f;
	return FC_OK;
}

void fc_log_facts_free(struct fc_log_facts *f)
{
	if (!f)
		return;
	fc_log_excerpts_release(f);
	fc_free(f->inputs);
	fc_arena_release(&f->arena);
	fc_free(f);
}
