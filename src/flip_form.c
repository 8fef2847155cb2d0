/* flip_form.c - a verdict as polytopes over the values a flip moves: a
 * symbolic evaluation of the rule into affine forms, region by region. */
#include "flip_form.h"

#include <math.h>

#include "contract.h"
#include "flip_trace.h"
#include "influence.h"
#include <stdlib.h>
#include <string.h>

/* A conjunction of constraints (indices into the pool), and a disjunction
 * of them: n 0 is false, a term of no constraint true. */
typedef struct term {
    int n;
    int *k;
} term;
typedef struct dnf {
    int n;
    term *t;
} dnf;

/* A node cut into pieces (abs, min, max, clamp, a condition read as a
 * number): the piece this region takes, of nb. */
typedef struct split {
    const rexpr *x;
    int nb, cur;
    int seen; /* met in this pass: its piece's condition is in the region */
} split;

typedef struct fx {
    /* the context read: the rule's evaluator, the rule and its tuple; in a
     * contract's conditions (contract_form), the contract's */
    evaluator *e;
    const rule_info *ru;
    const int *tup;
    const rexpr *top;                     /* the rule's `forms when` */
    const flip_input *in;
    int nin;
    arena a;
    VEC(fcons) pool;
    int status;
    const rexpr *why;
    VEC(split) sp;
    dnf region;                           /* the conditions of this pass's pieces */
    unsigned char mov_own[COOP_MAX_FACTORS], mov_f[COOP_MAX_FACTORS];
    int mov_s, nnum;
    const double *M;                      /* effective = M own, for the world's influence weights */
    double *own_M;                        /* M's storage when the weights read parameters */
    /* this pass's forms, worked out once: own and effective values, the
     * score, boolean factors as conditions */
    flin own[COOP_MAX_FACTORS], eff[COOP_MAX_FACTORS], score;
    dnf fb[COOP_MAX_FACTORS];
    unsigned char have_own[COOP_MAX_FACTORS], have_eff[COOP_MAX_FACTORS], have_fb[COOP_MAX_FACTORS];
    int have_score;
} fx;

int flip_reads_input(const rule_info *ru, const int *t, const rexpr *x, const flip_input *in)
{
    if (x->k == R_MPARAM) return in->is_param && in->mparam == x->index;
    if (in->is_param) return 0;
    if (x->k == R_ATTR)
        return !in->is_rel && x->param < ru->np && in->actor == t[x->param] && in->attr == x->attr;
    if (x->k != R_REL || !in->is_rel || in->rel != x->rel) return 0;
    for (int j = 0; j < x->nargs; j++)
        if (x->args[j] >= ru->np || in->args[j] != t[x->args[j]]) return 0;
    return 1;
}

static int input_of(const fx *f, const rexpr *x)
{
    for (int i = 0; i < f->nin; i++)
        if (flip_reads_input(f->ru, f->tup, x, &f->in[i])) return i;
    return -1;
}

/* Does x's value move with a number input (a true/false one is held)?  A
 * read across actors (an aggregate's) moves when it reads an attribute or
 * a relation an input is a value of. */
static int moving(const fx *f, const rexpr *x)
{
    const rule_info *ru = f->ru;
    switch (x->k) {
    case R_MPARAM: {
        int i = input_of(f, x);
        return i >= 0 && !f->in[i].boolean;
    }
    case R_ATTR:
    case R_REL: {
        int across = x->k == R_ATTR ? x->param >= ru->np : 0;
        for (int j = 0; x->k == R_REL && j < x->nargs; j++) across |= x->args[j] >= ru->np;
        if (!across) {
            int i = input_of(f, x);
            return i >= 0 && !f->in[i].boolean;
        }
        for (int i = 0; i < f->nin; i++)
            if (!f->in[i].boolean && !f->in[i].is_param && f->in[i].is_rel == (x->k == R_REL) &&
                (x->k == R_REL ? f->in[i].rel == x->rel : f->in[i].attr == x->attr))
                return 1;
        return 0;
    }
    case R_FACTOR: return f->mov_f[x->index];
    case R_SCORE: return f->mov_s;
    case R_CONTRACT: /* its conditions at its parties, when it binds the tuple; the award that makes its supplier */
        for (int i = 0; i < f->nin; i++)
            if (!f->in[i].boolean && flip_trace_reads(f->e->m, ru, f->tup, x, &f->in[i])) return 1;
        return 0;
    default:
        for (int i = 0; i < x->nsub; i++)
            if (moving(f, x->sub[i])) return 1;
        return 0;
    }
}

