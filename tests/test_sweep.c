/* test_sweep.c - sweeps: a range's values against the decimals a person
 * adds up, the grid's order and shards' partition, counts decided from the
 * starting world against counting again in a world set by hand, the
 * records the same whatever process writes them, and coop merge's checks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

#include "keep.h"
#include "script.h"
#include "sweep.h"

/* ---- ranges ---- */

START_TEST(range_values_as_written)
{
    long n;
    ck_assert_int_eq(sweep_range_count(0.1, 0.5, 0.05, COOP_SWEEP_MAX_POINTS, &n), GRID_OK);
    ck_assert_int_eq(n, 9);
    static const char *const want[] = {"0.1", "0.15", "0.2", "0.25", "0.3", "0.35", "0.4", "0.45", "0.5"};
    for (long i = 0; i < n; i++) ck_assert(sweep_range_value(0.1, 0.5, 0.05, sweep_range_decimals(0.1, 0.05), i, n) == strtod(want[i], NULL));
    /* 0.1 + 2*0.1 is 0.30000000000000004 in doubles: the value is 0.3 */
    ck_assert_int_eq(sweep_range_count(0, 1, 0.1, COOP_SWEEP_MAX_POINTS, &n), GRID_OK);
    ck_assert_int_eq(n, 11);
    ck_assert(sweep_range_value(0, 1, 0.1, sweep_range_decimals(0, 0.1), 3, n) == 0.3);
    ck_assert(sweep_range_value(0, 1, 0.1, sweep_range_decimals(0, 0.1), 10, n) == 1);
    /* downwards; the end not on the grid; one value; through zero, never -0 */
    ck_assert_int_eq(sweep_range_count(1, 0, -0.25, COOP_SWEEP_MAX_POINTS, &n), GRID_OK);
    ck_assert_int_eq(n, 5);
    ck_assert(sweep_range_value(1, 0, -0.25, sweep_range_decimals(1, -0.25), 4, n) == 0 && !signbit(sweep_range_value(1, 0, -0.25, sweep_range_decimals(1, -0.25), 4, n)));
    ck_assert_int_eq(sweep_range_count(0, 0.9, 0.3, COOP_SWEEP_MAX_POINTS, &n), GRID_OK);
    ck_assert_int_eq(n, 4);
    ck_assert(sweep_range_value(0, 0.9, 0.3, sweep_range_decimals(0, 0.3), 3, n) == 0.9);
    ck_assert_int_eq(sweep_range_count(0.4, 0.4, 0.1, COOP_SWEEP_MAX_POINTS, &n), GRID_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(sweep_range_count(-0.5, 0.5, 0.25, COOP_SWEEP_MAX_POINTS, &n), GRID_OK);
    ck_assert_int_eq(n, 5);
    ck_assert(sweep_range_value(-0.5, 0.5, 0.25, sweep_range_decimals(-0.5, 0.25), 2, n) == 0 && !signbit(sweep_range_value(-0.5, 0.5, 0.25, sweep_range_decimals(-0.5, 0.25), 2, n)));
    ck_assert(sweep_range_value(-0.1, 0.1, 0.1, sweep_range_decimals(-0.1, 0.1), 1, 3) == 0 && !signbit(sweep_range_value(-0.1, 0.1, 0.1, sweep_range_decimals(-0.1, 0.1), 1, 3)));
    /* a step of more decimals than 17, or a third: the sum as it falls */
    ck_assert_int_eq(sweep_range_count(0, 1, 1.0 / 3, COOP_SWEEP_MAX_POINTS, &n), GRID_OK);
    ck_assert_int_eq(n, 4);
    ck_assert(sweep_range_value(0, 1, 1.0 / 3, sweep_range_decimals(0, 1.0 / 3), 1, n) == 1.0 / 3);
    ck_assert(sweep_range_value(0, 1, 1.0 / 3, sweep_range_decimals(0, 1.0 / 3), 3, n) == 1); /* the end within rounding: as written */
    /* percentages, as a script writes them: 5% is 0.05 */
    ck_assert(sweep_range_value(0.1, 0.5, 0.05, sweep_range_decimals(0.1, 0.05), 7, 9) == 0.45);
}
END_TEST

START_TEST(range_refusals)
{
    long n;
    ck_assert_int_eq(sweep_range_count(0, 1, 0, 100, &n), GRID_STEP_ZERO);
    ck_assert_int_eq(sweep_range_count(0, 0, 0, 100, &n), GRID_STEP_ZERO); /* said even where it would not move */
    ck_assert_int_eq(sweep_range_count(1, 0, 0.1, 100, &n), GRID_WRONG_SIGN);
    ck_assert_int_eq(sweep_range_count(0, 1, -0.1, 100, &n), GRID_WRONG_SIGN);
    ck_assert_int_eq(sweep_range_count(0, 1, NAN, 100, &n), GRID_NOT_FINITE);
    ck_assert_int_eq(sweep_range_count(0, INFINITY, 1, 100, &n), GRID_NOT_FINITE);
    /* at the limit and one past it */
    ck_assert_int_eq(sweep_range_count(1, 100, 1, 100, &n), GRID_OK);
    ck_assert_int_eq(n, 100);
    ck_assert_int_eq(sweep_range_count(0, 100, 1, 100, &n), GRID_TOO_MANY);
    ck_assert_int_eq(sweep_range_count(0, 1, 1e-300, 100, &n), GRID_TOO_MANY);
    ck_assert_int_eq(sweep_range_count(0, 1, 1e-6, COOP_SWEEP_MAX_POINTS, &n), GRID_TOO_MANY);
    ck_assert_int_eq(sweep_range_count(1e-6, 1, 1e-6, COOP_SWEEP_MAX_POINTS, &n), GRID_OK);
    ck_assert_int_eq(n, COOP_SWEEP_MAX_POINTS);
    /* past the limit is said before an end off the grid */
    ck_assert_int_eq(sweep_range_count(0, 1, 1e-6 * 1.0000001, COOP_SWEEP_MAX_POINTS - 1, &n), GRID_TOO_MANY);
}
END_TEST

/* An end off the grid of its step is refused, with the values it would
 * stop at and steps that divide the span in the decimals written. */
START_TEST(range_off_grid)
{
    long n;
    grid_fix f;
    ck_assert_int_eq(sweep_range_count(0.4, 0.6, 0.03, COOP_SWEEP_MAX_POINTS, &n), GRID_OFF);
    ck_assert_int_eq(n, 7);
    sweep_range_fix(0.4, 0.6, 0.03, n, &f);
    ck_assert(f.last == 0.58 && f.span == 0.2);
    ck_assert_int_eq(f.nstep, 3);
    ck_assert(f.step[0] == 0.02 && f.step[1] == 0.04 && f.step[2] == 0.05);
    /* downwards: the steps go down too */
    ck_assert_int_eq(sweep_range_count(0.6, 0.4, -0.03, COOP_SWEEP_MAX_POINTS, &n), GRID_OFF);
    sweep_range_fix(0.6, 0.4, -0.03, n, &f);
    ck_assert(f.last == 0.42 && f.span == 0.2 && f.step[0] == -0.02 && f.step[2] == -0.05);
    /* on the grid in decimals, though not in doubles: 0.1 + 6*0.05 */
    ck_assert_int_eq(sweep_range_count(0.1, 0.4, 0.05, COOP_SWEEP_MAX_POINTS, &n), GRID_OK);
    ck_assert_int_eq(n, 7);
    ck_assert_int_eq(sweep_range_count(0.1, 0.7, 0.1, COOP_SWEEP_MAX_POINTS, &n), GRID_OK);
    ck_assert_int_eq(n, 7);
    /* a tenth of a billionth off: no rounding takes it */
    ck_assert_int_eq(sweep_range_count(0, 1, 0.3333333333, COOP_SWEEP_MAX_POINTS, &n), GRID_OFF);
    sweep_range_fix(0, 1, 0.3333333333, n, &f);
    ck_assert(f.last == 0.9999999999);
    /* a step past the end: one value; a prime span: one step */
    ck_assert_int_eq(sweep_range_count(0, 0.7, 3, COOP_SWEEP_MAX_POINTS, &n), GRID_OFF);
    ck_assert_int_eq(n, 1);
    sweep_range_fix(0, 0.7, 3, n, &f);
    ck_assert(f.nstep == 1 && f.step[0] == 0.1); /* (7 steps of 0.1: 1 step is left out) */
    sweep_range_fix(0, 1, 3, 1, &f);
    ck_assert(f.nstep == 1 && f.step[0] == 1);
    /* no decimals write a third: none suggested, the span as it falls */
    ck_assert_int_eq(sweep_range_count(0, 1.5, 1.0 / 3, COOP_SWEEP_MAX_POINTS, &n), GRID_OFF);
    ck_assert_int_eq(n, 5);
    sweep_range_fix(0, 1.5, 1.0 / 3, n, &f);
    ck_assert(f.nstep == 0 && f.span == 1.5);
}
END_TEST

/* For random decimal A and S of up to 6 decimals and every i, value i is
 * the double nearest the decimal A + i*S worked out exactly (integers),
 * and the count takes the end exactly when it is on the grid. */
START_TEST(range_values_random)
{
    srand(7);
    char buf[64];
    for (int t = 0; t < 2000; t++) {
        int d = rand() % 7;
        long p = 1;
        for (int k = 0; k < d; k++) p *= 10;
        long a = rand() % 2001 - 1000, s = rand() % 300 + 1, steps = rand() % 60, b = a + steps * s;
        if (rand() % 2) s = -s, b = a - steps * labs(s);
        long off = rand() % 3 == 0 ? rand() % labs(s) : 0; /* an end between two values */
        b += s > 0 ? off : -off;
        double A = (double)a / (double)p, S = (double)s / (double)p, B = (double)b / (double)p;
        snprintf(buf, sizeof buf, "%.*f", d, A), A = strtod(buf, NULL);
        snprintf(buf, sizeof buf, "%.*f", d, S), S = strtod(buf, NULL);
        snprintf(buf, sizeof buf, "%.*f", d, B), B = strtod(buf, NULL);
        long n;
        grid_status st = sweep_range_count(A, B, S, COOP_SWEEP_MAX_POINTS, &n);
        require(st == (off ? GRID_OFF : GRID_OK), "%g %g %g: %d", A, B, S, (int)st);
        require(n == steps + 1, "%g to %g step %g: %ld values, not %ld", A, B, S, n, steps + 1);
        for (long i = 0; i < n; i++) {
            long x = a + i * s; /* the decimal x / p, exactly */
            snprintf(buf, sizeof buf, "%s%ld.%0*ld", x < 0 ? "-" : "", labs(x) / p, d, labs(x) % p);
            if (!d) snprintf(buf, sizeof buf, "%ld", x);
            double want = strtod(buf, NULL), got = sweep_range_value(A, B, S, sweep_range_decimals(A, S), i, n);
            require(got == want, "%g to %g step %g, value %ld: %.17g, not %s", A, B, S, i, got, buf);
            if (off && i == n - 1) { /* the value the refusal names last */
                grid_fix f;
                sweep_range_fix(A, B, S, n, &f);
                require(f.last == want, "%g to %g step %g: the last %.17g, not %s", A, B, S, f.last, buf);
            }
        }
    }
}
END_TEST

/* ---- points and shards ---- */

START_TEST(grid_order)
{
    double v0[] = {1, 2, 3}, v1[] = {10, 20}, v2[] = {100, 200};
    sweep_axis ax[3] = {{.v = v0, .n = 3}, {.v = v1, .n = 2}, {.v = v2, .n = 2}};
    sweep_grid g = {ax, 3, 12};
    long idx[3], seen[12] = {0};
    for (long i = 0; i < 12; i++) {
        sweep_index(&g, i, idx);
        /* the first axis slowest, the last fastest */
        ck_assert_int_eq(idx[0], i / 4);
        ck_assert_int_eq(idx[1], i / 2 % 2);
        ck_assert_int_eq(idx[2], i % 2);
        seen[idx[0] * 4 + idx[1] * 2 + idx[2]]++;
    }
    for (int i = 0; i < 12; i++) ck_assert_int_eq(seen[i], 1);
    long counts[] = {3, 2, 2}, big[] = {1000, 1000, 2};
    ck_assert_int_eq(sweep_product(counts, 3, 12), 12);
    ck_assert_int_eq(sweep_product(counts, 3, 11), -1);
    ck_assert_int_eq(sweep_product(big, 2, COOP_SWEEP_MAX_POINTS), COOP_SWEEP_MAX_POINTS);
    ck_assert_int_eq(sweep_product(big, 3, COOP_SWEEP_MAX_POINTS), -1);
    long huge[] = {COOP_SWEEP_MAX_POINTS, COOP_SWEEP_MAX_POINTS, COOP_SWEEP_MAX_POINTS};
    ck_assert_int_eq(sweep_product(huge, 3, COOP_SWEEP_MAX_POINTS), -1); /* no overflow on the way */
}
END_TEST

/* Every point is in exactly one shard, each shard's in grid order, as
 * many as sweep_shard_points says. */
START_TEST(shard_partition)
{
    for (long points = 1; points <= 40; points++)
        for (long n = 1; n <= 12; n++) {
            long owner[40], total = 0;
            for (long i = 0; i < points; i++) owner[i] = -1;
            for (long k = 0; k < n; k++) {
                long count = 0, last = -1;
                for (long i = k; i < points; i += n) {
                    require(owner[i] < 0, "point %ld in two shards", i);
                    require(i > last, "out of order");
                    owner[i] = k;
                    last = i;
                    count++;
                }
                require(count == sweep_shard_points(points, k, n), "%ld points, shard %ld/%ld: %ld, not %ld", points, k,
                        n, sweep_shard_points(points, k, n), count);
                total += count;
            }
            require(total == points, "the shards hold %ld of %ld points", total, points);
        }
}
END_TEST

/* ---- sweeps through the API ---- */

/* n npos and n enterprises, a rule over every pair that reads their
 * capacity, a relation and, in `hoisted`, the highest capacity of all. */
static char *grid_model(int n)
{
    char *t = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&t, &len);
    for (int i = 0; i < n; i++) {
        fprintf(f, "actor n%d : npo { capacity = %g  media = %g }\n", i, 0.1 + 0.08 * i, 0.05 * (i % 7));
        fprintf(f, "actor e%d : enterprise { capacity = %g }\n", i, 0.9 - 0.07 * i);
    }
    fputs("relation trust(npo, enterprise) default 0.3 range 0 .. 1\n", f);
    fputs("param w = 0.4 range 0 .. 1\nparam bar = 0.45\n", f);
    for (int i = 0; i < n; i += 2) fprintf(f, "trust(n%d, e%d) = 0.%d\n", i, (i + 1) % n, 5 + i % 4);
    fputs("partnership p(a: npo, b: enterprise) {\n"
          "  factor c = a.capacity\n  factor t = trust(a, b)\n  factor m = a.media + b.capacity / 4\n"
          "  score = 0.4*c + w*t + 0.2*m\n  forms when score >= bar\n}\n"
          "partnership hoisted(a: npo, b: enterprise) {\n"
          "  factor c = a.capacity / highest(x.capacity for x: npo)\n  forms when c >= 0.6\n}\n", f);
    fclose(f);
    return t;
}

