/* test_resolve.c - names, kinds, types and tuples, all before evaluation;
 * the time a model declares: a timeline's steps, each event's, ranges. */
#include "util.h"

#include <math.h>

#include "script.h"

#define ACTORS "actor n1 : npo { c = 0.5 s = {a} } actor n2 : association { c = 0.7 s = {b} }\n" \
               "actor e1 : enterprise { c = 0.9 s = {a, b} } actor g1 : government { c = 1 s = {} }\n"
#define RULE(body) "partnership p(n: npo, e: enterprise) { " body " }\n"

static const struct { const char *in, *msg; } bad[] = {
    {ACTORS "actor x : club {}", "unknown kind 'club'"},
    {ACTORS "actor n1 : npo {}", "actor 'n1' is declared twice"},
    {ACTORS "kind npo", "'npo' is a built-in kind"},
    {ACTORS "kind a : b kind b : a", "is already below"},
    {ACTORS RULE("factor f = n.nope forms when f > 0"), "unknown attribute 'nope': no actor declares it"},
    {ACTORS "actor e2 : enterprise { s = {} }\n" RULE("factor f = e.c forms when f > 0"),
     "actor 'e2' (enterprise) has no attribute 'c', which partnership 'p' reads as e.c"},
    {ACTORS RULE("factor f = overlap(n.c, e.s) forms when f > 0"), "overlap() needs a set, but this is a number"},
    {ACTORS RULE("factor f = n.s + 1 forms when f > 0"), "arithmetic needs a number, but this is a set"},
    {ACTORS RULE("factor f = trust(n, e) forms when f > 0"), "unknown function or relation 'trust'"},
    {ACTORS "relation trust(npo, enterprise) default 0.3\n" RULE("factor f = trust(e, n) forms when f > 0"),
     "relation 'trust' expects kind 'npo' as argument 1, but 'e' is of kind 'enterprise'"},
    {ACTORS "relation trust(npo, enterprise) default 0.3\ntrust(n1, g1) = 1",
     "relation 'trust' expects kind 'enterprise' as argument 2, but 'g1' is of kind 'government'"},
    {ACTORS RULE("factor f = n.c forms when g > 0"), "partnership 'p' has no factor 'g'"},
    {ACTORS RULE("factor f = n.c factor g = f forms when g > 0"), "a factor's own value cannot read another factor"},
    {ACTORS RULE("factor f = n.c score = n.c forms when f > 0"), "score reads factors, not attributes"},
    {ACTORS RULE("factor f = n.c forms when f"), "forms when needs true/false, but this is a number"},
    {ACTORS RULE("factor f = n.c forms when score > 0"), "partnership 'p' has no score to read"},
    {ACTORS RULE("factor f = n.c factor f = e.c forms when f > 0"), "factor 'f' is declared twice"},
    {ACTORS RULE("factor f = n.c influence f -> f2 by 1 forms when f > 0"), "partnership 'p' has no factor 'f2'"},
    {ACTORS RULE("factor f = n.c forms when f > 0") "show p(e1, n1)",
     "t.coop:4:8: error: partnership 'p' takes its actors as (n: npo, e: enterprise), and these are of kinds "
     "enterprise, npo: in the wrong order; did you mean p(n1, e1)?"},
    {ACTORS RULE("factor f = n.c forms when f > 0") "show p(e1, e1)",
     "t.coop:4:8: error: partnership 'p' expects kind 'npo' for 'n', but 'e1' is of kind 'enterprise'"},
    {ACTORS RULE("factor f = n.c forms when f > 0") "explain p(n1)", "partnership 'p' takes 2 actors, not 1"},
    {ACTORS "partnership q(a: npo, b: npo) { factor f = a.c forms when f > 0 } show q(n1, n1)",
     "actor 'n1' appears twice"},
    {ACTORS RULE("factor f = n.c forms when f > 0") "expect count(p) == nope", "unknown name 'nope'"},
    {ACTORS RULE("factor f = n.c forms when f > 0") "expect dominant(p) == g", "partnership 'p' has no factor 'g'"},
    {ACTORS RULE("factor f = n.c forms when f > 0") "expect count(p)", "expect needs a condition"},
    {ACTORS "partnership count(a: npo, b: npo) { factor f = a.c forms when f > 0 }", "'count' is a built-in function"},
    {ACTORS RULE("factor f = n.c / 0 forms when f > 0"), "division by zero"},
    {ACTORS "actor z : npo { c = n1.c }", "expected a constant, not the attribute n1.c"},
    {ACTORS "partnership q(a: npo) { factor f = a.c forms when f > 0 }", "needs at least two parameters"},
    /* a tuple out of declaration order where parameters share a kind */
    {ACTORS "partnership q(a, b: npo) { factor f = a.c forms when f > 0 } show q(n2, n1)",
     "t.coop:3:62: error: partnership 'q' ranges over unordered pairs (each pair of actors once, in the order they are "
     "declared): q(n2, n1) is not one of its tuples; ask for q(n1, n2), or declare the partnership 'ordered'"},
    {ACTORS "partnership q(a: npo, g: government, b: npo) { factor f = a.c forms when f > 0 }\n"
            "expect score(q(n2, g1, n1)) > 0",
     "t.coop:4:14: error: partnership 'q' ranges over a and b as unordered pairs (each pair of actors once, in the "
     "order they are declared): q(n2, g1, n1) is not one of its tuples; ask for q(n1, g1, n2)"},
    {ACTORS "partnership q(a: npo, b: npo) ordered { factor f = a.c forms when f > 0 } show q(n1, e1)",
     "partnership 'q' expects kind 'npo' for 'b', but 'e1' is of kind 'enterprise'"},
};

