// SPDX-License-Identifier: BSD-3-Clause
/* Reuses one hSendCompletion for two outstanding SendPackets (rule 46). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_INIT .same_send_handle = 1, .frames_to_complete = 99,
#include "tests/plugins/tp.h"
