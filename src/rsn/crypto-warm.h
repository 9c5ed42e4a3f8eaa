/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The plugin's algorithms (rsn/crypto.h) fetched ahead of a network's first handshake, on a
 * thread of its own.
 *
 * OpenSSL fetches an algorithm at its first use; the plugin fetches all of its own at once
 * (HMAC, CMAC, AES key wrap) at its first primitive. An 802.1X network's first primitive came
 * after EAP-Success, between the AP's message 1 of the 4-way handshake and our message 2:
 * measured in the bench's wpa2-eap-peap captures under TCG, 27 ms for that answer.
 *
 * The thread also sets up OpenSSL's DRBGs (a first RAND_bytes and RAND_priv_bytes). Measured
 * under TCG in the hwsim VM (2026-11-27): a process's first RAND_bytes took 57-73 ms (OpenSSL's
 * initialisation, its default provider, then the DRBGs); after a first fetch the DRBGs took
 * 15-16 ms alone and 24-35 ms beside EVP's PBKDF2, which they slowed from 50-58 to 62-78 ms.
 * ValidateProfile starts the thread for a network that needs OpenSSL's provider (PSK-SHA256,
 * SAE, 802.1X), so that neither InitService (which ihvd waits for at start-up) nor SAE's first
 * commit nor the first handshake after EAP-Success pays for it.
 *
 * A WPA2-Personal network (AKM 00-0F-AC:2) does not start it: its connection needs none of it
 * (rsn/crypto-direct.h). Its PBKDF2 runs on its own thread from ValidateProfile on
 * (rsn/pmk-prefetch.h), its handshake's HMAC-SHA-1 and AES Key Wrap need no provider, and its
 * SNonce comes from the kernel's generator; the thread's CPU would only slow that first
 * connection on a small machine.
 */
#ifndef RSN_CRYPTO_WARM_H
#define RSN_CRYPTO_WARM_H

#include <stdbool.h>

/* Start the fetch on a thread, once (later calls do nothing until a join). */
void rsn_crypto_warm_start(void);
/* Wait for it (before rsn_crypto_cleanup). A later start runs again. */
void rsn_crypto_warm_join(void);
/* After a join: the last thread set up OpenSSL's DRBGs. */
bool rsn_crypto_warm_rand_ready(void);

#endif
