/*
 * Shadowed and redundant rules with set semantics (see fw_analyze.h for the
 * definitions and the cost).  NET-10: "review all rules and remove unneeded
 * ones"; seed 000 防火牆管理: 最小授權原則，落實檢視.
 */
#include "fw_analyze.h"
#include <stdlib.h>
#include <string.h>
#include "../core/mem.h"
#include "../core/strutil.h"

#define DIMS 8
enum { D_IN, D_OUT, D_ST, D_SRC, D_DST, D_PROTO, D_SP, D_DP };
#define LEAF_SIZE 4
#define BY_MAX 32

struct box {
	uint32_t lo[DIMS], hi[DIMS];
	uint32_t rule; /* rank of the rule in the list's analyzed order */
};

struct boxvec {
	struct box *v;
	size_t n, cap;
};

struct strvec {
	const char **v;
	size_t n, cap;
};

struct node {
	uint32_t lo[DIMS], hi[DIMS];
	uint32_t minrule;
	uint32_t left, right; /* children (internal) */
	uint32_t first, count; /* boxes (leaf: count > 0) */
};

struct heapent {
	uint32_t key, ref; /* ref: bit 31 = box, else node */
};

struct ipaxis {
	struct fc_ip *b; /* sorted unique boundaries */
	size_t n;
};

struct an {
	struct fc_fw_device *dev;
	struct fc_diag *d;
	struct fc_arena *a;
	size_t max_frag, max_boxes;
	struct fc_fw_analyze_stats *st;
	/* per list */
	FC_VEC(size_t) rules;	/* device rule index, analyzed order */
	FC_VEC(size_t) lrules;	/* iptables LOG rules of the list (device index) */
	FC_VEC(uint32_t) bstart; /* first box of each rule (n+1 entries) */
	struct boxvec boxes;
	struct boxvec cov;	/* coverer boxes (BVH order) */
	FC_VEC(struct node) nodes;
	FC_VEC(struct heapent) heap;
	struct boxvec frag, frag2;
	struct strvec tok_in, tok_out;
	struct ipaxis src, dst;
	uint32_t umax[DIMS];
	bool oom;
};

bool fc_fw_rule_decides(const struct fc_fw_rule *r)
{
	return r->enabled && !r->unresolved && (r->action == FC_FW_PERMIT || r->action == FC_FW_DENY);
}

bool fc_fw_rule_any_any(const struct fc_fw_rule *r)
{
	return r->src.any && r->dst.any && r->svc.any && !r->in.n && !r->in.neg && !r->out.n &&
	       !r->out.neg && !r->states;
}

bool fc_fw_rule_established_only(const struct fc_fw_rule *r)
{
	return r->states && !(r->states & (FC_FW_ST_NEW | FC_FW_ST_UNTRACKED | FC_FW_ST_INVALID));
}

/* ---- coordinates ---- */

static int ipcmp(const void *a, const void *b)
{
	return fc_ip_cmp(a, b);
}

static bool ip_is_max(const struct fc_ip *a)
{
	return a->hi == ~0ULL && a->lo == ~0ULL;
}

static struct fc_ip ip_inc(struct fc_ip a)
{
	if (++a.lo == 0)
		a.hi++;
	return a;
}

/* the i-th rule of the list's analyzed rules, then of its LOG rules */
static const struct fc_fw_rule *nth(const struct an *z, size_t i)
{
	return &z->dev->rules.v[i < z->rules.n ? z->rules.v[i] : z->lrules.v[i - z->rules.n]];
}

