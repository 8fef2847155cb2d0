/* test_eval.c - verdicts: the compiled code against the tree evaluator,
 * Shapley values against the closed form of linear models, runtime errors. */
#include <math.h>
#include <stdlib.h>

#include "util.h"

#include "eval.h"
#include "script.h"

START_TEST(flagship_numbers)
{
    coop_diags *d;
    coop_script *s = load(flagship, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    int r = coop_rule_find(s, "alliance");
    int t[2] = {coop_actor_find(s, "elder_care"), coop_actor_find(s, "acme")};
    coop_verdict v;
    double eff[6], phi[6], se[6];
    ck_assert_int_eq(evaluate(s, r, t, &v, eff), 0);
    ck_assert(v.forms && v.has_score);
    ck_assert_double_eq_tol(v.score, 0.25 * 0.98 + 0.2 / 3 + 0.14 + 0.1 + 0.06 - 0.09, 1e-12);
    ck_assert_double_eq_tol(eff[5], 0.6 + 0.3 * 0.6 + 0.2 * 1, 1e-12); /* trust */
    ck_assert_int_eq(shapley(s, r, t, phi, se), 1);
    ck_assert_double_eq_tol(phi[2], 0.15, 1e-12);  /* key_figure: 0.10 + 0.25 * 0.2 */
    ck_assert_double_eq_tol(phi[4], 0.105, 1e-12); /* media: (0.10 + 0.25 * 0.3) * 0.6 */
    ck_assert_double_eq_tol(phi[5], 0.075, 1e-12); /* trust: 0.25 * (0.6 - 0.3) */
    int failed;
    run_text(s, 0, &failed);
    ck_assert_int_eq(failed, 0);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* Every tuple of every rule of an example: the register code and the tree
 * evaluator agree to the bit. */
static const char *examples[] = {"../examples/npo_enterprise.coop", "../examples/government_npo.coop",
                                 "../examples/tripartite.coop"};

static int same_as_tree(evaluator *e, int v, void *ctx)
{
    int *n = ctx;
    ev_fault err = {0, NULL, NULL};
    ck_assert_int_ge(v, 0);
    const rule_info *ru = e->ru;
    for (int i = 0; i < ru->nf; i++) {
        double t = ev_expr(e, ru->f[i].own, NULL, NULL, &err);
        ck_assert_msg(t == e->own[i], "factor %s: tree %.17g, code %.17g", ru->f[i].name, t, e->own[i]);
    }
    if (ru->score) ck_assert(ev_expr(e, ru->score, NULL, NULL, &err) == e->r[ru->nf]);
    ck_assert_int_eq(ev_expr(e, ru->forms, NULL, NULL, &err) != 0, v);
    ck_assert_int_eq(err.kind, 0);
    (*n)++;
    return 0;
}

START_TEST(code_matches_tree)
{
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load_file(examples[_i], d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    for (int r = 0; r < s->m.nrules; r++) {
        evaluator e;
        ev_init(&e, &s->m, s->w, r);
        int n = 0;
        ev_foreach(&e, same_as_tree, &n);
        ck_assert_int_eq(n, s->m.rules[r].ntuples);
        ev_free(&e);
    }
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

static uint64_t rng(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static double unit(uint64_t *x) { return (double)(rng(x) % 10000) / 10000; }

/* A random linear model with k factors: its score weights w, influence W,
 * own values and baselines; phi must be (sum_j w_j M[j][f]) (own_f - base_f)
 * with M = sum_n (W^T)^n, summed here independently of the library, and
 * what the definition gives, coalition by coalition (within 1e-9: the
 * values are below 10, and the two routes round differently). */
START_TEST(shapley_closed_form)
{
    uint64_t seed = 0x9E3779B97F4A7C15ull + (uint64_t)_i;
    int k = 2 + _i % 19; /* 2..20 factors: enumerated up to 16, sampled beyond */
    double w[20], W[20][20] = {{0}}, own[20], base[20];
    char *text = malloc(1 << 16);
    int len = 0;
    len += sprintf(text + len, "actor n : npo {");
    for (int i = 0; i < k; i++) {
        own[i] = unit(&seed);
        len += sprintf(text + len, " a%d = %.4f", i, own[i]);
    }
    len += sprintf(text + len, " }\nactor e : enterprise { }\npartnership p(x: npo, y: enterprise) {\n");
    for (int i = 0; i < k; i++) {
        base[i] = (rng(&seed) % 3 == 0) ? unit(&seed) / 2 : 0;
        len += sprintf(text + len, "  factor f%d = x.a%d baseline %.4f\n", i, i, base[i]);
    }
    int cyclic = _i % 2;
    for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++) {
            if (i == j || rng(&seed) % 4) continue;
            if (!cyclic && j < i) continue;
            W[i][j] = (unit(&seed) - 0.5) / 5; /* |w| <= 0.1: spectral radius < 1 */
            len += sprintf(text + len, "  influence f%d -> f%d by %.4f\n", i, j, W[i][j]);
        }
    len += sprintf(text + len, "  score = 0");
    for (int i = 0; i < k; i++) {
        w[i] = unit(&seed) - 0.3;
        len += sprintf(text + len, " + %.4f * f%d", w[i], i);
    }
    len += sprintf(text + len, "\n  forms when score > 0\n}\n");
    /* re-read the printed numbers: both sides then use the same doubles */
    {
        const char *p = text;
        for (int i = 0; i < k; i++) {
            p = strchr(p, '=') + 1;
            own[i] = strtod(p, NULL);
        }
        for (int i = 0; i < k; i++) {
            char key[64];
            snprintf(key, sizeof key, "factor f%d = x.a%d baseline ", i, i);
            base[i] = strtod(strstr(text, key) + strlen(key), NULL);
        }
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) {
                if (W[i][j] == 0) continue;
                char key[64];
                snprintf(key, sizeof key, "influence f%d -> f%d by ", i, j);
                W[i][j] = strtod(strstr(text, key) + strlen(key), NULL);
            }
        p = strstr(text, "score = 0");
        for (int i = 0; i < k; i++) {
            p = strstr(p, " + ") + 3;
            w[i] = strtod(p, NULL);
        }
    }
    /* M = sum (W^T)^n: T holds (W^T)^n */
    double M[20][20] = {{0}}, T[20][20] = {{0}}, U[20][20];
    for (int i = 0; i < k; i++) T[i][i] = 1;
    for (int n = 0; n < 200; n++) {
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) M[i][j] += T[i][j];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) {
                double acc = 0;
                for (int m = 0; m < k; m++) acc += W[m][i] * T[m][j];
                U[i][j] = acc;
            }
        memcpy(T, U, sizeof T);
    }
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s\n%s", diag_text(d), text);
    int t[2] = {0, 1};
    double phi[20], se[20];
    int rc = shapley(s, 0, t, phi, se);
    ck_assert_int_eq(rc, 1); /* linear: exact at any k */
    double defn[20];
    ck_assert_int_eq(shapley_enumerated(s, 0, t, defn), 0);
    for (int f = 0; f < k; f++) {
        double want = 0;
        for (int j = 0; j < k; j++) want += w[j] * M[j][f];
        want *= own[f] - base[f];
        ck_assert_msg(fabs(phi[f] - want) < 1e-9, "k=%d factor f%d: got %.12f want %.12f\n%s", k, f, phi[f], want, text);
        ck_assert_msg(fabs(defn[f] - phi[f]) < 1e-9, "k=%d factor f%d: closed form %.17g, coalitions %.17g", k, f,
                      phi[f], defn[f]);
        ck_assert(se[f] == 0);
    }
    coop_script_free(s);
    coop_diags_free(d);
    free(text);
}
END_TEST

/* `or` yields 1 in a coalition where a true/false factor sits at a baseline
 * of 0.5: the score cannot move, so both Shapley values are 0. */
START_TEST(truth_values_in_coalitions)
{
    coop_diags *d;
    coop_script *s = load("actor a : npo { k = true } actor b : enterprise { k = false }\n"
                          "partnership p(n: npo, e: enterprise) {\n"
                          "  factor kf = n.k baseline 0.5  factor ke = e.k\n"
                          "  score = kf or ke  forms when score > 0.5\n"
                          "}\n",
                          &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    int t[2] = {0, 1};
    double phi[2], se[2];
    ck_assert_int_eq(shapley(s, 0, t, phi, se), 1);
    ck_assert(phi[0] == 0 && phi[1] == 0);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

START_TEST(division_by_zero_at_run_time)
{
    coop_diags *d;
    coop_script *s = load("actor n1 : npo { c = 0 } actor e1 : enterprise { c = 1 }\n"
                          "partnership p(n: npo, e: enterprise) { factor f = e.c / n.c forms when f > 0 }\n"
                          "show p\n",
                          &d);
    ck_assert_ptr_nonnull(s);
    coop_options o = {0};
    o.out = fopen("/dev/null", "w");
    ck_assert_int_eq(coop_run(s, NULL, &o, d), -1);
    fclose(o.out);
    const char *out = diag_text(d);
    ck_assert_msg(strstr(out, "t.coop:2:51: error: division by zero while deciding p(n1, e1)") != NULL, "%s", out);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

START_TEST(failed_expectations_are_counted)
{
    coop_diags *d;
    char *text = malloc(8192);
    snprintf(text, 8192, "%s%s", flagship,
             "expect count(alliance) == 2\n"
             "expect not alliance(elder_care, acme)\n"
             "expect dominant(alliance) == capacity\n");
    coop_script *s = load(text, &d);
    ck_assert_ptr_nonnull(s);
    int failed;
    const char *out = run_text(s, 1, &failed);
    ck_assert_int_eq(failed, 3);
    ck_assert_ptr_nonnull(strstr(out, "\"expect\":\"count(alliance) == 2\",\"passed\":false,\"got\":\"1\""));
    ck_assert_ptr_nonnull(strstr(out, "\"got\":\"forms (score 0.5217)\""));
    ck_assert_ptr_nonnull(strstr(out, "\"expect\":\"dominant(alliance) == capacity\",\"passed\":false,\"got\":\"key_figure\""));
    coop_script_free(s);
    coop_diags_free(d);
    free(text);
}
END_TEST

/* Two sets are equal when they have the same members, whatever words they
 * take (a world's sets may have more than a constant's: words past a
 * set's end are empty). */
START_TEST(set_equality)
{
    rexpr eq, ne;
    memset(&eq, 0, sizeof eq);
    eq.k = R_BIN;
    eq.op = OP_EQ;
    ne = eq;
    ne.op = OP_NE;
    uint64_t a[2] = {5, 0}, b[1] = {5}, c[2] = {5, 1}, sub[1] = {1}, z[1] = {0};
    ck_assert(ev_sets(&eq, a, 2, b, 1) == 1);
    ck_assert(ev_sets(&eq, b, 1, a, 2) == 1);
    ck_assert(ev_sets(&ne, a, 2, b, 1) == 0);
    ck_assert(ev_sets(&eq, c, 2, b, 1) == 0); /* a member past b's end */
    ck_assert(ev_sets(&eq, b, 1, c, 2) == 0);
    ck_assert(ev_sets(&eq, b, 1, sub, 1) == 0); /* a subset is not equal */
    ck_assert(ev_sets(&eq, sub, 1, b, 1) == 0);
    ck_assert(ev_sets(&eq, z, 1, z, 0) == 1);
    ck_assert(ev_sets(&ne, c, 2, a, 2) == 1);
}
END_TEST

/* The game between two tuples' own values: the values add up to the
 * difference of their scores (efficiency), swapping the points negates
 * them, and the closed form of a linear score is what enumerating every
 * coalition gives; a score that is not linear is enumerated, and past
 * COOP_SHAPLEY_EXACT_MAX factors refused when sampling is not allowed. */
START_TEST(shapley_between_two_tuples)
{
    static const char *const scores[] = {
        "0.25*trust + 0.20*concern + 0.20*capacity + 0.10*key_figure + 0.10*media - 0.15*difference",
        "min(trust, capacity) + max(media, concern) * key_figure - 0.15*difference",
    };
    char text[4096];
    const char *at = strstr(flagship, "  score = ");
    const char *end = strstr(at, "  forms when");
    snprintf(text, sizeof text,
             "actor sunshine_fund : npo { capacity = 0.4  media = 0.3  key_figure = false  orientation = 0.5"
             "  concerns = {elderly} }\n"
             "actor harbour_bank : enterprise { capacity = 0.8  media = 0.9  key_figure = true  orientation = 0.3"
             "  concerns = {health} }\n"
             "%.*s  score = %s\n%s",
             (int)(at - flagship), flagship, scores[_i], end);
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    rule_info *ru = &s->m.rules[0];
    ck_assert(_i == 0 ? ru->lin != NULL : ru->lin == NULL);
    evaluator e;
    ev_init(&e, &s->m, s->w, 0);
    int a[2] = {coop_actor_find(s, "elder_care"), coop_actor_find(s, "acme")};
    int b[2] = {coop_actor_find(s, "sunshine_fund"), coop_actor_find(s, "harbour_bank")};
    ck_assert(a[0] >= 0 && a[1] >= 0 && b[0] >= 0 && b[1] >= 0);
    double lo[COOP_MAX_FACTORS], hi[COOP_MAX_FACTORS], phi[COOP_MAX_FACTORS], back[COOP_MAX_FACTORS];
    ck_assert_int_ge(ev_tuple(&e, a), 0);
    double sa = e.r[ru->nf];
    memcpy(hi, e.own, sizeof hi);
    ck_assert_int_ge(ev_tuple(&e, b), 0);
    double sb = e.r[ru->nf];
    memcpy(lo, e.own, sizeof lo);
    ck_assert(sa != sb);
    ck_assert_int_eq(ev_shapley_between(&e, lo, hi, OF_SCORE, 0, phi, NULL), 1);
    ck_assert_int_eq(ev_shapley_between(&e, hi, lo, OF_SCORE, 0, back, NULL), 1);
    double sum = 0;
    for (int f = 0; f < ru->nf; f++) {
        sum += phi[f];
        ck_assert_double_eq_tol(back[f], -phi[f], 1e-12);
    }
    ck_assert_double_eq_tol(sum, sa - sb, 1e-12);
    if (ru->lin) { /* the closed form against every coalition */
        double *lin = ru->lin, defn[COOP_MAX_FACTORS];
        ru->lin = NULL;
        ck_assert_int_eq(ev_shapley_between(&e, lo, hi, OF_SCORE, 0, defn, NULL), 1);
        ru->lin = lin;
        for (int f = 0; f < ru->nf; f++) ck_assert_double_eq_tol(defn[f], phi[f], 1e-12);
    }
    ev_free(&e);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

START_TEST(shapley_between_past_the_exact_limit)
{
    char text[8192];
    int n = snprintf(text, sizeof text, "actor n : npo { }\nactor e : enterprise { }\n"
                                        "partnership p(x: npo, y: enterprise) {\n");
    int k = COOP_SHAPLEY_EXACT_MAX + 1;
    for (int i = 0; i < k; i++) n += snprintf(text + n, sizeof text - (size_t)n, "  factor f%d = %d\n", i, i);
    n += snprintf(text + n, sizeof text - (size_t)n, "  score = max(f0, f1)");
    for (int i = 2; i < k; i++) n += snprintf(text + n, sizeof text - (size_t)n, " + f%d", i);
    snprintf(text + n, sizeof text - (size_t)n, "\n  forms when score > 0\n}\n");
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    evaluator e;
    ev_init(&e, &s->m, s->w, 0);
    double lo[COOP_MAX_FACTORS] = {0}, hi[COOP_MAX_FACTORS], phi[COOP_MAX_FACTORS], se[COOP_MAX_FACTORS];
    for (int i = 0; i < k; i++) hi[i] = 1;
    ck_assert_int_eq(ev_shapley_between(&e, lo, hi, OF_SCORE, 0, phi, NULL), -2);
    ck_assert_int_eq(ev_shapley_between(&e, lo, hi, OF_SCORE, 7, phi, se), 0); /* sampled when allowed */
    double sum = 0;
    for (int i = 0; i < k; i++) sum += phi[i];
    ck_assert_double_eq_tol(sum, (double)k - 1, 1e-9);
    ev_free(&e);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

Suite *suite_eval(void)
{
    Suite *s = suite_create("eval");
    TCase *t = tcase_create("verdicts");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, flagship_numbers);
    tcase_add_loop_test(t, code_matches_tree, 0, sizeof examples / sizeof examples[0]);
    tcase_add_loop_test(t, shapley_closed_form, 0, 38);
    tcase_add_test(t, truth_values_in_coalitions);
    tcase_add_test(t, division_by_zero_at_run_time);
    tcase_add_test(t, failed_expectations_are_counted);
    tcase_add_test(t, set_equality);
    tcase_add_loop_test(t, shapley_between_two_tuples, 0, 2);
    tcase_add_test(t, shapley_between_past_the_exact_limit);
    suite_add_tcase(s, t);
    return s;
}
