/* oscal-assessment-results.json: an OSCAL 1.1 assessment-results document
 * (NIST OSCAL, assessment layer) for exchange with GRC tools.  One result
 * for the run: the reviewed controls (every control a check that applied
 * evidences), one observation and one finding per fincheck finding, and one
 * risk per finding carrying the remediation and the deadline.
 *
 * UUIDs are RFC 4122 version 5 (SHA-1) names under a fixed fincheck
 * namespace, derived from the finding's stable id, so the same deficiency
 * has the same OSCAL uuid run after run and tools can track it.
 * Timestamps are the as-of date at 00:00 Asia/Taipei, so the document is
 * reproducible. */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include "../core/json.h"
#include "report_doc.h"

/* fincheck's UUID namespace: 5b0e8f3a-1c2d-4e6f-8a9b-0c1d2e3f4a5b */
static const unsigned char ns_fincheck[16] = {0x5b, 0x0e, 0x8f, 0x3a, 0x1c, 0x2d, 0x4e, 0x6f,
					      0x8a, 0x9b, 0x0c, 0x1d, 0x2e, 0x3f, 0x4a, 0x5b};

void fc_uuid5(const char *name, char out[37])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	bool ok = c && EVP_DigestInit_ex(c, EVP_sha1(), NULL) && EVP_DigestUpdate(c, ns_fincheck, 16) &&
		  EVP_DigestUpdate(c, name, strlen(name)) && EVP_DigestFinal_ex(c, md, &len) && len >= 16;
	EVP_MD_CTX_free(c);
	if (!ok)
		memset(md, 0, sizeof md);
	md[6] = (unsigned char)((md[6] & 0x0F) | 0x50); /* version 5 */
	md[8] = (unsigned char)((md[8] & 0x3F) | 0x80); /* RFC 4122 variant */
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[md[i] >> 4];
		out[o++] = hex[md[i] & 15];
	}
	out[o] = '\0';
}

static void kuuid(struct fc_json *j, const char *key, const char *kind, const char *id)
{
	char name[256], u[37];
	snprintf(name, sizeof name, "%s:%s", kind, id);
	fc_uuid5(name, u);
	fc_json_kstr(j, key, u);
}

static void prop(struct fc_json *j, const char *name, const char *value)
{
	if (!value || !*value)
		return; /* OSCAL props need a non-empty value */
	fc_json_obj(j);
	fc_json_kstr(j, "name", name);
	fc_json_kstr(j, "ns", "https://fincheck.invalid/ns/oscal");
	fc_json_kstr(j, "value", value);
	fc_json_obj_end(j);
}

