/*
 * Nessus .nessus (NessusClientData_v2) — streamed with expat in constant
 * memory: one ReportHost's items are buffered (they are small: ids, names,
 * CVEs; plugin outputs and descriptions are skipped) and committed at
 * </ReportHost>, so HostProperties may come before or after the items.
 *
 * Severity: the ReportItem's severity attribute 0..4 = info, low, medium,
 * high, critical (risk_factor when the attribute is missing).
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "../core/strutil.h"
#include "vuln_xml.h"

enum {
	T_NONE, T_ROOT, T_POLICYNAME, T_REPORTHOST, T_HOSTPROPS, T_TAG, T_ITEM,
	T_CVE, T_CVSS3, T_CVSS, T_RISK, T_SOLUTION, T_PLUGIN_NAME, T_UNSUPPORTED,
};

struct nstate {
	struct fc_vxml x;
	struct fc_vbatch bt;
	struct fc_vhost h;
	bool in_host, in_item, item_kept, root;
	int tagkind;			/* which HostProperties tag is open */
	char hname[256], hip[64], hfqdn[256], hnetbios[64], hos[128];
	int64_t start_ts;
	int32_t start_day, end_day;
};

enum { HT_NONE, HT_IP, HT_FQDN, HT_NETBIOS, HT_START_TS, HT_START, HT_END, HT_OS };

static int tag_of(const char *n)
{
	switch (n[0]) {
	case 'N':
		return !strcmp(n, "NessusClientData_v2") ? T_ROOT : T_NONE;
	case 'R':
		if (!strcmp(n, "ReportItem"))
			return T_ITEM;
		return !strcmp(n, "ReportHost") ? T_REPORTHOST : T_NONE;
	case 'H':
		return !strcmp(n, "HostProperties") ? T_HOSTPROPS : T_NONE;
	case 't':
		return !strcmp(n, "tag") ? T_TAG : T_NONE;
	case 'c':
		if (!strcmp(n, "cve"))
			return T_CVE;
		if (!strcmp(n, "cvss3_base_score"))
			return T_CVSS3;
		return !strcmp(n, "cvss_base_score") ? T_CVSS : T_NONE;
	case 'r':
		return !strcmp(n, "risk_factor") ? T_RISK : T_NONE;
	case 's':
		return !strcmp(n, "solution") ? T_SOLUTION : T_NONE;
	case 'p':
		if (!strcmp(n, "plugin_name"))
			return T_PLUGIN_NAME;
		return !strcmp(n, "policyName") ? T_POLICYNAME : T_NONE;
	case 'u':
		return !strcmp(n, "unsupported_by_vendor") ? T_UNSUPPORTED : T_NONE;
	}
	return T_NONE;
}

static void copyz(char *dst, size_t cap, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s ? s : "", n);
	dst[n] = 0;
}

static enum fc_severity sev_of_risk(const char *r)
{
	if (fc_strieq(r, "critical"))
		return FC_SEV_CRITICAL;
	if (fc_strieq(r, "high"))
		return FC_SEV_HIGH;
	if (fc_strieq(r, "medium"))
		return FC_SEV_MEDIUM;
	if (fc_strieq(r, "low"))
		return FC_SEV_LOW;
	return FC_SEV_INFO;
}

/* End-of-support evidence (SA-6.4): Nessus names these plugins
 * "… Unsupported Version Detection", "… End of Life", "SEoL (…)". */
static bool eos_name(const char *n)
{
	return n && (fc_strcasestr(n, "unsupported") || fc_strcasestr(n, "end of life") ||
		     fc_strcasestr(n, "end-of-life") || fc_istarts(n, "SEoL"));
}

static void item_start(struct nstate *s, const char **a)
{
	struct fc_vxml *x = &s->x;
	struct fc_vparse *p = x->p;
	s->in_item = true;
	s->item_kept = false;
	const char *sev = fc_vxml_attr(a, "severity");
	const char *name = fc_vxml_attr(a, "pluginName");
	int64_t sv = -1;
	if (sev && (!fc_parse_i64(sev, &sv) || sv < 0 || sv > 4)) {
		fc_vxml_fail(x, "ReportItem severity '%s' is not 0..4", sev);
		return;
	}
	struct fc_vobs *o = fc_vbatch_new(&s->bt, p, fc_vxml_line(x));
	if (!o) {
		if (!s->bt.full)
			fc_vxml_hard(x, FC_ENOMEM);
		return;
	}
	s->item_kept = true;
	o->sev = sv < 0 ? FC_SEV__COUNT : (enum fc_severity)(4 - sv); /* __COUNT: from risk_factor */
	o->eos = eos_name(name);
	/* informational items are counted only: skip their strings (speed) */
	if (sv == 0 && !o->eos)
		return;
	const char *id = fc_vxml_attr(a, "pluginID");
	const char *port = fc_vxml_attr(a, "port");
	const char *proto = fc_vxml_attr(a, "protocol");
	o->id = id ? fc_vintern(p, id, strlen(id)) : NULL;
	o->name = name ? fc_vintern(p, name, strlen(name)) : NULL;
	if (port && strcmp(port, "0") && proto) {
		char pp[64];
		int n = snprintf(pp, sizeof pp, "%s/%s", proto, port);
		o->port = fc_vintern(p, pp, n > 0 && (size_t)n < sizeof pp ? (size_t)n : 0);
	}
	if ((id && !o->id) || (name && !o->name)) {
		fc_vxml_hard(x, FC_ENOMEM);
		return;
	}
	if (!id)
		fc_vparse_error(p, fc_vxml_line(x), 0, "ReportItem without pluginID");
	size_t rn;
	const char *raw = fc_vxml_raw(x, &rn);
	fc_vbatch_excerpt(&s->bt, raw, rn);
}

