// SPDX-License-Identifier: BSD-3-Clause
#define _GNU_SOURCE
/*
 * Least privilege for the plugin host (issue 11): an unprivileged user with
 * no capabilities, no new privileges, and a seccomp filter that allows what
 * a plugin needs (memory, threads, time, randomness, reading files it may
 * read, the descriptors ihvd gave it) and traps everything else: no
 * sockets (so no netlink), no ptrace, no exec, no ioctl, no mount, no new
 * namespaces (clone's flags are checked; clone3 answers ENOSYS). A
 * trapped call is reported on the fault pipe (the syscall's number) before
 * the process dies of SIGSYS, so ihvd can name it.
 */
#include <errno.h>
#include <grp.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ipc/ipc-ids.h"
#include "ipc/ipc.h"
#include "plugin-host/host.h"

#if defined(__x86_64__)
#define PHOST_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define PHOST_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

/*
 * The user comes from ihvd (IPC_CREDS, its first frame on channel A), which read the user
 * database while this process was starting: the host loads no NSS module as root, and a
 * cold start does not wait for the lookup after the exec (issue 16).
 */
int phost_sandbox_user(const char *user, char *err, size_t len)
{
	struct ipc_creds c;
	struct ipc_msg m;
	int rc;

	rc = ipc_recv(PHOST_FD_A, &phost.rx_a, &m, PHOST_CREDS_TIMEOUT_MS);
	if (rc < 0) {
		snprintf(err, len, "no user from ihvd (IPC_CREDS): %s",
			 rc == -ETIMEDOUT ? "timed out" : strerror(-rc));
		return -1;
	}
	rc = ipc_creds_parse(&m, &c);
	ipc_msg_free(&m);
	if (rc < 0) {
		snprintf(err, len, "ihvd broke the protocol in its IPC_CREDS");
		return -1;
	}
	if (c.error[0]) {
		snprintf(err, len, "%s", c.error);
		return -1;
	}
	if (geteuid() != 0)
		return 0; /* already unprivileged (tests as a user): nothing to drop */
	if (c.uid == 0) {
		snprintf(err, len, "plugin_user %s is root", user);
		return -1;
	}
	/* groups first, then the gid, then the uid: the order that cannot be undone */
	if (setgroups(0, NULL) < 0 || setresgid(c.gid, c.gid, c.gid) < 0 ||
	    setresuid(c.uid, c.uid, c.uid) < 0) {
		snprintf(err, len, "cannot become %s: %s", user, strerror(errno));
		return -1;
	}
	/* a uid change from 0 clears every capability set; check it did */
	if (setuid(0) == 0) {
		snprintf(err, len, "could become root again after dropping to %s", user);
		return -1;
	}
	return 0;
}

/* One async-signal-safe IPC_FAULT frame on the fault pipe (<= PIPE_BUF: atomic). */
static void phost_sandbox_report(uint32_t kind, uint32_t number)
{
	uint8_t f[IPC_HDR_LEN + 3 * 4];
	uint32_t v[2];
	uint32_t call = (uint32_t)phost.cur_call;
	uint32_t fields[3] = { kind, number, call };
	uint16_t t = IPC_FAULT, id = 0;
	size_t off = IPC_HDR_LEN;
	int i;

	v[0] = IPC_MAGIC;
	v[1] = 3 * 4; /* three u32 fields (ipc-ids.h) */
	memcpy(f, &v[0], 4);
	memcpy(f + 4, &t, 2);
	memcpy(f + 6, &id, 2);
	memcpy(f + 8, &v[1], 4);
	for (i = 0; i < 3; i++, off += 4)
		memcpy(f + off, &fields[i], 4);
	if (write(PHOST_FD_FAULT, f, off) < 0) {
		/* nothing to do: ihvd still sees the signal */
	}
}

static void phost_sandbox_on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGSYS)
		phost_sandbox_report(IPC_FAULT_SYSCALL, (uint32_t)si->si_syscall);
	else
		phost_sandbox_report(IPC_FAULT_SIGNAL, (uint32_t)sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

void phost_sandbox_fault_handlers(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGSYS };
	static uint8_t altstack[65536];
	struct sigaction sa;
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	size_t i;

	sigaltstack(&ss, NULL); /* a stack overflow still reports */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = phost_sandbox_on_fault;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

#define PHOST_CLONE_NS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | \
			CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP)

#define PHOST_ALLOW(nr) \
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

