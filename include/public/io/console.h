/* SPDX-License-Identifier: MIT */
/*
 * The PV console ring, byte-compatible with Xen's xencons_interface.
 *
 * One page shared between a guest (the frontend) and dom0's console
 * backend, plus an interdomain event channel. The frame and the port are in
 * start_info console_mfn/console_evtchn, and the toolstack also writes them
 * to the store as /local/domain/<id>/console/ring-ref and .../port.
 *
 *   out[]  guest output: the guest produces (out_prod), dom0 consumes (out_cons)
 *   in[]   guest input:  dom0 produces (in_prod), the guest consumes (in_cons)
 *
 * Indices run freely; the byte at index i of out is out[i % sizeof(out)].
 * A producer writes bytes, issues a write barrier, then advances its index
 * and notifies the event channel; a consumer reads the producer index,
 * issues a read barrier, copies, then advances its own index and notifies.
 * A side that sees prod - cons larger than the ring treats the ring as
 * broken and stops using it (it never reads outside the array).
 */
#ifndef SHALE_PUBLIC_IO_CONSOLE_H
#define SHALE_PUBLIC_IO_CONSOLE_H

#include <stdint.h>

#define SHALE_CONS_IN_SIZE	1024
#define SHALE_CONS_OUT_SIZE	2048

struct shale_cons_ring {
	char in[SHALE_CONS_IN_SIZE];
	char out[SHALE_CONS_OUT_SIZE];
	uint32_t in_cons, in_prod;
	uint32_t out_cons, out_prod;
};

#endif /* SHALE_PUBLIC_IO_CONSOLE_H */
