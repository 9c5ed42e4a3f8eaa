// SPDX-License-Identifier: BSD-3-Clause
/* Exports Dot11ExtIhvGetVersionInfo only (rule 1). */
#define TP_IMPLEMENTATION
#define TP_NO_INIT_EXPORT
#include "tests/plugins/tp.h"
