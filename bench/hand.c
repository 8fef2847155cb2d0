/*
 * hand.c - the benchmark rule written by hand in C, as a competent C
 * programmer would write it for this data, and nothing cleverer:
 *
 *   partnership alliance(n: npo, e: enterprise) {
 *     factor concern    = overlap(n.concerns, e.concerns)
 *     factor capacity   = n.capacity
 *     factor difference = abs(n.orientation - e.orientation)
 *     factor trust      = trust(n, e)   baseline 0.3
 *     influence concern -> trust by 0.3
 *     score = 0.30*trust + 0.30*concern + 0.25*capacity - 0.15*difference
 *     forms when score >= 0.35 and capacity >= 0.3 and difference <= 0.6
 *                and trust >= 0.25
 *   }
 *
 * Concerns are bit sets (24 symbols fit a uint32_t) and overlap is two
 * popcounts; attributes are arrays of doubles indexed by actor; trust is the
 * default unless an open-addressing hash keyed by (npo, enterprise) holds an
 * override, so memory follows the actors, not the tuples (an N/2 x N/2
 * matrix would be faster still, and 72 MB at N = 6000).  Every tuple computes
 * every factor and the full condition: the loop does not exploit what this
 * particular rule would allow (capacity depends on n alone, so a third of the
 * rows could be skipped), since what is measured is the cost of evaluating a
 * tuple.  Arithmetic is in the order the rule is written, so the result is
 * the same double coop computes.
 *
 *     hand N SEED [RUNS]    prints: count ns_per_tuple
 */
#define _POSIX_C_SOURCE 200809L

#include "hand.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HAND_EMPTY UINT64_MAX

double bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static inline uint64_t trust_key(int npo, int ent)
{
    return ((uint64_t)(uint32_t)npo << 32) | (uint32_t)ent;
}

static inline uint64_t trust_slot(const hand_model *m, uint64_t key)
{
    return (key * UINT64_C(0x9E3779B97F4A7C15)) >> m->trust_shift;
}

/* trust(n, e): the override if there is one, else the default. */
static inline double trust_get(const hand_model *m, int npo, int ent)
{
    uint64_t key = trust_key(npo, ent);
    for (uint64_t i = trust_slot(m, key);; i = (i + 1) & m->trust_mask) {
        const hand_slot *s = &m->trust[i];
        if (s->key == key)
            return s->value;
        if (s->key == HAND_EMPTY)
            return m->trust_default;
    }
}

static void trust_put(hand_model *m, int npo, int ent, double value)
{
    uint64_t key = trust_key(npo, ent);
    uint64_t i = trust_slot(m, key);
    while (m->trust[i].key != HAND_EMPTY && m->trust[i].key != key)
        i = (i + 1) & m->trust_mask;
    m->trust[i].key = key;
    m->trust[i].value = value;
}

int hand_build(hand_model *m, const bench_data *d)
{
    memset(m, 0, sizeof *m);
    m->n_npo = d->n_npo;
    m->n_ent = d->n_ent;
    m->n_capacity = malloc((size_t)d->n_npo * sizeof(double));
    m->n_orientation = malloc((size_t)d->n_npo * sizeof(double));
    m->n_concerns = malloc((size_t)d->n_npo * sizeof(uint32_t));
    m->e_orientation = malloc((size_t)d->n_ent * sizeof(double));
    m->e_concerns = malloc((size_t)d->n_ent * sizeof(uint32_t));
    /* a power of two, at least twice the overrides */
    uint64_t size = 16;
    int bits = 4;
    while (size < 2 * (uint64_t)d->n_overrides) {
        size *= 2;
        bits++;
    }
    m->trust = malloc((size_t)size * sizeof(hand_slot));
    if (!m->n_capacity || !m->n_orientation || !m->n_concerns || !m->e_orientation ||
        !m->e_concerns || !m->trust) {
        hand_free(m);
        return -1;
    }
    m->trust_mask = size - 1;
    m->trust_shift = 64 - bits;
    m->trust_default = BENCH_TRUST_DEFAULT;
    for (uint64_t i = 0; i < size; i++)
        m->trust[i].key = HAND_EMPTY;

    for (int i = 0; i < d->n_npo; i++) {
        m->n_capacity[i] = bench_value(d->npo[i].capacity);
        m->n_orientation[i] = bench_value(d->npo[i].orientation);
        m->n_concerns[i] = d->npo[i].concerns;
    }
    for (int j = 0; j < d->n_ent; j++) {
        m->e_orientation[j] = bench_value(d->ent[j].orientation);
        m->e_concerns[j] = d->ent[j].concerns;
    }
    for (int k = 0; k < d->n_overrides; k++) {
        const bench_override *o = &d->overrides[k];
        trust_put(m, o->npo, o->ent, bench_value(o->value));
    }
    return 0;
}

