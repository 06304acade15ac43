/* SPDX-License-Identifier: MIT */
/* Event channels: the upcall, per-port handlers, binding, sending, masking. */
#include <console.h>
#include <events.h>
#include <hypercall.h>
#include <kernel.h>
#include <string.h>

#define BITS_PER_WORD	64

struct port_handler {
	evtchn_handler_t fn;	/* NULL: the port has no handler of ours */
	void *data;
};

/* In arch/x86/entry.S. */
extern const char hypervisor_callback[], failsafe_callback[];

static struct port_handler handlers[SHALE_NR_EVENT_CHANNELS];
static struct events_stats stats;
static unsigned int upcall_depth;
static bool warned_unhandled;

static uint64_t *word_of(uint64_t *words, evtchn_port_t port)
{
	return &words[port / BITS_PER_WORD];
}

static uint64_t bit_of(evtchn_port_t port)
{
	return 1ULL << (port % BITS_PER_WORD);
}

static bool port_ok(evtchn_port_t port)
{
	return port > 0 && port < SHALE_NR_EVENT_CHANNELS;
}

void mask_evtchn(evtchn_port_t port)
{
	if (port_ok(port))
		__atomic_fetch_or(word_of(shared_info->evtchn_mask, port), bit_of(port),
				  __ATOMIC_SEQ_CST);
}

void unmask_evtchn(evtchn_port_t port)
{
	struct shale_evtchn_port_arg a = { .port = port };

	/*
	 * Clearing the bit ourselves could miss an event that arrived while
	 * it was set (its upcall was never raised); the hypervisor raises it.
	 */
	HYPERVISOR_event_channel_op(SHALE_EVTCHNOP_unmask, &a);
}

void clear_evtchn(evtchn_port_t port)
{
	if (port_ok(port))
		__atomic_fetch_and(word_of(shared_info->evtchn_pending, port), ~bit_of(port),
				   __ATOMIC_SEQ_CST);
}

bool evtchn_pending(evtchn_port_t port)
{
	return port_ok(port) &&
	       (__atomic_load_n(word_of(shared_info->evtchn_pending, port), __ATOMIC_SEQ_CST) &
		bit_of(port));
}

void force_evtchn_callback(void)
{
	/* The return from any hypercall delivers a pending, unmasked upcall. */
	HYPERVISOR_version(SHALE_VERSION_version, NULL);
}

bool in_event_handler(void)
{
	return upcall_depth != 0;
}

void events_get_stats(struct events_stats *st)
{
	unsigned long flags = local_irq_save();

	*st = stats;
	local_irq_restore(flags);
}

static void handle_port(evtchn_port_t port)
{
	struct port_handler *h = &handlers[port];

	stats.events++;
	if (h->fn) {
		h->fn(port, h->data);
		return;
	}
	stats.unhandled++;
	if (!warned_unhandled) {
		warned_unhandled = true;
		printk("events: port %u fired with no handler (further ones are only counted)\n",
		       port);
	}
}

/* Handles the ports of one selector word that are pending and not masked. */
static void scan_word(unsigned int w)
{
	uint64_t *pending = &shared_info->evtchn_pending[w];
	uint64_t *mask = &shared_info->evtchn_mask[w];
	uint64_t ready;

	while ((ready = __atomic_load_n(pending, __ATOMIC_SEQ_CST) &
			~__atomic_load_n(mask, __ATOMIC_SEQ_CST))) {
		unsigned int bit = __builtin_ctzll(ready);
		evtchn_port_t port = w * BITS_PER_WORD + bit;

		/* Cleared first: an event sent while the handler runs is seen next time. */
		__atomic_fetch_and(pending, ~(1ULL << bit), __ATOMIC_SEQ_CST);
		handle_port(port);
	}
}

void do_upcall(struct trap_regs *regs)
{
	struct shale_vcpu_info *vi = &shared_info->vcpu_info[0];

	upcall_depth++;
	stats.upcalls++;
	/* Handlers may raise new events (sends to ourselves): loop until none is left. */
	while (__atomic_exchange_n(&vi->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST)) {
		uint64_t sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);

		while (sel) {
			unsigned int w = __builtin_ctzll(sel);

			sel &= sel - 1;
			scan_word(w);
		}
	}
	upcall_depth--;
}

void events_failsafe(void)
{
	printk("events: the hypervisor entered the failsafe callback (it could not resume a "
	       "saved context)\n");
	guest_crash("failsafe callback");
}

