/* The formal report's content (seed 004 評估報告 一: 評估人員資格、評估範圍、
 * 評估作業項目與標的、評估紀錄、缺失項目、缺失嚴重程度、缺失類別、風險說明、
 * 具體改善建議及社交演練結果; 二: 風險等級、控管措施及處理時限).  Everything
 * is read from the run and the bundle's facts; nothing is re-evaluated. */
#include "report_doc.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "../core/mem.h"
#include "../core/strutil.h"

unsigned fc_report_sev_color(int sev)
{
	static const unsigned c[] = {0x7b1fa2, 0xc62828, 0xef6c00, 0x1565c0, 0x757575};
	return sev >= 0 && sev < FC_SEV__COUNT ? c[sev] : 0x455a64;
}

static const char *S(struct fc_rdoc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *S(struct fc_rdoc *d, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	char *s = n >= 0 ? fc_arena_alloc(&d->arena, (size_t)n + 1) : NULL;
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	else
		d->err = FC_ENOMEM;
	va_end(ap);
	return s ? s : "";
}

/* A cell's text: NULL → "", cut to FC_REPORT_MAX_CELL bytes on a UTF-8
 * boundary. */
static const char *cut(struct fc_rdoc *d, const char *s)
{
	if (!s)
		return "";
	size_t n = strlen(s);
	if (n <= FC_REPORT_MAX_CELL)
		return s;
	n = FC_REPORT_MAX_CELL;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return S(d, "%.*s…", (int)n, s);
}

static void *A(struct fc_rdoc *d, size_t n)
{
	void *p = fc_arena_alloc(&d->arena, n ? n : 1);
	if (!p)
		d->err = FC_ENOMEM;
	return p;
}

static struct fc_rsection *section(struct fc_rdoc *d, const char *title)
{
	if (d->nsec == d->capsec) {
		size_t cap = d->capsec ? d->capsec * 2 : 16;
		struct fc_rsection *v = fc_reallocarray(d->sec, cap, sizeof *v);
		if (!v) {
			d->err = FC_ENOMEM;
			return NULL;
		}
		d->sec = v;
		d->capsec = cap;
	}
	struct fc_rsection *s = &d->sec[d->nsec];
	memset(s, 0, sizeof *s);
	s->anchor = S(d, "s%zu", d->nsec);
	s->title = title;
	d->nsec++;
	return s;
}

static struct fc_rblock *block(struct fc_rdoc *d, enum fc_rblock_kind k)
{
	struct fc_rsection *s = d->nsec ? &d->sec[d->nsec - 1] : NULL;
	if (!s)
		return NULL;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		struct fc_rblock *v = fc_reallocarray(s->blocks, cap, sizeof *v);
		if (!v) {
			d->err = FC_ENOMEM;
			return NULL;
		}
		s->blocks = v;
		s->cap = cap;
	}
	struct fc_rblock *b = &s->blocks[s->n++];
	memset(b, 0, sizeof *b);
	b->kind = k;
	return b;
}

static void text(struct fc_rdoc *d, enum fc_rblock_kind k, const char *t)
{
	struct fc_rblock *b = block(d, k);
	if (b)
		b->text = t;
}

struct tb {
	struct fc_rtable *t;
	size_t cap;
	const char **cells;
	int *sev;
};

static void table_new(struct fc_rdoc *d, struct tb *tb, size_t ncols, const char *const *head, const double *w,
		      size_t maxrows)
{
	memset(tb, 0, sizeof *tb);
	tb->t = A(d, sizeof *tb->t);
	const char **h = A(d, sizeof(char *) * ncols);
	double *ww = A(d, sizeof(double) * ncols);
	tb->cells = A(d, sizeof(char *) * ncols * (maxrows ? maxrows : 1));
	tb->sev = A(d, sizeof(int) * (maxrows ? maxrows : 1));
	if (!tb->t || !h || !ww || !tb->cells || !tb->sev) {
		tb->t = NULL;
		return;
	}
	memcpy(h, head, sizeof(char *) * ncols);
	memcpy(ww, w, sizeof(double) * ncols);
	tb->t->ncols = ncols;
	tb->t->head = h;
	tb->t->width = ww;
	tb->t->cells = tb->cells;
	tb->t->row_sev = tb->sev;
	tb->t->sev_col = -1;
	tb->cap = maxrows;
}

/* Adds a row of ncols cell texts (copied by pointer; cut to the cap). */
static void table_row(struct fc_rdoc *d, struct tb *tb, int sev, const char *const *cells)
{
	if (!tb->t || tb->t->nrows >= tb->cap)
		return;
	size_t r = tb->t->nrows++;
	for (size_t c = 0; c < tb->t->ncols; c++)
		tb->cells[r * tb->t->ncols + c] = cut(d, cells[c]);
	tb->sev[r] = sev;
}

static void table_end(struct fc_rdoc *d, struct tb *tb)
{
	if (!tb->t)
		return;
	struct fc_rblock *b = block(d, FC_RB_TABLE);
	if (b)
		b->t = tb->t;
}

static const char *date_s(struct fc_rdoc *d, int32_t day)
{
	char t[11];
	fc_date_fmt(day, t);
	return t[0] ? S(d, "%s", t) : "-";
}

