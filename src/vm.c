/* vm.c - runs compiled rule code over one tuple or coalition. */
#include "vm.h"

#include <float.h>
#include <math.h>

#include "agg.h"
#include "contract.h"

/* Bits set in x.  Without a popcount instruction (-mpopcnt) the builtin
 * becomes a library call; this SWAR form stays inline either way. */
static inline int bits(uint64_t x)
{
#ifdef __POPCNT__
    return __builtin_popcountll(x);
#else
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (int)((x * 0x0101010101010101ull) >> 56);
#endif
}

int vm_popcount(const uint64_t *a, int words)
{
    int n = 0;
    for (int i = 0; i < words; i++) n += bits(a[i]);
    return n;
}

double vm_sets(int how, const uint64_t *a, int na, const uint64_t *b, int nb)
{
    int in = 0, un = 0, ina = 0, n = na < nb ? na : nb;
    for (int i = 0; i < n; i++) {
        in += bits(a[i] & b[i]);
        un += bits(a[i] | b[i]);
        ina += bits(a[i]);
    }
    for (int i = n; i < na; i++) un += bits(a[i]), ina += bits(a[i]);
    for (int i = n; i < nb; i++) un += bits(b[i]);
    switch (how) {
    case VM_COVERS: return ina ? (double)in / ina : 1.0;
    case VM_COMMON: return in;
    default: return un ? (double)in / un : 0.0;
    }
}

double vm_round(double x, int digits)
{
    static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    double y = fabs(x) * p10[digits], f = floor(y), r = y - f;
    if (!isfinite(y)) return x;
    if (r >= 0.5 || 0.5 - r <= 8 * DBL_EPSILON * y) f += 1; /* the error of x, and of the product */
    return copysign(f / p10[digits], x);
}


/* Set operand i: its words, and in *n how many. */
static inline const uint64_t *setptr(const vm_code *c, const vm_frame *f, int i, int *n)
{
    const vm_setref *s = &c->sets[i];
    if (s->bits) {
        *n = s->nwords;
        return s->bits;
    }
    *n = f->w->setwords;
    return world_set_of(f->w, s->attr, f->tuple[s->param]);
}

/* Dispatch: with GCC or Clang each instruction jumps straight to the next
 * one's code (labels as values), which predicts far better than one shared
 * switch; other compilers get the switch. */
#if defined(__GNUC__)
#define VM_CASE(op) L_##op:
#define VM_NEXT goto *labels[(i = ip++)->op]
#define VM_LOOP VM_NEXT;
#define VM_END
#else
#define VM_CASE(op) case op:
#define VM_NEXT continue
#define VM_LOOP for (;;) { i = ip++; switch ((vm_op)i->op) {
#define VM_END } }
#endif

