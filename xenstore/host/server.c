/* SPDX-License-Identifier: MIT */
/* The socket server: accept, read requests into the store, write its output back. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "server.h"

/* A client that has this much unread output is not read from until it catches up. */
#define READ_PAUSE_BYTES	(64 * 1024)
#define MAX_CLIENTS		4096

struct client {
	int fd;
	bool dead;
	struct store_conn *conn;
	size_t out_len, out_sent;	/* bytes taken from the store, not yet written */
	uint8_t out[16384];
};

struct server {
	struct store *store;
	int listen_fd;
	struct client **clients;
	size_t nclients;
	struct pollfd *pfds;
};

int server_listen(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	struct stat st;
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path)) {
		fprintf(stderr, "xenstored: socket path too long: %s\n", path);
		return -1;
	}
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("xenstored: socket");
		return -1;
	}
	if (stat(path, &st) == 0 && S_ISSOCK(st.st_mode)) {
		/* A socket nobody answers on is left over from a daemon that died. */
		int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

		if (probe >= 0 && connect(probe, (struct sockaddr *)&addr, sizeof(addr)) == 0) {
			fprintf(stderr, "xenstored: a daemon already listens on %s\n", path);
			close(probe);
			close(fd);
			return -1;
		}
		if (probe >= 0)
			close(probe);
		unlink(path);
	}
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(fd, 64) < 0) {
		fprintf(stderr, "xenstored: %s: %s\n", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static void accept_clients(struct server *srv)
{
	for (;;) {
		int fd = accept4(srv->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct client *c, **grown;

		if (fd < 0)
			return;
		c = calloc(1, sizeof(*c));
		grown = realloc(srv->clients, (srv->nclients + 1) * sizeof(*grown));
		if (grown)
			srv->clients = grown;
		if (!c || !grown || srv->nclients >= MAX_CLIENTS ||
		    !(c->conn = store_conn_new(srv->store, 0))) {
			free(c);
			close(fd);
			continue;
		}
		c->fd = fd;
		srv->clients[srv->nclients++] = c;
	}
}

static void read_client(struct client *c)
{
	uint8_t buf[65536];
	ssize_t n = read(c->fd, buf, sizeof(buf));

	if (n > 0) {
		if (store_conn_input(c->conn, buf, (size_t)n) < 0)
			c->dead = true;
	} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
		c->dead = true;
	}
}

/* Writes what the store has queued until the socket is full or nothing is left. */
static void write_client(struct client *c)
{
	while (!c->dead) {
		ssize_t n;

		if (c->out_sent == c->out_len) {
			c->out_len = store_conn_output(c->conn, c->out, sizeof(c->out));
			c->out_sent = 0;
			if (!c->out_len)
				return;
		}
		n = write(c->fd, c->out + c->out_sent, c->out_len - c->out_sent);
		if (n > 0)
			c->out_sent += (size_t)n;
		else if (n < 0 && errno == EAGAIN)
			return;
		else if (!(n < 0 && errno == EINTR))
			c->dead = true;
	}
}

static bool wants_output(const struct client *c)
{
	return c->out_sent < c->out_len || store_conn_has_output(c->conn);
}

static void close_client(struct client *c)
{
	close(c->fd);
	store_conn_free(c->conn);
	free(c);
}

/* Drops dead clients, and those that lost a watch event for not reading. */
static void reap_clients(struct server *srv)
{
	size_t i = 0;

	while (i < srv->nclients) {
		struct client *c = srv->clients[i];

		if (c->dead || store_conn_overflowed(c->conn)) {
			close_client(c);
			srv->clients[i] = srv->clients[--srv->nclients];
		} else {
			i++;
		}
	}
}

static int wait_events(struct server *srv, size_t *npfds)
{
	struct pollfd *p = realloc(srv->pfds, (srv->nclients + 1) * sizeof(*p));
	sigset_t none;
	size_t i;

	if (!p)
		return -1;
	srv->pfds = p;
	p[0].fd = srv->listen_fd;
	p[0].events = POLLIN;
	for (i = 0; i < srv->nclients; i++) {
		struct client *c = srv->clients[i];

		p[i + 1].fd = c->fd;
		p[i + 1].events = 0;
		if (store_conn_output_queued(c->conn) < READ_PAUSE_BYTES)
			p[i + 1].events |= POLLIN;
		if (wants_output(c))
			p[i + 1].events |= POLLOUT;
	}
	*npfds = srv->nclients + 1;
	sigemptyset(&none);
	return ppoll(p, *npfds, NULL, &none);
}

int server_run(struct store *store, int listen_fd, volatile sig_atomic_t *stop)
{
	struct server srv = { .store = store, .listen_fd = listen_fd };
	int rc = 0;

	while (!*stop) {
		size_t npfds, i;
		int n = wait_events(&srv, &npfds);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("xenstored: ppoll");
			rc = -1;
			break;
		}
		/* Clients first: accepting may move the array the pollfds follow. */
		for (i = 1; i < npfds; i++) {
			struct client *c = srv.clients[i - 1];
			short ev = srv.pfds[i].revents;

			if (ev & (POLLIN | POLLHUP | POLLERR))
				read_client(c);
		}
		/* Requests may have queued watch events for any client: flush them all. */
		for (i = 0; i < srv.nclients; i++)
			if (wants_output(srv.clients[i]))
				write_client(srv.clients[i]);
		if (srv.pfds[0].revents & POLLIN)
			accept_clients(&srv);
		reap_clients(&srv);
	}
	for (size_t i = 0; i < srv.nclients; i++)
		close_client(srv.clients[i]);
	free(srv.clients);
	free(srv.pfds);
	return rc;
}
