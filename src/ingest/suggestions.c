/*
** suggestions.c — "suggest a business" and its moderation (see
** sightline/ingest/businesses.h).
*/
#include "sightline/core/area.h"
#include "sightline/core/text.h"
#include "sightline/ingest/admin.h"
#include "sightline/ingest/businesses.h"
#include "sightline/ingest/campaign.h"
#include "sightline/store/businesses.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each field of the form, its length at most (characters) and its name in
** a refusal's words: "A field longer than it may be" left a person looking
** for which, and how long it may be. */
static const struct { const char *name; size_t max; const char *said; } FIELDS[] = {
    {"name", 200, "The business's name"},    {"category", 100, "The category"},
    {"address", 200, "The street address"},  {"city", 100, "The city"},
    {"state", 2, "The state"},               {"zip", 10, "The ZIP code"},
    {"website", 300, "The website"},         {"phone", 40, "The phone number"},
    {"verification", 300, "How you know it is Black-owned"}, {"note", 1000, "The note for the organisers"},
    {"lat", 32, "The latitude"},             {"lon", 32, "The longitude"},
    {"csrf", 200, "A field of the form"},    {SL_PLEDGE_HONEYPOT, 300, "A field of the form"}};
#define NFIELDS (sizeof FIELDS / sizeof FIELDS[0])

static sl_status bad(sl_error *err, const char **field, const char *name, const char *why)
{
    if (field) *field = name;
    return sl_fail(err, SL_EDATA, NULL, 0, "%s", why);
}

static const char *get(const sl_form *f, const char *name)
{
    const char *v;
    sl_form_get(f, name, &v);
    return v ? v : "";
}

static int coord(const char *s, double lim, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return !errno && end != s && !*end && isfinite(*out) && fabs(*out) <= lim;
}

/* Room for a form's fields tidied (sl_business_tidy). */
#define TIDY_SIZE (2 * NFIELDS * (SL_BUSINESS_FIELD_MAX + 1) + 64)

/* Read FORM into B, its text tidied into TIDY (TIDY_SIZE bytes), and check
** it as a listing (sl_business_problem) but for a name alone, which the
** caller refuses (detail) after it answered a bot as any other. A suggestion (EDIT 0) is a
** stranger's: its fields have the form's own lengths, and a website must be
** a web address. An organiser's edit (EDIT 1) takes what `import
** businesses` takes: fields as long as a file's, and a website that is no
** web address kept as text (never linked), as the importer keeps it. */
static sl_status check(const sl_form *f, sl_business *b, int edit, char *tidy, const char **field, sl_error *err)
{
    for (size_t i = 0; i < f->count; i++) {
        size_t k = 0;
        while (k < NFIELDS && strcmp(f->fields[i].name, FIELDS[k].name)) k++;
        if (k == NFIELDS) return bad(err, field, NULL, "the form has a field it does not ask for");
        const char *v;
        if (sl_form_get(f, FIELDS[k].name, &v) < 0) return bad(err, field, FIELDS[k].name, "a field given more than once");
        /* an organiser's edit: a file's byte limit for the first nine (a
        ** listing's); a stranger's suggestion: the form's maxlength, which
        ** counts characters, and at most four bytes each */
        if (edit && k < 9 ? strlen(v) > SL_BUSINESS_FIELD_MAX
                          : sl_utf8_chars(v) > FIELDS[k].max || strlen(v) > 4 * FIELDS[k].max) {
            if (field) *field = FIELDS[k].name;
            if (edit && k < 9)
                return sl_fail(err, SL_EDATA, NULL, 0, "%s is longer than it may be: %d bytes at most", FIELDS[k].said,
                               SL_BUSINESS_FIELD_MAX);
            return sl_fail(err, SL_EDATA, NULL, 0, "%s is longer than it may be: %zu characters at most",
                           FIELDS[k].said, FIELDS[k].max);
        }
        if (strpbrk(v, "\r\n\t") && strcmp(FIELDS[k].name, "note"))
            return bad(err, field, FIELDS[k].name, "a line break in a one-line field");
        if (!edit && sl_has_bidi_control(v)) /* it would turn the public listing's text around */
            return bad(err, field, FIELDS[k].name, "a character that reverses the text's direction");
    }
    if (!*get(f, "name")) return bad(err, field, "name", "please give the business's name");
    const char *lat = get(f, "lat"), *lon = get(f, "lon");
    if (!*lat != !*lon) return bad(err, field, "lat", "give both latitude and longitude, or neither");
    if (*lat && (!coord(lat, 90, &b->lat) || !coord(lon, 180, &b->lon)))
        return bad(err, field, "lat", "latitude or longitude out of range");
    b->has_location = *lat != '\0';
    b->name = get(f, "name");
    b->category = get(f, "category");
    b->address = get(f, "address");
    b->city = get(f, "city");
    b->state = get(f, "state");
    b->zip = get(f, "zip");
    b->website = get(f, "website");
    b->phone = get(f, "phone");
    b->verification = get(f, "verification");
    b->origin = "suggestion";
    sl_business_web web = sl_business_tidy(b, tidy, TIDY_SIZE); /* one rule with the importer's */
    const char *why = sl_business_problem(b, field);
    if (why && !strcmp(*field, "name")) return bad(err, field, "name", "please give the business's name");
    if (why && !strcmp(*field, "state")) return bad(err, field, "state", why);
    *field = NULL;
    if (web == SL_WEB_TEXT && !edit)
        return bad(err, field, "website", "a website is a web address: it starts with https:// or http://, or is a "
                                          "host name such as www.example.org");
    return SL_OK;
}

