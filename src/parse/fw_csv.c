/*
 * The spec's generic rule table (firewall/ .csv files) into the rule model
 * (issue 3): device, rule_id, action, src_zone, src, dst_zone, dst, service,
 * enabled, log, comment, last_review — by header name, in any order, with
 * the aliases below.  Rows are evaluated first-match in file order per
 * device; a file without a device column (or an empty cell) is the device
 * named by the file stem.
 *
 * src/dst hold addresses (CIDR, address, range a-b, "any") separated by ';',
 * ',' or spaces; service holds tcp/443, udp/53, tcp/8000-8100, icmp, any or
 * a service name.  src_zone/dst_zone name zones (network/zones.csv) or
 * interfaces and are matched like FortiGate's srcintf/dstintf.
 */
#include <string.h>
#include "fw.h"
#include "../core/csv.h"
#include "../core/date.h"
#include "../core/mem.h"
#include "../core/strutil.h"

#define COLS(...) ((const char *const[]){__VA_ARGS__, NULL})

struct pieces {
	FC_VEC(struct fc_span) v;
};

/* Values in one cell: separated by ';', ',', spaces, tabs or line breaks
 * (spreadsheet exports put one value per line in a cell). */
static void pieces_of(const char *s, struct pieces *p)
{
	p->v.n = 0;
	const char *q = s;
	while (*q) {
		while (*q && strchr(";, \t\r\n", *q))
			q++;
		const char *b = q;
		while (*q && !strchr(";, \t\r\n", *q))
			q++;
		if (q > b) {
			struct fc_span *slot = fc_vec_push(&p->v);
			if (slot)
				*slot = fc_span_of(b, (size_t)(q - b));
		}
	}
}

static bool is_any(struct fc_span s)
{
	return fc_span_ieq(s, "any") || fc_span_ieq(s, "all") || fc_span_eq(s, "*") || fc_span_ieq(s, "0.0.0.0/0");
}

