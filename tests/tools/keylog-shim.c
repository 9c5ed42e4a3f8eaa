// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test tool, for recording test vectors only: an LD_PRELOAD library that makes every SSL
 * object of the process write its secrets to $KEYLOG_FILE in the NSS key log format
 * ("CLIENT_RANDOM <client_random> <master_secret>" for TLS 1.2, "EXPORTER_SECRET ..." and
 * the traffic secrets for TLS 1.3). It wraps SSL_new and sets the key log callback on the
 * context before the object is made. After each line it appends a comment "# <label> <version> <suite>",
 * since the TLS 1.2 PRF hash depends on the cipher suite.
 * Never load it into anything but a throwaway test bed.
 *
 *   LD_PRELOAD=build/tests/tools/keylog-shim.so KEYLOG_FILE=/tmp/keys hostapd ...
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/ssl.h>

static void keylog_shim_append(const char *line)
{
	const char *path = getenv("KEYLOG_FILE");
	FILE *f;

	if (!path || !*path)
		return;
	f = fopen(path, "a");
	if (!f)
		return;
	fprintf(f, "%s\n", line);
	fclose(f);
}

static void keylog_shim_line(const SSL *ssl, const char *line)
{
	const SSL_SESSION *sess = SSL_get_session(ssl);
	const SSL_CIPHER *ciph = sess ? SSL_SESSION_get0_cipher(sess) : NULL;
	char note[200];

	keylog_shim_append(line);
	/* The suite is chosen before the first secret exists: name it next to the line. */
	snprintf(note, sizeof(note), "# %.*s %s %s", (int)strcspn(line, " "), line,
		 SSL_get_version(ssl), ciph ? SSL_CIPHER_get_name(ciph) : "?");
	keylog_shim_append(note);
}

SSL *SSL_new(SSL_CTX *ctx)
{
	static SSL *(*real_new)(SSL_CTX *);

	if (!real_new)
		*(void **)&real_new = dlsym(RTLD_NEXT, "SSL_new");
	if (!real_new)
		abort();
	if (ctx)
		SSL_CTX_set_keylog_callback(ctx, keylog_shim_line);
	return real_new(ctx);
}
