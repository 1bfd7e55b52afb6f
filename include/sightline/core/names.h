/*
** names.h — what an error says when a name given on the command line is
** not one the input has: every name there is (or how many were left out),
** and the one the user most likely meant.
*/
#ifndef SIGHTLINE_NAMES_H
#define SIGHTLINE_NAMES_H

#include <stddef.h>

/* How close HAVE[0..have_len) is to the name WANT a user typed: 0 when
** not close; higher is closer. Close are: the same name in another case
** (5); one a prefix (4) or a part (3) of the other; every word of the
** shorter (split at _ - . and space) a word of the longer, e.g. nces_id and
** nces_school_id (3); a shared start of 4 or more letters that leaves at
** most 3 letters of the shorter over, e.g. agency and agencies, or one or
** two letters typed wrong (2). All in any case. */
int sl_name_closeness(const char *want, const char *have, size_t have_len);

/* The closest of NAMES[0..n) to WANT (the first of the closest), or NULL
** when none is close. */
const char *sl_name_closest(const char *want, const char *const *names, size_t n);

/* A list of names for a message, "a, b, c", in BUF (SIZE bytes, at least
** 32). Names are added while they fit; the rest are counted, and
** sl_name_list_end closes it with ", ... and N more" so a cut list says
** that it is one. */
typedef struct sl_name_list {
    char *buf;
    size_t size, len;
    size_t left_out;
} sl_name_list;

void sl_name_list_start(sl_name_list *l, char *buf, size_t size);
void sl_name_list_add(sl_name_list *l, const char *name, size_t len);
const char *sl_name_list_end(sl_name_list *l);

/* NAMES[0..n) as such a list in BUF; returns BUF. */
const char *sl_names_joined(const char *const *names, size_t n, char *buf, size_t size);

/* "; did you mean 'X'?" when X of NAMES[0..n) is close to WANT, else "",
** in BUF (names are cut to 60 bytes); returns BUF. */
const char *sl_name_hint(const char *want, const char *const *names, size_t n, char *buf, size_t size);

#endif
