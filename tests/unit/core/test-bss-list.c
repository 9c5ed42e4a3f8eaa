// SPDX-License-Identifier: BSD-3-Clause
/* DOT11_BSS_LIST building (src/core/bss-list.c; contract §6.4). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/bss-list.h"

static const uint8_t ies_a[] = { 0x00, 0x03, 'a', 'b', 'c', 0x30, 0x02, 0x01, 0x00 };
static const uint8_t ies_b[] = { 0x00, 0x01, 'z' };

static void bss_fill(struct drv_bss *b, uint8_t last, const uint8_t *ies, size_t n)
{
	memset(b, 0, sizeof(*b));
	memcpy(b->bssid, "\x02\x00\x00\x00\x00", 5);
	b->bssid[5] = last;
	b->freq = 5180;
	b->signal_mbm = -6500;
	b->capability = 0x0011;
	b->beacon_interval = 100;
	b->tsf = 0x0102030405060708ull;
	b->ies = ies;
	b->ies_len = n;
}

START_TEST(test_entries_back_to_back_ies_byte_exact)
{
	struct drv_bss a, b;
	const struct drv_bss *list[2] = { &a, &b };
	DOT11_BSS_ENTRY e;
	const uint8_t *ies;
	size_t len, off = 0;
	uint8_t *buf;

	bss_fill(&a, 1, ies_a, sizeof(ies_a));
	bss_fill(&b, 2, ies_b, sizeof(ies_b));
	b.capability = 0x0002; /* IBSS */
	buf = ihv_bss_list_build(list, 2, &len);
	ck_assert_ptr_nonnull(buf);
	/* no padding: 64 + 9 + 64 + 3 */
	ck_assert_uint_eq(len, 64 + sizeof(ies_a) + 64 + sizeof(ies_b));
	ck_assert_int_eq(ihv_bss_list_next(buf, len, &off, &e, &ies), 1);
	ck_assert_mem_eq(e.dot11BSSID, a.bssid, 6);
	ck_assert_uint_eq(e.PhySpecificInfo.uChCenterFrequency, 5180);
	ck_assert_int_eq(e.dot11BSSType, dot11_BSS_type_infrastructure);
	ck_assert_int_eq(e.lRSSI, -65);
	ck_assert_uint_eq(e.uLinkQuality, 70);
	ck_assert_uint_eq(e.usBeaconPeriod, 100);
	ck_assert_uint_eq(e.ullTimestamp, 0x0102030405060708ull);
	ck_assert_uint_eq(e.usCapabilityInformation, 0x0011);
	ck_assert_uint_eq(e.uBufferLength, sizeof(ies_a));
	ck_assert_mem_eq(ies, ies_a, sizeof(ies_a));
	ck_assert_uint_eq(off, 64 + sizeof(ies_a));
	/* the second entry starts unaligned, right after the first */
	ck_assert_int_eq(ihv_bss_list_next(buf, len, &off, &e, &ies), 1);
	ck_assert_uint_eq(e.dot11BSSID[5], 2);
	ck_assert_int_eq(e.dot11BSSType, dot11_BSS_type_independent);
	ck_assert_mem_eq(ies, ies_b, sizeof(ies_b));
	ck_assert_int_eq(ihv_bss_list_next(buf, len, &off, &e, &ies), 0);
	free(buf);
}
END_TEST

START_TEST(test_empty_list_and_truncation_detected)
{
	struct drv_bss a;
	const struct drv_bss *list[1] = { &a };
	DOT11_BSS_ENTRY e;
	const uint8_t *ies;
	size_t len = 99, off = 0;
	uint8_t *buf = ihv_bss_list_build(NULL, 0, &len);

	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(len, 0);
	free(buf);
	bss_fill(&a, 1, ies_a, sizeof(ies_a));
	buf = ihv_bss_list_build(list, 1, &len);
	ck_assert_int_eq(ihv_bss_list_next(buf, len - 1, &off, &e, &ies), -1);
	off = 0;
	ck_assert_int_eq(ihv_bss_list_next(buf, 40, &off, &e, &ies), -1);
	free(buf);
}
END_TEST

START_TEST(test_link_quality_scale)
{
	ck_assert_uint_eq(ihv_bss_link_quality(-10000), 0);
	ck_assert_uint_eq(ihv_bss_link_quality(-12000), 0);
	ck_assert_uint_eq(ihv_bss_link_quality(-5000), 100);
	ck_assert_uint_eq(ihv_bss_link_quality(-3000), 100);
	ck_assert_uint_eq(ihv_bss_link_quality(-7500), 50);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bss-list");
	TCase *t = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(t, test_entries_back_to_back_ies_byte_exact);
	tcase_add_test(t, test_empty_list_and_truncation_detected);
	tcase_add_test(t, test_link_quality_scale);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
