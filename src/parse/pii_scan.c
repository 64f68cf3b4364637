/*
 * The personal-data and secrets scanner (pii.h).
 *
 * One pass over each chunk computes, per 64-byte block, bit masks of a few
 * byte classes (SIMD: AVX2 when the CPU has it, SSE2 otherwise, a portable
 * loop elsewhere).  From those masks come the candidate positions
 * ("anchors"): starts of digit runs of length >= 4, '@', '+' before three
 * digits, '*', the letter pairs of secret keywords (pw, sw, ss, cr, if, k, x,
 * z, '_', the lead byte of 密/口).  Each anchor is then examined by scalar
 * code that extends the token, applies boundaries and validates checksums.
 * Ordinary text (words, timestamps, IP addresses) has few 4-digit runs, so
 * the cost is dominated by the mask pass: O(n) with a small constant.
 *
 * Formats: CSV/TSV (column name from the header, quote-aware, multi-line
 * records), SQL dumps (INSERT with or without a column list, CREATE TABLE
 * column lists, COPY … FROM stdin), JSON/XML/key=value (the key before the
 * value), everything else as text (HTML included: tags are boundaries).
 */
#include "pii.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "../core/limits.h"
#include "../core/mem.h"
#include "../core/strutil.h"
#include "secrets.h"
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FC_X86 1
#endif

#define CHUNK_DEFAULT ((size_t)1 << 20)
#define TOK_MAX 256		/* a digit/mask token longer than this is not one identifier */
#define GROUPS_MAX 16
#define CTX_BACK 48		/* context words (帳號, 統一編號) are looked for this far back */
#define SECRET_WIN 4096		/* bytes of a long line handed to the secret scanner at once */
#define MAX_COLS FC_PII_MAX_COLS
#define MAX_TABLES FC_PII_MAX_TABLES

/* ---- names ------------------------------------------------------------ */

static const char *const type_names[FC_PII__COUNT] = {
	"national_id", "resident_id", "card", "mobile", "email", "bank_account", "business_id", "secret"};

const char *fc_pii_type_name(enum fc_pii_type t)
{
	return (unsigned)t < FC_PII__COUNT ? type_names[t] : "unknown";
}

int fc_pii_type_parse(const char *s)
{
	for (int i = 0; s && i < FC_PII__COUNT; i++)
		if (!strcmp(s, type_names[i]))
			return i;
	return -1;
}

/* ---- validators --------------------------------------------------------- */

/* Letter codes of the ID (peers-performance.md §3.1): I=34, O=35, W=32, Z=33. */
static const uint8_t letter_code[26] = {10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21,
					22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33};

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}
static bool is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}
static bool is_alpha(int c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
static bool is_alnum(int c)
{
	return is_digit(c) || is_alpha(c);
}

int fc_tw_id_check(const char *s)
{
	int c0 = (unsigned char)s[0];
	bool upper0 = is_upper(c0);
	if (!is_alpha(c0))
		return -1;
	c0 &= ~0x20;
	for (int i = 2; i < 10; i++)
		if (!is_digit((unsigned char)s[i]))
			return -1;
	int code = letter_code[c0 - 'A'];
	int sum = code / 10 + (code % 10) * 9;
	int c1 = (unsigned char)s[1], type;
	if (c1 == '1' || c1 == '2' || c1 == '8' || c1 == '9') {
		sum += (c1 - '0') * 8;
		type = (c1 <= '2') ? 1 : 2;
	} else if (upper0 && c1 >= 'A' && c1 <= 'D') {
		/* old two-letter certificate: units digit of the second letter's
		 * code (A→0 … D→3) with weight 8 (§3.4; we accept A–D only) */
		sum += (letter_code[c1 - 'A'] % 10) * 8;
		type = 3;
	} else {
		return -1;
	}
	for (int i = 2; i < 9; i++)
		sum += (s[i] - '0') * (9 - i);
	sum += s[9] - '0';
	return sum % 10 == 0 ? type : 0;
}

bool fc_luhn_ok(const char *d, size_t n)
{
	int sum = 0;
	bool dbl = false;
	for (size_t i = n; i-- > 0;) {
		int v = d[i] - '0';
		if (v < 0 || v > 9)
			return false;
		if (dbl) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
		dbl = !dbl;
	}
	return n > 0 && sum % 10 == 0;
}

bool fc_card_iin_ok(const char *d, size_t n)
{
	if (n < 13 || n > 19)
		return false;
	for (size_t i = 0; i < 6; i++)
		if (!is_digit((unsigned char)d[i]))
			return false;
	int p1 = d[0] - '0', p2 = p1 * 10 + d[1] - '0', p3 = p2 * 10 + d[2] - '0';
	int p4 = p3 * 10 + d[3] - '0';
	long p6 = (long)p4 * 100 + (d[4] - '0') * 10 + d[5] - '0';
	if (p1 == 4)						/* Visa */
		return n == 13 || n == 16 || n == 19;
	if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) /* Mastercard */
		return n == 16;
	if (p2 == 34 || p2 == 37)				/* American Express */
		return n == 15;
	if (p4 >= 3528 && p4 <= 3589)				/* JCB */
		return n >= 16;
	if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) /* Diners */
		return n >= 14;
	if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925))
		return n >= 16;					/* Discover */
	if (p2 == 62)						/* UnionPay */
		return n >= 16;
	if (p4 >= 2200 && p4 <= 2204)				/* Mir */
		return n >= 16;
	if (p2 == 50 || (p2 >= 56 && p2 <= 58) || p2 == 63 || p2 == 67) /* Maestro */
		return true;
	return false;
}

bool fc_tw_ubn_ok(const char *d)
{
	static const int w[8] = {1, 2, 1, 2, 1, 2, 4, 1};
	int sum = 0;
	for (int i = 0; i < 8; i++) {
		if (!is_digit((unsigned char)d[i]))
			return false;
		int p = (d[i] - '0') * w[i];
		sum += p / 10 + p % 10;
	}
	/* 7th digit 7: its product 28 → 10 counts as 1 or 0 */
	return sum % 5 == 0 || (d[6] == '7' && (sum + 1) % 5 == 0);
}

/* ---- block masks ------------------------------------------------------- */

/* Per 64-byte block: digits, newlines, quotes, '+', the letters of the
 * keyword trigrams and pairs (pas, pw, cre, ke, ak, if), and `one`: bytes
 * that are anchors on their own ('*', '@', '_', x, z, 0xE5). */
struct bm {
	uint64_t d, nl, q, plus, one, p, a, s, w, c, r, e, k, f, i;
};

static void bm_scalar(const unsigned char *b, struct bm *m)
{
	memset(m, 0, sizeof(*m));
	for (int j = 0; j < 64; j++) {
		uint64_t bit = (uint64_t)1 << j;
		unsigned c = b[j], l = c | 0x20;
		bool letter = c >= 'A' && l <= 'z';
		if (c - '0' < 10)
			m->d |= bit;
		if (c == '\n')
			m->nl |= bit;
		if (c == '"')
			m->q |= bit;
		if (c == '+')
			m->plus |= bit;
		if (c == '*' || c == '@' || c == '_' || c == 0xE5 || (letter && (l == 'x' || l == 'z')))
			m->one |= bit;
		if (!letter)
			continue;
		if (l == 'p')
			m->p |= bit;
		if (l == 'a')
			m->a |= bit;
		if (l == 'e')
			m->e |= bit;
		if (l == 'k')
			m->k |= bit;
		if (l == 's')
			m->s |= bit;
		if (l == 'w')
			m->w |= bit;
		if (l == 'c')
			m->c |= bit;
		if (l == 'r')
			m->r |= bit;
		if (l == 'f')
			m->f |= bit;
		if (l == 'i')
			m->i |= bit;
	}
}

#ifdef FC_X86
static void bm_sse2(const unsigned char *b, struct bm *m)
{
	__m128i v[4], l[4];
	for (int j = 0; j < 4; j++) {
		v[j] = _mm_loadu_si128((const __m128i *)(b + 16 * j));
		l[j] = _mm_or_si128(v[j], _mm_set1_epi8(0x20));
	}
#define M16(x) ((uint64_t)(uint16_t)_mm_movemask_epi8(x))
#define EQ4(arr, ch)                                                                       \
	(M16(_mm_cmpeq_epi8(arr[0], _mm_set1_epi8((char)(ch)))) |                          \
	 M16(_mm_cmpeq_epi8(arr[1], _mm_set1_epi8((char)(ch)))) << 16 |                    \
	 M16(_mm_cmpeq_epi8(arr[2], _mm_set1_epi8((char)(ch)))) << 32 |                    \
	 M16(_mm_cmpeq_epi8(arr[3], _mm_set1_epi8((char)(ch)))) << 48)
	uint64_t d = 0;
	for (int j = 0; j < 4; j++) {
		__m128i t = _mm_sub_epi8(v[j], _mm_set1_epi8('0'));
		d |= M16(_mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t)) << (16 * j);
	}
	m->d = d;
	m->nl = EQ4(v, '\n');
	m->q = EQ4(v, '"');
	m->plus = EQ4(v, '+');
	m->one = EQ4(v, '*') | EQ4(v, '@') | EQ4(v, '_') | EQ4(v, 0xE5) | EQ4(l, 'x') | EQ4(l, 'z');
	m->s = EQ4(l, 's');
	m->p = EQ4(l, 'p');
	m->a = EQ4(l, 'a');
	m->e = EQ4(l, 'e');
	m->k = EQ4(l, 'k');
	m->w = EQ4(l, 'w');
	m->c = EQ4(l, 'c');
	m->r = EQ4(l, 'r');
	m->f = EQ4(l, 'f');
	m->i = EQ4(l, 'i');
#undef EQ4
#undef M16
}

static inline __attribute__((always_inline, target("avx2"))) void bm_avx2(const unsigned char *b, struct bm *m)
{
	__m256i v0 = _mm256_loadu_si256((const __m256i *)b);
	__m256i v1 = _mm256_loadu_si256((const __m256i *)(b + 32));
	__m256i sp = _mm256_set1_epi8(0x20);
	__m256i l0 = _mm256_or_si256(v0, sp), l1 = _mm256_or_si256(v1, sp);
#define M32(x) ((uint64_t)(uint32_t)_mm256_movemask_epi8(x))
#define EQ2(a, b2, ch)                                                                     \
	(M32(_mm256_cmpeq_epi8(a, _mm256_set1_epi8((char)(ch)))) |                         \
	 M32(_mm256_cmpeq_epi8(b2, _mm256_set1_epi8((char)(ch)))) << 32)
	__m256i z = _mm256_set1_epi8('0'), nine = _mm256_set1_epi8(9);
	__m256i t0 = _mm256_sub_epi8(v0, z), t1 = _mm256_sub_epi8(v1, z);
	m->d = M32(_mm256_cmpeq_epi8(_mm256_min_epu8(t0, nine), t0)) |
	       M32(_mm256_cmpeq_epi8(_mm256_min_epu8(t1, nine), t1)) << 32;
#define EQV(a, ch) _mm256_cmpeq_epi8(a, _mm256_set1_epi8((char)(ch)))
	m->nl = EQ2(v0, v1, '\n');
	m->q = EQ2(v0, v1, '"');
	m->plus = EQ2(v0, v1, '+');
	/* the single anchors: one OR of compares, one movemask */
	__m256i o0 = _mm256_or_si256(_mm256_or_si256(_mm256_or_si256(EQV(v0, '*'), EQV(v0, '@')),
						     _mm256_or_si256(EQV(v0, '_'), EQV(v0, 0xE5))),
				     _mm256_or_si256(EQV(l0, 'x'), EQV(l0, 'z')));
	__m256i o1 = _mm256_or_si256(_mm256_or_si256(_mm256_or_si256(EQV(v1, '*'), EQV(v1, '@')),
						     _mm256_or_si256(EQV(v1, '_'), EQV(v1, 0xE5))),
				     _mm256_or_si256(EQV(l1, 'x'), EQV(l1, 'z')));
	m->one = M32(o0) | M32(o1) << 32;
	m->s = EQ2(l0, l1, 's');
	m->p = EQ2(l0, l1, 'p');
	m->a = EQ2(l0, l1, 'a');
	m->e = EQ2(l0, l1, 'e');
	m->k = EQ2(l0, l1, 'k');
	m->w = EQ2(l0, l1, 'w');
	m->c = EQ2(l0, l1, 'c');
	m->r = EQ2(l0, l1, 'r');
	m->f = EQ2(l0, l1, 'f');
	m->i = EQ2(l0, l1, 'i');
#undef EQV
#undef EQ2
#undef M32
}
#endif

