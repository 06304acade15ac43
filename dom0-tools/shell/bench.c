/* SPDX-License-Identifier: MIT */
/*
 * Measurements and self-tests of the kernel's facilities: bench-hypercall
 * (a null hypercall's cost in TSC cycles), evtchn-test (event channels
 * end to end) and thread-test (threads, sleeping, wait queues).
 */
#include <stdint.h>
#include <console.h>
#include <events.h>
#include <hypercall.h>
#include <kernel.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <tsc.h>
#include "builtins.h"
#include "shell.h"

#define BENCH_BATCH		1000UL		/* calls timed together */
#define BENCH_DEFAULT_CALLS	1000000UL
#define BENCH_MAX_CALLS		10000000UL
#define BENCH_MAX_BATCHES	(BENCH_MAX_CALLS / BENCH_BATCH)

/*
 * Cycles per call of each batch, in tenths of a cycle. Static: 40 KiB is
 * too much for the 16 KiB kernel stack.
 */
static uint32_t batch_tenths[BENCH_MAX_BATCHES];

/* Times calls null hypercalls; returns TSC cycles elapsed. */
static uint64_t time_batch(unsigned long calls)
{
	uint64_t start = rdtsc();
	unsigned long i;

	for (i = 0; i < calls; i++)
		HYPERVISOR_version(SHALE_VERSION_version, NULL);
	return rdtsc() - start;
}

/* Shell sort (Ciura's gaps): a few thousand values, no recursion. */
static void sort_u32(uint32_t *v, size_t n)
{
	static const size_t gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
	size_t g, i, j;

	for (g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
		size_t gap = gaps[g];

		for (i = gap; i < n; i++) {
			uint32_t x = v[i];

			for (j = i; j >= gap && v[j - gap] > x; j -= gap)
				v[j] = v[j - gap];
			v[j] = x;
		}
	}
}

static uint32_t median_u32(uint32_t *v, size_t n)
{
	sort_u32(v, n);
	if (n % 2)
		return v[n / 2];
	return (uint32_t)(((uint64_t)v[n / 2 - 1] + v[n / 2]) / 2);
}

static uint32_t tenths_per_call(uint64_t cycles, unsigned long calls)
{
	uint64_t t = cycles * 10 / calls;

	return t > UINT32_MAX ? UINT32_MAX : (uint32_t)t;
}

static int parse_count(int argc, char **argv, unsigned long *calls)
{
	char *end;

	*calls = BENCH_DEFAULT_CALLS;
	if (argc == 1)
		return 0;
	*calls = strtoul(argv[1], &end, 0);
	if (*end || end == argv[1] || *calls == 0 || *calls > BENCH_MAX_CALLS) {
		printf("bench-hypercall: N must be a number from 1 to %lu\n", BENCH_MAX_CALLS);
		return SHELL_STATUS_SYNTAX;
	}
	return 0;
}

int cmd_bench_hypercall(int argc, char **argv)
{
	unsigned long calls, done = 0;
	uint64_t total = 0;
	size_t nr = 0;
	uint32_t min, median, mean;
	long rc;

	if (argc > 2)
		return shell_usage(shell_find("bench-hypercall"));
	if (parse_count(argc, argv, &calls))
		return SHELL_STATUS_SYNTAX;
	rc = HYPERVISOR_version(SHALE_VERSION_version, NULL);
	if (rc < 0) {
		printf("bench-hypercall: version hypercall failed (error %ld)\n", rc);
		return 1;
	}
	while (done < calls) {
		unsigned long n = calls - done < BENCH_BATCH ? calls - done : BENCH_BATCH;
		uint64_t cycles = time_batch(n);

		batch_tenths[nr++] = tenths_per_call(cycles, n);
		total += cycles;
		done += n;
	}
	median = median_u32(batch_tenths, nr);	/* sorts, so the minimum is first */
	min = batch_tenths[0];
	mean = tenths_per_call(total, calls);
	printf("null hypercall: %lu calls, min %u.%u, median %u.%u, mean %u.%u cycles/call\n",
	       calls, min / 10, min % 10, median / 10, median % 10, mean / 10, mean % 10);
	return 0;
}

/* evtchn-test: what one port's handler saw. */
struct probe {
	unsigned long hits;
	uint64_t tsc;		/* when it last ran */
};

static void probe_handler(evtchn_port_t port, void *data)
{
	struct probe *p = data;

	p->hits++;
	p->tsc = rdtsc();
}

#define EVTCHN_WAIT_MS	100	/* how long a handler may take to run */

