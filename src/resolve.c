/*
 * resolve.c - from syntax tree to model and world: every name becomes a
 * dense index, every expression is type-checked and constant-folded, and
 * each rule's influence is solved and its code compiled.  All name and type
 * errors are found here, before anything is evaluated.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "influence.h"
#include "model.h"
#include "names.h"

typedef VEC(const char *) strvec;

typedef enum { CTX_CONST, CTX_FACTOR, CTX_SCORE, CTX_FORMS, CTX_STMT } ctxkind;

typedef struct R {
    coop_script *s;
    model *m;
    world *w;
    arena *a;
    coop_diags *d;
    const source *src;
    names kinds, actors, attrs, callables, syms, strs;
    strvec symv, strv;
    /* the rule being resolved, for CTX_FACTOR / CTX_SCORE / CTX_FORMS */
    rule_info *rule;
    names params, factors;
    int fatal; /* an error after which resolving further makes no sense */
} R;

/* callables: relations are >= 0, rules are encoded as -2 - index */
#define RULE_CODE(i) (-2 - (i))

static const char *builtin_kinds[][2] = {
    {"government", NULL}, {"enterprise", NULL}, {"npo", NULL},
    {"association", "npo"}, {"public", NULL}, {"media", NULL},
};

static const char *builtin_funcs[] = {
    "abs", "min", "max", "clamp", "overlap", "size",
    "score", "value", "shapley", "dominant", "count", "importance", NULL,
};

static int is_builtin_func(const char *s)
{
    for (int i = 0; builtin_funcs[i]; i++)
        if (strcmp(builtin_funcs[i], s) == 0) return 1;
    return 0;
}

#define ERR(loc, ...) diag_at(r->d, r->src, (loc), COOP_ERROR, __VA_ARGS__)
#define NOTE(loc, ...) diag_at(r->d, r->src, (loc), COOP_NOTE, __VA_ARGS__)
#define WARN(loc, ...) diag_at(r->d, r->src, (loc), COOP_WARNING, __VA_ARGS__)

int model_is_a(const model *m, int k, int of)
{
    for (; k >= 0; k = m->kinds[k].parent)
        if (k == of) return 1;
    return 0;
}

static const char *type_name(vtype t)
{
    switch (t) {
    case T_NUM: return "a number";
    case T_BOOL: return "true/false";
    case T_STR: return "a string";
    case T_SET: return "a set";
    case T_FACTOR: return "a factor";
    default: return "an invalid value";
    }
}

static int is_num(vtype t) { return t == T_NUM || t == T_BOOL; }

/* ---- symbols and strings ---- */

static int intern(R *r, names *t, strvec *v, const char *s)
{
    int i = names_get(t, s);
    if (i >= 0) return i;
    const char *c = arena_strdup(r->a, s);
    i = (int)v->n;
    vec_push(*v, c);
    names_put(t, c, i);
    return i;
}

static void collect_syms(R *r, const expr *e)
{
    if (!e) return;
    switch (e->k) {
    case X_SET:
        for (int i = 0; i < e->u.set.n; i++) intern(r, &r->syms, &r->symv, e->u.set.v[i].s);
        break;
    case X_CALL:
        for (int i = 0; i < e->u.call.n; i++) collect_syms(r, e->u.call.args[i]);
        break;
    case X_IN:
        if (e->u.op.a->k == X_NAME) intern(r, &r->syms, &r->symv, e->u.op.a->u.id.s);
        /* fall through */
    case X_NEG: case X_NOT: case X_BIN: case X_APPROX:
        collect_syms(r, e->u.op.a);
        collect_syms(r, e->u.op.b);
        collect_syms(r, e->u.op.c);
        break;
    default: break;
    }
}

static void collect_all_syms(R *r, const program *p)
{
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        switch (d->k) {
        case D_ACTOR:
            for (int j = 0; j < d->u.actor.n; j++) collect_syms(r, d->u.actor.attrs[j].value);
            break;
        case D_RULE:
            for (int j = 0; j < d->u.rule.nf; j++) {
                collect_syms(r, d->u.rule.f[j].e);
                collect_syms(r, d->u.rule.f[j].baseline);
            }
            for (int j = 0; j < d->u.rule.ni; j++) collect_syms(r, d->u.rule.inf[j].w);
            collect_syms(r, d->u.rule.score);
            collect_syms(r, d->u.rule.forms);
            break;
        case D_RELATION: collect_syms(r, d->u.rel.def); break;
        case D_RELSET: collect_syms(r, d->u.relset.value); break;
        case S_EXPECT: case S_VALUE: collect_syms(r, d->u.expect.e); break;
        default: break;
        }
    }
}

/* ---- resolved expression nodes ---- */

static rexpr *rx(R *r, rkind k, vtype t, const expr *src)
{
    rexpr *x = arena_alloc(r->a, sizeof *x);
    x->k = k;
    x->type = t;
    x->src = src;
    x->rule = -1;
    return x;
}

static rexpr *rx_const(R *r, vtype t, double v, const expr *src)
{
    rexpr *x = rx(r, R_CONST, t, src);
    x->num = v;
    return x;
}

static rexpr *rx_err(R *r, const expr *src) { return rx(r, R_ERR, T_ERR, src); }

static void rx_subs(R *r, rexpr *x, int n)
{
    x->nsub = n;
    x->sub = arena_alloc(r->a, (size_t)n * sizeof *x->sub);
}

static rexpr *resolve(R *r, const expr *e, ctxkind ctx);

static rexpr *need(R *r, const expr *e, ctxkind ctx, int want_num, const char *what)
{
    rexpr *x = resolve(r, e, ctx);
    if (x->type == T_ERR) return x;
    if (want_num ? !is_num(x->type) : x->type != T_BOOL) {
        ERR(e->loc, "%s needs %s, but this is %s", what, want_num ? "a number" : "true/false", type_name(x->type));
        return rx_err(r, e);
    }
    return x;
}

/* Folds an operator whose operands are all constants; same arithmetic as
 * the evaluator, so folding never changes a result. */
static rexpr *fold(R *r, rexpr *x)
{
    for (int i = 0; i < x->nsub; i++)
        if (x->sub[i]->k != R_CONST || x->sub[i]->type == T_FACTOR || x->sub[i]->type == T_STR) return x;
    if (x->k == R_BIN && (x->sub[0]->type == T_STR)) return x;
    double a = x->nsub > 0 ? x->sub[0]->num : 0, b = x->nsub > 1 ? x->sub[1]->num : 0, v;
    switch (x->k) {
    case R_NEG: v = -a; break;
    case R_NOT: v = a == 0; break;
    case R_ABS: v = fabs(a); break;
    case R_MIN: v = a; for (int i = 1; i < x->nsub; i++) if (x->sub[i]->num < v) v = x->sub[i]->num; break;
    case R_MAX: v = a; for (int i = 1; i < x->nsub; i++) if (x->sub[i]->num > v) v = x->sub[i]->num; break;
    case R_CLAMP: { double hi = x->sub[2]->num; v = a < b ? b : a > hi ? hi : a; break; }
    case R_APPROX: v = fabs(a - b) <= x->sub[2]->num; break;
    case R_BIN:
        switch (x->op) {
        case OP_ADD: v = a + b; break;
        case OP_SUB: v = a - b; break;
        case OP_MUL: v = a * b; break;
        case OP_DIV:
            if (b == 0) {
                ERR(x->src->loc, "division by zero");
                return rx_err(r, x->src);
            }
            v = a / b;
            break;
        case OP_LT: v = a < b; break;
        case OP_LE: v = a <= b; break;
        case OP_GT: v = a > b; break;
        case OP_GE: v = a >= b; break;
        case OP_EQ: v = a == b; break;
        case OP_NE: v = a != b; break;
        case OP_AND: v = a != 0 && b != 0; break;
        case OP_OR: v = a != 0 || b != 0; break;
        default: return x;
        }
        break;
    default: return x;
    }
    if (!isfinite(v)) {
        ERR(x->src->loc, "this constant is %s: arithmetic on constants must stay finite", isnan(v) ? "not a number" : "infinite");
        return rx_err(r, x->src);
    }
    return rx_const(r, x->type, v, x->src);
}

