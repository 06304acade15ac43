/* SPDX-License-Identifier: MIT */
/*
 * storetest: exercises the store from an unprivileged domain over xenbus
 * and prints one line per check, then "storetest: N passed, M failed".
 *
 * What it expects (the toolstack's layout, toolstack/store_domain.c): it
 * can read its own home and the entries there, write only below the
 * directories it owns (data/), not touch dom0-owned entries (name), and
 * neither read nor write another domain's home. The other domain's id
 * comes on the command line as "peer=N".
 */
#include <console.h>
#include <kernel.h>
#include <malloc.h>
#include <printf.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <xenbus.h>
#include <public/errno.h>

static unsigned int passed, failed;

static void check(bool ok, const char *what, int rc)
{
	printf("storetest: %s %s (rc %d)\n", ok ? "ok" : "FAILED", what, rc);
	if (ok)
		passed++;
	else
		failed++;
}

static unsigned long peer_domid(void)
{
	for (const char *p = start_info->cmd_line; *p; p++)
		if (!strncmp(p, "peer=", 5) && (p == start_info->cmd_line || p[-1] == ' '))
			return strtoul(p + 5, NULL, 10);
	return 0;
}

static void check_own_home(unsigned int domid)
{
	char *value = NULL, path[64];
	unsigned long id = ~0UL;
	int rc;

	rc = xenbus_read_unsigned(XBT_NIL, "domid", &id);
	check(rc == 0 && id == domid, "reads its own domid (relative path)", rc);
	snprintf(path, sizeof(path), "/local/domain/%u/name", domid);
	rc = xenbus_read(XBT_NIL, path, &value);
	check(rc == 0 && !strcmp(value, "storetest"), "reads its own name (absolute path)", rc);
	free(value);
	rc = xenbus_write(XBT_NIL, "data/greeting", "hello store");
	check(rc == 0, "writes below its data/", rc);
	rc = xenbus_read(XBT_NIL, "data/greeting", &value);
	check(rc == 0 && !strcmp(value, "hello store"), "reads back what it wrote", rc);
	free(value);
	rc = xenbus_write(XBT_NIL, "name", "renamed");
	check(rc == -SHALE_EACCES, "may not overwrite its dom0-owned name", rc);
	rc = xenbus_rm(XBT_NIL, "data/greeting");
	check(rc == 0, "removes its own node", rc);
	rc = xenbus_read(XBT_NIL, "data/greeting", &value);
	check(rc == -SHALE_ENOENT, "a removed node is gone", rc);
}

static void check_peer_home(unsigned long peer)
{
	char path[64], *value;
	int rc;

	snprintf(path, sizeof(path), "/local/domain/%lu/name", peer);
	rc = xenbus_read(XBT_NIL, path, &value);
	check(rc == -SHALE_EACCES, "cannot read another domain's name", rc);
	snprintf(path, sizeof(path), "/local/domain/%lu/data/intruder", peer);
	rc = xenbus_write(XBT_NIL, path, "x");
	check(rc == -SHALE_EACCES, "cannot write into another domain's data/", rc);
	rc = xenbus_read(XBT_NIL, "/local/domain/0/name", &value);
	check(rc == -SHALE_EACCES, "cannot read dom0's name", rc);
}

static void check_transaction(void)
{
	xenbus_transaction_t t;
	char *value;
	int rc = xenbus_transaction_start(&t);

	check(rc == 0, "starts a transaction", rc);
	if (rc)
		return;
	rc = xenbus_write(t, "data/tx", "inside");
	check(rc == 0, "writes inside the transaction", rc);
	rc = xenbus_read(XBT_NIL, "data/tx", &value);
	check(rc == -SHALE_ENOENT, "the write is invisible outside before commit", rc);
	rc = xenbus_transaction_end(t, false);
	check(rc == 0, "commits", rc);
	rc = xenbus_read(XBT_NIL, "data/tx", &value);
	check(rc == 0 && !strcmp(value, "inside"), "the write is visible after commit", rc);
	if (!rc)
		free(value);
}

static unsigned int watch_events;
static DECLARE_WAIT_QUEUE_HEAD(watch_wq);

static void on_watch(const char *path, const char *token, void *data)
{
	(void)data;
	printf("storetest: watch event %s (token %s)\n", path, token);
	watch_events++;
	wake_up(&watch_wq);
}

