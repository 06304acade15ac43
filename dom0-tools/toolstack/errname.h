/* SPDX-License-Identifier: MIT */
/* Names of the hypercall error numbers (include/public/errno.h), for messages. */
#ifndef SHALE_DOM0_TOOLSTACK_ERRNAME_H
#define SHALE_DOM0_TOOLSTACK_ERRNAME_H

/*
 * "ENOMEM" for -SHALE_ENOMEM or SHALE_ENOMEM (the sign is ignored);
 * "E?" for a number the ABI does not define.
 */
const char *ts_errname(long err);

#endif /* SHALE_DOM0_TOOLSTACK_ERRNAME_H */
