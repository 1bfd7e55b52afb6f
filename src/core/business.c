/*
** business.c — what makes a directory entry a listing (see
** sightline/core/business.h): one rule for the file importer, the
** organisers' edit form and readers' suggestions.
*/
#include "sightline/core/business.h"

#include <string.h>

/* 1 when S holds more than white space. */
static int filled(const char *s)
{
    return s && s[strspn(s, " \t\r\n")] != '\0';
}

int sl_business_has_detail(const sl_business *b)
{
    return filled(b->category) || filled(b->address) || filled(b->website) || filled(b->phone);
}
