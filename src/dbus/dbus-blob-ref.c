// SPDX-License-Identifier: BSD-3-Clause
/*
 * ca_cert / client_cert / private_key = "blob://NAME": a certificate or key
 * handed over with AddBlob instead of a path. NetworkManager sends AddNetwork
 * first and its blobs after it, then SelectNetwork; so AddNetwork only notes
 * the reference (network, field, name), and SelectNetwork resolves it: the
 * blob's bytes go to a file of their own (mode 0600, in a mode-0700
 * directory made with mkdtemp under $RUNTIME_DIRECTORY, /run or /tmp), whose
 * path becomes the field's value, as if the file had named it. The file
 * lives while the network does (reconnects read it again) and is unlinked
 * when the network or the interface goes. A blob may be a private key: its
 * bytes are never logged, and only the file's path is.
 */
#include "dbus/dbus-int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"

static const char dbus_blob_ref_prefix[] = "blob://";

bool dbus_blob_ref_field(const char *key)
{
	return !strcmp(key, "ca_cert") || !strcmp(key, "client_cert") ||
	       !strcmp(key, "private_key");
}

/* A quoted "blob://NAME" -> NAME (in name), or NULL if the text is not one. */
const char *dbus_blob_ref_name(const char *text, char *name, size_t len)
{
	size_t n = strlen(text), p = sizeof(dbus_blob_ref_prefix) - 1;

	if (n < p + 3 || text[0] != '"' || text[n - 1] != '"' ||
	    strncmp(text + 1, dbus_blob_ref_prefix, p))
		return NULL;
	n -= p + 2;
	if (n >= len)
		return NULL;
	memcpy(name, text + 1 + p, n);
	name[n] = 0;
	return name;
}

int dbus_blob_ref_add(struct dbus_iface *di, int id, const char *field, const char *name,
		      sd_bus_error *e)
{
	struct dbus_blob_ref *r = NULL;
	size_t k;

	if (!*name || strlen(name) >= sizeof(r->name))
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "network property '%s': blob:// needs a name of 1..%zu chars",
					 field, sizeof(r->name) - 1);
	for (k = 0; k < DBUS_BLOB_REFS_MAX; k++) {
		if (di->refs[k].id == id && !strcmp(di->refs[k].field, field)) {
			r = &di->refs[k];
			break;
		}
		if (!r && !di->refs[k].field[0])
			r = &di->refs[k];
	}
	if (!r)
		return sd_bus_error_setf(e, DBUS_ERR_UNKNOWN_ERROR,
					 "network property '%s': at most %d blob:// references",
					 field, DBUS_BLOB_REFS_MAX);
	r->id = id;
	snprintf(r->field, sizeof(r->field), "%s", field);
	snprintf(r->name, sizeof(r->name), "%s", name);
	return 0;
}

static int dbus_blob_ref_dir(struct dbus_iface *di)
{
	const char *bases[] = { getenv("RUNTIME_DIRECTORY"), "/run", "/tmp" };
	size_t k;

	if (di->blob_dir[0])
		return 0;
	for (k = 0; k < sizeof(bases) / sizeof(bases[0]); k++) {
		if (!bases[k] || !*bases[k] || strchr(bases[k], ':'))
			continue;
		if (snprintf(di->blob_dir, sizeof(di->blob_dir), "%s/ihvd-blobs-XXXXXX", bases[k]) >=
		    (int)sizeof(di->blob_dir))
			continue;
		if (mkdtemp(di->blob_dir))
			return 0;
	}
	di->blob_dir[0] = 0;
	return -errno;
}

static int dbus_blob_ref_write(const char *path, const struct dbus_blob *b)
{
	size_t off = 0;
	ssize_t w;
	int fd, err = 0;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	while (off < b->len) {
		w = write(fd, b->data + off, b->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			err = w < 0 ? -errno : -EIO;
			break;
		}
		off += (size_t)w;
	}
	if (close(fd) < 0 && !err)
		err = -errno;
	if (err)
		unlink(path);
	return err;
}

int dbus_blob_ref_apply(struct dbus_iface *di, struct config_network *n, sd_bus_error *e)
{
	char path[DBUS_BLOB_PATH_MAX], text[DBUS_BLOB_PATH_MAX + 3], err[256];
	const struct dbus_blob *b;
	size_t k;
	int r;

	for (k = 0; k < DBUS_BLOB_REFS_MAX; k++) {
		struct dbus_blob_ref *ref = &di->refs[k];

		if (!ref->field[0] || ref->id != n->id)
			continue;
		b = dbus_iface_blob_find(di, ref->name);
		if (!b)
			return sd_bus_error_setf(e, DBUS_ERR_BLOB_UNKNOWN,
						 "SelectNetwork: %s names blob://%s, which no AddBlob "
						 "gave", ref->field, ref->name);
		r = dbus_blob_ref_dir(di);
		if (r < 0)
			return sd_bus_error_setf(e, DBUS_ERR_UNKNOWN_ERROR,
						 "SelectNetwork: no private directory for blobs: %s",
						 strerror(-r));
		snprintf(path, sizeof(path), "%s/%d-%s", di->blob_dir, ref->id, ref->field);
		r = dbus_blob_ref_write(path, b);
		if (r < 0)
			return sd_bus_error_setf(e, DBUS_ERR_UNKNOWN_ERROR,
						 "SelectNetwork: writing blob://%s: %s", ref->name,
						 strerror(-r));
		snprintf(text, sizeof(text), "\"%s\"", path);
		if (config_network_set(n, ref->field, text, err, sizeof(err)) < 0)
			return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
						 "SelectNetwork: blob://%s as %s: %s", ref->name,
						 ref->field, err);
		log_debug("dbus: network %d %s = blob://%s (%zu bytes) in %s", ref->id, ref->field,
			  ref->name, b->len, path);
	}
	return 0;
}

void dbus_blob_ref_forget(struct dbus_iface *di, int id)
{
	char path[DBUS_BLOB_PATH_MAX];
	size_t k;

	for (k = 0; k < DBUS_BLOB_REFS_MAX; k++) {
		struct dbus_blob_ref *ref = &di->refs[k];

		if (!ref->field[0] || (id >= 0 && ref->id != id))
			continue;
		if (di->blob_dir[0]) {
			snprintf(path, sizeof(path), "%s/%d-%s", di->blob_dir, ref->id, ref->field);
			unlink(path);
		}
		*ref = (struct dbus_blob_ref){ 0 };
	}
	if (id < 0 && di->blob_dir[0]) {
		rmdir(di->blob_dir);
		di->blob_dir[0] = 0;
	}
}
