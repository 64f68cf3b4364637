/*
 * Application login events (issue 6; spec evidence-bundle.md logs/login/):
 * CSV with a header row, or JSON Lines, with the fields
 *   time, account, source_ip, result (success|failure),
 *   reason (bad_password|no_such_account|locked|mfa_failed), channel.
 * Columns and keys are matched by name, case-insensitively, through the
 * aliases real exports use (an e-trading platform's "login_time", "user_id",
 * "client_ip", …).  Streamed record by record: an e-trading platform logs
 * millions of logins a day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../core/buf.h"
#include "../core/jflat.h"
#include "../core/date.h"
#include "../core/limits.h"
#include "../core/mem.h"
#include "../core/strutil.h"
#include "logs.h"

enum { COL_TIME, COL_ACCOUNT, COL_IP, COL_RESULT, COL_REASON, COL_CHANNEL, NCOL };

static const char *const aliases[NCOL][14] = {
	{"time", "timestamp", "datetime", "date_time", "login_time", "event_time", "logged_at", "@timestamp",
	 "time_local", "時間", "登入時間", NULL},
	{"account", "user", "username", "user_name", "userid", "user_id", "login_id", "customer_id", "account_id",
	 "login", "帳號", "客戶帳號", NULL},
	{"source_ip", "ip", "src_ip", "client_ip", "remote_ip", "ip_address", "remote_addr", "sourceip",
	 "來源ip", NULL},
	{"result", "status", "outcome", "login_result", "結果", NULL},
	{"reason", "failure_reason", "fail_reason", "error", "error_code", "原因", NULL},
	{"channel", "app", "application", "platform", "client", "通路", NULL},
};
static const char *const col_names[NCOL] = {"time", "account", "source_ip", "result", "reason", "channel"};

/* CSV records longer than this are refused (a lost quote would otherwise
 * swallow the rest of the file). */
#define MAX_RECORD FC_LOG_MAX_RECORD
#define MAX_FIELDS FC_LOG_MAX_FIELDS

struct fc_login_reader {
	enum fc_login_format fmt;
	char *name;
	struct fc_diag *d;
	fc_log_emit_fn emit;
	void *ud;
	bool have_header, fatal;
	int col[NCOL];
	size_t ncols;
	/* a CSV record spanning lines (quoted newline) */
	struct fc_buf rec;
	long rec_line;
	uint64_t rec_off;
	bool in_rec;
	/* unescaped fields of the current record */
	struct fc_buf fbuf;
	size_t fstart[MAX_FIELDS], flen[MAX_FIELDS];
	size_t nf;
	uint64_t bad, records, diags;
	/* JSON Lines: the scanner's scratch, and the kept values of a line */
	struct fc_jflat jf;
	struct fc_buf jbuf;
};

static int pick_col(const char *name, size_t n)
{
	struct fc_span s = fc_span_trim(fc_span_of(name, n));
	for (int c = 0; c < NCOL; c++)
		for (int i = 0; aliases[c][i]; i++)
			if (fc_span_ieq(s, aliases[c][i]))
				return c;
	return -1;
}

struct fc_login_reader *fc_login_reader_new(enum fc_login_format fmt, const char *name, struct fc_diag *d,
					    fc_log_emit_fn emit, void *ud)
{
	struct fc_login_reader *r = fc_calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->name = fc_strdup(name ? name : "");
	if (!r->name) {
		fc_free(r);
		return NULL;
	}
	r->fmt = fmt;
	r->d = d;
	r->emit = emit;
	r->ud = ud;
	for (int c = 0; c < NCOL; c++)
		r->col[c] = -1;
	fc_buf_init(&r->rec, MAX_RECORD + 2);
	fc_buf_init(&r->fbuf, MAX_RECORD + 2);
	return r;
}

void fc_login_reader_free(struct fc_login_reader *r)
{
	if (!r)
		return;
	fc_buf_release(&r->rec);
	fc_buf_release(&r->fbuf);
	fc_jflat_release(&r->jf);
	fc_buf_release(&r->jbuf);
	fc_free(r->name);
	fc_free(r);
}

uint64_t fc_login_reader_bad(const struct fc_login_reader *r)
{
	return r->bad;
}