/* Waits (a little) for p->hits to reach want; the upcall normally comes with the send's return. */
static bool hits_reach(const struct probe *p, unsigned long want)
{
	uint64_t end = monotonic_ns() + MILLISECS(EVTCHN_WAIT_MS);

	while (*(volatile unsigned long *)&p->hits < want && monotonic_ns() < end)
		msleep(1);
	return p->hits >= want;
}

static int fail(const char *what, long rc)
{
	printf("evtchn-test: FAILED: %s (%ld)\n", what, rc);
	return 1;
}

/* The status of port must be state; for interdomain/unbound, with peer dom and port. */
static int check_status(evtchn_port_t port, uint32_t state, shale_domid_t dom,
			evtchn_port_t peer)
{
	struct shale_evtchn_status st;
	int rc = evtchn_status(SHALE_DOMID_SELF, port, &st);

	if (rc < 0)
		return fail("status", rc);
	if (st.status != state ||
	    (state == SHALE_EVTCHNSTAT_unbound && st.u.unbound.dom != dom) ||
	    (state == SHALE_EVTCHNSTAT_interdomain &&
	     (st.u.interdomain.dom != dom || st.u.interdomain.port != peer))) {
		printf("evtchn-test: FAILED: port %u: status %u (dom %u port %u), expected %u "
		       "(dom %u port %u)\n", port, st.status, st.u.interdomain.dom,
		       st.u.interdomain.port, state, dom, peer);
		return 1;
	}
	return 0;
}

/* Sends on from and expects exactly one more hit on to's handler; *cycles: send to handler. */
static int send_and_check(evtchn_port_t from, struct probe *to, uint64_t *cycles)
{
	unsigned long want = to->hits + 1;
	uint64_t t0 = rdtsc();
	int rc = notify_remote_via_evtchn(from);

	if (rc < 0)
		return fail("send", rc);
	if (!hits_reach(to, want))
		return fail("the handler did not run", (long)to->hits);
	if (to->hits != want)
		return fail("the handler ran more than once", (long)to->hits);
	if (cycles)
		*cycles = to->tsc - t0;
	return 0;
}

/* A masked port keeps its event pending; unmasking (the hypercall) delivers it. */
static int check_masking(evtchn_port_t a, evtchn_port_t b, struct probe *pa)
{
	unsigned long before = pa->hits;
	int rc;

	mask_evtchn(a);
	rc = notify_remote_via_evtchn(b);
	if (rc < 0)
		return fail("send to a masked port", rc);
	msleep(20);
	if (pa->hits != before || !evtchn_pending(a))
		return fail("a masked port's handler ran, or its event is not pending",
			    (long)(pa->hits - before));
	unmask_evtchn(a);
	if (!hits_reach(pa, before + 1))
		return fail("unmasking did not deliver the pending event", (long)pa->hits);
	return 0;
}

/* alloc_unbound to ourselves, bind_interdomain to it, send both ways, mask, close. */
static int interdomain_loopback(uint64_t *cycles, evtchn_port_t *pa_out, evtchn_port_t *pb_out)
{
	static struct probe pa, pb;
	shale_domid_t self = start_info->domid;
	evtchn_port_t a, b;
	int rc;

	memset(&pa, 0, sizeof(pa));
	memset(&pb, 0, sizeof(pb));
	rc = evtchn_alloc_unbound(SHALE_DOMID_SELF, probe_handler, &pa, &a);
	if (rc < 0)
		return fail("alloc_unbound", rc);
	if (check_status(a, SHALE_EVTCHNSTAT_unbound, self, 0))
		return 1;
	rc = evtchn_bind_interdomain(SHALE_DOMID_SELF, a, probe_handler, &pb, &b);
	if (rc < 0)
		return fail("bind_interdomain", rc);
	*pa_out = a;
	*pb_out = b;
	/* The bind marks b pending once (nothing sent earlier is lost): let that pass. */
	msleep(10);
	if (check_status(a, SHALE_EVTCHNSTAT_interdomain, self, b) ||
	    check_status(b, SHALE_EVTCHNSTAT_interdomain, self, a) ||
	    send_and_check(b, &pa, cycles) || send_and_check(a, &pb, NULL) ||
	    check_masking(a, b, &pa))
		return 1;
	rc = unbind_evtchn(b);
	if (rc < 0)
		return fail("close b", rc);
	if (check_status(a, SHALE_EVTCHNSTAT_unbound, self, 0))
		return 1;
	rc = unbind_evtchn(a);
	if (rc < 0)
		return fail("close a", rc);
	if (check_status(a, SHALE_EVTCHNSTAT_closed, 0, 0))
		return 1;
	rc = notify_remote_via_evtchn(a);
	if (rc != -SHALE_EINVAL)
		return fail("send on a closed port: expected -EINVAL", rc);
	return 0;
}

