/*
 * bench_sweep.c - `make bench`: sweeps of the bench model, N = 2,000
 * actors (a million tuples), query count(alliance), its weight of trust a
 * parameter (`param w_trust = 0.3`, read by the score alone).
 *
 *     bench_sweep COOP [-r RUNS]      (COOP: the coop program; best of 1)
 *
 * In this process, through the library: 1,000 points of the parameter
 * (w_trust from 0.001 to 1): every tuple is decided again at each point,
 * from its own values kept from the starting world (no factor reads
 * w_trust: keep.h); then 1,000 points of an npo's capacity, whose tuples
 * with that npo are decided again, the others counted from the starting
 * world.  Each reports points a second of one core's time (CPU time: the
 * load and the first point, which works out what is kept, not in it);
 * one point in a hundred
 * is checked against counting every tuple in a world set by hand.  Then
 * the program, `coop sweep -j 1` and `-j 2` on 200 points of the parameter,
 * from start to end (the load, the workers, the output): the two must
 * write the same bytes; the speed-up is reported.  Fails unless a core
 * decides at least BENCH_SWEEP_PER_CORE points a second of the parameter,
 * or the outputs or counts differ.
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
#define BENCH_PARAM_AXIS "w_trust=0.001:1:0.001"
#define BENCH_ATTR_AXIS "n0.capacity=0.001:1:0.001"
#define BENCH_PROGRAM_AXIS "w_trust=0.005:1:0.005"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* This process's CPU time: the work a core does, which other processes
 * sharing the machine do not stretch as they stretch wall time. */
static double cpu_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* The bench model with its weight of trust a parameter, into path: 0, or -1. */
static int write_model(const char *path)
{
    bench_data d;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    int bad = !m || bench_data_generate(&d, BENCH_SWEEP_N, 1);
    if (!bad) {
        bad = bench_data_write(&d, m);
        bench_data_free(&d);
    }
    if (m) fclose(m);
    const char *at = bad || !buf ? NULL : strstr(buf, "0.30*trust");
    FILE *f = at ? fopen(path, "w") : NULL;
    if (f) {
        fprintf(f, "param w_trust = 0.3 \"weight of trust\" range 0 .. 1\n%.*sw_trust*trust%s", (int)(at - buf), buf,
                at + strlen("0.30*trust"));
        bad = fclose(f) != 0;
    }
    free(buf);
    return f && !bad ? 0 : -1;
}

/* Runs `coop sweep -j JOBS -p AXIS --query count(alliance) model > out`:
 * its wall time in seconds, or -1 when it failed. */
static double run_coop(const char *coop, int jobs, const char *axis, const char *model, const char *out)
{
    char j[16];
    snprintf(j, sizeof j, "%d", jobs);
    fflush(stdout); /* nothing buffered is written twice */
    double t0 = now_s();
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(out, "w", stdout)) _exit(127);
        execl(coop, coop, "sweep", "-j", j, "-p", axis, "--query", "count(alliance)", model, (char *)NULL);
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

/* Every hundredth point's count, against counting in a world set by hand
 * (the axis: the parameter, or n0's capacity). */
static int check_counts(const coop_script *s, const char *records, int param)
{
    int rule = coop_rule_find(s, "alliance"), n0 = coop_actor_find(s, "n0"), cap = coop_attr_find(s, "capacity");
    int w = coop_param_find(s, "w_trust");
    const char *p = strchr(records, '\n');
    for (long i = 0; p && p[1]; i++, p = strchr(p + 1, '\n')) {
        double v;
        long count;
        if (sscanf(p + 1, "%lf,%ld", &v, &count) != 2) return -1;
        if (i % 100) continue;
        coop_world *x = coop_world_clone(coop_script_world(s));
        if (param) coop_world_set_param(x, w, v);
        else coop_world_set_number(x, n0, cap, v);
        coop_query *q = coop_query_new(s, x, 0);
        long want = coop_count(q, rule);
        coop_query_free(q);
        coop_world_free(x);
        if (want != count) {
            fprintf(stderr, "bench_sweep: at %s = %g the sweep counts %ld alliances, counting again %ld\n",
                    param ? "w_trust" : "n0.capacity", v, count, want);
            return -1;
        }
    }
    return 0;
}

/* The sweep of one axis in this process, best of runs: points a second
 * (the first point not timed), or -1 after a failure. */
