/* test_obligation.c - dated obligations over a timeline (obligation.h):
 * the steps they fall due at; a `by` obligation met before, at or after
 * its date; a periodic one whose check fails once; a violation undetected
 * until the buyer can see it, a buyer's seen at once; a contract void at
 * the date; and every status and date, at every step, against a record
 * worked out by its definition, here, over seeded random histories. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "obligation.h"
#include "script.h"
#include "timeline.h"

/* A script run over its timeline (with its journal), and its dated
 * obligations' records. */
typedef struct recorded {
    coop_diags *d;
    coop_script *s;
    tl_run run;
    obl_history h;
} recorded;

static void record_all(recorded *x, const char *text)
{
    x->s = load_ok(text, &x->d);
    ck_assert_int_eq(tl_run_model(&x->run, &x->s->m, x->s->w, NULL, 1, NULL), 0);
    ck_assert_int_eq(obl_history_run(&x->h, &x->s->m, &x->run, NULL), 0);
}

static void unrecord(recorded *x)
{
    obl_history_free(&x->h);
    tl_free(&x->run);
    coop_script_free(x->s);
    coop_diags_free(x->d);
}

/* Obligation `o` of contract `c`: its indices into *ci, *oi. */
static void find(const recorded *x, const char *c, const char *o, int *ci, int *oi)
{
    *ci = names_get(&x->s->m.contract_idx, c);
    ck_assert_msg(*ci >= 0, "no contract %s", c);
    const contract_info *k = &x->s->m.contracts[*ci];
    for (*oi = 0; *oi < k->nobl && strcmp(k->obl[*oi].name, o) != 0; ++*oi) continue;
    ck_assert_msg(*oi < k->nobl, "no obligation %s", o);
}

static obl_state state(const recorded *x, const char *c, const char *o, int k)
{
    int ci, oi;
    find(x, c, o, &ci, &oi);
    obl_state s;
    obl_state_at(&x->h, &x->s->m, ci, oi, k, &s);
    return s;
}

/* Obligation o of contract c as of step k: its status, since when and
 * (-2: any) when it was seen; the state, for more. */
static obl_state want(const recorded *x, const char *o, int k, int status, int since, int seen)
{
    obl_state s = state(x, "c", o, k);
    ck_assert_msg(s.status == status, "%s at step %d: %s, not %s", o, k, obligation_status_name(s.status),
                  obligation_status_name(status));
    ck_assert_int_eq(s.since, since);
    if (seen != -2) ck_assert_int_eq(s.seen, seen);
    return s;
}

/* ---- when they fall due ---- */

static const struct {
    const char *timeline, *due;
    int steps[6]; /* the first few, -1 ends */
    int n;        /* how many in all */
} dues[] = {
    {"2021-01 .. 2023-12 by month", "by 2021-03", {2, -1}, 1},
    {"2021-01 .. 2023-12 by month", "by 2021", {11, -1}, 1},                 /* a year: its last month */
    {"2021-01 .. 2023-12 by month", "by 2021-Q2", {5, -1}, 1},
    {"2021-01 .. 2023-12 by month", "every quarter", {2, 5, 8, 11, 14, -1}, 12},
    {"2021-01 .. 2023-12 by month", "every quarter from 2021-02", {3, 6, 9, -1}, 11}, /* its own quarters */
    {"2021-01 .. 2023-12 by month", "every 2 years", {23, -1}, 1},           /* the third would end after 2023 */
    {"2021-01 .. 2023-12 by month", "every month from 2023 to 2023-03", {24, 25, 26, -1}, 3},
    {"2021-01 .. 2023-12 by month", "every year from 2021-07", {17, 29, -1}, 2}, /* years from July */
    {"2021 .. 2030 by year", "every year to 2022", {0, 1, -1}, 2},
    {"2021-Q1 .. 2022-Q4 by quarter", "every quarter", {0, 1, 2, 3, 4, -1}, 8},
    {"2021-01-01 .. 2021-03-31 by day", "every month", {30, 58, 89, -1}, 3},
};

