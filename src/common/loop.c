// SPDX-License-Identifier: BSD-3-Clause
/* The event loop: epoll, one-shot timers, a cross-thread call queue. */
#include "common/loop.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

struct loop_watch {
	int fd;
	loop_fd_cb cb;
	void *arg;
	struct loop_watch *next;
};

struct loop_timer {
	struct loop *loop;
	loop_timer_cb cb;
	void *arg;
	uint64_t deadline_us; /* 0: not armed */
	struct loop_timer *next;
};

struct loop_call {
	loop_call_cb cb;
	void *arg;
	struct loop_call *next;
};

struct loop {
	int epfd;
	int wakefd;
	pthread_t thread;
	int thread_set;
	int quit;
	int quit_code;
	struct loop_watch *watches;
	struct loop_timer *timers;
	pthread_mutex_t call_lock;
	struct loop_call *calls_head;
	struct loop_call *calls_tail;
};

uint64_t loop_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

struct loop *loop_new(void)
{
	struct loop *l = calloc(1, sizeof(*l));
	struct epoll_event ev = { .events = EPOLLIN };

	if (!l)
		return NULL;
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	l->wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	pthread_mutex_init(&l->call_lock, NULL);
	ev.data.ptr = NULL; /* NULL marks the wake fd */
	if (l->epfd < 0 || l->wakefd < 0 ||
	    epoll_ctl(l->epfd, EPOLL_CTL_ADD, l->wakefd, &ev) < 0) {
		loop_free(l);
		return NULL;
	}
	return l;
}

void loop_free(struct loop *l)
{
	struct loop_call *c;

	if (!l)
		return;
	while (l->watches) {
		struct loop_watch *w = l->watches;

		l->watches = w->next;
		free(w);
	}
	/* Timers are owned by their creators; unlink any left. */
	while (l->timers) {
		struct loop_timer *t = l->timers;

		l->timers = t->next;
		t->next = NULL;
		t->deadline_us = 0;
		t->loop = NULL;
	}
	while ((c = l->calls_head)) {
		l->calls_head = c->next;
		if (c->cb == free) /* a watch loop_fd_del left for us */
			free(c->arg);
		free(c);
	}
	if (l->wakefd >= 0)
		close(l->wakefd);
	if (l->epfd >= 0)
		close(l->epfd);
	pthread_mutex_destroy(&l->call_lock);
	free(l);
}

int loop_fd_add(struct loop *l, int fd, loop_fd_cb cb, void *arg)
{
	struct loop_watch *w = calloc(1, sizeof(*w));
	struct epoll_event ev = { .events = EPOLLIN };

	if (!w)
		return -ENOMEM;
	w->fd = fd;
	w->cb = cb;
	w->arg = arg;
	ev.data.ptr = w;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		int err = -errno;

		free(w);
		return err;
	}
	w->next = l->watches;
	l->watches = w;
	return 0;
}

void loop_fd_del(struct loop *l, int fd)
{
	struct loop_watch **pp;

	for (pp = &l->watches; *pp; pp = &(*pp)->next) {
		struct loop_watch *w = *pp;

		if (w->fd != fd)
			continue;
		epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL);
		*pp = w->next;
		/* A dispatch in progress may still hold w: defer the free. */
		w->cb = NULL;
		w->next = NULL;
		loop_call_post(l, free, w);
		return;
	}
}

struct loop_timer *loop_timer_new(struct loop *l, loop_timer_cb cb, void *arg)
{
	struct loop_timer *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->loop = l;
	t->cb = cb;
	t->arg = arg;
	return t;
}

