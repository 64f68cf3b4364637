/* Multi-row INSERTs for the store (store_int.h). */
#include <string.h>
#include "../core/buf.h"
#include "../core/mem.h"
#include "store_int.h"

void fc_batch_init(struct fc_batch *b, struct fc_db *db, const char *head, int ncols)
{
	memset(b, 0, sizeof(*b));
	b->db = db;
	b->head = head;
	b->ncols = ncols;
}

enum fc_status fc_batch_flush(struct fc_batch *b)
{
	if (!b->n || b->err)
		goto out;
	struct fc_stmt *st = b->n == FC_BATCH_ROWS ? b->full : NULL;
	if (!st) {
		struct fc_buf sql;
		fc_buf_init(&sql, 0);
		fc_buf_adds(&sql, b->head);
		for (int r = 0; r < b->n; r++) {
			fc_buf_adds(&sql, r ? ", (" : "(");
			for (int c = 0; c < b->ncols; c++)
				fc_buf_adds(&sql, c ? ", ?" : "?");
			fc_buf_addc(&sql, ')');
		}
		b->err = fc_buf_err(&sql) ? FC_ENOMEM : fc_db_prepare(b->db, fc_buf_str(&sql), &st);
		fc_buf_release(&sql);
		if (b->err)
			goto out;
		if (b->n == FC_BATCH_ROWS)
			b->full = st;
	}
	fc_stmt_reset(st);
	for (int k = 0; k < b->n * b->ncols; k++) {
		if (b->cells[k].is_int)
			fc_stmt_bind_int(st, k + 1, b->cells[k].i);
		else
			fc_stmt_bind_text(st, k + 1, b->cells[k].s);
	}
	b->err = fc_stmt_run(st);
	fc_stmt_reset(st);
	if (st != b->full)
		fc_stmt_free(st);
out:
	for (int k = 0; k < b->n * b->ncols; k++) {
		fc_free(b->cells[k].s);
		b->cells[k].s = NULL;
	}
	b->n = 0;
	return b->err;
}

void fc_batch_release(struct fc_batch *b)
{
	for (int k = 0; k < b->n * b->ncols; k++)
		fc_free(b->cells[k].s);
	b->n = 0;
	fc_stmt_free(b->full);
	b->full = NULL;
}

/* The next row's cells (NULL after an error). */
struct fc_cell *fc_batch_row(struct fc_batch *b)
{
	if (b->n == FC_BATCH_ROWS && fc_batch_flush(b))
		return NULL;
	if (b->err)
		return NULL;
	return &b->cells[b->n++ * b->ncols];
}

void fc_cell_int(struct fc_batch *b, struct fc_cell *c, int64_t v)
{
	c->is_int = true;
	c->i = v;
	(void)b;
}

void fc_cell_text(struct fc_batch *b, struct fc_cell *c, const char *s)
{
	c->is_int = false;
	c->s = NULL;
	if (s && !(c->s = fc_strdup(s)))
		b->err = FC_ENOMEM;
}