static rexpr *resolve_unary(R *r, const expr *e, ctxkind ctx, rkind k, int want_num, const char *what)
{
    rexpr *a = need(r, e->u.op.a, ctx, want_num, what);
    if (a->type == T_ERR) return a;
    rexpr *x = rx(r, k, want_num ? T_NUM : T_BOOL, e);
    rx_subs(r, x, 1);
    x->sub[0] = a;
    return fold(r, x);
}

/* A bare name read as a factor of `rule` (for ==, value(), shapley()). */
static rexpr *factor_name(R *r, const expr *e, int rule)
{
    if (e->k != X_NAME) {
        ERR(e->loc, "expected a factor name of partnership '%s'", r->m->rules[rule].name);
        return rx_err(r, e);
    }
    const rule_info *ru = &r->m->rules[rule];
    for (int i = 0; i < ru->nf; i++)
        if (strcmp(ru->f[i].name, e->u.id.s) == 0) {
            rexpr *x = rx_const(r, T_FACTOR, i, e);
            x->rule = rule;
            return x;
        }
    ERR(e->loc, "partnership '%s' has no factor '%s'", ru->name, e->u.id.s);
    return rx_err(r, e);
}

static int find_rule(R *r, const expr *e)
{
    if (e->k != X_NAME) return -1;
    int c = names_get(&r->callables, e->u.id.s);
    return c <= -2 ? -2 - c : -1;
}

/* "R(a, b)" in a statement: a rule and a tuple of actors. */
static int resolve_tuple(R *r, int rule, const name *args, int n, coop_loc loc, int *out);

static rexpr *rule_call(R *r, const expr *e, int *rule_out)
{
    if (e->k == X_CALL) {
        int c = names_get(&r->callables, e->u.call.fn.s);
        if (c <= -2) {
            int rule = -2 - c;
            name args[COOP_MAX_PARAMS];
            int n = e->u.call.n;
            if (n != r->m->rules[rule].np) {
                ERR(e->loc, "partnership '%s' takes %d actors, not %d", r->m->rules[rule].name, r->m->rules[rule].np, n);
                return rx_err(r, e);
            }
            for (int i = 0; i < n; i++) {
                const expr *a = e->u.call.args[i];
                if (a->k != X_NAME) {
                    ERR(a->loc, "expected an actor name");
                    return rx_err(r, e);
                }
                args[i] = a->u.id;
            }
            rexpr *x = rx(r, R_VERDICT, T_BOOL, e);
            x->rule = rule;
            x->args = arena_alloc(r->a, sizeof(int) * COOP_MAX_PARAMS);
            x->nargs = r->m->rules[rule].np;
            if (resolve_tuple(r, rule, args, n, e->loc, x->args) < 0)
                return rx_err(r, e);
            *rule_out = rule;
            return x;
        }
    }
    ERR(e->loc, "expected a partnership applied to actors, like alliance(a, b)");
    return rx_err(r, e);
}

static rexpr *resolve_call(R *r, const expr *e, ctxkind ctx)
{
    const char *fn = e->u.call.fn.s;
    int n = e->u.call.n;
    expr **args = e->u.call.args;
    struct { const char *name; rkind k; int min, max; int sets; } math[] = {
        {"abs", R_ABS, 1, 1, 0}, {"min", R_MIN, 2, 64, 0}, {"max", R_MAX, 2, 64, 0},
        {"clamp", R_CLAMP, 3, 3, 0}, {"overlap", R_OVERLAP, 2, 2, 1}, {"size", R_SIZE, 1, 1, 1},
    };
    for (size_t i = 0; i < sizeof math / sizeof math[0]; i++) {
        if (strcmp(fn, math[i].name) != 0) continue;
        if (n < math[i].min || n > math[i].max) {
            if (math[i].min == math[i].max)
                ERR(e->loc, "%s() takes %d argument%s, not %d", fn, math[i].min, math[i].min == 1 ? "" : "s", n);
            else
                ERR(e->loc, "%s() takes %d to %d arguments, not %d", fn, math[i].min, math[i].max, n);
            return rx_err(r, e);
        }
        rexpr *x = rx(r, math[i].k, T_NUM, e);
        rx_subs(r, x, n);
        for (int j = 0; j < n; j++) {
            rexpr *a = resolve(r, args[j], ctx);
            if (a->type == T_ERR) return a;
            if (math[i].sets && a->type != T_SET) {
                ERR(args[j]->loc, "%s() needs a set, but this is %s", fn, type_name(a->type));
                return rx_err(r, e);
            }
            if (!math[i].sets && !is_num(a->type)) {
                ERR(args[j]->loc, "%s() needs a number, but this is %s", fn, type_name(a->type));
                return rx_err(r, e);
            }
            x->sub[j] = a;
        }
        return fold(r, x);
    }

    /* statement queries: on a verdict R(a, b), on a whole rule R, or either */
    static const struct {
        const char *name;
        int nargs;        /* 2: the second is a factor name */
        rkind of_tuple;   /* reading R(a, b), or R_ERR */
        rkind of_rule;    /* reading R, or R_ERR */
        vtype type;
    } queries[] = {
        {"score", 1, R_QSCORE, R_ERR, T_NUM},
        {"value", 2, R_VALUE, R_ERR, T_NUM},
        {"shapley", 2, R_SHAPLEY, R_ERR, T_NUM},
        {"dominant", 1, R_DOMINANT_T, R_DOMINANT_R, T_FACTOR},
        {"count", 1, R_ERR, R_COUNT, T_NUM},
        {"importance", 2, R_ERR, R_IMPORTANCE, T_NUM},
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        if (strcmp(fn, queries[i].name) != 0) continue;
        if (ctx != CTX_STMT) {
            ERR(e->loc, "%s() reads a verdict's analysis and can only be used in statements such as expect", fn);
            return rx_err(r, e);
        }
        int want = queries[i].nargs;
        if (n != want) {
            ERR(e->loc, "%s() takes %d argument%s, not %d", fn, want, want == 1 ? "" : "s", n);
            return rx_err(r, e);
        }
        int rule = -1;
        rexpr *x;
        if (queries[i].of_rule != R_ERR && (queries[i].of_tuple == R_ERR || args[0]->k == X_NAME)) {
            rule = find_rule(r, args[0]);
            if (rule < 0) {
                ERR(args[0]->loc, "%s() needs a partnership name here", fn);
                return rx_err(r, e);
            }
            x = rx(r, queries[i].of_rule, queries[i].type, e);
            x->rule = rule;
        } else {
            rexpr *v = rule_call(r, args[0], &rule);
            if (v->type == T_ERR) return v;
            x = rx(r, queries[i].of_tuple, queries[i].type, e);
            x->rule = rule;
            x->args = v->args;
            x->nargs = v->nargs;
            if (x->k == R_QSCORE && !r->m->rules[rule].score) {
                ERR(e->loc, "partnership '%s' has no score", r->m->rules[rule].name);
                return rx_err(r, e);
            }
        }
        if (want == 2) {
            rexpr *f = factor_name(r, args[1], rule);
            if (f->type == T_ERR) return f;
            x->index = (int)f->num;
        }
        return x;
    }

    int c = names_get(&r->callables, fn);
    if (c <= -2) {
        if (ctx != CTX_STMT) {
            ERR(e->loc, "a partnership's verdict can only be read in statements such as expect");
            return rx_err(r, e);
        }
        int rule;
        return rule_call(r, e, &rule);
    }
    if (c < 0) {
        ERR(e->u.call.fn.loc, "unknown function or relation '%s'", fn);
        return rx_err(r, e);
    }
    /* a relation */
    const relation_info *rel = &r->m->rels[c];
    if (n != rel->arity) {
        ERR(e->loc, "relation '%s' takes %d argument%s, not %d", fn, rel->arity, rel->arity == 1 ? "" : "s", n);
        return rx_err(r, e);
    }
    if (ctx != CTX_FACTOR && ctx != CTX_STMT) {
        ERR(e->loc, "relation '%s' can only be read in a factor or a statement; score and forms when read factors", fn);
        return rx_err(r, e);
    }
    rexpr *x = rx(r, ctx == CTX_FACTOR ? R_REL : R_REL_ACTORS, rel->type, e);
    x->rel = c;
    x->nargs = n;
    x->args = arena_alloc(r->a, (size_t)n * sizeof(int));
    for (int j = 0; j < n; j++) {
        const expr *a = args[j];
        const char *kname = r->m->kinds[rel->kinds[j]].name;
        if (a->k != X_NAME) {
            ERR(a->loc, "argument %d of relation '%s' must be %s", j + 1, fn,
                ctx == CTX_FACTOR ? "a parameter of the partnership" : "an actor");
            return rx_err(r, e);
        }
        int kind;
        if (ctx == CTX_FACTOR) {
            int p = names_get(&r->params, a->u.id.s);
            if (p < 0) {
                ERR(a->loc, "'%s' is not a parameter of partnership '%s'", a->u.id.s, r->rule->name);
                return rx_err(r, e);
            }
            x->args[j] = p;
            kind = r->rule->pkinds[p];
        } else {
            int ac = names_get(&r->actors, a->u.id.s);
            if (ac < 0) {
                ERR(a->loc, "unknown actor '%s'", a->u.id.s);
                return rx_err(r, e);
            }
            x->args[j] = ac;
            kind = r->w->actors[ac].kind;
        }
        if (!model_is_a(r->m, kind, rel->kinds[j])) {
            ERR(a->loc, "relation '%s' expects kind '%s' as argument %d, but '%s' is of kind '%s'", fn,
                kname, j + 1, a->u.id.s, r->m->kinds[kind].name);
            return rx_err(r, e);
        }
    }
    return x;
}

