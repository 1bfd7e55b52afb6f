/*
** text.h — small string helpers shared by the readers and writers:
** encoding repair, trimming, and the escaping every output needs.
*/
#ifndef SIGHTLINE_TEXT_H
#define SIGHTLINE_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* 1 if S[0..len) is well-formed UTF-8. */
int sl_utf8_valid(const char *s, size_t len);

/* A malloc'ed UTF-8 copy of latin-1 bytes S[0..len). */
char *sl_latin1_to_utf8(const char *s, size_t len);

/* malloc'ed copies; NULL only when out of memory. */
char *sl_strdup(const char *s);
char *sl_strdup_trim(const char *s); /* without leading/trailing white space */

/* Write S as one CSV cell: quoted when needed, and a leading = + - @ (or tab/CR)
** neutralized with a single quote so spreadsheets never run it as a formula. */
void sl_csv_write_cell(FILE *out, const char *s);

/* Write S with & < > " ' escaped for HTML text and attribute values. */
void sl_html_write_escaped(FILE *out, const char *s);

#endif
