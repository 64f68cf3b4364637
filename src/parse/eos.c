/*
 * End-of-support dates for server and client operating systems.  Each row
 * cites the vendor lifecycle page it comes from; dates are the end of
 * standard security support.  Review this table when a vendor announces a
 * change (docs/hosts.md lists it in full).
 */
#include <string.h>
#include "../core/date.h"
#include "../core/strutil.h"
#include "eos.h"


struct row {
	const char *family, *version, *label;
	int y, m, d;
	const char *source;
};

#define MS "Microsoft Lifecycle (learn.microsoft.com/lifecycle)"
#define RH "Red Hat Enterprise Linux Life Cycle (end of Maintenance Support)"
#define UB "Ubuntu release cycle (end of standard support)"
#define DB "Debian LTS (wiki.debian.org/LTS)"
#define SU "SUSE product lifecycle (end of general support)"
#define IB "IBM AIX support lifecycle (end of standard support)"
#define OR "Oracle Linux lifetime support (end of Premier Support)"

static const struct row rows[] = {
	{"windows_server", "2000", "Windows Server 2000", 2010, 7, 13, MS},
	{"windows_server", "2003", "Windows Server 2003", 2015, 7, 14, MS},
	{"windows_server", "2003r2", "Windows Server 2003 R2", 2015, 7, 14, MS},
	{"windows_server", "2008", "Windows Server 2008", 2020, 1, 14, MS},
	{"windows_server", "2008r2", "Windows Server 2008 R2", 2020, 1, 14, MS},
	{"windows_server", "2012", "Windows Server 2012", 2023, 10, 10, MS},
	{"windows_server", "2012r2", "Windows Server 2012 R2", 2023, 10, 10, MS},
	{"windows_server", "2016", "Windows Server 2016", 2027, 1, 12, MS},
	{"windows_server", "2019", "Windows Server 2019", 2029, 1, 9, MS},
	{"windows_server", "2022", "Windows Server 2022", 2031, 10, 14, MS},
	{"windows_server", "2025", "Windows Server 2025", 2034, 10, 10, MS},
	{"windows", "xp", "Windows XP", 2014, 4, 8, MS},
	{"windows", "7", "Windows 7", 2020, 1, 14, MS},
	{"windows", "8.1", "Windows 8.1", 2023, 1, 10, MS},
	{"windows", "10", "Windows 10", 2025, 10, 14, MS},
	{"rhel", "5", "Red Hat Enterprise Linux 5", 2017, 3, 31, RH},
	{"rhel", "6", "Red Hat Enterprise Linux 6", 2020, 11, 30, RH},
	{"rhel", "7", "Red Hat Enterprise Linux 7", 2024, 6, 30, RH},
	{"rhel", "8", "Red Hat Enterprise Linux 8", 2029, 5, 31, RH},
	{"rhel", "9", "Red Hat Enterprise Linux 9", 2032, 5, 31, RH},
	{"rhel", "10", "Red Hat Enterprise Linux 10", 2035, 5, 31, RH},
	{"centos", "5", "CentOS Linux 5", 2017, 3, 31, "CentOS project"},
	{"centos", "6", "CentOS Linux 6", 2020, 11, 30, "CentOS project"},
	{"centos", "7", "CentOS Linux 7", 2024, 6, 30, "CentOS project"},
	{"centos", "8", "CentOS Linux 8", 2021, 12, 31, "CentOS project"},
	{"centos_stream", "8", "CentOS Stream 8", 2024, 5, 31, "CentOS project"},
	{"centos_stream", "9", "CentOS Stream 9", 2027, 5, 31, "CentOS project"},
	{"oracle", "5", "Oracle Linux 5", 2017, 6, 30, OR},
	{"oracle", "6", "Oracle Linux 6", 2021, 3, 1, OR},
	{"oracle", "7", "Oracle Linux 7", 2024, 12, 31, OR},
	{"oracle", "8", "Oracle Linux 8", 2029, 7, 31, OR},
	{"oracle", "9", "Oracle Linux 9", 2032, 6, 30, OR},
	{"rocky", "8", "Rocky Linux 8", 2029, 5, 31, "Rocky Linux release notes"},
	{"rocky", "9", "Rocky Linux 9", 2032, 5, 31, "Rocky Linux release notes"},
	{"alma", "8", "AlmaLinux 8", 2029, 5, 31, "AlmaLinux release notes"},
	{"alma", "9", "AlmaLinux 9", 2032, 5, 31, "AlmaLinux release notes"},
	{"ubuntu", "12.04", "Ubuntu 12.04 LTS", 2017, 4, 28, UB},
	{"ubuntu", "14.04", "Ubuntu 14.04 LTS", 2019, 4, 25, UB},
	{"ubuntu", "16.04", "Ubuntu 16.04 LTS", 2021, 4, 30, UB},
	{"ubuntu", "18.04", "Ubuntu 18.04 LTS", 2023, 5, 31, UB},
	{"ubuntu", "20.04", "Ubuntu 20.04 LTS", 2025, 5, 29, UB},
	{"ubuntu", "22.04", "Ubuntu 22.04 LTS", 2027, 6, 1, UB},
	{"ubuntu", "24.04", "Ubuntu 24.04 LTS", 2029, 5, 31, UB},
	{"ubuntu", "23.04", "Ubuntu 23.04", 2024, 1, 25, UB},
	{"ubuntu", "23.10", "Ubuntu 23.10", 2024, 7, 11, UB},
	{"ubuntu", "24.10", "Ubuntu 24.10", 2025, 7, 10, UB},
	{"debian", "6", "Debian 6 (squeeze)", 2016, 2, 29, DB},
	{"debian", "7", "Debian 7 (wheezy)", 2018, 5, 31, DB},
	{"debian", "8", "Debian 8 (jessie)", 2020, 6, 30, DB},
	{"debian", "9", "Debian 9 (stretch)", 2022, 6, 30, DB},
	{"debian", "10", "Debian 10 (buster)", 2024, 6, 30, DB},
	{"debian", "11", "Debian 11 (bullseye)", 2026, 8, 31, DB},
	{"debian", "12", "Debian 12 (bookworm)", 2028, 6, 30, DB},
	{"debian", "13", "Debian 13 (trixie)", 2030, 6, 30, DB},
	{"sles", "11", "SUSE Linux Enterprise Server 11", 2019, 3, 31, SU},
	{"sles", "12", "SUSE Linux Enterprise Server 12", 2024, 10, 31, SU},
	{"sles", "15", "SUSE Linux Enterprise Server 15", 2031, 7, 31, SU},
	{"aix", "5.3", "AIX 5.3", 2012, 4, 30, IB},
	{"aix", "6.1", "AIX 6.1", 2017, 4, 30, IB},
	{"aix", "7.1", "AIX 7.1", 2023, 4, 30, IB},
	{"solaris", "10", "Solaris 10", 2018, 1, 31, "Oracle Solaris lifetime support (Premier Support)"},
};
#define NROWS (sizeof rows / sizeof rows[0])

