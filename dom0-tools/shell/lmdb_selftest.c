/* SPDX-License-Identifier: MIT */
/*
 * lmdb-selftest: LMDB inside dom0, on the POSIX shim's memory file system
 * (xenstore/dom0/). Every step checks what it reads back against what it
 * wrote; the last line says PASS or FAIL with the counts.
 *
 * Steps: the shim's shared mappings and its ENOSPC; pthread mutexes and
 * condition variables between two threads; an environment with a lock
 * file and LMDB's per-thread reader slots (pthread keys): keys written in several transactions (some values on overflow
 * pages), one transaction aborted, every key read back with mdb_get and a
 * cursor (in order), some deleted; the environment closed and reopened
 * and the data found again in the memory file system; a copy made with
 * mdb_env_copy() opened and checked too; a small map filled
 * to MDB_MAP_FULL; a map bigger than dom0's free memory refused with
 * ENOMEM; at the end every file, mapping and heap block is given back.
 *
 * --inject-failure compares one value against a wrong expectation, to
 * show that a failure is reported (the boot test checks it).
 */
#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <malloc.h>
#include <memfs.h>
#include <mm.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "builtins.h"
#include "lmdb_data.h"
#include "shell.h"

#define NR_KEYS		3000
#define KEYS_PER_TXN	250
#define MAIN_PATH	"/var/lib/selftest.mdb"
#define FULL_PATH	"/var/lib/selftest-full.mdb"
#define PROBE_PATH	"/tmp/probe"
#define COPY_PATH	"/var/lib/selftest-copy.mdb"
#define MAIN_MAPSIZE	(4UL << 20)
#define FULL_MAPSIZE	(256UL << 10)

struct selftest {
	unsigned int checks, failed;
	bool inject;
	bool present[NR_KEYS];
	unsigned int nr_present;
};

