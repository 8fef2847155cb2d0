/* test_agg.c - aggregates over actors: count, sum, mean, lowest and highest
 * with where and else, empty ranges, kinds below kinds, nesting, hoisting
 * (worked out once per world, again after a change), what if through a
 * session, what a change re-evaluates, linear scores, the errors.
 *
 * Expected values are computed here from the same data the scripts are
 * written from, in declaration order, so sums round as coop's do. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

#include "agg.h"
#include "eval.h"
#include "script.h"

/* Providers (a kind below npo, clinics below it) and two governments. */
typedef struct prov { const char *name, *kind, *city; double price, quality; } prov;
static const prov provs[] = {
    {"p1", "provider", "changsha", 40, 0.8},
    {"p2", "clinic", "changsha", 60, 0.6},
    {"p3", "provider", "wuhan", 30, 0.9},
    {"p4", "clinic", "beijing", 30, 0.7},
    {"p5", "provider", "changsha", 55, 0.65},
};
#define NPROV ((int)(sizeof provs / sizeof provs[0]))
static const char *govs[][2] = {{"g1", "changsha"}, {"g2", "wuhan"}, {"g3", "shanghai"}};
#define NGOV 3

/* The world, then `extra` (a rule, statements). */
static char *script(const char *extra)
{
    char *t = malloc(1 << 16);
    int n = sprintf(t, "kind provider : npo\nkind clinic : provider\nactor n0 : npo { price = 1 }\n");
    for (int i = 0; i < NGOV; i++) n += sprintf(t + n, "actor %s : government { city = \"%s\" }\n", govs[i][0], govs[i][1]);
    for (int i = 0; i < NPROV; i++)
        n += sprintf(t + n, "actor %s : %s { city = \"%s\" price = %g quality = %g }\n", provs[i].name, provs[i].kind,
                     provs[i].city, provs[i].price, provs[i].quality);
    sprintf(t + n, "relation trust(government, npo) default 0.5\ntrust(g1, p2) = 0.9\ntrust(g1, p4) = 0.8\n%s", extra);
    return t;
}

/* A script of the world and `extra`, loaded: it must load. */
typedef struct loaded {
    char *text;
    coop_diags *d;
    coop_script *s;
} loaded;

static coop_script *load_with(loaded *l, const char *extra)
{
    l->text = script(extra);
    l->s = load(l->text, &l->d);
    ck_assert_msg(l->s != NULL, "%s", diag_text(l->d));
    return l->s;
}

static void unload(loaded *l)
{
    coop_script_free(l->s);
    coop_diags_free(l->d);
    free(l->text);
}

/* Is provider i of the range: a provider (every one), or a clinic? */
static int in_range(int i, int clinics_only) { return !clinics_only || strcmp(provs[i].kind, "clinic") == 0; }

/* ---- values in statements ---- */

/* Each aggregate over providers (or clinics), with what it is worked out
 * from here: its operation, the where (a city, or none), the else. */
typedef struct agg_case { const char *text; int op, clinics; const char *city; double price_above, els; int has_else; } agg_case;
enum { COUNT, SUM, MEAN, LOWEST, HIGHEST };
static const agg_case cases[] = {
    {"count(x: provider)", COUNT, 0, NULL, -1, 0, 0},
    {"count(x: clinic)", COUNT, 1, NULL, -1, 0, 0},
    {"count(x: provider where x.city == \"changsha\")", COUNT, 0, "changsha", -1, 0, 0},
    {"count(x: provider where x.price > 100)", COUNT, 0, NULL, 100, 0, 0},
    {"sum(x.price for x: provider)", SUM, 0, NULL, -1, 0, 0},
    {"sum(x.price for x: clinic where x.city == \"changsha\")", SUM, 1, "changsha", -1, 0, 0},
    {"sum(x.price for x: provider where x.price > 100)", SUM, 0, NULL, 100, 0, 0},
    {"mean(x.quality for x: provider)", MEAN, 0, NULL, -1, 0, 0},
    {"mean(x.quality for x: provider where x.city == \"changsha\")", MEAN, 0, "changsha", -1, 0, 0},
    {"mean(x.quality for x: provider where x.price > 100 else -1)", MEAN, 0, NULL, 100, -1, 1},
    {"lowest(x.price for x: provider)", LOWEST, 0, NULL, -1, 0, 0},
    {"lowest(x.price for x: clinic where x.price > 35)", LOWEST, 1, NULL, 35, 0, 0},
    {"lowest(x.price for x: provider where x.price > 100 else 0)", LOWEST, 0, NULL, 100, 0, 1},
    {"highest(x.quality for x: provider)", HIGHEST, 0, NULL, -1, 0, 0},
    {"highest(x.quality for x: provider where x.city == \"wuhan\")", HIGHEST, 0, "wuhan", -1, 0, 0},
    {"highest(x.price for x: clinic where x.city == \"nowhere\" else 7)", HIGHEST, 1, "nowhere", -1, 7, 1},
};

