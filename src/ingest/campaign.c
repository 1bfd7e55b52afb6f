/*
** campaign.c — the campaign's writes (see sightline/ingest/campaign.h).
*/
#include "sightline/ingest/campaign.h"
#include "sightline/core/email.h"
#include "sightline/core/text.h"
#include "sightline/core/token.h"
#include "sightline/ingest/campaign_manage.h"
#include "sightline/store/store_layers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int key_ok(const char *k)
{
    if (!*k || strlen(k) > 64) return 0;
    for (; *k; k++)
        if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') || *k == '-' ||
              *k == '_'))
            return 0;
    return 1;
}

static sl_status check_campaign(sl_store *st, const sl_campaign *c, sl_error *err)
{
    const char *why = NULL;
    char norm[SL_EMAIL_MAX + 1];
    if (!c->title || !*c->title) return sl_fail(err, SL_EUSAGE, NULL, 0, "the campaign needs a title");
    if (!c->pledge_md || !*c->pledge_md) return sl_fail(err, SL_EUSAGE, NULL, 0, "the campaign needs the pledge text");
    if (!c->organisation || !*c->organisation || !c->contact || !*c->contact)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "the campaign needs the organisation's name and contact");
    if (!c->privacy || !*c->privacy) return sl_fail(err, SL_EUSAGE, NULL, 0, "the campaign needs a privacy notice");
    if (!c->base_url || (strncmp(c->base_url, "https://", 8) && strncmp(c->base_url, "http://", 7)) ||
        strpbrk(c->base_url, " \t\r\n\"<>"))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "the base URL (where the campaign is served) must start with https://");
    /* "Campaign <pledge@example.org>", as a mail program writes it: the
    ** message goes out From the address alone */
    if (c->sender && strchr(c->sender, '<'))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "the sender address: give the address alone (--sender "
                       "pledge@example.org), without a name or <>: messages go out From that address");
    if (!c->sender || sl_email_normalize(c->sender, norm, sizeof norm, &why))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "the sender address: %s", why ? why : "missing");
    if (!c->n_commitments) return sl_fail(err, SL_EUSAGE, NULL, 0, "the campaign needs at least one commitment");
    for (size_t i = 0; i < c->n_commitments; i++) {
        if (!key_ok(c->commitments[i].key))
            return sl_fail(err, SL_EUSAGE, NULL, 0, "commitment key '%s' is not letters, digits, - and _",
                           c->commitments[i].key);
        if (!c->commitments[i].label || !*c->commitments[i].label)
            return sl_fail(err, SL_EUSAGE, NULL, 0, "commitment '%s' has no text", c->commitments[i].key);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(c->commitments[i].key, c->commitments[j].key))
                return sl_fail(err, SL_EUSAGE, NULL, 0, "commitment key '%s' is given twice", c->commitments[i].key);
    }
    sl_arena a = {0};
    sl_area_set set;
    int found = 0;
    sl_status rc = sl_store_find_area_set(st, c->area_set ? c->area_set : "", &a, &set, &found, err);
    sl_arena_free(&a);
    if (rc) return rc;
    if (!found) { /* the sets there are, and why this one is needed */
        sl_store_no_area_set(st, c->area_set ? c->area_set : "", err);
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%.960s; signers pick their county from it", err->msg);
        return sl_fail(err, SL_EUSAGE, NULL, 0, "%s", why);
    }
    return SL_OK;
}

sl_status sl_campaign_save(sl_store *st, const sl_campaign *c, long long now, sl_error *err)
{
    if (check_campaign(st, c, err)) return err->status;
    sl_status rc = sl_store_begin(st, err);
    if (!rc) rc = sl_store_campaign_save(st, c, now, err);
    if (!rc) rc = sl_store_commit(st, err);
    if (rc) sl_store_rollback(st);
    return rc;
}

/* ---- the pledge ----------------------------------------------------------- */

static const char *const FIELDS[] = {"email", "name", "state", "county", "commitment",
                                     "consent", "listed", "csrf", SL_PLEDGE_HONEYPOT};

