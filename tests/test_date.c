/* test_date.c - dates: reading and writing them, leap years, month ends,
 * stepping by each unit and counting units between two dates. */
#include <string.h>

#include "util.h"

#include "date.h"

static date parsed(const char *s)
{
    date x;
    const char *why;
    require(date_parse(s, strlen(s), &x, &why) == 0, "%s: %s", s, why); /* days_step...: 74,000 times */
    return x;
}

START_TEST(reads_and_writes_each_precision)
{
    static const struct { const char *s; int y, m, d; date_unit u; } ok[] = {
        {"2014", 2014, 1, 1, DATE_YEAR},        {"2014-Q3", 2014, 7, 1, DATE_QUARTER},
        {"2014-08", 2014, 8, 1, DATE_MONTH},    {"2014-08-15", 2014, 8, 15, DATE_DAY},
        {"2016-02-29", 2016, 2, 29, DATE_DAY},  {"2000-02-29", 2000, 2, 29, DATE_DAY},
        {"0001-01-01", 1, 1, 1, DATE_DAY},      {"9999-12-31", 9999, 12, 31, DATE_DAY},
    };
    char buf[32];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        date x = parsed(ok[i].s);
        ck_assert_int_eq(x.y, ok[i].y);
        ck_assert_int_eq(x.m, ok[i].m);
        ck_assert_int_eq(x.d, ok[i].d);
        ck_assert_int_eq(x.unit, ok[i].u);
        ck_assert_str_eq(date_text(x, buf, sizeof buf), ok[i].s);
    }
}
END_TEST

