// SPDX-License-Identifier: BSD-3-Clause
/*
 * The TLS side shared by EAP-TLS (RFC 5216, RFC 9190), PEAP and TTLS (RFC 5281): an OpenSSL
 * client over two memory BIOs, fed with reassembled EAP-TLS fragments.
 */
#include "eap/eap-tls-common.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "eap/eap-packet.h"
#include "eap/eap-tls-frag.h"
#include "eap/eap-tls-keys.h"

/*
 * What a cached SSL_CTX was built from. The CA file is named by its path and by the identity of
 * the file behind it when it was read (device, inode, size, modification time), so a CA file
 * replaced or rewritten between two conversations is read again.
 */
struct eap_tls_ctx_key {
	int min_ver, max_ver;
	bool have_ca;
	dev_t ca_dev;
	ino_t ca_ino;
	off_t ca_size;
	struct timespec ca_mtim;
	/* Always false for a cached context: one with a client certificate is never cached. */
	bool client_cert;
};

/*
 * Lives across conversations (one per 802.1X station): the resumption session, and the client
 * SSL_CTX of the last cacheable TLS configuration, which SSL_CTX_new and the CA file parse make
 * costly to build for every conversation. The context holds no conversation secret.
 */
struct eap_session_cache {
	SSL_SESSION *sess;
	uint8_t type;
	SSL_CTX *ctx;  /* the cache's own reference; each connection holds another */
	char *ca_path; /* key.have_ca: the CA file the context loaded */
	struct eap_tls_ctx_key key;
	unsigned int ctx_builds; /* contexts conversations built and stored here (eap_tls_ctx_builds) */
	/* eap_session_cache_bind: a salted digest of the configuration the cache serves */
	bool bound;
	uint8_t bind_salt[16], bind_digest[32];
};

struct eap_session_cache *eap_session_cache_new(void)
{
	return calloc(1, sizeof(struct eap_session_cache));
}

/* Forgets the resumption session only (called after every failed authentication). */
void eap_session_cache_clear(struct eap_session_cache *c)
{
	if (!c)
		return;
	SSL_SESSION_free(c->sess); /* the master secret is cleansed by OpenSSL */
	c->sess = NULL;
	c->type = 0;
}

static void eap_session_cache_ctx_drop(struct eap_session_cache *c)
{
	SSL_CTX_free(c->ctx); /* connections still using it hold their own reference */
	c->ctx = NULL;
	free(c->ca_path);
	c->ca_path = NULL;
	memset(&c->key, 0, sizeof(c->key));
}

void eap_session_cache_free(struct eap_session_cache *c)
{
	if (!c)
		return;
	eap_session_cache_clear(c);
	eap_session_cache_ctx_drop(c);
	OPENSSL_cleanse(c, sizeof(*c));
	free(c);
}

static bool eap_session_cache_digest_str(EVP_MD_CTX *md, const char *v)
{
	uint8_t hdr[5] = { v != NULL };
	size_t n = v ? strlen(v) : 0;

	hdr[1] = (uint8_t)(n >> 24);
	hdr[2] = (uint8_t)(n >> 16);
	hdr[3] = (uint8_t)(n >> 8);
	hdr[4] = (uint8_t)n;
	return EVP_DigestUpdate(md, hdr, sizeof(hdr)) == 1 && (!n || EVP_DigestUpdate(md, v, n) == 1);
}

/* SHA-256 over the salt and every field a conversation's credentials and checks come from. */
static bool eap_session_cache_digest(const struct eap_session_cache *c,
				     const struct eap_peer_config *cfg, uint8_t out[32])
{
	const char *const fields[] = {
		cfg->identity, cfg->anonymous_identity, cfg->password, cfg->ca_cert,
		cfg->client_cert, cfg->private_key, cfg->private_key_passwd, cfg->phase1,
		cfg->phase2, cfg->domain_suffix_match, cfg->domain_match,
	};
	const char *const files[] = { cfg->client_cert, cfg->private_key };
	uint8_t m[4] = { (uint8_t)cfg->method, cfg->password_is_hash };
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned int len = 0;
	bool ok;
	size_t i;

	ok = md && EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1 &&
	     EVP_DigestUpdate(md, c->bind_salt, sizeof(c->bind_salt)) == 1 &&
	     EVP_DigestUpdate(md, m, sizeof(m)) == 1;
	for (i = 0; ok && i < sizeof(fields) / sizeof(fields[0]); i++)
		ok = eap_session_cache_digest_str(md, fields[i]);
	/* the client certificate and key by their identity too: one replaced at the same path
	 * (a renewal) is another credential, whose first conversation is a full handshake */
	for (i = 0; ok && i < sizeof(files) / sizeof(files[0]); i++) {
		struct stat st;
		uint64_t id[5] = { 0 };

		if (files[i] && stat(files[i], &st) == 0) {
			id[0] = (uint64_t)st.st_dev;
			id[1] = (uint64_t)st.st_ino;
			id[2] = (uint64_t)st.st_size;
			id[3] = (uint64_t)st.st_mtim.tv_sec;
			id[4] = (uint64_t)st.st_mtim.tv_nsec;
		}
		ok = EVP_DigestUpdate(md, id, sizeof(id)) == 1;
	}
	ok = ok && EVP_DigestFinal_ex(md, out, &len) == 1 && len == 32;
	EVP_MD_CTX_free(md);
	return ok;
}

