/* libFuzzer harness: the bundle's own tables end to end — org.yaml,
 * network/zones.csv, inventory/{systems,hosts,endpoints}.csv and
 * hr/employees.csv (src/parse/org.c, inventory.c, hr.c) — through the
 * loaders, every check, and the JSON, text and JUnit writers.  The first
 * byte picks the file the rest of the input replaces; the others keep a
 * small valid content, so a hostile file meets the checks that read it
 * next to sane neighbours.  Written into a scratch bundle that goes away
 * with the process. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../src/engine/assess.h"
#include "../../src/report/output.h"
#include "scratch.h"

struct file {
	const char *rel;
	const char *base;
};

static const struct file files[] = {
	{"org.yaml", "name: 模糊測試銀行\nindustry: bank\npaid_in_capital_twd: 30000000000\ninternet_order: true\n"
		     "as_of: 2026-11-01\nsecurity_org:\n  ciso: true\n"},
	{"network/zones.csv", "zone,cidr,kind,business\nINTERNET,0.0.0.0/0,internet,\nDMZ,172.16.10.0/24,dmz,\n"
			      "CORE,10.1.0.0/16,core,\nTEST,10.9.0.0/16,test,\n"},
	{"inventory/systems.csv", "system_id,name,category,core,internet_facing,owner,last_assessed\n"
				  "EBANK,網路銀行,1,yes,yes,數位金融部,2025-09-15\nHR,人資系統,3,no,no,人資部,2024-01-10\n"},
	{"inventory/hosts.csv",
	 "hostname,ip,zone,environment,role,system_id,os,os_version,internet_facing,eos,eos_plan,av,av_signature_date,"
	 "last_patch_date,monitored\n"
	 "web01,172.16.10.11,DMZ,production,web,EBANK,Ubuntu,22.04,yes,,,yes,2026-10-31,2026-10-15,yes\n"
	 "db01,172.16.10.20,DMZ,production,database,EBANK,RHEL,8,no,,,yes,2026-10-31,2026-10-01,yes\n"
	 "uat01,10.1.3.4,CORE,uat,app,EBANK,Windows Server,2012 R2,no,yes,no,no,2025-01-01,2024-06-01,no\n"},
	{"inventory/endpoints.csv",
	 "device_id,owner,type,os_updated,av_updated,apps_updated,config_compliant,disk_encrypted,usb_controlled,"
	 "wireless_controlled\nNB-1,E1001,laptop,yes,yes,yes,yes,yes,yes,yes\nNB-2,E9999,laptop,no,yes,no,yes,no,no,yes\n"},
	{"hr/employees.csv", "employee_id,name,status,termination_date,department\nE1001,王大明,active,,資訊部\n"
			     "E1002,李小華,terminated,2026-03-31,資訊部\n"},
};
#define NFILES (sizeof files / sizeof *files)

static void setup(void)
{
	static const char *const dirs[] = {"network", "inventory", "hr", NULL};
	scratch_init(dirs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	setup();
	size_t pick = data[0] % NFILES;
	for (size_t i = 0; i < NFILES; i++) {
		if (i == pick)
			scratch_put(files[i].rel, data + 1, size - 1);
		else
			scratch_put(files[i].rel, files[i].base, strlen(files[i].base));
	}
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_assess *a = scratch_assess(&d);
	if (a) {
		struct fc_buf b;
		fc_buf_init(&b, 0);
		struct fc_out_opts oo = {.zh = (data[0] & 0x80) == 0};
		fc_out_json(&b, a->run, &d, &oo);
		fc_out_text(&b, a->run, &d, &oo);
		fc_out_junit(&b, a->run, &d, &oo);
		fc_buf_release(&b);
	}
	fc_assess_free(a);
	fc_diag_release(&d);
	return 0;
}
