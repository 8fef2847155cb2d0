/*
 * resolve_world.c - the declared world: the actors (their names and kinds
 * join the model), the type of each attribute name across them, every
 * attribute value, and the relation values set for tuples.
 */
#include <string.h>

#include "decl.h"
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
        if (d->k == D_DATA && d->u.data->actors && names_get(&m->kind_idx, d->u.data->kind.s) < 0)
            rsv_unknown(r, d->u.data->kind.loc, d->u.data->kind.s, SUGGEST_KIND); /* once for its records */
        for (int j = 0; d->k == D_DATA && j < d->u.data->nlost_actors; j++) /* records said to be bad */
            rsv_failed(r, d->u.data->lost_actors[j], SUGGEST_ACTOR);
        for (int j = 0; d->k == D_DATA && j < d->u.data->nlost_attrs; j++)
            rsv_failed(r, d->u.data->lost_attrs[j], SUGGEST_ATTR);
        if (d->k != D_ACTOR) continue;
        int kind = names_get(&m->kind_idx, d->u.actor.kind.s);
        if (kind < 0) { /* still an actor: later uses of it are not unknown */
            if (!d->from_data) rsv_unknown(r, d->u.actor.kind.loc, d->u.actor.kind.s, SUGGEST_KIND);
            rsv_failed(r, d->n.s, SUGGEST_ACTOR);
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
        a->row = d->from_data ? d : NULL;
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
static void attr_type(R *r, const char *an, const attrdef *ad, vtype t, attrvec *attrs, locvec *first)
{
    model *m = r->mm;
    int at = names_get(&m->attr_idx, an);
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
        attr_info ai = {an, t, an == ad->n.s ? NULL : strchr(an, '.') + 1};
        names_put(&m->attr_idx, an, (int)attrs->n);
        vec_push(*attrs, ai);
        vec_push(*first, ad->n.loc);
    } else if (attrs->v[at].type != t) {
        if (rsv_is_num(t) && rsv_is_num(attrs->v[at].type)) attrs->v[at].type = T_NUM;
        else {
            ERR(ad->value->loc, "%s '%s' is %s here but %s where it first appears", an == ad->n.s ? "attribute" : "bid field",
                ad->n.s, rsv_type_name(t), rsv_type_name(attrs->v[at].type));
            NOTE(first->v[at], "'%s' first appears here", ad->n.s);
        }
    }
}

/* An attribute value to store: actor `actor` sets attribute `name` (a
 * bid's field is "TENDER.FIELD" of its bidder). */
typedef struct attrval {
    int actor;
    const char *name;
    const attrdef *ad;
    const decl *d;        /* the actor's or the bid's declaration */
} attrval;
typedef VEC(attrval) attrvals;

/* Every attribute value: the actors' in declaration order, then the bids'
 * (whose bidders are known). */
static void attr_values(R *r, const program *p, const decl **decls, attrvals *out)
{
    const model *m = r->m;
    for (int i = 0; i < m->nactors; i++) {
        const decl *d = decls[i];
        for (int j = 0; j < d->u.actor.n; j++) {
            attrval v = {i, d->u.actor.attrs[j].n.s, &d->u.actor.attrs[j], d};
            vec_push(*out, v);
        }
    }
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        int a = d->k == D_BID ? names_get(&m->actor_idx, d->u.bid.bidder.s) : -1;
        for (int j = 0; a >= 0 && j < d->u.bid.n; j++) {
            attrval v = {a, rsv_bid_field(r, d->u.bid.tender.s, d->u.bid.attrs[j].n.s), &d->u.bid.attrs[j], d};
            vec_push(*out, v);
        }
    }
}

/* Value i of vs, if its declaration set the same name before. */
static void set_twice(R *r, const attrval *vs, size_t i)
{
    const model *m = r->m;
    for (size_t k = i; k-- > 0 && vs[k].d == vs[i].d;)
        if (strcmp(vs[k].name, vs[i].name) == 0) {
            if (vs[i].name == vs[i].ad->n.s)
                ERR(vs[i].ad->n.loc, "actor '%s' sets attribute '%s' twice", m->actors[vs[i].actor].name, vs[i].ad->n.s);
            else
                ERR(vs[i].ad->n.loc, "the bid of '%s' for tender '%s' sets '%s' twice", vs[i].d->u.bid.bidder.s,
                    vs[i].d->u.bid.tender.s, vs[i].ad->n.s);
            return;
        }
}

/* Every attribute value into vals (in the order of vs), the names' types
 * into the model. */
