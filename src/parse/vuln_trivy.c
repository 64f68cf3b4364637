/*
 * Trivy JSON — schema 1 (a bare array of results), schema 2 (ArtifactName,
 * Metadata, Results[] with Vulnerabilities, Misconfigurations, Secrets) and
 * the Kubernetes report (ClusterName, Vulnerabilities / Misconfigurations /
 * Resources lists of {Namespace, Kind, Name, Results}).
 *
 * Parsed with jansson (files are small; capped at FC_VULN_MAX_JSON).
 * jansson keeps no positions, so one pass over the text records where
 * each object starts, in document order; a pre-order walk of the tree
 * (jansson keeps object keys in document order; duplicate keys are
 * refused so nothing is dropped) pairs every object with its line.
 *
 * The scanned thing: ArtifactName (an image, a path, a host for
 * `trivy rootfs` / `trivy vm`), matched to the inventory — or the file
 * stem when the artifact name is not an inventory host (scans/web01.json).
 * Its date: CreatedAt (schema 2 since Trivy 0.48); older files are undated.
 */
#include <jansson.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "../core/mem.h"
#include "../core/strutil.h"
#include "vuln_xml.h"

struct objpos {
	const json_t *o;
	size_t off;
	long line;
};

struct tstate {
	struct fc_vparse *p;
	const char *text;
	size_t n;
	size_t *offs;		/* object starts in document order */
	long *lines;
	size_t nobj;
	struct objpos *pos;	/* sorted by pointer */
	size_t npos, cap;
	struct fc_vbatch bt;
	enum fc_status st;
	bool overflow;
};

static enum fc_status index_text(struct tstate *s)
{
	size_t cap = 1024, n = 0;
	long line = 1;
	s->offs = fc_malloc(cap * sizeof(size_t));
	s->lines = fc_malloc(cap * sizeof(long));
	if (!s->offs || !s->lines)
		return FC_ENOMEM;
	bool in_str = false;
	for (size_t i = 0; i < s->n; i++) {
		char c = s->text[i];
		if (c == '\n')
			line++;
		if (in_str) {
			if (c == '\\')
				i++; /* an escaped char (never a newline in valid JSON) */
			else if (c == '"')
				in_str = false;
			continue;
		}
		if (c == '"')
			in_str = true;
		else if (c == '{') {
			if (n == cap) {
				size_t *no = fc_reallocarray(s->offs, cap * 2, sizeof(size_t));
				if (!no)
					return FC_ENOMEM;
				s->offs = no;
				long *nl = fc_reallocarray(s->lines, cap * 2, sizeof(long));
				if (!nl)
					return FC_ENOMEM;
				s->lines = nl;
				cap *= 2;
			}
			s->offs[n] = i;
			s->lines[n] = line;
			n++;
		}
	}
	s->nobj = n;
	return FC_OK;
}

/* Pre-order: pair each object with the next '{' of the text. */
static void walk(struct tstate *s, const json_t *j, size_t *k, int depth)
{
	if (s->st || s->overflow)
		return;
	if (depth > 4 * FC_MAX_NESTING) {
		/* deeper than any report; the line index would be off */
		s->overflow = true;
		return;
	}
	if (json_is_object(j)) {
		if (*k < s->nobj) {
			if (s->npos == s->cap) {
				size_t nc = s->cap ? s->cap * 2 : 256;
				struct objpos *np = fc_reallocarray(s->pos, nc, sizeof(*np));
				if (!np) {
					s->st = FC_ENOMEM;
					return;
				}
				s->pos = np;
				s->cap = nc;
			}
			s->pos[s->npos].o = j;
			s->pos[s->npos].off = s->offs[*k];
			s->pos[s->npos].line = s->lines[*k];
			s->npos++;
		}
		(*k)++;
		const char *key;
		json_t *v;
		json_object_foreach((json_t *)j, key, v) walk(s, v, k, depth + 1);
	} else if (json_is_array(j)) {
		size_t i;
		json_t *v;
		json_array_foreach(j, i, v) walk(s, v, k, depth + 1);
	}
}

static int cmp_pos(const void *a, const void *b)
{
	const struct objpos *x = a, *y = b;
	return x->o < y->o ? -1 : x->o > y->o;
}

static const struct objpos *pos_of(const struct tstate *s, const json_t *o)
{
	struct objpos key = {o, 0, 0};
	return bsearch(&key, s->pos, s->npos, sizeof(*s->pos), cmp_pos);
}

