/*
** file.h — whole-file reads for inputs, with transparent gunzip, and the
** limits every reader of inputs keeps.
**
** Public-records files are small enough (tens of MB) to read whole, which keeps
** the parsers simple and lets the hash be taken over the same bytes. What is
** read into memory is bounded: a directory or a device (/dev/zero never ends)
** is refused, a pipe may give at most SIGHTLINE_MAX_INPUT_MB, and gzip data
** may expand to at most that and, past SL_GZIP_RATIO_FROM_MB, to at most
** SIGHTLINE_MAX_GZIP_RATIO times its compressed size. Both environment
** variables are whole numbers; unset or invalid, the defaults hold.
*/
#ifndef SIGHTLINE_FILE_H
#define SIGHTLINE_FILE_H

#include <stddef.h>
#include "sightline/core/error.h"

/* Read PATH into a malloc'ed, NUL-terminated buffer (*len excludes the NUL).
** A name ending in .gz is decompressed. sha256_hex (may be NULL) receives
** the hash of the bytes on disk. */
sl_status sl_read_file(const char *path, char **data, size_t *len,
                       char sha256_hex[65], sl_error *err);

/* Default of SIGHTLINE_MAX_INPUT_MB: the most bytes, in MB, read into memory
** from a pipe or expanded from gzip data. */
#define SL_MAX_INPUT_MB 4096
/* Default of SIGHTLINE_MAX_GZIP_RATIO: the most gzip data may expand (text
** compresses 5 to 20 times; a bomb of zeros 1000 times), checked only once
** the output passes SL_GZIP_RATIO_FROM_MB (small files may expand freely). */
#define SL_MAX_GZIP_RATIO 100
#define SL_GZIP_RATIO_FROM_MB 16

/* SIGHTLINE_MAX_INPUT_MB in bytes (SL_MAX_INPUT_MB unless set). */
size_t sl_input_max_bytes(void);

/* 1 when IN bytes of gzip data giving OUT bytes pass a limit above. */
int sl_inflate_too_big(size_t in, size_t out);

/* The error for sl_inflate_too_big(IN, OUT), naming the limit passed and the
** variable that raises it; returns its status. */
sl_status sl_inflate_limit_error(const char *path, size_t in, size_t out, sl_error *err);

/* Read PATH's bytes as they are (no decompression) into a malloc'ed,
** NUL-terminated buffer (*len excludes the NUL), hashing those very bytes
** into sha256_hex (may be NULL): what is recorded is what gets parsed. A pipe
** is read up to SIGHTLINE_MAX_INPUT_MB. */
sl_status sl_read_input(const char *path, char **data, size_t *len, char sha256_hex[65], sl_error *err);

/* Open PATH for reading into *FD (the caller closes it); *REGULAR is 1 for a
** regular file (its size is known), 0 for a pipe or socket. A directory or a
** device is refused with a sentence saying so: a device like /dev/zero never
** ends, and a directory would only give "read error". PATH "-" is standard
** input (a duplicate of it: closing *FD leaves fd 0 open). */
sl_status sl_open_input(const char *path, int *fd, int *regular, sl_error *err);

/* Hash a file's bytes on disk without keeping them. */
sl_status sl_hash_file(const char *path, char sha256_hex[65], sl_error *err);

/* Why no new file can be made at PATH for its directory, as a sentence
** into BUF ("there is no directory /x/y: make it first (mkdir -p /x/y)",
** "the directory /x is not writable: ..."); NULL when the directory is
** there and writable. A store or report path in a missing directory
** failed with "unable to open database file" or a lock's ENOENT. */
const char *sl_parent_dir_problem(const char *path, char *buf, size_t size);

/* When SYS (an errno) is a full disk, a used-up quota (ENOSPC, EDQUOT) or
** the process's file-size limit (EFBIG, ulimit -f): ERR says so for PATH in
** words, WHAT first ("writing the output"), then that the folder had no
** room (its free space now) or which limit, that UNCHANGED ("nothing was
** changed"), about NEED bytes (at least 1 MB) it needed, WHY that much
** ("(the copy is about as large as the store)"), and what to do; returns 1.
** Another errno: 0, ERR untouched. */
int sl_full_cause(int sys, const char *path, const char *what, unsigned long long need, const char *why,
                  const char *unchanged, sl_error *err);

/* The last path component of PATH (a pointer into PATH). */
const char *sl_basename(const char *path);

#endif
