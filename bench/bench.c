/*
 * bench.c - `make bench`: how fast coop evaluates a rule, next to the same
 * rule hand-written in C.
 *
 *     bench [-r RUNS] [N ...]        (defaults: 3 runs; N = 2000 6000)
 *
 * For each N it writes the benchmark model (bench/bench_data.c: N actors,
 * half npo and half enterprise, fixed seed) to a temporary file; in a child
 * process it times coop_load_file + coop_rule_find + coop_rule_count
 * together, parsing included, best of RUNS, and records the child's peak
 * RSS; then it times the hand-written loop (bench/hand.c) on the same data,
 * best of RUNS.  The two counts must agree.  For the first N it also times
 * coop_shapley on 2000 tuples and checks each value against the closed form
 * for a linear score, and times a what-if: one attribute of one actor
 * changed in a copy of the world and the differences found (the library,
 * and a session's `what if` as typed), against evaluating every tuple in
 * both worlds; and checks that changing one relation value evaluates one
 * tuple.  Last, what an aggregate costs (bench_agg.h): a rule of 10,000
 * tuples with a hoisted aggregate over 10,000 actors against the same rule
 * without it; what ranking a tender costs (bench_tender.h): `show T` of
 * 10,000 bids scored against lowest(bid.price); what a timeline's step
 * costs (bench_timeline.h); and what a parameter's change costs
 * (bench_param.h): the weight of trust changed in one world, every tuple
 * decided again, as a sweep's point.
 *
 * Exit status: 0 when the counts agree, Shapley is right, coop is under
 * BENCH_TARGET times the hand-written C for every N, a what-if answers
 * under BENCH_WHATIF_MS, the hoisted aggregate's rule is under
 * BENCH_AGG_TARGET times the rule without it, and the tender's award is the
 * one worked out by hand and ranked under BENCH_TENDER_MS; 1 otherwise; 2
 * on a usage error.
 */
#define _POSIX_C_SOURCE 200809L

#include "coop.h"
#include "bench_agg.h"
#include "bench_data.h"
#include "bench_tender.h"
#include "bench_param.h"
#include "bench_timeline.h"
#include "hand.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define BENCH_SEED 1
#define BENCH_RUNS 3 /* default; bench -r RUNS changes it */
#define BENCH_MAX_RUNS 100
#define BENCH_TARGET 7.0
#define BENCH_SHAPLEY_TUPLES 2000
#define BENCH_SHAPLEY_SEED 2
#define BENCH_MAX_N 16
#define BENCH_WHATIF_MS 5.0 /* a session's what-if of one attribute, at the first N */

/* Runs per measurement, the best one counting. */
static int bench_runs = BENCH_RUNS;
#define BENCH_ERROR_LEN 512

#define BENCH_STR_(x) #x
#define BENCH_STR(x) BENCH_STR_(x)
#if defined(__clang__)
#define BENCH_CC "clang " BENCH_STR(__clang_major__) "." BENCH_STR(__clang_minor__)
#elif defined(__GNUC__)
#define BENCH_CC "gcc " BENCH_STR(__GNUC__) "." BENCH_STR(__GNUC_MINOR__)
#else
#define BENCH_CC "cc"
#endif
#ifdef __OPTIMIZE__
#define BENCH_OPT "optimised"
#else
#define BENCH_OPT "NOT optimised"
#endif

/* What the child process measured, sent back whole through a pipe. */
typedef struct coop_result {
    int ok;                /* load and count worked */
    char error[BENCH_ERROR_LEN];
    long tuples, count;
    double best_ns;       /* load + find + count, fastest run */
    double load_ns;       /* the load part of that run */
    long rss_start_kib;   /* the child's peak RSS before loading anything */
    long rss_peak_kib;    /* ... and after the runs */
    int shapley;          /* 1 measured and correct, -1 failed, 0 not run */
    char shapley_error[BENCH_ERROR_LEN];
    double shapley_ns;    /* BENCH_SHAPLEY_TUPLES calls, fastest run */
    int shapley_factors;
    int whatif;           /* 1 measured and correct, -1 failed, 0 not run */
    char whatif_error[BENCH_ERROR_LEN];
    double diff_ns;       /* clone, change, differences: one attribute */
    double full_ns;       /* every tuple evaluated in both worlds */
    double rel_ns;        /* clone, change, differences: one relation value */
    double session_ns;    /* a session's `what if` of the same attribute */
    long diff_evaluated, rel_evaluated, diff_rows;
} coop_result;

