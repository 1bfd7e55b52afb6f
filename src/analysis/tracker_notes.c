/*
** tracker_notes.c — the tracker's sentences that go beside its figures
** wherever they are shown (the CLI, the report, the dashboard, the
** campaign page): why a state's rows count in no share, how many are dated
** only to a month or year. One wording each, so that no output words them
** its own way.
*/
#include "sightline/analysis/tracker.h"

#include <stdio.h>

#include "sightline/core/text.h"

/* The unlinked rows' sentence, for whoever runs sightline (OPERATOR: "not
** linked", and the command that links them) or for a reader of a public
** page, who can run nothing (what happened to the rows, in plain words). */
static void unlinked_note(long n, const char *state, const char *tech, int operator, char out[SL_TRACKER_NOTE])
{
    char num[32];
    int partnerships = sl_tracker_tech_partnerships(tech), one = n == 1;
    snprintf(out, SL_TRACKER_NOTE, "%s %s in %.8s %s, so no share counts %s%s%s.", sl_thousands(n, num),
             partnerships ? (one ? "partnership row" : "partnership rows") : (one ? "record" : "records"), state,
             operator ? (one ? "is not linked to the agency registry" : "are not linked to the agency registry")
                      : "could not be matched to an agency of the registry",
             one ? "it" : "them", operator ? ": “sightline import links” links " : "", !operator ? "" : one ? "it" : "them");
}

void sl_tracker_unlinked_note(long n, const char *state, const char *tech, char out[SL_TRACKER_NOTE])
{
    unlinked_note(n, state, tech, 1, out);
}

void sl_tracker_unlinked_note_public(long n, const char *state, const char *tech, char out[SL_TRACKER_NOTE])
{
    unlinked_note(n, state, tech, 0, out);
}

void sl_tracker_coarse_note(long n, long of, char out[SL_TRACKER_NOTE])
{
    char num[32];
    if (n == of && of == 1) snprintf(out, SL_TRACKER_NOTE, "dated only to a month or year");
    else if (n == of && of == 2) snprintf(out, SL_TRACKER_NOTE, "both of them dated only to a month or year");
    else snprintf(out, SL_TRACKER_NOTE, "%s%s of them dated only to a month or year", n == of ? "all " : "",
                  sl_thousands(n, num));
}
