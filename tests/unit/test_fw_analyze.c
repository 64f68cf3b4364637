/* Set-semantics shadow/redundancy analysis and zone mapping
 * (src/parse/fw_analyze.c, src/parse/fw_zones.c). */
#include <stdlib.h>
#include "t.h"
#include "fw_t.h"

static const struct fc_fw_rule *rule_at(struct fwt *t, long line)
{
	return fwt_line(fwt_dev(t, 0), line);
}

TEST(shadow_by_union_of_address_ranges)
{
	struct fwt t;
	fwt_init(&t);
	/* two /9 permits together cover the /8 deny, neither alone does */
	const char *csv = "action,src,dst,service\n"
			  "permit,10.0.0.0/9,any,tcp/80\n"
			  "permit,10.128.0.0/9,any,tcp/80\n"
			  "deny,10.0.0.0/8,192.168.1.0/24,tcp/80\n"
			  "deny,10.0.0.0/8,192.168.1.0/24,tcp/81\n";
	fwt_text(&t, "u.csv", csv);
	fwt_analyze(&t, NULL, 0);
	const struct fc_fw_rule *r = rule_at(&t, 4);
	CHECK_INT(r ? (int)r->shadow : -1, FC_FW_SH_SHADOWED);
	long by[] = {1, 2};
	CHECK(fwt_by(r, by, 2));
	CHECK_INT(rule_at(&t, 5)->shadow, FC_FW_SH_NONE);
	fwt_release(&t);
}

TEST(redundant_by_union_of_port_ranges)
{
	struct fwt t;
	fwt_init(&t);
	const char *csv = "action,src,dst,service\n"
			  "permit,any,10.1.1.1,tcp/1-100\n"
			  "permit,any,10.1.1.1,tcp/101-200\n"
			  "permit,any,10.1.1.1,tcp/50-150\n"  /* redundant with 1 and 2 */
			  "permit,any,10.1.1.1,tcp/50-201\n"  /* 201 is new: not covered */
			  "permit,any,10.1.1.0/24,udp/53\n"
			  "permit,any,10.1.1.7,udp/53\n";     /* one rule covers it alone */
	fwt_text(&t, "p.csv", csv);
	fwt_analyze(&t, NULL, 0);
	long b12[] = {1, 2}, b5[] = {5};
	CHECK_INT(rule_at(&t, 4)->shadow, FC_FW_SH_REDUNDANT);
	CHECK(fwt_by(rule_at(&t, 4), b12, 2));
	CHECK_INT(rule_at(&t, 5)->shadow, FC_FW_SH_NONE);
	CHECK_INT(rule_at(&t, 7)->shadow, FC_FW_SH_REDUNDANT);
	CHECK(fwt_by(rule_at(&t, 7), b5, 1));
	fwt_release(&t);
}

TEST(text_equal_is_not_the_test)
{
	struct fwt t;
	fwt_init(&t);
	/* different words, same sets: 10.0.0.0/8 == 10.0.0.0-10.255.255.255,
	 * https == tcp/443; and "any" written twice but IPv4-only vs both families */
	const char *csv = "action,src,dst,service\n"
			  "deny,10.0.0.0/8,any,https\n"
			  "permit,10.0.0.0-10.255.255.255,0.0.0.0/0,tcp/443\n";
	fwt_text(&t, "s.csv", csv);
	fwt_analyze(&t, NULL, 0);
	CHECK_INT(rule_at(&t, 3)->shadow, FC_FW_SH_SHADOWED);
	fwt_release(&t);
	fwt_init(&t);
	const char *asa = "ASA Version 9.8\n"
			  "access-list A extended permit ip any4 any4\n"
			  "access-list A extended deny ip any any\n"	 /* IPv6 part is new */
			  "access-list A extended deny ip any6 any6\n"; /* … and then taken */
	fwt_text(&t, "a.asa", asa);
	fwt_analyze(&t, NULL, 0);
	CHECK_INT(rule_at(&t, 3)->shadow, FC_FW_SH_NONE);
	CHECK_INT(rule_at(&t, 4)->shadow, FC_FW_SH_REDUNDANT);
	long b2[] = {2};
	CHECK(fwt_by(rule_at(&t, 4), b2, 1));
	fwt_release(&t);
}