/* The value of case c, in declaration order. */
static double expected(const agg_case *c)
{
    double acc = 0;
    int n = 0;
    for (int i = 0; i < NPROV; i++) {
        const prov *p = &provs[i];
        if (!in_range(i, c->clinics) || (c->city && strcmp(p->city, c->city) != 0) || p->price <= c->price_above)
            continue;
        double v = strstr(c->text, "x.quality for") ? p->quality : p->price;
        if (c->op == LOWEST) acc = n == 0 || v < acc ? v : acc;
        else if (c->op == HIGHEST) acc = n == 0 || v > acc ? v : acc;
        else acc += v;
        n++;
    }
    if (c->op == COUNT) return n;
    if (n == 0) return c->has_else ? c->els : 0;
    return c->op == MEAN ? acc / n : acc;
}

START_TEST(values_in_statements)
{
    const agg_case *c = &cases[_i];
    char line[512];
    snprintf(line, sizeof line, "expect %s == %.17g\n", c->text, expected(c));
    loaded l;
    coop_script *s = load_with(&l, line);
    int failed;
    const char *out = run_text(s, 0, &failed);
    ck_assert_msg(failed == 0, "%s%s", line, out);
    unload(&l);
}
END_TEST

/* A sum runs in declaration order: 1e16 + 1 rounds back to 1e16, so the
 * order 1e16, 1, -1e16 gives 0 where 1e16, -1e16, 1 gives 1. */
START_TEST(sum_in_declaration_order)
{
    expect_all_pass("actor a : npo { v = 1e16 } actor b : npo { v = 1 } actor c : npo { v = -1e16 }\n"
                    "actor d : enterprise { v = 1e16 } actor e : enterprise { v = -1e16 } actor f : enterprise { v = 1 }\n"
                    "expect sum(x.v for x: npo) == 0\n"
                    "expect sum(x.v for x: enterprise) == 1\n");
}
END_TEST

/* ---- in a rule ---- */

#define RULE                                                                                                \
    "partnership outsource(g: government, p: provider) {\n"                                                 \
    "  factor market = count(x: provider where x.city == g.city)\n"                                         \
    "  factor cheap  = lowest(x.price for x: provider) / p.price\n"                                         \
    "  factor trusted = sum(trust(g, x) for x: clinic)\n"                                                   \
    "  factor q      = p.quality\n"                                                                         \
    "  score = 0.5 * q + 0.3 * cheap + 0.05 * market\n"                                                     \
    "  forms when score >= mean(x.quality for x: provider) and market >= 1\n"                              \
    "}\n"

/* Each tuple's factors, score and verdict against what they must be. */
START_TEST(factors_in_a_rule)
{
    loaded l;
    coop_script *s = load_with(&l, RULE);
    int r = coop_rule_find(s, "outsource");
    double low = INFINITY, meanq = 0;
    for (int i = 0; i < NPROV; i++) {
        low = provs[i].price < low ? provs[i].price : low;
        meanq += provs[i].quality;
    }
    meanq /= NPROV;
    long formed = 0;
    for (int gi = 0; gi < NGOV; gi++)
        for (int pi = 0; pi < NPROV; pi++) {
            int t[2] = {coop_actor_find(s, govs[gi][0]), coop_actor_find(s, provs[pi].name)};
            double eff[4], market = 0, trusted = 0;
            for (int i = 0; i < NPROV; i++) market += strcmp(provs[i].city, govs[gi][1]) == 0;
            for (int i = 0; i < NPROV; i++)
                if (in_range(i, 1)) trusted += gi == 0 && i == 1 ? 0.9 : gi == 0 && i == 3 ? 0.8 : 0.5;
            coop_verdict v;
            ck_assert_int_eq(evaluate(s, r, t, &v, eff), 0);
            ck_assert_msg(eff[0] == market, "%s %s: market %g, want %g", govs[gi][0], provs[pi].name, eff[0], market);
            ck_assert(eff[1] == low / provs[pi].price);
            ck_assert(eff[2] == trusted);
            double score = 0.5 * provs[pi].quality + 0.3 * (low / provs[pi].price) + 0.05 * market;
            ck_assert(v.score == score);
            ck_assert_int_eq(v.forms, score >= meanq && market >= 1);
            formed += v.forms;
        }
    ck_assert_int_eq(rule_count(s, NULL, r), formed);
    ck_assert_int_gt(formed, 0);
    ck_assert_int_lt(formed, NGOV * NPROV);
    unload(&l);
}
END_TEST

