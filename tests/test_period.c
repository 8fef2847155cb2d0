/* test_period.c - the periods of a timeline: how many, which steps each
 * covers, a first and a last period cut by the timeline's ends; and the
 * verdicts per period (grid.h), read walking the timeline forward once,
 * against each period's step replayed from the start. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "fmt.h"
#include "grid.h"
#include "report.h"
#include "script.h"
#include "timeline.h"

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

/* Two partnerships that form, break and form again, a rule without a
 * score, a trigger, on a monthly timeline that starts in mid-year. */
static const char *const flipping =
    "timeline 2013-07 .. 2016-06 by month\n"
    "actor bureau : government {}\n"
    "actor emil : npo { publicity = 0.2 }\n"
    "actor care : npo { publicity = 0.6 }\n"
    "relation trust(government, npo) default 0.3 range 0 .. 1\n"
    "trust(bureau, care) = 0.55\n"
    "event breach every 7 month from 2013-09 { trust(bureau, care) -= 0.15  trust(bureau, emil) -= 0.05 }\n"
    "event gala at 2014-08 { emil.publicity = 0.9 }\n"
    "event reporting every month from 2013-10 { trust(bureau, emil) += 0.03  trust(bureau, care) += 0.02 }\n"
    "event dip on cooperation(bureau, emil) { emil.publicity -= 0.2 }\n"
    "event lift while not cooperation(bureau, emil) { emil.publicity += 0.05 }\n"
    "partnership cooperation(g: government, n: npo) {\n"
    "  factor trust = trust(g, n)\n  factor publicity = n.publicity\n"
    "  score = 0.5*trust + 0.5*publicity\n  forms when trust >= 0.5 and publicity >= 0.5\n}\n"
    "partnership recognition(g: government, n: npo) {\n"
    "  factor publicity = n.publicity\n  forms when publicity >= 0.6\n}\n";

/* Every record of `show R by u` (as CSV: period, g, n, verdict, score),
 * its verdict and score bit for bit those of its period's last step, that
 * world made again by a run of its own replayed from the start. */
static void check_by(coop_script *s, int rule, date_unit u, int *flips)
{
    const model *m = &s->m;
    tl_run run, fresh;
    ck_assert_int_eq(tl_run_model(&run, m, s->w, NULL, 1, NULL), 0);
    query q;
    query_init(&q, m, tl_world_at(&run, run.nsteps - 1), 1);
    q.tl = &run;
    periods ps;
    periods_of(m->timeline, u, &ps);
    stmt st;
    memset(&st, 0, sizeof st);
    st.k = S_SHOW;
    st.rule = rule;
    st.by = (int)u;
    st.p2 = ps.n - 1;
    st.world = st.step = -1;
    char *t = NULL;
    size_t len = 0;
    rep r;
    memset(&r, 0, sizeof r);
    r.out = open_memstream(&t, &len);
    r.as_csv = 1;
    r.m = m;
    r.w = q.w;
    ck_assert_int_eq(grid_show(&q, &st, &r), 0);
    fclose(r.out);
    char *line = strchr(t, '\n') + 1; /* past the header */
    int records = 0, last[8] = {-1, -1, -1, -1, -1, -1, -1, -1};
    for (char *next; *line; line = next + 1, records++) {
        next = strchr(line, '\n');
        *next = 0;
        char period[16], g[32], n[32], score[64] = "";
        int v;
        ck_assert_int_ge(sscanf(line, "%15[^,],%31[^,],%31[^,],%d,%63s", period, g, n, &v, score), 4);
        int i = records / (int)m->rules[rule].ntuples, tuple[2] = {coop_actor_find(s, g), coop_actor_find(s, n)};
        char want[16];
        ck_assert_str_eq(period, date_text(period_date(&ps, i), want, sizeof want));
        ck_assert_int_eq(tl_run_model(&fresh, m, s->w, NULL, 1, NULL), 0);
        query qk;
        query_init(&qk, m, tl_world_at(&fresh, period_last_step(&ps, i)), 1);
        ck_assert_int_eq(query_tuple(&qk, rule, tuple), v);
        if (m->rules[rule].score) {
            char got[64];
            fmt_num(got, sizeof got, query_ev(&qk, rule)->r[m->rules[rule].nf]);
            ck_assert_str_eq(score, got);
        } else
            ck_assert_str_eq(score, "");
        int row = records % (int)m->rules[rule].ntuples;
        *flips += last[row] >= 0 && last[row] != v;
        last[row] = v;
        query_free(&qk);
        tl_free(&fresh);
    }
    ck_assert_int_eq(records, ps.n * (int)m->rules[rule].ntuples);
    free(t);
    query_free(&q);
    tl_free(&run);
}

START_TEST(periods_walked_forward_read_as_replayed)
{
    coop_diags *d;
    coop_script *s = load_ok(flipping, &d);
    int flips = 0;
    for (int u = DATE_YEAR; u <= DATE_MONTH; u++) {
        check_by(s, coop_rule_find(s, "cooperation"), (date_unit)u, &flips);
        check_by(s, coop_rule_find(s, "recognition"), (date_unit)u, &flips);
    }
    ck_assert_int_ge(flips, 6); /* the verdicts move: the check compares something */
    coop_script_free(s);
    coop_diags_free(d);
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
    tcase_add_test(tc, periods_walked_forward_read_as_replayed);
    suite_add_tcase(s, tc);
    return s;
}
