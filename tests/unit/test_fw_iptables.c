/* iptables-save parser (src/parse/fw_iptables.c). */
#include "t.h"
#include "fw_t.h"

#define C "../shared/corpora/firewall/iptables/"

TEST(corpus_ag7gn_default_drop_and_chains)
{
	SKIP_NO_CORPORA();
	struct fwt t;
	fwt_init(&t);
	CHECK_INT(fwt_file(&t, C "AG7GN-nexus-iptables_rules.v4"), FC_OK);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 0), 0);
	/* the real-world oddity "-p tcp -m udp --dport 69" is warned about */
	CHECK_INT(fwt_diags(&t, FC_DIAG_WARNING, 30), 1);
	struct fc_fw_device *d = fwt_dev(&t, 0);
	CHECK(d != NULL);
	if (!d)
		goto out;
	CHECK_STR(d->name, "AG7GN-nexus-iptables_rules");
	/* 49 rules in INPUT/OUTPUT; SSHBRUTE (4 rules) inlined twice, ICMPFLOOD (4) once */
	CHECK_INT(d->rules.n, 57);
	CHECK_INT(d->lists.n, 3);
	CHECK_STR(d->lists.v[0].name, "INPUT");
	CHECK_INT(d->lists.v[0].policy, FC_FW_DENY);
	CHECK(d->lists.v[0].policy_explicit);
	CHECK_INT(d->lists.v[0].ref.line, 3);
	CHECK_STR(d->lists.v[2].name, "OUTPUT");
	CHECK(!d->lists.v[2].inbound);
	/* -i wlan0 -p udp -m multiport --dports 67,53 -j ACCEPT */
	struct fc_fw_rule *r = fwt_line(d, 12);
	CHECK(r && r->action == FC_FW_PERMIT);
	CHECK_STR(fwt_txt(&t, r), "permit udp/53,udp/67 any -> any in=wlan0");
	/* conntrack state is a dimension */
	r = fwt_line(d, 9);
	CHECK(r && r->states == (FC_FW_ST_ESTABLISHED | FC_FW_ST_RELATED));
	CHECK(r && fc_fw_rule_established_only(r));
	/* -s 127.0.0.0/8 ! -i lo -j DROP */
	r = fwt_line(d, 11);
	CHECK_STR(fwt_txt(&t, r), "deny any 127.0.0.0/8 -> any in=!lo");
	/* --dport 8000:8200 with tcp flags: a range, and partial */
	r = fwt_line(d, 26);
	CHECK_STR(fwt_txt(&t, r), "permit tcp/8000-8200 any -> any state=NEW");
	CHECK(r && r->partial);
	/* SSHBRUTE's final ACCEPT appears under both jumps (lines 18 and 21) */
	size_t n60 = 0;
	long vias[2] = {0, 0};
	for (size_t i = 0; i < d->rules.n; i++)
		if (d->rules.v[i].ref.line == 60) {
			if (n60 < 2)
				vias[n60] = d->rules.v[i].via_line;
			n60++;
		}
	CHECK_INT(n60, 2);
	CHECK_INT(vias[0], 18);
	CHECK_INT(vias[1], 21);
	/* its NFLOG is rate-limited (-m limit): it does not make the ACCEPT logged */
	r = fwt_line(d, 60);
	CHECK(r && r->action == FC_FW_PERMIT && r->log == 0);
	/* sport 137 → dport 1024:65535 */
	r = fwt_line(d, 41);
	CHECK_STR(fwt_txt(&t, r), "deny udp/1024-65535;sport=137 any -> any");
out:
	fwt_release(&t);
}