void events_init(void)
{
	long rc;

	/* Every port starts masked; binding one unmasks it. */
	for (unsigned int w = 0; w < SHALE_NR_EVTCHN_WORDS; w++)
		__atomic_store_n(&shared_info->evtchn_mask[w], ~0ULL, __ATOMIC_SEQ_CST);
	rc = HYPERVISOR_set_callbacks((uintptr_t)hypervisor_callback,
				      (uintptr_t)failsafe_callback);
	if (rc < 0) {
		printk("events: set_callbacks refused (error %ld)\n", rc);
		guest_crash("cannot register the event callback");
	}
	local_irq_enable();
}

/* Installs the handler, then unmasks: an event already pending is handled now. */
static void install(evtchn_port_t port, evtchn_handler_t handler, void *data)
{
	unsigned long flags = local_irq_save();

	handlers[port].fn = handler;
	handlers[port].data = data;
	local_irq_restore(flags);
	unmask_evtchn(port);
}

/*
 * A port the hypervisor just gave us (rc its answer): still masked, as every
 * free port is, until install() has put its handler in place.
 */
static long new_port(long rc, evtchn_port_t port, evtchn_handler_t handler, void *data)
{
	if (rc < 0)
		return rc;
	if (!port_ok(port))
		return -SHALE_EINVAL;
	install(port, handler, data);
	return port;
}

long bind_virq(uint32_t virq, evtchn_handler_t handler, void *data)
{
	struct shale_evtchn_bind_virq b = { .virq = virq, .vcpu = 0 };
	long rc = HYPERVISOR_event_channel_op(SHALE_EVTCHNOP_bind_virq, &b);

	return new_port(rc, b.port, handler, data);
}

long evtchn_bind_ipi(uint32_t vcpu, evtchn_handler_t handler, void *data)
{
	struct shale_evtchn_bind_ipi b = { .vcpu = vcpu };
	long rc = HYPERVISOR_event_channel_op(SHALE_EVTCHNOP_bind_ipi, &b);

	return new_port(rc, b.port, handler, data);
}

int evtchn_alloc_unbound(shale_domid_t remote_dom, evtchn_handler_t handler, void *data,
			 evtchn_port_t *port)
{
	struct shale_evtchn_alloc_unbound a = {
		.dom = SHALE_DOMID_SELF, .remote_dom = remote_dom,
	};
	long rc = HYPERVISOR_event_channel_op(SHALE_EVTCHNOP_alloc_unbound, &a);

	rc = new_port(rc, a.port, handler, data);
	if (rc < 0)
		return rc;
	*port = rc;
	return 0;
}

int evtchn_bind_interdomain(shale_domid_t remote_dom, evtchn_port_t remote_port,
			    evtchn_handler_t handler, void *data, evtchn_port_t *local_port)
{
	struct shale_evtchn_bind_interdomain b = {
		.remote_dom = remote_dom, .remote_port = remote_port,
	};
	long rc = HYPERVISOR_event_channel_op(SHALE_EVTCHNOP_bind_interdomain, &b);

	rc = new_port(rc, b.local_port, handler, data);
	if (rc < 0)
		return rc;
	*local_port = rc;
	return 0;
}

int evtchn_alloc_unbound_in(shale_domid_t dom, shale_domid_t remote_dom, evtchn_port_t *port)
{
	struct shale_evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote_dom };
	long rc = HYPERVISOR_event_channel_op(SHALE_EVTCHNOP_alloc_unbound, &a);

	if (rc < 0)
		return rc;
	*port = a.port;
	return 0;
}

int bind_evtchn(evtchn_port_t port, evtchn_handler_t handler, void *data)
{
	if (!port_ok(port))
		return -SHALE_EINVAL;
	if (handlers[port].fn)
		return -SHALE_EBUSY;
	install(port, handler, data);
	return 0;
}

int unbind_evtchn(evtchn_port_t port)
{
	struct shale_evtchn_port_arg a = { .port = port };
	unsigned long flags;
	long rc;

	if (!port_ok(port))
		return -SHALE_EINVAL;
	mask_evtchn(port);
	rc = HYPERVISOR_event_channel_op(SHALE_EVTCHNOP_close, &a);
	flags = local_irq_save();
	handlers[port].fn = NULL;
	handlers[port].data = NULL;
	/* The port stays masked, as every free port is, until it is bound again. */
	clear_evtchn(port);
	local_irq_restore(flags);
	return rc;
}

int notify_remote_via_evtchn(evtchn_port_t port)
{
	struct shale_evtchn_port_arg a = { .port = port };

	return HYPERVISOR_event_channel_op(SHALE_EVTCHNOP_send, &a);
}

int evtchn_status(shale_domid_t dom, evtchn_port_t port, struct shale_evtchn_status *st)
{
	memset(st, 0, sizeof(*st));
	st->dom = dom;
	st->port = port;
	return HYPERVISOR_event_channel_op(SHALE_EVTCHNOP_status, st);
}