/* The records a sweep writes for its points [0, n), joined. */
static char *records(coop_sweep *sw, coop_diags *d)
{
    char *t = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&t, &len);
    coop_sweep_header(sw, f);
    for (long i = 0; i < coop_sweep_points(sw); i++) ck_assert_int_eq(coop_sweep_point(sw, i, f, d), 0);
    fclose(f);
    return t;
}

/* Each point's counts, read back from its CSV record, against counting in
 * a copy of the world set by hand: the counts that start from the
 * starting world's (deciding again only what moved) are the counts; of
 * parameters too, read in the score and the condition (every tuple
 * decided again). */
START_TEST(counts_from_the_start)
{
    coop_diags *d;
    char *text = grid_model(12);
    coop_script *s = load_ok(text, &d);
    coop_options o = {0};
    coop_sweep *sw = coop_sweep_new(s, NULL, COOP_FORMAT_CSV, &o);
    ck_assert_int_eq(coop_sweep_axis(sw, "n3.capacity=0:1:0.125", d), 0);
    ck_assert_int_eq(coop_sweep_axis(sw, "trust(n3, e5)=0.1,0.9", d), 0);
    ck_assert_int_eq(coop_sweep_axis(sw, "e7.capacity=0.2,1", d), 0);
    ck_assert_int_eq(coop_sweep_query(sw, "count(p)", d), 0);
    ck_assert_int_eq(coop_sweep_query(sw, "count(hoisted)", d), 0);
    ck_assert_int_eq(coop_sweep_points(sw), 9 * 2 * 2);
    char *out = records(sw, d), *line = strchr(out, '\n') + 1;
    coop_sweep *sp = coop_sweep_new(s, NULL, COOP_FORMAT_CSV, &o);
    ck_assert_int_eq(coop_sweep_axis(sp, "w=0.1:0.7:0.2", d), 0);
    ck_assert_int_eq(coop_sweep_axis(sp, "bar=0.3,0.45", d), 0);
    ck_assert_int_eq(coop_sweep_axis(sp, "n3.capacity=0.2,0.9", d), 0);
    ck_assert_int_eq(coop_sweep_query(sp, "count(p)", d), 0);
    char *pout = records(sp, d), *pl = strchr(pout, '\n') + 1;
    for (long i = 0; i < coop_sweep_points(sp); i++) {
        double wv, bv, cv;
        long np;
        ck_assert_int_eq(sscanf(pl, "%lf,%lf,%lf,%ld", &wv, &bv, &cv, &np), 4);
        coop_world *w = coop_world_clone(coop_script_world(s));
        coop_world_set_param(w, coop_param_find(s, "w"), wv);
        coop_world_set_param(w, coop_param_find(s, "bar"), bv);
        coop_world_set_number(w, coop_actor_find(s, "n3"), coop_attr_find(s, "capacity"), cv);
        ck_assert_int_eq(np, rule_count(s, w, coop_rule_find(s, "p")));
        coop_world_free(w);
        pl = strchr(pl, '\n') + 1;
    }
    ck_assert_str_eq(pl, "");
    free(pout);
    coop_sweep_free(sp);
    int p = coop_rule_find(s, "p"), h = coop_rule_find(s, "hoisted"), cap = coop_attr_find(s, "capacity");
    int n3 = coop_actor_find(s, "n3"), e5 = coop_actor_find(s, "e5"), e7 = coop_actor_find(s, "e7");
    int pair[2] = {n3, e5};
    for (long i = 0; i < 36; i++) {
        double c, t, e;
        long np, nh;
        ck_assert_int_eq(sscanf(line, "%lf,%lf,%lf,%ld,%ld", &c, &t, &e, &np, &nh), 5);
        ck_assert(c == (double)(i / 4) * 0.125);
        coop_world *w = coop_world_clone(coop_script_world(s));
        coop_world_set_number(w, n3, cap, c);
        coop_world_set_relation(w, coop_relation_find(s, "trust"), pair, t);
        coop_world_set_number(w, e7, cap, e);
        ck_assert_int_eq(np, rule_count(s, w, p));
        ck_assert_int_eq(nh, rule_count(s, w, h));
        coop_world_free(w);
        line = strchr(line, '\n') + 1;
    }
    ck_assert_str_eq(line, "");
    free(out);
    coop_sweep_free(sw);
    coop_script_free(s);
    coop_diags_free(d);
    free(text);
}
END_TEST

