/*
 * bench_evshap.c - `make bench`: which event made it form, timed.  The
 * Emil case (seed 002: a civil-affairs bureau and an NPO in Changsha) over
 * 2000-01 .. 2019-12 by month, 240 steps, with 12 dated and recurring
 * events (a recurring series is one player) and a trigger; the event
 * Shapley values of cooperation(bureau, emil) at the last step, exact over
 * all 4,096 coalitions, each a run of the timeline.  Fails unless it takes
 * under BENCH_EVSHAP_MS, or the values do not add up to v(all) - v(none).
 *
 *     bench_evshap [-r RUNS]        (default: best of 3)
 *
 * It calls the library's internals (src/evshap.h: the statements that
 * will ask it are not wired yet), so it links build/libcoop_internal.a.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "evshap.h"
#include "script.h"

#define BENCH_EVSHAP_MS 1000.0 /* the target: 12 events, 240 steps, under a second */
#define BENCH_EVSHAP_RUNS 3

static const char model_text[] =
    "timeline 2000-01 .. 2019-12 by month\n"
    "actor bureau : government \"Changsha civil-affairs bureau\" { capacity = 0.6 }\n"
    "actor emil : npo \"Emil\" { publicity = 0.2  celebrity = false  funded = false }\n"
    "relation trust(government, npo) default 0.3 range 0 .. 1\n"
    "relation understanding(government, npo) default 0.2 range 0 .. 1\n"
    "attribute publicity : npo range 0 .. 1\n"
    "event registration at 2000-03 \"registered with the bureau\" { understanding(bureau, emil) += 0.1 }\n"
    "event misunderstanding at 2002-06 { understanding(bureau, emil) -= 0.1 }\n"
    "event newsletter every quarter from 2001-01 to 2009-12 { emil.publicity += 0.01 }\n"
    "event breach at 2003-03 \"funds withheld\" { trust(bureau, emil) -= 0.3 }\n"
    "event audit every year from 2004-06 { trust(bureau, emil) += 0.01 }\n"
    "event gala at 2004-08 \"celebrity fundraising gala\" {\n"
    "  emil.publicity = 90%  emil.celebrity = true\n"
    "  understanding(bureau, emil) += 0.3\n"
    "}\n"
    "event reporting every month from 2004-09 \"regular reports and visits\" { trust(bureau, emil) += 0.002 }\n"
    "event visits every quarter from 2005-01 { understanding(bureau, emil) += 0.005 }\n"
    "event press every 6 month from 2006-01 { emil.publicity += 0.005 }\n"
    "event scandal at 2008-05 { emil.publicity -= 0.3 }\n"
    "event leadership at 2010-01 \"a new bureau director\" { trust(bureau, emil) += 0.05 }\n"
    "event policy at 2012-03 \"purchase of services made policy\" { understanding(bureau, emil) += 0.05 }\n"
    "event funded on cooperation(bureau, emil) { emil.funded = true }\n"
    "partnership cooperation(g: government, n: npo) {\n"
    "  factor trust         = trust(g, n)\n"
    "  factor understanding = understanding(g, n)\n"
    "  factor publicity     = n.publicity\n"
    "  score = 0.5*trust + 0.3*understanding + 0.2*publicity\n"
    "  forms when score >= 0.5 and trust >= 0.45\n"
    "}\n";

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv)
{
    int runs = BENCH_EVSHAP_RUNS;
    if (argc == 3 && !strcmp(argv[1], "-r")) runs = atoi(argv[2]);
    if (runs < 1 || runs > 100 || (argc != 1 && argc != 3)) {
        fprintf(stderr, "usage: bench_evshap [-r RUNS]   (RUNS 1 to 100; default %d)\n", BENCH_EVSHAP_RUNS);
        return 2;
    }
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load("emil.coop", model_text, sizeof model_text - 1, d);
    if (!s) {
        coop_diags_print(d, stderr, 0);
        return 1;
    }
    const model *m = &s->m;
    int rule = coop_rule_find(s, "cooperation");
    int tuple[2] = {coop_actor_find(s, "bureau"), coop_actor_find(s, "emil")};
    int last = m->timeline->nsteps - 1, failed = 0;
    double best = 0;
    evshap_result r;
    for (int i = 0; i < runs; i++) {
        double t0 = now_ns();
        int rc = evshap_events(&r, m, s->w, rule, tuple, last, 0, NULL);
        double ns = now_ns() - t0;
        if (rc < 0) {
            fprintf(stderr, "bench_evshap: %s\n", r.err_msg ? r.err_msg : "stopped");
            return 1;
        }
        if (i == 0 || ns < best) best = ns;
        if (i < runs - 1) evshap_free(&r);
    }
    double sum[SHAPLEY_OFS] = {0, 0};
    for (int t = 0; t < SHAPLEY_OFS; t++)
        for (int i = 0; i < r.n; i++) sum[t] += r.phi[t][i];
    int adds_up = fabs(sum[OF_VERDICT] - (r.all[OF_VERDICT] - r.none[OF_VERDICT])) < 1e-9 &&
                  fabs(sum[OF_SCORE] - (r.all[OF_SCORE] - r.none[OF_SCORE])) < 1e-9;
    printf("event Shapley (the Emil case, %d monthly steps, %d events as players, %s): %ld timeline runs in %.1f ms "
           "(%.1f us a run)\n",
           m->timeline->nsteps, r.n, r.exact ? "exact" : "sampled", r.runs, best / 1e6, best / 1e3 / (double)r.runs);
    printf("  cooperation(bureau, emil) at 2019-12: %s, score %.4f; with no dated or recurring event: %s, %.4f\n",
           r.all[OF_VERDICT] ? "forms" : "does not form", r.all[OF_SCORE],
           r.none[OF_VERDICT] ? "forms" : "does not form", r.none[OF_SCORE]);
    printf("  %-16s %9s %9s  but-for\n", "event", "verdict", "score");
    for (int i = 0; i < r.n; i++)
        printf("  %-16s %+9.4f %+9.4f%s\n", m->events[r.player[i]].name, r.phi[OF_VERDICT][i],
               r.phi[OF_SCORE][i], r.but_for[i] ? "  yes" : "");
    printf("  decisive: %s\n", r.decisive >= 0 ? m->events[r.player[r.decisive]].name : "none");
    if (!adds_up) {
        fprintf(stderr, "bench_evshap: the values do not add up to v(all) - v(none)\n");
        failed = 1;
    }
    if (r.n != 12 || !r.exact || r.runs != 4096) {
        fprintf(stderr, "bench_evshap: expected 12 players, exact, 4096 runs\n");
        failed = 1;
    }
    double ms = best / 1e6;
    printf("target: event Shapley of 12 events over 240 steps under %.0f ms: %s (%.1f ms)\n", BENCH_EVSHAP_MS,
           ms < BENCH_EVSHAP_MS ? "met" : "NOT MET", ms);
    if (ms >= BENCH_EVSHAP_MS) failed = 1;
    evshap_free(&r);
    coop_script_free(s);
    coop_diags_free(d);
    return failed;
}