TEST(interfaces_states_and_partial)
{
	struct fwt t;
	fwt_init(&t);
	const char *cfg = "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n"
			  "-A FORWARD -i eth+ -p tcp --dport 22 -j ACCEPT\n"		/* 4 */
			  "-A FORWARD -i eth1 -p tcp --dport 22 -j DROP\n"		/* 5 shadowed */
			  "-A FORWARD -i wlan0 -p tcp --dport 22 -j DROP\n"		/* 6 not */
			  "-A FORWARD -m conntrack --ctstate NEW -p udp -j ACCEPT\n"	/* 7 */
			  "-A FORWARD -p udp --dport 53 -j DROP\n"			/* 8 not: ESTABLISHED part */
			  "-A FORWARD -m conntrack --ctstate NEW -p udp --dport 53 -j DROP\n" /* 9 shadowed */
			  "-A FORWARD -m limit --limit 5/s -p icmp -j ACCEPT\n"	/* 10 partial */
			  "-A FORWARD -p icmp --icmp-type 8 -j DROP\n"			/* 11 not */
			  "-A FORWARD -p icmp -j DROP\n"
			  "-A FORWARD -m limit --limit 5/s -p icmp -j DROP\n"		/* 13 partial, redundant */
			  "COMMIT\n";
	fwt_text(&t, "i.rules", cfg);
	fwt_analyze(&t, NULL, 0);
	CHECK_INT(rule_at(&t, 5)->shadow, FC_FW_SH_SHADOWED);
	CHECK_INT(rule_at(&t, 6)->shadow, FC_FW_SH_NONE);
	CHECK_INT(rule_at(&t, 8)->shadow, FC_FW_SH_NONE);
	CHECK_INT(rule_at(&t, 9)->shadow, FC_FW_SH_SHADOWED);
	CHECK_INT(rule_at(&t, 11)->shadow, FC_FW_SH_NONE);
	CHECK_INT(rule_at(&t, 13)->shadow, FC_FW_SH_REDUNDANT);
	fwt_release(&t);
}

TEST(disabled_and_unresolved_are_skipped)
{
	struct fwt t;
	fwt_init(&t);
	const char *csv = "action,src,dst,service,enabled\n"
			  "deny,any,any,any,no\n"	  /* disabled: covers nothing */
			  "permit,any,10.0.0.1,tcp/22,yes\n";
	fwt_text(&t, "d.csv", csv);
	fwt_analyze(&t, NULL, 0);
	CHECK_INT(rule_at(&t, 3)->shadow, FC_FW_SH_NONE);
	CHECK_INT(rule_at(&t, 2)->shadow, FC_FW_SH_NONE);
	fwt_release(&t);
}

