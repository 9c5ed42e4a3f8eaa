// SPDX-License-Identifier: BSD-3-Clause
/* Leaves handler 12 (Dot11ExtIhvReceivePacket) NULL (rule 4). */
#define TP_IMPLEMENTATION
#define TP_NULL_HANDLER 12
#include "tests/plugins/tp.h"