static rexpr *resolve_name(R *r, const expr *e, ctxkind ctx)
{
    const char *s = e->u.id.s;
    if (ctx == CTX_SCORE || ctx == CTX_FORMS) {
        int f = names_get(&r->factors, s);
        if (f >= 0) {
            rexpr *x = rx(r, R_FACTOR, r->rule->f[f].type, e);
            x->index = f;
            return x;
        }
        if (names_get(&r->params, s) >= 0)
            ERR(e->loc, "'%s' is a parameter; %s reads factors, not actors", s, ctx == CTX_SCORE ? "score" : "forms when");
        else
            ERR(e->loc, "partnership '%s' has no factor '%s'", r->rule->name, s);
        return rx_err(r, e);
    }
    if (ctx == CTX_FACTOR) {
        if (names_get(&r->params, s) >= 0)
            ERR(e->loc, "'%s' is an actor, not a value; read one of its attributes, like %s.capacity", s, s);
        else if (names_get(&r->factors, s) >= 0)
            ERR(e->loc, "a factor's own value cannot read another factor ('%s'); write `influence %s -> ...` instead", s, s);
        else
            ERR(e->loc, "unknown name '%s'", s);
        return rx_err(r, e);
    }
    if (ctx == CTX_STMT) {
        int fr = -1;
        for (int i = 0; i < r->m->nrules && fr < 0; i++)
            for (int j = 0; j < r->m->rules[i].nf; j++)
                if (strcmp(r->m->rules[i].f[j].name, s) == 0) { fr = i; break; }
        if (find_rule(r, e) >= 0)
            ERR(e->loc, "'%s' is a partnership; read count(%s), or a verdict like %s(a, b)", s, s, s);
        else if (names_get(&r->actors, s) >= 0)
            ERR(e->loc, "'%s' is an actor, not a value; read one of its attributes, like %s.%s", s, s,
                r->m->nattrs ? r->m->attrs[0].name : "capacity");
        else if (fr >= 0)
            ERR(e->loc, "'%s' is a factor of partnership '%s'; read its value for a tuple as value(%s(a, b), %s)", s,
                r->m->rules[fr].name, r->m->rules[fr].name, s);
        else
            ERR(e->loc, "unknown name '%s'", s);
        return rx_err(r, e);
    }
    ERR(e->loc, "expected a constant, not the name '%s'", s);
    return rx_err(r, e);
}

static rexpr *resolve_attr(R *r, const expr *e, ctxkind ctx)
{
    const char *obj = e->u.attr.obj.s, *an = e->u.attr.attr.s;
    if (ctx == CTX_CONST) {
        ERR(e->loc, "expected a constant, not the attribute %s.%s", obj, an);
        return rx_err(r, e);
    }
    if (ctx != CTX_FACTOR && ctx != CTX_STMT) {
        ERR(e->loc, "%s reads factors, not attributes; define a factor for %s.%s",
            ctx == CTX_SCORE ? "score" : "forms when", obj, an);
        return rx_err(r, e);
    }
    int at = names_get(&r->attrs, an);
    if (ctx == CTX_FACTOR) {
        int p = names_get(&r->params, obj);
        if (p < 0) {
            ERR(e->u.attr.obj.loc, "'%s' is not a parameter of partnership '%s'", obj, r->rule->name);
            return rx_err(r, e);
        }
        if (at < 0) {
            ERR(e->u.attr.attr.loc, "unknown attribute '%s': no actor declares it", an);
            return rx_err(r, e);
        }
        if (r->m->attrs[at].type == T_ERR) return rx_err(r, e); /* its values are in error */
        /* Every actor the parameter can match must define the attribute. */
        for (int i = 0; i < r->rule->ncand[p]; i++) {
            int ac = r->rule->cand[p][i];
            if (!r->w->has[at][ac]) {
                ERR(e->loc, "actor '%s' (%s) has no attribute '%s', which partnership '%s' reads as %s.%s",
                    r->w->actors[ac].name, r->m->kinds[r->w->actors[ac].kind].name, an, r->rule->name, obj, an);
                NOTE(r->w->actors[ac].loc, "actor '%s' is declared here", r->w->actors[ac].name);
                return rx_err(r, e);
            }
        }
        rexpr *x = rx(r, R_ATTR, r->m->attrs[at].type, e);
        x->param = p;
        x->attr = at;
        return x;
    }
    int ac = names_get(&r->actors, obj);
    if (ac < 0) {
        ERR(e->u.attr.obj.loc, "unknown actor '%s'", obj);
        return rx_err(r, e);
    }
    if (at < 0 || !r->w->has[at][ac]) {
        ERR(e->u.attr.attr.loc, "actor '%s' has no attribute '%s'", obj, an);
        return rx_err(r, e);
    }
    if (r->m->attrs[at].type == T_ERR) return rx_err(r, e);
    rexpr *x = rx(r, R_ACTOR_ATTR, r->m->attrs[at].type, e);
    x->actor = ac;
    x->attr = at;
    return x;
}

