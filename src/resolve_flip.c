/*
 * resolve_flip.c - `flip R(a, b) [to form|fail] [by NAME, ...]`: the rule,
 * its tuple, the verdict asked for, and what the names after `by` pick of
 * the values its verdict reads (flip.h):
 * attributes (`capacity`, `acme.capacity`, `n.capacity`, a tender's
 * `price` or `bid.price`), relations (`trust`) and the model's parameters
 * (`w_trust`).
 */
#include <string.h>

#include <stdio.h>
#include <stdlib.h>

#include "flip_trace.h"
#include "resolver.h"

/* The values the verdict reads (t), as a message lists them: "a.x,
 * trust(a, b), w" (up to about 500 bytes). */
static const char *reads_list(R *r, const flip_trace *t)
{
    char list[512] = "";
    size_t len = 0;
    for (size_t i = 0; i < t->in.n; i++) {
        char *buf = NULL;
        size_t n = 0;
        FILE *f = mem_stream(&buf, &n);
        flip_target(f, r->m, &t->in.v[i]);
        fclose(f);
        if (len + n + 3 < sizeof list) len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", buf);
        free(buf);
    }
    return arena_strdup(r->a, list);
}

/* The parameter of rule ru that `s` names: a parameter's name, or an
 * actor of the tuple t; -1 for neither. */
static int param_of(R *r, const rule_info *ru, const int *t, const char *s)
{
    for (int p = 0; p < ru->np; p++)
        if (strcmp(ru->pnames[p], s) == 0 || strcmp(r->m->actors[t[p]].name, s) == 0) return p;
    return -1;
}

/* What one name after `by` may name, into p[]: how many (an attribute, a
 * relation and a parameter of one name are each one), or -1 after saying
 * why none. */
static int pick(R *r, const rule_info *ru, const int *t, const flipname *fn, flip_pick *p)
{
    const model *m = r->m;
    flip_pick one = {-1, -1, -1, -1, -1, fn->obj.s ? fn->obj.loc : fn->attr.loc};
    one.loc.end_line = fn->attr.loc.end_line;
    one.loc.end_col = fn->attr.loc.end_col;
    const char *a = fn->attr.s;
    int n = 0;
    if (ru->tender && (!fn->obj.s || strcmp(fn->obj.s, "bid") == 0)) { /* a bid's field: price, bid.price */
        int at = names_get(&m->attr_idx, arena_printf(r->a, "%s.%s", ru->name, a));
        if (at >= 0) {
            p[0] = one;
            p[0].attr = at;
            p[0].param = 0;
            p[0].actor = t[0];
            return 1;
        }
        if (fn->obj.s) {
            ERR(fn->attr.loc, "no bid for tender '%s' has a field '%s'", ru->name, a);
            return -1;
        }
    }
    if (fn->obj.s) {
        int q = param_of(r, ru, t, fn->obj.s);
        if (q < 0) {
            ERR(fn->obj.loc, "'%s' is neither one of %s's parameters nor an actor of the tuple flipped", fn->obj.s,
                ru->name);
            return -1;
        }
        one.param = q;
        one.actor = t[q];
    }
    int at = names_get(&m->attr_idx, a), c = fn->obj.s ? -1 : names_get(&m->callables, a);
    int mp = fn->obj.s ? -1 : names_get(&m->param_idx, a);
    if (at >= 0) {
        p[n] = one;
        p[n++].attr = at;
    }
    if (c >= 0) {
        p[n] = one;
        p[n++].rel = c;
    }
    if (mp >= 0) {
        p[n] = one;
        p[n++].mparam = mp;
    }
    if (n == 0) {
        suggest sg;
        unsigned cls = fn->obj.s ? SUGGEST_ATTR : SUGGEST_ATTR | SUGGEST_REL | SUGGEST_PARAM;
        if (!fn->obj.s && c <= -2)
            ERR(fn->attr.loc, "'%s' is a %s; flip moves the values a verdict reads: attributes, relations and "
                              "parameters", a, rule_noun(&m->rules[-2 - c]));
        else if (!suggest_wrong_class(r->d, r->src, fn->attr.loc, m, a, cls,
                                      fn->obj.s ? arena_printf(r->a, "by %s.", fn->obj.s) : "by "))
            ERR(fn->attr.loc, "unknown %s '%s'%s", fn->obj.s ? "attribute" : "attribute, relation or parameter", a,
                NEAR(sg, a, cls));
        return -1;
    }
    if (at >= 0 && (m->attrs[at].type == T_SET || m->attrs[at].type == T_STR) && n == 1) {
        ERR(fn->attr.loc, "attribute '%s' holds %s: a flip moves numbers and true/false values (a what-if changes "
                          "the others: what if %s.%s %s)", a, m->attrs[at].type == T_SET ? "a set" : "a string",
            m->actors[one.actor >= 0 ? one.actor : t[0]].name, a, m->attrs[at].type == T_SET ? "+= {x}" : "= \"...\"");
        return -1;
    }
    return n;
}