typedef void (*bm_fn)(const unsigned char *, struct bm *);

static bm_fn pick_bm(bool no_simd)
{
	if (no_simd)
		return bm_scalar;
#ifdef FC_X86
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2"))
		return bm_avx2;
	return bm_sse2;
#else
	return bm_scalar;
#endif
}

/* ---- scan state --------------------------------------------------------- */

enum mode { M_TEXT, M_CSV, M_SQL };
enum sqlstate { SQ_NONE, SQ_INSERT, SQ_CREATE, SQ_COPY };

struct sqltable {
	char name[FC_PII_NAME];
	char (*cols)[FC_PII_NAME];
	size_t ncols;
};

struct cursor {			/* column tracking within a record or tuple */
	size_t rs;		/* where counting started (SIZE_MAX = none) */
	size_t pos;
	int col, depth;
	char inq;
	long tuple;		/* SQL: tuples opened since rs */
};

struct scan {
	const struct fc_pii_opts *o;
	struct fc_pii_result *r;
	const char *name;
	struct fc_diag *d;
	enum mode mode;
	bm_fn bm;
	/* current chunk */
	const char *b;
	size_t n;
	long line0;		/* newlines before the chunk */
	bool mid_line;		/* the chunk starts inside a line (a long line was cut) */
	size_t skip;		/* anchors before this were consumed by a token */
	size_t secret_until;	/* the secret scanner has seen the line up to here */
	long secret_line;
	long record_line;	/* last line counted in r->records */
	long record_tuple;	/* and its SQL tuple */
	unsigned nsamp[FC_PII__COUNT], nmsamp[FC_PII__COUNT];
	/* CSV */
	char delim;
	bool header_done;
	char (*hdr)[FC_PII_NAME];
	size_t nhdr;
	bool inq;		/* the current line starts inside a quoted field */
	size_t rec_start;	/* start of the current record in the chunk */
	bool rec_valid;
	uint64_t q_at_ls;
	struct cursor cur;
	/* SQL */
	enum sqlstate sq;
	struct sqltable tables[MAX_TABLES];
	size_t ntables, next_table;
	char sq_table[FC_PII_NAME];
	char (*sq_cols)[FC_PII_NAME];	/* column list of the current INSERT/COPY */
	size_t sq_ncols;
	size_t sq_line_start;	/* start of the INSERT line (tuple counting begins at VALUES) */
	size_t sq_values;
	int sq_create;		/* index of the table being created, -1 none */
	char colbuf[2 * FC_PII_NAME + 8];
};

/* ---- recording ------------------------------------------------------------ */

static void copy_name(char *dst, const char *s, size_t n)
{
	if (n > FC_PII_NAME - 1) {
		/* never cut inside a UTF-8 sequence (s[n] exists: the span was longer) */
		n = FC_PII_NAME - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		dst[k++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
	}
	dst[k] = 0;
}

static void add_column(struct fc_pii_result *r, int type, const char *col, long line)
{
	if (!col || !*col)
		return;
	static __thread size_t last; /* the column of the previous hit, usually this one's */
	if (last < r->ncolumns && r->columns[last].type == type && !strcmp(r->columns[last].name, col)) {
		r->columns[last].count++;
		return;
	}
	for (size_t i = 0; i < r->ncolumns; i++)
		if (r->columns[i].type == type && !strcmp(r->columns[i].name, col)) {
			r->columns[i].count++;
			last = i;
			return;
		}
	if (r->ncolumns >= FC_PII_COLUMNS)
		return;
	last = r->ncolumns;
	struct fc_pii_column *c = &r->columns[r->ncolumns++];
	c->type = (uint8_t)type;
	copy_name(c->name, col, strlen(col));
	c->count = 1;
	c->first_line = line;
}

enum hitkind { H_VALID, H_MASKED, H_INVALID };

static void record(struct scan *st, int type, enum hitkind k, long line, const char *column,
		   const char *sample, bool expiry, const char *kind)
{
	struct fc_pii_result *r = st->r;
	struct fc_pii_count *c = &r->counts[type];
	if (k == H_INVALID) {
		c->invalid++;
		return;
	}
	bool keep;
	if (k == H_MASKED) {
		c->masked++;
		keep = st->nmsamp[type] < 2 && st->nsamp[type] < FC_PII_SAMPLES;
		if (keep)
			st->nmsamp[type]++;
	} else {
		c->valid++;
		if (!r->first_line[type])
			r->first_line[type] = line;
		/* a record is a line, or a tuple of a multi-row SQL INSERT */
		long tuple = (st->mode == M_SQL && st->sq == SQ_INSERT) ? st->cur.tuple : 0;
		if (fc_pii_personal((enum fc_pii_type)type) && (line != st->record_line || tuple != st->record_tuple)) {
			r->records++;
			st->record_line = line;
			st->record_tuple = tuple;
		}
		if (expiry) {
			r->card_expiry++;
			if (!r->first_expiry_line)
				r->first_expiry_line = line;
		}
		add_column(r, type, column, line);
		keep = st->nsamp[type] < FC_PII_SAMPLES;
		/* the first card with an expiry is always worth a sample */
		if (!keep && expiry && r->card_expiry == 1)
			keep = true;
		if (keep)
			st->nsamp[type]++;
	}
	if (!keep || r->nsamples >= sizeof r->samples / sizeof r->samples[0])
		return;
	struct fc_pii_sample *s = &r->samples[r->nsamples++];
	s->type = (uint8_t)type;
	s->masked = k == H_MASKED;
	s->expiry = expiry;
	s->line = line;
	s->kind = kind;
	copy_name(s->column, column ? column : "", column ? strlen(column) : 0);
	copy_name(s->value, sample, strlen(sample));
}

/* Masked sample of a digit string: keep `head` and `tail` characters. */
static void mask_digits(char *out, size_t outsz, const char *pfx, const char *dg, size_t n,
			size_t head, size_t tail)
{
	size_t k = 0;
	for (size_t i = 0; pfx && pfx[i] && k + 1 < outsz; i++)
		out[k++] = pfx[i];
	for (size_t i = 0; i < n && k + 1 < outsz; i++)
		out[k++] = (i < head || i >= n - tail) ? dg[i] : '*';
	out[k] = 0;
}

/* ---- context ---------------------------------------------------------------- */


/* h starts with lit (ASCII letters of lit, lower case, match either case) */
static bool istarts_lit(const char *h, size_t n, const char *lit)
{
	size_t i = 0;
	for (; lit[i]; i++) {
		if (i >= n)
			return false;
		unsigned c = (unsigned char)h[i], l = (unsigned char)lit[i];
		if (l >= 'a' && l <= 'z')
			c |= 0x20;
		if (c != l)
			return false;
	}
	return true;
}

/* A word list indexed by first byte (lower-cased), built once. */
struct wordlist {
	const char *const *w;
	uint32_t by_first[256];
};

static bool has_any_l(const struct wordlist *l, const char *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned char)h[i];
		if (c >= 'A' && c <= 'Z')
			c |= 0x20;
		uint32_t m = l->by_first[c];
		while (m) {
			int w = __builtin_ctz(m);
			m &= m - 1;
			if (istarts_lit(h + i, n - i, l->w[w]))
				return true;
		}
	}
	return false;
}

/* Lower-case ASCII letters in the lists match either case. */
static const char *const bank_words[] = {
	"\xe5\xb8\xb3\xe8\x99\x9f" /* 帳號 */, "\xe5\xb8\xb3\xe6\x88\xb6" /* 帳戶 */,
	"\xe8\xb4\xa6\xe5\x8f\xb7" /* 账号 */, "\xe8\xb4\xa6\xe6\x88\xb7" /* 账户 */,
	"\xe5\xad\x98\xe6\x91\xba" /* 存摺 */, "account", "acct", "a/c", "acc no", "acc_no",
	"accno", "iban", "bank", NULL};
static const char *const ubn_words[] = {
	"\xe7\xb5\xb1\xe4\xb8\x80\xe7\xb7\xa8\xe8\x99\x9f" /* 統一編號 */,
	"\xe7\xb5\xb1\xe7\xb7\xa8" /* 統編 */, "\xe7\x87\x9f\xe5\x88\xa9\xe4\xba\x8b\xe6\xa5\xad" /* 營利事業 */,
	"\xe6\x89\xa3\xe7\xb9\xb3" /* 扣繳 */, "\xe7\xbb\x9f\xe4\xb8\x80\xe7\xbc\x96\xe5\x8f\xb7" /* 统一编号 */,
	"ubn", "tax id", "tax_id", "taxid", "tax no", "vat", "business id", "business_id",
	"business no", "business_no", "businessno", "company no", "company_no", "gui", NULL};
static const char *const card_words[] = {
	"card", "\xe5\x8d\xa1" /* 卡 */, "pan", "cc_", "ccnum", "visa", "master", "jcb", NULL};
static const char *const secret_words[] = {"pass", "pw", "secret", "cred", "token", "key", NULL};
static const char *const exp_words[] = {
	"exp", "valid", "thru", "\xe6\x9c\x89\xe6\x95\x88" /* 有效 */,
	"\xe5\x88\xb0\xe6\x9c\x9f" /* 到期 */, NULL};

static struct wordlist wl_bank = {bank_words, {0}}, wl_ubn = {ubn_words, {0}}, wl_card = {card_words, {0}},
		       wl_exp = {exp_words, {0}}, wl_secret = {secret_words, {0}};
static pthread_once_t wl_once = PTHREAD_ONCE_INIT;

static void wl_init(void)
{
	struct wordlist *all[] = {&wl_bank, &wl_ubn, &wl_card, &wl_exp, &wl_secret};
	for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
		for (uint32_t i = 0; all[k]->w[i] && i < 32; i++)
			all[k]->by_first[(unsigned char)all[k]->w[i][0]] |= 1u << i;
}

static bool has_any(const struct wordlist *l, const char *h, size_t n)
{
	pthread_once(&wl_once, wl_init);
	return has_any_l(l, h, n);
}

/* ---- line helpers ----------------------------------------------------------- */

static size_t line_end(const struct scan *st, size_t p)
{
	const char *e = memchr(st->b + p, '\n', st->n - p);
	size_t le = e ? (size_t)(e - st->b) : st->n;
	if (le > p && le > 0 && st->b[le - 1] == '\r')
		le--;
	return le;
}

