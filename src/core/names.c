/*
** names.c — close names and lists of names for messages (see
** include/sightline/core/names.h).
*/
#include "sightline/core/names.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int same_letter(char a, char b)
{
    return tolower((unsigned char)a) == tolower((unsigned char)b);
}

/* 1 when A[0..na) occurs in B[0..nb), in any case. */
static int part_of(const char *a, size_t na, const char *b, size_t nb)
{
    for (size_t i = 0; na && i + na <= nb; i++)
        if (strncasecmp(a, b + i, na) == 0) return 1;
    return 0;
}

static int word_break(char c)
{
    return c == '_' || c == '-' || c == '.' || c == ' ';
}

/* 1 when every word of A[0..na) is a word of B[0..nb): nces_id, nces_school_id. */
static int words_of(const char *a, size_t na, const char *b, size_t nb)
{
    int words = 0;
    for (size_t i = 0; i < na;) {
        size_t j = i;
        while (j < na && !word_break(a[j])) j++;
        if (j > i) {
            int found = 0;
            for (size_t k = 0; k < nb && !found;) {
                size_t m = k;
                while (m < nb && !word_break(b[m])) m++;
                found = m - k == j - i && strncasecmp(a + i, b + k, j - i) == 0;
                k = m + 1;
            }
            if (!found) return 0;
            words++;
        }
        i = j + 1;
    }
    return words > 1; /* one word alone is the "part of" rule's */
}

/* Edit distance of A and B when it is at most 2, else 3 (names are short:
** a full table of 64 x 64 is cheap, longer names are not compared). Two
** letters typed the wrong way round are one edit ("improt", "import"). */
static int distance(const char *a, size_t na, const char *b, size_t nb)
{
    if (na > 63 || nb > 63) return 3;
    int d[64][64];
    for (size_t i = 0; i <= na; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= nb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            int best = d[i - 1][j - 1] + !same_letter(a[i - 1], b[j - 1]);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && same_letter(a[i - 1], b[j - 2]) && same_letter(a[i - 2], b[j - 1]) &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[na][nb] < 3 ? d[na][nb] : 3;
}

int sl_name_closeness(const char *want, const char *have, size_t have_len)
{
    size_t nw = strlen(want), nh = have_len;
    if (!nw || !nh) return 0;
    if (nw == nh && strncasecmp(want, have, nw) == 0) return 5;
    const char *s = nw < nh ? want : have, *l = nw < nh ? have : want;
    size_t ns = nw < nh ? nw : nh, nl = nw < nh ? nh : nw;
    if (ns >= 3 && strncasecmp(s, l, ns) == 0) return 4;
    if (ns >= 3 && part_of(s, ns, l, nl)) return 3;
    if (words_of(s, ns, l, nl)) return 3;
    size_t common = 0;
    while (common < ns && same_letter(s[common], l[common])) common++;
    if (common >= 4 && ns - common <= 3) return 2;
    if (ns >= 4 && distance(want, nw, have, nh) <= (ns >= 8 ? 2 : 1)) return 2;
    return 0;
}

const char *sl_name_closest(const char *want, const char *const *names, size_t n)
{
    const char *best = NULL;
    int score = 0;
    for (size_t i = 0; i < n; i++) {
        int c = names[i] ? sl_name_closeness(want, names[i], strlen(names[i])) : 0;
        if (c > score) score = c, best = names[i];
    }
    return best;
}

enum { LIST_TAIL = 32 }; /* room kept for ", ... and 4294967295 more" */

void sl_name_list_start(sl_name_list *l, char *buf, size_t size)
{
    *l = (sl_name_list){.buf = buf, .size = size};
    buf[0] = '\0';
}

void sl_name_list_add(sl_name_list *l, const char *name, size_t len)
{
    size_t sep = l->len ? 2 : 0;
    if (l->left_out || l->len + sep + len + LIST_TAIL >= l->size) {
        l->left_out++;
        return;
    }
    snprintf(l->buf + l->len, l->size - l->len, "%s%.*s", sep ? ", " : "", (int)len, name);
    l->len += sep + len;
}

const char *sl_name_list_end(sl_name_list *l)
{
    if (l->left_out)
        snprintf(l->buf + l->len, l->size - l->len, "%s... and %zu more", l->len ? ", " : "", l->left_out);
    return l->buf;
}

const char *sl_names_joined(const char *const *names, size_t n, char *buf, size_t size)
{
    sl_name_list l;
    sl_name_list_start(&l, buf, size);
    for (size_t i = 0; i < n; i++) sl_name_list_add(&l, names[i], strlen(names[i]));
    return sl_name_list_end(&l);
}

const char *sl_name_hint(const char *want, const char *const *names, size_t n, char *buf, size_t size)
{
    const char *close = sl_name_closest(want, names, n);
    if (close) snprintf(buf, size, "; did you mean '%.60s'?", close);
    else if (size) buf[0] = '\0';
    return buf;
}
