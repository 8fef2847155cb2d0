/* compile.c - resolved expressions to register code.  Constants fold into
 * the instructions that use them (x * k, x >= k), and a sum of weighted
 * factors becomes one multiply-add per term, in source order, so the result
 * is bit-identical to evaluating the tree (eval.c). */
#include "compile.h"
#include "eval.h"
#include "linear.h"

#include <stdlib.h>
#include <string.h>

typedef struct C {
    vm_code *code;
    vm_code *sets;  /* whose table holds set operands: own's, shared by post and full */
    int nf;       /* factor registers [0, nf); nf is the score */
    int next;     /* next free register */
    int max;      /* registers used */
    int overflow;
} C;

static int temp(C *c)
{
    if (c->next >= 65535) { c->overflow = 1; return 0; }
    int r = c->next++;
    if (c->next > c->max) c->max = c->next;
    return r;
}

static int emit(C *c, vm_op op, int d, int a, int b, double k, const rexpr *x)
{
    vm_code *v = c->code;
    /* operands are 16 bits wide: a rule needing more cannot be compiled */
    if (d > 65535 || a > 65535 || b > 65535 || v->n >= 65535) c->overflow = 1;
    if (v->n == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 32;
        v->code = mem_realloc(v->code, (size_t)v->cap * sizeof *v->code);
        v->locs = mem_realloc(v->locs, (size_t)v->cap * sizeof *v->locs);
    }
    vm_instr in = {(uint8_t)op, (uint16_t)d, (uint16_t)a, (uint16_t)b, 0, k};
    v->code[v->n] = in;
    coop_loc none = {0, 0, 0, 0};
    v->locs[v->n] = x && x->src ? x->src->loc : none;
    return v->n++;
}

static int setref(C *c, const rexpr *x)
{
    vm_code *v = c->sets;
    if (v->nsets == v->setcap) {
        v->setcap = v->setcap ? 2 * v->setcap : 8;
        v->sets = mem_realloc(v->sets, (size_t)v->setcap * sizeof *v->sets);
    }
    vm_setref s = {x->param, x->attr, x->k == R_SETCONST ? x->bits : NULL, x->nwords};
    v->sets[v->nsets] = s;
    return v->nsets++;
}

static void into(C *c, const rexpr *x, int d);

/* x into code of its own that returns its value's register: an
 * aggregate's condition or value, run in its parent's frame with the
 * registers above those in use where it stands. */
static void sub_code(C *c, vm_code *code, const rexpr *x)
{
    C s = *c;
    s.code = s.sets = code;
    int d = temp(&s);
    into(&s, x, d);
    emit(&s, I_RET, 0, d, 0, 0, NULL);
    if (s.max > c->max) c->max = s.max;
    c->overflow |= s.overflow;
}

static void agg_code(C *c, agg_info *a)
{
    if (a->cond) sub_code(c, &a->cond_code, a->cond);
    if (a->body) sub_code(c, &a->body_code, a->body);
}

/* The register holding x's value; factors and the score need no code. */
static int opnd(C *c, const rexpr *x)
{
    if (x->k == R_FACTOR) return x->index;
    if (x->k == R_SCORE) return c->nf;
    int r = temp(c);
    into(c, x, r);
    return r;
}

static int is_k(const rexpr *x) { return x->k == R_CONST; }

/* Is x's value always exactly 0 or 1 (a comparison, and, or, not, in)? */
static int is_truth(const rexpr *x)
{
    return (x->k == R_BIN && x->op >= OP_LT) || x->k == R_NOT || x->k == R_IN || x->k == R_APPROX;
}

static const vm_op cmp_rr[] = {I_LT, I_LE, I_GT, I_GE, I_EQ, I_NE};
static const vm_op cmp_rk[] = {I_LTK, I_LEK, I_GTK, I_GEK, I_EQK, I_NEK};
/* k < x is x > k, and so on */
static const binop flip[] = {OP_GT, OP_GE, OP_LT, OP_LE, OP_EQ, OP_NE};

