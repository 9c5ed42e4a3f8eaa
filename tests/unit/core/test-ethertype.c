// SPDX-License-Identifier: BSD-3-Clause
/* Registrations, exemptions, backlog (src/core/ethertype.c; contract §4.5). */
#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "common/log.h"

static const uint8_t src[6] = { 2, 0, 0, 0, 0, 1 };

START_TEST(test_registration_is_big_endian)
{
	struct ihv_et et;
	uint16_t reg = htons(0x888e);

	ihv_et_init(&et);
	ck_assert(!ihv_et_registered(&et, 0x888e)); /* empty at start (rule 13) */
	ck_assert_uint_eq(ihv_et_set(&et, 4, 0, NULL, 1, &reg), ERROR_SUCCESS);
	ck_assert(ihv_et_registered(&et, 0x888e));
	ck_assert(!ihv_et_registered(&et, 0x8e88));
	ihv_et_clear(&et);
	ck_assert(!ihv_et_registered(&et, 0x888e));
}
END_TEST

START_TEST(test_invalid_lists_refused)
{
	struct ihv_et et;
	DOT11_PRIVACY_EXEMPTION ex = { htons(0x888e), 0, DOT11_EXEMPT_UNICAST };
	uint16_t regs[IHV_ET_MAX_ENTRIES + 1];

	ihv_et_init(&et);
	memset(regs, 0, sizeof(regs));
	ck_assert_uint_eq(ihv_et_set(&et, 1, 1, NULL, 0, NULL), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(ihv_et_set(&et, 1, 0, NULL, 1, NULL), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(ihv_et_set(&et, 1, 1, &ex, 0, NULL), ERROR_INVALID_PARAMETER);
	ex.usExemptionActionType = DOT11_EXEMPT_ALWAYS;
	ex.usExemptionPacketType = 7;
	ck_assert_uint_eq(ihv_et_set(&et, 1, 1, &ex, 0, NULL), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(ihv_et_set(&et, 1, 0, NULL, IHV_ET_MAX_ENTRIES + 1, regs),
			  ERROR_INVALID_PARAMETER);
	/* a refused call changes nothing */
	ck_assert_uint_eq(et.n_reg, 0);
	ck_assert_uint_eq(et.n_ex, 0);
}
END_TEST

static char seen[512];

static void hook(void *ctx, enum log_level level, const char *line)
{
	(void)ctx;
	if (level == LOG_LEVEL_WARN)
		snprintf(seen, sizeof(seen), "%s", line);
}

START_TEST(test_byte_swapped_registration_warned)
{
	struct ihv_et et;
	uint8_t swapped[2] = { 0x8e, 0x88 }; /* 0x888e in host order on LE: §11.4 */
	uint16_t reg;

	memcpy(&reg, swapped, 2);
	ihv_et_init(&et);
	log_hook_set(hook, NULL);
	ck_assert_uint_eq(ihv_et_set(&et, 1, 0, NULL, 1, &reg), ERROR_SUCCESS);
	log_hook_set(NULL, NULL);
	ck_assert(!ihv_et_registered(&et, 0x888e));
	ck_assert_msg(strstr(seen, "was htons(0x888e) meant?"), "%s", seen);
}
END_TEST

START_TEST(test_exemption_semantics)
{
	struct ihv_et et;
	DOT11_PRIVACY_EXEMPTION ex = { htons(0x888e), DOT11_EXEMPT_ALWAYS, DOT11_EXEMPT_BOTH };

	ihv_et_init(&et);
	ihv_et_set(&et, 1, 1, &ex, 0, NULL);
	ck_assert(ihv_et_accept(&et, 0x888e, true, true, true));
	ck_assert(!ihv_et_accept(&et, 0x888e, false, false, false));
	ex.usExemptionActionType = DOT11_EXEMPT_ON_KEY_MAPPING_KEY_UNAVAILABLE;
	ihv_et_set(&et, 1, 1, &ex, 0, NULL);
	ck_assert(ihv_et_accept(&et, 0x888e, true, true, false));
	ck_assert(!ihv_et_accept(&et, 0x888e, true, false, true));
	ck_assert(ihv_et_accept(&et, 0x888e, false, true, true));
	/* not exempted: exclude-unencrypted decides */
	ck_assert(!ihv_et_accept(&et, 0x88c7, true, true, false));
	ck_assert(ihv_et_accept(&et, 0x88c7, true, false, false));
	ck_assert(ihv_et_accept(&et, 0x88c7, false, true, false));
}
END_TEST

START_TEST(test_backlog_drops_oldest_while_delivering)
{
	struct ihv_et et;
	struct ihv_frame *f;
	uint16_t reg = htons(0x888e);
	char p[2] = "0";
	int i;

	ihv_et_init(&et);
	ihv_et_set(&et, 2, 0, NULL, 1, &reg);
	et.delivering = true;
	for (i = 0; i < 5; i++) {
		p[0] = (char)('0' + i);
		ihv_et_backlog_push(&et, ihv_frame_new(src, 0x888e, (const uint8_t *)p, 1));
	}
	ck_assert_uint_eq(et.q_len, 2);
	ck_assert_uint_eq(et.dropped_backlog, 3);
	f = ihv_et_backlog_pop(&et);
	ck_assert_uint_eq(f->len, 9);
	ck_assert_mem_eq(f->buf, src, 6);
	ck_assert_mem_eq(f->buf + 6, "\x88\x8e", 2);
	ck_assert_uint_eq(f->buf[8], '3');
	free(f);
	f = ihv_et_backlog_pop(&et);
	ck_assert_uint_eq(f->buf[8], '4');
	free(f);
	ck_assert_ptr_null(ihv_et_backlog_pop(&et));
	ihv_et_clear(&et);
}
END_TEST

START_TEST(test_hold_bounded_and_released_in_order)
{
	struct ihv_et et;
	struct ihv_frame *f;
	uint16_t reg = htons(0x888e);
	char p[2] = "a";
	int i;

	ihv_et_init(&et);
	ihv_et_set(&et, 1, 0, NULL, 1, &reg);
	for (i = 0; i < IHV_ET_HOLD_MAX + 2; i++) {
		p[0] = (char)('a' + i);
		ihv_et_hold_push(&et, ihv_frame_new(src, 0x888e, (const uint8_t *)p, 1));
	}
	ck_assert_uint_eq(et.hold_len, IHV_ET_HOLD_MAX);
	ihv_et_hold_release(&et);
	ck_assert_uint_eq(et.hold_len, 0);
	ck_assert_uint_eq(et.q_len, IHV_ET_HOLD_MAX); /* not trimmed to the backlog */
	f = ihv_et_backlog_pop(&et);
	ck_assert_uint_eq(f->buf[8], 'c'); /* the two oldest were dropped */
	free(f);
	ihv_et_clear(&et);
	ck_assert_uint_eq(et.q_len, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ethertype");
	TCase *t = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(t, test_registration_is_big_endian);
	tcase_add_test(t, test_invalid_lists_refused);
	tcase_add_test(t, test_byte_swapped_registration_warned);
	tcase_add_test(t, test_exemption_semantics);
	tcase_add_test(t, test_backlog_drops_oldest_while_delivering);
	tcase_add_test(t, test_hold_bounded_and_released_in_order);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
