/*
** email.c — address checks for pledges (see include/sightline/core/email.h).
** Domains go through libidn2, which knows which code points IDNA 2008
** allows, so "bücher.example" becomes "xn--bcher-kva.example" and a domain
** mixing scripts or holding symbols is refused.
*/
#include "sightline/core/email.h"
#include "sightline/core/text.h"

#include <ctype.h>
#include <idn2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RFC 5322 atext, plus UTF-8 bytes (RFC 6531); dots checked apart. */
static int local_char(unsigned char c)
{
    return c >= 0x80 || isalnum(c) || strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL;
}

static const char *check_local(const char *s, size_t n)
{
    if (n == 0) return "the part before the @ is empty";
    if (n > SL_EMAIL_LOCAL_MAX) return "the part before the @ is longer than 64 characters";
    if (s[0] == '.' || s[n - 1] == '.') return "the part before the @ starts or ends with a dot";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.' && s[i + 1] == '.') return "the part before the @ has two dots in a row";
        if (c != '.' && !local_char(c)) return "the part before the @ has a character addresses cannot hold";
    }
    return NULL;
}

/* A domain in ASCII (after IDNA): letters, digits, hyphens, dots; labels of
** 1..63, at least two of them, the last not numeric. */
static const char *check_ascii_domain(const char *d)
{
    size_t n = strlen(d), label = 0, labels = 1;
    int digits_only = 1;
    if (n == 0 || n > 253) return "the domain is empty or too long";
    for (size_t i = 0; i <= n; i++) {
        char c = d[i];
        if (c == '.' || c == '\0') {
            if (label == 0 || label > 63) return "the domain has an empty or over-long part";
            if (d[i - 1] == '-' || d[i - label] == '-') return "a part of the domain starts or ends with a hyphen";
            if (c == '.') {
                labels++;
                label = 0;
                digits_only = 1;
            }
            continue;
        }
        if (!isalnum((unsigned char)c) && c != '-') return "the domain has a character domains cannot hold";
        if (!isdigit((unsigned char)c)) digits_only = 0;
        label++;
    }
    if (labels < 2) return "the domain has no dot (like example.org)";
    if (digits_only) return "the domain ends in a number";
    return NULL;
}

int sl_email_normalize(const char *email, char *out, size_t cap, const char **why)
{
    *why = NULL;
    while (*email == ' ' || *email == '\t') email++;
    size_t n = strlen(email);
    while (n && (email[n - 1] == ' ' || email[n - 1] == '\t')) n--;
    if (n == 0) return *why = "no email address", -1;
    if (n > SL_EMAIL_MAX) return *why = "the email address is longer than 254 characters", -1;
    if (!sl_utf8_valid(email, n)) return *why = "the email address is not valid text", -1;
    const char *at = memchr(email, '@', n);
    if (!at) return *why = "the email address has no @", -1;
    if (memchr(at + 1, '@', n - (size_t)(at - email) - 1)) return *why = "the email address has more than one @", -1;
    size_t ln = (size_t)(at - email), dn = n - ln - 1;
    if ((*why = check_local(email, ln))) return -1;
    char domain[SL_EMAIL_MAX + 1];
    memcpy(domain, at + 1, dn);
    domain[dn] = '\0';
    for (size_t i = 0; i < dn; i++)
        if ((unsigned char)domain[i] <= 0x20 || domain[i] == 0x7f) return *why = "the domain has a space or control character", -1;
    char *ascii = NULL;
    if (idn2_to_ascii_8z(domain, &ascii, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK)
        return *why = "the domain is not a valid (international) domain name", -1;
    for (char *p = ascii; *p; p++) *p = (char)tolower((unsigned char)*p);
    *why = check_ascii_domain(ascii);
    if (!*why && ln + 1 + strlen(ascii) > SL_EMAIL_MAX) *why = "the email address is longer than 254 characters";
    if (!*why && (size_t)snprintf(out, cap, "%.*s@%s", (int)ln, email, ascii) >= cap)
        *why = "the email address is too long";
    idn2_free(ascii);
    if (*why) return -1;
    for (size_t i = 0; i < ln; i++) out[i] = (char)((unsigned char)out[i] < 0x80 ? tolower((unsigned char)out[i]) : out[i]);
    return 0;
}

sl_status sl_email_of_pledge(const char *email, char *out, sl_error *err)
{
    const char *why = "none given";
    if (email && !sl_email_normalize(email, out, SL_EMAIL_MAX + 1, &why)) return SL_OK;
    return sl_fail(err, SL_EUSAGE, NULL, 0, "not an address a pledge could have: %s", why);
}
