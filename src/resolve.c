/*
 * resolve.c - from syntax tree to model and world: the order of the work
 * (declaration classes in decl.h's order, then statements), the model's
 * symbols and strings, and what a finished model keeps for later.
 */
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "data.h"
#include "decl.h"
#include "resolver.h"
#include "words.h"

int model_is_a(const model *m, int k, int of)
{
    for (; k >= 0; k = m->kinds[k].parent)
        if (k == of) return 1;
    return 0;
}

/* ---- names unknown ---- */

void rsv_failed(R *r, const char *word, unsigned cls)
{
    int was = names_get(&r->failed, word);
    names_put(&r->failed, word, (int)(cls | (was > 0 ? (unsigned)was : 0)));
}

int rsv_named_once(R *r, const void *items, size_t size, size_t at, int i, const char *what)
{
    const name *n = (const name *)((const char *)items + (size_t)i * size + at);
    for (int j = 0; j < i; j++) {
        const name *p = (const name *)((const char *)items + (size_t)j * size + at);
        if (strcmp(p->s, n->s) != 0) continue;
        ERR(n->loc, "%s named '%s'", what, n->s);
        NOTE(p->loc, "the first is here");
        return 0;
    }
    return 1;
}

int rsv_did_fail(R *r, const char *word, unsigned cls)
{
    int was = names_get(&r->failed, word);
    return was >= 0 && ((unsigned)was & cls);
}

void rsv_unknown(R *r, coop_loc loc, const char *word, unsigned want)
{
    if (rsv_did_fail(r, word, want)) return;
    suggest_unknown(r->d, r->src, loc, r->m, word, want);
    /* a kind no one declared is one slip however often it is named: said
     * at its first use */
    if (want == SUGGEST_KIND && !suggest_class(r->m, word, ~want)) rsv_failed(r, word, SUGGEST_KIND);
}

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

/* The world later symbols and strings are numbered in: the caller's, or
 * one of the resolver's own when it gave none (a constant of a change). */
static coop_world *ext(R *r)
{
    if (!r->w) r->w = r->scratch = world_new(r->m);
    return r->w;
}

int rsv_sym(R *r, const char *s)
{
    if (r->mm) return intern(r, &r->mm->sym_idx, &r->symv, s);
    return world_sym_intern(ext(r), s);
}

int rsv_str(R *r, const char *s)
{
    if (r->mm) return intern(r, &r->mm->str_idx, &r->strv, s);
    return world_str_intern(ext(r), s);
}

void rsv_each_sym(const expr *e, void (*fn)(void *ctx, const name *sym), void *ctx)
{
    if (!e) return;
    switch (e->k) {
    case X_SET:
        for (int i = 0; i < e->u.set.n; i++) fn(ctx, &e->u.set.v[i]);
        break;
    case X_CALL:
        for (int i = 0; i < e->u.call.n; i++) rsv_each_sym(e->u.call.args[i], fn, ctx);
        break;
    case X_OF: case X_TO: rsv_each_sym(e->u.of.e, fn, ctx); break;
    case X_IN:
        if (e->u.op.a->k == X_NAME) fn(ctx, &e->u.op.a->u.id);
        /* fall through */
    case X_NEG: case X_NOT: case X_BIN: case X_APPROX:
        rsv_each_sym(e->u.op.a, fn, ctx);
        rsv_each_sym(e->u.op.b, fn, ctx);
        rsv_each_sym(e->u.op.c, fn, ctx);
        break;
    case X_AGG:
        rsv_each_sym(e->u.agg.body, fn, ctx);
        rsv_each_sym(e->u.agg.cond, fn, ctx);
        rsv_each_sym(e->u.agg.els, fn, ctx);
        break;
    default: break;
    }
}

typedef struct sym_fn {
    void (*fn)(void *ctx, const name *sym);
    void *ctx;
} sym_fn;

static void each_in(void *ctx, const expr *e)
{
    const sym_fn *f = ctx;
    rsv_each_sym(e, f->fn, f->ctx);
}

void rsv_decl_syms(const decl *d, void (*fn)(void *ctx, const name *sym), void *ctx)
{
    sym_fn f = {fn, ctx};
    const decl_class *c = decl_class_of(d->k);
    if (c->exprs) c->exprs(d, each_in, &f);
    const tender_def *t = d->k == D_TENDER ? d->u.rule.tender : NULL;
    for (int i = 0; t && i < t->nreq; i++) fn(ctx, &t->req[i].n);
}

