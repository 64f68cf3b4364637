/*
 * sshd syslog lines (issue 6): /var/log/auth.log, /var/log/secure, journal
 * exports.  Timestamps: RFC 3164 "Mmm dd hh:mm:ss" (year from the as-of
 * date, roll-over handled by fc_syslog_ts), ISO 8601 / RFC 3339 with T or a
 * space, and RFC 5424 "<pri>1 2026-10-14T09:00:00+08:00 host sshd pid - -".
 * Tags: sshd, sshd-session and sshd-auth (OpenSSH 9.8+), sshd(pam_unix).
 *
 * One authentication attempt appears on several lines (Invalid user, the
 * pam_unix failure, Failed password, Connection closed).  The stream joins
 * them by sshd pid so that each attempt counts once:
 *   - "Failed <method> for [invalid user] U from IP" is the attempt;
 *   - "Invalid user U from IP" with no Failed line in its connection is a
 *     probe of a non-existent account (counted when the connection ends);
 *   - pam_unix "authentication failure" lines restate the Failed line and
 *     only count in a file that has no sshd Failed lines at all (old
 *     /var/log/messages layouts log only "sshd(pam_unix)[pid]").
 * The line scanner never reads past n and never allocates.
 */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "../core/date.h"
#include "../core/mem.h"
#include "logs.h"

static const char *const msg_names[] = {
	"not_sshd", "other", "failed", "accepted", "invalid_user", "pam_failure", "pam_unknown",
	"max_auth", "closed", "breakin", "no_ident", "denied", "locked", "duplicate", "scan",
};

const char *fc_ssh_msg_name(enum fc_ssh_msg m)
{
	return (unsigned)m < sizeof msg_names / sizeof *msg_names ? msg_names[m] : "?";
}

/* ---- small span helpers (pointer + length, never past the end) ---- */

/* Eight bytes at a time, then bytes: the literals are constants, so the
 * compiler turns each call into a few compares against immediates (a byte
 * loop over "pam_unix(sshd:auth): authentication failure;" cost a tenth of
 * the lexer's time). */
static inline bool starts(const char *p, size_t n, const char *lit, size_t ln)
{
	if (n < ln)
		return false;
	size_t i = 0;
	for (; i + 8 <= ln; i += 8) {
		uint64_t a, b;
		memcpy(&a, p + i, 8);
		memcpy(&b, lit + i, 8);
		if (a != b)
			return false;
	}
	for (; i < ln; i++)
		if (p[i] != lit[i])
			return false;
	return true;
}
#define STARTS(p, n, lit) starts(p, n, lit, sizeof(lit) - 1)

/* The first c in [p, p+n), or NULL.  Inline: most searches here end
 * within a few bytes (a space after a host name, the " for " after
 * "Failed password"), where calling memchr cost more than the search. */
static inline const char *fchr(const char *p, size_t n, char c)
{
	const char *end = p + n;
#ifdef __SSE2__
	const __m128i v = _mm_set1_epi8(c);
	while (end - p >= 16) {
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p), v));
		if (mask)
			return p + __builtin_ctz(mask);
		p += 16;
	}
#endif
	for (; p < end; p++)
		if (*p == c)
			return p;
	return NULL;
}

static const char *find(const char *p, size_t n, const char *lit, size_t ln)
{
	if (ln == 0 || n < ln)
		return NULL;
	const char *end = p + n - ln + 1;
	while (p < end) {
		const char *q = fchr(p, (size_t)(end - p), lit[0]);
		if (!q)
			return NULL;
		if (starts(q, ln, lit, ln))
			return q;
		p = q + 1;
	}
	return NULL;
}
#define FIND(p, n, lit) find(p, n, lit, sizeof(lit) - 1)

/* The last lit in [p, p+n).  Sixteen candidate places at a time, from the
 * end, that hold lit's first two bytes: the " from " that ends a user name
 * is found after skipping the address and port behind it at once. */
static const char *rfind(const char *p, size_t n, const char *lit, size_t ln)
{
	if (ln == 0 || n < ln)
		return NULL;
	size_t end = n - ln + 1; /* candidates are p[0 .. end) */
#ifdef __SSE2__
	if (ln >= 2) {
		const __m128i c0 = _mm_set1_epi8(lit[0]), c1 = _mm_set1_epi8(lit[1]);
		while (end >= 16) { /* the loads end at p + end + 1 <= p + n (ln >= 2) */
			size_t lo = end - 16;
			__m128i a = _mm_loadu_si128((const __m128i *)(p + lo));
			__m128i b = _mm_loadu_si128((const __m128i *)(p + lo + 1));
			unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, c0), _mm_cmpeq_epi8(b, c1)));
			while (mask) {
				int bit = 31 - __builtin_clz(mask);
				if (starts(p + lo + bit, ln, lit, ln))
					return p + lo + bit;
				mask &= ~(1u << bit);
			}
			end = lo;
		}
	}
#endif
	while (end-- > 0)
		if (p[end] == lit[0] && starts(p + end, ln, lit, ln))
			return p + end;
	return NULL;
}
#define RFIND(p, n, lit) rfind(p, n, lit, sizeof(lit) - 1)

