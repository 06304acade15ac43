/* SPDX-License-Identifier: MIT */
/*
 * The console: the PV console ring in a domU that has one (console_ring.c),
 * the hypervisor console (console_io) otherwise, before the ring is
 * connected and after a panic; dom0's input waits on VIRQ_CONSOLE.
 */
#include <stdbool.h>
#include <stdint.h>
#include <console.h>
#include <events.h>
#include <hypercall.h>
#include <kernel.h>
#include <printf.h>
#include <sched.h>
#include <string.h>
#include "console_ring.h"

/* How long a panic waits for dom0 to take what the ring still holds. */
#define PANIC_FLUSH_NS	(1000ULL * 1000 * 1000)

/* Features submap 0, read once by console_init(). */
static uint32_t console_features;
/* Set by console_panic(): from then on everything goes to the hypervisor console. */
static bool emergency;

void console_init(void)
{
	struct shale_version_features feat = { .submap_idx = 0 };

	if (HYPERVISOR_version(SHALE_VERSION_get_features, &feat) == 0)
		console_features = feat.submap;
}

long console_emergency_write(const void *buf, size_t len)
{
	const char *p = buf;
	size_t left = len;

	while (left) {
		size_t chunk = MIN(left, (size_t)SHALE_CONSOLEIO_MAX);
		long rc = HYPERVISOR_console_io(SHALE_CONSOLEIO_write, chunk, (void *)p);

		if (rc < 0)
			return rc;
		/* The ABI writes the whole chunk; a 0 would loop forever, so stop. */
		if (rc == 0)
			break;
		p += rc;
		left -= rc;
	}
	return len - left;
}

static bool use_ring(void)
{
	return !emergency && cons_ring_usable();
}

long console_write(const void *buf, size_t len)
{
	size_t done = 0;
	long rc;

	if (use_ring())
		done = cons_ring_write(buf, len);
	/* Whatever the ring could not take (it broke, or a poll gave up) is not lost. */
	if (done == len)
		return len;
	rc = console_emergency_write((const char *)buf + done, len - done);
	return rc < 0 ? rc : (long)(done + rc);
}

void console_flush(void)
{
	if (use_ring())
		cons_ring_flush(PANIC_FLUSH_NS);
}

void console_panic(void)
{
	if (emergency)
		return;
	console_flush();
	emergency = true;
}

long console_puts(const char *s)
{
	return console_write(s, strlen(s));
}

static long hv_read(void *buf, size_t len)
{
	len = MIN(len, (size_t)SHALE_CONSOLEIO_MAX);
	return HYPERVISOR_console_io(SHALE_CONSOLEIO_read, len, buf);
}

long console_read(void *buf, size_t len)
{
	if (cons_ring_usable())
		return cons_ring_read(buf, len);
	return hv_read(buf, len);
}

/*
 * Input, dom0 only: the VIRQ_CONSOLE handler moves whatever the hypervisor
 * has into this ring and wakes the readers. Free-running indices; the
 * size is a power of two.
 */
#define INPUT_RING_SIZE	1024

static unsigned char input_ring[INPUT_RING_SIZE];
static unsigned int input_head, input_tail;	/* written at head, read at tail */
static DECLARE_WAIT_QUEUE_HEAD(input_wq);
static long input_port = -SHALE_ENOSYS;
static unsigned long input_events;

static bool input_allowed(void)
{
	return start_info && (start_info->flags & SHALE_SIF_PRIVILEGED);
}

/* Reads what the hypervisor holds while the ring has room. Upcalls masked. */
static void input_fill(void)
{
	while (input_head - input_tail < INPUT_RING_SIZE) {
		unsigned int at = input_head % INPUT_RING_SIZE;
		unsigned int room = MIN(INPUT_RING_SIZE - (input_head - input_tail),
					INPUT_RING_SIZE - at);
		long rc = hv_read(&input_ring[at], room);

		if (rc <= 0)
			break;
		input_head += rc;
	}
}

