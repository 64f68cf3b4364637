/*
 * Nessus .nessus (NessusClientData_v2) — streamed with expat in constant
 * memory: one ReportHost's items are buffered (they are small: ids, names,
 * CVEs; plugin outputs and descriptions are skipped) and committed at
 * </ReportHost>, so HostProperties may come before or after the items.
 * With several threads, blocks of whole ReportHost elements are parsed by
 * the same handlers on workers (fc_nessus_block, vuln_nessus_mt.c) and
 * merged in file order.
 *
 * Severity: the ReportItem's severity attribute 0..4 = info, low, medium,
 * high, critical (risk_factor when the attribute is missing).
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
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
 * "… Unsupported Version Detection", "… End of Life", "SEoL (…)".  One
 * pass (every item's name goes through here, and through the byte filter
 * for informational ones). */
static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static bool ci_at(const char *s, size_t n, size_t i, const char *lit)
{
	for (size_t k = 0; lit[k]; k++, i++)
		if (i >= n || lower(s[i]) != lit[k])
			return false;
	return true;
}

bool fc_nessus_eos_name(const char *s, size_t n)
{
	if (!s)
		return false;
	if (ci_at(s, n, 0, "seol"))
		return true;
	for (size_t i = 0; i < n; i++) {
		char c = lower(s[i]);
		if (c == 'u' && ci_at(s, n, i, "unsupported"))
			return true;
		if (c == 'e' && (ci_at(s, n, i, "end of life") || ci_at(s, n, i, "end-of-life")))
			return true;
	}
	return false;
}

