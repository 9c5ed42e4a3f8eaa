/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A small in-process EAP server for the end-to-end tests (header-only, test code only): an
 * OpenSSL server over memory BIOs speaking EAP-TLS, PEAPv0/EAP-MSCHAPv2 and EAP-TTLS
 * (PAP, MSCHAPv2) with its own fragmentation. It checks inner credentials with the MS-CHAPv2
 * primitives (vector-tested in test-mschapv2) and derives the MSK on its side independently
 * of the peer's code.
 */
#ifndef EAP_TEST_SERVER_H
#define EAP_TEST_SERVER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>

#include "eap/eap-peap-binding.h"
#include "eap/mschapv2.h"

#define TS_MAX 65536

enum ts_stage {
	TS_IDENTITY, TS_NAK, TS_TLS, TS_P2_ID, TS_P2_CHAL, TS_P2_MSRESULT, TS_P2_TLV, TS_TTLS_WAIT,
	TS_TTLS_ACK, TS_TLS_FINAL, TS_DONE,
};

struct test_server {
	uint8_t type;              /* 13, 21, 25 */
	/* set after ts_begin: a type proposed first, as hostapd's user list does; the peer's
	 * Nak must name type, which then starts (its types are kept in nak) */
	uint8_t offer_first;
	uint8_t nak[8];
	size_t nak_len;
	SSL_CTX *ctx;
	SSL *ssl;
	BIO *rbio, *wbio;
	enum ts_stage stage;
	uint8_t id;
	size_t frag;               /* TLS data per fragment we send */
	const char *user, *password; /* the inner account */
	/* outgoing TLS message and incoming reassembly */
	uint8_t out[TS_MAX], in[TS_MAX];
	size_t out_len, out_pos, in_len;
	bool hs_done, commit_sent, inner_ok;
	bool binding, bad_binding_mac, bound; /* PEAP: send a Crypto-Binding TLV (tamper it) */
	uint8_t binding_recv_version;         /* its RecvVersion (0: PEAPv0, as received) */
	uint8_t isk[32], nt[24];
	struct eap_peap_binding keys;
	uint8_t auth_chal[16], ms_id;
	char auth_resp[MSCHAPV2_AUTH_RESP_LEN + 1];
	char identity[256];
	/* the PDU to send */
	uint8_t tx[TS_MAX + 64];
	size_t tx_len;
	/* outcome */
	bool done, success, resumed;
	int tls_version;
	uint8_t msk[64], emsk[64];
};

static inline SSL_CTX *ts_ctx_new(const char *cert, const char *key, const char *client_ca,
				  int max_version)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	SSL_CTX_set_max_proto_version(ctx, max_version);
	if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1)
		abort();
	if (client_ca) {
		SSL_CTX_load_verify_locations(ctx, client_ca, NULL);
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
	}
	SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"eaptest", 7);
	return ctx;
}

/* Build an EAPOL-wrapped EAP packet into s->tx. */
static inline void ts_pdu(struct test_server *s, uint8_t code, int type, const uint8_t *d, size_t n)
{
	size_t l = 4 + (type >= 0) + n;

	s->tx[0] = 2;
	s->tx[1] = 0;
	s->tx[2] = (uint8_t)(l >> 8);
	s->tx[3] = (uint8_t)l;
	s->tx[4] = code;
	s->tx[5] = s->id;
	s->tx[6] = (uint8_t)(l >> 8);
	s->tx[7] = (uint8_t)l;
	if (type >= 0)
		s->tx[8] = (uint8_t)type;
	if (n)
		memcpy(s->tx + 8 + (type >= 0), d, n);
	s->tx_len = 4 + l;
}

