/*
 * resolve_expr.c - expressions: names to indices by context (a factor reads
 * its tuple's actors, score and forms when read factors, statements read
 * actors and verdicts), types checked, constants folded with the
 * evaluator's own arithmetic.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "eval.h"
#include "resolver.h"
#include "slip.h"
#include "words.h"

const char *rsv_type_name(vtype t)
{
    switch (t) {
    case T_NUM: return "a number";
    case T_BOOL: return "true/false";
    case T_STR: return "a string";
    case T_SET: return "a set";
    case T_FACTOR: return "a factor";
    case T_ACTOR: return "an actor";
    case T_STATUS: return "a tender's status";
    case T_OSTATUS: return "an obligation's status";
    case T_CSTATUS: return "a contract's status";
    case T_DATE: return "a date";
    case T_EVENT: return "an event";
    default: return "an invalid value";
    }
}

const char *rsv_near_factor(R *r, suggest *sg, const rule_info *ru, const char *word)
{
    suggest_init(sg, word, r->d);
    for (int i = 0; i < ru->nf; i++) suggest_offer(sg, ru->f[i].name, 0);
    return suggest_said(sg);
}

const char *rsv_near_param(R *r, suggest *sg, const rule_info *ru, const char *word)
{
    suggest_init(sg, word, r->d);
    for (int i = 0; i < ru->np; i++) suggest_offer(sg, ru->pnames[i], 0);
    return suggest_said(sg);
}

/* ---- nodes ---- */

static rexpr *rx(R *r, rkind k, vtype t, const expr *src)
{
    rexpr *x = arena_alloc(r->a, sizeof *x);
    x->k = k;
    x->type = t;
    x->src = src;
    x->rule = -1;
    return x;
}

rexpr *rsv_node(R *r, rkind k, vtype t, const expr *src) { return rx(r, k, t, src); }

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

rexpr *rsv_truth(R *r, const expr *e, const char *what, const char *how)
{
    rexpr *x = rsv_expr(r, e, CTX_FACTOR);
    if (x->type == T_ERR) return NULL;
    if (x->type == T_BOOL) return x;
    if (rsv_is_num(x->type))
        ERR(e->loc, "%s must be true or false, but this is a number; compare it, like '%s %s >= 1'", what, how,
            ast_text(r->a, e));
    else
        ERR(e->loc, "%s must be true or false, but this is %s", what, rsv_type_name(x->type));
    return NULL;
}
/* The same, for resolve_agg.c. */
rexpr *rsv_fail(R *r, const expr *src) { return rx_err(r, src); }
void rsv_subs(R *r, rexpr *x, int n) { rx_subs(r, x, n); }

rexpr *rsv_need(R *r, const expr *e, ctxkind ctx, int want_num, const char *what)
{
    rexpr *x = rsv_expr(r, e, ctx);
    if (x->type == T_ERR) return x;
    if (want_num ? !rsv_is_num(x->type) : x->type != T_BOOL) {
        ERR(e->loc, "%s needs %s, but this is %s", what, want_num ? "a number" : "true/false", rsv_type_name(x->type));
        return rx_err(r, e);
    }
    return x;
}

/* An operator whose operands are all constants becomes its value, worked
 * out by the evaluator itself, so folding never changes a result. */
static rexpr *fold(R *r, rexpr *x)
{
    switch (x->k) {
    case R_NEG: case R_NOT: case R_ABS: case R_MIN: case R_MAX: case R_CLAMP: case R_ROUND: case R_APPROX: case R_BIN: break;
    default: return x;
    }
    for (int i = 0; i < x->nsub; i++)
        if (x->sub[i]->k != R_CONST || x->sub[i]->type == T_FACTOR || x->sub[i]->type == T_STR) return x;
    evaluator none; /* constants read no tuple, world or register */
    memset(&none, 0, sizeof none);
    ev_fault err = {0, NULL, NULL};
    double v = ev_expr(&none, x, NULL, NULL, &err);
    if (err.kind) {
        ERR(x->src->loc, "division by zero");
        return rx_err(r, x->src);
    }
    if (!isfinite(v)) {
        ERR(x->src->loc, "this constant is %s: arithmetic on constants must stay finite", isnan(v) ? "not a number" : "infinite");
        return rx_err(r, x->src);
    }
    rexpr *c = rx_const(r, x->type, v, x->src);
    c->folded = x; /* what a failed expect shows reads its operands */
    return c;
}

static rexpr *resolve_unary(R *r, const expr *e, ctxkind ctx, rkind k, int want_num, const char *what)
{
    rexpr *a = rsv_need(r, e->u.op.a, ctx, want_num, what);
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
        ERR(e->loc, "expected a factor name of %s '%s'", rule_noun(&r->m->rules[rule]), r->m->rules[rule].name);
        return rx_err(r, e);
    }
    const rule_info *ru = &r->m->rules[rule];
    for (int i = 0; i < ru->nf; i++)
        if (strcmp(ru->f[i].name, e->u.id.s) == 0) {
            rexpr *x = rx_const(r, T_FACTOR, i, e);
            x->rule = rule;
            return x;
        }
    suggest sg;
    if (names_get(&r->m->event_idx, e->u.id.s) >= 0) { /* `shapley(R(a, b), gala)`: an event's share is asked otherwise */
        ERR(e->loc, "%s '%s' has no factor '%s': '%s' is an event; its share of the verdict is read by dominance "
                    "%s(...) at DATE by events, and decisive(...) and but_for(...) ask about it",
            rule_noun(ru), ru->name, e->u.id.s, e->u.id.s, ru->name);
        return rx_err(r, e);
    }
    ERR(e->loc, "%s '%s' has no factor '%s'%s", rule_noun(ru), ru->name, e->u.id.s,
        rsv_near_factor(r, &sg, ru, e->u.id.s));
    return rx_err(r, e);
}

static int find_rule(R *r, const expr *e)
{
    if (e->k != X_NAME) return -1;
    int c = names_get(&r->m->callables, e->u.id.s);
    return c <= -2 ? -2 - c : -1;
}

/* "R(a, b)" in a statement: a verdict of a rule's tuple. */
static rexpr *rule_call(R *r, const expr *e, int *rule_out)
{
    if (e->k == X_CALL) {
        int c = names_get(&r->m->callables, e->u.call.fn.s);
        if (c <= -2) {
            int rule = -2 - c;
            const rule_info *ru = &r->m->rules[rule];
            name args[COOP_MAX_PARAMS];
            int n = e->u.call.n;
            if (n != ru->np && !ru->tender) {
                ERR(e->loc, "partnership '%s' takes %d actors, not %d", ru->name, ru->np, n);
                return rx_err(r, e);
            }
            for (int i = 0; i < n && i < COOP_MAX_PARAMS; i++) {
                const expr *a = e->u.call.args[i];
                if (a->k != X_NAME) {
                    ERR(a->loc, "expected an actor name");
                    return rx_err(r, e);
                }
                if (rsv_bound(r, a->u.id.s)) {
                    ERR(a->loc, "'%s' is bound by an aggregate; a verdict is read for actors named in the statement",
                        a->u.id.s);
                    return rx_err(r, e);
                }
                args[i] = a->u.id;
            }
            if (n > COOP_MAX_PARAMS) n = COOP_MAX_PARAMS;
            rexpr *x = rx(r, R_VERDICT, T_BOOL, e);
            x->rule = rule;
            x->args = arena_alloc(r->a, sizeof(int) * COOP_MAX_PARAMS);
            x->nargs = ru->np;
            if (rsv_tuple(r, rule, args, n, e->loc, x->args) < 0) return rx_err(r, e);
            *rule_out = rule;
            return x;
        }
        rsv_unknown(r, e->u.call.fn.loc, e->u.call.fn.s, SUGGEST_RULE);
        return rx_err(r, e);
    }
    ERR(e->loc, "expected a partnership applied to actors, like alliance(a, b)");
    return rx_err(r, e);
}

