/* bench_param.c - what a change of a parameter costs (bench_param.h). */
#define _POSIX_C_SOURCE 200809L

#include "bench_param.h"
#include "bench_data.h"
#include "hand.h"

#include "coop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bench model with its weight of trust `weight`: written in (param
 * NULL), or read from the parameter `param`, declared with that value. */
static char *model_text(const bench_data *d, const char *param, double weight)
{
    char *buf = NULL, *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    int bad = bench_data_write(d, f);
    fclose(f);
    const char *at = bad || !buf ? NULL : strstr(buf, "0.30*trust");
    size_t n = len + 256;
    if (at && (out = malloc(n)) != NULL) {
        char w[64];
        snprintf(w, sizeof w, "%.17g", weight);
        int k = param ? snprintf(out, n, "param %s = %s\n", param, w) : 0;
        snprintf(out + k, n - (size_t)k, "%.*s%s*trust%s", (int)(at - buf), buf, param ? param : w,
                 at + strlen("0.30*trust"));
    }
    free(buf);
    return out;
}

static coop_script *load(const char *text, char *error, size_t esize)
{
    coop_diags *d = coop_diags_new();
    coop_script *s = text ? coop_load("param.coop", text, strlen(text), d) : NULL;
    if (!s) snprintf(error, esize, "the model does not load%s", text ? "" : ": out of memory");
    coop_diags_free(d);
    return s;
}

/* The count of the model with `weight` written in, or -1. */
static long literal_count(const bench_data *d, double weight, double *ns, char *error, size_t esize)
{
    char *text = model_text(d, NULL, weight);
    coop_script *s = load(text, error, esize);
    free(text);
    if (!s) return -1;
    coop_query *q = coop_query_new(s, NULL, 0);
    double t0 = bench_now_ns();
    long n = coop_count(q, coop_rule_find(s, "alliance"));
    if (ns) *ns = bench_now_ns() - t0;
    coop_query_free(q);
    coop_script_free(s);
    return n;
}

/* The parameter's values: 0.1 to 0.5, evenly. */
static double point(int k) { return 0.1 + 0.4 * k / (BENCH_PARAM_POINTS - 1); }

void bench_param(int runs, bench_param_result *r)
{
    memset(r, 0, sizeof *r);
    bench_data d;
    if (bench_data_generate(&d, BENCH_PARAM_ACTORS, 1) < 0) {
        snprintf(r->error, sizeof r->error, "cannot generate the data");
        return;
    }
    r->tuples = (long)d.n_npo * d.n_ent;
    r->points = BENCH_PARAM_POINTS;
    char *text = model_text(&d, "w_trust", 0.3);
    coop_script *s = load(text, r->error, sizeof r->error);
    free(text);
    long want[2] = {-1, -1};
    for (int run = 0; s && run < runs; run++) {
        double ns = 0;
        long n = literal_count(&d, 0.3, &ns, r->error, sizeof r->error);
        if (n < 0) goto out;
        if (run == 0 || ns < r->literal_ns) r->literal_ns = ns;
    }
    if (!s) goto out;
    for (int k = 0; k < 2; k++)
        if ((want[k] = literal_count(&d, point(k ? BENCH_PARAM_POINTS - 1 : 0), NULL, r->error, sizeof r->error)) < 0)
            goto out;
    int rule = coop_rule_find(s, "alliance"), p = coop_param_find(s, "w_trust");
    coop_world *w = coop_world_clone(coop_script_world(s));
    coop_query *q = coop_query_new(s, w, 0);
    int ok = 1;
    for (int run = 0; ok && run < runs; run++) {
        double best = 0, sum = 0;
        for (int k = 0; ok && k < BENCH_PARAM_POINTS; k++) {
            double t0 = bench_now_ns();
            ok = coop_world_set_param(w, p, point(k)) == 0;
            long n = ok ? coop_count(q, rule) : -1;
            double ns = bench_now_ns() - t0;
            if (n < 0 || (k == 0 && n != want[0]) || (k == BENCH_PARAM_POINTS - 1 && n != want[1])) {
                snprintf(r->error, sizeof r->error, "w_trust = %g: %ld alliances, the model with it written in "
                         "%ld", point(k), n, want[k ? 1 : 0]);
                ok = 0;
                break;
            }
            if (run == 0 && (k == 0 || n < r->formed_min)) r->formed_min = n;
            if (run == 0 && (k == 0 || n > r->formed_max)) r->formed_max = n;
            sum += ns;
            if (k == 0 || ns < best) best = ns;
        }
        if (ok && (run == 0 || sum / BENCH_PARAM_POINTS < r->mean_ns)) {
            r->mean_ns = sum / BENCH_PARAM_POINTS;
            r->point_ns = best;
        }
    }
    /* a what-if of one change: the rule decided in both worlds */
    coop_world *v = coop_world_clone(coop_script_world(s));
    ok = ok && coop_world_set_param(v, p, 0.4) == 0;
    for (int run = 0; ok && run < runs; run++) {
        double t0 = bench_now_ns();
        coop_diff *x = coop_diff_new(s, coop_script_world(s), v);
        double ns = bench_now_ns() - t0;
        r->diff_evaluated = coop_diff_evaluated(x, rule);
        coop_diff_free(x);
        if (run == 0 || ns < r->diff_ns) r->diff_ns = ns;
    }
    if (ok && r->diff_evaluated != r->tuples) {
        snprintf(r->error, sizeof r->error, "a what-if of w_trust decided %ld tuples again, not every one (%ld)",
                 r->diff_evaluated, r->tuples);
        ok = 0;
    }
    r->ok = ok;
    coop_world_free(v);
    coop_query_free(q);
    coop_world_free(w);
out:
    coop_script_free(s);
    bench_data_free(&d);
}