/* The key before a value in JSON, XML, key=value and "label：value" text. */
static bool field_before(const struct scan *st, size_t ls, size_t s, char *out)
{
	const char *b = st->b;
	size_t lim = s > ls + 64 ? s - 64 : ls;
	size_t j = s;
	while (j > lim && (b[j - 1] == ' ' || b[j - 1] == '\t'))
		j--;
	if (j > lim && (b[j - 1] == '"' || b[j - 1] == '\''))
		j--;
	while (j > lim && (b[j - 1] == ' ' || b[j - 1] == '\t'))
		j--;
	if (j <= lim)
		return false;
	size_t ke;
	if (b[j - 1] == ':' || b[j - 1] == '=') {
		j--;
	} else if (j >= lim + 3 && (unsigned char)b[j - 3] == 0xEF && (unsigned char)b[j - 2] == 0xBC &&
		   ((unsigned char)b[j - 1] == 0x9A || (unsigned char)b[j - 1] == 0x9D)) {
		j -= 3; /* ： ＝ */
	} else if (b[j - 1] == '>') {
		/* <tag attr="…">value */
		size_t t = j - 1;
		while (t > lim && b[t - 1] != '<' && b[t - 1] != '>')
			t--;
		if (t <= lim || b[t - 1] != '<' || b[t] == '/')
			return false;
		size_t e = t;
		while (e < j - 1 && b[e] != ' ' && b[e] != '>' && b[e] != '/')
			e++;
		if (e == t)
			return false;
		copy_name(out, b + t, e - t);
		return true;
	} else {
		return false;
	}
	while (j > lim && (b[j - 1] == ' ' || b[j - 1] == '\t'))
		j--;
	if (j > lim && (b[j - 1] == '"' || b[j - 1] == '\''))
		j--;
	ke = j;
	while (j > lim) {
		unsigned char c = (unsigned char)b[j - 1];
		if (!(is_alnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80))
			break;
		/* stop at full-width punctuation (，、) before a CJK label */
		if (c >= 0x80 && j >= lim + 3 && (unsigned char)b[j - 3] == 0xEF &&
		    (unsigned char)b[j - 2] == 0xBC)
			break;
		j--;
	}
	if (j == ke)
		return false;
	copy_name(out, b + j, ke - j);
	return true;
}

/* ---- CSV -------------------------------------------------------------------- */

static void csv_header(struct scan *st, const char *h, size_t n)
{
	if (n && h[n - 1] == '\r')
		n--;
	if (!st->delim) {
		size_t cnt[4] = {0, 0, 0, 0};
		const char ds[4] = {',', ';', '\t', '|'};
		bool q = false;
		for (size_t i = 0; i < n; i++) {
			if (h[i] == '"')
				q = !q;
			else if (!q)
				for (int k = 0; k < 4; k++)
					cnt[k] += h[i] == ds[k];
		}
		int best = 0;
		for (int k = 1; k < 4; k++)
			if (cnt[k] > cnt[best])
				best = k;
		st->delim = ds[best];
	}
	st->hdr = fc_calloc(MAX_COLS, sizeof(*st->hdr));
	if (!st->hdr)
		return; /* columns are then reported as #n */
	size_t i = 0;
	while (i <= n && st->nhdr < MAX_COLS) {
		size_t s = i;
		bool q = false;
		while (i < n && (q || h[i] != st->delim)) {
			if (h[i] == '"')
				q = !q;
			i++;
		}
		size_t e = i;
		while (s < e && (h[s] == ' ' || h[s] == '"'))
			s++;
		while (e > s && (h[e - 1] == ' ' || h[e - 1] == '"'))
			e--;
		copy_name(st->hdr[st->nhdr++], h + s, e - s);
		i++;
	}
}

/* Column index of position p in a record starting at rs (quote-aware). */
static int cursor_col(struct scan *st, size_t rs, size_t p, char delim, bool quotes)
{
	struct cursor *c = &st->cur;
	if (c->rs != rs || c->pos > p) {
		c->rs = rs;
		c->pos = rs;
		c->col = 0;
		c->inq = 0;
		c->depth = 0;
	}
	const char *b = st->b;
	size_t i = c->pos;
	int col = c->col;
	char inq = c->inq;
	for (; i < p; i++) {
		char ch = b[i];
		if (inq) {
			if (ch == '"')
				inq = 0;
		} else if (ch == '"' && quotes) {
			inq = 1;
		} else if (ch == delim) {
			col++;
		}
	}
	c->pos = i;
	c->col = col;
	c->inq = inq;
	return col;
}

/* SQL tuple column of p: commas at depth 1 since the tuple's '('. */
static int sql_col(struct scan *st, size_t from, size_t p)
{
	struct cursor *c = &st->cur;
	if (c->rs != from || c->pos > p) {
		c->rs = from;
		c->pos = from;
		c->col = 0;
		c->inq = 0;
		c->depth = 0;
		c->tuple = 0;
	}
	const char *b = st->b;
	size_t i = c->pos;
	int col = c->col, depth = c->depth;
	char inq = c->inq;
	for (; i < p; i++) {
		char ch = b[i];
		if (inq) {
			if (ch == '\\' && i + 1 < p)
				i++;
			else if (ch == inq)
				inq = 0; /* a doubled '' re-opens at the next byte */
		} else if (ch == '\'' || ch == '"') {
			inq = ch;
		} else if (ch == '(') {
			if (++depth == 1) {
				col = 0;
				c->tuple++;
			}
		} else if (ch == ')') {
			if (depth > 0)
				depth--;
		} else if (ch == ',' && depth == 1) {
			col++;
		}
	}
	c->pos = i;
	c->col = col;
	c->depth = depth;
	c->inq = inq;
	return depth >= 1 ? col : -1;
}

/* The column name of a token starting at s on the line starting at ls. */
static const char *column_of(struct scan *st, size_t ls, size_t s)
{
	char *out = st->colbuf;
	out[0] = 0;
	if (st->mode == M_CSV) {
		/* the record starts at this line unless the line starts inside a
		 * quoted field (a multi-line record) */
		size_t rs;
		if (!st->inq)
			rs = ls;
		else if (st->rec_valid && st->rec_start <= ls)
			rs = st->rec_start;
		else
			return out;
		if (st->mid_line && rs == 0)
			return out; /* the record began in an earlier piece of a long line */
		int col = cursor_col(st, rs, s, st->delim, true);
		if (st->hdr && (size_t)col < st->nhdr && st->hdr[col][0])
			return st->hdr[col];
		snprintf(out, sizeof st->colbuf, "#%d", col + 1);
		return out;
	}
	if (st->mode == M_SQL && (st->sq == SQ_INSERT || st->sq == SQ_COPY)) {
		int col;
		if (st->sq == SQ_COPY)
			col = cursor_col(st, ls, s, '\t', false);
		else
			col = sql_col(st, ls == st->sq_line_start ? st->sq_values : ls, s);
		if (col >= 0) {
			if (st->sq_cols && (size_t)col < st->sq_ncols)
				snprintf(out, sizeof st->colbuf, "%s.%s", st->sq_table, st->sq_cols[col]);
			else
				snprintf(out, sizeof st->colbuf, "%s.#%d", st->sq_table, col + 1);
			return out;
		}
	}
	if (field_before(st, ls, s, out))
		return out;
	out[0] = 0;
	return out;
}

/* ---- SQL statements ---------------------------------------------------------- */

static bool istarts(const char *p, size_t n, const char *lit)
{
	size_t m = strlen(lit);
	if (m > n)
		return false;
	for (size_t i = 0; i < m; i++)
		if (((unsigned char)p[i] | (is_alpha((unsigned char)lit[i]) ? 0x20 : 0)) !=
		    ((unsigned char)lit[i] | (is_alpha((unsigned char)lit[i]) ? 0x20 : 0)))
			return false;
	return true;
}

/* An identifier, optionally quoted with ` " [ ], optionally schema.name
 * (the last part is kept).  Returns bytes consumed, 0 if none. */
static size_t sql_ident(const char *p, size_t n, char *out)
{
	size_t i = 0;
	out[0] = 0;
	for (int part = 0; part < 3; part++) {
		char close = 0;
		if (i < n && (p[i] == '`' || p[i] == '"' || p[i] == '['))
			close = p[i] == '[' ? ']' : p[i], i++;
		size_t s = i;
		while (i < n && (close ? p[i] != close : (is_alnum((unsigned char)p[i]) || p[i] == '_' ||
							   p[i] == '$' || (unsigned char)p[i] >= 0x80)))
			i++;
		if (i == s)
			return 0;
		copy_name(out, p + s, i - s);
		if (close && i < n)
			i++;
		if (i < n && p[i] == '.')
			i++;
		else
			break;
	}
	return i;
}

static void sql_skip_ws(const char *p, size_t n, size_t *i)
{
	while (*i < n && (p[*i] == ' ' || p[*i] == '\t'))
		(*i)++;
}

/* "(a, `b`, "c")" into the current column list; returns bytes consumed. */
static size_t sql_collist(struct scan *st, const char *p, size_t n, char (*cols)[FC_PII_NAME],
			  size_t *ncols)
{
	size_t i = 0;
	*ncols = 0;
	if (i >= n || p[i] != '(')
		return 0;
	i++;
	while (i < n && *ncols < MAX_COLS) {
		sql_skip_ws(p, n, &i);
		size_t used = sql_ident(p + i, n - i, cols[*ncols]);
		if (!used)
			break;
		(*ncols)++;
		i += used;
		sql_skip_ws(p, n, &i);
		if (i < n && p[i] == ',') {
			i++;
			continue;
		}
		break;
	}
	(void)st;
	if (i < n && p[i] == ')')
		i++;
	return i;
}

static struct sqltable *sql_table(struct scan *st, const char *name, bool create)
{
	for (size_t i = 0; i < st->ntables; i++)
		if (!strcmp(st->tables[i].name, name))
			return &st->tables[i];
	if (!create)
		return NULL;
	struct sqltable *t;
	if (st->ntables < MAX_TABLES) {
		t = &st->tables[st->ntables++];
	} else {
		t = &st->tables[st->next_table];
		st->next_table = (st->next_table + 1) % MAX_TABLES;
	}
	if (!t->cols)
		t->cols = fc_calloc(MAX_COLS, sizeof(*t->cols));
	snprintf(t->name, sizeof t->name, "%s", name);
	t->ncols = 0;
	return t->cols ? t : NULL;
}

static const char *const sql_constraint[] = {"PRIMARY", "KEY", "UNIQUE", "CONSTRAINT", "INDEX",
					     "FOREIGN", "CHECK", "FULLTEXT", "SPATIAL", "PERIOD", NULL};

