/*
** audit.c — `sightline audit` as a library call (see include/sightline/report/report.h):
** runs the steps in order, then moves the finished directory into place.
**
** Everything is written into a fresh directory next to the target
** (".NAME.tmp-XXXXXX", same file system) and swapped with it only when every
** file is complete, so a failed or killed run never leaves a half-written
** report where a reader would find it. Which targets may be replaced, the
** lock and the swap are outdir.c's.
*/
#include "report_internal.h"
#include "sightline/core/file.h"
#include "sightline/core/text.h"
#include "sightline/core/area.h"
#include "sightline/analysis/privacy.h"
#include "sightline/geo/gdal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void sl_audit_task_start(audit_task *t, void *(*fn)(void *), void *arg)
{
    t->started = pthread_create(&t->thread, NULL, fn, arg) == 0;
    if (!t->started) fn(arg);
}

void sl_audit_task_wait(audit_task *t)
{
    if (t->started) pthread_join(t->thread, NULL);
    t->started = 0;
}

sl_status sl_audit_path(const audit *a, const char *rel, char *buf, size_t size, sl_error *err)
{
    if ((size_t)snprintf(buf, size, "%s/%s", a->dir, rel) >= size)
        return sl_fail(err, SL_EUSAGE, a->o.out_dir, 0, "output path too long");
    return SL_OK;
}

FILE *sl_audit_open(const audit *a, const char *rel, sl_error *err)
{
    char path[4200];
    if (sl_audit_path(a, rel, path, sizeof path, err)) return NULL;
    FILE *f = fopen(path, "w");
    if (!f) sl_fail(err, SL_EIO, path, 0, "cannot write: %s", strerror(errno));
    return f;
}

sl_status sl_audit_close(FILE *f, const char *rel, sl_error *err)
{
    /* the failed write's errno ("No space left on device"), else fclose's */
    int bad = ferror(f), e = bad ? errno : 0;
    if (fclose(f) != 0 && !e) e = errno, bad = 1;
    if (bad)
        return sl_fail(err, SL_EIO, rel, 0, "cannot write the report: %s (an earlier report in its place is left as it was)",
                       e ? strerror(e) : "write error");
    return SL_OK;
}

void sl_audit_skip(audit *a, const char *analysis, const char *why)
{
    sl_jpush(json_object_get(a->summary, "skipped"),
             json_pack("{s:s, s:s}", "analysis", analysis, "why", why), &a->bad);
}

const sl_text_filter *sl_audit_default_filters(size_t *count)
{
    static const sl_text_filter DEFAULTS[] = {
        {"children", "\\b(child|children|kid|kids|teen|teens|boy|girl)s?\\b"}};
    *count = sizeof DEFAULTS / sizeof DEFAULTS[0];
    return DEFAULTS;
}

int sl_audit_scoped(const audit *a) { return a->scope != NULL; }

/* A state's report: A->states from the option (checked as `partnerships
** --state` checks it, the same refusal for "California"), and the words
** that say the scope wherever a figure could be quoted as national:
** "Illinois (IL) only", "Illinois (IL) and Indiana (IN) only". */
static sl_status scope_states(audit *a, sl_error *err)
{
    a->scope = NULL, a->scope_label[0] = a->scope_names[0] = '\0';
    if (!a->o.states) return SL_OK;
    if (sl_tracker_check_states("--state", a->o.states, a->states, sizeof a->states, err)) return err->status;
    if (!a->states[0]) return sl_fail(err, SL_EUSAGE, NULL, 0, "--state wants postal codes (IL or IL,IN), not ''");
    a->scope = a->states;
    size_t n = 1, k = 0, w = 0, len;
    for (const char *c = a->states; *c; c++) n += *c == ',';
    for (const char *c = a->states, *item; (item = sl_list_next(&c, &len)) && w < sizeof a->scope_names;) {
        char code[3] = {item[0], item[1], '\0'};
        const char *name = sl_state_name(code);
        w += (size_t)snprintf(a->scope_names + w, sizeof a->scope_names - w, "%s%s (%s)",
                              !k ? "" : k + 1 == n ? " and " : ", ", name ? name : code, code);
        k++;
    }
    snprintf(a->scope_label, sizeof a->scope_label, "%s only", a->scope_names);
    return SL_OK;
}