static const char *jstr(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v && *v ? v : NULL;
}

static enum fc_severity sev_of(const char *t)
{
	if (!t)
		return FC_SEV_INFO;
	if (fc_strieq(t, "critical"))
		return FC_SEV_CRITICAL;
	if (fc_strieq(t, "high"))
		return FC_SEV_HIGH;
	if (fc_strieq(t, "medium"))
		return FC_SEV_MEDIUM;
	if (fc_strieq(t, "low"))
		return FC_SEV_LOW;
	return FC_SEV_INFO; /* UNKNOWN */
}

/* Evidence: the line of the item's key field within its object. */
static void excerpt_at(struct tstate *s, const json_t *o, const char *key, struct fc_vobs *ob)
{
	const struct objpos *ps = pos_of(s, o);
	if (!ps)
		return;
	ob->line = ps->line;
	char pat[64];
	int pn = snprintf(pat, sizeof pat, "\"%s\"", key);
	size_t end = ps->off + 8192 < s->n ? ps->off + 8192 : s->n;
	const char *at = pn > 0 ? memmem(s->text + ps->off, end - ps->off, pat, (size_t)pn) : NULL;
	const char *ls = s->text + ps->off;
	if (at) {
		for (const char *q = s->text + ps->off; q < at; q++)
			if (*q == '\n')
				ob->line++;
		ls = at;
		while (ls > s->text && ls[-1] != '\n')
			ls--;
	}
	const char *le = memchr(ls, '\n', (size_t)(s->text + s->n - ls));
	fc_vbatch_excerpt(&s->bt, ls, le ? (size_t)(le - ls) : (size_t)(s->text + s->n - ls));
}

static const char *intern(struct tstate *s, const char *v, size_t max)
{
	if (!v)
		return NULL;
	size_t n = strlen(v);
	const char *r = fc_vintern(s->p, v, n > max ? max : n);
	if (!r)
		s->st = FC_ENOMEM;
	return r;
}

static double best_cvss(const json_t *v)
{
	double best = -1;
	const json_t *cvss = json_object_get(v, "CVSS");
	const char *k;
	json_t *src;
	json_object_foreach((json_t *)cvss, k, src)
	{
		double d = json_number_value(json_object_get(src, "V3Score"));
		if (!json_is_number(json_object_get(src, "V3Score")))
			d = json_number_value(json_object_get(src, "V2Score"));
		if (d > best && d <= 10)
			best = d;
	}
	return best;
}

static struct fc_vobs *new_item(struct tstate *s, const json_t *o)
{
	struct fc_vobs *ob = fc_vbatch_new(&s->bt, s->p, 0);
	if (!ob && !s->bt.full)
		s->st = FC_ENOMEM;
	(void)o;
	return ob;
}