/* A name alone is no listing (sl_business_has_detail): SL_EDATA. */
static sl_status detail(const sl_business *b, const char **field, sl_error *err)
{
    if (sl_business_has_detail(b)) return SL_OK;
    return bad(err, field, "category", "please give at least one of category, address, website or phone");
}

sl_status sl_campaign_suggest(sl_store *st, const sl_form *form, long long now, const char **field, sl_error *err)
{
    sl_business b = {0};
    long id;
    const char *ignored;
    if (!field) field = &ignored;
    *field = NULL;
    char *tidy = malloc(TIDY_SIZE);
    if (!tidy) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_status rc = check(form, &b, 0, tidy, field, err);
    if (!rc && *get(form, SL_PLEDGE_HONEYPOT)) {
        free(tidy);
        return SL_OK;
    }
    if (!rc) rc = detail(&b, field, err);
    if (!rc && !(rc = sl_store_begin(st, err))) {
        rc = sl_store_suggestion_add(st, &b, get(form, "note"), now, &id, err);
        if (!rc) rc = sl_store_commit(st, err);
        if (rc) sl_store_rollback(st);
    }
    free(tidy);
    return rc;
}

typedef struct pick { long id; sl_business b; int found; sl_store *st; long source_id, listing; } pick;

static sl_status approve_one(const sl_business *b, void *v, sl_error *err)
{
    pick *p = v;
    if (b->id != p->id) return SL_OK;
    sl_business row = *b;
    row.source_id = p->source_id;
    row.line = b->id;
    row.verification = SL_SUGGESTED_VERIFICATION;
    row.note = NULL;
    p->found = 1;
    return sl_store_add_business(p->st, &row, &p->listing, err);
}

/* The one source of approved suggestions, added on first use. */
static sl_status suggestions_source(sl_store *st, long *id, sl_error *err)
{
    sl_arena a = {0};
    sl_source src;
    int found;
    sl_status rc = sl_store_find_source(st, SL_SUGGESTIONS_KIND, "moderated", "", &a, &src, &found, err);
    if (!rc && found) *id = src.id;
    sl_arena_free(&a);
    if (rc || found) return rc;
    sl_source add = {.kind = SL_SUGGESTIONS_KIND, .file_name = "moderation queue", .sha256 = "moderated", .snapshot = "",
                     .options = "{}"};
    rc = sl_store_add_source(st, &add, err);
    *id = add.id;
    return rc;
}

sl_status sl_campaign_decide(sl_store *st, long id, int approve, long long now, int *found, long *listing,
                             sl_error *err)
{
    pick p = {.id = id, .st = st};
    *found = 0;
    if (listing) *listing = 0;
    sl_status rc = sl_store_begin(st, err);
    if (rc) return rc;
    rc = sl_store_suggestion_decide(st, id, approve ? "approved" : "rejected", now, found, err);
    if (!rc && *found && approve) {
        rc = suggestions_source(st, &p.source_id, err);
        if (!rc) rc = sl_store_suggestions_each(st, "approved", approve_one, &p, err);
    }
    /* decided, what she sent is no longer kept: a listing removed later
    ** would leave her address and note behind (older stores' decided
    ** suggestions are emptied too) */
    if (!rc && *found) rc = sl_store_suggestions_forget(st, err);
    if (!rc) rc = sl_store_commit(st, err);
    if (rc) sl_store_rollback(st);
    if (!rc && listing) *listing = p.listing;
    return rc;
}

/* The listing's origin, copied while the store's row is at hand. */
static sl_status keep_origin(const sl_business *b, void *v, sl_error *err)
{
    (void)err;
    snprintf(v, 256, "%s", b->origin ? b->origin : "");
    return SL_OK;
}

sl_status sl_campaign_edit_listing(sl_store *st, long id, const sl_form *form, int *found, const char **field,
                                   sl_error *err)
{
    sl_business b = {0};
    char origin[256] = "";
    const char *ignored;
    if (!field) field = &ignored;
    *field = NULL;
    *found = 0;
    char *tidy = malloc(TIDY_SIZE);
    if (!tidy) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (check(form, &b, 1, tidy, field, err) || detail(&b, field, err)) {
        free(tidy);
        return err->status;
    }
    sl_status rc = sl_store_begin(st, err);
    if (!rc) rc = sl_store_business_get(st, id, keep_origin, origin, found, err);
    b.origin = origin;
    if (!rc && *found) rc = sl_store_business_update(st, id, &b, found, err);
    if (!rc) rc = sl_store_commit(st, err);
    if (rc) sl_store_rollback(st);
    free(tidy);
    return rc;
}

/* The listing's name, copied while the store's row is at hand. */
static sl_status keep_name(const sl_business *b, void *v, sl_error *err)
{
    (void)err;
    char **out = v;
    snprintf(out[0], (size_t)(out[1] - out[0]), "%s", b->name);
    return SL_OK;
}

sl_status sl_campaign_remove_listing(sl_store *st, long id, int *found, char *name, size_t size, sl_error *err)
{
    char *span[2] = {name, name + size};
    *found = 0;
    name[0] = '\0';
    sl_status rc = sl_store_begin(st, err);
    if (!rc) rc = sl_store_business_get(st, id, keep_name, span, found, err);
    if (!rc && *found) rc = sl_store_business_remove(st, id, found, err);
    if (!rc) rc = sl_store_commit(st, err);
    if (rc) sl_store_rollback(st);
    return rc;
}
