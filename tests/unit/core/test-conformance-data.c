// SPDX-License-Identifier: BSD-3-Clause
/*
 * The contract's invariants (docs/contract.md §10), rules 42-56: receive and
 * send, privacy exemptions, keys and algorithms: one test per applicable
 * rule, named with its number: the real host core over the simulated driver
 * against purpose-built plugins (tests/plugins).
 */
#include "tests/unit/core/conformance.h"

/* ---- receive / send ---------------------------------------------------------------- */

START_TEST(test_rule_42_only_registered_ethertypes_delivered)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x8e88, (const uint8_t *)"sw", 2, true);
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x88c7, (const uint8_t *)"pa", 2, true);
	hx_eapol(&X, "ok", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	ck_assert_mem_eq(X.tp->frames[0].data + 8, "ok", 2);
	hx_stop(&X);
}
END_TEST

/*
 * Contract rule 42 at the driver seam: the registered EtherTypes are the ones the
 * driver is asked to receive (drv_ops.ethertype_listen), a registered 0x88B5 frame
 * reaches ReceivePacket, an unregistered 0x88B6 does not, and AdapterReset (rule
 * 19: the lists cleared) leaves the driver with none.
 */
START_TEST(test_rule_42_registered_ethertypes_reach_the_driver)
{
	const struct sim_call *c;
	size_t n;

	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	X.tp->extra_ethertype = 0x88b5;
	hx_start(&X, "tp-good");
	hx_run(&X, 5);
	c = sim_drv_last(X.sim, SIM_OP_ETHERTYPE_LISTEN);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->ifindex, HX_IFINDEX);
	ck_assert_uint_eq(c->n_types, 2);
	ck_assert_uint_eq(c->types[0], 0x888e);
	ck_assert_uint_eq(c->types[1], 0x88b5);
	hx_to_port(&X);
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x88b6, (const uint8_t *)"no", 2,
			     false);
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x88b5, (const uint8_t *)"hi", 2,
			     false);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	ck_assert_uint_eq(X.tp->frames[0].len, 10);
	ck_assert_mem_eq(X.tp->frames[0].data, hx_ap_mac, 6);
	ck_assert_mem_eq(X.tp->frames[0].data + 6, "\x88\xb5hi", 4);
	/* the same list given again in PerformPreAssociate: the driver is not asked twice */
	c = sim_drv_last(X.sim, SIM_OP_ETHERTYPE_LISTEN);
	ck_assert_uint_eq(c->n_types, 2);
	n = sim_drv_call_count(X.sim, SIM_OP_ETHERTYPE_LISTEN);
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_ETHERTYPE_LISTEN), n + 1);
	c = sim_drv_last(X.sim, SIM_OP_ETHERTYPE_LISTEN);
	ck_assert_uint_eq(c->ifindex, HX_IFINDEX);
	ck_assert_uint_eq(c->n_types, 0);
	/* after the reset a 0x88B5 frame reaches nobody */
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x88b5, (const uint8_t *)"late", 4,
			     false);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	hx_stop(&X);
}
END_TEST

static int hook_frames;

static void reentrant_hook(void *ctx, struct sim_drv *s, const struct sim_call *c)
{
	static const char *const more[] = { "A", "B", "C", "D" };
	int i;

	(void)ctx;
	(void)c;
	/* the driver reports frames while the plugin is inside ReceivePacket */
	for (i = 0; i < hook_frames; i++)
		sim_drv_inject_eapol(s, HX_IFINDEX, hx_ap_mac, 0x888e, (const uint8_t *)more[i],
				     1, true);
	hook_frames = 0;
}

