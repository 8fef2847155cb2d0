/*
 * world.h - the state evaluation reads: every actor's attribute values,
 * every relation's values and the model's parameters.  The model (kinds, actors, schemas, rules) is
 * fixed after load; a world is a value of it that can be cloned, changed
 * cell by cell and compared with another, so one model can be evaluated
 * against many worlds.  Evaluation only reads a world.
 *
 * Symbols and strings a change brings that the model never declared are
 * numbered after the model's own, in the world (ids from m->nsyms and
 * m->nstrs); a set of a world then has w->setwords words, which may be more
 * than a set constant of the model has: words past a set's end are empty.
 */
#ifndef COOP_WORLD_H
#define COOP_WORLD_H

#include "model.h"
#include "names.h"

/* The values set for one relation, over tuples of its arity; tuples not
 * here read the relation's default. */
typedef struct relmap {
    int arity;
    size_t cap, n;   /* cap is a power of two */
    int32_t *keys;   /* cap * arity; keys[i*arity] == -1 marks an empty slot */
    double *vals;
} relmap;

typedef VEC(char *) strlist;

struct coop_world {
    const model *m;
    int nactors, nattrs, nrels;
    double **num;          /* [attr][actor], for attributes that are not sets */
    uint64_t **set;        /* [attr][actor * setwords], for set attributes */
    unsigned char **has;   /* [attr][actor]: the actor has the attribute */
    relmap *rel;           /* [relation] values set for tuples */
    int nparams;
    double *param;         /* [nparams]: each parameter's value (model.h, param_info) */
    int setwords;          /* words per set: m->setwords or more */
    strlist xsyms, xstrs;  /* symbols and strings past the model's (owned) */
    names xsym_idx, xstr_idx;
    uint64_t version;      /* grows with every change: caches built on a
                              world check it */
    /* the version each column last changed at (world_touch): attribute a
     * is column a, relation r column nattrs + r, parameter p column
     * nattrs + nrels + p; what a rule reads is a list of them
     * (rule_deps.cols), so a cache of it outlives changes of the others
     * (world_changed_since) */
    uint64_t *stamp;
};

/* w's columns (stamp), and parameter p's. */
static inline int world_ncols(const coop_world *w) { return w->nattrs + w->nrels + w->nparams; }
static inline int world_param_col(const coop_world *w, int p) { return w->nattrs + w->nrels + p; }

/* Records a change of column col made in w: the version grows, and col's
 * stamp with it.  Every write of a value calls it (or world_rel_set). */
static inline void world_touch(coop_world *w, int col) { w->stamp[col] = ++w->version; }
/* Every column changed: w now holds values no cache of it has seen (a
 * cursor going back builds the world again: timeline.c). */
void world_touch_all(coop_world *w);
/* Has one of columns cols[0..n) changed since w had version v? */
static inline int world_changed_since(const coop_world *w, const int *cols, int n, uint64_t v)
{
    for (int i = 0; i < n; i++)
        if (w->stamp[cols[i]] > v) return 1;
    return 0;
}

/* A world of model m with every value zero, no relation value set, and
 * every parameter at its declared value. */
coop_world *world_new(const model *m);
coop_world *world_clone(const coop_world *w);
void world_free(coop_world *w);

/* Relation ri's value for actors a[0..arity): set, or the default. */
double world_rel(const coop_world *w, int ri, const int *a);
/* Is a value set for the tuple?  *v gets it. */
int world_rel_get(const coop_world *w, int ri, const int *a, double *v);
void world_rel_set(coop_world *w, int ri, const int *a, double v, int *existed);
/* Back to the default: the tuple's value is no longer set. */
void world_rel_unset(coop_world *w, int ri, const int *a);

/* The words of actor ac's set attribute at. */
static inline uint64_t *world_set_of(const coop_world *w, int at, int ac)
{
    return w->set[at] + (size_t)ac * (size_t)w->setwords;
}

/* Symbol and string ids: the model's, then the world's own. */
int world_sym_find(const coop_world *w, const char *s);
int world_sym_intern(coop_world *w, const char *s);
const char *world_sym_name(const coop_world *w, int id);
int world_nsyms(const coop_world *w);
int world_str_find(const coop_world *w, const char *s);
int world_str_intern(coop_world *w, const char *s);
const char *world_str(const coop_world *w, int id);

/* Parameter p set to v (its type's and range's checks are the caller's:
 * change.c); the world's version grows, and p's column with it. */
void world_param_set(coop_world *w, int p, double v);

/* What changed from world a to world b (of one model): called once per
 * attribute cell, once per relation tuple and once per parameter whose
 * value differs. */
typedef struct world_delta {
    void (*attr)(void *ctx, int attr, int actor);
    void (*rel)(void *ctx, int rel, const int *actors);
    void (*param)(void *ctx, int param);
    void *ctx;
} world_delta;
void world_compare(const coop_world *a, const coop_world *b, const world_delta *fn);

#endif