/* summary.scope: what the report covers, so a figure taken from the file
** says it: {"states": ["IL"], "label": "Illinois (IL) only"}, or for a
** report of the whole store {"states": null, "label": "every state"}. */
static json_t *scope_json(const audit *a)
{
    if (!a->scope) return json_pack("{s:n, s:s}", "states", "label", "every state in the store");
    json_t *list = json_array();
    size_t len;
    for (const char *c = a->scope, *item; list && (item = sl_list_next(&c, &len));)
        json_array_append_new(list, json_stringn(item, len));
    return json_pack("{s:o?, s:s}", "states", list, "label", a->scope_label);
}

static sl_status new_summary(audit *a, sl_error *err)
{
    char when[32];
    time_t now = time(NULL);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    a->summary = json_pack("{s:s, s:s, s:s, s:I, s:I, s:b, s:f, s:[], s:[]}", "sightline_version", SL_VERSION,
                           "generated_at", when, "store", sl_store_title(a->st), "seed", (json_int_t)a->o.seed,
                           "k", (json_int_t)a->o.k, "exact", a->o.exact, "hex_m", a->o.hex_m, "skipped",
                           "headlines");
    if (a->summary) sl_jset(a->summary, "scope", scope_json(a), &a->bad);
    a->map = json_pack("{s:[], s:[], s:[], s:f, s:f}", "areas", "sites", "agencies", "near_small_m",
                       a->o.near_m[0], "near_large_m", a->o.near_m[1]);
    a->posts_shown = json_array();
    a->files = json_array();
    if (!a->summary || !a->map || !a->posts_shown || !a->files) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    return SL_OK;
}

static void fill_defaults(sl_audit_options *o)
{
    if (!o->k) o->k = SL_AUDIT_DEFAULT_K;
    if (!(o->hex_m > 0)) o->hex_m = SL_AUDIT_DEFAULT_HEX_M;
    if (!o->map_cells) o->map_cells = SL_AUDIT_DEFAULT_MAP_CELLS;
    if (!(o->near_m[0] > 0)) o->near_m[0] = SL_AUDIT_NEAR_SMALL_M;
    if (!(o->near_m[1] > 0)) o->near_m[1] = SL_AUDIT_NEAR_LARGE_M;
    if (!o->seed) o->seed = SL_AUDIT_DEFAULT_SEED;
}

typedef sl_status (*audit_step)(audit *a, sl_error *err);

/* The headlines, then the command line that remakes them: both need every
** figure, and the --since the partnerships step chose. */
static sl_status headlines(audit *a, sl_error *err)
{
    /* a state's report with nothing of the state in it would be a page of
    ** "not measured": refused, as `partnerships` refuses an empty store */
    json_t *scope = json_object_get(a->summary, "scope");
    if (a->scope && !json_object_get(a->summary, "partnerships") && !json_array_size(json_object_get(scope, "area_sets")))
        return sl_fail(err, SL_EDATA, NULL, 0, "--state: the store holds no partnership row and no area in %s, so "
                       "there is nothing to report there and no report was written (`sightline info` lists what it "
                       "holds)", a->scope_names);
    sl_status s = sl_audit_headlines(a, err);
    if (!s) sl_audit_note_command(a);
    return s;
}

