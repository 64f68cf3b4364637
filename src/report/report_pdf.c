/* report.pdf: the formal report, A4, laid out with pango over cairo's PDF
 * surface.  Fonts come from fontconfig (Debian's fonts-noto-cjk: "Noto Sans
 * CJK TC"); cairo embeds the subset used, so the PDF reads the same
 * everywhere.  Two passes: the first lays the document out into a discarded
 * stream to learn the page of every section and the page count, the second
 * writes the file with the table of contents, links, bookmarks and "page n
 * of N" footers.  Text goes through pango_layout_set_text (never markup),
 * so nothing from evidence is interpreted.
 *
 * Cost: O(total text) per pass; every paragraph and table cell is one
 * PangoLayout.  Measured figures in docs/report.md. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include "report_doc.h"

#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN_L 50.0
#define MARGIN_R 50.0
#define MARGIN_T 58.0
#define MARGIN_B 58.0
#define CONTENT_W (PAGE_W - MARGIN_L - MARGIN_R)
#define FONT "Noto Sans CJK TC"
#define MAX_SECTIONS 64

struct pdf {
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoContext *ctx;
	PangoFontDescription *f_body, *f_bold, *f_small, *f_smallb, *f_title, *f_h2, *f_h3, *f_big;
	const struct fc_rdoc *doc;
	bool final;		/* second pass: TOC pages and totals known */
	int page;		/* current page, 1-based */
	int pages;		/* total from the first pass */
	int sec_page[MAX_SECTIONS];
	double sec_y[MAX_SECTIONS];
	double y;
	FILE *out;
	bool werr;
};

