/*
** smtp.h — delivering a message over SMTP (libcurl): the campaign's
** confirmation messages. The server, port, TLS and credentials come from a
** `key = value` file and the environment, never from the command line
** (where other users of the machine could read a password in `ps`).
*/
#ifndef SIGHTLINE_SMTP_H
#define SIGHTLINE_SMTP_H

#include "sightline/core/error.h"

typedef enum sl_smtp_tls {
    SL_SMTP_TLS_NONE,     /* plain SMTP (a local relay on loopback) */
    SL_SMTP_TLS_STARTTLS, /* STARTTLS required: fail rather than send in clear */
    SL_SMTP_TLS_IMPLICIT  /* TLS from the start (smtps, port 465) */
} sl_smtp_tls;

typedef struct sl_smtp_config {
    char host[256];
    long port;          /* 0: 25, or 465 for implicit TLS */
    sl_smtp_tls tls;
    char user[256], password[256]; /* "" user: no authentication */
    char from[256];     /* envelope and From: address */
    char from_name[256]; /* From:'s display name ("": none); `campaign send`: the campaign's title */
    long timeout_s;     /* per message; 0: 30 */
    char ca_file[512];  /* "" : the system's CAs */
} sl_smtp_config;

/* Fill C from the file PATH (NULL: none) then the environment, which wins:
** SIGHTLINE_SMTP_HOST, _PORT, _TLS (none, starttls, tls), _USER,
** _PASSWORD, _FROM, _TIMEOUT, _CA_FILE; the file's keys are the same
** words in lower case. SL_EDATA naming the file and line for an unknown key
** or a bad value; SL_EUSAGE when no host is set at all. C->from may stay
** empty: `campaign send` sends from the campaign's sender. */
sl_status sl_smtp_config_read(const char *path, sl_smtp_config *c, sl_error *err);

/* Send one text/plain UTF-8 message from C->from to TO with SUBJECT and
** BODY. Returns SL_OK only once the server accepted the message (its reply
** to the end of DATA); a header value holding a line break is refused
** before connecting. On failure ERR holds curl's reason and what to do,
** with SL_EUSAGE when the server refused the settings (the login, STARTTLS
** not offered, a certificate not for the host: no message goes until the
** organiser changes them), SL_EIO when the server itself failed (not
** reached, busy, silent past the timeout: no other message would fare
** better now) and SL_EDATA when it refused this message (a recipient, the
** content). */
/* In ERR's reason when the connection was lost after the whole message
** went, before the server's answer: the message may have been delivered. */
#define SL_SMTP_MAYBE_SENT "it may have arrived"

sl_status sl_smtp_send(const sl_smtp_config *c, const char *to, const char *subject, const char *body, sl_error *err);

/* A run of messages over one connection: connecting, STARTTLS and logging
** in once rather than for each message (a queue of 30,000 links took hours
** of handshakes). sl_smtp_session_send is sl_smtp_send on S's connection,
** opened at its first message and again after one that broke it; NULL out
** of memory. sl_smtp_session_end says QUIT and frees S (NULL: nothing). */
typedef struct sl_smtp_session sl_smtp_session;
sl_smtp_session *sl_smtp_session_new(const sl_smtp_config *c);
sl_status sl_smtp_session_send(sl_smtp_session *s, const char *to, const char *subject, const char *body,
                               sl_error *err);
void sl_smtp_session_end(sl_smtp_session *s);
/* 1 when S's last message failed because the server refused its recipient
** for good (a 5xx reply to RCPT TO: no such mailbox, a domain that takes no
** mail): sending it again can only fail again. 0 after a success, a
** temporary refusal (4xx), a 5xx that is the server's policy or settings
** (an enhanced status 5.7.x, or a reply speaking of relaying or
** authentication: it refuses every recipient alike, and is a failure whose
** error says so) or any other failure. The error gives the reply's code and
** enhanced status ("RCPT failed: 550 5.1.1"), never its text, which may
** name the address. */
int sl_smtp_session_refused(const sl_smtp_session *s);
/* 1 when S's last message failed because the server turned its recipient
** or the message away for now (a 4xx reply to RCPT TO or to the message's
** end: a full mailbox, greylisting): worth trying again, but not at once. */
int sl_smtp_session_for_now(const sl_smtp_session *s);

#endif