static long peak_rss_kib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru))
        return -1;
#ifdef __APPLE__
    return (long)(ru.ru_maxrss / 1024); /* bytes there, KiB on Linux */
#else
    return (long)ru.ru_maxrss;
#endif
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void say(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, BENCH_ERROR_LEN, fmt, ap);
    va_end(ap);
}

/* Shapley: times coop_shapley on BENCH_SHAPLEY_TUPLES tuples drawn from the
 * data, and checks every value against the closed form for a linear score
 * and linear influence (design notes, "Dominance"):
 *   concern     (0.30 + 0.30 * 0.3) * (concern - 0)
 *   capacity    0.25 * (capacity - 0)
 *   difference  -0.15 * (difference - 0)
 *   trust       0.30 * (trust - 0.3)                                      */
static int run_shapley(const coop_script *s, int rule, const bench_data *d, coop_result *r)
{
    enum { T = BENCH_SHAPLEY_TUPLES };
    static int tuple[T][2];
    static int pair[T][2];
    static double phi[T][4]; /* coop_rule_factors() == 4, checked */
    const char *names[4] = {"concern", "capacity", "difference", "trust"};
    int f[4];
    char name[32];

    r->shapley_factors = coop_rule_factors(s, rule);
    if (r->shapley_factors != 4) {
        r->shapley = -1;
        say(r->shapley_error, "coop_rule_factors says %d, not 4", r->shapley_factors);
        return -1;
    }
    for (int k = 0; k < 4; k++) {
        f[k] = coop_factor_find(s, rule, names[k]);
        if (f[k] < 0) {
            r->shapley = -1;
            say(r->shapley_error, "coop_factor_find(\"%s\") found nothing", names[k]);
            return -1;
        }
    }
    /* names resolved before timing: tuples are actor indices */
    bench_rng rng;
    bench_rng_seed(&rng, BENCH_SHAPLEY_SEED);
    for (int t = 0; t < T; t++) {
        pair[t][0] = (int)bench_rng_below(&rng, (uint32_t)d->n_npo);
        pair[t][1] = (int)bench_rng_below(&rng, (uint32_t)d->n_ent);
        snprintf(name, sizeof name, "n%d", pair[t][0]);
        tuple[t][0] = coop_actor_find(s, name);
        snprintf(name, sizeof name, "e%d", pair[t][1]);
        tuple[t][1] = coop_actor_find(s, name);
        if (tuple[t][0] < 0 || tuple[t][1] < 0) {
            r->shapley = -1;
            say(r->shapley_error, "coop_actor_find(\"%s\") found nothing", name);
            return -1;
        }
    }

    coop_query *q = coop_query_new(s, NULL, 0);
    for (int run = 0; run < bench_runs; run++) {
        int exact = 1;
        double t0 = bench_now_ns();
        for (int t = 0; t < T; t++)
            exact &= coop_shapley(q, rule, tuple[t], phi[t], NULL) == 1;
        double ns = bench_now_ns() - t0;
        if (!exact) {
            r->shapley = -1;
            say(r->shapley_error, "coop_shapley was not exact (or failed) for a 4-factor rule");
            coop_query_free(q);
            return -1;
        }
        if (run == 0 || ns < r->shapley_ns)
            r->shapley_ns = ns;
    }
    coop_query_free(q);

    for (int t = 0; t < T; t++) {
        const bench_actor *n = &d->npo[pair[t][0]], *e = &d->ent[pair[t][1]];
        uint32_t both = n->concerns | e->concerns;
        double concern = both ? (double)__builtin_popcount(n->concerns & e->concerns) /
                                    (double)__builtin_popcount(both)
                              : 0.0;
        double trust = BENCH_TRUST_DEFAULT;
        for (int k = 0; k < d->n_overrides; k++)
            if (d->overrides[k].npo == pair[t][0] && d->overrides[k].ent == pair[t][1])
                trust = bench_value(d->overrides[k].value);
        double want[4] = {
            (0.30 + 0.30 * 0.3) * concern,
            0.25 * bench_value(n->capacity),
            -0.15 * fabs(bench_value(n->orientation) - bench_value(e->orientation)),
            0.30 * (trust - BENCH_TRUST_DEFAULT),
        };
        for (int k = 0; k < 4; k++) {
            if (fabs(phi[t][f[k]] - want[k]) > 1e-9) {
                r->shapley = -1;
                say(r->shapley_error, "shapley(alliance(n%d, e%d), %s) is %.10g, not %.10g",
                    pair[t][0], pair[t][1], names[k], phi[t][f[k]], want[k]);
                return -1;
            }
        }
    }
    r->shapley = 1;
    return 0;
}


