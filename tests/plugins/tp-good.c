// SPDX-License-Identifier: BSD-3-Clause
/* A well-behaved plugin: async completions, EAPOL replies, keys. */
#define TP_IMPLEMENTATION
#include "tests/plugins/tp.h"
