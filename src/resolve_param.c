/*
 * resolve_param.c - the model's parameters, `param NAME = VALUE ["label"]
 * [range LO .. HI]`: each a number or true/false of the world that rules
 * and statements read by its name, so each name means one thing; and the
 * values that may read them without reading the world otherwise (a
 * baseline, an influence weight).
 */
#include <math.h>
#include <string.h>

#include "decl.h"
#include "eval.h"
#include "resolver.h"

/* What else the program calls `s`, said as "actor 'acme'", "factor 'trust'
 * of partnership 'alliance'"; *at gets where (line 0: built in); NULL
 * when nothing does. */
static const char *named_also(R *r, const program *p, const char *s, coop_loc *at)
{
    int k = names_get(&r->m->kind_idx, s);
    if (k >= 0) {
        *at = r->m->kinds[k].loc;
        return arena_printf(r->a, "%skind '%s'", at->line ? "" : "the built-in ", s);
    }
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        switch (d->k) {
        case D_ACTOR: case D_RELATION: case D_CONTRACT: case D_EVENT:
            if (strcmp(d->n.s, s) != 0) break;
            *at = d->n.loc;
            return arena_printf(r->a, "%s '%s'", decl_class_of(d->k)->noun, s);
        case D_RULE: case D_TENDER:
            *at = d->n.loc;
            if (strcmp(d->n.s, s) == 0) return arena_printf(r->a, "%s '%s'", decl_class_of(d->k)->noun, s);
            for (int j = 0; j < d->u.rule.nf; j++)
                if (strcmp(d->u.rule.f[j].n.s, s) == 0) {
                    *at = d->u.rule.f[j].n.loc;
                    return arena_printf(r->a, "factor '%s' of %s '%s'", s, decl_class_of(d->k)->noun, d->n.s);
                }
            for (int j = 0; j < d->u.rule.np; j++)
                if (strcmp(d->u.rule.params[j].n.s, s) == 0) {
                    *at = d->u.rule.params[j].n.loc;
                    return arena_printf(r->a, "the actor '%s' of %s '%s' (%s: %s)", s, decl_class_of(d->k)->noun, d->n.s, s,
                                        d->u.rule.params[j].kind.s);
                }
            break;
        default: break;
        }
    }
    return NULL;
}

/* Parameter pi's value and range, from declaration d: 0, or -1 after
 * saying why (it keeps 0, a number, so what reads it says nothing more). */
static int param_value(R *r, const decl *d, param_info *pi)
{
    pi->type = T_NUM;
    pi->value = 0;
    pi->lo = pi->hi = NAN;
    rexpr *x = rsv_constant(r, d->u.param.value, "a parameter's value");
    if (!x) return -1;
    if (!rsv_is_num(x->type)) {
        ERR(d->u.param.value->loc, "a parameter is a number (25%% is 0.25) or true/false, but this is %s",
            rsv_type_name(x->type));
        return -1;
    }
    pi->type = x->type;
    pi->value = x->num;
    const rangedef *rg = &d->u.param.range;
    if (!rg->lo) return 0;
    if (pi->type == T_BOOL) {
        ERR(rg->at, "parameter '%s' is true/false; a range bounds numbers", d->n.s);
        return -1;
    }
    double lo, hi;
    if (rsv_range(r, rg, &lo, &hi) < 0) return -1;
    pi->lo = lo;
    pi->hi = hi;
    if (pi->value >= lo && pi->value <= hi) return 0;
    rsv_outside(r, d->u.param.value->loc, arena_printf(r->a, "parameter '%s'", d->n.s), pi->value, lo, hi, rg->at);
    return -1;
}

void rsv_params(R *r, const program *p)
{
    model *m = r->mm;
    int n = 0;
    for (int i = 0; i < p->n; i++) n += p->v[i]->k == D_PARAM;
    m->params = arena_alloc(r->a, ((size_t)n + 1) * sizeof *m->params);
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_PARAM) continue;
        const char *s = d->n.s;
        int old = names_get(&m->param_idx, s);
        if (old >= 0) {
            ERR(d->n.loc, "parameter '%s' is declared twice", s);
            NOTE(m->params[old].loc, "the first declaration is here");
            continue;
        }
        coop_loc at = {0, 0, 0, 0};
        const char *also = named_also(r, p, s, &at);
        if (also) {
            ERR(d->n.loc, "parameter '%s' has the name of %s: a name means one thing where a value reads it; rename "
                          "one of them", s, also);
            if (at.line) NOTE(at, "%s is declared here", also);
            continue;
        }
        if (m->nparams == COOP_MAX_MODEL_PARAMS) {
            ERR(d->n.loc, "a model has at most %d parameters (COOP_MAX_MODEL_PARAMS); '%s' is one more",
                COOP_MAX_MODEL_PARAMS, s);
            r->fatal = 1;
            return;
        }
        param_info *pi = &m->params[m->nparams];
        pi->name = s;
        pi->label = d->u.param.label;
        pi->loc = d->n.loc;
        param_value(r, d, pi); /* in error it still names a parameter: its readers say nothing more */
        names_put(&m->param_idx, s, m->nparams++);
    }
}

/* Is x made of numbers, true/false and parameters alone, through
 * operators?  *reads gets 1 when it reads a parameter. */
static int params_only(const rexpr *x, int *reads)
{
    switch (x->k) {
    case R_MPARAM: *reads = 1; return 1;
    case R_CONST: return rsv_is_num(x->type);
    case R_NEG: case R_NOT: case R_ABS: case R_MIN: case R_MAX: case R_CLAMP: case R_ROUND: case R_BIN: case R_APPROX:
        for (int i = 0; i < x->nsub; i++)
            if (!params_only(x->sub[i], reads)) return 0;
        return 1;
    default: return 0;
    }
}

rexpr *rsv_param_number(R *r, const expr *e, const char *what, double *v)
{
    *v = NAN;
    rexpr *x = rsv_expr(r, e, CTX_PARAM);
    if (x->type == T_ERR) return NULL;
    if (!rsv_is_num(x->type)) {
        ERR(e->loc, "%s must be a number, but this is %s", what, rsv_type_name(x->type));
        return NULL;
    }
    if (x->k == R_CONST) {
        *v = x->num;
        return NULL;
    }
    int reads = 0;
    if (!params_only(x, &reads) || !reads) { /* a set's size: not folded, yet a constant */
        ERR(e->loc, "%s must be a constant%s", what, r->m->nparams ? " or arithmetic on parameters" : "");
        return NULL;
    }
    evaluator none; /* the parameters as declared, in the world being built */
    ev_statement(&none, r->m, r->w, NULL);
    ev_fault err = {0, NULL, NULL};
    double y = ev_expr(&none, x, NULL, NULL, &err);
    if (err.kind) {
        ERR(ev_fault_loc(&err, x), "division by zero, with the parameters as declared");
        return NULL;
    }
    if (!isfinite(y)) {
        ERR(e->loc, "%s is not a finite number with the parameters as declared", what);
        return NULL;
    }
    *v = y;
    return x;
}
