/*
 * Nmap XML (-oX) — streamed with expat.  Hosts that are up, their
 * addresses and names, open ports and services (counted as informational
 * items), and the vulners NSE script's CVEs with their CVSS scores (the
 * <table>/<elem> form, or the script's output text when there are no
 * tables).  A scan is a vulnerability scan (covers hosts for the coverage
 * checks) only when it ran vulners; a plain port scan is not.
 */
#include <stdio.h>
#include <string.h>
#include "../core/strutil.h"
#include "vuln_xml.h"

enum { T_NONE, T_ROOT, T_HOST, T_STATUS, T_ADDRESS, T_HOSTNAME, T_PORT, T_STATE, T_SCRIPT, T_TABLE, T_ELEM, T_OSMATCH };

static int tag_of(const char *n)
{
	switch (n[0]) {
	case 'n':
		return !strcmp(n, "nmaprun") ? T_ROOT : T_NONE;
	case 'h':
		if (!strcmp(n, "host"))
			return T_HOST;
		return !strcmp(n, "hostname") ? T_HOSTNAME : T_NONE;
	case 's':
		if (!strcmp(n, "status"))
			return T_STATUS;
		if (!strcmp(n, "state"))
			return T_STATE;
		return !strcmp(n, "script") ? T_SCRIPT : T_NONE;
	case 'a':
		return !strcmp(n, "address") ? T_ADDRESS : T_NONE;
	case 'p':
		return !strcmp(n, "port") ? T_PORT : T_NONE;
	case 't':
		return !strcmp(n, "table") ? T_TABLE : T_NONE;
	case 'e':
		return !strcmp(n, "elem") ? T_ELEM : T_NONE;
	case 'o':
		return !strcmp(n, "osmatch") ? T_OSMATCH : T_NONE;
	}
	return T_NONE;
}

struct mstate {
	struct fc_vxml x;
	struct fc_vbatch bt;
	bool root, in_host, up, in_vulners, vulners_tables, port_open;
	char ip[64], name[256], os[128], port[32], cpe[160];
	int32_t hday;
	long hline, script_line;
	const char *script_output;	/* interned: fallback when no tables */
	int table_depth;
	/* current vulners entry */
	char e_id[128], e_type[32], e_key[16];
	double e_cvss;
	long e_line;
};

static void copyz(char *dst, size_t cap, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s ? s : "", n);
	dst[n] = 0;
}

static int32_t epoch_day(const char *s)
{
	int64_t t;
	return s && fc_parse_i64(s, &t) && t > 0 && t < 32503680000LL ? fc_ts_day(t) : FC_NO_DATE;
}

static void add_vuln(struct mstate *s, const char *id, size_t idn, double cvss, long line, const char *ex, size_t exn)
{
	struct fc_vparse *p = s->x.p;
	struct fc_vobs *o = fc_vbatch_new(&s->bt, p, line);
	if (!o) {
		if (!s->bt.full)
			fc_vxml_hard(&s->x, FC_ENOMEM);
		return;
	}
	char nm[400];
	int n = snprintf(nm, sizeof nm, "%.*s in %s", (int)idn, id, s->cpe[0] ? s->cpe : "service");
	o->id = fc_vintern(p, id, idn);
	o->name = fc_vintern(p, nm, n > 0 && (size_t)n < sizeof nm ? (size_t)n : 0);
	o->port = s->port[0] ? fc_vintern(p, s->port, strlen(s->port)) : NULL;
	o->cvss = cvss;
	o->sev = cvss >= 0 ? fc_vuln_sev_cvss(cvss) : FC_SEV_INFO;
	if (!o->id || !o->name)
		fc_vxml_hard(&s->x, FC_ENOMEM);
	fc_vxml_hard(&s->x, fc_vbatch_cves(&s->bt, p, id, idn));
	fc_vbatch_excerpt(&s->bt, ex, exn);
}

static bool is_cve(const char *id, size_t n)
{
	return n > 8 && !strncasecmp(id, "CVE-", 4);
}

