/*
 * resolve_syms.c - symbols that look like typos.  A set's members are free
 * vocabulary, so a misspelt one (`{helth}` beside `health`) would silently
 * make overlaps and memberships false; a symbol used once, close to one in
 * use, is warned about with the suggestion.
 */
#include "decl.h"
#include "resolver.h"

/* Most (symbol used once) x (symbol in use) pairs compared: past it, the
 * check is skipped (docs/language.md, Diagnostics). */
#define SYMS_MAX_PAIRS (1L << 20)

typedef struct use {
    const name *at; /* the first use */
    int n;          /* uses */
} use;

typedef struct uses {
    names idx;
    VEC(use) v;
} uses;

static void count_sym(void *ctx, const name *sym)
{
    uses *u = ctx;
    int i = names_get(&u->idx, sym->s);
    if (i >= 0) {
        u->v.v[i].n++;
        return;
    }
    names_put(&u->idx, sym->s, (int)u->v.n);
    use x = {sym, 1};
    vec_push(u->v, x);
}

static void count_expr(void *ctx, const expr *e) { rsv_each_sym(e, count_sym, ctx); }

/* A tender's requirement names are symbols (failed(T, x)), declared: never
 * a slip, and what a slip may be near. */
static void count_declared(uses *u, const decl *d)
{
    const tender_def *t = d->k == D_TENDER ? d->u.rule.tender : NULL;
    for (int i = 0; t && i < t->nreq; i++) {
        count_sym(u, &t->req[i].n);
        u->v.v[names_get(&u->idx, t->req[i].n.s)].n++;
    }
}

/* Starts the search for symbols near sym: stricter than for names, since
 * a symbol may be new on purpose. */
static void near_init(suggest *sg, const name *sym, coop_diags *d)
{
    suggest_init(sg, sym->s, d);
    sg->limit--;
    sg->prefixes = 0; /* `elder` beside `elderly` may be a word of its own */
}

static void near_warn(suggest *sg, const name *sym, const source *src, coop_diags *d)
{
    if (sg->best)
        diag_at(d, src, sym->loc, COOP_WARNING, "symbol '%s' appears nowhere else%s", sym->s, suggest_said(sg));
}

void resolve_symbol_new(const coop_world *w, const name *syms, int nsyms, const source *src, coop_diags *d)
{
    int n = world_nsyms(w);
    if ((long)n * nsyms > SYMS_MAX_PAIRS) return;
    for (int i = 0; i < nsyms; i++) {
        if (world_sym_find(w, syms[i].s) >= 0) continue;
        suggest sg;
        near_init(&sg, &syms[i], d);
        for (int k = 0; k < n; k++) suggest_offer(&sg, world_sym_name(w, k), 0);
        near_warn(&sg, &syms[i], src, d);
    }
}

void resolve_symbol_slips(const model *known, const program *p, const source *src, long *spent, coop_diags *d)
{
    long own = 0;
    if (!spent) spent = &own;
    uses u = {0};
    for (int i = 0; i < p->n; i++) {
        const decl_class *c = decl_class_of(p->v[i]->k);
        if (c->exprs) c->exprs(p->v[i], count_expr, &u);
        count_declared(&u, p->v[i]);
    }
    long once = 0, nknown = known ? known->nsyms : 0;
    for (size_t i = 0; i < u.v.n; i++) once += u.v.v[i].n == 1;
    long pairs = once * (nknown + (long)u.v.n);
    if (*spent + pairs > SYMS_MAX_PAIRS) {
        *spent = SYMS_MAX_PAIRS + 1; /* and no more checks on this count */
        once = 0;
    } else *spent += pairs;
    for (size_t i = 0; once && i < u.v.n; i++) {
        const name *at = u.v.v[i].at;
        if (u.v.v[i].n > 1 || (known && names_get(&known->sym_idx, at->s) >= 0)) continue;
        suggest sg;
        near_init(&sg, at, d);
        for (long k = 0; k < nknown; k++) suggest_offer(&sg, known->syms[k], 0);
        for (size_t j = 0; j < u.v.n; j++)
            if (j != i && (j < i || u.v.v[j].n > 1)) suggest_offer(&sg, u.v.v[j].at->s, 0);
        near_warn(&sg, at, src, d);
    }
    names_free(&u.idx);
    vec_free(u.v);
}
