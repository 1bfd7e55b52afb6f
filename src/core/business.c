/*
** business.c — what makes a directory entry a listing (see
** sightline/core/business.h): one rule for the file importer, the
** organisers' edit form, readers' suggestions and the listing's page.
*/
#include "sightline/core/business.h"
#include "sightline/core/area.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define SPACE " \t\r\n\v\f"

/* 1 when S holds more than white space. */
static int filled(const char *s)
{
    return s && s[strspn(s, SPACE)] != '\0';
}

int sl_business_has_detail(const sl_business *b)
{
    return filled(b->category) || filled(b->address) || filled(b->website) || filled(b->phone);
}

/* 1 when S[0..n) could be a host name with a port and path after it:
** letters, digits, '-' and '.', with a dot between two of its letters. */
static int host_like(const char *s, size_t n)
{
    size_t h = strcspn(s, "/:?#");
    if (h > n) h = n;
    if (!h || !isalnum((unsigned char)s[0]) || !isalnum((unsigned char)s[h - 1])) return 0;
    int dot = 0;
    for (size_t i = 0; i < h; i++) {
        if (s[i] == '.') dot = 1;
        else if (!isalnum((unsigned char)s[i]) && s[i] != '-') return 0;
    }
    return dot;
}

sl_business_web sl_business_website(const char *text, char *out, size_t size)
{
    const char *s = text ? text + strspn(text, SPACE) : "";
    size_t n = strlen(s);
    while (n && strchr(SPACE, s[n - 1])) n--;
    if (size) snprintf(out, size, "%.*s", (int)n, s);
    if (!n) return SL_WEB_NONE;
    /* a link is one run of printable characters an attribute takes as they are */
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] == 0x7f || strchr("\"<>\\`", s[i])) return SL_WEB_TEXT;
    size_t scheme = !strncasecmp(s, "https://", 8) ? 8 : !strncasecmp(s, "http://", 7) ? 7 : 0;
    if (scheme) { /* HTTPS://X is a web address: the scheme in lower case */
        if (!host_like(s + scheme, n - scheme)) return SL_WEB_TEXT;
        for (size_t i = 0; i < scheme && i < size; i++) out[i] = (char)tolower((unsigned char)out[i]);
        return SL_WEB_LINK;
    }
    /* another scheme (javascript:, data:, ftp:, mailto:) is never a link; a
    ** host, as people write one ("www.bestbooks.example"), is a web address */
    if (!host_like(s, n)) return SL_WEB_TEXT;
    if (size) snprintf(out, size, "https://%.*s", (int)n, s);
    return SL_WEB_LINK;
}

/* S trimmed into *AT of BUF (room permitting; "" beyond it), with runs of
** white space one space when COLLAPSE; returns where it starts. */
static const char *tidy_text(const char *s, int collapse, char *buf, size_t size, size_t *at)
{
    const char *start = buf + *at;
    if (*at >= size) return "";
    s = s ? s + strspn(s, SPACE) : "";
    size_t n = strlen(s);
    while (n && strchr(SPACE, s[n - 1])) n--;
    for (size_t i = 0; i < n && *at + 1 < size; i++) {
        int space = strchr(SPACE, s[i]) != NULL;
        if (collapse && space && i && strchr(SPACE, s[i - 1])) continue;
        buf[(*at)++] = collapse && space ? ' ' : s[i];
    }
    buf[(*at)++] = '\0';
    return start;
}

sl_business_web sl_business_tidy(sl_business *b, char *buf, size_t size)
{
    size_t at = 0;
    const char **text[] = {&b->category, &b->address, &b->city, &b->zip, &b->phone, &b->verification, &b->origin};
    b->name = tidy_text(b->name, 1, buf, size, &at);
    for (size_t i = 0; i < sizeof text / sizeof *text; i++) *text[i] = tidy_text(*text[i], 0, buf, size, &at);
    const char *state = tidy_text(b->state, 0, buf, size, &at);
    b->state = strlen(state) == 2 ? sl_state_canonical(state, (char *)state, 3) : state; /* "md": MD */
    char *web = buf + at;
    sl_business_web kind = sl_business_website(b->website, at < size ? web : NULL, at < size ? size - at : 0);
    b->website = at < size ? web : "";
    return kind;
}

const char *sl_business_problem(const sl_business *b, const char **field)
{
    if (!filled(b->name)) return *field = "name", "a listing needs a name";
    if (*b->state && !sl_state_known(b->state)) /* "ZZ" is two letters, and no state */
        return *field = "state", "a state is its two-letter postal code (IL, NY, PR...)";
    if (!sl_business_has_detail(b)) return *field = "category", SL_BUSINESS_DETAIL_RULE;
    return NULL;
}

double sl_business_coarse(double deg)
{
    return round(deg * 100) / 100;
}

int sl_business_public_point(const sl_business *b, double *lat, double *lon)
{
    int coarse = !filled(b->address);
    *lat = coarse ? sl_business_coarse(b->lat) : b->lat;
    *lon = coarse ? sl_business_coarse(b->lon) : b->lon;
    return coarse;
}
