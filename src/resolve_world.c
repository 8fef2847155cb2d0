/*
 * resolve_world.c - the declared world: the actors (their names and kinds
 * join the model), the type of each attribute name across them, every
 * attribute value, and the relation values set for tuples.
 */
#include <string.h>

#include "resolver.h"

/* The actors' names, kinds and labels; their declarations into *decls. */
static void actor_names(R *r, const program *p, const decl ***decls)
{
    model *m = r->mm;
    int n = 0;
    for (int i = 0; i < p->n; i++) n += p->v[i]->k == D_ACTOR;
    m->actors = arena_alloc(r->a, ((size_t)n + 1) * sizeof *m->actors);
    *decls = mem_calloc((size_t)n + 1, sizeof **decls);
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_ACTOR) continue;
        int kind = names_get(&m->kind_idx, d->u.actor.kind.s);
        if (kind < 0) {
            suggest sg;
            ERR(d->u.actor.kind.loc, "unknown kind '%s'%s", d->u.actor.kind.s, NEAR(sg, d->u.actor.kind.s, SUGGEST_KIND));
            continue;
        }
        int old = names_get(&m->actor_idx, d->n.s);
        if (old >= 0) {
            ERR(d->n.loc, "actor '%s' is declared twice", d->n.s);
            NOTE(m->actors[old].loc, "the first declaration is here");
            continue;
        }
        actor_info *a = &m->actors[m->nactors];
        a->name = d->n.s;
        a->kind = kind;
        a->label = d->u.actor.label;
        a->loc = d->n.loc;
        (*decls)[m->nactors] = d;
        names_put(&m->actor_idx, d->n.s, m->nactors++);
    }
}

typedef VEC(attr_info) attrvec;
typedef VEC(coop_loc) locvec;
typedef VEC(rexpr *) rexvec;

/* One attribute value's type joins its name's: the first value that works
 * sets it; true/false mixed with numbers makes a number; anything else
 * mixed is an error. */
static void attr_type(R *r, const attrdef *ad, vtype t, attrvec *attrs, locvec *first)
{
    model *m = r->mm;
    int at = names_get(&m->attr_idx, ad->n.s);
    /* a value in error still declares the name (as T_ERR), so rules
     * reading it do not add a "no attribute" error */
    if (at >= 0 && (t == T_ERR || attrs->v[at].type == T_ERR)) {
        if (attrs->v[at].type == T_ERR && t != T_ERR) {
            attrs->v[at].type = t;
            first->v[at] = ad->n.loc;
        }
        return;
    }
    if (at < 0) {
        attr_info ai = {ad->n.s, t};
        names_put(&m->attr_idx, ad->n.s, (int)attrs->n);
        vec_push(*attrs, ai);
        vec_push(*first, ad->n.loc);
    } else if (attrs->v[at].type != t) {
        if (rsv_is_num(t) && rsv_is_num(attrs->v[at].type)) attrs->v[at].type = T_NUM;
        else {
            ERR(ad->value->loc, "attribute '%s' is %s here but %s where it first appears",
                ad->n.s, rsv_type_name(t), rsv_type_name(attrs->v[at].type));
            NOTE(first->v[at], "'%s' first appears here", ad->n.s);
        }
    }
}

/* Every attribute value in declaration order into vals, the names' types
 * into the model. */
static void attr_schema(R *r, const decl **decls, rexvec *vals)
{
    model *m = r->mm;
    attrvec attrs = {0};
    locvec first = {0};
    for (int i = 0; i < m->nactors; i++) {
        const decl *d = decls[i];
        for (int j = 0; j < d->u.actor.n; j++) {
            const attrdef *ad = &d->u.actor.attrs[j];
            for (int k = 0; k < j; k++)
                if (strcmp(d->u.actor.attrs[k].n.s, ad->n.s) == 0) {
                    ERR(ad->n.loc, "actor '%s' sets attribute '%s' twice", d->n.s, ad->n.s);
                    break;
                }
            rexpr *x = rsv_constant(r, ad->value, "an attribute's value");
            vec_push(*vals, x);
            attr_type(r, ad, x ? x->type : T_ERR, &attrs, &first);
        }
    }
    if ((long)attrs.n * m->nactors > COOP_MAX_ATTR_CELLS) {
        ERR(first.v[0], "%d actors with %zu attribute names make %ld attribute cells; the limit is %ld",
            m->nactors, attrs.n, (long)attrs.n * m->nactors, COOP_MAX_ATTR_CELLS);
        attrs.n = 0; /* store none: the script does not load */
        names_free(&m->attr_idx);
        r->fatal = 1;
    }
    m->nattrs = (int)attrs.n;
    m->attrs = arena_alloc(r->a, (attrs.n + 1) * sizeof *m->attrs);
    if (attrs.n) memcpy(m->attrs, attrs.v, attrs.n * sizeof *m->attrs);
    vec_free(attrs);
    vec_free(first);
}