/* The same points give the same bytes in any order, from any sweep of
 * the script: what lets workers and shards write them. */
START_TEST(records_in_any_order)
{
    coop_diags *d;
    coop_script *s = load_ok(flagship, &d);
    coop_options o = {0};
    coop_sweep *a = coop_sweep_new(s, NULL, COOP_FORMAT_JSON, &o), *b = coop_sweep_new(s, NULL, COOP_FORMAT_JSON, &o);
    const char *q[] = {"count(alliance)", "dominant(alliance(elder_care, acme))", "alliance(elder_care, acme)",
                       "score(alliance(elder_care, acme))", "elder_care.concerns"};
    for (coop_sweep **x = (coop_sweep *[]){a, b, NULL}; *x; x++) {
        ck_assert_int_eq(coop_sweep_axis(*x, "elder_care.capacity=0.2:0.8:0.2", d), 0);
        ck_assert_int_eq(coop_sweep_axis(*x, "acme.key_figure=false,true", d), 0);
        for (int i = 0; i < 5; i++) ck_assert_int_eq(coop_sweep_query(*x, q[i], d), 0);
    }
    char *fwd = records(a, d), *t = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&t, &len);
    for (long i = coop_sweep_points(b) - 1; i >= 0; i--) ck_assert_int_eq(coop_sweep_point(b, i, f, d), 0);
    fclose(f);
    /* the lines backwards are the lines forwards */
    char *rev = NULL;
    size_t rl = 0;
    f = open_memstream(&rev, &rl);
    for (char *end = t + len; end > t;) {
        char *start = end - 1;
        while (start > t && start[-1] != '\n') start--;
        fwrite(start, 1, (size_t)(end - start), f);
        end = start;
    }
    fclose(f);
    ck_assert_str_eq(fwd, rev);
    ck_assert_ptr_nonnull(strstr(fwd, "{\"elder_care.capacity\":0.6,\"acme.key_figure\":true,\"count(alliance)\":1,"
                                      "\"dominant(alliance(elder_care, acme))\":\"key_figure\""));
    free(fwd);
    free(t);
    free(rev);
    coop_sweep_free(a);
    coop_sweep_free(b);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* A query reads what an axis gives an actor that has none; every column
 * has a name of its own: a query named as an axis is (given before the
 * axis or after it) is `TEXT (query)`, a query given twice is refused. */
