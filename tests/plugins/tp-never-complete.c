// SPDX-License-Identifier: BSD-3-Clause
/* Never completes the pre-association (the host times it out). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_PRE_MODE TP_PRE_NEVER
#include "tests/plugins/tp.h"