void eap_session_cache_bind(struct eap_session_cache *c, const struct eap_peer_config *cfg)
{
	uint8_t d[32];

	/* a session saved while nothing was bound serves no one: it is not known whose it is */
	if (!c->bound)
		eap_session_cache_clear(c);
	if (!c->bound && RAND_bytes(c->bind_salt, sizeof(c->bind_salt)) != 1) {
		eap_session_cache_clear(c);
		return;
	}
	if (!eap_session_cache_digest(c, cfg, d)) {
		/* unknown configuration: no saved session may serve it, and nothing is bound */
		eap_session_cache_clear(c);
		c->bound = false;
		return;
	}
	if (c->bound && CRYPTO_memcmp(d, c->bind_digest, sizeof(d)) != 0)
		eap_session_cache_clear(c); /* the context has its own key (CA file, versions) */
	memcpy(c->bind_digest, d, sizeof(d));
	OPENSSL_cleanse(d, sizeof(d));
	c->bound = true;
}

unsigned int eap_tls_ctx_builds(const struct eap_session_cache *c)
{
	return c ? c->ctx_builds : 0;
}

/* The key of a configuration; false when its CA file cannot be identified (then no caching:
 * loading it fails too, or it is not a plain file we could tell apart from its next version). */
static bool eap_tls_ctx_key_make(struct eap_tls_ctx_key *k, const char *ca_cert, int min_ver,
				 int max_ver)
{
	struct stat st;

	memset(k, 0, sizeof(*k));
	k->min_ver = min_ver;
	k->max_ver = max_ver;
	if (!ca_cert || !*ca_cert)
		return true;
	/* stat before the load: a file changed in between is read in its new version under the
	 * old identity, so the next conversation sees a mismatch and reads it again */
	if (stat(ca_cert, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	k->have_ca = true;
	k->ca_dev = st.st_dev;
	k->ca_ino = st.st_ino;
	k->ca_size = st.st_size;
	k->ca_mtim = st.st_mtim;
	return true;
}

static bool eap_tls_ctx_key_equal(const struct eap_tls_ctx_key *a, const struct eap_tls_ctx_key *b)
{
	return a->min_ver == b->min_ver && a->max_ver == b->max_ver && a->have_ca == b->have_ca &&
	       a->ca_dev == b->ca_dev && a->ca_ino == b->ca_ino && a->ca_size == b->ca_size &&
	       a->ca_mtim.tv_sec == b->ca_mtim.tv_sec && a->ca_mtim.tv_nsec == b->ca_mtim.tv_nsec &&
	       a->client_cert == b->client_cert;
}

/* The cached context for exactly this key and CA path, or NULL. */
static SSL_CTX *eap_session_cache_ctx_find(const struct eap_session_cache *c,
					   const struct eap_tls_ctx_key *k, const char *ca_cert)
{
	if (!c->ctx || !eap_tls_ctx_key_equal(&c->key, k))
		return NULL;
	if (k->have_ca && (!c->ca_path || strcmp(c->ca_path, ca_cert) != 0))
		return NULL;
	return c->ctx;
}

/* Replace the cached context with ctx (a reference of its own); on failure nothing is cached.
 * built: a conversation built it (counted by eap_tls_ctx_builds), not the warm-up. */
static void eap_session_cache_ctx_store(struct eap_session_cache *c, SSL_CTX *ctx,
					const struct eap_tls_ctx_key *k, const char *ca_cert,
					bool built)
{
	char *path = NULL;

	/*
	 * A configuration other than the cached one (another CA file, or the same file
	 * rewritten, or other TLS versions): a session resumed under it would skip the
	 * certificate check the new configuration asks for, so the session goes too.
	 */
	if (c->ctx)
		eap_session_cache_clear(c);
	eap_session_cache_ctx_drop(c);
	if (k->have_ca && !(path = strdup(ca_cert)))
		return;
	if (SSL_CTX_up_ref(ctx) != 1) {
		free(path);
		return;
	}
	c->ctx = ctx;
	c->ca_path = path;
	c->key = *k;
	if (built)
		c->ctx_builds++;
}

struct eap_tls_conn {
	SSL_CTX *ctx;
	SSL *ssl;
	BIO *rbio, *wbio; /* rbio: network to TLS; wbio: TLS to network */
	uint8_t type, version;
	size_t max_data;
	struct eap_tls_reasm reasm;
	struct eap_buf out;
	size_t out_pos;
	bool started, established, have_ca, name_checked;
	const char *suffix_match, *exact_match;
	char *key_passwd;
	/* why verification failed, filled by the verify callback */
	enum eap_peer_reason verify_reason;
	char verify_text[EAP_PEER_TEXT_MAX];
	char alert[64];
};

static int eap_tls_passwd_cb(char *buf, int size, int rwflag, void *u)
{
	const char *pw = u;
	size_t n;

	(void)rwflag;
	if (!pw || size <= 0)
		return 0;
	n = strlen(pw);
	if (n > (size_t)size)
		n = (size_t)size;
	memcpy(buf, pw, n);
	return (int)n;
}

bool eap_tls_name_matches(const char *name, const char *want_list, bool suffix)
{
	const char *w = want_list;

	while (w && *w) {
		const char *end = strchr(w, ';');
		size_t wl = end ? (size_t)(end - w) : strlen(w);
		size_t nl = strlen(name);

		if (wl && wl <= nl && strncasecmp(name + nl - wl, w, wl) == 0) {
			if (nl == wl)
				return true;
			/* a suffix matches on a label boundary only: "example.com" matches
			 * "radius.example.com", not "badexample.com" */
			if (suffix && name[nl - wl - 1] == '.')
				return true;
		}
		w = end ? end + 1 : NULL;
	}
	return false;
}

/* SAN dNSNames of the certificate, or its CN when it has none; returns the count. */
static size_t eap_tls_cert_names(X509 *cert, char names[][256], size_t max)
{
	GENERAL_NAMES *gens = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	size_t n = 0;

	for (int i = 0; gens && i < sk_GENERAL_NAME_num(gens) && n < max; i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
		const ASN1_IA5STRING *s;
		int len;

		if (g->type != GEN_DNS)
			continue;
		s = g->d.dNSName;
		len = ASN1_STRING_length(s);
		/* an embedded NUL would let "good.com\0.evil" pass a string compare */
		if (len <= 0 || len >= 256 || memchr(ASN1_STRING_get0_data(s), 0, (size_t)len))
			continue;
		memcpy(names[n], ASN1_STRING_get0_data(s), (size_t)len);
		names[n++][len] = 0;
	}
	GENERAL_NAMES_free(gens);
	if (n == 0 && max > 0) {
		X509_NAME *subj = X509_get_subject_name(cert);
		int idx = -1, last = -1;

		while ((idx = X509_NAME_get_index_by_NID(subj, NID_commonName, idx)) >= 0)
			last = idx;
		if (last >= 0) {
			ASN1_STRING *cn = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subj, last));
			int len = ASN1_STRING_length(cn);

			if (len > 0 && len < 256 && !memchr(ASN1_STRING_get0_data(cn), 0, (size_t)len)) {
				memcpy(names[0], ASN1_STRING_get0_data(cn), (size_t)len);
				names[0][len] = 0;
				n = 1;
			}
		}
	}
	return n;
}