/* abs ... size: arguments checked, then folded. */
static rexpr *arithmetic(R *r, const expr *e, ctxkind ctx, const builtin_fn *fn)
{
    int n = e->u.call.n;
    if (n < fn->min || n > fn->max) {
        if (fn->min == fn->max)
            ERR(e->loc, "%s() takes %d argument%s, not %d", fn->name, fn->min, fn->min == 1 ? "" : "s", n);
        else if (n == 1 && (fn->k == R_MIN || fn->k == R_MAX) && r->rule && r->rule->tender) {
            const char *agg = fn->k == R_MIN ? "lowest" : "highest"; /* min(bid.price): of every bid */
            ERR(e->loc, "%s() takes 2 to %d arguments, not 1; the %s over the eligible bids is %s(%s)", fn->name,
                fn->max, agg, agg, ast_text(r->a, e->u.call.args[0]));
        } else
            ERR(e->loc, "%s() takes %d to %d arguments, not %d", fn->name, fn->min, fn->max, n);
        return rx_err(r, e);
    }
    rexpr *x = rx(r, fn->k, T_NUM, e);
    rx_subs(r, x, n);
    for (int j = 0; j < n; j++) {
        const expr *arg = e->u.call.args[j];
        rexpr *a = rsv_expr(r, arg, ctx);
        if (a->type == T_ERR) return a;
        if (fn->sets ? a->type != T_SET : !rsv_is_num(a->type)) {
            ERR(arg->loc, "%s() needs %s, but this is %s", fn->name, fn->sets ? "a set" : "a number",
                rsv_type_name(a->type));
            return rx_err(r, e);
        }
        x->sub[j] = a;
    }
    if (fn->k == R_ROUND) { /* the digits: a whole constant, so the code holds them */
        const rexpr *dg = x->sub[1];
        if (dg->k != R_CONST || dg->num != floor(dg->num) || dg->num < 0 || dg->num > 15) {
            ERR(e->u.call.args[1]->loc, "round() needs a whole number of digits from 0 to 15 written as a constant");
            return rx_err(r, e);
        }
        x->index = (int)dg->num;
    }
    return fold(r, x);
}

/* A contract's condition reads a partnership: said (contracts are decided
 * first, so there is no cycle). */
static rexpr *contract_reads_rule(R *r, const expr *e, const char *rule)
{
    ERR(e->loc, "a contract's condition cannot read %s%s%s: contracts are decided before the partnerships that read "
                "them", rule ? "partnership '" : "partnerships", rule ? rule : "", rule ? "'" : "");
    return rx_err(r, e);
}

/* The rule a query's first argument names (R or R(a, b)), or NULL. */
static const char *rule_named(R *r, const expr *a)
{
    const char *s = a->k == X_NAME ? a->u.id.s : a->k == X_CALL ? a->u.call.fn.s : NULL;
    int c = s ? names_get(&r->m->callables, s) : -1;
    return c <= -2 ? s : NULL;
}

/* `of WORD` (X_OF) where no Shapley values are asked for: said.  fn: the
 * query whose argument it ends, or NULL. */
static rexpr *stray_of(R *r, const expr *e, const char *fn)
{
    ERR(e->u.of.at, "%s%s%s%s", words_of_where, fn ? "; " : "", fn ? fn : "", fn ? "() reads none" : "");
    return rx_err(r, e);
}

/* `score(R(a, b) at D)` (t, the query's first argument's X_TIME): 'at',
 * 'throughout' or 'during' reads the whole query, not the partnership in
 * it: said, with it moved out (`score(R(a, b)) at D`). */
static rexpr *time_inside(R *r, const expr *e, const expr *t, int flip)
{
    static const char *const how[] = {"at", "throughout", "during"};
    expr call = *e, moved = *t, of;
    expr *args[2] = {t->u.time.e, e->u.call.n > 1 ? e->u.call.args[1] : NULL};
    if (e->u.call.args[0] != t) { /* dominant(R(a, b) at D of verdict), flip_cost(R(a, b) at D to form) */
        of = *e->u.call.args[0];
        of.u.of.e = t->u.time.e;
        args[0] = &of;
    }
    call.u.call.args = args;
    moved.u.time.e = &call;
    arena tmp;
    arena_init(&tmp);
    if (flip) /* it reads the last step alone (query, below) */
        ERR(t->u.time.word, "%s() flips the verdict the timeline's last step reads, so it takes no '%s': write %s",
            e->u.call.fn.s, how[t->u.time.how], ast_text(&tmp, &call));
    else if (t->u.time.how == TIME_AT)
        ERR(t->u.time.word, "'at' reads the whole query, not the partnership inside it: write %s",
            ast_text(&tmp, &moved));
    else { /* over a span: a condition, which the query is a part of */
        expr none = {.k = X_NAME, .u.id.s = ""}; /* the span's text alone: " throughout D1 .. D2" */
        moved.u.time.e = &none;
        const char *span = ast_text(&tmp, &moved);
        ERR(t->u.time.word, "'%s' reads a condition over a span, not the partnership inside a query: write the "
            "condition that reads %s in parentheses, then%s", how[t->u.time.how], ast_text(&tmp, &call), span);
    }
    arena_free(&tmp);
    return rx_err(r, e);
}

/* `to WORD` (X_TO) where no flip is asked for: said.  fn as stray_of's. */
static rexpr *stray_to(R *r, const expr *e, const char *fn)
{
    ERR(e->u.of.at,
        "'to %s' follows the tuple of flip_count(), flip_cost() or flippable() (flip_cost(R(a, b) to %s))%s%s%s",
        e->u.of.word.s, e->u.of.word.s, fn ? "; " : "", fn ? fn : "", fn ? "() asks for no verdict" : "");
    return rx_err(r, e);
}

/* score ... importance: on a verdict R(a, b), on a whole rule R, or either;
 * a query of Shapley values on either with what they are of (`R(a, b) of
 * verdict`). */