void hand_free(hand_model *m)
{
    free(m->n_capacity);
    free(m->n_orientation);
    free(m->n_concerns);
    free(m->e_orientation);
    free(m->e_concerns);
    free(m->trust);
    memset(m, 0, sizeof *m);
}

long hand_count(const hand_model *m)
{
    long count = 0;
    for (int i = 0; i < m->n_npo; i++) {
        const uint32_t n_concerns = m->n_concerns[i];
        const double capacity = m->n_capacity[i];
        const double n_orientation = m->n_orientation[i];
        for (int j = 0; j < m->n_ent; j++) {
            const uint32_t e_concerns = m->e_concerns[j];
            const uint32_t both = n_concerns | e_concerns;
            /* own values */
            const double concern =
                both ? (double)__builtin_popcount(n_concerns & e_concerns) /
                           (double)__builtin_popcount(both)
                     : 0.0;
            const double difference = fabs(n_orientation - m->e_orientation[j]);
            /* effective values: influence concern -> trust by 0.3 */
            const double trust = trust_get(m, i, j) + 0.3 * concern;
            const double score =
                0.30 * trust + 0.30 * concern + 0.25 * capacity - 0.15 * difference;
            count += score >= 0.35 && capacity >= 0.3 && difference <= 0.6 && trust >= 0.25;
        }
    }
    return count;
}

/* Called through a volatile pointer so that no compiler merges the runs. */
static long (*volatile hand_count_fn)(const hand_model *) = hand_count;

double hand_time(const hand_model *m, int runs, long *count)
{
    double best = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = bench_now_ns();
        long c = hand_count_fn(m);
        double t = bench_now_ns() - t0;
        if (r == 0 || t < best)
            best = t;
        *count = c;
    }
    return best;
}

#ifndef BENCH_HAND_NO_MAIN
int main(int argc, char **argv)
{
    long n, runs = 3;
    uint64_t seed;
    if (argc < 3 || argc > 4 || bench_parse_long(argv[1], &n) ||
        bench_parse_u64(argv[2], &seed) || (argc == 4 && bench_parse_long(argv[3], &runs)) ||
        runs < 1) {
        fprintf(stderr, "usage: hand N SEED [RUNS]    prints: count ns_per_tuple\n");
        return 2;
    }
    bench_data d;
    if (bench_data_generate(&d, n, seed)) {
        fprintf(stderr, "hand: cannot generate %ld actors (N must be even, from %ld to %ld)\n",
                n, BENCH_MIN_ACTORS, BENCH_MAX_ACTORS);
        return 2;
    }
    hand_model m;
    int bad = hand_build(&m, &d);
    bench_data_free(&d);
    if (bad) {
        fprintf(stderr, "hand: out of memory\n");
        return 1;
    }
    long count = 0;
    double ns = hand_time(&m, (int)runs, &count);
    double tuples = (double)m.n_npo * (double)m.n_ent;
    printf("%ld %.2f\n", count, ns / tuples);
    hand_free(&m);
    return 0;
}
#endif