START_TEST(columns_and_given_values)
{
    coop_diags *d;
    coop_script *s = load_ok("param w = 0.5 range 0 .. 1\n"
                             "actor a : npo { c = 1 }\n"
                             "actor b : npo { c = 2  v = 7 }\n", &d);
    coop_options o = {0};
    for (int json = 0; json < 2; json++) {
        coop_sweep *sw = coop_sweep_new(s, NULL, json ? COOP_FORMAT_JSON : COOP_FORMAT_CSV, &o);
        ck_assert_int_eq(coop_sweep_query(sw, "w", d), 0);
        ck_assert_int_eq(coop_sweep_axis(sw, "w=0.1,0.2", d), 0);
        ck_assert_int_eq(coop_sweep_axis(sw, "a.v=3", d), 0);
        ck_assert_msg(coop_sweep_query(sw, "a.v + b.v", d) == 0, "%s", diag_text(d));
        ck_assert_int_eq(coop_sweep_query(sw, "a.v", d), 0);
        ck_assert_int_eq(coop_sweep_query(sw, "a.v", d), -1);
        ck_assert_ptr_nonnull(strstr(diag_text(d), "--query:4:1: error: this query is given twice (queries 3 and 4)"));
        coop_diags_clear(d);
        char *t = records(sw, d);
        ck_assert_str_eq(t, json ? "{\"w\":0.1,\"a.v\":3,\"w (query)\":0.1,\"a.v + b.v\":10,\"a.v (query)\":3}\n"
                                   "{\"w\":0.2,\"a.v\":3,\"w (query)\":0.2,\"a.v + b.v\":10,\"a.v (query)\":3}\n"
                                 : "w,a.v,w (query),a.v + b.v,a.v (query)\n0.1,3,0.1,10,3\n0.2,3,0.2,10,3\n");
        free(t);
        coop_sweep_free(sw);
    }
    /* without the axis, a.v is no value of a */
    coop_sweep *sw = coop_sweep_new(s, NULL, COOP_FORMAT_CSV, &o);
    ck_assert_int_eq(coop_sweep_axis(sw, "b.v=3", d), 0);
    ck_assert_int_eq(coop_sweep_query(sw, "a.v", d), -1);
    ck_assert_ptr_nonnull(strstr(diag_text(d), "actor 'a' has no attribute 'v'"));
    coop_sweep_free(sw);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* The first error's text of an axis or a query that must be refused. */
static const char *refused(const char *axis, const char *query)
{
    coop_diags *d;
    coop_script *s = load_ok(flagship, &d);
    coop_options o = {0};
    coop_sweep *sw = coop_sweep_new(s, NULL, COOP_FORMAT_CSV, &o);
    ck_assert_int_eq(coop_sweep_axis(sw, "elder_care.media=0.1,0.2", d), 0);
    ck_assert_int_eq(axis ? coop_sweep_axis(sw, axis, d) : coop_sweep_query(sw, query, d), -1);
    static char said[4096];
    snprintf(said, sizeof said, "%s", diag_text(d));
    coop_sweep_free(sw);
    coop_script_free(s);
    coop_diags_free(d);
    return said;
}

#define REFUSED(axis, query, text) ck_assert_msg(strstr(refused(axis, query), text), "%s", refused(axis, query))

START_TEST(bad_axes)
{
    REFUSED("elder_care.capacty=0:1:0.1", NULL, "-p:2:12: error: no actor has an attribute 'capacty'; did you mean 'capacity'?");
    REFUSED("eldercare.capacity=0:1:0.1", NULL, "-p:2:1: error: unknown actor 'eldercare'; did you mean 'elder_care'?");
    REFUSED("elder_care.capacity=0:1:0", NULL, "-p:2:25: error: a step of 0 never goes from 0 to 1");
    REFUSED("elder_care.capacity=1:0:0.1", NULL, "from 1 to 0 goes down, but step 0.1 goes up: write step -0.1");
    REFUSED("elder_care.capacity=0:1:-0.1", NULL, "from 0 to 1 goes up, but step -0.1 goes down: write step 0.1");
    REFUSED("elder_care.capacity=0:1", NULL, "a range is A:B:S");
    REFUSED("elder_care.capacity=0:1:0.1,2", NULL, "a range is A:B:S");
    REFUSED("elder_care.capacity=0,x", NULL, "-p:2:23: error: 'x' is not a number or true/false");
    REFUSED("elder_care.capacity=0,,1", NULL, "-p:2:23: error: a value is missing here");
    REFUSED("elder_care.capacity=nan", NULL, "'nan' is not a number or true/false");
    REFUSED("elder_care.capacity=0.5,50%", NULL, "-p:2:25: error: 0.5 is in the list twice");
    REFUSED("elder_care.capacity=0,true", NULL, "-p:2:23: error: elder_care.capacity takes a number, but this is true/false");
    REFUSED("elder_care.key_figure=0,1", NULL, "elder_care.key_figure takes true or false, but this is a number");
    REFUSED("elder_care.key_figure=0:1:1", NULL, "elder_care.key_figure is true or false: sweep it over a list");
    REFUSED("elder_care.concerns=1,2", NULL, "elder_care.concerns holds a set; a sweep varies numbers and true/false");
    REFUSED("elder_care.media=0.3", NULL, "-p:2:1: error: elder_care.media is swept twice; give it one axis");
    REFUSED("elder_care.capacity=0:1:0.000001", NULL, "takes more than 1000000 values, the limit (COOP_SWEEP_MAX_POINTS)");
    REFUSED("elder_care.capacity=0:1:0.000002", NULL, "with this axis the sweep has 1000002 points, more than the limit");
    REFUSED("trust(acme, elder_care)=0.5", NULL, "relation 'trust' expects kind 'npo' as argument 1");
    REFUSED("alliance(elder_care, acme)=1", NULL, "'alliance' is a partnership, not a relation");
    REFUSED("w_trust=0.5", NULL, "-p:2:1: error: unknown parameter 'w_trust'");
    REFUSED("acme=0.5", NULL, "'acme' is an actor, not a parameter: an axis names one of its attributes");
    REFUSED("elder_care.capacity", NULL, "has no '='");
    REFUSED(NULL, "count(aliance)", "--query:1:7: error: unknown partnership 'aliance'; did you mean 'alliance'?");
    REFUSED(NULL, "count(alliance", "--query:1:");
}
END_TEST

/* A range's ends inside the target's declared range, at and past it. */
START_TEST(axis_ranges)
{
    coop_diags *d;
    char *text = grid_model(3);
    coop_script *s = load_ok(text, &d);
    coop_options o = {0};
    coop_sweep *sw = coop_sweep_new(s, NULL, COOP_FORMAT_CSV, &o);
    ck_assert_int_eq(coop_sweep_axis(sw, "trust(n0, e0)=0:1:0.5", d), 0);
    ck_assert_int_eq(coop_sweep_axis(sw, "trust(n0, e1)=0:1.25:0.25", d), -1);
    ck_assert_ptr_nonnull(strstr(diag_text(d), "-p:2:17: error: trust(n0, e1) would be 1.25, outside its range 0 .. 1"));
    coop_diags_clear(d);
    ck_assert_int_eq(coop_sweep_axis(sw, "trust(n0, e1)=-0.5,0.5", d), -1);
    ck_assert_ptr_nonnull(strstr(diag_text(d), "trust(n0, e1) would be -0.5, outside its range 0 .. 1"));
    coop_sweep_free(sw);
    coop_script_free(s);
    coop_diags_free(d);
    free(text);
}
END_TEST

/* ---- shards and merge ---- */

static char dir[64];

/* Writes the records of shard k of n (n 0: the whole sweep) into a file
 * of dir named `name`; the sweep is of model text (NULL: the flagship),
 * `grid` its first axis. */
static void shard_of(const char *text, const char *file, const char *grid, const char *query, int json, long k, long n)
{
    coop_diags *d;
    coop_script *s = load_ok(text ? text : flagship, &d);
    coop_options o = {0};
    coop_sweep *sw = coop_sweep_new(s, NULL, json ? COOP_FORMAT_JSON : COOP_FORMAT_CSV, &o);
    ck_assert_int_eq(coop_sweep_axis(sw, grid, d), 0);
    ck_assert_int_eq(coop_sweep_axis(sw, "trust(elder_care, acme)=0.3,0.6", d), 0);
    ck_assert_int_eq(coop_sweep_query(sw, query, d), 0);
    ck_assert_int_eq(coop_sweep_query(sw, "\"a, \\\"quoted\\\"\\nline\"", d), 0); /* a record of two lines */
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "w");
    if (n) coop_sweep_shard_header(sw, k, n, f);
    coop_sweep_header(sw, f);
    for (long i = n ? k : 0; i < coop_sweep_points(sw); i += n ? n : 1) ck_assert_int_eq(coop_sweep_point(sw, i, f, d), 0);
    fclose(f);
    coop_sweep_free(sw);
    coop_script_free(s);
    coop_diags_free(d);
}

