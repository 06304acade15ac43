/* SPDX-License-Identifier: MIT */
/*
 * The request dispatcher: one handler per message type in a table, the
 * argument checks every payload gets, and the replies. A handler returns
 * 0 once it has replied, or an errno value that becomes an ERROR reply.
 * Node operations build their reply in req->reply and run on a view: the
 * transaction's, or one of their own committed before the reply goes out.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include "core.h"
#include "errors.h"
#include "tree.h"

#define DOMID_FIRST_RESERVED	0x7ff0u	/* Xen's: ids from here on are special */

static const char ok_reply[] = "OK";

static void reply(struct request *req, uint32_t type, const void *data, size_t len)
{
	struct chunk c = { data, len };

	conn_send(req->conn, type, req->hdr.req_id, req->hdr.tx_id, &c, 1, false);
}

static void reply_ok(struct request *req)
{
	reply(req, req->hdr.type, ok_reply, sizeof(ok_reply));
}

static void reply_error(struct request *req, int err)
{
	const char *name = store_error_name(err);

	req->conn->store->stats.errors++;
	reply(req, SHALE_XS_ERROR, name, strlen(name) + 1);
}

/*
 * Splits the payload into NUL-terminated strings: exactly n of them, or at
 * least n when at_least. Anything else is EINVAL (a missing final NUL, too
 * few or too many strings).
 */
static int get_strings(const struct request *req, const char **out, unsigned int n,
		       bool at_least, unsigned int *found)
{
	const char *p = req->payload, *end = p + req->len;
	unsigned int count = 0;

	if (req->len == 0 || end[-1] != '\0')
		return EINVAL;
	while (p < end) {
		if (count < n)
			out[count] = p;
		count++;
		p += strlen(p) + 1;
	}
	if (found)
		*found = count;
	return (count == n || (at_least && count > n)) ? 0 : EINVAL;
}

/* The payload's one string, resolved into req->path. */
static int get_path_arg(struct request *req)
{
	const char *s;
	int rc = get_strings(req, &s, 1, false, NULL);

	return rc ? rc : path_resolve(req->conn->domid, s, req->path, &req->path_len);
}

/* A decimal number up to max; EINVAL for anything else. */
static int parse_number(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (*s == '\0')
		return EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return EINVAL;
		if (v > (max - (uint64_t)(*s - '0')) / 10)
			return EINVAL;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*out = v;
	return 0;
}

static int get_domid_arg(struct request *req, const char *s, unsigned int *domid)
{
	uint64_t v;
	int rc = parse_number(s, DOMID_FIRST_RESERVED - 1, &v);

	*domid = (unsigned int)v;
	return rc;
}

/* Runs a node operation on the right view and sends its reply. */
static int run_on_view(struct request *req, int (*op)(struct request *, struct view *),
		       bool changes)
{
	struct store *store = req->conn->store;
	struct view v;
	int rc;

	req->reply_len = 0;
	if (req->tx) {
		rc = op(req, &req->tx->view);
		if (!rc)
			reply(req, req->hdr.type, req->reply, req->reply_len);
		return rc;
	}
	rc = view_init(&v, store, changes ? VIEW_WRITE : VIEW_READ);
	if (rc)
		return rc;
	rc = op(req, &v);
	if (!rc && changes)
		rc = view_commit(&v, req->conn->domid);
	if (!rc) {
		reply(req, req->hdr.type, req->reply, req->reply_len);
		view_fire_events(&v);
	}
	view_fini(&v);
	return rc;
}

static void set_reply(struct request *req, const void *data, size_t len)
{
	memcpy(req->reply, data, len);
	req->reply_len = len;
}

static int op_read(struct request *req, struct view *v)
{
	struct node *n;
	int rc = tree_read(v, req->conn->domid, req->path, req->path_len, &n);

	if (rc)
		return rc;
	if (n->value_len > SHALE_XS_PAYLOAD_MAX)
		rc = E2BIG;
	else
		set_reply(req, n->value, n->value_len);
	node_free(n);
	return rc;
}