static inline size_t tok(const char *p, size_t n) /* length up to a space */
{
	const char *s = fchr(p, n, ' ');
	return s ? (size_t)(s - p) : n;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ---- timestamps ---- */

/* The last minute read, for each form: lines of one minute share their
 * text up to the seconds (and, in ISO form, the zone after them), so the
 * seconds are read alone.  A full parse costs 50-80 ns a line. */
struct ts_cache {
	uint64_t k0, k1; /* RFC 3164: the 12 bytes "Mmm dd hh:mm" as two loads */
	bool valid;
	int64_t minute; /* its time at second 0 */
	uint64_t i0, i1; /* ISO: the 16 bytes "2026-10-14T09:12" */
	char zone[16];	 /* and what follows the seconds' fraction */
	uint8_t zlen;
	bool ivalid;
	int64_t iminute;
};

static inline int two_digits(const char *s) /* "dd": 0-99, else -1 */
{
	return is_digit(s[0]) && is_digit(s[1]) ? (s[0] - '0') * 10 + (s[1] - '0') : -1;
}

/* An ISO time stamp of the usual shape "YYYY-MM-DD?hh:mm:ss[.fff]ZONE"
 * (len bytes): where its zone starts, and its seconds (0-60); 0 if it has
 * another shape (then it is always parsed in full). */
static size_t iso_shape(const char *p, size_t len, int *sec)
{
	if (len < 19 || p[13] != ':' || p[16] != ':' || two_digits(p + 11) < 0 || two_digits(p + 14) < 0 ||
	    (*sec = two_digits(p + 17)) < 0 || *sec > 60)
		return 0;
	size_t z = 19;
	if (z < len && (p[z] == '.' || p[z] == ',')) {
		z++;
		while (z < len && is_digit(p[z]))
			z++;
	}
	return len - z <= sizeof(((struct ts_cache *)0)->zone) ? z : 0;
}

/* ISO 8601 / RFC 3339: "2026-10-14T09:00:00[.ffffff][Z|+08:00|+0800]" or
 * "2020-03-23 06:47:42.801612-0700".  Returns bytes consumed, 0 if none.
 * A stamp that differs from the cached one only in its seconds and their
 * fraction has the cached minute's time plus its seconds: the date, hour,
 * minute and zone that fc_ts_parse read are the same bytes. */
static size_t iso_ts(const char *p, size_t n, int64_t *ts, struct ts_cache *c)
{
	if (n < 19 || !is_digit(p[0]) || p[4] != '-' || p[7] != '-' || (p[10] != 'T' && p[10] != ' '))
		return 0;
	size_t len = 11;
	while (len < n && len < 48 && p[len] != ' ')
		len++;
	uint64_t i0, i1;
	memcpy(&i0, p, 8);
	memcpy(&i1, p + 8, 8);
	int sec = 0;
	size_t z = iso_shape(p, len, &sec);
	if (z && c && c->ivalid && c->i0 == i0 && c->i1 == i1 && c->zlen == len - z &&
	    !memcmp(c->zone, p + z, len - z)) {
		*ts = c->iminute + (sec == 60 ? 59 : sec);
		return len;
	}
	char buf[50];
	memcpy(buf, p, len);
	buf[len] = '\0';
	bool never = false;
	if (!fc_ts_parse(buf, ts, &never) || never)
		return 0;
	if (z && c) {
		c->i0 = i0;
		c->i1 = i1;
		c->zlen = (uint8_t)(len - z);
		memcpy(c->zone, p + z, len - z);
		c->iminute = *ts - (sec == 60 ? 59 : sec);
		c->ivalid = true;
	}
	return len;
}

static inline int sec_of(const char *s) /* "ss" at s[13]: 0-60, else -1 */
{
	if (s[12] != ':' || !is_digit(s[13]) || !is_digit(s[14]))
		return -1;
	int se = (s[13] - '0') * 10 + (s[14] - '0');
	return se > 60 ? -1 : se == 60 ? 59 : se; /* a leap second is :59 */
}

/* The timestamp at the start of a line; *rest points after it and one or
 * more spaces.  *rfc5424 is set for "<pri>1 " lines. */
static bool line_ts(const char *p, size_t n, int32_t asof, struct ts_cache *c, int64_t *ts,
		    size_t *used, bool *rfc5424)
{
	size_t i = 0;
	*rfc5424 = false;
	if (n && p[0] == '<') { /* syslog priority as forwarded on the wire */
		size_t j = 1;
		while (j < n && j < 5 && is_digit(p[j]))
			j++;
		if (j == 1 || j >= n || p[j] != '>')
			return false;
		i = j + 1;
		if (i + 1 < n && p[i] == '1' && p[i + 1] == ' ') {
			*rfc5424 = true;
			i += 2;
		}
	}
	const char *s = p + i;
	size_t m = n - i;
	size_t k;
	if (m >= 15 && s[3] == ' ' && !is_digit(s[0])) {
		uint64_t k0, k1;
		memcpy(&k0, s, 8);
		memcpy(&k1, s + 4, 8);
		int se;
		if (c && c->valid && c->k0 == k0 && c->k1 == k1 && (se = sec_of(s)) >= 0) {
			*ts = c->minute + se;
			k = 15;
		} else {
			int r = fc_syslog_ts(s, (int)(m > 64 ? 64 : m), asof, ts);
			if (!r)
				return false;
			k = (size_t)r;
			if (c && r == 15 && (se = sec_of(s)) >= 0) {
				c->k0 = k0;
				c->k1 = k1;
				c->minute = *ts - se;
				c->valid = true;
			}
		}
	} else if (!(k = iso_ts(s, m, ts, c))) {
		return false;
	}
	while (k < m && s[k] == ' ')
		k++;
	*used = i + k;
	return true;
}

/* ---- field extraction ---- */

static void set_ip(struct fc_ssh_line *o, const char *p, size_t n)
{
	size_t t = tok(p, n);
	/* "[preauth]" or ":" may trail the address */
	while (t && (p[t - 1] == ':' || p[t - 1] == ','))
		t--;
	o->ip = p;
	o->ip_len = t;
}

/* "[invalid user |illegal user ]USER from IP ..." with the user possibly
 * containing spaces: the last " from " ends it. */
static bool user_from(struct fc_ssh_line *o, const char *p, size_t n)
{
	if (STARTS(p, n, "invalid user ") || STARTS(p, n, "illegal user ")) {
		o->invalid_user = true;
		p += 13;
		n -= 13;
	}
	const char *f = RFIND(p, n, " from ");
	if (!f) {
		/* "Invalid user  from 1.2.3.4" has an empty user: f at p-1 */
		if (STARTS(p, n, "from ")) {
			o->user = p;
			o->user_len = 0;
			set_ip(o, p + 5, n - 5);
			return true;
		}
		return false;
	}
	/* keep the ip token; a " port " after it is fine */
	o->user = p;
	o->user_len = (size_t)(f - p);
	set_ip(o, f + 6, n - (size_t)(f + 6 - p));
	return true;
}

/* "[invalid user U |authenticating user U |user U ]IP port P" (Connection
 * closed by / Disconnected from / Connection reset by, OpenSSH 7.5+). */
static void who_ip(struct fc_ssh_line *o, const char *p, size_t n)
{
	size_t skip = 0;
	if (STARTS(p, n, "invalid user ")) {
		o->invalid_user = true;
		skip = 13;
	} else if (STARTS(p, n, "authenticating user ")) {
		skip = 20;
	} else if (STARTS(p, n, "user ")) {
		skip = 5;
	}
	if (skip) {
		/* the user may be empty or contain spaces: the address is the
		 * token before " port " (or the last token) */
		const char *port = RFIND(p + skip, n - skip, " port ");
		const char *end = port ? port : p + n;
		const char *sp = end;
		while (sp > p + skip && sp[-1] != ' ')
			sp--;
		o->user = p + skip;
		o->user_len = sp > p + skip ? (size_t)(sp - 1 - (p + skip)) : 0;
		set_ip(o, sp, (size_t)(p + n - sp));
		return;
	}
	set_ip(o, p, n);
}

/* pam_unix's "rhost=" and "user=" fields, in one pass: the first of each
 * that starts the message or follows a space or ';' (the user name comes
 * last and may hold spaces, so a later "rhost=" inside it is not taken). */
static void pam_fields(const char *p, size_t n, struct fc_ssh_line *o)
{
	bool host = false, user = false;
	size_t i = 0;
	while (i < n && !(host && user)) {
		/* the next candidate: an 'r' or a 'u' that starts the message
		 * or follows a space or ';' */
#ifdef __SSE2__
		if (i && n - i >= 16) {
			const __m128i sp = _mm_set1_epi8(' '), sc = _mm_set1_epi8(';');
			const __m128i r = _mm_set1_epi8('r'), u = _mm_set1_epi8('u');
			__m128i prev = _mm_loadu_si128((const __m128i *)(p + i - 1));
			__m128i cur = _mm_loadu_si128((const __m128i *)(p + i));
			__m128i sep = _mm_or_si128(_mm_cmpeq_epi8(prev, sp), _mm_cmpeq_epi8(prev, sc));
			__m128i ru = _mm_or_si128(_mm_cmpeq_epi8(cur, r), _mm_cmpeq_epi8(cur, u));
			unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(sep, ru));
			if (!mask) {
				i += 16;
				continue;
			}
			i += (size_t)__builtin_ctz(mask);
		} else
#endif
		if (i && p[i - 1] != ' ' && p[i - 1] != ';') {
			i++;
			continue;
		}
		if (!host && STARTS(p + i, n - i, "rhost=")) {
			o->ip = p + i + 6;
			o->ip_len = tok(o->ip, n - i - 6);
			host = true;
		} else if (!user && STARTS(p + i, n - i, "user=")) {
			o->user = p + i + 5;
			o->user_len = tok(o->user, n - i - 5);
			user = true;
		}
		i++;
	}
}

