// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: a logind signal's member and session id as they reach
 * logind_session_map() (src/daemon/logind.c). The input is "MEMBER\0ID".
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/logind.h"
#include "tests/fuzz/fuzz-main.h"
#include "wlanihv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 2), *id;
	uint32_t ev = 0, session = 0;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = buf[size + 1] = 0;
	id = buf + strlen(buf) + 1;
	if (logind_session_map(buf, id, &ev, &session) &&
	    ev != WTS_SESSION_LOGON && ev != WTS_SESSION_LOGOFF)
		abort(); /* only the two mapped events may come out */
	free(buf);
	return 0;
}
