/* SPDX-License-Identifier: MIT */
/*
 * echo: reads lines from its console (the ring's in[], fed by `shl
 * console`) and answers each one in capitals; "quit" powers it off.
 * Typed characters are echoed as a terminal would.
 */
#include <console.h>
#include <ctype.h>
#include <kernel.h>
#include <string.h>

#define LINE_MAX	128
#define BACKSPACE	0x08
#define DEL		0x7f

static void answer(char *line)
{
	for (char *p = line; *p; p++)
		*p = (char)toupper(*p);
	printf("echo: %s\n", line);
}

int app_main(const struct shale_start_info *si)
{
	char line[LINE_MAX];
	size_t len = 0;

	printf("echo: ready in d%u: type a line, quit to stop\n", si->domid);
	for (;;) {
		int c = console_getc_blocking();
		char ch = (char)c;

		if (c < 0) {
			printf("echo: cannot read the console (error %d)\n", c);
			return 1;
		}
		if (c == '\r' || c == '\n') {
			if (!len)
				continue;	/* the \n of a \r\n, or an empty line */
			console_write("\n", 1);
			line[len] = '\0';
			len = 0;
			if (!strcmp(line, "quit")) {
				printf("echo: bye\n");
				return 0;
			}
			answer(line);
		} else if ((c == BACKSPACE || c == DEL) && len) {
			len--;
			console_write("\b \b", 3);
		} else if (isprint(c) && len < LINE_MAX - 1) {
			line[len++] = ch;
			console_write(&ch, 1);
		}
	}
}
