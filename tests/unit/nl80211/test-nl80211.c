// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/nl80211/nl80211.c without a radio: creation either succeeds with a
 * full ops table, or fails cleanly with the reason logged and every watched
 * descriptor released (this machine's kernel has no cfg80211).
 */
#include "nl80211/driver.h"
#include "tests/unit/nl80211/test-nl.h"

#include <stdarg.h>
#include <stdio.h>

struct io_rec {
	int watched;
	int errors;
	char last[256];
};

static int rec_watch(void *ctx, int fd, void (*cb)(void *, int), void *arg)
{
	struct io_rec *r = ctx;

	(void)fd;
	(void)cb;
	(void)arg;
	r->watched++;
	return 0;
}

static void rec_unwatch(void *ctx, int fd)
{
	struct io_rec *r = ctx;

	(void)fd;
	r->watched--;
}

static void rec_log(void *ctx, enum drv_log_level level, const char *fmt, ...)
{
	struct io_rec *r = ctx;
	va_list ap;

	if (level == DRV_LOG_ERROR)
		r->errors++;
	va_start(ap, fmt);
	vsnprintf(r->last, sizeof(r->last), fmt, ap);
	va_end(ap);
}

START_TEST(test_new_or_clean_failure)
{
	struct io_rec r = { 0 };
	struct drv_io io = { &r, rec_watch, rec_unwatch, rec_log };
	struct drv *d = nl80211_drv_new(&io, NULL, NULL);

	if (!d) {
		ck_assert_int_ge(r.errors, 1);
		ck_assert_ptr_nonnull(strstr(r.last, "nl80211"));
		ck_assert_int_eq(r.watched, 0);
		return;
	}
	ck_assert_str_eq(d->ops->name, "nl80211");
	ck_assert_ptr_nonnull(d->ops->connect);
	ck_assert_ptr_nonnull(d->ops->key_new);
	ck_assert_int_eq(d->ops->capa_get(d, 0x7fffffff, &(struct drv_capa){ 0 }), -ENODEV);
	ck_assert_int_eq(d->ops->vendor_cmd(d, 1, NULL, 0, NULL, NULL), -EOPNOTSUPP);
	d->ops->free(d);
	ck_assert_int_eq(r.watched, 0);
}
END_TEST

START_TEST(test_no_io)
{
	ck_assert_ptr_null(nl80211_drv_new(NULL, NULL, NULL));
}
END_TEST

TEST_MAIN("nl80211-driver", test_new_or_clean_failure, test_no_io)
