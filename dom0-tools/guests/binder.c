/* SPDX-License-Identifier: MIT */
/*
 * binder: connects an event channel to dom0 and waits to be destroyed.
 * dom0 offers it a port first (`evtchn-offer DOM`); binder does not know
 * which, so it tries dom0's ports in turn: only a port that is unbound and
 * offered to this domain accepts the bind.
 */
#include <console.h>
#include <events.h>
#include <kernel.h>
#include <sched.h>
#include <public/errno.h>


static unsigned long received;

static void on_event(evtchn_port_t port, void *data)
{
	received++;
}

static long find_offer(evtchn_port_t *local, evtchn_port_t *remote)
{
	for (evtchn_port_t p = 1; p < SHALE_NR_EVENT_CHANNELS; p++) {
		int rc = evtchn_bind_interdomain(0, p, on_event, NULL, local);

		if (rc == 0) {
			*remote = p;
			return 0;
		}
		if (rc != -SHALE_EINVAL)
			return rc;
	}
	return -SHALE_ENOENT;
}

int app_main(const struct shale_start_info *si)
{
	evtchn_port_t local, remote;
	long rc;

	for (unsigned int attempt = 0;; attempt++) {
		rc = find_offer(&local, &remote);
		if (rc == 0)
			break;
		if (attempt == 50) {
			printf("binder: no port offered by dom0 (error %ld)\n", rc);
			return 1;
		}
		msleep(100);
	}
	printf("binder: bound local port %u to dom0 port %u\n", local, remote);
	notify_remote_via_evtchn(local);
	printf("binder: notified dom0; waiting to be destroyed\n");
	for (;;)
		msleep(1000);
}