/* One change made in a copy of the script's world and the differences
 * found, timed, best of bench_runs; the tuples evaluated and rows found
 * go to *evaluated and *rows. */
static double time_diff(const coop_script *s, int rule, const coop_change *c, long *evaluated, long *rows)
{
    double best = 0;
    for (int run = 0; run < bench_runs; run++) {
        double t0 = bench_now_ns();
        coop_world *w = coop_world_clone(coop_script_world(s));
        coop_change_apply(c, w);
        coop_diff *x = coop_diff_new(s, coop_script_world(s), w);
        double ns = bench_now_ns() - t0;
        *evaluated = coop_diff_evaluated(x, rule);
        *rows = coop_diff_rows(x, rule);
        coop_diff_free(x);
        coop_world_free(w);
        if (run == 0 || ns < best)
            best = ns;
    }
    return best;
}

/* A what-if: one attribute of actor n0, incrementally, against every tuple
 * evaluated in both worlds; one relation value; and the same attribute
 * through a session, as `coop repl` is asked. */
static int run_whatif(const char *path, const coop_script *s, int rule, const bench_data *d, coop_result *r)
{
    int n0 = coop_actor_find(s, "n0"), e0 = coop_actor_find(s, "e0");
    int cap = coop_attr_find(s, "capacity"), trust = coop_relation_find(s, "trust");
    int pair[2] = {n0, e0};
    coop_change *c = coop_change_attr(s, n0, cap, '=', 0.95);
    coop_change *t = coop_change_relation(s, trust, pair, '=', 0.95);
    r->whatif = -1;
    if (!c || !t) {
        say(r->whatif_error, "the changes of n0.capacity and trust(n0, e0) could not be made");
        goto out;
    }
    r->diff_ns = time_diff(s, rule, c, &r->diff_evaluated, &r->diff_rows);
    long rows;
    r->rel_ns = time_diff(s, rule, t, &r->rel_evaluated, &rows);
    if (r->diff_evaluated != d->n_ent || r->rel_evaluated != 1) {
        say(r->whatif_error, "evaluated %ld tuples for n0.capacity (want %ld) and %ld for trust(n0, e0) (want 1)",
            r->diff_evaluated, (long)d->n_ent, r->rel_evaluated);
        goto out;
    }
    /* the full re-evaluation a what-if would otherwise do: every tuple,
     * in the world before and in the world after */
    coop_world *w = coop_world_clone(coop_script_world(s));
    coop_change_apply(c, w);
    for (int run = 0; run < bench_runs; run++) {
        double t0 = bench_now_ns();
        coop_query *q0 = coop_query_new(s, NULL, 0), *q1 = coop_query_new(s, w, 0);
        long a = coop_count(q0, rule), b = coop_count(q1, rule);
        double ns = bench_now_ns() - t0;
        coop_query_free(q0);
        coop_query_free(q1);
        if (a < 0 || b < 0) {
            say(r->whatif_error, "coop_count failed");
            coop_world_free(w);
            goto out;
        }
        if (run == 0 || ns < r->full_ns)
            r->full_ns = ns;
    }
    coop_world_free(w);
    /* as typed in coop repl, results printed to /dev/null */
    FILE *sink = fopen("/dev/null", "w");
    coop_options o = {0};
    o.out = sink;
    coop_session *ss = coop_session_new(&o);
    coop_diags *dg = coop_diags_new();
    const char *line = "what if n0.capacity = 0.95\n";
    if (coop_session_load(ss, path, dg) != COOP_DONE) {
        say(r->whatif_error, "a session could not load %s", path);
    } else {
        for (int run = 0; run < bench_runs; run++) {
            double t0 = bench_now_ns();
            coop_status st = coop_session_input(ss, "bench", 1, line, strlen(line), dg);
            double ns = bench_now_ns() - t0;
            if (st != COOP_DONE) {
                coop_diags_print(dg, stderr, 0);
                say(r->whatif_error, "the session's what if failed");
                break;
            }
            if (run == 0 || ns < r->session_ns)
                r->session_ns = ns;
        }
        if (r->session_ns > 0)
            r->whatif = 1;
    }
    coop_diags_free(dg);
    coop_session_free(ss);
    if (sink)
        fclose(sink);
out:
    coop_change_free(c);
    coop_change_free(t);
    return r->whatif == 1 ? 0 : -1;
}

