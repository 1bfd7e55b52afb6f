/*
** campaign_web.h — the campaign's routes of `sightline serve`, as the
** server's core (server.c) sees them, and what their files share.
**
**   GET  /campaign                 the page: pledge text, local figures (?state=&county=),
**                                  the form, the counter, the public list, the methods
**   POST /campaign/pledge          a pledge (form body); the same reply for every address
**   GET  /campaign/confirm?token=  the link of the confirmation message: a page
**                                  with one button (it confirms nothing itself,
**                                  since mail scanners open links nobody clicked)
**   POST /campaign/confirm         that button: confirms the pledge
**   GET  /campaign/manage[?key=]   the signer's own page (campaign_manage.c): a
**                                  form asking for her link, or the link's page
**   POST /campaign/manage          that form: the same reply for every address
**   POST /campaign/manage/change   no more email, off the list, or erased
**   GET  /directory/suggest        the "suggest a business" form
**   POST /directory/suggest        a suggestion into the moderation queue
**   GET  /api/campaign/counts      confirmed pledges per state and county (small counties folded)
**   GET  /api/campaign/local?state=&county=   the figures of a place
**   GET  /api/campaign/places      the counties a signer picks from
**   GET  /api/campaign/signers     the public list (first name, initial, county)
**
** Every POST passes the guard (sightline/web/guard.h) before its body is
** parsed (core/form.h) and handed to ingest; a write is acknowledged only
** after its transaction committed. No answer, page or log line holds an
** email address, a name of a signer or a confirmation token (but the page
** a link opens, which sends its own token back in the form).
*/
#ifndef SIGHTLINE_WEB_CAMPAIGN_WEB_H
#define SIGHTLINE_WEB_CAMPAIGN_WEB_H

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include "sightline/core/email.h"
#include "sightline/core/error.h"
#include "sightline/core/form.h"
#include "sightline/store/store.h"
#include "sightline/web/api.h"
#include "sightline/web/guard.h"
#include "sightline/web/server.h"

/* A form body over this many bytes is refused with 413 before it is read
** (the form parser's own cap, core/form.h). */
#define SL_WEB_FORM_BODY_LIMIT 16384

/* The smallest k /api/campaign/counts?k= takes: a county with fewer
** confirmed pledges is never shown on its own (the default threshold). */
#define SL_WEB_PUBLIC_K_MIN 5

/* One request as the campaign's routes need it; absent headers are NULL. */
typedef struct sl_web_request {
    const char *method;     /* "GET", "HEAD" or "POST" */
    const char *path;       /* without the query */
    const char *query;      /* the raw query string, or NULL */
    const char *body;       /* a POST's body (NUL-terminated), or NULL */
    size_t body_len;
    const char *client;     /* the client's address as text */
    const char *host, *origin, *referer, *fetch_site;
    const char *const *names; /* serve --host: the public names, NULL-ended (NULL: none) */
} sl_web_request;

/* An answer: a page or JSON. */
typedef struct sl_web_page {
    int status;
    char *body; /* malloc'd; NULL only out of memory (then status 500) */
    size_t len;
    const char *type;     /* Content-Type (static) */
    unsigned retry_after; /* seconds, with a 429 */
} sl_web_page;

/* ---- the serialised writer ------------------------------------------------ */

typedef struct sl_web_writer sl_web_writer;
typedef sl_status (*sl_web_write_fn)(sl_store *st, void *ctx, sl_error *err);

/* A writer of the store at STORE (opened at its first use); NULL out of
** memory. LOG (may be NULL) gets a line when the store itself fails a
** write (no room, a file it cannot write), at most once a minute. */
sl_web_writer *sl_web_writer_new(const char *store, sl_web_log_fn log, void *log_ctx);
void sl_web_writer_free(sl_web_writer *w);
/* Run FN on the write connection, one caller at a time; FN commits its own
** transaction (every ingest call does), so SL_OK means on disk. */
sl_status sl_web_writer_run(sl_web_writer *w, sl_web_write_fn fn, void *ctx, sl_error *err);