void fc_report_oscal(struct fc_buf *b, const struct fc_run *r, const struct fc_out_opts *o)
{
	bool zh = !o || o->zh;
	const struct fc_bundle *bd = r->bundle;
	char asof[11], ts[40], due[11];
	fc_date_fmt(r->as_of, asof);
	snprintf(ts, sizeof ts, "%sT00:00:00+08:00", asof[0] ? asof : "1970-01-01");
	const char *org = bd->org.name && *bd->org.name ? bd->org.name : "unknown";
	char runkey[200];
	snprintf(runkey, sizeof runkey, "%s|%s|%s", org, asof, o && o->digest ? o->digest : "");

	struct fc_json j;
	fc_json_init(&j, b, true);
	fc_json_obj(&j);
	fc_json_key(&j, "assessment-results");
	fc_json_obj(&j);
	kuuid(&j, "uuid", "assessment-results", runkey);
	fc_json_key(&j, "metadata");
	fc_json_obj(&j);
	fc_json_kstr(&j, "title", zh ? "電腦系統資訊安全評估結果" : "Computer system security assessment results");
	fc_json_kstr(&j, "last-modified", ts);
	fc_json_kstr(&j, "version", FC_VERSION);
	fc_json_kstr(&j, "oscal-version", "1.1.2");
	fc_json_key(&j, "parties");
	fc_json_arr(&j);
	fc_json_obj(&j);
	kuuid(&j, "uuid", "party", org);
	fc_json_kstr(&j, "type", "organization");
	fc_json_kstr(&j, "name", org);
	fc_json_obj_end(&j);
	fc_json_arr_end(&j);
	fc_json_obj_end(&j);
	fc_json_key(&j, "import-ap");
	fc_json_obj(&j);
	fc_json_kstr(&j, "href", "#fincheck-assessment-plan");
	fc_json_obj_end(&j);

	fc_json_key(&j, "results");
	fc_json_arr(&j);
	fc_json_obj(&j);
	kuuid(&j, "uuid", "result", runkey);
	fc_json_kstr(&j, "title", zh ? "fincheck 自動化檢查結果" : "fincheck automated assessment");
	char desc[512];
	snprintf(desc, sizeof desc,
		 zh ? "%s，評估基準日 %s：%zu 項檢查，%zu 項未通過，%zu 項須人工檢視，缺失 %zu 項。" :
		      "%s as of %s: %zu checks, %zu failed, %zu need a person, %zu findings.",
		 org, asof, r->nresults, r->count[FC_R_FAIL], r->count[FC_R_MANUAL] + r->count[FC_R_ERROR], r->nfindings);
	fc_json_kstr(&j, "description", desc);
	fc_json_kstr(&j, "start", ts);
	fc_json_kstr(&j, "end", ts);

	/* the controls a check that applied evidences (each once) */
	fc_json_key(&j, "reviewed-controls");
	fc_json_obj(&j);
	fc_json_key(&j, "control-selections");
	fc_json_arr(&j);
	fc_json_obj(&j);
	fc_json_key(&j, "include-controls");
	fc_json_arr(&j);
	const struct fc_catalog *cat = r->cat;
	for (size_t c = 0; cat && c < cat->ncontrols; c++) {
		const char *id = cat->controls[c].id;
		bool used = false;
		for (size_t i = 0; i < r->nresults && !used; i++) {
			if (r->results[i].status == FC_R_NA)
				continue;
			for (size_t k = 0; k < r->results[i].ncontrols && !used; k++)
				used = !strcmp(r->results[i].controls[k], id);
		}
		if (!used)
			continue;
		fc_json_obj(&j);
		fc_json_kstr(&j, "control-id", id);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	fc_json_obj_end(&j);
	fc_json_arr_end(&j);
	fc_json_obj_end(&j);

	if (r->nfindings) {
		fc_json_key(&j, "observations");
		fc_json_arr(&j);
		for (size_t i = 0; i < r->nfindings; i++) {
			const struct fc_finding *f = r->findings[i];
			fc_json_obj(&j);
			kuuid(&j, "uuid", "observation", f->id);
			fc_json_kstr(&j, "title", fc_check_title(f->check, zh));
			fc_json_kstr(&j, "description", f->detail);
			fc_json_key(&j, "props");
			fc_json_arr(&j);
			prop(&j, "check", f->check->id);
			prop(&j, "object-type", f->object_type);
			prop(&j, "object", f->object);
			prop(&j, "system", f->system_id);
			fc_json_arr_end(&j);
			fc_json_key(&j, "methods");
			fc_json_arr(&j);
			fc_json_str(&j, f->check->coverage == FC_COV_AUTOMATED ? "TEST" : "EXAMINE");
			fc_json_arr_end(&j);
			fc_json_key(&j, "types");
			fc_json_arr(&j);
			fc_json_str(&j, "finding");
			fc_json_arr_end(&j);
			if (f->nev) {
				fc_json_key(&j, "relevant-evidence");
				fc_json_arr(&j);
				for (size_t e = 0; e < f->nev; e++) {
					char where[1200];
					if (f->ev[e].line > 0)
						snprintf(where, sizeof where, "%s:%ld%s%s", f->ev[e].file, f->ev[e].line,
							 f->ev[e].excerpt ? ": " : "", f->ev[e].excerpt ? f->ev[e].excerpt : "");
					else
						snprintf(where, sizeof where, "%s", f->ev[e].file);
					fc_json_obj(&j);
					fc_json_kstr(&j, "description", where);
					fc_json_obj_end(&j);
				}
				fc_json_arr_end(&j);
			}
			fc_json_kstr(&j, "collected", ts);
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);

		fc_json_key(&j, "risks");
		fc_json_arr(&j);
		for (size_t i = 0; i < r->nfindings; i++) {
			const struct fc_finding *f = r->findings[i];
			fc_json_obj(&j);
			kuuid(&j, "uuid", "risk", f->id);
			fc_json_kstr(&j, "title", fc_check_title(f->check, zh));
			fc_json_kstr(&j, "description", zh ? f->check->risk_zh : f->check->risk_en);
			fc_json_kstr(&j, "statement", zh ? f->check->rem_zh : f->check->rem_en);
			fc_json_key(&j, "props");
			fc_json_arr(&j);
			prop(&j, "severity", fc_severity_name(f->severity));
			fc_json_arr_end(&j);
			fc_json_kstr(&j, "status", "open");
			fc_date_fmt(f->due, due);
			if (due[0]) {
				char dts[40];
				snprintf(dts, sizeof dts, "%sT23:59:59+08:00", due);
				fc_json_kstr(&j, "deadline", dts);
			}
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);

		fc_json_key(&j, "findings");
		fc_json_arr(&j);
		for (size_t i = 0; i < r->nfindings; i++) {
			const struct fc_finding *f = r->findings[i];
			char u[37];
			fc_json_obj(&j);
			kuuid(&j, "uuid", "finding", f->id);
			fc_json_kstr(&j, "title", fc_check_title(f->check, zh));
			fc_json_kstr(&j, "description", f->detail);
			fc_json_key(&j, "props");
			fc_json_arr(&j);
			prop(&j, "fincheck-id", f->id);
			prop(&j, "severity", fc_severity_name(f->severity));
			prop(&j, "due", (fc_date_fmt(f->due, due), due));
			fc_json_arr_end(&j);
			fc_json_key(&j, "target");
			fc_json_obj(&j);
			fc_json_kstr(&j, "type", "objective-id");
			const struct fc_result *fres = fc_run_result(r, f->check);
			fc_json_kstr(&j, "target-id", fres && fres->ncontrols ? fres->controls[0] : f->check->id);
			fc_json_key(&j, "status");
			fc_json_obj(&j);
			fc_json_kstr(&j, "state", "not-satisfied");
			fc_json_obj_end(&j);
			fc_json_obj_end(&j);
			char name[64];
			fc_json_key(&j, "related-observations");
			fc_json_arr(&j);
			fc_json_obj(&j);
			snprintf(name, sizeof name, "observation:%s", f->id);
			fc_uuid5(name, u);
			fc_json_kstr(&j, "observation-uuid", u);
			fc_json_obj_end(&j);
			fc_json_arr_end(&j);
			fc_json_key(&j, "related-risks");
			fc_json_arr(&j);
			fc_json_obj(&j);
			snprintf(name, sizeof name, "risk:%s", f->id);
			fc_uuid5(name, u);
			fc_json_kstr(&j, "risk-uuid", u);
			fc_json_obj_end(&j);
			fc_json_arr_end(&j);
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);
	}
	fc_json_obj_end(&j); /* result */
	fc_json_arr_end(&j);
	fc_json_obj_end(&j);
	fc_json_obj_end(&j);
	fc_buf_addc(b, '\n');
}