/* The vulners output text: lines "\tCVE-2018-15919\t5.0\thttps://…" */
static void parse_output(struct mstate *s, const char *out)
{
	const char *line = out;
	while (line && *line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		struct fc_span sp = fc_span_trim(fc_span_of(line, len));
		size_t i = 0;
		while (i < sp.n && sp.p[i] != '\t' && sp.p[i] != ' ')
			i++;
		if (is_cve(sp.p, i)) {
			size_t j = i;
			while (j < sp.n && (sp.p[j] == '\t' || sp.p[j] == ' '))
				j++;
			size_t k = j;
			while (k < sp.n && sp.p[k] != '\t' && sp.p[k] != ' ')
				k++;
			char num[16];
			double cv = -1;
			if (k > j && k - j < sizeof num) {
				memcpy(num, sp.p + j, k - j);
				num[k - j] = 0;
				if (!fc_parse_double(num, &cv) || cv < 0 || cv > 10)
					cv = -1;
			}
			add_vuln(s, sp.p, i, cv, s->script_line, sp.p, sp.n);
		} else if (sp.n && sp.p[sp.n - 1] == ':' && sp.n < sizeof s->cpe) {
			copyz(s->cpe, sizeof s->cpe, "");
			memcpy(s->cpe, sp.p, sp.n - 1);
			s->cpe[sp.n - 1] = 0;
		}
		line = nl ? nl + 1 : NULL;
	}
}

static void on_start(struct fc_vxml *x, int tag, const char **a)
{
	struct mstate *s = x->ud;
	struct fc_vparse *p = x->p;
	struct fc_scan *sc = fc_vparse_scan(p);
	int parent = fc_vxml_parent(x);
	switch (tag) {
	case T_ROOT: {
		if (x->depth != 1)
			break;
		s->root = true;
		sc->day = epoch_day(fc_vxml_attr(a, "start"));
		const char *args = fc_vxml_attr(a, "args");
		if (args && strstr(args, "vulners"))
			sc->finds_vulns = true;
		if (args)
			sc->name = fc_vintern(p, args, strlen(args) > 200 ? 200 : strlen(args));
		break;
	}
	case T_HOST:
		if (s->in_host) {
			fc_vxml_fail(x, "<host> inside <host>");
			return;
		}
		s->in_host = true;
		s->up = true; /* unless <status state="down"> */
		s->ip[0] = s->name[0] = s->os[0] = 0;
		s->hday = epoch_day(fc_vxml_attr(a, "starttime"));
		s->hline = fc_vxml_line(x);
		break;
	case T_STATUS: {
		const char *st = fc_vxml_attr(a, "state");
		if (s->in_host && st && strcmp(st, "up"))
			s->up = false;
		break;
	}
	case T_ADDRESS: {
		const char *ad = fc_vxml_attr(a, "addr"), *ty = fc_vxml_attr(a, "addrtype");
		if (s->in_host && ad && !s->ip[0] && (!ty || strcmp(ty, "mac")))
			copyz(s->ip, sizeof s->ip, ad);
		break;
	}
	case T_HOSTNAME: {
		const char *nm = fc_vxml_attr(a, "name"), *ty = fc_vxml_attr(a, "type");
		/* the name the operator gave wins over a PTR record */
		if (s->in_host && nm && (!s->name[0] || (ty && !strcmp(ty, "user"))))
			copyz(s->name, sizeof s->name, nm);
		break;
	}
	case T_OSMATCH:
		if (s->in_host && !s->os[0])
			copyz(s->os, sizeof s->os, fc_vxml_attr(a, "name"));
		break;
	case T_PORT: {
		const char *pr = fc_vxml_attr(a, "protocol"), *id = fc_vxml_attr(a, "portid");
		snprintf(s->port, sizeof s->port, "%s/%s", pr ? pr : "tcp", id ? id : "?");
		s->port_open = false;
		break;
	}
	case T_STATE: {
		const char *st = fc_vxml_attr(a, "state");
		if (parent == T_PORT && s->in_host && st && !strcmp(st, "open")) {
			s->port_open = true;
			/* an open port: an informational item (counted) */
			struct fc_vobs *o = fc_vbatch_new(&s->bt, p, fc_vxml_line(x));
			if (!o && !s->bt.full)
				fc_vxml_hard(x, FC_ENOMEM);
		}
		break;
	}
	case T_SCRIPT: {
		const char *id = fc_vxml_attr(a, "id");
		if (s->in_host && id && !strcmp(id, "vulners")) {
			s->in_vulners = true;
			s->vulners_tables = false;
			sc->finds_vulns = true;
			s->cpe[0] = 0;
			s->script_line = fc_vxml_line(x);
			const char *out = fc_vxml_attr(a, "output");
			s->script_output = out ? fc_vintern(p, out, strlen(out) > FC_VULN_MAX_TEXT ? FC_VULN_MAX_TEXT : strlen(out)) : NULL;
			s->table_depth = x->depth;
		}
		break;
	}
	case T_TABLE:
		if (!s->in_vulners)
			break;
		s->vulners_tables = true;
		if (parent == T_SCRIPT) {
			copyz(s->cpe, sizeof s->cpe, fc_vxml_attr(a, "key"));
		} else {
			s->e_id[0] = s->e_type[0] = 0;
			s->e_cvss = -1;
			s->e_line = fc_vxml_line(x);
		}
		break;
	case T_ELEM:
		if (s->in_vulners && parent == T_TABLE) {
			copyz(s->e_key, sizeof s->e_key, fc_vxml_attr(a, "key"));
			if (!strcmp(s->e_key, "id") || !strcmp(s->e_key, "cvss") || !strcmp(s->e_key, "type"))
				fc_vxml_capture(x);
		}
		break;
	}
}

