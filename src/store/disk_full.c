/*
** disk_full.c — what a write that found no room says. SQLite says
** "database or disk is full" (ENOSPC) or "disk I/O error" (EFBIG, a
** quota): a reporter on a full laptop learned neither that the disk was
** the cause nor how much room the command needed, and the first words read
** as if the store itself had a limit. Told instead (sl_full_cause) from
** the errno SQLite saw and the size the write may need: a journal beside
** the store can copy every page a write changes, up to the store's size,
** and what it adds comes on top.
*/
#include "internal.h"

#include <errno.h>
#include "sightline/core/file.h"

int sl_store_full_cause(sqlite3 *db, int rc, const char *path, const char *what, unsigned long long need,
                        const char *why, sl_error *err)
{
    int sys = db ? sqlite3_system_errno(db) : 0;
    /* SQLite's own "full" (a page it could not add) with no errno kept is the disk's */
    if ((rc & 0xff) == SQLITE_FULL && sys != ENOSPC && sys != EDQUOT) sys = ENOSPC;
    return sl_full_cause(sys, path, what, need, why, "nothing was changed", err);
}
