/*
** businesses.c — `import businesses` (see sightline/ingest/businesses.h):
** read once (io/businesses.c), hash the bytes parsed, store in one
** transaction (store/businesses.c).
**
** A corrected copy of a directory is another file to the re-import check
** (another sha256), and its rows would list every business twice. So, as
** posts and sites are (repeats.c), a row that names a business the
** directory lists already from another import refuses the file; rows that
** repeat one another within the file are kept, and counted for a warning.
** A business is its name, address, city and state, folded (listing_key).
*/
#include "sightline/ingest/businesses.h"
#include "sightline/core/business.h"
#include "sightline/core/file.h"
#include "sightline/core/normalize.h"
#include "sightline/core/text.h"
#include "sightline/io/businesses_io.h"
#include "sightline/store/businesses.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SOURCES 4

/* One listing as the repeat checks see it. */
typedef struct keyed {
    char *key, *name; /* name: the new rows' only, for the warning */
    long line, id, source;
} keyed;

typedef struct keyed_list {
    keyed *items;
    size_t n, cap;
} keyed_list;

typedef struct add_ctx {
    sl_store *st;
    sl_import_result *res;
    long source_id, rows;
    keyed_list held, file; /* the directory before this import (sorted); this file's rows */
    keyed_list reuse;      /* --replace: the replaced imports' listings (sorted); id 0 once taken */
    long repeats;          /* rows the directory lists already */
    long example_line, example_id;
    char example[128];
    long sources[MAX_SOURCES];
    int nsources, more_sources;
} add_ctx;

/* TEXT folded as agency names are (sl_name_ascii_words: case, Latin-1
** accents, apostrophes, '&' as "and", punctuation a space), then without
** spaces, into OUT; the bytes of letters it cannot fold (other scripts)
** follow, so that two names written in them stay apart. Typographic
** punctuation (U+0080..U+00BF, U+2000..U+207F: curly quotes, dashes, a
** no-break space) is not a letter: it goes, as ASCII punctuation does. */
static void fold(const char *text, char *out, size_t size, size_t *used)
{
    size_t n = strlen(text) * 2 + 8;
    char *words = malloc(n);
    if (words) sl_name_ascii_words(text, 0, words, n);
    for (const char *p = words ? words : ""; *p && *used + 1 < size; p++)
        if (*p != ' ') out[(*used)++] = *p;
    for (const unsigned char *p = (const unsigned char *)text; *p && *used + 1 < size; p++) {
        if ((*p == 0xC3 || *p == 0xC2) && p[1]) p++; /* Latin-1 letters, folded above; its punctuation */
        else if (*p == 0xE2 && (p[1] == 0x80 || p[1] == 0x81) && p[2]) p += 2;
        else if (*p >= 0x80) out[(*used)++] = (char)*p;
    }
    if (*used + 1 < size) out[(*used)++] = '|';
    out[*used] = '\0';
    free(words);
}

/* B's name, address, city and state folded, malloc'd (NULL: no memory). */
static char *listing_key(const sl_business *b)
{
    const char *parts[] = {b->name, b->address, b->city, b->state};
    size_t size = 16, used = 0;
    for (int i = 0; i < 4; i++) size += (parts[i] ? strlen(parts[i]) : 0) * 3 + 2;
    char *key = malloc(size);
    for (int i = 0; key && i < 4; i++) fold(parts[i] ? parts[i] : "", key, size, &used);
    return key;
}

static int by_key_only(const void *a, const void *b)
{
    return strcmp(((const keyed *)a)->key, ((const keyed *)b)->key);
}

