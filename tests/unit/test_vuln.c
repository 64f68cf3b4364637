/* Scanner parsers and the vulnerability model (issue 5). */
#include <stdlib.h>
#include "t.h"
#include "core/mem.h"
#include "engine/loader.h"
#include "parse/vuln.h"

static struct fc_diag D;

static struct fc_bundle *mk(void)
{
	fc_diag_init(&D);
	struct fc_bundle *b = fc_calloc(1, sizeof(*b));
	fc_arena_init(&b->arena);
	b->diag = &D;
	b->as_of = fc_days_from_civil(2026, 11, 1);
	return b;
}

static void add_host(struct fc_bundle *b, const char *name, const char *ip, const char *sys)
{
	struct fc_host *h = fc_vec_push(&b->hosts);
	h->hostname = name;
	h->ips = fc_arena_alloc(&b->arena, sizeof(struct fc_ip));
	fc_ip_parse(ip, strlen(ip), h->ips);
	h->nips = 1;
	h->ip_text = ip;
	h->system_id = sys;
	h->internet_facing = h->eos = h->eos_plan = -1;
	h->ref.file = "inventory/hosts.csv";
	h->ref.line = (long)b->hosts.n + 1;
}

static void add_record(struct fc_bundle *b, const char *yaml)
{
	struct fc_ynode *root;
	if (fc_yaml_parse(yaml, strlen(yaml), "records/x.yaml", &b->arena, &root, &D))
		return;
	for (size_t i = 0; i < root->n; i++) {
		struct fc_record *r = fc_vec_push(&b->records);
		r->node = root->vals[i];
		r->type = fc_ymap_str(root->vals[i], "type");
		r->ref.file = "records/x.yaml";
		r->ref.line = root->vals[i]->line;
	}
}

static void done(struct fc_bundle *b)
{
	fc_loader_scans.release(b);
	fc_vec_release(&b->hosts);
	fc_vec_release(&b->records);
	fc_arena_release(&b->arena);
	fc_free(b);
	fc_diag_release(&D);
}

static enum fc_status load(struct fc_bundle *b, const char *rel, const char *text)
{
	return fc_vuln_load_mem(b, rel, text, strlen(text));
}

static const struct fc_vuln *find(const struct fc_bundle *b, const char *host, const char *id)
{
	const struct fc_vuln_facts *vf = b->vuln;
	for (size_t i = 0; vf && i < vf->vulns.n; i++) {
		const struct fc_vuln *v = &vf->vulns.v[i];
		if (!strcmp(vf->targets.v[v->target].name, host) &&
		    (!strcmp(v->id, id) || (v->ncves && !strcmp(v->cves[0], id))))
			return v;
	}
	return NULL;
}

static bool diag_has(const char *needle, long line)
{
	for (size_t i = 0; i < D.n; i++)
		if (strstr(D.v[i].msg, needle) && (line < 0 || D.v[i].line == line))
			return true;
	return false;
}

static char *dayfmt(int32_t d)
{
	static char buf[4][11];
	static int k;
	k = (k + 1) % 4;
	fc_date_fmt(d, buf[k]);
	return buf[k];
}

#define NESSUS_HEAD "<?xml version=\"1.0\" ?>\n<NessusClientData_v2>\n<Policy><policyName>Internal</policyName></Policy>\n<Report name=\"r\">\n"
#define NESSUS_TAIL "</Report>\n</NessusClientData_v2>\n"

static const char nessus1[] = NESSUS_HEAD
	"<ReportHost name=\"10.1.2.3\"><HostProperties>\n"
	"<tag name=\"host-ip\">10.1.2.3</tag>\n"
	"<tag name=\"host-fqdn\">WEB01.corp.example</tag>\n"
	"<tag name=\"HOST_START_TIMESTAMP\">1776607200</tag>\n" /* 2026-04-19 22:00 +08 */
	"<tag name=\"HOST_START\">Sun Apr 19 22:00:00 2026</tag>\n"
	"</HostProperties>\n"
	"<ReportItem port=\"0\" svc_name=\"general\" protocol=\"tcp\" severity=\"0\" pluginID=\"19506\" pluginName=\"Nessus Scan Information\" pluginFamily=\"Settings\">\n"
	"<plugin_output>lots of text</plugin_output></ReportItem>\n"
	"<ReportItem port=\"8080\" svc_name=\"www\" protocol=\"tcp\" severity=\"4\" pluginID=\"156032\" pluginName=\"Apache Log4j &lt; 2.15.0 RCE\" pluginFamily=\"Misc.\">\n"
	"<cvss3_base_score>10.0</cvss3_base_score>\n<cve>CVE-2021-44228</cve>\n<cve>cve-2021-45046</cve>\n"
	"<solution>Upgrade to Apache Log4j version 2.15.0 or later.</solution>\n"
	"<plugin_output>Path : /opt/app/log4j-core-2.14.1.jar</plugin_output>\n</ReportItem>\n"
	"<ReportItem port=\"443\" svc_name=\"www\" protocol=\"tcp\" severity=\"2\" pluginID=\"42873\" pluginName=\"SWEET32\" pluginFamily=\"General\">\n"
	"<cve>CVE-2016-2183</cve></ReportItem>\n"
	"<ReportItem port=\"8443\" svc_name=\"www\" protocol=\"tcp\" severity=\"2\" pluginID=\"42873\" pluginName=\"SWEET32\" pluginFamily=\"General\">\n"
	"<cve>CVE-2016-2183</cve></ReportItem>\n"
	"</ReportHost>\n" NESSUS_TAIL;

TEST(nessus_fields)
{
	struct fc_bundle *b = mk();
	CHECK_INT(load(b, "scans/a.nessus", nessus1), FC_OK);
	fc_loader_scans.finish(b);
	const struct fc_vuln_facts *vf = b->vuln;
	CHECK_INT(vf->scans.n, 1);
	CHECK_STR(vf->scans.v[0].name, "Internal");
	CHECK_STR(dayfmt(vf->scans.v[0].day), "2026-04-19");
	CHECK_INT(vf->scans.v[0].count[FC_SEV_CRITICAL], 1);
	CHECK_INT(vf->scans.v[0].count[FC_SEV_MEDIUM], 2);
	CHECK_INT(vf->scans.v[0].count[FC_SEV_INFO], 1);
	CHECK_INT(vf->targets.n, 1);
	CHECK_STR(vf->targets.v[0].ip, "10.1.2.3");
	CHECK_INT(vf->vulns.n, 2); /* SWEET32 on two ports is one vulnerability */
	const struct fc_vuln *v = find(b, "WEB01.corp.example", "156032");
	CHECK(v != NULL);
	if (v) {
		CHECK_INT(v->sev, FC_SEV_CRITICAL);
		CHECK_INT(v->ncves, 2);
		CHECK_STR(v->cves[1], "CVE-2021-45046");
		CHECK_STR(v->port, "tcp/8080");
		CHECK_STR(v->name, "Apache Log4j < 2.15.0 RCE");
		CHECK(v->cvss > 9.9);
		CHECK_STR(v->solution, "Upgrade to Apache Log4j version 2.15.0 or later.");
		CHECK_INT(v->first.line, 13);
		CHECK(v->first.excerpt && !strncmp(v->first.excerpt, "<ReportItem port=\"8080\"", 23));
		CHECK_INT(v->status, FC_VS_OPEN);
	}
	v = find(b, "WEB01.corp.example", "42873");
	CHECK(v && v->port && !strcmp(v->port, "tcp/443, tcp/8443"));
	CHECK(v && v->nobs == 2);
	done(b);
}

