/*
** gzip.c — compressed answers for clients that take gzip.
**
** The campaign's map on a phone fetched 1.1 MB of county GeoJSON and the
** dashboard some 400 kB of scripts, uncompressed: a quarter of that in
** gzip. Only public bytes are compressed, the API's answers and the
** embedded assets. Pages that carry a form's secret (the CSRF token) and
** echo a visitor's text are never compressed: their compressed length
** would let a watcher of the traffic guess the secret (BREACH).
*/
#include "web_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* Under this, gzip's 18 bytes of frame and the work are not worth it. */
#define GZIP_MIN_BYTES 1024

int sl_web_gzip_wanted(struct MHD_Connection *c)
{
    const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding");
    for (const char *p = ae; p && *p;) {
        p += strspn(p, " \t,");
        size_t n = strcspn(p, ",;");
        int gzip = n == 4 && !strncasecmp(p, "gzip", 4);
        p += n;
        while (*p == ';') { /* a parameter: only q=0 (and 0.0...) refuses */
            p += 1 + strspn(p + 1, " \t");
            size_t m = strcspn(p, ",;");
            if (gzip && (*p == 'q' || *p == 'Q') && p[1] == '=' && strtod(p + 2, NULL) == 0) gzip = 0;
            p += m;
        }
        if (gzip) return 1;
    }
    return 0;
}

int sl_web_gzip_type(const char *type)
{
    return !strncmp(type, "text/", 5) || !strncmp(type, "application/json", 16) ||
           !strncmp(type, "application/geo+json", 20) || !strncmp(type, "image/svg+xml", 13);
}

char *sl_web_gzip(const void *data, size_t len, size_t *out_len)
{
    if (len < GZIP_MIN_BYTES || len > (1u << 30)) return NULL; /* zlib's counts are 32-bit */
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 + 16: a gzip frame, not zlib's; level 6, zlib's own default */
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
    uLong cap = deflateBound(&z, (uLong)len);
    unsigned char *out = malloc(cap);
    if (!out) {
        deflateEnd(&z);
        return NULL;
    }
    z.next_in = (Bytef *)data, z.avail_in = (uInt)len;
    z.next_out = out, z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    size_t n = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END || n >= len) { /* failed, or no smaller */
        free(out);
        return NULL;
    }
    *out_len = n;
    return (char *)out;
}