/* Called at the first byte of every line of a SQL file. */
static void sql_line(struct scan *st, size_t at)
{
	const char *p = st->b + at;
	size_t n = st->n - at;
	if (n > 4096)
		n = 4096; /* statement headers are short; tuples follow */
	size_t i = 0;
	sql_skip_ws(p, n, &i);
	if (istarts(p + i, n - i, "INSERT INTO ") || istarts(p + i, n - i, "INSERT IGNORE INTO ") ||
	    istarts(p + i, n - i, "REPLACE INTO ")) {
		i += istarts(p + i, n - i, "INSERT IGNORE INTO ") ? 18 : istarts(p + i, n - i, "INSERT INTO ") ? 12 : 13;
		sql_skip_ws(p, n, &i);
		char name[FC_PII_NAME];
		size_t used = sql_ident(p + i, n - i, name);
		if (!used) {
			st->sq = SQ_NONE;
			return;
		}
		i += used;
		sql_skip_ws(p, n, &i);
		snprintf(st->sq_table, sizeof st->sq_table, "%s", name);
		st->sq_cols = NULL;
		st->sq_ncols = 0;
		if (i < n && p[i] == '(') {
			struct sqltable *t = sql_table(st, "\x01insert", true); /* scratch list */
			if (t) {
				i += sql_collist(st, p + i, n - i, t->cols, &t->ncols);
				st->sq_cols = t->cols;
				st->sq_ncols = t->ncols;
			}
		} else {
			struct sqltable *t = sql_table(st, name, false);
			if (t) {
				st->sq_cols = t->cols;
				st->sq_ncols = t->ncols;
			}
		}
		sql_skip_ws(p, n, &i);
		if (!istarts(p + i, n - i, "VALUES")) {
			st->sq = SQ_NONE;
			return;
		}
		st->sq = SQ_INSERT;
		st->sq_line_start = at;
		st->sq_values = at + i + 6;
		return;
	}
	if (istarts(p + i, n - i, "CREATE TABLE ")) {
		i += 13;
		sql_skip_ws(p, n, &i);
		if (istarts(p + i, n - i, "IF NOT EXISTS "))
			i += 14;
		sql_skip_ws(p, n, &i);
		char name[FC_PII_NAME];
		size_t used = sql_ident(p + i, n - i, name);
		st->sq = SQ_NONE;
		st->sq_create = -1;
		if (!used)
			return;
		struct sqltable *t = sql_table(st, name, true);
		if (!t)
			return;
		i += used;
		sql_skip_ws(p, n, &i);
		st->sq = SQ_CREATE;
		st->sq_create = (int)(t - st->tables);
		/* one-line form: CREATE TABLE t (a int, b text); */
		if (i < n && p[i] == '(') {
			i++;
			int depth = 1;
			while (i < n && depth > 0 && p[i] != '\n') {
				sql_skip_ws(p, n, &i);
				char col[FC_PII_NAME];
				size_t u = sql_ident(p + i, n - i, col);
				if (u && t->ncols < MAX_COLS) {
					bool cons = false;
					for (size_t k = 0; sql_constraint[k]; k++)
						if (!fc_strcasecmp(col, sql_constraint[k]))
							cons = true;
					if (!cons)
						snprintf(t->cols[t->ncols++], FC_PII_NAME, "%s", col);
				}
				/* skip to the next comma at depth 1 */
				while (i < n && p[i] != '\n') {
					if (p[i] == '(')
						depth++;
					else if (p[i] == ')' && --depth == 0)
						break;
					else if (p[i] == ',' && depth == 1) {
						i++;
						break;
					}
					i++;
				}
			}
			if (depth == 0)
				st->sq = SQ_NONE;
		}
		return;
	}
	if (st->sq == SQ_CREATE) {
		if (i < n && p[i] == ')') {
			st->sq = SQ_NONE;
			return;
		}
		char col[FC_PII_NAME];
		size_t u = sql_ident(p + i, n - i, col);
		if (u && st->sq_create >= 0) {
			struct sqltable *t = &st->tables[st->sq_create];
			for (size_t k = 0; sql_constraint[k]; k++)
				if (!fc_strcasecmp(col, sql_constraint[k]))
					return;
			if (t->ncols < MAX_COLS)
				snprintf(t->cols[t->ncols++], FC_PII_NAME, "%s", col);
		}
		return;
	}
	if (istarts(p + i, n - i, "COPY ")) {
		i += 5;
		char name[FC_PII_NAME];
		size_t used = sql_ident(p + i, n - i, name);
		if (!used)
			return;
		i += used;
		sql_skip_ws(p, n, &i);
		snprintf(st->sq_table, sizeof st->sq_table, "%s", name);
		struct sqltable *t = sql_table(st, "\x01insert", true);
		st->sq_cols = NULL;
		st->sq_ncols = 0;
		if (t && i < n && p[i] == '(') {
			i += sql_collist(st, p + i, n - i, t->cols, &t->ncols);
			st->sq_cols = t->cols;
			st->sq_ncols = t->ncols;
		} else if ((t = sql_table(st, name, false)) != NULL) {
			st->sq_cols = t->cols;
			st->sq_ncols = t->ncols;
		}
		sql_skip_ws(p, n, &i);
		st->sq = istarts(p + i, n - i, "FROM stdin") ? SQ_COPY : SQ_NONE;
		return;
	}
	if (st->sq == SQ_COPY) {
		if (n >= 2 && p[0] == '\\' && p[1] == '.')
			st->sq = SQ_NONE;
		return;
	}
	if (st->sq == SQ_INSERT) {
		/* multi-line INSERT: tuples on their own lines */
		if (i < n && (p[i] == '(' || p[i] == ','))
			return;
		st->sq = SQ_NONE;
	}
}

/* ---- numbers: IDs, cards, mobiles, bank accounts, 統一編號 ------------------ */

/* Byte classes for the token walkers: 1 digit, 2 mask (* x X), 4 separator */
static const uint8_t cls[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['*'] = 2, ['x'] = 2, ['X'] = 2, [' '] = 4, ['-'] = 4, ['.'] = 4,
};
static inline bool mask_char(int c)
{
	return cls[c & 0xff] & 2;
}
static inline bool tok_char(int c)
{
	return cls[c & 0xff] & 3;
}
static inline bool is_sep(int c)
{
	return cls[c & 0xff] & 4;
}
/* Longest groups that a separator may join: "4111 1111 1111 1111",
 * "0912-345-678", "0001234-1234567", "0912.345.678". */
static size_t join_max(int sep)
{
	return sep == ' ' ? 6 : sep == '-' ? 8 : sep == '.' ? 4 : 0;
}

struct grp {
	size_t s, e;
	unsigned nd, nm;
	char sep; /* separator before this group, 0 for the first */
};

struct tok {
	struct grp g[GROUPS_MAX];
	int m;
	long line;
	size_t ls;
	const char *col; /* computed on demand */
	bool col_done;
};

static void grp_fill(const char *b, struct grp *g)
{
	g->nd = g->nm = 0;
	for (size_t i = g->s; i < g->e; i++) {
		if (is_digit((unsigned char)b[i]))
			g->nd++;
		else
			g->nm++;
	}
}

static size_t group_end(const char *b, size_t n, size_t s)
{
	size_t e = s;
	while (e < n && tok_char((unsigned char)b[e]) && e - s <= TOK_MAX)
		e++;
	return e;
}

static const char *tok_col(struct scan *st, struct tok *t, size_t s)
{
	if (!t->col_done) {
		t->col = column_of(st, t->ls, s);
		t->col_done = true;
	}
	return t->col;
}

/* Characters of groups i..j (digits and masks, no separators). */
static size_t gather(const char *b, const struct tok *t, int i, int j, char *out, size_t max,
		     unsigned *nd, unsigned *nm)
{
	size_t k = 0;
	*nd = *nm = 0;
	for (int g = i; g <= j; g++)
		for (size_t p = t->g[g].s; p < t->g[g].e && k < max; p++) {
			int c = (unsigned char)b[p];
			if (is_digit(c)) {
				out[k++] = (char)c;
				(*nd)++;
			} else {
				out[k++] = '*';
				(*nm)++;
			}
		}
	out[k] = 0;
	return k;
}

static bool same_sep(const struct tok *t, int i, int j, const char *allowed)
{
	char s = i < j ? t->g[i + 1].sep : 0;
	for (int k = i + 1; k <= j; k++)
		if (t->g[k].sep != s)
			return false;
	return !s || strchr(allowed, s) != NULL;
}

static bool ctx_words(struct scan *st, struct tok *t, size_t s, const struct wordlist *words)
{
	const char *col = tok_col(st, t, s);
	if (col && *col && has_any(words, col, strlen(col)))
		return true;
	size_t lo = s > t->ls + CTX_BACK ? s - CTX_BACK : t->ls;
	return has_any(words, st->b + lo, s - lo);
}

static bool month_ok(const char *p)
{
	int m = (p[0] - '0') * 10 + (p[1] - '0');
	return is_digit((unsigned char)p[0]) && is_digit((unsigned char)p[1]) && m >= 1 && m <= 12;
}

/* An expiry date next to a card: MM/YY, MM/YYYY, YYYY-MM, track-2 "=YYMM",
 * or a CSV column named exp…/有效/到期 holding digits. */
static bool expiry_near(struct scan *st, size_t ls, size_t cs, size_t ce)
{
	const char *b = st->b;
	size_t le = line_end(st, ce);
	if (ce + 5 <= le && b[ce] == '=' && is_digit((unsigned char)b[ce + 1]) &&
	    is_digit((unsigned char)b[ce + 2]) && month_ok(b + ce + 3))
		return true;
	size_t lo = cs > ls + 96 ? cs - 96 : ls, hi = ce + 96 < le ? ce + 96 : le;
	for (size_t i = lo; i + 5 <= hi; i++) {
		if (i >= cs && i < ce) {
			i = ce - 1;
			continue;
		}
		int before = i > ls ? (unsigned char)b[i - 1] : ' ';
		if (is_digit(before) || before == '/' || before == '-' || before == '.' || before == ':')
			continue;
		/* MM/YY or MM/YYYY */
		if (month_ok(b + i) && b[i + 2] == '/' && is_digit((unsigned char)b[i + 3]) &&
		    is_digit((unsigned char)b[i + 4])) {
			size_t e = i + 5;
			if (e + 2 <= hi && b[i + 3] == '2' && b[i + 4] == '0' && is_digit((unsigned char)b[e]) &&
			    is_digit((unsigned char)b[e + 1]))
				e += 2;
			int after = e < le ? (unsigned char)b[e] : ' ';
			if (!is_digit(after) && after != '/' && after != '-' && after != '.' && after != ':')
				return true;
		}
		/* YYYY-MM / YYYY/MM not followed by a day */
		if (i + 7 <= hi && b[i] == '2' && b[i + 1] == '0' && is_digit((unsigned char)b[i + 2]) &&
		    is_digit((unsigned char)b[i + 3]) && (b[i + 4] == '-' || b[i + 4] == '/') &&
		    month_ok(b + i + 5)) {
			int after = i + 7 < le ? (unsigned char)b[i + 7] : ' ';
			if (!is_digit(after) && after != '-' && after != '/' && after != ':' && after != 'T')
				return true;
		}
	}
	if (st->mode == M_CSV && st->hdr) {
		size_t i = ls;
		size_t col = 0;
		while (i <= le && col < st->nhdr) {
			size_t s = i;
			bool q = false, digits = false;
			while (i < le && (q || b[i] != st->delim)) {
				if (b[i] == '"')
					q = !q;
				else if (is_digit((unsigned char)b[i]))
					digits = true;
				i++;
			}
			if (digits && (s > ce || i < cs) &&
			    has_any(&wl_exp, st->hdr[col], strlen(st->hdr[col])))
				return true;
			col++;
			i++;
		}
	}
	return false;
}

