// SPDX-License-Identifier: BSD-3-Clause
/* Completes and installs keys from its own threads (service functions from any thread). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_PRE_MODE TP_PRE_THREAD
#define TP_DEFAULT_POST_MODE TP_POST_THREAD
#include "tests/plugins/tp.h"