static bool axis_build(struct ipaxis *ax, struct an *z, bool dst)
{
	size_t cnt = 0, all = z->rules.n + z->lrules.n;
	for (size_t i = 0; i < all; i++) {
		const struct fc_fw_rule *r = nth(z, i);
		cnt += 2 * (dst ? r->dst.n : r->src.n);
	}
	fc_free(ax->b);
	ax->b = fc_malloc((cnt + 1) * sizeof(*ax->b));
	ax->n = 0;
	if (!ax->b)
		return false;
	for (size_t i = 0; i < all; i++) {
		const struct fc_fw_rule *r = nth(z, i);
		const struct fc_fw_addrset *s = dst ? &r->dst : &r->src;
		for (size_t k = 0; k < s->n; k++) {
			ax->b[ax->n++] = s->r[k].lo;
			if (!ip_is_max(&s->r[k].hi))
				ax->b[ax->n++] = ip_inc(s->r[k].hi);
		}
	}
	if (!ax->n)
		return true;
	fc_qsort(ax->b, ax->n, sizeof(*ax->b), ipcmp);
	size_t k = 0;
	for (size_t i = 1; i < ax->n; i++)
		if (fc_ip_cmp(&ax->b[i], &ax->b[k]))
			ax->b[++k] = ax->b[i];
	ax->n = k + 1;
	return true;
}

