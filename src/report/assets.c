/*
** assets.c — the files embedded in the library at build time
** (cmake/leaflet.cmake): Leaflet and Leaflet.markercluster when npm could
** install them, the report's
** script and style, the served maps' quiet.js, and docs/methodology.md.
*/
#include "report_internal.h"
#include "sl_report_assets.h"

const char *sl_asset_leaflet_js(size_t *len)
{
    *len = SL_ASSET_LEAFLET_JS_LEN;
    return (const char *)SL_ASSET_LEAFLET_JS;
}

const char *sl_asset_leaflet_css(size_t *len)
{
    *len = SL_ASSET_LEAFLET_CSS_LEN;
    return (const char *)SL_ASSET_LEAFLET_CSS;
}

const char *sl_asset_cluster_js(size_t *len)
{
    *len = SL_ASSET_CLUSTER_JS_LEN;
    return (const char *)SL_ASSET_CLUSTER_JS;
}

const char *sl_asset_cluster_css(size_t *len)
{
    *len = SL_ASSET_CLUSTER_CSS_LEN;
    return (const char *)SL_ASSET_CLUSTER_CSS;
}

const char *sl_asset_report_js(size_t *len)
{
    *len = SL_ASSET_REPORT_JS_LEN;
    return (const char *)SL_ASSET_REPORT_JS;
}

const char *sl_asset_quiet_js(size_t *len)
{
    *len = SL_ASSET_QUIET_JS_LEN;
    return (const char *)SL_ASSET_QUIET_JS;
}

const char *sl_asset_report_css(size_t *len)
{
    *len = SL_ASSET_REPORT_CSS_LEN;
    return (const char *)SL_ASSET_REPORT_CSS;
}

const char *sl_asset_methodology(size_t *len)
{
    *len = SL_ASSET_METHODOLOGY_LEN;
    return (const char *)SL_ASSET_METHODOLOGY;
}