TEST(nessus_properties_after_items_and_risk_factor)
{
	struct fc_bundle *b = mk();
	const char *x = NESSUS_HEAD
		"<ReportHost name=\"db01\">\n"
		"<ReportItem port=\"1521\" protocol=\"tcp\" pluginID=\"193573\" pluginName=\"Oracle CPU\">\n"
		"<risk_factor>High</risk_factor><cve>CVE-2024-21058</cve></ReportItem>\n"
		"<HostProperties><tag name=\"host-ip\">10.9.9.9</tag><tag name=\"netbios-name\">DB01</tag>"
		"<tag name=\"HOST_START\">Mon Jul  1 11:33:11 2013</tag></HostProperties>\n"
		"</ReportHost>\n" NESSUS_TAIL;
	CHECK_INT(load(b, "scans/b.nessus", x), FC_OK);
	const struct fc_vuln *v = find(b, "db01", "193573");
	CHECK(v && v->sev == FC_SEV_HIGH);
	CHECK(v && !strcmp(dayfmt(v->first_seen), "2013-07-01"));
	CHECK_STR(b->vuln->targets.v[0].netbios, "DB01");
	done(b);
}

static const char openvas_nested[] =
	"<report id=\"x\" format_id=\"a994b278\" extension=\"xml\" content_type=\"text/xml\"><owner><name>gps</name></owner>"
	"<name>scan</name><creation_time>2023-10-04T21:40:07Z</creation_time>"
	"<report id=\"y\"><task id=\"t\"><name>dc01-scan</name></task>"
	"<scan_start>2023-09-28T14:48:02Z</scan_start>"
	"<ports max=\"-1\" start=\"1\"><count>1</count><port>general/tcp<host>10.0.101.2</host><severity>10.0</severity><threat>High</threat></port></ports>"
	"<results start=\"1\" max=\"-1\">\n"
	"<result id=\"r1\"><name>Firefox update</name><owner><name>gps</name></owner>"
	"<host>10.0.101.2<asset/><hostname>DC01.lab</hostname></host><port>general/tcp</port>"
	"<nvt oid=\"1.3.6.1.4.1.25623.1.0.832260\"><type>nvt</type><name>Mozilla Firefox Security Update</name>"
	"<tags>summary=x|solution=Upgrade to version 117 or later|solution_type=VendorFix</tags>"
	"<refs><ref id=\"CVE-2023-4573\" type=\"cve\"/><ref id=\"https://x\" type=\"url\"/></refs></nvt>"
	"<threat>High</threat><severity>10.0</severity></result>\n"
	"<result id=\"r2\"><name>TLS weak</name><host>10.0.101.2</host><port>443/tcp</port>"
	"<nvt oid=\"1.3.6.1.4.1.25623.1.0.103440\"><name>SSL/TLS: Report Weak Cipher\n      Suites</name></nvt>"
	"<threat>Medium</threat><severity>5.9</severity></result>\n"
	"<result id=\"r3\"><name>OS detect</name><host>10.0.101.2</host><port>general/tcp</port>"
	"<nvt oid=\"1.3.6.1.4.1.25623.1.0.105937\"><name>OS Detection</name></nvt><threat>Log</threat><severity>0.0</severity></result>\n"
	"<result id=\"r4\"><name>no score</name><host>10.0.101.2</host><port>22/tcp</port>"
	"<nvt oid=\"1.3.6.1.4.1.25623.1.0.1\"><name>Old SSH</name><cve>CVE-2008-5161, CVE-2008-0001</cve></nvt><threat>Low</threat></result>\n"
	"</results><host><ip>10.0.101.2</ip><start>2023-09-28T14:48:02Z</start></host>"
	"<host><ip>10.0.101.9</ip><start>2023-09-28T14:50:02Z</start></host>"
	"</report></report>";

TEST(openvas_nested_layout)
{
	struct fc_bundle *b = mk();
	CHECK_INT(load(b, "scans/o.xml", openvas_nested), FC_OK);
	const struct fc_vuln_facts *vf = b->vuln;
	CHECK_INT(vf->scans.v[0].scanner, FC_SCANNER_OPENVAS);
	CHECK_STR(vf->scans.v[0].name, "dc01-scan");
	CHECK_STR(dayfmt(vf->scans.v[0].day), "2023-09-28");
	CHECK_INT(vf->scans.v[0].count[FC_SEV_CRITICAL], 1);
	CHECK_INT(vf->scans.v[0].count[FC_SEV_MEDIUM], 1);
	CHECK_INT(vf->scans.v[0].count[FC_SEV_LOW], 1);
	CHECK_INT(vf->scans.v[0].count[FC_SEV_INFO], 1);
	CHECK_INT(vf->scans.v[0].nhosts, 2); /* the host block without results is covered too */
	const struct fc_vuln *v = find(b, "DC01.lab", "1.3.6.1.4.1.25623.1.0.832260");
	CHECK(v != NULL);
	if (v) {
		CHECK_STR(v->name, "Mozilla Firefox Security Update");
		CHECK_INT(v->ncves, 1);
		CHECK_STR(v->solution, "Upgrade to version 117 or later");
		CHECK(v->port == NULL);
		CHECK_INT(v->first.line, 2);
	}
	v = find(b, "DC01.lab", "1.3.6.1.4.1.25623.1.0.103440");
	CHECK(v && !strcmp(v->name, "SSL/TLS: Report Weak Cipher Suites") && !strcmp(v->port, "tcp/443"));
	v = find(b, "DC01.lab", "1.3.6.1.4.1.25623.1.0.1");
	CHECK(v && v->sev == FC_SEV_LOW && v->ncves == 2);
	done(b);
}

