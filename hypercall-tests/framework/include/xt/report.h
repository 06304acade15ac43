/* SPDX-License-Identifier: MIT */
/*
 * Verdicts, with XTF's meaning: PASS the hypervisor behaved, SKIP the
 * test could not apply here, ERROR the test or its setup broke, FAIL the
 * hypervisor is wrong. The worst verdict given wins, in the order
 * PASS < SKIP < ERROR < FAIL. Each non-PASS verdict prints one line
 * "FAIL: reason" (or SKIP:, ERROR:) at once; xt_finish() prints exactly one
 * "RESULT: PASS|FAIL|SKIP|ERROR" line and powers off. A test that gives no
 * verdict at all ends as ERROR; a test that never reaches xt_finish() has
 * no RESULT line, which the runner counts as a crash.
 */
#ifndef SHALE_XT_REPORT_H
#define SHALE_XT_REPORT_H

#include <stdbool.h>
#include <stdint.h>

enum xt_status {
	XT_NONE,	/* no verdict yet */
	XT_PASS,
	XT_SKIP,
	XT_ERROR,
	XT_FAIL,
};

void xt_pass(void);
void xt_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void xt_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void xt_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The verdict so far, and the rule that combines two (pure: the selftest checks it). */
enum xt_status xt_status(void);
enum xt_status xt_worst(enum xt_status a, enum xt_status b);
const char *xt_status_name(enum xt_status s);

/* Prints RESULT (once: xt_report) and powers off; never returns. */
void xt_finish(void) __attribute__((noreturn));

/*
 * Prints the RESULT line now, once, without stopping: for a domain of a
 * multi-domain test that is then crashed or destroyed on purpose.
 */
void xt_report(void);

/* "-EINVAL" for -SHALE_EINVAL, "0" for 0, "3" for 3, "-E?(-99)" for unknown errors. */
const char *xt_rc_name(int64_t rc, char *buf, unsigned int size);

/*
 * Assertions: on mismatch, FAIL with "what: expected E, got A" (numbers in
 * decimal and hex, return codes by errno name). They return true when the
 * value matched, so a test can stop a dependent sequence early.
 */
bool xt_check_eq(int64_t actual, int64_t expected, const char *what);
bool xt_check_rc(int64_t rc, int64_t expected, const char *what);
#define xt_expect_eq(actual, expected, what) \
	xt_check_eq((int64_t)(actual), (int64_t)(expected), (what))
#define xt_expect_rc(rc, expected, what) \
	xt_check_rc((int64_t)(rc), (int64_t)(expected), (what))

/*
 * Checks the hypervisor still answers after a refused request: version
 * returns the ABI version and a console write goes out. FAILs (naming the
 * last case checked) and returns false otherwise.
 */
bool xt_hypervisor_alive(void);

/* xt_expect_rc() then xt_hypervisor_alive(): the shape of every negative case. */
bool xt_expect_refused(int64_t rc, int64_t expected, const char *what);

#endif /* SHALE_XT_REPORT_H */