/* Cards: returns groups consumed (0 none). */
static int try_card(struct scan *st, struct tok *t, int i, int m)
{
	const char *b = st->b;
	char dg[TOK_MAX + 1];
	unsigned nd, nm;
	int best = -1;
	/* groups i..j: contiguous, or 4-4-4-4(-1..3), 4-6-5, 4-6-4 with ' ' or '-' */
	for (int j = (m - 1 < i + 4 ? m - 1 : i + 4); j >= i; j--) {
		size_t len = 0;
		for (int k = i; k <= j; k++)
			len += t->g[k].e - t->g[k].s;
		if (len < 13 || len > 19)
			continue;
		if (j > i) {
			if (!same_sep(t, i, j, " -"))
				continue;
			int cnt = j - i + 1;
			bool fours = cnt >= 4;
			for (int k = i; k < j && fours; k++)
				fours = t->g[k].e - t->g[k].s == 4;
			bool amex = cnt == 3 && t->g[i].e - t->g[i].s == 4 && t->g[i + 1].e - t->g[i + 1].s == 6 &&
				    (t->g[j].e - t->g[j].s == 5 || t->g[j].e - t->g[j].s == 4);
			if (!fours && !amex)
				continue;
		}
		best = j;
		break;
	}
	if (best < 0)
		return 0;
	size_t n = gather(b, t, i, best, dg, sizeof dg - 1, &nd, &nm);
	size_t cs = t->g[i].s, ce = t->g[best].e;
	char sample[FC_PII_NAME];
	if (nm == 0) {
		if (!fc_card_iin_ok(dg, n))
			return 0;
		bool same = true;
		for (size_t k = 1; k < n; k++)
			same = same && dg[k] == dg[0];
		if (same)
			return 0;
		/* a 13–16 digit number in an account column (存款帳號) or after
		 * 帳號/account is a bank account, unless a card word is there too */
		if (best == i && ctx_words(st, t, cs, &wl_bank) && !ctx_words(st, t, cs, &wl_card))
			return 0;
		if (!fc_luhn_ok(dg, n)) {
			record(st, FC_PII_CARD, H_INVALID, t->line, NULL, "", false, NULL);
			return best - i + 1;
		}
		bool exp = expiry_near(st, t->ls, cs, ce);
		mask_digits(sample, sizeof sample, NULL, dg, n, 4, 4);
		record(st, FC_PII_CARD, H_VALID, t->line, tok_col(st, t, cs), sample, exp, NULL);
		return best - i + 1;
	}
	/* masked: at least 4 hidden and 4 shown; a shown issuer digit is 2–6 */
	if (nm >= 4 && nd >= 4 && nd <= 10 && (dg[0] == '*' || (dg[0] >= '2' && dg[0] <= '6')) &&
	    (is_digit((unsigned char)dg[n - 1]) || is_digit((unsigned char)dg[0]))) {
		copy_name(sample, b + cs, ce - cs);
		record(st, FC_PII_CARD, H_MASKED, t->line, tok_col(st, t, cs), sample, false, NULL);
		return best - i + 1;
	}
	return 0;
}

static int try_mobile(struct scan *st, struct tok *t, int i, int m)
{
	static const int layouts[][4] = {{10}, {4, 3, 3}, {4, 6}, {2, 4, 4}};
	static const int nl[] = {1, 3, 2, 3};
	for (size_t L = 0; L < sizeof nl / sizeof nl[0]; L++) {
		int j = i + nl[L] - 1;
		if (j >= m)
			continue;
		bool ok = same_sep(t, i, j, " -.");
		for (int k = 0; ok && k < nl[L]; k++)
			ok = (int)(t->g[i + k].e - t->g[i + k].s) == layouts[L][k];
		if (!ok)
			continue;
		char dg[16], sample[FC_PII_NAME];
		unsigned nd, nm;
		gather(st->b, t, i, j, dg, 10, &nd, &nm);
		if (dg[0] != '0' || dg[1] != '9')
			return 0;
		if (nm == 0) {
			mask_digits(sample, sizeof sample, NULL, dg, 10, 4, 3);
			record(st, FC_PII_MOBILE, H_VALID, t->line, tok_col(st, t, t->g[i].s), sample, false, NULL);
			return j - i + 1;
		}
		if (nm >= 2) {
			copy_name(sample, st->b + t->g[i].s, t->g[j].e - t->g[i].s);
			record(st, FC_PII_MOBILE, H_MASKED, t->line, tok_col(st, t, t->g[i].s), sample, false, NULL);
			return j - i + 1;
		}
		return 0;
	}
	return 0;
}

static int try_ubn(struct scan *st, struct tok *t, int i)
{
	const struct grp *g = &t->g[i];
	if (g->e - g->s != 8 || g->nm || (i + 1 < t->m && t->g[i + 1].sep == '-') ||
	    (g->sep == '-'))
		return 0;
	if (!ctx_words(st, t, g->s, &wl_ubn))
		return 0;
	char sample[FC_PII_NAME];
	if (!fc_tw_ubn_ok(st->b + g->s)) {
		record(st, FC_PII_BUSINESS_ID, H_INVALID, t->line, NULL, "", false, NULL);
		return 1;
	}
	mask_digits(sample, sizeof sample, NULL, st->b + g->s, 8, 2, 2);
	record(st, FC_PII_BUSINESS_ID, H_VALID, t->line, tok_col(st, t, g->s), sample, false, NULL);
	return 1;
}

static int try_bank(struct scan *st, struct tok *t, int i, int m)
{
	for (int j = (m - 1 < i + 3 ? m - 1 : i + 3); j >= i; j--) {
		if (j > i && !same_sep(t, i, j, "-"))
			continue;
		char dg[TOK_MAX + 1], sample[FC_PII_NAME];
		unsigned nd, nm;
		size_t n = gather(st->b, t, i, j, dg, sizeof dg - 1, &nd, &nm);
		if (n < 10 || n > 16)
			continue;
		if (nm && (nm < 2 || nd < 3))
			continue;
		if (!ctx_words(st, t, t->g[i].s, &wl_bank))
			return 0;
		if (nm) {
			copy_name(sample, st->b + t->g[i].s, t->g[j].e - t->g[i].s);
			record(st, FC_PII_BANK_ACCOUNT, H_MASKED, t->line, tok_col(st, t, t->g[i].s), sample, false, NULL);
		} else {
			mask_digits(sample, sizeof sample, NULL, dg, n, 3, 3);
			record(st, FC_PII_BANK_ACCOUNT, H_VALID, t->line, tok_col(st, t, t->g[i].s), sample, false, NULL);
		}
		return j - i + 1;
	}
	return 0;
}

/* Letter-prefixed group: national ID and resident certificates. */
static void try_id(struct scan *st, struct tok *t, int nletters)
{
	const struct grp *g = &t->g[0];
	const char *b = st->b;
	size_t len = g->e - g->s;
	if ((size_t)nletters + len != 10)
		return;
	char id[11], sample[FC_PII_NAME];
	memcpy(id, b + g->s - nletters, 10);
	id[10] = 0;
	if (g->nm == 0) {
		int k = fc_tw_id_check(id);
		if (k < 0)
			return;
		int type = (k == 1 || (k == 0 && (id[1] == '1' || id[1] == '2'))) ? FC_PII_NATIONAL_ID : FC_PII_RESIDENT_ID;
		if (k == 0) {
			record(st, type, H_INVALID, t->line, NULL, "", false, NULL);
			return;
		}
		id[0] = (char)(id[0] & ~0x20);
		mask_digits(sample, sizeof sample, NULL, id, 10, 3, 3);
		record(st, type, H_VALID, t->line, tok_col(st, t, g->s - nletters), sample, false, NULL);
		return;
	}
	/* masked: A12****789, A1234*****, AC0****567 */
	if (g->nm < 2 || g->nd < 3 || !is_upper((unsigned char)id[0]))
		return;
	int c1 = (unsigned char)id[1];
	int type;
	if (nletters == 2) {
		if (c1 < 'A' || c1 > 'D')
			return;
		type = FC_PII_RESIDENT_ID;
	} else if (c1 == '1' || c1 == '2' || mask_char(c1)) {
		type = FC_PII_NATIONAL_ID;
	} else if (c1 == '8' || c1 == '9') {
		type = FC_PII_RESIDENT_ID;
	} else {
		return;
	}
	copy_name(sample, id, 10);
	record(st, type, H_MASKED, t->line, tok_col(st, t, g->s - nletters), sample, false, NULL);
}

/* A token of digits and masks around p.  Returns the end of the token. */
static size_t analyze_number(struct scan *st, size_t p, long line, size_t ls)
{
	const char *b = st->b;
	size_t n = st->n;
	struct tok t;
	t.m = 0;
	t.line = line;
	t.ls = ls;
	t.col = NULL;
	t.col_done = false;
	/* the group holding p */
	size_t s = p;
	while (s > ls && tok_char((unsigned char)b[s - 1]) && p - s <= TOK_MAX)
		s--;
	size_t e = group_end(b, n, p);
	if (e - s > TOK_MAX)
		return e;
	/* Most digit runs (years, dates, ports, pids, amounts) cannot be
	 * anything: nothing is shorter than 8 characters in one group or 10 in
	 * several.  One tight pass over the run and its separated neighbours
	 * decides that before any grouping work. */
	{
		size_t lo = s, hi = e, total = e - s, maxg = e - s;
		while (lo >= ls + 2 && is_sep((unsigned char)b[lo - 1]) && tok_char((unsigned char)b[lo - 2]) &&
		       total < 24) {
			size_t g = lo - 1;
			while (g > ls && tok_char((unsigned char)b[g - 1]) && lo - 1 - g < 24)
				g--;
			total += lo - 1 - g;
			maxg = lo - 1 - g > maxg ? lo - 1 - g : maxg;
			lo = g;
		}
		while (hi + 1 < n && is_sep((unsigned char)b[hi]) && tok_char((unsigned char)b[hi + 1]) && total < 24) {
			size_t g = hi + 1;
			while (g < n && tok_char((unsigned char)b[g]) && g - hi - 1 < 24)
				g++;
			total += g - hi - 1;
			maxg = g - hi - 1 > maxg ? g - hi - 1 : maxg;
			hi = g;
		}
		if (maxg < 8 && total < 10)
			return hi;
	}
	/* earlier groups that a separator joins to this one */
	for (int back = 0; back < GROUPS_MAX - 1; back++) {
		if (s < ls + 2 || !is_sep((unsigned char)b[s - 1]) || !tok_char((unsigned char)b[s - 2]))
			break;
		size_t ps = s - 1;
		while (ps > ls && tok_char((unsigned char)b[ps - 1]) && s - ps <= TOK_MAX)
			ps--;
		size_t jm = join_max((unsigned char)b[s - 1]);
		size_t first_end = group_end(b, n, s);
		if (s - 1 - ps > jm || first_end - s > jm)
			break;
		s = ps;
	}
	/* groups from s forward */
	size_t at = s;
	while (t.m < GROUPS_MAX) {
		struct grp *g = &t.g[t.m];
		g->s = at;
		g->e = group_end(b, n, at);
		g->sep = t.m ? b[at - 1] : 0;
		grp_fill(b, g);
		t.m++;
		if (g->e - g->s > TOK_MAX)
			return g->e;
		size_t ne = g->e;
		if (ne + 1 < n && is_sep((unsigned char)b[ne]) && tok_char((unsigned char)b[ne + 1])) {
			size_t jm = join_max((unsigned char)b[ne]);
			size_t nx = group_end(b, n, ne + 1);
			if (g->e - g->s <= jm && nx - (ne + 1) <= jm) {
				at = ne + 1;
				continue;
			}
		}
		break;
	}
	size_t E = t.g[t.m - 1].e;
	/* nothing is shorter than 8 characters in one group (統一編號, old
	 * certificates) or 10 over several (mobiles); a token without any
	 * digit is no identifier (****, xx) */
	unsigned total = 0, nd = 0;
	for (int k = 0; k < t.m; k++) {
		total += t.g[k].nd + t.g[k].nm;
		nd += t.g[k].nd;
	}
	if (!nd || (t.m == 1 ? total < 8 : total < 10))
		return E;
	/* "x123456789": a lone leading x/X before a digit is the ID's letter */
	struct grp *g0 = &t.g[0];
	if ((b[g0->s] | 0x20) == 'x' && g0->e > g0->s + 1 && is_digit((unsigned char)b[g0->s + 1])) {
		g0->s++;
		grp_fill(b, g0);
		if (t.m == 1 && g0->nm == 0 && g0->e - g0->s == 9 && E - g0->s == 9) {
			/* fall through to the letter check below */
		}
	}
	size_t S = g0->s;
	int before = S > ls ? (unsigned char)b[S - 1] : ' ';
	if (st->mid_line && S == 0)
		before = ' ';
	int after = E < n ? (unsigned char)b[E] : ' ';
	int m_use = t.m;
	if (is_alpha(after) || (after == '.' && E + 1 < n && is_digit((unsigned char)b[E + 1])))
		m_use--; /* glued to a word, or the integer part of a decimal */
	int i = 0;
	if (is_alpha(before)) {
		int nl = 1;
		if (S >= ls + 2 && is_alpha((unsigned char)b[S - 2]))
			nl = 2;
		int pre = S >= ls + (size_t)nl + 1 ? (unsigned char)b[S - nl - 1] : ' ';
		if (!is_alnum(pre) && m_use >= 1)
			try_id(st, &t, nl);
		i = 1;
	} else if (before == '.' && S >= ls + 2 && is_digit((unsigned char)b[S - 2])) {
		i = 1; /* a fraction: 3.14159… */
	}
	while (i < m_use) {
		int used = try_card(st, &t, i, m_use);
		if (!used)
			used = try_mobile(st, &t, i, m_use);
		if (!used)
			used = try_ubn(st, &t, i);
		if (!used)
			used = try_bank(st, &t, i, m_use);
		i += used ? used : 1;
	}
	return E;
}

