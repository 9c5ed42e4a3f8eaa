/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The association's RSNE, built from what the plugin chose: the contract's
 * algorithms (Dot11ExtSet*Algorithm) plus the Linux RSN parameters
 * (ihvlinux.h, Dot11ExtLinuxSetRsnParams). IEEE 802.11-2020 9.4.2.24.
 */
#ifndef IHVD_CORE_RSNE_H
#define IHVD_CORE_RSNE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ihvlinux.h"
#include "nl80211/driver.h"

#define IHV_SUITE_CCMP          0x000fac04u
#define IHV_SUITE_BIP_CMAC_128  0x000fac06u
#define IHV_NL80211_WPA_VERSION_2 2u

struct ihv_rsn_choice {
	bool open;               /* no RSN at all: open system, no RSNE */
	uint32_t akm;            /* suite selectors */
	uint32_t pairwise;
	uint32_t group;
	uint32_t group_mgmt;     /* 0 when MFP is off */
	enum drv_mfp mfp;
	bool has_pmkid;
	uint8_t pmkid[DOT11EXT_LINUX_PMKID_LEN];
	uint8_t rsnx_caps;       /* DOT11EXT_LINUX_RSNX_* bits; 0: no RSNXE */
};

/* Suite selector of a DOT11_CIPHER_ALGORITHM; 0 for NONE or unknown. */
uint32_t ihv_cipher_suite(uint32_t dot11_cipher);
/* Is this DOT11_CIPHER_ALGORITHM a management-frame (BIP) cipher? */
bool ihv_cipher_is_bip(uint32_t dot11_cipher);
/* DOT11_CIPHER_ALGORITHM of a suite selector; 0 (NONE) if unknown. */
uint32_t ihv_cipher_from_suite(uint32_t suite);

/*
 * Decide the RSN parameters. auth/ucast/mcast: the DOT11 values the plugin
 * set (0 = not set: ucast/mcast default to CCMP); lx: the Linux parameters
 * or NULL. 0, -EINVAL (inconsistent), -EOPNOTSUPP (an algorithm ihvd cannot
 * express over nl80211: WEP, WPA1, IHV-range values).
 */
int ihv_rsn_choose(uint32_t auth, uint32_t ucast, uint32_t mcast,
		   const DOT11EXT_LINUX_RSN_PARAMS *lx, struct ihv_rsn_choice *out);

/* Validate Linux RSN parameters on their own (ERROR_* value). */
uint32_t ihv_rsn_params_check(const DOT11EXT_LINUX_RSN_PARAMS *lx);

/*
 * Is suite s in the radio's list? An empty list (the radio does not say)
 * counts as yes.
 */
bool ihv_suite_listed(const uint32_t *list, size_t n, uint32_t s);

/* 0, or -EOPNOTSUPP naming nothing: the radio lacks a suite (capa lists). */
int ihv_rsn_capa_check(const struct ihv_rsn_choice *c, const struct drv_capa *capa);

/*
 * Write the RSNE (element ID, length, body) into buf. Returns its total
 * length, or 0 if open or buf is too small. 80 bytes always suffice.
 */
size_t ihv_rsne_build(const struct ihv_rsn_choice *c, uint8_t *buf, size_t len);

/*
 * The RSNXE (IEEE 802.11-2020 9.4.2.241) for c->rsnx_caps: ID 244, length 1,
 * one octet of capabilities with a Field Length of 0. Its length (3), or 0
 * when there are no capabilities or buf is too small.
 */
size_t ihv_rsnxe_build(const struct ihv_rsn_choice *c, uint8_t *buf, size_t len);

#endif
