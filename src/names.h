/*
 * names.h - name tables: string to dense index, used only while a script
 * is resolved (evaluation never looks a name up).  Each table hashes with
 * a random key (one per thread, names.c), so where a name sits differs from run
 * to run: never walk a table's slots to make output.
 */
#ifndef COOP_NAMES_H
#define COOP_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* All zero is an empty table. */
typedef struct names {
    const char **keys;
    int *vals;
    size_t cap, n;
    uint64_t k0, k1; /* the hash's key, drawn when the table first grows */
} names;

/* Index of s, or -1. */
int names_get(const names *t, const char *s);
/* Binds s to v (s must outlive the table); returns the old value or -1. */
int names_put(names *t, const char *s, int v);
void names_free(names *t);
/* The slots looking every key up reads, summed (n when none collide): the
 * cost the tests compare. */
size_t names_probes(const names *t);

#endif
