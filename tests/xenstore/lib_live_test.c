/* SPDX-License-Identifier: MIT */
/*
 * xs-lib-live-test SOCKET CASE: one case of the client library against a
 * running host daemon (tests/xenstore/run.py starts a fresh one per case).
 * Prints "PASS live-CASE" or "FAIL live-CASE: why"; exit status 1 on
 * failure, 2 for an unknown case. "list" prints the case names.
 */
#include "xs.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *socket_path;
static char failure[256];

static void fail(const char *fmt, ...)
{
	va_list ap;

	if (failure[0])
		return;
	va_start(ap, fmt);
	vsnprintf(failure, sizeof(failure), fmt, ap);
	va_end(ap);
}

#define EXPECT(cond) \
	do { \
		if (!(cond)) \
			fail("%s (line %d, errno %s)", #cond, __LINE__, strerror(errno)); \
	} while (0)

static struct xs_handle *connect_or_fail(void)
{
	struct xs_handle *h = xs_open_socket(socket_path);

	if (!h)
		fail("cannot connect to %s: %s", socket_path, strerror(errno));
	return h;
}

/* Whether path holds exactly the string want. */
static bool value_is(struct xs_handle *h, xs_transaction_t t, const char *path,
		     const char *want)
{
	unsigned int len;
	char *v = xs_read(h, t, path, &len);
	bool same = v && len == strlen(want) && strcmp(v, want) == 0;

	free(v);
	return same;
}

/* Takes the next event and checks its path and token. */
static void expect_event(struct xs_handle *h, const char *path, const char *token)
{
	unsigned int num;
	char **ev = xs_read_watch(h, &num);

	if (!ev) {
		fail("no event for %s: %s", path, strerror(errno));
		return;
	}
	if (num != 2 || strcmp(ev[XS_WATCH_PATH], path) || strcmp(ev[XS_WATCH_TOKEN], token))
		fail("event %s %s, expected %s %s", ev[XS_WATCH_PATH], ev[XS_WATCH_TOKEN], path,
		     token);
	free(ev);
}

static void case_read_write(struct xs_handle *h)
{
	unsigned int len, num;
	char **names;
	char *v;

	EXPECT(xs_write(h, XBT_NULL, "/t/a", "one", 3));
	EXPECT(xs_write(h, XBT_NULL, "/t/bin", "x\0y", 3));
	EXPECT(xs_mkdir(h, XBT_NULL, "/t/dir"));
	EXPECT(value_is(h, XBT_NULL, "/t/a", "one"));
	v = xs_read(h, XBT_NULL, "/t/bin", &len);
	EXPECT(v && len == 3 && memcmp(v, "x\0y", 4) == 0);
	free(v);
	EXPECT(value_is(h, XBT_NULL, "/t/dir", ""));
	names = xs_directory(h, XBT_NULL, "/t", &num);
	EXPECT(names && num == 3);
	free(names);
	EXPECT(xs_rm(h, XBT_NULL, "/t/dir"));
	errno = 0;
	EXPECT(!xs_read(h, XBT_NULL, "/t/dir", NULL) && errno == ENOENT);
	EXPECT(!xs_read(h, XBT_NULL, "no-leading-slash-and-bad/../", NULL));
}

/* Events caused by this handle's own writes arrive among the replies. */
static void case_events_during_replies(struct xs_handle *h)
{
	EXPECT(xs_write(h, XBT_NULL, "/ev", "", 0));
	EXPECT(xs_watch(h, "/ev", "tok"));
	EXPECT(xs_write(h, XBT_NULL, "/ev/a", "1", 1));
	EXPECT(xs_write(h, XBT_NULL, "/ev/b", "2", 1));
	EXPECT(value_is(h, XBT_NULL, "/ev/a", "1"));
	expect_event(h, "/ev", "tok");
	expect_event(h, "/ev/a", "tok");
	expect_event(h, "/ev/b", "tok");
	errno = 0;
	EXPECT(xs_check_watch(h) == NULL && errno == EAGAIN);
	EXPECT(xs_unwatch(h, "/ev", "tok"));
	EXPECT(xs_write(h, XBT_NULL, "/ev/c", "3", 1));
	EXPECT(value_is(h, XBT_NULL, "/ev/c", "3"));
	errno = 0;
	EXPECT(xs_check_watch(h) == NULL && errno == EAGAIN);
}

/* xs_fileno() polls readable when another connection's change makes an event. */
static void case_fileno(struct xs_handle *h)
{
	struct xs_handle *other = connect_or_fail();
	struct pollfd pfd = { .fd = xs_fileno(h), .events = POLLIN };

	EXPECT(pfd.fd >= 0);
	EXPECT(xs_write(h, XBT_NULL, "/fd", "", 0));
	EXPECT(xs_watch(h, "/fd", "t"));
	expect_event(h, "/fd", "t");
	EXPECT(poll(&pfd, 1, 0) == 0);
	EXPECT(other && xs_write(other, XBT_NULL, "/fd/x", "1", 1));
	EXPECT(poll(&pfd, 1, 5000) == 1);
	expect_event(h, "/fd/x", "t");
	xs_close(other);
}

static void case_transaction_conflict(struct xs_handle *h)
{
	struct xs_handle *other = connect_or_fail();
	xs_transaction_t t;

	EXPECT(xs_write(h, XBT_NULL, "/tx/x", "start", 5));
	t = xs_transaction_start(h);
	EXPECT(t != XBT_NULL);
	EXPECT(value_is(h, t, "/tx/x", "start"));
	EXPECT(other && xs_write(other, XBT_NULL, "/tx/x", "other", 5));
	EXPECT(xs_write(h, t, "/tx/x", "mine", 4));
	errno = 0;
	EXPECT(!xs_transaction_end(h, t, false) && errno == EAGAIN);
	EXPECT(value_is(h, XBT_NULL, "/tx/x", "other"));
	/* Repeated without interference, it commits. */
	t = xs_transaction_start(h);
	EXPECT(t != XBT_NULL && xs_write(h, t, "/tx/x", "mine", 4));
	EXPECT(xs_transaction_end(h, t, false));
	EXPECT(value_is(h, XBT_NULL, "/tx/x", "mine"));
	xs_close(other);
}

static void case_transaction_abort(struct xs_handle *h)
{
	xs_transaction_t t;

	EXPECT(xs_write(h, XBT_NULL, "/ab", "kept", 4));
	t = xs_transaction_start(h);
	EXPECT(t != XBT_NULL);
	EXPECT(xs_write(h, t, "/ab", "dropped", 7));
	EXPECT(xs_write(h, t, "/ab/new", "n", 1));
	EXPECT(value_is(h, t, "/ab", "dropped"));
	EXPECT(value_is(h, XBT_NULL, "/ab", "kept"));
	EXPECT(xs_transaction_end(h, t, true));
	EXPECT(value_is(h, XBT_NULL, "/ab", "kept"));
	errno = 0;
	EXPECT(!xs_read(h, XBT_NULL, "/ab/new", NULL) && errno == ENOENT);
}

static void case_permissions(struct xs_handle *h)
{
	struct xs_permissions set[3] = {
		{ 3, XS_PERM_NONE }, { 5, XS_PERM_READ }, { 9, XS_PERM_BOTH },
	};
	struct xs_permissions *got;
	unsigned int num = 0;

	EXPECT(xs_write(h, XBT_NULL, "/perm", "p", 1));
	EXPECT(xs_set_permissions(h, XBT_NULL, "/perm", set, 3));
	got = xs_get_permissions(h, XBT_NULL, "/perm", &num);
	EXPECT(got && num == 3 && memcmp(got, set, sizeof(set)) == 0);
	free(got);
	/* dom0 is privileged: a node closed to everyone else stays readable. */
	EXPECT(value_is(h, XBT_NULL, "/perm", "p"));
	errno = 0;
	EXPECT(!xs_get_permissions(h, XBT_NULL, "/perm/missing", &num) && errno == ENOENT);
}

static void case_domains(struct xs_handle *h)
{
	struct xs_handle *watcher = connect_or_fail();
	char *path;

	EXPECT(watcher && xs_watch(watcher, "@introduceDomain", "in"));
	EXPECT(watcher && xs_watch(watcher, "@releaseDomain", "out"));
	expect_event(watcher, "@introduceDomain", "in");
	expect_event(watcher, "@releaseDomain", "out");
	EXPECT(!xs_is_domain_introduced(h, 7) && errno == 0);
	EXPECT(xs_introduce_domain(h, 7, 0x1000, 3));
	EXPECT(xs_is_domain_introduced(h, 7));
	expect_event(watcher, "@introduceDomain", "in");
	path = xs_get_domain_path(h, 7);
	EXPECT(path && strcmp(path, "/local/domain/7") == 0);
	free(path);
	EXPECT(xs_release_domain(h, 7));
	EXPECT(!xs_is_domain_introduced(h, 7) && errno == 0);
	expect_event(watcher, "@releaseDomain", "out");
	xs_close(watcher);
}

/* A listing longer than one message is fetched in parts. */
static void case_directory_part(struct xs_handle *h)
{
	const unsigned int count = 300;
	unsigned int num = 0, i, j;
	char path[96];
	char **names;
	xs_transaction_t t = xs_transaction_start(h);

	EXPECT(t != XBT_NULL);
	for (i = 0; i < count; i++) {
		snprintf(path, sizeof(path), "/many/child-with-a-long-name-%04u", i);
		EXPECT(xs_write(h, t, path, "", 0));
	}
	EXPECT(xs_transaction_end(h, t, false));
	names = xs_directory(h, XBT_NULL, "/many", &num);
	EXPECT(names && num == count);
	for (i = 0; names && i < num; i++) {
		snprintf(path, sizeof(path), "child-with-a-long-name-%04u", i);
		for (j = 0; j < num && strcmp(names[j], path) != 0; j++)
			;
		if (j == num)
			fail("%s missing from the listing", path);
	}
	free(names);
}

struct live_case {
	const char *name;
	void (*run)(struct xs_handle *h);
};

static const struct live_case cases[] = {
	{ "read-write", case_read_write },
	{ "events-during-replies", case_events_during_replies },
	{ "fileno", case_fileno },
	{ "transaction-conflict", case_transaction_conflict },
	{ "transaction-abort", case_transaction_abort },
	{ "permissions", case_permissions },
	{ "domains", case_domains },
	{ "directory-part", case_directory_part },
};

int main(int argc, char **argv)
{
	const struct live_case *c = NULL;
	struct xs_handle *h;
	size_t i;

	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			printf("%s\n", cases[i].name);
		return 0;
	}
	for (i = 0; argc == 3 && i < sizeof(cases) / sizeof(cases[0]); i++)
		if (strcmp(argv[2], cases[i].name) == 0)
			c = &cases[i];
	if (!c) {
		fprintf(stderr, "usage: xs-lib-live-test SOCKET CASE | list\n");
		return 2;
	}
	socket_path = argv[1];
	h = connect_or_fail();
	if (h)
		c->run(h);
	xs_close(h);
	if (failure[0]) {
		printf("FAIL live-%s: %s\n", c->name, failure);
		return 1;
	}
	printf("PASS live-%s\n", c->name);
	return 0;
}
