/*
** outdir.c — the report directory: which directory an audit may replace,
** one writer at a time, and the swap that puts a finished report in place.
**
** `audit -o DIR` replaces DIR whole, so the only directories it may replace
** are those it wrote itself: every report carries a manifest
** (MANIFEST_NAME) listing each file it holds, and DIR is replaced only when
** it is empty or holds nothing the manifest does not list. Anything else —
** a user's documents, the working directory, the store's own folder — is
** refused with a sentence before a byte is written. Reports written before
** the manifest existed are recognised by their shape (report.html,
** summary.json with a sightline version, data/ of GIS files only).
**
** A lock file next to DIR (".BASE.lock", flock) keeps two audits from
** writing the same DIR: without it the second one took the first one's
** temporary directory for a leftover of a killed run and deleted it.
*/
#include "report_internal.h"
#include "sightline/core/file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MANIFEST_NAME ".sightline-report"
#define MANIFEST_HEAD "sightline report manifest 1\n"

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

void sl_outdir_remove_tree(const char *dir) { nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

/* Split TARGET into its parent and base name (copies; dirname/basename may
** modify their argument). */
static void split(const char *target, char parent[4096], char base[4096])
{
    char a[4096], b[4096];
    snprintf(a, sizeof a, "%s", target);
    snprintf(b, sizeof b, "%s", target);
    snprintf(parent, 4096, "%s", dirname(a));
    snprintf(base, 4096, "%s", basename(b));
}

sl_status sl_outdir_sibling(const char *target, const char *tag, char *out, size_t size, sl_error *err)
{
    char parent[4096], base[4096];
    split(target, parent, base);
    if ((size_t)snprintf(out, size, "%s/.%s.%s-XXXXXX", parent, base, tag) >= size)
        return sl_fail(err, SL_EUSAGE, target, 0, "output path too long");
    if (!mkdtemp(out)) return sl_fail(err, SL_EIO, target, 0, "cannot create a directory next to it: %s", strerror(errno));
    return SL_OK;
}

/* ---- the manifest ----------------------------------------------------- */

/* Entry kinds a walk reports. Anything but a plain file or directory (a
** link, a device, an unreadable entry) is never the report's. */
enum { ENTRY_FILE, ENTRY_DIR, ENTRY_OTHER };

typedef int (*visit_fn)(void *ctx, const char *rel, int kind);

/* Call FN for every entry under PATH (depth first, directories before their
** contents), with its path relative to the walk's root; ROOT is the length
** of the root's path plus '/'. Stops at the first non-zero return. */
static int visit(char *path, size_t size, size_t root, visit_fn fn, void *ctx, int depth)
{
    DIR *d = opendir(path);
    if (!d) return -1;
    size_t len = strlen(path);
    int rc = 0;
    struct dirent *e;
    while (!rc && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if ((size_t)snprintf(path + len, size - len, "/%s", e->d_name) >= size - len) { rc = -1; break; }
        struct stat sb;
        int kind = lstat(path, &sb) != 0 ? ENTRY_OTHER
                   : S_ISREG(sb.st_mode) ? ENTRY_FILE
                   : S_ISDIR(sb.st_mode) ? ENTRY_DIR
                                         : ENTRY_OTHER;
        rc = fn(ctx, path + root, kind);
        if (!rc && kind == ENTRY_DIR) rc = depth < 16 ? visit(path, size, root, fn, ctx, depth + 1) : -1;
        path[len] = '\0';
    }
    closedir(d);
    return rc;
}

static int list_file(void *ctx, const char *rel, int kind)
{
    return kind == ENTRY_FILE && fprintf((FILE *)ctx, "%s\n", rel) < 0;
}

sl_status sl_outdir_write_manifest(const char *dir, sl_error *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, MANIFEST_NAME);
    FILE *f = fopen(path, "w");
    if (!f) return sl_fail(err, SL_EIO, path, 0, "cannot write: %s", strerror(errno));
    fputs(MANIFEST_HEAD, f);
    char walk[4200];
    snprintf(walk, sizeof walk, "%s", dir);
    int rc = visit(walk, sizeof walk, strlen(dir) + 1, list_file, f, 0);
    int bad = ferror(f) | (fclose(f) != 0);
    if (rc != 0 || bad) return sl_fail(err, SL_EIO, path, 0, "cannot write the report's manifest");
    return SL_OK;
}

