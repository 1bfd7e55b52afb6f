/*
** client.c — who a request is from (see web_internal.h): this machine, or
** elsewhere, through a reverse proxy too.
**
** A proxy on this machine (nginx, Caddy, Apache in front for TLS) connects
** from 127.0.0.1 for every visitor, so the socket alone would open /admin
** and the exact camera figures to the world. A proxy says it forwarded a
** request in one of these headers (Caddy and Apache by default, nginx when
** told to): such a request counts as from elsewhere. A client on this
** machine that sends one only gives up what it could have had. A request
** asked under a public name of --host came through the proxy too, whatever
** headers it was told to send (nginx sends none of these by default).
*/
#include "web_internal.h"
#include "sightline/web/guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

static const char *const FORWARDED[] = {"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP"};

int sl_web_forwarded(struct MHD_Connection *c)
{
    for (size_t i = 0; i < sizeof FORWARDED / sizeof *FORWARDED; i++)
        if (MHD_lookup_connection_value(c, MHD_HEADER_KIND, FORWARDED[i])) return 1;
    return 0;
}

/* 1 when the request's Host is one of NAMES, with any port or none. */
static int asked_by_name(struct MHD_Connection *c, const char *const *names)
{
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    size_t n = host ? strcspn(host, ":") : 0;
    for (size_t i = 0; n && names && names[i]; i++)
        if (strlen(names[i]) == n && !strncasecmp(host, names[i], n)) return 1;
    return 0;
}

int sl_web_through_proxy(struct MHD_Connection *c, const char *const *names)
{
    return sl_web_forwarded(c) || asked_by_name(c, names);
}

int sl_web_local_client(struct MHD_Connection *c, const char *const *names)
{
    const union MHD_ConnectionInfo *i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return i && sl_web_loopback_address(i->client_addr) && !sl_web_through_proxy(c, names);
}

void sl_web_client_key(struct MHD_Connection *c, char *out, size_t size)
{
    const union MHD_ConnectionInfo *i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = i ? i->client_addr : NULL;
    char addr[INET6_ADDRSTRLEN] = "";
    if (sa && sa->sa_family == AF_INET) inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, addr, sizeof addr);
    if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, addr, sizeof addr);
    /* behind a proxy on this machine, the visitor is the address it
    ** appended last to X-Forwarded-For (what came before, the client wrote);
    ** from elsewhere the header is the client's own word and is ignored */
    const char *xff = sl_web_loopback_address(sa) ? MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For")
                                                  : NULL;
    if (xff) {
        const char *last = strrchr(xff, ',');
        last = last ? last + 1 : xff;
        last += strspn(last, " \t");
        size_t n = strcspn(last, " \t");
        if (n && n < 64) {
            snprintf(out, size, "fwd:%.*s", (int)n, last);
            return;
        }
    }
    snprintf(out, size, "%s", addr);
}
