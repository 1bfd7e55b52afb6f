/* import.c — TEMPORARY wiring from the points branch so `sightline import
** areas|posts|cameras|sites` reaches cmd_import_layer; the lead replaces this
** with the real import command (which should dispatch the same way). */
#include "cli.h"

#include <string.h>

int cmd_import(int argc, char **argv)
{
    const char *layers[] = {"areas", "posts", "cameras", "sites"};
    for (size_t i = 0; argc >= 2 && i < sizeof layers / sizeof *layers; i++)
        if (strcmp(argv[1], layers[i]) == 0) return cmd_import_layer(argv[1], argc - 1, argv + 1);
    return 0;
}
