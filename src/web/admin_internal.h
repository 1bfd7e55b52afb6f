/*
** admin_internal.h — what the files of the organisers' area (/admin) share:
** admin_session.c lets an organiser in (login, sessions, Origin and CSRF
** checks), admin.c answers what they ask once in, admin_signers.c writes
** the campaign's signers on its pages. Kept apart from page.h: nothing
** outside /admin needs these.
*/
#ifndef SL_WEB_ADMIN_INTERNAL_H
#define SL_WEB_ADMIN_INTERNAL_H

#include "page.h"
#include "sightline/core/form.h"

#define SL_WEB_ADMIN_NO_STORE "no-store"
#define SL_WEB_ADMIN_COOKIE "sl_admin"

/* The session of the request's cookie, copied into *OUT: 1, or 0 when
** there is none (absent, unknown, expired, or of a token since rotated:
** that one is dropped). */
int sl_web_admin_session_of(sl_web_page_ctx *x, sl_web_session *out);
void sl_web_admin_session_end(sl_web_pages *p, const sl_web_session *s);
/* 1 when the request's Origin is this server. */
int sl_web_admin_same_origin(sl_web_page_ctx *x);
/* The form body parsed into FORM (free it either way): 1, or 0 when it breaks the form rules. */
int sl_web_admin_read_form(sl_web_page_ctx *x, sl_form *form);
/* /admin/login: its page (GET) or the login itself (POST). */
enum MHD_Result sl_web_admin_login(sl_web_page_ctx *x);
enum MHD_Result sl_web_admin_refuse(sl_web_page_ctx *x, int status, const char *why);
void sl_web_admin_csrf_field(FILE *f, const sl_web_session *s);
void sl_web_admin_head(FILE *f, const char *title);
/* The UTC day of unix time T as YYYY-MM-DD into OUT ("" for 0). */
void sl_web_admin_day(long long t, char out[16]);

#endif
