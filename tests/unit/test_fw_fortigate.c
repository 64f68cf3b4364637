/* FortiGate parser (src/parse/fw_fortigate.c). */
#include "t.h"
#include "fw_t.h"

static const char *cfg =
	"#config-version=FGT100F-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=admin\n" /* 1 */
	"#conf_file_ver=1234\n"
	"config system global\n"
	"    set hostname \"FGT-HQ\"\n"
	"end\n"
	"config system interface\n"						/* 6 */
	"    edit \"wan1\"\n"
	"        set ip 203.0.113.2 255.255.255.248\n"
	"        set role wan\n"
	"    next\n"
	"    edit \"internal\"\n"
	"        set ip 10.20.0.1 255.255.0.0\n"
	"        set role lan\n"
	"        config ipv6\n"
	"            set ip6-address ::/0\n"
	"        end\n"
	"    next\n"
	"end\n"
	"config firewall address\n"						/* 19 */
	"    edit \"all\"\n"
	"    next\n"
	"    edit \"WEB-VIP\"\n"
	"        set subnet 10.20.1.10 255.255.255.255\n"
	"    next\n"
	"    edit \"DB-NET\"\n"
	"        set subnet 10.20.2.0/24\n"
	"    next\n"
	"    edit \"POOL\"\n"
	"        set type iprange\n"
	"        set start-ip 10.20.3.1\n"
	"        set end-ip 10.20.3.50\n"
	"    next\n"
	"    edit \"login.example.com\"\n"
	"        set type fqdn\n"
	"        set fqdn \"login.example.com\"\n"
	"    next\n"
	"end\n"
	"config firewall addrgrp\n"						/* 38 */
	"    edit \"SERVERS\"\n"
	"        set member \"WEB-VIP\" \"DB-NET\" \"POOL\"\n"
	"        set exclude enable\n"
	"        set exclude-member \"WEB-VIP\"\n"
	"    next\n"
	"end\n"
	"config firewall service custom\n"					/* 45 */
	"    edit \"APP-8000\"\n"
	"        set tcp-portrange 8000-8010:1024-65535\n"
	"    next\n"
	"    edit \"DNS\"\n"
	"        set tcp-portrange 53\n"
	"        set udp-portrange 53\n"
	"    next\n"
	"end\n"
	"config firewall service group\n"					/* 54 */
	"    edit \"WEB-SVC\"\n"
	"        set member \"HTTP\" \"HTTPS\"\n"
	"    next\n"
	"end\n"
	"config firewall policy\n"						/* 59 */
	"    edit 7\n"
	"        set name \"web in\"\n"
	"        set srcintf \"wan1\"\n"
	"        set dstintf \"internal\"\n"
	"        set srcaddr \"all\"\n"
	"        set dstaddr \"WEB-VIP\"\n"
	"        set action accept\n"
	"        set schedule \"always\"\n"
	"        set service \"WEB-SVC\"\n"
	"        set logtraffic all\n"
	"    next\n"
	"    edit 3\n"								/* 71 */
	"        set srcintf \"wan1\"\n"
	"        set dstintf \"internal\"\n"
	"        set srcaddr \"all\"\n"
	"        set dstaddr \"SERVERS\"\n"
	"        set action accept\n"
	"        set service \"APP-8000\" \"RDP\"\n"
	"        set status disable\n"
	"    next\n"
	"    edit 9\n"								/* 80 */
	"        set srcintf \"wan1\"\n"
	"        set dstintf \"internal\"\n"
	"        set srcaddr \"all\"\n"
	"        set dstaddr \"WEB-VIP\"\n"
	"        set action deny\n"
	"        set service \"HTTPS\"\n"
	"    next\n"
	"    edit 12\n"								/* 88 */
	"        set srcintf \"internal\"\n"
	"        set dstintf \"wan1\"\n"
	"        set srcaddr \"all\"\n"
	"        set dstaddr \"login.example.com\"\n"
	"        set action accept\n"
	"        set service \"ALL\"\n"
	"    next\n"
	"    edit 15\n"								/* 96 */
	"        set srcintf \"internal\"\n"
	"        set dstintf \"wan1\"\n"
	"        set srcaddr \"all\"\n"
	"        set dstaddr \"all\"\n"
	"        set action accept\n"
	"        set service \"ALL\"\n"
	"        set logtraffic disable\n"
	"        set comments \"temporary\"\n"
	"    next\n"
	"end\n";

