/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ihvd's event loop: epoll over file descriptors, one-shot timers, and a
 * thread-safe queue of deferred calls (the way plugin threads hand work,
 * such as completions, to the loop thread).
 */
#ifndef IHVD_COMMON_LOOP_H
#define IHVD_COMMON_LOOP_H

#include <stdint.h>

struct loop;
struct loop_timer;

typedef void (*loop_fd_cb)(void *arg, int fd);
typedef void (*loop_timer_cb)(void *arg);
typedef void (*loop_call_cb)(void *arg);

struct loop *loop_new(void);
void loop_free(struct loop *l);

/* Watch fd for input. One watch per fd. */
int loop_fd_add(struct loop *l, int fd, loop_fd_cb cb, void *arg);
void loop_fd_del(struct loop *l, int fd);

struct loop_timer *loop_timer_new(struct loop *l, loop_timer_cb cb, void *arg);
void loop_timer_arm(struct loop_timer *t, uint32_t ms); /* re-arming replaces */
void loop_timer_cancel(struct loop_timer *t);
int loop_timer_armed(const struct loop_timer *t);
void loop_timer_free(struct loop_timer *t);

/* Run cb(arg) on the loop thread, later. Safe from any thread. */
int loop_call_post(struct loop *l, loop_call_cb cb, void *arg);
/* Drop posted calls whose arg matches (e.g. an object being freed). */
void loop_call_cancel(struct loop *l, void *arg);

/* Run until loop_quit; returns the code given to loop_quit. */
int loop_run(struct loop *l);
/* One iteration, waiting at most timeout_ms (-1: forever). For tests and tools. */
int loop_run_once(struct loop *l, int timeout_ms);
void loop_quit(struct loop *l, int code);
int loop_on_thread(const struct loop *l); /* is the caller the loop thread? */

uint64_t loop_now_us(void); /* CLOCK_MONOTONIC */

#endif
