/*
 * scans/ — vulnerability and port scans (spec/evidence-bundle.md): Nessus
 * .nessus, OpenVAS/GVM XML reports, Trivy JSON, Nmap XML.  The format is
 * sniffed from the content (extensions lie: .xml is any of three); gzip is
 * read transparently.  XML is streamed (files of 1 GB+), JSON read whole
 * under a cap.  The model and its dedupe are in vuln_model.c.
 */
#include <string.h>
#include <zlib.h>
#include "../core/mem.h"
#include "../core/strutil.h"
#include "../engine/loader.h"
#include "vuln.h"

static bool claims(const char *rel)
{
	return fc_path_under(rel, "scans/") &&
	       (fc_path_ext(rel, ".nessus") || fc_path_ext(rel, ".xml") || fc_path_ext(rel, ".json"));
}

int fc_vuln_sniff(const char *h, size_t n)
{
	size_t i = 0;
	if (n >= 3 && !memcmp(h, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n'))
		i++;
	if (i < n && (h[i] == '{' || h[i] == '['))
		return FC_SCANNER_TRIVY;
	if (i >= n || h[i] != '<')
		return -1;
	/* the root element is within the first few KiB (after the XML
	 * declaration, a DOCTYPE, comments and stylesheet instructions) */
	struct {
		const char *tag;
		int fmt;
	} roots[] = {
		{"<NessusClientData_v2", FC_SCANNER_NESSUS},
		{"<nmaprun", FC_SCANNER_NMAP},
		{"<get_reports_response", FC_SCANNER_OPENVAS},
		{"<report", FC_SCANNER_OPENVAS},
	};
	const char *best = NULL;
	int fmt = -1;
	for (size_t r = 0; r < sizeof roots / sizeof *roots; r++) {
		const char *at = memmem(h + i, n - i, roots[r].tag, strlen(roots[r].tag));
		if (at) {
			char c = at + strlen(roots[r].tag) < h + n ? at[strlen(roots[r].tag)] : ' ';
			if (c != ' ' && c != '>' && c != '\t' && c != '\r' && c != '\n' && c != '/')
				continue;
			if (!best || at < best) {
				best = at;
				fmt = roots[r].fmt;
			}
		}
	}
	return fmt;
}

/* ---- byte sources ---- */

struct gzsrc {
	gzFile f;
	const char *head;	/* sniffed bytes handed out first */
	size_t headn, headpos;
	uint64_t total;
};

static long gz_read(void *ud, char *buf, size_t n)
{
	struct gzsrc *g = ud;
	if (g->headpos < g->headn) {
		size_t k = g->headn - g->headpos;
		if (k > n)
			k = n;
		memcpy(buf, g->head + g->headpos, k);
		g->headpos += k;
		return (long)k;
	}
	if (n > (1u << 30))
		n = 1u << 30;
	int r = gzread(g->f, buf, (unsigned)n);
	if (r < 0)
		return -1;
	if (r == 0) {
		int err = Z_OK;
		gzerror(g->f, &err);
		if (err != Z_OK && err != Z_STREAM_END)
			return -1; /* truncated or corrupt gzip */
	}
	g->total += (uint64_t)r;
	return r;
}

struct memsrc {
	const char *p;
	size_t n, pos;
};

static long mem_read(void *ud, char *buf, size_t n)
{
	struct memsrc *m = ud;
	size_t k = m->n - m->pos;
	if (k > n)
		k = n;
	memcpy(buf, m->p + m->pos, k);
	m->pos += k;
	return (long)k;
}

static enum fc_status parse_stream(struct fc_bundle *b, const char *rel, int fmt, struct fc_vsrc *src)
{
	struct fc_vparse p;
	enum fc_status st = fc_vparse_begin(&p, b, rel, (enum fc_scanner)fmt);
	if (st)
		return st;
	switch (fmt) {
	case FC_SCANNER_NESSUS:
		st = fc_vuln_parse_nessus(&p, src);
		break;
	case FC_SCANNER_OPENVAS:
		st = fc_vuln_parse_openvas(&p, src);
		break;
	case FC_SCANNER_NMAP:
		st = fc_vuln_parse_nmap(&p, src);
		break;
	}
	if (!st && p.bad)
		st = FC_EPARSE;
	return st;
}

static enum fc_status parse_json(struct fc_bundle *b, const char *rel, const char *text, size_t n)
{
	struct fc_vparse p;
	enum fc_status st = fc_vparse_begin(&p, b, rel, FC_SCANNER_TRIVY);
	if (st)
		return st;
	if (n >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		text += 3, n -= 3;
	st = fc_vuln_parse_trivy(&p, text, n);
	if (!st && p.bad)
		st = FC_EPARSE;
	return st;
}

static void unknown_format(struct fc_bundle *b, const char *rel)
{
	fc_diag_error(b->diag, rel, 1, 0,
		      "not a recognized scan: expected a Nessus .nessus, OpenVAS/GVM XML report, "
		      "Nmap XML (-oX) or Trivy JSON file");
	fc_bundle_bad(b, FC_EV_SCANS, rel);
}

enum fc_status fc_vuln_load_mem(struct fc_bundle *b, const char *rel, const char *data, size_t n)
{
	fc_bundle_saw(b, FC_EV_SCANS, rel);
	int fmt = fc_vuln_sniff(data, n < 8192 ? n : 8192);
	if (fmt < 0) {
		unknown_format(b, rel);
		return FC_EPARSE;
	}
	if (fmt == FC_SCANNER_TRIVY) {
		if (n > FC_VULN_MAX_JSON) {
			fc_diag_error(b->diag, rel, 0, 0, "Trivy JSON larger than %zu MiB", FC_VULN_MAX_JSON >> 20);
			fc_bundle_bad(b, FC_EV_SCANS, rel);
			return FC_ELIMIT;
		}
		return parse_json(b, rel, data, n);
	}
	struct memsrc m = {data, n, 0};
	struct fc_vsrc src = {mem_read, &m};
	return parse_stream(b, rel, fmt, &src);
}

static enum fc_status load(struct fc_bundle *b, const char *path, const char *rel)
{
	enum fc_status st = FC_OK;
	char *head = NULL, *json = NULL;
	fc_bundle_saw(b, FC_EV_SCANS, rel);
	gzFile f = gzopen(path, "rb");
	if (!f) {
		fc_diag_error(b->diag, rel, 0, 0, "cannot open");
		fc_bundle_bad(b, FC_EV_SCANS, rel);
		return FC_EIO;
	}
	gzbuffer(f, 128 * 1024);
	enum { HEAD = 8192 };
	head = fc_malloc(HEAD);
	if (!head) {
		st = FC_ENOMEM;
		goto out;
	}
	struct gzsrc g = {f, head, 0, 0, 0};
	int r = gzread(f, head, HEAD);
	if (r < 0) {
		fc_diag_error(b->diag, rel, 0, 0, "read error (corrupt compressed file?)");
		fc_bundle_bad(b, FC_EV_SCANS, rel);
		st = FC_EIO;
		goto out;
	}
	g.headn = (size_t)r;
	int fmt = fc_vuln_sniff(head, g.headn);
	if (fmt < 0) {
		unknown_format(b, rel);
		st = FC_EPARSE;
		goto out;
	}
	if (fmt == FC_SCANNER_TRIVY) {
		/* read whole under the cap */
		size_t cap = g.headn + 65536, len = 0;
		json = fc_malloc(cap + 1);
		if (!json) {
			st = FC_ENOMEM;
			goto out;
		}
		for (;;) {
			if (len == cap) {
				if (cap > FC_VULN_MAX_JSON) {
					fc_diag_error(b->diag, rel, 0, 0, "Trivy JSON larger than %zu MiB",
						      FC_VULN_MAX_JSON >> 20);
					fc_bundle_bad(b, FC_EV_SCANS, rel);
					st = FC_ELIMIT;
					goto out;
				}
				char *nj = fc_realloc(json, cap * 2 + 1);
				if (!nj) {
					st = FC_ENOMEM;
					goto out;
				}
				json = nj;
				cap *= 2;
			}
			long k = gz_read(&g, json + len, cap - len);
			if (k < 0) {
				fc_diag_error(b->diag, rel, 0, 0, "read error (truncated or corrupt compressed file?)");
				fc_bundle_bad(b, FC_EV_SCANS, rel);
				st = FC_EIO;
				goto out;
			}
			if (k == 0)
				break;
			len += (size_t)k;
		}
		json[len] = 0;
		st = parse_json(b, rel, json, len);
		goto out;
	}
	struct fc_vsrc src = {gz_read, &g};
	st = parse_stream(b, rel, fmt, &src);
out:
	fc_free(head);
	fc_free(json);
	gzclose(f);
	return st;
}

static enum fc_status finish(struct fc_bundle *b)
{
	return fc_vuln_finish(b);
}

const struct fc_loader fc_loader_scans = {"scans", FC_EV_SCANS, 50, claims, load, finish, fc_vuln_release};
