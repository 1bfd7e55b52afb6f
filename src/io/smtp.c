/*
** smtp.c — one message over SMTP with libcurl (see include/sightline/io/smtp.h).
*/
#include "sightline/io/smtp.h"
#include "sightline/core/file.h"
#include "sightline/core/kv.h"
#include "sightline/core/text.h"
#include "sightline/core/token.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Apply KEY = VALUE to C; NAME/LINE for messages (line 0: the environment). */
static sl_status set_key(sl_smtp_config *c, const char *key, const char *value, const char *name, long line,
                         sl_error *err)
{
    char *end;
    struct { const char *key; char *dst; size_t cap; } text[] = {
        {"host", c->host, sizeof c->host},       {"user", c->user, sizeof c->user},
        {"password", c->password, sizeof c->password}, {"from", c->from, sizeof c->from},
        {"ca_file", c->ca_file, sizeof c->ca_file}};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        if (!strcmp(key, text[i].key)) {
            if (strlen(value) >= text[i].cap) return sl_fail(err, SL_EDATA, name, line, "%s is too long", key);
            if (strpbrk(value, "\r\n")) return sl_fail(err, SL_EDATA, name, line, "%s holds a line break", key);
            memcpy(text[i].dst, value, strlen(value) + 1);
            return SL_OK;
        }
    if (!strcmp(key, "port") || !strcmp(key, "timeout")) {
        errno = 0;
        long v = strtol(value, &end, 10);
        if (errno || end == value || *end || v < 1 || v > 65535)
            return sl_fail(err, SL_EDATA, name, line, "%s wants a number from 1 to 65535, not '%s'", key, value);
        *(key[0] == 'p' ? &c->port : &c->timeout_s) = v;
        return SL_OK;
    }
    if (!strcmp(key, "tls")) {
        if (!strcmp(value, "none")) c->tls = SL_SMTP_TLS_NONE;
        else if (!strcmp(value, "starttls")) c->tls = SL_SMTP_TLS_STARTTLS;
        else if (!strcmp(value, "tls")) c->tls = SL_SMTP_TLS_IMPLICIT;
        else return sl_fail(err, SL_EDATA, name, line, "tls wants none, starttls or tls, not '%s'", value);
        return SL_OK;
    }
    return sl_fail(err, SL_EDATA, name, line,
                   "unknown setting '%s' (host, port, tls, user, password, from, timeout, ca_file)", key);
}

typedef struct kv_ctx { sl_smtp_config *c; const char *name; } kv_ctx;

static sl_status kv_set(const char *key, const char *value, long line, void *v, sl_error *err)
{
    kv_ctx *k = v;
    return set_key(k->c, key, value, k->name, line, err);
}

sl_status sl_smtp_config_read(const char *path, sl_smtp_config *c, sl_error *err)
{
    memset(c, 0, sizeof *c);
    c->tls = SL_SMTP_TLS_STARTTLS; /* clear text must be asked for */
    if (path) {
        char *data;
        size_t len;
        if (sl_read_file(path, &data, &len, NULL, err)) return err->status;
        kv_ctx k = {c, path};
        sl_status rc = sl_kv_parse(path, data, len, kv_set, &k, err);
        free(data);
        if (rc) return rc;
    }
    static const char *const KEYS[] = {"host", "port", "tls", "user", "password", "from", "timeout", "ca_file"};
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
        char var[64];
        snprintf(var, sizeof var, "SIGHTLINE_SMTP_%s", KEYS[i]);
        for (char *p = var; *p; p++) *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
        const char *v = getenv(var);
        if (v && set_key(c, KEYS[i], v, var, 0, err)) return err->status;
    }
    /* Without a file, "the file" named none: say which option gives one. */
    if (!c->host[0] && path)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "no SMTP server: set host in %s or SIGHTLINE_SMTP_HOST", path);
    if (!c->host[0])
        return sl_fail(err, SL_EUSAGE, NULL, 0,
                       "no SMTP server: give --smtp-config FILE (a line `host = NAME`) or set SIGHTLINE_SMTP_HOST");
    return SL_OK; /* an empty from is the caller's to fill (the campaign's sender) */
}

typedef struct upload { const char *data; size_t len, pos; } upload;

static size_t read_cb(char *buf, size_t size, size_t nitems, void *v)
{
    upload *u = v;
    size_t n = size * nitems, left = u->len - u->pos;
    if (n > left) n = left;
    memcpy(buf, u->data + u->pos, n);
    u->pos += n;
    return n;
}

static int ascii_only(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80) return 0;
    return 1;
}

