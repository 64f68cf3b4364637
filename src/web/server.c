/* The dashboard's HTTP server on libmicrohttpd (server.h): request
 * plumbing, sessions, CSRF, security headers, routing, embedded assets. */
#include "server.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "../core/mem.h"
#include "../core/strutil.h"
#include "web_int.h"
#include "webdb.h"

#define COOKIE_SESSION "fc_session"
#define COOKIE_PRE "fc_pre"	/* login CSRF: double-submit cookie */
#define COOKIE_LANG "fc_lang"

/* Content-Security-Policy: nothing inline, nothing from elsewhere. */
static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			  "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

bool fc_web_parse_listen(const char *s, char host[64], uint16_t *port, bool *loopback)
{
	if (!s)
		return false;
	const char *colon;
	size_t hl;
	const char *hs = s;
	if (s[0] == '[') {
		const char *e = strchr(s, ']');
		if (!e || e[1] != ':')
			return false;
		hs = s + 1;
		hl = (size_t)(e - hs);
		colon = e + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			return false;
		hl = (size_t)(colon - s);
	}
	if (hl >= 64)
		return false;
	memcpy(host, hs, hl);
	host[hl] = '\0';
	int64_t p;
	if (!fc_parse_i64(colon + 1, &p) || p < 0 || p > 65535)
		return false;
	*port = (uint16_t)p;
	if (!host[0] || !strcmp(host, "localhost"))
		snprintf(host, 64, "127.0.0.1");
	struct in_addr a4;
	struct in6_addr a6;
	if (inet_pton(AF_INET, host, &a4) == 1)
		*loopback = (ntohl(a4.s_addr) >> 24) == 127;
	else if (inet_pton(AF_INET6, host, &a6) == 1)
		*loopback = IN6_IS_ADDR_LOOPBACK(&a6);
	else
		return false;
	return true;
}

/* ------------------------------------------------------------ helpers */

const char *fc_web_arg(struct fc_req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
	return v && *v ? v : NULL;
}

const char *fc_web_field(struct fc_req *r, const char *name)
{
	for (size_t i = 0; i < r->nf; i++)
		if (!strcmp(r->f[i].k, name))
			return r->f[i].v;
	return NULL;
}

bool fc_web_can(const struct fc_req *r, int role)
{
	if (!r->authed)
		return false;
	enum fc_role u = r->s.role;
	switch (role) {
	case FC_ROLE_VIEWER:
		return u != FC_ROLE_SUPERVISOR;
	case FC_ROLE_ASSESSOR:
		return u == FC_ROLE_ASSESSOR || u == FC_ROLE_ADMIN;
	case FC_ROLE_AUDITOR:
		return u == FC_ROLE_AUDITOR || u == FC_ROLE_ADMIN;
	case FC_ROLE_ADMIN:
		return u == FC_ROLE_ADMIN;
	case FC_ROLE_SUPERVISOR:
		return u == FC_ROLE_SUPERVISOR || u == FC_ROLE_ADMIN;
	}
	return false;
}

void fc_web_redirect(struct fc_req *r, const char *to)
{
	/* only local paths: never an open redirect */
	if (!to || to[0] != '/' || to[1] == '/' || to[1] == '\\' || strpbrk(to, "\r\n"))
		to = "/";
	r->status = 303;
	snprintf(r->location, sizeof r->location, "%s", to);
}

void fc_web_error(struct fc_req *r, unsigned status, const char *zh, const char *en)
{
	r->status = status;
	fc_buf_reset(&r->body);
	if (r->authed) {
		fc_h_open(r, T(r, "錯誤", "Error"), "");
		fc_buf_addf(&r->body, "<h1>%u</h1><p class=\"err\">", status);
		fc_h(&r->body, T(r, zh, en));
		fc_buf_adds(&r->body, "</p>");
		fc_h_close(r);
	} else {
		r->ctype = "text/plain; charset=utf-8";
		fc_buf_addf(&r->body, "%u %s\n", status, en);
	}
}