int vm_run(const vm_code *c, vm_frame *f)
{
    const vm_instr *code = c->code, *ip = code, *i;
    double *r = f->r;
    const int *t = f->tuple;
#if defined(__GNUC__)
    static void *const labels[] = {
        &&L_I_CONST, &&L_I_ATTR, &&L_I_REL, &&L_I_SETS, &&L_I_SIZE, &&L_I_IN, &&L_I_MOVE,
        &&L_I_NEG, &&L_I_NOT, &&L_I_ABS, &&L_I_ADD, &&L_I_SUB, &&L_I_MUL, &&L_I_DIV, &&L_I_MIN, &&L_I_MAX,
        &&L_I_ADDK, &&L_I_MULK, &&L_I_DIVK, &&L_I_KSUB, &&L_I_KDIV, &&L_I_FMA, &&L_I_CLAMP, &&L_I_ROUND,
        &&L_I_LT, &&L_I_LE, &&L_I_GT, &&L_I_GE, &&L_I_EQ, &&L_I_NE,
        &&L_I_LTK, &&L_I_LEK, &&L_I_GTK, &&L_I_GEK, &&L_I_EQK, &&L_I_NEK,
        &&L_I_LTK_JF, &&L_I_LEK_JF, &&L_I_GTK_JF, &&L_I_GEK_JF, &&L_I_EQK_JF, &&L_I_NEK_JF,
        &&L_I_TRUTH, &&L_I_JF, &&L_I_JT, &&L_I_AGG, &&L_I_HOIST, &&L_I_PARAM, &&L_I_CONTRACT,
        &&L_I_MPARAM, &&L_I_FMAW, &&L_I_RET,
    };
#endif
    VM_LOOP
    VM_CASE(I_CONST) r[i->d] = i->k; VM_NEXT;
    VM_CASE(I_ATTR) r[i->d] = f->w->num[i->b][t[i->a]]; VM_NEXT;
    VM_CASE(I_REL) {
        int act[COOP_MAX_PARAMS], arity = f->m->rels[i->a].arity;
        for (int j = 0; j < arity; j++) act[j] = t[c->args[i->b + j]];
        r[i->d] = world_rel(f->w, i->a, act);
        VM_NEXT;
    }
    VM_CASE(I_SETS) {
        int na, nb;
        const uint64_t *a = setptr(c, f, i->a, &na), *b = setptr(c, f, i->b, &nb);
        r[i->d] = vm_sets(i->c, a, na, b, nb);
        VM_NEXT;
    }
    VM_CASE(I_SIZE) {
        int n;
        const uint64_t *a = setptr(c, f, i->a, &n);
        r[i->d] = vm_popcount(a, n);
        VM_NEXT;
    }
    VM_CASE(I_IN) {
        int n;
        const uint64_t *a = setptr(c, f, i->a, &n);
        r[i->d] = vm_member(a, n, i->b);
        VM_NEXT;
    }
    VM_CASE(I_MOVE) r[i->d] = r[i->a]; VM_NEXT;
    VM_CASE(I_NEG) r[i->d] = -r[i->a]; VM_NEXT;
    VM_CASE(I_NOT) r[i->d] = r[i->a] == 0; VM_NEXT;
    VM_CASE(I_ABS) r[i->d] = fabs(r[i->a]); VM_NEXT;
    VM_CASE(I_ADD) r[i->d] = r[i->a] + r[i->b]; VM_NEXT;
    VM_CASE(I_SUB) r[i->d] = r[i->a] - r[i->b]; VM_NEXT;
    VM_CASE(I_MUL) r[i->d] = r[i->a] * r[i->b]; VM_NEXT;
    VM_CASE(I_DIV)
        if (r[i->b] == 0) { f->err_code = c; f->err_pc = (int)(i - code); return -1; }
        r[i->d] = r[i->a] / r[i->b];
        VM_NEXT;
    /* the first of equal operands, as the tree evaluator: min(0, -0) is 0,
     * and a NaN operand is kept where it comes first */
    VM_CASE(I_MIN) r[i->d] = r[i->b] < r[i->a] ? r[i->b] : r[i->a]; VM_NEXT;
    VM_CASE(I_MAX) r[i->d] = r[i->b] > r[i->a] ? r[i->b] : r[i->a]; VM_NEXT;
    VM_CASE(I_ADDK) r[i->d] = r[i->a] + i->k; VM_NEXT;
    VM_CASE(I_MULK) r[i->d] = r[i->a] * i->k; VM_NEXT;
    VM_CASE(I_DIVK) r[i->d] = r[i->a] / i->k; VM_NEXT;
    VM_CASE(I_KSUB) r[i->d] = i->k - r[i->a]; VM_NEXT;
    VM_CASE(I_KDIV)
        if (r[i->a] == 0) { f->err_code = c; f->err_pc = (int)(i - code); return -1; }
        r[i->d] = i->k / r[i->a];
        VM_NEXT;
    VM_CASE(I_FMA) r[i->d] = r[i->d] + i->k * r[i->a]; VM_NEXT;
    VM_CASE(I_CLAMP) {
        double x = r[i->a], lo = r[i->b], hi = r[i->c];
        r[i->d] = x < lo ? lo : x > hi ? hi : x;
        VM_NEXT;
    }
    VM_CASE(I_ROUND) r[i->d] = vm_round(r[i->a], i->b); VM_NEXT;
    VM_CASE(I_LT) r[i->d] = r[i->a] < r[i->b]; VM_NEXT;
    VM_CASE(I_LE) r[i->d] = r[i->a] <= r[i->b]; VM_NEXT;
    VM_CASE(I_GT) r[i->d] = r[i->a] > r[i->b]; VM_NEXT;
    VM_CASE(I_GE) r[i->d] = r[i->a] >= r[i->b]; VM_NEXT;
    VM_CASE(I_EQ) r[i->d] = r[i->a] == r[i->b]; VM_NEXT;
    VM_CASE(I_NE) r[i->d] = r[i->a] != r[i->b]; VM_NEXT;
    VM_CASE(I_LTK) r[i->d] = r[i->a] < i->k; VM_NEXT;
    VM_CASE(I_LEK) r[i->d] = r[i->a] <= i->k; VM_NEXT;
    VM_CASE(I_GTK) r[i->d] = r[i->a] > i->k; VM_NEXT;
    VM_CASE(I_GEK) r[i->d] = r[i->a] >= i->k; VM_NEXT;
    VM_CASE(I_EQK) r[i->d] = r[i->a] == i->k; VM_NEXT;
    VM_CASE(I_NEK) r[i->d] = r[i->a] != i->k; VM_NEXT;
#define VM_CMP_JF(op, cmp) \
    VM_CASE(op) if (!(r[i->d] = r[i->a] cmp i->k)) ip = code + i->b; VM_NEXT;
    VM_CMP_JF(I_LTK_JF, <)
    VM_CMP_JF(I_LEK_JF, <=)
    VM_CMP_JF(I_GTK_JF, >)
    VM_CMP_JF(I_GEK_JF, >=)
    VM_CMP_JF(I_EQK_JF, ==)
    VM_CMP_JF(I_NEK_JF, !=)
    VM_CASE(I_TRUTH) r[i->d] = r[i->d] != 0; VM_NEXT;
    VM_CASE(I_JF) if (r[i->a] == 0) ip = code + i->b; VM_NEXT;
    VM_CASE(I_JT) if (r[i->a] != 0) ip = code + i->b; VM_NEXT;
    VM_CASE(I_AGG)
        if (agg_run(f->agg[i->a], f, &r[i->d]) < 0) {
            if (f->err_pc < 0 && !f->stopped) { f->err_code = c; f->err_pc = (int)(i - code); } /* over nothing: here */
            return -1;
        }
        VM_NEXT;
    VM_CASE(I_HOIST) r[i->d] = f->hoist[i->a]; VM_NEXT;
    VM_CASE(I_PARAM) r[i->d] = t[i->a]; VM_NEXT;
    VM_CASE(I_CONTRACT) r[i->d] = contract_read(f->cs, f->m, t, f->np, (int)i->k, i->b, i->c); VM_NEXT;
    VM_CASE(I_MPARAM) r[i->d] = f->w->param[i->a]; VM_NEXT;
    /* as I_FMA: the sum of the product, so a weight read here rounds as one written */
    VM_CASE(I_FMAW) r[i->d] = r[i->d] + f->ew[i->b] * r[i->a]; VM_NEXT;
    VM_CASE(I_RET) return i->a;
    VM_END
    return -1;
}
