/*
 * names.c - an open-addressing hash table from strings to indices.
 *
 * Names come from the scripts a user runs, and a script can be written to
 * make them collide: with a fixed hash, 30,000 crafted actor names all land
 * in one slot and every lookup scans them all.  So each table hashes with
 * SipHash-1-3 under a 128-bit key of its own, drawn from the kernel's
 * random source when the table first grows: without the key, which names
 * share low bits cannot be known, so they cannot be chosen.  Nothing ever
 * walks a table to print it, so the key never shows in any output.
 */
#include "names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "mem.h"

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                                                                   \
    do {                                                                                                           \
        v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);                                                  \
        v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                                                                     \
        v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                                                                     \
        v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);                                                  \
    } while (0)

/* SipHash-1-3 of s under the key (k0, k1): one round per 8 bytes, three to
 * finish, as Python and Rust hash their strings. */
static uint64_t siphash13(const char *s, uint64_t k0, uint64_t k1)
{
    uint64_t v0 = k0 ^ 0x736f6d6570736575ull, v1 = k1 ^ 0x646f72616e646f6dull;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ull, v3 = k1 ^ 0x7465646279746573ull;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t m = 0;
        for (int j = 7; j >= 0; j--) m = m << 8 | p[i + j]; /* little-endian on every machine */
        v3 ^= m;
        SIPROUND;
        v0 ^= m;
    }
    uint64_t m = (uint64_t)n << 56;
    for (size_t j = 0; i + j < n; j++) m |= (uint64_t)p[i + j] << (8 * j);
    v3 ^= m;
    SIPROUND;
    v0 ^= m;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

/* The key of the tables a thread makes: the kernel's randomness, drawn once
 * per thread (a table keeps its key, so it may be read in any thread);
 * should it fail (an old kernel), the clock, the table's address and a
 * count, which still differ per run. */
static void new_key(names *t)
{
    static _Thread_local uint64_t k[2];
    static _Thread_local int drawn;
    if (!drawn && getrandom(k, sizeof k, GRND_NONBLOCK) != (ssize_t)sizeof k) {
        static _Thread_local uint64_t count;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        k[0] = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ull ^ (uint64_t)ts.tv_sec;
        k[1] = (uint64_t)(uintptr_t)t * 0xbf58476d1ce4e5b9ull ^ ++count;
    } else drawn = 1;
    t->k0 = k[0];
    t->k1 = k[1];
}

static size_t home(const names *t, const char *s) { return (size_t)siphash13(s, t->k0, t->k1) & (t->cap - 1); }

int names_get(const names *t, const char *s)
{
    if (!t->cap) return -1;
    size_t mask = t->cap - 1;
    for (size_t i = home(t, s);; i = (i + 1) & mask) {
        if (!t->keys[i]) return -1;
        if (strcmp(t->keys[i], s) == 0) return t->vals[i];
    }
}

int names_put(names *t, const char *s, int v)
{
    if (2 * (t->n + 1) > t->cap) {
        names old = *t;
        if (!old.cap) new_key(t);
        t->cap = old.cap ? 2 * old.cap : 16;
        t->keys = mem_calloc(t->cap, sizeof *t->keys);
        t->vals = mem_alloc(t->cap * sizeof *t->vals);
        t->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.keys[i]) names_put(t, old.keys[i], old.vals[i]);
        free(old.keys);
        free(old.vals);
    }
    size_t mask = t->cap - 1;
    for (size_t i = home(t, s);; i = (i + 1) & mask) {
        if (!t->keys[i]) {
            t->keys[i] = s;
            t->vals[i] = v;
            t->n++;
            return -1;
        }
        if (strcmp(t->keys[i], s) == 0) {
            int old = t->vals[i];
            t->vals[i] = v;
            return old;
        }
    }
}

size_t names_probes(const names *t)
{
    size_t sum = 0, mask = t->cap - 1;
    for (size_t i = 0; i < t->cap; i++)
        if (t->keys[i]) sum += ((i - home(t, t->keys[i])) & mask) + 1;
    return sum;
}

void names_free(names *t)
{
    free(t->keys);
    free(t->vals);
    t->keys = NULL;
    t->vals = NULL;
    t->cap = t->n = 0;
}
