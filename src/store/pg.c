/*
** pg.c — the PostgreSQL/PostGIS store: connecting, checking PostGIS,
** transactions, and running statements (see pg.h); the schema, its
** versions and the upgrade of an older store are in pg_schema.c.
**
** Why PostgreSQL at all: one shared store for several people and processes
** (imports and readers at once, MVCC), and layers QGIS opens directly. The
** SQLite file stays the embedded default; this backend answers the same
** interface with the same results.
**
** Imports serialise on one advisory lock taken by every write transaction,
** as SQLite's BEGIN IMMEDIATE serialises them: two imports at once both land,
** one after the other, and the second sees the first's records (so a record
** both bring is stored once). Readers never wait: they read one snapshot.
*/
#include "internal.h"
#include "pg.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* pg_advisory_xact_lock key of sightline's writers ("SiLn", as SQLite's
** application_id). */
#define WRITE_LOCK "SELECT pg_advisory_xact_lock(1399409774)"

struct sl_pg {
    PGconn *conn;
    char name[300];
    char title[160];
    char postgis[140]; /* PostGIS's schema, quoted as an identifier */
    int writable;
    sl_progress wait; /* told while a write waits for another writer's lock */
    char notice[300]; /* the server's last warning, kept (only the CLI prints): sl_pg_take_notice */
    int read_depth; /* nested read_begin calls holding our snapshot */
    /* Statements prepared on this connection, keyed by the SQL literal's
    ** address: one parse per import instead of one per row. */
    const char *prepared[48];
    /* the directory's search index (pg_businesses.c): the caller's, or
    ** one of our own (OWN_DIRECTORY), freed at close */
    sl_directory_cache *directory;
    int own_directory;
};

const char *sl_pg_name(const sl_pg *pg) { return pg->name; }
const char *sl_pg_title(const sl_pg *pg) { return pg->title; }
const char *sl_pg_postgis_schema(const sl_pg *pg) { return pg->postgis; }
PGconn *sl_pg_conn(sl_pg *pg) { return pg->conn; }

void sl_pg_use_directory_cache(sl_pg *pg, sl_directory_cache *c)
{
    if (pg->own_directory) sl_directory_cache_free(pg->directory);
    pg->directory = c;
    pg->own_directory = 0;
}

sl_directory_cache *sl_pg_directory_cache(sl_pg *pg)
{
    if (!pg->directory && (pg->directory = sl_directory_cache_new())) pg->own_directory = 1;
    return pg->directory;
}

int sl_pg_is_prepared(const sl_pg *pg, const char *sql)
{
    for (size_t i = 0; i < sizeof pg->prepared / sizeof pg->prepared[0] && pg->prepared[i]; i++)
        if (pg->prepared[i] == sql) return 1;
    return 0;
}

int sl_store_is_postgres(const char *spec)
{
    static const char *const PREFIXES[] = {"postgresql://", "postgres://", "host=", "hostaddr=", "dbname=",
                                           "service=", "user=", "port="};
    for (size_t i = 0; spec && i < sizeof PREFIXES / sizeof PREFIXES[0]; i++)
        if (strncmp(spec, PREFIXES[i], strlen(PREFIXES[i])) == 0) return 1;
    return 0;
}

sl_status sl_pg_unsupported(const sl_pg *pg, sl_error *err)
{
    return sl_fail(err, SL_EUSAGE, pg->name, 0,
                   "not available on a PostgreSQL store yet: it holds agencies, partnerships, area sets, point"
                   " layers, requests, baselines, link corrections, the campaign and the businesses directory;"
                   " use an SQLite store file for this. Nothing was changed");
}

/* libpq's message M on one line, in OUT (SIZE bytes): its lines (a
** connection error is "... failed: Connection refused\n\tIs the server
** running ...", one line per address tried) are joined with "; ", the tab
** that indents a hint and the trailing break dropped. Only these go: any
** other control character stays, for the terminal's escaping to show. */
static const char *one_line(const char *m, char *out, size_t size)
{
    size_t o = 0;
    while (*m && o + 3 < size) {
        if (*m != '\n') {
            out[o++] = *m++;
            continue;
        }
        while (*m == '\n' || *m == '\t' || *m == ' ') m++;
        if (*m) out[o++] = ';', out[o++] = ' ';
    }
    while (o > 0 && out[o - 1] == ' ') o--;
    out[o] = '\0';
    return out;
}