static rexpr *query(R *r, const expr *e, ctxkind ctx, const builtin_fn *fn)
{
    int n = e->u.call.n, want = fn->min;
    expr **args = e->u.call.args;
    if (fn->agg == AGG_COUNT && n == 1 && args[0]->k == X_NAME && find_rule(r, args[0]) < 0 &&
        names_get(&r->m->kind_idx, args[0]->u.id.s) >= 0) {
        ERR(args[0]->loc, "'%s' is a kind; count its actors with count(x: %s), or those that meet a condition "
                          "with count(x: %s where ...)", args[0]->u.id.s, args[0]->u.id.s, args[0]->u.id.s);
        return rx_err(r, e);
    }
    if (fn->agg == AGG_COUNT && ctx != CTX_STMT && r->rule && r->rule->tender) { /* not count(R) */
        ERR(e->loc, "count() in a tender counts actors: write count(x: %s where COND)%s",
            r->m->kinds[r->rule->pkinds[0]].name, r->requirement ? "" : "; sum(1) counts the eligible bids");
        return rx_err(r, e);
    }
    if (ctx != CTX_STMT && r->rule && r->rule->contract) return contract_reads_rule(r, e, n ? rule_named(r, args[0]) : NULL);
    if (ctx != CTX_STMT) {
        ERR(e->loc, "%s() reads a verdict's analysis and can only be used in statements such as expect", fn->name);
        return rx_err(r, e);
    }
    if (n != want) {
        ERR(e->loc, "%s() takes %d argument%s, not %d", fn->name, want, want == 1 ? "" : "s", n);
        return rx_err(r, e);
    }
    int flip = fn->of_tuple == R_FLIP_COUNT || fn->of_tuple == R_FLIP_COST || fn->of_tuple == R_FLIPPABLE;
    if (flip && (r->in_time || r->in_event)) { /* it decides the tuple again, on a timeline by running it */
        ERR(e->loc, "%s() flips the verdict the timeline's last step reads, so it cannot stand %s", fn->name,
            r->in_event ? "in an event" : "inside 'at', 'throughout', 'during' or first(): move it outside them");
        return rx_err(r, e);
    }
    const expr *of = args[0]->k == X_OF ? args[0] : NULL, *to = args[0]->k == X_TO ? args[0] : NULL;
    const expr *a0 = of ? of->u.of.e : to ? to->u.of.e : args[0];
    if (of && !fn->shapley) return stray_of(r, of, fn->name);
    if (to && !flip) return stray_to(r, to, fn->name);
    if (a0->k == X_TIME && n <= 2) return time_inside(r, e, a0, flip);
    if (want == 2 && args[1]->k == X_OF) { /* shapley(R(a, b), f of verdict) */
        const expr *f = args[1];
        if (!fn->shapley) return stray_of(r, f, fn->name);
        arena tmp;
        arena_init(&tmp);
        ERR(f->u.of.at, "'of %s' follows the partnership, not the factor: %s(%s of %s, %s)", f->u.of.word.s, fn->name,
            ast_text(&tmp, a0), f->u.of.word.s, ast_text(&tmp, f->u.of.e));
        arena_free(&tmp);
        return rx_err(r, e);
    }
    int rule = -1;
    rexpr *x;
    if (fn->of_rule != R_ERR && (fn->of_tuple == R_ERR || a0->k == X_NAME)) {
        rule = find_rule(r, a0);
        if (rule < 0) {
            if (a0->k != X_NAME)
                ERR(a0->loc, "%s() needs a partnership name here", fn->name);
            else
                rsv_unknown(r, a0->loc, a0->u.id.s, SUGGEST_RULE);
            return rx_err(r, e);
        }
        x = rx(r, fn->of_rule, fn->type, e);
        x->rule = rule;
    } else {
        rexpr *v = rule_call(r, a0, &rule);
        if (v->type == T_ERR) return v;
        x = rx(r, fn->of_tuple, fn->type, e);
        x->rule = rule;
        x->args = v->args;
        x->nargs = v->nargs;
        if (flip && (x->index = rsv_flip_to(r, rule, to ? &to->u.of.word : NULL)) < FLIP_OTHER) return rx_err(r, e);
        if (x->k == R_QSCORE && !r->m->rules[rule].score) {
            ERR(e->loc, "%s '%s' has no score", rule_noun(&r->m->rules[rule]), r->m->rules[rule].name);
            return rx_err(r, e);
        }
    }
    if (want == 2) {
        rexpr *f = factor_name(r, args[1], rule);
        if (f->type == T_ERR) return f;
        x->index = (int)f->num;
    }
    if (fn->shapley) {
        int t = rsv_of(r, rule, of ? &of->u.of.word : NULL);
        if (t < 0) return rx_err(r, e);
        x->of = (shapley_of)t;
        const char *bidder = x->k == fn->of_tuple && a0->k == X_CALL && a0->u.call.n == 1
                             ? ast_text(r->a, a0->u.call.args[0]) : NULL;
        if (rsv_tender_of(r, rule, x->of, of ? &of->u.of.word : NULL, bidder, e->loc) < 0) return rx_err(r, e);
    }
    return x;
}

/* s where a factor reads a parameter of its rule (as s.attr when attr is
 * not NULL): an actor, a tender's buyer by name, or a slip. */
static void not_param(R *r, coop_loc loc, const char *s, const char *attr)
{
    const rule_info *ru = r->rule;
    suggest sg;
    const char *near = rsv_near_param(r, &sg, ru, s);
    int ac = names_get(&r->m->actor_idx, s);
    const contract_info *ci = ru->contract;
    if (!*near && ci && ac >= 0 && (ac == ci->buyer || ac == ci->supplier))
        ERR(loc, "'%s' is the %s of contract '%s', which reads it as '%s': write %s%s%s", s,
            ac == ci->buyer ? "buyer" : "supplier", ru->name, ac == ci->buyer ? "buyer" : "supplier",
            ac == ci->buyer ? "buyer" : "supplier", attr ? "." : "", attr ? attr : "");
    else if (!*near && ci)
        ERR(loc, "'%s' is not a party of contract '%s': a contract reads its parties as buyer and supplier%s", s,
            ru->name, ci->tender >= 0 ? ", and the winning bid as bid" : "");
    else if (!*near && ru->tender && ac >= 0 && ac == ru->tender->buyer)
        ERR(loc, "'%s' is the buyer of tender '%s', which reads it as 'buyer': write buyer%s%s", s, ru->name,
            attr ? "." : "", attr ? attr : "");
    else if (!*near && ac >= 0 && ru->tender)
        ERR(loc, "'%s' is an actor, not a parameter of tender '%s'; a tender reads each bidder as %s and the buyer "
                 "as buyer", s, ru->name, ru->pnames[0]);
    else if (!*near && ac >= 0)
        ERR(loc, "'%s' is an actor, not a parameter of partnership '%s'; a factor reads each tuple's actors "
                 "through its parameters, like %s", s, ru->name, ru->pnames[0]);
    else
        ERR(loc, "'%s' is not a parameter of %s '%s'%s", s, rule_noun(ru), ru->name, near);
}