static uint32_t axis_idx(const struct ipaxis *ax, const struct fc_ip *v)
{
	size_t lo = 0, hi = ax->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (fc_ip_cmp(&ax->b[mid], v) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

/* [lo,hi] in elementary-segment coordinates */
static void axis_range(const struct ipaxis *ax, const struct fc_iprange *r, uint32_t *lo, uint32_t *hi)
{
	*lo = axis_idx(ax, &r->lo);
	if (ip_is_max(&r->hi)) {
		*hi = (uint32_t)ax->n - 1;
	} else {
		struct fc_ip nx = ip_inc(r->hi);
		*hi = axis_idx(ax, &nx) - 1;
	}
}

/* Interface tokens: the exact names and the wildcards of the list, plus
 * one token for every other name (index 0). */
static bool tokens_build(struct an *z, bool out)
{
	struct strvec *tk = out ? &z->tok_out : &z->tok_in;
	tk->n = 0;
	const char **slot = fc_vec_push(tk);
	if (!slot)
		return false;
	*slot = ""; /* other */
	for (size_t i = 0; i < z->rules.n + z->lrules.n; i++) {
		const struct fc_fw_rule *r = nth(z, i);
		const struct fc_fw_ifset *f = out ? &r->out : &r->in;
		for (size_t k = 0; k < f->n; k++) {
			bool have = false;
			for (size_t j = 1; j < tk->n && !have; j++)
				have = !strcmp(tk->v[j], f->v[k]);
			if (have)
				continue;
			slot = fc_vec_push(tk);
			if (!slot)
				return false;
			*slot = f->v[k];
		}
	}
	return true;
}

/* Does interface set f hold token t?  A wildcard token "p+" stands for the
 * names starting with p not named elsewhere in the list. */
static bool ifset_has(const struct fc_fw_ifset *f, const char *t)
{
	if (!f->n && !f->neg)
		return true;
	bool in = false;
	if (*t) /* "other" is held by no name and no wildcard */
		for (size_t i = 0; i < f->n && !in; i++)
			in = fc_fw_ifname_match(f->v[i], t);
	return f->neg ? !in : in;
}

/* runs of consecutive member tokens: returns count, fills lo/hi */
static size_t token_runs(const struct fc_fw_ifset *f, const char *const *tok, size_t ntok, uint32_t *lo,
			 uint32_t *hi, size_t max)
{
	size_t k = 0;
	bool open = false;
	for (size_t i = 0; i < ntok; i++) {
		bool has = ifset_has(f, tok[i]);
		if (has && !open) {
			if (k == max)
				return k;
			lo[k] = (uint32_t)i;
			open = true;
		}
		if (!has && open) {
			hi[k++] = (uint32_t)i - 1;
			open = false;
		}
	}
	if (open)
		hi[k++] = (uint32_t)ntok - 1;
	return k;
}

static size_t state_runs(unsigned st, uint32_t *lo, uint32_t *hi)
{
	if (!st)
		st = FC_FW_ST_ALL;
	size_t k = 0;
	bool open = false;
	for (uint32_t i = 0; i < 5; i++) {
		bool has = st & (1u << i);
		if (has && !open) {
			lo[k] = i;
			open = true;
		}
		if (!has && open) {
			hi[k++] = i - 1;
			open = false;
		}
	}
	if (open)
		hi[k++] = 4;
	return k;
}

#define MAX_RUNS 64

/* The boxes of one rule; false on allocation failure.  *over: the list's
 * box cap was reached (the rule is then left out). */
static bool rule_boxes(struct an *z, const struct fc_fw_rule *r, uint32_t rank, bool *over, struct boxvec *out)
{
	uint32_t ilo[MAX_RUNS], ihi[MAX_RUNS], olo[MAX_RUNS], ohi[MAX_RUNS], slo[5], shi[5];
	size_t ni = token_runs(&r->in, z->tok_in.v, z->tok_in.n, ilo, ihi, MAX_RUNS);
	size_t no = token_runs(&r->out, z->tok_out.v, z->tok_out.n, olo, ohi, MAX_RUNS);
	size_t ns = state_runs(r->states, slo, shi);
	double total = (double)ni * no * ns * (double)r->src.n * (double)r->dst.n * (double)r->svc.n;
	*over = false;
	if (total + (double)out->n > (double)z->max_boxes) {
		*over = true;
		return true;
	}
	for (size_t a = 0; a < ni; a++)
		for (size_t b = 0; b < no; b++)
			for (size_t s = 0; s < ns; s++)
				for (size_t x = 0; x < r->src.n; x++) {
					uint32_t sl, sh;
					axis_range(&z->src, &r->src.r[x], &sl, &sh);
					for (size_t y = 0; y < r->dst.n; y++) {
						uint32_t dl, dh;
						axis_range(&z->dst, &r->dst.r[y], &dl, &dh);
						for (size_t v = 0; v < r->svc.n; v++) {
							struct box *bx = fc_vec_push(out);
							if (!bx)
								return false;
							const struct fc_fw_svc *sv = &r->svc.v[v];
							bx->lo[D_IN] = ilo[a], bx->hi[D_IN] = ihi[a];
							bx->lo[D_OUT] = olo[b], bx->hi[D_OUT] = ohi[b];
							bx->lo[D_ST] = slo[s], bx->hi[D_ST] = shi[s];
							bx->lo[D_SRC] = sl, bx->hi[D_SRC] = sh;
							bx->lo[D_DST] = dl, bx->hi[D_DST] = dh;
							bx->lo[D_PROTO] = sv->proto_lo, bx->hi[D_PROTO] = sv->proto_hi;
							bx->lo[D_SP] = sv->sp_lo, bx->hi[D_SP] = sv->sp_hi;
							bx->lo[D_DP] = sv->dp_lo, bx->hi[D_DP] = sv->dp_hi;
							bx->rule = rank;
						}
					}
				}
	return true;
}

/* ---- geometry ---- */

static inline bool box_meet(const uint32_t *alo, const uint32_t *ahi, const uint32_t *blo, const uint32_t *bhi)
{
	for (int d = 0; d < DIMS; d++)
		if (alo[d] > bhi[d] || blo[d] > ahi[d])
			return false;
	return true;
}

/* f minus c into out (f and c intersect); false on allocation failure */
static bool box_subtract(const struct box *f, const struct box *c, struct boxvec *out)
{
	struct box cur = *f;
	for (int d = 0; d < DIMS; d++) {
		if (cur.lo[d] < c->lo[d]) {
			struct box *p = fc_vec_push(out);
			if (!p)
				return false;
			*p = cur;
			p->hi[d] = c->lo[d] - 1;
			cur.lo[d] = c->lo[d];
		}
		if (cur.hi[d] > c->hi[d]) {
			struct box *p = fc_vec_push(out);
			if (!p)
				return false;
			*p = cur;
			p->lo[d] = c->hi[d] + 1;
			cur.hi[d] = c->hi[d];
		}
	}
	return true;
}

/* ---- bounding-volume hierarchy over the coverer boxes ---- */

static inline uint64_t center(const struct box *b, int ax)
{
	return (uint64_t)b->lo[ax] + b->hi[ax];
}

static inline void box_swap(struct box *a, struct box *b)
{
	struct box t = *a;
	*a = *b;
	*b = t;
}

/* order on axis ax: center, then rule (so equal boxes of different rules
 * still split evenly) */
static inline bool box_lt(const struct box *a, const struct box *b, int ax)
{
	uint64_t ca = center(a, ax), cb = center(b, ax);
	return ca < cb || (ca == cb && a->rule < b->rule);
}

/* Quickselect: put the k-th box on axis ax at index k, smaller ones before
 * it, larger after (linear on average). */
static void select_kth(struct box *v, uint32_t n, uint32_t k, int ax)
{
	uint32_t lo = 0, hi = n - 1;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		/* median of three as pivot, moved to hi */
		if (box_lt(&v[mid], &v[lo], ax))
			box_swap(&v[mid], &v[lo]);
		if (box_lt(&v[hi], &v[lo], ax))
			box_swap(&v[hi], &v[lo]);
		if (box_lt(&v[mid], &v[hi], ax))
			box_swap(&v[mid], &v[hi]);
		struct box piv = v[hi];
		uint32_t st = lo;
		for (uint32_t i = lo; i < hi; i++)
			if (box_lt(&v[i], &piv, ax))
				box_swap(&v[i], &v[st++]);
		box_swap(&v[st], &v[hi]);
		if (st == k)
			return;
		if (st < k)
			lo = st + 1;
		else
			hi = st - 1;
	}
}

static uint32_t bvh_build(struct an *z, uint32_t first, uint32_t count)
{
	struct node *nd = fc_vec_push(&z->nodes);
	if (!nd) {
		z->oom = true;
		return 0;
	}
	uint32_t me = (uint32_t)(z->nodes.n - 1);
	struct box *bx = z->cov.v + first;
	uint32_t lo[DIMS], hi[DIMS], minr = UINT32_MAX;
	uint64_t cmin[DIMS], cmax[DIMS];
	for (int d = 0; d < DIMS; d++) {
		lo[d] = UINT32_MAX;
		hi[d] = 0;
		cmin[d] = UINT64_MAX;
		cmax[d] = 0;
	}
	for (uint32_t i = 0; i < count; i++) {
		for (int d = 0; d < DIMS; d++) {
			if (bx[i].lo[d] < lo[d])
				lo[d] = bx[i].lo[d];
			if (bx[i].hi[d] > hi[d])
				hi[d] = bx[i].hi[d];
			uint64_t c = (uint64_t)bx[i].lo[d] + bx[i].hi[d];
			if (c < cmin[d])
				cmin[d] = c;
			if (c > cmax[d])
				cmax[d] = c;
		}
		if (bx[i].rule < minr)
			minr = bx[i].rule;
	}
	nd = &z->nodes.v[me];
	memcpy(nd->lo, lo, sizeof lo);
	memcpy(nd->hi, hi, sizeof hi);
	nd->minrule = minr;
	if (count <= LEAF_SIZE) {
		/* leaf boxes in rule order */
		for (uint32_t i = 1; i < count; i++)
			for (uint32_t j = i; j > 0 && bx[j - 1].rule > bx[j].rule; j--) {
				struct box t = bx[j];
				bx[j] = bx[j - 1];
				bx[j - 1] = t;
			}
		nd->first = first;
		nd->count = count;
		return me;
	}
	/* split on the axis where the centers spread most, relative to the axis */
	int best = 0;
	double bs = -1;
	for (int d = 0; d < DIMS; d++) {
		double s = (double)(cmax[d] - cmin[d]) / (2.0 * ((double)z->umax[d] + 1.0));
		if (s > bs) {
			bs = s;
			best = d;
		}
	}
	uint32_t half = count / 2;
	select_kth(bx, count, half, best);
	uint32_t l = bvh_build(z, first, half);
	uint32_t r = bvh_build(z, first + half, count - half);
	nd = &z->nodes.v[me];
	nd->left = l;
	nd->right = r;
	nd->count = 0;
	return me;
}

static bool heap_push(struct an *z, uint32_t key, uint32_t ref)
{
	struct heapent *e = fc_vec_push(&z->heap);
	if (!e)
		return false;
	size_t i = z->heap.n - 1;
	while (i) {
		size_t p = (i - 1) / 2;
		struct heapent *hp = &z->heap.v[p];
		if (hp->key < key || (hp->key == key && hp->ref <= ref))
			break;
		z->heap.v[i] = *hp;
		i = p;
	}
	z->heap.v[i].key = key;
	z->heap.v[i].ref = ref;
	return true;
}

static struct heapent heap_pop(struct an *z)
{
	struct heapent top = z->heap.v[0];
	struct heapent last = z->heap.v[--z->heap.n];
	size_t i = 0, n = z->heap.n;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		struct heapent *best = &last;
		if (l < n && (z->heap.v[l].key < best->key ||
			      (z->heap.v[l].key == best->key && z->heap.v[l].ref < best->ref))) {
			m = l;
			best = &z->heap.v[l];
		}
		if (r < n && (z->heap.v[r].key < best->key ||
			      (z->heap.v[r].key == best->key && z->heap.v[r].ref < best->ref))) {
			m = r;
			best = &z->heap.v[r];
		}
		if (m == i)
			break;
		z->heap.v[i] = *best;
		i = m;
	}
	if (n)
		z->heap.v[i] = last;
	return top;
}