static int is_num(vtype t) { return t == T_NUM || t == T_BOOL; }

static int bad(fx *f, const rexpr *x, int status)
{
    if (f->status == FORM_OK) {
        f->status = status;
        f->why = x;
    }
    return -1;
}

/* ---- affine forms ---- */

static void lin_const(flin *l, double c)
{
    memset(l, 0, sizeof *l);
    l->c = c;
}

static int lin_is_const(const fx *f, const flin *l)
{
    for (int i = 0; i < f->nin; i++)
        if (l->a[i] != 0) return 0;
    return 1;
}

/* r += k * x */
static void lin_add(const fx *f, flin *r, double k, const flin *x)
{
    r->c += k * x->c;
    for (int i = 0; i < f->nin; i++) r->a[i] += k * x->a[i];
}

/* a - b */
static flin lin_sub(const fx *f, const flin *a, const flin *b)
{
    flin r = *a;
    lin_add(f, &r, -1, b);
    return r;
}

static flin lin_neg(const fx *f, const flin *a)
{
    flin r;
    lin_const(&r, 0);
    lin_add(f, &r, -1, a);
    return r;
}

/* ---- conditions in disjunctive normal form ---- */

static dnf d_false(void)
{
    dnf d = {0, NULL};
    return d;
}

static dnf d_true(fx *f)
{
    dnf d = {1, arena_alloc(&f->a, sizeof(term))};
    return d;
}

static int too_many(fx *f, long n)
{
    if (n <= COOP_FLIP_MAX_POLYTOPES) return 0;
    bad(f, f->top, FORM_TOO_MANY);
    return 1;
}

/* l OP 0; one that reads no input is true or false */
static dnf d_atom(fx *f, flin l, fc_op op)
{
    if (f->status) return d_false();
    if (lin_is_const(f, &l)) {
        int holds = op == FC_LT ? l.c < 0 : op == FC_LE ? l.c <= 0 : l.c == 0;
        return holds ? d_true(f) : d_false();
    }
    fcons c = {l, op};
    vec_push(f->pool, c);
    dnf d = d_true(f);
    d.t[0].n = 1;
    d.t[0].k = arena_alloc(&f->a, sizeof(int));
    d.t[0].k[0] = (int)f->pool.n - 1;
    return d;
}

static dnf d_or(fx *f, dnf a, dnf b)
{
    if (f->status || too_many(f, (long)a.n + b.n)) return d_false();
    dnf d = {a.n + b.n, arena_alloc(&f->a, ((size_t)a.n + (size_t)b.n + 1) * sizeof(term))};
    if (a.n) memcpy(d.t, a.t, (size_t)a.n * sizeof(term)); /* false's terms are NULL */
    if (b.n) memcpy(d.t + a.n, b.t, (size_t)b.n * sizeof(term));
    return d;
}

static dnf d_and(fx *f, dnf a, dnf b)
{
    if (f->status || a.n == 0 || b.n == 0 || too_many(f, (long)a.n * b.n)) return d_false();
    dnf d = {0, arena_alloc(&f->a, (size_t)a.n * (size_t)b.n * sizeof(term))};
    for (int i = 0; i < a.n; i++)
        for (int j = 0; j < b.n; j++) {
            term *t = &d.t[d.n++];
            t->k = arena_alloc(&f->a, ((size_t)a.t[i].n + (size_t)b.t[j].n + 1) * sizeof(int));
            if (a.t[i].n) memcpy(t->k, a.t[i].k, (size_t)a.t[i].n * sizeof(int)); /* true's are NULL */
            t->n = a.t[i].n;
            for (int l = 0; l < b.t[j].n; l++) {
                int dup = 0;
                for (int m = 0; m < a.t[i].n && !dup; m++) dup = t->k[m] == b.t[j].k[l];
                if (!dup) t->k[t->n++] = b.t[j].k[l];
            }
        }
    return d;
}

