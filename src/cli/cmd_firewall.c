/*
 * fincheck firewall — the normalized rule table for the review meeting
 * (issue 3): every rule of every device with its zone pair and its analysis
 * (shadowed by, redundant with, too broad, risky services), and counts.
 *
 *   fincheck firewall FILE|DIR... [--zones zones.csv] [--format text|json|csv]
 *                    [--param NAME=VALUE]
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../core/json.h"
#include "../core/mem.h"
#include "../core/reader.h"
#include "../core/strutil.h"
#include "../engine/catalog.h"
#include "../engine/loader.h"
#include "../parse/fw.h"
#include "../parse/fw_analyze.h"
#include "cli.h"

static const char usage_text[] =
	"usage: fincheck firewall FILE|DIR... [--zones zones.csv] [--format text|json|csv]\n"
	"\n"
	"Reads firewall configurations (iptables-save, Cisco ASA running-config,\n"
	"FortiGate configuration, the CSV rule table; format by extension .rules/.v4/\n"
	".v6/.iptables, .asa, .fortigate/.fgt, .csv, else sniffed) and prints every\n"
	"rule normalized: action, source and destination address sets, services,\n"
	"zones (with --zones), and the analysis: shadowed_by, redundant_with,\n"
	"too_broad, risky services, unlogged.  A directory reads every file in it.\n"
	"\n"
	"  --zones FILE             network/zones.csv to map addresses onto zones\n"
	"  --format text|json|csv   output on stdout (default: text)\n"
	"  --param NAME=VALUE       override a parameter (firewall_risky_services, …)\n"
	"\n"
	"Exit status: 0 listed, 1 usage error, 2 a file could not be read or was malformed\n"
	"(the other devices are still listed).\n";

#define MAX_ITEMS 128
#define ZK(k) (1u << (k))

struct item {
	const char *label;
	struct fc_fw_svc s[4];
	size_t n;
};

struct ctx {
	struct item risky[MAX_ITEMS], db[MAX_ITEMS];
	size_t nrisky, ndb;
	unsigned untrusted;
	bool zones;
};

static size_t items_of(const struct fc_param_val *v, struct item *out)
{
	size_t k = 0;
	for (size_t i = 0; v && i < v->n && k < MAX_ITEMS; i++) {
		struct fc_fw_sset_b b = {0};
		if (fc_fw_svc_parse(v->list[i], strlen(v->list[i]), &b) && b.v.n) {
			out[k].label = v->list[i];
			out[k].n = b.v.n < 4 ? b.v.n : 4;
			memcpy(out[k].s, b.v.v, out[k].n * sizeof(*out[k].s));
			k++;
		} else {
			fprintf(stderr, "fincheck firewall: parameter %s: cannot read '%s'\n", v->def->name, v->list[i]);
		}
		fc_fw_sset_release(&b);
	}
	return k;
}

static bool hit(const struct fc_fw_rule *r, const struct item *it)
{
	for (size_t j = 0; j < it->n; j++)
		if (fc_fw_svcset_intersects(&r->svc, &it->s[j]))
			return true;
	return false;
}

static bool applied(const struct fc_fw_device *d, const struct fc_fw_rule *r)
{
	return r->list < d->lists.n && d->lists.v[r->list].filtering;
}

static bool is_permit(const struct fc_fw_device *d, const struct fc_fw_rule *r)
{
	return applied(d, r) && r->action == FC_FW_PERMIT && fc_fw_rule_decides(r) &&
	       !fc_fw_rule_established_only(r) &&
	       !(r->in.n == 1 && !r->in.neg && !strcmp(r->in.v[0], "lo"));
}

/* The analysis tags of one rule (the JSON "analysis" array). */
static size_t tags(const struct ctx *x, const struct fc_fw_device *d, const struct fc_fw_rule *r,
		   struct fc_arena *a, const char **out, size_t max)
{
	size_t n = 0;
#define TAG(...)                                                    \
	do {                                                        \
		if (n < max && (out[n] = fc_arena_printf(a, __VA_ARGS__))) \
			n++;                                        \
	} while (0)
	if (r->shadow) {
		struct fc_buf b;
		fc_buf_init(&b, 4096);
		for (size_t i = 0; i < r->nby; i++)
			fc_buf_addf(&b, "%s%ld", i ? "," : "", r->by[i]);
		TAG("%s:%s", r->shadow == FC_FW_SH_SHADOWED ? "shadowed_by" : "redundant_with", fc_buf_str(&b));
		fc_buf_release(&b);
	}
	if (!r->enabled)
		TAG("disabled");
	if (!applied(d, r))
		TAG("not_applied");
	if (r->unresolved)
		TAG("unresolved:%s", r->unresolved_why ? r->unresolved_why : "?");
	if (r->partial)
		TAG("partial:%s", r->partial_why ? r->partial_why : "?");
	if (r->incomplete)
		TAG("analysis_incomplete");
	if (is_permit(d, r)) {
		if (r->src.any && r->dst.any && r->svc.any)
			TAG("too_broad:any_any");
		else if (r->svc.any && r->dst.any)
			TAG("too_broad:any_service_to_any");
		else if (r->svc.any && r->dst_whole_zone)
			TAG("too_broad:any_service_to_segment:%s", r->dst_whole_zone);
		else if (r->svc.any)
			TAG("too_broad:any_service");
		bool inet = r->src_kinds & ZK(FC_ZK_INTERNET);
		if (r->src_kinds & x->untrusted) {
			for (size_t i = 0; i < x->nrisky; i++) {
				if (r->svc.any || !hit(r, &x->risky[i]))
					continue;
				/* database ports from the internet get their own tag */
				bool isdb = false;
				for (size_t q = 0; q < x->ndb && inet && !isdb; q++)
					for (size_t a1 = 0; a1 < x->risky[i].n && !isdb; a1++)
						for (size_t b1 = 0; b1 < x->db[q].n && !isdb; b1++)
							isdb = fc_fw_svc_covers(&x->db[q].s[b1], &x->risky[i].s[a1]);
				if (!isdb)
					TAG("risky:%s", x->risky[i].label);
			}
		}
		if (r->src_kinds & ZK(FC_ZK_INTERNET))
			for (size_t i = 0; i < x->ndb; i++)
				if (!r->svc.any && hit(r, &x->db[i]))
					TAG("db_from_internet:%s", x->db[i].label);
		if (r->log == 0)
			TAG("unlogged");
	}
	if (r->via_line)
		TAG("via_line:%ld", r->via_line);
#undef TAG
	return n;
}

