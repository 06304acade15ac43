/* SPDX-License-Identifier: MIT */
/*
 * A domain's life as the store sees it: at creation the toolstack writes
 * /local/domain/<id>/ (name, domid, memory, store and console rings) with
 * the usual permissions and introduces the domain to the store; at
 * destruction it releases the domain and removes its directory.
 */
#ifndef SHALE_DOM0_TOOLSTACK_STORE_DOMAIN_H
#define SHALE_DOM0_TOOLSTACK_STORE_DOMAIN_H

#include <stddef.h>
#include <stdint.h>

struct ts_store_domain {
	uint16_t domid;
	const char *name;
	uint64_t target_kib;		/* memory/target */
	uint64_t max_kib;		/* memory/static-max */
	uint64_t store_mfn;
	uint32_t store_port;		/* the domain's end of its store channel */
	uint64_t console_mfn;		/* 0: no console ring */
	uint32_t console_port;		/* the domain's end of its console channel */
};

/*
 * Writes the domain's entries and introduces it. Returns 0, or a negative
 * SHALE_E* value with the reason in msg; -SHALE_ENODEV when dom0 runs no
 * store (nothing was written).
 */
int ts_store_introduce(const struct ts_store_domain *d, char *msg, size_t size);

/* Releases domid and removes /local/domain/<domid>; quiet if it was never introduced. */
void ts_store_forget(uint16_t domid);

/* Writes dom0's own entries (/local/domain/0/name and domid). */
int ts_store_dom0(void);

#endif /* SHALE_DOM0_TOOLSTACK_STORE_DOMAIN_H */
