/* The assessment program (src/engine/plan.c): the 10%-or-100 sampling
 * rule, strata, the reproducible splitmix64 draw, past-sample evaluation,
 * cycles, the partial-then-full rule and reassessment after incidents. */
#include <stdlib.h>
#include "../../src/core/mem.h"
#include "../../src/engine/bundle.h"
#include "../../src/engine/plan.h"
#include "t.h"

static int32_t D(int y, int m, int d)
{
	return fc_days_from_civil(y, m, d);
}

TEST(sample_rule_smaller_requirement_binds)
{
	enum fc_sample_rule r;
	CHECK_INT(fc_sample_required(0, 0.1, 100, &r), 0);
	CHECK_INT(fc_sample_required(1, 0.1, 100, &r), 1);
	CHECK_INT(r, FC_RULE_ALL);
	CHECK_INT(fc_sample_required(5, 0.1, 100, &r), 1); /* ceil(0.5) */
	CHECK_INT(r, FC_RULE_FRACTION);
	CHECK_INT(fc_sample_required(250, 0.1, 100, &r), 25); /* spec/output.md example */
	CHECK_INT(r, FC_RULE_FRACTION);
	CHECK_INT(fc_sample_required(251, 0.1, 100, &r), 26); /* 25.1 rounds up */
	CHECK_INT(fc_sample_required(1000, 0.1, 100, &r), 100); /* both rules agree */
	CHECK_INT(r, FC_RULE_FRACTION);
	CHECK_INT(fc_sample_required(1001, 0.1, 100, &r), 100); /* 101 > 100: 100 units satisfy */
	CHECK_INT(r, FC_RULE_UNITS);
	CHECK_INT(fc_sample_required(1156, 0.1, 100, &r), 100);
	CHECK_INT(r, FC_RULE_UNITS);
	CHECK_INT(fc_sample_required(50000, 0.1, 100, &r), 100);
	CHECK_INT(fc_sample_required(40, 1.0, 100, &r), 40);
	CHECK_INT(r, FC_RULE_ALL);
	CHECK_INT(fc_sample_required(300, 0.1, 20, &r), 20); /* a stricter-looking parameter */
	CHECK_INT(r, FC_RULE_UNITS);
	CHECK_STR(fc_sample_rule_name(FC_RULE_FRACTION), "10%");
	CHECK_STR(fc_sample_rule_name(FC_RULE_UNITS), "100 units");
}

TEST(splitmix64_reference_vector)
{
	/* splitmix64 from state 0 (Vigna's reference implementation) */
	struct fc_prng r;
	fc_prng_seed(&r, 0);
	CHECK(fc_prng_next(&r) == 0xe220a8397b1dcdafULL);
	CHECK(fc_prng_next(&r) == 0x6e789e6aa1b965f4ULL);
	CHECK(fc_prng_next(&r) == 0x06c45d188009454fULL);
}

TEST(prng_below_is_bounded_and_roughly_uniform)
{
	struct fc_prng r;
	fc_prng_seed(&r, 42);
	int hist[7] = {0};
	for (int i = 0; i < 70000; i++) {
		uint64_t v = fc_prng_below(&r, 7);
		CHECK(v < 7);
		if (v < 7)
			hist[v]++;
	}
	for (int i = 0; i < 7; i++)
		CHECK(hist[i] > 9500 && hist[i] < 10500);
	CHECK(fc_prng_below(&r, 1) == 0);
}

/* A bundle built in memory: an ATM fleet with two OS/patch strata and
 * servers with two application versions, a kiosk fleet, systems. */