START_TEST(steps_due)
{
    char text[1024];
    snprintf(text, sizeof text,
             "timeline %s\nactor b : government {}\nactor s : npo { ok = true }\n"
             "contract c(buyer = b, supplier = s) {\n  term = 1\n  oblige supplier o = supplier.ok %s\n}\n",
             dues[_i].timeline, dues[_i].due);
    coop_diags *d;
    coop_script *s = load_ok(text, &d);
    const obligation *o = &s->m.contracts[0].obl[0];
    ck_assert_int_eq(o->due, strncmp(dues[_i].due, "by", 2) == 0 ? DUE_BY : DUE_EVERY);
    ck_assert_int_eq(o->nsteps, dues[_i].n);
    for (int i = 0; dues[_i].steps[i] >= 0; i++) ck_assert_int_eq(o->steps[i], dues[_i].steps[i]);
    char buf[96];
    ck_assert_str_eq(obligation_due_text(o, buf, sizeof buf), dues[_i].due); /* as written */
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* ---- by a date ---- */

/* A monthly timeline of a year; the supplier is staffed from `from` (an
 * event; "never": not at all), its obligation due by 2021-06 (step 5). */
static void staffed_from(recorded *x, const char *from)
{
    char text[1024];
    int n = snprintf(text, sizeof text,
                     "timeline 2021-01 .. 2021-12 by month\nactor b : government {}\n"
                     "actor s : npo { staffed = false }\n"
                     "contract c(buyer = b, supplier = s) {\n  term = 1\n"
                     "  oblige supplier start = supplier.staffed by 2021-06\n}\n");
    if (strcmp(from, "never") != 0) snprintf(text + n, sizeof text - (size_t)n, "event go at %s { s.staffed = true }\n", from);
    record_all(x, text);
}

static const struct {
    const char *from; /* staffed from */
    int k;            /* read at */
    int status, since;
} by_cases[] = {
    {"2021-03", 1, OS_PENDING, -1},   /* before it is met, before its date */
    {"2021-03", 2, OS_MET, 2},        /* met as it holds */
    {"2021-03", 11, OS_MET, 2},
    {"2021-06", 4, OS_PENDING, -1},
    {"2021-06", 5, OS_MET, 5},        /* met at its date */
    {"2021-07", 5, OS_VIOLATED, 5},   /* too late: violated at the date ... */
    {"2021-07", 11, OS_VIOLATED, 5},  /* ... for good, though it holds after */
    {"never", 4, OS_PENDING, -1},
    {"never", 5, OS_VIOLATED, 5},
    {"2021-01", 0, OS_MET, 0},        /* from the first step */
};

START_TEST(by_a_date)
{
    recorded x;
    staffed_from(&x, by_cases[_i].from);
    obl_state s = want(&x, "start", by_cases[_i].k, by_cases[_i].status, by_cases[_i].since, -2);
    ck_assert_int_eq(s.total, 1);
    unrecord(&x);
}
END_TEST

/* ---- every period ---- */

/* Quarterly reports over two years; the reports lapse in 2021-08 and
 * come back in 2021-10: the check of 2021-09 (step 8) fails, once. */
START_TEST(a_check_fails_once)
{
    recorded x;
    record_all(&x, "timeline 2021-01 .. 2022-12 by month\nactor b : government {}\n"
                   "actor s : npo { reports = true }\n"
                   "contract c(buyer = b, supplier = s) {\n  term = 2\n"
                   "  oblige supplier reporting = supplier.reports every quarter\n}\n"
                   "event lapse at 2021-08 { s.reports = false }\nevent back at 2021-10 { s.reports = true }\n");
    obl_state s = want(&x, "reporting", 1, OS_PENDING, -1, -1);
    ck_assert_int_eq(s.next, 2);
    s = want(&x, "reporting", 7, OS_MET, 2, -1); /* two checks held */
    ck_assert_int_eq(s.checks, 2);
    ck_assert_int_eq(s.held, 2);
    want(&x, "reporting", 8, OS_VIOLATED, 8, 8);  /* the third failed; no monitor when: seen at once */
    s = want(&x, "reporting", 23, OS_VIOLATED, 8, 8); /* the five after it held: still violated */
    ck_assert_int_eq(s.checks, 8);
    ck_assert_int_eq(s.held, 7);
    ck_assert_int_eq(s.total, 8);
    ck_assert_int_eq(s.past, 8);
    unrecord(&x);
}
END_TEST

/* ---- what the buyer can see ---- */

/* A supplier's violation is undetected until the monitoring holds (from
 * 2021-09, step 8), a buyer's is seen at once. */
START_TEST(undetected_until_seen)
{
    recorded x;
    record_all(&x, "timeline 2021-01 .. 2021-12 by month\nactor b : government { governance = 0.3  pays = false }\n"
                   "actor s : npo { staffed = false }\n"
                   "contract c(buyer = b, supplier = s) {\n  term = 1\n"
                   "  oblige supplier start = supplier.staffed by 2021-03\n"
                   "  oblige buyer payment = buyer.pays every quarter\n"
                   "  monitor when buyer.governance >= 0.5\n}\n"
                   "event audit at 2021-09 { b.governance = 0.6 }\n");
    want(&x, "start", 2, OS_UNDETECTED, 2, -1);
    want(&x, "start", 7, OS_UNDETECTED, 2, -1);
    want(&x, "start", 8, OS_VIOLATED, 2, 8);   /* violated when it was, seen since */
    want(&x, "payment", 2, OS_VIOLATED, 2, 2); /* the buyer's own: never undetected */
    unrecord(&x);
}
END_TEST

/* A contract by award is void at a step where its tender has no winner: a
 * `by` obligation lapses when it is void at the date, and a periodic
 * check then counts neither way. */
START_TEST(void_at_the_date)
{
    recorded x;
    record_all(&x, "timeline 2021-01 .. 2021-12 by month\nactor b : government {}\n"
                   "actor s : npo { staffed = false  years = 1 }\n"
                   "tender t(a: npo) {\n  buyer = b\n  require old = a.years >= 2\n  award to s\n}\n"
                   "bid t by s { price = 1 }\n"
                   "contract c = award(t) {\n  term = 1\n  oblige supplier start = supplier.staffed by 2021-03\n"
                   "  oblige supplier run = supplier.staffed every quarter\n}\n"
                   "event registered at 2021-06 { s.years = 2 }\n");
    want(&x, "start", 11, OS_VOID, -1, -1);                /* lapsed: nobody was bound at 2021-03 */
    obl_state s = want(&x, "run", 11, OS_VIOLATED, 5, 5); /* void at 2021-03, bound and failing from 2021-06 */
    ck_assert_int_eq(s.checks, 3);
    ck_assert_int_eq(s.held, 0);
    unrecord(&x);
}
END_TEST

/* ---- against the definition ---- */

#define STEPS 24

/* Random histories of a condition and of the monitoring over two years of
 * months, each toggled by dated events; every status and date of a `by`
 * and an `every` obligation, at every step, is what the definition in
 * obligation.h says, worked out here from the values step by step. */
START_TEST(statuses_by_their_definition)
{
    uint64_t rng = 0x5eed + (uint64_t)_i;
    char text[8192];
    int ok[STEPS], mon[STEPS], n = 0, deadline = (int)(rng_next(&rng) % STEPS);
    int v = (int)(rng_next(&rng) % 2), mv = (int)(rng_next(&rng) % 2);
    n += snprintf(text + n, sizeof text - (size_t)n,
                  "timeline 2021-01 .. 2022-12 by month\nactor b : government { sees = %s }\n"
                  "actor s : npo { ok = %s }\ncontract c(buyer = b, supplier = s) {\n  term = 2\n"
                  "  oblige supplier due = supplier.ok by %04d-%02d\n"
                  "  oblige supplier each = supplier.ok every quarter\n  monitor when buyer.sees\n}\n",
                  mv ? "true" : "false", v ? "true" : "false", 2021 + deadline / 12, deadline % 12 + 1);
    for (int k = 0; k < STEPS; k++) {
        int flip = rng_next(&rng) % 3 == 0, mflip = rng_next(&rng) % 5 == 0;
        if (flip) v = !v;
        if (mflip) mv = !mv;
        if (flip || mflip)
            n += snprintf(text + n, sizeof text - (size_t)n, "event e%d at %04d-%02d {%s%s%s%s}\n", k, 2021 + k / 12,
                          k % 12 + 1, flip ? " s.ok = " : "", flip ? (v ? "true" : "false") : "",
                          mflip ? " b.sees = " : "", mflip ? (mv ? "true" : "false") : "");
        ok[k] = v;
        mon[k] = mv;
    }
    recorded x;
    record_all(&x, text);
    /* by the deadline: met at the first step it holds, else violated there */
    int met = -1, viol = -1, seen = -1;
    for (int k = 0; k <= deadline && met < 0; k++)
        if (ok[k]) met = k;
    if (met < 0) viol = deadline;
    for (int k = viol; viol >= 0 && k < STEPS && seen < 0; k++)
        if (mon[k]) seen = k;
    /* every quarter: checked at its last month */
    int emet = -1, eviol = -1, eseen = -1;
    for (int k = 2; k < STEPS; k += 3) {
        if (ok[k] && emet < 0 && eviol < 0) emet = k;
        if (!ok[k] && eviol < 0) eviol = k;
    }
    for (int k = eviol; eviol >= 0 && k < STEPS && eseen < 0; k++)
        if (mon[k]) eseen = k;
    for (int k = 0; k < STEPS; k++) {
        const int want[2][4] = {{met, viol, seen, 0}, {emet, eviol, eseen, 1}};
        for (int o = 0; o < 2; o++) {
            int m_ = want[o][0], vi = want[o][1], se = want[o][2];
            int status = vi >= 0 && vi <= k ? (se >= 0 && se <= k ? OS_VIOLATED : OS_UNDETECTED)
                         : m_ >= 0 && m_ <= k ? OS_MET : OS_PENDING;
            obl_state s = state(&x, "c", o ? "each" : "due", k);
            ck_assert_msg(s.status == status, "history %d, %s at step %d: %s, not %s\n%s", _i, o ? "each" : "due", k,
                          obligation_status_name(s.status), obligation_status_name(status), text);
            ck_assert_int_eq(s.since, status == OS_PENDING ? -1 : status == OS_MET ? m_ : vi);
            if (!o) continue;
            int checks = 0, held = 0;
            for (int j = 2; j <= k; j += 3) {
                checks++;
                held += ok[j];
            }
            ck_assert_int_eq(s.checks, checks);
            ck_assert_int_eq(s.held, held);
        }
    }
    unrecord(&x);
}
END_TEST

/* ---- read in statements ---- */

/* The statements' queries read the records at the step they read:
 * status(C.o) at D, met_at(), violated_at(), and renewal that reads a
 * dated obligation's status. */
START_TEST(statements_read_the_records)
{
    expect_all_pass("timeline 2021-01 .. 2021-12 by month\nactor b : government {}\n"
                    "actor s : npo { staffed = false  reports = true }\n"
                    "contract c(buyer = b, supplier = s) {\n  term = 1\n"
                    "  oblige supplier start = supplier.staffed by 2021-03\n"
                    "  oblige supplier reporting = supplier.reports every quarter\n"
                    "  renew when not violated(c.reporting)\n}\n"
                    "event go at 2021-02 { s.staffed = true }\n"
                    "event lapse at 2021-06 { s.reports = false }\n"
                    "expect status(c.start) at 2021-01 == pending\n"
                    "expect met(c.start) at 2021-02 and met_at(c.start) == 2021-02\n"
                    "expect status(c.reporting) at 2021-05 == met and met_at(c.reporting) at 2021-05 == 2021-03\n"
                    "expect violated_at(c.reporting) == 2021-06 and met_at(c.reporting) == never\n"
                    "expect violated_at(c.reporting) at 2021-05 == never\n"
                    "expect renewed(c) at 2021-05 and not renewed(c)\n"
                    "expect first(violated(c.reporting)) == 2021-06\n"
                    "expect met(c.start) throughout 2021-02 .. 2021-12\n");
}
END_TEST

/* ---- what a step costs ---- */

/* A contract by award whose obligation falls due every month, while one
 * event moves a value it does not read every month and another moves a
 * bidder's quality once, in 2022-01: read at every step, the contract
 * gives each step's statuses, and its tender and conditions are decided
 * again once, after the quality moved (each step decided every contract,
 * and its tender, again). */
START_TEST(a_step_decides_what_moved)
{
    recorded x;
    record_all(&x, "timeline 2021-01 .. 2022-12 by month\nactor b : government { noise = 0 }\n"
                   "actor s1 : npo { q = 2  ok = true }\nactor s2 : npo { q = 1  ok = false }\n"
                   "tender t(a: npo) {\n  buyer = b\n  factor quality = a.q\n  score = quality\n  award best score\n}\n"
                   "bid t by s1 { price = 1 }\nbid t by s2 { price = 1 }\n"
                   "contract c = award(t) {\n  term = 2\n  oblige supplier o = supplier.ok every month\n}\n"
                   "event tick every month { b.noise += 1 }\nevent rise at 2022-01 { s2.q = 3 }\n");
    const model *m = &x.s->m;
    int c = names_get(&m->contract_idx, "c"), s1 = coop_actor_find(x.s, "s1"), s2 = coop_actor_find(x.s, "s2");
    query q;
    query_init(&q, m, tl_world_at(&x.run, x.run.nsteps - 1), 0);
    q.tl = &x.run;
    for (int k = 0; k < x.run.nsteps; k++) {
        query *qk = query_at(&q, k);
        const contract_row *row = query_contract_row(qk, c);
        ck_assert_ptr_nonnull(row);
        ck_assert_int_eq(row->supplier, k < 12 ? s1 : s2);
        ck_assert_int_eq(row->status[0], k < 12 ? OS_MET : OS_VIOLATED);
        ck_assert_int_eq(row->since[0], k < 12 ? 0 : 12);
    }
    /* the tender's winner and the contract's row, each once */
    ck_assert_int_eq(q.drops + q.at->drops, 2);
    query_free(&q);
    unrecord(&x);
}
END_TEST

Suite *suite_obligation(void)
{
    Suite *s = suite_create("obligation");
    TCase *t = tcase_create("obligation");
    tcase_add_loop_test(t, steps_due, 0, (int)(sizeof dues / sizeof dues[0]));
    tcase_add_loop_test(t, by_a_date, 0, (int)(sizeof by_cases / sizeof by_cases[0]));
    tcase_add_test(t, a_check_fails_once);
    tcase_add_test(t, undetected_until_seen);
    tcase_add_test(t, void_at_the_date);
    tcase_add_loop_test(t, statuses_by_their_definition, 0, 40);
    tcase_add_test(t, statements_read_the_records);
    tcase_add_test(t, a_step_decides_what_moved);
    suite_add_tcase(s, t);
    return s;
}