/* The answers of a form, checked. */
typedef struct answers {
    char email[SL_EMAIL_MAX + 1];
    char name[4 * SL_PLEDGE_NAME_MAX + 1];
    char state[3];
    const char *county;
    char *commitments; /* malloc'ed "k1,k2" */
    int consent, listed, honeypot;
} answers;

static sl_status bad(sl_error *err, const char **field, const char *name, const char *fmt, const char *why)
{
    if (field) *field = name;
    return sl_fail(err, SL_EDATA, NULL, 0, fmt, why);
}

static int ticked(const sl_form *f, const char *name, int *value)
{
    const char *v;
    int n = sl_form_get(f, name, &v);
    if (n < 0) return -1;
    *value = n == 1 && (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "1"));
    return 0;
}

/* Single fields: present at most once, every field known. */
static sl_status check_shape(const sl_form *f, const char **field, sl_error *err)
{
    for (size_t i = 0; i < f->count; i++) {
        size_t k = 0;
        while (k < sizeof FIELDS / sizeof FIELDS[0] && strcmp(f->fields[i].name, FIELDS[k])) k++;
        if (k == sizeof FIELDS / sizeof FIELDS[0])
            return bad(err, field, NULL, "the form has a field it does not ask for ('%s')", f->fields[i].name);
        const char *v;
        if (strcmp(FIELDS[k], "commitment") && sl_form_get(f, FIELDS[k], &v) < 0)
            return bad(err, field, FIELDS[k], "the field '%s' is given more than once", FIELDS[k]);
    }
    return SL_OK;
}

static sl_status read_person(const sl_form *f, answers *a, const char **field, sl_error *err)
{
    const char *v, *why;
    if (sl_form_get(f, "email", &v) != 1 || !*v) return bad(err, field, "email", "%s", "please give your email address");
    if (sl_email_normalize(v, a->email, sizeof a->email, &why)) return bad(err, field, "email", "%s", why);
    sl_form_get(f, "name", &v);
    char *name = sl_strdup_trim(v ? v : "");
    if (!name) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    size_t n = strlen(name), chars = sl_utf8_chars(name);
    int control = strpbrk(name, "\t\r\n") != NULL, bidi = sl_has_bidi_control(name);
    if (chars <= SL_PLEDGE_NAME_MAX && n < sizeof a->name && !control && !bidi) memcpy(a->name, name, n + 1);
    free(name);
    if (chars > SL_PLEDGE_NAME_MAX || n >= sizeof a->name)
        return bad(err, field, "name", "%s", "the name is longer than 100 characters");
    if (control) return bad(err, field, "name", "%s", "the name has a tab or line break");
    if (bidi) return bad(err, field, "name", "%s", "the name has a character that reverses the text's direction");
    return SL_OK;
}

static sl_status read_place(sl_store *st, const sl_campaign *c, const sl_form *f, answers *a, const char **field,
                            sl_error *err)
{
    const char *v;
    sl_form_get(f, "state", &v);
    if (!v || strlen(v) != 2 || !((v[0] | 32) >= 'a' && (v[0] | 32) <= 'z') || !((v[1] | 32) >= 'a' && (v[1] | 32) <= 'z'))
        return bad(err, field, "state", "%s", "please pick your state (two letters)");
    a->state[0] = (char)(v[0] & ~32);
    a->state[1] = (char)(v[1] & ~32);
    a->state[2] = '\0';
    sl_form_get(f, "county", &a->county);
    if (!a->county || !*a->county) return bad(err, field, "county", "%s", "please pick your county");
    if (strlen(a->county) > SL_PLEDGE_COUNTY_MAX) return bad(err, field, "county", "%s", "no such county");
    sl_arena ar = {0};
    const char *name;
    int found;
    sl_status rc = sl_store_area_lookup(st, c->area_set, a->county, &ar, &name, &found, err);
    sl_arena_free(&ar);
    if (rc) return rc;
    return found ? SL_OK : bad(err, field, "county", "%s", "no such county");
}

typedef struct commit_ctx { const sl_campaign *c; char *joined; size_t len; int unknown; } commit_ctx;

