/*
 * The logs/ loader (issue 6): logs/ssh/ files are sshd syslog, logs/login/
 * holds application login events (*.csv, *.jsonl, *.json; .gz allowed).
 * Files are only collected while the bundle is walked; finish() analyses
 * them together (in parallel, in one pass) once the account exports are
 * loaded, so that privileged accounts are known.
 */
#include <string.h>
#include "../core/mem.h"
#include "../core/strutil.h"
#include "../engine/loader.h"
#include "logs.h"

static bool is_login(const char *rel)
{
	return fc_path_under(rel, "logs/login/");
}

static bool claims(const char *rel)
{
	if (fc_path_under(rel, "logs/ssh/"))
		return true;
	if (is_login(rel))
		return fc_path_ext(rel, ".csv") || fc_path_ext(rel, ".jsonl") || fc_path_ext(rel, ".json") ||
		       fc_path_ext(rel, ".ndjson");
	return false;
}

static enum fc_status load(struct fc_bundle *b, const char *path, const char *rel)
{
	struct fc_log_facts *f = b->logs;
	if (!f) {
		f = fc_calloc(1, sizeof(*f));
		if (!f)
			return FC_ENOMEM;
		fc_arena_init(&f->arena);
		b->logs = f;
	}
	if (f->ninputs == f->capinputs) {
		size_t nc = f->capinputs ? f->capinputs * 2 : 16;
		struct fc_log_input *nv = fc_reallocarray(f->inputs, nc, sizeof(*nv));
		if (!nv)
			return FC_ENOMEM;
		f->inputs = nv;
		f->capinputs = nc;
	}
	struct fc_log_input *in = &f->inputs[f->ninputs];
	in->path = fc_arena_strdup(&b->arena, path);
	in->name = fc_arena_strdup(&b->arena, rel);
	if (!in->path || !in->name)
		return FC_ENOMEM;
	in->kind = is_login(rel) ? fc_log_kind_of(rel, true) : FC_LOGF_SSH;
	f->ninputs++;
	fc_bundle_saw(b, in->kind == FC_LOGF_SSH ? FC_EV_LOGS_SSH : FC_EV_LOGS_LOGIN, rel);
	return FC_OK;
}

static enum fc_status finish(struct fc_bundle *b)
{
	struct fc_log_facts *pending = b->logs;
	if (!pending || pending->analysed)
		return FC_OK;
	/* SYS-7-3: logins of privileged accounts that no one person answers
	 * for (shared, or an export row with no employee) are reported like
	 * root's; a personal administrator account logging in is not a
	 * deficiency.  Local passwd accounts (uid known) count only as root,
	 * which the sshd parser flags itself.  An export named after a host
	 * applies to sshd logins on that host only. */
	const char **priv = fc_calloc(b->accounts.n + 1, sizeof(*priv));
	if (!priv)
		return FC_ENOMEM;
	size_t np = 0;
	for (size_t i = 0; i < b->accounts.n; i++) {
		const struct fc_account *a = &b->accounts.v[i];
		if (a->privileged != 1 || !a->account || !*a->account)
			continue;
		bool ownerless = a->uid < 0 && (!a->employee_id || !*a->employee_id);
		if (a->shared != 1 && !ownerless)
			continue;
		if (a->source && fc_host_by_name(b, a->source))
			priv[np] = fc_arena_printf(&b->arena, "%s@%s", a->account, a->source);
		else
			priv[np] = a->account;
		if (!priv[np]) {
			fc_free(priv);
			return FC_ENOMEM;
		}
		np++;
	}
	struct fc_log_opts o = {
		.as_of = b->as_of,
		.threads = b->threads,
		.privileged = priv,
		.nprivileged = np,
		.progress = b->progress,
		.progress_ud = b->progress_ud,
	};
	struct fc_log_facts *f = NULL;
	enum fc_status st = fc_log_analyze(pending->inputs, pending->ninputs, &o, b->diag, &f);
	fc_free(priv);
	if (st)
		return st;
	f->inputs = pending->inputs;
	f->ninputs = pending->ninputs;
	f->capinputs = pending->capinputs;
	f->analysed = true;
	pending->inputs = NULL;
	fc_log_facts_free(pending);
	b->logs = f;
	for (size_t i = 0; i < f->nfiles; i++)
		if (f->files[i].error)
			fc_bundle_bad(b, f->files[i].kind == FC_LOGF_SSH ? FC_EV_LOGS_SSH : FC_EV_LOGS_LOGIN,
				      f->files[i].name);
	return FC_OK;
}

static void release(struct fc_bundle *b)
{
	fc_log_facts_free(b->logs);
	b->logs = NULL;
}

const struct fc_loader fc_loader_logs = {"logs", FC_EV_LOGS_SSH, 50, claims, load, finish, release};
