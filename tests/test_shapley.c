/* test_shapley.c - Shapley values of textbook games, exact and sampled;
 * the closed form of linear scores against the definition; Shapley values
 * of the verdict; the work budget; interrupting an evaluation. */
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

#include "query.h"
#include "script.h"
#include "shapley.h"

/* Glove game: player 0 holds a left glove, 1 and 2 right gloves; a pair is
 * worth 1.  phi = (2/3, 1/6, 1/6). */
static double gloves(void *ctx, uint64_t s, int *err)
{
    (void)ctx; (void)err;
    return (s & 1) && (s & 6) ? 1 : 0;
}

/* Weighted majority [51; 50, 49, 1]: phi = (2/3, 1/6, 1/6). */
static double majority(void *ctx, uint64_t s, int *err)
{
    (void)ctx; (void)err;
    int w = (s & 1 ? 50 : 0) + (s & 2 ? 49 : 0) + (s & 4 ? 1 : 0);
    return w >= 51;
}

/* Airport game: costs 1, 2, 3; v(S) = max cost in S.
 * phi = (1/3, 1/3 + 1/2, 1/3 + 1/2 + 1) */
static double airport(void *ctx, uint64_t s, int *err)
{
    (void)ctx; (void)err;
    return s & 4 ? 3 : s & 2 ? 2 : s & 1 ? 1 : 0;
}

/* Unanimity of players 0, 5 and 9 among k: 1/3 each, 0 for the others. */
static double unanimity(void *ctx, uint64_t s, int *err)
{
    (void)ctx; (void)err;
    uint64_t need = (1u << 0) | (1u << 5) | (1u << 9);
    return (s & need) == need;
}

static double failing(void *ctx, uint64_t s, int *err)
{
    (void)ctx;
    if (s == 3) *err = 1;
    return 0;
}

static const struct {
    shapley_game v;
    int k;
    double phi[3];
} games[] = {
    {gloves, 3, {2.0 / 3, 1.0 / 6, 1.0 / 6}},
    {majority, 3, {2.0 / 3, 1.0 / 6, 1.0 / 6}},
    {airport, 3, {1.0 / 3, 1.0 / 3 + 1.0 / 2, 1.0 / 3 + 1.0 / 2 + 1}},
};

START_TEST(textbook_exact)
{
    double scratch[8], phi[3];
    ck_assert_int_eq(shapley_exact(games[_i].k, games[_i].v, NULL, scratch, phi), 0);
    for (int i = 0; i < 3; i++) ck_assert_double_eq_tol(phi[i], games[_i].phi[i], 1e-12);
}
END_TEST

START_TEST(textbook_sampled)
{
    double phi[3], se[3];
    ck_assert_int_eq(shapley_sample(games[_i].k, games[_i].v, NULL, 4000, 7, phi, se), 0);
    for (int i = 0; i < 3; i++) {
        ck_assert(se[i] >= 0);
        ck_assert_msg(fabs(phi[i] - games[_i].phi[i]) <= 5 * se[i] + 1e-12, "player %d: %f +- %f, want %f", i,
                      phi[i], se[i], games[_i].phi[i]);
    }
    /* efficiency holds for every sample: each order adds up to v(N) - v(0) */
    double sum = phi[0] + phi[1] + phi[2], scratch[8], exact[3];
    shapley_exact(games[_i].k, games[_i].v, NULL, scratch, exact);
    ck_assert_double_eq_tol(sum, exact[0] + exact[1] + exact[2], 1e-9);
}
END_TEST