/* relation(args): in a factor over the rule's parameters, in a statement
 * over actors. */
static rexpr *relation(R *r, const expr *e, ctxkind ctx, int c)
{
    const char *fn = e->u.call.fn.s;
    int n = e->u.call.n;
    const relation_info *rel = &r->m->rels[c];
    if (n != rel->arity) {
        ERR(e->loc, "relation '%s' takes %d argument%s, not %d", fn, rel->arity, rel->arity == 1 ? "" : "s", n);
        return rx_err(r, e);
    }
    if (rsv_no_world(ctx)) {
        ERR(e->loc, "expected %s, not the relation value %s(...)", rsv_wanted(ctx), fn);
        return rx_err(r, e);
    }
    if (ctx != CTX_FACTOR && ctx != CTX_STMT && !r->nbound) {
        ERR(e->loc, "relation '%s' can only be read in a factor or a statement; score and forms when read factors", fn);
        return rx_err(r, e);
    }
    rexpr *x = rx(r, ctx == CTX_STMT ? R_REL_ACTORS : R_REL, rel->type, e);
    x->rel = c;
    x->nargs = n;
    x->args = arena_alloc(r->a, (size_t)n * sizeof(int));
    int bound = 0; /* some argument is a bound name: a statement's aggregate reads R_REL */
    for (int j = 0; j < n; j++) {
        const expr *a = e->u.call.args[j];
        const char *kname = r->m->kinds[rel->kinds[j]].name;
        if (a->k != X_NAME) {
            ERR(a->loc, "argument %d of relation '%s' must be %s", j + 1, fn,
                ctx == CTX_FACTOR ? "a parameter of the partnership" : ctx == CTX_STMT ? "an actor" : "a bound name");
            return rx_err(r, e);
        }
        int kind;
        const bound_name *b = rsv_bound(r, a->u.id.s);
        if (b) {
            x->args[j] = b->slot;
            kind = b->kind;
            bound = 1;
        } else if (ctx != CTX_FACTOR && ctx != CTX_STMT) {
            ERR(a->loc, "'%s' is not bound by an aggregate here; in %s an aggregate reads only the actors it ranges "
                        "over", a->u.id.s, ctx == CTX_SCORE ? "score" : "forms when");
            return rx_err(r, e);
        } else if (ctx == CTX_FACTOR) {
            int p = names_get(&r->params, a->u.id.s);
            if (p < 0) {
                not_param(r, a->loc, a->u.id.s, NULL);
                return rx_err(r, e);
            }
            x->args[j] = p;
            kind = r->rule->pkinds[p];
        } else {
            int ac = names_get(&r->m->actor_idx, a->u.id.s);
            if (ac < 0) {
                rsv_unknown(r, a->loc, a->u.id.s, SUGGEST_ACTOR);
                return rx_err(r, e);
            }
            x->args[j] = -1 - ac; /* made the actor below unless a bound name is read too */
            kind = r->m->actors[ac].kind;
        }
        if (!model_is_a(r->m, kind, rel->kinds[j])) {
            ERR(a->loc, "relation '%s' expects kind '%s' as argument %d, but '%s' is of kind '%s'", fn,
                kname, j + 1, a->u.id.s, r->m->kinds[kind].name);
            return rx_err(r, e);
        }
    }
    if (bound) x->k = R_REL;
    else
        for (int j = 0; x->k == R_REL_ACTORS && j < n; j++) x->args[j] = -1 - x->args[j];
    return x;
}

static rexpr *resolve_call(R *r, const expr *e, ctxkind ctx)
{
    const char *fn = e->u.call.fn.s;
    rexpr *cq = rsv_contract_query(r, e, ctx);
    if (cq) return cq;
    rexpr *tq = rsv_tender_query(r, e, ctx);
    if (tq) return tq;
    const builtin_fn *b = words_builtin(fn);
    if (b && b->k == R_FIRST) return rsv_first(r, e, ctx);
    if (b && (b->k == R_DECISIVE || b->k == R_BUT_FOR)) return rsv_event_cause(r, e, ctx, b->k);
    if (b && b->k == R_AGG && r->rule && r->rule->tender && b->agg != AGG_COUNT) return rsv_bids_agg(r, e, ctx, b->agg);
    if (b && b->k == R_AGG) {
        ERR(e->loc, "%s() ranges over actors: write %s(EXPR for x: KIND), or %s(EXPR for x: KIND where COND)", fn, fn, fn);
        return rx_err(r, e);
    }
    if (b) return b->query ? query(r, e, ctx, b) : arithmetic(r, e, ctx, b);
    int c = names_get(&r->m->callables, fn);
    if (c <= -2) {
        if (ctx != CTX_STMT && r->rule && r->rule->contract) return contract_reads_rule(r, e, fn);
        if (ctx != CTX_STMT) {
            ERR(e->loc, "a partnership's verdict can only be read in statements such as expect");
            return rx_err(r, e);
        }
        int rule;
        return rule_call(r, e, &rule);
    }
    int failed = names_get(&r->failed, fn);
    if (c < 0 && failed > 0 && (failed & SUGGEST_REL)) return rx_err(r, e); /* a relation that failed: said */
    if (c < 0) {
        suggest sg;
        suggest_init(&sg, fn, r->d);
        suggest_model(&sg, r->m, SUGGEST_REL | SUGGEST_FN | (ctx == CTX_STMT ? SUGGEST_RULE : 0));
        ERR(e->u.call.fn.loc, "unknown %s '%s'%s",
            sg.tag == SUGGEST_RULE ? rule_noun(&r->m->rules[-2 - names_get(&r->m->callables, sg.best)])
            : sg.tag == SUGGEST_REL ? "relation"
            : sg.tag == SUGGEST_FN ? "function" : "function or relation", fn, suggest_said(&sg));
        return rx_err(r, e);
    }
    return relation(r, e, ctx, c);
}

/* `yes`, `True`...: another language's boolean, where nothing declares the
 * name; said, if so. */
static int bool_slip(R *r, const expr *e)
{
    const char *tf = slip_bool(e->u.id.s);
    if (tf) ERR(e->loc, "'%s' is not a boolean in coop: write '%s'", e->u.id.s, tf);
    return tf != NULL;
}

/* The name of an attribute every actor of cand has, for a hint (never a
 * bid's field: no actor has those as attributes). */
static const char *some_attr(R *r, const int *cand, int n)
{
    for (int i = 0; i < r->m->nactor_attrs; i++) {
        int all = n > 0;
        for (int j = 0; j < n && all; j++) all = r->w->has[i][cand[j]];
        if (all) return r->m->attrs[i].name;
    }
    return "capacity";
}

/* The model's parameter pi, read by its name where ctx reads: a value of
 * the world, loaded by the evaluator, never folded. */
static rexpr *param_read(R *r, const expr *e, ctxkind ctx, int pi)
{
    if (ctx == CTX_CONST) {
        ERR(e->loc, "expected a constant, not the parameter '%s': parameters are read in factors, scores, conditions, "
                    "baselines, influence weights, events and statements", e->u.id.s);
        return rx_err(r, e);
    }
    rexpr *x = rx(r, R_MPARAM, r->m->params[pi].type, e);
    x->index = pi;
    return x;
}

