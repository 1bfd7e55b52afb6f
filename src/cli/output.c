/*
** output.c — printing analysis results: JSON for scripts, and the shared
** pieces of the human-readable tables.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"
#include "sightline/store/store_layers.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_print_json_flags(json_t *r, size_t flags)
{
    size_t len;
    char *text = sl_json_dump_text(r, flags, &len);
    if (!text) {
        fputs("sightline: out of memory writing JSON\n", stderr);
        return CLI_DATA;
    }
    fwrite(text, 1, len, stdout);
    free(text);
    return CLI_OK;
}

int cli_print_json(json_t *r)
{
    return cli_print_json_flags(r, SL_JSON_RESULT_FLAGS);
}

void cli_title_note(const char *file, long lines, const char *title)
{
    if (lines <= 0) return;
    char t[4 * 128];
    if (lines == 1)
        fprintf(stderr, "sightline: %s: note: line 1 is a title above the columns ('%s'): skipped; the columns are "
                "line 2\n", file, cli_term(title, t, sizeof t));
    else
        fprintf(stderr, "sightline: %s: note: lines 1-%ld are a title above the columns ('%s'): skipped; the "
                "columns are line %ld\n", file, lines, cli_term(title, t, sizeof t), lines + 1);
}

const char *cli_term(const char *s, char *buf, size_t len)
{
    if (!sl_term_needs_escape(s)) return s;
    char *e = sl_term_escaped(s);
    snprintf(buf, len, "%s", e ? e : "?");
    free(e);
    return buf;
}

/* Escape the keys of object O that need it (rebuilt, since keys are fixed).
** Out of memory sets *BAD: a key dropped or left raw would be a lie or a
** terminal escape. */
static void escape_keys(json_t *o, int *bad)
{
    const char *key;
    json_t *v;
    void *tmp;
    json_t *moved = json_object();
    if (!moved) {
        *bad = 1;
        return;
    }
    json_object_foreach_safe(o, tmp, key, v) {
        if (!sl_term_needs_escape(key)) continue;
        char *e = sl_term_escaped(key);
        if (!e || json_object_set(moved, e, v)) *bad = 1;
        free(e);
        json_object_del(o, key);
    }
    if (json_object_update(o, moved)) *bad = 1;
    json_decref(moved);
}

static void escape_all(json_t *r, int *bad)
{
    size_t i;
    json_t *v;
    const char *key;
    if (json_is_string(r) && sl_term_needs_escape(json_string_value(r))) {
        char *e = sl_term_escaped(json_string_value(r));
        if (!e || json_string_set(r, e)) *bad = 1;
        free(e);
    } else if (json_is_array(r)) {
        json_array_foreach(r, i, v) escape_all(v, bad);
    } else if (json_is_object(r)) {
        escape_keys(r, bad);
        json_object_foreach(r, key, v) escape_all(v, bad);
    }
}

int cli_terminal_safe(json_t *r)
{
    int bad = 0;
    escape_all(r, &bad);
    if (!bad) return CLI_OK;
    fputs("sightline: out of memory escaping text for the terminal\n", stderr);
    return CLI_DATA;
}

int cli_parse_double(const char *text, double *out)
{
    char *end;
    *out = strtod(text, &end);
    return end != text && *end == '\0';
}

void cli_synth_caution_to(FILE *f, json_t *made)
{
    size_t i;
    json_t *m;
    char text[1024];
    json_array_foreach(made, i, m) cli_caution(f, sl_analysis_synth_sentence(m, text, sizeof text));
}

void cli_synth_caution(json_t *made) { cli_synth_caution_to(stderr, made); }

