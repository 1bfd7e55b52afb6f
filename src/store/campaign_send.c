/*
** campaign_send.c — the sender's lock of the store: one `campaign send` at
** a time (see sightline/store/campaign.h). Cron starts a run every few
** minutes; with a long queue (a surge of signers) a run outlasts the
** interval, and two runs reading the same waiting messages would send each
** signer her link twice. A lock beside the messages rather than a claim on
** each: no column to add, and a run killed midway leaves no claim behind
** (the flock and the advisory lock go with the process and its session).
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/campaign.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* pg_try_advisory_lock key of `campaign send` ("SiLs"; the writers' is "SiLn") */
#define SEND_KEY "1399409779"

sl_status sl_store_send_lock(sl_store *st, int *lock, int *busy, sl_error *err)
{
    *lock = -1;
    *busy = 0;
    if (sl_store_pg(st)) {
        char got[8];
        int found = 0;
        if (sl_pg_scalar(sl_store_pg(st), "SELECT pg_try_advisory_lock(" SEND_KEY ")::int", 0, NULL, got, sizeof got,
                         &found, "taking the sender's lock", err))
            return err->status;
        *busy = strcmp(got, "1") != 0;
        return SL_OK;
    }
    char path[4200];
    if ((size_t)snprintf(path, sizeof path, "%s-send.lock", sl_store_path(st)) >= sizeof path)
        return sl_fail(err, SL_EUSAGE, sl_store_path(st), 0, "the store's path is too long");
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return sl_fail(err, SL_EIO, path, 0, "cannot open the sender's lock: %s", strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        close(fd);
        if (e == EWOULDBLOCK) return *busy = 1, SL_OK;
        return sl_fail(err, SL_EIO, path, 0, "cannot take the sender's lock: %s", strerror(e));
    }
    *lock = fd;
    return SL_OK;
}

void sl_store_send_unlock(sl_store *st, int lock)
{
    if (sl_store_pg(st)) {
        sl_error ignored; /* the session's end releases it anyway */
        sl_pg_exec(sl_store_pg(st), "SELECT pg_advisory_unlock(" SEND_KEY ")", "releasing the sender's lock", &ignored);
    } else if (lock >= 0) {
        close(lock); /* releases the flock */
    }
}
