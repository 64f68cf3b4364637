/*
 * Installed-package lists: `dpkg -l` (status columns, header lines),
 * `dpkg-query -W` (name TAB version), `rpm -qa` (name-version-release.arch)
 * and `rpm -qa --last` (… followed by the install date, which gives the
 * newest update on the host: seed 000 作業系統…未有定期評估及更新機制).
 */
#include <string.h>
#include "../core/limits.h"
#include "hostcfg.h"

#define PKG_MAX FC_MAX_PACKAGES

static enum fc_status push(struct fc_packages *o, struct fc_arena *a, struct fc_span name,
			   struct fc_span ver, int32_t installed, struct fc_ref ref)
{
	if (o->n >= PKG_MAX)
		return FC_ELIMIT;
	if (o->n == o->cap) {
		size_t nc = o->cap ? o->cap * 2 : 256;
		struct fc_package *nv = fc_arena_alloc(a, nc * sizeof(*nv));
		if (!nv)
			return FC_ENOMEM;
		if (o->n)
			memcpy(nv, o->v, o->n * sizeof(*nv));
		o->v = nv;
		o->cap = nc;
	}
	struct fc_package *p = &o->v[o->n++];
	p->name = fc_arena_strndup(a, name.p, name.n);
	p->version = fc_arena_strndup(a, ver.p, ver.n);
	p->installed = installed;
	p->ref = ref;
	if (installed != FC_NO_DATE && (o->newest == FC_NO_DATE || installed > o->newest))
		o->newest = installed;
	return p->name && p->version ? FC_OK : FC_ENOMEM;
}

/* "Tue 01 Oct 2026 09:30:00 AM CST" or "Tue Oct  1 09:30:00 2026" */
static int32_t rpm_last_date(struct fc_span s)
{
	struct fc_span w[6];
	size_t nw = 0;
	while (nw < 6 && fc_hc_word(&s, &w[nw]))
		nw++;
	if (nw < 4)
		return FC_NO_DATE;
	int64_t day, year;
	char mon[4] = {0};
	/* form 1: Dow DD Mon YYYY */
	if (fc_hc_int(w[1], &day) && w[2].n == 3 && fc_hc_int(w[3], &year)) {
		memcpy(mon, w[2].p, 3);
	} else if (w[1].n == 3 && fc_hc_int(w[2], &day) && nw >= 5 && fc_hc_int(w[4], &year)) {
		memcpy(mon, w[1].p, 3);
	} else {
		return FC_NO_DATE;
	}
	int m = fc_month_abbr(mon);
	if (!m || !fc_valid_ymd((int)year, m, (int)day))
		return FC_NO_DATE;
	return fc_days_from_civil((int)year, m, (int)day);
}

/* a hard failure of push(): say which limit (FC_MAX_PACKAGES) was hit */
static enum fc_status limit(enum fc_status e, struct fc_diag *d, const char *name, long line)
{
	if (e == FC_ELIMIT)
		fc_diag_error(d, name, line, 1, "more than %d packages listed", PKG_MAX);
	return e;
}

enum fc_status fc_packages_parse(const char *text, size_t n, const char *name, struct fc_arena *a,
				 struct fc_packages *o, struct fc_diag *d)
{
	memset(o, 0, sizeof(*o));
	o->newest = FC_NO_DATE;
	if (fc_hc_refuse_binary(text, n, name, d))
		return FC_EPARSE;
	enum fc_status st = FC_OK, e;
	unsigned bad = 0;
	struct fc_hc_lines L;
	struct fc_span line;
	fc_hc_lines_init(&L, text, n);
	while (fc_hc_lines_next(&L, &line)) {
		struct fc_span s = fc_span_trim(line);
		if (!s.n || s.p[0] == '#')
			continue;
		/* dpkg -l header block */
		if (fc_span_istarts(s, "Desired=") || s.p[0] == '|' || fc_span_istarts(s, "+++-") ||
		    fc_span_istarts(s, "||/"))
			continue;
		struct fc_span t = s, w1, w2, w3;
		if (!fc_hc_word(&t, &w1))
			continue;
		bool two = fc_hc_word(&t, &w2);
		bool three = two && fc_hc_word(&t, &w3);
		/* dpkg -l: 2-3 letter status, name, version, arch, description */
		if (three && w1.n >= 2 && w1.n <= 3 && strchr("uirph", w1.p[0]) &&
		    strchr("ncHUFWti", w1.p[1])) {
			if (w1.p[1] == 'n' || w1.p[1] == 'c')
				continue; /* not installed / config files only */
			if (o->format == FC_PKG_UNKNOWN)
				o->format = FC_PKG_DPKG;
			/* strip ":amd64" multiarch suffix */
			const char *c = memchr(w2.p, ':', w2.n);
			if (c)
				w2.n = (size_t)(c - w2.p);
			if ((e = push(o, a, w2, w3, FC_NO_DATE, fc_hc_ref(a, name, L.lineno, line))))
				return limit(e, d, name, L.lineno);
			continue;
		}
		/* dpkg-query -W: name TAB version */
		const char *tab = memchr(s.p, '\t', s.n);
		if (tab && two && !three) {
			if (o->format == FC_PKG_UNKNOWN)
				o->format = FC_PKG_DPKG;
			if ((e = push(o, a, w1, w2, FC_NO_DATE, fc_hc_ref(a, name, L.lineno, line))))
				return limit(e, d, name, L.lineno);
			continue;
		}
		/* rpm: name-version-release[.arch] [date] */
		const char *r = NULL, *v = NULL;
		for (size_t i = w1.n; i > 0; i--)
			if (w1.p[i - 1] == '-') {
				if (!r)
					r = w1.p + i - 1;
				else {
					v = w1.p + i - 1;
					break;
				}
			}
		if (v && v > w1.p && (!two || rpm_last_date(fc_span_of(w2.p, s.n - (size_t)(w2.p - s.p))) != FC_NO_DATE)) {
			if (o->format == FC_PKG_UNKNOWN)
				o->format = FC_PKG_RPM;
			int32_t when = two ? rpm_last_date(fc_span_of(w2.p, s.n - (size_t)(w2.p - s.p))) : FC_NO_DATE;
			struct fc_span nm = fc_span_of(w1.p, (size_t)(v - w1.p));
			struct fc_span ver = fc_span_of(v + 1, w1.n - (size_t)(v + 1 - w1.p));
			if ((e = push(o, a, nm, ver, when, fc_hc_ref(a, name, L.lineno, line))))
				return limit(e, d, name, L.lineno);
			continue;
		}
		if (bad++ < 20)
			fc_diag_error(d, name, L.lineno, 1,
				      "not a package line (expected dpkg -l, dpkg-query -W, rpm -qa or rpm -qa --last output)");
		st = FC_EPARSE;
	}
	return st;
}

const struct fc_package *fc_packages_find(const struct fc_packages *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].name, name))
			return &p->v[i];
	return NULL;
}
