/* SPDX-License-Identifier: MIT */
/*
 * bench evtchn: what an event costs, in TSC cycles.
 *
 *   send on a masked loopback port (the hypercall alone)
 *   send to upcall: from just before the send to the first instruction of
 *     the event callback, on a loopback port in one domain
 *   ping-pong between two domains: dom0 sends, the other domain (this same
 *     kernel, booted as a domain= module) answers; each side waits with
 *     sched_op poll, so the round trip includes two scheduler switches
 *
 * Booted as dom0 alone it measures the first two; with a second copy as
 * module "domain=pong" it also measures the third. Lines start "BENCH ".
 */
#include <public/event_channel.h>
#include <public/sched.h>
#include <xt.h>

#define ROUNDS		2000
#define PONG_ROUNDS	400

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t samples[ROUNDS];
volatile uint64_t upcall_tsc;

static void sort(uint64_t *v, unsigned int n)
{
	for (unsigned int gap = n / 2; gap; gap /= 2)
		for (unsigned int i = gap; i < n; i++)
			for (unsigned int j = i; j >= gap && v[j - gap] > v[j]; j -= gap) {
				uint64_t t = v[j];

				v[j] = v[j - gap];
				v[j - gap] = t;
			}
}

static void report(const char *what, unsigned int n)
{
	sort(samples, n);
	xt_printf("BENCH %s: median %lu, min %lu cycles\n", what, samples[n / 2], samples[0]);
}

static long evtchn_op(unsigned int cmd, void *arg)
{
	return hc_raw(SHALE_HYPERCALL_event_channel_op, cmd, (uint64_t)arg, 0, 0, 0, 0);
}

static long send(uint32_t port)
{
	struct shale_evtchn_port_arg a = { port };

	return evtchn_op(SHALE_EVTCHNOP_send, &a);
}

/* Clears what an event left: the pending bit, the selector, the upcall flag. */
void bench_clear_events(void);
void bench_clear_events(void)
{
	struct shale_vcpu_info *vi = &xt_shared_info->vcpu_info[0];
	uint64_t sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);

	vi->evtchn_upcall_pending = 0;
	for (unsigned int w = 0; w < SHALE_NR_EVTCHN_WORDS; w++)
		if (sel & (1ULL << w))
			__atomic_fetch_and(&xt_shared_info->evtchn_pending[w],
					   xt_shared_info->evtchn_mask[w], __ATOMIC_SEQ_CST);
}

/*
 * The event callback: stamp the time first, clear the events, then return
 * with iret (drop the error code, push flags, rcx, r11, rax).
 */
extern char bench_upcall[];
asm(".text\n"
    "bench_upcall:\n"
    "	pushq %rax\n	pushq %rdx\n	pushq %rcx\n	pushq %rsi\n	pushq %rdi\n"
    "	pushq %r8\n	pushq %r9\n	pushq %r10\n	pushq %r11\n"
    "	rdtsc\n	shlq $32, %rdx\n	orq %rdx, %rax\n	movq %rax, upcall_tsc(%rip)\n"
    "	call bench_clear_events\n"
    "	popq %r11\n	popq %r10\n	popq %r9\n	popq %r8\n	popq %rdi\n"
    "	popq %rsi\n	popq %rcx\n	popq %rdx\n	popq %rax\n"
    "	addq $8, %rsp\n"
    "	pushq $0\n	pushq %rcx\n	pushq %r11\n	pushq %rax\n"
    "	movl $23, %eax\n	syscall\n"
    "	ud2\n");

static uint32_t loopback_port(void)
{
	struct shale_evtchn_alloc_unbound a = { SHALE_DOMID_SELF, SHALE_DOMID_SELF, 0 };
	struct shale_evtchn_bind_interdomain b = { SHALE_DOMID_SELF, 0, 0, 0 };

	if (evtchn_op(SHALE_EVTCHNOP_alloc_unbound, &a))
		xt_error("alloc_unbound refused");
	b.remote_port = a.port;
	if (evtchn_op(SHALE_EVTCHNOP_bind_interdomain, &b))
		xt_error("bind_interdomain refused");
	return b.local_port;	/* sending here notifies a.port */
}

