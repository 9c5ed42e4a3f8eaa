// SPDX-License-Identifier: BSD-3-Clause
/* Dot11ExtIhvInitService fails. */
#define TP_IMPLEMENTATION
#define TP_INIT_FAIL
#include "tests/plugins/tp.h"
