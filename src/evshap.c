/* evshap.c - which event made it form: Shapley values of a timeline's
 * dated and recurring events for one tuple at one step, each coalition a
 * run of the timeline with the other events switched off. */
#include "evshap.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "shapley.h"

_Static_assert(COOP_MAX_EVENT_PLAYERS <= COOP_MAX_FACTORS && COOP_MAX_EVENT_PLAYERS <= 64,
               "a coalition is a 64-bit mask, and shapley_sample holds COOP_MAX_FACTORS players");

/* One coalition's values, cached by its mask. */
typedef struct cell {
    uint64_t mask;
    double v[SHAPLEY_OFS];
} cell;

/* The game: what a coalition's run reads, the runs made, the first error. */
typedef struct game {
    evshap_result *r;
    const model *m;
    const coop_world *w0;
    int rule, step;
    const int *tuple;
    const volatile sig_atomic_t *stop;
    unsigned char *off;  /* per event: switched off in the run being made */
    int *order, norder;  /* every player, by name (r->player: the first COOP_MAX_EVENT_PLAYERS) */
    cell *cells;         /* open addressing, cap a power of two, at most half full */
    unsigned char *used;
    size_t ncells, cap;
    shapley_of of;       /* the game shapley_exact or _sample plays */
} game;

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    return x;
}

static cell *find(game *g, uint64_t mask, int *fresh)
{
    if (2 * (g->ncells + 1) > g->cap) { /* grow: rehash into twice the room */
        size_t cap = g->cap ? 2 * g->cap : 64;
        cell *c = mem_alloc(cap * sizeof *c);
        unsigned char *u = mem_calloc(cap, 1);
        for (size_t i = 0; i < g->cap; i++) {
            if (!g->used[i]) continue;
            size_t j = mix(g->cells[i].mask) & (cap - 1);
            while (u[j]) j = (j + 1) & (cap - 1);
            u[j] = 1;
            c[j] = g->cells[i];
        }
        free(g->cells);
        free(g->used);
        g->cells = c;
        g->used = u;
        g->cap = cap;
    }
    size_t j = mix(mask) & (g->cap - 1);
    while (g->used[j] && g->cells[j].mask != mask) j = (j + 1) & (g->cap - 1);
    *fresh = !g->used[j];
    if (*fresh) {
        g->used[j] = 1;
        g->cells[j].mask = mask;
        g->ncells++;
    }
    return &g->cells[j];
}

/* Records the error of the run with g->off switched off: "without a, b:
 * MESSAGE" (the players switched off, by name), or "with every event:
 * MESSAGE".  -1. */
static int failed(game *g, coop_loc loc, const char *msg)
{
    evshap_result *r = g->r;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&buf, &len);
    int n = 0;
    for (int i = 0; i < g->norder; i++)
        if (g->off[g->order[i]]) fprintf(f, "%s%s", n++ ? ", " : "without ", g->m->events[g->order[i]].name);
    fprintf(f, "%s: %s", n ? "" : "with every event", msg);
    fclose(f);
    r->failed = 1;
    r->err_loc = loc;
    free(r->err_msg);
    r->err_msg = buf;
    return -1;
}

/* Runs the timeline up to g->step with the events of g->off switched
 * off, and decides the tuple in the world the step ends with: its verdict
 * and score (0 without one) into v.  0, or -1 (stopped, or an error
 * recorded). */
static int run(game *g, double *v)
{
    evshap_result *r = g->r;
    if (g->stop && *g->stop) return r->stopped = 1, -1;
    tl_run tl;
    int rc = tl_run_until(&tl, g->m, g->w0, g->off, g->step, 0, g->stop);
    r->runs++;
    if (rc < 0) {
        if (tl.stopped) r->stopped = 1;
        else failed(g, tl.err_loc, tl.err_msg);
        tl_free(&tl);
        return -1;
    }
    query q;
    query_init(&q, g->m, tl_world_at(&tl, g->step), 0);
    q.stop = g->stop;
    /* a bid with no score is the runtime error it met, as for factors' values */
    int verdict = r->has_score ? query_scored(&q, g->rule, g->tuple) : query_tuple(&q, g->rule, g->tuple);
    if (verdict >= 0) {
        v[OF_VERDICT] = verdict;
        v[OF_SCORE] = r->has_score ? query_ev(&q, g->rule)->r[g->m->rules[g->rule].nf] : 0;
    } else if (q.err_kind == QUERY_INTERRUPTED)
        r->stopped = 1;
    else { /* query_tuple records nothing but divisions (and aggregates over nothing) and stops */
        char *msg = report_runtime(g->m, q.err_agg, q.err_coalition, q.err_rule, q.err_contract, q.err_tuple, NULL);
        failed(g, q.err_loc, msg);
        free(msg);
    }
    query_free(&q);
    tl_free(&tl);
    return verdict < 0 ? -1 : 0;
}

