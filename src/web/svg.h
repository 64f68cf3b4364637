/*
 * Server-rendered SVG charts for the dashboard: no script, no external
 * resource, presentation attributes only (the pages' Content-Security-Policy
 * forbids inline styles).  Every label is XML-escaped; each mark carries a
 * <title> so that hovering shows its value without JavaScript.
 */
#ifndef FC_SVG_H
#define FC_SVG_H
#include <stdbool.h>
#include <stddef.h>
#include "../core/buf.h"

/* Horizontal bars: one row per label.  colors may be NULL (one colour). */
void fc_svg_hbars(struct fc_buf *b, const char *aria, const char *const *labels, const double *values,
		  const char *const *colors, size_t n);

/* Stacked horizontal bars (e.g. pass / fail / not evaluated per framework):
 * vals[i*nseg + k]; the bar shows the first segment's share as a percentage. */
void fc_svg_stacked(struct fc_buf *b, const char *aria, const char *const *labels, const double *vals, size_t n,
		    const char *const *seg_names, const char *const *seg_colors, size_t nseg);

/* Lines over x labels (runs or periods): vals[s*nx + i]. */
void fc_svg_lines(struct fc_buf *b, const char *aria, const char *const *xlabels, size_t nx,
		  const char *const *series, const char *const *colors, const double *vals, size_t ns);

/* The supervisor's risk plane: x = e-trading share 0..1, y = deduction
 * points; the four zones shaded by the thresholds; one dot per firm
 * coloured by zone (zone 0..3 as in supervise.h). */
struct fc_svg_point {
	const char *label;
	double x, y;
	int zone;
};
void fc_svg_plane(struct fc_buf *b, const char *aria, const struct fc_svg_point *p, size_t n, double x_thr,
		  double y_thr, double y_severe, const char *const zone_labels[4], const char *xlabel,
		  const char *ylabel);

/* A small sparkline of shares (0..1). */
void fc_svg_spark(struct fc_buf *b, const double *v, size_t n);

/* Severity colours (critical, high, medium, low, info) and zone colours. */
extern const char *const fc_svg_sev_colors[5];
extern const char *const fc_svg_zone_colors[4];

#endif
