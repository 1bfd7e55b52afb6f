/*
** file.h — whole-file reads for inputs, with transparent gunzip.
**
** Public-records files are small enough (tens of MB) to read whole, which keeps
** the parsers simple and lets the hash be taken over the same bytes.
*/
#ifndef SIGHTLINE_FILE_H
#define SIGHTLINE_FILE_H

#include <stddef.h>
#include "sightline/error.h"

/* Read PATH into a malloc'ed, NUL-terminated buffer (*len excludes the NUL).
** A name ending in .gz is decompressed. sha256_hex (may be NULL) receives
** the hash of the bytes on disk. */
sl_status sl_read_file(const char *path, char **data, size_t *len,
                       char sha256_hex[65], sl_error *err);

/* Hash a file's bytes on disk without keeping them. */
sl_status sl_hash_file(const char *path, char sha256_hex[65], sl_error *err);

/* The last path component of PATH (a pointer into PATH). */
const char *sl_basename(const char *path);

#endif