/* Coalition `mask` of the players: its values, run once. */
static const cell *coalition(game *g, uint64_t mask)
{
    int fresh;
    cell *c = find(g, mask, &fresh);
    if (!fresh) return c;
    evshap_result *r = g->r;
    for (int i = 0; i < r->n; i++) g->off[r->player[i]] = !(mask >> i & 1);
    if (run(g, c->v) == 0) return c;
    r->err_coalition = mask; /* its cell stays, unset: nothing is asked after an error */
    return NULL;
}

/* shapley_game of g->of */
static double value(void *ctx, uint64_t mask, int *err)
{
    game *g = ctx;
    const cell *c = coalition(g, mask);
    if (!c) return *err = 1, 0;
    return c->v[g->of];
}

/* Is event ev a player at step `step`: dated or recurring, acting at it
 * or before?  (One acting only after it has a value of 0 at it: left out,
 * it costs no coalitions.) */
static int plays(const event_info *ev, int step)
{
    return (ev->kind == EVENT_AT || ev->kind == EVENT_EVERY) && ev->nsteps > 0 && ev->steps[0] <= step;
}

/* The runs of the timeline a game of n players may make (evshap_work). */
static long runs_of(int n)
{
    long all = n < 62 ? 1L << n : -1, sampled = 1 + (long)(COOP_EVENT_SHAPLEY_PERMUTATIONS + 1) * n;
    if (n <= COOP_EVENT_SHAPLEY_EXACT_MAX) return all;
    return all >= 0 && all < sampled ? all : sampled;
}

long evshap_work(int n, int step) { return runs_of(n) * (long)(step + 1); }

/* Says why the game of n players at g->step is refused: its work past
 * COOP_EVENT_SHAPLEY_WORK, and how to make it less. */
static void too_much(game *g, int n)
{
    evshap_result *r = g->r;
    const model *m = g->m;
    char day[32], *buf = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&buf, &len);
    fputs("the event Shapley values of ", f);
    report_tuple(f, m, g->rule, g->tuple);
    long runs = runs_of(n);
    fprintf(f, " at %s need %ld steps run (%ld runs of the timeline x %d steps", tl_step_text(m, g->step, day, sizeof day),
            evshap_work(n, g->step), runs, g->step + 1);
    if (n <= COOP_EVENT_SHAPLEY_EXACT_MAX || runs < 1 + (long)(COOP_EVENT_SHAPLEY_PERMUTATIONS + 1) * n)
        fprintf(f, ", one for each coalition of %d events", n);
    else
        fprintf(f, ", up to 1 + %d orders x %d events and the %d but-for coalitions", COOP_EVENT_SHAPLEY_PERMUTATIONS, n, n);
    /* the last step within the limit (runs are at most 64,065: there is one) */
    fprintf(f, "), more than the limit of %ld (COOP_EVENT_SHAPLEY_WORK); ask at %s or earlier, on a coarser "
               "timeline (by month, by year), or with fewer dated and recurring events (one acting only after the "
               "date is no player)", (long)COOP_EVENT_SHAPLEY_WORK,
            tl_step_text(m, (int)(COOP_EVENT_SHAPLEY_WORK / runs) - 1, day, sizeof day));
    fclose(f);
    r->failed = 1;
    r->err_msg = buf;
}

/* Sets the game up: checks the step, finds the players, and the work
 * against COOP_EVENT_SHAPLEY_WORK (with `limit`).  0, or -1 with the
 * reason recorded (at no place: the caller's statement). */
