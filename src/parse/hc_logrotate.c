/*
 * logrotate.conf(5) and logrotate.d/ files: global directives, then blocks
 * "path [path…] { directives }" (paths may span lines before the '{'),
 * postrotate…endscript scripts skipped.  What matters here is how long a log
 * stays on the host: (rotate + 1) × period, capped by maxage — compared by
 * the checks with the audit-log retention (seed 001: 重要系統之稽核紀錄…
 * 留存三年).
 */
#include <fnmatch.h>
#include <string.h>
#include "../core/limits.h"
#include "hostcfg.h"

/* A rotate count past any real configuration (the fuzzer's
 * "rotate 99999999999999999999") keeps logs as long as "rotate -1" does:
 * for ever, short of maxage.  Days are then FC_ROT_FOREVER, which no
 * arithmetic touches (the retention check only compares). */
#define FC_ROT_MAX_COUNT 1000000
#define FC_ROT_FOREVER ((int64_t)1 << 40)

#define LR_MAX_BLOCKS FC_MAX_LOGROTATE_BLOCKS
#define LR_MAX_PATHS FC_MAX_LOGROTATE_PATHS

static void settings_init(struct fc_rot_settings *s)
{
	s->period = FC_ROT_UNSET;
	s->rotate = FC_HC_UNSET;
	s->maxage = FC_HC_UNSET;
	s->ref.file = NULL;
}

static struct fc_rot_block *new_block(struct fc_logrotate *o, struct fc_arena *a)
{
	if (o->n >= LR_MAX_BLOCKS)
		return NULL;
	if (o->n == o->cap) {
		size_t nc = o->cap ? o->cap * 2 : 16;
		struct fc_rot_block *nb = fc_arena_alloc(a, nc * sizeof(*nb));
		if (!nb)
			return NULL;
		if (o->n)
			memcpy(nb, o->blocks, o->n * sizeof(*nb));
		o->blocks = nb;
		o->cap = nc;
	}
	struct fc_rot_block *b = &o->blocks[o->n++];
	memset(b, 0, sizeof(*b));
	settings_init(&b->s);
	return b;
}

/* A directive into s; returns false if the word is not one we track. */
static bool directive(struct fc_rot_settings *s, struct fc_span kw, struct fc_span rest, bool *bad)
{
	*bad = false;
	static const struct {
		const char *w;
		enum fc_rot_period p;
	} periods[] = {{"hourly", FC_ROT_HOURLY}, {"daily", FC_ROT_DAILY}, {"weekly", FC_ROT_WEEKLY},
		       {"monthly", FC_ROT_MONTHLY}, {"yearly", FC_ROT_YEARLY}};
	for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++)
		if (fc_span_eq(kw, periods[i].w)) {
			s->period = periods[i].p;
			return true;
		}
	if (fc_span_eq(kw, "rotate") || fc_span_eq(kw, "maxage")) {
		struct fc_span w;
		int64_t v;
		if (!fc_hc_word(&rest, &w) || !fc_hc_int(w, &v)) {
			*bad = true;
			return true;
		}
		if (fc_span_eq(kw, "rotate"))
			s->rotate = v < 0 ? -1 : v; /* -1: old logs are never removed (logrotate(8)) */
		else
			s->maxage = v;
		return true;
	}
	return false;
}

void fc_logrotate_init(struct fc_logrotate *o)
{
	memset(o, 0, sizeof(*o));
	settings_init(&o->global);
}

