// SPDX-License-Identifier: BSD-3-Clause
/*
 * Service 17: NicSpecificExtension (contract §4.12; contract rule 56), run on the
 * loop thread; a plugin thread waits for it, bounded.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/ihv-core.h"
#include "core/service.h"

struct svc_vendor_call {
	pthread_mutex_t m;
	pthread_cond_t c;
	int refs;
	bool done;
	uint64_t adapter_id;
	uint8_t *in;
	size_t in_len;
	uint8_t *out;
	size_t out_len;
	int result;
};

static void svc_vendor_call_put(struct svc_vendor_call *v)
{
	bool last;

	pthread_mutex_lock(&v->m);
	last = --v->refs == 0;
	pthread_mutex_unlock(&v->m);
	if (!last)
		return;
	pthread_mutex_destroy(&v->m);
	pthread_cond_destroy(&v->c);
	free(v->in);
	free(v->out);
	free(v);
}

static void svc_vendor_call_run(void *arg)
{
	struct svc_vendor_call *v = arg;
	struct ihv_adapter *a;
	int r = -ENODEV;

	ihv_lock();
	a = ihv_adapter_by_id(v->adapter_id);
	ihv_unlock();
	if (a)
		r = a->h->drv->ops->vendor_cmd(a->h->drv, a->ifindex, v->in, v->in_len,
					       v->out, &v->out_len);
	pthread_mutex_lock(&v->m);
	v->result = r;
	v->done = true;
	pthread_cond_signal(&v->c);
	pthread_mutex_unlock(&v->m);
	svc_vendor_call_put(v);
}

DWORD WINAPI ihv_svc_nic_specific_extension(HANDLE svc, DWORD in_len, LPVOID in,
					       DWORD *out_len, LPVOID out)
{
	const char *fn = "Dot11ExtNicSpecificExtension";
	struct svc_vendor_call *v;
	struct ihv_adapter *a;
	struct timespec ts;
	size_t olen;
	int r;

	if ((in_len && !in) || !out_len || in_len > IHV_MAX_BLOB ||
	    *out_len > IHV_MAX_BLOB)
		return ERROR_INVALID_PARAMETER;
	olen = out ? *out_len : 0;
	a = ihv_adapter_lock_svc(svc, fn);
	if (!a)
		return ERROR_INVALID_HANDLE;
	if (ihv_on_loop_thread(a->h)) {
		ihv_unlock();
		r = a->h->drv->ops->vendor_cmd(a->h->drv, a->ifindex, in, in_len,
					       out, &olen);
		goto done;
	}
	/* A plugin thread: run it on the loop and wait (bounded). */
	v = calloc(1, sizeof(*v));
	if (!v || (in_len && !(v->in = malloc(in_len))) ||
	    (olen && !(v->out = malloc(olen)))) {
		ihv_unlock();
		if (v) {
			free(v->in);
			free(v);
		}
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	pthread_mutex_init(&v->m, NULL);
	pthread_cond_init(&v->c, NULL);
	v->refs = 2;
	v->adapter_id = a->id;
	if (in_len)
		memcpy(v->in, in, in_len);
	v->in_len = in_len;
	v->out_len = olen;
	if (loop_call_post(a->h->loop, svc_vendor_call_run, v) < 0) {
		ihv_unlock();
		v->refs = 1;
		svc_vendor_call_put(v);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	ihv_unlock();
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 5;
	pthread_mutex_lock(&v->m);
	while (!v->done)
		if (pthread_cond_timedwait(&v->c, &v->m, &ts))
			break;
	r = v->done ? v->result : -ETIMEDOUT;
	if (v->done && !r && olen)
		memcpy(out, v->out, v->out_len);
	olen = v->out_len;
	pthread_mutex_unlock(&v->m);
	svc_vendor_call_put(v);
done:
	if (r == -EOPNOTSUPP || r == -ENOSYS)
		return ERROR_NOT_SUPPORTED; /* contract rule 56 */
	if (r)
		return ihv_win32_from_errno(r);
	*out_len = (DWORD)olen;
	return ERROR_SUCCESS;
}