static rexpr *resolve_bin(R *r, const expr *e, ctxkind ctx)
{
    binop op = e->u.op.op;
    const expr *ea = e->u.op.a, *eb = e->u.op.b;
    rexpr *a, *b;
    if (op == OP_AND || op == OP_OR) {
        const char *w = op == OP_AND ? "'and'" : "'or'";
        a = need(r, ea, ctx, 0, w);
        b = need(r, eb, ctx, 0, w);
    } else if (op == OP_EQ || op == OP_NE) {
        /* A factor compares with a bare factor name of the same rule. */
        if (ea->k == X_NAME && ctx == CTX_STMT) {
            b = resolve(r, eb, ctx);
            if (b->type == T_ERR) return b;
            a = b->type == T_FACTOR ? factor_name(r, ea, b->rule) : resolve(r, ea, ctx);
        } else {
            a = resolve(r, ea, ctx);
            if (a->type == T_ERR) return a;
            b = a->type == T_FACTOR && eb->k == X_NAME ? factor_name(r, eb, a->rule) : resolve(r, eb, ctx);
        }
        if (a->type == T_ERR || b->type == T_ERR) return rx_err(r, e);
        int ok = (is_num(a->type) && is_num(b->type)) || (a->type == b->type && a->type != T_SET);
        if (a->type == T_FACTOR && b->type == T_FACTOR && a->rule != b->rule) ok = 0;
        if (!ok) {
            if (a->type == T_FACTOR && b->type == T_FACTOR)
                ERR(e->loc, "cannot compare a factor of partnership '%s' with one of partnership '%s'",
                    r->m->rules[a->rule].name, r->m->rules[b->rule].name);
            else
                ERR(e->loc, "cannot compare %s with %s", type_name(a->type), type_name(b->type));
            return rx_err(r, e);
        }
    } else {
        int cmp = op >= OP_LT;
        const char *w = cmp ? "a comparison" : "arithmetic";
        a = need(r, ea, ctx, 1, w);
        b = need(r, eb, ctx, 1, w);
    }
    if (a->type == T_ERR || b->type == T_ERR) return rx_err(r, e);
    if (op == OP_DIV && b->k == R_CONST && b->num == 0) {
        ERR(e->loc, "division by zero");
        return rx_err(r, e);
    }
    rexpr *x = rx(r, R_BIN, op >= OP_LT ? T_BOOL : T_NUM, e);
    x->op = op;
    rx_subs(r, x, 2);
    x->sub[0] = a;
    x->sub[1] = b;
    if (a->type == T_STR && a->k == R_CONST && b->k == R_CONST) /* fold string equality */
        return rx_const(r, T_BOOL, (a->num == b->num) == (op == OP_EQ), e);
    return fold(r, x);
}

static rexpr *resolve(R *r, const expr *e, ctxkind ctx)
{
    switch (e->k) {
    case X_NUM: return rx_const(r, T_NUM, e->u.num, e);
    case X_BOOL: return rx_const(r, T_BOOL, e->u.num, e);
    case X_STR: return rx_const(r, T_STR, intern(r, &r->strs, &r->strv, e->u.str), e);
    case X_SET: {
        rexpr *x = rx(r, R_SETCONST, T_SET, e);
        uint64_t *bits = arena_alloc(r->a, (size_t)r->m->setwords * sizeof *bits + 8);
        for (int i = 0; i < e->u.set.n; i++) {
            int s = names_get(&r->syms, e->u.set.v[i].s);
            if (s >= 0) bits[s / 64] |= 1ull << (s % 64); /* every symbol was collected first */
        }
        x->bits = bits;
        return x;
    }
    case X_NAME: return resolve_name(r, e, ctx);
    case X_SCORE:
        if (ctx != CTX_FORMS) {
            ERR(e->loc, ctx == CTX_STMT ? "read a verdict's score as score(R(a, b))"
                                        : "'score' can only be read in forms when");
            return rx_err(r, e);
        }
        if (!r->rule->score) {
            ERR(e->loc, "partnership '%s' has no score to read", r->rule->name);
            return rx_err(r, e);
        }
        return rx(r, R_SCORE, T_NUM, e);
    case X_ATTR: return resolve_attr(r, e, ctx);
    case X_CALL: return resolve_call(r, e, ctx);
    case X_NEG: return resolve_unary(r, e, ctx, R_NEG, 1, "'-'");
    case X_NOT: return resolve_unary(r, e, ctx, R_NOT, 0, "'not'");
    case X_BIN: return resolve_bin(r, e, ctx);
    case X_APPROX: {
        rexpr *x = rx(r, R_APPROX, T_BOOL, e);
        rx_subs(r, x, 3);
        x->sub[0] = need(r, e->u.op.a, ctx, 1, "'~='");
        x->sub[1] = need(r, e->u.op.b, ctx, 1, "'~='");
        x->sub[2] = need(r, e->u.op.c, ctx, 1, "'within'");
        for (int i = 0; i < 3; i++) if (x->sub[i]->type == T_ERR) return x->sub[i];
        if (x->sub[2]->k == R_CONST && x->sub[2]->num < 0) {
            ERR(e->u.op.c->loc, "a tolerance cannot be negative");
            return rx_err(r, e);
        }
        return fold(r, x);
    }
    case X_IN: {
        const expr *s = e->u.op.a;
        if (s->k != X_NAME) {
            ERR(s->loc, "the left of 'in' must be a symbol, like elderly in n.concerns");
            return rx_err(r, e);
        }
        rexpr *set = resolve(r, e->u.op.b, ctx);
        if (set->type == T_ERR) return set;
        if (set->type != T_SET) {
            ERR(e->u.op.b->loc, "the right of 'in' must be a set, but this is %s", type_name(set->type));
            return rx_err(r, e);
        }
        rexpr *x = rx(r, R_IN, T_BOOL, e);
        x->index = names_get(&r->syms, s->u.id.s);
        rx_subs(r, x, 1);
        x->sub[0] = set;
        return x;
    }
    }
    return rx_err(r, e);
}

/* A constant: folds e and returns it, or reports and returns NULL. */
static rexpr *constant(R *r, const expr *e, const char *what)
{
    rexpr *x = resolve(r, e, CTX_CONST);
    if (x->type == T_ERR) return NULL;
    if (x->k != R_CONST && x->k != R_SETCONST) {
        ERR(e->loc, "%s must be a constant", what);
        return NULL;
    }
    return x;
}

static double number(R *r, const expr *e, const char *what, double dflt)
{
    if (!e) return dflt;
    rexpr *x = constant(r, e, what);
    if (!x) return dflt;
    if (!is_num(x->type)) {
        ERR(e->loc, "%s must be a number, but this is %s", what, type_name(x->type));
        return dflt;
    }
    return x->num;
}

