/*
** points_file.c — writing and fast reading of the benchmark's point CSVs
** (see points_file.h).
*/
#include "points_file.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

double points_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

double points_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static const double pow10_neg[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                   1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

/* Parse a plain decimal ("-73.9712345") at *p; falls back to strtod for
** anything fancier. Leaves *p after the number. */
static double parse_decimal(const char **p, const char *end)
{
    const char *s = *p;
    int neg = 0;
    if (s < end && (*s == '-' || *s == '+'))
        neg = *s++ == '-';
    uint64_t m = 0;
    int digits = 0, frac = 0;
    for (; s < end && *s >= '0' && *s <= '9'; s++, digits++)
        m = m * 10 + (uint64_t)(*s - '0');
    if (s < end && *s == '.')
        for (s++; s < end && *s >= '0' && *s <= '9'; s++, digits++, frac++)
            m = m * 10 + (uint64_t)(*s - '0');
    if (digits > 18 || (s < end && (*s == 'e' || *s == 'E'))) {
        char buf[64];
        size_t len = (size_t)(end - *p) < sizeof buf - 1 ? (size_t)(end - *p) : sizeof buf - 1;
        memcpy(buf, *p, len);
        buf[len] = 0;
        char *e;
        double v = strtod(buf, &e);
        *p += e - buf;
        return v;
    }
    *p = s;
    double v = (double)m / pow10_neg[frac];
    return neg ? -v : v;
}

typedef struct chunk {
    const char *base; /* start of the mapping (page-aligned) */
    const char *begin, *end;
    size_t lines, first;
    double *lon, *lat;
} chunk;

/* Drop the mapped pages wholly before P: the file stays in the page cache,
** but they no longer count in this process's resident memory. */
static void release_before(const chunk *c, const char *p, const char **released)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    const char *upto = c->base + ((uintptr_t)(p - c->base) / page) * page;
    const char *from = c->base + ((uintptr_t)(c->begin - c->base) + page - 1) / page * page;
    if (*released < from)
        *released = from;
    if (upto > *released + (8u << 20)) {
        madvise((void *)*released, (size_t)(upto - *released), MADV_DONTNEED);
        *released = upto;
    }
}

static void *count_lines(void *arg)
{
    chunk *c = arg;
    size_t n = 0;
    const char *released = c->begin;
    for (const char *p = c->begin; p < c->end;) {
        const char *nl = memchr(p, '\n', (size_t)(c->end - p));
        if (nl != p) /* an empty line holds no point */
            n++;
        p = nl ? nl + 1 : c->end;
        if ((n & 0xFFFF) == 0)
            release_before(c, p, &released);
    }
    c->lines = n;
    return NULL;
}

static void *parse_lines(void *arg)
{
    chunk *c = arg;
    size_t i = c->first;
    const char *released = c->begin;
    for (const char *p = c->begin; p < c->end;) {
        if ((i & 0xFFFF) == 0)
            release_before(c, p, &released);
        if (*p == '\n') {
            p++;
            continue;
        }
        c->lon[i] = parse_decimal(&p, c->end);
        if (p < c->end && *p == ',')
            p++;
        c->lat[i] = parse_decimal(&p, c->end);
        i++;
        const char *nl = memchr(p, '\n', (size_t)(c->end - p));
        p = nl ? nl + 1 : c->end;
    }
    return NULL;
}

static void run_all(chunk *c, int threads, void *(*fn)(void *))
{
    pthread_t tid[16];
    for (int t = 1; t < threads; t++)
        pthread_create(&tid[t], NULL, fn, &c[t]);
    fn(&c[0]);
    for (int t = 1; t < threads; t++)
        pthread_join(tid[t], NULL);
}

int points_read(const char *path, int threads, double **lon, double **lat, size_t *n)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(path);
        return -1;
    }
    size_t size = (size_t)st.st_size;
    const char *data = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : "";
    close(fd);
    if (data == MAP_FAILED) {
        perror(path);
        return -1;
    }
    const char *p = data, *end = data + size;
    if (p < end && !(*p == '-' || *p == '+' || *p == '.' || (*p >= '0' && *p <= '9'))) {
        const char *nl = memchr(p, '\n', size); /* a header line */
        p = nl ? nl + 1 : end;
    }
    if (threads < 1)
        threads = 1;
    if (threads > 16)
        threads = 16;
    chunk c[16];
    const char *at = p;
    for (int t = 0; t < threads; t++) {
        const char *stop = t == threads - 1 ? end : p + (size_t)(end - p) * (size_t)(t + 1) / (size_t)threads;
        if (stop < at)
            stop = at;
        const char *nl = stop < end ? memchr(stop, '\n', (size_t)(end - stop)) : NULL;
        stop = nl ? nl + 1 : end;
        c[t] = (chunk){data, at, stop, 0, 0, NULL, NULL};
        at = stop;
    }
    run_all(c, threads, count_lines);
    size_t total = 0;
    for (int t = 0; t < threads; t++) {
        c[t].first = total;
        total += c[t].lines;
    }
    *lon = malloc((total ? total : 1) * sizeof **lon);
    *lat = malloc((total ? total : 1) * sizeof **lat);
    if (!*lon || !*lat) {
        fprintf(stderr, "%s: out of memory for %zu points\n", path, total);
        return -1;
    }
    for (int t = 0; t < threads; t++) {
        c[t].lon = *lon;
        c[t].lat = *lat;
    }
    run_all(c, threads, parse_lines);
    if (size)
        munmap((void *)data, size);
    *n = total;
    return 0;
}

static double rnd(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

int points_write_uniform(const char *path, const double box[4], size_t n, unsigned long long seed)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return -1;
    }
    static char buf[1 << 20];
    setvbuf(f, buf, _IOFBF, sizeof buf);
    fputs("lon,lat\n", f);
    for (size_t i = 0; i < n; i++) {
        double x = box[0] + (box[2] - box[0]) * rnd(&seed);
        double y = box[1] + (box[3] - box[1]) * rnd(&seed);
        fprintf(f, "%.7f,%.7f\n", x, y);
    }
    return fclose(f) == 0 ? 0 : -1;
}
