/* SPDX-License-Identifier: MIT */
/* console_io: guests write to the hypervisor console; dom0 also reads it. */
#include <public/console_io.h>
#include <string.h>
#include "console.h"
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "printk.h"

#define CHUNK	256	/* bytes copied in per step */

/*
 * Writes a domU's text with "(dN) " at the start of each of its lines;
 * mid_line: the console is still on d's unfinished line (no prefix yet).
 */
static void write_prefixed(struct domain *d, const char *s, size_t n, bool mid_line)
{
	char prefix[16];

	while (n) {
		const char *nl = memchr(s, '\n', n);
		size_t len = nl ? (size_t)(nl - s) + 1 : n;

		if (!mid_line) {
			int plen = snprintf(prefix, sizeof(prefix), "(d%u) ", d->domid);

			console_puts(prefix, plen);
		}
		console_puts(s, len);
		mid_line = !nl;
		s += len;
		n -= len;
	}
}

static long console_write(struct domain *d, unsigned long count, uint64_t buf)
{
	char chunk[CHUNK];

	if (count > SHALE_CONSOLEIO_MAX)
		return -EINVAL;
	for (unsigned long done = 0; done < count;) {
		size_t n = MIN(count - done, sizeof(chunk));
		bool mid_line;

		if (copy_from_guest(chunk, buf + done, n))
			return -EFAULT;
		/* Still on d's own unfinished line, or a fresh one (another's ended). */
		mid_line = console_start_line(d->domid);
		if (d->domid == 0)
			console_puts(chunk, n);
		else
			write_prefixed(d, chunk, n, mid_line);
		console_end_text(d->domid, chunk, n);
		done += n;
	}
	return (long)count;
}

static long console_read(struct domain *d, unsigned long count, uint64_t buf)
{
	char chunk[CHUNK];
	size_t n = 0;
	int c;

	if (!d->privileged)
		return -EPERM;
	if (count > SHALE_CONSOLEIO_MAX)
		return -EINVAL;
	if (!guest_range_ok(buf, count))
		return -EFAULT;
	/*
	 * A bad buffer is refused even when there is no input to copy: read its
	 * first byte and write it back unchanged.
	 */
	if (count && (copy_from_guest(chunk, buf, 1) || copy_to_guest(buf, chunk, 1)))
		return -EFAULT;
	while (n < MIN(count, sizeof(chunk)) && (c = console_getc()) >= 0)
		chunk[n++] = (char)c;
	if (copy_to_guest(buf, chunk, n))
		return -EFAULT;
	return (long)n;
}

long do_console_io(unsigned int cmd, unsigned long count, uint64_t buf)
{
	struct domain *d = current_vcpu()->domain;

	switch (cmd) {
	case SHALE_CONSOLEIO_write:
		return console_write(d, count, buf);
	case SHALE_CONSOLEIO_read:
		return console_read(d, count, buf);
	default:
		return -ENOSYS;
	}
}
