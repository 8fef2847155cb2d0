/* fmt.c - numbers as text. */
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fmt_nonfinite(char *buf, size_t n, double x)
{
    if (isfinite(x)) return 0;
    snprintf(buf, n, "%s", isnan(x) ? "nan" : x > 0 ? "inf" : "-inf");
    return 1;
}

void fmt_num(char *buf, size_t n, double x)
{
    if (fmt_nonfinite(buf, n, x)) return;
    if (x == 0) x = 0; /* no "-0" */
    if (x > -1e15 && x < 1e15 && x == (double)(long long)x) {
        snprintf(buf, n, "%lld", (long long)x); /* 1000, not 1e+03 */
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, x);
        if (strtod(buf, NULL) == x) return;
    }
}

void fmt_fixed(char *buf, size_t n, double x)
{
    if (fmt_nonfinite(buf, n, x)) return;
    if (fabs(x) >= 1e12) { /* four decimals of a huge number would not fit */
        snprintf(buf, n, "%.6g", x);
        return;
    }
    snprintf(buf, n, "%.4f", x);
    if (strcmp(buf, "-0.0000") == 0) snprintf(buf, n, "0.0000");
}

void fmt_short(char *buf, size_t n, double x)
{
    fmt_fixed(buf, n, x);
    char *dot = strchr(buf, '.');
    if (!dot || strchr(buf, 'e')) return; /* no trimming inside an exponent */
    char *e = buf + strlen(buf) - 1;
    while (e > dot && *e == '0') *e-- = 0;
    if (e == dot) *e = 0;
}

void fmt_signed(char *buf, size_t n, double x)
{
    char t[24]; /* fmt_fixed writes at most 18 characters */
    fmt_fixed(t, sizeof t, x);
    snprintf(buf, n, "%s%s", t[0] == '-' || !isfinite(x) ? "" : "+", t);
}
