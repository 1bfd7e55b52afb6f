/*
** output.c — printing analysis results: JSON for scripts, and the shared
** pieces of the human-readable tables.
*/
#include "cli.h"

#include <stdio.h>

void cli_print_json(json_t *r)
{
    json_dumpf(r, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    putchar('\n');
}

long long cli_int(json_t *o, const char *key) { return (long long)json_integer_value(json_object_get(o, key)); }

double cli_num(json_t *o, const char *key) { return json_number_value(json_object_get(o, key)); }

const char *cli_str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

int cli_parse_double(const char *text, double *out)
{
    char *end;
    *out = strtod(text, &end);
    return end != text && *end == '\0';
}

static int run(const char *store, int mode, void *query, cli_analysis_fn fn, int json, void (*print)(json_t *))
{
    int rc;
    sl_store *st = cli_open_store(store, mode, &rc);
    if (!st) return rc;
    sl_error err;
    sl_error_clear(&err);
    json_t *r = NULL;
    sl_status s = fn(st, query, &r, &err);
    sl_store_close(st);
    if (s) return cli_report(&err);
    if (json) cli_print_json(r);
    else print(r);
    json_decref(r);
    return CLI_OK;
}

int cli_run(const char *store, void *query, cli_analysis_fn fn, int json, void (*print)(json_t *))
{
    return run(store, CLI_STORE_READ, query, fn, json, print);
}

int cli_run_write(const char *store, void *query, cli_analysis_fn fn, int json, void (*print)(json_t *))
{
    return run(store, CLI_STORE_WRITE, query, fn, json, print);
}
