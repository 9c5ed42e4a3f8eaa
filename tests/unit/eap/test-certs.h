/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test PKI made at run time with the OpenSSL API (header-only): a trusted CA with a server
 * (SAN server.example.com) and a client certificate (encrypted key), and a second, untrusted CA
 * with its own server certificate. Files go to a fresh temporary directory.
 */
#ifndef EAP_TEST_CERTS_H
#define EAP_TEST_CERTS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#define TEST_KEY_PASS "key-secret"

struct test_pki {
	char dir[64];
	char ca[128], ca2[128];
	char server[128], server_key[128];
	char server_cn[128], server_cn_key[128]; /* CN only, no SAN */
	char server2[128], server2_key[128];     /* signed by the untrusted CA */
	char client[128], client_key[128];
};

static inline void test_certs_ext(X509 *x, X509 *issuer, int nid, const char *val)
{
	X509V3_CTX ctx;
	X509_EXTENSION *e;

	X509V3_set_ctx_nodb(&ctx);
	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &ctx, nid, val);
	if (!e || !X509_add_ext(x, e, -1))
		abort();
	X509_EXTENSION_free(e);
}

static inline X509 *test_certs_make(const char *cn, const char *san, const char *eku, EVP_PKEY *key,
				    X509 *issuer, EVP_PKEY *ikey)
{
	static long serial = 1;
	X509 *x = X509_new();
	bool ca = !issuer;

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
	X509_gmtime_adj(X509_getm_notBefore(x), -3600);
	X509_gmtime_adj(X509_getm_notAfter(x), 86400L * 30);
	X509_set_pubkey(x, key);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
				   (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(issuer ? issuer : x));
	test_certs_ext(x, issuer ? issuer : x, NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE");
	test_certs_ext(x, issuer ? issuer : x, NID_key_usage,
		       ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
	if (eku)
		test_certs_ext(x, issuer ? issuer : x, NID_ext_key_usage, eku);
	if (san)
		test_certs_ext(x, issuer ? issuer : x, NID_subject_alt_name, san);
	if (!X509_sign(x, ikey ? ikey : key, EVP_sha256()))
		abort();
	return x;
}

static inline void test_certs_write(const char *path, X509 *x, EVP_PKEY *key, const char *pass)
{
	FILE *f = fopen(path, "w");

	if (!f)
		abort();
	if (x && !PEM_write_X509(f, x))
		abort();
	if (key && !PEM_write_PrivateKey(f, key, pass ? EVP_aes_128_cbc() : NULL, NULL, 0, NULL,
					 (void *)pass))
		abort();
	fclose(f);
}

static inline void test_pki_make(struct test_pki *k)
{
	EVP_PKEY *cak = EVP_EC_gen("P-256"), *ca2k = EVP_EC_gen("P-256"), *sk = EVP_EC_gen("P-256"),
		 *s2k = EVP_EC_gen("P-256"), *ck = EVP_EC_gen("P-256"), *snk = EVP_EC_gen("P-256");
	X509 *ca, *ca2, *s, *s2, *c, *sn;

	snprintf(k->dir, sizeof(k->dir), "/tmp/eap-test-XXXXXX");
	if (!mkdtemp(k->dir) || !cak || !ca2k || !sk || !s2k || !ck || !snk)
		abort();
	ca = test_certs_make("eap test CA", NULL, NULL, cak, NULL, NULL);
	ca2 = test_certs_make("eap rogue CA", NULL, NULL, ca2k, NULL, NULL);
	s = test_certs_make("server.example.com", "DNS:server.example.com", "serverAuth", sk, ca, cak);
	sn = test_certs_make("radius.corp.example.org", NULL, "serverAuth", snk, ca, cak);
	s2 = test_certs_make("server.example.com", "DNS:server.example.com", "serverAuth", s2k, ca2, ca2k);
	c = test_certs_make("client@example.com", "email:client@example.com", "clientAuth", ck, ca, cak);
#define TEST_PKI_PATH(field, name) snprintf(k->field, sizeof(k->field), "%s/" name, k->dir)
	TEST_PKI_PATH(ca, "ca.pem");
	TEST_PKI_PATH(ca2, "ca2.pem");
	TEST_PKI_PATH(server, "server.pem");
	TEST_PKI_PATH(server_key, "server.key");
	TEST_PKI_PATH(server_cn, "server-cn.pem");
	TEST_PKI_PATH(server_cn_key, "server-cn.key");
	TEST_PKI_PATH(server2, "server2.pem");
	TEST_PKI_PATH(server2_key, "server2.key");
	TEST_PKI_PATH(client, "client.pem");
	TEST_PKI_PATH(client_key, "client.key");
#undef TEST_PKI_PATH
	test_certs_write(k->ca, ca, NULL, NULL);
	test_certs_write(k->ca2, ca2, NULL, NULL);
	test_certs_write(k->server, s, NULL, NULL);
	test_certs_write(k->server_key, NULL, sk, NULL);
	test_certs_write(k->server_cn, sn, NULL, NULL);
	test_certs_write(k->server_cn_key, NULL, snk, NULL);
	test_certs_write(k->server2, s2, NULL, NULL);
	test_certs_write(k->server2_key, NULL, s2k, NULL);
	test_certs_write(k->client, c, NULL, NULL);
	test_certs_write(k->client_key, NULL, ck, TEST_KEY_PASS);
	X509_free(ca);
	X509_free(ca2);
	X509_free(s);
	X509_free(s2);
	X509_free(c);
	X509_free(sn);
	EVP_PKEY_free(cak);
	EVP_PKEY_free(ca2k);
	EVP_PKEY_free(sk);
	EVP_PKEY_free(s2k);
	EVP_PKEY_free(ck);
	EVP_PKEY_free(snk);
}

static inline void test_pki_remove(struct test_pki *k)
{
	const char *files[] = { k->ca, k->ca2, k->server, k->server_key, k->server_cn,
				k->server_cn_key, k->server2, k->server2_key, k->client, k->client_key };

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		unlink(files[i]);
	rmdir(k->dir);
}

#endif
