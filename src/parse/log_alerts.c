/*
 * Alerts from the log facts (issue 6): the thresholds (parameters) applied
 * to the per-day aggregates.  Shared by `fincheck logscan` and the log
 * checks so that the daily report and the findings always agree.
 *
 * Per day and source IP (seed 002 網路安全管理 14–16; spec/parameters.md
 * credential_stuffing):
 *   password_spraying    ≥ spraying_accounts existing accounts failed, each
 *                        fewer times than the lockout threshold (staying
 *                        under the lock), ≥ 80 % of the accounts tried
 *                        exist, and either fewer accounts than a stuffing
 *                        run or two or more tries per account on average;
 *   credential_stuffing  otherwise ≥ stuffing_accounts distinct accounts
 *                        (failed or probed);
 *   nonexistent_accounts ≥ nonexistent_attempts attempts on accounts that
 *                        do not exist (非客戶帳號嘗試登入);
 *   brute_force          ≥ brute_force_failures failures on one account.
 * Per day and account:
 *   lockout_not_enforced more consecutive failures than lockout_threshold
 *                        with no lock (撞庫強化: 錯誤次數達3次…);
 *   success_after_failures a login that such a run ends (high).
 * Per account: new_source_ip, a login from an IP the account had not used
 * in the baseline window while it had logged in from elsewhere in it (the
 * customer-notification list).  Privileged (root, administrator) logins.
 * Per source: log_gap (days without events, clock going backwards),
 * retention (logscan only; assess reads the log_retention records).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../core/date.h"
#include "../core/mem.h"
#include "../core/vec.h"
#include "logs.h"

static const char *const names[FC_LA__COUNT] = {
	"credential_stuffing", "password_spraying", "brute_force", "nonexistent_accounts",
	"lockout_not_enforced", "success_after_failures", "new_source_ip", "privileged_login",
	"log_gap", "log_gap", "retention", "overflow",
};

const char *fc_log_alert_name(enum fc_log_alert_kind k)
{
	return (unsigned)k < FC_LA__COUNT ? names[k] : "?";
}

const char *fc_log_alert_subkind(enum fc_log_alert_kind k)
{
	if (k == FC_LA_CLOCK)
		return "clock_backwards";
	if (k == FC_LA_GAP)
		return "no_events";
	return NULL;
}

void fc_log_thresholds_default(struct fc_log_thresholds *t)
{
	memset(t, 0, sizeof(*t));
	t->stuffing_accounts = 10;
	t->nonexistent_attempts = 5;
	t->spraying_accounts = 5;
	t->brute_force_failures = 10;
	t->lockout_threshold = 3;
	t->new_ip_baseline_days = 30;
	t->gap_days = 1;
	t->clock_skew_seconds = 300;
}

/* an evidence line waiting for its excerpt */
struct pend {
	size_t alert, ev;
	struct fc_log_ref ref;
};

struct out {
	struct fc_arena *a;
	struct fc_log_alert *v;
	size_t n, cap;
	const struct fc_log_facts *f;
	FC_VEC(struct pend) pend;
	bool nomem;
	unsigned kinds; /* fc_log_thresholds.kinds */
	size_t kind_cap; /* alerts kept per kind, 0 = all */
	size_t nkind[FC_LA__COUNT];
	size_t dropped;
};

static bool want(const struct out *o, enum fc_log_alert_kind k)
{
	return !o->kinds || (o->kinds >> k & 1u);
}

/* May one more alert of kind k be kept?  Beyond the cap it is counted. */
static bool room(struct out *o, enum fc_log_alert_kind k)
{
	if (o->kind_cap && o->nkind[k] >= o->kind_cap) {
		o->dropped++;
		return false;
	}
	o->nkind[k]++;
	return true;
}

static struct fc_log_alert *push(struct out *o, enum fc_log_alert_kind k, int32_t day)
{
	if (o->nomem)
		return NULL;
	if (o->n == o->cap) {
		size_t nc = o->cap ? o->cap * 2 : 64;
		struct fc_log_alert *nv = fc_arena_alloc(o->a, sizeof(*nv) * nc);
		if (!nv) {
			o->nomem = true;
			return NULL;
		}
		if (o->n)
			memcpy(nv, o->v, sizeof(*nv) * o->n);
		o->v = nv;
		o->cap = nc;
	}
	struct fc_log_alert *al = &o->v[o->n++];
	memset(al, 0, sizeof(*al));
	al->kind = k;
	al->day = day;
	al->from_day = al->to_day = FC_NO_DATE;
	return al;
}

