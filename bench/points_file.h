/*
** points_file.h — the benchmark's point files: "lon,lat" CSV, one point a
** line, written once and read by every tool so all of them see the same
** points. Reading maps the file and parses decimals by hand, split at
** newlines over threads: strtod per field would cost more than the join.
*/
#ifndef SIGHTLINE_BENCH_POINTS_FILE_H
#define SIGHTLINE_BENCH_POINTS_FILE_H

#include <stddef.h>

/* Read PATH into malloc'ed arrays; returns 0 on success, -1 (errno set or a
** message on stderr) on failure. THREADS >= 1. */
int points_read(const char *path, int threads, double **lon, double **lat, size_t *n);

/* Write N uniform random points in BOX {min x, min y, max x, max y} with a
** fixed SEED; returns 0 on success. */
int points_write_uniform(const char *path, const double box[4], size_t n, unsigned long long seed);

/* Seconds on a monotonic clock. */
double points_now(void);
/* CPU seconds used so far by all threads of this process: on a machine
** shared with other jobs this, unlike wall time, does not count waiting. */
double points_cpu_now(void);

#endif