const char *fc_web_diag_last(struct fc_req *r)
{
	struct fc_diag *d = &r->c->d;
	return d->n ? d->v[d->n - 1].msg : "";
}

static void add_cookie(struct fc_req *r, const char *fmt, const char *a, const char *b)
{
	if (r->ncookies < 4)
		snprintf(r->cookies[r->ncookies++], sizeof r->cookies[0], fmt, a, b);
}

static const char *cookie_attrs(const struct fc_req *r)
{
	return r->w->secure_cookies ? "; Path=/; HttpOnly; SameSite=Strict; Secure"
				    : "; Path=/; HttpOnly; SameSite=Strict";
}

/* ------------------------------------------------------- form parsing */

static int hexv(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode application/x-www-form-urlencoded in place (s is NUL-terminated). */
static bool urldecode(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p == '+')
			*o++ = ' ';
		else if (*p == '%') {
			int a = hexv(p[1]), b = a < 0 ? -1 : hexv(p[2]);
			if (a < 0 || b < 0)
				return false;
			int c = a * 16 + b;
			if (c == 0)
				return false;
			*o++ = (char)c;
			p += 2;
		} else
			*o++ = *p;
	}
	*o = '\0';
	return true;
}

static bool utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		int n = (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0 || (*p == 0xC0 || *p == 0xC1))
			return false;
		for (int i = 1; i <= n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return false;
		p += n + 1;
	}
	return true;
}

static bool parse_form(struct fc_req *r, char *body)
{
	char *save = body;
	while (save && *save) {
		char *amp = strchr(save, '&');
		if (amp)
			*amp = '\0';
		char *eq = strchr(save, '=');
		if (*save) {
			if (r->nf == WEB_MAX_FIELDS)
				return false;
			char *k = save, *v = eq ? eq + 1 : save + strlen(save);
			if (eq)
				*eq = '\0';
			if (!urldecode(k) || !urldecode(v) || !utf8_ok(k) || !utf8_ok(v))
				return false;
			r->f[r->nf].k = k;
			r->f[r->nf].v = v;
			r->nf++;
		}
		save = amp ? amp + 1 : NULL;
	}
	return true;
}

/* ------------------------------------------------------ connections */

static __thread struct web_conn *tls_conn;
static __thread const struct fc_web *tls_owner;

static struct web_conn *thread_conn(struct fc_web *w)
{
	if (tls_conn && tls_owner == w)
		return tls_conn;
	struct web_conn *c = fc_calloc(1, sizeof *c);
	if (!c)
		return NULL;
	fc_diag_init(&c->d);
	if (fc_webdb_open(w->db_url, &c->d, &c->store)) {
		fc_diag_release(&c->d);
		fc_free(c);
		return NULL;
	}
	pthread_mutex_lock(&w->conns_lock);
	c->next = w->conns;
	w->conns = c;
	pthread_mutex_unlock(&w->conns_lock);
	tls_conn = c;
	tls_owner = w;
	return c;
}

/* ------------------------------------------------------------- assets */

static const char *mime_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (!strcmp(dot, ".png"))
		return "image/png";
	return "application/octet-stream";
}

static void serve_asset(struct fc_req *r, const char *name)
{
	char path[160];
	if (strlen(name) > 100 || strstr(name, "..") || strchr(name, '/')) {
		fc_web_error(r, 404, "找不到", "not found");
		return;
	}
	snprintf(path, sizeof path, "assets/%s", name);
	const struct fc_embedded *e = fc_embedded_find(path);
	if (!e) {
		fc_web_error(r, 404, "找不到", "not found");
		return;
	}
	r->static_data = e->data;
	r->static_len = e->size;
	r->ctype = mime_of(name);
	r->cacheable = true;
	r->status = 200;
}

/* ------------------------------------------------------------ routing */

static bool origin_ok(struct fc_req *r)
{
	/* a browser sends Origin on every POST; it must be this site */
	const char *o = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Origin");
	if (!o)
		return true;
	const char *host = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Host");
	if (!host)
		return false;
	const char *p = !strncmp(o, "http://", 7) ? o + 7 : !strncmp(o, "https://", 8) ? o + 8 : NULL;
	return p && !strcmp(p, host);
}

