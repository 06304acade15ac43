/* SPDX-License-Identifier: MIT */
/*
 * sched_op: yield, block, shutdown. There is one vCPU so far, so yield has
 * nobody to yield to and block waits for the next interrupt (a timer tick
 * or input), which the ABI allows as a wake-up.
 */
#include <arch/cpu.h>
#include <public/sched.h>
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"

static long sched_block(void)
{
	safe_halt();
	local_irq_disable();
	return 0;
}

static long sched_shutdown(struct domain *d, uint64_t arg)
{
	struct shale_sched_shutdown req;

	if (copy_from_guest(&req, arg, sizeof(req)))
		return -EFAULT;
	if (req.reason > SHALE_SHUTDOWN_watchdog)
		return -EINVAL;
	domain_shutdown(d, req.reason);
}

long do_sched_op(unsigned int cmd, uint64_t arg)
{
	switch (cmd) {
	case SHALE_SCHEDOP_yield:
		return 0;
	case SHALE_SCHEDOP_block:
		return sched_block();
	case SHALE_SCHEDOP_shutdown:
		return sched_shutdown(current_vcpu()->domain, arg);
	default:
		return -ENOSYS;
	}
}