static void ev(struct out *o, struct fc_log_alert *al, const struct fc_log_ref *r)
{
	if (!al || !r || !r->line || r->file >= o->f->nfiles || al->nev >= FC_LOG_SAMPLES + 1)
		return;
	for (size_t i = 0; i < al->nev; i++)
		if (al->ev[i].line == (long)r->line && !strcmp(al->ev[i].file, o->f->files[r->file].name))
			return;
	al->ev[al->nev].file = o->f->files[r->file].name;
	al->ev[al->nev].line = r->line;
	al->ev[al->nev].excerpt = r->excerpt;
	if (!r->excerpt) {
		struct pend *p = fc_vec_push(&o->pend);
		if (!p) {
			o->nomem = true;
			return;
		}
		p->alert = (size_t)(al - o->v);
		p->ev = al->nev;
		p->ref = *r;
	}
	al->nev++;
}

static void ip_alerts(struct out *o, const struct fc_log_day *d, const struct fc_log_ipday *e,
		      const struct fc_log_thresholds *t)
{
	struct fc_log_alert *al;
	/* spraying: the attacker knows valid accounts and stays under the
	 * lock; when as many accounts as a stuffing run are tried once each,
	 * it is a replayed leak list (stuffing) unless every account got
	 * several passwords on average */
	bool spray = t->spraying_accounts > 0 && e->existing_accounts >= (uint32_t)t->spraying_accounts &&
		     e->max_per_account < (uint32_t)t->lockout_threshold &&
		     (uint64_t)e->existing_accounts * 5 >= (uint64_t)e->accounts * 4 &&
		     (t->stuffing_accounts <= 0 || e->accounts < (uint32_t)t->stuffing_accounts ||
		      (uint64_t)e->failures >= 2ull * e->accounts);
	if ((spray || (t->stuffing_accounts > 0 && e->accounts >= (uint32_t)t->stuffing_accounts)) &&
	    want(o, spray ? FC_LA_SPRAYING : FC_LA_STUFFING) && room(o, spray ? FC_LA_SPRAYING : FC_LA_STUFFING)) {
		al = push(o, spray ? FC_LA_SPRAYING : FC_LA_STUFFING, d->day);
		if (!al)
			return;
		al->ip = e->ip;
		al->count = spray ? e->existing_accounts : e->accounts;
		al->accounts = e->accounts;
		al->failures = e->failures;
		al->nonexistent = e->nonexistent;
		al->successes = e->successes;
		al->first = e->first;
		al->last = e->last;
		for (unsigned i = 0; i < e->nsamples; i++)
			ev(o, al, &e->samples[i]);
		al->detail = fc_arena_printf(
			o->a, spray ? "%s tried %u existing accounts, at most %u times each (under the lockout threshold), %u failures, %u successes"
				    : "%s tried %u distinct accounts (%u failures, %u on non-existent accounts, %u successes)",
			e->ip, spray ? e->existing_accounts : e->accounts, spray ? e->max_per_account : e->failures,
			spray ? e->failures : e->nonexistent, e->successes);
	}
	if (t->nonexistent_attempts > 0 && e->nonexistent >= (uint32_t)t->nonexistent_attempts &&
	    want(o, FC_LA_NONEXISTENT) && room(o, FC_LA_NONEXISTENT)) {
		al = push(o, FC_LA_NONEXISTENT, d->day);
		if (!al)
			return;
		al->ip = e->ip;
		al->count = e->nonexistent;
		al->accounts = e->accounts - e->existing_accounts;
		al->failures = e->failures;
		al->nonexistent = e->nonexistent;
		al->successes = e->successes;
		al->first = e->first;
		al->last = e->last;
		for (unsigned i = 0; i < e->nnx_samples; i++)
			ev(o, al, &e->nx_samples[i]);
		al->detail = fc_arena_printf(o->a, "%s made %u attempts on %u accounts that do not exist",
					     e->ip, e->nonexistent, e->accounts - e->existing_accounts);
	}
	if (t->brute_force_failures > 0 && e->max_per_account >= (uint32_t)t->brute_force_failures &&
	    want(o, FC_LA_BRUTE_FORCE) && room(o, FC_LA_BRUTE_FORCE)) {
		al = push(o, FC_LA_BRUTE_FORCE, d->day);
		if (!al)
			return;
		al->ip = e->ip;
		al->account = e->max_account;
		al->count = e->max_per_account;
		al->accounts = e->accounts;
		al->failures = e->failures;
		al->successes = e->successes;
		al->first = e->first;
		al->last = e->last;
		ev(o, al, &e->max_ref);
		for (unsigned i = 0; i < e->nsamples; i++)
			ev(o, al, &e->samples[i]);
		al->detail = fc_arena_printf(o->a, "%s failed %u times on %s (%u failures in all)", e->ip,
					     e->max_per_account, e->max_account ? e->max_account : "?", e->failures);
	}
}

