/* SPDX-License-Identifier: MIT */
/*
 * Shutdown policies: a dom0 thread bound to VIRQ_DOM_EXC notices domains
 * that shut down and applies the on_poweroff / on_reboot / on_crash action
 * of the config they were created from (domains.h):
 *   destroy            destroy the domain
 *   restart            destroy it and create it again from the same config
 *   preserve           leave it shut down (`shl list` shows "s")
 *   rename-restart     as restart (Shale keeps no renamed copy), with a note
 *   coredump-destroy   as destroy (no core dumps yet), with a note
 *   coredump-restart   as restart, with a note
 * Each action prints one line, e.g. "shl: hello (d1) powered off: destroyed".
 * A restart loop is broken: see TS_MAX_FAST_RESTARTS.
 * A watchdog shutdown follows on_crash; a suspended domain is left alone.
 * Domains the toolstack did not create (boot-time extras) get one note and
 * are left as they are.
 */
#ifndef SHALE_DOM0_TOOLSTACK_POLICY_H
#define SHALE_DOM0_TOOLSTACK_POLICY_H

/*
 * A domain that stops this many times in a row within TS_RESTART_FAST_NS
 * of its (re)start is destroyed instead of restarted the last time.
 */
#define TS_MAX_FAST_RESTARTS	10
#define TS_RESTART_FAST_NS	(1000ULL * 1000 * 1000)

/*
 * Binds VIRQ_DOM_EXC and starts the policy thread, which looks at every
 * domain once at once and again after each event. Idempotent. Returns 0,
 * or the bind's error (-SHALE_EEXIST if something else holds the virq) or
 * -SHALE_ENOMEM when no thread can be made.
 */
int ts_policy_start(void);

/* Applies the policies to every domain that is shut down now (what the thread runs). */
void ts_policy_scan(void);

#endif /* SHALE_DOM0_TOOLSTACK_POLICY_H */
