/*
** seed_wkb.c — writes the first N areas of a vector file as WKB files, the
** seeds for fuzz_wkb (fuzz/run.sh calls it on ../shared/data at run time;
** nothing it writes is committed). Usage: seed_wkb FILE OUTDIR [N]
*/
#include "sightline/geo/polyset.h"
#include "sightline/io/polyset_io.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: seed_wkb FILE OUTDIR [N]\n");
        return 2;
    }
    size_t limit = argc > 3 ? (size_t)atol(argv[3]) : 50;
    sl_polyset *ps = NULL;
    sl_error err;
    if (sl_polyset_read_file(argv[1], NULL, NULL, &ps, NULL, &err)) {
        fprintf(stderr, "seed_wkb: %s: %s\n", argv[1], err.msg);
        return 1;
    }
    for (size_t i = 0; i < sl_polyset_count(ps) && i < limit; i++) {
        unsigned char *wkb;
        size_t len;
        if (sl_polyset_area_wkb(ps, i, &wkb, &len, &err)) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/area-%zu.wkb", argv[2], i);
        FILE *f = fopen(path, "wb");
        if (f) {
            fwrite(wkb, 1, len, f);
            fclose(f);
        }
        free(wkb);
    }
    sl_polyset_free(ps);
    return 0;
}