int phost_sandbox_seccomp(char *err, size_t len)
{
#ifdef PHOST_AUDIT_ARCH
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PHOST_AUDIT_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		/* clone3 hides its flags in memory: ENOSYS, and glibc falls back to clone */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		/* clone: threads (and plain forks) yes, new namespaces no */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 4),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, PHOST_CLONE_NS, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		/* I/O on descriptors we have */
		PHOST_ALLOW(__NR_read), PHOST_ALLOW(__NR_write), PHOST_ALLOW(__NR_readv),
		PHOST_ALLOW(__NR_writev), PHOST_ALLOW(__NR_sendto), PHOST_ALLOW(__NR_recvfrom),
		PHOST_ALLOW(__NR_pread64), PHOST_ALLOW(__NR_close),
		PHOST_ALLOW(__NR_lseek), PHOST_ALLOW(__NR_fstat), PHOST_ALLOW(__NR_newfstatat),
		PHOST_ALLOW(__NR_statx), PHOST_ALLOW(__NR_fcntl), PHOST_ALLOW(__NR_ppoll),
#ifdef __NR_poll
		PHOST_ALLOW(__NR_poll),
#endif
		/* files: dlopen, OpenSSL's configuration; permissions decide what is readable */
		PHOST_ALLOW(__NR_openat), PHOST_ALLOW(__NR_faccessat), PHOST_ALLOW(__NR_getcwd),
		PHOST_ALLOW(__NR_readlinkat), PHOST_ALLOW(__NR_getdents64),
#ifdef __NR_open
		PHOST_ALLOW(__NR_open), PHOST_ALLOW(__NR_access), PHOST_ALLOW(__NR_readlink),
		PHOST_ALLOW(__NR_stat), PHOST_ALLOW(__NR_lstat),
#endif
		/* memory */
		PHOST_ALLOW(__NR_mmap), PHOST_ALLOW(__NR_munmap), PHOST_ALLOW(__NR_mprotect),
		PHOST_ALLOW(__NR_mremap), PHOST_ALLOW(__NR_brk), PHOST_ALLOW(__NR_madvise),
		/* threads and signals */
		PHOST_ALLOW(__NR_futex),
		PHOST_ALLOW(__NR_set_robust_list), PHOST_ALLOW(__NR_rseq),
		PHOST_ALLOW(__NR_set_tid_address), PHOST_ALLOW(__NR_sched_yield),
		PHOST_ALLOW(__NR_sched_getaffinity), PHOST_ALLOW(__NR_rt_sigaction),
		PHOST_ALLOW(__NR_rt_sigprocmask), PHOST_ALLOW(__NR_rt_sigreturn),
		PHOST_ALLOW(__NR_sigaltstack), PHOST_ALLOW(__NR_tgkill), PHOST_ALLOW(__NR_gettid),
		PHOST_ALLOW(__NR_getpid), PHOST_ALLOW(__NR_exit), PHOST_ALLOW(__NR_exit_group),
		PHOST_ALLOW(__NR_prctl),
		/*
		 * A timed sleep (poll with a deadline, nanosleep, a futex wait) that a stop
		 * interrupts, SIGSTOP then SIGCONT as from a shell's ^Z or a debugger's attach,
		 * resumes through restart_syscall, which carries on the call already admitted.
		 */
		PHOST_ALLOW(__NR_restart_syscall),
		/* time and randomness */
		PHOST_ALLOW(__NR_clock_gettime), PHOST_ALLOW(__NR_clock_getres),
		PHOST_ALLOW(__NR_gettimeofday), PHOST_ALLOW(__NR_nanosleep),
		PHOST_ALLOW(__NR_clock_nanosleep), PHOST_ALLOW(__NR_getrandom),
		/* identity (read-only) */
		PHOST_ALLOW(__NR_getuid), PHOST_ALLOW(__NR_geteuid), PHOST_ALLOW(__NR_getgid),
		PHOST_ALLOW(__NR_getegid), PHOST_ALLOW(__NR_uname), PHOST_ALLOW(__NR_sysinfo),
		PHOST_ALLOW(__NR_getrlimit), PHOST_ALLOW(__NR_prlimit64),
		/* everything else: a SIGSYS we report (socket, ptrace, execve, ioctl, ...) */
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) {
		snprintf(err, len, "seccomp: %s", strerror(errno));
		return -1;
	}
	return 0;
#else
	snprintf(err, len, "seccomp: no filter for this architecture");
	return -1;
#endif
}
