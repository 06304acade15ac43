/* SPDX-License-Identifier: MIT */
/*
 * gnttab_copy: copies between grants and local frames, alone and batched.
 *
 * What: our entries 1 and 2 grant pages G1 (writable) and G2 (read-only);
 * L is a local page. One copy each way: L -> G1 (4096 bytes), G2 -> L
 * (100 bytes at offsets 7 and 3000), G2 -> G1 (grant to grant, ending
 * at the page's last byte), and local -> local within one page
 * (overlapping). Each is okay and moves
 * exactly its bytes (the neighbours keep their values). Then one batch
 * of 8 copies, the 4th of which is bad (ref 600, past the table): every
 * other structure is okay and done, the 4th is bad_gntref, and the call
 * returns 0. After all of it, no entry shows reading or writing.
 *
 * Why: grant_table.h copy: each side a grant or a local mfn, per-structure
 * statuses, one failure does not stop the batch.
 *
 * Broken hypervisor: bytes copied to the wrong place or count, a batch
 * that stops or fails whole at one bad structure, flags left set.
 */
#include <xt.h>

const char test_title[] = "gnttab: copy local <-> grant, grant -> grant, batched, per-op status";

static struct shale_gnttab_copy_ptr gref(uint32_t ref, uint16_t offset)
{
	return (struct shale_gnttab_copy_ptr){ .u.ref = ref, .domid = 0, .offset = offset };
}

static struct shale_gnttab_copy_ptr local(uint64_t pfn, uint16_t offset)
{
	return (struct shale_gnttab_copy_ptr){ .u.mfn = xt_pfn_to_mfn(pfn),
					       .domid = SHALE_DOMID_SELF, .offset = offset };
}

static struct shale_gnttab_copy cp(struct shale_gnttab_copy_ptr src,
				   struct shale_gnttab_copy_ptr dst, uint16_t len, uint16_t flags)
{
	return (struct shale_gnttab_copy){ .source = src, .dest = dst, .len = len,
					   .flags = flags, .status = 99 };
}

static uint8_t *va_of(uint64_t pfn)
{
	return (uint8_t *)xt_pfn_to_va(pfn);
}

static void fill(uint64_t pfn, uint8_t seed)
{
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		va_of(pfn)[i] = (uint8_t)(seed + i * 7);
}

/* True when dst[off, off+len) = src[soff, ...) and the rest of dst is pattern seed. */
static bool moved(uint64_t dst, unsigned int off, unsigned int len, uint64_t src,
		  unsigned int soff, uint8_t seed)
{
	for (unsigned int i = 0; i < PAGE_SIZE; i++) {
		uint8_t want = i >= off && i < off + len ? va_of(src)[soff + i - off] :
			       (uint8_t)(seed + i * 7);

		if (va_of(dst)[i] != want)
			return false;
	}
	return true;
}

static void one(struct shale_gnttab_copy op, uint64_t dst, uint64_t src, const char *what)
{
	xt_expect_gntst(xt_grant_copy(&op), 0, what);
	xt_expect_eq(moved(dst, op.dest.offset, op.len, src, op.source.offset, 0x40), 1, what);
	fill(dst, 0x40);
}

/* Within one local page, 200 bytes from offset 10 to offset 0 (overlapping). */
static void overlapping(uint64_t pfn)
{
	struct shale_gnttab_copy op = cp(local(pfn, 10), local(pfn, 0), 200, 0);
	bool ok = true;

	fill(pfn, 0x40);
	xt_expect_gntst(xt_grant_copy(&op), 0, "local -> local, overlapping");
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		ok &= va_of(pfn)[i] == (uint8_t)(0x40 + (i < 200 ? i + 10 : i) * 7);
	xt_expect_eq(ok, 1, "the overlapping copy moved the 200 bytes and nothing else");
	fill(pfn, 0x91);
}

void test_main(void)
{
	uint64_t g1 = xt_alloc_page(), g2 = xt_alloc_page(), l = xt_alloc_page();
	struct shale_gnttab_copy batch[8];

	if (xt_gnttab_setup(1))
		return;
	xt_grant(1, 0, xt_pfn_to_mfn(g1), SHALE_GTF_permit_access);
	xt_grant(2, 0, xt_pfn_to_mfn(g2), SHALE_GTF_permit_access | SHALE_GTF_readonly);
	fill(g1, 0x40);
	fill(g2, 0x91);
	fill(l, 0x40);
	one(cp(local(l, 0), gref(1, 0), 4096, SHALE_GNTCOPY_dest_gref), g1, l,
	    "local -> grant, a whole page");
	fill(l, 0x40);
	one(cp(gref(2, 0), local(l, 0), 100, SHALE_GNTCOPY_source_gref), l, g2,
	    "read-only grant -> local, 100 bytes");
	one(cp(gref(2, 3000), local(l, 7), 100, SHALE_GNTCOPY_source_gref), l, g2,
	    "grant +3000 -> local +7");
	one(cp(gref(2, 0), gref(1, 4000), 96, SHALE_GNTCOPY_source_gref | SHALE_GNTCOPY_dest_gref),
	    g1, g2, "grant -> grant, ending at the page's last byte");
	overlapping(g2);

	for (unsigned int i = 0; i < 8; i++)
		batch[i] = cp(gref(2, (uint16_t)(i * 512)), local(l, (uint16_t)(i * 512)), 512,
			      SHALE_GNTCOPY_source_gref);
	batch[3].source.u.ref = 600;
	xt_expect_rc(hc_grant_table_op(SHALE_GNTTABOP_copy, batch, 8), 0, "a batch of 8 copies");
	for (unsigned int i = 0; i < 8; i++) {
		bool done = va_of(l)[i * 512] == va_of(g2)[i * 512] &&
			    va_of(l)[i * 512 + 511] == va_of(g2)[i * 512 + 511];

		xt_expect_gntst(batch[i].status, i == 3 ? SHALE_GNTST_bad_gntref : 0, "batch status");
		xt_expect_eq(done, i != 3, "batch entry done exactly when its status is okay");
	}
	xt_expect_eq(xt_grant_flags(1), SHALE_GTF_permit_access, "entry 1 not in use");
	xt_expect_eq(xt_grant_flags(2), SHALE_GTF_permit_access | SHALE_GTF_readonly,
		     "entry 2 not in use");
	xt_pass();
}