/* S as a header's text into OUT: as it is when ASCII, else RFC 2047
** encoded-words of at most 75 characters (39 bytes of text each, cut
** between characters), folded onto lines of their own: one long word is
** refused or mangled by some servers and spam filters. */
static void header_text(const char *s, char *out, size_t cap)
{
    if (ascii_only(s)) {
        snprintf(out, cap, "%s", s);
        return;
    }
    size_t o = 0;
    out[0] = '\0';
    while (*s && o + 90 < cap) {
        size_t n = sl_utf8_prefix(s, 39);
        if (!n) n = 1; /* not UTF-8: a byte at a time rather than loop */
        unsigned char b64[64];
        EVP_EncodeBlock(b64, (const unsigned char *)s, (int)n);
        o += (size_t)snprintf(out + o, cap - o, "%s=?UTF-8?B?%s?=", o ? "\r\n " : "", (const char *)b64);
        s += n;
    }
}

/* The From: header's value: "NAME" <ADDRESS>, the name quoted (ASCII) or
** encoded (header_text); the address alone without a name. */
static void from_header(const sl_smtp_config *c, char *out, size_t cap)
{
    if (!c->from_name[0]) {
        snprintf(out, cap, "%s", c->from);
        return;
    }
    char name[1024];
    if (ascii_only(c->from_name)) {
        size_t o = 0;
        name[o++] = '"';
        for (const char *p = c->from_name; *p && o < sizeof name - 3; p++) {
            if (*p == '"' || *p == '\\') name[o++] = '\\';
            name[o++] = *p;
        }
        name[o++] = '"';
        name[o] = '\0';
    } else {
        header_text(c->from_name, name, sizeof name);
    }
    /* an encoded name may fill its line: the address goes on a line of its own */
    snprintf(out, cap, "%s%s<%s>", name, ascii_only(c->from_name) ? " " : "\r\n ", c->from);
}

/* The message with headers, CRLF line ends; malloc'ed, NULL out of memory.
** Its Message-ID is of the sender's own domain, as a mail server's would be. */
static char *compose(const sl_smtp_config *c, const char *to, const char *subject, const char *body)
{
    char date[64], id[SL_TOKEN_CHARS + 1], subj[1024], from[1400];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    sl_error ignored;
    if (sl_token_new(id, &ignored)) snprintf(id, sizeof id, "%lld", (long long)now);
    char cut[301];
    snprintf(cut, sizeof cut, "%.*s", (int)sl_utf8_prefix(subject, 300), subject);
    header_text(cut, subj, sizeof subj);
    from_header(c, from, sizeof from);
    const char *at = strrchr(c->from, '@');
    const char *domain = at && at[1] ? at + 1 : "sightline.invalid";
    size_t cap = strlen(body) * 2 + 2048;
    char *m = malloc(cap);
    if (!m) return NULL;
    int n = snprintf(m, cap,
                     "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: <%s@%s>\r\n"
                     "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                     "Content-Transfer-Encoding: 8bit\r\n\r\n",
                     date, from, to, subj, id, domain);
    size_t o = (size_t)n;
    for (const char *p = body; *p; p++) {
        if (*p == '\r') continue;
        if (*p == '\n') m[o++] = '\r';
        m[o++] = *p;
    }
    if (o < 2 || m[o - 1] != '\n') {
        m[o++] = '\r';
        m[o++] = '\n';
    }
    m[o] = '\0';
    return m;
}

struct sl_smtp_session {
    sl_smtp_config c;
    CURL *curl;  /* kept between messages: libcurl keeps its connection open */
    int refused; /* the last message's recipient refused for good (sl_smtp_session_refused) */
    int for_now; /* ... or turned away for now (sl_smtp_session_for_now) */
    char reply[512]; /* the server's reply to RCPT TO or to the message's end (never printed: it may name
                     ** the address) */
    int after_rcpt;  /* RCPT TO was the last command sent: its reply comes next */
    int data;        /* 1: DATA sent; 2: the server asked for the message (354); 3: it answered its end */
};

/* libcurl's trace: the server's reply to RCPT TO or to the message's end
** kept (its last line), and how far DATA went; nothing else is looked at
** (the message, the envelope). */
static int trace(CURL *curl, curl_infotype type, char *data, size_t size, void *v)
{
    (void)curl;
    sl_smtp_session *s = v;
    if (type == CURLINFO_HEADER_OUT) {
        s->after_rcpt = size >= 7 && !strncasecmp(data, "RCPT TO", 7);
        if (size >= 4 && !strncasecmp(data, "DATA", 4)) s->data = 1;
    }
    if (type == CURLINFO_HEADER_IN && s->data == 1) {
        s->data = size >= 3 && !strncmp(data, "354", 3) ? 2 : 0;
        return 0;
    }
    if (type == CURLINFO_HEADER_IN && s->data == 2) s->data = 3, s->after_rcpt = 1;
    if (type != CURLINFO_HEADER_IN || !s->after_rcpt) return 0;
    while (size && (data[size - 1] == '\n' || data[size - 1] == '\r')) size--;
    size_t from = size;
    while (from && data[from - 1] != '\n') from--;
    size_t n = size - from < sizeof s->reply - 1 ? size - from : sizeof s->reply - 1;
    memcpy(s->reply, data + from, n);
    s->reply[n] = '\0';
    s->after_rcpt = 0;
    return 0;
}

