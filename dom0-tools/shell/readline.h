/* SPDX-License-Identifier: MIT */
/* Reading a command line from the console, with echo and simple editing. */
#ifndef SHALE_DOM0_READLINE_H
#define SHALE_DOM0_READLINE_H

#include <stddef.h>

/*
 * Reads one line into buf (size bytes, the NUL included), echoing what is
 * typed. Backspace and DEL erase the last character, Ctrl-C abandons the
 * line (an empty line is returned), Ctrl-U erases it; escape sequences
 * (arrow keys) and other control characters are ignored. Enter is \r or
 * \n; the \n of a \r\n pair is skipped.
 *
 * Returns the line's length; -SHALE_E2BIG when more than size - 1
 * characters were typed (the line is discarded up to the newline and buf
 * holds an empty string); or the negative SHALE_E* value of a console read
 * that failed.
 */
int shell_readline(char *buf, size_t size);

#endif /* SHALE_DOM0_READLINE_H */
