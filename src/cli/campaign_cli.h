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
** suggest, approve, reject) with
** argv[0] = SUB: its exit code, or -1 when SUB is none of them. */
int cli_campaign_admin(const char *sub, int argc, char **argv);

#endif
