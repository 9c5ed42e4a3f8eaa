/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cipher and AKM suite selectors (IEEE 802.11-2020 9.4.2.24.2 Table 9-149,
 * 9.4.2.24.3 Table 9-151), as 32-bit OUI:type values, 00-0F-AC:n.
 */
#ifndef IHVD_COMMON_SUITE_H
#define IHVD_COMMON_SUITE_H

#include <stdint.h>

#define RSN_SUITE(n) (0x000fac00u | (uint32_t)(n))

#define RSN_CIPHER_USE_GROUP   RSN_SUITE(0)
#define RSN_CIPHER_WEP40       RSN_SUITE(1)
#define RSN_CIPHER_TKIP        RSN_SUITE(2)
#define RSN_CIPHER_CCMP_128    RSN_SUITE(4)
#define RSN_CIPHER_WEP104      RSN_SUITE(5)
#define RSN_CIPHER_BIP_CMAC_128 RSN_SUITE(6)
#define RSN_CIPHER_NO_GROUP    RSN_SUITE(7)
#define RSN_CIPHER_GCMP_128    RSN_SUITE(8)
#define RSN_CIPHER_GCMP_256    RSN_SUITE(9)
#define RSN_CIPHER_CCMP_256    RSN_SUITE(10)
#define RSN_CIPHER_BIP_GMAC_128 RSN_SUITE(11)
#define RSN_CIPHER_BIP_GMAC_256 RSN_SUITE(12)
#define RSN_CIPHER_BIP_CMAC_256 RSN_SUITE(13)

#define RSN_AKM_8021X          RSN_SUITE(1)
#define RSN_AKM_PSK            RSN_SUITE(2)
#define RSN_AKM_8021X_SHA256   RSN_SUITE(5)
#define RSN_AKM_PSK_SHA256     RSN_SUITE(6)
#define RSN_AKM_SAE            RSN_SUITE(8)
#define RSN_AKM_8021X_SUITE_B  RSN_SUITE(11)
#define RSN_AKM_8021X_SUITE_B_192 RSN_SUITE(12)
#define RSN_AKM_PSK_SHA384     RSN_SUITE(20)
#define RSN_AKM_SAE_EXT_KEY    RSN_SUITE(24)

/* The pre-RSN WPA vendor element uses the same numbers under 00-50-F2. */
#define WPA_OUI 0x0050f2u
#define WPA_SUITE(n) (WPA_OUI << 8 | (uint32_t)(n))

/*
 * The names wpa_supplicant's users know, from one table (suite.c). Each
 * returns NULL for a suite it has no name for; the caller picks its fallback.
 *
 *   suite_cipher_name   CCMP, GCMP-256, TKIP, ...   (config pairwise=/group=,
 *                                                    STATUS, scan flags)
 *   suite_akm_conf_name WPA-PSK, WPA-PSK-SHA256, SAE  (config key_mgmt=)
 *   suite_akm_status_name WPA2-PSK, SAE, ...          (STATUS key_mgmt=)
 *   suite_akm_flag_name PSK, PSK-SHA256, FT/PSK, ...  (SCAN_RESULTS flags)
 *
 * The flag and cipher names also serve the WPA vendor element (00-50-F2:n
 * maps as 00-0F-AC:n).
 */
const char *suite_cipher_name(uint32_t suite);
const char *suite_akm_conf_name(uint32_t suite);
const char *suite_akm_status_name(uint32_t suite);
const char *suite_akm_flag_name(uint32_t suite);
/* The reverse of suite_cipher_name / suite_akm_conf_name; 0 when unknown. */
uint32_t suite_cipher_from_name(const char *name);
uint32_t suite_akm_from_conf_name(const char *name);

#endif