START_TEST(test_rule_43_receive_serialized_in_order)
{
	hx_open(&X, "tp-good");
	X.tp->frames_to_complete = 99;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	hook_frames = 3;
	sim_drv_tx_hook_set(X.sim, reentrant_hook, NULL);
	hx_eapol(&X, "first", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 4);
	ck_assert_int_eq(X.tp->max_recv_depth, 1);
	ck_assert_int_eq(X.tp->overlap, 0);
	ck_assert_mem_eq(X.tp->frames[1].data + 8, "A", 1);
	ck_assert_mem_eq(X.tp->frames[2].data + 8, "B", 1);
	ck_assert_mem_eq(X.tp->frames[3].data + 8, "C", 1);
	hx_stop(&X);
}
END_TEST

static int data_hook_fired;

/* The driver reports a frame while the plugin is inside PerformPostAssociate. */
static void data_hook_frame_in_post(const char *handler)
{
	if (strcmp(handler, "PerformPostAssociate") || data_hook_fired++)
		return;
	hx_eapol(&X, "early", true);
}

START_TEST(test_rule_43_receive_never_inside_another_handler)
{
	if (hx_isolated())
		return; /* the hook is test code called from the plugin: in-process only */
	hx_open(&X, "tp-good");
	X.tp->frames_to_complete = 99;
	hx_start(&X, "tp-good");
	data_hook_fired = 0;
	X.tp->hook = data_hook_frame_in_post;
	hx_to_port(&X);
	X.tp->hook = NULL;
	ck_assert_int_eq(data_hook_fired, 1);
	ck_assert_int_eq(X.tp->overlap, 0);
	/* delivered once PerformPostAssociate returned */
	ck_assert_int_eq(X.tp->n_frames, 1);
	ck_assert_mem_eq(X.tp->frames[0].data + 8, "early", 5);
	ck_assert_msg(strstr(X.tp->log, "PerformPostAssociate ReceivePacket"), "%s", X.tp->log);
	hx_stop(&X);
}
END_TEST

/* The link drops while the plugin is inside PerformPostAssociate. */
static void data_hook_drop_in_post(const char *handler)
{
	if (strcmp(handler, "PerformPostAssociate") || data_hook_fired++)
		return;
	sim_drv_inject_disconnect(X.sim, HX_IFINDEX, 4, true);
}