/* skip: its fields are not wanted (the file has sshd Failed lines, which
 * the pam line only restates) */
static void classify_pam_failure(struct fc_ssh_line *o, const char *m, size_t mn, bool skip)
{
	o->msg = FC_SSH_PAM_FAILURE;
	if (!skip)
		pam_fields(m, mn, o);
}

/* The message after "sshd[pid]: ". */
static void classify_msg(struct fc_ssh_line *o, const char *m, size_t n, int depth, bool skip_pam)
{
	o->msg = FC_SSH_OTHER;
	/* Solaris: "[ID 800047 auth.notice] Failed none for root ..." */
	if (STARTS(m, n, "[ID ")) {
		const char *e = memchr(m, ']', n);
		if (e) {
			size_t k = (size_t)(e - m) + 1;
			while (k < n && m[k] == ' ')
				k++;
			m += k;
			n -= k;
		}
	}
	if (o->pam_tag) {
		if (STARTS(m, n, "authentication failure;"))
			classify_pam_failure(o, m, n, skip_pam);
		else if (STARTS(m, n, "check pass; user unknown"))
			o->msg = FC_SSH_PAM_UNKNOWN;
		return;
	}
	if (!n)
		return;
	switch (m[0]) {
	case 'F':
		if (STARTS(m, n, "Failed ")) {
			const char *f = FIND(m + 7, n - 7, " for ");
			if (!f)
				return;
			o->method = m + 7;
			o->method_len = (size_t)(f - (m + 7));
			const char *r = f + 5;
			if (user_from(o, r, (size_t)(m + n - r)))
				o->msg = FC_SSH_FAILED;
		}
		return;
	case 'A':
		if (STARTS(m, n, "Accepted ")) {
			const char *f = FIND(m + 9, n - 9, " for ");
			if (!f)
				return;
			o->method = m + 9;
			o->method_len = (size_t)(f - (m + 9));
			const char *r = f + 5;
			if (user_from(o, r, (size_t)(m + n - r)))
				o->msg = FC_SSH_ACCEPTED;
			o->invalid_user = false;
		} else if (STARTS(m, n, "Address ") && FIND(m, n, "POSSIBLE BREAK")) {
			o->msg = FC_SSH_BREAKIN;
			set_ip(o, m + 8, n - 8);
		}
		return;
	case 'I':
	case 'i':
		if (STARTS(m, n, "Invalid user ") || STARTS(m, n, "Illegal user ")) {
			o->invalid_user = true;
			const char *r = m + 13;
			size_t rn = n - 13;
			if (user_from(o, r, rn)) {
				o->invalid_user = true;
				o->msg = FC_SSH_INVALID_USER;
			}
		} else if (STARTS(m, n, "input_userauth_request: invalid user ") ||
			   STARTS(m, n, "input_userauth_request: illegal user ")) {
			/* restates "Invalid user" */
			o->msg = FC_SSH_DUPLICATE;
			o->invalid_user = true;
			o->user = m + 37;
			o->user_len = n - 37;
			const char *pa = RFIND(o->user, o->user_len, " [preauth]");
			if (pa)
				o->user_len = (size_t)(pa - o->user);
		}
		return;
	case 'p':
		if (STARTS(m, n, "pam_unix(sshd:auth): authentication failure;") ||
		    STARTS(m, n, "pam_unix(sshd-session:auth): authentication failure;") ||
		    STARTS(m, n, "pam_sss(sshd:auth): authentication failure;")) {
			classify_pam_failure(o, m, n, skip_pam);
		} else if (STARTS(m, n, "pam_unix(sshd:auth): check pass; user unknown") ||
			   STARTS(m, n, "pam_unix(sshd-session:auth): check pass; user unknown")) {
			o->msg = FC_SSH_PAM_UNKNOWN;
		} else if (STARTS(m, n, "pam_faillock(") && FIND(m, n, "locked")) {
			/* "Consecutive login failures for user U account temporarily locked" */
			const char *u = FIND(m, n, "for user ");
			o->msg = FC_SSH_LOCKED;
			if (u) {
				o->user = u + 9;
				o->user_len = tok(o->user, (size_t)(m + n - o->user));
			}
		} else if (STARTS(m, n, "pam_tally")) {
			/* "pam_tally2(sshd:auth): user U (0) tally 4, deny 3" */
			const char *u = FIND(m, n, "): user ");
			if (u && FIND(m, n, " deny ")) {
				o->msg = FC_SSH_LOCKED;
				o->user = u + 8;
				o->user_len = tok(o->user, (size_t)(m + n - o->user));
			}
		} else if (STARTS(m, n, "pam_unix(sshd:session)") || STARTS(m, n, "pam_systemd(")) {
			o->msg = FC_SSH_OTHER;
		}
		return;
	case 'P':
		if (STARTS(m, n, "PAM ") && n > 4 && is_digit(m[4]) && FIND(m, n, " more authentication failure")) {
			o->msg = FC_SSH_DUPLICATE; /* a summary of lines already counted */
			pam_fields(m, n, o);
		} else if (STARTS(m, n, "Postponed ")) {
			const char *f = FIND(m, n, " for ");
			o->msg = FC_SSH_DUPLICATE;
			if (f)
				user_from(o, f + 5, (size_t)(m + n - (f + 5)));
		}
		return;
	case 'e':
		if (STARTS(m, n, "error: maximum authentication attempts exceeded for ")) {
			const char *r = m + 52;
			o->msg = FC_SSH_MAX_AUTH;
			user_from(o, r, (size_t)(m + n - r));
		} else if (STARTS(m, n, "error: PAM: ")) {
			/* FreeBSD/keyboard-interactive: restates a Failed line */
			const char *f = FIND(m + 12, n - 12, " for ");
			o->msg = FC_SSH_DUPLICATE;
			if (f)
				user_from(o, f + 5, (size_t)(m + n - (f + 5)));
		} else if (STARTS(m, n, "error: Received disconnect from ")) {
			o->msg = FC_SSH_CLOSED;
			set_ip(o, m + 32, n - 32);
		} else if (STARTS(m, n, "error: kex_exchange_identification:") ||
			   STARTS(m, n, "error: Protocol major versions differ")) {
			o->msg = FC_SSH_SCAN;
		}
		return;
	case 'm':
		if (STARTS(m, n, "message repeated ") && depth == 0) {
			/* rsyslog: "message repeated 5 times: [ Failed password ...]" */
			size_t k = 17;
			unsigned rep = 0;
			while (k < n && is_digit(m[k]) && rep < 1000000)
				rep = rep * 10 + (unsigned)(m[k++] - '0');
			const char *br = FIND(m + k, n - k, ": [");
			if (!br || rep == 0)
				return;
			const char *in = br + 3;
			size_t inn = (size_t)(m + n - in);
			while (inn && *in == ' ') {
				in++;
				inn--;
			}
			if (inn && in[inn - 1] == ']')
				inn--;
			classify_msg(o, in, inn, depth + 1, skip_pam);
			o->repeat = rep;
		}
		return;
	case 'C':
		if (STARTS(m, n, "Connection closed by ")) {
			o->msg = FC_SSH_CLOSED;
			who_ip(o, m + 21, n - 21);
		} else if (STARTS(m, n, "Connection reset by ")) {
			o->msg = FC_SSH_CLOSED;
			who_ip(o, m + 20, n - 20);
		} else if (STARTS(m, n, "Corrupted MAC on input")) {
			o->msg = FC_SSH_SCAN;
		}
		return;
	case 'D':
		if (STARTS(m, n, "Disconnected from ")) {
			o->msg = FC_SSH_CLOSED;
			who_ip(o, m + 18, n - 18);
		} else if (STARTS(m, n, "Did not receive identification string from ")) {
			o->msg = FC_SSH_NO_IDENT;
			set_ip(o, m + 44, n - 44);
		} else if (STARTS(m, n, "Disconnecting: Too many authentication failures")) {
			o->msg = FC_SSH_MAX_AUTH;
			const char *f = FIND(m, n, " for ");
			if (f) {
				const char *u = f + 5;
				size_t un = (size_t)(m + n - u);
				if (STARTS(u, un, "invalid user ")) {
					o->invalid_user = true;
					u += 13;
					un -= 13;
				}
				o->user = u;
				o->user_len = tok(u, un);
			}
		} else if (STARTS(m, n, "Disconnecting: ")) {
			/* "bad client public DH value", "Corrupted MAC": protocol abuse */
			o->msg = FC_SSH_SCAN;
		} else if (STARTS(m, n, "Disconnecting ")) {
			/* OpenSSH 8+: "Disconnecting invalid user U IP port P: Too many
			 * authentication failures [preauth]" */
			const char *c = FIND(m, n, ": ");
			size_t wn = c ? (size_t)(c - (m + 14)) : n - 14;
			who_ip(o, m + 14, wn);
			o->msg = FIND(m, n, "Too many authentication failures") ? FC_SSH_MAX_AUTH : FC_SSH_CLOSED;
		}
		return;
	case 'R':
		if (STARTS(m, n, "Received disconnect from ")) {
			o->msg = FC_SSH_CLOSED;
			set_ip(o, m + 25, n - 25);
		}
		return;
	case 'r':
		if (STARTS(m, n, "reverse mapping checking getaddrinfo for ") && FIND(m, n, "POSSIBLE BREAK")) {
			o->msg = FC_SSH_BREAKIN;
			const char *lb = memchr(m, '[', n);
			if (lb) {
				const char *rb = memchr(lb, ']', (size_t)(m + n - lb));
				if (rb) {
					o->ip = lb + 1;
					o->ip_len = (size_t)(rb - lb - 1);
				}
			}
		}
		return;
	case 'U':
		if (STARTS(m, n, "User ") && FIND(m, n, " not allowed because ")) {
			/* "User root from 1.2.3.4 not allowed because not listed in
			 * AllowUsers"; "User U not allowed because account is locked" */
			const char *nb = FIND(m, n, " not allowed because ");
			const char *u = m + 5;
			const char *f = find(u, (size_t)(nb - u), " from ", 6);
			o->user = u;
			o->user_len = (size_t)((f ? f : nb) - u);
			if (f)
				set_ip(o, f + 6, (size_t)(nb - (f + 6)));
			o->msg = FIND(nb, (size_t)(m + n - nb), "account is locked") ? FC_SSH_LOCKED : FC_SSH_DENIED;
		} else if (STARTS(m, n, "Unable to negotiate with ")) {
			o->msg = FC_SSH_SCAN;
			set_ip(o, m + 25, n - 25);
		}
		return;
	case 'B':
		if (STARTS(m, n, "Bad protocol version identification")) {
			const char *f = RFIND(m, n, " from ");
			o->msg = FC_SSH_SCAN;
			if (f)
				set_ip(o, f + 6, (size_t)(m + n - (f + 6)));
		} else if (STARTS(m, n, "Bad packet length")) {
			o->msg = FC_SSH_SCAN;
		}
		return;
	case 'f':
		if (STARTS(m, n, "fatal: Unable to negotiate with ")) {
			o->msg = FC_SSH_SCAN;
			set_ip(o, m + 32, n - 32);
		} else if (STARTS(m, n, "fatal: Unable to negotiate")) {
			o->msg = FC_SSH_SCAN;
		}
		return;
	case 'b':
		if (STARTS(m, n, "banner exchange: Connection from ")) {
			o->msg = FC_SSH_SCAN;
			set_ip(o, m + 33, n - 33);
		}
		return;
	default:
		return;
	}
}