static struct fc_bundle *fleet_bundle(int32_t asof)
{
	struct fc_bundle *b = fc_calloc(1, sizeof *b);
	fc_arena_init(&b->arena);
	b->as_of = asof;
	struct fc_system *s = fc_vec_push(&b->systems);
	s->id = "ATM";
	s->category = 1;
	s->last_assessed = D(2026, 5, 1);
	s->last_full_assessment = D(2026, 5, 1);
	s->last_major_incident = FC_NO_DATE;
	s->ref = (struct fc_ref){"inventory/systems.csv", 2, NULL};
	s = fc_vec_push(&b->systems);
	s->id = "HR";
	s->category = 3;
	s->last_assessed = D(2020, 1, 10);
	s->last_full_assessment = D(2020, 1, 10);
	s->last_major_incident = FC_NO_DATE;
	s->ref = (struct fc_ref){"inventory/systems.csv", 3, NULL};
	s = fc_vec_push(&b->systems);
	s->id = "CRM";
	s->category = 2;
	s->last_assessed = D(2025, 3, 1);
	s->last_full_assessment = FC_NO_DATE; /* the first, selective round */
	s->last_major_incident = FC_NO_DATE;
	s->ref = (struct fc_ref){"inventory/systems.csv", 4, NULL};
	s = fc_vec_push(&b->systems);
	s->id = "SWIFT";
	s->category = 1;
	s->last_assessed = D(2026, 1, 12);
	s->last_full_assessment = D(2026, 1, 12);
	s->last_major_incident = D(2026, 6, 8);
	s->ref = (struct fc_ref){"inventory/systems.csv", 5, NULL};
	char *ids = fc_arena_alloc(&b->arena, 2000 * 16);
	for (int i = 0; i < 1200; i++) {
		struct fc_device *d = fc_vec_push(&b->devices);
		snprintf(ids + i * 16, 16, "ATM-%04d", 1200 - i); /* file order reversed */
		d->device_id = ids + i * 16;
		d->system_id = "ATM";
		d->type = "atm";
		d->os = i < 1000 ? "Win10" : "Win7";
		d->patch_level = i < 1000 ? "2026-07" : "2024-12";
		d->last_assessed = i < 90 ? D(2026, 4, 1) : i == 95 ? D(2024, 1, 1) : FC_NO_DATE;
		d->ref = (struct fc_ref){"inventory/devices.csv", i + 2, NULL};
	}
	for (int i = 0; i < 6; i++) {
		struct fc_device *d = fc_vec_push(&b->devices);
		snprintf(ids + (1200 + i) * 16, 16, "SRV-%d", i);
		d->device_id = ids + (1200 + i) * 16;
		d->system_id = "ATM";
		d->type = "atm_server";
		d->os = "WS2019";
		d->patch_level = "2026-08";
		d->app_version = i < 4 ? "4.2.1" : "4.1.0";
		d->last_assessed = i < 2 ? D(2026, 5, 6) : FC_NO_DATE;
		d->ref = (struct fc_ref){"inventory/devices.csv", 1202 + i, NULL};
	}
	for (int i = 0; i < 30; i++) {
		struct fc_device *d = fc_vec_push(&b->devices);
		snprintf(ids + (1300 + i) * 16, 16, "K%03d", i);
		d->device_id = ids + (1300 + i) * 16;
		d->system_id = "KIOSK"; /* not in systems.csv: yearly assumed */
		d->type = "kiosk";
		d->os = "Win11";
		d->patch_level = "2026-09";
		d->last_assessed = i < 3 ? D(2026, 2, 1) : FC_NO_DATE;
		d->ref = (struct fc_ref){"inventory/devices.csv", 1300 + i, NULL};
	}
	return b;
}

static const struct fc_plan_fleet *fleet(const struct fc_plan *p, const char *id)
{
	for (size_t i = 0; i < p->nfleets; i++)
		if (!strcmp(p->fleets[i].system_id, id))
			return &p->fleets[i];
	return NULL;
}

static const struct fc_plan_system *psys(const struct fc_plan *p, const char *id)
{
	for (size_t i = 0; i < p->nsystems; i++)
		if (!strcmp(p->systems[i].sys->id, id))
			return &p->systems[i];
	return NULL;
}

