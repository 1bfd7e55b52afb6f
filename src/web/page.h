/*
** page.h — what the server-rendered pages share: the directory
** (directory.c) and the organisers' area (admin.c) are answered here, not
** by the JSON API, because they take forms (POST bodies), set cookies and
** write HTML. server.c hands a request over with one call when
** sl_web_pages_claim says the path is theirs.
*/
#ifndef SIGHTLINE_WEB_PAGE_H
#define SIGHTLINE_WEB_PAGE_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include "sightline/core/form.h"
#include "sightline/core/token.h"
#include "sightline/store/businesses.h"
#include "sightline/web/api.h"

/* A form body over this many bytes is refused with 413 (the listing form
** is the largest, well under it). */
#define SL_WEB_PAGE_BODY_LIMIT 16384
/* Admin sessions kept at once (the oldest is dropped for a new one) and
** how long one lasts from its login. */
#define SL_WEB_SESSIONS 16
#define SL_WEB_SESSION_TTL_S (8 * 3600)

/* One organiser logged in: the cookie's secret, the forms' CSRF token and
** the hash of the admin token it logged in with. Every request compares
** that hash with the store's: a rotated token ends the session at once, in
** every serve process of the store. */
typedef struct sl_web_session {
    char secret[SL_TOKEN_CHARS + 1];
    char csrf[SL_TOKEN_CHARS + 1];
    char token_hash[65];
    time_t expires; /* 0: a free slot */
} sl_web_session;

/* What the pages keep for the server's life. */
typedef struct sl_web_pages {
    char *store;
    sl_web_pool *pool; /* the server's read handles (pool.c), borrowed */
    /* the directory's search index on a PostgreSQL store, kept across the
    ** requests (each takes a handle of the pool) until the directory changes */
    sl_directory_cache *directory;
    int admin_remote; /* --admin-bind: admin answers clients other than loopback */
    const char *const *hosts; /* serve --host: public names a form's Origin may give (NULL-ended; may be NULL) */
    pthread_mutex_t lock;
    sl_web_session sessions[SL_WEB_SESSIONS];
} sl_web_pages;

/* One request to a page, as the handlers see it. */
typedef struct sl_web_page_ctx {
    sl_web_pages *pages;
    struct MHD_Connection *c;
    const char *url, *method, *query; /* query: after '?', or NULL */
    const char *body;                 /* the form body (POST), NUL-terminated; "" otherwise */
    size_t body_len;
    int *status;   /* the server's log line: the status sent */
    size_t *bytes; /* ... and the body bytes */
} sl_web_page_ctx;

/* The pages over the store at STORE, reading it through POOL (the
** server's, borrowed: it must outlive them). */
sl_web_pages *sl_web_pages_new(const char *store, sl_web_pool *pool, int admin_remote);
void sl_web_pages_free(sl_web_pages *p);

/* 1 when URL is answered by the pages: /directory..., /api/directory, /admin... */
int sl_web_pages_claim(const char *url);

/* The MHD access handler for a claimed URL, from the first call to the
** last: *STATE (NULL at first) holds the body being read; free it with
** sl_web_pages_end when the request completes. */
enum MHD_Result sl_web_pages_handle(sl_web_pages *p, struct MHD_Connection *c, const char *url, const char *method,
                                    const char *query, const char *upload, size_t *upload_size, void **state,
                                    int *status, size_t *bytes);
void sl_web_pages_end(void *state);

/* Send BODY (LEN bytes, malloc'd, taken) with STATUS and TYPE; CACHE is the
** Cache-Control value; EXTRA holds more header name/value pairs, NULL-ended
** (may be NULL). Every page carries the dashboard's CSP and nosniff. */
enum MHD_Result sl_web_page_send(sl_web_page_ctx *x, int status, const char *type, char *body, size_t len,
                                 const char *cache, const char *const *extra);

/* An HTML page in memory: open (NULL out of memory), the shell's head with
** TITLE (escaped) and the dashboard's look, then the body, then close and
** send. FLAGS: SL_WEB_PAGE_MAP adds Leaflet, its clusters and directory.js;
** SL_WEB_PAGE_SYNTHETIC the dashboard's SYNTHETIC banner;
** SL_WEB_PAGE_CAMPAIGN a masthead link to the store's campaign. */
#define SL_WEB_PAGE_MAP 1
#define SL_WEB_PAGE_SYNTHETIC 2
#define SL_WEB_PAGE_CAMPAIGN 4
FILE *sl_web_html_begin(char **buf, size_t *len);
void sl_web_html_head(FILE *f, const char *title, int flags);
enum MHD_Result sl_web_html_send(sl_web_page_ctx *x, FILE *f, char **buf, size_t *len, int status,
                                 const char *cache, const char *const *extra);

/* An HTML page of STATUS with a heading and one sentence (both escaped). */
enum MHD_Result sl_web_page_message(sl_web_page_ctx *x, int status, const char *title, const char *msg,
                                    const char *cache);

