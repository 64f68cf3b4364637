/* libFuzzer: the login-event reader (src/parse/log_login.c).  The first
 * byte picks CSV or JSON Lines; the rest is fed line by line. */
#include <stdint.h>
#include <string.h>
#include "core/diag.h"
#include "parse/logs.h"

static void sink(void *ud, const struct fc_log_event *ev)
{
	volatile char c = 0;
	for (size_t i = 0; i < ev->account_len; i++)
		c ^= ev->account[i];
	for (size_t i = 0; i < ev->source_len; i++)
		c ^= ev->source[i];
	(void)c;
	(void)ud;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	struct fc_diag d;
	fc_diag_init(&d);
	struct fc_login_reader *r =
		fc_login_reader_new(data[0] & 1 ? FC_LOGIN_JSONL : FC_LOGIN_CSV, "fuzz", &d, sink, NULL);
	if (!r) {
		fc_diag_release(&d);
		return 0;
	}
	const char *p = (const char *)data + 1;
	size -= 1;
	size_t start = 0;
	long line = 0;
	for (size_t i = 0; i <= size; i++) {
		if (i == size || p[i] == '\n') {
			size_t n = i - start;
			char *copy = __builtin_malloc(n + 1);
			if (copy) {
				memcpy(copy, p + start, n);
				copy[n] = '\0';
				bool go = fc_login_reader_line(r, copy, n, ++line, (uint64_t)start);
				__builtin_free(copy);
				if (!go)
					break;
			}
			start = i + 1;
		}
	}
	fc_login_reader_finish(r, line);
	fc_login_reader_free(r);
	fc_diag_release(&d);
	return 0;
}