TEST(corpus_counts_and_rules)
{
	SKIP_NO_CORPORA();
	static const struct {
		const char *f;
		size_t rules;
	} want[] = {{"debian-raspi3-image-spec_rules.v4", 6},
		    {"juhanurmi-exitnode_rules.v4", 11},
		    {"larsks-bridged-containers_rules.v4", 8}};
	for (size_t i = 0; i < 3; i++) {
		struct fwt t;
		fwt_init(&t);
		char p[256];
		snprintf(p, sizeof p, C "%s", want[i].f);
		CHECK_INT(fwt_file(&t, p), FC_OK);
		CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 0), 0);
		CHECK_INT(fwt_dev(&t, 0)->rules.n, want[i].rules);
		fwt_release(&t);
	}
	struct fwt t;
	fwt_init(&t);
	fwt_file(&t, C "debian-raspi3-image-spec_rules.v4");
	struct fc_fw_device *d = fwt_dev(&t, 0);
	struct fc_fw_rule *r = fwt_line(d, 7);
	CHECK_STR(fwt_txt(&t, r), "permit any 10.0.0.0/8 -> any");
	CHECK_STR(r ? r->comment : NULL, "RFC1918 reserved");
	r = fwt_line(d, 11);
	CHECK_STR(fwt_txt(&t, r), "deny tcp/22 any -> any");
	CHECK_STR(r ? r->target : NULL, "REJECT");
	CHECK_INT(d->lists.v[0].policy, FC_FW_PERMIT);
	fwt_release(&t);
	/* *nat and *raw tables are read but do not filter */
	fwt_init(&t);
	fwt_file(&t, C "larsks-bridged-containers_rules.v4");
	d = fwt_dev(&t, 0);
	r = fwt_line(d, 10);
	CHECK_STR(fwt_txt(&t, r), "permit any 10.10.10.0/24 -> any");
	CHECK_STR(d->lists.v[r->list].name, "FORWARD");
	CHECK(fwt_line(d, 19) == NULL); /* POSTROUTING LOG in *nat */
	fwt_release(&t);
}

TEST(inline_return_and_log)
{
	struct fwt t;
	fwt_init(&t);
	const char *cfg = "*filter\n"
			  ":INPUT DROP [0:0]\n"
			  ":FORWARD DROP [0:0]\n"
			  ":OUTPUT ACCEPT [0:0]\n"
			  ":WEB - [0:0]\n"
			  ":LOGACCEPT - [0:0]\n"
			  "-A INPUT -s 10.1.0.0/16 -p tcp -j WEB\n"                 /* 7 */
			  "-A INPUT -p tcp --dport 22 -j LOGACCEPT\n"               /* 8 */
			  "-A WEB -d 10.9.0.0/24 -j RETURN\n"                       /* 9 */
			  "-A WEB -p tcp --dport 443 -j ACCEPT\n"                   /* 10 */
			  "-A LOGACCEPT -j LOG --log-prefix \"ssh in: \"\n"         /* 11 */
			  "-A LOGACCEPT -j ACCEPT\n"                                /* 12 */
			  "-A INPUT -s 10.1.2.0/24 -p tcp --dport 443 -j ACCEPT\n"  /* 13 */
			  "-A INPUT -p tcp --dport 22 -j DROP\n"                    /* 14 */
			  "COMMIT\n";
	CHECK_INT(fwt_text(&t, "gw.rules", cfg), FC_OK);
	fwt_analyze(&t, NULL, 0);
	struct fc_fw_device *d = fwt_dev(&t, 0);
	/* INPUT: jump(7), return(9), accept(10), jump(8), log(11), accept(12), 13, 14 */
	CHECK_INT(d->rules.n, 8);
	struct fc_fw_rule *r = fwt_line(d, 10);
	CHECK_STR(fwt_txt(&t, r), "permit tcp/443 10.1.0.0/16 -> any");
	CHECK(r && r->partial); /* after the RETURN of line 9 */
	CHECK_INT(r ? r->via_line : 0, 7);
	r = fwt_line(d, 12);
	CHECK_STR(fwt_txt(&t, r), "permit tcp/22 any -> any");
	CHECK_INT(r ? r->log : -9, 1);
	/* 13 is inside 10's space, but 10 is partial: not a coverer */
	r = fwt_line(d, 13);
	CHECK_INT(r ? (int)r->shadow : -1, FC_FW_SH_NONE);
	CHECK_INT(r ? r->log : -9, 0);
	/* 14 (deny ssh) is shadowed by the logged accept inlined from line 12 */
	r = fwt_line(d, 14);
	CHECK_INT(r ? (int)r->shadow : -1, FC_FW_SH_SHADOWED);
	long by[] = {6};
	CHECK(fwt_by(r, by, 1));
	fwt_release(&t);
}

