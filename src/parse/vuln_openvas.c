/*
 * OpenVAS / Greenbone (GVM) XML reports — both layouts seen in exports: the
 * GMP <get_reports_response><report> and the <report><report> download,
 * with GMP 9 (<refs><ref type="cve">, tags "solution=…") and GMP 22
 * (<severities>, <solution>, <epss>) result bodies, and the OpenVAS 8 <cve>
 * list.  Streamed with expat.
 *
 * Each <results><result> is committed as soon as it closes (the report's
 * scan_start comes before the results); the per-host <host><ip>…</host>
 * blocks after the results record coverage of hosts without findings.
 *
 * Severity: the result's <severity> score in CVSS bands (9.0 critical, 7.0
 * high, 4.0 medium, 0.1 low, 0 / negative = log / false positive = info);
 * <threat> when the score is missing.
 */
#include <stdio.h>
#include <string.h>
#include "../core/strutil.h"
#include "vuln_xml.h"

enum {
	T_NONE, T_REPORT, T_RESULTS, T_RESULT, T_HOST, T_HOSTNAME, T_PORT, T_NVT, T_NAME, T_REFS, T_REF,
	T_THREAT, T_SEVERITY, T_SOLUTION, T_CVE, T_TAGS, T_IP, T_START, T_END, T_SCAN_START, T_TIMESTAMP,
	T_CREATION, T_TASK, T_DETAIL, T_VALUE, T_GRR,
};

