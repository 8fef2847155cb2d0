/* test_influence.c - spectral radius, M = (I - W^T)^-1, cycles. */
#include <math.h>

#include "util.h"

#include "influence.h"

START_TEST(spectral_radius)
{
    double nil[4] = {0, 1, 0, 0};            /* nilpotent */
    double swap[4] = {0, 0.5, 0.32, 0};      /* sqrt(0.16) */
    double rot[4] = {0, -0.9, 0.9, 0};       /* eigenvalues +-0.9i */
    double diag[9] = {0.5, 0, 0, 0, -0.7, 0, 0, 0, 0.1};
    double unit[4] = {0, 1, 1, 0};
    ck_assert_double_eq_tol(influence_spectral_radius(2, nil), 0, 1e-12);
    ck_assert_double_eq_tol(influence_spectral_radius(2, swap), 0.4, 1e-9);
    ck_assert_double_eq_tol(influence_spectral_radius(2, rot), 0.9, 1e-9);
    ck_assert_double_eq_tol(influence_spectral_radius(3, diag), 0.7, 1e-9);
    ck_assert_double_eq_tol(influence_spectral_radius(2, unit), 1, 1e-9);
}
END_TEST

START_TEST(acyclic_chain)
{
    edge e[2] = {{0, 1, 0.5, {0, 0, 0, 0}, NULL}, {1, 2, 0.4, {0, 0, 0, 0}, NULL}};
    double M[9];
    influence_result r;
    ck_assert_int_eq(influence_solve(3, e, 2, M, &r), 0);
    ck_assert(!r.cyclic);
    ck_assert_double_eq_tol(M[2 * 3 + 0], 0.2, 1e-15); /* a reaches c through b */
    ck_assert_double_eq_tol(M[1 * 3 + 0], 0.5, 1e-15);
    ck_assert(M[0 * 3 + 2] == 0);
    ck_assert_double_eq(M[2 * 3 + 2], 1);
}
END_TEST

START_TEST(cycle_with_unique_solution)
{
    /* a <-> b by 0.5: M = 1/(1 - 0.25) [[1, 0.5], [0.5, 1]] */
    edge e[2] = {{0, 1, 0.5, {0, 0, 0, 0}, NULL}, {1, 0, 0.5, {0, 0, 0, 0}, NULL}};
    double M[4];
    influence_result r;
    ck_assert_int_eq(influence_solve(2, e, 2, M, &r), 0);
    ck_assert(r.cyclic);
    ck_assert_double_eq_tol(r.rho, 0.5, 1e-9);
    ck_assert_double_eq_tol(M[0], 4.0 / 3, 1e-12);
    ck_assert_double_eq_tol(M[1], 2.0 / 3, 1e-12);
    ck_assert_double_eq_tol(M[2], 2.0 / 3, 1e-12);
    ck_assert_double_eq_tol(M[3], 4.0 / 3, 1e-12);
}
END_TEST

START_TEST(cycle_without_unique_solution_names_it)
{
    const char *out = load_error(
        "actor n : npo { x = 1 } actor e : enterprise { x = 1 }\n"
        "partnership p(a: npo, b: enterprise) {\n"
        "  factor m = a.x  factor t = b.x  factor u = 1\n"
        "  influence u -> m by 0.1\n"
        "  influence m -> t by 1\n"
        "  influence t -> m by 1\n"
        "  forms when t > 0\n"
        "}\n");
    ck_assert_msg(strstr(out, "t.coop:5:3: error: influence cycle through m and t does not converge") != NULL, "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "spectral radius of its weights is 1,"));
}
END_TEST

START_TEST(the_cycle_named_is_the_one_that_diverges)
{
    /* a harmless self-loop on m (-0.5) and a diverging pair m <-> t (1.2) */
    const char *out = load_error(
        "actor n : npo { x = 1 } actor e : enterprise { x = 1 }\n"
        "partnership p(a: npo, b: enterprise) {\n"
        "  factor m = a.x  factor t = b.x  factor u = 1  factor v = 2\n"
        "  influence u -> u by -0.5\n"
        "  influence v -> v by 1.5\n"
        "  influence m -> t by 1.2\n"
        "  influence t -> m by 1.2\n"
        "  forms when t > 0\n"
        "}\n");
    ck_assert_msg(strstr(out, "t.coop:6:3: error: influence cycle through m and t does not converge: "
                              "the spectral radius of its weights is 1.2,") != NULL, "%s", out);
    out = load_error(
        "actor n : npo { x = 1 } actor e : enterprise { x = 1 }\n"
        "partnership p(a: npo, b: enterprise) {\n"
        "  factor m = a.x  factor t = b.x\n"
        "  influence m -> t by 0.5\n"
        "  influence t -> t by -1\n"
        "  forms when t > 0\n"
        "}\n");
    ck_assert_msg(strstr(out, "t.coop:5:3: error: influence cycle t -> t does not converge") != NULL, "%s", out);
}
END_TEST

Suite *suite_influence(void)
{
    Suite *s = suite_create("influence");
    TCase *t = tcase_create("solve");
    tcase_add_test(t, spectral_radius);
    tcase_add_test(t, acyclic_chain);
    tcase_add_test(t, cycle_with_unique_solution);
    tcase_add_test(t, cycle_without_unique_solution_names_it);
    tcase_add_test(t, the_cycle_named_is_the_one_that_diverges);
    suite_add_tcase(s, t);
    return s;
}