/* The mark a file written from figures on invented rows carries, so that
** it cannot be passed on without it (stderr stays with the person who ran
** the command): in JSON, sl_analysis_synth_mark's fields (the API answers
** the same bytes); for CSV, the files' names, a column of every row
** (cli_table_print). Nothing is added over real data. 0, or -1 when out of
** memory. */
static int synth_mark(json_t *r, json_t *made, cli_out *o)
{
    size_t i;
    json_t *m;
    char files[512] = "";
    json_array_foreach(made, i, m)
        snprintf(files + strlen(files), sizeof files - strlen(files), "%s%s", i ? "; " : "", sl_json_str(m, "file"));
    snprintf(o->synthetic, sizeof o->synthetic, "%s", files);
    return o->format == CLI_FMT_JSON ? sl_analysis_synth_mark(r, made) : 0;
}

/* 1 when descriptors A and B write to one place (`2>&1`, or one capture of
** both): a caution already under the table there is not repeated. */
static int same_place(int a, int b)
{
    struct stat x, y;
    return fstat(a, &x) == 0 && fstat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

int cli_run_out(const char *command, const char *store, void *query, cli_analysis_fn fn, cli_out *o,
                cli_printer print)
{
    int rc;
    sl_store *st = cli_open_store(store, o->store_mode, &rc);
    if (!st) return rc;
    sl_error err;
    sl_error_clear(&err);
    json_t *r = NULL, *made = NULL;
    sl_status s = fn(st, query, &r, &err);
    if (!s && o->layers) s = sl_analysis_synth_sources(st, o->layers, &made, &err);
    sl_store_close(st);
    if (s) {
        json_decref(r);
        return cli_report(&err);
    }
    if (!r) { /* an analysis that built nothing and said nothing */
        fputs("sightline: out of memory building the result\n", stderr);
        return CLI_DATA;
    }
    if (synth_mark(r, made, o)) {
        json_decref(r);
        json_decref(made);
        fputs("sightline: out of memory building the result\n", stderr);
        return CLI_DATA;
    }
    rc = cli_out_begin(o, command);
    if (rc == CLI_OK) {
        /* a filter that names nothing there is (a typo): no table of
        ** zeros, exit 1; JSON still prints, as the server answers it */
        const char *no_match = json_string_value(json_object_get(r, "no_match"));
        char said[2048];
        if (no_match) fprintf(stderr, "sightline: %s\n", cli_term(no_match, said, sizeof said));
        if (o->format == CLI_FMT_JSON) {
            rc = o->json_flags ? cli_print_json_flags(r, o->json_flags) : cli_print_json(r);
        } else {
            if (o->format == CLI_FMT_TABLE) rc = cli_terminal_safe(r);
            if (rc == CLI_OK) rc = print(r, o, query);
        }
        /* a table going to a file or a pipe carries the caution under it,
        ** as the terminal shows it (there, on stderr only: not twice) */
        int under = rc == CLI_OK && o->format == CLI_FMT_TABLE && !isatty(STDOUT_FILENO);
        if (under) cli_synth_caution_to(stdout, made);
        if (no_match && rc == CLI_OK) rc = CLI_DATA;
        under = under && (!o->file || !strcmp(o->file, "-")); /* -o: the file has it, the person not yet */
        rc = cli_out_end(o, rc);
        if (rc == CLI_OK && !(under && same_place(STDOUT_FILENO, STDERR_FILENO))) cli_synth_caution(made);
    }
    json_decref(r);
    json_decref(made);
    return rc;
}

const char *cli_count(long long n, const char *one, const char *many, char buf[CLI_COUNT_MAX])
{
    char digits[32];
    snprintf(buf, CLI_COUNT_MAX, "%s %s", sl_thousands(n, digits), n == 1 ? one : many);
    return buf;
}

const char *cli_layer_count(long long n, const char *layer, char buf[CLI_COUNT_MAX])
{
    static const char *const ONE[][2] = {{"posts", "post"}, {"cameras", "camera"}, {"requests", "request"},
                                         {"sites", "site"}};
    const char *one = layer;
    for (size_t i = 0; i < sizeof ONE / sizeof ONE[0]; i++)
        if (!strcmp(layer, ONE[i][0])) one = ONE[i][1];
    return cli_count(n, one, layer, buf);
}
