/*
 * The supervisor's multi-firm views (seed 002 監理科技運用) over the results
 * of many firms and periods — the JSON that `fincheck assess --format json`
 * writes, imported into the store's database.
 *
 * 資安風險現況 (risk status): each firm of a period is placed by its
 * e-trading share (x, org.etrading_share) and its inspection deduction
 * points (y, 查核缺失扣分).  Points: every deficiency type (a check that
 * failed) counts once at the points of its worst finding's severity
 * (deduction_points: critical 5, high 3, medium 2, low 1, info 0) — an
 * inspection report lists a deficiency item once however many objects show
 * it; `deduction_per_finding: true` counts every finding instead.  The
 * plane has four zones:
 *   attention 需關懷    share >= risk_share_threshold and points >=
 *                       risk_points_threshold, or points >= risk_points_severe
 *   guidance  加強輔導  points >= risk_points_threshold, share below
 *   watch     持續觀察  share >= risk_share_threshold, points below
 *   low       低風險    neither
 * The firms that need attention are those in the attention zone, most
 * points first.  A firm without a known share is placed by points alone.
 *
 * 風險趨勢分析 (risk trend): for each deficiency type (check id, and per
 * area), the share of the period's firms with at least one finding of it
 * (severity low or worse) and its change from the previous period (the
 * period before in sort order that has results).  A hidden risk is a type
 * whose share grew by at least trend_hidden_growth (default 10 points of
 * percentage): not yet the most common, but spreading.
 *
 * Periods are strings that sort in time order: the as-of year by default
 * ("2026"), or what `import --period` gives ("2026H1").  A firm has one
 * result per period; importing again replaces it.  Every import is appended
 * to the audit chain.
 */
#ifndef FC_SUPERVISE_H
#define FC_SUPERVISE_H
#include <stdbool.h>
#include <stddef.h>
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/status.h"
#include "../engine/catalog.h"
#include "../engine/check.h"
#include "../store/db.h"

struct fc_sv_params {
	double points[FC_SEV__COUNT];
	bool per_finding;
	double share_thr, points_thr, points_severe, hidden_growth;
};
/* Defaults, then the named parameters of p (NULL = defaults only). */
void fc_sv_params_init(struct fc_sv_params *o, const struct fc_params *p);

/* Import one results file.  period NULL = the as-of year.  Errors name the
 * file and the JSON path (jansson gives line:column for syntax errors).
 * *replaced tells if an earlier import of the same firm and period was
 * replaced.  name is how diagnostics call the file. */
struct fc_sv_import_info {
	char firm[256];
	char period[32];
	char as_of[11];
	size_t findings;
	bool replaced;
};
enum fc_status fc_sv_import_file(struct fc_db *db, const char *path, const char *period, const char *by,
				 const struct fc_catalog *cat, struct fc_sv_import_info *info, struct fc_diag *d);
enum fc_status fc_sv_import_mem(struct fc_db *db, const char *data, size_t n, const char *name, const char *period,
				const char *by, const struct fc_catalog *cat, struct fc_sv_import_info *info,
				struct fc_diag *d);

enum fc_sv_zone { FC_ZONE_ATTENTION, FC_ZONE_GUIDANCE, FC_ZONE_WATCH, FC_ZONE_LOW, FC_ZONE__COUNT };
const char *fc_sv_zone_name(enum fc_sv_zone z);
const char *fc_sv_zone_label(enum fc_sv_zone z, bool zh);
enum fc_sv_zone fc_sv_place(const struct fc_sv_params *p, double share, bool share_known, double points);

struct fc_sv_firm {
	const char *firm, *as_of, *industry;
	double share;			/* 0..1 */
	bool share_known;
	double points;
	bool has_prev;
	double prev_points;		/* in the previous period */
	size_t sev[FC_SEV__COUNT];	/* findings by severity */
	size_t types;			/* deficiency types (failed checks, low or worse) */
	enum fc_sv_zone zone;
};

struct fc_sv_status {
	struct fc_arena arena;
	const char *period, *prev_period;	/* prev NULL if none */
	struct fc_sv_firm *firms;		/* by points desc, then name */
	size_t n;
	size_t zone_count[FC_ZONE__COUNT];
	struct fc_sv_params params;
};

/* period NULL = the latest. FC_ENOTFOUND when nothing is imported. */
enum fc_status fc_sv_status(struct fc_db *db, const struct fc_sv_params *p, const char *period,
			    struct fc_sv_status *out);
void fc_sv_status_release(struct fc_sv_status *s);

struct fc_sv_type {
	const char *key;		/* check id or area */
	const char *area, *title_zh, *title_en;
	size_t firms, prev_firms;
	double share, prev_share, change;
	bool hidden;
};

struct fc_sv_trend {
	struct fc_arena arena;
	const char *period, *prev_period;
	size_t nfirms, prev_nfirms;
	struct fc_sv_type *types;	/* by check: share desc, then change desc, id */
	size_t ntypes;
	struct fc_sv_type *areas;	/* by area */
	size_t nareas;
	size_t nhidden;
	/* every period with results, oldest first, and the firm count of each
	 * (for the trend chart) */
	const char **periods;
	size_t *period_firms;
	size_t nperiods;
	struct fc_sv_params params;
};

enum fc_status fc_sv_trend(struct fc_db *db, const struct fc_sv_params *p, const char *period,
			   struct fc_sv_trend *out);
void fc_sv_trend_release(struct fc_sv_trend *t);
/* Share of firms with a check in each of t->periods (for a sparkline);
 * out has t->nperiods slots. */
enum fc_status fc_sv_type_history(struct fc_db *db, const struct fc_sv_trend *t, const char *check_id, double *out);

/* Writers (text/JSON/CSV) for the CLI and downloads. */
void fc_sv_status_text(struct fc_buf *b, const struct fc_sv_status *s, bool zh);
void fc_sv_status_json(struct fc_buf *b, const struct fc_sv_status *s);
void fc_sv_status_csv(struct fc_buf *b, const struct fc_sv_status *s);
void fc_sv_trend_text(struct fc_buf *b, const struct fc_sv_trend *t, bool zh);
void fc_sv_trend_json(struct fc_buf *b, const struct fc_sv_trend *t);
void fc_sv_trend_csv(struct fc_buf *b, const struct fc_sv_trend *t);

/* The yearly deficiency publication (seed 001: 每年1月1日公告去年查核缺失):
 * for every firm (or one), its latest result whose as-of date falls in the
 * year, one row per deficiency type.  CSV (UTF-8 with BOM, cells that could
 * start a formula are prefixed with ') and XLSX (libxlsxwriter, every cell a
 * string). */
enum fc_status fc_sv_publication_csv(struct fc_db *db, int year, const char *firm, struct fc_buf *b);
enum fc_status fc_sv_publication_xlsx(struct fc_db *db, int year, const char *firm, const char *path,
				      struct fc_diag *d);

/* A CSV cell, quoted when needed and defused against formula injection. */
void fc_csv_cell(struct fc_buf *b, const char *s);

#endif
