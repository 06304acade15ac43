/* SPDX-License-Identifier: MIT */
/*
 * The client library's calls: each builds one request payload, talks
 * through the message layer (xs.c) and unpacks the reply.
 *
 * Uses only <string.h>, <stdlib.h>, <stdio.h> and <errno.h> (see xs.h).
 */
#include "xs_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of a decimal uint32/unsigned long and its NUL. */
#define XS_NUMBER_CHARS 24

/* A path then raw bytes: WRITE, and the prefix of WATCH and SET_PERMS. */
static struct xs_piece path_piece(const char *path)
{
	struct xs_piece piece = { path, strlen(path) + 1 };

	return piece;
}

void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path, unsigned int *len)
{
	return xs_talk_string(h, t, SHALE_XS_READ, path, len);
}

bool xs_write(struct xs_handle *h, xs_transaction_t t, const char *path,
	      const void *data, unsigned int len)
{
	struct xs_piece pieces[2] = { path_piece(path), { data, len } };
	char *reply = xs_talk(h, t, SHALE_XS_WRITE, pieces, 2, NULL);

	free(reply);
	return reply != NULL;
}

bool xs_mkdir(struct xs_handle *h, xs_transaction_t t, const char *path)
{
	return xs_talk_ok(h, t, SHALE_XS_MKDIR, path);
}

bool xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path)
{
	return xs_talk_ok(h, t, SHALE_XS_RM, path);
}

/* Number of NUL-terminated strings in buf[0..len); -1 if the last lacks its NUL. */
static long count_strings(const char *buf, size_t len)
{
	long n = 0;
	size_t i;

	if (len && buf[len - 1] != '\0')
		return -1;
	for (i = 0; i < len; i++)
		if (buf[i] == '\0')
			n++;
	return n;
}

/*
 * Packs the strings of buf[0..len) into one block: an array of pointers
 * followed by the strings it points to. NULL with errno on failure.
 */
static char **strings_to_vector(const char *buf, size_t len, unsigned int *num)
{
	long n = count_strings(buf, len);
	char **vec;
	char *copy;
	long i;

	if (n < 0) {
		errno = EIO;
		return NULL;
	}
	vec = malloc((size_t)n * sizeof(char *) + len + 1);
	if (!vec) {
		errno = ENOMEM;
		return NULL;
	}
	copy = (char *)(vec + n);
	memcpy(copy, buf, len);
	copy[len] = '\0';
	for (i = 0; i < n; i++) {
		vec[i] = copy;
		copy += strlen(copy) + 1;
	}
	*num = (unsigned int)n;
	return vec;
}

/* The most times a paged listing restarts because the node keeps changing. */
#define XS_DIRECTORY_PART_RETRIES 16

/*
 * One DIRECTORY_PART reply: "generation\0" then children from the offset;
 * the last piece ends with an extra empty string. Appends the children to
 * *list and returns 1 (last piece), 0 (more to come), -2 (the generation
 * changed: start over) or -1 with errno.
 */
static int directory_part_step(char *reply, unsigned int len, char *gen, size_t gen_size,
			       char **list, size_t *list_len)
{
	const char *gen_end = memchr(reply, '\0', len);
	size_t gen_len = gen_end ? (size_t)(gen_end - reply) : len;
	const char *children = reply + gen_len + 1;
	size_t children_len;
	bool last;
	char *grown;

	if (!gen_end || gen_len >= gen_size) {
		errno = EIO;
		return -1;
	}
	if (gen[0] == '\0')
		memcpy(gen, reply, gen_len + 1);
	else if (strcmp(gen, reply) != 0)
		return -2;
	children_len = len - gen_len - 1;
	if (children_len == 0 || children[children_len - 1] != '\0') {
		errno = EIO;
		return -1;
	}
	last = children_len == 1 || children[children_len - 2] == '\0';
	if (last)
		children_len--;
	grown = realloc(*list, *list_len + children_len + 1);
	if (!grown) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(grown + *list_len, children, children_len);
	*list = grown;
	*list_len += children_len;
	return last ? 1 : 0;
}

