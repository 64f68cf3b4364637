/*
 * Certificates through OpenSSL (libcrypto): PEM blocks are located by hand
 * so that each certificate cites its BEGIN line; DER is tried when there is
 * no PEM armour.  Private-key blocks are never parsed (a note says they were
 * seen).  NET-13 (valid, legitimate certificates) and seed 002 網站實名制
 * (EV/OV rather than DV for a financial institution's public sites).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include "../core/limits.h"
#include "../core/mem.h"
#include "../core/strutil.h"
#include "../engine/loader.h"
#include "certs.h"
#include "hostcfg.h"

#define CERTS_MAX_FILE_BYTES FC_MAX_CERT_FILE_BYTES
#define CERTS_MAX_PER_FILE FC_MAX_CERTS_PER_FILE
#define CERTS_MAX_SANS FC_MAX_CERT_SANS

const char *fc_cert_level_name(enum fc_cert_level l)
{
	static const char *const n[] = {"unknown", "DV", "OV", "IV", "EV"};
	return (unsigned)l < 5 ? n[l] : "unknown";
}

/* CA/B Forum reserved policy OIDs and CA-specific EV OIDs (the EV
 * Guidelines let CAs use their own before 2.23.140.1.1 existed). */
static const char *const ev_oids[] = {
	"2.23.140.1.1",
	"2.16.840.1.114412.2.1",	/* DigiCert */
	"2.16.840.1.114028.10.1.2",	/* Entrust */
	"1.3.6.1.4.1.4146.1.1",		/* GlobalSign */
	"1.3.6.1.4.1.6449.1.2.1.5.1",	/* Sectigo / Comodo */
	"2.16.840.1.114413.1.7.23.3",	/* GoDaddy */
	"2.16.840.1.114414.1.7.23.3",	/* Starfield */
	"2.16.840.1.113733.1.7.23.6",	/* Symantec / VeriSign */
	"2.16.840.1.113733.1.7.48.1",	/* Thawte */
	"1.3.6.1.4.1.40869.1.1.22.3",	/* TWCA */
	"1.3.6.1.4.1.8024.0.2.100.1.2",	/* QuoVadis */
	"2.16.578.1.26.1.3.3",		/* Buypass */
	"2.16.756.1.89.1.2.1.1",	/* SwissSign */
	"1.3.159.1.17.1",		/* Actalis */
	NULL,
};

static enum fc_status dup_name(struct fc_arena *a, X509_NAME *nm, const char **full, const char **cn,
			       const char **o)
{
	*full = NULL;
	if (cn)
		*cn = NULL;
	if (o)
		*o = NULL;
	if (!nm)
		return FC_OK;
	BIO *bio = BIO_new(BIO_s_mem());
	if (!bio)
		return FC_ENOMEM;
	X509_NAME_print_ex(bio, nm, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
	char *p;
	long len = BIO_get_mem_data(bio, &p);
	*full = fc_arena_strndup(a, p, len > 0 ? (size_t)(len > 1024 ? 1024 : len) : 0);
	BIO_free(bio);
	if (!*full)
		return FC_ENOMEM;
	int nids[2] = {NID_commonName, NID_organizationName};
	const char **outs[2] = {cn, o};
	for (int k = 0; k < 2; k++) {
		if (!outs[k])
			continue;
		int i = X509_NAME_get_index_by_NID(nm, nids[k], -1);
		if (i < 0)
			continue;
		ASN1_STRING *s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(nm, i));
		unsigned char *u = NULL;
		int ul = ASN1_STRING_to_UTF8(&u, s);
		if (ul >= 0) {
			*outs[k] = fc_arena_strndup(a, (const char *)u, (size_t)(ul > 512 ? 512 : ul));
			OPENSSL_free(u);
			if (!*outs[k])
				return FC_ENOMEM;
		}
	}
	return FC_OK;
}

static int64_t asn1_secs(const ASN1_TIME *t, bool *ok)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	*ok = t && ASN1_TIME_to_tm(t, &tm) == 1;
	if (!*ok)
		return 0;
	int32_t days = fc_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return (int64_t)days * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

static void hex(const unsigned char *p, size_t n, char *out, size_t cap)
{
	static const char h[] = "0123456789abcdef";
	size_t o = 0;
	for (size_t i = 0; i < n && o + 2 < cap; i++) {
		out[o++] = h[p[i] >> 4];
		out[o++] = h[p[i] & 15];
	}
	out[o] = '\0';
}

