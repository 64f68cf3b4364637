/* Small string helpers shared by parsers.  Spans are pointer + length. */
#ifndef FC_STRUTIL_H
#define FC_STRUTIL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fc_span {
	const char *p;
	size_t n;
};

static inline struct fc_span fc_span_of(const char *s, size_t n)
{
	struct fc_span r = {s, n};
	return r;
}
struct fc_span fc_span_trim(struct fc_span s);
bool fc_span_eq(struct fc_span s, const char *lit);
bool fc_span_ieq(struct fc_span s, const char *lit);
bool fc_span_istarts(struct fc_span s, const char *lit);

int fc_strcasecmp(const char *a, const char *b);
bool fc_streq(const char *a, const char *b); /* NULL-safe */
bool fc_strieq(const char *a, const char *b);
bool fc_istarts(const char *s, const char *prefix);
/* Case-insensitive substring search (ASCII). */
const char *fc_strcasestr(const char *hay, const char *needle);

/* Booleans per the bundle spec: yes/no true/false y/n 1/0 是/否.
 * Returns 1 true, 0 false, -1 empty/unknown, -2 unrecognized. */
int fc_parse_bool(const char *s);
/* Strict integer parse of the whole string (spaces trimmed); false on junk
 * or overflow. */
bool fc_parse_i64(const char *s, int64_t *out);
bool fc_parse_double(const char *s, double *out);
bool fc_span_i64(struct fc_span s, int64_t *out);

/* Lowercase ASCII copy into dst (dst may equal src). */
void fc_ascii_lower(char *s);

/* Split s on sep; calls fn on each trimmed, non-empty piece. */
void fc_split(const char *s, char sep, void (*fn)(struct fc_span piece, void *ud), void *ud);

/* Length of the valid UTF-8 sequence at p (1 for ASCII), 0 if invalid:
 * overlong forms, surrogates and code points past U+10FFFF are invalid. */
size_t fc_utf8_len(const unsigned char *p, size_t n);

#endif