/* The whole listing of path in pieces; a malloc'ed NUL-separated list. */
static char *directory_in_parts(struct xs_handle *h, xs_transaction_t t, const char *path,
				size_t *list_len)
{
	char gen[XS_NUMBER_CHARS] = "";
	char offset[XS_NUMBER_CHARS];
	char *list = NULL;
	unsigned int retries = 0;
	int step = 0;

	*list_len = 0;
	while (step != 1) {
		struct xs_piece pieces[2] = { path_piece(path), { offset, 0 } };
		unsigned int len;
		char *reply;

		snprintf(offset, sizeof(offset), "%lu", (unsigned long)*list_len);
		pieces[1].len = strlen(offset) + 1;
		reply = xs_talk(h, t, SHALE_XS_DIRECTORY_PART, pieces, 2, &len);
		if (!reply)
			break;
		step = directory_part_step(reply, len, gen, sizeof(gen), &list, list_len);
		free(reply);
		if (step == -1)
			break;
		if (step == -2) {
			if (++retries > XS_DIRECTORY_PART_RETRIES) {
				errno = EAGAIN;
				break;
			}
			gen[0] = '\0';
			*list_len = 0;
		}
	}
	if (step != 1) {
		free(list);
		return NULL;
	}
	return list;
}

char **xs_directory(struct xs_handle *h, xs_transaction_t t, const char *path,
		    unsigned int *num)
{
	unsigned int len;
	size_t list_len;
	char **vec;
	char *list = xs_talk_string(h, t, SHALE_XS_DIRECTORY, path, &len);

	if (list) {
		list_len = len;
	} else {
		if (errno != E2BIG)
			return NULL;
		list = directory_in_parts(h, t, path, &list_len);
		if (!list)
			return NULL;
	}
	vec = strings_to_vector(list, list_len, num);
	free(list);
	return vec;
}

struct xs_permissions *xs_get_permissions(struct xs_handle *h, xs_transaction_t t,
					  const char *path, unsigned int *num)
{
	struct xs_permissions *perms = NULL;
	unsigned int len, count, i;
	char **strings;
	char *reply = xs_talk_string(h, t, SHALE_XS_GET_PERMS, path, &len);

	if (!reply)
		return NULL;
	strings = strings_to_vector(reply, len, &count);
	free(reply);
	if (!strings)
		return NULL;
	if (count == 0) {
		errno = EIO;
		goto out;
	}
	perms = calloc(count, sizeof(*perms));
	if (!perms) {
		errno = ENOMEM;
		goto out;
	}
	for (i = 0; i < count; i++) {
		if (!xs_perm_from_string(strings[i], &perms[i])) {
			free(perms);
			perms = NULL;
			errno = EIO;
			goto out;
		}
	}
	*num = count;
out:
	free(strings);
	return perms;
}

bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t, const char *path,
			const struct xs_permissions *perms, unsigned int num)
{
	struct xs_piece pieces[2] = { path_piece(path), { NULL, 0 } };
	size_t used = 0;
	unsigned int i;
	char *buf, *reply;

	if (num == 0) {
		errno = EINVAL;
		return false;
	}
	buf = malloc(SHALE_XS_PAYLOAD_MAX);
	if (!buf) {
		errno = ENOMEM;
		return false;
	}
	for (i = 0; i < num; i++) {
		if (perms[i].perms > XS_PERM_BOTH) {
			errno = EINVAL;
			goto fail;
		}
		if (!xs_perm_to_string(&perms[i], buf + used, SHALE_XS_PAYLOAD_MAX - used)) {
			errno = E2BIG;
			goto fail;
		}
		used += strlen(buf + used) + 1;
	}
	pieces[1].data = buf;
	pieces[1].len = used;
	reply = xs_talk(h, t, SHALE_XS_SET_PERMS, pieces, 2, NULL);
	free(buf);
	free(reply);
	return reply != NULL;
fail:
	free(buf);
	return false;
}