static void attr_schema(R *r, const attrvals *vs, rexvec *vals)
{
    model *m = r->mm;
    attrvec attrs = {0};
    locvec first = {0};
    for (size_t i = 0; i < vs->n; i++) {
        const attrval *v = &vs->v[i];
        set_twice(r, vs->v, i);
        rexpr *x = rsv_constant(r, v->ad->value, v->name == v->ad->n.s ? "an attribute's value" : "a bid's field");
        vec_push(*vals, x);
        attr_type(r, v->name, v->ad, x ? x->type : T_ERR, &attrs, &first);
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
    while (m->nactor_attrs < m->nattrs && !m->attrs[m->nactor_attrs].field) m->nactor_attrs++;
    vec_free(attrs);
    vec_free(first);
}

void rsv_actors(R *r, const program *p)
{
    const decl **decls;
    actor_names(r, p, &decls);
    attrvals vs = {0};
    attr_values(r, p, decls, &vs);
    rexvec vals = {0};
    attr_schema(r, &vs, &vals);
    model *m = r->mm;
    coop_world *w = r->w = world_new(m);
    size_t sw = (size_t)w->setwords;
    int nown = 0; /* the actors' values come first in vs, each actor's together */
    m->actor_attrs = arena_alloc(r->a, (vs.n + 1) * sizeof *m->actor_attrs);
    for (size_t vi = 0; vi < vs.n; vi++) {
        int i = vs.v[vi].actor, at = names_get(&m->attr_idx, vs.v[vi].name);
        rexpr *x = vals.v[vi];
        if (at < 0) continue;
        if (vs.v[vi].d->k == D_ACTOR) {
            if (!m->actors[i].nattrs) m->actors[i].attrs = nown;
            m->actors[i].nattrs++;
            m->actor_attrs[nown++] = at;
        }
        w->has[at][i] = 1; /* even when the value is in error: see attr_type */
        if (!x || (x->type == T_SET) != (m->attrs[at].type == T_SET)) continue;
        if (m->attrs[at].type == T_SET) {
            if (x->k == R_SETCONST) memcpy(world_set_of(w, at, i), x->bits, sw * sizeof(uint64_t));
        } else
            w->num[at][i] = x->num;
    }
    r->actor_decls = decls; /* for what rules say of the actors */
    vec_free(vals);
    vec_free(vs);
}

/* A data declaration's relation values, checked once for all its
 * records: the relation is one, and a record has its arity of actors and
 * a value.  0, or -1 after saying why. */
static int data_relation(R *r, const decl *dd)
{
    const model *m = r->m;
    const data_def *x = dd->u.data;
    int c = names_get(&m->callables, dd->n.s);
    if (c < 0) {
        rsv_unknown(r, dd->n.loc, dd->n.s, SUGGEST_REL);
        return -1;
    }
    int arity = m->rels[c].arity;
    if (x->ncols != arity + 1) {
        coop_loc at = x->cols[0].loc;
        at.end_line = x->cols[x->ncols - 1].loc.end_line;
        at.end_col = x->cols[x->ncols - 1].loc.end_col;
        ERR(at, "relation '%s' takes %d actor%s: a record of its values is %d column%s, its actors then the value; "
            "this header has %d", dd->n.s, arity, arity == 1 ? "" : "s", arity + 1, arity ? "s" : "", x->ncols);
        NOTE(m->rels[c].loc, "relation '%s' is declared here", dd->n.s);
        return -1;
    }
    return 0;
}

/* `r(a, b) = v` for one declaration: the actors and the value; 0, or -1
 * (reported).  A record of a data declaration says each unknown actor
 * once (`said`: the names said for the declaration). */
static int relvalue(R *r, const decl *d, int *act, double *v, names *said)
{
    const model *m = r->m;
    int c = names_get(&m->callables, d->n.s);
    if (c < 0) { /* partnerships are resolved later: not yet among the names */
        rsv_unknown(r, d->n.loc, d->n.s, SUGGEST_REL);
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
            if (!d->from_data || names_put(said, an->s, 1) < 0) rsv_unknown(r, an->loc, an->s, SUGGEST_ACTOR);
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
    /* with case data, where each tuple is first set: a value read from a
     * file is set once, and a second is an error with both places */
    int data = 0;
    for (int i = 0; i < p->n && !data; i++) data = p->v[i]->from_data != NULL;
    arena keys_mem;
    arena_init(&keys_mem);
    names keys = {0}, said = {0};
    const decl *bad = NULL; /* the last data declaration of values found wrong: its records are not read */
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k == D_DATA && !d->u.data->actors) { /* its records follow it */
            names_free(&said);
            if (data_relation(r, d) < 0) bad = d;
        }
        if (d->k != D_RELSET || (d->from_data && d->from_data == bad)) continue;
        int act[COOP_MAX_PARAMS], existed;
        double v;
        int c = relvalue(r, d, act, &v, &said);
        if (c < 0) continue;
        world_rel_set(r->w, c, act, v, &existed);
        const char *key = data ? decl_class_of(D_RELSET)->key(&keys_mem, d) : NULL;
        int first = key ? names_put(&keys, key, i) : -1;
        if (!existed) continue;
        char tuple[512];
        size_t len = (size_t)snprintf(tuple, sizeof tuple, "%s(", d->n.s);
        for (int j = 0; j < d->u.relset.n && len < sizeof tuple; j++)
            len += (size_t)snprintf(tuple + len, sizeof tuple - len, "%s%s", j ? ", " : "", d->u.relset.args[j].s);
        const decl *was = first >= 0 ? p->v[first] : NULL;
        if (was && (was->from_data || d->from_data)) {
            ERR(d->loc, "%s) is set twice, and one of them is read from a file: a value of case data is set once "
                "(to change it, edit the file, or use set in coop repl)", tuple);
            NOTE(was->loc, "it is set here first");
            names_put(&keys, key, first);
        } else
            WARN(d->loc, "%s) is set twice; the later value wins", tuple);
    }
    names_free(&keys);
    names_free(&said);
    arena_free(&keys_mem);
}
