// SPDX-License-Identifier: BSD-3-Clause
/* Calls SetEtherTypeHandling after a successful PreAssociateCompletion (rule 33). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_POST_MODE TP_POST_ASYNC
#define TP_DEFAULT_INIT .et_late = 1,
#include "tests/plugins/tp.h"