/* ---- declarations ---- */

static void declare_kinds(R *r, const program *p)
{
    model *m = r->m;
    int n = 0;
    for (int i = 0; i < p->n; i++) n += p->v[i]->k == D_KIND;
    int nb = (int)(sizeof builtin_kinds / sizeof builtin_kinds[0]);
    m->kinds = arena_alloc(r->a, (size_t)(nb + n) * sizeof *m->kinds);
    for (int i = 0; i < nb; i++) {
        m->kinds[i].name = builtin_kinds[i][0];
        m->kinds[i].parent = builtin_kinds[i][1] ? names_get(&r->kinds, builtin_kinds[i][1]) : -1;
        names_put(&r->kinds, m->kinds[i].name, i);
    }
    m->nkinds = nb;
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_KIND) continue;
        int old = names_get(&r->kinds, d->n.s);
        if (old >= 0) {
            if (old < nb)
                ERR(d->n.loc, "'%s' is a built-in kind", d->n.s);
            else {
                ERR(d->n.loc, "kind '%s' is declared twice", d->n.s);
                NOTE(m->kinds[old].loc, "the first declaration is here");
            }
            continue;
        }
        kind_info *k = &m->kinds[m->nkinds];
        k->name = d->n.s;
        k->loc = d->loc;
        k->parent = -1;
        names_put(&r->kinds, d->n.s, m->nkinds++);
    }
    /* Parents may be declared later in the file; a cycle is an error. */
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_KIND || !d->u.kind.has_parent) continue;
        int k = names_get(&r->kinds, d->n.s);
        if (k < nb || m->kinds[k].loc.line != d->loc.line || m->kinds[k].loc.col != d->loc.col) continue;
        int par = names_get(&r->kinds, d->u.kind.parent.s);
        if (par < 0) {
            ERR(d->u.kind.parent.loc, "unknown kind '%s'", d->u.kind.parent.s);
            continue;
        }
        if (par == k) {
            ERR(d->u.kind.parent.loc, "kind '%s' cannot be its own parent", d->n.s);
            continue;
        }
        /* walk up from the parent, no further than the limit */
        int steps = 0, x = par;
        while (x >= 0 && x != k && steps <= COOP_MAX_KIND_DEPTH) { x = m->kinds[x].parent; steps++; }
        if (x == k) {
            ERR(d->u.kind.parent.loc, "kind '%s' cannot be below '%s': '%s' is already below '%s'",
                d->n.s, d->u.kind.parent.s, d->u.kind.parent.s, d->n.s);
            continue;
        }
        if (x >= 0) {
            ERR(d->u.kind.parent.loc, "kinds nest more than %d deep here; the limit is %d", COOP_MAX_KIND_DEPTH,
                COOP_MAX_KIND_DEPTH);
            continue;
        }
        m->kinds[k].parent = par;
    }
    /* parents declared after their children can still make a chain too deep */
    for (int k = nb; k < m->nkinds; k++) {
        int steps = 0;
        for (int x = m->kinds[k].parent; x >= 0 && steps <= COOP_MAX_KIND_DEPTH; x = m->kinds[x].parent) steps++;
        if (steps > COOP_MAX_KIND_DEPTH) {
            ERR(m->kinds[k].loc, "kind '%s' is more than %d kinds below its root; the limit is %d", m->kinds[k].name,
                COOP_MAX_KIND_DEPTH, COOP_MAX_KIND_DEPTH);
            m->kinds[k].parent = -1; /* so later walks stay short */
        }
    }
}

static void declare_actors(R *r, const program *p)
{
    model *m = r->m;
    world *w = r->w;
    int n = 0;
    for (int i = 0; i < p->n; i++) n += p->v[i]->k == D_ACTOR;
    w->actors = mem_calloc((size_t)n + 1, sizeof *w->actors);
    VEC(const decl *) decls = {0};
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_ACTOR) continue;
        int kind = names_get(&r->kinds, d->u.actor.kind.s);
        if (kind < 0) {
            ERR(d->u.actor.kind.loc, "unknown kind '%s'", d->u.actor.kind.s);
            continue;
        }
        int old = names_get(&r->actors, d->n.s);
        if (old >= 0) {
            ERR(d->n.loc, "actor '%s' is declared twice", d->n.s);
            NOTE(w->actors[old].loc, "the first declaration is here");
            continue;
        }
        actor_info *a = &w->actors[w->nactors];
        a->name = d->n.s;
        a->kind = kind;
        a->label = d->u.actor.label;
        a->loc = d->n.loc;
        names_put(&r->actors, d->n.s, w->nactors++);
        vec_push(decls, d);
    }
    /* Attribute schema: a name has one type across all actors (true/false
     * mixed with numbers makes a number). */
    VEC(attr_info) attrs = {0};
    VEC(coop_loc) first = {0};
    VEC(rexpr *) vals = {0}; /* each attribute value, in declaration order */
    for (size_t i = 0; i < decls.n; i++) {
        const decl *d = decls.v[i];
        for (int j = 0; j < d->u.actor.n; j++) {
            const attrdef *ad = &d->u.actor.attrs[j];
            for (int k = 0; k < j; k++)
                if (strcmp(d->u.actor.attrs[k].n.s, ad->n.s) == 0) {
                    ERR(ad->n.loc, "actor '%s' sets attribute '%s' twice", d->n.s, ad->n.s);
                    break;
                }
            rexpr *x = constant(r, ad->value, "an attribute's value");
            vec_push(vals, x);
            /* a value in error still declares the name (as T_ERR), so
             * rules reading it do not add a "no attribute" error */
            vtype t = x ? x->type : T_ERR;
            int at = names_get(&r->attrs, ad->n.s);
            if (at >= 0 && (t == T_ERR || attrs.v[at].type == T_ERR)) {
                if (attrs.v[at].type == T_ERR && t != T_ERR) {
                    attrs.v[at].type = t; /* the first value that worked sets the type */
                    first.v[at] = ad->n.loc;
                }
                continue;
            }
            if (at < 0) {
                attr_info ai = {ad->n.s, t};
                at = (int)attrs.n;
                vec_push(attrs, ai);
                vec_push(first, ad->n.loc);
                names_put(&r->attrs, ad->n.s, at);
            } else if (attrs.v[at].type != t) {
                if (is_num(t) && is_num(attrs.v[at].type)) attrs.v[at].type = T_NUM;
                else {
                    ERR(ad->value->loc, "attribute '%s' is %s here but %s where it first appears",
                        ad->n.s, type_name(t), type_name(attrs.v[at].type));
                    NOTE(first.v[at], "'%s' first appears here", ad->n.s);
                }
            }
        }
    }
    if ((long)attrs.n * w->nactors > COOP_MAX_ATTR_CELLS) {
        ERR(first.v[0], "%d actors with %zu attribute names make %ld attribute cells; the limit is %ld",
            w->nactors, attrs.n, (long)attrs.n * w->nactors, COOP_MAX_ATTR_CELLS);
        attrs.n = 0; /* store none: the script does not load */
        names_free(&r->attrs);
        r->fatal = 1;
    }
    m->nattrs = w->nattrs = (int)attrs.n;
    m->attrs = arena_alloc(r->a, (attrs.n + 1) * sizeof *m->attrs);
    if (attrs.n) memcpy(m->attrs, attrs.v, attrs.n * sizeof *m->attrs);
    w->num = mem_calloc(attrs.n + 1, sizeof *w->num);
    w->set = mem_calloc(attrs.n + 1, sizeof *w->set);
    w->has = mem_calloc(attrs.n + 1, sizeof *w->has);
    size_t na = (size_t)w->nactors + 1, sw = (size_t)m->setwords;
    for (size_t i = 0; i < attrs.n; i++) {
        w->has[i] = mem_calloc(na, 1);
        if (attrs.v[i].type == T_SET) w->set[i] = mem_calloc(na * sw, sizeof(uint64_t));
        else w->num[i] = mem_calloc(na, sizeof(double));
    }
    size_t vi = 0;
    for (size_t i = 0; i < decls.n; i++) {
        const decl *d = decls.v[i];
        for (int j = 0; j < d->u.actor.n; j++) {
            const attrdef *ad = &d->u.actor.attrs[j];
            int at = names_get(&r->attrs, ad->n.s);
            rexpr *x = vals.v[vi++];
            if (at < 0) continue;
            w->has[at][i] = 1; /* even when the value is in error: see above */
            if (!x || (x->type == T_SET) != (m->attrs[at].type == T_SET)) continue;
            if (m->attrs[at].type == T_SET) {
                if (x->k == R_SETCONST) memcpy(w->set[at] + i * sw, x->bits, sw * sizeof(uint64_t));
            } else
                w->num[at][i] = x->num;
        }
    }
    vec_free(decls);
    vec_free(attrs);
    vec_free(first);
    vec_free(vals);
}