static struct fc_vobs *cur(struct nstate *s)
{
	return s->in_item && s->item_kept && s->bt.items.n ? &s->bt.items.v[s->bt.items.n - 1] : NULL;
}

static void on_start(struct fc_vxml *x, int tag, const char **a)
{
	struct nstate *s = x->ud;
	switch (tag) {
	case T_ROOT:
		s->root = true;
		break;
	case T_POLICYNAME:
		if (!fc_vparse_scan(x->p)->name)
			fc_vxml_capture(x);
		break;
	case T_REPORTHOST:
		if (s->in_host) {
			fc_vxml_fail(x, "ReportHost inside ReportHost");
			return;
		}
		s->in_host = true;
		memset(&s->h, 0, sizeof(s->h));
		s->hip[0] = s->hfqdn[0] = s->hnetbios[0] = s->hos[0] = 0;
		copyz(s->hname, sizeof s->hname, fc_vxml_attr(a, "name"));
		s->start_ts = 0;
		s->start_day = s->end_day = FC_NO_DATE;
		s->h.line = fc_vxml_line(x);
		break;
	case T_TAG: {
		if (!s->in_host || fc_vxml_parent(x) != T_HOSTPROPS)
			break;
		const char *n = fc_vxml_attr(a, "name");
		s->tagkind = !n ? HT_NONE
			: !strcmp(n, "host-ip") ? HT_IP
			: !strcmp(n, "host-fqdn") ? HT_FQDN
			: !strcmp(n, "netbios-name") ? HT_NETBIOS
			: !strcmp(n, "HOST_START_TIMESTAMP") ? HT_START_TS
			: !strcmp(n, "HOST_START") ? HT_START
			: !strcmp(n, "HOST_END") ? HT_END
			: !strcmp(n, "operating-system") ? HT_OS : HT_NONE;
		if (s->tagkind)
			fc_vxml_capture(x);
		break;
	}
	case T_ITEM:
		if (!s->in_host) {
			fc_vxml_fail(x, "ReportItem outside ReportHost");
			return;
		}
		item_start(s, a);
		break;
	case T_CVE:
	case T_CVSS3:
	case T_CVSS:
	case T_RISK:
	case T_SOLUTION:
	case T_PLUGIN_NAME:
	case T_UNSUPPORTED: {
		struct fc_vobs *o = cur(s);
		if (o && fc_vxml_parent(x) == T_ITEM && (o->sev != FC_SEV_INFO || o->eos || tag == T_UNSUPPORTED))
			fc_vxml_capture(x);
		break;
	}
	}
}

static void host_tag_end(struct nstate *s, const char *t)
{
	int64_t ts;
	bool never;
	int32_t d;
	switch (s->tagkind) {
	case HT_IP:
		copyz(s->hip, sizeof s->hip, t);
		break;
	case HT_FQDN:
		copyz(s->hfqdn, sizeof s->hfqdn, t);
		break;
	case HT_NETBIOS:
		copyz(s->hnetbios, sizeof s->hnetbios, t);
		break;
	case HT_OS: {
		/* several candidates one per line: keep the first */
		copyz(s->hos, sizeof s->hos, t);
		char *nl = strchr(s->hos, '\n');
		if (nl)
			*nl = 0;
		break;
	}
	case HT_START_TS:
		if (fc_parse_i64(t, &ts) && ts > 0 && ts < 32503680000LL)
			s->start_ts = ts;
		break;
	case HT_START:
	case HT_END:
		if (fc_ts_parse(t, &ts, &never) && !never) {
			d = fc_ts_day(ts);
			if (s->tagkind == HT_START)
				s->start_day = d;
			else
				s->end_day = d;
		} else if (*t)
			fc_vparse_error(s->x.p, fc_vxml_line(&s->x), 0, "%s '%s' is not a date",
					s->tagkind == HT_START ? "HOST_START" : "HOST_END", t);
		break;
	}
	s->tagkind = HT_NONE;
}

