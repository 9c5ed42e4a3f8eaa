// SPDX-License-Identifier: BSD-3-Clause
/*
 * The EAP peer (src/eap, on OpenSSL's TLS) as a module that ihvd loads on the first 802.1X
 * connection (issue 16: memory). ihvd itself links no libssl or libcrypto: an ihvd that only
 * ever joins PSK and SAE networks maps neither (the plugin does its own crypto, in its own
 * process by default), which is about 1.9 MB of VmHWM that iwd does not pay either.
 *
 * This file gives ihvd the eap-peer.h API; each function forwards to ihvd-eap.so, loaded
 * once with dlopen. The module is found as $IHVD_EAP_MODULE, beside ihvd (a build tree),
 * in ../libexec/ihvd/ (an installed tree), else at IHVD_EAP_MODULE_PATH. Only ihvd links
 * this file; the tests and tools link src/eap directly.
 *
 * When the module cannot be loaded, the constructors return NULL (the 802.1X module then
 * fails the connection like any other failure to start the peer) and the reason is logged
 * once.
 */
#include "eap/eap-peer.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/exe-path.h"
#include "common/log.h"

#ifndef IHVD_EAP_MODULE_PATH
#define IHVD_EAP_MODULE_PATH "/usr/local/libexec/ihvd/ihvd-eap.so"
#endif

static struct {
	struct eap_session_cache *(*cache_new)(void);
	void (*cache_clear)(struct eap_session_cache *c);
	void (*cache_free)(struct eap_session_cache *c);
	struct eap_peer *(*peer_new)(const struct eap_peer_config *cfg,
				     struct eap_session_cache *cache);
	void (*peer_free)(struct eap_peer *p);
	enum eap_peer_status (*start)(struct eap_peer *p);
	enum eap_peer_status (*rx)(struct eap_peer *p, const uint8_t *pdu, size_t len);
	unsigned int (*timeout_ms)(const struct eap_peer *p);
	enum eap_peer_status (*timeout)(struct eap_peer *p);
	enum eap_peer_status (*set_identity)(struct eap_peer *p, const char *identity);
	enum eap_peer_status (*set_password)(struct eap_peer *p, const char *password);
	enum eap_peer_status (*logoff)(struct eap_peer *p);
	const uint8_t *(*tx)(struct eap_peer *p, size_t *len);
	const struct eap_peer_result *(*result)(const struct eap_peer *p);
	const char *(*left_out)(const struct eap_peer *p);
	const char *(*status_str)(enum eap_peer_status s);
	const char *(*reason_str)(enum eap_peer_reason r);
	void (*warm)(void);
	bool (*warm_network)(const struct eap_peer_config *cfg);
	void (*warm_release)(void);
} eap_load_fn;

static pthread_once_t eap_load_once = PTHREAD_ONCE_INIT;
static bool eap_load_ok;

/* dlsym into *slot; false (logged) when the module lacks the symbol. */
static bool eap_load_sym(void *h, const char *name, void *slot)
{
	void *f = dlsym(h, name);

	if (!f) {
		log_err("EAP module: no %s in it (%s); 802.1X is unavailable", name, dlerror());
		return false;
	}
	memcpy(slot, &f, sizeof(f));
	return true;
}

