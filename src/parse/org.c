/* org.yaml — the institution profile (spec/evidence-bundle.md).  Derives the
 * securities tier from paid-in capital (seed 001 分級標準). */
#include <string.h>
#include "../core/reader.h"
#include "../core/strutil.h"
#include "../engine/loader.h"

static bool claims(const char *rel)
{
	return !strcmp(rel, "org.yaml") || !strcmp(rel, "org.yml");
}

static const char *const known_keys[] = {
	"name", "industry", "paid_in_capital_twd", "internet_order", "etrading_share", "as_of",
	"security_org", "parameters", "tier", NULL,
};

/* seed 001: 資本額200億以上 / 100億以上未達200億 / 40億以上未達100億 / 未達40億 */
static void derive_tier(struct fc_org *o)
{
	if (o->industry != FC_IND_SECURITIES && o->industry != FC_IND_FUTURES) {
		o->tier = 0;
		o->tier_label = NULL;
		return;
	}
	double c = o->paid_in_capital_twd;
	if (c < 0) {
		o->tier = 0;
		o->tier_label = "unknown (paid_in_capital_twd missing)";
	} else if (c >= 2e10) {
		o->tier = 1;
		o->tier_label = "資本額200億以上";
	} else if (c >= 1e10) {
		o->tier = 2;
		o->tier_label = "資本額100億以上未達200億";
	} else if (c >= 4e9) {
		o->tier = 3;
		o->tier_label = "資本額40億以上未達100億";
	} else {
		o->tier = 4;
		o->tier_label = "資本額未達40億";
	}
}

static int get_bool(struct fc_bundle *b, const char *rel, const struct fc_ynode *m, const char *key, int *bad)
{
	const struct fc_ynode *v = fc_ymap_get(m, key);
	if (!v)
		return FC_UNKNOWN;
	int x = v->kind == FC_Y_SCALAR ? fc_parse_bool(v->str) : -2;
	if (x == -2) {
		fc_diag_error(b->diag, rel, v->line, v->col, "%s: expected yes/no or true/false", key);
		*bad = 1;
		return FC_UNKNOWN;
	}
	return x;
}

static double get_num(struct fc_bundle *b, const char *rel, const struct fc_ynode *m, const char *key,
		      double lo, double hi, int *bad)
{
	const struct fc_ynode *v = fc_ymap_get(m, key);
	double x;
	if (!v || (v->kind == FC_Y_SCALAR && !*v->str))
		return -1;
	if (v->kind != FC_Y_SCALAR || !fc_parse_double(v->str, &x) || x < lo || x > hi) {
		fc_diag_error(b->diag, rel, v->line, v->col, "%s: expected a number from %g to %g", key, lo, hi);
		*bad = 1;
		return -1;
	}
	return x;
}