static void host_end(struct nstate *s)
{
	struct fc_vparse *p = s->x.p;
	struct fc_scan *sc = fc_vparse_scan(p);
	s->in_host = false;
	s->h.name = s->hname[0] ? s->hname : NULL;
	s->h.ip = s->hip[0] ? s->hip : NULL;
	s->h.fqdn = s->hfqdn[0] ? s->hfqdn : NULL;
	s->h.netbios = s->hnetbios[0] ? s->hnetbios : NULL;
	s->h.os = s->hos[0] ? s->hos : NULL;
	/* the ReportHost name is an IP when the scan targeted addresses */
	struct fc_ip ip;
	if (!s->h.ip && s->h.name && fc_ip_parse(s->h.name, strlen(s->h.name), &ip))
		s->h.ip = s->h.name;
	s->h.day = s->start_ts ? fc_ts_day(s->start_ts) : s->start_day != FC_NO_DATE ? s->start_day : s->end_day;
	if (s->h.day != FC_NO_DATE && (sc->day == FC_NO_DATE || s->h.day < sc->day))
		sc->day = s->h.day; /* the scan's date: its first host */
	/* items whose severity came only from risk_factor */
	for (size_t i = 0; i < s->bt.items.n; i++)
		if (s->bt.items.v[i].sev == FC_SEV__COUNT)
			s->bt.items.v[i].sev = FC_SEV_INFO;
	fc_vxml_hard(&s->x, fc_vbatch_commit(&s->bt, p, &s->h));
}

static void on_end(struct fc_vxml *x, int tag)
{
	struct nstate *s = x->ud;
	struct fc_vparse *p = x->p;
	size_t n;
	const char *t;
	struct fc_vobs *o;
	switch (tag) {
	case T_POLICYNAME:
		if (x->capture) {
			t = fc_vxml_text(x, &n);
			fc_vparse_scan(p)->name = fc_vintern(p, t, n);
		}
		break;
	case T_TAG:
		if (s->tagkind && x->capture) {
			t = fc_vxml_text(x, &n);
			host_tag_end(s, t);
		}
		break;
	case T_ITEM:
		s->in_item = false;
		break;
	case T_REPORTHOST:
		if (s->in_host)
			host_end(s);
		break;
	case T_CVE:
	case T_CVSS3:
	case T_CVSS:
	case T_RISK:
	case T_SOLUTION:
	case T_PLUGIN_NAME:
	case T_UNSUPPORTED:
		if (!x->capture || !(o = cur(s)))
			break;
		t = fc_vxml_text(x, &n);
		if (tag == T_CVE)
			fc_vxml_hard(x, fc_vbatch_cves(&s->bt, p, t, n));
		else if (tag == T_CVSS3 || (tag == T_CVSS && o->cvss < 0)) {
			double d;
			if (fc_parse_double(t, &d) && d >= 0 && d <= 10)
				o->cvss = d;
		} else if (tag == T_RISK) {
			if (o->sev == FC_SEV__COUNT)
				o->sev = sev_of_risk(t);
		} else if (tag == T_SOLUTION) {
			if (n > 512)
				n = 512; /* enough to direct the fix; the report has the rest */
			if (n && !(o->solution = fc_vintern(p, t, n)))
				fc_vxml_hard(x, FC_ENOMEM);
		} else if (tag == T_PLUGIN_NAME) {
			if (!o->name && n && !(o->name = fc_vintern(p, t, n)))
				fc_vxml_hard(x, FC_ENOMEM);
			if (eos_name(t))
				o->eos = true;
		} else if (tag == T_UNSUPPORTED) {
			if (fc_parse_bool(t) == 1)
				o->eos = true;
		}
		break;
	}
}

enum fc_status fc_vuln_parse_nessus(struct fc_vparse *p, struct fc_vsrc *src)
{
	struct nstate s;
	memset(&s, 0, sizeof(s));
	fc_vbatch_init(&s.bt);
	s.x.ud = &s;
	s.x.tag_of = tag_of;
	s.x.start = on_start;
	s.x.end = on_end;
	/* the long texts no check reads: most of a .nessus file's bytes */
	static const char *const skip[] = {"description", "plugin_output", "synopsis", "see_also", NULL};
	struct fc_velide *el = NULL;
	struct fc_vsrc fsrc;
	enum fc_status st = fc_velide_open(&el, src, skip, &fsrc);
	if (!st)
		st = fc_vxml_run(&s.x, p, &fsrc);
	fc_velide_close(el);
	if (!st && !p->bad && !s.root)
		fc_vparse_error(p, 1, 0, "not a Nessus v2 report: no <NessusClientData_v2> element");
	if (!st && s.in_host && !p->bad)
		fc_vparse_error(p, s.h.line, 0, "ReportHost '%s' is not closed (file truncated?)", s.hname);
	fc_vbatch_release(&s.bt);
	return st;
}