/* The directory's listings: by key, then id (a match names the oldest). */
static int by_key_id(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* A file's rows: by key, then line. */
static int by_key(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

static void keyed_free(keyed_list *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->items[i].key), free(l->items[i].name);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* The listing just added as ID, of folded KEY, takes the number of a listing
** of a replaced import of that key not taken yet, the oldest first: a
** corrected copy of the directory keeps the /directory/ addresses people
** shared. A key the file repeats takes one number only. */
static sl_status keep_number(add_ctx *x, const char *key, long id, sl_error *err)
{
    keyed *r = x->reuse.n ? bsearch(&(keyed){.key = (char *)key}, x->reuse.items, x->reuse.n, sizeof *r, by_key_only)
                          : NULL;
    while (r && r > x->reuse.items && !strcmp(r[-1].key, key)) r--;
    for (; r && r < x->reuse.items + x->reuse.n && !strcmp(r->key, key); r++) {
        if (!r->id) continue;
        long to = r->id;
        r->id = 0;
        x->res->listings_kept++;
        return sl_store_business_renumber(x->st, id, to, err);
    }
    return SL_OK;
}

/* Add B to L (with its name when WITH_NAME). */
static sl_status keep(keyed_list *l, const sl_business *b, int with_name, sl_error *err)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        keyed *k = realloc(l->items, cap * sizeof *k);
        if (!k) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        l->items = k, l->cap = cap;
    }
    keyed *k = &l->items[l->n];
    *k = (keyed){listing_key(b), with_name ? strdup(b->name) : NULL, b->line, b->id, b->source_id};
    if (!k->key || (with_name && !k->name)) {
        free(k->key), free(k->name);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    l->n++;
    return SL_OK;
}

static sl_status hold(const sl_business *b, void *v, sl_error *err)
{
    return keep(v, b, 0, err);
}

static void note_source(add_ctx *x, long id)
{
    for (int i = 0; i < x->nsources; i++)
        if (x->sources[i] == id) return;
    if (x->nsources < MAX_SOURCES) x->sources[x->nsources++] = id;
    else x->more_sources = 1;
}

static sl_status add_one(const sl_business *b, void *v, sl_error *err)
{
    add_ctx *x = v;
    sl_business row = *b;
    row.source_id = x->source_id;
    x->rows++;
    double lat, lon; /* said at import: the organiser learns what the public will see of it */
    x->res->coarse_points += b->has_location && sl_business_public_point(b, &lat, &lon);
    if (sl_business_website(b->website, NULL, 0) == SL_WEB_TEXT && !x->res->unlinked_websites++) {
        x->res->first_unlinked_line = b->line;
        snprintf(x->res->unlinked_example, sizeof x->res->unlinked_example, "%s", b->website);
    }
    if (keep(&x->file, &row, 1, err)) return err->status;
    keyed *mine = &x->file.items[x->file.n - 1];
    const keyed *held = x->held.n ? bsearch(&(keyed){.key = mine->key}, x->held.items, x->held.n, sizeof *held,
                                            by_key_only)
                                  : NULL;
    while (held && held > x->held.items && !strcmp(held[-1].key, mine->key)) held--;
    if (held) {
        if (!x->repeats++) {
            x->example_line = b->line, x->example_id = held->id;
            snprintf(x->example, sizeof x->example, "%s", b->name);
        }
        note_source(x, held->source);
    }
    long id;
    if (sl_store_add_business(x->st, &row, &id, err)) return err->status;
    return keep_number(x, mine->key, id, err);
}

/* A row refused for its own data: counted, and the first few kept with
** their line and why, for the organiser to correct. */
static void skip_one(long line, const char *why, void *v)
{
    sl_import_result *res = ((add_ctx *)v)->res;
    if (res->skipped_rows < SL_SKIPPED_SHOWN) {
        res->skipped[res->skipped_rows].line = line;
        snprintf(res->skipped[res->skipped_rows].why, sizeof res->skipped[0].why, "%s", why);
    }
    res->skipped_rows++;
}

/* The refusal of a file none of whose rows could be imported. */
static sl_status no_business(const char *path, const sl_import_result *res, sl_error *err)
{
    if (!res->skipped_rows) return sl_fail(err, SL_EDATA, path, 0, "no business in the file");
    char n[32];
    if (res->skipped_rows == 1)
        return sl_fail(err, SL_EDATA, path, res->skipped[0].line,
                       "no business could be imported: the file's one row was refused (%s)", res->skipped[0].why);
    return sl_fail(err, SL_EDATA, path, res->skipped[0].line,
                   "no business could be imported: all %s rows of the file were refused (the first here: %s)",
                   sl_thousands(res->skipped_rows, n), res->skipped[0].why);
}

/* "import 3 (directory.csv), import 5 (directory_v2.csv)"; its ids "3 5". */
static sl_status name_sources(sl_store *st, const add_ctx *x, char *held, size_t size, char *ids, size_t isize,
                              sl_error *err)
{
    sl_source_list l;
    if (sl_store_load_sources(st, NULL, &l, err)) return err->status;
    size_t used = 0, iused = 0;
    held[0] = ids[0] = '\0';
    for (int i = 0; i < x->nsources && used < size && iused < isize; i++) {
        const char *file = "?";
        for (size_t k = 0; k < l.count; k++)
            if (l.items[k].id == x->sources[i]) file = l.items[k].file_name;
        used += (size_t)snprintf(held + used, size - used, "%simport %ld (%.80s)", i ? ", " : "", x->sources[i], file);
        iused += (size_t)snprintf(ids + iused, isize - iused, "%s%ld", i ? " " : "", x->sources[i]);
    }
    if (x->more_sources && used < size) snprintf(held + used, size - used, " and more");
    sl_source_list_free(&l);
    return SL_OK;
}

/* An SL_EDATA error when rows of the file are listed already by another
** import: imported again, each business would be listed twice. */
static sl_status listed_already(sl_store *st, const char *path, const add_ctx *x, sl_error *err)
{
    if (!x->repeats) return SL_OK;
    char held[512], ids[MAX_SOURCES * 24], n[2][32];
    if (name_sources(st, x, held, sizeof held, ids, sizeof ids, err)) return err->status;
    return sl_fail(err, SL_EDATA, path, 0,
                   "%s of the %s businesses in this file %s in the directory already, from %s: the same name, "
                   "address, city and state (e.g. line %ld, \"%s\", listed as /directory/%ld). Imported again they "
                   "would be listed twice, so nothing was imported. If this file corrects or replaces that import, "
                   "import it with --replace under that import's file name, which keeps each listing's number (or `sightline "
                   "rm %s`, then import it); else take those rows out of this file (one listing is removed in /admin: "
                   "Edit or remove a listing)",
                   sl_thousands(x->repeats, n[0]), sl_thousands(x->rows, n[1]), x->repeats == 1 ? "is" : "are", held, x->example_line, x->example,
                   x->example_id, ids);
}

/* Rows of the file that repeat an earlier row of it, into RES: kept, a
** listing each, and said in a warning. */
static void file_repeats(keyed_list *f, sl_import_result *res)
{
    if (f->n > 1) qsort(f->items, f->n, sizeof *f->items, by_key); /* NULL items when none: not for qsort */
    for (size_t i = 1; i < f->n; i++) {
        if (strcmp(f->items[i].key, f->items[i - 1].key)) continue;
        res->file_repeats++;
        size_t first = i;
        while (first > 0 && !strcmp(f->items[first - 1].key, f->items[i].key)) first--;
        if (res->first_file_repeat_line && res->first_file_repeat_line < f->items[i].line) continue;
        res->first_file_repeat_line = f->items[i].line;
        res->file_repeat_of_line = f->items[first].line;
        snprintf(res->file_repeat_name, sizeof res->file_repeat_name, "%s", f->items[i].name);
    }
}

/* Move the listings of import SOURCE from X->held to X->reuse, both in
** their order (out of memory: the ones not moved are freed, and it fails). */
static sl_status take_listings(add_ctx *x, long source, sl_error *err)
{
    sl_status s = SL_OK;
    size_t kept = 0;
    for (size_t k = 0; k < x->held.n; k++) {
        keyed *h = &x->held.items[k];
        if (h->source != source) {
            x->held.items[kept++] = *h;
            continue;
        }
        if (!s && x->reuse.n == x->reuse.cap) {
            size_t cap = x->reuse.cap ? x->reuse.cap * 2 : 256;
            keyed *g = realloc(x->reuse.items, cap * sizeof *g);
            if (g) x->reuse.items = g, x->reuse.cap = cap;
            else s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        }
        if (!s) x->reuse.items[x->reuse.n++] = *h;
        else free(h->key), free(h->name);
    }
    x->held.n = kept;
    return s;
}

/* --replace: the directory's imports of a file named as PATH (a corrected
** copy comes under the same name, with other bytes) go, by `rm`'s rule,
** noted in X->res; their listings move from X->held (no repeat of the new
** file) to X->reuse, whose numbers the new file's rows of the same business
** keep. An import with listings edited in /admin is refused, as `rm`
** refuses it: the new file would lose the edits. Standard input has no
** name: only the same bytes go (sl_import_source). */
static sl_status replace_same_name(add_ctx *x, const char *path, sl_error *err)
{
    if (!strcmp(path, "-")) return SL_OK;
    sl_source_list l;
    if (sl_store_load_sources(x->st, "businesses", &l, err)) return err->status;
    sl_status s = SL_OK;
    for (size_t i = 0; !s && i < l.count; i++) {
        const sl_source *e = &l.items[i];
        if (!e->file_name || strcmp(e->file_name, sl_basename(path))) continue;
        long n, id;
        char name[120];
        s = sl_store_business_edits(x->st, e->id, &n, &id, name, sizeof name, err);
        if (!s && n)
            s = sl_fail(err, SL_EDATA, path, 0,
                        "import %ld (%s) holds %ld directory listing%s edited in /admin since it was imported (e.g. "
                        "listing %ld, \"%s\"), which this file would lose; nothing was imported. Make the same changes "
                        "in this file, or remove that import with `sightline rm %ld --discard-edits` first",
                        e->id, e->file_name, n, n == 1 ? "" : "s", id, name, e->id);
        if (!s) s = take_listings(x, e->id, err);
        if (!s) s = sl_import_remove_earlier(x->st, e->id, 1, x->res, err);
    }
    sl_source_list_free(&l);
    if (!s && x->reuse.n > 1) qsort(x->reuse.items, x->reuse.n, sizeof *x->reuse.items, by_key_id);
    return s;
}

sl_status sl_ingest_businesses(sl_store *st, const char *path, int replace, sl_import_result *res, sl_error *err)
{
    char *data;
    size_t len;
    memset(res, 0, sizeof *res);
    if (sl_read_input(path, &data, &len, res->sha256, err)) return err->status;
    add_ctx x = {.st = st, .res = res};
    sl_business_filter every = {0};
    sl_status s = sl_store_begin(st, err);
    /* the directory as it was: the replaced imports' listings leave it for x.reuse */
    if (!s) s = sl_store_businesses_each(st, &every, hold, &x.held, err);
    if (!s && replace) s = replace_same_name(&x, path, err);
    if (!s) s = sl_import_source(st, "businesses", path, res->sha256, "", "{}", replace, res, err);
    if (!s && !res->already) {
        x.source_id = res->source_id;
        if (x.held.n > 1) qsort(x.held.items, x.held.n, sizeof *x.held.items, by_key_id);
        s = sl_businesses_parse(path, data, len, add_one, skip_one, &x, res->unread_columns,
                                sizeof res->unread_columns, err);
        if (!s && x.rows == 0) s = no_business(path, res, err);
        res->rows = x.rows;
        if (!s) s = listed_already(st, path, &x, err);
        if (!s) file_repeats(&x.file, res);
        if (!s) s = sl_store_set_source_rows(st, res->source_id, x.rows, err);
        /* each refused for a problem of its own: no one reason to give */
        if (!s) s = sl_store_set_source_skipped(st, res->source_id, res->skipped_rows, NULL, err);
        for (size_t i = 0; i < x.reuse.n; i++) res->listings_dropped += x.reuse.items[i].id != 0;
    }
    keyed_free(&x.held);
    keyed_free(&x.file);
    keyed_free(&x.reuse);
    if (!s) s = sl_store_commit(st, err);
    if (s) sl_store_rollback(st);
    free(data);
    return s;
}
