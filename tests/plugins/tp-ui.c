// SPDX-License-Identifier: BSD-3-Clause
/* Asks the user (SendUIRequest) in every PerformPreAssociate (contract rules 17, 23, 62, 64). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_INIT .ui_request = 1,
#include "tests/plugins/tp.h"