/* domain_suffix_match / domain_match against the server certificate; false with text set. */
static bool eap_tls_conn_check_names(struct eap_tls_conn *c, X509 *cert)
{
	char names[8][256];
	size_t n;
	bool ok_suffix = !c->suffix_match, ok_exact = !c->exact_match;

	c->name_checked = true;
	if (!c->suffix_match && !c->exact_match)
		return true;
	n = cert ? eap_tls_cert_names(cert, names, 8) : 0;
	for (size_t i = 0; i < n; i++) {
		if (c->suffix_match && eap_tls_name_matches(names[i], c->suffix_match, true))
			ok_suffix = true;
		if (c->exact_match && eap_tls_name_matches(names[i], c->exact_match, false))
			ok_exact = true;
	}
	if (ok_suffix && ok_exact)
		return true;
	c->verify_reason = EAP_PEER_REASON_SERVER_NAME;
	snprintf(c->verify_text, sizeof(c->verify_text), "%s: server name mismatch: wanted %s%.64s, got %.64s",
		 eap_type_name(c->type), ok_suffix ? "" : "suffix ",
		 ok_suffix ? c->exact_match : c->suffix_match, n ? names[0] : "(no name)");
	return false;
}

static int eap_tls_verify_cb(int ok, X509_STORE_CTX *x)
{
	SSL *ssl = X509_STORE_CTX_get_ex_data(x, SSL_get_ex_data_X509_STORE_CTX_idx());
	struct eap_tls_conn *c = ssl ? SSL_get_app_data(ssl) : NULL;
	int depth = X509_STORE_CTX_get_error_depth(x);

	if (!c)
		return 0;
	if (!ok) {
		int e = X509_STORE_CTX_get_error(x);

		/* No CA configured: the chain cannot be checked; the caller is told (unverified). */
		if (!c->have_ca)
			return depth == 0 ? eap_tls_conn_check_names(c, X509_STORE_CTX_get_current_cert(x))
					  : 1;
		if (c->verify_reason == EAP_PEER_REASON_NONE) {
			c->verify_reason = EAP_PEER_REASON_SERVER_UNTRUSTED;
			snprintf(c->verify_text, sizeof(c->verify_text),
				 "%s: server certificate not trusted: %s", eap_type_name(c->type),
				 X509_verify_cert_error_string(e));
		}
		return 0;
	}
	if (depth == 0)
		return eap_tls_conn_check_names(c, X509_STORE_CTX_get_current_cert(x));
	return 1;
}