static inline void ts_finish(struct test_server *s, bool ok)
{
	s->done = true;
	s->success = ok;
	s->stage = TS_DONE;
	ts_pdu(s, ok ? 3 : 4, -1, NULL, 0);
	if (ok) {
		uint8_t km[128];
		static const char l13[] = "EXPORTER_EAP_TLS_Key_Material";
		const char *l12 = s->type == 21 ? "ttls keying material" : "client EAP encryption";
		int r;

		SSL_set_shutdown(s->ssl, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
		s->tls_version = SSL_version(s->ssl);
		s->resumed = SSL_session_reused(s->ssl);
		if (s->tls_version == TLS1_3_VERSION)
			r = SSL_export_keying_material(s->ssl, km, 128, l13, strlen(l13), &s->type, 1, 1);
		else
			r = SSL_export_keying_material(s->ssl, km, 128, l12, strlen(l12), NULL, 0, 0);
		if (r != 1)
			abort();
		memcpy(s->msk, km, 64);
		memcpy(s->emsk, km + 64, 64);
		if (s->bound) {
			eap_peap_binding_msk(s->keys.ipmk, s->msk);
			memset(s->emsk, 0, 64); /* [MS-PEAP] defines none */
		}
	}
}

/* Next TLS fragment request (L on the first of several, M while more). */
static inline void ts_send_frag(struct test_server *s)
{
	uint8_t body[TS_MAX + 8];
	size_t left = s->out_len - s->out_pos, chunk = left > s->frag ? s->frag : left, n = 0;
	uint8_t flags = 0;

	if (chunk < left)
		flags |= 0x40;
	if (s->out_pos == 0 && chunk < left)
		flags |= 0x80;
	body[n++] = flags;
	if (flags & 0x80) {
		body[n++] = (uint8_t)(s->out_len >> 24);
		body[n++] = (uint8_t)(s->out_len >> 16);
		body[n++] = (uint8_t)(s->out_len >> 8);
		body[n++] = (uint8_t)s->out_len;
	}
	memcpy(body + n, s->out + s->out_pos, chunk);
	s->out_pos += chunk;
	s->id++;
	ts_pdu(s, 1, s->type, body, n + chunk);
}

/* Drain TLS output and send it (or an empty request if nothing). */
static inline void ts_flush(struct test_server *s)
{
	int n = BIO_read(s->wbio, s->out, sizeof(s->out));

	s->out_len = n > 0 ? (size_t)n : 0;
	s->out_pos = 0;
	ts_send_frag(s);
}

static inline void ts_write(struct test_server *s, const uint8_t *p, size_t n)
{
	if (SSL_write(s->ssl, p, (int)n) != (int)n)
		abort();
	ts_flush(s);
}

static inline void ts_begin(struct test_server *s, uint8_t type, SSL_CTX *ctx)
{
	memset(s, 0, sizeof(*s));
	s->type = type;
	s->ctx = ctx;
	s->frag = 300;
	s->id = 10;
	s->stage = TS_IDENTITY;
	ts_pdu(s, 1, 1, NULL, 0);
}

static inline void ts_end(struct test_server *s)
{
	SSL_free(s->ssl);
	s->ssl = NULL;
}

/* PEAP/MSCHAPv2 phase 2 on decrypted data (hostapd's PEAPv0 sequence). */
static inline void ts_peap_phase2(struct test_server *s, const uint8_t *d, size_t n)
{
	uint8_t buf[256];
	char msg[160];

	switch (s->stage) {
	case TS_P2_ID:
		if (n < 2 || d[0] != 1)
			return ts_finish(s, false);
		buf[0] = 26;
		buf[1] = 1;
		buf[2] = ++s->ms_id;
		buf[3] = 0;
		buf[4] = 4 + 1 + 16 + 3;
		buf[5] = 16;
		RAND_bytes(s->auth_chal, 16);
		memcpy(buf + 6, s->auth_chal, 16);
		memcpy(buf + 22, "srv", 3);
		s->stage = TS_P2_CHAL;
		return ts_write(s, buf, 25);
	case TS_P2_CHAL: {
		uint8_t hash[16], nt[24];
		size_t l;

		/* [26] op=2 id len(2) vsize=49 peer_chal(16) zero(8) nt(24) flags name */
		if (n < 1 + 4 + 1 + 49 || d[0] != 26 || d[1] != 2 || d[2] != s->ms_id || d[5] != 49)
			return ts_finish(s, false);
		if (mschapv2_nt_password_hash(s->password, hash) ||
		    mschapv2_generate_nt_response(s->auth_chal, d + 6, s->user, hash, nt))
			abort();
		s->inner_ok = memcmp(nt, d + 30, 24) == 0 && n - 55 == strlen(s->user) &&
			      memcmp(d + 55, s->user, n - 55) == 0;
		if (s->inner_ok) {
			uint8_t hh[16], mk[16];

			/* ISK: the client's send | receive keys (RFC 3079) */
			mschapv2_hash_nt_password_hash(hash, hh);
			mschapv2_master_key(hh, nt, mk);
			mschapv2_asymmetric_start_key(mk, 0, 1, s->isk);
			mschapv2_asymmetric_start_key(mk, 1, 1, s->isk + 16);
		}
		if (s->inner_ok) {
			mschapv2_authenticator_response(hash, nt, d + 6, s->auth_chal, s->user, s->auth_resp);
			snprintf(msg, sizeof(msg), "%s M=welcome", s->auth_resp);
		} else {
			snprintf(msg, sizeof(msg), "E=691 R=0 C=00112233445566778899aabbccddeeff V=3 M=nope");
		}
		l = strlen(msg);
		buf[0] = 26;
		buf[1] = s->inner_ok ? 3 : 4;
		buf[2] = s->ms_id;
		buf[3] = (uint8_t)((4 + l) >> 8);
		buf[4] = (uint8_t)(4 + l);
		memcpy(buf + 5, msg, l);
		s->stage = TS_P2_MSRESULT;
		return ts_write(s, buf, 5 + l);
	}
	case TS_P2_MSRESULT: {
		/* peer acknowledges with a lone OpCode; then the Result TLV with a full header,
		 * and a Crypto-Binding TLV (Request) if asked */
		uint8_t tlv[11 + 60] = { 1, 0, 0, 11, 33, 0x80, 0x03, 0, 2, 0, 0 };
		size_t tl = 11;

		if (n != 2 || d[0] != 26 || d[1] != (s->inner_ok ? 3 : 4))
			return ts_finish(s, false);
		tlv[1] = s->id + 1;
		tlv[10] = s->inner_ok ? 1 : 2;
		if (s->binding && s->inner_ok) {
			uint8_t tk[60], *b = tlv + 11;

			SSL_export_keying_material(s->ssl, tk, 60, "client EAP encryption", 21, NULL, 0, 0);
			eap_peap_binding_keys(tk, s->isk, &s->keys);
			memset(b, 0, 60);
			b[1] = 12;
			b[3] = 56;
			b[6] = s->binding_recv_version;
			RAND_bytes(b + 8, 32);
			eap_peap_binding_mac(s->keys.cmk, b, b + 40);
			if (s->bad_binding_mac)
				b[59] ^= 1;
			tl += 60;
			tlv[3] = (uint8_t)tl;
		}
		s->stage = TS_P2_TLV;
		memcpy(s->auth_chal, tlv + 11 + 8, 16); /* keep part of the nonce to check the echo */
		return ts_write(s, tlv, tl);
	}
	case TS_P2_TLV:
		/* full header Response, type 33, Result TLV echoed (+ Crypto-Binding Response) */
		if (n < 11 || d[0] != 2 || d[4] != 33 || d[5] != 0x80 || d[6] != 3)
			return ts_finish(s, false);
		if (s->binding && s->inner_ok && n == 11) {
			/* no Crypto-Binding answer: hostapd's OPTIONAL_BINDING takes it, with the
			 * plain MSK */
			s->binding = false;
		} else if (s->binding && s->inner_ok) {
			uint8_t mac[20];

			if (n != 71 || d[12] != 12 || d[14] != 56 || d[18] != 1 ||
			    memcmp(d + 19, s->auth_chal, 16))
				return ts_finish(s, false);
			eap_peap_binding_mac(s->keys.cmk, d + 11, mac);
			if (memcmp(mac, d + 51, 20))
				return ts_finish(s, false);
			s->bound = true;
		} else if (n != 11) {
			return ts_finish(s, false);
		}
		return ts_finish(s, s->inner_ok && d[10] == 1);
	case TS_IDENTITY:
	case TS_NAK:
	case TS_TLS:
	case TS_TTLS_WAIT:
	case TS_TTLS_ACK:
	case TS_TLS_FINAL:
	case TS_DONE:
		return ts_finish(s, false);
	}
}

/* TTLS phase 2: the AVPs the peer sent. */
static inline void ts_ttls_phase2(struct test_server *s, const uint8_t *d, size_t n)
{
	const uint8_t *user = NULL, *pw = NULL, *chal = NULL, *resp = NULL;
	size_t ul = 0, pl = 0;

	while (n >= 8) {
		uint32_t code = ((uint32_t)d[0] << 24) | ((uint32_t)d[1] << 16) | (d[2] << 8) | d[3];
		size_t len = ((size_t)d[5] << 16) | (d[6] << 8) | d[7], hdr = (d[4] & 0x80) ? 12 : 8;
		size_t padded = (len + 3) & ~(size_t)3;

		if (len < hdr || len > n)
			return ts_finish(s, false);
		if (code == 1 && hdr == 8) {
			user = d + 8;
			ul = len - 8;
		} else if (code == 2 && hdr == 8) {
			pw = d + 8;
			pl = len - 8;
		} else if (code == 11 && hdr == 12 && len - 12 == 16) {
			chal = d + 12;
		} else if (code == 25 && hdr == 12 && len - 12 == 50) {
			resp = d + 12;
		}
		if (padded > n)
			padded = n;
		d += padded;
		n -= padded;
	}
	if (!user || ul != strlen(s->user) || memcmp(user, s->user, ul))
		return ts_finish(s, false);
	if (pw) {
		/* RFC 5281 11.2.5: padded with NULs to a multiple of 16 */
		while (pl && pw[pl - 1] == 0)
			pl--;
		return ts_finish(s, pl == strlen(s->password) && memcmp(pw, s->password, pl) == 0);
	}
	if (chal && resp) {
		uint8_t ic[17], hash[16], nt[24], avp[64];
		size_t l;

		SSL_export_keying_material(s->ssl, ic, 17, "ttls challenge", 14, NULL, 0, 0);
		if (memcmp(ic, chal, 16) || resp[0] != ic[16])
			return ts_finish(s, false);
		mschapv2_nt_password_hash(s->password, hash);
		mschapv2_generate_nt_response(ic, resp + 2, s->user, hash, nt);
		if (memcmp(nt, resp + 26, 24))
			return ts_finish(s, false); /* hostapd: EAP-Failure */
		mschapv2_authenticator_response(hash, nt, resp + 2, ic, s->user, s->auth_resp);
		/* MS-CHAP2-Success (311, 26): Ident + "S=..." */
		l = 12 + 1 + 42;
		memset(avp, 0, sizeof(avp));
		avp[3] = 26;
		avp[4] = 0xc0;
		avp[7] = (uint8_t)l;
		avp[10] = 311 >> 8;
		avp[11] = 311 & 0xff;
		avp[12] = ic[16];
		memcpy(avp + 13, s->auth_resp, 42);
		s->stage = TS_TTLS_ACK;
		return ts_write(s, avp, (l + 3) & ~(size_t)3);
	}
	ts_finish(s, false);
}

/* After a complete TLS message from the peer (or an ack once our output is out). */
static inline void ts_tls_step(struct test_server *s, bool got_data)
{
	uint8_t app[4096];
	int n;

	(void)got_data;
	if (!s->hs_done) {
		int r = SSL_do_handshake(s->ssl);

		if (r != 1 && SSL_get_error(s->ssl, r) != SSL_ERROR_WANT_READ) {
			ERR_clear_error();
			return ts_finish(s, false);
		}
		if (r != 1)
			return ts_flush(s);
		s->hs_done = true;
		if (s->type == 13 && SSL_version(s->ssl) == TLS1_3_VERSION) {
			/* RFC 9190 2.5 commitment message after the server's last flight */
			uint8_t z = 0;

			SSL_write(s->ssl, &z, 1);
			s->commit_sent = true;
			return ts_flush(s);
		}
	}
	n = SSL_read(s->ssl, app, sizeof(app));
	if (n <= 0) {
		if (SSL_get_error(s->ssl, n) != SSL_ERROR_WANT_READ)
			return ts_finish(s, false);
		n = 0;
	}
	if (n == 0 && BIO_ctrl_pending(s->wbio))
		return ts_flush(s); /* our Finished (1.2) or tickets (1.3) */
	switch (s->type) {
	case 13:
		return ts_finish(s, n == 0);
	case 25:
		if (s->stage == TS_TLS) {
			if (n)
				return ts_finish(s, false);
			if (SSL_session_reused(s->ssl)) {
				/* fast reauthentication: skip phase 2, straight to the Result TLV */
				uint8_t tlv[11] = { 1, 0, 0, 11, 33, 0x80, 0x03, 0, 2, 0, 1 };

				s->inner_ok = true;
				tlv[1] = s->id + 1;
				s->stage = TS_P2_TLV;
				return ts_write(s, tlv, sizeof(tlv));
			}
			uint8_t idreq = 1;

			s->stage = TS_P2_ID;
			return ts_write(s, &idreq, 1);
		}
		if (!n)
			return ts_finish(s, false);
		return ts_peap_phase2(s, app, (size_t)n);
	case 21:
		if (s->stage == TS_TTLS_ACK)
			return ts_finish(s, n == 0);
		if (!n && SSL_session_reused(s->ssl))
			return ts_finish(s, true);
		if (!n)
			return ts_flush(s);
		return ts_ttls_phase2(s, app, (size_t)n);
	default:
		return ts_finish(s, false);
	}
}

/* The method's first request (TLS start), its TLS server readied. */
static inline bool ts_start_method(struct test_server *s)
{
	uint8_t start = s->type == 25 ? 0x20 | 1 : 0x20; /* PEAP offers version 1 */

	s->ssl = SSL_new(s->ctx);
	s->rbio = BIO_new(BIO_s_mem());
	s->wbio = BIO_new(BIO_s_mem());
	SSL_set_bio(s->ssl, s->rbio, s->wbio);
	SSL_set_accept_state(s->ssl);
	s->stage = TS_TLS;
	s->id++;
	ts_pdu(s, 1, s->type, &start, 1);
	return true;
}

/* One PDU from the peer. Returns false if it was not what the server expected. */
static inline bool ts_rx(struct test_server *s, const uint8_t *p, size_t len)
{
	const uint8_t *d;
	size_t n;
	uint8_t flags;

	if (len < 4)
		return false;
	if (p[1] != 0)
		return p[1] == 1; /* EAPOL-Start: ignored (we already sent Identity) */
	if (len < 9 || p[4] != 2 || p[5] != s->id)
		return false;
	d = p + 9;
	n = len - 9;
	if (s->stage == TS_IDENTITY) {
		if (p[8] != 1 || n >= sizeof(s->identity))
			return false;
		memcpy(s->identity, d, n);
		s->identity[n] = 0;
		if (s->offer_first) {
			uint8_t start = s->offer_first == 25 ? 0x20 | 1 : 0x20;

			s->stage = TS_NAK;
			s->id++;
			ts_pdu(s, 1, s->offer_first, &start, 1);
			return true;
		}
		return ts_start_method(s);
	}
	if (s->stage == TS_NAK) {
		if (p[8] != 3 || !n || n > sizeof(s->nak))
			return false;
		memcpy(s->nak, d, n);
		s->nak_len = n;
		if (!memchr(d, s->type, n)) {
			ts_finish(s, false); /* no common method */
			return true;
		}
		return ts_start_method(s);
	}
	if (p[8] != s->type || n < 1)
		return false;
	flags = d[0];
	if (s->type == 25 && (flags & 7) != 0)
		return false; /* the peer must negotiate PEAPv0 */
	d++;
	n--;
	if (flags & 0x80) {
		if (n < 4)
			return false;
		d += 4;
		n -= 4;
	}
	if (s->out_pos < s->out_len) {
		if (n)
			return false; /* must be an ack */
		ts_send_frag(s);
		return true;
	}
	if (n + s->in_len > sizeof(s->in))
		return false;
	memcpy(s->in + s->in_len, d, n);
	s->in_len += n;
	if (flags & 0x40) {
		uint8_t ack = 0;

		s->id++;
		ts_pdu(s, 1, s->type, &ack, 1);
		return true;
	}
	if (s->in_len)
		BIO_write(s->rbio, s->in, (int)s->in_len);
	ts_tls_step(s, s->in_len > 0);
	s->in_len = 0;
	return true;
}

#endif
