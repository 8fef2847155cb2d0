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

/* ---- numbers as a person writes them ---- */

/* The fewest decimals x is written with in its shortest form (0.05: 2,
 * 3: 0), or -1 when it needs more than 17 (1e-20, 1/3). */
int fmt_decimals(double x);
/* x to d decimals: the double nearest the decimal a person adds up, k /
 * 10^d with k = x * 10^d to the nearest whole number; x itself when d is
 * -1 or x too large for d decimals to matter.  Never -0. */
double fmt_round_decimals(double x, int d);
/* v to p significant digits (1 to 17); *unit, when not NULL, gets the
 * power of ten of its last digit. */
double fmt_digits(double v, int p, double *unit);
/* The number of the fewest significant digits within tol of v (v itself
 * when none is; 0 when v is within tol of it): 0.31333333333333335
 * within 1e-9 is 0.313333333. */
double fmt_near(double v, double tol);

#endif