START_TEST(sampled_matches_exact_beyond_the_limit)
{
    int k = COOP_SHAPLEY_EXACT_MAX + 2;
    static double scratch[1 << (COOP_SHAPLEY_EXACT_MAX + 2)];
    double exact[COOP_MAX_FACTORS], phi[COOP_MAX_FACTORS], se[COOP_MAX_FACTORS], phi2[COOP_MAX_FACTORS];
    ck_assert_int_eq(shapley_exact(k, unanimity, NULL, scratch, exact), 0);
    ck_assert_int_eq(shapley_sample(k, unanimity, NULL, COOP_SHAPLEY_PERMUTATIONS, 1, phi, se), 0);
    for (int i = 0; i < k; i++) {
        double want = (i == 0 || i == 5 || i == 9) ? 1.0 / 3 : 0;
        ck_assert_double_eq_tol(exact[i], want, 1e-12);
        ck_assert_msg(fabs(phi[i] - want) <= 5 * se[i] + 1e-12, "player %d: %f +- %f", i, phi[i], se[i]);
    }
    ck_assert(se[0] > 0);
    /* the same seed gives the same numbers */
    ck_assert_int_eq(shapley_sample(k, unanimity, NULL, COOP_SHAPLEY_PERMUTATIONS, 1, phi2, se), 0);
    for (int i = 0; i < k; i++) ck_assert(phi[i] == phi2[i]);
}
END_TEST

START_TEST(errors_stop_the_game)
{
    double scratch[4], phi[2], se[2];
    ck_assert_int_eq(shapley_exact(2, failing, NULL, scratch, phi), -1);
    ck_assert_int_eq(shapley_sample(2, failing, NULL, 10, 1, phi, se), -1);
}
END_TEST

/* ---- the closed form of a linear score ---- */

/* The game of a tuple's coalitions, of the score or of the verdict. */
typedef struct game {
    evaluator *e;
    shapley_of of;
} game;

static double coalition(void *ctx, uint64_t s, int *err)
{
    game *g = ctx;
    double t = 0;
    if (ev_coalition(g->e, s, g->of, &t) < 0) *err = 1;
    return t;
}

/* shapley_enumerated, of either target. */
static int enumerated_of(const coop_script *s, int rule, const int *tuple, shapley_of of, double *phi)
{
    evaluator e;
    ev_init(&e, &s->m, s->w, rule);
    game g = {&e, of};
    int k = s->m.rules[rule].nf, rc = -1;
    if (ev_tuple(&e, tuple) >= 0) {
        if (k <= COOP_SHAPLEY_EXACT_MAX) {
            double *scratch = malloc(sizeof *scratch << k);
            rc = shapley_exact(k, coalition, &g, scratch, phi);
            free(scratch);
        } else {
            double se[COOP_MAX_FACTORS];
            rc = shapley_sample(k, coalition, &g, 20, 1, phi, se);
        }
    }
    ev_free(&e);
    return rc;
}

int shapley_enumerated(const coop_script *s, int rule, const int *tuple, double *phi)
{
    return enumerated_of(s, rule, tuple, rule_default_of(&s->m.rules[rule]), phi);
}

typedef struct seen {
    const coop_script *s;
    int linear; /* tuples compared */
} seen;

static int same_as_definition(evaluator *e, int v, void *ctx)
{
    seen *c = ctx;
    ck_assert_int_ge(v, 0);
    int k = e->ru->nf;
    double phi[COOP_MAX_FACTORS], se[COOP_MAX_FACTORS], defn[COOP_MAX_FACTORS];
    long long before = e->coalitions;
    ck_assert_int_eq(ev_shapley(e, OF_SCORE, 0, phi, se), 1);
    ck_assert(e->coalitions == before); /* none evaluated */
    ck_assert_int_eq(shapley_enumerated(c->s, e->rule, e->tuple, defn), 0);
    for (int f = 0; f < k; f++)
        ck_assert_msg(fabs(phi[f] - defn[f]) <= 1e-12 * (1 + fabs(defn[f])), "%s factor %s: closed form %.17g, coalitions %.17g",
                      e->ru->name, e->ru->f[f].name, phi[f], defn[f]);
    c->linear++;
    return 0;
}

/* Every tuple of every rule with a linear score in the examples: the
 * closed form and the definition agree within 1e-12 (relative), and the
 * closed form evaluates no coalition. */