TEST(openvas_gmp_response_layout)
{
	struct fc_bundle *b = mk();
	const char *x = "<?xml version=\"1.0\"?>\n<get_reports_response status=\"200\" status_text=\"OK\">\n"
			"<report id=\"a\"><report id=\"a\"><scan_start>2026-09-20T22:00:12+08:00</scan_start>\n"
			"<results><result id=\"1\"><host>172.16.10.11</host><port>8080/tcp</port>\n"
			"<nvt oid=\"1.3.6.1.4.1.25623.1.0.117843\"><name>Log4Shell</name><solution type=\"VendorFix\">Update.</solution>"
			"<refs><ref type=\"cve\" id=\"CVE-2021-44228\"/></refs></nvt><severity>10.0</severity></result></results>\n"
			"</report></report></get_reports_response>\n";
	CHECK_INT(load(b, "scans/g.xml", x), FC_OK);
	const struct fc_vuln *v = find(b, "172.16.10.11", "CVE-2021-44228");
	CHECK(v && v->sev == FC_SEV_CRITICAL && !strcmp(v->solution, "Update.") && v->first.line == 4);
	CHECK(v && !strcmp(dayfmt(v->first_seen), "2026-09-20"));
	done(b);
}

static const char nmap1[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE nmaprun>\n"
	"<nmaprun scanner=\"nmap\" args=\"nmap -sV --script vulners 10.0.0.0/24\" start=\"1793194202\">\n"
	"<host starttime=\"1793194210\"><status state=\"up\"/>\n"
	"<address addr=\"10.0.0.5\" addrtype=\"ipv4\"/><address addr=\"00:11:22:33:44:55\" addrtype=\"mac\"/>\n"
	"<hostnames><hostname name=\"ptr.example\" type=\"PTR\"/><hostname name=\"web02\" type=\"user\"/></hostnames>\n"
	"<ports><port protocol=\"tcp\" portid=\"22\"><state state=\"open\"/><service name=\"ssh\"/>"
	"<script id=\"vulners\" output=\"x\"><table key=\"cpe:/a:openbsd:openssh:8.9p1\">\n"
	"<table><elem key=\"cvss\">9.8</elem><elem key=\"id\">CVE-2023-38408</elem><elem key=\"type\">cve</elem></table>\n"
	"<table><elem key=\"cvss\">9.8</elem><elem key=\"id\">PACKETSTORM:173661</elem><elem key=\"type\">packetstorm</elem></table>\n"
	"<table><elem key=\"cvss\">2.6</elem><elem key=\"id\">CVE-2018-20685</elem><elem key=\"type\">cve</elem></table>\n"
	"</table></script></port>\n"
	"<port protocol=\"tcp\" portid=\"80\"><state state=\"open\"/></port>"
	"<port protocol=\"tcp\" portid=\"81\"><state state=\"closed\"/></port></ports></host>\n"
	"<host><status state=\"up\"/><address addr=\"10.0.0.6\" addrtype=\"ipv4\"/><ports><port protocol=\"tcp\" portid=\"22\"><state state=\"open\"/>"
	"<script id=\"vulners\" output=\"&#xa;  cpe:/a:openbsd:openssh:7.4: &#xa;    &#x9;CVE-2017-15906&#x9;5.0&#x9;https://vulners.com/cve/CVE-2017-15906\"/></port></ports></host>\n"
	"<host><status state=\"down\"/><address addr=\"10.0.0.7\" addrtype=\"ipv4\"/></host>\n"
	"</nmaprun>\n";

TEST(nmap_vulners)
{
	struct fc_bundle *b = mk();
	add_host(b, "web02", "10.9.9.9", "ETRADE"); /* matched by the user-given name */
	CHECK_INT(load(b, "scans/n.xml", nmap1), FC_OK);
	const struct fc_vuln_facts *vf = b->vuln;
	CHECK(vf->scans.v[0].finds_vulns);
	CHECK_STR(dayfmt(vf->scans.v[0].day), "2026-10-28");
	CHECK_INT(vf->scans.v[0].nhosts, 2); /* the down host is not covered */
	CHECK_INT(vf->scans.v[0].count[FC_SEV_CRITICAL], 1);
	CHECK_INT(vf->scans.v[0].count[FC_SEV_MEDIUM], 1);
	CHECK_INT(vf->scans.v[0].count[FC_SEV_LOW], 1);
	CHECK_INT(vf->scans.v[0].count[FC_SEV_INFO], 3); /* open ports */
	const struct fc_vuln *v = find(b, "web02", "CVE-2023-38408");
	CHECK(v && v->sev == FC_SEV_CRITICAL && !strcmp(v->port, "tcp/22") && v->first.line == 8);
	CHECK(v && vf->targets.v[v->target].host == &b->hosts.v[0]);
	CHECK(find(b, "web02", "PACKETSTORM:173661") == NULL);
	v = find(b, "10.0.0.6", "CVE-2017-15906"); /* from the output text */
	CHECK(v && v->sev == FC_SEV_MEDIUM);
	done(b);
}

TEST(nmap_port_scan_is_not_a_vuln_scan)
{
	struct fc_bundle *b = mk();
	CHECK_INT(load(b, "scans/p.xml", "<nmaprun args=\"nmap -Pn 10.0.0.1\" start=\"1793194202\"><host><status state=\"up\"/>"
					  "<address addr=\"10.0.0.1\" addrtype=\"ipv4\"/></host></nmaprun>"),
		  FC_OK);
	CHECK(!b->vuln->scans.v[0].finds_vulns);
	CHECK_INT(fc_vtarget_last_scan(b->vuln, &b->vuln->targets.v[0]), FC_NO_DATE);
	done(b);
}

static const char trivy2[] =
	"{\n"
	"  \"SchemaVersion\": 2,\n"
	"  \"CreatedAt\": \"2026-10-25T10:12:03.418552123+08:00\",\n"
	"  \"ArtifactName\": \"registry/web:1\",\n"
	"  \"Metadata\": {\"OS\": {\"Family\": \"debian\", \"Name\": \"9.13\", \"EOSL\": true}},\n"
	"  \"Results\": [\n"
	"    {\"Target\": \"x (debian 9.13)\", \"Vulnerabilities\": [\n"
	"      {\n"
	"        \"VulnerabilityID\": \"CVE-2023-44487\", \"PkgName\": \"nghttp2\", \"InstalledVersion\": \"1.0\", \"FixedVersion\": \"1.1\",\n"
	"        \"Title\": \"HTTP/2 Rapid Reset\", \"Severity\": \"HIGH\", \"CVSS\": {\"nvd\": {\"V3Score\": 7.5}}\n"
	"      },\n"
	"      {\"VulnerabilityID\": \"CVE-2011-3374\", \"PkgName\": \"apt\", \"Severity\": \"UNKNOWN\"}\n"
	"    ]},\n"
	"    {\"Target\": \"Dockerfile\", \"Misconfigurations\": [\n"
	"      {\"ID\": \"DS002\", \"AVDID\": \"AVD-DS-0002\", \"Title\": \"root user\", \"Severity\": \"HIGH\", \"Status\": \"FAIL\"},\n"
	"      {\"ID\": \"DS001\", \"Title\": \"latest tag\", \"Severity\": \"MEDIUM\", \"Status\": \"PASS\"}\n"
	"    ], \"Secrets\": [{\"RuleID\": \"github-pat\", \"Title\": \"GitHub PAT\", \"Severity\": \"CRITICAL\", \"StartLine\": 3, \"Match\": \"GITHUB_PAT=*****\"}]}\n"
	"  ]\n"
	"}\n";

TEST(trivy_schema2_lines)
{
	struct fc_bundle *b = mk();
	add_host(b, "web01", "10.1.1.1", NULL);
	CHECK_INT(load(b, "scans/trivy/web01.json", trivy2), FC_OK);
	const struct fc_vuln_facts *vf = b->vuln;
	CHECK_STR(dayfmt(vf->scans.v[0].day), "2026-10-25");
	CHECK_INT(vf->scans.v[0].count[FC_SEV_HIGH], 2);
	CHECK_INT(vf->scans.v[0].count[FC_SEV_CRITICAL], 1);
	CHECK_INT(vf->scans.v[0].count[FC_SEV_INFO], 2); /* UNKNOWN + the EOSL marker; PASS skipped */
	/* the artifact is not an inventory host; the file stem is */
	CHECK(vf->targets.v[0].host == &b->hosts.v[0]);
	CHECK(vf->targets.v[0].eos);
	const struct fc_vuln *v = find(b, "web01", "CVE-2023-44487");
	CHECK(v && v->first.line == 9 && v->cvss == 7.5 && !strcmp(v->pkg, "nghttp2 1.0 -> 1.1"));
	CHECK(v && v->first.excerpt && strstr(v->first.excerpt, "\"VulnerabilityID\": \"CVE-2023-44487\""));
	v = find(b, "web01", "AVD-DS-0002");
	CHECK(v && v->kind == FC_VK_MISCONFIG && v->first.line == 15);
	v = find(b, "web01", "github-pat");
	CHECK(v && v->kind == FC_VK_SECRET && v->first.excerpt && !strstr(v->first.excerpt, "GITHUB_PAT"));
	done(b);
}

TEST(trivy_schema1_and_k8s)
{
	struct fc_bundle *b = mk();
	CHECK_INT(load(b, "scans/legacy.json", "[{\"Target\": \"alpine\", \"Vulnerabilities\": [{\"VulnerabilityID\": \"CVE-2020-1001\", \"Severity\": \"LOW\"}]}]"),
		  FC_OK);
	CHECK(find(b, "legacy", "CVE-2020-1001") != NULL);
	CHECK_INT(b->vuln->scans.v[0].day, FC_NO_DATE);
	CHECK(diag_has("no scan date", -1) == false); /* schema 1 never has one: no noise */
	CHECK_INT(load(b, "scans/k8s.json",
		       "{\"ClusterName\": \"c\", \"Vulnerabilities\": [{\"Namespace\": \"default\", \"Kind\": \"Deployment\", \"Name\": \"redis\","
		       " \"Results\": [{\"Target\": \"img\", \"Vulnerabilities\": [{\"VulnerabilityID\": \"CVE-2020-2002\", \"Severity\": \"MEDIUM\"}]}]}]}"),
		  FC_OK);
	CHECK(find(b, "default/Deployment/redis", "CVE-2020-2002") != NULL);
	done(b);
}


/* The Nessus byte filter (vuln_elide.c) drops informational item bodies and
 * long texts: tag names inside comments, CDATA and attribute values must
 * not fool it, and neither may a buffer boundary anywhere in the file. */
static const char tricky[] =
	"<ReportHost name=\"10.0.0.9\"><HostProperties><tag name=\"host-ip\">10.0.0.9</tag></HostProperties>\n"
	"<!-- <ReportItem severity=\"0\"> <description> </ReportItem> -->\n"
	"<ReportItem pluginName=\"a &gt; b\" data='x>y' severity=\"0\" pluginID=\"1\"><description>text\n"
	"more</description><plugin_output><![CDATA[ </ReportItem> <cve>CVE-2000-0001</cve> ]]></plugin_output><cve>CVE-2000-0002</cve></ReportItem>\n"
	"<ReportItem severity=\"3\" pluginID=\"2\" pluginName='x severity=\"0\"'><description>d</description><cve>CVE-2000-0003</cve><plugin_output>o</plugin_output></ReportItem>\n"
	"<ReportItem severity=\"2\" pluginID=\"3\"><description><b>child</b> tail</description><cve>CVE-2000-0004</cve></ReportItem>\n"
	"<ReportItem severity=\"0\" pluginID=\"4\"/>\n"
	"</ReportHost>\n";

TEST(nessus_filter_tricky_at_every_boundary)
{
	size_t cap = 300000;
	char *doc = fc_malloc(cap);
	int bad = 0;
	for (size_t pad = 262144 - 400; pad < 262144 + 40 && !bad; pad += 3) {
		struct fc_bundle *b = mk();
		int n = snprintf(doc, cap, NESSUS_HEAD "<!--");
		memset(doc + n, 'x', pad);
		snprintf(doc + n + pad, cap - n - pad, "-->\n%s" NESSUS_TAIL, tricky);
		enum fc_status st = load(b, "scans/tricky.nessus", doc);
		const struct fc_scan *s = &b->vuln->scans.v[0];
		const struct fc_vuln *v2 = find(b, "10.0.0.9", "2"), *v3 = find(b, "10.0.0.9", "3");
		if (st != FC_OK || s->count[FC_SEV_INFO] != 2 || s->count[FC_SEV_HIGH] != 1 || s->count[FC_SEV_MEDIUM] != 1 ||
		    !v2 || v2->ncves != 1 || strcmp(v2->cves[0], "CVE-2000-0003") || v2->first.line != 10 || !v3 ||
		    v3->ncves != 1 || strcmp(v3->cves[0], "CVE-2000-0004") || v3->first.line != 11 || b->vuln->vulns.n != 2) {
			printf("    pad %zu: st %d info %zu high %zu\n", pad, st, s->count[FC_SEV_INFO], s->count[FC_SEV_HIGH]);
			bad = 1;
		}
		done(b);
	}
	CHECK(!bad);
	fc_free(doc);
}

/* ---- Nessus on several threads: the same model, lines and errors ---- */

/* A multi-host .nessus with the shapes of real exports and of hostile
 * ones: CRLF hosts, properties after items, attributes over several lines,
 * comments and CDATA holding </ReportHost>, an end-of-life plugin, items
 * without pluginID, bad dates, self-closing hosts, a second Report. */
static bool gen_traps = true; /* comments and CDATA holding </ReportHost> */

static char *gen_multi(int hosts, const char *prolog, const char *inject, int inject_at, size_t *len)
{
	struct fc_buf o;
	fc_buf_init(&o, 0);
	fc_buf_adds(&o, prolog ? prolog : "<?xml version=\"1.0\" ?>\n");
	fc_buf_adds(&o, "<NessusClientData_v2>\n<Policy><policyName>Multi</policyName>\n<Preferences><x>1</x></Preferences></Policy>\n"
			"<Report name=\"one\" xmlns:cm=\"http://www.nessus.org/cm\">\n");
	for (int h = 0; h < hosts; h++) {
		const char *nl = h % 7 == 3 ? "\r\n" : "\n";
		if (h == hosts / 2)
			fc_buf_addf(&o, "</Report>\n<!-- second part --><Report name=\"two\">%s", nl);
		if (h % 23 == 22) {
			fc_buf_addf(&o, "<ReportHost name=\"10.9.0.%d\"/>%s", h, nl);
			continue;
		}
		fc_buf_addf(&o, "<ReportHost name=\"10.8.%d.%d\">", h / 200, h % 200);
		if (h == inject_at && inject)
			fc_buf_adds(&o, inject);
		char props[400];
		snprintf(props, sizeof props,
			 "<HostProperties>%s<tag name=\"host-ip\">10.8.%d.%d</tag>%s<tag name=\"host-fqdn\">h%d.multi.example</tag>%s"
			 "<tag name=\"HOST_START\">%s</tag>%s</HostProperties>%s",
			 nl, h / 200, h % 200, nl, h, nl, h % 31 == 30 ? "not a date" : "Mon Jul  1 11:33:11 2026", nl, nl);
		if (h % 5 != 1)
			fc_buf_adds(&o, props);
		if (h % 11 == 4 && gen_traps)
			fc_buf_addf(&o, "<!-- </ReportHost> <ReportHost name=\"fake\"> -->%s", nl);
		for (int k = 0; k < 6 + h % 9; k++) {
			int sev = (h + k) % 5 == 0 ? 0 : (h * 7 + k) % 5;
			int pid = 10000 + (h * 13 + k * 7) % 40;
			if (k == 2 && h % 17 == 5)
				fc_buf_addf(&o, "<ReportItem port=\"443\"%s   svc_name=\"www\" protocol=\"tcp\"%s severity=\"%d\" pluginID=\"%d\" pluginName=\"Split &amp; wrapped %d\">%s",
					    nl, nl, sev, pid, pid, nl);
			else if (k == 3 && h % 19 == 7)
				fc_buf_addf(&o, "<ReportItem port=\"80\" protocol=\"tcp\" severity=\"0\" pluginID=\"55786\" pluginName=\"Apache End of Life Detection\">%s", nl);
			else if (k == 4 && h % 29 == 9)
				fc_buf_addf(&o, "<ReportItem port=\"22\" protocol=\"tcp\" severity=\"%d\" pluginName=\"No id\">%s", sev, nl);
			else if (k == 5 && h % 6 == 2)
				fc_buf_addf(&o, "<ReportItem port=\"25\" protocol=\"tcp\" pluginID=\"%d\" pluginName=\"By risk\">%s<risk_factor>High</risk_factor>%s", pid, nl, nl);
			else
				fc_buf_addf(&o, "<ReportItem port=\"%d\" svc_name=\"x\" protocol=\"tcp\" severity=\"%d\" pluginID=\"%d\" pluginName=\"Plugin %d\" pluginFamily=\"F\">%s",
					    20 + k, sev, pid, pid, nl);
			fc_buf_addf(&o, "<description>Line one%sline two &lt;b&gt;</description>%s<fname>p.nasl</fname>%s<cvss3_base_score>%d.5</cvss3_base_score>%s",
				    nl, nl, nl, 1 + (h + k) % 9, nl);
			if (sev)
				fc_buf_addf(&o, "<cve>CVE-2025-%04d</cve>%s<cve>CVE-2024-%04d</cve>%s", pid, nl, h % 50, nl);
			fc_buf_addf(&o, "<solution>Upgrade %d.</solution>%s", pid, nl);
			if (h % 13 == 6 && k == 1 && gen_traps)
				fc_buf_addf(&o, "<plugin_output><![CDATA[ </ReportHost> <ReportHost name=\"cdata\"> ]]></plugin_output>%s", nl);
			else
				fc_buf_addf(&o, "<plugin_output>Port %d is open.%sSecond line.</plugin_output>%s", 20 + k, nl, nl);
			fc_buf_addf(&o, "</ReportItem>%s", nl);
		}
		if (h % 5 == 1)
			fc_buf_adds(&o, props);
		fc_buf_addf(&o, "</ReportHost>%s", nl);
		if (h % 9 == 8)
			fc_buf_addf(&o, "<!-- between -->%s", nl);
	}
	fc_buf_adds(&o, "</Report>\n</NessusClientData_v2>\n");
	*len = o.len;
	return fc_buf_detach(&o);
}

/* The model and the diagnostics of a parse as text. */
static char *parse_dump(const char *doc, size_t n, int threads, size_t chunk, size_t *blocks, size_t *merged)
{
	struct fc_bundle *b = mk();
	b->threads = threads;
	fc_vuln_nessus_chunk(chunk);
	size_t b0, m0, b1, m1;
	fc_vuln_nessus_counters(&b0, &m0);
	enum fc_status st = fc_vuln_load_mem(b, "scans/multi.nessus", doc, n);
	fc_vuln_nessus_counters(&b1, &m1);
	fc_vuln_nessus_chunk(0);
	*blocks = b1 - b0;
	*merged = m1 - m0;
	fc_loader_scans.finish(b);
	struct fc_buf o;
	fc_buf_init(&o, 0);
	fc_buf_addf(&o, "status %d\n", st);
	fc_vuln_dump(b->vuln, &o);
	for (size_t i = 0; i < D.n; i++)
		fc_buf_addf(&o, "diag %s:%ld:%ld: %s\n", D.v[i].file, D.v[i].line, D.v[i].col, D.v[i].msg);
	done(b);
	return fc_buf_detach(&o);
}

/* Parse serially, then with 2 and 4 threads and chunks of 64 bytes to
 * 1 MiB; every parallel dump must equal the serial one.  Returns the
 * serial dump; *merged: blocks merged in the 4-thread, 1 KiB run. */
static char *same_as_serial(const char *doc, size_t n, size_t *merged)
{
	size_t bl, mg;
	char *ser = parse_dump(doc, n, 1, 0, &bl, &mg);
	CHECK_INT(bl, 0);
	static const size_t chunks[] = {64, 1000, 4096, 65536, 0};
	*merged = 0;
	for (int t = 2; t <= 4; t += 2)
		for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++) {
			char *par = parse_dump(doc, n, t, chunks[c], &bl, &mg);
			if (strcmp(ser, par)) {
				size_t k = 0;
				while (ser[k] && ser[k] == par[k])
					k++;
				size_t from = k > 200 ? k - 200 : 0;
				printf("    threads %d chunk %zu differs at %zu:\n    serial  : %.300s\n    parallel: %.300s\n", t,
				       chunks[c], k, ser + from, par + from);
				CHECK(!"parallel parse differs from serial");
			}
			if (t == 4 && chunks[c] == 1000)
				*merged = mg;
			fc_free(par);
		}
	return ser;
}

