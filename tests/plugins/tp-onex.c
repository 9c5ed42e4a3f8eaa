// SPDX-License-Identifier: BSD-3-Clause
/* Uses the host's 802.1X module: StartOneX in PerformPostAssociate, EAP to the host. */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_POST_MODE TP_POST_NEVER
#define TP_DEFAULT_INIT .onex = 1,
#include "tests/plugins/tp.h"
