/*
 * The dashboard's HTTP server (libmicrohttpd): the institution's pages
 * (overview, findings, systems and the assessment calendar, incidents,
 * reports) and the supervisor's (資安風險現況, 風險趨勢分析), server-rendered
 * HTML with SVG charts, zh-TW with an English toggle.  Assets are embedded
 * in the binary; no CDN, no network.  See docs/web.md.
 *
 * Security: local users (auth.h); sessions in HttpOnly SameSite=Strict
 * cookies; a CSRF token in every form, checked on every POST; a POST
 * without a session is 401 and without the token 403; every page escapes
 * every string from evidence; a strict Content-Security-Policy (no inline
 * script or style); loopback by default.
 *
 * Threads: a pool of worker threads, each with its own database
 * connection.  The library never prints: start-up errors go to d.
 */
#ifndef FC_SERVER_H
#define FC_SERVER_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/diag.h"
#include "../core/status.h"
#include "../engine/catalog.h"
#include "auth.h"

struct fc_web_opts {
	const char *db;			/* store URL */
	const char *listen;		/* "127.0.0.1:8080", "[::1]:8080", ":0" = loopback, any port */
	const char *bundle;		/* optional: the inventory for the systems page */
	const struct fc_catalog *cat;
	const struct fc_params *params;	/* effective parameters (deadlines, zones) */
	int threads;			/* worker threads (0 = 4) */
	bool secure_cookies;		/* add Secure (behind an HTTPS proxy) */
	struct fc_login_policy login;
};

struct fc_web;

/* Open the store (migrating it), bind, and start serving. */
enum fc_status fc_web_start(const struct fc_web_opts *o, struct fc_diag *d, struct fc_web **out);
uint16_t fc_web_port(const struct fc_web *w);
void fc_web_stop(struct fc_web *w);

/* "host:port" parsing; true if host is a loopback address. */
bool fc_web_parse_listen(const char *s, char host[64], uint16_t *port, bool *loopback);

#endif
