/*
 * The built-in end-of-support table: the date after which a vendor stops
 * security updates for an operating system release (seed 002 網路安全管理 7:
 * 評估已停止支援服務(EOS)設備的汰換、升級計畫; seed 004 SA-6.4).  The
 * inventory's `eos` column overrides it; this table fills the gap when the
 * column is empty.  Dates are the end of the vendor's standard security
 * support (not paid extended support such as Windows ESU or RHEL ELS),
 * because that is when ordinary patching stops.
 */
#ifndef FC_EOS_H
#define FC_EOS_H
#include <stddef.h>
#include <stdint.h>

struct fc_eos_entry {
	const char *family;	/* "windows_server", "rhel", "ubuntu", … */
	const char *version;	/* normalized: "2012r2", "7", "22.04" */
	const char *label;	/* "Windows Server 2012 R2" */
	int32_t eos;		/* day number (fc_days_from_civil) */
	const char *source;	/* vendor lifecycle page the date comes from */
};

/* Look up an OS by free text (inventory os + os_version, or os-release ID
 * + VERSION_ID).  NULL when the release is not in the table (unknown ≠ OK:
 * the caller reports it as not determinable). */
const struct fc_eos_entry *fc_eos_lookup(const char *os, const char *version);
/* The whole table, for docs and tests. */
const struct fc_eos_entry *fc_eos_table(size_t *n);
/* Normalized family of a free-text OS name ("Red Hat Enterprise Linux" ->
 * "rhel"), NULL if unknown. */
const char *fc_eos_family(const char *os);

#endif