/* "; did you mean 'x'?" of the nearest of rule ru's factors and the
 * model's parameters (either may be NULL), in sg: tag 1 when it is a
 * parameter. */
static const char *near_value(R *r, suggest *sg, const rule_info *ru, const char *word)
{
    suggest_init(sg, word, r->d);
    for (int i = 0; ru && i < ru->nf; i++) suggest_offer(sg, ru->f[i].name, 0);
    for (int i = 0; i < r->m->nparams; i++) suggest_offer(sg, r->m->params[i].name, 1);
    return suggest_said(sg);
}

static rexpr *resolve_name(R *r, const expr *e, ctxkind ctx)
{
    const char *s = e->u.id.s;
    const bound_name *b = rsv_bound(r, s);
    if (b) {
        ERR(e->loc, "'%s' is an actor, not a value; read one of its attributes, like %s.%s", s, s,
            some_attr(r, b->cand, b->ncand));
        return rx_err(r, e);
    }
    int pi = names_get(&r->m->param_idx, s);
    if (pi >= 0) return param_read(r, e, ctx, pi);
    if (ctx == CTX_PARAM) {
        suggest sg;
        if (!bool_slip(r, e))
            ERR(e->loc, "expected %s, not the name '%s'%s", rsv_wanted(ctx), s, near_value(r, &sg, NULL, s));
        return rx_err(r, e);
    }
    if (ctx == CTX_SCORE || ctx == CTX_FORMS) {
        int f = names_get(&r->factors, s);
        if (f >= 0 && r->nbound) {
            ERR(e->loc, "'%s' is a factor; an aggregate reads the actors it ranges over, not factors", s);
            return rx_err(r, e);
        }
        if (f >= 0) {
            rexpr *x = rx(r, R_FACTOR, r->rule->f[f].type, e);
            x->index = f;
            return x;
        }
        if (names_get(&r->params, s) >= 0)
            ERR(e->loc, "'%s' is a parameter; %s reads factors, not actors", s, ctx == CTX_SCORE ? "score" : "forms when");
        else if (!rsv_never(r, e, ctx) && !bool_slip(r, e)) {
            suggest sg;
            const char *near = near_value(r, &sg, r->rule, s);
            if (sg.best && sg.tag == 1) ERR(e->loc, "unknown name '%s': no factor or parameter%s", s, near);
            else ERR(e->loc, "%s '%s' has no factor '%s'%s", rule_noun(r->rule), r->rule->name, s, near);
        }
        return rx_err(r, e);
    }
    if (ctx == CTX_FACTOR && r->rule->tender && strcmp(s, "budget") == 0) {
        if (isnan(r->rule->tender->budget)) {
            ERR(e->loc, "tender '%s' has no budget: write 'budget = AMOUNT' in its body", r->rule->name);
            return rx_err(r, e);
        }
        return rx_const(r, T_NUM, r->rule->tender->budget, e);
    }
    if (ctx == CTX_FACTOR) {
        if (names_get(&r->params, s) >= 0)
            ERR(e->loc, "'%s' is an actor, not a value; read one of its attributes, like %s.capacity", s, s);
        else if (names_get(&r->factors, s) >= 0 && r->requirement)
            ERR(e->loc, "requirement '%s' cannot read the factor '%s': a requirement reads the bid, the bidder and the "
                        "buyer, as a factor does; write it on what '%s' reads", r->requirement, s, s);
        else if (names_get(&r->factors, s) >= 0)
            ERR(e->loc, "a factor's own value cannot read another factor ('%s'); write `influence %s -> ...` instead", s, s);
        else if (names_get(&r->m->attr_idx, s) >= 0)
            ERR(e->loc, "'%s' is an attribute; read it of a parameter, like %s.%s", s, r->rule->pnames[0], s);
        else if (!rsv_never(r, e, ctx) && !bool_slip(r, e)) {
            suggest sg;
            ERR(e->loc, "unknown name '%s'%s", s, near_value(r, &sg, NULL, s));
        }
        return rx_err(r, e);
    }
    if (ctx == CTX_STMT) {
        int fr = -1;
        for (int i = 0; i < r->m->nrules && fr < 0; i++)
            for (int j = 0; j < r->m->rules[i].nf; j++)
                if (strcmp(r->m->rules[i].f[j].name, s) == 0) { fr = i; break; }
        if (find_rule(r, e) >= 0)
            ERR(e->loc, "'%s' is a partnership; read count(%s), or a verdict like %s(a, b)", s, s, s);
        else if (names_get(&r->m->actor_idx, s) >= 0)
            ERR(e->loc, "'%s' is an actor, not a value; read one of its attributes, like %s.%s", s, s,
                r->m->nactor_attrs ? r->m->attrs[0].name : "capacity");
        else if (fr >= 0)
            ERR(e->loc, "'%s' is a factor of partnership '%s'; read its value for a tuple as value(%s(a, b), %s)", s,
                r->m->rules[fr].name, r->m->rules[fr].name, s);
        else if (!rsv_never(r, e, ctx) && !bool_slip(r, e)) {
            suggest sg;
            ERR(e->loc, "unknown name '%s'%s", s, NEAR(sg, s, SUGGEST_RULE | SUGGEST_ACTOR | SUGGEST_FACTOR | SUGGEST_PARAM));
        }
        return rx_err(r, e);
    }
    if (!bool_slip(r, e))
        ERR(e->loc, "expected a constant, not the name '%s'", s);
    return rx_err(r, e);
}

/* How many reads of an attribute named `an` in e, a factor of rule
 * declaration d, are through a parameter that actor ac matches. */
static int reads_of(const model *m, const decl *d, const expr *e, int ac, const char *an)
{
    if (!e) return 0;
    switch (e->k) {
    case X_ATTR:
        if (strcmp(e->u.attr.attr.s, an) != 0) return 0;
        for (int i = 0; i < d->u.rule.np; i++) {
            const paramdef *pd = &d->u.rule.params[i];
            int k = names_get(&m->kind_idx, pd->kind.s);
            if (strcmp(pd->n.s, e->u.attr.obj.s) == 0) return k >= 0 && model_is_a(m, m->actors[ac].kind, k);
        }
        return 0;
    case X_CALL: {
        int n = 0;
        for (int i = 0; i < e->u.call.n; i++) n += reads_of(m, d, e->u.call.args[i], ac, an);
        return n;
    }
    case X_NEG: case X_NOT: case X_BIN: case X_APPROX: case X_IN:
        return reads_of(m, d, e->u.op.a, ac, an) + reads_of(m, d, e->u.op.b, ac, an) + reads_of(m, d, e->u.op.c, ac, an);
    case X_AGG: return reads_of(m, d, e->u.agg.body, ac, an) + reads_of(m, d, e->u.agg.cond, ac, an);
    default: return 0;
    }
}