START_TEST(examples_closed_form)
{
    static const char *files[] = {"../examples/npo_enterprise.coop", "../examples/government_npo.coop",
                                  "../examples/tripartite.coop", "../tests/golden/flagship.coop"};
    int linear = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        coop_diags *d = coop_diags_new();
        coop_script *s = coop_load_file(files[i], d);
        ck_assert_msg(s != NULL, "%s", diag_text(d));
        for (int r = 0; r < s->m.nrules; r++) {
            if (!s->m.rules[r].lin) continue;
            evaluator e;
            ev_init(&e, &s->m, s->w, r);
            seen c = {s, 0};
            ev_foreach(&e, same_as_definition, &c);
            ck_assert_int_eq(c.linear, s->m.rules[r].ntuples);
            linear += c.linear;
            ev_free(&e);
        }
        coop_script_free(s);
        coop_diags_free(d);
    }
    ck_assert_int_gt(linear, 0);
}
END_TEST

/* ---- Shapley values of the verdict ---- */

typedef struct verdict_sums {
    const coop_script *s;
    long tuples, moved;               /* of them, verdict(all) != verdict(none) */
    long flat;                        /* every value 0 (query_flat) */
    double abs_sum[COOP_MAX_FACTORS]; /* |phi| of each factor, summed */
} verdict_sums;

static int verdict_efficiency(evaluator *e, int v, void *ctx)
{
    verdict_sums *c = ctx;
    ck_assert_int_ge(v, 0);
    int k = e->ru->nf;
    double phi[COOP_MAX_FACTORS], se[COOP_MAX_FACTORS], defn[COOP_MAX_FACTORS], none, sum = 0;
    int exact = ev_shapley(e, OF_VERDICT, 0, phi, se);
    ck_assert_int_ge(exact, 0);
    ck_assert_int_eq(ev_coalition(e, 0, OF_VERDICT, &none), none != 0); /* the target is the verdict */
    for (int f = 0; f < k; f++) {
        sum += phi[f];
        c->abs_sum[f] += fabs(phi[f]);
    }
    /* verdict(all own) - verdict(all baseline): 1, 0 or -1 */
    ck_assert_msg(fabs(sum - (v - none)) <= 1e-12, "%s: the values add up to %.17g, not %d - %g", e->ru->name, sum, v,
                  none);
    if (exact) { /* and they are the definition's, coalition by coalition */
        ck_assert_int_eq(enumerated_of(c->s, e->rule, e->tuple, OF_VERDICT, defn), 0);
        for (int f = 0; f < k; f++) ck_assert_double_eq_tol(phi[f], defn[f], 1e-12);
    }
    /* every value 0: the verdict is the baseline's (what dominance says
     * then); a verdict no coalition changes has every value 0 */
    int flat = query_flat(phi, k), constant = 1;
    if (flat) ck_assert_int_eq(v, none != 0);
    for (uint64_t sub = 0; exact && sub >> k == 0; sub++) {
        double t;
        constant &= ev_coalition(e, sub, OF_VERDICT, &t) == v;
    }
    if (exact && constant) ck_assert_msg(flat, "%s: a constant verdict with values not all 0", e->ru->name);
    c->flat += flat;
    c->tuples++;
    c->moved += v != none;
    return 0;
}

/* Every tuple of every rule of every example, the tenders' among them (and
 * of the golden scripts that ask of the verdict): the Shapley values of the
 * verdict add up to verdict(all own) - verdict(all at baseline), whether or
 * not the rule has a score; and rule-wide importance of the verdict is
 * their mean |value|. */
