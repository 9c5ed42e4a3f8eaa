// SPDX-License-Identifier: BSD-3-Clause
/* Completes the pre-association twice and the post-association after StopPostAssociate (rules 25, 40). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_PRE_MODE TP_PRE_TWICE
#define TP_DEFAULT_POST_MODE TP_POST_ASYNC
#define TP_DEFAULT_INIT .complete_after_stop = 1,
#include "tests/plugins/tp.h"
