// SPDX-License-Identifier: BSD-3-Clause
/* Interface up through SIOCGIFFLAGS/SIOCSIFFLAGS (no RTNL library needed). */
#include "nl80211/link.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

int nl80211_link_up(uint32_t ifindex, bool *was_up)
{
	struct ifreq ifr;
	int fd, err = 0;

	memset(&ifr, 0, sizeof(ifr));
	if (!if_indextoname(ifindex, ifr.ifr_name))
		return -errno;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		err = -errno;
		goto out;
	}
	*was_up = ifr.ifr_flags & IFF_UP;
	if (!*was_up) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			err = -errno;
	}
out:
	close(fd);
	return err;
}
