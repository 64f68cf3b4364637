/*
 * The assessment program (seed 004 二–三): per system its category, cycle,
 * last and last full assessment, next due date and why; the partial-then-
 * full rule for categories 2–3; reassessment within three months of a major
 * incident; the plan's own three-yearly review; and fleet sampling over
 * inventory/devices.csv (required sample, strata, a reproducible draw and
 * the evaluation of past samples).
 *
 * Ownership: a plan owns its arena; everything it points to is either in
 * that arena or in the bundle, which must outlive the plan.
 *
 * Sampling (seed 004 三、二 "抽測比例每次至少應占該系統全部設備之10%或100台
 * 以上"): either 10% of the fleet or 100 devices satisfies the method, so
 * the requirement is the smaller of ceil(10% × N) and 100 (and never more
 * than N).  Strata: ATMs and kiosk-like terminals need at least one device
 * per (os, patch_level); ATM servers at least one per (os, patch_level) and
 * one per app_version.  The draw uses splitmix64 seeded with --seed (default:
 * the as-of date as YYYYMMDD) over the devices sorted by id, so the same
 * bundle, date and seed always give the same sample.
 */
#ifndef FC_PLAN_H
#define FC_PLAN_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/status.h"
#include "catalog.h"
#include "facts.h"

struct fc_plan_params {
	int cycle_days[4];	/* by category 1..3 ([0] unused); assessment_cycle_days */
	int reassess_days;	/* reassess_after_major_incident_days */
	int plan_review_days;	/* assessment_plan_review_days */
	double sample_fraction;	/* sample_min_fraction */
	int sample_units;	/* sample_min_units */
};

/* The catalog defaults (spec/parameters.md). */
void fc_plan_params_default(struct fc_plan_params *pp);
/* Effective values from a parameter set (unknown names keep the default). */
void fc_plan_params_load(struct fc_plan_params *pp, const struct fc_params *p);

enum fc_sample_rule {
	FC_RULE_ALL,		/* the fleet is smaller than either requirement: all of it */
	FC_RULE_FRACTION,	/* ceil(fraction × N) is the smaller requirement */
	FC_RULE_UNITS,		/* min_units is the smaller requirement */
	FC_RULE_STRATA		/* one per stratum needs more than either */
};
const char *fc_sample_rule_name(enum fc_sample_rule r); /* "all", "10%", "100 units", "strata" */

/* Required sample size of a fleet of n devices (0 for n = 0). */
size_t fc_sample_required(size_t n, double fraction, size_t min_units, enum fc_sample_rule *rule);

/* splitmix64 (Steele, Lea & Flood 2014): a 64-bit state advanced by the
 * golden-ratio increment and mixed; passes BigCrush, trivially seedable. */
struct fc_prng {
	uint64_t s;
};
void fc_prng_seed(struct fc_prng *r, uint64_t seed);
uint64_t fc_prng_next(struct fc_prng *r);
/* Uniform in [0, n) without modulo bias (Lemire's multiply-shift with
 * rejection); n > 0. */
uint64_t fc_prng_below(struct fc_prng *r, uint64_t n);

/* Records of one type sorted by (key, date, file order), the key compared
 * case-insensitively: per-object lookups in O(log n) instead of a scan of
 * every record per object (a hostile bundle may hold a million). */
struct fc_rec_key {
	const char *key;	/* "" when the record lacks the field */
	int32_t date;		/* FC_NO_DATE sorts first */
	size_t pos;		/* file order */
	const struct fc_record *r;
};
struct fc_rec_ix {
	struct fc_rec_key *v;
	size_t n;
};
int fc_rec_key_cmp(const void *a, const void *b);
/* keyfield: a text field; datefield: a date field or NULL. */
enum fc_status fc_rec_ix_build(struct fc_rec_ix *x, const struct fc_bundle *b, const char *type,
			       const char *keyfield, const char *datefield);
/* The entries whose key equals key: returns the first index, *end one past
 * the last (first == *end when none). */
size_t fc_rec_ix_find(const struct fc_rec_ix *x, const char *key, size_t *end);
void fc_rec_ix_release(struct fc_rec_ix *x);

struct fc_plan_stratum {
	const char *kind;	/* "os_patch" or "app_version" */
	const char *key;	/* e.g. "atm | Windows 10 IoT | 2026-09" */
	size_t population, required, assessed;
	const struct fc_device *example;	/* first device of the stratum (by id) */
};

struct fc_plan_fleet {
	const char *system_id;	/* "" when the devices name no system */
	const char *types;	/* device types, ", "-joined */
	const struct fc_system *sys;	/* NULL if not in systems.csv */
	int cycle_days;
	bool cycle_assumed;	/* category unknown: yearly assumed */
	int32_t window_start;	/* devices assessed after this day count */
	size_t population, required, rule_required, assessed;
	enum fc_sample_rule rule;
	struct fc_plan_stratum *strata;
	size_t nstrata, strata_short;	/* strata with no device assessed in the window */
	bool sufficient;
	const struct fc_device **devices;	/* the fleet, sorted by device_id */
	const struct fc_device **draw;	/* the drawn sample, sorted by device_id */
	size_t ndraw;
	const char *explain;	/* which rule applies and why (zh or en) */
};

struct fc_plan_system {
	const struct fc_system *sys;
	int category, cycle_days;	/* 0 / -1 when unknown */
	int32_t last_assessed, last_full, next_due;
	int32_t incident, reassess_due;	/* FC_NO_DATE when no major incident */
	bool never, overdue, full_required, partial_twice, reassess_pending;
	struct fc_ref ev;		/* where the deciding fact is */
	const char **reasons;
	size_t nreasons;
};

struct fc_plan_doc {
	bool present;
	int32_t date, next_review;
	const char *approved_by;
	bool overdue;
	struct fc_ref ref;
};

struct fc_plan {
	struct fc_arena arena;
	int32_t as_of;
	uint64_t seed;
	bool zh;
	struct fc_plan_params pp;
	struct fc_plan_system *systems;
	size_t nsystems;
	struct fc_plan_fleet *fleets;
	size_t nfleets;
	struct fc_plan_doc plan;
	struct fc_rec_ix ix_assess, ix_incident;	/* working indexes */
};

struct fc_plan_opts {
	uint64_t seed;
	bool has_seed;		/* false: the as-of date as YYYYMMDD */
	bool zh;		/* language of reasons */
	bool no_draw;		/* evaluation only (the assess check) */
};


enum fc_status fc_plan_build(const struct fc_bundle *b, const struct fc_plan_params *pp,
			     const struct fc_plan_opts *o, struct fc_plan **out);
void fc_plan_free(struct fc_plan *p);

/* Writers (src/report/out_plan.c): JSON per spec/output.md, a readable
 * text table, CSV (one row per system, fleet and drawn device). */
void fc_plan_json(struct fc_buf *b, const struct fc_plan *p, const struct fc_bundle *bd);
void fc_plan_text(struct fc_buf *b, const struct fc_plan *p, const struct fc_bundle *bd);
void fc_plan_csv(struct fc_buf *b, const struct fc_plan *p);

#endif
