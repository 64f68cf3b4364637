/*
 * Shared body of the firewall parsers' libFuzzer harnesses: parse hostile
 * bytes, map onto zones, run the shadow analysis and print every rule —
 * none of it may crash, hang, leak or read out of bounds.
 */
#ifndef FC_FW_FUZZ_H
#define FC_FW_FUZZ_H
#include <stdint.h>
#include <string.h>
#include "core/mem.h"
#include "core/reader.h"
#include "parse/fw.h"
#include "parse/fw_analyze.h"

static int fw_fuzz_one(const uint8_t *data, size_t size, const char *name, int format)
{
	struct fc_arena a;
	struct fc_diag d;
	struct fc_text t;
	fc_arena_init(&a);
	fc_diag_init(&d);
	if (fc_text_from_mem(data, size, name, &t, &d) == FC_OK) {
		struct fc_fw_facts *fw = fc_fw_facts_new(&a);
		if (fw) {
			fc_fw_parse(fw, t.p, t.n, name, "fuzz", format, &d);
			struct fc_zone z[3];
			memset(z, 0, sizeof z);
			const char *cidr[3] = {"10.0.0.0/8", "192.168.0.0/16", "0.0.0.0/0"};
			const enum fc_zone_kind k[3] = {FC_ZK_PRODUCTION, FC_ZK_OFFICE, FC_ZK_INTERNET};
			for (int i = 0; i < 3; i++) {
				z[i].name = cidr[i];
				z[i].kind = k[i];
				fc_iprange_parse(cidr[i], strlen(cidr[i]), &z[i].range);
			}
			fc_fw_map_zones(fw, z, 3);
			struct fc_fw_analyze_opts o = {256, 1u << 16};
			fc_fw_analyze(fw, &o, &d, NULL);
			for (size_t i = 0; i < fw->devices.n; i++)
				for (size_t r = 0; r < fw->devices.v[i]->rules.n; r++)
					(void)fc_fw_rule_text(&a, &fw->devices.v[i]->rules.v[r]);
			fc_fw_facts_release(fw);
		}
		fc_text_release(&t);
	}
	fc_diag_release(&d);
	fc_arena_release(&a);
	return 0;
}

#endif
