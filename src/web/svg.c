/* Server-rendered SVG charts (svg.h). */
#include "svg.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../core/mem.h"
#include "../report/output.h"

const char *const fc_svg_sev_colors[5] = {"#8b1a1a", "#d9480f", "#e0a800", "#2f7ed8", "#8a94a6"};
const char *const fc_svg_zone_colors[4] = {"#d64545", "#f08c00", "#f5c542", "#37b24d"};

/* Labels longer than this many bytes are cut (on a UTF-8 boundary) with an
 * ellipsis; the full text stays in the <title>. */
#define LABEL_MAX 60

static void esc(struct fc_buf *b, const char *s)
{
	fc_xml_escape(b, s ? s : "");
}

static void esc_cut(struct fc_buf *b, const char *s, size_t max)
{
	if (!s)
		return;
	size_t n = strlen(s);
	if (n <= max) {
		esc(b, s);
		return;
	}
	while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	char tmp[LABEL_MAX + 8];
	if (max > LABEL_MAX)
		max = LABEL_MAX;
	memcpy(tmp, s, max);
	tmp[max] = '\0';
	esc(b, tmp);
	fc_buf_adds(b, "…");
}

/* Approximate width of a label at font-size 10: CJK characters are about
 * 10 px, others about 5.5 px (enough to keep labels apart). */
static double text_width(const char *s, size_t maxbytes)
{
	double w = 0;
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && n < maxbytes; p++, n++) {
		if (*p >= 0xE0)
			w += 10;
		else if (*p < 0x80)
			w += 5.5;
	}
	return w + 6;
}

static void open_svg(struct fc_buf *b, int w, int h, const char *aria)
{
	fc_buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
		       "aria-label=\"",
		    w, h);
	esc(b, aria);
	fc_buf_adds(b, "\" font-family=\"sans-serif\" font-size=\"12\">");
}

static double nice_max(double m)
{
	if (m <= 0)
		return 1;
	double e = pow(10, floor(log10(m)));
	double f = m / e;
	double n = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
	return n * e;
}

static void num(struct fc_buf *b, double v)
{
	if (fabs(v - round(v)) < 1e-9)
		fc_buf_addf(b, "%.0f", v);
	else
		fc_buf_addf(b, "%.2f", v);
}

void fc_svg_hbars(struct fc_buf *b, const char *aria, const char *const *labels, const double *values,
		  const char *const *colors, size_t n)
{
	const int W = 520, lw = 170, rh = 26, top = 6;
	int h = top * 2 + (int)(n ? n : 1) * rh;
	double max = 0;
	for (size_t i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	max = nice_max(max);
	open_svg(b, W, h, aria);
	for (size_t i = 0; i < n; i++) {
		int y = top + (int)i * rh;
		double w = (W - lw - 50) * (values[i] / max);
		fc_buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#333\">", lw - 8, y + 17);
		esc_cut(b, labels[i], 40);
		fc_buf_addf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"%s\"><title>", lw,
			    y + 4, w < 0 ? 0 : w, rh - 8, colors ? colors[i] : "#2f7ed8");
		esc(b, labels[i]);
		fc_buf_adds(b, ": ");
		num(b, values[i]);
		fc_buf_addf(b, "</title></rect><text x=\"%.1f\" y=\"%d\" fill=\"#333\">", lw + (w < 0 ? 0 : w) + 6, y + 17);
		num(b, values[i]);
		fc_buf_adds(b, "</text>");
	}
	if (!n) {
		fc_buf_addf(b, "<text x=\"%d\" y=\"%d\" fill=\"#888\">—</text>", W / 2, top + 17);
	}
	fc_buf_adds(b, "</svg>");
}

