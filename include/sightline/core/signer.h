/*
** signer.h — a signer's name as the campaign shows it in public, and the
** organisers' search by a part of it. Both work on the name as the signer
** typed it (UTF-8), in memory only.
*/
#ifndef SIGHTLINE_CORE_SIGNER_H
#define SIGHTLINE_CORE_SIGNER_H

#define SL_PUBLIC_NAME_MAX 160

/* The public list's name of FULL into OUT: "Ann S." of "Ann Marie Smith"
** (the first word, and the first character of the last word, a whole
** UTF-8 sequence); "Ann" of a name of one word; "" when none was given. */
void sl_signer_public_name(const char *full, char out[SL_PUBLIC_NAME_MAX]);

/* 1 when PART is in NAME, letters in any case and accents folded
** ("ZOE" finds "Zoë"), punctuation and runs of spaces alike; a PART of no
** Latin letter or digit (another script) is looked for as typed. 0 for an
** empty PART. */
int sl_signer_name_has(const char *name, const char *part);

#endif