TEST(nessus_parallel_equals_serial)
{
	size_t n, merged;
	/* without the traps, most hosts go through workers (not vacuous) */
	gen_traps = false;
	char *doc = gen_multi(240, NULL, NULL, -1, &n);
	char *ser = same_as_serial(doc, n, &merged);
	CHECK(merged > 100);
	fc_free(ser);
	fc_free(doc);
	/* with them, a block cut inside a comment is not merged: the serial
	 * parser reads on from there */
	gen_traps = true;
	doc = gen_multi(240, NULL, NULL, -1, &n);
	ser = same_as_serial(doc, n, &merged);
	CHECK(merged >= 1);
	/* and the serial figures are right in themselves */
	CHECK(strstr(ser, "status 3\n") != NULL); /* FC_EPARSE: the bad dates and the item without id */
	CHECK(strstr(ser, "name=Multi ") != NULL);
	CHECK(strstr(ser, "diag scans/multi.nessus:") != NULL);
	CHECK(strstr(ser, "HOST_START 'not a date' is not a date") != NULL);
	CHECK(strstr(ser, "ReportItem without pluginID") != NULL);
	CHECK(strstr(ser, "target 0 h0.multi.example ip=10.8.0.0") != NULL);
	CHECK(strstr(ser, "name=Apache End of Life Detection") != NULL);
	CHECK(strstr(ser, "fake") == NULL && strstr(ser, "cdata") == NULL);
	/* the first vulnerability of host 1 (properties after the items): the
	 * line of its ReportItem, counted by hand from the generator */
	const char *h1 = strstr(doc, "<ReportHost name=\"10.8.0.1\">");
	const char *it = h1 ? strstr(h1, "severity=\"2\"") : NULL;
	long line = 1;
	for (const char *q = doc; it && q < it; q++)
		line += *q == '\n';
	char want[96];
	snprintf(want, sizeof want, "first=scans/multi.nessus:%ld [<ReportItem port=\"20\"", line);
	CHECK(it && strstr(ser, want) != NULL);
	fc_free(ser);
	fc_free(doc);
}

