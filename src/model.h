/*
 * model.h - the resolved script.  The model (kinds, attribute and relation
 * schemas, rules with their factors, influence and compiled code) is fixed
 * after load; the world (actors, attribute values, relation values) is the
 * state that later events and samples change.  Evaluation reads both and
 * writes neither.  Every name is a dense index here.
 */
#ifndef COOP_MODEL_H
#define COOP_MODEL_H

#include "ast.h"
#include "diag.h"
#include "vm.h"

typedef enum { T_ERR, T_NUM, T_BOOL, T_STR, T_SET, T_FACTOR } vtype;

typedef struct kind_info {
    const char *name;
    int parent; /* -1 at a root */
    coop_loc loc;
} kind_info;

typedef struct attr_info {
    const char *name;
    vtype type; /* T_NUM, T_BOOL, T_STR (an interned string id) or T_SET */
} attr_info;

typedef struct relation_info {
    const char *name;
    coop_loc loc;
    int arity;
    int kinds[COOP_MAX_PARAMS];
    vtype type; /* T_NUM or T_BOOL */
    double def;
} relation_info;

/* ---- resolved expressions ---- */

typedef enum {
    R_ERR,        /* a node that failed to resolve */
    R_CONST,      /* num (T_NUM, T_BOOL, T_STR as string id, T_FACTOR as index) */
    R_SETCONST,   /* set literal: bits */
    R_ATTR,       /* attribute `attr` of tuple parameter `param` */
    R_ACTOR_ATTR, /* attribute `attr` of actor `actor` (statements) */
    R_REL,        /* relation `rel` over the tuple parameters args[] */
    R_REL_ACTORS, /* relation `rel` over fixed actors args[] (statements) */
    R_FACTOR,     /* effective value of factor `index` */
    R_SCORE,      /* the rule's score */
    R_NEG, R_NOT, R_BIN, R_APPROX, R_IN,
    R_ABS, R_MIN, R_MAX, R_CLAMP, R_OVERLAP, R_SIZE,
    /* statement queries over rule `rule` and, where given, tuple args[] */
    R_VERDICT, R_QSCORE, R_VALUE, R_SHAPLEY, R_DOMINANT_T, R_COUNT, R_IMPORTANCE, R_DOMINANT_R
} rkind;

typedef struct rexpr rexpr;
struct rexpr {
    rkind k;
    vtype type;
    const expr *src; /* for printing and locations */
    double num;
    const uint64_t *bits;
    int param, attr, rel, actor, index, rule;
    binop op;
    int nargs;
    int *args;     /* parameter or actor indices */
    rexpr **sub;   /* operands */
    int nsub;
};

typedef struct factor_info {
    const char *name;
    coop_loc loc;
    const expr *src;
    rexpr *own;
    double baseline;
    vtype type; /* T_BOOL when boolean and not influenced, else T_NUM */
} factor_info;

typedef struct edge { int from, to; double w; coop_loc loc; } edge;

typedef struct rule_info {
    const char *name;
    coop_loc loc;
    int np;
    const char **pnames;
    int *pkinds;
    int **cand;   /* actors matching each parameter, in declaration order */
    int *ncand;
    int *order_after; /* for each parameter, the earlier parameter of the same kind it must follow, or -1 */
    long ntuples;

    int nf;
    factor_info *f;
    int ne;
    edge *e;
    double *M;   /* nf x nf: effective = M * own, M = (I - W^T)^-1 */
    int cyclic;
    int *order;  /* factors in topological order of influence, when acyclic */

    rexpr *score; /* NULL when the rule has none */
    rexpr *forms;

    vm_code own;  /* tuple -> own values in regs[0, nf) */
    vm_code post; /* own values -> effective values, score, verdict */
    vm_code full; /* own then post in one run, when own values need not be kept */
    int nregs;    /* registers the code uses */
} rule_info;

/* ---- the world ---- */

