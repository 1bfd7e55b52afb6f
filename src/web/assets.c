/*
** assets.c — the page's files, embedded at build time (web_assets.cmake).
*/
#include "sightline/web/server.h"
#include "sl_web_assets.h"

#include <stdio.h>
#include <string.h>

const unsigned char *sl_web_asset(const char *name, size_t *len)
{
    for (size_t i = 0; SL_WEB_ASSETS[i].name; i++)
        if (!strcmp(SL_WEB_ASSETS[i].name, name)) {
            *len = SL_WEB_ASSETS[i].len;
            return SL_WEB_ASSETS[i].data;
        }
    return NULL;
}

const unsigned char *sl_web_asset_at(size_t i, const char **name, size_t *len)
{
    for (size_t k = 0; k <= i; k++)
        if (!SL_WEB_ASSETS[k].name) return NULL;
    *name = SL_WEB_ASSETS[i].name;
    *len = SL_WEB_ASSETS[i].len;
    return SL_WEB_ASSETS[i].data;
}

const char *sl_web_asset_type(const char *name)
{
    static const char *const TYPES[][2] = {
        {".html", "text/html; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},     {".json", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},               {".png", "image/png"},
        {".ico", "image/x-icon"},                {".txt", "text/plain; charset=utf-8"}};
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof TYPES / sizeof *TYPES; i++)
        if (!strcmp(dot, TYPES[i][0])) return TYPES[i][1];
    return "application/octet-stream";
}

const char *sl_web_asset_version(const char *name)
{
    for (size_t i = 0; SL_WEB_ASSETS[i].name; i++)
        if (!strcmp(SL_WEB_ASSETS[i].name, name)) return SL_WEB_ASSETS[i].version;
    return "";
}

void sl_web_asset_tag(FILE *f, const char *name)
{
    const char *dot = strrchr(name, '.'), *v = sl_web_asset_version(name);
    if (dot && !strcmp(dot, ".css")) fprintf(f, "<link rel=\"stylesheet\" href=\"/assets/%s?v=%s\">\n", name, v);
    else if (dot && !strcmp(dot, ".js")) fprintf(f, "<script src=\"/assets/%s?v=%s\" defer></script>\n", name, v);
    else fprintf(f, "<link rel=\"icon\" href=\"/assets/%s?v=%s\" type=\"image/svg+xml\">\n", name, v);
}
