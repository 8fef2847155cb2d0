/* bench_tender.c - what ranking a tender costs (bench_tender.h). */
#define _POSIX_C_SOURCE 200809L

#include "bench_tender.h"
#include "bench_data.h"
#include "hand.h"

#include "coop.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUDGET 9000 /* of BENCH_SCALE: bids above it fail `affordable` */

/* One bid, in units of 1/BENCH_SCALE, and its bidder's years. */
typedef struct bid {
    int price, quality, years;
} bid;

/* What coop must find, worked out here. */
typedef struct award {
    int lowest;   /* the lowest eligible price, of BENCH_SCALE */
    long eligible;
    int winner;   /* a bid, or -1 when two tie on score and price */
    double score; /* the winner's */
    int loser;    /* the eligible loser of the best quality, or -1 */
    double win_price; /* its win price with the lowest price a constant */
    int low_loser;     /* the eligible loser at the lowest price, alone there, or -1 */
    double win_lowest; /* its win price against lowest(bid.price), or -1 when too near a bound to check */
} award;

static int eligible(const bid *b) { return b->years >= 2 && b->price <= BUDGET; }

/* Scores equal within the tolerance coop's ranking uses (TENDER_TIE_EPS). */
static int close_to(double x, double y) { return x == y || fabs(x - y) <= 1e-9 * fmax(fabs(x), fabs(y)); }

/* The tender decided by hand: the lowest eligible price; each eligible
 * bid's 0.3 * lowest / price + 0.7 * quality, in coop's order of
 * operations; the best, the lower price breaking a tie of scores. */
static void decide(const bid *b, int n, award *a)
{
    a->lowest = BENCH_SCALE + 1;
    a->eligible = 0;
    for (int i = 0; i < n; i++)
        if (eligible(&b[i])) {
            a->eligible++;
            if (b[i].price < a->lowest) a->lowest = b[i].price;
        }
    double low = bench_value(a->lowest), best = -INFINITY;
    double *s = malloc((size_t)n * sizeof *s);
    for (int i = 0; i < n; i++) {
        s[i] = 0.3 * (low / bench_value(b[i].price)) + 0.7 * bench_value(b[i].quality);
        if (eligible(&b[i]) && s[i] > best) best = s[i];
    }
    a->winner = -1;
    int cheapest = BENCH_SCALE + 1, at = 0;
    for (int i = 0; i < n; i++) {
        if (!eligible(&b[i]) || !close_to(s[i], best)) continue;
        if (b[i].price < cheapest) {
            cheapest = b[i].price;
            at = 0;
            a->winner = i;
        }
        at += b[i].price == cheapest;
    }
    if (at > 1) a->winner = -1;
    a->score = a->winner >= 0 ? s[a->winner] : 0;
    free(s);
    /* 0.3 * lowest / p + 0.7 * quality > the winner's score below
     * p = 0.3 * lowest / (score - 0.7 * quality), within the budget */
    a->loser = -1;
    a->win_price = a->win_lowest = -1;
    for (int i = 0; i < n && a->winner >= 0; i++)
        if (i != a->winner && eligible(&b[i]) && (a->loser < 0 || b[i].quality > b[a->loser].quality)) a->loser = i;
    if (a->loser >= 0)
        a->win_price = fmin(0.3 * low / (a->score - 0.7 * bench_value(b[a->loser].quality)), bench_value(BUDGET));
    /* against lowest(bid.price), a loser that wins only below the lowest
     * price: there its price is the lowest, its price score 1, and it
     * wins below p = p_j (0.3 + 0.7 (q - q_j)) / 0.3 for every other
     * eligible j (the lower price wins a tie); the loser of the highest
     * such price at least two cents from either end */
    a->low_loser = -1;
    for (int i = 0; i < n && a->winner >= 0; i++) {
        if (i == a->winner || !eligible(&b[i])) continue;
        double q = bench_value(b[i].quality), below = INFINITY;
        for (int j = 0; j < n && below > 0.02; j++)
            if (j != i && eligible(&b[j]))
                below = fmin(below, bench_value(b[j].price) * (0.3 + 0.7 * (q - bench_value(b[j].quality))) / 0.3);
        if (below > 0.02 && below < low - 0.02 && below > a->win_lowest) {
            a->low_loser = i;
            a->win_lowest = below;
        }
    }
}

/* The tender `name`, whose price factor's numerator is `lowest`. */
static void tender(FILE *f, const char *name, const char *lowest)
{
    fprintf(f,
            "tender %s(a: association) {\n"
            "  buyer = bureau\n"
            "  budget = %.4f\n"
            "  require registered = a.years >= 2\n"
            "  require affordable = bid.price <= budget\n"
            "  factor price   = %s / bid.price\n"
            "  factor quality = bid.quality\n"
            "  score = 0.3*price + 0.7*quality\n"
            "  tie lowest bid.price\n"
            "}\n",
            name, bench_value(BUDGET), lowest);
}

