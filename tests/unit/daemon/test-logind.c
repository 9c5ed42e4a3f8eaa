/* src/daemon/logind.c: logind's Manager signals as the contract's session changes. */
#include <check.h>

#include "daemon/logind.h"
#include "tests/unit/daemon/check-run.h"
#include "wlanihv.h"

static void setup(void)
{
}

static void teardown(void)
{
}

START_TEST(test_session_signals_mapped)
{
	uint32_t ev = 0, id = 0;

	ck_assert(logind_session_map("SessionNew", "3", &ev, &id));
	ck_assert_uint_eq(ev, WTS_SESSION_LOGON);
	ck_assert_uint_eq(id, 3);
	ck_assert(logind_session_map("SessionRemoved", "42", &ev, &id));
	ck_assert_uint_eq(ev, WTS_SESSION_LOGOFF); /* cancels UI requests (contract rule 64) */
	ck_assert_uint_eq(id, 42);
	/* class-prefixed ids (greeter "c1") do not collide with user sessions */
	ck_assert(logind_session_map("SessionNew", "c1", &ev, &id));
	ck_assert_uint_eq(id, 0x80000001u);
}
END_TEST

START_TEST(test_other_signals_and_bad_ids_ignored)
{
	uint32_t ev = 0, id = 0;

	ck_assert(!logind_session_map("UserNew", "3", &ev, &id));
	ck_assert(!logind_session_map("PrepareForSleep", "1", &ev, &id));
	ck_assert(!logind_session_map("SessionNew", "", &ev, &id));
	ck_assert(!logind_session_map("SessionNew", "c", &ev, &id));
	ck_assert(!logind_session_map("SessionNew", "3x", &ev, &id));
	ck_assert(!logind_session_map("SessionNew", "99999999999", &ev, &id));
	ck_assert(!logind_session_map(NULL, "3", &ev, &id));
	ck_assert(!logind_session_map("SessionNew", NULL, &ev, &id));
}
END_TEST

int main(void)
{
	return CHECK_RUN("logind", setup, teardown, test_session_signals_mapped,
			 test_other_signals_and_bad_ids_ignored);
}