static int count_tuple(evaluator *e, int v, void *ctx)
{
    (void)e;
    long *n = ctx;
    if (v < 0) return 1;
    n[0]++;
    n[1] += v;
    return 0;
}

/* Hoisted: an aggregate that reads nothing of the tuple (cheap's lowest,
 * the mean in forms when), not one that reads g (market) or a relation
 * with g (trusted).  Worked out once for all the tuples, again after the
 * world changes, and the compiled code reads the new value. */
START_TEST(hoisted_once_per_world)
{
    loaded l;
    coop_script *s = load_with(&l, RULE);
    int r = coop_rule_find(s, "outsource");
    const rule_info *ru = &s->m.rules[r];
    ck_assert_int_eq(ru->nagg, 4);
    ck_assert_int_eq(ru->nhoist, 2);
    int low = -1;
    for (int i = 0; i < ru->nagg; i++) {
        const char *op = ru->agg[i]->src->src->u.agg.op.s;
        int want = strcmp(op, "lowest") == 0 || strcmp(op, "mean") == 0;
        ck_assert_msg((ru->agg[i]->hoist >= 0) == want, "%s hoisted %d", op, ru->agg[i]->hoist);
        if (strcmp(op, "lowest") == 0) low = ru->agg[i]->hoist;
    }
    coop_world *w = coop_world_clone(s->w);
    evaluator e;
    ev_init(&e, &s->m, w, r);
    long n[2] = {0, 0};
    ck_assert_int_eq(ev_foreach_verdicts(&e, count_tuple, n), 0);
    ck_assert_int_eq(n[0], NGOV * NPROV);
    ck_assert_int_eq(e.hoists, 2); /* each once, for 15 tuples */
    ck_assert(e.hoist[low] == 30);
    ck_assert_int_eq(ev_foreach_verdicts(&e, count_tuple, n), 0);
    ck_assert_int_eq(e.hoists, 2); /* the same world: nothing again */
    int p1 = coop_actor_find(s, "p1"), g1 = coop_actor_find(s, "g1");
    ck_assert_int_eq(coop_world_set_number(w, coop_actor_find(s, "p3"), coop_attr_find(s, "price"), 10), 0);
    int t[2] = {g1, p1};
    ck_assert_int_ge(ev_tuple(&e, t), 0);
    ck_assert_int_eq(e.hoists, 4); /* the world changed: worked out again */
    ck_assert(e.hoist[low] == 10);
    ck_assert(e.own[1] == 10.0 / 40); /* cheap = lowest / p1's price, by the code */
    ck_assert_int_ge(ev_tuple(&e, t), 0);
    ck_assert_int_eq(e.hoists, 4);
    ev_free(&e);
    coop_world_free(w);
    unload(&l);
}
END_TEST

/* A change of an attribute read inside an aggregate moves every tuple; one
 * read only through a parameter, the tuples of its actor. */
START_TEST(what_a_change_evaluates)
{
    loaded l;
    coop_script *s = load_with(&l, RULE);
    int r = coop_rule_find(s, "outsource"), p1 = coop_actor_find(s, "p1");
    struct { const char *attr; int actor; long evaluated; } changes[] = {
        {"price", p1, NGOV * NPROV},   /* lowest(x.price ...) */
        {"city", p1, NGOV * NPROV},    /* count(x: ... x.city == g.city) */
        {"quality", p1, NGOV * NPROV}, /* q, and the mean in forms when */
    };
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        coop_world *w = coop_world_clone(s->w);
        int at = coop_attr_find(s, changes[i].attr);
        if (strcmp(changes[i].attr, "city") == 0) coop_world_set_string(w, changes[i].actor, at, "wuhan");
        else coop_world_set_number(w, changes[i].actor, at, 0.1);
        coop_diff *x = coop_diff_new(s, s->w, w);
        ck_assert_int_eq(coop_diff_evaluated(x, r), changes[i].evaluated);
        ck_assert_int_gt(coop_diff_rows(x, r), 0);
        coop_diff_free(x);
        coop_world_free(w);
    }
    /* a rule that reads quality only through its parameter: p1's tuples */
    loaded l2;
    coop_script *s2 = load_with(&l2, "partnership q(g: government, p: provider) { factor q = p.quality forms when q > 0.5 }\n");
    coop_world *w = coop_world_clone(s2->w);
    coop_world_set_number(w, coop_actor_find(s2, "p1"), coop_attr_find(s2, "quality"), 0.1);
    coop_diff *x = coop_diff_new(s2, s2->w, w);
    ck_assert_int_eq(coop_diff_evaluated(x, 0), NGOV);
    coop_diff_free(x);
    coop_world_free(w);
    unload(&l2);
    unload(&l);
}
END_TEST

