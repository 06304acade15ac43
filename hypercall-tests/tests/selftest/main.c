/* SPDX-License-Identifier: MIT */
/*
 * selftest: the framework itself, run first.
 *
 * What: printf formatting, the verdict order (worst wins), errno names,
 * the page-table walk and allocator, and that a deliberate ud2 is caught
 * as vector 6 through the trap table and resumed with iret.
 *
 * Why: every other test trusts these; a framework bug must show up here
 * as FAIL/ERROR rather than as a wrong verdict elsewhere.
 *
 * Broken hypervisor: without set_trap_table (or with a wrong bounce frame
 * or iret) the ud2 is not caught: FAIL, or the domain is crashed and the
 * runner sees no RESULT line.
 */
#include <xt.h>

const char test_title[] = "framework selftest: console, verdicts, walks, trap catching";

static const struct {
	const char *fmt;
	long arg;
	const char *want;
} formats[] = {
	{ "%d", -42, "-42" },
	{ "%5d|", 42, "   42|" },
	{ "%-5d|", 42, "42   |" },
	{ "%05d", -42, "-0042" },
	{ "%x", 0xbeef, "beef" },
	{ "%lx", -1, "ffffffffffffffff" },
	{ "%08lX", 0xabc, "00000ABC" },
	{ "%lu", 1234567890123L, "1234567890123" },
};

static const struct {
	enum xt_status a, b, want;
} verdicts[] = {
	{ XT_NONE, XT_PASS, XT_PASS }, { XT_PASS, XT_SKIP, XT_SKIP },
	{ XT_SKIP, XT_ERROR, XT_ERROR }, { XT_ERROR, XT_FAIL, XT_FAIL },
	{ XT_FAIL, XT_PASS, XT_FAIL }, { XT_ERROR, XT_SKIP, XT_ERROR },
};

static void check_console(void)
{
	char buf[64];

	for (unsigned int i = 0; i < ARRAY_SIZE(formats); i++) {
		xt_snprintf(buf, sizeof(buf), formats[i].fmt, formats[i].arg);
		if (strcmp(buf, formats[i].want))
			xt_error("format '%s': expected '%s', got '%s'", formats[i].fmt,
				 formats[i].want, buf);
	}
	xt_expect_eq(xt_snprintf(buf, 4, "%s", "abcdef"), 6, "snprintf length when truncated");
	if (strcmp(buf, "abc"))
		xt_error("truncated snprintf: got '%s'", buf);
	if (strcmp(xt_rc_name(-SHALE_EBUSY, buf, sizeof(buf)), "-EBUSY"))
		xt_error("errno name of -16: got '%s'", buf);
	xt_expect_eq(xt_write("selftest: console write\n", 24), 24, "console_io write result");
}

static void check_verdicts(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(verdicts); i++)
		if (xt_worst(verdicts[i].a, verdicts[i].b) != verdicts[i].want)
			xt_error("worst(%s, %s) is not %s", xt_status_name(verdicts[i].a),
				 xt_status_name(verdicts[i].b), xt_status_name(verdicts[i].want));
	if (xt_status() != XT_NONE && xt_status() != XT_PASS)
		xt_error("verdict changed by the checks above");
}

static void check_memory(void)
{
	uint64_t pt = xt_si->pt_base, pfn = xt_alloc_page();
	volatile uint64_t *p = (uint64_t *)xt_pfn_to_va(pfn);
	uint64_t l1e = xt_l1e(pt);

	xt_expect_eq(xt_mfn_to_pfn(xt_pfn_to_mfn(pfn)), pfn, "p2m search finds the pfn");
	xt_expect_eq(l1e & SHALE_PTE_ADDR_MASK, xt_l4_mfn << 12, "L1 entry of pt_base maps the L4");
	xt_expect_eq(l1e & (SHALE_PTE_PRESENT | SHALE_PTE_RW), SHALE_PTE_PRESENT,
		     "the L4 is mapped present and read-only");
	xt_expect_eq(*p, 0, "allocated page is zeroed");
	*p = 0x5a5a;
	xt_expect_eq(*p, 0x5a5a, "allocated page is writable");
}

static void do_ud2(void *arg)
{
	asm volatile("ud2");
}

static void return_normally(void *arg)
{
	*(int *)arg = 1;
}

void test_main(void)
{
	int ran = 0;

	check_console();
	check_verdicts();
	check_memory();
	if (!xt_expect_rc(xt_trap_table_rc, 0, "set_trap_table of the framework's handlers"))
		return;
	xt_expect_eq(xt_exec_catch(return_normally, &ran), -1, "xt_exec_catch of a clean function");
	xt_expect_eq(ran, 1, "the clean function ran");
	xt_expect_eq(xt_exec_catch(do_ud2, NULL), X86_UD, "vector caught for ud2");
	xt_expect_eq(xt_last_trap.count, 1, "exceptions bounced so far");
	xt_expect_eq(xt_exec_catch(do_ud2, NULL), X86_UD, "vector caught for a second ud2");
	xt_hypervisor_alive();
	xt_pass();
}