START_TEST(name_and_type_errors)
{
    const char *out = load_error(bad[_i].in);
    ck_assert_msg(strstr(out, bad[_i].msg) != NULL, "got:\n%s\nwant: %s", out, bad[_i].msg);
    ck_assert_msg(strstr(out, "t.coop:") == out, "no location: %s", out);
}
END_TEST

/* A rule, whether it is ordered, and the number of tuples it ranges over. */
static const struct { const char *params; const char *ordered; long n; } tuples[] = {
    {"a: npo, b: enterprise", "", 2},       /* n1, n2 (an association is an npo) x e1 */
    {"a: npo, b: npo", "", 1},              /* {n1, n2} once */
    {"a, b: npo", "", 1},                   /* the same, written once */
    {"a: npo, b: npo", " ordered", 2},      /* (n1, n2) and (n2, n1) */
    {"a, b: npo, c, d: enterprise", " ordered", 0},
    {"a: npo, g: government, b: npo", " ordered", 2},
    {"a: npo, b: association", "", 1},      /* (n1, n2); n2 cannot pair with itself */
    {"a: npo, b: association", " ordered", 1}, /* no two of one kind: the same (a warning) */
    {"a: association, b: npo", "", 1},
    {"a: government, b: npo, c: enterprise", "", 2},
    {"a: media, b: npo", "", 0},
};

