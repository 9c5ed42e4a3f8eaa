// SPDX-License-Identifier: BSD-3-Clause
/* Helpers shared by the methods. */
#include "eap/eap-method.h"

#include <stdarg.h>
#include <stdio.h>

void eap_method_fail(struct eap_method_env *env, enum eap_peer_reason reason, const char *fmt, ...)
{
	va_list ap;

	env->reason = reason;
	va_start(ap, fmt);
	vsnprintf(env->text, sizeof(env->text), fmt, ap);
	va_end(ap);
}
