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

/* Bytes [FROM, TO) of a read-only file mapping are read: the pages wholly
** inside leave this process (they stay in the page cache, and touching them
** again maps them back). Readers of mapped files call it as they go, so a
** file larger than memory is read with a bounded resident set. Never call
** it on memory that is not such a mapping. */
void sl_file_release(const void *from, const void *to);

/* The bytes released at a time by readers of mappings: large, because each
** release interrupts every thread of the process (a TLB flush). */
#define SL_RELEASE_STEP ((size_t)32 << 20)

/* SHA-256 of LEN bytes of a read-only file mapping, releasing each step of
** pages once hashed (sl_file_release). */
void sl_hash_mapping(const void *data, size_t len, char sha256_hex[65]);

/* The last path component of PATH (a pointer into PATH). */
const char *sl_basename(const char *path);

#endif