/* ROLE as SQL writes it: bare when it needs no quotes, else "quoted" (as
** PQescapeIdentifier would, without its allocation). */
static const char *sql_role(const char *role, char *out, size_t size)
{
    int bare = role[0] && strchr("abcdefghijklmnopqrstuvwxyz_", role[0]) &&
               strspn(role, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(role);
    if (bare) {
        snprintf(out, size, "%s", role);
        return out;
    }
    size_t o = 0;
    out[o++] = '"';
    for (; *role && o + 3 < size; role++) {
        if (*role == '"') out[o++] = '"';
        out[o++] = *role;
    }
    out[o++] = '"';
    out[o] = '\0';
    return out;
}

/* SQLSTATE 42501 (insufficient privilege): a colleague's own role that the
** store's owner has not granted, which PostgreSQL alone words as "permission
** denied for schema sightline". Its primary message (not the LINE echo of
** our SQL), which role was refused, and what the owner runs (README.md,
** "A colleague's own role"). "must be owner": a write that changes the
** schema (a newer sightline's upgrade), which only the owner may do. */
static sl_status refused(sl_pg *pg, const PGresult *r, const char *what, sl_error *err)
{
    const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY), *user = PQuser(pg->conn);
    char role[200], db[200];
    sql_role(user && user[0] ? user : "?", role, sizeof role);
    if (m && strncmp(m, "must be owner", 13) == 0)
        return sl_fail(err, SL_EIO, pg->name, 0,
                       "%s: %s: role %s is not the store's owner, and this sightline changes the store's tables"
                       " at its first write, which only the owner may do: the owner's next import with this"
                       " sightline does it, then colleagues' writes go on (README.md, \"A colleague's own role\")",
                       what, m, role);
    /* the first import of a database: its tables go in a schema of their
    ** own, which a role may create only with the database's CREATE */
    if (m && strncmp(m, "permission denied for database", 30) == 0)
        return sl_fail(err, SL_EIO, pg->name, 0,
                       "%s: %s: role %s may not create the store's schema. The database's owner runs, in psql:"
                       " GRANT CREATE ON DATABASE %s TO %s; (the role of the first import owns the store, and"
                       " grants colleagues theirs: README.md, \"A team's store in PostgreSQL\")",
                       what, m, role, sql_role(PQdb(pg->conn), db, sizeof db), role);
    /* the campaign's or the directory's tables, made at their first write
    ** in a schema where only its owner may create: a granted colleague's
    ** first write of that kind (README.md says the owner's comes first) */
    if (pg->writable && m && strncmp(what, "creating the ", 13) == 0 &&
        strncmp(m, "permission denied for schema", 28) == 0)
        return sl_fail(err, SL_EIO, pg->name, 0,
                       "%s: %s: role %s may write this store but not make new tables in it, which only the"
                       " store's owner may do: the owner's first write of this kind makes them (`sightline"
                       " campaign init` for the campaign's, `sightline import businesses` for the directory's),"
                       " then colleagues' go on (README.md, \"A colleague's own role\")",
                       what, m, role);
    /* a write of a role that reads the store: the read grants are hers */
    if (pg->writable && m && strncmp(m, "permission denied for table", 27) == 0)
        return sl_fail(err, SL_EIO, pg->name, 0,
                       "%s: %s: role %s may not write this store (an import, rm, exclude, the campaign). Its"
                       " owner runs, in psql on database %s: GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA"
                       " sightline TO %s; ALTER DEFAULT PRIVILEGES IN SCHEMA sightline GRANT INSERT, UPDATE,"
                       " DELETE ON TABLES TO %s; (after the read grants, if she lacks them: README.md,"
                       " \"A colleague's own role\")",
                       what, m, role, PQdb(pg->conn), role, role);
    return sl_fail(err, SL_EIO, pg->name, 0,
                   "%s: %s: role %s has not been granted this store. Its owner runs, in psql on database %s:"
                   " GRANT USAGE ON SCHEMA sightline TO %s; GRANT SELECT ON ALL TABLES IN SCHEMA sightline TO %s;"
                   " and, for imports, GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA sightline TO %s"
                   " (README.md, \"A colleague's own role\", has the whole list)",
                   what, m ? m : "permission denied", role, PQdb(pg->conn), role, role, role);
}