/* Every symbol the program names, so sets know their width before any is
 * built. */
static void collect_sym(void *r, const name *sym) { rsv_sym(r, sym->s); }

static void collect_all_syms(R *r, const program *p)
{
    for (int i = 0; i < p->n; i++) rsv_decl_syms(p->v[i], collect_sym, r);
}

/* The symbols and strings gathered, into the model's arrays. */
static void keep_tables(R *r)
{
    model *m = r->mm;
    m->nsyms = (int)r->symv.n;
    m->syms = arena_alloc(r->a, (r->symv.n + 1) * sizeof(char *));
    if (r->symv.n) memcpy(m->syms, r->symv.v, r->symv.n * sizeof(char *));
    m->nstrs = (int)r->strv.n;
    m->strs = arena_alloc(r->a, (r->strv.n + 1) * sizeof(char *));
    if (r->strv.n) memcpy(m->strs, r->strv.v, r->strv.n * sizeof(char *));
    vec_free(r->symv);
    vec_free(r->strv);
}

void model_free(model *m)
{
    for (int i = 0; i < m->nrules; i++) compile_free(&m->rules[i]);
    names_free(&m->kind_idx);
    names_free(&m->actor_idx);
    names_free(&m->attr_idx);
    names_free(&m->sym_idx);
    names_free(&m->str_idx);
    names_free(&m->callables);
    names_free(&m->contract_idx);
    names_free(&m->event_idx);
    names_free(&m->param_idx);
}

/* ---- the program ---- */

void rsv_statements(R *r, const program *p)
{
    int n = 0;
    for (int i = 0; i < p->n; i++) n += decl_is_stmt(p->v[i]);
    r->stmts = arena_alloc(r->a, (size_t)(n + 1) * sizeof *r->stmts);
    r->nstmts = 0;
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (!decl_is_stmt(d)) continue;
        stmt *st = &r->stmts[r->nstmts];
        memset(st, 0, sizeof *st);
        st->k = d->k;
        st->loc = d->loc;
        st->rule = -1;
        st->contract = -1;
        st->step = -1;
        st->by = st->world = -1;
        r->past = 0;
        r->unset = NULL;
        if (decl_class_of(d->k)->resolve(r, d, st) == 0) r->nstmts++;
        st->past = r->past;
        st->unset = r->unset;
    }
}

int resolve_program(coop_script *s, coop_diags *d)
{
    R r0 = {0}, *r = &r0;
    r->m = r->mm = &s->m;
    r->a = &s->mem;
    r->d = d;
    r->src = &s->src;
    program flat = data_flatten(&s->prog, &s->mem); /* case data: its rows in its place */
    r->prog = &flat;
    size_t before = coop_diags_errors(d);

    collect_all_syms(r, &flat);
    r->mm->nsyms = (int)r->symv.n;
    r->mm->setwords = (r->mm->nsyms + 63) / 64;
    if (r->mm->setwords == 0) r->mm->setwords = 1;

    /* the classes in order: kinds and actors first; after an error that
     * makes the rest meaningless (too many attribute cells), nothing more */
    for (int k = D_KIND; k <= D_LAST; k++) {
        if (r->fatal) break;
        if (decl_class_of((dkind)k)->declare) decl_class_of((dkind)k)->declare(r, &flat);
    }
    s->w = r->w;
    if (coop_diags_errors(d) == before) {
        rsv_statements(r, &flat);
        s->stmts = r->stmts;
        s->nstmts = r->nstmts;
    }
    keep_tables(r);
    names_free(&r->params);
    names_free(&r->factors);
    names_free(&r->failed);
    free(r->actor_decls);
    vec_free(r->missing);
    vec_free(r->data_said);
    vec_free(r->aggs);
    return coop_diags_errors(d) > before ? -1 : 0;
}

void rsv_start(R *r, const model *m, coop_world *w, const source *src, arena *a, coop_diags *d)
{
    memset(r, 0, sizeof *r);
    r->m = m;
    r->w = w;
    r->a = a;
    r->d = d;
    r->src = src;
}

void rsv_end(R *r)
{
    world_free(r->scratch);
    vec_free(r->missing); /* an aggregate's bound name may find an attribute missing */
    vec_free(r->data_said);
    names_free(&r->failed); /* an unknown kind, said once */
}

