/* Helpers shared by the firewall unit tests (tests/unit/test_fw*.c). */
#ifndef FW_T_H
#define FW_T_H
#include <string.h>
#include "core/reader.h"
#include "parse/fw.h"
#include "parse/fw_analyze.h"

struct fwt {
	struct fc_arena a;
	struct fc_diag d;
	struct fc_fw_facts *fw;
	enum fc_status st;
};

static inline void fwt_init(struct fwt *t)
{
	fc_arena_init(&t->a);
	fc_diag_init(&t->d);
	t->fw = fc_fw_facts_new(&t->a);
	t->st = FC_OK;
}

static inline void fwt_release(struct fwt *t)
{
	fc_fw_facts_release(t->fw);
	fc_arena_release(&t->a);
	fc_diag_release(&t->d);
}

/* parse text as file `name` (format from its extension, else sniffed) */
static inline enum fc_status fwt_text(struct fwt *t, const char *name, const char *text)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	char stem[512];
	snprintf(stem, sizeof stem, "%s", base);
	char *dot = strrchr(stem, '.');
	if (dot && dot != stem)
		*dot = '\0';
	t->st = fc_fw_parse(t->fw, text, strlen(text), name, stem, fc_fw_format_from_path(name), &t->d);
	return t->st;
}

static inline enum fc_status fwt_file(struct fwt *t, const char *path)
{
	struct fc_text x;
	if (fc_text_read(path, path, &x, &t->d))
		return t->st = FC_EIO;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char stem[512];
	snprintf(stem, sizeof stem, "%s", base);
	char *dot = strrchr(stem, '.');
	if (dot && dot != stem)
		*dot = '\0';
	t->st = fc_fw_parse(t->fw, x.p, x.n, path, stem, fc_fw_format_from_path(path), &t->d);
	fc_text_release(&x);
	return t->st;
}

static inline void fwt_analyze(struct fwt *t, const struct fc_zone *z, size_t nz)
{
	fc_fw_map_zones(t->fw, z, nz);
	fc_fw_analyze(t->fw, NULL, &t->d, NULL);
}

static inline struct fc_fw_device *fwt_dev(struct fwt *t, size_t i)
{
	return i < t->fw->devices.n ? t->fw->devices.v[i] : NULL;
}

/* the rule whose own line is `line` (first match) */
static inline struct fc_fw_rule *fwt_line(struct fc_fw_device *d, long line)
{
	for (size_t i = 0; d && i < d->rules.n; i++)
		if (d->rules.v[i].ref.line == line)
			return &d->rules.v[i];
	return NULL;
}

static inline const char *fwt_txt(struct fwt *t, const struct fc_fw_rule *r)
{
	return r ? fc_fw_rule_text(&t->a, r) : "(no rule)";
}

/* count diagnostics of a level; with `line` > 0 only those at that line */
static inline size_t fwt_diags(const struct fwt *t, enum fc_diag_level lv, long line)
{
	size_t n = 0;
	for (size_t i = 0; i < t->d.n; i++)
		if (t->d.v[i].level == lv && (line <= 0 || t->d.v[i].line == line))
			n++;
	return n;
}

static inline bool fwt_by(const struct fc_fw_rule *r, const long *want, size_t n)
{
	if (!r || r->nby != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (r->by[i] != want[i])
			return false;
	return true;
}

#endif