/* What if, and set, through a session: a hoisted aggregate's new value in
 * the what-if's world and after set; the session's own world untouched by
 * what if. */
START_TEST(what_if_in_a_session)
{
    char *text = script(RULE);
    static const char *const steps[][2] = {
        {"lowest(x.price for x: provider)\n", "30\n"},
        {"what if p3.price = 10, p4.price = 12 : lowest(x.price for x: provider)\n", "-- what if --\n10\n"},
        {"lowest(x.price for x: provider)\n", "30\n"},
        {"what if p3.price = 10 : value(outsource(g1, p1), cheap)\n", "-- what if --\n0.25\n"},
        {"set p3.price = 10, p4.price = 20\n", "set p3.price = 10 (was 30), p4.price = 20 (was 30)\n"},
        {"value(outsource(g1, p1), cheap)\n", "0.25\n"},
        {"count(x: provider where x.price < 15)\n", "1\n"},
        {"undo\n", "undone"},
        {"value(outsource(g1, p1), cheap)\n", "0.75\n"},
    };
    session_steps(text, steps, sizeof steps / sizeof steps[0]);
    free(text);
}
END_TEST

/* ---- empty ranges ---- */

/* Over no actor at all: said when the script loads, for mean, lowest and
 * highest without else; count and sum are 0, and need no else. */
START_TEST(empty_kind_at_load)
{
    const char *out = load_error("kind hospital : npo\nactor g : government { beds = 3 }\n"
                                 "expect lowest(x.beds for x: hospital) > 0\n");
    ck_assert_msg(strstr(out, "t.coop:3:8: error: no actor is a 'hospital': lowest(...) of nothing; add 'else VALUE'"),
                  "%s", out);
    expect_all_pass("kind hospital : npo\nactor g : government { beds = 3 }\n"
                    "expect count(x: hospital) == 0\n"
                    "expect lowest(x.beds for x: hospital else 5) == 5\n");
    out = load_error("kind hospital : npo\nactor g : government { }\nexpect count(x: hospital else 1) == 0\n");
    ck_assert_msg(strstr(out, "t.coop:3:31: error: count() of no actors is 0: 'else' is not needed; delete it"), "%s",
                  out);
}
END_TEST

/* A where that leaves nothing, known only while a tuple is decided: a
 * runtime error at the aggregate naming the tuple, by coop run and by the
 * query API alike; the tuples before it are decided. */
START_TEST(empty_range_at_run_time)
{
    loaded l;
    coop_script *s = load_with(&l, "partnership o(g: government, p: provider) {\n"
                        "  factor near = lowest(x.price for x: provider where x.city == g.city) / p.price\n"
                        "  forms when near > 0.5\n"
                        "}\n"
                        "show o\n");
    coop_diags *d = l.d;
    coop_options o = {0};
    o.out = fopen("/dev/null", "w");
    ck_assert_int_eq(coop_run(s, NULL, &o, d), -1);
    fclose(o.out);
    const char *want = "t.coop:16:17: error: no 'provider' meets the condition of lowest(...) while deciding "
                       "o(g3, p1): lowest(...) of nothing; add 'else VALUE'";
    ck_assert_msg(strstr(diag_text(d), want), "%s", diag_text(d));
    coop_query *q = coop_query_new(s, NULL, 0);
    int t[2] = {coop_actor_find(s, "g3"), coop_actor_find(s, "p2")}, ok[2] = {coop_actor_find(s, "g1"), t[1]};
    coop_verdict v;
    ck_assert_int_eq(coop_evaluate(q, 0, ok, &v, NULL), 0);
    ck_assert_int_eq(coop_evaluate(q, 0, t, &v, NULL), -1);
    coop_diags_clear(d);
    ck_assert_int_eq(coop_query_error(q, d), 1);
    ck_assert_msg(strstr(diag_text(d), "while deciding o(g3, p2): lowest(...) of nothing"), "%s", diag_text(d));
    coop_query_free(q);
    unload(&l);
}
END_TEST

