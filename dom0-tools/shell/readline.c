/* SPDX-License-Identifier: MIT */
/* Line input from the console: echo, backspace, and a hard limit on length. */
#include <stdbool.h>
#include <console.h>
#include <ctype.h>
#include <public/errno.h>
#include "readline.h"

#define CTRL_C		0x03
#define BACKSPACE	0x08
#define CTRL_U		0x15
#define ESC		0x1b
#define DEL		0x7f

enum esc_state { ESC_NONE, ESC_START, ESC_CSI };

struct line {
	char *buf;
	size_t size;
	size_t len;
	bool overflow;		/* too long: swallow input until Enter */
	enum esc_state esc;
};

/* Set after \r so the \n of a \r\n pair does not end a second, empty line. */
static bool last_was_cr;

static void echo(const char *s, size_t len)
{
	console_write(s, len);
}

static void erase(struct line *l, size_t n)
{
	for (; n && l->len; n--, l->len--)
		echo("\b \b", 3);
}

/*
 * Escape sequences (ESC [ ... final byte, or ESC O x) are dropped whole. A
 * control character cuts one short, so Enter is never swallowed.
 */
static bool swallow_escape(struct line *l, int c)
{
	if (l->esc != ESC_NONE && c < ' ' && c != ESC)
		l->esc = ESC_NONE;
	switch (l->esc) {
	case ESC_NONE:
		if (c != ESC)
			return false;
		l->esc = ESC_START;
		return true;
	case ESC_START:
		l->esc = (c == '[' || c == 'O') ? ESC_CSI : ESC_NONE;
		return true;
	case ESC_CSI:
		if (c >= 0x40 && c <= 0x7e)
			l->esc = ESC_NONE;
		return true;
	}
	return false;
}

static void add_char(struct line *l, int c)
{
	char ch = (char)c;

	if (l->overflow)
		return;
	if (l->len + 1 >= l->size) {
		l->overflow = true;
		return;
	}
	l->buf[l->len++] = ch;
	echo(&ch, 1);
}

/* Handles one input byte; returns true when the line is complete. */
static bool handle_char(struct line *l, int c)
{
	if (swallow_escape(l, c))
		return false;
	if (c == '\r' || c == '\n') {
		echo("\n", 1);
		return true;
	}
	if (c == CTRL_C) {
		echo("^C\n", 3);
		l->len = 0;
		l->overflow = false;
		return true;
	}
	if (l->overflow)
		return false;
	if (c == BACKSPACE || c == DEL)
		erase(l, 1);
	else if (c == CTRL_U)
		erase(l, l->len);
	else if (c == '\t')
		add_char(l, ' ');	/* one column, so backspace can erase it */
	else if (isprint(c))
		add_char(l, c);
	return false;
}

int shell_readline(char *buf, size_t size)
{
	struct line l = { .buf = buf, .size = size };

	if (!size)
		return -SHALE_EINVAL;
	for (;;) {
		int c = console_getc_blocking();

		if (c < 0) {
			buf[0] = '\0';
			return c;
		}
		if (c == '\n' && last_was_cr) {
			last_was_cr = false;
			continue;
		}
		last_was_cr = c == '\r';
		if (handle_char(&l, c))
			break;
	}
	if (l.overflow) {
		buf[0] = '\0';
		return -SHALE_E2BIG;
	}
	buf[l.len] = '\0';
	return l.len;
}