static bool check(struct selftest *t, bool ok, const char *fmt, ...)
{
	va_list ap;

	t->checks++;
	if (ok)
		return true;
	t->failed++;
	printf("lmdb-selftest: FAILED: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return false;
}

/* ---- the shim under LMDB ---- */

static void probe_shared_mapping(struct selftest *t)
{
	char buf[16] = "written-by-pwr", *map;
	int fd = open(PROBE_PATH, O_RDWR | O_CREAT | O_EXCL, 0600);

	if (!check(t, fd >= 0, "open(%s): errno %d", PROBE_PATH, errno))
		return;
	check(t, pwrite(fd, buf, 14, 100) == 14, "pwrite before mmap: errno %d", errno);
	map = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (check(t, map != MAP_FAILED, "mmap 2 pages: errno %d", errno)) {
		check(t, memcmp(map + 100, buf, 14) == 0 && map[99] == 0,
		      "mmap does not show what pwrite wrote");
		check(t, pwrite(fd, "X", 1, 5000) == 1 && map[5000] == 'X',
		      "a pwrite after mmap is not seen through the mapping");
		map[4000] = 'Y';
		check(t, pread(fd, buf, 1, 4000) == 1 && buf[0] == 'Y',
		      "a store through the mapping is not seen by pread");
		errno = 0;
		check(t, pwrite(fd, "Z", 1, 2 * PAGE_SIZE) == -1 && errno == ENOSPC,
		      "growing a mapped file past its mapping: errno %d, expected ENOSPC", errno);
		check(t, munmap(map, 2 * PAGE_SIZE) == 0, "munmap: errno %d", errno);
		check(t, munmap(map, 2 * PAGE_SIZE) == -1 && errno == EINVAL,
		      "munmap twice: errno %d, expected EINVAL", errno);
	}
	check(t, pwrite(fd, "Z", 1, 2 * PAGE_SIZE) == 1,
	      "growing the file once unmapped: errno %d", errno);
	check(t, close(fd) == 0 && unlink(PROBE_PATH) == 0, "close/unlink the probe");
	check(t, open(PROBE_PATH, O_RDONLY) == -1 && errno == ENOENT,
	      "the unlinked probe still opens (errno %d)", errno);
}

/* ---- pthreads over cooperative threads ---- */

struct pthread_probe {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool got_lock, ready;
};

static void *pthread_probe_main(void *arg)
{
	struct pthread_probe *p = arg;

	pthread_mutex_lock(&p->lock);	/* blocks until main unlocks */
	p->got_lock = true;
	while (!p->ready)
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
	return p;
}

static void probe_pthreads(struct selftest *t)
{
	struct pthread_probe p = { .lock = PTHREAD_MUTEX_INITIALIZER,
				   .cond = PTHREAD_COND_INITIALIZER };
	void *result = NULL;
	pthread_t thr;

	check(t, pthread_mutex_lock(&p.lock) == 0, "mutex lock");
	check(t, pthread_mutex_lock(&p.lock) == EDEADLK, "relocking one's own mutex");
	if (!check(t, pthread_create(&thr, NULL, pthread_probe_main, &p) == 0, "pthread_create"))
		return;
	msleep(20);
	check(t, !p.got_lock, "a second thread took a held mutex");
	check(t, pthread_mutex_unlock(&p.lock) == 0, "mutex unlock");
	msleep(20);
	check(t, p.got_lock, "the waiting thread did not get the mutex once free");
	check(t, pthread_mutex_unlock(&p.lock) == EPERM, "unlocking another thread's mutex");
	pthread_mutex_lock(&p.lock);
	p.ready = true;
	pthread_cond_signal(&p.cond);
	pthread_mutex_unlock(&p.lock);
	check(t, pthread_join(thr, &result) == 0 && result == &p, "pthread_join");
	check(t, pthread_mutex_destroy(&p.lock) == 0 && pthread_cond_destroy(&p.cond) == 0,
	      "destroying idle mutex and condition");
}

/* ---- LMDB ---- */

static bool value_matches(struct selftest *t, unsigned int i, const MDB_val *v)
{
	static char want[LMDB_VALUE_MAX];	/* static: LMDB needs the stack */
	size_t len = lmdb_make_value(t->inject && i == 7 ? i + 1 : i, want);

	return v->mv_size == len && memcmp(v->mv_data, want, len) == 0;
}

static int open_env(const char *path, size_t mapsize, unsigned int flags, MDB_env **env)
{
	int rc = mdb_env_create(env);

	if (rc)
		return rc;
	rc = mdb_env_set_mapsize(*env, mapsize);
	if (!rc)
		rc = mdb_env_set_maxdbs(*env, 4);
	if (!rc)
		rc = mdb_env_open(*env, path, flags | MDB_NOSUBDIR, 0600);
	if (rc) {
		mdb_env_close(*env);
		*env = NULL;
	}
	return rc;
}

static int put_keys(MDB_env *env, const char *db, unsigned int from, unsigned int to,
		    bool commit, unsigned int *failed_at)
{
	static char val[LMDB_VALUE_MAX];
	char key[LMDB_KEY_MAX];
	MDB_txn *txn;
	MDB_dbi dbi;
	unsigned int i;
	int rc = mdb_txn_begin(env, NULL, 0, &txn);

	if (rc)
		return rc;
	rc = mdb_dbi_open(txn, db, MDB_CREATE, &dbi);
	for (i = from; !rc && i < to; i++) {
		MDB_val k = { lmdb_make_key(i, key), key };
		MDB_val v = { lmdb_make_value(i, val), val };

		rc = mdb_put(txn, dbi, &k, &v, 0);
		if (rc && failed_at)
			*failed_at = i;
	}
	if (rc || !commit) {
		mdb_txn_abort(txn);
		return rc;
	}
	return mdb_txn_commit(txn);
}

static void write_in_txns(struct selftest *t, MDB_env *env)
{
	unsigned int i;
	int rc;

	for (i = 0; i < NR_KEYS; i += KEYS_PER_TXN) {
		rc = put_keys(env, "selftest", i, i + KEYS_PER_TXN, true, NULL);
		if (!check(t, rc == 0, "txn for keys %u+: %s", i, mdb_strerror(rc)))
			return;
	}
	for (i = 0; i < NR_KEYS; i++)
		t->present[i] = true;
	t->nr_present = NR_KEYS;
}

/* A transaction that adds keys past NR_KEYS and deletes key 1, then aborts. */
static void aborted_txn(struct selftest *t, MDB_env *env)
{
	char key[LMDB_KEY_MAX];
	MDB_txn *txn;
	MDB_dbi dbi;
	int rc = put_keys(env, "selftest", NR_KEYS, NR_KEYS + 100, false, NULL);

	check(t, rc == 0, "puts of the aborted txn: %s", mdb_strerror(rc));
	rc = mdb_txn_begin(env, NULL, 0, &txn);
	if (!check(t, rc == 0, "txn_begin: %s", mdb_strerror(rc)))
		return;
	rc = mdb_dbi_open(txn, "selftest", 0, &dbi);
	if (!rc) {
		MDB_val k = { lmdb_make_key(1, key), key };

		rc = mdb_del(txn, dbi, &k, NULL);
	}
	check(t, rc == 0, "delete in the aborted txn: %s", mdb_strerror(rc));
	mdb_txn_abort(txn);
}

static void delete_every_tenth(struct selftest *t, MDB_env *env)
{
	char key[LMDB_KEY_MAX];
	MDB_txn *txn;
	MDB_dbi dbi;
	unsigned int i;
	int rc = mdb_txn_begin(env, NULL, 0, &txn);

	if (!check(t, rc == 0, "txn_begin: %s", mdb_strerror(rc)))
		return;
	rc = mdb_dbi_open(txn, "selftest", 0, &dbi);
	for (i = 5; !rc && i < NR_KEYS; i += 10) {
		MDB_val k = { lmdb_make_key(i, key), key };

		rc = mdb_del(txn, dbi, &k, NULL);
	}
	if (rc) {
		mdb_txn_abort(txn);
		check(t, false, "deleting every tenth key: %s", mdb_strerror(rc));
		return;
	}
	rc = mdb_txn_commit(txn);
	if (!check(t, rc == 0, "commit of the deletes: %s", mdb_strerror(rc)))
		return;
	for (i = 5; i < NR_KEYS; i += 10) {
		t->present[i] = false;
		t->nr_present--;
	}
}

/* mdb_get of every key ever written (and the aborted ones): present or MDB_NOTFOUND. */
static void verify_gets(struct selftest *t, MDB_txn *txn, MDB_dbi dbi)
{
	char key[LMDB_KEY_MAX];
	unsigned int i, bad = 0;

	for (i = 0; i < NR_KEYS + 100; i++) {
		MDB_val k = { lmdb_make_key(i, key), key }, v;
		bool want = i < NR_KEYS && t->present[i];
		int rc = mdb_get(txn, dbi, &k, &v);

		if (want ? rc == 0 && value_matches(t, i, &v) : rc == MDB_NOTFOUND)
			continue;
		if (bad++ < 3)
			check(t, false, "mdb_get(%s): %s%s", key, mdb_strerror(rc),
			      rc == 0 && want ? " (value differs)" : "");
	}
	check(t, bad == 0, "%u key(s) read back wrong", bad);
}

/* A cursor walk: keys strictly increasing, each one expected, all of them seen. */
static void verify_cursor(struct selftest *t, MDB_txn *txn, MDB_dbi dbi)
{
	char prev[LMDB_KEY_MAX] = "";
	unsigned int seen = 0, bad = 0;
	MDB_cursor *cur;
	MDB_val k, v;
	int rc = mdb_cursor_open(txn, dbi, &cur);

	if (!check(t, rc == 0, "cursor_open: %s", mdb_strerror(rc)))
		return;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		long i = lmdb_parse_key(&k);
		bool ok = i >= 0 && i < NR_KEYS && t->present[i] && value_matches(t, i, &v) &&
			  strncmp(prev, k.mv_data, k.mv_size) < 0;

		if (!ok && bad++ < 3)
			check(t, false, "cursor: unexpected or out-of-order key %.*s",
			      (int)k.mv_size, (char *)k.mv_data);
		if (k.mv_size < sizeof(prev)) {
			memcpy(prev, k.mv_data, k.mv_size);
			prev[k.mv_size] = '\0';
		}
		seen++;
	}
	check(t, rc == MDB_NOTFOUND, "cursor walk ended with %s", mdb_strerror(rc));
	check(t, bad == 0 && seen == t->nr_present, "cursor saw %u keys (%u bad), expected %u",
	      seen, bad, t->nr_present);
	mdb_cursor_close(cur);
}