static void loop_timer_unlink(struct loop_timer *t)
{
	struct loop_timer **pp;

	if (!t->loop)
		return;
	for (pp = &t->loop->timers; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	t->next = NULL;
	t->deadline_us = 0;
}

void loop_timer_arm(struct loop_timer *t, uint32_t ms)
{
	struct loop_timer **pp;

	if (!t->loop)
		return;
	loop_timer_unlink(t);
	t->deadline_us = loop_now_us() + (uint64_t)ms * 1000u;
	if (!t->deadline_us)
		t->deadline_us = 1;
	/* Keep the list sorted by deadline. */
	for (pp = &t->loop->timers; *pp; pp = &(*pp)->next)
		if ((*pp)->deadline_us > t->deadline_us)
			break;
	t->next = *pp;
	*pp = t;
}

void loop_timer_cancel(struct loop_timer *t)
{
	if (t)
		loop_timer_unlink(t);
}

int loop_timer_armed(const struct loop_timer *t)
{
	return t && t->deadline_us != 0;
}

void loop_timer_free(struct loop_timer *t)
{
	if (!t)
		return;
	loop_timer_unlink(t);
	free(t);
}

int loop_call_post(struct loop *l, loop_call_cb cb, void *arg)
{
	struct loop_call *c = malloc(sizeof(*c));
	uint64_t one = 1;

	if (!c)
		return -ENOMEM;
	c->cb = cb;
	c->arg = arg;
	c->next = NULL;
	pthread_mutex_lock(&l->call_lock);
	if (l->calls_tail)
		l->calls_tail->next = c;
	else
		l->calls_head = c;
	l->calls_tail = c;
	pthread_mutex_unlock(&l->call_lock);
	if (write(l->wakefd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		return -errno;
	return 0;
}

void loop_call_cancel(struct loop *l, void *arg)
{
	struct loop_call **pp, *c;

	pthread_mutex_lock(&l->call_lock);
	l->calls_tail = NULL;
	for (pp = &l->calls_head; (c = *pp);) {
		if (c->arg == arg && c->cb != free) {
			*pp = c->next;
			free(c);
			continue;
		}
		l->calls_tail = c;
		pp = &c->next;
	}
	pthread_mutex_unlock(&l->call_lock);
}

static void loop_calls_run(struct loop *l)
{
	struct loop_call *c, *list;
	uint64_t n;

	if (read(l->wakefd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		return;
	/* Run only what was queued before now; new posts wake us again. */
	pthread_mutex_lock(&l->call_lock);
	list = l->calls_head;
	l->calls_head = l->calls_tail = NULL;
	pthread_mutex_unlock(&l->call_lock);
	while ((c = list)) {
		list = c->next;
		c->cb(c->arg);
		free(c);
	}
}

static void loop_timers_run(struct loop *l)
{
	uint64_t now = loop_now_us();

	while (l->timers && l->timers->deadline_us <= now) {
		struct loop_timer *t = l->timers;

		l->timers = t->next;
		t->next = NULL;
		t->deadline_us = 0;
		t->cb(t->arg);
	}
}

static int loop_timeout_ms(struct loop *l, int max_ms)
{
	uint64_t now, wait_ms;

	if (!l->timers)
		return max_ms;
	now = loop_now_us();
	if (l->timers->deadline_us <= now)
		return 0;
	wait_ms = (l->timers->deadline_us - now + 999) / 1000;
	if (max_ms >= 0 && wait_ms > (uint64_t)max_ms)
		return max_ms;
	return wait_ms > 60000 ? 60000 : (int)wait_ms;
}

int loop_run_once(struct loop *l, int timeout_ms)
{
	struct epoll_event evs[16];
	int n, i;

	if (!l->thread_set) {
		l->thread = pthread_self();
		l->thread_set = 1;
	}
	n = epoll_wait(l->epfd, evs, 16, loop_timeout_ms(l, timeout_ms));
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (i = 0; i < n; i++) {
		struct loop_watch *w = evs[i].data.ptr;

		if (!w)
			loop_calls_run(l);
		else if (w->cb)
			w->cb(w->arg, w->fd);
	}
	loop_timers_run(l);
	return n;
}

int loop_run(struct loop *l)
{
	l->thread = pthread_self();
	l->thread_set = 1;
	l->quit = 0;
	while (!l->quit) {
		int r = loop_run_once(l, -1);

		if (r < 0)
			return r;
	}
	return l->quit_code;
}

static void loop_noop(void *arg)
{
	(void)arg;
}

void loop_quit(struct loop *l, int code)
{
	l->quit = 1;
	l->quit_code = code;
	loop_call_post(l, loop_noop, NULL); /* wake a waiting epoll */
}

int loop_on_thread(const struct loop *l)
{
	return l->thread_set && pthread_equal(l->thread, pthread_self());
}