static void addr_list(struct fc_json *j, const struct fc_fw_addrset *s, const struct fc_fw_names *nm)
{
	fc_json_arr(j);
	if (s->any) {
		/* as written: any, any4, all, 0.0.0.0/0 */
		const char *w = "any";
		for (size_t i = 0; i < nm->n; i++)
			if (!strcmp(nm->v[i], "any4") || !strcmp(nm->v[i], "any6"))
				w = nm->v[i];
		fc_json_str(j, w);
	} else {
		for (size_t i = 0; i < s->n; i++) {
			char t[100];
			fc_iprange_fmt(&s->r[i], t);
			fc_json_str(j, t);
		}
	}
	fc_json_arr_end(j);
}

static void svc_list(struct fc_json *j, const struct fc_fw_svcset *s)
{
	fc_json_arr(j);
	for (size_t i = 0; i < s->n; i++) {
		char t[64];
		fc_fw_svc_fmt(&s->v[i], t);
		fc_json_str(j, t);
	}
	fc_json_arr_end(j);
}

static void names_list(struct fc_json *j, const struct fc_fw_names *n)
{
	fc_json_arr(j);
	for (size_t i = 0; i < n->n; i++)
		fc_json_str(j, n->v[i]);
	fc_json_arr_end(j);
}

struct counts {
	size_t rules, permit, deny, other, disabled, shadowed, redundant, too_broad, risky, unlogged, unresolved;
};