static void eap_tls_info_cb(const SSL *ssl, int where, int ret)
{
	struct eap_tls_conn *c = SSL_get_app_data(ssl);

	if (c && (where & SSL_CB_READ_ALERT) && !c->alert[0])
		snprintf(c->alert, sizeof(c->alert), "%s", SSL_alert_desc_string_long(ret));
}

bool eap_tls_phase1_has(const char *phase1, const char *opt)
{
	size_t n = strlen(opt);

	for (const char *p = phase1; p && (p = strstr(p, opt)); p++)
		if ((p == phase1 || p[-1] == ' ' || p[-1] == '\t') &&
		    (p[n] == 0 || p[n] == ' ' || p[n] == '\t'))
			return true;
	return false;
}

static struct eap_tls_conn *eap_tls_conn_config_fail(struct eap_tls_conn *c,
						     struct eap_method_env *env, const char *what,
						     const char *path)
{
	unsigned long e = ERR_peek_last_error();

	eap_method_fail(env, EAP_PEER_REASON_CONFIG, "%s: cannot load %s %s: %s",
			eap_type_name(c->type), what, path ? path : "",
			e ? ERR_reason_error_string(e) : "unknown error");
	ERR_clear_error();
	eap_tls_conn_free(c);
	return NULL;
}

/*
 * The TLS versions of a conversation: TLS 1.2, and 1.3 where allow_tls13 (EAP-TLS; not PEAP and
 * TTLS, as in wpa_supplicant 2.10), as phase1 overrides. False when phase1 disables them all.
 */
static bool eap_tls_versions(const char *phase1, bool allow_tls13, int *min_ver, int *max_ver)
{
	*max_ver = allow_tls13 ? TLS1_3_VERSION : TLS1_2_VERSION;
	*min_ver = TLS1_2_VERSION;
	if (eap_tls_phase1_has(phase1, "tls_disable_tlsv1_3=1"))
		*max_ver = TLS1_2_VERSION;
	if (eap_tls_phase1_has(phase1, "tls_disable_tlsv1_3=0"))
		*max_ver = TLS1_3_VERSION;
	if (eap_tls_phase1_has(phase1, "tls_disable_tlsv1_2=1"))
		*min_ver = TLS1_3_VERSION;
	return *min_ver <= *max_ver;
}

/* A client context with the versions, the CA (if any) and our verification; no client
 * certificate. NULL on failure, *ca_bad when it was the CA file that could not be loaded. */
static SSL_CTX *eap_tls_ctx_new(const char *ca_cert, int min_ver, int max_ver, bool *ca_bad)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

	*ca_bad = false;
	if (!ctx)
		return NULL;
	SSL_CTX_set_min_proto_version(ctx, min_ver);
	SSL_CTX_set_max_proto_version(ctx, max_ver);
	if (ca_cert && *ca_cert && SSL_CTX_load_verify_locations(ctx, ca_cert, NULL) != 1) {
		*ca_bad = true;
		SSL_CTX_free(ctx);
		return NULL;
	}
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, eap_tls_verify_cb);
	return ctx;
}

/*
 * One client context built ahead of the process's first conversation (eap_peer_warm_network,
 * on ihvd's warm-up thread), under the key and CA path it was built for. The first
 * conversation that finds its session cache without a context takes it: uses it when the keys
 * match, frees it otherwise. The lock is for the warm-up thread; conversations run on one.
 */
static struct {
	pthread_mutex_t lock;
	SSL_CTX *ctx;
	char *ca_path;
	struct eap_tls_ctx_key key;
} eap_tls_prep = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void eap_tls_prep_clear_locked(void)
{
	SSL_CTX_free(eap_tls_prep.ctx);
	eap_tls_prep.ctx = NULL;
	free(eap_tls_prep.ca_path);
	eap_tls_prep.ca_path = NULL;
	memset(&eap_tls_prep.key, 0, sizeof(eap_tls_prep.key));
}

