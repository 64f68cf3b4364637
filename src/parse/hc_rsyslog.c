/*
 * rsyslog.conf(5) and rsyslog.d/ drop-ins: legacy "selector action" lines
 * (files, "-/path", "@host" UDP and "@@host" TCP forwarding, ":omrelp:")
 * and RainerScript action(type="omfwd"|"omrelp" target=…) statements, which
 * may span lines.  Used to tell whether auth logs leave the host (central
 * log server) or only live in local files that logrotate prunes.
 */
#include <string.h>
#include "../core/limits.h"
#include "hostcfg.h"

#define RS_MAX_ITEMS FC_MAX_RSYSLOG_ITEMS

static enum fc_status add_fwd(struct fc_rsyslog *o, struct fc_arena *a, struct fc_span sel,
			      struct fc_span target, bool tcp, struct fc_ref ref)
{
	if (o->nfwd >= RS_MAX_ITEMS)
		return FC_ELIMIT;
	if (o->nfwd == o->capfwd) {
		size_t nc = o->capfwd ? o->capfwd * 2 : 8;
		struct fc_rsyslog_fwd *nv = fc_arena_alloc(a, nc * sizeof(*nv));
		if (!nv)
			return FC_ENOMEM;
		if (o->nfwd)
			memcpy(nv, o->fwd, o->nfwd * sizeof(*nv));
		o->fwd = nv;
		o->capfwd = nc;
	}
	struct fc_rsyslog_fwd *f = &o->fwd[o->nfwd++];
	f->selector = fc_arena_strndup(a, sel.p, sel.n);
	f->target = fc_arena_strndup(a, target.p, target.n);
	f->tcp = tcp;
	f->ref = ref;
	return f->selector && f->target && ref.excerpt ? FC_OK : FC_ENOMEM;
}

static enum fc_status add_file(struct fc_rsyslog *o, struct fc_arena *a, struct fc_span sel,
			       struct fc_span path, struct fc_ref ref)
{
	if (o->nfiles >= RS_MAX_ITEMS)
		return FC_ELIMIT;
	if (o->nfiles == o->capfiles) {
		size_t nc = o->capfiles ? o->capfiles * 2 : 16;
		struct fc_rsyslog_file *nv = fc_arena_alloc(a, nc * sizeof(*nv));
		if (!nv)
			return FC_ENOMEM;
		if (o->nfiles)
			memcpy(nv, o->files, o->nfiles * sizeof(*nv));
		o->files = nv;
		o->capfiles = nc;
	}
	struct fc_rsyslog_file *f = &o->files[o->nfiles++];
	f->selector = fc_arena_strndup(a, sel.p, sel.n);
	f->path = fc_arena_strndup(a, path.p, path.n);
	f->ref = ref;
	return f->selector && f->path && ref.excerpt ? FC_OK : FC_ENOMEM;
}

/* value of name="…" inside an action(...) text */
static bool param(struct fc_span s, const char *name, struct fc_span *out)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i + nl + 2 <= s.n; i++) {
		if ((i == 0 || s.p[i - 1] == ' ' || s.p[i - 1] == '(' || s.p[i - 1] == '\t') &&
		    fc_span_istarts(fc_span_of(s.p + i, s.n - i), name)) {
			size_t j = i + nl;
			while (j < s.n && (s.p[j] == ' ' || s.p[j] == '\t'))
				j++;
			if (j >= s.n || s.p[j] != '=')
				continue;
			j++;
			while (j < s.n && (s.p[j] == ' ' || s.p[j] == '\t'))
				j++;
			if (j < s.n && s.p[j] == '"') {
				const char *e = memchr(s.p + j + 1, '"', s.n - j - 1);
				if (!e)
					return false;
				*out = fc_span_of(s.p + j + 1, (size_t)(e - (s.p + j + 1)));
				return true;
			}
			size_t k = j;
			while (k < s.n && s.p[k] != ' ' && s.p[k] != ')')
				k++;
			*out = fc_span_of(s.p + j, k - j);
			return true;
		}
	}
	return false;
}

/* a hard failure of add_*(): say which limit (FC_MAX_RSYSLOG_ITEMS) was hit */
static enum fc_status limit(enum fc_status e, struct fc_diag *d, const char *name, long line)
{
	if (e == FC_ELIMIT)
		fc_diag_error(d, name, line, 1, "more than %d forwarding rules or file actions", RS_MAX_ITEMS);
	return e;
}