static void route(struct fc_req *r)
{
	const char *u = r->url;
	if (!r->post && !strncmp(u, "/assets/", 8)) {
		serve_asset(r, u + 8);
		return;
	}
	if (!strcmp(u, "/favicon.ico")) {
		serve_asset(r, "favicon.svg");
		return;
	}
	if (!strcmp(u, "/healthz")) {
		r->ctype = "text/plain; charset=utf-8";
		fc_buf_adds(&r->body, "ok\n");
		return;
	}
	if (r->post && !origin_ok(r)) {
		fc_web_error(r, 403, "拒絕跨站請求", "cross-site request refused");
		return;
	}
	if (!strcmp(u, "/login")) {
		if (r->post)
			fc_page_login_post(r);
		else
			fc_page_login(r);
		return;
	}
	const char *tok = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, COOKIE_SESSION);
	if (tok && fc_session_get(r->db, tok, fc_web_now(), &r->s) == FC_OK)
		r->authed = true;
	if (!r->authed) {
		if (r->post) {
			r->status = 401;
			r->ctype = "text/plain; charset=utf-8";
			fc_buf_adds(&r->body, "401 login required\n");
			return;
		}
		char to[600];
		struct fc_buf nb;
		fc_buf_init(&nb, 1024);
		fc_buf_adds(&nb, "/login?next=");
		fc_h_url(&nb, u);
		snprintf(to, sizeof to, "%s", fc_buf_str(&nb));
		fc_buf_release(&nb);
		fc_web_redirect(r, to);
		return;
	}
	if (r->post && !fc_csrf_ok(&r->s, fc_web_field(r, "csrf"))) {
		fc_web_error(r, 403, "表單驗證碼（CSRF）不符，請重新整理頁面後再試", "CSRF token missing or wrong: reload the page");
		return;
	}
	if (!strcmp(u, "/logout")) {
		if (r->post)
			fc_page_logout(r);
		else
			fc_web_error(r, 405, "請使用登出按鈕", "use the logout button");
		return;
	}
	/* the supervisor's pages */
	if (!strncmp(u, "/supervise", 10)) {
		if (!fc_web_can(r, FC_ROLE_SUPERVISOR)) {
			fc_web_error(r, 403, "此頁限監理人員", "for supervisors only");
			return;
		}
		if (r->post) {
			fc_web_error(r, 405, "不支援", "method not allowed");
			return;
		}
		if (!strcmp(u, "/supervise") || !strcmp(u, "/supervise/"))
			fc_page_sv_status(r);
		else if (!strcmp(u, "/supervise/trend"))
			fc_page_sv_trend(r);
		else if (!strncmp(u, "/supervise/download/", 20))
			fc_page_sv_download(r, u + 20);
		else
			fc_web_error(r, 404, "找不到此頁", "no such page");
		return;
	}
	if (!fc_web_can(r, FC_ROLE_VIEWER)) {
		if (!strcmp(u, "/"))
			fc_web_redirect(r, "/supervise");
		else
			fc_web_error(r, 403, "監理人員僅能檢視監理頁面", "supervisors see the supervisory pages only");
		return;
	}
	if (!strcmp(u, "/")) {
		if (r->post)
			fc_web_error(r, 405, "不支援", "method not allowed");
		else
			fc_page_overview(r);
	} else if (!strcmp(u, "/findings") && !r->post)
		fc_page_findings(r);
	else if (!strncmp(u, "/findings/", 10) && u[10]) {
		if (r->post)
			fc_page_finding_post(r, u + 10);
		else
			fc_page_finding(r, u + 10);
	} else if (!strcmp(u, "/systems") && !r->post)
		fc_page_systems(r);
	else if (!strcmp(u, "/incidents")) {
		if (r->post)
			fc_page_incident_post(r, NULL, "open");
		else
			fc_page_incidents(r);
	} else if (!strncmp(u, "/incidents/", 11) && r->post) {
		char ref[FC_INC_REF_MAX + 1];
		const char *slash = strchr(u + 11, '/');
		size_t n = slash ? (size_t)(slash - (u + 11)) : 0;
		if (!slash || n == 0 || n > FC_INC_REF_MAX) {
			fc_web_error(r, 404, "找不到此事件", "no such incident");
			return;
		}
		memcpy(ref, u + 11, n);
		ref[n] = '\0';
		fc_page_incident_post(r, ref, slash + 1);
	} else if (!strcmp(u, "/reports") && !r->post)
		fc_page_reports(r);
	else if (!strncmp(u, "/reports/", 9) && !r->post)
		fc_page_download(r, u + 9);
	else
		fc_web_error(r, 404, "找不到此頁", "no such page");
}