static void shard_file(const char *file, const char *grid, const char *query, int json, long k, long n)
{
    shard_of(NULL, file, grid, query, json, k, n);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    char *t = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&t, &len);
    for (int c; (c = getc(f)) != EOF;) putc(c, m);
    fclose(m);
    fclose(f);
    return t;
}

/* Merges the files of dir named names[0..n); the result or the errors.
 * Merged again reading a record ahead at a time (not a share of 8 MiB):
 * the same. */
static char *merged(const char *const *files, int n, int *rc)
{
    const char *paths[16];
    char buf[16][128];
    for (int i = 0; i < n; i++) {
        snprintf(buf[i], sizeof buf[i], "%s/%s", dir, files[i]);
        paths[i] = buf[i];
    }
    coop_diags *d = coop_diags_new();
    char *t = NULL, *t1 = NULL;
    size_t len = 0, len1 = 0;
    FILE *f = open_memstream(&t, &len);
    *rc = coop_sweep_merge(paths, n, f, d);
    fclose(f);
    f = open_memstream(&t1, &len1);
    ck_assert_int_eq(sweep_merge(paths, n, f, 1, d), *rc);
    fclose(f);
    ck_assert(*rc || (len1 == len && !memcmp(t1, t, len)));
    free(t1);
    if (*rc) {
        free(t);
        t = strdup(diag_text(d));
    }
    coop_diags_free(d);
    return t;
}

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/coop-sweep-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(merge_is_one_run)
{
    make_dir();
    static const char *const files[] = {"s0", "s1", "s2", "s3", "s4", "s5", "s6"};
    for (int json = 0; json < 2; json++) {
        shard_file("one", "elder_care.capacity=0.1:0.9:0.1", "count(alliance)", json, 0, 0);
        char path[128];
        snprintf(path, sizeof path, "%s/one", dir);
        char *one = slurp(path);
        for (int n = 1; n <= 7; n++) {
            for (int k = 0; k < n; k++) shard_file(files[(k + 3) % n], "elder_care.capacity=0.1:0.9:0.1",
                                                   "count(alliance)", json, k, n); /* named out of order */
            int rc;
            char *m = merged(files, n, &rc);
            ck_assert_msg(rc == 0, "%s", m);
            ck_assert_str_eq(m, one);
            free(m);
        }
        free(one);
    }
    remove_dir();
}
END_TEST