/* ---- one rule ---- */

static bool analyze_rule(struct an *z, uint32_t rank)
{
	struct fc_fw_rule *B = &z->dev->rules.v[z->rules.v[rank]];
	uint32_t b0 = z->bstart.v[rank], b1 = z->bstart.v[rank + 1];
	if (b0 == b1)
		return true;
	z->frag.n = 0;
	uint32_t qlo[DIMS], qhi[DIMS];
	for (int d = 0; d < DIMS; d++) {
		qlo[d] = UINT32_MAX;
		qhi[d] = 0;
	}
	for (uint32_t i = b0; i < b1; i++) {
		struct box *f = fc_vec_push(&z->frag);
		if (!f)
			return false;
		*f = z->boxes.v[i];
		for (int d = 0; d < DIMS; d++) {
			if (f->lo[d] < qlo[d])
				qlo[d] = f->lo[d];
			if (f->hi[d] > qhi[d])
				qhi[d] = f->hi[d];
		}
	}
	if (!z->nodes.n)
		return true;
	long by[BY_MAX];
	size_t nby = 0;
	bool conflict = false, covered = false, incomplete = false;
	uint32_t last_rule = UINT32_MAX;
	z->heap.n = 0;
	struct node *root = &z->nodes.v[0];
	if (root->minrule < rank && box_meet(root->lo, root->hi, qlo, qhi))
		if (!heap_push(z, root->minrule, 0))
			return false;
	while (z->heap.n) {
		struct heapent e = heap_pop(z);
		if (e.key >= rank)
			break;
		z->st->visits++;
		if (!(e.ref & 0x80000000u)) {
			const struct node *nd = &z->nodes.v[e.ref];
			if (nd->count) {
				for (uint32_t i = 0; i < nd->count; i++) {
					const struct box *c = &z->cov.v[nd->first + i];
					if (c->rule < rank && box_meet(c->lo, c->hi, qlo, qhi))
						if (!heap_push(z, c->rule, 0x80000000u | (nd->first + i)))
							return false;
				}
			} else {
				const uint32_t kids[2] = {nd->left, nd->right};
				for (int k = 0; k < 2; k++) {
					const struct node *ch = &z->nodes.v[kids[k]];
					if (ch->minrule < rank && box_meet(ch->lo, ch->hi, qlo, qhi))
						if (!heap_push(z, ch->minrule, kids[k]))
							return false;
				}
			}
			continue;
		}
		const struct box *c = &z->cov.v[e.ref & 0x7fffffffu];
		/* subtract c from every fragment it meets */
		bool touched = false;
		z->frag2.n = 0;
		for (size_t i = 0; i < z->frag.n; i++) {
			const struct box *f = &z->frag.v[i];
			if (!box_meet(f->lo, f->hi, c->lo, c->hi)) {
				struct box *p = fc_vec_push(&z->frag2);
				if (!p)
					return false;
				*p = *f;
				continue;
			}
			touched = true;
			z->st->subtractions++;
			if (!box_subtract(f, c, &z->frag2))
				return false;
		}
		if (!touched)
			continue;
		/* swap fragment buffers */
		struct box *tv = z->frag.v;
		size_t tc = z->frag.cap;
		z->frag.v = z->frag2.v;
		z->frag.n = z->frag2.n;
		z->frag.cap = z->frag2.cap;
		z->frag2.v = tv;
		z->frag2.cap = tc;
		z->frag2.n = 0;
		const struct fc_fw_rule *C = &z->dev->rules.v[z->rules.v[c->rule]];
		if (c->rule != last_rule) {
			last_rule = c->rule;
			if (nby < BY_MAX)
				by[nby++] = C->seq;
			if (C->action != B->action)
				conflict = true;
		}
		if (!z->frag.n) {
			covered = true;
			break;
		}
		if (z->frag.n > z->max_frag) {
			incomplete = true;
			break;
		}
	}
	if (incomplete) {
		B->incomplete = true;
		z->st->incomplete++;
		return true;
	}
	if (!covered)
		return true;
	/* one earlier rule that covers B alone says it best */
	for (size_t i = 0; i < nby && nby > 1; i++) {
		const struct fc_fw_rule *C = &z->dev->rules.v[by[i] - 1];
		/* …unless an earlier taker with the other action would be hidden */
		if (fc_fw_rule_covers(C, B) && (!conflict || C->action != B->action)) {
			by[0] = by[i];
			nby = 1;
		}
	}
	B->shadow = conflict ? FC_FW_SH_SHADOWED : FC_FW_SH_REDUNDANT;
	if (conflict)
		z->st->shadowed++;
	else
		z->st->redundant++;
	B->by = fc_arena_alloc(z->a, nby * sizeof(*B->by));
	if (!B->by)
		return false;
	memcpy(B->by, by, nby * sizeof(*by));
	B->nby = nby;
	return true;
}

