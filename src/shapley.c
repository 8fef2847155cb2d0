/* shapley.c - exact and sampled Shapley values. */
#include "shapley.h"

#include <math.h>

#include "coop.h"

int shapley_exact(int k, shapley_game v, void *ctx, double *val, double *phi)
{
    uint64_t n = 1ull << k;
    int err = 0;
    for (uint64_t s = 0; s < n; s++) {
        val[s] = v(ctx, s, &err);
        if (err) return -1;
    }
    /* weight[s] = s!(k-s-1)!/k! = 1 / (k * C(k-1, s)) */
    double w[COOP_MAX_FACTORS];
    double binom = 1;
    for (int s = 0; s < k; s++) {
        w[s] = 1.0 / (k * binom);
        binom = binom * (k - 1 - s) / (s + 1);
    }
    for (int i = 0; i < k; i++) {
        uint64_t bit = 1ull << i;
        double acc = 0;
        for (uint64_t s = 0; s < n; s++) {
            if (s & bit) continue;
            acc += w[__builtin_popcountll(s)] * (val[s | bit] - val[s]);
        }
        phi[i] = acc;
    }
    return 0;
}

/* splitmix64: small, fast, and the same stream on every machine. */
static uint64_t next_rand(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int shapley_sample(int k, shapley_game v, void *ctx, int perms, uint64_t seed, double *phi, double *se)
{
    double sum[COOP_MAX_FACTORS] = {0}, sq[COOP_MAX_FACTORS] = {0};
    int order[COOP_MAX_FACTORS];
    uint64_t st = seed;
    int err = 0;
    double v0 = v(ctx, 0, &err);
    if (err) return -1;
    for (int p = 0; p < perms; p++) {
        for (int i = 0; i < k; i++) order[i] = i;
        for (int i = k - 1; i > 0; i--) {
            int j = (int)(next_rand(&st) % (uint64_t)(i + 1));
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        uint64_t s = 0;
        double prev = v0;
        for (int i = 0; i < k; i++) {
            s |= 1ull << order[i];
            double cur = v(ctx, s, &err);
            if (err) return -1;
            double d = cur - prev;
            sum[order[i]] += d;
            sq[order[i]] += d * d;
            prev = cur;
        }
    }
    for (int i = 0; i < k; i++) {
        double mean = sum[i] / perms;
        phi[i] = mean;
        double var = perms > 1 ? (sq[i] - perms * mean * mean) / (perms - 1) : 0;
        se[i] = var > 0 ? sqrt(var / perms) : 0;
    }
    return 0;
}