static void console_virq(evtchn_port_t port, void *data)
{
	input_events++;
	input_fill();
	wake_up(&input_wq);
}

static void console_input_init(void)
{
	if (!input_allowed())
		return;
	input_port = bind_virq(SHALE_VIRQ_CONSOLE, console_virq, NULL);
	if (input_port < 0)
		printk("console: cannot bind VIRQ_CONSOLE (error %ld); input is polled\n",
		       input_port);
}

void console_input_stats(long *port, unsigned long *events)
{
	*port = input_port;
	*events = input_events;
}

/* True when a byte is waiting; looks at the hypervisor too, in case its VIRQ came early. */
static bool input_ready(void)
{
	if (input_head == input_tail)
		input_fill();
	return input_head != input_tail;
}

/*
 * Before threads exist, or without the VIRQ: poll. A thread sleeps a tick
 * between polls so the others run; before threads, the vCPU blocks.
 */
static int getc_polling(void)
{
	unsigned char c;

	for (;;) {
		long rc = hv_read(&c, 1);

		if (rc == 1)
			return c;
		if (rc < 0)
			return rc;
		if (sched_running())
			msleep(10);
		else if (!(console_features & SHALE_FEAT_sched_block) ||
			 HYPERVISOR_sched_op(SHALE_SCHEDOP_block, NULL) < 0)
			HYPERVISOR_sched_op(SHALE_SCHEDOP_yield, NULL);
	}
}

int console_getc_blocking(void)
{
	static bool warned;
	unsigned long flags;
	int c;

	if (cons_ring_usable())
		return cons_ring_getc();
	if (!input_allowed()) {
		if (!warned)
			printk("console: no input in an unprivileged domain without a console "
			       "ring (console_io read is dom0's)\n");
		warned = true;
		return -SHALE_EPERM;
	}
	if (!sched_running() || input_port < 0)
		return getc_polling();
	wait_event(input_wq, input_ready());
	flags = local_irq_save();
	c = input_ring[input_tail++ % INPUT_RING_SIZE];
	local_irq_restore(flags);
	return c;
}

void console_connect(void)
{
	int rc;

	if (!start_info->console_mfn) {
		console_input_init();
		return;
	}
	rc = cons_ring_connect();
	if (rc)
		printk("console: staying on the hypervisor console (error %d)\n", rc);
}

bool console_has_ring(void)
{
	return cons_ring_usable();
}

int console_getc_nowait(void)
{
	unsigned long flags;
	int c = -SHALE_EAGAIN;

	if (!input_allowed() || input_port < 0)
		return -SHALE_EPERM;
	flags = local_irq_save();
	if (input_ready())
		c = input_ring[input_tail++ % INPUT_RING_SIZE];
	local_irq_restore(flags);
	return c;
}

bool console_input_pending(void)
{
	unsigned long flags;
	bool ready;

	if (!input_allowed() || input_port < 0)
		return false;
	flags = local_irq_save();
	ready = input_ready();
	local_irq_restore(flags);
	return ready;
}

struct wait_queue_head *console_input_waitq(void)
{
	return &input_wq;
}

/* printf output is gathered in chunks so each line costs one hypercall, not one per piece. */
struct console_sink {
	char buf[256];
	size_t used;
};

static void sink_flush(struct console_sink *s)
{
	console_write(s->buf, s->used);
	s->used = 0;
}

static void emit_to_console(void *ctx, const char *str, size_t len)
{
	struct console_sink *s = ctx;

	while (len) {
		size_t n = MIN(len, sizeof(s->buf) - s->used);

		memcpy(s->buf + s->used, str, n);
		s->used += n;
		str += n;
		len -= n;
		if (s->used == sizeof(s->buf))
			sink_flush(s);
	}
}

int vprintf(const char *fmt, va_list ap)
{
	struct console_sink s;
	int n;

	s.used = 0;
	n = vformat(emit_to_console, &s, fmt, ap);
	sink_flush(&s);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}