static double sweep_here(const coop_script *s, const char *axis, long runs, int param, coop_diags *dg)
{
    double best = 1e30;
    long points = 0;
    char *recs = NULL;
    int bad = 0;
    for (long r = 0; r < runs && !bad; r++) {
        coop_options o = {0};
        coop_sweep *sw = coop_sweep_new(s, NULL, COOP_FORMAT_CSV, &o);
        bad |= coop_sweep_axis(sw, axis, dg) || coop_sweep_query(sw, "count(alliance)", dg);
        points = coop_sweep_points(sw);
        size_t len = 0;
        free(recs);
        recs = NULL;
        FILE *m = open_memstream(&recs, &len);
        coop_sweep_header(sw, m);
        bad |= coop_sweep_point(sw, 0, m, dg) != 0; /* the starting world's count, what is kept: not timed */
        double t0 = cpu_s();
        for (long i = 1; i < points && !bad; i++) bad |= coop_sweep_point(sw, i, m, dg) != 0;
        double t = cpu_s() - t0;
        fclose(m);
        if (t < best) best = t;
        coop_sweep_free(sw);
    }
    bad = bad || check_counts(s, recs, param);
    free(recs);
    if (bad) {
        coop_diags_print(dg, stderr, 0);
        fprintf(stderr, "bench_sweep: the sweep of %s failed\n", axis);
        return -1;
    }
    return (double)(points - 1) / best;
}

int main(int argc, char **argv)
{
    long runs = 1;
    if (argc < 2 || (argc == 4 && strcmp(argv[2], "-r")) || argc == 3 || argc > 4 ||
        (argc == 4 && (bench_parse_long(argv[3], &runs) || runs < 1 || runs > 100))) {
        fprintf(stderr, "usage: bench_sweep COOP [-r RUNS]\n");
        return 2;
    }
    const char *coop = argv[1];
    char dir[] = "/tmp/coop-bench-sweep-XXXXXX", model[64], out1[64], out2[64];
    if (!mkdtemp(dir)) return 1;
    snprintf(model, sizeof model, "%s/m.coop", dir);
    snprintf(out1, sizeof out1, "%s/j1.csv", dir);
    snprintf(out2, sizeof out2, "%s/j2.csv", dir);
    coop_diags *dg = coop_diags_new();
    coop_script *s = write_model(model) == 0 ? coop_load_file(model, dg) : NULL;
    if (!s) {
        coop_diags_print(dg, stderr, 0);
        fprintf(stderr, "bench_sweep: cannot make the model\n");
        return 1;
    }
    double param = sweep_here(s, BENCH_PARAM_AXIS, runs, 1, dg), attr = param < 0 ? -1 : sweep_here(s, BENCH_ATTR_AXIS, runs, 0, dg);
    if (param < 0 || attr < 0) return 1;
    printf("sweep (N = %d, 1000000 tuples, count(alliance)): 1000 points of a parameter the score reads (%s): %.1f points "
           "a second of a core's time (%.1f ms a point); of an npo's capacity (%s): %.0f points a second\n", BENCH_SWEEP_N,
           BENCH_PARAM_AXIS, param, 1e3 / param, BENCH_ATTR_AXIS, attr);
    /* the program, whole: load, workers, output */
    double t1 = 1e30, t2 = 1e30;
    for (long r = 0; r < runs; r++) {
        double a = run_coop(coop, 1, BENCH_PROGRAM_AXIS, model, out1), b = run_coop(coop, 2, BENCH_PROGRAM_AXIS, model, out2);
        if (a < 0 || b < 0 || !same_bytes(out1, out2)) {
            fprintf(stderr, "bench_sweep: coop sweep -j 1 and -j 2 %s\n", a < 0 || b < 0 ? "failed" : "wrote different bytes");
            return 1;
        }
        if (a < t1) t1 = a;
        if (b < t2) t2 = b;
    }
    printf("  coop sweep of 200 points of the parameter, from start to end (load, workers, output): -j 1 %.2f s, -j 2 "
           "%.2f s: %.2fx from a second core (%ld cores online)\n", t1, t2, t1 / t2, sysconf(_SC_NPROCESSORS_ONLN));
    remove(model);
    remove(out1);
    remove(out2);
    rmdir(dir);
    coop_script_free(s);
    coop_diags_free(dg);
    int met = param >= BENCH_SWEEP_PER_CORE;
    printf("target: a sweep of a parameter at %.0f points a second a core or more: %s (%.1f)\n", BENCH_SWEEP_PER_CORE,
           met ? "met" : "NOT MET", param);
    return met ? 0 : 1;
}
