/* SPDX-License-Identifier: MIT */
/*
 * xenstored: the store on a Unix socket, for the host. Every socket client
 * is dom0, as with Xen's socket clients. The LMDB file keeps the store
 * across restarts. SIGTERM and SIGINT stop it cleanly (exit 0).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "options.h"
#include "server.h"
#include "store.h"

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
	stop_requested = 1;
}

/* SIGTERM/SIGINT are blocked except while the loop waits, so none is missed. */
static void setup_signals(void)
{
	struct sigaction sa = { .sa_handler = on_stop_signal };
	sigset_t set;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static void log_line(void *ctx, const char *line)
{
	fprintf(stderr, "xenstored: %s\n", line);
}

/* The socket daemon has no rings: an introduced domain just becomes known. */
static int introduce_domain(void *ctx, unsigned int domid, uint64_t mfn, uint32_t port)
{
	return 0;
}

/*
 * Forks; the parent waits until the child says it listens (one byte on the
 * pipe) and exits with 0, or 1 if the child failed first. LMDB must be
 * opened after the fork, in the process that uses it.
 */
static int daemonize(int *ready_fd)
{
	int fds[2];
	char byte;
	pid_t pid;

	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0) {
		close(fds[1]);
		exit(read(fds[0], &byte, 1) == 1 ? EXIT_SUCCESS : EXIT_FAILURE);
	}
	close(fds[0]);
	setsid();
	*ready_fd = fds[1];
	return 0;
}

static void detach_stdio(void)
{
	int fd = open("/dev/null", O_RDWR);

	if (fd < 0)
		return;
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
}

/*
 * Written whole under a temporary name and renamed into place, before the
 * socket listens: whoever can connect can also read a complete pid file.
 */
static int write_pid_file(const char *path)
{
	char tmp[PATH_MAX];
	FILE *f;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		fprintf(stderr, "xenstored: %s: name too long\n", path);
		return -1;
	}
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%d\n", (int)getpid()) < 0 || fclose(f) != 0 ||
	    rename(tmp, path) != 0) {
		fprintf(stderr, "xenstored: %s: %s\n", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct store_hooks hooks = { .introduce = introduce_domain, .log = log_line };
	struct store *store = NULL;
	struct options opts;
	int listen_fd = -1, ready_fd = -1, rc = EXIT_FAILURE;
	bool pid_written = false;
	char err[256];

	switch (options_parse(argc, argv, &opts)) {
	case 1:
		return EXIT_SUCCESS;
	case -1:
		return 2;
	}
	if (opts.daemonize && daemonize(&ready_fd) < 0) {
		perror("xenstored: fork");
		return EXIT_FAILURE;
	}
	setup_signals();
	store = store_open(opts.database, NULL, &hooks, err, sizeof(err));
	if (!store) {
		fprintf(stderr, "xenstored: cannot open the store: %s\n", err);
		goto out;
	}
	if (opts.pid_file) {
		if (write_pid_file(opts.pid_file) < 0)
			goto out;
		pid_written = true;
	}
	listen_fd = server_listen(opts.socket_path);
	if (listen_fd < 0)
		goto out;
	if (ready_fd >= 0) {
		detach_stdio();
		if (write(ready_fd, "", 1) != 1)
			goto out;
		close(ready_fd);
		ready_fd = -1;
	}
	rc = server_run(store, listen_fd, &stop_requested) ? EXIT_FAILURE : EXIT_SUCCESS;
out:
	if (listen_fd >= 0) {
		close(listen_fd);
		unlink(opts.socket_path);
	}
	if (pid_written)
		unlink(opts.pid_file);
	store_close(store);
	return rc;
}
