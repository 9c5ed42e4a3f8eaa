// SPDX-License-Identifier: BSD-3-Clause
/* Reason codes and Win32 errors (contract §6; contract rules 28, 29). */
#include <errno.h>

#include "core/ihv-core.h"

bool ihv_reason_is_ihv(uint32_t r)
{
	return r >= L2_REASON_CODE_IHV_BASE && r <= L2_REASON_CODE_IHV_END;
}

bool ihv_reason_valid(uint32_t r)
{
	return r == L2_REASON_CODE_SUCCESS || r == L2_REASON_CODE_PROFILE_MISSING ||
	       (r >= L2_REASON_CODE_GEN_BASE && r < L2_REASON_CODE_RESERVED_BASE);
}

const char *ihv_completion_check(uint32_t reason, uint32_t win32)
{
	if (win32 == ERROR_SUCCESS) {
		if (reason == L2_REASON_CODE_SUCCESS || ihv_reason_is_ihv(reason))
			return NULL;
		return "contract rule 29: success (ERROR_SUCCESS) must carry "
		       "L2_REASON_CODE_SUCCESS or an IHV reason (0x90000-0x9ffff)";
	}
	if (reason == L2_REASON_CODE_SUCCESS)
		return "contract rule 29: a failure must not carry L2_REASON_CODE_SUCCESS";
	if (!ihv_reason_valid(reason))
		return "contract rule 28: reason code is not an L2_REASON_CODE value";
	return NULL;
}

uint32_t ihv_win32_from_errno(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case 0:
		return ERROR_SUCCESS;
	case ENOMEM:
		return ERROR_NOT_ENOUGH_MEMORY;
	case EINVAL:
	case ERANGE:
		return ERROR_INVALID_PARAMETER;
	case EOPNOTSUPP:
	case ENOSYS:
		return ERROR_NOT_SUPPORTED;
	case ENOENT:
	case ENODEV:
	case ENOLINK:
		return ERROR_NOT_FOUND;
	case EBUSY:
	case EALREADY:
	case EINPROGRESS:
		return ERROR_INVALID_STATE;
	case ETIMEDOUT:
		return ERROR_TIMEOUT;
	case EPERM:
	case EACCES:
		return ERROR_ACCESS_DENIED;
	case ENOBUFS:
	case EMSGSIZE:
		return ERROR_INSUFFICIENT_BUFFER;
	}
	return ERROR_INVALID_FUNCTION;
}