/* not (f OP 0) */
static dnf d_not_atom(fx *f, int k)
{
    fcons c = f->pool.v[k];
    flin neg = lin_neg(f, &c.f);
    if (c.op == FC_LE) return d_atom(f, neg, FC_LT);
    if (c.op == FC_LT) return d_atom(f, neg, FC_LE);
    dnf lt = d_atom(f, c.f, FC_LT);
    return d_or(f, lt, d_atom(f, neg, FC_LT));
}

static dnf d_not(fx *f, dnf a)
{
    dnf r = d_true(f);
    for (int i = 0; i < a.n && !f->status; i++) {
        dnf c = d_false();
        for (int j = 0; j < a.t[i].n; j++) c = d_or(f, c, d_not_atom(f, a.t[i].k[j]));
        r = d_and(f, r, c);
    }
    return f->status ? d_false() : r;
}

/* ---- pieces ---- */

/* The piece of x (of nb) this region takes; *fresh when its condition is
 * to join the region (the first time this pass meets x). */
static int piece(fx *f, const rexpr *x, int nb, int *fresh)
{
    for (size_t i = 0; i < f->sp.n; i++)
        if (f->sp.v[i].x == x) {
            *fresh = !f->sp.v[i].seen;
            f->sp.v[i].seen = 1;
            return f->sp.v[i].cur;
        }
    split s = {x, nb, 0, 1};
    vec_push(f->sp, s);
    *fresh = 1;
    return 0;
}

static void region_and(fx *f, dnf c) { f->region = d_and(f, f->region, c); }

/* ---- symbolic evaluation ---- */

static int sym_num(fx *f, const rexpr *x, flin *out);
static int sym_bool(fx *f, const rexpr *x, dnf *out);

/* What reads no moving input: its value in the world as it is. */
static int fold(fx *f, const rexpr *x, double *v)
{
    ev_fault err = {0, NULL, NULL};
    *v = ev_expr(f->e, x, NULL, NULL, &err);
    return err.kind || !isfinite(*v) ? bad(f, x, FORM_NOT_LINEAR) : 0;
}

static int own_form(fx *f, int g, flin *out)
{
    if (!f->have_own[g]) {
        if (sym_num(f, f->ru->f[g].own, &f->own[g]) < 0) return -1;
        f->have_own[g] = 1;
    }
    *out = f->own[g];
    return 0;
}

/* effective = M own */
static int eff_form(fx *f, int k, flin *out)
{
    const rule_info *ru = f->ru;
    if (!f->have_eff[k]) {
        flin r;
        lin_const(&r, 0);
        for (int g = 0; g < ru->nf; g++) {
            double w = f->M[k * ru->nf + g];
            flin o;
            if (w == 0) continue;
            if (own_form(f, g, &o) < 0) return -1;
            lin_add(f, &r, w, &o);
        }
        f->eff[k] = r;
        f->have_eff[k] = 1;
    }
    *out = f->eff[k];
    return 0;
}

/* A condition read as a number: 1 where it holds, 0 elsewhere. */
static int as_number(fx *f, const rexpr *x, flin *out)
{
    dnf c;
    if (sym_bool(f, x, &c) < 0) return -1;
    int fresh, p = piece(f, x, 2, &fresh);
    if (fresh) region_and(f, p == 0 ? c : d_not(f, c));
    lin_const(out, p == 0 ? 1 : 0);
    return f->status ? -1 : 0;
}

