// SPDX-License-Identifier: BSD-3-Clause
/* EAP-TLS fragment reassembly and emission (RFC 5216 2.1.5). */
#include <check.h>
#include <string.h>

#include "eap/eap-tls-frag.h"
#include "check-main.h"

static struct eap_tls_hdr hdr(uint8_t flags, uint32_t tls_len, const uint8_t *d, size_t n)
{
	struct eap_tls_hdr h = { flags, (flags & EAP_TLS_FLAG_LENGTH) != 0, tls_len, d, n };

	return h;
}

START_TEST(test_hdr_parse)
{
	static const uint8_t a[] = { 0xc0, 0, 0, 1, 0, 0xaa, 0xbb };
	static const uint8_t b[] = { 0x80, 0, 0 };
	struct eap_tls_hdr h;
	const char *err = NULL;

	ck_assert_int_eq(eap_tls_hdr_parse(a, sizeof(a), &h, &err), 0);
	ck_assert(h.has_len);
	ck_assert_uint_eq(h.tls_len, 256);
	ck_assert_uint_eq(h.data_len, 2);
	ck_assert_int_eq(eap_tls_hdr_parse(b, sizeof(b), &h, &err), -1);
	ck_assert_str_eq(err, "EAP-TLS L flag set but TLS Message Length truncated");
	ck_assert_int_eq(eap_tls_hdr_parse(a, 0, &h, &err), -1);
}
END_TEST

START_TEST(test_reassemble_in_order)
{
	uint8_t msg[1000];
	struct eap_tls_reasm r;
	struct eap_tls_hdr h;
	const char *err = NULL;

	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 7);
	eap_tls_reasm_init(&r);
	h = hdr(0xc0, 1000, msg, 400);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_MORE);
	h = hdr(0x40, 0, msg + 400, 400);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_MORE);
	/* L repeated on a later fragment with the same total is tolerated */
	h = hdr(0x80, 1000, msg + 800, 200);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_DONE);
	ck_assert_uint_eq(r.buf.len, 1000);
	ck_assert_mem_eq(r.buf.data, msg, 1000);
	/* the next message starts afresh */
	h = hdr(0x00, 0, msg, 10);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_DONE);
	ck_assert_uint_eq(r.buf.len, 10);
	eap_tls_reasm_free(&r);
}
END_TEST

START_TEST(test_reassemble_errors)
{
	uint8_t d[100] = { 0 };
	struct eap_tls_reasm r;
	struct eap_tls_hdr h;
	const char *err = NULL;

	eap_tls_reasm_init(&r);
	/* oversized declaration */
	h = hdr(0xc0, EAP_TLS_MSG_MAX + 1, d, 10);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_ERROR);
	ck_assert_str_eq(err, "TLS Message Length exceeds 64 KiB");
	/* out of order: a fragment of another message (different total) */
	h = hdr(0xc0, 150, d, 100);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_MORE);
	h = hdr(0xc0, 300, d, 50);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_ERROR);
	ck_assert_str_eq(err, "fragment declares a different TLS Message Length (out of order)");
	/* more data than declared */
	h = hdr(0xc0, 150, d, 100);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_MORE);
	h = hdr(0x00, 0, d, 51);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_ERROR);
	ck_assert_str_eq(err, "fragments exceed the declared TLS Message Length");
	/* truncated: the last fragment ends short */
	h = hdr(0xc0, 150, d, 100);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_MORE);
	h = hdr(0x00, 0, d, 49);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_ERROR);
	ck_assert_str_eq(err, "last fragment ends short of the declared TLS Message Length");
	/* an empty fragment claiming more would loop forever */
	h = hdr(0x40, 0, d, 0);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_ERROR);
	eap_tls_reasm_free(&r);
}
END_TEST

/* Without L, fragments are still bounded at 64 KiB in total. */
START_TEST(test_reassemble_unbounded_without_length)
{
	static uint8_t d[4096];
	struct eap_tls_reasm r;
	struct eap_tls_hdr h;
	const char *err = NULL;
	int i;

	eap_tls_reasm_init(&r);
	for (i = 0; i < 16; i++) {
		h = hdr(0x40, 0, d, sizeof(d));
		ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_MORE);
	}
	ck_assert_uint_eq(r.buf.len, EAP_TLS_MSG_MAX);
	h = hdr(0x40, 0, d, 1);
	ck_assert_int_eq(eap_tls_reasm_add(&r, &h, &err), EAP_TLS_REASM_ERROR);
	ck_assert_str_eq(err, "reassembled TLS message exceeds 64 KiB");
	ck_assert_uint_eq(r.buf.len, 0);
	eap_tls_reasm_free(&r);
}
END_TEST

START_TEST(test_fragment_out)
{
	struct eap_buf msg, out;
	size_t pos = 0;
	struct eap_tls_hdr h;
	struct eap_tls_reasm r;
	const char *err = NULL;
	int n = 0;
	enum eap_tls_reasm_status st = EAP_TLS_REASM_MORE;

	eap_buf_init(&msg);
	eap_buf_init(&out);
	eap_tls_reasm_init(&r);
	for (int i = 0; i < 2500; i++)
		eap_buf_put_u8(&msg, (uint8_t)i);
	/* our fragments, fed to the reassembler, give the message back */
	while (pos < msg.len) {
		eap_buf_reset(&out);
		ck_assert_int_eq(eap_tls_frag_next(&msg, &pos, 1000, 0, &out), 0);
		if (n == 0) {
			ck_assert_uint_eq(out.data[0], 0xc0); /* L and M on the first */
			ck_assert_uint_eq(out.len, 1 + 4 + 1000);
		} else {
			ck_assert_uint_eq(out.data[0] & EAP_TLS_FLAG_LENGTH, 0);
		}
		ck_assert_int_eq(eap_tls_hdr_parse(out.data, out.len, &h, &err), 0);
		st = eap_tls_reasm_add(&r, &h, &err);
		n++;
	}
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(st, EAP_TLS_REASM_DONE);
	ck_assert_mem_eq(r.buf.data, msg.data, msg.len);
	/* a message that fits goes without L or M */
	pos = 0;
	eap_buf_reset(&out);
	ck_assert_int_eq(eap_tls_frag_next(&msg, &pos, 5000, 1, &out), 0);
	ck_assert_uint_eq(out.data[0], 0x01);
	ck_assert_uint_eq(out.len, 2501);
	eap_buf_reset(&out);
	ck_assert_int_eq(eap_tls_frag_ack(0, &out), 0);
	ck_assert_uint_eq(out.len, 1);
	ck_assert_uint_eq(out.data[0], 0);
	eap_buf_free(&msg);
	eap_buf_free(&out);
	eap_tls_reasm_free(&r);
}
END_TEST

#define TEST_LIST(X) X(test_hdr_parse) X(test_reassemble_in_order) X(test_reassemble_errors) \
	X(test_reassemble_unbounded_without_length) X(test_fragment_out)
TEST_MAIN("eap-tls-frag")
