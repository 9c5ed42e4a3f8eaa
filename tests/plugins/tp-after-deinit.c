// SPDX-License-Identifier: BSD-3-Clause
/* Calls service functions inside and after DeinitAdapter with stale handles (rules 12, 15). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_PRE_MODE TP_PRE_NEVER
#define TP_DEFAULT_INIT .calls_after_deinit = 1,
#include "tests/plugins/tp.h"
