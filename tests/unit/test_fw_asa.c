/* Cisco ASA parser (src/parse/fw_asa.c). */
#include "t.h"
#include "fw_t.h"

#define C "../shared/corpora/firewall/cisco-asa/"

TEST(corpus_sample01)
{
	SKIP_NO_CORPORA();
	struct fwt t;
	fwt_init(&t);
	CHECK_INT(fwt_file(&t, C "ciscoconfparse_sample_01.asa"), FC_OK);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 0), 0);
	/* undefined TSUNAMI_addrs (2 entries) and OBJ_service/OBJ_src/OBJ_dest */
	CHECK_INT(fwt_diags(&t, FC_DIAG_WARNING, 271), 1);
	CHECK_INT(fwt_diags(&t, FC_DIAG_WARNING, 285), 3);
	fwt_analyze(&t, NULL, 0);
	struct fc_fw_device *d = fwt_dev(&t, 0);
	CHECK_STR(d->hostname, "fw");
	CHECK_INT(d->rules.n, 26); /* extended entries; standard ones are not traffic filters */
	CHECK_INT(d->lists.n, 7);
	size_t in = (size_t)-1;
	for (size_t i = 0; i < d->lists.n; i++)
		if (!strcmp(d->lists.v[i].name, "INSIDE_in"))
			in = i;
	CHECK(in != (size_t)-1);
	if (in == (size_t)-1)
		goto out;
	CHECK_STR(d->lists.v[in].applied, "in interface INSIDE");
	CHECK(d->lists.v[in].filtering);
	/* ACLs not bound by access-group (NAT exemption, VOIP, …) do not filter */
	CHECK(!d->lists.v[d->rules.v[0].list].filtering);
	/* object-group GOOGLE_svc (5 tcp ports) from INSIDE_addrs to GOOGLE_addrs */
	struct fc_fw_rule *r = fwt_line(d, 262);
	CHECK(r && r->svc.n == 5 && r->src.n == 2 && r->dst.n == 10);
	CHECK(r && r->log == 1);
	/* ANDROID_svc (tcp/5228) is inside GOOGLE_svc: redundant with line 262 */
	r = fwt_line(d, 263);
	CHECK_INT(r ? (int)r->shadow : -1, FC_FW_SH_REDUNDANT);
	long by[] = {3};
	CHECK(fwt_by(r, by, 1));
	/* names: TELNET_svc to host 128.223.51.103 */
	r = fwt_line(d, 267);
	CHECK_STR(fwt_txt(&t, r), "permit tcp/23 10.0.0.0/8,192.0.2.0/24 -> 128.223.51.103");
	/* undefined group: kept, not analyzed */
	r = fwt_line(d, 271);
	CHECK(r && r->unresolved);
	/* icmp type after 0.0.0.0 0.0.0.0 */
	r = fwt_line(d, 280);
	CHECK_STR(fwt_txt(&t, r), "permit icmp/3 any -> any");
	/* object-group-security narrows the entry: partial */
	r = fwt_line(d, 283);
	CHECK(r && r->partial && !r->unresolved);
	/* logging enable + trap informational: permitted connections are logged */
	CHECK(d->conn_log);
	CHECK_INT(d->conn_log_ref.line, 291);
	/* interfaces */
	CHECK_INT(d->ifaces.n, 11);
out:
	fwt_release(&t);
}

TEST(corpus_batfish)
{
	SKIP_NO_CORPORA();
	struct fwt t;
	fwt_init(&t);
	CHECK_INT(fwt_file(&t, C "batfish_aclAsa"), FC_OK);
	struct fc_fw_device *d = fwt_dev(&t, 0);
	CHECK_INT(d->rules.n, 1);
	/* 1.2.3.4 255.255.255.0 is the network 1.2.3.0/24 */
	CHECK_STR(fwt_txt(&t, fwt_line(d, 6)), "permit any 1.2.3.0/24 -> 4.3.0.0/16");
	fwt_release(&t);
	fwt_init(&t);
	CHECK_INT(fwt_file(&t, C "batfish_asa-interface"), FC_OK);
	d = fwt_dev(&t, 0);
	CHECK_INT(d->rules.n, 0);
	CHECK_INT(d->ifaces.n, 1);
	CHECK_STR(d->ifaces.v[0].name, "ifname");
	CHECK_INT(d->ifaces.v[0].security_level, 95);
	char net[100];
	fc_iprange_fmt(&d->ifaces.v[0].net, net);
	CHECK_STR(net, "3.0.0.0/24");
	fwt_release(&t);
}

