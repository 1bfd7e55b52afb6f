/*
** audit.c — `sightline audit` as a library call (see include/sightline/report.h):
** runs the steps in order, then moves the finished directory into place.
**
** Everything is written into a fresh directory next to the target
** (".NAME.tmp-XXXXXX", same file system) and renamed over it only when every
** file is complete, so a failed or killed run never leaves a half-written
** report where a reader would find it. An old report is first moved aside,
** then removed after the new one is in place.
*/
#include "report_internal.h"
#include "sightline/text.h"
#include "util/gdal_lazy.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

json_t *jnum(double x) { return isfinite(x) ? json_real(x) : json_null(); }

sl_status audit_path(const audit *a, const char *rel, char *buf, size_t size, sl_error *err)
{
    if ((size_t)snprintf(buf, size, "%s/%s", a->dir, rel) >= size)
        return sl_fail(err, SL_EUSAGE, a->o.out_dir, 0, "output path too long");
    return SL_OK;
}

FILE *audit_open(const audit *a, const char *rel, sl_error *err)
{
    char path[4200];
    if (audit_path(a, rel, path, sizeof path, err)) return NULL;
    FILE *f = fopen(path, "w");
    if (!f) sl_fail(err, SL_EIO, path, 0, "cannot write: %s", strerror(errno));
    return f;
}

sl_status audit_close(FILE *f, const char *rel, sl_error *err)
{
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) return sl_fail(err, SL_EIO, rel, 0, "write error");
    return SL_OK;
}

void audit_skip(audit *a, const char *analysis, const char *why)
{
    json_array_append_new(json_object_get(a->summary, "skipped"),
                          json_pack("{s:s, s:s}", "analysis", analysis, "why", why));
}

const sl_text_filter *sl_audit_default_filters(size_t *count)
{
    static const sl_text_filter DEFAULTS[] = {
        {"children", "\\b(child|children|kid|kids|teen|teens|boy|girl)s?\\b"}};
    *count = sizeof DEFAULTS / sizeof DEFAULTS[0];
    return DEFAULTS;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_tree(const char *dir) { nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

/* "PARENT/.BASE.TAG-XXXXXX" made with mkdtemp, next to the target. */
static sl_status sibling_dir(const char *target, const char *tag, char *out, size_t size, sl_error *err)
{
    char a[4096], b[4096];
    snprintf(a, sizeof a, "%s", target);
    snprintf(b, sizeof b, "%s", target);
    const char *parent = dirname(a), *base = basename(b);
    if ((size_t)snprintf(out, size, "%s/.%s.%s-XXXXXX", parent, base, tag) >= size)
        return sl_fail(err, SL_EUSAGE, target, 0, "output path too long");
    if (!mkdtemp(out)) return sl_fail(err, SL_EIO, target, 0, "cannot create a directory next to it: %s", strerror(errno));
    return SL_OK;
}

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

/* Move the finished temporary directory to the target, replacing an old one.
** With an old report, the two are exchanged in one step, so a kill at any
** moment leaves the old report or the new one at the target, never neither;
** only where exchange is impossible is the old one moved aside first. */
static sl_status move_into_place(audit *a, sl_error *err)
{
    const char *target = a->o.out_dir;
    struct stat sb;
    char aside[4200] = "";
    mode_t mask = umask(0); /* mkdtemp made it 0700; give it the usual mode */
    umask(mask);
    chmod(a->dir, 0777 & ~mask);
    if (stat(target, &sb) == 0) {
        if (!S_ISDIR(sb.st_mode)) return sl_fail(err, SL_EUSAGE, target, 0, "exists and is not a directory");
        if (exchange(a->dir, target) == 0) {
            remove_tree(a->dir); /* the old report, now under the temporary name */
            return SL_OK;
        }
        if (sibling_dir(target, "old", aside, sizeof aside, err)) return err->status;
        if (rename(target, aside) != 0) { /* rename onto the empty directory mkdtemp made */
            rmdir(aside);
            return sl_fail(err, SL_EIO, target, 0, "cannot move the old report aside: %s", strerror(errno));
        }
    }
    if (rename(a->dir, target) != 0) {
        int e = errno;
        if (aside[0]) rename(aside, target);
        return sl_fail(err, SL_EIO, target, 0, "cannot move the report into place: %s", strerror(e));
    }
    if (aside[0]) remove_tree(aside);
    return SL_OK;
}

/* Remove what killed runs left next to the target (".BASE.tmp-*",
** ".BASE.old-*"): never the target itself. */
static void remove_leftovers(const char *target)
{
    char a[4096], b[4096], prefix[4200];
    snprintf(a, sizeof a, "%s", target);
    snprintf(b, sizeof b, "%s", target);
    const char *parent = dirname(a), *base = basename(b);
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
            remove_tree(path);
        }
    }
    closedir(d);
}

