/* SPDX-License-Identifier: MIT */
/*
 * bench mm: what the memory and trap paths cost, in TSC cycles, measured
 * from inside a guest (dom0) the way the null-hypercall figure is.
 *
 *   mmu_update, batches of 1 and of 512 entries: cycles per entry
 *   update_va_mapping (remap one page, INVLPG): cycles per call
 *   a page fault bounced to the guest's handler and back (iret): cycles
 *   a multicall of N null (version) calls: cycles per call, N = 1, 16, 64
 *
 * Each figure is the median over BATCHES timed batches; min is printed
 * too. Output lines start with "BENCH " for tests/bench/bench.py.
 */
#include <xt.h>

#define BATCHES		64
#define PER_BATCH	64

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t samples[BATCHES];

static void sort(uint64_t *v, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++)
		for (unsigned int j = i; j && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/* Runs fn BATCHES times; each run does `units` units of work. */
static void report(const char *what, void (*fn)(void), unsigned int units)
{
	for (unsigned int b = 0; b < BATCHES; b++) {
		uint64_t t0 = rdtsc();

		fn();
		samples[b] = (rdtsc() - t0) / units;
	}
	sort(samples, BATCHES);
	xt_printf("BENCH %s: median %lu, min %lu cycles\n", what, samples[BATCHES / 2],
		  samples[0]);
}

static struct shale_mmu_update reqs[512];
static uint64_t target_mfn;

static void fill_reqs(void)
{
	for (unsigned int i = 0; i < 512; i++) {
		reqs[i].ptr = xt_scratch_l1e(i) | SHALE_MMU_NORMAL_PT_UPDATE;
		reqs[i].val = xt_pte(target_mfn, false);
	}
}

static void mmu_batch_1(void)
{
	for (unsigned int i = 0; i < PER_BATCH; i++)
		hc_mmu_update(&reqs[i], 1, NULL, SHALE_DOMID_SELF);
}

static void mmu_batch_512(void)
{
	hc_mmu_update(reqs, 512, NULL, SHALE_DOMID_SELF);
}

static void uvm(void)
{
	for (unsigned int i = 0; i < PER_BATCH; i++)
		hc_update_va_mapping(XT_SCRATCH_VA + i * PAGE_SIZE, xt_pte(target_mfn, i & 1),
				     SHALE_UVMF_INVLPG);
}

extern char pf_load[], pf_resume[];

/* Resumes after the faulting load: the round trip is what is measured. */
static bool skip_fault(struct xt_trap_regs *regs)
{
	if (regs->vector != X86_PF || regs->frame.rip != (uint64_t)pf_load)
		return false;
	regs->frame.rip = (uint64_t)pf_resume;
	return true;
}

static void page_faults(void)
{
	for (unsigned int i = 0; i < PER_BATCH; i++)
		asm volatile(".globl pf_load, pf_resume\n"
			     "pf_load: movq (%0), %%rax\n"
			     "pf_resume:\n"
			     : : "r"(XT_SCRATCH_VA + 600 * PAGE_SIZE) : "rax", "memory");
}

static struct shale_multicall_entry calls[64];
static unsigned int nr_calls;

static void multicall(void)
{
	hc_multicall(calls, nr_calls);
}

static void multicall_bench(unsigned int n)
{
	char what[48];

	for (unsigned int i = 0; i < n; i++)
		calls[i] = (struct shale_multicall_entry){ .op = SHALE_HYPERCALL_version };
	nr_calls = n;
	xt_snprintf(what, sizeof(what), "multicall of %u null calls, per call", n);
	report(what, multicall, n);
}

const char test_title[] = "benchmark: memory-management and trap paths";

void test_main(void)
{
	target_mfn = xt_pfn_to_mfn(xt_alloc_page());
	fill_reqs();
	xt_scratch_l1e(600);	/* an L1 covers the faulting address; its entry stays empty */
	report("mmu_update batch of 1, per entry", mmu_batch_1, PER_BATCH);
	report("mmu_update batch of 512, per entry", mmu_batch_512, 512);
	report("update_va_mapping with invlpg, per call", uvm, PER_BATCH);
	xt_set_trap_hook(skip_fault);
	report("page fault bounced to the guest and back", page_faults, PER_BATCH);
	xt_set_trap_hook(NULL);
	multicall_bench(1);
	multicall_bench(16);
	multicall_bench(64);
	xt_pass();
}
