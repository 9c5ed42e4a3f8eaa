/* Completes a successful pre-association with a reason outside the IHV range (rules 28, 29). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_PRE_MODE TP_PRE_CUSTOM
#define TP_DEFAULT_INIT .pre_reason = 0x12345, .pre_error = 0, .pre_return_reason = 0xdead0000u, \
	.validate_reason = 0xdead0001u, .match_reason = 0xdead0002u,
#include "tests/plugins/tp.h"