/* Whether a 5xx reply to RCPT TO says the address will never take mail
** (RFC 5321 4.2.1): not when it is the relay's policy or its settings
** (an enhanced status of class 7, RFC 3463: "5.7.1 Relay access denied",
** "authentication required"), which refuse every recipient alike, and
** would otherwise drop every waiting signer's link, also with only one or
** two waiting, too few for the run to see that all were refused. *CODE
** gets the enhanced status when the reply has one ("5.1.1"), else "". */
static int refused_for_good(const char *reply, char code[16])
{
    code[0] = '\0';
    const char *p = reply + strspn(reply, "0123456789");
    p += strspn(p, " -");
    int a = 0, b = 0, c = 0, used = 0;
    if (sscanf(p, "%1d.%3d.%3d%n", &a, &b, &c, &used) == 3 && used) snprintf(code, 16, "%d.%d.%d", a, b, c);
    if (code[0] && b == 7) return 0;
    char low[512];
    size_t i = 0;
    for (; reply[i] && i < sizeof low - 1; i++) low[i] = (char)tolower((unsigned char)reply[i]);
    low[i] = '\0';
    return !strstr(low, "relay") && !strstr(low, "authenticat");
}

sl_smtp_session *sl_smtp_session_new(const sl_smtp_config *c)
{
    sl_smtp_session *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->c = *c;
    if (!(s->curl = curl_easy_init())) {
        free(s);
        return NULL;
    }
    return s;
}

void sl_smtp_session_end(sl_smtp_session *s)
{
    if (!s) return;
    curl_easy_cleanup(s->curl); /* QUIT on a connection still open */
    memset(s->c.password, 0, sizeof s->c.password);
    free(s);
}

/* The kind of a failure RC (CODE the server's last reply) before the
** message's end: SL_EUSAGE for the settings, SL_EIO for the server, else
** SL_EDATA (sl_smtp_send); WHY gets what the organiser can do. */
static sl_status server_failure(CURLcode rc, long code, char *why, size_t cap)
{
    static const struct { CURLcode rc; sl_status kind; const char *hint; } KNOWN[] = {
        {CURLE_LOGIN_DENIED, SL_EUSAGE, "the login was refused: check user and password in the SMTP settings"},
        {CURLE_USE_SSL_FAILED, SL_EUSAGE,
         "the server offers no STARTTLS: check host and port, or set tls = tls for port 465 (tls = none is for a "
         "relay on this machine only)"},
        {CURLE_PEER_FAILED_VERIFICATION, SL_EUSAGE,
         "the server's certificate is not for this host or not trusted: check host, or give ca_file"},
        {CURLE_SSL_CONNECT_ERROR, SL_EIO, "the TLS handshake failed: check port and tls (tls for 465, starttls for "
                                          "587 or 25)"},
        {CURLE_COULDNT_RESOLVE_HOST, SL_EIO, "check host in the SMTP settings"},
        {CURLE_COULDNT_CONNECT, SL_EIO, "check host and port in the SMTP settings"},
        {CURLE_OPERATION_TIMEDOUT, SL_EIO, NULL},
        {CURLE_GOT_NOTHING, SL_EIO, NULL},
        {CURLE_WEIRD_SERVER_REPLY, SL_EIO, NULL}};
    for (size_t i = 0; i < sizeof KNOWN / sizeof KNOWN[0]; i++) {
        if (rc != KNOWN[i].rc) continue;
        const char *hint = KNOWN[i].hint;
        if (!hint && code >= 400 && code < 500) hint = "the server is busy or refused the connection for now";
        size_t n = strlen(why);
        if (hint) snprintf(why + n, cap - n, " (%s)", hint);
        n = strlen(why);
        snprintf(why + n, cap - n, "%s", KNOWN[i].kind == SL_EUSAGE ? "; no message goes until the settings are "
                                                                      "right" : "");
        return KNOWN[i].kind;
    }
    return SL_EDATA;
}

