/* SPDX-License-Identifier: MIT */
/*
 * <signal.h> for code built on dom0's POSIX shim: there are no signals in
 * dom0 (no processes, no pipes), so only the type exists. LMDB's SIGPIPE
 * handling is compiled out because SIGPIPE is not defined.
 */
#ifndef SHALE_POSIX_SIGNAL_H
#define SHALE_POSIX_SIGNAL_H

typedef unsigned long sigset_t;

#endif /* SHALE_POSIX_SIGNAL_H */
