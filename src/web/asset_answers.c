/*
** asset_answers.c — the embedded files (assets.c) as answers of `sightline
** serve`, built once at start: each file's bytes and, where it pays, their
** gzip, each with the ETag of its bytes.
**
** Why two answers of the same bytes: the pages ask for a file at its
** versioned address (/assets/app.js?v=VERSION, the bytes' SHA-256 prefix,
** cmake/web_assets.cmake), and such an answer may be kept a year without
** being asked for again, since a changed file has another address. The
** same file asked for without its version, or with an older one (a page a
** browser kept from before an upgrade), is today's bytes, asked for again
** each time (no-cache).
*/
#include "server_internal.h"
#include "sightline/web/server.h"
#include "web_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ASSETS 64
#define ASSET_KEEP "public, max-age=31536000, immutable"

/* One file's answers: resp and gz (its gzip, NULL when not worth it) for
** the plain address, kept and kept_gz for the versioned one. */
typedef struct asset {
    const char *name, *version;
    struct MHD_Response *resp, *gz, *kept, *kept_gz;
    char etag[32], etag_gz[32];
    size_t len, gz_len;
} asset;

struct sl_web_assets {
    asset items[MAX_ASSETS];
    size_t count;
};

/* A's gzip answers, when its type is worth compressing: the bytes are
** owned by a->gz, which sl_web_assets_free destroys after a->kept_gz. */
static sl_status build_gzip(asset *a, const unsigned char *data, sl_error *err)
{
    const char *type = sl_web_asset_type(a->name);
    char *gz = sl_web_gzip_type(type) ? sl_web_gzip(data, a->len, &a->gz_len) : NULL;
    if (gz && !(a->gz = MHD_create_response_from_buffer(a->gz_len, gz, MHD_RESPMEM_MUST_FREE))) free(gz);
    if (!a->gz) return SL_OK;
    if (!(a->kept_gz = MHD_create_response_from_buffer(a->gz_len, gz, MHD_RESPMEM_PERSISTENT)))
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_web_etag_of(gz, a->gz_len, a->etag_gz); /* its own ETag: the bytes differ */
    sl_web_add_headers(a->gz, type, a->etag_gz, "no-cache");
    sl_web_add_headers(a->kept_gz, type, a->etag_gz, ASSET_KEEP);
    MHD_add_response_header(a->gz, "Content-Encoding", "gzip");
    MHD_add_response_header(a->kept_gz, "Content-Encoding", "gzip");
    return SL_OK;
}

sl_status sl_web_assets_build(sl_web_assets **out, sl_error *err)
{
    sl_web_assets *as = calloc(1, sizeof *as);
    *out = as;
    if (!as) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    const char *name;
    size_t len;
    const unsigned char *data;
    for (size_t i = 0; (data = sl_web_asset_at(i, &name, &len)) && as->count < MAX_ASSETS; i++) {
        asset *a = &as->items[as->count++];
        a->name = name, a->len = len, a->version = sl_web_asset_version(name);
        sl_web_etag_of(data, len, a->etag);
        a->resp = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
        a->kept = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
        if (!a->resp || !a->kept) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        sl_web_add_headers(a->resp, sl_web_asset_type(name), a->etag, "no-cache");
        sl_web_add_headers(a->kept, sl_web_asset_type(name), a->etag, ASSET_KEEP);
        if (build_gzip(a, data, err)) return err->status;
    }
    return SL_OK;
}

enum MHD_Result sl_web_assets_answer(const sl_web_assets *as, struct MHD_Connection *c, request *r, const char *name)
{
    for (size_t i = 0; i < as->count; i++) {
        const asset *a = &as->items[i];
        if (strcmp(a->name, name)) continue;
        int gz = a->gz && sl_web_gzip_wanted(c);
        const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "v");
        int keep = v && a->version[0] && !strcmp(v, a->version);
        if (sl_web_not_modified(c, gz ? a->etag_gz : a->etag))
            return sl_web_queue_304(c, r, gz ? a->etag_gz : a->etag, sl_web_asset_type(name),
                                    keep ? ASSET_KEEP : "no-cache");
        struct MHD_Response *resp = gz ? (keep ? a->kept_gz : a->gz) : keep ? a->kept : a->resp;
        enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, resp);
        if (ok == MHD_YES) r->status = 200, r->bytes = gz ? a->gz_len : a->len;
        return ok;
    }
    return sl_web_queue_error(c, r, 404, "no such asset", 0);
}

void sl_web_assets_free(sl_web_assets *as)
{
    for (size_t i = 0; as && i < as->count; i++) {
        asset *a = &as->items[i];
        if (a->resp) MHD_destroy_response(a->resp);
        if (a->kept) MHD_destroy_response(a->kept);
        if (a->kept_gz) MHD_destroy_response(a->kept_gz); /* before a->gz, which frees their bytes */
        if (a->gz) MHD_destroy_response(a->gz);
    }
    free(as);
}