static void acct_alerts(struct out *o, const struct fc_log_day *d, const struct fc_log_acctday *e,
			const struct fc_log_thresholds *t)
{
	if (e->nonexistent || t->lockout_threshold <= 0)
		return;
	struct fc_log_alert *al;
	if (e->max_run > (uint32_t)t->lockout_threshold && want(o, FC_LA_LOCKOUT) && room(o, FC_LA_LOCKOUT)) {
		al = push(o, FC_LA_LOCKOUT, d->day);
		if (!al)
			return;
		al->account = e->account;
		al->count = e->max_run;
		al->failures = e->failures;
		al->successes = e->successes;
		al->first = e->first;
		al->last = e->last;
		ev(o, al, &e->run_first);
		ev(o, al, &e->run_last);
		al->detail = fc_arena_printf(o->a,
					     "%s failed %u times in a row with no lock (threshold %d); %u failures from %u IPs that day, %u locks logged",
					     e->account, e->max_run, t->lockout_threshold, e->failures, e->ips, e->locked);
	}
	if (e->run_before_success > (uint32_t)t->lockout_threshold && want(o, FC_LA_SUCCESS_AFTER) && room(o, FC_LA_SUCCESS_AFTER)) {
		al = push(o, FC_LA_SUCCESS_AFTER, d->day);
		if (!al)
			return;
		al->account = e->account;
		al->ip = e->success_ip;
		al->count = e->run_before_success;
		al->failures = e->failures;
		al->successes = e->successes;
		al->first = e->first;
		al->last = e->success_ts;
		ev(o, al, &e->success_ref);
		ev(o, al, &e->run_first);
		al->detail = fc_arena_printf(o->a, "%s logged in%s%s after %u consecutive failures (possible compromise)",
					     e->account, e->success_ip ? " from " : "", e->success_ip ? e->success_ip : "",
					     e->run_before_success);
	}
}

static int popcount_range(const uint64_t bm[2], int from, int to) /* [from, to) */
{
	int c = 0;
	for (int i = from < 0 ? 0 : from; i < to && i < FC_LOG_BASELINE_SPAN; i++)
		c += (int)(bm[i / 64] >> (i % 64) & 1ULL);
	return c;
}

static void newip_alerts(struct out *o, const struct fc_log_thresholds *t)
{
	const struct fc_log_facts *f = o->f;
	int32_t cover = f->oldest ? fc_ts_day(f->oldest) : f->base_day;
	int lo_bit = cover - f->base_day;
	if (lo_bit < 0)
		lo_bit = 0;
	for (size_t i = 0; i < f->npairs;) {
		size_t j = i;
		uint64_t acc[2] = {0, 0};
		while (j < f->npairs && !strcmp(f->pairs[j].account, f->pairs[i].account)) {
			acc[0] |= f->pairs[j].days[0];
			acc[1] |= f->pairs[j].days[1];
			j++;
		}
		for (size_t k = i; k < j; k++) {
			const struct fc_log_pair *p = &f->pairs[k];
			for (int b = 0; b < FC_LOG_BASELINE_SPAN; b++) {
				if (!(p->days[b / 64] >> (b % 64) & 1ULL))
					continue;
				int from = b - t->new_ip_baseline_days;
				if (from < lo_bit)
					from = lo_bit;
				if (popcount_range(p->days, from, b) || !popcount_range(acc, from, b))
					continue;
				if (!room(o, FC_LA_NEW_IP))
					break;
				int32_t day = f->base_day + b;
				struct fc_log_alert *al = push(o, FC_LA_NEW_IP, day);
				if (!al)
					return;
				al->account = p->account;
				al->ip = p->ip;
				al->count = 1;
				al->first = al->last = fc_ts_day(p->ts) == day ? p->ts : 0;
				if (fc_ts_day(p->ts) == day)
					ev(o, al, &p->ref);
				al->detail = fc_arena_printf(o->a,
							     "%s logged in from %s, not used in the previous %d days (notify the customer)",
							     p->account, p->ip, t->new_ip_baseline_days);
				break; /* the first new appearance is the one to notify */
			}
		}
		i = j;
	}
}

