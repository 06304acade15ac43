/* SPDX-License-Identifier: MIT */
/*
 * xs-bench: store operations per second against a running xenstored,
 * speaking the wire protocol directly on its socket. For READ and WRITE it
 * runs N operations R times and prints the median, min and max rate, once
 * with one request in flight (a client waiting for each reply, as
 * libxenstore does) and once with DEPTH requests in flight (the store's
 * own throughput).
 *
 *   xs-bench --socket PATH [--ops N] [--runs R] [--depth D]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <public/io/xs_wire.h>

#define KEYS		64
#define MAX_RUNS	101

struct bench {
	int fd;
	unsigned int ops, runs, depth;
	uint32_t next_req;
};

static void die(const char *what)
{
	fprintf(stderr, "xs-bench: %s: %s\n", what, errno ? strerror(errno) : "protocol error");
	exit(EXIT_FAILURE);
}

static void write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n <= 0)
			die("write");
		p += n;
		len -= (size_t)n;
	}
}

static void read_all(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = read(fd, p, len);

		if (n <= 0) {
			if (n == 0)
				errno = 0;
			die("read");
		}
		p += n;
		len -= (size_t)n;
	}
}

/* Builds request i of the kind into buf; returns its size. */
static size_t build(struct bench *b, uint32_t type, unsigned int i, char *buf)
{
	struct shale_xs_msg_header *h = (struct shale_xs_msg_header *)buf;
	char *payload = buf + sizeof(*h);
	int n = sprintf(payload, "/bench/key%u", i % KEYS) + 1;

	if (type == SHALE_XS_WRITE)
		n += sprintf(payload + n, "value-%u", i);
	h->type = type;
	h->req_id = b->next_req++;
	h->tx_id = 0;
	h->len = (uint32_t)n;
	return sizeof(*h) + (size_t)n;
}

static void expect_reply(struct bench *b, uint32_t type)
{
	struct shale_xs_msg_header h;
	char payload[SHALE_XS_PAYLOAD_MAX];

	read_all(b->fd, &h, sizeof(h));
	if (h.len > sizeof(payload)) {
		errno = 0;
		die("reply too long");
	}
	read_all(b->fd, payload, h.len);
	if (h.type != type) {
		fprintf(stderr, "xs-bench: request failed: %.*s\n", (int)h.len, payload);
		exit(EXIT_FAILURE);
	}
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One run: ops requests, depth of them in flight at a time; returns ops per second. */
static double run_once(struct bench *b, uint32_t type, unsigned int depth)
{
	static char batch[64 * (sizeof(struct shale_xs_msg_header) + 64)];
	double start = now_seconds();
	unsigned int done = 0;

	while (done < b->ops) {
		unsigned int n = b->ops - done < depth ? b->ops - done : depth, i;
		size_t len = 0;

		for (i = 0; i < n; i++)
			len += build(b, type, done + i, batch + len);
		write_all(b->fd, batch, len);
		for (i = 0; i < n; i++)
			expect_reply(b, type);
		done += n;
	}
	return b->ops / (now_seconds() - start);
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void measure(struct bench *b, const char *name, uint32_t type, unsigned int depth)
{
	double rates[MAX_RUNS];
	unsigned int r;

	for (r = 0; r < b->runs; r++)
		rates[r] = run_once(b, type, depth);
	qsort(rates, b->runs, sizeof(rates[0]), compare_double);
	printf("xenstore %s, %u in flight: median %.0f ops/s (min %.0f, max %.0f; %u runs of %u)\n",
	       name, depth, rates[b->runs / 2], rates[0], rates[b->runs - 1], b->runs, b->ops);
}

static int connect_to(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || strlen(path) >= sizeof(addr.sun_path))
		die("socket");
	strcpy(addr.sun_path, path);
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		die(path);
	return fd;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "ops", required_argument, NULL, 'n' },
		{ "runs", required_argument, NULL, 'r' },
		{ "depth", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct bench b = { .ops = 20000, .runs = 5, .depth = 32, .next_req = 1 };
	const char *socket_path = NULL;
	int c;

	while ((c = getopt_long(argc, argv, "s:n:r:d:", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			socket_path = optarg;
			break;
		case 'n':
			b.ops = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		case 'r':
			b.runs = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		case 'd':
			b.depth = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		default:
			return 2;
		}
	}
	if (!socket_path || !b.ops || !b.runs || b.runs > MAX_RUNS || !b.depth || b.depth > 64) {
		fprintf(stderr, "usage: xs-bench --socket PATH [--ops N] [--runs R (1-%d)] "
			"[--depth D (1-64)]\n", MAX_RUNS);
		return 2;
	}
	b.fd = connect_to(socket_path);
	/* The keys exist before reads are timed. */
	run_once(&b, SHALE_XS_WRITE, b.depth);
	measure(&b, "WRITE", SHALE_XS_WRITE, 1);
	measure(&b, "READ", SHALE_XS_READ, 1);
	measure(&b, "WRITE", SHALE_XS_WRITE, b.depth);
	measure(&b, "READ", SHALE_XS_READ, b.depth);
	close(b.fd);
	return 0;
}
