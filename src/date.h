/*
 * date.h - the dates and periods of a timeline (docs/language.md,
 * "Timelines").  A date is a day of the proleptic Gregorian calendar with
 * the precision it was written at: a year (2014), a quarter (2014-Q3), a
 * month (2014-08) or a day (2014-08-15); no time zones.  A timeline steps
 * by one of those units, and a date at its precision is one of its steps.
 */
#ifndef COOP_DATE_H
#define COOP_DATE_H

#include <stddef.h>

typedef enum { DATE_YEAR, DATE_QUARTER, DATE_MONTH, DATE_DAY } date_unit;

/* The years a date may name. */
#define DATE_MIN_YEAR 1
#define DATE_MAX_YEAR 9999

typedef struct date {
    int y, m, d;     /* a quarter's first month, a year's January; day 1 unless DATE_DAY */
    date_unit unit;  /* its precision */
} date;

/* The days of month m (1-12) of year y. */
int date_days_in(int y, int m);
/* Reads s[0, n) as a date: 0, or -1 with what is wrong in *why (static
 * text: "month 13 does not exist", ...). */
int date_parse(const char *s, size_t n, date *out, const char **why);
/* The date as written at its precision, into buf (at least 16 bytes). */
const char *date_text(date x, char *buf, size_t size);
/* "year", "quarter", "month", "day"; and back (-1 for another word). */
const char *date_unit_name(date_unit u);
int date_unit_of(const char *s);

/* Date x moved n units u forward (back when n < 0), its day kept: 0, or
 * -1 when that day does not exist in the month it lands in (31 February)
 * or the year leaves DATE_MIN_YEAR .. DATE_MAX_YEAR.  The result has x's
 * precision, or u's when finer. */
int date_add(date x, long n, date_unit u, date *out);
/* x at precision u: the period it falls in when u is coarser (2014-08-15
 * at quarter is 2014-Q3), its first u when finer (2014 at month is
 * 2014-01). */
date date_floor(date x, date_unit u);
/* How many units u from a to b (negative when b is before a), both at
 * precision u or coarser: whole units, counted by u's boundaries. */
long date_diff(date a, date b, date_unit u);
/* Days from 0001-01-01, for comparing dates at a day's precision. */
long date_serial(date x);

#endif