/* ------------------------------------------------------- MHD plumbing */

struct upload {
	struct fc_buf body;
	bool too_big;
};

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
	(void)cls;
	(void)c;
	(void)t;
	struct upload *up = *con_cls;
	if (up) {
		fc_buf_release(&up->body);
		fc_free(up);
		*con_cls = NULL;
	}
}

static void add_security_headers(struct MHD_Response *resp, bool cacheable)
{
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Cache-Control", cacheable ? "public, max-age=3600" : "no-store");
}

static enum MHD_Result send_plain(struct MHD_Connection *conn, unsigned status, const char *msg)
{
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(strlen(msg), (void *)msg, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", "text/plain; charset=utf-8");
	add_security_headers(resp, false);
	enum MHD_Result ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void free_cb(void *p)
{
	fc_free(p);
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
			       const char *version, const char *upload_data, size_t *upload_data_size,
			       void **con_cls)
{
	(void)version;
	struct fc_web *w = cls;
	bool post = !strcmp(method, "POST");
	if (!*con_cls) {
		struct upload *up = fc_calloc(1, sizeof *up);
		if (!up)
			return MHD_NO;
		fc_buf_init(&up->body, WEB_MAX_BODY);
		*con_cls = up;
		return MHD_YES;
	}
	struct upload *up = *con_cls;
	if (*upload_data_size) {
		if (up->body.len + *upload_data_size > WEB_MAX_BODY)
			up->too_big = true;
		else
			fc_buf_add(&up->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (!post && strcmp(method, "GET") && strcmp(method, "HEAD"))
		return send_plain(conn, 405, "405 method not allowed\n");
	if (up->too_big || fc_buf_err(&up->body))
		return send_plain(conn, 413, "413 request too large\n");
	if (strlen(url) > 400)
		return send_plain(conn, 414, "414 URI too long\n");
	struct web_conn *c = thread_conn(w);
	if (!c)
		return send_plain(conn, 503, "503 the store cannot be opened\n");
	/* messages of this request only */
	fc_diag_release(&c->d);
	fc_diag_init(&c->d);
	struct fc_req *r = fc_calloc(1, sizeof *r);
	if (!r)
		return send_plain(conn, 503, "503 out of memory\n");
	r->w = w;
	r->conn = conn;
	r->method = method;
	r->url = url;
	r->post = post;
	r->c = c;
	r->db = fc_store_db(c->store);
	r->status = 200;
	r->ctype = "text/html; charset=utf-8";
	fc_buf_init(&r->body, 0);
	/* language: ?lang= sets it (and the cookie), else the cookie, else zh-TW */
	const char *lang = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "lang");
	if (lang && (!strcmp(lang, "en") || !strcmp(lang, "zh-TW"))) {
		r->zh = strcmp(lang, "en") != 0;
		r->set_lang = true;
	} else {
		const char *lc = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, COOKIE_LANG);
		r->zh = !(lc && !strcmp(lc, "en"));
	}
	if (post) {
		const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
		if (!ct || strncmp(ct, "application/x-www-form-urlencoded", 33)) {
			fc_buf_release(&r->body);
			fc_free(r);
			return send_plain(conn, 415, "415 forms only (application/x-www-form-urlencoded)\n");
		}
		fc_buf_addc(&up->body, '\0');
		if (fc_buf_err(&up->body) || !parse_form(r, up->body.p)) {
			fc_buf_release(&r->body);
			fc_free(r);
			return send_plain(conn, 400, "400 malformed form\n");
		}
	}
	route(r);
	if (r->set_lang)
		add_cookie(r, COOKIE_LANG "=%s; Path=/; SameSite=Strict; Max-Age=31536000%s", r->zh ? "zh-TW" : "en", "");
	struct MHD_Response *resp;
	if (r->static_data)
		resp = MHD_create_response_from_buffer(r->static_len, (void *)r->static_data, MHD_RESPMEM_PERSISTENT);
	else {
		size_t n = r->body.len;
		char *p = fc_buf_err(&r->body) ? NULL : fc_buf_detach(&r->body);
		if (!p) {
			fc_buf_release(&r->body);
			fc_free(r);
			return send_plain(conn, 500, "500 page too large or out of memory\n");
		}
		resp = MHD_create_response_from_buffer_with_free_callback(n, p, free_cb);
		if (!resp)
			fc_free(p);
	}
	enum MHD_Result ret = MHD_NO;
	if (resp) {
		MHD_add_response_header(resp, "Content-Type", r->ctype);
		add_security_headers(resp, r->cacheable);
		if (r->location[0])
			MHD_add_response_header(resp, "Location", r->location);
		for (int i = 0; i < r->ncookies; i++)
			MHD_add_response_header(resp, "Set-Cookie", r->cookies[i]);
		if (r->disposition) {
			char cd[200];
			snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", r->disposition);
			MHD_add_response_header(resp, "Content-Disposition", cd);
		}
		ret = MHD_queue_response(conn, r->status, resp);
		MHD_destroy_response(resp);
	}
	fc_buf_release(&r->body);
	fc_free(r);
	return ret;
}

/* ------------------------------------------------------ login/logout */

void fc_page_login_post(struct fc_req *r)
{
	const char *pre = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, COOKIE_PRE);
	const char *user = fc_web_field(r, "user"), *pw = fc_web_field(r, "password"), *next = fc_web_field(r, "next");
	if (!pre || !fc_ct_streq(pre, fc_web_field(r, "csrf"))) {
		fc_web_error(r, 403, "表單驗證碼（CSRF）不符，請重新整理頁面後再試", "CSRF token missing or wrong: reload the page");
		return;
	}
	enum fc_login_result res = FC_LOGIN_BAD;
	struct fc_session s;
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char client[64] = "";
	if (ci && ci->client_addr) {
		if (ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, client, sizeof client);
		else if (ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, client, sizeof client);
	}
	if (fc_login(r->db, user, pw, client, &r->w->login, fc_web_now(), &res, &s)) {
		fc_web_error(r, 500, "無法登入（資料庫錯誤）", "login failed (database error)");
		return;
	}
	if (res != FC_LOGIN_OK) {
		struct fc_buf to;
		fc_buf_init(&to, 1024);
		fc_buf_addf(&to, "/login?err=%s", res == FC_LOGIN_LOCKED ? "locked" : "bad");
		if (next) {
			fc_buf_adds(&to, "&next=");
			fc_h_url(&to, next);
		}
		fc_web_redirect(r, fc_buf_str(&to));
		fc_buf_release(&to);
		return;
	}
	add_cookie(r, COOKIE_SESSION "=%s%s", s.token, cookie_attrs(r));
	add_cookie(r, COOKIE_PRE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s", "", "");
	memset(s.token, 0, sizeof s.token);
	fc_web_redirect(r, next && next[0] == '/' ? next : (s.role == FC_ROLE_SUPERVISOR ? "/supervise" : "/"));
}

void fc_page_logout(struct fc_req *r)
{
	const char *tok = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, COOKIE_SESSION);
	if (tok)
		fc_session_end(r->db, tok, r->s.user);
	add_cookie(r, COOKIE_SESSION "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s", "", "");
	fc_web_redirect(r, "/login");
}

void fc_page_login(struct fc_req *r)
{
	char pre[FC_TOKEN_HEX + 1];
	if (fc_random_hex(pre, 32)) {
		fc_web_error(r, 500, "無法產生亂數", "no randomness");
		return;
	}
	add_cookie(r, COOKIE_PRE "=%s%s", pre, cookie_attrs(r));
	struct fc_buf *b = &r->body;
	fc_buf_addf(b, "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		       "<title>fincheck — %s</title><link rel=\"stylesheet\" href=\"/assets/app.css\">"
		       "<link rel=\"icon\" href=\"/assets/favicon.svg\"></head><body class=\"login\"><main class=\"login-box\">",
		    r->zh ? "zh-Hant-TW" : "en", T(r, "登入", "Log in"));
	fc_buf_adds(b, "<h1><img src=\"/assets/favicon.svg\" alt=\"\" width=\"28\" height=\"28\"> fincheck</h1><p class=\"sub\">");
	fc_h(b, T(r, "金融機構資訊安全檢查", "Information-security inspection for financial institutions"));
	fc_buf_adds(b, "</p>");
	const char *err = fc_web_arg(r, "err");
	if (err)
		fc_buf_addf(b, "<p class=\"err\" role=\"alert\">%s</p>",
			    !strcmp(err, "locked")
				    ? T(r, "登入失敗次數過多，帳號已鎖定 15 分鐘。", "Too many failed logins: the account is locked for 15 minutes.")
				    : T(r, "帳號或密碼錯誤。", "Wrong user name or password."));
	fc_buf_addf(b, "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">", pre);
	const char *next = fc_web_arg(r, "next");
	if (next && next[0] == '/') {
		fc_buf_adds(b, "<input type=\"hidden\" name=\"next\" value=\"");
		fc_h(b, next);
		fc_buf_adds(b, "\">");
	}
	fc_buf_addf(b, "<label>%s<input name=\"user\" id=\"user\" autocomplete=\"username\" required maxlength=\"64\"></label>"
		       "<label>%s<input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\" "
		       "required maxlength=\"1024\"></label><button type=\"submit\" id=\"login\">%s</button></form>",
		    T(r, "帳號", "User"), T(r, "密碼", "Password"), T(r, "登入", "Log in"));
	fc_buf_addf(b, "<p class=\"lang\"><a href=\"/login?lang=%s\">%s</a></p></main></body></html>", r->zh ? "en" : "zh-TW",
		    r->zh ? "English" : "中文");
}

/* -------------------------------------------------------- start/stop */

enum fc_status fc_web_start(const struct fc_web_opts *o, struct fc_diag *d, struct fc_web **out)
{
	*out = NULL;
	char host[64];
	uint16_t port;
	bool loop;
	if (!fc_web_parse_listen(o->listen ? o->listen : "127.0.0.1:8080", host, &port, &loop)) {
		fc_diag_error(d, NULL, 0, 0, "--listen: expected HOST:PORT with a numeric address, e.g. 127.0.0.1:8080");
		return FC_EUSAGE;
	}
	struct fc_web *w = fc_calloc(1, sizeof *w);
	if (!w)
		return FC_ENOMEM;
	w->db_url = fc_strdup(o->db);
	w->cat = o->cat;
	w->params = o->params;
	w->login = o->login;
	if (w->login.threshold <= 0) {
		struct fc_login_policy def = FC_LOGIN_POLICY_DEFAULT;
		w->login = def;
	}
	w->secure_cookies = o->secure_cookies;
	fc_incident_policy_init(&w->inc, o->params);
	fc_sv_params_init(&w->sv, o->params);
	pthread_mutex_init(&w->conns_lock, NULL);
	pthread_mutex_init(&w->plan_lock, NULL);
	pthread_mutex_init(&w->cache_lock, NULL);
	fc_diag_init(&w->bundle_diag);
	enum fc_status st = FC_OK;
	if (!w->db_url) {
		st = FC_ENOMEM;
		goto fail;
	}
	w->ctl_ix = fc_calloc(o->cat->nchecks ? o->cat->nchecks : 1, sizeof *w->ctl_ix);
	w->ctl_n = fc_calloc(o->cat->nchecks ? o->cat->nchecks : 1, sizeof *w->ctl_n);
	if (!w->ctl_ix || !w->ctl_n) {
		st = FC_ENOMEM;
		goto fail;
	}
	for (size_t i = 0; i < o->cat->nchecks; i++) {
		const struct fc_check_meta *m = &o->cat->checks[i];
		w->ctl_ix[i] = fc_calloc(m->ncontrols ? m->ncontrols : 1, sizeof **w->ctl_ix);
		if (!w->ctl_ix[i]) {
			st = FC_ENOMEM;
			goto fail;
		}
		for (size_t k = 0; k < m->ncontrols; k++) {
			const struct fc_control *c = fc_catalog_control(o->cat, m->controls[k]);
			if (c)
				w->ctl_ix[i][w->ctl_n[i]++] = (size_t)(c - o->cat->controls);
		}
	}
	/* open (and migrate) once up front so that a bad URL fails now */
	struct fc_store *probe = NULL;
	if ((st = fc_webdb_open(w->db_url, d, &probe)))
		goto fail;
	fc_store_close(probe);
	if (o->bundle) {
		struct fc_bundle_opts bo = {.as_of = FC_NO_DATE, .threads = 1};
		if ((st = fc_bundle_open(o->bundle, &bo, &w->bundle_diag, &w->bundle))) {
			fc_diag_error(d, o->bundle, 0, 0, "cannot read the bundle for the systems page");
			goto fail;
		}
	}
	struct sockaddr_in a4 = {0};
	struct sockaddr_in6 a6 = {0};
	struct sockaddr *sa;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO;
	if (inet_pton(AF_INET, host, &a4.sin_addr) == 1) {
		a4.sin_family = AF_INET;
		a4.sin_port = htons(port);
		sa = (struct sockaddr *)&a4;
	} else {
		inet_pton(AF_INET6, host, &a6.sin6_addr);
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons(port);
		sa = (struct sockaddr *)&a6;
		flags |= MHD_USE_IPv6;
	}
	unsigned threads = o->threads > 0 ? (unsigned)o->threads : 4;
	w->mhd = MHD_start_daemon(flags, port, NULL, NULL, handler, w, MHD_OPTION_SOCK_ADDR, sa,
				  MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
				  MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000, MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)512,
				  MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024), MHD_OPTION_NOTIFY_COMPLETED,
				  completed, NULL, MHD_OPTION_END);
	if (!w->mhd) {
		fc_diag_error(d, NULL, 0, 0, "cannot listen on %s (in use, or not an address of this machine)",
			      o->listen ? o->listen : "127.0.0.1:8080");
		st = FC_EIO;
		goto fail;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(w->mhd, MHD_DAEMON_INFO_BIND_PORT);
	w->port = di ? di->port : port;
	*out = w;
	return FC_OK;
fail:
	fc_web_stop(w);
	return st;
}

uint16_t fc_web_port(const struct fc_web *w)
{
	return w->port;
}

void fc_web_stop(struct fc_web *w)
{
	if (!w)
		return;
	if (w->mhd)
		MHD_stop_daemon(w->mhd);
	struct web_conn *c = w->conns;
	while (c) {
		struct web_conn *n = c->next;
		fc_store_close(c->store);
		fc_diag_release(&c->d);
		fc_free(c);
		c = n;
	}
	if (w->bundle)
		fc_bundle_free(w->bundle);
	fc_diag_release(&w->bundle_diag);
	pthread_mutex_destroy(&w->conns_lock);
	pthread_mutex_destroy(&w->plan_lock);
	pthread_mutex_destroy(&w->cache_lock);
	for (int i = 0; i < 2; i++)
		fc_free(w->ov[i].html);
	for (size_t i = 0; w->ctl_ix && w->cat && i < w->cat->nchecks; i++)
		fc_free(w->ctl_ix[i]);
	fc_free(w->ctl_ix);
	fc_free(w->ctl_n);
	fc_free(w->db_url);
	fc_free(w);
}