/* Escaped text; an escaped URL attribute value (only http:, https: or a
** path of this site are kept; anything else becomes ""). */
void sl_web_html_text(FILE *f, const char *s);
int sl_web_url_safe(const char *url);

/* The campaign on the organisers' page (admin_signers.c), written to F
** from ST (read inside a read transaction): its state (the totals of
** `campaign show`); the signers on the public list, newest first, a page of
** SL_WEB_ADMIN_PAGE from the FROM-th, each with an Unlist button carrying
** CSRF; and the signers whose name holds QUERY (sl_campaign_find), whose
** status when the search cannot be made (no row written then). */
#define SL_WEB_ADMIN_PAGE 50
void sl_web_admin_state(FILE *f, sl_store *st, const char *csrf);
/* The campaign closed (REOPEN 0: FORM must hold understood=on, the box
** saying what closing does) or opened again, through ingest; what was done
** into MSG (SIZE bytes) for the organiser. SL_EDATA: the box not ticked. */
sl_status sl_web_admin_end(sl_store *st, const sl_form *form, int reopen, char *msg, size_t size, sl_error *err);
void sl_web_admin_listed(FILE *f, sl_store *st, const char *csrf, long from);
sl_status sl_web_admin_found(FILE *f, sl_store *st, const char *csrf, const char *query, sl_error *err);
/* The page of one signer, the pledge of address EMAIL (normalised) or,
** with EMAIL NULL, of number ID: what the store holds of them but their
** name (its public form only), with the Unlist and Erase buttons; *found 0
** (nothing written) when there is none. */
sl_status sl_web_admin_signer(FILE *f, sl_store *st, const char *csrf, const char *email, long id, int *found,
                              sl_error *err);
/* Unlist pledge ID at NOW (sl_campaign_unlist, on ST opened for writing)
** and say what changed in MSG (SIZE bytes), naming the signer as the
** public list does. */
sl_status sl_web_admin_unlist(sl_store *st, long id, long long now, char *msg, size_t size, sl_error *err);
/* Withdraw the consent to be emailed of the signer of EMAIL (a signer who
** wrote in: sl_campaign_withdraw_consent, on ST opened for writing), the
** organiser's sentence into MSG. */
sl_status sl_web_admin_unconsent(sl_store *st, const char *email, char *msg, size_t size, sl_error *err);
/* Before that, the page asking the organiser to confirm it, into F: whose
** address, what withdrawing does and that nothing undoes it, with the
** button that posts confirm=yes; *found 0 (nothing written) when no pledge
** has EMAIL (as stored). Withdrawing cannot be undone, so one press on the
** signer's page must not do it. */
sl_status sl_web_admin_unconsent_ask(FILE *f, sl_store *st, const char *csrf, const char *email, int *found,
                                     sl_error *err);
/* Undo the unlisting of pledge ID (sl_campaign_relist, on ST opened for
** writing): what happened, naming the signer as the public list does,
** into MSG. */
sl_status sl_web_admin_relist(sl_store *st, long id, char *msg, size_t size, sl_error *err);
/* Several signers unlisted at once: the ticked (id=, at most
** SL_WEB_ADMIN_BULK), or with all=yes all whose name holds q. First the
** confirmation into F naming them (*n of them; 0 writes nothing), whose
** button posts their numbers with confirm=yes; then the unlisting itself,
** in one transaction, MSG (SIZE bytes) saying how many. */
#define SL_WEB_ADMIN_BULK 500
sl_status sl_web_admin_unlist_ask(FILE *f, sl_store *st, const char *csrf, const sl_form *form, long *n,
                                  sl_error *err);
sl_status sl_web_admin_unlist_many(sl_store *st, const sl_form *form, long long now, char *msg, size_t size,
                                   sl_error *err);
/* The same for listing again (/admin/relist-many): those of them an
** organiser unlisted, back on the list as each chose
** (sl_campaign_relist_ids). */
sl_status sl_web_admin_relist_ask(FILE *f, sl_store *st, const char *csrf, const sl_form *form, long *n,
                                  sl_error *err);
sl_status sl_web_admin_relist_many(sl_store *st, const sl_form *form, char *msg, size_t size, sl_error *err);

/* The handlers of the two areas. */
enum MHD_Result sl_web_directory(sl_web_page_ctx *x);
/* Whom a business owner writes to, to correct a listing or have it taken
** off the directory, and when the change shows: the campaign's CONTACT (and
** ORGANISATION), as /campaign names them, or the people who run the site
** when CONTACT is NULL or empty; escaped, after LEAD (markup, the caller's
** constant), naming listing ID's address (0: any listing's). The
** directory's pages and the suggestion form say it. */
void sl_web_directory_owner(FILE *f, const char *lead, long id, const char *contact, const char *organisation);
enum MHD_Result sl_web_admin(sl_web_page_ctx *x);

#endif
