// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test tool, for recording test vectors only: an LD_PRELOAD library that passes OpenSSL's
 * random number calls through and appends every output to $RAND_LOG_FILE, one line each:
 *
 *   BN_priv_rand_range_ex range=<hex> out=<hex>      (also BN_rand_range, BN_priv_rand_range)
 *   RAND_bytes len=<n> out=<hex>                     (also RAND_priv_bytes and the _ex forms)
 *
 * tests/interop/record-sae-kat.sh loads it into ihvd (plugin inline) to learn the SAE rand
 * and mask (12.4.5.3) and the SNonce the station chose, which a replay has to inject.
 * Never load it into anything but a throwaway test bed: it writes secrets to a file.
 *
 *   LD_PRELOAD=build/tests/tools/rand-log-shim.so RAND_LOG_FILE=/tmp/rand ihvd ...
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

static void *rand_log_shim_next(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);

	if (!f)
		abort();
	return f;
}

static void rand_log_shim_bytes(const char *fn, const unsigned char *buf, size_t len)
{
	const char *path = getenv("RAND_LOG_FILE");
	FILE *f;

	if (!path || !*path)
		return;
	f = fopen(path, "a");
	if (!f)
		return;
	fprintf(f, "%s len=%zu out=", fn, len);
	for (size_t i = 0; i < len; i++)
		fprintf(f, "%02x", buf[i]);
	fputc('\n', f);
	fclose(f);
}

static void rand_log_shim_bn(const char *fn, const BIGNUM *range, const BIGNUM *out)
{
	const char *path = getenv("RAND_LOG_FILE");
	char *r, *o;
	FILE *f;

	if (!path || !*path)
		return;
	r = BN_bn2hex(range);
	o = BN_bn2hex(out);
	f = fopen(path, "a");
	if (f && r && o) {
		fprintf(f, "%s range=%s out=%s\n", fn, r, o);
	}
	if (f)
		fclose(f);
	OPENSSL_free(r);
	OPENSSL_free(o);
}

int BN_priv_rand_range_ex(BIGNUM *r, const BIGNUM *range, unsigned int strength, BN_CTX *ctx)
{
	static int (*real)(BIGNUM *, const BIGNUM *, unsigned int, BN_CTX *);
	int ok;

	if (!real)
		*(void **)&real = rand_log_shim_next("BN_priv_rand_range_ex");
	ok = real(r, range, strength, ctx);
	if (ok == 1)
		rand_log_shim_bn("BN_priv_rand_range_ex", range, r);
	return ok;
}

int BN_priv_rand_range(BIGNUM *r, const BIGNUM *range)
{
	static int (*real)(BIGNUM *, const BIGNUM *);
	int ok;

	if (!real)
		*(void **)&real = rand_log_shim_next("BN_priv_rand_range");
	ok = real(r, range);
	if (ok == 1)
		rand_log_shim_bn("BN_priv_rand_range", range, r);
	return ok;
}

int BN_rand_range(BIGNUM *r, const BIGNUM *range)
{
	static int (*real)(BIGNUM *, const BIGNUM *);
	int ok;

	if (!real)
		*(void **)&real = rand_log_shim_next("BN_rand_range");
	ok = real(r, range);
	if (ok == 1)
		rand_log_shim_bn("BN_rand_range", range, r);
	return ok;
}

int RAND_bytes(unsigned char *buf, int num)
{
	static int (*real)(unsigned char *, int);
	int ok;

	if (!real)
		*(void **)&real = rand_log_shim_next("RAND_bytes");
	ok = real(buf, num);
	if (ok == 1 && num > 0)
		rand_log_shim_bytes("RAND_bytes", buf, (size_t)num);
	return ok;
}

int RAND_priv_bytes(unsigned char *buf, int num)
{
	static int (*real)(unsigned char *, int);
	int ok;

	if (!real)
		*(void **)&real = rand_log_shim_next("RAND_priv_bytes");
	ok = real(buf, num);
	if (ok == 1 && num > 0)
		rand_log_shim_bytes("RAND_priv_bytes", buf, (size_t)num);
	return ok;
}

int RAND_bytes_ex(OSSL_LIB_CTX *libctx, unsigned char *buf, size_t num, unsigned int strength)
{
	static int (*real)(OSSL_LIB_CTX *, unsigned char *, size_t, unsigned int);
	int ok;

	if (!real)
		*(void **)&real = rand_log_shim_next("RAND_bytes_ex");
	ok = real(libctx, buf, num, strength);
	if (ok == 1)
		rand_log_shim_bytes("RAND_bytes_ex", buf, num);
	return ok;
}

int RAND_priv_bytes_ex(OSSL_LIB_CTX *libctx, unsigned char *buf, size_t num,
		       unsigned int strength)
{
	static int (*real)(OSSL_LIB_CTX *, unsigned char *, size_t, unsigned int);
	int ok;

	if (!real)
		*(void **)&real = rand_log_shim_next("RAND_priv_bytes_ex");
	ok = real(libctx, buf, num, strength);
	if (ok == 1)
		rand_log_shim_bytes("RAND_priv_bytes_ex", buf, num);
	return ok;
}
