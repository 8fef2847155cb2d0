/* fmt.c - numbers as text. */
#include "fmt.h"

#include "coop.h"

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

/* ---- numbers as a person writes them ---- */

int fmt_decimals(double x)
{
    char buf[64];
    for (int d = 0; d <= 17; d++) {
        snprintf(buf, sizeof buf, "%.*f", d, x);
        if (strtod(buf, NULL) == x) return d;
    }
    return -1;
}

double fmt_round_decimals(double x, int d)
{
    /* the quotient of two doubles that hold k and 10^d exactly is the
     * double nearest k / 10^d (unless 10^d is past what a double holds
     * exactly, or k is) */
    double p = d >= 0 && d <= 22 ? pow(10, d) : 0;
    if (p && fabs(x) * p < 1e15) x = nearbyint(x * p) / p;
    return x == 0 ? 0 : x;
}

double fmt_digits(double v, int p, double *unit)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%.*e", p - 1, v);
    if (unit) *unit = pow(10, atoi(strchr(buf, 'e') + 1) - (p - 1));
    return strtod(buf, NULL);
}

double fmt_near(double v, double tol)
{
    if (!isfinite(v)) return v;
    if (fabs(v) <= tol) return 0; /* no digit at all */
    for (int p = 1; p <= 17; p++) {
        double near = fmt_digits(v, p, NULL);
        if (fabs(near - v) <= tol) return near;
    }
    return v;
}

static int digit(int c) { return c >= '0' && c <= '9'; }

int coop_number_read(const char *s, double *v, const char **why)
{
    const char *p = s + (*s == '+' || *s == '-');
    if (!digit((unsigned char)*p)) return 0;
    while (digit((unsigned char)*p)) p++;
    if (*p == '.' && !digit((unsigned char)*++p)) return 0;
    while (digit((unsigned char)*p)) p++;
    if (*p == 'e' || *p == 'E') {
        p += p[1] == '+' || p[1] == '-' ? 2 : 1;
        if (!digit((unsigned char)*p)) return 0;
        while (digit((unsigned char)*p)) p++;
    }
    int pct = *p == '%';
    if (p[pct]) return 0;
    double x = strtod(s, NULL) / (pct ? 100 : 1);
    const char *lead = s + strspn(s, "+-0.");
    if (isinf(x)) *why = "too large";
    else if (x == 0 && *lead >= '1' && *lead <= '9') *why = "too small: it would be 0";
    else {
        *v = x;
        return 1;
    }
    return -1;
}