/* +886 9xx xxx xxx */
static size_t analyze_plus(struct scan *st, size_t p, long line, size_t ls)
{
	const char *b = st->b;
	size_t n = st->n;
	if (p + 4 > n || memcmp(b + p + 1, "886", 3) != 0)
		return p + 1;
	if (p > ls && is_alnum((unsigned char)b[p - 1]))
		return p + 1;
	size_t i = p + 4;
	if (i < n && is_sep((unsigned char)b[i]))
		i++;
	if (i + 2 < n && b[i] == '(' && b[i + 1] == '0' && b[i + 2] == ')') {
		i += 3;
		if (i < n && is_sep((unsigned char)b[i]))
			i++;
	}
	char dg[10];
	int cnt = 0, nm = 0;
	while (i < n && cnt < 9) {
		int c = (unsigned char)b[i];
		if (is_digit(c)) {
			dg[cnt++] = (char)c;
		} else if (mask_char(c) && cnt > 0) {
			dg[cnt++] = '*';
			nm++;
		} else if (is_sep(c) && cnt > 0 && i + 1 < n && tok_char((unsigned char)b[i + 1])) {
			/* separator between digits */
		} else {
			break;
		}
		i++;
	}
	if (cnt != 9 || dg[0] != '9' || (i < n && is_alnum((unsigned char)b[i])))
		return i;
	char sample[FC_PII_NAME];
	if (nm == 0) {
		mask_digits(sample, sizeof sample, "+886 ", dg, 9, 3, 3);
		record(st, FC_PII_MOBILE, H_VALID, line, column_of(st, ls, p), sample, false, NULL);
	} else if (nm >= 2) {
		copy_name(sample, b + p, i - p);
		record(st, FC_PII_MOBILE, H_MASKED, line, column_of(st, ls, p), sample, false, NULL);
	}
	return i;
}

/* ---- e-mail --------------------------------------------------------------- */

static bool local_char(int c)
{
	return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '*';
}

static const char *const not_tlds[] = {"png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico",
				       "css", "js", "json", "xml", "html", "htm", "txt", "log",
				       "csv", "pdf", "zip", "gz", "local", "localdomain", "lan",
				       "internal", "invalid", "example", NULL};

static size_t analyze_at(struct scan *st, size_t p, long line, size_t ls, bool *userinfo)
{
	const char *b = st->b;
	size_t n = st->n;
	*userinfo = false;
	size_t j = p;
	while (j > ls && p - j <= 64 && local_char((unsigned char)b[j - 1]))
		j--;
	if (p - j > 64 || j == p)
		return p + 1;
	while (j < p && b[j] == '.')
		j++;
	if (j == p || b[p - 1] == '.')
		return p + 1;
	int pre = j > ls ? (unsigned char)b[j - 1] : ' ';
	if (pre == ':' || pre == '/') {
		*userinfo = true; /* scheme://user:pass@host, user/pass@tns */
		return p + 1;
	}
	if (pre == '@')
		return p + 1;
	size_t k = p + 1, last_dot = 0;
	int labels = 0;
	while (k < n && k - p <= 254) {
		size_t s = k;
		while (k < n && (is_alnum((unsigned char)b[k]) || b[k] == '-'))
			k++;
		if (k == s)
			break;
		labels++;
		if (k + 1 < n && b[k] == '.' && is_alnum((unsigned char)b[k + 1])) {
			last_dot = k;
			k++;
			continue;
		}
		break;
	}
	if (labels < 2 || k - p > 254 || (k < n && b[k] == '@'))
		return k;
	size_t tl = k - last_dot - 1;
	if (tl < 2 || tl > 24)
		return k;
	for (size_t i = last_dot + 1; i < k; i++)
		if (!is_alpha((unsigned char)b[i]))
			return k;
	char tld[32];
	for (size_t i = 0; i < tl; i++)
		tld[i] = (char)(b[last_dot + 1 + i] | 0x20);
	tld[tl] = 0;
	for (size_t i = 0; not_tlds[i]; i++)
		if (!strcmp(tld, not_tlds[i]))
			return k;
	bool masked = memchr(b + j, '*', p - j) != NULL;
	char sample[FC_PII_NAME];
	if (masked) {
		copy_name(sample, b + j, k - j);
	} else {
		size_t dl = k - p;
		if (dl > FC_PII_NAME - 6)
			dl = FC_PII_NAME - 6;
		snprintf(sample, sizeof sample, "%c***%.*s", b[j], (int)dl, b + p);
	}
	record(st, FC_PII_EMAIL, masked ? H_MASKED : H_VALID, line, column_of(st, ls, j), sample, false, NULL);
	return k;
}

/* ---- secrets ---------------------------------------------------------------- */

static bool key_char(int c)
{
	return is_alnum(c) || c == '_' || c == '-' || c == '.';
}

static bool word_has_secret(const char *w, size_t n)
{
	return has_any(&wl_secret, w, n);
}

static bool sep_after(const unsigned char *b, size_t n, size_t ls, size_t a, size_t e);

/* Does the trigger at p start something fc_secret_scan_line could report?
 * Cheap local tests only; the full scan runs on the lines that pass. */
static bool secret_gate(struct scan *st, size_t p, size_t ls)
{
	const unsigned char *b = (const unsigned char *)st->b;
	size_t n = st->n;
	int c = b[p], l = c | 0x20;
	if (c == '_') {
		if (p >= 3 && b[p - 3] == 'g' && b[p - 2] == 'h' && strchr("pousr", b[p - 1]))
			return true;
		return p >= 2 && (b[p - 2] == 's' || b[p - 2] == 'r') && b[p - 1] == 'k' && p + 6 <= n &&
		       !memcmp(b + p, "_live_", 6);
	}
	if (c == 0xE5) { /* 密碼 密码 口令 followed by a separator */
		if (!(p + 6 <= n && ((b[p + 1] == 0xAF && b[p + 2] == 0x86) ||
				     (b[p + 1] == 0x8F && b[p + 2] == 0xA3 && b[p + 3] == 0xE4 &&
				      b[p + 4] == 0xBB && b[p + 5] == 0xA4))))
			return false;
		for (size_t i = p + 3; i < n && i < p + 24 && b[i] != '\n'; i++)
			if (b[i] == ':' || b[i] == '=' || (b[i] == 0xEF && i + 2 < n && b[i + 1] == 0xBC &&
							   (b[i + 2] == 0x9A || b[i + 2] == 0x9D)))
				return true;
		return false;
	}
	if (l == 'z')
		return p >= 3 && !memcmp(b + p - 3, "AIza", 4);
	if (l == 'x')
		return p + 5 <= n && !memcmp(b + p, "xox", 3) && strchr("abprs", b[p + 3]) && b[p + 3] &&
		       b[p + 4] == '-';
	if (c == 'K' && p >= 1 && p + 3 <= n && b[p - 1] == 'A' && b[p + 1] == 'I' && b[p + 2] == 'A')
		return true; /* AKIA… */
	if (c == 'K' && p + 7 <= n && !memcmp(b + p, "KEY", 3) && !memcmp(b + p + 3, " BLO", 4))
		return true; /* -----BEGIN PGP PRIVATE KEY BLOCK----- */
	if (c == 'K' && p + 8 <= n && !memcmp(b + p, "KEY-----", 8))
		return true; /* -----BEGIN … PRIVATE KEY----- */
	/* the word around p */
	size_t a = p, e = p;
	while (a > ls && p - a < 48 && (key_char(b[a - 1]) || b[a - 1] >= 0x80))
		a--;
	while (e < n && e - p < 48 && key_char(b[e]))
		e++;
	if (l == 'f')
		return e - a >= 10 && !strncasecmp((const char *)b + e - 10, "identified", 10) &&
		       e + 4 <= n && !strncasecmp((const char *)b + e, " by ", 4);
	/* a separator after the word first (cheap), then the keyword */
	if (!sep_after(b, n, ls, a, e))
		return false;
	return word_has_secret((const char *)b + a, e - a);
}

/* After a key word [a,e): = : > ： ＝, "value=", a quoted value after a
 * space, Cisco's "0 "/"7 ", or requirepass at the start of a line. */
static bool sep_after(const unsigned char *b, size_t n, size_t ls, size_t a, size_t e)
{
	size_t i = e;
	while (i < n && (b[i] == ' ' || b[i] == '\t'))
		i++;
	if (i < n && (b[i] == '"' || b[i] == '\'')) {
		if (i > e)
			return true; /* PASSWORD 'x' */
		i++;
		while (i < n && (b[i] == ' ' || b[i] == '\t'))
			i++;
	}
	if (i >= n)
		return false;
	if (b[i] == '=' || b[i] == ':' || b[i] == '>')
		return true;
	if (b[i] == 0xEF && i + 2 < n && b[i + 1] == 0xBC && (b[i + 2] == 0x9A || b[i + 2] == 0x9D))
		return true;
	if ((b[i] | 0x20) == 'v' && i + 6 <= n && !strncasecmp((const char *)b + i, "value=", 6))
		return true;
	if ((b[i] == '0' || b[i] == '7') && i + 1 < n && b[i + 1] == ' ')
		return true; /* Cisco: password 0 x, secret 7 x */
	/* requirepass x at the start of a line */
	size_t f = ls;
	while (f < a && (b[f] == ' ' || b[f] == '\t'))
		f++;
	return f == a && e - a == 11 && (b[a] | 0x20) == 'r' &&
	       !strncasecmp((const char *)b + a, "requirepass", 11);
}