void rsv_actors(R *r, const program *p)
{
    const decl **decls;
    actor_names(r, p, &decls);
    rexvec vals = {0};
    attr_schema(r, decls, &vals);
    const model *m = r->m;
    coop_world *w = r->w = world_new(m);
    size_t vi = 0, sw = (size_t)w->setwords;
    for (int i = 0; i < m->nactors; i++) {
        const decl *d = decls[i];
        for (int j = 0; j < d->u.actor.n; j++) {
            int at = names_get(&m->attr_idx, d->u.actor.attrs[j].n.s);
            rexpr *x = vals.v[vi++];
            if (at < 0) continue;
            w->has[at][i] = 1; /* even when the value is in error: see attr_type */
            if (!x || (x->type == T_SET) != (m->attrs[at].type == T_SET)) continue;
            if (m->attrs[at].type == T_SET) {
                if (x->k == R_SETCONST) memcpy(world_set_of(w, at, i), x->bits, sw * sizeof(uint64_t));
            } else
                w->num[at][i] = x->num;
        }
    }
    free(decls);
    vec_free(vals);
}

/* `r(a, b) = v` for one declaration: the actors and the value; 0, or -1
 * (reported). */
static int relvalue(R *r, const decl *d, int *act, double *v)
{
    const model *m = r->m;
    int c = names_get(&m->callables, d->n.s);
    if (c < 0) {
        suggest sg; /* partnerships are resolved later: not yet among the names */
        ERR(d->n.loc, "unknown relation '%s'%s", d->n.s, NEAR(sg, d->n.s, SUGGEST_REL));
        return -1;
    }
    const relation_info *rel = &m->rels[c];
    if (d->u.relset.n != rel->arity) {
        ERR(d->loc, "relation '%s' takes %d argument%s, not %d", d->n.s, rel->arity, rel->arity == 1 ? "" : "s",
            d->u.relset.n);
        return -1;
    }
    int ok = 1;
    for (int j = 0; j < rel->arity; j++) {
        const name *an = &d->u.relset.args[j];
        act[j] = names_get(&m->actor_idx, an->s);
        if (act[j] < 0) {
            suggest sg;
            ERR(an->loc, "unknown actor '%s'%s", an->s, NEAR(sg, an->s, SUGGEST_ACTOR));
            ok = 0;
            continue;
        }
        int k = m->actors[act[j]].kind;
        if (!model_is_a(m, k, rel->kinds[j])) {
            ERR(an->loc, "relation '%s' expects kind '%s' as argument %d, but '%s' is of kind '%s'", d->n.s,
                m->kinds[rel->kinds[j]].name, j + 1, an->s, m->kinds[k].name);
            ok = 0;
        }
    }
    rexpr *x = rsv_constant(r, d->u.relset.value, "a relation's value");
    if (x && !rsv_is_num(x->type)) {
        ERR(d->u.relset.value->loc, "relation '%s' holds numbers, but this is %s", d->n.s, rsv_type_name(x->type));
        x = NULL;
    }
    if (!ok || !x) return -1;
    if (rel->type == T_BOOL && x->type != T_BOOL) {
        ERR(d->u.relset.value->loc, "relation '%s' holds true/false (the type of its default), but this is a number",
            d->n.s);
        return -1;
    }
    *v = x->num;
    return c;
}

void rsv_relvalues(R *r, const program *p)
{
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_RELSET) continue;
        int act[COOP_MAX_PARAMS], existed;
        double v;
        int c = relvalue(r, d, act, &v);
        if (c < 0) continue;
        world_rel_set(r->w, c, act, v, &existed);
        if (existed) {
            char tuple[512];
            size_t len = (size_t)snprintf(tuple, sizeof tuple, "%s(", d->n.s);
            for (int j = 0; j < d->u.relset.n && len < sizeof tuple; j++)
                len += (size_t)snprintf(tuple + len, sizeof tuple - len, "%s%s", j ? ", " : "", d->u.relset.args[j].s);
            WARN(d->loc, "%s) is set twice; the later value wins", tuple);
        }
    }
}