static int ipi_loopback(evtchn_port_t *port)
{
	static struct probe pi;
	long p;
	int rc;

	memset(&pi, 0, sizeof(pi));
	p = evtchn_bind_ipi(0, probe_handler, &pi);
	if (p < 0)
		return fail("bind_ipi", p);
	*port = p;
	if (check_status(p, SHALE_EVTCHNSTAT_ipi, 0, 0) || send_and_check(p, &pi, NULL))
		return 1;
	rc = unbind_evtchn(p);
	if (rc < 0)
		return fail("close the ipi port", rc);
	return 0;
}

int cmd_evtchn_test(int argc, char **argv)
{
	evtchn_port_t a = 0, b = 0, ipi = 0;
	uint64_t cycles = 0;

	if (argc != 1)
		return shell_usage(shell_find("evtchn-test"));
	if (interdomain_loopback(&cycles, &a, &b) || ipi_loopback(&ipi))
		return 1;
	printf("evtchn-test: OK (interdomain loopback ports %u <-> %u, ipi port %u; "
	       "send to handler %llu cycles)\n", a, b, ipi, (unsigned long long)cycles);
	return 0;
}

/* thread-test: N threads sleep for different times and report through a wait queue. */
#define THREAD_TEST_DEFAULT	4
#define THREAD_TEST_MAX		16

struct thread_test {
	struct wait_queue_head done_wq;
	int finished;
	int order[THREAD_TEST_MAX];	/* which worker finished k-th */
};

struct worker {
	struct thread_test *tt;
	int index;
	uint32_t sleep_ms;
};

static void worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned long flags;

	msleep(w->sleep_ms);
	flags = local_irq_save();
	w->tt->order[w->tt->finished++] = w->index;
	local_irq_restore(flags);
	wake_up(&w->tt->done_wq);
}

static int parse_workers(int argc, char **argv, int *n)
{
	char *end;

	*n = THREAD_TEST_DEFAULT;
	if (argc == 1)
		return 0;
	*n = (int)strtol(argv[1], &end, 0);
	if (*end || end == argv[1] || *n < 1 || *n > THREAD_TEST_MAX) {
		printf("thread-test: N must be a number from 1 to %d\n", THREAD_TEST_MAX);
		return SHELL_STATUS_SYNTAX;
	}
	return 0;
}

int cmd_thread_test(int argc, char **argv)
{
	static struct thread_test tt;
	static struct worker workers[THREAD_TEST_MAX];
	struct sched_stats before, after;
	uint64_t start;
	char took[32];
	int n, i;

	if (argc > 2)
		return shell_usage(shell_find("thread-test"));
	if (parse_workers(argc, argv, &n))
		return SHELL_STATUS_SYNTAX;
	sched_get_stats(&before);
	init_waitqueue_head(&tt.done_wq);
	tt.finished = 0;
	start = monotonic_ns();
	/* Created longest sleep first: they must finish in the reverse order. */
	for (i = 0; i < n; i++) {
		char name[THREAD_NAME_SIZE];

		workers[i] = (struct worker){ &tt, i, (uint32_t)(n - i) * 50 };
		snprintf(name, sizeof(name), "worker%d", i);
		if (!create_thread(name, worker_main, &workers[i])) {
			printf("thread-test: out of memory creating thread %d\n", i);
			n = i;
			break;
		}
	}
	wait_event(tt.done_wq, tt.finished == n);
	format_duration(took, sizeof(took), monotonic_ns() - start);
	for (i = 0; i < n; i++) {
		if (tt.order[i] != n - 1 - i) {
			printf("thread-test: FAILED: worker %d finished %d-th, expected %d\n",
			       tt.order[i], i, n - 1 - i);
			return 1;
		}
	}
	schedule();	/* lets the stacks of the exited workers be freed */
	sched_get_stats(&after);
	if (after.threads != before.threads) {
		printf("thread-test: FAILED: %lu threads alive after, %lu before\n",
		       after.threads, before.threads);
		return 1;
	}
	printf("thread-test: OK (%d threads woke in deadline order in %s s, all exited)\n", n,
	       took);
	return 0;
}
