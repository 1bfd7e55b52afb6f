/*
** business.h — one entry of the campaign's directory of Black-owned
** businesses, as read from a file (io), stored (store) and searched
** (analysis). Strings are owned by whoever filled the record.
*/
#ifndef SIGHTLINE_BUSINESS_H
#define SIGHTLINE_BUSINESS_H

typedef struct sl_business {
    long id, source_id, line;
    const char *name, *category, *address, *city, *state, *zip;
    const char *website, *phone;
    const char *verification; /* how Black ownership was verified */
    const char *origin;       /* where the entry came from (the file's source column) */
    const char *note;         /* a suggestion's note to the organisers; NULL on a listing */
    double lat, lon;
    int has_location;
    long long created; /* a suggestion's sending (unix seconds); 0 on a listing */
} sl_business;

#include <stddef.h>

/* The longest value of a field of a listing, in bytes. */
#define SL_BUSINESS_FIELD_MAX 1000

/* What a website field holds: nothing, a web address (linked), or other
** text (another scheme, javascript:, data:, ftp:..., or words: shown as
** text, never a link). */
typedef enum sl_business_web { SL_WEB_NONE, SL_WEB_LINK, SL_WEB_TEXT } sl_business_web;

/* The one reading of a website, for the importer, the /admin edit, a
** suggestion and the listing's page: TEXT trimmed into OUT (SIZE bytes,
** 9 more than TEXT suffice), a web address as a link takes it: http:// or
** https:// in any case, its scheme then lower-cased ("HTTPS://X.ORG" is
** "https://X.ORG"), or a host name as people write one ("www.x.org",
** "b29.example/menu") with https:// put before it. */
sl_business_web sl_business_website(const char *text, char *out, size_t size);

/* Tidy B's text, pointing its fields into BUF (SIZE bytes; twice the sum
** of their lengths plus 64 suffice): every field trimmed of white space,
** the name's runs of it one space, a two-letter state upper-cased (and
** canonical, sl_state_canonical), the website as sl_business_website reads
** it, whose kind is returned. */
sl_business_web sl_business_tidy(sl_business *b, char *buf, size_t size);

/* NULL when tidied B may be listed; else a sentence for a person and
** *FIELD naming the field: no name, a state that is no US postal code, or
** a name alone (sl_business_has_detail). */
const char *sl_business_problem(const sl_business *b, const char **field);

/* A listing tells a reader what the business is or how to find it: a name
** alone would be published as an empty page. 1 when B has, besides its
** name, a category, an address, a website or a phone (white space alone
** does not count); SL_BUSINESS_DETAIL_RULE says so to a person. */
int sl_business_has_detail(const sl_business *b);
#define SL_BUSINESS_DETAIL_RULE "a listing needs a name and at least one of category, address, website or phone"

/* DEG rounded to a hundredth of a degree (about a kilometre): how a
** reader's location is sent to the directory's search, and the public
** point of a listing without a street. */
double sl_business_coarse(double deg);

/* Where the public may see listing B (its page, the search, its distance,
** /api/directory, the map): a listing without a street is as often as not
** a business run from home, whose point to the metre would name the house
** the street was left out to hide, so its point is published only rounded
** by sl_business_coarse, never as stored; a listing with a street, at its
** point. Sets *LAT and *LON (B->has_location must be set); returns 1 when
** the point was coarsened. Only /admin's edit form shows the stored point. */
int sl_business_public_point(const sl_business *b, double *lat, double *lon);

#endif
