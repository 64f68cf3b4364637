/* fincheck user add|passwd|del|unlock|list — dashboard users (src/web/auth.h). */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "../core/json.h"
#include "../core/mem.h"
#include "../web/auth.h"
#include "webcli.h"

static const char usage_text[] =
	"usage: fincheck user add NAME --role ROLE [--db PATH] [--by USER]\n"
	"       fincheck user passwd NAME [--db PATH] [--by USER]\n"
	"       fincheck user del NAME [--db PATH] [--by USER]\n"
	"       fincheck user unlock NAME [--db PATH] [--by USER]\n"
	"       fincheck user list [--db PATH] [--format text|json]\n"
	"\n"
	"Manage the dashboard's local users.  Roles: viewer, assessor, auditor, admin,\n"
	"supervisor (docs/web.md).  The password is read from the terminal (twice,\n"
	"not echoed) or, when stdin is not a terminal, from its first line; it needs\n"
	"10+ characters mixing letters, digits and symbols, and is stored as an\n"
	"argon2id hash.  Three failed logins lock an account for 15 minutes; 'unlock'\n"
	"clears that.  Every change is recorded in the audit chain (--by, default $USER).\n"
	"\n"
	"  --db PATH   the store (default ./fincheck.db; postgresql://… accepted)\n";

/* One line of a password: from the terminal without echo, or stdin. */
static bool read_password(const char *prompt, char *out, size_t n)
{
	bool tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fprintf(stderr, "%s", prompt);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		} else
			tty = false;
	}
	bool ok = fgets(out, (int)n, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	if (!ok)
		return false;
	size_t len = strlen(out);
	if (len == n - 1 && out[len - 1] != '\n')
		return false; /* longer than the buffer */
	while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	return true;
}

static bool get_new_password(char *pw, size_t n)
{
	if (!read_password("New password: ", pw, n)) {
		fprintf(stderr, "fincheck user: no password given (or longer than %d bytes)\n", FC_PASSWORD_MAX);
		return false;
	}
	if (isatty(STDIN_FILENO)) {
		char again[FC_PASSWORD_MAX + 2];
		bool same = read_password("Repeat: ", again, sizeof again) && !strcmp(pw, again);
		memset(again, 0, sizeof again);
		if (!same) {
			fprintf(stderr, "fincheck user: the passwords differ\n");
			return false;
		}
	}
	return true;
}

struct list_ctx {
	struct fc_json *j;
	struct fc_buf *b;
	int64_t now;
};

static void list_one(const struct fc_user_row *u, void *ud)
{
	struct list_ctx *x = ud;
	bool locked = u->locked_until > x->now;
	if (x->j) {
		fc_json_obj(x->j);
		fc_json_kstr(x->j, "name", u->name);
		fc_json_kstr(x->j, "role", fc_role_name(u->role));
		fc_json_kbool(x->j, "locked", locked);
		fc_json_kint(x->j, "failed_logins", u->failed);
		fc_json_kstr(x->j, "created", u->created);
		fc_json_obj_end(x->j);
	} else
		fc_buf_addf(x->b, "%-24s %-10s %s\n", u->name, fc_role_name(u->role), locked ? "locked" : "");
}

int cmd_user(int argc, char **argv)
{
	const char *db = NULL, *by = getenv("USER"), *role = NULL, *fmt = "text", *verb = NULL, *name = NULL;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return 0;
		} else if ((v = fc_cli_optarg(argc, argv, &i, "--db")))
			db = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--by")))
			by = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--role")))
			role = v;
		else if ((v = fc_cli_optarg(argc, argv, &i, "--format")))
			fmt = v;
		else if (argv[i][0] == '-')
			return fc_cli_usage_error("user", "unknown or incomplete option '%s'", argv[i]);
		else if (!verb)
			verb = argv[i];
		else if (!name)
			name = argv[i];
		else
			return fc_cli_usage_error("user", "unexpected argument '%s'", argv[i]);
	}
	if (!verb)
		return fc_cli_usage_error("user", "missing a verb: add, passwd, del, unlock or list");
	static const char *const verbs[] = {"add", "passwd", "del", "unlock", "list", NULL};
	int vb = -1;
	for (int k = 0; verbs[k]; k++)
		if (!strcmp(verb, verbs[k]))
			vb = k;
	if (vb < 0)
		return fc_cli_usage_error("user", "unknown verb '%s' (add, passwd, del, unlock, list)", verb);
	if (vb != 4 && !name)
		return fc_cli_usage_error("user", "missing the user NAME");
	if (vb == 0 && !role)
		return fc_cli_usage_error("user", "'add' needs --role viewer|assessor|auditor|admin|supervisor");
	if (vb == 0 && fc_role_parse(role) < 0)
		return fc_cli_usage_error("user", "unknown role '%s' (viewer, assessor, auditor, admin, supervisor)", role);
	static const char *const fmts[] = {"text", "json", NULL};
	int f = fc_cli_format("user", fmt, fmts);
	if (f < 0)
		return FC_EXIT_USAGE;
	if (!by || !*by)
		by = "fincheck";
	char pw[FC_PASSWORD_MAX + 2] = "";
	if ((vb == 0 || vb == 1) && !get_new_password(pw, sizeof pw))
		return FC_EXIT_USAGE;
	struct fc_diag d;
	fc_cli_diag_init(&d);
	struct fc_store *s = NULL;
	int rc = fc_webcli_open("user", db, &d, &s);
	if (rc)
		goto out;
	struct fc_db *h = fc_store_db(s);
	enum fc_status st = FC_OK;
	switch (vb) {
	case 0:
		st = fc_user_add(h, name, role, pw, by, &d);
		if (!st)
			fprintf(stderr, "user %s added (%s)\n", name, role);
		break;
	case 1:
		st = fc_user_passwd(h, name, pw, by, &d);
		if (!st)
			fprintf(stderr, "password of %s changed; its sessions ended\n", name);
		break;
	case 2:
		st = fc_user_del(h, name, by, &d);
		if (!st)
			fprintf(stderr, "user %s deleted\n", name);
		break;
	case 3:
		st = fc_user_unlock(h, name, by, &d);
		if (!st)
			fprintf(stderr, "user %s unlocked\n", name);
		break;
	default: {
		struct fc_buf b;
		fc_buf_init(&b, 0);
		struct fc_json j;
		struct list_ctx x = {NULL, &b, fc_web_now()};
		if (f == 1) {
			fc_json_init(&j, &b, true);
			x.j = &j;
			fc_json_obj(&j);
			fc_json_key(&j, "users");
			fc_json_arr(&j);
		}
		st = fc_user_list(h, list_one, &x);
		if (f == 1) {
			fc_json_arr_end(&j);
			fc_json_obj_end(&j);
			fc_buf_addc(&b, '\n');
		}
		if (!st && !fc_cli_write(&b, NULL))
			st = FC_EIO;
		fc_buf_release(&b);
	}
	}
	if (st)
		rc = st == FC_EUSAGE || st == FC_ENOTFOUND ? FC_EXIT_USAGE : FC_EXIT_INPUT;
out:
	memset(pw, 0, sizeof pw);
	fc_store_close(s);
	fc_diag_release(&d);
	return rc;
}