TEST(fleet_strata_and_past_sample)
{
	struct fc_bundle *b = fleet_bundle(D(2026, 9, 30));
	struct fc_plan_params pp;
	fc_plan_params_default(&pp);
	struct fc_plan_opts o = {.seed = 7, .has_seed = true};
	struct fc_plan *p = NULL;
	CHECK(fc_plan_build(b, &pp, &o, &p) == FC_OK);
	const struct fc_plan_fleet *f = p ? fleet(p, "ATM") : NULL;
	CHECK(f != NULL);
	if (f) {
		CHECK_INT(f->population, 1206);
		CHECK_INT(f->required, 100);
		CHECK_INT(f->rule, FC_RULE_UNITS);
		CHECK_INT(f->assessed, 92); /* 90 ATMs + 2 servers; the 2024 one is outside the cycle */
		CHECK(!f->sufficient);
		/* strata: atm|Win10, atm|Win7, atm_server|WS2019 (os_patch), 4.1.0, 4.2.1 (app) */
		CHECK_INT(f->nstrata, 5);
		size_t short_win7 = 0, short_410 = 0;
		for (size_t i = 0; i < f->nstrata; i++) {
			if (strstr(f->strata[i].key, "Win7")) {
				CHECK_INT(f->strata[i].population, 200);
				short_win7 = !f->strata[i].assessed;
			}
			if (strstr(f->strata[i].key, "4.1.0")) {
				CHECK_STR(f->strata[i].kind, "app_version");
				short_410 = !f->strata[i].assessed;
			}
		}
		CHECK(short_win7 && short_410);
		CHECK_INT(f->strata_short, 2);
		/* the draw: the required size, covering every stratum */
		CHECK_INT(f->ndraw, 100);
		bool win7 = false, v410 = false, v421 = false;
		for (size_t i = 0; i < f->ndraw; i++) {
			win7 |= !strcmp(f->draw[i]->os, "Win7");
			v410 |= f->draw[i]->app_version && !strcmp(f->draw[i]->app_version, "4.1.0");
			v421 |= f->draw[i]->app_version && !strcmp(f->draw[i]->app_version, "4.2.1");
			if (i)
				CHECK(strcmp(f->draw[i - 1]->device_id, f->draw[i]->device_id) < 0); /* sorted, distinct */
		}
		CHECK(win7 && v410 && v421);
	}
	const struct fc_plan_fleet *k = p ? fleet(p, "KIOSK") : NULL;
	CHECK(k != NULL);
	if (k) {
		CHECK(k->cycle_assumed);
		CHECK_INT(k->required, 3);
		CHECK_INT(k->assessed, 3);
		CHECK(k->sufficient);
	}
	fc_plan_free(p);
	fc_bundle_free(b);
}

static void draw_ids(struct fc_bundle *b, uint64_t seed, char *out, size_t n)
{
	struct fc_plan_params pp;
	fc_plan_params_default(&pp);
	struct fc_plan_opts o = {.seed = seed, .has_seed = true};
	struct fc_plan *p = NULL;
	out[0] = '\0';
	if (fc_plan_build(b, &pp, &o, &p))
		return;
	const struct fc_plan_fleet *f = fleet(p, "ATM");
	size_t off = 0;
	for (size_t i = 0; f && i < f->ndraw && off < n; i++)
		off += (size_t)snprintf(out + off, n - off, "%s,", f->draw[i]->device_id);
	fc_plan_free(p);
}

TEST(draw_is_reproducible_and_independent_of_file_order)
{
	static char a[4096], b2[4096], c[4096], r[4096];
	struct fc_bundle *b = fleet_bundle(D(2026, 9, 30));
	draw_ids(b, 7, a, sizeof a);
	draw_ids(b, 7, b2, sizeof b2);
	draw_ids(b, 8, c, sizeof c);
	CHECK(a[0] && !strcmp(a, b2)); /* same seed, same sample */
	CHECK(strcmp(a, c) != 0);     /* another seed, another sample */
	/* the same devices listed in another order: the same sample */
	for (size_t i = 0, j = b->devices.n - 1; i < j; i++, j--) {
		struct fc_device t = b->devices.v[i];
		b->devices.v[i] = b->devices.v[j];
		b->devices.v[j] = t;
	}
	draw_ids(b, 7, r, sizeof r);
	CHECK_STR(r, a);
	fc_bundle_free(b);
}

