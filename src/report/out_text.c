#include <string.h>
#include "output.h"

const char *fc_check_title(const struct fc_check_meta *m, bool zh)
{
	return zh ? m->title_zh : m->title_en;
}

const char *fc_severity_label(enum fc_severity s, bool zh)
{
	static const char *z[] = {"重大", "高", "中", "低", "資訊"};
	return zh ? z[s] : fc_severity_name(s);
}

const char *fc_status_label(enum fc_rstatus s, bool zh)
{
	static const char *z[] = {"通過", "未通過", "人工檢視", "不適用", "錯誤"};
	return zh ? z[s] : fc_rstatus_name(s);
}

static const char *sev_color(enum fc_severity s)
{
	static const char *c[] = {"\033[1;35m", "\033[1;31m", "\033[33m", "\033[36m", "\033[2m"};
	return c[s];
}

void fc_out_text(struct fc_buf *b, const struct fc_run *r, const struct fc_diag *d, const struct fc_out_opts *o)
{
	bool zh = !o || o->zh, col = o && o->color;
	const struct fc_bundle *bd = r->bundle;
	char asof[11];
	fc_date_fmt(r->as_of, asof);
	const char *reset = col ? "\033[0m" : "", *bold = col ? "\033[1m" : "";
	fc_buf_addf(b, "%sfincheck %s — %s%s\n", bold, FC_VERSION, bd->org.name ? bd->org.name : "?", reset);
	fc_buf_addf(b, zh ? "評估基準日 %s　業別 %s%s%s\n" : "as of %s, industry %s%s%s\n", asof,
		    bd->org.industry_str ? bd->org.industry_str : "?", bd->org.tier_label ? (zh ? "　級別 " : ", tier ") : "",
		    bd->org.tier_label ? bd->org.tier_label : "");
	fc_buf_addf(b, zh ? "檢查項目 %zu：通過 %zu、未通過 %zu、人工檢視 %zu、不適用 %zu、錯誤 %zu\n"
			  : "%zu checks: %zu pass, %zu fail, %zu manual, %zu not applicable, %zu error\n",
		    r->nresults, r->count[FC_R_PASS], r->count[FC_R_FAIL], r->count[FC_R_MANUAL], r->count[FC_R_NA],
		    r->count[FC_R_ERROR]);
	fc_buf_addf(b, zh ? "缺失 %zu 項：重大 %zu、高 %zu、中 %zu、低 %zu、資訊 %zu\n\n"
			  : "%zu findings: %zu critical, %zu high, %zu medium, %zu low, %zu info\n\n",
		    r->nfindings, r->sev[0], r->sev[1], r->sev[2], r->sev[3], r->sev[4]);
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct fc_finding *f = r->findings[i];
		char due[11];
		fc_date_fmt(f->due, due);
		fc_buf_addf(b, "%s[%s]%s %s %s — %s\n", col ? sev_color(f->severity) : "",
			    fc_severity_label(f->severity, zh), reset, f->check->id, fc_check_title(f->check, zh),
			    f->object);
		fc_buf_addf(b, "    %s\n", f->detail);
		for (size_t e = 0; e < f->nev && e < 3; e++) {
			if (f->ev[e].line > 0)
				fc_buf_addf(b, "    %s:%ld", f->ev[e].file, f->ev[e].line);
			else
				fc_buf_addf(b, "    %s", f->ev[e].file);
			if (f->ev[e].excerpt) {
				/* at most 100 bytes, cut on a UTF-8 character boundary */
				const char *x = f->ev[e].excerpt;
				size_t n = strlen(x);
				if (n > 100) {
					n = 100;
					while (n && ((unsigned char)x[n] & 0xC0) == 0x80)
						n--;
				}
				fc_buf_adds(b, ": ");
				fc_buf_add(b, x, n);
			}
			fc_buf_addc(b, '\n');
		}
		if (f->nev > 3 || f->ev_more)
			fc_buf_addf(b, zh ? "    …另 %zu 筆證據\n" : "    … %zu more evidence\n", f->nev - (f->nev > 3 ? 3 : f->nev) + f->ev_more);
		fc_buf_addf(b, zh ? "    控制項 " : "    controls ");
		const struct fc_result *res = fc_run_result(r, f->check);
		for (size_t k = 0; res && k < res->ncontrols; k++)
			fc_buf_addf(b, "%s%s", k ? ", " : "", res->controls[k]);
		if (due[0])
			fc_buf_addf(b, zh ? "　改善期限 %s" : "; due %s", due);
		fc_buf_addf(b, "  [%.12s]\n", f->id);
	}
	size_t nman = 0;
	for (size_t i = 0; i < r->nresults; i++)
		if (r->results[i].status == FC_R_MANUAL || r->results[i].status == FC_R_ERROR)
			nman++;
	if (nman) {
		fc_buf_addf(b, zh ? "\n需人工檢視或無法評估（%zu）：\n" : "\nNeeds a person or could not be evaluated (%zu):\n", nman);
		for (size_t i = 0; i < r->nresults; i++) {
			const struct fc_result *res = &r->results[i];
			if (res->status != FC_R_MANUAL && res->status != FC_R_ERROR)
				continue;
			fc_buf_addf(b, "  %-9s %s %s: %s\n", fc_status_label(res->status, zh), res->meta->id,
				    fc_check_title(res->meta, zh), res->reason ? res->reason : "");
		}
	}
	if (bd->unrecognized.n) {
		fc_buf_addf(b, zh ? "\n未能辨識之證據檔案（%zu）：\n" : "\nUnrecognized evidence (%zu):\n", bd->unrecognized.n);
		for (size_t i = 0; i < bd->unrecognized.n; i++)
			fc_buf_addf(b, "  %s\n", bd->unrecognized.v[i]);
	}
	if (d && d->errors)
		fc_buf_addf(b, zh ? "\n證據檔案錯誤 %zu 項（詳見標準錯誤輸出）\n" : "\n%zu evidence errors (see stderr)\n", d->errors);
}

void fc_xml_escape(struct fc_buf *b, const char *s)
{
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '<': fc_buf_adds(b, "&lt;"); break;
		case '>': fc_buf_adds(b, "&gt;"); break;
		case '&': fc_buf_adds(b, "&amp;"); break;
		case '"': fc_buf_adds(b, "&quot;"); break;
		case '\'': fc_buf_adds(b, "&#39;"); break;
		default:
			if (*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r')
				fc_buf_adds(b, "\xEF\xBF\xBD"); /* not allowed in XML 1.0 */
			else
				fc_buf_addc(b, (char)*p);
		}
	}
}