static bool is_sshd_tag(const char *t, size_t n, bool *pam)
{
	*pam = false;
	if (n == 4 && !memcmp(t, "sshd", 4))
		return true;
	if (n == 12 && !memcmp(t, "sshd-session", 12))
		return true;
	if (n == 9 && !memcmp(t, "sshd-auth", 9))
		return true;
	if (n > 5 && !memcmp(t, "sshd(", 5)) {
		*pam = n == 14 && !memcmp(t, "sshd(pam_unix)", 14);
		return true;
	}
	return false;
}

static bool classify(const char *p, size_t n, int32_t asof, struct ts_cache *c, bool skip_pam, struct fc_ssh_line *o)
{
	/* field by field: a memset of the struct compiled to "rep stos", whose
	 * start-up cost was half of this function's time */
	o->msg = FC_SSH_NOT_SSHD;
	o->ts = 0;
	o->pid = -1;
	o->invalid_user = o->pam_tag = false;
	o->repeat = 1;
	o->host = o->user = o->ip = o->method = NULL;
	o->host_len = o->user_len = o->ip_len = o->method_len = 0;
	size_t k;
	bool rfc5424;
	if (!line_ts(p, n, asof, c, &o->ts, &k, &rfc5424))
		return false;
	const char *s = p + k;
	size_t m = n - k;
	/* host */
	size_t h = tok(s, m);
	if (h == 0 || h == m)
		return false;
	o->host = s;
	o->host_len = h;
	s += h + 1;
	m -= h + 1;
	while (m && *s == ' ') {
		s++;
		m--;
	}
	const char *msg;
	size_t mn;
	if (rfc5424) {
		/* APP-NAME PROCID MSGID STRUCTURED-DATA MSG */
		size_t a = tok(s, m);
		if (a == m || !is_sshd_tag(s, a, &o->pam_tag))
			return false;
		const char *q = s + a + 1;
		size_t qn = m - a - 1;
		size_t pl = tok(q, qn);
		if (pl == qn)
			return false;
		long pid = 0;
		bool num = pl > 0;
		for (size_t i = 0; i < pl; i++) {
			if (!is_digit(q[i]) || pid > 100000000) {
				num = false;
				break;
			}
			pid = pid * 10 + (q[i] - '0');
		}
		o->pid = num ? pid : -1;
		q += pl + 1;
		qn -= pl + 1;
		size_t ml = tok(q, qn); /* MSGID */
		if (ml == qn)
			return false;
		q += ml + 1;
		qn -= ml + 1;
		if (qn && q[0] == '[') { /* structured data: skip to "] " outside quotes */
			size_t i = 0;
			bool inq = false;
			for (; i < qn; i++) {
				if (q[i] == '\\' && i + 1 < qn) {
					i++;
					continue;
				}
				if (q[i] == '"')
					inq = !inq;
				else if (!inq && q[i] == ']' && (i + 1 == qn || q[i + 1] == ' '))
					break;
			}
			if (i >= qn)
				return false;
			q += i + 1;
			qn -= i + 1;
		} else {
			size_t sl = tok(q, qn);
			q += sl;
			qn -= sl;
		}
		if (qn && *q == ' ') {
			q++;
			qn--;
		}
		if (qn >= 3 && (unsigned char)q[0] == 0xEF && (unsigned char)q[1] == 0xBB &&
		    (unsigned char)q[2] == 0xBF) { /* RFC 5424 BOM before MSG */
			q += 3;
			qn -= 3;
		}
		msg = q;
		mn = qn;
	} else {
		/* TAG[PID]: or TAG: */
		size_t t = 0;
		while (t < m && s[t] != '[' && s[t] != ':' && s[t] != ' ')
			t++;
		if (t == m || !is_sshd_tag(s, t, &o->pam_tag))
			return false;
		size_t i = t;
		if (s[i] == '[') {
			long pid = 0;
			i++;
			size_t d0 = i;
			while (i < m && is_digit(s[i]) && pid < 100000000)
				pid = pid * 10 + (s[i++] - '0');
			if (i == d0 || i >= m || s[i] != ']')
				return false;
			o->pid = pid;
			i++;
		}
		if (i >= m || s[i] != ':')
			return false;
		i++;
		while (i < m && s[i] == ' ')
			i++;
		msg = s + i;
		mn = m - i;
	}
	classify_msg(o, msg, mn, 0, skip_pam);
	return true;
}

