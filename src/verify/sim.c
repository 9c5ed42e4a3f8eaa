// SPDX-License-Identifier: BSD-3-Clause
/*
 * The simulated adapter: two station interfaces behind the driver seam
 * (nl80211/driver.h), no radio. Commands succeed and are counted; the AP's
 * side (association results, frames, link loss) is injected by world.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "verify/verify.h"

static struct verify_sim *sim_of(struct drv *d)
{
	return (struct verify_sim *)d;
}

static struct verify_sim_if *sim_if(struct drv *d, uint32_t ifindex)
{
	return verify_sim_if_get(sim_of(d), ifindex);
}

struct verify_sim_if *verify_sim_if_get(struct verify_sim *s, uint32_t ifindex)
{
	size_t i;

	for (i = 0; i < VERIFY_IF_MAX; i++)
		if (s->ifs[i].ifindex == ifindex)
			return &s->ifs[i];
	return NULL;
}

/* A radio with the suites a WPA2/WPA3 station has (IEEE 802.11-2020 Table 9-149). */
static int sim_capa_get(struct drv *d, uint32_t ifindex, struct drv_capa *c)
{
	static const uint32_t ciphers[] = {
		0x000fac02, /* TKIP */
		0x000fac04, /* CCMP-128 */
		0x000fac06, /* BIP-CMAC-128 */
		0x000fac08, /* GCMP-128 */
		0x000fac09, /* GCMP-256 */
		0x000fac0a, /* CCMP-256 */
	};
	struct verify_sim_if *f = sim_if(d, ifindex);

	if (!f)
		return -ENODEV;
	memset(c, 0, sizeof(*c));
	memcpy(c->mac, f->mac, DRV_ETH_ALEN);
	snprintf(c->ifname, sizeof(c->ifname), "%s", f->ifname);
	memcpy(c->ciphers, ciphers, sizeof(ciphers));
	c->n_ciphers = sizeof(ciphers) / sizeof(ciphers[0]);
	c->control_port_over_nl80211 = true;
	c->supports_connect = true;
	return 0;
}

static int sim_connect(struct drv *d, uint32_t ifindex, const struct drv_connect_params *p)
{
	struct verify_sim_if *f = sim_if(d, ifindex);

	if (!f)
		return -ENODEV;
	f->connects++;
	f->ies_len = p->ies && p->ies_len <= sizeof(f->ies) ? p->ies_len : 0;
	if (f->ies_len)
		memcpy(f->ies, p->ies, f->ies_len);
	return 0;
}

static int sim_disconnect(struct drv *d, uint32_t ifindex, uint16_t reason)
{
	(void)reason;
	return sim_if(d, ifindex) ? 0 : -ENODEV;
}

static int sim_eapol_tx(struct drv *d, uint32_t ifindex, const uint8_t dst[DRV_ETH_ALEN],
			uint16_t ethertype, const uint8_t *frame, size_t len, bool no_encrypt,
			uint64_t *cookie)
{
	struct verify_sim_if *f = sim_if(d, ifindex);

	(void)ethertype;
	(void)frame;
	(void)len;
	(void)no_encrypt;
	if (!f)
		return -ENODEV;
	f->tx++;
	if (dst[0] & 1)
		f->tx_group++; /* IEEE 802-2014 8.2: the I/G bit */
	if (cookie)
		*cookie = f->tx;
	return 0;
}

static int sim_key_new(struct drv *d, uint32_t ifindex, const struct drv_key *k)
{
	(void)k;
	return sim_if(d, ifindex) ? 0 : -ENODEV;
}

static int sim_key_del(struct drv *d, uint32_t ifindex, enum drv_key_type t, uint16_t idx,
		       const uint8_t *addr)
{
	(void)t;
	(void)idx;
	(void)addr;
	return sim_if(d, ifindex) ? 0 : -ENODEV;
}

static int sim_key_default_set(struct drv *d, uint32_t ifindex, uint16_t idx, bool unicast,
			       bool multicast, bool mgmt)
{
	(void)idx;
	(void)unicast;
	(void)multicast;
	(void)mgmt;
	return sim_if(d, ifindex) ? 0 : -ENODEV;
}

static int sim_station_authorize(struct drv *d, uint32_t ifindex,
				 const uint8_t addr[DRV_ETH_ALEN], bool authorized)
{
	struct verify_sim_if *f = sim_if(d, ifindex);

	(void)addr;
	if (!f)
		return -ENODEV;
	if (authorized)
		f->authorizations++;
	return 0;
}

/* No vendor channel: NicSpecificExtension answers ERROR_NOT_SUPPORTED (contract rule 56). */
static int sim_vendor_cmd(struct drv *d, uint32_t ifindex, const uint8_t *in, size_t in_len,
			  uint8_t *out, size_t *out_len)
{
	(void)d;
	(void)ifindex;
	(void)in;
	(void)in_len;
	(void)out;
	(void)out_len;
	return -EOPNOTSUPP;
}

/* Frames are injected by the world (world.c), whatever the list: accepted. */
static int sim_ethertype_listen(struct drv *d, uint32_t ifindex, const uint16_t *types,
				size_t n)
{
	(void)types;
	(void)n;
	return sim_if(d, ifindex) ? 0 : -ENODEV;
}

static const struct drv_ops sim_ops = {
	.name = "ihv-verify",
	.capa_get = sim_capa_get,
	.connect = sim_connect,
	.disconnect = sim_disconnect,
	.eapol_tx = sim_eapol_tx,
	.key_new = sim_key_new,
	.key_del = sim_key_del,
	.key_default_set = sim_key_default_set,
	.station_authorize = sim_station_authorize,
	.vendor_cmd = sim_vendor_cmd,
	.ethertype_listen = sim_ethertype_listen,
};

void verify_sim_init(struct verify_sim *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->base.ops = &sim_ops;
	for (i = 0; i < VERIFY_IF_MAX; i++) {
		struct verify_sim_if *f = &s->ifs[i];

		f->ifindex = VERIFY_IFINDEX0 + (uint32_t)i;
		snprintf(f->ifname, sizeof(f->ifname), "verify%zu", i);
		/* a locally administered address (IEEE 802-2014 8.2.2) */
		memcpy(f->mac, "\x02\x76\x65\x72\x00\x00", DRV_ETH_ALEN);
		f->mac[5] = (uint8_t)(i + 1);
	}
}
