/* SPDX-License-Identifier: MIT */
/*
 * Event-channel diagnostics: `lsevtchn [DOM]` lists a domain's open ports
 * (like Xen's xen-lsevtchn); `evtchn-offer DOM` allocates a dom0 port that
 * DOM may bind to (the other end of a channel a guest sets up).
 */
#include <console.h>
#include <events.h>
#include "shell/shell.h"
#include "shl/shl.h"
#include "toolstack/errname.h"
#include "shell/builtins.h"

static unsigned long offered_events;

static void print_port(uint32_t port, const struct shale_evtchn_status *st)
{
	switch (st->status) {
	case SHALE_EVTCHNSTAT_unbound:
		if (st->u.unbound.dom == SHALE_DOMID_INVALID)
			printf("%6u: unbound, peer gone\n", port);
		else
			printf("%6u: unbound, offered to d%u\n", port, st->u.unbound.dom);
		break;
	case SHALE_EVTCHNSTAT_interdomain:
		printf("%6u: interdomain, connected to d%u port %u\n", port,
		       st->u.interdomain.dom, st->u.interdomain.port);
		break;
	case SHALE_EVTCHNSTAT_virq:
		printf("%6u: virq %u\n", port, st->u.virq);
		break;
	case SHALE_EVTCHNSTAT_ipi:
		printf("%6u: ipi, vcpu %u\n", port, st->vcpu);
		break;
	default:
		printf("%6u: state %u\n", port, st->status);
	}
}

int cmd_lsevtchn(int argc, char **argv)
{
	uint16_t domid = 0;
	unsigned int open = 0;

	if (argc > 2)
		return shell_usage(shell_find("lsevtchn"));
	if (argc == 2 && !shl_domain_arg(argv[1], &domid))
		return 1;
	for (uint32_t port = 1; port < SHALE_NR_EVENT_CHANNELS; port++) {
		struct shale_evtchn_status st;
		int rc = evtchn_status(domid ? domid : SHALE_DOMID_SELF, port, &st);

		if (rc) {
			printf("lsevtchn: d%u port %u: %s\n", domid, port, ts_errname(rc));
			return 1;
		}
		if (st.status == SHALE_EVTCHNSTAT_closed)
			continue;
		print_port(port, &st);
		open++;
	}
	printf("lsevtchn: d%u: %u open port(s)", domid, open);
	if (!domid)
		printf(", %lu event(s) on ports evtchn-offer made", offered_events);
	printf("\n");
	return 0;
}

static void offered_port_event(evtchn_port_t port, void *data)
{
	offered_events++;
}

int cmd_evtchn_offer(int argc, char **argv)
{
	evtchn_port_t port;
	uint16_t domid;
	int rc;

	if (argc != 2)
		return shell_usage(shell_find("evtchn-offer"));
	if (!shl_domain_arg(argv[1], &domid))
		return 1;
	rc = evtchn_alloc_unbound(domid, offered_port_event, NULL, &port);
	if (rc) {
		printf("evtchn-offer: d%u: %s\n", domid, ts_errname(rc));
		return 1;
	}
	printf("evtchn-offer: dom0 port %u offered to d%u\n", port, domid);
	return 0;
}
