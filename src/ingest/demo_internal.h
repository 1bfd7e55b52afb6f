/*
** demo_internal.h — what the demo's files share about its geography. Not
** public: callers of the demo only see demo.h.
*/
#ifndef SIGHTLINE_DEMO_INTERNAL_H
#define SIGHTLINE_DEMO_INTERNAL_H

/* The demo's four counties, Ashgrove, Birchmoor, Coldwater and Dellwood. */
#define SL_DEMO_NCOUNTIES 4

/* The state of each demo county, in that order (defined in demo.c). The
** agencies (demo.c: town I in county I % 4), the directory's listings and
** the campaign's counties and signers all take their state from here, so
** the data sets tell one geography. */
extern const char *const sl_demo_states[SL_DEMO_NCOUNTIES];

#endif
