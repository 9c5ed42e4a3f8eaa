// SPDX-License-Identifier: BSD-3-Clause
/* CreateDiscoveryProfiles' answer inside its blocks (ipc-discovery.h; contract rule 65). */
#include "ipc/ipc-discovery.h"

enum { IPC_DISCOVERY_MAX = 64 };

uint32_t ipc_discovery_check(const DOT11EXT_IHV_DISCOVERY_PROFILE_LIST *l,
			     const struct ipc_blocks *b, bool *ok)
{
	const DOT11EXT_IHV_DISCOVERY_PROFILE *p = l->pIhvDiscoveryProfiles;
	size_t room = b->size(p) / sizeof(*p);
	uint32_t n = l->dwCount < IPC_DISCOVERY_MAX ? l->dwCount : IPC_DISCOVERY_MAX;
	uint32_t fit = room < n ? (uint32_t)room : n;

	*ok = fit == n;
	for (uint32_t i = 0; i < fit; i++) {
		const uint16_t *c = p[i].IhvConnectivityProfile.pszXmlFragmentIhvConnectivity;
		const uint16_t *s = p[i].IhvSecurityProfile.pszXmlFragmentIhvSecurity;

		if ((c && ((const void *)c == p || !b->holds_utf16(c))) ||
		    (s && ((const void *)s == p || !b->holds_utf16(s))))
			*ok = false;
	}
	return fit;
}

void ipc_discovery_free_fragments(const DOT11EXT_IHV_DISCOVERY_PROFILE_LIST *l, uint32_t n,
				  const struct ipc_blocks *b)
{
	const void *done[2 * IPC_DISCOVERY_MAX];
	size_t n_done = 0, k;

	if (n > IPC_DISCOVERY_MAX)
		n = IPC_DISCOVERY_MAX;
	for (uint32_t i = 0; i < n; i++) {
		void *f[2] = { l->pIhvDiscoveryProfiles[i].IhvConnectivityProfile
				       .pszXmlFragmentIhvConnectivity,
			       l->pIhvDiscoveryProfiles[i].IhvSecurityProfile
				       .pszXmlFragmentIhvSecurity };

		for (int j = 0; j < 2; j++) {
			if (!f[j] || f[j] == (void *)l->pIhvDiscoveryProfiles)
				continue;
			for (k = 0; k < n_done && done[k] != f[j]; k++)
				;
			if (k < n_done)
				continue; /* shared: freed once */
			done[n_done++] = f[j];
			b->free_fragment(b->ctx, f[j]);
		}
	}
}