static void declare_relations(R *r, const program *p)
{
    model *m = r->m;
    world *w = r->w;
    int n = 0;
    for (int i = 0; i < p->n; i++) n += p->v[i]->k == D_RELATION;
    m->rels = arena_alloc(r->a, (size_t)(n + 1) * sizeof *m->rels);
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_RELATION) continue;
        if (is_builtin_func(d->n.s)) {
            ERR(d->n.loc, "'%s' is a built-in function and cannot name a relation", d->n.s);
            continue;
        }
        int old = names_get(&r->callables, d->n.s);
        if (old >= 0) {
            ERR(d->n.loc, "relation '%s' is declared twice", d->n.s);
            NOTE(m->rels[old].loc, "the first declaration is here");
            continue;
        }
        if (d->u.rel.n > COOP_MAX_PARAMS) {
            ERR(d->n.loc, "relation '%s' has %d arguments; the limit is %d", d->n.s, d->u.rel.n, COOP_MAX_PARAMS);
            continue;
        }
        relation_info *rel = &m->rels[m->nrels];
        rel->name = d->n.s;
        rel->loc = d->n.loc;
        rel->arity = d->u.rel.n;
        int ok = 1;
        for (int j = 0; j < d->u.rel.n; j++) {
            rel->kinds[j] = names_get(&r->kinds, d->u.rel.kinds[j].s);
            if (rel->kinds[j] < 0) {
                ERR(d->u.rel.kinds[j].loc, "unknown kind '%s'", d->u.rel.kinds[j].s);
                ok = 0;
            }
        }
        rexpr *x = constant(r, d->u.rel.def, "a relation's default");
        if (x && !is_num(x->type)) {
            ERR(d->u.rel.def->loc, "a relation's default must be a number or true/false, but this is %s", type_name(x->type));
            x = NULL;
        }
        if (!ok || !x) continue;
        rel->type = x->type;
        rel->def = x->num;
        names_put(&r->callables, d->n.s, m->nrels++);
    }
    w->nrels = m->nrels;
    w->rel = mem_calloc((size_t)m->nrels + 1, sizeof *w->rel);
    for (int i = 0; i < m->nrels; i++) w->rel[i].arity = m->rels[i].arity;

    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_RELSET) continue;
        int c = names_get(&r->callables, d->n.s);
        if (c < 0) {
            ERR(d->n.loc, "unknown relation '%s'", d->n.s);
            continue;
        }
        relation_info *rel = &m->rels[c];
        if (d->u.relset.n != rel->arity) {
            ERR(d->loc, "relation '%s' takes %d argument%s, not %d", d->n.s, rel->arity,
                rel->arity == 1 ? "" : "s", d->u.relset.n);
            continue;
        }
        int act[COOP_MAX_PARAMS], ok = 1;
        for (int j = 0; j < rel->arity; j++) {
            const name *an = &d->u.relset.args[j];
            act[j] = names_get(&r->actors, an->s);
            if (act[j] < 0) {
                ERR(an->loc, "unknown actor '%s'", an->s);
                ok = 0;
                continue;
            }
            int k = w->actors[act[j]].kind;
            if (!model_is_a(m, k, rel->kinds[j])) {
                const char *want = m->kinds[rel->kinds[j]].name, *is = m->kinds[k].name;
                ERR(an->loc, "relation '%s' expects kind '%s' as argument %d, but '%s' is of kind '%s'", d->n.s,
                    want, j + 1, an->s, is);
                ok = 0;
            }
        }
        rexpr *x = constant(r, d->u.relset.value, "a relation's value");
        if (x && !is_num(x->type)) {
            ERR(d->u.relset.value->loc, "relation '%s' holds numbers, but this is %s", d->n.s, type_name(x->type));
            x = NULL;
        }
        if (!ok || !x) continue;
        if (x && rel->type == T_BOOL && x->type != T_BOOL) {
            ERR(d->u.relset.value->loc, "relation '%s' holds true/false (the type of its default), but this is a number",
                d->n.s);
            x = NULL;
        }
        if (!ok || !x) continue;
        int existed;
        relmap_set(&w->rel[c], act, x->num, &existed);
        if (existed) {
            char tuple[512];
            size_t len = (size_t)snprintf(tuple, sizeof tuple, "%s(", d->n.s);
            for (int j = 0; j < rel->arity && len < sizeof tuple; j++)
                len += (size_t)snprintf(tuple + len, sizeof tuple - len, "%s%s", j ? ", " : "", d->u.relset.args[j].s);
            WARN(d->loc, "%s) is set twice; the later value wins", tuple);
        }
    }
}

/* Counts the tuples of a rule, stopping past `limit`. */
static long count_tuples(const model *m, const world *w, const rule_info *ru, int p, int *t, long limit)
{
    if (p == ru->np) return 1;
    if (p == 0)
        for (int q = 0; q < ru->np; q++)
            if (ru->ncand[q] == 0) return 0; /* a parameter no actor matches: no tuples */
    long n = 0;
    if (p == ru->np - 1) {
        /* the last parameter in bulk: candidates after the bound, less the
         * actors already chosen among them */
        int lo = ru->order_after[p] >= 0 ? t[ru->order_after[p]] : -1, a = rule_first(ru, p, t);
        n = ru->ncand[p] - a;
        for (int q = 0; q < p; q++)
            if (t[q] > lo && model_is_a(m, w->actors[t[q]].kind, ru->pkinds[p])) n--;
        return n;
    }
    for (int i = rule_first(ru, p, t); i < ru->ncand[p]; i++) {
        int a = ru->cand[p][i];
        if (!rule_fresh(p, t, a)) continue;
        t[p] = a;
        n += count_tuples(m, w, ru, p + 1, t, limit - n);
        if (n > limit) return n;
    }
    return n;
}

