/*
** watch.h — the header watchdog of `sightline serve` (watch.c): cuts a
** connection whose request headers have not all come within the deadline,
** not counting the time its thread spent on other requests. Private to
** src/web/.
*/
#ifndef SIGHTLINE_WEB_WATCH_H
#define SIGHTLINE_WEB_WATCH_H

#include <microhttpd.h>
#include <stddef.h>

#include "sightline/web/server.h"

typedef struct sl_web_watch sl_web_watch;

/* A watch of LIMIT seconds over the connections of a server of THREADS
** threads, logging cuts through LOG (NULL: none); its thread is started
** here. NULL when out of memory or no thread could start. */
sl_web_watch *sl_web_watch_start(double limit, size_t threads, sl_web_log_fn log, void *log_ctx);

/* Stop W's thread and free it (NULL: nothing). After the library has
** stopped: no connection may still be told of. */
void sl_web_watch_stop(sl_web_watch *w);

/* The library's connection notice (MHD_OPTION_NOTIFY_CONNECTION, with W as
** its closure): a connection starts, awaiting its headers, or closes. */
void sl_web_watch_connection(void *w, struct MHD_Connection *c, void **ctx,
                             enum MHD_ConnectionNotificationCode code);

/* C's request headers are all read (WAITING 0), or C, kept alive after an
** answer, awaits its next request (1). */
void sl_web_watch_waiting(sl_web_watch *w, struct MHD_Connection *c, int waiting);

/* The calling thread enters a request's handler (BUSY 1) or leaves it (0). */
void sl_web_watch_busy(sl_web_watch *w, int busy);

#endif
