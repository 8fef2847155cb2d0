/* fmt.h - numbers as text: the shortest form that reads back the same,
 * and the fixed forms tables print. */
#ifndef COOP_FMT_H
#define COOP_FMT_H

#include <stddef.h>

/* Shortest decimal text that reads back as the same double ("1000", not
 * "1e+03"; never "-0"). */
void fmt_num(char *buf, size_t n, double x);
/* Writes "nan", "inf" or "-inf" and returns 1 for a value that is not
 * finite (the C library's own forms vary: "-nan"); else returns 0. */
int fmt_nonfinite(char *buf, size_t n, double x);
/* "%.4f", never "-0.0000"; from 1e12 on, six significant digits. */
void fmt_fixed(char *buf, size_t n, double x);
/* Up to 4 decimals, trailing zeros dropped. */
void fmt_short(char *buf, size_t n, double x);
/* A fixed number with its sign always shown: "+0.1500", "-0.0900". */
void fmt_signed(char *buf, size_t n, double x);

#endif
