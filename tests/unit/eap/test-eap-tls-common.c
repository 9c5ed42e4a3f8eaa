/* Server name policy: domain_suffix_match / domain_match lists. */
#include <check.h>

#include "eap/eap-tls-common.h"
#include "check-main.h"

START_TEST(test_suffix)
{
	ck_assert(eap_tls_name_matches("radius.example.com", "example.com", true));
	ck_assert(eap_tls_name_matches("example.com", "example.com", true));
	ck_assert(eap_tls_name_matches("RADIUS.Example.COM", "example.com", true));
	ck_assert(!eap_tls_name_matches("badexample.com", "example.com", true));
	ck_assert(!eap_tls_name_matches("example.com.evil", "example.com", true));
	ck_assert(!eap_tls_name_matches("com", "example.com", true));
	ck_assert(eap_tls_name_matches("a.example.org", "example.net;example.org", true));
	ck_assert(!eap_tls_name_matches("a.example.org", ";", true));
	ck_assert(!eap_tls_name_matches("a.example.org", "", true));
}
END_TEST

START_TEST(test_exact)
{
	ck_assert(eap_tls_name_matches("radius.example.com", "radius.example.com", false));
	ck_assert(!eap_tls_name_matches("radius.example.com", "example.com", false));
	ck_assert(eap_tls_name_matches("b.example.com", "a.example.com;B.example.com", false));
}
END_TEST

#define TEST_LIST(X) X(test_suffix) X(test_exact)
TEST_MAIN("eap-tls-common")
