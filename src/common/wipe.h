/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Clearing memory that may have held a secret (a passphrase, a PSK, EAP
 * credentials, a profile): explicit_bzero, which the compiler may not drop
 * as a dead store, made safe on NULL and empty buffers as OPENSSL_cleanse is
 * (glibc declares explicit_bzero's pointer nonnull). ihvd links no OpenSSL
 * (the EAP peer is a module, src/eap/eap-load.c), so its own code wipes with
 * this.
 */
#ifndef IHVD_COMMON_WIPE_H
#define IHVD_COMMON_WIPE_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static inline void secret_wipe(void *p, size_t n)
{
	if (p && n)
		explicit_bzero(p, n);
}

/* A string that may hold a secret: wiped, freed, and the pointer cleared. */
static inline void secret_str_free(char **s)
{
	if (*s) {
		secret_wipe(*s, strlen(*s));
		free(*s);
	}
	*s = NULL;
}

#endif