static void add_result(struct tstate *s, const json_t *r)
{
	const char *target = jstr(r, "Target");
	const json_t *a;
	size_t i;
	json_t *v;
	a = json_object_get(r, "Vulnerabilities");
	json_array_foreach(a, i, v)
	{
		if (!json_is_object(v) || s->st)
			continue;
		struct fc_vobs *ob = new_item(s, v);
		if (!ob)
			return;
		const char *id = jstr(v, "VulnerabilityID");
		const char *pkg = jstr(v, "PkgName"), *iv = jstr(v, "InstalledVersion"), *fv = jstr(v, "FixedVersion");
		ob->kind = FC_VK_VULN;
		ob->sev = sev_of(jstr(v, "Severity"));
		ob->cvss = best_cvss(v);
		ob->id = intern(s, id, 128);
		ob->name = intern(s, jstr(v, "Title") ? jstr(v, "Title") : id, 300);
		char buf[400];
		if (pkg) {
			snprintf(buf, sizeof buf, "%s %s -> %s", pkg, iv ? iv : "?", fv ? fv : "(no fix yet)");
			ob->pkg = intern(s, buf, sizeof buf);
		}
		if (pkg && fv) {
			snprintf(buf, sizeof buf, "Upgrade %s to %s", pkg, fv);
			ob->solution = intern(s, buf, sizeof buf);
		}
		if (id)
			s->st = s->st ? s->st : fc_vbatch_cves(&s->bt, s->p, id, strlen(id));
		excerpt_at(s, v, "VulnerabilityID", ob);
		if (!id)
			fc_vparse_error(s->p, ob->line, 0, "a vulnerability without VulnerabilityID");
	}
	a = json_object_get(r, "Misconfigurations");
	json_array_foreach(a, i, v)
	{
		if (!json_is_object(v) || s->st)
			continue;
		const char *status = jstr(v, "Status");
		if (status && strcmp(status, "FAIL"))
			continue; /* PASS / EXCEPTION results of --include-non-failures */
		struct fc_vobs *ob = new_item(s, v);
		if (!ob)
			return;
		const char *id = jstr(v, "AVDID") ? jstr(v, "AVDID") : jstr(v, "ID");
		ob->kind = FC_VK_MISCONFIG;
		ob->sev = sev_of(jstr(v, "Severity"));
		ob->id = intern(s, id, 128);
		ob->name = intern(s, jstr(v, "Title") ? jstr(v, "Title") : id, 300);
		ob->solution = intern(s, jstr(v, "Resolution"), 512);
		ob->pkg = intern(s, target, 300);
		excerpt_at(s, v, jstr(v, "AVDID") ? "AVDID" : "ID", ob);
	}
	a = json_object_get(r, "Secrets");
	json_array_foreach(a, i, v)
	{
		if (!json_is_object(v) || s->st)
			continue;
		struct fc_vobs *ob = new_item(s, v);
		if (!ob)
			return;
		ob->kind = FC_VK_SECRET;
		ob->sev = sev_of(jstr(v, "Severity"));
		ob->id = intern(s, jstr(v, "RuleID"), 128);
		ob->name = intern(s, jstr(v, "Title") ? jstr(v, "Title") : jstr(v, "RuleID"), 300);
		char buf[400];
		json_int_t line = json_integer_value(json_object_get(v, "StartLine"));
		snprintf(buf, sizeof buf, "%s:%lld", target ? target : "?", (long long)line);
		ob->pkg = intern(s, buf, sizeof buf);
		ob->solution = "Remove the secret from the artifact and rotate it";
		/* the line of the rule; the excerpt never carries the match */
		excerpt_at(s, v, "RuleID", ob);
		s->bt.ex.len = ob->ex_at_;
		snprintf(buf, sizeof buf, "\"RuleID\": \"%s\"", ob->id ? ob->id : "?");
		fc_vbatch_excerpt(&s->bt, buf, strlen(buf));
	}
}

static void add_results(struct tstate *s, const json_t *results)
{
	size_t i;
	json_t *r;
	json_array_foreach(results, i, r)
	{
		if (s->st)
			return;
		if (!json_is_object(r)) {
			fc_vparse_error(s->p, 0, 0, "Results[%zu] is not an object", i);
			continue;
		}
		add_result(s, r);
	}
}

static void commit(struct tstate *s, const char *name, const char *os, int32_t day, long line)
{
	if (s->st)
		return;
	struct fc_vhost h = {0};
	struct fc_ip ip;
	if (name && fc_ip_parse(name, strlen(name), &ip))
		h.ip = name;
	else
		h.name = name ? name : s->p->stem;
	h.alt_name = s->p->stem;
	h.os = os;
	h.day = day;
	h.line = line;
	s->st = fc_vbatch_commit(&s->bt, s->p, &h);
}

static void k8s_list(struct tstate *s, const json_t *list, int32_t day)
{
	size_t i;
	json_t *res;
	json_array_foreach(list, i, res)
	{
		if (!json_is_object(res) || s->st)
			continue;
		char name[400];
		snprintf(name, sizeof name, "%s/%s/%s", jstr(res, "Namespace") ? jstr(res, "Namespace") : "-",
			 jstr(res, "Kind") ? jstr(res, "Kind") : "-", jstr(res, "Name") ? jstr(res, "Name") : "-");
		add_results(s, json_object_get(res, "Results"));
		const struct objpos *ps = pos_of(s, res);
		commit(s, name, NULL, day, ps ? ps->line : 0);
	}
}