/* 1 when REL is a line of MANIFEST. */
static int listed(const char *manifest, const char *rel)
{
    size_t n = strlen(rel);
    for (const char *p = manifest; (p = strstr(p, rel)); p++)
        if ((p == manifest || p[-1] == '\n') && p[n] == '\n') return 1;
    return 0;
}

static char *read_small(const char *path, size_t max)
{
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    char *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max, f) : 0;
    int more = buf && fgetc(f) != EOF;
    fclose(f);
    if (!buf || more) { free(buf); return NULL; }
    buf[n] = '\0';
    return buf;
}

/* Reports from before the manifest: report.html, summary.json naming a
** sightline version, data/ holding GIS files only. */
static int legacy_entry_ok(const char *rel, int is_dir)
{
    if (is_dir) return strcmp(rel, "data") == 0;
    if (!strcmp(rel, "report.html") || !strcmp(rel, "summary.json")) return 1;
    if (strncmp(rel, "data/", 5) != 0 || strchr(rel + 5, '/')) return 0;
    const char *dot = strrchr(rel, '.');
    const char *ok[] = {".csv", ".csvt", ".geojson", ".gpkg", ".json"};
    for (size_t i = 0; dot && i < sizeof ok / sizeof ok[0]; i++)
        if (!strcmp(dot, ok[i])) return 1;
    return 0;
}

typedef struct check {
    const char *manifest; /* NULL: judge by the legacy shape */
    char foreign[4096];   /* the first entry that is not the report's */
} check;

static int check_entry(void *ctx, const char *rel, int kind)
{
    check *c = ctx;
    int ok = kind == ENTRY_OTHER ? 0
             : c->manifest       ? (kind == ENTRY_DIR || listed(c->manifest, rel))
                                 : legacy_entry_ok(rel, kind == ENTRY_DIR);
    if (ok) return 0;
    snprintf(c->foreign, sizeof c->foreign, "%s", rel);
    return 1;
}

/* SL_OK when DIR may be replaced: empty, or holding only what a sightline
** report wrote. Otherwise a usage error naming the first foreign entry. */
static sl_status replaceable(const char *dir, sl_error *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, MANIFEST_NAME);
    char *manifest = read_small(path, 1 << 20);
    if (manifest && strncmp(manifest, MANIFEST_HEAD, strlen(MANIFEST_HEAD)) != 0) {
        free(manifest);
        manifest = NULL;
    }
    int legacy = 0;
    if (!manifest) {
        snprintf(path, sizeof path, "%s/summary.json", dir);
        char *summary = read_small(path, 64 << 20);
        legacy = summary && strstr(summary, "\"sightline_version\"");
        free(summary);
    }
    check c = {.manifest = manifest};
    char walk[4200];
    snprintf(walk, sizeof walk, "%s", dir);
    int rc = visit(walk, sizeof walk, strlen(dir) + 1, check_entry, &c, 0);
    int had_manifest = manifest != NULL;
    free(manifest);
    if (rc == 0) return SL_OK; /* empty, or every entry is the report's */
    if (!c.foreign[0]) return sl_fail(err, SL_EIO, dir, 0, "cannot read the directory: %s", strerror(errno));
    if (!had_manifest && !legacy)
        return sl_fail(err, SL_EUSAGE, dir, 0,
                       "exists and is not a sightline report (it holds '%s'); the audit replaces its output "
                       "directory whole, so give -o a new or empty directory",
                       c.foreign);
    return sl_fail(err, SL_EUSAGE, dir, 0,
                   "is a sightline report but also holds '%s', which the report did not write; move it out "
                   "or give -o another directory",
                   c.foreign);
}

/* ---- where a report may go -------------------------------------------- */

/* 1 when path A is B or lies under B (both absolute and resolved). */
static int inside(const char *a, const char *b)
{
    size_t n = strlen(b);
    if (n == 1 && b[0] == '/') return 1;
    return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/');
}