START_TEST(merge_refusals)
{
    make_dir();
    const char *g = "elder_care.capacity=0.1:0.9:0.1", *q = "count(alliance)";
    for (int k = 0; k < 3; k++) shard_file((const char *[]){"s0", "s1", "s2"}[k], g, q, 0, k, 3);
    shard_file("other_grid", "elder_care.capacity=0.2:1:0.1", q, 0, 1, 3);
    shard_file("other_query", g, "count(alliance) + 1", 0, 1, 3);
    shard_file("json", g, q, 1, 1, 3);
    shard_file("whole", g, q, 0, 0, 0);
    shard_file("of4", g, q, 0, 1, 4);
    char *other = malloc(strlen(flagship) + 32); /* the flagship with a comment more */
    strcpy(other, flagship);
    strcat(other, "# another model\n");
    shard_of(other, "model", g, q, 0, 1, 3);
    free(other);
    char path[96], cmd[1024];
    snprintf(path, sizeof path, "%s/s1", dir);
    snprintf(cmd, sizeof cmd, "head -c -3 '%s' > '%s/cut'; head -n -2 '%s' > '%s/short'; cat '%s' '%s' > '%s/long'",
             path, dir, path, dir, path, path, dir);
    ck_assert_int_eq(system(cmd), 0);
    static const struct { const char *files[4]; const char *said; } cases[] = {
        {{"s0", "s2"}, "1 of the 3 shards is missing: 1/3; run it"},
        {{"s0", "s1", "s1", "s2"}, "s1: error: shard 1/3 is given twice"},
        {{"s0", "other_grid", "s2"}, "other_grid: error: a shard of another sweep than "},
        {{"s0", "other_query", "s2"}, "its queries (or --seed) differ"},
        {{"s0", "json", "s2"}, "json: error: JSON lines, but the first is CSV"},
        {{"s0", "whole", "s2"}, "whole: error: not the output of a shard of coop sweep"},
        {{"s0", "of4", "s2"}, "of4: error: shard 1/4 of 18 points, but "},
        {{"s0", "cut", "s2"}, "cut: error: its last record is cut short"},
        {{"s0", "short", "s2"}, "short: error: holds 5 of shard 1/3's 6 points: it was cut short"},
        {{"s0", "long", "s2"}, "long: error: holds 14 of shard 1/3's 6 points: more records than its points"},
        {{"s0", "model", "s2"}, "model: error: made from another model, or other -D values (t.coop), than "},
        {{"s0", "nothing", "s2"}, "nothing: error: cannot open: No such file or directory"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int n = 0, rc;
        while (n < 4 && cases[i].files[n]) n++;
        char *m = merged(cases[i].files, n, &rc);
        ck_assert_int_eq(rc, -1);
        ck_assert_msg(strstr(m, cases[i].said), "case %zu: %s", i, m);
        free(m);
    }
    remove_dir();
}
END_TEST

/* Own values kept in one world decide the tuples of another that differs
 * in parameters no factor reads: the counts are those of counting again;
 * a rule whose factor reads a parameter that differs, or any other value
 * that differs, keeps nothing. */
START_TEST(kept_own_values)
{
    coop_diags *d;
    char *text = grid_model(12), *more = malloc(strlen(text) + 512);
    strcpy(more, text);
    strcat(more, "param cap = 0.5 range 0 .. 1\npartnership q(a: npo, b: enterprise) {\n"
                 "  factor c = a.capacity * cap\n  forms when c >= 0.2\n}\n"
                 "param inf = 0.3 range 0 .. 1\npartnership r(a: npo, b: enterprise) {\n"
                 "  factor c = a.capacity\n  factor t = trust(a, b)\n  influence c -> t by inf\n"
                 "  score = 0.5*t + 0.5*c\n  forms when score >= 0.55 and t >= 0.4\n}\n");
    coop_script *s = load_ok(more, &d);
    const model *m = &s->m;
    int w = coop_param_find(s, "w"), bar = coop_param_find(s, "bar"), cap = coop_param_find(s, "cap");
    int p = coop_rule_find(s, "p"), h = coop_rule_find(s, "hoisted"), q = coop_rule_find(s, "q");
    int params[2] = {w, bar};
    keep k;
    keep_init(&k, m, s->w, params, 2);
    ck_assert(keep_fits(&k, p) && keep_fits(&k, h) && keep_fits(&k, q));
    for (double wv = 0; wv <= 1; wv += 0.125)
        for (double bv = 0.3; bv <= 0.6; bv += 0.05) {
            coop_world *x = coop_world_clone(s->w);
            coop_world_set_param(x, w, wv);
            coop_world_set_param(x, bar, bv);
            evaluator e;
            ev_init(&e, m, x, p);
            ck_assert_int_eq(keep_count(&k, p, &e), rule_count(s, x, p));
            ev_free(&e);
            coop_world_free(x);
        }
    ck_assert_int_eq(k.decided, 9 * 7 * 144);
    keep_free(&k);
    /* an influence weight: in the evaluator's constants of the world */
    int inf = coop_param_find(s, "inf"), r = coop_rule_find(s, "r");
    keep_init(&k, m, s->w, &inf, 1);
    ck_assert(keep_fits(&k, r));
    for (double iv = 0; iv <= 1; iv += 0.1) {
        coop_world *x = coop_world_clone(s->w);
        coop_world_set_param(x, inf, iv);
        evaluator e;
        ev_init(&e, m, x, r);
        ck_assert_int_eq(keep_count(&k, r, &e), rule_count(s, x, r));
        ev_free(&e);
        coop_world_free(x);
    }
    keep_free(&k);
    /* cap: q's factor reads it; an attribute: no parameter alone */
    params[0] = cap;
    keep_init(&k, m, s->w, params, 1);
    ck_assert(keep_fits(&k, p) && !keep_fits(&k, q));
    evaluator e;
    ev_init(&e, m, s->w, q);
    ck_assert_int_eq(keep_count(&k, q, &e), -1);
    ev_free(&e);
    keep_free(&k);
    keep_init(&k, m, s->w, params, -1);
    ck_assert(!keep_fits(&k, p) && !keep_fits(&k, h));
    keep_free(&k);
    coop_script_free(s);
    coop_diags_free(d);
    free(text);
    free(more);
}
END_TEST

/* COOP_SWEEP_KEEP: a rule of 2048 x 4096 tuples and one factor is kept,
 * one of 2048 x 4097 is not. */
START_TEST(kept_at_the_limit)
{
    for (int over = 0; over < 2; over++) {
        char *t = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&t, &len);
        fputs("param w = 0.5\nkind n\nkind e\n", f);
        for (int i = 0; i < 2048; i++) fprintf(f, "actor n%d : n {}\n", i);
        for (int i = 0; i < 4096 + over; i++) fprintf(f, "actor e%d : e {}\n", i);
        fputs("partnership p(a: n, b: e) { factor one = 1  forms when one >= w }\n", f);
        fclose(f);
        coop_diags *d;
        coop_script *s = load_ok(t, &d);
        int params[1] = {0};
        keep k;
        keep_init(&k, &s->m, s->w, params, 1);
        ck_assert_int_eq((double)s->m.rules[0].ntuples * s->m.rules[0].nf <= (double)COOP_SWEEP_KEEP, !over);
        ck_assert_int_eq(keep_fits(&k, 0), !over);
        keep_free(&k);
        coop_script_free(s);
        coop_diags_free(d);
        free(t);
    }
}
END_TEST

