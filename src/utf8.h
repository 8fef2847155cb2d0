/* utf8.h - UTF-8 text: decoding, and the columns a terminal gives it. */
#ifndef COOP_UTF8_H
#define COOP_UTF8_H

#include <stddef.h>

/* Decodes one code point of s[0..n) into *cp: the bytes it takes, or 0
 * when they are not valid UTF-8. */
int utf8_decode(const unsigned char *s, size_t n, unsigned *cp);
/* Display columns of one code point (East Asian wide ones take two). */
int utf8_cp_width(unsigned cp);
/* Display columns of a string (an invalid byte counts one). */
int utf8_width(const char *s);

#endif
