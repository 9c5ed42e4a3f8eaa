// SPDX-License-Identifier: BSD-3-Clause
/* Exports the optional Dot11ExtIhvInitVirtualStation (rule 5). */
#define TP_IMPLEMENTATION
#define TP_EXPORT_VS
#include "tests/plugins/tp.h"
