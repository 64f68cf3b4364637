/*
 * The control catalog, check metadata and parameter definitions, loaded
 * from catalog/ (compiled into the binary, or a directory for tests) and
 * validated at load: duplicate ids, unknown control ids, unknown parameters,
 * missing translations, bad types and bounds are errors with file:line.
 */
#ifndef FC_CATALOG_H
#define FC_CATALOG_H
#include <stdbool.h>
#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/status.h"
#include "../core/ytree.h"
#include "check.h"

struct fc_control {
	const char *id, *framework, *title_zh, *title_en;
	const char *coverage_note;	/* optional manual guidance */
	/* applicability; NULL/-1 = any */
	const char *const *industries;	/* NULL-terminated or NULL */
	int internet_order;		/* tri-state */
	const char *file;
	long line;
};

struct fc_framework {
	const char *id, *title_zh, *title_en, *source, *version;
	size_t first, count;		/* slice of catalog->controls */
};

enum fc_coverage { FC_COV_AUTOMATED, FC_COV_EVIDENCE, FC_COV_MANUAL };

struct fc_check_meta {
	const char *id, *area;
	enum fc_severity severity;
	enum fc_coverage coverage;
	const char *title_zh, *title_en, *risk_zh, *risk_en, *rem_zh, *rem_en, *evidence;
	const char **controls;
	size_t ncontrols;
	const char **params;
	size_t nparams;
	const struct fc_check_impl *impl;	/* joined at load */
	const char *file;
	long line;
};

enum fc_param_type { FC_PT_INT, FC_PT_NUMBER, FC_PT_BOOL, FC_PT_LIST, FC_PT_MAP };

struct fc_param_def {
	const char *name, *unit, *source, *desc_zh, *desc_en;
	enum fc_param_type type;
	double min, max;
	bool has_min, has_max;
	/* default value */
	double num;
	const char **list;		/* LIST: items; MAP: keys */
	double *map_vals;		/* MAP: values */
	size_t n;
	const char *file;
	long line;
};

struct fc_catalog {
	struct fc_arena arena;
	struct fc_framework *fw;
	size_t nfw;
	struct fc_control *controls;
	size_t ncontrols;
	struct fc_check_meta *checks;
	size_t nchecks;
	struct fc_param_def *params;
	size_t nparams;
};

/* dir NULL = the embedded catalog.  Errors go to d; FC_EPARSE if invalid. */
enum fc_status fc_catalog_load(const char *dir, struct fc_catalog **out, struct fc_diag *d);
void fc_catalog_free(struct fc_catalog *c);
const struct fc_control *fc_catalog_control(const struct fc_catalog *c, const char *id);
const struct fc_check_meta *fc_catalog_check(const struct fc_catalog *c, const char *id);
const struct fc_param_def *fc_catalog_param(const struct fc_catalog *c, const char *name);
/* All implemented check tables in registry order, NULL-terminated. */
extern const struct fc_check_impl *const fc_check_tables[];
/* Embedded files (tools/embed.c) */
struct fc_embedded {
	const char *path;
	const unsigned char *data;
	size_t size;
};
extern const struct fc_embedded fc_embedded_files[];
const struct fc_embedded *fc_embedded_find(const char *path);

/* Effective parameter values: defaults, then org.yaml, then --param. */
struct fc_param_val {
	const struct fc_param_def *def;
	double num;
	const char **list;	/* LIST items / MAP keys (arena) */
	double *map_vals;
	size_t n;
	const char *origin;	/* "default", "org.yaml", "--param" */
};

struct fc_params {
	struct fc_arena arena;
	struct fc_param_val *v;
	size_t n;
};

enum fc_status fc_params_init(struct fc_params *p, const struct fc_catalog *c);
/* org.yaml parameters: mapping (errors with file:line). */
enum fc_status fc_params_apply_yaml(struct fc_params *p, const struct fc_ynode *map,
				    const char *file, struct fc_diag *d);
/* "name=value" or "name.key=value" */
enum fc_status fc_params_apply_arg(struct fc_params *p, const char *arg, struct fc_diag *d);
const struct fc_param_val *fc_params_get(const struct fc_params *p, const char *name);
void fc_params_release(struct fc_params *p);

#endif