START_TEST(counts_tuples)
{
    char text[1024];
    snprintf(text, sizeof text, ACTORS "partnership p(%s)%s { factor f = 1 forms when f > 0 }\n", tuples[_i].params,
             tuples[_i].ordered);
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    ck_assert_int_eq(coop_rule_tuples(s, 0), tuples[_i].n);
    ck_assert_int_eq(rule_count(s, NULL, 0), tuples[_i].n);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* Random rules over random actors, every other one ordered: the tuple
 * count (and the evaluated count, every tuple forming) against a
 * brute-force count of the rule's meaning: kinds match, actors distinct,
 * same declared kinds in order unless ordered.  A direct query
 * (coop_evaluate) takes exactly the tuples the brute force counts. */
static const char *kind_names[] = {"npo", "association", "foundation", "enterprise"};
/* is kind a (index above) the kind b or below it? foundation and association are npos */
static int is_a(int a, int b) { return a == b || (b == 0 && (a == 1 || a == 2)); }

START_TEST(enumeration_against_brute_force)
{
    uint64_t x = 0x2545F4914F6CDD1Dull + (uint64_t)_i * 7919;
    int na = 3 + _i % 6, np = 2 + _i % 3, ordered = _i / 3 % 2, ak[8], pk[4];
    char text[4096];
    int len = snprintf(text, sizeof text, "kind foundation : npo\n");
    for (int i = 0; i < na; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        ak[i] = (int)(x % 4);
        len += snprintf(text + len, sizeof text - (size_t)len, "actor a%d : %s { c = 1 }\n", i, kind_names[ak[i]]);
    }
    len += snprintf(text + len, sizeof text - (size_t)len, "partnership p(");
    for (int i = 0; i < np; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        pk[i] = (int)(x % 4);
        len += snprintf(text + len, sizeof text - (size_t)len, "%sx%d: %s", i ? ", " : "", i, kind_names[pk[i]]);
    }
    snprintf(text + len, sizeof text - (size_t)len, ")%s { factor f = 1 forms when f > 0 }\n", ordered ? " ordered" : "");
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    coop_query *q = coop_query_new(s, NULL, 0);
    long want = 0;
    int t[4];
    for (long code = 0; code < 1L << (3 * np); code++) { /* every assignment of actors 0..7 */
        int ok = 1, fits = 1;
        for (int i = 0; i < np; i++) {
            t[i] = (int)(code >> (3 * i)) & 7;
            if (t[i] >= na || !is_a(ak[t[i]], pk[i])) ok = fits = 0;
            for (int j = 0; j < i; j++) {
                if (t[j] == t[i]) ok = fits = 0;
                if (!ordered && pk[j] == pk[i] && t[j] > t[i]) ok = 0;
            }
        }
        want += ok;
        if (!fits) continue;
        coop_verdict v;
        coop_diags_clear(d);
        int rc = coop_evaluate(q, 0, t, &v, NULL);
        ck_assert_msg(rc == (ok ? 0 : -1), "%s: coop_evaluate %d for a tuple %s", text, rc, ok ? "in range" : "out of range");
        ck_assert_int_eq(coop_query_error(q, d), !ok);
        if (!ok) ck_assert_ptr_nonnull(strstr(diag_text(d), "is not one of its tuples; ask for p("));
    }
    coop_query_free(q);
    ck_assert_msg(coop_rule_tuples(s, 0) == want, "%s: %ld tuples, want %ld", text, coop_rule_tuples(s, 0), want);
    ck_assert_int_eq(rule_count(s, NULL, 0), want);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

START_TEST(new_kinds_sit_in_the_tree)
{
    expect_all_pass("kind charity : foundation kind foundation : npo\n"
                          "actor f1 : charity { c = 1 } actor e1 : enterprise { c = 1 }\n"
                          "partnership p(n: npo, e: enterprise) { factor f = n.c forms when f > 0 }\n"
                    "expect p(f1, e1)\n");
}
END_TEST

START_TEST(several_errors_in_one_run)
{
    coop_diags *d;
    coop_script *s = load(ACTORS "actor x : club {}\n" RULE("factor f = n.nope forms when g > 0"), &d);
    ck_assert_ptr_null(s);
    ck_assert_int_ge(coop_diags_errors(d), 3);
    coop_diags_free(d);
}
END_TEST

/* ---- time ---- */

/* A timeline, an event's head, and the steps it acts at: how many, the
 * first (up to four) and the last. */
static const struct {
    const char *timeline, *when;
    int n, first[4], last;
} event_steps[] = {
    {"2010-01 .. 2012-12 by month", "at 2011-07", 1, {18}, 18},
    {"2010 .. 2018 by year", "at 2014", 1, {4}, 4},
    {"2010-01 .. 2012-12 by month", "every month", 36, {0, 1, 2, 3}, 35},
    {"2010-01 .. 2012-12 by month", "every month from 2011-03 to 2011-06", 4, {14, 15, 16, 17}, 17},
    {"2010-01 .. 2012-12 by month", "every 3 month from 2010-02", 12, {1, 4, 7, 10}, 34},
    {"2010-01 .. 2012-12 by month", "every quarter", 12, {0, 3, 6, 9}, 33},
    {"2010-01 .. 2012-12 by month", "every year from 2010-06 to 2012-06", 3, {5, 17, 29}, 29},
    {"2010-01 .. 2012-12 by month", "every 2 quarter to 2011-01", 3, {0, 6, 12}, 12},
    {"2010 .. 2018 by year", "every 2 year", 5, {0, 2, 4, 6}, 8},
    {"2010 .. 2018 by year", "every 4 year from 2011", 2, {1, 5}, 5},
    {"2010-Q1 .. 2012-Q4 by quarter", "every year from 2010-Q3", 3, {2, 6, 10}, 10},
    {"2010-Q1 .. 2012-Q4 by quarter", "every 5 quarter", 3, {0, 5, 10}, 10},
    /* days: 2012 is a leap year (February has 29) */
    {"2012-01-01 .. 2012-12-31 by day", "every month from 2012-01-15", 12, {14, 45, 74, 105}, 349},
    {"2012-01-01 .. 2012-12-31 by day", "every 7 day from 2012-01-02 to 2012-01-30", 5, {1, 8, 15, 22}, 29},
    {"2012-01-01 .. 2012-12-31 by day", "every quarter from 2012-02-29", 4, {59, 149, 241, 333}, 333},
    /* the 31st of a month with 31 days, ending before any month without one */
    {"2012-01-01 .. 2012-12-31 by day", "every month from 2012-01-31 to 2012-02-28", 1, {30}, 30},
    {"2011-01-01 .. 2013-12-31 by day", "every year from 2011-03-01", 3, {59, 425, 790}, 790},
};

#define TIME_ACTORS "actor emil : npo { publicity = 0.2  concerns = {elderly}  motto = \"care\" }\n" \
                    "actor bureau : government { x = 1 }\nrelation trust(government, npo) default 0.3\n"

START_TEST(event_steps_by_unit)
{
    char text[1024];
    snprintf(text, sizeof text, TIME_ACTORS "timeline %s\nevent e %s { emil.publicity += 0.01 }\n",
             event_steps[_i].timeline, event_steps[_i].when);
    coop_diags *d;
    coop_script *s = load_ok(text, &d);
    const event_info *ev = &s->m.events[0];
    ck_assert_int_eq(s->m.nevents, 1);
    ck_assert_int_eq(ev->nsteps, event_steps[_i].n);
    for (int i = 0; i < 4 && i < ev->nsteps; i++) ck_assert_int_eq(ev->steps[i], event_steps[_i].first[i]);
    ck_assert_int_eq(ev->steps[ev->nsteps - 1], event_steps[_i].last);
    for (int i = 1; i < ev->nsteps; i++) ck_assert_int_lt(ev->steps[i - 1], ev->steps[i]); /* ascending */
    ck_assert_int_lt(ev->steps[ev->nsteps - 1], s->m.timeline->nsteps);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* The timeline: its ends, unit and steps; none in a model without one. */
START_TEST(timeline_steps)
{
    static const struct { const char *tl; int unit, steps; } tls[] = {
        {"2010 .. 2018 by year", DATE_YEAR, 9},
        {"2010-Q2 .. 2011-Q1 by quarter", DATE_QUARTER, 4},
        {"2010-01 .. 2018-12 by month", DATE_MONTH, 108},
        {"2012-02-01 .. 2012-03-01 by day", DATE_DAY, 30},
        {"2014-08 .. 2014-08 by month", DATE_MONTH, 1},
    };
    for (size_t i = 0; i < sizeof tls / sizeof tls[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "timeline %s\n", tls[i].tl);
        coop_diags *d;
        coop_script *s = load_ok(text, &d);
        ck_assert_ptr_nonnull(s->m.timeline);
        ck_assert_int_eq((int)s->m.timeline->unit, tls[i].unit);
        ck_assert_int_eq(s->m.timeline->nsteps, tls[i].steps);
        ck_assert_int_eq(s->m.timeline->start.unit, tls[i].unit);
        ck_assert_int_eq(s->m.nevents, 0);
        coop_script_free(s);
        coop_diags_free(d);
    }
    coop_diags *d;
    coop_script *s = load_ok(TIME_ACTORS, &d);
    ck_assert_ptr_null(s->m.timeline);
    ck_assert_ptr_null(s->m.events);
    ck_assert_ptr_null(s->m.attr_lo);
    for (int r = 0; r < s->m.nrels; r++) ck_assert(isnan(s->m.rels[r].lo) && isnan(s->m.rels[r].hi));
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* Events by name; conditions; each change's target and value. */
START_TEST(events_resolved)
{
    coop_diags *d;
    coop_script *s = load_ok(TIME_ACTORS "partnership coop(g: government, n: npo) { factor t = trust(g, n) "
                             "forms when t >= 0.5 }\n"
                             "tender care(n: npo) { buyer = bureau  factor q = bid.quality  score = q }\n"
                             "bid care by emil { price = 90  quality = 0.7 }\n"
                             "timeline 2010 .. 2018 by year\n"
                             "event funded on coop(bureau, emil) \"funded\" { emil.motto = \"funded\" }\n"
                             "event visits while trust(bureau, emil) < 1 { trust(bureau, emil) += 0.1 * emil.publicity,"
                             " emil.concerns -= {elderly}  bid(care, emil).price = 80 }\n",
                             &d);
    const model *m = &s->m;
    ck_assert_int_eq(m->nevents, 2);
    int f = names_get(&m->event_idx, "funded"), v = names_get(&m->event_idx, "visits");
    ck_assert_int_eq(f, 0);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(names_get(&m->event_idx, "emil"), -1);
    const event_info *e = &m->events[f];
    ck_assert_int_eq(e->kind, EVENT_ON);
    ck_assert_str_eq(e->label, "funded");
    ck_assert_int_eq(e->nsteps, 0);
    ck_assert_int_eq(e->cond->type, T_BOOL);
    ck_assert_int_eq(e->cond->k, R_VERDICT);
    ck_assert_int_eq(e->nch, 1);
    ck_assert_int_eq(e->ch[0].value->type, T_STR);
    e = &m->events[v];
    ck_assert_int_eq(e->kind, EVENT_WHILE);
    ck_assert_ptr_null(e->label);
    ck_assert_int_eq(e->nch, 3);
    int emil = coop_actor_find(s, "emil"), bureau = coop_actor_find(s, "bureau");
    const event_change *c = &e->ch[0];
    ck_assert(c->is_rel);
    ck_assert_int_eq(c->rel, coop_relation_find(s, "trust"));
    ck_assert_int_eq(c->args[0], bureau);
    ck_assert_int_eq(c->args[1], emil);
    ck_assert_int_eq(c->op, CH_ADD);
    ck_assert_int_eq(c->value->type, T_NUM);
    c = &e->ch[1];
    ck_assert(!c->is_rel);
    ck_assert_int_eq(c->actor, emil);
    ck_assert_int_eq(c->attr, coop_attr_find(s, "concerns"));
    ck_assert_int_eq(c->op, CH_SUB);
    ck_assert_int_eq(c->value->type, T_SET);
    c = &e->ch[2]; /* a bid's field: an attribute of its bidder */
    ck_assert(!c->is_rel);
    ck_assert_int_eq(c->actor, emil);
    ck_assert_int_eq(c->attr, names_get(&m->attr_idx, "care.price"));
    ck_assert_int_eq(c->op, CH_SET);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* Ranges: a relation's; an attribute's for every actor of a kind or below,
 * a deeper kind's nearer, an actor's own nearest; rows only where one is. */
START_TEST(ranges_stored)
{
    coop_diags *d;
    coop_script *s = load_ok("kind foundation : npo\n"
                             "actor a : npo { p = 0.5  q = 1 }\n"
                             "actor b : foundation { p = 0.5 }\n"
                             "actor c : foundation { p = 0.5 range -1 .. 3 }\n"
                             "actor g : government { p = 5 }\n"
                             "actor n : npo { q = 2 }\n"
                             "relation trust(government, npo) default 0.3 range 0 .. 1\n"
                             "relation plain(government, npo) default 0.3\n"
                             "attribute p : foundation range 0 .. 2\n"
                             "attribute p : npo range 0 .. 1\n",
                             &d);
    const model *m = &s->m;
    int trust = coop_relation_find(s, "trust"), plain = coop_relation_find(s, "plain");
    ck_assert(m->rels[trust].lo == 0 && m->rels[trust].hi == 1);
    ck_assert(isnan(m->rels[plain].lo) && isnan(m->rels[plain].hi));
    int p = coop_attr_find(s, "p"), q = coop_attr_find(s, "q");
    int a = coop_actor_find(s, "a"), b = coop_actor_find(s, "b"), c = coop_actor_find(s, "c");
    int g = coop_actor_find(s, "g"), n = coop_actor_find(s, "n");
    ck_assert_ptr_nonnull(m->attr_lo);
    ck_assert_ptr_null(m->attr_lo[q]);
    ck_assert(m->attr_lo[p][a] == 0 && m->attr_hi[p][a] == 1);   /* npo */
    ck_assert(m->attr_lo[p][b] == 0 && m->attr_hi[p][b] == 2);   /* foundation, below npo: its own */
    ck_assert(m->attr_lo[p][c] == -1 && m->attr_hi[p][c] == 3);  /* the actor's own */
    ck_assert(isnan(m->attr_lo[p][g]) && isnan(m->attr_hi[p][g])); /* no kind of it has one */
    ck_assert(m->attr_lo[p][n] == 0 && m->attr_hi[p][n] == 1);   /* an npo without p: bounded all the same */
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

Suite *suite_resolve(void)
{
    Suite *s = suite_create("resolve");
    TCase *t = tcase_create("names");
    tcase_add_loop_test(t, name_and_type_errors, 0, sizeof bad / sizeof bad[0]);
    tcase_add_loop_test(t, counts_tuples, 0, sizeof tuples / sizeof tuples[0]);
    tcase_add_test(t, new_kinds_sit_in_the_tree);
    tcase_add_loop_test(t, enumeration_against_brute_force, 0, 120);
    tcase_add_test(t, several_errors_in_one_run);
    suite_add_tcase(s, t);
    TCase *tt = tcase_create("time");
    tcase_add_loop_test(tt, event_steps_by_unit, 0, sizeof event_steps / sizeof event_steps[0]);
    tcase_add_test(tt, timeline_steps);
    tcase_add_test(tt, events_resolved);
    tcase_add_test(tt, ranges_stored);
    suite_add_tcase(s, tt);
    return s;
}