static struct fc_eos_entry table[NROWS];
static int table_ready;

static void ready(void)
{
	/* built once; the data is constant, so a race only writes equal values */
	if (table_ready)
		return;
	for (size_t i = 0; i < NROWS; i++) {
		table[i].family = rows[i].family;
		table[i].version = rows[i].version;
		table[i].label = rows[i].label;
		table[i].eos = fc_days_from_civil(rows[i].y, rows[i].m, rows[i].d);
		table[i].source = rows[i].source;
	}
	table_ready = 1;
}

const struct fc_eos_entry *fc_eos_table(size_t *n)
{
	ready();
	*n = NROWS;
	return table;
}

static void lower_copy(char *dst, size_t cap, const char *a, const char *b)
{
	size_t o = 0;
	for (const char *s = a; s && *s && o + 1 < cap; s++)
		dst[o++] = (*s >= 'A' && *s <= 'Z') ? (char)(*s + 32) : *s;
	if (b && *b && o + 1 < cap)
		dst[o++] = ' ';
	for (const char *s = b; s && *s && o + 1 < cap; s++)
		dst[o++] = (*s >= 'A' && *s <= 'Z') ? (char)(*s + 32) : *s;
	dst[o] = '\0';
}

static const char *family_of(const char *t)
{
	static const struct {
		const char *needle, *family;
	} fam[] = {
		{"windows server", "windows_server"}, {"win server", "windows_server"},
		{"centos stream", "centos_stream"}, {"centos", "centos"},
		{"red hat", "rhel"}, {"redhat", "rhel"}, {"rhel", "rhel"},
		{"oracle linux", "oracle"}, {"oraclelinux", "oracle"}, {"rocky", "rocky"}, {"alma", "alma"},
		{"ubuntu", "ubuntu"}, {"debian", "debian"},
		{"sles", "sles"}, {"suse", "sles"}, {"aix", "aix"}, {"solaris", "solaris"},
		{"sunos", "solaris"},
	};
	for (size_t i = 0; i < sizeof fam / sizeof fam[0]; i++)
		if (strstr(t, fam[i].needle))
			return fam[i].family;
	/* os-release IDs */
	if (!strncmp(t, "ol ", 3) || !strcmp(t, "ol"))
		return "oracle";
	if (strstr(t, "windows") || strstr(t, "win2") || !strncmp(t, "win ", 4)) {
		/* "Windows 2012 R2" without "Server" is a server by its year */
		for (const char *p = t; *p; p++)
			if (p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '2' && p[3] >= '0' && p[3] <= '9')
				return "windows_server";
		return "windows";
	}
	return NULL;
}

