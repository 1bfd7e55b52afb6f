/*
** form.h — the body of an HTML form as browsers send it
** (application/x-www-form-urlencoded): name=value pairs joined by '&',
** '+' for a space, %XX for any byte.
**
** The body comes from anyone on the network, so the parser decides what is
** acceptable before any field reaches validation or the store: a body over
** the size cap, too many fields, an over-long name or value, a bad %
** escape, a NUL byte, bytes that are not UTF-8, control characters other
** than tab and line breaks, or a field name outside [A-Za-z0-9_.-] refuse
** the whole body (no partial form is ever handed on). Fields given twice
** are kept in order: sl_form_get reports them, so a single-valued field
** given twice is the caller's refusal, and a multi-valued one (ticked
** boxes) is read with sl_form_each.
*/
#ifndef SIGHTLINE_FORM_H
#define SIGHTLINE_FORM_H

#include <stddef.h>
#include "sightline/core/error.h"

typedef struct sl_form_field {
    char *name;  /* decoded, NUL-terminated */
    char *value; /* decoded UTF-8, NUL-terminated (no NUL inside) */
} sl_form_field;

typedef struct sl_form {
    sl_form_field *fields;
    size_t count;
} sl_form;

typedef struct sl_form_limits {
    size_t max_body;   /* bytes of the encoded body */
    size_t max_fields; /* name=value pairs */
    size_t max_name;   /* bytes of a decoded name */
    size_t max_value;  /* bytes of a decoded value */
} sl_form_limits;

/* A pledge or suggestion form: 16 KiB, 64 fields, names of 64 bytes,
** values of 4 KiB (a note); each field has its own tighter limit later. */
#define SL_FORM_LIMITS_DEFAULT ((sl_form_limits){16384, 64, 64, 4096})

/* Parse BODY[0..len) under LIM (NULL: SL_FORM_LIMITS_DEFAULT) into OUT
** (free with sl_form_free, also after an error). NAME names the body in
** errors (a file name, or "form"). SL_EDATA says what is wrong without
** echoing the offending bytes; SL_ENOMEM when out of memory. */
sl_status sl_form_parse(const char *name, const char *body, size_t len, const sl_form_limits *lim,
                        sl_form *out, sl_error *err);

/* The value of field NAME in *value: returns 1 when it is there once, 0
** when absent (*value NULL), -1 when given more than once (*value is the
** first). */
int sl_form_get(const sl_form *f, const char *name, const char **value);

/* Call FN(value, ctx) for each field named NAME, in order; the number seen. */
size_t sl_form_each(const sl_form *f, const char *name, void (*fn)(const char *value, void *ctx), void *ctx);

void sl_form_free(sl_form *f);

#endif