static void priv_alerts(struct out *o)
{
	const struct fc_log_facts *f = o->f;
	size_t start = o->n;
	/* one alert per day, account and IP, with the first logins as samples
	 * (logins are in time order, so only this day's alerts are searched) */
	for (size_t i = 0; i < f->npriv; i++) {
		const struct fc_log_login *l = &f->priv[i];
		struct fc_log_alert *al = NULL;
		for (size_t k = o->n; k-- > start;) {
			struct fc_log_alert *x = &o->v[k];
			if (x->day != l->day)
				break;
			if (!strcmp(x->account, l->account) && ((!x->ip && !l->ip) || (x->ip && l->ip && !strcmp(x->ip, l->ip)))) {
				al = x;
				break;
			}
		}
		if (!al) {
			al = push(o, FC_LA_PRIVILEGED, l->day);
			if (!al)
				return;
			al->account = l->account;
			al->ip = l->ip;
			al->source = l->source;
			al->first = l->ts;
		}
		al->count++;
		al->successes++;
		al->last = l->ts;
		if (al->nev < FC_LOG_SAMPLES)
			ev(o, al, &l->ref);
		al->detail = fc_arena_printf(o->a, "%s logged in directly%s%s (%llu times that day)", l->account,
					     l->ip ? " from " : "", l->ip ? l->ip : "", (unsigned long long)al->count);
	}
}

static void source_alerts(struct out *o, const struct fc_log_thresholds *t)
{
	const struct fc_log_facts *f = o->f;
	for (size_t i = 0; i < f->nsources; i++) {
		const struct fc_log_source *s = &f->sources[i];
		for (size_t g = 0; g < s->ngaps; g++) {
			int32_t days = s->gaps[g].to - s->gaps[g].from + 1;
			if (t->gap_days <= 0 || days < t->gap_days)
				continue;
			struct fc_log_alert *al = push(o, FC_LA_GAP, s->gaps[g].from);
			if (!al)
				return;
			al->source = s->name;
			al->count = (uint64_t)days;
			al->from_day = s->gaps[g].from;
			al->to_day = s->gaps[g].to;
			char a[11], b[11];
			fc_date_fmt(s->gaps[g].from, a);
			fc_date_fmt(s->gaps[g].to, b);
			al->detail = fc_arena_printf(o->a, "no %s events from %s to %s (%d day%s) between events on both sides",
						     s->name, a, b, days, days == 1 ? "" : "s");
		}
		if (s->backwards && t->clock_skew_seconds >= 0 && s->max_back > t->clock_skew_seconds) {
			struct fc_log_alert *al = push(o, FC_LA_CLOCK, FC_NO_DATE);
			if (!al)
				return;
			al->source = s->name;
			al->count = s->backwards;
			ev(o, al, &s->back_ref);
			al->detail = fc_arena_printf(o->a, "%s's clock went back by up to %lld s (%llu times) within one file",
						     s->name, (long long)s->max_back, (unsigned long long)s->backwards);
		}
	}
}

static void retention_alert(struct out *o, const char *src, int64_t oldest, int days)
{
	if (days <= 0 || !oldest)
		return;
	int32_t cover = o->f->as_of - fc_ts_day(oldest);
	if (cover >= days)
		return;
	struct fc_log_alert *al = push(o, FC_LA_RETENTION, FC_NO_DATE);
	if (!al)
		return;
	al->source = src;
	al->count = (uint64_t)(cover < 0 ? 0 : cover);
	al->first = oldest;
	al->detail = fc_arena_printf(o->a, "the oldest %s event is %d days old; %d days must be retained", src, cover,
				     days);
}