const char *fc_eos_family(const char *os)
{
	char t[256];
	lower_copy(t, sizeof t, os, NULL);
	return family_of(t);
}

/* The first number "N" or "N.M" in t after position from. */
static bool first_number(const char *t, char *out, size_t cap, bool keep_minor)
{
	for (const char *p = t; *p; p++) {
		if (*p < '0' || *p > '9')
			continue;
		if (p > t && ((p[-1] >= 'a' && p[-1] <= 'z') && p[-1] != 'v'))
			continue; /* part of a word such as "x86_64" or "el7" */
		size_t o = 0;
		while (*p >= '0' && *p <= '9' && o + 1 < cap)
			out[o++] = *p++;
		if (keep_minor && *p == '.' && p[1] >= '0' && p[1] <= '9' && o + 1 < cap) {
			out[o++] = *p++;
			while (*p >= '0' && *p <= '9' && o + 1 < cap)
				out[o++] = *p++;
		}
		out[o] = '\0';
		return o > 0;
	}
	return false;
}

const struct fc_eos_entry *fc_eos_lookup(const char *os, const char *version)
{
	ready();
	char t[256], v[32] = "";
	lower_copy(t, sizeof t, os, version);
	const char *fam = family_of(t);
	if (!fam)
		return NULL;
	if (!strcmp(fam, "windows_server")) {
		for (const char *p = t; *p; p++)
			if (p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' &&
			    p[3] <= '9' && !(p[4] >= '0' && p[4] <= '9')) {
				memcpy(v, p, 4);
				v[4] = '\0';
				const char *r = p + 4;
				while (*r == ' ')
					r++;
				if (r[0] == 'r' && r[1] == '2')
					memcpy(v + 4, "r2", 3);
				break;
			}
	} else if (!strcmp(fam, "windows")) {
		if (strstr(t, " xp"))
			memcpy(v, "xp", 3);
		else
			first_number(strstr(t, "windows") ? strstr(t, "windows") : t, v, sizeof v, true);
	} else if (!strcmp(fam, "ubuntu") || !strcmp(fam, "aix")) {
		first_number(t, v, sizeof v, true);
	} else if (!strcmp(fam, "debian")) {
		static const char *const code[] = {"squeeze", "6", "wheezy", "7", "jessie", "8",
						   "stretch", "9", "buster", "10", "bullseye", "11",
						   "bookworm", "12", "trixie", "13"};
		for (size_t i = 0; i < sizeof code / sizeof code[0]; i += 2)
			if (strstr(t, code[i])) {
				memcpy(v, code[i + 1], strlen(code[i + 1]) + 1);
				break;
			}
		if (!v[0])
			first_number(t, v, sizeof v, false);
	} else {
		first_number(t, v, sizeof v, false);
	}
	if (!v[0])
		return NULL;
	for (size_t i = 0; i < NROWS; i++)
		if (!strcmp(table[i].family, fam) && !strcmp(table[i].version, v))
			return &table[i];
	return NULL;
}
