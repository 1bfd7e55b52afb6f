/*
** pg_conninfo.c — the password inside a PostgreSQL connection string, kept
** out of what sightline shows: out of `ps` (sl_store_hide_password, which
** the CLI runs on its arguments) and out of a connection's error.
**
** Why: a team gives `-s postgresql://reporter:PASSWORD@host/db`. A password
** written with a character a URI must percent-encode (@ / ? # % or a space)
** or an unquoted space in key=value form is cut by libpq's parser into
** pieces that its error then quotes as a host, a port, a database or "a
** token" (`could not translate host name "ss@10.0.0.5"`, `invalid
** percent-encoded token: "s3cr%zz"`, `missing "=" after "secret"`), and
** the store's name repeated them; every local user reads a running serve's
** arguments in `ps`. The password is found as its writer meant it, not as
** libpq parsed it, so a mistyped one is hidden too.
*/
#include "internal.h"
#include "pg.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The span [*from, *to) of a key=value string's password value starting
** at V (after "password="): quoted ('...', backslash escapes), or bare up
** to the next word holding '=' (the next key), so that "password=my
** secret host=x", libpq's error, hides "my secret" whole. */
static void keyvalue_value(const char *s, const char *v, size_t *from, size_t *to)
{
    const char *e = v;
    if (*e == '\'') {
        for (e++; *e && *e != '\''; e++)
            if (*e == '\\' && e[1]) e++;
        if (*e) e++;
    } else {
        for (;;) {
            while (*e && !isspace((unsigned char)*e)) e++;
            const char *w = e;
            while (isspace((unsigned char)*w)) w++;
            const char *we = w;
            while (*we && !isspace((unsigned char)*we) && *we != '=') we++;
            if (!*w || *we == '=') break;
            e = we; /* a word with no '=': still the password */
        }
    }
    *from = (size_t)(v - s);
    *to = (size_t)(e - s);
}

size_t sl_pg_password_spans(const char *s, size_t spans[][2], size_t max)
{
    size_t n = 0;
    const char *rest = strstr(s, "://");
    if (rest && (strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0)) {
        rest += 3;
        /* the userinfo ends at the last '@' (a raw '@' in it is the
        ** password's), unless that '@' is in the query's values
        ** (?user=ed@desk): then at the last one before the query */
        const char *at = strrchr(rest, '@'), *q = strchr(rest, '?');
        if (at && q && q < at && memchr(q, '=', (size_t)(at - q))) {
            at = NULL;
            for (const char *p = rest; p < q; p++)
                if (*p == '@') at = p;
        }
        const char *colon = at && *rest != '/' ? memchr(rest, ':', (size_t)(at - rest)) : NULL;
        if (colon && n < max) spans[n][0] = (size_t)(colon + 1 - s), spans[n][1] = (size_t)(at - s), n++;
        for (const char *p = strstr(rest, "password="); p && n < max; p = strstr(p + 1, "password="))
            if (p > rest && (p[-1] == '?' || p[-1] == '&')) {
                size_t from = (size_t)(p + 9 - s), to = from + strcspn(p + 9, "&");
                spans[n][0] = from, spans[n][1] = to, n++;
            }
        return n;
    }
    for (const char *p = strstr(s, "password"); p && n < max; p = strstr(p + 1, "password")) {
        if (p > s && !isspace((unsigned char)p[-1])) continue;
        const char *v = p + 8;
        while (isspace((unsigned char)*v)) v++;
        if (*v != '=') continue;
        for (v++; isspace((unsigned char)*v);) v++;
        keyvalue_value(s, v, &spans[n][0], &spans[n][1]);
        n++;
    }
    return n;
}

void sl_store_hide_password(char *conninfo)
{
    size_t spans[8][2], n = sl_pg_password_spans(conninfo, spans, 8);
    for (size_t i = 0; i < n; i++) memset(conninfo + spans[i][0], 'x', spans[i][1] - spans[i][0]);
}

/* 1 when TEXT repeats the password span [FROM, TO) of S, which holds a
** character libpq splits at: whole, or any piece of two or more
** characters between them. A password without one is parsed whole, and
** libpq never repeats it (nor would a common word of it be told apart
** from the database's or host's name). */
static int repeats(const char *s, size_t from, size_t to, const char *text)
{
    static const char SPLIT[] = "@:/?#&=%' \t";
    char piece[256];
    size_t len = to - from, i;
    for (i = from; i < to && !strchr(SPLIT, s[i]); i++) {}
    if (i == to) return 0;
    if (len >= 2 && len < sizeof piece) {
        memcpy(piece, s + from, len);
        piece[len] = '\0';
        if (strstr(text, piece)) return 1;
    }
    for (i = from; i < to;) {
        size_t k = 0;
        while (i < to && !strchr(SPLIT, s[i]) && k + 1 < sizeof piece) piece[k++] = s[i++];
        piece[k] = '\0';
        if (k >= 2 && k < len && strstr(text, piece)) return 1;
        while (i < to && strchr(SPLIT, s[i])) i++;
    }
    return 0;
}

int sl_pg_repeats_password(const char *conninfo, const char *text)
{
    size_t spans[8][2], n = sl_pg_password_spans(conninfo, spans, 8);
    for (size_t i = 0; i < n; i++)
        if (repeats(conninfo, spans[i][0], spans[i][1], text)) return 1;
    return 0;
}

void sl_pg_unquote(const char *m, char *out, size_t size)
{
    size_t o = 0;
    int quoted = 0;
    for (; *m && o + 4 < size; m++) {
        if (*m == '"') {
            if (!quoted) out[o++] = '"', out[o++] = '.', out[o++] = '.', out[o++] = '.';
            else out[o++] = '"';
            quoted = !quoted;
        } else if (!quoted && *m != '\n') {
            out[o++] = *m;
        }
    }
    out[o] = '\0';
}
