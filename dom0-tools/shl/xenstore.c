/* SPDX-License-Identifier: MIT */
/*
 * shl xenstore-ls, -read, -write, -rm, -watch: the store from dom0's shell,
 * with the output of Xen's xenstore tools. They run on an in-process
 * connection to dom0's store service, with dom0's rights.
 */
#include <console.h>
#include <errno.h>
#include <malloc.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include "shl.h"
#include "store/service.h"
#include "toolstack/errname.h"
#include "xs.h"
#include <public/io/xs_wire.h>

#define WATCH_POLL_MS	10

static struct xs_handle *open_store(const char *cmd)
{
	struct xs_handle *h = store_service_open();

	if (!h)
		shl_error("%s: the store is not running", cmd);
	return h;
}

static int store_error(const char *cmd, const char *path)
{
	return shl_error("%s: %s: %s", cmd, path, ts_errname(errno));
}

/* Prints value as Xen's xenstore tools do: unprintable bytes escaped (xs_escape_value). */
static void print_escaped(const char *value, unsigned int len)
{
	char buf[4 * 64 + 1];	/* an escape is at most 4 bytes */

	for (unsigned int off = 0; off < len; off += 64) {
		xs_escape_value(value + off, MIN(len - off, 64u), buf, sizeof(buf));
		printf("%s", buf);
	}
}

static int list_tree(struct xs_handle *h, const char *path, int depth)
{
	unsigned int n, len;
	char **names = xs_directory(h, XBT_NULL, path, &n);
	char child[SHALE_XS_PATH_MAX + 1];

	if (!names)
		return -1;
	for (unsigned int i = 0; i < n; i++) {
		char *value;

		snprintf(child, sizeof(child), "%s/%s", strcmp(path, "/") ? path : "", names[i]);
		value = xs_read(h, XBT_NULL, child, &len);
		printf("%*s%s = \"", depth, "", names[i]);
		if (value)
			print_escaped(value, len);
		printf("\"\n");
		free(value);
		list_tree(h, child, depth + 1);	/* a node removed meanwhile just lists nothing */
	}
	free(names);
	return 0;
}

int shl_xenstore_ls(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/";
	struct xs_handle *h;
	int rc = 0;

	if (argc > 2)
		return shl_usage("xenstore-ls");
	h = open_store("xenstore-ls");
	if (!h)
		return 1;
	if (list_tree(h, path, 0) < 0)
		rc = store_error("xenstore-ls", path);
	xs_close(h);
	return rc;
}

int shl_xenstore_read(int argc, char **argv)
{
	struct xs_handle *h;
	int rc = 0;

	if (argc < 2)
		return shl_usage("xenstore-read");
	h = open_store("xenstore-read");
	if (!h)
		return 1;
	for (int i = 1; i < argc && !rc; i++) {
		unsigned int len;
		char *value = xs_read(h, XBT_NULL, argv[i], &len);

		if (!value) {
			rc = store_error("xenstore-read", argv[i]);
			break;
		}
		print_escaped(value, len);
		printf("\n");
		free(value);
	}
	xs_close(h);
	return rc;
}

int shl_xenstore_write(int argc, char **argv)
{
	struct xs_handle *h;
	int rc = 0;

	if (argc < 3 || argc % 2 == 0)
		return shl_usage("xenstore-write");
	h = open_store("xenstore-write");
	if (!h)
		return 1;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!xs_write(h, XBT_NULL, argv[i], argv[i + 1], strlen(argv[i + 1]))) {
			rc = store_error("xenstore-write", argv[i]);
			break;
		}
	}
	xs_close(h);
	return rc;
}

int shl_xenstore_rm(int argc, char **argv)
{
	struct xs_handle *h;
	int rc = 0;

	if (argc < 2)
		return shl_usage("xenstore-rm");
	h = open_store("xenstore-rm");
	if (!h)
		return 1;
	for (int i = 1; i < argc; i++) {
		if (!xs_rm(h, XBT_NULL, argv[i])) {
			rc = store_error("xenstore-rm", argv[i]);
			break;
		}
	}
	xs_close(h);
	return rc;
}

/* True when a key was typed on dom0's console: it ends an open-ended watch. */
static bool key_pressed(void)
{
	char c;

	return console_read(&c, 1) > 0;
}

static int watch_loop(struct xs_handle *h, long count, uint64_t deadline)
{
	long seen = 0;

	while (count < 0 || seen < count) {
		char **ev = xs_check_watch(h);

		if (ev) {
			printf("%s %s\n", ev[XS_WATCH_PATH], ev[XS_WATCH_TOKEN]);
			free(ev);
			seen++;
			continue;
		}
		if (errno != EAGAIN)
			return -1;
		if ((deadline && monotonic_ns() >= deadline) || key_pressed())
			break;
		msleep(WATCH_POLL_MS);
	}
	return 0;
}

int shl_xenstore_watch(int argc, char **argv)
{
	long count = -1;
	uint64_t deadline = 0;
	struct xs_handle *h;
	char *optarg;
	int optind = 1, opt, rc = 0;

	while ((opt = shl_getopt(argc, argv, "n:t:", &optind, &optarg)) != -1) {
		if (opt == 'n')
			count = strtol(optarg, NULL, 10);
		else if (opt == 't')
			deadline = monotonic_ns() + SECONDS(strtoul(optarg, NULL, 10));
		else
			return shl_usage("xenstore-watch");
	}
	if (optind != argc - 1 || count == 0)
		return shl_usage("xenstore-watch");
	h = open_store("xenstore-watch");
	if (!h)
		return 1;
	if (!xs_watch(h, argv[optind], argv[optind]))
		rc = store_error("xenstore-watch", argv[optind]);
	else if (watch_loop(h, count, deadline) < 0)
		rc = store_error("xenstore-watch", argv[optind]);
	xs_close(h);
	return rc;
}
