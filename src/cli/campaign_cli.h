/*
** campaign_cli.h — what the two files of `sightline campaign` share.
*/
#ifndef SIGHTLINE_CAMPAIGN_CLI_H
#define SIGHTLINE_CAMPAIGN_CLI_H

#include <stdio.h>

/* The help of every campaign subcommand. */
void cli_campaign_usage(FILE *out);

/* With SUB: the --help page of organisers' command SUB on OUT (1), or 0
** when SUB is none of them. With NULL: every such command's section, as
** the whole campaign page prints them (1). */
int cli_campaign_admin_help(const char *sub, FILE *out);

/* The usage lines of the organisers' commands, as the whole page lists them. */
void cli_campaign_admin_usages(FILE *out);

/* Run subcommand SUB (pledge, confirm, purge, erase, unlist, relist, export, send,
** suggest, approve, reject, token, close, reopen) with
** argv[0] = SUB: its exit code, or -1 when SUB is none of them. */
int cli_campaign_admin(const char *sub, int argc, char **argv);

/* The campaign's end (campaign_end.c): close at NOW, reopen, and erase
** every signer of STORE (its name, for what it says) after the
** confirmation CONFIRM (--confirm N; NULL: asked on a terminal). Each
** prints what it did and returns the exit code. */
#include "sightline/core/error.h"
#include "sightline/store/store.h"
int cli_campaign_close(sl_store *st, long long now, sl_error *err);
int cli_campaign_reopen(sl_store *st, sl_error *err);
int cli_campaign_erase_all(sl_store *st, const char *store, long long now, const char *confirm, sl_error *err);
/* Print the whole backups `sightline backup` made of ST that held signers
** and are still where they were written, with an `rm` line each, WHY saying
** what they hold; and how many are gone from there. Nothing when none was
** made. SL_OK, or the store's failure in ERR (nothing printed). */
int cli_campaign_backups(sl_store *st, const char *why, sl_error *err);

#endif