static bool watch_request(struct xs_handle *h, uint32_t type, const char *path,
			  const char *token)
{
	struct xs_piece pieces[2] = { path_piece(path), path_piece(token) };
	char *reply = xs_talk(h, XBT_NULL, type, pieces, 2, NULL);

	free(reply);
	return reply != NULL;
}

bool xs_watch(struct xs_handle *h, const char *path, const char *token)
{
	return watch_request(h, SHALE_XS_WATCH, path, token);
}

bool xs_unwatch(struct xs_handle *h, const char *path, const char *token)
{
	return watch_request(h, SHALE_XS_UNWATCH, path, token);
}

static char **event_vector(struct xs_handle *h, bool block, unsigned int *num)
{
	struct xs_event *ev = xs_next_event(h, block);
	char **vec;

	if (!ev)
		return NULL;
	vec = strings_to_vector(ev->payload, ev->len, num);
	free(ev);
	return vec;
}

char **xs_read_watch(struct xs_handle *h, unsigned int *num)
{
	return event_vector(h, true, num);
}

char **xs_check_watch(struct xs_handle *h)
{
	unsigned int num;

	return event_vector(h, false, &num);
}

xs_transaction_t xs_transaction_start(struct xs_handle *h)
{
	char *end;
	unsigned long id;
	char *reply = xs_talk_string(h, XBT_NULL, SHALE_XS_TRANSACTION_START, "", NULL);

	if (!reply)
		return XBT_NULL;
	id = strtoul(reply, &end, 10);
	if (end == reply || *end != '\0' || id == 0 || id > UINT32_MAX) {
		free(reply);
		errno = EIO;
		return XBT_NULL;
	}
	free(reply);
	return (xs_transaction_t)id;
}

bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t, bool abort)
{
	return xs_talk_ok(h, t, SHALE_XS_TRANSACTION_END, abort ? "F" : "T");
}

bool xs_introduce_domain(struct xs_handle *h, unsigned int domid, unsigned long mfn,
			 unsigned int eventchn)
{
	char domid_s[XS_NUMBER_CHARS], mfn_s[XS_NUMBER_CHARS], port_s[XS_NUMBER_CHARS];
	struct xs_piece pieces[3] = { { domid_s, 0 }, { mfn_s, 0 }, { port_s, 0 } };
	char *reply;

	pieces[0].len = (size_t)snprintf(domid_s, sizeof(domid_s), "%u", domid) + 1;
	pieces[1].len = (size_t)snprintf(mfn_s, sizeof(mfn_s), "%lu", mfn) + 1;
	pieces[2].len = (size_t)snprintf(port_s, sizeof(port_s), "%u", eventchn) + 1;
	reply = xs_talk(h, XBT_NULL, SHALE_XS_INTRODUCE, pieces, 3, NULL);
	free(reply);
	return reply != NULL;
}

/* A request whose one argument is a domid. */
static char *domid_request(struct xs_handle *h, uint32_t type, unsigned int domid)
{
	char domid_s[XS_NUMBER_CHARS];

	snprintf(domid_s, sizeof(domid_s), "%u", domid);
	return xs_talk_string(h, XBT_NULL, type, domid_s, NULL);
}

bool xs_release_domain(struct xs_handle *h, unsigned int domid)
{
	char *reply = domid_request(h, SHALE_XS_RELEASE, domid);

	free(reply);
	return reply != NULL;
}

char *xs_get_domain_path(struct xs_handle *h, unsigned int domid)
{
	return domid_request(h, SHALE_XS_GET_DOMAIN_PATH, domid);
}

bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid)
{
	char *reply = domid_request(h, SHALE_XS_IS_DOMAIN_INTRODUCED, domid);
	bool introduced;

	if (!reply)
		return false;
	introduced = strcmp(reply, "F") != 0;
	free(reply);
	errno = 0;
	return introduced;
}
