/*
 * The diagnostics sink.  The engine never prints: parsers and checks report
 * here with file/line/column, and the CLI (or web server) decides how to show
 * them.  Messages are copied; the sink owns them.
 */
#ifndef FC_DIAG_H
#define FC_DIAG_H
#include <stddef.h>

enum fc_diag_level { FC_DIAG_ERROR, FC_DIAG_WARNING, FC_DIAG_NOTE };

struct fc_diag_msg {
	enum fc_diag_level level;
	char *file;	/* bundle-relative path when known */
	long line;	/* 0 = unknown */
	long col;	/* 0 = unknown */
	char *msg;
};

struct fc_diag {
	struct fc_diag_msg *v;
	size_t n, cap;
	size_t dropped;		/* beyond FC_MAX_DIAGS */
	size_t errors;		/* count of FC_DIAG_ERROR, including dropped */
	/* optional live callback (e.g. the CLI echoes to stderr) */
	void (*cb)(const struct fc_diag_msg *m, void *ud);
	void *ud;
};

void fc_diag_init(struct fc_diag *d);
void fc_diag_release(struct fc_diag *d);
void fc_diag_add(struct fc_diag *d, enum fc_diag_level lv, const char *file,
		 long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
#define fc_diag_error(d, f, l, c, ...) fc_diag_add(d, FC_DIAG_ERROR, f, l, c, __VA_ARGS__)
#define fc_diag_warn(d, f, l, c, ...) fc_diag_add(d, FC_DIAG_WARNING, f, l, c, __VA_ARGS__)
/* How many errors name this file (used to mark affected checks as error). */
size_t fc_diag_errors_for(const struct fc_diag *d, const char *file_prefix);
/* "file:line:col: error: msg" */
void fc_diag_format(const struct fc_diag_msg *m, char *out, size_t outlen);

#endif