static const char *area_label(const char *area, bool zh)
{
	static const struct {
		const char *id, *zh, *en;
	} t[] = {
		{"network", "網路安全", "Network"}, {"firewall", "防火牆", "Firewall"}, {"host", "主機安全", "Hosts"},
		{"account", "帳號權限", "Accounts"}, {"cert", "憑證", "Certificates"}, {"endpoint", "端點設備", "Endpoints"},
		{"vuln", "弱點管理", "Vulnerabilities"}, {"log", "日誌監控", "Logs"}, {"pii", "個資保護", "Personal data"},
		{"program", "評估計畫", "Assessment program"}, {"governance", "資安治理", "Governance"},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (!strcmp(t[i].id, area))
			return zh ? t[i].zh : t[i].en;
	return area;
}

static const char *tf(int v, bool zh)
{
	return v == 1 ? (zh ? "是" : "yes") : v == 0 ? (zh ? "否" : "no") : "-";
}

static const char *list_join(struct fc_rdoc *d, const struct fc_record *r, const char *field)
{
	const char *items[64];
	size_t n = fc_record_list(r, field, items, 64);
	struct fc_buf b;
	fc_buf_init(&b, 4096);
	for (size_t i = 0; i < n; i++)
		fc_buf_addf(&b, "%s%s", i ? ", " : "", items[i]);
	const char *s = S(d, "%s", fc_buf_str(&b));
	fc_buf_release(&b);
	return n ? s : "-";
}

static const char *num_s(struct fc_rdoc *d, const struct fc_record *r, const char *field)
{
	double v;
	return fc_record_num(r, field, &v) ? S(d, "%.0f", v) : "-";
}

static const struct fc_result *result_of(const struct fc_run *r, const char *check)
{
	for (size_t i = 0; i < r->nresults; i++)
		if (!strcmp(r->results[i].meta->id, check))
			return &r->results[i];
	return NULL;
}

static void result_note(struct fc_rdoc *d, const struct fc_run *r, const char *check)
{
	const struct fc_result *res = result_of(r, check);
	bool zh = d->zh;
	if (!res)
		return;
	text(d, FC_RB_NOTE, S(d, zh ? "檢查 %s（%s）：%s，缺失 %zu 項%s%s" : "Check %s (%s): %s, %zu findings%s%s", check,
			      fc_check_title(res->meta, zh), fc_status_label(res->status, zh), res->nfindings,
			      res->reason ? (zh ? "；" : "; ") : "", res->reason ? res->reason : ""));
}

/* ---- compliance by framework ---- */

/* The worst status of the results evidencing a control: fail > error/
 * manual > pass; -1 when no applicable result covers it. */
static int control_status(const struct fc_run *r, const char *id)
{
	int st = -1;
	for (size_t i = 0; i < r->nresults; i++) {
		const struct fc_result *res = &r->results[i];
		if (res->status == FC_R_NA)
			continue;
		bool cov = false;
		for (size_t k = 0; k < res->ncontrols && !cov; k++)
			cov = !strcmp(res->controls[k], id);
		if (!cov)
			continue;
		int s = res->status == FC_R_FAIL ? 2 : res->status == FC_R_PASS ? 0 : 1;
		if (s > st)
			st = s;
	}
	return st;
}

static const char *fw_label(const char *id, bool zh)
{
	static const struct {
		const char *id, *zh, *en;
	} t[] = {
		{"CC", "CC 證券商資安檢查", "CC TWSE checklist"}, {"INS", "INS 保險業缺失態樣", "INS insurance patterns"},
		{"A", "ISO/IEC 27001", "ISO/IEC 27001"},	    {"NET", "NET 網路防護指引", "NET network guideline"},
		{"SA", "SA 評估辦法", "SA assessment method"},    {"SYS", "SYS 系統防護指引", "SYS system guideline"},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (!strcmp(t[i].id, id))
			return zh ? t[i].zh : t[i].en;
	return id;
}

static void summary(struct fc_rdoc *d, const struct fc_run *r)
{
	bool zh = d->zh;
	const struct fc_bundle *b = r->bundle;
	section(d, zh ? "管理摘要" : "Management summary");
	text(d, FC_RB_PARA,
	     S(d, zh ? "本報告依「金融機構辦理電腦系統資訊安全評估辦法」評估報告之規定，就%s（%s%s%s）於評估基準日 %s 提供之證據進行評估。"
		       "共執行 %zu 項檢查：通過 %zu、未通過 %zu、人工檢視 %zu、不適用 %zu、錯誤 %zu；發現缺失 %zu 項"
		       "（重大 %zu、高 %zu、中 %zu、低 %zu、資訊 %zu）。人工檢視及錯誤之項目不視為通過，須由評估人員補正證據或判斷。"
		     : "This report follows the contents that the assessment method (金融機構辦理電腦系統資訊安全評估辦法, 評估報告) requires, "
		       "for %s (%s%s%s) on the evidence of %s. %zu checks ran: %zu pass, %zu fail, %zu manual, %zu not applicable, %zu error; "
		       "%zu findings (%zu critical, %zu high, %zu medium, %zu low, %zu info). Manual and error results never count as passed: "
		       "the assessor must supply evidence or judge them.",
	       d->org, d->industry, b->org.tier_label ? (zh ? "，" : ", ") : "", b->org.tier_label ? b->org.tier_label : "",
	       d->as_of, r->nresults, r->count[FC_R_PASS], r->count[FC_R_FAIL], r->count[FC_R_MANUAL], r->count[FC_R_NA],
	       r->count[FC_R_ERROR], r->nfindings, r->sev[0], r->sev[1], r->sev[2], r->sev[3], r->sev[4]));

	/* chart 1: findings by area and severity */
	const char *areas[32];
	size_t na = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		const char *a = r->findings[i]->check->area;
		bool seen = false;
		for (size_t k = 0; k < na && !seen; k++)
			seen = !strcmp(areas[k], a);
		if (!seen && na < 32)
			areas[na++] = a;
	}
	if (na) {
		struct fc_rchart *c = A(d, sizeof *c);
		const char **cats = A(d, sizeof(char *) * na), **ser = A(d, sizeof(char *) * FC_SEV__COUNT);
		double *v = A(d, sizeof(double) * na * FC_SEV__COUNT);
		unsigned *col = A(d, sizeof(unsigned) * FC_SEV__COUNT);
		if (c && cats && ser && v && col) {
			for (size_t k = 0; k < na; k++)
				cats[k] = area_label(areas[k], zh);
			for (int s = 0; s < FC_SEV__COUNT; s++) {
				ser[s] = fc_severity_label((enum fc_severity)s, zh);
				col[s] = fc_report_sev_color(s);
			}
			for (size_t i = 0; i < r->nfindings; i++)
				for (size_t k = 0; k < na; k++)
					if (!strcmp(areas[k], r->findings[i]->check->area))
						v[k * FC_SEV__COUNT + r->findings[i]->severity] += 1;
			*c = (struct fc_rchart){zh ? "缺失分布（依領域及嚴重程度）" : "Findings by area and severity", na, FC_SEV__COUNT,
						cats, ser, v, col, false};
			struct fc_rblock *bl = block(d, FC_RB_CHART);
			if (bl)
				bl->c = c;
		}
	}

	/* chart 2: compliance by framework (controls covered by a check) */
	const struct fc_catalog *cat = r->cat;
	if (cat && cat->nfw) {
		struct fc_rchart *c = A(d, sizeof *c);
		const char **cats = A(d, sizeof(char *) * cat->nfw), **ser = A(d, sizeof(char *) * 3);
		double *v = A(d, sizeof(double) * cat->nfw * 3);
		unsigned *col = A(d, sizeof(unsigned) * 3);
		size_t nf = 0;
		if (c && cats && ser && v && col) {
			for (size_t f = 0; f < cat->nfw; f++) {
				const struct fc_framework *fw = &cat->fw[f];
				double cnt[3] = {0, 0, 0};
				for (size_t k = 0; k < fw->count; k++) {
					int st = control_status(r, cat->controls[fw->first + k].id);
					if (st >= 0)
						cnt[st] += 1;
				}
				if (cnt[0] + cnt[1] + cnt[2] == 0)
					continue;
				cats[nf] = fw_label(fw->id, zh);
				for (int s = 0; s < 3; s++)
					v[nf * 3 + s] = cnt[s == 0 ? 0 : s == 1 ? 2 : 1];
				nf++;
			}
			ser[0] = zh ? "符合" : "met";
			ser[1] = zh ? "不符合" : "not met";
			ser[2] = zh ? "待人工確認" : "to confirm";
			col[0] = 0x2e7d32;
			col[1] = 0xc62828;
			col[2] = 0xf9a825;
			*c = (struct fc_rchart){zh ? "各規範之符合情形（已有檢查涵蓋之控制項）" : "Compliance by framework (controls covered by checks)",
						nf, 3, cats, ser, v, col, true};
			if (nf) {
				struct fc_rblock *bl = block(d, FC_RB_CHART);
				if (bl)
					bl->c = c;
				text(d, FC_RB_NOTE, zh ? "控制項之狀態取涵蓋該控制項之檢查中最差者（未通過＞待人工確認＞符合）；不適用及未有檢查涵蓋之控制項不計。"
						      : "A control takes the worst status of the checks that evidence it (not met > to confirm > met); not-applicable and uncovered controls are left out.");
			}
		}
	}

	/* what to fix first */
	size_t top = r->nfindings < 8 ? r->nfindings : 8;
	if (top) {
		text(d, FC_RB_H3, zh ? "優先改善事項" : "Fix first");
		struct tb tb;
		const char *h[] = {zh ? "嚴重程度" : "Severity", zh ? "缺失" : "Finding", zh ? "對象" : "Object", zh ? "改善期限" : "Due"};
		const double w[] = {1, 5, 2.5, 1.6};
		table_new(d, &tb, 4, h, w, top);
		for (size_t i = 0; i < top; i++) {
			const struct fc_finding *f = r->findings[i];
			const char *row[] = {fc_severity_label(f->severity, zh), fc_check_title(f->check, zh), f->object, date_s(d, f->due)};
			table_row(d, &tb, f->severity, row);
		}
		if (tb.t)
			tb.t->sev_col = 0;
		table_end(d, &tb);
	}
}

/* 一 評估人員資格 */
static void sec_assessors(struct fc_rdoc *d, const struct fc_run *r)
{
	bool zh = d->zh;
	const struct fc_bundle *b = r->bundle;
	section(d, zh ? "一、評估人員資格" : "1. Assessor qualifications");
	size_t n = 0, k = 0;
	const struct fc_record *x;
	while ((x = fc_record_next(b, "assessor", &k)))
		n++;
	if (!n) {
		text(d, FC_RB_PARA, zh ? "records/ 未提供評估人員資格紀錄（assessor），評估人員資格及獨立性應由評估單位另行檢附。"
				      : "No assessor record in records/: the assessing unit must attach its qualifications and independence.");
	} else {
		text(d, FC_RB_PARA, zh ? "評估單位及人員之資格（評估辦法評估單位二：(一)資安管理知識、(二)資安技術能力、(三)模擬駭客攻擊能力、(四)金融領域經驗）及獨立性如下："
				      : "Assessors' qualifications ((1) security management, (2) technical security, (3) offensive testing, (4) financial-sector experience) and independence:");
		struct tb tb;
		const char *h[] = {zh ? "姓名" : "Name", zh ? "單位" : "Organisation", zh ? "獨立性" : "Independent",
				   zh ? "證照" : "Certifications", zh ? "金融領域經驗" : "Finance experience", zh ? "保密切結" : "NDA",
				   zh ? "來源" : "Source"};
		const double w[] = {2, 2.4, 1, 2.6, 1.2, 1, 2.2};
		table_new(d, &tb, 7, h, w, n);
		k = 0;
		while ((x = fc_record_next(b, "assessor", &k))) {
			const char *row[] = {fc_record_str(x, "name"), fc_record_str(x, "organization"),
					     tf(fc_record_bool(x, "independent"), zh), list_join(d, x, "certifications"),
					     tf(fc_record_bool(x, "finance_experience"), zh), tf(fc_record_bool(x, "nda_signed"), zh),
					     S(d, "%s:%ld", x->ref.file, x->ref.line)};
			table_row(d, &tb, -1, row);
		}
		table_end(d, &tb);
	}
	result_note(d, r, "program.assessor_qualification");
	text(d, FC_RB_NOTE, S(d, zh ? "自動化檢查工具：fincheck %s（檢查規則及參數見評估紀錄）" : "Automated checks: fincheck %s (rules and parameters in the assessment record)", FC_VERSION));
}

/* 二 評估範圍 */
static void sec_scope(struct fc_rdoc *d, const struct fc_run *r)
{
	bool zh = d->zh;
	const struct fc_bundle *b = r->bundle;
	section(d, zh ? "二、評估範圍" : "2. Scope");
	text(d, FC_RB_PARA,
	     S(d, zh ? "評估範圍為證據包所列之電腦系統 %zu 個、主機 %zu 台、同類設備 %zu 台、端點設備 %zu 台、帳號 %zu 個，以及各類紀錄 %zu 筆；證據包摘要（SHA-256）%s。"
		     : "The scope is the evidence bundle: %zu systems, %zu hosts, %zu fleet devices, %zu endpoints, %zu accounts and %zu records; bundle digest (SHA-256) %s.",
	       b->systems.n, b->hosts.n, b->devices.n, b->endpoints.n, b->accounts.n, b->records.n, d->digest));
	if (b->systems.n) {
		struct tb tb;
		const char *h[] = {zh ? "系統" : "System", zh ? "名稱" : "Name", zh ? "類別" : "Category", zh ? "核心" : "Core",
				   zh ? "對外服務" : "Internet", zh ? "負責單位" : "Owner", zh ? "上次評估" : "Last assessed"};
		const double w[] = {1.6, 2.6, 0.8, 0.8, 0.9, 2.2, 1.6};
		table_new(d, &tb, 7, h, w, b->systems.n);
		for (size_t i = 0; i < b->systems.n; i++) {
			const struct fc_system *s = &b->systems.v[i];
			const char *row[] = {s->id, s->name, s->category ? S(d, "%d", s->category) : "-", tf(s->core, zh),
					     tf(s->internet_facing, zh), s->owner, date_s(d, s->last_assessed)};
			table_row(d, &tb, -1, row);
		}
		table_end(d, &tb);
	} else {
		text(d, FC_RB_NOTE, zh ? "證據包未提供 inventory/systems.csv。" : "The bundle has no inventory/systems.csv.");
	}
	/* evidence read, per kind */
	struct tb tb;
	const char *h[] = {zh ? "證據類別" : "Evidence", zh ? "檔案數" : "Files", zh ? "格式錯誤" : "Malformed"};
	const double w[] = {4, 1, 1};
	table_new(d, &tb, 3, h, w, FC_EV__COUNT);
	for (int k = 0; k < FC_EV__COUNT; k++) {
		if (!b->present[k])
			continue;
		const char *row[] = {fc_evkind_name((enum fc_evkind)k), S(d, "%u", b->present[k]), S(d, "%u", b->errors[k])};
		table_row(d, &tb, b->errors[k] ? FC_SEV_HIGH : -1, row);
	}
	table_end(d, &tb);
}

/* 三 評估作業項目與標的 */
static void sec_items(struct fc_rdoc *d, const struct fc_run *r)
{
	bool zh = d->zh;
	const struct fc_bundle *b = r->bundle;
	const struct fc_catalog *cat = r->cat;
	section(d, zh ? "三、評估作業項目與標的" : "3. Assessment items and targets");
	text(d, FC_RB_PARA, zh ? "評估辦法一、(一)至(七)之評估作業項目及評估計畫規定，與執行之自動化檢查對照如下（狀態為涵蓋該項目之檢查之最差結果）："
			      : "The method's assessment items (sections (1)–(7)) and program rules, with the checks that cover them (status: the worst result among them):");
	size_t n = 0;
	for (size_t i = 0; cat && i < cat->ncontrols; i++)
		n += !strncmp(cat->controls[i].id, "SA-", 3) && strchr(cat->controls[i].id, '.');
	struct tb tb;
	const char *h[] = {zh ? "項目" : "Item", zh ? "內容" : "Description", zh ? "檢查" : "Checks", zh ? "狀態" : "Status"};
	const double w[] = {0.9, 3.6, 3.6, 1.1};
	table_new(d, &tb, 4, h, w, n);
	for (size_t i = 0; cat && i < cat->ncontrols; i++) {
		const struct fc_control *c = &cat->controls[i];
		if (strncmp(c->id, "SA-", 3) || !strchr(c->id, '.'))
			continue;
		struct fc_buf cb;
		fc_buf_init(&cb, 8192);
		int worst = -1;
		for (size_t j = 0; j < r->nresults; j++) {
			const struct fc_result *res = &r->results[j];
			for (size_t k = 0; k < res->ncontrols; k++)
				if (!strcmp(res->controls[k], c->id)) {
					fc_buf_addf(&cb, "%s%s", cb.len ? ", " : "", res->meta->id);
					if (res->status != FC_R_NA) {
						int s = res->status == FC_R_FAIL ? 3 : res->status == FC_R_ERROR ? 2 : res->status == FC_R_MANUAL ? 1 : 0;
						if (s > worst)
							worst = s;
					}
					break;
				}
		}
		static const enum fc_rstatus map[] = {FC_R_PASS, FC_R_MANUAL, FC_R_ERROR, FC_R_FAIL};
		const char *row[] = {c->id, zh ? c->title_zh : c->title_en, cb.len ? S(d, "%s", fc_buf_str(&cb)) : (zh ? "（人工評估）" : "(manual)"),
				     worst >= 0 ? fc_status_label(map[worst], zh) : (cb.len ? fc_status_label(FC_R_NA, zh) : "-")};
		fc_buf_release(&cb);
		table_row(d, &tb, worst == 3 ? FC_SEV_HIGH : -1, row);
	}
	table_end(d, &tb);
	/* the assessments on record: the targets */
	size_t k = 0, na = 0;
	const struct fc_record *x;
	while ((x = fc_record_next(b, "assessment", &k)))
		na++;
	if (na) {
		text(d, FC_RB_H3, zh ? "評估標的及紀錄" : "Targets and assessments on record");
		struct tb t2;
		const char *h2[] = {zh ? "系統" : "System", zh ? "日期" : "Date", zh ? "評估單位" : "Assessor", zh ? "完整評估" : "Full",
				    zh ? "項目數" : "Items", zh ? "報告" : "Report"};
		const double w2[] = {1.6, 1.4, 2.6, 1, 0.9, 3};
		table_new(d, &t2, 6, h2, w2, na);
		k = 0;
		while ((x = fc_record_next(b, "assessment", &k))) {
			const char *items[256];
			size_t ni = fc_record_list(x, "items", items, 256);
			const char *row[] = {fc_record_str(x, "system_id"), date_s(d, fc_record_date(x, "date")),
					     fc_record_str(x, "assessor"), tf(fc_record_bool(x, "full"), zh), ni ? S(d, "%zu", ni) : "-",
					     fc_record_str(x, "report")};
			table_row(d, &t2, -1, row);
		}
		table_end(d, &t2);
	}
}

/* 四 評估紀錄 */
static void sec_record(struct fc_rdoc *d, const struct fc_run *r, const struct fc_diag *rd)
{
	bool zh = d->zh;
	const struct fc_bundle *b = r->bundle;
	section(d, zh ? "四、評估紀錄" : "4. Assessment record");
	text(d, FC_RB_PARA, S(d, zh ? "評估基準日 %s，以 fincheck %s 執行 %zu 項檢查。各檢查之結果及理由如下；人工檢視者須由評估人員補正。"
				    : "As of %s, fincheck %s ran %zu checks. Each result and its reason follow; manual results need the assessor.",
			      d->as_of, FC_VERSION, r->nresults));
	struct tb tb;
	const char *h[] = {zh ? "檢查" : "Check", zh ? "項目" : "Title", zh ? "結果" : "Result", zh ? "缺失" : "Findings",
			   zh ? "說明" : "Reason"};
	const double w[] = {2.4, 3.2, 1, 0.8, 3.4};
	table_new(d, &tb, 5, h, w, r->nresults);
	for (size_t i = 0; i < r->nresults; i++) {
		const struct fc_result *res = &r->results[i];
		const char *row[] = {res->meta->id, fc_check_title(res->meta, zh), fc_status_label(res->status, zh),
				     S(d, "%zu", res->nfindings), res->reason};
		table_row(d, &tb, res->status == FC_R_FAIL ? FC_SEV_HIGH : res->status == FC_R_ERROR ? FC_SEV_CRITICAL : -1, row);
	}
	table_end(d, &tb);
	if (rd && rd->n) {
		text(d, FC_RB_H3, zh ? "證據檔案錯誤" : "Evidence errors");
		size_t n = rd->n < FC_REPORT_MAX_ROWS ? rd->n : FC_REPORT_MAX_ROWS;
		struct tb t2;
		const char *h2[] = {zh ? "檔案" : "File", zh ? "行" : "Line", zh ? "訊息" : "Message"};
		const double w2[] = {3, 0.8, 6};
		table_new(d, &t2, 3, h2, w2, n);
		for (size_t i = 0; i < n; i++) {
			const struct fc_diag_msg *m = &rd->v[i];
			const char *row[] = {m->file ? m->file : "-", m->line ? S(d, "%ld", m->line) : "-", m->msg};
			table_row(d, &t2, m->level == FC_DIAG_ERROR ? FC_SEV_HIGH : -1, row);
		}
		table_end(d, &t2);
	}
	if (b->unrecognized.n) {
		struct fc_buf ub;
		fc_buf_init(&ub, 1 << 16);
		for (size_t i = 0; i < b->unrecognized.n && i < 200; i++)
			fc_buf_addf(&ub, "%s%s", i ? ", " : "", b->unrecognized.v[i]);
		text(d, FC_RB_NOTE, S(d, zh ? "未能辨識之證據檔案 %zu 個：%s" : "%zu unrecognized evidence files: %s", b->unrecognized.n,
				      fc_buf_str(&ub)));
		fc_buf_release(&ub);
	}
}

static const char *ev_s(struct fc_rdoc *d, const struct fc_finding *f)
{
	if (!f->nev)
		return "-";
	if (f->ev[0].line > 0)
		return S(d, "%s:%ld%s", f->ev[0].file, f->ev[0].line, f->nev > 1 ? S(d, " (+%zu)", f->nev - 1 + f->ev_more) : "");
	return S(d, "%s", f->ev[0].file);
}

static void truncated_note(struct fc_rdoc *d, const struct fc_run *r)
{
	if (r->nfindings > FC_REPORT_MAX_ROWS)
		text(d, FC_RB_NOTE, S(d, d->zh ? "本表列出前 %d 項；全部 %zu 項見 findings.xlsx。" : "The first %d are listed; all %zu are in findings.xlsx.",
				      FC_REPORT_MAX_ROWS, r->nfindings));
}

/* 五 缺失項目 */
static void sec_findings(struct fc_rdoc *d, const struct fc_run *r)
{
	bool zh = d->zh;
	section(d, zh ? "五、缺失項目" : "5. Deficiencies found");
	if (!r->nfindings) {
		text(d, FC_RB_PARA, zh ? "本次評估未發現缺失。" : "No deficiency was found.");
		return;
	}
	size_t n = r->nfindings < FC_REPORT_MAX_ROWS ? r->nfindings : FC_REPORT_MAX_ROWS;
	struct tb tb;
	const char *h[] = {"#", zh ? "缺失" : "Finding", zh ? "對象" : "Object", zh ? "說明" : "Detail", zh ? "證據" : "Evidence",
			   zh ? "編號" : "ID"};
	const double w[] = {0.5, 2.4, 1.5, 4.2, 2.2, 1};
	table_new(d, &tb, 6, h, w, n);
	for (size_t i = 0; i < n; i++) {
		const struct fc_finding *f = r->findings[i];
		const char *row[] = {S(d, "%zu", i + 1), fc_check_title(f->check, zh), f->object, f->detail, ev_s(d, f),
				     S(d, "%.8s", f->id)};
		table_row(d, &tb, f->severity, row);
	}
	table_end(d, &tb);
	truncated_note(d, r);
}

/* 六 缺失嚴重程度 */
static void sec_severity(struct fc_rdoc *d, const struct fc_run *r)
{
	bool zh = d->zh;
	section(d, zh ? "六、缺失嚴重程度" : "6. Severity of deficiencies");
	text(d, FC_RB_PARA, zh ? "缺失依風險等級區分（評估報告二），各等級之處理時限（自評估基準日起算）如下："
			      : "Findings are graded by risk (評估報告 二); each level's time limit, counted from the as-of date:");
	const struct fc_param_val *rem = r->params ? fc_params_get(r->params, "remediation_days") : NULL;
	struct tb tb;
	const char *h[] = {zh ? "風險等級" : "Risk level", zh ? "件數" : "Findings", zh ? "處理時限（天）" : "Time limit (days)"};
	const double w[] = {2, 1, 2};
	table_new(d, &tb, 3, h, w, FC_SEV__COUNT);
	for (int s = 0; s < FC_SEV__COUNT; s++) {
		const char *days = "-";
		for (size_t k = 0; rem && k < rem->n; k++)
			if (!strcmp(rem->list[k], fc_severity_name((enum fc_severity)s)))
				days = S(d, "%.0f", rem->map_vals[k]);
		const char *row[] = {fc_severity_label((enum fc_severity)s, zh), S(d, "%zu", r->sev[s]), days};
		table_row(d, &tb, s, row);
	}
	if (tb.t)
		tb.t->sev_col = 0;
	table_end(d, &tb);
	if (!r->nfindings)
		return;
	size_t n = r->nfindings < FC_REPORT_MAX_ROWS ? r->nfindings : FC_REPORT_MAX_ROWS;
	struct tb t2;
	const char *h2[] = {"#", zh ? "風險等級" : "Risk level", zh ? "缺失" : "Finding", zh ? "對象" : "Object", zh ? "處理期限" : "Due"};
	const double w2[] = {0.5, 1, 4, 2.2, 1.4};
	table_new(d, &t2, 5, h2, w2, n);
	for (size_t i = 0; i < n; i++) {
		const struct fc_finding *f = r->findings[i];
		const char *row[] = {S(d, "%zu", i + 1), fc_severity_label(f->severity, zh), fc_check_title(f->check, zh), f->object,
				     date_s(d, f->due)};
		table_row(d, &t2, f->severity, row);
	}
	if (t2.t)
		t2.t->sev_col = 1;
	table_end(d, &t2);
	truncated_note(d, r);
}

/* 七 缺失類別 */
static void sec_category(struct fc_rdoc *d, const struct fc_run *r)
{
	bool zh = d->zh;
	section(d, zh ? "七、缺失類別" : "7. Categories of deficiencies");
	const char *areas[32];
	size_t na = 0;
	for (size_t i = 0; i < r->nresults; i++) {
		const char *a = r->results[i].meta->area;
		bool seen = false;
		for (size_t k = 0; k < na && !seen; k++)
			seen = !strcmp(areas[k], a);
		if (!seen && na < 32)
			areas[na++] = a;
	}
	struct tb tb;
	const char *h[] = {zh ? "類別" : "Category", zh ? "檢查數" : "Checks", zh ? "未通過" : "Failed",
			   fc_severity_label(FC_SEV_CRITICAL, zh), fc_severity_label(FC_SEV_HIGH, zh),
			   fc_severity_label(FC_SEV_MEDIUM, zh), fc_severity_label(FC_SEV_LOW, zh), fc_severity_label(FC_SEV_INFO, zh),
			   zh ? "合計" : "Total"};
	const double w[] = {2.2, 1, 1, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9};
	table_new(d, &tb, 9, h, w, na);
	for (size_t k = 0; k < na; k++) {
		size_t checks = 0, failed = 0, sev[FC_SEV__COUNT] = {0}, tot = 0;
		for (size_t i = 0; i < r->nresults; i++)
			if (!strcmp(r->results[i].meta->area, areas[k])) {
				checks++;
				failed += r->results[i].status == FC_R_FAIL;
			}
		for (size_t i = 0; i < r->nfindings; i++)
			if (!strcmp(r->findings[i]->check->area, areas[k])) {
				sev[r->findings[i]->severity]++;
				tot++;
			}
		const char *row[] = {area_label(areas[k], zh), S(d, "%zu", checks), S(d, "%zu", failed), S(d, "%zu", sev[0]),
				     S(d, "%zu", sev[1]), S(d, "%zu", sev[2]), S(d, "%zu", sev[3]), S(d, "%zu", sev[4]), S(d, "%zu", tot)};
		table_row(d, &tb, -1, row);
	}
	table_end(d, &tb);
}

/* The checks with findings, in the findings' order (most severe first). */
static size_t failed_checks(const struct fc_run *r, const struct fc_check_meta **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct fc_check_meta *m = r->findings[i]->check;
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = out[k] == m;
		if (!seen && n < max)
			out[n++] = m;
	}
	return n;
}

