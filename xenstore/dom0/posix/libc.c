/* SPDX-License-Identifier: MIT */
/* The shim's small C library: errno and its messages, abort, assert, a few stdlib calls. */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <kernel.h>
#include <mm.h>

int errno;

static const char *const messages[] = {
	[0] = "Success",
	[EPERM] = "Operation not permitted",
	[ENOENT] = "No such file or directory",
	[ESRCH] = "No such process",
	[EINTR] = "Interrupted system call",
	[EIO] = "Input/output error",
	[ENXIO] = "No such device or address",
	[E2BIG] = "Argument list too long",
	[ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file descriptor",
	[EAGAIN] = "Resource temporarily unavailable",
	[ENOMEM] = "Cannot allocate memory",
	[EACCES] = "Permission denied",
	[EFAULT] = "Bad address",
	[EBUSY] = "Device or resource busy",
	[EEXIST] = "File exists",
	[EXDEV] = "Invalid cross-device link",
	[ENODEV] = "No such device",
	[ENOTDIR] = "Not a directory",
	[EISDIR] = "Is a directory",
	[EINVAL] = "Invalid argument",
	[ENFILE] = "Too many open files in system",
	[EMFILE] = "Too many open files",
	[ENOTTY] = "Inappropriate ioctl for device",
	[EFBIG] = "File too large",
	[ENOSPC] = "No space left on device",
	[ESPIPE] = "Illegal seek",
	[EROFS] = "Read-only file system",
	[EPIPE] = "Broken pipe",
	[EDOM] = "Numerical argument out of domain",
	[ERANGE] = "Numerical result out of range",
	[EDEADLK] = "Resource deadlock avoided",
	[ENAMETOOLONG] = "File name too long",
	[ENOLCK] = "No locks available",
	[ENOSYS] = "Function not implemented",
	[ENOTEMPTY] = "Directory not empty",
	[ENODATA] = "No data available",
	[EOVERFLOW] = "Value too large for defined data type",
	[EOPNOTSUPP] = "Operation not supported",
	[ETIMEDOUT] = "Connection timed out",
	[EALREADY] = "Operation already in progress",
};

char *strerror(int errnum)
{
	static char unknown[32];

	if (errnum >= 0 && (size_t)errnum < sizeof(messages) / sizeof(messages[0]) &&
	    messages[errnum])
		return (char *)messages[errnum];
	snprintf(unknown, sizeof(unknown), "Unknown error %d", errnum);
	return unknown;
}

char *strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *copy = malloc(len);

	if (!copy) {
		errno = ENOMEM;
		return NULL;
	}
	return memcpy(copy, s, len);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

/* The heap aligns every block to 16 bytes; more cannot be freed with free(). */
#define HEAP_ALIGN	16

int posix_memalign(void **out, size_t alignment, size_t size)
{
	if (alignment < sizeof(void *) || (alignment & (alignment - 1)))
		return EINVAL;
	if (alignment > HEAP_ALIGN)
		return ENOTSUP;
	*out = malloc(size);
	return *out ? 0 : ENOMEM;
}

void abort(void)
{
	guest_crash("abort() called");
}

void posix_assert_fail(const char *expr, const char *file, int line, const char *func)
{
	printf("assertion failed: %s (%s:%d, %s)\n", expr, file, line, func);
	abort();
}

/* dom0 is one process; 1, like init, rather than 0, which some code treats as "none". */
pid_t getpid(void)
{
	return 1;
}

long sysconf(int name)
{
	if (name == _SC_PAGESIZE)
		return PAGE_SIZE;
	errno = EINVAL;
	return -1;
}
