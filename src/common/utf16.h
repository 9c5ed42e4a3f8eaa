/* SPDX-License-Identifier: BSD-3-Clause */
/* UTF-8 <-> UTF-16LE (the contract's WCHAR strings, contract §0.1). */
#ifndef IHVD_COMMON_UTF16_H
#define IHVD_COMMON_UTF16_H

#include <stddef.h>
#include <stdint.h>

/*
 * A NUL-terminated UTF-16 copy of the UTF-8 string s (len bytes). NULL on
 * invalid UTF-8 (overlong, surrogates, > U+10FFFF, truncated) or no memory.
 * *units (may be NULL) gets the length without the terminator.
 */
uint16_t *utf16_from_utf8(const char *s, size_t len, size_t *units);
/* A NUL-terminated UTF-8 copy of s, reading at most max units. NULL on an
 * unpaired surrogate or no memory. */
char *utf16_to_utf8(const uint16_t *s, size_t max);
/* Units before the terminator; max if there is none within max. */
size_t utf16_len(const uint16_t *s, size_t max);
/* Zero and free (fragments may carry secrets). */
void utf16_free_secure(uint16_t *s);

#endif