bool eap_tls_ctx_prepare(const struct eap_peer_config *cfg)
{
	bool tls = cfg->method == EAP_PEER_METHOD_TLS, ca_bad;
	struct eap_tls_ctx_key key;
	int min_ver, max_ver;
	char *path = NULL;
	SSL_CTX *ctx;

	/* what eap_tls_conn_new would cache: never a context with a client certificate */
	if ((tls && cfg->client_cert && *cfg->client_cert) ||
	    !eap_tls_versions(cfg->phase1, tls, &min_ver, &max_ver) ||
	    !eap_tls_ctx_key_make(&key, cfg->ca_cert, min_ver, max_ver))
		return false;
	if (key.have_ca && !(path = strdup(cfg->ca_cert)))
		return false;
	ctx = eap_tls_ctx_new(cfg->ca_cert, min_ver, max_ver, &ca_bad);
	if (!ctx) {
		ERR_clear_error(); /* the conversation will say what is wrong with the file */
		free(path);
		return false;
	}
	pthread_mutex_lock(&eap_tls_prep.lock);
	eap_tls_prep_clear_locked();
	eap_tls_prep.ctx = ctx;
	eap_tls_prep.ca_path = path;
	eap_tls_prep.key = key;
	pthread_mutex_unlock(&eap_tls_prep.lock);
	return true;
}

void eap_tls_ctx_prepared_drop(void)
{
	pthread_mutex_lock(&eap_tls_prep.lock);
	eap_tls_prep_clear_locked();
	pthread_mutex_unlock(&eap_tls_prep.lock);
}

bool eap_tls_ctx_prepared(void)
{
	bool have;

	pthread_mutex_lock(&eap_tls_prep.lock);
	have = eap_tls_prep.ctx != NULL;
	pthread_mutex_unlock(&eap_tls_prep.lock);
	return have;
}

/* The prepared context if it was built for exactly k and ca_cert (the caller's reference), or
 * NULL; the slot is empty afterwards either way. */
static SSL_CTX *eap_tls_prep_take(const struct eap_tls_ctx_key *k, const char *ca_cert)
{
	SSL_CTX *ctx = NULL;

	pthread_mutex_lock(&eap_tls_prep.lock);
	if (eap_tls_prep.ctx && eap_tls_ctx_key_equal(&eap_tls_prep.key, k) &&
	    (!k->have_ca || (eap_tls_prep.ca_path && !strcmp(eap_tls_prep.ca_path, ca_cert)))) {
		ctx = eap_tls_prep.ctx;
		eap_tls_prep.ctx = NULL;
	}
	eap_tls_prep_clear_locked();
	pthread_mutex_unlock(&eap_tls_prep.lock);
	return ctx;
}

/*
 * c->ctx as configured: TLS versions, CA, verification and, with_cert, the client certificate
 * and key. Returns c, or NULL (c freed, env reason set) on failure.
 */
static struct eap_tls_conn *eap_tls_conn_ctx_build(struct eap_tls_conn *c,
						   struct eap_method_env *env, int min_ver,
						   int max_ver, bool with_cert)
{
	const struct eap_peer_config *cfg = env->cfg;
	bool ca_bad = false;

	c->ctx = eap_tls_ctx_new(cfg->ca_cert, min_ver, max_ver, &ca_bad);
	if (!c->ctx)
		return ca_bad ? eap_tls_conn_config_fail(c, env, "ca_cert", cfg->ca_cert) :
				eap_tls_conn_config_fail(c, env, "TLS", "context");
	c->have_ca = cfg->ca_cert && *cfg->ca_cert;
	if (with_cert) {
		if (cfg->private_key_passwd) {
			c->key_passwd = strdup(cfg->private_key_passwd);
			if (!c->key_passwd)
				return eap_tls_conn_config_fail(c, env, "private_key", "passphrase");
			SSL_CTX_set_default_passwd_cb(c->ctx, eap_tls_passwd_cb);
			SSL_CTX_set_default_passwd_cb_userdata(c->ctx, c->key_passwd);
		}
		if (SSL_CTX_use_certificate_chain_file(c->ctx, cfg->client_cert) != 1)
			return eap_tls_conn_config_fail(c, env, "client_cert", cfg->client_cert);
		if (SSL_CTX_use_PrivateKey_file(c->ctx, cfg->private_key && *cfg->private_key ?
						cfg->private_key : cfg->client_cert,
						SSL_FILETYPE_PEM) != 1)
			return eap_tls_conn_config_fail(c, env, "private_key", cfg->private_key);
		if (SSL_CTX_check_private_key(c->ctx) != 1)
			return eap_tls_conn_config_fail(c, env, "private_key (does not match client_cert)",
							cfg->private_key);
	}
	return c;
}

