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
} sl_business;

/* A listing tells a reader what the business is or how to find it: a name
** alone would be published as an empty page. 1 when B has, besides its
** name, a category, an address, a website or a phone (white space alone
** does not count); SL_BUSINESS_DETAIL_RULE says so to a person. */
int sl_business_has_detail(const sl_business *b);
#define SL_BUSINESS_DETAIL_RULE "a listing needs a name and at least one of category, address, website or phone"

#endif
