/*
** swar.h — byte scanning eight bytes at a time for the point readers (private
** to src/io).
*/
#ifndef SIGHTLINE_IO_SWAR_H
#define SIGHTLINE_IO_SWAR_H

#include <stddef.h>
#include <stdint.h>

/* Occurrences of byte C in [s,end). */
size_t sl_swar_count_byte(const char *s, const char *end, char c);

/* The decimal digits at *PP (stopping at the first other byte or END),
** appended to *mant (mant = mant * 10^count + their value; wraps past 19
** digits in all, which callers refuse); advances *PP and returns the count. */
size_t sl_swar_take_digits(const char **pp, const char *end, uint64_t *mant);

#endif
