#include "date.h"
#include "strutil.h"
#include <stdio.h>
#include <string.h>

/* Howard Hinnant's civil-date algorithms. */
int32_t fc_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int32_t)doe - 719468;
}

void fc_civil_from_days(int32_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yy + (*m <= 2);
}

bool fc_valid_ymd(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1601 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	int md = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		md = 29;
	return d <= md;
}

int fc_month_abbr(const char *s)
{
	static const char *mon[] = {"jan", "feb", "mar", "apr", "may", "jun",
				    "jul", "aug", "sep", "oct", "nov", "dec"};
	for (int i = 0; i < 12; i++)
		if (fc_span_ieq(fc_span_of(s, 3), mon[i]))
			return i + 1;
	return 0;
}

/* cursor helpers: read exactly/at most n digits */
static int digits(const char **p, int min, int max, int *out)
{
	int v = 0, n = 0;
	while (n < max && (*p)[n] >= '0' && (*p)[n] <= '9') {
		v = v * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n < min)
		return 0;
	*p += n;
	*out = v;
	return 1;
}

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* time "HH:MM[:SS[.frac]] [AM|PM]" then optional zone.  Returns end or NULL. */
static const char *parse_time(const char *p, int *secs_of_day, int *tzoff, bool *has_tz)
{
	int h, mi, s = 0;
	if (!digits(&p, 1, 2, &h) || *p != ':')
		return NULL;
	p++;
	if (!digits(&p, 2, 2, &mi))
		return NULL;
	if (*p == ':') {
		p++;
		if (!digits(&p, 2, 2, &s))
			return NULL;
		if (*p == '.' || *p == ',') {
			p++;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	const char *q = skip_ws(p);
	if ((q[0] == 'A' || q[0] == 'a' || q[0] == 'P' || q[0] == 'p') && (q[1] == 'M' || q[1] == 'm')) {
		if (h < 1 || h > 12)
			return NULL;
		bool pm = q[0] == 'P' || q[0] == 'p';
		h = h % 12 + (pm ? 12 : 0);
		p = q + 2;
	} else if ((unsigned char)q[0] == 0xE4) {
		/* "上午"/"下午" (zh-TW Windows locale): 上 E4 B8 8A, 下 E4 B8 8B, 午 E5 8D 88 */
		const unsigned char *u = (const unsigned char *)q;
		if (u[1] == 0xB8 && (u[2] == 0x8A || u[2] == 0x8B) && u[3] == 0xE5 && u[4] == 0x8D && u[5] == 0x88) {
			if (h < 1 || h > 12)
				return NULL;
			h = h % 12 + (u[2] == 0x8B ? 12 : 0);
			p = q + 6;
		}
	}
	if (h > 23 || mi > 59 || s > 60)
		return NULL;
	*secs_of_day = h * 3600 + mi * 60 + (s == 60 ? 59 : s);
	*has_tz = false;
	*tzoff = FC_TZ_TAIPEI;
	q = skip_ws(p);
	if (*q == 'Z' || *q == 'z') {
		*has_tz = true;
		*tzoff = 0;
		return q + 1;
	}
	if ((*q == '+' || *q == '-') && q[1] >= '0' && q[1] <= '9') {
		int sign = *q == '-' ? -1 : 1, th, tm = 0;
		q++;
		if (!digits(&q, 2, 2, &th))
			return NULL;
		if (*q == ':')
			q++;
		digits(&q, 2, 2, &tm);
		if (th > 14 || tm > 59)
			return NULL;
		*has_tz = true;
		*tzoff = sign * (th * 3600 + tm * 60);
		return q;
	}
	if (fc_istarts(q, "UTC") || fc_istarts(q, "GMT")) {
		*has_tz = true;
		*tzoff = 0;
		return q + 3;
	}
	if (fc_istarts(q, "CST")) { /* Taiwan/China standard time in local logs */
		*has_tz = true;
		*tzoff = FC_TZ_TAIPEI;
		return q + 3;
	}
	return p;
}

static bool at_end(const char *p)
{
	p = skip_ws(p);
	return *p == '\0' || *p == '\r' || *p == '\n';
}

/* Leading date part; sets *y,*m,*d and returns end, or NULL. */
static const char *parse_date_part(const char *s, int *y, int *m, int *d)
{
	const char *p = s;
	int a = 0, b = 0, c = 0;
	const char *q = p;
	int na = 0;
	while (q[na] >= '0' && q[na] <= '9')
		na++;
	if (na == 8 && (q[8] == '\0' || q[8] == 'T' || q[8] == ' ')) {
		digits(&p, 4, 4, &a);
		digits(&p, 2, 2, &b);
		digits(&p, 2, 2, &c);
		*y = a, *m = b, *d = c;
		return p;
	}
	if (na == 4 && (p[4] == '-' || p[4] == '/' || p[4] == '.')) {
		char sep = p[4];
		digits(&p, 4, 4, &a);
		p++;
		if (!digits(&p, 1, 2, &b) || *p != sep)
			return NULL;
		p++;
		if (!digits(&p, 1, 2, &c))
			return NULL;
		*y = a, *m = b, *d = c;
		return p;
	}
	if ((na == 2 || na == 3) && p[na] == '/') {
		/* ROC year "113/11/01" (3 digits) — or US M/D with 2-digit month */
		int first = 0;
		digits(&p, 1, 3, &first);
		p++;
		if (!digits(&p, 1, 2, &b) || *p != '/')
			return NULL;
		p++;
		const char *yp = p;
		if (!digits(&p, 1, 4, &c))
			return NULL;
		if (p - yp == 4) { /* US: M/D/YYYY */
			*y = c, *m = first, *d = b;
			return p;
		}
		if (na == 3 && p - yp <= 2) { /* ROC: YYY/MM/DD */
			*y = first + 1911, *m = b, *d = c;
			return p;
		}
		return NULL;
	}
	if (na == 1 && p[1] == '/') {
		digits(&p, 1, 1, &a);
		p++;
		if (!digits(&p, 1, 2, &b) || *p != '/')
			return NULL;
		p++;
		if (!digits(&p, 4, 4, &c))
			return NULL;
		*y = c, *m = a, *d = b;
		return p;
	}
	return NULL;
}

static bool parse_ctime(const char *s, int64_t *secs)
{
	/* "Thu Sep 15 10:01:48 2022" or "Sep 15 10:01:48 2022" */
	const char *p = skip_ws(s);
	if (strlen(p) >= 4 && p[3] == ' ' && !fc_month_abbr(p))
		p += 4;
	int mon = strlen(p) >= 3 ? fc_month_abbr(p) : 0;
	if (!mon || p[3] != ' ')
		return false;
	p = skip_ws(p + 4);
	int d, y, sod, tz;
	bool has;
	if (!digits(&p, 1, 2, &d))
		return false;
	p = skip_ws(p);
	p = parse_time(p, &sod, &tz, &has);
	if (!p)
		return false;
	p = skip_ws(p);
	if (!digits(&p, 4, 4, &y) || !at_end(p) || !fc_valid_ymd(y, mon, d))
		return false;
	*secs = (int64_t)fc_days_from_civil(y, mon, d) * 86400 + sod - tz;
	return true;
}

bool fc_ts_parse(const char *s, int64_t *secs, bool *never)
{
	if (never)
		*never = false;
	if (!s)
		return false;
	s = skip_ws(s);
	if (!*s)
		return false;
	/* FILETIME: all digits, 15+ long (100ns ticks since 1601-01-01) */
	size_t nd = strspn(s, "0123456789");
	if (nd == strlen(s) || (nd && at_end(s + nd))) {
		if (nd >= 15 && nd <= 19) {
			int64_t v;
			if (!fc_parse_i64(s, &v))
				return false;
			if (v == INT64_MAX) {
				if (never)
					*never = true;
				return false;
			}
			*secs = v / 10000000 - 11644473600LL;
			return true;
		}
		if (nd == 1 && s[0] == '0') {
			if (never)
				*never = true;
			return false;
		}
	}
	int y, m, d;
	const char *p = parse_date_part(s, &y, &m, &d);
	if (!p)
		return parse_ctime(s, secs);
	if (!fc_valid_ymd(y, m, d))
		return false;
	int64_t day = fc_days_from_civil(y, m, d);
	if (at_end(p)) {
		*secs = day * 86400 - FC_TZ_TAIPEI;
		return true;
	}
	if (*p != 'T' && *p != 't' && *p != ' ')
		return false;
	p = skip_ws(p + 1);
	int sod, tz;
	bool has;
	p = parse_time(p, &sod, &tz, &has);
	if (!p || !at_end(p))
		return false;
	*secs = day * 86400 + sod - tz;
	return true;
}

bool fc_date_parse(const char *s, int32_t *days)
{
	int64_t t;
	if (!fc_ts_parse(s, &t, NULL))
		return false;
	*days = fc_ts_day(t);
	return true;
}

int fc_syslog_ts(const char *s, int len, int32_t asof, int64_t *secs)
{
	/* "Mmm dd hh:mm:ss" = 15 bytes; day may be space-padded */
	if (len < 15 || s[3] != ' ')
		return 0;
	int mon = fc_month_abbr(s);
	if (!mon)
		return 0;
	int d;
	if (s[4] == ' ' && s[5] >= '1' && s[5] <= '9')
		d = s[5] - '0';
	else if (s[4] >= '0' && s[4] <= '3' && s[5] >= '0' && s[5] <= '9')
		d = (s[4] - '0') * 10 + (s[5] - '0');
	else
		return 0;
	if (s[6] != ' ' || s[9] != ':' || s[12] != ':')
		return 0;
	for (int i = 7; i < 15; i++)
		if (i != 9 && i != 12 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int h = (s[7] - '0') * 10 + s[8] - '0', mi = (s[10] - '0') * 10 + s[11] - '0',
	    se = (s[13] - '0') * 10 + s[14] - '0';
	if (h > 23 || mi > 59 || se > 60 || d < 1 || d > 31)
		return 0;
	int ay, am, ad;
	fc_civil_from_days(asof, &ay, &am, &ad);
	int y = ay;
	if (!fc_valid_ymd(y, mon, d)) {
		if (fc_valid_ymd(y - 1, mon, d))
			y--;
		else
			return 0;
	}
	int32_t day = fc_days_from_civil(y, mon, d);
	if (day > asof + 1) { /* roll-over: "Dec 31" read in January */
		y--;
		if (!fc_valid_ymd(y, mon, d))
			return 0;
		day = fc_days_from_civil(y, mon, d);
	}
	*secs = (int64_t)day * 86400 + h * 3600 + mi * 60 + (se == 60 ? 59 : se) - FC_TZ_TAIPEI;
	return 15;
}

int32_t fc_ts_day(int64_t secs)
{
	int64_t t = secs + FC_TZ_TAIPEI;
	int64_t d = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	return (int32_t)d;
}

int64_t fc_day_ts(int32_t days)
{
	return (int64_t)days * 86400 - FC_TZ_TAIPEI;
}

void fc_date_fmt(int32_t days, char out[11])
{
	if (days == FC_NO_DATE) {
		out[0] = '\0';
		return;
	}
	int y, m, d;
	fc_civil_from_days(days, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y % 10000 + 10000) % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

void fc_ts_fmt(int64_t secs, char out[26])
{
	int32_t day = fc_ts_day(secs);
	int64_t sod = secs + FC_TZ_TAIPEI - (int64_t)day * 86400;
	int y, m, d;
	fc_civil_from_days(day, &y, &m, &d);
	snprintf(out, 26, "%04u-%02u-%02uT%02u:%02u:%02u+08:00", (unsigned)(y % 10000 + 10000) % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u, (unsigned)(sod / 3600) % 100u,
		 (unsigned)(sod / 60 % 60) % 100u, (unsigned)(sod % 60) % 100u);
}