START_TEST(test_rule_39_link_loss_inside_handler_waits_for_it)
{
	if (hx_isolated())
		return; /* the hook is test code called from the plugin: in-process only */
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good");
	data_hook_fired = 0;
	X.tp->hook = data_hook_drop_in_post;
	hx_to_port(&X);
	X.tp->hook = NULL;
	ck_assert_int_eq(data_hook_fired, 1);
	/* StopPostAssociate and AdapterReset come after the handler, never inside it */
	ck_assert_int_eq(X.tp->overlap, 0);
	ck_assert_msg(strstr(X.tp->log, "PerformPostAssociate StopPostAssociate AdapterReset"),
		      "%s", X.tp->log);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_uint_eq(X.ended.ieee, 4);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_44_backlog_drops_oldest)
{
	hx_open(&X, "tp-good");
	X.tp->frames_to_complete = 99;
	X.tp->backlog = 2;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	hook_frames = 4;
	sim_drv_tx_hook_set(X.sim, reentrant_hook, NULL);
	hx_eapol(&X, "first", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 3);
	ck_assert_mem_eq(X.tp->frames[1].data + 8, "C", 1);
	ck_assert_mem_eq(X.tp->frames[2].data + 8, "D", 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_45_receive_buffer_is_security_packet_header)
{
	const uint8_t *f;

	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x888e,
			     (const uint8_t *)"\x02\x03\x00\x05hello", 9, true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	f = X.tp->frames[0].data;
	ck_assert_uint_eq(X.tp->frames[0].len, 8 + 9);
	ck_assert_mem_eq(f, hx_ap_mac, 6);
	ck_assert_uint_eq(f[6], 0x88);
	ck_assert_uint_eq(f[7], 0x8e);
	ck_assert_mem_eq(f + 8, "\x02\x03\x00\x05hello", 9);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_46_one_completion_per_accepted_send)
{
	int i;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_int_eq(X.tp->n_send_calls, 2);
	ck_assert_int_eq(X.tp->n_completions, 2);
	for (i = 0; i < 2; i++)
		ck_assert_ptr_nonnull(X.tp->completions[i]);
	ck_assert_ptr_ne(X.tp->completions[0], X.tp->completions[1]);
	ck_assert_int_eq(X.tp->overlap, 0); /* never inside SendPacket/ReceivePacket */
	/* a failed transmit is not accepted: no completion for it */
	sim_drv_fail(X.sim, SIM_OP_EAPOL_TX, EIO, 1);
	hx_eapol(&X, "rekey", false);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_send_calls, 3);
	ck_assert_uint_ne(X.tp->rc_send[2], ERROR_SUCCESS);
	ck_assert_int_eq(X.tp->n_completions, 2);
	hx_stop(&X);

	/* the same hSendCompletion twice while outstanding */
	hx_open(&X, "tp-double-send");
	hx_start(&X, "tp-double-send");
	hx_to_port(&X);
	hx_eapol(&X, "a", true);
	hx_eapol(&X, "b", true); /* its reply reuses the handle before completion */
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_send_calls, 2);
	ck_assert_uint_eq(X.tp->rc_send[0], ERROR_SUCCESS);
	ck_assert_uint_eq(X.tp->rc_send[1], ERROR_INVALID_PARAMETER);
	ck_assert_int_eq(X.tp->n_completions, 1);
	ck_assert(hx_log_has("contract rule 46"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_46_completion_delivered_across_reset)
{
	hx_open(&X, "tp-good");
	X.tp->frames_to_complete = 99;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	/* the reply is sent inside ReceivePacket; the link drops in the same turn */
	hx_eapol(&X, "msg1", true);
	sim_drv_inject_disconnect(X.sim, HX_IFINDEX, 1, true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_send_calls, 1);
	ck_assert_int_eq(X.tp->n_completions, 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_46_completion_delivered_before_deinit_adapter)
{
	hx_open(&X, "tp-good");
	X.tp->frames_to_complete = 99;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	hx_eapol(&X, "msg1", true); /* the reply's completion is queued ... */
	ck_assert_int_eq(X.tp->n_send_calls, 1);
	ck_assert_uint_eq(X.tp->rc_send[0], ERROR_SUCCESS);
	ck_assert_int_eq(X.tp->n_completions, 0);
	ihv_adapter_free(X.a); /* ... when the adapter goes */
	X.a = NULL;
	ck_assert_int_eq(X.tp->n_completions, 1);
	ck_assert_ptr_nonnull(X.tp->completions[0]);
	ck_assert_msg(strstr(X.tp->log, "SendPacketCompletion DeinitAdapter"), "%s", X.tp->log);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_completions, 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_47_group_address_send_rejected)
{
	uint8_t pkt[10] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x88, 0x8e, 1, 2 };

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_uint_eq(API.Dot11ExtSendPacket(X.tp->svc, sizeof(pkt), pkt, pkt),
			  ERROR_INVALID_PARAMETER);
	pkt[0] = 0x01; /* multicast */
	ck_assert_uint_eq(API.Dot11ExtSendPacket(X.tp->svc, sizeof(pkt), pkt, pkt),
			  ERROR_INVALID_PARAMETER);
	ck_assert(hx_log_has("contract rule 47"));
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_EAPOL_TX), 2);
	/* too short for the header */
	ck_assert_uint_eq(API.Dot11ExtSendPacket(X.tp->svc, 7, pkt, pkt), ERROR_INVALID_PARAMETER);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_48_send_from_inside_receive_packet)
{
	const struct sim_call *c;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	c = sim_drv_call(X.sim, SIM_OP_EAPOL_TX, 0);
	ck_assert_ptr_nonnull(c);
	ck_assert_mem_eq(c->dst, hx_ap_mac, 6);
	ck_assert_uint_eq(c->ethertype, 0x888e);
	ck_assert_uint_eq(c->frame_len, 4);
	ck_assert_mem_eq(c->frame, "msg2", 4);
	ck_assert(c->no_encrypt);
	/* msg 4 goes out before the keys are installed: in the clear */
	c = sim_drv_call(X.sim, SIM_OP_EAPOL_TX, 1);
	ck_assert_mem_eq(c->frame, "msg4", 4);
	ck_assert(c->no_encrypt);
	/* once the PTK is in, a rekey reply is encrypted */
	X.tp->frames_to_complete = 99;
	hx_eapol(&X, "rekey", false);
	hx_run(&X, 5);
	c = sim_drv_last(X.sim, SIM_OP_EAPOL_TX);
	ck_assert(!c->no_encrypt);
	hx_stop(&X);
}
END_TEST

