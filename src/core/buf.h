/*
 * A growable string buffer with a size cap that remembers its first error
 * (curl's dynbuf, SQLite's StrAccum).  After an error every add is a no-op
 * and fc_buf_err() tells why; check once at the end.
 */
#ifndef FC_BUF_H
#define FC_BUF_H
#include <stddef.h>
#include "status.h"

struct fc_buf {
	char *p;
	size_t len, cap, max;
	enum fc_status err;
};

#define FC_BUF_INIT { NULL, 0, 0, 0, FC_OK }

void fc_buf_init(struct fc_buf *b, size_t max); /* max 0 = FC_MAX_BUF_BYTES */
void fc_buf_release(struct fc_buf *b);
void fc_buf_reset(struct fc_buf *b); /* len = 0, keeps memory, clears error */
void fc_buf_add(struct fc_buf *b, const void *p, size_t n);
void fc_buf_adds(struct fc_buf *b, const char *s);
void fc_buf_addc(struct fc_buf *b, char c);
void fc_buf_addf(struct fc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Always NUL-terminated ("" when empty); valid until the next add. */
const char *fc_buf_str(const struct fc_buf *b);
/* Hands the string to the caller (fc_free it); the buffer is emptied. */
char *fc_buf_detach(struct fc_buf *b);
enum fc_status fc_buf_err(const struct fc_buf *b);

#endif