TEST(negation_and_family)
{
	struct fwt t;
	fwt_init(&t);
	const char *cfg = "*filter\n:INPUT ACCEPT [0:0]\n"
			  "-A INPUT ! -s 10.0.0.0/8 -p tcp ! --dport 22 -j DROP\n"
			  "-A INPUT -p ! udp -j ACCEPT\n"
			  "COMMIT\n";
	CHECK_INT(fwt_text(&t, "h.rules", cfg), FC_OK);
	struct fc_fw_device *d = fwt_dev(&t, 0);
	struct fc_fw_rule *r = fwt_line(d, 3);
	/* everything in IPv4 but 10/8: two ranges; every TCP port but 22 */
	CHECK_STR(fwt_txt(&t, r), "deny tcp/0-21,tcp/23-65535 0.0.0.0-9.255.255.255,11.0.0.0-255.255.255.255 -> any");
	r = fwt_line(d, 4);
	CHECK_STR(fwt_txt(&t, r), "permit proto0-16,proto18-255 any -> any");
	fwt_release(&t);
	fwt_init(&t);
	const char *v6 = "# Generated by ip6tables-save v1.8.7\n*filter\n:INPUT DROP [0:0]\n"
			 "-A INPUT -s 2001:db8::/32 -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ACCEPT\n"
			 "-A INPUT -p tcp --dport 443 -j ACCEPT\nCOMMIT\n";
	CHECK_INT(fwt_text(&t, "h.v6", v6), FC_OK);
	d = fwt_dev(&t, 0);
	CHECK_STR(fwt_txt(&t, fwt_line(d, 4)), "permit icmp6/128 2001:db8::/32 -> any");
	/* any in an ip6tables file is IPv6 only */
	r = fwt_line(d, 5);
	CHECK(r && r->src.any && r->src.n == 2);
	fwt_release(&t);
}

TEST(truncated_and_garbled)
{
	struct fwt t;
	fwt_init(&t);
	/* cut before COMMIT: iptables-restore would load nothing */
	CHECK_INT(fwt_text(&t, "cut.rules", "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\n"),
		  FC_EPARSE);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 3), 1);
	/* what was read is kept */
	CHECK_INT(fwt_dev(&t, 0)->rules.n, 1);
	fwt_release(&t);
	fwt_init(&t);
	CHECK_INT(fwt_text(&t, "bad.rules", "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport\n"
					     "this is not a rule\n-A INPUT -s 10.0.0.300 -j ACCEPT\n"
					     "-A INPUT -m comment --comment \"open quote -j ACCEPT\nCOMMIT\n"),
		  FC_EPARSE);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 3), 1);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 4), 1);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 5), 1);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 6), 1);
	CHECK(fwt_dev(&t, 0)->errors >= 4);
	fwt_release(&t);
	fwt_init(&t);
	CHECK_INT(fwt_text(&t, "bin.rules", "*filter\n\0\0\0binary"), FC_EPARSE);
	fwt_release(&t);
}

TEST(counters_insert_and_goto)
{
	struct fwt t;
	fwt_init(&t);
	const char *cfg = "*filter\n:INPUT DROP [10:600]\n:FORWARD ACCEPT [0:0]\n:X - [0:0]\n"
			  "[5:300] -A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\n"
			  "-I INPUT 1 -p tcp -m tcp --dport 25 -j ACCEPT\n"
			  "-A FORWARD -s 192.168.1.0/24 -g X\n"
			  "-A FORWARD -s 192.168.1.0/24 -j DROP\n"
			  "-A X -p udp --dport 53 -j ACCEPT\n"
			  "COMMIT\n";
	CHECK_INT(fwt_text(&t, "c.rules", cfg), FC_OK);
	fwt_analyze(&t, NULL, 0);
	struct fc_fw_device *d = fwt_dev(&t, 0);
	CHECK_INT(d->rules.v[0].ref.line, 6); /* inserted first */
	CHECK_INT(d->rules.v[1].ref.line, 5);
	/* after -g X, the rest of FORWARD sees only what X did not take: partial */
	struct fc_fw_rule *r = fwt_line(d, 8);
	CHECK(r && r->partial);
	fwt_release(&t);
}

int main(void)
{
	RUN(corpus_ag7gn_default_drop_and_chains);
	RUN(corpus_counts_and_rules);
	RUN(inline_return_and_log);
	RUN(negation_and_family);
	RUN(truncated_and_garbled);
	RUN(counters_insert_and_goto);
	return t_done();
}