static void bin(C *c, const rexpr *x, int d)
{
    const rexpr *a = x->sub[0], *b = x->sub[1], *v;
    double k;
    switch (x->op) {
    case OP_ADD:
    case OP_SUB:
        if (rx_weighted(b, &k, &v)) {
            /* a - k*v is a + (-k)*v exactly in IEEE arithmetic */
            into(c, a, d);
            emit(c, I_FMA, d, opnd(c, v), 0, x->op == OP_SUB ? -k : k, x);
        } else if (is_k(b)) {
            into(c, a, d);
            emit(c, I_ADDK, d, d, 0, x->op == OP_SUB ? -b->num : b->num, x);
        } else if (is_k(a)) {
            int rb = opnd(c, b);
            emit(c, x->op == OP_SUB ? I_KSUB : I_ADDK, d, rb, 0, a->num, x);
        } else {
            int ra = opnd(c, a), rb = opnd(c, b);
            emit(c, x->op == OP_SUB ? I_SUB : I_ADD, d, ra, rb, 0, x);
        }
        return;
    case OP_MUL:
        if (is_k(a) || is_k(b)) {
            const rexpr *kx = is_k(a) ? a : b, *vx = is_k(a) ? b : a;
            emit(c, I_MULK, d, opnd(c, vx), 0, kx->num, x);
        } else {
            int ra = opnd(c, a), rb = opnd(c, b);
            emit(c, I_MUL, d, ra, rb, 0, x);
        }
        return;
    case OP_DIV:
        if (is_k(b)) emit(c, I_DIVK, d, opnd(c, a), 0, b->num, x);
        else if (is_k(a)) emit(c, I_KDIV, d, opnd(c, b), 0, a->num, x);
        else {
            int ra = opnd(c, a), rb = opnd(c, b);
            emit(c, I_DIV, d, ra, rb, 0, x);
        }
        return;
    case OP_AND:
        /* a clause `x op k` tests and jumps in one instruction */
        if (a->k == R_BIN && a->op >= OP_LT && a->op <= OP_NE && (is_k(a->sub[1]) || is_k(a->sub[0]))) {
            int rk = is_k(a->sub[1]);
            binop op = rk ? a->op : flip[a->op - OP_LT];
            int j = emit(c, (vm_op)(I_LTK_JF + (op - OP_LT)), d, opnd(c, rk ? a->sub[0] : a->sub[1]), 0,
                         rk ? a->sub[1]->num : a->sub[0]->num, a);
            into(c, b, d);
            if (!is_truth(b)) emit(c, I_TRUTH, d, 0, 0, 0, x);
            c->code->code[j].b = (uint16_t)c->code->n;
            return;
        }
        /* fall through */
    case OP_OR: {
        /* the result is 1 or 0 even when an operand is a true/false factor
         * at a fractional baseline (a Shapley coalition) */
        into(c, a, d);
        int j = emit(c, x->op == OP_AND ? I_JF : I_JT, 0, d, 0, 0, x);
        into(c, b, d);
        int end = c->code->n;
        if (!is_truth(a) || !is_truth(b)) emit(c, I_TRUTH, d, 0, 0, 0, x);
        c->code->code[j].b = (uint16_t)end; /* onto the I_TRUTH, when there is one */
        return;
    }
    default: {
        int i = (int)x->op - OP_LT;
        if (is_k(b)) emit(c, cmp_rk[i], d, opnd(c, a), 0, b->num, x);
        else if (is_k(a)) emit(c, cmp_rk[flip[i] - OP_LT], d, opnd(c, b), 0, a->num, x);
        else {
            int ra = opnd(c, a), rb = opnd(c, b);
            emit(c, cmp_rr[i], d, ra, rb, 0, x);
        }
        return;
    }
    }
}

