/* SPDX-License-Identifier: MIT */
/* ticker: prints the wall time once a second until it is shut down or destroyed. */
#include <console.h>
#include <kernel.h>
#include <sched.h>
#include <time.h>

int app_main(const struct shale_start_info *si)
{
	uint64_t next = monotonic_ns();
	char now[32];

	for (unsigned long tick = 1;; tick++) {
		format_time(now, sizeof(now), wallclock_ns());
		printf("ticker: %s UTC (tick %lu)\n", now, tick);
		/* Against the start, not the last wake-up, so late wake-ups do not add up. */
		next += SECONDS(1);
		sleep_until(next);
	}
}