/* ---- the routes ----------------------------------------------------------- */

typedef struct sl_web_campaign sl_web_campaign;

/* The campaign's routes over the store at STORE with rate LIMITS (NULL:
** SL_WEB_LIMITS_DEFAULT), reading it through POOL (the server's, borrowed:
** it must outlive them); LOG (may be NULL) gets the lines for the
** organisers (a form limit reached); SL_EIO when no random secret can be
** drawn. */
sl_status sl_web_campaign_new(const char *store, sl_web_pool *pool, const sl_web_limits *limits, sl_web_log_fn log,
                              void *log_ctx, sl_web_campaign **out, sl_error *err);
void sl_web_campaign_free(sl_web_campaign *c);

/* The deletion of the pledges nobody confirmed once their link expired
** (purge.c): a thread that deletes them at start and every EVERY_S seconds
** (0: an hour), reading the store through POOL (borrowed) and writing it
** on a connection of its own only when some are due; what it deleted, or
** why it could not, goes to LOG (a count, never a signer's field). NULL
** when no thread could be started. Stop waits for a pass under way. */
typedef struct sl_web_purger sl_web_purger;
sl_web_purger *sl_web_purger_start(const char *store, sl_web_pool *pool, long every_s, sl_web_log_fn log,
                                   void *log_ctx);
void sl_web_purger_stop(sl_web_purger *p);

/* 1 when PATH is one of the routes above (any method). */
int sl_web_campaign_known(const char *path);
/* 1 when PATH takes a POST (a form). */
int sl_web_campaign_posts(const char *path);

/* Answer RQ into *OUT (always filled; free out->body). */
void sl_web_campaign_answer(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out);

/* ---- shared by the campaign's files --------------------------------------- */

/* The local figures of each place, kept while the imports stay the same
** (local_cache.c). */
typedef struct sl_web_local_cache sl_web_local_cache;
sl_web_local_cache *sl_web_local_cache_new(void);
void sl_web_local_cache_free(sl_web_local_cache *c);
/* sl_analysis_campaign_local's answer for STATE and COUNTY, from C when
** it holds one computed since the last import (C may be NULL: computed). */
sl_status sl_web_local_figures(sl_web_local_cache *c, sl_store *st, const char *state, const char *county,
                               json_t **out, sl_error *err);

/* The hour's public counts stored at each UTC hour's turn (campaign_turn.c),
** on a thread of C's own: started by sl_web_campaign_new (none when no
** thread could be made: the hour's first read stores them then), stopped
** by sl_web_campaign_free. */
typedef struct sl_web_turn {
    pthread_t thread;
    pthread_mutex_t lock; /* guards stop */
    pthread_cond_t wake;
    int started, stop;
} sl_web_turn;
void sl_web_turn_start(sl_web_campaign *c);
void sl_web_turn_stop(sl_web_campaign *c);

struct sl_web_campaign {
    sl_web_pool *pool; /* the server's read handles (pool.c), borrowed */
    char *store;       /* where it is: the form secret is made there when it lacks one */
    atomic_llong key_retry; /* when to try the store's form secret again after a failure (Unix s) */
    sl_web_guard *guard;
    sl_web_writer *writer;
    sl_web_local_cache *local;
    atomic_uint port; /* the port served on, once known (0 before): the demo's links name it */
    sl_web_turn turn;
    sl_web_log_fn log; /* the server's log (NULL: none): never an address or a field of a form */
    void *log_ctx;
    unsigned per_client; /* --rate-forms, for the words of its refusal */
};

/* The public counts (sl_analysis_campaign_counts at this moment, K as
** there) into *OUT: the hour's as the store holds them, stored first
** through C's writer at the hour's first read, so that every server on the
** store serves the same figures all hour and an erasure leaves them until
** the next. Takes its own read handle: the caller holds none open (on
** SQLite a read kept open would keep the writer waiting). */
sl_status sl_web_campaign_counts(sl_web_campaign *c, unsigned k, json_t **out, sl_error *err);

