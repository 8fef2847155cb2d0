/* names.c - an open-addressing hash table from strings to indices. */
#include "names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static size_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)h;
}

int names_get(const names *t, const char *s)
{
    if (!t->cap) return -1;
    size_t mask = t->cap - 1;
    for (size_t i = hash_str(s) & mask;; i = (i + 1) & mask) {
        if (!t->keys[i]) return -1;
        if (strcmp(t->keys[i], s) == 0) return t->vals[i];
    }
}

int names_put(names *t, const char *s, int v)
{
    if (2 * (t->n + 1) > t->cap) {
        names old = *t;
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
    for (size_t i = hash_str(s) & mask;; i = (i + 1) & mask) {
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

void names_free(names *t)
{
    free(t->keys);
    free(t->vals);
    t->keys = NULL;
    t->vals = NULL;
    t->cap = t->n = 0;
}