static int op_directory(struct request *req, struct view *v)
{
	struct node *n;
	int rc = tree_read(v, req->conn->domid, req->path, req->path_len, &n);

	if (rc)
		return rc;
	/* Too long for one message: the client pages it with DIRECTORY_PART. */
	if (n->children_len > SHALE_XS_PAYLOAD_MAX)
		rc = E2BIG;
	else
		set_reply(req, n->children, n->children_len);
	node_free(n);
	return rc;
}

/*
 * "generation\0" then whole names from byte offset off of the listing,
 * as many as fit, then one more NUL once the listing is complete.
 */
static int op_directory_part(struct request *req, struct view *v)
{
	const char *args[2];
	uint64_t off;
	struct node *n;
	size_t used, end;
	int rc = get_strings(req, args, 2, false, NULL);

	if (!rc)
		rc = parse_number(args[1], UINT32_MAX, &off);
	if (!rc)
		rc = path_resolve(req->conn->domid, args[0], req->path, &req->path_len);
	if (!rc)
		rc = tree_read(v, req->conn->domid, req->path, req->path_len, &n);
	if (rc)
		return rc;
	if (off > n->children_len || (off && n->children[off - 1] != '\0')) {
		node_free(n);
		return EINVAL;
	}
	used = (size_t)snprintf(req->reply, sizeof(req->reply), "%llu",
				(unsigned long long)n->generation) + 1;
	for (end = off; end < n->children_len;) {
		size_t next = end + strlen(n->children + end) + 1;

		if (used + (next - off) + 1 > sizeof(req->reply))
			break;
		end = next;
	}
	memcpy(req->reply + used, n->children + off, end - off);
	used += end - off;
	if (end == n->children_len)
		req->reply[used++] = '\0';
	req->reply_len = used;
	node_free(n);
	return 0;
}

static int op_get_perms(struct request *req, struct view *v)
{
	struct node *n;
	unsigned int i;
	int rc = tree_read(v, req->conn->domid, req->path, req->path_len, &n);

	if (rc)
		return rc;
	for (i = 0; i < n->nperms && !rc; i++) {
		size_t w = perm_format(&n->perms[i], req->reply + req->reply_len,
				       sizeof(req->reply) - req->reply_len);

		req->reply_len += w;
		if (!w)
			rc = E2BIG;
	}
	node_free(n);
	return rc;
}

static int op_write(struct request *req, struct view *v)
{
	const char *sep = memchr(req->payload, '\0', req->len);
	const char *value;
	size_t value_len;
	int rc;

	if (!sep)
		return EINVAL;
	value = sep + 1;
	value_len = req->len - (size_t)(value - req->payload);
	if (req->conn->domid != 0 && value_len > req->conn->store->limits.max_value_size)
		return STORE_EQUOTA;
	rc = path_resolve(req->conn->domid, req->payload, req->path, &req->path_len);
	if (!rc)
		rc = tree_write(v, req->conn->domid, req->path, req->path_len, value, value_len);
	if (!rc)
		set_reply(req, ok_reply, sizeof(ok_reply));
	return rc;
}

static int op_mkdir(struct request *req, struct view *v)
{
	int rc = get_path_arg(req);

	if (!rc)
		rc = tree_mkdir(v, req->conn->domid, req->path, req->path_len);
	if (!rc)
		set_reply(req, ok_reply, sizeof(ok_reply));
	return rc;
}

static int op_rm(struct request *req, struct view *v)
{
	int rc = get_path_arg(req);

	if (!rc)
		rc = tree_rm(v, req->conn->domid, req->path, req->path_len);
	if (!rc)
		set_reply(req, ok_reply, sizeof(ok_reply));
	return rc;
}

static int op_set_perms(struct request *req, struct view *v)
{
	struct perm *perms;
	const char *args[2], *s;
	unsigned int n, i;
	int rc = get_strings(req, args, 2, true, &n);

	if (rc)
		return rc;
	rc = path_resolve(req->conn->domid, args[0], req->path, &req->path_len);
	if (rc)
		return rc;
	/* n strings of at least two bytes each fit in the payload: at most 2048 entries. */
	n--;
	perms = (struct perm *)req->reply;
	if (n * sizeof(*perms) > sizeof(req->reply))
		return EINVAL;
	for (i = 0, s = args[1]; i < n; i++, s += strlen(s) + 1) {
		rc = perm_parse(s, &perms[i]);
		if (rc)
			return rc;
	}
	rc = tree_set_perms(v, req->conn->domid, req->path, req->path_len, perms, n);
	if (!rc)
		set_reply(req, ok_reply, sizeof(ok_reply));
	return rc;
}