TEST(nessus_parallel_errors_equal_serial)
{
	static const struct {
		const char *prolog, *inject;
		int at;
		const char *want;
	} cases[] = {
		{NULL, "<ReportItem severity=\"9\" pluginID=\"1\"/>", 57, "severity '9' is not 0..4"},		/* fatal check */
		{NULL, "<ReportHost name=\"nested\"></ReportHost>", 61, "ReportHost inside ReportHost"},		/* host in host */
		{NULL, "<cve>x</cvex>", 77, "malformed XML: mismatched tag"},						/* malformed */
		{NULL, "<a><b><c><d><e><f><g><h><i><j><k><l><m><n><o><p><q><r><s><t><u><v><w><x><y><z>"
		       "<a><b><c><d><e><f><g><h><i><j><k><l><m><n><o><p><q><r><s><t><u><v><w><x><y><z>"
		       "<a><b><c><d><e><f><g><h><i><j><k><l><m><n><o><p><q><r><s><t><u><v><w><x><y><z>", 90, "nested deeper than 64"},	/* nesting */
		{NULL, "<tag name=\"x\">&undefined;</tag>", 33, "undefined entity"},				/* entity */
		{NULL, "<ReportItem severity=\"3\" pluginID=\"1\" pluginName=\"a\" pluginName=\"b\"></ReportItem>", 12, "duplicate attribute"},
		{"<?xml version=\"1.0\"?>\n<!DOCTYPE NessusClientData_v2>\n", NULL, -1, "name=Multi "},	/* serial from the DOCTYPE */
		{"<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY e \"x\">]>\n", NULL, -1, "multi.nessus:2:25: XML entity declaration 'e' refused"},	/* refused once, up front */
		{"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n", "<tag name=\"os\">caf\xe9</tag>", 5, "name=Multi "},
		{"\xEF\xBB\xBF<?xml version=\"1.0\"?>\r", NULL, -1, "name=Multi "},
		{NULL, "\r", 44, "name=Multi "},
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		size_t n, merged;
		char *doc = gen_multi(120, cases[c].prolog, cases[c].inject, cases[c].at, &n);
		char *ser = same_as_serial(doc, n, &merged);
		if (getenv("FC_TEST_DUMP"))
			for (const char *q = ser; (q = strstr(q, "diag ")); q++)
				printf("    case %zu: %.160s\n", c, q);
		CHECK(strstr(ser, cases[c].want) != NULL);
		fc_free(ser);
		/* truncated anywhere: the same partial model and error */
		for (size_t cut = n / 7; cut < n; cut += n / 5 + 13) {
			ser = same_as_serial(doc, cut, &merged);
			CHECK(strstr(ser, "malformed XML") != NULL || strstr(ser, cases[c].want) != NULL);
			fc_free(ser);
		}
		fc_free(doc);
	}
}