static int tag_of(const char *n)
{
	static const struct {
		const char *n;
		int t;
	} t[] = {
		{"report", T_REPORT}, {"results", T_RESULTS}, {"result", T_RESULT}, {"host", T_HOST},
		{"hostname", T_HOSTNAME}, {"port", T_PORT}, {"nvt", T_NVT}, {"name", T_NAME},
		{"refs", T_REFS}, {"ref", T_REF}, {"threat", T_THREAT}, {"severity", T_SEVERITY},
		{"solution", T_SOLUTION}, {"cve", T_CVE}, {"tags", T_TAGS}, {"ip", T_IP}, {"start", T_START},
		{"end", T_END}, {"scan_start", T_SCAN_START}, {"timestamp", T_TIMESTAMP},
		{"creation_time", T_CREATION}, {"task", T_TASK}, {"detail", T_DETAIL}, {"value", T_VALUE},
		{"get_reports_response", T_GRR},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (n[0] == t[i].n[0] && !strcmp(n, t[i].n))
			return t[i].t;
	return T_NONE;
}

struct ostate {
	struct fc_vxml x;
	struct fc_vbatch bt;
	bool root, in_result, in_hostblock;
	int result_depth;
	/* the current result */
	char host[256], hostname[256], port[64], threat[32], name[512], detail_name[64];
	double severity;
	bool has_sev;
	struct fc_vobs *o;
	/* a host block */
	char hip[64], hname[256], hos[128];
	int32_t hday;
	long hline;
	int32_t creation_day;
};

static void copyz(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = 0;
}

static int32_t day_of(const char *t)
{
	int64_t ts;
	bool never;
	return fc_ts_parse(t, &ts, &never) && !never ? fc_ts_day(ts) : FC_NO_DATE;
}

static enum fc_severity sev_of_threat(const char *t)
{
	if (fc_strieq(t, "critical"))
		return FC_SEV_CRITICAL;
	if (fc_strieq(t, "high"))
		return FC_SEV_HIGH;
	if (fc_strieq(t, "medium"))
		return FC_SEV_MEDIUM;
	if (fc_strieq(t, "low"))
		return FC_SEV_LOW;
	return FC_SEV_INFO; /* Log, Debug, False Positive */
}

static bool eos_name(const char *n)
{
	return fc_strcasestr(n, "end of life") || fc_strcasestr(n, "end-of-life") ||
	       fc_strcasestr(n, "unsupported");
}

static void on_start(struct fc_vxml *x, int tag, const char **a)
{
	struct ostate *s = x->ud;
	struct fc_vparse *p = x->p;
	int parent = fc_vxml_parent(x);
	if (x->depth == 1) {
		if (tag != T_REPORT && tag != T_GRR) {
			fc_vxml_fail(x, "not an OpenVAS/GVM report: unexpected root element");
			return;
		}
		s->root = true;
	}
	if (s->in_result) {
		switch (tag) {
		case T_HOST:
		case T_PORT:
		case T_THREAT:
		case T_SEVERITY:
			if (parent == T_RESULT)
				fc_vxml_capture(x);
			break;
		case T_NAME:
			if (parent == T_RESULT || parent == T_NVT)
				fc_vxml_capture(x);
			break;
		case T_HOSTNAME:
			if (parent == T_HOST) {
				/* the host's text comes before <asset/><hostname> */
				size_t n;
				const char *t = fc_vxml_text(x, &n);
				if (n && !s->host[0])
					copyz(s->host, sizeof s->host, t, n);
				fc_vxml_capture(x);
			}
			break;
		case T_NVT: {
			const char *oid = fc_vxml_attr(a, "oid");
			if (oid && s->o && !(s->o->id = fc_vintern(p, oid, strlen(oid))))
				fc_vxml_hard(x, FC_ENOMEM);
			break;
		}
		case T_REF: {
			const char *type = fc_vxml_attr(a, "type"), *id = fc_vxml_attr(a, "id");
			if (type && id && fc_strieq(type, "cve") && s->o)
				fc_vxml_hard(x, fc_vbatch_cves(&s->bt, p, id, strlen(id)));
			break;
		}
		case T_CVE:
		case T_SOLUTION:
		case T_TAGS:
			if (parent == T_NVT)
				fc_vxml_capture(x);
			break;
		}
		return;
	}
	switch (tag) {
	case T_RESULT:
		if (parent != T_RESULTS)
			break;
		s->in_result = true;
		s->result_depth = x->depth;
		s->host[0] = s->hostname[0] = s->port[0] = s->threat[0] = s->name[0] = 0;
		s->has_sev = false;
		s->o = fc_vbatch_new(&s->bt, p, fc_vxml_line(x));
		if (!s->o && !s->bt.full)
			fc_vxml_hard(x, FC_ENOMEM);
		break;
	case T_HOST:
		/* the per-host summary after the results */
		if (parent != T_REPORT)
			break;
		s->in_hostblock = true;
		s->hip[0] = s->hname[0] = s->hos[0] = 0;
		s->hday = FC_NO_DATE;
		s->hline = fc_vxml_line(x);
		break;
	case T_IP:
	case T_START:
		if (s->in_hostblock && parent == T_HOST)
			fc_vxml_capture(x);
		break;
	case T_NAME:
		if ((s->in_hostblock && parent == T_DETAIL) || (parent == T_TASK && !fc_vparse_scan(p)->name))
			fc_vxml_capture(x);
		break;
	case T_VALUE:
		if (s->in_hostblock && parent == T_DETAIL)
			fc_vxml_capture(x);
		break;
	case T_DETAIL:
		s->detail_name[0] = 0;
		break;
	case T_SCAN_START:
	case T_TIMESTAMP:
		if (parent == T_REPORT)
			fc_vxml_capture(x);
		break;
	case T_CREATION:
		if (parent == T_REPORT && x->depth == 2)
			fc_vxml_capture(x);
		break;
	}
}

static const char *solution_from_tags(const char *t, size_t *n)
{
	const char *s = strstr(t, "solution=");
	if (!s)
		return NULL;
	s += 9;
	const char *e = strchr(s, '|');
	*n = e ? (size_t)(e - s) : strlen(s);
	return s;
}

static void result_end(struct ostate *s)
{
	struct fc_vxml *x = &s->x;
	struct fc_vparse *p = x->p;
	struct fc_scan *sc = fc_vparse_scan(p);
	s->in_result = false;
	struct fc_vobs *o = s->o;
	s->o = NULL;
	if (!o)
		return;
	if (s->has_sev)
		o->sev = s->severity < 0 ? FC_SEV_INFO : fc_vuln_sev_cvss(s->severity);
	else
		o->sev = sev_of_threat(s->threat);
	if (s->has_sev && s->severity >= 0)
		o->cvss = s->severity;
	if (s->name[0]) {
		o->name = fc_vintern(p, s->name, strlen(s->name));
		o->eos = eos_name(s->name);
		fc_vbatch_excerpt(&s->bt, s->name, strlen(s->name));
	}
	/* "443/tcp" -> "tcp/443"; "general/tcp" names no port */
	char *slash = strchr(s->port, '/');
	if (slash && s->port[0] >= '0' && s->port[0] <= '9') {
		char pp[64];
		*slash = 0;
		int n = snprintf(pp, sizeof pp, "%s/%s", slash + 1, s->port);
		o->port = fc_vintern(p, pp, n > 0 && (size_t)n < sizeof pp ? (size_t)n : 0);
	}
	if (!o->id)
		o->id = o->name;
	struct fc_vhost h = {0};
	struct fc_ip ip;
	h.line = o->line;
	if (s->host[0] && fc_ip_parse(s->host, strlen(s->host), &ip))
		h.ip = s->host;
	else if (s->host[0])
		h.name = s->host;
	if (s->hostname[0])
		h.fqdn = s->hostname;
	h.day = sc->day != FC_NO_DATE ? sc->day : s->creation_day;
	if (!h.ip && !h.name && !h.fqdn)
		fc_vparse_error(p, o->line, 0, "result without a <host>");
	fc_vxml_hard(x, fc_vbatch_commit(&s->bt, p, &h));
}

static void on_end(struct fc_vxml *x, int tag)
{
	struct ostate *s = x->ud;
	struct fc_vparse *p = x->p;
	struct fc_scan *sc = fc_vparse_scan(p);
	size_t n;
	const char *t;
	int parent = fc_vxml_parent(x);
	if (s->in_result) {
		if (tag == T_RESULT && x->depth == s->result_depth) {
			result_end(s);
			return;
		}
		if (!x->capture)
			return;
		t = fc_vxml_text(x, &n);
		switch (tag) {
		case T_HOST:
			if (!s->host[0])
				copyz(s->host, sizeof s->host, t, n);
			break;
		case T_HOSTNAME:
			copyz(s->hostname, sizeof s->hostname, t, n);
			break;
		case T_PORT:
			copyz(s->port, sizeof s->port, t, n);
			break;
		case T_THREAT:
			copyz(s->threat, sizeof s->threat, t, n);
			break;
		case T_SEVERITY: {
			double d;
			if (fc_parse_double(t, &d) && d >= -10 && d <= 10) {
				s->severity = d;
				s->has_sev = true;
			} else if (n)
				fc_vparse_error(p, fc_vxml_line(x), 0, "severity '%.40s' is not a score", t);
			break;
		}
		case T_NAME:
			if (parent == T_NVT || !s->name[0])
				copyz(s->name, sizeof s->name, t, n);
			break;
		case T_CVE:
			if (s->o)
				fc_vxml_hard(x, fc_vbatch_cves(&s->bt, p, t, n));
			break;
		case T_SOLUTION:
			if (s->o && n)
				s->o->solution = fc_vintern(p, t, n > 512 ? 512 : n);
			break;
		case T_TAGS:
			if (s->o && !s->o->solution) {
				const char *so = solution_from_tags(t, &n);
				if (so && n)
					s->o->solution = fc_vintern(p, so, n > 512 ? 512 : n);
			}
			break;
		}
		return;
	}
	switch (tag) {
	case T_SCAN_START:
	case T_TIMESTAMP:
	case T_CREATION:
		if (!x->capture)
			break;
		t = fc_vxml_text(x, &n);
		if (n) {
			int32_t d = day_of(t);
			if (d == FC_NO_DATE)
				fc_vparse_error(p, fc_vxml_line(x), 0, "scan time '%.40s' is not a timestamp", t);
			else if (tag == T_CREATION)
				s->creation_day = d;
			else if (tag == T_SCAN_START || sc->day == FC_NO_DATE)
				sc->day = d;
		}
		break;
	case T_IP:
	case T_START:
	case T_NAME:
	case T_VALUE:
		if (!x->capture)
			break;
		t = fc_vxml_text(x, &n);
		if (tag == T_IP)
			copyz(s->hip, sizeof s->hip, t, n);
		else if (tag == T_START)
			s->hday = day_of(t);
		else if (tag == T_NAME && parent == T_TASK) {
			if (n)
				sc->name = fc_vintern(p, t, n);
		} else if (tag == T_NAME)
			copyz(s->detail_name, sizeof s->detail_name, t, n);
		else if (tag == T_VALUE && !strcmp(s->detail_name, "hostname") && !s->hname[0])
			copyz(s->hname, sizeof s->hname, t, n);
		else if (tag == T_VALUE && !strcmp(s->detail_name, "best_os_txt"))
			copyz(s->hos, sizeof s->hos, t, n);
		break;
	case T_HOST:
		if (s->in_hostblock && parent == T_REPORT) {
			s->in_hostblock = false;
			if (!s->hip[0])
				break;
			struct fc_vhost h = {0};
			h.ip = s->hip;
			h.fqdn = s->hname[0] ? s->hname : NULL;
			h.os = s->hos[0] ? s->hos : NULL;
			h.day = s->hday != FC_NO_DATE ? s->hday : sc->day;
			h.line = s->hline;
			if (sc->day == FC_NO_DATE)
				sc->day = s->hday;
			fc_vxml_hard(x, fc_vbatch_commit(&s->bt, p, &h));
		}
		break;
	}
}

enum fc_status fc_vuln_parse_openvas(struct fc_vparse *p, struct fc_vsrc *src)
{
	struct ostate s;
	memset(&s, 0, sizeof(s));
	fc_vbatch_init(&s.bt);
	s.creation_day = FC_NO_DATE;
	s.x.ud = &s;
	s.x.tag_of = tag_of;
	s.x.start = on_start;
	s.x.end = on_end;
	/* the root must be seen even when its name maps to no tag */
	enum fc_status st = fc_vxml_run(&s.x, p, src);
	if (!st && !p->bad && !s.root)
		fc_vparse_error(p, 1, 0, "not an OpenVAS/GVM report: no <report> element");
	fc_vbatch_release(&s.bt);
	return st;
}