static void add_commitment(const char *v, void *x)
{
    commit_ctx *k = x;
    size_t i = 0;
    while (i < k->c->n_commitments && strcmp(v, k->c->commitments[i].key)) i++;
    if (i == k->c->n_commitments) {
        k->unknown = 1;
        return;
    }
    if (k->len) k->joined[k->len++] = ',';
    memcpy(k->joined + k->len, v, strlen(v) + 1);
    k->len += strlen(v);
}

static sl_status read_commitments(const sl_campaign *c, const sl_form *f, answers *a, const char **field,
                                  sl_error *err)
{
    size_t total = 1;
    for (size_t i = 0; i < c->n_commitments; i++) total += strlen(c->commitments[i].key) + 1;
    commit_ctx k = {c, malloc(total * (f->count + 1)), 0, 0};
    if (!k.joined) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    k.joined[0] = '\0';
    sl_form_each(f, "commitment", add_commitment, &k);
    a->commitments = k.joined;
    return k.unknown ? bad(err, field, "commitment", "%s", "a commitment the campaign does not offer") : SL_OK;
}

/* Every required field left empty, in one refusal: a form sent empty is
** corrected once, not once per field. *field lists them, the first first. */
static sl_status read_required(const sl_form *f, const char **field, sl_error *err)
{
    static const char *const NAMES[] = {"email", "state", "county"};
    static const char *const SAY[] = {"please give your email address", "please pick your state",
                                      "please pick your county"};
    /* each subset of NAMES, by bits (1 email, 2 state, 4 county) */
    static const char *const LISTS[] = {NULL,           "email",          "state",        "email state",
                                        "county",       "email county",   "state county", "email state county"};
    char text[256] = "";
    unsigned missing = 0;
    for (unsigned i = 0; i < 3; i++) {
        const char *v = NULL;
        if (sl_form_get(f, NAMES[i], &v) == 1 && *v) continue;
        missing |= 1u << i;
        size_t n = strlen(text);
        snprintf(text + n, sizeof text - n, "%s%s", n ? "; " : "", SAY[i]);
    }
    return missing ? bad(err, field, LISTS[missing], "%s", text) : SL_OK;
}

static sl_status read_answers(sl_store *st, const sl_campaign *c, const sl_form *f, answers *a, const char **field,
                              sl_error *err)
{
    const char *v;
    a->honeypot = sl_form_get(f, SL_PLEDGE_HONEYPOT, &v) == 1 && *v;
    if (read_required(f, field, err)) return err->status;
    if (read_person(f, a, field, err)) return err->status;
    if (read_place(st, c, f, a, field, err)) return err->status;
    if (ticked(f, "consent", &a->consent) || ticked(f, "listed", &a->listed)) return SL_EDATA; /* shape checked */
    return read_commitments(c, f, a, field, err);
}

/* The confirmation message: nothing of the signer but the links, the one
** that confirms and the one to manage the pledge later (MANAGE, a URL). */
static char *confirmation_body(const sl_campaign *c, const char *token, long ttl_s, const char *manage)
{
    size_t n = strlen(c->title) + 2 * strlen(c->base_url) + strlen(c->organisation) + strlen(c->contact) +
               strlen(manage) + 1600;
    char *b = malloc(n);
    if (!b) return NULL;
    const char *slash = c->base_url[strlen(c->base_url) - 1] == '/' ? "" : "/";
    snprintf(b, n,
             "Thank you for signing “%s”.\n\n"
             "To confirm your pledge, open this link and press “Confirm my pledge”.\n"
             "It works until %ld days after you signed:\n\n"
             "%s%scampaign/confirm?token=%s\n\n"
             "Only confirmed pledges are counted, in the public figures from the\n"
             "next full hour after the confirmation (they are counted once an hour,\n"
             "so that nobody can tell who signed by watching them). If you did not\n"
             "sign, ignore this message: an unconfirmed pledge is deleted, with your\n"
             "address.\n\n"
             "Keep this message: to stop the organisation's emails, to take your\n"
             "name off the public list or to erase your pledge, without writing\n"
             "to anyone, open this link. It works for %ld days, so that nobody\n"
             "this message reaches later can change your pledge:\n\n"
             "%s\n\n"
             "After that, ask for a new link at any time on the campaign's page\n"
             "“Manage your pledge”: %s%scampaign/manage\n\n"
             "%s — %s\n",
             c->title, (ttl_s + 86399) / 86400, c->base_url, slash, token, SL_MANAGE_MAIL_LINK_TTL_S / 86400, manage,
             c->base_url, slash, c->organisation, c->contact);
    return b;
}

