/* SPDX-License-Identifier: MIT */
/*
 * trap_table_bad: set_trap_table and set_callbacks with bad entries.
 *
 * What: a table whose first entry sends #UD to another valid handler and
 * whose second is bad (handler non-canonical, in the hypervisor's direct
 * map or image, or an unknown flag) is -EINVAL, and the table stays as it
 * was: a ud2 still reaches the framework's #UD handler, not the
 * replacement. set_callbacks with a non-canonical or hypervisor address
 * is -EINVAL; with guest addresses or 0 it is 0.
 *
 * Why: traps.h: the table is validated whole and left unchanged on error.
 * A handler address the hypervisor jumps to in ring 3 must be a guest
 * address, or the iretq/sysret to it faults in ring 0.
 *
 * Broken hypervisor: installs entries up to the bad one (the ud2 lands
 * in the replacement: vector 20 here), accepts a non-canonical handler
 * (panic on the first bounce), or accepts unknown flags.
 */
#include <xt.h>

const char test_title[] = "bad trap tables and callbacks are refused whole";

static const struct {
	uint64_t address;
	uint8_t flags;
	const char *what;
} cases[] = {
	{ SHALE_ULL(0x0000800000000000), 0, "handler 0x0000800000000000 (non-canonical)" },
	{ SHALE_ULL(0x8000000000000000), 0, "handler 0x8000000000000000 (non-canonical)" },
	{ SHALE_ULL(0xffff830000000000), 0, "handler in the direct map" },
	{ SHALE_ULL(0xffffffff80100000), 0, "handler in the hypervisor image" },
	{ 0, 0x02, "unknown flag 0x02" },
	{ 0, 0x80, "unknown flag 0x80" },
};

static void do_ud2(void *arg)
{
	asm volatile("ud2");
}

void test_main(void)
{
	struct shale_trap_info table[3];
	uint64_t good = xt_trap_entry(20);	/* a valid handler that reports vector 20 */
	char what[96];

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		table[0] = (struct shale_trap_info){ .vector = X86_UD, .address = good };
		table[1] = (struct shale_trap_info){ .vector = X86_GP, .flags = cases[i].flags,
						     .address = cases[i].address ?: good };
		table[2] = (struct shale_trap_info){ 0 };
		xt_snprintf(what, sizeof(what), "set_trap_table with %s", cases[i].what);
		xt_expect_refused(hc_set_trap_table(table), -SHALE_EINVAL, what);
		xt_expect_eq(xt_exec_catch(do_ud2, NULL), X86_UD,
			     "ud2 reaches the old #UD handler after the refusal");
	}

	xt_expect_refused(hc_set_callbacks(SHALE_ULL(0x0000800000000000), 0), -SHALE_EINVAL,
			  "set_callbacks with a non-canonical event address");
	xt_expect_refused(hc_set_callbacks(0, SHALE_ULL(0xffff830000000000)), -SHALE_EINVAL,
			  "set_callbacks with a failsafe address in the direct map");
	xt_expect_refused(hc_set_callbacks(SHALE_ULL(0xffffffff80100000), 0), -SHALE_EINVAL,
			  "set_callbacks with an event address in the hypervisor image");
	xt_expect_rc(hc_set_callbacks(good, good), 0, "set_callbacks with guest addresses");
	xt_expect_rc(hc_set_callbacks(0, 0), 0, "set_callbacks with 0, 0");
	xt_pass();
}