static void check_watch(void)
{
	int rc = xenbus_watch("data/watched", "tok", on_watch, NULL);
	bool got;

	check(rc == 0, "sets a watch", rc);
	if (rc)
		return;
	got = wait_event_until(watch_wq, watch_events >= 1, monotonic_ns() + SECONDS(5));
	check(got, "gets the initial watch event", (int)watch_events);
	rc = xenbus_write(XBT_NIL, "data/watched/leaf", "1");
	got = wait_event_until(watch_wq, watch_events >= 2, monotonic_ns() + SECONDS(5));
	check(rc == 0 && got, "gets an event for a change below the watch", (int)watch_events);
	rc = xenbus_unwatch("data/watched", "tok");
	check(rc == 0, "removes the watch", rc);
}

/*
 * The store's per-domain node quota (1000 nodes): writing new nodes ends
 * in EQUOTA (-SHALE_EDQUOT) and nothing past it is stored; removing them
 * gives the quota back.
 */
static void check_quota(void)
{
	char path[40], *value;
	unsigned int written = 0;
	int rc = 0;

	while (written < 1100) {
		snprintf(path, sizeof(path), "data/q/n%u", written);
		rc = xenbus_write(XBT_NIL, path, "x");
		if (rc)
			break;
		written++;
	}
	check(rc == -SHALE_EDQUOT && written > 900 && written < 1000,
	      "new nodes end in EQUOTA near 1000 owned nodes", (int)written);
	snprintf(path, sizeof(path), "data/q/n%u", written);
	rc = xenbus_read(XBT_NIL, path, &value);
	check(rc == -SHALE_ENOENT, "the refused node was not stored", rc);
	rc = xenbus_rm(XBT_NIL, "data/q");
	check(rc == 0, "removes them", rc);
	rc = xenbus_write(XBT_NIL, "data/q/again", "x");
	check(rc == 0, "writes again once the quota is back", rc);
	xenbus_rm(XBT_NIL, "data/q");
}

/* Plays the other end of a device handshake: moves data/dev to Connected a little later. */
static void other_end(void *arg)
{
	(void)arg;
	msleep(100);
	xenbus_switch_state("data/dev", XenbusStateConnected);
}

static void check_state_machine(void)
{
	enum xenbus_state state = XenbusStateUnknown;
	int rc = xenbus_read_state("data/dev", &state);

	check(rc == 0 && state == XenbusStateUnknown, "a device without a state reads Unknown", rc);
	rc = xenbus_switch_state("data/dev", XenbusStateInitWait);
	check(rc == 0, "switches its device to InitWait", rc);
	rc = xenbus_read_state("data/dev", &state);
	check(rc == 0 && state == XenbusStateInitWait, "reads InitWait back", rc);
	rc = xenbus_wait_for_state("data/dev", 1u << XenbusStateConnected, 300, &state);
	check(rc == -SHALE_ETIMEDOUT && state == XenbusStateInitWait,
	      "waiting for Connected times out while nobody answers", rc);
	if (!create_thread("other-end", other_end, NULL)) {
		check(false, "starts the other end", -SHALE_ENOMEM);
		return;
	}
	rc = xenbus_wait_for_state("data/dev", 1u << XenbusStateConnected, 3000, &state);
	check(rc == 0 && state == XenbusStateConnected, "sees Connected when the other end moves", rc);
}

/* "bench": store operations per second over this domain's ring, as a guest sees them. */
static int bench(void)
{
	static const unsigned int n = 2000;
	uint64_t start = monotonic_ns(), write_ns, read_ns;
	char *value;

	for (unsigned int i = 0; i < n; i++)
		if (xenbus_write(XBT_NIL, "data/bench", "value-of-sixteen"))
			return 1;
	write_ns = monotonic_ns() - start;
	start = monotonic_ns();
	for (unsigned int i = 0; i < n; i++) {
		if (xenbus_read(XBT_NIL, "data/bench", &value))
			return 1;
		free(value);
	}
	read_ns = monotonic_ns() - start;
	printf("BENCH store-guest: %u writes in %llu us, %u reads in %llu us\n", n,
	       (unsigned long long)(write_ns / 1000), n, (unsigned long long)(read_ns / 1000));
	return 0;
}

int app_main(const struct shale_start_info *si)
{
	unsigned long peer = peer_domid();

	if (cmdline_has("bench"))
		return bench();

	if (!xenbus_available()) {
		printf("storetest: no store access\n");
		return 1;
	}
	check_own_home(si->domid);
	if (peer)
		check_peer_home(peer);
	check_transaction();
	check_watch();
	check_state_machine();
	check_quota();
	printf("storetest: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