TEST(systems_cycles_partial_and_incident)
{
	struct fc_bundle *b = fleet_bundle(D(2026, 9, 30));
	struct fc_plan_params pp;
	fc_plan_params_default(&pp);
	struct fc_plan_opts o = {.zh = false};
	struct fc_plan *p = NULL;
	CHECK(fc_plan_build(b, &pp, &o, &p) == FC_OK);
	if (!p) {
		fc_bundle_free(b);
		return;
	}
	CHECK_INT(p->seed, 20260930); /* default seed: the as-of date */
	const struct fc_plan_system *s = psys(p, "ATM");
	CHECK(s && !s->overdue && s->next_due == D(2027, 5, 1));
	s = psys(p, "HR"); /* category 3: five years */
	CHECK(s && s->overdue && s->cycle_days == 1825 && s->next_due == D(2020, 1, 10) + 1825);
	s = psys(p, "CRM"); /* category 2, selective first round: next must be full */
	CHECK(s && !s->overdue && s->full_required && !s->partial_twice);
	s = psys(p, "SWIFT"); /* incident 2026-06-08: reassess by 2026-09-08 */
	CHECK(s && s->reassess_pending && s->reassess_due == D(2026, 9, 8) && s->next_due == D(2026, 9, 8) && s->overdue);
	fc_plan_free(p);
	fc_bundle_free(b);
}

TEST(empty_bundle_plans_nothing)
{
	struct fc_bundle *b = fc_calloc(1, sizeof *b);
	fc_arena_init(&b->arena);
	b->as_of = D(2026, 1, 1);
	struct fc_plan *p = NULL;
	CHECK(fc_plan_build(b, NULL, NULL, &p) == FC_OK);
	CHECK(p && p->nsystems == 0 && p->nfleets == 0 && !p->plan.present);
	fc_plan_free(p);
	fc_bundle_free(b);
}

TEST(allocation_failures_are_reported_not_crashed)
{
	/* torture: fail each allocation of a plan build in turn */
	struct fc_bundle *b = fleet_bundle(D(2026, 9, 30));
	struct fc_plan_params pp;
	fc_plan_params_default(&pp);
	struct fc_plan_opts o = {.seed = 1, .has_seed = true};
	fc_mem_fail_at(0); /* resets the count */
	struct fc_plan *p = NULL;
	CHECK(fc_plan_build(b, &pp, &o, &p) == FC_OK);
	unsigned long n = fc_mem_count();
	fc_plan_free(p);
	int fails = 0;
	for (unsigned long i = 1; i <= n; i++) {
		fc_mem_fail_at(i);
		p = NULL;
		enum fc_status st = fc_plan_build(b, &pp, &o, &p);
		fc_mem_fail_at(0);
		if (st)
			fails++;
		CHECK(st == FC_OK || st == FC_ENOMEM);
		CHECK(st ? p == NULL : p != NULL);
		fc_plan_free(p);
	}
	CHECK(n > 5 && fails == (int)n); /* every allocation of the build is checked */
	fc_bundle_free(b);
}

int main(void)
{
	RUN(sample_rule_smaller_requirement_binds);
	RUN(splitmix64_reference_vector);
	RUN(prng_below_is_bounded_and_roughly_uniform);
	RUN(fleet_strata_and_past_sample);
	RUN(draw_is_reproducible_and_independent_of_file_order);
	RUN(systems_cycles_partial_and_incident);
	RUN(empty_bundle_plans_nothing);
	RUN(allocation_failures_are_reported_not_crashed);
	return t_done();
}
