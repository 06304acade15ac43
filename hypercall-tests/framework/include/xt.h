/* SPDX-License-Identifier: MIT */
/*
 * Everything a conformance test includes. A test defines
 *
 *   const char test_title[] = "one line: what is tested";
 *   void test_main(void);
 *
 * and gives verdicts (xt/report.h). head.S runs test_setup() (console,
 * trap table, allocator), then test_main(), then xt_finish().
 */
#ifndef SHALE_XT_H
#define SHALE_XT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <public/arch-x86_64.h>
#include <xt/console.h>
#include <xt/domain.h>
#include <xt/events.h>
#include <xt/grant.h>
#include <xt/hypercall.h>
#include <xt/mm.h>
#include <xt/report.h>
#include <xt/string.h>
#include <xt/traps.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Provided by each test. */
extern const char test_title[];
void test_main(void);

/* Provided by the framework; called from head.S. */
void test_setup(const struct shale_start_info *si);

/* Addresses a hypercall must refuse as pointers (-EFAULT): see setup.c. */
struct xt_bad_ptr {
	uint64_t addr;
	const char *name;
};
extern const struct xt_bad_ptr xt_bad_ptrs[];
extern const unsigned int xt_nr_bad_ptrs;

#endif /* SHALE_XT_H */
