/* test_threads.c - one script evaluated by two threads at once, each with
 * its own queries and worlds, must give what one thread gives.  Run under
 * ThreadSanitizer by `make check TSAN=1`, which fails on any data race. */
#include <pthread.h>
#include <stdlib.h>

#include "util.h"

/* What one thread works out: every verdict, score and Shapley value of
 * every tuple of the example's rule, in the script's world and in a world
 * of its own where one attribute and one relation value changed. */
typedef struct work {
    const coop_script *s;
    int rule, n;
    double out[2][64][24]; /* [world][tuple][score, then shapley values] */
    int forms[2][64];
    long count[2];
    int failed;
} work;

/* The example's tuples, in order: every npo with every enterprise. */
static int tuples(const coop_script *s, int (*t)[2])
{
    int n = 0, na = coop_name_count(s, COOP_NAMES_ACTOR);
    for (int a = 0; a < na; a++)
        for (int b = 0; b < na; b++) {
            int tb[2] = {a, b};
            coop_query *q = coop_query_new(s, NULL, 0);
            coop_verdict v;
            if (coop_evaluate(q, 0, tb, &v, NULL) == 0 && n < 64) {
                t[n][0] = a;
                t[n][1] = b;
                n++;
            }
            coop_query_free(q);
        }
    return n;
}

static void *run(void *arg)
{
    work *w = arg;
    const coop_script *s = w->s;
    int t[64][2];
    int n = tuples(s, t);
    w->n = n;
    coop_world *mine = coop_world_clone(coop_script_world(s));
    coop_change *c = coop_change_parse(s, "t", "acme.media = 0.95", 17, NULL);
    int pair[2] = {coop_actor_find(s, "elder_care"), coop_actor_find(s, "harbour_bank")};
    if (!c || coop_change_apply(c, mine) < 0 ||
        coop_world_set_relation(mine, coop_relation_find(s, "trust"), pair, 0.9) < 0)
        w->failed = 1;
    coop_change_free(c);
    for (int k = 0; k < 2; k++) {
        coop_query *q = coop_query_new(s, k ? mine : NULL, 0);
        w->count[k] = coop_count(q, w->rule);
        for (int i = 0; i < n; i++) {
            coop_verdict v;
            if (coop_evaluate(q, w->rule, t[i], &v, NULL) < 0) w->failed = 1;
            w->forms[k][i] = v.forms;
            w->out[k][i][0] = v.score;
            if (coop_shapley(q, w->rule, t[i], &w->out[k][i][1], NULL) < 0) w->failed = 1;
        }
        coop_query_free(q);
    }
    coop_world_free(mine);
    return NULL;
}

START_TEST(two_threads_one_script)
{
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load_file("../examples/npo_enterprise.coop", d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    static work one, a, b;
    one.s = a.s = b.s = s;
    one.rule = a.rule = b.rule = coop_rule_find(s, "alliance");
    run(&one); /* alone first: what both threads must find */
    ck_assert_int_eq(one.failed, 0);
    ck_assert_int_gt(one.n, 1);
    ck_assert_int_ne(one.count[0], one.count[1]); /* the changes move something */
    pthread_t ta, tb;
    ck_assert_int_eq(pthread_create(&ta, NULL, run, &a), 0);
    ck_assert_int_eq(pthread_create(&tb, NULL, run, &b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    int nf = coop_rule_factors(s, one.rule);
    for (int k = 0; k < 2; k++) {
        const work *w = k ? &b : &a;
        ck_assert_int_eq(w->failed, 0);
        ck_assert_int_eq(w->n, one.n);
        for (int x = 0; x < 2; x++) {
            ck_assert_int_eq(w->count[x], one.count[x]);
            for (int i = 0; i < one.n; i++) {
                ck_assert_int_eq(w->forms[x][i], one.forms[x][i]);
                for (int j = 0; j <= nf; j++) ck_assert(w->out[x][i][j] == one.out[x][i][j]);
            }
        }
    }
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

Suite *suite_threads(void)
{
    Suite *s = suite_create("threads");
    TCase *t = tcase_create("threads");
    tcase_add_test(t, two_threads_one_script);
    suite_add_tcase(s, t);
    return s;
}
