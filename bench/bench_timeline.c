/* bench_timeline.c - what a timeline's step costs (bench_timeline.h). */
#define _POSIX_C_SOURCE 200809L

#include "bench_timeline.h"
#include "bench_data.h"
#include "hand.h"

#include "coop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bench model, then `extra` (a timeline and its events, statements). */
static char *model_text(const bench_data *d, const char *extra)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    if (bench_data_write(d, f) || fputs(extra, f) < 0) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    return buf;
}

/* Runs text's statements `runs` times; the best time into *best, and
 * whether every expectation held. */
static int timed(const char *text, int runs, double *best, char *error, size_t esize)
{
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load("timeline.coop", text, strlen(text), d);
    int ok = s != NULL;
    *best = 0;
    for (int k = 0; ok && k < runs; k++) {
        coop_options o = {0};
        o.expect_only = 1;
        double t0 = bench_now_ns();
        int failed = coop_run(s, NULL, &o, d);
        double ns = bench_now_ns() - t0;
        ok = failed == 0;
        if (k == 0 || ns < *best) *best = ns;
    }
    if (!ok) {
        char *msg = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&msg, &n);
        if (f) {
            coop_diags_print(d, f, 0);
            fclose(f);
        }
        snprintf(error, esize, "the statements did not pass: %s", msg && *msg ? msg : "an expectation failed");
        free(msg);
    }
    coop_script_free(s);
    coop_diags_free(d);
    return ok;
}

/* The timeline: 240 months, a capacity drifting up every month, a trust
 * value every quarter, and a trigger. */
static const char timeline[] =
    "timeline 2001-01 .. 2020-12 by month\n"
    "event drift every month { n0.capacity += 0.001 }\n"
    "event warming every quarter { trust(n1, e1) += 0.01 }\n"
    "event noticed on alliance(n0, e0) { e0.capacity += 0.0001 }\n";

void bench_timeline(int runs, bench_timeline_result *r)
{
    memset(r, 0, sizeof *r);
    bench_data d;
    if (bench_data_generate(&d, BENCH_TIMELINE_ACTORS, 1) < 0) {
        snprintf(r->error, sizeof r->error, "cannot generate the data");
        return;
    }
    r->tuples = (long)d.n_npo * d.n_ent;
    r->steps = BENCH_TIMELINE_STEPS;
    char stmts[512];
    /* the static count; the timeline's run alone (a statement at the first
     * step: the run keeps its journal, one step is read); every step */
    char *plain = model_text(&d, "expect count(alliance) >= 0\n");
    snprintf(stmts, sizeof stmts, "%sexpect n0.capacity at 2001-01 >= 0\n", timeline);
    char *run = model_text(&d, stmts);
    snprintf(stmts, sizeof stmts,
             "%sexpect first(count(alliance) < 0) == never\n"
             "expect count(alliance) at 2020-12 == count(alliance)\n", timeline);
    char *every = model_text(&d, stmts);
    bench_data_free(&d);
    r->ok = plain && run && every && timed(plain, runs, &r->static_ns, r->error, sizeof r->error) &&
            timed(run, runs, &r->run_ns, r->error, sizeof r->error) &&
            timed(every, runs, &r->steps_ns, r->error, sizeof r->error);
    if (!plain || !run || !every) snprintf(r->error, sizeof r->error, "out of memory");
    free(plain);
    free(run);
    free(every);
}