static void bench_one_domain(void)
{
	struct shale_vcpu_info *vi = &xt_shared_info->vcpu_info[0];
	uint32_t port = loopback_port();
	uint32_t peer = port - 1;	/* alloc_unbound's port, allocated just before */

	/* Masked: the send sets a pending bit and nothing more. */
	xt_shared_info->evtchn_mask[peer / 64] |= 1ULL << (peer % 64);
	for (unsigned int i = 0; i < ROUNDS; i++) {
		uint64_t t0 = rdtsc();

		send(port);
		samples[i] = rdtsc() - t0;
	}
	report("event send on a masked loopback port", ROUNDS);

	xt_shared_info->evtchn_mask[peer / 64] &= ~(1ULL << (peer % 64));
	bench_clear_events();
	hc_set_callbacks((uint64_t)bench_upcall, 0);
	vi->evtchn_upcall_mask = 0;
	for (unsigned int i = 0; i < ROUNDS; i++) {
		uint64_t t0 = rdtsc();

		send(port);
		samples[i] = upcall_tsc - t0;
	}
	vi->evtchn_upcall_mask = 1;
	report("event send to upcall, one domain", ROUNDS);
}

static void poll_port(uint32_t port)
{
	struct shale_sched_poll p = { (uint64_t)&port, 1, 0, 0 };
	uint64_t bit = 1ULL << (port % 64);

	while (!(__atomic_fetch_and(&xt_shared_info->evtchn_pending[port / 64], ~bit,
				    __ATOMIC_SEQ_CST) & bit))
		hc_sched_op(SHALE_SCHEDOP_poll, &p);
}

/* dom0 side, first thing: offer port 1 (the first free one) to domain 1. */
static uint32_t offer_port(void)
{
	struct shale_evtchn_alloc_unbound a = { SHALE_DOMID_SELF, 1, 0 };

	if (evtchn_op(SHALE_EVTCHNOP_alloc_unbound, &a) || a.port != 1)
		xt_error("alloc_unbound for d1: port %u", a.port);
	return a.port;
}

/* dom0 side: wait for domain 1 to bind, then time round trips. */
static void bench_ping(uint32_t port)
{
	struct shale_evtchn_alloc_unbound a = { .port = port };
	struct shale_evtchn_status st;

	do {
		hc_sched_op(SHALE_SCHEDOP_yield, NULL);
		st = (struct shale_evtchn_status){ .dom = SHALE_DOMID_SELF, .port = a.port };
		evtchn_op(SHALE_EVTCHNOP_status, &st);
	} while (st.status != SHALE_EVTCHNSTAT_interdomain);
	for (unsigned int i = 0; i < PONG_ROUNDS; i++) {
		uint64_t t0 = rdtsc();

		send(a.port);
		poll_port(a.port);
		samples[i] = rdtsc() - t0;
	}
	report("event ping-pong round trip between two domains", PONG_ROUNDS);
}

/* domU side: bind to dom0's offer and answer every event. */
static void pong(void)
{
	struct shale_evtchn_bind_interdomain b = { 0, 0, 1, 0 };

	while (evtchn_op(SHALE_EVTCHNOP_bind_interdomain, &b))
		hc_sched_op(SHALE_SCHEDOP_yield, NULL);
	poll_port(b.local_port);	/* pending from the bind */
	for (unsigned int i = 0; i < PONG_ROUNDS; i++) {
		poll_port(b.local_port);
		send(b.local_port);
	}
}

const char test_title[] = "benchmark: event channels";

void test_main(void)
{
	bool second_domain = strstr(xt_si->cmd_line, "pong") != NULL;
	uint32_t offered;

	if (!(xt_si->flags & SHALE_SIF_PRIVILEGED)) {
		pong();
		xt_pass();
		return;
	}
	offered = second_domain ? offer_port() : 0;

	bench_one_domain();
	if (second_domain)
		bench_ping(offered);
	xt_pass();
}
