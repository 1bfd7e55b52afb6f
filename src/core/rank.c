/*
** rank.c — the rows tied with the last one kept past a ranked list's cut
** (see include/sightline/core/rank.h), counted once for the CLI and the
** report.
*/
#include "sightline/core/rank.h"

size_t sl_rank_ties_past_cut(const void *rows, size_t n, size_t cut, sl_rank_same same)
{
    size_t more = 0;
    if (cut == 0) return 0;
    while (cut + more < n && same(rows, cut - 1, cut + more)) more++;
    return more;
}
