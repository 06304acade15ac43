/* SPDX-License-Identifier: MIT */
/*
 * The host daemon, run as a program: it serves several socket clients at
 * once; a client that sends garbage gets an error or is closed while the
 * others go on; SIGTERM stops it with status 0, removing its socket and
 * pid file; and what was written is there after a restart on the same
 * database.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "unit.h"
#include "store_harness.h"

static char dir[64], sock[128], db[128], pidfile[128];

static void setup(void)
{
	strcpy(dir, "/tmp/shale-xenstored-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sock, sizeof(sock), "%s/sock", dir);
	snprintf(db, sizeof(db), "%s/db", dir);
	snprintf(pidfile, sizeof(pidfile), "%s/pid", dir);
}

static void teardown(void)
{
	unit_remove_tree(dir);
}

static int try_connect(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	ck_assert_int_ge(fd, 0);
	strcpy(addr.sun_path, sock);
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
		return fd;
	close(fd);
	return -1;
}

/* Starts the daemon and waits (up to 10 s) until it accepts a connection. */
static pid_t start_daemon(void)
{
	pid_t pid = fork();
	int i, fd;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		execl(UNIT_XENSTORED, "xenstored", "--socket", sock, "--database", db,
		      "--pid-file", pidfile, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 1000; i++) {
		fd = try_connect();
		if (fd >= 0) {
			close(fd);
			return pid;
		}
		usleep(10000);
	}
	kill(pid, SIGKILL);
	ck_abort_msg("xenstored did not listen on %s", sock);
	return -1;
}

static void stop_daemon(pid_t pid)
{
	int status;

	ck_assert_int_eq(kill(pid, SIGTERM), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "xenstored did not exit cleanly: status %#x", status);
	ck_assert_int_ne(access(sock, F_OK), 0);
	ck_assert_int_ne(access(pidfile, F_OK), 0);
}

static void send_all(int fd, const void *buf, size_t len)
{
	ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
}

/* Reads one whole message; false on end of stream. */
static bool recv_msg(int fd, struct st_msg *m)
{
	uint8_t hdr[16];
	size_t got = 0;

	while (got < sizeof(hdr)) {
		ssize_t n = read(fd, hdr + got, sizeof(hdr) - got);

		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	m->type = hdr[0] | hdr[1] << 8;
	m->req_id = hdr[4] | hdr[5] << 8;
	m->len = hdr[12] | hdr[13] << 8;
	ck_assert_uint_le(m->len, SHALE_XS_PAYLOAD_MAX);
	for (got = 0; got < m->len;) {
		ssize_t n = read(fd, m->payload + got, m->len - got);

		ck_assert_int_gt(n, 0);
		got += (size_t)n;
	}
	m->payload[m->len] = '\0';
	return true;
}

static void request(int fd, uint32_t type, const void *payload, size_t len, struct st_msg *m)
{
	static uint8_t buf[16 + SHALE_XS_PAYLOAD_MAX];

	send_all(fd, buf, st_encode(buf, type, 42, 0, payload, len));
	ck_assert(recv_msg(fd, m));
	ck_assert_uint_eq(m->req_id, 42);
}

START_TEST(serves_survives_garbage_and_persists)
{
	static const char write_req[] = "/persist/key\0kept";
	pid_t pid = start_daemon();
	int a = try_connect(), garbage = try_connect(), unknown = try_connect();
	uint8_t hdr[16];
	struct st_msg m;
	FILE *f;
	int filepid = 0;

	ck_assert_int_ge(a, 0);
	f = fopen(pidfile, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%d", &filepid), 1);
	fclose(f);
	ck_assert_int_eq(filepid, pid);
	request(a, SHALE_XS_WRITE, write_req, sizeof(write_req) - 1, &m);
	ck_assert_str_eq(m.payload, "OK");
	/* A length over the maximum: that client is closed. */
	st_encode(hdr, SHALE_XS_READ, 1, 0, "", 0);
	hdr[13] = 0x20;
	send_all(garbage, hdr, sizeof(hdr));
	ck_assert(!recv_msg(garbage, &m));
	/* An unknown type: ENOSYS, and the client goes on. */
	request(unknown, 99, "x", 2, &m);
	ck_assert_uint_eq(m.type, SHALE_XS_ERROR);
	ck_assert_str_eq(m.payload, "ENOSYS");
	request(unknown, SHALE_XS_READ, "/persist/key", 13, &m);
	ck_assert_str_eq(m.payload, "kept");
	request(a, SHALE_XS_READ, "/persist/key", 13, &m);
	ck_assert_str_eq(m.payload, "kept");
	close(a);
	close(garbage);
	close(unknown);
	stop_daemon(pid);

	pid = start_daemon();
	a = try_connect();
	request(a, SHALE_XS_READ, "/persist/key", 13, &m);
	ck_assert_uint_eq(m.type, SHALE_XS_READ);
	ck_assert_str_eq(m.payload, "kept");
	close(a);
	stop_daemon(pid);
}
END_TEST

START_TEST(watch_across_clients)
{
	static const char watch_req[] = "/w\0tok";
	pid_t pid = start_daemon();
	int watcher = try_connect(), writer = try_connect();
	struct st_msg m;

	request(watcher, SHALE_XS_WATCH, watch_req, sizeof(watch_req), &m);
	ck_assert_str_eq(m.payload, "OK");
	ck_assert(recv_msg(watcher, &m));
	ck_assert_uint_eq(m.type, SHALE_XS_WATCH_EVENT);
	request(writer, SHALE_XS_WRITE, "/w/x\0v", 6, &m);
	ck_assert_str_eq(m.payload, "OK");
	ck_assert(recv_msg(watcher, &m));
	ck_assert_uint_eq(m.type, SHALE_XS_WATCH_EVENT);
	ck_assert_str_eq(m.payload, "/w/x");
	ck_assert_str_eq(m.payload + 5, "tok");
	close(watcher);
	close(writer);
	stop_daemon(pid);
}
END_TEST

START_TEST(refuses_a_second_daemon)
{
	pid_t pid = start_daemon(), second;
	int status;

	second = fork();
	ck_assert_int_ge(second, 0);
	if (second == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 2);
		execl(UNIT_XENSTORED, "xenstored", "--socket", sock, "--database", db,
		      (char *)NULL);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(second, &status, 0), second);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	stop_daemon(pid);
}
END_TEST

Suite *xenstored_suite(void)
{
	Suite *s = suite_create("xenstored");
	TCase *tc = tcase_create("daemon");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, serves_survives_garbage_and_persists);
	tcase_add_test(tc, watch_across_clients);
	tcase_add_test(tc, refuses_a_second_daemon);
	suite_add_tcase(s, tc);
	return s;
}