static enum fc_status describe(X509 *x, struct fc_arena *a, struct fc_cert *c)
{
	enum fc_status st;
	if ((st = dup_name(a, X509_get_subject_name(x), &c->subject, &c->subject_cn, &c->subject_o)))
		return st;
	if ((st = dup_name(a, X509_get_issuer_name(x), &c->issuer, &c->issuer_cn, NULL)))
		return st;
	bool ok1, ok2;
	c->not_before = asn1_secs(X509_get0_notBefore(x), &ok1);
	c->not_after = asn1_secs(X509_get0_notAfter(x), &ok2);
	if (!ok1 || !ok2)
		return FC_EPARSE;
	/* key */
	EVP_PKEY *pk = X509_get0_pubkey(x);
	c->key_type = "unknown";
	if (pk) {
		c->key_bits = EVP_PKEY_get_bits(pk);
		switch (EVP_PKEY_get_base_id(pk)) {
		case EVP_PKEY_RSA:
		case EVP_PKEY_RSA_PSS:
			c->key_type = "RSA";
			break;
		case EVP_PKEY_EC: {
			c->key_type = "EC";
			char gname[80];
			size_t gl = 0;
			if (EVP_PKEY_get_utf8_string_param(pk, "group", gname, sizeof gname, &gl) == 1)
				c->curve = fc_arena_strdup(a, gname);
			break;
		}
		case EVP_PKEY_DSA:
			c->key_type = "DSA";
			break;
		case EVP_PKEY_ED25519:
			c->key_type = "Ed25519";
			break;
		case EVP_PKEY_ED448:
			c->key_type = "Ed448";
			break;
		default:
			break;
		}
	}
	/* signature algorithm and its hash */
	int signid = X509_get_signature_nid(x);
	c->sig_alg = signid != NID_undef ? OBJ_nid2ln(signid) : "unknown";
	int mdnid = NID_undef, pknid = NID_undef;
	if (signid != NID_undef && OBJ_find_sigid_algs(signid, &mdnid, &pknid) && mdnid != NID_undef)
		c->sig_hash = OBJ_nid2sn(mdnid);
	if (c->sig_hash) {
		/* OpenSSL short names: "SHA1", "SHA256", "MD5": lowercase */
		char *l = fc_arena_strdup(a, c->sig_hash);
		if (!l)
			return FC_ENOMEM;
		fc_ascii_lower(l);
		c->sig_hash = l;
	}
	/* CA? self-signed? */
	c->is_ca = X509_check_ca(x) > 0;
	c->self_signed = X509_check_issued(x, x) == X509_V_OK;
	c->leaf = !c->is_ca;
	/* SAN DNS names */
	GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	if (gens) {
		int ng = sk_GENERAL_NAME_num(gens);
		size_t cap = ng > 0 ? (size_t)(ng > CERTS_MAX_SANS ? CERTS_MAX_SANS : ng) : 0;
		c->dns = cap ? fc_arena_alloc(a, cap * sizeof(char *)) : NULL;
		for (int i = 0; i < ng && c->dns && c->ndns < cap; i++) {
			GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
			if (g->type != GEN_DNS)
				continue;
			const unsigned char *s = ASN1_STRING_get0_data(g->d.dNSName);
			int sl = ASN1_STRING_length(g->d.dNSName);
			if (sl > 0 && sl < 512)
				c->dns[c->ndns++] = fc_arena_strndup(a, (const char *)s, (size_t)sl);
		}
		GENERAL_NAMES_free(gens);
	}
	/* certificate policies */
	CERTIFICATEPOLICIES *pol = X509_get_ext_d2i(x, NID_certificate_policies, NULL, NULL);
	char pbuf[1024] = "";
	size_t po = 0;
	bool dv = false, ov = false, iv = false, ev = false;
	if (pol) {
		for (int i = 0; i < sk_POLICYINFO_num(pol); i++) {
			POLICYINFO *pi = sk_POLICYINFO_value(pol, i);
			char oid[128];
			if (OBJ_obj2txt(oid, sizeof oid, pi->policyid, 1) <= 0)
				continue;
			if (po + strlen(oid) + 2 < sizeof pbuf)
				po += (size_t)snprintf(pbuf + po, sizeof pbuf - po, "%s%s", po ? " " : "", oid);
			for (size_t k = 0; ev_oids[k]; k++)
				if (!strcmp(oid, ev_oids[k]))
					ev = true;
			if (!strcmp(oid, "2.23.140.1.2.1"))
				dv = true;
			else if (!strcmp(oid, "2.23.140.1.2.2"))
				ov = true;
			else if (!strcmp(oid, "2.23.140.1.2.3"))
				iv = true;
		}
		CERTIFICATEPOLICIES_free(pol);
	}
	c->policies = po ? fc_arena_strdup(a, pbuf) : NULL;
	c->level = ev ? FC_CERT_EV : ov ? FC_CERT_OV : iv ? FC_CERT_IV : dv ? FC_CERT_DV : FC_CERT_UNKNOWN;
	if (c->level == FC_CERT_UNKNOWN && c->leaf) {
		c->level = c->subject_o ? FC_CERT_OV : FC_CERT_DV;
		c->level_inferred = true;
	}
	/* serial and fingerprint */
	const ASN1_INTEGER *sn = X509_get0_serialNumber(x);
	char sbuf[130];
	hex(ASN1_STRING_get0_data(sn), (size_t)ASN1_STRING_length(sn), sbuf, sizeof sbuf);
	c->serial = fc_arena_strdup(a, sbuf);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdl = 0;
	char fbuf[EVP_MAX_MD_SIZE * 2 + 1];
	if (X509_digest(x, EVP_sha256(), md, &mdl) == 1) {
		hex(md, mdl, fbuf, sizeof fbuf);
		c->fingerprint = fc_arena_strdup(a, fbuf);
	}
	if (!c->serial)
		return FC_ENOMEM;
	return FC_OK;
}