/* iptables logging: a permit is logged when an earlier LOG/NFLOG rule of
 * its list matches everything it matches (the "-j LOG then -j ACCEPT" pair,
 * a LOGACCEPT user chain).  Earlier LOG rules meeting the rule are visited
 * in order through a BVH over the LOG rules' boxes, as for shadowing. */
static bool log_pass(struct an *z)
{
	z->cov.n = z->nodes.n = 0;
	for (size_t k = 0; k < z->lrules.n; k++) {
		bool over;
		if (!rule_boxes(z, &z->dev->rules.v[z->lrules.v[k]], (uint32_t)z->lrules.v[k], &over, &z->cov))
			return false;
	}
	if (!z->cov.n)
		return true;
	bvh_build(z, 0, (uint32_t)z->cov.n);
	if (z->oom)
		return false;
	for (size_t k = 0; k < z->rules.n; k++) {
		struct fc_fw_rule *B = &z->dev->rules.v[z->rules.v[k]];
		uint32_t limit = (uint32_t)z->rules.v[k];
		uint32_t b0 = z->bstart.v[k], b1 = z->bstart.v[k + 1];
		if (B->log == 1 || b0 == b1)
			continue;
		uint32_t qlo[DIMS], qhi[DIMS];
		for (int d = 0; d < DIMS; d++) {
			qlo[d] = UINT32_MAX;
			qhi[d] = 0;
		}
		for (uint32_t i = b0; i < b1; i++)
			for (int d = 0; d < DIMS; d++) {
				if (z->boxes.v[i].lo[d] < qlo[d])
					qlo[d] = z->boxes.v[i].lo[d];
				if (z->boxes.v[i].hi[d] > qhi[d])
					qhi[d] = z->boxes.v[i].hi[d];
			}
		z->heap.n = 0;
		const struct node *root = &z->nodes.v[0];
		if (root->minrule < limit && box_meet(root->lo, root->hi, qlo, qhi) && !heap_push(z, root->minrule, 0))
			return false;
		uint32_t last = UINT32_MAX;
		while (z->heap.n) {
			struct heapent e = heap_pop(z);
			if (e.key >= limit)
				break;
			if (e.ref & 0x80000000u) {
				const struct box *c = &z->cov.v[e.ref & 0x7fffffffu];
				if (c->rule == last)
					continue;
				last = c->rule;
				if (fc_fw_rule_covers(&z->dev->rules.v[c->rule], B)) {
					B->log = 1;
					break;
				}
				continue;
			}
			const struct node *nd = &z->nodes.v[e.ref];
			if (nd->count) {
				for (uint32_t i = 0; i < nd->count; i++) {
					const struct box *c = &z->cov.v[nd->first + i];
					if (c->rule < limit && box_meet(c->lo, c->hi, qlo, qhi) &&
					    !heap_push(z, c->rule, 0x80000000u | (nd->first + i)))
						return false;
				}
			} else {
				const uint32_t kids[2] = {nd->left, nd->right};
				for (int q = 0; q < 2; q++) {
					const struct node *ch = &z->nodes.v[kids[q]];
					if (ch->minrule < limit && box_meet(ch->lo, ch->hi, qlo, qhi) &&
					    !heap_push(z, ch->minrule, kids[q]))
						return false;
				}
			}
		}
	}
	z->cov.n = z->nodes.n = 0;
	return true;
}