static enum fc_status load(struct fc_bundle *b, const char *path, const char *rel)
{
	struct fc_text t;
	fc_bundle_saw(b, FC_EV_ORG, rel);
	const char *name = fc_arena_strdup(&b->arena, rel);
	if (!name)
		return FC_ENOMEM;
	enum fc_status st = fc_text_read(path, name, &t, b->diag);
	if (st) {
		fc_bundle_bad(b, FC_EV_ORG, rel);
		return st;
	}
	struct fc_ynode *root;
	if ((st = fc_text_check_utf8(&t, name, b->diag))) {
		fc_text_release(&t);
		fc_bundle_bad(b, FC_EV_ORG, rel);
		return st;
	}
	st = fc_yaml_parse(t.p, t.n, name, &b->arena, &root, b->diag);
	fc_text_release(&t);
	if (st) {
		fc_bundle_bad(b, FC_EV_ORG, rel);
		return st;
	}
	if (!root || root->kind != FC_Y_MAP) {
		fc_diag_error(b->diag, name, root ? root->line : 1, 0, "expected a mapping (name:, industry:, …)");
		fc_bundle_bad(b, FC_EV_ORG, rel);
		return FC_EPARSE;
	}
	int bad = 0;
	struct fc_org *o = &b->org;
	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < root->n; i++) {
		int known = 0;
		for (int k = 0; known_keys[k]; k++)
			known |= !strcmp(root->keys[i], known_keys[k]);
		if (!known)
			fc_diag_warn(b->diag, name, root->key_lines[i], 0, "unknown key '%s' ignored", root->keys[i]);
	}
	o->name = fc_ymap_str(root, "name");
	if (!o->name || !*o->name) {
		fc_diag_error(b->diag, name, 1, 0, "missing 'name' (the institution's name)");
		bad = 1;
	}
	o->industry_str = fc_ymap_str(root, "industry");
	static const struct { const char *s; enum fc_industry v; } inds[] = {
		{"securities", FC_IND_SECURITIES}, {"futures", FC_IND_FUTURES}, {"bank", FC_IND_BANK},
		{"insurance", FC_IND_INSURANCE}, {"listed", FC_IND_LISTED},
	};
	o->industry = FC_IND_UNKNOWN;
	for (size_t i = 0; o->industry_str && i < sizeof inds / sizeof *inds; i++)
		if (fc_strieq(o->industry_str, inds[i].s))
			o->industry = inds[i].v;
	if (o->industry == FC_IND_UNKNOWN) {
		const struct fc_ynode *v = fc_ymap_get(root, "industry");
		fc_diag_error(b->diag, name, v ? v->line : 1, v ? v->col : 0,
			      "industry: expected securities, futures, bank, insurance or listed");
		bad = 1;
	}
	o->paid_in_capital_twd = get_num(b, name, root, "paid_in_capital_twd", 0, 1e15, &bad);
	o->internet_order = get_bool(b, name, root, "internet_order", &bad);
	o->etrading_share = get_num(b, name, root, "etrading_share", 0, 1, &bad);
	o->as_of = FC_NO_DATE;
	const char *asof = fc_ymap_str(root, "as_of");
	if (asof && !fc_date_parse(asof, &o->as_of)) {
		const struct fc_ynode *v = fc_ymap_get(root, "as_of");
		fc_diag_error(b->diag, name, v->line, v->col, "as_of: expected a date YYYY-MM-DD");
		bad = 1;
	}
	o->ciso = o->dedicated_unit = FC_UNKNOWN;
	o->head = o->staff = -1;
	const struct fc_ynode *so = fc_ymap_get(root, "security_org");
	o->ref.file = name;
	o->ref.line = 1;
	o->ref.excerpt = o->name;
	if (so && so->kind == FC_Y_MAP) {
		o->ciso = get_bool(b, name, so, "ciso", &bad);
		o->dedicated_unit = get_bool(b, name, so, "dedicated_unit", &bad);
		o->head = (int)get_num(b, name, so, "head", 0, 1000, &bad);
		o->staff = (int)get_num(b, name, so, "staff", 0, 100000, &bad);
		o->ref_security_org.file = name;
		o->ref_security_org.line = so->line - 1 > 0 ? so->line - 1 : so->line;
		for (size_t i = 0; i < root->n; i++)
			if (!strcmp(root->keys[i], "security_org"))
				o->ref_security_org.line = root->key_lines[i];
		o->ref_security_org.excerpt = fc_arena_printf(&b->arena,
			"security_org: ciso=%s dedicated_unit=%s head=%d staff=%d",
			o->ciso == 1 ? "yes" : o->ciso == 0 ? "no" : "?",
			o->dedicated_unit == 1 ? "yes" : o->dedicated_unit == 0 ? "no" : "?", o->head, o->staff);
	} else if (so) {
		fc_diag_error(b->diag, name, so->line, so->col, "security_org: expected a mapping");
		bad = 1;
	}
	o->parameters = fc_ymap_get(root, "parameters");
	derive_tier(o);
	b->has_org = true;
	if (bad)
		fc_bundle_bad(b, FC_EV_ORG, rel);
	return bad ? FC_EPARSE : FC_OK;
}

const struct fc_loader fc_loader_org = {"org", FC_EV_ORG, 0, claims, load, NULL, NULL};
