// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihvd -u: which station events become the interface's NetworkRequest
 * signal, and with which field, network and text (src/dbus/dbus-request.c).
 */
#include <check.h>
#include <string.h>

#include "dbus/dbus-int.h"
#include "tests/unit/daemon/check-run.h"

static void setup(void)
{
}

static void teardown(void)
{
}

START_TEST(prompts)
{
	static const struct {
		const char *ev, *field;
		int id;
		const char *text;
	} ok[] = {
		/* the 802.1X module (station-eap.c) and a plugin's "FIELD:prompt" */
		{ "CTRL-REQ-PASSWORD-0:Password needed for SSID ihvd-eap", "PASSWORD", 0,
		  "Password needed for SSID ihvd-eap" },
		{ "CTRL-REQ-IDENTITY-12:Identity needed for SSID x", "IDENTITY", 12,
		  "Identity needed for SSID x" },
		{ "CTRL-REQ-PSK_PASSPHRASE-3:PSK or passphrase", "PSK_PASSPHRASE", 3,
		  "PSK or passphrase" },
		{ "CTRL-REQ-NEW_PASSWORD-1:", "NEW_PASSWORD", 1, "" },
		/* a plugin's free-form UI request */
		{ "CTRL-REQ-IHV-4-Touch the token", "IHV", 4, "Touch the token" },
	};
	char field[DBUS_REQ_FIELD_MAX];
	const char *text;
	size_t k;
	int id;

	for (k = 0; k < sizeof(ok) / sizeof(ok[0]); k++) {
		ck_assert_msg(dbus_request_parse(ok[k].ev, field, sizeof(field), &id, &text) == 0,
			      "%s", ok[k].ev);
		ck_assert_str_eq(field, ok[k].field);
		ck_assert_int_eq(id, ok[k].id);
		ck_assert_str_eq(text, ok[k].text);
	}
}
END_TEST

START_TEST(not_prompts)
{
	static const char *const bad[] = {
		"CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:00 completed",
		"CTRL-REQ-",
		"CTRL-REQ-PASSWORD",
		"CTRL-REQ-PASSWORD-:x",
		"CTRL-REQ-PASSWORD-x:y",
		"CTRL-REQ-PASSWORD-3",              /* no ':' or '-' after the id */
		"CTRL-REQ-password-3:lower case",
		"CTRL-REQ-PASSWORD--3:negative",
		"CTRL-REQ-PASSWORD-99999999999:huge",
		"CTRL-REQ-A_FIELD_NAME_TOO_LONG_FOR_THE_BUFFER-1:x",
		"",
	};
	char field[DBUS_REQ_FIELD_MAX];
	const char *text;
	size_t k;
	int id;

	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		ck_assert_msg(dbus_request_parse(bad[k], field, sizeof(field), &id, &text) < 0,
			      "taken: %s", bad[k]);
}
END_TEST

int main(void)
{
	return CHECK_RUN("dbus-request", setup, teardown, prompts, not_prompts);
}
