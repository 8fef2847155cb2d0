/*
 * names.h - name tables: string to dense index, used only while a script
 * is resolved (evaluation never looks a name up).
 */
#ifndef COOP_NAMES_H
#define COOP_NAMES_H

#include <stddef.h>

typedef struct names {
    const char **keys;
    int *vals;
    size_t cap, n;
} names;

/* Index of s, or -1. */
int names_get(const names *t, const char *s);
/* Binds s to v (s must outlive the table); returns the old value or -1. */
int names_put(names *t, const char *s, int v);
void names_free(names *t);

#endif
