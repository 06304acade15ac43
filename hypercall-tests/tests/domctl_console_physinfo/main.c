/* SPDX-License-Identifier: MIT */
/*
 * domctl_console_physinfo: readconsole and physinfo give sane answers.
 *
 * What: readconsole into a 16 KiB buffer returns the hypervisor's log,
 * oldest first: it holds the boot banner "Shale hypervisor", size is at
 * most the buffer and no byte past size is written; a 16-byte read gives
 * exactly the first 16 bytes of the big one; a read of size 0 copies
 * nothing. physinfo: nr_cpus >= 1; cpu_khz between 100 MHz and 100 GHz;
 * total_pages within 8 MiB of QEMU's 256 MiB; 0 < free_pages <
 * total_pages; max_mfn >= total_pages - 1; nr_domains 1 (dom0 alone);
 * cpu_brand NUL-terminated and not empty; our own frames below max_mfn.
 *
 * Why: domctl.h readconsole and physinfo: the toolstack's dmesg and
 * "info" commands, and the numbers it sizes domains by.
 *
 * Broken hypervisor: a log copied from the wrong end of the ring, writes
 * past the caller's size, or uninitialised physinfo fields.
 */
#include <xt.h>

const char test_title[] = "domctl readconsole holds the boot log; physinfo is sane";

static char big[16384 + 64], small[32];

static bool terminated(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i])
			return true;
	return false;
}

static long readconsole(char *buf, uint64_t size, uint64_t *got)
{
	struct shale_domctl op = { .u.console = { (uint64_t)buf, size } };
	long rc = xt_domctl(&op, SHALE_DOMCTL_readconsole, 0);

	*got = op.u.console.size;
	return rc;
}

static void check_console(void)
{
	uint64_t n, m;

	memset(big, 0x5a, sizeof(big));
	if (!xt_expect_rc(readconsole(big, 16384, &n), 0, "readconsole of 16 KiB"))
		return;
	xt_expect_eq(n > 0 && n <= 16384, 1, "readconsole size within the buffer");
	for (unsigned int i = 16384; i < sizeof(big); i++)
		if (big[i] != 0x5a) {
			xt_fail("readconsole wrote past the buffer at byte %u", i);
			break;
		}
	big[n < 16384 ? n : 16383] = '\0';
	if (!strstr(big, "Shale hypervisor"))
		xt_fail("the log does not hold \"Shale hypervisor\"");
	memset(small, 0x5a, sizeof(small));
	if (xt_expect_rc(readconsole(small, 16, &m), 0, "readconsole of 16 bytes")) {
		xt_expect_eq(m, 16, "size of a 16-byte read");
		xt_expect_eq(memcmp(small, big, 16), 0, "a 16-byte read is the start of the log");
		xt_expect_eq(small[16], 0x5a, "byte after a 16-byte read");
	}
	if (xt_expect_rc(readconsole(small, 0, &m), 0, "readconsole of 0 bytes"))
		xt_expect_eq(m, 0, "size of a 0-byte read");
}

void test_main(void)
{
	struct shale_domctl_physinfo p;

	check_console();
	if (!xt_expect_rc(xt_physinfo(&p), 0, "physinfo"))
		return;
	xt_printf("physinfo: %u CPU(s) at %u kHz, %lu pages, %lu free, max_mfn 0x%lx, %s\n",
		  p.nr_cpus, p.cpu_khz, p.total_pages, p.free_pages, p.max_mfn, p.cpu_brand);
	xt_expect_eq(p.nr_cpus >= 1, 1, "nr_cpus >= 1");
	xt_expect_eq(p.cpu_khz > 100000 && p.cpu_khz < 100000000, 1, "cpu_khz plausible");
	xt_expect_eq(p.total_pages > 62 * 1024 && p.total_pages <= 64 * 1024, 1,
		     "total_pages: 256 MiB of QEMU RAM, less at most 8 MiB");
	xt_expect_eq(p.free_pages > 0 && p.free_pages < p.total_pages, 1, "0 < free < total");
	xt_expect_eq(p.max_mfn + 1 >= p.total_pages, 1, "max_mfn >= total_pages - 1");
	xt_expect_eq(p.nr_domains, 1, "nr_domains: dom0 alone");
	xt_expect_eq(p.cpu_brand[0] != 0, 1, "cpu_brand is not empty");
	xt_expect_eq(terminated(p.cpu_brand, sizeof(p.cpu_brand)), 1, "cpu_brand ends in NUL");
	xt_expect_eq(xt_pfn_to_mfn(xt_si->nr_pages - 1) <= p.max_mfn, 1, "our frames <= max_mfn");
	xt_pass();
}