bool fc_ssh_classify(const char *line, size_t n, int32_t asof_days, struct fc_ssh_line *out)
{
	return classify(line, n, asof_days, NULL, false, out);
}

/* ---- the stream: one file's lines, joined by connection ---- */

#define SLOTS 2048
#define SLOT_USER 64
/* pam_unix failures held while a file has shown no sshd "Failed" line; a
 * file with this many and none is a pam-only log */
#define PAM_HOLD 65536

struct slot {
	long pid;
	uint32_t hosth;
	bool used, probe, failed, pam_unknown;
	int64_t ts;
	long line;
	uint64_t off;
	struct fc_ip ip;
	bool has_ip;
	uint8_t user_len, host_len;
	char user[SLOT_USER], host[SLOT_USER];
};

struct held {
	int64_t ts;
	long line;
	uint64_t off;
	struct fc_ip ip;
	bool has_ip, unknown;
	uint8_t user_len, host_len;
	char user[SLOT_USER], host[SLOT_USER];
};

struct fc_ssh_stream {
	int32_t asof;
	fc_log_emit_fn emit;
	void *ud;
	struct ts_cache cache;
	struct slot *slots;
	struct held *held;
	size_t nheld, capheld;
	bool failed_seen;	/* sshd's own Failed lines exist: pam lines restate them */
	bool pam_only;		/* PAM_HOLD failures and no Failed line */
	struct fc_ssh_stream_stats st;
	char hname[64]; /* the last host and its hash */
	size_t hlen;
	uint32_t hhash;
};