START_TEST(verdict_values_add_up)
{
    glob_t g;
    ck_assert_int_eq(glob("../examples/*.coop", 0, NULL, &g), 0);
    ck_assert_int_ge(g.gl_pathc, 4);
    ck_assert_int_eq(glob("../tests/golden/of_verdict.coop", GLOB_APPEND, NULL, &g), 0);
    ck_assert_int_eq(glob("../tests/golden/verdict_target.coop", GLOB_APPEND, NULL, &g), 0);
    long tuples = 0, moved = 0, scored = 0, flat = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        coop_diags *d = coop_diags_new();
        coop_script *s = coop_load_file(g.gl_pathv[i], d);
        ck_assert_msg(s != NULL, "%s", diag_text(d));
        for (int r = 0; r < s->m.nrules; r++) {
            const rule_info *ru = &s->m.rules[r];
            evaluator e;
            ev_init(&e, &s->m, s->w, r);
            verdict_sums c = {s, 0, 0, 0, {0}};
            ev_foreach(&e, verdict_efficiency, &c);
            ck_assert_int_eq(c.tuples, ru->ntuples);
            ev_free(&e);
            query q;
            query_init(&q, &s->m, s->w, 0);
            const rule_importance *imp = query_importance(&q, r, OF_VERDICT);
            ck_assert_ptr_nonnull(imp);
            ck_assert_int_eq(imp->of, OF_VERDICT);
            for (int f = 0; f < ru->nf; f++)
                ck_assert_double_eq_tol(imp->importance[f], c.abs_sum[f] / (double)c.tuples, 1e-12);
            ck_assert_int_eq(imp->flat, c.flat);
            query_free(&q);
            flat += c.flat;
            tuples += c.tuples;
            moved += c.moved;
            scored += ru->score != NULL;
        }
        coop_script_free(s);
        coop_diags_free(d);
    }
    globfree(&g);
    ck_assert_int_gt(moved, 0);   /* some verdicts differ from the baseline's */
    ck_assert_int_gt(tuples, moved);
    ck_assert_int_gt(scored, 0);  /* rules with a score among them */
    ck_assert_int_gt(flat, 0);    /* and tuples whose values are all 0 */
    ck_assert_int_gt(moved + flat, 0);
}
END_TEST

/* Ties for the largest |value|: the first declared dominates, the others
 * tie with it when equal up to rounding (query_more), signs aside. */
static const struct {
    double v[4];
    int dominant, tied[3], ntied;
} ties[] = {
    {{0.3, 0.1, 0.3, 0}, 0, {2}, 1},
    {{0.1 + 0.2, 0.3, -0.3, 0.2}, 0, {1, 2}, 2}, /* 0.30000000000000004: rounding */
    {{0.1, 0.3, 0.3000001, 0}, 2, {0}, 0},       /* apart by more than rounding */
    {{-0.5, 0.5, 0.5, 0.5}, 0, {1, 2, 3}, 3},
    {{0, 0, 0, 0}, -1, {0}, 0},                  /* nothing dominates, nothing ties */
    {{0, 1e-200, 0, 0}, 1, {0}, 0},
};

START_TEST(dominant_ties)
{
    int tied[4], d = query_dominant(ties[_i].v, 4), n = query_ties(ties[_i].v, 4, d, tied);
    ck_assert_int_eq(d, ties[_i].dominant);
    ck_assert_int_eq(n, ties[_i].ntied);
    for (int i = 0; i < n; i++) ck_assert_int_eq(tied[i], ties[_i].tied[i]);
    ck_assert_int_eq(query_flat(ties[_i].v, 4), d < 0);
}
END_TEST

/* Which scores have the closed form: sums of constant multiples of
 * factors; not products of factors, functions of them, a verdict, or a
 * coalition that may divide by zero. */
static const struct {
    const char *score, *forms;
    int linear;
} scores[] = {
    {"score = 0.2 * a + b * 0.3 - a / 4 + 1", "score > 0", 1},
    {"score = -(a - 2 * b)", "score > 0", 1},
    {"score = (a + b) * 0.5", "score > 0 and a > 0.1", 1},
    {"score = a", "score > 0 or b > 0", 1},
    {"score = 2", "score > 0", 1},
    {"score = a * b", "score > 0", 0},
    {"score = max(a, b)", "score > 0", 0},
    {"score = abs(a - b)", "score > 0", 0},
    {"score = a + (b > 0.5)", "score > 0", 0},
    {"score = a / b", "score > 0", 0},
    {"score = a + b", "score > 1 / b", 0},
    {NULL, "a > 0", 0},
};