static const char *cfg =
	"ASA Version 9.12(4)\n"
	"hostname fw-core\n"
	"interface GigabitEthernet0/0\n"
	" nameif outside\n"
	" security-level 0\n"
	" ip address 198.51.100.2 255.255.255.0\n"
	"interface GigabitEthernet0/1\n"
	" nameif inside\n"
	" security-level 100\n"
	" ip address 10.1.0.1 255.255.0.0\n"
	"object network WEB\n"			/* 11 */
	" host 10.1.1.10\n"
	"object network DBNET\n"
	" subnet 10.1.2.0 255.255.255.0\n"
	"object service HTTPS8443\n"
	" service tcp destination range 8443 8444\n"
	"object-group network SERVERS\n"	/* 17 */
	" network-object object WEB\n"
	" group-object DBS\n"
	"object-group network DBS\n"
	" network-object object DBNET\n"
	" network-object 10.1.3.0 255.255.255.128\n"
	"object-group service WEBPORTS tcp\n"
	" port-object eq www\n"
	" port-object range 8000 8080\n"
	"object-group protocol TCPUDP\n"
	" protocol-object tcp\n"
	" protocol-object udp\n"
	"object-group network LOOP1\n"		/* 29 */
	" group-object LOOP2\n"
	"object-group network LOOP2\n"
	" group-object LOOP1\n"
	"access-list OUT_IN remark web servers from the internet\n" /* 33 */
	"access-list OUT_IN extended permit tcp any object-group SERVERS object-group WEBPORTS log\n"
	"access-list OUT_IN extended permit object HTTPS8443 any object WEB\n"
	"access-list OUT_IN extended permit tcp any host 10.1.1.10 eq 8000\n"		/* 36 redundant */
	"access-list OUT_IN extended deny tcp any host 10.1.1.10 neq 22 inactive\n"	/* 37 disabled */
	"access-list OUT_IN extended permit object-group TCPUDP any any eq domain time-range WORK\n"
	"access-list OUT_IN extended deny ip any any log\n"				/* 39 */
	"access-list OUT_IN extended permit tcp any host 10.1.1.10 eq 3389\n"		/* 40 shadowed */
	"access-list IN_IN extended permit ip 10.1.0.0 255.255.0.0 any\n"
	"access-list IN_IN extended permit ip any object-group LOOP1\n"			/* 42 */
	"access-group OUT_IN in interface outside\n"
	"access-group IN_IN in interface inside\n";

TEST(objects_ports_and_analysis)
{
	struct fwt t;
	fwt_init(&t);
	CHECK_INT(fwt_text(&t, "fw-core.asa", cfg), FC_EPARSE); /* the LOOP groups */
	CHECK(fwt_diags(&t, FC_DIAG_ERROR, 29) + fwt_diags(&t, FC_DIAG_ERROR, 31) >= 1);
	fwt_analyze(&t, NULL, 0);
	struct fc_fw_device *d = fwt_dev(&t, 0);
	CHECK_STR(d->hostname, "fw-core");
	struct fc_fw_rule *r = fwt_line(d, 34);
	/* nested groups resolve: WEB + DBNET + 10.1.3.0/25; www and 8000-8080 */
	CHECK_STR(fwt_txt(&t, r), "permit tcp/80,tcp/8000-8080 any -> 10.1.1.10,10.1.2.0-10.1.3.127");
	CHECK_STR(r ? r->comment : NULL, "web servers from the internet");
	CHECK_INT(r ? r->log : -1, 1);
	r = fwt_line(d, 35);
	CHECK_STR(fwt_txt(&t, r), "permit tcp/8443-8444 any -> 10.1.1.10");
	r = fwt_line(d, 36);
	CHECK_INT(r ? (int)r->shadow : -1, FC_FW_SH_REDUNDANT);
	long by1[] = {1};
	CHECK(fwt_by(r, by1, 1));
	r = fwt_line(d, 37);
	CHECK(r && !r->enabled);
	CHECK_STR(fwt_txt(&t, r), "deny tcp/0-21,tcp/23-65535 any -> 10.1.1.10");
	CHECK_INT(r ? (int)r->shadow : -1, FC_FW_SH_NONE); /* disabled: not analyzed */
	r = fwt_line(d, 38);
	CHECK(r && r->partial);
	CHECK_STR(fwt_txt(&t, r), "permit tcp/53,udp/53 any -> any");
	r = fwt_line(d, 40);
	CHECK_INT(r ? (int)r->shadow : -1, FC_FW_SH_SHADOWED);
	long by2[] = {6};
	CHECK(fwt_by(r, by2, 1));
	r = fwt_line(d, 42);
	CHECK(r && r->unresolved);
	CHECK_STR(d->lists.v[r->list].applied, "in interface inside");
	CHECK_INT(d->ifaces.n, 2);
	fwt_release(&t);
}

TEST(truncated_and_garbled)
{
	struct fwt t;
	fwt_init(&t);
	/* show running-config output cut in the middle */
	CHECK_INT(fwt_text(&t, "cut.asa", ": Saved\nASA Version 9.8\nhostname x\n"
					  "access-list A extended permit tcp any host 10.0.0.1 eq 443\n"
					  "access-list A extended permit tcp any ho"),
		  FC_EPARSE);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 5), 2); /* the cut entry, and no ': end' */
	CHECK_INT(fwt_dev(&t, 0)->rules.n, 1);
	fwt_release(&t);
	fwt_init(&t);
	CHECK_INT(fwt_text(&t, "g.asa", "ASA Version 9.8\naccess-list A extended permit tcp any host 10.0.0.1 eq notaport\n"
					"access-list A extended allow ip any any\n"
					"access-list A extended permit ip any any bogus\n"),
		  FC_EPARSE);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 2), 1);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 3), 1);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 4), 1);
	fwt_release(&t);
}

int main(void)
{
	RUN(corpus_sample01);
	RUN(corpus_batfish);
	RUN(objects_ports_and_analysis);
	RUN(truncated_and_garbled);
	return t_done();
}