static void count_rule(struct counts *c, const struct fc_fw_rule *r, const char *const *tg, size_t nt)
{
	c->rules++;
	if (r->action == FC_FW_PERMIT)
		c->permit++;
	else if (r->action == FC_FW_DENY)
		c->deny++;
	else
		c->other++;
	c->disabled += !r->enabled;
	c->shadowed += r->shadow == FC_FW_SH_SHADOWED;
	c->redundant += r->shadow == FC_FW_SH_REDUNDANT;
	c->unresolved += r->unresolved;
	bool broad = false, risky = false, unlog = false;
	for (size_t i = 0; i < nt; i++) {
		broad |= !strncmp(tg[i], "too_broad", 9);
		risky |= !strncmp(tg[i], "risky", 5) || !strncmp(tg[i], "db_from", 7);
		unlog |= !strcmp(tg[i], "unlogged");
	}
	c->too_broad += broad;
	c->risky += risky;
	c->unlogged += unlog;
}

static void counts_json(struct fc_json *j, const struct counts *c)
{
	fc_json_obj(j);
	fc_json_kint(j, "rules", (int64_t)c->rules);
	fc_json_kint(j, "permit", (int64_t)c->permit);
	fc_json_kint(j, "deny", (int64_t)c->deny);
	fc_json_kint(j, "other", (int64_t)c->other);
	fc_json_kint(j, "disabled", (int64_t)c->disabled);
	fc_json_kint(j, "shadowed", (int64_t)c->shadowed);
	fc_json_kint(j, "redundant", (int64_t)c->redundant);
	fc_json_kint(j, "too_broad", (int64_t)c->too_broad);
	fc_json_kint(j, "risky", (int64_t)c->risky);
	fc_json_kint(j, "unlogged", (int64_t)c->unlogged);
	fc_json_kint(j, "unresolved", (int64_t)c->unresolved);
	fc_json_obj_end(j);
}

#define MAX_TAGS 48

