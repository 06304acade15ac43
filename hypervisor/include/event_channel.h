/* SPDX-License-Identifier: MIT */
/* Event channels inside the hypervisor: sending virqs, teardown, input. */
#ifndef SHALE_HV_EVENT_CHANNEL_H
#define SHALE_HV_EVENT_CHANNEL_H

#include "domain.h"

/* Fires virq (per-vCPU: timer, debug) on v if v's domain bound it. */
void evtchn_send_vcpu_virq(struct vcpu *v, unsigned int virq);
/* Fires a global virq (console, dom_exc) at dom0 if it bound it. */
void evtchn_send_global_virq(unsigned int virq);
/* Called at each tick: console input wakes dom0 and fires VIRQ_CONSOLE. */
void evtchn_poll_console_input(void);
/* Closes every port of d (peers' ports become unbound) and frees the tables. */
void evtchn_destroy(struct domain *d);
/* True when port is pending in d (for sched_op poll); false for bad ports. */
bool evtchn_is_pending(struct domain *d, uint32_t port);

long do_event_channel_op(unsigned int cmd, uint64_t arg);

#endif /* SHALE_HV_EVENT_CHANNEL_H */
