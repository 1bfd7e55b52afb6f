/*
** link_campus.h — a campus or tribal police force linked to the school or
** tribe it serves in the registry (private to src/ingest; link.c uses it).
**
** The Atlas names a campus force after its police ("Texas Tech Police
** Department", "University of Arkansas at Monticello Police"); the FBI
** registry names the school, and its campus after a colon ("Texas Tech
** University: Lubbock", "University of Arkansas: Monticello"); a tribe's
** force likewise ("Gun Lake Tribal Police Department" / "Gun Lake Tribal").
** No rule of the name keys finds one from the other, so they stayed unlinked.
*/
#ifndef SIGHTLINE_INGEST_LINK_CAMPUS_H
#define SIGHTLINE_INGEST_LINK_CAMPUS_H

#include "sightline/core/arena.h"
#include "sightline/store/store.h"

#include <stddef.h>

typedef struct sl_campus_index sl_campus_index;

/* The registry's agencies of type "University or College" and "Tribal",
** their school (or tribe) and campus words, kept in AR. NULL when out of
** memory. */
sl_campus_index *sl_campus_index_new(sl_arena *ar, const sl_agency *agencies, size_t count);

/* The index of the one school or tribe whose force NAME (in STATE, CITY, COUNTY,
** which may be NULL or "") is: 1 and *INDEX, or 0 when none or several
** fit. See link_campus.c for the rule. */
int sl_campus_match(const sl_campus_index *ix, const char *name, const char *state, const char *city,
                    const char *county, size_t *index);

#endif
