/* bench_agg.c - what an aggregate costs in a rule (bench_agg.h). */
#define _POSIX_C_SOURCE 200809L

#include "bench_agg.h"
#include "bench_data.h"
#include "hand.h"

#include "coop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* n npo actors with a share c = k[i] / 10000 each, one enterprise: the
 * rules range over the n (npo, enterprise) pairs.  `top` gets the largest k. */
static char *model(int n, int *k, int *top)
{
    size_t cap = (size_t)n * 48 + 1024, len = 0;
    char *t = malloc(cap);
    if (!t) return NULL;
    bench_rng g;
    bench_rng_seed(&g, 7);
    *top = 0;
    for (int i = 0; i < n; i++) {
        k[i] = 1 + (int)bench_rng_below(&g, BENCH_SCALE);
        if (k[i] > *top) *top = k[i];
        len += (size_t)snprintf(t + len, cap - len, "actor n%d : npo { c = %.4f }\n", i, bench_value(k[i]));
    }
    snprintf(t + len, cap - len,
             "actor e : enterprise { c = 1 }\n"
             "partnership plain(a: npo, b: enterprise) { factor share = a.c / %.4f  forms when share > 0.5 }\n"
             "partnership hoisted(a: npo, b: enterprise) {\n"
             "  factor share = a.c / highest(x.c for x: npo)\n"
             "  forms when share > 0.5\n"
             "}\n"
             "partnership per_tuple(a: npo, b: enterprise) {\n"
             "  factor above = count(x: npo where x.c > a.c)\n"
             "  forms when above < %d\n"
             "}\n",
             bench_value(*top), n / 2);
    return t;
}

/* coop_count of `rule` on a fresh query (so a hoisted aggregate is worked
 * out again), best of `runs`; the count in *count. */
static double time_count(const coop_script *s, const char *rule, int runs, long *count)
{
    int ri = coop_rule_find(s, rule);
    double best = 0;
    for (int run = 0; run < runs; run++) {
        double t0 = bench_now_ns();
        coop_query *q = coop_query_new(s, NULL, 0);
        *count = coop_count(q, ri);
        coop_query_free(q);
        double ns = bench_now_ns() - t0;
        if (run == 0 || ns < best) best = ns;
    }
    return best;
}

/* How many of the n actors have fewer than n/2 others above them: what
 * per_tuple counts, worked out here by counting each value. */
static long lower_half(const int *k, int n)
{
    static long have[BENCH_SCALE + 2];
    memset(have, 0, sizeof have);
    for (int i = 0; i < n; i++) have[k[i]]++;
    long above = 0, count = 0;
    for (int v = BENCH_SCALE; v >= 1; v--) { /* above: actors whose k exceeds v */
        if (above < n / 2) count += have[v];
        above += have[v];
    }
    return count;
}

void bench_agg(int runs, bench_agg_result *r)
{
    memset(r, 0, sizeof *r);
    int top;
    static int k[BENCH_AGG_N];
    char *text = model(BENCH_AGG_N, k, &top);
    coop_diags *d = coop_diags_new();
    coop_script *s = text && d ? coop_load("aggregates.coop", text, strlen(text), d) : NULL;
    if (!s) {
        if (d) coop_diags_print(d, stderr, 0);
        snprintf(r->error, sizeof r->error, "the aggregates' model did not load");
        goto out;
    }
    r->actors = BENCH_AGG_N + 1;
    r->tuples = coop_rule_tuples(s, coop_rule_find(s, "hoisted"));
    long plain, hoisted, per_tuple;
    r->plain_ns = time_count(s, "plain", runs, &plain);
    r->hoisted_ns = time_count(s, "hoisted", runs, &hoisted);
    r->per_tuple_ns = time_count(s, "per_tuple", 1, &per_tuple);
    r->count = hoisted;
    if (plain < 0 || hoisted != plain)
        snprintf(r->error, sizeof r->error, "the rule with the aggregate counts %ld, the rule with its value %ld",
                 hoisted, plain);
    else if (per_tuple != lower_half(k, BENCH_AGG_N))
        snprintf(r->error, sizeof r->error, "count(x: npo where x.c > a.c) < n/2 holds for %ld actors, not %ld",
                 per_tuple, lower_half(k, BENCH_AGG_N));
    else
        r->ok = 1;
out:
    coop_script_free(s);
    coop_diags_free(d);
    free(text);
}
