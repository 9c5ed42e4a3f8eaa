// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/eap/eap-load.c, ihvd's loader of its EAP module (linked here without the peer, as in
 * ihvd): the module of this build loads and serves; a library without this build's
 * interface is refused with a line that says so: an old module without eap_peer_abi (libm
 * stands in for it) and an older one that answers another number (tests/plugins/
 * eap-old-abi.c); the constructors return NULL instead of handing it structures it would
 * read at other offsets.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "eap/eap-peer.h"

static char eap_load_logged[4096];

static void eap_load_hook(void *ctx, enum log_level level, const char *line)
{
	(void)ctx;
	(void)level;
	if (strlen(eap_load_logged) + strlen(line) + 2 < sizeof(eap_load_logged)) {
		strcat(eap_load_logged, line);
		strcat(eap_load_logged, "\n");
	}
}

/* IHVD_EAP_MODULE: a path under the build tree (IHVD_BUILD), or a library name. */
static void eap_load_use(const char *rel, bool in_build)
{
	char path[512];
	const char *b = getenv("IHVD_BUILD");

	if (in_build) {
		ck_assert_ptr_nonnull(b);
		snprintf(path, sizeof(path), "%s/%s", b, rel);
	} else {
		snprintf(path, sizeof(path), "%s", rel);
	}
	ck_assert_int_eq(setenv("IHVD_EAP_MODULE", path, 1), 0);
	eap_load_logged[0] = 0;
	log_hook_set(eap_load_hook, NULL);
}

START_TEST(test_module_of_this_build_loads)
{
	struct eap_session_cache *c;

	eap_load_use("ihvd-eap.so", true);
	c = eap_session_cache_new();
	ck_assert_ptr_nonnull(c);
	eap_session_cache_free(c);
	ck_assert_msg(strstr(eap_load_logged, "loaded for 802.1X") != NULL, "%s", eap_load_logged);
	log_hook_set(NULL, NULL);
}
END_TEST

START_TEST(test_module_of_another_build_refused)
{
	struct eap_peer_config cfg = { .method = EAP_PEER_METHOD_PEAP };

	eap_load_use("libm.so.6", false);
	ck_assert_ptr_null(eap_session_cache_new());
	ck_assert_ptr_null(eap_peer_new(&cfg, NULL));
	ck_assert_msg(strstr(eap_load_logged, "is of another ihvd build") != NULL, "%s",
		      eap_load_logged);
	ck_assert(strstr(eap_load_logged, "802.1X is unavailable") != NULL);
	ck_assert(strstr(eap_load_logged, "loaded for 802.1X") == NULL);
	log_hook_set(NULL, NULL);
}
END_TEST

/* A module with eap_peer_abi, answering another interface number: refused, both named. */
START_TEST(test_module_of_another_interface_refused)
{
	struct eap_peer_config cfg = { .method = EAP_PEER_METHOD_PEAP };
	char want[64];

	eap_load_use("tests/plugins/eap-old-abi.so", true);
	ck_assert_ptr_null(eap_peer_new(&cfg, NULL));
	ck_assert_ptr_null(eap_session_cache_new());
	snprintf(want, sizeof(want), "(its interface %u, ours %u)", EAP_PEER_ABI - 1,
		 EAP_PEER_ABI);
	ck_assert_msg(strstr(eap_load_logged, want) != NULL, "%s", eap_load_logged);
	ck_assert(strstr(eap_load_logged, "loaded for 802.1X") == NULL);
	log_hook_set(NULL, NULL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("eap-load");
	TCase *tc = tcase_create("load");
	SRunner *sr;
	int failed;

	/* each test in its own process: the module is loaded once per process */
	tcase_add_test(tc, test_module_of_this_build_loads);
	tcase_add_test(tc, test_module_of_another_build_refused);
	tcase_add_test(tc, test_module_of_another_interface_refused);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
