/*
 * sweep.c - coop sweep: a model's queries decided at every point of a
 * grid, written as CSV or JSON lines in grid order.  With -j N, N worker
 * processes (fork: each holds its own copy of the loaded model and world,
 * no state is shared) decide every N-th point and send each record down a
 * pipe; the parent writes them in grid order, so the output is the same
 * bytes for any N.  --shard K/N decides only the points i % N == K, after
 * a first line that coop merge reads; coop merge joins the shards.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "sweep.h"

typedef struct sweep_args {
    defines defs;       /* -D: parameters' values the sweep starts from */
    const char **axes, **queries;
    int naxes, nq;
    long jobs;          /* 0: the online cores */
    long shard_k, shard_n; /* shard_n 0: the whole grid */
    int jsonl, force;
    const char *output, *file;
    uint64_t seed;
} sweep_args;

/* ---- signals ---- */

/* The signal that asked to stop (SIGINT, SIGTERM), or 0. */
static volatile sig_atomic_t stop_sig;

static void on_stop(int sig) { stop_sig = sig; }

/* Ctrl-C and kill (Slurm's scancel) stop the sweep between points; no
 * SA_RESTART, so that a parent waiting on a worker wakes up. */
static void catch_stops(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* ---- the progress bar (stderr, a terminal only) ---- */

typedef struct progress {
    int on, drawn;
    long done, total;
    double start, last;
} progress;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Redraws the bar after a point, at most ten times a second, once the
 * sweep has taken a quarter of a second (a short one shows none). */
static void progress_step(progress *p)
{
    p->done++;
    if (!p->on) return;
    double t = now();
    if (t - p->start < 0.25 || (t - p->last < 0.1 && p->done < p->total)) return;
    p->last = t;
    p->drawn = 1;
    char bar[31];
    int fill = (int)(30 * p->done / (p->total ? p->total : 1));
    for (int i = 0; i < 30; i++) bar[i] = i < fill ? '#' : '.';
    bar[30] = 0;
    fprintf(stderr, "\r[%s] %ld/%ld points", bar, p->done, p->total);
    if (p->done < p->total) {
        long left = (long)((t - p->start) / (double)p->done * (double)(p->total - p->done) + 0.5);
        fprintf(stderr, ", %ld:%02ld left", left / 60, left % 60);
    }
    fputs("\033[K", stderr);
}

/* Takes the bar away, before anything else is said or the sweep ends. */
static void progress_clear(progress *p)
{
    if (p->drawn) fputs("\r\033[K", stderr);
    p->drawn = 0;
}

/* ---- options ---- */

/* Option argv[*i]'s value, when it is the option named lng (--jobs: the
 * value after '=' or the next argument) or shrt (-j: glued, -j4, or the
 * next argument); NULL with *is 0 when it is not, with *is 1 when the
 * value is missing. */
static const char *value_of(int argc, char **argv, int *i, const char *lng, const char *shrt, int *is)
{
    const char *a = argv[*i];
    size_t n = strlen(lng);
    *is = 1;
    if (!strncmp(a, lng, n) && a[n] == '=') return a + n + 1;
    if (strcmp(a, lng) && !(shrt && !strcmp(a, shrt))) {
        if (shrt && !strncmp(a, shrt, 2) && a[2]) return a + 2;
        *is = 0;
        return NULL;
    }
    return *i + 1 < argc ? argv[++*i] : NULL;
}

/* A whole number from lo to hi, the whole of s: 0, or -1. */
static int whole(const char *s, long lo, long hi, long *v)
{
    char *end;
    errno = 0;
    if (!s || !*s || *s == '+' || *s == '-' || *s == ' ') return -1;
    *v = strtol(s, &end, 10);
    return *end || errno || *v < lo || *v > hi ? -1 : 0;
}

/* A parameter both given a value (-D) and swept (-p): the axis sets it at
 * every point, so the -D would be ignored without a word; EXIT_USAGE
 * after saying so, or 0. */
static int axis_defined(const sweep_args *a)
{
    for (int k = 0; k < a->naxes; k++) {
        const char *t = a->axes[k], *eq = strchr(t, '=');
        if (!eq) continue; /* (said) */
        while (*t == ' ') t++;
        size_t n = (size_t)(eq - t);
        while (n && t[n - 1] == ' ') n--;
        for (int i = 0; i < a->defs.n; i++)
            if (strlen(a->defs.v[i].name) == n && !strncmp(t, a->defs.v[i].name, n)) {
                char msg[512];
                snprintf(msg, sizeof msg, "-D %.200s: the axis -p %.200s sets %s at every point, so the -D would change "
                         "nothing; give one of them", a->defs.v[i].arg, a->axes[k], a->defs.v[i].name);
                return usage_error("%s", msg);
            }
    }
    return 0;
}

static int parse_args(int argc, char **argv, sweep_args *a)
{
    a->axes = xrealloc(NULL, ((size_t)argc + 1) * sizeof *a->axes);
    a->queries = xrealloc(NULL, ((size_t)argc + 1) * sizeof *a->queries);
    int ends = 0;
    for (int i = 0; i < argc; i++) {
        const char *v, *x = argv[i];
        int is;
        if (ends || x[0] != '-' || !x[1]) {
            if (a->file) return usage_error("coop sweep takes one FILE; '%s' is a second", x);
            a->file = x;
        } else if (!strcmp(x, "--")) ends = 1;
        else if (!strcmp(x, "--force")) a->force = 1;
        else if (!strncmp(x, "-D", 2)) {
            const char *d = x[2] ? x + 2 : i + 1 < argc ? argv[++i] : NULL;
            int status = defines_add(&a->defs, d, i + 1 < argc ? argv[i + 1] : NULL);
            if (status) return status;
        }
        else if ((v = value_of(argc, argv, &i, "--param", "-p", &is)) || is) {
            if (!v || !*v) return usage_error("%s needs an axis: TARGET=A:B:S or TARGET=V1,V2,...", "-p");
            if (!strchr(v, '=')) /* `-p w_trust 0:0.5:0.1` */
                return usage_no_eq("-p", v, i + 1 < argc ? argv[i + 1] : NULL, "an axis", "NAME=VALUES", "A:B:S");
            a->axes[a->naxes++] = v;
        } else if ((v = value_of(argc, argv, &i, "--query", "-q", &is)) || is) {
            if (!v || !*v) return usage_error("%s needs an expression, such as 'count(alliance)'", "--query");
            a->queries[a->nq++] = v;
        } else if ((v = value_of(argc, argv, &i, "--jobs", "-j", &is)) || is) {
            int status = jobs_arg(v, &a->jobs);
            if (status) return status;
        } else if ((v = value_of(argc, argv, &i, "--shard", NULL, &is)) || is) {
            const char *slash = v ? strchr(v, '/') : NULL;
            char k[32];
            if (!slash || (size_t)(slash - v) >= sizeof k ||
                (snprintf(k, sizeof k, "%.*s", (int)(slash - v), v), whole(k, 0, COOP_SWEEP_MAX_POINTS, &a->shard_k)) < 0 ||
                whole(slash + 1, 1, COOP_SWEEP_MAX_POINTS, &a->shard_n) < 0 || a->shard_k >= a->shard_n)
                return usage_error("--shard needs K/N, shard K of N with 0 <= K < N (0/4 to 3/4), not '%s'", v ? v : "");
        } else if ((v = value_of(argc, argv, &i, "--format", NULL, &is)) || is) {
            if (v && !strcmp(v, "csv")) a->jsonl = 0;
            else if (v && (!strcmp(v, "jsonl") || !strcmp(v, "json"))) a->jsonl = 1;
            else {
                static const char *const formats[] = {"csv", "jsonl"};
                return v ? unknown_word("format", v, 0, formats, 2, "coop sweep writes csv or jsonl")
                         : usage_error("%s needs a value: csv or jsonl", "--format");
            }
        } else if ((v = value_of(argc, argv, &i, "--output", "-o", &is)) || is) {
            if (!v || !*v) return usage_error("%s needs a file name", "-o");
            a->output = v;
        } else if ((v = value_of(argc, argv, &i, "--seed", NULL, &is)) || is) {
            char *end;
            errno = 0;
            if (!v || !*v || *v == '-' || *v == '+' || (a->seed = strtoull(v, &end, 10), *end) || errno || !a->seed)
                return usage_error("--seed needs a positive whole number, not '%s'", v ? v : "");
        } else {
            static const char *const opts[] = {"--param", "--query", "--jobs", "--shard", "--format", "--force",
                                               "--output", "--seed", "-D"};
            return unknown_word("option of coop sweep", x, (int)strcspn(x, "="), opts, 9, NULL);
        }
    }
    if (!a->file) return usage_error("%s", "coop sweep needs a FILE, the model to sweep");
    if (!a->naxes) return usage_error("%s", "coop sweep needs an axis: -p TARGET=A:B:S (from A to B step S) or "
                                            "-p TARGET=V1,V2,...");
    if (!a->nq) return usage_error("%s", "coop sweep needs a query: --query EXPR, such as --query 'count(alliance)'");
    return 0;
}

/* ---- the output file ---- */

/* -o FILE is written as FILE.XXXXXX beside it, renamed over FILE once whole:
 * a reader never sees half of it, and an interrupted sweep leaves none. */
typedef struct sink {
    FILE *f;
    char *tmp;
} sink;

static int output_open(sink *o, const char *path)
{
    if (!path) {
        o->f = stdout;
        return 0;
    }
    o->tmp = xrealloc(NULL, strlen(path) + 8);
    strcpy(o->tmp, path);
    strcat(o->tmp, ".XXXXXX");
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        fprintf(stderr, "coop: %s: cannot write: %s\n", path, strerror(errno));
        if (fd >= 0) close(fd), unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    mode_t um = umask(0);
    umask(um);
    fchmod(fd, 0666 & ~um);
    return 0;
}

/* Ends the output: renamed into place when ok, else taken away; the
 * status, 1 when writing failed. */
static int output_close(sink *o, const char *path, int ok)
{
    if (!o->tmp) {
        out_flush();
        return 0;
    }
    int bad = fflush(o->f) != 0 || ferror(o->f);
    int err = errno;
    if (fclose(o->f) != 0 && !bad) bad = 1, err = errno;
    if (ok && !bad && rename(o->tmp, path) != 0) bad = 1, err = errno;
    if (!ok || bad) unlink(o->tmp);
    if (ok && bad) fprintf(stderr, "coop: %s: cannot write: %s\n", path, strerror(err));
    free(o->tmp);
    return ok && bad ? EXIT_MODEL : 0;
}

/* ---- deciding the points ---- */

/* After each record: the bar moves. */
static void on_record(void *ctx) { progress_step(ctx); }

/* ---- coop sweep ---- */

int jobs_arg(const char *v, long *jobs)
{
    if (whole(v, 1, 4096, jobs) < 0)
        return usage_error("-j needs a number of processes from 1 to 4096, not '%s'", v ? v : "");
    return 0;
}

int jobs_or_cores(long jobs)
{
    long n = jobs ? jobs : sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* Is path the file at other (the same device and inode)? */
static int same_file(const char *path, const char *other)
{
    struct stat a, b;
    return stat(path, &a) == 0 && stat(other, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* After a sweep that ended before its last point (`how`): what its output
 * holds.  A -o FILE is not written; standard output cannot be unwritten,
 * so it is said to be incomplete, as coop merge finds a shard of it. */
static void say_cut(const sweep_args *a, const char *how, long done, long n)
{
    fprintf(stderr, "coop: %s after %ld of %ld points; ", how, done, n);
    if (a->output) fprintf(stderr, "nothing written to %s\n", a->output);
    else
        fprintf(stderr, "standard output holds the records of those points alone: it is incomplete%s\n",
                a->shard_n ? ", and coop merge refuses it as a shard cut short" : "");
}

static int sweep_run(sweep_args *a, coop_sweep *sw, coop_diags *d)
{
    long points = coop_sweep_points(sw), first = a->shard_k, step = a->shard_n ? a->shard_n : 1;
    long n = a->shard_n ? (a->shard_k < points ? (points - 1 - a->shard_k) / a->shard_n + 1 : 0) : points;
    double work = coop_sweep_work(sw, n);
    if (work > (double)COOP_SWEEP_WORK && !a->force) {
        fprintf(stderr, "coop: this sweep takes %.0f evaluations (%ld points x %.0f each), more than the limit of "
                "%lld (COOP_SWEEP_WORK); sweep fewer points (a larger step, fewer values), split it into shards "
                "(--shard K/N, on several machines), or run it anyway with --force\n", work, n,
                n ? work / (double)n : 0, (long long)COOP_SWEEP_WORK);
        return EXIT_USAGE;
    }
    catch_stops(); /* before the output file: a stop takes it away */
    sink o = {0};
    if (output_open(&o, a->output) < 0) return EXIT_MODEL;
    if (a->shard_n) coop_sweep_shard_header(sw, a->shard_k, a->shard_n, o.f);
    coop_sweep_header(sw, o.f);
    progress pr = {0};
    /* the bar on a terminal; not when the records go to the same one, where
     * they would break it (and show their progress themselves) */
    pr.on = isatty(STDERR_FILENO) && (a->output || !isatty(STDOUT_FILENO));
    pr.total = n;
    pr.start = now();
    int rc = coop_sweep_run(sw, first, step, n, jobs_or_cores(a->jobs), o.f, on_record, &pr, d);
    progress_clear(&pr);
    out_flush();
    coop_diags_print(d, stderr, 0);
    coop_diags_clear(d);
    if (rc == -2 || stop_sig) {
        say_cut(a, stop_sig == SIGTERM ? "stopped" : "interrupted", pr.done, n);
        output_close(&o, a->output, 0);
        return 128 + (stop_sig ? stop_sig : SIGINT);
    }
    if (rc) say_cut(a, "stopped by the error above", pr.done, n);
    int w = output_close(&o, a->output, rc == 0);
    return rc ? EXIT_MODEL : w;
}

/* The -D values set in w, the world of s the sweep starts from: 0, or
 * EXIT_USAGE after saying why one cannot be.  Each -D is checked alone
 * first (a parameter of s, a value in its range), then against the axes:
 * -D elder_care.capacity=0.5 is said to set no attribute, whatever sweeps it. */
static int start_world(sweep_args *a, const coop_script *s, coop_world *w)
{
    int status = defines_into(&a->defs, s, w, a->file);
    if (status) return status;
    int n = coop_name_count(s, COOP_NAMES_PARAM);
    const char **names = xrealloc(NULL, ((size_t)n + 1) * sizeof *names);
    for (int p = 0; p < n; p++) names[p] = coop_name(s, COOP_NAMES_PARAM, p);
    status = defines_unused(&a->defs, names, (size_t)n);
    free(names);
    return status ? status : axis_defined(a);
}

int sweep_main(int argc, char **argv, uint64_t seed)
{
    sweep_args a = {0};
    a.seed = seed;
    int status = parse_args(argc, argv, &a);
    if (status) goto out;
    if (a.output && same_file(a.output, a.file)) {
        status = usage_error("-o %s would overwrite the model it sweeps", a.output);
        goto out;
    }
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load_file(a.file, d);
    coop_diags_print(d, stderr, 0);
    coop_diags_clear(d);
    coop_sweep *sw = NULL;
    coop_world *w = s ? coop_world_clone(coop_script_world(s)) : NULL;
    if (!s) status = EXIT_MODEL;
    else if ((status = start_world(&a, s, w)) == 0) {
        coop_options opt = {0};
        opt.seed = a.seed;
        opt.interrupt = &stop_sig;
        sw = coop_sweep_new(s, w, a.jsonl ? COOP_FORMAT_JSON : COOP_FORMAT_CSV, &opt);
        for (int i = 0; i < a.naxes; i++)
            if (coop_sweep_axis(sw, a.axes[i], d) < 0) status = EXIT_USAGE;
        for (int i = 0; i < a.nq; i++)
            if (coop_sweep_query(sw, a.queries[i], d) < 0) status = EXIT_USAGE;
        coop_diags_print(d, stderr, 0);
        coop_diags_clear(d);
        if (!status) status = sweep_run(&a, sw, d);
    }
    coop_sweep_free(sw);
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
out:
    defines_free(&a.defs);
    free(a.axes);
    free(a.queries);
    return status;
}

/* ---- coop merge ---- */

int merge_main(int argc, char **argv)
{
    const char *output = NULL;
    const char **paths = xrealloc(NULL, ((size_t)argc + 1) * sizeof *paths);
    int n = 0, ends = 0, status = 0;
    for (int i = 0; i < argc && !status; i++) {
        const char *v, *x = argv[i];
        int is;
        if (ends || x[0] != '-' || !x[1]) paths[n++] = x;
        else if (!strcmp(x, "--")) ends = 1;
        else if ((v = value_of(argc, argv, &i, "--output", "-o", &is)) || is) {
            if (!v || !*v) status = usage_error("%s needs a file name", "-o");
            output = v;
        } else {
            static const char *const opts[] = {"--output"};
            status = unknown_word("option of coop merge", x, (int)strcspn(x, "="), opts, 1, "coop merge takes -o FILE "
                                  "and the shards' files");
        }
    }
    if (!status && !n) status = usage_error("%s", "coop merge needs the shards' files: coop merge -o out.csv shard-*.csv");
    for (int i = 0; i < n && !status && output; i++)
        if (same_file(output, paths[i])) status = usage_error("-o %s would overwrite a shard it merges", output);
    if (!status) {
        coop_diags *d = coop_diags_new();
        sink o = {0};
        if (output_open(&o, output) < 0) status = EXIT_MODEL;
        else {
            int rc = coop_sweep_merge(paths, n, o.f, d);
            out_flush();
            coop_diags_print(d, stderr, 0);
            status = output_close(&o, output, rc == 0);
            if (rc) status = EXIT_MODEL;
        }
        coop_diags_free(d);
    }
    free(paths);
    return status;
}
