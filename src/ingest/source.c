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

sl_status sl_ingest_read_header(sl_csv *csv, sl_import_result *res, sl_error *err)
{
    sl_status s = sl_csv_read_header(csv, err);
    res->title_lines = sl_csv_title_count(csv);
    snprintf(res->title, sizeof res->title, "%s", sl_csv_title(csv));
    return s;
}

char *sl_import_options(const char *const (*pairs)[2], size_t n)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < n; i++)
        if (pairs[i][1]) json_object_set_new(o, pairs[i][0], json_string(pairs[i][1]));
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    return s;
}

static sl_status older_imports(sl_store *st, const sl_source_list *l, const long *ids, size_t n, int replacing,
                               sl_error *err);

static const sl_source *find_id(const sl_source_list *l, long id);

/* --replace removes import ID as `rm ID` would, and notes it in RES: a
** person must hear which import went, as `rm` says it. */
sl_status sl_import_remove_earlier(sl_store *st, long id, int check_older, sl_import_result *res, sl_error *err)
{
    sl_source_list l;
    sl_removal ignored;
    if (sl_store_load_sources(st, NULL, &l, err)) return err->status;
    sl_status s = check_older ? older_imports(st, &l, &id, 1, 1, err) : SL_OK;
    int slot = res->replaced_count;
    int room = slot < (int)(sizeof res->replaced / sizeof res->replaced[0]);
    if (!s) s = sl_store_remove_source(st, id, room ? &res->replaced[slot].removal : &ignored, err);
    const sl_source *old = find_id(&l, id);
    if (!s && room) {
        res->replaced[slot].id = id;
        snprintf(res->replaced[slot].file_name, sizeof res->replaced[slot].file_name, "%s",
                 old && old->file_name ? old->file_name : "");
        res->replaced_count++;
    } else if (!s) {
        res->replaced_more++;
    }
    sl_source_list_free(&l);
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
        s = sl_import_remove_earlier(st, found.id, 1, res, err);
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

/* `import partnerships FILE --replace`: the earlier imports this file
** replaces, removed by `rm`'s rule before it is stored: the same bytes
** stored under another snapshot (the file dated otherwise, as --snapshot now
** says), and another file of the same name in the same snapshot (a corrected
** copy of that day's export, the whole list: the rows it lacks go with the
** import that brought them, where without --replace they would stay). */
sl_status sl_import_replace_partnerships(sl_store *st, const char *path, const char *sha, const char *snapshot,
                                         sl_import_result *res, sl_error *err)
{
    sl_source_list l;
    if (sl_store_load_sources(st, "partnerships", &l, err)) return err->status;
    sl_status s = SL_OK;
    const char *name = sl_basename(path);
    for (size_t i = 0; !s && i < l.count; i++) {
        const sl_source *o = &l.items[i];
        int same_bytes = !strcmp(o->sha256, sha), same_day = !strcmp(o->snapshot, snapshot);
        int same_name = o->file_name && !strcmp(o->file_name, name);
        if ((same_bytes && !same_day) || (same_name && same_day && !same_bytes))
            s = sl_import_remove_earlier(st, o->id, 1, res, err);
    }
    sl_source_list_free(&l);
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

sl_status sl_import_snapshot_of(sl_store *st, const char *kind, const char *sha, char out[11], sl_error *err)
{
    sl_source_list l;
    out[0] = '\0';
    if (sl_store_load_sources(st, kind, &l, err)) return err->status;
    for (size_t i = 0; i < l.count && !out[0]; i++)
        if (!strcmp(l.items[i].sha256, sha)) snprintf(out, 11, "%s", l.items[i].snapshot);
    sl_source_list_free(&l);
    return SL_OK;
}

sl_status sl_import_other_ids(sl_store *st, const char *kind, const char *snapshot, long except, char *out,
                              size_t size, sl_error *err)
{
    sl_source_list l;
    out[0] = '\0';
    if (sl_store_load_sources(st, kind, &l, err)) return err->status;
    for (size_t i = 0; i < l.count; i++) {
        if (l.items[i].id == except || strcmp(l.items[i].snapshot, snapshot) != 0) continue;
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%ld", used ? " " : "", l.items[i].id);
    }
    sl_source_list_free(&l);
    return SL_OK;
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

/* 1 when E is an import earlier than SRC, of its kind and snapshot (whose
** records SRC can have changed), that stays: it is not among IDS[0..n). */
static int earlier_staying(const sl_source *e, const sl_source *src, const long *ids, size_t n)
{
    if (e->id >= src->id || strcmp(e->kind, src->kind) != 0 || strcmp(e->snapshot, src->snapshot) != 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (ids[i] == e->id) return 0;
    return 1;
}

/* Append to OUT (cut to SIZE) "A", "A and B", "A, B and C"... as item I
** (0 first) of N. */
static void append_item(char *out, size_t size, size_t i, size_t n, const char *item)
{
    size_t used = strlen(out);
    snprintf(out + used, size - used, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", item);
}

/* Import SRC, of IDS being removed, was made before the store kept the
** versions an import replaces. The records it changed in place belonged to
** an earlier import of its kind and snapshot (the content key holds the
** snapshot): when such an import stays, removing SRC would delete those
** records, not restore them, and no one recorded which they are. An error
** saying so and how to undo SRC whole, or SL_OK. REPLACING: SRC is to be
** removed by `import --replace`, whose way to delete anyway is `rm --force`. */
static sl_status older_import(sl_store *st, const sl_source_list *l, const sl_source *src, const long *ids, size_t n,
                              int replacing, const long held[SL_KINDS], sl_error *err)
{
    size_t m = 0, k = 0;
    for (size_t i = 0; i < l->count; i++) m += earlier_staying(&l->items[i], src, ids, n);
    if (!m) return SL_OK;
    char records[256], imports[160] = "", files[400] = "", cmd[160], one[24];
    sl_store_counts_text(held, SL_KINDS, records, sizeof records);
    snprintf(cmd, sizeof cmd, "sightline rm %ld", src->id);
    for (size_t i = 0; i < l->count; i++) {
        const sl_source *e = &l->items[i];
        if (!earlier_staying(e, src, ids, n)) continue;
        snprintf(one, sizeof one, "%ld", e->id);
        append_item(imports, sizeof imports, k, m, one);
        append_item(files, sizeof files, k, m, e->file_name);
        size_t used = strlen(cmd);
        snprintf(cmd + used, sizeof cmd - used, " %ld", e->id);
        k++;
    }
    char force[200];
    if (replacing)
        snprintf(force, sizeof force, "run `sightline rm --force %ld` and import this file again", src->id);
    else
        snprintf(force, sizeof force, "add --force");
    return sl_fail(err, SL_EDATA, sl_store_path(st), 0,
                   "import %ld was made by an older sightline, which kept no earlier versions of the records an"
                   " import changes: %s it would delete its %s, with any it changed that import%s %s had"
                   " brought, instead of restoring them. Nothing was %s. To undo it whole, remove import%s %s"
                   " with it (`%s`) and import %s again; to delete its records anyway, %s",
                   src->id, replacing ? "replacing" : "removing", records, m == 1 ? "" : "s", imports,
                   replacing ? "removed or imported" : "removed", m == 1 ? "" : "s", imports, cmd, files, force);
}

/* SL_OK unless an import of IDS that an older sightline made may lose
** records another import brought (older_import): the one rule of `rm` and
** of `import --replace` (REPLACING). */
static sl_status older_imports(sl_store *st, const sl_source_list *l, const long *ids, size_t n, int replacing,
                               sl_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const sl_source *src = find_id(l, ids[i]);
        long held[SL_KINDS];
        int older;
        if (sl_store_unversioned(st, ids[i], &older, held, err)) return err->status;
        if (older && held[SL_KIND_AGENCY] + held[SL_KIND_PARTNERSHIP] + held[SL_KIND_BASELINE] > 0 &&
            older_import(st, l, src, ids, n, replacing, held, err))
            return err->status;
    }
    return SL_OK;
}

/* SL_EDATA when import SRC holds listings edited in /admin since it was
** imported: removing it would lose the edits, which no file brings back. */
static sl_status edited_listings(sl_store *st, const sl_source *src, sl_error *err)
{
    long n, id;
    char name[120];
    if (sl_store_business_edits(st, src->id, &n, &id, name, sizeof name, err)) return err->status;
    if (!n) return SL_OK;
    return sl_fail(err, SL_EDATA, NULL, 0,
                   "import %ld (%s) holds %ld directory listing%s edited in /admin since it was imported (e.g. "
                   "listing %ld, \"%s\"), whose edits no file brings back; nothing was removed. To remove %s and "
                   "lose the edits, add --discard-edits (or first make the same changes in the file you will import "
                   "instead)",
                   src->id, src->file_name, n, n == 1 ? "" : "s", id, name, n == 1 ? "it" : "them");
}

sl_status sl_ingest_remove(sl_store *st, const long *ids, size_t n, unsigned flags, sl_removal *done,
                           sl_link_stats *link, sl_link_stats *request_link, sl_error *err)
{
    memset(link, 0, sizeof *link);
    memset(request_link, 0, sizeof *request_link);
    sl_source_list l = {0};
    /* checked in the removal's transaction: an edit made meanwhile counts */
    sl_status s = sl_store_begin(st, err);
    if (!s) s = sl_store_load_sources(st, NULL, &l, err);
    for (size_t i = 0; !s && i < n; i++) {
        const sl_source *src = find_id(&l, ids[i]);
        if (!src)
            s = sl_fail(err, SL_EDATA, sl_store_path(st), 0,
                        "no import %ld in the store: removed already (by you or a colleague), or never made; nothing "
                        "was removed (`sightline info` lists the imports)", ids[i]);
        else if (!(flags & SL_REMOVE_APPROVED) && !strcmp(src->kind, SL_SUGGESTIONS_KIND) && src->rows > 0)
            s = sl_fail(err, SL_EUSAGE, NULL, 0,
                        "import %ld holds %ld directory listing%s approved from readers' suggestions, which no"
                        " file brings back; nothing was removed. To remove %s, add --approved",
                        ids[i], src->rows, src->rows == 1 ? "" : "s", src->rows == 1 ? "it" : "them");
        /* --approved gives up the approved listings, edited or not */
        else if (!strcmp(src->kind, "businesses") && !(flags & SL_REMOVE_DISCARD_EDITS))
            s = edited_listings(st, src, err);
    }
    if (!s && !(flags & SL_REMOVE_FORCE)) s = older_imports(st, &l, ids, n, 0, err);
    for (size_t i = 0; !s && i < n; i++) s = sl_store_remove_source(st, ids[i], done ? &done[i] : NULL, err);
    sl_source_list_free(&l);
    /* Partnership rows and requests that pointed at a removed agency are
    ** unlinked now; another agency of the registry may fit them. */
    if (!s) s = sl_link_partnerships(st, link, err);
    if (!s) s = sl_link_requests(st, request_link, NULL, err);
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

sl_status sl_ingest_end(sl_store *st, sl_status s, sl_import_result *r, const char *preset, const char *path,
                        const sl_source *given, sl_error *err)
{
    r->credited = 0;
    if (!s && r->source_id > 0 && !(r->already && r->unchanged))
        s = sl_ingest_credit(st, r->source_id, preset, path, r->snapshot, given, &r->credited, err);
    if (!s && (!r->already || r->credited)) s = sl_store_batch_commit(st, err);
    else sl_store_batch_rollback(st);
    if (s) r->credited = 0;
    return s;
}

const char *sl_ingest_credit_missing(const sl_source *src)
{
    if ((src->publisher && src->publisher[0]) || (src->url && src->url[0]) || (src->licence && src->licence[0]))
        return NULL;
    json_t *o = src->options ? json_loads(src->options, 0, NULL) : NULL;
    const char *preset = json_string_value(json_object_get(o, "preset")), *known = NULL;
    for (size_t i = 0; preset && i < sizeof CREDITS / sizeof *CREDITS; i++)
        if (!strcmp(preset, CREDITS[i].preset)) known = CREDITS[i].preset;
    json_decref(o);
    return known;
}