struct eap_tls_conn *eap_tls_conn_new(struct eap_method_env *env, uint8_t eap_type,
				      bool want_client_cert, bool allow_tls13)
{
	const struct eap_peer_config *cfg = env->cfg;
	struct eap_tls_conn *c = calloc(1, sizeof(*c));
	unsigned int frag = cfg->fragment_size ? cfg->fragment_size : 1398;
	int min_ver, max_ver;
	struct eap_tls_ctx_key key;
	bool with_cert, cacheable;
	SSL_CTX *ctx;

	if (!c) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "%s: out of memory", eap_type_name(eap_type));
		return NULL;
	}
	c->type = eap_type;
	/* Flags(1) + TLS Message Length(4) + EAP header(4) + Type(1) */
	c->max_data = frag > 64 + 10 ? frag - 10 : 64;
	eap_tls_reasm_init(&c->reasm);
	eap_buf_init(&c->out);
	c->suffix_match = cfg->domain_suffix_match && *cfg->domain_suffix_match ?
			  cfg->domain_suffix_match : NULL;
	c->exact_match = cfg->domain_match && *cfg->domain_match ? cfg->domain_match : NULL;
	if (!eap_tls_versions(cfg->phase1, allow_tls13, &min_ver, &max_ver)) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "%s: phase1 disables every TLS version",
				eap_type_name(eap_type));
		eap_tls_conn_free(c);
		return NULL;
	}

	with_cert = want_client_cert && cfg->client_cert && *cfg->client_cert;
	/* A context with a client certificate is built for each conversation and never cached:
	 * its private key (and the passphrase the password callback reads from this connection)
	 * must not outlive the conversation. */
	cacheable = env->cache && !with_cert &&
		    eap_tls_ctx_key_make(&key, cfg->ca_cert, min_ver, max_ver);
	ctx = cacheable ? eap_session_cache_ctx_find(env->cache, &key, cfg->ca_cert) : NULL;
	if (ctx && SSL_CTX_up_ref(ctx) == 1) {
		/* the connection's own reference, freed in eap_tls_conn_free like a built one */
		c->ctx = ctx;
		c->have_ca = key.have_ca;
	} else if (cacheable && (ctx = eap_tls_prep_take(&key, cfg->ca_cert))) {
		/* built at start-up for this configuration: its reference becomes ours */
		c->ctx = ctx;
		c->have_ca = key.have_ca;
		eap_session_cache_ctx_store(env->cache, c->ctx, &key, cfg->ca_cert, false);
	} else if (!eap_tls_conn_ctx_build(c, env, min_ver, max_ver, with_cert)) {
		return NULL;
	} else if (cacheable) {
		eap_session_cache_ctx_store(env->cache, c->ctx, &key, cfg->ca_cert, true);
	}
	c->ssl = SSL_new(c->ctx);
	c->rbio = BIO_new(BIO_s_mem());
	c->wbio = BIO_new(BIO_s_mem());
	if (!c->ssl || !c->rbio || !c->wbio) {
		BIO_free(c->rbio);
		BIO_free(c->wbio);
		c->rbio = c->wbio = NULL;
		return eap_tls_conn_config_fail(c, env, "TLS", "connection");
	}
	SSL_set_bio(c->ssl, c->rbio, c->wbio);
	SSL_set_connect_state(c->ssl);
	SSL_set_app_data(c->ssl, c);
	SSL_set_info_callback(c->ssl, eap_tls_info_cb);
	if (env->cache && env->cache->sess && env->cache->type == eap_type)
		SSL_set_session(c->ssl, env->cache->sess);
	return c;
}

void eap_tls_conn_free(struct eap_tls_conn *c)
{
	if (!c)
		return;
	SSL_free(c->ssl); /* frees the BIOs */
	SSL_CTX_free(c->ctx); /* our reference; a cached context lives on in its cache */
	eap_tls_reasm_free(&c->reasm);
	eap_buf_free(&c->out);
	if (c->key_passwd) {
		OPENSSL_cleanse(c->key_passwd, strlen(c->key_passwd));
		free(c->key_passwd);
	}
	free(c);
}

void eap_tls_conn_set_version(struct eap_tls_conn *c, uint8_t version)
{
	c->version = version & EAP_TLS_VERSION_MASK;
}

bool eap_tls_conn_established(const struct eap_tls_conn *c)
{
	return c->established;
}

bool eap_tls_conn_is_tls13(const struct eap_tls_conn *c)
{
	return SSL_version(c->ssl) == TLS1_3_VERSION;
}

static enum eap_tls_input eap_tls_conn_fail(struct eap_tls_conn *c, struct eap_method_env *env,
					    struct eap_buf *resp)
{
	unsigned long e = ERR_peek_last_error();