sl_status sl_pg_fail(sl_pg *pg, const PGresult *r, const char *what, sl_error *err)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (state && strcmp(state, "42501") == 0) return refused(pg, r, what, err);
    const char *m = r ? PQresultErrorMessage(r) : "";
    if (!m || !m[0]) m = PQerrorMessage(pg->conn);
    char line[sizeof err->msg];
    /* the server stopped or restarted under the command: libpq's words
    ** ("server closed the connection unexpectedly ... no COPY in
    ** progress") do not say what became of the command's writes */
    const char *lost = PQstatus(pg->conn) == CONNECTION_BAD || (state && strncmp(state, "57P0", 4) == 0)
                           ? ". The connection to the server was lost (it stopped or restarted): what this command had"
                             " not committed was rolled back by the server; run it again once the server is back"
                           : "";
    return sl_fail(err, SL_EIO, pg->name, 0, "%s: %.*s%s", what, (int)(sizeof line - strlen(lost) - 120),
                   one_line(m, line, sizeof line), lost);
}

sl_status sl_pg_has_column(sl_pg *pg, const char *table, const char *column, int *yes, sl_error *err)
{
    PGresult *r;
    const char *v[] = {table, column};
    *yes = 0;
    if (sl_pg_run(pg, "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('sightline.' || quote_ident($1))"
                      " AND attname = $2 AND NOT attisdropped", 2, v, &r, "reading the schema", err))
        return err->status;
    *yes = PQntuples(r) == 1;
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_has_table(sl_pg *pg, const char *name, int *yes, sl_error *err)
{
    PGresult *r;
    const char *v[] = {name};
    *yes = 0;
    if (sl_pg_run(pg, "SELECT to_regclass('sightline.' || quote_ident($1)) IS NOT NULL", 1, v, &r,
                  "reading the schema", err))
        return err->status;
    *yes = PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
    PQclear(r);
    return SL_OK;
}

int sl_pg_table_there(sl_pg *pg, const char *name)
{
    sl_error e;
    int yes;
    return !sl_pg_has_table(pg, name, &yes, &e) && yes;
}

const char *sl_pg_num(char buf[32], long long v)
{
    snprintf(buf, 32, "%lld", v);
    return buf;
}

static int result_ok(const PGresult *r)
{
    ExecStatusType s = PQresultStatus(r);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

sl_status sl_pg_exec(sl_pg *pg, const char *sql, const char *what, sl_error *err)
{
    PGresult *r = PQexec(pg->conn, sql);
    sl_status s = result_ok(r) ? SL_OK : sl_pg_fail(pg, r, what, err);
    PQclear(r);
    return s;
}

/* The name SQL is prepared under on this connection ("" when the cache is
** full: it then runs unprepared, only slower); -1 when preparing failed. */
static int prepared_name(sl_pg *pg, const char *sql, char name[16], const char *what, sl_error *err)
{
    size_t n = sizeof pg->prepared / sizeof pg->prepared[0], i;
    name[0] = '\0';
    for (i = 0; i < n && pg->prepared[i]; i++)
        if (pg->prepared[i] == sql) break;
    if (i == n) return 0;
    snprintf(name, 16, "sl_%zu", i);
    if (pg->prepared[i]) return 0;
    PGresult *r = PQprepare(pg->conn, name, sql, 0, NULL);
    int ok = result_ok(r);
    if (!ok) sl_pg_fail(pg, r, what, err);
    PQclear(r);
    if (!ok) return -1;
    pg->prepared[i] = sql;
    return 0;
}

sl_status sl_pg_run(sl_pg *pg, const char *sql, int n, const char *const *values, PGresult **res,
                    const char *what, sl_error *err)
{
    return sl_pg_run_bin(pg, sql, n, values, NULL, NULL, 0, res, what, err);
}

sl_status sl_pg_run_bin(sl_pg *pg, const char *sql, int n, const char *const *values, const int *lengths,
                        const int *formats, int binary_result, PGresult **res, const char *what, sl_error *err)
{
    char name[16];
    if (res) *res = NULL;
    if (prepared_name(pg, sql, name, what, err)) return err->status;
    PGresult *r = name[0] ? PQexecPrepared(pg->conn, name, n, values, lengths, formats, binary_result)
                          : PQexecParams(pg->conn, sql, n, NULL, values, lengths, formats, binary_result);
    if (!result_ok(r)) {
        sl_pg_fail(pg, r, what, err);
        PQclear(r);
        return err->status;
    }
    if (res) *res = r;
    else PQclear(r);
    return SL_OK;
}

sl_status sl_pg_scalar(sl_pg *pg, const char *sql, int n, const char *const *v, char *out, size_t size,
                        int *found, const char *what, sl_error *err)
{
    PGresult *r;
    if (sl_pg_run(pg, sql, n, v, &r, what, err)) return err->status;
    *found = PQntuples(r) > 0;
    snprintf(out, size, "%s", *found ? PQgetvalue(r, 0, 0) : "");
    PQclear(r);
    return SL_OK;
}

/* PostGIS 3 or newer must be installed in the database; the search path
** becomes sightline's schema, then PostGIS's (wherever it was installed). */
static sl_status check_postgis(sl_pg *pg, sl_error *err)
{
    PGresult *r;
    if (sl_pg_run(pg, "SELECT e.extversion, n.nspname FROM pg_extension e JOIN pg_namespace n"
                      " ON n.oid = e.extnamespace WHERE e.extname = 'postgis'",
                  0, NULL, &r, "checking for PostGIS", err))
        return err->status;
    int found = PQntuples(r) == 1;
    int major = found ? atoi(PQgetvalue(r, 0, 0)) : 0;
    char version[32], nsp[128];
    snprintf(version, sizeof version, "%s", found ? PQgetvalue(r, 0, 0) : "");
    snprintf(nsp, sizeof nsp, "%s", found ? PQgetvalue(r, 0, 1) : "");
    PQclear(r);
    if (!found)
        return sl_fail(err, SL_EDATA, pg->name, 0,
                       "PostGIS is not installed in this database: sightline needs PostGIS 3 (as its owner run"
                       " CREATE EXTENSION postgis; Debian package postgresql-15-postgis-3)");
    if (major < 3)
        return sl_fail(err, SL_EDATA, pg->name, 0, "PostGIS %s is installed; sightline needs PostGIS 3 or newer",
                       version);
    char *quoted = PQescapeIdentifier(pg->conn, nsp, strlen(nsp));
    if (!quoted) return sl_fail(err, SL_ENOMEM, pg->name, 0, "out of memory");
    snprintf(pg->postgis, sizeof pg->postgis, "%s", quoted);
    PQfreemem(quoted);
    /* the views' SQL is dollar-quoted (pg_views.c) */
    if (strchr(pg->postgis, '$'))
        return sl_fail(err, SL_EDATA, pg->name, 0, "PostGIS is installed in schema %s, whose name holds a '$':"
                       " sightline cannot name it in its views; install PostGIS in another schema", pg->postgis);
    const char *v[1] = {nsp};
    return sl_pg_run(pg, "SELECT set_config('search_path', 'sightline, ' || quote_ident($1), false)", 1, v, NULL,
                     "setting the search path", err);
}

static double seconds_now(void);

/* A lock_timeout as SHOW gives it ("0", "500ms", "3s", "2min", "1h"), in ms. */
static long timeout_ms(const char *v)
{
    char *unit;
    long n = strtol(v, &unit, 10);
    return !strcmp(unit, "s") ? n * 1000 : !strcmp(unit, "min") ? n * 60000 : !strcmp(unit, "h") ? n * 3600000 : n;
}

/* One DDL statement STMT of the upgrade, without queueing readers behind
** it. ALTER TABLE waits for a colleague's long read (an audit) to end, and
** every reader that comes after queues behind the ALTER, dashboards too.
** So each try waits at most a fifth of a second (lock_timeout, in a
** savepoint), the readers go on between tries, and the wait is told as a
** writer's is; a lock_timeout the session set bounds the whole wait. */
sl_status sl_pg_upgrade_step(sl_pg *pg, const char *stmt, sl_error *err)
{
    char saved[64];
    int found = 0;
    if (sl_pg_scalar(pg, "SELECT current_setting('lock_timeout')", 0, NULL, saved, sizeof saved, &found,
               "upgrading the schema", err))
        return err->status;
    const char *restore[] = {saved};
    long limit_ms = timeout_ms(saved); /* 0: none */
    double start = seconds_now(), told = 0;
    for (;;) {
        if (sl_pg_exec(pg, "SAVEPOINT upgrade; SELECT set_config('lock_timeout', '200ms', true)",
                       "upgrading the schema", err))
            return err->status;
        PGresult *r = PQexec(pg->conn, stmt);
        const char *state = result_ok(r) ? NULL : PQresultErrorField(r, PG_DIAG_SQLSTATE);
        int busy = state && !strcmp(state, "55P03");
        double waited = seconds_now() - start;
        if (busy && limit_ms > 0 && waited * 1000 >= (double)limit_ms) busy = 0; /* the session's own limit */
        sl_status s = !state || busy ? SL_OK : sl_pg_fail(pg, r, "upgrading the schema", err);
        PQclear(r);
        if (s) return s;
        if (!busy)
            return sl_pg_run(pg, "SELECT set_config('lock_timeout', $1, true)", 1, restore, NULL,
                             "upgrading the schema", err) ||
                           sl_pg_exec(pg, "RELEASE SAVEPOINT upgrade", "upgrading the schema", err)
                       ? err->status
                       : SL_OK;
        if (sl_pg_exec(pg, "ROLLBACK TO SAVEPOINT upgrade", "upgrading the schema", err)) return err->status;
        if (waited >= SL_STORE_WAIT_TELL && waited - told >= 1) {
            sl_progress_tell(&pg->wait, pg->title, (uint64_t)waited, 0);
            told = waited;
        }
        struct timespec pause = {0, 300 * 1000 * 1000}; /* the readers' turn */
        nanosleep(&pause, NULL);
    }
}

void sl_pg_tell_wait(sl_pg *pg, double waited, double *told)
{
    if (waited < SL_STORE_WAIT_TELL || waited - *told < 1) return;
    sl_progress_tell(&pg->wait, pg->title, (uint64_t)waited, 0);
    *told = waited;
}

/* Session settings: UTC, quiet notices, exact doubles, and for readers no
** write at all (as SQLite's query_only). */
static sl_status configure(sl_pg *pg, sl_error *err)
{
    if (sl_pg_exec(pg, "SET client_min_messages = warning; SET TIME ZONE 'UTC'; SET extra_float_digits = 3",
                   "configuring the connection", err))
        return err->status;
    if (!pg->writable && sl_pg_exec(pg, "SET default_transaction_read_only = on", "configuring the connection", err))
        return err->status;
    return check_postgis(pg, err);
}

static void name_store(sl_pg *pg)
{
    const char *host = PQhost(pg->conn), *port = PQport(pg->conn), *db = PQdb(pg->conn);
    snprintf(pg->name, sizeof pg->name, "PostgreSQL database %s on %s%s%s", db ? db : "?",
             host && host[0] ? host : "localhost", port && port[0] ? ":" : "", port ? port : "");
    snprintf(pg->title, sizeof pg->title, "PostgreSQL database %s", db ? db : "?");
}

/* Where the person keeps a password so that it shows nowhere. */
#define PGPASS_HINT                                                                                                    \
    "give it in ~/.pgpass (a line HOST:PORT:DATABASE:ROLE:PASSWORD, mode 0600) or the file PGPASSFILE names, not"     \
    " in -s, where `ps` and the shell's history show it (README.md, \"A team's store in PostgreSQL\")"

/* A connection string libpq cannot parse: its words quote the pieces it
** choked on, which may be the password's, so they go as "...". */
static sl_status unreadable(const char *conninfo, sl_error *err)
{
    char *why = NULL, line[sizeof err->msg];
    PQconninfoOption *o = PQconninfoParse(conninfo, &why);
    if (o) {
        PQconninfoFree(o);
        return SL_OK;
    }
    sl_pg_unquote(why ? why : "out of memory", line, sizeof line);
    if (why) PQfreemem(why);
    return sl_fail(err, SL_EUSAGE, "PostgreSQL", 0,
                   "cannot read the connection string given with -s (%s; it is not shown, as it may hold a"
                   " password): in a URI write @ as %%40, : %%3A, / %%2F, ? %%3F, # %%23, %% %%25 and a space"
                   " %%20 inside a name or password, in key=value form quote a value with a space"
                   " (password='a b'); better, " PGPASS_HINT,
                   line);
}

/* The server's warnings (a VACUUM that skipped a table) are kept for
** the code that asked, not printed by libpq on stderr. */
static void keep_notice(void *ctx, const char *message)
{
    sl_pg *pg = ctx;
    char line[sizeof pg->notice];
    snprintf(pg->notice, sizeof pg->notice, "%s", one_line(message, line, sizeof line));
}

int sl_pg_take_notice(sl_pg *pg, char *out, size_t size)
{
    int any = pg->notice[0] != '\0';
    if (out && size) snprintf(out, size, "%s", pg->notice);
    pg->notice[0] = '\0';
    return any;
}

static sl_status connect_db(sl_pg *pg, const char *conninfo, const char *app, sl_error *err)
{
    if (unreadable(conninfo, err)) return err->status;
    /* a fallback: the user's application_name (in CONNINFO, or PGAPPNAME) wins */
    const char *keys[] = {"dbname", "fallback_application_name", "client_encoding", NULL};
    const char *vals[] = {conninfo, app ? app : "sightline", "UTF8", NULL};
    pg->conn = PQconnectdbParams(keys, vals, 1);
    if (!pg->conn) return sl_fail(err, SL_ENOMEM, "PostgreSQL", 0, "out of memory");
    PQsetNoticeProcessor(pg->conn, keep_notice, pg);
    name_store(pg);
    /* a password with a character a URI must encode, cut by libpq into a
    ** host, a port or a database that the name and its error repeat */
    int leaks = PQstatus(pg->conn) != CONNECTION_OK && (sl_pg_repeats_password(conninfo, pg->name) ||
                                                        sl_pg_repeats_password(conninfo, PQerrorMessage(pg->conn)));
    if (leaks) {
        snprintf(pg->name, sizeof pg->name, "PostgreSQL");
        snprintf(pg->title, sizeof pg->title, "PostgreSQL database");
        return sl_fail(err, SL_EUSAGE, pg->name, 0,
                       "the password in the connection string given with -s holds a character that a URI"
                       " must percent-encode, and libpq read part of it as the host, port or database (its"
                       " words are not shown, as they repeat that part): write @ as %%40, : %%3A, / %%2F,"
                       " ? %%3F, # %%23, %% %%25, a space %%20; better, " PGPASS_HINT);
    }
    if (PQstatus(pg->conn) == CONNECTION_OK) return SL_OK;
    /* named as every other error of the store, from what libpq was asked
    ** to reach (defaults and PG* variables applied), never by the
    ** connection string: a server that is down, a host, port or database
    ** mistyped then shows in the message whatever libpq's own words say */
    const char *user = PQuser(pg->conn), *m = PQerrorMessage(pg->conn);
    char line[sizeof err->msg];
    one_line(m, line, sizeof line);
    /* libpq never asks for a password (psql does): say where it goes */
    const char *hint = strstr(m, "no password supplied") ? "; libpq asks for no password: " PGPASS_HINT
                       : strstr(m, "password authentication failed")
                           ? "; the password sent (from -s, PGPASSWORD, or the line of ~/.pgpass whose host,"
                             " port, database and role match) is not this role's"
                           : "";
    return sl_fail(err, SL_EIO, pg->name, 0, "cannot connect%s%s: %.*s%s", user && user[0] ? " as role " : "",
                   user ? user : "", (int)(sizeof line - strlen(hint) - 200), line, hint);
}

static sl_status commit_tx(sl_pg *pg, int bump, sl_error *err);

sl_status sl_pg_open(const char *conninfo, int writable, const char *app, const sl_progress *wait, sl_pg **out,
                     sl_error *err)
{
    sl_pg *pg = calloc(1, sizeof *pg);
    *out = NULL;
    if (!pg) return sl_fail(err, SL_ENOMEM, "PostgreSQL", 0, "out of memory");
    snprintf(pg->name, sizeof pg->name, "PostgreSQL");
    pg->writable = writable;
    if (wait) pg->wait = *wait;
    sl_status s = connect_db(pg, conninfo, app, err);
    if (!s) s = configure(pg, err);
    if (!s && writable) {
        s = sl_pg_begin(pg, err);
        if (!s) s = sl_pg_prepare_for_writing(pg, err);
        if (!s) s = commit_tx(pg, 0, err);
    } else if (!s) {
        s = sl_pg_check_readable(pg, err);
    }
    if (s) {
        sl_pg_close(pg);
        return s;
    }
    *out = pg;
    return SL_OK;
}

void sl_pg_close(sl_pg *pg)
{
    if (!pg) return;
    if (pg->conn) PQfinish(pg->conn); /* an open transaction is rolled back by the server */
    if (pg->own_directory) sl_directory_cache_free(pg->directory);
    free(pg);
}

static int in_transaction(const sl_pg *pg) { return PQtransactionStatus(pg->conn) != PQTRANS_IDLE; }

sl_status sl_pg_read_begin(sl_pg *pg, sl_error *err)
{
    if (pg->read_depth) {
        pg->read_depth++;
        return SL_OK;
    }
    if (in_transaction(pg)) return SL_OK; /* inside a write transaction */
    /* REPEATABLE READ: every query of the command sees one snapshot, taken
    ** at its first query; imports committing meanwhile are not seen. */
    if (sl_pg_exec(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1", "starting a read", err))
        return err->status;
    pg->read_depth = 1;
    return SL_OK;
}

void sl_pg_read_end(sl_pg *pg)
{
    if (!pg->read_depth || --pg->read_depth) return;
    sl_pg_rollback(pg);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The error of the lock's statement R: the server's lock_timeout or
** statement_timeout ending the wait is a writer still at work, not a fault. */
static sl_status lock_failed(sl_pg *pg, const PGresult *r, double waited, sl_error *err)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (state && (!strcmp(state, "55P03") || !strcmp(state, "57014")))
        return sl_fail(err, SL_EIO, pg->name, 0,
                       "gave up after %.0f s waiting for another sightline writing to the store (an import or rm):"
                       " the server's %s ended the wait; nothing was changed, run this again when that one has"
                       " finished",
                       waited, state[1] == '5' ? "lock_timeout" : "statement_timeout");
    return sl_pg_fail(pg, r, "starting a write (an import, or a campaign change)", err);
}

/* Take the write lock. Sent without blocking, so that a wait for another
** writer (a long import) is told to pg->wait from SL_STORE_WAIT_TELL
** seconds on, once a second, instead of hanging without a word. */
static sl_status write_lock(sl_pg *pg, sl_error *err)
{
    double start = seconds_now(), told = 0;
    if (!PQsendQuery(pg->conn, WRITE_LOCK)) return lock_failed(pg, NULL, 0, err);
    while (PQisBusy(pg->conn)) {
        struct pollfd fd = {.fd = PQsocket(pg->conn), .events = POLLIN};
        if (poll(&fd, 1, 250) < 0 && errno != EINTR) break;
        if (!PQconsumeInput(pg->conn)) break; /* the connection failed: PQgetResult says how */
        double waited = seconds_now() - start;
        if (PQisBusy(pg->conn) && waited >= SL_STORE_WAIT_TELL && waited - told >= 1) {
            sl_progress_tell(&pg->wait, pg->title, (uint64_t)waited, 0);
            told = waited;
        }
    }
    sl_status s = SL_OK;
    PGresult *r;
    while ((r = PQgetResult(pg->conn))) { /* every result, so the connection is ready for the next */
        if (!s && !result_ok(r)) s = lock_failed(pg, r, seconds_now() - start, err);
        PQclear(r);
    }
    return s;
}

sl_status sl_pg_begin(sl_pg *pg, sl_error *err)
{
    if (sl_pg_exec(pg, "BEGIN", "starting a write (an import, or a campaign change)", err) || write_lock(pg, err)) {
        sl_pg_rollback(pg);
        return err->status;
    }
    return SL_OK;
}

sl_status sl_pg_generation(sl_pg *pg, char *out, size_t size, sl_error *err)
{
    int found;
    if (sl_pg_scalar(pg, "SELECT value FROM sightline.meta WHERE key = 'generation'", 0, NULL, out, size, &found,
               "reading the store's generation", err))
        return err->status;
    if (!found) snprintf(out, size, "0");
    return SL_OK;
}

/* COMMIT of a transaction a failed statement aborted "succeeds" as a
** ROLLBACK: that is an import that did not land, and must say so. BUMP: a
** change of data, which a server watching the store (sl_store_generation)
** must see; the schema check of an open is none, so it bumps nothing and
** does not throw away a server's cached answers. Nor does a transaction
** that wrote no row (it has no transaction id: a server's batch of refused
** forms), which leaves the store as it was, as the same commit on SQLite. */
static sl_status commit_tx(sl_pg *pg, int bump, sl_error *err)
{
    if (bump && PQtransactionStatus(pg->conn) == PQTRANS_INTRANS &&
        sl_pg_exec(pg, "INSERT INTO sightline.meta SELECT 'generation', '1'"
                       " WHERE pg_current_xact_id_if_assigned() IS NOT NULL ON CONFLICT (key) DO UPDATE"
                       " SET value = (sightline.meta.value::bigint + 1)::text",
                   "committing", err)) {
        sl_pg_rollback(pg);
        return err->status;
    }
    PGresult *r = PQexec(pg->conn, "COMMIT");
    sl_status s = result_ok(r) ? SL_OK : sl_pg_fail(pg, r, "committing", err);
    if (!s && strcmp(PQcmdStatus(r), "COMMIT") != 0)
        s = sl_fail(err, SL_EIO, pg->name, 0, "committing: the transaction had failed and was rolled back");
    PQclear(r);
    return s;
}

sl_status sl_pg_commit(sl_pg *pg, sl_error *err)
{
    return commit_tx(pg, 1, err);
}

void sl_pg_rollback(sl_pg *pg)
{
    if (in_transaction(pg)) PQclear(PQexec(pg->conn, "ROLLBACK"));
}

int sl_pg_reset(sl_pg *pg)
{
    if (PQstatus(pg->conn) != CONNECTION_OK) return 0;
    PGTransactionStatusType t = PQtransactionStatus(pg->conn);
    if (t == PQTRANS_ACTIVE || t == PQTRANS_UNKNOWN) return 0; /* a result still coming, or no server */
    if (t != PQTRANS_IDLE) {
        PGresult *r = PQexec(pg->conn, "ROLLBACK");
        int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        if (!ok || PQtransactionStatus(pg->conn) != PQTRANS_IDLE) return 0;
    }
    pg->read_depth = 0;
    /* our own directory index was built from one request's snapshot: the
    ** next request builds its own, as on a new connection */
    if (pg->own_directory) {
        sl_directory_cache_free(pg->directory);
        pg->directory = NULL;
        pg->own_directory = 0;
    }
    return 1;
}

sl_status sl_pg_strings(sl_pg *pg, const char *sql, int n, const char *const *values, sl_arena *arena,
                        const char ***names, size_t *count, const char *what, sl_error *err)
{
    PGresult *r;
    *names = NULL;
    *count = 0;
    if (sl_pg_run(pg, sql, n, values, &r, what, err)) return err->status;
    int rows = PQntuples(r);
    const char **list = rows ? sl_arena_alloc(arena, (size_t)rows * sizeof *list) : NULL;
    sl_status s = rows && !list ? sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory") : SL_OK;
    for (int i = 0; !s && i < rows; i++)
        if (!(list[i] = sl_arena_strdup(arena, PQgetvalue(r, i, 0))))
            s = sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
    PQclear(r);
    if (s) return s;
    *names = list;
    *count = (size_t)rows;
    return SL_OK;
}

double sl_pg_f8(const PGresult *r, int row, int c)
{
    if (PQgetisnull(r, row, c)) return NAN;
    const unsigned char *p = (const unsigned char *)PQgetvalue(r, row, c);
    uint64_t bits = 0; /* network order */
    for (int i = 0; i < 8; i++) bits = bits << 8 | p[i];
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}