/* Refuse targets that name the current or parent directory, the root, the
** working directory or one of its ancestors, or a directory holding the
** store: replacing any of them would delete what the user is working in. */
static sl_status check_target(const char *target, const char *store_path, sl_error *err)
{
    char parent[4096], base[4096];
    split(target, parent, base);
    if (!strcmp(base, ".") || !strcmp(base, "..") || !strcmp(base, "/"))
        return sl_fail(err, SL_EUSAGE, target, 0,
                       "the audit replaces its output directory whole; give -o a new directory such as 'report'");
    char real[PATH_MAX], cwd[PATH_MAX], store[PATH_MAX];
    if (!realpath(target, real)) return SL_OK; /* does not exist yet */
    if (getcwd(cwd, sizeof cwd) && inside(cwd, real))
        return sl_fail(err, SL_EUSAGE, target, 0,
                       "is the working directory or holds it; give -o a new directory such as 'report'");
    if (store_path && realpath(store_path, store) && inside(store, real))
        return sl_fail(err, SL_EUSAGE, target, 0,
                       "holds the store %s; the audit replaces its output directory whole, so give -o another "
                       "directory",
                       store_path);
    struct stat sb;
    if (stat(target, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return sl_fail(err, SL_EUSAGE, target, 0, "exists and is not a directory");
    return replaceable(target, err);
}

/* ---- one writer per target -------------------------------------------- */

static sl_status take_lock(const char *target, outdir_lock *lk, sl_error *err)
{
    char parent[4096], base[4096];
    split(target, parent, base);
    if ((size_t)snprintf(lk->path, sizeof lk->path, "%s/.%s.lock", parent, base) >= sizeof lk->path)
        return sl_fail(err, SL_EUSAGE, target, 0, "output path too long");
    for (int tries = 0; tries < 8; tries++) {
        int fd = open(lk->path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        char why[4400];
        if (fd < 0 && sl_parent_dir_problem(target, why, sizeof why))
            return sl_fail(err, SL_EIO, target, 0, "cannot write the report here: %s", why);
        if (fd < 0) return sl_fail(err, SL_EIO, target, 0, "cannot create a lock next to it: %s", strerror(errno));
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            close(fd);
            if (e == EWOULDBLOCK)
                return sl_fail(err, SL_EIO, target, 0, "another audit is writing this directory; wait for it to finish");
            return sl_fail(err, SL_EIO, target, 0, "cannot lock: %s", strerror(e));
        }
        /* The previous holder unlinks the file as it leaves: a lock on a
        ** file that is no longer at the path guards nothing, so retry. */
        struct stat a, b;
        if (fstat(fd, &a) == 0 && stat(lk->path, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev) {
            lk->fd = fd;
            return SL_OK;
        }
        close(fd);
    }
    return sl_fail(err, SL_EIO, target, 0, "cannot lock: the lock file keeps changing");
}

void sl_outdir_release(outdir_lock *lk)
{
    if (lk->fd < 0) return;
    unlink(lk->path);
    close(lk->fd);
    lk->fd = -1;
}

/* Remove what killed runs left next to the target (".BASE.tmp-*",
** ".BASE.old-*"): never the target itself. Called with the lock held, so
** nothing found there belongs to a running audit. */
static void remove_leftovers(const char *target)
{
    char parent[4096], base[4096], prefix[4200];
    split(target, parent, base);
    DIR *d = opendir(parent);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *tags[] = {"tmp-", "old-"};
        for (int t = 0; t < 2; t++) {
            snprintf(prefix, sizeof prefix, ".%s.%s", base, tags[t]);
            if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || strlen(e->d_name) != strlen(prefix) + 6) continue;
            char path[8400];
            snprintf(path, sizeof path, "%s/%s", parent, e->d_name);
            sl_outdir_remove_tree(path);
        }
    }
    closedir(d);
}

sl_status sl_outdir_claim(const char *target, const char *store_path, outdir_lock *lk, sl_error *err)
{
    lk->fd = -1;
    sl_status s = check_target(target, store_path, err);
    if (!s) s = take_lock(target, lk, err);
    if (!s) remove_leftovers(target);
    return s;
}

/* ---- a report that found no room -------------------------------------- */

typedef struct tree_size {
    const char *root;
    unsigned long long bytes;
} tree_size;

static int add_size(void *ctx, const char *rel, int kind)
{
    tree_size *t = ctx;
    char path[8400];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", t->root, rel);
    if (kind == ENTRY_FILE && stat(path, &sb) == 0) t->bytes += (unsigned long long)sb.st_size;
    return 0;
}

/* The bytes of the plain files under DIR (0 when there is none). */
static unsigned long long tree_bytes(const char *dir)
{
    tree_size t = {dir, 0};
    char walk[4200];
    snprintf(walk, sizeof walk, "%s", dir);
    visit(walk, sizeof walk, strlen(dir) + 1, add_size, &t, 0);
    return t.bytes;
}

static double mib(unsigned long long bytes) { return (double)bytes / 1048576.0; }

void sl_outdir_full_note(const char *tmp, const char *target, sl_error *err)
{
    const char *e = err->msg;
    if (!strstr(e, strerror(ENOSPC)) && !strstr(e, strerror(EFBIG)) && !strstr(e, strerror(EDQUOT))) return;
    char parent[4096], base[4096], real[PATH_MAX];
    split(target, parent, base);
    const char *folder = realpath(parent, real) ? real : parent;
    unsigned long long written = tree_bytes(tmp), old = tree_bytes(target);
    struct statvfs vfs;
    char free_part[64] = "";
    if (statvfs(parent, &vfs) == 0)
        snprintf(free_part, sizeof free_part, " (%.1f MB free now)", mib((unsigned long long)vfs.f_bavail * vfs.f_frsize));
    size_t n = strlen(err->msg);
    if (strstr(e, strerror(EFBIG)))
        snprintf(err->msg + n, sizeof err->msg - n,
                 ". A limit on the size of files this process may write (ulimit -f) stopped it: raise it (ulimit -f "
                 "unlimited), then run the audit again");
    else if (old > written)
        snprintf(err->msg + n, sizeof err->msg - n,
                 ". The folder %s%s had no room: a new report is written beside the one there (%.1f MB) and "
                 "swapped in when whole, so it needed about %.1f MB more; free that much there, or write the "
                 "report to a larger disk",
                 folder, free_part, mib(old), mib(old));
    else
        snprintf(err->msg + n, sizeof err->msg - n,
                 ". The folder %s%s had no room: the report had written %.1f MB when it stopped, and needed more; "
                 "free more than that there, or write the report to a larger disk",
                 folder, free_part, mib(written));
}

/* ---- the swap --------------------------------------------------------- */

/* Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE): at every
** instant one of them is the complete old report, the other the complete new
** one. 0 on success; -1 where the kernel or file system cannot. */
static int exchange(const char *a, const char *b)
{
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */);
#else
    (void)a, (void)b;
    errno = ENOSYS;
    return -1;
#endif
}

