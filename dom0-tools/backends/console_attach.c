/* SPDX-License-Identifier: MIT */
/* `shl console`: dom0's terminal on a guest's console, until Ctrl-]. */
#include <console.h>
#include <public/errno.h>
#include <sched.h>
#include "console_priv.h"

/* Typed bytes passed on per ring write. */
#define INPUT_BATCH	64

/* Prints g's output from *pos on; says how much fell out of the history first. */
static void show_output(struct cons_guest *g, uint64_t *pos)
{
	if (*pos < g->hist_start) {
		printf("\n[console: %llu bytes dropped while the output was faster than this "
		       "terminal]\n", (unsigned long long)(g->hist_start - *pos));
		*pos = g->hist_start;
	}
	while (*pos < g->hist_end) {
		size_t at = *pos % CONS_HISTORY_SIZE;
		size_t len = MIN(g->hist_end - *pos, (uint64_t)(CONS_HISTORY_SIZE - at));

		console_write(g->hist + at, len);
		*pos += len;
	}
}

/* Passes typed bytes on; true when Ctrl-] was among them (what follows it stays for dom0). */
static bool forward_input(struct cons_guest *g, int *err)
{
	char batch[INPUT_BATCH];
	size_t n = 0;
	bool escape = false;
	int c;

	while (n < sizeof(batch) && (c = console_getc_nowait()) >= 0) {
		if (c == CONS_ESCAPE) {
			escape = true;
			break;
		}
		batch[n++] = (char)c;
	}
	if (c == -SHALE_EPERM)
		*err = c;
	if (n)
		cons_put_input(g, batch, n);
	return escape;
}

static bool output_waiting(const struct cons_guest *g, uint64_t pos)
{
	return pos != g->hist_end;
}

/*
 * Sleeps until typed input, new output of the guest or its removal. Both
 * wait queues are static (never freed), so leaving them is always safe.
 */
static void wait_for_work(uint16_t domid, uint64_t serial, uint64_t pos)
{
	struct wait_queue on_output = { .thread = current_thread() };
	struct wait_queue on_input = { .thread = current_thread() };
	unsigned long flags = local_irq_save();
	struct cons_guest *g = cons_find(domid);

	/* Checked with upcalls masked: an event now cannot slip between the check and the block. */
	if (g && g->serial == serial && !g->broken && !output_waiting(g, pos) &&
	    !console_input_pending()) {
		add_waiter(&on_output, &cons_attach_wq);
		add_waiter(&on_input, console_input_waitq());
		block_thread(on_output.thread);
		local_irq_restore(flags);
		schedule();
		remove_waiter(&on_output, &cons_attach_wq);
		remove_waiter(&on_input, console_input_waitq());
		return;
	}
	local_irq_restore(flags);
}

int console_backend_attach(uint16_t domid)
{
	struct cons_guest *g = cons_find(domid);
	uint64_t serial, pos;
	int err = 0;

	if (!g)
		return -SHALE_ESRCH;
	if (g->attached)
		return -SHALE_EBUSY;
	g->attached = true;
	serial = g->serial;
	pos = g->hist_start;
	for (;;) {
		bool escape;

		show_output(g, &pos);
		if (g->broken) {
			err = -SHALE_EIO;
			break;
		}
		escape = forward_input(g, &err);
		if (escape || err)
			break;
		wait_for_work(domid, serial, pos);
		g = cons_find(domid);
		if (!g || g->serial != serial)
			return -SHALE_ESRCH;
	}
	g->attached = false;
	/* The echo starts again on a fresh line of the hypervisor console. */
	cons_echo_fresh_line(g);
	return err;
}
