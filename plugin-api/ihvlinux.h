/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ihvlinux.h - ihvd's Linux additions to the IHV extensibility contract.
 *
 * Not part of Microsoft's contract. ihvd passes a DOT11EXT_LINUX_APIS table
 * to Dot11ExtIhvInitService through its pvReserved argument (a Windows
 * plugin ignores pvReserved; Windows passes NULL there). A plugin that wants
 * the additions checks, inside InitService:
 *
 *	const DOT11EXT_LINUX_APIS *lx = pvReserved;
 *	if (lx && lx->dwVersion >= 1 &&
 *	    lx->dwSize >= DOT11EXT_LINUX_APIS_V1_SIZE)
 *		g_linux = *lx;   // copy it, like DOT11EXT_APIS (contract §3.2)
 *
 * Versioning: fields are only ever appended; dwVersion says which version
 * the host implements, dwSize the size of its table. A field exists when
 * dwSize covers it.
 *
 * Threading: every handler and every timer callback runs on ihvd's single
 * loop thread, one at a time. The timer functions must be called on that
 * thread (from a handler or a timer callback); called elsewhere they return
 * ERROR_INVALID_STATE. Dot11ExtLinuxLog and Dot11ExtLinuxGetAdapterInfo
 * may be called from any thread.
 */
#ifndef IHVD_IHVLINUX_H
#define IHVD_IHVLINUX_H

#include "wlanihv.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DOT11EXT_LINUX_APIS_VERSION_1 1
#define DOT11EXT_LINUX_APIS_VERSION_2 2  /* + the authentication exchange */
#define DOT11EXT_LINUX_APIS_VERSION   DOT11EXT_LINUX_APIS_VERSION_2

/* ---- Logging ----------------------------------------------------------------
 * Lines go to ihvd's log, prefixed with the plugin's name. Never pass a
 * secret (PSK, PMK, PTK, KCK/KEK/TK, GTK, IGTK), not even at DEBUG.
 */
#define DOT11EXT_LINUX_LOG_ERROR 0
#define DOT11EXT_LINUX_LOG_WARN  1
#define DOT11EXT_LINUX_LOG_INFO  2
#define DOT11EXT_LINUX_LOG_DEBUG 3

