/* SPDX-License-Identifier: MIT */
/*
 * Pins on grant entries (grant_pin.c), for the grant-table sub-ops. All
 * run with the mm lock held.
 */
#ifndef SHALE_HV_GRANT_PIN_H
#define SHALE_HV_GRANT_PIN_H

#include "grant_table.h"

/*
 * Pins entry ref of granter's table for use by domain user, writable or
 * not: reads the entry once, checks it grants that, takes a general and a
 * PGT_WRITABLE reference on the frame and sets GTF_reading (and
 * GTF_writing) with a compare-exchange against what it read. *frame gets
 * the mfn. SHALE_GNTST_okay, bad_gntref, permission_denied, bad_page,
 * no_space (a pin count is full) or eagain (the entry kept changing).
 */
int16_t gnttab_pin(struct domain *granter, shale_grant_ref_t ref, shale_domid_t user,
		   bool writable, mfn_t *frame);

/*
 * Undoes one gnttab_pin(): clears GTF_writing with the last writable pin
 * and GTF_reading with the last pin, then drops the frame's references,
 * which may free a dying granter (so granter is not to be used after).
 */
void gnttab_unpin(struct domain *granter, shale_grant_ref_t ref, bool writable);

/*
 * References on a frame owner owns (the general one, and a PGT_WRITABLE
 * type reference when as_data): SHALE_GNTST_okay, or bad_page when the
 * frame is not RAM, not owner's, or (as_data) in use as something other
 * than plain data. gnttab_drop_frame() gives them back.
 */
int16_t gnttab_hold_frame(struct domain *owner, mfn_t mfn, bool as_data);
void gnttab_drop_frame(mfn_t mfn, bool as_data);

#endif /* SHALE_HV_GRANT_PIN_H */
