/* SPDX-License-Identifier: MIT */
/*
 * Grant tables: our table (set up and mapped once), references handed out
 * from a bitmap, and grant mappings at addresses from a small area of our
 * own. include/gnttab.h describes the interface.
 */
#include <compiler.h>
#include <gnttab.h>
#include <hypercall.h>
#include <mm.h>
#include <pagetable.h>
#include <string.h>

#define MAX_ENTRIES	(SHALE_GNTTAB_MAX_FRAMES * SHALE_GNTTAB_ENTRIES_PER_FRAME)

static volatile struct shale_grant_entry *table;
static unsigned int nr_entries;
static uint64_t ref_used[MAX_ENTRIES / 64];		/* bit set: handed out */
static uint64_t slot_used[GNTTAB_MAP_SLOTS / 64];	/* bit set: map-area page in use */

static bool test_bit(const uint64_t *map, unsigned int i)
{
	return map[i / 64] & (1ULL << (i % 64));
}

static void set_bit(uint64_t *map, unsigned int i, bool on)
{
	if (on)
		map[i / 64] |= 1ULL << (i % 64);
	else
		map[i / 64] &= ~(1ULL << (i % 64));
}

int gnttab_init(unsigned int nr_frames)
{
	uint64_t frames[SHALE_GNTTAB_MAX_FRAMES];
	struct shale_gnttab_setup_table op = {
		.dom = SHALE_DOMID_SELF, .nr_frames = nr_frames, .frame_list = (uint64_t)frames,
	};
	long rc;

	if (table)
		return -SHALE_EALREADY;
	if (nr_frames == 0 || nr_frames > SHALE_GNTTAB_MAX_FRAMES)
		return -SHALE_EINVAL;
	rc = HYPERVISOR_grant_table_op(SHALE_GNTTABOP_setup_table, &op, 1);
	if (rc)
		return (int)rc;
	if (op.status != SHALE_GNTST_okay)
		return -SHALE_EIO;
	for (unsigned int i = 0; i < nr_frames; i++) {
		rc = map_frame(GNTTAB_TABLE_VA + i * PAGE_SIZE, frames[i], true);
		if (rc)
			return (int)rc;
	}
	table = (volatile struct shale_grant_entry *)GNTTAB_TABLE_VA;
	nr_entries = nr_frames * SHALE_GNTTAB_ENTRIES_PER_FRAME;
	return 0;
}

unsigned int gnttab_nr_entries(void)
{
	return nr_entries;
}

long gnttab_grant_access(uint16_t domid, uint64_t mfn, bool readonly)
{
	if (!table)
		return -SHALE_EINVAL;
	for (uint32_t ref = GNTTAB_RESERVED_REFS; ref < nr_entries; ref++) {
		if (test_bit(ref_used, ref))
			continue;
		set_bit(ref_used, ref, true);
		table[ref].frame = (uint32_t)mfn;
		table[ref].domid = domid;
		/* The flags go last: the entry is valid only once they say so. */
		__atomic_store_n(&table[ref].flags, (uint16_t)(SHALE_GTF_permit_access |
				 (readonly ? SHALE_GTF_readonly : 0)), __ATOMIC_RELEASE);
		return ref;
	}
	return -SHALE_ENOSPC;
}