/* In a hoisted aggregate the error comes before the first tuple, and names it. */
START_TEST(empty_hoisted_range)
{
    loaded l;
    coop_script *s = load_with(&l, "partnership o(g: government, p: provider) {\n"
                        "  factor f = p.price / highest(x.price for x: provider where x.price > 1000)\n"
                        "  forms when f > 0.5\n"
                        "}\n"
                        "expect count(o) == 0\n");
    coop_diags *d = l.d;
    int failed;
    run_text(s, 0, &failed);
    ck_assert_int_eq(failed, -1); /* a runtime error */
    coop_query *q = coop_query_new(s, NULL, 0);
    ck_assert_int_eq(coop_count(q, 0), -1);
    ck_assert_int_eq(coop_query_error(q, d), 1);
    ck_assert_msg(strstr(diag_text(d), "t.coop:16:24: error: no 'provider' meets the condition of highest(...) while "
                                       "deciding o(g1, p1): highest(...) of nothing; add 'else VALUE'"),
                  "%s", diag_text(d));
    coop_query_free(q);
    unload(&l);
}
END_TEST

/* ---- nesting ---- */

/* The providers whose price no other undercuts: p3 and p4 at 30; and
 * depth COOP_MAX_AGG_DEPTH loads, one more does not. */
START_TEST(nested)
{
    char *text = script("expect count(x: provider where count(y: provider where y.price < x.price) == 0) == 2\n"
                        "expect sum(count(y: clinic where y.city == x.city) for x: provider) == 4\n"
                        "expect mean(x.price - lowest(y.price for y: provider) for x: provider) == 13\n");
    expect_all_pass(text);
    free(text);
    /* sum(x0.v + sum(x1.v + ... for x1: npo) for x0: npo) over a (1) and b
     * (2): each level is 3 + 2 times the one inside it */
    char deep[1024] = "actor a : npo { v = 1 } actor b : npo { v = 2 }\nexpect ";
    int n = COOP_MAX_AGG_DEPTH;
    double want = 0;
    for (int i = 0; i < n; i++) {
        sprintf(deep + strlen(deep), "sum(x%d.v + ", i);
        want = 3 + 2 * want;
    }
    strcat(deep, "0");
    for (int i = n - 1; i >= 0; i--) sprintf(deep + strlen(deep), " for x%d: npo)", i);
    sprintf(deep + strlen(deep), " == %g\n", want);
    expect_all_pass(deep);
    char deeper[1024] = "actor a : npo { v = 1 }\nexpect ";
    for (int i = 0; i <= n; i++) sprintf(deeper + strlen(deeper), "sum(x%d.v + ", i);
    strcat(deeper, "0");
    for (int i = n; i >= 0; i--) sprintf(deeper + strlen(deeper), " for x%d: npo)", i);
    strcat(deeper, " > 0\n");
    const char *out = load_error(deeper);
    ck_assert_msg(strstr(out, "error: aggregates nest more than 4 deep here; the limit is 4"), "%s", out);
}
END_TEST

/* ---- the score ---- */

/* An aggregate reads actors, never factors: in a sum it is a constant of
 * the coalitions and the score stays linear; multiplying a factor, it is
 * not linear, and Shapley values come from the coalitions, as by their
 * definition. */
