/* world.c - a world: attribute columns, relation values (a default plus a
 * hash of the tuples set otherwise), and the symbols and strings a world
 * added to its model's. */
#include "world.h"

#include <stdlib.h>
#include <string.h>

/* ---- relation values ---- */

static inline size_t hash_tuple(const int *a, int arity)
{
    uint64_t h = (uint64_t)(uint32_t)a[0];
    for (int i = 1; i < arity; i++) h = (h << 32 | h >> 32) ^ (uint64_t)(uint32_t)a[i];
    h *= 0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 29));
}

static inline int same_key(const int32_t *k, const int *a, int arity)
{
    for (int j = 0; j < arity; j++)
        if (k[j] != a[j]) return 0;
    return 1;
}

/* The slot of tuple a: where it is, or the empty slot where it would go. */
static inline size_t relmap_slot(const relmap *m, const int *a)
{
    size_t mask = m->cap - 1, i = hash_tuple(a, m->arity) & mask;
    for (;;) {
        const int32_t *k = m->keys + i * (size_t)m->arity;
        if (k[0] == -1 || same_key(k, a, m->arity)) return i;
        i = (i + 1) & mask;
    }
}

int world_rel_get(const coop_world *w, int ri, const int *a, double *v)
{
    const relmap *m = &w->rel[ri];
    if (m->n == 0) return 0;
    size_t i = relmap_slot(m, a);
    if (m->keys[i * (size_t)m->arity] == -1) return 0;
    *v = m->vals[i];
    return 1;
}

double world_rel(const coop_world *w, int ri, const int *a)
{
    double v;
    return world_rel_get(w, ri, a, &v) ? v : w->m->rels[ri].def;
}

static void relmap_put(relmap *m, const int *a, double v, int *existed);

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
            relmap_put(m, a, old.vals[i], NULL);
        }
    free(old.keys);
    free(old.vals);
}

static void relmap_put(relmap *m, const int *a, double v, int *existed)
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

void world_rel_set(coop_world *w, int ri, const int *a, double v, int *existed)
{
    relmap_put(&w->rel[ri], a, v, existed);
    world_touch(w, w->nattrs + ri);
}

void world_rel_unset(coop_world *w, int ri, const int *a)
{
    relmap *m = &w->rel[ri];
    if (m->n == 0) return;
    size_t mask = m->cap - 1, i = relmap_slot(m, a), ar = (size_t)m->arity;
    if (m->keys[i * ar] == -1) return;
    /* backward-shift deletion: later members of the probe run move into
     * the hole unless they sit at or after their own home slot */
    for (size_t j = (i + 1) & mask;; j = (j + 1) & mask) {
        int32_t *kj = m->keys + j * ar;
        if (kj[0] == -1) break;
        int t[COOP_MAX_PARAMS];
        for (size_t q = 0; q < ar; q++) t[q] = kj[q];
        size_t home = hash_tuple(t, m->arity) & mask;
        /* kj may fill the hole i when its home is not in (i, j] cyclically */
        int between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (between) continue;
        memcpy(m->keys + i * ar, kj, ar * sizeof *kj);
        m->vals[i] = m->vals[j];
        i = j;
    }
    memset(m->keys + i * ar, 0xFF, ar * sizeof *m->keys);
    m->n--;
    world_touch(w, w->nattrs + ri);
}

void world_touch_all(coop_world *w)
{
    w->version++;
    for (int i = 0; i < world_ncols(w); i++) w->stamp[i] = w->version;
}

/* ---- life ---- */

coop_world *world_new(const model *m)
{
    coop_world *w = mem_calloc(1, sizeof *w);
    w->m = m;
    w->nactors = m->nactors;
    w->nattrs = m->nattrs;
    w->nrels = m->nrels;
    w->setwords = m->setwords;
    size_t na = (size_t)m->nactors + 1, sw = (size_t)m->setwords;
    w->num = mem_calloc((size_t)m->nattrs + 1, sizeof *w->num);
    w->set = mem_calloc((size_t)m->nattrs + 1, sizeof *w->set);
    w->has = mem_calloc((size_t)m->nattrs + 1, sizeof *w->has);
    for (int i = 0; i < m->nattrs; i++) {
        w->has[i] = mem_calloc(na, 1);
        if (m->attrs[i].type == T_SET) w->set[i] = mem_calloc(na * sw, sizeof(uint64_t));
        else w->num[i] = mem_calloc(na, sizeof(double));
    }
    w->rel = mem_calloc((size_t)m->nrels + 1, sizeof *w->rel);
    for (int i = 0; i < m->nrels; i++) w->rel[i].arity = m->rels[i].arity;
    w->nparams = m->nparams;
    w->param = mem_calloc((size_t)m->nparams + 1, sizeof *w->param);
    for (int i = 0; i < m->nparams; i++) w->param[i] = m->params[i].value;
    w->stamp = mem_calloc((size_t)m->nattrs + (size_t)m->nrels + (size_t)m->nparams + 1, sizeof *w->stamp);
    return w;
}