static int do_read(struct request *req)
{
	int rc = get_path_arg(req);

	return rc ? rc : run_on_view(req, op_read, false);
}

static int do_directory(struct request *req)
{
	int rc = get_path_arg(req);

	return rc ? rc : run_on_view(req, op_directory, false);
}

static int do_get_perms(struct request *req)
{
	int rc = get_path_arg(req);

	return rc ? rc : run_on_view(req, op_get_perms, false);
}

static int do_directory_part(struct request *req)
{
	return run_on_view(req, op_directory_part, false);
}

static int do_write(struct request *req)
{
	return run_on_view(req, op_write, true);
}

static int do_mkdir(struct request *req)
{
	return run_on_view(req, op_mkdir, true);
}

static int do_rm(struct request *req)
{
	return run_on_view(req, op_rm, true);
}

static int do_set_perms(struct request *req)
{
	return run_on_view(req, op_set_perms, true);
}

static int do_watch(struct request *req)
{
	const char *args[2];
	struct chunk event[2];
	int rc = get_strings(req, args, 2, false, NULL);

	if (!rc)
		rc = watch_add(req->conn, args[0], args[1]);
	if (rc)
		return rc;
	reply_ok(req);
	/* The first event, right after the reply, with the path as given. */
	event[0].data = args[0];
	event[0].len = strlen(args[0]) + 1;
	event[1].data = args[1];
	event[1].len = strlen(args[1]) + 1;
	conn_send(req->conn, SHALE_XS_WATCH_EVENT, 0, 0, event, 2, true);
	return 0;
}

static int do_unwatch(struct request *req)
{
	const char *args[2];
	int rc = get_strings(req, args, 2, false, NULL);

	if (!rc)
		rc = watch_remove(req->conn, args[0], args[1]);
	if (!rc)
		reply_ok(req);
	return rc;
}

static int do_reset_watches(struct request *req)
{
	watch_remove_all(req->conn);
	tx_end_all(req->conn);
	req->tx = NULL;
	reply_ok(req);
	return 0;
}

static int do_transaction_start(struct request *req)
{
	char id[16];
	uint32_t tx_id;
	int rc;

	if (req->len && req->payload[req->len - 1] != '\0')
		return EINVAL;
	rc = tx_start(req->conn, &tx_id);
	if (rc)
		return rc;
	reply(req, req->hdr.type, id, (size_t)snprintf(id, sizeof(id), "%u", tx_id) + 1);
	return 0;
}

static int do_transaction_end(struct request *req)
{
	struct transaction *tx = req->tx;
	const char *arg;
	bool commit;
	int rc;

	if (!tx)
		return ENOENT;
	rc = get_strings(req, &arg, 1, false, NULL);
	if (rc)
		return rc;
	if (strcmp(arg, "T") == 0)
		commit = true;
	else if (strcmp(arg, "F") == 0)
		commit = false;
	else
		return EINVAL;
	tx_detach(req->conn, tx);
	req->tx = NULL;
	rc = commit ? tx_commit(req->conn, tx) : 0;
	if (!rc)
		reply_ok(req);
	if (!rc && commit)
		view_fire_events(&tx->view);
	tx_free(tx);
	return rc;
}

static int do_introduce(struct request *req)
{
	const char *args[3];
	unsigned int domid;
	uint64_t mfn, port;
	int rc;

	if (req->conn->domid != 0)
		return EACCES;
	rc = get_strings(req, args, 3, true, NULL);
	if (!rc)
		rc = get_domid_arg(req, args[0], &domid);
	if (!rc)
		rc = parse_number(args[1], UINT64_MAX, &mfn);
	if (!rc)
		rc = parse_number(args[2], UINT32_MAX, &port);
	if (!rc && domid == 0)
		rc = EINVAL;
	if (!rc)
		rc = domain_introduce(req->conn->store, domid, mfn, (uint32_t)port);
	if (rc)
		return rc;
	reply_ok(req);
	watch_fire_special(req->conn->store, "@introduceDomain");
	return 0;
}