uint64_t fc_login_reader_records(const struct fc_login_reader *r)
{
	return r->records;
}

static void bad_record(struct fc_login_reader *r, long line, long col, const char *what)
{
	r->bad++;
	if (r->diags++ < FC_LOG_MAX_FILE_DIAGS)
		fc_diag_error(r->d, r->name, line, col, "%s", what);
	else if (r->diags == FC_LOG_MAX_FILE_DIAGS + 1)
		fc_diag_error(r->d, r->name, line, 0, "more unreadable login records follow (counted, not listed)");
}

int fc_login_result(const char *s, size_t n)
{
	struct fc_span v = fc_span_trim(fc_span_of(s, n));
	static const char *const ok[] = {"success", "succeeded", "successful", "ok", "pass", "passed", "true", "1",
					 "allow", "allowed", "accept", "accepted", "成功", "y", "yes", NULL};
	static const char *const ko[] = {"failure", "failed", "fail", "error", "denied", "deny", "false", "0",
					 "reject", "rejected", "locked", "blocked", "失敗", "n", "no", NULL};
	for (int i = 0; ok[i]; i++)
		if (fc_span_ieq(v, ok[i]))
			return 1;
	for (int i = 0; ko[i]; i++)
		if (fc_span_ieq(v, ko[i]))
			return 0;
	return -1;
}

