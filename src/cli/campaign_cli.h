/*
** campaign_cli.h — what the two files of `sightline campaign` share.
*/
#ifndef SIGHTLINE_CAMPAIGN_CLI_H
#define SIGHTLINE_CAMPAIGN_CLI_H

#include <stdio.h>

/* The help of every campaign subcommand. */
void cli_campaign_usage(FILE *out);

/* Run subcommand SUB (pledge, confirm, purge, erase, export, send,
** suggest, approve, reject) with
** argv[0] = SUB: its exit code, or -1 when SUB is none of them. */
int cli_campaign_admin(const char *sub, int argc, char **argv);

#endif