/* Ctrl-C stops a sweep whose points are each too small for the
 * evaluator's own look at the flag: it is looked at before each point. */
START_TEST(interrupted_between_points)
{
    coop_diags *d;
    coop_script *s = load_ok("actor a : npo { c = 0.5 }\nactor b : enterprise {}\n"
                             "partnership p(n: npo, e: enterprise) { factor c = n.c  forms when c > 0.4 }\n"
                             "sweep a.c from 0.000001 to 1 step 0.000001 : count(p)\n", &d);
    volatile sig_atomic_t stop = 1;
    run_interrupted(s, &stop, "t.coop:4:46: error: interrupted");
    coop_options o = {0};
    o.interrupt = &stop;
    coop_sweep *sw = coop_sweep_new(s, NULL, COOP_FORMAT_CSV, &o);
    ck_assert_int_eq(coop_sweep_axis(sw, "a.c=0:1:0.5", d), 0);
    ck_assert_int_eq(coop_sweep_query(sw, "count(p)", d), 0);
    FILE *f = fopen("/dev/null", "w");
    ck_assert_int_eq(coop_sweep_point(sw, 0, f, d), -2);
    stop = 0;
    ck_assert_int_eq(coop_sweep_point(sw, 0, f, d), 0);
    fclose(f);
    coop_sweep_free(sw);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

Suite *suite_sweep(void)
{
    Suite *s = suite_create("sweep");
    TCase *t = tcase_create("grid");
    tcase_add_test(t, range_values_as_written);
    tcase_add_test(t, range_refusals);
    tcase_add_test(t, range_off_grid);
    tcase_add_test(t, range_values_random);
    tcase_add_test(t, grid_order);
    tcase_add_test(t, shard_partition);
    suite_add_tcase(s, t);
    t = tcase_create("api");
    tcase_add_test(t, counts_from_the_start);
    tcase_add_test(t, records_in_any_order);
    tcase_add_test(t, bad_axes);
    tcase_add_test(t, columns_and_given_values);
    tcase_add_test(t, axis_ranges);
    tcase_add_test(t, interrupted_between_points);
    tcase_add_test(t, kept_own_values);
    tcase_add_test(t, kept_at_the_limit);
    suite_add_tcase(s, t);
    t = tcase_create("merge");
    tcase_add_test(t, merge_is_one_run);
    tcase_add_test(t, merge_refusals);
    suite_add_tcase(s, t);
    return s;
}
