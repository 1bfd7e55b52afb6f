/*
** area.c — area lists (see sightline/core/area.h).
*/
#include "sightline/core/area.h"

#include <stdlib.h>
#include <string.h>

void sl_area_list_free(sl_area_list *l)
{
    free(l->items);
    sl_arena_free(&l->arena);
    memset(l, 0, sizeof *l);
}