typedef struct relmap {
    int arity;
    size_t cap, n;   /* cap is a power of two */
    int32_t *keys;   /* cap * arity; keys[i*arity] == -1 marks an empty slot */
    double *vals;
} relmap;

typedef struct actor_info {
    const char *name;
    int kind;
    const char *label;
    coop_loc loc;
} actor_info;

typedef struct world {
    int nactors;
    actor_info *actors;
    int nattrs;
    double **num;         /* [attr][actor], for non-set attributes */
    uint64_t **set;       /* [attr][actor * setwords], for set attributes */
    unsigned char **has;  /* [attr][actor]: the actor defines the attribute */
    int nrels;
    relmap *rel;          /* [relation] overrides of the default */
} world;

typedef struct model {
    int nkinds;
    kind_info *kinds;
    int nattrs;
    attr_info *attrs;
    int nrels;
    relation_info *rels;
    int nrules;
    rule_info *rules;
    int nsyms;
    const char **syms;
    int setwords; /* 64-bit words per set */
    int nstrs;
    const char **strs;
} model;

struct coop_script {
    arena mem;
    source src;
    model m;
    world w;
    program prog;
    int nstmts;
    struct stmt *stmts;
    struct query *api; /* the public API's cache of evaluators, made on first use */
};

/* A resolved statement. */
typedef struct stmt {
    dkind k;        /* S_SHOW, S_EXPLAIN, S_DOMINANCE, S_EXPECT */
    coop_loc loc;
    int rule;
    int has_tuple;
    int tuple[COOP_MAX_PARAMS];
    rexpr *e;       /* expect */
} stmt;

/* Tuple enumeration, shared by counting (resolve.c) and evaluation
 * (eval.c): a tuple never repeats an actor, and parameters of one kind take
 * each set of actors once, in declaration order.  Parameter p's candidates
 * run from rule_first(), which skips those not past the earlier parameter
 * of its kind; rule_fresh() then refuses actors already chosen. */
static inline int rule_first(const rule_info *ru, int p, const int *t)
{
    if (ru->order_after[p] < 0) return 0;
    int lo = t[ru->order_after[p]], a = 0, b = ru->ncand[p];
    while (a < b) { /* candidates are sorted */
        int mid = (a + b) / 2;
        if (ru->cand[p][mid] <= lo) a = mid + 1; else b = mid;
    }
    return a;
}

static inline int rule_fresh(int p, const int *t, int a)
{
    for (int q = 0; q < p; q++)
        if (t[q] == a) return 0;
    return 1;
}

/* Is kind k the kind `of` or below it? */
int model_is_a(const model *m, int k, int of);

/* Resolves a parsed program into s->m, s->w and s->stmts.  Returns 0 when
 * there are no errors. */
int resolve_program(coop_script *s, coop_diags *d);

/* Runs the script's statements from index `from` on, as coop_run does. */
int run_statements(coop_script *s, const coop_options *opt, coop_diags *d, int from);

/* The value of statement i (a bare expression) in *v: 0, or -1 with the
 * reason in d.  A set's members are not a number: *v is 0 for a set. */
int run_value_of(coop_script *s, int i, uint64_t seed, coop_diags *d, double *v);

/* A script of the declarations v[0..n) (nodes owned by the caller, which
 * must outlive it) from the sources joined in `src` (copied); NULL, with the
 * errors in d, when they do not resolve. */
coop_script *script_of(const source *src, decl *const *v, int n, coop_diags *d);
/* A file's bytes (malloc'd, NUL-terminated) and length; NULL, with the
 * reason in d, when it cannot be read or is over COOP_MAX_FILE_SIZE. */
char *script_read_file(const char *path, coop_diags *d, size_t *len);

/* Relation value for actors a[0..arity). */
double world_rel(const world *w, const relation_info *r, int ri, const int *a);
void relmap_set(relmap *m, const int *a, double v, int *existed);
void world_free(world *w);

#endif