START_TEST(refuses_what_is_not_a_date)
{
    static const struct { const char *s, *why; } bad[] = {
        {"2014-13", "a month is 01 to 12"},        {"2014-00", "a month is 01 to 12"},
        {"2015-02-29", "that month has no such day"}, {"1900-02-29", "that month has no such day"},
        {"2014-04-31", "that month has no such day"}, {"2014-Q5", "a quarter is Q1 to Q4"},
        {"0000", "there is no year 0"},            {"2014-8", NULL}, {"14", NULL}, {"2014-08-1", NULL},
        {"2014-08-15x", NULL},                      {"2014/08", NULL}, {"", NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        date x;
        const char *why = NULL;
        ck_assert_msg(date_parse(bad[i].s, strlen(bad[i].s), &x, &why) == -1, "%s read", bad[i].s);
        ck_assert_ptr_nonnull(why);
        if (bad[i].why) ck_assert_str_eq(why, bad[i].why);
    }
}
END_TEST

START_TEST(leap_years)
{
    ck_assert_int_eq(date_days_in(2016, 2), 29);
    ck_assert_int_eq(date_days_in(2015, 2), 28);
    ck_assert_int_eq(date_days_in(1900, 2), 28);
    ck_assert_int_eq(date_days_in(2000, 2), 29);
    ck_assert_int_eq(date_days_in(2015, 4), 30);
    ck_assert_int_eq(date_days_in(2015, 12), 31);
}
END_TEST

/* A month or a year added keeps the day, and a day that does not exist
 * where it lands is refused, never moved (31 January + 1 month). */
START_TEST(month_ends_are_not_moved)
{
    date x, r;
    x = parsed("2014-01-31");
    ck_assert_int_eq(date_add(x, 1, DATE_MONTH, &r), -1);
    ck_assert_int_eq(date_add(x, 2, DATE_MONTH, &r), 0);
    ck_assert_int_eq(r.m, 3);
    ck_assert_int_eq(r.d, 31);
    x = parsed("2016-02-29");
    ck_assert_int_eq(date_add(x, 1, DATE_YEAR, &r), -1);
    ck_assert_int_eq(date_add(x, 4, DATE_YEAR, &r), 0);
    ck_assert_int_eq(r.y, 2020);
    ck_assert_int_eq(date_add(x, 1, DATE_DAY, &r), 0);
    ck_assert_int_eq(r.m, 3);
    ck_assert_int_eq(r.d, 1);
    x = parsed("2014-11");
    ck_assert_int_eq(date_add(x, 3, DATE_MONTH, &r), 0);
    ck_assert_int_eq(r.y, 2015);
    ck_assert_int_eq(r.m, 2);
    ck_assert_int_eq(r.unit, DATE_MONTH);
    x = parsed("2014-Q4");
    ck_assert_int_eq(date_add(x, 1, DATE_QUARTER, &r), 0);
    ck_assert_int_eq(r.y, 2015);
    ck_assert_int_eq(r.m, 1);
    ck_assert_int_eq(r.unit, DATE_QUARTER);
    ck_assert_int_eq(date_add(parsed("9999-12"), 1, DATE_MONTH, &r), -1);
    ck_assert_int_eq(date_add(parsed("0001-01-01"), -1, DATE_DAY, &r), -1);
}
END_TEST

/* Every day from 1899 to 2101 (two century years, one of them not leap)
 * is the day before it plus one, its serial one more, and its text reads
 * back as itself. */
START_TEST(days_step_through_the_calendar)
{
    date x = parsed("1899-01-01"), r;
    long serial = date_serial(x);
    char buf[32];
    int days = 0;
    while (x.y < 2102) {
        const char *at = date_text(x, buf, sizeof buf);
        require(date_add(x, 1, DATE_DAY, &r) == 0, "%s + 1 day", at);
        long got = date_serial(r);
        require(got == ++serial, "%s + 1 day: serial %ld, not %ld", at, got, serial);
        got = date_diff(x, r, DATE_DAY);
        require(got == 1, "%s + 1 day: %ld days later", at, got);
        date back = parsed(date_text(r, buf, sizeof buf));
        require(back.y == r.y && back.m == r.m && back.d == r.d, "%s: read back otherwise", buf);
        require(date_add(r, -1, DATE_DAY, &back) == 0, "%s - 1 day", buf);
        require(back.y == x.y && back.m == x.m && back.d == x.d, "%s - 1 day: not the day before", buf);
        x = r;
        days++;
    }
    ck_assert_int_eq(days, 203 * 365 + 49); /* 1899-2101: 49 leap years (1900 and 2100 not) */
}
END_TEST

START_TEST(units_between_dates)
{
    ck_assert_int_eq(date_diff(parsed("2010-01"), parsed("2018-12"), DATE_MONTH), 107);
    ck_assert_int_eq(date_diff(parsed("2018-12"), parsed("2010-01"), DATE_MONTH), -107);
    ck_assert_int_eq(date_diff(parsed("2010"), parsed("2018"), DATE_YEAR), 8);
    ck_assert_int_eq(date_diff(parsed("2010-Q4"), parsed("2011-Q1"), DATE_QUARTER), 1);
    ck_assert_int_eq(date_diff(parsed("2016-02-28"), parsed("2016-03-01"), DATE_DAY), 2);
    ck_assert_int_eq(date_diff(parsed("2015-02-28"), parsed("2015-03-01"), DATE_DAY), 1);
    /* n steps forward is n units later, for every unit */
    static const char *const from[] = {"2004", "2004-Q2", "2004-02", "2004-02-29"};
    for (int u = DATE_YEAR; u <= DATE_DAY; u++) {
        date x = parsed(from[u]), r;
        for (long n = 0; n < 200; n++)
            if (date_add(x, n, (date_unit)u, &r) == 0) ck_assert_int_eq(date_diff(x, r, (date_unit)u), n);
    }
    ck_assert_str_eq(date_unit_name(DATE_QUARTER), "quarter");
    ck_assert_int_eq(date_unit_of("month"), DATE_MONTH);
    ck_assert_int_eq(date_unit_of("week"), -1);
}
END_TEST

Suite *suite_date(void)
{
    Suite *s = suite_create("date");
    TCase *t = tcase_create("date");
    tcase_add_test(t, reads_and_writes_each_precision);
    tcase_add_test(t, refuses_what_is_not_a_date);
    tcase_add_test(t, leap_years);
    tcase_add_test(t, month_ends_are_not_moved);
    tcase_add_test(t, days_step_through_the_calendar);
    tcase_add_test(t, units_between_dates);
    suite_add_tcase(s, t);
    return s;
}