static int do_release(struct request *req)
{
	const char *arg;
	unsigned int domid;
	int rc;

	if (req->conn->domid != 0)
		return EACCES;
	rc = get_strings(req, &arg, 1, false, NULL);
	if (!rc)
		rc = get_domid_arg(req, arg, &domid);
	if (!rc && domid == 0)
		rc = EINVAL;
	if (!rc)
		rc = domain_release(req->conn->store, domid);
	if (rc)
		return rc;
	reply_ok(req);
	watch_fire_special(req->conn->store, "@releaseDomain");
	return 0;
}

static int do_get_domain_path(struct request *req)
{
	const char *arg;
	unsigned int domid;
	char home[32];
	size_t len;
	int rc = get_strings(req, &arg, 1, false, NULL);

	if (!rc)
		rc = get_domid_arg(req, arg, &domid);
	if (rc)
		return rc;
	len = path_domain_home(domid, home, sizeof(home));
	reply(req, req->hdr.type, home, len + 1);
	return 0;
}

static int do_is_domain_introduced(struct request *req)
{
	const char *arg;
	unsigned int domid;
	int rc = get_strings(req, &arg, 1, false, NULL);

	if (!rc)
		rc = get_domid_arg(req, arg, &domid);
	if (rc)
		return rc;
	reply(req, req->hdr.type, domain_is_introduced(req->conn->store, domid) ? "T" : "F", 2);
	return 0;
}

struct handler {
	int (*fn)(struct request *req);
	bool in_tx;	/* runs inside the transaction tx_id names */
};

/* Types without a handler (CONTROL, RESUME, SET_TARGET, ...) are ENOSYS. */
static const struct handler handlers[SHALE_XS_TYPE_COUNT] = {
	[SHALE_XS_DIRECTORY] = { do_directory, true },
	[SHALE_XS_READ] = { do_read, true },
	[SHALE_XS_GET_PERMS] = { do_get_perms, true },
	[SHALE_XS_WATCH] = { do_watch, false },
	[SHALE_XS_UNWATCH] = { do_unwatch, false },
	[SHALE_XS_TRANSACTION_START] = { do_transaction_start, false },
	[SHALE_XS_TRANSACTION_END] = { do_transaction_end, true },
	[SHALE_XS_INTRODUCE] = { do_introduce, false },
	[SHALE_XS_RELEASE] = { do_release, false },
	[SHALE_XS_GET_DOMAIN_PATH] = { do_get_domain_path, false },
	[SHALE_XS_WRITE] = { do_write, true },
	[SHALE_XS_MKDIR] = { do_mkdir, true },
	[SHALE_XS_RM] = { do_rm, true },
	[SHALE_XS_SET_PERMS] = { do_set_perms, true },
	[SHALE_XS_IS_DOMAIN_INTRODUCED] = { do_is_domain_introduced, false },
	[SHALE_XS_RESET_WATCHES] = { do_reset_watches, false },
	[SHALE_XS_DIRECTORY_PART] = { do_directory_part, true },
};

void protocol_dispatch(struct store_conn *conn, const struct shale_xs_msg_header *hdr,
		       const char *payload)
{
	struct request *req = &conn->store->req;
	const struct handler *h = hdr->type < SHALE_XS_TYPE_COUNT ? &handlers[hdr->type] : NULL;
	int rc;

	conn->store->stats.requests++;
	req->conn = conn;
	req->hdr = *hdr;
	req->payload = payload;
	req->len = hdr->len;
	req->tx = NULL;
	req->path_len = 0;
	req->reply_len = 0;
	if (!h || !h->fn) {
		reply_error(req, ENOSYS);
		return;
	}
	/* As Xen: a tx_id that names no transaction of this connection is ENOENT. */
	if (hdr->tx_id) {
		req->tx = tx_find(conn, hdr->tx_id);
		if (!req->tx) {
			reply_error(req, ENOENT);
			return;
		}
		if (!h->in_tx)
			req->tx = NULL;
	}
	rc = h->fn(req);
	if (rc)
		reply_error(req, rc);
}