int gnttab_end_access(uint32_t ref)
{
	uint16_t flags;

	if (ref < GNTTAB_RESERVED_REFS || ref >= nr_entries || !test_bit(ref_used, ref))
		return -SHALE_EINVAL;
	flags = __atomic_load_n(&table[ref].flags, __ATOMIC_ACQUIRE);
	/* Fails if the hypervisor set reading or writing since we looked. */
	if ((flags & (SHALE_GTF_reading | SHALE_GTF_writing)) ||
	    !__atomic_compare_exchange_n(&table[ref].flags, &flags, 0, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return -SHALE_EBUSY;
	set_bit(ref_used, ref, false);
	return 0;
}

uint16_t gnttab_flags(uint32_t ref)
{
	return ref < nr_entries ? __atomic_load_n(&table[ref].flags, __ATOMIC_ACQUIRE) : 0;
}

int gnttab_map(uint16_t domid, uint32_t ref, bool readonly, void **va, uint32_t *handle)
{
	struct shale_gnttab_map_grant_ref op = {
		.flags = SHALE_GNTMAP_host_map | (readonly ? SHALE_GNTMAP_readonly : 0),
		.ref = ref, .dom = domid,
	};
	unsigned int slot;

	for (slot = 0; slot < GNTTAB_MAP_SLOTS && test_bit(slot_used, slot); slot++)
		;
	if (slot == GNTTAB_MAP_SLOTS)
		return SHALE_GNTST_no_space;
	op.host_addr = GNTTAB_MAP_AREA + slot * PAGE_SIZE;
	if (pt_prepare(op.host_addr))
		return SHALE_GNTST_general_error;
	if (HYPERVISOR_grant_table_op(SHALE_GNTTABOP_map_grant_ref, &op, 1))
		return SHALE_GNTST_general_error;
	if (op.status == SHALE_GNTST_okay) {
		set_bit(slot_used, slot, true);
		*va = (void *)op.host_addr;
		*handle = op.handle;
	}
	return op.status;
}

int gnttab_unmap(void *va, uint32_t handle)
{
	struct shale_gnttab_unmap_grant_ref op = { .host_addr = (uint64_t)va, .handle = handle };
	uint64_t slot = (op.host_addr - GNTTAB_MAP_AREA) / PAGE_SIZE;

	if (op.host_addr < GNTTAB_MAP_AREA || slot >= GNTTAB_MAP_SLOTS)
		return SHALE_GNTST_bad_virt_addr;
	if (HYPERVISOR_grant_table_op(SHALE_GNTTABOP_unmap_grant_ref, &op, 1))
		return SHALE_GNTST_general_error;
	if (op.status == SHALE_GNTST_okay)
		set_bit(slot_used, (unsigned int)slot, false);
	return op.status;
}

long gnttab_copy(struct shale_gnttab_copy *ops, unsigned int count)
{
	return HYPERVISOR_grant_table_op(SHALE_GNTTABOP_copy, ops, count);
}

/* One copy between a grant and buf; to_grant says which way. */
static int copy_one(uint16_t domid, uint32_t ref, uint16_t offset, const void *buf,
		    uint16_t len, bool to_grant)
{
	uint64_t addr = (uint64_t)buf;
	struct shale_gnttab_copy_ptr local = {
		.u.mfn = virt_to_mfn(buf), .domid = SHALE_DOMID_SELF,
		.offset = (uint16_t)(addr & (PAGE_SIZE - 1)),
	};
	struct shale_gnttab_copy_ptr grant = { .u.ref = ref, .domid = domid, .offset = offset };
	struct shale_gnttab_copy op = {
		.source = to_grant ? local : grant, .dest = to_grant ? grant : local, .len = len,
		.flags = to_grant ? SHALE_GNTCOPY_dest_gref : SHALE_GNTCOPY_source_gref,
	};

	if (local.offset + len > PAGE_SIZE)
		return SHALE_GNTST_bad_copy_arg;
	if (gnttab_copy(&op, 1))
		return SHALE_GNTST_general_error;
	return op.status;
}

int gnttab_copy_to_grant(uint16_t domid, uint32_t ref, uint16_t offset, const void *buf,
			 uint16_t len)
{
	return copy_one(domid, ref, offset, buf, len, true);
}

int gnttab_copy_from_grant(uint16_t domid, uint32_t ref, uint16_t offset, void *buf,
			   uint16_t len)
{
	return copy_one(domid, ref, offset, buf, len, false);
}

const char *gnttab_status_name(int status)
{
	static const char *const names[] = {
		"okay", "general_error", "bad_domain", "bad_gntref", "bad_handle",
		"bad_virt_addr", "bad_dev_addr", "no_device_space", "permission_denied",
		"bad_page", "bad_copy_arg", "address_too_big", "eagain", "no_space",
	};

	return status <= 0 && -status < (int)ARRAY_SIZE(names) ? names[-status] : "unknown";
}