/* The child's work: load and count bench_runs times, then Shapley and a
 * what-if on the last script loaded. */
static void run_coop(const char *path, const bench_data *d, int shapley, coop_result *r)
{
    memset(r, 0, sizeof *r);
    r->ok = 1;
    r->rss_start_kib = peak_rss_kib();
    coop_diags *diags = coop_diags_new();
    if (!diags) {
        r->ok = 0;
        say(r->error, "coop_diags_new failed");
        return;
    }
    for (int run = 0; run < bench_runs && r->ok; run++) {
        double t0 = bench_now_ns();
        coop_script *s = coop_load_file(path, diags);
        double t1 = bench_now_ns();
        int rule = s ? coop_rule_find(s, "alliance") : -1;
        coop_query *q = rule >= 0 ? coop_query_new(s, NULL, 0) : NULL;
        long count = q ? coop_count(q, rule) : -1;
        coop_query_free(q);
        double t2 = bench_now_ns();
        if (!s) {
            coop_diags_print(diags, stderr, 0);
            r->ok = 0;
            say(r->error, "coop could not load %s", path);
        } else if (rule < 0) {
            r->ok = 0;
            say(r->error, "no rule 'alliance' in %s", path);
        } else if (count < 0) {
            coop_diags_print(diags, stderr, 0);
            r->ok = 0;
            say(r->error, "coop_count failed on %s", path);
        } else {
            long tuples = coop_rule_tuples(s, rule);
            long want = (long)d->n_npo * d->n_ent;
            if (tuples != want) {
                r->ok = 0;
                say(r->error, "coop_rule_tuples says %ld, not %ld", tuples, want);
            }
            r->tuples = tuples;
            if (run > 0 && count != r->count) {
                r->ok = 0;
                say(r->error, "coop_count gave %ld, then %ld", r->count, count);
            }
            r->count = count;
            if (run == 0 || t2 - t0 < r->best_ns) {
                r->best_ns = t2 - t0;
                r->load_ns = t1 - t0;
            }
        }
        coop_diags_clear(diags);
        if (r->ok && run == bench_runs - 1) {
            /* peak RSS of loading and counting, before Shapley adds its buffers */
            r->rss_peak_kib = peak_rss_kib();
            if (shapley) {
                run_shapley(s, rule, d, r);
                run_whatif(path, s, rule, d, r);
            }
        }
        coop_script_free(s);
    }
    coop_diags_free(diags);
}