struct fc_ssh_stream *fc_ssh_stream_new(int32_t asof_days, fc_log_emit_fn emit, void *ud)
{
	struct fc_ssh_stream *s = fc_calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->slots = fc_calloc(SLOTS, sizeof(*s->slots));
	if (!s->slots) {
		fc_free(s);
		return NULL;
	}
	s->asof = asof_days;
	s->emit = emit;
	s->ud = ud;
	return s;
}

void fc_ssh_stream_free(struct fc_ssh_stream *s)
{
	if (!s)
		return;
	fc_free(s->slots);
	fc_free(s->held);
	fc_free(s);
}

void fc_ssh_stream_stats(const struct fc_ssh_stream *s, struct fc_ssh_stream_stats *out)
{
	*out = s->st;
}

static uint32_t hash_bytes(const char *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h;
}

static size_t copy_cap(char *dst, size_t cap, const char *src, size_t n)
{
	if (n > cap)
		n = cap;
	if (n)
		memcpy(dst, src, n);
	return n;
}

/* Dotted IPv4 without inet_pton (most of a log's addresses), the same
 * value fc_ip_parse gives (::ffff:a.b.c.d); anything else goes to it. */
static bool ip_parse(const char *p, size_t n, struct fc_ip *out)
{
	uint32_t v = 0;
	unsigned oct = 0, dots = 0, digits = 0;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c >= '0' && c <= '9') {
			if (digits && oct == 0) /* a leading zero: leave it to inet_pton */
				return fc_ip_parse(p, n, out);
			oct = oct * 10 + (unsigned)(c - '0');
			if (oct > 255 || ++digits > 3)
				return false;
		} else if (c == '.' && digits && dots < 3) {
			v = v << 8 | oct;
			oct = digits = 0;
			dots++;
		} else {
			return fc_ip_parse(p, n, out);
		}
	}
	if (dots != 3 || !digits)
		return fc_ip_parse(p, n, out);
	v = v << 8 | oct;
	out->hi = 0;
	out->lo = 0x0000ffff00000000ULL | v;
	return true;
}

static bool is_root(const char *u, size_t n)
{
	return n == 4 && !memcmp(u, "root", 4);
}

