// SPDX-License-Identifier: BSD-3-Clause
/* Supports interface versions 1..2 only (contract §2). */
#define TP_IMPLEMENTATION
#define TP_VERSION_MIN 1
#define TP_VERSION_MAX 2
#include "tests/plugins/tp.h"