/* abs, min, max, clamp: the piece this region takes, its condition joined */
static int pieces(fx *f, const rexpr *x, flin *out)
{
    int n = x->nsub, fresh;
    flin *v = mem_alloc(((size_t)n + 1) * sizeof *v);
    for (int i = 0; i < n; i++)
        if (sym_num(f, x->sub[i], &v[i]) < 0) {
            free(v);
            return -1;
        }
    int p = piece(f, x, x->k == R_ABS ? 2 : x->k == R_CLAMP ? 3 : n, &fresh);
    dnf c = d_true(f);
    switch (x->k) {
    case R_ABS: /* v >= 0: v; v <= 0: -v */
        if (fresh) c = d_atom(f, p == 0 ? lin_neg(f, &v[0]) : v[0], FC_LE);
        *out = p == 0 ? v[0] : lin_neg(f, &v[0]);
        break;
    case R_MIN:
    case R_MAX: /* the argument no other is below (min) or above (max) */
        for (int j = 0; j < n && fresh; j++)
            if (j != p) c = d_and(f, c, d_atom(f, x->k == R_MAX ? lin_sub(f, &v[j], &v[p]) : lin_sub(f, &v[p], &v[j]), FC_LE));
        *out = v[p];
        break;
    default: /* clamp(v, lo, hi): v < lo ? lo : v > hi ? hi : v */
        if (fresh && p == 0) c = d_atom(f, lin_sub(f, &v[0], &v[1]), FC_LT);
        else if (fresh) {
            c = d_atom(f, lin_sub(f, &v[1], &v[0]), FC_LE);
            c = d_and(f, c, d_atom(f, p == 1 ? lin_sub(f, &v[2], &v[0]) : lin_sub(f, &v[0], &v[2]), p == 1 ? FC_LT : FC_LE));
        }
        *out = v[p == 0 ? 1 : p == 1 ? 2 : 0];
        break;
    }
    if (fresh) region_and(f, c);
    free(v);
    return f->status ? -1 : 0;
}

static int sym_num(fx *f, const rexpr *x, flin *out)
{
    if (f->status) return -1;
    if (!moving(f, x)) {
        double v;
        if (fold(f, x, &v) < 0) return -1;
        lin_const(out, v);
        return 0;
    }
    flin a, b;
    switch (x->k) {
    case R_MPARAM:
    case R_ATTR:
    case R_REL: {
        int i = input_of(f, x);
        if (i < 0) return bad(f, x, FORM_NOT_LINEAR); /* read across actors: an aggregate's */
        lin_const(out, 0);
        out->a[i] = 1;
        return 0;
    }
    case R_FACTOR: return eff_form(f, x->index, out);
    case R_SCORE:
        if (!f->have_score) {
            if (sym_num(f, f->ru->score, &f->score) < 0) return -1;
            f->have_score = 1;
        }
        *out = f->score;
        return 0;
    case R_NEG:
        if (sym_num(f, x->sub[0], &a) < 0) return -1;
        *out = lin_neg(f, &a);
        return 0;
    case R_BIN:
        if (x->op >= OP_LT) return as_number(f, x, out);
        if (sym_num(f, x->sub[0], &a) < 0 || sym_num(f, x->sub[1], &b) < 0) return -1;
        switch (x->op) {
        case OP_ADD: *out = a; lin_add(f, out, 1, &b); return 0;
        case OP_SUB: *out = lin_sub(f, &a, &b); return 0;
        case OP_MUL: /* by what does not move */
            if (lin_is_const(f, &a)) { lin_const(out, 0); lin_add(f, out, a.c, &b); return 0; }
            if (lin_is_const(f, &b)) { lin_const(out, 0); lin_add(f, out, b.c, &a); return 0; }
            return bad(f, x, FORM_NOT_LINEAR);
        default: /* OP_DIV, by what does not move and is not 0 */
            if (!lin_is_const(f, &b) || b.c == 0) return bad(f, x, FORM_NOT_LINEAR);
            lin_const(out, 0);
            lin_add(f, out, 1 / b.c, &a);
            return 0;
        }
    case R_NOT:
    case R_APPROX: return as_number(f, x, out);
    case R_CONTRACT: return x->type == T_BOOL ? as_number(f, x, out) : bad(f, x, FORM_NOT_LINEAR);
    case R_ABS:
    case R_MIN:
    case R_MAX:
    case R_CLAMP: return pieces(f, x, out);
    default: return bad(f, x, FORM_NOT_LINEAR); /* round(), an aggregate or a contract that moves, ... */
    }
}

/* A contract's query that moves (R_CONTRACT: met, violated, undetected,
 * renewed), as the tuple reads it: false where the contract does not bind
 * it; else its conditions at its parties, worked out in the contract's
 * context (its monitoring: a supplier's failure is violated where the
 * buyer sees it, undetected where not; a buyer's always violated).  Its
 * supplier must not move: an award that what moves can change is
 * FORM_AWARD. */
