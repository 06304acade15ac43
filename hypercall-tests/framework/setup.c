/* SPDX-License-Identifier: MIT */
/* test_setup(): what every test kernel does before test_main(). */
#include <xt.h>

const struct shale_start_info *xt_si;
struct shale_shared_info *xt_shared_info;
uint64_t xt_l4_mfn;

void xt_mm_init(void);

/*
 * Pointers no hypercall may accept (ABI.md: reserved ranges, non-canonical
 * addresses and unmapped pages are -EFAULT). 0x10000 is below the link
 * address, in an L2 slot the bootstrap tables leave empty.
 */
const struct xt_bad_ptr xt_bad_ptrs[] = {
	{ 0, "NULL" },
	{ 0x10000, "unmapped guest address 0x10000" },
	{ SHALE_ULL(0xffff830000000000), "hypervisor direct map 0xffff830000000000" },
	{ SHALE_ULL(0xffff800000000000), "read-only M2P area 0xffff800000000000" },
	{ SHALE_ULL(0xffffffff80100000), "hypervisor image 0xffffffff80100000" },
	{ SHALE_ULL(0x0000800000000000), "non-canonical 0x0000800000000000" },
	{ SHALE_ULL(0x8000000000000000), "non-canonical 0x8000000000000000" },
};
const unsigned int xt_nr_bad_ptrs = ARRAY_SIZE(xt_bad_ptrs);

void test_setup(const struct shale_start_info *si)
{
	char rc[24];

	xt_si = si;
	xt_shared_info = (struct shale_shared_info *)si->shared_info_va;
	xt_printf("--- conformance test: %s\n", test_title);
	if (strncmp(si->magic, SHALE_START_INFO_MAGIC_PREFIX, 6)) {
		xt_error("start_info magic does not start with \"shale-\"");
		xt_finish();
	}
	xt_mm_init();
	xt_l4_mfn = xt_va_to_mfn(si->pt_base);
	xt_trap_table_rc = xt_install_trap_table();
	if (xt_trap_table_rc)
		xt_printf("note: set_trap_table gave %s: faults cannot be caught\n",
			  xt_rc_name(xt_trap_table_rc, rc, sizeof(rc)));
}