/* Hosts in a <Report> inside an unclosed host are the serial parser's:
 * a worker would take them for hosts of their own. */
TEST(nessus_parallel_no_cut_inside_a_host)
{
	struct fc_buf o;
	fc_buf_init(&o, 0);
	fc_buf_adds(&o, NESSUS_HEAD "<Rp><ReportHost name=\"outer\"><ReportItem severity=\"3\" pluginID=\"1\" pluginName=\"o\">\n"
				    "<Report name=\"inner\">\n");
	for (int h = 0; h < 40; h++)
		fc_buf_addf(&o, "<ReportHost name=\"10.7.0.%d\"><ReportItem severity=\"2\" pluginID=\"9\" pluginName=\"p\"/></ReportHost>\n", h);
	fc_buf_adds(&o, "</Report></ReportItem></ReportHost></Rp>\n" NESSUS_TAIL);
	size_t merged;
	char *ser = same_as_serial(o.p, o.len, &merged);
	CHECK(strstr(ser, "diag scans/multi.nessus:7:1: ReportHost inside ReportHost") != NULL);
	CHECK(strstr(ser, "hosts=0 ") != NULL);
	fc_free(ser);
	fc_buf_release(&o);
}

/* A host longer than a worker block is read by the serial parser in pieces. */
TEST(nessus_parallel_huge_host)
{
	struct fc_buf o;
	fc_buf_init(&o, 0);
	fc_buf_adds(&o, NESSUS_HEAD "<ReportHost name=\"small\"><ReportItem severity=\"2\" pluginID=\"7\" pluginName=\"s\"/></ReportHost>\n"
				    "<ReportHost name=\"big\">\n");
	for (int k = 0; o.len < (5u << 20); k++)
		fc_buf_addf(&o, "<ReportItem port=\"1\" protocol=\"tcp\" severity=\"%d\" pluginID=\"%d\" pluginName=\"P\">\n"
				"<plugin_output>%0800d</plugin_output>\n<cve>CVE-2020-%04d</cve></ReportItem>\n",
			    k % 5, k % 300, k, k % 300);
	fc_buf_adds(&o, "</ReportHost>\n<ReportHost name=\"after\"><ReportItem severity=\"4\" pluginID=\"8\" pluginName=\"a\"/></ReportHost>\n" NESSUS_TAIL);
	size_t merged, bl, mg;
	char *ser = parse_dump(o.p, o.len, 1, 0, &bl, &mg);
	char *par = parse_dump(o.p, o.len, 3, 0, &bl, &mg);
	CHECK_STR(ser, par);
	CHECK(mg >= 1); /* "small" and "after" went through workers */
	CHECK(strstr(ser, "hosts=3 ") != NULL);
	(void)merged;
	fc_free(ser);
	fc_free(par);
	fc_buf_release(&o);
}