/* the controls that apply to this institution (the run decided them) */
static const char *controls_s(struct fc_rdoc *d, const struct fc_run *r, const struct fc_check_meta *m)
{
	struct fc_buf b;
	fc_buf_init(&b, 4096);
	const struct fc_result *res = fc_run_result(r, m);
	for (size_t i = 0; res && i < res->ncontrols; i++)
		fc_buf_addf(&b, "%s%s", i ? ", " : "", res->controls[i]);
	const char *s = S(d, "%s", fc_buf_str(&b));
	fc_buf_release(&b);
	return s;
}

/* 八 風險說明 */
static void sec_risk(struct fc_rdoc *d, const struct fc_run *r, const struct fc_check_meta **fc, size_t nfc)
{
	bool zh = d->zh;
	section(d, zh ? "八、風險說明" : "8. Risk description");
	if (!nfc) {
		text(d, FC_RB_PARA, zh ? "無缺失，無須說明。" : "No finding, nothing to describe.");
		return;
	}
	for (size_t i = 0; i < nfc; i++) {
		const struct fc_check_meta *m = fc[i];
		size_t n = 0;
		for (size_t k = 0; k < r->nfindings; k++)
			n += r->findings[k]->check == m;
		text(d, FC_RB_H3, S(d, "%s（%s，%zu）", fc_check_title(m, zh), fc_severity_label(m->severity, zh), n));
		text(d, FC_RB_PARA, zh ? m->risk_zh : m->risk_en);
		text(d, FC_RB_NOTE, S(d, zh ? "相關規範：%s" : "Controls: %s", controls_s(d, r, m)));
	}
}

