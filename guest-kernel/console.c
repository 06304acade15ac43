/* SPDX-License-Identifier: MIT */
/* Console output and input through the console_io hypercall. */
#include <stdbool.h>
#include <stdint.h>
#include <console.h>
#include <hypercall.h>
#include <printf.h>
#include <string.h>

/* Features submap 0, read once by console_init(). */
static uint32_t console_features;

void console_init(void)
{
	struct shale_version_features feat = { .submap_idx = 0 };

	if (HYPERVISOR_version(SHALE_VERSION_get_features, &feat) == 0)
		console_features = feat.submap;
}

long console_write(const void *buf, size_t len)
{
	const char *p = buf;
	size_t left = len;

	while (left) {
		size_t chunk = MIN(left, (size_t)SHALE_CONSOLEIO_MAX);
		long rc = HYPERVISOR_console_io(SHALE_CONSOLEIO_write, chunk, (void *)p);

		if (rc < 0)
			return rc;
		/* The ABI writes the whole chunk; a 0 would loop forever, so stop. */
		if (rc == 0)
			break;
		p += rc;
		left -= rc;
	}
	return len - left;
}

long console_puts(const char *s)
{
	return console_write(s, strlen(s));
}

long console_read(void *buf, size_t len)
{
	len = MIN(len, (size_t)SHALE_CONSOLEIO_MAX);
	return HYPERVISOR_console_io(SHALE_CONSOLEIO_read, len, buf);
}

/* Gives up the CPU until input may have arrived; wake-ups can be spurious. */
static void console_wait(void)
{
	if ((console_features & SHALE_FEAT_sched_block) &&
	    HYPERVISOR_sched_op(SHALE_SCHEDOP_block, NULL) == 0)
		return;
	HYPERVISOR_sched_op(SHALE_SCHEDOP_yield, NULL);
}

int console_getc_blocking(void)
{
	unsigned char c;

	for (;;) {
		long rc = console_read(&c, 1);

		if (rc == 1)
			return c;
		if (rc < 0)
			return rc;
		console_wait();
	}
}

/* printf output is gathered in chunks so each line costs one hypercall, not one per piece. */
struct console_sink {
	char buf[256];
	size_t used;
};

static void sink_flush(struct console_sink *s)
{
	console_write(s->buf, s->used);
	s->used = 0;
}

static void emit_to_console(void *ctx, const char *str, size_t len)
{
	struct console_sink *s = ctx;

	while (len) {
		size_t n = MIN(len, sizeof(s->buf) - s->used);

		memcpy(s->buf + s->used, str, n);
		s->used += n;
		str += n;
		len -= n;
		if (s->used == sizeof(s->buf))
			sink_flush(s);
	}
}

int vprintf(const char *fmt, va_list ap)
{
	struct console_sink s;
	int n;

	s.used = 0;
	n = vformat(emit_to_console, &s, fmt, ap);
	sink_flush(&s);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}
