/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ids carried in a frame's id field (ipc.h), by frame type.
 *
 * IPC_CALL / IPC_RETURN: 0..18 are the 19 handlers in DOT11EXT_IHV_HANDLERS
 * order (contract §3); the exports and the Linux timer callback follow.
 * IPC_SVC / IPC_SVC_RETURN: 0..21 are the 22 services in DOT11EXT_APIS
 * order (contract §4); the Linux additions (ihvlinux.h) and the one
 * virtual-station query follow, then the Linux version 2 services.
 *
 * Payloads of the authentication exchange (ihvlinux.h version 2):
 *	IPC_H_AUTH_START         ptr ext, bytes target (56, DOT11EXT_LINUX_AUTH_TARGET)
 *	                         -> u32 result
 *	IPC_H_AUTH_RX            ptr ext, auth frame (ipc-dot11.h) -> (nothing)
 *	IPC_H_AUTH_STOP          ptr ext, u32 reason -> (nothing)
 *	IPC_H_AUTH_ASSOC_STATUS  ptr ext, bytes bssid (6), u32 status -> (nothing)
 *	IPC_S_LX_REGISTER_AUTH   u32 present, u32 dwSize, u32 mask of non-NULL
 *	                         handlers (bit i: the i-th of the four) -> u32 result
 *	IPC_S_LX_SEND_AUTH_FRAME ptr svc, auth frame -> u32 result
 *	IPC_S_LX_AUTH_COMPLETE   ptr svc, u32 win32, u32 reason, u32 status -> u32 result
 */
#ifndef IHVD_IPC_IPC_IDS_H
#define IHVD_IPC_IPC_IDS_H

#include <stdbool.h>
#include <stdint.h>

enum ipc_call_id {
	IPC_H_DEINIT_SERVICE = 0,
	IPC_H_INIT_ADAPTER,
	IPC_H_DEINIT_ADAPTER,
	IPC_H_PRE_ASSOCIATE,
	IPC_H_ADAPTER_RESET,
	IPC_H_POST_ASSOCIATE,
	IPC_H_STOP_POST_ASSOCIATE,
	IPC_H_VALIDATE_PROFILE,
	IPC_H_CAPABILITY_MATCH,
	IPC_H_CREATE_DISCOVERY_PROFILES,
	IPC_H_SESSION_CHANGE,
	IPC_H_RECEIVE_INDICATION,
	IPC_H_RECEIVE_PACKET,
	IPC_H_SEND_COMPLETION,
	IPC_H_IS_UI_PENDING,
	IPC_H_UI_RESPONSE,
	IPC_H_QUERY_UI,
	IPC_H_ONEX_RESULT,
	IPC_H_CONTROL,
	IPC_H_GET_VERSION = 32,   /* Dot11ExtIhvGetVersionInfo */
	IPC_H_INIT_SERVICE,       /* Dot11ExtIhvInitService */
	IPC_H_INIT_VS,            /* Dot11ExtIhvInitVirtualStation */
	IPC_H_REASON_TEXT,        /* Dot11ExtIhvLinuxReasonText */
	IPC_H_TIMER,              /* a Linux timer fired: run its callback */
	/* the authentication exchange (ihvlinux.h version 2, protocol version 2) */
	IPC_H_AUTH_START,         /* Dot11ExtIhvLinuxStartAuthentication */
	IPC_H_AUTH_RX,            /* Dot11ExtIhvLinuxReceiveAuthFrame */
	IPC_H_AUTH_STOP,          /* Dot11ExtIhvLinuxStopAuthentication */
	IPC_H_AUTH_ASSOC_STATUS,  /* Dot11ExtIhvLinuxAssociationStatus */
	IPC_H_MAX,
};

enum ipc_svc_id {
	IPC_S_ALLOCATE_BUFFER = 0, /* never sent: buffers live on the host side */
	IPC_S_FREE_BUFFER,         /* never sent */
	IPC_S_SET_USER_DATA,
	IPC_S_GET_USER_DATA,
	IPC_S_SET_CURRENT_PROFILE,
	IPC_S_SEND_UI_REQUEST,
	IPC_S_PRE_COMPLETION,
	IPC_S_POST_COMPLETION,
	IPC_S_SEND_NOTIFICATION,
	IPC_S_SEND_PACKET,
	IPC_S_SET_ETHERTYPE,
	IPC_S_SET_AUTH,
	IPC_S_SET_UCAST,
	IPC_S_SET_MCAST,
	IPC_S_SET_DEFAULT_KEY,
	IPC_S_SET_MAPPING_KEY,
	IPC_S_SET_DEFAULT_KEY_ID,
	IPC_S_NIC_SPECIFIC,
	IPC_S_SET_EXCLUDE_UNENCRYPTED,
	IPC_S_START_ONEX,
	IPC_S_STOP_ONEX,
	IPC_S_PROCESS_SECURITY_PACKET,
	IPC_S_LX_LOG = 32,
	IPC_S_LX_TIMER_CREATE,
	IPC_S_LX_TIMER_ARM,
	IPC_S_LX_TIMER_CANCEL,
	IPC_S_LX_TIMER_DESTROY,
	IPC_S_LX_SET_RSN,
	IPC_S_LX_ADAPTER_INFO,
	IPC_S_VS_QUERY,
	/* the authentication exchange (ihvlinux.h version 2, protocol version 2) */
	IPC_S_LX_REGISTER_AUTH,    /* Dot11ExtLinuxRegisterAuthHandlers */
	IPC_S_LX_SEND_AUTH_FRAME,  /* Dot11ExtLinuxSendAuthFrame */
	IPC_S_LX_AUTH_COMPLETE,    /* Dot11ExtLinuxAuthComplete */
	IPC_S_MAX,
};

/* IPC_S_LX_REGISTER_AUTH's mask: which of DOT11EXT_LINUX_AUTH_HANDLERS are non-NULL. */
#define IPC_AUTH_H_START        0x1u
#define IPC_AUTH_H_RX           0x2u
#define IPC_AUTH_H_STOP         0x4u
#define IPC_AUTH_H_ASSOC_STATUS 0x8u
#define IPC_AUTH_HANDLERS_ALL   0xfu

/* IPC_HELLO payload: u32 version, u32 flags, str load error ("" when loaded). */
#define IPC_HELLO_HAS_INIT_VS     0x1u
#define IPC_HELLO_HAS_REASON_TEXT 0x2u

/* IPC_FAULT payload: u32 kind, u32 number (signal or syscall), u32 call id. */
enum ipc_fault_kind {
	IPC_FAULT_SYSCALL = 1,    /* the seccomp filter trapped a system call */
	IPC_FAULT_SIGNAL,         /* a fatal signal in the plugin */
};

/* Name of a call id for log lines ("Dot11ExtIhvPerformPostAssociate"). */
const char *ipc_call_name(uint32_t id);
const char *ipc_svc_name(uint32_t id);
/* The services the host sends as IPC_NOTE (no reply); any other id in a NOTE is malformed. */
bool ipc_svc_is_note(uint32_t id);

#endif