	if (c->verify_reason != EAP_PEER_REASON_NONE)
		eap_method_fail(env, c->verify_reason, "%s", c->verify_text);
	else if (c->alert[0])
		eap_method_fail(env, EAP_PEER_REASON_TLS, "%s: server sent TLS alert: %s",
				eap_type_name(c->type), c->alert);
	else
		eap_method_fail(env, EAP_PEER_REASON_TLS, "%s: TLS handshake failed: %s",
				eap_type_name(c->type), e ? ERR_reason_error_string(e) : "unknown error");
	ERR_clear_error();
	/* RFC 5216 2.1.3: the peer sends its TLS alert in a Response */
	if (BIO_ctrl_pending(c->wbio) > 0)
		eap_tls_conn_send(c, resp);
	return EAP_TLS_INPUT_FAILED;
}

static enum eap_tls_input eap_tls_conn_protocol(struct eap_method_env *env, uint8_t type,
						const char *why)
{
	eap_method_fail(env, EAP_PEER_REASON_PROTOCOL, "%s: %s", eap_type_name(type), why);
	return EAP_TLS_INPUT_FAILED;
}

static int eap_tls_conn_read_app(struct eap_tls_conn *c, struct eap_buf *app_in)
{
	uint8_t tmp[4096];

	for (;;) {
		int n = SSL_read(c->ssl, tmp, sizeof(tmp));

		if (n > 0) {
			if (!eap_buf_put(app_in, tmp, (size_t)n)) {
				OPENSSL_cleanse(tmp, sizeof(tmp));
				return -1;
			}
			continue;
		}
		OPENSSL_cleanse(tmp, sizeof(tmp));
		return SSL_get_error(c->ssl, n) == SSL_ERROR_WANT_READ ? 0 : -1;
	}
}

enum eap_tls_input eap_tls_conn_input(struct eap_tls_conn *c, struct eap_method_env *env,
				      const uint8_t *data, size_t len, bool *start,
				      uint8_t *server_version, struct eap_buf *app_in,
				      struct eap_buf *resp)
{
	struct eap_tls_hdr h;
	const char *err = NULL;

	*start = false;
	if (eap_tls_hdr_parse(data, len, &h, &err))
		return eap_tls_conn_protocol(env, c->type, err);
	*server_version = h.flags & EAP_TLS_VERSION_MASK;

	/* Our own message is still going out: this must acknowledge the previous fragment. */
	if (c->out_pos < c->out.len) {
		if (h.data_len || (h.flags & (EAP_TLS_FLAG_MORE | EAP_TLS_FLAG_START)))
			return eap_tls_conn_protocol(env, c->type,
				"expected an acknowledgement of our fragment");
		return eap_tls_frag_next(&c->out, &c->out_pos, c->max_data, c->version, resp) ?
			       eap_tls_conn_protocol(env, c->type, "out of memory") :
			       EAP_TLS_INPUT_REPLIED;
	}
	if (h.flags & EAP_TLS_FLAG_START) {
		if (c->started)
			return eap_tls_conn_protocol(env, c->type, "Start in the middle of a handshake");
		c->started = true;
		*start = true;
		int r = SSL_do_handshake(c->ssl);

		if (r != 1 && SSL_get_error(c->ssl, r) != SSL_ERROR_WANT_READ)
			return eap_tls_conn_fail(c, env, resp);
		return EAP_TLS_INPUT_MESSAGE;
	}
	if (!c->started)
		return eap_tls_conn_protocol(env, c->type, "TLS data before Start");

	switch (eap_tls_reasm_add(&c->reasm, &h, &err)) {
	case EAP_TLS_REASM_MORE:
		/* RFC 5216 2.1.5: each fragment is acknowledged with an empty Response */
		return eap_tls_frag_ack(c->version, resp) ?
			       eap_tls_conn_protocol(env, c->type, "out of memory") :
			       EAP_TLS_INPUT_REPLIED;
	case EAP_TLS_REASM_ERROR:
		return eap_tls_conn_protocol(env, c->type, err);
	case EAP_TLS_REASM_DONE:
		break;
	}
	if (c->reasm.buf.len == 0)
		return EAP_TLS_INPUT_MESSAGE; /* an empty request (e.g. after our last ack) */
	if (BIO_write(c->rbio, c->reasm.buf.data, (int)c->reasm.buf.len) != (int)c->reasm.buf.len)
		return eap_tls_conn_protocol(env, c->type, "out of memory");
	eap_tls_reasm_reset(&c->reasm);

	if (!c->established) {
		int r = SSL_do_handshake(c->ssl);

		if (r != 1) {
			if (SSL_get_error(c->ssl, r) != SSL_ERROR_WANT_READ)
				return eap_tls_conn_fail(c, env, resp);
			return EAP_TLS_INPUT_MESSAGE;
		}
		/* On resumption the callback did not run: check the session's certificate. */
		if (!c->name_checked && !eap_tls_conn_check_names(c, SSL_get0_peer_certificate(c->ssl)))
			return eap_tls_conn_fail(c, env, resp);
		c->established = true;
		env->resumed = SSL_session_reused(c->ssl) == 1;
		env->unverified = !c->have_ca;
	}
	if (eap_tls_conn_read_app(c, app_in)) {
		unsigned long e = ERR_peek_last_error();

		eap_method_fail(env, EAP_PEER_REASON_TLS, "%s: TLS record error: %s",
				eap_type_name(c->type), e ? ERR_reason_error_string(e) : "closed");
		ERR_clear_error();
		return EAP_TLS_INPUT_FAILED;
	}
	return EAP_TLS_INPUT_MESSAGE;
}

