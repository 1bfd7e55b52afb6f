/*
** disk_full.c — what a write that found no room says, for every file
** sightline writes: the store (through SQLite, src/store/disk_full.c), a
** backup, an output's -o FILE. The system says ENOSPC or EFBIG ("No space
** left on device", "File too large"), or nothing at all once stdio has
** buffered the failure: a reporter on a full laptop learned neither that
** the disk was the cause nor how much room the command needed. Told
** instead from the errno, the free space of the file's folder (statvfs)
** and the size the write may need.
*/
#include "sightline/core/file.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>

/* Megabytes for people: one decimal under 10, whole above, never "0" for
** something that is not nothing. */
static const char *mb(unsigned long long bytes, char buf[32])
{
    double m = (double)bytes / 1048576.0;
    if (bytes == 0) return "0";
    if (m < 0.1) m = 0.1;
    if (m < 10) snprintf(buf, 32, "%.1f", m);
    else snprintf(buf, 32, "%.0f", m);
    return buf;
}

/* The folder of PATH ("." for a bare name). */
static void folder_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(dir, size, ".");
    else snprintf(dir, size, "%.*s", slash == path ? 1 : (int)(slash - path), path);
}

int sl_full_cause(int sys, const char *path, const char *what, unsigned long long need, const char *why,
                  const char *unchanged, sl_error *err)
{
    int full = sys == ENOSPC || sys == EDQUOT;
    if (!full && sys != EFBIG) return 0;
    char dir[4096], real[PATH_MAX], a[32], b[32];
    folder_of(path, dir, sizeof dir);
    const char *folder = realpath(dir, real) ? real : dir; /* named as a person finds it, never "." */
    if (need < 1048576) need = 1048576;
    if (!full) { /* EFBIG: the process's own limit, not the disk */
        struct rlimit lim;
        int known = getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY;
        sl_fail(err, SL_EIO, path, 0,
                "%s: a limit on the size of files this process may write (ulimit -f%s%s%s) stopped the write, so "
                "%s. It needed files of about %s MB or more %s: raise the limit (ulimit -f unlimited), then run "
                "this again",
                what, known ? ": " : "", known ? mb((unsigned long long)lim.rlim_cur, a) : "", known ? " MB" : "",
                unchanged, mb(need, b), why);
        return 1;
    }
    struct statvfs vfs;
    int have = statvfs(dir, &vfs) == 0;
    unsigned long long avail = have ? (unsigned long long)vfs.f_bavail * vfs.f_frsize : 0;
    char free_part[96] = "";
    if (have) snprintf(free_part, sizeof free_part, " (%s MB free now)", mb(avail, a));
    sl_fail(err, SL_EIO, path, 0,
            "%s: the disk is full%s: the folder %s%s had no room for this write, so %s. It needed about %s MB or "
            "more %s: free that much there, or use a larger disk, then run this again",
            what, sys == EDQUOT ? " (this user's disk quota is used up)" : "", folder, free_part, unchanged,
            mb(need, b), why);
    return 1;
}