static bool eos_name(const char *n)
{
	return n && fc_nessus_eos_name(n, strlen(n));
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
		/* a worker must not read the shared scan: the merge keeps the first */
		if (x->p->defer || !fc_vparse_scan(x->p)->name)
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

void fc_nessus_scan_day(struct fc_vparse *p, int32_t day)
{
	struct fc_scan *sc = fc_vparse_scan(p);
	if (day != FC_NO_DATE && (sc->day == FC_NO_DATE || day < sc->day))
		sc->day = day; /* the scan's date: its first host */
}

static void host_end(struct nstate *s)
{
	struct fc_vparse *p = s->x.p;
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
	if (!p->defer)
		fc_nessus_scan_day(p, s->h.day); /* on a worker: done by the merge */
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
			if (p->defer)
				fc_vdefer_name(p->defer, t, n);
			else
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

/* What no check reads, dropped before expat (vuln_elide.c): the long
 * texts, most of a .nessus file's bytes, and the leaf elements of a
 * ReportItem that Nessus writes and nothing here reads.  Never a name
 * tag_of() knows. */
static const char *const skip_tags[] = {
	"age_of_vuln", "agent", "always_run", "asset_inventory", "bid", "canvas_package", "cert", "cpe", "cvss3_impact_score",
	"cvss3_temporal_score", "cvss3_temporal_vector", "cvss3_vector", "cvss4_base_score", "cvss4_base_vector",
	"cvss4_threat_score", "cvss4_threat_vector", "cvss_score_rationale", "cvss_score_source", "cvss_temporal_score",
	"cvss_temporal_vector", "cvss_vector", "cwe", "d2_elliot_name", "description", "edb-id", "epss_score",
	"exploit_available", "exploit_code_maturity", "exploit_framework_canvas", "exploit_framework_core",
	"exploit_framework_d2_elliot", "exploit_framework_exploithub", "exploit_framework_metasploit",
	"exploitability_ease", "exploited_by_malware", "exploited_by_nessus", "exploithub_sku", "fname", "hardware_inventory",
	"iava", "iavb", "iavt", "in_the_news", "metasploit_name", "msft", "mskb", "os_identification", "osvdb",
	"patch_publication_date", "plugin_modification_date", "plugin_output", "plugin_publication_date", "plugin_type",
	"product_coverage", "required_key", "required_port", "script_copyright", "script_version", "see_also",
	"stig_severity", "synopsis", "threat_intensity_last_28", "threat_recency", "threat_sources_last_28",
	"thorough_tests", "vendor_severity", "vpr_score", "vuln_publication_date", "xref", NULL};

static void nstate_init(struct nstate *s)
{
	memset(s, 0, sizeof(*s));
	fc_vbatch_init(&s->bt);
	s->x.ud = s;
	s->x.tag_of = tag_of;
	s->x.start = on_start;
	s->x.end = on_end;
}

/* A block as a document of its own, <fc-block>hosts</fc-block>, filtered
 * in one go straight into expat's buffer.  The wrapper adds no line, so
 * expat's line 1 is the block's first line. */
static const char blk_open[] = "<fc-block>", blk_close[] = "</fc-block>";

struct blksrc {
	const char *blk;
	size_t n;
	bool done;
};

static long blk_read(void *ud, char *buf, size_t n)
{
	struct blksrc *b = ud;
	if (b->done)
		return 0;
	b->done = true;
	if (n < sizeof blk_open + b->n + 64 + sizeof blk_close)
		return -1; /* cannot happen: x->chunk below */
	size_t o = sizeof blk_open - 1;
	memcpy(buf, blk_open, o);
	o += fc_velide_mem(skip_tags, b->blk, b->n, buf + o);
	memcpy(buf + o, blk_close, sizeof blk_close - 1);
	return (long)(o + sizeof blk_close - 1);
}

enum fc_status fc_nessus_block(struct fc_vparse *wp, const char *blk, size_t n, int depth, long *lines, size_t *tail,
			       bool *clean)
{
	struct nstate s;
	nstate_init(&s);
	/* the wrapper stands at the depth of <Report>, so the nesting cap and
	 * the parent tags of the handlers see what a serial parse sees */
	s.x.depth = depth > 0 ? depth - 1 : 0;
	s.x.chunk = sizeof blk_open + n + 64 + sizeof blk_close;
	struct blksrc bs = {blk, n, false};
	struct fc_vsrc src = {blk_read, &bs};
	enum fc_status st = fc_vxml_run(&s.x, wp, &src);
	*clean = !st && !s.x.failed && !s.x.stop && !s.in_host && s.x.end_line > 0;
	*lines = s.x.end_line - 1;
	/* columns after the last line end, less the wrapper's */
	long cols = s.x.end_col - (long)(sizeof blk_close - 1) - (*lines ? 0 : (long)(sizeof blk_open - 1));
	*tail = cols > 0 ? (size_t)cols : 0;
	*clean = *clean && cols >= 0;
	fc_vbatch_release(&s.bt);
	return st;
}

static int nessus_threads(const struct fc_vparse *p)
{
	int t = p->b ? p->b->threads : 0;
	if (t <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		t = n > 0 ? (int)n : 1;
	}
	/* memory grows with the blocks in flight; more workers than this
	 * wait on the reader and the in-order merge anyway */
	return t > 8 ? 8 : t;
}

enum fc_status fc_vuln_parse_nessus(struct fc_vparse *p, struct fc_vsrc *src)
{
	struct nstate s;
	nstate_init(&s);
	struct fc_velide *el = NULL;
	struct fc_npipe *pipe = NULL;
	struct fc_vsrc msrc, fsrc;
	enum fc_status st = FC_OK;
	int threads = nessus_threads(p);
	/* with workers this thread parses the skeleton and merges their blocks */
	if (threads > 1)
		st = fc_npipe_open(&pipe, p, &s.x, src, threads, &msrc);
	if (!st)
		st = fc_velide_open(&el, pipe ? &msrc : src, skip_tags, &fsrc);
	if (!st)
		st = fc_vxml_run(&s.x, p, &fsrc);
	if (pipe) {
		enum fc_status pst = fc_npipe_close(pipe);
		if (!st)
			st = pst;
	}
	fc_velide_close(el);
	if (!st && !p->bad && !s.root)
		fc_vparse_error(p, 1, 0, "not a Nessus v2 report: no <NessusClientData_v2> element");
	if (!st && s.in_host && !p->bad)
		fc_vparse_error(p, s.h.line, 0, "ReportHost '%s' is not closed (file truncated?)", s.hname);
	fc_vbatch_release(&s.bt);
	return st;
}
