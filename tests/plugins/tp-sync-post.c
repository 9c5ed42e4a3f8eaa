// SPDX-License-Identifier: BSD-3-Clause
/* Completes PerformPostAssociate synchronously, from inside it (contract rule 36). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_POST_MODE TP_POST_SYNC
#include "tests/plugins/tp.h"