START_TEST(linear_scores)
{
    char text[512];
    snprintf(text, sizeof text,
             "actor n : npo { u = 0.4 v = 0.7 }\nactor e : enterprise { }\n"
             "partnership p(x: npo, y: enterprise) {\n  factor a = x.u\n  factor b = x.v baseline 0.2\n"
             "  influence a -> b by 0.5\n  %s\n  forms when %s\n}\n",
             scores[_i].score ? scores[_i].score : "", scores[_i].forms);
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    const rule_info *ru = &s->m.rules[0];
    ck_assert_msg(!!ru->lin == scores[_i].linear, "%s", text);
    ck_assert_msg(ru->lin || !scores[_i].score || ru->nonlinear, "%s: no node named", text);
    int t[2] = {0, 1};
    double phi[2], se[2], defn[2];
    ck_assert_int_eq(shapley(s, 0, t, phi, se), 1);
    ck_assert_int_eq(shapley_enumerated(s, 0, t, defn), 0);
    for (int f = 0; f < 2; f++) ck_assert_double_eq_tol(phi[f], defn[f], 1e-12);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* ---- the work budget ---- */

/* n npo actors and one enterprise; rule p with k factors, all read from
 * x.c.  Its score: linear, not (a max), or linear with a verdict that
 * divides by f0, whose baseline is 0: every tuple's first coalition fails,
 * so an analysis that is let through stops at once. */
enum { LINEAR, NONLINEAR, DIVIDES };

static char *gen(int n, int k, int how)
{
    size_t cap = (size_t)n * 40 + (size_t)k * 60 + 512, len = 0;
    char *t = malloc(cap);
    for (int i = 0; i < n; i++) len += (size_t)sprintf(t + len, "actor a%d : npo { c = %d }\n", i, 1 + i % 7);
    len += (size_t)sprintf(t + len, "actor e : enterprise { }\npartnership p(x: npo, y: enterprise) {\n");
    for (int i = 0; i < k; i++) len += (size_t)sprintf(t + len, "  factor f%d = x.c * %d\n", i, i + 1);
    len += (size_t)sprintf(t + len, "  score = %s", how == NONLINEAR ? "max(f0, f1)" : "f0");
    for (int i = 1; i < k; i++) len += (size_t)sprintf(t + len, " + %d * f%d", i % 3, i);
    len += (size_t)sprintf(t + len, "\n  forms when score > %s\n}\n", how == DIVIDES ? "1 / f0" : "3");
    return t;
}

/* query_importance of the rule, of the score or of the verdict: its
 * result, and coalitions evaluated; *stop, if not NULL, is looked at (as
 * the first look had just been). */
static int importance_of(const char *text, shapley_of of, const volatile sig_atomic_t *stop, int *kind,
                         long long *coalitions, double *imp)
{
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    query q;
    query_init(&q, &s->m, s->w, 0);
    q.stop = stop;
    if (stop) query_ev(&q, 0)->next_look = 2;
    const rule_importance *st = query_importance(&q, 0, of);
    int rc = st ? 0 : -1;
    *kind = q.err ? q.err_kind : -1;
    *coalitions = query_ev(&q, 0)->coalitions;
    if (imp && st) memcpy(imp, st->importance, (size_t)s->m.rules[0].nf * sizeof *imp);
    query_free(&q);
    coop_script_free(s);
    coop_diags_free(d);
    return rc;
}

static int importance(const char *text, int *kind, long long *coalitions, double *imp)
{
    return importance_of(text, OF_SCORE, NULL, kind, coalitions, imp);
}

/* The case: 16 factors and 10,000 tuples took 76 s (655,360,000
 * coalitions).  Linear, it evaluates none; not linear, it is refused
 * before evaluating any. */
START_TEST(budget_sixteen_by_ten_thousand)
{
    int kind;
    long long n;
    double imp[16];
    char *t = gen(10000, 16, LINEAR);
    ck_assert_int_eq(importance(t, &kind, &n, imp), 0);
    ck_assert(n == 0);
    /* x.c runs 1..7, evenly but for 10000 % 7 = 4 extra (1..4); f1 = 2c
     * weighs 1 and its baseline is 0: importance = mean of 2c */
    double mean_c = (1428.0 * 28 + 1 + 2 + 3 + 4) / 10000;
    ck_assert_double_eq_tol(imp[1], 2 * mean_c, 1e-9);
    ck_assert_double_eq_tol(imp[3], 0, 1e-12); /* weighs 3 % 3 = 0 */
    free(t);
    t = gen(10000, 16, NONLINEAR);
    ck_assert_int_eq(importance(t, &kind, &n, NULL), -1);
    ck_assert_int_eq(kind, QUERY_OVER_BUDGET);
    ck_assert(n == 0);
    free(t);
}
END_TEST

/* At the edge (tuples x work per tuple == COOP_SHAPLEY_BUDGET) the
 * analysis runs (and stops at its first division by zero); one tuple more
 * is refused.  Enumerated: 2^16 a tuple; sampled: 1 + 17 x 2000. */
START_TEST(budget_edges)
{
    static const struct { int k; long long per; } e[] = {
        {16, 1LL << 16},
        {17, 1 + 17LL * COOP_SHAPLEY_PERMUTATIONS},
    };
    int k = e[_i].k, at = (int)(COOP_SHAPLEY_BUDGET / e[_i].per), kind;
    long long n;
    char *t = gen(at, k, DIVIDES);
    ck_assert_int_eq(importance(t, &kind, &n, NULL), -1);
    ck_assert_int_eq(kind, QUERY_DIVISION);
    ck_assert(n >= 1);
    free(t);
    t = gen(at + 1, k, DIVIDES);
    ck_assert_int_eq(importance(t, &kind, &n, NULL), -1);
    ck_assert_int_eq(kind, QUERY_OVER_BUDGET);
    ck_assert(n == 0);
    free(t);
}
END_TEST

static volatile sig_atomic_t stop_now;

/* Of the verdict, a linear score's closed form does not apply: its work is
 * 2^16 a tuple, and the budget's edge is where it is for a score that is
 * not linear.  At the edge it is let through (and stopped, by the flag,
 * after the first tuple's coalitions); one tuple more is refused, while
 * the score's values of the same rule cost nothing. */
START_TEST(budget_of_verdict)
{
    int at = (int)(COOP_SHAPLEY_BUDGET >> 16), kind;
    long long n;
    char *t = gen(at, 16, LINEAR);
    coop_diags *d;
    coop_script *s = load(t, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    ck_assert_ptr_nonnull(s->m.rules[0].lin);
    ck_assert(ev_shapley_work(&s->m.rules[0], OF_SCORE) == 0);
    ck_assert(ev_shapley_work(&s->m.rules[0], OF_VERDICT) == 1LL << 16);
    coop_script_free(s);
    coop_diags_free(d);
    stop_now = 1;
    ck_assert_int_eq(importance_of(t, OF_VERDICT, &stop_now, &kind, &n, NULL), -1);
    stop_now = 0;
    ck_assert_int_eq(kind, QUERY_INTERRUPTED);
    ck_assert(n == 1LL << 16);
    free(t);
    t = gen(at + 1, 16, LINEAR);
    ck_assert_int_eq(importance_of(t, OF_VERDICT, NULL, &kind, &n, NULL), -1);
    ck_assert_int_eq(kind, QUERY_OVER_BUDGET);
    ck_assert(n == 0);
    ck_assert_int_eq(importance_of(t, OF_SCORE, NULL, &kind, &n, NULL), 0);
    ck_assert(n == 0);
    free(t);
}
END_TEST

/* The refusal as a run prints it: the count, what is not linear, and what
 * to ask instead. */
START_TEST(budget_message)
{
    char *t = gen(10000, 16, NONLINEAR);
    size_t len = strlen(t);
    t = realloc(t, len + 64);
    strcpy(t + len, "dominance p\n");
    coop_diags *d;
    coop_script *s = load(t, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    coop_diags *rd = coop_diags_new();
    coop_options o = {0};
    o.out = fopen("/dev/null", "w");
    ck_assert_int_eq(coop_run(s, NULL, &o, rd), -1);
    fclose(o.out);
    const char *msg = diag_text(rd);
    ck_assert_msg(strstr(msg, "t.coop:10022:1: error: the Shapley values of all 10000 tuples of p need 655360000 "
                              "coalition evaluations (10000 x 2^16), more than the limit of 134217728: "
                              "its score is not linear in its factors (line 10019, column 11), so they have no "
                              "closed form") != NULL, "%s", msg);
    ck_assert_msg(strstr(msg, "ask about one tuple (dominance p(x, y))") != NULL, "%s", msg);
    coop_diags_free(rd);
    coop_script_free(s);
    coop_diags_free(d);
    free(t);
}
END_TEST

/* ---- interrupting ---- */

/* The flag is looked at after work, not after a count of tuples: with
 * 2^16 coalitions a tuple, an analysis stops after the first tuple's. */
START_TEST(interrupt_counts_work)
{
    char *t = gen(100, 16, NONLINEAR);
    coop_diags *d;
    coop_script *s = load(t, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    query q;
    query_init(&q, &s->m, s->w, 0);
    stop_now = 1;
    q.stop = &stop_now;
    query_ev(&q, 0)->next_look = 2; /* as if set just after the first look */
    ck_assert_ptr_null(query_importance(&q, 0, OF_SCORE));
    long long done = query_ev(&q, 0)->coalitions;
    ck_assert_msg(done == 1LL << 16, "%lld coalitions before the stop", done);
    stop_now = 0;
    query_free(&q);
    coop_script_free(s);
    coop_diags_free(d);
    free(t);
}
END_TEST
static int expects_seen;

static void stop_after(void *ctx, const coop_expect_result *r)
{
    (void)ctx; (void)r;
    expects_seen++;
    stop_now = 1; /* as a SIGINT handler would, during the run */
}

/* The flag, set while a run goes on, stops the statement evaluating (a
 * count over 10,000 tuples) and every one after it. */
START_TEST(interrupt_a_run)
{
    char *t = gen(10000, 3, LINEAR);
    size_t len = strlen(t);
    t = realloc(t, len + 128);
    strcpy(t + len, "expect 1 == 1\nexpect count(p) > 0\nexpect 2 == 2\n");
    coop_diags *d;
    coop_script *s = load(t, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    coop_options o = {0};
    o.on_expect = stop_after;
    o.interrupt = &stop_now;
    stop_now = 0;
    expects_seen = 0;
    coop_diags *rd = coop_diags_new();
    ck_assert_int_eq(coop_run(s, NULL, &o, rd), -1);
    ck_assert_int_eq(expects_seen, 1); /* the count was not decided, the last not run */
    ck_assert_str_eq(diag_text(rd), "t.coop:10010:1: error: interrupted\n"
                                    "  expect count(p) > 0\n"
                                    "  ^~~~~~~~~~~~~~~~~~~\n");
    /* cleared, the same run goes to its end */
    stop_now = 0;
    o.on_expect = NULL;
    coop_diags_clear(rd);
    ck_assert_int_eq(coop_run(s, NULL, &o, rd), 0);
    coop_diags_free(rd);
    coop_script_free(s);
    coop_diags_free(d);
    free(t);
}
END_TEST

/* In a session, an interrupted input fails and changes nothing: its
 * declarations are not kept, nor a `set`, nor a file being loaded; with
 * the flag cleared each is carried out. */
START_TEST(interrupt_a_session)
{
    char *t = gen(10000, 3, LINEAR);
    char path[] = "/tmp/coop-interrupt-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs(t, f);
    fputs("expect count(p) > 0\n", f);
    fclose(f);
    FILE *o = fopen("/dev/null", "w");
    coop_options opt = {0};
    opt.out = o;
    opt.interrupt = &stop_now;
    coop_session *s = coop_session_new(&opt);
    coop_diags *d = coop_diags_new();
    ck_assert_int_eq(coop_session_load(s, path, d), COOP_DONE);
    const char *in = "actor z : npo { c = 1 }\nexpect count(p) > 0";
    stop_now = 1;
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 1, in, strlen(in), d), COOP_FAILED);
    ck_assert_msg(strstr(diag_text(d), "<stdin>:2:1: error: interrupted") != NULL, "%s", diag_text(d));
    ck_assert_int_eq(coop_actor_find(coop_session_script(s), "z"), -1);
    /* a `set` whose differences are being worked out: not kept */
    char set[2048] = "set";
    for (int i = 0; i < 100; i++) sprintf(set + strlen(set), "%s a%d.c = 9", i ? "," : "", i);
    coop_diags_clear(d);
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 3, set, strlen(set), d), COOP_FAILED);
    ck_assert_msg(strstr(diag_text(d), "<stdin>:3:1: error: interrupted") != NULL, "%s", diag_text(d));
    const coop_script *sc = coop_session_script(s);
    double c;
    ck_assert_int_eq(coop_world_attr(coop_session_world(s), coop_actor_find(sc, "a99"), coop_attr_find(sc, "c"), &c, NULL),
                     COOP_VALUE_NUMBER);
    ck_assert(c == 1 + 99 % 7);
    stop_now = 0;
    coop_diags_clear(d);
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 4, in, strlen(in), d), COOP_DONE);
    ck_assert_int_ge(coop_actor_find(coop_session_script(s), "z"), 0);
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 6, set, strlen(set), d), COOP_DONE);
    /* a file read while its expectations are decided: not loaded */
    stop_now = 1;
    ck_assert_int_eq(coop_session_load(s, path, d), COOP_FAILED);
    ck_assert_msg(strstr(diag_text(d), ": error: interrupted") != NULL, "%s", diag_text(d));
    stop_now = 0;
    coop_diags_free(d);
    coop_session_free(s);
    fclose(o);
    unlink(path);
    free(t);
}
END_TEST

