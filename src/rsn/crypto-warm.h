/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The plugin's algorithms (rsn/crypto.h) fetched ahead of a network's first handshake, on a
 * thread of its own.
 *
 * OpenSSL fetches an algorithm at its first use; the plugin fetches all of its own at once
 * (HMAC, CMAC, PBKDF2, AES key wrap) at its first primitive. A passphrase network's PMK
 * derivation (rsn/pmk-prefetch.h) does that beside the scan. An 802.1X network's first
 * primitive came after EAP-Success, between the AP's message 1 of the 4-way handshake and our
 * message 2: measured in the bench's wpa2-eap-peap captures under TCG, 27 ms for that answer.
 * ValidateProfile starts this thread for such a network instead, before the first scan.
 */
#ifndef RSN_CRYPTO_WARM_H
#define RSN_CRYPTO_WARM_H

/* Start the fetch on a thread, once (later calls do nothing until a join). */
void rsn_crypto_warm_start(void);
/* Wait for it (before rsn_crypto_cleanup). A later start runs again. */
void rsn_crypto_warm_join(void);

#endif