static enum fc_status add(struct fc_cert_facts *f, struct fc_arena *a, X509 *x, const char *name, int index,
			  long line, const char *excerpt, X509 **chain, size_t *nchain, struct fc_diag *d)
{
	struct fc_cert *c = fc_vec_push(&f->certs);
	if (!c)
		return FC_ENOMEM;
	c->file = name;
	c->index = index;
	c->issuer_index = -1;
	c->ref.file = name;
	c->ref.line = line;
	c->ref.excerpt = excerpt;
	enum fc_status st = describe(x, a, c);
	if (st) {
		f->certs.n--;
		if (st == FC_EPARSE)
			fc_diag_error(d, name, line, 0, "certificate with an unreadable validity period");
		return st;
	}
	if (*nchain < CERTS_MAX_PER_FILE)
		chain[(*nchain)++] = x;
	else
		X509_free(x);
	return FC_OK;
}

enum fc_status fc_certs_parse(const unsigned char *data, size_t n, const char *name, struct fc_arena *a,
			      struct fc_cert_facts *f, struct fc_diag *d)
{
	enum fc_status st = FC_OK;
	size_t first = f->certs.n;
	X509 **chain = fc_calloc(CERTS_MAX_PER_FILE, sizeof(X509 *));
	size_t nchain = 0;
	if (!chain)
		return FC_ENOMEM;
	const char *text = (const char *)data;
	bool pem = false;
	static const char begin[] = "-----BEGIN ";
	for (size_t i = 0; i + sizeof begin - 1 <= n;) {
		const char *p = memmem(text + i, n - i, begin, sizeof begin - 1);
		if (!p)
			break;
		pem = true;
		size_t off = (size_t)(p - text);
		long line = 1;
		for (size_t k = 0; k < off; k++)
			line += text[k] == '\n';
		const char *eol = memchr(p, '\n', n - off);
		size_t ll = eol ? (size_t)(eol - p) : n - off;
		struct fc_span label = fc_span_trim(fc_span_of(p, ll));
		char *excerpt = fc_arena_strndup(a, label.p, label.n > 80 ? 80 : label.n);
		if (!excerpt) {
			st = FC_ENOMEM;
			goto out;
		}
		i = off + ll;
		bool is_cert = fc_span_istarts(label, "-----BEGIN CERTIFICATE-----") ||
			       fc_span_istarts(label, "-----BEGIN TRUSTED CERTIFICATE-----") ||
			       fc_span_istarts(label, "-----BEGIN X509 CERTIFICATE-----");
		if (!is_cert) {
			if (fc_hc_memcasestr(label.p, label.n, "PRIVATE KEY"))
				fc_diag_warn(d, name, line, 0,
					     "a private key is stored with the certificate: not read (keep keys out of evidence bundles)");
			else
				fc_diag_warn(d, name, line, 0, "PEM block '%.*s' is not a certificate: not read",
					     (int)(label.n > 60 ? 60 : label.n), label.p);
			continue;
		}
		if (f->certs.n - first >= CERTS_MAX_PER_FILE) {
			fc_diag_error(d, name, line, 0, "more than %d certificates in one file", CERTS_MAX_PER_FILE);
			st = FC_ELIMIT;
			break;
		}
		BIO *bio = BIO_new_mem_buf(p, (int)(n - off > INT32_MAX ? INT32_MAX : n - off));
		if (!bio) {
			st = FC_ENOMEM;
			goto out;
		}
		X509 *x = fc_streq(excerpt, "-----BEGIN TRUSTED CERTIFICATE-----") ? PEM_read_bio_X509_AUX(bio, NULL, NULL, NULL)
										 : PEM_read_bio_X509(bio, NULL, NULL, NULL);
		BIO_free(bio);
		if (!x) {
			fc_diag_error(d, name, line, 0, "malformed PEM certificate (bad base64 or DER inside)");
			st = FC_EPARSE;
			continue;
		}
		enum fc_status e = add(f, a, x, name, (int)(f->certs.n - first), line, excerpt, chain, &nchain, d);
		if (e) {
			X509_free(x);
			if (e == FC_ENOMEM) {
				st = e;
				goto out;
			}
			st = FC_EPARSE;
		}
	}
	if (!pem) {
		const unsigned char *q = data;
		X509 *x = n < INT32_MAX ? d2i_X509(NULL, &q, (long)n) : NULL;
		if (!x) {
			fc_diag_error(d, name, 1, 0, "not a certificate: no PEM block and not DER X.509");
			st = FC_EPARSE;
			goto out;
		}
		if ((size_t)(q - data) != n)
			fc_diag_warn(d, name, 1, 0, "%zu bytes after the DER certificate ignored", n - (size_t)(q - data));
		enum fc_status e = add(f, a, x, name, 0, 1, "DER certificate", chain, &nchain, d);
		if (e) {
			X509_free(x);
			st = e == FC_ENOMEM ? e : FC_EPARSE;
			goto out;
		}
	} else if (f->certs.n == first && st == FC_OK) {
		fc_diag_error(d, name, 1, 0, "no certificate in this file");
		st = FC_EPARSE;
	}
	/* chain: which certificate in the file issued which */
	for (size_t i = 0; i < nchain; i++)
		for (size_t j = 0; j < nchain; j++)
			if (i != j && f->certs.v[first + i].issuer_index < 0 &&
			    X509_check_issued(chain[j], chain[i]) == X509_V_OK) {
				f->certs.v[first + i].issuer_index = (int)j;
				break;
			}
out:
	for (size_t i = 0; i < nchain; i++)
		X509_free(chain[i]);
	fc_free(chain);
	return st;
}

