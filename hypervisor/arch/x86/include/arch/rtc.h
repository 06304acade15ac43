/* SPDX-License-Identifier: MIT */
/* The CMOS real-time clock. */
#ifndef SHALE_ARCH_X86_RTC_H
#define SHALE_ARCH_X86_RTC_H

#include <stdbool.h>
#include <stdint.h>

/* Seconds since 1970-01-01 UTC, as the RTC says now (years 2000-2099). */
uint64_t rtc_read_unix(void);

#endif /* SHALE_ARCH_X86_RTC_H */
