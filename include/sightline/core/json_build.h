/*
** json_build.h — building result objects with jansson without losing a part.
**
** jansson's constructors return NULL when memory runs out (json_pack and
** json_string also on text that is not UTF-8), and json_object_set_new and
** json_array_append_new then drop the value and return -1: unchecked, a
** result silently misses a row or a key, or a caller dereferences NULL. A
** builder passes one `int *bad` through these helpers, runs to the end, and
** turns a set flag into one error with sl_json_built.
*/
#ifndef SIGHTLINE_JSON_BUILD_H
#define SIGHTLINE_JSON_BUILD_H

#include <jansson.h>
#include <math.h>

#include "sightline/core/error.h"

/* V, noting in *BAD when it is NULL. */
static inline json_t *sl_jok(json_t *v, int *bad)
{
    if (!v) *bad = 1;
    return v;
}

/* Set KEY of O to V (the reference is taken); a NULL O or V sets *BAD. */
static inline void sl_jset(json_t *o, const char *key, json_t *v, int *bad)
{
    if (json_object_set_new(o, key, v)) *bad = 1;
}

/* Append V to A (the reference is taken); a NULL A or V sets *BAD. */
static inline void sl_jpush(json_t *a, json_t *v, int *bad)
{
    if (json_array_append_new(a, v)) *bad = 1;
}

/* A count of people held as a double (a population, a sum of them) as a
** reader's CSV column wants it: whole, an integer (203361, not 203361.0,
** which pandas and QGIS read as a float); a fractional estimate stays a
** number; one not finite is null (not known). */
static inline json_t *sl_json_residents(double v)
{
    if (!isfinite(v)) return json_null();
    return v == floor(v) && fabs(v) < 9e15 ? json_integer((json_int_t)v) : json_real(v);
}

/* SL_OK when *OUT was built whole; otherwise release it, set *OUT to NULL
** and return SL_ENOMEM. */
static inline sl_status sl_json_built(json_t **out, int bad, sl_error *err)
{
    if (!bad && *out) return SL_OK;
    json_decref(*out);
    *out = NULL;
    return sl_fail(err, SL_ENOMEM, "", 0, "out of memory building the result (or text that is not UTF-8)");
}

#endif