/* Emits code leaving x's value in register d. */
static void into(C *c, const rexpr *x, int d)
{
    int save = c->next;
    switch (x->k) {
    case R_CONST: emit(c, I_CONST, d, 0, 0, x->num, x); break;
    case R_ATTR: emit(c, I_ATTR, d, x->param, x->attr, 0, x); break;
    case R_REL: {
        vm_code *v = c->code;
        while (v->nargs + x->nargs > v->argcap) {
            v->argcap = v->argcap ? 2 * v->argcap : 16;
            v->args = mem_realloc(v->args, (size_t)v->argcap * sizeof *v->args);
        }
        memcpy(v->args + v->nargs, x->args, (size_t)x->nargs * sizeof *v->args);
        emit(c, I_REL, d, x->rel, v->nargs, 0, x);
        v->nargs += x->nargs;
        break;
    }
    case R_OVERLAP: case R_COVERS: case R_COMMON: {
        int sa = setref(c, x->sub[0]), sb = setref(c, x->sub[1]);
        int i = emit(c, I_SETS, d, sa, sb, 0, x);
        c->code->code[i].c = (uint16_t)(x->k == R_OVERLAP ? VM_OVERLAP : x->k == R_COVERS ? VM_COVERS : VM_COMMON);
        break;
    }
    case R_SIZE: emit(c, I_SIZE, d, setref(c, x->sub[0]), 0, 0, x); break;
    case R_IN: emit(c, I_IN, d, setref(c, x->sub[0]), x->index, 0, x); break;
    case R_FACTOR: case R_SCORE: emit(c, I_MOVE, d, opnd(c, x), 0, 0, x); break;
    case R_NEG: emit(c, I_NEG, d, opnd(c, x->sub[0]), 0, 0, x); break;
    case R_NOT: emit(c, I_NOT, d, opnd(c, x->sub[0]), 0, 0, x); break;
    case R_ABS: emit(c, I_ABS, d, opnd(c, x->sub[0]), 0, 0, x); break;
    case R_ROUND: emit(c, I_ROUND, d, opnd(c, x->sub[0]), x->index, 0, x); break;
    case R_MIN: case R_MAX:
        into(c, x->sub[0], d);
        for (int i = 1; i < x->nsub; i++) emit(c, x->k == R_MIN ? I_MIN : I_MAX, d, d, opnd(c, x->sub[i]), 0, x);
        break;
    case R_CLAMP: {
        int a = opnd(c, x->sub[0]), b = opnd(c, x->sub[1]), h = opnd(c, x->sub[2]);
        int i = emit(c, I_CLAMP, d, a, b, 0, x);
        c->code->code[i].c = (uint16_t)h;
        break;
    }
    case R_APPROX: {
        int a = opnd(c, x->sub[0]), b = opnd(c, x->sub[1]), t = temp(c);
        emit(c, I_SUB, t, a, b, 0, x);
        emit(c, I_ABS, t, t, 0, 0, x);
        emit(c, I_LE, d, t, opnd(c, x->sub[2]), 0, x);
        break;
    }
    case R_BIN: bin(c, x, d); break;
    case R_PARAM: emit(c, I_PARAM, d, x->param, 0, 0, x); break;
    case R_MPARAM: emit(c, I_MPARAM, d, x->index, 0, 0, x); break;
    case R_CONTRACT: {
        int i = emit(c, I_CONTRACT, d, 0, x->index < 0 ? 0 : x->index, x->rule, x);
        c->code->code[i].c = (uint16_t)x->param;
        break;
    }
    case R_AGG:
        if (x->agg->hoist >= 0) emit(c, I_HOIST, d, x->agg->hoist, 0, 0, x); /* its code: compile_rule */
        else {
            agg_code(c, x->agg);
            emit(c, I_AGG, d, x->agg->index, 0, 0, x);
        }
        break;
    default: c->overflow = 1; break; /* statement-only nodes never reach a rule */
    }
    c->next = save;
}