int rsv_flip_to(R *r, int rule, const name *w)
{
    if (!w) return FLIP_OTHER;
    if (strcmp(w->s, "form") == 0) return FLIP_FORM;
    if (strcmp(w->s, "fail") == 0) return FLIP_FAIL;
    suggest sg;
    suggest_init(&sg, w->s, r->d);
    suggest_offer(&sg, "form", 0);
    suggest_offer(&sg, "fail", 0);
    ERR(w->loc, "a flip asks %s for a verdict 'to form'%s or 'to fail'%s, not 'to %s'%s",
        r->m->rules[rule].tender ? "a bid" : "a partnership", r->m->rules[rule].tender ? " (to be eligible)" : "",
        r->m->rules[rule].tender ? " (to be ineligible)" : "", w->s, suggest_said(&sg));
    return -2;
}

int rsv_flip(R *r, const decl *d, stmt *st)
{
    const model *m = r->m;
    int c = names_get(&m->callables, d->n.s);
    if (c > -2) {
        if (names_get(&m->contract_idx, d->n.s) >= 0)
            ERR(d->n.loc, "'%s' is a contract: a flip moves what a partnership's verdict or a bid's eligibility reads "
                          "(a what-if changes what a contract reads)", d->n.s);
        else if (c >= 0)
            ERR(d->n.loc, "'%s' is a relation: flip takes a partnership's tuple, like flip R(a, b)", d->n.s);
        else
            rsv_unknown(r, d->n.loc, d->n.s, SUGGEST_RULE);
        return -1;
    }
    st->rule = -2 - c;
    const rule_info *ru = &m->rules[st->rule];
    if (ru->np == 0) return -1; /* its declaration failed */
    if (!d->u.target.has_args) {
        char *t = arena_printf(r->a, "%s", ru->pnames[0]);
        for (int p = 1; p < (ru->tender ? 1 : ru->np); p++) t = arena_printf(r->a, "%s, %s", t, ru->pnames[p]);
        ERR(d->n.loc, "flip takes one tuple: flip %s(%s)", ru->name, t);
        return -1;
    }
    st->has_tuple = 1;
    if (rsv_tuple(r, st->rule, d->u.target.args, d->u.target.n, d->loc, st->tuple) < 0) return -1;
    st->flip_to = rsv_flip_to(r, st->rule, d->u.target.flip_to);
    if (st->flip_to < FLIP_OTHER) return -1;
    int n = d->u.target.nflip_by, ok = 0;
    flip_pick *pk = arena_alloc(r->a, (3 * (size_t)n + 1) * sizeof *pk);
    flip_trace tr;
    if (n) flip_trace_of(&tr, m, st->rule, st->tuple);
    for (int i = 0; i < n; i++) {
        const flipname *fn = &d->u.target.flip_by[i];
        flip_pick p[3];
        int np = pick(r, ru, st->tuple, fn, p), got = 0;
        if (np < 0) {
            ok = -1;
            continue;
        }
        for (int k = 0; k < np; k++) {
            int reads = 0;
            for (size_t j = 0; j < tr.in.n && !reads; j++) reads = flip_trace_picks(&p[k], &tr.in.v[j]);
            if (reads) pk[st->npick++] = p[k], got = 1;
        }
        if (!got) {
            char who[256] = "";
            const char *list = reads_list(r, &tr);
            if (p[0].param >= 0) snprintf(who, sizeof who, " of %s", m->actors[st->tuple[p[0].param]].name);
            ERR(p[0].loc, "the verdict of %s reads no %s '%s'%s%s%s", ru->name,
                np > 1 ? "value named" : p[0].rel >= 0 ? "relation" : p[0].mparam >= 0 ? "parameter" : "attribute",
                fn->attr.s, who, *list ? "; it reads " : " (it reads no value of the tuple's own)", list);
            ok = -1;
        }
    }
    if (n) flip_trace_free(&tr);
    st->pick = pk;
    return ok;
}