static void exemption_setup(uint16_t action)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	X.tp->n_exemptions = 1;
	X.tp->exemptions[0].usEtherType = htons(0x888e);
	X.tp->exemptions[0].usExemptionActionType = action;
	X.tp->exemptions[0].usExemptionPacketType = DOT11_EXEMPT_UNICAST;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
}

START_TEST(test_rule_49_exemption_always)
{
	exemption_setup(DOT11_EXEMPT_ALWAYS);
	hx_eapol(&X, "clear", true);
	hx_eapol(&X, "protected", false);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	ck_assert_mem_eq(X.tp->frames[0].data + 8, "clear", 5);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_49_exemption_on_key_mapping_key_unavailable)
{
	uint8_t buf[64];
	PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE k = (void *)buf;
	ULONG l = 16;

	exemption_setup(DOT11_EXEMPT_ON_KEY_MAPPING_KEY_UNAVAILABLE);
	hx_eapol(&X, "clear1", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	memset(buf, 0, sizeof(buf));
	memcpy(k->PeerMacAddr, hx_ap_mac, 6);
	k->AlgorithmId = DOT11_CIPHER_ALGO_CCMP;
	k->Direction = DOT11_DIR_BOTH;
	k->usKeyLength = 28;
	memcpy(k->ucKey + 8, &l, 4);
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc, k), ERROR_SUCCESS);
	hx_eapol(&X, "clear2", true);     /* a pairwise key exists now: dropped */
	hx_eapol(&X, "protected", false); /* accepted */
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 2);
	ck_assert_mem_eq(X.tp->frames[1].data + 8, "protected", 9);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_50_exclude_unencrypted)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	ck_assert_uint_eq(API.Dot11ExtSetExcludeUnencrypted(X.tp->svc, TRUE), ERROR_SUCCESS);
	hx_eapol(&X, "clear", true);
	hx_eapol(&X, "protected", false);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	ck_assert_mem_eq(X.tp->frames[0].data + 8, "protected", 9);
	hx_stop(&X);
}
END_TEST

/* ---- keys / algorithms --------------------------------------------------------------- */

static PDOT11_CIPHER_DEFAULT_KEY_VALUE group_key(uint8_t *buf, uint32_t idx, uint32_t algo)
{
	PDOT11_CIPHER_DEFAULT_KEY_VALUE k = (void *)buf;
	ULONG l = 16;

	memset(buf, 0, 64);
	k->uKeyIndex = idx;
	k->AlgorithmId = algo;
	k->usKeyLength = 28;
	memcpy(k->ucKey + 8, &l, 4);
	memset(k->ucKey + 12, 0x44, 16);
	return k;
}

