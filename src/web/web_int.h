/* Internals shared by the dashboard's files (server.c, pages_*.c): the
 * request, HTML helpers and the pages.  Not an API. */
#ifndef FC_WEB_INT_H
#define FC_WEB_INT_H
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "../core/buf.h"
#include "../core/diag.h"
#include "../engine/bundle.h"
#include "../engine/catalog.h"
#include "../store/store.h"
#include "auth.h"
#include "incident.h"
#include "server.h"
#include "supervise.h"

/* Body of a POST: forms are small; anything bigger is refused (413). */
#define WEB_MAX_BODY (64 * 1024)
/* Form fields kept per request. */
#define WEB_MAX_FIELDS 64
/* Findings listed on one page. */
#define WEB_MAX_LIST 500

struct fc_web {
	struct MHD_Daemon *mhd;
	char *db_url;
	const struct fc_catalog *cat;
	const struct fc_params *params;
	struct fc_login_policy login;
	struct fc_incident_policy inc;
	struct fc_sv_params sv;
	bool secure_cookies;
	uint16_t port;
	/* the inventory (serve --bundle), read once; plan built per request
	 * under plan_lock because the tracker's incidents are folded in */
	struct fc_bundle *bundle;
	struct fc_diag bundle_diag;
	pthread_mutex_t plan_lock;
	/* the overview's main part, per language, valid while no write
	 * reached the audit chain (its head seq) within the same minute */
	pthread_mutex_t cache_lock;
	struct {
		int64_t seq, minute;
		char *html;
		size_t len;
	} ov[2];
	/* control index of each check's controls (catalog order), built once:
	 * fc_catalog_control is a linear search */
	size_t **ctl_ix;
	size_t *ctl_n;
	/* per-thread connections, closed at stop */
	pthread_mutex_t conns_lock;
	struct web_conn *conns;
};

struct web_conn {
	struct fc_store *store;
	struct fc_diag d;
	struct web_conn *next;
};

struct web_field {
	char *k, *v;
};

struct fc_req {
	struct fc_web *w;
	struct MHD_Connection *conn;
	const char *method, *url;
	bool post;
	struct web_conn *c;		/* this thread's store */
	struct fc_db *db;
	bool authed;
	struct fc_session s;
	bool zh;
	bool set_lang;			/* ?lang= given: set the cookie */
	struct web_field f[WEB_MAX_FIELDS];
	size_t nf;
	/* response */
	unsigned status;
	struct fc_buf body;
	const char *ctype;
	char location[512];
	char cookies[4][320];
	int ncookies;
	const char *disposition;	/* attachment filename, or NULL */
	bool cacheable;
	const unsigned char *static_data;	/* embedded asset (not copied) */
	size_t static_len;
};

/* Request helpers (server.c). */
const char *fc_web_arg(struct fc_req *r, const char *name);	/* query string */
const char *fc_web_field(struct fc_req *r, const char *name);	/* POST form */
bool fc_web_can(const struct fc_req *r, int min_role);
void fc_web_redirect(struct fc_req *r, const char *to);
void fc_web_error(struct fc_req *r, unsigned status, const char *zh, const char *en);
const char *fc_web_diag_last(struct fc_req *r);	/* last store message or "" */

/* HTML helpers (html.c). */
#define T(r, zh_, en_) ((r)->zh ? (zh_) : (en_))
void fc_h(struct fc_buf *b, const char *s);		/* escaped text */
void fc_h_url(struct fc_buf *b, const char *s);		/* percent-encoded */
void fc_h_open(struct fc_req *r, const char *title, const char *nav);
void fc_h_close(struct fc_req *r);
void fc_h_csrf(struct fc_req *r);				/* the hidden CSRF field */
void fc_h_sev(struct fc_buf *b, const char *sev, bool zh);	/* severity badge */
void fc_h_flash(struct fc_req *r);				/* ?ok= / ?err= banner */
const char *fc_web_sev_label(const char *sev, bool zh);
const char *fc_web_status_label(const char *st, bool zh);
void fc_h_date(struct fc_buf *b, int32_t day);
void fc_h_ts(struct fc_buf *b, int64_t secs);		/* "2026-11-01 09:30" Taipei */

/* Pages. */
void fc_page_login(struct fc_req *r);
void fc_page_login_post(struct fc_req *r);
void fc_page_logout(struct fc_req *r);
void fc_page_overview(struct fc_req *r);
void fc_page_findings(struct fc_req *r);
void fc_page_finding(struct fc_req *r, const char *id);
void fc_page_finding_post(struct fc_req *r, const char *id);
void fc_page_systems(struct fc_req *r);
void fc_page_incidents(struct fc_req *r);
void fc_page_incident_post(struct fc_req *r, const char *ref, const char *what);
void fc_page_reports(struct fc_req *r);
void fc_page_download(struct fc_req *r, const char *name);
void fc_page_sv_status(struct fc_req *r);
void fc_page_sv_trend(struct fc_req *r);
void fc_page_sv_download(struct fc_req *r, const char *name);

#endif
