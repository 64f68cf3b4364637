/*
 * IPv4 and IPv6 addresses as 128-bit numbers (IPv4 mapped into ::ffff:0:0/96)
 * so that one range type serves both.  Used by zones and firewall analysis.
 */
#ifndef FC_IP_H
#define FC_IP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fc_ip {
	uint64_t hi, lo;
};

struct fc_iprange {
	struct fc_ip lo, hi;
};

bool fc_ip_parse(const char *s, size_t n, struct fc_ip *out);
bool fc_ip_is_v4(const struct fc_ip *ip);
int fc_ip_cmp(const struct fc_ip *a, const struct fc_ip *b);
/* "10.0.0.0/8", "10.0.0.0 255.0.0.0", "10.1.2.3" (a /32), "2001:db8::/32",
 * "10.0.0.1-10.0.0.9" */
bool fc_iprange_parse(const char *s, size_t n, struct fc_iprange *out);
bool fc_iprange_contains(const struct fc_iprange *r, const struct fc_ip *ip);
bool fc_iprange_covers(const struct fc_iprange *outer, const struct fc_iprange *inner);
/* Number of addresses as a double (for "too broad" comparisons). */
double fc_iprange_size(const struct fc_iprange *r);
/* Prefix length from a dotted netmask, -1 if not contiguous. */
int fc_netmask_bits(const struct fc_ip *mask);
/* Range of a prefix */
void fc_iprange_prefix(const struct fc_ip *addr, int bits, bool v4, struct fc_iprange *out);
void fc_ip_fmt(const struct fc_ip *ip, char out[48]);
/* "10.0.0.0/8" when a prefix, else "lo-hi" */
void fc_iprange_fmt(const struct fc_iprange *r, char out[100]);
/* the whole v4 or v6 space */
void fc_iprange_any(struct fc_iprange *out, bool v4);

#endif
