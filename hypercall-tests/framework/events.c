/* SPDX-License-Identifier: MIT */
/* Guest-side time, event-channel calls, shared_info bits and the event callback. */
#include <xt.h>

/* Called from xt_trap_handle() for the event callback's vector. */
void xt_event_upcall(struct xt_trap_regs *regs);

extern const char xt_event_entry[];	/* entry.S */

volatile uint64_t xt_upcall_count;
volatile uint8_t xt_upcall_mask_seen;
volatile uint64_t xt_upcall_frame_cs;
static xt_event_fn event_fn;

static struct shale_vcpu_info *vi(void)
{
	return &xt_shared_info->vcpu_info[0];
}

uint64_t xt_rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

uint64_t xt_tsc_to_ns(const struct shale_vcpu_time_info *t, uint64_t delta)
{
	if (t->tsc_shift >= 0)
		delta <<= t->tsc_shift;
	else
		delta >>= -t->tsc_shift;
	return (uint64_t)(((unsigned __int128)delta * t->tsc_to_system_mul) >> 32);
}

unsigned int xt_time_snapshot(struct shale_vcpu_time_info *t)
{
	volatile struct shale_vcpu_time_info *src = &vi()->time;
	unsigned int retries = 0;
	uint32_t v;

	for (;; retries++) {
		v = __atomic_load_n(&src->version, __ATOMIC_ACQUIRE);
		if ((v & 1) && retries < XT_TIME_MAX_RETRIES)
			continue;
		t->version = v;
		t->tsc_timestamp = src->tsc_timestamp;
		t->system_time_ns = src->system_time_ns;
		t->tsc_to_system_mul = src->tsc_to_system_mul;
		t->tsc_shift = src->tsc_shift;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&src->version, __ATOMIC_RELAXED) == v ||
		    retries >= XT_TIME_MAX_RETRIES)
			return retries;
	}
}

uint64_t xt_now_ns(void)
{
	struct shale_vcpu_time_info t;

	xt_time_snapshot(&t);
	return t.system_time_ns + xt_tsc_to_ns(&t, xt_rdtsc() - t.tsc_timestamp);
}

void xt_sleep_ns(uint64_t ns)
{
	uint64_t deadline = xt_now_ns() + ns;

	while (xt_now_ns() < deadline) {
		hc_set_timer_op(deadline);
		hc_sched_op(SHALE_SCHEDOP_block, NULL);
	}
	hc_set_timer_op(0);
}

long xt_evtchn_alloc_unbound(shale_domid_t dom, shale_domid_t remote_dom)
{
	struct shale_evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote_dom };
	long rc = hc_event_channel_op(SHALE_EVTCHNOP_alloc_unbound, &a);

	return rc ? rc : a.port;
}

long xt_evtchn_bind_interdomain(shale_domid_t remote_dom, shale_evtchn_port_t remote_port)
{
	struct shale_evtchn_bind_interdomain b = { .remote_dom = remote_dom,
						   .remote_port = remote_port };
	long rc = hc_event_channel_op(SHALE_EVTCHNOP_bind_interdomain, &b);

	return rc ? rc : b.local_port;
}

long xt_evtchn_bind_virq(uint32_t virq, uint32_t vcpu)
{
	struct shale_evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu };
	long rc = hc_event_channel_op(SHALE_EVTCHNOP_bind_virq, &b);

	return rc ? rc : b.port;
}

long xt_evtchn_bind_ipi(uint32_t vcpu)
{
	struct shale_evtchn_bind_ipi b = { .vcpu = vcpu };
	long rc = hc_event_channel_op(SHALE_EVTCHNOP_bind_ipi, &b);

	return rc ? rc : b.port;
}

static long port_op(unsigned int cmd, shale_evtchn_port_t port)
{
	struct shale_evtchn_port_arg a = { .port = port };

	return hc_event_channel_op(cmd, &a);
}

long xt_evtchn_close(shale_evtchn_port_t port)
{
	return port_op(SHALE_EVTCHNOP_close, port);
}