static int setup(game *g, evshap_result *r, const model *m, const coop_world *w0, int rule, const int *tuple,
                 int step, const volatile sig_atomic_t *stop, int limit)
{
    memset(r, 0, sizeof *r);
    *g = (game){.r = r, .m = m, .w0 = w0, .rule = rule, .step = step, .tuple = tuple, .stop = stop};
    r->decisive = -1;
    r->has_score = m->rules[rule].score != NULL;
    const char *why = NULL;
    char buf[160];
    int players = 0;
    for (int e = 0; e < m->nevents; e++) players += plays(&m->events[e], step);
    if (!m->timeline) why = "the model has no timeline, so no events to weigh";
    else if (step < 0 || step >= m->timeline->nsteps) {
        snprintf(buf, sizeof buf, "step %d is outside the timeline, whose steps are 0 to %d", step,
                 m->timeline->nsteps - 1);
        why = buf;
    } else if (limit && players > COOP_MAX_EVENT_PLAYERS) {
        snprintf(buf, sizeof buf,
                 "the Shapley values of events take at most %d dated or recurring events as players, "
                 "and this model has %d",
                 COOP_MAX_EVENT_PLAYERS, players);
        why = buf;
    }
    if (why) {
        r->failed = 1;
        r->err_msg = mem_strdup(why);
        return -1;
    }
    if (limit && evshap_work(players, step) > COOP_EVENT_SHAPLEY_WORK) { /* before any run */
        too_much(g, players);
        return -1;
    }
    g->off = mem_calloc((size_t)m->nevents + 1, 1);
    g->order = mem_alloc(((size_t)players + 1) * sizeof *g->order);
    for (int e = 0; e < m->nevents; e++)
        if (plays(&m->events[e], step)) g->order[g->norder++] = e;
    tl_by_name(m, g->order, g->norder);
    r->n = players < COOP_MAX_EVENT_PLAYERS ? players : COOP_MAX_EVENT_PLAYERS;
    memcpy(r->player, g->order, (size_t)r->n * sizeof *r->player);
    return 0;
}

static void game_free(game *g)
{
    free(g->off);
    free(g->order);
    free(g->cells);
    free(g->used);
}

int evshap_events(evshap_result *r, const model *m, const coop_world *w0, int rule, const int *tuple, int step,
                  uint64_t seed, const volatile sig_atomic_t *stop)
{
    game g;
    if (setup(&g, r, m, w0, rule, tuple, step, stop, 1) < 0) return -1;
    int n = r->n, rc = -1;
    uint64_t all = n == 64 ? ~0ull : (1ull << n) - 1;
    double *scratch = NULL;
    /* a cell is read at once: the next coalition may move the table */
    const cell *c = coalition(&g, all);
    if (!c) goto out;
    memcpy(r->all, c->v, sizeof r->all);
    if (!(c = coalition(&g, 0))) goto out;
    memcpy(r->none, c->v, sizeof r->none);
    r->exact = n <= COOP_EVENT_SHAPLEY_EXACT_MAX;
    if (r->exact) scratch = mem_alloc(((size_t)1 << n) * sizeof *scratch);
    /* the verdict's game first: the score's reads the same coalitions, run by then */
    static const shapley_of games[] = {OF_VERDICT, OF_SCORE};
    for (int t = 0; t < SHAPLEY_OFS; t++) {
        g.of = games[t];
        if (g.of == OF_SCORE && !r->has_score) continue;
        int bad = r->exact ? shapley_exact(n, value, &g, scratch, r->phi[g.of])
                           : shapley_sample(n, value, &g, COOP_EVENT_SHAPLEY_PERMUTATIONS, seed ? seed : COOP_SHAPLEY_SEED,
                                            r->phi[g.of], r->se[g.of]);
        if (bad) goto out;
    }
    for (int i = 0; i < n; i++) { /* every player but i: run already when exact */
        if (!(c = coalition(&g, all & ~(1ull << i)))) goto out;
        r->but_for[i] = c->v[OF_VERDICT] != r->all[OF_VERDICT];
    }
    r->decisive = query_dominant(r->phi[OF_VERDICT], n);
    rc = 0;
out:
    free(scratch);
    game_free(&g);
    return rc;
}

int evshap_but_for(evshap_result *r, const model *m, const coop_world *w0, int rule, const int *tuple, int step,
                   int e, const volatile sig_atomic_t *stop)
{
    game g;
    if (setup(&g, r, m, w0, rule, tuple, step, stop, 0) < 0) return -1;
    double with[SHAPLEY_OFS], without[SHAPLEY_OFS];
    int rc = -1;
    if (m->events[e].kind != EVENT_AT && m->events[e].kind != EVENT_EVERY) {
        size_t len = strlen(m->events[e].name) + 160;
        r->failed = 1;
        r->err_msg = mem_alloc(len);
        snprintf(r->err_msg, len,
                 "event '%s' acts when its condition holds, so it is no player: every run simulates it again",
                 m->events[e].name);
    } else if (run(&g, with) == 0) {
        g.off[e] = 1;
        if (run(&g, without) == 0) rc = with[OF_VERDICT] != without[OF_VERDICT];
    }
    game_free(&g);
    return rc;
}

int evshap_player(const evshap_result *r, int e)
{
    for (int i = 0; i < r->n; i++)
        if (r->player[i] == e) return i;
    return -1;
}

void evshap_free(evshap_result *r)
{
    free(r->err_msg);
    r->err_msg = NULL;
}
