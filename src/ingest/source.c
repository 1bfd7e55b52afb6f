/*
** source.c — recording an import's source (see source.h), its credit, and
** the end of the batch an import runs in (sl_ingest_end, import.h): the
** records and their credit land in one commit, and an import that changed
** nothing leaves the store and its generation untouched.
*/
#include "source.h"
#include "sightline/store/businesses.h"
#include "sightline/core/file.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *sl_import_options(const char *const (*pairs)[2], size_t n)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < n; i++)
        if (pairs[i][1]) json_object_set_new(o, pairs[i][0], json_string(pairs[i][1]));
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    return s;
}

sl_status sl_import_source_earlier(sl_store *st, const char *kind, const char *path, const char *sha,
                                   const char *snapshot, const char *options, int replace,
                                   sl_import_result *res, sl_error *err)
{
    sl_arena arena = {0};
    sl_source found;
    int exists = 0;
    sl_status s = sl_store_find_source(st, kind, sha, snapshot, &arena, &found, &exists, err);
    if (!s && exists && replace) {
        s = sl_store_remove_source(st, found.id, NULL, err);
    } else if (!s && exists && strcmp(found.options, options) != 0) {
        res->other_options = 1;
        s = sl_fail(err, SL_EDATA, path, 0,
                    "imported before as %s with other options (source %ld, %s: %s; now: %s); add --replace to "
                    "remove that import and import the file with the new options",
                    kind, found.id, found.imported_at, found.options, options);
    } else if (!s && exists) {
        res->already = 1;
        res->source_id = found.id;
        res->rows = found.rows;
        snprintf(res->imported_at, sizeof res->imported_at, "%s", found.imported_at ? found.imported_at : "");
    }
    sl_arena_free(&arena);
    return s;
}

/* A snapshot is one export of a list: the same file under a second date
** would make every figure that snapshot's and every diff 0/0/0. An error
** naming the import that holds it, or SL_OK. */
static sl_status same_file_other_snapshot(sl_store *st, const char *kind, const char *path, const char *sha,
                                          const char *snapshot, sl_error *err)
{
    if (strcmp(kind, "partnerships") != 0) return SL_OK;
    sl_source_list l;
    if (sl_store_load_sources(st, kind, &l, err)) return err->status;
    sl_status s = SL_OK;
    for (size_t i = 0; !s && i < l.count; i++) {
        const sl_source *o = &l.items[i];
        if (!strcmp(o->sha256, sha) && strcmp(o->snapshot, snapshot) != 0)
            s = sl_fail(err, SL_EDATA, path, 0,
                        "this file was imported already as the snapshot of %s (import %ld); one export is one "
                        "snapshot, so the same file under %s would show no change. To date it otherwise, run "
                        "`sightline rm %ld` and import it again with --snapshot",
                        o->snapshot, o->id, snapshot, o->id);
    }
    sl_source_list_free(&l);
    return s;
}

sl_status sl_import_source(sl_store *st, const char *kind, const char *path, const char *sha,
                           const char *snapshot, const char *options, int replace, sl_import_result *res,
                           sl_error *err)
{
    sl_status s = sl_import_source_earlier(st, kind, path, sha, snapshot, options, replace, res, err);
    if (!s && !res->already) s = same_file_other_snapshot(st, kind, path, sha, snapshot, err);
    if (!s && !res->already) {
        sl_source src = {.kind = kind, .file_name = sl_basename(path), .sha256 = sha,
                         .snapshot = snapshot, .options = options};
        s = sl_store_add_source(st, &src, err);
        res->source_id = src.id;
    }
    return s;
}

/* The source with id ID in L, or NULL. */
static const sl_source *find_id(const sl_source_list *l, long id)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].id == id) return &l->items[i];
    return NULL;
}

sl_status sl_ingest_remove(sl_store *st, const long *ids, size_t n, int approved, sl_removal *done,
                           sl_link_stats *link, sl_error *err)
{
    memset(link, 0, sizeof *link);
    sl_source_list l;
    if (sl_store_load_sources(st, NULL, &l, err)) return err->status;
    sl_status s = SL_OK;
    for (size_t i = 0; !s && i < n; i++) {
        const sl_source *src = find_id(&l, ids[i]);
        if (!src)
            s = sl_fail(err, SL_EDATA, sl_store_path(st), 0, "no source %ld in the store (`sightline info` lists them)",
                        ids[i]);
        else if (!approved && !strcmp(src->kind, SL_SUGGESTIONS_KIND) && src->rows > 0)
            s = sl_fail(err, SL_EUSAGE, NULL, 0,
                        "import %ld holds %ld directory listing%s approved from readers' suggestions, which no"
                        " file brings back; nothing was removed. To remove %s, add --approved",
                        ids[i], src->rows, src->rows == 1 ? "" : "s", src->rows == 1 ? "it" : "them");
    }
    sl_source_list_free(&l);
    if (!s) s = sl_store_begin(st, err);
    for (size_t i = 0; !s && i < n; i++) s = sl_store_remove_source(st, ids[i], done ? &done[i] : NULL, err);
    /* Partnership rows that pointed at a removed agency are unlinked now;
    ** another agency of the registry may fit them. */
    if (!s) s = sl_link_partnerships(st, link, err);
    if (!s) s = sl_store_commit(st, err);
    if (s) sl_store_rollback(st);
    return s;
}

