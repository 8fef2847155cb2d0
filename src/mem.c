/* mem.c - checked allocation and arenas. */
#include "mem.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set by the program: called on exhaustion, it must not return.  Read
 * when memory runs out, set once before any thread starts. */
static coop_oom_handler oom;

void coop_set_oom_handler(coop_oom_handler fn) { oom = fn; }

void mem_exhausted(size_t n)
{
    if (oom) oom(n);
    abort(); /* no handler, or one that returned: nothing else is safe */
}

static void *check(void *p, size_t n)
{
    if (!p && n) mem_exhausted(n);
    return p;
}

void *mem_alloc(size_t n) { return check(malloc(n ? n : 1), n); }
void *mem_calloc(size_t c, size_t s) { return check(calloc(c ? c : 1, s ? s : 1), c * s); }
void *mem_realloc(void *p, size_t n) { return check(realloc(p, n ? n : 1), n); }
char *mem_strdup(const char *s) { return mem_strndup(s, strlen(s)); }

char *mem_strndup(const char *s, size_t n)
{
    char *r = mem_alloc(n + 1);
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

FILE *mem_stream(char **buf, size_t *len)
{
    FILE *f = open_memstream(buf, len);
    if (!f) mem_exhausted(0);
    return f;
}

struct arena_block {
    arena_block *next;
    size_t used, size;
    max_align_t data[];
};

/* Blocks start at ARENA_FIRST bytes and double up to ARENA_BLOCK: an arena
 * that holds a line typed in the REPL stays small. */
#define ARENA_FIRST 1024
#define ARENA_BLOCK 65536

void arena_init(arena *a) { arena_init_first(a, 0); }

void arena_init_first(arena *a, size_t first)
{
    a->head = NULL;
    a->first = first < ARENA_BLOCK ? first : ARENA_BLOCK;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
}

void *arena_alloc(arena *a, size_t n)
{
    const size_t al = sizeof(max_align_t);
    n = (n + al - 1) / al * al;
    arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t grow = b ? (b->size >= ARENA_BLOCK ? ARENA_BLOCK : 2 * b->size) : a->first ? a->first : ARENA_FIRST;
        size_t size = n > grow ? n : grow;
        b = mem_alloc(sizeof *b + size);
        b->size = size;
        b->used = 0;
        /* A big request gets its own block behind the current one, so the
         * current block's free space is not wasted. */
        if (a->head && n > grow) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

arena_mark arena_top(const arena *a)
{
    arena_mark m = {a->head, a->head ? a->head->used : 0};
    return m;
}

void arena_release(arena *a, arena_mark m)
{
    while (a->head && a->head != m.block) {
        arena_block *b = a->head;
        a->head = b->next;
        free(b);
    }
    if (a->head) a->head->used = m.used;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *r = arena_alloc(a, n + 1);
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *r = arena_alloc(a, (size_t)n + 1);
    vsnprintf(r, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return r;
}
