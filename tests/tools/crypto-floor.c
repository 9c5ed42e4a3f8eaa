// SPDX-License-Identifier: BSD-3-Clause
/*
 * crypto-floor [--no-config]: what libcrypto alone costs a process in memory, step by step,
 * the floor under ihvd-plugin-host's VmHWM (README "Benchmarks", issue 16's memory target).
 * The program does not link libcrypto: it loads it with dlopen, so the first line is a
 * process without it. Then: OPENSSL_init_crypto (with --no-config: without reading
 * openssl.cnf), the algorithm fetches ihv-rsn.so makes at its first use (src/rsn/crypto.c:
 * HMAC, CMAC, PBKDF2, AES key wrap), and one PBKDF2-SHA1 of 4096 rounds (a passphrase's PMK).
 * One line per step: VmHWM, RssAnon and RssFile in kB, from /proc/self/status.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FLOOR_INIT_NO_LOAD_CONFIG 0x00000040L /* OPENSSL_INIT_NO_LOAD_CONFIG */

static void crypto_floor_print(const char *step)
{
	char line[256];
	long hwm = -1, anon = -1, file = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "VmHWM: %ld", &hwm);
		sscanf(line, "RssAnon: %ld", &anon);
		sscanf(line, "RssFile: %ld", &file);
	}
	fclose(f);
	printf("%-34s VmHWM %6ld kB  RssAnon %6ld kB  RssFile %6ld kB\n", step, hwm, anon, file);
}

int main(int argc, char **argv)
{
	int (*init)(uint64_t, const void *);
	void *(*mac_fetch)(void *, const char *, const char *);
	void *(*kdf_fetch)(void *, const char *, const char *);
	void *(*cipher_fetch)(void *, const char *, const char *);
	int (*pbkdf2)(const char *, int, const unsigned char *, int, int, const void *, int,
		      unsigned char *);
	const void *(*sha1)(void);
	unsigned char out[32];
	int no_config = argc > 1 && !strcmp(argv[1], "--no-config");
	void *lib;

	crypto_floor_print("start (no libcrypto)");
	lib = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_GLOBAL);
	if (!lib) {
		fprintf(stderr, "crypto-floor: %s\n", dlerror());
		return 1;
	}
	*(void **)&init = dlsym(lib, "OPENSSL_init_crypto");
	*(void **)&mac_fetch = dlsym(lib, "EVP_MAC_fetch");
	*(void **)&kdf_fetch = dlsym(lib, "EVP_KDF_fetch");
	*(void **)&cipher_fetch = dlsym(lib, "EVP_CIPHER_fetch");
	*(void **)&pbkdf2 = dlsym(lib, "PKCS5_PBKDF2_HMAC");
	*(void **)&sha1 = dlsym(lib, "EVP_sha1");
	if (!init || !mac_fetch || !kdf_fetch || !cipher_fetch || !pbkdf2 || !sha1) {
		fprintf(stderr, "crypto-floor: a symbol is missing from libcrypto.so.3\n");
		return 1;
	}
	crypto_floor_print("libcrypto loaded and relocated");
	init(no_config ? FLOOR_INIT_NO_LOAD_CONFIG : 0, NULL);
	crypto_floor_print(no_config ? "initialised, no openssl.cnf" : "initialised");
	if (!mac_fetch(NULL, "HMAC", NULL) || !mac_fetch(NULL, "CMAC", NULL) ||
	    !kdf_fetch(NULL, "PBKDF2", NULL) || !cipher_fetch(NULL, "AES-128-WRAP", NULL) ||
	    !cipher_fetch(NULL, "AES-256-WRAP", NULL)) {
		fprintf(stderr, "crypto-floor: a fetch failed\n");
		return 1;
	}
	crypto_floor_print("ihv-rsn's algorithms fetched");
	if (!pbkdf2("passphrase", 10, (const unsigned char *)"ssid", 4, 4096, sha1(), 32, out))
		return 1;
	crypto_floor_print("one PBKDF2-SHA1, 4096 rounds");
	return 0;
}
