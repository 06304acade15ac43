/* SPDX-License-Identifier: MIT */
/*
 * console_io: the hypervisor's own console (the serial line).
 *
 *   long console_io(unsigned int cmd, unsigned long count, void *buf)
 *
 * Sub-ops:
 *   SHALE_CONSOLEIO_write (0): write count bytes from buf to the console.
 *     Any domain may write; output of domains other than dom0 is prefixed
 *     with "(dN) ". Returns count. count may be 0.
 *     -EFAULT  buf..buf+count is not mapped readable in the caller.
 *     -EINVAL  count larger than SHALE_CONSOLEIO_MAX (split it).
 *   SHALE_CONSOLEIO_read (1): read up to count bytes of console input into
 *     buf without waiting. Returns the number of bytes read, 0 if none.
 *     -EPERM   the caller is not privileged.
 *     -EFAULT  buf is not mapped writable in the caller.
 *     -EINVAL  count larger than SHALE_CONSOLEIO_MAX.
 *   Any other cmd: -ENOSYS.
 */
#ifndef SHALE_PUBLIC_CONSOLE_IO_H
#define SHALE_PUBLIC_CONSOLE_IO_H

#define SHALE_CONSOLEIO_write	0
#define SHALE_CONSOLEIO_read	1

#define SHALE_CONSOLEIO_MAX	65536	/* bytes per call */

#endif /* SHALE_PUBLIC_CONSOLE_IO_H */