int resolve_stmts(const model *m, coop_world *w, const source *src, arena *a, decl *const *v, int n,
                  const int *given, int ngiven, stmt **out, coop_diags *d)
{
    R r0, *r = &r0;
    rsv_start(r, m, w, src, a, d);
    r->given = given;
    r->ngiven = ngiven;
    size_t before = coop_diags_errors(d);
    program p = {(decl **)v, n};
    rsv_statements(r, &p);
    rsv_end(r);
    *out = r->stmts;
    if (coop_diags_errors(d) > before) {
        *out = NULL;
        return -1;
    }
    return r->nstmts;
}

int resolve_event_when(const model *m, coop_world *w, const source *src, arena *a, const change *c, event_info *ev,
                       coop_diags *d)
{
    R r0, *r = &r0;
    rsv_start(r, m, w, src, a, d);
    size_t before = coop_diags_errors(d);
    decl dd = {0};
    dd.k = D_EVENT;
    dd.loc = c->loc;
    dd.n = c->obj;
    dd.u.event = c->event;
    int ok = rsv_event_when(r, &dd, ev);
    rsv_end(r);
    return ok && coop_diags_errors(d) == before ? 0 : -1;
}

int resolve_bid(const model *m, const source *src, arena *a, const change *c, int *actor, int *attr, coop_diags *d)
{
    R r0;
    rsv_start(&r0, m, NULL, src, a, d);
    int rc = rsv_bid_cell(&r0, &c->obj, &c->args[0], &c->attr, actor, attr);
    rsv_end(&r0);
    return rc;
}

void resolve_change_actor(const model *m, const source *src, const change *c, coop_diags *d)
{
    const char *s = c->obj.s, *f = c->attr.s;
    int cl = names_get(&m->callables, s), rule = cl <= -2 ? -2 - cl : -1;
    const rule_info *ru = rule >= 0 ? &m->rules[rule] : NULL;
    if (!ru && names_get(&m->contract_idx, s) < 0) {
        suggest_unknown(d, src, c->obj.loc, m, s, SUGGEST_ACTOR);
        return;
    }
    char field[2 * COOP_MAX_TOKEN_LEN + 2], what[COOP_MAX_TOKEN_LEN + 64];
    snprintf(field, sizeof field, "%s.%s", s, f); /* a bid's field is the attribute "TENDER.FIELD" */
    if (ru && ru->tender && names_get(&m->attr_idx, field) >= m->nactor_attrs) {
        diag_at(d, src, c->obj.loc, COOP_ERROR, "'%s' is a tender, not an actor: a bid's field is changed as "
                "bid(%s, BIDDER).%s", s, s, f);
        return;
    }
    int factor = -1;
    for (int i = 0; ru && i < ru->nf; i++)
        if (strcmp(ru->f[i].name, f) == 0) factor = i;
    if ((ru && ru->tender && words_tender_setting(f)) || (!ru && strcmp(f, "term") == 0))
        snprintf(what, sizeof what, "its %s is", f);
    else if (factor >= 0) snprintf(what, sizeof what, "its factor '%s' and the weights of its score are", f);
    else snprintf(what, sizeof what, "its settings, weights and conditions are");
    diag_at(d, src, c->obj.loc, COOP_ERROR, "'%s' is %s, not an actor: %s part of its declaration, not of the world a "
            "what-if changes; to try another value, declare %s '%s' again (in the REPL; undo restores it), "
            "or make the value a parameter (param NAME = VALUE), which a what-if changes", s,
            ru ? (ru->tender ? "a tender" : "a partnership") : "a contract", what, ru ? rule_noun(ru) : "contract", s);
}

int resolve_param_target(const model *m, const coop_world *w, const source *src, const change *c, coop_diags *d)
{
    int p = names_get(&m->param_idx, c->obj.s), at = names_get(&m->attr_idx, c->obj.s), who = -1;
    if (p >= 0) return p;
    arena a;
    arena_init(&a);
    for (int i = 0; at >= 0 && at < m->nactor_attrs && w && who < 0 && i < m->nactors; i++)
        if (w->has[at][i]) who = i; /* the first actor that has the attribute */
    const char *axis = !c->value ? "an axis" : "a change", *value = c->value ? ast_text(&a, c->value) : NULL;
    if (names_get(&m->actor_idx, c->obj.s) >= 0) /* `acme = 1`: an attribute of it, most likely */
        diag_at(d, src, c->obj.loc, COOP_ERROR, "'%s' is an actor, not a parameter: %s names one of its "
                "attributes, like %s.ATTRIBUTE%s%s", c->obj.s, axis, c->obj.s, value ? " = " : "", value ? value : "");
    else if (at >= 0 && at < m->nactor_attrs) /* `capacity = 1`: of an actor */
        diag_at(d, src, c->obj.loc, COOP_ERROR, "'%s' is an attribute, not a parameter: %s names it of an actor, "
                "like %s.%s%s%s", c->obj.s, axis, who >= 0 ? m->actors[who].name : "ACTOR", c->obj.s,
                value ? " = " : "", value ? value : "");
    else
        suggest_unknown(d, src, c->obj.loc, m, c->obj.s, SUGGEST_PARAM);
    arena_free(&a);
    return -1;
}