static void scan_secrets(struct scan *st, size_t p, long line, size_t ls)
{
	if (p < st->secret_until)
		return;
	size_t le = line_end(st, p);
	size_t ws = p > ls + 256 ? p - 256 : ls;
	if (ws < st->secret_until)
		ws = st->secret_until;
	size_t we = le - ws > SECRET_WIN ? ws + SECRET_WIN : le;
	if (we < p)
		we = p;
	struct fc_secret_hit h[8];
	size_t nh = fc_secret_scan_line(st->b + ws, we - ws, h, 8);
	st->secret_until = we;
	for (size_t i = 0; i < nh; i++) {
		char red[FC_PII_NAME], key[FC_PII_NAME];
		fc_secret_redact(st->b + ws + h[i].val_off, h[i].val_len, red, sizeof red);
		copy_name(key, st->b + ws + h[i].key_off, h[i].key_len);
		record(st, FC_PII_SECRET, H_VALID, line, key, red, false, h[i].kind);
	}
}

/* ---- the block loop ----------------------------------------------------------- */

/* Can the byte c next to a digit run of length len join it to a neighbour
 * (a separator within join_max, or a mask character)? */
static inline bool joinable(int c, size_t len)
{
	return mask_char(c) || (c == ' ' && len <= 6) || (c == '-' && len <= 8) || (c == '.' && len <= 4);
}

static inline __attribute__((always_inline)) void load_block(const struct scan *st, size_t k,
								struct bm *m, bm_fn bmf)
{
	size_t base = k * 64;
	if (base + 64 <= st->n) {
		bmf((const unsigned char *)st->b + base, m);
	} else {
		unsigned char tmp[64];
		memset(tmp, 0, sizeof tmp);
		if (base < st->n)
			memcpy(tmp, st->b + base, st->n - base);
		bmf(tmp, m);
	}
}

/* Returns the number of newlines in the chunk.  Inlined twice: with the
 * AVX2 mask function (and hardware popcount) and with st->bm. */
static inline __attribute__((always_inline)) uint64_t scan_chunk_impl(struct scan *st, bm_fn bmf)
{
	const char *b = st->b;
	size_t n = st->n;
	bool secrets = !st->o->no_secrets;
	st->skip = 0;
	st->secret_until = 0;
	st->cur.rs = SIZE_MAX;
	if (st->mode == M_CSV) {
		if (!st->header_done && st->line0 == 0 && !st->mid_line) {
			const char *nl = memchr(b, '\n', n);
			csv_header(st, b, nl ? (size_t)(nl - b) : n);
			st->header_done = true;
		}
		st->rec_valid = !st->inq && !st->mid_line;
		st->rec_start = 0;
		st->q_at_ls = 0;
	}
	if (st->mode == M_SQL && !st->mid_line)
		sql_line(st, 0);
	size_t nb = (n + 63) / 64;
	struct bm cur, nxt;
	memset(&cur, 0, sizeof cur);
	if (nb)
		load_block(st, 0, &cur, bmf);
	uint64_t prev_d = 0, prev_p = 0, prev_a = 0, prev_i = 0, nl_before = 0, q_before = 0;
	size_t last_ls = 0;
	for (size_t k = 0; k < nb; k++) {
		size_t base = k * 64;
		if (k + 1 < nb)
			load_block(st, k + 1, &nxt, bmf);
		else
			memset(&nxt, 0, sizeof nxt);
		uint64_t D = cur.d, Dn = nxt.d;
		uint64_t run3 = ((D >> 1) | (Dn << 63)) & ((D >> 2) | (Dn << 62)) & ((D >> 3) | (Dn << 61));
		uint64_t starts = D & run3 & ~((D << 1) | prev_d);
		uint64_t anchors = starts | (cur.plus & run3) | cur.one;
		if (secrets) {
			/* pas(sword) p(w)d cre(dential|secret) (to)ke(n) ke(y) (A)K(IA) (identi)f(ied) */
#define SH1(f) ((cur.f >> 1) | (nxt.f << 63))
#define SH2(f) ((cur.f >> 2) | (nxt.f << 62))
			anchors |= (cur.p & SH1(a) & SH2(s)) | (cur.w & ((cur.p << 1) | prev_p)) |
				   (cur.c & SH1(r) & SH2(e)) | (cur.k & (SH1(e) | (cur.a << 1) | prev_a)) |
				   (cur.f & ((cur.i << 1) | prev_i));
#undef SH1
#undef SH2
			prev_p = cur.p >> 63;
			prev_a = cur.a >> 63;
			prev_i = cur.i >> 63;
		}
		uint64_t events = st->mode != M_TEXT ? cur.nl : 0;
		/* CSV: a block without quotes, after a line that closed all of
		 * its quotes, changes no record state: skip its newlines */
		if (st->mode == M_CSV && !cur.q && !st->inq && st->q_at_ls == q_before)
			events = 0;
		uint64_t all = anchors | events;
		while (all) {
			int bit = __builtin_ctzll(all);
			all &= all - 1;
			size_t pos = base + (size_t)bit;
			if (pos >= n)
				break;
			uint64_t below = ((uint64_t)1 << bit) - 1;
			uint64_t nlb = cur.nl & below;
			long line = st->line0 + 1 + (long)(nl_before + (uint64_t)__builtin_popcountll(nlb));
			size_t ls = nlb ? base + 64 - (size_t)__builtin_clzll(nlb) : last_ls;
			if ((events >> bit) & 1) {
				if (st->mode == M_CSV) {
					uint64_t qp = q_before + (uint64_t)__builtin_popcountll(cur.q & below);
					if ((qp - st->q_at_ls) & 1)
						st->inq = !st->inq;
					st->q_at_ls = qp;
					if (!st->inq) {
						st->rec_start = pos + 1;
						st->rec_valid = true;
					}
				} else if (pos + 1 < n) {
					sql_line(st, pos + 1);
				}
				continue;
			}
			if (pos < st->skip)
				continue;
			int c = (unsigned char)b[pos];
			if (is_digit(c)) {
				/* the run's length from the mask: a run shorter than 8
				 * that no separator can join to another is nothing */
				uint64_t rest = ~(D >> bit);
				size_t len = rest ? (size_t)__builtin_ctzll(rest) : 64 - (size_t)bit;
				if ((size_t)bit + len == 64)
					len += (size_t)__builtin_ctzll(~Dn | ((uint64_t)1 << 63));
				if (len < 8) {
					size_t e = pos + len;
					int af = e < n ? (unsigned char)b[e] : 0;
					int bf = pos > ls ? (unsigned char)b[pos - 1] : 0;
					bool ja = mask_char(af) || (joinable(af, len) && e + 1 < n && tok_char((unsigned char)b[e + 1]));
					bool jb = mask_char(bf) || (joinable(bf, len) && pos >= ls + 2 && tok_char((unsigned char)b[pos - 2]));
					/* dates: 2026-11-01, 2026/11/01 (8 digits in three groups) */
					if (ja && len == 4 && (af == '-' || af == '/') && e + 6 <= n && is_digit((unsigned char)b[e + 1]) &&
					    is_digit((unsigned char)b[e + 2]) && b[e + 3] == af && is_digit((unsigned char)b[e + 4]) &&
					    is_digit((unsigned char)b[e + 5]) && (e + 6 == n || !tok_char((unsigned char)b[e + 6])) &&
					    (e + 6 == n || !is_sep((unsigned char)b[e + 6]) || e + 7 >= n || !tok_char((unsigned char)b[e + 7])) &&
					    !jb) {
						st->skip = e + 6;
						continue;
					}
					if (!ja && !jb) {
						st->skip = e;
						continue;
					}
				}
				st->skip = analyze_number(st, pos, line, ls);
			} else if (c == '*' || (c | 0x20) == 'x') {
				if (secrets && (c | 0x20) == 'x' && secret_gate(st, pos, ls))
					scan_secrets(st, pos, line, ls);
				if ((pos + 1 < n && tok_char((unsigned char)b[pos + 1])) ||
				    (pos > ls && tok_char((unsigned char)b[pos - 1])))
					st->skip = analyze_number(st, pos, line, ls);
			} else if (c == '@') {
				bool userinfo;
				size_t e = analyze_at(st, pos, line, ls, &userinfo);
				if (secrets && userinfo)
					scan_secrets(st, pos, line, ls);
				st->skip = e;
			} else if (c == '+') {
				st->skip = analyze_plus(st, pos, line, ls);
			} else if (secrets) {
				if (secret_gate(st, pos, ls)) {
					scan_secrets(st, pos, line, ls);
				} else if (is_alpha(c)) {
					/* the other triggers of this word would fail the same way */
					size_t e = pos + 1;
					while (e < n && is_alpha((unsigned char)b[e]))
						e++;
					st->skip = e;
				}
			}
		}
		prev_d = D >> 63;
		nl_before += (uint64_t)__builtin_popcountll(cur.nl);
		q_before += (uint64_t)__builtin_popcountll(cur.q);
		if (cur.nl)
			last_ls = base + 64 - (size_t)__builtin_clzll(cur.nl);
		cur = nxt;
	}
	return nl_before;
}

#ifdef FC_X86
__attribute__((target("avx2,popcnt,bmi,bmi2,lzcnt"))) static uint64_t scan_chunk_avx2(struct scan *st)
{
	return scan_chunk_impl(st, bm_avx2);
}
#endif

static uint64_t scan_chunk_any(struct scan *st)
{
	return scan_chunk_impl(st, st->bm);
}

static uint64_t scan_chunk(struct scan *st)
{
#ifdef FC_X86
	if (st->bm == bm_avx2)
		return scan_chunk_avx2(st);
#endif
	return scan_chunk_any(st);
}

/* ---- sources -------------------------------------------------------------------- */

struct src {
	int fd;
	gzFile gz;
	const char *mem;
	size_t memn, memoff;
};

/* Read up to want bytes; returns bytes read, 0 at end, -1 on error. */
static long src_read(struct src *s, char *buf, size_t want)
{
	if (s->mem) {
		size_t k = s->memn - s->memoff < want ? s->memn - s->memoff : want;
		memcpy(buf, s->mem + s->memoff, k);
		s->memoff += k;
		return (long)k;
	}
	if (s->gz) {
		if (want > (1u << 30))
			want = 1u << 30;
		int r = gzread(s->gz, buf, (unsigned)want);
		return r < 0 ? -1 : r;
	}
	for (;;) {
		ssize_t r = read(s->fd, buf, want);
		if (r < 0 && errno == EINTR)
			continue;
		return (long)r;
	}
}

/* Where to cut a chunk that holds no newline: after the last byte that
 * cannot be inside a token (',', ';', quotes, brackets, tab). */
static size_t safe_cut(const char *b, size_t n)
{
	size_t lim = n > 65536 ? n - 65536 : 0;
	for (size_t i = n; i > lim; i--) {
		char c = b[i - 1];
		if (c == ',' || c == ';' || c == '\t' || c == '(' || c == ')' || c == '\'' || c == '"' ||
		    c == '<' || c == '>' || c == '|' || c == '\r' || c == '[' || c == ']' || c == '{' ||
		    c == '}')
			return i;
	}
	return n;
}

enum { SNIFF_OK, SNIFF_UTF16, SNIFF_BINARY };