static void on_end(struct fc_vxml *x, int tag)
{
	struct mstate *s = x->ud;
	struct fc_vparse *p = x->p;
	int parent = fc_vxml_parent(x);
	size_t n;
	const char *t;
	switch (tag) {
	case T_ELEM:
		if (!x->capture)
			break;
		t = fc_vxml_text(x, &n);
		if (!strcmp(s->e_key, "id")) {
			copyz(s->e_id, sizeof s->e_id, t);
			s->e_line = fc_vxml_line(x);
		} else if (!strcmp(s->e_key, "type"))
			copyz(s->e_type, sizeof s->e_type, t);
		else if (!fc_parse_double(t, &s->e_cvss) || s->e_cvss < 0 || s->e_cvss > 10)
			s->e_cvss = -1;
		break;
	case T_TABLE:
		if (!s->in_vulners || parent == T_SCRIPT)
			break;
		/* exploits (type metasploit, exploitdb, …) point at a CVE listed
		 * too; the CVE is the vulnerability */
		if ((s->e_type[0] ? !strcmp(s->e_type, "cve") : 1) && is_cve(s->e_id, strlen(s->e_id))) {
			char ex[200];
			int k = snprintf(ex, sizeof ex, "<elem key=\"id\">%s</elem>", s->e_id);
			add_vuln(s, s->e_id, strlen(s->e_id), s->e_cvss, s->e_line, ex,
				 k > 0 && (size_t)k < sizeof ex ? (size_t)k : 0);
		}
		break;
	case T_SCRIPT:
		if (s->in_vulners && x->depth == s->table_depth) {
			if (!s->vulners_tables && s->script_output)
				parse_output(s, s->script_output);
			s->in_vulners = false;
		}
		break;
	case T_PORT:
		s->port[0] = 0;
		break;
	case T_HOST:
		if (!s->in_host)
			break;
		s->in_host = false;
		if (!s->up) {
			s->bt.items.n = 0; /* a down host was not scanned */
			s->bt.cves.n = 0;
			fc_buf_reset(&s->bt.ex);
			break;
		}
		{
			struct fc_vhost h = {0};
			h.ip = s->ip[0] ? s->ip : NULL;
			h.name = s->name[0] ? s->name : NULL;
			h.os = s->os[0] ? s->os : NULL;
			h.day = s->hday;
			h.line = s->hline;
			fc_vxml_hard(x, fc_vbatch_commit(&s->bt, p, &h));
		}
		break;
	}
}

enum fc_status fc_vuln_parse_nmap(struct fc_vparse *p, struct fc_vsrc *src)
{
	struct mstate s;
	memset(&s, 0, sizeof(s));
	fc_vbatch_init(&s.bt);
	s.x.ud = &s;
	s.x.tag_of = tag_of;
	s.x.start = on_start;
	s.x.end = on_end;
	enum fc_status st = fc_vxml_run(&s.x, p, src);
	if (!st && !p->bad && !s.root)
		fc_vparse_error(p, 1, 0, "not an Nmap XML report: no <nmaprun> element");
	if (!st && !p->bad && s.in_host)
		fc_vparse_error(p, s.hline, 0, "<host> is not closed (file truncated?)");
	fc_vbatch_release(&s.bt);
	return st;
}