void fc_svg_stacked(struct fc_buf *b, const char *aria, const char *const *labels, const double *vals, size_t n,
		    const char *const *seg_names, const char *const *seg_colors, size_t nseg)
{
	const int W = 600, lw = 250, rh = 28, top = 6, legend = 24;
	int h = top * 2 + (int)(n ? n : 1) * rh + legend;
	int bw = W - lw - 60;
	open_svg(b, W, h, aria);
	for (size_t i = 0; i < n; i++) {
		int y = top + (int)i * rh;
		double tot = 0;
		for (size_t k = 0; k < nseg; k++)
			tot += vals[i * nseg + k];
		fc_buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#333\"><title>", lw - 8, y + 18);
		esc(b, labels[i]);
		fc_buf_adds(b, "</title>");
		esc_cut(b, labels[i], 54);
		fc_buf_adds(b, "</text>");
		double x = lw;
		for (size_t k = 0; k < nseg && tot > 0; k++) {
			double w = bw * vals[i * nseg + k] / tot;
			if (w <= 0)
				continue;
			fc_buf_addf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>", x, y + 4, w,
				    rh - 8, seg_colors[k]);
			esc(b, labels[i]);
			fc_buf_adds(b, " — ");
			esc(b, seg_names[k]);
			fc_buf_adds(b, ": ");
			num(b, vals[i * nseg + k]);
			fc_buf_adds(b, "</title></rect>");
			x += w;
		}
		if (tot <= 0)
			fc_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#eee\"/>", lw, y + 4, bw, rh - 8);
		fc_buf_addf(b, "<text x=\"%d\" y=\"%d\" fill=\"#333\">", lw + bw + 6, y + 18);
		if (tot > 0)
			fc_buf_addf(b, "%.0f%%", 100.0 * vals[i * nseg] / tot);
		else
			fc_buf_adds(b, "—");
		fc_buf_adds(b, "</text>");
	}
	int ly = top + (int)(n ? n : 1) * rh + 14;
	int lx = lw;
	for (size_t k = 0; k < nseg; k++) {
		fc_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" "
			       "fill=\"#333\">",
			    lx, ly - 9, seg_colors[k], lx + 14, ly);
		esc(b, seg_names[k]);
		fc_buf_adds(b, "</text>");
		lx += 110;
	}
	fc_buf_adds(b, "</svg>");
}

void fc_svg_lines(struct fc_buf *b, const char *aria, const char *const *xlabels, size_t nx,
		  const char *const *series, const char *const *colors, const double *vals, size_t ns)
{
	const int W = 560, H = 220, l = 40, r = 12, t = 12, bt = 44;
	double max = 0;
	for (size_t i = 0; i < nx * ns; i++)
		if (vals[i] > max)
			max = vals[i];
	max = nice_max(max);
	open_svg(b, W, H, aria);
	int pw = W - l - r, ph = H - t - bt;
	for (int g = 0; g <= 4; g++) {
		double y = t + ph - ph * g / 4.0;
		fc_buf_addf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e6ea\"/>", l, W - r, y, y);
		fc_buf_addf(b, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#666\" font-size=\"10\">", l - 4, y + 3);
		num(b, max * g / 4.0);
		fc_buf_adds(b, "</text>");
	}
	double step = nx > 1 ? (double)pw / (double)(nx - 1) : 0;
	size_t every = nx > 8 ? (nx + 7) / 8 : 1;
	for (size_t i = 0; i < nx; i++) {
		if (i % every && i != nx - 1)
			continue;
		double x = l + (nx > 1 ? step * (double)i : pw / 2.0);
		fc_buf_addf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" fill=\"#666\" font-size=\"10\">", x, H - bt + 14,
			    nx == 1 ? "middle" : i == 0 ? "start" : i == nx - 1 ? "end" : "middle");
		esc_cut(b, xlabels[i], 12);
		fc_buf_adds(b, "</text>");
	}
	for (size_t s = 0; s < ns; s++) {
		if (nx > 1) {
			fc_buf_addf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", colors[s]);
			for (size_t i = 0; i < nx; i++)
				fc_buf_addf(b, "%.1f,%.1f ", l + step * (double)i, t + ph - ph * vals[s * nx + i] / max);
			fc_buf_adds(b, "\"/>");
		}
		for (size_t i = 0; i < nx; i++) {
			double x = l + (nx > 1 ? step * (double)i : pw / 2.0), y = t + ph - ph * vals[s * nx + i] / max;
			fc_buf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>", x, y, colors[s]);
			esc(b, series[s]);
			fc_buf_adds(b, " ");
			esc(b, xlabels[i]);
			fc_buf_adds(b, ": ");
			num(b, vals[s * nx + i]);
			fc_buf_adds(b, "</title></circle>");
		}
		fc_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" "
			       "fill=\"#333\">",
			    l + (int)s * 140, H - 16, colors[s], l + (int)s * 140 + 14, H - 7);
		esc(b, series[s]);
		fc_buf_adds(b, "</text>");
	}
	fc_buf_adds(b, "</svg>");
}