static bool analyze_list(struct an *z, size_t li)
{
	struct fc_fw_device *dev = z->dev;
	z->rules.n = z->lrules.n = z->bstart.n = z->boxes.n = z->cov.n = z->nodes.n = 0;
	for (size_t i = 0; i < dev->rules.n; i++) {
		struct fc_fw_rule *r = &dev->rules.v[i];
		if (r->list != li)
			continue;
		r->shadow = FC_FW_SH_NONE;
		r->by = NULL;
		r->nby = 0;
		r->incomplete = false;
		if (dev->format == FC_FW_IPTABLES && r->action == FC_FW_LOG && r->enabled && !r->own_partial &&
		    !r->unresolved) {
			size_t *s = fc_vec_push(&z->lrules);
			if (!s)
				return false;
			*s = i;
			continue;
		}
		if (!fc_fw_rule_decides(r))
			continue;
		size_t *s = fc_vec_push(&z->rules);
		if (!s)
			return false;
		*s = i;
	}
	z->st->lists++;
	z->st->analyzed += z->rules.n;
	if (!z->rules.n || (z->rules.n < 2 && !z->lrules.n))
		return true;
	if (!axis_build(&z->src, z, false) || !axis_build(&z->dst, z, true) || !tokens_build(z, false) ||
	    !tokens_build(z, true))
		return false;
	z->umax[D_IN] = (uint32_t)z->tok_in.n - 1;
	z->umax[D_OUT] = (uint32_t)z->tok_out.n - 1;
	z->umax[D_ST] = 4;
	z->umax[D_SRC] = z->src.n ? (uint32_t)z->src.n - 1 : 0;
	z->umax[D_DST] = z->dst.n ? (uint32_t)z->dst.n - 1 : 0;
	z->umax[D_PROTO] = 255;
	z->umax[D_SP] = z->umax[D_DP] = 65535;
	bool warned = false;
	for (size_t k = 0; k < z->rules.n; k++) {
		uint32_t *bs = fc_vec_push(&z->bstart);
		if (!bs)
			return false;
		*bs = (uint32_t)z->boxes.n;
		struct fc_fw_rule *r = &dev->rules.v[z->rules.v[k]];
		bool over;
		if (!rule_boxes(z, r, (uint32_t)k, &over, &z->boxes))
			return false;
		if (over) {
			r->incomplete = true;
			z->st->incomplete++;
			if (!warned) {
				fc_diag_warn(z->d, r->ref.file, r->ref.line, 0,
					     "rule expands to too many address/service combinations for shadow analysis (cap %zu boxes per list); it and later such rules are not analyzed",
					     z->max_boxes);
				warned = true;
			}
		}
	}
	uint32_t *bs = fc_vec_push(&z->bstart);
	if (!bs)
		return false;
	*bs = (uint32_t)z->boxes.n;
	z->st->boxes += z->boxes.n;
	if (z->lrules.n && !log_pass(z))
		return false;
	/* coverers: full-modeled rules */
	for (size_t k = 0; k < z->rules.n; k++) {
		const struct fc_fw_rule *r = &dev->rules.v[z->rules.v[k]];
		if (r->partial || r->incomplete)
			continue;
		for (uint32_t i = z->bstart.v[k]; i < z->bstart.v[k + 1]; i++) {
			struct box *c = fc_vec_push(&z->cov);
			if (!c)
				return false;
			*c = z->boxes.v[i];
		}
	}
	if (z->cov.n) {
		bvh_build(z, 0, (uint32_t)z->cov.n);
		if (z->oom)
			return false;
	}
	for (size_t k = 1; k < z->rules.n; k++) {
		struct fc_fw_rule *r = &dev->rules.v[z->rules.v[k]];
		if (r->incomplete)
			continue;
		if (!analyze_rule(z, (uint32_t)k))
			return false;
	}
	return true;
}