TEST(zones)
{
	struct fc_zone z[5];
	memset(z, 0, sizeof z);
	const char *cidr[5] = {"0.0.0.0/0", "10.10.0.0/16", "10.20.0.0/16", "192.168.0.0/16", "172.16.10.0/24"};
	const char *name[5] = {"INTERNET", "PROD", "ADMIN", "OA", "DMZ"};
	enum fc_zone_kind kind[5] = {FC_ZK_INTERNET, FC_ZK_PRODUCTION, FC_ZK_PRODUCTION, FC_ZK_OFFICE, FC_ZK_DMZ};
	for (int i = 0; i < 5; i++) {
		z[i].name = name[i];
		z[i].kind = kind[i];
		fc_iprange_parse(cidr[i], strlen(cidr[i]), &z[i].range);
	}
	struct fwt t;
	fwt_init(&t);
	const char *csv = "action,src,dst,service,src_zone\n"
			  "permit,192.168.5.0/24,10.10.0.0/16,any,\n"
			  "permit,192.168.5.0/24,10.0.0.0/8,tcp/443,\n"
			  "permit,8.8.8.8,172.16.10.11,tcp/443,\n"
			  "permit,any,10.20.1.1,tcp/22,OA\n";
	fwt_text(&t, "z.csv", csv);
	fwt_analyze(&t, z, 5);
	const struct fc_fw_rule *r = rule_at(&t, 2);
	CHECK_STR(r->src_zone, "OA");
	CHECK_STR(r->dst_zone, "PROD");
	CHECK_STR(r->dst_whole_zone, "PROD");
	CHECK(r->src_kinds == (1u << FC_ZK_OFFICE));
	/* 10/8 holds PROD and ADMIN whole; the rest of 10/8 is in no zone but
	 * inside INTERNET's 0.0.0.0/0: the most specific row that holds it */
	r = rule_at(&t, 3);
	CHECK_STR(r->dst_zone, "PROD,ADMIN,INTERNET");
	CHECK(r->dst_kinds == ((1u << FC_ZK_PRODUCTION) | (1u << FC_ZK_INTERNET)));
	CHECK_STR(r->dst_whole_zone, "PROD");
	r = rule_at(&t, 4);
	CHECK_STR(r->src_zone, "INTERNET");
	CHECK_STR(r->dst_zone, "DMZ");
	CHECK(r->dst_whole_zone == NULL);
	/* any behind a zone-named interface is that zone */
	r = rule_at(&t, 5);
	CHECK_STR(r->src_zone, "OA");
	CHECK(r->src_kinds == (1u << FC_ZK_OFFICE));
	fwt_release(&t);
	/* without an internet row: public space outside every zone is "internet",
	 * private space "unknown" */
	fwt_init(&t);
	fwt_text(&t, "z.csv", "action,src,dst,service\npermit,10.0.0.0/8,8.8.8.0/24,tcp/53\n");
	fwt_analyze(&t, z + 1, 4);
	r = rule_at(&t, 2);
	CHECK_STR(r->src_zone, "PROD,ADMIN,unknown");
	CHECK_STR(r->dst_zone, "internet");
	CHECK(r->dst_kinds == (1u << FC_ZK_INTERNET));
	fwt_release(&t);
}

TEST(scale_and_fragment_cap)
{
	/* 3,000 rules of /24 sources to a host on distinct ports, then a
	 * deny covering all of them: each shadowed exactly once */
	struct fwt t;
	fwt_init(&t);
	size_t cap = 512 * 1024;
	char *csv = malloc(cap);
	size_t o = (size_t)snprintf(csv, cap, "action,src,dst,service\n");
	for (int i = 0; i < 3000; i++)
		o += (size_t)snprintf(csv + o, cap - o, "permit,10.%d.%d.0/24,10.200.0.1,tcp/%d\n", i / 256, i % 256, 1000 + i);
	o += (size_t)snprintf(csv + o, cap - o, "deny,10.0.0.0/8,10.200.0.1,tcp/1000-3999\n");
	for (int i = 0; i < 3000; i += 1000)
		o += (size_t)snprintf(csv + o, cap - o, "permit,10.%d.%d.0/24,10.200.0.1,tcp/%d\n", i / 256, i % 256, 1000 + i);
	fwt_text(&t, "big.csv", csv);
	free(csv);
	struct fc_fw_analyze_stats st;
	fc_fw_map_zones(t.fw, NULL, 0);
	fc_fw_analyze(t.fw, NULL, &t.d, &st);
	CHECK_INT(st.analyzed, 3004);
	CHECK_INT(st.redundant, 3); /* the last three repeat earlier permits */
	CHECK_INT(st.shadowed, 0);  /* the deny is only partly covered */
	CHECK_INT(rule_at(&t, 3002)->shadow, FC_FW_SH_NONE);
	/* a fragment cap of 1 gives up (incomplete), it never claims */
	fc_fw_analyze(t.fw, &(struct fc_fw_analyze_opts){1, 0}, &t.d, &st);
	CHECK(st.incomplete > 0);
	CHECK_INT(st.shadowed, 0);
	fwt_release(&t);
}

int main(void)
{
	RUN(shadow_by_union_of_address_ranges);
	RUN(redundant_by_union_of_port_ranges);
	RUN(text_equal_is_not_the_test);
	RUN(interfaces_states_and_partial);
	RUN(disabled_and_unresolved_are_skipped);
	RUN(zones);
	RUN(scale_and_fragment_cap);
	return t_done();
}
