/*
** email.h — is this an address mail can be sent to, and in which one
** spelling is it stored (so one person's two spellings are one pledge).
*/
#ifndef SIGHTLINE_EMAIL_H
#define SIGHTLINE_EMAIL_H

#include <stddef.h>

#include "sightline/core/error.h"

/* Longest address accepted (RFC 5321: a path of 256 octets, less <>). */
#define SL_EMAIL_MAX 254
/* Longest local part (before the @), RFC 5321 4.5.3.1.1. */
#define SL_EMAIL_LOCAL_MAX 64

/* Check EMAIL (UTF-8) and write its normalised form into OUT (CAP bytes;
** SL_EMAIL_MAX + 1 is enough): surrounding white space dropped, the domain
** converted to its ASCII (IDNA 2008, "xn--") form and lowercased, and the
** local part's ASCII letters lowercased too: RFC 5321 lets a mailbox be
** case-sensitive, but no common provider makes one, and one person typing
** "Ann@" and "ann@" must be one pledge, erasable by either spelling. The
** local part may be UTF-8 (RFC 6531). No quoted local parts, comments or address literals: forms
** never need them and they hide header injection. Returns 0, or -1 with
** *why a sentence for the signer that does not echo the address. */
int sl_email_normalize(const char *email, char *out, size_t cap, const char **why);

/* EMAIL (NULL: none given), a signer named by an organiser or a form,
** normalised as above into OUT (SL_EMAIL_MAX + 1 bytes); else SL_EUSAGE
** "not an address a pledge could have: WHY". */
sl_status sl_email_of_pledge(const char *email, char *out, sl_error *err);

#endif
