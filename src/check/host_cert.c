/*
 * Certificate checks over certs/ (public-facing services).  NET-13 (有效
 * 合法之SSL/TLS憑證), FL098837 §13; seed 002 網站實名制: a financial
 * institution's public sites should carry OV or EV certificates, not DV.
 */
#include <stdio.h>
#include <string.h>
#include "../core/strutil.h"
#include "../parse/certs.h"
#include "host_int.h"

static const struct fc_cert_facts *cf(const struct fc_bundle *b)
{
	static const struct fc_cert_facts none;
	return b->certs ? b->certs : &none;
}

static const char *cert_name(const struct fc_cert *x)
{
	if (x->subject_cn)
		return x->subject_cn;
	if (x->ndns)
		return x->dns[0];
	return x->subject ? x->subject : "?";
}

/* the object: the certificate's name; the key: its fingerprint */
#define EMITC(c, x, ...) fc_emit_key((c), "certificate", cert_name(x), (x)->fingerprint, &(x)->ref, __VA_ARGS__)

void fc_certchk_expiry(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	int32_t asof = fc_ctx_asof(c);
	long warn = (long)fc_param(c, "cert_expiry_warn_days");
	const struct fc_cert_facts *F = cf(b);
	char d[11];
	for (size_t i = 0; i < F->certs.n; i++) {
		const struct fc_cert *x = &F->certs.v[i];
		if (x->self_signed && x->is_ca)
			continue; /* a root's own date matters through the trust store, not here */
		int32_t end = fc_ts_day(x->not_after);
		long left = (long)end - (long)asof;
		if (left < 0) {
			struct fc_finding *f = EMITC(c, x, FC_TXT(c, "%s憑證 %s（%s）已於 %s 到期", "%scertificate %s (%s) expired on %s"),
						     x->leaf ? "" : FC_TXT(c, "中繼", "intermediate "), cert_name(x), x->file,
						     fc_hostchk_date(end, d));
			fc_finding_due(f, asof);
		} else if (left <= warn) {
			struct fc_finding *f = EMITC(c, x, FC_TXT(c, "%s憑證 %s（%s）將於 %s 到期（剩 %ld 天）",
								  "%scertificate %s (%s) expires on %s (%ld days left)"),
						     x->leaf ? "" : FC_TXT(c, "中繼", "intermediate "), cert_name(x), x->file,
						     fc_hostchk_date(end, d), left);
			fc_finding_severity(f, FC_SEV_MEDIUM);
			fc_finding_due(f, end);
		} else if (fc_ts_day(x->not_before) > asof) {
			struct fc_finding *f = EMITC(c, x, FC_TXT(c, "憑證 %s（%s）尚未生效（%s 起）", "certificate %s (%s) is not valid before %s"),
						     cert_name(x), x->file, fc_hostchk_date(fc_ts_day(x->not_before), d));
			fc_finding_severity(f, FC_SEV_LOW);
		}
	}
	fc_note(c, FC_TXT(c, "%zu 張憑證", "%zu certificates"), F->certs.n);
}

void fc_certchk_weak_key(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_cert_facts *F = cf(b);
	for (size_t i = 0; i < F->certs.n; i++) {
		const struct fc_cert *x = &F->certs.v[i];
		bool weak = (!strcmp(x->key_type, "RSA") && x->key_bits < 2048) ||
			    (!strcmp(x->key_type, "DSA")) || (!strcmp(x->key_type, "EC") && x->key_bits < 256);
		if (!weak)
			continue;
		EMITC(c, x, FC_TXT(c, "憑證 %s（%s）使用弱金鑰 %s %d 位元", "certificate %s (%s) has a weak %s %d-bit key"),
		      cert_name(x), x->file, x->key_type, x->key_bits);
	}
}

void fc_certchk_weak_sig(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_cert_facts *F = cf(b);
	for (size_t i = 0; i < F->certs.n; i++) {
		const struct fc_cert *x = &F->certs.v[i];
		if (x->self_signed && x->is_ca)
			continue; /* a root's self-signature is not checked by clients */
		if (!x->sig_hash || (strcmp(x->sig_hash, "sha1") && strcmp(x->sig_hash, "md5") &&
				     strcmp(x->sig_hash, "md2") && strcmp(x->sig_hash, "md4")))
			continue;
		EMITC(c, x, FC_TXT(c, "憑證 %s（%s）以 %s 簽章（%s）", "certificate %s (%s) is signed with %s (%s)"), cert_name(x),
		      x->file, x->sig_hash, x->sig_alg);
	}
}

/* seed 002 網站實名制: EV 適用金融機構; self-signed leaves are not
 * legitimate certificates at all (NET-13) */
void fc_certchk_validation(struct fc_ctx *c)
{
	const struct fc_bundle *b = fc_ctx_bundle(c);
	const struct fc_cert_facts *F = cf(b);
	size_t leaves = 0;
	for (size_t i = 0; i < F->certs.n; i++) {
		const struct fc_cert *x = &F->certs.v[i];
		if (!x->leaf)
			continue;
		leaves++;
		if (x->self_signed) {
			struct fc_finding *f = EMITC(c, x, FC_TXT(c, "對外服務憑證 %s（%s）為自簽憑證", "public certificate %s (%s) is self-signed"),
						     cert_name(x), x->file);
			fc_finding_severity(f, FC_SEV_HIGH);
			continue;
		}
		if (x->level != FC_CERT_DV)
			continue;
		EMITC(c, x, FC_TXT(c, "對外網站憑證 %s（%s）為網域驗證（DV%s），未登載機構身分", "public site certificate %s (%s) is domain-validated (DV%s): it names no organization"),
		      cert_name(x), x->file,
		      x->level_inferred ? FC_TXT(c, "，依主體無 O= 判斷", ", judged from a subject without O=") : "");
	}
	if (!leaves)
		fc_note(c, FC_TXT(c, "沒有終端實體憑證", "no end-entity certificates"));
}