static void emit_probe(struct fc_ssh_stream *s, struct slot *sl)
{
	struct fc_log_event ev = {
		.ts = sl->ts,
		.line = sl->line,
		.count = 1,
		.kind = FC_LK_PROBE,
		.flags = FC_LF_NONEXISTENT | FC_LF_COUNTED | (sl->has_ip ? FC_LF_HAS_IP : 0),
		.ip = sl->ip,
		.account = sl->user,
		.account_len = sl->user_len,
		.source = sl->host,
		.source_len = sl->host_len,
		.off = sl->off,
	};
	s->emit(s->ud, &ev);
	sl->probe = false;
}

static struct slot *slot_of(struct fc_ssh_stream *s, const struct fc_ssh_line *l, bool create)
{
	if (l->pid < 0)
		return NULL;
	uint32_t hh;
	if (s->hlen == l->host_len && l->host_len <= sizeof s->hname && !memcmp(s->hname, l->host, l->host_len)) {
		hh = s->hhash; /* the same host as the line before */
	} else {
		hh = hash_bytes(l->host, l->host_len);
		if (l->host_len <= sizeof s->hname) {
			memcpy(s->hname, l->host, l->host_len);
			s->hlen = l->host_len;
			s->hhash = hh;
		}
	}
	struct slot *sl = &s->slots[((uint32_t)l->pid ^ (hh * 31u)) % SLOTS];
	if (sl->used && sl->pid == l->pid && sl->hosth == hh)
		return sl;
	if (!create)
		return NULL;
	if (sl->used && sl->probe) /* evicted: its connection is long over */
		emit_probe(s, sl);
	memset(sl, 0, offsetof(struct slot, user));
	sl->used = true;
	sl->pid = l->pid;
	sl->hosth = hh;
	return sl;
}

static void flush_held(struct fc_ssh_stream *s)
{
	for (size_t i = 0; i < s->nheld; i++) {
		struct held *h = &s->held[i];
		struct fc_log_event ev = {
			.ts = h->ts,
			.line = h->line,
			.count = 1,
			.kind = FC_LK_FAILURE,
			.flags = (h->has_ip ? FC_LF_HAS_IP : 0) | (h->unknown ? FC_LF_NONEXISTENT : 0) |
				 (is_root(h->user, h->user_len) ? FC_LF_ROOT : 0),
			.ip = h->ip,
			.account = h->user_len ? h->user : NULL,
			.account_len = h->user_len,
			.source = h->host,
			.source_len = h->host_len,
			.off = h->off,
		};
		s->emit(s->ud, &ev);
	}
	s->nheld = 0;
}

int32_t fc_ssh_stream_pending_day(const struct fc_ssh_stream *s)
{
	int32_t d = FC_NO_DATE;
	if (s->nheld)
		d = fc_ts_day(s->held[0].ts);
	for (size_t i = 0; i < SLOTS; i++)
		if (s->slots[i].used && s->slots[i].probe) {
			int32_t x = fc_ts_day(s->slots[i].ts);
			if (d == FC_NO_DATE || x < d)
				d = x;
		}
	return d;
}

/* Padded to its own cache lines: a reader thread reads (and each minute
 * writes) the cache on every line, and must not share a line with a heap
 * neighbour that another thread writes (false sharing). */
struct fc_ssh_lexer {
	char pad0[64];
	int32_t asof;
	struct ts_cache cache;
	bool failed_seen;
	char pad1[64];
};

struct fc_ssh_lexer *fc_ssh_lexer_new(int32_t asof_days)
{
	struct fc_ssh_lexer *x = fc_calloc(1, sizeof(*x));
	if (x)
		x->asof = asof_days;
	return x;
}

void fc_ssh_lexer_free(struct fc_ssh_lexer *x) { fc_free(x); }

/* failed_seen: a Failed line came before in the file, so the pam_unix
 * failure lines only restate attempts, and their rhost= and user= are
 * not read (the stream reads neither then; a third of pam lines' cost). */
static int lex(int32_t asof, struct ts_cache *c, bool failed_seen, const char *line, size_t n,
	       struct fc_ssh_line *l)
{
	if (classify(line, n, asof, c, failed_seen, l))
		return 1;
	/* an sshd line whose timestamp we cannot read is worth a count */
	if (n > 16 && (FIND(line, n > 96 ? 96 : n, " sshd[") || FIND(line, n > 96 ? 96 : n, " sshd:")))
		return -1;
	return 0;
}

int fc_ssh_lex(struct fc_ssh_lexer *x, const char *line, size_t n, struct fc_ssh_line *l)
{
	int r = lex(x->asof, &x->cache, x->failed_seen, line, n, l);
	if (r == 1 && l->msg == FC_SSH_FAILED)
		x->failed_seen = true; /* as the stream will, fed this line */
	return r;
}

bool fc_ssh_stream_line(struct fc_ssh_stream *s, const char *line, size_t n, long lineno, uint64_t off)
{
	struct fc_ssh_line l;
	int r = lex(s->asof, &s->cache, s->failed_seen, line, n, &l);
	return fc_ssh_stream_feed(s, r, &l, line, n, lineno, off);
}