typedef VOID (WINAPI *DOT11EXT_LINUX_LOG)(DWORD dwLevel, LPCSTR pszFormat, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* ---- Timers / deferred calls ------------------------------------------------
 * A one-shot timer whose callback runs on ihvd's loop thread, like a handler,
 * so a plugin needs no threads of its own. Arming with 0 ms is a deferred
 * call: it runs on the next loop iteration, i.e. after the current handler
 * has returned (the way to complete PerformPreAssociate/PerformPostAssociate
 * asynchronously, contract rules 27 and 36). Arming an armed timer re-arms
 * it. A timer may be destroyed from its own callback. Timers belong to the
 * service, not to an adapter: destroy them by DeinitService (ihvd destroys
 * and logs any left over).
 */
typedef VOID (WINAPI *DOT11EXT_LINUX_TIMER_CALLBACK)(HANDLE hTimer,
						       LPVOID pvContext);
typedef DWORD (WINAPI *DOT11EXT_LINUX_TIMER_CREATE)(
	DOT11EXT_LINUX_TIMER_CALLBACK pfnCallback, LPVOID pvContext,
	PHANDLE phTimer);
typedef DWORD (WINAPI *DOT11EXT_LINUX_TIMER_ARM)(HANDLE hTimer,
						 DWORD dwMilliseconds);
typedef DWORD (WINAPI *DOT11EXT_LINUX_TIMER_CANCEL)(HANDLE hTimer);
typedef DWORD (WINAPI *DOT11EXT_LINUX_TIMER_DESTROY)(HANDLE hTimer);

/* ---- RSN parameters ---------------------------------------------------------
 * DOT11_AUTH_ALGO_RSNA_PSK alone cannot say PSK-SHA256, SAE or PMF. During a
 * pre-association (after PerformPreAssociate was called, before the plugin's
 * successful PreAssociateCompletion) the plugin may tell ihvd exactly what to
 * put into the RSNE of the (Re)Association Request.
 *
 * Defaults when the plugin does not call it (derived from the algorithm set
 * with Dot11ExtSetAuthAlgorithm):
 *	DOT11_AUTH_ALGO_RSNA          AKM 00-0F-AC:1, MFP none
 *	DOT11_AUTH_ALGO_RSNA_PSK      AKM 00-0F-AC:2, MFP none
 *	DOT11_AUTH_ALGO_WPA3_ENT_192  AKM 00-0F-AC:12, MFP required, BIP-GMAC-256
 *	DOT11_AUTH_ALGO_WPA3_SAE      AKM 00-0F-AC:8, MFP required, BIP-CMAC-128
 *	DOT11_AUTH_ALGO_OWE           AKM 00-0F-AC:18, MFP required, BIP-CMAC-128
 *	DOT11_AUTH_ALGO_WPA3_ENT      AKM 00-0F-AC:5, MFP required, BIP-CMAC-128
 * Pairwise/group ciphers come from Dot11ExtSetUnicastCipherAlgorithm /
 * Dot11ExtSetMulticastCipherAlgorithm (default CCMP for both).
 *
 * The RSNE ihvd built reaches the plugin again in PerformPostAssociate,
 * inside the request IEs (DOT11_ASSOCIATION_COMPLETION_PARAMETERS
 * uAssocReqOffset/uAssocReqSize); the AP's own RSNE is in uBeaconOffset.
 */
#define DOT11EXT_LINUX_SUITE(oui, type) (((DWORD)(oui) << 8) | (DWORD)(type))
#define DOT11EXT_LINUX_AKM_8021X            0x000fac01u
#define DOT11EXT_LINUX_AKM_PSK              0x000fac02u
#define DOT11EXT_LINUX_AKM_FT_8021X         0x000fac03u
#define DOT11EXT_LINUX_AKM_FT_PSK           0x000fac04u
#define DOT11EXT_LINUX_AKM_8021X_SHA256     0x000fac05u
#define DOT11EXT_LINUX_AKM_PSK_SHA256       0x000fac06u
#define DOT11EXT_LINUX_AKM_SAE              0x000fac08u
#define DOT11EXT_LINUX_AKM_FT_SAE           0x000fac09u
#define DOT11EXT_LINUX_AKM_8021X_SUITE_B_192 0x000fac0cu
#define DOT11EXT_LINUX_AKM_OWE              0x000fac12u
#define DOT11EXT_LINUX_AKM_SAE_EXT_KEY      0x000fac18u

#define DOT11EXT_LINUX_CIPHER_SUITE_WEP40         0x000fac01u
#define DOT11EXT_LINUX_CIPHER_SUITE_TKIP          0x000fac02u
#define DOT11EXT_LINUX_CIPHER_SUITE_CCMP          0x000fac04u
#define DOT11EXT_LINUX_CIPHER_SUITE_WEP104        0x000fac05u
#define DOT11EXT_LINUX_CIPHER_SUITE_BIP_CMAC_128  0x000fac06u
#define DOT11EXT_LINUX_CIPHER_SUITE_NO_GROUP      0x000fac07u
#define DOT11EXT_LINUX_CIPHER_SUITE_GCMP          0x000fac08u
#define DOT11EXT_LINUX_CIPHER_SUITE_GCMP_256      0x000fac09u
#define DOT11EXT_LINUX_CIPHER_SUITE_CCMP_256      0x000fac0au
#define DOT11EXT_LINUX_CIPHER_SUITE_BIP_GMAC_128  0x000fac0bu
#define DOT11EXT_LINUX_CIPHER_SUITE_BIP_GMAC_256  0x000fac0cu
#define DOT11EXT_LINUX_CIPHER_SUITE_BIP_CMAC_256  0x000fac0du

#define DOT11EXT_LINUX_MFP_NONE     0
#define DOT11EXT_LINUX_MFP_CAPABLE  1
#define DOT11EXT_LINUX_MFP_REQUIRED 2

#define DOT11EXT_LINUX_PMKID_LEN 16

/*
 * RSNXE (IEEE 802.11-2020 9.4.2.241) capability bits for dwRsnxCapabilities;
 * the host writes the element (ID 244) with the length subfield itself.
 */
#define DOT11EXT_LINUX_RSNX_PROTECTED_TWT 0x10u
#define DOT11EXT_LINUX_RSNX_SAE_H2E       0x20u
#define DOT11EXT_LINUX_RSNX_SAE_PK        0x40u

typedef struct _DOT11EXT_LINUX_RSN_PARAMS {
	DWORD dwSize;               /* V1 or V2 size (see below) */
	DWORD dwAkmSuite;           /* suite selector; 0: derive (see above) */
	DWORD dwMfp;                /* DOT11EXT_LINUX_MFP_* */
	DWORD dwGroupMgmtCipherSuite; /* 0: default for the MFP setting */
	DWORD dwNumPmkids;          /* 0 or 1: PMKID to offer (PMKSA caching) */
	BYTE ucPmkid[DOT11EXT_LINUX_PMKID_LEN];
	/* version 2 (dwSize >= DOT11EXT_LINUX_RSN_PARAMS_V2_SIZE) */
	DWORD dwRsnxCapabilities;   /* DOT11EXT_LINUX_RSNX_*; 0: no RSNXE */
} DOT11EXT_LINUX_RSN_PARAMS, *PDOT11EXT_LINUX_RSN_PARAMS;

#define DOT11EXT_LINUX_RSN_PARAMS_V1_SIZE \
	offsetof(DOT11EXT_LINUX_RSN_PARAMS, dwRsnxCapabilities)
#define DOT11EXT_LINUX_RSN_PARAMS_V2_SIZE sizeof(DOT11EXT_LINUX_RSN_PARAMS)

/*
 * Returns ERROR_SUCCESS, ERROR_INVALID_HANDLE (not a live adapter),
 * ERROR_INVALID_STATE (no pre-association in progress, or it already
 * completed), ERROR_INVALID_PARAMETER (NULL, short dwSize, bad MFP value,
 * more than one PMKID, MFP required with no group management cipher...),
 * ERROR_NOT_SUPPORTED (the radio lacks the AKM or cipher).
 */
typedef DWORD (WINAPI *DOT11EXT_LINUX_SET_RSN_PARAMS)(
	HANDLE hDot11SvcHandle, const DOT11EXT_LINUX_RSN_PARAMS *pParams);

/* ---- Adapter information ----------------------------------------------------
 * What Windows gives a plugin through OIDs and a Linux plugin cannot ask the
 * NIC for: its own MAC address (the SPA of the 4-way handshake) and what the
 * radio supports.
 */
typedef struct _DOT11EXT_LINUX_ADAPTER_INFO {
	DWORD dwSize;                  /* in: sizeof(DOT11EXT_LINUX_ADAPTER_INFO) */
	DOT11_MAC_ADDRESS MacAddress;  /* the station's own address */
	DWORD dwIfIndex;
	CHAR szIfName[16];
	DWORD dwNumCipherSuites;
	DWORD dwCipherSuites[32];      /* suite selectors the radio supports */
	DWORD dwNumAkmSuites;          /* 0: the radio does not list them */
	DWORD dwAkmSuites[32];
} DOT11EXT_LINUX_ADAPTER_INFO, *PDOT11EXT_LINUX_ADAPTER_INFO;

typedef DWORD (WINAPI *DOT11EXT_LINUX_GET_ADAPTER_INFO)(
	HANDLE hDot11SvcHandle, PDOT11EXT_LINUX_ADAPTER_INFO pInfo);

/* ---- Optional export: what a reason code means ----------------------------
 * Windows shows a plugin's IHV-range reason codes (0x90000..0x9FFFF) through
 * the UI extension. ihvd has no UI DLL, so a plugin may export this function
 * (resolved by name, like Dot11ExtIhvInitVirtualStation) and ihvd quotes the
 * text when a connection fails ("last plugin reason 0x90060: PSK mismatch").
 * Writes a NUL-terminated UTF-8 string. Returns ERROR_SUCCESS, ERROR_NOT_FOUND
 * (not one of the plugin's codes) or ERROR_INSUFFICIENT_BUFFER. May be called
 * from any thread, also before InitService; it must not call back into ihvd.
 */
#define IHV_LINUX_REASON_TEXT_FUNCTION_NAME "Dot11ExtIhvLinuxReasonText"
typedef DWORD (WINAPI *DOT11EXTIHV_LINUX_REASON_TEXT)(DWORD dwReasonCode,
						      CHAR *pszText,
						      DWORD dwTextSize);
DWORD WINAPI Dot11ExtIhvLinuxReasonText(DWORD dwReasonCode, CHAR *pszText,
					DWORD dwTextSize);

/* ---- The authentication exchange (version 2) -------------------------------
 * IEEE 802.11 authentication run by the plugin, the host only carrying the
 * frames: SAE (IEEE 802.11-2020 12.4) today, over the driver's userspace SME
 * (nl80211: NL80211_CMD_AUTHENTICATE with NL80211_ATTR_AUTH_DATA). The PMK
 * never leaves the plugin.
 *
 * When it happens: after a successful PreAssociateCompletion whose algorithm
 * is DOT11_AUTH_ALGO_WPA3_SAE (AKM 00-0F-AC:8 or :24), if the plugin
 * registered DOT11EXT_LINUX_AUTH_HANDLERS. Then, instead of connecting, the
 * host calls Dot11ExtIhvLinuxStartAuthentication with the target BSS. The
 * plugin sends Authentication frames with Dot11ExtLinuxSendAuthFrame; the
 * AP's Authentication frames reach Dot11ExtIhvLinuxReceiveAuthFrame; the
 * plugin ends the exchange with exactly one Dot11ExtLinuxAuthComplete. On
 * ERROR_SUCCESS the host associates (RSNE and RSNXE from the RSN parameters)
 * and continues as after a CONNECT: PerformPostAssociate and so on.
 * Dot11ExtIhvLinuxAssociationStatus then tells the plugin the association's
 * status code (e.g. 53, INVALID_PMKID, when the AP no longer holds the PMKSA
 * the plugin offered: drop it and run SAE next time).
 *
 * PMKSA caching (IEEE 802.11-2020 12.6.10.3): the plugin puts the PMKID in the
 * RSN parameters and authenticates with Open System (usAlgorithm 0,
 * transaction 1, status 0, empty body); the AP's answer (transaction 2)
 * comes back like any other.
 *
 * The host ends an exchange on its own (a time-out: the association time-out
 * covers authentication and association; the interface going away; a
 * disconnect; AdapterReset) with Dot11ExtIhvLinuxStopAuthentication; no
 * completion may follow. Retransmission is the plugin's: the host does not
 * resend frames. A driver-side time-out of one frame is not reported; the
 * plugin's own timer is the clock.
 *
 * Threading: as the contract's handlers, all on the loop thread; the two host
 * functions must be called on it too (from a handler or timer callback).
 */
#define DOT11EXT_LINUX_AUTH_ALGO_OPEN_SYSTEM 0 /* IEEE 802.11-2020 9.4.1.1 */
#define DOT11EXT_LINUX_AUTH_ALGO_SAE         3
#define DOT11EXT_LINUX_AUTH_BODY_MAX         2048

/* The fields of an Authentication frame after the MAC header (9.3.3.12). */
typedef struct _DOT11EXT_LINUX_AUTH_FRAME {
	DWORD dwSize;                 /* sizeof(DOT11EXT_LINUX_AUTH_FRAME) */
	DOT11_MAC_ADDRESS Peer;       /* received: the sender (the BSSID);
	                                 sent: must be the target BSSID */
	USHORT usAlgorithm;           /* DOT11EXT_LINUX_AUTH_ALGO_* */
	USHORT usTransaction;         /* Authentication Transaction Sequence Number */
	USHORT usStatus;              /* Status Code */
	DWORD dwBodyLength;           /* <= DOT11EXT_LINUX_AUTH_BODY_MAX */
	const BYTE *pucBody;          /* the rest of the frame body (e.g. SAE Commit) */
} DOT11EXT_LINUX_AUTH_FRAME, *PDOT11EXT_LINUX_AUTH_FRAME;

typedef struct _DOT11EXT_LINUX_AUTH_TARGET {
	DWORD dwSize;                 /* sizeof(DOT11EXT_LINUX_AUTH_TARGET) */
	DOT11_MAC_ADDRESS Bssid;      /* the AP (first BSS of the pre-association list) */
	DOT11_MAC_ADDRESS OwnAddress; /* the station's address */
	DWORD dwFrequency;            /* MHz */
	DWORD dwSsidLength;
	BYTE ucSsid[32];
} DOT11EXT_LINUX_AUTH_TARGET, *PDOT11EXT_LINUX_AUTH_TARGET;

/*
 * Plugin handlers. StartAuthentication: ERROR_SUCCESS promises exactly one
 * Dot11ExtLinuxAuthComplete (unless the host stops the exchange first); any
 * other value ends the connection attempt with no completion.
 */
typedef DWORD (WINAPI *DOT11EXTIHV_LINUX_START_AUTHENTICATION)(
	HANDLE hIhvExtAdapter, const DOT11EXT_LINUX_AUTH_TARGET *pTarget);
typedef VOID (WINAPI *DOT11EXTIHV_LINUX_RECEIVE_AUTH_FRAME)(
	HANDLE hIhvExtAdapter, const DOT11EXT_LINUX_AUTH_FRAME *pFrame);
/* dwReason: an L2_REASON_CODE_* saying why the host stopped the exchange. */
typedef VOID (WINAPI *DOT11EXTIHV_LINUX_STOP_AUTHENTICATION)(
	HANDLE hIhvExtAdapter, DWORD dwReason);
/* usStatus: the (Re)Association Response's status code; 0 = associated. */
typedef VOID (WINAPI *DOT11EXTIHV_LINUX_ASSOCIATION_STATUS)(
	HANDLE hIhvExtAdapter, const DOT11_MAC_ADDRESS Bssid, USHORT usStatus);

typedef struct _DOT11EXT_LINUX_AUTH_HANDLERS {
	DWORD dwSize;                 /* sizeof(DOT11EXT_LINUX_AUTH_HANDLERS) */
	DOT11EXTIHV_LINUX_START_AUTHENTICATION Dot11ExtIhvLinuxStartAuthentication;
	DOT11EXTIHV_LINUX_RECEIVE_AUTH_FRAME Dot11ExtIhvLinuxReceiveAuthFrame;
	DOT11EXTIHV_LINUX_STOP_AUTHENTICATION Dot11ExtIhvLinuxStopAuthentication;
	DOT11EXTIHV_LINUX_ASSOCIATION_STATUS Dot11ExtIhvLinuxAssociationStatus;
} DOT11EXT_LINUX_AUTH_HANDLERS, *PDOT11EXT_LINUX_AUTH_HANDLERS;

/*
 * Host functions. RegisterAuthHandlers: from InitService only (the table is
 * copied; all four handlers non-NULL) -> ERROR_SUCCESS, ERROR_INVALID_STATE,
 * ERROR_INVALID_PARAMETER. SendAuthFrame: during an exchange ->
 * ERROR_SUCCESS (handed to the driver), ERROR_INVALID_HANDLE,
 * ERROR_INVALID_STATE (no exchange), ERROR_INVALID_PARAMETER (size, peer,
 * algorithm other than Open System/SAE, body too long), or the driver's
 * error as a Win32 code. AuthComplete: dwWin32Error ERROR_SUCCESS to
 * associate; otherwise dwReasonCode (an L2 or IHV reason, contract rule 28)
 * and usStatus (the status code that ended it, 0 if none) end the
 * connection attempt. ERROR_SUCCESS, ERROR_INVALID_HANDLE,
 * ERROR_INVALID_STATE.
 */
typedef DWORD (WINAPI *DOT11EXT_LINUX_REGISTER_AUTH_HANDLERS)(
	const DOT11EXT_LINUX_AUTH_HANDLERS *pHandlers);
typedef DWORD (WINAPI *DOT11EXT_LINUX_SEND_AUTH_FRAME)(
	HANDLE hDot11SvcHandle, const DOT11EXT_LINUX_AUTH_FRAME *pFrame);
typedef DWORD (WINAPI *DOT11EXT_LINUX_AUTH_COMPLETE)(
	HANDLE hDot11SvcHandle, DWORD dwWin32Error, DWORD dwReasonCode,
	USHORT usStatus);

/* ---- The table ------------------------------------------------------------- */
typedef struct _DOT11EXT_LINUX_APIS {
	DWORD dwVersion;                 /* DOT11EXT_LINUX_APIS_VERSION_1 */
	DWORD dwSize;                    /* sizeof(DOT11EXT_LINUX_APIS) of the host */
	/* version 1 */
	DOT11EXT_LINUX_LOG Dot11ExtLinuxLog;
	DOT11EXT_LINUX_TIMER_CREATE Dot11ExtLinuxTimerCreate;
	DOT11EXT_LINUX_TIMER_ARM Dot11ExtLinuxTimerArm;
	DOT11EXT_LINUX_TIMER_CANCEL Dot11ExtLinuxTimerCancel;
	DOT11EXT_LINUX_TIMER_DESTROY Dot11ExtLinuxTimerDestroy;
	DOT11EXT_LINUX_SET_RSN_PARAMS Dot11ExtLinuxSetRsnParams;
	DOT11EXT_LINUX_GET_ADAPTER_INFO Dot11ExtLinuxGetAdapterInfo;
	/* version 2 */
	DOT11EXT_LINUX_REGISTER_AUTH_HANDLERS Dot11ExtLinuxRegisterAuthHandlers;
	DOT11EXT_LINUX_SEND_AUTH_FRAME Dot11ExtLinuxSendAuthFrame;
	DOT11EXT_LINUX_AUTH_COMPLETE Dot11ExtLinuxAuthComplete;
} DOT11EXT_LINUX_APIS, *PDOT11EXT_LINUX_APIS;

#define DOT11EXT_LINUX_APIS_V1_SIZE \
	(offsetof(DOT11EXT_LINUX_APIS, Dot11ExtLinuxGetAdapterInfo) + \
	 sizeof(DOT11EXT_LINUX_GET_ADAPTER_INFO))
#define DOT11EXT_LINUX_APIS_V2_SIZE \
	(offsetof(DOT11EXT_LINUX_APIS, Dot11ExtLinuxAuthComplete) + \
	 sizeof(DOT11EXT_LINUX_AUTH_COMPLETE))

#if defined(__LP64__) || defined(_LP64)
#ifdef __cplusplus
#define IHVL_ABI_ASSERT(e, msg) static_assert(e, msg)
#else
#define IHVL_ABI_ASSERT(e, msg) _Static_assert(e, msg)
#endif
IHVL_ABI_ASSERT(sizeof(DOT11EXT_LINUX_APIS) == 88, "Linux API table v2");
IHVL_ABI_ASSERT(DOT11EXT_LINUX_APIS_V1_SIZE == 64, "Linux API table v1 size");
IHVL_ABI_ASSERT(DOT11EXT_LINUX_APIS_V2_SIZE == 88, "Linux API table v2 size");
IHVL_ABI_ASSERT(DOT11EXT_LINUX_RSN_PARAMS_V1_SIZE == 36, "RSN params v1");
IHVL_ABI_ASSERT(sizeof(DOT11EXT_LINUX_RSN_PARAMS) == 40, "RSN params v2");
IHVL_ABI_ASSERT(sizeof(DOT11EXT_LINUX_AUTH_FRAME) == 32, "auth frame");
IHVL_ABI_ASSERT(sizeof(DOT11EXT_LINUX_AUTH_TARGET) == 56, "auth target");
#undef IHVL_ABI_ASSERT
#endif

#ifdef __cplusplus
}
#endif

#endif /* IHVD_IHVLINUX_H */