START_TEST(test_rule_51_outbound_default_key_rejected)
{
	uint8_t buf[64];

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc,
						    group_key(buf, 2, DOT11_CIPHER_ALGO_CCMP),
						    DOT11_DIR_OUTBOUND),
			  ERROR_INVALID_PARAMETER);
	ck_assert(hx_log_has("contract rule 51"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_52_default_key_group_station_delete)
{
	const struct sim_call *c;
	uint8_t buf[64];
	PDOT11_CIPHER_DEFAULT_KEY_VALUE k;

	hx_open(&X, "tp-good");
	X.tp->install_igtk = 1;
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	/* the plugin's GTK: zero MAC, index 1, RSC passed through */
	c = sim_drv_call(X.sim, SIM_OP_KEY_NEW, 1);
	ck_assert_int_eq(c->key_type, DRV_KEY_GROUP);
	ck_assert_uint_eq(c->idx, 1);
	ck_assert_uint_eq(c->cipher, 0x000fac04);
	ck_assert_uint_eq(c->key_len, 16);
	ck_assert_uint_eq(c->seq[0], 0x07);
	ck_assert(!c->has_addr);
	ck_assert(!c->set_default); /* DOT11_DIR_INBOUND: receive only */
	/* BIP index 4 is the IGTK, IPN as its sequence */
	c = sim_drv_call(X.sim, SIM_OP_KEY_NEW, 2);
	ck_assert_int_eq(c->key_type, DRV_KEY_IGTK);
	ck_assert_uint_eq(c->idx, 4);
	ck_assert_uint_eq(c->cipher, 0x000fac06);
	ck_assert_uint_eq(c->seq[0], 0x09);
	/* a unicast MAC: per-station default key (IBSS), not here */
	k = group_key(buf, 1, DOT11_CIPHER_ALGO_CCMP);
	memcpy(k->MacAddr, hx_ap_mac, 6);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc, k, DOT11_DIR_INBOUND),
			  ERROR_NOT_SUPPORTED);
	/* delete */
	k = group_key(buf, 1, DOT11_CIPHER_ALGO_CCMP);
	k->bDelete = TRUE;
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc, k, DOT11_DIR_INBOUND),
			  ERROR_SUCCESS);
	c = sim_drv_last(X.sim, SIM_OP_KEY_DEL);
	ck_assert_int_eq(c->key_type, DRV_KEY_GROUP);
	ck_assert_uint_eq(c->idx, 1);
	/* index 4 for a non-BIP cipher is refused */
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc,
						    group_key(buf, 4, DOT11_CIPHER_ALGO_CCMP),
						    DOT11_DIR_INBOUND),
			  ERROR_INVALID_PARAMETER);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_52_static_default_key_during_pre_association)
{
	const struct sim_call *c;
	PDOT11_CIPHER_DEFAULT_KEY_VALUE k;
	uint8_t buf[64];

	hx_open(&X, "tp-good");
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	/* no pre-association yet: refused */
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc,
						    group_key(buf, 1, DOT11_CIPHER_ALGO_CCMP),
						    DOT11_DIR_INBOUND),
			  ERROR_INVALID_STATE);
	hx_connect(&X);
	hx_run(&X, 5);
	/* during the pre-association: a static group key and its id are taken */
	k = group_key(buf, 1, DOT11_CIPHER_ALGO_CCMP);
	k->bStatic = TRUE;
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc, k, DOT11_DIR_BOTH), ERROR_SUCCESS);
	c = sim_drv_last(X.sim, SIM_OP_KEY_NEW);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->key_type, DRV_KEY_GROUP);
	ck_assert_uint_eq(c->idx, 1);
	ck_assert(c->set_default); /* DOT11_DIR_BOTH: also the transmit key */
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKeyId(X.tp->svc, 1), ERROR_SUCCESS);
	ck_assert_uint_eq(sim_drv_last(X.sim, SIM_OP_KEY_DEFAULT_SET)->idx, 1);
	/* a pairwise key still needs the port */
	{
		DOT11_CIPHER_KEY_MAPPING_KEY_VALUE *mk = (void *)buf;
		uint32_t l = 16;

		memset(buf, 0, sizeof(buf));
		memcpy(mk->PeerMacAddr, hx_ap_mac, 6);
		mk->AlgorithmId = DOT11_CIPHER_ALGO_CCMP;
		mk->Direction = DOT11_DIR_BOTH;
		mk->usKeyLength = 28;
		memcpy(mk->ucKey + 8, &l, 4);
		ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc, mk),
				  ERROR_INVALID_STATE);
	}
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_KEY_NEW), 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_53_dynamic_keys_dropped_on_disconnect)
{
	const struct sim_call *c;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	sim_drv_inject_disconnect(X.sim, HX_IFINDEX, 1, true);
	hx_run(&X, 5);
	/* reconnect: the first reply must go out in the clear again */
	X.tp->frames_to_complete = 99;
	hx_to_port(&X);
	hx_eapol(&X, "msg1", true);
	hx_run(&X, 5);
	c = sim_drv_last(X.sim, SIM_OP_EAPOL_TX);
	ck_assert_mem_eq(c->frame, "msg2", 4);
	ck_assert(c->no_encrypt);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_53_no_key_survives_adapter_reset)
{
	const struct sim_call *c;

	hx_open(&X, "tp-good");
	X.tp->static_keys = 1;
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	/* static keys stay until reset: AdapterReset drops them too */
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	X.tp->frames_to_complete = 99;
	hx_to_port(&X);
	hx_eapol(&X, "msg1", true);
	hx_run(&X, 5);
	c = sim_drv_last(X.sim, SIM_OP_EAPOL_TX);
	ck_assert_mem_eq(c->frame, "msg2", 4);
	ck_assert(c->no_encrypt);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_54_unsupported_algorithms_rejected)
{
	struct drv_capa capa;
	struct drv *d;

	hx_open(&X, "tp-good");
	d = sim_drv_base(X.sim);
	d->ops->capa_get(d, HX_IFINDEX, &capa);
	capa.n_ciphers = 2; /* WEP40, WEP104 only */
	capa.akms[0] = 0x000fac08; /* SAE only */
	capa.n_akms = 1;
	sim_drv_capa_set(X.sim, HX_IFINDEX, &capa);
	hx_start(&X, "tp-good");
	ck_assert_uint_eq(API.Dot11ExtSetUnicastCipherAlgorithm(X.tp->svc, DOT11_CIPHER_ALGO_CCMP),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(API.Dot11ExtSetMulticastCipherAlgorithm(X.tp->svc,
								  DOT11_CIPHER_ALGO_GCMP_256),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(API.Dot11ExtSetAuthAlgorithm(X.tp->svc, DOT11_AUTH_ALGO_RSNA_PSK),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(API.Dot11ExtSetAuthAlgorithm(X.tp->svc, DOT11_AUTH_ALGO_WPA3_SAE),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(API.Dot11ExtSetAuthAlgorithm(X.tp->svc, DOT11_AUTH_ALGO_IHV_START),
			  ERROR_NOT_SUPPORTED);
	ck_assert(hx_log_has("contract rule 54"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_54_key_with_unsupported_cipher_rejected)
{
	DOT11_CIPHER_KEY_MAPPING_KEY_VALUE *mk;
	PDOT11_CIPHER_DEFAULT_KEY_VALUE dk;
	struct drv_capa capa;
	uint8_t buf[128];
	uint32_t l = 32;
	struct drv *d;

	hx_open(&X, "tp-good");
	d = sim_drv_base(X.sim);
	d->ops->capa_get(d, HX_IFINDEX, &capa);
	capa.n_ciphers = 6; /* WEP40, WEP104, TKIP, CCMP, BIP-CMAC-128, GCMP: no 256-bit */
	sim_drv_capa_set(X.sim, HX_IFINDEX, &capa);
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	memset(buf, 0, sizeof(buf));
	mk = (void *)buf;
	memcpy(mk->PeerMacAddr, hx_ap_mac, 6);
	mk->AlgorithmId = DOT11_CIPHER_ALGO_CCMP_256;
	mk->Direction = DOT11_DIR_BOTH;
	mk->usKeyLength = 12 + 32;
	memcpy(mk->ucKey + 8, &l, 4);
	memset(mk->ucKey + 12, 0x55, 32);
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc, mk), ERROR_NOT_SUPPORTED);
	memset(buf, 0, sizeof(buf));
	dk = (void *)buf;
	dk->uKeyIndex = 1;
	dk->AlgorithmId = DOT11_CIPHER_ALGO_GCMP_256;
	dk->usKeyLength = 12 + 32;
	memcpy(dk->ucKey + 8, &l, 4);
	memset(dk->ucKey + 12, 0x66, 32);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc, dk, DOT11_DIR_INBOUND),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_KEY_NEW), 0);
	ck_assert(hx_log_has("contract rule 54"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_55_default_key_id_range)
{
	const struct sim_call *c;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKeyId(X.tp->svc, 4), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKeyId(X.tp->svc, 2), ERROR_SUCCESS);
	c = sim_drv_last(X.sim, SIM_OP_KEY_DEFAULT_SET);
	ck_assert_uint_eq(c->idx, 2);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_56_nic_specific_extension)
{
	uint8_t out[8];
	DWORD n = sizeof(out);

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	ck_assert_uint_eq(API.Dot11ExtNicSpecificExtension(X.tp->svc, 2, "hi", &n, out),
			  ERROR_NOT_SUPPORTED);
	sim_drv_vendor_reply_set(X.sim, (const uint8_t *)"pong", 4);
	n = sizeof(out);
	ck_assert_uint_eq(API.Dot11ExtNicSpecificExtension(X.tp->svc, 2, "hi", &n, out),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(n, 4);
	ck_assert_mem_eq(out, "pong", 4);
	ck_assert_mem_eq(sim_drv_last(X.sim, SIM_OP_VENDOR_CMD)->frame, "hi", 2);
	hx_stop(&X);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("contract conformance, data (rules 42-56)");

	CONFORMANCE_TEST(s, test_rule_42_only_registered_ethertypes_delivered);
	CONFORMANCE_TEST(s, test_rule_42_registered_ethertypes_reach_the_driver);
	CONFORMANCE_TEST(s, test_rule_43_receive_serialized_in_order);
	CONFORMANCE_TEST(s, test_rule_43_receive_never_inside_another_handler);
	CONFORMANCE_TEST(s, test_rule_39_link_loss_inside_handler_waits_for_it);
	CONFORMANCE_TEST(s, test_rule_44_backlog_drops_oldest);
	CONFORMANCE_TEST(s, test_rule_45_receive_buffer_is_security_packet_header);
	CONFORMANCE_TEST(s, test_rule_46_one_completion_per_accepted_send);
	CONFORMANCE_TEST(s, test_rule_46_completion_delivered_across_reset);
	CONFORMANCE_TEST(s, test_rule_46_completion_delivered_before_deinit_adapter);
	CONFORMANCE_TEST(s, test_rule_47_group_address_send_rejected);
	CONFORMANCE_TEST(s, test_rule_48_send_from_inside_receive_packet);
	CONFORMANCE_TEST(s, test_rule_49_exemption_always);
	CONFORMANCE_TEST(s, test_rule_49_exemption_on_key_mapping_key_unavailable);
	CONFORMANCE_TEST(s, test_rule_50_exclude_unencrypted);
	CONFORMANCE_TEST(s, test_rule_51_outbound_default_key_rejected);
	CONFORMANCE_TEST(s, test_rule_52_default_key_group_station_delete);
	CONFORMANCE_TEST(s, test_rule_52_static_default_key_during_pre_association);
	CONFORMANCE_TEST(s, test_rule_53_dynamic_keys_dropped_on_disconnect);
	CONFORMANCE_TEST(s, test_rule_53_no_key_survives_adapter_reset);
	CONFORMANCE_TEST(s, test_rule_54_unsupported_algorithms_rejected);
	CONFORMANCE_TEST(s, test_rule_54_key_with_unsupported_cipher_rejected);
	CONFORMANCE_TEST(s, test_rule_55_default_key_id_range);
	CONFORMANCE_TEST(s, test_rule_56_nic_specific_extension);
	return conformance_run(s);
}