static sl_status new_summary(audit *a, sl_error *err)
{
    char when[32];
    time_t now = time(NULL);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    a->summary = json_pack("{s:s, s:s, s:s, s:I, s:I, s:b, s:f, s:[], s:[]}", "sightline_version", SL_VERSION,
                           "generated_at", when, "store", sl_store_path(a->st), "seed", (json_int_t)a->o.seed,
                           "k", (json_int_t)a->o.k, "exact", a->o.exact, "hex_m", a->o.hex_m, "skipped",
                           "headlines");
    a->map = json_pack("{s:[], s:[], s:[], s:f, s:f}", "areas", "sites", "agencies", "near_small_m",
                       a->o.near_m[0], "near_large_m", a->o.near_m[1]);
    a->posts_shown = json_array();
    if (!a->summary || !a->map || !a->posts_shown) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    return SL_OK;
}

static void fill_defaults(sl_audit_options *o)
{
    if (!o->k) o->k = SL_AUDIT_DEFAULT_K;
    if (!(o->hex_m > 0)) o->hex_m = SL_AUDIT_DEFAULT_HEX_M;
    if (!(o->near_m[0] > 0)) o->near_m[0] = SL_AUDIT_NEAR_SMALL_M;
    if (!(o->near_m[1] > 0)) o->near_m[1] = SL_AUDIT_NEAR_LARGE_M;
    if (!o->seed) o->seed = SL_AUDIT_DEFAULT_SEED;
}

typedef sl_status (*audit_step)(audit *a, sl_error *err);

static const struct {
    audit_step run;
    const char *name;
} STEPS[] = {
    {audit_inputs, "inputs"},          {audit_partnerships, "partnerships"},
    {audit_agencies, "agencies"},      {audit_areas, "areas and joins"},
    {audit_cameras, "cameras and density"}, {audit_sites, "sensitive sites"},
    {audit_zones, "zones"},            {audit_disparity, "disparity"},
    {audit_filters, "text filters"},   {audit_headlines, "headlines"},
    {audit_write_gis, "GIS files"},    {audit_write_html, "report.html"},
    {audit_write_summary, "summary.json"},
};
#define NSTEPS (sizeof STEPS / sizeof STEPS[0])

static sl_status run_steps(audit *a, sl_error *err)
{
    sl_status s = new_summary(a, err);
    char data[4200];
    if (!s) s = audit_path(a, "data", data, sizeof data, err);
    if (!s && mkdir(data, 0777) != 0) s = sl_fail(err, SL_EIO, data, 0, "cannot create: %s", strerror(errno));
    for (size_t i = 0; !s && i < NSTEPS; i++) {
        if (a->o.progress) a->o.progress(a->o.progress_ctx, (unsigned)i, (unsigned)NSTEPS + 1, STEPS[i].name);
        s = STEPS[i].run(a, err);
    }
    if (!s && a->o.progress) a->o.progress(a->o.progress_ctx, NSTEPS, NSTEPS + 1, "moving into place");
    return s;
}

sl_status sl_audit_run(sl_store *st, const sl_audit_options *o, json_t **summary, sl_error *err)
{
    if (summary) *summary = NULL;
    if (!o->out_dir || !o->out_dir[0]) return sl_fail(err, SL_EUSAGE, NULL, 0, "audit needs an output directory");
    if (sl_gdal_ready(err)) return err->status;
    audit a = {.st = st, .o = *o};
    fill_defaults(&a.o);
    remove_leftovers(o->out_dir);
    sl_status s = sibling_dir(o->out_dir, "tmp", a.dir, sizeof a.dir, err);
    if (s) return s;
    s = run_steps(&a, err);
    if (!s) s = move_into_place(&a, err);
    if (s) remove_tree(a.dir);
    else if (a.o.progress) a.o.progress(a.o.progress_ctx, NSTEPS + 1, NSTEPS + 1, "");
    if (!s && summary) *summary = json_incref(a.summary);
    json_decref(a.summary);
    json_decref(a.map);
    json_decref(a.posts_shown);
    audit_privacy_free(&a);
    return s;
}
