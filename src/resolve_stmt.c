/*
 * resolve_stmt.c - statements: show, explain and dominance name a rule and
 * maybe a tuple of actors (dominance, and what its Shapley values are of);
 * expect holds a condition; a session's bare expression, a value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "range.h"
#include "resolver.h"

/* An order of actors a[0..n) that fits ru's kinds, from place i on (the
 * places before it taken, each by the actor in order[]): 1 with it in
 * order[], else 0.  The first such in the order written. */
static int fitting_order(const model *m, const rule_info *ru, const int *a, int n, int i, unsigned used, int *order)
{
    if (i == n) return 1;
    for (int j = 0; j < n; j++)
        if (!(used >> j & 1) && model_is_a(m, m->actors[a[j]].kind, ru->pkinds[i])) {
            order[i] = j;
            if (fitting_order(m, ru, a, n, i + 1, used | 1u << j, order)) return 1;
        }
    return 0;
}

/* `alliance(acme, elder_care)`, its actors in the wrong order: every one
 * known and of a wrong kind for its place, and another order fits.  Then
 * one error at the actors, with the tuple that fits; 1 when said. */
static int wrong_order(R *r, const rule_info *ru, const name *args, int n)
{
    const model *m = r->m;
    int a[COOP_MAX_PARAMS], order[COOP_MAX_PARAMS];
    for (int i = 0; i < n; i++)
        if ((a[i] = names_get(&m->actor_idx, args[i].s)) < 0 || model_is_a(m, m->actors[a[i]].kind, ru->pkinds[i]))
            return 0;
    if (n < 2 || !fitting_order(m, ru, a, n, 0, 0, order)) return 0;
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    fprintf(f, "partnership '%s' takes its actors as (", ru->name);
    for (int i = 0; i < n; i++) fprintf(f, "%s%s: %s", i ? ", " : "", ru->pnames[i], m->kinds[ru->pkinds[i]].name);
    fputs("), and these are of kinds ", f);
    for (int i = 0; i < n; i++) fprintf(f, "%s%s", i ? ", " : "", m->kinds[m->actors[a[i]].kind].name);
    fprintf(f, ": in the wrong order; did you mean %s(", ru->name);
    for (int i = 0; i < n; i++) fprintf(f, "%s%s", i ? ", " : "", args[order[i]].s);
    fputs(")?", f);
    fclose(f);
    coop_loc at = args[0].loc;
    at.end_line = args[n - 1].loc.end_line;
    at.end_col = args[n - 1].loc.end_col;
    ERR(at, "%s", t);
    free(t);
    return 1;
}

int rsv_tuple(R *r, int rule, const name *args, int n, coop_loc loc, int *out)
{
    const model *m = r->m;
    const rule_info *ru = &m->rules[rule];
    if (ru->tender) return rsv_bidder(r, rule, args, n, loc, out);
    if (n != ru->np) {
        ERR(loc, "partnership '%s' takes %d actors, not %d", ru->name, ru->np, n);
        return -1;
    }
    if (wrong_order(r, ru, args, n)) {
        for (int i = 0; i < n; i++) out[i] = -1;
        return -1;
    }
    int ok = 0;
    for (int i = 0; i < n; i++) {
        int a = names_get(&m->actor_idx, args[i].s);
        out[i] = -1; /* until it is known to fit */
        if (a < 0) {
            int again = 0; /* show p(association, association): said once */
            for (int j = 0; j < i && !again; j++) again = out[j] < 0 && strcmp(args[j].s, args[i].s) == 0;
            if (!again) rsv_unknown(r, args[i].loc, args[i].s, SUGGEST_ACTOR);
            ok = -1;
            continue;
        }
        int k = m->actors[a].kind, want = ru->pkinds[i];
        if (!model_is_a(m, k, want)) {
            ERR(args[i].loc, "partnership '%s' expects kind '%s' for '%s', but '%s' is of kind '%s'", ru->name,
                m->kinds[want].name, ru->pnames[i], args[i].s, m->kinds[k].name);
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
    if (ok == 0 && !range_has(ru, out)) {
        char *msg = range_error(m, rule, out);
        ERR(loc, "%s", msg);
        free(msg);
        return -1;
    }
    return ok;
}

int rsv_of(R *r, int rule, const name *word)
{
    const rule_info *ru = &r->m->rules[rule];
    if (!word) return rule_default_of(ru);
    if (strcmp(word->s, "verdict") == 0) return OF_VERDICT;
    if (!ru->score) {
        ERR(word->loc, "%s '%s' has no score: its Shapley values are of the verdict", rule_noun(ru), ru->name);
        return -1;
    }
    return OF_SCORE;
}

int rsv_target(R *r, const decl *d, stmt *st)
{
    if ((st->step = rsv_stmt_step(r, d->u.target.at)) < -1) return -1;
    int world = rsv_world(r, d, st);
    if (world) return world > 0 ? 0 : -1;
    /* `show params`: every parameter (a rule or contract of that name is shown instead) */
    if (d->k == S_SHOW && !d->u.target.has_args && !d->u.target.period && strcmp(d->n.s, "params") == 0 &&
        names_get(&r->m->callables, d->n.s) == -1 && names_get(&r->m->contract_idx, d->n.s) < 0) {
        st->params = 1;
        return 0;
    }
    if (d->u.target.period && rsv_show_by(r, d, st) < 0) return -1;
    int c = names_get(&r->m->callables, d->n.s);
    if (c > -2) {
        int k = rsv_contract_target(r, d, st);
        if (k) return k > 0 ? rsv_story(r, d, st) : -1;
        suggest sg; /* "unknown contract" when the nearest name is one */
        NEAR(sg, d->n.s, SUGGEST_RULE | SUGGEST_CONTRACT);
        rsv_unknown(r, d->n.loc, d->n.s, sg.tag == SUGGEST_CONTRACT ? SUGGEST_CONTRACT : SUGGEST_RULE);
        return -1;
    }
    st->rule = -2 - c;
    if (r->m->rules[st->rule].np == 0) return -1; /* its declaration failed */
    st->has_tuple = d->u.target.has_args;
    st->why = d->u.target.why;
    if (st->has_tuple && rsv_tuple(r, st->rule, d->u.target.args, d->u.target.n, d->loc, st->tuple) < 0) return -1;
    int of = rsv_of(r, st->rule, d->u.target.of);
    if (of < 0) return -1;
    st->of = (shapley_of)of;
    if (d->u.target.by) return rsv_by_events(r, d, st);
    if (d->k == S_DOMINANCE && (st->has_tuple || d->u.target.of) && /* `dominance T` divides a gap */
        rsv_tender_of(r, st->rule, st->of, d->u.target.of, st->has_tuple ? d->u.target.args[0].s : NULL, d->loc) < 0)
        return -1;
    if (d->k == S_DOMINANCE && !st->has_tuple && r->m->rules[st->rule].tender)
        return rsv_tender_dominance(r, st->rule, d->loc);
    return rsv_story(r, d, st);
}

int rsv_condition(R *r, const decl *d, stmt *st)
{
    rexpr *x = rsv_expr(r, d->u.expect.e, CTX_STMT);
    if (x->type == T_ERR) return -1;
    if (x->type != T_BOOL) {
        ERR(d->u.expect.e->loc, "expect needs a condition (true/false), but this is %s", rsv_type_name(x->type));
        return -1;
    }
    st->e = x;
    return 0;
}

int rsv_value(R *r, const decl *d, stmt *st)
{
    rexpr *x = rsv_expr(r, d->u.expect.e, CTX_STMT);
    if (x->type == T_ERR) return -1;
    st->e = x;
    return 0;
}
