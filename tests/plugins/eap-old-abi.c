// SPDX-License-Identifier: BSD-3-Clause
/*
 * Not an IHV plugin: an EAP module of another ihvd build, for test-eap-load. It has
 * eap_peer_abi but answers the interface number before this build's, as a module left
 * installed from an older ihvd would; src/eap/eap-load.c must refuse it before any call.
 */
#include "eap/eap-peer.h"

unsigned int eap_peer_abi(void)
{
	return EAP_PEER_ABI - 1;
}