static void out_json(struct fc_buf *o, const struct ctx *x, const struct fc_fw_facts *fw, struct fc_arena *a,
		     const struct fc_diag *d)
{
	struct fc_json j;
	fc_json_init(&j, o, true);
	fc_json_obj(&j);
	fc_json_key(&j, "devices");
	fc_json_arr(&j);
	struct counts total = {0};
	for (size_t di = 0; di < fw->devices.n; di++) {
		const struct fc_fw_device *dv = fw->devices.v[di];
		struct counts c = {0};
		fc_json_obj(&j);
		fc_json_kstr(&j, "name", dv->name);
		fc_json_kstr(&j, "format", fc_fw_format_name(dv->format));
		fc_json_kstr(&j, "file", dv->file);
		fc_json_kstr(&j, "hostname", dv->hostname);
		fc_json_kbool(&j, "malformed", dv->errors > 0);
		fc_json_key(&j, "lists");
		fc_json_arr(&j);
		for (size_t li = 0; li < dv->lists.n; li++) {
			const struct fc_fw_list *l = &dv->lists.v[li];
			fc_json_obj(&j);
			fc_json_kstr(&j, "name", l->name);
			fc_json_kstr(&j, "default", fc_fw_action_name(l->policy));
			fc_json_kbool(&j, "default_explicit", l->policy_explicit);
			fc_json_kstr(&j, "applied", l->applied);
			fc_json_kbool(&j, "filtering", l->filtering);
			fc_json_kint(&j, "line", l->ref.line);
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);
		fc_json_key(&j, "interfaces");
		fc_json_arr(&j);
		for (size_t k = 0; k < dv->ifaces.n; k++) {
			const struct fc_fw_iface *f = &dv->ifaces.v[k];
			fc_json_obj(&j);
			fc_json_kstr(&j, "name", f->name);
			if (f->hw)
				fc_json_kstr(&j, "hw", f->hw);
			if (f->security_level >= 0)
				fc_json_kint(&j, "security_level", f->security_level);
			if (f->has_net) {
				char t[100];
				fc_iprange_fmt(&f->net, t);
				fc_json_kstr(&j, "network", t);
			}
			fc_json_kstr(&j, "zone", f->zone);
			fc_json_kint(&j, "line", f->ref.line);
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);
		fc_json_key(&j, "rules");
		fc_json_arr(&j);
		for (size_t k = 0; k < dv->rules.n; k++) {
			const struct fc_fw_rule *r = &dv->rules.v[k];
			const char *tg[MAX_TAGS];
			size_t nt = tags(x, dv, r, a, tg, MAX_TAGS);
			count_rule(&c, r, tg, nt);
			fc_json_obj(&j);
			fc_json_kint(&j, "seq", r->seq);
			fc_json_kint(&j, "line", r->ref.line);
			fc_json_kstr(&j, "list", r->list < dv->lists.n ? dv->lists.v[r->list].name : NULL);
			fc_json_kint(&j, "pos", r->pos);
			if (r->id)
				fc_json_kstr(&j, "id", r->id);
			fc_json_kstr(&j, "action", fc_fw_action_name(r->action));
			fc_json_kstr(&j, "target", r->target);
			fc_json_key(&j, "src");
			addr_list(&j, &r->src, &r->src_names);
			fc_json_key(&j, "dst");
			addr_list(&j, &r->dst, &r->dst_names);
			fc_json_key(&j, "service");
			svc_list(&j, &r->svc);
			fc_json_key(&j, "src_names");
			names_list(&j, &r->src_names);
			fc_json_key(&j, "dst_names");
			names_list(&j, &r->dst_names);
			fc_json_key(&j, "service_names");
			names_list(&j, &r->svc_names);
			if (r->in.n || r->in.neg || r->out.n || r->out.neg) {
				for (int io = 0; io < 2; io++) {
					const struct fc_fw_ifset *f = io ? &r->out : &r->in;
					fc_json_key(&j, io ? "out_interface" : "in_interface");
					fc_json_arr(&j);
					for (size_t q = 0; q < f->n; q++) {
						char t[200];
						snprintf(t, sizeof t, "%s%s", f->neg ? "!" : "", f->v[q]);
						fc_json_str(&j, t);
					}
					fc_json_arr_end(&j);
				}
			}
			if (r->states) {
				static const char *const sn[] = {"NEW", "ESTABLISHED", "RELATED", "INVALID", "UNTRACKED"};
				fc_json_key(&j, "state");
				fc_json_arr(&j);
				for (int q = 0; q < 5; q++)
					if (r->states & (1u << q))
						fc_json_str(&j, sn[q]);
				fc_json_arr_end(&j);
			}
			fc_json_kstr(&j, "src_zone", r->src_zone);
			fc_json_kstr(&j, "dst_zone", r->dst_zone);
			fc_json_kbool(&j, "enabled", r->enabled);
			if (r->log == FC_UNKNOWN)
				fc_json_kstr(&j, "log", NULL);
			else
				fc_json_kbool(&j, "log", r->log == 1);
			if (r->comment)
				fc_json_kstr(&j, "comment", r->comment);
			fc_json_key(&j, "analysis");
			fc_json_arr(&j);
			for (size_t q = 0; q < nt; q++)
				fc_json_str(&j, tg[q]);
			fc_json_arr_end(&j);
			fc_json_obj_end(&j);
		}
		fc_json_arr_end(&j);
		fc_json_key(&j, "counts");
		counts_json(&j, &c);
		fc_json_obj_end(&j);
		total.rules += c.rules, total.permit += c.permit, total.deny += c.deny, total.other += c.other;
		total.disabled += c.disabled, total.shadowed += c.shadowed, total.redundant += c.redundant;
		total.too_broad += c.too_broad, total.risky += c.risky, total.unlogged += c.unlogged;
		total.unresolved += c.unresolved;
	}
	fc_json_arr_end(&j);
	fc_json_key(&j, "counts");
	counts_json(&j, &total);
	fc_json_kbool(&j, "zones", x->zones);
	fc_json_key(&j, "errors");
	fc_json_arr(&j);
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].level != FC_DIAG_ERROR)
			continue;
		fc_json_obj(&j);
		fc_json_kstr(&j, "file", d->v[i].file);
		fc_json_kint(&j, "line", d->v[i].line);
		fc_json_kstr(&j, "message", d->v[i].msg);
		fc_json_obj_end(&j);
	}
	fc_json_arr_end(&j);
	fc_json_obj_end(&j);
	fc_buf_addc(o, '\n');
}

