/* SPDX-License-Identifier: MIT */
/*
 * Error numbers returned by every Shale hypercall, as negative values.
 *
 * One list with fixed numbers (the classic Unix values, so a guest built on
 * a POSIX-like library can map them one to one). Plain defines so the file
 * is usable from C and from assembly.
 */
#ifndef SHALE_PUBLIC_ERRNO_H
#define SHALE_PUBLIC_ERRNO_H

#define SHALE_EPERM	1	/* the caller lacks the privilege */
#define SHALE_ENOENT	2	/* no such object (port, entry, file) */
#define SHALE_ESRCH	3	/* no such domain */
#define SHALE_EINTR	4	/* interrupted; retry */
#define SHALE_EIO	5	/* input/output error */
#define SHALE_E2BIG	7	/* argument list or batch too long */
#define SHALE_ENOEXEC	8	/* not a loadable image */
#define SHALE_EBADF	9	/* bad handle */
#define SHALE_EAGAIN	11	/* temporarily unavailable; retry */
#define SHALE_ENOMEM	12	/* out of memory */
#define SHALE_EACCES	13	/* access refused by permissions */
#define SHALE_EFAULT	14	/* bad guest address */
#define SHALE_EBUSY	16	/* object in use */
#define SHALE_EEXIST	17	/* object already exists */
#define SHALE_EXDEV	18	/* cross-domain operation not allowed */
#define SHALE_ENODEV	19	/* no such device */
#define SHALE_EINVAL	22	/* bad value */
#define SHALE_EISDIR	21	/* store: the node has children where a value was expected */
#define SHALE_ENOSPC	28	/* no space left in a table */
#define SHALE_EROFS	30	/* store: read-only connection */
#define SHALE_ERANGE	34	/* value out of range */
#define SHALE_ENOSYS	38	/* unknown hypercall or sub-op */
#define SHALE_ENOTEMPTY	39	/* store: node not empty */
#define SHALE_ENODATA	61	/* no data available */
#define SHALE_EOVERFLOW	75	/* value too large for its type */
#define SHALE_EOPNOTSUPP 95	/* operation not supported */
#define SHALE_EISCONN	106	/* store: domain already introduced */
#define SHALE_ETIMEDOUT	110	/* timed out */
#define SHALE_EALREADY	114	/* operation already in progress or done */
#define SHALE_EDQUOT	122	/* store: quota exceeded (the wire's "EQUOTA") */

#endif /* SHALE_PUBLIC_ERRNO_H */
