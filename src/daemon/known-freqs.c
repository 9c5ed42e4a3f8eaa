// SPDX-License-Identifier: BSD-3-Clause
/*
 * The channels of the last authorized links, kept across restarts: the file's
 * parser, its reading and its writing (known-freqs.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/hex.h"
#include "common/log.h"
#include "daemon/known-freqs.h"

#define KNOWN_FREQS_HEADER "# ihvd known frequencies v1\n"

bool known_freqs_is_channel(uint32_t f)
{
	if (f >= 2412 && f <= 2472)
		return (f - 2412) % 5 == 0;
	if (f == 2484)
		return true;
	if ((f >= 4910 && f <= 4990) || (f >= 5030 && f <= 5925))
		return f % 5 == 0;
	if (f == 5935)
		return true;
	if (f >= 5955 && f <= 7115)
		return (f - 5955) % 20 == 0;
	return false;
}

/* One line, without its newline: "FREQ SSIDHEX" (the hex may be empty). */
static bool known_freqs_line_parse(const char *s, size_t len, struct known_freq *out)
{
	size_t i = 0, hex_len;
	uint32_t freq = 0;

	while (i < len && s[i] >= '0' && s[i] <= '9' && i < 5)
		freq = freq * 10 + (uint32_t)(s[i++] - '0');
	if (i == 0 || i == len || s[i] != ' ')
		return false;
	if (!known_freqs_is_channel(freq))
		return false;
	i++;
	hex_len = len - i;
	if (hex_len % 2 || hex_len / 2 > DRV_SSID_MAX)
		return false;
	out->freq = freq;
	out->ssid_len = hex_len / 2;
	return !hex_len ||
	       hex_decode(s + i, hex_len, out->ssid, DRV_SSID_MAX) == (int)(hex_len / 2);
}

size_t known_freqs_parse(const char *text, size_t len, struct known_freq *out, size_t max,
			 size_t *bad)
{
	size_t off = 0, n = 0, skipped = 0;

	while (off < len) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t l = nl ? (size_t)(nl - (text + off)) : len - off;
		struct known_freq f = { 0 };

		size_t body = l && text[off + l - 1] == '\r' ? l - 1 : l;

		if (body && text[off] != '#') {
			if (!known_freqs_line_parse(text + off, body, &f) || n == max)
				skipped++;
			else
				out[n++] = f;
		}
		off += l + (nl != NULL);
	}
	if (bad)
		*bad = skipped;
	return n;
}

int known_freqs_load(const char *path, struct known_freq *out, size_t max, size_t *n)
{
	char buf[KNOWN_FREQS_FILE_MAX + 1];
	size_t len = 0, bad = 0;
	struct stat sb;
	ssize_t r;
	int fd, e;

	*n = 0;
	/* not blocked by a FIFO put there: only a regular file is read */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	e = fstat(fd, &sb) < 0 ? errno : S_ISREG(sb.st_mode) ? 0 : EINVAL;
	if (e) {
		close(fd);
		return -e;
	}
	/* one byte more than allowed tells a file that is too large */
	while (len < sizeof(buf) && (r = read(fd, buf + len, sizeof(buf) - len)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			close(fd);
			return -e;
		}
		len += (size_t)r;
	}
	close(fd);
	if (len > KNOWN_FREQS_FILE_MAX)
		return -EFBIG;
	*n = known_freqs_parse(buf, len, out, max, &bad);
	if (!bad)
		return 0;
	log_warn("%s: %zu line(s) skipped (not \"MHZ SSID-HEX\" of a channel, or more than %zu "
		 "links)", path, bad, max);
	return 1;
}

int known_freqs_text_format(const struct known_freq *l, size_t n, char *buf, size_t cap)
{
	char hex[2 * DRV_SSID_MAX + 1];
	size_t len = strlen(KNOWN_FREQS_HEADER), i;
	int k;

	if (cap <= len)
		return -E2BIG;
	memcpy(buf, KNOWN_FREQS_HEADER, len + 1);
	for (i = 0; i < n; i++) {
		hex_encode(l[i].ssid, l[i].ssid_len < DRV_SSID_MAX ? l[i].ssid_len : DRV_SSID_MAX,
			   hex);
		k = snprintf(buf + len, cap - len, "%u %s\n", l[i].freq, hex);
		if (k < 0 || (size_t)k >= cap - len)
			return -E2BIG;
		len += (size_t)k;
	}
	return (int)len;
}

int known_freqs_save(const char *path, const struct known_freq *l, size_t n)
{
	char text[KNOWN_FREQS_FILE_MAX], tmp[PATH_MAX];
	int fd, e, k = known_freqs_text_format(l, n, text, sizeof(text));
	size_t len;
	ssize_t w;

	if (k < 0)
		return k;
	len = (size_t)k;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	/*
	 * One write of at most a page, and no fsync: a crash may leave the old file, or an
	 * empty one, never a mix of the two (rename), and either costs one wider scan.
	 */
	w = write(fd, text, len);
	e = w < 0 ? errno : EIO; /* a short write: the disk is full */
	if (close(fd) < 0 && w == (ssize_t)len) {
		e = errno;
		w = -1;
	}
	if (w != (ssize_t)len) {
		unlink(tmp);
		return -e;
	}
	if (rename(tmp, path) < 0) {
		e = errno;
		unlink(tmp);
		return -e;
	}
	return 0;
}
