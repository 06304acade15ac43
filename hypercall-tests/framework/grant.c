/* SPDX-License-Identifier: MIT */
/* Grant tables for the tests: our table, entries, single map/unmap/copy. */
#include <xt.h>

volatile struct shale_grant_entry *xt_gnttab;

long xt_gnttab_setup(unsigned int nr_frames)
{
	struct shale_gnttab_setup_table op = { .dom = SHALE_DOMID_SELF, .nr_frames = nr_frames };
	uint64_t frames[SHALE_GNTTAB_MAX_FRAMES];
	long rc;

	if (nr_frames > SHALE_GNTTAB_MAX_FRAMES) {
		xt_error("xt_gnttab_setup: %u frames asked", nr_frames);
		return -SHALE_EINVAL;
	}
	op.frame_list = (uint64_t)frames;
	rc = hc_grant_table_op(SHALE_GNTTABOP_setup_table, &op, 1);
	if (rc || op.status) {
		xt_error("setup_table(%u frames): rc %ld, status %d", nr_frames, rc, op.status);
		return rc ? rc : op.status;
	}
	for (unsigned int i = 0; i < nr_frames; i++) {
		uint64_t va = XT_GNTTAB_VA + i * PAGE_SIZE;

		if (xt_ensure_l1(va))
			return -SHALE_ENOMEM;
		rc = xt_set_pte(xt_l1e_maddr(va), xt_pte(frames[i], true));
		if (rc) {
			xt_error("mapping grant frame %u (mfn %lx): rc %ld", i, frames[i], rc);
			return rc;
		}
	}
	xt_gnttab = (volatile struct shale_grant_entry *)XT_GNTTAB_VA;
	return 0;
}

void xt_grant(uint32_t ref, uint16_t domid, uint64_t mfn, uint16_t flags)
{
	xt_gnttab[ref].frame = (uint32_t)mfn;
	xt_gnttab[ref].domid = domid;
	__atomic_store_n(&xt_gnttab[ref].flags, flags, __ATOMIC_RELEASE);
}

long xt_end_grant(uint32_t ref)
{
	uint16_t flags = __atomic_load_n(&xt_gnttab[ref].flags, __ATOMIC_ACQUIRE);

	if (flags & (SHALE_GTF_reading | SHALE_GTF_writing))
		return -SHALE_EBUSY;
	return __atomic_compare_exchange_n(&xt_gnttab[ref].flags, &flags, 0, false,
					   __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) ? 0 : -SHALE_EBUSY;
}

uint16_t xt_grant_flags(uint32_t ref)
{
	return __atomic_load_n(&xt_gnttab[ref].flags, __ATOMIC_ACQUIRE);
}

uint64_t xt_grant_va(unsigned int i)
{
	uint64_t va = XT_GRANT_MAP_VA + i * PAGE_SIZE;

	if (xt_ensure_l1(va))
		xt_finish();
	return va;
}

static long status_of(long rc, int16_t status, const char *op)
{
	char name[24];

	if (!rc)
		return status;
	xt_fail("grant_table_op(%s) failed as a whole: %s", op, xt_rc_name(rc, name, sizeof(name)));
	return XT_GNTST_CALL_FAILED;
}

long xt_map_grant(uint16_t dom, uint32_t ref, uint64_t va, uint32_t flags, uint32_t *handle)
{
	struct shale_gnttab_map_grant_ref op = {
		.host_addr = va, .flags = flags, .ref = ref, .dom = dom, .status = 99,
	};
	long rc = hc_grant_table_op(SHALE_GNTTABOP_map_grant_ref, &op, 1);

	if (handle)
		*handle = op.handle;
	return status_of(rc, op.status, "map_grant_ref");
}

long xt_unmap_grant(uint64_t va, uint32_t handle)
{
	struct shale_gnttab_unmap_grant_ref op = { .host_addr = va, .handle = handle, .status = 99 };
	long rc = hc_grant_table_op(SHALE_GNTTABOP_unmap_grant_ref, &op, 1);

	return status_of(rc, op.status, "unmap_grant_ref");
}

long xt_grant_copy(struct shale_gnttab_copy *op)
{
	long rc;

	op->status = 99;
	rc = hc_grant_table_op(SHALE_GNTTABOP_copy, op, 1);
	return status_of(rc, op->status, "copy");
}

const char *xt_gntst_name(long status)
{
	static const char *const names[] = {
		"okay", "general_error", "bad_domain", "bad_gntref", "bad_handle",
		"bad_virt_addr", "bad_dev_addr", "no_device_space", "permission_denied",
		"bad_page", "bad_copy_arg", "address_too_big", "eagain", "no_space",
	};

	if (status == XT_GNTST_CALL_FAILED)
		return "(call failed)";
	return status <= 0 && -status < (long)ARRAY_SIZE(names) ? names[-status] : "?";
}

bool xt_expect_gntst(long status, long expected, const char *what)
{
	if (status != expected) {
		xt_fail("%s: expected %s (%ld), got %s (%ld)", what, xt_gntst_name(expected),
			expected, xt_gntst_name(status), status);
		return false;
	}
	return expected == SHALE_GNTST_okay || xt_hypervisor_alive();
}
