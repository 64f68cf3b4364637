/* fincheck serve — the web dashboard (src/web/server.h, docs/web.md). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "../core/mem.h"
#include "../web/server.h"
#include "webcli.h"

static const char usage_text[] =
	"usage: fincheck serve [--db PATH] [--listen HOST:PORT] [--bundle DIR] [options]\n"
	"\n"
	"The web dashboard: overview, findings and their lifecycle, systems and the\n"
	"assessment calendar, incidents with deadline countdowns, report downloads, and\n"
	"the supervisor's views.  Users come from 'fincheck user add'.\n"
	"\n"
	"  --db PATH            the store (default ./fincheck.db; postgresql://… accepted)\n"
	"  --listen HOST:PORT   default 127.0.0.1:8080 (loopback); port 0 picks a free one\n"
	"  --bundle DIR         an evidence bundle whose inventory the systems page shows\n"
	"  --threads N          worker threads (default 4)\n"
	"  --secure-cookies     mark cookies Secure (when served behind an HTTPS proxy)\n"
	"  --exit-after SECONDS stop by itself after so long (tests, demos)\n"
	"  --param NAME=VALUE   override a parameter (deadlines, lockout, zones)\n"
	"  --catalog DIR        use a catalog directory instead of the built-in one\n"
	"\n"
	"It prints the URL it listens on to stderr and stops on SIGINT or SIGTERM.\n";

int cmd_serve(int argc, char **argv)
{
	const char *db = NULL, *listen = "127.0.0.1:8080", *bundle = NULL, *catalog = NULL;
	int64_t threads = 0, exit_after = 0;
	bool secure = false;
	const char **params = fc_calloc((size_t)argc + 1, sizeof(char *));
	size_t nparams = 0;
	int rc = FC_EXIT_USAGE;
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_catalog *cat = NULL;
	struct fc_params p = {0};
	bool have_params = false;
	struct fc_web *w = NULL;
	if (!params)
		return FC_EXIT_INPUT;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			rc = 0;
			goto out;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--db")))
			db = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--listen")))
			listen = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--bundle")))
			bundle = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--catalog")))
			catalog = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--param")))
			params[nparams++] = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--threads"))) {
			if (!fc_parse_i64(v, &threads) || threads < 1 || threads > 64) {
				rc = fc_cli_usage_error("serve", "--threads takes 1 to 64");
				goto out;
			}
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--exit-after"))) {
			if (!fc_parse_i64(v, &exit_after) || exit_after < 1) {
				rc = fc_cli_usage_error("serve", "--exit-after takes a number of seconds");
				goto out;
			}
		} else if (!strcmp(argv[i], "--secure-cookies"))
			secure = true;
		else {
			rc = fc_cli_usage_error("serve", "unknown or incomplete option '%s'", argv[i]);
			goto out;
		}
	}
	char host[64];
	uint16_t port;
	bool loop = false;
	if (!fc_web_parse_listen(listen, host, &port, &loop)) {
		rc = fc_cli_usage_error("serve", "--listen takes HOST:PORT with a numeric address, e.g. 127.0.0.1:8080");
		goto out;
	}
	if (!fc_webcli_clock("serve"))
		goto out;
	if ((rc = fc_webcli_params("serve", catalog, params, nparams, &d, &cat, &p)))
		goto out;
	have_params = true;
	if (!loop)
		fprintf(stderr, "fincheck serve: listening beyond loopback (%s) without TLS: put an HTTPS reverse proxy "
				"in front and use --secure-cookies\n",
			host);
	struct fc_web_opts o = {.db = db ? db : FC_WEBCLI_DEFAULT_DB,
				.listen = listen,
				.bundle = bundle,
				.cat = cat,
				.params = &p,
				.threads = (int)threads,
				.secure_cookies = secure,
				.login = FC_LOGIN_POLICY_DEFAULT};
	const struct fc_param_val *v;
	if ((v = fc_params_get(&p, "lockout_threshold")))
		o.login.threshold = (int)v->num;
	if ((v = fc_params_get(&p, "lockout_duration_min")))
		o.login.lock_minutes = (int)v->num;
	/* signals are taken synchronously below: block them before the
	 * server's threads start so that they inherit the mask */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	enum fc_status st = fc_web_start(&o, &d, &w);
	if (st) {
		rc = st == FC_EUSAGE ? FC_EXIT_USAGE : FC_EXIT_INPUT;
		goto out;
	}
	if (host[0] && strchr(host, ':'))
		fprintf(stderr, "fincheck serve: listening on http://[%s]:%u/\n", host, fc_web_port(w));
	else
		fprintf(stderr, "fincheck serve: listening on http://%s:%u/\n", host, fc_web_port(w));
	fflush(stderr);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct timespec wait = {1, 0};
		int sig = sigtimedwait(&set, NULL, &wait);
		if (sig == SIGINT || sig == SIGTERM) {
			fprintf(stderr, "fincheck serve: stopping\n");
			break;
		}
		if (exit_after) {
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec - t0.tv_sec >= exit_after) {
				fprintf(stderr, "fincheck serve: --exit-after reached, stopping\n");
				break;
			}
		}
	}
	rc = FC_EXIT_OK;
out:
	fc_web_stop(w);
	if (have_params)
		fc_params_release(&p);
	fc_catalog_free(cat);
	fc_free(params);
	fc_diag_release(&d);
	return rc;
}
