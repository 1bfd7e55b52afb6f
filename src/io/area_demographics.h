/*
** area_demographics.h — a demographics table (e.g. Census QuickFacts by
** county FIPS) joined to areas by id. Private to src/io.
*/
#ifndef SIGHTLINE_AREA_DEMOGRAPHICS_H
#define SIGHTLINE_AREA_DEMOGRAPHICS_H

#include "sightline/io/areas_io.h"

typedef struct sl_demographics sl_demographics;

/* Read opt->demographics keyed by opt->key (padded to opt->key_width), with
** the value columns opt->pop .. opt->foreign_born (NULL columns give NAN). */
sl_status sl_demographics_load(const sl_area_options *opt, sl_demographics **out,
                               char sha256_hex[65], sl_error *err);

typedef struct sl_demographics_row {
    double v[5];    /* pop, black, hispanic, white_nh, foreign_born; NAN when unknown */
    long line;      /* in the table */
    int bad;        /* the first column given (0..4) empty or no number, or -1 */
    char *bad_text; /* the text it holds ("" when empty) */
} sl_demographics_row;

/* The row with KEY (already padded), marked as used; NULL when none. */
const sl_demographics_row *sl_demographics_lookup(sl_demographics *d, const char *key);

/* 1 when the table has a row keyed KEY (already padded); the row is not
** marked as used. */
int sl_demographics_has(const sl_demographics *d, const char *key);

/* Rows never looked up; the first SL_AREA_EXAMPLES of their keys, in key
** order, added to EX by sl_area_example_add. */
long sl_demographics_unmatched(const sl_demographics *d, sl_area_examples *ex);

/* The line of the row of labels the table had under its header
** (data.census.gov's "Geography, Estimate!!Total"), skipped; 0 when none.
** *TEXT its first cells. */
long sl_demographics_labels(const sl_demographics *d, const char **text);

/* TEXT added to EX when it holds fewer than SL_AREA_EXAMPLES and TEXT
** fits whole. */
void sl_area_example_add(sl_area_examples *ex, const char *text);

void sl_demographics_free(sl_demographics *d);

/* Figures that cannot be: a group (as counts) larger than the population of
** its area, or white non-Hispanic and Hispanic, which share no one, larger
** together (as counts or percentages), by sl_group_fits. The first area so
** is kept for the error that names it. */
typedef struct sl_figure_check {
    long bad;    /* areas whose figures cannot be */
    int group;   /* the first one's: the group (1..4) over its population, or 0 for the sum */
    double v[5]; /* its figures as read (groups as percentages with --percent) */
    long line;   /* its line in the demographics table; 0 for the layer's own fields */
    char id[32]; /* its area */
} sl_figure_check;

/* Hold the figures V (pop, black, hispanic, white_nh, foreign_born, as
** read) of area ID, from LINE of the table or 0, to the rule. */
void sl_figures_note(sl_figure_check *c, const sl_area_options *o, const double v[5], long line, const char *id);

/* SL_OK, or the error (SL_EDATA) naming the first area noted, its columns,
** figures and what to do; LAYER is the areas' file, named when the figures
** were its fields. */
sl_status sl_figures_verdict(const sl_figure_check *c, const sl_area_options *o, const char *layer, sl_error *err);

#endif
