/*
** fuzz_csv.c — libFuzzer target for the general CSV reader (src/io/csv.c):
** every record of arbitrary bytes, with the delimiter guessed or forced.
** Registries and partnership tables go through this reader, so any crash
** here is a crash on a public-records file.
*/
#include "sightline/io/csv.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The first byte picks the delimiter: guessed (most inputs) or forced. */
    static const char delims[] = {0, ',', '|', '\t', ';', 0, 0, 0};
    char delim = size ? delims[data[0] & 7] : 0;
    sl_csv *csv = NULL;
    sl_error err;
    sl_error_clear(&err);
    if (sl_csv_open_buffer("fuzz.csv", (const char *)data, size, delim, &csv, &err)) return 0;
    if (sl_csv_read_header(csv, &err) == SL_OK) {
        for (size_t i = 0; i < sl_csv_header_count(csv); i++)
            (void)sl_csv_column(csv, sl_csv_header_name(csv, i));
        (void)sl_csv_column(csv, "Agency");
        int rc;
        while ((rc = sl_csv_next(csv, &err)) == 1) {
            size_t n = sl_csv_nfields(csv);
            for (size_t i = 0; i <= n; i++) (void)strlen(sl_csv_field(csv, i));
            if (sl_csv_line(csv) < 1) __builtin_trap(); /* lines are 1-based */
        }
    }
    sl_csv_close(csv);
    return 0;
}