static sl_status store_pledge(sl_store *st, const sl_campaign *c, const answers *a, long long now, long ttl_s,
                              sl_error *err)
{
    char token[SL_TOKEN_CHARS + 1], hash[65];
    if (sl_token_new(token, err)) return err->status;
    sl_token_hash(token, hash);
    if (!hash[0]) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_pledge p = {.email = a->email, .name = a->name, .state = a->state, .county = a->county,
                   .commitments = a->commitments, .consent = a->consent, .listed = a->listed, .created = now};
    long id;
    sl_pledge_state state;
    char subject[300];
    snprintf(subject, sizeof subject, "Confirm your pledge: %.*s", (int)sl_utf8_prefix(c->title, 200), c->title);
    sl_status rc = sl_store_pledge_add(st, &p, hash, now + ttl_s, &id, &state, err);
    /* a pledge whose message still waits keeps that one: its link works */
    if (rc || (state != SL_PLEDGE_NEW && state != SL_PLEDGE_UNCONFIRMED)) return rc;
    char manage[SL_TOKEN_CHARS + 1], url[1200];
    if (sl_campaign_manage_link_new(st, id, now, now + SL_MANAGE_MAIL_LINK_TTL_S, manage, err)) return err->status;
    char *body = confirmation_body(c, token, ttl_s, sl_campaign_manage_url(c->base_url, manage, url, sizeof url));
    if (!body) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    rc = sl_store_outbox_add(st, id, subject, body, now, err);
    free(body);
    return rc;
}

/* The refusal of a pledge while the campaign is closed (since CLOSED). */
static sl_status closed_refusal(long long closed, sl_error *err)
{
    time_t t = (time_t)closed;
    struct tm tm;
    char day[16] = "";
    if (gmtime_r(&t, &tm)) strftime(day, sizeof day, "%Y-%m-%d", &tm);
    return sl_fail(err, SL_EUSAGE, NULL, 0, "the campaign closed on %s and takes no more pledges (campaign reopen "
                   "opens it again)", day);
}

sl_status sl_campaign_pledge(sl_store *st, const sl_form *form, long long now, long ttl_s, const char **field,
                             sl_error *err)
{
    return sl_campaign_pledge_on(st, form, now, ttl_s, 0, field, err);
}

sl_status sl_campaign_pledge_on(sl_store *st, const sl_form *form, long long now, long ttl_s, unsigned port,
                                const char **field, sl_error *err)
{
    char demo_url[64];
    sl_arena ar = {0};
    sl_campaign c;
    answers a;
    int found;
    memset(&a, 0, sizeof a);
    if (field) *field = NULL;
    if (ttl_s <= 0) ttl_s = SL_PLEDGE_CONFIRM_TTL_S;
    /* the form's shape needs no store: a malformed post costs no lock */
    if (check_shape(form, field, err)) return err->status;
    sl_status rc = sl_store_begin(st, err);
    if (rc) return rc;
    rc = sl_store_campaign_load(st, &ar, &c, &found, err);
    if (!rc && !found) rc = sl_fail(err, SL_EUSAGE, NULL, 0, "the store has no campaign (sightline campaign init)");
    if (!rc && c.closed) rc = closed_refusal(c.closed, err);
    if (!rc && port && !strcmp(c.base_url, SL_DEMO_BASE_URL)) {
        snprintf(demo_url, sizeof demo_url, "http://127.0.0.1:%u/", port);
        c.base_url = demo_url;
    }
    if (!rc) rc = read_answers(st, &c, form, &a, field, err);
    if (!rc && !a.honeypot) rc = store_pledge(st, &c, &a, now, ttl_s, err);
    if (!rc) rc = sl_store_commit(st, err);
    if (rc) sl_store_rollback(st);
    free(a.commitments);
    sl_arena_free(&ar);
    return rc;
}