static void *dup_bytes(const void *p, size_t n)
{
    if (!p) return NULL;
    void *r = mem_alloc(n);
    memcpy(r, p, n);
    return r;
}

static void copy_strs(strlist *to, names *idx, const strlist *from)
{
    for (size_t i = 0; i < from->n; i++) {
        char *c = mem_strdup(from->v[i]);
        vec_push(*to, c);
        names_put(idx, c, (int)i);
    }
}

coop_world *world_clone(const coop_world *w)
{
    coop_world *c = mem_calloc(1, sizeof *c);
    *c = *w;
    size_t na = (size_t)w->nactors + 1, sw = (size_t)w->setwords;
    c->num = mem_calloc((size_t)w->nattrs + 1, sizeof *c->num);
    c->set = mem_calloc((size_t)w->nattrs + 1, sizeof *c->set);
    c->has = mem_calloc((size_t)w->nattrs + 1, sizeof *c->has);
    for (int i = 0; i < w->nattrs; i++) {
        c->has[i] = dup_bytes(w->has[i], na);
        c->num[i] = dup_bytes(w->num[i], na * sizeof(double));
        c->set[i] = dup_bytes(w->set[i], na * sw * sizeof(uint64_t));
    }
    c->rel = mem_calloc((size_t)w->nrels + 1, sizeof *c->rel);
    for (int i = 0; i < w->nrels; i++) {
        const relmap *r = &w->rel[i];
        c->rel[i] = *r;
        c->rel[i].keys = dup_bytes(r->keys, r->cap * (size_t)r->arity * sizeof *r->keys);
        c->rel[i].vals = dup_bytes(r->vals, r->cap * sizeof *r->vals);
    }
    c->param = dup_bytes(w->param, ((size_t)w->nparams + 1) * sizeof *w->param);
    c->stamp = dup_bytes(w->stamp, ((size_t)world_ncols(w) + 1) * sizeof *w->stamp);
    memset(&c->xsyms, 0, sizeof c->xsyms);
    memset(&c->xstrs, 0, sizeof c->xstrs);
    memset(&c->xsym_idx, 0, sizeof c->xsym_idx);
    memset(&c->xstr_idx, 0, sizeof c->xstr_idx);
    copy_strs(&c->xsyms, &c->xsym_idx, &w->xsyms);
    copy_strs(&c->xstrs, &c->xstr_idx, &w->xstrs);
    return c;
}

static void free_strs(strlist *l, names *idx)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    vec_free(*l);
    names_free(idx);
}

void world_free(coop_world *w)
{
    if (!w) return;
    for (int i = 0; i < w->nattrs; i++) {
        free(w->num[i]);
        free(w->set[i]);
        free(w->has[i]);
    }
    free(w->num);
    free(w->set);
    free(w->has);
    for (int i = 0; i < w->nrels; i++) {
        free(w->rel[i].keys);
        free(w->rel[i].vals);
    }
    free(w->rel);
    free(w->param);
    free(w->stamp);
    free_strs(&w->xsyms, &w->xsym_idx);
    free_strs(&w->xstrs, &w->xstr_idx);
    free(w);
}

void world_param_set(coop_world *w, int p, double v)
{
    w->param[p] = v;
    world_touch(w, world_param_col(w, p));
}

/* ---- symbols and strings ---- */

int world_nsyms(const coop_world *w) { return w->m->nsyms + (int)w->xsyms.n; }

int world_sym_find(const coop_world *w, const char *s)
{
    int i = names_get(&w->m->sym_idx, s);
    if (i >= 0) return i;
    i = names_get(&w->xsym_idx, s);
    return i >= 0 ? w->m->nsyms + i : -1;
}

const char *world_sym_name(const coop_world *w, int id)
{
    return id < w->m->nsyms ? w->m->syms[id] : w->xsyms.v[id - w->m->nsyms];
}

/* Every set takes `words` words from now on. */
static void widen(coop_world *w, int words)
{
    size_t na = (size_t)w->nactors + 1, old = (size_t)w->setwords, now = (size_t)words;
    for (int i = 0; i < w->nattrs; i++) {
        if (!w->set[i]) continue;
        uint64_t *s = mem_calloc(na * now, sizeof *s);
        for (size_t a = 0; a < na; a++) memcpy(s + a * now, w->set[i] + a * old, old * sizeof *s);
        free(w->set[i]);
        w->set[i] = s;
    }
    w->setwords = words;
}

