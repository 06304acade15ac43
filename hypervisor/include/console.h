/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor console: the serial line chosen by console=, the log ring
 * that dmesg reads, and input for dom0.
 */
#ifndef SHALE_HV_CONSOLE_H
#define SHALE_HV_CONSOLE_H

#include "types.h"

/* Selects the output device by name ("com1", "com2", "none"); -EINVAL if unknown. */
int console_select(const char *name);
void console_init(void);

/* True when input is waiting (nothing is consumed). */
bool console_has_input(void);
/* Reads one byte of input if there is one; returns -1 otherwise. */
int console_getc(void);

/* Copies the log ring's oldest-first contents into buf; returns bytes copied. */
size_t console_ring_read(char *buf, size_t size);
/* The same, skipping the first offset bytes of the ring. */
size_t console_ring_read_from(char *buf, size_t size, uint64_t offset);

/* Appends text to the log ring without printing it. */
void console_ring_append(const char *s, size_t len);

/*
 * Lines of different writers (domains by domid, the hypervisor as
 * CONSOLE_WRITER_HV) are never spliced: console_start_line(writer) ends
 * another writer's unfinished line with a newline, and returns true only
 * when the console is still on writer's own unfinished line (otherwise
 * writer starts a new line, prefix and all). console_end_text() records
 * whether writer's text stopped mid-line. The console keeps the one
 * "whose line is open" for everybody.
 */
#define CONSOLE_WRITER_HV	0x10000
bool console_start_line(int writer);
void console_end_text(int writer, const char *s, size_t len);

#endif /* SHALE_HV_CONSOLE_H */