/* CSV cell, RFC 4180, formula injection neutralized */
static void cell(struct fc_buf *o, const char *s, bool last)
{
	s = s ? s : "";
	bool q = strpbrk(s, ",\"\r\n") != NULL || (*s && strchr("=+-@\t\r", s[0]));
	if (q)
		fc_buf_addc(o, '"');
	if (*s && strchr("=+-@\t\r", s[0]))
		fc_buf_addc(o, '\'');
	for (; *s; s++) {
		if (*s == '"')
			fc_buf_addc(o, '"');
		fc_buf_addc(o, *s);
	}
	if (q)
		fc_buf_addc(o, '"');
	fc_buf_addc(o, last ? '\n' : ',');
}

static const char *addr_text(struct fc_arena *a, const struct fc_fw_addrset *s, const char *sep, size_t max)
{
	if (s->any)
		return "any";
	struct fc_buf b;
	fc_buf_init(&b, 1 << 20);
	for (size_t i = 0; i < s->n; i++) {
		if (i == max) {
			fc_buf_addf(&b, "%s…(+%zu)", sep, s->n - max);
			break;
		}
		char t[100];
		fc_iprange_fmt(&s->r[i], t);
		if (i)
			fc_buf_adds(&b, sep);
		fc_buf_adds(&b, t);
	}
	const char *r = fc_arena_strdup(a, fc_buf_str(&b));
	fc_buf_release(&b);
	return r;
}

static const char *svc_text(struct fc_arena *a, const struct fc_fw_svcset *s, const char *sep, size_t max)
{
	struct fc_buf b;
	fc_buf_init(&b, 1 << 20);
	for (size_t i = 0; i < s->n; i++) {
		if (i == max) {
			fc_buf_addf(&b, "%s…(+%zu)", sep, s->n - max);
			break;
		}
		char t[64];
		fc_fw_svc_fmt(&s->v[i], t);
		if (i)
			fc_buf_adds(&b, sep);
		fc_buf_adds(&b, t);
	}
	const char *r = fc_arena_strdup(a, fc_buf_str(&b));
	fc_buf_release(&b);
	return r;
}

static const char *join(struct fc_arena *a, const char *const *v, size_t n, const char *sep)
{
	struct fc_buf b;
	fc_buf_init(&b, 1 << 20);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fc_buf_adds(&b, sep);
		fc_buf_adds(&b, v[i]);
	}
	const char *r = fc_arena_strdup(a, fc_buf_str(&b));
	fc_buf_release(&b);
	return r;
}

