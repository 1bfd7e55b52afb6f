/*
** link_keys.h — the two small pieces of the linker's keys that link.c and
** link_campus.c both build (private to src/ingest): a state in its two
** letters, and a name with its spaces taken out, so that "La Porte" and
** "LaPorte" meet. Inline: a header of its own rather than a file of two
** functions.
*/
#ifndef SIGHTLINE_INGEST_LINK_KEYS_H
#define SIGHTLINE_INGEST_LINK_KEYS_H

#include "sightline/core/area.h" /* sl_state_canonical */

#include <ctype.h>
#include <stddef.h>

/* STATE (a stored state, any spelling sl_state_canonical reads) in two
** capital letters into OUT; "" when it has none. */
static inline void link_state_key(const char *state, char out[3])
{
    char buf[64];
    sl_state_canonical(state, buf, sizeof buf);
    out[0] = (char)toupper((unsigned char)buf[0]);
    out[1] = buf[0] ? (char)toupper((unsigned char)buf[1]) : '\0';
    out[2] = '\0';
}

/* S without its spaces into OUT (OUTLEN bytes, cut to fit). */
static inline void link_compact(const char *s, char *out, size_t outlen)
{
    size_t n = 0;
    for (; *s && n + 1 < outlen; s++)
        if (*s != ' ') out[n++] = *s;
    out[n] = '\0';
}

#endif
