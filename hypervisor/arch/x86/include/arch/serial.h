/* SPDX-License-Identifier: MIT */
/* The 16550 UART driver used by the console. */
#ifndef SHALE_ARCH_X86_SERIAL_H
#define SHALE_ARCH_X86_SERIAL_H

#include <stddef.h>
#include <stdint.h>

#define COM1_PORT	0x3f8
#define COM2_PORT	0x2f8

void serial_init(uint16_t port);
void serial_write(uint16_t port, const char *s, size_t len);
#include <stdbool.h>

/* True when a received byte is waiting. */
bool serial_has_input(uint16_t port);
/* Returns the next received byte, or -1 if none is waiting. */
int serial_getc(uint16_t port);

#endif /* SHALE_ARCH_X86_SERIAL_H */
