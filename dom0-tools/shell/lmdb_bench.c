/* SPDX-License-Identifier: MIT */
/*
 * lmdb-bench [N]: LMDB's speed inside dom0, on the POSIX shim's memory
 * file system, with the settings the store uses (a MEMFS_LMDB_MAPSIZE
 * map, MDB_NOLOCK | MDB_NOTLS). Prints puts per second (N keys in
 * transactions of 1000), gets per second (N lookups in a scattered order
 * in one read transaction) and commits per second (one put per write
 * transaction, as the store commits each change). A figure, not a test:
 * it fails only if LMDB does.
 */
#include <lmdb.h>
#include <memfs.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "builtins.h"
#include "lmdb_data.h"
#include "shell.h"

#define BENCH_PATH		"/var/lib/bench.mdb"
#define BENCH_DEFAULT_KEYS	20000UL
#define BENCH_MAX_KEYS		50000UL		/* what fits in the map */
#define PUTS_PER_TXN		1000U
#define MAX_COMMITS		2000U

static char value_buf[LMDB_VALUE_MAX];

static int put_range(MDB_env *env, MDB_dbi dbi, unsigned int from, unsigned int to)
{
	char key[LMDB_KEY_MAX];
	MDB_txn *txn = NULL;
	unsigned int i;
	int rc = mdb_txn_begin(env, NULL, 0, &txn);

	for (i = from; !rc && i < to; i++) {
		MDB_val k = { lmdb_make_key(i, key), key };
		MDB_val v = { lmdb_make_value(i, value_buf), value_buf };

		rc = mdb_put(txn, dbi, &k, &v, 0);
	}
	if (rc) {
		if (txn)
			mdb_txn_abort(txn);
		return rc;
	}
	return mdb_txn_commit(txn);
}

/* Looks every key up once, in a scattered order (a stride prime to n). */
static int get_all(MDB_env *env, MDB_dbi dbi, unsigned int n)
{
	char key[LMDB_KEY_MAX];
	MDB_txn *txn = NULL;
	unsigned int i, stride = 7919;
	int rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn);

	while (n % stride == 0)
		stride += 2;
	for (i = 0; !rc && i < n; i++) {
		unsigned int k_i = (unsigned int)(((unsigned long)i * stride) % n);
		MDB_val k = { lmdb_make_key(k_i, key), key }, v;

		rc = mdb_get(txn, dbi, &k, &v);
		if (!rc && v.mv_size != lmdb_make_value(k_i, value_buf))
			rc = MDB_CORRUPTED;
	}
	if (txn)
		mdb_txn_abort(txn);
	return rc;
}

static unsigned long per_second(unsigned long n, uint64_t ns)
{
	return ns ? (unsigned long)((uint64_t)n * NSEC_PER_SEC / ns) : 0;
}

static int open_bench_env(MDB_env **env, MDB_dbi *dbi)
{
	MDB_txn *txn;
	int rc = mdb_env_create(env);

	if (rc)
		return rc;
	rc = mdb_env_set_mapsize(*env, MEMFS_LMDB_MAPSIZE);
	if (!rc)
		rc = mdb_env_open(*env, BENCH_PATH, MDB_NOSUBDIR | MDB_NOLOCK | MDB_NOTLS, 0600);
	if (!rc)
		rc = mdb_txn_begin(*env, NULL, 0, &txn);
	if (!rc) {
		rc = mdb_dbi_open(txn, NULL, 0, dbi);
		rc = rc ? (mdb_txn_abort(txn), rc) : mdb_txn_commit(txn);
	}
	if (rc)
		mdb_env_close(*env);
	return rc;
}

static int run_bench(unsigned int n)
{
	unsigned int commits = n / 10 < MAX_COMMITS ? n / 10 : MAX_COMMITS, i;
	uint64_t t0, t_put, t_get, t_commit;
	MDB_env *env;
	MDB_dbi dbi;
	int rc = open_bench_env(&env, &dbi);

	if (rc)
		return rc;
	t0 = monotonic_ns();
	for (i = 0; !rc && i < n; i += PUTS_PER_TXN)
		rc = put_range(env, dbi, i, i + PUTS_PER_TXN < n ? i + PUTS_PER_TXN : n);
	t_put = monotonic_ns() - t0;
	t0 = monotonic_ns();
	if (!rc)
		rc = get_all(env, dbi, n);
	t_get = monotonic_ns() - t0;
	t0 = monotonic_ns();
	for (i = 0; !rc && i < commits; i++)
		rc = put_range(env, dbi, n + i, n + i + 1);
	t_commit = monotonic_ns() - t0;
	mdb_env_close(env);
	if (!rc)
		printf("lmdb-bench: %u puts in %u txns: %lu puts/s; %u gets: %lu gets/s; "
		       "%u one-put txns: %lu commits/s\n", n,
		       (n + PUTS_PER_TXN - 1) / PUTS_PER_TXN,
		       per_second(n, t_put), n, per_second(n, t_get), commits,
		       per_second(commits, t_commit));
	return rc;
}

int cmd_lmdb_bench(int argc, char **argv)
{
	unsigned long n = BENCH_DEFAULT_KEYS;
	char *end;
	int rc;

	if (argc > 2)
		return shell_usage(shell_find("lmdb-bench"));
	if (argc == 2) {
		n = strtoul(argv[1], &end, 10);
		if (*end || n < 10 || n > BENCH_MAX_KEYS) {
			printf("lmdb-bench: N must be 10 to %lu\n", BENCH_MAX_KEYS);
			return 1;
		}
	}
	rc = run_bench((unsigned int)n);
	unlink(BENCH_PATH);
	if (rc) {
		printf("lmdb-bench: FAILED: %s\n", mdb_strerror(rc));
		return 1;
	}
	return 0;
}
