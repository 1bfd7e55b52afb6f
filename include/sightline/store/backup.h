/*
** backup.h — a consistent copy of a SQLite store (`sightline backup`), and
** the copy with no personal data or secret in it, to hand to someone outside
** the campaign (--share). A `cp` of a store that `serve` writes can miss
** what is still in its write-ahead log, and hands every signer's address on.
*/
#ifndef SIGHTLINE_STORE_BACKUP_H
#define SIGHTLINE_STORE_BACKUP_H

#include <signal.h>
#include "sightline/core/error.h"
#include "sightline/core/progress.h"
#include "sightline/store/store.h"

typedef struct sl_backup_opts {
    int share;                         /* leave out personal data and secrets (see backup.c) */
    sl_progress progress;              /* "pages copied" DONE of TOTAL; zeroed: nothing told */
    const volatile sig_atomic_t *stop; /* non-zero: stop between steps, as a failure; NULL: never */
} sl_backup_opts;

typedef struct sl_backup_result {
    long long imports, records; /* the copy's imports, and the records they brought */
    long long pledges;          /* pledges in the copy */
    long long left_out;         /* --share: pledges the copy leaves out */
    long long bytes;            /* the copy's size */
    long stale;                 /* copies killed backups had left beside OUT, removed first */
    char stale_first[4400];     /* the first of them's path */
} sl_backup_result;

/* Copy the SQLite store ST (opened to read) to a new file OUT, as ST was at
** one moment, whatever other processes write meanwhile (SQLite's online
** backup, inside one read snapshot). The copy is written to a temporary file
** beside OUT, checked (quick_check) and only then given the name OUT, which
** must not exist: on any failure, O->stop's included, no OUT and no
** temporary file are left. A backup killed outright (SIGKILL) cannot remove
** its temporary file: the next backup into that directory does (RES->stale),
** as no running backup holds its lock. SL_EUSAGE when OUT exists or is the store, or ST
** is a PostgreSQL store (see sl_store_backup_pg_advice). */
sl_status sl_store_backup(sl_store *st, const char *out, const sl_backup_opts *o, sl_backup_result *res,
                          sl_error *err);

/* What to run instead on a PostgreSQL store, into BUF (LEN bytes): the
** pg_dump command and, for SHARE, the tables whose rows to leave out and the
** meta rows to delete before handing the copy on. */
void sl_store_backup_pg_advice(int share, char *buf, size_t len);

/* A backup that holds signers, as the store recorded it. */
typedef struct sl_backup_made {
    long long made;    /* when (Unix s) */
    long long pledges; /* the pledges the copy holds */
    char *path;        /* where it was written (absolute when it could be resolved) */
} sl_backup_made;

typedef struct sl_backup_list {
    sl_backup_made *items;
    size_t count;
} sl_backup_list;

/* Record in the SQLite store ST (opened to write) that a whole backup holding
** PLEDGES pledges was written to PATH at MADE: `campaign erase` cannot reach
** a copy, but it can name the copies sightline made, so the organiser knows
** which files still hold a signer's address. The record holds no field of a
** signer; `backup --share` copies leave it out. */
sl_status sl_store_backup_record(sl_store *st, const char *path, long long made, long long pledges, sl_error *err);

/* The whole backups of ST that held pledges, oldest first, into OUT (freed
** with sl_backup_list_free); none for a PostgreSQL store or a store that made
** none. */
sl_status sl_store_backups_held(sl_store *st, sl_backup_list *out, sl_error *err);

void sl_backup_list_free(sl_backup_list *l);

#endif