/* What an erasure at NOW is told, into BUF (returned): the pledge and its
** messages are erased now, and it leaves the public counts at the next
** full hour (HH:00 UTC), with that hour's confirmations, and why. */
const char *sl_web_erased_text(long long now, char *buf, size_t size);

/* Which half of the site a page belongs to: the links of its masthead and
** where a message page leads back to. The directory's pages (the
** suggestion form and its answers) are served by a store without a
** campaign too, so they never link to /campaign, the 404 there. */
typedef enum sl_web_side { SL_WEB_SIDE_CAMPAIGN, SL_WEB_SIDE_DIRECTORY } sl_web_side;

/* The page's frame: doctype, head (title escaped, app.css, campaign.js,
** and Leaflet with MAP), the banner of SYNTHETIC (sl_web_store_synthetic), the masthead
** of SIDE; sl_web_page_end closes it. */
void sl_web_page_begin(FILE *f, const char *title, sl_web_side side, int synthetic, int map);
void sl_web_page_end(FILE *f);
/* Markdown MD as HTML: cmark without raw HTML and without unsafe links
** (javascript:, data: other than images); escaped text without cmark. */
void sl_web_markdown(FILE *f, const char *md);

/* *P as a page of STATUS: the text of the memory stream's buffer BUF/LEN
** after F was closed (NULL buffer: 500). */
void sl_web_page_html(sl_web_page *p, int status, char *buf, size_t len);
/* Close F, a memory stream over *BUF and *LEN (F may be NULL: it could not
** be opened), and make *P the page of STATUS it wrote; 500 when F failed. */
void sl_web_page_close(sl_web_page *p, int status, FILE *f, char **buf, size_t *len);
/* *P as JSON of STATUS from J (the reference is taken). */
void sl_web_page_json(sl_web_page *p, int status, json_t *j);
/* A short page of STATUS with heading TITLE and a paragraph TEXT (both
** escaped), leading back to SIDE's page: the campaign or the directory. */
void sl_web_camp_message(sl_web_page *p, int status, const char *title, const char *text, sl_web_side side);
/* sl_web_camp_message of the campaign's side, under the banner of
** SYNTHETIC (sl_web_store_synthetic): the pages of a pledge's steps, where
** a store at hand says whether it is the demo's. */
void sl_web_camp_message_of(sl_web_page *p, int status, const char *title, const char *text, int synthetic);
/* The 404 "No campaign here" with TEXT: its link goes to the directory, not
** back to the campaign that is not there. */
void sl_web_camp_none(sl_web_page *p, const char *text);

/* A form sent back for a correction: what was sent (FORM, kept in the
** fields so nothing is typed twice), the field refused (FIELD, a form
** field's name; NULL for the form as a whole) and the sentence saying
** why (TEXT). STATUS 0 is a 400; 503 is a form the store could not take
** just now (another program writing it), sent back whole to send again. */
typedef struct sl_web_refusal {
    const sl_form *form;
    const char *field;
    const char *text;
    int status;
} sl_web_refusal;

/* The attribute of a required select or checkbox nobody has answered yet:
** Chromium exposes such a field as invalid from the page's load, so a
** screen reader said "invalid entry" on the pledge form's State before
** the signer had touched it. A field a refusal marks says true instead. */
#define SL_WEB_NOT_YET_WRONG " aria-invalid=\"false\""