static const struct {
    audit_step run;
    const char *name;
} STEPS[] = {
    {sl_audit_scope_points, "the states' points"},
    {sl_audit_inputs, "inputs"},          {sl_audit_request_draws, "police requests"},
    {sl_audit_partnerships, "partnerships"}, {sl_audit_agencies, "agencies"},
    {sl_audit_areas, "areas and joins"},  {sl_audit_camera_draws, "camera draws"},
    {sl_audit_cameras, "cameras and density"}, {sl_audit_sites, "sensitive sites"},
    {sl_audit_zones, "zones"},            {sl_audit_disparity, "disparity"},
    {sl_audit_filters, "text filters"},   {sl_audit_disparity_draws, "disparity draws"},
    {headlines, "headlines"},
    {sl_audit_write_gis, "GIS files"},    {sl_audit_write_html, "report.html"},
    {sl_audit_write_summary, "summary.json"}, {sl_audit_gpkg_wait, "report.gpkg"},
    {sl_audit_write_readme, "README.md"},
};
#define NSTEPS (sizeof STEPS / sizeof STEPS[0])

/* An error when the caller asked the audit to stop (o.stop): between
** steps, so a step's threads and files end before the tree is removed. */
static sl_status stopped(const audit *a, sl_error *err)
{
    if (!a->o.stop || !*a->o.stop) return SL_OK;
    return sl_fail(err, SL_EIO, a->o.out_dir, 0, "the audit was interrupted: nothing was written (a report already there is as it was), and its "
                   "temporary directory and lock beside it are removed");
}

static sl_status run_steps(audit *a, sl_error *err)
{
    sl_status s = new_summary(a, err);
    char data[4200];
    if (!s) s = sl_audit_path(a, "data", data, sizeof data, err);
    if (!s && mkdir(data, 0777) != 0) s = sl_fail(err, SL_EIO, data, 0, "cannot create: %s", strerror(errno));
    for (size_t i = 0; !s && i < NSTEPS; i++) {
        if (a->o.progress) a->o.progress(a->o.progress_ctx, (unsigned)i, (unsigned)NSTEPS + 1, STEPS[i].name);
        s = stopped(a, err);
        if (!s) s = STEPS[i].run(a, err);
        if (!s && a->bad)
            s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory (or text that is not UTF-8) building the report (%s)",
                       STEPS[i].name);
    }
    if (!s) s = stopped(a, err); /* the last chance: past it the report goes in place */
    if (!s) s = sl_outdir_write_manifest(a->dir, err);
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
    if (sl_privacy_check_k("k", a.o.k, a.o.exact, err)) return err->status; /* as the CLI's --k */
    if (sl_privacy_check_zones(a.o.zones, a.o.nzones, a.o.exact, err)) return err->status;
    if (scope_states(&a, err)) return err->status; /* refused before the directory is touched */
    outdir_lock lock;
    sl_status s = sl_outdir_claim(o->out_dir, sl_store_path(st), &lock, err);
    if (s) return s;
    s = sl_outdir_sibling(o->out_dir, "tmp", a.dir, sizeof a.dir, err);
    if (s) {
        sl_outdir_release(&lock);
        return s;
    }
    /* One snapshot: an import committed mid-audit would otherwise be seen
    ** by the later steps and not by the earlier ones. */
    s = sl_store_read_begin(st, err);
    if (!s) s = run_steps(&a, err);
    sl_error ignored;
    sl_audit_gpkg_wait(&a, &ignored); /* a step failed after the GIS files: it ends before the tree goes */
    sl_audit_draws_free(&a);          /* no draw reads the store, but none outlives the scope either */
    sl_audit_scope_free(&a);
    sl_store_read_end(st);
    if (!s) s = sl_outdir_install(a.dir, o->out_dir, err);
    if (s == SL_EIO) sl_outdir_full_note(a.dir, o->out_dir, err);
    if (s) sl_outdir_remove_tree(a.dir);
    sl_outdir_release(&lock);
    if (!s && a.o.progress) a.o.progress(a.o.progress_ctx, NSTEPS + 1, NSTEPS + 1, "");
    if (!s && summary) *summary = json_incref(a.summary);
    json_decref(a.summary);
    json_decref(a.map);
    json_decref(a.posts_shown);
    json_decref(a.files);
    sl_audit_draws_free(&a);
    sl_audit_privacy_free(&a);
    sl_audit_cameras_free(&a);
    return s;
}
