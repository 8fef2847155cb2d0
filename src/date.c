/* date.c - dates: reading, writing, and stepping by years, quarters,
 * months and days. */
#include "date.h"

#include <stdio.h>
#include <string.h>

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int date_days_in(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

static const char *const units[] = {"year", "quarter", "month", "day"};

const char *date_unit_name(date_unit u) { return units[u]; }

int date_unit_of(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(s, units[i]) == 0) return i;
    return -1;
}

/* The digits s[*at, *at + n) as a number; -1 if they are not n digits. */
static int digits(const char *s, size_t len, size_t *at, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++, (*at)++) {
        if (*at >= len || s[*at] < '0' || s[*at] > '9') return -1;
        v = 10 * v + (s[*at] - '0');
    }
    return v;
}

int date_parse(const char *s, size_t n, date *out, const char **why)
{
    size_t at = 0;
    date x = {0, 1, 1, DATE_YEAR};
    *why = "a date is written YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD";
    if ((x.y = digits(s, n, &at, 4)) < DATE_MIN_YEAR) {
        if (x.y == 0) *why = "there is no year 0";
        return -1;
    }
    if (at < n && s[at] == '-' && at + 1 < n && s[at + 1] == 'Q') {
        at += 2;
        int q = digits(s, n, &at, 1);
        if (q < 0 || at != n) return -1;
        if (q < 1 || q > 4) {
            *why = "a quarter is Q1 to Q4";
            return -1;
        }
        x.m = 3 * q - 2;
        x.unit = DATE_QUARTER;
    } else if (at < n) {
        if (s[at++] != '-' || (x.m = digits(s, n, &at, 2)) < 0) return -1;
        if (x.m < 1 || x.m > 12) {
            *why = "a month is 01 to 12";
            return -1;
        }
        x.unit = DATE_MONTH;
        if (at < n) {
            if (s[at++] != '-' || (x.d = digits(s, n, &at, 2)) < 0) return -1;
            if (x.d < 1 || x.d > date_days_in(x.y, x.m)) {
                *why = "that month has no such day";
                return -1;
            }
            x.unit = DATE_DAY;
        }
    }
    if (at != n) return -1;
    *out = x;
    return 0;
}

const char *date_text(date x, char *buf, size_t size)
{
    switch (x.unit) {
    case DATE_YEAR: snprintf(buf, size, "%04d", x.y); break;
    case DATE_QUARTER: snprintf(buf, size, "%04d-Q%d", x.y, (x.m + 2) / 3); break;
    case DATE_MONTH: snprintf(buf, size, "%04d-%02d", x.y, x.m); break;
    case DATE_DAY: snprintf(buf, size, "%04d-%02d-%02d", x.y, x.m, x.d); break;
    }
    return buf;
}

/* Days from 0001-01-01 to y-m-d (the days before each year, month). */
long date_serial(date x)
{
    long y = x.y - 1, days = 365 * y + y / 4 - y / 100 + y / 400;
    for (int m = 1; m < x.m; m++) days += date_days_in(x.y, m);
    return days + x.d - 1;
}

/* The date `serial` days from 0001-01-01. */
static date from_serial(long serial)
{
    date x = {1, 1, 1, DATE_DAY};
    long n400 = serial / 146097; /* days in 400 years */
    serial %= 146097;
    x.y += (int)(400 * n400);
    while (serial >= (leap(x.y) ? 366 : 365)) serial -= leap(x.y) ? 366 : 365, x.y++;
    while (serial >= date_days_in(x.y, x.m)) serial -= date_days_in(x.y, x.m), x.m++;
    x.d = (int)serial + 1;
    return x;
}

int date_add(date x, long n, date_unit u, date *out)
{
    date r = x;
    if (u > r.unit) r.unit = u;
    if (u == DATE_DAY) {
        long s = date_serial(x) + n;
        if (s < 0 || s >= date_serial((date){DATE_MAX_YEAR + 1, 1, 1, DATE_DAY})) return -1;
        date d = from_serial(s);
        r.y = d.y, r.m = d.m, r.d = d.d;
    } else {
        long months = n * (u == DATE_YEAR ? 12 : u == DATE_QUARTER ? 3 : 1);
        long m = (long)x.y * 12 + (x.m - 1) + months;
        if (m < (long)DATE_MIN_YEAR * 12 || m >= (long)(DATE_MAX_YEAR + 1) * 12) return -1;
        r.y = (int)(m / 12);
        r.m = (int)(m % 12) + 1;
        if (r.d > date_days_in(r.y, r.m)) return -1; /* moved, never silently */
    }
    *out = r;
    return 0;
}

date date_floor(date x, date_unit u)
{
    if (u < DATE_DAY) x.d = 1;
    if (u == DATE_QUARTER) x.m = 3 * ((x.m - 1) / 3) + 1;
    if (u == DATE_YEAR) x.m = 1;
    x.unit = u;
    return x;
}

long date_diff(date a, date b, date_unit u)
{
    if (u == DATE_DAY) return date_serial(b) - date_serial(a);
    /* whole units by their boundaries: months since year 0, over the unit */
    long per = u == DATE_YEAR ? 12 : u == DATE_QUARTER ? 3 : 1;
    return ((long)b.y * 12 + b.m - 1) / per - ((long)a.y * 12 + a.m - 1) / per;
}