sl_status sl_outdir_install(const char *dir, const char *target, sl_error *err)
{
    struct stat sb;
    char aside[4200] = "";
    mode_t mask = umask(0); /* mkdtemp made it 0700; give it the usual mode */
    umask(mask);
    chmod(dir, 0777 & ~mask);
    if (stat(target, &sb) == 0) {
        if (!S_ISDIR(sb.st_mode)) return sl_fail(err, SL_EUSAGE, target, 0, "exists and is not a directory");
        /* Checked again: the audit may have run for minutes, and someone
        ** may have put a file there meanwhile. */
        if (replaceable(target, err)) return err->status;
        if (exchange(dir, target) == 0) {
            sl_outdir_remove_tree(dir); /* the old report, now under the temporary name */
            return SL_OK;
        }
        if (sl_outdir_sibling(target, "old", aside, sizeof aside, err)) return err->status;
        if (rename(target, aside) != 0) { /* rename onto the empty directory mkdtemp made */
            rmdir(aside);
            return sl_fail(err, SL_EIO, target, 0, "cannot move the old report aside: %s", strerror(errno));
        }
    }
    if (rename(dir, target) != 0) {
        int e = errno;
        if (aside[0]) rename(aside, target);
        return sl_fail(err, SL_EIO, target, 0, "cannot move the report into place: %s", strerror(e));
    }
    if (aside[0]) sl_outdir_remove_tree(aside);
    return SL_OK;
}