int eap_tls_conn_write(struct eap_tls_conn *c, const uint8_t *p, size_t n)
{
	if (!c->established || n > INT32_MAX)
		return -1;
	return SSL_write(c->ssl, p, (int)n) == (int)n ? 0 : -1;
}

int eap_tls_conn_send(struct eap_tls_conn *c, struct eap_buf *resp)
{
	uint8_t tmp[4096];
	int n;

	eap_buf_reset(&c->out);
	c->out_pos = 0;
	while ((n = BIO_read(c->wbio, tmp, sizeof(tmp))) > 0) {
		if (!eap_buf_put(&c->out, tmp, (size_t)n))
			return -1;
	}
	OPENSSL_cleanse(tmp, sizeof(tmp));
	if (c->out.len == 0)
		return eap_tls_frag_ack(c->version, resp);
	return eap_tls_frag_next(&c->out, &c->out_pos, c->max_data, c->version, resp);
}

/* TLS 1.2: the suite's PRF hash. RFC 5246 5: "This PRF with the SHA-256 hash function is
 * used for all cipher suites defined in this document and in TLS documents published prior
 * to this document when TLS 1.2 is negotiated" (OpenSSL marks those MD5+SHA-1, their
 * TLS 1.0/1.1 PRF); later suites name their own hash (e.g. SHA-384, RFC 5289). */
static const EVP_MD *eap_tls_conn_prf_md(const struct eap_tls_conn *c)
{
	const SSL_CIPHER *ciph = SSL_get_current_cipher(c->ssl);
	const EVP_MD *md = ciph ? SSL_CIPHER_get_handshake_digest(ciph) : NULL;

	if (md && EVP_MD_get_type(md) == NID_md5_sha1)
		md = EVP_sha256();
	return md;
}

int eap_tls_conn_export(const struct eap_tls_conn *c, const char *label, uint8_t *out,
			size_t len)
{
	uint8_t ms[SSL_MAX_MASTER_KEY_LENGTH], cr[EAP_TLS_RANDOM_LEN], sr[EAP_TLS_RANDOM_LEN];
	const SSL_SESSION *sess;
	size_t ml;
	int rc;

	if (eap_tls_conn_is_tls13(c))
		return SSL_export_keying_material(c->ssl, out, len, label, strlen(label), NULL, 0,
						  0) == 1 ? 0 : -1;
	/* TLS 1.2: RFC 5705 4 without context, from the session's master secret and the
	 * randoms (the same function the known-answer tests check, test-eap-kat.c). */
	sess = SSL_get_session(c->ssl);
	if (!sess || SSL_get_client_random(c->ssl, cr, sizeof(cr)) != sizeof(cr) ||
	    SSL_get_server_random(c->ssl, sr, sizeof(sr)) != sizeof(sr))
		return -1;
	ml = SSL_SESSION_get_master_key(sess, ms, sizeof(ms));
	rc = ml ? eap_tls_keys_prf12(eap_tls_conn_prf_md(c), ms, ml, label, cr, sr, out, len) : -1;
	OPENSSL_cleanse(ms, sizeof(ms));
	return rc;
}

int eap_tls_conn_derive(const struct eap_tls_conn *c, const char *label12, uint8_t *out,
			size_t len)
{
	/* RFC 9190 2.3: Key_Material = TLS-Exporter("EXPORTER_EAP_TLS_Key_Material", Type-Code, 128) */

	if (!c->established)
		return -1;
	if (eap_tls_conn_is_tls13(c))
		return SSL_export_keying_material(c->ssl, out, len, EAP_TLS_LABEL_KEYS13,
						  sizeof(EAP_TLS_LABEL_KEYS13) - 1, &c->type, 1,
						  1) == 1 ? 0 : -1;
	return eap_tls_conn_export(c, label12, out, len);
}

void eap_tls_conn_save_session(struct eap_tls_conn *c, struct eap_method_env *env)
{
	SSL_SESSION *s;

	if (!env->cache)
		return;
	/* EAP ends without close_notify; without this, SSL_free() would treat the connection as
	 * broken and mark its session not resumable. */
	SSL_set_shutdown(c->ssl, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
	s = SSL_get1_session(c->ssl);
	if (!s)
		return;
	if (!SSL_SESSION_is_resumable(s)) {
		SSL_SESSION_free(s);
		return;
	}
	eap_session_cache_clear(env->cache);
	env->cache->sess = s;
	env->cache->type = c->type;
}