static void out_csv(struct fc_buf *o, const struct ctx *x, const struct fc_fw_facts *fw, struct fc_arena *a)
{
	fc_buf_adds(o, "device,format,file,line,seq,list,id,action,src,dst,service,src_zone,dst_zone,enabled,log,analysis,comment\n");
	for (size_t di = 0; di < fw->devices.n; di++) {
		const struct fc_fw_device *dv = fw->devices.v[di];
		for (size_t k = 0; k < dv->rules.n; k++) {
			const struct fc_fw_rule *r = &dv->rules.v[k];
			const char *tg[MAX_TAGS];
			size_t nt = tags(x, dv, r, a, tg, MAX_TAGS);
			char num[32];
			cell(o, dv->name, false);
			cell(o, fc_fw_format_name(dv->format), false);
			cell(o, dv->file, false);
			snprintf(num, sizeof num, "%ld", r->ref.line);
			cell(o, num, false);
			snprintf(num, sizeof num, "%ld", r->seq);
			cell(o, num, false);
			cell(o, r->list < dv->lists.n ? dv->lists.v[r->list].name : "", false);
			cell(o, r->id, false);
			cell(o, fc_fw_action_name(r->action), false);
			cell(o, addr_text(a, &r->src, ";", SIZE_MAX), false);
			cell(o, addr_text(a, &r->dst, ";", SIZE_MAX), false);
			cell(o, svc_text(a, &r->svc, ";", SIZE_MAX), false);
			cell(o, r->src_zone, false);
			cell(o, r->dst_zone, false);
			cell(o, r->enabled ? "yes" : "no", false);
			cell(o, r->log == FC_UNKNOWN ? "" : r->log ? "yes" : "no", false);
			cell(o, join(a, tg, nt, ";"), false);
			cell(o, r->comment, true);
		}
	}
}

static void out_text(struct fc_buf *o, const struct ctx *x, const struct fc_fw_facts *fw, struct fc_arena *a)
{
	struct counts total = {0};
	for (size_t di = 0; di < fw->devices.n; di++) {
		const struct fc_fw_device *dv = fw->devices.v[di];
		struct counts c = {0};
		fc_buf_addf(o, "== %s (%s, %s)%s%s%s\n", dv->name, fc_fw_format_name(dv->format), dv->file,
			    dv->hostname ? " hostname " : "", dv->hostname ? dv->hostname : "",
			    dv->errors ? "  [MALFORMED: see errors]" : "");
		for (size_t li = 0; li < dv->lists.n; li++) {
			const struct fc_fw_list *l = &dv->lists.v[li];
			fc_buf_addf(o, "   list %-16s default %-6s %s%s\n", l->name, fc_fw_action_name(l->policy),
				    l->applied ? l->applied : "(not applied)", l->filtering ? "" : " [not a traffic filter]");
		}
		fc_buf_addf(o, "  %5s %6s %-10s %-7s %-22s %-22s %-24s %-20s %s\n", "seq", "line", "list", "action",
			    "source", "destination", "service", "zones", "analysis");
		for (size_t k = 0; k < dv->rules.n; k++) {
			const struct fc_fw_rule *r = &dv->rules.v[k];
			const char *tg[MAX_TAGS];
			size_t nt = tags(x, dv, r, a, tg, MAX_TAGS);
			count_rule(&c, r, tg, nt);
			char zones[200];
			snprintf(zones, sizeof zones, "%s>%s", r->src_zone ? r->src_zone : "-",
				 r->dst_zone ? r->dst_zone : "-");
			/* interfaces and states are part of the match: show them first */
			const char *full = fc_fw_rule_text(a, r);
			const char *extra = NULL;
			static const char *const keys[] = {" state=", " in=", " out="};
			for (int q = 0; full && q < 3; q++) {
				const char *p = strstr(full, keys[q]);
				if (p && (!extra || p < extra))
					extra = p;
			}
			if (extra && nt < MAX_TAGS)
				tg[nt++] = extra + 1;
			fc_buf_addf(o, "  %5ld %6ld %-10.10s %-7s %-22s %-22s %-24s %-20s %s\n", r->seq, r->ref.line,
				    r->list < dv->lists.n ? dv->lists.v[r->list].name : "", fc_fw_action_name(r->action),
				    addr_text(a, &r->src, ",", 2), addr_text(a, &r->dst, ",", 2), svc_text(a, &r->svc, ",", 3),
				    zones, join(a, tg, nt, " "));
		}
		fc_buf_addf(o,
			    "  %zu rules: %zu permit, %zu deny, %zu other; %zu disabled, %zu shadowed, %zu redundant, "
			    "%zu too broad, %zu risky, %zu unlogged, %zu unresolved\n\n",
			    c.rules, c.permit, c.deny, c.other, c.disabled, c.shadowed, c.redundant, c.too_broad, c.risky,
			    c.unlogged, c.unresolved);
		total.rules += c.rules, total.shadowed += c.shadowed, total.redundant += c.redundant;
		total.too_broad += c.too_broad, total.risky += c.risky;
	}
	fc_buf_addf(o, "%zu devices, %zu rules: %zu shadowed, %zu redundant, %zu too broad, %zu risky\n",
		    fw->devices.n, total.rules, total.shadowed, total.redundant, total.too_broad, total.risky);
}