enum fc_status fc_rsyslog_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				struct fc_rsyslog *o, struct fc_diag *d)
{
	if (fc_hc_refuse_binary(text, n, name, d))
		return FC_EPARSE;
	enum fc_status st = FC_OK, e;
	struct fc_hc_lines L;
	struct fc_span line;
	fc_hc_lines_init(&L, text, n);
	while (fc_hc_lines_next(&L, &line)) {
		struct fc_span s = fc_hc_strip_comment(line);
		if (!s.n || s.p[0] == '$')
			continue;
		struct fc_ref ref = fc_hc_ref(a, name, L.lineno, line);
		const char *act = fc_hc_memcasestr(s.p, s.n, "action(");
		if (act) {
			/* gather up to the closing ')' across lines */
			char buf[4096];
			size_t bn = 0;
			struct fc_span cur = fc_span_of(act, s.n - (size_t)(act - s.p));
			struct fc_span sel = fc_span_trim(fc_span_of(s.p, (size_t)(act - s.p)));
			for (int guard = 0; guard < 200; guard++) {
				size_t take = cur.n < sizeof buf - 1 - bn ? cur.n : sizeof buf - 1 - bn;
				memcpy(buf + bn, cur.p, take);
				bn += take;
				if (bn < sizeof buf - 1)
					buf[bn++] = ' ';
				if (memchr(cur.p, ')', cur.n))
					break;
				struct fc_span nx;
				if (!fc_hc_lines_next(&L, &nx)) {
					fc_diag_error(d, name, ref.line, 1, "action( without a closing ')'");
					st = FC_EPARSE;
					break;
				}
				cur = fc_hc_strip_comment(nx);
			}
			struct fc_span all = fc_span_of(buf, bn), type, target;
			if (!param(all, "type", &type))
				continue;
			bool fwd = fc_span_ieq(type, "omfwd") || fc_span_ieq(type, "omrelp");
			if (fwd && param(all, "target", &target)) {
				struct fc_span proto;
				bool tcp = fc_span_ieq(type, "omrelp") ||
					   (param(all, "protocol", &proto) && fc_span_ieq(proto, "tcp"));
				if (!sel.n || fc_span_istarts(sel, "if ") || sel.p[0] == '*')
					sel = sel.n && sel.p[0] != 'i' ? sel : fc_span_of("*.*", 3);
				if ((e = add_fwd(o, a, sel, target, tcp, ref)))
					return limit(e, d, name, L.lineno);
			} else if (fc_span_ieq(type, "omfile") && param(all, "file", &target)) {
				if (!sel.n)
					sel = fc_span_of("*.*", 3);
				if ((e = add_file(o, a, sel, target, ref)))
					return limit(e, d, name, L.lineno);
			}
			continue;
		}
		/* legacy "selector<ws>action" */
		struct fc_span sel, action, rest = s;
		if (!fc_hc_word(&rest, &sel) || !memchr(sel.p, '.', sel.n))
			continue; /* module(), input(), if …, templates: not selector lines */
		if (!fc_hc_word(&rest, &action))
			continue;
		if (action.p[0] == '-' && action.n > 1) {
			action.p++;
			action.n--;
		}
		if (action.p[0] == '@') {
			bool tcp = action.n > 1 && action.p[1] == '@';
			struct fc_span t = fc_span_of(action.p + (tcp ? 2 : 1), action.n - (tcp ? 2 : 1));
			if (t.n && t.p[0] == '(') { /* @(z9)host */
				const char *c = memchr(t.p, ')', t.n);
				if (c)
					t = fc_span_of(c + 1, t.n - (size_t)(c + 1 - t.p));
			}
			if ((e = add_fwd(o, a, sel, t, tcp, ref)))
				return limit(e, d, name, L.lineno);
		} else if (fc_span_istarts(action, ":omrelp:")) {
			if ((e = add_fwd(o, a, sel, fc_span_of(action.p + 8, action.n - 8), true, ref)))
				return e;
		} else if (action.p[0] == '/') {
			if ((e = add_file(o, a, sel, action, ref)))
				return e;
		}
	}
	return st;
}

bool fc_rsyslog_selector_has(const char *selector, const char *facility)
{
	/* "auth,authpriv.*;mail.none": ';' separates parts applied in order;
	 * a part names facilities before '.', and priority "none" excludes
	 * them ("*.*;auth,authpriv.none" = everything but auth) */
	const char *p = selector;
	size_t fl = strlen(facility);
	bool in = false;
	while (*p) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		const char *dot = memchr(p, '.', len);
		if (dot) {
			size_t plen = (size_t)(p + len - dot - 1);
			bool none = plen == 4 && !fc_hc_ncasecmp(dot + 1, "none", 4);
			const char *q = p;
			while (q < dot) {
				const char *c = memchr(q, ',', (size_t)(dot - q));
				size_t n = c ? (size_t)(c - q) : (size_t)(dot - q);
				const char *w = q;
				size_t wn = n;
				while (wn && (*w == ' ' || *w == '\t')) {
					w++;
					wn--;
				}
				if ((wn == 1 && *w == '*') || (wn == fl && !fc_hc_ncasecmp(w, facility, fl)))
					in = !none;
				q += n + (c ? 1 : 0);
				if (!c)
					break;
			}
		}
		if (!semi)
			break;
		p = semi + 1;
	}
	return in;
}