/* 九 具體改善建議 — with each finding's risk level, control measure and
 * time limit (評估報告 二) */
static void sec_remediation(struct fc_rdoc *d, const struct fc_run *r, const struct fc_check_meta **fc, size_t nfc)
{
	bool zh = d->zh;
	section(d, zh ? "九、具體改善建議" : "9. Specific remediation");
	if (!nfc) {
		text(d, FC_RB_PARA, zh ? "無缺失，無須改善。" : "No finding, nothing to remediate.");
		return;
	}
	text(d, FC_RB_PARA, zh ? "各缺失之風險等級、控管措施（改善建議）及處理期限如下，應送稽核單位追蹤覆查，並提報董（理）事會或經其授權之經理部門。"
			      : "Each finding's risk level, control measure (remediation) and deadline follow; they go to internal audit for follow-up and to the board or the management it authorised.");
	size_t rows = 0;
	for (size_t i = 0; i < nfc; i++) {
		const struct fc_check_meta *m = fc[i];
		text(d, FC_RB_H3, fc_check_title(m, zh));
		text(d, FC_RB_PARA, S(d, zh ? "控管措施：%s" : "Control measure: %s", zh ? m->rem_zh : m->rem_en));
		size_t n = 0;
		for (size_t k = 0; k < r->nfindings; k++)
			n += r->findings[k]->check == m;
		if (rows + n > FC_REPORT_MAX_ROWS)
			n = rows < FC_REPORT_MAX_ROWS ? FC_REPORT_MAX_ROWS - rows : 0;
		if (!n)
			continue;
		struct tb tb;
		const char *h[] = {zh ? "對象" : "Object", zh ? "風險等級" : "Risk level", zh ? "處理期限" : "Deadline", zh ? "說明" : "Detail"};
		const double w[] = {1.8, 1, 1.4, 5.4};
		table_new(d, &tb, 4, h, w, n);
		for (size_t k = 0; k < r->nfindings && (!tb.t || tb.t->nrows < n); k++) {
			const struct fc_finding *f = r->findings[k];
			if (f->check != m)
				continue;
			const char *row[] = {f->object, fc_severity_label(f->severity, zh), date_s(d, f->due), f->detail};
			table_row(d, &tb, f->severity, row);
		}
		if (tb.t)
			tb.t->sev_col = 1;
		rows += n;
		table_end(d, &tb);
	}
	truncated_note(d, r);
}