void fc_svg_plane(struct fc_buf *b, const char *aria, const struct fc_svg_point *p, size_t n, double x_thr,
		  double y_thr, double y_severe, const char *const zone_labels[4], const char *xlabel,
		  const char *ylabel)
{
	const int W = 640, H = 420, l = 56, r = 16, t = 16, bt = 48;
	int pw = W - l - r, ph = H - t - bt;
	double ymax = y_severe * 1.25;
	for (size_t i = 0; i < n; i++)
		if (p[i].y * 1.1 > ymax)
			ymax = p[i].y * 1.1;
	ymax = nice_max(ymax);
	open_svg(b, W, H, aria);
#define PX(v) (l + pw * (v))
#define PY(v) (t + ph - ph * (v) / ymax)
	/* zones: low (bottom left), watch (bottom right), guidance (top
	 * left, below severe), attention (top right and everything above
	 * severe) */
	fc_buf_addf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.12\"/>", l,
		    PY(y_thr), pw * x_thr, PY(0) - PY(y_thr), fc_svg_zone_colors[3]);
	fc_buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.14\"/>",
		    PX(x_thr), PY(y_thr), pw * (1 - x_thr), PY(0) - PY(y_thr), fc_svg_zone_colors[2]);
	fc_buf_addf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.14\"/>", l,
		    PY(y_severe), pw * x_thr, PY(y_thr) - PY(y_severe), fc_svg_zone_colors[1]);
	fc_buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.14\"/>",
		    PX(x_thr), PY(y_severe), pw * (1 - x_thr), PY(y_thr) - PY(y_severe), fc_svg_zone_colors[0]);
	fc_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.14\"/>", l, t, pw,
		    PY(y_severe) - t, fc_svg_zone_colors[0]);
	/* zone names */
	fc_buf_addf(b, "<text x=\"%d\" y=\"%.1f\" fill=\"#2b8a3e\" font-size=\"11\">", l + 6, PY(0) - 6);
	esc(b, zone_labels[3]);
	fc_buf_addf(b, "</text><text x=\"%.1f\" y=\"%.1f\" fill=\"#a07800\" font-size=\"11\">", PX(x_thr) + 6, PY(0) - 6);
	esc(b, zone_labels[2]);
	fc_buf_addf(b, "</text><text x=\"%d\" y=\"%.1f\" fill=\"#c06000\" font-size=\"11\">", l + 6, PY(y_thr) - 6);
	esc(b, zone_labels[1]);
	fc_buf_addf(b, "</text><text x=\"%.1f\" y=\"%d\" fill=\"#b02525\" font-size=\"11\">", PX(x_thr) + 6, t + 14);
	esc(b, zone_labels[0]);
	fc_buf_adds(b, "</text>");
	/* axes and thresholds */
	fc_buf_addf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#555\"/>", l, PY(0), W - r, PY(0));
	fc_buf_addf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#555\"/>", l, t, l, PY(0));
	fc_buf_addf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>",
		    PX(x_thr), t, PX(x_thr), PY(0));
	fc_buf_addf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>", l,
		    PY(y_thr), W - r, PY(y_thr));
	fc_buf_addf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#b02525\" stroke-dasharray=\"2 3\"/>",
		    l, PY(y_severe), W - r, PY(y_severe));
	for (int g = 0; g <= 4; g++) {
		fc_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#666\" font-size=\"10\">%d%%</text>",
			    PX(g / 4.0), PY(0) + 14, g * 25);
		fc_buf_addf(b, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#666\" font-size=\"10\">", l - 4,
			    PY(ymax * g / 4.0) + 3);
		num(b, ymax * g / 4.0);
		fc_buf_adds(b, "</text>");
	}
	fc_buf_addf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">", l + pw / 2.0, H - 10);
	esc(b, xlabel);
	fc_buf_addf(b, "</text><text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333\" transform=\"rotate(-90 14 %.1f)\">",
		    t + ph / 2.0, t + ph / 2.0);
	esc(b, ylabel);
	fc_buf_adds(b, "</text>");
	/* labels: right of the dot (left near the right edge), moved down
	 * a line at a time while they overlap one already placed */
	double (*box)[4] = n ? fc_calloc(n, sizeof *box) : NULL;
	for (size_t i = 0; i < n; i++) {
		double x = p[i].x < 0 ? 0 : p[i].x > 1 ? 1 : p[i].x;
		int z = p[i].zone >= 0 && p[i].zone < 4 ? p[i].zone : 3;
		fc_buf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"1.5\"><title>",
			    PX(x), PY(p[i].y), fc_svg_zone_colors[z]);
		esc(b, p[i].label);
		fc_buf_addf(b, " — %.0f%%, ", x * 100);
		num(b, p[i].y);
		fc_buf_adds(b, "</title></circle>");
		double w = text_width(p[i].label, 42);
		bool left = PX(x) + 8 + w > W - r;
		double lx = left ? PX(x) - 8 - w : PX(x) + 8, ly = PY(p[i].y) - 6;
		for (int tries = 0; box && tries < 6; tries++) {
			bool clash = false;
			for (size_t k = 0; k < i && !clash; k++)
				clash = lx < box[k][2] && lx + w > box[k][0] && ly - 10 < box[k][3] && ly > box[k][1];
			if (!clash)
				break;
			ly += 13;
		}
		if (box) {
			box[i][0] = lx;
			box[i][1] = ly - 10;
			box[i][2] = lx + w;
			box[i][3] = ly;
		}
		fc_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#222\" font-size=\"10\">", lx, ly);
		esc_cut(b, p[i].label, 42);
		fc_buf_adds(b, "</text>");
	}
	fc_free(box);
#undef PX
#undef PY
	fc_buf_adds(b, "</svg>");
}

void fc_svg_spark(struct fc_buf *b, const double *v, size_t n)
{
	const int W = 90, H = 22;
	fc_buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" viewBox=\"0 0 %d %d\" width=\"%d\" "
		       "height=\"%d\" aria-hidden=\"true\">",
		    W, H, W, H);
	if (n == 1)
		fc_buf_addf(b, "<circle cx=\"%d\" cy=\"%.1f\" r=\"2\" fill=\"#2f7ed8\"/>", W / 2, H - 2 - (H - 4) * v[0]);
	else if (n > 1) {
		fc_buf_adds(b, "<polyline fill=\"none\" stroke=\"#2f7ed8\" stroke-width=\"1.5\" points=\"");
		for (size_t i = 0; i < n; i++)
			fc_buf_addf(b, "%.1f,%.1f ", 2 + (W - 4) * (double)i / (double)(n - 1), H - 2 - (H - 4) * v[i]);
		fc_buf_adds(b, "\"/>");
	}
	fc_buf_adds(b, "</svg>");
}
