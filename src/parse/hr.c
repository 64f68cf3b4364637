/*
 * hr/employees.csv — the HR roster (spec/evidence-bundle.md): employee_id,
 * name, status (active, terminated, on_leave; also the Chinese 在職/離職/
 * 留職停薪), termination_date, department.  Leavers are joined with the
 * account exports by the checks (CC-15000: on leaving, disable the ID).
 */
#include <string.h>
#include "../core/strutil.h"
#include "../engine/loader.h"
#include "table.h"

#define COLS(...) ((const char *const[]){__VA_ARGS__, NULL})

static bool claims(const char *rel)
{
	return fc_path_under(rel, "hr/") && fc_path_ext(rel, ".csv");
}

/* Normalized status: "active", "terminated", "on_leave"; NULL if unknown. */
static const char *norm_status(const char *s)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{"active", "active"}, {"employed", "active"}, {"current", "active"}, {"在職", "active"},
		{"terminated", "terminated"}, {"termination", "terminated"}, {"left", "terminated"},
		{"leaver", "terminated"}, {"resigned", "terminated"}, {"retired", "terminated"},
		{"inactive", "terminated"}, {"離職", "terminated"}, {"退休", "terminated"},
		{"on_leave", "on_leave"}, {"on leave", "on_leave"}, {"leave", "on_leave"},
		{"suspended", "on_leave"}, {"留職停薪", "on_leave"}, {"留停", "on_leave"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (fc_strieq(s, t[i].in))
			return t[i].out;
	return NULL;
}

static enum fc_status load(struct fc_bundle *b, const char *path, const char *rel)
{
	struct fc_table t;
	enum fc_status st = fc_table_open(&t, b, path, rel, FC_EV_HR);
	if (st)
		return st == FC_ENOMEM ? st : FC_OK;
	int c_id = fc_table_need(&t, COLS("employee_id", "EmployeeID", "emp_id", "id", "員工編號"));
	int c_name = fc_table_col(&t, COLS("name", "full_name", "姓名"));
	int c_st = fc_table_need(&t, COLS("status", "employment_status", "狀態"));
	int c_td = fc_table_col(&t, COLS("termination_date", "terminated", "leave_date", "end_date", "離職日"));
	int c_dep = fc_table_col(&t, COLS("department", "dept", "部門"));
	for (size_t i = 0; i < t.csv.nrows && c_id >= 0; i++) {
		const struct fc_csv_row *r = &t.csv.rows[i];
		struct fc_employee e;
		memset(&e, 0, sizeof e);
		e.employee_id = fc_table_str(&t, r, c_id);
		if (!e.employee_id) {
			fc_table_error(&t, r, c_id, "empty employee id");
			continue;
		}
		const char *raw = fc_table_str(&t, r, c_st);
		e.status = raw ? norm_status(raw) : NULL;
		if (raw && !e.status)
			fc_table_error(&t, r, c_st, "unknown status '%.40s' (active, terminated, on_leave)", raw);
		e.name = fc_table_str(&t, r, c_name);
		e.department = fc_table_str(&t, r, c_dep);
		e.termination_date = fc_table_date(&t, r, c_td);
		/* a termination date in the roster is a leaver even if the status
		 * column was not updated */
		if (!e.status && e.termination_date != FC_NO_DATE)
			e.status = "terminated";
		e.ref = fc_table_ref(&t, r);
		struct fc_employee *slot = fc_vec_push(&b->employees);
		if (!slot) {
			fc_table_done(&t);
			return FC_ENOMEM;
		}
		*slot = e;
	}
	fc_table_done(&t);
	return FC_OK;
}

const struct fc_loader fc_loader_hr = {"hr", FC_EV_HR, 50, claims, load, NULL, NULL};