/* 十 社交演練結果 */
static void sec_drill(struct fc_rdoc *d, const struct fc_run *r)
{
	bool zh = d->zh;
	const struct fc_bundle *b = r->bundle;
	section(d, zh ? "十、社交演練結果" : "10. Social-engineering drill results");
	size_t n = 0, k = 0;
	const struct fc_record *x;
	while ((x = fc_record_next(b, "social_engineering_drill", &k)))
		n++;
	if (!n) {
		text(d, FC_RB_PARA, zh ? "records/ 未提供社交工程演練紀錄（social_engineering_drill）。" : "No social_engineering_drill record in records/.");
	} else {
		struct tb tb;
		const char *h[] = {zh ? "日期" : "Date", zh ? "範圍" : "Scope", zh ? "寄送" : "Recipients", zh ? "開啟" : "Opened",
				   zh ? "點擊" : "Clicked", zh ? "點擊率" : "Click rate", zh ? "通報" : "Reported", zh ? "完成補強訓練" : "Retrained"};
		const double w[] = {1.3, 2.4, 1, 1, 1, 1, 1, 1.3};
		table_new(d, &tb, 8, h, w, n);
		k = 0;
		while ((x = fc_record_next(b, "social_engineering_drill", &k))) {
			double rec, clk, ret;
			bool hr = fc_record_num(x, "recipients", &rec), hc = fc_record_num(x, "clicked", &clk);
			bool short_ret = hc && clk > 0 && (!fc_record_num(x, "retrained", &ret) || ret < clk);
			const char *row[] = {date_s(d, fc_record_date(x, "date")), fc_record_str(x, "scope"), num_s(d, x, "recipients"),
					     num_s(d, x, "opened"), num_s(d, x, "clicked"),
					     hr && hc && rec > 0 ? S(d, "%.1f%%", 100.0 * clk / rec) : "-", num_s(d, x, "reported"),
					     num_s(d, x, "retrained")};
			table_row(d, &tb, short_ret ? FC_SEV_MEDIUM : -1, row);
		}
		table_end(d, &tb);
	}
	result_note(d, r, "gov.social_engineering_drill");
}