/* ---- loader ------------------------------------------------------------ */

static bool claims(const char *rel)
{
	return fc_path_under(rel, "certs/") &&
	       (fc_path_ext(rel, ".pem") || fc_path_ext(rel, ".crt") || fc_path_ext(rel, ".cer"));
}

static enum fc_status load(struct fc_bundle *b, const char *path, const char *rel_in)
{
	const char *rel = fc_arena_strdup(&b->arena, rel_in);
	if (!rel)
		return FC_ENOMEM;
	if (!b->certs && !(b->certs = fc_arena_alloc(&b->arena, sizeof(*b->certs))))
		return FC_ENOMEM;
	fc_bundle_saw(b, FC_EV_CERTS, rel);
	b->certs->files++;
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fc_diag_error(b->diag, rel, 0, 0, "cannot open: %s", strerror(errno));
		fc_bundle_bad(b, FC_EV_CERTS, rel);
		return FC_OK;
	}
	unsigned char *buf = fc_malloc(CERTS_MAX_FILE_BYTES + 1);
	if (!buf) {
		fclose(fp);
		return FC_ENOMEM;
	}
	size_t n = fread(buf, 1, CERTS_MAX_FILE_BYTES + 1, fp);
	bool err = ferror(fp);
	fclose(fp);
	enum fc_status st = FC_OK;
	if (err) {
		fc_diag_error(b->diag, rel, 0, 0, "read error");
		st = FC_EPARSE;
	} else if (n > CERTS_MAX_FILE_BYTES) {
		fc_diag_error(b->diag, rel, 0, 0, "larger than %zu bytes: not a certificate file", CERTS_MAX_FILE_BYTES);
		st = FC_ELIMIT;
	} else {
		st = fc_certs_parse(buf, n, rel, &b->arena, b->certs, b->diag);
	}
	fc_free(buf);
	if (st == FC_ENOMEM)
		return st;
	if (st)
		fc_bundle_bad(b, FC_EV_CERTS, rel);
	return FC_OK;
}

static void release(struct fc_bundle *b)
{
	if (b->certs)
		fc_vec_release(&b->certs->certs); /* the struct itself is in the arena */
}

const struct fc_loader fc_loader_certs = {"certs", FC_EV_CERTS, 50, claims, load, NULL, release};