static void verify_all(struct selftest *t, MDB_env *env)
{
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_stat st;
	int rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn);

	if (!check(t, rc == 0, "read txn: %s", mdb_strerror(rc)))
		return;
	rc = mdb_dbi_open(txn, "selftest", 0, &dbi);
	if (check(t, rc == 0, "dbi_open: %s", mdb_strerror(rc))) {
		verify_gets(t, txn, dbi);
		verify_cursor(t, txn, dbi);
		rc = mdb_stat(txn, dbi, &st);
		check(t, rc == 0 && st.ms_entries == t->nr_present,
		      "mdb_stat: %zu entries, expected %u",
		      rc ? 0 : st.ms_entries, t->nr_present);
	}
	mdb_txn_abort(txn);
}

/* The data must outlive the environment: it lives in the memory file system. */
static void close_and_reopen(struct selftest *t, MDB_env **env)
{
	struct stat st;
	int fd, rc;

	mdb_env_close(*env);
	*env = NULL;
	fd = open(MAIN_PATH, O_RDONLY);
	if (check(t, fd >= 0, "data file gone after mdb_env_close (errno %d)", errno)) {
		check(t, fstat(fd, &st) == 0 && st.st_size >= 2 * (off_t)PAGE_SIZE,
		      "data file size %ld after close", (long)st.st_size);
		close(fd);
	}
	rc = open_env(MAIN_PATH, MAIN_MAPSIZE, 0, env);
	check(t, rc == 0, "reopening %s: %s", MAIN_PATH, mdb_strerror(rc));
}