enum fc_status fc_fw_parse_csv(struct fc_fw_facts *fw, const char *text, size_t n, const char *file,
			       const char *device, struct fc_diag *d)
{
	struct fc_csv t;
	if (n >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) { /* a BOM the reader did not strip */
		text += 3;
		n -= 3;
	}
	enum fc_status st = fc_csv_parse(text, n, file, fw->arena, &t, d);
	if (st == FC_ENOMEM || st == FC_ELIMIT)
		return st;
	bool bad = st != FC_OK;
	struct fc_fw_device *first = fc_fw_device_add(fw, device, FC_FW_CSV, file);
	if (!first)
		return FC_ENOMEM;
	if (bad)
		first->errors++;
	int c_dev = fc_csv_col(&t, COLS("device", "firewall", "device_name", "device name", "hostname"));
	int c_id = fc_csv_col(&t, COLS("rule_id", "rule id", "id", "rule", "seq", "rule_no", "policy_id", "policy id", "policyid"));
	int c_act = fc_csv_col(&t, COLS("action", "decision"));
	int c_sz = fc_csv_col(&t, COLS("src_zone", "from_zone", "source_zone", "source zone", "from zone", "srcintf", "from"));
	int c_src = fc_csv_col(&t, COLS("src", "source", "src_addr", "source_address", "source address", "srcaddr"));
	int c_dz = fc_csv_col(&t, COLS("dst_zone", "to_zone", "destination_zone", "destination zone", "to zone", "dstintf", "to"));
	int c_dst = fc_csv_col(&t, COLS("dst", "destination", "dst_addr", "destination_address", "destination address", "dstaddr"));
	int c_svc = fc_csv_col(&t, COLS("service", "services", "port", "ports", "application"));
	int c_en = fc_csv_col(&t, COLS("enabled", "status", "active", "enable"));
	int c_log = fc_csv_col(&t, COLS("log", "logging", "logtraffic", "log_traffic"));
	int c_cm = fc_csv_col(&t, COLS("comment", "comments", "description", "remark", "name"));
	int c_rev = fc_csv_col(&t, COLS("last_review", "last_reviewed", "last reviewed", "reviewed", "review_date", "review date"));
	const char *missing = c_act < 0 ? "action" : c_src < 0 ? "src" : c_dst < 0 ? "dst" : c_svc < 0 ? "service" : NULL;
	if (missing && t.hdr) {
		fc_diag_error(d, file, 1, 0,
			      "no '%s' column (the rule table needs action, src, dst and service; see spec/evidence-bundle.md)",
			      missing);
		first->errors++;
		return FC_EPARSE;
	}
	if (!t.hdr) {
		fc_diag_error(d, file, 1, 0, "%s", "empty rule table (no header)");
		first->errors++;
		return FC_EPARSE;
	}
	struct pieces pc = {{0}};
	FC_VEC(long) npos = {0};
	enum fc_status hard = FC_OK;
	for (size_t i = 0; i < t.nrows && !hard; i++) {
		const struct fc_csv_row *row = &t.rows[i];
		/* a fully empty row is a blank line */
		bool blank = true;
		for (size_t k = 0; k < t.ncol && blank; k++)
			blank = fc_csv_empty(row, (int)k);
		if (blank)
			continue;
		struct fc_fw_device *dev = first;
		const char *dn = fc_csv_get(row, c_dev);
		struct fc_span dns = fc_span_trim(fc_span_of(dn, strlen(dn)));
		if (dns.n) {
			char *nm = fc_arena_strndup(fw->arena, dns.p, dns.n);
			if (!nm) {
				hard = FC_ENOMEM;
				break;
			}
			dev = fc_fw_device_find(fw, nm);
			if (dev && (dev->format != FC_FW_CSV || strcmp(dev->file, file)))
				dev = NULL; /* same name from another file: keep apart */
			if (!dev) {
				if (first->rules.n == 0 && first->lists.n == 0 && !strcmp(first->name, device)) {
					first->name = nm; /* the file's first device takes its column's name */
					dev = first;
				} else {
					dev = fc_fw_device_add(fw, nm, FC_FW_CSV, file);
					if (!dev) {
						hard = FC_ENOMEM;
						break;
					}
				}
			}
		}
		size_t li = fc_fw_list_get(dev, fw, "rules");
		if (li == (size_t)-1) {
			hard = FC_ENOMEM;
			break;
		}
		struct fc_fw_list *L = &dev->lists.v[li];
		if (!L->ref.line) {
			L->ref.file = dev->file;
			L->ref.line = 1;
			L->ref.excerpt = "rule table (implicit deny after the last row)";
			L->applied = "device";
		}
		struct fc_fw_rule *r = fc_fw_rule_add(dev);
		if (!r) {
			hard = dev->rules.n >= FC_FW_MAX_RULES ? FC_ELIMIT : FC_ENOMEM;
			break;
		}
		long dev_idx = 0;
		for (size_t k = 0; k < fw->devices.n; k++)
			if (fw->devices.v[k] == dev)
				dev_idx = (long)k;
		while (npos.n <= (size_t)dev_idx)
			if (!fc_vec_push(&npos)) {
				hard = FC_ENOMEM;
				break;
			}
		if (hard)
			break;
		r->list = li;
		r->pos = ++npos.v[dev_idx];
		r->ref.file = dev->file;
		r->ref.line = row->line;
		r->ref.excerpt = row->raw ? fc_fw_excerpt(fw->arena, row->raw, strlen(row->raw)) : NULL;
		const char *id = fc_csv_get(row, c_id);
		r->id = *id ? id : NULL;
		const char *cm = fc_csv_get(row, c_cm);
		r->comment = *cm ? cm : NULL;
		bool rowbad = false;
		/* action */
		struct fc_span a = fc_span_trim(fc_span_of(fc_csv_get(row, c_act), strlen(fc_csv_get(row, c_act))));
		r->target = fc_arena_strndup(fw->arena, a.p, a.n);
		if (fc_span_ieq(a, "permit") || fc_span_ieq(a, "allow") || fc_span_ieq(a, "accept") ||
		    fc_span_ieq(a, "pass") || fc_span_ieq(a, "允許"))
			r->action = FC_FW_PERMIT;
		else if (fc_span_ieq(a, "deny") || fc_span_ieq(a, "drop") || fc_span_ieq(a, "reject") ||
			 fc_span_ieq(a, "block") || fc_span_ieq(a, "discard") || fc_span_ieq(a, "拒絕"))
			r->action = FC_FW_DENY;
		else {
			fc_diag_error(d, file, row->line, 0, "action '%.40s' (expected permit, allow, accept, deny, drop or reject)",
				      r->target ? r->target : "");
			rowbad = true;
			r->action = FC_FW_OTHER;
		}
		/* addresses */
		for (int side = 0; side < 2 && !hard; side++) {
			const char *v = fc_csv_get(row, side ? c_dst : c_src);
			struct fc_fw_aset_b b = {0};
			const char *names[FC_FW_MAX_NAMES];
			size_t nn = 0;
			pieces_of(v, &pc);
			if (!pc.v.n) {
				fc_diag_error(d, file, row->line, 0, "empty %s (write any for every address)", side ? "dst" : "src");
				rowbad = true;
			}
			for (size_t k = 0; k < pc.v.n; k++) {
				struct fc_span s = pc.v.v[k];
				struct fc_iprange rg;
				if (nn < FC_FW_MAX_NAMES)
					names[nn++] = fc_arena_strndup(fw->arena, s.p, s.n);
				if (is_any(s)) {
					fc_fw_aset_any(&b, 0);
				} else if (fc_iprange_parse(s.p, s.n, &rg)) {
					fc_fw_aset_add(&b, &rg);
				} else {
					fc_diag_error(d, file, row->line, 0,
						      "%s '%.*s' is not an address (expected CIDR, address, range a-b or any)",
						      side ? "dst" : "src", (int)(s.n > 60 ? 60 : s.n), s.p);
					rowbad = true;
				}
			}
			if (!fc_fw_aset_finish(&b, fw->arena, side ? &r->dst : &r->src) ||
			    !fc_fw_names_set(fw->arena, side ? &r->dst_names : &r->src_names, names, nn))
				hard = FC_ENOMEM;
			fc_fw_aset_release(&b);
		}
		/* services */
		{
			struct fc_fw_sset_b b = {0};
			const char *v = fc_csv_get(row, c_svc);
			const char *names[FC_FW_MAX_NAMES];
			size_t nn = 0;
			pieces_of(v, &pc);
			if (!pc.v.n) {
				fc_diag_error(d, file, row->line, 0, "%s", "empty service (write any for every service)");
				rowbad = true;
			}
			for (size_t k = 0; k < pc.v.n; k++) {
				if (nn < FC_FW_MAX_NAMES)
					names[nn++] = fc_arena_strndup(fw->arena, pc.v.v[k].p, pc.v.v[k].n);
				struct fc_span sv = pc.v.v[k];
				/* Palo Alto exports: application-default depends on the App-ID
				 * database; service-http/https are its predefined services */
				if (fc_span_ieq(sv, "application-default")) {
					r->unresolved = true;
					r->unresolved_why = "application-default service";
					continue;
				}
				if (fc_span_ieq(sv, "service-http")) {
					fc_fw_svc_parse("tcp/80,8080", 11, &b);
					continue;
				}
				if (fc_span_ieq(sv, "service-https")) {
					fc_fw_svc_parse("tcp/443", 7, &b);
					continue;
				}
				if (!fc_fw_svc_parse(sv.p, sv.n, &b)) {
					fc_diag_error(d, file, row->line, 0,
						      "service '%.*s' (expected tcp/443, udp/53, tcp/8000-8100, icmp, any or a service name)",
						      (int)(pc.v.v[k].n > 60 ? 60 : pc.v.v[k].n), pc.v.v[k].p);
					rowbad = true;
				}
			}
			if (!fc_fw_sset_finish(&b, fw->arena, &r->svc) ||
			    !fc_fw_names_set(fw->arena, &r->svc_names, names, nn))
				hard = FC_ENOMEM;
			fc_fw_sset_release(&b);
		}
		/* zones as match conditions */
		for (int side = 0; side < 2 && !hard; side++) {
			const char *v = fc_csv_get(row, side ? c_dz : c_sz);
			struct fc_fw_ifset *f = side ? &r->out : &r->in;
			pieces_of(v, &pc);
			bool any = !pc.v.n;
			for (size_t k = 0; k < pc.v.n; k++)
				any |= is_any(pc.v.v[k]);
			if (any)
				continue;
			f->v = fc_arena_alloc(fw->arena, pc.v.n * sizeof(*f->v));
			if (!f->v) {
				hard = FC_ENOMEM;
				break;
			}
			for (size_t k = 0; k < pc.v.n; k++)
				f->v[k] = fc_arena_strndup(fw->arena, pc.v.v[k].p, pc.v.v[k].n);
			f->n = pc.v.n;
		}
		int en = fc_parse_bool(fc_csv_get(row, c_en));
		if (en == -2) {
			const char *ev = fc_csv_get(row, c_en);
			if (fc_strieq(ev, "enable") || fc_strieq(ev, "active"))
				en = 1;
			else if (fc_strieq(ev, "disable") || fc_strieq(ev, "inactive"))
				en = 0;
			else {
				fc_diag_error(d, file, row->line, 0, "enabled '%.40s' (expected yes/no)", ev);
				rowbad = true;
			}
		}
		r->enabled = en != 0;
		int lg = fc_parse_bool(fc_csv_get(row, c_log));
		if (lg == -2) {
			const char *lv = fc_csv_get(row, c_log);
			if (fc_strieq(lv, "all") || fc_strieq(lv, "utm") || fc_strieq(lv, "session"))
				lg = 1;
			else if (fc_strieq(lv, "none") || fc_strieq(lv, "disable"))
				lg = 0;
			else {
				fc_diag_error(d, file, row->line, 0, "log '%.40s' (expected yes/no)", lv);
				rowbad = true;
				lg = FC_UNKNOWN;
			}
		}
		r->log = lg;
		const char *rv = fc_csv_get(row, c_rev);
		if (c_rev >= 0) {
			int32_t day;
			struct fc_span rs = fc_span_trim(fc_span_of(rv, strlen(rv)));
			if (!rs.n) {
				if (!dev->unreviewed++)
					dev->unreviewed_ref = r->ref;
			} else if (fc_date_parse(rv, &day)) {
				if (dev->last_review == FC_NO_DATE || day > dev->last_review) {
					dev->last_review = day;
					dev->last_review_ref = r->ref;
				}
				if (dev->oldest_review == FC_NO_DATE || day < dev->oldest_review)
					dev->oldest_review = day;
			} else {
				fc_diag_error(d, file, row->line, 0, "last_review '%.40s' is not a date (YYYY-MM-DD)", rv);
				rowbad = true;
			}
		}
		fc_fw_rule_check_limits(r, d);
		if (rowbad) {
			bad = true;
			dev->errors++;
			/* a row we could not read is shown but never judged */
			r->unresolved = true;
			r->unresolved_why = "malformed row";
		}
	}
	fc_vec_release(&pc.v);
	fc_vec_release(&npos);
	if (hard)
		return hard;
	return bad ? FC_EPARSE : FC_OK;
}
