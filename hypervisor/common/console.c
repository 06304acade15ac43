/* SPDX-License-Identifier: MIT */
/* The hypervisor console: output device selection, log ring, input. */
#include <arch/serial.h>
#include <string.h>
#include "console.h"
#include "printk.h"
#include "spinlock.h"

#define RING_SIZE	65536	/* bytes of log kept for dmesg */

static uint16_t console_port = COM1_PORT;	/* 0: no output device */
static char ring[RING_SIZE];
static uint64_t ring_head;	/* total bytes ever appended */
static spinlock_t console_lock = SPINLOCK_INIT;
static int open_line = -1;	/* the writer whose line is unfinished; -1: none */

int console_select(const char *name)
{
	if (!strcmp(name, "com1"))
		console_port = COM1_PORT;
	else if (!strcmp(name, "com2"))
		console_port = COM2_PORT;
	else if (!strcmp(name, "none"))
		console_port = 0;
	else
		return -EINVAL;
	if (console_port)
		serial_init(console_port);
	return 0;
}

void console_init(void)
{
	serial_init(console_port);
}

void console_ring_append(const char *s, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&console_lock);

	for (size_t i = 0; i < len; i++)
		ring[(ring_head + i) % RING_SIZE] = s[i];
	ring_head += len;
	spin_unlock_irqrestore(&console_lock, flags);
}

bool console_start_line(int writer)
{
	bool own_line_open = open_line == writer;

	if (open_line >= 0 && !own_line_open)
		console_puts("\n", 1);
	open_line = -1;
	return own_line_open;
}

void console_end_text(int writer, const char *s, size_t len)
{
	if (len)
		open_line = s[len - 1] == '\n' ? -1 : writer;
}

void console_puts(const char *s, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&console_lock);

	if (console_port)
		serial_write(console_port, s, len);
	spin_unlock_irqrestore(&console_lock, flags);
}

size_t console_ring_read_from(char *buf, size_t size, uint64_t offset)
{
	unsigned long flags = spin_lock_irqsave(&console_lock);
	uint64_t start = (ring_head > RING_SIZE ? ring_head - RING_SIZE : 0) + offset;
	size_t n = 0;

	for (uint64_t i = start; i < ring_head && n < size; i++)
		buf[n++] = ring[i % RING_SIZE];
	spin_unlock_irqrestore(&console_lock, flags);
	return n;
}

size_t console_ring_read(char *buf, size_t size)
{
	return console_ring_read_from(buf, size, 0);
}

int console_getc(void)
{
	return console_port ? serial_getc(console_port) : -1;
}

bool console_has_input(void)
{
	return console_port && serial_has_input(console_port);
}
