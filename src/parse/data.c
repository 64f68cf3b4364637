/*
 * data/<zone-or-host>/… — files to scan for personal data and secrets
 * (spec/evidence-bundle.md; issue 7).  load() only queues the file; finish()
 * scans every queued file on b->threads threads (fc_pii_scan_files) in
 * batches, so that memory stays bounded however many files there are, and
 * keeps per-file counts, masked samples and column names in the arena.
 * Full identifiers, card numbers and secrets are never kept.
 */
#include <string.h>
#include "../core/mem.h"
#include "../engine/loader.h"
#include "pii.h"

#define BATCH 256

struct data_state {
	struct fc_pii_facts facts;
	FC_VEC(char *) paths;	/* queued, heap (freed in finish) */
};

/* b->pii points at facts, the first member of the state */
static struct data_state *state(struct fc_bundle *b)
{
	if (!b->pii) {
		struct data_state *s = fc_calloc(1, sizeof(*s));
		if (!s)
			return NULL;
		b->pii = &s->facts;
	}
	return (struct data_state *)b->pii;
}

static bool claims(const char *rel)
{
	return fc_path_under(rel, "data/");
}

static enum fc_status load(struct fc_bundle *b, const char *path, const char *rel)
{
	struct data_state *s = state(b);
	if (!s)
		return FC_ENOMEM;
	struct fc_pii_facts *f = &s->facts;
	if (f->nfiles == f->cap) {
		size_t nc = f->cap ? 2 * f->cap : 64;
		struct fc_pii_file *v = fc_reallocarray(f->files, nc, sizeof(*v));
		if (!v)
			return FC_ENOMEM;
		f->files = v;
		f->cap = nc;
	}
	char **pp = fc_vec_push(&s->paths);
	if (!pp || !(*pp = fc_strdup(path)))
		return FC_ENOMEM;
	struct fc_pii_file *pf = &f->files[f->nfiles++];
	memset(pf, 0, sizeof(*pf));
	pf->rel = fc_arena_strdup(&b->arena, rel);
	const char *in = rel + 5; /* after "data/" */
	const char *slash = strchr(in, '/');
	pf->where = slash ? fc_arena_strndup(&b->arena, in, (size_t)(slash - in)) : "";
	if (!pf->rel || !pf->where)
		return FC_ENOMEM;
	fc_bundle_saw(b, FC_EV_DATA, rel);
	return FC_OK;
}

static bool any_hit(const struct fc_pii_result *r)
{
	for (int t = 0; t < FC_PII__COUNT; t++)
		if (r->counts[t].valid || r->counts[t].masked || r->counts[t].invalid)
			return true;
	return false;
}

/* "national_id: 身分證字號=A12****789" for each kind of evidence a check cites */
static int excerpts(struct fc_bundle *b, struct fc_pii_file *pf)
{
	const struct fc_pii_result *r = pf->res;
	for (size_t i = 0; i < r->nsamples; i++) {
		const struct fc_pii_sample *s = &r->samples[i];
		if (s->masked)
			continue;
		const char *t = s->kind ? s->kind : fc_pii_type_name((enum fc_pii_type)s->type);
		const char *e = fc_arena_printf(&b->arena, "%s: %s%s%s", t, s->column, s->column[0] ? "=" : "", s->value);
		if (!e)
			return 1;
		if (!pf->ex[s->type]) {
			pf->ex[s->type] = e;
			pf->ex_line[s->type] = s->line;
		}
		if (s->expiry && !pf->ex_expiry) {
			pf->ex_expiry = e;
			pf->ex_expiry_line = s->line;
		}
		if (fc_pii_personal((enum fc_pii_type)s->type) && !pf->ex_personal) {
			pf->ex_personal = e;
			pf->ex_personal_line = s->line;
		}
	}
	return 0;
}

static enum fc_status finish(struct fc_bundle *b)
{
	if (!b->pii)
		return FC_OK;
	struct data_state *s = (struct data_state *)b->pii;
	struct fc_pii_facts *f = &s->facts;
	enum fc_status st = FC_OK;
	struct fc_pii_result *res = fc_calloc(BATCH, sizeof(*res));
	struct fc_diag *dg = fc_calloc(BATCH, sizeof(*dg));
	const char **names = fc_calloc(BATCH, sizeof(*names));
	if (!res || !dg || !names) {
		st = FC_ENOMEM;
		goto out;
	}
	for (size_t at = 0; at < f->nfiles && !st; at += BATCH) {
		size_t n = f->nfiles - at < BATCH ? f->nfiles - at : BATCH;
		for (size_t i = 0; i < n; i++)
			names[i] = f->files[at + i].rel;
		if (b->progress)
			b->progress("data", at, f->nfiles, b->progress_ud);
		st = fc_pii_scan_files((const char *const *)s->paths.v + at, names, n, b->threads, NULL, res, dg);
		for (size_t i = 0; i < n; i++) {
			struct fc_pii_file *pf = &f->files[at + i];
			/* the workers' diagnostics, in file order */
			for (size_t k = 0; k < dg[i].n; k++) {
				const struct fc_diag_msg *m = &dg[i].v[k];
				fc_diag_add(b->diag, m->level, m->file, m->line, m->col, "%s", m->msg);
			}
			if (res[i].status == FC_ENOMEM)
				st = FC_ENOMEM;
			if (dg[i].errors || res[i].status) {
				pf->error = true;
				f->errors++;
				fc_bundle_bad(b, FC_EV_DATA, pf->rel);
			}
			fc_diag_release(&dg[i]);
			pf->bytes = res[i].bytes;
			pf->binary = res[i].binary;
			f->binary += pf->binary;
			fc_pii_result_merge(&f->totals, &res[i]);
			if (any_hit(&res[i])) {
				struct fc_pii_result *keep = fc_arena_alloc(&b->arena, sizeof(*keep));
				if (!keep) {
					st = FC_ENOMEM;
					break;
				}
				*keep = res[i];
				pf->res = keep;
				if (excerpts(b, pf))
					st = FC_ENOMEM;
			}
		}
	}
out:
	fc_free(res);
	fc_free(dg);
	fc_free(names);
	for (size_t i = 0; i < s->paths.n; i++)
		fc_free(s->paths.v[i]);
	fc_vec_release(&s->paths);
	return st;
}

static void release(struct fc_bundle *b)
{
	if (!b->pii)
		return;
	struct data_state *s = (struct data_state *)b->pii;
	for (size_t i = 0; i < s->paths.n; i++)
		fc_free(s->paths.v[i]);
	fc_vec_release(&s->paths);
	fc_free(s->facts.files);
	fc_free(s);
	b->pii = NULL;
}

const struct fc_loader fc_loader_data = {"data", FC_EV_DATA, 50, claims, load, finish, release};
