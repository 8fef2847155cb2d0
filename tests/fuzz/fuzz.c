/* fuzz.c - what the libFuzzer targets share: the output stream, the hash
 * that picks run options, the interrupt that bounds evaluation,
 * diagnostics printed both ways. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

FILE *fuzz_null(void)
{
    static FILE *null;
    if (!null && !(null = fopen("/dev/null", "w"))) abort();
    return null;
}

uint64_t fuzz_hash(const uint8_t *data, size_t size)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 1099511628211u;
    return h;
}

/* CPU time one input may spend evaluating. */
#define FUZZ_CPU_SECONDS 1

static volatile sig_atomic_t stop;

static void on_timer(int sig)
{
    (void)sig;
    stop = 1;
}

/* CPU time (ITIMER_PROF): libFuzzer's -timeout has SIGALRM, and a busy
 * machine does not make an input slower. */
static void timer(int seconds)
{
    struct itimerval t = {{0, 0}, {seconds, 0}};
    if (setitimer(ITIMER_PROF, &t, NULL) != 0) abort();
}

const volatile sig_atomic_t *fuzz_arm(void)
{
    static int installed;
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_timer;
        sa.sa_flags = SA_RESTART; /* no EINTR for :save's writes */
        sigemptyset(&sa.sa_mask);
        if (sigaction(SIGPROF, &sa, NULL) != 0) abort();
        installed = 1;
    }
    stop = 0;
    timer(FUZZ_CPU_SECONDS);
    return &stop;
}

void fuzz_disarm(void)
{
    timer(0);
    stop = 0;
}

/* as EV_STOP_WORK in src/eval.h: the interrupt is looked at after every
 * this many tuples and coalitions */
#define FUZZ_STOP_WORK 64
/* Factor evaluations between two looks at the interrupt, at most: about
 * 3 s of the instrumented build. */
#define FUZZ_MAX_WORK (1LL << 24)

int fuzz_affordable(const coop_script *s)
{
    for (int r = 0; r < coop_name_count(s, COOP_NAMES_RULE); r++) {
        long long k = coop_rule_factors(s, r);
        long long per = k <= COOP_SHAPLEY_EXACT_MAX ? 1LL << k : 1 + COOP_SHAPLEY_PERMUTATIONS * k;
        /* a look after a tuple's coalitions, or after 64 cheap tuples */
        if ((FUZZ_STOP_WORK + per) * (k ? k : 1) > FUZZ_MAX_WORK) return 0;
    }
    return 1;
}

void fuzz_diags(coop_diags *d)
{
    coop_diags_print(d, fuzz_null(), 0);
    coop_diags_print(d, fuzz_null(), 1);
    coop_diags_clear(d);
}

static void on_expect(void *ctx, const coop_expect_result *r)
{
    fprintf(ctx, "%s:%d:%d: %s %s %s\n", r->file ? r->file : "-", r->loc.line, r->loc.col, r->text,
            r->passed ? "passed" : "failed", r->got ? r->got : "-");
}

void fuzz_script(const char *text, size_t size, uint64_t h)
{
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load("fuzz.coop", text, size, d);
    if (s && fuzz_affordable(s)) {
        coop_options o = {0};
        o.out = fuzz_null();
        o.format = h & 1 ? COOP_FORMAT_JSON : h >> 62 & 1 ? COOP_FORMAT_CSV : COOP_FORMAT_TEXT;
        o.explain = h >> 1 & 1;
        o.expect_only = h >> 2 & 1;
        o.seed = h >> 3 & 1 ? h >> 4 : 0;
        o.on_expect = on_expect;
        o.ctx = fuzz_null();
        o.interrupt = fuzz_arm();
        coop_run(s, NULL, &o, d);
        fuzz_disarm();
    }
    fuzz_diags(d);
    coop_script_free(s);
    coop_diags_free(d);
}