int world_sym_intern(coop_world *w, const char *s)
{
    int i = world_sym_find(w, s);
    if (i >= 0) return i;
    char *c = mem_strdup(s);
    vec_push(w->xsyms, c);
    names_put(&w->xsym_idx, c, (int)w->xsyms.n - 1);
    int n = world_nsyms(w), words = (n + 63) / 64;
    if (words > w->setwords) widen(w, words);
    return n - 1;
}

int world_str_find(const coop_world *w, const char *s)
{
    int i = names_get(&w->m->str_idx, s);
    if (i >= 0) return i;
    i = names_get(&w->xstr_idx, s);
    return i >= 0 ? w->m->nstrs + i : -1;
}

int world_str_intern(coop_world *w, const char *s)
{
    int i = world_str_find(w, s);
    if (i >= 0) return i;
    char *c = mem_strdup(s);
    vec_push(w->xstrs, c);
    names_put(&w->xstr_idx, c, (int)w->xstrs.n - 1);
    return w->m->nstrs + (int)w->xstrs.n - 1;
}

const char *world_str(const coop_world *w, int id)
{
    return id < w->m->nstrs ? w->m->strs[id] : w->xstrs.v[id - w->m->nstrs];
}

/* ---- comparing ---- */

/* Do the two sets hold the same symbols?  The model's by id; the worlds'
 * own by name, since two worlds may number theirs apart. */
static int same_set(const coop_world *a, const uint64_t *x, const coop_world *b, const uint64_t *y)
{
    int ns = a->m->nsyms;
    for (int i = 0; i * 64 < ns; i++) {
        uint64_t mask = ns - i * 64 >= 64 ? ~0ull : (1ull << (ns - i * 64)) - 1;
        if ((x[i] & mask) != (y[i] & mask)) return 0;
    }
    for (int k = 0; k < 2; k++) { /* each world's own symbols, looked for in the other */
        const coop_world *p = k ? b : a, *q = k ? a : b;
        const uint64_t *s = k ? y : x, *t = k ? x : y;
        for (int id = ns; id < world_nsyms(p); id++) {
            if (!vm_member(s, p->setwords, id)) continue;
            int o = world_sym_find(q, world_sym_name(p, id));
            if (o < 0 || !vm_member(t, q->setwords, o)) return 0;
        }
    }
    return 1;
}

static int same_cell(const coop_world *a, const coop_world *b, int at, int ac)
{
    if (a->has[at][ac] != b->has[at][ac]) return 0;
    if (!a->has[at][ac]) return 1;
    vtype t = a->m->attrs[at].type;
    if (t == T_SET) return same_set(a, world_set_of(a, at, ac), b, world_set_of(b, at, ac));
    double x = a->num[at][ac], y = b->num[at][ac];
    if (t == T_STR) { /* the model's strings by id, the worlds' own by text */
        int i = (int)x, j = (int)y, ns = a->m->nstrs;
        return i < ns && j < ns ? i == j : strcmp(world_str(a, i), world_str(b, j)) == 0;
    }
    return x == y || (x != x && y != y); /* NaN equals NaN here: nothing changed */
}

static void rel_changes(const coop_world *a, const coop_world *b, int ri, const world_delta *fn, int b_only)
{
    const relmap *m = &a->rel[ri];
    int ar = m->arity;
    for (size_t i = 0; i < m->cap; i++) {
        const int32_t *k = m->keys + i * (size_t)ar;
        if (k[0] == -1) continue;
        int t[COOP_MAX_PARAMS];
        for (int j = 0; j < ar; j++) t[j] = k[j];
        double other;
        int in_b = world_rel_get(b, ri, t, &other);
        if (b_only && in_b) continue; /* seen from a's side */
        if (!in_b) other = a->m->rels[ri].def;
        if (other != m->vals[i]) fn->rel(fn->ctx, ri, t);
    }
}

void world_compare(const coop_world *a, const coop_world *b, const world_delta *fn)
{
    for (int at = 0; at < a->nattrs; at++)
        for (int ac = 0; ac < a->nactors; ac++)
            if (!same_cell(a, b, at, ac)) fn->attr(fn->ctx, at, ac);
    for (int ri = 0; ri < a->nrels; ri++) {
        rel_changes(a, b, ri, fn, 0);
        rel_changes(b, a, ri, fn, 1);
    }
    for (int p = 0; p < a->nparams; p++)
        if (a->param[p] != b->param[p]) fn->param(fn->ctx, p);
}