int compile_rule(rule_info *ru, const double *pv)
{
    C c0 = {0}, *c = &c0;
    c->nf = ru->nf;
    c->next = c->max = ru->nf + 1;

    c->code = c->sets = &ru->own;
    for (int i = 0; i < ru->nf; i++) into(c, ru->f[i].own, i);
    emit(c, I_RET, 0, 0, 0, 0, NULL);

    c->code = &ru->post;
    int nf = ru->nf;
    if (!ru->cyclic) {
        /* x_t = own_t + sum w * x_s, in topological order, in place */
        for (int h = 0; h < nf; h++) {
            int t = ru->order[h];
            for (int k = 0; k < ru->ne; k++) /* a weight that reads parameters: the world's (ev_params) */
                if (ru->e[k].to == t)
                    emit(c, ru->e[k].wx ? I_FMAW : I_FMA, t, ru->e[k].from, ru->e[k].wx ? k : 0, ru->e[k].w, NULL);
        }
    } else {
        /* x = M own, through temporaries */
        int base = c->next;
        for (int i = 0; i < nf; i++) {
            int t = temp(c);
            emit(c, I_CONST, t, 0, 0, 0, NULL);
            for (int j = 0; j < nf; j++)
                if (ru->M[i * nf + j] != 0) emit(c, I_FMA, t, j, 0, ru->M[i * nf + j], NULL);
        }
        for (int i = 0; i < nf; i++) emit(c, I_MOVE, i, base + i, 0, 0, NULL);
        c->next = base;
    }
    if (ru->score) into(c, ru->score, nf);
    int v = temp(c);
    into(c, ru->forms, v);
    emit(c, I_RET, 0, v, 0, 0, NULL);
    /* hoisted aggregates run before any tuple, from the first temporary */
    for (int i = 0; i < ru->nagg; i++) {
        c->next = nf + 1;
        if (ru->agg[i]->hoist >= 0) agg_code(c, ru->agg[i]);
    }
    ru->nregs = c->max;
    linear_rule(ru, pv);
    if (ru->lin && ru->deps.reads_params) ru->pconst = 1; /* its coefficients may read them */

    /* full = own then post, one run per tuple when own values are not kept */
    vm_code *f = &ru->full;
    f->n = f->cap = ru->own.n - 1 + ru->post.n;
    f->code = mem_alloc((size_t)f->cap * sizeof *f->code);
    f->locs = mem_alloc((size_t)f->cap * sizeof *f->locs);
    int off = ru->own.n - 1; /* drop own's RET */
    memcpy(f->code, ru->own.code, (size_t)off * sizeof *f->code);
    memcpy(f->locs, ru->own.locs, (size_t)off * sizeof *f->locs);
    memcpy(f->code + off, ru->post.code, (size_t)ru->post.n * sizeof *f->code);
    memcpy(f->locs + off, ru->post.locs, (size_t)ru->post.n * sizeof *f->locs);
    for (int i = off; i < f->n; i++)
        if (f->code[i].op == I_JF || f->code[i].op == I_JT || (f->code[i].op >= I_LTK_JF && f->code[i].op <= I_NEK_JF)) f->code[i].b = (uint16_t)(f->code[i].b + off);
    /* one set table (own's) serves all three; relation arguments are own's
     * alone (post reads only factor registers) */
    ru->post.sets = f->sets = ru->own.sets;
    ru->post.nsets = f->nsets = ru->own.nsets;
    f->args = ru->own.args;
    f->nargs = ru->own.nargs;
    return c->overflow || f->n > 65535 ? -1 : 0;
}

static void code_free(vm_code *v)
{
    free(v->code);
    free(v->locs);
    free(v->sets);
    free(v->args);
    memset(v, 0, sizeof *v);
}

void compile_free(rule_info *ru)
{
    for (int i = 0; i < ru->nagg; i++) {
        code_free(&ru->agg[i]->cond_code);
        code_free(&ru->agg[i]->body_code);
    }
    free(ru->lin);
    ru->lin = NULL;
    free(ru->full.code);
    free(ru->full.locs);
    memset(&ru->full, 0, sizeof ru->full);
    ru->post.sets = NULL; /* own's */
    code_free(&ru->post);
    code_free(&ru->own);
}