static void declare_rule(R *r, const decl *d, rule_info *ru)
{
    model *m = r->m;
    world *w = r->w;
    ru->name = d->n.s;
    ru->loc = d->n.loc;
    r->rule = ru;
    names_free(&r->params);
    names_free(&r->factors);
    int np = d->u.rule.np;
    if (np < 2) ERR(d->n.loc, "partnership '%s' needs at least two parameters", d->n.s);
    if (np > COOP_MAX_PARAMS) {
        ERR(d->n.loc, "partnership '%s' has %d parameters; the limit is %d", d->n.s, np, COOP_MAX_PARAMS);
        np = COOP_MAX_PARAMS;
    }
    ru->np = np;
    ru->pnames = arena_alloc(r->a, (size_t)(np + 1) * sizeof *ru->pnames);
    ru->pkinds = arena_alloc(r->a, (size_t)(np + 1) * sizeof *ru->pkinds);
    ru->cand = arena_alloc(r->a, (size_t)(np + 1) * sizeof *ru->cand);
    ru->ncand = arena_alloc(r->a, (size_t)(np + 1) * sizeof *ru->ncand);
    ru->order_after = arena_alloc(r->a, (size_t)(np + 1) * sizeof *ru->order_after);
    int ok = 1, kinds_ok = 1;
    for (int i = 0; i < np; i++) {
        const paramdef *pd = &d->u.rule.params[i];
        ru->pnames[i] = pd->n.s;
        if (names_put(&r->params, pd->n.s, i) >= 0) {
            ERR(pd->n.loc, "parameter '%s' is declared twice", pd->n.s);
            ok = 0;
        }
        int k = names_get(&r->kinds, pd->kind.s);
        if (k < 0) {
            ERR(pd->kind.loc, "unknown kind '%s'", pd->kind.s);
            ok = kinds_ok = 0;
            k = 0;
        }
        ru->pkinds[i] = k;
        ru->order_after[i] = -1;
        for (int q = i - 1; q >= 0; q--)
            if (ru->pkinds[q] == k) { ru->order_after[i] = q; break; }
        int nc = 0;
        for (int a = 0; a < w->nactors; a++) nc += model_is_a(m, w->actors[a].kind, k);
        ru->cand[i] = arena_alloc(r->a, (size_t)(nc + 1) * sizeof(int));
        for (int a = 0; a < w->nactors; a++)
            if (model_is_a(m, w->actors[a].kind, k)) ru->cand[i][ru->ncand[i]++] = a;
    }
    if (!kinds_ok) { /* without its parameters' kinds, the rest would only mislead */
        r->rule = NULL;
        return;
    }
    if (ok && np >= 2) {
        int t[COOP_MAX_PARAMS];
        ru->ntuples = count_tuples(m, w, ru, 0, t, COOP_MAX_TUPLES);
        if (ru->ntuples > COOP_MAX_TUPLES) {
            ERR(d->n.loc, "partnership '%s' ranges over more than %ld tuples, the limit", d->n.s, COOP_MAX_TUPLES);
            ok = 0;
        }
    }

    /* factors */
    int nf = d->u.rule.nf;
    if (nf == 0) { ERR(d->n.loc, "partnership '%s' has no factors", d->n.s); ok = 0; }
    if (nf > COOP_MAX_FACTORS) {
        ERR(d->u.rule.f[COOP_MAX_FACTORS].n.loc, "partnership '%s' has %d factors; the limit is %d",
            d->n.s, nf, COOP_MAX_FACTORS);
        nf = COOP_MAX_FACTORS;
        ok = 0;
    }
    ru->nf = nf;
    ru->f = arena_alloc(r->a, (size_t)(nf + 1) * sizeof *ru->f);
    for (int i = 0; i < nf; i++) {
        const factordef *fd = &d->u.rule.f[i];
        factor_info *f = &ru->f[i];
        f->name = fd->n.s;
        f->loc = fd->n.loc;
        f->src = fd->e;
        if (names_put(&r->factors, fd->n.s, i) >= 0) {
            ERR(fd->n.loc, "factor '%s' is declared twice in partnership '%s'", fd->n.s, d->n.s);
            ok = 0;
        }
        f->baseline = number(r, fd->baseline, "a baseline", 0);
    }
    for (int i = 0; i < nf; i++) {
        factor_info *f = &ru->f[i];
        f->own = resolve(r, d->u.rule.f[i].e, CTX_FACTOR);
        if (f->own->type == T_ERR) { ok = 0; continue; }
        if (!is_num(f->own->type)) {
            ERR(d->u.rule.f[i].e->loc, "factor '%s' must be a number or true/false, but this is %s",
                f->name, type_name(f->own->type));
            ok = 0;
        }
        f->type = f->own->type;
    }

    /* influence */
    ru->ne = d->u.rule.ni;
    ru->e = arena_alloc(r->a, (size_t)(ru->ne + 1) * sizeof *ru->e);
    int ne = 0;
    for (int i = 0; i < d->u.rule.ni; i++) {
        const infldef *in = &d->u.rule.inf[i];
        int from = names_get(&r->factors, in->from.s), to = names_get(&r->factors, in->to.s);
        if (from < 0) ERR(in->from.loc, "partnership '%s' has no factor '%s'", d->n.s, in->from.s);
        if (to < 0) ERR(in->to.loc, "partnership '%s' has no factor '%s'", d->n.s, in->to.s);
        double wgt = number(r, in->w, "an influence weight", NAN);
        if (from < 0 || to < 0 || isnan(wgt)) { ok = 0; continue; }
        int dup = 0;
        for (int j = 0; j < ne; j++)
            if (ru->e[j].from == from && ru->e[j].to == to) dup = 1;
        if (dup) {
            ERR(in->loc, "influence %s -> %s is declared twice", in->from.s, in->to.s);
            ok = 0;
            continue;
        }
        edge ed = {from, to, wgt, in->loc};
        ru->e[ne++] = ed;
        ru->f[to].type = T_NUM; /* influenced: no longer just true/false */
    }
    ru->ne = ne;
    ru->M = arena_alloc(r->a, (size_t)nf * nf * sizeof(double) + 8);
    ru->order = arena_alloc(r->a, (size_t)(nf + 1) * sizeof(int));
    if (ok) {
        influence_result res;
        if (influence_solve(nf, ru->e, ne, ru->M, &res) < 0) {
            /* "f -> f" for a factor on its own, "through a, b and c" for more */
            char buf[1024];
            size_t len = 0;
            int n = res.cycle_len;
            if (res.singular) /* the first cycle found, its first factor repeated at the end */
                for (int i = 0; i < n && len < sizeof buf - 80; i++)
                    len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? " -> " : "", ru->f[res.cycle[i]].name);
            else if (n == 1)
                snprintf(buf, sizeof buf, "%s -> %s", ru->f[res.cycle[0]].name, ru->f[res.cycle[0]].name);
            else
                for (int i = 0; i < n && len < sizeof buf - 80; i++)
                    len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i == 0 ? "through " : i == n - 1 ? " and " : ", ",
                                            ru->f[res.cycle[i]].name);
            coop_loc at = ru->e[0].loc;
            for (int j = ne - 1; j >= 0; j--) /* the first edge inside the cycle */
                for (int a = 0; a < n; a++)
                    for (int b = 0; b < n; b++)
                        if (ru->e[j].from == res.cycle[a] && ru->e[j].to == res.cycle[b]) at = ru->e[j].loc;
            if (res.singular)
                ERR(at, "influence cycle %s has no unique solution: its weights make the system singular", buf);
            else {
                /* four digits, unless they would round a radius just below 1 up to "1" */
                char rho[32];
                snprintf(rho, sizeof rho, "%.4g", res.rho);
                if (strcmp(rho, "1") == 0 && res.rho != 1) snprintf(rho, sizeof rho, "%.12f", res.rho);
                ERR(at, "influence cycle %s does not converge: the spectral radius of its weights is %s, "
                        "and must be below 1 (by at least %g)", buf, rho, INFLUENCE_RHO_MARGIN);
            }
            ok = 0;
        }
        ru->cyclic = res.cyclic;
        memcpy(ru->order, res.order, (size_t)nf * sizeof(int));
    }

    /* score and verdict */
    if (d->u.rule.score) {
        ru->score = need(r, d->u.rule.score, CTX_SCORE, 1, "score");
        if (ru->score->type == T_ERR) ok = 0;
    }
    if (d->u.rule.forms) {
        ru->forms = need(r, d->u.rule.forms, CTX_FORMS, 0, "forms when");
        if (ru->forms->type == T_ERR) ok = 0;
    } else
        ok = 0;

    if (ok && compile_rule(ru) < 0) {
        ERR(d->n.loc, "partnership '%s' is too large to compile", d->n.s);
    }
    r->rule = NULL;
}

