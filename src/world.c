/* world.c - the state evaluation reads: attribute columns and relation
 * values (a default plus a hash of the tuples set otherwise). */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "model.h"

static inline size_t hash_tuple(const int *a, int arity)
{
    uint64_t h = (uint64_t)(uint32_t)a[0];
    for (int i = 1; i < arity; i++) h = (h << 32 | h >> 32) ^ (uint64_t)(uint32_t)a[i];
    h *= 0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 29));
}

/* The slot of tuple a: where it is, or the empty slot where it would go. */
static inline size_t relmap_slot(const relmap *m, const int *a)
{
    size_t mask = m->cap - 1, i = hash_tuple(a, m->arity) & mask;
    for (;;) {
        const int32_t *k = m->keys + i * (size_t)m->arity;
        if (k[0] == -1) return i;
        int same = 1;
        for (int j = 0; j < m->arity; j++)
            if (k[j] != a[j]) { same = 0; break; }
        if (same) return i;
        i = (i + 1) & mask;
    }
}

double world_rel(const world *w, const relation_info *r, int ri, const int *a)
{
    const relmap *m = &w->rel[ri];
    if (m->n == 0) return r->def;
    size_t i = relmap_slot(m, a);
    return m->keys[i * (size_t)m->arity] == -1 ? r->def : m->vals[i];
}

static void relmap_grow(relmap *m)
{
    relmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 16;
    m->keys = mem_alloc(m->cap * (size_t)m->arity * sizeof *m->keys);
    m->vals = mem_alloc(m->cap * sizeof *m->vals);
    memset(m->keys, 0xFF, m->cap * (size_t)m->arity * sizeof *m->keys);
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.keys[i * (size_t)old.arity] != -1) {
            int a[COOP_MAX_PARAMS];
            for (int j = 0; j < m->arity; j++) a[j] = old.keys[i * (size_t)old.arity + (size_t)j];
            relmap_set(m, a, old.vals[i], NULL);
        }
    free(old.keys);
    free(old.vals);
}

void relmap_set(relmap *m, const int *a, double v, int *existed)
{
    if (2 * (m->n + 1) > m->cap) relmap_grow(m);
    size_t i = relmap_slot(m, a);
    int32_t *k = m->keys + i * (size_t)m->arity;
    if (existed) *existed = k[0] != -1;
    if (k[0] == -1) {
        for (int j = 0; j < m->arity; j++) k[j] = a[j];
        m->n++;
    }
    m->vals[i] = v;
}

void world_free(world *w)
{
    for (int i = 0; i < w->nattrs; i++) {
        free(w->num ? w->num[i] : NULL);
        free(w->set ? w->set[i] : NULL);
        free(w->has ? w->has[i] : NULL);
    }
    free(w->num);
    free(w->set);
    free(w->has);
    for (int i = 0; i < w->nrels; i++) {
        free(w->rel[i].keys);
        free(w->rel[i].vals);
    }
    free(w->rel);
    free(w->actors);
    memset(w, 0, sizeof *w);
}