/* ---- the model ---- */

static char *nessus_scan(const char *ip, const char *fqdn, long ts, const char *items)
{
	static char buf[4096];
	snprintf(buf, sizeof buf,
		 NESSUS_HEAD "<ReportHost name=\"%s\"><HostProperties><tag name=\"host-ip\">%s</tag>"
			     "<tag name=\"host-fqdn\">%s</tag><tag name=\"HOST_START_TIMESTAMP\">%ld</tag></HostProperties>\n%s</ReportHost>\n" NESSUS_TAIL,
		 ip, ip, fqdn, ts, items);
	return buf;
}

#define ITEM(id, sev, cve) "<ReportItem port=\"22\" protocol=\"tcp\" severity=\"" sev "\" pluginID=\"" id "\" pluginName=\"P" id "\"><cve>" cve "</cve></ReportItem>\n"
#define APR 1776607200L  /* 2026-04-19 */
#define JUL 1784469600L  /* 2026-07-19 */
#define OCT 1792332000L  /* 2026-10-18 */

TEST(model_dedupe_inventory_and_status)
{
	struct fc_bundle *b = mk();
	add_host(b, "ap01", "10.10.1.11", "ETRADE");
	add_host(b, "ap02", "10.10.1.12", "ETRADE");
	CHECK_INT(load(b, "scans/1.nessus", nessus_scan("10.10.1.11", "ap01.x", APR, ITEM("1", "3", "CVE-2024-1001") ITEM("2", "2", "CVE-2024-2002"))), FC_OK);
	/* the same host by FQDN only (upper case), the same CVE through another scanner */
	CHECK_INT(load(b, "scans/2.xml",
		       "<report><report><scan_start>2026-07-19T10:00:00+08:00</scan_start><results>"
		       "<result><host>AP01.X<hostname>AP01.x</hostname></host><port>22/tcp</port><nvt oid=\"9.9\"><name>ssh</name>"
		       "<refs><ref type=\"cve\" id=\"CVE-2024-1001\"/></refs></nvt><severity>9.1</severity></result></results></report></report>"),
		  FC_OK);
	CHECK_INT(load(b, "scans/3.nessus", nessus_scan("10.10.1.11", "ap01.x", OCT, ITEM("1", "3", "CVE-2024-1001"))), FC_OK);
	fc_loader_scans.finish(b);
	const struct fc_vuln_facts *vf = b->vuln;
	CHECK_INT(vf->targets.n, 1);
	CHECK(vf->targets.v[0].host == &b->hosts.v[0]);
	CHECK_INT(vf->targets.v[0].cover.n, 3);
	CHECK(fc_vtarget_of_host(vf, &b->hosts.v[0]) == &vf->targets.v[0]);
	CHECK(fc_vtarget_of_host(vf, &b->hosts.v[1]) == NULL);
	CHECK_INT(vf->vulns.n, 2);
	const struct fc_vuln *v = find(b, "ap01", "CVE-2024-1001");
	CHECK(v != NULL);
	if (v) {
		CHECK_STR(dayfmt(v->first_seen), "2026-04-19");
		CHECK_STR(dayfmt(v->last_seen), "2026-10-18");
		CHECK_INT(v->nobs, 3);
		CHECK_INT(v->sev, FC_SEV_CRITICAL); /* OpenVAS rated it 9.1 */
		CHECK_INT(v->scanners, (1u << FC_SCANNER_NESSUS) | (1u << FC_SCANNER_OPENVAS));
		CHECK_INT(v->status, FC_VS_OPEN);
		CHECK_STR(v->last.file, "scans/3.nessus");
	}
	/* plugin 2 was not in the October scan of the host: resolved */
	v = find(b, "ap01", "2");
	CHECK(v && v->status == FC_VS_RESOLVED && !strcmp(dayfmt(v->resolved_on), "2026-07-19") == false);
	CHECK(v && !strcmp(dayfmt(v->resolved_on), "2026-10-18"));
	done(b);
}

TEST(model_exceptions)
{
	struct fc_bundle *b = mk();
	add_host(b, "ap01", "10.10.1.11", "ETRADE");
	add_record(b, "- type: vuln_exception\n  host: AP01\n  plugin_or_cve: CVE-2024-1001\n  compensating_control: acl\n"
		      "  approved_by: CIO\n  expires: 2027-01-01\n"
		      "- type: vuln_exception\n  host: 10.10.1.11\n  plugin_or_cve: nessus:2\n  compensating_control: acl\n"
		      "  approved_by: CIO\n  expires: 2026-10-01\n"
		      "- type: vuln_exception\n  host: ap01\n  plugin_or_cve: \"3\"\n  compensating_control: acl\n  expires: 2027-01-01\n");
	CHECK_INT(load(b, "scans/1.nessus", nessus_scan("10.10.1.11", "ap01.x", OCT,
		       ITEM("1", "3", "CVE-2024-1001") ITEM("2", "2", "CVE-2024-2002") ITEM("3", "2", "CVE-2024-3003"))), FC_OK);
	fc_loader_scans.finish(b);
	const struct fc_vuln *v = find(b, "ap01", "CVE-2024-1001");
	CHECK(v && v->status == FC_VS_EXCEPTED && v->exception == &b->records.v[0]);
	v = find(b, "ap01", "2"); /* expired */
	CHECK(v && v->status == FC_VS_OPEN && v->exception == &b->records.v[1]);
	CHECK(v && (fc_vexception_problems(v->exception, b->as_of) & 8));
	v = find(b, "ap01", "3"); /* no approver: not an acceptance */
	CHECK(v && v->status == FC_VS_OPEN && fc_vexception_problems(v->exception, b->as_of) == 2);
	done(b);
}

/* ---- hostile input ---- */