int resolve_change_target(const model *m, const coop_world *w, const source *src, arena *a, const change *c,
                          event_change *t, coop_diags *d)
{
    t->is_rel = c->is_rel;
    t->is_param = c->is_param;
    t->actor = t->attr = t->rel = t->param = -1;
    if (c->is_bid) return resolve_bid(m, src, a, c, &t->actor, &t->attr, d);
    if (c->is_param) return (t->param = resolve_param_target(m, w, src, c, d)) < 0 ? -1 : 0;
    suggest sg;
    if (!c->is_rel) {
        t->actor = names_get(&m->actor_idx, c->obj.s);
        t->attr = names_get(&m->attr_idx, c->attr.s);
        if (t->attr >= m->nactor_attrs) t->attr = -1; /* a bid's field is named bid(T, x).F */
        char hint[512], fix[COOP_MAX_TOKEN_LEN + 2];
        snprintf(fix, sizeof fix, "%s.", c->obj.s);
        if (t->actor < 0)
            resolve_change_actor(m, src, c, d);
        else if (t->attr < 0 && *resolve_field_hint(m, w, c->attr.s, t->actor, hint, sizeof hint)) /* of its bid */
            diag_at(d, src, c->attr.loc, COOP_ERROR, "no actor has an attribute '%s'%s", c->attr.s, hint);
        else if (t->attr < 0 && !suggest_wrong_class(d, src, c->attr.loc, m, c->attr.s, SUGGEST_ATTR, fix))
            diag_at(d, src, c->attr.loc, COOP_ERROR, "no actor has an attribute '%s'%s", c->attr.s,
                    suggest_in(&sg, c->attr.s, m, SUGGEST_ATTR, d));
        return t->actor < 0 || t->attr < 0 ? -1 : 0;
    }
    t->rel = names_get(&m->callables, c->obj.s);
    if (t->rel < 0) { /* a partnership's verdict is no value to set */
        suggest_unknown(d, src, c->obj.loc, m, c->obj.s, SUGGEST_REL);
        return -1;
    }
    const relation_info *rel = &m->rels[t->rel];
    if (c->nargs != rel->arity) {
        diag_at(d, src, c->loc, COOP_ERROR, "relation '%s' takes %d argument%s, not %d", c->obj.s, rel->arity,
                rel->arity == 1 ? "" : "s", c->nargs);
        return -1;
    }
    for (int i = 0; i < c->nargs; i++) {
        const name *an = &c->args[i];
        t->args[i] = names_get(&m->actor_idx, an->s);
        if (t->args[i] < 0) {
            suggest_unknown(d, src, an->loc, m, an->s, SUGGEST_ACTOR);
            return -1;
        }
        int k = m->actors[t->args[i]].kind;
        if (!model_is_a(m, k, rel->kinds[i])) {
            diag_at(d, src, an->loc, COOP_ERROR, "relation '%s' expects kind '%s' as argument %d, but '%s' is of kind '%s'",
                    c->obj.s, m->kinds[rel->kinds[i]].name, i + 1, an->s, m->kinds[k].name);
            return -1;
        }
    }
    return 0;
}

int resolve_number(const model *m, const source *src, arena *a, const expr *e, double *v, vtype *type, coop_diags *d)
{
    R r0, *r = &r0;
    rsv_start(r, m, NULL, src, a, d);
    rexpr *x = rsv_constant(r, e, "a change's value");
    int rc = -1;
    if (x && !rsv_is_num(x->type))
        ERR(e->loc, "a change's value must be a number or true/false, but this is %s", rsv_type_name(x->type));
    else if (x) {
        *v = x->num;
        *type = x->type;
        rc = 0;
    }
    rsv_end(r);
    return rc;
}