enum fc_status fc_fw_analyze(struct fc_fw_facts *fw, const struct fc_fw_analyze_opts *o,
			     struct fc_diag *d, struct fc_fw_analyze_stats *stats)
{
	struct fc_fw_analyze_stats dummy;
	struct an z;
	memset(&z, 0, sizeof z);
	memset(&dummy, 0, sizeof dummy);
	z.st = stats ? stats : &dummy;
	memset(z.st, 0, sizeof(*z.st));
	z.d = d;
	z.a = fw->arena;
	z.max_frag = o && o->max_fragments ? o->max_fragments : 4096;
	z.max_boxes = o && o->max_boxes ? o->max_boxes : (size_t)16 * 1024 * 1024;
	enum fc_status st = FC_OK;
	for (size_t i = 0; i < fw->devices.n && !st; i++) {
		z.dev = fw->devices.v[i];
		z.st->rules += z.dev->rules.n;
		for (size_t li = 0; li < z.dev->lists.n; li++)
			if (!analyze_list(&z, li)) {
				st = FC_ENOMEM;
				break;
			}
	}
	fc_vec_release(&z.rules);
	fc_vec_release(&z.lrules);
	fc_vec_release(&z.bstart);
	fc_vec_release(&z.boxes);
	fc_vec_release(&z.cov);
	fc_vec_release(&z.nodes);
	fc_vec_release(&z.heap);
	fc_vec_release(&z.frag);
	fc_vec_release(&z.frag2);
	fc_vec_release(&z.tok_in);
	fc_vec_release(&z.tok_out);
	fc_free(z.src.b);
	fc_free(z.dst.b);
	if (!st)
		fw->analyzed = true;
	return st;
}
