/*
 * mem.h - the one allocation funnel: checked malloc, arenas for what lives
 * as long as a loaded script, and growable arrays that double.
 */
#ifndef COOP_MEM_H
#define COOP_MEM_H

#include <stddef.h>
#include <stdlib.h>

#include "coop.h"

/* Memory ran out asking for n bytes: the handler, then abort. */
void mem_exhausted(size_t n) __attribute__((noreturn));

/* malloc/realloc that never return NULL: on exhaustion they call the
 * program's handler (coop_set_oom_handler), else abort: an out-of-memory
 * condition cannot be reported through memory we do not have. */
void *mem_alloc(size_t n);
void *mem_calloc(size_t count, size_t size);
void *mem_realloc(void *p, size_t n);
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);

/* open_memstream that never returns NULL (out of memory aborts, as
 * mem_alloc does); fclose it, then free *buf. */
#include <stdio.h>
FILE *mem_stream(char **buf, size_t *len);

/* An arena: blocks freed all at once by arena_free. */
typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
    size_t first;        /* the size of its first block; 0: ARENA_FIRST */
} arena;

void arena_init(arena *a);
/* An arena whose first block holds `first` bytes (up to the size of the
 * largest block): sized to what it will hold, where that is known, an
 * arena takes one block, without the room a doubled second one leaves. */
void arena_init_first(arena *a, size_t first);
void arena_free(arena *a);
/* Zeroed memory aligned for any type; lives until arena_free. */
void *arena_alloc(arena *a, size_t n);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A place in an arena's allocations: arena_release(a, m) takes back all
 * that was allocated after arena_top returned m (a big allocation made in
 * its own block may stay until arena_free). */
typedef struct arena_mark {
    arena_block *block;
    size_t used;
} arena_mark;
arena_mark arena_top(const arena *a);
void arena_release(arena *a, arena_mark m);

/* A growable array of T: declare with VEC(T) name; push with vec_push. */
#define VEC(T) struct { T *v; size_t n, cap; }
#define vec_push(vec, x)                                                     \
    do {                                                                     \
        if ((vec).n == (vec).cap) {                                          \
            (vec).cap = (vec).cap ? 2 * (vec).cap : 8;                       \
            (vec).v = mem_realloc((vec).v, (vec).cap * sizeof *(vec).v);     \
        }                                                                    \
        (vec).v[(vec).n++] = (x);                                            \
    } while (0)
#define vec_free(vec) (free((vec).v), (vec).v = NULL, (vec).n = (vec).cap = 0)

#endif