static const char *industry_label(const char *ind, bool zh)
{
	static const struct {
		const char *id, *zh;
	} t[] = {{"securities", "證券業"}, {"futures", "期貨業"}, {"bank", "銀行業"}, {"insurance", "保險業"}, {"listed", "上市櫃公司"}};
	if (!ind)
		return "?";
	for (size_t i = 0; zh && i < sizeof t / sizeof *t; i++)
		if (fc_strieq(ind, t[i].id))
			return t[i].zh;
	return ind;
}

enum fc_status fc_rdoc_build(const struct fc_run *r, const struct fc_diag *run_diag, const struct fc_out_opts *o,
			     struct fc_rdoc **out)
{
	*out = NULL;
	struct fc_rdoc *d = fc_calloc(1, sizeof *d);
	if (!d)
		return FC_ENOMEM;
	fc_arena_init(&d->arena);
	bool zh = d->zh = !o || o->zh;
	const struct fc_bundle *b = r->bundle;
	d->title = zh ? "電腦系統資訊安全評估報告" : "Computer System Security Assessment Report";
	d->org = b->org.name && *b->org.name ? b->org.name : "?";
	d->industry = industry_label(b->org.industry_str, zh);
	d->as_of = date_s(d, r->as_of);
	d->tool = S(d, "fincheck %s", FC_VERSION);
	d->digest = o && o->digest ? S(d, "%s", o->digest) : "-";
	struct fc_rfact *f = d->facts;
	f[d->nfacts++] = (struct fc_rfact){zh ? "檢查項目" : "Checks", S(d, "%zu", r->nresults), -1};
	f[d->nfacts++] = (struct fc_rfact){zh ? "未通過" : "Failed", S(d, "%zu", r->count[FC_R_FAIL]), FC_SEV_HIGH};
	f[d->nfacts++] = (struct fc_rfact){zh ? "人工檢視" : "Manual", S(d, "%zu", r->count[FC_R_MANUAL] + r->count[FC_R_ERROR]), -1};
	f[d->nfacts++] = (struct fc_rfact){zh ? "缺失" : "Findings", S(d, "%zu", r->nfindings), -1};
	for (int s = 0; s < FC_SEV_INFO; s++)
		f[d->nfacts++] = (struct fc_rfact){fc_severity_label((enum fc_severity)s, zh), S(d, "%zu", r->sev[s]), s};