/* Actor ac lacks attribute at (named an), which rule r->rule reads at e as
 * obj.an: said once for the actor and attribute, however many rules and
 * factors read it, with an attribute of the actor's close to it. */
int rsv_said_missing(R *r, int at, int ac)
{
    for (size_t i = 0; i < r->missing.n; i += 2)
        if (r->missing.v[i] == at && r->missing.v[i + 1] == ac) return 1;
    vec_push(r->missing, at);
    vec_push(r->missing, ac);
    return 0;
}

static void missing_attr(R *r, const expr *e, int ac, int at, const char *obj, const char *an)
{
    if (rsv_said_missing(r, at, ac) || rsv_did_fail(r, an, SUGGEST_ATTR)) return; /* (a column said to be bad) */
    const model *m = r->m;
    int reads = 0;
    for (int i = 0; r->rule && r->prog && i < r->prog->n; i++) {
        const decl *d = r->prog->v[i];
        for (int j = 0; d->k == D_RULE && j < d->u.rule.nf; j++) reads += reads_of(m, d, d->u.rule.f[j].e, ac, an);
    }
    char more[48] = "";
    if (reads > 1) snprintf(more, sizeof more, ", and in %d more place%s", reads - 1, reads > 2 ? "s" : "");
    char who[160];
    if (r->rule) snprintf(who, sizeof who, "%s '%s'", rule_noun(r->rule), r->rule->name);
    else snprintf(who, sizeof who, "this statement");
    if (rsv_data_missing(r, e, ac, who, obj, an)) return; /* a file's column: said once for its actors */
    suggest sg;
    suggest_init(&sg, an, r->d); /* of the attributes the actor sets */
    for (int i = 0; i < m->nactor_attrs; i++) /* not its bids' fields */
        if (r->w->has[i][ac]) suggest_offer(&sg, m->attrs[i].name, i);
    const actor_info *a = &m->actors[ac];
    if (sg.best)
        ERR(e->loc, "actor '%s' (%s) has no attribute '%s', which %s reads as %s.%s%s; it sets '%s': "
                    "did you mean '%s'?", a->name, m->kinds[a->kind].name, an, who, obj, an, more, sg.best, an);
    else
        ERR(e->loc, "actor '%s' (%s) has no attribute '%s', which %s reads as %s.%s%s", a->name,
            m->kinds[a->kind].name, an, who, obj, an, more);
    const decl *ad = r->actor_decls ? r->actor_decls[ac] : NULL;
    for (int j = 0; sg.best && ad && j < ad->u.actor.n; j++)
        if (strcmp(ad->u.actor.attrs[j].n.s, sg.best) == 0) {
            NOTE(ad->u.actor.attrs[j].n.loc, "actor '%s' sets '%s' here", a->name, sg.best);
            return;
        }
    if (!rsv_data_note(r, ac, an)) NOTE(a->loc, "actor '%s' is declared here", a->name);
}

int rsv_data_note(R *r, int ac, const char *an)
{
    const actor_info *a = &r->m->actors[ac];
    const data_def *x = a->row ? a->row->from_data->u.data : NULL;
    if (!x) return 0;
    for (int c = 0; c < x->ncols; c++)
        if (strcmp(x->cols[c].s, an) == 0) {
            NOTE(a->row->u.actor.cells[c], "actor '%s' is read from this record of %s, and its cell for '%s' is empty",
                 a->name, x->file, an);
            return 1;
        }
    NOTE(a->loc, "actor '%s' is read from this record of %s, which has no column '%s'", a->name, x->file, an);
    return 1;
}

/* x.attr where x, a parameter or a bound name, is tuple slot `slot` and
 * ranges over cand: every actor it can be must have the attribute. */
static rexpr *slot_attr(R *r, const expr *e, int at, int slot, const int *cand, int ncand)
{
    const char *obj = e->u.attr.obj.s, *an = e->u.attr.attr.s;
    suggest sg;
    if (at < 0 && rsv_did_fail(r, an, SUGGEST_ATTR)) return rx_err(r, e); /* its column was said to be bad */
    if (at < 0 && r->rule && rsv_column_slip(r, e->loc, arena_printf(r->a, "%s '%s' reads %s.%s", rule_noun(r->rule),
                                                                      r->rule->name, obj, an), an))
        return rx_err(r, e); /* a misspelt column */
    if (at < 0) {
        char hint[512]; /* a bid's field first: it may share its name with a factor */
        if (*rsv_field_hint(r, an, -1, hint, sizeof hint))
            ERR(e->u.attr.attr.loc, "unknown attribute '%s': no actor declares it%s", an, hint);
        else if (!suggest_wrong_class(r->d, r->src, e->u.attr.attr.loc, r->m, an, SUGGEST_ATTR,
                                      arena_printf(r->a, "%s.", obj)))
            ERR(e->u.attr.attr.loc, "unknown attribute '%s': no actor declares it%s", an, NEAR(sg, an, SUGGEST_ATTR));
        return rx_err(r, e);
    }
    if (r->m->attrs[at].type == T_ERR) return rx_err(r, e); /* its values are in error */
    int lacks = 0;
    for (int i = 0; i < ncand; i++) {
        int ac = cand[i];
        if (!r->w->has[at][ac]) {
            missing_attr(r, e, ac, at, obj, an);
            lacks = 1;
        }
    }
    if (lacks) return rx_err(r, e);
    rexpr *x = rx(r, R_ATTR, r->m->attrs[at].type, e);
    x->param = slot;
    x->attr = at;
    return x;
}

/* p.attr in a factor: every actor the parameter can match must have it. */
static rexpr *param_attr(R *r, const expr *e, int at)
{
    const char *obj = e->u.attr.obj.s, *an = e->u.attr.attr.s;
    const contract_info *ci = r->rule->contract;
    if ((r->rule->tender || (ci && ci->tender >= 0)) && strcmp(obj, "bid") == 0) return rsv_bid_attr(r, e);
    int p = names_get(&r->params, obj);
    if (p < 0) {
        if (strcmp(obj, "bid") == 0 && ci) {
            ERR(e->u.attr.obj.loc, "bid.%s reads the winning bid, and contract '%s' names its supplier: only a contract "
                                   "awarded by a tender (contract %s = award(TENDER)) has one", an, ci->name, ci->name);
            return rx_err(r, e);
        }
        if (strcmp(obj, "bid") == 0) {
            ERR(e->u.attr.obj.loc, "bid.%s reads a bid, and only a tender has bids", an);
            return rx_err(r, e);
        }
        not_param(r, e->u.attr.obj.loc, obj, an);
        return rx_err(r, e);
    }
    return slot_attr(r, e, at, p, r->rule->cand[p], r->rule->ncand[p]);
}

