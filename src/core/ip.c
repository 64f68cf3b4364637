#include "ip.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

static void from_bytes(const unsigned char b[16], struct fc_ip *out)
{
	out->hi = out->lo = 0;
	for (int i = 0; i < 8; i++)
		out->hi = out->hi << 8 | b[i];
	for (int i = 8; i < 16; i++)
		out->lo = out->lo << 8 | b[i];
}

static void to_bytes(const struct fc_ip *ip, unsigned char b[16])
{
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(ip->hi >> (56 - 8 * i));
	for (int i = 0; i < 8; i++)
		b[8 + i] = (unsigned char)(ip->lo >> (56 - 8 * i));
}

bool fc_ip_parse(const char *s, size_t n, struct fc_ip *out)
{
	char tmp[64];
	if (n == 0 || n >= sizeof(tmp))
		return false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	char *pct = strchr(tmp, '%'); /* zone id fe80::1%eth0 */
	if (pct)
		*pct = '\0';
	unsigned char b[16] = {0};
	struct in_addr a4;
	if (inet_pton(AF_INET, tmp, &a4) == 1) {
		b[10] = b[11] = 0xff;
		memcpy(b + 12, &a4, 4);
		from_bytes(b, out);
		return true;
	}
	if (inet_pton(AF_INET6, tmp, b) == 1) {
		from_bytes(b, out);
		return true;
	}
	return false;
}

bool fc_ip_is_v4(const struct fc_ip *ip)
{
	return ip->hi == 0 && (ip->lo >> 32) == 0xffff;
}

int fc_ip_cmp(const struct fc_ip *a, const struct fc_ip *b)
{
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return 0;
}

void fc_iprange_prefix(const struct fc_ip *addr, int bits, bool v4, struct fc_iprange *out)
{
	int total = v4 ? bits + 96 : bits;
	struct fc_ip m; /* host mask */
	if (total <= 0) {
		m.hi = ~0ULL;
		m.lo = ~0ULL;
	} else if (total < 64) {
		m.hi = ~0ULL >> total;
		m.lo = ~0ULL;
	} else if (total == 64) {
		m.hi = 0;
		m.lo = ~0ULL;
	} else if (total < 128) {
		m.hi = 0;
		m.lo = ~0ULL >> (total - 64);
	} else {
		m.hi = m.lo = 0;
	}
	out->lo.hi = addr->hi & ~m.hi;
	out->lo.lo = addr->lo & ~m.lo;
	out->hi.hi = addr->hi | m.hi;
	out->hi.lo = addr->lo | m.lo;
	if (v4) { /* keep inside ::ffff:0:0/96 */
		out->lo.hi = 0;
		out->hi.hi = 0;
		out->lo.lo = (out->lo.lo & 0xffffffffULL) | 0xffff00000000ULL;
		out->hi.lo = (out->hi.lo & 0xffffffffULL) | 0xffff00000000ULL;
	}
}

int fc_netmask_bits(const struct fc_ip *mask)
{
	uint32_t m = (uint32_t)mask->lo;
	int bits = 0;
	while (bits < 32 && (m & (0x80000000u >> bits)))
		bits++;
	uint32_t expect = bits ? ~0u << (32 - bits) : 0;
	return m == expect ? bits : -1;
}

bool fc_iprange_parse(const char *s, size_t n, struct fc_iprange *out)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	const char *slash = memchr(s, '/', n);
	const char *dash = memchr(s, '-', n);
	const char *sp = memchr(s, ' ', n);
	struct fc_ip a;
	if (slash) {
		if (!fc_ip_parse(s, (size_t)(slash - s), &a))
			return false;
		const char *q = slash + 1;
		size_t qn = n - (size_t)(q - s);
		struct fc_ip mask;
		int bits = 0;
		bool v4 = fc_ip_is_v4(&a);
		if (v4 && memchr(q, '.', qn)) {
			if (!fc_ip_parse(q, qn, &mask) || (bits = fc_netmask_bits(&mask)) < 0)
				return false;
		} else {
			if (qn == 0 || qn > 3)
				return false;
			for (size_t i = 0; i < qn; i++) {
				if (q[i] < '0' || q[i] > '9')
					return false;
				bits = bits * 10 + (q[i] - '0');
			}
			if (bits > (v4 ? 32 : 128))
				return false;
		}
		fc_iprange_prefix(&a, bits, v4, out);
		return true;
	}
	if (sp) { /* "addr mask" */
		struct fc_ip mask;
		const char *q = sp;
		while (q < s + n && *q == ' ')
			q++;
		if (!fc_ip_parse(s, (size_t)(sp - s), &a) || !fc_ip_parse(q, (size_t)(s + n - q), &mask))
			return false;
		int bits = fc_netmask_bits(&mask);
		if (bits < 0 || !fc_ip_is_v4(&a))
			return false;
		fc_iprange_prefix(&a, bits, true, out);
		return true;
	}
	if (dash && memchr(s, '.', n)) {
		struct fc_ip b;
		if (!fc_ip_parse(s, (size_t)(dash - s), &a) ||
		    !fc_ip_parse(dash + 1, n - (size_t)(dash + 1 - s), &b) || fc_ip_cmp(&a, &b) > 0)
			return false;
		out->lo = a;
		out->hi = b;
		return true;
	}
	if (!fc_ip_parse(s, n, &a))
		return false;
	out->lo = out->hi = a;
	return true;
}

bool fc_iprange_contains(const struct fc_iprange *r, const struct fc_ip *ip)
{
	return fc_ip_cmp(&r->lo, ip) <= 0 && fc_ip_cmp(ip, &r->hi) <= 0;
}

bool fc_iprange_covers(const struct fc_iprange *o, const struct fc_iprange *i)
{
	return fc_ip_cmp(&o->lo, &i->lo) <= 0 && fc_ip_cmp(&i->hi, &o->hi) <= 0;
}

double fc_iprange_size(const struct fc_iprange *r)
{
	double hi = (double)(r->hi.hi - r->lo.hi) * 18446744073709551616.0;
	double lo = (double)r->hi.lo - (double)r->lo.lo;
	return hi + lo + 1.0;
}

void fc_ip_fmt(const struct fc_ip *ip, char out[48])
{
	unsigned char b[16];
	to_bytes(ip, b);
	if (fc_ip_is_v4(ip))
		inet_ntop(AF_INET, b + 12, out, 48);
	else
		inet_ntop(AF_INET6, b, out, 48);
}

void fc_iprange_fmt(const struct fc_iprange *r, char out[100])
{
	char a[48], b[48];
	fc_ip_fmt(&r->lo, a);
	if (fc_ip_cmp(&r->lo, &r->hi) == 0) {
		snprintf(out, 100, "%s", a);
		return;
	}
	bool v4 = fc_ip_is_v4(&r->lo);
	for (int bits = v4 ? 0 : 0; bits <= (v4 ? 32 : 128); bits++) {
		struct fc_iprange p;
		fc_iprange_prefix(&r->lo, bits, v4, &p);
		if (fc_ip_cmp(&p.lo, &r->lo) == 0 && fc_ip_cmp(&p.hi, &r->hi) == 0) {
			snprintf(out, 100, "%s/%d", a, bits);
			return;
		}
	}
	fc_ip_fmt(&r->hi, b);
	snprintf(out, 100, "%s-%s", a, b);
}

void fc_iprange_any(struct fc_iprange *out, bool v4)
{
	struct fc_ip z = {0, v4 ? 0xffff00000000ULL : 0};
	fc_iprange_prefix(&z, 0, v4, out);
}