/* Runs run_coop in a child process, so each N's peak RSS is its own. */
static int measure_coop(const char *path, const bench_data *d, int shapley, coop_result *r)
{
    int fds[2];
    if (pipe(fds)) {
        perror("bench: pipe");
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("bench: fork");
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        static coop_result res;
        run_coop(path, d, shapley, &res);
        const char *p = (const char *)&res;
        size_t left = sizeof res;
        while (left) {
            ssize_t w = write(fds[1], p, left);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                _exit(1);
            p += w;
            left -= (size_t)w;
        }
        _exit(0);
    }
    close(fds[1]);
    char *p = (char *)r;
    size_t got = 0;
    while (got < sizeof *r) {
        ssize_t n = read(fds[0], p + got, sizeof *r - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (got != sizeof *r) {
        memset(r, 0, sizeof *r);
        if (WIFSIGNALED(status))
            snprintf(r->error, sizeof r->error, "the coop run died of signal %d",
                     WTERMSIG(status));
        else
            snprintf(r->error, sizeof r->error, "the coop run exited with status %d",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    return 0;
}

/* The benchmark model for `d`, written into a fresh temporary directory. */
static int write_model(const bench_data *d, char *dir, size_t dir_size, char *path,
                       size_t path_size)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    snprintf(dir, dir_size, "%s/coop-bench-XXXXXX", tmp);
    if (!mkdtemp(dir)) {
        fprintf(stderr, "bench: cannot make a directory in %s: %s\n", tmp, strerror(errno));
        return -1;
    }
    snprintf(path, path_size, "%s/bench-%ld.coop", dir, d->n_actors);
    FILE *f = fopen(path, "w");
    if (!f || bench_data_write(d, f) || fclose(f)) {
        fprintf(stderr, "bench: cannot write %s: %s\n", path, strerror(errno));
        if (f)
            remove(path);
        rmdir(dir);
        return -1;
    }
    return 0;
}

static double mib(long kib)
{
    return (double)kib / 1024.0;
}

int main(int argc, char **argv)
{
    long ns[BENCH_MAX_N] = {2000, 6000};
    int count_n = 2, arg = 1;
    long runs = BENCH_RUNS;
    int usage = 0;
    if (arg + 1 < argc && !strcmp(argv[arg], "-r")) {
        usage |= bench_parse_long(argv[arg + 1], &runs) || runs < 1 || runs > BENCH_MAX_RUNS;
        arg += 2;
    }
    if (arg < argc)
        count_n = 0;
    for (; arg < argc && !usage; arg++) {
        usage |= count_n == BENCH_MAX_N || bench_parse_long(argv[arg], &ns[count_n]) ||
                 ns[count_n] < 8 || ns[count_n] > 20000 || ns[count_n] % 2;
        count_n++;
    }
    if (usage) {
        fprintf(stderr,
                "usage: bench [-r RUNS] [N ...]\n"
                "  RUNS: runs per measurement, the best counting (1 to %d; default %d)\n"
                "  N:    even numbers of actors, 8 to 20000, at most %d (default 2000 6000)\n",
                BENCH_MAX_RUNS, BENCH_RUNS, BENCH_MAX_N);
        return 2;
    }
    bench_runs = (int)runs;

    setvbuf(stdout, NULL, _IOLBF, 0); /* rows interleave with messages on stderr */
    int failed = 0;
    double worst = 0;
    coop_result first = {0};
    printf("coop bench (%s, %s build; seed %d, best of %d; coop times include parsing)\n",
           BENCH_CC, BENCH_OPT, BENCH_SEED, bench_runs);
    printf("%7s %10s %15s %15s %7s %11s %15s\n", "N", "tuples", "hand ns/tuple",
           "coop ns/tuple", "ratio", "coop load", "coop peak RSS");
    for (int k = 0; k < count_n; k++) {
        bench_data d;
        if (bench_data_generate(&d, ns[k], BENCH_SEED)) {
            fprintf(stderr, "bench: out of memory generating %ld actors\n", ns[k]);
            return 1;
        }
        char dir[4096], path[4200];
        if (write_model(&d, dir, sizeof dir, path, sizeof path)) {
            bench_data_free(&d);
            return 1;
        }
        /* coop first, while this process is small: the child starts as a
         * copy of it, and its peak RSS counts what it inherited. */
        coop_result r;
        int bad = measure_coop(path, &d, k == 0, &r);
        remove(path);
        rmdir(dir);

        hand_model m;
        if (bad || hand_build(&m, &d)) {
            fprintf(stderr, "bench: %s\n", bad ? "cannot run coop" : "out of memory");
            bench_data_free(&d);
            return 1;
        }
        long hand_n = 0;
        double hand_ns = hand_time(&m, bench_runs, &hand_n);
        double tuples = (double)d.n_npo * (double)d.n_ent;
        hand_free(&m);
        bench_data_free(&d);

        if (!r.ok) {
            printf("%7ld %10.0f %15.1f %15s\n", ns[k], tuples, hand_ns / tuples, "-");
            fprintf(stderr, "bench: N = %ld: %s\n", ns[k], r.error);
            failed = 1;
            continue;
        }
        double ratio = r.best_ns / hand_ns;
        if (ratio > worst)
            worst = ratio;
        printf("%7ld %10.0f %15.1f %15.1f %6.1fx %8.1f ms %11.1f MiB\n", ns[k], tuples,
               hand_ns / tuples, r.best_ns / tuples, ratio, r.load_ns / 1e6,
               mib(r.rss_peak_kib));
        if (r.count != hand_n) {
            fprintf(stderr,
                    "bench: N = %ld: coop counts %ld alliances, the hand-written C %ld: "
                    "one of them is wrong\n",
                    ns[k], r.count, hand_n);
            failed = 1;
        }
        if (k == 0)
            first = r;
    }

    if (first.shapley == 1) {
        double coalitions = (double)BENCH_SHAPLEY_TUPLES * 16.0;
        printf("Shapley: 4 factors, 16 coalitions per tuple, %d tuples (N = %ld):"
               " %.1f ns per coalition\n",
               BENCH_SHAPLEY_TUPLES, ns[0], first.shapley_ns / coalitions);
    } else if (first.shapley == -1) {
        printf("Shapley: FAILED\n");
        fprintf(stderr, "bench: Shapley: %s\n", first.shapley_error);
        failed = 1;
    }
    double whatif_ms = first.session_ns / 1e6;
    if (first.whatif == 1) {
        printf("what if (N = %ld, %ld tuples): one attribute of one actor: %.2f ms, %ld tuples evaluated "
               "(%ld move); every tuple in both worlds: %.1f ms: %.0fx\n",
               ns[0], first.tuples, first.diff_ns / 1e6, first.diff_evaluated, first.diff_rows,
               first.full_ns / 1e6, first.full_ns / first.diff_ns);
        printf("  one relation value: %.3f ms, %ld tuple evaluated; in a session, "
               "`what if n0.capacity = 0.95`: %.2f ms\n",
               first.rel_ns / 1e6, first.rel_evaluated, whatif_ms);
    } else if (first.whatif == -1) {
        printf("what if: FAILED\n");
        fprintf(stderr, "bench: what if: %s\n", first.whatif_error);
        failed = 1;
    }
    bench_agg_result ag;
    bench_agg(bench_runs, &ag);
    double agg_ratio = ag.ok ? ag.hoisted_ns / ag.plain_ns : 0;
    if (ag.ok) {
        printf("aggregate (%ld tuples, %ld actors): the rule without it: %.2f ms; with highest(x.c for x: npo), "
               "hoisted: %.2f ms: %.1fx\n",
               ag.tuples, ag.actors, ag.plain_ns / 1e6, ag.hoisted_ns / 1e6, agg_ratio);
        printf("  an aggregate read per tuple instead, count(x: npo where x.c > a.c): %.0f ms: %.0fx\n",
               ag.per_tuple_ns / 1e6, ag.per_tuple_ns / ag.plain_ns);
    } else {
        printf("aggregate: FAILED\n");
        fprintf(stderr, "bench: aggregate: %s\n", ag.error);
        failed = 1;
    }
    bench_tender_result td;
    bench_tender(bench_runs, &td);
    double tender_ms = td.rank_ns / 1e6;
    if (td.ok) {
        printf("tender (%ld bids, %ld eligible): show T with lowest(bid.price): %.1f ms; with its value as a "
               "constant: %.1f ms: %.1fx; loading the model: %.0f ms\n",
               td.bids, td.eligible, tender_ms, td.const_ns / 1e6, td.rank_ns / td.const_ns, td.load_ns / 1e6);
        printf("  every loser explained (explain T: its gap to the winner by factor, its win price), with "
               "lowest(bid.price): %.1f ms; with its value as a constant: %.1f ms: %.1fx%s\n",
               td.explain_ns / 1e6, td.explain_const_ns / 1e6, td.explain_ns / td.explain_const_ns,
               td.checked_lowest ? "" : " (no win price below the lowest checked by hand)");
    } else {
        printf("tender: FAILED\n");
        fprintf(stderr, "bench: tender: %s\n", td.error);
        failed = 1;
    }
    bench_timeline_result tl;
    bench_timeline(bench_runs, &tl);
    double per_static = 0, per_step = 0, tl_ratio = 0;
    if (tl.ok) {
        per_static = (tl.static_ns - 0) / (double)tl.tuples;
        per_step = (tl.steps_ns - tl.run_ns) / ((double)tl.tuples * tl.steps);
        tl_ratio = per_step / per_static;
        printf("timeline (%ld tuples, %d monthly steps): every tuple at every step: %.2f s, %.1f ns per "
               "tuple-step; the static count: %.1f ns per tuple: %.2fx; the run alone, with its journal: %.1f ms\n",
               tl.tuples, tl.steps, tl.steps_ns / 1e9, per_step, per_static, tl_ratio, tl.run_ns / 1e6);
    } else {
        printf("timeline: FAILED\n");
        fprintf(stderr, "bench: timeline: %s\n", tl.error);
        failed = 1;
    }
    bench_param_result pm;
    bench_param(bench_runs, &pm);
    double rate = 0, pm_ratio = 0;
    if (pm.ok) {
        rate = 1e9 / pm.mean_ns;
        pm_ratio = pm.mean_ns / pm.literal_ns;
        printf("parameter (%ld tuples, %d values of w_trust in one world): a change and every tuple decided "
               "again: %.1f ms (best %.1f ms), %.0f points a second; the count with the number written in: "
               "%.1f ms: %.2fx; a what-if of one change (the rule in both worlds): %.1f ms; %ld to %ld form\n",
               pm.tuples, pm.points, pm.mean_ns / 1e6, pm.point_ns / 1e6, rate, pm.literal_ns / 1e6, pm_ratio,
               pm.diff_ns / 1e6, pm.formed_min, pm.formed_max);
    } else {
        printf("parameter: FAILED\n");
        fprintf(stderr, "bench: parameter: %s\n", pm.error);
        failed = 1;
    }
    if (first.ok)
        printf("peak RSS of a coop child before it loads anything: %.1f MiB\n",
               mib(first.rss_start_kib));
    printf("correctness: %s\n",
           failed ? "FAILED (see above)"
                  : "coop and C agree on every count; Shapley values match the closed form; "
                    "the rule with an aggregate counts as with its value; the tender's award is the one "
                    "worked out by hand");
    printf("target: coop under %.0fx hand-written C: %s (worst %.1fx)\n", BENCH_TARGET,
           worst < BENCH_TARGET ? "met" : "NOT MET", worst);
    if (first.whatif == 1) {
        printf("target: a what-if under %.0f ms: %s (%.2f ms)\n", BENCH_WHATIF_MS,
               whatif_ms < BENCH_WHATIF_MS ? "met" : "NOT MET", whatif_ms);
        if (whatif_ms >= BENCH_WHATIF_MS)
            failed = 1;
    }
    if (ag.ok) {
        printf("target: a hoisted aggregate's rule under %.0fx the rule without it: %s (%.1fx)\n",
               BENCH_AGG_TARGET, agg_ratio < BENCH_AGG_TARGET ? "met" : "NOT MET", agg_ratio);
        if (agg_ratio >= BENCH_AGG_TARGET)
            failed = 1;
    }
    if (tl.ok) {
        printf("target: a timeline's step under %.1fx the static cost per tuple: %s (%.2fx)\n", BENCH_TIMELINE_RATIO,
               tl_ratio < BENCH_TIMELINE_RATIO ? "met" : "NOT MET", tl_ratio);
        if (tl_ratio >= BENCH_TIMELINE_RATIO)
            failed = 1;
    }
    if (pm.ok) {
        printf("target: a parameter's change and every tuple decided again under %.1fx the count with the number "
               "written in: %s (%.2fx); deciding every tuple whole makes %.0f points a second a core: %s on this "
               "machine (%.0f; a sweep keeps each tuple's own values instead: bench_sweep below)\n",
               BENCH_PARAM_RATIO, pm_ratio < BENCH_PARAM_RATIO ? "met" : "NOT MET", pm_ratio, BENCH_PARAM_RATE,
               rate >= BENCH_PARAM_RATE ? "reached" : "not reached", rate);
        if (pm_ratio >= BENCH_PARAM_RATIO)
            failed = 1;
    }
    if (td.ok) {
        printf("target: ranking a tender of %ld bids under %.0f ms: %s (%.1f ms)\n", td.bids, BENCH_TENDER_MS,
               tender_ms < BENCH_TENDER_MS ? "met" : "NOT MET", tender_ms);
        if (tender_ms >= BENCH_TENDER_MS)
            failed = 1;
        double explain_ms = td.explain_ns / 1e6;
        printf("target: explaining every loser of a tender of %ld bids under %.0f ms: %s (%.1f ms)\n", td.bids,
               BENCH_TENDER_MS, explain_ms < BENCH_TENDER_MS ? "met" : "NOT MET", explain_ms);
        if (explain_ms >= BENCH_TENDER_MS)
            failed = 1;
    }
    if (worst >= BENCH_TARGET) {
        fprintf(stderr, "bench: coop is %.1fx the hand-written C; the target is under %.0fx\n",
                worst, BENCH_TARGET);
        failed = 1;
    }
    return failed;
}
