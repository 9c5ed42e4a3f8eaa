// SPDX-License-Identifier: BSD-3-Clause
/* Names and status codes for the SAE engine's states and results (src/rsn/sae.h). */
#include "rsn/sae.h"

const char *sae_state_str(enum sae_state state)
{
	switch (state) {
	case SAE_STATE_NOTHING:
		return "Nothing";
	case SAE_STATE_COMMITTED:
		return "Committed";
	case SAE_STATE_CONFIRMED:
		return "Confirmed";
	case SAE_STATE_ACCEPTED:
		return "Accepted";
	case SAE_STATE_FAILED:
		return "Failed";
	}
	return "?";
}

const char *sae_result_str(enum sae_result res)
{
	switch (res) {
	case SAE_OK:
		return "ok";
	case SAE_TX_COMMIT:
		return "send Commit";
	case SAE_TX_CONFIRM:
		return "send Confirm";
	case SAE_TX_COMMIT_CONFIRM:
		return "send Commit and Confirm";
	case SAE_ACCEPTED:
		return "accepted";
	case SAE_DISCARD:
		return "frame discarded";
	case SAE_GROUP_UNSUPPORTED:
		return "finite cyclic group not supported";
	case SAE_PEER_REJECTED:
		return "peer rejected the exchange";
	case SAE_STATUS_MISMATCH:
		return "status code does not match H&P/H2E";
	case SAE_MALFORMED:
		return "malformed frame body";
	case SAE_INVALID_SCALAR:
		return "invalid peer scalar";
	case SAE_INVALID_ELEMENT:
		return "invalid peer element";
	case SAE_REFLECTED:
		return "reflected Commit";
	case SAE_AKM_MISMATCH:
		return "AKM Suite Selector differs from ours";
	case SAE_CONFIRM_MISMATCH:
		return "Confirm did not verify";
	case SAE_SYNC_EXCEEDED:
		return "dot11RSNASAESync exceeded";
	case SAE_BAD_STATE:
		return "not valid in this state";
	case SAE_BUFFER_TOO_SMALL:
		return "buffer too small";
	case SAE_INVALID_ARGUMENT:
		return "invalid argument";
	case SAE_CRYPTO_ERROR:
		return "crypto error";
	}
	return "?";
}

uint16_t sae_result_status(enum sae_result res)
{
	switch (res) {
	case SAE_OK:
	case SAE_TX_COMMIT:
	case SAE_TX_CONFIRM:
	case SAE_TX_COMMIT_CONFIRM:
	case SAE_ACCEPTED:
	case SAE_DISCARD:
		return SAE_STATUS_SUCCESS;
	case SAE_GROUP_UNSUPPORTED:
		return SAE_STATUS_GROUP_NOT_SUPPORTED;
	case SAE_CONFIRM_MISMATCH:
		return SAE_STATUS_CHALLENGE_FAIL;
	case SAE_PEER_REJECTED:
	case SAE_STATUS_MISMATCH:
	case SAE_MALFORMED:
	case SAE_INVALID_SCALAR:
	case SAE_INVALID_ELEMENT:
	case SAE_REFLECTED:
	case SAE_AKM_MISMATCH:
	case SAE_SYNC_EXCEEDED:
	case SAE_BAD_STATE:
	case SAE_BUFFER_TOO_SMALL:
	case SAE_INVALID_ARGUMENT:
	case SAE_CRYPTO_ERROR:
		return SAE_STATUS_UNSPECIFIED_FAILURE;
	}
	return SAE_STATUS_UNSPECIFIED_FAILURE;
}