enum fc_login_reason fc_login_reason(const char *s, size_t n)
{
	struct fc_span v = fc_span_trim(fc_span_of(s, n));
	if (!v.n)
		return FC_LR_NONE;
	static const struct {
		const char *w;
		enum fc_login_reason r;
	} words[] = {
		{"bad_password", FC_LR_BAD_PASSWORD}, {"wrong_password", FC_LR_BAD_PASSWORD},
		{"invalid_password", FC_LR_BAD_PASSWORD}, {"password_mismatch", FC_LR_BAD_PASSWORD},
		{"bad_credentials", FC_LR_BAD_PASSWORD}, {"invalid_credentials", FC_LR_BAD_PASSWORD},
		{"密碼錯誤", FC_LR_BAD_PASSWORD},
		{"no_such_account", FC_LR_NO_SUCH_ACCOUNT}, {"no_such_user", FC_LR_NO_SUCH_ACCOUNT},
		{"unknown_user", FC_LR_NO_SUCH_ACCOUNT}, {"unknown_account", FC_LR_NO_SUCH_ACCOUNT},
		{"user_not_found", FC_LR_NO_SUCH_ACCOUNT}, {"account_not_found", FC_LR_NO_SUCH_ACCOUNT},
		{"invalid_user", FC_LR_NO_SUCH_ACCOUNT}, {"帳號不存在", FC_LR_NO_SUCH_ACCOUNT},
		{"locked", FC_LR_LOCKED}, {"account_locked", FC_LR_LOCKED}, {"locked_out", FC_LR_LOCKED},
		{"lockout", FC_LR_LOCKED}, {"帳號鎖定", FC_LR_LOCKED},
		{"mfa_failed", FC_LR_MFA_FAILED}, {"otp_failed", FC_LR_MFA_FAILED}, {"2fa_failed", FC_LR_MFA_FAILED},
		{"mfa", FC_LR_MFA_FAILED}, {"otp", FC_LR_MFA_FAILED},
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (fc_span_ieq(v, words[i].w))
			return words[i].r;
	return FC_LR_OTHER;
}

/* Build the event from the six fields (spans) and hand it on. */
static void deliver(struct fc_login_reader *r, long line, uint64_t off, const struct fc_span f[NCOL],
		    const char *text, size_t tn)
{
	char tb[64];
	struct fc_span t = fc_span_trim(f[COL_TIME]);
	struct fc_span a = fc_span_trim(f[COL_ACCOUNT]);
	struct fc_log_event ev = {.line = line, .off = off, .count = 1, .text = text, .text_len = tn};
	if (!t.n || t.n >= sizeof tb) {
		bad_record(r, line, 0, t.n ? "time is too long to be a timestamp" : "time is empty");
		return;
	}
	memcpy(tb, t.p, t.n);
	tb[t.n] = '\0';
	bool never = false;
	int64_t epoch;
	if (fc_parse_i64(tb, &epoch) && epoch > 100000000) {
		/* Unix seconds, milliseconds or microseconds, as platforms
		 * export; a number that is none of them (past 2100) is refused,
		 * not turned into a date millions of years away */
		int64_t secs = epoch > 100000000000000LL ? epoch / 1000000
			       : epoch > 100000000000LL	  ? epoch / 1000
							  : epoch;
		if (secs > 4102444800LL) {
			char msg[160];
			snprintf(msg, sizeof msg, "time '%.60s' is out of range for Unix seconds, milliseconds or microseconds",
				 tb);
			bad_record(r, line, 0, msg);
			return;
		}
		ev.ts = secs;
	} else if (!fc_ts_parse(tb, &ev.ts, &never) || never) {
		char msg[200];
		snprintf(msg, sizeof msg, "time '%.60s' is not a timestamp (expected ISO 8601, e.g. 2026-10-14T09:30:00+08:00)",
			 tb);
		bad_record(r, line, 0, msg);
		return;
	}
	if (!a.n) {
		bad_record(r, line, 0, "account is empty");
		return;
	}
	int res = fc_login_result(f[COL_RESULT].p, f[COL_RESULT].n);
	if (res < 0) {
		char msg[120];
		struct fc_span rs = fc_span_trim(f[COL_RESULT]);
		snprintf(msg, sizeof msg, "result '%.*s' is neither success nor failure", (int)(rs.n > 40 ? 40 : rs.n),
			 rs.p ? rs.p : "");
		bad_record(r, line, 0, msg);
		return;
	}
	enum fc_login_reason why = fc_login_reason(f[COL_REASON].p, f[COL_REASON].n);
	struct fc_span lr = fc_span_trim(f[COL_RESULT]);
	if (res == 0 && (fc_span_ieq(lr, "locked") || fc_span_ieq(lr, "blocked")))
		why = FC_LR_LOCKED;
	ev.kind = res ? FC_LK_SUCCESS : why == FC_LR_LOCKED ? FC_LK_LOCKED : FC_LK_FAILURE;
	if (!res && why == FC_LR_NO_SUCH_ACCOUNT)
		ev.flags |= FC_LF_NONEXISTENT;
	struct fc_span ip = fc_span_trim(f[COL_IP]);
	if (ip.n && fc_ip_parse(ip.p, ip.n, &ev.ip)) {
		ev.flags |= FC_LF_HAS_IP;
	} else if (ip.n) {
		ev.addr = ip.p;
		ev.addr_len = ip.n;
	}
	ev.account = a.p;
	ev.account_len = a.n;
	struct fc_span ch = fc_span_trim(f[COL_CHANNEL]);
	ev.source = ch.n ? ch.p : NULL;
	ev.source_len = ch.n;
	r->records++;
	r->emit(r->ud, &ev);
}

/* ---- CSV ---- */

/* Split one complete record into r->fbuf; false on a stray quote. */
static bool split(struct fc_login_reader *r, const char *p, size_t n, long *badcol)
{
	fc_buf_reset(&r->fbuf);
	r->nf = 0;
	size_t i = 0;
	for (;;) {
		if (r->nf == MAX_FIELDS)
			return true; /* ignore the excess columns */
		r->fstart[r->nf] = r->fbuf.len;
		if (i < n && p[i] == '"') {
			i++;
			for (;;) {
				if (i >= n) {
					*badcol = (long)i;
					return false;
				}
				if (p[i] == '"') {
					if (i + 1 < n && p[i + 1] == '"') {
						fc_buf_addc(&r->fbuf, '"');
						i += 2;
						continue;
					}
					i++;
					break;
				}
				fc_buf_addc(&r->fbuf, p[i++]);
			}
			if (i < n && p[i] != ',') {
				*badcol = (long)i + 1;
				return false;
			}
		} else {
			size_t s = i;
			while (i < n && p[i] != ',')
				i++;
			fc_buf_add(&r->fbuf, p + s, i - s);
		}
		r->flen[r->nf] = r->fbuf.len - r->fstart[r->nf];
		r->nf++;
		if (i >= n)
			break;
		i++; /* the comma */
	}
	return fc_buf_err(&r->fbuf) == FC_OK;
}

/* Is the record complete (quotes balanced)? */
static bool balanced(const char *p, size_t n)
{
	bool in = false;
	for (size_t i = 0; i < n; i++)
		if (p[i] == '"')
			in = !in;
	return !in;
}

/* The split fields' bytes: fbuf holds nothing (a NULL pointer) while
 * every field so far was empty. */
static const char *fields(const struct fc_login_reader *r)
{
	return r->fbuf.p ? r->fbuf.p : "";
}

static struct fc_span field(const struct fc_login_reader *r, int c)
{
	int k = r->col[c];
	if (k < 0 || (size_t)k >= r->nf)
		return fc_span_of("", 0);
	return fc_span_of(fields(r) + r->fstart[k], r->flen[k]);
}

static bool csv_record(struct fc_login_reader *r, const char *p, size_t n, long line, uint64_t off)
{
	long badcol = 0;
	if (!split(r, p, n, &badcol)) {
		bad_record(r, line, badcol, "malformed CSV quoting");
		return true;
	}
	if (!r->have_header) {
		for (size_t k = 0; k < r->nf; k++) {
			int c = pick_col(fields(r) + r->fstart[k], r->flen[k]);
			if (c >= 0 && r->col[c] < 0)
				r->col[c] = (int)k;
		}
		r->have_header = true;
		r->ncols = r->nf;
		const char *missing[3];
		int nm = 0;
		static const int req[] = {COL_TIME, COL_ACCOUNT, COL_RESULT};
		for (int i = 0; i < 3; i++)
			if (r->col[req[i]] < 0)
				missing[nm++] = col_names[req[i]];
		if (nm) {
			fc_diag_error(r->d, r->name, line, 0,
				      "login events need the columns time, account and result (missing: %s%s%s%s%s)",
				      missing[0], nm > 1 ? ", " : "", nm > 1 ? missing[1] : "", nm > 2 ? ", " : "",
				      nm > 2 ? missing[2] : "");
			r->fatal = true;
			return false;
		}
		return true;
	}
	if (r->nf == 1 && r->flen[0] == 0)
		return true; /* blank line */
	if (r->nf < r->ncols && (size_t)r->col[COL_RESULT] >= r->nf) {
		bad_record(r, line, 0, "record has fewer fields than the header");
		return true;
	}
	struct fc_span f[NCOL];
	for (int c = 0; c < NCOL; c++)
		f[c] = field(r, c);
	deliver(r, line, off, f, p, n);
	return true;
}

/* ---- JSON Lines ---- */

/* The columns found in one JSON line.  Values are copied into jbuf (the
 * scanner reuses its scratch for the next member): offsets, resolved once
 * the line is read. */
struct jline {
	struct fc_login_reader *r;
	bool seen[NCOL];
	size_t koff[NCOL], klen[NCOL]; /* the key that set the column */
	size_t voff[NCOL], vlen[NCOL];
};

static void jmember(void *ud, const struct fc_jmember *m)
{
	struct jline *x = ud;
	struct fc_buf *b = &x->r->jbuf;
	int c = pick_col(m->key, m->klen);
	if (c < 0)
		return;
	if (x->seen[c]) {
		/* the first key naming a column wins; the same key again
		 * replaces its value, as a JSON object's keys are unique */
		if (m->klen != x->klen[c] || memcmp(fc_buf_str(b) + x->koff[c], m->key, m->klen))
			return;
	} else {
		x->seen[c] = true;
		x->koff[c] = b->len;
		x->klen[c] = m->klen;
		fc_buf_add(b, m->key, m->klen);
	}
	char num[48];
	const char *v = "";
	size_t vn = 0;
	switch (m->kind) {
	case FC_J_STRING:
		v = m->val, vn = m->vlen;
		break;
	case FC_J_INT:
	case FC_J_REAL: {
		char t[64];
		size_t n = m->vlen < sizeof t ? m->vlen : sizeof t - 1;
		memcpy(t, m->val, n);
		t[n] = '\0';
		if (m->kind == FC_J_INT)
			snprintf(num, sizeof num, "%lld", strtoll(t, NULL, 10));
		else if (m->vlen < sizeof t)
			snprintf(num, sizeof num, "%.0f", strtod(t, NULL));
		else { /* a real longer than 63 bytes: its own copy */
			char *big = fc_malloc(m->vlen + 1);
			if (!big) {
				x->r->jbuf.err = FC_ENOMEM;
				return;
			}
			memcpy(big, m->val, m->vlen);
			big[m->vlen] = '\0';
			snprintf(num, sizeof num, "%.0f", strtod(big, NULL));
			fc_free(big);
		}
		v = num, vn = strlen(num);
		break;
	}
	case FC_J_TRUE:
		v = "true", vn = 4;
		break;
	case FC_J_FALSE:
		v = "false", vn = 5;
		break;
	default: /* null, objects and arrays name nothing */
		break;
	}
	x->voff[c] = b->len;
	x->vlen[c] = vn;
	fc_buf_add(b, v, vn);
}

static void jsonl_record(struct fc_login_reader *r, const char *p, size_t n, long line, uint64_t off)
{
	struct fc_span t = fc_span_trim(fc_span_of(p, n));
	if (!t.n)
		return;
	fc_buf_reset(&r->jbuf);
	struct jline x = {.r = r};
	const char *err = NULL;
	size_t col = 0;
	int k = fc_jflat_object(&r->jf, t.p, t.n, jmember, &x, &err, &col);
	if (k < 0) {
		char msg[200];
		snprintf(msg, sizeof msg, "not a JSON object: %s", err);
		bad_record(r, line, (long)col, msg);
		return;
	}
	if (k == 0) {
		bad_record(r, line, 1, "expected one JSON object per line");
		return;
	}
	if (fc_buf_err(&r->jbuf)) {
		bad_record(r, line, 0, "out of memory");
		r->fatal = true;
		return;
	}
	if (!x.seen[COL_TIME] || !x.seen[COL_ACCOUNT] || !x.seen[COL_RESULT]) {
		bad_record(r, line, 0, "login event needs time, account and result");
		return;
	}
	struct fc_span f[NCOL];
	const char *base = fc_buf_str(&r->jbuf);
	for (int c = 0; c < NCOL; c++)
		f[c] = x.seen[c] ? fc_span_of(base + x.voff[c], x.vlen[c]) : fc_span_of("", 0);
	deliver(r, line, off, f, p, n);
}

bool fc_login_reader_line(struct fc_login_reader *r, const char *line, size_t n, long lineno, uint64_t off)
{
	if (r->fatal)
		return false;
	if (r->fmt == FC_LOGIN_JSONL) {
		jsonl_record(r, line, n, lineno, off);
		return true;
	}
	if (!r->in_rec) {
		if (balanced(line, n))
			return csv_record(r, line, n, lineno, off);
		fc_buf_reset(&r->rec);
		fc_buf_add(&r->rec, line, n);
		r->rec_line = lineno;
		r->rec_off = off;
		r->in_rec = true;
		return true;
	}
	fc_buf_addc(&r->rec, '\n');
	fc_buf_add(&r->rec, line, n);
	if (fc_buf_err(&r->rec)) {
		bad_record(r, r->rec_line, 0, "quoted field runs past 1 MiB (a lost quote?)");
		r->in_rec = false;
		fc_buf_reset(&r->rec);
		return true;
	}
	if (balanced(r->rec.p, r->rec.len)) {
		r->in_rec = false;
		return csv_record(r, r->rec.p, r->rec.len, r->rec_line, r->rec_off);
	}
	return true;
}

bool fc_login_reader_finish(struct fc_login_reader *r, long lineno)
{
	if (r->in_rec) {
		bad_record(r, r->rec_line, 0, "file ends inside a quoted field");
		r->in_rec = false;
		return true;
	}
	if (r->fmt == FC_LOGIN_CSV && !r->have_header && !r->fatal) {
		fc_diag_error(r->d, r->name, lineno ? lineno : 1, 0, "empty login-event file: no header row");
		r->fatal = true;
		return true;
	}
	return r->fatal;
}
