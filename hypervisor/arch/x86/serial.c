/* SPDX-License-Identifier: MIT */
/* A polled 16550 UART: 115200 baud, 8N1, FIFOs on, no interrupts. */
#include <arch/io.h>
#include <arch/serial.h>

#define UART_DATA	0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20
#define LCR_DLAB	0x80

void serial_init(uint16_t port)
{
	outb(port + UART_IER, 0);
	outb(port + UART_LCR, LCR_DLAB);
	outb(port + UART_DATA, 1);	/* divisor 1: 115200 baud */
	outb(port + UART_IER, 0);
	outb(port + UART_LCR, 0x03);	/* 8 bits, no parity, 1 stop bit */
	outb(port + UART_FCR, 0x07);	/* enable and clear FIFOs */
	outb(port + UART_MCR, 0x03);	/* DTR, RTS */
}

static void serial_putc(uint16_t port, char c)
{
	while (!(inb(port + UART_LSR) & LSR_THR_EMPTY))
		asm volatile("pause");
	outb(port + UART_DATA, (uint8_t)c);
}

void serial_write(uint16_t port, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc(port, '\r');
		serial_putc(port, s[i]);
	}
}

int serial_getc(uint16_t port)
{
	if (!(inb(port + UART_LSR) & LSR_DATA_READY))
		return -1;
	return inb(port + UART_DATA);
}

bool serial_has_input(uint16_t port)
{
	return inb(port + UART_LSR) & LSR_DATA_READY;
}
