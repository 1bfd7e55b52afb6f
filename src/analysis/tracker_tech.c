/*
** tracker_tech.c — which rows a technology names: the --tech match
** (tracker.h), and so the Ring rule (tracker_internal.h), in one place for
** the tracker, the snapshot diff, the campaign page's rows and the report's
** agency map and table by state.
*/
#include "tracker_internal.h"

#include <ctype.h>
#include <string.h>

int sl_contains_nocase(const char *hay, const char *needle)
{
    if (!needle || !needle[0]) return 1;
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i])) i++;
        if (i == n) return 1;
    }
    return 0;
}

/* 1 when NEEDLE's N bytes match HAY at its start, ignoring ASCII case. */
static int match_at(const char *hay, const char *needle, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!hay[i] || tolower((unsigned char)hay[i]) != tolower((unsigned char)needle[i])) return 0;
    return 1;
}

/* 1 when a word ends at AFTER, the rest of HAY: nothing, a character that
** is no letter or digit, or a plural's "s"/"es" that ends the word. */
static int word_ends(const char *after)
{
    size_t k = tolower((unsigned char)after[0]) == 'e' && tolower((unsigned char)after[1]) == 's' ? 2
               : tolower((unsigned char)after[0]) == 's'                                          ? 1
                                                                                                   : 0;
    return !isalnum((unsigned char)after[0]) || !isalnum((unsigned char)after[k]);
}

/* The technology rule: TECH as whole words of the row's technology, any
** case, a plural allowed ("drone" is "Drones", "face recognition" is "Face
** Recognition", "ring" is "Ring/Neighbors Partnership" and "Ring"). A
** substring match counted "Monitoring", "Fingerprinting" or "Ringo" as
** Ring's. A TECH that begins or ends with a sign (not a letter or digit)
** needs no word boundary on that side. */
int sl_tracker_tech_is(const sl_partnership *p, const char *tech)
{
    if (!tech || !tech[0]) return 1;
    const char *hay = p->technology;
    size_t n = strlen(tech);
    int open_start = !isalnum((unsigned char)tech[0]), open_end = !isalnum((unsigned char)tech[n - 1]);
    for (size_t at = 0; hay[at]; at++) {
        if (!open_start && at > 0 && isalnum((unsigned char)hay[at - 1])) continue;
        if (match_at(hay + at, tech, n) && (open_end || word_ends(hay + at + n))) return 1;
    }
    return 0;
}

/* The Ring rule is the --tech match: a row is Ring's when its technology
** holds the word "ring" in any case, the rows `--tech ring` counts ("Ring/Neighbors
** Partnership" in the Atlas, "Ring" in a list of one's own). A rule of its
** own ("Ring/Neighbors" only) counted a newsroom's "Ring" rows under --tech ring
** and called them "technologies other than Ring" in the same output. */
int sl_tracker_is_ring(const sl_partnership *p) { return sl_tracker_tech_is(p, "ring"); }

int sl_tracker_tech_partnerships(const char *tech)
{
    const sl_partnership ring = {.technology = "Ring/Neighbors Partnership"};
    return tech && tech[0] && sl_tracker_tech_is(&ring, tech);
}