static rexpr *resolve_attr(R *r, const expr *e, ctxkind ctx)
{
    const char *obj = e->u.attr.obj.s, *an = e->u.attr.attr.s;
    if (rsv_no_world(ctx)) {
        ERR(e->loc, "expected %s, not the attribute %s.%s", rsv_wanted(ctx), obj, an);
        return rx_err(r, e);
    }
    int at = names_get(&r->m->attr_idx, an);
    const bound_name *b = rsv_bound(r, obj);
    if (b) return slot_attr(r, e, at, b->slot, b->cand, b->ncand);
    if (ctx != CTX_FACTOR && ctx != CTX_STMT) {
        if (r->nbound)
            ERR(e->loc, "'%s' is not bound by an aggregate here; in %s an aggregate reads only the actors it ranges "
                        "over (define a factor for %s.%s)", obj, ctx == CTX_SCORE ? "score" : "forms when", obj, an);
        else
            ERR(e->loc, "%s reads factors, not attributes; define a factor for %s.%s",
                ctx == CTX_SCORE ? "score" : "forms when", obj, an);
        return rx_err(r, e);
    }
    if (ctx == CTX_FACTOR) return param_attr(r, e, at);
    int ac = names_get(&r->m->actor_idx, obj);
    suggest sg;
    if (ac < 0) {
        rsv_unknown(r, e->u.attr.obj.loc, obj, SUGGEST_ACTOR);
        return rx_err(r, e);
    }
    char hint[512]; /* a field of its bid first: it may share its name with a factor */
    if (!rsv_has(r, at, ac) && *rsv_field_hint(r, an, ac, hint, sizeof hint)) {
        ERR(e->u.attr.attr.loc, "actor '%s' has no attribute '%s'%s", obj, an, hint);
        return rx_err(r, e);
    }
    if (at < 0 && suggest_wrong_class(r->d, r->src, e->u.attr.attr.loc, r->m, an, SUGGEST_ATTR, arena_printf(r->a, "%s.", obj)))
        return rx_err(r, e);
    if (!rsv_has(r, at, ac) && rsv_did_fail(r, an, SUGGEST_ATTR)) return rx_err(r, e); /* said at its column */
    if (!rsv_has(r, at, ac)) {
        suggest_init(&sg, an, r->d); /* of the attributes the actor has */
        for (int i = 0; at < 0 && i < r->m->nactor_attrs; i++) /* not its bids' fields */
            if (r->w->has[i][ac]) suggest_offer(&sg, r->m->attrs[i].name, 0);
        ERR(e->u.attr.attr.loc, "actor '%s' has no attribute '%s'%s", obj, an, suggest_said(&sg));
        rsv_data_note(r, ac, an);
        return rx_err(r, e);
    }
    return rsv_actor_attr(r, e, ac, at);
}

int rsv_has(const R *r, int at, int ac)
{
    if (at < 0) return 0;
    if (r->w->has[at][ac]) return 1;
    for (int i = 0; i < r->ngiven; i++)
        if (r->given[2 * i] == at && r->given[2 * i + 1] == ac) return 1;
    return 0;
}

rexpr *rsv_actor_attr(R *r, const expr *e, int ac, int at)
{
    if (r->m->attrs[at].type == T_ERR) return rx_err(r, e); /* its values are in error */
    rexpr *x = rx(r, R_ACTOR_ATTR, r->m->attrs[at].type, e);
    x->actor = ac;
    x->attr = at;
    if (!r->w->has[at][ac] && !r->unset) r->unset = x;
    return x;
}

/* Is a value of type t compared with a bare word: an actor's name (or
 * none, or a parameter), a status? */
static int is_word(vtype t) { return t == T_ACTOR || t == T_STATUS || t == T_OSTATUS || t == T_CSTATUS || t == T_EVENT; }

/* a == b, a != b: a factor compares with a bare factor name of its rule. */
static int equality(R *r, const expr *e, ctxkind ctx, rexpr **pa, rexpr **pb)
{
    const expr *ea = e->u.op.a, *eb = e->u.op.b;
    rexpr *a, *b;
    /* a bare name on the left (`met == status(c.o)`, `n == supplier(c)`)
     * is read as what the right side compares with */
    int flip = ea->k == X_NAME && (ctx == CTX_STMT || ((ctx == CTX_FACTOR || ctx == CTX_FORMS) &&
                                                       names_get(&r->factors, ea->u.id.s) < 0));
    if (flip) {
        b = rsv_expr(r, eb, ctx);
        if (b->type == T_ERR) return -1;
        a = b->type == T_FACTOR ? factor_name(r, ea, b->rule) : is_word(b->type) ? rsv_word(r, ea, b->type) : rsv_expr(r, ea, ctx);
    } else {
        a = rsv_expr(r, ea, ctx);
        if (a->type == T_ERR) return -1;
        b = a->type == T_FACTOR && eb->k == X_NAME ? factor_name(r, eb, a->rule)
          : is_word(a->type) && eb->k == X_NAME ? rsv_word(r, eb, a->type) : rsv_expr(r, eb, ctx);
    }
    if (a->type == T_ERR || b->type == T_ERR) return -1;
    int ok = (rsv_is_num(a->type) && rsv_is_num(b->type)) || a->type == b->type;
    if (a->type == T_FACTOR && b->type == T_FACTOR && a->rule != b->rule) ok = 0;
    if (ok && a->type == T_SET && ctx != CTX_STMT) { /* the evaluator's, not the compiled code's */
        ERR(e->loc, "sets are compared with == and != only in statements such as expect; in a %s, "
                    "s equals t when covers(s, t) == 1 and covers(t, s) == 1",
            r->requirement ? "requirement" : "factor");
        return -1;
    }
    if (!ok) {
        if (a->type == T_FACTOR && b->type == T_FACTOR)
            ERR(e->loc, "cannot compare a factor of partnership '%s' with one of partnership '%s'",
                r->m->rules[a->rule].name, r->m->rules[b->rule].name);
        else
            ERR(e->loc, "cannot compare %s with %s", rsv_type_name(a->type), rsv_type_name(b->type));
        return -1;
    }
    *pa = a;
    *pb = b;
    return 0;
}

