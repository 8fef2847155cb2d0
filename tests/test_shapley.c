/* test_shapley.c - Shapley values of textbook games, exact and sampled. */
#include <math.h>

#include "util.h"

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
    return s;
}