/*
 * mdb_env_copy() writes a second file through write(); opened as an
 * environment of its own it holds the same keys. A compacting copy needs
 * page-aligned heap blocks, which the shim refuses with ENOTSUP.
 */
static void copy_env(struct selftest *t, MDB_env *env)
{
	MDB_env *copy;
	int rc = mdb_env_copy(env, COPY_PATH);

	if (!check(t, rc == 0, "mdb_env_copy: %s", mdb_strerror(rc)))
		return;
	rc = open_env(COPY_PATH, MAIN_MAPSIZE, MDB_NOLOCK | MDB_NOTLS | MDB_RDONLY, &copy);
	if (check(t, rc == 0, "opening the copy: %s", mdb_strerror(rc))) {
		verify_all(t, copy);
		mdb_env_close(copy);
	}
	check(t, unlink(COPY_PATH) == 0, "unlink %s", COPY_PATH);
	rc = mdb_env_copy2(env, COPY_PATH, MDB_CP_COMPACT);
	check(t, rc == ENOTSUP, "compacting copy: %s, expected ENOTSUP", mdb_strerror(rc));
	unlink(COPY_PATH);
}

static unsigned int fill_to_map_full(struct selftest *t)
{
	unsigned int committed = 0, failed_at = 0;
	MDB_env *env;
	int rc = open_env(FULL_PATH, FULL_MAPSIZE, MDB_NOLOCK | MDB_NOTLS | MDB_WRITEMAP, &env);

	if (!check(t, rc == 0, "opening %s: %s", FULL_PATH, mdb_strerror(rc)))
		return 0;
	for (;;) {
		rc = put_keys(env, "full", committed, committed + 10, true, &failed_at);
		if (rc)
			break;
		committed += 10;
	}
	check(t, rc == MDB_MAP_FULL, "filling a %lu KiB map ended with %s, expected MDB_MAP_FULL",
	      FULL_MAPSIZE >> 10, mdb_strerror(rc));
	check(t, committed > 0 && lmdb_data_bytes(committed) < FULL_MAPSIZE,
	      "%u keys (%zu bytes) committed in a %lu-byte map", committed,
	      lmdb_data_bytes(committed), FULL_MAPSIZE);
	/* The full map still answers reads and takes deletes. */
	{
		MDB_txn *txn = NULL;
		MDB_dbi dbi;
		MDB_stat st;

		rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn);
		if (!rc)
			rc = mdb_dbi_open(txn, "full", 0, &dbi);
		if (!rc)
			rc = mdb_stat(txn, dbi, &st);
		check(t, rc == 0 && st.ms_entries == committed,
		      "after MDB_MAP_FULL: %s, %zu entries, expected %u", mdb_strerror(rc),
		      rc ? 0 : st.ms_entries, committed);
		if (txn)
			mdb_txn_abort(txn);
	}
	mdb_env_close(env);
	check(t, unlink(FULL_PATH) == 0, "unlink %s", FULL_PATH);
	return committed;
}

