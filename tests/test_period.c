/* test_period.c - the periods of a timeline: how many, which steps each
 * covers, a first and a last period cut by the timeline's ends. */
#include <string.h>

#include "util.h"

#include "period.h"

static date parsed(const char *s)
{
    date x;
    const char *why;
    ck_assert_msg(date_parse(s, strlen(s), &x, &why) == 0, "%s: %s", s, why);
    return x;
}

/* The timeline FROM .. TO by its ends' precision. */
static timeline_info timeline(const char *from, const char *to)
{
    timeline_info tl;
    memset(&tl, 0, sizeof tl);
    tl.start = parsed(from);
    tl.end = parsed(to);
    tl.unit = tl.start.unit;
    tl.nsteps = (int)date_diff(tl.start, tl.end, tl.unit) + 1;
    return tl;
}

/* Each period's date, first and last step, as "DATE:FIRST-LAST " */
static const char *spans(const timeline_info *tl, date_unit u)
{
    static char buf[4096];
    periods p;
    periods_of(tl, u, &p);
    size_t n = 0;
    buf[0] = 0;
    for (int i = 0; i < p.n; i++) {
        char d[16];
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s:%d-%d ", date_text(period_date(&p, i), d, sizeof d),
                              period_first_step(&p, i), period_last_step(&p, i));
    }
    return buf;
}

START_TEST(a_timeline_starting_mid_year)
{
    timeline_info tl = timeline("2013-07", "2016-03"); /* 33 months */
    ck_assert_int_eq(tl.nsteps, 33);
    ck_assert_str_eq(spans(&tl, DATE_YEAR), "2013:0-5 2014:6-17 2015:18-29 2016:30-32 ");
    ck_assert_str_eq(spans(&tl, DATE_QUARTER),
                     "2013-Q3:0-2 2013-Q4:3-5 2014-Q1:6-8 2014-Q2:9-11 2014-Q3:12-14 2014-Q4:15-17 "
                     "2015-Q1:18-20 2015-Q2:21-23 2015-Q3:24-26 2015-Q4:27-29 2016-Q1:30-32 ");
    /* by its own step, each period is one step */
    periods p;
    periods_of(&tl, DATE_MONTH, &p);
    ck_assert_int_eq(p.n, 33);
    for (int i = 0; i < p.n; i++) {
        ck_assert_int_eq(period_first_step(&p, i), i);
        ck_assert_int_eq(period_last_step(&p, i), i);
    }
}
END_TEST

START_TEST(a_quarter_timeline_by_year)
{
    timeline_info tl = timeline("2014-Q2", "2016-Q1");
    ck_assert_str_eq(spans(&tl, DATE_YEAR), "2014:0-2 2015:3-6 2016:7-7 ");
    /* a month that starts in mid-quarter: the quarter it falls in */
    timeline_info d = timeline("2015-11-30", "2016-01-01");
    ck_assert_str_eq(spans(&d, DATE_QUARTER), "2015-Q4:0-31 2016-Q1:32-32 ");
    ck_assert_str_eq(spans(&d, DATE_MONTH), "2015-11:0-0 2015-12:1-31 2016-01:32-32 ");
}
END_TEST

START_TEST(days_by_month_across_a_leap_february)
{
    timeline_info tl = timeline("2016-01-31", "2016-03-01");
    ck_assert_int_eq(tl.nsteps, 31);
    ck_assert_str_eq(spans(&tl, DATE_MONTH), "2016-01:0-0 2016-02:1-29 2016-03:30-30 ");
    ck_assert_str_eq(spans(&tl, DATE_YEAR), "2016:0-30 ");
}
END_TEST

START_TEST(the_last_year_a_date_may_name)
{
    timeline_info tl = timeline("9998-11", "9999-12");
    ck_assert_str_eq(spans(&tl, DATE_YEAR), "9998:0-1 9999:2-13 ");
}
END_TEST

/* The periods cover the steps in order, none left out, none twice, and
 * each period's last step is the last of its dates. */
START_TEST(every_step_in_its_period)
{
    static const char *const ends[][2] = {
        {"2013-07", "2016-03"}, {"2010", "2018"}, {"2014-Q2", "2016-Q1"}, {"2015-11-30", "2016-03-02"},
    };
    for (size_t t = 0; t < sizeof ends / sizeof ends[0]; t++) {
        timeline_info tl = timeline(ends[t][0], ends[t][1]);
        for (int u = DATE_YEAR; u <= (int)tl.unit; u++) {
            periods p;
            periods_of(&tl, (date_unit)u, &p);
            int next = 0;
            for (int i = 0; i < p.n; i++) {
                ck_assert_int_eq(period_first_step(&p, i), next);
                ck_assert_int_ge(period_last_step(&p, i), next);
                /* its last step's date falls in it, the next step's in the next */
                date last, after;
                ck_assert_int_eq(date_add(tl.start, period_last_step(&p, i), tl.unit, &last), 0);
                ck_assert_int_eq(date_diff(p.first, last, p.unit), i);
                if (period_last_step(&p, i) + 1 < tl.nsteps) {
                    ck_assert_int_eq(date_add(tl.start, period_last_step(&p, i) + 1, tl.unit, &after), 0);
                    ck_assert_int_eq(date_diff(p.first, after, p.unit), i + 1);
                }
                next = period_last_step(&p, i) + 1;
            }
            ck_assert_int_eq(next, tl.nsteps);
        }
    }
}
END_TEST

Suite *suite_period(void)
{
    Suite *s = suite_create("period");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, a_timeline_starting_mid_year);
    tcase_add_test(tc, a_quarter_timeline_by_year);
    tcase_add_test(tc, days_by_month_across_a_leap_february);
    tcase_add_test(tc, the_last_year_a_date_may_name);
    tcase_add_test(tc, every_step_in_its_period);
    suite_add_tcase(s, tc);
    return s;
}