START_TEST(linear_scores)
{
    static const struct { const char *score; int linear; } scores[] = {
        {"0.5 * q + 0.1 * count(x: provider where x.quality > 0.7)", 1},
        {"mean(x.quality for x: provider) - 0.5 * q + 0.2 * t", 1},
        {"q * count(x: provider where x.quality > 0.7) + t", 0},
        /* a divisor fixed in a world but not at load: no closed form */
        {"t / mean(x.quality for x: provider) + q", 0},
        {"q / count(x: provider) + t", 0},
    };
    for (size_t i = 0; i < sizeof scores / sizeof scores[0]; i++) {
        char rule[1024];
        snprintf(rule, sizeof rule,
                 "partnership o(g: government, p: provider) {\n  factor q = p.quality\n  factor t = trust(g, p)\n"
                 "  score = %s\n  forms when score > 0.3\n}\n", scores[i].score);
        char *text = script(rule);
        coop_diags *d;
        coop_script *s = load(text, &d);
        ck_assert_msg(s != NULL, "%s", diag_text(d));
        ck_assert_msg((s->m.rules[0].lin != NULL) == scores[i].linear, "%s", scores[i].score);
        int t[2] = {coop_actor_find(s, "g1"), coop_actor_find(s, "p2")};
        double phi[2], se[2], defn[2];
        ck_assert_int_eq(shapley(s, 0, t, phi, se), 1);
        ck_assert_int_eq(shapley_enumerated(s, 0, t, defn), 0);
        for (int f = 0; f < 2; f++) ck_assert_msg(fabs(phi[f] - defn[f]) < 1e-12, "%s: %g %g", scores[i].score, phi[f], defn[f]);
        coop_script_free(s);
        coop_diags_free(d);
        free(text);
    }
}
END_TEST

/* ---- interrupts ---- */

/* With the stop flag set, an aggregate over more than AGG_LOOK actors
 * looks at it while it runs and stops: in a rule's code (p's nested
 * counts, n x n conditions for one tuple), in a hoisted aggregate (q's,
 * worked out again once the flag is down) and in a statement's tree. */
START_TEST(stopped_inside_an_aggregate)
{
    enum { N = AGG_LOOK + 1 };
    char *text = malloc((size_t)N * 40 + 1024);
    int n = 0;
    for (int i = 0; i < N; i++) n += sprintf(text + n, "actor a%d : npo { c = %d }\n", i, i % 101);
    sprintf(text + n, "actor e : enterprise { c = 1 }\n"
                      "partnership p(a: npo, b: enterprise) {\n"
                      "  factor above = count(x: npo where count(y: npo where y.c > x.c) > a.c)\n"
                      "  forms when above > 0\n"
                      "}\n"
                      "partnership q(a: npo, b: enterprise) {\n"
                      "  factor share = a.c / highest(x.c for x: npo)\n"
                      "  forms when share > 0.5\n"
                      "}\n"
                      "expect count(x: npo where x.c > 50) > 0\n");
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    static volatile sig_atomic_t stop = 1;
    int t[2] = {coop_actor_find(s, "a100"), coop_actor_find(s, "e")};
    evaluator e;
    ev_init(&e, &s->m, s->w, coop_rule_find(s, "p"));
    e.stop = &stop;
    ck_assert_int_eq(ev_tuple(&e, t), -1); /* I_AGG */
    ck_assert(e.stopped);
    ev_free(&e);
    ev_init(&e, &s->m, s->w, coop_rule_find(s, "q"));
    e.stop = &stop;
    ck_assert_int_eq(ev_tuple(&e, t), -1); /* the hoisted highest, before the tuple */
    ck_assert(e.stopped && e.hoist_state == 0 && e.hoists == 0);
    stop = 0;
    ck_assert_int_eq(ev_tuple(&e, t), 1); /* a100: c = 100 of 100 */
    ck_assert(e.hoists == 1 && e.hoist[0] == 100);
    ev_free(&e);
    stop = 1;
    run_interrupted(s, &stop, "error: interrupted");
    coop_script_free(s);
    coop_diags_free(d);
    free(text);
}
END_TEST

Suite *suite_agg(void)
{
    Suite *s = suite_create("agg");
    TCase *t = tcase_create("values");
    tcase_add_loop_test(t, values_in_statements, 0, sizeof cases / sizeof cases[0]);
    tcase_add_test(t, sum_in_declaration_order);
    tcase_add_test(t, factors_in_a_rule);
    suite_add_tcase(s, t);
    t = tcase_create("hoisting");
    tcase_add_test(t, hoisted_once_per_world);
    tcase_add_test(t, what_a_change_evaluates);
    tcase_add_test(t, what_if_in_a_session);
    suite_add_tcase(s, t);
    t = tcase_create("ranges");
    tcase_add_test(t, empty_kind_at_load);
    tcase_add_test(t, empty_range_at_run_time);
    tcase_add_test(t, empty_hoisted_range);
    tcase_add_test(t, nested);
    tcase_add_test(t, linear_scores);
    tcase_add_test(t, stopped_inside_an_aggregate);
    suite_add_tcase(s, t);
    return s;
}