/* ---- inputs ---- */

static int read_one(struct fc_fw_facts *fw, const char *path, const char *name, struct fc_diag *d)
{
	struct fc_text t;
	enum fc_status st = fc_text_read(path, name, &t, d);
	if (st)
		return st == FC_ENOMEM ? -1 : 1;
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	char stem[256];
	snprintf(stem, sizeof stem, "%s", base);
	size_t n = strlen(stem);
	if (n > 3 && !fc_strcasecmp(stem + n - 3, ".gz"))
		stem[n - 3] = '\0';
	char *dot = strrchr(stem, '.');
	if (dot && dot != stem)
		*dot = '\0';
	st = fc_fw_parse(fw, t.p, t.n, name, stem, fc_fw_format_from_path(name), d);
	fc_text_release(&t);
	if (st == FC_ENOMEM)
		return -1;
	return st ? 1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int read_input(struct fc_fw_facts *fw, const char *path, struct fc_diag *d)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		fc_diag_error(d, path, 0, 0, "cannot read: no such file");
		return 1;
	}
	if (!S_ISDIR(sb.st_mode))
		return read_one(fw, path, path, d);
	DIR *dir = opendir(path);
	if (!dir) {
		fc_diag_error(d, path, 0, 0, "cannot open directory");
		return 1;
	}
	FC_VEC(char *) names = {0};
	struct dirent *de;
	int rc = 0;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.' || !strncmp(de->d_name, "README", 6))
			continue;
		char **s = fc_vec_push(&names);
		if (!s || !(*s = fc_strdup(de->d_name))) {
			rc = -1;
			break;
		}
	}
	closedir(dir);
	if (names.n)
		fc_qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (size_t i = 0; i < names.n && rc >= 0; i++) {
		size_t len = strlen(path) + strlen(names.v[i]) + 2;
		char *full = fc_malloc(len);
		if (!full) {
			rc = -1;
			break;
		}
		snprintf(full, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", names.v[i]);
		struct stat fs;
		if (stat(full, &fs) == 0 && S_ISREG(fs.st_mode)) {
			int r = read_one(fw, full, full, d);
			if (r < 0)
				rc = -1;
			else if (r > 0)
				rc = 1;
		}
		fc_free(full);
	}
	for (size_t i = 0; i < names.n; i++)
		fc_free(names.v[i]);
	fc_vec_release(&names);
	return rc;
}

