/*
 * vm.h - the evaluator's hot path: a rule's expressions compiled to a flat
 * register code over doubles.  Compiled once per rule at load; run once per
 * tuple (own values) and once per tuple or coalition (influence, score,
 * verdict) without allocating or looking up any name.
 */
#ifndef COOP_VM_H
#define COOP_VM_H

#include <stdint.h>

#include "coop.h"

typedef enum {
    I_CONST,   /* r[d] = k */
    I_ATTR,    /* r[d] = num[b][tuple[a]] */
    I_REL,     /* r[d] = relation a over tuple params args[b..] */
    I_SETS,    /* r[d] = measure c (vm_sets) of set a and set b */
    I_SIZE,    /* r[d] = |set a| */
    I_IN,      /* r[d] = symbol b in set a */
    I_MOVE,    /* r[d] = r[a] */
    I_NEG, I_NOT, I_ABS,
    I_ADD, I_SUB, I_MUL, I_DIV, I_MIN, I_MAX,
    I_ADDK,    /* r[d] = r[a] + k */
    I_MULK,    /* r[d] = r[a] * k */
    I_DIVK,    /* r[d] = r[a] / k */
    I_KSUB,    /* r[d] = k - r[a] */
    I_KDIV,    /* r[d] = k / r[a] */
    I_FMA,     /* r[d] = r[d] + k * r[a] */
    I_CLAMP,   /* r[d] = clamp(r[a], r[b], r[c]) */
    I_ROUND,   /* r[d] = vm_round(r[a], b digits) */
    I_LT, I_LE, I_GT, I_GE, I_EQ, I_NE,
    I_LTK, I_LEK, I_GTK, I_GEK, I_EQK, I_NEK,
    /* r[d] = r[a] op k, then jump to b if that is false: the clauses of
     * an `and` */
    I_LTK_JF, I_LEK_JF, I_GTK_JF, I_GEK_JF, I_EQK_JF, I_NEK_JF,
    I_TRUTH,   /* r[d] = r[d] != 0: the end of an `and` or `or` */
    I_JF,      /* if r[a] == 0 jump to b */
    I_JT,      /* if r[a] != 0 jump to b */
    I_AGG,     /* r[d] = aggregate a of the rule, worked out over its range (agg.h) */
    I_HOIST,   /* r[d] = hoisted aggregate a, worked out once per world */
    I_PARAM,   /* r[d] = tuple[a], an actor */
    I_CONTRACT, /* r[d] = query c of contract k's obligation b, for the tuple (contract_read) */
    I_MPARAM,  /* r[d] = the world's parameter a */
    I_FMAW,    /* r[d] = r[d] + ew[b] * r[a]: an influence whose weight reads parameters */
    I_RET      /* result in r[a] */
} vm_op;

typedef struct vm_instr {
    uint8_t op;
    uint16_t d, a, b, c;
    double k;
} vm_instr;

/* A set operand: an attribute of a tuple parameter, or a constant. */
typedef struct vm_setref {
    int param, attr;
    const uint64_t *bits; /* constant when not NULL */
    int nwords;           /* a constant's words (a world's sets have setwords) */
} vm_setref;

typedef struct vm_code {
    vm_instr *code;
    int n, cap;
    coop_loc *locs;      /* per instruction, for runtime errors */
    vm_setref *sets;
    int nsets, setcap;
    int *args;           /* relation argument parameter lists */
    int nargs, argcap;
} vm_code;

struct model;
struct agg_info;
struct contracts;

/* What one run reads: the model, the world, the tuple (np actors), the
 * register file, and the contracts decided in the world; an aggregate's
 * code runs in its parent's frame, writing the name it binds into the
 * tuple (past the np actors) and using registers above its parent's. */
typedef struct vm_frame {
    const struct model *m;
    const coop_world *w;
    int *tuple;          /* the tuple's actors, then the names aggregates bind */
    double *r;
    const double *hoist; /* the rule's hoisted aggregates' values */
    struct agg_info *const *agg; /* the rule's aggregates, for I_AGG */
    const struct contracts *cs;
    int np;
    const vm_code *err_code; /* the code of a runtime error ... */
    int err_pc;          /* ... and its instruction, or -1 */
    /* when not NULL and nonzero, an aggregate stops (looked at every
     * AGG_LOOK actors it takes) and sets stopped */
    const volatile sig_atomic_t *stop;
    int stopped;
    int left_out;        /* a bidder aggregates over a tender's bids leave out, or -1 */
    const double *ew;    /* the rule's influence weights in w, for I_FMAW (eval.h: ev_params) */
} vm_frame;

/* Runs code; returns the register index named by its I_RET, or -1 after a
 * runtime error (a division by zero, an aggregate over nothing), with
 * f->err_code and f->err_pc set, or after *f->stop stopped an aggregate
 * (f->stopped set, f->err_pc -1). */
int vm_run(const vm_code *c, vm_frame *f);

/* What two sets of words measure: |a ∩ b| / |a ∪ b| (0 when both are
 * empty), |a ∩ b| / |a| (1 when a is empty: nothing required is all
 * offered), |a ∩ b|. */
enum { VM_OVERLAP, VM_COVERS, VM_COMMON };
/* Measure how of bit sets a (na words) and b (nb words); the words past
 * the shorter one's count as 0. */
double vm_sets(int how, const uint64_t *a, int na, const uint64_t *b, int nb);
/* x rounded to `digits` decimals (0 to 15), half away from zero; a value
 * within 8 units in the last place of a half counts as the half, so that
 * 2.675, which binary stores a little below, rounds to 2.68 as written. */
double vm_round(double x, int digits);
int vm_popcount(const uint64_t *a, int words);
/* Is symbol id in the set of n words? */
static inline int vm_member(const uint64_t *a, int n, int id) { return id / 64 < n && (a[id / 64] >> (id % 64) & 1); }

#endif