enum fc_status fc_vuln_parse_trivy(struct fc_vparse *p, const char *text, size_t n)
{
	struct tstate s;
	memset(&s, 0, sizeof(s));
	s.p = p;
	s.text = text;
	s.n = n;
	fc_vbatch_init(&s.bt);
	json_t *root = NULL;
	struct fc_scan *sc = fc_vparse_scan(p);
	if (n > FC_VULN_MAX_JSON) {
		fc_vparse_error(p, 0, 0, "Trivy JSON larger than %zu MiB", FC_VULN_MAX_JSON >> 20);
		goto out;
	}
	json_set_alloc_funcs(fc_malloc, fc_free);
	json_error_t err;
	root = json_loadb(text, n, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		fc_vparse_error(p, err.line > 0 ? err.line : 0, err.column > 0 ? err.column : 0, "malformed JSON: %s",
				err.text);
		goto out;
	}
	if ((s.st = index_text(&s)))
		goto out;
	size_t k = 0;
	walk(&s, root, &k, 0);
	if (s.st)
		goto out;
	if (s.overflow) {
		fc_vparse_error(p, 1, 0, "JSON nested deeper than %d levels", 4 * FC_MAX_NESTING);
		goto out;
	}
	fc_qsort(s.pos, s.npos, sizeof(*s.pos), cmp_pos);
	sc->finds_vulns = true;
	if (json_is_array(root)) {
		/* schema 1: no artifact name and no date */
		add_results(&s, root);
		commit(&s, p->stem, NULL, FC_NO_DATE, 1);
		goto out;
	}
	if (!json_is_object(root)) {
		fc_vparse_error(p, 1, 1, "not a Trivy report: expected an object or an array");
		goto out;
	}
	const char *created = jstr(root, "CreatedAt");
	if (created) {
		int64_t ts;
		bool never;
		if (fc_ts_parse(created, &ts, &never) && !never)
			sc->day = fc_ts_day(ts);
		else
			fc_vparse_error(p, 0, 0, "CreatedAt '%.40s' is not a timestamp", created);
	}
	const json_t *results = json_object_get(root, "Results");
	const char *cluster = jstr(root, "ClusterName");
	if (json_is_array(results)) {
		const char *art = jstr(root, "ArtifactName");
		if (art && (!strcmp(art, ".") || !strcmp(art, "/")))
			art = NULL; /* `trivy fs .` / `trivy rootfs /`: the file names the host */
		sc->name = intern(&s, art, 200);
		const json_t *osj = json_object_get(json_object_get(root, "Metadata"), "OS");
		char os[160] = "";
		if (json_is_object(osj)) {
			snprintf(os, sizeof os, "%s %s", jstr(osj, "Family") ? jstr(osj, "Family") : "",
				 jstr(osj, "Name") ? jstr(osj, "Name") : "");
			/* end of service life of the base OS (SA-6.4) */
			if (json_is_true(json_object_get(osj, "EOSL"))) {
				struct fc_vobs *ob = new_item(&s, osj);
				if (ob) {
					ob->kind = FC_VK_VULN;
					ob->id = "trivy:os-eosl";
					ob->name = intern(&s, os, sizeof os);
					ob->eos = true;
					ob->sev = FC_SEV_INFO;
					ob->solution = "Move to a supported OS release";
					excerpt_at(&s, osj, "EOSL", ob);
				}
			}
		}
		add_results(&s, results);
		const struct objpos *ps = pos_of(&s, root);
		commit(&s, art, os[0] ? os : NULL, FC_NO_DATE, ps ? ps->line : 1);
	} else if (cluster || json_is_array(json_object_get(root, "Resources")) ||
		   json_is_array(json_object_get(root, "Vulnerabilities")) ||
		   json_is_array(json_object_get(root, "Misconfigurations"))) {
		sc->name = intern(&s, cluster, 200);
		k8s_list(&s, json_object_get(root, "Vulnerabilities"), FC_NO_DATE);
		k8s_list(&s, json_object_get(root, "Misconfigurations"), FC_NO_DATE);
		k8s_list(&s, json_object_get(root, "Resources"), FC_NO_DATE);
	} else
		fc_vparse_error(p, 1, 1, "not a Trivy report: no Results, Resources or Vulnerabilities");
	if (sc->day == FC_NO_DATE && !p->bad)
		fc_diag_warn(p->b->diag, p->rel, 1, 0,
			     "no scan date (CreatedAt) in this Trivy report: its findings have no first-seen date");
out:
	if (root)
		json_decref(root);
	fc_free(s.offs);
	fc_free(s.lines);
	fc_free(s.pos);
	fc_vbatch_release(&s.bt);
	return s.st;
}
