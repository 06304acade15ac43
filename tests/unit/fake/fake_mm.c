/* SPDX-License-Identifier: MIT */
/*
 * Exactly what page_type.c links against, faked for the host: the frame
 * table and the direct map (over an array of fake frames), the CPU
 * (this_cpu(), write_cr3()), the reserved L4 slots, the clock, printk()
 * and panic(). vsnprintf() is the host's. Nothing else: a new dependency
 * of page_type.c shows up here as a link error, not as a silent stub.
 */
#include <arch/apic.h>
#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "fake_mm.h"
#include "grant_table.h"
#include "printk.h"
#include "unit.h"

#define FAKE_MAX_DOMAINS	4
#define FAKE_LOG_BYTES		16384u

struct page_info *frame_table;
uint64_t max_mfn;
struct percpu percpu0;
uint64_t fake_cr3;
unsigned int fake_cr3_writes;
unsigned int fake_grant_releases;
uint64_t fake_grant_released_maddr;

static uint8_t *frames;		/* FAKE_NR_FRAMES * PAGE_SIZE, page aligned */
static struct domain *domains[FAKE_MAX_DOMAINS];
static char log_buf[FAKE_LOG_BYTES];
static size_t log_len;
static uint64_t clock_ns;

void fake_mm_init(void)
{
	/* Exact sizes, so AddressSanitizer catches any access past max_mfn. */
	frames = aligned_alloc(PAGE_SIZE, FAKE_NR_FRAMES * PAGE_SIZE);
	frame_table = calloc(FAKE_NR_FRAMES, sizeof(*frame_table));
	ck_assert_ptr_nonnull(frames);
	ck_assert_ptr_nonnull(frame_table);
	memset(frames, 0xa5, FAKE_NR_FRAMES * PAGE_SIZE);
	for (mfn_t m = 0; m < FAKE_NR_FRAMES; m++)
		frame_table[m].owner = OWNER_FREE;
	max_mfn = FAKE_NR_FRAMES;
	memset(&percpu0, 0, sizeof(percpu0));
	memset(domains, 0, sizeof(domains));
	fake_cr3 = 0;
	fake_cr3_writes = 0;
	fake_grant_releases = 0;
	fake_grant_released_maddr = 0;
	fake_log_clear();
}

void fake_mm_fini(void)
{
	for (unsigned int i = 0; i < FAKE_MAX_DOMAINS; i++) {
		if (domains[i]) {
			free(domains[i]->vcpu0);
			free(domains[i]);
		}
	}
	free(frame_table);
	free(frames);
	frame_table = NULL;
	frames = NULL;
	max_mfn = 0;
}

void gnttab_release_pte(mfn_t table_mfn, unsigned int slot)
{
	fake_grant_releases++;
	fake_grant_released_maddr = (table_mfn << PAGE_SHIFT) | (slot * 8);
	((uint64_t *)mfn_to_virt(table_mfn))[slot] = 0;
}

mfn_t fake_frame_alloc(uint16_t owner)
{
	for (mfn_t m = 0; m < max_mfn; m++) {
		if (frame_table[m].owner == OWNER_FREE) {
			frame_table[m] = (struct page_info){ .owner = owner, .count = 1 };
			memset(mfn_to_virt(m), 0, PAGE_SIZE);
			return m;
		}
	}
	ck_abort_msg("fake frames exhausted (%d)", FAKE_NR_FRAMES);
	return INVALID_MFN;
}

struct domain *fake_domain_create(shale_domid_t domid)
{
	struct domain *d = calloc(1, sizeof(*d));
	unsigned int i;

	ck_assert_ptr_nonnull(d);
	for (i = 0; i < FAKE_MAX_DOMAINS && domains[i]; i++)
		;
	ck_assert_uint_lt(i, FAKE_MAX_DOMAINS);
	domains[i] = d;
	d->domid = domid;
	d->first_page = INVALID_MFN;
	d->shared_info_mfn = fake_frame_alloc(OWNER_HV);
	mfn_to_page(d->shared_info_mfn)->type = PGT_SHARED_INFO;
	d->shared_info = mfn_to_virt(d->shared_info_mfn);
	d->vcpu0 = calloc(1, sizeof(*d->vcpu0));
	ck_assert_ptr_nonnull(d->vcpu0);
	d->vcpu0->domain = d;
	d->vcpu0->cr3_mfn = INVALID_MFN;
	return d;
}

struct domain *domain_lookup(shale_domid_t domid)
{
	for (unsigned int i = 0; i < FAKE_MAX_DOMAINS; i++)
		if (domains[i] && domains[i]->domid == domid)
			return domains[i];
	return NULL;
}

/* A dying domain's last foreign reference went: the frame is free again. */
void domain_reap_page(struct domain *d, mfn_t mfn)
{
	frame_table[mfn] = (struct page_info){ .owner = OWNER_FREE };
	d->tot_pages--;
}

void *mfn_to_virt(mfn_t mfn)
{
	unit_check(mfn < max_mfn, "mfn_to_virt(%#lx) past the fake RAM", (unsigned long)mfn);
	return frames + mfn * PAGE_SIZE;
}

/*
 * Present, and naming a frame far past the fake RAM: if page_type.c ever
 * took or dropped references for these entries, get_page() would refuse
 * them or put_page() would index past the frame table (an ASan error).
 */
uint64_t fake_reserved_entry(unsigned int slot)
{
	return ((0xfa4e00ULL + slot) << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_RW | _PAGE_NX;
}

void paging_fill_reserved_slots(uint64_t *l4)
{
	for (unsigned int slot = 256; slot <= 271; slot++)
		l4[slot] = fake_reserved_entry(slot);
	l4[511] = fake_reserved_entry(511);
}

void write_cr3(uint64_t v)
{
	fake_cr3 = v;
	fake_cr3_writes++;
}

/* A second passes per call, so the rate limit of mm_refused() never drops a line. */
uint64_t now_ns(void)
{
	clock_ns += 1000000000ULL;
	return clock_ns;
}

static void log_append(const char *fmt, va_list ap)
{
	int n;

	if (log_len > FAKE_LOG_BYTES / 2)
		fake_log_clear();
	n = vsnprintf(log_buf + log_len, FAKE_LOG_BYTES - log_len, fmt, ap);
	if (n > 0)
		log_len = MIN(log_len + (size_t)n, FAKE_LOG_BYTES - 1);
}

void printk(enum log_level lvl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_append(fmt, ap);
	va_end(ap);
}

const char *fake_log(void)
{
	return log_buf;
}

void fake_log_clear(void)
{
	log_len = 0;
	log_buf[0] = '\0';
}

/* An ASSERT in the code under test: fail the test with its message. */
void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ck_abort_msg("hypervisor panic: %s", msg);
	abort();
}