enum fc_status fc_logrotate_parse(const char *text, size_t n, const char *name, bool is_main,
				  struct fc_arena *a, struct fc_logrotate *o, struct fc_diag *d)
{
	if (fc_hc_refuse_binary(text, n, name, d))
		return FC_EPARSE;
	enum fc_status st = FC_OK;
	struct fc_rot_block *cur = NULL;
	bool in_script = false;
	const char *pending[LR_MAX_PATHS > 64 ? 64 : LR_MAX_PATHS];
	size_t npending = 0;
	long pending_line = 0;
	struct fc_span pending_text = {0};
	struct fc_hc_lines L;
	struct fc_span line;
	fc_hc_lines_init(&L, text, n);
	while (fc_hc_lines_next(&L, &line)) {
		struct fc_span s = fc_hc_strip_comment(line);
		if (!s.n)
			continue;
		if (in_script) {
			struct fc_span w, t = s;
			if (fc_hc_word(&t, &w) && fc_span_eq(w, "endscript"))
				in_script = false;
			continue;
		}
		if (cur) {
			if (s.p[0] == '}') {
				cur = NULL;
				continue;
			}
			struct fc_span kw, rest = s;
			if (!fc_hc_word(&rest, &kw))
				continue; /* only exotic whitespace (\v, \f) */
			if (fc_span_eq(kw, "postrotate") || fc_span_eq(kw, "prerotate") ||
			    fc_span_eq(kw, "firstaction") || fc_span_eq(kw, "lastaction") ||
			    fc_span_eq(kw, "preremove")) {
				in_script = true;
				continue;
			}
			bool bad;
			if (directive(&cur->s, kw, rest, &bad) && bad) {
				fc_diag_error(d, name, L.lineno, 1, "'%.*s' expects a number", (int)kw.n, kw.p);
				st = FC_EPARSE;
			}
			continue;
		}
		/* outside a block: paths (start with / " ' ~ or contain a glob) or
		 * a global directive */
		char c0 = s.p[0];
		bool has_brace = s.p[s.n - 1] == '{';
		if (c0 == '/' || c0 == '"' || c0 == '\'' || c0 == '~' || c0 == '{' || has_brace ||
		    memchr(s.p, '*', s.n)) {
			if (!npending) {
				pending_line = L.lineno;
				pending_text = line;
			}
			struct fc_span t = s, w;
			if (has_brace)
				t.n--;
			while (fc_hc_word(&t, &w)) {
				if (w.n >= 2 && (w.p[0] == '"' || w.p[0] == '\'') && w.p[w.n - 1] == w.p[0]) {
					w.p++;
					w.n -= 2;
				}
				if (npending < sizeof pending / sizeof pending[0]) {
					pending[npending] = fc_arena_strndup(a, w.p, w.n);
					if (!pending[npending])
						return FC_ENOMEM;
					npending++;
				}
			}
			if (has_brace) {
				cur = new_block(o, a);
				if (!cur) {
					fc_diag_error(d, name, L.lineno, 1, "too many logrotate blocks");
					return FC_ELIMIT;
				}
				cur->paths = fc_arena_alloc(a, (npending ? npending : 1) * sizeof(char *));
				if (!cur->paths)
					return FC_ENOMEM;
				memcpy(cur->paths, pending, npending * sizeof(char *));
				cur->npaths = npending;
				cur->s.ref = fc_hc_ref(a, name, pending_line ? pending_line : L.lineno,
						       npending ? pending_text : line);
				if (!npending) {
					fc_diag_error(d, name, L.lineno, 1, "block without a log path");
					st = FC_EPARSE;
				}
				npending = 0;
			}
			continue;
		}
		if (s.p[0] == '}') {
			fc_diag_error(d, name, L.lineno, 1, "'}' without an open block");
			st = FC_EPARSE;
			continue;
		}
		struct fc_span kw, rest = s;
		if (!fc_hc_word(&rest, &kw))
			continue;
		if (npending) {
			fc_diag_error(d, name, pending_line, 1, "log path not followed by a '{' block");
			st = FC_EPARSE;
			npending = 0;
		}
		if (!is_main)
			continue; /* directives outside blocks in a drop-in change later files only */
		bool bad;
		if (directive(&o->global, kw, rest, &bad)) {
			if (bad) {
				fc_diag_error(d, name, L.lineno, 1, "'%.*s' expects a number", (int)kw.n, kw.p);
				st = FC_EPARSE;
			} else if (!o->global.ref.file) {
				o->global.ref = fc_hc_ref(a, name, L.lineno, line);
			}
		}
	}
	if (cur || in_script) {
		fc_diag_error(d, name, L.lineno, 0, "end of file inside a block (missing '}')");
		st = FC_EPARSE;
	}
	return st;
}

static int64_t period_days(enum fc_rot_period p)
{
	switch (p) {
	case FC_ROT_HOURLY:
		return 1; /* rounded up to whole days */
	case FC_ROT_DAILY:
		return 1;
	case FC_ROT_WEEKLY:
		return 7;
	case FC_ROT_MONTHLY:
		return 31;
	case FC_ROT_YEARLY:
		return 366;
	default:
		return -1;
	}
}

int64_t fc_logrotate_days(const struct fc_logrotate *lr, const char *path, struct fc_ref *ref)
{
	for (size_t i = 0; i < lr->n; i++) {
		const struct fc_rot_block *b = &lr->blocks[i];
		for (size_t j = 0; j < b->npaths; j++) {
			if (fnmatch(b->paths[j], path, 0) != 0)
				continue;
			enum fc_rot_period p = b->s.period != FC_ROT_UNSET ? b->s.period : lr->global.period;
			int64_t rot = b->s.rotate != FC_HC_UNSET ? b->s.rotate
				      : lr->global.rotate != FC_HC_UNSET ? lr->global.rotate : 0;
			int64_t maxage = b->s.maxage != FC_HC_UNSET ? b->s.maxage : lr->global.maxage;
			if (ref)
				*ref = b->s.ref;
			int64_t pd = period_days(p);
			if (pd < 0 && p == FC_ROT_UNSET)
				pd = 7; /* no interval stated: assume the usual weekly (upper bound avoids false findings) */
			int64_t days;
			if (rot < 0 || rot > FC_ROT_MAX_COUNT) /* never removed, or as good as */
				days = FC_ROT_FOREVER;
			else if (p == FC_ROT_HOURLY)
				days = (rot + 1 + 23) / 24;
			else
				days = pd * (rot + 1);
			if (maxage != FC_HC_UNSET && maxage >= 0 && maxage < days)
				days = maxage;
			return days;
		}
	}
	return -1;
}
