// SPDX-License-Identifier: BSD-3-Clause
/*
 * The authentication exchange's structures on the wire (ipc-auth.h).
 */
#include <stdlib.h>
#include <string.h>

#include "ipc/ipc-auth.h"

void ipc_wr_auth_frame(struct ipc_wr *w, const DOT11EXT_LINUX_AUTH_FRAME *f)
{
	static const BYTE zero[6];
	/* fields past a short dwSize are not the sender's to give: they stay zero */
	bool whole = f && f->dwSize >= sizeof(*f);
	bool body = whole && f->pucBody && f->dwBodyLength &&
		    f->dwBodyLength <= DOT11EXT_LINUX_AUTH_BODY_MAX;

	ipc_wr_u32(w, f != NULL);
	ipc_wr_u32(w, f ? f->dwSize : 0);
	ipc_wr_bytes(w, whole ? f->Peer : zero, 6);
	ipc_wr_u32(w, whole ? f->usAlgorithm : 0);
	ipc_wr_u32(w, whole ? f->usTransaction : 0);
	ipc_wr_u32(w, whole ? f->usStatus : 0);
	ipc_wr_u32(w, whole ? f->dwBodyLength : 0);
	ipc_wr_bytes(w, body ? f->pucBody : NULL, body ? f->dwBodyLength : 0);
}

DOT11EXT_LINUX_AUTH_FRAME *ipc_rd_auth_frame(struct ipc_rd *r, DOT11EXT_LINUX_AUTH_FRAME *out)
{
	uint32_t present = ipc_rd_u32(r), algo, trans, status;
	size_t len;

	memset(out, 0, sizeof(*out));
	out->dwSize = ipc_rd_u32(r);
	ipc_rd_fixed(r, out->Peer, 6);
	algo = ipc_rd_u32(r);
	trans = ipc_rd_u32(r);
	status = ipc_rd_u32(r);
	out->dwBodyLength = ipc_rd_u32(r);
	out->pucBody = ipc_rd_dup(r, 0, &len);
	/* IEEE 802.11-2020 9.4.1.1, 9.4.1.2, 9.4.1.9: each field is two octets */
	if (algo > 0xffff || trans > 0xffff || status > 0xffff ||
	    len > DOT11EXT_LINUX_AUTH_BODY_MAX || (len && len != out->dwBodyLength))
		r->ok = false;
	out->usAlgorithm = (USHORT)algo;
	out->usTransaction = (USHORT)trans;
	out->usStatus = (USHORT)status;
	if (!present || !r->ok) {
		if (out->pucBody) /* len bytes, whatever dwBodyLength claimed */
			explicit_bzero((void *)out->pucBody, len);
		free((void *)out->pucBody);
		out->pucBody = NULL;
		return NULL;
	}
	return out;
}

void ipc_auth_frame_free(DOT11EXT_LINUX_AUTH_FRAME *f)
{
	if (!f || !f->pucBody)
		return;
	/* a frame ipc_rd_auth_frame accepted: the body is exactly dwBodyLength bytes */
	explicit_bzero((void *)f->pucBody, f->dwBodyLength);
	free((void *)f->pucBody);
	f->pucBody = NULL;
}

void ipc_wr_auth_target(struct ipc_wr *w, const DOT11EXT_LINUX_AUTH_TARGET *t)
{
	ipc_wr_bytes(w, t, t ? sizeof(*t) : 0);
}

void ipc_rd_auth_target(struct ipc_rd *r, DOT11EXT_LINUX_AUTH_TARGET *out)
{
	ipc_rd_fixed(r, out, sizeof(*out));
	if (out->dwSize != sizeof(*out) || out->dwSsidLength > sizeof(out->ucSsid)) {
		r->ok = false;
		memset(out, 0, sizeof(*out));
	}
}
