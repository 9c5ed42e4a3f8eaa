/* Refuses every profile in ValidateProfile, with an IHV reason (the daemon's start-up check). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_INIT .validate_error = ERROR_BAD_PROFILE, \
	.validate_reason = L2_REASON_CODE_IHV_BASE + 1,
#include "tests/plugins/tp.h"
