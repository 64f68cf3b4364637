/* The generic CSV rule table (src/parse/fw_csv.c). */
#include "t.h"
#include "fw_t.h"
#include "core/mem.h"

TEST(devices_aliases_and_fields)
{
	struct fwt t;
	fwt_init(&t);
	const char *csv = "\xEF\xBB\xBF" "Rule ID,Device,Action,Source Zone,Source,Destination Zone,Destination,Service,Status,Log,Comment,Last Reviewed\r\n"
			  "10,fw-a,allow,Vendor,192.0.2.128/25,Core,\"10.8.1.10, 10.8.1.11\",\"tcp/443,tcp/8443\",enabled,yes,portal,2026-05-01\r\n"
			  "11,fw-a,deny,any,any,any,any,any,enabled,yes,cleanup,2026-05-02\r\n"
			  "1,fw-b,permit,,10.0.0.1-10.0.0.9,,any,https,no,,\"range, disabled\",\r\n"
			  "\r\n"
			  "2,fw-b,drop,,any,,any,icmp/8,yes,no,ping,2025/01/31\r\n";
	CHECK_INT(fwt_text(&t, "firewall/export.csv", csv), FC_OK);
	CHECK_INT(t.fw->devices.n, 2);
	struct fc_fw_device *a = fwt_dev(&t, 0), *b = fwt_dev(&t, 1);
	CHECK_STR(a->name, "fw-a");
	CHECK_STR(b->name, "fw-b");
	CHECK_INT(a->rules.n, 2);
	CHECK_INT(b->rules.n, 2);
	struct fc_fw_rule *r = fwt_line(a, 2);
	CHECK_STR(r ? r->id : NULL, "10");
	CHECK_STR(fwt_txt(&t, r), "permit tcp/443,tcp/8443 192.0.2.128/25 -> 10.8.1.10/31 in=Vendor out=Core");
	CHECK_INT(r ? r->log : -1, 1);
	CHECK_STR(r ? r->comment : NULL, "portal");
	r = fwt_line(b, 4);
	CHECK(r && !r->enabled);
	CHECK_INT(r ? r->log : -2, FC_UNKNOWN);
	CHECK_STR(fwt_txt(&t, r), "permit tcp/443,udp/443 10.0.0.1-10.0.0.9 -> any");
	r = fwt_line(b, 6);
	CHECK_STR(fwt_txt(&t, r), "deny icmp/8 any -> any");
	CHECK_STR(r ? r->target : NULL, "drop");
	/* last_review: newest and oldest, empty ones counted */
	char day[11];
	fc_date_fmt(a->last_review, day);
	CHECK_STR(day, "2026-05-02");
	fc_date_fmt(b->last_review, day);
	CHECK_STR(day, "2025-01-31");
	CHECK_INT(b->unreviewed, 1);
	CHECK_INT(b->unreviewed_ref.line, 4);
	fwt_release(&t);
}

TEST(stem_names_the_device)
{
	struct fwt t;
	fwt_init(&t);
	CHECK_INT(fwt_text(&t, "firewall/fw-x.csv", "action,src,dst,service\npermit,any,10.0.0.0/8,tcp/22\n"), FC_OK);
	CHECK_STR(fwt_dev(&t, 0)->name, "fw-x");
	CHECK_INT(fwt_dev(&t, 0)->rules.n, 1);
	fwt_release(&t);
}

TEST(malformed_rows)
{
	struct fwt t;
	fwt_init(&t);
	const char *csv = "device,action,src,dst,service,enabled\n"
			  "f,permit,10.0.0.300,any,tcp/22,yes\n"
			  "f,maybe,any,any,any,yes\n"
			  "f,permit,any,any,tcp/99999,yes\n"
			  "f,permit,any,WEBSERVER,tcp/80,yes\n"
			  "f,permit,any,any,tcp/80,perhaps\n"
			  "f,permit,any,10.1.1.1,tcp/443,yes\n"
			  "f,permit,\"unterminated,any,tcp/1\n";
	CHECK_INT(fwt_text(&t, "x.csv", csv), FC_EPARSE);
	for (long l = 2; l <= 6; l++)
		CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, l), 1);
	CHECK(fwt_diags(&t, FC_DIAG_ERROR, 8) >= 1);
	struct fc_fw_device *d = fwt_dev(&t, 0);
	/* bad rows are kept (shown) but never judged; the good one is intact */
	CHECK(fwt_line(d, 2) && fwt_line(d, 2)->unresolved);
	CHECK(fwt_line(d, 7) && !fwt_line(d, 7)->unresolved);
	fwt_release(&t);
	fwt_init(&t);
	CHECK_INT(fwt_text(&t, "y.csv", "device,src,dst\nf,any,any\n"), FC_EPARSE);
	CHECK_INT(fwt_diags(&t, FC_DIAG_ERROR, 1), 1); /* no action column */
	fwt_release(&t);
}

TEST(spreadsheet_cells)
{
	struct fwt t;
	fwt_init(&t);
	/* a Palo Alto-style export: one value per line inside a cell */
	const char *csv = "Name,Source Zone,Source Address,Destination Zone,Destination Address,Service,Action\n"
			  "web,untrust,any,dmz,\"172.16.1.10\n172.16.1.11\",service-https,allow\n"
			  "app,trust,10.0.0.0/8,dmz,any,application-default,allow\n";
	CHECK_INT(fwt_text(&t, "pan.csv", csv), FC_OK);
	struct fc_fw_device *d = fwt_dev(&t, 0);
	CHECK_STR(fwt_txt(&t, fwt_line(d, 2)), "permit tcp/443 any -> 172.16.1.10/31 in=untrust out=dmz");
	CHECK_STR(fwt_line(d, 2)->comment, "web");
	CHECK(fwt_line(d, 4)->unresolved); /* application-default: not known from the file */
	fwt_release(&t);
}

TEST(set_limit)
{
	/* more than FC_FW_MAX_SET_ITEMS separate addresses: listed, not judged */
	size_t cap = 2u << 20, o = 0;
	char *csv = fc_malloc(cap);
	o += (size_t)snprintf(csv + o, cap - o, "action,src,dst,service\npermit,");
	for (int i = 0; i <= FC_FW_MAX_SET_ITEMS; i++)
		o += (size_t)snprintf(csv + o, cap - o, "%s10.%d.%d.%d", i ? ";" : "", (i >> 15) & 255, (i >> 7) & 255,
				      (i & 127) * 2);
	o += (size_t)snprintf(csv + o, cap - o, ",any,tcp/22\n");
	struct fwt t;
	fwt_init(&t);
	CHECK_INT(fwt_text(&t, "big.csv", csv), FC_OK);
	fc_free(csv);
	struct fc_fw_rule *r = fwt_line(fwt_dev(&t, 0), 2);
	CHECK(r && r->src.truncated && r->unresolved);
	CHECK_INT(fwt_diags(&t, FC_DIAG_WARNING, 2), 1);
	CHECK(r && !fc_fw_rule_decides(r));
	fwt_release(&t);
}

int main(void)
{
	RUN(devices_aliases_and_fields);
	RUN(stem_names_the_device);
	RUN(malformed_rows);
	RUN(spreadsheet_cells);
	RUN(set_limit);
	return t_done();
}