/* Why S's message was not taken (RC, libcurl's ERRBUF; WHOLE: all of it
** was handed over), in ERR; S->refused when the recipient will never take
** it. A 5xx reply to RCPT TO, or to the message's end (a relay that looks
** up the mailbox only once it has the message), says this address will
** never take mail (RFC 5321 4.2.1); not to MAIL FROM, whose 5xx is the
** sender's settings, the same for every message, nor a 4xx (greylisting,
** a full mailbox). A connection lost after the whole message went, before
** the server's answer, may have delivered it: the next run sends it
** again, and the reason says so (a signer may get it twice rather than
** never). The server's own failures are SL_EIO (they end a run). */
static sl_status failure(sl_smtp_session *s, CURLcode rc, const char *errbuf, long port, int whole, sl_error *err)
{
    long code = 0;
    char status[16] = "";
    curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
    int at_end = s->data == 3, lost = s->data == 2 && whole;
    int rcpt5 = code >= 500 && code < 600 && (at_end || !strncmp(errbuf, "RCPT failed", 11));
    s->refused = rcpt5 && refused_for_good(s->reply, status);
    s->for_now = code >= 400 && code < 500 && (at_end || !strncmp(errbuf, "RCPT failed", 11));
    char why[CURL_ERROR_SIZE + 480];
    if (at_end) /* libcurl says "Weird server reply": the code is what tells */
        snprintf(why, sizeof why, "the message's end refused: %ld%s%s", code, status[0] ? " " : "", status);
    else if (lost)
        snprintf(why, sizeof why, "%s, after the whole message went and before the server said whether it took "
                 "it: " SL_SMTP_MAYBE_SENT ", and the next run sends it again, once", errbuf[0] ? errbuf : curl_easy_strerror(rc));
    else
        snprintf(why, sizeof why, "%s%s%s", errbuf[0] ? errbuf : curl_easy_strerror(rc), status[0] ? " " : "",
                 status); /* the code, never the text */
    if (rcpt5 && !s->refused)
        snprintf(why + strlen(why), sizeof why - strlen(why), " (the server's settings or policy, such as relaying "
                 "or login, not the address: kept for the next run)");
    sl_status kind = at_end ? SL_EDATA : server_failure(rc, code, why, sizeof why);
    return sl_fail(err, kind, NULL, 0, "SMTP %s:%ld: %s", s->c.host, port, why);
}

sl_status sl_smtp_session_send(sl_smtp_session *s, const char *to, const char *subject, const char *body,
                               sl_error *err)
{
    const sl_smtp_config *c = &s->c;
    s->refused = s->for_now = 0;
    if (strpbrk(to, "\r\n<>") || strpbrk(subject, "\r\n") || strpbrk(c->from, "\r\n<>") ||
        strpbrk(c->from_name, "\r\n"))
        return sl_fail(err, SL_EDATA, NULL, 0, "a message header holds a line break or angle bracket; not sent");
    char url[320], from[300], rcpt[300];
    long port = c->port ? c->port : c->tls == SL_SMTP_TLS_IMPLICIT ? 465 : 25;
    snprintf(url, sizeof url, "%s://%s:%ld", c->tls == SL_SMTP_TLS_IMPLICIT ? "smtps" : "smtp", c->host, port);
    snprintf(from, sizeof from, "<%s>", c->from);
    snprintf(rcpt, sizeof rcpt, "<%s>", to);
    char *msg = compose(c, to, subject, body);
    struct curl_slist *rcpts = msg ? curl_slist_append(NULL, rcpt) : NULL;
    if (!rcpts) {
        free(msg);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    CURL *curl = s->curl;
    upload u = {msg, strlen(msg), 0};
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpts);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(curl, CURLOPT_READDATA, &u);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, c->timeout_s ? c->timeout_s : 30L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    if (c->tls == SL_SMTP_TLS_STARTTLS) curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    if (c->ca_file[0]) curl_easy_setopt(curl, CURLOPT_CAINFO, c->ca_file);
    if (c->user[0]) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, c->user);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, c->password);
    }
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, trace);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, s);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L); /* to trace(), not to standard error */
    s->reply[0] = '\0';
    s->after_rcpt = s->data = 0;
    CURLcode rc = curl_easy_perform(curl);
    /* the handle keeps pointers to these: cleared before they go */
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, NULL);
    curl_easy_setopt(curl, CURLOPT_READDATA, NULL);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, NULL);
    curl_slist_free_all(rcpts);
    free(msg);
    if (rc == CURLE_OK) return SL_OK;
    return failure(s, rc, errbuf, port, u.pos == u.len, err);
}

int sl_smtp_session_refused(const sl_smtp_session *s)
{
    return s && s->refused;
}

int sl_smtp_session_for_now(const sl_smtp_session *s)
{
    return s && s->for_now;
}

sl_status sl_smtp_send(const sl_smtp_config *c, const char *to, const char *subject, const char *body, sl_error *err)
{
    sl_smtp_session *s = sl_smtp_session_new(c);
    if (!s) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_status rc = sl_smtp_session_send(s, to, subject, body, err);
    sl_smtp_session_end(s);
    return rc;
}