/* The box above a refused form: R's sentence, announced to screen
** readers (role alert); nothing when R is NULL (pledge.c). */
void sl_web_refusal_box(FILE *f, const sl_web_refusal *r);
/* 1 when R (may be NULL) refused the field NAME. */
int sl_web_is_refused(const sl_web_refusal *r, const char *name);
/* The value of field NAME that R kept (sent once), or NULL; R may be NULL. */
const char *sl_web_kept(const sl_web_refusal *r, const char *name);
/* 1 when R kept a field NAME of VALUE (a ticked box); R may be NULL. */
int sl_web_kept_ticked(const sl_web_refusal *r, const char *name, const char *value);
/* The attributes of the input of field NAME: ` value="…"` (escaped) when
** R kept one and WITH_VALUE, and, when it is the field R refused,
** aria-invalid, the box as its description, and the focus. */
void sl_web_field_marks(FILE *f, const sl_web_refusal *r, const char *name, int with_value);

/* The pledge's form again, on a page of its own, after R refused it: 400,
** with what was sent kept (campaign_page.c). */
void sl_web_pledge_refused(sl_web_campaign *c, const sl_web_refusal *r, sl_web_page *out);

/* The guard of every POST (pledge.c): 0 when RQ may go on, with its body
** parsed in *FORM (the caller frees it); 1 when refused, *OUT holding the
** refusal, a page of SIDE, and *FORM freed already; 2 when only its CSRF
** token is refused (expired, or not this site's): *FORM holds what was
** sent (the caller frees it) for the form again, *OUT is untouched. */
int sl_web_form_guard(sl_web_campaign *c, const sl_web_request *rq, long long now, sl_form *form, sl_web_side side,
                      sl_web_page *out);
/* The refusal of a form whose token expired, a message page of SIDE. */
void sl_web_form_expired(sl_web_page *out, sl_web_side side);
/* The per-address limit (--rate-email) of a form naming EMAIL (NULL: none),
** the pledge's and the manage link's alike (pledge.c): NORM receives the
** address normalised ("" when it is none), and 1 is returned when it is
** over the limit, *RETRY the seconds to wait; 0 otherwise, nothing taken
** for an address that is none (the form's own check refuses it). */
int sl_web_email_rate_take(sl_web_campaign *c, const char *email, long long now, char norm[SL_EMAIL_MAX + 1],
                           unsigned *retry);

/* C's guard, keyed first, when it can be, from the store's form secret
** (campaign_routes.c): what issues and checks every form's token. */
const sl_web_guard *sl_web_campaign_guard(sl_web_campaign *c);

/* The POST routes (pledge.c; the confirmation in campaign_routes.c). */
void sl_web_pledge_post(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out);
void sl_web_confirm_post(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out);
void sl_web_suggest_post(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out);
/* A signer manages her pledge (campaign_manage.c): the form asking for a
** link (GET without a token, POST), the link's page, and its changes. */
void sl_web_manage_get(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out);
void sl_web_manage_ask_post(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out);
void sl_web_manage_change_post(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out);
/* The names of the public list on a page: /campaign's newest, and each
** page of /campaign/signers?page=N (campaign_signers.c). */
#define SL_WEB_SIGNERS_PAGE 100
/* The list L's names (sl_analysis_campaign_signers) as a list; nothing
** when it has none. */
void sl_web_signers_items(FILE *f, json_t *list);
/* Under /campaign's newest names: the link to the older ones when L has more. */
void sl_web_signers_more(FILE *f, json_t *list);
/* /campaign/signers?page=N, N from 2: the older names, a page at a time. */
void sl_web_signers_get(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out);
/* The GET routes (campaign_page.c, suggest form in pledge.c). */
void sl_web_campaign_get(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out);
void sl_web_confirm_get(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out);
void sl_web_suggest_get(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out);
void sl_web_campaign_api(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out);

/* What of ST is invented: SL_WEB_DEMO when `sightline demo` made it (a
** file named synthetic-*: fiction throughout), SL_WEB_SYNTH when only
** `sightline synth` layers are (a real store with invented requests or
** posts beside it), else 0. */
enum { SL_WEB_DEMO = 1, SL_WEB_SYNTH = 2 };
int sl_web_store_synthetic(sl_store *st);

#endif