	const struct fc_check_meta *fcm[256];
	size_t nfc = failed_checks(r, fcm, 256);
	summary(d, r);
	sec_assessors(d, r);
	sec_scope(d, r);
	sec_items(d, r);
	sec_record(d, r, run_diag);
	sec_findings(d, r);
	sec_severity(d, r);
	sec_category(d, r);
	sec_risk(d, r, fcm, nfc);
	sec_remediation(d, r, fcm, nfc);
	sec_drill(d, r);
	if (d->err) {
		enum fc_status st = d->err;
		fc_rdoc_free(d);
		return st;
	}
	*out = d;
	return FC_OK;
}

void fc_rdoc_free(struct fc_rdoc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nsec; i++)
		fc_free(d->sec[i].blocks);
	fc_free(d->sec);
	fc_arena_release(&d->arena);
	fc_free(d);
}

enum fc_status fc_report_write_buf(const char *path, const struct fc_buf *b, struct fc_diag *d)
{
	if (fc_buf_err(b)) {
		fc_diag_error(d, path, 0, 0, "%s", fc_status_str(fc_buf_err(b)));
		return fc_buf_err(b);
	}
	FILE *f = fopen(path, "wb");
	if (!f) {
		fc_diag_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
		return FC_EIO;
	}
	bool ok = fwrite(b->p ? b->p : "", 1, b->len, f) == b->len;
	ok = fclose(f) == 0 && ok;
	if (!ok) {
		fc_diag_error(d, path, 0, 0, "write error: %s", strerror(errno));
		return FC_EIO;
	}
	return FC_OK;
}
