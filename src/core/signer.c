/*
** signer.c — a signer's public name, and the organisers' search by a part
** of a name (see include/sightline/core/signer.h).
*/
#include "sightline/core/signer.h"
#include "sightline/core/normalize.h"

#include <stdio.h>
#include <string.h>

void sl_signer_public_name(const char *full, char out[SL_PUBLIC_NAME_MAX])
{
    out[0] = '\0';
    const char *s = full + strspn(full, " ");
    size_t first = strcspn(s, " ");
    if (!first) return;
    if (first > 60) first = 60;
    while (first && ((unsigned char)s[first] & 0xC0) == 0x80) first--; /* never cut a character */
    const char *last = strrchr(s, ' ');
    if (!last || !last[1] || last < s + strcspn(s, " ")) {
        snprintf(out, SL_PUBLIC_NAME_MAX, "%.*s", (int)first, s);
        return;
    }
    last++;
    size_t k = 1;
    while (last[k] && ((unsigned char)last[k] & 0xC0) == 0x80) k++;
    snprintf(out, SL_PUBLIC_NAME_MAX, "%.*s %.*s.", (int)first, s, (int)k, last);
}

int sl_signer_name_has(const char *name, const char *part)
{
    /* a name is at most a few hundred bytes (the pledge form's limit) */
    char n[1024], p[1024];
    if (!part || !*part) return 0;
    sl_name_ascii_words(part, 0, p, sizeof p);
    if (!p[0]) return strstr(name, part) != NULL; /* no Latin letter: as typed */
    sl_name_ascii_words(name, 0, n, sizeof n);
    return strstr(n, p) != NULL;
}
