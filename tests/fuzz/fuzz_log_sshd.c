/* libFuzzer: the sshd line classifier and the connection-joining stream
 * (src/parse/log_sshd.c).  Input: syslog lines.  Differential: a lexer
 * that keeps the last minute of each time-stamp form must read every line
 * exactly as a fresh, cache-less classification does. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "core/date.h"
#include "parse/logs.h"

static void sink(void *ud, const struct fc_log_event *ev)
{
	size_t *n = ud;
	/* every span handed out must be readable */
	volatile char c = 0;
	for (size_t i = 0; i < ev->account_len; i++)
		c ^= ev->account[i];
	for (size_t i = 0; i < ev->source_len; i++)
		c ^= ev->source[i];
	for (size_t i = 0; i < ev->text_len; i++)
		c ^= ev->text[i];
	(void)c;
	(*n)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int32_t asof = fc_days_from_civil(2026, 11, 1);
	size_t events = 0;
	struct fc_ssh_stream *s = fc_ssh_stream_new(asof, sink, &events);
	struct fc_ssh_lexer *x = fc_ssh_lexer_new(asof);
	if (!s || !x) {
		fc_ssh_stream_free(s);
		fc_ssh_lexer_free(x);
		return 0;
	}
	const char *p = (const char *)data;
	size_t start = 0;
	long line = 0;
	for (size_t i = 0; i <= size; i++) {
		if (i == size || p[i] == '\n') {
			size_t n = i - start;
			/* the classifier on its own: must not read past n (ASan) */
			char *copy = n ? __builtin_malloc(n) : NULL;
			if (copy) {
				memcpy(copy, p + start, n);
				struct fc_ssh_line l, c;
				bool fresh = fc_ssh_classify(copy, n, asof, &l);
				int r = fc_ssh_lex(x, copy, n, &c);
				if ((r == 1) != fresh || (fresh && (c.ts != l.ts || c.msg != l.msg || c.pid != l.pid)))
					__builtin_trap();
				fc_ssh_stream_line(s, copy, n, ++line, (uint64_t)start);
				__builtin_free(copy);
			}
			start = i + 1;
		}
	}
	fc_ssh_stream_finish(s);
	fc_ssh_stream_free(s);
	fc_ssh_lexer_free(x);
	return 0;
}
