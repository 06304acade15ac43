/* SPDX-License-Identifier: MIT */
/* Token-bucket rate limiting for log lines guests can provoke. */
#ifndef SHALE_HV_RATELIMIT_H
#define SHALE_HV_RATELIMIT_H

#include <arch/apic.h>
#include "types.h"

struct ratelimit {
	uint32_t burst;		/* lines allowed at once */
	uint64_t interval_ns;	/* one more line per interval */
	uint32_t tokens;
	uint64_t last_ns;
	uint64_t suppressed;
};

#define RATELIMIT_INIT(burst, interval) { (burst), (interval), (burst), 0, 0 }

/* True when a line may be printed now. */
static inline bool ratelimit_ok(struct ratelimit *r)
{
	uint64_t now = now_ns();

	if (now - r->last_ns >= r->interval_ns) {
		r->tokens = r->burst;
		r->last_ns = now;
	}
	if (!r->tokens) {
		r->suppressed++;
		return false;
	}
	r->tokens--;
	return true;
}

#endif /* SHALE_HV_RATELIMIT_H */