static int cmp_alert(const void *a, const void *b)
{
	const struct fc_log_alert *x = a, *y = b;
	int32_t dx = x->day == FC_NO_DATE ? INT32_MAX : x->day, dy = y->day == FC_NO_DATE ? INT32_MAX : y->day;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	int c = strcmp(x->ip ? x->ip : "", y->ip ? y->ip : "");
	if (c)
		return c;
	c = strcmp(x->account ? x->account : "", y->account ? y->account : "");
	if (c)
		return c;
	return strcmp(x->source ? x->source : "", y->source ? y->source : "");
}

/* the cited lines, read back from the files in one ordered pass */
static void read_excerpts(struct out *o, struct fc_log_facts *f)
{
	if (!o->pend.n || o->nomem)
		return;
	struct fc_log_ref **refs = fc_calloc(o->pend.n, sizeof(*refs));
	if (!refs) {
		o->nomem = true;
		return;
	}
	for (size_t i = 0; i < o->pend.n; i++)
		refs[i] = &o->pend.v[i].ref;
	if (fc_log_read_excerpts(f, refs, o->pend.n))
		o->nomem = true;
	for (size_t i = 0; i < o->pend.n; i++) {
		struct pend *p = &o->pend.v[i];
		o->v[p->alert].ev[p->ev].excerpt = p->ref.excerpt;
	}
	fc_free(refs);
}

enum fc_status fc_log_alerts(struct fc_log_facts *f, const struct fc_log_thresholds *t,
			     struct fc_arena *a, struct fc_log_alert **out, size_t *n)
{
	return fc_log_alerts_capped(f, t, a, 0, out, n, NULL);
}

enum fc_status fc_log_alerts_capped(struct fc_log_facts *f, const struct fc_log_thresholds *t,
				    struct fc_arena *a, size_t cap, struct fc_log_alert **out, size_t *n,
				    size_t *dropped)
{
	struct out o = {.a = a, .f = f, .kinds = t->kinds, .kind_cap = cap};
	if (dropped)
		*dropped = 0;
	const unsigned ipk = 1u << FC_LA_STUFFING | 1u << FC_LA_SPRAYING | 1u << FC_LA_NONEXISTENT | 1u << FC_LA_BRUTE_FORCE;
	const unsigned ack = 1u << FC_LA_LOCKOUT | 1u << FC_LA_SUCCESS_AFTER;
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < f->ndays; i++) {
		const struct fc_log_day *d = &f->days[i];
		for (size_t k = 0; k < d->nips && (!o.kinds || (o.kinds & ipk)); k++)
			ip_alerts(&o, d, &d->ips[k], t);
		for (size_t k = 0; k < d->naccts && (!o.kinds || (o.kinds & ack)); k++)
			acct_alerts(&o, d, &d->accts[k], t);
		if (d->overflow_events && want(&o, FC_LA_OVERFLOW)) {
			struct fc_log_alert *al = push(&o, FC_LA_OVERFLOW, d->day);
			if (al) {
				al->count = d->overflow_events;
				al->detail = fc_arena_printf(a, "%llu events from %llu keys beyond the per-day table cap were counted but not attributed",
							     (unsigned long long)d->overflow_events,
							     (unsigned long long)d->overflow_keys);
			}
		}
	}
	if (want(&o, FC_LA_NEW_IP))
		newip_alerts(&o, t);
	if (want(&o, FC_LA_PRIVILEGED))
		priv_alerts(&o);
	if (want(&o, FC_LA_GAP) || want(&o, FC_LA_CLOCK))
		source_alerts(&o, t);
	if (want(&o, FC_LA_RETENTION)) {
		retention_alert(&o, "ssh", f->oldest_ssh, t->retention_days_ssh);
		retention_alert(&o, "login", f->oldest_login, t->retention_days_login);
	}
	read_excerpts(&o, f);
	fc_vec_release(&o.pend);
	if (o.nomem)
		return FC_ENOMEM;
	for (size_t i = 0; i < o.n; i++)
		if (!o.v[i].detail)
			return FC_ENOMEM;
	if (o.n > 1)
		fc_qsort(o.v, o.n, sizeof(*o.v), cmp_alert);
	*out = o.v;
	*n = o.n;
	if (dropped)
		*dropped = o.dropped;
	return FC_OK;
}
