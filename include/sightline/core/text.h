/*
** text.h — small string helpers shared by the readers and writers:
** encoding repair, trimming, and the escaping every output needs.
*/
#ifndef SIGHTLINE_TEXT_H
#define SIGHTLINE_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* N with thousands separators ("18,702", "-1,000") in BUF; returns BUF.
** Every count a person reads (tables, summaries, pages) is written so. */
const char *sl_thousands(long long n, char buf[32]);

/* PART of WHOLE as a percentage to DIGITS decimals (0 to 4) in BUF ("6.3"
** for 1 of 16 to one), rounded half up on the exact quotient, as a newsroom
** rounds: printf's "%.1f" of 100 * 1 / 16 gives "6.2" (the binary 6.25
** rounds to even), the tables' rounding "6.3", and one report printed both
** for the same share; the CLI's "%.2f" gave 2 of 64 as 3.12%. "n/a" when
** WHOLE is not positive. */
const char *sl_percent_of(long long part, long long whole, int digits, char buf[32]);

/* X for people in BUF: thousands separators from 1,000, one decimal from
** 10, two from 1, and two significant digits below 1 (0.0034), so a rate
** never reads 0.00; "n/a" when not finite. The CLI's tables and the
** report's sentences read numbers alike through it. */
const char *sl_readable(double x, char buf[40]);

/* A placebo p-value P as every output writes it, into BUF: two significant
** digits ("0.21", "0.034"); at or under FLOOR (1 / (draws + 1), the least
** a p-value of so many draws can be; 0: none), only its bound, rounded up
** to two digits ("< 0.0005" for 2,000 draws, "< 0.0034" for 300); "n/a"
** when not finite. */
const char *sl_format_p(double p, double floor, char buf[40]);

/* 1 if S[0..len) is well-formed UTF-8. */
int sl_utf8_valid(const char *s, size_t len);

/* The length of S's longest prefix of at most MAX bytes that does not cut a
** UTF-8 character (strlen(S) when that is shorter): where to cut text for a
** bounded field. */
size_t sl_utf8_prefix(const char *s, size_t max);

/* Characters of UTF-8 text S: bytes that do not continue one. A form's
** maxlength counts characters: 100 of "é" are 200 bytes. */
size_t sl_utf8_chars(const char *s);

/* 1 when S holds a bidirectional override or isolate (U+202A..U+202E,
** U+2066..U+2069): in a name a stranger gives for a public list it would
** turn the text after it around ("Vera A." shown as another name). */
int sl_has_bidi_control(const char *s);

/* The next item of the comma list at *CURSOR: its start, its length in
** *LEN, and *CURSOR moved past it and its comma; NULL past the last item.
** An empty item is an item ("a,,b" has three), a trailing comma adds none.
** The one walk of option lists ("posts,cameras", "IL,NB", "ring,flock"). */
const char *sl_list_next(const char **cursor, size_t *len);

/* 1 when the comma list LIST has an item equal to WORD (not empty), in
** ASCII case when NOCASE is 0, ignoring it otherwise. */
int sl_list_has(const char *list, const char *word, int nocase);

/* A malloc'ed UTF-8 copy of latin-1 bytes S[0..len). */
char *sl_latin1_to_utf8(const char *s, size_t len);

/* malloc'ed copies; NULL only when out of memory. */
char *sl_strdup(const char *s);
char *sl_strdup_trim(const char *s); /* without leading/trailing white space */
/* Two ids in reading order, as strcmp: numbers as numbers ("4" before
** "35"; FIPS "01001" before "04015": by state, then county), else as text. */
int sl_id_cmp(const char *a, const char *b);

/* Write S as one CSV cell: quoted when it holds a separator (, ; tab), a quote
** or a line break, and a leading = + - @ (or tab/CR) neutralised with a single
** quote so spreadsheets never run it as a formula -- at the start of the cell
** and at the start of every piece after a ';', tab or line break, because a
** spreadsheet splitting on ';' (Excel in many locales) makes each a cell. */
void sl_csv_write_cell(FILE *out, const char *s);

/* End a CSV row: every CSV sightline writes (the CLI's --csv, the audit's
** data/, the campaign's export) ends its lines so, with "\n" (LF), the
** ending most tools write and read; never CRLF. */
void sl_csv_end_row(FILE *out);

/* Text for a terminal: C0 control characters, DEL and C1 (U+0080..U+009F)
** written as \xNN / \u00NN, and bytes that are not UTF-8 as \xNN, so names
** read from input files cannot clear the screen, retitle the window or move
** the cursor. Everything else (printable UTF-8, backslash) is left as is. */
void sl_term_write(FILE *out, const char *s);
/* A malloc'ed copy of S escaped as sl_term_write writes it; NULL only when
** out of memory. */
char *sl_term_escaped(const char *s);
/* 1 if sl_term_write would change S. */
int sl_term_needs_escape(const char *s);

/* Write S with & < > " ' escaped for HTML text and attribute values. */
void sl_html_write_escaped(FILE *out, const char *s);
/* Write the sentence S as HTML text: escaped as sl_html_write_escaped
** escapes it, with each span `between backticks` (a command the reader can
** type, as the CLI's messages quote one) written as <code>span</code>. The
** report shows the CLI's sentences so; a backtick with no partner is
** written as &#96;. For text elements, not attribute values. */
void sl_html_write_prose(FILE *out, const char *s);

#endif
