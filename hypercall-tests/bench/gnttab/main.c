/* SPDX-License-Identifier: MIT */
/*
 * bench gnttab: what grant mappings and grant copies cost, measured in
 * dom0 on grants it makes to itself (the hypervisor's work is the same
 * for any granter; only the domain switch of a real backend is missing).
 *
 *   map + unmap, one structure per call: TSC cycles per pair
 *   map + unmap, 64 structures per call: cycles per pair
 *   copy of 4 KiB from a grant to a local frame, 1 and 16 per call:
 *     MB/s (system time) and cycles per copy
 *
 * Each cycle figure is the median (and min) over BATCHES timed batches.
 * Output lines start with "BENCH " for tests/bench/bench.py.
 */
#include <xt.h>

const char test_title[] = "bench gnttab: grant map/unmap cycles, copy bandwidth";

#define BATCHES		64
#define PER_BATCH	64
#define COPY_BYTES	4096

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t samples[BATCHES];
static struct shale_gnttab_map_grant_ref maps[PER_BATCH];
static struct shale_gnttab_unmap_grant_ref unmaps[PER_BATCH];
static struct shale_gnttab_copy copies[PER_BATCH];
static uint32_t copies_per_call;
static bool broken;

static void sort(uint64_t *v, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++)
		for (unsigned int j = i; j && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/* Runs fn BATCHES times, each PER_BATCH units; prints cycles per unit; returns total ns. */
static uint64_t report(const char *what, void (*fn)(void))
{
	uint64_t ns = xt_now_ns();

	for (unsigned int b = 0; b < BATCHES; b++) {
		uint64_t t0 = rdtsc();

		fn();
		samples[b] = (rdtsc() - t0) / PER_BATCH;
	}
	ns = xt_now_ns() - ns;
	sort(samples, BATCHES);
	xt_printf("BENCH %s: median %lu, min %lu cycles\n", what, samples[BATCHES / 2],
		  samples[0]);
	return ns;
}

static void check(long rc, int16_t status)
{
	if (rc || status)
		broken = true;
}

static void map_unmap_single(void)
{
	for (unsigned int i = 0; i < PER_BATCH; i++) {
		check(hc_grant_table_op(SHALE_GNTTABOP_map_grant_ref, &maps[0], 1), maps[0].status);
		unmaps[0].handle = maps[0].handle;
		check(hc_grant_table_op(SHALE_GNTTABOP_unmap_grant_ref, &unmaps[0], 1),
		      unmaps[0].status);
	}
}

static void map_unmap_batched(void)
{
	check(hc_grant_table_op(SHALE_GNTTABOP_map_grant_ref, maps, PER_BATCH), 0);
	for (unsigned int i = 0; i < PER_BATCH; i++) {
		check(0, maps[i].status);
		unmaps[i].handle = maps[i].handle;
	}
	check(hc_grant_table_op(SHALE_GNTTABOP_unmap_grant_ref, unmaps, PER_BATCH), 0);
	for (unsigned int i = 0; i < PER_BATCH; i++)
		check(0, unmaps[i].status);
}

static void copy_run(void)
{
	for (unsigned int i = 0; i < PER_BATCH; i += copies_per_call) {
		check(hc_grant_table_op(SHALE_GNTTABOP_copy, &copies[i], copies_per_call), 0);
		check(0, copies[i].status);
	}
}

static void copy_bench(const char *what, uint32_t per_call)
{
	uint64_t ns;

	copies_per_call = per_call;
	ns = report(what, copy_run);
	xt_printf("BENCH %s: %lu MB/s\n", what,
		  (uint64_t)BATCHES * PER_BATCH * COPY_BYTES * 1000 / (ns ? ns : 1));
}

void test_main(void)
{
	uint64_t src = xt_alloc_page(), dst = xt_alloc_page();

	if (xt_gnttab_setup(1))
		return;
	xt_grant(8, 0, xt_pfn_to_mfn(src), SHALE_GTF_permit_access);
	for (unsigned int i = 0; i < PER_BATCH; i++) {
		maps[i] = (struct shale_gnttab_map_grant_ref){ .host_addr = xt_grant_va(i),
			.flags = SHALE_GNTMAP_host_map, .ref = 8 };
		unmaps[i].host_addr = maps[i].host_addr;
		copies[i] = (struct shale_gnttab_copy){
			.source = { .u.ref = 8, .domid = 0 },
			.dest = { .u.mfn = xt_pfn_to_mfn(dst), .domid = SHALE_DOMID_SELF },
			.len = COPY_BYTES, .flags = SHALE_GNTCOPY_source_gref };
	}
	report("grant map + unmap, one per call, per pair", map_unmap_single);
	report("grant map + unmap, 64 per call, per pair", map_unmap_batched);
	copy_bench("grant copy 4 KiB, one per call", 1);
	copy_bench("grant copy 4 KiB, 16 per call", 16);
	if (broken)
		xt_fail("a grant operation failed during the benchmark");
	else
		xt_pass();
}