long xt_evtchn_send(shale_evtchn_port_t port)
{
	return port_op(SHALE_EVTCHNOP_send, port);
}

long xt_evtchn_unmask(shale_evtchn_port_t port)
{
	return port_op(SHALE_EVTCHNOP_unmask, port);
}

long xt_evtchn_status(shale_domid_t dom, shale_evtchn_port_t port, struct shale_evtchn_status *st)
{
	memset(st, 0, sizeof(*st));
	st->dom = dom;
	st->port = port;
	return hc_event_channel_op(SHALE_EVTCHNOP_status, st);
}

static bool bit(volatile const uint64_t *words, uint32_t b)
{
	return __atomic_load_n(&words[b / 64], __ATOMIC_SEQ_CST) & (1ULL << (b % 64));
}

bool xt_evtchn_pending(shale_evtchn_port_t port)
{
	return bit(xt_shared_info->evtchn_pending, port);
}

bool xt_evtchn_masked(shale_evtchn_port_t port)
{
	return bit(xt_shared_info->evtchn_mask, port);
}

bool xt_evtchn_sel(shale_evtchn_port_t port)
{
	return __atomic_load_n(&vi()->evtchn_pending_sel, __ATOMIC_SEQ_CST) & (1ULL << (port / 64));
}

void xt_evtchn_set_mask(shale_evtchn_port_t port, bool masked)
{
	uint64_t m = 1ULL << (port % 64);

	if (masked)
		__atomic_fetch_or(&xt_shared_info->evtchn_mask[port / 64], m, __ATOMIC_SEQ_CST);
	else
		__atomic_fetch_and(&xt_shared_info->evtchn_mask[port / 64], ~m, __ATOMIC_SEQ_CST);
}

void xt_evtchn_clear(shale_evtchn_port_t port)
{
	__atomic_fetch_and(&xt_shared_info->evtchn_pending[port / 64], ~(1ULL << (port % 64)),
			   __ATOMIC_SEQ_CST);
}

uint8_t xt_upcall_pending(void)
{
	return __atomic_load_n(&vi()->evtchn_upcall_pending, __ATOMIC_SEQ_CST);
}

void xt_events_clear_all(void)
{
	__atomic_store_n(&vi()->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&vi()->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
	for (unsigned int w = 0; w < SHALE_NR_EVTCHN_WORDS; w++)
		__atomic_store_n(&xt_shared_info->evtchn_pending[w], 0, __ATOMIC_SEQ_CST);
}

void xt_event_upcall(struct xt_trap_regs *regs)
{
	uint64_t sel;

	xt_upcall_count++;
	xt_upcall_mask_seen = vi()->evtchn_upcall_mask;
	xt_upcall_frame_cs = regs->frame.cs;
	__atomic_store_n(&vi()->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST);
	sel = __atomic_exchange_n(&vi()->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
	while (sel) {
		unsigned int w = __builtin_ctzll(sel);
		uint64_t bits = xt_shared_info->evtchn_pending[w] & ~xt_shared_info->evtchn_mask[w];

		sel &= sel - 1;
		__atomic_fetch_and(&xt_shared_info->evtchn_pending[w], ~bits, __ATOMIC_SEQ_CST);
		while (bits) {
			shale_evtchn_port_t port = w * 64 + __builtin_ctzll(bits);

			bits &= bits - 1;
			if (event_fn)
				event_fn(port);
		}
	}
}

long xt_events_enable(xt_event_fn fn)
{
	long rc;

	event_fn = fn;
	rc = hc_set_callbacks((uint64_t)xt_event_entry, 0);
	if (!rc)
		__atomic_store_n(&vi()->evtchn_upcall_mask, 0, __ATOMIC_SEQ_CST);
	return rc;
}

void xt_events_disable(void)
{
	__atomic_store_n(&vi()->evtchn_upcall_mask, 1, __ATOMIC_SEQ_CST);
	hc_set_callbacks(0, 0);
	event_fn = NULL;
}