/* Who publishes the data each preset reads (see its help), for the report's
** sources section. */
static const struct {
    const char *preset, *publisher, *url, *licence;
} CREDITS[] = {
    {"atlas", "Electronic Frontier Foundation and University of Nevada, Reno: Atlas of Surveillance",
     "https://atlasofsurveillance.org", "CC BY 4.0 (credit the Electronic Frontier Foundation)"},
    {"fbi-cde", "FBI Crime Data Explorer: law enforcement agency list (Uniform Crime Reporting)",
     "https://cde.ucr.cjis.gov", "US government work, public domain"},
};

static int digits(const char *p, int n)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)p[i])) return 0;
    return 1;
}

sl_status sl_ingest_credit_check(const sl_source *given, sl_error *err)
{
    const char *u = given->url, *y = given->year;
    if (u && strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--url '%s' is not an http:// or https:// address", u);
    if (u && strpbrk(u, " \t\r\n\"<>"))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--url holds a space, quote or angle bracket");
    if (y && !((strlen(y) == 4 && digits(y, 4)) || (strlen(y) == 9 && digits(y, 4) && y[4] == '-' && digits(y + 5, 4))))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--year '%s' is not a year (YYYY) or a span of years (YYYY-YYYY)", y);
    const char *texts[] = {given->publisher, given->licence};
    for (int i = 0; i < 2; i++)
        if (texts[i] && !texts[i][0])
            return sl_fail(err, SL_EUSAGE, NULL, 0, "--%s needs a value", i ? "licence" : "publisher");
    return SL_OK;
}

/* The one year (19xx or 20xx, not part of a longer number) in NAME, into
** OUT; 0 when there is none or more than one. */
static int year_in_name(const char *name, char out[5])
{
    int found = 0;
    for (const char *p = name; *p; p++) {
        if (!digits(p, 4) || (p > name && isdigit((unsigned char)p[-1])) || isdigit((unsigned char)p[4])) continue;
        if (strncmp(p, "19", 2) != 0 && strncmp(p, "20", 2) != 0) continue;
        if (found && strncmp(out, p, 4) != 0) return 0;
        snprintf(out, 5, "%.4s", p);
        found = 1;
    }
    return found;
}

sl_status sl_ingest_credit(sl_store *st, long source_id, const char *preset, const char *path,
                           const char *snapshot, const sl_source *given, int *changed, sl_error *err)
{
    *changed = 0;
    sl_source c = *given;
    char year[5] = "";
    for (size_t i = 0; preset && i < sizeof CREDITS / sizeof *CREDITS; i++) {
        if (strcmp(preset, CREDITS[i].preset) != 0) continue;
        if (!c.publisher) c.publisher = CREDITS[i].publisher;
        if (!c.url) c.url = CREDITS[i].url;
        if (!c.licence) c.licence = CREDITS[i].licence;
        if (!c.year && snapshot && digits(snapshot, 4)) snprintf(year, sizeof year, "%.4s", snapshot);
        else if (!c.year) year_in_name(sl_basename(path), year);
        if (!c.year && year[0]) c.year = year;
    }
    if (!c.publisher && !c.url && !c.licence && !c.year) return SL_OK;
    return sl_store_set_source_credit(st, source_id, &c, changed, err);
}

sl_status sl_ingest_end(sl_store *st, sl_status s, const sl_import_result *r, const char *preset, const char *path,
                        const sl_source *given, sl_error *err)
{
    int credited = 0;
    if (!s && r->source_id > 0 && !(r->already && r->unchanged))
        s = sl_ingest_credit(st, r->source_id, preset, path, r->snapshot, given, &credited, err);
    if (!s && (!r->already || credited)) return sl_store_batch_commit(st, err);
    sl_store_batch_rollback(st);
    return s;
}