TEST(policies_objects_interfaces)
{
	struct fwt t;
	fwt_init(&t);
	CHECK_INT(fwt_text(&t, "fgt-hq.conf", cfg), FC_OK); /* sniffed */
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 0), 0);
	fwt_analyze(&t, NULL, 0);
	struct fc_fw_device *d = fwt_dev(&t, 0);
	CHECK_INT(d->format, FC_FW_FORTIGATE);
	CHECK_STR(d->hostname, "FGT-HQ");
	CHECK_INT(d->rules.n, 5);
	CHECK_INT(d->ifaces.n, 2);
	CHECK_STR(d->ifaces.v[0].role, "wan");
	struct fc_fw_rule *r = fwt_line(d, 60);
	CHECK_STR(r ? r->id : NULL, "7");
	CHECK_STR(fwt_txt(&t, r), "permit tcp/80,tcp/443 any -> 10.20.1.10 in=wan1 out=internal");
	CHECK_INT(r ? r->log : -1, 1);
	CHECK_STR(r ? r->comment : NULL, "web in");
	/* policies are evaluated in file order, not by id */
	CHECK_INT(r ? r->pos : 0, 1);
	r = fwt_line(d, 71);
	CHECK(r && !r->enabled);
	/* SERVERS minus WEB-VIP: DB-NET and POOL; APP-8000 keeps its source ports */
	CHECK_STR(fwt_txt(&t, r),
		  "permit tcp/3389,tcp/8000-8010;sport=1024-65535 any -> 10.20.2.0/24,10.20.3.1-10.20.3.50 in=wan1 out=internal");
	char dst[100];
	fc_iprange_fmt(&r->dst.r[0], dst);
	CHECK_STR(dst, "10.20.2.0/24");
	CHECK_INT(r->dst.n, 2);
	CHECK_INT(r->svc.n, 2);
	/* logtraffic default utm with no profile: not logged */
	CHECK_INT(r->log, 0);
	/* deny HTTPS to WEB-VIP after policy 7 permits it: shadowed */
	r = fwt_line(d, 80);
	CHECK_INT(r ? (int)r->shadow : -1, FC_FW_SH_SHADOWED);
	long by[] = {1};
	CHECK(fwt_by(r, by, 1));
	CHECK_STR(r ? r->target : NULL, "deny");
	/* FQDN destination: unresolved */
	r = fwt_line(d, 88);
	CHECK(r && r->unresolved);
	r = fwt_line(d, 96);
	CHECK(r && r->src.any && r->dst.any && r->svc.any && r->log == 0);
	CHECK_STR(r ? r->comment : NULL, "temporary");
	fwt_release(&t);
}

TEST(vdoms_and_predefined)
{
	struct fwt t;
	fwt_init(&t);
	const char *v = "config vdom\n"
			"edit root\n"
			"config firewall address\n"
			"    edit \"h1\"\n        set subnet 192.168.1.5/32\n    next\n"
			"end\n"
			"config firewall policy\n"
			"    edit 1\n        set srcintf \"any\"\n        set dstintf \"any\"\n"
			"        set srcaddr \"h1\"\n        set dstaddr \"all\"\n        set action accept\n"
			"        set service \"SSH\" \"DNS\"\n    next\n"
			"end\n"
			"next\n"
			"edit dmz\n"
			"config firewall policy\n"
			"    edit 1\n        set srcintf \"port3\"\n        set dstintf \"port4\"\n"
			"        set srcaddr \"h1\"\n        set dstaddr \"all\"\n        set action accept\n"
			"        set service \"SSH\"\n    next\n"
			"end\n"
			"next\n"
			"end\n";
	CHECK_INT(fwt_text(&t, "fgt.fgt", v), FC_OK);
	/* h1 is not defined in vdom dmz: warned, that policy is not analyzed */
	CHECK_INT(fwt_diags(&t, FC_DIAG_WARNING, 0), 1);
	struct fc_fw_device *d = fwt_dev(&t, 0);
	CHECK_INT(d->lists.n, 2);
	CHECK_STR(d->lists.v[0].name, "root/policy");
	CHECK_STR(d->lists.v[1].name, "dmz/policy");
	struct fc_fw_rule *r = &d->rules.v[0];
	CHECK_STR(fwt_txt(&t, r), "permit tcp/22,tcp/53,udp/53 192.168.1.5 -> any");
	CHECK(d->rules.v[1].unresolved);
	fwt_release(&t);
}

TEST(truncated_and_garbled)
{
	struct fwt t;
	fwt_init(&t);
	const char *cut = "config firewall policy\n    edit 1\n        set srcintf \"port1\"\n"
			  "        set dstintf \"port2\"\n        set srcaddr \"all\"\n        set dstaddr \"all\"\n"
			  "        set action accept\n        set service \"ALL\"\n    next\n    edit 2\n        set srca";
	CHECK_INT(fwt_text(&t, "cut.fortigate", cut), FC_EPARSE);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 1), 1); /* config firewall policy not closed */
	CHECK_INT(fwt_dev(&t, 0)->rules.n, 2);
	fwt_release(&t);
	fwt_init(&t);
	CHECK_INT(fwt_text(&t, "g.fortigate", "config firewall address\n    edit \"a\n    next\nend\n"), FC_EPARSE);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 2), 1);
	fwt_release(&t);
	fwt_init(&t);
	CHECK_INT(fwt_text(&t, "g2.fortigate", "config firewall address\n  permit everything\nend\nend\n"), FC_EPARSE);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 2), 1);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 4), 1);
	fwt_release(&t);
}

TEST(virtual_ip)
{
	struct fwt t;
	fwt_init(&t);
	const char *v = "config firewall vip\n"
			"    edit \"VIP-WEB\"\n        set extip 203.0.113.10\n        set mappedip \"10.1.1.10-10.1.1.11\"\n"
			"        set extintf \"wan1\"\n    next\n"
			"end\n"
			"config firewall policy\n"
			"    edit 4\n        set srcintf \"wan1\"\n        set dstintf \"lan\"\n"
			"        set srcaddr \"all\"\n        set dstaddr \"VIP-WEB\"\n        set action accept\n"
			"        set service \"HTTPS\"\n        set logtraffic all\n    next\n"
			"end\n";
	CHECK_INT(fwt_text(&t, "v.fortigate", v), FC_OK);
	/* policies match the mapped (internal) addresses of a VIP */
	CHECK_STR(fwt_txt(&t, &fwt_dev(&t, 0)->rules.v[0]), "permit tcp/443 any -> 10.1.1.10/31 in=wan1 out=lan");
	fwt_release(&t);
}

int main(void)
{
	RUN(policies_objects_interfaces);
	RUN(vdoms_and_predefined);
	RUN(truncated_and_garbled);
	RUN(virtual_ip);
	return t_done();
}