Suite *suite_shapley(void)
{
    Suite *s = suite_create("shapley");
    TCase *t = tcase_create("games");
    tcase_set_timeout(t, 120);
    tcase_add_loop_test(t, textbook_exact, 0, sizeof games / sizeof games[0]);
    tcase_add_loop_test(t, textbook_sampled, 0, sizeof games / sizeof games[0]);
    tcase_add_test(t, sampled_matches_exact_beyond_the_limit);
    tcase_add_test(t, errors_stop_the_game);
    suite_add_tcase(s, t);
    t = tcase_create("closed form");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, examples_closed_form);
    tcase_add_test(t, verdict_values_add_up);
    tcase_add_loop_test(t, dominant_ties, 0, sizeof ties / sizeof ties[0]);
    tcase_add_loop_test(t, linear_scores, 0, sizeof scores / sizeof scores[0]);
    suite_add_tcase(s, t);
    t = tcase_create("budget");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, budget_sixteen_by_ten_thousand);
    tcase_add_loop_test(t, budget_edges, 0, 2);
    tcase_add_test(t, budget_of_verdict);
    tcase_add_test(t, budget_message);
    suite_add_tcase(s, t);
    t = tcase_create("interrupt");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, interrupt_a_run);
    tcase_add_test(t, interrupt_counts_work);
    tcase_add_test(t, interrupt_a_session);
    suite_add_tcase(s, t);
    return s;
}