int cmd_firewall(int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", "csv", NULL};
	int format = 0, rc = FC_EXIT_OK;
	const char *zones_path = NULL;
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_arena arena;
	fc_arena_init(&arena);
	struct fc_catalog *cat = NULL;
	struct fc_params params = {0};
	bool params_ok = false;
	struct fc_bundle zb;
	memset(&zb, 0, sizeof zb);
	fc_arena_init(&zb.arena);
	zb.diag = &d;
	struct fc_fw_facts *fw = NULL;
	struct ctx *x = fc_calloc(1, sizeof(*x));
	const char **inputs = fc_calloc((size_t)argc + 1, sizeof(*inputs));
	const char **pargs = fc_calloc((size_t)argc + 1, sizeof(*pargs));
	size_t ninputs = 0, npargs = 0;
	struct fc_buf out;
	fc_buf_init(&out, 0);
	if (!x || !inputs || !pargs) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage_text, stdout);
			goto out;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--format"))) {
			if ((format = fc_cli_format("firewall", v, formats)) < 0) {
				rc = FC_EXIT_USAGE;
				goto out;
			}
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--zones"))) {
			zones_path = v;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--param"))) {
			pargs[npargs++] = v;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			rc = fc_cli_usage_error("firewall", "unknown option '%s'", argv[i]);
			goto out;
		} else {
			inputs[ninputs++] = argv[i];
		}
	}
	if (!ninputs) {
		rc = fc_cli_usage_error("firewall", "expected firewall configuration files");
		goto out;
	}
	if (fc_catalog_load(NULL, &cat, &d) || fc_params_init(&params, cat)) {
		fprintf(stderr, "fincheck firewall: the control catalog is invalid\n");
		rc = FC_EXIT_INPUT;
		goto out;
	}
	params_ok = true;
	for (size_t i = 0; i < npargs; i++)
		if (fc_params_apply_arg(&params, pargs[i], &d)) {
			rc = FC_EXIT_USAGE;
			goto out;
		}
	x->nrisky = items_of(fc_params_get(&params, "firewall_risky_services"), x->risky);
	x->ndb = items_of(fc_params_get(&params, "firewall_database_services"), x->db);
	const struct fc_param_val *uk = fc_params_get(&params, "firewall_untrusted_zone_kinds");
	static const struct {
		const char *n;
		enum fc_zone_kind k;
	} kinds[] = {{"internet", FC_ZK_INTERNET}, {"partner", FC_ZK_PARTNER}, {"office", FC_ZK_OFFICE},
		     {"dmz", FC_ZK_DMZ}, {"test", FC_ZK_TEST}, {"management", FC_ZK_MANAGEMENT},
		     {"production", FC_ZK_PRODUCTION}, {"unknown", FC_ZK_UNKNOWN}};
	for (size_t i = 0; uk && i < uk->n; i++)
		for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
			if (fc_strieq(uk->list[i], kinds[k].n))
				x->untrusted |= ZK(kinds[k].k);
	if (zones_path) {
		if (fc_loader_zones.load(&zb, zones_path, zones_path) == FC_ENOMEM) {
			rc = FC_EXIT_INPUT;
			goto out;
		}
		x->zones = zb.zones.n > 0;
	} else {
		/* without zones, addresses outside private space count as the
		 * internet and private ones as unknown: treat unknown as untrusted */
		x->untrusted |= ZK(FC_ZK_UNKNOWN);
	}
	fw = fc_fw_facts_new(&arena);
	if (!fw) {
		rc = FC_EXIT_INPUT;
		goto out;
	}
	for (size_t i = 0; i < ninputs; i++)
		if (read_input(fw, inputs[i], &d) < 0) {
			fprintf(stderr, "fincheck firewall: out of memory\n");
			rc = FC_EXIT_INPUT;
			goto out;
		}
	fc_fw_map_zones(fw, zb.zones.v, zb.zones.n);
	if (fc_fw_analyze(fw, NULL, &d, NULL)) {
		fprintf(stderr, "fincheck firewall: out of memory\n");
		rc = FC_EXIT_INPUT;
		goto out;
	}
	if (format == 1)
		out_json(&out, x, fw, &arena, &d);
	else if (format == 2)
		out_csv(&out, x, fw, &arena);
	else
		out_text(&out, x, fw, &arena);
	if (fc_buf_err(&out)) {
		fprintf(stderr, "fincheck firewall: output too large\n");
		rc = FC_EXIT_INPUT;
		goto out;
	}
	if (!fc_cli_write(&out, NULL))
		rc = FC_EXIT_INPUT;
	else if (d.errors)
		rc = FC_EXIT_INPUT;
out:
	fc_buf_release(&out);
	fc_fw_facts_release(fw);
	fc_arena_release(&arena);
	fc_vec_release(&zb.zones);
	fc_vec_release(&zb.files);
	fc_arena_release(&zb.arena);
	if (params_ok)
		fc_params_release(&params);
	fc_catalog_free(cat);
	fc_free(x);
	fc_free(inputs);
	fc_free(pargs);
	fc_diag_release(&d);
	return rc;
}