TEST(xml_entities_refused)
{
	struct fc_bundle *b = mk();
	const char *lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE NessusClientData_v2 [\n<!ENTITY a \"aaaaaaaaaa\">\n"
			  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n<NessusClientData_v2>&b;</NessusClientData_v2>\n";
	CHECK_INT(load(b, "scans/lol.nessus", lol), FC_EPARSE);
	CHECK(diag_has("entity declaration 'a' refused", 3));
	const char *xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
			  "<nmaprun><host><address addr=\"&x;\"/></host></nmaprun>\n";
	CHECK_INT(load(b, "scans/xxe.xml", xxe), FC_EPARSE);
	CHECK(diag_has("entity declaration 'x' refused", 2));
	CHECK_INT(b->errors[FC_EV_SCANS], 2);
	done(b);
}

TEST(xml_depth_truncation_and_junk)
{
	struct fc_bundle *b = mk();
	char deep[2000] = "<nmaprun>";
	for (int i = 0; i < 100; i++)
		strcat(deep, "<a>");
	CHECK_INT(load(b, "scans/deep.xml", deep), FC_EPARSE);
	CHECK(diag_has("nested deeper than 64", 1));
	const char *trunc = NESSUS_HEAD "<ReportHost name=\"x\">\n<ReportItem severity=\"3\" pluginID=\"1\">\n";
	CHECK_INT(load(b, "scans/t.nessus", trunc), FC_EPARSE);
	CHECK(diag_has("malformed XML", -1));
	CHECK_INT(load(b, "scans/bin.nessus", "\x01\x02\x03garbage"), FC_EPARSE);
	CHECK(diag_has("not a recognized scan", 1));
	CHECK_INT(load(b, "scans/badsev.nessus", NESSUS_HEAD "<ReportHost name=\"x\"><ReportItem severity=\"9\" pluginID=\"1\"/></ReportHost>" NESSUS_TAIL),
		  FC_EPARSE);
	CHECK(diag_has("severity '9' is not 0..4", 5));
	CHECK_INT(load(b, "scans/bad.json", "{\n  \"Results\": [,]\n}"), FC_EPARSE);
	CHECK(diag_has("malformed JSON", 2));
	CHECK_INT(load(b, "scans/dup.json", "{\"Results\": [], \"Results\": []}"), FC_EPARSE);
	done(b);
}


/* Hostile shapes stay linear and bounded: unterminated attribute values
 * after many <ReportItem starts, and JSON nested past the cap. */
TEST(hostile_linear_and_deep_json)
{
	struct fc_bundle *b = mk();
	size_t n = 3u << 20;
	char *x = fc_malloc(n + 200);
	int k = snprintf(x, 200, "%s<Report><ReportHost name=\"h\">", NESSUS_HEAD);
	while ((size_t)k + 16 < n) {
		memcpy(x + k, "<ReportItem a=\"", 15);
		k += 15;
	}
	x[k] = 0;
	CHECK_INT(load(b, "scans/evil.nessus", x), FC_EPARSE); /* an error, quickly */
	k = 0;
	for (int i = 0; i < 400; i++)
		x[k++] = '[';
	for (int i = 0; i < 400; i++)
		x[k++] = ']';
	x[k] = 0;
	CHECK_INT(load(b, "scans/deep.json", x), FC_EPARSE);
	CHECK(diag_has("nested deeper than 256", 1));
	fc_free(x);
	done(b);
}

TEST(sniff)
{
	CHECK_INT(fc_vuln_sniff("\xEF\xBB\xBF<?xml version=\"1.0\"?><NessusClientData_v2>", 44), FC_SCANNER_NESSUS);
	CHECK_INT(fc_vuln_sniff("<?xml?><!DOCTYPE nmaprun><nmaprun scanner=\"nmap\">", 49), FC_SCANNER_NMAP);
	CHECK_INT(fc_vuln_sniff("<report id=\"x\">", 15), FC_SCANNER_OPENVAS);
	CHECK_INT(fc_vuln_sniff("<reporting>", 11), -1);
	CHECK_INT(fc_vuln_sniff("  [ {", 5), FC_SCANNER_TRIVY);
	CHECK_INT(fc_vuln_sniff("hello", 5), -1);
}

/* ---- corpora: every scanner file parses, with known counts ---- */

struct expect {
	const char *file;
	int crit, high, med, low, info;
};

TEST(corpora_counts)
{
	SKIP_NO_CORPORA();
	/* the same figures are computed independently (python3 xml.etree /
	 * json) by tests/corpus/test_vulns.sh */
	static const struct expect ex[] = {
		{"nessus/issue_6992.nessus", 0, 0, 1, 0, 0},
		{"nessus/nessus_with_cvssv3.nessus", 2, 10, 13, 1, 23},
		{"nessus/nessus_with_cwe-.nessus", 0, 1, 0, 0, 0},
		{"nessus/nessus_many_vuln.xml", 0, 0, 0, 0, 7},
		{"nessus/nessus_v_unknown.xml", 0, 0, 23, 7, 266},
		{"openvas/many_vuln.xml", 8, 11, 25, 0, 0},
		{"openvas/one_vuln.xml", 1, 0, 0, 0, 0},
		{"openvas/no_vuln.xml", 0, 0, 0, 0, 0},
		{"openvas/report_detail_v2.xml", 1, 0, 0, 0, 0},
		{"nmap/nmap_script_vulners.xml", 0, 0, 2, 0, 1},
		{"trivy/scheme_2_many_vulns.json", 1, 1, 3, 0, 0},
		{"trivy/misconfigurations_and_secrets.json", 2, 2, 1, 0, 0},
	};
	for (size_t i = 0; i < sizeof ex / sizeof *ex; i++) {
		struct fc_bundle *b = mk();
		char path[300];
		snprintf(path, sizeof path, "%s/defectdojo/%s", t_corpora(), ex[i].file);
		CHECK_INT(fc_loader_scans.load(b, path, ex[i].file), FC_OK);
		const struct fc_scan *s = &b->vuln->scans.v[0];
		if (s->count[0] != (size_t)ex[i].crit || s->count[1] != (size_t)ex[i].high || s->count[2] != (size_t)ex[i].med ||
		    s->count[3] != (size_t)ex[i].low || s->count[4] != (size_t)ex[i].info) {
			printf("    %s: %zu/%zu/%zu/%zu/%zu\n", ex[i].file, s->count[0], s->count[1], s->count[2], s->count[3],
			       s->count[4]);
			CHECK(!"counts differ");
		}
		CHECK_INT(D.errors, 0);
		done(b);
	}
}

int main(void)
{
	RUN(nessus_fields);
	RUN(nessus_properties_after_items_and_risk_factor);
	RUN(nessus_filter_tricky_at_every_boundary);
	RUN(nessus_parallel_equals_serial);
	RUN(nessus_parallel_errors_equal_serial);
	RUN(nessus_parallel_no_cut_inside_a_host);
	RUN(nessus_parallel_huge_host);
	RUN(openvas_nested_layout);
	RUN(openvas_gmp_response_layout);
	RUN(nmap_vulners);
	RUN(nmap_port_scan_is_not_a_vuln_scan);
	RUN(trivy_schema2_lines);
	RUN(trivy_schema1_and_k8s);
	RUN(model_dedupe_inventory_and_status);
	RUN(model_exceptions);
	RUN(xml_entities_refused);
	RUN(xml_depth_truncation_and_junk);
	RUN(hostile_linear_and_deep_json);
	RUN(sniff);
	RUN(corpora_counts);
	return t_done();
}
