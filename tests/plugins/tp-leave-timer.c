// SPDX-License-Identifier: BSD-3-Clause
/* Arms a timer inside DeinitService and leaves it for the host (contract rules 6, 9). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_INIT .timer_at_deinit = 1,
#include "tests/plugins/tp.h"
