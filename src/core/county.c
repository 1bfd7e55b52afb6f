/*
** county.c — county fields reduced to the keys of the counties they name
** (see include/sightline/core/county.h).
*/
#include "sightline/core/county.h"
#include "sightline/core/area.h"
#include "sightline/core/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* NAME into OUT without its parenthesized notes, "(city)" kept as " city ". */
static void drop_notes(const char *name, char *out, size_t outlen)
{
    size_t n = 0;
    for (const char *s = name; *s && n + 1 < outlen; s++) {
        const char *close = *s == '(' ? strchr(s, ')') : NULL;
        if (!close) {
            out[n++] = *s;
            continue;
        }
        const char *in = s + 1 + strspn(s + 1, " ");
        size_t len = (size_t)(close - in);
        while (len && in[len - 1] == ' ') len--;
        const char *word = len == 4 && !strncasecmp(in, "city", 4) ? " city " : " ";
        for (; *word && n + 1 < outlen; word++) out[n++] = *word;
        s = close;
    }
    out[n] = '\0';
}

void sl_county_key(const char *name, char out[SL_COUNTY_KEY])
{
    char bare[256], norm[256];
    drop_notes(name ? name : "", bare, sizeof bare);
    sl_normalize_county(bare, norm, sizeof norm);
    size_t n = 0;
    for (const char *s = norm; *s && n + 1 < SL_COUNTY_KEY; s++)
        if (*s != ' ') out[n++] = *s;
    out[n] = '\0';
}

int sl_county_is_city(const char *id)
{
    static const char *const CITY_STATES[] = {"24", "29", "32", "51"}; /* MD, MO, NV, VA */
    /* FIPS codes independent cities 510 to 840 (VA: Alexandria 51510 .. Winchester 51840) */
    id = sl_census_geo_id(id); /* TIGER's AFFGEOID "0500000US51510" too */
    if (!id || strlen(id) != 5 || strspn(id, "0123456789") != 5 || atoi(id + 2) < 510 || atoi(id + 2) > 840) return 0;
    int has = 0;
    for (size_t i = 0; i < sizeof CITY_STATES / sizeof *CITY_STATES; i++) has |= !strncmp(id, CITY_STATES[i], 2);
    return has;
}

void sl_county_area_key(const char *id, const char *name, char out[SL_COUNTY_KEY])
{
    sl_county_key(name, out);
    size_t n = strlen(out);
    if (sl_county_is_city(id) && n && (n < 4 || strcmp(out + n - 4, "city")) && n + 4 < SL_COUNTY_KEY)
        memcpy(out + n, "city", 5);
}

int sl_county_shown_name(const char *id, const char *name, char *out, size_t outlen)
{
    size_t n = name ? strlen(name) : 0;
    int city = n && sl_county_is_city(id) && (n < 4 || strcasecmp(name + n - 4, "city"));
    snprintf(out, outlen, "%s%s", name ? name : "", city ? " city" : "");
    return city;
}

int sl_county_set_has(const sl_county_set *s, const char *key)
{
    for (size_t i = 0; key && *key && i < s->n; i++)
        if (!strcmp(s->key[i], key)) return 1;
    return 0;
}

void sl_county_set_add(sl_county_set *s, const char *field)
{
    const char *p = field ? field : "";
    while (*p) {
        size_t len = strcspn(p, ",;");
        char piece[256], key[SL_COUNTY_KEY];
        size_t keep = len < sizeof piece - 1 ? len : sizeof piece - 1;
        memcpy(piece, p, keep);
        piece[keep] = '\0';
        sl_county_key(piece, key);
        if (key[0] && s->n < SL_COUNTY_MAX && !sl_county_set_has(s, key)) memcpy(s->key[s->n++], key, SL_COUNTY_KEY);
        p += len;
        if (*p) p++;
    }
}
