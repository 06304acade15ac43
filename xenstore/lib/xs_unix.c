/* SPDX-License-Identifier: MIT */
/*
 * The host transport: the store's Unix stream socket. Only host tools
 * link this file; dom0 supplies its own transport (see xs.h).
 */
#include "xs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define XS_DEFAULT_SOCKET "/var/run/xenstored/socket"

struct xs_unix {
	int fd;
};

static int unix_send(void *ctx, const void *buf, size_t len)
{
	struct xs_unix *u = ctx;
	const char *p = buf;

	while (len) {
		/* MSG_NOSIGNAL: a closed store is an error to report, not a SIGPIPE. */
		ssize_t n = send(u->fd, p, len, MSG_NOSIGNAL);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static long unix_recv(void *ctx, void *buf, size_t max, bool block)
{
	struct xs_unix *u = ctx;

	for (;;) {
		ssize_t n = recv(u->fd, buf, max, block ? 0 : MSG_DONTWAIT);

		if (n > 0)
			return (long)n;
		if (n == 0)
			return -ECONNRESET;
		if (errno == EINTR)
			continue;
		if (!block && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		return -errno;
	}
}

static int unix_fileno(void *ctx)
{
	struct xs_unix *u = ctx;

	return u->fd;
}

static void unix_close(void *ctx)
{
	struct xs_unix *u = ctx;

	close(u->fd);
	free(u);
}

static int connect_socket(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

struct xs_handle *xs_open_socket(const char *path)
{
	struct xs_transport t = {
		.send = unix_send,
		.recv = unix_recv,
		.fileno = unix_fileno,
		.close = unix_close,
	};
	struct xs_handle *h;
	struct xs_unix *u = malloc(sizeof(*u));

	if (!u)
		return NULL;
	u->fd = connect_socket(path);
	if (u->fd < 0) {
		free(u);
		return NULL;
	}
	t.ctx = u;
	h = xs_open_transport(&t);
	if (!h) {
		unix_close(u);
		errno = ENOMEM;
	}
	return h;
}

struct xs_handle *xs_open(unsigned long flags)
{
	const char *path = getenv("XENSTORED_PATH");

	if (!path || !*path)
		path = XS_DEFAULT_SOCKET;
	return xs_open_socket(path);
}