static rexpr *resolve_bin(R *r, const expr *e, ctxkind ctx)
{
    binop op = e->u.op.op;
    const expr *ea = e->u.op.a, *eb = e->u.op.b;
    rexpr *a, *b;
    if (op == OP_AND || op == OP_OR) {
        const char *w = op == OP_AND ? "'and'" : "'or'";
        a = rsv_need(r, ea, ctx, 0, w);
        b = rsv_need(r, eb, ctx, 0, w);
    } else if (op >= OP_LT && op <= OP_NE && rsv_date_compare(r, e, ctx, &a, &b)) {
        /* dates: what first() gives */
    } else if (op == OP_EQ || op == OP_NE) {
        if (equality(r, e, ctx, &a, &b) < 0) return rx_err(r, e);
    } else {
        const char *w = op >= OP_LT ? "a comparison" : "arithmetic";
        a = rsv_need(r, ea, ctx, 1, w);
        b = rsv_need(r, eb, ctx, 1, w);
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
    if (a->type == T_STR && a->k == R_CONST && b->k == R_CONST) { /* string equality of constants */
        rexpr *c = rx_const(r, T_BOOL, (a->num == b->num) == (op == OP_EQ), e);
        c->folded = x;
        return c;
    }
    return fold(r, x);
}

static rexpr *set_literal(R *r, const expr *e)
{
    rexpr *x = rx(r, R_SETCONST, T_SET, e);
    int *ids = arena_alloc(r->a, (size_t)(e->u.set.n + 1) * sizeof *ids);
    for (int i = 0; i < e->u.set.n; i++) ids[i] = rsv_sym(r, e->u.set.v[i].s); /* may widen sets: first */
    x->nwords = r->mm ? r->mm->setwords : r->w->setwords;
    uint64_t *bits = arena_alloc(r->a, (size_t)x->nwords * sizeof *bits + 8);
    for (int i = 0; i < e->u.set.n; i++) bits[ids[i] / 64] |= 1ull << (ids[i] % 64);
    x->bits = bits;
    return x;
}

static rexpr *approx(R *r, const expr *e, ctxkind ctx)
{
    rexpr *x = rx(r, R_APPROX, T_BOOL, e);
    rx_subs(r, x, 3);
    x->sub[0] = rsv_need(r, e->u.op.a, ctx, 1, "'~='");
    x->sub[1] = rsv_need(r, e->u.op.b, ctx, 1, "'~='");
    x->sub[2] = rsv_need(r, e->u.op.c, ctx, 1, "'within'");
    for (int i = 0; i < 3; i++)
        if (x->sub[i]->type == T_ERR) return x->sub[i];
    if (x->sub[2]->k == R_CONST && x->sub[2]->num < 0) {
        ERR(e->u.op.c->loc, "a tolerance cannot be negative");
        return rx_err(r, e);
    }
    return fold(r, x);
}

static rexpr *member(R *r, const expr *e, ctxkind ctx)
{
    const expr *s = e->u.op.a;
    if (s->k != X_NAME) {
        ERR(s->loc, "the left of 'in' must be a symbol, like elderly in n.concerns");
        return rx_err(r, e);
    }
    rexpr *set = rsv_expr(r, e->u.op.b, ctx);
    if (set->type == T_ERR) return set;
    if (set->type != T_SET) {
        ERR(e->u.op.b->loc, "the right of 'in' must be a set, but this is %s", rsv_type_name(set->type));
        return rx_err(r, e);
    }
    rexpr *x = rx(r, R_IN, T_BOOL, e);
    x->index = rsv_sym(r, s->u.id.s);
    rx_subs(r, x, 1);
    x->sub[0] = set;
    return x;
}

static rexpr *resolve(R *r, const expr *e, ctxkind ctx)
{
    switch (e->k) {
    case X_NUM: return rx_const(r, T_NUM, e->u.num, e);
    case X_BOOL: return rx_const(r, T_BOOL, e->u.num, e);
    case X_STR: return rx_const(r, T_STR, rsv_str(r, e->u.str), e);
    case X_SET: return set_literal(r, e);
    case X_NAME: return resolve_name(r, e, ctx);
    case X_SCORE:
        if (ctx == CTX_FORMS && r->nbound) {
            ERR(e->loc, "an aggregate reads the actors it ranges over, not the score");
            return rx_err(r, e);
        }
        if (ctx != CTX_FORMS) {
            ERR(e->loc, ctx == CTX_STMT                 ? "read a verdict's score as score(R(a, b))"
                        : r->rule && r->rule->tender ? "a tender's score is read only by 'award' and 'tie', like "
                                                       "'award best score'"
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
    case X_BID: return rsv_bid_value(r, e, ctx);
    case X_NEG: return resolve_unary(r, e, ctx, R_NEG, 1, "'-'");
    case X_NOT: return resolve_unary(r, e, ctx, R_NOT, 0, "'not'");
    case X_BIN: return resolve_bin(r, e, ctx);
    case X_APPROX: return approx(r, e, ctx);
    case X_IN: return member(r, e, ctx);
    case X_AGG: return rsv_agg(r, e, ctx);
    case X_OF: return stray_of(r, e, NULL);
    case X_TO: return stray_to(r, e, NULL);
    case X_DATE: return rsv_date_value(r, e, ctx);
    case X_TIME: return rsv_time(r, e, ctx);
    }
    return rx_err(r, e);
}

/* Is e made of number and boolean literals alone, through operators and
 * calls?  Then its value is a constant, and nothing made to resolve it is
 * read after. */
static int literal_tree(const expr *e)
{
    switch (e->k) {
    case X_NUM: case X_BOOL: return 1;
    case X_NEG: case X_NOT: return literal_tree(e->u.op.a);
    case X_BIN: return literal_tree(e->u.op.a) && literal_tree(e->u.op.b);
    case X_APPROX: return literal_tree(e->u.op.a) && literal_tree(e->u.op.b) && literal_tree(e->u.op.c);
    case X_CALL:
        for (int i = 0; i < e->u.call.n; i++)
            if (!literal_tree(e->u.call.args[i])) return 0;
        return 1;
    default: return 0;
    }
}

rexpr *rsv_expr(R *r, const expr *e, ctxkind ctx)
{
    arena_mark top = arena_top(r->a);
    rexpr *x = resolve(r, e, ctx);
    /* a constant folded from literals keeps its value and the operator it
     * is the value of, with its operands' values (what a failed expect
     * shows), not every node it was folded from */
    if (x->k != R_CONST || (x->type != T_NUM && x->type != T_BOOL) || e->k == X_NUM || e->k == X_BOOL ||
        !literal_tree(e))
        return x;
    rexpr c = *x, f = x->folded ? *x->folded : c;
    int n = x->folded ? f.nsub : 0;
    rexpr *subs = mem_alloc((size_t)(n + 1) * sizeof *subs);
    for (int i = 0; i < n; i++) subs[i] = *f.sub[i];
    arena_release(r->a, top);
    x = rx_const(r, c.type, c.num, c.src);
    if (c.folded) {
        rexpr *op = rx(r, f.k, f.type, f.src);
        *op = f;
        op->folded = NULL;
        rx_subs(r, op, n);
        for (int i = 0; i < n; i++) op->sub[i] = rx_const(r, subs[i].type, subs[i].num, subs[i].src);
        x->folded = op;
    }
    free(subs);
    return x;
}

rexpr *rsv_constant(R *r, const expr *e, const char *what)
{
    rexpr *x = rsv_expr(r, e, CTX_CONST);
    if (x->type == T_ERR) return NULL;
    if (x->k != R_CONST && x->k != R_SETCONST) {
        ERR(e->loc, "%s must be a constant", what);
        return NULL;
    }
    return x;
}

double rsv_number(R *r, const expr *e, const char *what, double dflt)
{
    if (!e) return dflt;
    rexpr *x = rsv_constant(r, e, what);
    if (!x) return dflt;
    if (!rsv_is_num(x->type)) {
        ERR(e->loc, "%s must be a number, but this is %s", what, rsv_type_name(x->type));
        return dflt;
    }
    return x->num;
}
