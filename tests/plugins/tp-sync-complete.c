// SPDX-License-Identifier: BSD-3-Clause
/* Completes PerformPreAssociate synchronously, from inside it (contract rule 27). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_PRE_MODE TP_PRE_SYNC
#include "tests/plugins/tp.h"