static void eap_load_run(void)
{
	static const char *const rels[] = { "ihvd-eap.so", "../libexec/ihvd/ihvd-eap.so" };
	const char *env = getenv("IHVD_EAP_MODULE");
	char *found = NULL;
	unsigned int (*abi)(void) = NULL;
	const char *path;
	void *h;

	if (env && *env)
		path = env;
	else if ((found = exe_path_beside(rels, sizeof(rels) / sizeof(rels[0]), R_OK)))
		path = found;
	else
		path = IHVD_EAP_MODULE_PATH;
	/* RTLD_LOCAL: its symbols stay its own; the module is linked -Bsymbolic for the same
	 * reason (these trampolines carry the same names in ihvd's exported table). */
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		log_err("EAP module %s cannot be loaded (%s); 802.1X is unavailable", path,
			dlerror());
		free(found);
		return;
	}
	/* a module of another build reads our structures at other offsets: refused unused */
	if (!eap_load_sym(h, "eap_peer_abi", &abi) || abi() != EAP_PEER_ABI) {
		log_err("EAP module %s is of another ihvd build (its interface %u, ours %u); "
			"802.1X is unavailable", path, abi ? abi() : 0, EAP_PEER_ABI);
		dlclose(h);
		free(found);
		return;
	}
	log_info("EAP module %s loaded for 802.1X", path);
	free(found);
	eap_load_ok = eap_load_sym(h, "eap_session_cache_new", &eap_load_fn.cache_new) &&
		      eap_load_sym(h, "eap_session_cache_clear", &eap_load_fn.cache_clear) &&
		      eap_load_sym(h, "eap_session_cache_free", &eap_load_fn.cache_free) &&
		      eap_load_sym(h, "eap_peer_new", &eap_load_fn.peer_new) &&
		      eap_load_sym(h, "eap_peer_free", &eap_load_fn.peer_free) &&
		      eap_load_sym(h, "eap_peer_start", &eap_load_fn.start) &&
		      eap_load_sym(h, "eap_peer_rx", &eap_load_fn.rx) &&
		      eap_load_sym(h, "eap_peer_timeout_ms", &eap_load_fn.timeout_ms) &&
		      eap_load_sym(h, "eap_peer_timeout", &eap_load_fn.timeout) &&
		      eap_load_sym(h, "eap_peer_set_identity", &eap_load_fn.set_identity) &&
		      eap_load_sym(h, "eap_peer_set_password", &eap_load_fn.set_password) &&
		      eap_load_sym(h, "eap_peer_logoff", &eap_load_fn.logoff) &&
		      eap_load_sym(h, "eap_peer_tx", &eap_load_fn.tx) &&
		      eap_load_sym(h, "eap_peer_result", &eap_load_fn.result) &&
		      eap_load_sym(h, "eap_peer_left_out", &eap_load_fn.left_out) &&
		      eap_load_sym(h, "eap_peer_status_str", &eap_load_fn.status_str) &&
		      eap_load_sym(h, "eap_peer_reason_str", &eap_load_fn.reason_str) &&
		      eap_load_sym(h, "eap_peer_warm", &eap_load_fn.warm) &&
		      eap_load_sym(h, "eap_peer_warm_network", &eap_load_fn.warm_network) &&
		      eap_load_sym(h, "eap_peer_warm_release", &eap_load_fn.warm_release);
}

static bool eap_load(void)
{
	pthread_once(&eap_load_once, eap_load_run);
	return eap_load_ok;
}

/* The constructors load the module; every other call holds an object they made. */
struct eap_session_cache *eap_session_cache_new(void)
{
	return eap_load() ? eap_load_fn.cache_new() : NULL;
}

struct eap_peer *eap_peer_new(const struct eap_peer_config *cfg, struct eap_session_cache *cache)
{
	return eap_load() ? eap_load_fn.peer_new(cfg, cache) : NULL;
}

void eap_session_cache_clear(struct eap_session_cache *c)
{
	if (c)
		eap_load_fn.cache_clear(c);
}

void eap_session_cache_free(struct eap_session_cache *c)
{
	if (c)
		eap_load_fn.cache_free(c);
}

void eap_peer_free(struct eap_peer *p)
{
	if (p)
		eap_load_fn.peer_free(p);
}

enum eap_peer_status eap_peer_start(struct eap_peer *p)
{
	return eap_load_fn.start(p);
}

enum eap_peer_status eap_peer_rx(struct eap_peer *p, const uint8_t *pdu, size_t len)
{
	return eap_load_fn.rx(p, pdu, len);
}

unsigned int eap_peer_timeout_ms(const struct eap_peer *p)
{
	return eap_load_fn.timeout_ms(p);
}

enum eap_peer_status eap_peer_timeout(struct eap_peer *p)
{
	return eap_load_fn.timeout(p);
}

enum eap_peer_status eap_peer_set_identity(struct eap_peer *p, const char *identity)
{
	return eap_load_fn.set_identity(p, identity);
}

enum eap_peer_status eap_peer_set_password(struct eap_peer *p, const char *password)
{
	return eap_load_fn.set_password(p, password);
}

enum eap_peer_status eap_peer_logoff(struct eap_peer *p)
{
	return eap_load_fn.logoff(p);
}

const uint8_t *eap_peer_tx(struct eap_peer *p, size_t *len)
{
	return eap_load_fn.tx(p, len);
}

const struct eap_peer_result *eap_peer_result(const struct eap_peer *p)
{
	return eap_load_fn.result(p);
}

const char *eap_peer_left_out(const struct eap_peer *p)
{
	return eap_load_fn.left_out(p);
}

const char *eap_peer_status_str(enum eap_peer_status s)
{
	return eap_load() ? eap_load_fn.status_str(s) : "(EAP module not loaded)";
}

const char *eap_peer_reason_str(enum eap_peer_reason r)
{
	return eap_load() ? eap_load_fn.reason_str(r) : "(EAP module not loaded)";
}

/* Loads the module too: that dlopen (libssl, libcrypto) is part of what leaves the air. */
void eap_peer_warm(void)
{
	if (eap_load())
		eap_load_fn.warm();
}

bool eap_peer_warm_network(const struct eap_peer_config *cfg)
{
	return eap_load() && eap_load_fn.warm_network(cfg);
}

/* At shutdown, after the warm-up thread: loads nothing (a module never loaded built nothing). */
void eap_peer_warm_release(void)
{
	if (eap_load_ok)
		eap_load_fn.warm_release();
}