static int sniff(const char *b, size_t n)
{
	const unsigned char *u = (const unsigned char *)b;
	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return SNIFF_UTF16;
	if (n >= 8) {
		size_t lim = n < 512 ? n : 512, zeros = 0, pairs = 0;
		for (size_t i = 0; i + 1 < lim; i += 2, pairs++)
			if (u[i + 1] == 0 && u[i] != 0)
				zeros++;
		if (pairs && zeros * 10 >= pairs * 9)
			return SNIFF_UTF16;
	}
	if (memchr(b, 0, n < 8192 ? n : 8192))
		return SNIFF_BINARY;
	return SNIFF_OK;
}

static void name_mode(struct scan *st, const char *name)
{
	size_t L = strlen(name);
	if (L > 3 && !strcasecmp(name + L - 3, ".gz"))
		L -= 3;
	st->mode = M_TEXT;
	st->delim = 0;
	if (L > 4 && !strncasecmp(name + L - 4, ".csv", 4))
		st->mode = M_CSV;
	else if (L > 4 && !strncasecmp(name + L - 4, ".tsv", 4)) {
		st->mode = M_CSV;
		st->delim = '\t';
	} else if (L > 4 && !strncasecmp(name + L - 4, ".sql", 4))
		st->mode = M_SQL;
	st->r->csv = st->mode == M_CSV;
	st->r->sql = st->mode == M_SQL;
}

static void scan_release(struct scan *st)
{
	fc_free(st->hdr);
	for (size_t i = 0; i < st->ntables; i++)
		fc_free(st->tables[i].cols);
}

/* Stream a source through the chunk scanner.  *utf16 is set (and nothing
 * scanned) when the first bytes show UTF-16: the caller decodes whole. */
static enum fc_status scan_stream(struct scan *st, struct src *s, bool sniff_first, bool *utf16)
{
	size_t cap = st->o->chunk ? st->o->chunk : CHUNK_DEFAULT;
	if (cap < 256)
		cap = 256;
	char *buf = fc_malloc(cap);
	if (!buf)
		return FC_ENOMEM;
	enum fc_status rc = FC_OK;
	size_t have = 0;
	bool eof = false, first = true, last_nl = true;
	*utf16 = false;
	for (;;) {
		while (have < cap && !eof) {
			long r = src_read(s, buf + have, cap - have);
			if (r < 0) {
				int zerr = 0;
				const char *msg = s->gz ? gzerror(s->gz, &zerr) : strerror(errno);
				fc_diag_error(st->d, st->name, st->line0 + 1, 0, "read error: %s (scanned up to here)", msg);
				rc = FC_EIO;
				eof = true;
				break;
			}
			if (r == 0)
				eof = true;
			have += (size_t)r;
		}
		if (first) {
			first = false;
			size_t off = 0;
			if (sniff_first) {
				int k = sniff(buf, have);
				if (k == SNIFF_UTF16) {
					*utf16 = true;
					goto out;
				}
				if (k == SNIFF_BINARY) {
					st->r->binary = true;
					fc_diag_warn(st->d, st->name, 0, 0,
						     "binary content (NUL bytes): not scanned for personal data");
					goto out;
				}
			}
			if (have >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
				off = 3;
				st->r->enc = FC_ENC_UTF8_BOM;
			}
			if (off) {
				memmove(buf, buf + off, have - off);
				have -= off;
			}
		}
		if (have == 0)
			break;
		size_t cut;
		if (eof) {
			cut = have;
		} else {
			const char *nl = memrchr(buf, '\n', have);
			if (nl) {
				cut = (size_t)(nl - buf) + 1;
			} else {
				cut = safe_cut(buf, have);
				st->r->truncated_line = true;
			}
		}
		st->b = buf;
		st->n = cut;
		uint64_t nls = scan_chunk(st);
		st->line0 += (long)nls;
		st->r->bytes += cut;
		last_nl = buf[cut - 1] == '\n';
		st->mid_line = !last_nl;
		memmove(buf, buf + cut, have - cut);
		have -= cut;
	}
	st->r->lines = st->line0 + ((st->r->bytes && !last_nl) ? 1 : 0);
	if (s->gz && rc == FC_OK) {
		int zerr = 0;
		const char *msg = gzerror(s->gz, &zerr);
		if (zerr != Z_OK) {
			fc_diag_error(st->d, st->name, st->line0 + 1, 0, "truncated or corrupt gzip data: %s", msg);
			rc = FC_EIO;
		}
	}
out:
	fc_free(buf);
	return rc;
}

static void scan_init(struct scan *st, const struct fc_pii_opts *o, struct fc_pii_result *r,
		      const char *name, struct fc_diag *d)
{
	static const struct fc_pii_opts defaults;
	memset(st, 0, sizeof(*st));
	st->o = o ? o : &defaults;
	st->r = r;
	st->name = name;
	st->d = d;
	st->bm = pick_bm(st->o->no_simd);
	st->record_line = -1;
	st->secret_line = -1;
	st->sq_create = -1;
	st->cur.rs = SIZE_MAX;
	name_mode(st, name);
}

void fc_pii_result_init(struct fc_pii_result *r)
{
	memset(r, 0, sizeof(*r));
}

static enum fc_status scan_text(const char *p, size_t n, const char *name, const struct fc_pii_opts *o,
				struct fc_pii_result *r, struct fc_diag *d)
{
	struct scan st;
	enum fc_encoding enc = r->enc;
	scan_init(&st, o, r, name, d);
	struct src s = {.fd = -1, .mem = p, .memn = n};
	bool u16;
	enum fc_status rc = scan_stream(&st, &s, false, &u16);
	r->enc = enc;
	scan_release(&st);
	return rc;
}

static enum fc_status scan_mem(const void *data, size_t n, const char *name, const struct fc_pii_opts *o,
			       struct fc_pii_result *r, struct fc_diag *d);

enum fc_status fc_pii_scan_mem(const void *data, size_t n, const char *name, const struct fc_pii_opts *o,
			       struct fc_pii_result *r, struct fc_diag *d)
{
	enum fc_status st = scan_mem(data, n, name, o, r, d);
	if (st == FC_ENOMEM)
		fc_diag_error(d, name, 0, 0, "out of memory while scanning: the counts are incomplete");
	r->status = st;
	return st;
}

static enum fc_status scan_mem(const void *data, size_t n, const char *name, const struct fc_pii_opts *o,
			       struct fc_pii_result *r, struct fc_diag *d)
{
	const unsigned char *u = data;
	if (n >= 2 && u[0] == 0x1f && u[1] == 0x8b) {
		struct fc_text t;
		enum fc_status rc = fc_text_from_mem(data, n, name, &t, d);
		if (rc)
			return rc;
		r->gzipped = true;
		r->enc = t.enc;
		if (sniff(t.p, t.n) == SNIFF_BINARY) {
			r->binary = true;
			fc_diag_warn(d, name, 0, 0, "binary content (NUL bytes): not scanned for personal data");
		} else {
			rc = scan_text(t.p, t.n, name, o, r, d);
		}
		fc_text_release(&t);
		return rc;
	}
	int k = sniff(data, n);
	if (k == SNIFF_BINARY) {
		r->binary = true;
		fc_diag_warn(d, name, 0, 0, "binary content (NUL bytes): not scanned for personal data");
		return FC_OK;
	}
	if (k == SNIFF_UTF16) {
		struct fc_text t;
		enum fc_status rc = fc_text_from_mem(data, n, name, &t, d);
		if (rc)
			return rc;
		r->enc = t.enc;
		rc = scan_text(t.p, t.n, name, o, r, d);
		fc_text_release(&t);
		return rc;
	}
	struct scan st;
	scan_init(&st, o, r, name, d);
	struct src s = {.fd = -1, .mem = data, .memn = n};
	bool u16;
	enum fc_status rc = scan_stream(&st, &s, false, &u16);
	scan_release(&st);
	return rc;
}

static enum fc_status scan_file(const char *path, const char *name, const struct fc_pii_opts *o,
				struct fc_pii_result *r, struct fc_diag *d)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fc_diag_error(d, name, 0, 0, "cannot open: %s", strerror(errno));
		return FC_EIO;
	}
	unsigned char mg[2] = {0, 0};
	ssize_t got = pread(fd, mg, 2, 0);
	struct src s = {.fd = fd};
	if (got == 2 && mg[0] == 0x1f && mg[1] == 0x8b) {
		s.gz = gzdopen(fd, "rb");
		if (!s.gz) {
			close(fd);
			fc_diag_error(d, name, 0, 0, "cannot open gzip stream");
			return FC_ENOMEM;
		}
		gzbuffer(s.gz, 1u << 17);
		r->gzipped = true;
	}
	struct scan st;
	scan_init(&st, o, r, name, d);
	bool u16 = false;
	enum fc_status rc = scan_stream(&st, &s, true, &u16);
	scan_release(&st);
	if (s.gz)
		gzclose(s.gz);
	else
		close(fd);
	if (rc || !u16)
		return rc;
	/* UTF-16 (secedit-style exports): decode the whole file, then scan */
	struct fc_text t;
	rc = fc_text_read(path, name, &t, d);
	if (rc)
		return rc;
	r->enc = t.enc;
	rc = scan_text(t.p, t.n, name, o, r, d);
	fc_text_release(&t);
	return rc;
}

void fc_pii_result_merge(struct fc_pii_result *a, const struct fc_pii_result *b)
{
	for (int t = 0; t < FC_PII__COUNT; t++) {
		a->counts[t].valid += b->counts[t].valid;
		a->counts[t].masked += b->counts[t].masked;
		a->counts[t].invalid += b->counts[t].invalid;
	}
	a->records += b->records;
	a->card_expiry += b->card_expiry;
	a->bytes += b->bytes;
	a->lines += b->lines;
}

/* ---- several files on several threads ---------------------------------------------- */

struct pool {
	const char *const *paths, *const *names;
	size_t n;
	size_t next;
	const struct fc_pii_opts *o;
	struct fc_pii_result *res;
	struct fc_diag *diags;
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	for (;;) {
		size_t i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED);
		if (i >= p->n)
			break;
		fc_pii_scan_file(p->paths[i], p->names[i], p->o, &p->res[i], &p->diags[i]);
	}
	return NULL;
}

static enum fc_status scan_file(const char *path, const char *name, const struct fc_pii_opts *o,
				struct fc_pii_result *r, struct fc_diag *d);

enum fc_status fc_pii_scan_file(const char *path, const char *name, const struct fc_pii_opts *o,
				struct fc_pii_result *r, struct fc_diag *d)
{
	enum fc_status st = scan_file(path, name, o, r, d);
	if (st == FC_ENOMEM)
		fc_diag_error(d, name, 0, 0, "out of memory while scanning: the counts are incomplete");
	r->status = st;
	return st;
}

enum fc_status fc_pii_scan_files(const char *const *paths, const char *const *names, size_t n,
				 int threads, const struct fc_pii_opts *o,
				 struct fc_pii_result *results, struct fc_diag *diags)
{
	for (size_t i = 0; i < n; i++) {
		fc_pii_result_init(&results[i]);
		fc_diag_init(&diags[i]);
	}
	struct pool p = {paths, names, n, 0, o, results, diags};
	if (threads < 1)
		threads = 1;
	if ((size_t)threads > n)
		threads = (int)n;
	if (threads > 64)
		threads = 64;
	pthread_t tid[64];
	int started = 0;
	for (int t = 1; t < threads; t++) {
		if (pthread_create(&tid[started], NULL, worker, &p) != 0)
			break;
		started++;
	}
	worker(&p); /* this thread works too */
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	return FC_OK;
}