static cairo_status_t discard(void *c, const unsigned char *data, unsigned int n)
{
	(void)c, (void)data, (void)n;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t to_file(void *c, const unsigned char *data, unsigned int n)
{
	struct pdf *p = c;
	if (fwrite(data, 1, n, p->out) != n) {
		p->werr = true;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static void rgb(cairo_t *cr, unsigned c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0, ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

static PangoLayout *layout(struct pdf *p, const char *text, const PangoFontDescription *f, double width)
{
	PangoLayout *l = pango_layout_new(p->ctx);
	pango_layout_set_font_description(l, f);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static double lh(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double lw(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

static void show(struct pdf *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

static void text_at(struct pdf *p, const char *s, const PangoFontDescription *f, double x, double y, double w,
		    unsigned color, PangoAlignment al)
{
	PangoLayout *l = layout(p, s, f, w);
	pango_layout_set_alignment(l, al);
	if (w > 0)
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	rgb(p->cr, color);
	show(p, l, x, y);
	g_object_unref(l);
}

static void footer(struct pdf *p)
{
	char t[64];
	if (p->doc->zh)
		snprintf(t, sizeof t, "第 %d 頁，共 %d 頁", p->page, p->final ? p->pages : p->page);
	else
		snprintf(t, sizeof t, "Page %d of %d", p->page, p->final ? p->pages : p->page);
	cairo_set_line_width(p->cr, 0.5);
	rgb(p->cr, 0xb0bec5);
	cairo_move_to(p->cr, MARGIN_L, PAGE_H - MARGIN_B + 14);
	cairo_line_to(p->cr, PAGE_W - MARGIN_R, PAGE_H - MARGIN_B + 14);
	cairo_stroke(p->cr);
	double fy = PAGE_H - MARGIN_B + 20;
	text_at(p, p->doc->title, p->f_small, MARGIN_L, fy, CONTENT_W / 3, 0x78909c, PANGO_ALIGN_LEFT);
	text_at(p, t, p->f_small, MARGIN_L + CONTENT_W / 3, fy, CONTENT_W / 3, 0x37474f, PANGO_ALIGN_CENTER);
	text_at(p, p->doc->org, p->f_small, MARGIN_L + 2 * CONTENT_W / 3, fy, CONTENT_W / 3, 0x78909c, PANGO_ALIGN_RIGHT);
}

static void header(struct pdf *p)
{
	if (p->page == 1)
		return;
	double hy = MARGIN_T - 26;
	char t[512];
	snprintf(t, sizeof t, "%s　%s", p->doc->org, p->doc->as_of);
	text_at(p, t, p->f_small, MARGIN_L, hy, CONTENT_W, 0x78909c, PANGO_ALIGN_RIGHT);
	cairo_set_line_width(p->cr, 0.5);
	rgb(p->cr, 0xb0bec5);
	cairo_move_to(p->cr, MARGIN_L, MARGIN_T - 10);
	cairo_line_to(p->cr, PAGE_W - MARGIN_R, MARGIN_T - 10);
	cairo_stroke(p->cr);
}

static void newpage(struct pdf *p)
{
	if (p->page) {
		footer(p);
		cairo_show_page(p->cr);
	}
	p->page++;
	p->y = MARGIN_T;
	header(p);
}

static double room(const struct pdf *p)
{
	return PAGE_H - MARGIN_B - p->y;
}

static void ensure(struct pdf *p, double h)
{
	if (h > room(p) && p->y > MARGIN_T + 1)
		newpage(p);
}

/* A paragraph, line by line so that it breaks across pages. */
static void para(struct pdf *p, const char *s, const PangoFontDescription *f, unsigned color, double indent, double after)
{
	PangoLayout *l = layout(p, s, f, CONTENT_W - indent);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	rgb(p->cr, color);
	do {
		PangoRectangle log;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		double h = (double)log.height / PANGO_SCALE;
		ensure(p, h);
		int base = pango_layout_iter_get_baseline(it);
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		rgb(p->cr, color);
		cairo_move_to(p->cr, MARGIN_L + indent + (double)log.x / PANGO_SCALE,
			      p->y + (double)(base - log.y) / PANGO_SCALE);
		pango_cairo_show_layout_line(p->cr, line);
		p->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
	p->y += after;
}

static void table(struct pdf *p, const struct fc_rtable *t)
{
	const double pad = 3, maxh = PAGE_H - MARGIN_T - MARGIN_B - 40;
	double tw = 0, cw[32], cx[32];
	size_t nc = t->ncols < 32 ? t->ncols : 32;
	for (size_t c = 0; c < nc; c++)
		tw += t->width[c];
	double x = MARGIN_L;
	for (size_t c = 0; c < nc; c++) {
		cw[c] = tw > 0 ? CONTENT_W * t->width[c] / tw : CONTENT_W / (double)nc;
		cx[c] = x;
		x += cw[c];
	}
	/* the header row, repeated on every page the table spans */
	PangoLayout *hl[32];
	double hh = 0;
	for (size_t c = 0; c < nc; c++) {
		hl[c] = layout(p, t->head[c], p->f_smallb, cw[c] - 2 * pad);
		if (lh(hl[c]) > hh)
			hh = lh(hl[c]);
	}
	hh += 2 * pad;
	bool need_head = true;
	for (size_t r = 0; r <= t->nrows; r++) {
		PangoLayout *cl[32];
		double rh = 0;
		if (r < t->nrows) {
			for (size_t c = 0; c < nc; c++) {
				cl[c] = layout(p, t->cells[r * t->ncols + c], p->f_small, cw[c] - 2 * pad);
				if (lh(cl[c]) > rh)
					rh = lh(cl[c]);
			}
			rh += 2 * pad;
			if (rh > maxh)
				rh = maxh; /* a giant cell is clipped rather than looping */
			if (rh + (need_head ? hh : 0) > room(p) && p->y > MARGIN_T + 1) {
				newpage(p);
				need_head = true;
			}
		}
		if (need_head && (r < t->nrows || !t->nrows)) {
			for (size_t c = 0; c < nc; c++) {
				rgb(p->cr, 0xeceff1);
				cairo_rectangle(p->cr, cx[c], p->y, cw[c], hh);
				cairo_fill(p->cr);
				rgb(p->cr, 0xb0bec5);
				cairo_set_line_width(p->cr, 0.4);
				cairo_rectangle(p->cr, cx[c], p->y, cw[c], hh);
				cairo_stroke(p->cr);
				rgb(p->cr, 0x1c2430);
				show(p, hl[c], cx[c] + pad, p->y + pad);
			}
			p->y += hh;
			need_head = false;
		}
		if (r == t->nrows)
			break;
		int sev = t->row_sev ? t->row_sev[r] : -1;
		for (size_t c = 0; c < nc; c++) {
			bool sevcell = (int)c == t->sev_col && sev >= 0;
			if (sevcell) {
				rgb(p->cr, fc_report_sev_color(sev));
				cairo_rectangle(p->cr, cx[c], p->y, cw[c], rh);
				cairo_fill(p->cr);
			}
			rgb(p->cr, 0xcfd8dc);
			cairo_set_line_width(p->cr, 0.4);
			cairo_rectangle(p->cr, cx[c], p->y, cw[c], rh);
			cairo_stroke(p->cr);
			if (c == 0 && sev >= 0 && t->sev_col < 0) {
				rgb(p->cr, fc_report_sev_color(sev));
				cairo_rectangle(p->cr, cx[c], p->y, 2.5, rh);
				cairo_fill(p->cr);
			}
			cairo_save(p->cr);
			cairo_rectangle(p->cr, cx[c], p->y, cw[c], rh);
			cairo_clip(p->cr);
			rgb(p->cr, sevcell ? 0xffffff : 0x1c2430);
			show(p, cl[c], cx[c] + pad + (c == 0 && sev >= 0 && t->sev_col < 0 ? 2 : 0), p->y + pad);
			cairo_restore(p->cr);
			g_object_unref(cl[c]);
		}
		p->y += rh;
	}
	for (size_t c = 0; c < nc; c++)
		g_object_unref(hl[c]);
	p->y += 10;
}

static void chart(struct pdf *p, const struct fc_rchart *c)
{
	const double left = 110, right = 40, barh = 16, gap = 7;
	double h = 22 + (double)c->ncats * (barh + gap) + 26;
	ensure(p, h);
	double y0 = p->y;
	text_at(p, c->title, p->f_bold, MARGIN_L, y0, CONTENT_W, 0x1c3d5a, PANGO_ALIGN_LEFT);
	double max = 0;
	for (size_t i = 0; i < c->ncats; i++) {
		double t = 0;
		for (size_t s = 0; s < c->nseries; s++)
			t += c->vals[i * c->nseries + s];
		if (t > max)
			max = t;
	}
	double span = CONTENT_W - left - right, top = y0 + 22;
	char num[32];
	for (size_t i = 0; i < c->ncats; i++) {
		double y = top + (double)i * (barh + gap);
		text_at(p, c->cats[i], p->f_small, MARGIN_L, y + 2, left - 8, 0x37474f, PANGO_ALIGN_RIGHT);
		double t = 0;
		for (size_t s = 0; s < c->nseries; s++)
			t += c->vals[i * c->nseries + s];
		double x = MARGIN_L + left, scale = c->percent ? (t > 0 ? span / t : 0) : (max > 0 ? span / max : 0);
		for (size_t s = 0; s < c->nseries; s++) {
			double v = c->vals[i * c->nseries + s], w = v * scale;
			if (v <= 0)
				continue;
			rgb(p->cr, c->colors[s]);
			cairo_rectangle(p->cr, x, y, w, barh);
			cairo_fill(p->cr);
			if (w > 16) {
				snprintf(num, sizeof num, "%.0f", v);
				text_at(p, num, p->f_small, x, y + 2, w, 0xffffff, PANGO_ALIGN_CENTER);
			}
			x += w;
		}
		if (c->percent && t > 0)
			snprintf(num, sizeof num, "%.0f%%", 100.0 * c->vals[i * c->nseries] / t);
		else
			snprintf(num, sizeof num, "%.0f", t);
		text_at(p, num, p->f_small, x + 4, y + 2, 0, 0x37474f, PANGO_ALIGN_LEFT);
	}
	double ly = top + (double)c->ncats * (barh + gap) + 4, lx = MARGIN_L + left;
	for (size_t s = 0; s < c->nseries; s++) {
		rgb(p->cr, c->colors[s]);
		cairo_rectangle(p->cr, lx, ly + 2, 9, 9);
		cairo_fill(p->cr);
		PangoLayout *l = layout(p, c->series[s], p->f_small, 0);
		rgb(p->cr, 0x37474f);
		show(p, l, lx + 12, ly);
		lx += 12 + lw(l) + 14;
		g_object_unref(l);
	}
	p->y = y0 + h + 6;
}

static void cover(struct pdf *p)
{
	const struct fc_rdoc *d = p->doc;
	bool zh = d->zh;
	rgb(p->cr, 0x1c3d5a);
	cairo_rectangle(p->cr, MARGIN_L, p->y, CONTENT_W, 6);
	cairo_fill(p->cr);
	p->y += 20;
	PangoLayout *l = layout(p, d->title, p->f_title, CONTENT_W);
	rgb(p->cr, 0x1c2430);
	show(p, l, MARGIN_L, p->y);
	p->y += lh(l) + 6;
	g_object_unref(l);
	l = layout(p, d->org, p->f_h2, CONTENT_W);
	show(p, l, MARGIN_L, p->y);
	p->y += lh(l) + 12;
	g_object_unref(l);
	const char *lab[] = {zh ? "評估基準日" : "As of", zh ? "業別" : "Industry", zh ? "評估工具" : "Tool",
			     zh ? "證據包摘要" : "Bundle digest"};
	const char *val[] = {d->as_of, d->industry, d->tool, d->digest};
	for (int i = 0; i < 4; i++) {
		text_at(p, lab[i], p->f_small, MARGIN_L, p->y, 90, 0x607d8b, PANGO_ALIGN_LEFT);
		PangoLayout *v = layout(p, val[i], p->f_small, CONTENT_W - 95);
		rgb(p->cr, 0x1c2430);
		show(p, v, MARGIN_L + 95, p->y);
		p->y += lh(v) + 3;
		g_object_unref(v);
	}
	p->y += 14;
	/* key figures */
	double bw = (CONTENT_W - 7 * 6) / 8, bx = MARGIN_L;
	for (size_t i = 0; i < d->nfacts && i < 8; i++) {
		const struct fc_rfact *f = &d->facts[i];
		rgb(p->cr, 0xcfd8dc);
		cairo_set_line_width(p->cr, 0.6);
		cairo_rectangle(p->cr, bx, p->y, bw, 46);
		cairo_stroke(p->cr);
		if (f->sev >= 0) {
			rgb(p->cr, fc_report_sev_color(f->sev));
			cairo_rectangle(p->cr, bx, p->y, bw, 3);
			cairo_fill(p->cr);
		}
		text_at(p, f->value, p->f_big, bx, p->y + 6, bw, 0x1c2430, PANGO_ALIGN_CENTER);
		text_at(p, f->label, p->f_small, bx, p->y + 31, bw, 0x607d8b, PANGO_ALIGN_CENTER);
		bx += bw + 6;
	}
	p->y += 66;
	/* table of contents */
	l = layout(p, zh ? "目錄" : "Contents", p->f_h2, 0);
	rgb(p->cr, 0x1c3d5a);
	show(p, l, MARGIN_L, p->y);
	p->y += lh(l) + 8;
	g_object_unref(l);
	for (size_t i = 0; i < d->nsec && i < MAX_SECTIONS; i++) {
		char pg[16];
		snprintf(pg, sizeof pg, "%d", p->final ? p->sec_page[i] : 0);
		PangoLayout *tl = layout(p, d->sec[i].title, p->f_body, CONTENT_W - 60);
		double h = lh(tl);
		char link[96];
		snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", p->final ? p->sec_page[i] : 1, MARGIN_L,
			 p->final ? p->sec_y[i] : MARGIN_T);
		if (p->final)
			cairo_tag_begin(p->cr, CAIRO_TAG_LINK, link);
		rgb(p->cr, 0x1c2430);
		show(p, tl, MARGIN_L + 8, p->y);
		double tx = MARGIN_L + 8 + lw(tl) + 6;
		/* dotted leader */
		rgb(p->cr, 0xb0bec5);
		double dashes[] = {1, 3};
		cairo_set_dash(p->cr, dashes, 2, 0);
		cairo_set_line_width(p->cr, 0.8);
		cairo_move_to(p->cr, tx, p->y + h - 4);
		cairo_line_to(p->cr, PAGE_W - MARGIN_R - 30, p->y + h - 4);
		cairo_stroke(p->cr);
		cairo_set_dash(p->cr, NULL, 0, 0);
		text_at(p, pg, p->f_body, PAGE_W - MARGIN_R - 28, p->y, 28, 0x1c2430, PANGO_ALIGN_RIGHT);
		if (p->final)
			cairo_tag_end(p->cr, CAIRO_TAG_LINK);
		p->y += h + 5;
		g_object_unref(tl);
	}
}

static void render(struct pdf *p)
{
	const struct fc_rdoc *d = p->doc;
	p->page = 0;
	newpage(p);
	cover(p);
	for (size_t i = 0; i < d->nsec; i++) {
		const struct fc_rsection *s = &d->sec[i];
		newpage(p);
		if (i < MAX_SECTIONS) {
			p->sec_page[i] = p->page;
			p->sec_y[i] = p->y;
			if (p->final) {
				char link[96];
				snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", p->page, MARGIN_L, p->y);
				cairo_pdf_surface_add_outline(p->surf, CAIRO_PDF_OUTLINE_ROOT, s->title, link, 0);
			}
		}
		PangoLayout *l = layout(p, s->title, p->f_h2, CONTENT_W);
		rgb(p->cr, 0x1c3d5a);
		show(p, l, MARGIN_L, p->y);
		p->y += lh(l) + 3;
		g_object_unref(l);
		cairo_set_line_width(p->cr, 1.2);
		cairo_move_to(p->cr, MARGIN_L, p->y);
		cairo_line_to(p->cr, PAGE_W - MARGIN_R, p->y);
		cairo_stroke(p->cr);
		p->y += 10;
		for (size_t k = 0; k < s->n; k++) {
			const struct fc_rblock *b = &s->blocks[k];
			switch (b->kind) {
			case FC_RB_PARA:
				para(p, b->text, p->f_body, 0x1c2430, 0, 7);
				break;
			case FC_RB_NOTE:
				para(p, b->text, p->f_small, 0x607d8b, 0, 6);
				break;
			case FC_RB_H3:
				ensure(p, 60); /* keep a heading with what follows */
				p->y += 4;
				para(p, b->text, p->f_h3, 0x1c3d5a, 0, 4);
				break;
			case FC_RB_TABLE:
				table(p, b->t);
				break;
			case FC_RB_CHART:
				chart(p, b->c);
				break;
			}
		}
	}
	footer(p);
	cairo_show_page(p->cr);
}

static PangoFontDescription *font(const char *family, double size, PangoWeight w)
{
	PangoFontDescription *f = pango_font_description_new();
	pango_font_description_set_family(f, family);
	pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
	pango_font_description_set_weight(f, w);
	return f;
}

static bool open_pass(struct pdf *p, bool final)
{
	p->final = final;
	p->surf = final ? cairo_pdf_surface_create_for_stream(to_file, p, PAGE_W, PAGE_H)
			: cairo_pdf_surface_create_for_stream(discard, NULL, PAGE_W, PAGE_H);
	if (cairo_surface_status(p->surf) != CAIRO_STATUS_SUCCESS)
		return false;
	if (final) {
		char date[40];
		snprintf(date, sizeof date, "%sT00:00:00+08:00", p->doc->as_of);
		cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_TITLE, p->doc->title);
		cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_AUTHOR, p->doc->org);
		cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATOR, p->doc->tool);
		if (strlen(p->doc->as_of) == 10) {
			cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
			cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_MOD_DATE, date);
		}
	}
	p->cr = cairo_create(p->surf);
	p->ctx = pango_cairo_create_context(p->cr);
	pango_cairo_context_set_resolution(p->ctx, 72);
	PangoLanguage *lang = pango_language_from_string(p->doc->zh ? "zh-tw" : "en");
	pango_context_set_language(p->ctx, lang);
	return cairo_status(p->cr) == CAIRO_STATUS_SUCCESS;
}

static void close_pass(struct pdf *p)
{
	if (p->ctx)
		g_object_unref(p->ctx);
	if (p->cr)
		cairo_destroy(p->cr);
	if (p->surf) {
		cairo_surface_finish(p->surf);
		cairo_surface_destroy(p->surf);
	}
	p->ctx = NULL;
	p->cr = NULL;
	p->surf = NULL;
}

enum fc_status fc_report_pdf_write(const char *path, const struct fc_rdoc *doc, struct fc_diag *d)
{
	struct pdf p;
	memset(&p, 0, sizeof p);
	p.doc = doc;
	p.f_body = font(FONT, 9.5, PANGO_WEIGHT_NORMAL);
	p.f_bold = font(FONT, 10, PANGO_WEIGHT_BOLD);
	p.f_small = font(FONT, 7.6, PANGO_WEIGHT_NORMAL);
	p.f_smallb = font(FONT, 7.6, PANGO_WEIGHT_BOLD);
	p.f_title = font(FONT, 24, PANGO_WEIGHT_BOLD);
	p.f_h2 = font(FONT, 15, PANGO_WEIGHT_BOLD);
	p.f_h3 = font(FONT, 11, PANGO_WEIGHT_BOLD);
	p.f_big = font(FONT, 17, PANGO_WEIGHT_BOLD);
	enum fc_status st = FC_OK;
	/* pass 1: layout only */
	if (!open_pass(&p, false)) {
		fc_diag_error(d, path, 0, 0, "cairo could not lay the report out");
		st = FC_ENOMEM;
		close_pass(&p);
		goto out;
	}
	render(&p);
	p.pages = p.page;
	close_pass(&p);
	/* pass 2: the file */
	p.out = fopen(path, "wb");
	if (!p.out) {
		fc_diag_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
		st = FC_EIO;
		goto out;
	}
	if (!open_pass(&p, true)) {
		fc_diag_error(d, path, 0, 0, "cairo could not start the PDF");
		st = FC_ENOMEM;
	} else {
		render(&p);
	}
	close_pass(&p);
	if (fclose(p.out) != 0 || p.werr) {
		fc_diag_error(d, path, 0, 0, "write error: %s", strerror(errno));
		st = FC_EIO;
	}
out:
	/* release the per-thread default font map (and the fontconfig patterns
	 * it holds): pango keeps it in thread-private storage that leak
	 * checkers cannot see; the next report creates a fresh one */
	pango_cairo_font_map_set_default(NULL);
	pango_font_description_free(p.f_body);
	pango_font_description_free(p.f_bold);
	pango_font_description_free(p.f_small);
	pango_font_description_free(p.f_smallb);
	pango_font_description_free(p.f_title);
	pango_font_description_free(p.f_h2);
	pango_font_description_free(p.f_h3);
	pango_font_description_free(p.f_big);
	return st;
}
