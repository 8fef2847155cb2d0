/*
 * bench_sweep.c - `make bench`: a sweep of 1,000 points over one value the
 * bench model's rule reads (an npo's capacity: the tuples it moves are
 * decided again at each point, the others counted from the starting
 * world), N = 2,000 actors (a million tuples), query count(alliance).
 *
 *     bench_sweep COOP [-r RUNS]      (COOP: the coop program; best of 3)
 *
 * It times the library's sweep in this process (points a second on one
 * core; the load and the starting world's count are not in it, each
 * point's world change and decisions are), then the program's `coop sweep
 * -j 1` and `-j 2` from start to end (the load, the workers, the output),
 * whose outputs must be the same bytes, and reports the speed-up.  Each
 * point's count is checked against counting every tuple in a world set by
 * hand, for one point in a hundred.  Fails unless a core does at least
 * BENCH_SWEEP_PER_CORE points a second, or the outputs or counts differ.
 */
#define _POSIX_C_SOURCE 200809L

#include "coop.h"
#include "bench_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BENCH_SWEEP_N 2000
#define BENCH_SWEEP_PER_CORE 20.0 /* the target: points a second, a core */
#define BENCH_SWEEP_AXIS "n0.capacity=0.001:1:0.001"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Runs `coop sweep -j JOBS ... model > out`: its wall time in seconds, or
 * -1 when it failed. */
static double run_coop(const char *coop, int jobs, const char *model, const char *out)
{
    char j[16];
    snprintf(j, sizeof j, "%d", jobs);
    fflush(stdout); /* nothing buffered is written twice */
    double t0 = now_s();
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(out, "w", stdout)) _exit(127);
        execl(coop, coop, "sweep", "-j", j, "-p", BENCH_SWEEP_AXIS, "--query", "count(alliance)", model, (char *)NULL);
        _exit(127);
    }
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) return -1;
    return now_s() - t0;
}

static int same_bytes(const char *a, const char *b)
{
    FILE *f = fopen(a, "rb"), *g = fopen(b, "rb");
    int same = f && g, c;
    while (same && (c = getc(f)) == getc(g))
        if (c == EOF) break;
    same = same && c == EOF;
    if (f) fclose(f);
    if (g) fclose(g);
    return same;
}

/* Every hundredth point's count, against counting in a world set by hand. */
static int check_counts(const coop_script *s, const char *records)
{
    int rule = coop_rule_find(s, "alliance"), n0 = coop_actor_find(s, "n0"), cap = coop_attr_find(s, "capacity");
    const char *p = strchr(records, '\n');
    for (long i = 0; p && p[1]; i++, p = strchr(p + 1, '\n')) {
        double v;
        long count;
        if (sscanf(p + 1, "%lf,%ld", &v, &count) != 2) return -1;
        if (i % 100) continue;
        coop_world *w = coop_world_clone(coop_script_world(s));
        coop_world_set_number(w, n0, cap, v);
        coop_query *q = coop_query_new(s, w, 0);
        long want = coop_count(q, rule);
        coop_query_free(q);
        coop_world_free(w);
        if (want != count) {
            fprintf(stderr, "bench_sweep: at n0.capacity = %g the sweep counts %ld alliances, counting again %ld\n", v,
                    count, want);
            return -1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    long runs = 3;
    if (argc < 2 || (argc == 4 && strcmp(argv[2], "-r")) || argc == 3 || argc > 4 ||
        (argc == 4 && (bench_parse_long(argv[3], &runs) || runs < 1 || runs > 100))) {
        fprintf(stderr, "usage: bench_sweep COOP [-r RUNS]\n");
        return 2;
    }
    const char *coop = argv[1];
    bench_data d;
    char dir[] = "/tmp/coop-bench-sweep-XXXXXX", model[64], out1[64], out2[64];
    if (bench_data_generate(&d, BENCH_SWEEP_N, 1) || !mkdtemp(dir)) {
        fprintf(stderr, "bench_sweep: cannot make the model\n");
        return 1;
    }
    snprintf(model, sizeof model, "%s/m.coop", dir);
    snprintf(out1, sizeof out1, "%s/j1.csv", dir);
    snprintf(out2, sizeof out2, "%s/j2.csv", dir);
    FILE *f = fopen(model, "w");
    int bad = !f || bench_data_write(&d, f) || fclose(f);
    bench_data_free(&d);
    coop_diags *dg = coop_diags_new();
    coop_script *s = bad ? NULL : coop_load_file(model, dg);
    if (!s) {
        coop_diags_print(dg, stderr, 0);
        return 1;
    }
    /* in this process: the points alone, best of runs */
    double best = 1e30;
    char *recs = NULL;
    long points = 0;
    for (long r = 0; r < runs && !bad; r++) {
        coop_options o = {0};
        coop_sweep *sw = coop_sweep_new(s, NULL, COOP_FORMAT_CSV, &o);
        bad |= coop_sweep_axis(sw, BENCH_SWEEP_AXIS, dg) || coop_sweep_query(sw, "count(alliance)", dg);
        points = coop_sweep_points(sw);
        size_t len = 0;
        free(recs);
        recs = NULL;
        FILE *m = open_memstream(&recs, &len);
        coop_sweep_header(sw, m);
        bad |= coop_sweep_point(sw, 0, m, dg) != 0; /* the starting world's count, not timed */
        double t0 = now_s();
        for (long i = 1; i < points && !bad; i++) bad |= coop_sweep_point(sw, i, m, dg) != 0;
        double t = now_s() - t0;
        fclose(m);
        if (t < best) best = t;
        coop_sweep_free(sw);
    }
    if (bad || check_counts(s, recs)) {
        coop_diags_print(dg, stderr, 0);
        fprintf(stderr, "bench_sweep: the sweep failed\n");
        return 1;
    }
    double per_core = (double)(points - 1) / best;
    printf("sweep (N = %d, 1000000 tuples, %ld points of %s, count(alliance)): %.0f points a second on one core "
           "(%.2f ms a point)\n", BENCH_SWEEP_N, points, BENCH_SWEEP_AXIS, per_core, best / (double)(points - 1) * 1e3);
    /* the program, whole: load, workers, output */
    double t1 = 1e30, t2 = 1e30;
    for (long r = 0; r < runs; r++) {
        double a = run_coop(coop, 1, model, out1), b = run_coop(coop, 2, model, out2);
        if (a < 0 || b < 0 || !same_bytes(out1, out2)) {
            fprintf(stderr, "bench_sweep: coop sweep -j 1 and -j 2 %s\n", a < 0 || b < 0 ? "failed" : "wrote different bytes");
            return 1;
        }
        if (a < t1) t1 = a;
        if (b < t2) t2 = b;
    }
    printf("  coop sweep, from start to end (load, workers, output): -j 1 %.2f s, -j 2 %.2f s: %.2fx from a second "
           "core (%ld cores online)\n", t1, t2, t1 / t2, sysconf(_SC_NPROCESSORS_ONLN));
    remove(model);
    remove(out1);
    remove(out2);
    rmdir(dir);
    coop_script_free(s);
    coop_diags_free(dg);
    free(recs);
    int met = per_core >= BENCH_SWEEP_PER_CORE;
    printf("target: a sweep's points at %.0f a second a core or more: %s (%.0f)\n", BENCH_SWEEP_PER_CORE,
           met ? "met" : "NOT MET", per_core);
    return met ? 0 : 1;
}