static void declare_rules(R *r, const program *p)
{
    model *m = r->m;
    int n = 0;
    for (int i = 0; i < p->n; i++) n += p->v[i]->k == D_RULE;
    m->rules = arena_alloc(r->a, (size_t)(n + 1) * sizeof *m->rules);
    /* Names first, so statements and other rules can refer to any rule. */
    const decl **ds = mem_calloc((size_t)n + 1, sizeof *ds);
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_RULE) continue;
        if (is_builtin_func(d->n.s)) {
            ERR(d->n.loc, "'%s' is a built-in function and cannot name a partnership", d->n.s);
            continue;
        }
        int old = names_get(&r->callables, d->n.s);
        if (old != -1) {
            ERR(d->n.loc, "'%s' already names a %s", d->n.s, old >= 0 ? "relation" : "partnership");
            NOTE(old >= 0 ? m->rels[old].loc : m->rules[-2 - old].loc, "the first declaration is here");
            continue;
        }
        m->rules[m->nrules].name = d->n.s;
        m->rules[m->nrules].loc = d->n.loc;
        ds[m->nrules] = d;
        names_put(&r->callables, d->n.s, RULE_CODE(m->nrules));
        m->nrules++;
    }
    for (int i = 0; i < m->nrules; i++) declare_rule(r, ds[i], &m->rules[i]);
    free(ds);
}

static int resolve_tuple(R *r, int rule, const name *args, int n, coop_loc loc, int *out)
{
    const rule_info *ru = &r->m->rules[rule];
    if (n != ru->np) {
        ERR(loc, "partnership '%s' takes %d actors, not %d", ru->name, ru->np, n);
        return -1;
    }
    int ok = 0;
    for (int i = 0; i < n; i++) {
        int a = names_get(&r->actors, args[i].s);
        out[i] = -1; /* until it is known to fit */
        if (a < 0) {
            ERR(args[i].loc, "unknown actor '%s'", args[i].s);
            ok = -1;
            continue;
        }
        int k = r->w->actors[a].kind, want = ru->pkinds[i];
        if (!model_is_a(r->m, k, want)) {
            const char *wn = r->m->kinds[want].name, *is = r->m->kinds[k].name;
            ERR(args[i].loc, "partnership '%s' expects kind '%s' for '%s', but '%s' is of kind '%s'", ru->name,
                wn, ru->pnames[i], args[i].s, is);
            ok = -1;
            out[i] = a;
            continue;
        }
        for (int j = 0; j < i; j++)
            if (out[j] == a) {
                ERR(args[i].loc, "actor '%s' appears twice; a partnership's actors are distinct", args[i].s);
                ok = -1;
                break;
            }
        out[i] = a;
    }
    return ok;
}

static void resolve_statements(R *r, const program *p)
{
    coop_script *s = r->s;
    int n = 0;
    for (int i = 0; i < p->n; i++) n += p->v[i]->k >= S_SHOW && p->v[i]->k <= S_VALUE;
    s->stmts = arena_alloc(r->a, (size_t)(n + 1) * sizeof *s->stmts);
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k < S_SHOW || d->k > S_VALUE) continue;
        stmt *st = &s->stmts[s->nstmts];
        st->k = d->k;
        st->loc = d->loc;
        st->rule = -1;
        if (d->k == S_EXPECT) {
            rexpr *x = resolve(r, d->u.expect.e, CTX_STMT);
            if (x->type == T_ERR) continue;
            if (x->type != T_BOOL) {
                ERR(d->u.expect.e->loc, "expect needs a condition (true/false), but this is %s", type_name(x->type));
                continue;
            }
            st->e = x;
        } else if (d->k == S_VALUE) {
            rexpr *x = resolve(r, d->u.expect.e, CTX_STMT);
            if (x->type == T_ERR) continue;
            st->e = x;
        } else {
            int c = names_get(&r->callables, d->n.s);
            if (c > -2) {
                ERR(d->n.loc, c >= 0 ? "'%s' is a relation, not a partnership" : "unknown partnership '%s'", d->n.s);
                continue;
            }
            st->rule = -2 - c;
            if (r->m->rules[st->rule].np == 0) continue; /* its declaration failed */
            st->has_tuple = d->u.target.has_args;
            if (st->has_tuple &&
                resolve_tuple(r, st->rule, d->u.target.args, d->u.target.n, d->loc, st->tuple) < 0)
                continue;
        }
        s->nstmts++;
    }
}

int resolve_program(coop_script *s, coop_diags *d)
{
    R r0 = {0}, *r = &r0;
    r->s = s;
    r->m = &s->m;
    r->w = &s->w;
    r->a = &s->mem;
    r->d = d;
    r->src = &s->src;
    size_t before = coop_diags_errors(d);

    collect_all_syms(r, &s->prog);
    r->m->nsyms = (int)r->symv.n;
    r->m->setwords = (r->m->nsyms + 63) / 64;
    if (r->m->setwords == 0) r->m->setwords = 1;

    declare_kinds(r, &s->prog);
    declare_actors(r, &s->prog);
    if (!r->fatal) {
        declare_relations(r, &s->prog);
        declare_rules(r, &s->prog);
    }
    if (coop_diags_errors(d) == before) resolve_statements(r, &s->prog);

    r->m->syms = arena_alloc(r->a, (r->symv.n + 1) * sizeof(char *));
    if (r->symv.n) memcpy(r->m->syms, r->symv.v, r->symv.n * sizeof(char *));
    r->m->nstrs = (int)r->strv.n;
    r->m->strs = arena_alloc(r->a, (r->strv.n + 1) * sizeof(char *));
    if (r->strv.n) memcpy(r->m->strs, r->strv.v, r->strv.n * sizeof(char *));
    vec_free(r->symv);
    vec_free(r->strv);
    names_free(&r->kinds);
    names_free(&r->actors);
    names_free(&r->attrs);
    names_free(&r->callables);
    names_free(&r->syms);
    names_free(&r->strs);
    names_free(&r->params);
    names_free(&r->factors);
    return coop_diags_errors(d) > before ? -1 : 0;
}