static int contract_form(fx *f, const rexpr *x, dnf *out)
{
    const model *m = f->e->m;
    int c = x->rule, q = x->param;
    const contract_info *ci = &m->contracts[c];
    const contracts *cs = f->e->cs;
    const contract_row *row = cs && c < cs->n ? &cs->c[c] : NULL;
    if (!row || contract_failed(row) || (q != CQ_MET && q != CQ_VIOLATED && q != CQ_UNDETECTED && q != CQ_RENEWED))
        return bad(f, x, FORM_NOT_LINEAR);
    for (int i = 0; i < f->nin; i++)
        if (!f->in[i].boolean && flip_trace_award_reads(m, c, &f->in[i])) return bad(f, x, FORM_AWARD);
    if (!contract_binds(m, c, row, f->tup, f->ru->np)) { /* void for this tuple, whatever moves */
        *out = d_false();
        return 0;
    }
    /* the contract's context, as contract.c decides its conditions */
    evaluator ce, *re = f->e;
    const rule_info *rru = f->ru;
    const int *rt = f->tup;
    contract_evaluator(&ce, m, re->w, c, row->supplier, cs);
    f->e = &ce;
    f->ru = &ci->ru;
    f->tup = ce.tuple;
    const obligation *ob = q == CQ_RENEWED ? NULL : &ci->obl[x->index];
    dnf holds = d_false(), seen = d_true(f);
    if (q == CQ_RENEWED) {
        if (ci->renew) sym_bool(f, ci->renew, &holds);
    } else {
        sym_bool(f, ob->cond, &holds);
        if (q != CQ_MET && ob->side == SIDE_SUPPLIER && ci->monitor) sym_bool(f, ci->monitor, &seen);
    }
    f->e = re;
    f->ru = rru;
    f->tup = rt;
    if (f->status) return -1;
    if (q == CQ_RENEWED || q == CQ_MET) *out = holds;
    else if (q == CQ_VIOLATED) *out = d_and(f, d_not(f, holds), seen);
    else *out = ob->side == SIDE_SUPPLIER ? d_and(f, d_not(f, holds), d_not(f, seen)) : d_false();
    return f->status ? -1 : 0;
}

static int sym_bool(fx *f, const rexpr *x, dnf *out)
{
    *out = d_false();
    if (f->status) return -1;
    if (!moving(f, x)) {
        double v;
        if (fold(f, x, &v) < 0) return -1;
        *out = v != 0 ? d_true(f) : d_false();
        return 0;
    }
    flin a, b, c;
    dnf p, q;
    switch (x->k) {
    case R_NOT:
        if (sym_bool(f, x->sub[0], &p) < 0) return -1;
        *out = d_not(f, p);
        break;
    case R_APPROX: /* |a - b| <= c */
        if (sym_num(f, x->sub[0], &a) < 0 || sym_num(f, x->sub[1], &b) < 0 || sym_num(f, x->sub[2], &c) < 0) return -1;
        {
            flin d = lin_sub(f, &a, &b), nd = lin_neg(f, &d);
            *out = d_and(f, d_atom(f, lin_sub(f, &d, &c), FC_LE), d_atom(f, lin_sub(f, &nd, &c), FC_LE));
        }
        break;
    case R_CONTRACT: return contract_form(f, x, out);
    case R_FACTOR: /* a true/false factor (no influence): its own condition */
        if (f->ru->f[x->index].type != T_BOOL) return bad(f, x, FORM_NOT_LINEAR);
        if (!f->have_fb[x->index]) {
            if (sym_bool(f, f->ru->f[x->index].own, &f->fb[x->index]) < 0) return -1;
            f->have_fb[x->index] = 1;
        }
        *out = f->fb[x->index];
        break;
    case R_BIN:
        if (x->op == OP_AND || x->op == OP_OR) {
            if (sym_bool(f, x->sub[0], &p) < 0 || sym_bool(f, x->sub[1], &q) < 0) return -1;
            *out = x->op == OP_AND ? d_and(f, p, q) : d_or(f, p, q);
            break;
        }
        if (x->op < OP_LT || !is_num(x->sub[0]->type) || !is_num(x->sub[1]->type))
            return bad(f, x, FORM_NOT_LINEAR);
        if (sym_num(f, x->sub[0], &a) < 0 || sym_num(f, x->sub[1], &b) < 0) return -1;
        {
            flin d = lin_sub(f, &a, &b), nd = lin_neg(f, &d);
            switch (x->op) {
            case OP_LT: *out = d_atom(f, d, FC_LT); break;
            case OP_LE: *out = d_atom(f, d, FC_LE); break;
            case OP_GT: *out = d_atom(f, nd, FC_LT); break;
            case OP_GE: *out = d_atom(f, nd, FC_LE); break;
            case OP_EQ: *out = d_atom(f, d, FC_EQ); break;
            default: *out = d_or(f, d_atom(f, d, FC_LT), d_atom(f, nd, FC_LT)); break; /* != */
            }
        }
        break;
    default: return bad(f, x, FORM_NOT_LINEAR);
    }
    return f->status ? -1 : 0;
}

