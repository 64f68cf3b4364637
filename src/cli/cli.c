#include "cli.h"
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

void fc_cli_diag_cb(const struct fc_diag_msg *m, void *ud)
{
	(void)ud;
	char line[2600];
	fc_diag_format(m, line, sizeof line);
	fprintf(stderr, "%s\n", line);
}

void fc_cli_diag_init(struct fc_diag *d)
{
	fc_diag_init(d);
	d->cb = fc_cli_diag_cb;
}

void fc_cli_drain(struct fc_buf *b)
{
	if (b->len < ((size_t)1 << 20) || fc_buf_err(b))
		return;
	if (fwrite(b->p, 1, b->len, stdout) != b->len) {
		fprintf(stderr, "fincheck: write error on stdout: %s\n", strerror(errno));
		b->err = FC_EIO;
		return;
	}
	fc_buf_reset(b);
}

bool fc_cli_write(const struct fc_buf *b, const char *path)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	if (!f) {
		fprintf(stderr, "fincheck: cannot write %s: %s\n", path, strerror(errno));
		return false;
	}
	size_t n = b->len;
	bool ok = fwrite(b->p ? b->p : "", 1, n, f) == n;
	if (path)
		ok = (fclose(f) == 0) && ok;
	else
		ok = (fflush(f) == 0) && ok;
	if (!ok)
		fprintf(stderr, "fincheck: write error on %s: %s\n", path ? path : "stdout", strerror(errno));
	return ok;
}

const char *fc_cli_optarg(int argc, char **argv, int *i, const char *opt)
{
	size_t n = strlen(opt);
	const char *a = argv[*i];
	if (strncmp(a, opt, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] == '\0') {
		if (*i + 1 >= argc)
			return NULL;
		(*i)++;
		return argv[*i];
	}
	return NULL;
}

int fc_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "fincheck %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'fincheck %s --help'.\n", cmd);
	return FC_EXIT_USAGE;
}

int fc_cli_format(const char *cmd, const char *val, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(val, names[i]) == 0)
			return i;
	fprintf(stderr, "fincheck %s: unknown format '%s' (one of:", cmd, val);
	for (int i = 0; names[i]; i++)
		fprintf(stderr, " %s", names[i]);
	fprintf(stderr, ")\n");
	return -1;
}

int fc_cli_lang(const char *cmd, const char *val)
{
	if (!strcmp(val, "zh-TW") || !strcmp(val, "zh") || !strcmp(val, "zh_TW"))
		return 1;
	if (!strcmp(val, "en"))
		return 0;
	fc_cli_usage_error(cmd, "--lang takes zh-TW or en");
	return -1;
}

bool fc_cli_tty(void)
{
	return isatty(STDOUT_FILENO);
}

#include <time.h>

double fc_cli_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void fc_cli_progress_cb(const char *phase, unsigned long long done, unsigned long long total, void *ud)
{
	struct fc_cli_progress *p = ud;
	if (!p || !p->on)
		return;
	double now = fc_cli_now_ms();
	if (!p->phase || strcmp(p->phase, phase)) {
		if (p->phase)
			fprintf(stderr, "\n");
		p->phase = phase;
		p->phase_start = now;
		p->last_pct = -1;
	}
	int pct = total ? (int)(done * 100 / total) : 100;
	if (pct == p->last_pct)
		return;
	p->last_pct = pct;
	double el = (now - p->phase_start) / 1000.0;
	double eta = pct > 0 ? el * (100 - pct) / pct : 0;
	fprintf(stderr, "\r%-8s %3d%%  %llu/%llu  elapsed %.0fs  ETA %d:%02d ", phase, pct, done, total, el,
		(int)eta / 60, (int)eta % 60);
}

void fc_cli_progress_done(struct fc_cli_progress *p)
{
	if (p->on && p->phase)
		fprintf(stderr, "\n");
	p->phase = NULL;
}

void fc_cli_tune_malloc(void)
{
#ifdef M_ARENA_MAX
	/* glibc gives every thread its own heap: the log and scan workers'
	 * growing tables then stay spread over several, ~150 MB more at bank
	 * scale (issue 11: peak 1.17 GB with the default, 1.02 GB with one
	 * shared heap, at no measurable cost in time). */
	mallopt(M_ARENA_MAX, 1);
#endif
#ifdef M_MMAP_THRESHOLD
	/* A fixed threshold: glibc otherwise raises it to 32 MiB after the
	 * first large block is freed, and the doubling tables of the log
	 * analyser then come from the heap and leave it fragmented (~80 MB
	 * of a 2 GB log run). */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
}