/* The model (the same bids for t, with lowest(bid.price), and for t_const,
 * with its value), then `VERB T` and what must hold of T's award. */
static char *script(const bid *b, int n, const award *a, const char *verb, const char *which)
{
    char *text = NULL, low[32];
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) return NULL;
    fprintf(f, "actor bureau : government {}\n");
    for (int i = 0; i < n; i++) fprintf(f, "actor a%d : association { years = %d }\n", i, b[i].years);
    tender(f, "t", "lowest(bid.price)");
    snprintf(low, sizeof low, "%.4f", bench_value(a->lowest));
    tender(f, "t_const", low);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 2; k++)
            fprintf(f, "bid %s by a%d { price = %.4f  quality = %.4f }\n", k ? "t_const" : "t", i,
                    bench_value(b[i].price), bench_value(b[i].quality));
    fprintf(f, "%s %s\n", verb, which);
    if (a->winner < 0)
        fprintf(f, "expect status(%s) == tied\n", which);
    else
        fprintf(f,
                "expect winner(%s) == a%d\n"
                "expect score(%s, a%d) ~= %.17g within 1e-12\n"
                "expect value(%s(a%d), price) ~= %.17g within 1e-12\n",
                which, a->winner, which, a->winner, a->score, which, a->winner,
                bench_value(a->lowest) / bench_value(b[a->winner].price));
    int constant = strcmp(which, "t_const") == 0, loser = constant ? a->loser : a->low_loser;
    double win = constant ? a->win_price : a->win_lowest;
    if (a->winner >= 0 && loser >= 0 && win >= 0) /* to the cent below it */
        fprintf(f, "expect win_price(%s, a%d) ~= %.17g within 0.011\n", which, loser, win);
    if (fclose(f)) {
        free(text);
        return NULL;
    }
    return text;
}

/* coop_run of s (show or explain T, then the expectations), best of
 * `runs`; -1 when an expectation failed or a statement could not run. */
static double time_run(const coop_script *s, FILE *null, int runs, coop_diags *d)
{
    coop_options o = {0};
    o.out = null;
    double best = 0;
    for (int run = 0; run < runs; run++) {
        double t0 = bench_now_ns();
        int failed = coop_run(s, NULL, &o, d);
        double ns = bench_now_ns() - t0;
        if (failed != 0) return -1;
        if (run == 0 || ns < best) best = ns;
    }
    return best;
}

void bench_tender(int runs, bench_tender_result *r)
{
    memset(r, 0, sizeof *r);
    enum { N = BENCH_TENDER_BIDS };
    static bid b[N];
    bench_rng g;
    bench_rng_seed(&g, 11);
    for (int i = 0; i < N; i++) {
        b[i].years = (int)bench_rng_below(&g, 10);
        b[i].price = 2000 + (int)bench_rng_below(&g, BENCH_SCALE - 2000 + 1);
        b[i].quality = (int)bench_rng_below(&g, BENCH_SCALE + 1);
    }
    award a;
    decide(b, N, &a);
    r->bids = N;
    r->eligible = a.eligible;
    /* show t, show t_const, explain t, explain t_const */
    static const struct { const char *verb, *which; } runs_of[] = {
        {"show", "t"}, {"show", "t_const"}, {"explain", "t"}, {"explain", "t_const"},
    };
    double *ns[4] = {&r->rank_ns, &r->const_ns, &r->explain_ns, &r->explain_const_ns};
    r->checked_lowest = a.win_lowest >= 0;
    FILE *null = fopen("/dev/null", "w");
    coop_diags *d = coop_diags_new();
    for (int k = 0; k < 4 && null && d; k++) {
        char *text = script(b, N, &a, runs_of[k].verb, runs_of[k].which);
        double t0 = bench_now_ns();
        coop_script *s = text ? coop_load("tender.coop", text, strlen(text), d) : NULL;
        if (k == 0) r->load_ns = bench_now_ns() - t0;
        int loaded = s != NULL;
        *ns[k] = loaded ? time_run(s, null, runs, d) : -1;
        coop_script_free(s);
        free(text);
        if (*ns[k] < 0) {
            coop_diags_print(d, stderr, 0);
            snprintf(r->error, sizeof r->error, "%s %s: %s", runs_of[k].verb, runs_of[k].which,
                     loaded ? "an expectation failed: coop's award is not the one worked out by hand"
                            : "the model did not load");
            break;
        }
    }
    r->ok = null && d && r->rank_ns > 0 && r->const_ns > 0 && r->explain_ns > 0 && r->explain_const_ns > 0;
    if (!null || !d) snprintf(r->error, sizeof r->error, "cannot open /dev/null");
    coop_diags_free(d);
    if (null) fclose(null);
}