/* ---- the regions ---- */

int flip_form(fform *out, evaluator *e, const flip_input *in, int nin, int want, arena *keep, const rexpr **why)
{
    fx *f = mem_calloc(1, sizeof *f);
    const rule_info *ru = e->ru;
    f->e = e;
    f->ru = ru;
    f->tup = e->tuple;
    f->top = ru->forms;
    f->in = in;
    f->nin = nin;
    arena_init(&f->a);
    for (int i = 0; i < nin; i++) f->nnum += !in[i].boolean;
    /* influence weights that read parameters: as the world has them (e->ew),
     * unless one moves, which makes effective values products */
    f->M = ru->M;
    int wx = 0;
    for (int k = 0; k < ru->ne; k++) {
        if (!ru->e[k].wx) continue;
        wx = 1;
        if (moving(f, ru->e[k].wx)) bad(f, ru->e[k].wx, FORM_WEIGHT);
    }
    if (wx && !f->status) {
        edge *ed = mem_alloc(((size_t)ru->ne + 1) * sizeof *ed);
        influence_result res;
        for (int k = 0; k < ru->ne; k++) {
            ed[k] = ru->e[k];
            ed[k].w = e->ew[k];
        }
        f->M = f->own_M = mem_alloc(((size_t)ru->nf * (size_t)ru->nf + 1) * sizeof *f->own_M);
        if (influence_solve(ru->nf, ed, ru->ne, f->own_M, &res) < 0) bad(f, ru->forms, FORM_NOT_LINEAR);
        free(ed);
    }
    for (int g = 0; g < ru->nf; g++) f->mov_own[g] = (unsigned char)moving(f, ru->f[g].own);
    for (int k = 0; k < ru->nf; k++)
        for (int g = 0; g < ru->nf; g++) f->mov_f[k] |= f->M[k * ru->nf + g] != 0 && f->mov_own[g];
    f->mov_s = ru->score && moving(f, ru->score);
    VEC(term) polys = {0};
    long passes = 0;
    for (; !f->status;) {
        memset(f->have_own, 0, sizeof f->have_own);
        memset(f->have_eff, 0, sizeof f->have_eff);
        memset(f->have_fb, 0, sizeof f->have_fb);
        f->have_score = 0;
        for (size_t i = 0; i < f->sp.n; i++) f->sp.v[i].seen = 0;
        f->region = d_true(f);
        dnf v;
        if (sym_bool(f, ru->forms, &v) < 0) break;
        dnf r = d_and(f, f->region, want ? v : d_not(f, v));
        if (f->status || too_many(f, (long)polys.n + r.n) || too_many(f, ++passes)) break;
        for (int i = 0; i < r.n; i++) vec_push(polys, r.t[i]);
        /* the next region: the pieces counted like an odometer's digits */
        size_t k = f->sp.n;
        while (k > 0 && ++f->sp.v[k - 1].cur == f->sp.v[k - 1].nb) f->sp.v[--k].cur = 0;
        if (k == 0) break;
    }
    int status = f->status;
    if (status == FORM_OK) {
        out->n = (int)polys.n;
        out->p = arena_alloc(keep, (polys.n + 1) * sizeof *out->p);
        for (size_t i = 0; i < polys.n; i++) {
            fcons *c = arena_alloc(keep, ((size_t)polys.v[i].n + 1) * sizeof *c);
            for (int j = 0; j < polys.v[i].n; j++) c[j] = f->pool.v[polys.v[i].k[j]];
            out->p[i].n = polys.v[i].n;
            out->p[i].c = c;
        }
    } else
        *why = f->why;
    vec_free(polys);
    free(f->own_M);
    vec_free(f->pool);
    vec_free(f->sp);
    arena_free(&f->a);
    free(f);
    return status;
}