/* A map no free memory can hold: the open fails cleanly with ENOMEM. */
static void map_too_big(struct selftest *t)
{
	struct mm_stats st;
	MDB_env *env;
	size_t mapsize;
	int rc;

	mm_get_stats(&st);
	mapsize = (st.free + 1) * PAGE_SIZE;
	rc = open_env("/var/lib/too-big.mdb", mapsize, MDB_NOLOCK | MDB_NOTLS, &env);
	check(t, rc == ENOMEM, "a %zu MiB map: %s, expected ENOMEM", mapsize >> 20,
	      mdb_strerror(rc));
	if (!rc)
		mdb_env_close(env);
	unlink("/var/lib/too-big.mdb");
}

static void run_lmdb_steps(struct selftest *t, unsigned int *full_keys)
{
	MDB_env *env;
	int rc = open_env(MAIN_PATH, MAIN_MAPSIZE, 0, &env);

	if (!check(t, rc == 0, "opening %s: %s", MAIN_PATH, mdb_strerror(rc)))
		return;
	write_in_txns(t, env);
	aborted_txn(t, env);
	verify_all(t, env);
	delete_every_tenth(t, env);
	verify_all(t, env);
	close_and_reopen(t, &env);
	if (env) {
		verify_all(t, env);
		copy_env(t, env);
		mdb_env_close(env);
	}
	check(t, unlink(MAIN_PATH) == 0, "unlink %s", MAIN_PATH);
	check(t, unlink(MAIN_PATH "-lock") == 0, "unlink %s-lock", MAIN_PATH);
	*full_keys = fill_to_map_full(t);
	map_too_big(t);
}

int cmd_lmdb_selftest(int argc, char **argv)
{
	static struct selftest t;
	struct memfs_stats fs, fs_before;
	struct malloc_stats before, after;
	unsigned int full_keys = 0;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--inject-failure") != 0))
		return shell_usage(shell_find("lmdb-selftest"));
	memset(&t, 0, sizeof(t));
	t.inject = argc == 2;
	/* Compared with what was there before: the store keeps its own files open. */
	memfs_get_stats(&fs_before);
	malloc_get_stats(&before);
	probe_shared_mapping(&t);
	probe_pthreads(&t);
	run_lmdb_steps(&t, &full_keys);
	memfs_get_stats(&fs);
	check(&t, fs.files == fs_before.files && fs.mappings == fs_before.mappings &&
	      fs.pages == fs_before.pages,
	      "left behind: %lu file(s), %lu mapping(s), %lu page(s)",
	      fs.files - fs_before.files, fs.mappings - fs_before.mappings,
	      fs.pages - fs_before.pages);
	malloc_get_stats(&after);
	check(&t, after.used_blocks == before.used_blocks,
	      "heap blocks in use: %lu before, %lu after",
	      before.used_blocks, after.used_blocks);
	if (t.failed) {
		printf("lmdb-selftest: FAIL (%u of %u checks failed)\n", t.failed, t.checks);
		return 1;
	}
	printf("lmdb-selftest: PASS (%u checks; %u keys in %u txns, 1 aborted, %u deleted, "
	       "%u after reopen; map full after %u keys)\n", t.checks, NR_KEYS,
	       NR_KEYS / KEYS_PER_TXN, NR_KEYS - t.nr_present, t.nr_present, full_keys);
	return 0;
}