bool fc_ssh_stream_feed(struct fc_ssh_stream *s, int r, const struct fc_ssh_line *lp, const char *line, size_t n,
			long lineno, uint64_t off)
{
	if (r <= 0) {
		if (r < 0)
			s->st.timestamp_errors++;
		return false;
	}
	const struct fc_ssh_line *l = lp;
	s->st.sshd_lines++;
	/* field by field: an initializer zeroed the struct with "rep stos"
	 * first, a sixth of this function's time */
	struct fc_log_event ev;
	ev.ts = l->ts;
	ev.line = lineno;
	ev.count = l->repeat;
	ev.kind = FC_LK_INFO;
	ev.flags = 0;
	ev.ip.hi = ev.ip.lo = 0;
	ev.account = l->user;
	ev.account_len = l->user_len;
	ev.source = l->host;
	ev.source_len = l->host_len;
	ev.text = line;
	ev.text_len = n;
	ev.off = off;
	ev.addr = NULL;
	ev.addr_len = 0;
	/* only the lines that become attempts need the address parsed */
	bool need_ip = l->msg == FC_SSH_FAILED || l->msg == FC_SSH_ACCEPTED || l->msg == FC_SSH_INVALID_USER ||
		       l->msg == FC_SSH_LOCKED || (l->msg == FC_SSH_PAM_FAILURE && !s->failed_seen);
	if (need_ip && l->ip_len) {
		if (ip_parse(l->ip, l->ip_len, &ev.ip)) {
			ev.flags |= FC_LF_HAS_IP;
		} else {
			ev.addr = l->ip;
			ev.addr_len = l->ip_len;
		}
	}
	if (l->invalid_user)
		ev.flags |= FC_LF_NONEXISTENT;
	if (l->user && is_root(l->user, l->user_len))
		ev.flags |= FC_LF_ROOT;
	if (l->msg != FC_SSH_OTHER)
		s->st.recognized++;
	switch (l->msg) {
	case FC_SSH_FAILED: {
		s->failed_seen = true;
		if (s->nheld) /* the pam lines restated Failed lines after all */
			s->nheld = 0;
		struct slot *sl = slot_of(s, l, true);
		if (sl) {
			sl->failed = true;
			sl->probe = false;
		}
		ev.kind = FC_LK_FAILURE;
		s->emit(s->ud, &ev);
		return true;
	}
	case FC_SSH_ACCEPTED:
		ev.kind = FC_LK_SUCCESS;
		s->emit(s->ud, &ev);
		return true;
	case FC_SSH_INVALID_USER: {
		struct slot *sl = slot_of(s, l, true);
		if (sl) {
			if (sl->probe) /* a second Invalid user line in one connection */
				emit_probe(s, sl);
			sl->probe = !sl->failed;
			sl->ts = l->ts;
			sl->line = lineno;
			sl->off = off;
			sl->ip = ev.ip;
			sl->has_ip = (ev.flags & FC_LF_HAS_IP) != 0;
			sl->user_len = (uint8_t)copy_cap(sl->user, SLOT_USER, l->user, l->user_len);
			sl->host_len = (uint8_t)copy_cap(sl->host, SLOT_USER, l->host, l->host_len);
		} else {
			ev.kind = FC_LK_PROBE;
			s->emit(s->ud, &ev);
			return true;
		}
		ev.kind = FC_LK_INFO;
		ev.flags &= ~(unsigned)FC_LF_HAS_IP; /* counted as a probe or by its Failed line */
		s->emit(s->ud, &ev);
		return true;
	}
	case FC_SSH_PAM_UNKNOWN: {
		struct slot *sl = slot_of(s, l, true);
		if (sl)
			sl->pam_unknown = true;
		break;
	}
	case FC_SSH_PAM_FAILURE: {
		struct slot *sl = slot_of(s, l, false);
		bool unknown = sl && sl->pam_unknown;
		if (sl)
			sl->pam_unknown = false;
		if (unknown)
			ev.flags |= FC_LF_NONEXISTENT;
		if (s->failed_seen)
			break; /* restates the Failed line */
		if (s->pam_only) {
			ev.kind = FC_LK_FAILURE;
			if (!l->user_len)
				ev.account = NULL;
			s->emit(s->ud, &ev);
			return true;
		}
		if (s->nheld == s->capheld) {
			size_t nc = s->capheld ? s->capheld * 2 : 64;
			struct held *nh = fc_reallocarray(s->held, nc, sizeof(*nh));
			if (!nh) { /* cannot hold: count them now */
				s->pam_only = true;
				flush_held(s);
				ev.kind = FC_LK_FAILURE;
				s->emit(s->ud, &ev);
				return true;
			}
			s->held = nh;
			s->capheld = nc;
		}
		struct held *h = &s->held[s->nheld++];
		h->ts = l->ts;
		h->line = lineno;
		h->off = off;
		h->ip = ev.ip;
		h->has_ip = (ev.flags & FC_LF_HAS_IP) != 0;
		h->unknown = unknown;
		h->user_len = (uint8_t)copy_cap(h->user, SLOT_USER, l->user, l->user_len);
		h->host_len = (uint8_t)copy_cap(h->host, SLOT_USER, l->host, l->host_len);
		if (s->nheld == PAM_HOLD) {
			s->pam_only = true;
			flush_held(s);
		}
		/* counted when the file turns out to be pam-only; an info line now */
		ev.flags &= ~(unsigned)FC_LF_HAS_IP;
		break;
	}
	case FC_SSH_LOCKED:
		ev.kind = FC_LK_LOCKED;
		s->emit(s->ud, &ev);
		return true;
	case FC_SSH_CLOSED: {
		struct slot *sl = slot_of(s, l, false);
		if (sl) {
			if (sl->probe)
				emit_probe(s, sl);
			sl->used = false;
		}
		break;
	}
	case FC_SSH_DUPLICATE:
	case FC_SSH_MAX_AUTH:
	case FC_SSH_BREAKIN:
	case FC_SSH_NO_IDENT:
	case FC_SSH_DENIED:
	case FC_SSH_SCAN:
	case FC_SSH_OTHER:
	case FC_SSH_NOT_SSHD:
		break;
	}
	ev.kind = FC_LK_INFO;
	s->emit(s->ud, &ev);
	return true;
}

void fc_ssh_stream_finish(struct fc_ssh_stream *s)
{
	for (size_t i = 0; i < SLOTS; i++)
		if (s->slots[i].used && s->slots[i].probe)
			emit_probe(s, &s->slots[i]);
	if (!s->failed_seen)
		flush_held(s);
	s->nheld = 0;
}
