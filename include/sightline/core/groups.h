/*
** groups.h — the population groups and the event rows that every layer
** passes around: geo splits requests into event rows, io reads group shares
** from census profiles, the store keeps baselines per group, analysis
** compares them (sightline/analysis/disparity.h).
*/
#ifndef SIGHTLINE_CORE_GROUPS_H
#define SIGHTLINE_CORE_GROUPS_H

#include <stddef.h>
#include <stdint.h>

/* The population groups compared. Census tables name them differently; these
** are the names used in output ("black", "hispanic", "foreign_born",
** "white_nh"). Groups overlap (a person may be Black and foreign born). */
typedef enum sl_group {
    SL_GROUP_BLACK = 0,
    SL_GROUP_HISPANIC,
    SL_GROUP_FOREIGN_BORN,
    SL_GROUP_WHITE_NH,
    SL_GROUP_COUNT
} sl_group;

/* Area index meaning "outside every study area". */
#define SL_AREA_OUTSIDE ((size_t)-1)

/* One piece of one event: event EVENT puts WEIGHT in area AREA. A point is
** one row of weight 1; a polygon split across three areas is three rows with
** the same EVENT whose weights (overlap fractions) sum to 1. Rows of an event
** need not be adjacent. Rows with area SL_AREA_OUTSIDE carry weight that falls
** outside the study areas: it is not counted, and an event whose weight lies
** entirely outside is reported in events_outside. */
typedef struct sl_event_row {
    int64_t event;
    size_t area;
    double weight;
} sl_event_row;

#endif
